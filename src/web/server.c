/*
 * server.c — the HTTP server: libmicrohttpd with an internal thread pool over epoll, limits
 * against slow and greedy clients (guideline 5.1: connections per address, idle timeout, header
 * and body caps), the request pipeline (route, session, CSRF, handler) and the headers every
 * response carries (guideline 5.3: CSP without 'unsafe-inline', X-Frame-Options, nosniff,
 * Referrer-Policy, Cache-Control).
 *
 * Threads: web_serve runs in the main thread and waits for SIGTERM/SIGINT (blocked in every
 * thread, taken with sigwait); libmicrohttpd's worker threads run everything else. Each worker
 * opens its own store connection on its first request (thread-local); all are closed after the
 * daemon stops, which waits for running requests, so a shutdown never cuts a write in half.
 * A request's memory is its arena and its output buffer, released when the response is done.
 */
#include "store/store.h"
#include "web/api_int.h"
#include "web/web_int.h"

#include <arpa/inet.h>
#include "web/dl_mhd.h"
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <strings.h>
#include <sys/socket.h>

#define WEB_ARENA_LIMIT ((size_t)4 << 20)
#define WEB_OUT_LIMIT ((size_t)16 << 20)
#define SESSION_COOKIE "__Host-ag_session"
#define LOGIN_COOKIE "__Host-ag_login"
#define LANG_COOKIE "__Host-ag_lang"

struct web_server {
    const struct web_config *cfg;
    const struct catalog *cat;
    struct auth_policy policy;
    bool tls;
    pthread_mutex_t lock; /* guards stores[] */
    struct store *stores[64];
    size_t nstores;
};

static _Thread_local struct store *tl_store;

struct conn_ctx {
    struct web_req req;
    struct strbuf body;
    bool too_big, responded;
    /* ROUTE_UPLOAD: the multipart body goes through libmicrohttpd's post processor */
    struct MHD_PostProcessor *pp;
    bool upload, upload_bad, upload_counted;
    struct strbuf text; /* the text field being received */
    const char *text_name;
    size_t text_total;
};

/* Uploads being received now (WEB_UPLOADS_AT_ONCE at most: each may hold WEB_UPLOAD_MAX). */
static atomic_int uploads_running;

void web_config_init(struct web_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->listen = "127.0.0.1:8080";
    cfg->threads = 2;
    cfg->per_ip_limit = 16;
    cfg->timeout_s = 15;
    cfg->max_body = 64 * 1024;
}

/* ---- helpers for handlers ---- */

const char *web_tr(const struct web_req *req, const char *key)
{
    return ag_tr(req->lang, key);
}

const char *web_param(const struct web_req *req, const char *name)
{
    for (size_t i = 0; i < req->match.nparams; i++)
        if (strcmp(req->match.names[i], name) == 0)
            return req->match.values[i];
    return NULL;
}

const char *web_query(const struct web_req *req, const char *name)
{
    return web_form_get(&req->query, name);
}

const char *web_cookie(const struct web_req *req, const char *name)
{
    const char *v = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
    return v && web_text_valid(v, strlen(v)) ? v : NULL;
}

