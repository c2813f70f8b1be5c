/*
 * pages_exceptions.c — exception measures (例外措置, guideline 3.1.2.3(2)②) on the web: the list
 * (mine / to review / all I may see, expiring ones highlighted), the request form with every item
 * the guideline lists, an exception's page, the designated reviewer's decision, the applicant's
 * withdrawal and end report.
 *
 * Who may see what (docs/web/exceptions.md): the applicant their own requests; the CISO, the
 * committee, the executive and the auditors every request; a designated reviewer the requests of
 * the departments their designation covers; a manager (情報セキュリティ責任者) those of their
 * department. Anyone else gets 403 for the record. Deciding is the library's rule: a reviewer the
 * CISO designated for the applicant's department, never the applicant (3.1.4.1(2)) — the page
 * shows the library's refusal with 403. Only the applicant withdraws or reports the end.
 * Each POST runs the library function in one BEGIN IMMEDIATE transaction (web_action), so of
 * concurrent decisions exactly one is stored; the others are answered 409.
 * Thread: a worker thread, with the request's arena and store connection.
 */
#include "isms/exception.h"
#include "web/web_int.h"

#define EXC_ALL_ROLES                                                                              \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_AUDITOR)
#define EXC_PAGE_SIZE 50
#define EXC_EXPIRING_DAYS 30

struct exc {
    long long id, applicant, dept, risk;
    char status[16], start[11], end[11];
};

static const char *today_iso(struct web_req *req)
{
    char *t = arena_alloc(&req->arena, 11);
    if (t)
        ag_date_iso(ag_now(), t);
    return t ? t : "";
}

