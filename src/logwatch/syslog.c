/*
 * syslog.c — the header of a log line: RFC 5424, RFC 3164 (with or without <PRI>, with or
 * without a host), RFC 3339 stamps (rsyslog's high-precision file format, s6/runit's ISO
 * stamps), or none. Hand-written because it is the first thing every one of millions of lines
 * per second goes through: one pass, no allocation, no copies (the event's fields are slices of
 * the line). See logwatch.h.
 */
#include "logwatch/logwatch_int.h"

#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* n digits at s as a number, or -1. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's civil-date formula). */
int64_t lw_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Two digits at s as a number, or -1. */
static int two(const char *s)
{
    unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';
    return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/* Whether a[0..6) equals b[0..6): two loads each, no call. */
static bool same6(const char *a, const char *b)
{
    uint32_t a4, b4;
    uint16_t a2, b2;
    memcpy(&a4, a, 4), memcpy(&b4, b, 4), memcpy(&a2, a + 4, 2), memcpy(&b2, b + 4, 2);
    return a4 == b4 && a2 == b2;
}

/* "hh:mm:ss" digits at c (colons already checked) as seconds after midnight, or -1. */
static inline int64_t clock_secs(const char *c)
{
    int h = two(c), mi = two(c + 3), s = two(c + 6);
    if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 60)
        return -1;
    return h * 3600 + mi * 60 + s;
}

/* "Mmm dd hh:mm:ss" (dd may be " 9" or, unpadded, "9"): returns its length (15 or 14), 0 if p
 * does not start with one. */
static size_t rfc3164_stamp(const char *p, size_t n, int year, int64_t *t)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (n < 14 || p[3] != ' ')
        return 0;
    size_t d0 = 4, dl = 2;
    if (p[4] == ' ')
        d0 = 5, dl = 1;
    else if (p[5] == ' ')
        dl = 1;
    const char *c = p + d0 + dl; /* " hh:mm:ss" */
    size_t len = d0 + dl + 9;
    if (n < len || c[0] != ' ' || c[3] != ':' || c[6] != ':')
        return 0;
    int64_t secs = clock_secs(c + 1);
    if (secs < 0)
        return 0;
    /* consecutive lines mostly share their day: the last date parsed ("Mmm dd", its 6 bytes
     * with the space after an unpadded day), per thread; the clock is read on every line */
    static _Thread_local struct {
        char text[6];
        int year;
        int64_t days; /* -1: nothing cached */
    } last = {{0}, 0, -1};
    if (last.days >= 0 && year == last.year && same6(p, last.text)) {
        *t = last.days * 86400 + secs;
        return len;
    }
    int mo = 0;
    for (int i = 0; i < 12; i++)
        if (memcmp(p, months + 3 * i, 3) == 0) {
            mo = i + 1;
            break;
        }
    int d = digits(p + d0, dl);
    if (!mo || d < 1 || d > 31)
        return 0;
    int64_t days = lw_days_from_civil(year, mo, d);
    memcpy(last.text, p, 6);
    last.year = year;
    last.days = days;
    *t = days * 86400 + secs;
    return len;
}

/* RFC 3339 "YYYY-MM-DDTHH:MM:SS[.frac][Z|±hh:mm]" (a space for the T is accepted); returns its
 * length, 0 if p does not start with one. */
static size_t rfc3339_stamp(const char *p, size_t n, int64_t *t, int32_t *off)
{
    if (n < 19 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != ' ') || p[13] != ':' ||
        p[16] != ':')
        return 0;
    /* the day "YYYY-MM-DD" as days: the last one parsed, per thread (lines share it); the
     * clock is read on every line */
    static _Thread_local struct {
        char text[10];
        bool valid;
        int64_t days;
    } last;
    int64_t secs = clock_secs(p + 11);
    if (secs < 0)
        return 0;
    int64_t base;
    if (last.valid && same6(p, last.text) && same6(p + 4, last.text + 4)) {
        base = last.days * 86400 + secs;
    } else {
        int y = digits(p, 4), mo = two(p + 5), d = two(p + 8);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31)
            return 0;
        int64_t days = lw_days_from_civil(y, mo, d);
        memcpy(last.text, p, 10);
        last.valid = true;
        last.days = days;
        base = days * 86400 + secs;
    }
    size_t i = 19;
    if (i < n && p[i] == '.') {
        size_t j = i + 1;
        while (j < n && is_digit(p[j]))
            j++;
        if (j == i + 1)
            return 0;
        i = j;
    }
    *off = 0;
    if (i < n && (p[i] == 'Z' || p[i] == 'z')) {
        i++;
    } else if (i + 5 <= n && (p[i] == '+' || p[i] == '-')) { /* ±hh:mm or ±hhmm */
        bool colon = i + 6 <= n && p[i + 3] == ':';
        int oh = two(p + i + 1), om = two(p + i + (colon ? 4 : 3));
        if (oh < 0 || om < 0 || oh > 23 || om > 59)
            return 0;
        *off = (p[i] == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        i += colon ? 6 : 5;
    }
    *t = base - *off;
    return i;
}