int web_header(struct web_req *req, const char *name, const char *value)
{
    if (req->nhdr >= WEB_MAX_HEADERS || strpbrk(value, "\r\n"))
        return AG_EINVAL;
    for (const unsigned char *c = (const unsigned char *)value; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return AG_EINVAL;
    req->hdr_names[req->nhdr] = name;
    req->hdr_values[req->nhdr] = value;
    req->nhdr++;
    return AG_OK;
}

int web_set_cookie(struct web_req *req, const char *name, const char *value, long max_age)
{
    /* __Host- cookies must be Secure; browsers treat http://127.0.0.1 and localhost as secure
     * contexts, so the cookie works on the loopback address too (docs/web.md). */
    char *v;
    if (max_age < 0)
        v = arena_printf(&req->arena, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Strict", name,
                         value);
    else
        v = arena_printf(&req->arena,
                         "%s=%s; Path=/; Max-Age=%ld; Secure; HttpOnly; "
                         "SameSite=Strict",
                         name, value, max_age);
    if (!v || strcspn(value, ";, \t\r\n\"\\") != strlen(value))
        return AG_EINVAL;
    return web_header(req, MHD_HTTP_HEADER_SET_COOKIE, v);
}

int web_redirect(struct web_req *req, const char *location)
{
    req->status = MHD_HTTP_SEE_OTHER;
    if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
        location = "/";
    return web_header(req, MHD_HTTP_HEADER_LOCATION, location);
}

int web_error(struct web_req *req, unsigned status, const char *msg_key)
{
    if (req->api) { /* /api/…: a JSON error (api.c) */
        api_error(req, status, NULL, web_tr(req, msg_key));
        return AG_OK;
    }
    req->status = status;
    strbuf_reset(&req->out.sb);
    page_begin(req, web_tr(req, msg_key));
    html_lit(&req->out, "<h1>");
    html_text(&req->out, web_tr(req, msg_key));
    html_lit(&req->out, "</h1><p><a href=\"/\">");
    html_text(&req->out, web_tr(req, "Back to the start page"));
    html_lit(&req->out, "</a></p>");
    page_end(req);
    return AG_OK;
}

/* ---- store per worker thread ---- */

static struct store *thread_store(struct web_server *srv)
{
    if (tl_store)
        return tl_store;
    struct store *st;
    struct ag_error err;
    if (store_open(&st, srv->cfg->db_path, 0, &err) != AG_OK) {
        fprintf(srv->cfg->log, "airguard serve: %s\n", err.msg);
        return NULL;
    }
    store_set_actor(st, "web");
    pthread_mutex_lock(&srv->lock);
    if (srv->nstores < AG_ARRAY_LEN(srv->stores)) {
        srv->stores[srv->nstores++] = st;
        tl_store = st;
    }
    pthread_mutex_unlock(&srv->lock);
    if (!tl_store)
        store_free(st);
    return tl_store;
}

/* ---- response ---- */

static enum MHD_Result send_response(struct MHD_Connection *c, struct conn_ctx *ctx)
{
    struct web_req *req = &ctx->req;
    struct MHD_Response *r;
    ctx->responded = true;
    if (!strbuf_ok(&req->out.sb)) {
        strbuf_reset(&req->out.sb);
        req->out.sb.failed = false;
        req->static_body = NULL;
        req->status = MHD_HTTP_INTERNAL_SERVER_ERROR;
        req->content_type = "text/plain; charset=utf-8";
        req->nhdr = 0;
        strbuf_adds(&req->out.sb, "500 internal server error\n");
    }
    if (req->static_body) {
        r = MHD_create_response_from_buffer(req->static_len, (void *)req->static_body,
                                            MHD_RESPMEM_PERSISTENT);
    } else {
        size_t len = 0;
        char *body = strbuf_take(&req->out.sb, &len);
        r = MHD_create_response_from_buffer(len, body ? body : (char *)"",
                                            body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
        if (!r)
            free(body);
    }
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                            req->content_type ? req->content_type : "text/html; charset=utf-8");
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self'; object-src 'none'; base-uri 'none'; "
                            "form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            req->no_store ? "no-store" : "public, max-age=3600");
    if (req->tls)
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
    for (size_t i = 0; i < req->nhdr; i++)
        if (MHD_add_response_header(r, req->hdr_names[i], req->hdr_values[i]) != MHD_YES) {
            MHD_destroy_response(r);
            return MHD_NO;
        }
    enum MHD_Result ret = MHD_queue_response(c, req->status ? req->status : MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ret;
}

/* ---- the pipeline ---- */

struct query_ctx {
    struct web_req *req;
    bool bad;
};

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                     size_t key_size, const char *value, size_t value_size)
{
    struct query_ctx *q = cls;
    struct web_form *f = &q->req->query;
    (void)kind;
    if (!value) {
        value = "";
        value_size = 0;
    }
    if (f->count >= WEB_FORM_MAX_FIELDS || !web_text_valid(key, key_size) ||
        !web_text_valid(value, value_size)) {
        q->bad = true;
        return MHD_NO;
    }
    struct web_field *fl = &f->fields[f->count];
    fl->name = arena_strndup(&q->req->arena, key, key_size);
    fl->value = arena_strndup(&q->req->arena, value, value_size);
    fl->value_len = value_size;
    if (!fl->name || !fl->value) {
        q->bad = true;
        return MHD_NO;
    }
    f->count++;
    return MHD_YES;
}

static void client_address(struct MHD_Connection *c, struct web_req *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char host[INET6_ADDRSTRLEN + 8] = "unknown";
    if (ci && ci->client_addr) {
        socklen_t len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                               : sizeof(struct sockaddr_in);
        if (getnameinfo(ci->client_addr, len, host, sizeof(host), NULL, 0, NI_NUMERICHOST) != 0)
            snprintf(host, sizeof(host), "unknown");
    }
    req->address = arena_strdup(&req->arena, host);
    if (!req->address)
        req->address = "unknown";
}

static void choose_lang(struct web_req *req)
{
    enum ag_lang lang;
    const char *q = web_query(req, "lang");
    if (req->api) { /* the API sets no cookie: ?lang=, else Accept-Language, else English */
        const char *al = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
                                                     MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
        req->lang = q && ag_lang_parse(q, &lang) == AG_OK ? lang
                    : al && strncasecmp(al, "ja", 2) == 0 ? AG_LANG_JA
                                                          : AG_LANG_EN;
        return;
    }
    if (q && ag_lang_parse(q, &lang) == AG_OK) {
        req->lang = lang;
        (void)web_set_cookie(req, LANG_COOKIE, ag_lang_code(lang), 365L * 24 * 3600);
        return;
    }
    const char *c = web_cookie(req, LANG_COOKIE);
    req->lang = c && ag_lang_parse(c, &lang) == AG_OK ? lang : AG_LANG_JA;
}

static bool is_form(struct MHD_Connection *c)
{
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    static const char form[] = "application/x-www-form-urlencoded";
    return ct && strncasecmp(ct, form, sizeof(form) - 1) == 0 &&
           (ct[sizeof(form) - 1] == '\0' || ct[sizeof(form) - 1] == ';');
}

static void dispatch(struct MHD_Connection *c, struct conn_ctx *ctx, const char *url,
                     const char *method)
{
    struct web_req *req = &ctx->req;
    struct web_server *srv = req->srv;
    struct ag_error err;
    int rc;
    ag_error_clear(&err);
    struct query_ctx q = {req, false};
    if (MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_query, &q) < 0 || q.bad) {
        web_error(req, MHD_HTTP_BAD_REQUEST, "Bad request: the address is not valid text");
        return;
    }
    choose_lang(req);
    if (!web_text_valid(url, strlen(url))) {
        web_error(req, MHD_HTTP_BAD_REQUEST, "Bad request: the address is not valid text");
        return;
    }
    req->path = url;
    enum web_method m = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ? WEB_GET
                        : strcmp(method, "POST") == 0                             ? WEB_POST
                                                                                  : 0;
    req->method = m;
    size_t nroutes;
    const struct route *routes = web_routes(&nroutes);
    rc = router_match(routes, nroutes, m, url, &req->arena, &req->match);
    if (rc == AG_ENOTFOUND) {
        web_error(req, MHD_HTTP_NOT_FOUND, "Not found");
        return;
    }
    if (rc == AG_EDENIED) {
        const char *allow = router_allow_text(req->match.allow);
        web_error(req, MHD_HTTP_METHOD_NOT_ALLOWED, "Method not allowed");
        (void)web_header(req, MHD_HTTP_HEADER_ALLOW, allow);
        return;
    }
    const struct route *rt = req->match.route;
    if (rt->flags & ROUTE_PUBLIC) {
        req->no_store = false;
        if (rt->handler(req) != AG_OK && !req->status)
            web_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "Internal error");
        return;
    }
    if (!(req->st = thread_store(srv))) {
        web_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "The store cannot be opened");
        return;
    }
    if (rt->flags & ROUTE_TOKEN) { /* JSON API: bearer token, no session, no form (api.c) */
        req->body = strbuf_str(&ctx->body);
        req->body_len = ctx->body.len;
        api_dispatch(req);
        return;
    }
    req->session_token = web_cookie(req, SESSION_COOKIE);
    if (req->session_token) {
        rc = auth_session_get(req->st, req->policy, req->session_token, &req->user, &err);
        req->has_user = rc == AG_OK;
        if (rc == AG_EDENIED) /* unknown or expired: drop the cookie */
            (void)web_set_cookie(req, SESSION_COOKIE, "", 0);
        else if (rc) {
            fprintf(srv->cfg->log, "airguard serve: %s\n", err.msg);
            web_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "Internal error");
            return;
        }
    }
    bool full = req->has_user && req->user.stage == AUTH_STAGE_FULL;
    if ((rt->flags & ROUTE_AUTH) && !full) {
        if (m == WEB_GET)
            web_redirect(req, "/login");
        else
            web_error(req, MHD_HTTP_FORBIDDEN, "Sign in first");
        return;
    }
    if ((rt->flags & ROUTE_PARTIAL) && (!req->has_user || full)) {
        web_redirect(req, full ? "/" : "/login");
        return;
    }
    if (rt->roles && !(req->user.roles & rt->roles)) {
        web_error(req, MHD_HTTP_FORBIDDEN, "Your roles do not allow this page");
        return;
    }
    if (m == WEB_POST && ctx->upload) {
        if (ctx->upload_bad) {
            web_error(req, MHD_HTTP_BAD_REQUEST, "Bad request: the form is not valid text");
            return;
        }
        const char *token = web_form_get(&req->form, "csrf");
        if (!(rt->flags & ROUTE_CSRF) || !req->has_user || !token ||
            !auth_token_equal(token, req->user.csrf)) {
            web_error(req, MHD_HTTP_FORBIDDEN,
                      "The form has expired or did not come from this site; reload the page");
            return;
        }
    } else if (m == WEB_POST) {
        if (!is_form(c)) {
            web_error(req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                      "Unsupported media type: send a form (application/x-www-form-urlencoded)");
            return;
        }
        if (web_form_parse(&req->arena, strbuf_str(&ctx->body), ctx->body.len, &req->form, &err) !=
            AG_OK) {
            web_error(req, MHD_HTTP_BAD_REQUEST, "Bad request: the form is not valid text");
            return;
        }
        const char *token = web_form_get(&req->form, "csrf");
        bool csrf_ok = true;
        if (rt->flags & ROUTE_CSRF)
            csrf_ok = req->has_user && token && auth_token_equal(token, req->user.csrf);
        if (rt->flags & ROUTE_PRECSRF) {
            const char *cookie = web_cookie(req, LOGIN_COOKIE);
            csrf_ok = token && cookie && strlen(cookie) == AUTH_TOKEN_HEX &&
                      auth_token_equal(token, cookie);
        }
        if (!csrf_ok) {
            web_error(req, MHD_HTTP_FORBIDDEN,
                      "The form has expired or did not come from this site; reload the page");
            return;
        }
    }
    /* A GET handler only reads: one read transaction gives it one snapshot of the store (the
     * dashboard's figures agree with each other) and takes SQLite's file locks once per request
     * instead of once per statement. POST handlers open their own write transaction. */
    bool read_tx = m == WEB_GET && store_read_begin(req->st, &err) == AG_OK;
    if (rt->handler(req) != AG_OK && !req->status)
        web_error(req, MHD_HTTP_INTERNAL_SERVER_ERROR, "Internal error");
    if (read_tx)
        store_read_end(req->st);
}

