/*
 * pages_audits.c — information security audits (情報セキュリティ監査, guideline 3.3.1.1(2);
 * src/isms/auditing.h, docs/web/audits.md): the annual audit plans and the audits, one audit with
 * its plan, auditors, findings, report, the CISO's instruction, the improvement plans and their
 * verification, and the forms for each step.
 *
 * Who sees what (3.3.1.1(2), 3.1.4.1(2)):
 *  - auditors, the CISO and the executive (経営層, who act on the results) see every audit;
 *  - the audited department (its members and whoever holds manager or sysadmin for it) sees its
 *    own audits: the plan always (to prepare the fieldwork), the findings once the report is
 *    issued (until then they are the auditors' working notes);
 *  - anyone else gets 403.
 * Who does what is the library's rule (auditing.c), run again in the transaction: findings,
 * report and verification by an assigned auditor independent of the department (a refusal is
 * 403 and is written to the audit trail after the rollback); instruction and closure by the
 * CISO; improvement plans by the manager of the audited department. State checks inside the
 * BEGIN IMMEDIATE transaction turn a step that someone else has just taken into 409, so of two
 * concurrent closes or verifications exactly one wins (5.3(12)).
 */
#include "isms/auditing.h"
#include "web/web_int.h"

#define AUDITS_PER_PAGE 50
#define SEE_ALL (AUTH_ROLE_AUDITOR | AUTH_ROLE_CISO | AUTH_ROLE_EXECUTIVE)

static const char *const statuses[] = {"planned", "reported", "instructed", "closed"};
static const char *const status_keys[] = {"audit status:planned", "audit status:reported",
                                          "audit status:instructed", "audit status:closed"};
static const char *const class_keys[] = {"finding:conforming", "finding:major", "finding:minor",
                                         "finding:observation"};
static const char *const aspect_keys[] = {"aspect:rules", "aspect:operation"};

/* "prefix:value" translated, or the value itself when there is no such message. */
static const char *value_label(struct web_req *req, const char *prefix, const char *value)
{
    const char *key = arena_printf(&req->arena, "%s:%s", prefix, value);
    if (!key)
        return value;
    const char *t = web_tr(req, key);
    return t == key ? value : t;
}

struct audit_page {
    long long id, dept, programme;
    int fiscal_year;
    bool adequacy;
    char status[16], title[512], dept_code[65], dept_name[256], start[11], end[11];
    const char *location, *policy, *points, *procedures, *sampling, *progress, *summary, *focus,
        *objectives, *reported_by, *reported_at, *instructed_by, *instructed_at, *due, *closed_by,
        *closed_at;
};

static const char *col_dup(struct web_req *req, sqlite3_stmt *s, int c)
{
    const char *v = arena_strdup(&req->arena, store_col_text(s, c));
    return v ? v : "";
}

static int audit_load(struct web_req *req, long long id, struct audit_page *a)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT a.id, a.department_id, a.programme_id, p.fiscal_year, a.adequacy, a.status, "
        "a.title, d.code, CASE WHEN ?2 = 'en' AND d.name_en <> '' THEN d.name_en ELSE d.name_ja "
        "END, a.start_date, a.end_date, a.location, a.policy, a.audit_points, a.procedures, "
        "a.sampling, a.progress_control, a.report_summary, p.focus, p.objectives, "
        "coalesce(r.login, ''), coalesce(a.reported_at, ''), coalesce(i.login, ''), "
        "coalesce(a.instructed_at, ''), coalesce(a.improvement_due, ''), coalesce(c.login, ''), "
        "coalesce(a.closed_at, '') FROM audits a JOIN audit_programmes p ON p.id = "
        "a.programme_id JOIN departments d ON d.id = a.department_id LEFT JOIN people r ON r.id "
        "= a.reported_by LEFT JOIN people i ON i.id = a.instructed_by LEFT JOIN people c ON c.id "
        "= a.closed_by WHERE a.id = ?1",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        a->id = sqlite3_column_int64(s, 0);
        a->dept = sqlite3_column_int64(s, 1);
        a->programme = sqlite3_column_int64(s, 2);
        a->fiscal_year = sqlite3_column_int(s, 3);
        a->adequacy = sqlite3_column_int(s, 4) != 0;
        snprintf(a->status, sizeof(a->status), "%s", store_col_text(s, 5));
        snprintf(a->title, sizeof(a->title), "%s", store_col_text(s, 6));
        snprintf(a->dept_code, sizeof(a->dept_code), "%s", store_col_text(s, 7));
        snprintf(a->dept_name, sizeof(a->dept_name), "%s", store_col_text(s, 8));
        snprintf(a->start, sizeof(a->start), "%s", store_col_text(s, 9));
        snprintf(a->end, sizeof(a->end), "%s", store_col_text(s, 10));
        const char **cols[] = {
            &a->location,      &a->policy,      &a->points,      &a->procedures,
            &a->sampling,      &a->progress,    &a->summary,     &a->focus,
            &a->objectives,    &a->reported_by, &a->reported_at, &a->instructed_by,
            &a->instructed_at, &a->due,         &a->closed_by,   &a->closed_at};
        for (size_t i = 0; i < AG_ARRAY_LEN(cols); i++)
            *cols[i] = col_dup(req, s, 11 + (int)i);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

/* The signed-in person's department (0 if none). */
static long long user_dept(struct web_req *req)
{
    struct ag_error err;
    long long dept = 0;
    if (isms_person_get(req->st, req->user.person_id, NULL, 0, &dept, &err) != AG_OK)
        return 0;
    return dept;
}

/* Whether the signed-in person is of the audited department (member, or its manager or
 * system administrator). */
static bool is_auditee(struct web_req *req, long long dept, long long mine)
{
    return (mine && isms_department_within(req->st, mine, dept)) ||
           isms_has_role(req->st, req->user.person_id, "manager", dept) ||
           isms_has_role(req->st, req->user.person_id, "sysadmin", dept);
}

static bool may_see(struct web_req *req, long long dept, long long mine)
{
    return web_has_role(req, SEE_ALL) || is_auditee(req, dept, mine);
}

static bool is_assigned(struct web_req *req, long long audit)
{
    struct ag_error err;
    sqlite3_stmt *s;
    bool yes = false;
    if (store_prepare(req->st, &s,
                      "SELECT 1 FROM audit_auditors WHERE audit_id = ?1 AND person_id = ?2",
                      &err) != AG_OK)
        return false;
    sqlite3_bind_int64(s, 1, audit);
    sqlite3_bind_int64(s, 2, req->user.person_id);
    yes = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return yes;
}

/* Loads the path's audit and checks that the person may see it; writes the error page and sets
 * *done otherwise. */
