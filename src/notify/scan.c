/*
 * scan.c — which events are due (notify_collect) and their queueing (notify_scan).
 *
 * Each event has a key that names it for good ("action:12:overdue"), so the outbox's
 * UNIQUE (rule_id, event_key) makes a scan idempotent: scanning every five minutes queues each
 * event once per rule. What is due at `now` (today = its UTC date):
 *   alert          new (not yet acknowledged) alerts of level high or critical from the last
 *                  7 days, oldest first, at most 500 a scan (the next scan takes the rest)
 *   action         open or in-progress corrective actions due within 7 days (warning) or past
 *                  their due date (high)
 *   exception      approved/active exceptions ending within 14 days (warning); ended — past
 *                  end_date or marked expired — within the last 30 days (high)
 *   assessment     a plan's round with sheets still issued: open (info) while its earliest due
 *                  date is ahead; deadline approaching (warning) within 7 days; each sheet past
 *                  its due date and not submitted (warning, naming the respondent)
 *   contradiction  open compliance flags (high): an answer 実施 that live evidence contradicts
 * The reads run in one read transaction; the inserts in one write transaction.
 */
#include "notify/notify.h"

#define ALERT_DAYS 7
#define ALERT_MAX 500
#define DUE_SOON_DAYS 7
#define EXPIRING_DAYS 14
#define EXPIRED_DAYS 30

struct evlist {
    struct notify_event *v;
    size_t n, cap;
};

static struct notify_event *ev_new(struct evlist *l, enum notify_event_type t, enum notify_level lv,
                                   long long id)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        struct notify_event *v = realloc(l->v, cap * sizeof(*v));
        if (!v)
            return NULL;
        l->v = v;
        l->cap = cap;
    }
    struct notify_event *e = &l->v[l->n++];
    memset(e, 0, sizeof(*e));
    e->type = t;
    e->level = lv;
    e->id = id;
    return e;
}

/* Runs sql (parameters ?1, ?2 = p1, p2 where it has them) and adds an event per row by fill. */
typedef int (*fill_fn)(struct evlist *l, sqlite3_stmt *s, const char *today);

static int each_row(struct store *st, const char *sql, const char *p1, const char *p2,
                    struct evlist *l, fill_fn fill, const char *today, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err), step;
    if (rc)
        return rc;
    store_bind_text(s, 1, p1);
    store_bind_text(s, 2, p2);
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        if (fill(l, s, today) != AG_OK) {
            sqlite3_finalize(s);
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        }
    if (step != SQLITE_DONE)
        rc = store_error(st, "reading the events to notify", err);
    sqlite3_finalize(s);
    return rc;
}

/* A record's text into the event (valid UTF-8 whatever the record holds; "-" for none). */
static void put(struct notify_event *e, int i, const char *s)
{
    if (!s || !*s)
        s = "-";
    notify_put_text(e->arg[i], sizeof(e->arg[i]), s, strlen(s));
}

static int fill_alert(struct evlist *l, sqlite3_stmt *s, const char *today)
{
    (void)today;
    const char *level = store_col_text(s, 2);
    struct notify_event *e =
        ev_new(l, NOTIFY_EV_ALERT, strcmp(level, "critical") ? NOTIFY_HIGH : NOTIFY_CRITICAL,
               sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "alert:%.100s", store_col_text(s, 1));
    for (int i = 0; i < 4; i++)
        put(e, i, store_col_text(s, 3 + i));
    return AG_OK;
}

