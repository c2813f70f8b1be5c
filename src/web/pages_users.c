/*
 * pages_users.c — account management for the administrator of airguard (AUTH_ROLE_ADMIN),
 * guideline 3.1.5.1(1)(a)(c): one ID per person, issued, changed and withdrawn by the
 * administrator; authentication information managed; privileges granted to what the duty needs
 * and removed when no longer needed; and accounts not used for a long time disabled (3.2.2.1(1)④,
 * src/auth/unused.c).
 *
 * Pages: the list of accounts (person, department, guideline roles, admin flag, TOTP, locked,
 * last sign-in, disabled; filters by department, role and state; 50 a page), an account with
 * its roles and recent sign-ins, and the actions: create an account for an existing person
 * (with a first password), lock / unlock (unlock also re-enables a disabled account), TOTP reset,
 * a new password, the admin flag, guideline roles granted or revoked organisation-wide or for a
 * department — the same library functions as `airguard user …` and `airguard org role …`.
 *
 * Rules (docs/web/users.md): every route is for administrators only (403 for anyone else). An
 * administrator does not change their own account here — no admin flag, lock, TOTP, password or
 * role change on oneself (auth_admin_not_self, checked again by the library for flag and lock):
 * nobody locks themselves out or raises their own rights; another administrator or the
 * operator's shell does it. The store keeps at least one usable administrator
 * (auth_admin_set_flag / auth_admin_lock check it inside the transaction). Each POST runs in one
 * BEGIN IMMEDIATE transaction with the administrator's login as the audit trail's actor.
 */
#include "isms/isms.h"
#include "store/store.h"
#include "web/web_int.h"

#define USERS_PAGE 50

/* The catalog's name of a guideline role (the guideline's own term), else the id. */
static const char *role_name(struct web_req *req, const char *id)
{
    for (size_t i = 0; i < catalog_role_count(req->cat); i++) {
        const struct catalog_role *r = catalog_role_at(req->cat, i);
        if (strcmp(r->id, id) == 0)
            return catalog_text_get(r->name, req->lang);
    }
    return id;
}

static bool known_role(const char *r)
{
    for (size_t i = 0; isms_roles[i]; i++)
        if (strcmp(isms_roles[i], r) == 0)
            return true;
    return false;
}

/* "page" query parameter: 1.. (bad or missing = 1). */
static long page_no(struct web_req *req)
{
    const char *p = web_query(req, "page");
    if (!p || !*p || strlen(p) > 6 || strspn(p, "0123456789") != strlen(p))
        return 1;
    long n = strtol(p, NULL, 10);
    return n < 1 ? 1 : n;
}

struct account {
    long long id, person;
    char login[65], name[128], dept[160], created[21], last_login[21], locked_until[21],
        disabled_at[21], enabled_at[21];
    bool admin, locked, mfa, has_password, active;
};

static int account_load(struct web_req *req, long long id, struct account *a)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT a.id, p.id, p.login, CASE WHEN ?2 = 'en' AND p.name_en <> '' THEN p.name_en ELSE "
        "p.name END, coalesce(CASE WHEN ?2 = 'en' AND d.name_en <> '' THEN d.name_en ELSE "
        "d.name_ja END, ''), a.created_at, coalesce(a.last_login_at, ''), coalesce(a.locked_until, "
        "''), coalesce(a.disabled_at, ''), coalesce(a.enabled_at, ''), a.admin, a.locked, "
        "a.totp_secret <> '', a.password_hash <> '', p.active FROM accounts a JOIN people p ON "
        "p.id = a.person_id LEFT JOIN departments d ON d.id = p.department_id WHERE a.id = ?1",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        a->id = sqlite3_column_int64(s, 0);
        a->person = sqlite3_column_int64(s, 1);
        snprintf(a->login, sizeof(a->login), "%s", store_col_text(s, 2));
        snprintf(a->name, sizeof(a->name), "%s", store_col_text(s, 3));
        snprintf(a->dept, sizeof(a->dept), "%s", store_col_text(s, 4));
        snprintf(a->created, sizeof(a->created), "%s", store_col_text(s, 5));
        snprintf(a->last_login, sizeof(a->last_login), "%s", store_col_text(s, 6));
        snprintf(a->locked_until, sizeof(a->locked_until), "%s", store_col_text(s, 7));
        snprintf(a->disabled_at, sizeof(a->disabled_at), "%s", store_col_text(s, 8));
        snprintf(a->enabled_at, sizeof(a->enabled_at), "%s", store_col_text(s, 9));
        a->admin = sqlite3_column_int(s, 10);
        a->locked = sqlite3_column_int(s, 11);
        a->mfa = sqlite3_column_int(s, 12);
        a->has_password = sqlite3_column_int(s, 13);
        a->active = sqlite3_column_int(s, 14);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

static const char *user_href(struct web_req *req, long long id, const char *suffix)
{
    const char *p = arena_printf(&req->arena, "/users/%lld%s", id, suffix);
    return p ? p : "/users";
}

