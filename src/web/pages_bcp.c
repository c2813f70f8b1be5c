/*
 * pages_bcp.c — business continuity (3.1.2.4, 3.1.4.1(4), 3.2.3.1) and secure areas
 * (3.1.5.1(3)) on the web (src/isms/bcp.h). The plain records (plans, command roles, places,
 * exercises, areas) are edited on the register pages (/registers/bcp-plan …); here are the
 * views and the steps with rules:
 *   /bcp             status per system, overdue recovery tests, the command structure with
 *                    deputies and contacts, assembly places, exercises planned against held,
 *                    recent tests and findings; the form to record a recovery test;
 *   /areas           the areas, who is inside now, every flag;
 *   /areas/{id}      one area: equipment, authorised people with flags, inside now, the day's
 *                    log, visitors, movements, and the forms of the steps.
 * Every write is one web_action transaction with the signed-in person as the actor; the rules
 * (separation of duties above all) are the library's, and a refusal is recorded in the audit
 * trail after the rollback. Secure areas are shown only to people with a guideline role
 * (3.1.5.1(3)③: その存在は必要がある者だけが知っている).
 */
#include "isms/bcp.h"
#include "web/web_int.h"

#define AREA_ROLES                                                                                 \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_HANDLER | AUTH_ROLE_AUDITOR)

/* A SELECT as a table: headings are the translated column names; params are text (NULL binds
 * NULL). Cells of a column "flag" or "test_state" that are set (and not "ok") are marked bad. */
static int query_table(struct web_req *req, const char *id, const char *sql,
                       const char *const *params, int n, const char *empty)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    for (int i = 0; i < n; i++)
        store_bind_text(s, i + 1, params[i]);
    int ncol = sqlite3_column_count(s);
    html_lit(h, "<table");
    if (id)
        html_attr(h, "id", id);
    html_lit(h, "><thead><tr>");
    for (int c = 0; c < ncol; c++) {
        html_lit(h, "<th scope=\"col\">");
        html_text(h, web_tr(req, sqlite3_column_name(s, c)));
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr>");
        for (int c = 0; c < ncol; c++) {
            const char *col = sqlite3_column_name(s, c);
            const char *v = store_col_text(s, c);
            bool bad = (strcmp(col, "flag") == 0 || strcmp(col, "test_state") == 0) && *v &&
                       strcmp(v, "ok") != 0;
            if (bad)
                html_lit(h, "<td class=\"bad\">");
            else
                html_lit(h, "<td>");
            if (strlen(v) > 160) {
                html_textn(h, v, 150);
                html_text(h, "…");
            } else {
                html_text(h, v);
            }
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, empty);
    return AG_OK;
}

static void h2(struct web_req *req, const char *key)
{
    html_lit(&req->out, "<h2>");
    html_text(&req->out, web_tr(req, key));
    html_lit(&req->out, "</h2>");
}

/* The refusal of a step is security-relevant (3.1.4.1(2)); recorded after the rollback. */
static void record_refusal(struct web_req *req, const char *entity, long long id, const char *step)
{
    struct ag_error ignore;
    char idbuf[24], detail[64];
    snprintf(idbuf, sizeof(idbuf), "%lld", id);
    snprintf(detail, sizeof(detail), "{\"web\": \"%s\"}", step);
    store_set_actor(req->st, req->user.login);
    if (store_audit(req->st, "refused", entity, idbuf, detail, &ignore) != AG_OK) {
        /* the refusal stands even if it cannot be recorded */
    }
    store_set_actor(req->st, "web");
}

static const char *fv(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && *v ? v : NULL;
}

/* ---- /bcp ---- */

