/*
 * pages_workbook.c — the self-inspection workbook (自己点検ワークブック, issue 7 item 3) on the
 * web: the card on the campaign page (GET /campaigns/{id}), the download
 * GET /campaigns/{id}/workbook.xlsx[?dept=CODE][&round=N] and the upload of a filled workbook
 * POST /campaigns/{id}/workbook (multipart/form-data, ROUTE_UPLOAD).
 *
 * Both go through the library functions of `airguard assess workbook` and `assess import
 * FILE.xlsx` (assess_workbook_write, assess_workbook_import) in web_action: one transaction, the
 * person's login as the audit trail's actor ("export" / "import" of the plan).
 *
 * Who may (docs/isms.md, "Self-inspection workbook"):
 *   - download: the CISO and the auditors any department or all of them; an information security
 *     manager the departments they manage (an organisation-wide manager all); others 403;
 *   - upload: the library's rule (may_import): the CISO any workbook, a manager only one whose
 *     department sheets are all theirs. The workbook must be of this page's plan. Any error —
 *     validation (sheet, row, column), permission, another plan — stores nothing: the library
 *     validates the whole file before writing and web_action rolls back.
 * The files live in a private temporary folder (mkdtemp) that is removed before the response.
 */
#include "isms/assess.h"
#include "store/store.h"
#include "web/web_int.h"
#include "web/workbook.h"

#include <sys/stat.h>
#include <unistd.h>

#define WORKBOOK_GET_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_AUDITOR | AUTH_ROLE_MANAGER)
#define WORKBOOK_PUT_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_MANAGER)
#define WORKBOOK_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Whether the signed-in person sees every department: CISO, auditor, organisation-wide manager. */
static int sees_all(struct web_req *req, bool *all)
{
    *all = web_has_role(req, AUTH_ROLE_CISO | AUTH_ROLE_AUDITOR);
    if (*all)
        return AG_OK;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT count(*) FROM person_roles WHERE person_id = ?1 AND role = "
                           "'manager' AND department_id IS NULL",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    rc = sqlite3_step(s) == SQLITE_ROW ? AG_OK : AG_EIO;
    *all = rc == AG_OK && sqlite3_column_int64(s, 0) > 0;
    sqlite3_finalize(s);
    return rc;
}

/* Whether the signed-in person manages the department with this code. */
static int manages(struct web_req *req, const char *code, bool *yes)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT count(*) FROM person_roles r JOIN departments d ON d.id = "
                           "r.department_id WHERE r.person_id = ?1 AND r.role = 'manager' AND "
                           "d.code = ?2",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s) == SQLITE_ROW ? AG_OK : AG_EIO;
    *yes = rc == AG_OK && sqlite3_column_int64(s, 0) > 0;
    sqlite3_finalize(s);
    return rc;
}

/* A library message without the leading "<temporary path>: " (the user never chose that path). */
static const char *without_path(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ')
        return msg + n + 2;
    return msg;
}

/* A private temporary folder with `name` in it: dir and path filled, AG_EIO if it fails. */
static int temp_path(char *dir, size_t dirlen, char *path, size_t pathlen, const char *name)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, dirlen, "%s/airguard-wb-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return AG_EIO;
    snprintf(path, pathlen, "%s/%s", dir, name);
    return AG_OK;
}

/* The refusal page: status, the heading, the (escaped) message and a link back to the plan. */
static int refusal_page(struct web_req *req, long long plan, unsigned status, const char *msg)
{
    req->status = status;
    strbuf_reset(&req->out.sb);
    const char *title = web_tr(req, "workbook: Self-inspection workbook (XLSX)");
    page_begin(req, title);
    page_h1(req, title);
    page_alert(req, msg);
    html_lit(&req->out, "<p>");
    const char *back = arena_printf(&req->arena, "/campaigns/%lld", plan);
    page_link(req, back ? back : "/campaigns", web_tr(req, "workbook: Back to the plan"));
    html_lit(&req->out, "</p>");
    page_end(req);
    return AG_OK;
}

