/*
 * pages_account.c — My account (guideline 3.1.5.1(1)(a)(c)(e), 3.1.5.1(2)(e), 3.2.2.1④, 5.2):
 * the signed-in person's name and roles, the password change (current password required; the
 * policy and the password history apply; every other session ends), the second factor (TOTP
 * enrolment by QR code, recovery codes shown once), notices of sign-ins from new addresses,
 * and the full login history. Also the forced change of an expired password (/login/password),
 * which a session in the 'password' stage must pass before any other page (server-side: such a
 * session is not "full", so every ROUTE_AUTH route refuses it).
 *
 * Who may do what: every page acts only on the signed-in person's own account (the account id
 * comes from the session, never from the request); a notice id in a URL is checked against the
 * account by the library (another person's notice is 404). No role is needed: every person
 * manages their own credentials (3.1.5.1(1)(a)② 取扱者の責任).
 */
#include "web/account.h"
#include "web/qr.h"
#include "web/web_int.h"

#include "store/store.h"

#include <sodium.h>

#define SESSION_COOKIE "__Host-ag_session"
#define HISTORY_PAGE 50

/* ---- shared with pages.c and the dashboard ---- */

const char *account_stage_path(enum auth_stage stage)
{
    switch (stage) {
    case AUTH_STAGE_FULL:
        return "/";
    case AUTH_STAGE_TOTP:
        return "/login/totp";
    case AUTH_STAGE_ENROL:
        return "/login/enrol";
    case AUTH_STAGE_PASSWORD:
        return "/login/password";
    }
    return "/login";
}

void account_codes_page(struct web_req *req, char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                        const char *next)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "account: Recovery codes"));
    page_h1(req, web_tr(req, "account: Recovery codes"));
    page_ok(req, web_tr(req, "Write these codes down or print them, and keep them apart from your "
                             "authenticator. Each code signs you in once instead of a one-time "
                             "code. They are shown only now; new codes replace them."));
    html_lit(h, "<ol class=\"codes\">");
    for (int i = 0; i < AUTH_RECOVERY_CODES; i++) {
        html_lit(h, "<li><code>");
        html_text(h, codes[i]);
        html_lit(h, "</code></li>");
    }
    html_lit(h, "</ol><p>");
    page_link(req, next, web_tr(req, "account: Continue"));
    html_lit(h, "</p>");
    page_end(req);
}

int account_notices_section(struct web_req *req)
{
    struct auth_notice n[20];
    size_t count;
    struct ag_error err;
    int rc = auth_notices(req->st, req->user.account_id, n, AG_ARRAY_LEN(n), &count, &err);
    if (rc || count == 0)
        return rc;
    struct html *h = &req->out;
    html_lit(h, "<section class=\"card notices\" role=\"status\"><h2>");
    html_text(h, web_tr(req, "Sign-ins from new addresses"));
    html_lit(h, "</h2><p>");
    html_text(h, web_tr(req, "Your account was signed in to from an address it had not been used "
                             "from before. If this was not you, change your password now and "
                             "tell the system administrator."));
    html_lit(h, "</p><ul>");
    for (size_t i = 0; i < count; i++) {
        html_lit(h, "<li><span class=\"when\">");
        html_text(h, n[i].at);
        html_lit(h, "</span> <span class=\"addr\">");
        html_text(h, n[i].address);
        html_lit(h, "</span> <form method=\"post\" class=\"inline\"");
        char *action = arena_printf(&req->arena, "/account/notices/%lld/dismiss", n[i].id);
        html_attr(h, "action", action ? action : "/account");
        html_lit(h, ">");
        page_csrf_field(req);
        html_lit(h, "<input type=\"hidden\" name=\"back\"");
        html_attr(h, "value", strcmp(req->path, "/") == 0 ? "/" : "/account");
        html_lit(h, "><button type=\"submit\">");
        html_text(h, web_tr(req, "account: Dismiss"));
        html_lit(h, "</button></form></li>");
    }
    html_lit(h, "</ul></section>");
    return AG_OK;
}

