/*
 * rules_int.h — the inside of the rule engine: compiled Sigma rules (rules.c) and the
 * correlation state (correlate.c).
 *
 * A rule set is loaded once and then only read while events flow: evaluation allocates
 * nothing. Everything a rule set owns hangs off struct lw_ruleset and is freed with it; a
 * reload builds a new set and swaps it in (window state lives in the engine, keyed by rule
 * name, so it survives the swap).
 */
#ifndef AG_LW_RULES_INT_H
#define AG_LW_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <hs.h>
#include <pcre2.h>

#include "logwatch/logwatch.h"

#define LW_HS_SLOTS 4 /* fields with a Vectorscan database of their |re values */

/* The event fields a rule can name (docs/rules.md lists them and their Sigma aliases). */
enum lw_field {
    LW_FLD_ACTION,
    LW_FLD_OUTCOME,
    LW_FLD_PROGRAM,
    LW_FLD_HOST,
    LW_FLD_USER,
    LW_FLD_TARGET,
    LW_FLD_METHOD,
    LW_FLD_SRC_IP,
    LW_FLD_SRC_PORT,
    LW_FLD_DECODER,
    LW_FLD_MESSAGE,
    LW_FLD_PID,
    LW_FLD_HTTP_STATUS,
    LW_FLD_EVENT_ID,
    LW_FLD_INVALID_USER,
    LW_FLD_PREAUTH,
    LW_FLD_REPEAT,
    LW_FLD_HOUR,            /* 0–23 in the site's time zone */
    LW_FLD_WEEKDAY,         /* 1 = Monday … 7 = Sunday, site time zone */
    LW_FLD_WORKHOURS,       /* true inside the site's working hours */
    LW_FLD_HOLIDAY,         /* true on a day the site lists as a holiday */
    LW_FLD_ADMIN_GROUP,     /* the group acted on is an administrators' group (Windows SID/name) */
    LW_FLD_SERVICE_ACCOUNT, /* the user is one of the site's service accounts (config) */
    LW_FLD_COUNT_
};

enum lw_op {
    LW_OP_EQ,       /* case-insensitive equality */
    LW_OP_GLOB,     /* Sigma wildcards * and ? (case-insensitive) */
    LW_OP_CONTAINS, /* |contains */
    LW_OP_STARTS,   /* |startswith */
    LW_OP_ENDS,     /* |endswith */
    LW_OP_RE,       /* |re (Vectorscan database of the field, else PCRE2 with JIT) */
    LW_OP_CIDR,     /* |cidr */
    LW_OP_NUM,      /* number equality (numeric fields, enums, booleans) */
    LW_OP_GT,
    LW_OP_GTE,
    LW_OP_LT,
    LW_OP_LTE,
    LW_OP_EXISTS, /* |exists: true/false */
};

struct lw_value {
    enum lw_op op;
    char *s; /* lower-cased pattern text (owned); |re: the expression as written */
    size_t n;
    int64_t num;
    pcre2_code *re;
    unsigned re_flags; /* |re: MOD_RE_* modifiers as HS_FLAG_* (rules_hs.c) */
    /* |re in its field's Vectorscan database (borrowed from the rule set; NULL: PCRE2 decides):
     * bit hs_bit of slot hs_slot of the event's scan results */
    const hs_database_t *hs_db;
    uint64_t hs_id; /* the database's number, unique in the process (the scan memo's key) */
    unsigned hs_slot, hs_bit;
    struct lw_cidr cidr;
};

/* How a test is evaluated: the common one-value tests on the event's own fields are a compare
 * (set at load from the test; LW_Q_NONE: the general path, value by value). */
enum lw_quick {
    LW_Q_NONE,
    LW_Q_ACTION,      /* action == qnum */
    LW_Q_OUTCOME,     /* outcome == qnum */
    LW_Q_FLAG,        /* ((flags & qflag) != 0) == qnum */
    LW_Q_EXISTS_TEXT, /* (the slice at byte qoff of the event is not empty) == qnum */
    LW_Q_DECODER,     /* decoder equals v[0].s (lower case, no NUL inside), ignoring case */
    LW_Q_RE_TEXT,     /* |re on the slice at byte qoff: Vectorscan's answer when v[0] has a
                         database, else the general path (PCRE2) */
};

/* One field test: the field matches any of the values (all of them with |all). */
struct lw_test {
    enum lw_field field;
    bool all;
    struct lw_value *v;
    size_t nv;
    enum lw_quick quick;
    unsigned qflag;
    size_t qoff;
    int64_t qnum;
};

/* A map of a selection: every test holds. */
struct lw_map {
    struct lw_test *t;
    size_t nt;
};

/* A named selection: any of its maps holds (a Sigma list of maps), or keywords. */
struct lw_selection {
    char *name;
    struct lw_map *m;
    size_t nm;
};

