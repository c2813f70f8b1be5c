/*
 * engine.c — the detection engine: events through the rules, correlation windows, alerts.
 *
 * Runs in one thread. Per event it tries only the detection rules whose condition can hold
 * for the event's action (struct lw_ruleset.by_action), evaluates them without allocating,
 * and feeds matches into the correlations that count them.
 *
 * Correlation state is one entry per (correlation, group-by values), found through an
 * open-addressing table of 64-bit key hashes (a collision between two live keys is
 * astronomically unlikely and would only merge two windows). Entries sit on an LRU list; at
 * cfg.max_keys the least recently used is evicted and counted, so memory is bounded whatever
 * the input. Each window is exact, not bucketed: event_count keeps the last N times (N = the
 * threshold), value_count the last-seen time of up to N distinct values, so "N within the
 * timespan" is decided on a sliding window.
 *
 * Keys hash the rule's name, not its index, so after a reload (lw_engine_set_rules) a rule
 * of the same name finds its windows again.
 */
#include "common/hash.h"
#include "logwatch/rules_int.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define EVIDENCE_MAX 10 /* event references kept per key for the alert */
#define SAMPLES_MAX 8   /* distinct values shown in a value_count alert */
#define SAMPLE_LEN 48
#define NEWVALUE_MAX 32 /* values remembered per group by new_value */
#define RAW_MAX 512     /* bytes of the completing line put into an alert */

struct ref {
    uint32_t src; /* index into e->srcs */
    uint64_t line;
};

struct entry {
    uint64_t hash; /* the key; 0 = free */
    uint64_t rkey; /* the rule's name hash */
    uint32_t used; /* the engine's access clock when last used (approximate LRU) */
    uint32_t next; /* free list (index + 1; 0 = none) */
    int64_t first, last;
    int64_t quiet_until; /* no new alert for this key before */
    uint64_t count;      /* events fed (event_count: the ring position) */
    uint64_t since;      /* events since the last alert */
    uint32_t cap;        /* slots of data */
    uint32_t nref, ref_at;
    uint8_t corr, alerted;
    struct ref refs[EVIDENCE_MAX];
    void *data;  /* per correlation type, see below */
    char *label; /* silence: the group's text, for the alert */
};

/* a key of a one-field group remembered by its text (kept as the two words kmemo_words makes
 * of it: equal words and length, equal texts); valid while ents[i].hash == h */
#define KMEMO_WAYS 256
#define KMEMO_TEXT 16
struct kmemo {
    uint64_t h;
    uint64_t w[2];
    uint32_t i;
    uint8_t n;
};

/* value_count / new_value slot */
struct vslot {
    uint64_t h;
    int64_t last;
};

#define DEC_LISTS 33 /* decoder ids 0–31, and one list for events without an id */

/* One rule of a list (struct lw_engine.dlist): the rule and its flat tests ftests[first ..
 * first + n), the ones the list does not imply already; n = STEP_WHOLE: the rule is not a
 * conjunction of tests and goes through lw_rule_match. */
#define STEP_WHOLE UINT32_MAX
#define FLAT_MAX 64 /* tests of one flat rule */
struct step {
    uint32_t rule, first, n;
    /* a step whose one test is a |re answered by Vectorscan slot re_slot (else -1), and
     * run: how many steps from this one on are such steps of the same slot — once the slot
     * is scanned with no expression matching, they all fail and are passed over together */
    int re_slot;
    uint32_t run;
};

struct lw_engine {
    struct lw_config cfg;
    struct lw_ruleset *rs;
    uint64_t *rkeys; /* per rule of rs: hash of its name */
    lw_alert_fn fn;
    void *ctx;
    /* key table */
    uint32_t *slots; /* entry index + 1 */
    size_t nslots;   /* power of two, ≥ 2 × live keys: grows with them, so a small key set
                        stays in cache */
    struct entry *ents;
    size_t nents, cap;
    uint32_t free_head; /* free entries chained through next */
    uint32_t clock;     /* advances on every key access */
    uint64_t rng;       /* xorshift state for eviction sampling (fixed seed: reproducible) */
    /* evidence source names */
    char **srcs;
    size_t nsrcs;
    /* entries of silence correlations (few: one per host), so a sweep does not walk all */
    uint32_t *quiet;
    size_t nquiet, quiet_cap;
    /* per rule: the key it used last and its entry — most lines come from the same few hosts
     * and addresses in a row, so this spares the table probe */
    uint64_t *memo_h;
    uint32_t *memo_i;
    /* per silence rule grouped by one field: the keys seen lately by their text (KMEMO_WAYS per
     * rule, direct mapped), so a repeated key costs a compare — no hash, no table probe */
    struct kmemo *kmemo;
    uint32_t *kmemo_at; /* per rule: its first way in kmemo / KMEMO_WAYS (those rules only) */
    /* decoders name events with static strings: each distinct pointer seen gets the id of
     * its name once (a strcmp per new pointer), and each rule's required decoder an id of
     * the same table, so the per-event check is an integer compare */
    const char *dptr[32];
    int did[32];
    size_t ndptr;
    char *dname[32];
    size_t ndname;
    int *rule_dec;  /* per rule: id of its decoder, -1 for none */
    uint32_t *want; /* per rule: data_want */
    /* the rules an event is tried against, by its action and its decoder's id (DEC_LISTS - 1:
     * no id): the rule set's per-action list without the rules of other decoders, so the loop
     * visits only rules that can match. List (a, k) is dlist[doff[a][k] .. doff[a][k + 1]).
     * Each step is a flat rule's tests but those the list implies (action a, decoder k), to be
     * evaluated inline, or a whole rule (lw_rule_match). */
    struct step *dlist;
    size_t doff[LW_ACT_LOG_CLEARED + 2][DEC_LISTS + 1];
    struct lw_flat_test *ftests;
    bool whole_rules; /* lw_engine_set_flat(e, false): every step a whole rule (tests) */
    int64_t now, last_sweep;
    /* the time fields of the last minute computed (site time): lines come in time order, many
     * to a minute, so the divisions and the holiday search are done once a minute */
    int64_t tf_start; /* its first second, local */
    int tf_hour, tf_weekday;
    bool tf_workhours, tf_holiday, tf_valid;
    size_t *svc_len; /* lengths of cfg.service_accounts */
    /* no silence can be due before this (the earliest last + timespan of the groups that can
     * still fall silent, lowered whenever a group talks): a sweep before it would find nothing,
     * so it is skipped — the heartbeat hosts of a site make the walk cost per minute of log */
    int64_t sil_due;
    uint64_t alert_seq;
    struct lw_engine_stats st;
};