void account_dispatch_notices(struct web_req *req)
{
    struct ag_error err;
    if (auth_notice_dispatch(req->st, &err) != AG_OK)
        fprintf(stderr, "airguard serve: sign-in notices: %s\n", err.msg);
}

/* ---- helpers ---- */

static const char *role_name(struct web_req *req, const char *id)
{
    for (size_t i = 0; i < catalog_role_count(req->cat); i++) {
        const struct catalog_role *r = catalog_role_at(req->cat, i);
        if (strcmp(r->id, id) == 0)
            return catalog_text_get(r->name, req->lang);
    }
    return web_tr(req, id);
}

static const char *roles_text(struct web_req *req)
{
    static const char *const roles[] = {"executive", "ciso",  "committee", "manager",
                                        "sysadmin",  "csirt", "handler",   "auditor"};
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    for (size_t i = 0; i < AG_ARRAY_LEN(roles); i++)
        if (req->user.roles & auth_role_bit(roles[i])) {
            if (sb.len)
                strbuf_adds(&sb, "、");
            strbuf_adds(&sb, role_name(req, roles[i]));
        }
    if (req->user.roles & AUTH_ROLE_ADMIN) {
        if (sb.len)
            strbuf_adds(&sb, "、");
        strbuf_adds(&sb, web_tr(req, "administrator of airguard"));
    }
    char *out = strbuf_ok(&sb) && sb.len ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return out ? out : web_tr(req, "none");
}

static const char *event_text(struct web_req *req, const struct auth_login_event *e)
{
    if (e->success)
        return strcmp(e->factor, "recovery") == 0 ? web_tr(req, "signed in with a recovery code")
                                                  : web_tr(req, "signed in");
    if (strcmp(e->reason, "locked") == 0)
        return web_tr(req, "refused: account locked");
    if (strcmp(e->reason, "totp") == 0)
        return strcmp(e->factor, "recovery") == 0 ? web_tr(req, "refused: wrong recovery code")
                                                  : web_tr(req, "refused: wrong one-time code");
    return web_tr(req, "refused: wrong password");
}

static void history_table(struct web_req *req, const struct auth_login_event *ev, size_t n)
{
    static const char *const heads[] = {"Time (UTC)", "Address", "Result"};
    struct html *h = &req->out;
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr><td>");
        html_text(h, ev[i].at);
        html_lit(h, "</td><td>");
        html_text(h, ev[i].address);
        if (ev[i].success)
            html_lit(h, "</td><td class=\"ok\">");
        else
            html_lit(h, "</td><td class=\"bad\">");
        html_text(h, event_text(req, &ev[i]));
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, n, "account: No sign-ins yet.");
}

static void password_fields(struct web_req *req)
{
    struct html *h = &req->out;
    html_lit(h, "<p class=\"small\">");
    html_textf(h,
               web_tr(req, "At least %d characters using %d of: lower case, upper case, "
                           "digits, others; not your login; not one of your last %d "
                           "passwords."),
               req->policy->min_length, req->policy->min_classes,
               req->policy->history > 0 ? req->policy->history : 1);
    html_lit(h, "</p>");
    page_input(req, "current", "account: Current password", "password", NULL, true);
    page_input(req, "new", "account: New password", "password", NULL, true);
    page_input(req, "confirm", "account: New password again", "password", NULL, true);
}

/* Reads and checks the three password fields; NULL with req->status 400 and *msg set. */
static const char *new_password(struct web_req *req, const char **current, const char **msg)
{
    *current = web_form_get(&req->form, "current");
    const char *pw = web_form_get(&req->form, "new");
    const char *again = web_form_get(&req->form, "confirm");
    if (!*current || !pw || !again || !**current || !*pw) {
        *msg = web_tr(req, "Enter your current password and the new one twice");
        return NULL;
    }
    if (strlen(pw) > 1024 || strlen(*current) > 1024) {
        char *m = arena_printf(&req->arena, web_tr(req, "password: longer than %d bytes"), 1024);
        *msg = m ? m : "";
        return NULL;
    }
    if (strcmp(pw, again) != 0) {
        *msg = web_tr(req, "The two new passwords differ");
        return NULL;
    }
    return pw;
}

