/*
 * sshd.c — the OpenSSH server's messages (the login service 3.1.5.1(2)(e) is mostly about): every
 * failure and success form of current and older OpenSSH releases, IPv4 and IPv6 (with %scope),
 * "message repeated N times: [ … ]", "error:"/"fatal:" prefixes and the "[preauth]" suffix.
 *
 * Messages are matched against a table of small patterns (match.c, language in logwatch_int.h):
 * literal text with placeholders for the user name, address, port, method and counts. A user
 * name is taken up to the LAST place where the rest of the pattern matches, so a crafted name
 * such as "x from 6.6.6.6" cannot make the line name someone else's address (log injection).
 */
#include "logwatch/logwatch_int.h"

#include <string.h>

/* Order matters where one pattern is a prefix of another: the specific form comes first. */
static const struct lw_pattern patterns[] = {
    {"Accepted %w for %u from %a port %p", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
    {"Failed %w for invalid user %u from %a port %p", LW_ACT_LOGIN, LW_OUT_FAILURE,
     LW_F_INVALID_USER},
    {"Failed %w for %u from %a port %p", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"Failed %w for invalid user %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"Failed %w for %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"Invalid user  from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"Invalid user %u from %a port %p", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"Invalid user %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"User %u from %a not allowed because ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"ROOT LOGIN REFUSED FROM %a", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_ROOT},
    {"PAM: authentication failure for illegal user %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE,
     LW_F_INVALID_USER},
    {"PAM: authentication failure for %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"PAM: Authentication error for illegal user %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE,
     LW_F_INVALID_USER},
    {"PAM: Authentication error for %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"PAM: unknown user for illegal user %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE,
     LW_F_INVALID_USER},
    {"maximum authentication attempts exceeded for invalid user %u from %a port %p", LW_ACT_LOGIN,
     LW_OUT_FAILURE, LW_F_INVALID_USER | LW_F_MAXTRIES},
    {"maximum authentication attempts exceeded for %u from %a port %p", LW_ACT_LOGIN,
     LW_OUT_FAILURE, LW_F_MAXTRIES},
    {"Disconnecting invalid user %u %a port %p: ", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"Disconnecting authenticating user %u %a port %p: ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"Connection closed by invalid user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN,
     LW_F_INVALID_USER},
    {"Connection reset by invalid user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN,
     LW_F_INVALID_USER},
    {"Connection closed by authenticating user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN,
     0},
    {"Connection reset by authenticating user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Disconnected from invalid user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN,
     LW_F_INVALID_USER},
    {"Disconnected from authenticating user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Disconnected from user %u %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Disconnected from %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Connection closed by %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Connection closed by %a", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Connection reset by %a port %p", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Connection reset by %a", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, 0},
    {"Did not receive identification string from %a", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"Bad protocol version identification %* from %a", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"banner exchange: Connection from %a port %p: ", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"Unable to negotiate with %a port %p: ", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"Timeout before authentication for connection from %a", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"Timeout before authentication for %a port %p", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"drop connection #%n from [%a]:%p on ", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"Received disconnect from %a port %p:", LW_ACT_INFO, LW_OUT_UNKNOWN, 0},
    {"Received disconnect from %a: ", LW_ACT_INFO, LW_OUT_UNKNOWN, 0},
};
LW_TABLE_LIT(patterns);

static bool ends(struct lw_slice m, const char *lit)
{
    size_t l = strlen(lit);
    return m.n >= l && memcmp(m.p + m.n - l, lit, l) == 0;
}

bool lw_decode_sshd(struct lw_event *ev)
{
    struct lw_slice m = ev->msg;
    unsigned flags = 0;
    if (lw_starts(m, "error: ") || lw_starts(m, "fatal: "))
        m.p += 7, m.n -= 7;
    while (m.n && m.p[m.n - 1] == ' ')
        m.n--;
    if (ends(m, " [preauth]")) {
        m.n -= 10;
        flags |= LW_F_PREAUTH;
    }
    if (!lw_match_table(LW_TABLE(patterns), m, flags, "sshd", ev))
        return false;
    if (ev->flags & LW_F_ROOT)
        ev->user = (struct lw_slice){"root", 4};
    return true;
}
