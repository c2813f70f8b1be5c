/*
 * match.c — the pattern matcher behind every decoder (the language is in logwatch_int.h), and
 * address parsing. Patterns are small and tried in table order; each table is compiled once, on
 * first use, into an index (struct lw_table_index): the patterns as literal runs and
 * placeholders, and per first byte of a message the few patterns that can match it. Any thread
 * may decode; the index is built under a lock and published with a release store.
 */
#define _GNU_SOURCE /* memrchr */
#include "logwatch/logwatch_int.h"

#include <arpa/inet.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* inet_pton(AF_INET, …) on the NUL-terminated s, rule for rule (glibc's inet_pton4: four
 * decimal octets ≤ 255 without leading zeros, nothing else), without the call: addresses are
 * parsed on most lines. */
static bool ipv4(const char *s, uint8_t out[4])
{
    unsigned octets = 0, v = 0;
    bool digit = false;
    for (; *s; s++) {
        char c = *s;
        if (c >= '0' && c <= '9') {
            if (digit && v == 0)
                return false;
            v = v * 10 + (unsigned)(c - '0');
            if (v > 255)
                return false;
            if (!digit) {
                if (++octets > 4)
                    return false;
                digit = true;
            }
        } else if (c == '.' && digit) {
            if (octets == 4)
                return false;
            out[octets - 1] = (uint8_t)v;
            v = 0;
            digit = false;
        } else {
            return false;
        }
    }
    if (octets < 4)
        return false;
    out[3] = (uint8_t)v;
    return true;
}

/* ipv4() on s[0..n) in place when it holds only digits and dots (the usual address), with
 * ipv4()'s result and its writes to out (the octets before a failure stay written, as callers
 * have always seen them); -1 when another byte is there (a ':' of IPv6, a '%' scope, a NUL)
 * and the general path must decide. */
static int ipv4_direct(const char *s, size_t n, uint8_t out[4])
{
    unsigned octets = 0, v = 0;
    bool digit = false, ok = true;
    for (size_t i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c - '0' < 10u) {
            if (digit && v == 0)
                ok = false;
            v = v * 10 + (c - '0');
            if (v > 255)
                ok = false, v = 256; /* bounded while the rest is checked for ':' */
            if (!digit) {
                octets++;
                digit = true;
            }
        } else if (c == '.') {
            if (!digit || octets >= 4)
                ok = false;
            else if (ok)
                out[octets - 1] = (uint8_t)v;
            v = 0;
            digit = false;
        } else {
            return -1;
        }
    }
    if (!ok || octets != 4)
        return 0;
    out[3] = (uint8_t)v;
    return 1;
}

/* The canonical dotted quad ("192.0.2.10": four octets ≤ 255, no leading zeros, nothing else)
 * into out; false for anything else, which ipv4_direct then decides. n is 7–15: the text is
 * copied with two overlapping loads into a buffer ending in a NUL, so the octets are read
 * without a bound check per byte (the NUL is neither a digit nor a dot). */
static bool ipv4_quad(const char *p, size_t n, uint8_t out[4])
{
    unsigned char b[16];
    if (n >= 8) {
        memcpy(b, p, 8), memcpy(b + n - 8, p + n - 8, 8);
    } else {
        memcpy(b, p, 4), memcpy(b + n - 4, p + n - 4, 4);
    }
    b[n] = '\0';
    const unsigned char *u = b;
    for (int o = 0; o < 4; o++) {
        unsigned v = (unsigned)(u[0] - '0');
        if (v >= 10u)
            return false;
        unsigned d = (unsigned)(u[1] - '0');
        if (d < 10u) {
            if (v == 0)
                return false; /* a leading zero */
            v = v * 10 + d;
            d = (unsigned)(u[2] - '0');
            if (d < 10u) {
                v = v * 10 + d;
                if (v > 255 || (unsigned)(u[3] - '0') < 10u)
                    return false;
                u += 3;
            } else {
                u += 2;
            }
        } else {
            u += 1;
        }
        out[o] = (uint8_t)v;
        if (o < 3) {
            if (*u != '.')
                return false;
            u++;
        }
    }
    return u == b + n;
}

