/*
 * api_v1.c — the endpoints of the JSON API /api/v1 (issue 4 §6; docs/web/api.md and
 * docs/openapi.yaml): who am I, a guideline item, one's own self-inspection sheets and their
 * answers, the risk register, incidents (read, and opened by a sensor or monitor), corrective
 * actions and the dashboard's figures.
 *
 * Authorisation (guideline 3.1.5.1(1)(e), 5.3(5)): a token acts as its person, restricted to
 * its scopes (api_route_scopes below; checked by api_dispatch before the handler). Then:
 *   - self-inspection sheets: the respondent only, whatever their roles (as the pages do);
 *   - risks: holders of an ISMS role (executive, ciso, committee, manager, sysadmin, csirt,
 *     auditor) — the register is the committee's working document (3.1.2.1), not every
 *     取扱者's; a person with no such role gets 403;
 *   - incidents and corrective actions: holders of an ISMS role see every record; anyone else
 *     sees the incidents they reported and the actions they own (a 取扱者 follows up what they
 *     reported or were given, 3.1.2.4(2)②);
 *   - opening an incident: anyone (isms_incident_open: 取扱者 report what they see).
 * Writes run in one BEGIN IMMEDIATE transaction (web_action) with the person's login as the
 * audit trail's actor and an explicit `api` audit row naming the token, so the trail tells a
 * change made through the API from one made on a page. Lists are newest first with cursor
 * pagination: ?limit=1..200 (default 50) and ?after=<id>; "next" is the cursor of the next page
 * or null.
 * SQL: bound parameters only; each row is built by SQLite's json_object and parsed back with
 * jansson, which also checks that it is valid UTF-8 before it is sent.
 */
#include "isms/alert.h"
#include "isms/assess.h"
#include "isms/incident.h"
#include "isms/risk.h"
#include "web/alerts.h"
#include "web/api_int.h"

#include "web/dl_mhd.h"

#define API_LIMIT_DEFAULT 50
#define API_LIMIT_MAX 200
#define ISMS_ROLES                                                                                 \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)

static const char *const incident_statuses[] = {"open", "recovered", "closed", NULL};
static const char *const sheet_statuses[] = {"issued", "submitted", NULL};

/* ---- output ---- */

/* Sends j (consumed) as the response body with status. */
static int send_json(struct web_req *req, unsigned status, json_t *j)
{
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(12)) : NULL;
    json_decref(j);
    if (!s)
        return AG_ENOMEM;
    req->status = status;
    req->content_type = "application/json; charset=utf-8";
    strbuf_reset(&req->out.sb);
    strbuf_adds(&req->out.sb, s);
    strbuf_addc(&req->out.sb, '\n');
    free(s);
    return AG_OK;
}

static int fail(struct web_req *req, unsigned status, const char *code, const char *msg)
{
    api_error(req, status, code, msg);
    return AG_OK;
}

static int fail_key(struct web_req *req, unsigned status, const char *key)
{
    return fail(req, status, NULL, web_tr(req, key));
}

/* A text value; jansson refuses invalid UTF-8, which the store should never hold: such bytes
 * become '?' rather than failing the whole response. */
static json_t *jtext(const char *s)
{
    json_t *j = json_string(s ? s : "");
    if (j || !s)
        return j;
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        c[i] = (unsigned char)s[i] >= 0x80 ? '?' : s[i];
    j = json_string(c);
    free(c);
    return j;
}

static bool isms(const struct web_req *req)
{
    return (req->user.roles & ISMS_ROLES) != 0;
}

static bool in_list(const char *v, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(v, *list) == 0)
            return true;
    return false;
}

/* ---- lists ---- */

struct page {
    long long limit, after;
    const char *filter; /* "" = none */
};

/* ?limit, ?after and the ?status filter (one of statuses; NULL = no filter accepted). Writes a
 * 400 and returns false when one is malformed. */
static bool page_params(struct web_req *req, const char *const *statuses, struct page *pg)
{
    const char *l = web_query(req, "limit"), *a = web_query(req, "after"),
               *st = web_query(req, "status");
    pg->limit = API_LIMIT_DEFAULT;
    pg->after = 0;
    pg->filter = "";
    if (l) {
        size_t n = strlen(l);
        long long v = n && n <= 3 && strspn(l, "0123456789") == n ? strtoll(l, NULL, 10) : 0;
        if (v < 1 || v > API_LIMIT_MAX) {
            fail_key(req, 400, "limit: give a number from 1 to 200");
            return false;
        }
        pg->limit = v;
    }
    if (a) {
        size_t n = strlen(a);
        long long v = n && n <= 15 && strspn(a, "0123456789") == n ? strtoll(a, NULL, 10) : 0;
        if (v < 1) {
            fail_key(req, 400, "after: give the id from \"next\" of the previous page");
            return false;
        }
        pg->after = v;
    }
    if (st) {
        if (!statuses || !in_list(st, statuses)) {
            fail_key(req, 400, "status: not a status of this list");
            return false;
        }
        pg->filter = st;
    }
    return true;
}

