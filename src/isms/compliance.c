/*
 * compliance.c — the automatic status of guideline measures from live evidence, and the flags on
 * self-inspection answers it contradicts (compliance.h; docs/compliance.md "Evidence and
 * automatic status").
 *
 * Each check is one or two indexed look-ups: the latest run of a kind (monitor_runs_by_kind), the
 * open high alerts under a section (alert_items' key range, then alerts by rowid), a meta key.
 * Times are ISO texts in UTC, so "within N days" is a string comparison. A check's reason is
 * built in the language asked for; the flags table keeps the English one.
 */
#include "isms/compliance.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "store/store.h"

static const char *const status_ids[] = {"no_data", "evidenced", "contradicted"};

const char *isms_ev_status_id(enum isms_ev_status s)
{
    return (unsigned)s < AG_ARRAY_LEN(status_ids) ? status_ids[s] : "no_data";
}

int isms_ev_status_parse(const char *s, enum isms_ev_status *out)
{
    for (size_t i = 0; s && i < AG_ARRAY_LEN(status_ids); i++)
        if (strcmp(s, status_ids[i]) == 0) {
            *out = (enum isms_ev_status)i;
            return AG_OK;
        }
    return AG_EINVAL;
}

void isms_ev_env_init(struct isms_ev_env *env)
{
    *env = (struct isms_ev_env){.now = ag_now(), .unused_idle = -1};
}

/* ---- the kinds ---- */
enum kind { K_ALERTS, K_BASELINE, K_LOCKOUT, K_UNUSED, K_BACKUP, K_VERIFY, K_ARCHIVE };
static const struct {
    const char *name;
    enum kind kind;
} kinds[] = {
    {"alerts.logwatch", K_ALERTS}, {"alerts.netwatch", K_ALERTS}, {"netwatch_baseline", K_BASELINE},
    {"auth_lockout", K_LOCKOUT},   {"unused_accounts", K_UNUSED}, {"backup", K_BACKUP},
    {"audit_verify", K_VERIFY},    {"log_archive", K_ARCHIVE},
};

static int kind_of(const char *name)
{
    for (size_t i = 0; name && i < AG_ARRAY_LEN(kinds); i++)
        if (strcmp(name, kinds[i].name) == 0)
            return (int)kinds[i].kind;
    return -1;
}

bool isms_ev_check_known(const char *name)
{
    return kind_of(name) >= 0;
}

/* ---- helpers ---- */
struct ctx {
    struct store *st;
    const struct isms_ev_env *env;
    enum ag_lang lang;
    struct ag_error *err;
};

static void days_ago(const struct ctx *c, int days, char out[21])
{
    ag_time_iso(c->env->now - (time_t)days * 86400, out);
}

static void setf(char *buf, size_t cap, const char *fmt, ...) AG_PRINTF(3, 4);
static void setf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
}
#define REASON(ck, key, ...)                                                                       \
    setf((ck)->reason, sizeof((ck)->reason), ag_tr(c->lang, key), __VA_ARGS__)

struct run {
    bool found;
    char started[21], last[21], result[16];
    json_t *details; /* owned; NULL when not found */
};

/* The latest run of a kind: its start, its end or last heartbeat, result and details. */
static int latest_run(const struct ctx *c, const char *kind, struct run *r)
{
    sqlite3_stmt *s;
    memset(r, 0, sizeof(*r));
    int rc = store_cached(c->st, &s,
                          "SELECT started, coalesce(finished, started), result, details FROM "
                          "monitor_runs WHERE kind = ? ORDER BY finished DESC, id DESC LIMIT 1",
                          c->err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        r->found = true;
        snprintf(r->started, sizeof(r->started), "%s", store_col_text(s, 0));
        snprintf(r->last, sizeof(r->last), "%s", store_col_text(s, 1));
        snprintf(r->result, sizeof(r->result), "%s", store_col_text(s, 2));
        r->details = json_loads(store_col_text(s, 3), 0, NULL);
    } else if (step != SQLITE_DONE) {
        rc = store_error(c->st, "monitor_runs", c->err);
    }
    store_cached_done(c->st, s);
    return rc;
}

