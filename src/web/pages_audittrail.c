/*
 * pages_audittrail.c — the audit trail (audit_log, src/store/audit.c) for the administrator of
 * airguard, the CISO and the auditors: every change of every record and every security-relevant
 * act, newest first, with filters (actor, table/subject, record id, action, date range) and 50
 * rows a page; and its verification on demand — the same check as `airguard audit verify`
 * (store_audit_verify: the hash chain, then every record against its last audited state).
 *
 * Guideline: logs of use and of access are kept and examined (3.1.5.1(2)(a) ログの取得・管理 ①②),
 * internal and external audits examine the records (3.3.1.1(2)); the trail is evidence, so it is
 * read-only here and only the roles that oversee or audit the ISMS read it (5.3(5)): everyone
 * else gets 403. A verification is itself recorded (action `verify`, entity `audit_log`, the
 * result and the person), so the trail shows who checked it and what was found; the page shows
 * the latest one.
 *
 * Secrets: the store records secret columns (password hashes, TOTP secrets, session ids) only as
 * "sha256:…" digests; a value under such a column name that is not a digest (an old row) is shown
 * as its digest too, so the page never shows a secret.
 */
#include "isms/isms.h"
#include "store/store.h"
#include "web/web_int.h"

#include <jansson.h>
#include <sodium.h>

#define TRAIL_PAGE 50
#define TRAIL_ROLES (AUTH_ROLE_ADMIN | AUTH_ROLE_CISO | AUTH_ROLE_AUDITOR)

static bool secret_column(const char *name)
{
    static const char *const secrets[] = {"password_hash", "totp_secret", "pending_secret",
                                          "token_hash", "secret"};
    for (size_t i = 0; i < AG_ARRAY_LEN(secrets); i++)
        if (strcmp(name, secrets[i]) == 0)
            return true;
    return false;
}

/* A JSON value as display text (at most 200 bytes; strings without quotes; secrets digested). */
static const char *value_text(struct web_req *req, const char *key, json_t *v)
{
    char *s;
    const char *out;
    if (json_is_null(v) || !v)
        return "NULL";
    if (json_is_string(v))
        s = strdup(json_string_value(v));
    else
        s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        return "";
    if (key && secret_column(key) && *s && strncmp(s, "sha256:", 7) != 0) {
        unsigned char d[crypto_hash_sha256_BYTES];
        char hex[65];
        crypto_hash_sha256(d, (const unsigned char *)s, strlen(s));
        sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
        sodium_memzero(s, strlen(s));
        out = arena_printf(&req->arena, "sha256:%s", hex);
    } else if (strlen(s) > 200) {
        /* cut on a UTF-8 boundary */
        size_t n = 200;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        out = arena_printf(&req->arena, "%.*s…", (int)n, s);
    } else {
        out = arena_strdup(&req->arena, s);
    }
    free(s);
    return out ? out : "";
}

/* The detail of one row: for an update the changed columns (old → new), for an insert or delete
 * the record, for other acts the JSON's fields; in a <details> element. */
