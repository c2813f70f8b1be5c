/*
 * pages_assess.c — the respondent's self-inspection sheets (自己点検票, guideline 3.3.1.1(1), step
 * 3 of assess.h): the list of one's own sheets, one sheet with its items, answering an item,
 * attaching evidence files (証跡, multipart upload) and submitting the sheet; the sheet as XLSX;
 * evidence downloads (GET /evidence/{sha256}).
 *
 * Per-object authorisation (guideline 5.3(5)): a sheet is changed by its respondent only; it is
 * shown read-only to the information security manager of its department, the CISO and the
 * auditors (sheet_visible; docs/web/self-inspection.md), and to nobody else, whatever their roles
 * (403). Evidence files are served to the people who may see a sheet they are attached to.
 * Answers, evidence and submission go through the same library functions as the CLI
 * (assess_answer_set, assess_answer_attach, assess_sheet_submit), with the person's login as the
 * audit trail's actor (store_set_actor).
 * Race conditions (5.3(12)): each POST runs in one BEGIN IMMEDIATE transaction that the library
 * joins, so its checks (respondent, not yet submitted) and its write are atomic: of two
 * concurrent submits one wins and the other is refused (409).
 */
#include "isms/assess.h"
#include "store/store.h"
#include "web/web_int.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static int page_assess_sheets(struct web_req *req);
static int page_assess_sheet(struct web_req *req);
static int page_assess_answer(struct web_req *req);
static int page_assess_submit(struct web_req *req);
static int page_assess_evidence_add(struct web_req *req);
static int page_assess_xlsx(struct web_req *req);
static int page_evidence(struct web_req *req);

static const enum assess_answer answers[] = {ASSESS_IMPLEMENTED, ASSESS_PARTIAL,
                                             ASSESS_NOT_IMPLEMENTED, ASSESS_NOT_APPLICABLE};

/* The label of an answer in the page's language (the ja labels are the guideline's terms). */
static const char *answer_label(struct web_req *req, enum assess_answer a)
{
    switch (a) {
    case ASSESS_IMPLEMENTED:
        return web_tr(req, "implemented");
    case ASSESS_PARTIAL:
        return web_tr(req, "partially implemented");
    case ASSESS_NOT_IMPLEMENTED:
        return web_tr(req, "not implemented");
    case ASSESS_NOT_APPLICABLE:
        return web_tr(req, "not applicable");
    case ASSESS_UNANSWERED:
        break;
    }
    return web_tr(req, "not answered");
}

static const char *status_label(struct web_req *req, const char *status)
{
    return web_tr(req, strcmp(status, "submitted") == 0 ? "submitted" : "not submitted");
}

struct sheet_row {
    long long id, respondent, plan, dept_id;
    int round, fiscal_year;
    char title[256], status[16], due[11], submitted_at[21], dept[128];
};