static const char *detail_str(const struct run *r, const char *key)
{
    const char *v = json_string_value(json_object_get(r->details, key));
    return v ? v : "";
}

/* No run, or a run older than the window: the check has no data (stale when it ran once).
 * Returns true when the run is fresh. */
static bool fresh(const struct ctx *c, struct isms_ev_check *ck, const struct run *r,
                  const char *what, int days)
{
    char since[21];
    days_ago(c, days, since);
    if (!r->found) {
        REASON(ck, "evidence: %s has no run recorded", what);
        return false;
    }
    snprintf(ck->ran_at, sizeof(ck->ran_at), "%s", r->last);
    if (strcmp(r->last, since) < 0) {
        ck->stale = true;
        REASON(ck, "evidence: the last run of %s was %s, more than %d days ago", what, r->last,
               days);
        return false;
    }
    return true;
}

/* The section whose alerts bear on a measure: its parent (alerts name sections through their
 * guideline refs, measures and examples through catalog ids: both lie in the section). */
static const struct catalog_node *scope_of(const struct catalog_node *n)
{
    return n->kind == CATALOG_KIND_MEASURE && n->parent ? n->parent : n;
}

static int check_alerts(const struct ctx *c, const struct catalog_node *n, const char *monitor,
                        struct isms_ev_check *ck)
{
    const struct catalog_node *scope = scope_of(n);
    char since[21], lo[80], hi[80];
    days_ago(c, ISMS_EV_ALERT_DAYS, since);
    snprintf(lo, sizeof(lo), "%s-", scope->id);
    snprintf(hi, sizeof(hi), "%s/", scope->id);
    sqlite3_stmt *s;
    /* ids below the section lie in [id-, id/) ('-', '.', '/' are consecutive; docs/catalog.md) */
    int rc = store_cached(
        c->st, &s,
        "SELECT count(*), max(t) FROM (SELECT DISTINCT a.seq, a.time AS t FROM alert_items x "
        "JOIN alerts a ON a.seq = x.alert_seq WHERE (x.item_id = ?1 OR (x.item_id >= ?2 AND "
        "x.item_id < ?3)) AND a.level IN ('high', 'critical') AND a.status <> 'closed' AND "
        "a.time >= ?4 LIMIT 100000)",
        c->err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, scope->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, hi, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, since, -1, SQLITE_STATIC);
    long long open = 0;
    char latest[21] = "";
    if (sqlite3_step(s) == SQLITE_ROW) {
        open = sqlite3_column_int64(s, 0);
        snprintf(latest, sizeof(latest), "%s", store_col_text(s, 1));
    } else {
        rc = store_error(c->st, "alerts", c->err);
    }
    store_cached_done(c->st, s);
    if (rc)
        return rc;
    snprintf(ck->link, sizeof(ck->link), "/alerts?item=%s", scope->id);
    if (open > 0) {
        ck->status = ISMS_EV_CONTRADICTED;
        snprintf(ck->ran_at, sizeof(ck->ran_at), "%s", latest);
        snprintf(ck->link, sizeof(ck->link), "/alerts?item=%s&level=high&status=open", scope->id);
        REASON(ck, "evidence: %lld open high alerts on %s within %d days (latest %s)", open,
               scope->ref[0] ? scope->ref : scope->id, ISMS_EV_ALERT_DAYS, latest);
        return AG_OK;
    }
    struct run r;
    if ((rc = latest_run(c, monitor, &r)))
        return rc;
    if (fresh(c, ck, &r, monitor, ISMS_EV_MONITOR_DAYS)) {
        if (strcmp(r.result, "failed") == 0) {
            REASON(ck, "evidence: the last run of %s failed", monitor);
        } else {
            ck->status = ISMS_EV_EVIDENCED;
            REASON(ck, "evidence: %s ran (last %s); no open high alerts on %s within %d days",
                   monitor, r.last, scope->ref[0] ? scope->ref : scope->id, ISMS_EV_ALERT_DAYS);
        }
    }
    json_decref(r.details);
    return AG_OK;
}

