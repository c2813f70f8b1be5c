/*
 * pages_alerts.c — logwatch's alerts on the web (docs/web/alerts.md): the list with its filters
 * (category, level and above, status, address, user, since) and cursor pages, an alert's page
 * with its evidence lines, its guideline items and its handling, and the steps acknowledge and
 * close and "link to / open an incident". Library: src/isms/alert.c; CLI: `airguard alert`.
 *
 * Who (alerts.h): CSIRT, the CISO, system administrators and the administrator of airguard see
 * and handle alerts; auditors see them. The route table enforces it (roles mask), the library
 * the state machine. Evidence lines are what an attacker typed (user names, URLs): they are
 * only ever written through the escaping builder, inside <pre>. Each POST runs in one
 * BEGIN IMMEDIATE transaction (web_action); a step the status no longer allows is 409.
 */
#include "isms/alert.h"
#include "store/store.h"
#include "web/alerts.h"

#define ALERTS_PER_PAGE 50

static const char *alert_href(struct web_req *req, const char *id, const char *suffix)
{
    struct strbuf u;
    strbuf_init(&u, 512);
    strbuf_adds(&u, "/alerts/");
    html_url_component(&u, id);
    strbuf_adds(&u, suffix);
    const char *p = strbuf_ok(&u) ? arena_strdup(&req->arena, strbuf_str(&u)) : NULL;
    strbuf_release(&u);
    return p ? p : "/alerts";
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

static const char *enum_label(struct web_req *req, const char *prefix, const char *value)
{
    const char *key = arena_printf(&req->arena, "%s:%s", prefix, value);
    if (!key)
        return value;
    const char *t = web_tr(req, key);
    return t == key ? value : t;
}

static void level_badge(struct web_req *req, const char *level)
{
    html_lit(&req->out, "<span");
    html_attr(&req->out, "class", arena_printf(&req->arena, "level level-%s", level));
    html_lit(&req->out, ">");
    html_text(&req->out, enum_label(req, "alert level", level));
    html_lit(&req->out, "</span>");
}

/* ---- GET /alerts ---- */

static const char *const categories[] = {
    "password_list_attack", "brute_force",     "password_spray",  "login_after_failures",
    "new_source_login",     "off_hours_login", "account_created", "privilege_granted",
    "unused_account_login", "log_gap",         "log_cleared",     "web_attack"};

static void filter_form(struct web_req *req, const struct isms_alert_filter *f)
{
    struct html *h = &req->out;
    static const char *const levels[] = {"", "informational", "low", "medium", "high", "critical"};
    static const char *const level_labels[] = {"alerts: any level", "alert level:informational",
                                               "alert level:low",   "alert level:medium",
                                               "alert level:high",  "alert level:critical"};
    static const char *const statuses[] = {"", "open", "new", "acknowledged", "closed"};
    static const char *const status_labels[] = {"alerts: any status", "alerts: open (not closed)",
                                                "alert status:new", "alert status:acknowledged",
                                                "alert status:closed"};
    html_lit(h, "<form method=\"get\" action=\"/alerts\" class=\"filters\">");
    html_lit(h, "<div class=\"field\"><label for=\"category\">");
    html_text(h, web_tr(req, "alerts: Category"));
    html_lit(h, "</label><select id=\"category\" name=\"category\"><option value=\"\">");
    html_text(h, web_tr(req, "alerts: any category"));
    html_lit(h, "</option>");
    for (size_t i = 0; i < AG_ARRAY_LEN(categories); i++) {
        html_lit(h, "<option");
        html_attr(h, "value", categories[i]);
        if (f->category && strcmp(f->category, categories[i]) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, enum_label(req, "alert category", categories[i]));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
    page_select(req, "level", "alerts: Level (and above)", levels, level_labels,
                AG_ARRAY_LEN(levels), f->level ? f->level : "");
    page_select(req, "status", "Status", statuses, status_labels, AG_ARRAY_LEN(statuses),
                f->status ? f->status : "");
    page_input(req, "address", "alerts: Source address", "text", f->src_ip, false);
    page_input(req, "user", "alerts: User", "text", f->user, false);
    if (f->since && *f->since) {
        html_lit(h, "<input type=\"hidden\" name=\"since\"");
        html_attr(h, "value", f->since);
        html_lit(h, ">");
    }
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "alerts: Filter"));
    html_lit(h, "</button></form>");
}