static void detail_cell(struct web_req *req, const char *action, const char *detail)
{
    struct html *h = &req->out;
    json_error_t jerr;
    json_t *root = json_loads(detail, 0, &jerr);
    if (!root || !json_is_object(root)) {
        html_text(h, detail);
        json_decref(root);
        return;
    }
    json_t *old = json_object_get(root, "old"), *new = json_object_get(root, "new");
    bool row = strcmp(action, "insert") == 0 || strcmp(action, "update") == 0 ||
               strcmp(action, "delete") == 0;
    json_t *shown = row ? (new ? new : old) : root;
    if (!json_is_object(shown)) {
        html_text(h, detail);
        json_decref(root);
        return;
    }
    size_t changed = 0;
    const char *key;
    json_t *v;
    struct strbuf names;
    strbuf_init(&names, 1024);
    json_object_foreach(shown, key, v)
    {
        if (strcmp(action, "update") == 0 && json_is_object(old) &&
            json_equal(json_object_get(old, key), v))
            continue;
        if (changed++)
            strbuf_adds(&names, ", ");
        strbuf_adds(&names, key);
    }
    html_lit(h, "<details><summary>");
    if (strcmp(action, "update") == 0 && changed == 0)
        html_text(h, web_tr(req, "trail: no change of value"));
    else if (strcmp(action, "update") == 0)
        html_text(h, strbuf_ok(&names) ? strbuf_str(&names) : "…");
    else
        html_textf(h, web_tr(req, "trail: %zu fields"), changed);
    strbuf_release(&names);
    html_lit(h, "</summary><dl class=\"detail\">");
    json_object_foreach(shown, key, v)
    {
        json_t *was = json_is_object(old) ? json_object_get(old, key) : NULL;
        if (strcmp(action, "update") == 0 && json_equal(was, v))
            continue;
        html_lit(h, "<dt>");
        html_text(h, key);
        html_lit(h, "</dt><dd>");
        if (strcmp(action, "update") == 0 && was) {
            html_text(h, value_text(req, key, was));
            html_text(h, " → ");
        }
        html_text(h, value_text(req, key, v));
        html_lit(h, "</dd>");
    }
    html_lit(h, "</dl></details>");
    json_decref(root);
}

/* The latest recorded verification, as a status panel with the button to run one. */
static int verify_panel(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT seq, at, actor, json_extract(detail, '$.result'), "
                           "json_extract(detail, '$.rows'), coalesce(json_extract(detail, "
                           "'$.seq'), 0), coalesce(json_extract(detail, '$.problem'), ''), "
                           "coalesce(json_extract(detail, '$.head'), '') FROM audit_log WHERE "
                           "action = 'verify' AND entity = 'audit_log' ORDER BY seq DESC LIMIT 1",
                           &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"verify\"><h2>");
    html_text(h, web_tr(req, "trail: Verification"));
    html_lit(h, "</h2>");
    if (sqlite3_step(s) == SQLITE_ROW) {
        bool intact = strcmp(store_col_text(s, 3), "intact") == 0;
        if (intact) {
            html_lit(h, "<p class=\"ok\" role=\"status\" id=\"verify-result\">");
            html_textf(h, web_tr(req, "trail: Intact: %lld rows checked, head %.16s…"),
                       sqlite3_column_int64(s, 4), store_col_text(s, 7));
        } else {
            html_lit(h, "<p class=\"alert\" role=\"alert\" id=\"verify-result\">");
            html_textf(h, web_tr(req, "trail: Broken at row %lld: %s"), sqlite3_column_int64(s, 5),
                       store_col_text(s, 6));
        }
        html_lit(h, "</p><p class=\"small\">");
        html_textf(h, web_tr(req, "trail: Checked by %s at %s (row %lld of the trail)."),
                   store_col_text(s, 2), store_col_text(s, 1), sqlite3_column_int64(s, 0));
        html_lit(h, "</p>");
    } else {
        page_note(req, web_tr(req, "trail: Not verified from this page yet."));
    }
    sqlite3_finalize(s);
    page_note(req, web_tr(req, "trail: Verification recomputes the hash chain of every row and "
                               "compares every record with its last audited state — the same "
                               "check as airguard audit verify."));
    html_lit(h, "<form method=\"post\" action=\"/audit/verify\" class=\"inline\">");
    page_csrf_field(req);
    html_lit(h, "<button type=\"submit\" class=\"primary\">");
    html_text(h, web_tr(req, "trail: Verify now"));
    html_lit(h, "</button></form></section>");
    return AG_OK;
}

struct trail_filter {
    const char *actor, *entity, *id, *action, *from, *to;
};

static const char *const actions[] = {"", "insert", "update", "delete", "other"};
static const char *const action_labels[] = {"trail: any action", "trail: insert", "trail: update",
                                            "trail: delete", "trail: other acts"};

