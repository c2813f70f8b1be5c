/*
 * rules_hs.c — the |re values of a rule set as Vectorscan (Hyperscan API) databases: one per
 * event field, so a web request's target is scanned once for the five web-attack expressions
 * instead of once per expression with PCRE2 (11 % of a run's instructions before).
 *
 * Built when the rule set is loaded, read-only while events flow (any thread). PCRE2 stays the
 * reference: every |re is compiled by PCRE2 first (its errors are the ones users see), and an
 * expression Vectorscan refuses (back-references, look-around, atomic groups, an expression
 * that matches the empty string, more than 64 per field, more than LW_HS_SLOTS fields) keeps
 * being evaluated by PCRE2. Only whether an expression matches is used, never where, so
 * Vectorscan's all-matches semantics give the same answer as PCRE2's first match; both work
 * on bytes (no UTF mode) with ASCII case folding. tests/unit/logwatch/test_rules_hs.c compares
 * the two on the default rules and hostile text.
 *
 * The scratch space Vectorscan needs per scan is per thread, grown on a thread's first scan of
 * a database it has not seen (hs_alloc_scratch keeps a big enough one as it is); hs_scan
 * checks the scratch against the database, so a reload's new database at a freed one's
 * address is caught and the scratch grown.
 *
 * Scan memo: a site's requests repeat (the same static files, pages and probes all day), and a
 * scan of a short target costs ~1,600 instructions where a hash and a compare cost ~100. Each
 * thread keeps a direct-mapped table of the last results per (database, text) for texts up to
 * MEMO_TEXT bytes; a hit needs the same database number (never reused, so a reload's new
 * database at a freed one's address cannot answer for it), the same hash and the same bytes.
 */
#include "logwatch/rules_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "common/hash.h"

#define HS_PER_SLOT 64 /* expressions per database: the bits of struct lw_evx.re_hits[] */

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
    (void)from, (void)to, (void)flags;
    *(uint64_t *)ctx |= (uint64_t)1 << id;
    return 0; /* go on: the other expressions of the field */
}

static bool scan(const struct lw_value *v, const char *p, size_t len, uint64_t *out)
{
    static _Thread_local hs_scratch_t *scratch;
    static _Thread_local const hs_database_t *sized_for;
    uint64_t hits = 0;
    if (sized_for != v->hs_db) {
        if (hs_alloc_scratch(v->hs_db, &scratch) != HS_SUCCESS)
            return false; /* out of memory: no match (as PCRE2 without match data) */
        sized_for = v->hs_db;
    }
    unsigned n = (unsigned)(len > UINT32_MAX ? UINT32_MAX : len);
    hs_error_t rc = hs_scan(v->hs_db, p, n, 0, scratch, on_match, &hits);
    if (rc == HS_INVALID && hs_alloc_scratch(v->hs_db, &scratch) == HS_SUCCESS) {
        hits = 0; /* a new database where a freed one was, needing more scratch */
        rc = hs_scan(v->hs_db, p, n, 0, scratch, on_match, &hits);
    }
    if (rc != HS_SUCCESS)
        return false;
    *out = hits;
    return true;
}

#define MEMO_WAYS 1024 /* entries per thread: 128 KiB */
#define MEMO_TEXT 104  /* longer texts are scanned every time */

struct memo_ent {
    uint64_t db; /* hs_id of the database; 0: free */
    uint64_t hits;
    uint32_t h; /* the hash's bits above the index */
    uint32_t n;
    char text[MEMO_TEXT];
};
_Static_assert(sizeof(struct memo_ent) == 128, "two cache lines an entry");

static pthread_key_t memo_key;
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;
static bool memo_key_ok;
static _Thread_local struct memo_ent *memo;
static _Thread_local bool memo_failed;
static _Thread_local struct lw_hs_memo_stats memo_st;
static atomic_bool memo_on = true;

static void memo_make_key(void)
{
    memo_key_ok = pthread_key_create(&memo_key, free) == 0; /* freed when its thread ends */
}

static struct memo_ent *memo_table(void)
{
    if (memo || memo_failed)
        return memo;
    pthread_once(&memo_once, memo_make_key);
    memo = memo_key_ok ? calloc(MEMO_WAYS, sizeof(*memo)) : NULL;
    if (memo && pthread_setspecific(memo_key, memo) != 0) {
        free(memo);
        memo = NULL;
    }
    memo_failed = !memo; /* no memory: scan every time */
    return memo;
}

void lw_rules_hs_memo_enable(bool on)
{
    atomic_store(&memo_on, on);
}

struct lw_hs_memo_stats lw_rules_hs_memo_stats(void)
{
    return memo_st;
}

bool lw_rules_hs_match(const struct lw_value *v, struct lw_evx *x, struct lw_slice s)
{
    unsigned bit = 1u << v->hs_slot;
    if (!(x->re_done & bit)) {
        const char *p = s.p ? s.p : "";
        uint64_t hits;
        struct memo_ent *m = NULL;
        uint64_t h = 0;
        struct memo_ent *tab =
            s.n <= MEMO_TEXT && atomic_load_explicit(&memo_on, memory_order_relaxed) ? memo_table()
                                                                                     : NULL;
        if (tab) {
            h = ag_hash_finish(ag_hash_mix(v->hs_id, p, s.n));
            m = &tab[h & (MEMO_WAYS - 1)];
            if (m->db == v->hs_id && m->h == (uint32_t)(h >> 32) && m->n == s.n &&
                memcmp(m->text, p, s.n) == 0) {
                memo_st.hits++;
                x->re_hits[v->hs_slot] = m->hits;
                x->re_done |= bit;
                return (m->hits >> v->hs_bit) & 1;
            }
        }
        if (!scan(v, p, s.n, &hits))
            return false;
        memo_st.scans++;
        if (m) {
            m->db = v->hs_id;
            m->hits = hits;
            m->h = (uint32_t)(h >> 32);
            m->n = (uint32_t)s.n;
            memcpy(m->text, p, s.n);
        }
        x->re_hits[v->hs_slot] = hits;
        x->re_done |= bit;
    }
    return (x->re_hits[v->hs_slot] >> v->hs_bit) & 1;
}

