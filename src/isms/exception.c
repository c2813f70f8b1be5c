/*
 * exception.c — exception measures (例外措置) of guideline 3.1.2.3(2)② (see exception.h).
 *
 * Rules enforced here: only a CISO designates reviewers and sets the procedure; a request
 * carries every item the guideline lists and a period within the procedure's maximum; only a
 * designated reviewer whose designation covers the applicant's department decides, never the
 * applicant (3.1.4.1(2)), and always with a review record; time moves an exception from
 * approved to active to expired (exception_effective_status), stored by exception_expire with
 * an audit row per change.
 */
#include "isms/exception.h"

const char *const exception_statuses[] = {"requested", "approved", "rejected", "withdrawn",
                                          "active",    "expired",  "ended",    NULL};

const char *exception_effective_status(const char *status, const char *start, const char *end,
                                       const char *today)
{
    bool open =
        !strcmp(status, "requested") || !strcmp(status, "approved") || !strcmp(status, "active");
    if (open && strcmp(today, end) > 0)
        return "expired";
    if ((!strcmp(status, "approved") || !strcmp(status, "active")) && strcmp(today, start) >= 0)
        return "active";
    for (size_t i = 0; exception_statuses[i]; i++)
        if (!strcmp(status, exception_statuses[i]))
            return exception_statuses[i];
    return "requested";
}

static int step_done(struct store *st, sqlite3_stmt *s, const char *what, struct ag_error *err)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
    sqlite3_finalize(s);
    return rc;
}

static int audit_id(struct store *st, const char *action, long long id, const char *detail,
                    struct ag_error *err)
{
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", id);
    return store_audit(st, action, "exceptions", sid, detail, err);
}

int exception_set_procedure(struct store *st, long long actor, const char *procedure, int max_days,
                            struct ag_error *err)
{
    char now[21];
    int rc;
    if (procedure && (rc = isms_check_text("procedure", procedure, 8000, err)))
        return rc;
    if (max_days && (max_days < 1 || max_days > 3650))
        return ag_error_set(err, AG_EINVAL, "max-days: %d is not from 1 to 3650", max_days);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, "set the exception review procedure", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "setting the review procedure", err,
                   "UPDATE exception_settings SET procedure = coalesce(?1, procedure), max_days "
                   "= coalesce(nullif(?2, 0), max_days), updated_by = ?3, updated_at = ?4 WHERE "
                   "id = 1",
                   "siis", procedure, (long long)max_days, actor, now);
    return isms_tx_end(st, own, rc, err);
}

static int designation(struct store *st, long long actor, const char *login, const char *dept,
                       long long *person, long long *dept_id, const char *what,
                       struct ag_error *err)
{
    int rc;
    *dept_id = 0;
    if ((rc = isms_person_id(st, login, person, err)) ||
        (dept && *dept && (rc = isms_department_id(st, dept, dept_id, err))))
        return rc;
    /* 3.1.2.3(2)②: 最高情報セキュリティ責任者は…審査する者を定め */
    return isms_duty_has_role(st, actor, "ciso", 0, what, err);
}