static int audit_for_user(struct web_req *req, struct audit_page *a, bool *done)
{
    long long id;
    *done = true;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, "audits: No such audit");
    int rc = audit_load(req, id, a);
    if (rc == AG_ENOTFOUND)
        return web_error(req, 404, "audits: No such audit");
    if (rc)
        return rc;
    if (!may_see(req, a->dept, user_dept(req)))
        return web_error(req, 403, "This audit is not about your department");
    *done = false;
    return AG_OK;
}

static const char *audit_href(struct web_req *req, long long id, const char *suffix)
{
    const char *p = arena_printf(&req->arena, "/audits/%lld%s", id, suffix);
    return p ? p : "/audits";
}

static const char *status_label(struct web_req *req, const char *status)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(statuses); i++)
        if (strcmp(statuses[i], status) == 0)
            return web_tr(req, status_keys[i]);
    return status;
}

/* After a refusal that the transaction rolled back: the refusal itself goes to the audit trail
 * (a refused audit step is a security-relevant event, 3.1.4.1(2)). */
static void record_refusal(struct web_req *req, const char *entity, long long id, const char *what)
{
    struct ag_error ignore;
    char idbuf[24], detail[160];
    snprintf(idbuf, sizeof(idbuf), "%lld", id);
    snprintf(detail, sizeof(detail), "{\"web\": \"%s\"}", what); /* what: a fixed word */
    store_set_actor(req->st, req->user.login);
    if (store_audit(req->st, "refused", entity, idbuf, detail, &ignore) != AG_OK) {
        /* the refusal stands even if it cannot be recorded */
    }
    store_set_actor(req->st, "web");
}

/* ---- GET /audits ---- */

static void planning_forms(struct web_req *req);

static int audits_list(struct web_req *req, const char *alert_msg)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    const char *fstatus = web_query(req, "status");
    const char *fyear = web_query(req, "year");
    const char *pg = web_query(req, "page");
    long long year = 0, page = 1;
    if (fstatus && *fstatus) {
        bool known = false;
        for (size_t i = 0; i < AG_ARRAY_LEN(statuses); i++)
            known |= strcmp(fstatus, statuses[i]) == 0;
        if (!known)
            return web_error(req, 400, "audits: Unknown filter value");
    } else {
        fstatus = NULL;
    }
    if (fyear && *fyear && isms_check_int("year", fyear, 2000, 2100, &year, &err) != AG_OK)
        return web_error(req, 400, "audits: Unknown filter value");
    if (pg && *pg && isms_check_int("page", pg, 1, 100000, &page, &err) != AG_OK)
        return web_error(req, 400, "audits: Unknown filter value");
    long long mine = user_dept(req);
    bool all = web_has_role(req, SEE_ALL);

    page_begin(req, web_tr(req, "Information security audits"));
    page_h1(req, web_tr(req, "Information security audits"));
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "programme") == 0)
        page_ok(req, web_tr(req, "audits: The annual audit plan is saved."));
    page_note(req, web_tr(req, "Guideline 3.3.1.1(2): audits by independent auditors, the "
                               "report, the CISO's instruction and the improvement plans."));
    /* annual audit plans (年度情報セキュリティ監査計画) */
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Annual audit plans"));
    html_lit(h, "</h2>");
    static const char *const pheads[] = {"audits: Fiscal year", "Focus", "Objectives", "Period",
                                         "management"};
    int rc = store_prepare(req->st, &s,
                           "SELECT fiscal_year, focus, objectives, period_start, period_end, "
                           "management FROM audit_programmes ORDER BY fiscal_year DESC",
                           &err);
    if (rc)
        return rc;
    page_table_begin(req, pheads, AG_ARRAY_LEN(pheads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 0));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_textf(h, "%s – %s", store_col_text(s, 3), store_col_text(s, 4));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "audits: No annual audit plan yet.");

    /* filters */
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Audits"));
    html_lit(h, "</h2><form method=\"get\" action=\"/audits\" class=\"search\">");
    static const char *const fvals[] = {"", "planned", "reported", "instructed", "closed"};
    static const char *const flabels[] = {"audits: All", "audit status:planned",
                                          "audit status:reported", "audit status:instructed",
                                          "audit status:closed"};
    page_select(req, "status", "Status", fvals, flabels, AG_ARRAY_LEN(fvals),
                fstatus ? fstatus : "");
    page_input(req, "year", "audits: Fiscal year", "number",
               year ? arena_printf(&req->arena, "%lld", year) : NULL, false);
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "audits: Filter"));
    html_lit(h, "</button></form>");

    rc = store_prepare(
        req->st, &s,
        "SELECT a.id, p.fiscal_year, a.title, a.department_id, CASE WHEN ?3 = 'en' AND "
        "d.name_en <> '' THEN d.name_en ELSE d.name_ja END, a.start_date, a.end_date, a.status, "
        "(SELECT group_concat(pp.login, ' ') FROM audit_auditors x JOIN people pp ON pp.id = "
        "x.person_id WHERE x.audit_id = a.id), (SELECT count(*) FROM audit_findings f WHERE "
        "f.audit_id = a.id AND f.classification IN ('major', 'minor')) FROM audits a JOIN "
        "audit_programmes p ON p.id = a.programme_id JOIN departments d ON d.id = "
        "a.department_id WHERE (?1 IS NULL OR a.status = ?1) AND (?2 = 0 OR p.fiscal_year = ?2) "
        "ORDER BY a.status = 'closed', a.start_date DESC, a.id DESC",
        &err);
    if (rc)
        return rc;
    if (fstatus)
        sqlite3_bind_text(s, 1, fstatus, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, year);
    sqlite3_bind_text(s, 3, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    static const char *const heads[] = {
        "Audit",  "audits: Fiscal year",    "Audited department", "Period", "Auditors",
        "Status", "audits: Nonconformities"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    long long seen = 0, shown = 0, more = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long dept = sqlite3_column_int64(s, 3);
        if (!all && !is_auditee(req, dept, mine))
            continue;
        if (seen++ < (page - 1) * AUDITS_PER_PAGE)
            continue;
        if (shown == AUDITS_PER_PAGE) {
            more = 1;
            continue;
        }
        long long id = sqlite3_column_int64(s, 0);
        const char *st = store_col_text(s, 7);
        html_lit(h, "<tr><td>");
        page_link(req, audit_href(req, id, ""),
                  arena_printf(&req->arena, "%lld %s", id, store_col_text(s, 2)));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 4));
        html_lit(h, "</td><td>");
        html_textf(h, "%s – %s", store_col_text(s, 5), store_col_text(s, 6));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 8));
        html_lit(h, "</td><td>");
        html_text(h, status_label(req, st));
        html_lit(h, "</td><td>");
        /* nonconformities are part of the findings: shown to the auditee after the report */
        if (all || strcmp(st, "planned") != 0)
            html_textf(h, "%lld", (long long)sqlite3_column_int64(s, 9));
        else
            html_text(h, "–");
        html_lit(h, "</td></tr>");
        shown++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, (size_t)shown, "audits: No audits to show.");
    if (page > 1 || more) {
        html_lit(h, "<p class=\"pager\">");
        struct strbuf base;
        strbuf_init(&base, 256);
        strbuf_adds(&base, "/audits?");
        if (fstatus)
            strbuf_addf(&base, "status=%s&", fstatus);
        if (year)
            strbuf_addf(&base, "year=%lld&", year);
        if (page > 1)
            page_link(req, arena_printf(&req->arena, "%spage=%lld", strbuf_str(&base), page - 1),
                      web_tr(req, "audits: Previous page"));
        if (more) {
            html_lit(h, " ");
            page_link(req, arena_printf(&req->arena, "%spage=%lld", strbuf_str(&base), page + 1),
                      web_tr(req, "audits: Next page"));
        }
        strbuf_release(&base);
        html_lit(h, "</p>");
    }
    if (web_has_role(req, AUTH_ROLE_AUDITOR))
        planning_forms(req);
    page_end(req);
    return AG_OK;
}