static int bcp_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    char today[11], year[5];
    ag_date_iso(ag_now(), today);
    snprintf(year, sizeof(year), "%.4s", today);
    const char *lang = ag_lang_code(req->lang);
    page_begin(req, web_tr(req, "bcp: Business continuity"));
    page_h1(req, web_tr(req, "bcp: Business continuity"));
    page_note(req, "3.1.2.4, 3.1.4.1(4), 3.2.3.1");
    if (alert)
        page_alert(req, alert);
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "test") == 0)
        page_ok(req, web_tr(req, "bcp: The recovery test is recorded."));
    html_lit(h, "<p class=\"actions\">");
    static const char *const kinds[][2] = {
        {"/registers/bcp-plan", "bcp: Continuity plans per system"},
        {"/registers/bcp-command", "bcp: Emergency command structure"},
        {"/registers/bcp-place", "bcp: Assembly places"},
        {"/registers/bcp-exercise", "bcp: BCP exercises"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(kinds); i++) {
        page_link(req, kinds[i][0], web_tr(req, kinds[i][1]));
        html_lit(h, " ");
    }
    html_lit(h, "</p>");
    int rc;
    const char *sp[] = {today, NULL, lang};
    h2(req, "bcp: Recovery objectives and tests per system");
    if ((rc = query_table(req, "bcp-status", bcp_status_sql, sp, 3, "bcp: No plans yet.")))
        return rc;
    h2(req, "bcp: Overdue recovery tests");
    if ((rc = query_table(req, "bcp-overdue", bcp_overdue_sql, sp, 3,
                          "bcp: No recovery test is overdue.")))
        return rc;
    h2(req, "bcp: Emergency command structure");
    const char *lp[] = {lang};
    if ((rc = query_table(req, "bcp-structure", bcp_structure_sql, lp, 1, "bcp: No roles yet.")))
        return rc;
    h2(req, "bcp: Assembly places");
    char sql[1024];
    snprintf(sql, sizeof(sql), "%s%s", reg_kind_bcp_place.select_sql, reg_kind_bcp_place.order_sql);
    if ((rc = query_table(req, "bcp-places", sql, NULL, 0, "bcp: No places yet.")))
        return rc;
    h2(req, "bcp: Exercises this year: planned and held");
    const char *yp[] = {year, today};
    if ((rc = query_table(req, "bcp-year-summary", bcp_year_summary_sql, yp, 2, NULL)) ||
        (rc = query_table(req, "bcp-year", bcp_year_sql, yp, 1, "bcp: No exercises this year.")))
        return rc;
    h2(req, "bcp: Recovery tests");
    const char *tp[] = {NULL};
    if ((rc = query_table(req, "bcp-tests", bcp_tests_sql, tp, 1, "bcp: No recovery tests yet.")))
        return rc;
    h2(req, "bcp: Findings and corrective actions");
    const char *fp[] = {NULL, NULL};
    if ((rc = query_table(req, "bcp-findings", bcp_findings_sql, fp, 2, "bcp: No findings.")))
        return rc;
    if (web_has_role(req, AUTH_ROLE_CISO | AUTH_ROLE_MANAGER | AUTH_ROLE_SYSADMIN)) {
        h2(req, "bcp: Record a recovery test");
        page_form_begin(req, "/bcp/tests");
        page_input(req, "system", "system", "text", fv(req, "system"), true);
        page_input(req, "date", "tested_on", "date", fv(req, "date"), false);
        page_textarea(req, "scenario", "scenario", fv(req, "scenario"), true);
        static const char *const rv[] = {"pass", "partial", "fail"};
        page_select(req, "result", "result", rv, rv, 3, fv(req, "result"));
        page_input(req, "minutes", "recovery_minutes", "number", fv(req, "minutes"), false);
        page_input(req, "data_loss", "data_loss_minutes", "number", fv(req, "data_loss"), false);
        page_input(req, "participants", "participants", "text", fv(req, "participants"), false);
        page_textarea(req, "finding", "finding", fv(req, "finding"), false);
        page_input(req, "owner", "action_owner", "text", fv(req, "owner"), false);
        page_input(req, "due", "due_date", "date", fv(req, "due"), false);
        page_form_end(req, "bcp: Record the test");
    }
    page_end(req);
    return AG_OK;
}

static int page_bcp(struct web_req *req)
{
    return bcp_page(req, NULL);
}

