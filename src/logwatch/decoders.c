/*
 * decoders.c — the decoders other than sshd, and the dispatch by program (lw_decode).
 *
 * Each decoder is a table of patterns (language in logwatch_int.h) for one family of programs:
 * PAM (any program's pam_unix / pam_faillock lines), sudo, su, login, account management
 * (useradd, usermod, userdel, groupadd, gpasswd, passwd, chage), mail servers (Postfix with
 * postscreen, Dovecot, Exim, Courier, Cyrus, OpenSMTPD), FTP servers (vsftpd, ProFTPD,
 * Pure-FTPd, BSD ftpd) and OpenVPN. The forms come from the programs' documentation and their
 * real log lines (sshguard's test corpus has many; tests/integration/test_logwatch_sshguard.sh).
 */
#include "logwatch/logwatch_int.h"

#include <stdatomic.h>
#include <string.h>
#include <threads.h>

/* ---- PAM: "pam_unix(sshd:auth): authentication failure; logname= uid=0 … rhost=1.2.3.4 user=x" */

/* The values of rhost=, user= and ruser= in a PAM key=value list (each up to the next space;
 * the first token, at the start or after a space, that starts with the key), in one pass. */
struct pam_kv {
    struct lw_slice rhost, user, ruser;
};

static void kv_take(struct lw_slice m, size_t i, size_t kl, struct lw_slice *out)
{
    if (out->p)
        return; /* the first one counts */
    size_t s = i + kl;
    const char *sp = memchr(m.p + s, ' ', m.n - s);
    out->p = m.p + s;
    out->n = sp ? (size_t)(sp - m.p) - s : m.n - s;
}

static void pam_kv(struct lw_slice m, struct pam_kv *kv)
{
    *kv = (struct pam_kv){{NULL, 0}, {NULL, 0}, {NULL, 0}};
    for (size_t i = 0; i < m.n;) { /* at the start and after each space */
        size_t left = m.n - i;
        const char *t = m.p + i;
        if (t[0] == 'r' && left >= 6 && memcmp(t, "rhost=", 6) == 0)
            kv_take(m, i, 6, &kv->rhost);
        else if (t[0] == 'r' && left >= 6 && memcmp(t, "ruser=", 6) == 0)
            kv_take(m, i, 6, &kv->ruser);
        else if (t[0] == 'u' && left >= 5 && memcmp(t, "user=", 5) == 0)
            kv_take(m, i, 5, &kv->user);
        const char *sp = memchr(t, ' ', left);
        if (!sp)
            break;
        i = (size_t)(sp - m.p) + 1;
    }
}

static const struct lw_pattern pam_patterns[] = {
    {"pam_unix(%*): authentication failure; ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"PAM %n more authentication failures; ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"pam_unix(%*): check pass; user unknown", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"pam_faillock(%*): Consecutive login failures for user %u account temporarily locked",
     LW_ACT_LOCKOUT, LW_OUT_UNKNOWN, 0},
    {"pam_unix(passwd:chauthtok): password changed for %u", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS,
     0},
    {"pam_unix(%*): session opened for user %U(", LW_ACT_INFO, LW_OUT_SUCCESS, 0},
    {"pam_unix(%*): session opened for user %u by ", LW_ACT_INFO, LW_OUT_SUCCESS, 0},
    {"pam_unix(%*): session closed for user %u", LW_ACT_INFO, LW_OUT_UNKNOWN, 0},
};
LW_TABLE_LIT(pam_patterns);

/* Text after a marker. A table whose patterns each hold one marker (PAM: "): " after the
 * module, sudo: " : " after the user) keeps, per pattern, the literal text after it up to the
 * next placeholder (NULL: no marker, always tried), found once. */
struct after_marker {
    const char *after;
    size_t n;
    bool digit; /* nothing literal, then %n: a digit must follow the marker */
};

