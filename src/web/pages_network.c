/*
 * pages_network.c — /network: what netwatch saw on the wire (guideline 3.1.5.2 asset
 * management, 2.1.2 watch for unmanaged devices). Shows the last inventory stored by
 * `airguard netwatch inventory -r FILE --store` (table netwatch_assets, src/isms/netassets.c):
 * each device with its status against the asset register (unauthorised and unmanaged ones
 * highlighted and listed first), vendor, IPs, names, protocols, roles and when it was last
 * seen; the registered assets that were not observed; and the latest network alerts (category
 * "network", stored by `netwatch watch --store`) for those who see alerts. Read-only: the
 * inventory changes only through the CLI (audited). Every value from the wire goes through the
 * escaping builder.
 *
 * The dashboard card (network_dashboard_card) gives the two counts that need attention:
 * unauthorised devices and network alerts of the last 24 hours.
 */
#include "isms/alert.h"
#include "store/store.h"
#include "web/alerts.h"
#include "web/web_int.h"

#include <jansson.h>

#define NETWORK_ROLES                                                                              \
    (AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_CISO | AUTH_ROLE_MANAGER |                   \
     AUTH_ROLE_AUDITOR | AUTH_ROLE_ADMIN)
#define NETWORK_ALERTS_SHOWN 10

static const char *status_key(const char *status)
{
    if (strcmp(status, "authorised") == 0)
        return "network: authorised";
    if (strcmp(status, "unmanaged") == 0)
        return "network: unmanaged";
    if (strcmp(status, "unauthorised") == 0)
        return "network: unauthorised";
    if (strcmp(status, "archived") == 0)
        return "network: archived";
    return "network: observed";
}

/* The values of `field` in the JSON array text `text`, joined by ", " (escaped). protocols:
 * "app/proto port" for those served, "→app" for those used. */
static void json_list(struct web_req *req, const char *text, const char *field, bool protocols)
{
    struct html *h = &req->out;
    json_t *arr = json_loads(text, 0, NULL);
    size_t i, shown = 0;
    json_t *e;
    json_array_foreach(arr, i, e)
    {
        const char *v =
            json_is_string(e) ? json_string_value(e) : json_string_value(json_object_get(e, field));
        if (!v)
            continue;
        if (shown++)
            html_lit(h, ", ");
        if (protocols) {
            const char *dir = json_string_value(json_object_get(e, "dir"));
            json_int_t port = json_integer_value(json_object_get(e, "port"));
            if (dir && strcmp(dir, "used") == 0)
                html_lit(h, "→");
            html_text(h, v);
            if (port && !(dir && strcmp(dir, "used") == 0))
                html_textf(h, "/%lld", (long long)port);
        } else {
            html_text(h, v);
        }
    }
    if (!shown)
        html_lit(h, "-");
    json_decref(arr);
}

/* Whether an inventory was stored; its time, source and count. */
static int snapshot_line(struct web_req *req, bool *have)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s, "SELECT taken_at, source, devices FROM netwatch_snapshot WHERE id = 1", &err);
    if (rc)
        return rc;
    *have = sqlite3_step(s) == SQLITE_ROW;
    if (*have)
        page_note(req, arena_printf(&req->arena,
                                    web_tr(req, "network: Inventory of %s from %s: "
                                                "%lld devices."),
                                    store_col_text(s, 0), store_col_text(s, 1),
                                    (long long)sqlite3_column_int64(s, 2)));
    else
        page_alert(req, web_tr(req, "network: No inventory stored yet: run airguard netwatch "
                                    "inventory -r FILE --store"));
    sqlite3_finalize(s);
    return AG_OK;
}

static int observed_table(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT status, key, coalesce(mac, ''), coalesce(vendor, ''), ips, names, protocols, "
        "roles, coalesce(last_seen, ''), coalesce(register_code, '') FROM netwatch_assets "
        "ORDER BY CASE status WHEN 'unauthorised' THEN 0 WHEN 'unmanaged' THEN 1 ELSE 2 END, key",
        &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"observed\"><h2>");
    html_text(h, web_tr(req, "network: Observed devices"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {
        "network: Status",       "network: Device",    "network: Vendor",
        "network: IP addresses", "network: Names",     "network: Protocols",
        "network: Roles",        "network: Last seen", "network: Register"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        rows++;
        const char *status = store_col_text(s, 0);
        html_lit(h, "<tr");
        html_attr(h, "class", arena_printf(&req->arena, "nw-%s", status));
        html_lit(h, "><td><span");
        html_attr(h, "class", arena_printf(&req->arena, "nw-status nw-status-%s", status));
        html_lit(h, ">");
        html_text(h, web_tr(req, status_key(status)));
        html_lit(h, "</span></td><td><code>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</code></td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        json_list(req, store_col_text(s, 4), "ip", false);
        html_lit(h, "</td><td>");
        json_list(req, store_col_text(s, 5), "name", false);
        html_lit(h, "</td><td>");
        json_list(req, store_col_text(s, 6), "app", true);
        html_lit(h, "</td><td>");
        json_list(req, store_col_text(s, 7), NULL, false);
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 8));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 9));
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "network: No device in the stored inventory.");
    html_lit(h, "</section>");
    return AG_OK;
}

