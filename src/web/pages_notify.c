/*
 * pages_notify.c — the notifications of issue 7 item 6 on the web (src/notify/notify.h,
 * docs/compliance.md "Notifications" / "Web page"): the rules (add, remove), the outbox (the
 * latest 100, filtered by status, the last error shown escaped, failed rows put back in the
 * queue) and the mail settings, read-only (the password file is shown only as set / not set).
 *
 * Who may see: the CISO, the information security managers and the auditors; who may change: the
 * CISO and the managers (the router checks both; everyone else gets 403). Every change goes
 * through the same notify_* functions as `airguard notify`, never SQL of its own, with the
 * person's login as the audit trail's actor (the store's triggers write the trail).
 * Rules with a webhook secret are added with the CLI only: a path typed in a browser is never
 * opened on the server.
 * Thread: a worker thread, with the request's arena and store connection.
 */
#include "notify/notify.h"
#include "store/store.h"
#include "web/web_int.h"

#define NW_VIEW_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_MANAGER | AUTH_ROLE_AUDITOR)
#define NW_EDIT_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_MANAGER)
#define NW_OUTBOX_MAX 100

static const char *field(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && *v ? v : NULL;
}

/* <td> with <form method="post" action="action"><csrf><button>label</button></form> when show,
 * empty otherwise: the button of one row. */
static void button_cell(struct web_req *req, bool show, const char *action, const char *label)
{
    struct html *h = &req->out;
    html_lit(h, "<td>");
    if (show) {
        html_lit(h, "<form method=\"post\" class=\"inline\"");
        html_attr(h, "action", action);
        html_lit(h, ">");
        page_csrf_field(req);
        html_lit(h, "<button type=\"submit\">");
        html_text(h, web_tr(req, label));
        html_lit(h, "</button></form>");
    }
    html_lit(h, "</td>");
}

static void td(struct html *h, const char *v)
{
    html_lit(h, "<td>");
    html_text(h, v);
    html_lit(h, "</td>");
}

static int rules_table(struct web_req *req, bool edit)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT id, channel, target, kinds, min_level, lang, secret_file IS NOT "
                           "NULL, created_at, (SELECT count(*) FROM notify_outbox o WHERE "
                           "o.rule_id = r.id AND o.status = 'queued') FROM notify_rules r ORDER BY "
                           "id",
                           &err);
    if (rc)
        return rc;
    static const char *const heads[] = {"notifyweb: No.",         "notifyweb: Channel",
                                        "notifyweb: Destination", "notifyweb: Kinds",
                                        "notifyweb: Least level", "notifyweb: Language",
                                        "notifyweb: Signed",      "notifyweb: Created",
                                        "notifyweb: Queued",      "notifyweb: Remove"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads) - (edit ? 0 : 1));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *id = store_col_text(s, 0);
        html_lit(h, "<tr>");
        td(h, id);
        for (int c = 1; c <= 5; c++)
            td(h, store_col_text(s, c));
        td(h, web_tr(req, sqlite3_column_int(s, 6) ? "notifyweb: yes" : "notifyweb: no"));
        td(h, store_col_text(s, 7));
        td(h, store_col_text(s, 8));
        if (edit)
            button_cell(req, true, arena_printf(&req->arena, "/notifications/rules/%s/remove", id),
                        "notifyweb: Remove");
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "notifyweb: No rules yet: nobody is notified.");
    return AG_OK;
}

static void add_form(struct web_req *req)
{
    struct html *h = &req->out;
    static const char *const channels[] = {"email", "webhook"};
    static const char *const channel_labels[] = {"notifyweb: e-mail", "notifyweb: webhook"};
    static const char *const levels[] = {"info", "warning", "high", "critical"};
    static const char *const level_labels[] = {"notifyweb: info", "notifyweb: warning",
                                               "notifyweb: high", "notifyweb: critical"};
    static const char *const langs[] = {"ja", "en", "both"};
    static const char *const lang_labels[] = {"notifyweb: Japanese", "notifyweb: English",
                                              "notifyweb: Japanese and English"};
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "notifyweb: Add a rule"));
    html_lit(h, "</h2>");
    page_form_begin(req, "/notifications/rules");
    page_select(req, "channel", "notifyweb: Channel", channels, channel_labels, 2, "email");
    page_input(req, "target",
               "notifyweb: Destination (e-mail address, \"person\" for the person concerned, or "
               "http(s) URL)",
               "text", NULL, true);
    page_input(req, "kinds",
               "notifyweb: Kinds (alert, action, exception, assessment, contradiction; all)",
               "text", "all", false);
    page_select(req, "min_level", "notifyweb: Least level", levels, level_labels, 4, "warning");
    page_select(req, "lang", "notifyweb: Language", langs, lang_labels, 3, "ja");
    page_form_end(req, "notifyweb: Add the rule");
}