/* The list's URL with the filters and another cursor. */
static const char *list_href(struct web_req *req, const struct isms_alert_filter *f,
                             long long after)
{
    const char *names[] = {"category", "level", "status", "address", "user", "since", "item"};
    const char *values[] = {f->category, f->level, f->status, f->src_ip,
                            f->user,     f->since, f->item};
    struct strbuf u;
    strbuf_init(&u, 2048);
    strbuf_adds(&u, "/alerts?");
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++)
        if (values[i] && *values[i]) {
            strbuf_adds(&u, names[i]);
            strbuf_addc(&u, '=');
            html_url_component(&u, values[i]);
            strbuf_addc(&u, '&');
        }
    strbuf_addf(&u, "after=%lld", after);
    const char *p = strbuf_ok(&u) ? arena_strdup(&req->arena, strbuf_str(&u)) : NULL;
    strbuf_release(&u);
    return p ? p : "/alerts";
}

static const char *opt(struct web_req *req, const char *name)
{
    const char *v = web_query(req, name);
    return v && *v ? v : NULL;
}

static int page_alerts(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    struct isms_alert_filter f = {.category = opt(req, "category"),
                                  .level = opt(req, "level"),
                                  .status = opt(req, "status"),
                                  .src_ip = opt(req, "address"),
                                  .user = opt(req, "user"),
                                  .since = opt(req, "since"),
                                  .item = opt(req, "item"),
                                  .limit = ALERTS_PER_PAGE};
    const char *after = opt(req, "after");
    json_t *items = NULL;
    long long next = 0;
    ag_error_set_lang(req->lang);
    int rc = after ? isms_check_int("after", after, 1, INT64_MAX, &f.after, &err) : AG_OK;
    if (rc == AG_OK)
        rc = isms_alert_query(req->st, &f, &items, &next, &err);
    if (rc && rc != AG_EINVAL)
        return rc;
    page_begin(req, web_tr(req, "alerts: Alerts"));
    page_h1(req, web_tr(req, "alerts: Alerts"));
    page_note(req, web_tr(req, "alerts: What logwatch detected in the logs (3.1.5.1(2)): "
                               "password-list attacks, brute force, spraying, suspicious "
                               "logins, account changes, cleared logs, web attacks."));
    filter_form(req, &f);
    if (rc == AG_EINVAL) {
        req->status = 400;
        page_alert(req, err.msg);
        page_end(req);
        return AG_OK;
    }
    static const char *const heads[] = {
        "alerts: Time (UTC)",     "alerts: Level", "alerts: Category", "alerts: Rule",
        "alerts: Source address", "alerts: User",  "alerts: Count",    "Status",
        "alerts: Incident"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t n = json_array_size(items);
    for (size_t i = 0; i < n; i++) {
        json_t *a = json_array_get(items, i);
        const char *id = str(a, "id"), *status = str(a, "status");
        html_lit(h, "<tr");
        if (strcmp(status, "new") == 0)
            html_lit(h, " class=\"unacknowledged\"");
        html_lit(h, "><td>");
        page_link(req, alert_href(req, id, ""), str(a, "time"));
        html_lit(h, "</td><td>");
        level_badge(req, str(a, "level"));
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "alert category", str(a, "category")));
        html_lit(h, "</td><td>");
        page_link(req, alert_href(req, id, ""), str(a, "rule"));
        html_lit(h, "</td><td>");
        html_text(h, str(a, "src_ip"));
        html_lit(h, "</td><td>");
        html_text(h, str(a, "user"));
        html_lit(h, "</td><td>");
        html_textf(h, "%" JSON_INTEGER_FORMAT, json_integer_value(json_object_get(a, "count")));
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "alert status", status));
        html_lit(h, "</td><td>");
        json_t *inc = json_object_get(a, "incident_id");
        if (json_is_integer(inc)) {
            const char *href = arena_printf(&req->arena, "/incidents/%" JSON_INTEGER_FORMAT,
                                            json_integer_value(inc));
            page_link(req, href ? href : "/incidents",
                      arena_printf(&req->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(inc)));
        }
        html_lit(h, "</td></tr>");
    }
    json_decref(items);
    page_table_end(req, n, "alerts: No alerts.");
    if (f.after || next) {
        html_lit(h, "<nav class=\"pages\"><p>");
        if (f.after) {
            page_link(req, list_href(req, &f, 0), web_tr(req, "alerts: Newest"));
            html_lit(h, " ");
        }
        if (next)
            page_link(req, list_href(req, &f, next), web_tr(req, "alerts: Older alerts"));
        html_lit(h, "</p></nav>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- GET /alerts/{id} ---- */

static void guideline_list(struct web_req *req, json_t *a)
{
    struct html *h = &req->out;
    json_t *ids = json_object_get(a, "catalog"), *refs = json_object_get(a, "guideline");
    const struct catalog_node *seen[ISMS_ALERT_MAX_ITEMS * 2];
    size_t nseen = 0;
    /* the catalog ids, then the guideline refs that resolve to something not listed yet */
    for (int pass = 0; pass < 2; pass++) {
        json_t *list = pass == 0 ? ids : refs;
        for (size_t i = 0; json_is_array(list) && i < json_array_size(list); i++) {
            const char *v = json_string_value(json_array_get(list, i));
            const struct catalog_node *n =
                pass == 0 ? catalog_by_id(req->cat, v) : catalog_find(req->cat, v);
            bool dup = false;
            for (size_t k = 0; k < nseen; k++)
                dup = dup || seen[k] == n;
            if (!n || dup || nseen == AG_ARRAY_LEN(seen))
                continue;
            seen[nseen++] = n;
        }
    }
    html_lit(h, "<ul id=\"guideline\">");
    for (size_t i = 0; i < nseen; i++) {
        const struct catalog_node *n = seen[i];
        const char *href = arena_printf(&req->arena, "/catalog/%s", n->id);
        html_lit(h, "<li>");
        page_link(req, href ? href : "/catalog", n->ref[0] ? n->ref : n->id);
        const char *t = catalog_text_get(n->title, req->lang);
        if (!*t)
            t = catalog_text_get(n->text, req->lang);
        html_lit(h, " ");
        html_textn(h, t, strlen(t) > 200 ? 200 : strlen(t));
        html_lit(h, "</li>");
    }
    html_lit(h, "</ul>");
    if (!nseen)
        page_note(req, web_tr(req, "alerts: No guideline item given."));
}

static void step_form(struct web_req *req, const char *id, const char *step)
{
    struct html *h = &req->out;
    page_form_begin(req, alert_href(req, id, "/step"));
    html_lit(h, "<input type=\"hidden\" name=\"step\"");
    html_attr(h, "value", step);
    html_lit(h, ">");
    page_textarea(req, "note", "alerts: Note (optional)", NULL, false);
    page_form_end(req, arena_printf(&req->arena, "alert step:%s", step));
}

static void history(struct web_req *req, json_t *actions)
{
    struct html *h = &req->out;
    static const char *const heads[] = {"alerts: Time (UTC)", "alerts: Who", "alerts: Change",
                                        "alerts: Incident", "alerts: Note"};
    html_lit(h, "<div id=\"history\">");
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t n = json_array_size(actions);
    for (size_t i = 0; i < n; i++) {
        json_t *x = json_array_get(actions, i);
        html_lit(h, "<tr><td>");
        html_text(h, str(x, "at"));
        html_lit(h, "</td><td>");
        html_text(h, *str(x, "person") ? str(x, "person") : web_tr(req, "alerts: configuration"));
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "alert action", str(x, "action")));
        html_lit(h, "</td><td>");
        json_t *inc = json_object_get(x, "incident_id");
        if (json_is_integer(inc))
            html_textf(h, "%" JSON_INTEGER_FORMAT, json_integer_value(inc));
        html_lit(h, "</td><td>");
        html_text(h, str(x, "note"));
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, n, "alerts: Not handled yet.");
    html_lit(h, "</div>");
}

