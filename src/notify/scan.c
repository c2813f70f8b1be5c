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
 * The windows (7, 7, 14 and 30 days) are settings (notify_windows_get). Actions, exceptions and
 * unanswered sheets carry the person they concern (owner, applicant, respondent); a rule whose
 * target is NOTIFY_PERSON writes each of those to that person's people.email, and each
 * respondent also gets their own sheet's "open" and "deadline" reminders (events only such rules
 * receive: the rules of the committee get the round's summary instead).
 * The reads run in one read transaction; the inserts in one write transaction.
 */
#include "notify/notify.h"

#include "auth/auth.h"

#define ALERT_MAX 500

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

/* The dates a scan compares with: today (UTC) and today + the due-soon window. */
struct days {
    char today[11], soon[11];
};

/* Runs sql (parameters ?1, ?2 = p1, p2 where it has them) and adds an event per row by fill. */
typedef int (*fill_fn)(struct evlist *l, sqlite3_stmt *s, const struct days *d);

static int each_row(struct store *st, const char *sql, const char *p1, const char *p2,
                    struct evlist *l, fill_fn fill, const struct days *today, struct ag_error *err)
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

static int fill_alert(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    (void)d;
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

static int fill_action(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    const char *due = store_col_text(s, 2);
    bool overdue = strcmp(due, d->today) < 0;
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
    e->person = sqlite3_column_int64(s, 4);
    return AG_OK;
}

static int fill_exception(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    const char *end = store_col_text(s, 2);
    bool expired = strcmp(end, d->today) < 0 || strcmp(store_col_text(s, 4), "expired") == 0;
    struct notify_event *e =
        ev_new(l, expired ? NOTIFY_EV_EXCEPTION_EXPIRED : NOTIFY_EV_EXCEPTION_EXPIRING,
               expired ? NOTIFY_HIGH : NOTIFY_WARNING, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "exception:%lld:%s:%.10s", e->id,
             expired ? "expired" : "expiring", end);
    for (int i = 0; i < 3; i++)
        put(e, i, store_col_text(s, 1 + i));
    e->person = sqlite3_column_int64(s, 5);
    return AG_OK;
}

static int fill_round(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    long long plan = sqlite3_column_int64(s, 0), round = sqlite3_column_int64(s, 1);
    const char *due = store_col_text(s, 3);
    struct notify_event *e = ev_new(l, NOTIFY_EV_ASSESS_OPEN, NOTIFY_INFO, plan);
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "assessment:%lld:%lld:open", plan, round);
    put(e, 0, store_col_text(s, 2));
    snprintf(e->arg[1], sizeof(e->arg[1]), "%lld", round);
    put(e, 2, due);
    snprintf(e->arg[3], sizeof(e->arg[3]), "%lld", sqlite3_column_int64(s, 4));
    if (strcmp(due, d->soon) <= 0) { /* and the deadline, once, when it comes near */
        struct notify_event *dl = ev_new(l, NOTIFY_EV_ASSESS_DEADLINE, NOTIFY_WARNING, plan);
        if (!dl)
            return AG_ENOMEM;
        e = dl - 1; /* ev_new may have moved the array */
        *dl = *e;
        dl->type = NOTIFY_EV_ASSESS_DEADLINE;
        dl->level = NOTIFY_WARNING;
        snprintf(dl->key, sizeof(dl->key), "assessment:%lld:%lld:deadline:%.10s", plan, round, due);
        snprintf(dl->arg[3], sizeof(dl->arg[3]), "%lld", sqlite3_column_int64(s, 5));
    }
    return AG_OK;
}

/* A sheet past its due date, not submitted: to the committee's rules and to the respondent. */
static int fill_sheet(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    (void)d;
    struct notify_event *e =
        ev_new(l, NOTIFY_EV_ASSESS_UNANSWERED, NOTIFY_WARNING, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "assessment-sheet:%lld:unanswered:%.10s", e->id,
             store_col_text(s, 4));
    for (int i = 0; i < 4; i++)
        put(e, i, store_col_text(s, 1 + i));
    e->person = sqlite3_column_int64(s, 5);
    return AG_OK;
}

/* A sheet still issued, its due date ahead: the respondent's own "open" reminder and, within
 * the due-soon window, their "deadline" one (NOTIFY_PERSON rules only). */