/* Validates the query's filters; false (with *msg) for a bad one. */
static bool filters_parse(struct web_req *req, struct trail_filter *f, const char **msg)
{
    struct ag_error err;
    const char *v;
    f->actor = (v = web_query(req, "actor")) ? v : "";
    f->entity = (v = web_query(req, "entity")) ? v : "";
    f->id = (v = web_query(req, "id")) ? v : "";
    f->action = (v = web_query(req, "action")) ? v : "";
    f->from = (v = web_query(req, "from")) ? v : "";
    f->to = (v = web_query(req, "to")) ? v : "";
    bool ok = false;
    for (size_t i = 0; i < AG_ARRAY_LEN(actions); i++)
        ok |= strcmp(f->action, actions[i]) == 0;
    if (!ok || strlen(f->actor) > 128 || strlen(f->entity) > 64 || strlen(f->id) > 32 ||
        strspn(f->entity, "abcdefghijklmnopqrstuvwxyz_0123456789.") != strlen(f->entity)) {
        *msg = web_tr(req, "trail: A filter value is not valid");
        return false;
    }
    char d[11];
    ag_error_set_lang(req->lang);
    if ((*f->from && isms_check_date("from", f->from, d, &err)) ||
        (*f->to && isms_check_date("to", f->to, d, &err))) {
        *msg = arena_strdup(&req->arena, err.msg);
        if (!*msg)
            *msg = "";
        return false;
    }
    return true;
}

static void filter_form(struct web_req *req, const struct trail_filter *f)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    html_lit(h, "<form method=\"get\" action=\"/audit\" class=\"search\">");
    page_input(req, "actor", "trail: Actor", "text", f->actor, false);
    /* the tables and subjects that occur in the trail */
    const char *values[129], *labels[129];
    size_t n = 0;
    values[n] = "";
    labels[n++] = web_tr(req, "trail: every table");
    if (store_prepare(req->st, &s, "SELECT DISTINCT entity FROM audit_log ORDER BY entity", &err) ==
        AG_OK) {
        while (n < AG_ARRAY_LEN(values) && sqlite3_step(s) == SQLITE_ROW) {
            values[n] = labels[n] = arena_strdup(&req->arena, store_col_text(s, 0));
            if (values[n])
                n++;
        }
        sqlite3_finalize(s);
    }
    html_lit(h, "<div class=\"field\"><label for=\"entity\">");
    html_text(h, web_tr(req, "trail: Table"));
    html_lit(h, "</label><select id=\"entity\" name=\"entity\">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", values[i]);
        if (strcmp(values[i], f->entity) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, labels[i]);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
    page_input(req, "id", "trail: Record id", "text", f->id, false);
    page_select(req, "action", "trail: Action", actions, action_labels, AG_ARRAY_LEN(actions),
                f->action);
    page_input(req, "from", "trail: From", "date", f->from, false);
    page_input(req, "to", "trail: To", "date", f->to, false);
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "trail: Filter"));
    html_lit(h, "</button></form>");
}

static const char *page_href(struct web_req *req, const struct trail_filter *f, long page)
{
    struct strbuf sb;
    strbuf_init(&sb, 2048);
    strbuf_addf(&sb, "/audit?page=%ld", page);
    const char *names[] = {"actor", "entity", "id", "action", "from", "to"};
    const char *vals[] = {f->actor, f->entity, f->id, f->action, f->from, f->to};
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++) {
        if (!*vals[i])
            continue;
        strbuf_addf(&sb, "&%s=", names[i]);
        html_url_component(&sb, vals[i]);
    }
    const char *out = strbuf_ok(&sb) ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return out ? out : "/audit";
}