enum lw_cond_kind { LW_C_SEL, LW_C_AND, LW_C_OR, LW_C_NOT, LW_C_ONE_OF, LW_C_ALL_OF };

struct lw_cond {
    enum lw_cond_kind kind;
    struct lw_cond *a, *b; /* AND/OR: both; NOT: a */
    size_t *sels;          /* SEL: one index; ONE_OF/ALL_OF: the selections named */
    size_t nsels;
};

enum lw_corr_type {
    LW_CORR_NONE = 0,    /* a detection rule */
    LW_CORR_EVENT_COUNT, /* Sigma event_count */
    LW_CORR_VALUE_COUNT, /* Sigma value_count */
    LW_CORR_TEMPORAL,    /* Sigma temporal: every rule within the timespan */
    LW_CORR_ORDERED,     /* Sigma temporal_ordered */
    LW_CORR_NEW_VALUE,   /* airguard: a value never seen for the group (after it has history) */
    LW_CORR_DORMANT,     /* airguard: the group reappears after at least timespan of silence */
    LW_CORR_SILENCE,     /* airguard: a group that talked falls silent for timespan */
};

enum lw_cmp { LW_CMP_GT, LW_CMP_GTE, LW_CMP_LT, LW_CMP_LTE, LW_CMP_EQ };

#define LW_MAX_GROUP 4 /* group-by fields of a correlation */
#define LW_MAX_REFS 8  /* rules a correlation refers to */

struct lw_rule {
    /* from the YAML */
    char *file;
    int line; /* where the document starts */
    char *title, *id, *name, *description, *level, *category;
    char **guideline; /* "3.1.5.1(2)(e)" from the tags mlit.… */
    size_t nguideline;
    char **catalog; /* the same as catalog ids, filled by the caller (lw_rule_set_catalog) */
    char **attack;  /* "t1110.001" */
    size_t nattack;
    int level_rank; /* 0 informational … 4 critical */
    /* detection */
    struct lw_selection *sel;
    size_t nsel;
    struct lw_cond *cond;
    unsigned action_mask; /* the actions an event can have to match (bit per enum lw_action) */
    const char *decoder;  /* the decoder an event must come from to match, or NULL (lower case;
                             points into a compiled value) */
    /* correlation */
    enum lw_corr_type corr;
    char *refs_text[LW_MAX_REFS]; /* the names as written */
    size_t refs[LW_MAX_REFS];     /* resolved rule indexes */
    size_t nrefs;
    enum lw_field group[LW_MAX_GROUP];
    size_t ngroup;
    enum lw_field value_field; /* value_count / new_value */
    int64_t timespan;          /* seconds */
    enum lw_cmp cmp;
    int64_t threshold;
    int64_t min_events; /* silence: events the group must have had before its silence counts */
    bool generate;      /* correlation: the referenced rules alert on their own too */
    /* derived */
    bool alerts;   /* whether a match of this rule is an alert (not only a feed) */
    size_t *feeds; /* correlations that refer to this rule */
    size_t nfeeds;
    int64_t suppress; /* seconds: one alert per group key at most this often */
    bool enabled;
};

struct lw_ruleset {
    struct lw_rule *r;
    size_t n;
    /* per action: the detection rules an event of that action is tried against */
    size_t *by_action[LW_ACT_LOG_CLEARED + 2];
    size_t nby_action[LW_ACT_LOG_CLEARED + 2];
    bool needs_time_fields; /* some rule names hour/weekday/workhours/holiday */
    size_t nsilence;        /* silence correlations (swept as the clock moves) */
    /* Vectorscan: one database per field with |re values (at most LW_HS_SLOTS fields, at most
     * 64 expressions each; the rest stay with PCRE2), scanned once per event and field */
    hs_database_t *hs_db[LW_HS_SLOTS];
    size_t nhs;
};

/* Site settings the time fields need (filled from the config's `site:`). */
struct lw_site;

/* Per-event values computed once when a rule needs them. */
struct lw_evx {
    const struct lw_event *ev;
    bool have_time;
    int hour, weekday;
    bool workhours, holiday;
    bool service; /* the user is a listed service account */
    /* Vectorscan results, filled on the first |re test of a field: bit s of re_done says slot
     * s was scanned, re_hits[s] which of its expressions matched */
    unsigned re_done;
    uint64_t re_hits[LW_HS_SLOTS];
};

bool lw_rule_match(const struct lw_rule *r, struct lw_evx *x);

/* ---- the flat form of a rule (the engine's per-list programs, engine.c) ----
 * Most rules are a conjunction of single tests: one selection of one map, `sel and not other`
 * with `other` a single test, `all of` such selections. lw_rule_flatten gives that conjunction
 * (each test, negated or not) so the engine can evaluate it inline, leave out the tests its
 * lists already imply (the action, the decoder) and not walk the condition tree. Same answer
 * as lw_rule_match: every test is a pure function of the event, so order does not matter. */