static int fill_own_sheet(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    const char *due = store_col_text(s, 4);
    bool soon = strcmp(due, d->soon) <= 0;
    struct notify_event *e =
        ev_new(l, soon ? NOTIFY_EV_SHEET_DEADLINE : NOTIFY_EV_SHEET_OPEN,
               soon ? NOTIFY_WARNING : NOTIFY_INFO, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    if (soon)
        snprintf(e->key, sizeof(e->key), "assessment-sheet:%lld:deadline:%.10s", e->id, due);
    else
        snprintf(e->key, sizeof(e->key), "assessment-sheet:%lld:open", e->id);
    for (int i = 0; i < 4; i++)
        put(e, i, store_col_text(s, 1 + i));
    e->person = sqlite3_column_int64(s, 5);
    e->personal = true;
    return AG_OK;
}

/* An issued sheet: past its due date → unanswered, else the respondent's own reminder. */
static int fill_issued_sheet(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    return strcmp(store_col_text(s, 4), d->today) < 0 ? fill_sheet(l, s, d)
                                                      : fill_own_sheet(l, s, d);
}

static int fill_flag(struct evlist *l, sqlite3_stmt *s, const struct days *d)
{
    (void)d;
    struct notify_event *e =
        ev_new(l, NOTIFY_EV_CONTRADICTION, NOTIFY_HIGH, sqlite3_column_int64(s, 0));
    if (!e)
        return AG_ENOMEM;
    snprintf(e->key, sizeof(e->key), "contradiction:%lld", e->id);
    for (int i = 0; i < 4; i++)
        put(e, i, store_col_text(s, 1 + i));
    return AG_OK;
}

int notify_windows_get(struct store *st, struct notify_windows *w, struct ag_error *err)
{
    const struct {
        const char *key;
        int *v, def;
    } k[] = {{"notify.alert_days", &w->alert_days, 7},
             {"notify.due_soon_days", &w->due_soon_days, 7},
             {"notify.expiring_days", &w->expiring_days, 14},
             {"notify.expired_days", &w->expired_days, 30}};
    for (size_t i = 0; i < AG_ARRAY_LEN(k); i++) {
        char buf[32] = "";
        int rc = store_meta_get(st, k[i].key, buf, sizeof(buf));
        if (rc != AG_OK && rc != AG_ENOTFOUND)
            return ag_error_set(err, rc, "notify: reading the setting %s", k[i].key);
        int v = *buf ? notify_days_parse(buf) : k[i].def;
        *k[i].v = v > 0 ? v : k[i].def;
    }
    return AG_OK;
}

int notify_collect(struct store *st, time_t now, struct notify_event **evs, size_t *n,
                   struct ag_error *err)
{
    struct evlist l = {NULL, 0, 0};
    struct notify_windows w;
    struct days d;
    char since[21], expiring[11], expired_since[11];
    int rc = notify_windows_get(st, &w, err);
    if (rc)
        return rc;
    ag_date_iso(now, d.today);
    ag_time_iso(now - (time_t)w.alert_days * 86400, since);
    ag_date_add(d.today, w.due_soon_days, d.soon);
    ag_date_add(d.today, w.expiring_days, expiring);
    ag_date_add(d.today, -w.expired_days, expired_since);
    if ((rc = store_read_begin(st, err)))
        return rc;
    /* one query per kind of event: its SQL, its two parameters and the row-to-event function */
    const struct {
        const char *sql, *p1, *p2;
        fill_fn fill;
    } queries[] = {
        {"SELECT seq, id, level, rule, time, category, coalesce(src_ip, '') FROM alerts WHERE "
         "level IN ('high', 'critical') AND status = 'new' AND time >= ?2 ORDER BY seq "
         "LIMIT 500", /* ALERT_MAX */
         d.today, since, fill_alert},
        {"SELECT a.id, a.title, a.due_date, p.login, a.owner_id FROM actions a JOIN people p ON "
         "p.id = a.owner_id WHERE a.status IN ('open', 'in_progress') AND a.due_date <= ?2 "
         "ORDER BY a.id",
         d.today, d.soon, fill_action},
        {"SELECT id, regulation || ' ' || clause, end_date, applicant_name, status, applicant_id "
         "FROM exceptions WHERE status IN ('approved', 'active', 'expired') AND end_date >= ?2 "
         "AND end_date <= ?1 ORDER BY id",
         expiring, expired_since, fill_exception},
        {"SELECT s.plan_id, s.round, p.title, min(CASE WHEN s.status = 'issued' THEN s.due_date "
         "END) AS due, count(*), sum(s.status = 'issued') FROM assess_sheets s JOIN assess_plans "
         "p ON p.id = s.plan_id GROUP BY s.plan_id, s.round HAVING sum(s.status = 'issued') > 0 "
         "AND due >= ?1 ORDER BY s.plan_id, s.round",
         d.today, d.today, fill_round},
        {"SELECT s.id, p.name, pl.title, s.round, s.due_date, s.respondent_id FROM assess_sheets "
         "s JOIN people p ON p.id = s.respondent_id JOIN assess_plans pl ON pl.id = s.plan_id "
         "WHERE s.status = 'issued' AND s.due_date >= ?2 ORDER BY s.id",
         d.today, expired_since, fill_issued_sheet},
        {"SELECT id, item_id, reason, link, raised_at FROM compliance_flags WHERE cleared_at IS "
         "NULL ORDER BY id",
         d.today, d.today, fill_flag},
    };
    for (size_t i = 0; rc == AG_OK && i < AG_ARRAY_LEN(queries); i++)
        rc = each_row(st, queries[i].sql, queries[i].p1, queries[i].p2, &l, queries[i].fill, &d,
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
    bool person; /* target NOTIFY_PERSON */
    char lang[8];
};

/* The rules, in id order, into *rules (caller frees). */
static int load_rules(struct store *st, struct rule **rules, size_t *n, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT id, kinds, min_level, lang, channel = 'email' AND target = ? "
                           "FROM notify_rules ORDER BY id",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, NOTIFY_PERSON);
    while (rc == AG_OK && sqlite3_step(s) == SQLITE_ROW) {
        struct rule *r = realloc(*rules, (*n + 1) * sizeof(*r));
        if (!r) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        *rules = r;
        r = &r[(*n)++];
        r->id = sqlite3_column_int64(s, 0);
        if (notify_kinds_parse(store_col_text(s, 1), &r->kinds, NULL) != AG_OK)
            r->kinds = 0;
        if (notify_level_parse(store_col_text(s, 2), &r->min) != AG_OK)
            r->min = NOTIFY_CRITICAL;
        snprintf(r->lang, sizeof(r->lang), "%s", store_col_text(s, 3));
        r->person = sqlite3_column_int(s, 4) != 0;
    }
    sqlite3_finalize(s);
    return rc;
}

/* The e-mail address of an active person into out ("" when none or not a usable address). */
static int person_address(sqlite3_stmt *q, long long person, char *out, size_t cap)
{
    *out = '\0';
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, person);
    int step = sqlite3_step(q);
    if (step == SQLITE_ROW) {
        const char *a = store_col_text(q, 0);
        if (auth_mail_address_ok(a) && strlen(a) < cap)
            snprintf(out, cap, "%s", a);
        return AG_OK;
    }
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

int notify_scan(struct store *st, time_t now, struct notify_scan_result *res, struct ag_error *err)
{
    struct notify_event *evs = NULL;
    struct rule *rules = NULL;
    size_t nev = 0, nrules = 0;
    sqlite3_stmt *addr = NULL;
    char at[21];
    int rc = notify_collect(st, now, &evs, &nev, err);
    memset(res, 0, sizeof(*res));
    if (rc)
        return rc;
    ag_time_iso(now, at);
    if ((rc = store_begin(st, err)) || (rc = load_rules(st, &rules, &nrules, err)) ||
        (rc =
             store_prepare(st, &addr, "SELECT email FROM people WHERE id = ? AND active = 1", err)))
        goto out;
    for (size_t i = 0; rc == AG_OK && i < nev; i++) {
        const struct notify_event *e = &evs[i];
        char *payload = NULL;
        for (size_t k = 0; rc == AG_OK && k < nrules; k++) {
            const struct rule *r = &rules[k];
            char to[321] = "";
            if (!(r->kinds & notify_event_kind(e->type)) || e->level < r->min ||
                (r->person ? !e->person : e->personal))
                continue;
            if (r->person) {
                if (person_address(addr, e->person, to, sizeof(to)) != AG_OK) {
                    rc = store_error(st, "reading a person's e-mail address", err);
                    break;
                }
                if (!*to) {
                    res->unaddressed++;
                    continue;
                }
            }
            struct strbuf subj, body;
            strbuf_init(&subj, 4096);
            strbuf_init(&body, 16384);
            if (!payload && !(payload = notify_event_json(e)))
                rc = ag_error_set(err, AG_EINVAL, "notify: event %s: its texts are not UTF-8",
                                  e->key);
            if (rc == AG_OK)
                rc = notify_render(e, r->lang, &subj, &body, err);
            if (rc == AG_OK)
                rc = store_run(st, "notify_outbox", err,
                               "INSERT OR IGNORE INTO notify_outbox(rule_id, event_key, kind, "
                               "level, subject, body, payload, next_attempt, created_at, "
                               "recipient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               "isssssssss", r->id, e->key,
                               notify_kind_name(notify_event_kind(e->type)),
                               notify_level_name(e->level), strbuf_str(&subj), strbuf_str(&body),
                               payload, at, at, *to ? to : NULL);
            if (rc == AG_OK)
                res->queued += sqlite3_changes(store_db(st));
            strbuf_release(&subj);
            strbuf_release(&body);
        }
        free(payload);
    }
out:
    sqlite3_finalize(addr);
    if (rc == AG_OK)
        rc = store_commit(st, err);
    else if (store_in_transaction(st))
        store_rollback(st);
    free(rules);
    free(evs);
    return rc;
}

int notify_prune(struct store *st, time_t now, int keep_days, int *n, struct ag_error *err)
{
    char before[21], set[32] = "";
    if (keep_days <= 0) {
        int v = store_meta_get(st, "notify.keep_days", set, sizeof(set)) == AG_OK
                    ? notify_days_parse(set)
                    : -1;
        keep_days = v > 0 ? v : NOTIFY_KEEP_DAYS;
    }
    ag_time_iso(now - (time_t)keep_days * 86400, before);
    int rc = store_run(st, "notify_outbox", err,
                       "DELETE FROM notify_outbox WHERE (status = 'sent' AND sent_at < ?1) OR "
                       "(status = 'failed' AND next_attempt < ?1)",
                       "s", before);
    *n = rc == AG_OK ? sqlite3_changes(store_db(st)) : 0;
    return rc;
}