/* The lock state in words: administrative lock, lockout until a time, or "no". */
static void lock_text(struct web_req *req, bool locked, const char *until)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    if (locked)
        html_text(&req->out, web_tr(req, "users: locked by an administrator"));
    else if (*until && strcmp(until, now) > 0)
        html_textf(&req->out, web_tr(req, "users: locked until %s"), until);
    else
        html_text(&req->out, "–");
}

/* A <select> whose option labels are data (not message keys). */
static void data_select(struct web_req *req, const char *name, const char *label,
                        const char *const *values, const char *const *labels, size_t n,
                        const char *cur)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", values[i]);
        if (cur && strcmp(cur, values[i]) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, labels[i]);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
}

/* Departments as (code, "code name") pairs in the arena, with a first entry (value "") labelled
 * `first` (translated). */
static int departments(struct web_req *req, const char *first, const char ***codes,
                       const char ***labels, size_t *n)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT code, CASE WHEN ?1 = 'en' AND name_en <> '' THEN name_en ELSE "
                           "name_ja END FROM departments ORDER BY code",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    size_t cap = 257;
    *codes = arena_alloc(&req->arena, cap * sizeof(char *));
    *labels = arena_alloc(&req->arena, cap * sizeof(char *));
    if (!*codes || !*labels) {
        sqlite3_finalize(s);
        return AG_ENOMEM;
    }
    (*codes)[0] = "";
    (*labels)[0] = web_tr(req, first);
    *n = 1;
    while (*n < cap && sqlite3_step(s) == SQLITE_ROW) {
        (*codes)[*n] = arena_strdup(&req->arena, store_col_text(s, 0));
        (*labels)[*n] =
            arena_printf(&req->arena, "%s %s", store_col_text(s, 0), store_col_text(s, 1));
        if (!(*codes)[*n] || !(*labels)[*n]) {
            sqlite3_finalize(s);
            return AG_ENOMEM;
        }
        (*n)++;
    }
    sqlite3_finalize(s);
    return AG_OK;
}

static int role_select(struct web_req *req, const char *name, const char *label, const char *first,
                       const char *cur)
{
    const char *values[16], *labels[16];
    size_t n = 0;
    if (first) {
        values[n] = "";
        labels[n++] = web_tr(req, first);
    }
    for (size_t i = 0; isms_roles[i] && n < AG_ARRAY_LEN(values); i++) {
        values[n] = isms_roles[i];
        labels[n++] = role_name(req, isms_roles[i]);
    }
    data_select(req, name, label, values, labels, n, cur);
    return AG_OK;
}

/* ---- GET /users ---- */

static const char *const states[] = {"", "admin", "locked", "disabled", "no-mfa", "no-password"};
static const char *const state_labels[] = {"users: any state",    "users: administrators",
                                           "users: locked",       "users: disabled",
                                           "users: without TOTP", "users: without a password"};

static int create_form(struct web_req *req, const char *login)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT p.login, CASE WHEN ?1 = 'en' AND p.name_en <> '' THEN "
                           "p.name_en ELSE p.name END FROM people p WHERE p.active = 1 AND NOT "
                           "EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = p.id) ORDER BY "
                           "p.login LIMIT 500",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    const char *values[500], *labels[500];
    size_t n = 0;
    while (n < AG_ARRAY_LEN(values) && sqlite3_step(s) == SQLITE_ROW) {
        values[n] = arena_strdup(&req->arena, store_col_text(s, 0));
        labels[n] =
            arena_printf(&req->arena, "%s (%s)", store_col_text(s, 0), store_col_text(s, 1));
        if (!values[n] || !labels[n]) {
            sqlite3_finalize(s);
            return AG_ENOMEM;
        }
        n++;
    }
    sqlite3_finalize(s);
    html_lit(h, "<h2 id=\"create\">");
    html_text(h, web_tr(req, "users: Create an account"));
    html_lit(h, "</h2>");
    if (n == 0) {
        page_note(req, web_tr(req, "Every active person has an account. Add people with: "
                                   "airguard org person add"));
        return AG_OK;
    }
    page_form_begin(req, "/users");
    data_select(req, "person", "users: Person", values, labels, n, login);
    page_input(req, "password", "users: First password", "password", NULL, false);
    page_note(req, web_tr(req, "Give the first password to the person in person; without one the "
                               "account cannot sign in until a password is set."));
    html_lit(h, "<div class=\"field\"><label><input type=\"checkbox\" name=\"admin\" "
                "value=\"1\"> ");
    html_text(h, web_tr(req, "administrator of airguard"));
    html_lit(h, "</label></div>");
    page_form_end(req, "users: Create an account");
    return AG_OK;
}

