/*
 * pages_campaigns.c — self-inspection (自己点検, guideline 3.3.1.1(1)) for the people who run it:
 * the yearly plans (年度自己点検計画) and their revision (見直し) and closing, issuing the sheets
 * of a round (自己点検の実施を指示), the progress per department, the report (実施率 overall, per
 * chapter/section, PDCA phase, department and role, against the previous campaign) with an SVG
 * trend chart, the managers' evaluations (評価結果の報告), the CISO's improvement instructions
 * (改善の指示) and their follow-up, and the report as CSV.
 *
 * Who sees what (docs/web/self-inspection.md):
 *   - CISO (最高情報セキュリティ責任者): everything, and the only one who sets up, revises and
 *     closes plans and instructs (3.3.1.1(1) m1, m5; the library refuses anyone else);
 *   - committee (情報セキュリティ委員会) and auditors: every plan, progress and report figure,
 *     read-only (the committee deliberates on the organisation's results; the auditors check
 *     that the self-inspection is carried out, 3.3.1.2);
 *   - a department's information security manager (情報セキュリティ責任者): the plans, and the
 *     progress, sheets, figures, evaluation and instructions of their own department only
 *     (m2, m4: they instruct, analyse and report for their department); issuing for their
 *     department;
 *   - anyone else: 403 (route role mask).
 * Every POST goes through the library function the CLI uses, in web_action (one BEGIN IMMEDIATE
 * transaction, the person's login as the audit actor), so the library's own rules hold again.
 * Figures come from assess_report_compute — the same numbers as `airguard assess report`.
 */
#include "isms/assess.h"
#include "store/store.h"
#include "web/compliance.h"
#include "web/trend.h"
#include "web/web_int.h"
#include "web/workbook.h"

#include <math.h>

#define CAMPAIGNS_ROLES                                                                            \
    (AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_AUDITOR | AUTH_ROLE_MANAGER)
#define VIEW_MAX_DEPTS 16
#define TREND_MAX 8

/* ---- who is looking ---- */

struct viewer {
    bool all;  /* CISO, committee, auditor, or an organisation-wide manager */
    bool ciso; /* may set up plans and instruct */
    size_t n;  /* departments managed (when !all) */
    long long dept[VIEW_MAX_DEPTS];
    char code[VIEW_MAX_DEPTS][65];
};

static int viewer_load(struct web_req *req, struct viewer *v)
{
    memset(v, 0, sizeof(*v));
    v->ciso = web_has_role(req, AUTH_ROLE_CISO);
    v->all = web_has_role(req, AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_AUDITOR);
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT r.department_id, coalesce(d.code, '') FROM person_roles r "
                           "LEFT JOIN departments d ON d.id = r.department_id WHERE r.person_id = "
                           "?1 AND r.role = 'manager' ORDER BY r.department_id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (sqlite3_column_type(s, 0) == SQLITE_NULL) {
            v->all = true; /* a manager for the whole organisation */
            continue;
        }
        if (v->n < VIEW_MAX_DEPTS) {
            v->dept[v->n] = sqlite3_column_int64(s, 0);
            snprintf(v->code[v->n], sizeof(v->code[0]), "%s", store_col_text(s, 1));
            v->n++;
        }
    }
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

static bool viewer_code(const struct viewer *v, const char *code)
{
    if (v->all)
        return true;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->code[i], code) == 0)
            return true;
    return false;
}

/* ---- small helpers ---- */

struct plan_row {
    long long id;
    int fiscal_year, frequency, revision;
    char title[256], timing[256], selection[1024], method[1024], status[16], note[1024],
        created_by[65], created_at[21], revised_at[21];
};

static int plan_load(struct web_req *req, long long id, struct plan_row *p)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT p.id, p.fiscal_year, p.frequency, p.revision, p.title, "
                           "p.timing, p.selection, p.method, p.status, p.revision_note, "
                           "coalesce(c.login, ''), p.created_at, coalesce(p.revised_at, '') FROM "
                           "assess_plans p LEFT JOIN people c ON c.id = p.created_by WHERE p.id = "
                           "?1",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        p->id = sqlite3_column_int64(s, 0);
        p->fiscal_year = sqlite3_column_int(s, 1);
        p->frequency = sqlite3_column_int(s, 2);
        p->revision = sqlite3_column_int(s, 3);
        snprintf(p->title, sizeof(p->title), "%s", store_col_text(s, 4));
        snprintf(p->timing, sizeof(p->timing), "%s", store_col_text(s, 5));
        snprintf(p->selection, sizeof(p->selection), "%s", store_col_text(s, 6));
        snprintf(p->method, sizeof(p->method), "%s", store_col_text(s, 7));
        snprintf(p->status, sizeof(p->status), "%s", store_col_text(s, 8));
        snprintf(p->note, sizeof(p->note), "%s", store_col_text(s, 9));
        snprintf(p->created_by, sizeof(p->created_by), "%s", store_col_text(s, 10));
        snprintf(p->created_at, sizeof(p->created_at), "%s", store_col_text(s, 11));
        snprintf(p->revised_at, sizeof(p->revised_at), "%s", store_col_text(s, 12));
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

/* The plan of the path's {id}; on a malformed or unknown id the 404 page is written and *done is
 * set. */
static int plan_of_path(struct web_req *req, struct plan_row *p, bool *done)
{
    long long id;
    *done = false;
    int rc = web_param_id(req, "id", &id) ? plan_load(req, id, p) : AG_ENOTFOUND;
    if (rc == AG_ENOTFOUND) {
        *done = true;
        return web_error(req, 404, "No such self-inspection plan");
    }
    return rc;
}

/* ?round=N (1..12) or 0 when absent; false when present but malformed. */
static bool query_round(struct web_req *req, int *round)
{
    const char *q = web_query(req, "round");
    *round = 0;
    if (!q || !*q)
        return true;
    if (strlen(q) > 2 || strspn(q, "0123456789") != strlen(q))
        return false;
    *round = (int)strtol(q, NULL, 10);
    return *round >= 1 && *round <= 12;
}

static const char *form(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && *v ? v : NULL;
}

static void rate_cell(struct web_req *req, const struct assess_tally *t)
{
    double r = assess_tally_rate(t);
    if (r < 0)
        html_text(&req->out, "-");
    else
        html_textf(&req->out, "%.1f%%", r);
}

static void change_cell(struct web_req *req, const struct assess_tally *now,
                        const struct assess_tally *prev)
{
    double a = assess_tally_rate(now), b = assess_tally_rate(prev);
    if (a < 0 || b < 0)
        html_text(&req->out, "-");
    else
        html_textf(&req->out, "%+.1f", a - b);
}

static void tally_sum(struct assess_tally *into, const struct assess_tally *t)
{
    into->implemented += t->implemented;
    into->partial += t->partial;
    into->not_implemented += t->not_implemented;
    into->not_applicable += t->not_applicable;
    into->unanswered += t->unanswered;
}

static const char *dept_name(struct web_req *req, const char *code)
{
    struct ag_error err;
    sqlite3_stmt *s;
    const char *out = code;
    if (store_prepare(req->st, &s,
                      "SELECT CASE WHEN ?2 = 'en' AND name_en <> '' THEN name_en ELSE name_ja END "
                      "FROM departments WHERE code = ?1",
                      &err) != AG_OK)
        return code;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *n = arena_printf(&req->arena, "%s (%s)", store_col_text(s, 0), code);
        if (n)
            out = n;
    }
    sqlite3_finalize(s);
    return out;
}

static const char *row_label(struct web_req *req, enum assess_by by, const char *key)
{
    if (by == ASSESS_BY_SECTION) {
        const struct catalog_node *n = catalog_find(req->cat, key);
        const char *l =
            arena_printf(&req->arena, "%s %s", key, n ? catalog_text_get(n->title, req->lang) : "");
        return l ? l : key;
    }
    if (by == ASSESS_BY_ROLE) {
        for (size_t i = 0; i < catalog_role_count(req->cat); i++)
            if (strcmp(catalog_role_at(req->cat, i)->id, key) == 0)
                return catalog_text_get(catalog_role_at(req->cat, i)->name, req->lang);
    }
    if (by == ASSESS_BY_PHASE) {
        const char *k = arena_printf(&req->arena, "phase:%s", key);
        return k ? web_tr(req, k) : key;
    }
    if (by == ASSESS_BY_DEPARTMENT)
        return dept_name(req, key);
    return key;
}

static const char *or_home(const char *href)
{
    return href ? href : "/campaigns";
}
/* A same-origin address formatted into the arena ("/campaigns" if memory ran out). */
#define HREF(req, ...) or_home(arena_printf(&(req)->arena, __VA_ARGS__))

/* ---- GET /campaigns ---- */

static void plan_form(struct web_req *req)
{
    struct html *h = &req->out;
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "New self-inspection plan (年度自己点検計画)"));
    html_lit(h, "</h2>");
    page_form_begin(req, "/campaigns");
    page_input(req, "year", "campaigns: Fiscal year", "number", web_form_get(&req->form, "year"),
               true);
    page_input(req, "title", "campaigns: Title", "text", web_form_get(&req->form, "title"), true);
    page_input(req, "frequency", "frequency", "number", web_form_get(&req->form, "frequency"),
               true);
    page_input(req, "timing", "timing", "text", web_form_get(&req->form, "timing"), true);
    page_input(req, "depts", "campaigns: Departments (code or code:rounds, comma-separated)",
               "text", web_form_get(&req->form, "depts"), true);
    page_input(req, "items", "campaigns: Items (all, or ids/refs, comma-separated)", "text",
               web_form_get(&req->form, "items") ? web_form_get(&req->form, "items") : "all", true);
    page_textarea(req, "selection", "selection", web_form_get(&req->form, "selection"), false);
    page_textarea(req, "method", "method", web_form_get(&req->form, "method"), false);
    page_form_end(req, "campaigns: Create the plan");
}

