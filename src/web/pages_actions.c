/*
 * pages_actions.c — corrective actions (是正処置) on the web: the list (overdue first, filters
 * status / department / mine), an action's page with its guideline items and its history (from
 * the audit trail), and the steps of isms_action_step (start, done, verify, reopen, cancel).
 * Library: src/isms/action.c; CLI: `airguard action`.
 *
 * Who sees an action (docs/web/actions.md): CISO, the information security committee and
 * auditors see every action; a 情報セキュリティ責任者 (manager) the actions of their departments
 * (the action's department, else its owner's; sub-departments included); CSIRT the actions that
 * come from incidents; everyone the actions they own, created or verified.
 * Who takes which step — the library's rules plus the page's, checked inside the transaction:
 *   start            the owner, the department's manager or the CISO
 *   done (with the result)  the owner only (library)
 *   verify / reopen  not the owner (library, 3.1.4.1(2)); and the CISO, the department's manager
 *                    or — for an action from an audit — an auditor (follow-up of 3.3.2)
 *   cancel           the department's manager or the CISO
 * Sending back (reopen) needs a reason, which the library appends to the result.
 * Each POST runs in one BEGIN IMMEDIATE transaction (web_action): of concurrent steps on one
 * action one wins; a step the current status no longer allows is refused with 409.
 */
#include "isms/isms.h"
#include "store/store.h"
#include "web/web_int.h"

#include <jansson.h>

#define ACT_PER_PAGE 50
#define ACT_VIEW_ALL (AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_AUDITOR)

/* The departments (with sub-departments) person ?1 is manager of, and whether action a is
 * visible: ?2 = 1 when the roles see all, ?3 = 1 for CSIRT. */
#define ACT_VIS_CTE                                                                                \
    "WITH RECURSIVE md(id) AS (SELECT department_id FROM person_roles WHERE person_id = ?1 AND "   \
    "role = 'manager' AND department_id IS NOT NULL UNION SELECT d.id FROM departments d JOIN "    \
    "md ON d.parent_id = md.id) "
#define ACT_EFF_DEPT                                                                               \
    "coalesce(a.department_id, (SELECT department_id FROM people WHERE id = a.owner_id))"
#define ACT_VIS_COND                                                                               \
    "(?2 = 1 OR a.owner_id = ?1 OR a.created_by = ?1 OR a.verified_by = ?1 OR EXISTS (SELECT 1 "   \
    "FROM person_roles r WHERE r.person_id = ?1 AND r.role = 'manager' AND r.department_id IS "    \
    "NULL) OR " ACT_EFF_DEPT " IN (SELECT id FROM md) OR (?3 = 1 AND a.origin = 'incident'))"

enum {
    A_ORIGIN,
    A_TITLE,
    A_DESCRIPTION,
    A_OWNER,
    A_DEPT,
    A_DUE,
    A_STATUS,
    A_RESULT,
    A_CREATED_BY,
    A_CREATED_AT,
    A_DONE_AT,
    A_VERIFIED_BY,
    A_VERIFIED_AT,
    A_COUNT
};

struct act {
    long long id, origin_id, owner, dept; /* dept: the action's, else its owner's (0 = none) */
    const char *f[A_COUNT];
    bool viewer, overdue;
};

static const char *act_href(struct web_req *req, long long id, const char *suffix)
{
    const char *p = arena_printf(&req->arena, "/actions/%lld%s", id, suffix);
    return p ? p : "/actions";
}

static void today(char out[11])
{
    ag_date_iso(ag_now(), out);
}