static int alert_page(struct web_req *req, json_t *a, const char *alert_msg)
{
    struct html *h = &req->out;
    const char *id = str(a, "id"), *status = str(a, "status");
    const char *title =
        arena_printf(&req->arena, web_tr(req, "alerts: Alert %s: %s"), id, str(a, "rule"));
    page_begin(req, title ? title : id);
    page_h1(req, title ? title : id);
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    static const char *const oks[] = {"acknowledge", "close", "incident"};
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(oks); i++)
        if (strcmp(ok, oks[i]) == 0)
            page_ok(req, enum_label(req, "alerts: done", oks[i]));
    html_lit(h, "<p>");
    page_link(req, "/alerts", web_tr(req, "alerts: All alerts"));
    html_lit(h, "</p><dl class=\"meta facts\"><dt>");
    html_text(h, web_tr(req, "Status"));
    html_lit(h, "</dt><dd id=\"alert-status\">");
    html_text(h, enum_label(req, "alert status", status));
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "alerts: Level"));
    html_lit(h, "</dt><dd>");
    level_badge(req, str(a, "level"));
    html_lit(h, "</dd>");
    page_dl_item(req, "alerts: Category", enum_label(req, "alert category", str(a, "category")));
    page_dl_item(req, "alerts: Time (UTC)", str(a, "time"));
    static const struct {
        const char *label, *key;
    } rest[] = {{"alerts: First event", "first"},
                {"alerts: Last event", "last"},
                {"alerts: Source address", "src_ip"},
                {"alerts: User", "user"},
                {"alerts: Host", "host"},
                {"alerts: Rule id", "rule_id"}};
    for (size_t i = 0; i < AG_ARRAY_LEN(rest); i++)
        if (*str(a, rest[i].key))
            page_dl_item(req, rest[i].label, str(a, rest[i].key));
    page_dl_item(req, "alerts: Count",
                 arena_printf(&req->arena, "%" JSON_INTEGER_FORMAT,
                              json_integer_value(json_object_get(a, "count"))));
    json_t *attack = json_object_get(a, "attack");
    if (json_array_size(attack)) {
        struct strbuf t;
        strbuf_init(&t, 4096);
        for (size_t i = 0; i < json_array_size(attack); i++) {
            if (i)
                strbuf_adds(&t, ", ");
            strbuf_adds(&t, json_string_value(json_array_get(attack, i)));
        }
        page_dl_item(req, "alerts: ATT&CK techniques", strbuf_ok(&t) ? strbuf_str(&t) : "");
        strbuf_release(&t);
    }
    json_t *inc = json_object_get(a, "incident_id");
    if (json_is_integer(inc)) {
        html_lit(h, "<dt>");
        html_text(h, web_tr(req, "alerts: Incident"));
        html_lit(h, "</dt><dd id=\"alert-incident\">");
        const char *href =
            arena_printf(&req->arena, "/incidents/%" JSON_INTEGER_FORMAT, json_integer_value(inc));
        page_link(req, href ? href : "/incidents",
                  arena_printf(&req->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(inc)));
        html_lit(h, "</dd>");
    }
    page_dl_end(req);

    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "alerts: Guideline items"));
    html_lit(h, "</h2>");
    guideline_list(req, a);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "alerts: Evidence"));
    html_lit(h, "</h2>");
    page_note(req, web_tr(req, "alerts: The log lines behind the alert, as they were written "
                               "(they may contain what an attacker typed)."));
    json_t *ev = json_object_get(a, "evidence");
    html_lit(h, "<div id=\"evidence\">");
    for (size_t i = 0; i < json_array_size(ev); i++) {
        html_lit(h, "<pre class=\"report\">");
        html_text(h, json_string_value(json_array_get(ev, i)));
        html_lit(h, "</pre>");
    }
    html_lit(h, "</div>");

    if (web_has_role(req, ALERT_HANDLE_ROLES)) {
        bool closed = strcmp(status, "closed") == 0, linked = json_is_integer(inc);
        if (!closed || !linked) {
            html_lit(h, "<h2 id=\"steps\">");
            html_text(h, web_tr(req, "alerts: Handling"));
            html_lit(h, "</h2><div class=\"steps\">");
        }
        if (strcmp(status, "new") == 0)
            step_form(req, id, "acknowledge");
        if (!closed)
            step_form(req, id, "close");
        if (!linked) {
            page_form_begin(req, alert_href(req, id, "/incident"));
            page_input(req, "incident", "alerts: Incident number (empty: open a new incident)",
                       "number", NULL, false);
            page_form_end(req, "alerts: Link to the incident or open one");
        }
        if (!closed || !linked)
            html_lit(h, "</div>");
    }
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "alerts: History"));
    html_lit(h, "</h2>");
    history(req, json_object_get(a, "actions"));
    page_end(req);
    return AG_OK;
}