/* The list; `alert_msg` (may be NULL) is shown at the top (a refused create). */
static int users_list(struct web_req *req, const char *alert_msg, const char *person)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *dept = web_query(req, "department"), *role = web_query(req, "role"),
               *state = web_query(req, "state");
    if (!dept)
        dept = "";
    if (!role)
        role = "";
    if (!state)
        state = "";
    bool state_ok = false;
    for (size_t i = 0; i < AG_ARRAY_LEN(states); i++)
        state_ok |= strcmp(state, states[i]) == 0;
    if ((*role && !known_role(role)) || !state_ok || strlen(dept) > 64)
        return web_error(req, 400, "users: unknown filter value");
    long page = page_no(req);
    const char **dcodes, **dlabels;
    size_t nd;
    int rc = departments(req, "users: every department", &dcodes, &dlabels, &nd);
    if (rc)
        return rc;
    sqlite3_stmt *s;
    char now[21];
    ag_time_iso(ag_now(), now);
    rc = store_prepare(
        req->st, &s,
        "SELECT a.id, p.login, CASE WHEN ?5 = 'en' AND p.name_en <> '' THEN p.name_en ELSE p.name "
        "END, coalesce(d.code, ''), (SELECT group_concat(r.role || coalesce('@' || rd.code, ''), "
        "' ') FROM person_roles r LEFT JOIN departments rd ON rd.id = r.department_id WHERE "
        "r.person_id = p.id), a.admin, a.totp_secret <> '', a.locked, coalesce(a.locked_until, "
        "''), coalesce(a.last_login_at, ''), coalesce(a.disabled_at, ''), a.password_hash <> '' "
        "FROM accounts a JOIN people p ON p.id = a.person_id LEFT JOIN departments d ON d.id = "
        "p.department_id WHERE (?1 = '' OR d.code = ?1) AND (?2 = '' OR EXISTS (SELECT 1 FROM "
        "person_roles r WHERE r.person_id = p.id AND r.role = ?2)) AND (?3 = '' OR (?3 = 'admin' "
        "AND a.admin = 1) OR (?3 = 'locked' AND (a.locked = 1 OR a.locked_until > ?4)) OR (?3 = "
        "'disabled' AND a.disabled_at IS NOT NULL) OR (?3 = 'no-mfa' AND a.totp_secret = '') OR "
        "(?3 = 'no-password' AND a.password_hash = '')) ORDER BY p.login LIMIT ?6 OFFSET ?7",
        &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, dept);
    store_bind_text(s, 2, role);
    store_bind_text(s, 3, state);
    store_bind_text(s, 4, now);
    sqlite3_bind_text(s, 5, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 6, USERS_PAGE + 1);
    sqlite3_bind_int64(s, 7, (page - 1) * USERS_PAGE);
    page_begin(req, web_tr(req, "users: Accounts"));
    page_h1(req, web_tr(req, "users: Accounts"));
    page_note(req, web_tr(req, "Guideline 3.1.5.1(1)(a)(c), 3.2.2.1(1)④: one account per person; "
                               "roles only as the duty needs; accounts not used for a long time "
                               "are disabled."));
    if (alert_msg)
        page_alert(req, alert_msg);
    /* filters (GET) */
    html_lit(h, "<form method=\"get\" action=\"/users\" class=\"search\">");
    data_select(req, "department", "Department", dcodes, dlabels, nd, dept);
    role_select(req, "role", "users: Role", "users: any role", role);
    page_select(req, "state", "Status", states, state_labels, AG_ARRAY_LEN(states), state);
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "users: Filter"));
    html_lit(h, "</button></form>");
    static const char *const heads[] = {
        "Login",          "users: Name", "Department",    "users: Guideline roles",
        "users: Admin",   "users: TOTP", "users: Locked", "users: Last sign-in",
        "users: Disabled"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t rows = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (++rows > USERS_PAGE)
            break;
        long long id = sqlite3_column_int64(s, 0);
        html_lit(h, "<tr><td>");
        page_link(req, user_href(req, id, ""), store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        /* "role@DEPT role" → the guideline's names */
        const char *r = store_col_text(s, 4);
        bool first = true;
        while (*r) {
            size_t n = strcspn(r, " ");
            char one[96];
            snprintf(one, sizeof(one), "%.*s", (int)(n < sizeof(one) ? n : sizeof(one) - 1), r);
            char *at = strchr(one, '@');
            if (at)
                *at++ = '\0';
            if (!first)
                html_lit(h, "、");
            html_text(h, role_name(req, one));
            if (at) {
                html_lit(h, " (");
                html_text(h, at);
                html_lit(h, ")");
            }
            first = false;
            r += n;
            r += strspn(r, " ");
        }
        html_lit(h, "</td><td>");
        html_text(h, sqlite3_column_int(s, 5) ? web_tr(req, "users: yes") : "–");
        html_lit(h, "</td><td>");
        html_text(h, sqlite3_column_int(s, 6) ? web_tr(req, "users: enrolled") : "–");
        html_lit(h, "</td><td>");
        lock_text(req, sqlite3_column_int(s, 7), store_col_text(s, 8));
        html_lit(h, "</td><td>");
        html_text(h, *store_col_text(s, 9) ? store_col_text(s, 9) : web_tr(req, "users: never"));
        html_lit(h, "</td><td>");
        if (*store_col_text(s, 10)) {
            html_lit(h, "<span class=\"bad\">");
            html_text(h, store_col_text(s, 10));
            html_lit(h, "</span>");
        } else {
            html_text(h, "–");
        }
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    page_table_end(req, rows, "users: No accounts match.");
    /* paging: the same filters, another page */
    if (page > 1 || rows > USERS_PAGE) {
        html_lit(h, "<p class=\"pager\">");
        for (int dir = -1; dir <= 1; dir += 2) {
            long to = page + dir;
            if (to < 1 || (dir > 0 && rows <= USERS_PAGE))
                continue;
            struct strbuf sb;
            strbuf_init(&sb, 1024);
            strbuf_addf(&sb, "/users?page=%ld&department=", to);
            html_url_component(&sb, dept);
            strbuf_adds(&sb, "&role=");
            html_url_component(&sb, role);
            strbuf_adds(&sb, "&state=");
            html_url_component(&sb, state);
            const char *href = strbuf_ok(&sb) ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
            strbuf_release(&sb);
            page_link(req, href ? href : "/users",
                      web_tr(req, dir < 0 ? "users: Previous page" : "users: Next page"));
            html_lit(h, " ");
        }
        html_lit(h, "</p>");
    }
    if ((rc = create_form(req, person)))
        return rc;
    page_end(req);
    return AG_OK;
}

static int page_users(struct web_req *req)
{
    return users_list(req, NULL, NULL);
}

/* ---- GET /users/{id} ---- */

static void action_button(struct web_req *req, const struct account *a, const char *suffix,
                          const char *button, const char *field, const char *value)
{
    struct html *h = &req->out;
    html_lit(h, "<form method=\"post\" class=\"inline\"");
    html_attr(h, "action", user_href(req, a->id, suffix));
    html_lit(h, ">");
    page_csrf_field(req);
    if (field) {
        html_lit(h, "<input type=\"hidden\"");
        html_attr(h, "name", field);
        html_attr(h, "value", value);
        html_lit(h, ">");
    }
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, button));
    html_lit(h, "</button></form> ");
}