static int outbox_table(struct web_req *req, const char *status, bool edit)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT o.id, o.rule_id, r.channel, coalesce(o.recipient, r.target), "
                           "o.event_key, o.level, "
                           "o.status, o.attempts, o.next_attempt, coalesce(o.sent_at, ''), "
                           "o.last_error, o.subject FROM notify_outbox o JOIN notify_rules r ON "
                           "r.id = o.rule_id WHERE (?1 IS NULL OR o.status = ?1) ORDER BY o.id "
                           "DESC LIMIT ?2",
                           &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, status);
    sqlite3_bind_int(s, 2, NW_OUTBOX_MAX);
    static const char *const heads[] = {
        "notifyweb: No.",         "notifyweb: Rule",       "notifyweb: Channel",
        "notifyweb: Destination", "notifyweb: Event",      "notifyweb: Level",
        "notifyweb: Status",      "notifyweb: Attempts",   "notifyweb: Next attempt",
        "notifyweb: Sent",        "notifyweb: Last error", "notifyweb: Subject",
        "notifyweb: Retry"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads) - (edit ? 0 : 1));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *id = store_col_text(s, 0), *st = store_col_text(s, 6);
        bool failed = strcmp(st, "failed") == 0;
        if (failed)
            html_lit(h, "<tr class=\"flagged\">");
        else
            html_lit(h, "<tr>");
        for (int c = 0; c <= 5; c++)
            td(h, store_col_text(s, c));
        td(h, web_tr(req, arena_printf(&req->arena, "notifyweb: status %s", st)));
        for (int c = 7; c <= 11; c++)
            td(h, store_col_text(s, c));
        if (edit)
            button_cell(req, failed,
                        arena_printf(&req->arena, "/notifications/outbox/%s/retry", id),
                        "notifyweb: Retry");
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "notifyweb: Nothing in the outbox.");
    return AG_OK;
}

static const char *setting(struct web_req *req, const char *key)
{
    struct ag_error err;
    sqlite3_stmt *s;
    const char *v = "";
    if (store_prepare(req->st, &s, "SELECT value FROM meta WHERE key = ?", &err) != AG_OK)
        return v;
    store_bind_text(s, 1, key);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = arena_strdup(&req->arena, store_col_text(s, 0));
    sqlite3_finalize(s);
    return v ? v : "";
}

static void settings(struct web_req *req)
{
    struct html *h = &req->out;
    html_lit(h, "<h2 id=\"settings\">");
    html_text(h, web_tr(req, "notifyweb: Mail and webhook settings"));
    html_lit(h, "</h2>");
    page_note(req, web_tr(req, "notifyweb: Changed with `airguard notify config` on the server."));
    page_dl_begin(req);
    static const char *const keys[] = {"smtp.url", "smtp.from", "smtp.ca_file", "smtp.user",
                                       "webhook.ca_file"};
    for (size_t i = 0; i < AG_ARRAY_LEN(keys); i++) {
        const char *v = setting(req, keys[i]);
        page_dl_item(req, keys[i], *v ? v : web_tr(req, "notifyweb: (not set)"));
    }
    /* The password is never read here; whether a file is named is all the page says. */
    page_dl_item(req, "smtp.password_file",
                 web_tr(req, *setting(req, "smtp.password_file") ? "notifyweb: (set)"
                                                                 : "notifyweb: (not set)"));
    page_dl_end(req);
}

static bool status_ok(const char *s)
{
    return strcmp(s, "queued") == 0 || strcmp(s, "sent") == 0 || strcmp(s, "failed") == 0;
}