static int page_audits(struct web_req *req)
{
    return audits_list(req, NULL);
}

/* The auditor's forms: the annual audit plan and a per-audit plan (監査実施計画). */
static void planning_forms(struct web_req *req)
{
    struct html *h = &req->out;
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "audits: Planning (auditors)"));
    html_lit(h, "</h2><details><summary>");
    html_text(h, web_tr(req, "audits: New annual audit plan"));
    html_lit(h, "</summary>");
    page_form_begin(req, "/audits/programmes");
    page_input(req, "p-year", "audits: Fiscal year", "number", NULL, true);
    page_textarea(req, "p-focus", "Focus", NULL, true);
    page_textarea(req, "p-objectives", "Objectives", NULL, true);
    page_input(req, "p-from", "audits: Period from", "date", NULL, true);
    page_input(req, "p-to", "audits: Period to", "date", NULL, true);
    page_textarea(req, "p-management", "management", NULL, true);
    page_textarea(req, "p-outsourcing", "outsourcing", NULL, false);
    page_input(req, "p-budget", "budget_yen", "number", NULL, false);
    page_form_end(req, "audits: New annual audit plan");
    html_lit(h, "</details><details><summary>");
    html_text(h, web_tr(req, "audits: New audit"));
    html_lit(h, "</summary>");
    page_form_begin(req, "/audits/plans");
    page_input(req, "year", "audits: Fiscal year", "number", NULL, true);
    page_input(req, "title", "title", "text", NULL, true);
    page_input(req, "dept", "audits: Audited department (code)", "text", NULL, true);
    page_input(req, "from", "audits: Period from", "date", NULL, true);
    page_input(req, "to", "audits: Period to", "date", NULL, true);
    page_input(req, "location", "Place", "text", NULL, true);
    static const char *const yn[] = {"no", "yes"};
    static const char *const ynl[] = {"compliance audit", "compliance and adequacy audit"};
    page_select(req, "adequacy", "Kind of audit", yn, ynl, 2, "no");
    page_textarea(req, "policy", "Policy", NULL, false);
    page_textarea(req, "points", "Audit points", NULL, true);
    page_textarea(req, "procedures", "Procedures", NULL, false);
    page_textarea(req, "sampling", "Sampling", NULL, false);
    page_textarea(req, "progress", "Progress control", NULL, true);
    page_input(req, "auditors", "audits: Auditors (login:assignment, …; the first leads)", "text",
               NULL, true);
    page_form_end(req, "audits: New audit");
    html_lit(h, "</details>");
}

/* ---- GET /audits/{id} ---- */

static void dl_row(struct web_req *req, const char *label, const char *value)
{
    if (value && *value)
        page_dl_item(req, label, value);
}

/* The people of the audited department (and the departments below it): the owners an
 * improvement plan may have (the audited department carries out its own improvements). */
static void owner_select(struct web_req *req, const char *name, long long dept)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    if (!name || store_prepare(req->st, &s,
                               "SELECT p.login, p.department_id, CASE WHEN ?1 = 'en' AND "
                               "p.name_en <> '' THEN p.name_en ELSE p.name END FROM people p "
                               "WHERE p.department_id IS NOT NULL ORDER BY p.login",
                               &err) != AG_OK)
        return;
    sqlite3_bind_text(s, 1, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, web_tr(req, "audits: Owner (login, of the audited department)"));
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, " required>");
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (!isms_department_within(req->st, sqlite3_column_int64(s, 1), dept))
            continue;
        html_lit(h, "<option");
        html_attr(h, "value", store_col_text(s, 0));
        html_lit(h, ">");
        html_textf(h, "%s (%s)", store_col_text(s, 2), store_col_text(s, 0));
        html_lit(h, "</option>");
    }
    sqlite3_finalize(s);
    html_lit(h, "</select></div>");
}

static void finding_forms(struct web_req *req, const struct audit_page *a, long long fid,
                          const char *cls, long long done_actions, bool auditor)
{
    struct html *h = &req->out;
    bool manager = isms_has_role(req->st, req->user.person_id, "manager", a->dept);
    if (strcmp(a->status, "instructed") == 0 && strcmp(cls, "conforming") != 0 && manager) {
        html_lit(h, "<details><summary>");
        html_text(h, web_tr(req, "audits: Add an improvement plan"));
        html_lit(h, "</summary>");
        page_form_begin(req, arena_printf(&req->arena, "/audits/findings/%lld/improve", fid));
        page_input(req, arena_printf(&req->arena, "title-%lld", fid), "audits: Improvement", "text",
                   NULL, true);
        page_textarea(req, arena_printf(&req->arena, "description-%lld", fid),
                      "audits: Description", NULL, false);
        owner_select(req, arena_printf(&req->arena, "owner-%lld", fid), a->dept);
        page_input(req, arena_printf(&req->arena, "due-%lld", fid), "Due", "date",
                   *a->due ? a->due : NULL, true);
        page_form_end(req, "audits: Add an improvement plan");
        html_lit(h, "</details>");
    }
    if (auditor && done_actions > 0 && strcmp(a->status, "closed") != 0) {
        page_form_begin(req, arena_printf(&req->arena, "/audits/findings/%lld/confirm", fid));
        static const char *const vals[] = {"verify", "reopen"};
        static const char *const labels[] = {"audits: Verified", "audits: Send back"};
        page_select(req, arena_printf(&req->arena, "result-%lld", fid), "Result", vals, labels, 2,
                    "verify");
        page_textarea(req, arena_printf(&req->arena, "text-%lld", fid), "audits: Auditor's note",
                      NULL, false);
        page_form_end(req, "audits: Confirm the improvement");
    }
}