static const char *const ok_keys[][2] = {
    {"created", "users: The account is created."},
    {"locked", "users: The account is locked and its sessions ended."},
    {"unlocked", "users: The account is unlocked and enabled."},
    {"mfa", "users: The TOTP enrolment is removed; the next sign-in enrols again where required."},
    {"admin", "users: The administrator flag is changed."},
    {"password", "users: The password is set."},
    {"granted", "users: The role is granted."},
    {"revoked", "users: The role is revoked."},
};

static int roles_section(struct web_req *req, const struct account *a, bool self)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT r.role, coalesce(d.code, ''), coalesce(CASE WHEN ?2 = 'en' AND "
                           "d.name_en <> '' THEN d.name_en ELSE d.name_ja END, '') FROM "
                           "person_roles r LEFT JOIN departments d ON d.id = r.department_id "
                           "WHERE r.person_id = ?1 ORDER BY r.role, d.code",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, a->person);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "users: Guideline roles"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"users: Role", "users: Scope", ""};
    page_table_begin(req, heads, self ? 2 : 3);
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *role = store_col_text(s, 0), *code = store_col_text(s, 1);
        rows++;
        html_lit(h, "<tr><td>");
        html_text(h, role_name(req, role));
        html_lit(h, "</td><td>");
        if (*code)
            html_textf(h, "%s %s", code, store_col_text(s, 2));
        else
            html_text(h, web_tr(req, "users: organisation-wide"));
        html_lit(h, "</td>");
        if (!self) {
            html_lit(h, "<td><form method=\"post\" class=\"inline\"");
            html_attr(h, "action", user_href(req, a->id, "/roles/revoke"));
            html_lit(h, ">");
            page_csrf_field(req);
            html_lit(h, "<input type=\"hidden\" name=\"role\"");
            html_attr(h, "value", role);
            html_lit(h, "><input type=\"hidden\" name=\"department\"");
            html_attr(h, "value", code);
            html_lit(h, "><button type=\"submit\">");
            html_text(h, web_tr(req, "users: Revoke"));
            html_lit(h, "</button></form></td>");
        }
        html_lit(h, "</tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "users: No guideline roles.");
    if (self)
        return AG_OK;
    const char **dcodes, **dlabels;
    size_t nd;
    if ((rc = departments(req, "users: organisation-wide", &dcodes, &dlabels, &nd)))
        return rc;
    page_form_begin(req, user_href(req, a->id, "/roles/grant"));
    role_select(req, "role", "users: Role", NULL, NULL);
    data_select(req, "department", "users: Scope", dcodes, dlabels, nd, "");
    page_form_end(req, "users: Grant the role");
    return AG_OK;
}