static const char *status_text(struct web_req *req, const char *status)
{
    static const char *const map[][2] = {
        {"requested", "exceptions: requested"}, {"approved", "exceptions: approved"},
        {"rejected", "exceptions: rejected"},   {"withdrawn", "exceptions: withdrawn"},
        {"active", "exceptions: active"},       {"expired", "exceptions: expired"},
        {"ended", "exceptions: ended"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(map); i++)
        if (!strcmp(status, map[i][0]))
            return web_tr(req, map[i][1]);
    return status;
}

/* ---- who may see what ---- */

static bool may_view(struct web_req *req, const struct exc *x)
{
    long long me = req->user.person_id;
    if (x->applicant == me || web_has_role(req, EXC_ALL_ROLES))
        return true;
    if (exception_is_reviewer(req->st, me, x->dept))
        return true;
    return x->dept && web_has_role(req, AUTH_ROLE_MANAGER) &&
           isms_has_role(req->st, me, "manager", x->dept);
}

/* A reviewer whose designation covers the request (the library decides the rest). */
static bool is_reviewer_for(struct web_req *req, const struct exc *x)
{
    return exception_is_reviewer(req->st, req->user.person_id, x->dept);
}

static int exc_load(struct web_req *req, long long id, struct exc *x)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT applicant_id, coalesce(department_id, 0), status, start_date, "
                           "end_date, coalesce(risk_id, 0) FROM exceptions WHERE id = ?",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        x->id = id;
        x->applicant = sqlite3_column_int64(s, 0);
        x->dept = sqlite3_column_int64(s, 1);
        snprintf(x->start, sizeof(x->start), "%s", store_col_text(s, 3));
        snprintf(x->end, sizeof(x->end), "%s", store_col_text(s, 4));
        snprintf(
            x->status, sizeof(x->status), "%s",
            exception_effective_status(store_col_text(s, 2), x->start, x->end, today_iso(req)));
        x->risk = sqlite3_column_int64(s, 5);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

static int exc_load_rec(struct web_req *req, long long id, void *x)
{
    return exc_load(req, id, x);
}

static bool exc_visible(struct web_req *req, const void *x)
{
    return may_view(req, x);
}

static int exc_for_user(struct web_req *req, struct exc *x, bool *done)
{
    return web_record_for_user(req, x, exc_load_rec, exc_visible, "exceptions: No such exception",
                               "exceptions: You may not see this exception request", done);
}

/* ---- GET /exceptions ---- */

static bool expiring(const char *status, const char *end, const char *today, long *days)
{
    if (strcmp(status, "approved") != 0 && strcmp(status, "active") != 0)
        return false;
    *days = ag_date_diff(today, end);
    return *days >= 0 && *days <= EXC_EXPIRING_DAYS;
}

static void tab(struct web_req *req, const char *scope, const char *label, bool cur)
{
    struct html *h = &req->out;
    html_lit(h, "<li>");
    if (cur) {
        html_lit(h, "<a aria-current=\"page\"");
    } else {
        html_lit(h, "<a");
    }
    html_attr(h, "href", arena_printf(&req->arena, "/exceptions?scope=%s", scope));
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</a></li>");
}

static int page_exceptions(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *scope = web_query(req, "scope");
    const char *status = web_query(req, "status");
    const char *pg = web_query(req, "page");
    const char *exp = web_query(req, "expiring");
    long long page = 1;
    if (!scope || !*scope)
        scope = "all";
    if (strcmp(scope, "mine") && strcmp(scope, "review") && strcmp(scope, "all"))
        return web_error(req, 400, "exceptions: A filter has a value that is not allowed");
    if (status && !*status)
        status = NULL;
    if (exp && *exp && strcmp(exp, "1") != 0)
        return web_error(req, 400, "exceptions: A filter has a value that is not allowed");
    bool only_expiring = exp && *exp;
    if ((status && isms_check_enum("status", status, exception_statuses, &err)) ||
        (pg && *pg && isms_check_int("page", pg, 1, 100000, &page, &err)))
        return web_error(req, 400, "exceptions: A filter has a value that is not allowed");
    sqlite3_stmt *s;
    bool reviewer = false; /* holds any designation (the "to review" tab) */
    int rc = store_prepare(req->st, &s,
                           "SELECT 1 FROM exception_reviewers WHERE person_id = ? AND revoked_at "
                           "IS NULL",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    reviewer = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    rc = store_prepare(
        req->st, &s,
        "SELECT e.id, e.applicant_id, coalesce(e.department_id, 0), e.status, e.start_date, "
        "e.end_date, e.applicant_name, e.applicant_dept, e.regulation, e.clause, coalesce(y.code, "
        "''), coalesce(p.login, '') FROM exceptions e LEFT JOIN systems y ON y.id = e.system_id "
        "LEFT JOIN people p ON p.id = e.decided_by ORDER BY CASE e.status WHEN 'requested' THEN 0 "
        "WHEN 'approved' THEN 1 WHEN 'active' THEN 1 ELSE 2 END, e.end_date, e.id DESC",
        &err);
    if (rc)
        return rc;
    const char *today = today_iso(req);
    page_begin(req, web_tr(req, "Exception measures"));
    page_h1(req, web_tr(req, "Exception measures"));
    page_note(req, web_tr(req, "Exception measures (例外措置, guideline 3.1.2.3(2)②): a request "
                               "names the rule, the period, the alternative measures, the impact "
                               "and the reason; a reviewer the CISO designated decides it."));
    html_lit(h, "<p class=\"actions\">");
    page_link(req, "/exceptions/new", web_tr(req, "Request an exception"));
    html_lit(h, "</p><nav class=\"tabs\"");
    html_attr(h, "aria-label", web_tr(req, "exceptions: Lists"));
    html_lit(h, "><ul>");
    tab(req, "all", "exceptions: All I may see", !strcmp(scope, "all"));
    tab(req, "mine", "exceptions: My requests", !strcmp(scope, "mine"));
    if (reviewer)
        tab(req, "review", "exceptions: To review", !strcmp(scope, "review"));
    html_lit(h, "</ul></nav>");
    html_lit(h, "<form method=\"get\" action=\"/exceptions\" class=\"search filters\">"
                "<input type=\"hidden\" name=\"scope\"");
    html_attr(h, "value", scope);
    html_lit(h, "><div class=\"field\"><label for=\"status\">");
    html_text(h, web_tr(req, "exceptions: Status"));
    html_lit(h, "</label><select id=\"status\" name=\"status\"><option value=\"\">");
    html_text(h, web_tr(req, "exceptions: all"));
    html_lit(h, "</option>");
    for (size_t i = 0; exception_statuses[i]; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", exception_statuses[i]);
        if (status && !strcmp(status, exception_statuses[i]))
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, status_text(req, exception_statuses[i]));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div><div class=\"field check\"><input type=\"checkbox\" "
                "id=\"expiring\" name=\"expiring\" value=\"1\"");
    if (only_expiring)
        html_lit(h, " checked");
    html_lit(h, "><label for=\"expiring\">");
    html_text(h, web_tr(req, "exceptions: Ending within 30 days"));
    html_lit(h, "</label></div><button type=\"submit\">");
    html_text(h, web_tr(req, "exceptions: Filter"));
    html_lit(h, "</button></form>");
    static const char *const heads[] = {
        "exceptions: ID",       "exceptions: Status",   "applicant",
        "exceptions: Rule",     "exceptions: Period",   "information_system",
        "exceptions: Reviewer", "exceptions: Days left"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    long long skip = (page - 1) * EXC_PAGE_SIZE, shown = 0;
    bool more = false;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct exc x = {.id = sqlite3_column_int64(s, 0),
                        .applicant = sqlite3_column_int64(s, 1),
                        .dept = sqlite3_column_int64(s, 2)};
        snprintf(x.start, sizeof(x.start), "%s", store_col_text(s, 4));
        snprintf(x.end, sizeof(x.end), "%s", store_col_text(s, 5));
        snprintf(x.status, sizeof(x.status), "%s",
                 exception_effective_status(store_col_text(s, 3), x.start, x.end, today));
        if (status && strcmp(status, x.status) != 0)
            continue;
        bool mine = x.applicant == req->user.person_id;
        if (!strcmp(scope, "mine") && !mine)
            continue;
        if (!strcmp(scope, "review") &&
            (mine || strcmp(x.status, "requested") != 0 || !is_reviewer_for(req, &x)))
            continue;
        long days_left = 0;
        if (only_expiring && !expiring(x.status, x.end, today, &days_left))
            continue;
        if (!may_view(req, &x))
            continue;
        if (skip > 0) {
            skip--;
            continue;
        }
        if (shown == EXC_PAGE_SIZE) {
            more = true;
            break;
        }
        long days = 0;
        bool soon = expiring(x.status, x.end, today, &days);
        if (soon)
            html_lit(h, "<tr class=\"expiring\"><td>");
        else
            html_lit(h, "<tr><td>");
        page_link(req, arena_printf(&req->arena, "/exceptions/%lld", x.id),
                  arena_printf(&req->arena, "%lld", x.id));
        html_lit(h, "</td><td");
        html_attr(h, "class", arena_printf(&req->arena, "exc-status-%s", x.status));
        html_lit(h, ">");
        html_text(h, status_text(req, x.status));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 6));
        html_lit(h, "<br><span class=\"small\">");
        html_text(h, store_col_text(s, 7));
        html_lit(h, "</span></td><td>");
        html_textf(h, "%s %s", store_col_text(s, 8), store_col_text(s, 9));
        html_lit(h, "</td><td>");
        html_textf(h, "%s – %s", x.start, x.end);
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 10));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 11));
        html_lit(h, "</td><td>");
        if (soon) {
            html_lit(h, "<strong class=\"expiring-days\">");
            html_textf(h, web_tr(req, "ends in %ld days"), days);
            html_lit(h, "</strong>");
        }
        html_lit(h, "</td></tr>");
        shown++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    page_table_end(req, (size_t)shown, "exceptions: No exception requests here.");
    if (page > 1 || more) {
        html_lit(h, "<nav class=\"pages\"");
        html_attr(h, "aria-label", web_tr(req, "exceptions: Pages"));
        html_lit(h, ">");
        struct strbuf base;
        strbuf_init(&base, 512);
        strbuf_adds(&base, "/exceptions?scope=");
        strbuf_adds(&base, scope);
        if (status) {
            strbuf_adds(&base, "&status=");
            strbuf_adds(&base, status); /* one of exception_statuses */
        }
        if (only_expiring)
            strbuf_adds(&base, "&expiring=1");
        const char *b = strbuf_ok(&base) ? arena_strdup(&req->arena, strbuf_str(&base)) : NULL;
        strbuf_release(&base);
        if (page > 1)
            page_link(req, arena_printf(&req->arena, "%s&page=%lld", b ? b : "", page - 1),
                      web_tr(req, "exceptions: Previous page"));
        if (more) {
            html_lit(h, " ");
            page_link(req, arena_printf(&req->arena, "%s&page=%lld", b ? b : "", page + 1),
                      web_tr(req, "exceptions: Next page"));
        }
        html_lit(h, "</nav>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- the review procedure (shown with the form and the decision) ---- */

static void procedure_note(struct web_req *req)
{
    struct ag_error err;
    sqlite3_stmt *s;
    if (store_prepare(req->st, &s,
                      "SELECT procedure, max_days FROM exception_settings WHERE id = 1",
                      &err) != AG_OK)
        return;
    if (sqlite3_step(s) == SQLITE_ROW) {
        struct html *h = &req->out;
        html_lit(h, "<div class=\"note\"><p><strong>");
        html_textf(h, web_tr(req, "Review procedure (at most %d days):"), sqlite3_column_int(s, 1));
        html_lit(h, "</strong> ");
        html_text(h, store_col_text(s, 0));
        html_lit(h, "</p></div>");
    }
    sqlite3_finalize(s);
}

/* ---- GET /exceptions/new, POST /exceptions ---- */

static int new_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    const struct web_form *f = req->method == WEB_POST ? &req->form : NULL;
#define V(n) (f ? web_form_get(f, n) : NULL)
    page_begin(req, web_tr(req, "Request an exception"));
    page_h1(req, web_tr(req, "Request an exception"));
    page_note(req, web_tr(req, "Give every item the guideline lists (3.1.2.3(2)②). Your name, "
                               "department and contact are taken from your record."));
    procedure_note(req);
    if (alert)
        page_alert(req, alert);
    page_form_begin(req, "/exceptions");
    page_input(req, "regulation", "exceptions: Regulation (規程名)", "text", V("regulation"), true);
    page_input(req, "clause", "exceptions: Clause (条項)", "text", V("clause"), true);
    page_input(req, "item", "exceptions: Guideline item (optional, e.g. 3.1.5.1(2)(b))", "text",
               V("item"), false);
    html_lit(h, "<div class=\"field\"><label for=\"system\">");
    html_text(h, web_tr(req, "information_system"));
    html_lit(h, "</label><select id=\"system\" name=\"system\"><option value=\"\">");
    html_text(h, web_tr(req, "exceptions: none"));
    html_lit(h, "</option>");
    sqlite3_stmt *s;
    if (store_prepare(req->st, &s,
                      "SELECT code, CASE WHEN ?1 = 'en' AND name_en <> '' THEN name_en ELSE "
                      "name_ja END FROM systems ORDER BY code",
                      &err) == AG_OK) {
        sqlite3_bind_text(s, 1, ag_lang_code(req->lang), -1, SQLITE_STATIC);
        const char *cur = V("system");
        while (sqlite3_step(s) == SQLITE_ROW) {
            html_lit(h, "<option");
            html_attr(h, "value", store_col_text(s, 0));
            if (cur && !strcmp(cur, store_col_text(s, 0)))
                html_lit(h, " selected");
            html_lit(h, ">");
            html_textf(h, "%s %s", store_col_text(s, 0), store_col_text(s, 1));
            html_lit(h, "</option>");
        }
        sqlite3_finalize(s);
    }
    html_lit(h, "</select></div>");
    page_input(req, "start", "exceptions: From", "date", V("start"), true);
    page_input(req, "end", "exceptions: Until", "date", V("end"), true);
    page_textarea(req, "measures", "exceptions: Measures taken instead (代替手段)", V("measures"),
                  true);
    page_textarea(req, "impact", "exceptions: Security impact", V("impact"), true);
    page_textarea(req, "handling", "exceptions: How the impact is handled", V("handling"), true);
    page_textarea(req, "end_report", "exceptions: How the end will be reported", V("end_report"),
                  true);
    page_textarea(req, "reason", "exceptions: Reason", V("reason"), true);
    page_input(req, "contact", "exceptions: Contact (empty = your e-mail and phone)", "text",
               V("contact"), false);
    page_input(req, "risk", "exceptions: Related risk (number, optional)", "number", V("risk"),
               false);
    page_form_end(req, "exceptions: Submit the request");
#undef V
    page_end(req);
    return AG_OK;
}

static int page_exception_new(struct web_req *req)
{
    return new_page(req, NULL);
}

static const char *field(const struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && v[strspn(v, " \t\r\n")] ? v : NULL;
}

struct req_ctx {
    long long id;
};

static int do_request(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct req_ctx *c = vctx;
    struct exception_new e = {0};
    int rc;
    e.regulation = field(req, "regulation");
    e.clause = field(req, "clause");
    e.item = field(req, "item");
    e.system = field(req, "system");
    e.start = field(req, "start");
    e.end = field(req, "end");
    e.measures = field(req, "measures");
    e.security_impact = field(req, "impact");
    e.handling = field(req, "handling");
    e.end_report_method = field(req, "end_report");
    e.reason = field(req, "reason");
    e.contact = field(req, "contact");
    const char *risk = field(req, "risk");
    if (risk && (rc = isms_check_int("risk", risk, 1, 999999999999999LL, &e.risk_id, err)))
        return rc;
    return exception_request(req->st, req->cat, req->user.person_id, &e, &c->id, err);
}

static int page_exception_request(struct web_req *req)
{
    struct req_ctx ctx = {0};
    struct ag_error err;
    int rc = web_action(req, do_request, &ctx, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/exceptions/%lld?ok=request", ctx.id));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    req->status = status == 404 ? 400 : status; /* an unknown system/item/risk is bad input */
    const char *msg = arena_strdup(&req->arena, err.msg);
    return new_page(req, msg ? msg : err.msg);
}

/* ---- GET /exceptions/{id} ---- */

static void dl_text(struct web_req *req, const char *label, const char *value)
{
    if (value && *value)
        page_dl_item(req, label, value);
}

static int exc_page(struct web_req *req, const struct exc *x, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT e.applicant_name, e.applicant_dept, e.applicant_contact, e.regulation, e.clause, "
        "coalesce(e.item_id, ''), coalesce(y.code, ''), coalesce(CASE WHEN ?2 = 'en' AND "
        "y.name_en <> '' THEN y.name_en ELSE y.name_ja END, ''), e.measures, e.security_impact, "
        "e.impact_handling, e.end_report_method, e.reason, e.requested_at, coalesce(pd.login, ''), "
        "coalesce(e.decided_at, ''), e.decision_record, e.conditions, coalesce(e.expired_at, ''), "
        "coalesce(e.ended_at, ''), e.end_report, pa.login FROM exceptions e JOIN people pa ON "
        "pa.id = e.applicant_id LEFT JOIN systems y ON y.id = e.system_id LEFT JOIN people pd ON "
        "pd.id = e.decided_by WHERE e.id = ?1",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, x->id);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "exceptions: No such exception");
    }
