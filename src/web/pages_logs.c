/*
 * pages_logs.c — /logs: log retention (guideline 3.1.5.1(2)(a) acquire, keep and protect logs,
 * inspect them; 3.2.2.1③ monitoring records kept for a set period). Shows each log archive
 * (segments, lines, bytes before and after compression, the span of time kept, segments expired
 * by policy), the retention policy per kind and source, and the last verification with a
 * button to run one — the same check as `airguard logs verify` (src/logarchive/verify.c),
 * recorded in the audit trail under the signed-in person. Read by the system administrators,
 * CSIRT and the auditors; the policy is changed with `airguard logs policy` (audited).
 */
#include "logarchive/logarchive.h"
#include "store/store.h"
#include "web/web_int.h"

#include <jansson.h>

#define LOGS_ROLES                                                                                 \
    (AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR | AUTH_ROLE_CISO | AUTH_ROLE_ADMIN)

static int archives_table(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT a.path, a.uid, count(g.seq) FILTER (WHERE g.status = 'sealed'), "
        "coalesce(sum(g.lines) FILTER (WHERE g.status = 'sealed'), 0), coalesce(sum(g.raw_bytes) "
        "FILTER (WHERE g.status = 'sealed'), 0), coalesce(sum(g.data_bytes) FILTER (WHERE "
        "g.status = 'sealed'), 0), coalesce(min(g.first_time) FILTER (WHERE g.status = "
        "'sealed'), ''), coalesce(max(g.last_time) FILTER (WHERE g.status = 'sealed'), ''), "
        "count(g.seq) FILTER (WHERE g.status = 'expired') FROM log_archives a LEFT JOIN "
        "log_segments g ON g.archive_id = a.uid GROUP BY a.uid ORDER BY a.path",
        &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"archives\"><h2>");
    html_text(h, web_tr(req, "logs: Archives"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {
        "logs: Folder",       "logs: Segments",    "logs: Lines",       "logs: Raw bytes",
        "logs: Stored bytes", "logs: Oldest line", "logs: Newest line", "logs: Expired by policy"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        rows++;
        html_lit(h, "<tr><td>");
        html_text(h, store_col_text(s, 0));
        html_lit(h, "<br><span class=\"small\">");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</span></td>");
        for (int c = 2; c <= 5; c++) {
            html_lit(h, "<td>");
            html_textf(h, "%lld", sqlite3_column_int64(s, c));
            html_lit(h, "</td>");
        }
        html_lit(h, "<td>");
        html_text(h, store_col_text(s, 6));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 7));
        html_lit(h, "</td><td>");
        html_textf(h, "%lld", sqlite3_column_int64(s, 8));
        html_lit(h, "</td></tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows,
                   "logs: No archive yet: run airguard logwatch serve --archive DIR (or logs "
                   "archive)");
    html_lit(h, "</section>");
    return AG_OK;
}

static int policy_table(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT kind, source, days, basis, updated_at, updated_by FROM "
                           "log_retention ORDER BY kind = '*', kind, source = '*' DESC, source",
                           &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"policy\"><h2>");
    html_text(h, web_tr(req, "logs: Retention policy"));
    html_lit(h, "</h2>");
    page_note(req, web_tr(req, "logs: The most specific row applies: kind and source, then the "
                               "kind for every source (*). A segment goes only when its last "
                               "line is older than the period. Change it with airguard logs "
                               "policy set (audited)."));
    static const char *const heads[] = {"logs: Kind",  "logs: Source",     "logs: Days",
                                        "logs: Basis", "logs: Updated at", "logs: Updated by"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        rows++;
        html_lit(h, "<tr>");
        for (int c = 0; c < 6; c++) {
            html_lit(h, "<td>");
            html_text(h, store_col_text(s, c));
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "logs: No retention period is set: nothing ever expires");
    html_lit(h, "</section>");
    return AG_OK;
}

