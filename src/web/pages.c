/*
 * pages.c — the route table, the page frame and the pages of signing in and out. Handlers run in a
 * worker thread with the request's arena and store connection; they write HTML only through the
 * builder (html.c). The dashboard is in pages_dashboard.c, the self-inspection pages in
 * pages_assess.c. Sign-in follows docs/web.md: password, then a TOTP code (or TOTP enrolment where
 * it is mandatory), each step with a new session id.
 */
#include "web/account.h"
#include "web/qr.h"
#include "web/web_int.h"

#include "store/store.h"

#include <sodium.h>

#define SESSION_COOKIE "__Host-ag_session"
#define LOGIN_COOKIE "__Host-ag_login"

static int page_login(struct web_req *req);
static int page_login_post(struct web_req *req);
static int page_totp(struct web_req *req);
static int page_totp_post(struct web_req *req);
static int page_enrol(struct web_req *req);
static int page_enrol_post(struct web_req *req);
static int page_logout(struct web_req *req);
int page_dashboard(struct web_req *req);

extern const struct ag_msg web_msgs[];
extern const size_t web_msgs_count;

static const struct route core_routes[] = {
    {WEB_GET, "/", page_dashboard, 0, ROUTE_AUTH},
    {WEB_GET, "/login", page_login, 0, 0},
    {WEB_POST, "/login", page_login_post, 0, ROUTE_PRECSRF},
    {WEB_GET, "/login/totp", page_totp, 0, ROUTE_PARTIAL},
    {WEB_POST, "/login/totp", page_totp_post, 0, ROUTE_PARTIAL | ROUTE_CSRF},
    {WEB_GET, "/login/enrol", page_enrol, 0, ROUTE_PARTIAL},
    {WEB_POST, "/login/enrol", page_enrol_post, 0, ROUTE_PARTIAL | ROUTE_CSRF},
    {WEB_POST, "/logout", page_logout, 0, ROUTE_CSRF},
    {WEB_GET, "/static/{name}", web_static, 0, ROUTE_PUBLIC},
};
static const struct web_nav core_nav[] = {{"/", "Dashboard", 0}};
/* the messages of the frame and sign-in are web_msgs (msgs_web.c), registered with the module */
const struct web_module web_module_core = {"core", core_routes, AG_ARRAY_LEN(core_routes), NULL,
                                           0,      core_nav,    AG_ARRAY_LEN(core_nav)};

/* ---- the frame ---- */

void page_csrf_field(struct web_req *req)
{
    html_lit(&req->out, "<input type=\"hidden\" name=\"csrf\"");
    html_attr(&req->out, "value", req->has_user ? req->user.csrf : "");
    html_lit(&req->out, ">");
}

/* The current path with ?lang=xx, for the language switch. */
static const char *lang_link(struct web_req *req, enum ag_lang to)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    const char *p = req->path ? req->path : "/";
    for (; *p; p++) {
        if (*p == '/') {
            strbuf_addc(&sb, '/');
            continue;
        }
        size_t n = strcspn(p, "/");
        char seg[512];
        snprintf(seg, sizeof(seg), "%.*s", (int)(n < sizeof(seg) ? n : sizeof(seg) - 1), p);
        html_url_component(&sb, seg);
        p += n - 1;
    }
    strbuf_addf(&sb, "?lang=%s", ag_lang_code(to));
    const char *q = web_query(req, "q");
    if (q) {
        strbuf_adds(&sb, "&q=");
        html_url_component(&sb, q);
    }
    char *out = strbuf_ok(&sb) ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return out ? out : "/";
}