static void wipe_form(struct web_req *req)
{
    for (size_t i = 0; i < req->form.count; i++)
        if (strcmp(req->form.fields[i].name, "csrf") != 0)
            sodium_memzero((char *)req->form.fields[i].value, req->form.fields[i].value_len);
}

/* ---- GET /account ---- */

static int account_page(struct web_req *req, const char *error)
{
    struct html *h = &req->out;
    struct auth_account_info info;
    struct auth_login_event ev[10];
    size_t nev;
    struct ag_error err;
    int rc;
    if ((rc = auth_account_info(req->st, req->policy, req->user.account_id, &info, &err)) ||
        (rc = auth_history(req->st, req->user.account_id, ev, AG_ARRAY_LEN(ev), &nev, &err)))
        return rc;
    page_begin(req, web_tr(req, "account: My account"));
    page_h1(req, web_tr(req, "account: My account"));
    page_note(req, web_tr(req, "Guideline 3.1.5.1(1)(a)(c), 5.2"));
    if (error)
        page_alert(req, error);
    static const char *const oks[] = {"password", "mfa", "dismissed", "recovery"};
    static const char *const ok_msgs[] = {
        "Your password has been changed; your other sessions have ended.",
        "The second factor is set up.", "The notice has been dismissed.",
        "New recovery codes have been made; the old ones no longer work."};
    const char *ok = web_query(req, "ok");
    for (size_t i = 0; ok && !error && i < AG_ARRAY_LEN(oks); i++)
        if (strcmp(ok, oks[i]) == 0)
            page_ok(req, web_tr(req, ok_msgs[i]));
    if ((rc = account_notices_section(req)))
        return rc;

    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h, web_tr(req, "account: You"));
    html_lit(h, "</h2>");
    page_dl_begin(req);
    page_dl_item(req, "account: Name",
                 req->lang == AG_LANG_EN && *req->user.name_en ? req->user.name_en
                                                               : req->user.name);
    page_dl_item(req, "Login", req->user.login);
    page_dl_item(req, "account: Roles", roles_text(req));
    page_dl_item(req, "account: E-mail", *info.email ? info.email : web_tr(req, "none"));
    page_dl_end(req);
    html_lit(h, "</section>");

    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h, web_tr(req, "Password"));
    html_lit(h, "</h2>");
    page_dl_begin(req);
    page_dl_item(req, "account: Last changed",
                 *info.password_changed_at ? info.password_changed_at : "-");
    if (*info.password_expires)
        page_dl_item(req, "account: Must be changed by", info.password_expires);
    page_dl_end(req);
    page_form_begin(req, "/account/password");
    password_fields(req);
    page_form_end(req, "account: Change the password");
    html_lit(h, "</section>");

    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h, web_tr(req, "account: Second factor (TOTP)"));
    html_lit(h, "</h2>");
    page_dl_begin(req);
    page_dl_item(req, "account: Status",
                 info.totp ? web_tr(req, "account: enrolled") : web_tr(req, "account: not set up"));
    if (info.totp) {
        char *left = arena_printf(&req->arena, "%d", info.recovery_left);
        page_dl_item(req, "account: Unused recovery codes", left ? left : "");
    }
    page_dl_end(req);
    if (info.totp) {
        page_note(req, web_tr(req, "New recovery codes replace the old ones. Enter your password "
                                   "to make them."));
        page_form_begin(req, "/account/recovery");
        page_input(req, "current", "account: Current password", "password", NULL, true);
        page_form_end(req, "Make new recovery codes");
    } else {
        page_note(req, web_tr(req, "A one-time code from an authenticator app protects your "
                                   "account even if your password becomes known (guideline 5.2)."));
        page_form_begin(req, "/account/mfa/start");
        page_form_end(req, "Set up the second factor");
    }
    html_lit(h, "</section>");

    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h, web_tr(req, "Your recent sign-ins"));
    html_lit(h, "</h2>");
    history_table(req, ev, nev);
    html_lit(h, "<p>");
    page_link(req, "/account/history", web_tr(req, "The full login history"));
    html_lit(h, "</p></section>");
    page_end(req);
    return AG_OK;
}