static int findings_section(struct web_req *req, const struct audit_page *a, bool auditor)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s, *act;
    int rc = store_prepare(
        req->st, &s,
        "SELECT f.id, f.item_id, f.classification, f.aspect, f.statement, f.evidence_text, "
        "coalesce(e.sha256, ''), p.login, f.recorded_at FROM audit_findings f JOIN people p ON "
        "p.id = f.auditor_id LEFT JOIN evidence e ON e.id = f.evidence_id WHERE f.audit_id = ?1 "
        "ORDER BY CASE f.classification WHEN 'major' THEN 0 WHEN 'minor' THEN 1 WHEN "
        "'observation' THEN 2 ELSE 3 END, f.id",
        &err);
    if (rc)
        return rc;
    if ((rc = store_prepare(req->st, &act,
                            "SELECT a.id, a.title, o.login, a.due_date, a.status, "
                            "coalesce(a.result, ''), coalesce(v.login, '') FROM actions a JOIN "
                            "people o ON o.id = a.owner_id LEFT JOIN people v ON v.id = "
                            "a.verified_by WHERE a.origin = 'audit' AND a.origin_id = ?1 ORDER "
                            "BY a.id",
                            &err))) {
        sqlite3_finalize(s);
        return rc;
    }
    sqlite3_bind_int64(s, 1, a->id);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Findings"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"audits: Finding", "audits: Classification", "Ref",
                                        "audits: Statement and evidence",
                                        "audits: Improvement and confirmation"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long fid = sqlite3_column_int64(s, 0);
        const char *item = store_col_text(s, 1);
        const char *cls = store_col_text(s, 2);
        const struct catalog_node *n = catalog_by_id(req->cat, item);
        html_lit(h, "<tr");
        html_attr(h, "id", arena_printf(&req->arena, "finding-%lld", fid));
        html_lit(h, "><td>");
        html_textf(h, "#%lld", fid);
        html_lit(h, "<br><span class=\"small\">");
        html_text(h, store_col_text(s, 7));
        html_lit(h, " ");
        html_textn(h, store_col_text(s, 8), 10);
        html_lit(h, "</span></td><td><span");
        html_attr(h, "class", arena_printf(&req->arena, "finding-class %s", cls));
        html_lit(h, ">");
        html_text(h, value_label(req, "finding", cls));
        html_lit(h, "</span><br><span class=\"small\">");
        html_text(h, value_label(req, "aspect", store_col_text(s, 3)));
        html_lit(h, "</span></td><td>");
        page_link(req, arena_printf(&req->arena, "/catalog/%s", item),
                  n && n->ref[0] ? n->ref : item);
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 4));
        if (*store_col_text(s, 5)) {
            html_lit(h, "<br><span class=\"small\">");
            html_text(h, web_tr(req, "Evidence"));
            html_lit(h, ": ");
            html_text(h, store_col_text(s, 5));
            html_lit(h, "</span>");
        }
        if (*store_col_text(s, 6)) {
            html_lit(h, "<br><span class=\"small\">sha256:");
            html_text(h, store_col_text(s, 6));
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td>");
        sqlite3_reset(act);
        sqlite3_bind_int64(act, 1, fid);
        long long done = 0;
        html_lit(h, "<ul class=\"plain\">");
        while (sqlite3_step(act) == SQLITE_ROW) {
            const char *ast = store_col_text(act, 4);
            done += strcmp(ast, "done") == 0;
            html_lit(h, "<li>");
            html_textf(h, "%lld %s (%s, %s) ", (long long)sqlite3_column_int64(act, 0),
                       store_col_text(act, 1), store_col_text(act, 2), store_col_text(act, 3));
            html_lit(h, "<strong>");
            html_text(h, value_label(req, "action status", ast));
            html_lit(h, "</strong>");
            if (*store_col_text(act, 5)) {
                html_lit(h, "<br><span class=\"small\">");
                html_text(h, store_col_text(act, 5));
                html_lit(h, "</span>");
            }
            if (*store_col_text(act, 6)) {
                html_lit(h, "<br><span class=\"small\">");
                html_text(h, web_tr(req, "verified_by"));
                html_lit(h, ": ");
                html_text(h, store_col_text(act, 6));
                html_lit(h, "</span>");
            }
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
        finding_forms(req, a, fid, cls, done, auditor);
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(act);
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, rows, "audits: No findings recorded yet.");
    return AG_OK;
}

static void finding_form(struct web_req *req, const struct audit_page *a)
{
    struct html *h = &req->out;
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "audits: Record a finding"));
    html_lit(h, "</h2>");
    page_form_begin(req, audit_href(req, a->id, "/findings"));
    page_input(req, "item", "audits: Guideline item (id or ref, e.g. 3.1.5.1(2)(e))", "text", NULL,
               true);
    page_select(req, "class", "audits: Classification", isms_audit_classifications, class_keys,
                AG_ARRAY_LEN(class_keys), NULL);
    page_select(req, "aspect", "audits: Aspect", isms_audit_aspects, aspect_keys,
                AG_ARRAY_LEN(aspect_keys), NULL);
    page_textarea(req, "statement", "audits: Statement", NULL, true);
    page_textarea(req, "evidence", "Evidence", NULL, false);
    page_form_end(req, "audits: Record a finding");
}

/* One line of isms_audit_close_check in the page's language (its four fixed forms). */
static const char *close_reason(struct web_req *req, const char *line)
{
    long long f;
    char cls[16];
    int used = 0;
    if (sscanf(line, "finding %lld: improvement not yet verified by the auditor%n", &f, &used) ==
            1 &&
        used && line[used] == '\0')
        return arena_printf(&req->arena,
                            web_tr(req, "finding %lld: improvement not yet verified by the "
                                        "auditor"),
                            f);
    used = 0;
    if (sscanf(line, "finding %lld (%15[a-z]) has no improvement plan%n", &f, cls, &used) == 2 &&
        used && line[used] == '\0')
        return arena_printf(&req->arena, web_tr(req, "finding %lld (%s) has no improvement plan"),
                            f, value_label(req, "finding", cls));
    return web_tr(req, line);
}

static int close_section(struct web_req *req, const struct audit_page *a)
{
    struct html *h = &req->out;
    struct ag_error err;
    struct strbuf why;
    strbuf_init(&why, 64 * 1024);
    int rc = isms_audit_close_check(req->st, a->id, &why, &err);
    if (rc) {
        strbuf_release(&why);
        return rc;
    }
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "audits: Closing the audit"));
    html_lit(h, "</h2>");
    if (why.len) {
        html_lit(h, "<p>");
        html_text(h, web_tr(req, "Before the audit can be closed:"));
        html_lit(h, "</p><ul id=\"close-check\">");
        const char *p = strbuf_str(&why);
        while (*p) {
            size_t n = strcspn(p, "\n");
            char line[256];
            snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) ? n : sizeof(line) - 1), p);
            html_lit(h, "<li>");
            html_text(h, close_reason(req, line));
            html_lit(h, "</li>");
            p += n + (p[n] == '\n');
        }
        html_lit(h, "</ul>");
    } else {
        html_lit(h, "<p id=\"close-check\" class=\"ok\">");
        html_text(h, web_tr(req, "audits: Nothing stands in the way of closing the audit."));
        html_lit(h, "</p>");
    }
    strbuf_release(&why);
    if (web_has_role(req, AUTH_ROLE_CISO)) {
        page_form_begin(req, audit_href(req, a->id, "/close"));
        page_form_end(req, "audits: Close the audit");
    }
    return AG_OK;
}

