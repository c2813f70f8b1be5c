/*
 * cidr.c — addresses as text and the site's internal ranges: the --internal list
 * (nw_cidr_list_parse), the default ranges, MAC/IP/time/protocol text forms shared by the
 * baseline file and the alerts. Pure functions; no state.
 *
 * A range given with host bits set ("10.1.2.3/8") is taken as its network (10.0.0.0/8): what
 * the operator meant, and what every router does.
 */
#define _DEFAULT_SOURCE /* timegm */
#include "netwatch/netwatch_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define V4(a, b, c, d, bits)                                                                       \
    {                                                                                              \
        4, bits,                                                                                   \
        {                                                                                          \
            a, b, c, d                                                                             \
        }                                                                                          \
    }
#define V6(a, b, bits)                                                                             \
    {                                                                                              \
        6, bits,                                                                                   \
        {                                                                                          \
            a, b                                                                                   \
        }                                                                                          \
    }

/* RFC 1918 and RFC 4193: the site's own unicast ranges unless --internal says otherwise. */
static const struct nw_cidr defaults[] = {
    V4(10, 0, 0, 0, 8),
    V4(172, 16, 0, 0, 12),
    V4(192, 168, 0, 0, 16),
    V6(0xfc, 0x00, 7),
};

/* Addresses that never leave the site, whatever --internal says. */
static const struct nw_cidr always[] = {
    V4(0, 0, 0, 0, 32),         /* unspecified (DHCP discover, ARP probe) */
    V4(127, 0, 0, 0, 8),        /* loopback */
    V4(169, 254, 0, 0, 16),     /* link-local */
    V4(224, 0, 0, 0, 4),        /* multicast */
    V4(255, 255, 255, 255, 32), /* limited broadcast */
    V6(0x00, 0x00, 128),        /* :: unspecified */
    {6, 128, {[15] = 1}},       /* ::1 */
    V6(0xfe, 0x80, 10),         /* link-local */
    V6(0xff, 0x00, 8),          /* multicast */
};

const struct nw_cidr *nw_cidr_defaults(size_t *n)
{
    *n = AG_ARRAY_LEN(defaults);
    return defaults;
}

const struct nw_cidr *nw_cidr_always(size_t *n)
{
    *n = AG_ARRAY_LEN(always);
    return always;
}

bool nw_cidr_contains(const struct nw_cidr *c, uint8_t fam, const uint8_t *addr)
{
    if (c->family != fam)
        return false;
    unsigned full = c->bits / 8, rest = c->bits % 8;
    if (memcmp(c->addr, addr, full))
        return false;
    if (!rest)
        return true;
    uint8_t mask = (uint8_t)(0xff << (8 - rest));
    return (c->addr[full] & mask) == (addr[full] & mask);
}

/* One entry "addr[/bits]" of n bytes into *c; false if it is not one (*bad_len: the prefix
 * length was the problem). */
static bool cidr_parse_one(const char *s, size_t n, struct nw_cidr *c, bool *bad_len)
{
    char buf[64];
    *bad_len = false;
    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *slash = strchr(buf, '/');
    if (slash)
        *slash = '\0';
    memset(c, 0, sizeof(*c));
    if (inet_pton(AF_INET, buf, c->addr) == 1)
        c->family = 4;
    else if (inet_pton(AF_INET6, buf, c->addr) == 1)
        c->family = 6;
    else
        return false;
    unsigned max = c->family == 4 ? 32 : 128;
    c->bits = (uint8_t)max;
    if (slash) {
        const char *b = slash + 1;
        char *end;
        errno = 0;
        unsigned long v = strtoul(b, &end, 10);
        if (!*b || *end || *b < '0' || *b > '9' || errno || v > max) {
            *bad_len = true;
            return false;
        }
        c->bits = (uint8_t)v;
    }
    for (unsigned i = c->bits; i < 128; i++) /* host bits off: the network */
        c->addr[i / 8] &= (uint8_t) ~(0x80 >> (i % 8));
    return true;
}

int nw_cidr_list_parse(const char *text, struct nw_cidr **out, size_t *count, struct ag_error *err)
{
    *out = NULL;
    *count = 0;
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == ',';
    struct nw_cidr *list = calloc(cap, sizeof(*list));
    if (!list)
        return ag_error_set(err, AG_ENOMEM, "netwatch detect: out of memory");
    size_t n = 0;
    const char *p = text;
    for (;;) {
        size_t len = strcspn(p, ",");
        size_t b = 0, e = len;
        while (b < e && (p[b] == ' ' || p[b] == '\t'))
            b++;
        while (e > b && (p[e - 1] == ' ' || p[e - 1] == '\t'))
            e--;
        bool bad_len;
        if (e == b) {
            free(list);
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: the address list has an empty entry (entry %zu)", n + 1);
        }
        if (!cidr_parse_one(p + b, e - b, &list[n], &bad_len)) {
            char shown[64];
            snprintf(shown, sizeof(shown), "%.*s", (int)(e - b < 60 ? e - b : 60), p + b);
            free(list);
            if (bad_len)
                return ag_error_set(err, AG_EINVAL,
                                    "netwatch: \"%s\": the prefix length is not 0 to 32 (IPv4) "
                                    "or 0 to 128 (IPv6)",
                                    shown);
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: \"%s\" is not an address range (e.g. 10.0.0.0/8 or "
                                "fd00::/8)",
                                shown);
        }
        n++;
        if (!p[len])
            break;
        p += len + 1;
    }
    *out = list;
    *count = n;
    return AG_OK;
}