static int page_account(struct web_req *req)
{
    return account_page(req, NULL);
}

/* ---- GET /account/history?page=N ---- */

static int page_history(struct web_req *req)
{
    struct html *h = &req->out;
    long page = 1;
    const char *p = web_query(req, "page");
    if (p) {
        char *end;
        page = strtol(p, &end, 10);
        if (!*p || *end || page < 1 || page > 1000000)
            return web_error(req, 400, "account: The page number is not valid");
    }
    struct auth_login_event *ev = arena_alloc(&req->arena, sizeof(*ev) * HISTORY_PAGE);
    size_t n, total;
    struct ag_error err;
    if (!ev)
        return AG_ENOMEM;
    int rc = auth_history_page(req->st, req->user.account_id, (size_t)(page - 1) * HISTORY_PAGE, ev,
                               HISTORY_PAGE, &n, &total, &err);
    if (rc)
        return rc;
    page_begin(req, web_tr(req, "The full login history"));
    page_h1(req, web_tr(req, "The full login history"));
    page_note(req, web_tr(req, "Every sign-in attempt on your account, newest first (guideline "
                               "3.1.5.1(2)(e)). If you do not recognise one, tell the "
                               "administrator."));
    html_lit(h, "<p>");
    html_textf(h, web_tr(req, "%zu attempts, page %ld of %zu"), total, page,
               total ? (total + HISTORY_PAGE - 1) / HISTORY_PAGE : 1);
    html_lit(h, "</p>");
    history_table(req, ev, n);
    html_lit(h, "<nav class=\"pager\"><p>");
    if (page > 1) {
        char *prev = arena_printf(&req->arena, "/account/history?page=%ld", page - 1);
        page_link(req, prev ? prev : "/account/history", web_tr(req, "account: Newer"));
        html_lit(h, " ");
    }
    if ((size_t)page * HISTORY_PAGE < total) {
        char *next = arena_printf(&req->arena, "/account/history?page=%ld", page + 1);
        page_link(req, next ? next : "/account/history", web_tr(req, "account: Older"));
    }
    html_lit(h, "</p></nav><p>");
    page_link(req, "/account", web_tr(req, "account: My account"));
    html_lit(h, "</p>");
    page_end(req);
    return AG_OK;
}

/* ---- password change: POST /account/password and the forced /login/password ---- */

static void forced_page(struct web_req *req, const char *error)
{
    page_begin(req, web_tr(req, "account: Change your password"));
    page_h1(req, web_tr(req, "account: Change your password"));
    page_alert(req, error ? error
                          : web_tr(req, "Your password is older than the administrator allows. "
                                        "Choose a new one to continue."));
    page_form_begin(req, "/login/password");
    password_fields(req);
    page_form_end(req, "account: Change the password");
    page_end(req);
}

static int page_forced(struct web_req *req)
{
    if (req->user.stage != AUTH_STAGE_PASSWORD)
        return web_redirect(req, account_stage_path(req->user.stage));
    forced_page(req, NULL);
    return AG_OK;
}

static int change_password(struct web_req *req, bool forced)
{
    const char *current, *msg = NULL;
    struct ag_error err;
    char token[AUTH_TOKEN_HEX + 1];
    ag_error_set_lang(req->lang);
    const char *pw = new_password(req, &current, &msg);
    int rc;
    if (!pw) {
        rc = AG_EINVAL;
        snprintf(err.msg, sizeof(err.msg), "%s", msg);
    } else {
        store_set_actor(req->st, req->user.login);
        rc = auth_password_change(req->st, req->policy, req->session_token, current, pw,
                                  req->address, token, &err);
        store_set_actor(req->st, "web");
    }
    wipe_form(req);
    if (rc == AG_OK) {
        rc = web_set_cookie(req, SESSION_COOKIE, token, -1);
        sodium_memzero(token, sizeof(token));
        if (rc)
            return rc;
        return web_redirect(req, forced ? "/" : "/account?ok=password");
    }
    if (rc != AG_EINVAL && rc != AG_EDENIED)
        return rc;
    req->status = web_refusal_status(rc);
    if (forced) {
        forced_page(req, err.msg);
        return AG_OK;
    }
    return account_page(req, err.msg);
}