static int act_load(struct web_req *req, long long id, struct act *out)
{
    struct ag_error err;
    sqlite3_stmt *s;
    char day[11];
    today(day);
    int rc = store_prepare(
        req->st, &s,
        ACT_VIS_CTE
        "SELECT a.origin, a.title, a.description, o.name || ' (' || o.login || ')', CASE WHEN ?5 "
        "AND d.name_en <> '' THEN d.name_en ELSE coalesce(d.name_ja, '') END, a.due_date, "
        "a.status, a.result, coalesce(c.name || ' (' || c.login || ')', ''), a.created_at, "
        "coalesce(a.done_at, ''), coalesce(v.name || ' (' || v.login || ')', ''), "
        "coalesce(a.verified_at, ''), coalesce(a.origin_id, 0), a.owner_id, "
        "coalesce(" ACT_EFF_DEPT ", 0), " ACT_VIS_COND ", a.due_date < ?6 AND a.status IN "
        "('open', 'in_progress') FROM actions a JOIN people o ON o.id = a.owner_id LEFT JOIN "
        "departments d ON d.id = a.department_id LEFT JOIN people c ON c.id = a.created_by LEFT "
        "JOIN people v ON v.id = a.verified_by WHERE a.id = ?4",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    sqlite3_bind_int(s, 2, web_has_role(req, ACT_VIEW_ALL) ? 1 : 0);
    sqlite3_bind_int(s, 3, web_has_role(req, AUTH_ROLE_CSIRT) ? 1 : 0);
    sqlite3_bind_int64(s, 4, id);
    sqlite3_bind_int(s, 5, req->lang == AG_LANG_EN ? 1 : 0);
    sqlite3_bind_text(s, 6, day, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        out->id = id;
        for (int i = 0; i < A_COUNT && rc == AG_OK; i++)
            if (!(out->f[i] = arena_strdup(&req->arena, store_col_text(s, i))))
                rc = AG_ENOMEM;
        out->origin_id = sqlite3_column_int64(s, A_COUNT);
        out->owner = sqlite3_column_int64(s, A_COUNT + 1);
        out->dept = sqlite3_column_int64(s, A_COUNT + 2);
        out->viewer = sqlite3_column_int(s, A_COUNT + 3) != 0;
        out->overdue = sqlite3_column_int(s, A_COUNT + 4) != 0;
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

static int act_load_rec(struct web_req *req, long long id, void *a)
{
    return act_load(req, id, a);
}

static bool act_visible(struct web_req *req, const void *a)
{
    (void)req;
    return ((const struct act *)a)->viewer;
}

static int act_for_user(struct web_req *req, struct act *a, bool *done)
{
    return web_record_for_user(req, a, act_load_rec, act_visible,
                               "actions: No such corrective action",
                               "actions: You may not see this corrective action", done);
}

/* ---- who may take a step (the page's rules; the library adds its own) ---- */

static bool dept_manager(struct web_req *req, const struct act *a)
{
    return a->dept && isms_has_role(req->st, req->user.person_id, "manager", a->dept);
}

/* Whether the signed-in person may take `step` on a (by who they are, whatever the status). */
static bool may_step(struct web_req *req, const struct act *a, const char *step)
{
    bool owner = a->owner == req->user.person_id, ciso = web_has_role(req, AUTH_ROLE_CISO);
    if (strcmp(step, "start") == 0)
        return owner || ciso || dept_manager(req, a);
    if (strcmp(step, "done") == 0)
        return owner;
    if (strcmp(step, "verify") == 0 || strcmp(step, "reopen") == 0)
        return !owner &&
               (ciso || dept_manager(req, a) ||
                (strcmp(a->f[A_ORIGIN], "audit") == 0 && web_has_role(req, AUTH_ROLE_AUDITOR)));
    if (strcmp(step, "cancel") == 0)
        return ciso || dept_manager(req, a);
    return false;
}

/* Whether the status allows the step (the library's state machine, for showing forms and for
 * telling a conflict from a refusal). */
static bool status_allows(const char *status, const char *step)
{
    bool active = strcmp(status, "open") == 0 || strcmp(status, "in_progress") == 0;
    if (strcmp(step, "start") == 0)
        return strcmp(status, "open") == 0;
    if (strcmp(step, "done") == 0 || strcmp(step, "cancel") == 0)
        return active;
    if (strcmp(step, "verify") == 0 || strcmp(step, "reopen") == 0)
        return strcmp(status, "done") == 0;
    return false;
}

static const char *enum_label(struct web_req *req, const char *prefix, const char *value)
{
    const char *key = arena_printf(&req->arena, "%s:%s", prefix, value);
    if (!key)
        return value;
    const char *t = web_tr(req, key);
    return t == key ? value : t;
}

static void origin_cell(struct web_req *req, const char *origin, long long origin_id)
{
    html_text(&req->out, enum_label(req, "action origin", origin));
    if (origin_id && strcmp(origin, "incident") == 0) {
        html_lit(&req->out, " ");
        const char *href = arena_printf(&req->arena, "/incidents/%lld", origin_id);
        page_link(req, href ? href : "/incidents", arena_printf(&req->arena, "%lld", origin_id));
    } else if (origin_id) {
        html_textf(&req->out, " %lld", origin_id);
    }
}

/* ---- GET /actions ---- */

static const char *const status_filters[] = {"all",  "active",   "overdue",   "open", "in_progress",
                                             "done", "verified", "cancelled", NULL};
static const char *const status_filter_labels[] = {
    "actions: all",           "actions: not finished",     "actions: overdue",
    "action status:open",     "action status:in_progress", "action status:done",
    "action status:verified", "action status:cancelled"};

static int page_actions(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *status = web_query(req, "status"), *dept = web_query(req, "dept");
    const char *mine = web_query(req, "mine"), *pg = web_query(req, "page");
    long long page = 1, dept_id = 0;
    char day[11];
    today(day);
    if (!status || !*status)
        status = "all";
    if (isms_check_enum("status", status, status_filters, &err) != AG_OK ||
        (mine && *mine && strcmp(mine, "1") != 0) ||
        (pg && *pg && isms_check_int("page", pg, 1, 100000, &page, &err) != AG_OK))
        return web_error(req, 400, "actions: unknown filter value");
    if (dept && *dept && isms_department_id(req->st, dept, &dept_id, &err) != AG_OK)
        return web_error(req, 400, "actions: unknown filter value");
    bool only_mine = mine && strcmp(mine, "1") == 0;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        ACT_VIS_CTE
        "SELECT a.id, a.title, a.origin, coalesce(a.origin_id, 0), o.login, CASE WHEN ?9 AND "
        "d.name_en <> '' THEN d.name_en ELSE coalesce(d.name_ja, '') END, a.due_date, a.status, "
        "a.due_date < ?4 AND a.status IN ('open', 'in_progress') AS overdue, count(*) OVER () "
        "FROM actions a JOIN people o ON o.id = a.owner_id LEFT JOIN departments d ON d.id = "
        "a.department_id WHERE " ACT_VIS_COND
        " AND (?5 = 'all' OR (?5 = 'active' AND a.status IN ('open', 'in_progress', 'done')) OR "
        "(?5 = 'overdue' AND a.due_date < ?4 AND a.status IN ('open', 'in_progress')) OR "
        "a.status = ?5) AND (?6 = 0 OR " ACT_EFF_DEPT " = ?6 OR " ACT_EFF_DEPT
        " IN (WITH RECURSIVE sub(id) AS (SELECT ?6 UNION SELECT x.id FROM departments x JOIN sub "
        "ON x.parent_id = sub.id) SELECT id FROM sub)) AND (?7 = 0 OR a.owner_id = ?1) ORDER BY "
        "overdue DESC, a.status IN ('verified', 'cancelled'), a.status = 'done', a.due_date, "
        "a.id LIMIT ?10 OFFSET ?8",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    sqlite3_bind_int(s, 2, web_has_role(req, ACT_VIEW_ALL) ? 1 : 0);
    sqlite3_bind_int(s, 3, web_has_role(req, AUTH_ROLE_CSIRT) ? 1 : 0);
    sqlite3_bind_text(s, 4, day, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, dept_id);
    sqlite3_bind_int(s, 7, only_mine ? 1 : 0);
    sqlite3_bind_int64(s, 8, (page - 1) * ACT_PER_PAGE);
    sqlite3_bind_int(s, 9, req->lang == AG_LANG_EN ? 1 : 0);
    sqlite3_bind_int(s, 10, ACT_PER_PAGE);

    page_begin(req, web_tr(req, "actions: Corrective actions"));
    page_h1(req, web_tr(req, "actions: Corrective actions"));
    page_note(req, web_tr(req, "Improvements from self-inspection, audits, incidents, risks, "
                               "exceptions and exercises. The owner completes an action; someone "
                               "else verifies it (3.1.4.1(2))."));
    if (!web_has_role(req, ACT_VIEW_ALL))
        page_note(req, web_tr(req, "actions: You see the actions you own, created or verified, "
                                   "and those of the departments you are responsible for."));
    html_lit(h, "<form method=\"get\" action=\"/actions\" class=\"filters\">");
    page_select(req, "status", "Status", status_filters, status_filter_labels,
                AG_ARRAY_LEN(status_filter_labels), status);
    html_lit(h, "<div class=\"field\"><label for=\"dept\">");
    html_text(h, web_tr(req, "Department"));
    html_lit(h, "</label><select id=\"dept\" name=\"dept\"><option value=\"\">");
    html_text(h, web_tr(req, "actions: all"));
    html_lit(h, "</option>");
    sqlite3_stmt *d;
    if ((rc = store_prepare(req->st, &d,
                            "SELECT code, CASE WHEN ?1 AND name_en <> '' THEN name_en ELSE name_ja "
                            "END FROM departments ORDER BY code",
                            &err))) {
        sqlite3_finalize(s);
        return rc;
    }
    sqlite3_bind_int(d, 1, req->lang == AG_LANG_EN ? 1 : 0);
    while (sqlite3_step(d) == SQLITE_ROW) {
        html_lit(h, "<option");
        html_attr(h, "value", store_col_text(d, 0));
        if (dept && strcmp(dept, store_col_text(d, 0)) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, store_col_text(d, 1));
        html_lit(h, "</option>");
    }
    sqlite3_finalize(d);
    html_lit(h, "</select></div><div class=\"field\"><label><input type=\"checkbox\" "
                "name=\"mine\" value=\"1\"");
    if (only_mine)
        html_lit(h, " checked");
    html_lit(h, "> ");
    html_text(h, web_tr(req, "actions: Only mine"));
    html_lit(h, "</label></div><button type=\"submit\">");
    html_text(h, web_tr(req, "actions: Filter"));
    html_lit(h, "</button></form>");

    static const char *const heads[] = {"actions: No.", "title", "origin", "owner",
                                        "Department",   "due",   "status"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    long long total = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        bool overdue = sqlite3_column_int(s, 8);
        total = sqlite3_column_int64(s, 9);
        html_lit(h, "<tr");
        if (overdue)
            html_lit(h, " class=\"overdue\"");
        html_lit(h, "><td>");
        page_link(req, act_href(req, id, ""), arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td><td>");
        page_link(req, act_href(req, id, ""), store_col_text(s, 1));
        html_lit(h, "</td><td>");
        origin_cell(req, store_col_text(s, 2), sqlite3_column_int64(s, 3));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 4));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 6));
        if (overdue) {
            html_lit(h, " <strong class=\"bad\">");
            html_text(h, web_tr(req, "actions: overdue"));
            html_lit(h, "</strong>");
        }
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "action status", store_col_text(s, 7)));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "actions: No corrective actions.");
    if (page > 1 || total > page * ACT_PER_PAGE) {
        html_lit(h, "<nav class=\"pages\"><p>");
        for (int dir = -1; dir <= 1; dir += 2) {
            long long to = page + dir;
            if (to < 1 || (dir > 0 && total <= page * ACT_PER_PAGE))
                continue;
            struct strbuf u;
            strbuf_init(&u, 1024);
            strbuf_adds(&u, "/actions?status=");
            html_url_component(&u, status);
            strbuf_adds(&u, "&dept=");
            html_url_component(&u, dept ? dept : "");
            strbuf_addf(&u, "&mine=%s&page=%lld", only_mine ? "1" : "", to);
            page_link(req, strbuf_ok(&u) ? strbuf_str(&u) : "/actions",
                      web_tr(req, dir < 0 ? "actions: Previous page" : "actions: Next page"));
            strbuf_release(&u);
            html_lit(h, " ");
        }
        html_lit(h, "</p></nav>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- GET /actions/{id} ---- */

static int items_list(struct web_req *req, const struct act *a)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s, "SELECT item_id FROM action_items WHERE action_id = ? ORDER BY id", &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, a->id);
    html_lit(h, "<ul id=\"items\">");
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *item = store_col_text(s, 0);
        const struct catalog_node *node = catalog_by_id(req->cat, item);
        html_lit(h, "<li>");
        const char *href = arena_printf(&req->arena, "/catalog/%s", item);
        page_link(req, href ? href : "/catalog", node && node->ref[0] ? node->ref : item);
        if (node) {
            const char *t = catalog_text_get(node->title, req->lang);
            if (!*t)
                t = catalog_text_get(node->text, req->lang);
            html_lit(h, " ");
            html_textn(h, t, strlen(t) > 240 ? 240 : strlen(t));
        }
        html_lit(h, "</li>");
        n++;
    }
    sqlite3_finalize(s);
    html_lit(h, "</ul>");
    if (!n)
        page_note(req, web_tr(req, "actions: No guideline items linked."));
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