static int audit_page(struct web_req *req, const struct audit_page *a, const char *alert_msg)
{
    struct html *h = &req->out;
    bool all = web_has_role(req, SEE_ALL);
    bool auditor = web_has_role(req, AUTH_ROLE_AUDITOR) && is_assigned(req, a->id);
    const char *title = arena_printf(&req->arena, "%s %lld", web_tr(req, "Audit"), a->id);
    page_begin(req, title ? title : a->title);
    page_h1(req, a->title);
    page_note(req, web_tr(req, "Information security audit report (3.3.1.1(2))"));
    if (alert_msg)
        page_alert(req, alert_msg);
    static const char *const oks[] = {"finding", "report",  "instruct",
                                      "improve", "confirm", "close"};
    static const char *const okmsg[] = {
        "audits: The finding is recorded.",          "audits: The audit report is issued.",
        "audits: Improvement plans are instructed.", "audits: The improvement plan is added.",
        "audits: The confirmation is recorded.",     "audits: The audit is closed."};
    const char *ok = web_query(req, "ok");
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(oks); i++)
        if (strcmp(ok, oks[i]) == 0)
            page_ok(req, web_tr(req, okmsg[i]));
    page_dl_begin(req);
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "Audit status"));
    html_lit(h, "</dt><dd id=\"audit-status\">");
    html_text(h, status_label(req, a->status));
    html_lit(h, "</dd>");
    page_dl_item(req, "Annual audit plan",
                 arena_printf(&req->arena, web_tr(req, "FY%s"),
                              arena_printf(&req->arena, "%d", a->fiscal_year)));
    dl_row(req, "Focus", a->focus);
    dl_row(req, "Objectives", a->objectives);
    page_dl_item(req, "Audited department",
                 arena_printf(&req->arena, "%s %s", a->dept_code, a->dept_name));
    page_dl_item(req, "Period", arena_printf(&req->arena, "%s – %s", a->start, a->end));
    dl_row(req, "Place", a->location);
    page_dl_item(req, "Kind of audit",
                 web_tr(req, a->adequacy ? "compliance and adequacy audit" : "compliance audit"));
    dl_row(req, "Policy", a->policy);
    dl_row(req, "Audit points", a->points);
    dl_row(req, "Procedures", a->procedures);
    dl_row(req, "Sampling", a->sampling);
    dl_row(req, "Progress control", a->progress);
    dl_row(req, "Reported by", a->reported_by);
    dl_row(req, "Reported at", arena_strndup(&req->arena, a->reported_at, 10));
    dl_row(req, "audits: Instructed by", a->instructed_by);
    dl_row(req, "Improvement plans due", a->due);
    dl_row(req, "audits: Closed by", a->closed_by);
    dl_row(req, "audits: Closed at", arena_strndup(&req->arena, a->closed_at, 10));
    page_dl_end(req);

    /* auditors */
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT p.login, CASE WHEN ?2 = 'en' AND p.name_en <> '' THEN "
                           "p.name_en ELSE p.name END, x.assignment, x.lead FROM audit_auditors "
                           "x JOIN people p ON p.id = x.person_id WHERE x.audit_id = ?1 ORDER BY "
                           "x.lead DESC, x.id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, a->id);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Auditors"));
    html_lit(h, "</h2><ul id=\"auditors\">");
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<li>");
        html_textf(h, "%s (%s)", store_col_text(s, 1), store_col_text(s, 0));
        if (*store_col_text(s, 2))
            html_textf(h, ": %s", store_col_text(s, 2));
        if (sqlite3_column_int(s, 3))
            html_text(h, web_tr(req, " [lead]"));
        html_lit(h, "</li>");
    }
    sqlite3_finalize(s);
    html_lit(h, "</ul>");

    bool findings_visible = all || strcmp(a->status, "planned") != 0;
    if (findings_visible) {
        if ((rc = findings_section(req, a, auditor)))
            return rc;
        page_link(req, audit_href(req, a->id, "/report"),
                  web_tr(req, "audits: The audit report as a document"));
    } else {
        page_note(req, web_tr(req, "audits: The findings are shown to the audited department "
                                   "once the audit report is issued."));
    }
    if (*a->summary) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "Summary"));
        html_lit(h, "</h2><p id=\"report-summary\">");
        html_text(h, a->summary);
        html_lit(h, "</p>");
    }
    if (strcmp(a->status, "planned") == 0 && web_has_role(req, AUTH_ROLE_AUDITOR)) {
        html_lit(h, "<details><summary>");
        html_text(h, web_tr(req, "audits: Assign an auditor"));
        html_lit(h, "</summary>");
        page_form_begin(req, audit_href(req, a->id, "/auditors"));
        page_input(req, "login", "login", "text", NULL, true);
        page_input(req, "assignment", "audits: Assignment", "text", NULL, false);
        page_form_end(req, "audits: Assign an auditor");
        html_lit(h, "</details>");
    }
    if (strcmp(a->status, "planned") == 0 && auditor) {
        finding_form(req, a);
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "audits: Issue the audit report"));
        html_lit(h, "</h2>");
        page_form_begin(req, audit_href(req, a->id, "/report"));
        page_textarea(req, "summary", "Summary", NULL, true);
        page_form_end(req, "audits: Issue the audit report");
    }
    if (strcmp(a->status, "reported") == 0 && web_has_role(req, AUTH_ROLE_CISO)) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "audits: Instruct improvement plans"));
        html_lit(h, "</h2>");
        page_form_begin(req, audit_href(req, a->id, "/instruct"));
        page_input(req, "due", "Improvement plans due", "date", NULL, true);
        page_form_end(req, "audits: Instruct improvement plans");
    }
    if (strcmp(a->status, "closed") != 0 && all && (rc = close_section(req, a)))
        return rc;
    page_end(req);
    return AG_OK;
}

static int page_audit(struct web_req *req)
{
    struct audit_page a;
    bool done;
    int rc = audit_for_user(req, &a, &done);
    if (rc || done)
        return rc;
    return audit_page(req, &a, NULL);
}

/* ---- GET /audits/{id}/report: the report document (isms_audit_render) ---- */