/* Runs a list query whose rows are (id, json text) — parameters: ?1 status filter, ?2 after,
 * ?3 limit + 1, ?4 the person, ?5 whether they hold an ISMS role, ?6 today — and answers
 * {"items": [...], "next": id | null}. */
static int send_list(struct web_req *req, const char *sql, const struct page *pg)
{
    struct ag_error err;
    sqlite3_stmt *s;
    char today[11];
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    ag_date_iso(ag_now(), today);
    sqlite3_bind_text(s, 1, pg->filter, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, pg->after);
    sqlite3_bind_int64(s, 3, pg->limit + 1);
    sqlite3_bind_int64(s, 4, req->user.person_id);
    sqlite3_bind_int(s, 5, isms(req));
    sqlite3_bind_text(s, 6, today, -1, SQLITE_TRANSIENT);
    json_t *items = json_array();
    long long last = 0, count = 0;
    bool more = false;
    int step;
    while (items && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (count == pg->limit) {
            more = true;
            break;
        }
        json_t *row = json_loads(store_col_text(s, 1), 0, NULL);
        if (!row || json_array_append_new(items, row)) {
            step = SQLITE_ERROR;
            break;
        }
        last = sqlite3_column_int64(s, 0);
        count++;
    }
    sqlite3_finalize(s);
    if (!items || (!more && step != SQLITE_DONE)) {
        json_decref(items);
        return AG_EIO;
    }
    return send_json(
        req, 200,
        json_pack("{s:o,s:o}", "items", items, "next", more ? json_integer(last) : json_null()));
}

/* One object by a query with ?1 = id whose row is (json text, owner person id). */
static int load_one(struct web_req *req, const char *sql, long long id, json_t **out,
                    long long *owner)
{
    struct ag_error err;
    sqlite3_stmt *s;
    char today[11];
    *out = NULL;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    ag_date_iso(ag_now(), today);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 6, today, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        *out = json_loads(store_col_text(s, 0), 0, NULL);
        *owner = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    if (step == SQLITE_DONE)
        return AG_ENOTFOUND;
    return *out ? AG_OK : AG_EIO;
}

/* ---- GET /api/v1/me ---- */

static int api_me(struct web_req *req)
{
    static const char *const roles[] = {"executive", "ciso",  "committee", "manager",
                                        "sysadmin",  "csirt", "handler",   "auditor"};
    const struct api_principal *t = req->token;
    char scopes[API_SCOPES_TEXT];
    json_t *r = json_array(), *sc = json_array();
    for (size_t i = 0; r && i < AG_ARRAY_LEN(roles); i++)
        if (req->user.roles & auth_role_bit(roles[i]))
            json_array_append_new(r, json_string(roles[i]));
    api_scopes_format(t->scopes, scopes);
    for (char *p = scopes; sc && *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(sc, json_stringn(p, n));
        p += n + (p[n] == ',');
    }
    return send_json(req, 200,
                     json_pack("{s:s,s:o,s:o,s:o,s:b,s:{s:I,s:o,s:o}}", "login", req->user.login,
                               "name", jtext(req->user.name), "name_en", jtext(req->user.name_en),
                               "roles", r, "admin", (req->user.roles & AUTH_ROLE_ADMIN) != 0,
                               "token", "id", (json_int_t)t->token_id, "name", jtext(t->token_name),
                               "scopes", sc));
}

/* ---- GET /api/v1/catalog/{id} ---- */

static json_t *both(struct catalog_text t)
{
    return json_pack("{s:o,s:o}", "ja", jtext(t.ja), "en", jtext(t.en));
}

static json_t *node_brief(const struct catalog_node *n)
{
    return json_pack("{s:s,s:o,s:s,s:o}", "id", n->id, "ref", jtext(n->ref), "kind",
                     catalog_kind_name(n->kind), "title", both(n->title));
}