static void after_build(const struct lw_pattern *t, size_t n, const char *marker,
                        struct after_marker *out)
{
    for (size_t i = 0; i < n; i++) {
        const char *q = strstr(t[i].pat, marker);
        out[i].after = q ? q + 3 : NULL;
        out[i].n = q ? strcspn(q + 3, "%") : 0;
        out[i].digit = q && out[i].n == 0 && q[3] == '%' && q[4] == 'n';
    }
}

/* The patterns worth trying on m. A pattern's literal marker (three bytes) must lie on a
 * marker of the message; when the message has exactly one, only the patterns whose text after
 * it matches the message's can match (most messages: one or two patterns instead of all, each
 * of which scanned the message); with none or several, all are tried. The message is searched
 * for the marker's byte k, the rarest in such messages. */
static uint64_t marker_candidates(struct lw_slice m, const char *marker, size_t k,
                                  const struct after_marker *al, size_t n)
{
    if (m.n < 3)
        return ~(uint64_t)0;
    const char *q = NULL, *end = m.p + m.n;
    for (const char *p = m.p + k; p < end && (p = memchr(p, marker[k], (size_t)(end - p))) != NULL;
         p++) {
        const char *c = p - k;
        if (end - c >= 3 && c[0] == marker[0] && c[1] == marker[1] && c[2] == marker[2]) {
            if (q)
                return ~(uint64_t)0;
            q = c;
        }
    }
    if (!q)
        return ~(uint64_t)0;
    const char *a = q + 3;
    size_t left = (size_t)(end - a);
    uint64_t only = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = al[i].n;
        if (!al[i].after ||
            (left >= l && (l == 0 || (a[0] == al[i].after[0] && memcmp(a, al[i].after, l) == 0)) &&
             (!al[i].digit || (left && a[0] >= '0' && a[0] <= '9'))))
            only |= (uint64_t)1 << i;
    }
    return only;
}

static struct after_marker pam_after[AG_ARRAY_LEN(pam_patterns)];
static once_flag pam_after_once = ONCE_FLAG_INIT;

static void pam_after_build(void)
{
    after_build(pam_patterns, AG_ARRAY_LEN(pam_patterns), "): ", pam_after);
}

static uint64_t pam_candidates(struct lw_slice m)
{
    call_once(&pam_after_once, pam_after_build);
    return marker_candidates(m, "): ", 0, pam_after, AG_ARRAY_LEN(pam_patterns));
}

bool lw_decode_pam(struct lw_event *ev)
{
    if (!lw_match_table_only(LW_TABLE(pam_patterns), pam_candidates(ev->msg), ev->msg, 0, "pam",
                             ev))
        return false;
    if (ev->action == LW_ACT_LOGIN && ev->outcome == LW_OUT_FAILURE &&
        !(ev->flags & LW_F_INVALID_USER)) {
        /* the key=value list: rhost (an address, or a host name we cannot use) and user */
        struct pam_kv kv;
        pam_kv(ev->msg, &kv);
        ev->method = (struct lw_slice){NULL, 0};
        if (kv.rhost.n)
            (void)lw_addr_parse_text(kv.rhost.p, kv.rhost.n, &ev->src_family, ev->src_addr,
                                     &ev->src);
        if (kv.user.n)
            ev->user = kv.user;
        else if (!ev->user.n) /* su: the one asking is ruser */
            ev->user = kv.ruser;
    }
    return true;
}

/* ---- sudo: "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id" ---- */

static const struct lw_pattern sudo_patterns[] = {
    {"%u : %n incorrect password attempts ; %*USER=%t ; ", LW_ACT_PRIV, LW_OUT_FAILURE, 0},
    {"%u : %n incorrect password attempt ; %*USER=%t ; ", LW_ACT_PRIV, LW_OUT_FAILURE, 0},
    {"%u : user NOT in sudoers ; %*USER=%t ; ", LW_ACT_PRIV, LW_OUT_FAILURE, 0},
    {"%u : command not allowed ; %*USER=%t ; ", LW_ACT_PRIV, LW_OUT_FAILURE, 0},
    {"%u : TTY=%w ; PWD=%* ; USER=%t ; COMMAND=", LW_ACT_PRIV, LW_OUT_SUCCESS, 0},
    {"%u : PWD=%* ; USER=%t ; COMMAND=", LW_ACT_PRIV, LW_OUT_SUCCESS, 0},
};
LW_TABLE_LIT(sudo_patterns);