static int check_baseline(const struct ctx *c, struct isms_ev_check *ck)
{
    struct run r;
    int rc = latest_run(c, "netwatch", &r);
    if (rc)
        return rc;
    if (fresh(c, ck, &r, "netwatch", ISMS_EV_MONITOR_DAYS)) {
        const char *b = detail_str(&r, "baseline");
        if (*b) {
            ck->status = ISMS_EV_EVIDENCED;
            REASON(ck, "evidence: netwatch watched against the baseline %s (last %s)", b, r.last);
        } else {
            ck->status = ISMS_EV_CONTRADICTED;
            REASON(ck,
                   "evidence: netwatch ran without a baseline (no allowlist of devices and "
                   "conversations; last %s)",
                   r.last);
        }
    }
    json_decref(r.details);
    return AG_OK;
}

static void check_lockout(const struct ctx *c, struct isms_ev_check *ck)
{
    const struct isms_ev_env *e = c->env;
    if (e->lockout_threshold <= 0) {
        setf(ck->reason, sizeof(ck->reason), "%s",
             ag_tr(c->lang, "evidence: the account policy of airguard is not known"));
        return;
    }
    ag_time_iso(e->now, ck->ran_at);
    if (e->lockout_threshold > ISMS_EV_LOCKOUT_MAX) {
        ck->status = ISMS_EV_CONTRADICTED;
        REASON(ck,
               "evidence: airguard locks an account only after %d failed sign-ins (more than %d)",
               e->lockout_threshold, ISMS_EV_LOCKOUT_MAX);
    } else {
        ck->status = ISMS_EV_EVIDENCED;
        REASON(ck,
               "evidence: airguard locks an account for %d minutes after %d failed sign-ins and "
               "shows each person their sign-in history",
               e->lockout_minutes, e->lockout_threshold);
    }
}

static int check_unused(const struct ctx *c, struct isms_ev_check *ck)
{
    const struct isms_ev_env *e = c->env;
    if (e->unused_idle > 0 && e->unused_days > 0) {
        ck->status = ISMS_EV_CONTRADICTED;
        ag_time_iso(e->now, ck->ran_at);
        REASON(ck, "evidence: %lld enabled accounts unused for more than %d days", e->unused_idle,
               e->unused_days);
        return AG_OK;
    }
    struct run r;
    int rc = latest_run(c, "unused_accounts", &r);
    if (rc)
        return rc;
    if (fresh(c, ck, &r, "unused_accounts", ISMS_EV_SWEEP_DAYS)) {
        if (e->unused_idle < 0 || e->unused_days <= 0) {
            setf(ck->reason, sizeof(ck->reason), "%s",
                 ag_tr(c->lang, "evidence: the account policy of airguard is not known"));
        } else {
            ck->status = ISMS_EV_EVIDENCED;
            REASON(ck,
                   "evidence: unused accounts were swept (last %s); no enabled account unused "
                   "for more than %d days",
                   r.last, e->unused_days);
        }
    }
    json_decref(r.details);
    return AG_OK;
}

/* backup and audit verify: the latest run decides (failed = contradicted). */
static int check_job(const struct ctx *c, const char *kind, int days, struct isms_ev_check *ck)
{
    struct run r;
    int rc = latest_run(c, kind, &r);
    if (rc)
        return rc;
    bool backup = strcmp(kind, "backup") == 0;
    if (r.found && strcmp(r.result, "failed") == 0) {
        ck->status = ISMS_EV_CONTRADICTED;
        snprintf(ck->ran_at, sizeof(ck->ran_at), "%s", r.last);
        const char *why = detail_str(&r, backup ? "error" : "problem");
        if (backup)
            REASON(ck, "evidence: the last backup of the store failed (%s): %s", r.last, why);
        else
            REASON(ck, "evidence: the audit trail failed verification (%s): %s", r.last, why);
    } else if (fresh(c, ck, &r, kind, days)) {
        ck->status = ISMS_EV_EVIDENCED;
        if (backup)
            REASON(ck, "evidence: the store was backed up to %s (%s)", detail_str(&r, "file"),
                   r.last);
        else
            REASON(ck, "evidence: the audit trail was verified intact (%s, %lld rows)", r.last,
                   (long long)json_integer_value(json_object_get(r.details, "rows")));
    }
    json_decref(r.details);
    return AG_OK;
}

/* The last `logs verify`: meta logs.last_verify (the log archive's record, JSON with time, ok,
 * problems), else a run of kind logs_verify. */