static int history_section(struct web_req *req, const struct account *a)
{
    struct html *h = &req->out;
    struct auth_login_event ev[20];
    size_t n;
    struct ag_error err;
    int rc = auth_history(req->st, a->id, ev, AG_ARRAY_LEN(ev), &n, &err);
    if (rc)
        return rc;
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "users: Recent sign-in attempts"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"Time (UTC)", "Address", "Result"};
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
        html_text(h, ev[i].success ? web_tr(req, "signed in") : ev[i].reason);
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, n, "users: No sign-in attempts yet.");
    return AG_OK;
}

static int account_page(struct web_req *req, const struct account *a, const char *alert_msg)
{
    struct html *h = &req->out;
    bool self = a->id == req->user.account_id;
    const char *title = arena_printf(&req->arena, "%s %s", web_tr(req, "users: Account"), a->login);
    page_begin(req, title ? title : a->login);
    page_h1(req, title ? title : a->login);
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(ok_keys); i++)
        if (strcmp(ok, ok_keys[i][0]) == 0)
            page_ok(req, web_tr(req, ok_keys[i][1]));
    html_lit(h, "<div class=\"account-page\">");
    page_dl_begin(req);
    page_dl_item(req, "users: Name", a->name);
    page_dl_item(req, "Department", a->dept);
    page_dl_item(req, "users: Admin", a->admin ? web_tr(req, "users: yes") : "–");
    page_dl_item(req, "users: TOTP", a->mfa ? web_tr(req, "users: enrolled") : "–");
    page_dl_item(req, "Password",
                 a->has_password ? web_tr(req, "users: set") : web_tr(req, "users: not set"));
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "users: Locked"));
    html_lit(h, "</dt><dd id=\"lock-state\">");
    lock_text(req, a->locked, a->locked_until);
    html_lit(h, "</dd>");
    page_dl_item(req, "users: Last sign-in",
                 *a->last_login ? a->last_login : web_tr(req, "users: never"));
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "users: Disabled"));
    html_lit(h, "</dt><dd id=\"disabled-state\">");
    if (*a->disabled_at) {
        html_lit(h, "<span class=\"bad\">");
        html_textf(h, web_tr(req, "users: disabled on %s (not used for a long time)"),
                   a->disabled_at);
        html_lit(h, "</span>");
    } else {
        html_text(h, "–");
    }
    html_lit(h, "</dd>");
    page_dl_item(req, "users: Created", a->created);
    if (*a->enabled_at)
        page_dl_item(req, "users: Re-enabled", a->enabled_at);
    page_dl_end(req);
    html_lit(h, "<p>");
    const char *trail = arena_printf(&req->arena, "/audit?entity=accounts&id=%lld", a->id);
    page_link(req, trail ? trail : "/audit", web_tr(req, "users: Changes in the audit trail"));
    html_lit(h, "</p>");
    if (self) {
        page_note(req, web_tr(req, "This is your own account: another administrator changes it "
                                   "(so that nobody locks themselves out or raises their own "
                                   "rights)."));
    } else {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "users: Actions"));
        html_lit(h, "</h2><p class=\"actions\">");
        bool locked_now = a->locked || *a->locked_until || *a->disabled_at;
        if (locked_now)
            action_button(req, a, "/unlock", "users: Unlock and enable", NULL, NULL);
        if (!a->locked)
            action_button(req, a, "/lock", "users: Lock", NULL, NULL);
        if (a->mfa)
            action_button(req, a, "/mfa-reset", "users: Reset TOTP", NULL, NULL);
        action_button(req, a, "/admin",
                      a->admin ? "users: Remove the administrator flag"
                               : "users: Make administrator",
                      "admin", a->admin ? "0" : "1");
        html_lit(h, "</p>");
        page_form_begin(req, user_href(req, a->id, "/password"));
        page_input(req, "password", "users: New password", "password", NULL, true);
        page_form_end(req, "users: Set the password");
    }
    int rc;
    if ((rc = roles_section(req, a, self)) || (rc = history_section(req, a)))
        return rc;
    html_lit(h, "</div>");
    page_end(req);
    return AG_OK;
}

/* The account of the path's {id}; writes 404 and sets *done when there is none. */
static int account_of_path(struct web_req *req, struct account *a, bool *done)
{
    long long id;
    *done = false;
    int rc = web_param_id(req, "id", &id) ? account_load(req, id, a) : AG_ENOTFOUND;
    if (rc == AG_ENOTFOUND) {
        *done = true;
        return web_error(req, 404, "users: No such account");
    }
    return rc;
}

static int page_user(struct web_req *req)
{
    struct account a;
    bool done;
    int rc = account_of_path(req, &a, &done);
    if (rc || done)
        return rc;
    return account_page(req, &a, NULL);
}

/* ---- POST /users/{id}/… ---- */

enum user_op { OP_LOCK, OP_UNLOCK, OP_MFA, OP_ADMIN, OP_PASSWORD, OP_GRANT, OP_REVOKE };

struct user_action {
    enum user_op op;
    const char *login;
    const char *value; /* admin "0"/"1", the password, or the role */
    const char *department;
};