/* The history: every audit row of the action (created, each change of status, refusals). */
static int history(struct web_req *req, const struct act *a)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    char idbuf[24];
    snprintf(idbuf, sizeof(idbuf), "%lld", a->id);
    int rc = store_prepare(
        req->st, &s,
        "SELECT at, actor, action, CASE WHEN json_valid(detail) THEN "
        "coalesce(json_extract(detail, '$.old.status'), '') ELSE '' END, CASE WHEN "
        "json_valid(detail) THEN coalesce(json_extract(detail, '$.new.status'), '') ELSE '' END, "
        "CASE WHEN json_valid(detail) AND coalesce(json_extract(detail, '$.new.result'), '') <> "
        "coalesce(json_extract(detail, '$.old.result'), '') THEN json_extract(detail, "
        "'$.new.result') ELSE '' END, CASE WHEN json_valid(detail) THEN "
        "coalesce(json_extract(detail, '$.why'), '') ELSE '' END FROM audit_log WHERE entity = "
        "'actions' AND entity_id = ? ORDER BY seq",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, idbuf, -1, SQLITE_TRANSIENT);
    static const char *const heads[] = {"Time (UTC)", "actor", "actions: Change", "result"};
    html_lit(h, "<div id=\"history\">");
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *what = store_col_text(s, 2), *from = store_col_text(s, 3),
                   *to = store_col_text(s, 4);
        char at[17];
        snprintf(at, sizeof(at), "%.10s %.5s", store_col_text(s, 0), store_col_text(s, 0) + 11);
        html_lit(h, "<tr><td>");
        html_text(h, at);
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        if (strcmp(what, "insert") == 0) {
            html_text(h, web_tr(req, "actions: created"));
        } else if (strcmp(what, "update") == 0 && *from && strcmp(from, to) != 0) {
            html_text(h, enum_label(req, "action status", from));
            html_text(h, " → ");
            html_text(h, enum_label(req, "action status", to));
        } else if (strcmp(what, "update") == 0) {
            html_text(h, web_tr(req, "actions: changed"));
        } else if (strcmp(what, "refused") == 0) {
            html_text(h, web_tr(req, "actions: refused"));
        } else {
            html_text(h, what);
        }
        html_lit(h, "</td><td>");
        html_text(h, *store_col_text(s, 5) ? store_col_text(s, 5) : store_col_text(s, 6));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    page_table_end(req, n, NULL);
    html_lit(h, "</div>");
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