/* ---- uploads (ROUTE_UPLOAD) ----
 * The body is decoded by libmicrohttpd's post processor (MHD_create_post_processor), never by
 * our own multipart parser: the file part goes into req->upload.data (capped), the text fields
 * into req->form (validated as text, capped). Nothing is stored here; dispatch then checks the
 * session, the roles and the CSRF field like for any POST before the handler runs. */

static void upload_text_finish(struct conn_ctx *ctx)
{
    struct web_req *req = &ctx->req;
    struct web_form *f = &req->form;
    if (!ctx->text_name)
        return;
    if (f->count >= WEB_FORM_MAX_FIELDS || !strbuf_ok(&ctx->text) ||
        !web_text_valid(strbuf_str(&ctx->text), ctx->text.len)) {
        ctx->upload_bad = true;
    } else {
        struct web_field *fl = &f->fields[f->count];
        fl->name = ctx->text_name;
        fl->value = arena_strndup(&req->arena, strbuf_str(&ctx->text), ctx->text.len);
        fl->value_len = ctx->text.len;
        if (fl->value)
            f->count++;
        else
            ctx->upload_bad = true;
    }
    ctx->text_name = NULL;
    strbuf_reset(&ctx->text);
}

static enum MHD_Result upload_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *filename, const char *content_type,
                                    const char *transfer_encoding, const char *data, uint64_t off,
                                    size_t size)
{
    struct conn_ctx *ctx = cls;
    struct web_req *req = &ctx->req;
    struct web_upload *up = &req->upload;
    (void)kind, (void)content_type, (void)transfer_encoding;
    if (!key || !web_text_valid(key, strlen(key))) {
        ctx->upload_bad = true;
        return MHD_NO;
    }
    if (filename) { /* the file part: one only */
        if (off == 0 && up->field) {
            ctx->upload_bad = true;
            return MHD_NO;
        }
        if (!up->field) {
            upload_text_finish(ctx);
            up->field = arena_strdup(&req->arena, key);
            up->filename = arena_strdup(&req->arena, filename);
            if (!up->field || !up->filename) {
                ctx->upload_bad = true;
                return MHD_NO;
            }
        }
        if (up->data.len + size > WEB_UPLOAD_MAX) {
            ctx->too_big = true;
            return MHD_NO;
        }
        strbuf_add(&up->data, data, size);
        up->present = up->data.len > 0;
        return MHD_YES;
    }
    if (off == 0) { /* a new text field */
        upload_text_finish(ctx);
        ctx->text_name = arena_strdup(&req->arena, key);
        if (!ctx->text_name) {
            ctx->upload_bad = true;
            return MHD_NO;
        }
    }
    ctx->text_total += size;
    if (ctx->text_total > WEB_UPLOAD_TEXT_MAX) {
        ctx->too_big = true;
        return MHD_NO;
    }
    strbuf_add(&ctx->text, data, size);
    return MHD_YES;
}

