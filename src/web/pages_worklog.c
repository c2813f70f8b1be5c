/*
 * pages_worklog.c — the operation and maintenance work log of guideline 3.2.1.1 on the web
 * (src/isms/worklog.h, docs/isms.md "Operation and maintenance work log (3.2.1.1)"): the work
 * log with its unauthorised flag, the change list and a change's page with the approval flow
 * (approve / reject, carry out, review afterwards, cancel), the access-control review plans
 * with the overdue ones and the review form, and disposals with the upload of the erasure
 * certificate and its download.
 *
 * Who may see: the ISMS roles (executive, CISO, committee, manager, sysadmin, CSIRT, auditor);
 * every route checks them. Who may act is the library's rule (worklog.h: the role for the
 * devices' department, the manager or CISO approving, never the requester; the review after the
 * change never by the implementer); a refusal is shown with 403 and recorded in the audit trail
 * in its own transaction (the step's was rolled back). Each POST runs in one transaction
 * (web_action) with the person's login as the audit trail's actor. Forms for steps are shown to
 * the people holding a role that can take them; the library has the last word.
 * Thread: a worker thread, with the request's arena and store connection.
 */
#include "isms/worklog.h"
#include "store/store.h"
#include "web/web_int.h"

#define WL_READ_ROLES                                                                              \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)
#define WL_ACT_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_MANAGER | AUTH_ROLE_SYSADMIN)
#define WL_LIST_MAX 500

static const char *field(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && *v ? v : NULL;
}

static const char *today(struct web_req *req)
{
    char *t = arena_alloc(&req->arena, 11);
    if (t)
        ag_date_iso(ag_now(), t);
    return t ? t : "";
}

/* Values that mark a row for attention in the lists. */
static bool flagged_value(const char *v)
{
    static const char *const flags[] = {"UNAUTHORISED", "overdue", "approval-overdue",
                                        "emergency-pending", "rejected-after-change"};
    for (size_t i = 0; i < AG_ARRAY_LEN(flags); i++)
        if (strcmp(v, flags[i]) == 0)
            return true;
    return false;
}

/* A table of the rows of sql (text parameters), column names translated as headings; the first
 * column links to link_fmt + its value + link_tail when link_fmt is given; flagged rows get class
 * "flagged". */
static int sql_table(struct web_req *req, const char *sql, const char *const *params, size_t n,
                     const char *link_fmt, const char *link_tail, const char *empty)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        store_bind_text(s, (int)i + 1, params[i]);
    int ncol = sqlite3_column_count(s);
    html_lit(h, "<div class=\"table-wrap\"><table><thead><tr>");
    for (int c = 0; c < ncol; c++) {
        html_lit(h, "<th scope=\"col\">");
        html_text(h, web_tr(req, sqlite3_column_name(s, c)));
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
    size_t rows = 0;
    int step;
    while (rows < WL_LIST_MAX && (step = sqlite3_step(s)) == SQLITE_ROW) {
        bool flag = false;
        for (int c = 0; c < ncol && !flag; c++)
            flag = flagged_value(store_col_text(s, c));
        if (flag)
            html_lit(h, "<tr class=\"flagged\">");
        else
            html_lit(h, "<tr>");
        for (int c = 0; c < ncol; c++) {
            const char *v = store_col_text(s, c);
            html_lit(h, "<td>");
            if (c == 0 && link_fmt && *v)
                page_link(req, arena_printf(&req->arena, "%s%s%s", link_fmt, v, link_tail), v);
            else if (flagged_value(v))
                html_lit(h, "<strong>"), html_text(h, web_tr(req, v)), html_lit(h, "</strong>");
            else
                html_text(h, v);
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    html_lit(h, "</tbody></table></div>");
    if (rows == 0 && empty) {
        html_lit(h, "<p>");
        html_text(h, web_tr(req, empty));
        html_lit(h, "</p>");
    }
    return AG_OK;
}

/* <select> of codes from sql (one column), with an empty first option when optional. */
static void code_select(struct web_req *req, const char *name, const char *label, const char *sql,
                        bool optional)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    if (optional)
        html_lit(h, "<option value=\"\"></option>");
    if (store_prepare(req->st, &s, sql, &err) == AG_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            html_lit(h, "<option");
            html_attr(h, "value", store_col_text(s, 0));
            html_lit(h, ">");
            html_text(h, store_col_text(s, 0));
            if (sqlite3_column_count(s) > 1) {
                html_lit(h, " ");
                html_text(h, store_col_text(s, 1));
            }
            html_lit(h, "</option>");
        }
        sqlite3_finalize(s);
    }
    html_lit(h, "</select></div>");
}

static void enum_select(struct web_req *req, const char *name, const char *label,
                        const char *const *values)
{
    size_t n = 0;
    while (values[n])
        n++;
    page_select(req, name, label, values, values, n, NULL);
}