static const char *rule_key_text(const struct lw_rule *r)
{
    return r->name ? r->name : r->id ? r->id : r->title ? r->title : "";
}

/* ---- configuration ---- */

void lw_config_init(struct lw_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->utc_offset = 9 * 3600;
    cfg->workdays = 0x1f;
    cfg->work_start = 8 * 60;
    cfg->work_end = 19 * 60;
    cfg->max_keys = 200000;
}

/* ---- the engine ---- */

int lw_engine_new(struct lw_engine **out, const struct lw_config *cfg, lw_alert_fn fn, void *ctx)
{
    struct lw_engine *e = calloc(1, sizeof(*e));
    if (!e)
        return AG_ENOMEM;
    e->cfg = *cfg;
    if (e->cfg.max_keys < 64) /* more than the pinned keys (PINNED_AGE) */
        e->cfg.max_keys = 64;
    e->nslots = 1024;
    e->slots = calloc(e->nslots, sizeof(*e->slots));
    /* all entries up front and never moved: a chained correlation may make entries while an
     * outer one still holds a pointer to its own (calloc'd pages cost memory only once used) */
    e->cap = e->cfg.max_keys + 1;
    e->ents = calloc(e->cap, sizeof(*e->ents));
    e->fn = fn;
    e->ctx = ctx;
    e->rng = 0x2545f4914f6cdd1dULL;
    e->svc_len = calloc(e->cfg.nservice ? e->cfg.nservice : 1, sizeof(*e->svc_len));
    if (!e->slots || !e->ents || !e->svc_len) {
        free(e->slots);
        free(e->ents);
        free(e->svc_len);
        free(e);
        return AG_ENOMEM;
    }
    for (size_t i = 0; i < e->cfg.nservice; i++)
        e->svc_len[i] = strlen(e->cfg.service_accounts[i]);
    *out = e;
    return AG_OK;
}

static void entry_clear(struct entry *en)
{
    free(en->data);
    free(en->label);
    memset(en, 0, sizeof(*en));
}

void lw_engine_free(struct lw_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->nents; i++)
        entry_clear(&e->ents[i]);
    free(e->ents);
    free(e->slots);
    free(e->svc_len);
    for (size_t i = 0; i < e->nsrcs; i++)
        free(e->srcs[i]);
    free(e->srcs);
    free(e->rkeys);
    free(e->memo_h);
    free(e->memo_i);
    free(e->kmemo);
    free(e->kmemo_at);
    free(e->rule_dec);
    free(e->want);
    free(e->dlist);
    free(e->ftests);
    for (size_t i = 0; i < e->ndname; i++)
        free(e->dname[i]);
    free(e->quiet);
    lw_ruleset_free(e->rs);
    free(e);
}

static bool rule_listed(const struct lw_rule *r, char *const *names, size_t n, size_t *at)
{
    for (size_t i = 0; i < n; i++)
        if ((r->name && !strcmp(r->name, names[i])) || (r->id && !strcmp(r->id, names[i])) ||
            (r->title && !strcmp(r->title, names[i]))) {
            if (at)
                *at = i;
            return true;
        }
    return false;
}

/* the id of a decoder name (lower case), added when new; -2 when the table is full */
static int decoder_id(struct lw_engine *e, const char *name)
{
    for (size_t i = 0; i < e->ndname; i++)
        if (strcasecmp(e->dname[i], name) == 0)
            return (int)i;
    if (e->ndname == AG_ARRAY_LEN(e->dname) || !(e->dname[e->ndname] = strdup(name)))
        return -2;
    return (int)e->ndname++;
}

/* the id of an event's decoder (by its static name pointer), -1 for none */
static int event_decoder_id(struct lw_engine *e, const char *p)
{
    if (!p)
        return -1;
    for (size_t i = 0; i < e->ndptr; i++)
        if (e->dptr[i] == p)
            return e->did[i];
    int id = decoder_id(e, p);
    if (e->ndptr < AG_ARRAY_LEN(e->dptr)) {
        e->dptr[e->ndptr] = p;
        e->did[e->ndptr++] = id;
    }
    return id;
}

static uint32_t data_want(const struct lw_rule *r);

/* whether every event of list (a, k) passes test ft: an action test of the list's action (not
 * list 0, which also takes actions out of range) or a decoder test of its decoder's name */
static bool implied(const struct lw_engine *e, struct lw_flat_test ft, size_t a, int k)
{
    const struct lw_test *t = ft.t;
    if (ft.neg)
        return false;
    if (t->quick == LW_Q_ACTION)
        return a > 0 && t->qnum == (int64_t)a;
    if (t->quick == LW_Q_DECODER)
        return k < DEC_LISTS - 1 && (size_t)k < e->ndname &&
               strcasecmp(e->dname[k], t->v[0].s) == 0;
    return false;
}

void lw_engine_set_flat(struct lw_engine *e, bool on)
{
    e->whole_rules = !on;
}