static int run_user_action(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct user_action *x = ctx;
    const char *me = req->user.login;
    int rc = auth_admin_not_self(me, x->login, err);
    if (rc)
        return rc;
    switch (x->op) {
    case OP_LOCK:
    case OP_UNLOCK:
        return auth_admin_lock(req->st, me, x->login, x->op == OP_LOCK, err);
    case OP_MFA: /* a lost or exposed device: its sessions end where TOTP is needed */
        if ((rc = auth_account_mfa_reset(req->st, x->login, err)))
            return rc;
        return auth_account_mfa_sessions(req->st, x->login, err);
    case OP_ADMIN:
        if ((rc = auth_admin_set_flag(req->st, me, x->login, strcmp(x->value, "1") == 0, err)))
            return rc;
        return auth_account_mfa_sessions(req->st, x->login, err);
    case OP_PASSWORD:
        return auth_account_set_password(req->st, req->policy, x->login, x->value, err);
    case OP_GRANT:
        if ((rc = isms_role_grant(req->st, x->login, x->value,
                                  *x->department ? x->department : NULL, err)))
            return rc;
        return auth_account_mfa_sessions(req->st, x->login, err);
    case OP_REVOKE:
        return isms_role_revoke(req->st, x->login, x->value, *x->department ? x->department : NULL,
                                err);
    }
    return AG_EINVAL;
}

static int user_post(struct web_req *req, enum user_op op, const char *ok)
{
    struct account a;
    struct ag_error err;
    bool done;
    int rc = account_of_path(req, &a, &done);
    if (rc || done)
        return rc;
    struct user_action x = {op, a.login, "", ""};
    ag_error_set_lang(req->lang);
    const char *v = NULL;
    if (op == OP_ADMIN) {
        v = web_form_get(&req->form, "admin");
        if (!v || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)) {
            rc = ag_error_set(&err, AG_EINVAL, "admin: \"%s\" is not 0 or 1", v ? v : "");
            goto refused;
        }
    } else if (op == OP_PASSWORD) {
        v = web_form_get(&req->form, "password");
    } else if (op == OP_GRANT || op == OP_REVOKE) {
        v = web_form_get(&req->form, "role");
        const char *d = web_form_get(&req->form, "department");
        x.department = d ? d : "";
    }
    x.value = v ? v : "";
    rc = web_action(req, run_user_action, &x, &err);
    if (op == OP_PASSWORD && v)
        memset((char *)v, 0, strlen(v));
    if (rc == AG_OK) {
        const char *loc = arena_printf(&req->arena, "/users/%lld?ok=%s", a.id, ok);
        return web_redirect(req, loc ? loc : "/users");
    }
refused:
    if (rc != AG_EINVAL && rc != AG_EDENIED && rc != AG_ENOTFOUND && rc != AG_ECONFLICT &&
        rc != AG_EUSAGE)
        return rc;
    req->status = web_refusal_status(rc);
    const char *msg = arena_strdup(&req->arena, err.msg);
    /* the page as it is now */
    if ((rc = account_load(req, a.id, &a)))
        return rc;
    return account_page(req, &a, msg ? msg : err.msg);
}

static int page_user_lock(struct web_req *req)
{
    return user_post(req, OP_LOCK, "locked");
}
static int page_user_unlock(struct web_req *req)
{
    return user_post(req, OP_UNLOCK, "unlocked");
}
static int page_user_mfa(struct web_req *req)
{
    return user_post(req, OP_MFA, "mfa");
}
static int page_user_admin(struct web_req *req)
{
    return user_post(req, OP_ADMIN, "admin");
}
static int page_user_password(struct web_req *req)
{
    return user_post(req, OP_PASSWORD, "password");
}
static int page_user_grant(struct web_req *req)
{
    return user_post(req, OP_GRANT, "granted");
}
static int page_user_revoke(struct web_req *req)
{
    return user_post(req, OP_REVOKE, "revoked");
}

/* ---- POST /users: create ---- */

struct create_ctx {
    const char *login, *password;
    bool admin;
};

static int run_create(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct create_ctx *c = ctx;
    int rc = auth_account_add(req->st, c->login, c->admin, err);
    if (rc == AG_OK && *c->password)
        rc = auth_account_set_password(req->st, req->policy, c->login, c->password, err);
    return rc;
}