static void subnav(struct web_req *req)
{
    struct html *h = &req->out;
    html_lit(h, "<nav class=\"tabs\"");
    html_attr(h, "aria-label", web_tr(req, "worklog: Work log pages"));
    html_lit(h, "><ul><li>");
    page_link(req, "/worklog", web_tr(req, "worklog: Work log"));
    html_lit(h, "</li><li>");
    page_link(req, "/worklog/changes", web_tr(req, "worklog: Changes"));
    html_lit(h, "</li><li>");
    page_link(req, "/worklog/reviews", web_tr(req, "worklog: Access-control reviews"));
    html_lit(h, "</li><li>");
    page_link(req, "/worklog/disposals", web_tr(req, "worklog: Disposals"));
    html_lit(h, "</li></ul></nav>");
}

static void ok_note(struct web_req *req)
{
    const char *ok = web_query(req, "ok");
    if (ok && *ok)
        page_ok(req, web_tr(req, "worklog: Recorded."));
}

/* ---- GET/POST /worklog ---- */

/* clang-format off */
static const char entries_sql[] =
    "SELECT e.id, e.done_at, a.code AS asset, a.category, e.kind, e.work, p.login AS performed_by, "
    "coalesce(e.change_id, '') AS change_id, CASE WHEN e.unauthorised THEN 'UNAUTHORISED' ELSE '' "
    "END AS flag, e.result FROM wl_entries e JOIN assets a ON a.id = e.asset_id JOIN people p ON "
    "p.id = e.performed_by WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR e.kind = ?2) AND "
    "(?3 IS NULL OR e.unauthorised = 1) ORDER BY e.done_at DESC, e.id DESC";
/* clang-format on */
static const char assets_sql[] =
    "SELECT code, name FROM assets WHERE status = 'in_service' ORDER BY code";

static int worklog_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *asset = web_query(req, "asset"), *kind = web_query(req, "kind"),
               *unauth = web_query(req, "unauthorised");
    if (asset && !*asset)
        asset = NULL;
    if (kind && !*kind)
        kind = NULL;
    if (kind && isms_check_enum("kind", kind, wl_kinds, &err))
        return web_error(req, 400, "worklog: A filter has a value that is not allowed");
    page_begin(req, web_tr(req, "worklog: Work log"));
    page_h1(req, web_tr(req, "worklog: Operation and maintenance work log"));
    page_note(req, web_tr(req, "worklog: 3.2.1.1(1)①, (2)②③④: the date, the device, the work "
                               "and who did it, for servers, network devices, multifunction and "
                               "special-purpose devices. A configuration change or patch without "
                               "an approved change is flagged unauthorised."));
    subnav(req);
    if (alert)
        page_alert(req, alert);
    ok_note(req);
    html_lit(h, "<form method=\"get\" action=\"/worklog\" class=\"search filters\">");
    page_input(req, "asset", "asset", "text", asset, false);
    html_lit(h, "<div class=\"field check\"><input type=\"checkbox\" id=\"unauthorised\" "
                "name=\"unauthorised\" value=\"1\"");
    if (unauth && *unauth)
        html_lit(h, " checked");
    html_lit(h, "><label for=\"unauthorised\">");
    html_text(h, web_tr(req, "worklog: Only unauthorised work"));
    html_lit(h, "</label></div><button type=\"submit\">");
    html_text(h, web_tr(req, "worklog: Filter"));
    html_lit(h, "</button></form>");
    const char *params[] = {asset, kind, unauth && *unauth ? "1" : NULL};
    int rc = sql_table(req, entries_sql, params, 3, NULL, NULL, "worklog: Nothing recorded yet.");
    if (rc)
        return rc;
    if (web_has_role(req, WL_ACT_ROLES)) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "worklog: Record work"));
        html_lit(h, "</h2>");
        page_form_begin(req, "/worklog");
        code_select(req, "asset", "asset", assets_sql, false);
        static const char *const kinds[] = {"maintenance", "configuration", "patch", "inspection",
                                            "backup",      "repair",        "other", NULL};
        enum_select(req, "kind", "kind", kinds);
        page_input(req, "at", "worklog: Date and time (YYYY-MM-DD HH:MM)", "text", NULL, false);
        page_textarea(req, "work", "work", NULL, true);
        page_input(req, "by", "worklog: Done by (login; empty = you)", "text", NULL, false);
        page_input(req, "change", "worklog: Change number (if any)", "text", NULL, false);
        page_textarea(req, "result", "result", NULL, false);
        page_form_end(req, "worklog: Record");
    }
    page_end(req);
    return AG_OK;
}

static int page_worklog(struct web_req *req)
{
    return worklog_page(req, NULL);
}

static int opt_id(const char *v, long long *id, const char *name, struct ag_error *err)
{
    *id = 0;
    return v ? isms_check_int(name, v, 1, INT64_MAX, id, err) : AG_OK;
}

static int do_entry(struct web_req *req, void *ctx, struct ag_error *err)
{
    (void)ctx;
    long long change, id;
    int rc = opt_id(field(req, "change"), &change, "change", err);
    if (rc)
        return rc;
    struct wl_entry_new e = {field(req, "asset"),
                             field(req, "at"),
                             field(req, "kind"),
                             field(req, "work"),
                             field(req, "result"),
                             field(req, "by"),
                             change};
    return wl_entry_add(req->st, req->user.person_id, &e, &id, NULL, err);
}