/* ---- text forms ---- */

/* The text forms below are written digit by digit: every alert and every inventory line has
 * several, and snprintf, inet_ntop (IPv4) and gmtime_r cost thousands of instructions each (test
 * test_text_forms_fast compares them with those). */
void nw_mac_format(const uint8_t m[6], char out[18])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 6; i++) {
        out[3 * i] = hex[m[i] >> 4];
        out[3 * i + 1] = hex[m[i] & 15];
        out[3 * i + 2] = i < 5 ? ':' : '\0';
    }
}

/* "a.b.c.d" (inet_ntop's form); out ≥ 16 bytes. */
static void v4_format(const uint8_t *a, char *out)
{
    char *o = out;
    for (int i = 0; i < 4; i++) {
        unsigned v = a[i];
        if (v >= 100)
            *o++ = (char)('0' + v / 100);
        if (v >= 10)
            *o++ = (char)('0' + v / 10 % 10);
        *o++ = (char)('0' + v % 10);
        *o++ = i < 3 ? '.' : '\0';
    }
}

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

bool nw_mac_parse(const char *s, uint8_t mac[6])
{
    if (strlen(s) != 17)
        return false;
    for (int i = 0; i < 6; i++) {
        int hi = hexval(s[i * 3]), lo = hexval(s[i * 3 + 1]);
        if (hi < 0 || lo < 0 || (i < 5 && s[i * 3 + 2] != ':' && s[i * 3 + 2] != '-'))
            return false;
        mac[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

void nw_addr_format(uint8_t fam, const uint8_t *addr, char out[46])
{
    if (fam == NW_FAM_MAC)
        nw_mac_format(addr, out);
    else if (fam == NW_FAM_V4)
        v4_format(addr, out);
    else if (fam != NW_FAM_V6 || !inet_ntop(AF_INET6, addr, out, 46))
        out[0] = '\0';
}

uint8_t nw_addr_parse(const char *s, uint8_t addr[16])
{
    memset(addr, 0, 16);
    if (nw_mac_parse(s, addr))
        return NW_FAM_MAC;
    if (inet_pton(AF_INET, s, addr) == 1)
        return NW_FAM_V4;
    if (inet_pton(AF_INET6, s, addr) == 1)
        return NW_FAM_V6;
    memset(addr, 0, 16);
    return NW_FAM_NONE;
}

static const struct {
    uint8_t p;
    const char *name;
} protos[] = {
    {1, "icmp"},  {2, "igmp"},   {6, "tcp"},    {17, "udp"},    {41, "ipv6"},
    {47, "gre"},  {50, "esp"},   {51, "ah"},    {58, "icmpv6"}, {89, "ospf"},
    {103, "pim"}, {112, "vrrp"}, {132, "sctp"},
};

const char *nw_proto_name(uint8_t proto)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(protos); i++)
        if (protos[i].p == proto)
            return protos[i].name;
    return NULL;
}

int nw_proto_parse(const char *s)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(protos); i++)
        if (!strcmp(protos[i].name, s))
            return protos[i].p;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || errno || v > 255)
        return -1;
    return (int)v;
}

/* Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar
 * (H. Hinnant's civil_from_days, what gmtime does for these days). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);                          /* [0, 146096] */
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    unsigned mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static char *put_digits(char *o, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        o[i] = (char)('0' + v % 10);
    return o + n;
}

void nw_time_format(int64_t ns, char out[32])
{
    int64_t ms = ns / 1000000 - (ns % 1000000 < 0);
    int64_t t = ms / 1000 - (ms % 1000 < 0);
    unsigned frac = (unsigned)(ms - t * 1000);
    int64_t days = t / 86400 - (t % 86400 < 0);
    unsigned sod = (unsigned)(t - days * 86400);
    int64_t y;
    unsigned mo, d;
    civil_from_days(days, &y, &mo, &d); /* int64 ns: years 1677–2262 */
    char *o = put_digits(out, (unsigned)y % 10000u, 4);
    *o++ = '-';
    o = put_digits(o, mo, 2);
    *o++ = '-';
    o = put_digits(o, d, 2);
    *o++ = 'T';
    o = put_digits(o, sod / 3600, 2);
    *o++ = ':';
    o = put_digits(o, sod / 60 % 60, 2);
    *o++ = ':';
    o = put_digits(o, sod % 60, 2);
    *o++ = '.';
    o = put_digits(o, frac, 3);
    *o++ = 'Z';
    *o = '\0';
}

bool nw_time_parse(const char *s, int64_t *ns)
{
    int y, mo, d, h, mi, sec, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
        return false;
    const char *p = s + 19;
    int64_t frac = 0;
    if (*p == '.') {
        int digits = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
            if (digits < 9)
                frac = frac * 10 + (*p - '0');
        if (!digits)
            return false;
        for (; digits < 9; digits++)
            frac *= 10;
    }
    if (strcmp(p, "Z") || y < 1970 || y > 2261 /* int64 nanoseconds end in 2262 */ || mo < 1 ||
        mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return false;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = sec};
    time_t t = timegm(&tm);
    if (tm.tm_mday != d) /* 31 February */
        return false;
    *ns = (int64_t)t * 1000000000 + frac;
    return true;
}