static int fill_action(struct evlist *l, sqlite3_stmt *s, const char *today)
{
    const char *due = store_col_text(s, 2);
    bool overdue = strcmp(due, today) < 0;
    struct notify_event *e =
        ev_new(l, overdue ? NOTIFY_EV_ACTION_OVERDUE : NOTIFY_EV_ACTION_DUE,
               overdue ? NOTIFY_HIGH : NOTIFY_WARNING, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    /* a new due date is a new event: the key carries it */
    snprintf(e->key, sizeof(e->key), "action:%lld:%s:%.10s", e->id, overdue ? "overdue" : "due",
             due);
    for (int i = 0; i < 3; i++)
        put(e, i, store_col_text(s, 1 + i));
    return AG_OK;
}

static int fill_exception(struct evlist *l, sqlite3_stmt *s, const char *today)
{
    const char *end = store_col_text(s, 2);
    bool expired = strcmp(end, today) < 0 || strcmp(store_col_text(s, 4), "expired") == 0;
    struct notify_event *e =
        ev_new(l, expired ? NOTIFY_EV_EXCEPTION_EXPIRED : NOTIFY_EV_EXCEPTION_EXPIRING,
               expired ? NOTIFY_HIGH : NOTIFY_WARNING, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "exception:%lld:%s:%.10s", e->id,
             expired ? "expired" : "expiring", end);
    for (int i = 0; i < 3; i++)
        put(e, i, store_col_text(s, 1 + i));
    return AG_OK;
}

static int fill_round(struct evlist *l, sqlite3_stmt *s, const char *today)
{
    long long plan = sqlite3_column_int64(s, 0), round = sqlite3_column_int64(s, 1);
    const char *due = store_col_text(s, 3);
    char soon[11];
    ag_date_add(today, DUE_SOON_DAYS, soon);
    struct notify_event *e = ev_new(l, NOTIFY_EV_ASSESS_OPEN, NOTIFY_INFO, plan);
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "assessment:%lld:%lld:open", plan, round);
    put(e, 0, store_col_text(s, 2));
    snprintf(e->arg[1], sizeof(e->arg[1]), "%lld", round);
    put(e, 2, due);
    snprintf(e->arg[3], sizeof(e->arg[3]), "%lld", sqlite3_column_int64(s, 4));
    if (strcmp(due, soon) <= 0) { /* and the deadline, once, when it comes near */
        struct notify_event *d = ev_new(l, NOTIFY_EV_ASSESS_DEADLINE, NOTIFY_WARNING, plan);
        if (!d)
            return AG_ENOMEM;
        e = d - 1; /* ev_new may have moved the array */
        *d = *e;
        d->type = NOTIFY_EV_ASSESS_DEADLINE;
        d->level = NOTIFY_WARNING;
        snprintf(d->key, sizeof(d->key), "assessment:%lld:%lld:deadline:%.10s", plan, round, due);
        snprintf(d->arg[3], sizeof(d->arg[3]), "%lld", sqlite3_column_int64(s, 5));
    }
    return AG_OK;
}

static int fill_sheet(struct evlist *l, sqlite3_stmt *s, const char *today)
{
    (void)today;
    struct notify_event *e =
        ev_new(l, NOTIFY_EV_ASSESS_UNANSWERED, NOTIFY_WARNING, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "assessment-sheet:%lld:unanswered:%.10s", e->id,
             store_col_text(s, 4));
    for (int i = 0; i < 4; i++)
        put(e, i, store_col_text(s, 1 + i));
    return AG_OK;
}

static int fill_flag(struct evlist *l, sqlite3_stmt *s, const char *today)
{
    (void)today;
    struct notify_event *e =
        ev_new(l, NOTIFY_EV_CONTRADICTION, NOTIFY_HIGH, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "contradiction:%lld", e->id);
    for (int i = 0; i < 4; i++)
        put(e, i, store_col_text(s, 1 + i));
    return AG_OK;
}

int notify_collect(struct store *st, time_t now, struct notify_event **evs, size_t *n,
                   struct ag_error *err)
{
    struct evlist l = {NULL, 0, 0};
    char today[11], since[21], soon[11], expiring[11], expired_since[11];
    ag_date_iso(now, today);
    ag_time_iso(now - ALERT_DAYS * 86400, since);
    ag_date_add(today, DUE_SOON_DAYS, soon);
    ag_date_add(today, EXPIRING_DAYS, expiring);
    ag_date_add(today, -EXPIRED_DAYS, expired_since);
    int rc = store_read_begin(st, err);
    if (rc)
        return rc;
    /* one query per kind of event: its SQL, its two parameters and the row-to-event function */
    const struct {
        const char *sql, *p1, *p2;
        fill_fn fill;
    } queries[] = {
        {"SELECT seq, id, level, rule, time, category, coalesce(src_ip, '') FROM alerts WHERE "
         "level IN ('high', 'critical') AND status = 'new' AND time >= ?2 ORDER BY seq "
         "LIMIT 500", /* ALERT_MAX */
         today, since, fill_alert},
        {"SELECT a.id, a.title, a.due_date, p.login FROM actions a JOIN people p ON p.id = "
         "a.owner_id WHERE a.status IN ('open', 'in_progress') AND a.due_date <= ?2 ORDER BY a.id",
         today, soon, fill_action},
        {"SELECT id, regulation || ' ' || clause, end_date, applicant_name, status FROM "
         "exceptions WHERE status IN ('approved', 'active', 'expired') AND end_date >= ?2 AND "
         "end_date <= ?1 ORDER BY id",
         expiring, expired_since, fill_exception},
        {"SELECT s.plan_id, s.round, p.title, min(CASE WHEN s.status = 'issued' THEN s.due_date "
         "END) AS due, count(*), sum(s.status = 'issued') FROM assess_sheets s JOIN assess_plans "
         "p ON p.id = s.plan_id GROUP BY s.plan_id, s.round HAVING sum(s.status = 'issued') > 0 "
         "AND due >= ?1 ORDER BY s.plan_id, s.round",
         today, today, fill_round},
        {"SELECT s.id, p.name, pl.title, s.round, s.due_date FROM assess_sheets s JOIN people p "
         "ON p.id = s.respondent_id JOIN assess_plans pl ON pl.id = s.plan_id WHERE s.status = "
         "'issued' AND s.due_date < ?1 AND s.due_date >= ?2 ORDER BY s.id",
         today, expired_since, fill_sheet},
        {"SELECT id, item_id, reason, link, raised_at FROM compliance_flags WHERE cleared_at IS "
         "NULL ORDER BY id",
         today, today, fill_flag},
    };
    for (size_t i = 0; rc == AG_OK && i < AG_ARRAY_LEN(queries); i++)
        rc = each_row(st, queries[i].sql, queries[i].p1, queries[i].p2, &l, queries[i].fill, today,
                      err);
    store_read_end(st);
    if (rc) {
        free(l.v);
        return rc;
    }
    *evs = l.v;
    *n = l.n;
    return AG_OK;
}