static const char *const steps[] = {"start", "done", "verify", "reopen", "cancel"};

static void step_form(struct web_req *req, const struct act *a, const char *step)
{
    struct html *h = &req->out;
    page_form_begin(req, act_href(req, a->id, "/step"));
    html_lit(h, "<input type=\"hidden\" name=\"step\"");
    html_attr(h, "value", step);
    html_lit(h, "><h3>");
    html_text(h, enum_label(req, "action step", step));
    html_lit(h, "</h3>");
    if (strcmp(step, "done") == 0)
        page_textarea(req, "text", "actions: Result (what was done)", NULL, true);
    else if (strcmp(step, "reopen") == 0)
        page_textarea(req, "text", "actions: Why it is sent back", NULL, true);
    else if (strcmp(step, "verify") == 0)
        page_note(req, web_tr(req, "actions: Verify that the result removes the cause. You may not "
                                   "verify your own action (3.1.4.1(2))."));
    const char *button = arena_printf(&req->arena, "action step:%s", step);
    page_form_end(req, button ? button : "Save");
}

static int action_page(struct web_req *req, const struct act *a, const char *alert_msg)
{
    struct html *h = &req->out;
    const char *title = arena_printf(
        &req->arena, web_tr(req, "actions: Corrective action %lld: %s"), a->id, a->f[A_TITLE]);
    page_begin(req, title ? title : a->f[A_TITLE]);
    page_h1(req, title ? title : a->f[A_TITLE]);
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(steps); i++)
        if (strcmp(ok, steps[i]) == 0)
            page_ok(req, enum_label(req, "actions: done step", steps[i]));
    html_lit(h, "<p>");
    page_link(req, "/actions", web_tr(req, "actions: All corrective actions"));
    html_lit(h, "</p><dl class=\"meta facts\"><dt>");
    html_text(h, web_tr(req, "Status"));
    html_lit(h, "</dt><dd id=\"act-status\">");
    html_text(h, enum_label(req, "action status", a->f[A_STATUS]));
    if (a->overdue) {
        html_lit(h, " <strong class=\"bad\">");
        html_text(h, web_tr(req, "actions: overdue"));
        html_lit(h, "</strong>");
    }
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "origin"));
    html_lit(h, "</dt><dd>");
    origin_cell(req, a->f[A_ORIGIN], a->origin_id);
    html_lit(h, "</dd>");
    page_dl_item(req, "owner", a->f[A_OWNER]);
    page_dl_item(req, "Department", a->f[A_DEPT]);
    page_dl_item(req, "due", a->f[A_DUE]);
    /* the rest only when recorded; times as dates (YYYY-MM-DD) */
    const struct {
        const char *label, *value;
        bool date;
    } rest[] = {
        {"description", a->f[A_DESCRIPTION], false},
        {"result", a->f[A_RESULT], false},
        {"created_by", a->f[A_CREATED_BY], false},
        {"created_at", a->f[A_CREATED_AT], true},
        {"actions: Done at", a->f[A_DONE_AT], true},
        {"verified_by", a->f[A_VERIFIED_BY], false},
        {"actions: Verified at", a->f[A_VERIFIED_AT], true},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(rest); i++) {
        if (!*rest[i].value)
            continue;
        const char *v =
            rest[i].date ? arena_strndup(&req->arena, rest[i].value, 10) : rest[i].value;
        page_dl_item(req, rest[i].label, v ? v : rest[i].value);
    }
    page_dl_end(req);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "actions: Guideline items"));
    html_lit(h, "</h2>");
    int rc = items_list(req, a);
    if (rc)
        return rc;
    size_t shown = 0;
    for (size_t i = 0; i < AG_ARRAY_LEN(steps); i++)
        if (status_allows(a->f[A_STATUS], steps[i]) && may_step(req, a, steps[i])) {
            if (!shown++) {
                html_lit(h, "<h2 id=\"steps\">");
                html_text(h, web_tr(req, "actions: Next steps"));
                html_lit(h, "</h2><div class=\"steps\">");
            }
            step_form(req, a, steps[i]);
        }
    if (shown)
        html_lit(h, "</div>");
    if (strcmp(a->f[A_STATUS], "done") == 0 && a->owner == req->user.person_id)
        page_note(req, web_tr(req, "actions: Someone other than you verifies this action "
                                   "(3.1.4.1(2))."));
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "actions: History"));
    html_lit(h, "</h2>");
    if ((rc = history(req, a)))
        return rc;
    page_end(req);
    return AG_OK;
}