static int page_worklog_add(struct web_req *req)
{
    struct ag_error err;
    int rc = web_action(req, do_entry, NULL, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/worklog?ok=1");
    return web_refused(req, rc, &err, "wl_entries", 0, "record work", worklog_page);
}

/* ---- changes ---- */

/* clang-format off */
#define CHANGE_DEVICES_SQL \
    "(SELECT group_concat(a.code, ' ') FROM wl_change_assets ca JOIN assets a ON a.id = " \
    "ca.asset_id WHERE ca.change_id = c.id)"
static const char changes_sql[] =
    "SELECT c.id, " WL_CHANGE_STATE_SQL " AS state, c.title, " CHANGE_DEVICES_SQL " AS devices, "
    "c.planned_on, c.risk_level, CASE WHEN c.emergency THEN 'emergency' ELSE '' END AS emergency, "
    "r.login AS requested_by, coalesce(d.login, '') AS decided_by, coalesce(c.approval_due, '') "
    "AS approval_due FROM wl_changes c JOIN people r ON r.id = c.requested_by LEFT JOIN people d "
    "ON d.id = c.decided_by ORDER BY c.id DESC";
static const char change_sql[] =
    "SELECT " WL_CHANGE_STATE_SQL ", c.title, c.reason, " CHANGE_DEVICES_SQL ", c.planned_on, "
    "c.rollback_plan, c.risk_level, c.risk_note, c.emergency, r.login, c.requested_at, c.decision, "
    "coalesce(d.login, ''), coalesce(c.decided_at, ''), c.decision_note, coalesce(c.approval_due, "
    "''), coalesce(i.login, ''), coalesce(c.implemented_at, ''), coalesce(v.login, ''), "
    "coalesce(c.reviewed_at, ''), coalesce(c.review_result, ''), c.review_note, "
    "coalesce(c.action_id, 0), c.status FROM wl_changes c JOIN people r ON r.id = c.requested_by "
    "LEFT JOIN people d ON d.id = c.decided_by LEFT JOIN people i ON i.id = c.implemented_by LEFT "
    "JOIN people v ON v.id = c.reviewed_by WHERE c.id = ?2";
/* clang-format on */

static int changes_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "worklog: Changes"));
    page_h1(req, web_tr(req, "worklog: Configuration and change management"));
    page_note(req, web_tr(req, "worklog: 3.2.1.1(2)②③④: a change is approved before it is "
                               "carried out by the information security manager of the devices' "
                               "department or the CISO, never by the requester, and reviewed "
                               "afterwards by someone other than the implementer. An emergency "
                               "change is approved within 3 days after it was carried out."));
    subnav(req);
    if (alert)
        page_alert(req, alert);
    ok_note(req);
    const char *params[] = {today(req)};
    int rc =
        sql_table(req, changes_sql, params, 1, "/worklog/changes/", "", "worklog: No changes yet.");
    if (rc)
        return rc;
    if (web_has_role(req, WL_ACT_ROLES)) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "worklog: Request a change"));
        html_lit(h, "</h2>");
        page_form_begin(req, "/worklog/changes");
        page_input(req, "title", "worklog: What changes", "text", NULL, true);
        page_textarea(req, "reason", "reason", NULL, true);
        page_input(req, "assets", "worklog: Devices (asset codes, separated by spaces)", "text",
                   NULL, true);
        page_input(req, "planned", "planned_on", "date", NULL, true);
        page_textarea(req, "rollback", "rollback_plan", NULL, true);
        enum_select(req, "risk", "risk_level", wl_risks);
        page_textarea(req, "risk_note", "risk_note", NULL, false);
        html_lit(h, "<div class=\"field check\"><input type=\"checkbox\" id=\"emergency\" "
                    "name=\"emergency\" value=\"1\"><label for=\"emergency\">");
        html_text(h, web_tr(req, "worklog: Emergency change (approved afterwards)"));
        html_lit(h, "</label></div>");
        page_form_end(req, "worklog: Request");
    }
    page_end(req);
    return AG_OK;
}

static int page_changes(struct web_req *req)
{
    return changes_page(req, NULL);
}

static int do_request(struct web_req *req, void *ctx, struct ag_error *err)
{
    long long *id = ctx;
    char *buf = arena_strdup(&req->arena, field(req, "assets") ? field(req, "assets") : "");
    const char *list[65];
    size_t n = 0;
    char *save = NULL;
    for (char *t = buf ? strtok_r(buf, ", ", &save) : NULL; t && n + 1 < AG_ARRAY_LEN(list);
         t = strtok_r(NULL, ", ", &save))
        list[n++] = t;
    list[n] = NULL;
    struct wl_change_new c = {field(req, "title"),
                              field(req, "reason"),
                              field(req, "planned"),
                              field(req, "rollback"),
                              field(req, "risk"),
                              field(req, "risk_note"),
                              list,
                              field(req, "emergency") != NULL};
    return wl_change_request(req->st, req->user.person_id, &c, id, err);
}