struct rule {
    long long id;
    unsigned kinds;
    enum notify_level min;
    char lang[8];
};

int notify_scan(struct store *st, time_t now, int *queued, struct ag_error *err)
{
    struct notify_event *evs = NULL;
    struct rule *rules = NULL;
    size_t nev = 0, nrules = 0;
    sqlite3_stmt *s = NULL;
    char at[21];
    int rc = notify_collect(st, now, &evs, &nev, err);
    *queued = 0;
    if (rc)
        return rc;
    ag_time_iso(now, at);
    if ((rc = store_begin(st, err)))
        goto out;
    if ((rc = store_prepare(st, &s,
                            "SELECT id, kinds, min_level, lang FROM notify_rules "
                            "ORDER BY id",
                            err)))
        goto out;
    while (sqlite3_step(s) == SQLITE_ROW) {
        struct rule *r = realloc(rules, (nrules + 1) * sizeof(*r));
        if (!r) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            goto out;
        }
        rules = r;
        r = &rules[nrules++];
        r->id = sqlite3_column_int64(s, 0);
        if (notify_kinds_parse(store_col_text(s, 1), &r->kinds, NULL) != AG_OK)
            r->kinds = 0;
        if (notify_level_parse(store_col_text(s, 2), &r->min) != AG_OK)
            r->min = NOTIFY_CRITICAL;
        snprintf(r->lang, sizeof(r->lang), "%s", store_col_text(s, 3));
    }
    sqlite3_finalize(s);
    s = NULL;
    for (size_t i = 0; rc == AG_OK && i < nev; i++) {
        const struct notify_event *e = &evs[i];
        char *payload = NULL;
        for (size_t k = 0; rc == AG_OK && k < nrules; k++) {
            if (!(rules[k].kinds & notify_event_kind(e->type)) || e->level < rules[k].min)
                continue;
            struct strbuf subj, body;
            strbuf_init(&subj, 4096);
            strbuf_init(&body, 16384);
            if (!payload && !(payload = notify_event_json(e)))
                rc = ag_error_set(err, AG_EINVAL, "notify: event %s: its texts are not UTF-8",
                                  e->key);
            if (rc == AG_OK)
                rc = notify_render(e, rules[k].lang, &subj, &body, err);
            if (rc == AG_OK)
                rc = store_run(st, "notify_outbox", err,
                               "INSERT OR IGNORE INTO notify_outbox(rule_id, event_key, kind, "
                               "level, subject, body, payload, next_attempt, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               "issssssss", rules[k].id, e->key,
                               notify_kind_name(notify_event_kind(e->type)),
                               notify_level_name(e->level), strbuf_str(&subj), strbuf_str(&body),
                               payload, at, at);
            if (rc == AG_OK)
                *queued += sqlite3_changes(store_db(st));
            strbuf_release(&subj);
            strbuf_release(&body);
        }
        free(payload);
    }
out:
    sqlite3_finalize(s);
    if (rc == AG_OK)
        rc = store_commit(st, err);
    else if (store_in_transaction(st))
        store_rollback(st);
    free(rules);
    free(evs);
    return rc;
}