static int missing_table(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT code, name, coalesce(ip, ''), coalesce(mac, '') FROM assets "
                           "WHERE code NOT IN (SELECT register_code FROM netwatch_assets WHERE "
                           "register_code IS NOT NULL) ORDER BY code",
                           &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"not-observed\"><h2>");
    html_text(h, web_tr(req, "network: Registered but not observed"));
    html_lit(h, "</h2>");
    page_note(req, web_tr(req, "network: Assets of the register (airguard org asset) the stored "
                               "inventory did not see: switched off, moved, or a wrong address "
                               "in the register?"));
    static const char *const heads[] = {"network: Code", "network: Name", "network: IP address",
                                        "network: MAC address"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        rows++;
        html_lit(h, "<tr>");
        for (int c = 0; c < 4; c++) {
            html_lit(h, "<td>");
            html_text(h, store_col_text(s, c));
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "network: Every registered asset was observed.");
    html_lit(h, "</section>");
    return AG_OK;
}

static int alerts_table(struct web_req *req)
{
    struct html *h = &req->out;
    if (!web_has_role(req, ALERT_VIEW_ROLES))
        return AG_OK;
    struct ag_error err;
    json_t *items = NULL;
    long long next = 0;
    struct isms_alert_filter f = {.category = "network", .limit = NETWORK_ALERTS_SHOWN};
    int rc = isms_alert_query(req->st, &f, &items, &next, &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"network-alerts\"><h2>");
    html_text(h, web_tr(req, "network: Latest network alerts"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"network: Time", "network: Level", "network: Rule",
                                        "network: Source", "network: Alert status"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t i;
    json_t *a;
    json_array_foreach(items, i, a)
    {
        const char *id = json_string_value(json_object_get(a, "id"));
        struct strbuf href;
        strbuf_init(&href, 0);
        strbuf_adds(&href, "/alerts/");
        html_url_component(&href, id ? id : "");
        html_lit(h, "<tr><td>");
        page_link(req, href.buf ? href.buf : "/alerts",
                  json_string_value(json_object_get(a, "time")));
        strbuf_release(&href);
        html_lit(h, "</td><td>");
        html_text(h, json_string_value(json_object_get(a, "level")));
        html_lit(h, "</td><td>");
        html_text(h, json_string_value(json_object_get(a, "rule")));
        html_lit(h, "</td><td>");
        html_text(h, json_string_value(json_object_get(a, "src_ip")));
        html_lit(h, "</td><td>");
        html_text(h, json_string_value(json_object_get(a, "status")));
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, i, "network: No network alert stored.");
    json_decref(items);
    html_lit(h, "<p>");
    page_link(req, "/alerts?category=network", web_tr(req, "network: All network alerts"));
    html_lit(h, "</p></section>");
    return AG_OK;
}

static int page_network(struct web_req *req)
{
    page_begin(req, web_tr(req, "network: Network devices"));
    page_h1(req, web_tr(req, "network: Network devices"));
    page_note(req, web_tr(req, "network: The devices netwatch saw on the wire, compared with the "
                               "asset register (guideline 3.1.5.2, 2.1.2)."));
    bool have = false;
    int rc = snapshot_line(req, &have);
    if (!rc && have)
        rc = observed_table(req);
    if (!rc && have)
        rc = missing_table(req);
    if (!rc)
        rc = alerts_table(req);
    if (rc)
        return rc;
    page_end(req);
    return AG_OK;
}

/* ---- the dashboard card ---- */

int network_dashboard_card(struct web_req *req)
{
    if (!web_has_role(req, NETWORK_ROLES))
        return AG_OK;
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    char since[21];
    ag_time_iso(ag_now() - 86400, since);
    int rc = store_prepare(req->st, &s,
                           "SELECT (SELECT count(*) FROM netwatch_assets WHERE status = "
                           "'unauthorised'), (SELECT count(*) FROM alerts WHERE time >= ? AND "
                           "category = 'network'), EXISTS (SELECT 1 FROM netwatch_snapshot)",
                           &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, since);
    long long unauth = 0, recent = 0;
    bool have = false;
    if (sqlite3_step(s) == SQLITE_ROW) {
        unauth = sqlite3_column_int64(s, 0);
        recent = sqlite3_column_int64(s, 1);
        have = sqlite3_column_int(s, 2) != 0;
    }
    sqlite3_finalize(s);
    html_lit(h, "<section class=\"card\" id=\"network-card\"><h2>");
    page_link(req, "/network", web_tr(req, "network: Network devices"));
    html_lit(h, "</h2><dl class=\"meta\"><dt>");
    html_text(h, web_tr(req, "network: Unauthorised devices"));
    html_lit(h, "</dt><dd id=\"network-unauthorised\"");
    if (unauth)
        html_lit(h, " class=\"bad\"");
    html_lit(h, ">");
    html_textf(h, "%lld", unauth);
    if (!have)
        html_textf(h, " (%s)", web_tr(req, "network: no inventory stored"));
    html_lit(h, "</dd><dt>");
    html_text(h, web_tr(req, "network: Network alerts (24 h)"));
    html_lit(h, "</dt><dd id=\"network-alerts-24h\">");
    if (web_has_role(req, ALERT_VIEW_ROLES))
        page_link(req, "/alerts?category=network", arena_printf(&req->arena, "%lld", recent));
    else
        html_textf(h, "%lld", recent);
    html_lit(h, "</dd></dl></section>");
    return AG_OK;
}

static const struct ag_msg network_msgs[] = {
    {"network: Network devices", "ネットワーク機器", "Network devices"},
    {"network: The devices netwatch saw on the wire, compared with the asset register (guideline "
     "3.1.5.2, 2.1.2).",
     "netwatch がネットワーク上で観測した機器を、資産台帳と照合した結果です（ガイドライン "
     "3.1.5.2、2.1.2）。",
     "The devices netwatch saw on the wire, compared with the asset register (guideline 3.1.5.2, "
     "2.1.2)."},
    {"network: Inventory of %s from %s: %lld devices.", "%s 時点の台帳（入力 %s）: 機器 %lld 台。",
     "Inventory of %s from %s: %lld devices."},
    {"network: No inventory stored yet: run airguard netwatch inventory -r FILE --store",
     "観測台帳はまだ記録されていません: airguard netwatch inventory -r ファイル --store "
     "で記録します",
     "No inventory stored yet: run airguard netwatch inventory -r FILE --store"},
    {"network: Observed devices", "観測された機器", "Observed devices"},
    {"network: Status", "状態", "Status"},
    {"network: Device", "機器（MAC / IP）", "Device (MAC / IP)"},
    {"network: Vendor", "ベンダー", "Vendor"},
    {"network: IP addresses", "IP アドレス", "IP addresses"},
    {"network: Names", "名前", "Names"},
    {"network: Protocols", "プロトコル", "Protocols"},
    {"network: Roles", "役割", "Roles"},
    {"network: Last seen", "最終観測", "Last seen"},
    {"network: Register", "台帳の資産", "Register"},
    {"network: authorised", "登録済み", "authorised"},
    {"network: unmanaged", "管理外（登録あり）", "unmanaged"},
    {"network: unauthorised", "未登録", "unauthorised"},
    {"network: archived", "保管済み", "archived"},
    {"network: observed", "観測のみ", "observed"},
    {"network: No device in the stored inventory.", "記録された台帳に機器はありません。",
     "No device in the stored inventory."},
    {"network: Registered but not observed", "登録済みで観測されていない資産",
     "Registered but not observed"},
    {"network: Assets of the register (airguard org asset) the stored inventory did not see: "
     "switched off, moved, or a wrong address in the register?",
     "資産台帳（airguard org asset）にあるが、記録された観測台帳に現れなかった資産です。電源断、"
     "移設、台帳のアドレス誤りなどを確認してください。",
     "Assets of the register (airguard org asset) the stored inventory did not see: switched "
     "off, moved, or a wrong address in the register?"},
    {"network: Code", "資産コード", "Code"},
    {"network: Name", "名称", "Name"},
    {"network: IP address", "IP アドレス", "IP address"},
    {"network: MAC address", "MAC アドレス", "MAC address"},
    {"network: Every registered asset was observed.", "登録済みの資産はすべて観測されました。",
     "Every registered asset was observed."},
    {"network: Latest network alerts", "最近のネットワーク警報", "Latest network alerts"},
    {"network: Time", "日時", "Time"},
    {"network: Level", "レベル", "Level"},
    {"network: Rule", "規則", "Rule"},
    {"network: Source", "送信元", "Source"},
    {"network: Alert status", "対応状況", "Status"},
    {"network: No network alert stored.", "ネットワーク警報はありません。",
     "No network alert stored."},
    {"network: All network alerts", "ネットワーク警報をすべて表示", "All network alerts"},
    {"network: Unauthorised devices", "未登録の機器", "Unauthorised devices"},
    {"network: no inventory stored", "観測台帳なし", "no inventory stored"},
    {"network: Network alerts (24 h)", "ネットワーク警報（24 時間）", "Network alerts (24 h)"},
};

static const struct route network_routes[] = {
    {WEB_GET, "/network", page_network, NETWORK_ROLES, ROUTE_AUTH},
};
static const struct web_nav network_nav[] = {
    {"/network", "network: Network devices", NETWORK_ROLES}};
WEB_MODULE(network, network_routes, network_msgs, network_nav);
