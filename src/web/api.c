/*
 * api.c — the JSON API's pipeline (guideline 5.3(4)(5)(7), 3.1.5.1(1)): for a ROUTE_TOKEN route
 * the server hands the request here after routing. Steps, each answered with a JSON error:
 *   Authorization: Bearer <token> (no cookies are read, so no CSRF token is needed: a browser
 *   never adds this header by itself)  -> 401 + WWW-Authenticate: Bearer when absent or refused
 *   per-address throttling shared with sign-in                       -> 429 + Retry-After
 *   the route's scope (api_v1.c) and role mask                       -> 403 (insufficient_scope)
 *   POST: Content-Type application/json                              -> 415
 *   the handler (per-object rules, body decoding)                    -> 400/403/404/409
 * Errors are {"error": {"code": "...", "message": "..."}}; codes are stable identifiers, the
 * message is in English unless ?lang=ja or Accept-Language asks for Japanese.
 * Runs in a server worker thread with that thread's store connection.
 */
#include "web/api_int.h"

#include "web/dl_mhd.h"
#include <strings.h>

static const char *code_of(unsigned status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 409:
        return "conflict";
    case 413:
        return "too_large";
    case 415:
        return "unsupported_media_type";
    case 429:
        return "too_many_requests";
    case 503:
        return "unavailable";
    default:
        return "internal";
    }
}

void api_error(struct web_req *req, unsigned status, const char *code, const char *message)
{
    req->status = status;
    req->content_type = "application/json; charset=utf-8";
    req->no_store = true;
    strbuf_reset(&req->out.sb);
    json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", code ? code : code_of(status),
                          "message", message ? message : "");
    char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
    if (s)
        strbuf_adds(&req->out.sb, s);
    else
        strbuf_adds(&req->out.sb, "{\"error\":{\"code\":\"internal\",\"message\":\"\"}}");
    strbuf_addc(&req->out.sb, '\n');
    free(s);
    json_decref(j);
}

/* The credential of "Authorization: Bearer <token>"; NULL when the header is absent or uses
 * another scheme. */
static const char *bearer(struct web_req *req, size_t *n)
{
    const char *h =
        MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    *n = strlen(h);
    while (*n && h[*n - 1] == ' ')
        (*n)--;
    return h;
}

static bool is_json(struct web_req *req)
{
    static const char want[] = "application/json";
    const char *ct =
        MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    size_t n = sizeof(want) - 1;
    return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void api_dispatch(struct web_req *req)
{
    struct ag_error err;
    struct api_principal who;
    bool throttled = false;
    size_t n = 0;
    const struct route *rt = req->match.route;
    ag_error_clear(&err);
    ag_error_set_lang(req->lang);
    const char *tok = bearer(req, &n);
    if (!tok) {
        api_error(req, 401, "unauthorized",
                  web_tr(req, "Send an API token: Authorization: Bearer <token>"));
        (void)web_header(req, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"airguard\"");
        return;
    }
    int rc = api_token_verify(req->st, req->policy, tok, n, req->address, &who, &throttled, &err);
    if (rc == AG_EDENIED && throttled) {
        api_error(req, 429, "too_many_requests", err.msg);
        const char *after = arena_printf(&req->arena, "%d", req->policy->throttle_minutes * 60);
        (void)web_header(req, MHD_HTTP_HEADER_RETRY_AFTER, after ? after : "900");
        return;
    }
    if (rc == AG_EDENIED) {
        api_error(req, 401, "invalid_token", err.msg);
        (void)web_header(req, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                         "Bearer realm=\"airguard\", error=\"invalid_token\"");
        return;
    }
    if (rc) {
        fprintf(stderr, "airguard serve: %s\n", err.msg);
        api_error(req, 500, NULL, web_tr(req, "Internal error"));
        return;
    }
    req->user = who.user;
    req->has_user = true;
    unsigned need;
    if (!api_route_scopes(rt->handler, &need)) {
        api_error(req, 500, NULL, web_tr(req, "Internal error"));
        return;
    }
    if ((who.scopes & need) != need) {
        char text[API_SCOPES_TEXT];
        api_scopes_format(need & ~who.scopes, text);
        const char *msg =
            arena_printf(&req->arena, web_tr(req, "This token lacks the scope %s"), text);
        api_error(req, 403, "insufficient_scope", msg ? msg : text);
        const char *hdr = arena_printf(
            &req->arena, "Bearer realm=\"airguard\", error=\"insufficient_scope\", scope=\"%s\"",
            text);
        if (hdr)
            (void)web_header(req, MHD_HTTP_HEADER_WWW_AUTHENTICATE, hdr);
        return;
    }
    if (rt->roles && !(req->user.roles & rt->roles)) {
        api_error(req, 403, "forbidden", web_tr(req, "Your roles do not allow this request"));
        return;
    }
    if (req->method == WEB_POST && !is_json(req)) {
        api_error(req, 415, "unsupported_media_type",
                  web_tr(req, "Unsupported media type: send JSON (application/json)"));
        return;
    }
    req->token = &who;
    req->content_type = "application/json; charset=utf-8";
    rc = rt->handler(req);
    req->token = NULL;
    if (rc != AG_OK && !req->status)
        api_error(req, 500, NULL, web_tr(req, "Internal error"));
}