/* First call of a POST: when the route takes an upload, admit it (multipart, a signed-in
 * session — a stranger's 10 MiB is refused before it is read —, a free upload slot) and set up
 * the post processor. Returns false when an answer was written (then send it). */
static bool upload_begin(struct MHD_Connection *c, struct conn_ctx *ctx, const char *url,
                         unsigned long long content_length, bool has_length)
{
    struct web_req *req = &ctx->req;
    struct route_match m;
    size_t nroutes;
    const struct route *routes = web_routes(&nroutes);
    if (!web_text_valid(url, strlen(url)) ||
        router_match(routes, nroutes, WEB_POST, url, &req->arena, &m) != AG_OK ||
        !(m.route->flags & ROUTE_UPLOAD))
        return true;
    ctx->upload = true;
    static const char mp[] = "multipart/form-data";
    const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ct || strncasecmp(ct, mp, sizeof(mp) - 1) != 0) {
        web_error(req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
                  "Unsupported media type: send the file as multipart/form-data");
        return false;
    }
    if (has_length && content_length > WEB_UPLOAD_MAX + WEB_UPLOAD_TEXT_MAX) {
        web_error(req, MHD_HTTP_CONTENT_TOO_LARGE, "The file is too large (at most 10 MiB)");
        return false;
    }
    struct auth_user u;
    struct ag_error err;
    const char *tok = web_cookie(req, SESSION_COOKIE);
    struct store *st = thread_store(req->srv);
    if (!st || !tok || auth_session_get(st, req->policy, tok, &u, &err) != AG_OK ||
        u.stage != AUTH_STAGE_FULL) {
        web_error(req, MHD_HTTP_FORBIDDEN, "Sign in first");
        return false;
    }
    if (atomic_fetch_add(&uploads_running, 1) >= WEB_UPLOADS_AT_ONCE) {
        atomic_fetch_sub(&uploads_running, 1);
        web_error(req, MHD_HTTP_SERVICE_UNAVAILABLE, "Too many uploads at once; try again shortly");
        (void)web_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "5");
        return false;
    }
    ctx->upload_counted = true;
    strbuf_init(&req->upload.data, WEB_UPLOAD_MAX + 1);
    strbuf_init(&ctx->text, WEB_UPLOAD_TEXT_MAX + 1);
    ctx->pp = MHD_create_post_processor(c, 16 * 1024, upload_field, ctx);
    if (!ctx->pp) {
        web_error(req, MHD_HTTP_BAD_REQUEST, "Bad request: the form is not valid text");
        return false;
    }
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    struct web_server *srv = cls;
    struct conn_ctx *ctx = *con_cls;
    (void)version;
    if (!ctx) {
        ctx = calloc(1, sizeof(*ctx));
        if (!ctx)
            return MHD_NO;
        *con_cls = ctx;
        struct web_req *req = &ctx->req;
        arena_init(&req->arena, WEB_ARENA_LIMIT);
        html_init(&req->out, WEB_OUT_LIMIT);
        strbuf_init(&ctx->body, srv->cfg->max_body + 1);
        req->srv = srv;
        req->cat = srv->cat;
        req->policy = &srv->policy;
        req->conn = c;
        req->tls = srv->tls;
        req->no_store = true;
        req->api = strncmp(url, "/api/", 5) == 0 || strcmp(url, "/api") == 0;
        req->lang = req->api ? AG_LANG_EN : AG_LANG_JA;
        client_address(c, req);
        const char *cl =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        unsigned long long n = 0;
        char *end = NULL;
        if (cl)
            n = strtoull(cl, &end, 10);
        if (strcmp(method, "POST") == 0 && !upload_begin(c, ctx, url, n, cl && !*end))
            return send_response(c, ctx);
        if (cl && !ctx->upload) {
            if (*end || n > srv->cfg->max_body) {
                web_error(req, MHD_HTTP_CONTENT_TOO_LARGE, "The request is too large");
                return send_response(c, ctx);
            }
        }
        return MHD_YES;
    }
    if (ctx->responded) { /* an early answer was queued; discard the rest of the body */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size && ctx->upload) {
        if (!ctx->too_big && !ctx->upload_bad &&
            MHD_post_process(ctx->pp, upload_data, *upload_size) != MHD_YES && !ctx->too_big)
            ctx->upload_bad = true;
        *upload_size = 0;
        return MHD_YES;
    }
    if (ctx->upload) {
        if (MHD_destroy_post_processor(ctx->pp) != MHD_YES && !ctx->too_big)
            ctx->upload_bad = true;
        ctx->pp = NULL;
        upload_text_finish(ctx);
        if (!ctx->too_big && !strbuf_ok(&ctx->req.upload.data))
            ctx->too_big = true;
    }
    if (*upload_size) {
        if (ctx->body.len + *upload_size > srv->cfg->max_body)
            ctx->too_big = true;
        else
            strbuf_add(&ctx->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    if (ctx->too_big && ctx->upload)
        web_error(&ctx->req, MHD_HTTP_CONTENT_TOO_LARGE, "The file is too large (at most 10 MiB)");
    else if (ctx->too_big || !strbuf_ok(&ctx->body))
        web_error(&ctx->req, MHD_HTTP_CONTENT_TOO_LARGE, "The request is too large");
    else
        dispatch(c, ctx, url, method);
    return send_response(c, ctx);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct conn_ctx *ctx = *con_cls;
    (void)cls, (void)c, (void)toe;
    if (!ctx)
        return;
    if (ctx->pp)
        MHD_destroy_post_processor(ctx->pp);
    if (ctx->upload_counted)
        atomic_fetch_sub(&uploads_running, 1);
    strbuf_release(&ctx->req.upload.data);
    strbuf_release(&ctx->text);
    html_release(&ctx->req.out);
    arena_release(&ctx->req.arena);
    strbuf_release(&ctx->body);
    free(ctx);
    *con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap) AG_PRINTF(2, 0);
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    FILE *f = cls;
    fputs("airguard serve: ", f);
    vfprintf(f, fmt, ap);
}

