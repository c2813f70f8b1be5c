/*
 * logwatch_int.h — the inside of src/logwatch: the message pattern matcher every decoder uses
 * (match.c) and the decoders' entry points (sshd.c, decoders.c).
 */
#ifndef AG_LOGWATCH_INT_H
#define AG_LOGWATCH_INT_H

#include "logwatch/logwatch.h"

#include <stdatomic.h>
#include <string.h>

/*
 * A pattern matches a prefix of a message (the rest is ignored):
 *   text  itself
 *   %u    user name: one or more bytes, up to the LAST place where the rest matches (so a
 *         crafted user name cannot put another address into the line: log injection)
 *   %t    target (account, group): like %u
 *   %U    user name that is one word (system account names): up to a space, comma, semicolon,
 *         double quote or '(' ("root(uid=0)")
 *   %*    any bytes (possibly none), up to the first place where the rest matches
 *   %a    an IPv4/IPv6 address (an IPv6 %scope is left out of the capture; "1.2.3.4:5678"
 *         gives the address and leaves ":5678" to the pattern)
 *   %p    a port number (digits, ≤ 65535)
 *   %n    a count (digits)
 *   %w    a word (up to a space, comma, semicolon or double quote), e.g. the method "password"
 * Recursion depth is bounded by the number of placeholders in the pattern.
 */
struct lw_pattern {
    const char *pat;
    enum lw_action action;
    enum lw_outcome outcome;
    unsigned flags; /* LW_F_* */
};

/* Beside each table, an index built on first use (under a lock, published with a release
 * store): each pattern compiled into ops (literal runs with their lengths — one memcmp each
 * instead of a byte at a time — and placeholders), and first[b], the set of patterns (bit i =
 * pattern i) that can match a message starting with byte b — those starting with b or with a
 * placeholder — so a line tries one or two patterns, in table order, instead of walking the
 * table. A table has at most 64 patterns, a pattern at most LW_PAT_OPS_MAX parts. */
enum { LW_PAT_LIT = 0, LW_PAT_OPS_MAX = 16 };
struct lw_pattern_op {
    unsigned char kind; /* LW_PAT_LIT, or the placeholder's letter ('u', 'a', …) */
    unsigned short len; /* literal: its length */
    unsigned short off; /* literal: its offset in the pattern */
};
struct lw_table_index {
    _Atomic bool ready;
    unsigned char nops[64];
    struct lw_pattern_op ops[64][LW_PAT_OPS_MAX];
    uint64_t first[256];
};
#define LW_TABLE(t) t, &t##_idx, AG_ARRAY_LEN(t)
#define LW_TABLE_LIT(t)                                                                            \
    static struct lw_table_index t##_idx;                                                          \
    _Static_assert(AG_ARRAY_LEN(t) <= 64, #t ": at most 64 patterns per table")

/* The text of a parsed address as events show it: without an IPv6 %scope, and an IPv4-mapped
 * IPv6 address ("::ffff:1.2.3.4") as its IPv4 part. */
struct lw_slice lw_addr_text(struct lw_slice a);

/* lw_addr_parse and, when it succeeds, lw_addr_text of s[0..n) into *text, in one step (a
 * canonical dotted quad is its own text: no second look at it). */
bool lw_addr_parse_text(const char *s, size_t n, int *family, uint8_t addr[16],
                        struct lw_slice *text);

/* Tries the patterns of t[0..n) in order on m; on the first match fills ev's action, outcome,
 * flags (| extra_flags), user, target, method, source and repeat count (if %n), sets
 * ev->decoder = name and returns true. */
bool lw_match_table(const struct lw_pattern *t, struct lw_table_index *ix, size_t n,
                    struct lw_slice m, unsigned extra_flags, const char *name, struct lw_event *ev);

/* lw_match_table with only the patterns whose bit is set in `only` (bit i = pattern i) tried:
 * for a decoder that knows from the message which patterns cannot match. */
bool lw_match_table_only(const struct lw_pattern *t, struct lw_table_index *ix, size_t n,
                         uint64_t only, struct lw_slice m, unsigned extra_flags, const char *name,
                         struct lw_event *ev);

/* Decoders (decoders.c); each returns true when it recognised the message. */
bool lw_decode_pam(struct lw_event *ev);
bool lw_decode_sudo(struct lw_event *ev);
bool lw_decode_su(struct lw_event *ev);
bool lw_decode_login(struct lw_event *ev);
bool lw_decode_accounts(struct lw_event *ev);
bool lw_decode_mail(struct lw_event *ev);
bool lw_decode_ftp(struct lw_event *ev);
bool lw_decode_openvpn(struct lw_event *ev);
bool lw_decode_dropbear(struct lw_event *ev);
bool lw_decode_apps(struct lw_event *ev);
bool lw_decode_web(struct lw_event *ev);

static inline bool lw_slice_is(struct lw_slice s, const char *lit)
{
    size_t l = strlen(lit);
    return s.n == l && memcmp(s.p, lit, l) == 0;
}

static inline bool lw_starts(struct lw_slice m, const char *lit)
{
    size_t l = strlen(lit);
    return m.n >= l && memcmp(m.p, lit, l) == 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; syslog.c). */
int64_t lw_days_from_civil(int y, int m, int d);
/* "30s", "10m", "1h", "7d", "2w" → seconds (rules.c); false for anything else. */
bool lw_parse_span(const char *s, int64_t *out);

#endif