static struct after_marker sudo_after[AG_ARRAY_LEN(sudo_patterns)];
static once_flag sudo_after_once = ONCE_FLAG_INIT;

static void sudo_after_build(void)
{
    after_build(sudo_patterns, AG_ARRAY_LEN(sudo_patterns), " : ", sudo_after);
}

bool lw_decode_sudo(struct lw_event *ev)
{
    struct lw_slice m = ev->msg;
    while (m.n && m.p[0] == ' ')
        m.p++, m.n--;
    /* every pattern starts with the user, so the first-byte index cannot narrow them: the
     * text after " : " does (PAM's marker mask) */
    call_once(&sudo_after_once, sudo_after_build);
    return lw_match_table_only(
        LW_TABLE(sudo_patterns),
        marker_candidates(m, " : ", 1, sudo_after, AG_ARRAY_LEN(sudo_patterns)), m, 0, "sudo", ev);
}

/* ---- su: "(to root) alice on pts/0", "FAILED SU (to root) alice on pts/0" ---- */

static const struct lw_pattern su_patterns[] = {
    {"FAILED SU (to %t) %u on ", LW_ACT_PRIV, LW_OUT_FAILURE, 0},
    {"(to %t) %u on ", LW_ACT_PRIV, LW_OUT_SUCCESS, 0},
    {"Successful su for %t by %u", LW_ACT_PRIV, LW_OUT_SUCCESS, 0},
};
LW_TABLE_LIT(su_patterns);

bool lw_decode_su(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(su_patterns), ev->msg, 0, "su", ev);
}

/* ---- login(1) on consoles and serial lines ---- */