static int page_action(struct web_req *req)
{
    struct act a;
    bool done;
    int rc = act_for_user(req, &a, &done);
    if (rc || done)
        return rc;
    return action_page(req, &a, NULL);
}

/* ---- POST /actions/{id}/step ---- */

struct step_ctx {
    long long id;
    const char *step;
};

/* In the transaction: the page's who-rule on the current record, then the library. */
static int do_step(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct step_ctx *c = ctx;
    struct act a;
    int rc = act_load(req, c->id, &a);
    if (rc == AG_ENOTFOUND)
        return ag_error_set(err, rc, "action %lld does not exist", c->id);
    if (rc)
        return ag_error_set(err, rc, "reading the action");
    bool known = false;
    for (size_t i = 0; i < AG_ARRAY_LEN(steps); i++)
        known = known || strcmp(c->step, steps[i]) == 0;
    if (known && !may_step(req, &a, c->step))
        return ag_error_set(err, AG_EDENIED,
                            web_tr(req, "actions: You may not take the step "
                                        "\"%s\" on action %lld."),
                            c->step, c->id);
    const char *text = web_form_get(&req->form, "text");
    /* sending back needs the reason (the library appends it to the result) */
    if (strcmp(c->step, "reopen") == 0 && (rc = isms_check_text("text", text, 20000, err)))
        return rc;
    return isms_action_step(req->st, c->id, c->step, req->user.person_id, text, err);
}