#define T(i) store_col_text(s, i)
    const char *title = arena_printf(&req->arena, web_tr(req, "Exception request %lld"), x->id);
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    page_note(req, web_tr(req, "Exception measures (例外措置, guideline 3.1.2.3(2)②)"));
    if (alert)
        page_alert(req, alert);
    const char *ok = web_query(req, "ok");
    static const char *const oks[][2] = {
        {"request", "exceptions: The request is recorded; a designated reviewer decides it."},
        {"approve", "exceptions: The exception is approved."},
        {"reject", "exceptions: The request is rejected."},
        {"withdraw", "exceptions: The request is withdrawn."},
        {"end", "exceptions: The end is reported."},
    };
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(oks); i++)
        if (!strcmp(ok, oks[i][0]))
            page_ok(req, web_tr(req, oks[i][1]));
    const char *today = today_iso(req);
    long days = 0;
    bool soon = expiring(x->status, x->end, today, &days);
    page_dl_begin(req);
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "exceptions: Status"));
    html_lit(h, "</dt><dd id=\"exc-status\"");
    html_attr(h, "class", arena_printf(&req->arena, "exc-status-%s", x->status));
    html_lit(h, ">");
    html_text(h, status_text(req, x->status));
    if (soon) {
        html_lit(h, " <strong class=\"expiring-days\">");
        html_textf(h, web_tr(req, "ends in %ld days"), days);
        html_lit(h, "</strong>");
    }
    html_lit(h, "</dd>");
    page_dl_item(req, "applicant", arena_printf(&req->arena, "%s (%s) %s", T(0), T(21), T(1)));
    page_dl_item(req, "applicant_contact", T(2));
    page_dl_item(req, "regulation", T(3));
    page_dl_item(req, "clause", T(4));
    if (*T(5)) {
        const struct catalog_node *n = catalog_by_id(req->cat, T(5));
        html_lit(h, "<dt>");
        html_text(h, web_tr(req, "guideline_item"));
        html_lit(h, "</dt><dd>");
        page_link(req, arena_printf(&req->arena, "/catalog/%s", n ? n->id : ""),
                  n && n->ref[0] ? n->ref : T(5));
        html_lit(h, "</dd>");
    }
    if (*T(6))
        page_dl_item(req, "information_system", arena_printf(&req->arena, "%s %s", T(6), T(7)));
    page_dl_item(req, "exceptions: Period", arena_printf(&req->arena, "%s – %s", x->start, x->end));
    page_dl_item(req, "alternative_measures", T(8));
    page_dl_item(req, "security_impact", T(9));
    page_dl_item(req, "impact_handling", T(10));
    page_dl_item(req, "end_report_method", T(11));
    page_dl_item(req, "exception_reason", T(12));
    if (x->risk) {
        html_lit(h, "<dt>");
        html_text(h, web_tr(req, "related_risk"));
        html_lit(h, "</dt><dd>");
        page_link(req, arena_printf(&req->arena, "/risks/%lld", x->risk),
                  arena_printf(&req->arena, "%lld", x->risk));
        html_lit(h, "</dd>");
    }
    page_dl_item(req, "requested_at", T(13));
    if (*T(14)) {
        page_dl_item(req, "exceptions: Reviewer", T(14));
        page_dl_item(req, "decided_at", T(15));
        page_dl_item(req, "decision_record", T(16));
        dl_text(req, "approval_conditions", T(17));
    }
    dl_text(req, "expired_at", T(18));
    if (*T(19)) {
        page_dl_item(req, "ended_at", T(19));
        page_dl_item(req, "end_report", T(20));
    }
    page_dl_end(req);