static int page_change_request(struct web_req *req)
{
    struct ag_error err;
    long long id = 0;
    int rc = web_action(req, do_request, &id, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/worklog/changes/%lld?ok=1", id));
    return web_refused(req, rc, &err, "wl_changes", 0, "request a change", changes_page);
}

static void dl_if(struct web_req *req, const char *label, const char *v)
{
    if (v && *v)
        page_dl_item(req, label, v);
}

static int change_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    long long id;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, "worklog: No such change");
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, change_sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, today(req), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "worklog: No such change");
    }
#define T(i) store_col_text(s, i)
    const char *state = arena_strdup(&req->arena, T(0));
    const char *status = arena_strdup(&req->arena, T(23));
    const char *decision = arena_strdup(&req->arena, T(11));
    bool emergency = sqlite3_column_int(s, 8) != 0;
    page_begin(req, arena_printf(&req->arena, web_tr(req, "worklog: Change %lld"), id));
    page_h1(req, arena_printf(&req->arena, web_tr(req, "worklog: Change %lld"), id));
    subnav(req);
    if (alert)
        page_alert(req, alert);
    ok_note(req);
    page_dl_begin(req);
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "state"));
    html_lit(h, "</dt><dd");
    if (flagged_value(state))
        html_lit(h, " class=\"flagged\"");
    html_lit(h, "><strong>");
    html_text(h, web_tr(req, state ? state : ""));
    html_lit(h, "</strong></dd>");
    page_dl_item(req, "title", T(1));
    page_dl_item(req, "reason", T(2));
    page_dl_item(req, "devices", T(3));
    page_dl_item(req, "planned_on", T(4));
    page_dl_item(req, "rollback_plan", T(5));
    page_dl_item(req, "risk_level", T(6));
    dl_if(req, "risk_note", T(7));
    if (emergency)
        page_dl_item(req, "emergency",
                     web_tr(req, "worklog: Emergency change (approved afterwards)"));
    page_dl_item(req, "requested_by", T(9));
    page_dl_item(req, "requested_at", T(10));
    page_dl_item(req, "decision", T(11));
    dl_if(req, "decided_by", T(12));
    dl_if(req, "decided_at", T(13));
    dl_if(req, "decision_note", T(14));
    dl_if(req, "approval_due", T(15));
    dl_if(req, "implemented_by", T(16));
    dl_if(req, "implemented_at", T(17));
    dl_if(req, "reviewed_by", T(18));
    dl_if(req, "reviewed_at", T(19));
    dl_if(req, "review_result", T(20));
    dl_if(req, "review_note", T(21));
    long long action = sqlite3_column_int64(s, 22);
    if (action) {
        html_lit(h, "<dt>");
        html_text(h, web_tr(req, "action"));
        html_lit(h, "</dt><dd>");
        page_link(req, arena_printf(&req->arena, "/actions/%lld", action),
                  arena_printf(&req->arena, "%lld", action));
        html_lit(h, "</dd>");
    }
    page_dl_end(req);
#undef T
    sqlite3_finalize(s);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "work_log_entries"));
    html_lit(h, "</h2>");
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", id);
    const char *params[] = {sid};
    if ((rc = sql_table(req,
                        "SELECT e.id, e.done_at, a.code AS asset, e.kind, e.work, p.login AS "
                        "performed_by, e.result FROM wl_entries e JOIN assets a ON a.id = "
                        "e.asset_id JOIN people p ON p.id = e.performed_by WHERE e.change_id = ?1 "
                        "ORDER BY e.id",
                        params, 1, NULL, NULL, "worklog: Not carried out yet.")))
        return rc;
    const char *base = arena_printf(&req->arena, "/worklog/changes/%lld", id);
    bool approver = web_has_role(req, AUTH_ROLE_MANAGER | AUTH_ROLE_CISO);
    bool worker = web_has_role(req, WL_ACT_ROLES);
    bool open = strcmp(status, "open") == 0;
    if (approver && strcmp(decision, "pending") == 0 &&
        (open || (emergency && strcmp(status, "cancelled") != 0))) {
        html_lit(h, "<h2 id=\"decide\">");
        html_text(h, web_tr(req, "worklog: Approve or reject"));
        html_lit(h, "</h2>");
        page_form_begin(req, arena_printf(&req->arena, "%s/decide", base));
        static const char *const vals[] = {"approve", "reject"};
        static const char *const labels[] = {"worklog: Approve", "worklog: Reject"};
        page_select(req, "decision", "decision", vals, labels, 2, NULL);
        page_textarea(req, "note", "decision_note", NULL, false);
        page_form_end(req, "worklog: Record the decision");
    }
    if (worker && open && strcmp(decision, "rejected") != 0) {
        html_lit(h, "<h2 id=\"implement\">");
        html_text(h, web_tr(req, "worklog: Carry out"));
        html_lit(h, "</h2>");
        page_form_begin(req, arena_printf(&req->arena, "%s/implement", base));
        static const char *const kinds[] = {"configuration", "patch", NULL};
        enum_select(req, "kind", "kind", kinds);
        page_input(req, "at", "worklog: Date and time (YYYY-MM-DD HH:MM)", "text", NULL, false);
        page_textarea(req, "work", "work", NULL, false);
        page_textarea(req, "result", "result", NULL, false);
        page_form_end(req, "worklog: Record as carried out");
    }
    if (worker && strcmp(status, "implemented") == 0) {
        html_lit(h, "<h2 id=\"review\">");
        html_text(h, web_tr(req, "worklog: Review after the change"));
        html_lit(h, "</h2>");
        page_form_begin(req, arena_printf(&req->arena, "%s/review", base));
        enum_select(req, "result", "review_result", wl_change_results);
        page_textarea(req, "note", "review_note", NULL, true);
        page_input(req, "action_owner", "worklog: Corrective action owner (result issues)", "text",
                   NULL, false);
        page_input(req, "action_due", "worklog: Corrective action due", "date", NULL, false);
        page_form_end(req, "worklog: Record the review");
    }
    if (worker && open) {
        html_lit(h, "<form method=\"post\" class=\"card\"");
        html_attr(h, "action", arena_printf(&req->arena, "%s/cancel", base));
        html_lit(h, ">");
        page_csrf_field(req);
        html_lit(h, "<button type=\"submit\">");
        html_text(h, web_tr(req, "worklog: Cancel the change"));
        html_lit(h, "</button></form>");
    }
    page_end(req);
    return AG_OK;
}

