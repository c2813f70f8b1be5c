/*
 * sshd.c — the OpenSSH server's messages (the login service 3.1.5.1(2)(e) is mostly about): every
 * failure and success form of current and older OpenSSH releases, IPv4 and IPv6 (with %scope),
 * "message repeated N times: [ … ]", "error:"/"fatal:" prefixes and the "[preauth]" suffix.
 *
 * Messages are matched against a table of small patterns (see match()): literal text with
 * placeholders for the user name, address, port, method and counts. A user name is taken up to
 * the LAST place where the rest of the pattern matches, so a crafted name such as
 * "x from 6.6.6.6" cannot make the line name someone else's address (log injection).
 * Also here: the lw_decode dispatch, address parsing and the names of actions and outcomes.
 */
#include "logwatch/logwatch.h"

#include <arpa/inet.h>
#include <string.h>

bool lw_addr_parse(const char *s, size_t n, int *family, uint8_t addr[16])
{
    char buf[64];
    const char *pct = memchr(s, '%', n);
    if (pct)
        n = (size_t)(pct - s);
    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    memset(addr, 0, 16);
    if (!memchr(buf, ':', n)) {
        if (pct || inet_pton(AF_INET, buf, addr) != 1)
            return false;
        *family = 4;
        return true;
    }
    if (inet_pton(AF_INET6, buf, addr) != 1)
        return false;
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(addr, mapped, 12) == 0) {
        memmove(addr, addr + 12, 4);
        memset(addr + 4, 0, 12);
        *family = 4;
    } else {
        *family = 6;
    }
    return true;
}

static bool addr_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
           c == '.';
}

static bool scope_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '-' || c == '.';
}

/* What a pattern captured. */
struct caps {
    struct lw_slice user, method, addr;
    int family;
    uint8_t bytes[16];
    uint32_t port, count;
};

/* Finds the last occurrence of lit[0..ln) in s[0..n) at or before `before`; -1 if none. */
static long last_of(const char *s, size_t n, const char *lit, size_t ln, long before)
{
    if (ln > n)
        return -1;
    long start = (long)(n - ln);
    if (before < start)
        start = before;
    for (long i = start; i >= 0; i--)
        if (s[i] == lit[0] && memcmp(s + i, lit, ln) == 0)
            return i;
    return -1;
}

/*
 * Pattern language (a pattern matches a prefix of the message; the rest is ignored):
 *   text  itself
 *   %u    user name: one or more bytes, up to the last place where the rest matches
 *   %*    any bytes (possibly none), up to the first place where the rest matches
 *   %a    an IPv4/IPv6 address (IPv6 may carry a %scope, left out of the capture)
 *   %p    a port number (digits)
 *   %n    a count (digits)
 *   %w    a word (no spaces), e.g. the method "password"
 * Recursion depth is bounded by the number of placeholders of the pattern (≤ 6).
 */
static bool match(const char *pat, const char *s, size_t n, struct caps *c)
{
    while (*pat) {
        if (*pat != '%') {
            if (!n || *s != *pat)
                return false;
            pat++, s++, n--;
            continue;
        }
        char kind = pat[1];
        pat += 2;
        switch (kind) {
        case 'u':
        case '*': {
            size_t ln = strcspn(pat, "%");
            if (ln == 0) { /* the pattern ends (or a placeholder follows): take the rest */
                if (kind == 'u') {
                    if (!n)
                        return false;
                    c->user = (struct lw_slice){s, n};
                }
                return *pat == '\0';
            }
            if (kind == 'u') {
                for (long at = last_of(s, n, pat, ln, (long)n); at > 0;
                     at = last_of(s, n, pat, ln, at - 1)) {
                    struct caps save = *c;
                    if (match(pat, s + at, n - (size_t)at, c)) {
                        c->user = (struct lw_slice){s, (size_t)at};
                        return true;
                    }
                    *c = save;
                }
                return false;
            }
            for (size_t at = 0; at + ln <= n; at++) {
                if (s[at] != pat[0] || memcmp(s + at, pat, ln) != 0)
                    continue;
                struct caps save = *c;
                if (match(pat, s + at, n - at, c))
                    return true;
                *c = save;
            }
            return false;
        }
        case 'a': {
            size_t i = 0;
            while (i < n && addr_char(s[i]))
                i++;
            size_t end = i;
            if (i < n && s[i] == '%') {
                i++;
                while (i < n && scope_char(s[i]))
                    i++;
            }
            /* "from 95.9.156.208: 3: …": a colon ending the address belongs to the text */
            if (!lw_addr_parse(s, end, &c->family, c->bytes)) {
                if (end == i && end > 1 && s[end - 1] == ':' &&
                    lw_addr_parse(s, end - 1, &c->family, c->bytes))
                    end = i = end - 1;
                else
                    return false;
            }
            c->addr = (struct lw_slice){s, end};
            s += i, n -= i;
            break;
        }
        case 'p':
        case 'n': {
            size_t i = 0;
            uint32_t v = 0;
            while (i < n && i < 10 && s[i] >= '0' && s[i] <= '9')
                v = v * 10 + (uint32_t)(s[i++] - '0');
            if (!i || (kind == 'p' && v > 65535))
                return false;
            if (kind == 'p')
                c->port = v;
            else
                c->count = v;
            s += i, n -= i;
            break;
        }
        case 'w': {
            size_t i = 0;
            while (i < n && s[i] != ' ')
                i++;
            if (!i)
                return false;
            c->method = (struct lw_slice){s, i};
            s += i, n -= i;
            break;
        }
        default:
            return false;
        }
    }
    return true;
}