static int load(struct web_req *req, json_t **a)
{
    struct ag_error err;
    const char *id = web_param(req, "id");
    int rc = isms_alert_get(req->st, id ? id : "", a, &err);
    if (rc == AG_ENOTFOUND)
        return web_error(req, 404, "alerts: No such alert");
    return rc;
}

static int page_alert_one(struct web_req *req)
{
    json_t *a = NULL;
    int rc = load(req, &a);
    if (rc || !a)
        return rc;
    rc = alert_page(req, a, NULL);
    json_decref(a);
    return rc;
}

/* ---- POST /alerts/{id}/step and /alerts/{id}/incident ---- */

struct post_ctx {
    const char *id, *step, *note, *incident;
    long long out;
};

static int do_step(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct post_ctx *c = ctx;
    return isms_alert_step(req->st, c->id, c->step, req->user.person_id, c->note, err);
}

static int do_incident(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct post_ctx *c = ctx;
    long long n = 0;
    int rc;
    if (c->incident && *c->incident &&
        (rc = isms_check_int("incident", c->incident, 1, INT64_MAX, &n, err)))
        return rc;
    return isms_alert_incident(req->st, c->id, req->user.person_id, n, &c->out, err);
}

static int post(struct web_req *req, int (*fn)(struct web_req *, void *, struct ag_error *),
                struct post_ctx *c, const char *ok)
{
    json_t *a = NULL;
    struct ag_error err;
    int rc = load(req, &a);
    if (rc || !a)
        return rc;
    c->id = str(a, "id");
    rc = web_action(req, fn, c, &err);
    if (rc == AG_OK) {
        rc = web_redirect(req, alert_href(req, c->id, ok));
        json_decref(a);
        return rc;
    }
    unsigned status = web_refusal_status(rc);
    int refused = rc;
    json_decref(a);
    if (status == 500)
        return rc;
    const char *msg = arena_strdup(&req->arena, err.msg);
    if ((rc = load(req, &a)) || !a)
        return rc;
    strbuf_reset(&req->out.sb);
    /* refused because the status no longer allows it (someone was quicker): 409 */
    req->status = refused == AG_ENOTFOUND ? 400 : status == 403 ? 409 : status;
    rc = alert_page(req, a, msg ? msg : err.msg);
    json_decref(a);
    return rc;
}