#undef T
    sqlite3_finalize(s);

    const char *base = arena_printf(&req->arena, "/exceptions/%lld", x->id);
    bool mine = x->applicant == req->user.person_id;
    if (!strcmp(x->status, "requested") && is_reviewer_for(req, x)) {
        html_lit(h, "<h2 id=\"decide\">");
        html_text(h, web_tr(req, "exceptions: Review and decide"));
        html_lit(h, "</h2>");
        /* the applicant who is a designated reviewer sees the form too, with the rule: the
         * library refuses their decision (403), which is what they should see if they try */
        if (mine)
            page_alert(req, web_tr(req, "You applied for this exception: your own decision is "
                                        "refused; another designated reviewer decides it "
                                        "(separation of duties, 3.1.4.1(2))."));
        procedure_note(req);
        page_form_begin(req, arena_printf(&req->arena, "%s/decide", base));
        static const char *const vals[] = {"approve", "reject"};
        static const char *const labels[] = {"exceptions: Approve", "exceptions: Reject"};
        page_select(req, "decision", "exceptions: Decision", vals, labels, 2, NULL);
        page_textarea(req, "comment", "exceptions: Review record (審査記録)", NULL, true);
        page_textarea(req, "conditions", "exceptions: Conditions (optional)", NULL, false);
        page_form_end(req, "exceptions: Record the decision");
    }
    if (mine && !strcmp(x->status, "requested")) {
        html_lit(h, "<form method=\"post\" class=\"card\"");
        html_attr(h, "action", arena_printf(&req->arena, "%s/withdraw", base));
        html_lit(h, "><p>");
        html_text(h, web_tr(req, "exceptions: You may withdraw the request while it is not "
                                 "decided."));
        html_lit(h, "</p>");
        page_csrf_field(req);
        html_lit(h, "<button type=\"submit\">");
        html_text(h, web_tr(req, "exceptions: Withdraw the request"));
        html_lit(h, "</button></form>");
    }
    if (mine && (!strcmp(x->status, "approved") || !strcmp(x->status, "active") ||
                 !strcmp(x->status, "expired"))) {
        html_lit(h, "<h2 id=\"end\">");
        html_text(h, web_tr(req, "exceptions: Report the end"));
        html_lit(h, "</h2>");
        page_form_begin(req, arena_printf(&req->arena, "%s/end", base));
        page_textarea(req, "report", "exceptions: End report", NULL, true);
        page_form_end(req, "exceptions: Report the end");
    }
    html_lit(h, "<p>");
    page_link(req, "/exceptions", web_tr(req, "exceptions: Back to the list"));
    html_lit(h, "</p>");
    page_end(req);
    return AG_OK;
}