static int notify_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    const char *status = web_query(req, "status");
    if (status && !*status)
        status = NULL;
    if (status && !status_ok(status))
        return web_error(req, 400, "notifyweb: The status filter is queued, sent or failed");
    bool edit = web_has_role(req, NW_EDIT_ROLES);
    page_begin(req, web_tr(req, "notifyweb: Notifications"));
    page_h1(req, web_tr(req, "notifyweb: Notifications"));
    page_note(req, web_tr(req, "notifyweb: High alerts, corrective actions due and overdue, "
                               "exceptions expiring, the self-inspection schedule and answers "
                               "contradicted by evidence are sent by e-mail or webhook to the "
                               "destinations of these rules."));
    if (alert)
        page_alert(req, alert);
    const char *ok = web_query(req, "ok");
    if (ok && *ok)
        page_ok(req, web_tr(req, "notifyweb: Saved."));
    html_lit(h, "<h2 id=\"rules\">");
    html_text(h, web_tr(req, "notifyweb: Rules"));
    html_lit(h, "</h2>");
    int rc = rules_table(req, edit);
    if (rc)
        return rc;
    if (edit)
        add_form(req);
    html_lit(h, "<h2 id=\"outbox\">");
    html_text(h, web_tr(req, "notifyweb: Outbox (latest 100)"));
    html_lit(h, "</h2><form method=\"get\" action=\"/notifications\" class=\"search filters\">");
    static const char *const sv[] = {"", "queued", "sent", "failed"};
    static const char *const sl[] = {"notifyweb: all", "notifyweb: status queued",
                                     "notifyweb: status sent", "notifyweb: status failed"};
    page_select(req, "status", "notifyweb: Status", sv, sl, 4, status ? status : "");
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "notifyweb: Filter"));
    html_lit(h, "</button></form>");
    if ((rc = outbox_table(req, status, edit)))
        return rc;
    settings(req);
    page_end(req);
    return AG_OK;
}

static int page_notify(struct web_req *req)
{
    return notify_page(req, NULL);
}

static int do_add(struct web_req *req, void *ctx, struct ag_error *err)
{
    (void)ctx;
    long long id;
    const char *channel = field(req, "channel"), *target = field(req, "target");
    if (!channel || !target)
        return ag_error_set(err, AG_EINVAL, "notifyweb: channel and destination are required");
    const struct notify_rule_new r = {
        channel, target, field(req, "kinds"), field(req, "min_level"), field(req, "lang"), NULL};
    return notify_rule_add(req->st, &r, &id, err);
}

static int page_rule_add(struct web_req *req)
{
    struct ag_error err;
    int rc = web_action(req, do_add, NULL, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/notifications?ok=1");
    return web_refused(req, rc, &err, "notify_rules", 0, "add a notification rule", notify_page);
}

static int page_rule_remove(struct web_req *req)
{
    struct ag_error err;
    long long id;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, "notifyweb: No such rule");
    /* notify_rule_remove runs its own transaction (outbox rows and the rule together), so it is
     * called as the CLI calls it, not inside web_action's; the actor is set the same way. */
    ag_error_set_lang(req->lang);
    store_set_actor(req->st, req->user.login);
    int rc = notify_rule_remove(req->st, id, &err);
    store_set_actor(req->st, "web");
    if (rc == AG_OK)
        return web_redirect(req, "/notifications?ok=1");
    return web_refused(req, rc, &err, "notify_rules", id, "remove a notification rule",
                       notify_page);
}

static int do_retry(struct web_req *req, void *ctx, struct ag_error *err)
{
    int n;
    return notify_retry(req->st, *(const long long *)ctx, &n, err);
}

static int page_retry(struct web_req *req)
{
    struct ag_error err;
    long long id;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, "notifyweb: No such notification");
    int rc = web_action(req, do_retry, &id, &err);
    if (rc == AG_OK)
        return web_redirect(req, "/notifications?ok=1#outbox");
    return web_refused(req, rc, &err, "notify_outbox", id, "retry a notification", notify_page);
}