static int api_catalog_item(struct web_req *req)
{
    const char *id = web_param(req, "id");
    const struct catalog_node *n = id ? catalog_find(req->cat, id) : NULL;
    if (!n)
        return fail_key(req, 404, "No such guideline item");
    json_t *children = json_array(), *roles = json_array(), *see = json_array();
    for (size_t i = 0; children && i < n->nchildren; i++)
        json_array_append_new(children, node_brief(n->children[i]));
    for (size_t i = 0; see && i < n->nsee_also; i++)
        json_array_append_new(see, node_brief(n->see_also[i]));
    for (size_t r = 0; roles && r < catalog_role_count(req->cat) && r < 32; r++)
        if (n->roles & ((uint32_t)1 << r))
            json_array_append_new(roles, json_string(catalog_role_at(req->cat, r)->id));
    json_t *j = json_pack("{s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:b,s:o,s:o,s:o}", "id", n->id, "ref",
                          jtext(n->ref), "kind", catalog_kind_name(n->kind), "title",
                          both(n->title), "text", both(n->text), "note", both(n->note), "parent",
                          n->parent ? json_string(n->parent->id) : json_null(), "assessable",
                          n->assessable, "roles", roles, "children", children, "see_also", see);
    return send_json(req, 200, j);
}

/* ---- self-inspection sheets ---- */

#define SHEET_JSON                                                                                 \
    "json_object('id', s.id, 'plan', json_object('id', p.id, 'fiscal_year', p.fiscal_year, "       \
    "'title', p.title), 'round', s.round, 'department', d.code, 'status', s.status, 'due_date', "  \
    "s.due_date, 'submitted_at', s.submitted_at, 'items', (SELECT count(*) FROM assess_answers a " \
    "WHERE a.sheet_id = s.id), 'answered', (SELECT count(*) FROM assess_answers a WHERE "          \
    "a.sheet_id = s.id AND a.answer IS NOT NULL))"

static int api_sheets(struct web_req *req)
{
    struct page pg;
    if (!page_params(req, sheet_statuses, &pg))
        return AG_OK;
    return send_list(req,
                     "SELECT s.id, " SHEET_JSON " FROM assess_sheets s JOIN assess_plans p ON "
                     "p.id = s.plan_id JOIN departments d ON d.id = s.department_id WHERE "
                     "s.respondent_id = ?4 AND (?1 = '' OR s.status = ?1) AND (?2 = 0 OR s.id < "
                     "?2) ORDER BY s.id DESC LIMIT ?3",
                     &pg);
}

/* The sheet of {id} for its respondent: 404 unknown, 403 someone else's (then *j is NULL and
 * the error is written). */
static int sheet_for_user(struct web_req *req, long long *id, json_t **j)
{
    long long respondent = 0;
    *j = NULL;
    if (!web_param_id(req, "id", id))
        return fail_key(req, 404, "No such self-inspection sheet");
    int rc = load_one(req,
                      "SELECT " SHEET_JSON ", s.respondent_id FROM assess_sheets s JOIN "
                      "assess_plans p ON p.id = s.plan_id JOIN departments d ON d.id = "
                      "s.department_id WHERE s.id = ?1",
                      *id, j, &respondent);
    if (rc == AG_ENOTFOUND)
        return fail_key(req, 404, "No such self-inspection sheet");
    if (rc)
        return rc;
    if (respondent != req->user.person_id) {
        json_decref(*j);
        *j = NULL;
        return fail_key(req, 403, "This self-inspection sheet is not yours");
    }
    return AG_OK;
}