void lw_engine_set_rules(struct lw_engine *e, struct lw_ruleset *rs)
{
    uint64_t *rk = calloc(rs->n ? rs->n : 1, sizeof(*rk));
    if (!rk) { /* keep the old set rather than run half-configured */
        lw_ruleset_free(rs);
        return;
    }
    for (size_t i = 0; i < rs->n; i++) {
        struct lw_rule *r = &rs->r[i];
        const char *k = rule_key_text(r);
        rk[i] = ag_hash_finish(ag_hash_mix(0xcbf29ce484222325ULL, k, strlen(k)));
        size_t at;
        if (rule_listed(r, e->cfg.disabled, e->cfg.ndisabled, NULL))
            r->enabled = false;
        if (rule_listed(r, e->cfg.suppress_rule, e->cfg.nsuppress, &at))
            r->suppress = e->cfg.suppress_secs[at];
    }
    /* the per-action lists were built before the config disabled anything: drop those */
    for (size_t a = 0; a < AG_ARRAY_LEN(rs->by_action); a++) {
        size_t o = 0;
        for (size_t i = 0; i < rs->nby_action[a]; i++)
            if (rs->r[rs->by_action[a][i]].enabled)
                rs->by_action[a][o++] = rs->by_action[a][i];
        rs->nby_action[a] = o;
    }
    uint64_t *mh = calloc(rs->n ? rs->n : 1, sizeof(*mh));
    uint32_t *mi = calloc(rs->n ? rs->n : 1, sizeof(*mi));
    int *rd = calloc(rs->n ? rs->n : 1, sizeof(*rd));
    uint32_t *ka = calloc(rs->n ? rs->n : 1, sizeof(*ka)), nka = 0;
    for (size_t i = 0; ka && i < rs->n; i++)
        if (rs->r[i].corr == LW_CORR_SILENCE && rs->r[i].ngroup == 1)
            ka[i] = nka++;
    struct kmemo *km = calloc((nka ? nka : 1) * (size_t)KMEMO_WAYS, sizeof(*km));
    size_t total = 0;
    for (size_t a = 0; a < AG_ARRAY_LEN(rs->by_action); a++)
        total += rs->nby_action[a];
    struct step *dl = calloc(total * DEC_LISTS + 1, sizeof(*dl));
    uint32_t *wt = calloc(rs->n ? rs->n : 1, sizeof(*wt));
    if (!mh || !mi || !rd || !dl || !km || !ka || !wt) {
        free(wt);
        free(km);
        free(ka);
        free(mh);
        free(mi);
        free(rd);
        free(dl);
        free(rk);
        lw_ruleset_free(rs);
        return;
    }
    lw_ruleset_free(e->rs);
    free(e->rkeys);
    free(e->memo_h);
    free(e->memo_i);
    free(e->kmemo);
    free(e->kmemo_at);
    free(e->rule_dec);
    free(e->want);
    free(e->dlist);
    free(e->ftests);
    e->ftests = NULL;
    for (size_t i = 0; i < rs->n; i++)
        wt[i] = data_want(&rs->r[i]);
    e->want = wt;
    for (size_t i = 0; i < rs->n; i++)
        rd[i] = rs->r[i].decoder ? decoder_id(e, rs->r[i].decoder) : -1;
    /* a rule whose decoder got no id (-2: table full) is tried on every event, as before */
    size_t at = 0, nft = 0, cft = 0;
    for (size_t a = 0; a < AG_ARRAY_LEN(rs->by_action); a++)
        for (int k = 0; k < DEC_LISTS; k++) {
            e->doff[a][k] = at;
            for (size_t i = 0; i < rs->nby_action[a]; i++) {
                size_t ri = rs->by_action[a][i];
                int want = rd[ri];
                if (!(want < 0 || (k < DEC_LISTS - 1 && want == k)))
                    continue;
                struct step st = {(uint32_t)ri, 0, STEP_WHOLE, -1, 1};
                struct lw_flat_test ft[FLAT_MAX];
                size_t n;
                if (!e->whole_rules && lw_rule_flatten(&rs->r[ri], ft, FLAT_MAX, &n)) {
                    if (nft + n > cft) {
                        size_t nc = cft ? cft * 2 : 64;
                        while (nc < nft + n)
                            nc *= 2;
                        struct lw_flat_test *g = realloc(e->ftests, nc * sizeof(*g));
                        if (g) {
                            e->ftests = g;
                            cft = nc;
                        }
                    }
                    if (nft + n <= cft) { /* (else: out of memory, the whole rule) */
                        st.first = (uint32_t)nft;
                        for (size_t j = 0; j < n; j++)
                            if (!implied(e, ft[j], a, k))
                                e->ftests[nft++] = ft[j];
                        st.n = (uint32_t)(nft - st.first);
                        const struct lw_test *t = e->ftests[st.first].t;
                        if (st.n == 1 && !e->ftests[st.first].neg && t->quick == LW_Q_RE_TEXT &&
                            t->v[0].hs_db)
                            st.re_slot = (int)t->v[0].hs_slot;
                    }
                }
                dl[at++] = st;
            }
            e->doff[a][k + 1] = at;
            for (size_t j = at; j-- > e->doff[a][k];) /* runs, from the list's end */
                if (dl[j].re_slot >= 0 && j + 1 < at && dl[j + 1].re_slot == dl[j].re_slot)
                    dl[j].run = dl[j + 1].run + 1;
        }
    e->dlist = dl;
    e->rule_dec = rd;
    e->rs = rs;
    e->sil_due = INT64_MIN; /* the new set's timespans: walk at the next sweep */
    e->rkeys = rk;
    e->memo_h = mh;
    e->memo_i = mi;
    e->kmemo = km;
    e->kmemo_at = ka;
}

/* ---- key table ---- */

/* Eviction picks the least recently used of a few entries sampled at random (as Redis does):
 * an exact LRU list would touch two neighbours' cache lines on every access, and on a busy
 * log that was a fifth of the engine's time. */
#define EVICT_SAMPLES 8
/* the keys touched by the last few accesses are never evicted: a chain of correlations (depth
 * ≤ 8, see feed) holds pointers to them */
#define PINNED_AGE 32

static uint64_t next_rand(struct lw_engine *e)
{
    e->rng ^= e->rng << 13;
    e->rng ^= e->rng >> 7;
    e->rng ^= e->rng << 17;
    return e->rng;
}

static uint32_t pick_victim(struct lw_engine *e)
{
    uint32_t best = UINT32_MAX, best_age = 0;
    for (int k = 0; k < EVICT_SAMPLES * 4 && (k < EVICT_SAMPLES || best == UINT32_MAX); k++) {
        uint32_t i = (uint32_t)(next_rand(e) % e->nents);
        if (!e->ents[i].hash)
            continue;
        uint32_t age = e->clock - e->ents[i].used;
        if (age < PINNED_AGE) /* in use by the correlations being fed right now */
            continue;
        if (best == UINT32_MAX || age > best_age) {
            best = i;
            best_age = age;
        }
    }
    for (uint32_t i = 0; best == UINT32_MAX && i < e->nents; i++) /* sparse table: scan */
        if (e->ents[i].hash && e->clock - e->ents[i].used >= PINNED_AGE)
            best = i;
    return best;
}

static size_t slot_of(const struct lw_engine *e, uint64_t h)
{
    size_t mask = e->nslots - 1, s = (size_t)h & mask;
    while (e->slots[s] && e->ents[e->slots[s] - 1].hash != h)
        s = (s + 1) & mask;
    return s;
}

/* removes the entry in slot s, shifting its followers back (linear probing deletion) */
static void slot_delete(struct lw_engine *e, size_t s)
{
    size_t mask = e->nslots - 1, j = s;
    e->slots[s] = 0;
    for (;;) {
        j = (j + 1) & mask;
        if (!e->slots[j])
            return;
        size_t home = (size_t)e->ents[e->slots[j] - 1].hash & mask;
        /* can the entry at j move to s? only if its home is not in (s, j] cyclically */
        bool between = s <= j ? (home > s && home <= j) : (home > s || home <= j);
        if (!between) {
            e->slots[s] = e->slots[j];
            e->slots[j] = 0;
            s = j;
        }
    }
}