static int page_audit_report(struct web_req *req)
{
    struct audit_page a;
    bool done;
    int rc = audit_for_user(req, &a, &done);
    if (rc || done)
        return rc;
    if (!web_has_role(req, SEE_ALL) && strcmp(a.status, "planned") == 0)
        return web_error(req, 403,
                         "audits: The findings are shown to the audited department "
                         "once the audit report is issued.");
    struct strbuf text;
    struct ag_error err;
    strbuf_init(&text, 4 * 1024 * 1024);
    if ((rc = isms_audit_render(req->st, a.id, req->lang, false, &text, &err))) {
        strbuf_release(&text);
        return rc;
    }
    page_begin(req, web_tr(req, "Information security audit report (3.3.1.1(2))"));
    page_h1(req, web_tr(req, "Information security audit report (3.3.1.1(2))"));
    page_link(req, audit_href(req, a.id, ""), a.title);
    html_lit(&req->out, "<pre class=\"report\">");
    html_text(&req->out, strbuf_str(&text));
    html_lit(&req->out, "</pre>");
    strbuf_release(&text);
    page_end(req);
    return AG_OK;
}

/* ---- POST steps ---- */

enum step {
    STEP_FINDING,
    STEP_REPORT,
    STEP_INSTRUCT,
    STEP_CLOSE,
    STEP_IMPROVE,
    STEP_CONFIRM,
    STEP_AUDITOR
};
static const char *const step_names[] = {"finding", "report",  "instruct", "close",
                                         "improve", "confirm", "auditor"};

struct step_ctx {
    enum step step;
    long long audit, finding, new_id;
};

static const char *field(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v ? v : "";
}

/* A field of a per-finding form, named "<name>-<finding>" on the page (unique ids). */
static const char *ffield(struct web_req *req, const char *name, long long finding)
{
    const char *v = web_form_get(&req->form, arena_printf(&req->arena, "%s-%lld", name, finding));
    return v ? v : field(req, name);
}

static long long count_sql(struct web_req *req, const char *sql, long long id)
{
    struct ag_error err;
    sqlite3_stmt *s;
    long long n = 0;
    if (store_prepare(req->st, &s, sql, &err) != AG_OK)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* Inside the transaction: a step someone else has just taken is a conflict (409), not a
 * refusal; then the library's own checks and write. */
static int run_step(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    long long me = req->user.person_id;
    char status[16] = "";
    struct audit_page a;
    int rc = audit_load(req, c->audit, &a);
    if (rc == AG_ENOTFOUND)
        return ag_error_set(err, AG_ENOTFOUND, "audit %lld does not exist", c->audit);
    if (rc)
        return ag_error_set(err, rc, "reading the audit");
    snprintf(status, sizeof(status), "%s", a.status);
    switch (c->step) {
    case STEP_FINDING: {
        struct isms_audit_finding_new f = {field(req, "item"),     field(req, "class"),
                                           field(req, "aspect"),   field(req, "statement"),
                                           field(req, "evidence"), NULL};
        if (strcmp(status, "planned") != 0)
            return ag_error_set(err, AG_ECONFLICT,
                                "audit %lld is %s: findings are recorded during the fieldwork",
                                c->audit, status);
        return isms_audit_finding_add(req->st, req->cat, c->audit, me, &f, &c->new_id, err);
    }
    case STEP_REPORT:
        if (strcmp(status, "planned") != 0)
            return ag_error_set(err, AG_ECONFLICT, "audit %lld is %s: the report is issued already",
                                c->audit, status);
        return isms_audit_report(req->st, c->audit, me, field(req, "summary"), err);
    case STEP_INSTRUCT:
        if (strcmp(status, "reported") != 0)
            return ag_error_set(err, AG_ECONFLICT,
                                "audit %lld is %s: improvement plans are instructed once, after "
                                "the report",
                                c->audit, status);
        return isms_audit_instruct(req->st, c->audit, me, field(req, "due"), err);
    case STEP_CLOSE:
        if (strcmp(status, "closed") == 0)
            return ag_error_set(err, AG_ECONFLICT, "audit %lld is closed already", c->audit);
        return isms_audit_close(req->st, c->audit, me, err);
    case STEP_IMPROVE:
        return isms_audit_improve(
            req->st, req->cat, c->finding, me, ffield(req, "title", c->finding),
            ffield(req, "description", c->finding), ffield(req, "owner", c->finding),
            ffield(req, "due", c->finding), &c->new_id, err);
    case STEP_AUDITOR:
        if (strcmp(status, "planned") != 0)
            return ag_error_set(err, AG_ECONFLICT,
                                "audit %lld is %s: auditors are assigned while it is planned",
                                c->audit, status);
        return isms_audit_auditor_add(req->st, c->audit, field(req, "login"),
                                      field(req, "assignment"), me, err);
    case STEP_CONFIRM: {
        const char *result = ffield(req, "result", c->finding);
        if (strcmp(result, "verify") != 0 && strcmp(result, "reopen") != 0)
            return ag_error_set(err, AG_EINVAL, "result: \"%.40s\" is not one of: verify, reopen",
                                result);
        /* an assigned auditor who finds nothing left to verify was beaten by another one */
        if (is_assigned(req, c->audit) &&
            count_sql(req,
                      "SELECT count(*) FROM actions WHERE origin = 'audit' AND origin_id = ?1 AND "
                      "status = 'done'",
                      c->finding) == 0 &&
            count_sql(req, "SELECT count(*) FROM actions WHERE origin = 'audit' AND origin_id = ?1",
                      c->finding) > 0)
            return ag_error_set(err, AG_ECONFLICT,
                                "finding %lld: no completed improvement is waiting for "
                                "confirmation (confirmed or sent back already)",
                                c->finding);
        return isms_audit_confirm(req->st, c->finding, me, strcmp(result, "reopen") == 0,
                                  ffield(req, "text", c->finding), err);
    }
    }
    return ag_error_set(err, AG_EINVAL, "unknown step");
}

static int step_post(struct web_req *req, enum step step, bool by_finding)
{
    struct step_ctx c = {step, 0, 0, 0};
    struct audit_page a;
    struct ag_error err;
    if (by_finding) {
        if (!web_param_id(req, "id", &c.finding))
            return web_error(req, 404, "audits: No such finding");
        c.audit = count_sql(req, "SELECT audit_id FROM audit_findings WHERE id = ?1", c.finding);
        if (c.audit <= 0)
            return web_error(req, 404, "audits: No such finding");
        int rc = audit_load(req, c.audit, &a);
        if (rc == AG_ENOTFOUND)
            return web_error(req, 404, "audits: No such audit");
        if (rc)
            return rc;
        if (!may_see(req, a.dept, user_dept(req)))
            return web_error(req, 403, "This audit is not about your department");
    } else {
        bool done;
        int rc = audit_for_user(req, &a, &done);
        if (rc || done)
            return rc;
        c.audit = a.id;
    }
    int rc = web_action(req, run_step, &c, &err);
    if (rc == AG_OK) {
        const char *anchor =
            by_finding ? arena_printf(&req->arena, "#finding-%lld", c.finding) : "";
        return web_redirect(req, audit_href(req, c.audit,
                                            arena_printf(&req->arena, "?ok=%s%s", step_names[step],
                                                         anchor ? anchor : "")));
    }
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED)
        record_refusal(req, by_finding ? "audit_findings" : "audits",
                       by_finding ? c.finding : c.audit, step_names[step]);
    const char *msg = arena_strdup(&req->arena, err.msg);
    if ((rc = audit_load(req, c.audit, &a)))
        return rc;
    strbuf_reset(&req->out.sb);
    req->status = status;
    return audit_page(req, &a, msg ? msg : err.msg);
}