static int page_action_step(struct web_req *req)
{
    struct act a;
    struct ag_error err;
    bool done;
    int rc = act_for_user(req, &a, &done);
    if (rc || done)
        return rc;
    const char *step = web_form_get(&req->form, "step");
    struct step_ctx c = {a.id, step ? step : ""};
    rc = web_action(req, do_step, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req, act_href(req, a.id, arena_printf(&req->arena, "?ok=%s", c.step)));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    const char *msg = arena_strdup(&req->arena, err.msg);
    int refused = rc;
    if ((rc = act_load(req, a.id, &a)))
        return rc;
    strbuf_reset(&req->out.sb);
    req->status = status;
    /* refused because the status no longer allows the step (someone else was quicker): 409;
     * refused by a rule (who may take it): recorded in the audit trail, after the rollback */
    bool known = false;
    for (size_t i = 0; i < AG_ARRAY_LEN(steps); i++)
        known = known || strcmp(c.step, steps[i]) == 0;
    if (refused == AG_EDENIED && known && !status_allows(a.f[A_STATUS], c.step)) {
        req->status = 409;
    } else if (refused == AG_EDENIED) {
        json_t *d = json_pack("{s:s, s:s}", "step", c.step, "why", msg ? msg : err.msg);
        char *text = d ? json_dumps(d, JSON_COMPACT) : NULL;
        char idbuf[24];
        struct ag_error ignore;
        snprintf(idbuf, sizeof(idbuf), "%lld", a.id);
        store_set_actor(req->st, req->user.login);
        if (store_audit(req->st, "refused", "actions", idbuf, text ? text : "{}", &ignore)) {
            /* the refusal stands even if it cannot be recorded */
        }
        store_set_actor(req->st, "web");
        free(text);
        json_decref(d);
    }
    return action_page(req, &a, msg ? msg : err.msg);
}