struct lw_flat_test {
    const struct lw_test *t; /* borrowed from the rule set */
    bool neg;
};
/* Fills out[0..*n) with r's condition as a conjunction; false (out unspecified) when it is not
 * one (an `or`, a selection of several maps, `1 of` several, a `not` over several tests) or
 * has more than cap tests. */
bool lw_rule_flatten(const struct lw_rule *r, struct lw_flat_test *out, size_t cap, size_t *n);
/* Whether the engine evaluates flat rules inline (default) or every rule with lw_rule_match
 * (tests compare the two); takes effect at the next lw_engine_set_rules. */
void lw_engine_set_flat(struct lw_engine *e, bool on);
/* A test by the general path (value by value). */
bool lw_test_match(const struct lw_test *t, struct lw_evx *x);

/* Whether |re value v (with hs_db set) matches s, from its field's scan (rules_hs.c; the
 * Vectorscan section below). */
bool lw_rules_hs_match(const struct lw_value *v, struct lw_evx *x, struct lw_slice s);

/* One test, its quick form inline (the answers of rules.c's quick_match). */
static inline bool lw_test_eval(const struct lw_test *t, struct lw_evx *x)
{
    const struct lw_event *ev = x->ev;
    switch (t->quick) {
    case LW_Q_ACTION:
        return (int64_t)ev->action == t->qnum;
    case LW_Q_OUTCOME:
        return (int64_t)ev->outcome == t->qnum;
    case LW_Q_FLAG:
        return (int64_t)((ev->flags & t->qflag) != 0) == t->qnum;
    case LW_Q_EXISTS_TEXT:
        return (((const struct lw_slice *)(const void *)((const char *)ev + t->qoff))->n != 0) ==
               (t->qnum != 0);
    case LW_Q_DECODER: {
        /* v[0].s is lower case without NUL: the compare stops at the decoder's NUL at the
         * latest, so no strlen is needed to know the lengths are equal */
        const char *d = ev->decoder, *p = t->v[0].s;
        if (!d)
            return false;
        size_t i = 0;
        for (; i < t->v[0].n; i++) {
            unsigned char c = (unsigned char)d[i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)p[i])
                return false;
        }
        return d[i] == '\0';
    }
    case LW_Q_RE_TEXT:
        if (t->v[0].hs_db) {
            unsigned slot = t->v[0].hs_slot;
            if (x->re_done & (1u << slot)) /* scanned already: the answer is a bit */
                return (x->re_hits[slot] >> t->v[0].hs_bit) & 1;
            return lw_rules_hs_match(
                &t->v[0], x, *(const struct lw_slice *)(const void *)((const char *)ev + t->qoff));
        }
        break;
    case LW_Q_NONE:
        break;
    }
    return lw_test_match(t, x);
}

/* Vectorscan (rules_hs.c). lw_rules_hs_build puts the |re values of rs into one database per
 * field (an expression Vectorscan refuses stays with PCRE2, which gives the same answers);
 * false only when out of memory. lw_rules_hs_drop frees the databases and hands every |re back
 * to PCRE2 (tests compare the two). lw_rules_hs_match: whether v (with hs_db set) matches s. */
bool lw_rules_hs_build(struct lw_ruleset *rs);
/* Whether rule sets loaded from now on get databases (default on). The rule-file fuzz target
 * turns it off: a database costs about a second of CPU under its sanitizers, so the parser
 * would hardly be explored; fuzz_logwatch_re checks the Vectorscan path against PCRE2. */
void lw_rules_hs_enable(bool on);
void lw_rules_hs_drop(struct lw_ruleset *rs);
/* The cache (hs_cache.c): the key of a compile (hex SHA-256 of the format, hs_version(), the
 * platform, mode and every expression with its flags and id; false if the platform is unknown),
 * the database stored under a key (NULL: compile; caller frees with hs_free_database), and
 * storing one (failures ignored). */
bool lw_hs_cache_key(const char *const *expr, const unsigned *flags, const unsigned *ids,
                     unsigned n, unsigned mode, char hex[65]);
hs_database_t *lw_hs_cache_get(const char *hex, unsigned mode);
void lw_hs_cache_put(const char *hex, const hs_database_t *db);
/* The calling thread's scan memo (rules_hs.c): answers given from it and scans made since the
 * thread started; lw_rules_hs_memo_enable(false) makes every test scan (process-wide). */
struct lw_hs_memo_stats {
    uint64_t hits, scans;
};
struct lw_hs_memo_stats lw_rules_hs_memo_stats(void);
void lw_rules_hs_memo_enable(bool on);
/* The field's text for group keys and alerts (numbers printed into buf[32]). */
struct lw_slice lw_field_text(const struct lw_evx *x, enum lw_field f, char buf[32]);
const char *lw_field_name(enum lw_field f);

/* Registers the rule engine's texts (msgs_rules.c); lw_register_messages calls it. */
void lw_register_rule_messages(void);

#endif