/* ---- the card on the campaign page ---- */

int workbook_card(struct web_req *req, long long plan)
{
    struct html *h = &req->out;
    bool all;
    int rc;
    if (!web_has_role(req, WORKBOOK_GET_ROLES))
        return AG_OK;
    if ((rc = sees_all(req, &all)))
        return rc;
    html_lit(h, "<section class=\"card\" id=\"workbook\"><h2>");
    html_text(h, web_tr(req, "workbook: Self-inspection workbook (XLSX)"));
    html_lit(h, "</h2>");
    page_note(req, web_tr(req, "workbook: One sheet per department and a summary sheet (集計) "
                               "with the formulas of 実施率, to hand to staff and import back."));
    html_lit(h, "<ul>");
    if (all) {
        html_lit(h, "<li>");
        const char *href = arena_printf(&req->arena, "/campaigns/%lld/workbook.xlsx", plan);
        page_link(req, href ? href : "/campaigns",
                  web_tr(req, "workbook: Download the workbook (all departments)"));
        html_lit(h, "</li>");
    }
    struct ag_error err;
    sqlite3_stmt *s;
    if ((rc = store_prepare(req->st, &s,
                            "SELECT d.code FROM assess_plan_depts pd JOIN departments d ON d.id = "
                            "pd.department_id WHERE pd.plan_id = ?1 AND (?2 OR EXISTS (SELECT 1 "
                            "FROM person_roles r WHERE r.person_id = ?3 AND r.role = 'manager' "
                            "AND r.department_id = d.id)) ORDER BY d.id",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int(s, 2, all);
    sqlite3_bind_int64(s, 3, req->user.person_id);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *code = store_col_text(s, 0);
        const char *href =
            arena_printf(&req->arena, "/campaigns/%lld/workbook.xlsx?dept=%s", plan, code);
        const char *label =
            arena_printf(&req->arena, web_tr(req, "workbook: Download the workbook of %s"), code);
        html_lit(h, "<li>");
        page_link(req, href ? href : "/campaigns", label ? label : code);
        html_lit(h, "</li>");
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    html_lit(h, "</ul>");
    if (web_has_role(req, WORKBOOK_PUT_ROLES)) {
        html_lit(h, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"workbook\"");
        const char *action = arena_printf(&req->arena, "/campaigns/%lld/workbook", plan);
        html_attr(h, "action", action ? action : "/campaigns");
        html_lit(h, ">");
        page_csrf_field(req);
        html_lit(h, "<div class=\"field\"><label for=\"wbfile\">");
        html_text(h, web_tr(req, "workbook: Filled-in workbook (.xlsx, at most 10 MiB)"));
        html_lit(h, "</label><input type=\"file\" name=\"file\" id=\"wbfile\" required "
                    "accept=\".xlsx\"></div><button type=\"submit\">");
        html_text(h, web_tr(req, "workbook: Import the answers"));
        html_lit(h, "</button></form>");
    }
    html_lit(h, "</section>");
    return AG_OK;
}

/* ---- GET /campaigns/{id}/workbook.xlsx[?dept=CODE][&round=N] ---- */

struct write_ctx {
    long long plan;
    int round;
    const char *dept, *path;
};

static int do_write(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct write_ctx *c = ctx;
    struct assess_workbook_stats ws;
    return assess_workbook_write(req->st, req->cat, c->plan, c->round, c->dept, c->path, req->lang,
                                 &ws, err);
}

static int page_workbook_get(struct web_req *req)
{
    struct write_ctx c = {0};
    if (!web_param_id(req, "id", &c.plan))
        return web_error(req, 404, "workbook: No such self-inspection plan");
    c.dept = web_query(req, "dept");
    if (c.dept && (!*c.dept || strlen(c.dept) > 64))
        return refusal_page(req, c.plan, 400, web_tr(req, "workbook: dept: not a department code"));
    const char *round = web_query(req, "round");
    if (round) {
        size_t n = strlen(round);
        int r = n >= 1 && n <= 2 && strspn(round, "0123456789") == n
                    ? (n == 2 ? (round[0] - '0') * 10 + (round[1] - '0') : round[0] - '0')
                    : 0;
        if (r < 1 || r > 12)
            return refusal_page(req, c.plan, 400,
                                web_tr(req, "workbook: round: a number from 1 to 12"));
        c.round = r;
    }
    bool all, own = false;
    int rc = sees_all(req, &all);
    if (!rc && !all && c.dept)
        rc = manages(req, c.dept, &own);
    if (rc)
        return rc;
    if (!all && !own)
        return refusal_page(req, c.plan, 403,
                            web_tr(req, "workbook: You may download the workbook of the "
                                        "departments you manage only (?dept=CODE)"));
    char dir[512], path[600];
    if (temp_path(dir, sizeof(dir), path, sizeof(path), "workbook.xlsx"))
        return AG_EIO;
    c.path = path;
    struct ag_error err;
    ag_error_clear(&err);
    rc = web_action(req, do_write, &c, &err);
    char *data = NULL;
    size_t len = 0;
    if (rc == AG_OK)
        rc = ag_file_read(path, (size_t)64 << 20, &data, &len, &err);
    unlink(path);
    rmdir(dir);
    if (rc) {
        free(data);
        unsigned status = web_refusal_status(rc);
        if (status == 500)
            return rc;
        const char *msg = arena_strdup(&req->arena, without_path(err.msg, path));
        return refusal_page(req, c.plan, status, msg ? msg : err.msg);
    }
    strbuf_reset(&req->out.sb);
    strbuf_add(&req->out.sb, data, len);
    free(data);
    req->content_type = WORKBOOK_TYPE;
    const char *cd;
    if (c.dept) {
        /* the code only as far as it is a safe file-name character */
        char safe[65];
        size_t i = 0;
        for (; c.dept[i] && i + 1 < sizeof(safe); i++)
            safe[i] = (c.dept[i] >= 'a' && c.dept[i] <= 'z') ||
                              (c.dept[i] >= 'A' && c.dept[i] <= 'Z') ||
                              (c.dept[i] >= '0' && c.dept[i] <= '9') || c.dept[i] == '-'
                          ? c.dept[i]
                          : '_';
        safe[i] = '\0';
        cd = arena_printf(&req->arena,
                          "attachment; filename=\"self-inspection-workbook-%lld-%s.xlsx\"", c.plan,
                          safe);
    } else {
        cd = arena_printf(&req->arena,
                          "attachment; filename=\"self-inspection-workbook-%lld.xlsx\"", c.plan);
    }
    return cd ? web_header(req, "Content-Disposition", cd) : AG_ENOMEM;
}

/* ---- POST /campaigns/{id}/workbook (multipart/form-data, ROUTE_UPLOAD) ---- */

struct import_ctx {
    long long plan;
    const char *path;
    int count;
};

static int do_import(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct import_ctx *c = ctx;
    struct assess_workbook_stats ws;
    int rc = assess_workbook_import(req->st, req->cat, req->user.person_id, c->path, &ws, &c->count,
                                    err);
    /* a workbook of another plan: refused, and web_action rolls its answers back */
    if (rc == AG_OK && ws.plan != c->plan)
        rc = ag_error_set(err, AG_EINVAL,
                          "the workbook is of self-inspection plan %lld, not of plan %lld: "
                          "import it on the page of plan %lld; nothing was imported",
                          ws.plan, c->plan, ws.plan);
    return rc;
}

static int page_workbook_post(struct web_req *req)
{
    struct import_ctx c = {0};
    if (!web_param_id(req, "id", &c.plan))
        return web_error(req, 404, "workbook: No such self-inspection plan");
    if (!req->upload.present || req->upload.data.len == 0)
        return refusal_page(req, c.plan, 400,
                            web_tr(req, "workbook: Choose the filled-in workbook (.xlsx)."));
    char dir[512], path[600];
    if (temp_path(dir, sizeof(dir), path, sizeof(path), "upload.xlsx"))
        return AG_EIO;
    struct ag_error err;
    ag_error_clear(&err);
    int rc = ag_file_write_atomic(path, strbuf_str(&req->upload.data), req->upload.data.len, &err);
    if (rc == AG_OK) {
        c.path = path;
        rc = web_action(req, do_import, &c, &err);
    }
    unlink(path);
    rmdir(dir);
    if (rc == AG_OK) {
        const char *to = arena_printf(&req->arena, "/campaigns/%lld?ok=workbook", c.plan);
        return web_redirect(req, to ? to : "/campaigns");
    }
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    const char *msg = arena_strdup(&req->arena, without_path(err.msg, path));
    return refusal_page(req, c.plan, status, msg ? msg : err.msg);
}

static const struct ag_msg workbook_msgs[] = {
    {"workbook: Self-inspection workbook (XLSX)", "自己点検ワークブック（XLSX）",
     "Self-inspection workbook (XLSX)"},
    {"workbook: One sheet per department and a summary sheet (集計) with the formulas of 実施率, "
     "to hand to staff and import back.",
     "部署ごとのシートと実施率の計算式を持つ集計シートからなるブックです。職員に配布し、記入後に"
     "取り込みます。",
     "One sheet per department and a summary sheet (集計) with the formulas of 実施率, to hand to "
     "staff and import back."},
    {"workbook: Download the workbook (all departments)", "ワークブックをダウンロード（全部署）",
     "Download the workbook (all departments)"},
    {"workbook: Download the workbook of %s", "%s のワークブックをダウンロード",
     "Download the workbook of %s"},
    {"workbook: Filled-in workbook (.xlsx, at most 10 MiB)",
     "記入済みのワークブック（.xlsx、10 MiB まで）", "Filled-in workbook (.xlsx, at most 10 MiB)"},
    {"workbook: Import the answers", "回答を取り込む", "Import the answers"},
    {"workbook: Back to the plan", "計画に戻る", "Back to the plan"},
    {"workbook: No such self-inspection plan", "該当する自己点検計画はありません",
     "No such self-inspection plan"},
    {"workbook: dept: not a department code", "dept: 部署コードではありません",
     "dept: not a department code"},
    {"workbook: round: a number from 1 to 12", "round: 1 から 12 の数を指定してください",
     "round: a number from 1 to 12"},
    {"workbook: You may download the workbook of the departments you manage only (?dept=CODE)",
     "ダウンロードできるのは、責任者を務める部署のワークブックだけです（?dept=部署コード）",
     "You may download the workbook of the departments you manage only (?dept=CODE)"},
    {"workbook: Choose the filled-in workbook (.xlsx).",
     "記入済みのワークブック（.xlsx）を選択してください。",
     "Choose the filled-in workbook (.xlsx)."},
    {"the workbook is of self-inspection plan %lld, not of plan %lld: import it on the page of "
     "plan %lld; nothing was imported",
     "このワークブックは自己点検計画 %lld のもので、計画 %lld のものではありません。計画 %lld "
     "のページで取り込んでください。何も取り込んでいません",
     "the workbook is of self-inspection plan %lld, not of plan %lld: import it on the page of "
     "plan %lld; nothing was imported"},
    {"workbook: The answers of the workbook are imported.", "ワークブックの回答を取り込みました。",
     "The answers of the workbook are imported."},
};

static const struct route workbook_routes[] = {
    {WEB_GET, "/campaigns/{id}/workbook.xlsx", page_workbook_get, WORKBOOK_GET_ROLES, ROUTE_AUTH},
    {WEB_POST, "/campaigns/{id}/workbook", page_workbook_post, WORKBOOK_PUT_ROLES,
     ROUTE_AUTH | ROUTE_CSRF | ROUTE_UPLOAD},
};
/* no menu entry: the card on the campaign page leads here */
const struct web_module web_module_workbook = {"workbook",
                                               workbook_routes,
                                               AG_ARRAY_LEN(workbook_routes),
                                               workbook_msgs,
                                               AG_ARRAY_LEN(workbook_msgs),
                                               NULL,
                                               0};