static int page_finding_post(struct web_req *req)
{
    return step_post(req, STEP_FINDING, false);
}
static int page_report_post(struct web_req *req)
{
    return step_post(req, STEP_REPORT, false);
}
static int page_instruct_post(struct web_req *req)
{
    return step_post(req, STEP_INSTRUCT, false);
}
static int page_close_post(struct web_req *req)
{
    return step_post(req, STEP_CLOSE, false);
}
static int page_improve_post(struct web_req *req)
{
    return step_post(req, STEP_IMPROVE, true);
}
static int page_confirm_post(struct web_req *req)
{
    return step_post(req, STEP_CONFIRM, true);
}
static int page_auditor_post(struct web_req *req)
{
    return step_post(req, STEP_AUDITOR, false);
}

/* ---- POST /audits/programmes and /audits/plans (auditors) ---- */

struct plan_ctx {
    bool programme;
    long long id;
};

static int plan_run(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct plan_ctx *c = vctx;
    long long me = req->user.person_id;
    if (c->programme) {
        const char *budget = field(req, "p-budget");
        const char *outsourcing = field(req, "p-outsourcing");
        struct isms_audit_programme_new p = {field(req, "p-year"),
                                             field(req, "p-focus"),
                                             field(req, "p-objectives"),
                                             field(req, "p-from"),
                                             field(req, "p-to"),
                                             field(req, "p-management"),
                                             *outsourcing ? outsourcing : NULL,
                                             *budget ? budget : NULL};
        return isms_audit_programme_add(req->st, &p, me, &c->id, err);
    }
    /* "login:assignment, login" → NULL-terminated list (at most 16, as the library) */
    char *buf = arena_strdup(&req->arena, field(req, "auditors"));
    const char **list = arena_alloc(&req->arena, sizeof(*list) * 18);
    if (!buf || !list)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    size_t n = 0;
    for (char *p = buf; *p && n < 17;) {
        p += strspn(p, ", \t\r\n");
        if (!*p)
            break;
        char *entry = p;
        size_t len = strcspn(p, ",\r\n");
        p += len;
        if (*p)
            *p++ = '\0';
        while (len > 0 && entry[len - 1] == ' ') /* "hayashi:主任 , shimizu" */
            entry[--len] = '\0';
        list[n++] = entry;
    }
    list[n] = NULL;
    struct isms_audit_new a = {field(req, "year"),
                               field(req, "title"),
                               field(req, "dept"),
                               field(req, "from"),
                               field(req, "to"),
                               field(req, "location"),
                               strcmp(field(req, "adequacy"), "yes") == 0,
                               field(req, "policy"),
                               field(req, "points"),
                               field(req, "procedures"),
                               field(req, "sampling"),
                               field(req, "progress"),
                               list};
    return isms_audit_add(req->st, &a, me, &c->id, err);
}

static int plan_post(struct web_req *req, bool programme)
{
    struct plan_ctx c = {programme, 0};
    struct ag_error err;
    int rc = web_action(req, plan_run, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req,
                            programme ? "/audits?ok=programme" : audit_href(req, c.id, "?ok=plan"));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED)
        record_refusal(req, programme ? "audit_programmes" : "audits", 0,
                       programme ? "programme" : "plan");
    const char *msg = arena_strdup(&req->arena, err.msg);
    strbuf_reset(&req->out.sb);
    req->status = status;
    return audits_list(req, msg ? msg : err.msg);
}

static int page_programme_post(struct web_req *req)
{
    return plan_post(req, true);
}
static int page_plan_post(struct web_req *req)
{
    return plan_post(req, false);
}