/* Calls fn on every |re value of the rule set, with the field its test names. */
static void each_re(struct lw_ruleset *rs, void (*fn)(void *, struct lw_value *, enum lw_field),
                    void *ctx)
{
    for (size_t i = 0; i < rs->n; i++) {
        struct lw_rule *r = &rs->r[i];
        for (size_t s = 0; s < r->nsel; s++)
            for (size_t m = 0; m < r->sel[s].nm; m++)
                for (size_t t = 0; t < r->sel[s].m[m].nt; t++) {
                    struct lw_test *te = &r->sel[s].m[m].t[t];
                    for (size_t v = 0; v < te->nv; v++)
                        if (te->v[v].op == LW_OP_RE)
                            fn(ctx, &te->v[v], te->field);
                }
    }
}

/* What one database is built from. */
struct slot {
    enum lw_field field;
    struct lw_value *v[HS_PER_SLOT];
    const char *expr[HS_PER_SLOT];
    unsigned flags[HS_PER_SLOT], ids[HS_PER_SLOT];
    unsigned n;
};

struct build {
    struct slot slot[LW_HS_SLOTS];
    size_t nslot;
};

/* Whether Vectorscan takes the expression: its parser and analysis (a full compile of each
 * would cost more than the one of the database), and not one that matches the empty string
 * (refused without HS_FLAG_ALLOWEMPTY; PCRE2 answers those). */
static bool accepted(const struct lw_value *v, unsigned flags)
{
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *err = NULL;
    hs_error_t rc = hs_expression_info(v->s, flags, &info, &err);
    hs_free_compile_error(err);
    bool ok = rc == HS_SUCCESS && info && info->min_width > 0;
    free(info); /* allocated with the default allocator (misc allocator not set) */
    return ok;
}

static void collect(void *ctx, struct lw_value *v, enum lw_field f)
{
    struct build *b = ctx;
    v->hs_db = NULL;
    if (!v->s)
        return;
    unsigned flags = v->re_flags | HS_FLAG_SINGLEMATCH;
    size_t k = 0;
    while (k < b->nslot && b->slot[k].field != f)
        k++;
    if (k == LW_HS_SLOTS || (k < b->nslot && b->slot[k].n == HS_PER_SLOT) || !accepted(v, flags))
        return; /* PCRE2 decides */
    if (k == b->nslot)
        b->slot[b->nslot++].field = f;
    struct slot *sl = &b->slot[k];
    v->hs_slot = (unsigned)k;
    v->hs_bit = sl->n;
    sl->v[sl->n] = v;
    sl->expr[sl->n] = v->s;
    sl->flags[sl->n] = flags;
    sl->ids[sl->n] = sl->n;
    sl->n++;
}

static atomic_bool hs_on = true;

void lw_rules_hs_enable(bool on)
{
    atomic_store(&hs_on, on);
}

bool lw_rules_hs_build(struct lw_ruleset *rs)
{
    if (!atomic_load(&hs_on))
        return true;
    struct build *b = calloc(1, sizeof(*b));
    if (!b)
        return false;
    each_re(rs, collect, b);
    static atomic_uint_fast64_t next_id;
    for (size_t k = 0; k < b->nslot; k++) {
        struct slot *sl = &b->slot[k];
        hs_compile_error_t *err = NULL;
        hs_database_t *db = NULL;
        char key[65];
        bool keyed = lw_hs_cache_key(sl->expr, sl->flags, sl->ids, sl->n, HS_MODE_BLOCK, key);
        if (keyed)
            db = lw_hs_cache_get(key, HS_MODE_BLOCK); /* hs_cache.c: NULL when off or unusable */
        if (!db) {
            if (hs_compile_multi(sl->expr, sl->flags, sl->ids, sl->n, HS_MODE_BLOCK, NULL, &db,
                                 &err) != HS_SUCCESS) {
                hs_free_compile_error(err); /* each was accepted alone: PCRE2 keeps them all */
                continue;
            }
            if (keyed)
                lw_hs_cache_put(key, db);
        }
        rs->hs_db[rs->nhs++] = db;
        uint64_t id = atomic_fetch_add(&next_id, 1) + 1;
        for (unsigned i = 0; i < sl->n; i++) {
            sl->v[i]->hs_db = db;
            sl->v[i]->hs_id = id;
        }
    }
    free(b);
    return true;
}

static void unset(void *ctx, struct lw_value *v, enum lw_field f)
{
    (void)ctx, (void)f;
    v->hs_db = NULL;
}

void lw_rules_hs_drop(struct lw_ruleset *rs)
{
    each_re(rs, unset, NULL);
    for (size_t k = 0; k < rs->nhs; k++)
        hs_free_database(rs->hs_db[k]);
    rs->nhs = 0;
}