static int page_change(struct web_req *req)
{
    return change_page(req, NULL);
}

struct step_ctx {
    long long id;
    const char *step;
};

static int do_step(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    long long me = req->user.person_id;
    if (strcmp(c->step, "decide") == 0) {
        const char *d = field(req, "decision");
        if (!d || (strcmp(d, "approve") != 0 && strcmp(d, "reject") != 0))
            return ag_error_set(err, AG_EINVAL, "%s: missing (one of: %s)", "decision",
                                "approve, reject");
        return wl_change_decide(req->st, c->id, me, strcmp(d, "approve") == 0, field(req, "note"),
                                err);
    }
    if (strcmp(c->step, "implement") == 0)
        return wl_change_implement(req->st, c->id, me, field(req, "at"), field(req, "kind"),
                                   field(req, "work"), field(req, "result"), err);
    if (strcmp(c->step, "review") == 0)
        return wl_change_review(req->st, req->cat, c->id, me, field(req, "result"),
                                field(req, "note"), field(req, "action_owner"),
                                field(req, "action_due"), err);
    return wl_change_cancel(req->st, c->id, me, err);
}

static int change_step(struct web_req *req, const char *step)
{
    struct ag_error err;
    struct step_ctx c = {0, step};
    if (!web_param_id(req, "id", &c.id))
        return web_error(req, 404, "worklog: No such change");
    int rc = web_action(req, do_step, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req,
                            arena_printf(&req->arena, "/worklog/changes/%lld?ok=%s", c.id, step));
    if (rc == AG_ENOTFOUND)
        return web_error(req, 404, "worklog: No such change");
    return web_refused(req, rc, &err, "wl_changes", c.id, step, change_page);
}

static int page_change_decide(struct web_req *req)
{
    return change_step(req, "decide");
}
static int page_change_implement(struct web_req *req)
{
    return change_step(req, "implement");
}
static int page_change_review(struct web_req *req)
{
    return change_step(req, "review");
}
static int page_change_cancel(struct web_req *req)
{
    return change_step(req, "cancel");
}

/* ---- access-control reviews ---- */

static const char network_sql[] = "SELECT code, name FROM assets WHERE category = 'network' AND "
                                  "status = 'in_service' ORDER BY code";

static int reviews_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "worklog: Access-control reviews"));
    page_h1(req, web_tr(req, "worklog: Review of routing and access control"));
    page_note(req, web_tr(req, "worklog: 3.2.1.1(2)③: the settings of routing and access control "
                               "are reviewed periodically and when lines or communication "
                               "requirements change; findings become corrective actions."));
    subnav(req);
    if (alert)
        page_alert(req, alert);
    ok_note(req);
    const char *params[] = {today(req)};
    int rc =
        sql_table(req, wl_review_plans_sql, params, 1, NULL, NULL, "worklog: No review plans.");
    if (rc)
        return rc;
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "worklog: Reviews recorded"));
    html_lit(h, "</h2>");
    if ((rc = sql_table(req,
                        "SELECT r.id, r.reviewed_on, a.code AS asset, p.login AS reviewer, "
                        "r.occasion, coalesce(r.change_id, '') AS change_id, r.result, "
                        "r.findings, coalesce(r.action_id, '') AS action FROM wl_reviews r JOIN "
                        "assets a ON a.id = r.asset_id JOIN people p ON p.id = r.reviewer_id "
                        "ORDER BY r.reviewed_on DESC, r.id DESC",
                        NULL, 0, NULL, NULL, "worklog: No reviews yet.")))
        return rc;
    if (web_has_role(req, WL_ACT_ROLES)) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "worklog: Record a review"));
        html_lit(h, "</h2>");
        page_form_begin(req, "/worklog/reviews");
        code_select(req, "asset", "asset", network_sql, false);
        page_input(req, "date", "reviewed_on", "date", NULL, false);
        page_textarea(req, "findings", "findings", NULL, true);
        enum_select(req, "result", "result", wl_review_results);
        page_input(req, "change", "worklog: Change number (review at a change)", "text", NULL,
                   false);
        page_input(req, "action_owner", "worklog: Corrective action owner (result action)", "text",
                   NULL, false);
        page_input(req, "action_due", "worklog: Corrective action due", "date", NULL, false);
        page_form_end(req, "worklog: Record");
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "worklog: Plan the reviews of a device"));
        html_lit(h, "</h2>");
        page_form_begin(req, "/worklog/reviews/plan");
        code_select(req, "asset", "asset", network_sql, false);
        enum_select(req, "scope", "scope", wl_review_scopes);
        page_input(req, "every", "interval_months", "number", "3", true);
        page_input(req, "owner", "owner", "text", NULL, true);
        page_input(req, "start", "started_on", "date", NULL, false);
        page_form_end(req, "worklog: Save the plan");
    }
    page_end(req);
    return AG_OK;
}

