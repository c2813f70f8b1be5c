/*
 * worklog.c — the operation and maintenance work log (3.2.1.1): entries, change management with
 * approval before and review after the change, the periodic review of routing and access control,
 * and disposal with proof of erasure. The rules are in worklog.h.
 *
 * Invariants: every value is a bound parameter; every check that can refuse runs before the
 * transaction begins (so isms_duty_* can record a refusal in the audit trail), and everything a
 * step writes is written in one transaction; the table CHECKs repeat the separation of duties.
 */
#include "isms/worklog.h"
#include "isms/registers.h"

#include <time.h>

const char *const wl_kinds[] = {"maintenance", "configuration", "patch", "inspection", "backup",
                                "repair",      "disposal",      "other", NULL};
const char *const wl_risks[] = {"low", "medium", "high", NULL};
const char *const wl_change_results[] = {"ok", "issues", "rolled_back", NULL};
const char *const wl_review_scopes[] = {"routing", "access-control", "both", NULL};
const char *const wl_review_results[] = {"confirmed", "corrected", "action", NULL};
const char *const wl_methods[] = {
    "overwrite",   "degauss", "physical-destruction", "crypto-erase", "builtin-erase",
    "contractual", NULL};

#define WL_TEXT_MAX 20000
#define WL_MAX_ASSETS 64
#define WL_EVIDENCE_MAX ((size_t)64 << 20) /* as the evidence store (evidence.c) */

int wl_check_datetime(const char *field, const char *value, char out[17], struct ag_error *err)
{
    char date[11], d[11];
    if (!value || !*value)
        return ag_error_set(err, AG_EINVAL, "%s: missing (a date and time YYYY-MM-DD HH:MM)",
                            field);
    size_t n = strlen(value);
    bool ok = n == 10 || n == 16;
    if (ok) {
        memcpy(d, value, 10);
        d[10] = '\0';
        ok = ag_date_parse(d, date) == AG_OK;
    }
    int hh = 0, mm = 0;
    if (ok && n == 16) {
        const char *t = value + 10;
        ok = (t[0] == ' ' || t[0] == 'T') && t[3] == ':' && strspn(t + 1, "0123456789") == 2 &&
             strspn(t + 4, "0123456789") == 2;
        if (ok) {
            hh = (t[1] - '0') * 10 + (t[2] - '0');
            mm = (t[4] - '0') * 10 + (t[5] - '0');
            ok = hh < 24 && mm < 60;
        }
    }
    if (!ok)
        return ag_error_set(err, AG_EINVAL, "%s: \"%.40s\" is not a date and time YYYY-MM-DD HH:MM",
                            field, value);
    memcpy(out, date, 10);
    out[10] = ' ';
    out[11] = (char)('0' + hh / 10);
    out[12] = (char)('0' + hh % 10);
    out[13] = ':';
    out[14] = (char)('0' + mm / 10);
    out[15] = (char)('0' + mm % 10);
    out[16] = '\0';
    return AG_OK;
}

static void now_local(char out[17])
{
    time_t t = ag_now();
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 17, "%Y-%m-%d %H:%M", &tm);
}

/* ---- who may act ---- */

long long wl_asset_department(struct store *st, long long asset)
{
    struct ag_error err;
    sqlite3_stmt *s;
    long long dept = 0;
    if (store_prepare(st, &s,
                      "SELECT coalesce(y.owner_department_id, 0) FROM assets a LEFT JOIN systems y "
                      "ON y.id = a.system_id WHERE a.id = ?",
                      &err) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, asset);
    if (sqlite3_step(s) == SQLITE_ROW)
        dept = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return dept;
}

bool wl_may_operate(struct store *st, long long person, long long dept)
{
    return isms_has_role(st, person, "ciso", 0) || isms_has_role(st, person, "sysadmin", dept) ||
           isms_has_role(st, person, "manager", dept);
}

static int need_operator(struct store *st, long long actor, long long dept, const char *what,
                         struct ag_error *err)
{
    if (wl_may_operate(st, actor, dept))
        return AG_OK;
    return isms_duty_has_role(st, actor, "sysadmin", dept, what, err);
}

/* 3.1.4.1(2): a change is approved by the information security manager of the department that
 * owns the devices, or by the CISO. */