static int check_archive(const struct ctx *c, struct isms_ev_check *ck)
{
    char text[4096];
    struct run r = {0};
    json_t *j = NULL;
    int rc;
    if (store_meta_get(c->st, "logs.last_verify", text, sizeof(text)) == AG_OK &&
        (j = json_loads(text, 0, NULL)) && json_is_string(json_object_get(j, "time"))) {
        r.found = true;
        snprintf(r.last, sizeof(r.last), "%s", json_string_value(json_object_get(j, "time")));
        snprintf(r.result, sizeof(r.result), "%s",
                 json_is_true(json_object_get(j, "ok")) ? "ok" : "failed");
        r.details = j;
        j = NULL;
    } else if ((rc = latest_run(c, "logs_verify", &r))) {
        json_decref(j);
        return rc;
    }
    json_decref(j);
    if (r.found && strcmp(r.result, "failed") == 0) {
        ck->status = ISMS_EV_CONTRADICTED;
        snprintf(ck->ran_at, sizeof(ck->ran_at), "%s", r.last);
        REASON(ck, "evidence: the log archive failed verification (%s): %lld problems", r.last,
               (long long)json_integer_value(json_object_get(r.details, "problems")));
    } else if (fresh(c, ck, &r, "logs verify", ISMS_EV_VERIFY_DAYS)) {
        ck->status = ISMS_EV_EVIDENCED;
        REASON(ck, "evidence: the log archive was verified whole (%s)", r.last);
    }
    json_decref(r.details);
    return AG_OK;
}

int isms_measure_status(struct store *st, const struct catalog_node *n,
                        const struct isms_ev_env *env, enum ag_lang lang,
                        struct isms_ev_measure *out, struct ag_error *err)
{
    struct isms_ev_env dflt;
    if (!env) {
        isms_ev_env_init(&dflt);
        env = &dflt;
    }
    struct ctx c = {st, env, lang, err};
    memset(out, 0, sizeof(*out));
    out->node = n;
    bool any_ok = false, any_bad = false;
    for (size_t i = 0; i < n->nchecks && out->nchecks < ISMS_EV_MAX_CHECKS; i++) {
        struct isms_ev_check *ck = &out->checks[out->nchecks++];
        ck->name = n->checks[i];
        int rc = AG_OK;
        switch (kind_of(ck->name)) {
        case K_ALERTS:
            rc = check_alerts(&c, n, strchr(ck->name, '.') + 1, ck);
            break;
        case K_BASELINE:
            rc = check_baseline(&c, ck);
            break;
        case K_LOCKOUT:
            check_lockout(&c, ck);
            break;
        case K_UNUSED:
            rc = check_unused(&c, ck);
            break;
        case K_BACKUP:
            rc = check_job(&c, "backup", ISMS_EV_BACKUP_DAYS, ck);
            break;
        case K_VERIFY:
            rc = check_job(&c, "audit_verify", ISMS_EV_VERIFY_DAYS, ck);
            break;
        case K_ARCHIVE:
            rc = check_archive(&c, ck);
            break;
        default:
            setf(ck->reason, sizeof(ck->reason),
                 ag_tr(lang, "evidence: this program has no check \"%s\""), ck->name);
        }
        if (rc)
            return rc;
        any_ok |= ck->status == ISMS_EV_EVIDENCED;
        any_bad |= ck->status == ISMS_EV_CONTRADICTED;
    }
    out->status = any_bad ? ISMS_EV_CONTRADICTED : any_ok ? ISMS_EV_EVIDENCED : ISMS_EV_NO_DATA;
    return AG_OK;
}

int isms_ev_nodes(const struct catalog *cat, const struct catalog_node ***out, size_t *n)
{
    size_t total = catalog_node_count(cat), k = 0;
    *n = 0;
    *out = NULL;
    for (size_t i = 0; i < total; i++)
        k += catalog_node_at(cat, i)->nchecks > 0;
    const struct catalog_node **v = calloc(k ? k : 1, sizeof(*v));
    if (!v)
        return AG_ENOMEM;
    for (size_t i = 0, j = 0; i < total; i++)
        if (catalog_node_at(cat, i)->nchecks > 0)
            v[j++] = catalog_node_at(cat, i);
    *out = v;
    *n = k;
    return AG_OK;
}

