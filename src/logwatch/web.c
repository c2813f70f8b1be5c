/*
 * web.c — web server access logs (NCSA common/combined format, as nginx and Apache write them,
 * directly or through syslog):
 *   ADDR IDENT USER [dd/Mon/yyyy:HH:MM:SS ±zzzz] "METHOD TARGET PROTOCOL" STATUS SIZE ["REF" "UA"]
 * The event: source address, user (HTTP authentication), time, method (in ev->method), target
 * (in ev->target), status (ev->http_status). What makes it a sign of attack:
 *   401                                     a failed HTTP authentication (login failure)
 *   POST to a login form answered 200       a failed form login: WordPress, Roundcube, TYPO3,
 *                                           Contao answer 200 with the form again on failure and
 *                                           redirect (302/303) on success
 *   403/404/410 on a path scanners try      a probe (wp-login.php, roundcube, phpMyAdmin, .env …)
 *   444                                     nginx closed the connection on purpose (a probe)
 * The 5.3 vulnerability patterns in targets (SQL injection, traversal, …) are the rules' job.
 */
#include "logwatch/logwatch_int.h"

#include <string.h>
#include <strings.h>

/* needle is lower case; its first byte is tested before the call (most positions fail it) */
static bool ci_contains(const char *s, size_t n, const char *needle)
{
    size_t l = strlen(needle);
    unsigned char first = (unsigned char)needle[0];
    for (size_t i = 0; i + l <= n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) == first && strncasecmp(s + i, needle, l) == 0)
            return true;
    }
    return false;
}

static bool probe_path(struct lw_slice t)
{
    static const char *const paths[] = {
        "wp-login",       "wp-admin",      "xmlrpc.php",     "roundcube", "phpmyadmin",
        "/administrator", "/.env",         "/.git/",         "cgi-bin",   "/boaform",
        "/hnap1",         "/manager/html", "/vendor/phpunit"};
    for (size_t i = 0; i < AG_ARRAY_LEN(paths); i++)
        if (ci_contains(t.p, t.n, paths[i]))
            return true;
    return false;
}

static bool login_path(struct lw_slice t)
{
    static const char *const paths[] = {"wp-login.php",   "xmlrpc.php",    "_task=login",
                                        "loginprovider=", "/contao/login", "/user/login"};
    for (size_t i = 0; i < AG_ARRAY_LEN(paths); i++)
        if (ci_contains(t.p, t.n, paths[i]))
            return true;
    return false;
}