static int page_audit(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    struct trail_filter f;
    const char *bad = NULL;
    if (!filters_parse(req, &f, &bad)) {
        req->status = 400;
        memset(&f, 0, sizeof(f));
        f.actor = f.entity = f.id = f.action = f.from = f.to = "";
    }
    long page = 1;
    const char *p = web_query(req, "page");
    if (p && *p && strlen(p) <= 6 && strspn(p, "0123456789") == strlen(p))
        page = strtol(p, NULL, 10);
    if (page < 1)
        page = 1;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT seq, at, actor, action, entity, entity_id, detail FROM audit_log WHERE (?1 = '' "
        "OR actor = ?1) AND (?2 = '' OR entity = ?2) AND (?3 = '' OR entity_id = ?3) AND (?4 = '' "
        "OR (?4 = 'other' AND action NOT IN ('insert', 'update', 'delete')) OR action = ?4) AND "
        "(?5 = '' OR at >= ?5) AND (?6 = '' OR at < date(?6, '+1 day')) ORDER BY seq DESC LIMIT "
        "?7 OFFSET ?8",
        &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, f.actor);
    store_bind_text(s, 2, f.entity);
    store_bind_text(s, 3, f.id);
    store_bind_text(s, 4, f.action);
    store_bind_text(s, 5, f.from);
    store_bind_text(s, 6, f.to);
    sqlite3_bind_int(s, 7, TRAIL_PAGE + 1);
    sqlite3_bind_int64(s, 8, (page - 1) * TRAIL_PAGE);
    page_begin(req, web_tr(req, "trail: Audit trail"));
    page_h1(req, web_tr(req, "trail: Audit trail"));
    page_note(req, web_tr(req, "trail: Every change of every record and every security-relevant "
                               "act, hash-chained so that a change behind airguard's back shows "
                               "(guideline 3.1.5.1(2)(a), 3.3.1.1(2)). Secrets appear only as "
                               "digests."));
    if (bad)
        page_alert(req, bad);
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "verify") == 0)
        page_ok(req, web_tr(req, "trail: The trail was verified; the result is below."));
    if ((rc = verify_panel(req))) {
        sqlite3_finalize(s);
        return rc;
    }
    filter_form(req, &f);
    static const char *const heads[] = {"trail: Row",    "trail: Time (UTC)", "trail: Actor",
                                        "trail: Action", "trail: Table",      "trail: Record id",
                                        "trail: Detail"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t rows = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (++rows > TRAIL_PAGE)
            break;
        const char *rid = arena_printf(&req->arena, "row-%lld", sqlite3_column_int64(s, 0));
        html_lit(h, "<tr");
        html_attr(h, "id", rid ? rid : "");
        html_lit(h, "><td>");
        html_textf(h, "%lld", sqlite3_column_int64(s, 0));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 4));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        html_lit(h, "</td><td>");
        detail_cell(req, store_col_text(s, 3), store_col_text(s, 6));
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    page_table_end(req, rows, "trail: No rows match.");
    if (page > 1 || rows > TRAIL_PAGE) {
        html_lit(h, "<p class=\"pager\">");
        if (page > 1)
            page_link(req, page_href(req, &f, page - 1), web_tr(req, "users: Previous page"));
        html_lit(h, " ");
        if (rows > TRAIL_PAGE)
            page_link(req, page_href(req, &f, page + 1), web_tr(req, "users: Next page"));
        html_lit(h, "</p>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- POST /audit/verify ---- */

static int page_audit_verify(struct web_req *req)
{
    struct ag_error err;
    struct store_verify v;
    /* one read snapshot (WAL): the chain and the records are compared at the same instant */
    int rc = store_exec(req->st, "BEGIN", &err);
    if (rc)
        return rc;
    rc = store_audit_verify(req->st, &v, &err);
    store_rollback(req->st);
    if (rc)
        return rc;
    json_t *d = v.bad_seq ? json_pack("{s:s, s:I, s:I, s:s}", "result", "broken", "rows",
                                      (json_int_t)v.rows, "seq", (json_int_t)v.bad_seq, "problem",
                                      v.problem)
                          : json_pack("{s:s, s:I, s:s}", "result", "intact", "rows",
                                      (json_int_t)v.rows, "head", v.head_hash);
    char *text = d ? json_dumps(d, JSON_COMPACT) : NULL;
    json_decref(d);
    if (!text)
        return AG_ENOMEM;
    store_set_actor(req->st, req->user.login);
    rc = store_audit(req->st, "verify", "audit_log", "", text, &err);
    store_set_actor(req->st, "web");
    free(text);
    if (rc)
        return rc;
    return web_redirect(req, "/audit?ok=verify#verify");
}

static const struct ag_msg trail_msgs[] = {
    {"trail: Audit trail", "監査証跡", "Audit trail"},
    {"trail: Every change of every record and every security-relevant act, hash-chained so that a "
     "change behind airguard's back shows (guideline 3.1.5.1(2)(a), 3.3.1.1(2)). Secrets appear "
     "only as digests.",
     "すべての記録の変更とセキュリティ上重要な操作の記録です。ハッシュの連鎖により、airguard "
     "を介さない改ざんが分かります（ガイドライン "
     "3.1.5.1(2)(a)、3.3.1.1(2)）。秘密情報はダイジェスト"
     "だけを表示します。",
     "Every change of every record and every security-relevant act, hash-chained so that a change "
     "behind airguard's back shows (guideline 3.1.5.1(2)(a), 3.3.1.1(2)). Secrets appear only as "
     "digests."},
    {"trail: The trail was verified; the result is below.",
     "監査証跡を検証しました。結果は下記のとおりです。",
     "The trail was verified; the result is below."},
    {"trail: Verification", "完全性の検証", "Verification"},
    {"trail: Intact: %lld rows checked, head %.16s…",
     "改ざんなし: %lld 行を検証、先頭ハッシュ %.16s…", "Intact: %lld rows checked, head %.16s…"},
    {"trail: Broken at row %lld: %s", "行 %lld で連鎖が壊れています: %s", "Broken at row %lld: %s"},
    {"trail: Checked by %s at %s (row %lld of the trail).",
     "%s が %s に検証（監査証跡の行 %lld）。", "Checked by %s at %s (row %lld of the trail)."},
    {"trail: Not verified from this page yet.", "この画面からはまだ検証されていません。",
     "Not verified from this page yet."},
    {"trail: Verification recomputes the hash chain of every row and compares every record with "
     "its last audited state — the same check as airguard audit verify.",
     "検証では全行のハッシュ連鎖を計算し直し、すべての記録を最後に記録された状態と照合します（airgu"
     "ard "
     "audit verify と同じ検査）。",
     "Verification recomputes the hash chain of every row and compares every record with its last "
     "audited state — the same check as airguard audit verify."},
    {"trail: Verify now", "今すぐ検証", "Verify now"},
    {"trail: any action", "すべての操作", "any action"},
    {"trail: insert", "追加", "insert"},
    {"trail: update", "更新", "update"},
    {"trail: delete", "削除", "delete"},
    {"trail: other acts", "その他の操作", "other acts"},
    {"trail: A filter value is not valid", "絞り込みの値が正しくありません",
     "A filter value is not valid"},
    {"trail: Actor", "実行者", "Actor"},
    {"trail: every table", "すべての表", "every table"},
    {"trail: Table", "表・対象", "Table"},
    {"trail: Record id", "記録 ID", "Record id"},
    {"trail: Action", "操作", "Action"},
    {"trail: From", "開始日", "From"},
    {"trail: To", "終了日", "To"},
    {"trail: Filter", "絞り込む", "Filter"},
    {"trail: Row", "行", "Row"},
    {"trail: Time (UTC)", "日時（UTC）", "Time (UTC)"},
    {"trail: Detail", "内容", "Detail"},
    {"trail: No rows match.", "該当する行はありません。", "No rows match."},
    {"trail: %zu fields", "%zu 項目", "%zu fields"},
    {"trail: no change of value", "値の変更なし", "no change of value"},
};

static const struct route trail_routes[] = {
    {WEB_GET, "/audit", page_audit, TRAIL_ROLES, ROUTE_AUTH},
    {WEB_POST, "/audit/verify", page_audit_verify, TRAIL_ROLES, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav trail_nav[] = {{"/audit", "trail: Audit trail", TRAIL_ROLES}};
WEB_MODULE(audittrail, trail_routes, trail_msgs, trail_nav);
