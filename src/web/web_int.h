/*
 * web_int.h — the inside of the web server, for src/web and its unit tests: the per-request
 * arena, the HTML builder, form and query decoding, the router and the request/response pair
 * handlers work with.
 *
 * Threading: a struct web_req lives in one worker thread from the first byte of the request to
 * the end of the response; everything reachable from it is owned by it (its arena) or borrowed
 * read-only from the server (catalog, configuration).
 */
#ifndef AG_WEB_INT_H
#define AG_WEB_INT_H

#include "auth/auth.h"
#include "catalog/catalog.h"
#include "common/common.h"
#include "web/web.h"

/* ---- arena.c: bump allocator, freed as a whole at the end of the request ----
 * Invariants: every block returned is 16-byte aligned and lives until arena_release; a failed
 * allocation returns NULL and leaves the arena usable; total memory never exceeds `limit`. */
struct arena_chunk;
struct arena {
    struct arena_chunk *head;
    size_t used_total; /* bytes handed out, for limits and tests */
    size_t limit;      /* 0 = no limit */
};
void arena_init(struct arena *a, size_t limit);
void arena_release(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
/* Copies n bytes and a terminating NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) AG_PRINTF(2, 3);

/* ---- html.c: the HTML builder; text and attribute values are always escaped ----
 * Markup comes only from string literals (html_lit refuses anything else at compile time) or
 * from html_raw_reviewed, the one function that outputs dynamic markup; its callers are listed
 * in docs/web.md and each must say why its input is safe. */
struct html {
    struct strbuf sb;
};
void html_init(struct html *h, size_t limit);
void html_release(struct html *h);
/* Escapes & < > " ' in s; invalid UTF-8 becomes U+FFFD. */
void html_text(struct html *h, const char *s);
void html_textn(struct html *h, const char *s, size_t n);
/* Formats, then escapes the result. */
void html_textf(struct html *h, const char *fmt, ...) AG_PRINTF(2, 3);
/* Writes ` name="value"` (name must be [a-z-]+; value escaped). URL attributes (href, action,
 * src) accept only values starting with "/" but not "//" (same-origin paths); others are
 * replaced by "#". */
void html_attr(struct html *h, const char *name, const char *value);
void html_lit_(struct html *h, const char *literal);
#define html_lit(h, s) html_lit_((h), "" s "")
/* Dynamic markup, unescaped: `why` documents the reason it is safe (kept for review). */
void html_raw_reviewed(struct html *h, const char *markup, const char *why);
/* Appends s percent-encoded for a URL path segment or query value (unreserved chars kept). */
void html_url_component(struct strbuf *sb, const char *s);

/* ---- form.c: application/x-www-form-urlencoded and query strings ----
 * Decoding is strict: a bad %-escape, invalid UTF-8 (overlong, surrogates, > U+10FFFF), a NUL or
 * another control character than TAB/LF/CR is AG_EINVAL; so are more than WEB_FORM_MAX_FIELDS
 * fields. Names and values are copied into the arena, NUL-terminated. */
#define WEB_FORM_MAX_FIELDS 64
struct web_field {
    const char *name, *value;
    size_t value_len;
};
struct web_form {
    struct web_field fields[WEB_FORM_MAX_FIELDS];
    size_t count;
};
int web_form_parse(struct arena *a, const char *data, size_t len, struct web_form *out,
                   struct ag_error *err) AG_MUST_CHECK;
/* The first value of name, or NULL. */
const char *web_form_get(const struct web_form *f, const char *name);
/* Whether (s, n) is valid UTF-8 without NUL or control characters other than TAB/LF/CR. */
bool web_text_valid(const char *s, size_t n);

/* ---- router.c ---- */
enum web_method { WEB_GET = 1 << 0, WEB_POST = 1 << 1 };
enum route_flags {
    ROUTE_AUTH = 1 << 0,    /* needs a fully authenticated session (else redirect to /login) */
    ROUTE_CSRF = 1 << 1,    /* POST: the session's CSRF token must be in the form */
    ROUTE_PARTIAL = 1 << 2, /* needs a session waiting for its second factor or enrolment */
    ROUTE_PRECSRF = 1 << 3, /* POST without a session (login): double-submit cookie token */
    ROUTE_PUBLIC = 1 << 4,  /* static asset: no session look-up, cacheable */
    ROUTE_TOKEN = 1 << 5,   /* JSON API: bearer token instead of a session (no cookies, no CSRF) */
    ROUTE_UPLOAD = 1 << 8,  /* POST multipart/form-data with one file of up to WEB_UPLOAD_MAX */
};
struct web_req;
#define WEB_MAX_PARAMS 4
struct route {
    enum web_method method;
    const char *pattern; /* "/catalog/{id}": a {name} matches one non-empty segment */
    int (*handler)(struct web_req *req);
    unsigned roles; /* AUTH_ROLE_* bits, any of which suffices; 0 = any signed-in user */
    unsigned flags; /* enum route_flags */
};
struct route_match {
    const struct route *route;
    const char *names[WEB_MAX_PARAMS];
    const char *values[WEB_MAX_PARAMS]; /* in the arena */
    size_t nparams;
    unsigned allow; /* when no route matched the method: the methods the path accepts */
};
/* Finds the route for (method, path). AG_OK with m->route set; AG_ENOTFOUND when no pattern
 * matches the path; AG_EDENIED when patterns match but not the method (m->allow says which). */
int router_match(const struct route *routes, size_t n, enum web_method method, const char *path,
                 struct arena *a, struct route_match *m);
/* "GET, HEAD, POST" for an allow mask (static text). */
const char *router_allow_text(unsigned allow);

/* ---- requests and responses (server.c) ---- */
#define WEB_MAX_HEADERS 8
/* ROUTE_UPLOAD: the largest file, the text fields beside it, uploads running at once. */
#define WEB_UPLOAD_MAX ((size_t)10 << 20)
#define WEB_UPLOAD_TEXT_MAX ((size_t)64 << 10)
#define WEB_UPLOADS_AT_ONCE 4
/* The file of a ROUTE_UPLOAD request, decoded by libmicrohttpd's post processor (server.c); the
 * other fields are in req->form. present is false when the form had no (non-empty) file. */
struct web_upload {
    bool present;
    const char *field, *filename; /* as the client sent them (arena); filename may be "" */
    struct strbuf data;           /* the bytes, at most WEB_UPLOAD_MAX */
};
struct web_server;
struct api_principal;
struct web_req {
    struct arena arena;
    struct web_server *srv;
    struct store *st;          /* this worker thread's connection */
    const struct catalog *cat; /* shared, read-only */
    const struct auth_policy *policy;
    enum web_method method;
    const char *path;
    const char *address; /* client address, text */
    struct route_match match;
    struct web_form query;
    struct web_form form;      /* POST body */
    const char *session_token; /* from the cookie, or NULL */
    struct auth_user user;     /* valid when has_user */
    bool has_user;
    bool tls;
    enum ag_lang lang;
    void *conn; /* struct MHD_Connection *, for cookies */
    /* JSON API (api*.c) */
    bool api;                          /* the path is under /api/: errors are JSON, no cookies */
    const struct api_principal *token; /* ROUTE_TOKEN: the verified bearer token */
    const char *body;                  /* the raw request body (POST), body_len bytes */
    size_t body_len;
    /* response */
    unsigned status;
    const char *content_type;
    struct html out;
    const char *hdr_names[WEB_MAX_HEADERS];
    const char *hdr_values[WEB_MAX_HEADERS];
    size_t nhdr;
    bool no_store;
    const char *static_body; /* static asset: borrowed body instead of out */
    size_t static_len;
    struct web_upload upload; /* ROUTE_UPLOAD only */
};
const char *web_param(const struct web_req *req, const char *name);
const char *web_query(const struct web_req *req, const char *name);
const char *web_cookie(const struct web_req *req, const char *name);
/* Adds a response header; refuses values with CR, LF or NUL (header injection). */
int web_header(struct web_req *req, const char *name, const char *value);
/* Set-Cookie with HttpOnly, SameSite=Strict, Path=/ and Secure; max_age < 0 = session cookie,
 * 0 = delete. */
int web_set_cookie(struct web_req *req, const char *name, const char *value, long max_age);
int web_redirect(struct web_req *req, const char *location);
/* A short error page: status and a translated message. */
int web_error(struct web_req *req, unsigned status, const char *msg_key);
__attribute__((format_arg(2))) const char *web_tr(const struct web_req *req, const char *key);

/* ---- modules (modules.c): each pages_*.c file contributes one ----
 * A module brings its routes, its message table (ja/en) and its entries in the main menu. To add
 * a page family: write pages_<x>.c defining `const struct web_module web_module_<x>` and list it
 * in modules.c — nothing else changes. */
struct web_nav {
    const char *path;  /* same-origin path */
    const char *label; /* message key */
    unsigned roles;    /* AUTH_ROLE_* any of which shows the entry; 0 = every signed-in user */
};
struct web_module {
    const char *name;
    const struct route *routes;
    size_t nroutes;
    const struct ag_msg *msgs; /* may be NULL */
    size_t nmsgs;
    const struct web_nav *nav; /* may be NULL */
    size_t nnav;
};
extern const struct web_module *const web_modules[];
extern const size_t web_module_count;
/* The routes of every module in one table (built once, thread-safe). */
const struct route *web_routes(size_t *n);
#define WEB_MODULE(id, routes_, msgs_, nav_)                                                       \
    const struct web_module web_module_##id = {                                                    \
        #id, routes_, AG_ARRAY_LEN(routes_), msgs_, AG_ARRAY_LEN(msgs_), nav_, AG_ARRAY_LEN(nav_)}

/* ---- pages (pages_*.c) ---- */
/* The page frame: doctype, <html lang>, head, header with navigation; then page_end. */
void page_begin(struct web_req *req, const char *title);
void page_end(struct web_req *req);
/* <input type="hidden" name="csrf" value="…"> for the current session. */
void page_csrf_field(struct web_req *req);

/* ---- kit.c: the pieces every page is built from ----
 * Each writes to req->out through the escaping builder; labels are message keys translated with
 * web_tr unless the name says "text". */
/* The path parameter `name` as a positive decimal id (at most 15 digits); false if malformed. */
bool web_param_id(const struct web_req *req, const char *name, long long *id);
/* The record named by the path's {id}, for a page about one record: load(req, id, obj) reads it
 * (AG_ENOTFOUND if there is none) and may_see(req, obj) says whether the signed-in person may
 * see it. A malformed or unknown id writes the 404 page with the message `missing`, a refusal the
 * 403 page with `forbidden` (message keys); either sets *done (the handler returns rc). */
int web_record_for_user(struct web_req *req, void *obj,
                        int (*load)(struct web_req *req, long long id, void *obj),
                        bool (*may_see)(struct web_req *req, const void *obj), const char *missing,
                        const char *forbidden, bool *done);
/* Whether the signed-in user holds any of the AUTH_ROLE_* bits in mask. */
bool web_has_role(const struct web_req *req, unsigned mask);
/* <h1>title</h1> (title already translated). */
void page_h1(struct web_req *req, const char *title);
/* <p class="alert" role="alert">msg</p> and <p class="ok" role="status">msg</p>. */
void page_alert(struct web_req *req, const char *msg);
void page_ok(struct web_req *req, const char *msg);
/* <p class="small">msg</p>, for the guideline reference under a heading. */
void page_note(struct web_req *req, const char *msg);
/* <table><thead><tr><th scope="col">…</th>…</tr></thead><tbody> with n translated headings;
 * page_table_end closes it, writing `empty` (a message key) as a paragraph when rows == 0. */
void page_table_begin(struct web_req *req, const char *const *heads, size_t n);
void page_table_end(struct web_req *req, size_t rows, const char *empty);
/* <dl class="meta"> … </dl> with page_dl_item(label key, value text) in between. */
void page_dl_begin(struct web_req *req);
void page_dl_item(struct web_req *req, const char *label, const char *value);
void page_dl_end(struct web_req *req);
/* <a href="href">text</a> (href same-origin; text escaped). */
void page_link(struct web_req *req, const char *href, const char *text);
/* <form method="post" action="…" class="card"> with the CSRF field; page_form_end adds the submit
 * button labelled `button` (message key) and closes the form. */
void page_form_begin(struct web_req *req, const char *action);
void page_form_end(struct web_req *req, const char *button);
/* Labelled fields. `type` is an <input> type ("text", "date", "number", "password", …); value
 * may be NULL. */
void page_input(struct web_req *req, const char *name, const char *label, const char *type,
                const char *value, bool required);
void page_textarea(struct web_req *req, const char *name, const char *label, const char *value,
                   bool required);
/* A <select>: values[i] is sent, labels[i] (message keys) shown; cur selected (may be NULL). */
void page_select(struct web_req *req, const char *name, const char *label,
                 const char *const *values, const char *const *labels, size_t n, const char *cur);
/* Runs fn(req, ctx, err) in one BEGIN IMMEDIATE transaction with the signed-in person's login as
 * the audit trail's actor and error messages in the page's language; commits on AG_OK, else rolls
 * back. Library functions that use isms_tx_begin join it, so their checks and writes are atomic
 * (guideline 5.3(12)). */
int web_action(struct web_req *req, int (*fn)(struct web_req *req, void *ctx, struct ag_error *err),
               void *ctx, struct ag_error *err) AG_MUST_CHECK;
/* The HTTP status for a refused action: AG_EINVAL 400, AG_EDENIED 403, AG_ENOTFOUND 404,
 * AG_ECONFLICT 409, anything else 500. */
unsigned web_refusal_status(int rc);
/* Sends the evidence file with the content hash sha (from the store's evidence folder, its hash
 * checked again) as an attachment named `name` (sanitised). The caller has decided that the
 * signed-in person may see it. */
int web_evidence_send(struct web_req *req, const char *sha, const char *name);
/* After web_action refused a step: a refusal of a rule (AG_EDENIED) is recorded in the audit
 * trail ("refused", entity, id, what — fixed texts of the caller) in its own transaction, then
 * page(req, message) is written again with the status of web_refusal_status. An error that is
 * not a refusal (status 500) is returned as it is. */
int web_refused(struct web_req *req, int rc, const struct ag_error *err, const char *entity,
                long long id, const char *what,
                int (*page)(struct web_req *req, const char *alert));

/* ---- static assets (static.c) ---- */
int web_static(struct web_req *req);

#endif
