/*
 * auditing.c — information security audits of 3.3.1.1(2): annual plan, per-audit plan and its
 * auditors, findings against catalog items, the audit report, the CISO's instruction, the
 * audited department's improvement plans (corrective actions, origin 'audit') and their
 * verification by the auditor. (audit.c in src/store is the audit *trail*; this is the ISMS
 * audit.)
 *
 * Invariants: every change is one transaction; duty checks (role auditor, not a member of the
 * audited department, 3.1.4.1(2)) run before it begins so each refusal is itself recorded in
 * the audit trail; an auditor's independence is checked again at every act, because people
 * move between departments after they were assigned.
 */
#include "isms/auditing.h"

#include <jansson.h>

const char *const isms_audit_classifications[] = {"conforming", "major", "minor", "observation",
                                                  NULL};
const char *const isms_audit_aspects[] = {"rules", "operation", NULL};

static long long count_of(struct store *st, const char *sql, long long a, long long b)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long n = 0;
    if (store_prepare(st, &s, sql, &ignore) != AG_OK)
        return 0;
    if (sqlite3_bind_parameter_count(s) >= 1)
        sqlite3_bind_int64(s, 1, a);
    if (sqlite3_bind_parameter_count(s) >= 2)
        sqlite3_bind_int64(s, 2, b);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int opt_text(const char *field, const char *v, size_t max, struct ag_error *err)
{
    return v && *v ? isms_check_text(field, v, max, err) : AG_OK;
}

/* The one independence rule of 3.1.4.1(2) for audits: role auditor, not of the department. */
static int independent(struct store *st, long long person, long long dept, const char *what,
                       struct ag_error *err)
{
    int rc = isms_duty_has_role(st, person, "auditor", 0, what, err);
    return rc ? rc : isms_duty_not_member(st, person, dept, what, err);
}

struct audit_row {
    long long dept, programme;
    char status[16];
    char start[11], end[11];
};