static int plans_page(struct web_req *req, const char *alert_msg)
{
    struct html *h = &req->out;
    struct viewer v;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc;
    const char *status = web_query(req, "status");
    if (status && strcmp(status, "active") != 0 && strcmp(status, "closed") != 0 &&
        strcmp(status, "all") != 0)
        return web_error(req, 400, "campaigns: Unknown status filter");
    if (!status)
        status = "all";
    if ((rc = viewer_load(req, &v)))
        return rc;
    rc = store_prepare(req->st, &s,
                       "SELECT p.id, p.fiscal_year, p.title, p.frequency, p.timing, p.status, "
                       "p.revision, (SELECT count(*) FROM assess_plan_items i WHERE i.plan_id = "
                       "p.id), (SELECT group_concat(d.code || coalesce(':' || pd.frequency, ''), "
                       "' ') FROM assess_plan_depts pd JOIN departments d ON d.id = "
                       "pd.department_id WHERE pd.plan_id = p.id), (SELECT count(*) FROM "
                       "assess_sheets x WHERE x.plan_id = p.id), (SELECT count(*) FROM "
                       "assess_sheets x WHERE x.plan_id = p.id AND x.status = 'submitted') FROM "
                       "assess_plans p WHERE ?1 = 'all' OR p.status = ?1 ORDER BY p.fiscal_year "
                       "DESC, p.id DESC",
                       &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, status, -1, SQLITE_STATIC);
    page_begin(req, web_tr(req, "Self-inspection plans"));
    page_h1(req, web_tr(req, "Self-inspection plans"));
    page_note(req, web_tr(req, "Guideline 3.3.1.1(1): the CISO sets up the yearly plan; the "
                               "information security managers have the sheets answered; the "
                               "results are analysed as 実施率 and improved."));
    if (alert_msg)
        page_alert(req, alert_msg);
    html_lit(h, "<p class=\"filters\">");
    static const char *const st_val[] = {"all", "active", "closed"};
    static const char *const st_lab[] = {"campaigns: All", "campaigns: Active",
                                         "campaigns: Closed"};
    for (size_t i = 0; i < AG_ARRAY_LEN(st_val); i++) {
        if (strcmp(status, st_val[i]) == 0) {
            html_lit(h, "<strong>");
            html_text(h, web_tr(req, st_lab[i]));
            html_lit(h, "</strong> ");
        } else {
            page_link(req, arena_printf(&req->arena, "/campaigns?status=%s", st_val[i]),
                      web_tr(req, st_lab[i]));
            html_lit(h, " ");
        }
    }
    html_lit(h, "</p>");
    static const char *const heads[] = {"campaigns: Plan no.",
                                        "fiscal_year",
                                        "campaigns: Title",
                                        "frequency",
                                        "timing",
                                        "Status",
                                        "campaigns: Revision",
                                        "items",
                                        "departments",
                                        "campaigns: Sheets submitted"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        const char *st = store_col_text(s, 5);
        html_lit(h, "<tr><td>");
        page_link(req, HREF(req, "/campaigns/%lld", id), arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 1));
        html_lit(h, "</td><td>");
        page_link(req, HREF(req, "/campaigns/%lld", id), store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 3));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 4));
        html_lit(h, "</td><td>");
        html_text(
            h, web_tr(req, strcmp(st, "closed") == 0 ? "campaigns: Closed" : "campaigns: Active"));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 6));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 7));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 8));
        html_lit(h, "</td><td>");
        html_textf(h, "%d / %d", sqlite3_column_int(s, 10), sqlite3_column_int(s, 9));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "campaigns: No self-inspection plans yet.");
    if (v.ciso)
        plan_form(req);
    page_end(req);
    return AG_OK;
}

static int page_campaigns(struct web_req *req)
{
    return plans_page(req, NULL);
}

/* ---- POST /campaigns ---- */

struct plan_add_ctx {
    struct assess_plan_new p;
    long long id;
};

static int do_plan_add(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct plan_add_ctx *c = ctx;
    return assess_plan_add(req->st, req->cat, req->user.person_id, &c->p, &c->id, err);
}

static bool small_int(const char *s, int min, int max, int *out)
{
    if (!s || !*s || strlen(s) > 6 || strspn(s, "0123456789") != strlen(s))
        return false;
    *out = (int)strtol(s, NULL, 10);
    return *out >= min && *out <= max;
}

static int refused(struct web_req *req, int rc, const struct ag_error *err,
                   int (*page)(struct web_req *req, const char *msg))
{
    if (rc != AG_EINVAL && rc != AG_EDENIED && rc != AG_ENOTFOUND && rc != AG_ECONFLICT &&
        rc != AG_EUSAGE)
        return rc;
    strbuf_reset(&req->out.sb);
    req->nhdr = 0;
    const char *msg = arena_strdup(&req->arena, err->msg);
    int prc = page(req, msg ? msg : "");
    /* the page's own record was found; a missing one named in the form is bad input */
    req->status = rc == AG_ENOTFOUND ? 400 : web_refusal_status(rc);
    return prc;
}

static int page_campaigns_add(struct web_req *req)
{
    struct plan_add_ctx c;
    struct ag_error err;
    ag_error_clear(&err);
    memset(&c, 0, sizeof(c));
    int rc;
    if (!small_int(form(req, "year"), 2000, 2100, &c.p.fiscal_year))
        rc = ag_error_set(&err, AG_EINVAL, web_tr(req, "fiscal year: a year from 2000 to 2100"));
    else if (!small_int(form(req, "frequency"), 1, 12, &c.p.frequency))
        rc = ag_error_set(&err, AG_EINVAL, web_tr(req, "rounds a year: a number from 1 to 12"));
    else {
        c.p.title = form(req, "title");
        c.p.timing = form(req, "timing");
        c.p.selection = form(req, "selection");
        c.p.method = form(req, "method");
        c.p.items = form(req, "items") ? form(req, "items") : "all";
        c.p.depts = form(req, "depts");
        rc = web_action(req, do_plan_add, &c, &err);
    }
    if (rc == AG_OK)
        return web_redirect(req, HREF(req, "/campaigns/%lld?ok=created", c.id));
    return refused(req, rc, &err, plans_page);
}

/* ---- GET /campaigns/{id} ---- */

static void plan_forms(struct web_req *req, const struct plan_row *p, const struct viewer *v)
{
    struct html *h = &req->out;
    bool active = strcmp(p->status, "active") == 0;
    if (!active)
        return;
    /* issue: the CISO for every department or one; a manager for their own */
    if (v->ciso || v->n) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "Issue the sheets of a round (自己点検の実施の指示)"));
        html_lit(h, "</h2>");
        page_form_begin(req, HREF(req, "/campaigns/%lld/issue", p->id));
        page_input(req, "round", "Round", "number", web_form_get(&req->form, "round"), true);
        const char *vals[VIEW_MAX_DEPTS + 1], *labs[VIEW_MAX_DEPTS + 1];
        size_t n = 0;
        if (v->ciso) {
            vals[n] = "";
            labs[n++] = "campaigns: Every department of the plan";
        }
        for (size_t i = 0; i < v->n && n < AG_ARRAY_LEN(vals); i++) {
            vals[n] = v->code[i];
            labs[n++] = v->code[i];
        }
        page_select(req, "dept", "Department", vals, labs, n, web_form_get(&req->form, "dept"));
        page_input(req, "due", "Due", "date", web_form_get(&req->form, "due"), true);
        page_form_end(req, "campaigns: Issue the sheets");
    }
    if (!v->ciso)
        return;
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Revise the plan (見直し)"));
    html_lit(h, "</h2>");
    page_form_begin(req, HREF(req, "/campaigns/%lld/revise", p->id));
    page_input(req, "add_items", "campaigns: Items to add (ids/refs, comma-separated)", "text",
               web_form_get(&req->form, "add_items"), false);
    page_input(req, "add_depts", "campaigns: Departments to add (code or code:rounds)", "text",
               web_form_get(&req->form, "add_depts"), false);
    page_input(req, "frequency", "frequency", "number", web_form_get(&req->form, "frequency"),
               false);
    page_input(req, "timing", "timing", "text", web_form_get(&req->form, "timing"), false);
    page_textarea(req, "reason", "campaigns: Reason for the revision",
                  web_form_get(&req->form, "reason"), true);
    page_form_end(req, "campaigns: Revise");
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Close the plan"));
    html_lit(h, "</h2>");
    page_form_begin(req, HREF(req, "/campaigns/%lld/close", p->id));
    html_lit(h, "<p>");
    html_text(h, web_tr(req, "A closed plan is neither revised nor gets new sheets."));
    html_lit(h, "</p>");
    page_form_end(req, "campaigns: Close the plan");
}