static void entry_free(struct lw_engine *e, uint32_t i)
{
    struct entry *en = &e->ents[i];
    e->st.memory -= sizeof(*en) + (en->data ? en->cap * sizeof(struct vslot) : 0);
    slot_delete(e, slot_of(e, en->hash));
    entry_clear(en);
    en->next = e->free_head;
    e->free_head = i + 1;
    e->st.keys--;
}

/* finds or makes the entry of key h; NULL only when memory ran out */
static struct entry *entry_get(struct lw_engine *e, uint64_t h, uint64_t rkey, bool *fresh)
{
    size_t s = slot_of(e, h);
    *fresh = false;
    if (e->slots[s]) {
        struct entry *en = &e->ents[e->slots[s] - 1];
        en->used = ++e->clock;
        return en;
    }
    if (e->st.keys * 2 >= e->nslots && e->st.keys < e->cfg.max_keys) {
        /* grow the table (rehash by the stored hashes); on failure just run fuller */
        size_t ns = e->nslots * 2;
        uint32_t *nt = calloc(ns, sizeof(*nt));
        if (nt) {
            for (size_t k = 0; k < e->nslots; k++) {
                if (!e->slots[k])
                    continue;
                size_t j = (size_t)e->ents[e->slots[k] - 1].hash & (ns - 1);
                while (nt[j])
                    j = (j + 1) & (ns - 1);
                nt[j] = e->slots[k];
            }
            free(e->slots);
            e->slots = nt;
            e->nslots = ns;
            s = slot_of(e, h);
        }
    }
    if (e->st.keys >= e->cfg.max_keys) {
        uint32_t v = pick_victim(e);
        if (v != UINT32_MAX) {
            entry_free(e, v);
            e->st.evicted++;
            s = slot_of(e, h);
        }
    }
    uint32_t i;
    if (e->free_head) {
        i = e->free_head - 1;
        e->free_head = e->ents[i].next;
    } else {
        if (e->nents == e->cap)
            return NULL; /* cannot happen: eviction keeps keys ≤ max_keys < cap */
        i = (uint32_t)e->nents++;
    }
    struct entry *en = &e->ents[i];
    memset(en, 0, sizeof(*en));
    en->hash = h;
    en->rkey = rkey;
    e->slots[s] = i + 1;
    en->used = ++e->clock;
    e->st.keys++;
    e->st.memory += sizeof(*en);
    *fresh = true;
    return en;
}

/* the slots of per-type data an entry of rule r needs (0: none) */
static uint32_t data_want(const struct lw_rule *r)
{
    uint32_t want;
    switch (r->corr) {
    case LW_CORR_EVENT_COUNT:
    case LW_CORR_VALUE_COUNT:
        want = (uint32_t)(r->threshold + (r->cmp == LW_CMP_GT)); /* N, or N+1 for gt */
        if (want == 0)
            want = 1;
        break;
    case LW_CORR_TEMPORAL:
    case LW_CORR_ORDERED:
        want = (uint32_t)r->nrefs;
        break;
    case LW_CORR_NEW_VALUE:
        want = NEWVALUE_MAX;
        break;
    default:
        return 0;
    }
    if (r->corr == LW_CORR_VALUE_COUNT)
        want += (SAMPLES_MAX * SAMPLE_LEN + sizeof(struct vslot) - 1) / sizeof(struct vslot);
    return want;
}

/* the per-type data of an entry, (re)made when the rule's shape changed (e.g. a reload with a
 * new threshold); want = data_want(r), kept per rule (e->want) */
static inline void *entry_data(struct lw_engine *e, struct entry *en, const struct lw_rule *r,
                               uint32_t want)
{
    if (en->data && en->cap == want && en->corr == r->corr)
        return en->data;
    if (!want)
        return NULL;
    e->st.memory -= en->data ? en->cap * sizeof(struct vslot) : 0;
    free(en->data);
    en->data = calloc(want, sizeof(struct vslot));
    en->cap = en->data ? want : 0;
    en->corr = (uint8_t)r->corr;
    e->st.memory += en->cap * sizeof(struct vslot);
    return en->data;
}

static uint32_t src_index(struct lw_engine *e, const char *src)
{
    if (!src)
        src = "-";
    for (size_t i = e->nsrcs; i-- > 0;)
        if (strcmp(e->srcs[i], src) == 0)
            return (uint32_t)i;
    if (e->nsrcs >= 4096)
        return 0;
    char **ns = realloc(e->srcs, (e->nsrcs + 1) * sizeof(*ns));
    if (!ns)
        return 0;
    e->srcs = ns;
    ns[e->nsrcs] = strdup(src);
    if (!ns[e->nsrcs])
        return 0;
    return (uint32_t)e->nsrcs++;
}

static void add_ref(struct entry *en, uint32_t src, uint64_t line)
{
    en->refs[en->ref_at] = (struct ref){src, line};
    if (++en->ref_at == EVIDENCE_MAX)
        en->ref_at = 0;
    if (en->nref < EVIDENCE_MAX)
        en->nref++;
}

/* An event's time; a line without one (a bare message, garbage) takes the engine's clock —
 * the latest time seen — or, before any, the wall clock, which does not move the engine's
 * clock (a log file read later must not be judged against today). */
static int64_t event_time(const struct lw_engine *e, const struct lw_event *ev)
{
    return ev->time ? ev->time : e->now ? e->now : (int64_t)ag_now();
}

/* ---- alerts ---- */

struct firing {
    const struct lw_rule *r;
    const struct lw_evx *x;
    const char *src;
    uint64_t line;
    const char *raw;
    size_t rawn;
    const struct entry *en; /* a correlation's key entry, or NULL */
    uint64_t count;
    int64_t first;
    const char *label; /* silence: the group */
    struct lw_slice *samples;
    size_t nsamples;
};

static bool grouped_by(const struct lw_rule *r, enum lw_field f)
{
    for (size_t i = 0; i < r->ngroup; i++)
        if (r->group[i] == f)
            return true;
    return false;
}

static bool allowlisted(const struct lw_engine *e, const struct lw_event *ev)
{
    for (size_t i = 0; ev->src_family && i < e->cfg.nallow; i++)
        if (lw_cidr_match(&e->cfg.allow[i], ev->src_family, ev->src_addr))
            return true;
    return false;
}