/* clang-format off */
static const struct ag_msg notifyweb_msgs[] = {
    {"notifyweb: Notifications", "通知", "Notifications"},
    {"notifyweb: High alerts, corrective actions due and overdue, exceptions expiring, the "
     "self-inspection schedule and answers contradicted by evidence are sent by e-mail or webhook "
     "to the destinations of these rules.",
     "重要度の高いアラート、期限が近い・超過した是正処置、期限切れが近い例外、自己点検の予定、証跡と矛盾する回答を、"
     "ここに登録した宛先へ電子メール又は Webhook で通知します。",
     "High alerts, corrective actions due and overdue, exceptions expiring, the self-inspection "
     "schedule and answers contradicted by evidence are sent by e-mail or webhook to the "
     "destinations of these rules."},
    {"notifyweb: Saved.", "保存しました。", "Saved."},
    {"notifyweb: Rules", "通知ルール", "Rules"},
    {"notifyweb: No.", "番号", "No."},
    {"notifyweb: Channel", "経路", "Channel"},
    {"notifyweb: Destination", "宛先", "Destination"},
    {"notifyweb: Kinds", "種類", "Kinds"},
    {"notifyweb: Least level", "最低レベル", "Least level"},
    {"notifyweb: Language", "言語", "Language"},
    {"notifyweb: Signed", "署名", "Signed"},
    {"notifyweb: Created", "作成日時", "Created"},
    {"notifyweb: Queued", "送信待ち", "Queued"},
    {"notifyweb: Remove", "削除", "Remove"},
    {"notifyweb: yes", "あり", "yes"},
    {"notifyweb: no", "なし", "no"},
    {"notifyweb: No rules yet: nobody is notified.", "通知ルールはありません。誰にも通知されません。",
     "No rules yet: nobody is notified."},
    {"notifyweb: Add a rule", "ルールを追加", "Add a rule"},
    {"notifyweb: e-mail", "電子メール", "e-mail"},
    {"notifyweb: webhook", "Webhook", "webhook"},
    {"notifyweb: info", "情報", "info"},
    {"notifyweb: warning", "警告", "warning"},
    {"notifyweb: high", "高", "high"},
    {"notifyweb: critical", "重大", "critical"},
    {"notifyweb: Japanese", "日本語", "Japanese"},
    {"notifyweb: English", "英語", "English"},
    {"notifyweb: Japanese and English", "日本語と英語", "Japanese and English"},
    {"notifyweb: Destination (e-mail address, \"person\" for the person concerned, or http(s) "
     "URL)",
     "宛先（メールアドレス、関係者本人なら「person」、又は http(s) の URL）",
     "Destination (e-mail address, \"person\" for the person concerned, or http(s) URL)"},
    {"notifyweb: Kinds (alert, action, exception, assessment, contradiction; all)",
     "種類（alert, action, exception, assessment, contradiction をカンマ区切り。all はすべて）",
     "Kinds (alert, action, exception, assessment, contradiction; all)"},
    {"notifyweb: Add the rule", "追加する", "Add the rule"},
    {"notifyweb: Outbox (latest 100)", "送信キュー（最新 100 件）", "Outbox (latest 100)"},
    {"notifyweb: all", "すべて", "all"},
    {"notifyweb: status queued", "送信待ち", "queued"},
    {"notifyweb: status sent", "送信済み", "sent"},
    {"notifyweb: status failed", "失敗", "failed"},
    {"notifyweb: Status", "状態", "Status"},
    {"notifyweb: Filter", "絞り込む", "Filter"},
    {"notifyweb: Rule", "ルール", "Rule"},
    {"notifyweb: Event", "事象", "Event"},
    {"notifyweb: Level", "レベル", "Level"},
    {"notifyweb: Attempts", "試行回数", "Attempts"},
    {"notifyweb: Next attempt", "次回試行", "Next attempt"},
    {"notifyweb: Sent", "送信日時", "Sent"},
    {"notifyweb: Last error", "最後のエラー", "Last error"},
    {"notifyweb: Subject", "件名", "Subject"},
    {"notifyweb: Retry", "再送", "Retry"},
    {"notifyweb: Nothing in the outbox.", "送信キューは空です。", "Nothing in the outbox."},
    {"notifyweb: Mail and webhook settings", "メール・Webhook の設定", "Mail and webhook settings"},
    {"notifyweb: Changed with `airguard notify config` on the server.",
     "設定の変更はサーバ上で `airguard notify config` により行います。",
     "Changed with `airguard notify config` on the server."},
    {"notifyweb: (not set)", "（未設定）", "(not set)"},
    {"notifyweb: (set)", "（設定済み）", "(set)"},
    {"notifyweb: The status filter is queued, sent or failed",
     "状態の絞り込みは queued, sent, failed のいずれかです", "The status filter is queued, sent or failed"},
    {"notifyweb: channel and destination are required", "経路と宛先は必須です",
     "channel and destination are required"},
    {"notifyweb: No such rule", "該当する通知ルールはありません", "No such rule"},
    {"notifyweb: No such notification", "該当する通知はありません", "No such notification"},
};
/* clang-format on */

static const struct route notify_routes[] = {
    {WEB_GET, "/notifications", page_notify, NW_VIEW_ROLES, ROUTE_AUTH},
    {WEB_POST, "/notifications/rules", page_rule_add, NW_EDIT_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/notifications/rules/{id}/remove", page_rule_remove, NW_EDIT_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/notifications/outbox/{id}/retry", page_retry, NW_EDIT_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav notify_nav[] = {
    {"/notifications", "notifyweb: Notifications", NW_VIEW_ROLES}};
WEB_MODULE(notify, notify_routes, notifyweb_msgs, notify_nav);
