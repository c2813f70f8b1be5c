/*
 * pages_lifecycle.c — the system lifecycle of guideline 3.1.5.2(1) on the web
 * (src/isms/lifecycle.h, docs/isms.md "System lifecycle (3.1.5.2(1))"): the projects, the start
 * form, and a project's page with every phase's checklist showing the catalog item text beside
 * each row, the answer form and evidence upload for the rows of the current phase, the design
 * reviews, the acceptance tests with their evidence, and the sign-off of the current phase.
 *
 * Who may see: the ISMS roles, as the work log. Who may act is the library's rule (lifecycle.h:
 * the project's owner, the sysadmin or manager of the system's department or the CISO answer
 * and record; the manager or CISO who answered none of a phase's rows signs it off, never with
 * open rows); refusals are shown with 403 and recorded in the audit trail in their own
 * transaction. Evidence files are served only when attached to a row or test of the project.
 * Thread: a worker thread, with the request's arena and store connection.
 */
#include "isms/lifecycle.h"
#include "store/store.h"
#include "web/web_int.h"

#define LC_READ_ROLES                                                                              \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)

static const char *field(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && *v ? v : NULL;
}

static const char *phase_label(struct web_req *req, const char *phase)
{
    const char *key = arena_printf(&req->arena, "lifecycle: phase %s", phase);
    return key ? web_tr(req, key) : phase;
}

/* ---- GET/POST /lifecycle ---- */

static int list_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    page_begin(req, web_tr(req, "lifecycle: System lifecycle"));
    page_h1(req, web_tr(req, "lifecycle: System lifecycle"));
    page_note(req, web_tr(req, "lifecycle: 3.1.5.2(1): the security requirements of an "
                               "information system through planning, build, acceptance, handover "
                               "to operations, renewal and disposal, as checklists generated from "
                               "the guideline; each phase is signed off by a responsible person "
                               "who did not answer its rows."));
    if (alert)
        page_alert(req, alert);
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT p.id, p.code, y.code, p.kind, p.title, o.login, p.started_on, "
                           "p.status, coalesce((SELECT phase FROM lc_phases WHERE project_id = "
                           "p.id AND signed_at IS NULL ORDER BY sort_order LIMIT 1), ''), (SELECT "
                           "count(*) FROM lc_rows r JOIN lc_phases ph ON ph.id = r.phase_id WHERE "
                           "ph.project_id = p.id AND r.answer = 'open') FROM lc_projects p JOIN "
                           "systems y ON y.id = p.system_id JOIN people o ON o.id = p.owner_id "
                           "ORDER BY p.status, p.started_on DESC",
                           &err);
    if (rc)
        return rc;
    static const char *const heads[] = {"code",     "information_system", "kind",   "title",
                                        "owner",    "started_on",         "status", "current_phase",
                                        "open_rows"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        page_link(req, arena_printf(&req->arena, "/lifecycle/%lld", sqlite3_column_int64(s, 0)),
                  store_col_text(s, 1));
        for (int c = 2; c <= 7; c++) {
            html_lit(h, "</td><td>");
            html_text(h, store_col_text(s, c));
        }
        html_lit(h, "</td><td>");
        html_text(h, *store_col_text(s, 8) ? phase_label(req, store_col_text(s, 8)) : "");
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 9));
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "lifecycle: No projects yet.");
    if (web_has_role(req, AUTH_ROLE_CISO | AUTH_ROLE_MANAGER | AUTH_ROLE_SYSADMIN)) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "lifecycle: Start a project"));
        html_lit(h, "</h2>");
        page_form_begin(req, "/lifecycle");
        page_input(req, "code", "code", "text", NULL, true);
        page_input(req, "system", "information_system", "text", NULL, true);
        static const char *const kinds[] = {"new", "renewal", "disposal"};
        static const char *const labels[] = {"lifecycle: kind new", "lifecycle: kind renewal",
                                             "lifecycle: kind disposal"};
        page_select(req, "kind", "kind", kinds, labels, 3, NULL);
        page_input(req, "title", "title", "text", NULL, true);
        page_input(req, "owner", "owner", "text", NULL, true);
        page_input(req, "start", "started_on", "date", NULL, false);
        page_form_end(req, "lifecycle: Start");
    }
    page_end(req);
    return AG_OK;
}