/* The next space-delimited token at *i: [start, end); *i moves past one space. */
static bool token(const char *p, size_t n, size_t *i, size_t *start, size_t *end)
{
    if (*i >= n || p[*i] == ' ')
        return false;
    *start = *i;
    while (*i < n && p[*i] != ' ')
        (*i)++;
    *end = *i;
    if (*i < n)
        (*i)++;
    return true;
}

/* [A-Za-z0-9_./@-]: one load per byte of a tag (bytes 128–255 are 0) */
static const unsigned char tag_chars[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static bool tag_char(char c)
{
    return tag_chars[(unsigned char)c];
}

/* A syslog tag "prog:", "prog[pid]:" or "prog[pid]" spanning p[s..e). */
static bool parse_tag(const char *p, size_t s, size_t e, struct lw_event *ev)
{
    if (e - s < 2 || (p[e - 1] != ':' && p[e - 1] != ']')) /* a host name, mostly: no scan */
        return false;
    bool colon = p[e - 1] == ':';
    size_t end = colon ? e - 1 : e;
    size_t i = s;
    while (i < end && tag_char(p[i]))
        i++;
    if (i == s)
        return false;
    size_t prog_end = i;
    if (i < end && p[i] == '[') {
        size_t ps = ++i;
        while (i < end && is_digit(p[i]))
            i++;
        if (i == ps || i >= end || p[i] != ']' || i + 1 != end)
            return false;
        ev->pid = (struct lw_slice){p + ps, i - ps};
    } else if (i != end || !colon) {
        return false;
    }
    ev->program = (struct lw_slice){p + s, prog_end - s};
    return true;
}

/* "<10.5>" (facility.priority in angle brackets) or "auth.info" (facility.level) tokens some
 * syslog daemons put between the host and the tag. */
static bool facility_token(const char *p, size_t s, size_t e)
{
    if (e - s >= 3 && p[s] == '<' && p[e - 1] == '>')
        return true;
    const char *dot = memchr(p + s, '.', e - s);
    return dot && dot > p + s && dot < p + e - 1 && !memchr(p + s, '[', e - s) &&
           !memchr(p + s, ':', e - s);
}

/* Whether s holds a '.' (a program name: a few bytes, no call). */
static bool has_dot(struct lw_slice s)
{
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] == '.')
            return true;
    return false;
}

static void skip_spaces(const char *p, size_t n, size_t *i)
{
    while (*i < n && p[*i] == ' ')
        (*i)++;
}

static void header_at(const char *p, size_t n, size_t i, int year, struct lw_event *ev, int depth);

/* After the tag: the message, unless the tag was a facility ("auth.info:", s6/runit logs) that
 * wraps a whole syslog line or a "prog[pid]:" of its own. */
static void message_at(const char *p, size_t n, size_t i, int year, struct lw_event *ev, int depth)
{
    skip_spaces(p, n, &i);
    ev->msg = (struct lw_slice){p + i, n - i};
    if (depth > 0 || ev->pid.n || !has_dot(ev->program))
        return;
    struct lw_event inner = *ev;
    inner.program = (struct lw_slice){0};
    header_at(p, n, i, year, &inner, depth + 1);
    if (inner.program.n) {
        if (!inner.time)
            inner.time = ev->time, inner.utc_offset = ev->utc_offset,
            inner.time_local = ev->time_local;
        *ev = inner;
    }
}

/* The usual "host prog[pid]: msg" or "host prog: msg" after the stamp, in one pass: true when
 * the line has that shape and ev is filled exactly as the general scan below would fill it
 * (a host that cannot be a tag or a facility, a tag ending in ':' followed by a space or the
 * end); false, ev untouched, for every other shape. */