static int test_run(struct web_req *req, void *ctx, struct ag_error *err)
{
    long long id, action;
    (void)ctx;
    struct bcp_test_new t = {
        fv(req, "system"),  fv(req, "date"),      fv(req, "scenario"),     fv(req, "result"),
        fv(req, "minutes"), fv(req, "data_loss"), fv(req, "participants"), NULL};
    struct bcp_finding_new f = {fv(req, "finding"), fv(req, "owner"), fv(req, "due")};
    return bcp_test_add(req->st, req->cat, &t, f.finding ? &f : NULL, req->user.person_id, &id,
                        &action, err);
}

static int page_bcp_test_post(struct web_req *req)
{
    struct ag_error err;
    int rc = web_action(req, test_run, NULL, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/bcp?ok=test");
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED)
        record_refusal(req, "bcp_tests", 0, "test");
    const char *msg = arena_strdup(&req->arena, err.msg);
    strbuf_reset(&req->out.sb);
    req->status = status;
    return bcp_page(req, msg ? msg : err.msg);
}

/* ---- /areas ---- */

static int page_areas(struct web_req *req)
{
    if (!web_has_role(req, AREA_ROLES))
        return web_error(req, 403, "areas: Your roles do not allow the secure areas");
    struct html *h = &req->out;
    char today[11], now[21];
    ag_date_iso(ag_now(), today);
    ag_time_iso(ag_now(), now);
    page_begin(req, web_tr(req, "areas: Secure areas"));
    page_h1(req, web_tr(req, "areas: Secure areas"));
    page_note(req, "3.1.5.1(3)");
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT x.id, x.code, x.name, m.login, (SELECT count(*) FROM "
                           "area_entries e WHERE e.area_id = x.id AND e.out_at IS NULL) FROM "
                           "area_areas x JOIN people m ON m.id = x.manager_id ORDER BY x.code",
                           &err);
    if (rc)
        return rc;
    static const char *const heads[] = {"code", "name", "manager", "inside_now"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        page_link(req, arena_printf(&req->arena, "/areas/%lld", sqlite3_column_int64(s, 0)),
                  store_col_text(s, 1));
        for (int c = 2; c <= 4; c++) {
            html_lit(h, "</td><td>");
            html_text(h, store_col_text(s, c));
        }
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "areas: No areas yet.");
    html_lit(h, "<p>");
    page_link(req, "/registers/area", web_tr(req, "areas: Add or edit areas"));
    html_lit(h, "</p>");
    h2(req, "areas: In the area now");
    const char *np[] = {NULL};
    if ((rc = query_table(req, "areas-now", area_now_sql, np, 1, "areas: Nobody is inside.")))
        return rc;
    h2(req, "areas: Needs attention");
    const char *fp[] = {today, now};
    if ((rc = query_table(req, "areas-flags", area_flags_sql, fp, 2, "areas: Nothing to flag.")))
        return rc;
    page_end(req);
    return AG_OK;
}

/* the area of the path, or 0 (404 written) */
static long long path_area(struct web_req *req)
{
    long long id;
    struct ag_error err;
    char ref[32];
    if (!web_param_id(req, "id", &id)) {
        (void)web_error(req, 404, "areas: No such area");
        return 0;
    }
    snprintf(ref, sizeof(ref), "#%lld", id);
    if (area_find(req->st, ref, &id, &err) != AG_OK) {
        (void)web_error(req, 404, "areas: No such area");
        return 0;
    }
    return id;
}

static void form_field(struct web_req *req, const char *name, const char *label, const char *type)
{
    page_input(req, name, label, type, NULL, false);
}