static int page_list(struct web_req *req)
{
    return list_page(req, NULL);
}

static int do_start(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct lc_project_new p = {field(req, "code"),  field(req, "system"), field(req, "kind"),
                               field(req, "title"), field(req, "owner"),  field(req, "start")};
    return lc_project_start(req->st, req->cat, req->user.person_id, &p, ctx, err);
}

static int page_start(struct web_req *req)
{
    struct ag_error err;
    long long id = 0;
    int rc = web_action(req, do_start, &id, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/lifecycle/%lld", id));
    return web_refused(req, rc, &err, "lc_projects", 0, "start", list_page);
}

/* ---- GET /lifecycle/{id} ---- */

static void evidence_links(struct web_req *req, long long project, long long row)
{
    struct ag_error err;
    sqlite3_stmt *s;
    if (store_prepare(req->st, &s,
                      "SELECT e.id, e.filename FROM lc_row_evidence re JOIN evidence e ON e.id = "
                      "re.evidence_id WHERE re.row_id = ? ORDER BY e.id",
                      &err) != AG_OK)
        return;
    sqlite3_bind_int64(s, 1, row);
    while (sqlite3_step(s) == SQLITE_ROW) {
        page_link(req,
                  arena_printf(&req->arena, "/lifecycle/%lld/evidence/%lld", project,
                               sqlite3_column_int64(s, 0)),
                  store_col_text(s, 1));
        html_lit(&req->out, " ");
    }
    sqlite3_finalize(s);
}

static int checklist(struct web_req *req, long long project, long long phase_id, bool forms)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT r.id, r.ref, r.item_id, r.answer, r.note, coalesce(p.login, "
                           "'') FROM lc_rows r LEFT JOIN people p ON p.id = r.answered_by WHERE "
                           "r.phase_id = ? ORDER BY r.sort_order",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, phase_id);
    static const char *const heads[] = {"lifecycle: Row", "lifecycle: Guideline item",
                                        "lifecycle: Answer", "evidence_files"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    const char *base = arena_printf(&req->arena, "/lifecycle/%lld", project);
    while (sqlite3_step(s) == SQLITE_ROW) {
        long long row = sqlite3_column_int64(s, 0);
        const char *answer = store_col_text(s, 3);
        const struct catalog_node *n = catalog_by_id(req->cat, store_col_text(s, 2));
        if (strcmp(answer, "open") == 0)
            html_lit(h, "<tr class=\"open\"");
        else
            html_lit(h, "<tr");
        html_attr(h, "id", arena_printf(&req->arena, "row-%lld", row));
        html_lit(h, "><td>");
        html_textf(h, "#%lld", row);
        html_lit(h, "</td><td><strong>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</strong> <span class=\"small\">");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</span><br>");
        html_text(h, n ? catalog_text_get(n->text, req->lang) : "");
        html_lit(h, "</td><td>");
        html_text(h, web_tr(req, arena_printf(&req->arena, "lifecycle: answer %s", answer)));
        if (*store_col_text(s, 4)) {
            html_lit(h, "<br><span class=\"small\">");
            html_text(h, store_col_text(s, 4));
            html_textf(h, " (%s)", store_col_text(s, 5));
            html_lit(h, "</span>");
        }
        if (forms) {
            html_lit(h, "<form method=\"post\" class=\"inline\"");
            html_attr(h, "action", arena_printf(&req->arena, "%s/answer", base));
            html_lit(h, ">");
            page_csrf_field(req);
            html_lit(h, "<input type=\"hidden\" name=\"row\"");
            html_attr(h, "value", arena_printf(&req->arena, "%lld", row));
            html_lit(h, "><select name=\"answer\"");
            html_attr(h, "aria-label", web_tr(req, "lifecycle: Answer"));
            html_lit(h, ">");
            for (size_t i = 0; lc_answers[i]; i++) {
                html_lit(h, "<option");
                html_attr(h, "value", lc_answers[i]);
                if (strcmp(lc_answers[i], answer) == 0)
                    html_lit(h, " selected");
                html_lit(h, ">");
                html_text(h, web_tr(req, arena_printf(&req->arena, "lifecycle: answer %s",
                                                      lc_answers[i])));
                html_lit(h, "</option>");
            }
            html_lit(h, "</select><input type=\"text\" name=\"note\"");
            html_attr(h, "aria-label",
                      web_tr(req, "lifecycle: What was done / why not applicable"));
            html_attr(h, "value", store_col_text(s, 4));
            html_lit(h, "><button type=\"submit\">");
            html_text(h, web_tr(req, "lifecycle: Save"));
            html_lit(h, "</button></form>");
        }
        html_lit(h, "</td><td>");
        evidence_links(req, project, row);
        if (forms) {
            html_lit(h, "<form method=\"post\" class=\"inline\" enctype=\"multipart/form-data\"");
            html_attr(h, "action", arena_printf(&req->arena, "%s/attach", base));
            html_lit(h, ">");
            page_csrf_field(req);
            html_lit(h, "<input type=\"hidden\" name=\"row\"");
            html_attr(h, "value", arena_printf(&req->arena, "%lld", row));
            html_lit(h, "><input type=\"file\" name=\"file\"");
            html_attr(h, "aria-label", web_tr(req, "lifecycle: Evidence file"));
            html_lit(h, "><button type=\"submit\">");
            html_text(h, web_tr(req, "lifecycle: Attach"));
            html_lit(h, "</button></form>");
        }
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, 1, NULL);
    return AG_OK;
}

static int project_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    long long id;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, "lifecycle: No such project");
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT p.code, p.title, y.code, y.name_ja, p.kind, o.login, "
                           "p.started_on, p.status FROM lc_projects p JOIN systems y ON y.id = "
                           "p.system_id JOIN people o ON o.id = p.owner_id WHERE p.id = ?",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "lifecycle: No such project");
    }
    const char *code = arena_strdup(&req->arena, store_col_text(s, 0));
    bool active = strcmp(store_col_text(s, 7), "active") == 0;
    page_begin(req, arena_printf(&req->arena, "%s %s", code, store_col_text(s, 1)));
    page_h1(req, arena_printf(&req->arena, "%s %s", code, store_col_text(s, 1)));
    if (alert)
        page_alert(req, alert);
    const char *ok = web_query(req, "ok");
    if (ok && *ok)
        page_ok(req, web_tr(req, "lifecycle: Recorded."));
    page_dl_begin(req);
    page_dl_item(req, "information_system",
                 arena_printf(&req->arena, "%s %s", store_col_text(s, 2), store_col_text(s, 3)));
    page_dl_item(
        req, "kind",
        web_tr(req, arena_printf(&req->arena, "lifecycle: kind %s", store_col_text(s, 4))));
    page_dl_item(req, "owner", store_col_text(s, 5));
    page_dl_item(req, "started_on", store_col_text(s, 6));
    page_dl_item(req, "status", store_col_text(s, 7));
    page_dl_end(req);
    sqlite3_finalize(s);
    char current[16];
    if ((rc = lc_current_phase(req->st, id, current, &err)))
        return rc;
    bool worker = active && lc_may_work(req->st, req->user.person_id, id);
    bool signer = active && web_has_role(req, AUTH_ROLE_MANAGER | AUTH_ROLE_CISO);
    const char *base = arena_printf(&req->arena, "/lifecycle/%lld", id);
    if ((rc = store_prepare(req->st, &s,
                            "SELECT ph.id, ph.phase, coalesce(p.login, ''), coalesce(ph.signed_at, "
                            "''), ph.signoff_note, (SELECT count(*) FROM lc_rows r WHERE "
                            "r.phase_id = ph.id AND r.answer = 'open') FROM lc_phases ph LEFT JOIN "
                            "people p ON p.id = ph.signed_by WHERE ph.project_id = ? ORDER BY "
                            "ph.sort_order",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    struct {
        long long id, open;
        char phase[16], signed_by[65], signed_at[24];
    } phases[6];
    size_t np = 0;
    while (np < AG_ARRAY_LEN(phases) && sqlite3_step(s) == SQLITE_ROW) {
        phases[np].id = sqlite3_column_int64(s, 0);
        snprintf(phases[np].phase, sizeof(phases[np].phase), "%s", store_col_text(s, 1));
        snprintf(phases[np].signed_by, sizeof(phases[np].signed_by), "%s", store_col_text(s, 2));
        snprintf(phases[np].signed_at, sizeof(phases[np].signed_at), "%s", store_col_text(s, 3));
        phases[np].open = sqlite3_column_int64(s, 5);
        np++;
    }
    sqlite3_finalize(s);
    for (size_t i = 0; i < np; i++) {
        bool is_current = strcmp(phases[i].phase, current) == 0;
        html_lit(h, "<h2");
        html_attr(h, "id", arena_printf(&req->arena, "phase-%s", phases[i].phase));
        html_lit(h, ">");
        html_text(h, phase_label(req, phases[i].phase));
        html_lit(h, "</h2><p>");
        if (*phases[i].signed_at)
            html_textf(h, web_tr(req, "lifecycle: Signed off by %s at %s"), phases[i].signed_by,
                       phases[i].signed_at);
        else if (is_current)
            html_textf(h, web_tr(req, "lifecycle: Current phase; %lld open row(s)"),
                       phases[i].open);
        else
            html_text(h, web_tr(req, "lifecycle: Not started"));
        html_lit(h, "</p>");
        if ((rc = checklist(req, id, phases[i].id, worker && is_current)))
            return rc;
        if (signer && is_current) {
            page_form_begin(req, arena_printf(&req->arena, "%s/signoff", base));
            html_lit(h, "<input type=\"hidden\" name=\"phase\"");
            html_attr(h, "value", phases[i].phase);
            html_lit(h, ">");
            page_textarea(req, "note", "note", NULL, false);
            page_form_end(req, "lifecycle: Sign off this phase");
        }
    }
    /* design reviews */
    html_lit(h, "<h2 id=\"reviews\">");
    html_text(h, web_tr(req, "lifecycle: Design reviews"));
    html_lit(h, "</h2>");
    if ((rc = store_prepare(req->st, &s,
                            "SELECT v.held_on, v.phase, (SELECT group_concat(p.login, ' ') FROM "
                            "lc_review_people rp JOIN people p ON p.id = rp.person_id WHERE "
                            "rp.review_id = v.id), v.scope, v.findings, v.result FROM lc_reviews v "
                            "WHERE v.project_id = ? ORDER BY v.held_on",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    static const char *const rheads[] = {"held_on", "phase",    "reviewers",
                                         "scope",   "findings", "result"};
    page_table_begin(req, rheads, AG_ARRAY_LEN(rheads));
    size_t rows = 0;
    for (; sqlite3_step(s) == SQLITE_ROW; rows++) {
        html_lit(h, "<tr>");
        for (int c = 0; c < 6; c++) {
            html_lit(h, "<td>");
            html_text(h, store_col_text(s, c));
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "lifecycle: No design reviews yet.");
    if (worker) {
        page_form_begin(req, arena_printf(&req->arena, "%s/review", base));
        static const char *const ph[] = {"planning", "build"};
        static const char *const phl[] = {"lifecycle: phase planning", "lifecycle: phase build"};
        page_select(req, "phase", "phase", ph, phl, 2, NULL);
        page_input(req, "date", "held_on", "date", NULL, true);
        page_input(req, "reviewers", "lifecycle: Reviewers (logins)", "text", NULL, true);
        page_textarea(req, "scope", "lifecycle: Scope and method", NULL, true);
        page_textarea(req, "findings", "findings", NULL, true);
        static const char *const res[] = {"approved", "changes-required"};
        page_select(req, "result", "result", res, res, 2, NULL);
        page_form_end(req, "lifecycle: Record the design review");
    }
    /* acceptance tests */
    html_lit(h, "<h2 id=\"tests\">");
    html_text(h, web_tr(req, "lifecycle: Acceptance tests"));
    html_lit(h, "</h2>");
    if ((rc = store_prepare(req->st, &s,
                            "SELECT t.tested_on, t.title, t.result, p.login, t.note, e.id, "
                            "e.filename FROM lc_tests t JOIN people p ON p.id = t.tester_id JOIN "
                            "evidence e ON e.id = t.evidence_id WHERE t.project_id = ? ORDER BY "
                            "t.tested_on, t.id",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    static const char *const theads[] = {"tested_on", "title", "result",
                                         "tester",    "note",  "evidence_files"};
    page_table_begin(req, theads, AG_ARRAY_LEN(theads));
    for (rows = 0; sqlite3_step(s) == SQLITE_ROW; rows++) {
        html_lit(h, "<tr>");
        for (int c = 0; c < 5; c++) {
            html_lit(h, "<td>");
            html_text(h, store_col_text(s, c));
            html_lit(h, "</td>");
        }
        html_lit(h, "<td>");
        page_link(req,
                  arena_printf(&req->arena, "%s/evidence/%lld", base, sqlite3_column_int64(s, 5)),
                  store_col_text(s, 6));
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "lifecycle: No acceptance tests yet.");
    if (worker) {
        html_lit(h, "<form method=\"post\" class=\"card\" enctype=\"multipart/form-data\"");
        html_attr(h, "action", arena_printf(&req->arena, "%s/test", base));
        html_lit(h, ">");
        page_csrf_field(req);
        page_input(req, "title", "title", "text", NULL, true);
        page_input(req, "date", "tested_on", "date", NULL, true);
        static const char *const res[] = {"pass", "fail"};
        page_select(req, "result", "result", res, res, 2, NULL);
        page_textarea(req, "note", "note", NULL, false);
        page_input(req, "file", "lifecycle: Evidence file", "file", NULL, true);
        page_form_end(req, "lifecycle: Record the test");
    }
    html_lit(h, "<p>");
    page_link(req, "/lifecycle", web_tr(req, "lifecycle: Back to the projects"));
    html_lit(h, "</p>");
    page_end(req);
    return AG_OK;
}

static int page_project(struct web_req *req)
{
    return project_page(req, NULL);
}

/* ---- POST /lifecycle/{id}/answer|attach|review|test|signoff ---- */

struct step_ctx {
    long long project;
    const char *step;
};

static int do_step(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    long long me = req->user.person_id, row, id;
    int rc;
    if (strcmp(c->step, "answer") == 0 || strcmp(c->step, "attach") == 0) {
        if ((rc = lc_row_find(req->st, req->cat, c->project, NULL, field(req, "row"), &row, err)))
            return rc;
        if (strcmp(c->step, "answer") == 0)
            return lc_answer(req->st, me, row, field(req, "answer"), field(req, "note"), err);
        if (!req->upload.present)
            return ag_error_set(err, AG_EINVAL, "--evidence: missing (a file)");
        return lc_attach(req->st, me, row, strbuf_str(&req->upload.data), req->upload.data.len,
                         req->upload.filename, err);
    }
    if (strcmp(c->step, "review") == 0) {
        char *buf =
            arena_strdup(&req->arena, field(req, "reviewers") ? field(req, "reviewers") : "");
        const char *list[33];
        size_t n = 0;
        char *save = NULL;
        for (char *t = buf ? strtok_r(buf, ", ", &save) : NULL; t && n + 1 < AG_ARRAY_LEN(list);
             t = strtok_r(NULL, ", ", &save))
            list[n++] = t;
        list[n] = NULL;
        struct lc_review_new r = {field(req, "phase"),    field(req, "date"),   field(req, "scope"),
                                  field(req, "findings"), field(req, "result"), list};
        return lc_review_add(req->st, me, c->project, &r, &id, err);
    }
    if (strcmp(c->step, "test") == 0) {
        bool file = req->upload.present;
        struct lc_test_new t = {field(req, "title"),
                                field(req, "date"),
                                field(req, "result"),
                                field(req, "note"),
                                NULL,
                                file ? strbuf_str(&req->upload.data) : NULL,
                                file ? req->upload.data.len : 0,
                                file ? req->upload.filename : NULL};
        return lc_test_add(req->st, me, c->project, &t, &id, err);
    }
    return lc_signoff(req->st, me, c->project, field(req, "phase"), field(req, "note"), err);
}

static int project_step(struct web_req *req, const char *step)
{
    struct ag_error err;
    struct step_ctx c = {0, step};
    if (!web_param_id(req, "id", &c.project))
        return web_error(req, 404, "lifecycle: No such project");
    int rc = web_action(req, do_step, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req,
                            arena_printf(&req->arena, "/lifecycle/%lld?ok=%s", c.project, step));
    if (rc == AG_ENOTFOUND && strstr(err.msg, "lifecycle project"))
        return web_error(req, 404, "lifecycle: No such project");
    return web_refused(req, rc, &err, "lc_projects", c.project, step, project_page);
}

static int page_answer(struct web_req *req)
{
    return project_step(req, "answer");
}
static int page_attach(struct web_req *req)
{
    return project_step(req, "attach");
}
static int page_review(struct web_req *req)
{
    return project_step(req, "review");
}
static int page_test(struct web_req *req)
{
    return project_step(req, "test");
}
static int page_signoff(struct web_req *req)
{
    return project_step(req, "signoff");
}

/* ---- GET /lifecycle/{id}/evidence/{eid}: a file of a row or test of this project ---- */

static int page_evidence(struct web_req *req)
{
    struct ag_error err;
    long long id, eid;
    if (!web_param_id(req, "id", &id) || !web_param_id(req, "eid", &eid))
        return web_error(req, 404, "lifecycle: No such project");
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT e.sha256, e.filename FROM evidence e WHERE e.id = ?2 AND "
                           "(EXISTS (SELECT 1 FROM lc_row_evidence re JOIN lc_rows r ON r.id = "
                           "re.row_id JOIN lc_phases ph ON ph.id = r.phase_id WHERE "
                           "re.evidence_id = e.id AND ph.project_id = ?1) OR EXISTS (SELECT 1 "
                           "FROM lc_tests t WHERE t.evidence_id = e.id AND t.project_id = ?1))",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, eid);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "lifecycle: No such evidence file in this project");
    }
    const char *sha = arena_strdup(&req->arena, store_col_text(s, 0));
    const char *name = arena_strdup(&req->arena, store_col_text(s, 1));
    sqlite3_finalize(s);
    return web_evidence_send(req, sha, name ? name : "evidence");
}

/* ---- messages ---- */

/* clang-format off */
static const struct ag_msg lifecycle_msgs[] = {
    {"lifecycle: System lifecycle", "システムのライフサイクル", "System lifecycle"},
    {"lifecycle: 3.1.5.2(1): the security requirements of an information system through planning, "
     "build, acceptance, handover to operations, renewal and disposal, as checklists generated from "
     "the guideline; each phase is signed off by a responsible person who did not answer its rows.",
     "3.1.5.2(1): 情報システムの企画・要件定義、構築、受入れ、運用移行、更改、廃棄の各段階のセキュリティ要件を、"
     "ガイドラインから生成したチェックリストで管理します。各フェーズは、その行に回答していない責任者が承認します。",
     "3.1.5.2(1): the security requirements of an information system through planning, "
     "build, acceptance, handover to operations, renewal and disposal, as checklists generated from "
     "the guideline; each phase is signed off by a responsible person who did not answer its rows."},
    {"lifecycle: No projects yet.", "プロジェクトはまだありません。", "No projects yet."},
    {"lifecycle: Start a project", "プロジェクトを開始", "Start a project"},
    {"lifecycle: Start", "開始する", "Start"},
    {"lifecycle: kind new", "新規構築", "new system"},
    {"lifecycle: kind renewal", "更改", "renewal"},
    {"lifecycle: kind disposal", "廃棄", "disposal"},
    {"lifecycle: phase planning", "企画・要件定義", "planning"},
    {"lifecycle: phase build", "構築", "build"},
    {"lifecycle: phase acceptance", "受入れ", "acceptance"},
    {"lifecycle: phase handover", "運用移行", "handover to operations"},
    {"lifecycle: phase renewal", "更改（移行と情報の抹消）", "renewal (migration and erasure)"},
    {"lifecycle: phase disposal", "廃棄", "disposal"},
    {"lifecycle: No such project", "該当するプロジェクトはありません", "No such project"},
    {"lifecycle: No such evidence file in this project", "このプロジェクトに該当する証跡ファイルはありません",
     "No such evidence file in this project"},
    {"lifecycle: Recorded.", "記録しました。", "Recorded."},
    {"lifecycle: Signed off by %s at %s", "%s が承認（%s）", "Signed off by %s at %s"},
    {"lifecycle: Current phase; %lld open row(s)", "現在のフェーズ。未回答 %lld 件",
     "Current phase; %lld open row(s)"},
    {"lifecycle: Not started", "未着手", "Not started"},
    {"lifecycle: Row", "行", "Row"},
    {"lifecycle: Guideline item", "ガイドラインの対策項目", "Guideline item"},
    {"lifecycle: Answer", "回答", "Answer"},
    {"lifecycle: answer open", "未回答", "open"},
    {"lifecycle: answer done", "実施済み", "done"},
    {"lifecycle: answer na", "該当なし", "not applicable"},
    {"lifecycle: What was done / why not applicable", "実施内容・該当しない理由",
     "What was done / why not applicable"},
    {"lifecycle: Save", "保存", "Save"},
    {"lifecycle: Evidence file", "証跡ファイル", "Evidence file"},
    {"lifecycle: Attach", "添付", "Attach"},
    {"lifecycle: Sign off this phase", "このフェーズを承認する", "Sign off this phase"},
    {"lifecycle: Design reviews", "設計レビュー", "Design reviews"},
    {"lifecycle: No design reviews yet.", "設計レビューの記録はありません。", "No design reviews yet."},
    {"lifecycle: Reviewers (logins)", "レビュー実施者（ログイン、空白区切り）", "Reviewers (logins)"},
    {"lifecycle: Scope and method", "範囲及び方法", "Scope and method"},
    {"lifecycle: Record the design review", "設計レビューを記録", "Record the design review"},
    {"lifecycle: Acceptance tests", "受入れ試験", "Acceptance tests"},
    {"lifecycle: No acceptance tests yet.", "受入れ試験の記録はありません。", "No acceptance tests yet."},
    {"lifecycle: Record the test", "試験を記録", "Record the test"},
    {"lifecycle: Back to the projects", "プロジェクト一覧へ戻る", "Back to the projects"},
};
/* clang-format on */

static const struct route lifecycle_routes[] = {
    {WEB_GET, "/lifecycle", page_list, LC_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/lifecycle", page_start, LC_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/lifecycle/{id}", page_project, LC_READ_ROLES, ROUTE_AUTH},
    {WEB_POST, "/lifecycle/{id}/answer", page_answer, LC_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/lifecycle/{id}/attach", page_attach, LC_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF | ROUTE_UPLOAD},
    {WEB_POST, "/lifecycle/{id}/review", page_review, LC_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/lifecycle/{id}/test", page_test, LC_READ_ROLES,
     ROUTE_AUTH | ROUTE_CSRF | ROUTE_UPLOAD},
    {WEB_POST, "/lifecycle/{id}/signoff", page_signoff, LC_READ_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/lifecycle/{id}/evidence/{eid}", page_evidence, LC_READ_ROLES, ROUTE_AUTH},
};
static const struct web_nav lifecycle_nav[] = {
    {"/lifecycle", "lifecycle: System lifecycle", LC_READ_ROLES}};
WEB_MODULE(lifecycle, lifecycle_routes, lifecycle_msgs, lifecycle_nav);