void page_begin(struct web_req *req, const char *title)
{
    struct html *h = &req->out;
    enum ag_lang other = req->lang == AG_LANG_JA ? AG_LANG_EN : AG_LANG_JA;
    if (!req->content_type)
        req->content_type = "text/html; charset=utf-8";
    html_lit(h, "<!DOCTYPE html>\n<html");
    html_attr(h, "lang", ag_lang_code(req->lang));
    html_lit(h, "><head><meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>");
    html_text(h, title);
    html_lit(h, " — airguard</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
                "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">"
                "</head>\n<body><a class=\"skip\" href=\"#main\">");
    html_text(h, web_tr(req, "Skip to the content"));
    html_lit(h, "</a><header class=\"site\"><a class=\"brand\" href=\"/\">airguard</a>");
    bool full = req->has_user && req->user.stage == AUTH_STAGE_FULL;
    if (full) {
        html_lit(h, "<nav");
        html_attr(h, "aria-label", web_tr(req, "Main menu"));
        html_lit(h, "><ul>");
        for (size_t m = 0; m < web_module_count; m++) {
            const struct web_module *mod = web_modules[m];
            for (size_t i = 0; i < mod->nnav; i++) {
                if (mod->nav[i].roles && !(req->user.roles & mod->nav[i].roles))
                    continue;
                html_lit(h, "<li>");
                page_link(req, mod->nav[i].path, web_tr(req, mod->nav[i].label));
                html_lit(h, "</li>");
            }
        }
        html_lit(h, "</ul></nav>");
    }
    html_lit(h, "<div class=\"tools\"><a");
    html_attr(h, "href", lang_link(req, other));
    html_attr(h, "lang", ag_lang_code(other));
    html_lit(h, ">");
    html_text(h, other == AG_LANG_EN ? "English" : "日本語");
    html_lit(h, "</a>");
    if (req->has_user) {
        html_lit(h, "<span class=\"user\">");
        html_text(h, req->lang == AG_LANG_EN && *req->user.name_en ? req->user.name_en
                                                                   : req->user.name);
        html_lit(h, "</span><form method=\"post\" action=\"/logout\" class=\"inline\">");
        page_csrf_field(req);
        html_lit(h, "<button type=\"submit\">");
        html_text(h, web_tr(req, "Sign out"));
        html_lit(h, "</button></form>");
    }
    html_lit(h, "</div></header>\n<main id=\"main\">");
}

void page_end(struct web_req *req)
{
    html_lit(&req->out, "</main>\n<footer class=\"site\"><p>");
    html_text(&req->out, web_tr(req, "airguard — MLIT Information Security Safety Guideline for "
                                     "the Airport Sector (2nd edition)"));
    html_lit(&req->out, "</p></footer></body></html>\n");
}

static void alert(struct web_req *req, const char *msg)
{
    html_lit(&req->out, "<p class=\"alert\" role=\"alert\">");
    html_text(&req->out, msg);
    html_lit(&req->out, "</p>");
}

/* <label for=id>label</label><input ...> */
static void field(struct web_req *req, const char *id, const char *label, const char *type,
                  const char *autocomplete, const char *value)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", id);
    html_lit(h, ">");
    html_text(h, label);
    html_lit(h, "</label><input");
    html_attr(h, "id", id);
    html_attr(h, "name", id);
    html_attr(h, "type", type);
    html_attr(h, "autocomplete", autocomplete);
    if (value)
        html_attr(h, "value", value);
    if (strcmp(id, "code") == 0) {
        html_attr(h, "inputmode", "numeric");
        html_attr(h, "pattern", "[0-9]{6}");
        html_attr(h, "maxlength", "6");
    }
    html_lit(h, " required></div>");
}

/* ---- sign in ---- */

static void login_form(struct web_req *req, const char *error, const char *login)
{
    char token[AUTH_TOKEN_HEX + 1];
    const char *have = web_cookie(req, LOGIN_COOKIE);
    if (have && strlen(have) == AUTH_TOKEN_HEX &&
        strspn(have, "0123456789abcdef") == AUTH_TOKEN_HEX)
        snprintf(token, sizeof(token), "%s", have);
    else
        auth_random_token(token);
    (void)web_set_cookie(req, LOGIN_COOKIE, token, 3600);
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "Sign in"));
    html_lit(h, "<h1>");
    html_text(h, web_tr(req, "Sign in"));
    html_lit(h, "</h1>");
    if (error)
        alert(req, error);
    html_lit(h, "<form method=\"post\" action=\"/login\" class=\"card\">"
                "<input type=\"hidden\" name=\"csrf\"");
    html_attr(h, "value", token);
    html_lit(h, ">");
    field(req, "login", web_tr(req, "Login"), "text", "username", login);
    field(req, "password", web_tr(req, "Password"), "password", "current-password", NULL);
    html_lit(h, "<button type=\"submit\" class=\"primary\">");
    html_text(h, web_tr(req, "Sign in"));
    html_lit(h, "</button></form>");
    page_end(req);
}