static int need_approver(struct store *st, long long actor, long long dept, const char *what,
                         struct ag_error *err)
{
    if (isms_has_role(st, actor, "ciso", 0))
        return AG_OK;
    return isms_duty_has_role(st, actor, "manager", dept, what, err);
}

/* ---- assets ---- */

struct wl_asset {
    long long id, dept;
    char code[65], category[16], status[16], disposed_on[11];
};

static int asset_load(struct store *st, const char *code, struct wl_asset *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    if (!code || !*code)
        return ag_error_set(err, AG_EINVAL, "--asset: missing (an asset code)");
    int rc = store_prepare(st, &s,
                           "SELECT a.id, a.category, a.status, coalesce(a.disposed_on, ''), "
                           "coalesce(y.owner_department_id, 0), a.code FROM assets a LEFT JOIN "
                           "systems y ON y.id = a.system_id WHERE a.code = ?",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    if (sqlite3_step(s) == SQLITE_ROW) {
        a->id = sqlite3_column_int64(s, 0);
        snprintf(a->category, sizeof(a->category), "%s", store_col_text(s, 1));
        snprintf(a->status, sizeof(a->status), "%s", store_col_text(s, 2));
        snprintf(a->disposed_on, sizeof(a->disposed_on), "%s", store_col_text(s, 3));
        a->dept = sqlite3_column_int64(s, 4);
        snprintf(a->code, sizeof(a->code), "%s", store_col_text(s, 5));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "%s \"%.80s\" does not exist", "asset", code);
    }
    sqlite3_finalize(s);
    return rc;
}

static int asset_in_service(const struct wl_asset *a, struct ag_error *err)
{
    if (strcmp(a->status, "disposed") == 0)
        return ag_error_set(err, AG_EDENIED,
                            "asset %s was disposed of on %s: nothing more can be recorded for it",
                            a->code, a->disposed_on);
    return AG_OK;
}

static int optional_text(const char *field, const char *value, struct ag_error *err)
{
    return value && *value ? isms_check_text(field, value, WL_TEXT_MAX, err) : AG_OK;
}

/* ---- changes: loading ---- */

struct wl_change {
    long long id, requester, implementer;
    bool emergency;
    char status[16], decision[16], title[512];
};