static const struct lw_pattern login_patterns[] = {
    {"FAILED LOGIN (%n) on '%*' FROM '%a' FOR '%u', ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"FAILED LOGIN (%n) on '%*' FOR '%u', ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"FAILED LOGIN %n FROM %a FOR %u, ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"ROOT LOGIN  on '%*'", LW_ACT_LOGIN, LW_OUT_SUCCESS, LW_F_ROOT},
    {"ROOT LOGIN on '%*'", LW_ACT_LOGIN, LW_OUT_SUCCESS, LW_F_ROOT},
    {"LOGIN ON %w BY %u FROM %a", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
    {"LOGIN ON %w BY %u", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
};
LW_TABLE_LIT(login_patterns);

bool lw_decode_login(struct lw_event *ev)
{
    if (!lw_match_table(LW_TABLE(login_patterns), ev->msg, 0, "login", ev))
        return false;
    if (ev->flags & LW_F_ROOT)
        ev->user = (struct lw_slice){"root", 4};
    ev->repeat = 1; /* "(1)" counts the attempt, it is not a repetition */
    return true;
}

/* ---- account management: shadow-utils (useradd, usermod, userdel, groupadd, gpasswd, passwd,
 * chage) ---- */

static const struct lw_pattern account_patterns[] = {
    {"new user: name=%U, ", LW_ACT_ACCOUNT_CREATE, LW_OUT_SUCCESS, 0},
    {"new account added - account=%U, ", LW_ACT_ACCOUNT_CREATE, LW_OUT_SUCCESS, 0},
    {"delete user '%u'", LW_ACT_ACCOUNT_DELETE, LW_OUT_SUCCESS, 0},
    {"add '%u' to group '%t'", LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, 0},
    {"add '%u' to shadow group '%t'", LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, 0},
    {"user %u added by %* to group %t", LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, 0},
    {"members of group %t set by %* to %u", LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, 0},
    {"change user '%u' password", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS, 0},
    {"lock user '%u' password", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS, 0},
    {"unlock user '%u' password", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS, 0},
    {"change user '%u' shell", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS, 0},
    {"changed password expiry for %u", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS, 0},
    {"password for '%u' changed by '", LW_ACT_ACCOUNT_CHANGE, LW_OUT_SUCCESS, 0},
    {"new group: name=%t, ", LW_ACT_INFO, LW_OUT_SUCCESS, 0},
};
LW_TABLE_LIT(account_patterns);

bool lw_decode_accounts(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(account_patterns), ev->msg, 0, "accounts", ev);
}

/* ---- mail ---- */

static const struct lw_pattern mail_patterns[] = {
    /* Postfix smtpd and postscreen */
    {"warning: %*[%a]:%p: SASL %w authentication failed", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"warning: %*[%a]: SASL %w authentication failed", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"warning: non-SMTP command from %*[%a]", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"lost connection after AUTH from %*[%a]", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"lost connection after CONNECT from %*[%a]", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"PREGREET %n after %* from [%a]:%p", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"HANGUP after %* from [%a]:%p in tests", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"DNSBL rank %n for [%a]:%p", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    /* Courier */
    {"LOGIN FAILED, user=%u, ip=[%a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"LOGIN FAILED, method=%w, ip=[%a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    /* Cyrus */
    {"badlogin: %*[%a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    /* UW/other IMAP */
    {"Login failed user=%u auth=%* host=%*[%a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    /* Dovecot: "imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<u>, …" */
    {"%*(auth failed, %*): user=<%u>, method=%w, rip=%a,", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*(auth failed, %*rip=%a,", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    /* Exim */
    {"%*authenticator failed for %*[%a]%*(set_id=%u)", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*authenticator failed for %*[%a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*SMTP protocol error in \"AUTH %w\" H=%*[%a] ", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"Relaying denied. IP name lookup failed [%a]", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    /* OpenSMTPD */
    {"%*smtp event=failed-command address=%a host=%* command=\"AUTH ", LW_ACT_LOGIN, LW_OUT_FAILURE,
     0},
    /* recognised, not attacks: a client without TLS support */
    {"%*TLS negotiation failed: [%a]", LW_ACT_INFO, LW_OUT_UNKNOWN, 0},
};
LW_TABLE_LIT(mail_patterns);

bool lw_decode_mail(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(mail_patterns), ev->msg, 0, "mail", ev);
}

/* ---- FTP ---- */

static const struct lw_pattern ftp_patterns[] = {
    {"[%u] FAIL LOGIN: Client \"%a\"", LW_ACT_LOGIN, LW_OUT_FAILURE, 0}, /* vsftpd */
    {"[%u] OK LOGIN: Client \"%a\"", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
    {"%*FAIL LOGIN: Client \"%a\"", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*(%*[%a]) - USER %u (Login failed): ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0}, /* ProFTPD */
    {"%*(%*[%a]) - USER %u: no such user found ", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"%*(%*[%a]) %*no such user", LW_ACT_LOGIN, LW_OUT_FAILURE, LW_F_INVALID_USER},
    {"(%u@%a) [WARNING] Authentication failed for user ", LW_ACT_LOGIN, LW_OUT_FAILURE,
     0},                                                               /* Pure-FTPd */
    {"FTP LOGIN FAILED FROM %a, %u", LW_ACT_LOGIN, LW_OUT_FAILURE, 0}, /* BSD ftpd */
};
LW_TABLE_LIT(ftp_patterns);

bool lw_decode_ftp(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(ftp_patterns), ev->msg, 0, "ftp", ev);
}

/* ---- OpenVPN: "54.183.149.10:34791 TLS Error: TLS handshake failed" ---- */

static const struct lw_pattern openvpn_patterns[] = {
    {"[%a]:%p TLS Error: TLS handshake failed", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"%a:%p TLS Error: TLS handshake failed", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
    {"[%a]:%p TLS Auth Error: ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%a:%p TLS Auth Error: ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%a:%p [%u] Peer Connection Initiated with ", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
};
LW_TABLE_LIT(openvpn_patterns);

bool lw_decode_openvpn(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(openvpn_patterns), ev->msg, 0, "openvpn", ev);
}

/* ---- Dropbear SSH: "Bad password attempt for 'root' from ::ffff:1.2.3.4:55990" ---- */

static const struct lw_pattern dropbear_patterns[] = {
    {"Bad password attempt for '%u' from %a:%p", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"Bad PAM password attempt for '%u' from %a:%p", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"Login attempt for nonexistent user from %a:%p", LW_ACT_LOGIN, LW_OUT_FAILURE,
     LW_F_INVALID_USER},
    {"Login attempt for nonexistent user '%u' from %a:%p", LW_ACT_LOGIN, LW_OUT_FAILURE,
     LW_F_INVALID_USER},
    {"Exit before auth from <%a:%p>: (user '%u', ", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN,
     LW_F_PREAUTH},
    {"Exit before auth from <%a:%p>: ", LW_ACT_DISCONNECT, LW_OUT_UNKNOWN, LW_F_PREAUTH},
    {"Password auth succeeded for '%u' from %a:%p", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
    {"Pubkey auth succeeded for '%u' with %*from %a:%p", LW_ACT_LOGIN, LW_OUT_SUCCESS, 0},
};
LW_TABLE_LIT(dropbear_patterns);

bool lw_decode_dropbear(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(dropbear_patterns), ev->msg, 0, "dropbear", ev);
}

/* ---- applications with their own logins: Proxmox VE, pfSense, Gitea, SQL Server, MySQL/MariaDB,
 * BIND (refused queries) ---- */

static const struct lw_pattern app_patterns[] = {
    {"authentication failure; rhost=%a user=%u msg=", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*webConfigurator authentication error for user '%u' from: %a", LW_ACT_LOGIN, LW_OUT_FAILURE,
     0},
    {"%*Failed authentication attempt for %u from [%a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*Failed authentication attempt for %u from %a", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*Login failed for user '%u'. %*[CLIENT: %a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*Login failed. %*[CLIENT: %a]", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"%*Length specified in network packet payload did not match %*[CLIENT: %a]", LW_ACT_PROBE,
     LW_OUT_UNKNOWN, 0},
    {"%*Access denied for user '%u'@'%a' (using password: ", LW_ACT_LOGIN, LW_OUT_FAILURE, 0},
    {"client @%w %a#%p (%*): query%* denied", LW_ACT_PROBE, LW_OUT_UNKNOWN, 0},
};
LW_TABLE_LIT(app_patterns);

bool lw_decode_apps(struct lw_event *ev)
{
    return lw_match_table(LW_TABLE(app_patterns), ev->msg, 0, "apps", ev);
}

/* ---- dispatch ---- */

typedef bool (*lw_decoder_fn)(struct lw_event *ev);

/* The programs with a decoder of their own, with their lengths known at compile time: the
 * dispatch is on every line, and comparing lengths first rejects almost every name without
 * reading it (a strlen per name tried was 6 % of a run's instructions). */
#define PROG(name, fn)                                                                             \
    {                                                                                              \
        name, sizeof(name) - 1, fn                                                                 \
    }
static const struct prog {
    const char *name;
    size_t n;
    lw_decoder_fn fn;
} progs[] = {
    PROG("sshd", lw_decode_sshd),
    PROG("sshd-session", lw_decode_sshd),
    PROG("sshd-auth", lw_decode_sshd),
    PROG("sudo", lw_decode_sudo),
    PROG("su", lw_decode_su),
    PROG("login", lw_decode_login),
    PROG("useradd", lw_decode_accounts),
    PROG("usermod", lw_decode_accounts),
    PROG("userdel", lw_decode_accounts),
    PROG("groupadd", lw_decode_accounts),
    PROG("groupdel", lw_decode_accounts),
    PROG("gpasswd", lw_decode_accounts),
    PROG("passwd", lw_decode_accounts),
    PROG("chage", lw_decode_accounts),
    PROG("chpasswd", lw_decode_accounts),
    PROG("dovecot", lw_decode_mail),
    PROG("exim", lw_decode_mail),
    PROG("exim4", lw_decode_mail),
    PROG("imapd", lw_decode_mail),
    PROG("pop3d", lw_decode_mail),
    PROG("imapd-ssl", lw_decode_mail),
    PROG("pop3d-ssl", lw_decode_mail),
    PROG("imaps", lw_decode_mail),
    PROG("pop3s", lw_decode_mail),
    PROG("cyrus", lw_decode_mail),
    PROG("smtpd", lw_decode_mail),
    PROG("courier", lw_decode_mail),
    PROG("courieresmtpd", lw_decode_mail),
    PROG("imap-login", lw_decode_mail),
    PROG("pop3-login", lw_decode_mail),
    PROG("submission-login", lw_decode_mail),
    PROG("managesieve-login", lw_decode_mail),
    PROG("vsftpd", lw_decode_ftp),
    PROG("proftpd", lw_decode_ftp),
    PROG("pure-ftpd", lw_decode_ftp),
    PROG("ftpd", lw_decode_ftp),
    PROG("openvpn", lw_decode_openvpn),
    PROG("dropbear", lw_decode_dropbear),
    PROG("pvedaemon", lw_decode_apps),
    PROG("pveproxy", lw_decode_apps),
    PROG("php-fpm", lw_decode_apps),
    PROG("gitea", lw_decode_apps),
    PROG("mysqld", lw_decode_apps),
    PROG("mariadbd", lw_decode_apps),
    PROG("sqlservr", lw_decode_apps),
    PROG("named", lw_decode_apps),
    PROG("nginx", lw_decode_web),
    PROG("apache2", lw_decode_web),
    PROG("httpd", lw_decode_web),
    PROG("apache", lw_decode_web),
};
#undef PROG

/* An open-addressing index of progs by length, first and last byte, built once: one or two
 * probes per line instead of a walk through the table. Slots hold 1 + the index (0 = empty). */
#define PROG_SLOTS 256
static unsigned char prog_index[PROG_SLOTS];
static once_flag prog_once = ONCE_FLAG_INIT;
static atomic_bool prog_ready; /* set after the index is built: most lines skip call_once */

static unsigned prog_hash(const char *p, size_t n)
{
    return (unsigned)(n * 37u + (unsigned char)p[0] * 7u + (unsigned char)p[n - 1] * 3u) &
           (PROG_SLOTS - 1);
}

static void prog_index_build(void)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(progs); i++) {
        unsigned h = prog_hash(progs[i].name, progs[i].n);
        while (prog_index[h])
            h = (h + 1) & (PROG_SLOTS - 1);
        prog_index[h] = (unsigned char)(i + 1);
    }
    atomic_store_explicit(&prog_ready, true, memory_order_release);
}

/* The decoder of a known program, or NULL. */
static lw_decoder_fn decoder_of(struct lw_slice p)
{
    if (p.n == 0)
        return NULL;
    if (!atomic_load_explicit(&prog_ready, memory_order_acquire))
        call_once(&prog_once, prog_index_build);
    for (unsigned h = prog_hash(p.p, p.n); prog_index[h]; h = (h + 1) & (PROG_SLOTS - 1)) {
        const struct prog *e = &progs[prog_index[h] - 1];
        if (e->n != p.n)
            continue;
        size_t k = 0; /* names are a few bytes: compared here, not by a call */
        while (k < p.n && e->name[k] == p.p[k])
            k++;
        if (k == p.n)
            return e->fn;
    }
    if (lw_starts(p, "postfix/") || lw_starts(p, "opensmtpd"))
        return lw_decode_mail;
    return NULL;
}

/* "message repeated 3 times: [ Failed password for root from 1.2.3.4 port 22 ssh2]" (rsyslog's
 * reduction of repeated messages): the inner message, *count = 3. */
static bool unwrap_repeated(struct lw_slice *m, uint32_t *count)
{
    static const char head[] = "message repeated ";
    size_t hl = sizeof(head) - 1, i = hl;
    if (!lw_starts(*m, head))
        return false;
    uint32_t v = 0;
    while (i < m->n && i < hl + 9 && m->p[i] >= '0' && m->p[i] <= '9')
        v = v * 10 + (uint32_t)(m->p[i++] - '0');
    static const char tail[] = " times: [ ";
    size_t tl = sizeof(tail) - 1;
    if (i == hl || v == 0 || m->n - i < tl || memcmp(m->p + i, tail, tl) != 0)
        return false;
    m->p += i + tl;
    m->n -= i + tl;
    if (m->n && m->p[m->n - 1] == ']')
        m->n--;
    *count = v;
    return true;
}

bool lw_decode(struct lw_event *ev)
{
    uint32_t repeat = 1;
    struct lw_slice whole = ev->msg;
    (void)unwrap_repeated(&ev->msg, &repeat);
    bool ok = false;
    lw_decoder_fn fn = decoder_of(ev->program);
    if (lw_starts(ev->msg, "pam_") || lw_starts(ev->msg, "PAM "))
        ok = lw_decode_pam(ev);
    if (!ok && fn)
        ok = fn(ev);
    /* no program, or a facility in its place ("auth.info:"): the content decides */
    if (!ok && !fn && (ev->program.n == 0 || memchr(ev->program.p, '.', ev->program.n))) {
        static const lw_decoder_fn all[] = {lw_decode_web,  lw_decode_sshd, lw_decode_dropbear,
                                            lw_decode_mail, lw_decode_ftp,  lw_decode_openvpn,
                                            lw_decode_apps};
        for (size_t i = 0; !ok && i < AG_ARRAY_LEN(all); i++)
            ok = all[i](ev);
    }
    if (ok && repeat > 1)
        ev->repeat = repeat;
    if (!ok)
        ev->msg = whole;
    return ok;
}

bool lw_event_hostile(const struct lw_event *ev)
{
    switch (ev->action) {
    case LW_ACT_LOGIN:
    case LW_ACT_PRIV:
        return ev->outcome == LW_OUT_FAILURE;
    case LW_ACT_PROBE:
    case LW_ACT_LOCKOUT:
        return true;
    case LW_ACT_DISCONNECT:
        return (ev->flags & (LW_F_PREAUTH | LW_F_INVALID_USER)) != 0;
    case LW_ACT_NONE:
    case LW_ACT_INFO:
    case LW_ACT_ACCOUNT_CREATE:
    case LW_ACT_ACCOUNT_DELETE:
    case LW_ACT_ACCOUNT_CHANGE:
    case LW_ACT_GROUP_ADD:
    case LW_ACT_LOG_CLEARED: /* an alert of its own (log_cleared), not an attack on a login */
        break;
    }
    return false;
}

const char *lw_action_name(enum lw_action a)
{
    static const char *const names[] = {"none",           "login",          "probe",
                                        "disconnect",     "info",           "privilege",
                                        "account_create", "account_delete", "account_change",
                                        "group_add",      "lockout",        "log_cleared"};
    return (unsigned)a < AG_ARRAY_LEN(names) ? names[a] : "none";
}

const char *lw_outcome_name(enum lw_outcome o)
{
    static const char *const names[] = {"unknown", "success", "failure"};
    return (unsigned)o < AG_ARRAY_LEN(names) ? names[o] : "unknown";
}

bool lw_decode_as(const char *decoder, struct lw_event *ev)
{
    static const struct {
        const char *name;
        lw_decoder_fn fn;
    } by_name[] = {{"sshd", lw_decode_sshd},       {"pam", lw_decode_pam},
                   {"sudo", lw_decode_sudo},       {"su", lw_decode_su},
                   {"login", lw_decode_login},     {"accounts", lw_decode_accounts},
                   {"mail", lw_decode_mail},       {"ftp", lw_decode_ftp},
                   {"openvpn", lw_decode_openvpn}, {"dropbear", lw_decode_dropbear},
                   {"apps", lw_decode_apps},       {"web", lw_decode_web}};
    for (size_t i = 0; i < AG_ARRAY_LEN(by_name); i++)
        if (strcmp(decoder, by_name[i].name) == 0)
            return by_name[i].fn(ev);
    return false;
}