static int page_password_post(struct web_req *req)
{
    return change_password(req, false);
}

static int page_forced_post(struct web_req *req)
{
    if (req->user.stage != AUTH_STAGE_PASSWORD)
        return web_redirect(req, account_stage_path(req->user.stage));
    return change_password(req, true);
}

/* ---- TOTP enrolment from My account ---- */

static int page_mfa_start(struct web_req *req)
{
    struct ag_error err;
    char secret[64];
    ag_error_set_lang(req->lang);
    int rc = auth_totp_begin(req->st, req->session_token, secret, &err);
    sodium_memzero(secret, sizeof(secret));
    if (rc == AG_ECONFLICT) {
        req->status = 409;
        return account_page(req, err.msg);
    }
    return rc ? rc : web_redirect(req, "/account/mfa");
}

static void mfa_page(struct web_req *req, const char *error)
{
    struct html *h = &req->out;
    const char *s = req->user.pending_secret;
    struct strbuf uri;
    struct ag_error err;
    page_begin(req, web_tr(req, "Set up the second factor"));
    page_h1(req, web_tr(req, "Set up the second factor"));
    if (error)
        page_alert(req, error);
    html_lit(h, "<p>");
    html_text(h, web_tr(req, "Scan the QR code with an authenticator app (TOTP, 30 seconds, 6 "
                             "digits) or enter the key by hand, then enter the code it shows."));
    html_lit(h, "</p>");
    strbuf_init(&uri, 4096);
    web_otpauth_uri(&uri, req->user.login, s);
    html_lit(h, "<div class=\"qr\">");
    if (!strbuf_ok(&uri) ||
        web_qr_svg(h, strbuf_str(&uri), web_tr(req, "QR code of the key for an authenticator app"),
                   &err) != AG_OK)
        html_text(h, web_tr(req, "The QR code cannot be shown; enter the key by hand."));
    html_lit(h, "</div><p class=\"secret\"><code>");
    for (size_t i = 0; s[i]; i++) {
        if (i && i % 4 == 0)
            html_lit(h, " ");
        html_textn(h, s + i, 1);
    }
    html_lit(h, "</code></p><p class=\"small uri\">");
    html_text(h, strbuf_str(&uri));
    html_lit(h, "</p>");
    strbuf_release(&uri);
    page_form_begin(req, "/account/mfa");
    page_input(req, "code", "6-digit code from your authenticator app", "text", NULL, true);
    page_form_end(req, "Confirm");
    page_end(req);
}

static int page_mfa(struct web_req *req)
{
    if (!*req->user.pending_secret)
        return web_redirect(req, "/account");
    mfa_page(req, NULL);
    return AG_OK;
}

static int page_mfa_post(struct web_req *req)
{
    struct ag_error err;
    char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1];
    const char *code = web_form_get(&req->form, "code");
    ag_error_set_lang(req->lang);
    if (!*req->user.pending_secret)
        return web_redirect(req, "/account");
    store_set_actor(req->st, req->user.login);
    int rc = auth_totp_confirm(req->st, req->session_token, code ? code : "", codes, &err);
    store_set_actor(req->st, "web");
    if (rc == AG_OK) {
        account_codes_page(req, codes, "/account?ok=mfa");
        sodium_memzero(codes, sizeof(codes));
        return AG_OK;
    }
    if (rc == AG_ECONFLICT) {
        req->status = 409;
        return account_page(req, err.msg);
    }
    if (rc != AG_EINVAL)
        return rc;
    req->status = 400;
    mfa_page(req, err.msg);
    return AG_OK;
}

/* ---- POST /account/recovery ---- */