static void emit(struct lw_engine *e, const struct firing *f)
{
    const struct lw_rule *r = f->r;
    const struct lw_event *ev = f->x->ev;
    bool single = r->corr == LW_CORR_NONE;
    /* the address and user of the completing event belong to the alert when they are the
     * group, the new value, or (temporal, dormant) the event that completed the pattern, e.g.
     * the successful login after the failures */
    bool per_event = r->corr == LW_CORR_TEMPORAL || r->corr == LW_CORR_ORDERED ||
                     r->corr == LW_CORR_DORMANT || r->corr == LW_CORR_NEW_VALUE;
    bool show_src = single || per_event || grouped_by(r, LW_FLD_SRC_IP);
    if (show_src && allowlisted(e, ev)) {
        e->st.allowlisted++;
        return;
    }
    /* a plain record: the JSON object is built by whoever needs it (lw_alert_json) */
    struct lw_alert a;
    a.hid = ag_hash_finish(
        ag_hash_mix(e->alert_seq++ ^ 0x9e3779b97f4a7c15ULL, &e->now, sizeof(e->now)));
    a.time = event_time(e, ev);
    a.first = f->first ? f->first : a.time;
    a.category = r->category ? r->category : rule_key_text(r);
    a.rule_title = r->title ? r->title : "";
    a.rule_id = r->id;
    a.level = r->level;
    a.src_ip = show_src && ev->src_family ? ev->src : (struct lw_slice){NULL, 0};
    a.user = (single || per_event || grouped_by(r, LW_FLD_USER)) && ev->user.n
                 ? ev->user
                 : (struct lw_slice){NULL, 0};
    a.host_label = f->label;
    a.host = ev->host;
    a.count = f->count ? f->count : 1;
    a.guideline = r->guideline;
    a.catalog = r->catalog;
    a.nguideline = r->nguideline;
    a.attack = r->attack;
    a.nattack = r->nattack;
    a.raw = f->raw && f->rawn ? (struct lw_slice){f->raw, f->rawn < RAW_MAX ? f->rawn : RAW_MAX}
                              : (struct lw_slice){NULL, 0};
    a.nrefs = 0;
    if (f->en) { /* the other events behind it, most recent first */
        for (uint32_t k = 0; k < f->en->nref; k++) {
            const struct ref *rf =
                &f->en->refs[(f->en->ref_at + EVIDENCE_MAX - 1 - k) % EVIDENCE_MAX];
            if (rf->line == f->line && e->srcs && !strcmp(e->srcs[rf->src], f->src ? f->src : "-"))
                continue;
            a.refs[a.nrefs++] =
                (struct lw_alert_ref){rf->src < e->nsrcs ? e->srcs[rf->src] : "-", rf->line};
        }
    } else if (f->src) {
        a.refs[a.nrefs++] = (struct lw_alert_ref){f->src, f->line};
    }
    a.values = f->samples;
    a.nvalues = f->nsamples;
    e->st.alerts++;
    e->fn(e->ctx, &a);
}

/* ---- correlation ---- */

/* lw_field_text, with the usual group and value fields read in place (the same slices) */
static inline struct lw_slice field_fast(const struct lw_evx *x, enum lw_field f, char buf[32])
{
    switch (f) {
    case LW_FLD_USER:
        return x->ev->user;
    case LW_FLD_HOST:
        return x->ev->host;
    case LW_FLD_SRC_IP:
        return x->ev->src_family ? x->ev->src : (struct lw_slice){NULL, 0};
    default:
        return lw_field_text(x, f, buf);
    }
}

static uint64_t group_hash(const struct lw_engine *e, size_t ri, const struct lw_evx *x)
{
    const struct lw_rule *r = &e->rs->r[ri];
    uint64_t h = e->rkeys[ri];
    for (size_t i = 0; i < r->ngroup; i++) {
        char buf[32];
        struct lw_slice s = field_fast(x, r->group[i], buf);
        h = ag_hash_mix(h, s.p, s.n);
    }
    return ag_hash_finish(h);
}

static uint64_t value_hash(const struct lw_evx *x, enum lw_field f, struct lw_slice *text,
                           char buf[32])
{
    *text = field_fast(x, f, buf);
    return ag_hash_finish(ag_hash_mix(0xcbf29ce484222325ULL, text->p, text->n));
}

/* the slot holding h, else a free slot, else the least recently seen */
static uint32_t find_slot(const struct vslot *vs, uint32_t n, uint64_t h)
{
    uint32_t pick = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (vs[k].h == h)
            return k;
        if (vs[pick].h && (!vs[k].h || vs[k].last < vs[pick].last))
            pick = k;
    }
    return pick;
}

static bool cmp_holds(enum lw_cmp c, uint64_t n, int64_t t)
{
    switch (c) {
    case LW_CMP_GT:
        return (int64_t)n > t;
    case LW_CMP_GTE:
    case LW_CMP_EQ: /* streaming: reported as the count reaches it */
        return (int64_t)n >= t;
    default:
        return false;
    }
}

static void feed_slow(struct lw_engine *e, size_t ci, size_t from, const struct lw_evx *x,
                      const char *src, uint32_t srci, uint64_t line, const char *raw, size_t rawn,
                      int depth);

/* ---- the silence fast path ---- */

/* a text of 1–16 bytes as two overlapping words: equal words, equal texts (of equal length) */
static void kmemo_words(struct lw_slice t, uint64_t w[2])
{
    const unsigned char *b = (const unsigned char *)t.p;
    if (t.n >= 8) {
        memcpy(&w[0], b, 8);
        memcpy(&w[1], b + t.n - 8, 8);
    } else if (t.n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, b, 4);
        memcpy(&hi, b + t.n - 4, 4);
        w[0] = lo;
        w[1] = hi;
    } else {
        w[0] = (uint64_t)b[0] << 16 | (uint64_t)b[t.n / 2] << 8 | b[t.n - 1];
        w[1] = 0;
    }
}

static size_t kmemo_way(const uint64_t w[2], size_t n)
{
    return (size_t)(((w[0] ^ (w[1] << 1) ^ n) * 0x9e3779b97f4a7c15ULL) >> 56) % KMEMO_WAYS;
}

/* A silence group of one field that talks again, with nothing to report: what feed does for
 * it (the LW_CORR_SILENCE case), without the hash, the table probe and the generic
 * bookkeeping. False, with nothing changed, when feed must handle it (a key not remembered,
 * a new group, a gap to report). */