static int page_login(struct web_req *req)
{
    if (req->has_user)
        return web_redirect(req, account_stage_path(req->user.stage));
    login_form(req, NULL, NULL);
    return AG_OK;
}

static int set_session(struct web_req *req, const char *token)
{
    return web_set_cookie(req, SESSION_COOKIE, token, -1);
}

static int page_login_post(struct web_req *req)
{
    const char *login = web_form_get(&req->form, "login");
    const char *pw = web_form_get(&req->form, "password");
    struct ag_error err;
    char token[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    bool throttled;
    ag_error_set_lang(req->lang);
    if (!login || !pw || !*login || !*pw || strlen(login) > 64 || strlen(pw) > 1024) {
        req->status = 400;
        login_form(req, web_tr(req, "Enter your login and password"), NULL);
        return AG_OK;
    }
    int rc = auth_throttled(req->st, req->policy, req->address, &throttled, &err);
    if (rc)
        return rc;
    if (throttled) {
        req->status = 429;
        (void)web_header(req, "Retry-After", "900");
        login_form(req, web_tr(req, "too many failed logins from this address; try again later"),
                   login);
        return AG_OK;
    }
    rc = auth_login(req->st, req->policy, login, pw, req->address, token, &stage, &err);
    if (rc == AG_EDENIED) {
        req->status = 403;
        login_form(req, err.msg, login);
        return AG_OK;
    }
    if (rc)
        return rc;
    /* the old session (if any) ends: a new id at every login step (no fixation) */
    if (req->session_token && auth_session_end(req->st, req->session_token, &err) != AG_OK)
        return AG_EIO;
    (void)web_set_cookie(req, LOGIN_COOKIE, "", 0);
    sodium_memzero((char *)pw, strlen(pw));
    int r2 = set_session(req, token);
    sodium_memzero(token, sizeof(token));
    if (r2)
        return r2;
    if (stage == AUTH_STAGE_FULL || stage == AUTH_STAGE_PASSWORD)
        account_dispatch_notices(req);
    return web_redirect(req, account_stage_path(stage));
}

static void code_form(struct web_req *req, const char *action, const char *error)
{
    struct html *h = &req->out;
    if (error)
        alert(req, error);
    html_lit(h, "<form method=\"post\" class=\"card\"");
    html_attr(h, "action", action);
    html_lit(h, ">");
    page_csrf_field(req);
    field(req, "code", web_tr(req, "6-digit code from your authenticator app"), "text",
          "one-time-code", NULL);
    html_lit(h, "<button type=\"submit\" class=\"primary\">");
    html_text(h, web_tr(req, "Confirm"));
    html_lit(h, "</button></form>");
}

static void totp_form(struct web_req *req, const char *error)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "Second step: one-time code"));
    html_lit(h, "<h1>");
    html_text(h, web_tr(req, "Second step: one-time code"));
    html_lit(h, "</h1>");
    code_form(req, "/login/totp", error);
    /* a recovery code instead (the authenticator is lost): each code works once */
    html_lit(h, "<details class=\"recovery\"><summary>");
    html_text(h, web_tr(req, "Use a recovery code instead"));
    html_lit(h, "</summary><form method=\"post\" action=\"/login/totp\" class=\"card\">");
    page_csrf_field(req);
    field(req, "recovery", web_tr(req, "Recovery code (xxxx-xxxx-xxxx-xxxx)"), "text", "off", NULL);
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "Sign in with the recovery code"));
    html_lit(h, "</button></form></details>");
    page_end(req);
}

static int page_totp(struct web_req *req)
{
    if (req->user.stage != AUTH_STAGE_TOTP)
        return web_redirect(req, account_stage_path(req->user.stage));
    totp_form(req, NULL);
    return AG_OK;
}