bool lw_addr_parse(const char *s, size_t n, int *family, uint8_t addr[16])
{
    if (n >= 7 && n <= 15) {
        memset(addr, 0, 16);
        if (ipv4_quad(s, n, addr)) {
            *family = 4;
            return true;
        }
    }
    if (n > 0 && n < 64) { /* dotted IPv4 without a copy; anything else below */
        memset(addr, 0, 16);
        int r = ipv4_direct(s, n, addr);
        if (r >= 0) {
            if (r)
                *family = 4;
            return r == 1;
        }
    }
    char buf[64];
    if (memchr(s, '\0', n))
        return false; /* the C parsers below would stop at it and take the part before it */
    const char *pct = memchr(s, '%', n);
    if (pct)
        n = (size_t)(pct - s);
    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    memset(addr, 0, 16);
    if (!memchr(buf, ':', n)) {
        if (pct || !ipv4(buf, addr))
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

bool lw_addr_parse_text(const char *s, size_t n, int *family, uint8_t addr[16],
                        struct lw_slice *text)
{
    if (n >= 7 && n <= 15) {
        memset(addr, 0, 16);
        if (ipv4_quad(s, n, addr)) { /* digits and dots only: the text is the address */
            *family = 4;
            *text = (struct lw_slice){s, n};
            return true;
        }
    }
    if (!lw_addr_parse(s, n, family, addr))
        return false;
    *text = lw_addr_text((struct lw_slice){s, n});
    return true;
}

bool lw_cidr_parse(const char *s, size_t n, struct lw_cidr *c)
{
    const char *slash = memchr(s, '/', n);
    size_t alen = slash ? (size_t)(slash - s) : n;
    if (!lw_addr_parse(s, alen, &c->family, c->addr) || memchr(s, '%', alen))
        return false;
    unsigned max = c->family == 4 ? 32 : 128, bits = max;
    if (slash) {
        const char *d = slash + 1, *end = s + n;
        if (d == end || end - d > 3)
            return false;
        bits = 0;
        for (; d < end; d++) {
            if (*d < '0' || *d > '9')
                return false;
            bits = bits * 10 + (unsigned)(*d - '0');
        }
        /* an IPv4-mapped prefix (::ffff:10.0.0.0/104) was folded to IPv4: fold its length */
        if (c->family == 4 && memchr(s, ':', alen)) {
            if (bits < 96)
                return false;
            bits -= 96;
        }
        if (bits > max)
            return false;
    }
    c->bits = (uint8_t)bits;
    return true;
}

bool lw_cidr_match(const struct lw_cidr *c, int family, const uint8_t addr[16])
{
    if (family != c->family)
        return false;
    unsigned whole = c->bits / 8u, rest = c->bits % 8u;
    if (memcmp(c->addr, addr, whole) != 0)
        return false;
    if (rest == 0)
        return true;
    uint8_t mask = (uint8_t)(0xffu << (8 - rest));
    return (c->addr[whole] & mask) == (addr[whole] & mask);
}

struct lw_slice lw_addr_text(struct lw_slice a)
{
    const char *pct = memchr(a.p, '%', a.n);
    if (pct)
        a.n = (size_t)(pct - a.p);
    const char *colon = memrchr(a.p, ':', a.n);
    if (colon && memchr(colon, '.', a.n - (size_t)(colon - a.p))) /* ::ffff:1.2.3.4 */
        a = (struct lw_slice){colon + 1, a.n - (size_t)(colon + 1 - a.p)};
    return a;
}

/* [0-9a-fA-F:.]: one load per byte of an address (bytes 128–255 are 0) */
static const unsigned char addr_chars[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static bool addr_char(char c)
{
    return addr_chars[(unsigned char)c];
}

static bool scope_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '-' || c == '.';
}

/* What a pattern captured. */
struct caps {
    struct lw_slice user, target, method, addr;
    int family;
    uint8_t bytes[16];
    uint32_t port, count;
};

/* Whether a[0..n) equals b[0..n): for the short literals of patterns, two overlapping loads
 * of each instead of a memcmp call (same answer; nothing outside [0, n) is read). */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8 && n <= 16) {
        uint64_t a0, b0, a1, b1;
        memcpy(&a0, a, 8), memcpy(&b0, b, 8), memcpy(&a1, a + n - 8, 8), memcpy(&b1, b + n - 8, 8);
        return a0 == b0 && a1 == b1;
    }
    if (n >= 4 && n < 8) {
        uint32_t a0, b0, a1, b1;
        memcpy(&a0, a, 4), memcpy(&b0, b, 4), memcpy(&a1, a + n - 4, 4), memcpy(&b1, b + n - 4, 4);
        return a0 == b0 && a1 == b1;
    }
    if (n < 4) {
        for (size_t i = 0; i < n; i++)
            if (a[i] != b[i])
                return false;
        return true;
    }
    return memcmp(a, b, n) == 0;
}