static int page_users_create(struct web_req *req)
{
    struct ag_error err;
    const char *login = web_form_get(&req->form, "person");
    const char *pw = web_form_get(&req->form, "password");
    const char *admin = web_form_get(&req->form, "admin");
    struct create_ctx c = {login ? login : "", pw ? pw : "", admin && strcmp(admin, "1") == 0};
    int rc;
    ag_error_set_lang(req->lang);
    if (!*c.login)
        rc = ag_error_set(&err, AG_EINVAL, "users: choose the person");
    else
        rc = web_action(req, run_create, &c, &err);
    if (pw)
        memset((char *)pw, 0, strlen(pw));
    if (rc == AG_OK) {
        /* the account's id: look it up by login (last insert may be an audit row) */
        long long pid, id = 0;
        sqlite3_stmt *s;
        if (isms_person_id(req->st, c.login, &pid, &err) == AG_OK &&
            store_prepare(req->st, &s, "SELECT id FROM accounts WHERE person_id = ?", &err) ==
                AG_OK) {
            sqlite3_bind_int64(s, 1, pid);
            if (sqlite3_step(s) == SQLITE_ROW)
                id = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
        }
        const char *loc = id ? arena_printf(&req->arena, "/users/%lld?ok=created", id) : NULL;
        return web_redirect(req, loc ? loc : "/users");
    }
    if (rc != AG_EINVAL && rc != AG_EDENIED && rc != AG_ENOTFOUND && rc != AG_ECONFLICT)
        return rc;
    req->status = web_refusal_status(rc);
    const char *msg = arena_strdup(&req->arena, err.msg);
    strbuf_reset(&req->out.sb);
    return users_list(req, msg ? msg : err.msg, c.login);
}

/* ---- messages ---- */