static void enrol_form(struct web_req *req, const char *error)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "Set up the second factor"));
    html_lit(h, "<h1>");
    html_text(h, web_tr(req, "Set up the second factor"));
    html_lit(h, "</h1><p>");
    html_text(h, web_tr(req, "Your role requires a one-time code at every sign-in (guideline "
                             "5.2). Add this key to an authenticator app (TOTP, 30 seconds, 6 "
                             "digits), then enter the code it shows."));
    html_lit(h, "</p><p class=\"secret\"><code>");
    const char *s = req->user.pending_secret;
    for (size_t i = 0; s[i]; i++) {
        if (i && i % 4 == 0)
            html_lit(h, " ");
        html_textn(h, s + i, 1);
    }
    html_lit(h, "</code></p>");
    struct strbuf uri;
    struct ag_error err;
    strbuf_init(&uri, 4096);
    web_otpauth_uri(&uri, req->user.login, s);
    html_lit(h, "<div class=\"qr\">");
    if (!strbuf_ok(&uri) ||
        web_qr_svg(h, strbuf_str(&uri), web_tr(req, "QR code of the key for an authenticator app"),
                   &err) != AG_OK)
        html_text(h, web_tr(req, "The QR code cannot be shown; enter the key by hand."));
    html_lit(h, "</div><p class=\"small uri\">");
    html_text(h, strbuf_str(&uri));
    html_lit(h, "</p>");
    strbuf_release(&uri);
    code_form(req, "/login/enrol", error);
    page_end(req);
}

static int page_enrol(struct web_req *req)
{
    if (req->user.stage != AUTH_STAGE_ENROL)
        return web_redirect(req, account_stage_path(req->user.stage));
    enrol_form(req, NULL);
    return AG_OK;
}

static int second_post(struct web_req *req, enum auth_stage want)
{
    struct ag_error err;
    char token[AUTH_TOKEN_HEX + 1];
    const char *code = web_form_get(&req->form, "code");
    const char *recovery = web_form_get(&req->form, "recovery");
    ag_error_set_lang(req->lang);
    if (req->user.stage != want)
        return web_redirect(req, "/login");
    int rc = want == AUTH_STAGE_TOTP && recovery && !code
                 ? auth_login_recovery(req->st, req->policy, req->session_token, recovery,
                                       req->address, token, &err)
             : want == AUTH_STAGE_TOTP
                 ? auth_login_totp(req->st, req->policy, req->session_token, code ? code : "",
                                   req->address, token, &err)
                 : auth_enrol_totp(req->st, req->policy, req->session_token, code ? code : "",
                                   req->address, token, &err);
    if (rc == AG_EDENIED) {
        req->status = 403;
        if (want == AUTH_STAGE_TOTP)
            totp_form(req, err.msg);
        else
            enrol_form(req, err.msg);
        return AG_OK;
    }
    if (rc)
        return rc;
    if ((rc = set_session(req, token)))
        return rc;
    /* the new session: its stage (full, or password when the password has expired) */
    struct auth_user u;
    rc = auth_session_get(req->st, req->policy, token, &u, &err);
    sodium_memzero(token, sizeof(token));
    if (rc)
        return rc;
    account_dispatch_notices(req);
    if (want == AUTH_STAGE_ENROL) {
        /* enrolled: recovery codes, shown once on this response */
        char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1];
        store_set_actor(req->st, u.login);
        rc = auth_recovery_generate(req->st, u.account_id, codes, &err);
        store_set_actor(req->st, "web");
        if (rc == AG_OK) {
            req->user = u; /* the page frame shows the new session's user and CSRF token */
            req->has_user = true;
            account_codes_page(req, codes, account_stage_path(u.stage));
            sodium_memzero(codes, sizeof(codes));
            return AG_OK;
        }
    }
    return web_redirect(req, account_stage_path(u.stage));
}

static int page_totp_post(struct web_req *req)
{
    return second_post(req, AUTH_STAGE_TOTP);
}

static int page_enrol_post(struct web_req *req)
{
    return second_post(req, AUTH_STAGE_ENROL);
}

static int page_logout(struct web_req *req)
{
    struct ag_error err;
    if (auth_session_end(req->st, req->session_token, &err) != AG_OK)
        return AG_EIO;
    (void)web_set_cookie(req, SESSION_COOKIE, "", 0);
    return web_redirect(req, "/login");
}