static int area_page(struct web_req *req, long long area, const char *alert)
{
    struct html *h = &req->out;
    char today[11], ids[24];
    ag_date_iso(ag_now(), today);
    snprintf(ids, sizeof(ids), "%lld", area);
    const char *day = web_query(req, "date");
    char d[11];
    if (!day || ag_date_parse(day, d) != AG_OK)
        snprintf(d, sizeof(d), "%s", today);
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT code, name, boundary, entry_control, visitor_badge FROM "
                           "area_areas WHERE id = ?1",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, area);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "areas: No such area");
    }
    const char *title =
        arena_printf(&req->arena, "%s %s", store_col_text(s, 0), store_col_text(s, 1));
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    page_link(req, "/areas", web_tr(req, "areas: Secure areas"));
    html_lit(h, " ");
    page_link(req, arena_printf(&req->arena, "/registers/area/%lld", area),
              web_tr(req, "areas: The area's record"));
    if (alert)
        page_alert(req, alert);
    if (web_query(req, "ok"))
        page_ok(req, web_tr(req, "registers: Saved."));
    page_dl_begin(req);
    page_dl_item(req, "boundary", store_col_text(s, 2));
    page_dl_item(req, "entry_control", store_col_text(s, 3));
    page_dl_item(req, "visitor_badge", store_col_text(s, 4));
    page_dl_end(req);
    sqlite3_finalize(s);
    const char *p1[] = {ids};
    const char *p2[] = {ids, today};
    const char *pl[] = {ids, d};
    const char *pv[] = {ids, NULL, today};
    h2(req, "areas: In the area now");
    if ((rc = query_table(req, "area-now", area_now_sql, p1, 1, "areas: Nobody is inside.")))
        return rc;
    h2(req, "areas: Authorised people");
    if ((rc = query_table(req, "area-people", area_people_sql, p2, 2, "areas: Nobody yet.")))
        return rc;
    h2(req, "areas: Entry and exit log");
    page_note(req, d);
    if ((rc = query_table(req, "area-log", area_log_sql, pl, 2, "areas: No entries that day.")))
        return rc;
    h2(req, "areas: Visitors");
    if ((rc = query_table(req, "area-visitors", area_visitors_sql, pv, 3, "areas: No visitors.")))
        return rc;
    h2(req, "areas: Equipment brought in or taken out");
    if ((rc = query_table(req, "area-moves", area_moves_sql, p1, 1, "areas: No movements.")))
        return rc;
    h2(req, "areas: Installed equipment");
    if ((rc = query_table(req, "area-equipment", area_equipment_sql, p1, 1,
                          "areas: No equipment listed.")))
        return rc;
    /* the steps */
    const char *base = arena_printf(&req->arena, "/areas/%lld/", area);
#define ACTION(step) arena_printf(&req->arena, "%s%s", base, step)
    h2(req, "areas: Record an entry");
    page_form_begin(req, ACTION("enter"));
    form_field(req, "person", "person", "text");
    form_field(req, "visitor", "areas: Visitor number", "number");
    form_field(req, "badge", "badge", "text");
    form_field(req, "at", "in_at", "text");
    form_field(req, "override", "areas: Let in without authorisation: why", "text");
    page_form_end(req, "areas: Record the entry");
    h2(req, "areas: Record an exit");
    page_form_begin(req, ACTION("exit"));
    form_field(req, "entry", "entry", "number");
    form_field(req, "at", "out_at", "text");
    page_form_end(req, "areas: Record the exit");
    h2(req, "areas: Register a visitor");
    page_form_begin(req, ACTION("visitor"));
    page_input(req, "name", "name", "text", NULL, true);
    page_input(req, "organisation", "organisation", "text", NULL, true);
    page_input(req, "purpose", "purpose", "text", NULL, true);
    page_input(req, "host", "host", "text", NULL, true);
    form_field(req, "id_checked", "id_checked", "text");
    form_field(req, "badge", "badge", "text");
    page_form_end(req, "areas: Register the visitor");
    h2(req, "areas: Badge returned");
    page_form_begin(req, ACTION("badge-return"));
    page_input(req, "visitor", "areas: Visitor number", "number", NULL, true);
    page_form_end(req, "areas: Record the return");
    h2(req, "areas: Request a movement of equipment");
    page_form_begin(req, ACTION("move"));
    static const char *const dirs[] = {"in", "out"};
    page_select(req, "direction", "direction", dirs, dirs, 2, "in");
    page_input(req, "item", "item", "text", NULL, true);
    form_field(req, "asset", "asset", "text");
    static const char *const cats[] = {"system", "media", "personal", "other"};
    page_select(req, "category", "category", cats, cats, 4, "system");
    page_input(req, "person", "person", "text", NULL, true);
    page_input(req, "reason", "reason", "text", NULL, true);
    page_form_end(req, "areas: Request");
    h2(req, "areas: Decide or record a movement");
    page_form_begin(req, ACTION("move-step"));
    page_input(req, "move", "areas: Movement number", "number", NULL, true);
    static const char *const mvals[] = {"approve", "reject", "done"};
    static const char *const mlabels[] = {"areas: Approve (system administrator)", "areas: Reject",
                                          "areas: It was moved"};
    page_select(req, "step", "areas: Step", mvals, mlabels, 3, "approve");
    form_field(req, "note", "note", "text");
    page_form_end(req, "Save");
    h2(req, "areas: Authorise or remove");
    page_form_begin(req, ACTION("grant"));
    page_input(req, "login", "login", "text", NULL, true);
    page_input(req, "reason", "reason", "text", NULL, true);
    form_field(req, "until", "valid_until", "date");
    page_form_end(req, "areas: Authorise");
    page_form_begin(req, ACTION("revoke"));
    page_input(req, "login", "login", "text", NULL, true);
    page_input(req, "reason", "reason", "text", NULL, true);
    page_form_end(req, "areas: Remove the authorisation");
    page_form_begin(req, ACTION("review"));
    form_field(req, "note", "note", "text");
    page_form_end(req, "areas: Record the periodic review");