/* Progress per round and department: sheets issued and submitted, items answered. */
static int progress_table(struct web_req *req, const struct plan_row *p, const struct viewer *v)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT x.round, d.code, count(*), sum(x.status = 'submitted'), "
                           "(SELECT count(*) FROM assess_answers a JOIN assess_sheets y ON y.id = "
                           "a.sheet_id WHERE y.plan_id = x.plan_id AND y.round = x.round AND "
                           "y.department_id = x.department_id AND a.answer IS NOT NULL), (SELECT "
                           "count(*) FROM assess_answers a JOIN assess_sheets y ON y.id = "
                           "a.sheet_id WHERE y.plan_id = x.plan_id AND y.round = x.round AND "
                           "y.department_id = x.department_id), min(x.due_date) FROM "
                           "assess_sheets x JOIN departments d ON d.id = x.department_id WHERE "
                           "x.plan_id = ?1 GROUP BY x.round, x.department_id ORDER BY x.round "
                           "DESC, d.id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, p->id);
    html_lit(h, "<h2 id=\"progress\">");
    html_text(h, web_tr(req, "Progress by round and department"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"Round",
                                        "Department",
                                        "campaigns: Sheets submitted",
                                        "campaigns: Items answered",
                                        "Due",
                                        "campaigns: Sheets",
                                        "campaigns: Report"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        int round = sqlite3_column_int(s, 0);
        const char *code = store_col_text(s, 1);
        if (!viewer_code(v, code))
            continue;
        html_lit(h, "<tr");
        html_attr(h, "id", arena_printf(&req->arena, "progress-%d-%s", round, code));
        html_lit(h, "><td>");
        html_textf(h, "%d", round);
        html_lit(h, "</td><td>");
        html_text(h, dept_name(req, code));
        html_lit(h, "</td><td class=\"num\">");
        html_textf(h, "%d / %d", sqlite3_column_int(s, 3), sqlite3_column_int(s, 2));
        html_lit(h, "</td><td class=\"num\">");
        html_textf(h, "%d / %d", sqlite3_column_int(s, 4), sqlite3_column_int(s, 5));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 6));
        html_lit(h, "</td><td>");
        const char *sh =
            arena_printf(&req->arena, "/campaigns/%lld/sheets?round=%d&dept=", p->id, round);
        struct strbuf u;
        strbuf_init(&u, 512);
        strbuf_adds(&u, sh ? sh : "/campaigns");
        html_url_component(&u, code);
        page_link(req, strbuf_ok(&u) ? arena_strdup(&req->arena, strbuf_str(&u)) : "/campaigns",
                  web_tr(req, "campaigns: Sheets"));
        strbuf_release(&u);
        html_lit(h, "</td><td>");
        page_link(req, HREF(req, "/campaigns/%lld/report?round=%d", p->id, round),
                  web_tr(req, "campaigns: Report"));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "campaigns: No sheets issued yet.");
    return AG_OK;
}

static int plan_page(struct web_req *req, const char *alert_msg)
{
    struct html *h = &req->out;
    struct plan_row p;
    struct viewer v;
    bool done;
    int rc = plan_of_path(req, &p, &done);
    if (rc || done)
        return rc;
    if ((rc = viewer_load(req, &v)))
        return rc;
    const char *title = arena_printf(&req->arena, web_tr(req, "Self-inspection plan %lld"), p.id);
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    static const char *const oks[][2] = {
        {"created", "campaigns: The plan is created."},
        {"revised", "campaigns: The plan is revised."},
        {"closed", "campaigns: The plan is closed."},
        {"issued", "campaigns: The sheets are issued."},
        {"workbook", "workbook: The answers of the workbook are imported."},
    };
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(oks); i++)
        if (strcmp(ok, oks[i][0]) == 0)
            page_ok(req, web_tr(req, oks[i][1]));
    const char *issued = web_query(req, "issued");
    if (issued && strspn(issued, "0123456789") == strlen(issued) && strlen(issued) < 8)
        page_note(req,
                  arena_printf(&req->arena, web_tr(req, "campaigns: %s sheet(s) issued."), issued));
    page_dl_begin(req);
    page_dl_item(req, "fiscal_year", arena_printf(&req->arena, "%d", p.fiscal_year));
    page_dl_item(req, "campaigns: Title", p.title);
    page_dl_item(
        req, "Status",
        web_tr(req, strcmp(p.status, "closed") == 0 ? "campaigns: Closed" : "campaigns: Active"));
    page_dl_item(req, "frequency", arena_printf(&req->arena, "%d", p.frequency));
    page_dl_item(req, "timing", p.timing);
    page_dl_item(req, "selection", p.selection);
    page_dl_item(req, "method", p.method);
    page_dl_item(req, "campaigns: Revision", arena_printf(&req->arena, "%d", p.revision));
    if (*p.note)
        page_dl_item(req, "campaigns: Reason for the revision", p.note);
    page_dl_item(req, "created_by", p.created_by);
    page_dl_end(req);

    /* departments taking part (対象部署) with their frequency */
    struct ag_error err;
    sqlite3_stmt *s;
    if ((rc = store_prepare(req->st, &s,
                            "SELECT d.code, coalesce(pd.frequency, ?2) FROM assess_plan_depts pd "
                            "JOIN departments d ON d.id = pd.department_id WHERE pd.plan_id = ?1 "
                            "ORDER BY d.id",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, p.id);
    sqlite3_bind_int(s, 2, p.frequency);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "departments"));
    html_lit(h, "</h2>");
    static const char *const dheads[] = {"Department", "frequency"};
    page_table_begin(req, dheads, AG_ARRAY_LEN(dheads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        html_text(h, dept_name(req, store_col_text(s, 0)));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 1));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, NULL);
    html_lit(h, "<p>");
    page_link(req, HREF(req, "/campaigns/%lld/report", p.id),
              web_tr(req, "campaigns: The report of the latest round"));
    html_lit(h, "</p>");
    if ((rc = progress_table(req, &p, &v)) || (rc = compliance_flags_card(req, p.id)) ||
        (rc = workbook_card(req, p.id)))
        return rc;
    plan_forms(req, &p, &v);
    page_end(req);
    return AG_OK;
}

static int page_campaign(struct web_req *req)
{
    return plan_page(req, NULL);
}

/* ---- POST /campaigns/{id}/issue, /revise, /close ---- */

struct plan_post_ctx {
    long long plan;
    int round, issued, uncovered;
    const char *dept, *due;
    struct assess_plan_revision rev;
};

static int do_issue(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct plan_post_ctx *c = ctx;
    return assess_sheets_issue(req->st, req->cat, req->user.person_id, c->plan, c->round, c->dept,
                               c->due, &c->issued, &c->uncovered, err);
}

static int do_revise(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct plan_post_ctx *c = ctx;
    return assess_plan_revise(req->st, req->cat, req->user.person_id, c->plan, &c->rev, err);
}

static int do_close(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct plan_post_ctx *c = ctx;
    return assess_plan_close(req->st, req->user.person_id, c->plan, err);
}

static int plan_post(struct web_req *req, const char *what)
{
    struct plan_row p;
    struct viewer v;
    struct plan_post_ctx c;
    struct ag_error err;
    bool done;
    int rc = plan_of_path(req, &p, &done);
    if (rc || done)
        return rc;
    if ((rc = viewer_load(req, &v)))
        return rc;
    ag_error_clear(&err);
    memset(&c, 0, sizeof(c));
    c.plan = p.id;
    if (strcmp(what, "issued") == 0) {
        c.dept = form(req, "dept");
        c.due = form(req, "due");
        /* a manager issues for their own department only (3.3.1.1(1) m2); the CISO for any */
        if (!v.ciso && (!c.dept || !viewer_code(&v, c.dept))) {
            ag_error_set_lang(req->lang);
            rc = ag_error_set(&err, AG_EDENIED,
                              web_tr(req, "campaigns: You may issue sheets only for a "
                                          "department whose information security manager you "
                                          "are"));
        } else if (!small_int(form(req, "round"), 1, 12, &c.round)) {
            rc = ag_error_set(&err, AG_EINVAL, web_tr(req, "round: a number from 1 to 12"));
        } else {
            rc = web_action(req, do_issue, &c, &err);
        }
    } else if (strcmp(what, "revised") == 0) {
        c.rev.add_items = form(req, "add_items");
        c.rev.add_depts = form(req, "add_depts");
        c.rev.timing = form(req, "timing");
        c.rev.reason = form(req, "reason");
        if (form(req, "frequency") && !small_int(form(req, "frequency"), 1, 12, &c.rev.frequency))
            rc = ag_error_set(&err, AG_EINVAL, web_tr(req, "rounds a year: a number from 1 to 12"));
        else
            rc = web_action(req, do_revise, &c, &err);
    } else {
        rc = web_action(req, do_close, &c, &err);
    }
    if (rc == AG_OK) {
        const char *loc =
            strcmp(what, "issued") == 0
                ? arena_printf(&req->arena, "/campaigns/%lld?ok=issued&issued=%d#progress", p.id,
                               c.issued)
                : arena_printf(&req->arena, "/campaigns/%lld?ok=%s", p.id, what);
        return web_redirect(req, loc ? loc : "/campaigns");
    }
    return refused(req, rc, &err, plan_page);
}

static int page_campaign_issue(struct web_req *req)
{
    return plan_post(req, "issued");
}

static int page_campaign_revise(struct web_req *req)
{
    return plan_post(req, "revised");
}

static int page_campaign_close(struct web_req *req)
{
    return plan_post(req, "closed");
}

/* ---- GET /campaigns/{id}/sheets?round=&dept= ---- */