static int page_alert_step(struct web_req *req)
{
    struct post_ctx c = {0};
    c.step = web_form_get(&req->form, "step");
    c.note = web_form_get(&req->form, "note");
    if (!c.step)
        c.step = "";
    const char *ok = strcmp(c.step, "close") == 0 ? "?ok=close" : "?ok=acknowledge";
    return post(req, do_step, &c, ok);
}

static int page_alert_incident(struct web_req *req)
{
    struct post_ctx c = {0};
    c.incident = web_form_get(&req->form, "incident");
    return post(req, do_incident, &c, "?ok=incident");
}

/* ---- the dashboard card ---- */

int alerts_dashboard_card(struct web_req *req)
{
    if (!web_has_role(req, ALERT_VIEW_ROLES))
        return AG_OK;
    struct html *h = &req->out;
    struct ag_error err;
    char since[21];
    json_t *sum;
    ag_time_iso(ag_now() - 86400, since);
    int rc = isms_alert_summary(req->st, since, &sum, &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"alerts\"><h2>");
    html_text(h, web_tr(req, "alerts: Alerts"));
    html_lit(h, "</h2>");
    if (!json_object_size(sum)) {
        html_lit(h, "<p>");
        html_text(h, web_tr(req, "alerts: No alerts in the last 24 hours, none unacknowledged."));
        html_lit(h, "</p>");
    } else {
        static const char *const heads[] = {"alerts: Category", "alerts: Last 24 hours",
                                            "alerts: Unacknowledged"};
        page_table_begin(req, heads, AG_ARRAY_LEN(heads));
        const char *cat;
        json_t *v;
        json_object_foreach(sum, cat, v)
        {
            struct isms_alert_filter recent = {.category = cat, .since = since},
                                     open = {.category = cat, .status = "new"};
            html_lit(h, "<tr><td>");
            html_text(h, enum_label(req, "alert category", cat));
            for (int k = 0; k < 2; k++) {
                html_lit(h, "</td><td>");
                long long n = json_integer_value(json_array_get(v, (size_t)k));
                if (n)
                    page_link(req, list_href(req, k ? &open : &recent, 0),
                              arena_printf(&req->arena, "%lld", n));
                else
                    html_lit(h, "0");
            }
            html_lit(h, "</td></tr>");
        }
        page_table_end(req, 1, NULL);
    }
    html_lit(h, "<p>");
    page_link(req, "/alerts", web_tr(req, "alerts: All alerts"));
    html_lit(h, "</p></section>");
    json_decref(sum);
    return AG_OK;
}