/* Sheet `id`: AG_ENOTFOUND when unknown. */
static int sheet_load_id(struct web_req *req, long long id, struct sheet_row *out)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc =
        store_prepare(req->st, &s,
                      "SELECT s.id, s.respondent_id, s.plan_id, s.round, p.fiscal_year, "
                      "p.title, s.status, s.due_date, coalesce(s.submitted_at, ''), "
                      "CASE WHEN ?2 = 'en' AND d.name_en <> '' THEN d.name_en ELSE d.name_ja "
                      "END, s.department_id FROM assess_sheets s JOIN assess_plans p ON p.id = "
                      "s.plan_id JOIN "
                      "departments d ON d.id = s.department_id WHERE s.id = ?1",
                      &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        out->id = sqlite3_column_int64(s, 0);
        out->respondent = sqlite3_column_int64(s, 1);
        out->plan = sqlite3_column_int64(s, 2);
        out->round = sqlite3_column_int(s, 3);
        out->fiscal_year = sqlite3_column_int(s, 4);
        snprintf(out->title, sizeof(out->title), "%s", store_col_text(s, 5));
        snprintf(out->status, sizeof(out->status), "%s", store_col_text(s, 6));
        snprintf(out->due, sizeof(out->due), "%s", store_col_text(s, 7));
        snprintf(out->submitted_at, sizeof(out->submitted_at), "%s", store_col_text(s, 8));
        snprintf(out->dept, sizeof(out->dept), "%s", store_col_text(s, 9));
        out->dept_id = sqlite3_column_int64(s, 10);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

/* The sheet of the path's {id}: AG_ENOTFOUND for a malformed or unknown id. */
static int sheet_load(struct web_req *req, struct sheet_row *out)
{
    long long id;
    return web_param_id(req, "id", &id) ? sheet_load_id(req, id, out) : AG_ENOTFOUND;
}

/* Who may see a sheet (read-only unless they are its respondent): the respondent; the
 * information security manager of the sheet's department (3.3.1.1(1) m2/m4: they instruct and
 * analyse their department's self-inspection); the CISO (m5: evaluates the whole); the auditors
 * (3.3.1.2: the audit checks that self-inspection is carried out). Nobody else, whatever their
 * roles — the committee sees the figures on the report, not individual answers. */
static bool sheet_visible(struct web_req *req, const struct sheet_row *sh)
{
    return sh->respondent == req->user.person_id ||
           web_has_role(req, AUTH_ROLE_CISO | AUTH_ROLE_AUDITOR) ||
           isms_has_role(req->st, req->user.person_id, "manager", sh->dept_id);
}

/* Loads the sheet for reading: 404 / 403 pages as sheet_for_user, but for sheet_visible. */
static int sheet_for_viewer(struct web_req *req, struct sheet_row *sh, bool *done)
{
    *done = false;
    int rc = sheet_load(req, sh);
    if (rc == AG_ENOTFOUND) {
        *done = true;
        return web_error(req, 404, "No such self-inspection sheet");
    }
    if (rc)
        return rc;
    if (!sheet_visible(req, sh)) {
        *done = true;
        return web_error(req, 403, "This self-inspection sheet is not yours");
    }
    return AG_OK;
}

/* Loads the sheet and checks that the signed-in person is its respondent; on refusal the error
 * page is written and *done is set. */
static int sheet_for_user(struct web_req *req, struct sheet_row *sh, bool *done)
{
    *done = false;
    int rc = sheet_load(req, sh);
    if (rc == AG_ENOTFOUND) {
        *done = true;
        return web_error(req, 404, "No such self-inspection sheet");
    }
    if (rc)
        return rc;
    if (sh->respondent != req->user.person_id) {
        *done = true;
        return web_error(req, 403, "This self-inspection sheet is not yours");
    }
    return AG_OK;
}

static const char *sheet_href(struct web_req *req, long long id, const char *suffix)
{
    return arena_printf(&req->arena, "/assess/sheets/%lld%s", id, suffix);
}

/* ---- GET /assess/sheets ---- */

static int page_assess_sheets(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT s.id, p.fiscal_year, p.title, s.round, s.status, s.due_date, "
                           "(SELECT count(*) FROM assess_answers a WHERE a.sheet_id = s.id), "
                           "(SELECT count(*) FROM assess_answers a WHERE a.sheet_id = s.id AND "
                           "a.answer IS NOT NULL) FROM assess_sheets s JOIN assess_plans p ON p.id "
                           "= s.plan_id WHERE s.respondent_id = ?1 ORDER BY s.status = "
                           "'submitted', p.fiscal_year DESC, s.round DESC, s.id DESC",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    page_begin(req, web_tr(req, "My self-inspection sheets"));
    html_lit(h, "<h1>");
    html_text(h, web_tr(req, "My self-inspection sheets"));
    html_lit(h, "</h1><p class=\"small\">");
    html_text(h, web_tr(req, "Self-inspection (guideline 3.3.1.1(1)): answer every item of your "
                             "sheet, then submit it. A submitted sheet is final."));
    html_lit(h, "</p><table><thead><tr><th scope=\"col\">");
    html_text(h, web_tr(req, "Sheet"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Plan"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Round"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Status"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Due"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Answered"));
    html_lit(h, "</th></tr></thead><tbody>");
    int step, n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        const char *status = store_col_text(s, 4);
        html_lit(h, "<tr><td><a");
        html_attr(h, "href", sheet_href(req, id, ""));
        html_lit(h, ">");
        html_textf(h, "%lld", id);
        html_lit(h, "</a></td><td>");
        html_textf(h, "%d %s", sqlite3_column_int(s, 1), store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_textf(h, "%d", sqlite3_column_int(s, 3));
        if (strcmp(status, "submitted") == 0)
            html_lit(h, "</td><td class=\"ok\">");
        else
            html_lit(h, "</td><td>");
        html_text(h, status_label(req, status));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        html_lit(h, "</td><td>");
        html_textf(h, "%d / %d", sqlite3_column_int(s, 7), sqlite3_column_int(s, 6));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    html_lit(h, "</tbody></table>");
    if (!n) {
        html_lit(h, "<p>");
        html_text(h, web_tr(req, "You have no self-inspection sheets."));
        html_lit(h, "</p>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- GET /assess/sheets/{id} ---- */

static void answer_form(struct web_req *req, const struct sheet_row *sh, const char *item,
                        enum assess_answer cur, const char *comment, size_t no)
{
    struct html *h = &req->out;
    const char *fid = arena_printf(&req->arena, "a%zu", no);
    const char *cid = arena_printf(&req->arena, "c%zu", no);
    html_lit(h, "<form method=\"post\" class=\"answer\"");
    html_attr(h, "action", sheet_href(req, sh->id, "/answer"));
    html_lit(h, ">");
    page_csrf_field(req);
    html_lit(h, "<input type=\"hidden\" name=\"item\"");
    html_attr(h, "value", item);
    html_lit(h, "><div class=\"field\"><label");
    html_attr(h, "for", fid);
    html_lit(h, ">");
    html_text(h, web_tr(req, "Answer"));
    html_lit(h, "</label><select name=\"answer\"");
    html_attr(h, "id", fid);
    html_lit(h, " required>");
    if (cur == ASSESS_UNANSWERED) {
        html_lit(h, "<option value=\"\" selected>");
        html_text(h, web_tr(req, "choose"));
        html_lit(h, "</option>");
    }
    for (size_t i = 0; i < AG_ARRAY_LEN(answers); i++) {
        html_lit(h, "<option");
        html_attr(h, "value", assess_answer_id(answers[i]));
        if (answers[i] == cur)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, answer_label(req, answers[i]));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div><div class=\"field\"><label");
    html_attr(h, "for", cid);
    html_lit(h, ">");
    html_text(h, web_tr(req, "Comment"));
    html_lit(h, "</label><textarea name=\"comment\" rows=\"2\"");
    html_attr(h, "id", cid);
    html_lit(h, ">");
    html_text(h, comment);
    html_lit(h, "</textarea></div><button type=\"submit\">");
    html_text(h, web_tr(req, "Save"));
    html_lit(h, "</button></form>");
}

/* The evidence files attached to an answer, as download links. */
static int evidence_list(struct web_req *req, long long answer_id)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_cached(req->st, &s, /* once per item of the sheet: kept prepared */
                          "SELECT e.sha256, e.filename, e.size FROM assess_answer_evidence ae "
                          "JOIN evidence e ON e.id = ae.evidence_id WHERE ae.answer_id = ?1 "
                          "ORDER BY ae.id",
                          &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, answer_id);
    int step;
    bool any = false;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (!any)
            html_lit(h, "<ul class=\"evidence\">");
        any = true;
        html_lit(h, "<li><a");
        html_attr(h, "href", arena_printf(&req->arena, "/evidence/%s", store_col_text(s, 0)));
        html_lit(h, " download>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</a> <span class=\"small\">");
        html_textf(h, "%lld B, SHA-256 %.12s…", (long long)sqlite3_column_int64(s, 2),
                   store_col_text(s, 0));
        html_lit(h, "</span></li>");
    }
    store_cached_done(req->st, s);
    if (any)
        html_lit(h, "</ul>");
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

/* The upload form of one item: multipart/form-data, the CSRF token first. */
static void evidence_form(struct web_req *req, const struct sheet_row *sh, const char *item,
                          size_t no)
{
    struct html *h = &req->out;
    const char *fid = arena_printf(&req->arena, "f%zu", no);
    html_lit(h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"evidence\"");
    html_attr(h, "action", sheet_href(req, sh->id, "/evidence"));
    html_lit(h, ">");
    page_csrf_field(req);
    html_lit(h, "<input type=\"hidden\" name=\"item\"");
    html_attr(h, "value", item);
    html_lit(h, "><div class=\"field\"><label");
    html_attr(h, "for", fid);
    html_lit(h, ">");
    html_text(h, web_tr(req, "Evidence file (at most 10 MiB)"));
    html_lit(h, "</label><input type=\"file\" name=\"file\" required");
    html_attr(h, "id", fid);
    html_lit(h, "></div><button type=\"submit\">");
    html_text(h, web_tr(req, "assess: Attach"));
    html_lit(h, "</button></form>");
}

/* The sheet page; `alert_msg` (may be NULL) is shown at the top. */
static int sheet_page(struct web_req *req, const struct sheet_row *sh, const char *alert_msg)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    bool mine = sh->respondent == req->user.person_id;
    bool open = mine && strcmp(sh->status, "issued") == 0;
    int rc = store_prepare(req->st, &s,
                           "SELECT item_id, role, coalesce(answer, ''), comment, id FROM "
                           "assess_answers WHERE sheet_id = ?1 ORDER BY id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, sh->id);
    const char *title =
        arena_printf(&req->arena, web_tr(req, "Self-inspection sheet %lld"), sh->id);
    page_begin(req, title ? title : "");
    html_lit(h, "<h1>");
    html_text(h, title ? title : "");
    html_lit(h, "</h1>");
    if (alert_msg) {
        html_lit(h, "<p class=\"alert\" role=\"alert\">");
        html_text(h, alert_msg);
        html_lit(h, "</p>");
    }
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "answer") == 0) {
        html_lit(h, "<p class=\"ok\" role=\"status\">");
        html_text(h, web_tr(req, "The answer is saved."));
        html_lit(h, "</p>");
    } else if (ok && strcmp(ok, "submit") == 0) {
        html_lit(h, "<p class=\"ok\" role=\"status\">");
        html_text(h, web_tr(req, "The sheet is submitted."));
        html_lit(h, "</p>");
    } else if (ok && strcmp(ok, "evidence") == 0) {
        page_ok(req, web_tr(req, "The evidence file is attached."));
    }
    if (!mine)
        page_note(req, web_tr(req, "You see this sheet read-only (its respondent answers it)."));
    html_lit(h, "<dl class=\"meta\"><dt>");
    html_text(h, web_tr(req, "Plan"));
    html_lit(h, "</dt><dd>");
    html_textf(h, "%d %s", sh->fiscal_year, sh->title);
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "Round"));
    html_lit(h, "</dt><dd>");
    html_textf(h, "%d", sh->round);
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "Department"));
    html_lit(h, "</dt><dd>");
    html_text(h, sh->dept);
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "Due"));
    html_lit(h, "</dt><dd>");
    html_text(h, sh->due);
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "Status"));
    html_lit(h, "</dt><dd id=\"sheet-status\">");
    html_text(h, status_label(req, sh->status));
    if (!open) {
        html_lit(h, " ");
        html_text(h, sh->submitted_at);
    }
    html_lit(h, "</dd></dl>");
    /* the library lets the respondent, the department's manager and the CISO export */
    if (mine || web_has_role(req, AUTH_ROLE_CISO) ||
        isms_has_role(req->st, req->user.person_id, "manager", sh->dept_id)) {
        html_lit(h, "<p>");
        page_link(req, sheet_href(req, sh->id, "/xlsx"), web_tr(req, "Download as XLSX"));
        html_lit(h, "</p>");
    }
    html_lit(h, "<table class=\"sheet\"><thead><tr><th scope=\"col\">");
    html_text(h, web_tr(req, "Ref"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Measure"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Answer"));
    html_lit(h, "</th></tr></thead><tbody>");
    int step;
    size_t no = 0, unanswered = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *item = store_col_text(s, 0);
        const struct catalog_node *n = catalog_by_id(req->cat, item);
        enum assess_answer a = ASSESS_UNANSWERED;
        const char *ans = store_col_text(s, 2);
        if (*ans && assess_answer_parse(ans, &a) != AG_OK)
            a = ASSESS_UNANSWERED;
        if (a == ASSESS_UNANSWERED)
            unanswered++;
        no++;
        html_lit(h, "<tr");
        html_attr(h, "id", item);
        html_lit(h, "><td><a");
        html_attr(h, "href", arena_printf(&req->arena, "/catalog/%s", n ? n->id : ""));
        html_lit(h, ">");
        html_text(h, n && n->ref[0] ? n->ref : item);
        html_lit(h, "</a></td><td>");
        if (n && *catalog_text_get(n->title, req->lang)) {
            html_lit(h, "<strong>");
            html_text(h, catalog_text_get(n->title, req->lang));
            html_lit(h, "</strong><br>");
        }
        html_text(h, n ? catalog_text_get(n->text, req->lang) : item);
        html_lit(h, "</td><td>");
        if (open) {
            answer_form(req, sh, item, a, store_col_text(s, 3), no);
            evidence_form(req, sh, item, no);
        } else {
            html_text(h, answer_label(req, a));
            if (*store_col_text(s, 3)) {
                html_lit(h, "<br><span class=\"small\">");
                html_text(h, store_col_text(s, 3));
                html_lit(h, "</span>");
            }
        }
        if ((rc = evidence_list(req, sqlite3_column_int64(s, 4)))) {
            sqlite3_finalize(s);
            return rc;
        }
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    html_lit(h, "</tbody></table>");
    if (open) {
        html_lit(h, "<form method=\"post\" class=\"card\"");
        html_attr(h, "action", sheet_href(req, sh->id, "/submit"));
        html_lit(h, "><p>");
        html_textf(h, web_tr(req, "%zu of %zu items answered. A submitted sheet is final."),
                   no - unanswered, no);
        html_lit(h, "</p>");
        page_csrf_field(req);
        html_lit(h, "<button type=\"submit\" class=\"primary\">");
        html_text(h, web_tr(req, "Submit the sheet"));
        html_lit(h, "</button></form>");
    }
    page_end(req);
    return AG_OK;
}