/* Adds "answers": [{item, ref, role, answer, comment, answered_at}] to the sheet object. */
static int sheet_answers(struct web_req *req, long long id, json_t *sheet)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT item_id, json_object('item', item_id, 'role', role, 'answer', "
                           "answer, 'comment', comment, 'answered_at', answered_at) FROM "
                           "assess_answers WHERE sheet_id = ?1 ORDER BY id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    json_t *list = json_array();
    int step;
    while (list && (step = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *a = json_loads(store_col_text(s, 1), 0, NULL);
        const struct catalog_node *n = catalog_by_id(req->cat, store_col_text(s, 0));
        if (!a || json_object_set_new(a, "ref", n ? jtext(n->ref) : json_null()) ||
            json_array_append_new(list, a)) {
            step = SQLITE_ERROR;
            break;
        }
    }
    sqlite3_finalize(s);
    if (!list || step != SQLITE_DONE || json_object_set_new(sheet, "answers", list))
        return AG_EIO;
    return AG_OK;
}

static int api_sheet(struct web_req *req)
{
    long long id;
    json_t *j;
    int rc = sheet_for_user(req, &id, &j);
    if (rc || !j)
        return rc;
    if ((rc = sheet_answers(req, id, j))) {
        json_decref(j);
        return rc;
    }
    return send_json(req, 200, j);
}

/* The explicit audit row of a change made through the API: which token, which request. */
static int audit_api(struct web_req *req, struct ag_error *err)
{
    char id[24];
    snprintf(id, sizeof(id), "%lld", req->token->token_id);
    json_t *d = json_pack("{s:s,s:s}", "method", req->method == WEB_POST ? "POST" : "GET", "path",
                          req->path);
    char *detail = d ? json_dumps(d, JSON_COMPACT) : NULL;
    json_decref(d);
    if (!detail)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    int rc = store_audit(req->st, "api", "api_tokens", id, detail, err);
    free(detail);
    return rc;
}

struct answers_ctx {
    long long sheet;
    const struct api_answers_body *body;
};

static int answers_tx(struct web_req *req, void *vctx, struct ag_error *err)
{
    const struct answers_ctx *c = vctx;
    for (size_t i = 0; i < c->body->n; i++) {
        const struct api_answer *a = &c->body->v[i];
        int rc = assess_answer_set(req->st, req->cat, req->user.person_id, c->sheet, a->item,
                                   a->answer, a->comment, NULL, err);
        if (rc) {
            if (c->body->n > 1) {
                char msg[sizeof(err->msg)];
                snprintf(msg, sizeof(msg), "%s", err->msg);
                ag_error_set(err, rc, "answers[%zu]: %s", i, msg);
            }
            return rc;
        }
    }
    return audit_api(req, err);
}

static int api_sheet_answers(struct web_req *req)
{
    long long id;
    json_t *j, *body = NULL;
    struct api_answers_body ans;
    struct ag_error err;
    char msg[API_MSG_MAX];
    int rc = sheet_for_user(req, &id, &j);
    if (rc || !j)
        return rc;
    json_decref(j);
    if ((rc = api_json_object(req->body, req->body_len, req->lang, &body, msg)) ||
        (rc = api_decode_answers(&req->arena, body, req->lang, &ans, msg))) {
        json_decref(body);
        return fail(req, 400, rc == AG_EINVAL ? "invalid_request" : NULL, msg);
    }
    json_decref(body);
    struct answers_ctx ctx = {id, &ans};
    ag_error_clear(&err);
    rc = web_action(req, answers_tx, &ctx, &err);
    if (rc == AG_EINVAL || rc == AG_EDENIED || rc == AG_ENOTFOUND || rc == AG_ECONFLICT) {
        int refused = rc;
        const char *m = arena_strdup(&req->arena, err.msg);
        /* refused because the sheet was submitted (maybe meanwhile): a conflict, as on the page */
        if ((rc = sheet_for_user(req, &id, &j)) || !j)
            return rc;
        const char *status = json_string_value(json_object_get(j, "status"));
        bool submitted = status && strcmp(status, "submitted") == 0;
        json_decref(j);
        /* an unknown item or a bad answer is bad input (400), whatever code the library used
         * for it; another rule of the library is a refusal (403) */
        unsigned http = submitted ? 409 : refused == AG_EDENIED ? 403 : 400;
        return fail(req, http,
                    http == 409   ? "conflict"
                    : http == 403 ? "forbidden"
                                  : "invalid_request",
                    m ? m : "");
    }
    if (rc)
        return rc;
    if ((rc = sheet_for_user(req, &id, &j)) || !j)
        return rc;
    if ((rc = sheet_answers(req, id, j))) {
        json_decref(j);
        return rc;
    }
    return send_json(req, 200, j);
}

/* ---- risks ---- */

static int api_risks(struct web_req *req)
{
    struct page pg;
    if (!page_params(req, risk_statuses, &pg))
        return AG_OK;
    return send_list(
        req,
        "SELECT r.id, json_object('id', r.id, 'title', r.title, 'status', r.status, 'owner', "
        "o.login, 'system', sy.code, 'hse', json(CASE WHEN r.hse THEN 'true' ELSE 'false' END), "
        "'impact', r.impact, 'likelihood', r.likelihood, 'level', r.level, 'treatment', "
        "r.treatment, 'residual_level', r.residual_level, 'decision_due', r.decision_due, "
        "'review_date', r.review_date, 'identified_at', r.identified_at) FROM risks r JOIN people "
        "o ON o.id = r.owner_id LEFT JOIN systems sy ON sy.id = r.system_id WHERE (?1 = '' OR "
        "r.status = ?1) AND (?2 = 0 OR r.id < ?2) ORDER BY r.id DESC LIMIT ?3",
        &pg);
}

/* ---- incidents ---- */

#define INCIDENT_JSON                                                                              \
    "json_object('id', i.id, 'title', i.title, 'severity', i.severity, 'status', i.status, "       \
    "'occurred_at', i.occurred_at, 'detected_at', i.detected_at, 'detection', i.detection, "       \
    "'reported_by', rp.login, 'department', d.code, 'site', si.code, 'recovered_at', "             \
    "i.recovered_at, 'closed_at', i.closed_at"
#define INCIDENT_FROM                                                                              \
    " FROM incidents i JOIN people rp ON rp.id = i.reported_by LEFT JOIN departments d ON d.id = " \
    "i.department_id LEFT JOIN sites si ON si.id = i.site_id"

static int api_incidents(struct web_req *req)
{
    struct page pg;
    if (!page_params(req, incident_statuses, &pg))
        return AG_OK;
    return send_list(req,
                     "SELECT i.id, " INCIDENT_JSON ")" INCIDENT_FROM
                     " WHERE (?1 = '' OR i.status = ?1) AND (?2 = 0 OR i.id < ?2) AND (?5 OR "
                     "i.reported_by = ?4) ORDER BY i.id DESC LIMIT ?3",
                     &pg);
}

/* The incident id with its description and cause; 404/403 written when not visible. */
static int incident_send(struct web_req *req, long long id, unsigned status)
{
    json_t *j;
    long long reporter = 0;
    int rc = load_one(req,
                      "SELECT " INCIDENT_JSON ", 'description', i.description, 'cause_class', "
                      "i.cause_class), i.reported_by" INCIDENT_FROM " WHERE i.id = ?1",
                      id, &j, &reporter);
    if (rc == AG_ENOTFOUND)
        return fail_key(req, 404, "No such incident");
    if (rc)
        return rc;
    if (!isms(req) && reporter != req->user.person_id) {
        json_decref(j);
        return fail_key(req, 403,
                        "Only the reporter and holders of an ISMS role see this incident");
    }
    return send_json(req, status, j);
}

static int api_incident(struct web_req *req)
{
    long long id;
    if (!web_param_id(req, "id", &id))
        return fail_key(req, 404, "No such incident");
    return incident_send(req, id, 200);
}

struct incident_ctx {
    const struct isms_incident_new *in;
    long long id;
};

static int incident_tx(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct incident_ctx *c = vctx;
    int rc = isms_incident_open(req->st, c->in, req->user.person_id, &c->id, err);
    return rc ? rc : audit_api(req, err);
}

static int api_incident_open(struct web_req *req)
{
    json_t *body = NULL;
    struct api_incident_body b;
    struct ag_error err;
    char msg[API_MSG_MAX];
    int rc;
    if ((rc = api_json_object(req->body, req->body_len, req->lang, &body, msg)) ||
        (rc = api_decode_incident(&req->arena, body, req->lang, &b, msg))) {
        json_decref(body);
        return fail(req, 400, rc == AG_EINVAL ? "invalid_request" : NULL, msg);
    }
    json_decref(body);
    const char *detection = b.detection
                                ? b.detection
                                : arena_printf(&req->arena, "API token %lld (%s)",
                                               req->token->token_id, req->token->token_name);
    struct isms_incident_new in = {b.title,       b.description, b.severity,   b.occurred_at,
                                   b.detected_at, detection,     b.department, b.site};
    struct incident_ctx ctx = {&in, 0};
    ag_error_clear(&err);
    rc = web_action(req, incident_tx, &ctx, &err);
    if (rc == AG_EINVAL || rc == AG_ENOTFOUND) /* a field's value (an unknown code): bad input */
        return fail(req, 400, "invalid_request", arena_strdup(&req->arena, err.msg));
    if (rc == AG_EDENIED || rc == AG_ECONFLICT)
        return fail(req, web_refusal_status(rc), NULL, arena_strdup(&req->arena, err.msg));
    if (rc)
        return rc;
    const char *loc = arena_printf(&req->arena, "/api/v1/incidents/%lld", ctx.id);
    if (loc)
        (void)web_header(req, MHD_HTTP_HEADER_LOCATION, loc);
    return incident_send(req, ctx.id, 201);
}

/* ---- corrective actions ---- */

static int api_actions(struct web_req *req)
{
    struct page pg;
    if (!page_params(req, isms_action_statuses, &pg))
        return AG_OK;
    return send_list(
        req,
        "SELECT a.id, json_object('id', a.id, 'origin', a.origin, 'origin_id', a.origin_id, "
        "'title', a.title, 'owner', o.login, 'department', d.code, 'due_date', a.due_date, "
        "'status', a.status, 'overdue', json(CASE WHEN a.due_date < ?6 AND a.status IN ('open', "
        "'in_progress') THEN 'true' ELSE 'false' END), 'done_at', a.done_at, 'verified_at', "
        "a.verified_at) FROM actions a JOIN people o ON o.id = a.owner_id LEFT JOIN departments "
        "d ON d.id = a.department_id WHERE (?1 = '' OR a.status = ?1) AND (?2 = 0 OR a.id < ?2) "
        "AND (?5 OR a.owner_id = ?4) ORDER BY a.id DESC LIMIT ?3",
        &pg);
}

/* ---- GET /api/v1/summary: the dashboard's figures ---- */

static int count_of(struct web_req *req, const char *sql, long long *out)
{
    struct ag_error err;
    sqlite3_stmt *s;
    char today[11], in30[11];
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    ag_date_iso(ag_now(), today);
    ag_date_add(today, 30, in30);
    sqlite3_bind_text(s, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, in30, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, req->user.person_id);
    int step = sqlite3_step(s);
    *out = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : AG_EIO;
}

static json_t *rate_json(double r)
{
    return r < 0 ? json_null() : json_real((double)(long long)(r * 10 + 0.5) / 10);
}

static int api_summary(struct web_req *req)
{
    long long risks, incidents, exceptions, actions, sheets, plan;
    int rc;
    if ((rc =
             count_of(req, "SELECT count(*) FROM risks WHERE status = 'needs_decision'", &risks)) ||
        (rc = count_of(req, "SELECT count(*) FROM incidents WHERE status <> 'closed'",
                       &incidents)) ||
        (rc = count_of(req,
                       "SELECT count(*) FROM exceptions WHERE status IN ('approved', 'active') "
                       "AND end_date >= ?1 AND end_date <= ?2",
                       &exceptions)) ||
        (rc = count_of(req,
                       "SELECT count(*) FROM actions WHERE due_date < ?1 AND status IN ('open', "
                       "'in_progress')",
                       &actions)) ||
        (rc = count_of(req,
                       "SELECT count(*) FROM assess_sheets WHERE respondent_id = ?3 AND status = "
                       "'issued'",
                       &sheets)) ||
        (rc = count_of(req,
                       "SELECT coalesce((SELECT s.plan_id FROM assess_sheets s JOIN assess_plans "
                       "p ON p.id = s.plan_id ORDER BY p.fiscal_year DESC, p.id DESC LIMIT 1), 0)",
                       &plan)))
        return rc;
    json_t *assess = json_null();
    if (plan) {
        struct assess_report r;
        struct ag_error err;
        ag_error_set_lang(req->lang);
        if ((rc = assess_report_compute(req->st, req->cat, plan, 0, &r, &err)))
            return rc;
        json_t *prev = r.prev_plan ? json_pack("{s:I,s:i,s:o}", "plan", (json_int_t)r.prev_plan,
                                               "round", r.prev_round, "rate",
                                               rate_json(assess_tally_rate(&r.prev_total)))
                                   : json_null();
        assess = json_pack("{s:I,s:i,s:i,s:i,s:o,s:o}", "plan", (json_int_t)r.plan, "round",
                           r.round, "sheets", r.sheets, "submitted", r.submitted, "rate",
                           rate_json(assess_tally_rate(&r.total)), "previous", prev);
        assess_report_release(&r);
    }
    return send_json(req, 200,
                     json_pack("{s:o,s:I,s:I,s:I,s:I,s:I}", "assess", assess,
                               "risks_needing_decision", (json_int_t)risks, "incidents_open",
                               (json_int_t)incidents, "exceptions_ending_30_days",
                               (json_int_t)exceptions, "actions_overdue", (json_int_t)actions,
                               "my_sheets_open", (json_int_t)sheets));
}

/* ---- GET /api/v1/alerts (logwatch's alerts; who: alerts.h, as on the pages) ---- */

static int api_alerts(struct web_req *req)
{
    struct page pg;
    struct ag_error err;
    if (!page_params(req, isms_alert_statuses, &pg))
        return AG_OK;
    struct isms_alert_filter f = {.category = web_query(req, "category"),
                                  .level = web_query(req, "level"),
                                  .status = pg.filter,
                                  .src_ip = web_query(req, "address"),
                                  .user = web_query(req, "user"),
                                  .since = web_query(req, "since"),
                                  .item = web_query(req, "item"),
                                  .after = pg.after,
                                  .limit = pg.limit};
    json_t *items;
    long long next;
    ag_error_set_lang(req->lang);
    int rc = isms_alert_query(req->st, &f, &items, &next, &err);
    if (rc == AG_EINVAL)
        return fail(req, 400, NULL, err.msg);
    if (rc)
        return rc;
    return send_json(
        req, 200,
        json_pack("{s:o,s:o}", "items", items, "next", next ? json_integer(next) : json_null()));
}

/* ---- routes ---- */

static const struct route api_routes[] = {
    {WEB_GET, "/api/v1/me", api_me, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/catalog/{id}", api_catalog_item, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/assess/sheets", api_sheets, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/assess/sheets/{id}", api_sheet, 0, ROUTE_TOKEN},
    {WEB_POST, "/api/v1/assess/sheets/{id}/answers", api_sheet_answers, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/risks", api_risks, ISMS_ROLES, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/incidents", api_incidents, 0, ROUTE_TOKEN},
    {WEB_POST, "/api/v1/incidents", api_incident_open, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/incidents/{id}", api_incident, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/actions", api_actions, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/summary", api_summary, 0, ROUTE_TOKEN},
    {WEB_GET, "/api/v1/alerts", api_alerts, ALERT_VIEW_ROLES, ROUTE_TOKEN},
};

static const struct {
    int (*handler)(struct web_req *);
    unsigned scopes;
} route_scopes[] = {
    {api_me, 0},
    {api_catalog_item, API_SCOPE_READ},
    {api_sheets, API_SCOPE_READ},
    {api_sheet, API_SCOPE_READ},
    {api_sheet_answers, API_SCOPE_ASSESS},
    {api_risks, API_SCOPE_READ},
    {api_incidents, API_SCOPE_READ},
    {api_incident_open, API_SCOPE_INCIDENT},
    {api_incident, API_SCOPE_READ},
    {api_actions, API_SCOPE_READ},
    {api_summary, API_SCOPE_READ},
    {api_alerts, API_SCOPE_READ},
};

bool api_route_scopes(int (*handler)(struct web_req *), unsigned *scopes)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(route_scopes); i++)
        if (route_scopes[i].handler == handler) {
            *scopes = route_scopes[i].scopes;
            return true;
        }
    return false;
}

/* The texts of the API, its tokens (api_token.c) and `airguard token` (cmd_token.c). */
static const struct ag_msg api_msgs[] = {
    /* api.c */
    {"Send an API token: Authorization: Bearer <token>",
     "API トークンを送ってください: Authorization: Bearer <トークン>",
     "Send an API token: Authorization: Bearer <token>"},
    {"This token lacks the scope %s", "このトークンにはスコープ %s がありません",
     "This token lacks the scope %s"},
    {"Your roles do not allow this request", "あなたの役割ではこの要求は許可されません",
     "Your roles do not allow this request"},
    {"Unsupported media type: send JSON (application/json)",
     "対応していないメディアタイプです。JSON（application/json）で送ってください",
     "Unsupported media type: send JSON (application/json)"},
    /* api_json.c */
    {"The request body is empty: send a JSON object",
     "要求の本文が空です。JSON オブジェクトを送ってください",
     "The request body is empty: send a JSON object"},
    {"The body is not valid JSON (line %d, column %d): %s",
     "本文が正しい JSON ではありません（%d 行 %d 桁）: %s",
     "The body is not valid JSON (line %d, column %d): %s"},
    {"The body must be a JSON object", "本文は JSON オブジェクトでなければなりません",
     "The body must be a JSON object"},
    {"%s%.60s: unknown field", "%s%.60s: 不明な項目です", "%s%.60s: unknown field"},
    {"%s%s: must be a string", "%s%s: 文字列でなければなりません", "%s%s: must be a string"},
    {"%s%s: too long (at most %zu bytes)", "%s%s: 長すぎます（%zu バイトまで）",
     "%s%s: too long (at most %zu bytes)"},
    {"%s%s: control characters are not allowed", "%s%s: 制御文字は使えません",
     "%s%s: control characters are not allowed"},
    {"%s%s: required", "%s%s: 必須です", "%s%s: required"},
    {"answers: must be an array of 1 to %d objects",
     "answers: 1～%d 個のオブジェクトの配列でなければなりません",
     "answers: must be an array of 1 to %d objects"},
    {"answers[%zu]: must be an object", "answers[%zu]: オブジェクトでなければなりません",
     "answers[%zu]: must be an object"},
    {"answers[%zu]: %s", "answers[%zu]: %s", "answers[%zu]: %s"},
    /* api_v1.c */
    {"limit: give a number from 1 to 200", "limit: 1～200 の数を指定してください",
     "limit: give a number from 1 to 200"},
    {"after: give the id from \"next\" of the previous page",
     "after: 前のページの \"next\" の id を指定してください",
     "after: give the id from \"next\" of the previous page"},
    {"status: not a status of this list", "status: この一覧の状態ではありません",
     "status: not a status of this list"},
    {"No such incident", "該当するインシデントはありません", "No such incident"},
    {"Only the reporter and holders of an ISMS role see this incident",
     "このインシデントを見られるのは報告者と ISMS の役割を持つ人だけです",
     "Only the reporter and holders of an ISMS role see this incident"},
    {"API token %lld (%s)", "API トークン %lld（%s）", "API token %lld (%s)"},
    /* api_token.c */
    {"--scope: give at least one of read, assess, incident",
     "--scope: read、assess、incident のうち少なくとも一つを指定してください",
     "--scope: give at least one of read, assess, incident"},
    {"--scope: \"%.*s\" is not one of: read, assess, incident",
     "--scope: \"%.*s\" は read、assess、incident のいずれでもありません",
     "--scope: \"%.*s\" is not one of: read, assess, incident"},
    {"--scope: \"%.*s\" is given twice", "--scope: \"%.*s\" が二度指定されています",
     "--scope: \"%.*s\" is given twice"},
    {"--name: give 1 to 100 characters of text on one line",
     "--name: 1 行で 1～100 文字の名前を指定してください",
     "--name: give 1 to 100 characters of text on one line"},
    {"--expires: \"%s\" is not a date (YYYY-MM-DD)",
     "--expires: \"%s\" は日付（YYYY-MM-DD）ではありません",
     "--expires: \"%s\" is not a date (YYYY-MM-DD)"},
    {"--expires: %s is in the past", "--expires: %s は過去の日付です",
     "--expires: %s is in the past"},
    {"no account with login \"%s\" (create it first: airguard user add)",
     "ログイン \"%s\" のアカウントはありません（先に airguard user add で作成）",
     "no account with login \"%s\" (create it first: airguard user add)"},
    {"no API token with id %lld", "id %lld の API トークンはありません",
     "no API token with id %lld"},
    {"API token %lld is already revoked", "API トークン %lld は既に失効しています",
     "API token %lld is already revoked"},
    {"too many failed attempts from this address; try again later",
     "このアドレスからの失敗が多すぎます。しばらくしてから再試行してください",
     "too many failed attempts from this address; try again later"},
    {"the token is not valid", "トークンが正しくありません", "the token is not valid"},
    {"the token has been revoked", "トークンは失効しています", "the token has been revoked"},
    {"the token has expired", "トークンの有効期限が切れています", "the token has expired"},
    {"the token's account is locked or disabled",
     "トークンのアカウントがロックされているか無効です",
     "the token's account is locked or disabled"},
    /* cmd_token.c */
    {"Bearer tokens of the JSON API: add, list, revoke",
     "JSON API のベアラートークン: 発行・一覧・失効",
     "Bearer tokens of the JSON API: add, list, revoke"},
    {"created API token %lld for %s (%s); it is shown only now:\n",
     "API トークン %lld を %s に発行しました（スコープ %s）。表示は今回限りです:\n",
     "created API token %lld for %s (%s); it is shown only now:\n"},
    {"token: \"%s\" is not a token id", "token: \"%s\" はトークンの id ではありません",
     "token: \"%s\" is not a token id"},
    {"API token %lld revoked\n", "API トークン %lld を失効させました\n",
     "API token %lld revoked\n"},
    {"token-usage",
     "使い方:\n"
     "  airguard token add LOGIN --name NAME --scope read,assess,incident [--expires YYYY-MM-DD]\n"
     "                              API トークンを発行（トークンは標準出力に一度だけ表示）\n"
     "  airguard token list [LOGIN] トークンの一覧（名前・スコープ・最終使用・状態）\n"
     "  airguard token revoke ID    トークンを失効させる\n"
     "スコープ: read（参照）、assess（自己点検の回答）、incident（インシデントの報告）\n",
     "usage:\n"
     "  airguard token add LOGIN --name NAME --scope read,assess,incident [--expires YYYY-MM-DD]\n"
     "                              issue an API token (printed once on standard output)\n"
     "  airguard token list [LOGIN] the tokens (name, scopes, last use, state)\n"
     "  airguard token revoke ID    revoke a token\n"
     "scopes: read (read-only), assess (answer self-inspection), incident (report incidents)\n"},
};

/* No menu entry: the API is for programs. */
const struct web_module web_module_api = {
    "api", api_routes, AG_ARRAY_LEN(api_routes), api_msgs, AG_ARRAY_LEN(api_msgs), NULL, 0};