int exception_designate(struct store *st, long long actor, const char *login, const char *dept,
                        struct ag_error *err)
{
    long long person, dept_id;
    sqlite3_stmt *s;
    char now[21];
    int rc;
    if ((rc = designation(st, actor, login, dept, &person, &dept_id,
                          "designate exception reviewers", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO exception_reviewers(person_id, department_id, "
                            "designated_by, designated_at) VALUES (?, nullif(?, 0), ?, ?)",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, person);
        sqlite3_bind_int64(s, 2, dept_id);
        sqlite3_bind_int64(s, 3, actor);
        sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_DONE)
            rc = AG_OK;
        else if (sqlite3_extended_errcode(store_db(st)) == SQLITE_CONSTRAINT_UNIQUE)
            rc = ag_error_set(err, AG_ECONFLICT, "%s is already a designated reviewer%s%s", login,
                              dept ? " for " : "", dept ? dept : "");
        else
            rc = store_error(st, "designating the reviewer", err);
        sqlite3_finalize(s);
    }
    if (rc == AG_OK)
        rc = store_audit(st, "designate", "exception_reviewers", login, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int exception_revoke(struct store *st, long long actor, const char *login, const char *dept,
                     struct ag_error *err)
{
    long long person, dept_id;
    char now[21];
    int rc;
    if ((rc = designation(st, actor, login, dept, &person, &dept_id, "revoke exception reviewers",
                          err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_run(st, "revoking the reviewer", err,
                        "UPDATE exception_reviewers SET revoked_by = ?3, revoked_at = ?4 WHERE "
                        "person_id = ?1 AND coalesce(department_id, 0) = ?2 AND revoked_at IS "
                        "NULL",
                        "iiis", person, dept_id, actor, now)) == AG_OK &&
        sqlite3_changes(store_db(st)) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "%s is not a designated reviewer%s%s", login,
                          dept ? " for " : "", dept ? dept : "");
    if (rc == AG_OK)
        rc = store_audit(st, "revoke", "exception_reviewers", login, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

bool exception_is_reviewer(struct store *st, long long person, long long dept)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    bool yes = false;
    if (store_prepare(st, &s,
                      "SELECT department_id FROM exception_reviewers WHERE person_id = ? AND "
                      "revoked_at IS NULL",
                      &ignore) != AG_OK)
        return false;
    sqlite3_bind_int64(s, 1, person);
    while (!yes && sqlite3_step(s) == SQLITE_ROW) {
        long long d = sqlite3_column_int64(s, 0);
        yes = d == 0 || (dept && isms_department_within(st, dept, d));
    }
    sqlite3_finalize(s);
    return yes;
}

int exception_request(struct store *st, const struct catalog *cat, long long applicant,
                      const struct exception_new *e, long long *id, struct ag_error *err)
{
    char start[11], end[11], today[11], now[21];
    const char *item = NULL;
    long long sys = 0, dept = 0;
    int max_days = 180, rc;
    sqlite3_stmt *s;
    if ((rc = isms_check_text("regulation", e->regulation, 500, err)) ||
        (rc = isms_check_text("clause", e->clause, 500, err)) ||
        (rc = isms_check_date("start", e->start, start, err)) ||
        (rc = isms_check_date("end", e->end, end, err)) ||
        (rc = isms_check_text("measures", e->measures, 8000, err)) ||
        (rc = isms_check_text("impact", e->security_impact, 8000, err)) ||
        (rc = isms_check_text("handling", e->handling, 8000, err)) ||
        (rc = isms_check_text("end-report", e->end_report_method, 2000, err)) ||
        (rc = isms_check_text("reason", e->reason, 8000, err)) ||
        (e->contact && (rc = isms_check_text("contact", e->contact, 200, err))) ||
        (e->item && *e->item && (rc = isms_check_item(cat, "item", e->item, &item, err))) ||
        (e->system && *e->system && (rc = isms_system_id(st, e->system, &sys, err))))
        return rc;
    if (strcmp(end, start) < 0)
        return ag_error_set(err, AG_EINVAL, "end: %s is before the start %s", end, start);
    ag_date_iso(ag_now(), today);
    if (strcmp(end, today) < 0)
        return ag_error_set(err, AG_EINVAL, "end: %s has passed (today is %s)", end, today);
    if ((rc = store_prepare(st, &s, "SELECT max_days FROM exception_settings WHERE id = 1", err)))
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        max_days = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    long span = ag_date_diff(start, end) + 1;
    if (span > max_days)
        return ag_error_set(err, AG_EINVAL,
                            "end: the period %s to %s is %ld days, longer than the %d days the "
                            "review procedure allows",
                            start, end, span, max_days);
    if (e->risk_id) {
        if ((rc = store_prepare(st, &s, "SELECT 1 FROM risks WHERE id = ?", err)))
            return rc;
        sqlite3_bind_int64(s, 1, e->risk_id);
        bool found = sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
        if (!found)
            return ag_error_set(err, AG_ENOTFOUND, "risk: %lld does not exist", e->risk_id);
    }
    /* 申請者の情報（氏名、所属、連絡先）: copied at the time of the request */
    char name[256] = "", dname[256] = "", contact[256] = "";
    if ((rc = store_prepare(st, &s,
                            "SELECT p.name, coalesce(d.name_ja, ''), coalesce(p.department_id, "
                            "0), trim(p.email || ' ' || p.phone) FROM people p LEFT JOIN "
                            "departments d ON d.id = p.department_id WHERE p.id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, applicant);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(name, sizeof(name), "%s", store_col_text(s, 0));
        snprintf(dname, sizeof(dname), "%s", store_col_text(s, 1));
        dept = sqlite3_column_int64(s, 2);
        snprintf(contact, sizeof(contact), "%s", e->contact ? e->contact : store_col_text(s, 3));
    }
    sqlite3_finalize(s);
    if (!*name)
        return ag_error_set(err, AG_ENOTFOUND, "applicant: person %lld does not exist", applicant);
    if (!*contact)
        return ag_error_set(err, AG_EINVAL,
                            "contact: missing (the applicant has no e-mail or phone on record; "
                            "give --contact)");
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO exceptions(applicant_id, applicant_name, applicant_dept, "
                            "applicant_contact, department_id, regulation, clause, item_id, "
                            "system_id, start_date, end_date, measures, security_impact, "
                            "impact_handling, end_report_method, reason, risk_id, requested_at) "
                            "VALUES (?, ?, ?, ?, nullif(?, 0), ?, ?, ?, nullif(?, 0), ?, ?, ?, ?, "
                            "?, ?, ?, nullif(?, 0), ?)",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, applicant);
        sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, dname, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, contact, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 5, dept);
        sqlite3_bind_text(s, 6, e->regulation, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, e->clause, -1, SQLITE_STATIC);
        store_bind_text(s, 8, item);
        sqlite3_bind_int64(s, 9, sys);
        sqlite3_bind_text(s, 10, start, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 11, end, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 12, e->measures, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 13, e->security_impact, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 14, e->handling, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 15, e->end_report_method, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 16, e->reason, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 17, e->risk_id);
        sqlite3_bind_text(s, 18, now, -1, SQLITE_STATIC);
        if ((rc = step_done(st, s, "recording the exception request", err)) == AG_OK)
            *id = store_last_id(st);
    }
    return isms_tx_end(st, own, rc, err);
}

struct exc_row {
    long long applicant, dept;
    char status[16], start[11], end[11];
};

/* Loads the exception with its effective status for today. */
static int load_exc(struct store *st, long long id, struct exc_row *x, struct ag_error *err)
{
    sqlite3_stmt *s;
    char today[11];
    int rc = store_prepare(st, &s,
                           "SELECT applicant_id, coalesce(department_id, 0), status, start_date, "
                           "end_date FROM exceptions WHERE id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        x->applicant = sqlite3_column_int64(s, 0);
        x->dept = sqlite3_column_int64(s, 1);
        snprintf(x->start, sizeof(x->start), "%s", store_col_text(s, 3));
        snprintf(x->end, sizeof(x->end), "%s", store_col_text(s, 4));
        ag_date_iso(ag_now(), today);
        snprintf(x->status, sizeof(x->status), "%s",
                 exception_effective_status(store_col_text(s, 2), x->start, x->end, today));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "exception %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

static int bad_state(long long id, const char *status, const char *step, struct ag_error *err)
{
    return ag_error_set(err, AG_EDENIED, "exception %lld is %s: it cannot be %s now", id, status,
                        step);
}

int exception_decide(struct store *st, long long id, long long actor, bool approve,
                     const char *record, const char *conditions, struct ag_error *err)
{
    struct exc_row x;
    char what[64], now[21];
    int rc;
    if ((rc = load_exc(st, id, &x, err)) ||
        (rc = isms_check_text("record (the review record)", record, 8000, err)) ||
        (conditions && *conditions && (rc = isms_check_text("conditions", conditions, 4000, err))))
        return rc;
    if (strcmp(x.status, "requested") != 0)
        return bad_state(id, x.status, "decided", err);
    snprintf(what, sizeof(what), "decide the exception request %lld", id);
    /* 3.1.4.1(2): never the applicant; 3.1.2.3(2)②: only a reviewer the CISO designated */
    if ((rc = isms_duty_not_self(st, actor, x.applicant, what, err)))
        return rc;
    if (!exception_is_reviewer(st, actor, x.dept)) {
        char login[65];
        struct ag_error ignore;
        isms_person_label(st, actor, login, sizeof(login));
        ag_error_set(err, AG_EDENIED,
                     "3.1.2.3(2)②: %s may not %s: they are not a reviewer the CISO designated "
                     "for the applicant's department (airguard exception designate)",
                     login, what);
        if (store_audit(st, "refused", "exceptions", login, "{\"what\": \"decide\"}", &ignore)) {
            /* the refusal stands even if it cannot be recorded */
        }
        return AG_EDENIED;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_run(st, "recording the decision", err,
                        "UPDATE exceptions SET status = ?2, decided_by = ?3, decided_at = ?4, "
                        "decision_record = ?5, conditions = ?6 WHERE id = ?1 AND status = "
                        "'requested'",
                        "isisss", id, approve ? "approved" : "rejected", actor, now, record,
                        conditions ? conditions : "")) == AG_OK)
        rc = audit_id(st, approve ? "approve" : "reject", id, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int exception_withdraw(struct store *st, long long id, long long actor, struct ag_error *err)
{
    struct exc_row x;
    int rc;
    if ((rc = load_exc(st, id, &x, err)))
        return rc;
    if (strcmp(x.status, "requested") != 0)
        return bad_state(id, x.status, "withdrawn", err);
    if (actor != x.applicant)
        return ag_error_set(err, AG_EDENIED,
                            "exception %lld: only the applicant withdraws the request", id);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "withdrawing the request", err,
                   "UPDATE exceptions SET status = 'withdrawn' WHERE id = ?", "i", id);
    return isms_tx_end(st, own, rc, err);
}

int exception_end(struct store *st, long long id, long long actor, const char *report,
                  struct ag_error *err)
{
    struct exc_row x;
    char now[21];
    int rc;
    if ((rc = load_exc(st, id, &x, err)) ||
        (rc = isms_check_text("report (the end report)", report, 8000, err)))
        return rc;
    if (strcmp(x.status, "approved") != 0 && strcmp(x.status, "active") != 0 &&
        strcmp(x.status, "expired") != 0)
        return bad_state(id, x.status, "ended", err);
    if (actor != x.applicant)
        return ag_error_set(err, AG_EDENIED,
                            "exception %lld: the end is reported by the applicant (the method "
                            "agreed in the request)",
                            id);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_run(st, "recording the end report", err,
                        "UPDATE exceptions SET status = 'ended', ended_by = ?2, ended_at = ?3, "
                        "end_report = ?4, expired_at = CASE WHEN ?5 THEN coalesce(expired_at, ?3) "
                        "ELSE expired_at END WHERE id = ?1",
                        "iissi", id, actor, now, report,
                        (long long)(strcmp(x.status, "expired") == 0))) == AG_OK)
        rc = audit_id(st, "end", id, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int exception_expire(struct store *st, int *changed, struct ag_error *err)
{
    sqlite3_stmt *s = NULL;
    char today[11], now[21];
    struct change {
        long long id;
        const char *from, *to; /* static strings of exception_statuses */
    } *list = NULL;
    size_t n = 0, cap = 0;
    int rc;
    *changed = 0;
    ag_date_iso(ag_now(), today);
    ag_time_iso(ag_now(), now);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    /* first collect, then update: the scan never sees its own changes */
    if ((rc = store_prepare(st, &s,
                            "SELECT id, status, start_date, end_date FROM exceptions WHERE status "
                            "IN ('requested', 'approved', 'active') ORDER BY id",
                            err)))
        goto out;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *from = exception_effective_status(store_col_text(s, 1), "9999-12-31",
                                                      "9999-12-31", "0000-01-01");
        const char *to = exception_effective_status(store_col_text(s, 1), store_col_text(s, 2),
                                                    store_col_text(s, 3), today);
        if (!strcmp(from, to))
            continue;
        struct change *p = ag_grow(list, &cap, n, sizeof(*list));
        if (!p) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            goto out;
        }
        list = p;
        list[n++] = (struct change){sqlite3_column_int64(s, 0), from, to};
    }
    sqlite3_finalize(s);
    if ((rc = store_prepare(st, &s,
                            "UPDATE exceptions SET status = ?2, expired_at = CASE WHEN ?2 = "
                            "'expired' THEN ?3 ELSE expired_at END WHERE id = ?1",
                            err)))
        goto out;
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        char detail[96];
        snprintf(detail, sizeof(detail), "{\"from\": \"%s\", \"to\": \"%s\"}", list[i].from,
                 list[i].to);
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, list[i].id);
        sqlite3_bind_text(s, 2, list[i].to, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_error(st, "storing the expiry", err);
        else if ((rc = audit_id(st, !strcmp(list[i].to, "expired") ? "expire" : "activate",
                                list[i].id, detail, err)) == AG_OK)
            (*changed)++;
    }
out:
    sqlite3_finalize(s);
    free(list);
    return isms_tx_end(st, own, rc, err);
}