static const struct ag_msg users_msgs[] = {
    {"users: Accounts", "アカウント管理", "Accounts"},
    {"Guideline 3.1.5.1(1)(a)(c), 3.2.2.1(1)④: one account per person; roles only as the duty "
     "needs; accounts not used for a long time are disabled.",
     "ガイドライン 3.1.5.1(1)(a)(c)、3.2.2.1(1)④: "
     "主体ごとに一つの識別コード、役割は職務に必要な範囲に限り、長期間利用されていないアカウントは"
     "停止します。",
     "Guideline 3.1.5.1(1)(a)(c), 3.2.2.1(1)④: one account per person; roles only as the duty "
     "needs; accounts not used for a long time are disabled."},
    {"users: unknown filter value", "絞り込みの値が正しくありません",
     "A filter value is not one of the choices"},
    {"users: every department", "すべての部署", "every department"},
    {"users: Role", "役割", "Role"},
    {"users: any role", "すべての役割", "any role"},
    {"users: any state", "すべての状態", "any state"},
    {"users: administrators", "管理者", "administrators"},
    {"users: locked", "ロック中", "locked"},
    {"users: disabled", "無効化済み", "disabled"},
    {"users: without TOTP", "TOTP 未登録", "without TOTP"},
    {"users: without a password", "パスワード未設定", "without a password"},
    {"users: Filter", "絞り込む", "Filter"},
    {"users: Name", "氏名", "Name"},
    {"users: Guideline roles", "ガイドライン上の役割", "Guideline roles"},
    {"users: Admin", "airguard 管理者", "Admin"},
    {"users: TOTP", "TOTP（多要素認証）", "TOTP"},
    {"users: Locked", "ロック", "Locked"},
    {"users: Last sign-in", "最後のログイン", "Last sign-in"},
    {"users: Disabled", "無効化", "Disabled"},
    {"users: yes", "はい", "yes"},
    {"users: enrolled", "登録済み", "enrolled"},
    {"users: never", "なし", "never"},
    {"users: set", "設定済み", "set"},
    {"users: not set", "未設定", "not set"},
    {"users: locked by an administrator", "管理者がロック", "locked by an administrator"},
    {"users: locked until %s", "%s までロック（連続失敗）", "locked until %s (failed sign-ins)"},
    {"users: No accounts match.", "該当するアカウントはありません。", "No accounts match."},
    {"users: Previous page", "前のページ", "Previous page"},
    {"users: Next page", "次のページ", "Next page"},
    {"users: Create an account", "アカウントを作成", "Create an account"},
    {"Every active person has an account. Add people with: airguard org person add",
     "在籍者全員にアカウントがあります。人の登録は airguard org person add で行います",
     "Every active person has an account. Add people with: airguard org person add"},
    {"users: Person", "対象者", "Person"},
    {"users: First password", "初期パスワード", "First password"},
    {"Give the first password to the person in person; without one the account cannot sign in "
     "until a password is set.",
     "初期パスワードは本人に直接伝えてください。設定しない場合、パスワードを設定するまでログインで"
     "き"
     "ません。",
     "Give the first password to the person in person; without one the account cannot sign in "
     "until a password is set."},
    {"users: Account", "アカウント", "Account"},
    {"users: Created", "作成日時", "Created"},
    {"users: Re-enabled", "再有効化", "Re-enabled"},
    {"users: disabled on %s (not used for a long time)", "%s に無効化（長期間未使用）",
     "disabled on %s (not used for a long time)"},
    {"users: Changes in the audit trail", "監査証跡での変更履歴", "Changes in the audit trail"},
    {"This is your own account: another administrator changes it (so that nobody locks themselves "
     "out or raises their own rights).",
     "自分のアカウントです。変更は別の管理者が行います（自らを締め出したり、自らの権限を上げたりし"
     "ない"
     "ため）。",
     "This is your own account: another administrator changes it (so that nobody locks themselves "
     "out or raises their own rights)."},
    {"users: Actions", "操作", "Actions"},
    {"users: Unlock and enable", "ロック解除・再有効化", "Unlock and enable"},
    {"users: Lock", "ロックする", "Lock"},
    {"users: Reset TOTP", "TOTP の登録を削除", "Reset TOTP"},
    {"users: Remove the administrator flag", "管理者権限を外す", "Remove the administrator flag"},
    {"users: Make administrator", "管理者にする", "Make administrator"},
    {"users: New password", "新しいパスワード", "New password"},
    {"users: Set the password", "パスワードを設定", "Set the password"},
    {"users: Scope", "範囲", "Scope"},
    {"users: organisation-wide", "組織全体", "organisation-wide"},
    {"users: Revoke", "解除", "Revoke"},
    {"users: No guideline roles.", "ガイドライン上の役割はありません。", "No guideline roles."},
    {"users: Grant the role", "役割を付与", "Grant the role"},
    {"users: Recent sign-in attempts", "最近のログイン試行", "Recent sign-in attempts"},
    {"users: No sign-in attempts yet.", "ログイン試行はまだありません。",
     "No sign-in attempts yet."},
    {"users: No such account", "そのアカウントはありません", "No such account"},
    {"users: choose the person", "対象者を選んでください", "person: choose the person"},
    {"users: The account is created.", "アカウントを作成しました。", "The account is created."},
    {"users: The account is locked and its sessions ended.",
     "アカウントをロックし、セッションを終了しました。",
     "The account is locked and its sessions ended."},
    {"users: The account is unlocked and enabled.", "ロックを解除し、アカウントを有効にしました。",
     "The account is unlocked and enabled."},
    {"users: The TOTP enrolment is removed; the next sign-in enrols again where required.",
     "TOTP の登録を削除しました。必須の役割では次回ログイン時に再登録します。",
     "The TOTP enrolment is removed; the next sign-in enrols again where required."},
    {"users: The administrator flag is changed.", "管理者権限を変更しました。",
     "The administrator flag is changed."},
    {"users: The password is set.", "パスワードを設定しました。", "The password is set."},
    {"users: The role is granted.", "役割を付与しました。", "The role is granted."},
    {"users: The role is revoked.", "役割を解除しました。", "The role is revoked."},
    {"admin: \"%s\" is not 0 or 1", "admin: 「%s」は 0 または 1 ではありません",
     "admin: \"%s\" is not 0 or 1"},
    /* src/auth/admin.c and unused.c */
    {"you cannot change your own account here; another administrator must (so that nobody locks "
     "themselves out or raises their own rights)",
     "自分のアカウントはここでは変更できません。別の管理者が行います（自らを締め出したり、自らの権"
     "限を"
     "上げたりしないため）",
     "you cannot change your own account here; another administrator must (so that nobody locks "
     "themselves out or raises their own rights)"},
    {"refused: airguard would have no usable administrator left",
     "できません: airguard の利用可能な管理者がいなくなります",
     "refused: airguard would have no usable administrator left"},
    {"the account is disabled because it was not used for a long time; ask the administrator to "
     "enable it",
     "長期間使われていないため、アカウントは無効化されています。管理者に有効化を依頼してください",
     "the account is disabled because it was not used for a long time; ask the administrator to "
     "enable it"},
    /* airguard user role | sweep (src/cli/cmd_user_admin.c) */
    {"disabled %s (last used %s)\n", "%s を無効化しました（最後の利用 %s）\n",
     "disabled %s (last used %s)\n"},
    {"%zu account(s) disabled: not used for more than %d days\n",
     "%zu 件のアカウントを無効化しました（%d 日を超えて未使用）\n",
     "%zu account(s) disabled: not used for more than %d days\n"},
    {"%s: role %s granted%s%s\n", "%s: 役割 %s を付与しました%s%s\n", "%s: role %s granted%s%s\n"},
    {"%s: role %s revoked%s%s\n", "%s: 役割 %s を解除しました%s%s\n", "%s: role %s revoked%s%s\n"},
};

static const struct route users_routes[] = {
    {WEB_GET, "/users", page_users, AUTH_ROLE_ADMIN, ROUTE_AUTH},
    {WEB_POST, "/users", page_users_create, AUTH_ROLE_ADMIN, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/users/{id}", page_user, AUTH_ROLE_ADMIN, ROUTE_AUTH},
    {WEB_POST, "/users/{id}/lock", page_user_lock, AUTH_ROLE_ADMIN, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/users/{id}/unlock", page_user_unlock, AUTH_ROLE_ADMIN, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/users/{id}/mfa-reset", page_user_mfa, AUTH_ROLE_ADMIN, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/users/{id}/admin", page_user_admin, AUTH_ROLE_ADMIN, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/users/{id}/password", page_user_password, AUTH_ROLE_ADMIN,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/users/{id}/roles/grant", page_user_grant, AUTH_ROLE_ADMIN,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/users/{id}/roles/revoke", page_user_revoke, AUTH_ROLE_ADMIN,
     ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav users_nav[] = {{"/users", "users: Accounts", AUTH_ROLE_ADMIN}};
WEB_MODULE(users, users_routes, users_msgs, users_nav);