static const struct ag_msg audits_msgs[] = {
    {"Information security audits", "情報セキュリティ監査", "Information security audits"},
    {"Guideline 3.3.1.1(2): audits by independent auditors, the report, the CISO's instruction "
     "and the improvement plans.",
     "ガイドライン 3.3.1.1(2): 独立性を有する者による監査、監査報告書、最高情報セキュリティ責任者"
     "による改善計画策定の指示、改善計画とその確認。",
     "Guideline 3.3.1.1(2): audits by independent auditors, the report, the CISO's instruction "
     "and the improvement plans."},
    {"Annual audit plans", "年度情報セキュリティ監査計画", "Annual audit plans"},
    {"Audits", "監査実施計画", "Audits"},
    {"audits: Fiscal year", "年度", "Fiscal year"},
    {"audits: No annual audit plan yet.", "年度情報セキュリティ監査計画はまだありません。",
     "No annual audit plan yet."},
    {"audits: All", "すべて", "All"},
    {"audits: Filter", "絞り込む", "Filter"},
    {"audits: Nonconformities", "不適合", "Nonconformities"},
    {"audits: No audits to show.", "表示できる監査はありません。", "No audits to show."},
    {"audits: Previous page", "前のページ", "Previous page"},
    {"audits: Next page", "次のページ", "Next page"},
    {"audits: Unknown filter value", "絞り込みの値が正しくありません", "Unknown filter value"},
    {"audits: No such audit", "該当する監査はありません", "No such audit"},
    {"audits: No such finding", "該当する指摘事項はありません", "No such finding"},
    {"This audit is not about your department", "この監査はあなたの部署に関するものではありません",
     "This audit is not about your department"},
    {"audits: Add an improvement plan", "改善計画を登録", "Add an improvement plan"},
    {"audits: Improvement", "改善策", "Improvement"},
    {"audits: Description", "内容", "Description"},
    {"audits: Owner (login, of the audited department)", "実施担当者（被監査部門のログイン名）",
     "Owner (login, of the audited department)"},
    {"audits: Verified", "改善を確認した", "Verified"},
    {"audits: Send back", "差し戻す", "Send back"},
    {"audits: Auditor's note", "監査人の所見", "Auditor's note"},
    {"audits: Confirm the improvement", "改善結果を確認", "Confirm the improvement"},
    {"audits: Finding", "指摘事項", "Finding"},
    {"audits: Classification", "区分", "Classification"},
    {"audits: Statement and evidence", "指摘内容と根拠", "Statement and evidence"},
    {"audits: Improvement and confirmation", "改善計画と確認", "Improvement and confirmation"},
    {"audits: No findings recorded yet.", "指摘事項はまだ記録されていません。",
     "No findings recorded yet."},
    {"audits: Record a finding", "指摘事項を記録", "Record a finding"},
    {"audits: Guideline item (id or ref, e.g. 3.1.5.1(2)(e))",
     "対策項目（ID または番号、例: 3.1.5.1(2)(e)）",
     "Guideline item (id or ref, e.g. 3.1.5.1(2)(e))"},
    {"audits: Aspect", "観点", "Aspect"},
    {"audits: Statement", "指摘内容", "Statement"},
    {"audits: Closing the audit", "監査の完了", "Closing the audit"},
    {"audits: Nothing stands in the way of closing the audit.", "監査を完了できる状態です。",
     "Nothing stands in the way of closing the audit."},
    {"audits: Close the audit", "監査を完了する", "Close the audit"},
    {"audits: The finding is recorded.", "指摘事項を記録しました。", "The finding is recorded."},
    {"audits: The audit report is issued.", "監査報告書を発行しました。",
     "The audit report is issued."},
    {"audits: Improvement plans are instructed.", "改善計画の策定を指示しました。",
     "Improvement plans are instructed."},
    {"audits: The improvement plan is added.", "改善計画を登録しました。",
     "The improvement plan is added."},
    {"audits: The confirmation is recorded.", "改善結果の確認を記録しました。",
     "The confirmation is recorded."},
    {"audits: The audit is closed.", "監査を完了しました。", "The audit is closed."},
    {"audits: Instructed by", "改善指示者", "Instructed by"},
    {"audits: Closed by", "完了確認者", "Closed by"},
    {"audits: Closed at", "完了日時", "Closed at"},
    {"audits: The audit report as a document", "監査報告書（文書）",
     "The audit report as a document"},
    {"audits: The findings are shown to the audited department once the audit report is issued.",
     "指摘事項は、監査報告書の発行後に被監査部門へ表示されます。",
     "The findings are shown to the audited department once the audit report is issued."},
    {"audits: Issue the audit report", "監査報告書を発行", "Issue the audit report"},
    {"audits: Instruct improvement plans", "改善計画の策定を指示", "Instruct improvement plans"},
    {"audit %lld is %s: findings are recorded during the fieldwork",
     "監査 %lld は「%s」です: 指摘事項は監査の実施中に記録します",
     "audit %lld is %s: findings are recorded during the fieldwork"},
    {"audit %lld is %s: the report is issued already",
     "監査 %lld は「%s」です: 監査報告書は発行済みです",
     "audit %lld is %s: the report is issued already"},
    {"audit %lld is %s: improvement plans are instructed once, after the report",
     "監査 %lld は「%s」です: 改善計画の策定指示は監査報告書の発行後に一度だけ行います",
     "audit %lld is %s: improvement plans are instructed once, after the report"},
    {"audit %lld is closed already", "監査 %lld は完了済みです", "audit %lld is closed already"},
    {"result: \"%.40s\" is not one of: verify, reopen",
     "result: \"%.40s\" は verify, reopen のいずれでもありません",
     "result: \"%.40s\" is not one of: verify, reopen"},
    {"finding %lld: no completed improvement is waiting for confirmation (confirmed or sent back "
     "already)",
     "指摘事項 %lld: 確認を待つ完了済みの改善はありません（確認済みか差し戻し済みです）",
     "finding %lld: no completed improvement is waiting for confirmation (confirmed or sent back "
     "already)"},
    {"reading the audit", "監査の読み込み", "reading the audit"},
    {"finding %lld: improvement not yet verified by the auditor",
     "指摘事項 %lld: 改善結果が監査人により確認されていません",
     "finding %lld: improvement not yet verified by the auditor"},
    {"finding %lld (%s) has no improvement plan", "指摘事項 %lld（%s）に改善計画がありません",
     "finding %lld (%s) has no improvement plan"},
    {"the audit report has not been issued", "監査報告書が発行されていません",
     "the audit report has not been issued"},
    {"nonconformities found but the CISO has not instructed improvement plans",
     "不適合があるが、最高情報セキュリティ責任者が改善計画の策定を指示していません",
     "nonconformities found but the CISO has not instructed improvement plans"},
    {"unknown step", "不明な操作です", "unknown step"},
    {"audit %lld is %s: auditors are assigned while it is planned",
     "監査 %lld は「%s」です: 監査人の割当ては監査の実施前・実施中に行います",
     "audit %lld is %s: auditors are assigned while it is planned"},
    {"audits: The annual audit plan is saved.", "年度情報セキュリティ監査計画を作成しました。",
     "The annual audit plan is saved."},
    {"audits: Planning (auditors)", "監査計画の作成（監査人）", "Planning (auditors)"},
    {"audits: New annual audit plan", "年度情報セキュリティ監査計画を作成",
     "New annual audit plan"},
    {"audits: Period from", "期間の開始日", "Period from"},
    {"audits: Period to", "期間の終了日", "Period to"},
    {"audits: New audit", "監査実施計画を作成", "New audit"},
    {"audits: Audited department (code)", "被監査部門（コード）", "Audited department (code)"},
    {"audits: Auditors (login:assignment, …; the first leads)",
     "監査の実施担当者及び割当て（ログイン名:割当て、…。先頭が主任）",
     "Auditors (login:assignment, …; the first leads)"},
    {"audits: Assign an auditor", "監査人を割り当てる", "Assign an auditor"},
    {"audits: Assignment", "割当て", "Assignment"},
    {"audits: The audit is planned.", "監査実施計画を作成しました。", "The audit is planned."},
    {"audits: The auditor is assigned.", "監査人を割り当てました。", "The auditor is assigned."},
};

static const struct route audits_routes[] = {
    {WEB_GET, "/audits", page_audits, 0, ROUTE_AUTH},
    {WEB_POST, "/audits/programmes", page_programme_post, AUTH_ROLE_AUDITOR,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/plans", page_plan_post, AUTH_ROLE_AUDITOR, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/audits/{id}", page_audit, 0, ROUTE_AUTH},
    {WEB_GET, "/audits/{id}/report", page_audit_report, 0, ROUTE_AUTH},
    {WEB_POST, "/audits/{id}/findings", page_finding_post, AUTH_ROLE_AUDITOR,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/{id}/auditors", page_auditor_post, AUTH_ROLE_AUDITOR,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/{id}/report", page_report_post, AUTH_ROLE_AUDITOR, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/{id}/instruct", page_instruct_post, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/{id}/close", page_close_post, AUTH_ROLE_CISO, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/findings/{id}/improve", page_improve_post, AUTH_ROLE_MANAGER,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/audits/findings/{id}/confirm", page_confirm_post, AUTH_ROLE_AUDITOR,
     ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav audits_nav[] = {{"/audits", "Information security audits", 0}};
WEB_MODULE(audits, audits_routes, audits_msgs, audits_nav);