static int page_assess_sheet(struct web_req *req)
{
    struct sheet_row sh;
    bool done;
    int rc = sheet_for_viewer(req, &sh, &done);
    if (rc || done)
        return rc;
    return sheet_page(req, &sh, NULL);
}

/* ---- POST /assess/sheets/{id}/answer and /submit ---- */

/* Runs the library call in one BEGIN IMMEDIATE transaction with the person as the audit actor;
 * then redirects (303) back to the sheet, or shows the sheet with the refusal. */
static int sheet_post(struct web_req *req, bool submit)
{
    struct sheet_row sh;
    struct ag_error err;
    bool done;
    int rc = sheet_for_user(req, &sh, &done);
    if (rc || done)
        return rc;
    ag_error_set_lang(req->lang);
    store_set_actor(req->st, req->user.login);
    rc = store_begin(req->st, &err);
    if (rc == AG_OK) {
        if (submit) {
            rc = assess_sheet_submit(req->st, req->user.person_id, sh.id, &err);
        } else {
            const char *item = web_form_get(&req->form, "item");
            const char *answer = web_form_get(&req->form, "answer");
            const char *comment = web_form_get(&req->form, "comment");
            rc = assess_answer_set(req->st, req->cat, req->user.person_id, sh.id, item ? item : "",
                                   answer ? answer : "", comment, NULL, &err);
        }
        if (rc == AG_OK)
            rc = store_commit(req->st, &err);
        else
            store_rollback(req->st);
    }
    store_set_actor(req->st, "web");
    if (rc == AG_OK)
        return web_redirect(req, sheet_href(req, sh.id, submit ? "?ok=submit" : "?ok=answer"));
    if (rc != AG_EINVAL && rc != AG_EDENIED && rc != AG_ENOTFOUND)
        return rc;
    /* the page as it is now (a refused submit: the sheet may have been submitted meanwhile) */
    int refused = rc;
    if ((rc = sheet_load(req, &sh)))
        return rc;
    strbuf_reset(&req->out.sb);
    req->status = refused == AG_EDENIED && strcmp(sh.status, "submitted") == 0 ? 409 : 400;
    const char *msg = arena_strdup(&req->arena, err.msg);
    return sheet_page(req, &sh, msg ? msg : err.msg);
}