static inline bool feed_silence_fast(struct lw_engine *e, const struct lw_rule *r, size_t ci,
                                     const struct lw_evx *x, uint32_t srci, uint64_t line)
{
    char buf[32]; /* (the host, the usual group, read directly: the same slice) */
    struct lw_slice kt = field_fast(x, r->group[0], buf);
    if (!kt.n || kt.n > KMEMO_TEXT)
        return false;
    uint64_t w[2];
    kmemo_words(kt, w);
    const struct kmemo *km = &e->kmemo[e->kmemo_at[ci] * (size_t)KMEMO_WAYS + kmemo_way(w, kt.n)];
    if (!km->h || km->n != kt.n || km->w[0] != w[0] || km->w[1] != w[1])
        return false;
    struct entry *en = &e->ents[km->i];
    if (en->hash != km->h || !en->label)
        return false;
    int64_t now = event_time(e, x->ev);
    if (!en->alerted && (int64_t)en->count >= r->min_events && now - en->last >= r->timespan)
        return false; /* a gap: feed reports it */
    en->used = ++e->clock;
    en->alerted = 0;
    en->count += x->ev->repeat ? x->ev->repeat : 1;
    add_ref(en, srci, line);
    int64_t last = now > en->last ? now : en->last;
    if (last + r->timespan < e->sil_due)
        e->sil_due = last + r->timespan;
    en->last = last;
    en->corr = LW_CORR_SILENCE;
    return true;
}

static void feed(struct lw_engine *e, size_t ci, size_t from, const struct lw_evx *x,
                 const char *src, uint32_t srci, uint64_t line, const char *raw, size_t rawn,
                 int depth)
{
    const struct lw_rule *r = &e->rs->r[ci];
    if (r->corr == LW_CORR_SILENCE && r->ngroup == 1 && r->enabled && depth <= 8 &&
        feed_silence_fast(e, r, ci, x, srci, line))
        return;
    feed_slow(e, ci, from, x, src, srci, line, raw, rawn, depth);
}

/* a correlation fired: alert (if it alerts) and feed the correlations built on it */
static void fired(struct lw_engine *e, size_t ci, struct firing *f, uint32_t srci, int depth)
{
    const struct lw_rule *r = &e->rs->r[ci];
    if (r->alerts)
        emit(e, f);
    for (size_t k = 0; k < r->nfeeds; k++)
        feed(e, r->feeds[k], ci, f->x, f->src, srci, f->line, f->raw, f->rawn, depth + 1);
}