#undef ACTION
    page_end(req);
    return AG_OK;
}

static int page_area(struct web_req *req)
{
    if (!web_has_role(req, AREA_ROLES))
        return web_error(req, 403, "areas: Your roles do not allow the secure areas");
    long long area = path_area(req);
    return area ? area_page(req, area, NULL) : AG_OK;
}

struct area_step {
    long long area;
    const char *step;
};

static int id_of(struct web_req *req, const char *name, long long *id, struct ag_error *err)
{
    const char *v = fv(req, name);
    return isms_check_int(name, v, 1, INT64_MAX, id, err);
}

/* The area of a movement (0 if there is none): a step names a movement of the path's area. */
static long long one_area_move(struct web_req *req, long long move)
{
    struct ag_error err;
    sqlite3_stmt *s;
    long long v = 0;
    if (store_prepare(req->st, &s, "SELECT area_id FROM area_moves WHERE id = ?1", &err) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, move);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static int area_step_run(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct area_step *c = vctx;
    long long me = req->user.person_id, id = 0;
    const char *st = c->step;
    int rc;
    if (strcmp(st, "enter") == 0) {
        long long vid = 0;
        if (fv(req, "visitor") && (rc = id_of(req, "visitor", &vid, err)))
            return rc;
        struct area_entry_new e = {fv(req, "person"), vid,  fv(req, "at"),
                                   fv(req, "badge"),  NULL, fv(req, "override")};
        return area_enter(req->st, c->area, &e, me, &id, err);
    }
    if (strcmp(st, "exit") == 0)
        return (rc = id_of(req, "entry", &id, err)) ? rc
                                                    : area_exit(req->st, id, fv(req, "at"), err);
    if (strcmp(st, "visitor") == 0) {
        struct area_visitor_new v = {fv(req, "name"),
                                     fv(req, "organisation"),
                                     fv(req, "purpose"),
                                     fv(req, "host"),
                                     NULL,
                                     fv(req, "id_checked"),
                                     fv(req, "badge")};
        return area_visitor_add(req->st, c->area, &v, me, &id, err);
    }
    if (strcmp(st, "badge-return") == 0)
        return (rc = id_of(req, "visitor", &id, err)) ? rc
                                                      : area_badge_return(req->st, id, NULL, err);
    if (strcmp(st, "move") == 0) {
        struct area_move_new m = {fv(req, "direction"),
                                  fv(req, "item"),
                                  fv(req, "asset"),
                                  fv(req, "category"),
                                  fv(req, "person"),
                                  fv(req, "reason"),
                                  NULL};
        return area_move_request(req->st, c->area, &m, &id, err);
    }
    if (strcmp(st, "move-step") == 0) {
        const char *what = fv(req, "step");
        if ((rc = id_of(req, "move", &id, err)))
            return rc;
        if (one_area_move(req, id) != c->area)
            return ag_error_set(err, AG_ENOTFOUND, "movement %lld does not exist", id);
        if (what && strcmp(what, "done") == 0)
            return area_move_done(req->st, id, NULL, me, NULL, err);
        if (what && (strcmp(what, "approve") == 0 || strcmp(what, "reject") == 0))
            return area_move_decide(req->st, id, strcmp(what, "approve") == 0, fv(req, "note"), me,
                                    err);
        return ag_error_set(err, AG_EINVAL, "step: \"%.40s\" is not one of: approve, reject, done",
                            what ? what : "");
    }
    if (strcmp(st, "grant") == 0)
        return area_grant(req->st, c->area, fv(req, "login"), fv(req, "reason"), fv(req, "until"),
                          me, err);
    if (strcmp(st, "revoke") == 0)
        return area_revoke(req->st, c->area, fv(req, "login"), fv(req, "reason"), NULL, me, err);
    if (strcmp(st, "review") == 0)
        return area_review(req->st, c->area, fv(req, "note"), me, NULL, NULL, NULL, err);
    return ag_error_set(err, AG_ENOTFOUND, "unknown step");
}

static int page_area_step(struct web_req *req)
{
    if (!web_has_role(req, AREA_ROLES))
        return web_error(req, 403, "areas: Your roles do not allow the secure areas");
    struct area_step c = {path_area(req), web_param(req, "step")};
    if (!c.area)
        return AG_OK;
    struct ag_error err;
    int rc = web_action(req, area_step_run, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req,
                            arena_printf(&req->arena, "/areas/%lld?ok=%s", c.area,
                                         strcmp(c.step, "badge-return") == 0 ? "badge" : "step"));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED)
        record_refusal(req, "area_areas", c.area, c.step);
    const char *msg = arena_strdup(&req->arena, err.msg);
    strbuf_reset(&req->out.sb);
    req->status = status;
    return area_page(req, c.area, msg ? msg : err.msg);
}