static int page_recovery_post(struct web_req *req)
{
    struct ag_error err;
    char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1];
    const char *current = web_form_get(&req->form, "current");
    ag_error_set_lang(req->lang);
    store_set_actor(req->st, req->user.login);
    int rc = auth_recovery_regenerate(req->st, req->policy, req->session_token,
                                      current ? current : "", req->address, codes, &err);
    store_set_actor(req->st, "web");
    wipe_form(req);
    if (rc == AG_OK) {
        account_codes_page(req, codes, "/account?ok=recovery");
        sodium_memzero(codes, sizeof(codes));
        return AG_OK;
    }
    if (rc != AG_EDENIED && rc != AG_ECONFLICT && rc != AG_EINVAL)
        return rc;
    req->status = web_refusal_status(rc);
    return account_page(req, err.msg);
}

/* ---- POST /account/notices/{id}/dismiss ---- */

struct dismiss_ctx {
    long long id;
};

static int do_dismiss(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct dismiss_ctx *d = ctx;
    return auth_notice_dismiss(req->st, req->user.account_id, d->id, err);
}

static int page_dismiss_post(struct web_req *req)
{
    struct dismiss_ctx d;
    struct ag_error err;
    if (!web_param_id(req, "id", &d.id))
        return web_error(req, 404, "account: No such notice");
    const char *back = web_form_get(&req->form, "back");
    int rc = web_action(req, do_dismiss, &d, &err);
    if (rc == AG_ENOTFOUND)
        return web_error(req, 404, "account: No such notice");
    if (rc)
        return rc;
    return web_redirect(req, back && strcmp(back, "/") == 0 ? "/?ok=dismissed"
                                                            : "/account?ok=dismissed");
}

/* ---- module ---- */