static int page_assess_answer(struct web_req *req)
{
    return sheet_post(req, false);
}

static int page_assess_submit(struct web_req *req)
{
    return sheet_post(req, true);
}

/* ---- POST /assess/sheets/{id}/evidence (multipart/form-data, ROUTE_UPLOAD) ----
 * The server has decoded the body with libmicrohttpd's post processor and checked the session
 * and the CSRF field; here: respondent only (page, then library), an item of the sheet, a
 * non-empty file; assess_answer_attach stores it content-addressed in one transaction. */

struct attach_ctx {
    long long sheet;
    const char *item;
    char sha[65];
};

static int do_attach(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct attach_ctx *c = ctx;
    return assess_answer_attach(req->st, req->cat, req->user.person_id, c->sheet, c->item,
                                strbuf_str(&req->upload.data), req->upload.data.len,
                                req->upload.filename, c->sha, err);
}

static int page_assess_evidence_add(struct web_req *req)
{
    struct sheet_row sh;
    struct ag_error err;
    struct attach_ctx c;
    bool done;
    int rc = sheet_for_user(req, &sh, &done);
    if (rc || done)
        return rc;
    memset(&c, 0, sizeof(c));
    ag_error_clear(&err);
    c.sheet = sh.id;
    c.item = web_form_get(&req->form, "item");
    if (!req->upload.present) {
        ag_error_set_lang(req->lang);
        rc = ag_error_set(&err, AG_EINVAL, "%s", web_tr(req, "Choose a file to attach."));
    } else {
        rc = web_action(req, do_attach, &c, &err);
    }
    if (rc == AG_OK) {
        const char *item = c.item ? arena_printf(&req->arena, "?ok=evidence#%s", c.item) : NULL;
        return web_redirect(req, sheet_href(req, sh.id, item ? item : "?ok=evidence"));
    }
    if (rc != AG_EINVAL && rc != AG_EDENIED && rc != AG_ENOTFOUND)
        return rc;
    int refused = rc;
    if ((rc = sheet_load(req, &sh)))
        return rc;
    strbuf_reset(&req->out.sb);
    req->status = refused == AG_EDENIED && strcmp(sh.status, "submitted") == 0 ? 409
                  : refused == AG_EDENIED                                      ? 403
                                                                               : 400;
    const char *msg = arena_strdup(&req->arena, err.msg);
    return sheet_page(req, &sh, msg ? msg : err.msg);
}