static const struct ag_msg bcp_web_msgs[] = {
    {"bcp: Business continuity", "事業継続", "Business continuity"},
    {"bcp: Continuity plans per system", "システムごとの事業継続計画",
     "Continuity plans per system"},
    {"bcp: Emergency command structure", "緊急時対応体制", "Emergency command structure"},
    {"bcp: Assembly places", "参集場所", "Assembly places"},
    {"bcp: BCP exercises", "訓練・演習", "BCP exercises"},
    {"bcp: The recovery test is recorded.", "復旧試験を記録しました。",
     "The recovery test is recorded."},
    {"bcp: Recovery objectives and tests per system", "システムごとの目標復旧時間・復旧試験",
     "Recovery objectives and tests per system"},
    {"bcp: No plans yet.", "計画はまだありません。", "No plans yet."},
    {"bcp: Overdue recovery tests", "期限切れの復旧試験", "Overdue recovery tests"},
    {"bcp: No recovery test is overdue.", "期限切れの復旧試験はありません。",
     "No recovery test is overdue."},
    {"bcp: No roles yet.", "役割はまだありません。", "No roles yet."},
    {"bcp: No places yet.", "参集場所はまだありません。", "No places yet."},
    {"bcp: Exercises this year: planned and held", "今年の訓練: 予定と実施",
     "Exercises this year: planned and held"},
    {"bcp: No exercises this year.", "今年の訓練はありません。", "No exercises this year."},
    {"bcp: Recovery tests", "復旧試験の記録", "Recovery tests"},
    {"bcp: No recovery tests yet.", "復旧試験の記録はまだありません。", "No recovery tests yet."},
    {"bcp: Findings and corrective actions", "指摘事項と是正処置",
     "Findings and corrective actions"},
    {"bcp: No findings.", "指摘事項はありません。", "No findings."},
    {"bcp: Record a recovery test", "復旧試験を記録する", "Record a recovery test"},
    {"bcp: Record the test", "記録する", "Record the test"},
    {"areas: Secure areas", "要管理対策区域", "Secure areas"},
    {"areas: Your roles do not allow the secure areas",
     "あなたの役割では要管理対策区域を閲覧できません", "Your roles do not allow the secure areas"},
    {"areas: No areas yet.", "区域はまだありません。", "No areas yet."},
    {"areas: Add or edit areas", "区域の追加・編集", "Add or edit areas"},
    {"areas: In the area now", "在室者", "In the area now"},
    {"areas: Nobody is inside.", "在室者はいません。", "Nobody is inside."},
    {"areas: Needs attention", "注意事項", "Needs attention"},
    {"areas: Nothing to flag.", "注意事項はありません。", "Nothing to flag."},
    {"areas: No such area", "該当する区域はありません", "No such area"},
    {"areas: The area's record", "区域の登録内容", "The area's record"},
    {"areas: Authorised people", "立入りを許可された者", "Authorised people"},
    {"areas: Nobody yet.", "まだいません。", "Nobody yet."},
    {"areas: Entry and exit log", "入退出の記録", "Entry and exit log"},
    {"areas: No entries that day.", "その日の入退出はありません。", "No entries that day."},
    {"areas: Visitors", "訪問者", "Visitors"},
    {"areas: No visitors.", "訪問者はいません。", "No visitors."},
    {"areas: Equipment brought in or taken out", "機器の持込み・持出し",
     "Equipment brought in or taken out"},
    {"areas: No movements.", "持込み・持出しはありません。", "No movements."},
    {"areas: Installed equipment", "設置機器", "Installed equipment"},
    {"areas: No equipment listed.", "設置機器の登録はありません。", "No equipment listed."},
    {"areas: Record an entry", "入室を記録する", "Record an entry"},
    {"areas: Visitor number", "訪問者番号", "Visitor number"},
    {"areas: Let in without authorisation: why", "許可なく入室させた理由",
     "Let in without authorisation: why"},
    {"areas: Record the entry", "入室を記録", "Record the entry"},
    {"areas: Record an exit", "退室を記録する", "Record an exit"},
    {"areas: Record the exit", "退室を記録", "Record the exit"},
    {"areas: Register a visitor", "訪問者を登録する", "Register a visitor"},
    {"areas: Register the visitor", "登録する", "Register the visitor"},
    {"areas: Badge returned", "入館カードの回収", "Badge returned"},
    {"areas: Record the return", "回収を記録", "Record the return"},
    {"areas: Request a movement of equipment", "機器の持込み・持出しを申請する",
     "Request a movement of equipment"},
    {"areas: Request", "申請する", "Request"},
    {"areas: Decide or record a movement", "持込み・持出しの承認・記録",
     "Decide or record a movement"},
    {"areas: Movement number", "申請番号", "Movement number"},
    {"areas: Approve (system administrator)", "承認（システム管理者）",
     "Approve (system administrator)"},
    {"areas: Reject", "却下", "Reject"},
    {"areas: It was moved", "搬出入を記録", "It was moved"},
    {"areas: Step", "操作", "Step"},
    {"areas: Authorise or remove", "立入りの許可・解除・見直し", "Authorise or remove"},
    {"areas: Authorise", "許可する", "Authorise"},
    {"areas: Remove the authorisation", "許可を解除する", "Remove the authorisation"},
    {"areas: Record the periodic review", "定期的な見直しを記録", "Record the periodic review"},
    {"step: \"%.40s\" is not one of: approve, reject, done",
     "step: 「%.40s」は approve, reject, done のいずれでもありません",
     "step: \"%.40s\" is not one of: approve, reject, done"},
};

static const struct route bcp_routes[] = {
    {WEB_GET, "/bcp", page_bcp, 0, ROUTE_AUTH},
    {WEB_POST, "/bcp/tests", page_bcp_test_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/areas", page_areas, 0, ROUTE_AUTH},
    {WEB_GET, "/areas/{id}", page_area, 0, ROUTE_AUTH},
    {WEB_POST, "/areas/{id}/{step}", page_area_step, 0, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav bcp_nav[] = {{"/bcp", "bcp: Business continuity", 0},
                                         {"/areas", "areas: Secure areas", AREA_ROLES}};
WEB_MODULE(bcp, bcp_routes, bcp_web_msgs, bcp_nav);