static int page_campaign_sheets(struct web_req *req)
{
    struct html *h = &req->out;
    struct plan_row p;
    struct viewer v;
    bool done;
    int round, rc = plan_of_path(req, &p, &done);
    if (rc || done)
        return rc;
    if (!query_round(req, &round))
        return web_error(req, 400, "campaigns: The round must be a number from 1 to 12");
    if ((rc = viewer_load(req, &v)))
        return rc;
    const char *dept = web_query(req, "dept");
    if (dept && *dept && !viewer_code(&v, dept))
        return web_error(req, 403, "campaigns: You may see only your own department");
    int page = 1;
    const char *pq = web_query(req, "page");
    if (pq && (!*pq || strlen(pq) > 6 || strspn(pq, "0123456789") != strlen(pq) ||
               (page = (int)strtol(pq, NULL, 10)) < 1))
        return web_error(req, 400, "campaigns: The page must be a positive number");
    struct ag_error err;
    sqlite3_stmt *s;
    /* the department restriction is in the query, so pages of 50 are pages of visible rows */
    if ((rc = store_prepare(req->st, &s,
                            "SELECT x.id, x.round, d.code, pe.login, pe.name, x.status, "
                            "x.due_date, (SELECT count(*) FROM assess_answers a WHERE a.sheet_id "
                            "= x.id AND a.answer IS NOT NULL), (SELECT count(*) FROM "
                            "assess_answers a WHERE a.sheet_id = x.id), (SELECT count(*) FROM "
                            "assess_answers a JOIN assess_answer_evidence ae ON ae.answer_id = "
                            "a.id WHERE a.sheet_id = x.id), x.department_id FROM assess_sheets x "
                            "JOIN departments "
                            "d ON d.id = x.department_id JOIN people pe ON pe.id = "
                            "x.respondent_id WHERE x.plan_id = ?1 AND (?2 = 0 OR x.round = ?2) "
                            "AND (?3 IS NULL OR ?3 = '' OR d.code = ?3) AND (?4 = 1 OR "
                            "x.department_id IN (SELECT department_id FROM person_roles WHERE "
                            "person_id = ?5 AND role = 'manager')) ORDER BY x.round DESC, d.id, "
                            "x.status, x.id LIMIT 51 OFFSET ?6",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, p.id);
    sqlite3_bind_int(s, 2, round);
    store_bind_text(s, 3, dept);
    sqlite3_bind_int(s, 4, v.all);
    sqlite3_bind_int64(s, 5, req->user.person_id);
    sqlite3_bind_int64(s, 6, (sqlite3_int64)(page - 1) * 50);
    const char *title =
        arena_printf(&req->arena, web_tr(req, "Sheets of self-inspection plan %lld"), p.id);
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    html_lit(h, "<p>");
    page_link(req, HREF(req, "/campaigns/%lld", p.id), p.title);
    html_lit(h, "</p>");
    static const char *const heads[] = {"Sheet",
                                        "Round",
                                        "Department",
                                        "campaigns: Respondent",
                                        "Status",
                                        "Due",
                                        "Answered",
                                        "campaigns: Evidence files",
                                        "campaigns: Download"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    bool more = false;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = store_col_text(s, 2);
        if (n == 50) {
            more = true;
            continue;
        }
        long long id = sqlite3_column_int64(s, 0);
        html_lit(h, "<tr><td>");
        page_link(req, HREF(req, "/assess/sheets/%lld", id), arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, code);
        html_lit(h, "</td><td>");
        html_textf(h, "%s (%s)", store_col_text(s, 4), store_col_text(s, 3));
        html_lit(h, "</td><td>");
        html_text(h, web_tr(req, strcmp(store_col_text(s, 5), "submitted") == 0 ? "submitted"
                                                                                : "not submitted"));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 6));
        html_lit(h, "</td><td class=\"num\">");
        html_textf(h, "%d / %d", sqlite3_column_int(s, 7), sqlite3_column_int(s, 8));
        html_lit(h, "</td><td class=\"num\">");
        html_textf(h, "%d", sqlite3_column_int(s, 9));
        html_lit(h, "</td><td>");
        /* the library lets the respondent, the department's manager and the CISO export */
        if (v.ciso ||
            isms_has_role(req->st, req->user.person_id, "manager", sqlite3_column_int64(s, 10)))
            page_link(req, HREF(req, "/assess/sheets/%lld/xlsx", id), "XLSX");
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "campaigns: No sheets issued yet.");
    if (page > 1 || more) { /* previous / next page, keeping the filters */
        html_lit(h, "<p class=\"pages\">");
        for (int k = 0; k < 2; k++) {
            int to = k == 0 ? page - 1 : page + 1;
            if ((k == 0 && page == 1) || (k == 1 && !more))
                continue;
            struct strbuf u;
            strbuf_init(&u, 1024);
            strbuf_addf(&u, "/campaigns/%lld/sheets?page=%d", p.id, to);
            if (round)
                strbuf_addf(&u, "&round=%d", round);
            strbuf_adds(&u, "&dept=");
            html_url_component(&u, dept ? dept : "");
            page_link(req, strbuf_ok(&u) ? arena_strdup(&req->arena, strbuf_str(&u)) : "/campaigns",
                      web_tr(req, k == 0 ? "campaigns: Previous page" : "campaigns: Next page"));
            strbuf_release(&u);
            html_lit(h, " ");
        }
        html_lit(h, "</p>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- the report ---- */

/* The campaigns (plan, round) with sheets up to and including (plan, round), oldest first, at
 * most TREND_MAX. */
struct campaign {
    long long plan;
    int round, fiscal_year;
};

static int campaigns_upto(struct web_req *req, const struct assess_report *r, struct campaign *out,
                          size_t *n)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT DISTINCT x.plan_id, x.round, p.fiscal_year FROM assess_sheets "
                           "x JOIN assess_plans p ON p.id = x.plan_id WHERE (p.fiscal_year, "
                           "p.id, x.round) <= ((SELECT fiscal_year FROM assess_plans WHERE id = "
                           "?1), ?1, ?2) ORDER BY p.fiscal_year DESC, p.id DESC, x.round DESC "
                           "LIMIT ?3",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, r->plan);
    sqlite3_bind_int(s, 2, r->round);
    sqlite3_bind_int(s, 3, TREND_MAX);
    size_t k = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && k < TREND_MAX) {
        out[k].plan = sqlite3_column_int64(s, 0);
        out[k].round = sqlite3_column_int(s, 1);
        out[k].fiscal_year = sqlite3_column_int(s, 2);
        k++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    for (size_t i = 0; i < k / 2; i++) { /* oldest first */
        struct campaign t = out[i];
        out[i] = out[k - 1 - i];
        out[k - 1 - i] = t;
    }
    *n = k;
    return AG_OK;
}

/* The tally the viewer may see: the whole organisation, or the sum of their departments. */
static struct assess_tally visible_total(const struct assess_report *r, const struct viewer *v,
                                         bool prev)
{
    if (v->all)
        return prev ? r->prev_total : r->total;
    struct assess_tally t = {0};
    for (size_t i = 0; i < r->nrows[ASSESS_BY_DEPARTMENT]; i++) {
        const struct assess_report_row *row = &r->rows[ASSESS_BY_DEPARTMENT][i];
        if (viewer_code(v, row->key))
            tally_sum(&t, prev ? &row->prev : &row->now);
    }
    return t;
}

/* The SVG trend of 実施率 over the campaigns, with a table giving the same numbers. */
static int trend_chart(struct web_req *req, const struct assess_report *cur, const struct viewer *v)
{
    struct html *h = &req->out;
    struct campaign cs[TREND_MAX];
    double rates[TREND_MAX];
    size_t n = 0;
    int rc = campaigns_upto(req, cur, cs, &n);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (cs[i].plan == cur->plan && cs[i].round == cur->round) {
            struct assess_tally t = visible_total(cur, v, false);
            rates[i] = assess_tally_rate(&t);
            continue;
        }
        struct assess_report r;
        struct ag_error err;
        if ((rc = assess_report_compute(req->st, req->cat, cs[i].plan, cs[i].round, &r, &err)))
            return rc;
        struct assess_tally t = visible_total(&r, v, false);
        rates[i] = assess_tally_rate(&t);
        assess_report_release(&r);
    }
    html_lit(h, "<h2 id=\"trend\">");
    html_text(h, web_tr(req, "Trend of 実施率 across campaigns"));
    html_lit(h, "</h2>");
    const char *labels[TREND_MAX], *ticks[TREND_MAX];
    for (size_t i = 0; i < n; i++) {
        labels[i] = arena_printf(&req->arena, web_tr(req, "campaigns: FY%d plan %lld round %d"),
                                 cs[i].fiscal_year, cs[i].plan, cs[i].round);
        ticks[i] = arena_printf(&req->arena, "%d-%d", cs[i].fiscal_year, cs[i].round);
    }
    if (!trend_svg(req, "trend", rates, labels, ticks, n)) {
        page_note(req, web_tr(req, "campaigns: No campaign with sheets yet."));
        return AG_OK;
    }
    /* the table alternative */
    static const char *const heads[] = {"campaigns: Campaign", "fiscal_year", "Plan", "Round",
                                        "campaigns: 実施率"};
    html_lit(h, "<table class=\"trend-table\" id=\"trend-table\"><caption>");
    html_text(h, web_tr(req, "Trend of 実施率 across campaigns"));
    html_lit(h, "</caption><thead><tr>");
    for (size_t i = 0; i < AG_ARRAY_LEN(heads); i++) {
        html_lit(h, "<th scope=\"col\">");
        html_text(h, web_tr(req, heads[i]));
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr><th scope=\"row\">");
        html_textf(h, "%d-%d", cs[i].fiscal_year, cs[i].round);
        html_lit(h, "</th><td>");
        html_textf(h, "%d", cs[i].fiscal_year);
        html_lit(h, "</td><td>");
        page_link(req, HREF(req, "/campaigns/%lld/report?round=%d", cs[i].plan, cs[i].round),
                  arena_printf(&req->arena, "%lld", cs[i].plan));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", cs[i].round);
        html_lit(h, "</td><td class=\"num\">");
        if (rates[i] < 0)
            html_text(h, "-");
        else
            html_textf(h, "%.1f%%", rates[i]);
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table>");
    return AG_OK;
}

static const char *const tally_heads[] = {
    "campaigns: Rows",   "implemented",         "partially implemented",
    "not implemented",   "not applicable",      "not answered",
    "campaigns: 実施率", "campaigns: Previous", "Change"};