static const struct route action_routes[] = {
    {WEB_GET, "/actions", page_actions, 0, ROUTE_AUTH},
    {WEB_GET, "/actions/{id}", page_action, 0, ROUTE_AUTH},
    {WEB_POST, "/actions/{id}/step", page_action_step, 0, ROUTE_AUTH | ROUTE_CSRF},
};

static const struct ag_msg action_msgs[] = {
    {"actions: Corrective actions", "是正処置", "Corrective actions"},
    {"actions: No such corrective action", "該当する是正処置はありません",
     "No such corrective action"},
    {"actions: You may not see this corrective action", "この是正処置を閲覧する権限がありません",
     "You may not see this corrective action"},
    {"Improvements from self-inspection, audits, incidents, risks, exceptions and exercises. The "
     "owner completes an action; someone else verifies it (3.1.4.1(2)).",
     "自己点検、監査、障害、リスク、例外措置、訓練から生じた改善です。担当者が完了を報告し、"
     "担当者以外の者が確認します（3.1.4.1(2)）。",
     "Improvements from self-inspection, audits, incidents, risks, exceptions and exercises. The "
     "owner completes an action; someone else verifies it (3.1.4.1(2))."},
    {"actions: You see the actions you own, created or verified, and those of the departments "
     "you are responsible for.",
     "あなたが担当・登録・確認した是正処置と、あなたが責任者である部署の是正処置を表示しています。",
     "You see the actions you own, created or verified, and those of the departments you are "
     "responsible for."},
    {"actions: all", "すべて", "all"},
    {"actions: not finished", "未了（未着手・対応中・完了）", "not finished"},
    {"actions: overdue", "期限超過", "overdue"},
    {"action status:cancelled", "取消", "cancelled"},
    {"actions: unknown filter value", "絞り込みの値が正しくありません", "Unknown filter value"},
    {"actions: Only mine", "自分が担当のものだけ", "Only mine"},
    {"actions: Filter", "絞り込む", "Filter"},
    {"actions: No.", "番号", "No."},
    {"actions: No corrective actions.", "該当する是正処置はありません。", "No corrective actions."},
    {"actions: Previous page", "前のページ", "Previous page"},
    {"actions: Next page", "次のページ", "Next page"},
    {"action origin:assessment", "自己点検", "self-inspection"},
    {"action origin:audit", "監査", "audit"},
    {"action origin:incident", "障害", "incident"},
    {"action origin:risk", "リスク", "risk"},
    {"action origin:exception", "例外措置", "exception"},
    {"action origin:exercise", "訓練", "exercise"},
    {"action origin:other", "その他", "other"},
    {"actions: No guideline items linked.", "ガイドラインの項目は関連付けられていません。",
     "No guideline items linked."},
    {"actions: Change", "変更", "Change"},
    {"actions: created", "登録", "created"},
    {"actions: changed", "更新", "changed"},
    {"actions: refused", "拒否", "refused"},
    {"action step:start", "着手する", "Start"},
    {"action step:done", "完了を報告する", "Report as done"},
    {"action step:verify", "確認する", "Verify"},
    {"action step:reopen", "差し戻す", "Send back"},
    {"action step:cancel", "取り消す", "Cancel the action"},
    {"actions: done step:start", "着手しました。", "Started."},
    {"actions: done step:done", "完了を報告しました。", "Reported as done."},
    {"actions: done step:verify", "確認しました。", "Verified."},
    {"actions: done step:reopen", "差し戻しました。", "Sent back."},
    {"actions: done step:cancel", "取り消しました。", "Cancelled."},
    {"actions: Result (what was done)", "結果（実施した内容）", "Result (what was done)"},
    {"actions: Why it is sent back", "差し戻す理由", "Why it is sent back"},
    {"actions: Verify that the result removes the cause. You may not verify your own action "
     "(3.1.4.1(2)).",
     "結果が原因を取り除いていることを確認してください。自分が担当の是正処置は確認できません"
     "（3.1.4.1(2)）。",
     "Verify that the result removes the cause. You may not verify your own action (3.1.4.1(2))."},
    {"actions: Corrective action %lld: %s", "是正処置 %lld: %s", "Corrective action %lld: %s"},
    {"actions: All corrective actions", "是正処置の一覧", "All corrective actions"},
    {"actions: Done at", "完了日時", "Done at"},
    {"actions: Verified at", "確認日時", "Verified at"},
    {"actions: Guideline items", "ガイドラインの項目", "Guideline items"},
    {"actions: Next steps", "次の手順", "Next steps"},
    {"actions: Someone other than you verifies this action (3.1.4.1(2)).",
     "この是正処置の確認は、あなた以外の者が行います（3.1.4.1(2)）。",
     "Someone other than you verifies this action (3.1.4.1(2))."},
    {"actions: History", "履歴", "History"},
    {"actions: You may not take the step \"%s\" on action %lld.",
     "「%s」（是正処置 %lld）を行う権限がありません。",
     "You may not take the step \"%s\" on action %lld."},
};

static const struct web_nav action_nav[] = {{"/actions", "actions: Corrective actions", 0}};

WEB_MODULE(actions, action_routes, action_msgs, action_nav);