/* Two digits at s as a number, or -1. */
static int two(const char *s)
{
    unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';
    return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/* "Jan" … "Dec" at p as 1–12, 0 for anything else: the three bytes as one number, compared
 * with the twelve names' (no memcmp call per name). */
static int month(const char *p)
{
#define M3(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
    static const uint32_t names[12] = {M3('J', 'a', 'n'), M3('F', 'e', 'b'), M3('M', 'a', 'r'),
                                       M3('A', 'p', 'r'), M3('M', 'a', 'y'), M3('J', 'u', 'n'),
                                       M3('J', 'u', 'l'), M3('A', 'u', 'g'), M3('S', 'e', 'p'),
                                       M3('O', 'c', 't'), M3('N', 'o', 'v'), M3('D', 'e', 'c')};
    uint32_t v = M3((unsigned char)p[0], (unsigned char)p[1], (unsigned char)p[2]);
#undef M3
    for (int i = 0; i < 12; i++)
        if (names[i] == v)
            return i + 1;
    return 0;
}

/* Whether a[0..11) equals b[0..11): two overlapping 8-byte loads each, no call. */
static bool same11(const char *a, const char *b)
{
    uint64_t a0, b0, a1, b1;
    memcpy(&a0, a, 8), memcpy(&b0, b, 8), memcpy(&a1, a + 3, 8), memcpy(&b1, b + 3, 8);
    return a0 == b0 && a1 == b1;
}

/* "19/Apr/1943:03:14:13 +0000" → seconds since the epoch (UTC); false if malformed. */
static bool clf_time(const char *p, size_t n, int64_t *t, int32_t *off)
{
    if (n != 26 || p[2] != '/' || p[6] != '/' || p[11] != ':' || p[14] != ':' || p[17] != ':' ||
        p[20] != ' ' || (p[21] != '+' && p[21] != '-'))
        return false;
    int h = two(p + 12), mi = two(p + 15), s = two(p + 18), oh = two(p + 22), om = two(p + 24);
    if (h < 0 || mi < 0 || s < 0 || oh < 0 || om < 0 || h > 23 || mi > 59 || s > 60 || oh > 23 ||
        om > 59)
        return false;
    /* the day "dd/Mon/yyyy" as days: the last one parsed, per thread (requests share it; the
     * whole second did not pay) */
    static _Thread_local struct {
        char text[11];
        bool valid;
        int64_t days;
    } last;
    int64_t days;
    if (last.valid && same11(p, last.text)) {
        days = last.days;
    } else {
        int d = two(p), yh = two(p + 7), yl = two(p + 9), mo = month(p + 3);
        if (d < 0 || yh < 0 || yl < 0 || !mo || d < 1 || d > 31)
            return false;
        days = lw_days_from_civil(yh * 100 + yl, mo, d);
        memcpy(last.text, p, 11);
        last.valid = true;
        last.days = days;
    }
    *off = (p[21] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
    *t = days * 86400 + h * 3600 + mi * 60 + s - *off;
    return true;
}

bool lw_decode_web(struct lw_event *ev)
{
    const char *p = ev->msg.p;
    size_t n = ev->msg.n, i = 0;
    /* ADDR */
    const char *sp0 = memchr(p, ' ', n);
    i = sp0 ? (size_t)(sp0 - p) : n;
    int fam;
    uint8_t addr[16];
    struct lw_slice src;
    if (i == 0 || i == n || !lw_addr_parse_text(p, i, &fam, addr, &src))
        return false;
    /* IDENT and USER (USER may be quoted; some formats leave IDENT out) */
    struct lw_slice user = {NULL, 0};
    size_t fields = 0;
    while (++i < n && p[i] != '[' && fields < 2) {
        size_t s = i;
        while (i < n && p[i] != ' ')
            i++;
        if (fields == 1 || (i + 1 < n && p[i + 1] == '['))
            user = (struct lw_slice){p + s, i - s};
        fields++;
    }
    if (i >= n || p[i] != '[')
        return false;
    if (user.n >= 2 && user.p[0] == '"' && user.p[user.n - 1] == '"')
        user.p++, user.n -= 2;
    if (user.n == 1 && user.p[0] == '-')
        user.n = 0;
    /* [time] */
    const char *close = memchr(p + i, ']', n - i);
    int64_t t;
    int32_t off;
    if (!close || !clf_time(p + i + 1, (size_t)(close - p - i - 1), &t, &off))
        return false;
    i = (size_t)(close - p) + 1;
    if (i + 2 > n || p[i] != ' ' || p[i + 1] != '"')
        return false;
    i += 2;
    /* "METHOD TARGET PROTOCOL" (a backslash escapes a quote inside) */
    size_t rs = i;
    const char *q = memchr(p + i, '"', n - i);
    if (q && !memchr(p + i, '\\', (size_t)(q - p) - i)) { /* the usual request: no escapes */
        i = (size_t)(q - p);
    } else {
        while (i < n && p[i] != '"') {
            if (p[i] == '\\' && i + 1 < n)
                i++;
            i++;
        }
    }
    if (i >= n)
        return false;
    struct lw_slice reqline = {p + rs, i - rs};
    i++;
    /* STATUS */
    if (i + 4 > n || p[i] != ' ')
        return false;
    int status = 0;
    for (size_t k = 1; k <= 3; k++) {
        if (p[i + k] < '0' || p[i + k] > '9')
            return false;
        status = status * 10 + (p[i + k] - '0');
    }
    if (i + 4 < n && p[i + 4] != ' ')
        return false;
    const char *sp = memchr(reqline.p, ' ', reqline.n);
    struct lw_slice method = {reqline.p, sp ? (size_t)(sp - reqline.p) : reqline.n};
    struct lw_slice target = {NULL, 0};
    if (sp) {
        const char *ts = sp + 1, *te = memchr(ts, ' ', reqline.n - (size_t)(ts - reqline.p));
        target =
            (struct lw_slice){ts, te ? (size_t)(te - ts) : reqline.n - (size_t)(ts - reqline.p)};
    }
    ev->time = t; /* the access log's own stamp has its zone: not the header's local time */
    ev->utc_offset = off;
    ev->time_local = false;
    ev->src = src;
    ev->src_family = fam;
    memcpy(ev->src_addr, addr, 16);
    ev->user = user;
    ev->method = method;
    ev->target = target;
    ev->http_status = (uint16_t)status;
    ev->decoder = "web";
    ev->action = LW_ACT_INFO;
    ev->outcome = status < 400 ? LW_OUT_SUCCESS : LW_OUT_FAILURE;
    if (status == 401) {
        ev->action = LW_ACT_LOGIN;
    } else if (status == 200 && lw_slice_is(method, "POST") && login_path(target)) {
        ev->action = LW_ACT_LOGIN;
        ev->outcome = LW_OUT_FAILURE;
    } else if (status == 444 ||
               ((status == 403 || status == 404 || status == 410) && probe_path(target))) {
        ev->action = LW_ACT_PROBE;
        ev->outcome = LW_OUT_UNKNOWN;
    }
    return true;
}