struct sshd_pattern {
    const char *pat;
    enum lw_action action;
    enum lw_outcome outcome;
    unsigned flags;
};

/* Order matters where one pattern is a prefix of another: the specific form comes first. */
static const struct sshd_pattern patterns[] = {
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

static bool starts(struct lw_slice m, const char *lit)
{
    size_t l = strlen(lit);
    return m.n >= l && memcmp(m.p, lit, l) == 0;
}

static bool ends(struct lw_slice m, const char *lit)
{
    size_t l = strlen(lit);
    return m.n >= l && memcmp(m.p + m.n - l, lit, l) == 0;
}

bool lw_decode_sshd(struct lw_event *ev)
{
    struct lw_slice m = ev->msg;
    unsigned flags = 0;
    uint32_t repeat = 1;
    /* "message repeated 3 times: [ Failed password for root from 1.2.3.4 port 22 ssh2]" */
    if (starts(m, "message repeated ")) {
        struct caps c = {0};
        if (match("message repeated %n times: [ ", m.p, m.n, &c) && c.count > 0) {
            size_t skip = strlen("message repeated  times: [ ");
            for (uint32_t v = c.count; v; v /= 10)
                skip++;
            m.p += skip, m.n -= skip;
            if (m.n && m.p[m.n - 1] == ']')
                m.n--;
            repeat = c.count;
        }
    }
    if (starts(m, "error: "))
        m.p += 7, m.n -= 7;
    else if (starts(m, "fatal: "))
        m.p += 7, m.n -= 7;
    while (m.n && m.p[m.n - 1] == ' ')
        m.n--;
    if (ends(m, " [preauth]")) {
        m.n -= 10;
        flags |= LW_F_PREAUTH;
    }
    for (size_t i = 0; i < AG_ARRAY_LEN(patterns); i++) {
        const struct sshd_pattern *pt = &patterns[i];
        if (m.n == 0 || m.p[0] != pt->pat[0])
            continue;
        struct caps c = {0};
        if (!match(pt->pat, m.p, m.n, &c))
            continue;
        ev->action = pt->action;
        ev->outcome = pt->outcome;
        ev->flags = flags | pt->flags;
        ev->user = c.user;
        if (pt->flags & LW_F_ROOT)
            ev->user = (struct lw_slice){"root", 4};
        ev->method = c.method;
        ev->src = c.addr;
        ev->src_family = c.family;
        memcpy(ev->src_addr, c.bytes, 16);
        ev->src_port = (uint16_t)c.port;
        ev->repeat = repeat;
        ev->decoder = "sshd";
        return true;
    }
    return false;
}

static bool slice_is(struct lw_slice s, const char *lit)
{
    size_t l = strlen(lit);
    return s.n == l && memcmp(s.p, lit, l) == 0;
}

bool lw_decode(struct lw_event *ev)
{
    if (ev->program.n == 0 || slice_is(ev->program, "sshd") ||
        slice_is(ev->program, "sshd-session") || slice_is(ev->program, "sshd-auth"))
        return lw_decode_sshd(ev);
    /* a tag that is not a program ("auth.info:" in s6/runit logs): try by content */
    if (memchr(ev->program.p, '.', ev->program.n))
        return lw_decode_sshd(ev);
    return false;
}

bool lw_event_hostile(const struct lw_event *ev)
{
    switch (ev->action) {
    case LW_ACT_LOGIN:
        return ev->outcome == LW_OUT_FAILURE;
    case LW_ACT_PROBE:
        return true;
    case LW_ACT_DISCONNECT:
        return (ev->flags & (LW_F_PREAUTH | LW_F_INVALID_USER)) != 0;
    case LW_ACT_NONE:
    case LW_ACT_INFO:
        break;
    }
    return false;
}

const char *lw_action_name(enum lw_action a)
{
    static const char *const names[] = {"none", "login", "probe", "disconnect", "info"};
    return (unsigned)a < AG_ARRAY_LEN(names) ? names[a] : "none";
}

const char *lw_outcome_name(enum lw_outcome o)
{
    static const char *const names[] = {"unknown", "success", "failure"};
    return (unsigned)o < AG_ARRAY_LEN(names) ? names[o] : "unknown";
}