static int verify_panel(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    char *text = NULL;
    int rc = la_last_verify(req->st, &text, &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"verify\"><h2>");
    html_text(h, web_tr(req, "logs: Verification"));
    html_lit(h, "</h2>");
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    if (!json_is_object(j)) {
        page_note(req, web_tr(req, "logs: Not verified yet."));
    } else {
        const char *when = json_string_value(json_object_get(j, "time"));
        const char *dir = json_string_value(json_object_get(j, "archive"));
        long long segs = (long long)json_integer_value(json_object_get(j, "segments"));
        long long lines = (long long)json_integer_value(json_object_get(j, "lines"));
        long long problems = (long long)json_integer_value(json_object_get(j, "problems"));
        if (json_is_true(json_object_get(j, "ok"))) {
            html_lit(h, "<p class=\"ok\" role=\"status\" id=\"verify-result\">");
            html_textf(h, web_tr(req, "logs: Intact: %lld segments, %lld lines (%s, %s)"), segs,
                       lines, dir ? dir : "", when ? when : "");
        } else {
            html_lit(h, "<p class=\"alert\" role=\"alert\" id=\"verify-result\">");
            html_textf(h, web_tr(req, "logs: %lld problem(s) found (%s, %s)"), problems,
                       dir ? dir : "", when ? when : "");
        }
        html_lit(h, "</p>");
        json_t *details = json_object_get(j, "details");
        if (json_array_size(details)) {
            static const char *const heads[] = {"logs: Segment", "logs: Problem", "logs: Detail"};
            page_table_begin(req, heads, AG_ARRAY_LEN(heads));
            size_t i;
            json_t *d;
            json_array_foreach(details, i, d)
            {
                html_lit(h, "<tr><td>");
                html_text(h, json_string_value(json_object_get(d, "segment")));
                html_lit(h, "</td><td>");
                html_text(h, json_string_value(json_object_get(d, "problem")));
                html_lit(h, "</td><td>");
                html_text(h, json_string_value(json_object_get(d, "detail")));
                html_lit(h, "</td></tr>");
            }
            page_table_end(req, i, "logs: No problem.");
        }
    }
    json_decref(j);
    page_note(req, web_tr(req, "logs: Verification reads every segment, recomputes its hashes and "
                               "the chain and compares them with the store — the same check as "
                               "airguard logs verify. It is recorded in the audit trail."));
    html_lit(h, "<form method=\"post\" action=\"/logs/verify\" class=\"inline\">");
    page_csrf_field(req);
    html_lit(h, "<button type=\"submit\" class=\"primary\">");
    html_text(h, web_tr(req, "logs: Verify now"));
    html_lit(h, "</button></form></section>");
    return AG_OK;
}

static int page_logs(struct web_req *req)
{
    page_begin(req, web_tr(req, "logs: Log retention"));
    page_h1(req, web_tr(req, "logs: Log retention"));
    page_note(req, web_tr(req, "logs: The raw lines logwatch receives, kept compressed in "
                               "append-only segments whose hashes form a chain, for the period "
                               "set per kind and source (guideline 3.1.5.1(2)(a), 3.2.2.1③)."));
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "verify") == 0)
        page_ok(req, web_tr(req, "logs: The archives were verified; the result is below."));
    int rc = verify_panel(req);
    if (!rc)
        rc = archives_table(req);
    if (!rc)
        rc = policy_table(req);
    if (rc)
        return rc;
    page_end(req);
    return AG_OK;
}

/* POST /logs/verify: every archive the store knows, at the path it was last opened at. */
static int page_logs_verify(struct web_req *req)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, "SELECT path FROM log_archives ORDER BY path", &err);
    if (rc)
        return rc;
    char **paths = NULL;
    size_t n = 0;
    while (rc == AG_OK && sqlite3_step(s) == SQLITE_ROW) {
        char **g = realloc(paths, (n + 1) * sizeof(*paths));
        if (!g || !(g[n] = strdup(store_col_text(s, 0))))
            rc = AG_ENOMEM;
        if (g)
            paths = g;
        if (!rc)
            n++;
    }
    sqlite3_finalize(s);
    store_set_actor(req->st, req->user.login);
    for (size_t i = 0; i < n; i++) {
        struct la_verify_result r;
        if (!rc)
            rc = la_verify_record(req->st, paths[i], NULL, NULL, &r, &err);
        free(paths[i]);
    }
    store_set_actor(req->st, "web");
    free(paths);
    if (rc)
        return rc;
    return web_redirect(req, "/logs?ok=verify#verify");
}