/* ---- the current campaign and its answers ---- */
int isms_ev_campaign(struct store *st, long long *plan, int *round, struct ag_error *err)
{
    sqlite3_stmt *s;
    *plan = 0;
    *round = 0;
    int rc = store_cached(st, &s,
                          "SELECT s.plan_id, max(s.round) FROM assess_sheets s WHERE s.plan_id = "
                          "(SELECT p.id FROM assess_plans p WHERE EXISTS (SELECT 1 FROM "
                          "assess_sheets x WHERE x.plan_id = p.id AND x.status = 'submitted') "
                          "ORDER BY p.fiscal_year DESC, p.id DESC LIMIT 1) AND s.status = "
                          "'submitted'",
                          err);
    if (rc)
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
        *plan = sqlite3_column_int64(s, 0);
        *round = sqlite3_column_int(s, 1);
    }
    store_cached_done(st, s);
    return AG_OK;
}

#define ANSWERS_SQL                                                                                \
    "SELECT a.id, s.id, d.name_ja, d.name_en, p.name, p.name_en, a.answer, a.answered_at, "        \
    "a.comment FROM assess_answers a JOIN assess_sheets s ON s.id = a.sheet_id JOIN people p ON "  \
    "p.id = s.respondent_id JOIN departments d ON d.id = s.department_id WHERE a.item_id = ? AND " \
    "s.plan_id = ? AND s.round = ? AND s.status = 'submitted' ORDER BY d.code, p.login"

static const char *by_lang(enum ag_lang lang, const char *ja, const char *en)
{
    return lang == AG_LANG_EN && en && *en ? en : ja;
}

int isms_ev_answers(struct store *st, long long plan, int round, const char *item_id,
                    enum ag_lang lang, json_t **out, struct ag_error *err)
{
    int rc;
    *out = NULL;
    if (!plan && (rc = isms_ev_campaign(st, &plan, &round, err)))
        return rc;
    json_t *arr = json_array();
    if (!arr)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    sqlite3_stmt *s;
    if ((rc = store_cached(st, &s, ANSWERS_SQL, err))) {
        json_decref(arr);
        return rc;
    }
    sqlite3_bind_text(s, 1, item_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, plan);
    sqlite3_bind_int(s, 3, round);
    while (sqlite3_step(s) == SQLITE_ROW)
        json_array_append_new(
            arr, json_pack("{s:I,s:I,s:I,s:i,s:s,s:s,s:s?,s:s,s:s}", "answer_id",
                           (json_int_t)sqlite3_column_int64(s, 0), "sheet",
                           (json_int_t)sqlite3_column_int64(s, 1), "plan", (json_int_t)plan,
                           "round", round, "department",
                           by_lang(lang, store_col_text(s, 2), store_col_text(s, 3)), "respondent",
                           by_lang(lang, store_col_text(s, 4), store_col_text(s, 5)), "answer",
                           (const char *)sqlite3_column_text(s, 6), "answered_at",
                           store_col_text(s, 7), "comment", store_col_text(s, 8)));
    store_cached_done(st, s);
    *out = arr;
    return AG_OK;
}