/* Finds the last occurrence of lit[0..ln) in s[0..n) at or before `before`; -1 if none. */
static long last_of(const char *s, size_t n, const char *lit, size_t ln, long before)
{
    if (ln > n)
        return -1;
    long start = (long)(n - ln);
    if (before < start)
        start = before;
    for (const char *q; start >= 0; start = (long)(q - s) - 1) {
        if (!(q = memrchr(s, lit[0], (size_t)start + 1)))
            break;
        if (same_bytes(q, lit, ln))
            return (long)(q - s);
    }
    return -1;
}

/* False when part k of the pattern cannot match at s[0..n), seen from its first byte alone:
 * an address needs an address byte, a number a digit, a literal its first byte. A cheap test
 * before each try of a %u/%t/%* split, so a split that cannot work costs no call (the result
 * is the same: match() would fail there). */
static bool part_can_start(const char *pat, const struct lw_pattern_op *ops, size_t nops, size_t k,
                           const char *s, size_t n)
{
    if (k >= nops)
        return true;
    switch (ops[k].kind) {
    case LW_PAT_LIT:
        return n >= ops[k].len && s[0] == pat[ops[k].off];
    case 'a':
        return n > 0 && addr_char(s[0]);
    case 'p':
    case 'n':
        return n > 0 && s[0] >= '0' && s[0] <= '9';
    default:
        return true;
    }
}

/* The pattern language is described in logwatch_int.h; ops[k..nops) is the compiled rest of
 * pattern pat (literal runs with their lengths, placeholders). */