static int page_reviews(struct web_req *req)
{
    return reviews_page(req, NULL);
}

static int do_review(struct web_req *req, void *ctx, struct ag_error *err)
{
    (void)ctx;
    long long change, id;
    int rc = opt_id(field(req, "change"), &change, "change", err);
    if (rc)
        return rc;
    struct wl_review_new r = {
        field(req, "asset"),     field(req, "date"),   change,
        field(req, "findings"),  field(req, "result"), field(req, "action_owner"),
        field(req, "action_due")};
    return wl_review_add(req->st, req->cat, req->user.person_id, &r, &id, err);
}

static int do_plan(struct web_req *req, void *ctx, struct ag_error *err)
{
    (void)ctx;
    long long every;
    int rc = isms_check_int("every", field(req, "every"), 1, 24, &every, err);
    if (rc)
        return rc;
    return wl_review_plan(req->st, req->user.person_id, field(req, "asset"), field(req, "scope"),
                          (int)every, field(req, "owner"), field(req, "start"), err);
}

static int page_review_add(struct web_req *req)
{
    struct ag_error err;
    int rc = web_action(req, do_review, NULL, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/worklog/reviews?ok=1");
    return web_refused(req, rc, &err, "wl_reviews", 0, "review the settings", reviews_page);
}

static int page_review_plan(struct web_req *req)
{
    struct ag_error err;
    int rc = web_action(req, do_plan, NULL, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/worklog/reviews?ok=1");
    return web_refused(req, rc, &err, "wl_review_plans", 0, "plan the reviews", reviews_page);
}

/* ---- disposals ---- */

static int disposals_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "worklog: Disposals"));
    page_h1(req, web_tr(req, "worklog: Disposal with proof of erasure"));
    page_note(req, web_tr(req, "worklog: 3.2.1.1(2)①②③④: when a device leaves operation all "
                               "information on its media is erased; the certificate is kept and "
                               "a witness other than the person who erased confirms it."));
    subnav(req);
    if (alert)
        page_alert(req, alert);
    ok_note(req);
    int rc =
        sql_table(req,
                  "SELECT d.id, a.code AS asset, a.category, d.disposed_on, d.method AS "
                  "erasure_method, b.login AS performed_by, w.login AS witness, d.vendor, "
                  "d.certificate_no, e.filename AS certificate FROM wl_disposals d JOIN "
                  "assets a ON a.id = d.asset_id JOIN people b ON b.id = d.performed_by JOIN "
                  "people w ON w.id = d.witness_id JOIN evidence e ON e.id = "
                  "d.certificate_id ORDER BY d.disposed_on DESC, d.id DESC",
                  NULL, 0, "/worklog/disposals/", "/certificate", "worklog: No disposals yet.");
    if (rc)
        return rc;
    if (web_has_role(req, WL_ACT_ROLES)) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "worklog: Record a disposal"));
        html_lit(h, "</h2><form method=\"post\" class=\"card\" action=\"/worklog/disposals\" "
                    "enctype=\"multipart/form-data\">");
        page_csrf_field(req);
        code_select(req, "asset", "asset", assets_sql, false);
        page_input(req, "date", "disposed_on", "date", NULL, false);
        enum_select(req, "method", "erasure_method", wl_methods);
        page_input(req, "by", "performed_by", "text", NULL, true);
        page_input(req, "witness", "witness", "text", NULL, true);
        page_input(req, "vendor", "vendor", "text", NULL, false);
        page_input(req, "contractor", "worklog: Contractor code (contractual erasure)", "text",
                   NULL, false);
        page_input(req, "certificate_no", "certificate_no", "text", NULL, false);
        page_textarea(req, "note", "note", NULL, false);
        page_input(req, "certificate", "certificate", "file", NULL, true);
        page_form_end(req, "worklog: Record the disposal");
    }
    page_end(req);
    return AG_OK;
}

static int page_disposals(struct web_req *req)
{
    return disposals_page(req, NULL);
}

static int do_dispose(struct web_req *req, void *ctx, struct ag_error *err)
{
    (void)ctx;
    long long id;
    bool file = req->upload.present;
    struct wl_disposal_new d = {field(req, "asset"),
                                field(req, "date"),
                                field(req, "method"),
                                field(req, "by"),
                                field(req, "witness"),
                                field(req, "vendor"),
                                field(req, "contractor"),
                                field(req, "certificate_no"),
                                field(req, "note"),
                                file ? strbuf_str(&req->upload.data) : NULL,
                                file ? req->upload.data.len : 0,
                                file ? req->upload.filename : NULL};
    return wl_dispose(req->st, req->user.person_id, &d, &id, err);
}