/* ---- GET /assess/sheets/{id}/xlsx ----
 * assess_sheet_export (the CLI's `assess sheet export`) writes the file; it decides who may
 * (respondent, the department's manager, the CISO) and records the export in the audit trail.
 * It writes to a private temporary folder, read back and removed at once. */

struct export_ctx {
    long long sheet;
    const char *path;
};

static int do_export(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct export_ctx *c = ctx;
    return assess_sheet_export(req->st, req->cat, req->user.person_id, c->sheet, c->path, "xlsx",
                               req->lang, err);
}

static int page_assess_xlsx(struct web_req *req)
{
    struct sheet_row sh;
    struct ag_error err;
    bool done;
    int rc = sheet_for_viewer(req, &sh, &done);
    if (rc || done)
        return rc;
    const char *tmp = getenv("TMPDIR");
    char dir[512], path[600];
    snprintf(dir, sizeof(dir), "%s/airguard-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return AG_EIO;
    snprintf(path, sizeof(path), "%s/sheet.xlsx", dir);
    struct export_ctx c = {sh.id, path};
    ag_error_clear(&err);
    rc = web_action(req, do_export, &c, &err);
    char *data = NULL;
    size_t len = 0;
    if (rc == AG_OK)
        rc = ag_file_read(path, (size_t)15 << 20, &data, &len, &err);
    unlink(path);
    rmdir(dir);
    if (rc == AG_EDENIED)
        return web_error(req, 403, "You may not export this self-inspection sheet");
    if (rc) {
        free(data);
        return rc;
    }
    strbuf_reset(&req->out.sb);
    strbuf_add(&req->out.sb, data, len);
    free(data);
    req->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const char *cd = arena_printf(
        &req->arena, "attachment; filename=\"self-inspection-sheet-%lld.xlsx\"", sh.id);
    return cd ? web_header(req, "Content-Disposition", cd) : AG_ENOMEM;
}

/* ---- GET /evidence/{sha256} ----
 * For people who may see a sheet that has the file attached (sheet_visible); everyone else 403
 * — also for an unknown hash, so the answer does not tell whether a file exists. The file is
 * read by its hash (never a client-chosen path), its hash checked again, and sent as
 * application/octet-stream, attachment, with a sanitised name (X-Content-Type-Options: nosniff
 * is on every response). */

static int page_evidence(struct web_req *req)
{
    const char *sha = web_param(req, "sha256");
    if (!sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
        return web_error(req, 404, "Not found");
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT e.filename, x.id FROM evidence e JOIN assess_answer_evidence "
                           "ae ON ae.evidence_id = e.id JOIN assess_answers a ON a.id = "
                           "ae.answer_id JOIN assess_sheets x ON x.id = a.sheet_id WHERE "
                           "e.sha256 = ?1 ORDER BY x.id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, sha, 64, SQLITE_STATIC);
    const char *name = NULL;
    long long sheets[64];
    size_t n = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && n < AG_ARRAY_LEN(sheets)) {
        if (!name)
            name = arena_strdup(&req->arena, store_col_text(s, 0));
        sheets[n++] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    bool allowed = false;
    for (size_t i = 0; i < n && !allowed; i++) {
        struct sheet_row sh;
        if ((rc = sheet_load_id(req, sheets[i], &sh)) == AG_OK)
            allowed = sheet_visible(req, &sh);
        else if (rc != AG_ENOTFOUND)
            return rc;
    }
    if (!allowed)
        return web_error(req, 403, "You may not see this evidence file");
    return web_evidence_send(req, sha, name ? name : "evidence");
}

static const struct route assess_routes[] = {
    {WEB_GET, "/assess/sheets", page_assess_sheets, 0, ROUTE_AUTH},
    {WEB_GET, "/assess/sheets/{id}", page_assess_sheet, 0, ROUTE_AUTH},
    {WEB_POST, "/assess/sheets/{id}/answer", page_assess_answer, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/assess/sheets/{id}/submit", page_assess_submit, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/assess/sheets/{id}/evidence", page_assess_evidence_add, 0,
     ROUTE_AUTH | ROUTE_CSRF | ROUTE_UPLOAD},
    {WEB_GET, "/assess/sheets/{id}/xlsx", page_assess_xlsx, 0, ROUTE_AUTH},
    {WEB_GET, "/evidence/{sha256}", page_evidence, 0, ROUTE_AUTH},
};
static const struct web_nav assess_nav[] = {{"/assess/sheets", "My self-inspection sheets", 0}};
const struct web_module web_module_assess = {
    "assess", assess_routes, AG_ARRAY_LEN(assess_routes), NULL,
    0,        assess_nav,    AG_ARRAY_LEN(assess_nav)};