static void tally_row(struct web_req *req, const char *id, const char *label,
                      const struct assess_tally *now, const struct assess_tally *prev, bool strong)
{
    struct html *h = &req->out;
    html_lit(h, "<tr");
    if (id)
        html_attr(h, "id", id);
    if (strong)
        html_lit(h, " class=\"sum\"><th scope=\"row\">");
    else
        html_lit(h, "><th scope=\"row\">");
    html_text(h, label);
    html_lit(h, "</th><td class=\"num\">");
    html_textf(h, "%ld", now->implemented);
    html_lit(h, "</td><td class=\"num\">");
    html_textf(h, "%ld", now->partial);
    html_lit(h, "</td><td class=\"num\">");
    html_textf(h, "%ld", now->not_implemented);
    html_lit(h, "</td><td class=\"num\">");
    html_textf(h, "%ld", now->not_applicable);
    html_lit(h, "</td><td class=\"num\">");
    html_textf(h, "%ld", now->unanswered);
    html_lit(h, "</td><td class=\"num rate\">");
    rate_cell(req, now);
    html_lit(h, "</td><td class=\"num\">");
    rate_cell(req, prev);
    html_lit(h, "</td><td class=\"num\">");
    change_cell(req, now, prev);
    html_lit(h, "</td></tr>");
}

static void by_table(struct web_req *req, const struct assess_report *r, enum assess_by by,
                     const char *title, const struct viewer *v)
{
    struct html *h = &req->out;
    html_lit(h, "<h3>");
    html_text(h, web_tr(req, title));
    html_lit(h, "</h3>");
    page_table_begin(req, tally_heads, AG_ARRAY_LEN(tally_heads));
    /* sections are grouped under their chapter (3.1, 3.2, 3.3): the chapter's row is the sum */
    char chapter[16] = "";
    size_t n = 0;
    for (size_t i = 0; i < r->nrows[by]; i++) {
        const struct assess_report_row *row = &r->rows[by][i];
        if (by == ASSESS_BY_DEPARTMENT && !viewer_code(v, row->key))
            continue;
        if (by == ASSESS_BY_SECTION) {
            const char *dot = strchr(row->key, '.');
            dot = dot ? strchr(dot + 1, '.') : NULL;
            size_t cl = dot ? (size_t)(dot - row->key) : strlen(row->key);
            if (cl < sizeof(chapter) && (strlen(chapter) != cl || strncmp(chapter, row->key, cl))) {
                snprintf(chapter, sizeof(chapter), "%.*s", (int)cl, row->key);
                struct assess_tally now = {0}, prev = {0};
                for (size_t j = i; j < r->nrows[by]; j++)
                    if (strncmp(r->rows[by][j].key, chapter, cl) == 0 &&
                        r->rows[by][j].key[cl] == '.') {
                        tally_sum(&now, &r->rows[by][j].now);
                        tally_sum(&prev, &r->rows[by][j].prev);
                    }
                tally_row(req, arena_printf(&req->arena, "chapter-%s", chapter),
                          row_label(req, by, chapter), &now, &prev, true);
            }
        }
        const char *id = arena_printf(&req->arena, "%s-%s", assess_by_names[by], row->key);
        tally_row(req, id, row_label(req, by, row->key), &row->now, &row->prev, false);
        n++;
    }
    page_table_end(req, n, "campaigns: No figures.");
}

/* 3.3.1.1(1) m6: the results feed the revision of rules and measures — the measures with the
 * lowest 実施率 this round (at most 10, ties in catalog order), organisation-wide viewers only. */
static int item_cmp(const void *a, const void *b)
{
    const struct assess_report_row *x = *(const struct assess_report_row *const *)a;
    const struct assess_report_row *y = *(const struct assess_report_row *const *)b;
    double rx = assess_tally_rate(&x->now), ry = assess_tally_rate(&y->now);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void lowest_items(struct web_req *req, const struct assess_report *r)
{
    struct html *h = &req->out;
    size_t n = r->nrows[ASSESS_BY_ITEM], k = 0;
    const struct assess_report_row **rows = n ? arena_alloc(&req->arena, n * sizeof(*rows)) : NULL;
    for (size_t i = 0; rows && i < n; i++)
        if (assess_tally_rate(&r->rows[ASSESS_BY_ITEM][i].now) >= 0)
            rows[k++] = &r->rows[ASSESS_BY_ITEM][i];
    if (k)
        qsort(rows, k, sizeof(*rows), item_cmp);
    html_lit(h, "<h3 id=\"lowest\">");
    html_text(h, web_tr(req, "campaigns: Measures with the lowest 実施率"));
    html_lit(h, "</h3>");
    page_note(req, web_tr(req, "campaigns: Guideline 3.3.1.1(1): use the results to update the "
                               "rules and measures, and to choose next year's items."));
    page_table_begin(req, tally_heads, AG_ARRAY_LEN(tally_heads));
    for (size_t i = 0; i < k && i < 10; i++) {
        const struct catalog_node *node = catalog_by_id(req->cat, rows[i]->key);
        const char *label = node ? arena_printf(&req->arena, "%s %s", node->ref,
                                                catalog_text_get(node->title, req->lang))
                                 : rows[i]->key;
        tally_row(req, arena_printf(&req->arena, "item-%s", rows[i]->key),
                  label ? label : rows[i]->key, &rows[i]->now, &rows[i]->prev, false);
    }
    page_table_end(req, k, "campaigns: No figures.");
}

static int evaluations_list(struct web_req *req, const struct assess_report *r,
                            const struct viewer *v)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT d.code, e.text, pe.login, e.reported_at FROM "
                           "assess_evaluations e JOIN departments d ON d.id = e.department_id "
                           "JOIN people pe ON pe.id = e.reported_by WHERE e.plan_id = ?1 AND "
                           "e.round = ?2 ORDER BY d.id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, r->plan);
    sqlite3_bind_int(s, 2, r->round);
    html_lit(h, "<h2 id=\"evaluations\">");
    html_text(h, web_tr(req, "Evaluations reported by the departments (評価結果の報告)"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"Department", "campaigns: Evaluation",
                                        "campaigns: Reported by", "campaigns: Reported at"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (!viewer_code(v, store_col_text(s, 0)))
            continue;
        html_lit(h, "<tr><td>");
        html_text(h, dept_name(req, store_col_text(s, 0)));
        html_lit(h, "</td><td class=\"pre\">");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "campaigns: No evaluation reported yet.");
    /* a manager reports the evaluation of their department (m4) */
    if (v->n) {
        page_form_begin(req, HREF(req, "/campaigns/%lld/evaluate?round=%d", r->plan, r->round));
        const char *vals[VIEW_MAX_DEPTS];
        for (size_t i = 0; i < v->n; i++)
            vals[i] = v->code[i];
        page_select(req, "dept", "Department", vals, vals, v->n, web_form_get(&req->form, "dept"));
        page_textarea(req, "text", "campaigns: Evaluation", web_form_get(&req->form, "text"), true);
        page_form_end(req, "campaigns: Report the evaluation");
    }
    return AG_OK;
}

static int instructions_list(struct web_req *req, const struct assess_report *r,
                             const struct viewer *v)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    char today[11];
    ag_date_iso(ag_now(), today);
    int rc = store_prepare(req->st, &s,
                           "SELECT i.id, d.code, m.login, i.manager_id, i.text, i.due_date, "
                           "coalesce(x.status, ''), coalesce(x.result, '') FROM "
                           "assess_instructions i JOIN departments d ON d.id = i.department_id "
                           "JOIN people m ON m.id = i.manager_id LEFT JOIN actions x ON x.id = "
                           "i.action_id WHERE i.plan_id = ?1 AND i.round = ?2 ORDER BY "
                           "i.due_date, i.id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, r->plan);
    sqlite3_bind_int(s, 2, r->round);
    html_lit(h, "<h2 id=\"instructions\">");
    html_text(h, web_tr(req, "Improvement instructions (改善の指示) and follow-up"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {
        "campaigns: No.", "Department",          "manager", "text", "Due", "Status",
        "result",         "campaigns: Follow-up"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (!viewer_code(v, store_col_text(s, 1)))
            continue;
        long long id = sqlite3_column_int64(s, 0);
        const char *st = store_col_text(s, 6);
        bool open = strcmp(st, "open") == 0 || strcmp(st, "in_progress") == 0;
        bool overdue = open && strcmp(store_col_text(s, 5), today) < 0;
        html_lit(h, "<tr");
        html_attr(h, "id", arena_printf(&req->arena, "instruction-%lld", id));
        html_lit(h, "><td>");
        html_textf(h, "%lld", id);
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td class=\"pre\">");
        html_text(h, store_col_text(s, 4));
        if (overdue)
            html_lit(h, "</td><td class=\"overdue\">");
        else
            html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        if (overdue) {
            html_lit(h, " ");
            html_text(h, web_tr(req, "overdue"));
        }
        html_lit(h, "</td><td>");
        html_text(h, st);
        html_lit(h, "</td><td class=\"pre\">");
        html_text(h, store_col_text(s, 7));
        html_lit(h, "</td><td>");
        const char *act = HREF(req, "/campaigns/instructions/%lld/followup?round=%d", id, r->round);
        bool mine = sqlite3_column_int64(s, 3) == req->user.person_id;
        if (mine && open) { /* the manager reports the result */
            page_form_begin(req, act);
            html_lit(h, "<input type=\"hidden\" name=\"step\" value=\"report\">");
            page_textarea(req, arena_printf(&req->arena, "result-%lld", id), "result", NULL, true);
            page_form_end(req, "campaigns: Report the result");
        }
        if (v->ciso && !mine && strcmp(st, "done") == 0) { /* the CISO accepts or returns */
            page_form_begin(req, act);
            html_lit(h, "<input type=\"hidden\" name=\"step\" value=\"accept\">");
            page_form_end(req, "campaigns: Accept");
            page_form_begin(req, act);
            html_lit(h, "<input type=\"hidden\" name=\"step\" value=\"return\">");
            page_textarea(req, arena_printf(&req->arena, "result-%lld", id),
                          "campaigns: Why it is sent back", NULL, true);
            page_form_end(req, "campaigns: Send back");
        }
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "campaigns: No improvement instructions for this round.");
    if (v->ciso) {
        html_lit(h, "<h3>");
        html_text(h, web_tr(req, "campaigns: Instruct a department to improve"));
        html_lit(h, "</h3>");
        page_form_begin(req, HREF(req, "/campaigns/%lld/instruct?round=%d", r->plan, r->round));
        page_input(req, "dept", "campaigns: Department code", "text",
                   web_form_get(&req->form, "dept"), true);
        page_input(req, "manager", "campaigns: Manager's login (when the department has several)",
                   "text", web_form_get(&req->form, "manager"), false);
        page_textarea(req, "text", "campaigns: Instruction", web_form_get(&req->form, "text"),
                      true);
        page_input(req, "due", "Due", "date", web_form_get(&req->form, "due"), true);
        page_input(req, "items", "campaigns: Measures concerned (ids/refs, optional)", "text",
                   web_form_get(&req->form, "items"), false);
        page_form_end(req, "campaigns: Instruct");
    }
    return AG_OK;
}

/* The plan of the path, the round of ?round=, the viewer and the report they may see, for the
 * report page and its CSV; on a refusal or a bad request the error page is written and *done
 * set. The report is the caller's to release. */
static int report_for_viewer(struct web_req *req, struct plan_row *p, struct viewer *v,
                             struct assess_report *r, bool *done)
{
    struct ag_error err;
    int round, rc = plan_of_path(req, p, done);
    if (rc || *done)
        return rc;
    *done = true;
    if (!query_round(req, &round))
        return web_error(req, 400, "campaigns: The round must be a number from 1 to 12");
    if ((rc = viewer_load(req, v)))
        return rc;
    if (!v->all && v->n == 0)
        return web_error(req, 403, "campaigns: You may see only your own department");
    ag_error_set_lang(req->lang);
    if ((rc = assess_report_compute(req->st, req->cat, p->id, round, r, &err)))
        return rc == AG_ENOTFOUND ? web_error(req, 404, "No such self-inspection plan") : rc;
    *done = false;
    return AG_OK;
}

static int report_page(struct web_req *req, const char *alert_msg)
{
    struct html *h = &req->out;
    struct plan_row p;
    struct viewer v;
    struct assess_report r;
    bool done;
    int rc = report_for_viewer(req, &p, &v, &r, &done);
    if (rc || done)
        return rc;
    const char *title = arena_printf(&req->arena,
                                     web_tr(req, "Self-inspection report: plan %lld, "
                                                 "round %d"),
                                     r.plan, r.round);
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "evaluated") == 0)
        page_ok(req, web_tr(req, "campaigns: The evaluation is reported."));
    else if (ok && strcmp(ok, "instructed") == 0)
        page_ok(req, web_tr(req, "campaigns: The instruction is given."));
    else if (ok && strcmp(ok, "followup") == 0)
        page_ok(req, web_tr(req, "campaigns: The follow-up is recorded."));
    html_lit(h, "<p>");
    page_link(req, HREF(req, "/campaigns/%lld", p.id),
              arena_printf(&req->arena, "%d %s", p.fiscal_year, p.title));
    html_lit(h, " · ");
    page_link(req, HREF(req, "/campaigns/%lld/report.csv?round=%d", r.plan, r.round),
              web_tr(req, "campaigns: Download as CSV"));
    html_lit(h, "</p>");
    page_note(req, web_tr(req, "実施率 = implemented / (answered - not applicable); partially "
                               "implemented counts as not implemented; submitted sheets only"));
    if (!v.all)
        page_note(req, web_tr(req, "campaigns: You see the figures of your own department."));
    struct assess_tally now = visible_total(&r, &v, false), prev = visible_total(&r, &v, true);
    html_lit(h, "<dl class=\"figures\"><div class=\"figure\"><dt>");
    html_text(h, web_tr(req, v.all ? "campaigns: 実施率 overall"
                                   : "campaigns: 実施率 of your "
                                     "department"));
    html_lit(h, "</dt><dd class=\"value\" id=\"rate-now\">");
    rate_cell(req, &now);
    html_lit(h, "</dd></div><div class=\"figure\"><dt>");
    if (r.prev_plan)
        html_textf(h, web_tr(req, "Previous campaign: plan %lld, round %d"), r.prev_plan,
                   r.prev_round);
    else
        html_text(h, web_tr(req, "campaigns: Previous"));
    html_lit(h, "</dt><dd class=\"value\" id=\"rate-prev\">");
    rate_cell(req, &prev);
    html_lit(h, "</dd></div><div class=\"figure\"><dt>");
    html_text(h, web_tr(req, "Change"));
    html_lit(h, "</dt><dd class=\"value\" id=\"rate-change\">");
    change_cell(req, &now, &prev);
    html_lit(h, "</dd></div>");
    if (v.all) {
        html_lit(h, "<div class=\"figure\"><dt>");
        html_text(h, web_tr(req, "campaigns: Sheets submitted"));
        html_lit(h, "</dt><dd class=\"value\" id=\"sheets\">");
        html_textf(h, "%d / %d", r.submitted, r.sheets);
        html_lit(h, "</dd></div>");
    }
    html_lit(h, "</dl>");
    if ((rc = trend_chart(req, &r, &v)))
        goto out;
    html_lit(h, "<h2 id=\"figures\">");
    html_text(h, web_tr(req, "campaigns: Figures"));
    html_lit(h, "</h2>");
    if (v.all) {
        by_table(req, &r, ASSESS_BY_SECTION, "campaigns: By chapter and section", &v);
        by_table(req, &r, ASSESS_BY_DEPARTMENT, "campaigns: By department", &v);
        by_table(req, &r, ASSESS_BY_PHASE, "campaigns: By PDCA phase", &v);
        by_table(req, &r, ASSESS_BY_ROLE, "campaigns: By role", &v);
        lowest_items(req, &r);
    } else {
        by_table(req, &r, ASSESS_BY_DEPARTMENT, "campaigns: By department", &v);
    }
    if ((rc = evaluations_list(req, &r, &v)) || (rc = instructions_list(req, &r, &v)))
        goto out;
    page_end(req);
out:
    assess_report_release(&r);
    return rc;
}