static int page_dispose(struct web_req *req)
{
    struct ag_error err;
    int rc = web_action(req, do_dispose, NULL, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/worklog/disposals?ok=1");
    return web_refused(req, rc, &err, "wl_disposals", 0, "record a disposal", disposals_page);
}

static int page_certificate(struct web_req *req)
{
    struct ag_error err;
    long long id;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, "worklog: No such disposal");
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT e.sha256, e.filename FROM wl_disposals d JOIN evidence e ON "
                           "e.id = d.certificate_id WHERE d.id = ?",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "worklog: No such disposal");
    }
    const char *sha = arena_strdup(&req->arena, store_col_text(s, 0));
    const char *name = arena_strdup(&req->arena, store_col_text(s, 1));
    sqlite3_finalize(s);
    return web_evidence_send(req, sha, name ? name : "certificate");
}

/* ---- messages ---- */

/* clang-format off */
static const struct ag_msg worklog_msgs[] = {
    {"worklog: Work log", "作業記録", "Work log"},
    {"worklog: Work log pages", "作業記録のページ", "Work log pages"},
    {"worklog: Changes", "変更管理", "Changes"},
    {"worklog: Access-control reviews", "アクセス制御の見直し", "Access-control reviews"},
    {"worklog: Disposals", "廃棄", "Disposals"},
    {"worklog: Recorded.", "記録しました。", "Recorded."},
    {"worklog: A filter has a value that is not allowed", "絞り込み条件に指定できない値があります",
     "A filter has a value that is not allowed"},
    {"worklog: Operation and maintenance work log", "運用・保守の作業記録",
     "Operation and maintenance work log"},
    {"worklog: 3.2.1.1(1)①, (2)②③④: the date, the device, the work and who did it, for servers, "
     "network devices, multifunction and special-purpose devices. A configuration change or patch "
     "without an approved change is flagged unauthorised.",
     "3.2.1.1(1)①、(2)②③④: サーバ装置、通信回線装置、複合機及び特定用途機器について、作業日、作業を行った機器、"
     "作業内容及び作業者を記録します。承認された変更のない設定変更・パッチ適用は「無許可」と表示します。",
     "3.2.1.1(1)①, (2)②③④: the date, the device, the work and who did it, for servers, "
     "network devices, multifunction and special-purpose devices. A configuration change or patch "
     "without an approved change is flagged unauthorised."},
    {"worklog: Only unauthorised work", "無許可の作業のみ", "Only unauthorised work"},
    {"worklog: Filter", "絞り込む", "Filter"},
    {"worklog: Nothing recorded yet.", "記録はまだありません。", "Nothing recorded yet."},
    {"worklog: Record work", "作業を記録", "Record work"},
    {"worklog: Date and time (YYYY-MM-DD HH:MM)", "作業日時（YYYY-MM-DD HH:MM、空欄は現在）",
     "Date and time (YYYY-MM-DD HH:MM)"},
    {"worklog: Done by (login; empty = you)", "作業者（ログイン。空欄は自分）",
     "Done by (login; empty = you)"},
    {"worklog: Change number (if any)", "変更番号（あれば）", "Change number (if any)"},
    {"worklog: Record", "記録する", "Record"},
    {"worklog: Configuration and change management", "構成管理・変更管理",
     "Configuration and change management"},
    {"worklog: 3.2.1.1(2)②③④: a change is approved before it is carried out by the information "
     "security manager of the devices' department or the CISO, never by the requester, and reviewed "
     "afterwards by someone other than the implementer. An emergency change is approved within 3 "
     "days after it was carried out.",
     "3.2.1.1(2)②③④: 変更は実施前に、機器を主管する部署の情報セキュリティ責任者又は CISO（申請者以外）が"
     "承認し、実施後に実施者以外が確認します。緊急変更は実施後 3 日以内に承認を受けます。",
     "3.2.1.1(2)②③④: a change is approved before it is carried out by the information "
     "security manager of the devices' department or the CISO, never by the requester, and reviewed "
     "afterwards by someone other than the implementer. An emergency change is approved within 3 "
     "days after it was carried out."},
    {"worklog: No changes yet.", "変更はまだありません。", "No changes yet."},
    {"worklog: Request a change", "変更を申請", "Request a change"},
    {"worklog: What changes", "変更内容", "What changes"},
    {"worklog: Devices (asset codes, separated by spaces)", "対象機器（資産コード、空白区切り）",
     "Devices (asset codes, separated by spaces)"},
    {"worklog: Emergency change (approved afterwards)", "緊急変更（事後承認）",
     "Emergency change (approved afterwards)"},
    {"worklog: Request", "申請する", "Request"},
    {"worklog: No such change", "該当する変更はありません", "No such change"},
    {"worklog: Change %lld", "変更 %lld", "Change %lld"},
    {"worklog: Not carried out yet.", "まだ実施されていません。", "Not carried out yet."},
    {"worklog: Approve or reject", "承認・却下", "Approve or reject"},
    {"worklog: Approve", "承認する", "Approve"},
    {"worklog: Reject", "却下する", "Reject"},
    {"worklog: Record the decision", "決定を記録", "Record the decision"},
    {"worklog: Carry out", "実施", "Carry out"},
    {"worklog: Record as carried out", "実施を記録", "Record as carried out"},
    {"worklog: Review after the change", "事後確認", "Review after the change"},
    {"worklog: Corrective action owner (result issues)", "是正処置の担当（結果 issues のとき）",
     "Corrective action owner (result issues)"},
    {"worklog: Corrective action due", "是正処置の期限", "Corrective action due"},
    {"worklog: Record the review", "確認結果を記録", "Record the review"},
    {"worklog: Cancel the change", "変更を取り消す", "Cancel the change"},
    {"worklog: Review of routing and access control", "経路制御・アクセス制御の設定の見直し",
     "Review of routing and access control"},
    {"worklog: 3.2.1.1(2)③: the settings of routing and access control are reviewed periodically and "
     "when lines or communication requirements change; findings become corrective actions.",
     "3.2.1.1(2)③: 経路制御及びアクセス制御の設定は、定期的に及び通信回線や通信要件の変更の際に見直します。"
     "指摘は是正処置として管理します。",
     "3.2.1.1(2)③: the settings of routing and access control are reviewed periodically and "
     "when lines or communication requirements change; findings become corrective actions."},
    {"worklog: No review plans.", "見直しの計画はありません。", "No review plans."},
    {"worklog: Reviews recorded", "見直しの記録", "Reviews recorded"},
    {"worklog: No reviews yet.", "見直しの記録はまだありません。", "No reviews yet."},
    {"worklog: Record a review", "見直しを記録", "Record a review"},
    {"worklog: Change number (review at a change)", "変更番号（変更に伴う見直しのとき）",
     "Change number (review at a change)"},
    {"worklog: Corrective action owner (result action)", "是正処置の担当（結果 action のとき）",
     "Corrective action owner (result action)"},
    {"worklog: Plan the reviews of a device", "機器の見直し計画", "Plan the reviews of a device"},
    {"worklog: Save the plan", "計画を保存", "Save the plan"},
    {"worklog: Disposal with proof of erasure", "情報の抹消の証明を伴う廃棄",
     "Disposal with proof of erasure"},
    {"worklog: 3.2.1.1(2)①②③④: when a device leaves operation all information on its media is "
     "erased; the certificate is kept and a witness other than the person who erased confirms it.",
     "3.2.1.1(2)①②③④: 機器の運用を終了するときは記録媒体のすべての情報を抹消し、証明書を保管します。"
     "消去の作業者以外が立ち会います。",
     "3.2.1.1(2)①②③④: when a device leaves operation all information on its media is "
     "erased; the certificate is kept and a witness other than the person who erased confirms it."},
    {"worklog: No disposals yet.", "廃棄の記録はありません。", "No disposals yet."},
    {"worklog: Record a disposal", "廃棄を記録", "Record a disposal"},
    {"worklog: Contractor code (contractual erasure)", "委託先コード（契約による消去のとき）",
     "Contractor code (contractual erasure)"},
    {"worklog: Record the disposal", "廃棄を記録する", "Record the disposal"},
    {"worklog: No such disposal", "該当する廃棄記録はありません", "No such disposal"},
    {"UNAUTHORISED", "無許可", "UNAUTHORISED"},
    {"open-pending", "承認待ち", "awaiting approval"},
    {"emergency-pending", "緊急変更・事後承認待ち", "emergency, approval due"},
    {"approval-overdue", "事後承認の期限超過", "approval overdue"},
    {"rejected-after-change", "事後に却下（切戻し要）", "rejected after the change"},
    {"review-due", "事後確認待ち", "review due"},
    {"reviewed", "確認済み", "reviewed"},
};
/* clang-format on */

static const struct route worklog_routes[] = {
    {WEB_GET, "/worklog", page_worklog, WL_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/worklog", page_worklog_add, WL_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/worklog/changes", page_changes, WL_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/worklog/changes", page_change_request, WL_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/worklog/changes/{id}", page_change, WL_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/worklog/changes/{id}/decide", page_change_decide, WL_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/worklog/changes/{id}/implement", page_change_implement, WL_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/worklog/changes/{id}/review", page_change_review, WL_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/worklog/changes/{id}/cancel", page_change_cancel, WL_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/worklog/reviews", page_reviews, WL_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/worklog/reviews", page_review_add, WL_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/worklog/reviews/plan", page_review_plan, WL_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/worklog/disposals", page_disposals, WL_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/worklog/disposals", page_dispose, WL_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF | ROUTE_UPLOAD},
    {WEB_GET, "/worklog/disposals/{id}/certificate", page_certificate, WL_READ_ROLES, ROUTE_AUTH},
};
static const struct web_nav worklog_nav[] = {{"/worklog", "worklog: Work log", WL_READ_ROLES}};
WEB_MODULE(worklog, worklog_routes, worklog_msgs, worklog_nav);