static int load_audit(struct store *st, long long id, struct audit_row *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT department_id, programme_id, status, start_date, end_date "
                           "FROM audits WHERE id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        a->dept = sqlite3_column_int64(s, 0);
        a->programme = sqlite3_column_int64(s, 1);
        snprintf(a->status, sizeof(a->status), "%s", store_col_text(s, 2));
        snprintf(a->start, sizeof(a->start), "%s", store_col_text(s, 3));
        snprintf(a->end, sizeof(a->end), "%s", store_col_text(s, 4));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "audit %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

static int bad_state(long long id, const char *status, const char *step, struct ag_error *err)
{
    return ag_error_set(err, AG_EDENIED, "audit %lld is %s: the step \"%s\" is not possible now",
                        id, status, step);
}

/* The actor is one of the audit's assigned auditors and still independent of the department. */
static int assigned_auditor(struct store *st, long long audit, const struct audit_row *a,
                            long long actor, const char *what, struct ag_error *err)
{
    int rc = independent(st, actor, a->dept, what, err);
    if (rc)
        return rc;
    if (count_of(st, "SELECT count(*) FROM audit_auditors WHERE audit_id = ? AND person_id = ?",
                 audit, actor) == 0) {
        char login[65];
        isms_person_label(st, actor, login, sizeof(login));
        return ag_error_set(err, AG_EDENIED, "%s may not %s: not an auditor assigned to audit %lld",
                            login, what, audit);
    }
    return AG_OK;
}

/* ---- annual plan ---- */

int isms_audit_programme_add(struct store *st, const struct isms_audit_programme_new *p,
                             long long actor, long long *id, struct ag_error *err)
{
    long long year, budget = 0;
    char from[11], to[11], now[21];
    int rc;
    if ((rc = isms_check_int("year", p->fiscal_year, 2000, 2100, &year, err)) ||
        (rc = isms_check_text("focus", p->focus, 4000, err)) ||
        (rc = isms_check_text("objectives", p->objectives, 4000, err)) ||
        (rc = isms_check_date("from", p->period_start, from, err)) ||
        (rc = isms_check_date("to", p->period_end, to, err)) ||
        (rc = isms_check_text("management", p->management, 4000, err)) ||
        (rc = opt_text("outsourcing", p->outsourcing, 4000, err)))
        return rc;
    if (p->budget_yen &&
        (rc = isms_check_int("budget", p->budget_yen, 0, 100000000000LL, &budget, err)))
        return rc;
    if (strcmp(to, from) < 0)
        return ag_error_set(err, AG_EINVAL, "to: %s is before the start %s", to, from);
    if ((rc = isms_duty_has_role(st, actor, "auditor", 0, "make the annual audit plan", err)))
        return rc;
    if (count_of(st, "SELECT count(*) FROM audit_programmes WHERE fiscal_year = ?", year, 0))
        return ag_error_set(err, AG_ECONFLICT, "the annual audit plan of %lld exists already",
                            year);
    ag_time_iso(ag_now(), now);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc =
        store_run(st, "adding the annual audit plan", err,
                  "INSERT INTO audit_programmes(fiscal_year, focus, objectives, period_start, "
                  "period_end, management, outsourcing, budget_yen, created_by, created_at) VALUES "
                  "(?, ?, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?)",
                  "isssssslis", year, p->focus, p->objectives, from, to, p->management,
                  p->outsourcing, budget, actor, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return isms_tx_end(st, own, rc, err);
}

/* ---- per-audit plan ---- */

static int insert_auditor(struct store *st, long long audit, long long person,
                          const char *assignment, bool lead, struct ag_error *err)
{
    return store_run(
        st, "assigning the auditor", err,
        "INSERT INTO audit_auditors(audit_id, person_id, assignment, lead) VALUES (?, ?, "
        "coalesce(?, ''), ?)",
        "iisi", audit, person, assignment, (long long)lead);
}

int isms_audit_add(struct store *st, const struct isms_audit_new *a, long long actor, long long *id,
                   struct ag_error *err)
{
    long long year, dept, prog = 0, people[16];
    char from[11], to[11], now[21], what[128];
    char assign[16][256];
    size_t n = 0;
    int rc;
    if ((rc = isms_check_int("year", a->fiscal_year, 2000, 2100, &year, err)) ||
        (rc = isms_check_text("title", a->title, 500, err)) ||
        (rc = isms_department_id(st, a->department, &dept, err)) ||
        (rc = isms_check_date("from", a->start, from, err)) ||
        (rc = isms_check_date("to", a->end, to, err)) ||
        (rc = isms_check_text("location", a->location, 500, err)) ||
        (rc = opt_text("policy", a->policy, 4000, err)) ||
        (rc = isms_check_text("points", a->audit_points, 8000, err)) ||
        (rc = opt_text("procedures", a->procedures, 8000, err)) ||
        (rc = opt_text("sampling", a->sampling, 4000, err)) ||
        (rc = isms_check_text("progress", a->progress_control, 4000, err)))
        return rc;
    if (strcmp(to, from) < 0)
        return ag_error_set(err, AG_EINVAL, "to: %s is before the start %s", to, from);
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT id, period_start, period_end FROM audit_programmes WHERE "
                            "fiscal_year = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, year);
    char pstart[11] = "", pend[11] = "";
    if (sqlite3_step(s) == SQLITE_ROW) {
        prog = sqlite3_column_int64(s, 0);
        snprintf(pstart, sizeof(pstart), "%s", store_col_text(s, 1));
        snprintf(pend, sizeof(pend), "%s", store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    if (!prog)
        return ag_error_set(err, AG_ENOTFOUND,
                            "year: there is no annual audit plan for %lld (first: airguard audit "
                            "annual add --year %lld …)",
                            year, year);
    if (strcmp(from, pstart) < 0 || strcmp(to, pend) > 0)
        return ag_error_set(err, AG_EINVAL,
                            "from/to: %s – %s is outside the annual plan's period %s – %s", from,
                            to, pstart, pend);
    if (!a->auditors || !a->auditors[0])
        return ag_error_set(err, AG_EINVAL,
                            "auditors: missing (login[:assignment],… the first leads)");
    snprintf(what, sizeof(what), "audit the department %s", a->department);
    if ((rc = isms_duty_has_role(st, actor, "auditor", 0, "plan an audit", err)))
        return rc;
    for (size_t i = 0; a->auditors[i]; i++) {
        if (n == AG_ARRAY_LEN(people))
            return ag_error_set(err, AG_EINVAL, "auditors: more than %zu", AG_ARRAY_LEN(people));
        char login[128];
        const char *colon = strchr(a->auditors[i], ':');
        size_t len = colon ? (size_t)(colon - a->auditors[i]) : strlen(a->auditors[i]);
        snprintf(login, sizeof(login), "%.*s", (int)(len < 127 ? len : 127), a->auditors[i]);
        snprintf(assign[n], sizeof(assign[n]), "%s", colon ? colon + 1 : "");
        if ((rc = isms_person_id(st, login, &people[n], err)) ||
            (*assign[n] && (rc = isms_check_text("assignment", assign[n], 250, err))))
            return rc;
        for (size_t j = 0; j < n; j++)
            if (people[j] == people[n])
                return ag_error_set(err, AG_EINVAL, "auditors: %s is named twice", login);
        if ((rc = independent(st, people[n], dept, what, err)))
            return rc;
        n++;
    }
    ag_time_iso(ag_now(), now);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(
        st, "adding the audit plan", err,
        "INSERT INTO audits(programme_id, title, department_id, start_date, end_date, "
        "location, adequacy, policy, audit_points, procedures, sampling, progress_control, "
        "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, ''), ?, "
        "coalesce(?, ''), coalesce(?, ''), ?, ?, ?)",
        "isisssisssssis", prog, a->title, dept, from, to, a->location, (long long)a->adequacy,
        a->policy, a->audit_points, a->procedures, a->sampling, a->progress_control, actor, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = insert_auditor(st, *id, people[i], assign[i], i == 0, err);
    return isms_tx_end(st, own, rc, err);
}

int isms_audit_auditor_add(struct store *st, long long audit, const char *login,
                           const char *assignment, long long actor, struct ag_error *err)
{
    struct audit_row a;
    long long person;
    char what[64];
    int rc;
    if ((rc = load_audit(st, audit, &a, err)) || (rc = isms_person_id(st, login, &person, err)) ||
        (rc = opt_text("assignment", assignment, 250, err)))
        return rc;
    if (strcmp(a.status, "planned") != 0)
        return bad_state(audit, a.status, "auditor", err);
    snprintf(what, sizeof(what), "audit in audit %lld", audit);
    if ((rc = isms_duty_has_role(st, actor, "auditor", 0, "assign auditors", err)) ||
        (rc = independent(st, person, a.dept, what, err)))
        return rc;
    if (count_of(st, "SELECT count(*) FROM audit_auditors WHERE audit_id = ? AND person_id = ?",
                 audit, person))
        return ag_error_set(err, AG_ECONFLICT, "%s is assigned to audit %lld already", login,
                            audit);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = insert_auditor(st, audit, person, assignment, false, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- findings and the report ---- */

int isms_audit_finding_add(struct store *st, const struct catalog *cat, long long audit,
                           long long actor, const struct isms_audit_finding_new *f, long long *id,
                           struct ag_error *err)
{
    struct audit_row a;
    const char *item;
    char what[64], now[21], sha[65];
    int rc;
    if ((rc = load_audit(st, audit, &a, err)) ||
        (rc = isms_check_item(cat, "item", f->item, &item, err)) ||
        (rc = isms_check_enum("class", f->classification, isms_audit_classifications, err)) ||
        (rc = isms_check_enum("aspect", f->aspect, isms_audit_aspects, err)) ||
        (rc = isms_check_text("statement", f->statement, 8000, err)) ||
        (rc = opt_text("evidence-text", f->evidence_text, 8000, err)))
        return rc;
    if (strcmp(a.status, "planned") != 0)
        return bad_state(audit, a.status, "finding", err);
    snprintf(what, sizeof(what), "record a finding in audit %lld", audit);
    if ((rc = assigned_auditor(st, audit, &a, actor, what, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    long long evidence = 0;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if (f->evidence_path && *f->evidence_path)
        rc = isms_evidence_add(st, f->evidence_path, actor, &evidence, sha, err);
    if (rc == AG_OK)
        rc = store_run(
            st, "adding the finding", err,
            "INSERT INTO audit_findings(audit_id, item_id, classification, aspect, "
            "statement, evidence_text, evidence_id, auditor_id, recorded_at) VALUES (?, ?, "
            "?, ?, ?, coalesce(?, ''), ?, ?, ?)",
            "isssssIis", audit, item, f->classification, f->aspect, f->statement, f->evidence_text,
            evidence, actor, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return isms_tx_end(st, own, rc, err);
}

int isms_audit_report(struct store *st, long long audit, long long actor, const char *summary,
                      struct ag_error *err)
{
    struct audit_row a;
    char what[64], now[21], idbuf[24];
    int rc;
    if ((rc = load_audit(st, audit, &a, err)) ||
        (rc = isms_check_text("summary", summary, 20000, err)))
        return rc;
    if (strcmp(a.status, "planned") != 0)
        return bad_state(audit, a.status, "report", err);
    snprintf(what, sizeof(what), "report audit %lld", audit);
    if ((rc = assigned_auditor(st, audit, &a, actor, what, err)))
        return rc;
    if (count_of(st, "SELECT count(*) FROM audit_findings WHERE audit_id = ?", audit, 0) == 0)
        return ag_error_set(err, AG_EDENIED,
                            "audit %lld has no findings: record at least one (conforming "
                            "included) before the report",
                            audit);
    ag_time_iso(ag_now(), now);
    snprintf(idbuf, sizeof(idbuf), "%lld", audit);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "issuing the audit report", err,
                   "UPDATE audits SET status = 'reported', report_summary = ?, reported_by = ?, "
                   "reported_at = ? WHERE id = ?",
                   "sisi", summary, actor, now, audit);
    if (rc == AG_OK)
        rc = store_audit(st, "report", "audits", idbuf, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int isms_audit_instruct(struct store *st, long long audit, long long actor, const char *due,
                        struct ag_error *err)
{
    struct audit_row a;
    char what[64], now[21], day[11], idbuf[24];
    int rc;
    if ((rc = load_audit(st, audit, &a, err)) || (rc = isms_check_date("due", due, day, err)))
        return rc;
    if (strcmp(a.status, "reported") != 0)
        return bad_state(audit, a.status, "instruct", err);
    snprintf(what, sizeof(what), "instruct improvement plans for audit %lld", audit);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if (strcmp(day, now) < 0 && strncmp(day, now, 10) != 0)
        return ag_error_set(err, AG_EINVAL, "due: %s is in the past", day);
    snprintf(idbuf, sizeof(idbuf), "%lld", audit);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "recording the instruction", err,
                   "UPDATE audits SET status = 'instructed', instructed_by = ?, instructed_at = ?, "
                   "improvement_due = ? WHERE id = ?",
                   "issi", actor, now, day, audit);
    if (rc == AG_OK)
        rc = store_audit(st, "instruct", "audits", idbuf, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

/* The finding's audit id, classification and item. */
static int load_finding(struct store *st, long long finding, long long *audit, char cls[16],
                        char item[64], struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s, "SELECT audit_id, classification, item_id FROM audit_findings WHERE id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, finding);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *audit = sqlite3_column_int64(s, 0);
        snprintf(cls, 16, "%s", store_col_text(s, 1));
        snprintf(item, 64, "%s", store_col_text(s, 2));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "finding %lld does not exist", finding);
    }
    sqlite3_finalize(s);
    return rc;
}

int isms_audit_improve(struct store *st, const struct catalog *cat, long long finding,
                       long long actor, const char *title, const char *description,
                       const char *owner, const char *due, long long *action_id,
                       struct ag_error *err)
{
    struct audit_row a;
    long long audit = 0, owner_id = 0, owner_dept = 0;
    char cls[16], item[64], what[80], dept_code[65] = "";
    int rc;
    if ((rc = load_finding(st, finding, &audit, cls, item, err)) ||
        (rc = load_audit(st, audit, &a, err)))
        return rc;
    if (strcmp(cls, "conforming") == 0)
        return ag_error_set(err, AG_EINVAL,
                            "finding %lld is conforming: there is nothing to improve", finding);
    if (strcmp(a.status, "instructed") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "audit %lld is %s: improvement plans follow the CISO's instruction "
                            "(3.3.1.1(2))",
                            audit, a.status);
    if ((rc = isms_person_id(st, owner, &owner_id, err)) ||
        (rc = isms_person_get(st, owner_id, NULL, 0, &owner_dept, err)))
        return rc;
    if (!isms_department_within(st, owner_dept, a.dept))
        return ag_error_set(err, AG_EINVAL,
                            "owner: %s does not belong to the audited department; the audited "
                            "department carries out its improvements",
                            owner);
    snprintf(what, sizeof(what), "make the improvement plan for finding %lld", finding);
    if ((rc = isms_duty_has_role(st, actor, "manager", a.dept, what, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, "SELECT code FROM departments WHERE id = ?", err)))
        return rc;
    sqlite3_bind_int64(s, 1, a.dept);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(dept_code, sizeof(dept_code), "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    const char *items[] = {item, NULL};
    struct isms_action_new act = {"audit", finding,   title, description,
                                  owner,   dept_code, due,   items};
    return isms_action_add(st, cat, &act, action_id, err);
}

int isms_audit_confirm(struct store *st, long long finding, long long actor, bool reopen,
                       const char *text, struct ag_error *err)
{
    struct audit_row a;
    long long audit = 0, ids[64];
    size_t n = 0;
    char cls[16], item[64], what[80];
    int rc;
    if ((rc = load_finding(st, finding, &audit, cls, item, err)) ||
        (rc = load_audit(st, audit, &a, err)))
        return rc;
    snprintf(what, sizeof(what), "verify the improvement of finding %lld", finding);
    if ((rc = assigned_auditor(st, audit, &a, actor, what, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT id FROM actions WHERE origin = 'audit' AND origin_id = ? AND "
                            "status = 'done' ORDER BY id",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, finding);
    while (n < AG_ARRAY_LEN(ids) && sqlite3_step(s) == SQLITE_ROW)
        ids[n++] = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (n == 0)
        return ag_error_set(err, AG_EDENIED, "finding %lld has no completed improvement to verify",
                            finding);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = isms_action_step(st, ids[i], reopen ? "reopen" : "verify", actor, text, err);
    return isms_tx_end(st, own, rc, err);
}

int isms_audit_close_check(struct store *st, long long audit, struct strbuf *why,
                           struct ag_error *err)
{
    struct audit_row a;
    int rc;
    if ((rc = load_audit(st, audit, &a, err)))
        return rc;
    if (strcmp(a.status, "planned") == 0)
        strbuf_adds(why, "the audit report has not been issued\n");
    long long open_nc = count_of(st,
                                 "SELECT count(*) FROM audit_findings f WHERE f.audit_id = ? AND "
                                 "f.classification IN ('major', 'minor')",
                                 audit, 0);
    if (open_nc && strcmp(a.status, "reported") == 0)
        strbuf_adds(why, "nonconformities found but the CISO has not instructed improvement "
                         "plans\n");
    sqlite3_stmt *s;
    if ((rc = store_prepare(
             st, &s,
             "SELECT f.id, f.classification, (SELECT count(*) FROM actions a WHERE a.origin = "
             "'audit' AND a.origin_id = f.id AND a.status <> 'cancelled'), (SELECT count(*) FROM "
             "actions a WHERE a.origin = 'audit' AND a.origin_id = f.id AND a.status NOT IN "
             "('cancelled', 'verified')) FROM audit_findings f WHERE f.audit_id = ? AND "
             "f.classification <> 'conforming' ORDER BY f.id",
             err)))
        return rc;
    sqlite3_bind_int64(s, 1, audit);
    while (sqlite3_step(s) == SQLITE_ROW) {
        long long f = sqlite3_column_int64(s, 0);
        bool nc = strcmp(store_col_text(s, 1), "observation") != 0;
        if (nc && sqlite3_column_int64(s, 2) == 0)
            strbuf_addf(why, "finding %lld (%s) has no improvement plan\n", f,
                        store_col_text(s, 1));
        else if (sqlite3_column_int64(s, 3) > 0)
            strbuf_addf(why, "finding %lld: improvement not yet verified by the auditor\n", f);
    }
    sqlite3_finalize(s);
    return strbuf_ok(why) ? AG_OK : ag_error_set(err, AG_ENOMEM, "out of memory");
}

int isms_audit_close(struct store *st, long long audit, long long actor, struct ag_error *err)
{
    struct audit_row a;
    char what[64], now[21], idbuf[24];
    int rc;
    if ((rc = load_audit(st, audit, &a, err)))
        return rc;
    if (strcmp(a.status, "closed") == 0)
        return bad_state(audit, a.status, "close", err);
    snprintf(what, sizeof(what), "close audit %lld", audit);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)))
        return rc;
    struct strbuf why, list;
    strbuf_init(&why, 8192);
    strbuf_init(&list, 8192);
    if ((rc = isms_audit_close_check(st, audit, &why, err)) == AG_OK && why.len) {
        isms_join_lines(&list, strbuf_str(&why), "; ");
        rc = ag_error_set(err, AG_EDENIED, "audit %lld cannot be closed yet: %s", audit,
                          strbuf_str(&list));
    }
    strbuf_release(&why);
    strbuf_release(&list);
    if (rc)
        return rc;
    ag_time_iso(ag_now(), now);
    snprintf(idbuf, sizeof(idbuf), "%lld", audit);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "closing the audit", err,
                   "UPDATE audits SET status = 'closed', closed_by = ?, closed_at = ? WHERE id = ?",
                   "isi", actor, now, audit);
    if (rc == AG_OK)
        rc = store_audit(st, "close", "audits", idbuf, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- the report document ---- */

static const char *tr_value(enum ag_lang lang, const char *prefix, const char *value)
{
    char key[96];
    snprintf(key, sizeof(key), "%s:%s", prefix, value);
    const char *t = ag_tr(lang, key);
    return t == key ? value : t;
}

int isms_audit_render(struct store *st, long long audit, enum ag_lang lang, bool json,
                      struct strbuf *out, struct ag_error *err)
{
    sqlite3_stmt *s = NULL;
    json_t *root = json_object(), *arr;
    bool en = lang == AG_LANG_EN;
    int rc = store_prepare(
        st, &s,
        "SELECT a.id, a.title, p.fiscal_year, p.focus, p.objectives, d.code, d.name_ja, "
        "d.name_en, a.start_date, a.end_date, a.location, a.adequacy, a.policy, a.audit_points, "
        "a.procedures, a.sampling, a.progress_control, a.status, a.report_summary, "
        "coalesce(r.login, ''), coalesce(a.reported_at, ''), coalesce(a.improvement_due, '') "
        "FROM audits a JOIN audit_programmes p ON p.id = a.programme_id JOIN departments d ON "
        "d.id = a.department_id LEFT JOIN people r ON r.id = a.reported_by WHERE a.id = ?",
        err);
    if (rc)
        goto out;
    sqlite3_bind_int64(s, 1, audit);
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = ag_error_set(err, AG_ENOTFOUND, "audit %lld does not exist", audit);
        goto out;
    }
    static const char *const keys[] = {"id",
                                       "title",
                                       "fiscal_year",
                                       "focus",
                                       "objectives",
                                       "department",
                                       NULL,
                                       NULL,
                                       "start",
                                       "end",
                                       "location",
                                       "adequacy",
                                       "policy",
                                       "audit_points",
                                       "procedures",
                                       "sampling",
                                       "progress_control",
                                       "status",
                                       "summary",
                                       "reported_by",
                                       "reported_at",
                                       "improvement_due"};
    static const char *const labels[] = {"Audit",
                                         NULL,
                                         "Annual audit plan",
                                         "Focus",
                                         "Objectives",
                                         "Audited department",
                                         NULL,
                                         NULL,
                                         "Period",
                                         NULL,
                                         "Place",
                                         "Kind of audit",
                                         "Policy",
                                         "Audit points",
                                         "Procedures",
                                         "Sampling",
                                         "Progress control",
                                         "Audit status",
                                         "Summary",
                                         "Reported by",
                                         "Reported at",
                                         "Improvement plans due"};
    const char *dname = en && *store_col_text(s, 7) ? store_col_text(s, 7) : store_col_text(s, 6);
    const char *kind = ag_tr(lang, sqlite3_column_int(s, 11) ? "compliance and adequacy audit"
                                                             : "compliance audit");
    if (json) {
        for (int i = 0; i < 22; i++) {
            if (!keys[i])
                continue;
            if (i == 0 || i == 2)
                json_object_set_new(root, keys[i], json_integer(sqlite3_column_int64(s, i)));
            else if (i == 11)
                json_object_set_new(root, keys[i], json_boolean(sqlite3_column_int(s, i)));
            else
                json_object_set_new(root, keys[i], json_string(store_col_text(s, i)));
        }
    } else {
        strbuf_addf(out, "%s\n\n", ag_tr(lang, "Information security audit report (3.3.1.1(2))"));
        for (int i = 0; i < 22; i++) {
            const char *v = store_col_text(s, i);
            if (!labels[i] || !*v)
                continue;
            strbuf_addf(out, "%s: ", ag_tr(lang, labels[i]));
            if (i == 0)
                strbuf_addf(out, "%s %s", v, store_col_text(s, 1));
            else if (i == 2)
                strbuf_addf(out, ag_tr(lang, "FY%s"), v);
            else if (i == 5)
                strbuf_addf(out, "%s %s", v, dname);
            else if (i == 8)
                strbuf_addf(out, "%s – %s", v, store_col_text(s, 9));
            else if (i == 11)
                strbuf_adds(out, kind);
            else if (i == 17)
                strbuf_adds(out, tr_value(lang, "audit status", v));
            else
                strbuf_adds(out, v);
            strbuf_addc(out, '\n');
        }
    }
    sqlite3_finalize(s);
    s = NULL;
    /* auditors */
    if ((rc = store_prepare(st, &s,
                            "SELECT p.login, p.name, p.name_en, x.assignment, x.lead FROM "
                            "audit_auditors x JOIN people p ON p.id = x.person_id WHERE "
                            "x.audit_id = ? ORDER BY x.lead DESC, x.id",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, audit);
    arr = json_array();
    if (!json)
        strbuf_addf(out, "%s:\n", ag_tr(lang, "Auditors"));
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *name =
            en && *store_col_text(s, 2) ? store_col_text(s, 2) : store_col_text(s, 1);
        bool lead = sqlite3_column_int(s, 4);
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "login", json_string(store_col_text(s, 0)));
            json_object_set_new(o, "name", json_string(name));
            json_object_set_new(o, "assignment", json_string(store_col_text(s, 3)));
            json_object_set_new(o, "lead", json_boolean(lead));
            json_array_append_new(arr, o);
        } else {
            strbuf_addf(out, "  %s (%s)%s%s%s\n", name, store_col_text(s, 0),
                        *store_col_text(s, 3) ? ": " : "", store_col_text(s, 3),
                        lead ? ag_tr(lang, " [lead]") : "");
        }
    }
    json_object_set_new(root, "auditors", arr);
    sqlite3_finalize(s);
    s = NULL;
    /* findings with their improvement plans */
    if ((rc = store_prepare(
             st, &s,
             "SELECT f.id, f.item_id, f.classification, f.aspect, f.statement, f.evidence_text, "
             "coalesce(e.sha256, ''), p.login, (SELECT group_concat(a.id || ' ' || a.title || "
             "' (' || o.login || ', ' || a.due_date || ', ' || a.status || ')', char(10)) FROM "
             "actions a JOIN people o ON o.id = a.owner_id WHERE a.origin = 'audit' AND "
             "a.origin_id = f.id) FROM audit_findings f JOIN people p ON p.id = f.auditor_id "
             "LEFT JOIN evidence e ON e.id = f.evidence_id WHERE f.audit_id = ? ORDER BY "
             "CASE f.classification WHEN 'major' THEN 0 WHEN 'minor' THEN 1 WHEN 'observation' "
             "THEN 2 ELSE 3 END, f.id",
             err)))
        goto out;
    sqlite3_bind_int64(s, 1, audit);
    arr = json_array();
    long long counts[4] = {0, 0, 0, 0};
    if (!json)
        strbuf_addf(out, "%s:\n", ag_tr(lang, "Findings"));
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *cls = store_col_text(s, 2);
        for (int i = 0; i < 4; i++)
            if (strcmp(cls, isms_audit_classifications[i]) == 0)
                counts[i]++;
        if (json) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer(sqlite3_column_int64(s, 0)));
            json_object_set_new(o, "item", json_string(store_col_text(s, 1)));
            json_object_set_new(o, "classification", json_string(cls));
            json_object_set_new(o, "aspect", json_string(store_col_text(s, 3)));
            json_object_set_new(o, "statement", json_string(store_col_text(s, 4)));
            json_object_set_new(o, "evidence", json_string(store_col_text(s, 5)));
            json_object_set_new(o, "evidence_sha256",
                                *store_col_text(s, 6) ? json_string(store_col_text(s, 6))
                                                      : json_null());
            json_object_set_new(o, "auditor", json_string(store_col_text(s, 7)));
            json_object_set_new(o, "improvements", json_string(store_col_text(s, 8)));
            json_array_append_new(arr, o);
            continue;
        }
        strbuf_addf(out, "  #%lld [%s] %s (%s): %s\n", (long long)sqlite3_column_int64(s, 0),
                    tr_value(lang, "finding", cls), store_col_text(s, 1),
                    tr_value(lang, "aspect", store_col_text(s, 3)), store_col_text(s, 4));
        if (*store_col_text(s, 5))
            strbuf_addf(out, "      %s: %s\n", ag_tr(lang, "Evidence"), store_col_text(s, 5));
        if (*store_col_text(s, 6))
            strbuf_addf(out, "      %s: sha256:%s\n", ag_tr(lang, "Evidence file"),
                        store_col_text(s, 6));
        if (*store_col_text(s, 8))
            strbuf_addf(out, "      %s: %s\n", ag_tr(lang, "Improvement plan"),
                        store_col_text(s, 8));
    }
    json_object_set_new(root, "findings", arr);
    if (json) {
        json_t *c = json_object();
        for (int i = 0; i < 4; i++)
            json_object_set_new(c, isms_audit_classifications[i], json_integer(counts[i]));
        json_object_set_new(root, "counts", c);
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (!text) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            goto out;
        }
        strbuf_adds(out, text);
        strbuf_addc(out, '\n');
        free(text);
    } else {
        strbuf_addf(out,
                    ag_tr(lang, "Conforming %lld, major %lld, minor %lld, observations %lld\n"),
                    counts[0], counts[1], counts[2], counts[3]);
    }
    if (!strbuf_ok(out))
        rc = ag_error_set(err, AG_ENOMEM, "the report is larger than allowed");
out:
    sqlite3_finalize(s);
    json_decref(root);
    return rc;
}