/* ---- flags ---- */
int isms_ev_flags(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                  enum ag_lang lang, long long plan, struct isms_ev_flag **out, size_t *n,
                  struct ag_error *err)
{
    const struct catalog_node **nodes = NULL;
    size_t nn, cap = 0;
    int round = 0, rc;
    *out = NULL;
    *n = 0;
    if (plan) { /* the plan's latest round with a submitted sheet */
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s,
                                "SELECT coalesce(max(round), 0) FROM assess_sheets WHERE plan_id "
                                "= ? AND status = 'submitted'",
                                err)))
            return rc;
        sqlite3_bind_int64(s, 1, plan);
        if (sqlite3_step(s) == SQLITE_ROW)
            round = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    } else if ((rc = isms_ev_campaign(st, &plan, &round, err))) {
        return rc;
    }
    if (!plan || !round)
        return AG_OK;
    if (isms_ev_nodes(cat, &nodes, &nn))
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    struct isms_ev_flag *v = NULL;
    for (size_t i = 0; i < nn && rc == AG_OK; i++) {
        struct isms_ev_measure m;
        if ((rc = isms_measure_status(st, nodes[i], env, lang, &m, err)) ||
            m.status != ISMS_EV_CONTRADICTED)
            continue;
        const struct isms_ev_check *bad = NULL;
        for (size_t k = 0; k < m.nchecks && !bad; k++)
            if (m.checks[k].status == ISMS_EV_CONTRADICTED)
                bad = &m.checks[k];
        json_t *answers;
        if ((rc = isms_ev_answers(st, plan, round, nodes[i]->id, lang, &answers, err)))
            break;
        size_t k;
        json_t *a;
        json_array_foreach(answers, k, a)
        {
            if (!json_is_string(json_object_get(a, "answer")) ||
                strcmp(json_string_value(json_object_get(a, "answer")), "implemented") != 0)
                continue;
            if (*n == cap) {
                size_t ncap = cap ? cap * 2 : 8;
                struct isms_ev_flag *nv = realloc(v, ncap * sizeof(*v));
                if (!nv) {
                    rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                    break;
                }
                v = nv;
                cap = ncap;
            }
            struct isms_ev_flag *f = &v[(*n)++];
            memset(f, 0, sizeof(*f));
            f->node = nodes[i];
            f->answer_id = json_integer_value(json_object_get(a, "answer_id"));
            f->sheet_id = json_integer_value(json_object_get(a, "sheet"));
            f->plan_id = plan;
            f->round = round;
            snprintf(f->department, sizeof(f->department), "%s",
                     json_string_value(json_object_get(a, "department")));
            snprintf(f->respondent, sizeof(f->respondent), "%s",
                     json_string_value(json_object_get(a, "respondent")));
            snprintf(f->reason, sizeof(f->reason), "%s", bad->reason);
            snprintf(f->link, sizeof(f->link), "%s", bad->link);
        }
        json_decref(answers);
    }
    free(nodes);
    if (rc) {
        free(v);
        *n = 0;
        return rc;
    }
    *out = v;
    return AG_OK;
}

int isms_ev_flags_sync(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                       size_t *raised, size_t *cleared, struct ag_error *err)
{
    struct isms_ev_flag *f = NULL;
    size_t n = 0, up = 0, down = 0;
    char now[21];
    int rc = isms_ev_flags(st, cat, env, AG_LANG_EN, 0, &f, &n, err);
    if (rc)
        return rc;
    ag_time_iso(env ? env->now : ag_now(), now);
    bool own = !store_in_transaction(st);
    if (own && (rc = store_begin(st, err))) {
        free(f);
        return rc;
    }
    /* clear the open flags no longer raised: mark all, then unmark the ones still there */
    json_t *keep = json_array();
    for (size_t i = 0; keep && i < n; i++)
        json_array_append_new(keep, json_integer(f[i].answer_id));
    char *keep_text = keep ? json_dumps(keep, JSON_COMPACT) : NULL;
    json_decref(keep);
    if (!keep_text) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    rc = store_run(st, "compliance_flags", err,
                   "UPDATE compliance_flags SET cleared_at = ? WHERE cleared_at IS NULL AND "
                   "answer_id NOT IN (SELECT value FROM json_each(?))",
                   "ss", now, keep_text);
    free(keep_text);
    if (rc)
        goto out;
    down = (size_t)sqlite3_changes(store_db(st));
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        rc = store_run(st, "compliance_flags", err,
                       "INSERT INTO compliance_flags(item_id, answer_id, plan_id, round, reason, "
                       "link, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(answer_id) "
                       "WHERE cleared_at IS NULL DO NOTHING",
                       "siiisss", f[i].node->id, f[i].answer_id, f[i].plan_id,
                       (long long)f[i].round, f[i].reason, f[i].link, now);
        if (rc == AG_OK)
            up += (size_t)sqlite3_changes(store_db(st));
    }
out:
    free(f);
    if (own) {
        if (rc == AG_OK)
            rc = store_commit(st, err);
        else
            store_rollback(st);
    }
    if (rc == AG_OK) {
        if (raised)
            *raised = up;
        if (cleared)
            *cleared = down;
    }
    return rc;
}