static bool host_tag_fast(const char *p, size_t n, size_t j, int year, struct lw_event *ev,
                          int depth)
{
    if (j >= n || p[j] == '<')
        return false;
    const char *sp = memchr(p + j, ' ', n - j);
    if (!sp || sp == p + j || sp[-1] == ':' || sp[-1] == ']')
        return false;
    size_t hs = j, he = (size_t)(sp - p), ts = he + 1, i = ts;
    while (i < n && tag_char(p[i]))
        i++;
    if (i == ts || i >= n)
        return false;
    size_t prog_end = i, pid_s = 0, pid_e = 0;
    if (p[i] == '[') {
        pid_s = ++i;
        while (i < n && is_digit(p[i]))
            i++;
        if (i == pid_s || i + 1 >= n || p[i] != ']')
            return false;
        pid_e = i++;
    }
    if (p[i] != ':' || (i + 1 < n && p[i + 1] != ' '))
        return false;
    ev->host = (struct lw_slice){p + hs, he - hs};
    ev->program = (struct lw_slice){p + ts, prog_end - ts};
    if (pid_e)
        ev->pid = (struct lw_slice){p + pid_s, pid_e - pid_s};
    message_at(p, n, i + 1 < n ? i + 2 : i + 1, year, ev, depth);
    return true;
}

/* After the time stamp at p[i..n): [host] [facility] tag message (RFC 3164 and RFC 3339 file
 * lines), or just a message. */
static void after_stamp(const char *p, size_t n, size_t i, int year, struct lw_event *ev, int depth)
{
    {
        size_t k = i;
        skip_spaces(p, n, &k);
        if (host_tag_fast(p, n, k, year, ev, depth))
            return;
    }
    size_t t[2][2], j = i, nt = 0, after[2];
    skip_spaces(p, n, &j);
    size_t msg_start = j;
    while (nt < 2 && token(p, n, &j, &t[nt][0], &t[nt][1])) { /* host and tag, at most */
        if (facility_token(p, t[nt][0], t[nt][1]) && p[t[nt][1] - 1] != ':' &&
            (nt > 0 || p[t[nt][0]] == '<')) {
            after[nt] = j; /* a facility between host and tag: skip it */
            continue;
        }
        after[nt] = j;
        nt++;
    }
    if (nt >= 1 && parse_tag(p, t[0][0], t[0][1], ev)) { /* no host: "stamp prog[pid]: msg" */
        message_at(p, n, after[0], year, ev, depth);
        return;
    }
    if (nt >= 2 && parse_tag(p, t[1][0], t[1][1], ev)) {
        ev->host = (struct lw_slice){p + t[0][0], t[0][1] - t[0][0]};
        message_at(p, n, after[1], year, ev, depth);
        return;
    }
    ev->program = (struct lw_slice){0};
    ev->pid = (struct lw_slice){0};
    ev->msg = (struct lw_slice){p + msg_start, n - msg_start}; /* "stamp message" */
}

/* RFC 5424 after "<PRI>1 ": stamp host app procid msgid sd [msg]. False if malformed. */
static bool rfc5424(const char *p, size_t n, size_t i, struct lw_event *ev)
{
    size_t s, e;
    if (i < n && p[i] == '-') {
        i++;
    } else {
        size_t l = rfc3339_stamp(p + i, n - i, &ev->time, &ev->utc_offset);
        if (!l)
            return false;
        i += l;
    }
    if (i >= n || p[i] != ' ')
        return false;
    i++;
    struct lw_slice f[4];
    for (int k = 0; k < 4; k++) {
        if (!token(p, n, &i, &s, &e))
            return false;
        f[k] = (struct lw_slice){p + s, e - s};
        if (f[k].n == 1 && f[k].p[0] == '-')
            f[k].n = 0;
    }
    ev->host = f[0];
    ev->program = f[1];
    ev->pid = f[2];
    /* structured data: "-" or [id param="value" …]… with \" \] \\ escapes inside values */
    if (i < n && p[i] == '-') {
        i++;
    } else {
        while (i < n && p[i] == '[') {
            bool quoted = false;
            for (i++; i < n; i++) {
                if (quoted && p[i] == '\\' && i + 1 < n) {
                    i++;
                } else if (p[i] == '"') {
                    quoted = !quoted;
                } else if (p[i] == ']' && !quoted) {
                    i++;
                    break;
                }
            }
        }
    }
    if (i < n && p[i] == ' ')
        i++;
    /* a UTF-8 byte order mark may start the message */
    if (n - i >= 3 && memcmp(p + i, "\xef\xbb\xbf", 3) == 0)
        i += 3;
    ev->msg = (struct lw_slice){p + i, n - i};
    return true;
}