static int page_campaign_report(struct web_req *req)
{
    return report_page(req, NULL);
}

/* ---- GET /campaigns/{id}/report.csv ---- */

static void csv_row(struct strbuf *sb, const char *dim, const char *key, const char *label,
                    const struct assess_tally *now, const struct assess_tally *prev)
{
    double a = assess_tally_rate(now), b = assess_tally_rate(prev);
    strbuf_add_csv_field(sb, dim);
    strbuf_addc(sb, ',');
    strbuf_add_csv_field(sb, key);
    strbuf_addc(sb, ',');
    strbuf_add_csv_field(sb, label);
    strbuf_addf(sb, ",%ld,%ld,%ld,%ld,%ld,", now->implemented, now->partial, now->not_implemented,
                now->not_applicable, now->unanswered);
    if (a >= 0)
        strbuf_addf(sb, "%.1f", a);
    strbuf_addc(sb, ',');
    if (b >= 0)
        strbuf_addf(sb, "%.1f", b);
    strbuf_addc(sb, ',');
    if (a >= 0 && b >= 0)
        strbuf_addf(sb, "%+.1f", a - b);
    strbuf_adds(sb, "\r\n");
}

static int page_campaign_csv(struct web_req *req)
{
    struct plan_row p;
    struct viewer v;
    struct assess_report r;
    bool done;
    int rc = report_for_viewer(req, &p, &v, &r, &done);
    if (rc || done)
        return rc;
    struct strbuf *sb = &req->out.sb;
    strbuf_reset(sb);
    strbuf_adds(sb, "\xEF\xBB\xBF"); /* BOM: Excel reads UTF-8 */
    static const char *const cols[] = {
        "dimension",      "key",        "label", "implemented",   "partial", "not_implemented",
        "not_applicable", "unanswered", "rate",  "previous_rate", "change"};
    for (size_t i = 0; i < AG_ARRAY_LEN(cols); i++) {
        if (i)
            strbuf_addc(sb, ',');
        strbuf_add_csv_field(sb, cols[i]);
    }
    strbuf_adds(sb, "\r\n");
    struct assess_tally now = visible_total(&r, &v, false), prev = visible_total(&r, &v, true);
    csv_row(
        sb, v.all ? "overall" : "departments", "",
        web_tr(req, v.all ? "campaigns: 実施率 overall" : "campaigns: 実施率 of your department"),
        &now, &prev);
    for (int by = 0; by < ASSESS_BY_COUNT; by++) {
        if (by == ASSESS_BY_ITEM || (!v.all && by != ASSESS_BY_DEPARTMENT))
            continue;
        for (size_t i = 0; i < r.nrows[by]; i++) {
            const struct assess_report_row *row = &r.rows[by][i];
            if (by == ASSESS_BY_DEPARTMENT && !viewer_code(&v, row->key))
                continue;
            csv_row(sb, assess_by_names[by], row->key, row_label(req, (enum assess_by)by, row->key),
                    &row->now, &row->prev);
        }
    }
    const char *cd =
        arena_printf(&req->arena, "attachment; filename=\"self-inspection-plan%lld-round%d.csv\"",
                     r.plan, r.round);
    assess_report_release(&r);
    req->content_type = "text/csv; charset=utf-8";
    return cd ? web_header(req, "Content-Disposition", cd) : AG_ENOMEM;
}

/* ---- POST /campaigns/{id}/evaluate, /instruct; /campaigns/instructions/{id}/followup ---- */

struct report_post_ctx {
    long long plan, id;
    int round;
    const char *dept, *text, *step;
    struct assess_instruction_new in;
};