static int page_exception(struct web_req *req)
{
    struct exc x;
    bool done;
    int rc = exc_for_user(req, &x, &done);
    if (rc || done)
        return rc;
    return exc_page(req, &x, NULL);
}

/* ---- POST /exceptions/{id}/decide|withdraw|end ---- */

struct step_ctx {
    const char *which;
    long long id;
    bool approve;
};

static int do_decide(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    return exception_decide(req->st, c->id, req->user.person_id, c->approve, field(req, "comment"),
                            field(req, "conditions"), err);
}

static int do_withdraw(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    return exception_withdraw(req->st, c->id, req->user.person_id, err);
}

static int do_end(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    return exception_end(req->st, c->id, req->user.person_id, field(req, "report"), err);
}

/* The refusal of a rule (3.1.4.1(2), designation, applicant only) is recorded in the audit trail
 * in its own transaction: the library records it only outside one, and ours was rolled back. */
static void record_refusal(struct web_req *req, long long id, const char *which)
{
    struct ag_error ignore;
    char sid[24], detail[96];
    snprintf(sid, sizeof(sid), "%lld", id);
    snprintf(detail, sizeof(detail), "{\"what\": \"%s\", \"via\": \"web\"}", which);
    store_set_actor(req->st, req->user.login);
    if (store_audit(req->st, "refused", "exceptions", sid, detail, &ignore) != AG_OK) {
        /* the refusal stands even if it cannot be recorded */
    }
    store_set_actor(req->st, "web");
}