static const struct route alert_routes[] = {
    {WEB_GET, "/alerts", page_alerts, ALERT_VIEW_ROLES, ROUTE_AUTH},
    {WEB_GET, "/alerts/{id}", page_alert_one, ALERT_VIEW_ROLES, ROUTE_AUTH},
    {WEB_POST, "/alerts/{id}/step", page_alert_step, ALERT_HANDLE_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/alerts/{id}/incident", page_alert_incident, ALERT_HANDLE_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
};

static const struct ag_msg alert_msgs[] = {
    {"alerts: Alerts", "アラート", "Alerts"},
    {"alerts: What logwatch detected in the logs (3.1.5.1(2)): password-list attacks, brute "
     "force, spraying, suspicious logins, account changes, cleared logs, web attacks.",
     "logwatch がログから検知したものです（3.1.5.1(2)）: パスワードリスト攻撃、総当たり、"
     "パスワードスプレー、不審なログイン、アカウントの変更、ログの消去、Web への攻撃。",
     "What logwatch detected in the logs (3.1.5.1(2)): password-list attacks, brute force, "
     "spraying, suspicious logins, account changes, cleared logs, web attacks."},
    {"alerts: Category", "種別", "Category"},
    {"alerts: any category", "すべての種別", "any category"},
    {"alerts: Level (and above)", "重要度（以上）", "Level (and above)"},
    {"alerts: any level", "すべての重要度", "any level"},
    {"alerts: any status", "すべての状態", "any status"},
    {"alerts: Source address", "送信元アドレス", "Source address"},
    {"alerts: User", "ユーザー", "User"},
    {"alerts: Filter", "絞り込む", "Filter"},
    {"alerts: Time (UTC)", "時刻（UTC）", "Time (UTC)"},
    {"alerts: Level", "重要度", "Level"},
    {"alerts: Rule", "ルール", "Rule"},
    {"alerts: Count", "件数", "Count"},
    {"alerts: Incident", "インシデント", "Incident"},
    {"alerts: No alerts.", "該当するアラートはありません。", "No alerts."},
    {"alerts: Newest", "最新へ", "Newest"},
    {"alerts: Older alerts", "より古いアラート", "Older alerts"},
    {"alerts: No guideline item given.", "ガイドラインの項目は示されていません。",
     "No guideline item given."},
    {"alerts: Note (optional)", "メモ（任意）", "Note (optional)"},
    {"alerts: Who", "実施者", "Who"},
    {"alerts: Change", "変更", "Change"},
    {"alerts: Note", "メモ", "Note"},
    {"alerts: configuration", "設定による自動処理", "configuration"},
    {"alerts: Not handled yet.", "まだ対応されていません。", "Not handled yet."},
    {"alerts: Alert %s: %s", "アラート %s: %s", "Alert %s: %s"},
    {"alerts: All alerts", "アラートの一覧", "All alerts"},
    {"alerts: First event", "最初のイベント", "First event"},
    {"alerts: Last event", "最後のイベント", "Last event"},
    {"alerts: Host", "ホスト", "Host"},
    {"alerts: Rule id", "ルール ID", "Rule id"},
    {"alerts: ATT&CK techniques", "ATT&CK の手法", "ATT&CK techniques"},
    {"alerts: Guideline items", "ガイドラインの項目", "Guideline items"},
    {"alerts: Evidence", "証跡（ログの行）", "Evidence"},
    {"alerts: The log lines behind the alert, as they were written (they may contain what an "
     "attacker typed).",
     "アラートの根拠となったログの行です（攻撃者が入力した文字列を含むことがあります）。",
     "The log lines behind the alert, as they were written (they may contain what an attacker "
     "typed)."},
    {"alerts: Handling", "対応", "Handling"},
    {"alerts: Incident number (empty: open a new incident)",
     "インシデント番号（空欄なら新しく起票）", "Incident number (empty: open a new incident)"},
    {"alerts: Link to the incident or open one", "インシデントに関連付ける／起票する",
     "Link to the incident or open one"},
    {"alerts: History", "履歴", "History"},
    {"alerts: No such alert", "該当するアラートはありません", "No such alert"},
    {"alerts: No alerts in the last 24 hours, none unacknowledged.",
     "過去 24 時間のアラートも、未確認のアラートもありません。",
     "No alerts in the last 24 hours, none unacknowledged."},
    {"alerts: Last 24 hours", "過去 24 時間", "Last 24 hours"},
    {"alerts: Unacknowledged", "未確認", "Unacknowledged"},
    {"alerts: done:acknowledge", "確認済みにしました。", "Acknowledged."},
    {"alerts: done:close", "クローズしました。", "Closed."},
    {"alerts: done:incident", "インシデントに関連付けました。", "Linked to the incident."},
    {"alert step:acknowledge", "確認済みにする", "Acknowledge"},
    {"alert step:close", "クローズする", "Close"},
    {"alert level:informational", "情報", "informational"},
    {"alert level:low", "低", "low"},
    {"alert level:medium", "中", "medium"},
    {"alert level:high", "高", "high"},
    {"alert level:critical", "重大", "critical"},
    {"alert status:new", "未確認", "new"},
    {"alert status:acknowledged", "確認済み", "acknowledged"},
    {"alert status:closed", "クローズ", "closed"},
    {"alert action:acknowledged", "確認済みにした", "acknowledged"},
    {"alert action:closed", "クローズした", "closed"},
    {"alert action:incident-opened", "インシデントを起票した", "opened an incident"},
    {"alert action:incident-linked", "インシデントに関連付けた", "linked to an incident"},
    {"alert category:password_list_attack", "パスワードリスト攻撃", "password-list attack"},
    {"alert category:brute_force", "総当たり攻撃", "brute force"},
    {"alert category:password_spray", "パスワードスプレー", "password spraying"},
    {"alert category:login_after_failures", "失敗の後のログイン成功", "login after failures"},
    {"alert category:new_source_login", "初めての送信元からのログイン", "login from a new source"},
    {"alert category:off_hours_login", "時間外のログイン", "login out of hours"},
    {"alert category:account_created", "アカウントの作成", "account created"},
    {"alert category:privilege_granted", "権限の付与", "privilege granted"},
    {"alert category:unused_account_login", "長期未使用アカウントのログイン",
     "login to an unused account"},
    {"alert category:log_gap", "ログの途絶", "log gap"},
    {"alert category:log_cleared", "ログの消去", "log cleared"},
    {"alert category:web_attack", "Web への攻撃", "web attack"},
    {"catalog: Alerts on this item", "この項目に関するアラート", "Alerts on this item"},
};

static const struct web_nav alert_nav[] = {{"/alerts", "alerts: Alerts", ALERT_VIEW_ROLES}};

WEB_MODULE(alerts, alert_routes, alert_msgs, alert_nav);