static int do_evaluate(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct report_post_ctx *c = ctx;
    return assess_evaluate(req->st, req->user.person_id, c->plan, c->round, c->dept, c->text, err);
}

static int do_instruct(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct report_post_ctx *c = ctx;
    return assess_instruct(req->st, req->cat, req->user.person_id, &c->in, &c->id, err);
}

static int do_followup(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct report_post_ctx *c = ctx;
    return assess_followup(req->st, req->user.person_id, c->id, c->step, c->text, err);
}

static int report_post(struct web_req *req, bool instruct)
{
    struct plan_row p;
    struct viewer v;
    struct report_post_ctx c;
    struct ag_error err;
    bool done;
    int rc = plan_of_path(req, &p, &done);
    if (rc || done)
        return rc;
    if ((rc = viewer_load(req, &v)))
        return rc;
    ag_error_clear(&err);
    memset(&c, 0, sizeof(c));
    c.plan = p.id;
    if (!query_round(req, &c.round) || c.round == 0) {
        rc = ag_error_set(&err, AG_EINVAL, web_tr(req, "round: a number from 1 to 12"));
    } else if (instruct) {
        c.in = (struct assess_instruction_new){p.id,
                                               c.round,
                                               form(req, "dept"),
                                               form(req, "manager"),
                                               form(req, "text"),
                                               form(req, "due"),
                                               form(req, "items")};
        if (!c.in.dept)
            rc = ag_error_set(&err, AG_EINVAL, web_tr(req, "campaigns: Department: missing"));
        else
            rc = web_action(req, do_instruct, &c, &err);
    } else {
        c.dept = form(req, "dept");
        c.text = form(req, "text");
        /* a manager evaluates their own department (m4); the library checks it again */
        bool own = false;
        for (size_t i = 0; c.dept && i < v.n; i++)
            own = own || strcmp(v.code[i], c.dept) == 0;
        if (!own)
            rc = ag_error_set(&err, AG_EDENIED,
                              web_tr(req, "campaigns: Only the department's information security "
                                          "manager reports its evaluation"));
        else
            rc = web_action(req, do_evaluate, &c, &err);
    }
    if (rc == AG_OK)
        return web_redirect(req,
                            arena_printf(&req->arena, "/campaigns/%lld/report?round=%d&ok=%s#%s",
                                         p.id, c.round, instruct ? "instructed" : "evaluated",
                                         instruct ? "instructions" : "evaluations"));
    return refused(req, rc, &err, report_page);
}

static int page_campaign_evaluate(struct web_req *req)
{
    return report_post(req, false);
}

static int page_campaign_instruct(struct web_req *req)
{
    return report_post(req, true);
}

/* The instruction's plan and round (the page to come back to); AG_ENOTFOUND when unknown. */
static int instruction_load(struct web_req *req, long long id, long long *plan, int *round,
                            char dept[65])
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT i.plan_id, i.round, d.code FROM assess_instructions i JOIN "
                           "departments d ON d.id = i.department_id WHERE i.id = ?1",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *plan = sqlite3_column_int64(s, 0);
        *round = sqlite3_column_int(s, 1);
        snprintf(dept, 65, "%s", store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

static int page_instruction_followup(struct web_req *req)
{
    struct report_post_ctx c;
    struct viewer v;
    struct ag_error err;
    char dept[65];
    long long plan;
    int round, rc;
    memset(&c, 0, sizeof(c));
    ag_error_clear(&err);
    if (!web_param_id(req, "id", &c.id) ||
        (rc = instruction_load(req, c.id, &plan, &round, dept)) == AG_ENOTFOUND)
        return web_error(req, 404, "campaigns: No such improvement instruction");
    if (rc)
        return rc;
    if ((rc = viewer_load(req, &v)))
        return rc;
    if (!viewer_code(&v, dept))
        return web_error(req, 403, "campaigns: You may see only your own department");
    c.step = form(req, "step");
    const char *name = arena_printf(&req->arena, "result-%lld", c.id);
    c.text = name ? form(req, name) : NULL;
    if (!c.step || (strcmp(c.step, "report") != 0 && strcmp(c.step, "accept") != 0 &&
                    strcmp(c.step, "return") != 0))
        rc =
            ag_error_set(&err, AG_EINVAL, web_tr(req, "campaigns: step: report, accept or return"));
    else
        rc = web_action(req, do_followup, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena,
                                              "/campaigns/%lld/report?round=%d&ok=followup#"
                                              "instruction-%lld",
                                              plan, round, c.id));
    /* the report page of that campaign (the form's address carries its round): point the
     * path's {id} at the plan */
    const char *pid = arena_printf(&req->arena, "%lld", plan);
    for (size_t i = 0; pid && i < req->match.nparams; i++)
        if (strcmp(req->match.names[i], "id") == 0)
            req->match.values[i] = pid;
    return refused(req, rc, &err, report_page);
}

/* ---- the module ---- */