/* Whether the step is possible in this state at all (else a refusal is a conflict: 409). */
static bool state_allows(const char *which, const char *status)
{
    if (!strcmp(which, "end"))
        return !strcmp(status, "approved") || !strcmp(status, "active") ||
               !strcmp(status, "expired");
    return !strcmp(status, "requested"); /* decide, withdraw */
}

static int exc_step(struct web_req *req, const char *which,
                    int (*fn)(struct web_req *, void *, struct ag_error *))
{
    struct exc x;
    struct ag_error err;
    bool done;
    int rc = exc_for_user(req, &x, &done);
    if (rc || done)
        return rc;
    struct step_ctx ctx = {which, x.id, false};
    const char *ok = which;
    if (!strcmp(which, "decide")) {
        const char *d = web_form_get(&req->form, "decision");
        if (d && !strcmp(d, "approve")) {
            ctx.approve = true;
            ok = "approve";
        } else if (d && !strcmp(d, "reject")) {
            ok = "reject";
        } else {
            req->status = 400;
            return exc_page(req, &x, web_tr(req, "exceptions: decision: choose approve or reject"));
        }
    }
    rc = web_action(req, fn, &ctx, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/exceptions/%lld?ok=%s", x.id, ok));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    int refused = rc;
    const char *msg = arena_strdup(&req->arena, err.msg);
    if ((rc = exc_load(req, x.id, &x)))
        return rc;
    if (refused == AG_EDENIED && !state_allows(which, x.status))
        status = 409; /* decided, withdrawn or ended meanwhile */
    else if (refused == AG_EDENIED)
        record_refusal(req, x.id, ok);
    strbuf_reset(&req->out.sb);
    req->status = status;
    return exc_page(req, &x, msg ? msg : err.msg);
}

static int page_exception_decide(struct web_req *req)
{
    return exc_step(req, "decide", do_decide);
}
static int page_exception_withdraw(struct web_req *req)
{
    return exc_step(req, "withdraw", do_withdraw);
}
static int page_exception_end(struct web_req *req)
{
    return exc_step(req, "end", do_end);
}

/* ---- messages ---- */

/* clang-format off */
static const struct ag_msg exceptions_msgs[] = {
    {"Exception measures", "例外措置", "Exception measures"},
    {"Request an exception", "例外措置を申請", "Request an exception"},
    {"Exception request %lld", "例外措置の申請 %lld", "Exception request %lld"},
    {"Exception measures (例外措置, guideline 3.1.2.3(2)②): a request names the rule, the period, "
     "the alternative measures, the impact and the reason; a reviewer the CISO designated decides "
     "it.",
     "例外措置（ガイドライン 3.1.2.3(2)②）: 申請には規程の適用箇所、期間、代替手段、影響と対処、理由を明記し、"
     "最高情報セキュリティ責任者が定めた審査者が許可の可否を決定します。",
     "Exception measures (例外措置, guideline 3.1.2.3(2)②): a request names the rule, the period, "
     "the alternative measures, the impact and the reason; a reviewer the CISO designated decides "
     "it."},
    {"Exception measures (例外措置, guideline 3.1.2.3(2)②)", "例外措置（ガイドライン 3.1.2.3(2)②）",
     "Exception measures (例外措置, guideline 3.1.2.3(2)②)"},
    {"Give every item the guideline lists (3.1.2.3(2)②). Your name, department and contact are "
     "taken from your record.",
     "ガイドライン（3.1.2.3(2)②）が挙げる事項をすべて記入してください。氏名・所属・連絡先は登録情報から"
     "記録します。",
     "Give every item the guideline lists (3.1.2.3(2)②). Your name, department and contact are "
     "taken from your record."},
    {"Review procedure (at most %d days):", "審査手続（期間は最長 %d 日）:",
     "Review procedure (at most %d days):"},
    {"You applied for this exception: your own decision is refused; another designated reviewer "
     "decides it (separation of duties, 3.1.4.1(2)).",
     "この例外措置の申請者はあなたです。自分の申請は審査できません（決定は拒否されます）。"
     "他の指名された審査者が審査します（職務の分離、3.1.4.1(2)）。",
     "You applied for this exception: your own decision is refused; another designated reviewer "
     "decides it (separation of duties, 3.1.4.1(2))."},
    {"ends in %ld days", "残り %ld 日で終了", "ends in %ld days"},
    {"exceptions: requested", "審査待ち", "requested"},
    {"exceptions: approved", "許可（開始前）", "approved"},
    {"exceptions: rejected", "不許可", "rejected"},
    {"exceptions: withdrawn", "取下げ", "withdrawn"},
    {"exceptions: active", "適用中", "active"},
    {"exceptions: expired", "期間満了（終了報告待ち）", "expired (end report due)"},
    {"exceptions: ended", "終了報告済み", "ended"},
    {"exceptions: No such exception", "該当する例外措置はありません", "No such exception"},
    {"exceptions: You may not see this exception request", "この例外措置の申請を閲覧する権限がありません",
     "You may not see this exception request"},
    {"exceptions: A filter has a value that is not allowed", "絞り込み条件に指定できない値があります",
     "A filter has a value that is not allowed"},
    {"exceptions: Lists", "一覧の切替", "Lists"},
    {"exceptions: All I may see", "閲覧できるすべて", "All I may see"},
    {"exceptions: My requests", "自分の申請", "My requests"},
    {"exceptions: To review", "審査待ち（自分が審査者）", "To review"},
    {"exceptions: Status", "状態", "Status"},
    {"exceptions: all", "すべて", "all"},
    {"exceptions: Filter", "絞り込む", "Filter"},
    {"exceptions: Ending within 30 days", "30 日以内に終了", "Ending within 30 days"},
    {"exceptions: ID", "番号", "ID"},
    {"exceptions: Period", "期間", "Period"},
    {"exceptions: Days left", "残日数", "Days left"},
    {"exceptions: No exception requests here.", "該当する例外措置の申請はありません。",
     "No exception requests here."},
    {"exceptions: Pages", "ページ", "Pages"},
    {"exceptions: Previous page", "前のページ", "Previous page"},
    {"exceptions: Next page", "次のページ", "Next page"},
    {"exceptions: Regulation (規程名)", "規程名", "Regulation (規程名)"},
    {"exceptions: Clause (条項)", "条項", "Clause (条項)"},
    {"exceptions: Guideline item (optional, e.g. 3.1.5.1(2)(b))",
     "ガイドラインの対策項目（任意。例 3.1.5.1(2)(b)）", "Guideline item (optional, e.g. 3.1.5.1(2)(b))"},
    {"exceptions: none", "なし", "none"},
    {"exceptions: From", "適用開始日", "From"},
    {"exceptions: Until", "適用終了日", "Until"},
    {"exceptions: Measures taken instead (代替手段)", "措置内容（講ずる代替手段等）",
     "Measures taken instead (代替手段)"},
    {"exceptions: Security impact", "情報セキュリティ上の影響", "Security impact"},
    {"exceptions: How the impact is handled", "影響への対処方法", "How the impact is handled"},
    {"exceptions: How the end will be reported", "終了したときの報告方法",
     "How the end will be reported"},
    {"exceptions: Reason", "申請する理由", "Reason"},
    {"exceptions: Contact (empty = your e-mail and phone)", "連絡先（空欄なら登録のメール・電話）",
     "Contact (empty = your e-mail and phone)"},
    {"exceptions: Related risk (number, optional)", "関連するリスク（番号、任意）",
     "Related risk (number, optional)"},
    {"exceptions: Submit the request", "申請する", "Submit the request"},
    {"exceptions: The request is recorded; a designated reviewer decides it.",
     "申請を受け付けました。指名された審査者が審査します。",
     "The request is recorded; a designated reviewer decides it."},
    {"exceptions: The exception is approved.", "例外措置を許可しました。", "The exception is approved."},
    {"exceptions: The request is rejected.", "申請を不許可としました。", "The request is rejected."},
    {"exceptions: The request is withdrawn.", "申請を取り下げました。", "The request is withdrawn."},
    {"exceptions: The end is reported.", "終了を報告しました。", "The end is reported."},
    {"exceptions: Reviewer", "審査者", "Reviewer"},
    {"exceptions: Rule", "適用箇所（規程名と条項）", "Rule and clause"},
    {"exceptions: Review and decide", "審査と決定", "Review and decide"},
    {"exceptions: Approve", "許可する", "Approve"},
    {"exceptions: Reject", "許可しない", "Reject"},
    {"exceptions: Decision", "決定", "Decision"},
    {"exceptions: Review record (審査記録)", "審査記録", "Review record (審査記録)"},
    {"exceptions: Conditions (optional)", "許可の条件（任意）", "Conditions (optional)"},
    {"exceptions: Record the decision", "決定を記録", "Record the decision"},
    {"exceptions: You may withdraw the request while it is not decided.",
     "審査の決定前であれば申請を取り下げられます。",
     "You may withdraw the request while it is not decided."},
    {"exceptions: Withdraw the request", "申請を取り下げる", "Withdraw the request"},
    {"exceptions: Report the end", "終了を報告", "Report the end"},
    {"exceptions: End report", "終了報告", "End report"},
    {"exceptions: Back to the list", "一覧へ戻る", "Back to the list"},
    {"exceptions: decision: choose approve or reject",
     "決定: 「許可する」か「許可しない」を選んでください", "decision: choose approve or reject"},
};
/* clang-format on */

static const struct route exceptions_routes[] = {
    {WEB_GET, "/exceptions", page_exceptions, 0, ROUTE_AUTH},
    {WEB_POST, "/exceptions", page_exception_request, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/exceptions/new", page_exception_new, 0, ROUTE_AUTH},
    {WEB_GET, "/exceptions/{id}", page_exception, 0, ROUTE_AUTH},
    {WEB_POST, "/exceptions/{id}/decide", page_exception_decide, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/exceptions/{id}/withdraw", page_exception_withdraw, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/exceptions/{id}/end", page_exception_end, 0, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav exceptions_nav[] = {{"/exceptions", "Exception measures", 0}};
WEB_MODULE(exceptions, exceptions_routes, exceptions_msgs, exceptions_nav);