static void feed_slow(struct lw_engine *e, size_t ci, size_t from, const struct lw_evx *x,
                      const char *src, uint32_t srci, uint64_t line, const char *raw, size_t rawn,
                      int depth)
{
    const struct lw_rule *r = &e->rs->r[ci];
    if (!r->enabled || depth > 8)
        return;
    int64_t now = event_time(e, x->ev);
    uint32_t rep = x->ev->repeat ? x->ev->repeat : 1;
    bool fresh = false;
    uint64_t h = group_hash(e, ci, x);
    struct entry *en;
    if (e->memo_h[ci] == h && e->ents[e->memo_i[ci]].hash == h) {
        en = &e->ents[e->memo_i[ci]]; /* the same key as last time */
        en->used = ++e->clock;
    } else {
        en = entry_get(e, h, e->rkeys[ci], &fresh);
        if (!en)
            return;
        e->memo_h[ci] = h;
        e->memo_i[ci] = (uint32_t)(en - e->ents);
    }
    if (r->corr == LW_CORR_SILENCE && r->ngroup == 1) { /* for feed_silence_fast next time */
        char buf[32];
        struct lw_slice kt = field_fast(x, r->group[0], buf);
        if (kt.n && kt.n <= KMEMO_TEXT) {
            uint64_t w[2];
            kmemo_words(kt, w);
            struct kmemo *km = &e->kmemo[e->kmemo_at[ci] * (size_t)KMEMO_WAYS + kmemo_way(w, kt.n)];
            km->h = h;
            km->i = (uint32_t)(en - e->ents);
            km->n = (uint8_t)kt.n;
            km->w[0] = w[0];
            km->w[1] = w[1];
        }
    }
    if (fresh)
        en->first = now;
    if (fresh && r->corr == LW_CORR_SILENCE) {
        if (e->nquiet == e->quiet_cap) { /* drop the freed ones before growing */
            size_t o = 0;
            for (size_t k = 0; k < e->nquiet; k++)
                if (e->ents[e->quiet[k]].hash && e->ents[e->quiet[k]].corr == LW_CORR_SILENCE)
                    e->quiet[o++] = e->quiet[k];
            e->nquiet = o;
        }
        if (e->nquiet == e->quiet_cap) {
            size_t nc = e->quiet_cap ? e->quiet_cap * 2 : 64;
            uint32_t *nq = realloc(e->quiet, nc * sizeof(*nq));
            if (nq) {
                e->quiet = nq;
                e->quiet_cap = nc;
            }
        }
        if (e->nquiet < e->quiet_cap)
            e->quiet[e->nquiet++] = (uint32_t)(en - e->ents);
    }
    struct firing f = {r, x, src, line, raw, rawn, en, 0, 0, NULL, NULL, 0};
    bool quiet = now < en->quiet_until;
    int64_t hold = r->suppress ? r->suppress : r->timespan;
    switch (r->corr) {
    case LW_CORR_EVENT_COUNT: {
        /* the last n times in a ring; en->count (all events) gives the write position, so
         * the slot about to be written holds the oldest of the last n */
        int64_t *ring = entry_data(e, en, r, e->want[ci]);
        if (!ring)
            return;
        uint32_t n = en->cap;
        for (uint32_t k = 0; k < rep && k < n; k++)
            ring[en->count++ % n] = now;
        en->since += rep;
        add_ref(en, srci, line);
        int64_t oldest = ring[en->count % n];
        bool full = en->count >= n && oldest >= now - r->timespan;
        if (full && !quiet) {
            f.count = en->since;
            f.first = oldest;
            fired(e, ci, &f, srci, depth);
            en->quiet_until = now + hold;
            en->since = 0;
        } else if (full) {
            e->st.suppressed++;
        }
        break;
    }
    case LW_CORR_VALUE_COUNT: {
        struct vslot *vs = entry_data(e, en, r, e->want[ci]);
        if (!vs)
            return;
        uint32_t n = (uint32_t)(r->threshold + (r->cmp == LW_CMP_GT));
        if (n == 0)
            n = 1;
        char(*samples)[SAMPLE_LEN] = (char(*)[SAMPLE_LEN])(vs + n);
        char buf[32];
        struct lw_slice text;
        uint64_t vh = value_hash(x, r->value_field, &text, buf);
        uint32_t k = find_slot(vs, n, vh), live = 0;
        if (vs[k].h == vh) {
            vs[k].last = now;
        } else { /* a new value takes a free slot or the least recently seen one */
            vs[k] = (struct vslot){vh, now};
            size_t l = text.n < SAMPLE_LEN - 1 ? text.n : SAMPLE_LEN - 1;
            if (k < SAMPLES_MAX) {
                memcpy(samples[k], text.p ? text.p : "", l);
                samples[k][l] = '\0';
            }
        }
        en->since += rep;
        add_ref(en, srci, line);
        int64_t first = now;
        for (k = 0; k < n; k++)
            if (vs[k].h && vs[k].last >= now - r->timespan) {
                live++;
                if (vs[k].last < first)
                    first = vs[k].last;
            }
        if (!quiet && cmp_holds(r->cmp, live, r->threshold)) {
            struct lw_slice sv[SAMPLES_MAX];
            size_t ns = 0;
            for (k = 0; k < n && k < SAMPLES_MAX; k++)
                if (vs[k].h)
                    sv[ns++] = (struct lw_slice){samples[k], strlen(samples[k])};
            f.samples = sv;
            f.nsamples = ns;
            f.count = en->since;
            f.first = first;
            fired(e, ci, &f, srci, depth);
            en->quiet_until = now + hold;
            en->since = 0;
        } else if (quiet && cmp_holds(r->cmp, live, r->threshold)) {
            e->st.suppressed++;
        }
        break;
    }
    case LW_CORR_TEMPORAL:
    case LW_CORR_ORDERED: {
        int64_t *times = entry_data(e, en, r, e->want[ci]);
        if (!times)
            return;
        for (size_t k = 0; k < r->nrefs; k++)
            if (r->refs[k] == from)
                times[k] = now;
        add_ref(en, srci, line);
        en->since += rep;
        bool all = true;
        for (size_t k = 0; k < r->nrefs && all; k++) {
            all = times[k] && times[k] >= now - r->timespan;
            if (all && r->corr == LW_CORR_ORDERED && k > 0)
                all = times[k - 1] <= times[k];
        }
        /* ordered: the last rule must be the one that just happened */
        if (all && r->corr == LW_CORR_ORDERED)
            all = r->refs[r->nrefs - 1] == from;
        if (all && !quiet) {
            f.count = en->since;
            f.first = times[0];
            for (size_t k = 1; k < r->nrefs; k++)
                if (times[k] < f.first)
                    f.first = times[k];
            fired(e, ci, &f, srci, depth);
            en->quiet_until = now + hold;
            memset(times, 0, r->nrefs * sizeof(*times));
            en->since = 0;
        } else if (all) {
            e->st.suppressed++;
        }
        break;
    }
    case LW_CORR_NEW_VALUE: {
        struct vslot *vs = entry_data(e, en, r, e->want[ci]);
        if (!vs)
            return;
        char buf[32];
        struct lw_slice text;
        uint64_t vh = value_hash(x, r->value_field, &text, buf);
        uint32_t known = 0;
        for (uint32_t k = 0; k < NEWVALUE_MAX; k++)
            known += vs[k].h != 0;
        uint32_t k = find_slot(vs, NEWVALUE_MAX, vh);
        if (vs[k].h == vh) {
            vs[k].last = now;
            break;
        }
        vs[k] = (struct vslot){vh, now};
        if (known > 0 && text.n) { /* a group with history met a new value */
            f.count = 1;
            f.first = now;
            f.en = NULL;
            if (!quiet) {
                fired(e, ci, &f, srci, depth);
                if (r->suppress)
                    en->quiet_until = now + r->suppress;
            } else {
                e->st.suppressed++;
            }
        }
        break;
    }
    case LW_CORR_DORMANT: {
        int64_t prev = fresh ? 0 : en->last;
        if (prev && now - prev >= r->timespan) {
            f.count = 1;
            f.first = prev;
            f.en = NULL;
            fired(e, ci, &f, srci, depth);
        }
        break;
    }
    case LW_CORR_SILENCE: {
        if (fresh || !en->label) {
            char buf[32];
            struct strbuf sb;
            strbuf_init(&sb, 1024);
            for (size_t g = 0; g < r->ngroup; g++) {
                struct lw_slice s = lw_field_text(x, r->group[g], buf);
                if (g)
                    strbuf_addc(&sb, ' ');
                strbuf_add(&sb, s.p ? s.p : "", s.n);
            }
            free(en->label);
            en->label = strbuf_take(&sb, NULL);
        }
        /* a gap seen when the group talks again, unless the sweep reported it already */
        if (!fresh && !en->alerted && (int64_t)en->count >= r->min_events &&
            now - en->last >= r->timespan) {
            f.count = en->count;
            f.first = en->last;
            f.label = en->label; /* evidence: the line that broke the silence, the ones before */
            fired(e, ci, &f, srci, depth);
        }
        en->alerted = 0;
        en->count += rep;
        add_ref(en, srci, line);
        if ((now > en->last ? now : en->last) + r->timespan < e->sil_due)
            e->sil_due = (now > en->last ? now : en->last) + r->timespan;
        break;
    }
    case LW_CORR_NONE:
        break;
    }
    if (now > en->last)
        en->last = now;
    en->corr = (uint8_t)r->corr;
}