/* A time stamp at p[i..n) and what follows it; a bare message if there is none. */
static void header_at(const char *p, size_t n, size_t i, int year, struct lw_event *ev, int depth)
{
    int64_t t;
    int32_t off = 0;
    size_t l;
    if ((l = rfc3164_stamp(p + i, n - i, year, &t)) != 0) {
        ev->time = t;
        ev->time_local = true;
    } else if ((l = rfc3339_stamp(p + i, n - i, &t, &off)) != 0) {
        ev->time = t;
        ev->utc_offset = off;
    } else {
        /* no stamp: "prog[pid]: message" or a bare message (a word with a colon alone is
         * not taken for a tag: "error: …", "fatal: …" start bare sshd messages) */
        size_t j = i, s, e;
        skip_spaces(p, n, &j);
        if (token(p, n, &j, &s, &e) && p[e - 1] == ':' && parse_tag(p, s, e, ev)) {
            if (ev->pid.n) {
                message_at(p, n, j, year, ev, depth);
                return;
            }
            ev->program = (struct lw_slice){0};
        }
        ev->msg = (struct lw_slice){p + i, n - i};
        return;
    }
    after_stamp(p, n, i + l, year, ev, depth);
    /* RFC 5424 fields without the <PRI>1 prefix ("stamp host app procid msgid sd msg"), as some
     * forwarders write them: taken when the usual form found no tag and the fields fit */
    if (!ev->program.n && depth == 0 && p[i] >= '0' && p[i] <= '9') {
        struct lw_event alt = *ev;
        alt.host = alt.program = alt.pid = (struct lw_slice){0};
        bool digits_pid = true;
        if (rfc5424(p, n, i, &alt)) {
            for (size_t k = 0; k < alt.pid.n; k++)
                digits_pid = digits_pid && is_digit(alt.pid.p[k]);
            if (alt.program.n && digits_pid && alt.host.n)
                *ev = alt;
        }
    }
}

void lw_syslog_parse(const char *p, size_t n, int year, struct lw_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->repeat = 1;
    while (n && (p[n - 1] == '\n' || p[n - 1] == '\r'))
        n--;
    ev->msg = (struct lw_slice){p, n};
    size_t i = 0;
    if (n >= 3 && p[0] == '<') { /* <PRI>, 1–3 digits, at most 191 */
        size_t j = 1;
        while (j < n && j < 5 && is_digit(p[j]))
            j++;
        if (j > 1 && j < n && p[j] == '>' && digits(p + 1, j - 1) <= 191) {
            i = j + 1;
            if (i + 2 <= n && p[i] == '1' && p[i + 1] == ' ') {
                struct lw_event save = *ev;
                if (rfc5424(p, n, i + 2, ev))
                    return;
                *ev = save;
            }
        }
    }
    header_at(p, n, i, year, ev, 0);
}

size_t lw_strip_ansi(char *p, size_t n)
{
    char *esc = memchr(p, 0x1b, n);
    if (!esc)
        return n; /* the usual case: nothing to move */
    size_t w = (size_t)(esc - p);
    for (size_t i = w; i < n;) {
        if (p[i] != 0x1b) {
            p[w++] = p[i++];
            continue;
        }
        if (i + 1 < n && p[i + 1] == '[') { /* CSI: parameters, intermediates, final byte */
            size_t j = i + 2;
            while (j < n && (unsigned char)p[j] >= 0x30 && (unsigned char)p[j] <= 0x3f)
                j++;
            while (j < n && (unsigned char)p[j] >= 0x20 && (unsigned char)p[j] <= 0x2f)
                j++;
            if (j < n && (unsigned char)p[j] >= 0x40 && (unsigned char)p[j] <= 0x7e)
                j++;
            i = j;
        } else {
            i += i + 1 < n ? 2 : 1; /* ESC and the one byte after it */
        }
    }
    return w;
}

bool lw_time_rfc3339(const char *s, size_t n, int64_t *t, int32_t *utc_offset)
{
    int32_t off = 0;
    int64_t v;
    if (rfc3339_stamp(s, n, &v, &off) != n)
        return false;
    *t = v;
    *utc_offset = off;
    return true;
}