/* ---- listening address ---- */

static int parse_listen(const char *s, struct sockaddr_storage *ss, bool *loopback,
                        struct ag_error *err)
{
    char host[64];
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= sizeof(host))
        return ag_error_set(err, AG_EINVAL,
                            "--listen: \"%s\" is not ADDRESS:PORT (e.g. 127.0.0.1:8080)", s);
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535)
        return ag_error_set(err, AG_EINVAL, "--listen: \"%s\" is not a port from 0 to 65535",
                            colon + 1);
    memset(ss, 0, sizeof(*ss));
    size_t hl = strlen(host);
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        host[hl - 1] = '\0';
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
            return ag_error_set(err, AG_EINVAL, "--listen: \"%s\" is not an IP address", s);
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *loopback = IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr);
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
        if (inet_pton(AF_INET, host, &a4->sin_addr) != 1)
            return ag_error_set(err, AG_EINVAL, "--listen: \"%s\" is not an IP address", s);
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *loopback = (ntohl(a4->sin_addr.s_addr) >> 24) == 127;
    }
    return AG_OK;
}

int web_listen_check(const char *s, struct ag_error *err)
{
    struct sockaddr_storage ss;
    bool loopback;
    return parse_listen(s, &ss, &loopback, err);
}

int web_serve(const struct web_config *cfg_in, const struct catalog *cat, struct ag_error *err)
{
    struct web_config cfg = *cfg_in;
    struct web_server srv;
    struct sockaddr_storage ss;
    bool loopback = false;
    char *cert = NULL, *key = NULL;
    struct MHD_Daemon *d = NULL;
    sigset_t set, old;
    int rc;
    if (!cfg.log)
        cfg.log = stderr;
    if (cfg.threads < 1 || cfg.threads > 4)
        cfg.threads = 2;
    if (!cfg.per_ip_limit)
        cfg.per_ip_limit = 16;
    if (!cfg.timeout_s)
        cfg.timeout_s = 15;
    if (!cfg.max_body)
        cfg.max_body = 64 * 1024;
    memset(&srv, 0, sizeof(srv));
    srv.cfg = &cfg;
    srv.cat = cat;
    pthread_mutex_init(&srv.lock, NULL);
    if ((rc = parse_listen(cfg.listen, &ss, &loopback, err)) || (rc = auth_init(err)) ||
        (rc = ag_dynlib_load(&ag_mhd_lib, err)))
        goto out;
    auth_mail_set_log(cfg.log);
    bool tls = cfg.tls_cert || cfg.tls_key;
    if (tls && !(cfg.tls_cert && cfg.tls_key)) {
        rc = ag_error_set(err, AG_EINVAL, "TLS needs both a certificate and a key (--cert, --key)");
        goto out;
    }
    if (!tls && !loopback) {
        rc = ag_error_set(err, AG_EINVAL,
                          "--listen %s: plain HTTP is allowed only on a loopback address "
                          "(127.0.0.1, ::1); give a certificate and key for HTTPS",
                          cfg.listen);
        goto out;
    }
    {
        /* the store must exist and be migrated before anyone connects */
        struct store *st;
        int version;
        if ((rc = store_open(&st, cfg.db_path, 0, err)))
            goto out;
        if (store_schema_version(st, &version) != AG_OK || version != store_schema_latest()) {
            rc = ag_error_set(err, AG_EINVAL,
                              "%s: the store has schema version %d, this program needs %d; run: "
                              "airguard db migrate",
                              cfg.db_path, version, store_schema_latest());
            store_free(st);
            goto out;
        }
        rc = auth_policy_load(st, &srv.policy, err);
        /* accounts unused for auth.disable_after_days are disabled at start (3.2.2.1(1)④) */
        size_t disabled = 0;
        int days = 0;
        if (rc == AG_OK && (rc = auth_unused_days(st, &days, err)) == AG_OK) {
            store_set_actor(st, "system");
            rc = auth_unused_sweep(st, NULL, NULL, &disabled, err);
        }
        if (rc == AG_OK && disabled) {
            fprintf(cfg.log, /* English, like the other lines of the server's log */
                    "airguard serve: disabled %zu account(s) not used for more than %d days\n",
                    disabled, days);
            fflush(cfg.log);
        }
        store_free(st);
        if (rc)
            goto out;
    }
    if (tls) {
        size_t len;
        if ((rc = ag_file_read(cfg.tls_cert, 1 << 20, &cert, &len, err)) ||
            (rc = ag_file_read(cfg.tls_key, 1 << 20, &key, &len, err)))
            goto out;
        srv.tls = true;
    }
    /* signals are taken by this thread only: block them before the workers start */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL_LINUX_ONLY | MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (tls)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls_opts[] = {
        {tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
        {tls ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key},
        {MHD_OPTION_END, 0, NULL},
    };
    d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, cfg.log,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned int)cfg.threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned int)256,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)cfg.per_ip_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg.timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, NULL, MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
    if (!d) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        rc = ag_error_set(err, AG_EIO, "cannot listen on %s (in use, or not allowed)", cfg.listen);
        goto out;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : 0;
    char host[64];
    snprintf(host, sizeof(host), "%.*s", (int)(strrchr(cfg.listen, ':') - cfg.listen), cfg.listen);
    fprintf(cfg.log, "listening on %s://%s:%u/\n", tls ? "https" : "http", host, port);
    fflush(cfg.log);
    int sig = 0;
    while (sigwait(&set, &sig) != 0)
        ;
    fprintf(cfg.log, "airguard serve: signal %d, stopping\n", sig);
    fflush(cfg.log);
    MHD_stop_daemon(d);   /* joins the workers: running requests finish first */
    auth_mail_shutdown(); /* the sign-in notices already queued are sent (5 s each at most) */
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    rc = AG_OK;
out:
    for (size_t i = 0; i < srv.nstores; i++)
        store_free(srv.stores[i]);
    pthread_mutex_destroy(&srv.lock);
    if (key) {
        memset(key, 0, strlen(key));
        free(key);
    }
    free(cert);
    return rc;
}