/* silences up to now: groups that talked (min_events) and have been quiet for timespan */
static void sweep(struct lw_engine *e, int64_t now)
{
    if (!e->rs || !e->rs->nsilence || now < e->sil_due)
        return;
    /* the silence rules, in rule order, looked up once per sweep rather than once per group */
    size_t sil[32], ns = 0;
    for (size_t ri = 0; ri < e->rs->n && e->rs->nsilence <= AG_ARRAY_LEN(sil); ri++)
        if (e->rs->r[ri].corr == LW_CORR_SILENCE)
            sil[ns++] = ri;
    int64_t due = INT64_MAX;
    e->sil_due = INT64_MAX; /* the feeds of alerts fired below lower it */
    for (size_t q = 0; q < e->nquiet; q++) {
        struct entry *en = &e->ents[e->quiet[q]];
        if (!en->hash || en->alerted || en->corr != LW_CORR_SILENCE || !en->label)
            continue;
        size_t ri = e->rs->n;
        if (e->rs->nsilence <= AG_ARRAY_LEN(sil)) {
            for (size_t k = 0; k < ns && ri == e->rs->n; k++)
                if (e->rkeys[sil[k]] == en->rkey)
                    ri = sil[k];
        } else {
            ri = 0;
            while (ri < e->rs->n &&
                   !(e->rkeys[ri] == en->rkey && e->rs->r[ri].corr == LW_CORR_SILENCE))
                ri++;
        }
        if (ri == e->rs->n)
            continue;
        const struct lw_rule *r = &e->rs->r[ri];
        if (!r->enabled || (int64_t)en->count < r->min_events)
            continue; /* (feed lowers sil_due when it talks again) */
        if (now - en->last < r->timespan) {
            if (en->last + r->timespan < due)
                due = en->last + r->timespan;
            continue;
        }
        struct lw_event ev = {0};
        ev.time = now;
        struct lw_evx x = {.ev = &ev};
        /* evidence: the group's last lines before it fell silent */
        struct firing f = {r, &x, NULL, 0, NULL, 0, en, en->count, en->last, en->label, NULL, 0};
        en->alerted = 1;
        fired(e, ri, &f, 0, 0);
    }
    if (due < e->sil_due)
        e->sil_due = due;
}

void lw_engine_tick(struct lw_engine *e, int64_t now)
{
    if (now > e->now)
        e->now = now;
    sweep(e, e->now);
    e->last_sweep = e->now;
}

/* ---- events ---- */

static void time_fields(struct lw_engine *e, struct lw_evx *x)
{
    if (!x->ev->time)
        return;
    int64_t local = x->ev->time + e->cfg.utc_offset;
    x->have_time = true;
    if (e->tf_valid && (uint64_t)local - (uint64_t)e->tf_start < 60) { /* the same minute */
        x->hour = e->tf_hour;
        x->weekday = e->tf_weekday;
        x->workhours = e->tf_workhours;
        x->holiday = e->tf_holiday;
        return;
    }
    int64_t day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int64_t sec = local - day * 86400;
    x->hour = (int)(sec / 3600);
    x->weekday = (int)((day + 3) % 7 + 7) % 7 + 1; /* 1970-01-01 was a Thursday (4) */
    int minute = (int)(sec / 60);
    bool holiday = false;
    size_t lo = 0, hi = e->cfg.nholidays;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e->cfg.holidays[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    holiday = lo < e->cfg.nholidays && e->cfg.holidays[lo] == day;
    x->holiday = holiday;
    x->workhours = !holiday && (e->cfg.workdays & (1u << (x->weekday - 1))) &&
                   minute >= e->cfg.work_start && minute < e->cfg.work_end;
    e->tf_start = day * 86400 + (int64_t)minute * 60;
    e->tf_valid = true;
    e->tf_hour = x->hour;
    e->tf_weekday = x->weekday;
    e->tf_workhours = x->workhours;
    e->tf_holiday = x->holiday;
}

void lw_engine_event(struct lw_engine *e, const struct lw_event *ev_in, const char *src,
                     uint64_t lineno, const char *raw, size_t rawn)
{
    struct lw_event local;
    const struct lw_event *ev = ev_in;
    if (ev_in->time_local && ev_in->time) { /* RFC 3164: the sender's, i.e. the site's, time */
        local = *ev_in;
        local.time -= e->cfg.utc_offset;
        local.time_local = false;
        ev = &local;
    }
    struct lw_ruleset *rs = e->rs;
    e->st.events++;
    if (ev->time > e->now) /* the engine's clock follows the events' own times */
        e->now = ev->time;
    if (!rs)
        return;
    struct lw_evx x = {.ev = ev};
    if (rs->needs_time_fields)
        time_fields(e, &x);
    for (size_t i = 0; i < e->cfg.nservice && ev->user.n; i++)
        if (e->svc_len[i] == ev->user.n &&
            memcmp(e->cfg.service_accounts[i], ev->user.p, ev->user.n) == 0)
            x.service = true;
    unsigned a = (unsigned)ev->action <= LW_ACT_LOG_CLEARED ? (unsigned)ev->action : 0;
    int dec = event_decoder_id(e, ev->decoder);
    if (dec < 0 || dec >= DEC_LISTS - 1)
        dec = DEC_LISTS - 1;
    const struct step *list = e->dlist + e->doff[a][dec];
    size_t n = e->doff[a][dec + 1] - e->doff[a][dec];
    uint32_t srci = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        const struct step *sp = &list[i];
        const struct lw_rule *r = &rs->r[sp->rule];
        if (sp->n == STEP_WHOLE) {
            if (!lw_rule_match(r, &x))
                continue;
        } else {
            const struct lw_flat_test *ft = e->ftests + sp->first;
            uint32_t k = 0;
            while (k < sp->n && lw_test_eval(ft[k].t, &x) != ft[k].neg)
                k++;
            if (k < sp->n) {
                if (sp->re_slot >= 0 && !x.re_hits[sp->re_slot] &&
                    (x.re_done & (1u << sp->re_slot)))
                    i += sp->run - 1; /* the run's other steps cannot match either */
                continue;
            }
        }
        e->st.matches++;
        if (srci == UINT32_MAX)
            srci = src_index(e, src);
        if (r->alerts) {
            struct firing f = {r, &x, src, lineno, raw, rawn, NULL, ev->repeat, 0, NULL, NULL, 0};
            bool quiet = false;
            if (r->suppress) { /* one alert per (rule, address, user) per period */
                bool fresh;
                uint64_t h = e->rkeys[sp->rule];
                h = ag_hash_mix(h, ev->src.p, ev->src.n);
                h = ag_hash_finish(ag_hash_mix(h, ev->user.p, ev->user.n));
                struct entry *en = entry_get(e, h, e->rkeys[sp->rule], &fresh);
                int64_t now = event_time(e, ev);
                if (en && now < en->quiet_until)
                    quiet = true;
                else if (en)
                    en->quiet_until = now + r->suppress;
            }
            if (quiet)
                e->st.suppressed++;
            else
                emit(e, &f);
        }
        for (size_t k = 0; k < r->nfeeds; k++)
            feed(e, r->feeds[k], sp->rule, &x, src, srci, lineno, raw, rawn, 0);
    }
    if (rs->nsilence && e->now - e->last_sweep >= 60) {
        sweep(e, e->now);
        e->last_sweep = e->now;
    }
}

void lw_engine_stats(const struct lw_engine *e, struct lw_engine_stats *st)
{
    *st = e->st;
}