static const struct ag_msg logs_msgs[] = {
    {"logs: Log retention", "ログの保存", "Log retention"},
    {"logs: The raw lines logwatch receives, kept compressed in append-only segments whose hashes "
     "form a chain, for the period set per kind and source (guideline 3.1.5.1(2)(a), 3.2.2.1③).",
     "logwatch が受信したログを、ハッシュが連鎖する追記専用のセグメントに圧縮して、種類と送信元"
     "ごとに定めた期間保存します（ガイドライン 3.1.5.1(2)(a)、3.2.2.1③）。",
     "The raw lines logwatch receives, kept compressed in append-only segments whose hashes form "
     "a chain, for the period set per kind and source (guideline 3.1.5.1(2)(a), 3.2.2.1③)."},
    {"logs: The archives were verified; the result is below.",
     "保存ログを検証しました。結果は下記のとおりです。",
     "The archives were verified; the result is below."},
    {"logs: Archives", "保存先", "Archives"},
    {"logs: Folder", "フォルダ", "Folder"},
    {"logs: Segments", "セグメント", "Segments"},
    {"logs: Lines", "行数", "Lines"},
    {"logs: Raw bytes", "圧縮前", "Raw bytes"},
    {"logs: Stored bytes", "保存サイズ", "Stored bytes"},
    {"logs: Oldest line", "最古の行", "Oldest line"},
    {"logs: Newest line", "最新の行", "Newest line"},
    {"logs: Expired by policy", "保存期間による削除", "Expired by policy"},
    {"logs: No archive yet: run airguard logwatch serve --archive DIR (or logs archive)",
     "保存先はまだありません: airguard logwatch serve --archive DIR（または logs archive）"
     "で保存を始めます",
     "No archive yet: run airguard logwatch serve --archive DIR (or logs archive)"},
    {"logs: Retention policy", "保存期間", "Retention policy"},
    {"logs: The most specific row applies: kind and source, then the kind for every source (*). "
     "A segment goes only when its last line is older than the period. Change it with airguard "
     "logs policy set (audited).",
     "最も具体的な行が適用されます（種類と送信元、次に全送信元 (*) の種類）。セグメントは最終行"
     "が期間を過ぎたときだけ削除されます。変更は airguard logs policy set で行います（監査証跡"
     "に記録）。",
     "The most specific row applies: kind and source, then the kind for every source (*). A "
     "segment goes only when its last line is older than the period. Change it with airguard logs "
     "policy set (audited)."},
    {"logs: Kind", "種類", "Kind"},
    {"logs: Source", "送信元", "Source"},
    {"logs: Days", "保存日数", "Days"},
    {"logs: Basis", "根拠", "Basis"},
    {"logs: Updated at", "更新日時", "Updated at"},
    {"logs: Updated by", "更新者", "Updated by"},
    {"logs: No retention period is set: nothing ever expires",
     "保存期間が設定されていません: 何も削除されません",
     "No retention period is set: nothing ever expires"},
    {"logs: Verification", "完全性の検証", "Verification"},
    {"logs: Not verified yet.", "まだ検証されていません。", "Not verified yet."},
    {"logs: Intact: %lld segments, %lld lines (%s, %s)",
     "改ざん・欠落なし: %lld セグメント、%lld 行（%s、%s）",
     "Intact: %lld segments, %lld lines (%s, %s)"},
    {"logs: %lld problem(s) found (%s, %s)", "%lld 件の問題があります（%s、%s）",
     "%lld problem(s) found (%s, %s)"},
    {"logs: Segment", "セグメント", "Segment"},
    {"logs: Problem", "問題", "Problem"},
    {"logs: Detail", "内容", "Detail"},
    {"logs: No problem.", "問題はありません。", "No problem."},
    {"logs: Verification reads every segment, recomputes its hashes and the chain and compares "
     "them with the store — the same check as airguard logs verify. It is recorded in the audit "
     "trail.",
     "検証では全セグメントを読み、ハッシュと連鎖を計算し直してストアの記録と照合します（airguard "
     "logs verify と同じ検査）。検証は監査証跡に記録されます。",
     "Verification reads every segment, recomputes its hashes and the chain and compares them "
     "with the store — the same check as airguard logs verify. It is recorded in the audit "
     "trail."},
    {"logs: Verify now", "今すぐ検証", "Verify now"},
};

static const struct route logs_routes[] = {
    {WEB_GET, "/logs", page_logs, LOGS_ROLES, ROUTE_AUTH},
    {WEB_POST, "/logs/verify", page_logs_verify, LOGS_ROLES, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav logs_nav[] = {{"/logs", "logs: Log retention", LOGS_ROLES}};
WEB_MODULE(logs, logs_routes, logs_msgs, logs_nav);