static bool match(const char *pat, const struct lw_pattern_op *ops, size_t nops, size_t k,
                  const char *s, size_t n, struct caps *c)
{
    for (; k < nops; k++) {
        struct lw_pattern_op op = ops[k];
        if (op.kind == LW_PAT_LIT) {
            if (n < op.len || !same_bytes(s, pat + op.off, op.len))
                return false;
            s += op.len, n -= op.len;
            continue;
        }
        char kind = (char)op.kind;
        switch (kind) {
        case 'u':
        case 't':
        case '*': {
            /* the literal that follows (none: the pattern ends or a placeholder follows) */
            bool has_lit = k + 1 < nops && ops[k + 1].kind == LW_PAT_LIT;
            size_t ln = has_lit ? ops[k + 1].len : 0;
            const char *lit = has_lit ? pat + ops[k + 1].off : NULL;
            if (ln == 0) { /* take the rest */
                if (kind != '*') {
                    if (!n)
                        return false;
                    if (kind == 'u')
                        c->user = (struct lw_slice){s, n};
                    else
                        c->target = (struct lw_slice){s, n};
                }
                return k + 1 == nops;
            }
            /* the literal is compared here, so the rest starts after it (k + 2) */
            if (kind != '*') {
                for (long at = last_of(s, n, lit, ln, (long)n); at > 0;
                     at = last_of(s, n, lit, ln, at - 1)) {
                    if (!part_can_start(pat, ops, nops, k + 2, s + at + ln, n - (size_t)at - ln))
                        continue;
                    struct caps save = *c;
                    if (match(pat, ops, nops, k + 2, s + at + ln, n - (size_t)at - ln, c)) {
                        if (kind == 'u')
                            c->user = (struct lw_slice){s, (size_t)at};
                        else
                            c->target = (struct lw_slice){s, (size_t)at};
                        return true;
                    }
                    *c = save;
                }
                return false;
            }
            for (size_t at = 0; at + ln <= n; at++) {
                const char *q = memchr(s + at, lit[0], n - ln + 1 - at);
                if (!q)
                    break;
                at = (size_t)(q - s);
                if (!same_bytes(q, lit, ln) ||
                    !part_can_start(pat, ops, nops, k + 2, q + ln, n - at - ln))
                    continue;
                struct caps save = *c;
                if (match(pat, ops, nops, k + 2, s + at + ln, n - at - ln, c))
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
            /* A literal must follow where the address ends: at i, or — only for a run of
             * address bytes holding a colon, without a scope — at one of its colons (the cuts
             * below). When neither can be, the part fails: no address parse needed (a %u split
             * tried at the port number of "… user X 10.0.0.1 port 22", for one). */
            if (k + 1 < nops && ops[k + 1].kind == LW_PAT_LIT &&
                (n - i < ops[k + 1].len || s[i] != pat[ops[k + 1].off]) &&
                (end != i || !memchr(s, ':', end)))
                return false;
            if (!lw_addr_parse_text(s, end, &c->family, c->bytes, &c->addr)) {
                /* The run of address characters also took what follows the address: a colon
                 * of the text ("from 95.9.156.208: 3: …") or a port ("1.2.3.4:5678",
                 * "::ffff:1.2.3.4:5678", "192.168.1.2:13798: …"). Try the run without its last
                 * colon, then (for IPv4 text) up to its first and last colons. */
                if (end != i || end == 0)
                    return false;
                const char *first = memchr(s, ':', end), *last = memrchr(s, ':', end);
                size_t cuts[3] = {end - 1, first ? (size_t)(first - s) : 0,
                                  last ? (size_t)(last - s) : 0};
                bool found = false;
                for (int ci = 0; ci < 3 && !found; ci++) {
                    size_t cut = cuts[ci];
                    if (cut == 0 || (ci == 0 && s[end - 1] != ':') ||
                        (ci > 0 && !memchr(s, '.', cut)))
                        continue;
                    if (lw_addr_parse(s, cut, &c->family, c->bytes)) {
                        end = i = cut;
                        found = true;
                    }
                }
                if (!found)
                    return false;
                c->addr = lw_addr_text((struct lw_slice){s, end});
            }
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
        case 'w':
        case 'U': {
            size_t i = 0;
            while (i < n && s[i] != ' ' && s[i] != ',' && s[i] != ';' && s[i] != '"' &&
                   !(kind == 'U' && s[i] == '('))
                i++;
            if (!i)
                return false;
            if (kind == 'U')
                c->user = (struct lw_slice){s, i};
            else
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

static mtx_t index_lock;
static once_flag index_once = ONCE_FLAG_INIT;

static void index_lock_init(void)
{
    (void)mtx_init(&index_lock, mtx_plain);
}

static void index_build(const struct lw_pattern *t, struct lw_table_index *ix, size_t n)
{
    call_once(&index_once, index_lock_init);
    mtx_lock(&index_lock);
    if (!atomic_load_explicit(&ix->ready, memory_order_relaxed)) {
        for (size_t i = 0; i < n; i++) {
            const char *pat = t[i].pat;
            size_t nops = 0;
            for (size_t j = 0; pat[j];) {
                if (nops ==
                    LW_PAT_OPS_MAX) { /* a table in the source is wrong: found by any test */
                    fprintf(stderr, "logwatch: pattern \"%s\" has too many parts\n", pat);
                    abort();
                }
                struct lw_pattern_op *op = &ix->ops[i][nops++];
                if (pat[j] == '%') {
                    op->kind = (unsigned char)pat[j + 1];
                    j += pat[j + 1] ? 2 : 1;
                } else {
                    size_t l = strcspn(pat + j, "%");
                    *op = (struct lw_pattern_op){LW_PAT_LIT, (unsigned short)l, (unsigned short)j};
                    j += l;
                }
            }
            ix->nops[i] = (unsigned char)nops;
            for (unsigned b = 0; b < 256; b++)
                if (t[i].pat[0] == '%' || (unsigned char)t[i].pat[0] == b)
                    ix->first[b] |= (uint64_t)1 << i;
        }
        atomic_store_explicit(&ix->ready, true, memory_order_release);
    }
    mtx_unlock(&index_lock);
}

bool lw_match_table(const struct lw_pattern *t, struct lw_table_index *ix, size_t n,
                    struct lw_slice m, unsigned extra_flags, const char *name, struct lw_event *ev)
{
    return lw_match_table_only(t, ix, n, ~(uint64_t)0, m, extra_flags, name, ev);
}

bool lw_match_table_only(const struct lw_pattern *t, struct lw_table_index *ix, size_t n,
                         uint64_t only, struct lw_slice m, unsigned extra_flags, const char *name,
                         struct lw_event *ev)
{
    if (m.n == 0)
        return false;
    if (!atomic_load_explicit(&ix->ready, memory_order_acquire))
        index_build(t, ix, n);
    for (uint64_t cand = ix->first[(unsigned char)m.p[0]] & only; cand; cand &= cand - 1) {
        size_t i = (size_t)__builtin_ctzll(cand);
        const struct lw_pattern_op *ops = ix->ops[i];
        size_t lit = ops[0].kind == LW_PAT_LIT ? ops[0].len : 0;
        if (m.n < lit || !same_bytes(m.p, t[i].pat, lit))
            continue;
        struct caps c = {0};
        if (!match(t[i].pat, ops, ix->nops[i], lit ? 1 : 0, m.p + lit, m.n - lit, &c))
            continue;
        ev->action = t[i].action;
        ev->outcome = t[i].outcome;
        ev->flags = extra_flags | t[i].flags;
        ev->user = c.user;
        ev->target = c.target;
        ev->method = c.method;
        ev->src = c.addr;
        ev->src_family = c.family;
        memcpy(ev->src_addr, c.bytes, 16);
        ev->src_port = (uint16_t)c.port;
        if (c.count)
            ev->repeat = c.count;
        ev->decoder = name;
        return true;
    }
    return false;
}