static const struct route account_routes[] = {
    {WEB_GET, "/account", page_account, 0, ROUTE_AUTH},
    {WEB_GET, "/account/history", page_history, 0, ROUTE_AUTH},
    {WEB_POST, "/account/password", page_password_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/account/mfa/start", page_mfa_start, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/account/mfa", page_mfa, 0, ROUTE_AUTH},
    {WEB_POST, "/account/mfa", page_mfa_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/account/recovery", page_recovery_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/account/notices/{id}/dismiss", page_dismiss_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    /* a session in the 'password' stage is not full: ROUTE_PARTIAL admits it, the handler
     * checks the stage */
    {WEB_GET, "/login/password", page_forced, 0, ROUTE_PARTIAL},
    {WEB_POST, "/login/password", page_forced_post, 0, ROUTE_PARTIAL | ROUTE_CSRF},
};

static const struct web_nav account_nav[] = {{"/account", "account: My account", 0}};

static const struct ag_msg account_msgs[] = {
    /* pages */
    {"account: My account", "マイアカウント", "My account"},
    {"Guideline 3.1.5.1(1)(a)(c), 5.2", "ガイドライン 3.1.5.1(1)(a)(c)、5.2",
     "Guideline 3.1.5.1(1)(a)(c), 5.2"},
    {"account: You", "本人", "You"},
    {"account: Name", "氏名", "Name"},
    {"account: Roles", "役割", "Roles"},
    {"account: E-mail", "メールアドレス", "E-mail"},
    {"account: Last changed", "最終変更", "Last changed"},
    {"account: Must be changed by", "変更期限", "Must be changed by"},
    {"account: Current password", "現在のパスワード", "Current password"},
    {"account: New password", "新しいパスワード", "New password"},
    {"account: New password again", "新しいパスワード（確認）", "New password again"},
    {"account: Change the password", "パスワードを変更", "Change the password"},
    {"At least %d characters using %d of: lower case, upper case, digits, others; not your "
     "login; not one of your last %d passwords.",
     "%d 文字以上で、英小文字・英大文字・数字・その他のうち %d 種類以上。ログイン名と同じもの、"
     "直近 %d 回に使ったものは使えません。",
     "At least %d characters using %d of: lower case, upper case, digits, others; not your "
     "login; not one of your last %d passwords."},
    {"Enter your current password and the new one twice",
     "現在のパスワードと新しいパスワード（2 回）を入力してください",
     "Enter your current password and the new one twice"},
    {"The two new passwords differ", "新しいパスワードが 2 回で一致しません",
     "The two new passwords differ"},
    {"Your password has been changed; your other sessions have ended.",
     "パスワードを変更しました。ほかのセッションはすべて終了しました。",
     "Your password has been changed; your other sessions have ended."},
    {"account: Change your password", "パスワードの変更", "Change your password"},
    {"Your password is older than the administrator allows. Choose a new one to continue.",
     "パスワードが管理者の定める有効期間を過ぎています。続けるには新しいパスワードを設定して"
     "ください。",
     "Your password is older than the administrator allows. Choose a new one to continue."},
    {"account: Second factor (TOTP)", "2 要素認証（TOTP）", "Second factor (TOTP)"},
    {"account: Status", "状態", "Status"},
    {"account: enrolled", "登録済み", "enrolled"},
    {"account: not set up", "未設定", "not set up"},
    {"account: Unused recovery codes", "未使用のリカバリーコード", "Unused recovery codes"},
    {"New recovery codes replace the old ones. Enter your password to make them.",
     "新しいリカバリーコードを作ると古いものは使えなくなります。作成にはパスワードが必要です。",
     "New recovery codes replace the old ones. Enter your password to make them."},
    {"Make new recovery codes", "リカバリーコードを作り直す", "Make new recovery codes"},
    {"A one-time code from an authenticator app protects your account even if your password "
     "becomes known (guideline 5.2).",
     "認証アプリのワンタイムコードを使うと、パスワードが知られてもアカウントを守れます"
     "（ガイドライン 5.2）。",
     "A one-time code from an authenticator app protects your account even if your password "
     "becomes known (guideline 5.2)."},
    {"The second factor is set up.", "2 要素認証を設定しました。", "The second factor is set up."},
    {"New recovery codes have been made; the old ones no longer work.",
     "新しいリカバリーコードを作成しました。古いコードは使えません。",
     "New recovery codes have been made; the old ones no longer work."},
    {"Scan the QR code with an authenticator app (TOTP, 30 seconds, 6 digits) or enter the key "
     "by hand, then enter the code it shows.",
     "認証アプリ（TOTP、30 秒、6 桁）で QR コードを読み取るか鍵を手入力し、表示されたコードを"
     "入力してください。",
     "Scan the QR code with an authenticator app (TOTP, 30 seconds, 6 digits) or enter the key "
     "by hand, then enter the code it shows."},
    {"QR code of the key for an authenticator app", "認証アプリに登録する鍵の QR コード",
     "QR code of the key for an authenticator app"},
    {"The QR code cannot be shown; enter the key by hand.",
     "QR コードを表示できません。鍵を手入力してください。",
     "The QR code cannot be shown; enter the key by hand."},
    {"account: Recovery codes", "リカバリーコード", "Recovery codes"},
    {"Write these codes down or print them, and keep them apart from your authenticator. Each "
     "code signs you in once instead of a one-time code. They are shown only now; new codes "
     "replace them.",
     "これらのコードを書き留めるか印刷し、認証アプリとは別に保管してください。各コードは"
     "ワンタイムコードの代わりに 1 回だけ使えます。表示されるのは今回だけで、作り直すと"
     "置き換わります。",
     "Write these codes down or print them, and keep them apart from your authenticator. Each "
     "code signs you in once instead of a one-time code. They are shown only now; new codes "
     "replace them."},
    {"account: Continue", "続ける", "Continue"},
    {"Use a recovery code instead", "リカバリーコードを使う", "Use a recovery code instead"},
    {"Recovery code (xxxx-xxxx-xxxx-xxxx)", "リカバリーコード（xxxx-xxxx-xxxx-xxxx）",
     "Recovery code (xxxx-xxxx-xxxx-xxxx)"},
    {"Sign in with the recovery code", "リカバリーコードでログイン",
     "Sign in with the recovery code"},
    {"Sign-ins from new addresses", "新しいアドレスからのログイン", "Sign-ins from new addresses"},
    {"Your account was signed in to from an address it had not been used from before. If this "
     "was not you, change your password now and tell the system administrator.",
     "これまで使われたことのないアドレスから、あなたのアカウントにログインがありました。"
     "心当たりがない場合は、直ちにパスワードを変更し、システム管理者に報告してください。",
     "Your account was signed in to from an address it had not been used from before. If this "
     "was not you, change your password now and tell the system administrator."},
    {"account: Dismiss", "確認済みにする", "Dismiss"},
    {"The notice has been dismissed.", "通知を確認済みにしました。",
     "The notice has been dismissed."},
    {"account: No such notice", "該当する通知はありません", "No such notice"},
    {"The full login history", "ログイン履歴（すべて）", "The full login history"},
    {"Every sign-in attempt on your account, newest first (guideline 3.1.5.1(2)(e)). If you do "
     "not recognise one, tell the administrator.",
     "あなたのアカウントへのすべてのログイン試行（新しい順、ガイドライン 3.1.5.1(2)(e)）。"
     "心当たりのないものがあれば管理者に連絡してください。",
     "Every sign-in attempt on your account, newest first (guideline 3.1.5.1(2)(e)). If you do "
     "not recognise one, tell the administrator."},
    {"%zu attempts, page %ld of %zu", "%zu 件中、%ld / %zu ページ",
     "%zu attempts, page %ld of %zu"},
    {"account: Newer", "新しい方へ", "Newer"},
    {"account: Older", "古い方へ", "Older"},
    {"account: The page number is not valid", "ページ番号が正しくありません",
     "The page number is not valid"},
    {"account: No sign-ins yet.", "ログインの記録はまだありません。", "No sign-ins yet."},
    {"signed in with a recovery code", "ログイン成功（リカバリーコード）",
     "signed in with a recovery code"},
    {"refused: wrong recovery code", "拒否: リカバリーコードの誤り",
     "refused: wrong recovery code"},
    /* messages of src/auth (password history and age, recovery codes, notices, mail) */
    {"password: used before; choose one that is not among your last %d",
     "パスワード: 以前に使ったものです。直近 %d 回に使ったもの以外を選んでください",
     "password: used before; choose one that is not among your last %d"},
    {"password: the new password is the current one",
     "パスワード: 新しいパスワードが現在のものと同じです",
     "password: the new password is the current one"},
    {"the current password is wrong", "現在のパスワードが違います",
     "the current password is wrong"},
    {"the recovery code is wrong or was used", "リカバリーコードが違うか、使用済みです",
     "the recovery code is wrong or was used"},
    {"TOTP is enrolled already", "TOTP は登録済みです", "TOTP is enrolled already"},
    {"start the enrolment first", "先に登録を開始してください", "start the enrolment first"},
    {"set up the second factor first", "先に 2 要素認証を設定してください",
     "set up the second factor first"},
    {"no such notice", "該当する通知はありません", "no such notice"},
    {"mail: the sender address is not valid", "メール: 送信元アドレスが正しくありません",
     "mail: the sender address is not valid"},
    {"mail: the recipient address is not valid", "メール: 宛先アドレスが正しくありません",
     "mail: the recipient address is not valid"},
    {"mail: smtp.url must be smtp://HOST[:PORT] or smtps://",
     "メール: smtp.url は smtp://ホスト[:ポート] または smtps:// の形にしてください",
     "mail: smtp.url must be smtp://HOST[:PORT] or smtps://"},
    {"mail: sending to %s failed: %s", "メール: %s への送信に失敗しました: %s",
     "mail: sending to %s failed: %s"},
    {"mail: the queue is full", "メール: 送信待ちがいっぱいです", "mail: the queue is full"},
    {"mail: cannot start the sender thread", "メール: 送信スレッドを開始できません",
     "mail: cannot start the sender thread"},
};

WEB_MODULE(account, account_routes, account_msgs, account_nav);