static const struct ag_msg campaigns_msgs[] = {
    {"Self-inspection plans", "自己点検計画", "Self-inspection plans"},
    {"Guideline 3.3.1.1(1): the CISO sets up the yearly plan; the information security managers "
     "have the sheets answered; the results are analysed as 実施率 and improved.",
     "ガイドライン 3.3.1.1(1): "
     "最高情報セキュリティ責任者が年度自己点検計画を整備し、情報セキュリティ"
     "責任者が取扱者に自己点検の実施を指示し、結果を実施率で分析・評価して改善します。",
     "Guideline 3.3.1.1(1): the CISO sets up the yearly plan; the information security managers "
     "have the sheets answered; the results are analysed as 実施率 and improved."},
    {"campaigns: Unknown status filter", "状態の絞り込みが不正です（all, active, closed）",
     "Unknown status filter (all, active, closed)"},
    {"campaigns: All", "すべて", "All"},
    {"campaigns: Active", "実施中", "Active"},
    {"campaigns: Closed", "終了", "Closed"},
    {"campaigns: Plan no.", "計画番号", "Plan no."},
    {"campaigns: Title", "件名", "Title"},
    {"campaigns: Fiscal year", "年度", "Fiscal year"},
    {"campaigns: Revision", "改訂", "Revision"},
    {"campaigns: Sheets submitted", "提出済み点検票", "Sheets submitted"},
    {"campaigns: No self-inspection plans yet.", "自己点検計画はまだありません。",
     "No self-inspection plans yet."},
    {"New self-inspection plan (年度自己点検計画)", "年度自己点検計画の整備",
     "New self-inspection plan (年度自己点検計画)"},
    {"campaigns: Departments (code or code:rounds, comma-separated)",
     "対象部署（部署コード、または コード:回数/年。カンマ区切り）",
     "Departments (code or code:rounds, comma-separated)"},
    {"campaigns: Items (all, or ids/refs, comma-separated)",
     "自己点検すべき項目（all、または ID・参照番号をカンマ区切り）",
     "Items (all, or ids/refs, comma-separated)"},
    {"campaigns: Create the plan", "計画を作成", "Create the plan"},
    {"fiscal year: a year from 2000 to 2100", "年度: 2000 から 2100 の年を入力してください",
     "fiscal year: a year from 2000 to 2100"},
    {"rounds a year: a number from 1 to 12", "実施頻度: 1 から 12 の数を入力してください",
     "rounds a year: a number from 1 to 12"},
    {"round: a number from 1 to 12", "回: 1 から 12 の数を入力してください",
     "round: a number from 1 to 12"},
    {"No such self-inspection plan", "該当する自己点検計画はありません",
     "No such self-inspection plan"},
    {"Self-inspection plan %lld", "自己点検計画 %lld", "Self-inspection plan %lld"},
    {"campaigns: The plan is created.", "計画を作成しました。", "The plan is created."},
    {"campaigns: The plan is revised.", "計画を見直しました。", "The plan is revised."},
    {"campaigns: The plan is closed.", "計画を終了しました。", "The plan is closed."},
    {"campaigns: The sheets are issued.", "自己点検票を配付しました。", "The sheets are issued."},
    {"campaigns: %s sheet(s) issued.", "%s 件の点検票を配付しました。", "%s sheet(s) issued."},
    {"campaigns: The report of the latest round", "最新の回の結果報告",
     "The report of the latest round"},
    {"Progress by round and department", "回・部署別の進捗", "Progress by round and department"},
    {"campaigns: Items answered", "回答済み項目", "Items answered"},
    {"campaigns: Sheets", "点検票", "Sheets"},
    {"campaigns: Report", "結果", "Report"},
    {"campaigns: No sheets issued yet.", "点検票はまだ配付されていません。",
     "No sheets issued yet."},
    {"Issue the sheets of a round (自己点検の実施の指示)", "自己点検の実施の指示（点検票の配付）",
     "Issue the sheets of a round (自己点検の実施の指示)"},
    {"campaigns: Every department of the plan", "計画の全対象部署", "Every department of the plan"},
    {"campaigns: Issue the sheets", "点検票を配付", "Issue the sheets"},
    {"Revise the plan (見直し)", "年度自己点検計画の見直し", "Revise the plan (見直し)"},
    {"campaigns: Items to add (ids/refs, comma-separated)",
     "追加する項目（ID・参照番号をカンマ区切り）", "Items to add (ids/refs, comma-separated)"},
    {"campaigns: Departments to add (code or code:rounds)",
     "追加する部署（コード または コード:回数）", "Departments to add (code or code:rounds)"},
    {"campaigns: Reason for the revision", "見直しの理由", "Reason for the revision"},
    {"campaigns: Revise", "見直す", "Revise"},
    {"Close the plan", "計画の終了", "Close the plan"},
    {"A closed plan is neither revised nor gets new sheets.",
     "終了した計画は見直しも点検票の配付もできません。",
     "A closed plan is neither revised nor gets new sheets."},
    {"campaigns: Close the plan", "計画を終了", "Close the plan"},
    {"campaigns: You may issue sheets only for a department whose information security manager "
     "you are",
     "点検票を配付できるのは、自らが情報セキュリティ責任者である部署に対してのみです",
     "You may issue sheets only for a department whose information security manager you are"},
    {"campaigns: The round must be a number from 1 to 12", "回は 1 から 12 の数で指定してください",
     "The round must be a number from 1 to 12"},
    {"campaigns: You may see only your own department", "閲覧できるのは自部署の情報のみです",
     "You may see only your own department"},
    {"Sheets of self-inspection plan %lld", "自己点検計画 %lld の点検票",
     "Sheets of self-inspection plan %lld"},
    {"campaigns: Respondent", "回答者", "Respondent"},
    {"campaigns: Evidence files", "証跡", "Evidence files"},
    {"campaigns: Download", "ダウンロード", "Download"},
    {"Trend of 実施率 across campaigns", "実施率の推移", "Trend of 実施率 across campaigns"},
    {"campaigns: No campaign with sheets yet.", "点検票のある回はまだありません。",
     "No campaign with sheets yet."},
    {"campaigns: 実施率 of each campaign, oldest on the left; the table below gives the same "
     "numbers.",
     "各回の実施率（左が最も古い回）。下の表に同じ数値があります。",
     "実施率 of each campaign, oldest on the left; the table below gives the same numbers."},
    {"campaigns: FY%d plan %lld round %d", "%d年度 計画 %lld 第 %d 回", "FY%d plan %lld round %d"},
    {"campaigns: Campaign", "回", "Campaign"},
    {"campaigns: 実施率", "実施率", "実施率 (rate)"},
    {"campaigns: Rows", "区分", "Rows"},
    {"campaigns: Previous", "前回", "Previous"},
    {"campaigns: No figures.", "数値はありません。", "No figures."},
    {"Evaluations reported by the departments (評価結果の報告)",
     "情報セキュリティ責任者からの評価結果の報告",
     "Evaluations reported by the departments (評価結果の報告)"},
    {"campaigns: Evaluation", "評価結果", "Evaluation"},
    {"campaigns: Reported by", "報告者", "Reported by"},
    {"campaigns: Reported at", "報告日時", "Reported at"},
    {"campaigns: No evaluation reported yet.", "評価結果の報告はまだありません。",
     "No evaluation reported yet."},
    {"campaigns: Report the evaluation", "評価結果を報告", "Report the evaluation"},
    {"Improvement instructions (改善の指示) and follow-up", "改善の指示と改善結果の報告",
     "Improvement instructions (改善の指示) and follow-up"},
    {"campaigns: No.", "番号", "No."},
    {"campaigns: Follow-up", "フォローアップ", "Follow-up"},
    {"campaigns: Report the result", "改善結果を報告", "Report the result"},
    {"campaigns: Accept", "受領", "Accept"},
    {"campaigns: Why it is sent back", "差し戻す理由", "Why it is sent back"},
    {"campaigns: Send back", "差し戻す", "Send back"},
    {"campaigns: No improvement instructions for this round.", "この回の改善の指示はありません。",
     "No improvement instructions for this round."},
    {"campaigns: Instruct a department to improve", "情報セキュリティ責任者への改善の指示",
     "Instruct a department to improve"},
    {"campaigns: Department code", "部署コード", "Department code"},
    {"campaigns: Manager's login (when the department has several)",
     "情報セキュリティ責任者のログイン名（部署に複数いる場合）",
     "Manager's login (when the department has several)"},
    {"campaigns: Instruction", "指示内容", "Instruction"},
    {"campaigns: Measures concerned (ids/refs, optional)", "対象の対策項目（任意。ID・参照番号）",
     "Measures concerned (ids/refs, optional)"},
    {"campaigns: Instruct", "改善を指示", "Instruct"},
    {"Self-inspection report: plan %lld, round %d", "自己点検結果: 計画 %lld 第 %d 回",
     "Self-inspection report: plan %lld, round %d"},
    {"campaigns: The evaluation is reported.", "評価結果を報告しました。",
     "The evaluation is reported."},
    {"campaigns: The instruction is given.", "改善を指示しました。", "The instruction is given."},
    {"campaigns: The follow-up is recorded.", "フォローアップを記録しました。",
     "The follow-up is recorded."},
    {"campaigns: Download as CSV", "CSV でダウンロード", "Download as CSV"},
    {"campaigns: You see the figures of your own department.", "自部署の数値を表示しています。",
     "You see the figures of your own department."},
    {"campaigns: 実施率 overall", "全体の実施率", "実施率 overall"},
    {"campaigns: 実施率 of your department", "自部署の実施率", "実施率 of your department"},
    {"campaigns: Figures", "集計", "Figures"},
    {"campaigns: By chapter and section", "章・節別", "By chapter and section"},
    {"campaigns: By department", "部署別", "By department"},
    {"campaigns: By PDCA phase", "PDCA 別", "By PDCA phase"},
    {"campaigns: By role", "役割別", "By role"},
    {"campaigns: Department: missing", "部署を指定してください", "Department: missing"},
    {"campaigns: Only the department's information security manager reports its evaluation",
     "評価結果を報告できるのは、その部署の情報セキュリティ責任者のみです",
     "Only the department's information security manager reports its evaluation"},
    {"campaigns: No such improvement instruction", "該当する改善の指示はありません",
     "No such improvement instruction"},
    {"campaigns: step: report, accept or return", "手順は report, accept, return のいずれかです",
     "step: report, accept or return"},
    {"Self-inspection (plans and results)", "自己点検（計画・結果）",
     "Self-inspection (plans and results)"},
    {"campaigns: The page must be a positive number", "ページは正の数で指定してください",
     "The page must be a positive number"},
    {"campaigns: Previous page", "前のページ", "Previous page"},
    {"campaigns: Next page", "次のページ", "Next page"},
    {"campaigns: Measures with the lowest 実施率", "実施率の低い対策項目",
     "Measures with the lowest 実施率"},
    {"campaigns: Guideline 3.3.1.1(1): use the results to update the rules and measures, and to "
     "choose next year's items.",
     "ガイドライン 3.3.1.1(1): 自己点検の結果は、情報セキュリティ関係規程や対策の更新、次年度の実施"
     "項目の選択に活用します。",
     "Guideline 3.3.1.1(1): use the results to update the rules and measures, and to choose next "
     "year's items."},
    /* pages_assess.c: evidence, read-only view, XLSX */
    {"The evidence file is attached.", "証跡を添付しました。", "The evidence file is attached."},
    {"You see this sheet read-only (its respondent answers it).",
     "この点検票は閲覧のみです（回答は回答者が行います）。",
     "You see this sheet read-only (its respondent answers it)."},
    {"Download as XLSX", "XLSX でダウンロード", "Download as XLSX"},
    {"Evidence file (at most 10 MiB)", "証跡ファイル（10 MiB まで）",
     "Evidence file (at most 10 MiB)"},
    {"assess: Attach", "添付", "Attach"},
    {"Choose a file to attach.", "添付するファイルを選択してください。",
     "Choose a file to attach."},
    {"You may not export this self-inspection sheet", "この自己点検票を出力する権限がありません",
     "You may not export this self-inspection sheet"},
    {"You may not see this evidence file", "この証跡を閲覧する権限がありません",
     "You may not see this evidence file"},
    {"The evidence file cannot be read", "証跡ファイルを読み出せません",
     "The evidence file cannot be read"},
    /* server.c: uploads (ROUTE_UPLOAD) */
    {"Unsupported media type: send the file as multipart/form-data",
     "サポートしていない形式です。ファイルは multipart/form-data で送信してください",
     "Unsupported media type: send the file as multipart/form-data"},
    {"The file is too large (at most 10 MiB)", "ファイルが大きすぎます（10 MiB まで）",
     "The file is too large (at most 10 MiB)"},
    {"Too many uploads at once; try again shortly",
     "同時に多くのアップロードが行われています。しばらくしてからやり直してください",
     "Too many uploads at once; try again shortly"},
};

static const struct route campaigns_routes[] = {
    {WEB_GET, "/campaigns", page_campaigns, CAMPAIGNS_ROLES, ROUTE_AUTH},
    {WEB_POST, "/campaigns", page_campaigns_add, AUTH_ROLE_CISO, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/campaigns/{id}", page_campaign, CAMPAIGNS_ROLES, ROUTE_AUTH},
    {WEB_POST, "/campaigns/{id}/issue", page_campaign_issue, AUTH_ROLE_CISO | AUTH_ROLE_MANAGER,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/campaigns/{id}/revise", page_campaign_revise, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/campaigns/{id}/close", page_campaign_close, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/campaigns/{id}/sheets", page_campaign_sheets, CAMPAIGNS_ROLES, ROUTE_AUTH},
    {WEB_GET, "/campaigns/{id}/report", page_campaign_report, CAMPAIGNS_ROLES, ROUTE_AUTH},
    {WEB_GET, "/campaigns/{id}/report.csv", page_campaign_csv, CAMPAIGNS_ROLES, ROUTE_AUTH},
    {WEB_POST, "/campaigns/{id}/evaluate", page_campaign_evaluate, AUTH_ROLE_MANAGER,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/campaigns/{id}/instruct", page_campaign_instruct, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/campaigns/instructions/{id}/followup", page_instruction_followup,
     AUTH_ROLE_CISO | AUTH_ROLE_MANAGER, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav campaigns_nav[] = {
    {"/campaigns", "Self-inspection (plans and results)", CAMPAIGNS_ROLES}};
WEB_MODULE(campaigns, campaigns_routes, campaigns_msgs, campaigns_nav);