static int change_load(struct store *st, long long id, struct wl_change *c, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT requested_by, coalesce(implemented_by, 0), emergency, status, "
                           "decision, title FROM wl_changes WHERE id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        c->id = id;
        c->requester = sqlite3_column_int64(s, 0);
        c->implementer = sqlite3_column_int64(s, 1);
        c->emergency = sqlite3_column_int(s, 2) != 0;
        snprintf(c->status, sizeof(c->status), "%s", store_col_text(s, 3));
        snprintf(c->decision, sizeof(c->decision), "%s", store_col_text(s, 4));
        snprintf(c->title, sizeof(c->title), "%s", store_col_text(s, 5));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "change %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

/* The departments owning the change's devices (0 = a device without a system). */
static int change_departments(struct store *st, long long id, long long *depts, size_t cap,
                              size_t *n, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT DISTINCT coalesce(y.owner_department_id, 0) FROM "
                           "wl_change_assets ca JOIN assets a ON a.id = ca.asset_id LEFT JOIN "
                           "systems y ON y.id = a.system_id WHERE ca.change_id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    *n = 0;
    while (sqlite3_step(s) == SQLITE_ROW && *n < cap)
        depts[(*n)++] = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return AG_OK;
}

static int change_roles(struct store *st, long long id, long long actor, bool approver,
                        const char *what, struct ag_error *err)
{
    long long depts[WL_MAX_ASSETS];
    size_t n;
    int rc = change_departments(st, id, depts, AG_ARRAY_LEN(depts), &n, err);
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = approver ? need_approver(st, actor, depts[i], what, err)
                      : need_operator(st, actor, depts[i], what, err);
    return rc;
}

static bool change_covers(struct store *st, long long change, long long asset)
{
    struct ag_error err;
    sqlite3_stmt *s;
    bool yes = false;
    if (store_prepare(st, &s, "SELECT 1 FROM wl_change_assets WHERE change_id = ? AND asset_id = ?",
                      &err) != AG_OK)
        return false;
    sqlite3_bind_int64(s, 1, change);
    sqlite3_bind_int64(s, 2, asset);
    yes = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return yes;
}

/* ---- work log entries ---- */

/* Inserts an entry (inside the caller's transaction). */
static int entry_insert(struct store *st, long long asset, const char *done_at, const char *kind,
                        const char *work, const char *result, long long by, long long change,
                        bool unauthorised, long long recorder, long long *id, struct ag_error *err)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    int rc = store_run(st, "recording the work", err,
                       "INSERT INTO wl_entries(asset_id, done_at, kind, work, result, "
                       "performed_by, change_id, unauthorised, recorded_by, recorded_at) VALUES "
                       "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       "issssiIiIs", asset, done_at, kind, work, result ? result : "", by, change,
                       (long long)unauthorised, recorder, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return rc;
}

int wl_entry_add(struct store *st, long long recorder, const struct wl_entry_new *e, long long *id,
                 bool *unauthorised, struct ag_error *err)
{
    struct wl_asset a;
    char when[17], what[160];
    long long by = recorder;
    int rc;
    if ((rc = isms_check_enum("--kind", e->kind, wl_kinds, err)) ||
        (rc = isms_check_text("--work", e->work, WL_TEXT_MAX, err)) ||
        (rc = optional_text("--result", e->result, err)))
        return rc;
    if (strcmp(e->kind, "disposal") == 0)
        return ag_error_set(err, AG_EINVAL,
                            "--kind disposal: a disposal is recorded with its proof of erasure "
                            "(airguard worklog dispose)");
    if (e->done_at && *e->done_at) {
        if ((rc = wl_check_datetime("--at", e->done_at, when, err)))
            return rc;
    } else {
        now_local(when);
    }
    if ((rc = asset_load(st, e->asset, &a, err)) || (rc = asset_in_service(&a, err)))
        return rc;
    if (e->by && *e->by && (rc = isms_person_id(st, e->by, &by, err)))
        return ag_error_set(err, rc, "--by: no person with the login \"%.64s\"", e->by);
    bool flagged = strcmp(e->kind, "configuration") == 0 || strcmp(e->kind, "patch") == 0;
    if (e->change) {
        struct wl_change c;
        if ((rc = change_load(st, e->change, &c, err)))
            return rc;
        if (!change_covers(st, c.id, a.id))
            return ag_error_set(err, AG_EINVAL, "--change: change %lld does not cover asset %s",
                                c.id, a.code);
        bool allowed = strcmp(c.decision, "approved") == 0 ||
                       (c.emergency && strcmp(c.decision, "pending") == 0);
        if (allowed && strcmp(c.status, "cancelled") != 0)
            flagged = false;
    }
    snprintf(what, sizeof(what), "record work on asset %s", a.code);
    if ((rc = need_operator(st, recorder, a.dept, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = entry_insert(st, a.id, when, e->kind, e->work, e->result, by, e->change, flagged, recorder,
                      id, err);
    if (rc == AG_OK && flagged) {
        /* a change without approval is a security-relevant event of its own */
        char sid[24], detail[160];
        snprintf(sid, sizeof(sid), "%lld", *id);
        snprintf(detail, sizeof(detail), "{\"asset\": \"%s\", \"kind\": \"%s\"}", a.code, e->kind);
        rc = store_audit(st, "unauthorised-change", "wl_entries", sid, detail, err);
    }
    if (unauthorised)
        *unauthorised = flagged;
    return isms_tx_end(st, own, rc, err);
}

/* ---- changes ---- */

int wl_change_request(struct store *st, long long requester, const struct wl_change_new *c,
                      long long *id, struct ag_error *err)
{
    char planned[11], now[21], what[160];
    struct wl_asset assets[WL_MAX_ASSETS];
    size_t n = 0;
    int rc;
    if ((rc = isms_check_text("--title", c->title, 500, err)) ||
        (rc = isms_check_text("--reason", c->reason, WL_TEXT_MAX, err)) ||
        (rc = isms_check_date("--planned", c->planned_on, planned, err)) ||
        (rc = isms_check_text("--rollback", c->rollback, WL_TEXT_MAX, err)) ||
        (rc = isms_check_enum("--risk", c->risk, wl_risks, err)) ||
        (rc = optional_text("--risk-note", c->risk_note, err)))
        return rc;
    for (size_t i = 0; c->assets && c->assets[i]; i++) {
        if (n == WL_MAX_ASSETS)
            return ag_error_set(err, AG_EINVAL, "--assets: more than %d devices", WL_MAX_ASSETS);
        if ((rc = asset_load(st, c->assets[i], &assets[n], err)) ||
            (rc = asset_in_service(&assets[n], err)))
            return rc;
        n++;
    }
    if (n == 0)
        return ag_error_set(err, AG_EINVAL, "--assets: missing (the devices the change touches)");
    for (size_t i = 0; i < n; i++) {
        snprintf(what, sizeof(what), "request a change of asset %s", assets[i].code);
        if ((rc = need_operator(st, requester, assets[i].dept, what, err)))
            return rc;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "requesting the change", err,
                   "INSERT INTO wl_changes(title, reason, planned_on, rollback_plan, risk_level, "
                   "risk_note, emergency, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?, ?)",
                   "ssssssiis", c->title, c->reason, planned, c->rollback, c->risk,
                   c->risk_note ? c->risk_note : "", (long long)c->emergency, requester, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = store_run(st, "linking the change to its devices", err,
                       "INSERT OR IGNORE INTO wl_change_assets(change_id, asset_id) VALUES (?, ?)",
                       "ii", *id, assets[i].id);
    return isms_tx_end(st, own, rc, err);
}

static int audit_step(struct store *st, const char *action, const char *table, long long id,
                      struct ag_error *err)
{
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", id);
    return store_audit(st, action, table, sid, NULL, err);
}

int wl_change_decide(struct store *st, long long id, long long actor, bool approve,
                     const char *note, struct ag_error *err)
{
    struct wl_change c;
    char what[96], now[21];
    int rc;
    if ((rc = change_load(st, id, &c, err)))
        return rc;
    if (strcmp(c.decision, "pending") != 0)
        return ag_error_set(err, AG_EDENIED, "change %lld is %s already", id, c.decision);
    if (strcmp(c.status, "cancelled") == 0 || (strcmp(c.status, "open") != 0 && !c.emergency))
        return ag_error_set(err, AG_EDENIED, "change %lld is %s: it cannot be decided now", id,
                            c.status);
    if (!approve && (!note || !*note))
        return ag_error_set(err, AG_EINVAL, "--note: a rejection needs the reason");
    if ((rc = optional_text("--note", note, err)))
        return rc;
    snprintf(what, sizeof(what), "%s change %lld", approve ? "approve" : "reject", id);
    if ((rc = isms_duty_not_self(st, actor, c.requester, what, err)) ||
        (rc = change_roles(st, id, actor, true, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "deciding the change", err,
                   "UPDATE wl_changes SET decision = ?, decided_by = ?, decided_at = ?, "
                   "decision_note = ? WHERE id = ?",
                   "sissi", approve ? "approved" : "rejected", actor, now, note ? note : "", id);
    if (rc == AG_OK)
        rc = audit_step(st, approve ? "approve" : "reject", "wl_changes", id, err);
    return isms_tx_end(st, own, rc, err);
}

int wl_change_implement(struct store *st, long long id, long long actor, const char *done_at,
                        const char *kind, const char *work, const char *result,
                        struct ag_error *err)
{
    static const char *const change_kinds[] = {"configuration", "patch", NULL};
    struct wl_change c;
    char when[17], what[96], due[11], day[11];
    int rc;
    if (!kind || !*kind)
        kind = "configuration";
    if ((rc = change_load(st, id, &c, err)) ||
        (rc = isms_check_enum("--kind", kind, change_kinds, err)) ||
        (rc = optional_text("--work", work, err)) || (rc = optional_text("--result", result, err)))
        return rc;
    if (strcmp(c.status, "open") != 0)
        return ag_error_set(err, AG_EDENIED, "change %lld is %s: it cannot be carried out now", id,
                            c.status);
    if (strcmp(c.decision, "rejected") == 0)
        return ag_error_set(err, AG_EDENIED, "change %lld was rejected: it is not carried out", id);
    if (strcmp(c.decision, "approved") != 0 && !c.emergency)
        return ag_error_set(err, AG_EDENIED,
                            "change %lld is not approved: a change is carried out only after its "
                            "approval (3.2.1.1(2)); an emergency change is requested with "
                            "--emergency",
                            id);
    if (done_at && *done_at) {
        if ((rc = wl_check_datetime("--at", done_at, when, err)))
            return rc;
    } else {
        now_local(when);
    }
    snprintf(what, sizeof(what), "carry out change %lld", id);
    if ((rc = change_roles(st, id, actor, false, what, err)))
        return rc;
    sqlite3_stmt *s = NULL;
    long long assets[WL_MAX_ASSETS];
    size_t n = 0;
    if ((rc = store_prepare(st, &s,
                            "SELECT a.id, a.status, a.code FROM wl_change_assets ca JOIN assets a "
                            "ON a.id = ca.asset_id WHERE ca.change_id = ? ORDER BY a.code",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    while (rc == AG_OK && sqlite3_step(s) == SQLITE_ROW && n < WL_MAX_ASSETS) {
        if (strcmp(store_col_text(s, 1), "disposed") == 0)
            rc = ag_error_set(err, AG_EDENIED, "change %lld: asset %s has been disposed of", id,
                              store_col_text(s, 2));
        assets[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    const char *text = work && *work ? work : c.title;
    for (size_t i = 0; rc == AG_OK && i < n; i++) {
        long long eid;
        rc = entry_insert(st, assets[i], when, kind, text, result, actor, id, false, actor, &eid,
                          err);
    }
    memcpy(day, when, 10);
    day[10] = '\0';
    ag_date_add(day, WL_EMERGENCY_DAYS, due);
    bool pending = strcmp(c.decision, "pending") == 0;
    if (rc == AG_OK)
        rc = store_run(st, "recording the change as carried out", err,
                       "UPDATE wl_changes SET status = 'implemented', implemented_by = ?, "
                       "implemented_at = ?, approval_due = ? WHERE id = ?",
                       "issi", actor, when, pending ? due : NULL, id);
    if (rc == AG_OK && pending)
        rc = audit_step(st, "emergency-change", "wl_changes", id, err);
    return isms_tx_end(st, own, rc, err);
}

int wl_change_review(struct store *st, const struct catalog *cat, long long id, long long actor,
                     const char *result, const char *note, const char *action_owner,
                     const char *action_due, struct ag_error *err)
{
    struct wl_change c;
    char what[96], now[21];
    int rc;
    if ((rc = change_load(st, id, &c, err)) ||
        (rc = isms_check_enum("--result", result, wl_change_results, err)) ||
        (rc = isms_check_text("--note", note, WL_TEXT_MAX, err)))
        return rc;
    if (strcmp(c.status, "implemented") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "change %lld is %s: only a change that was carried out is reviewed", id,
                            c.status);
    bool with_action = action_owner && *action_owner;
    if (with_action && strcmp(result, "issues") != 0)
        return ag_error_set(err, AG_EINVAL,
                            "--action-owner: a corrective action follows a review with --result "
                            "issues");
    snprintf(what, sizeof(what), "review change %lld", id);
    if ((rc = isms_duty_not_self(st, actor, c.implementer, what, err)) ||
        (rc = change_roles(st, id, actor, false, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    long long action = 0;
    if (with_action) {
        static const char *const items[] = {"3.2.1.1-2-c2.m1", NULL};
        char title[600];
        snprintf(title, sizeof(title), "Change %lld (%.400s): review findings", id, c.title);
        struct isms_action_new an = {"other",      id,   title,      note,
                                     action_owner, NULL, action_due, cat ? items : NULL};
        rc = isms_action_add(st, cat, &an, &action, err);
    }
    ag_time_iso(ag_now(), now);
    if (rc == AG_OK)
        rc = store_run(st, "recording the review", err,
                       "UPDATE wl_changes SET status = 'reviewed', reviewed_by = ?, reviewed_at = "
                       "?, review_result = ?, review_note = ?, action_id = ? WHERE id = ?",
                       "isssIi", actor, now, result, note, action, id);
    return isms_tx_end(st, own, rc, err);
}

int wl_change_cancel(struct store *st, long long id, long long actor, struct ag_error *err)
{
    struct wl_change c;
    char what[96];
    int rc;
    if ((rc = change_load(st, id, &c, err)))
        return rc;
    if (strcmp(c.status, "open") != 0)
        return ag_error_set(err, AG_EDENIED, "change %lld is %s: it cannot be cancelled", id,
                            c.status);
    snprintf(what, sizeof(what), "cancel change %lld", id);
    if (actor != c.requester && (rc = change_roles(st, id, actor, true, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "cancelling the change", err,
                   "UPDATE wl_changes SET status = 'cancelled' WHERE id = ?", "i", id);
    return isms_tx_end(st, own, rc, err);
}

const char *wl_change_state(const char *status, const char *decision, const char *approval_due,
                            const char *review_result, const char *today)
{
    if (strcmp(status, "cancelled") == 0)
        return "cancelled";
    if (strcmp(status, "open") == 0)
        return strcmp(decision, "pending") == 0    ? "open-pending"
               : strcmp(decision, "approved") == 0 ? "approved"
                                                   : "rejected";
    if (strcmp(decision, "pending") == 0)
        return approval_due && strcmp(today, approval_due) > 0 ? "approval-overdue"
                                                               : "emergency-pending";
    if (strcmp(decision, "rejected") == 0 &&
        (!review_result || strcmp(review_result, "rolled_back") != 0))
        return "rejected-after-change";
    return strcmp(status, "reviewed") == 0 ? "reviewed" : "review-due";
}

/* ---- periodic review of routing and access control ---- */

static int network_device(const struct wl_asset *a, struct ag_error *err)
{
    if (strcmp(a->category, "network") != 0)
        return ag_error_set(err, AG_EINVAL,
                            "asset %s is a device of the category %s: routing and access control "
                            "are reviewed for network devices (category network, 3.2.1.1(2)③)",
                            a->code, a->category);
    return AG_OK;
}

int wl_review_plan(struct store *st, long long actor, const char *asset, const char *scope,
                   int interval_months, const char *owner, const char *started_on,
                   struct ag_error *err)
{
    struct wl_asset a;
    char start[11], what[128];
    long long owner_id;
    int rc;
    if ((rc = asset_load(st, asset, &a, err)) || (rc = asset_in_service(&a, err)) ||
        (rc = network_device(&a, err)) ||
        (rc = isms_check_enum("--scope", scope, wl_review_scopes, err)))
        return rc;
    if (interval_months < 1 || interval_months > 24)
        return ag_error_set(err, AG_EINVAL, "--every: \"%d\" is not a number from 1 to 24",
                            interval_months);
    if (!owner || !*owner)
        return ag_error_set(err, AG_EINVAL, "--owner: missing (a login)");
    if ((rc = isms_person_id(st, owner, &owner_id, err)))
        return ag_error_set(err, rc, "--owner: no person with the login \"%.64s\"", owner);
    if (started_on && *started_on) {
        if ((rc = isms_check_date("--start", started_on, start, err)))
            return rc;
    } else {
        ag_date_iso(ag_now(), start);
    }
    snprintf(what, sizeof(what), "plan the reviews of asset %s", a.code);
    if ((rc = need_operator(st, actor, a.dept, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "planning the reviews", err,
                   "INSERT INTO wl_review_plans(asset_id, scope, interval_months, owner_id, "
                   "started_on, active) VALUES (?1, ?2, ?3, ?4, ?5, 1) ON CONFLICT(asset_id) DO "
                   "UPDATE SET scope = ?2, interval_months = ?3, owner_id = ?4, started_on = ?5, "
                   "active = 1",
                   "isiis", a.id, scope, (long long)interval_months, owner_id, start);
    return isms_tx_end(st, own, rc, err);
}

int wl_review_add(struct store *st, const struct catalog *cat, long long reviewer,
                  const struct wl_review_new *r, long long *id, struct ag_error *err)
{
    struct wl_asset a;
    char on[11], what[128];
    int rc;
    if ((rc = asset_load(st, r->asset, &a, err)) || (rc = asset_in_service(&a, err)) ||
        (rc = network_device(&a, err)) ||
        (rc = isms_check_text("--findings", r->findings, WL_TEXT_MAX, err)) ||
        (rc = isms_check_enum("--result", r->result, wl_review_results, err)))
        return rc;
    if (r->reviewed_on && *r->reviewed_on) {
        if ((rc = isms_check_date("--date", r->reviewed_on, on, err)))
            return rc;
    } else {
        ag_date_iso(ag_now(), on);
    }
    bool action = strcmp(r->result, "action") == 0;
    if (action && (!r->action_owner || !*r->action_owner || !r->action_due || !*r->action_due))
        return ag_error_set(err, AG_EINVAL,
                            "--result action: give the corrective action's --action-owner LOGIN "
                            "and --action-due YYYY-MM-DD");
    if (!action && r->action_owner && *r->action_owner)
        return ag_error_set(err, AG_EINVAL,
                            "--action-owner: a corrective action follows a review with --result "
                            "action");
    if (r->change) {
        struct wl_change c;
        if ((rc = change_load(st, r->change, &c, err)))
            return rc;
        if (!change_covers(st, c.id, a.id))
            return ag_error_set(err, AG_EINVAL, "--change: change %lld does not cover asset %s",
                                c.id, a.code);
    }
    snprintf(what, sizeof(what), "review the settings of asset %s", a.code);
    if ((rc = need_operator(st, reviewer, a.dept, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    long long action_id = 0;
    if (action) {
        static const char *const items[] = {"3.2.1.1-2-c3.m3", NULL};
        char title[200];
        snprintf(title, sizeof(title), "Routing and access-control review of %s: findings", a.code);
        struct isms_action_new an = {"other",         0,    title,         r->findings,
                                     r->action_owner, NULL, r->action_due, cat ? items : NULL};
        rc = isms_action_add(st, cat, &an, &action_id, err);
    }
    if (rc == AG_OK)
        rc = store_run(st, "recording the review", err,
                       "INSERT INTO wl_reviews(asset_id, reviewed_on, reviewer_id, occasion, "
                       "change_id, findings, result, action_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       "isisIssI", a.id, on, reviewer, r->change ? "change" : "periodic", r->change,
                       r->findings, r->result, action_id);
    if (rc == AG_OK)
        *id = store_last_id(st);
    if (rc == AG_OK && action_id)
        rc = store_run(st, "linking the corrective action", err,
                       "UPDATE actions SET origin_id = ? WHERE id = ?", "ii", *id, action_id);
    return isms_tx_end(st, own, rc, err);
}

/* clang-format off */
const char wl_review_plans_sql[] =
    "WITH x AS (SELECT a.code AS asset, a.name, p.scope, p.interval_months, o.login AS owner, "
    "p.started_on, (SELECT max(r.reviewed_on) FROM wl_reviews r WHERE r.asset_id = a.id AND "
    "r.occasion = 'periodic') AS last_review FROM wl_review_plans p JOIN assets a ON a.id = "
    "p.asset_id JOIN people o ON o.id = p.owner_id WHERE p.active = 1), "
    "y AS (SELECT *, " REG_ADD_MONTHS("coalesce(last_review, started_on)", "interval_months")
    " AS next_due FROM x) "
    "SELECT asset, name, scope, interval_months, owner, coalesce(last_review, '') AS last_review, "
    "next_due, CASE WHEN next_due < ?1 THEN 'overdue' WHEN next_due <= date(?1, '+14 days') THEN "
    "'due-soon' ELSE 'ok' END AS state FROM y ORDER BY next_due, asset";
/* clang-format on */

/* ---- disposal with proof of erasure ---- */

static bool special_purpose(const char *category)
{
    static const char *const cats[] = {"mfp", "plc", "camera", "iot", "other"};
    for (size_t i = 0; i < AG_ARRAY_LEN(cats); i++)
        if (strcmp(category, cats[i]) == 0)
            return true;
    return false;
}

int wl_dispose(struct store *st, long long recorder, const struct wl_disposal_new *d, long long *id,
               struct ag_error *err)
{
    struct wl_asset a;
    char on[11], what[128], when[17], now[21], sha[65];
    long long by, witness, contractor = 0;
    int rc;
    if ((rc = asset_load(st, d->asset, &a, err)))
        return rc;
    if (strcmp(a.status, "disposed") == 0)
        return ag_error_set(err, AG_ECONFLICT, "asset %s was disposed of on %s already", a.code,
                            a.disposed_on);
    if ((rc = isms_check_enum("--method", d->method, wl_methods, err)) ||
        (rc = optional_text("--vendor", d->vendor, err)) ||
        (rc = optional_text("--certificate-no", d->certificate_no, err)) ||
        (rc = optional_text("--note", d->note, err)))
        return rc;
    if (d->disposed_on && *d->disposed_on) {
        if ((rc = isms_check_date("--date", d->disposed_on, on, err)))
            return rc;
    } else {
        ag_date_iso(ag_now(), on);
    }
    if (!d->data && (!d->certificate || !*d->certificate))
        return ag_error_set(err, AG_EDENIED,
                            "asset %s: a disposal needs the proof of erasure (--certificate FILE, "
                            "3.2.1.1(2))",
                            a.code);
    if (strcmp(d->method, "contractual") == 0) {
        if (!special_purpose(a.category))
            return ag_error_set(err, AG_EINVAL,
                                "--method contractual: only for multifunction and special-purpose "
                                "devices without an erase function (3.2.1.1(2)④); asset %s is a "
                                "%s",
                                a.code, a.category);
        if (!d->contractor || !*d->contractor)
            return ag_error_set(err, AG_EINVAL,
                                "--method contractual: give the --contractor CODE whose contract "
                                "covers the erasure");
    }
    if (d->contractor && *d->contractor) {
        if ((rc = reg_find(st, reg_kind_find("contractor"), d->contractor, &contractor, err)))
            return rc;
    }
    if (!d->by || !*d->by)
        return ag_error_set(err, AG_EINVAL, "--by: missing (who carried the erasure out)");
    if (!d->witness || !*d->witness)
        return ag_error_set(err, AG_EINVAL, "--witness: missing (who saw the erasure done)");
    if ((rc = isms_person_id(st, d->by, &by, err)))
        return ag_error_set(err, rc, "--by: no person with the login \"%.64s\"", d->by);
    if ((rc = isms_person_id(st, d->witness, &witness, err)))
        return ag_error_set(err, rc, "--witness: no person with the login \"%.64s\"", d->witness);
    snprintf(what, sizeof(what), "witness the erasure of asset %s", a.code);
    if ((rc = isms_duty_not_self(st, witness, by, what, err)))
        return rc;
    snprintf(what, sizeof(what), "record the disposal of asset %s", a.code);
    if ((rc = need_operator(st, recorder, a.dept, what, err)))
        return rc;
    /* the certificate is read (and checked not to be empty) before anything is written */
    char *file = NULL;
    const void *data = d->data;
    size_t len = d->len;
    if (!data) {
        if ((rc = ag_file_read(d->certificate, WL_EVIDENCE_MAX, &file, &len, err)))
            return rc;
        data = file;
    }
    if (len == 0) {
        free(file);
        return ag_error_set(err, AG_EDENIED,
                            "asset %s: the proof of erasure is an empty file (3.2.1.1(2))", a.code);
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err))) {
        free(file);
        return rc;
    }
    long long cert = 0, entry = 0;
    rc = isms_evidence_add_mem(st, data, len, d->certificate, recorder, &cert, sha, err);
    free(file);
    char work[700];
    snprintf(work, sizeof(work), "disposal: information erased (%s)%s%.200s%s%.200s", d->method,
             d->certificate_no && *d->certificate_no ? ", certificate " : "",
             d->certificate_no ? d->certificate_no : "", d->vendor && *d->vendor ? ", by " : "",
             d->vendor ? d->vendor : "");
    snprintf(when, sizeof(when), "%s 00:00", on);
    if (rc == AG_OK)
        rc = entry_insert(st, a.id, when, "disposal", work, d->note, by, 0, false, recorder, &entry,
                          err);
    ag_time_iso(ag_now(), now);
    if (rc == AG_OK)
        rc =
            store_run(st, "recording the disposal", err,
                      "INSERT INTO wl_disposals(asset_id, disposed_on, method, performed_by, "
                      "witness_id, vendor, contractor_id, certificate_id, certificate_no, note, "
                      "entry_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?)",
                      "issiisIissiIs", a.id, on, d->method, by, witness, d->vendor ? d->vendor : "",
                      contractor, cert, d->certificate_no ? d->certificate_no : "",
                      d->note ? d->note : "", entry, recorder, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    if (rc == AG_OK)
        rc = store_run(st, "marking the asset disposed", err,
                       "UPDATE assets SET status = 'disposed', disposed_on = ? WHERE id = ?", "si",
                       on, a.id);
    if (rc == AG_OK)
        rc = store_run(st, "ending the review plan", err,
                       "UPDATE wl_review_plans SET active = 0 WHERE asset_id = ?", "i", a.id);
    if (rc == AG_OK)
        rc = audit_step(st, "dispose", "assets", a.id, err);
    return isms_tx_end(st, own, rc, err);
}
