/*
 * demo_worklog.c — the work log and lifecycle part of the demo airport (南湾国際空港 NWX):
 * monthly patches of the FIDS servers under an approved and reviewed change, a firewall rule
 * change for the airlines' flight-data feed (approved, carried out, reviewed, with the
 * access-control review it triggered), the quarterly access-control review of the BHS firewall
 * (one finding that became a corrective action, the latest review overdue), an emergency patch of
 * the video recorder still awaiting its retrospective approval, one maintenance-vendor
 * configuration change found without a change request (flagged unauthorised), the old video
 * recorder disposed of with its erasure certificate, and the CCTV renewal project in its
 * acceptance phase with a partly answered checklist.
 *
 * Everything goes through the worklog and lifecycle functions, so the demo obeys their rules.
 * Dates are relative to today; steps in the past run with $AIRGUARD_NOW set to that day.
 */
#include "isms/lifecycle.h"
#include "isms/worklog.h"

static void day(long n, char out[11])
{
    char today[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, n, out);
}

/* today + n days at hh:mm, "YYYY-MM-DD HH:MM" */
static void at_time(long n, const char *hhmm, char out[17])
{
    char d[11];
    day(n, d);
    snprintf(out, 17, "%.10s %.5s", d, hhmm);
}

struct clock {
    char saved[32];
    bool had;
};
static void clock_at(struct clock *c, long n)
{
    char d[11];
    const char *v = getenv("AIRGUARD_NOW");
    c->had = v != NULL;
    snprintf(c->saved, sizeof(c->saved), "%s", v ? v : "");
    day(n, d);
    setenv("AIRGUARD_NOW", d, 1);
}
static void clock_end(struct clock *c)
{
    if (c->had)
        setenv("AIRGUARD_NOW", c->saved, 1);
    else
        unsetenv("AIRGUARD_NOW");
}

static long long who(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        id = 0;
    return id;
}

static int assets(struct store *st, struct ag_error *err)
{
    static const struct isms_asset_new a[] = {
        {"FIDS-SRV2", "FIDS", "server", "FIDS 配信サーバ（待機系）", "Contoso", "FIS-5",
         "T2 機械室", "10.30.1.11", "00:50:56:aa:01:11", "yamaguchi"},
        {"BHS-FW1", "BHS", "network", "BHS 制御系境界ファイアウォール", "Tailspin", "FW-320",
         "T1 BHS 制御室", "10.40.0.1", "00:1c:73:00:40:01", "nakamura"},
        {"NET-FW1", "OA", "network", "本館インターネット境界ファイアウォール", "Tailspin",
         "FW-1200", "本館 サーバ室", "10.0.0.254", "00:1c:73:00:00:fe", "tanaka"},
        {"SURV-REC0", "SURV", "server", "旧映像記録サーバ（更改前）", "Fabrikam", "NVR-4200",
         "T1 警備室", "10.20.1.9", "00:1b:44:11:3a:a0", "yoshida"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(a); i++) {
        int rc = isms_asset_add(st, &a[i], err);
        if (rc)
            return rc;
    }
    return AG_OK;
}

static int entry(struct store *st, const char *recorder, const char *asset, long n,
                 const char *hhmm, const char *kind, const char *work, const char *result,
                 const char *by, struct ag_error *err)
{
    char when[17];
    long long id;
    at_time(n, hhmm, when);
    struct wl_entry_new e = {asset, when, kind, work, result, by, 0};
    return wl_entry_add(st, who(st, recorder), &e, &id, NULL, err);
}

/* A change requested, approved, carried out and reviewed on the given days. */
struct demo_change {
    const char *title, *reason, *rollback, *risk, *risk_note;
    const char *const *assets;
    const char *requester, *approver, *reviewer, *kind, *work, *result, *review_note;
    long requested, approved, done;
    const char *done_time;
};

static int change(struct store *st, const struct catalog *cat, const struct demo_change *c,
                  long long *id, struct ag_error *err)
{
    struct clock k;
    char planned[11], when[17];
    int rc;
    day(c->done, planned);
    at_time(c->done, c->done_time, when);
    struct wl_change_new n = {c->title, c->reason,    planned,   c->rollback,
                              c->risk,  c->risk_note, c->assets, false};
    clock_at(&k, c->requested);
    rc = wl_change_request(st, who(st, c->requester), &n, id, err);
    clock_end(&k);
    if (rc)
        return rc;
    clock_at(&k, c->approved);
    rc = wl_change_decide(st, *id, who(st, c->approver), true, "リスクと切戻し手順を確認、承認",
                          err);
    clock_end(&k);
    if (rc)
        return rc;
    clock_at(&k, c->done);
    rc =
        wl_change_implement(st, *id, who(st, c->requester), when, c->kind, c->work, c->result, err);
    clock_end(&k);
    if (rc || !c->reviewer)
        return rc;
    clock_at(&k, c->done + 1);
    rc =
        wl_change_review(st, cat, *id, who(st, c->reviewer), "ok", c->review_note, NULL, NULL, err);
    clock_end(&k);
    return rc;
}

static int worklog(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc;
    long long id;
    static const char *const fids[] = {"FIDS-SRV1", "FIDS-SRV2", NULL};
    static const char *const fw[] = {"NET-FW1", NULL};
    const struct demo_change patches = {
        "FIDS 配信サーバ 月例セキュリティパッチ適用",
        "ベンダー公開の月例修正（OS・ミドルウェア）。JVN 掲載の脆弱性 2 件を含む",
        "適用前スナップショットから復元（所要 30 分）。待機系で事前検証済み",
        "medium",
        "再起動中は待機系へ切替。深夜帯に実施し表示停止なし",
        fids,
        "yamaguchi",
        "sasaki",
        "sasaki",
        "patch",
        "待機系→運用系の順にパッチ適用、再起動、表示・配信の動作確認",
        "両系とも正常。表示端末 42 台の更新を確認",
        "適用版数と動作確認記録を確認。問題なし",
        -24,
        -22,
        -20,
        "01:30",
    };
    const struct demo_change rule = {
        "本館境界 FW: 航空会社 API（運航データ配信）向け通信許可ルールの追加",
        "航空会社の新しい運航データ配信 API への接続（宛先 2 アドレス、TCP 443 のみ）",
        "追加したルール 2 行を削除し、変更前の設定ファイルを再投入",
        "medium",
        "誤設定時は FIDS の運航情報が更新されない。許可は宛先・ポートを限定",
        fw,
        "tanaka",
        "suzuki",
        "ito",
        "configuration",
        "送信元 FIDS-SRV1/2、宛先 203.0.113.10-11/32、TCP 443 の許可ルールを追加",
        "疎通確認済み。他ルールへの影響なし",
        "設定差分を確認。宛先とポートが申請どおりに限定されていることを確認",
        -15,
        -14,
        -12,
        "22:00",
    };
    long long rule_id;
    if ((rc = change(st, cat, &patches, &id, err)) || (rc = change(st, cat, &rule, &rule_id, err)))
        return rc;
    /* routine work */
    if ((rc = entry(st, "nakamura", "BHS-SCADA1", -30, "09:00", "inspection",
                    "月次点検: CPU・ディスク使用率、イベントログ、時刻同期の確認", "異常なし", NULL,
                    err)) ||
        (rc = entry(st, "ito", "OA-MFP1", -27, "14:00", "maintenance",
                    "保守業者による定期保守（給紙ユニット交換）に立会い", "正常", "ito", err)) ||
        (rc = entry(st, "yoshida", "SURV-REC1", -10, "10:00", "backup",
                    "録画データ・設定のバックアップ取得と復元テスト", "復元テスト成功", NULL,
                    err)) ||
        (rc = entry(st, "nakamura", "BHS-PLC1", -6, "06:00", "repair",
                    "仕分けライン PLC 1 の I/O ユニット交換（保守業者作業に立会い）",
                    "交換後の仕分け試験 200 個正常", NULL, err)))
        return rc;
    /* found during the monthly check: a vendor's change without a change request */
    if ((rc = entry(st, "nakamura", "BHS-HMI1", -4, "15:20", "configuration",
                    "保守業者が操作端末の画面設定とユーザー権限を変更（変更申請なし、点検で判明）",
                    "変更内容を確認中", "kobayashi", err)))
        return rc;
    /* an emergency patch of the recorder, carried out first, approval due */
    static const char *const rec[] = {"SURV-REC1", NULL};
    struct wl_change_new em = {
        "映像記録サーバ 緊急パッチ（悪用が確認された NVR の脆弱性）",
        "ベンダーから悪用確認済みの脆弱性の通知。外部からの侵入経路となるおそれ",
        NULL,
        "パッチ適用前の設定バックアップから復元",
        "high",
        "録画停止は 10 分以内。停止中は警備員の巡回で補う",
        rec,
        true};
    char today[11], when[17];
    day(0, today);
    em.planned_on = today;
    struct clock k;
    clock_at(&k, -1);
    rc = wl_change_request(st, who(st, "yoshida"), &em, &id, err);
    at_time(-1, "23:40", when);
    if (rc == AG_OK)
        rc = wl_change_implement(st, id, who(st, "yoshida"), when, "patch", NULL,
                                 "適用後の録画・再生を確認", err);
    clock_end(&k);
    if (rc)
        return rc;
    /* the quarterly review of the BHS firewall: last one 100 days ago, so it is overdue */
    clock_at(&k, -300);
    rc = wl_review_plan(st, who(st, "nakamura"), "BHS-FW1", "access-control", 3, "nakamura", NULL,
                        err);
    if (rc == AG_OK)
        rc = wl_review_plan(st, who(st, "tanaka"), "NET-FW1", "both", 3, "tanaka", NULL, err);
    clock_end(&k);
    if (rc)
        return rc;
    char due[11];
    day(-160, due);
    const struct {
        const char *asset, *reviewer, *findings, *result, *owner, *due;
        long on;
        long long change;
    } reviews[] = {
        {"BHS-FW1", "nakamura",
         "許可ルール 14 行を申請記録と照合。不要ルールなし。制御系から外部への通信はすべて拒否",
         "confirmed", NULL, NULL, -280, 0},
        {"BHS-FW1", "nakamura",
         "旧保守業者のリモート保守用 VPN 許可ルールが契約終了後も残存（通信実績なし）", "action",
         "nakamura", due, -190, 0},
        {"BHS-FW1", "nakamura", "前回指摘の VPN ルール削除を確認。その他の変更なし", "confirmed",
         NULL, NULL, -100, 0},
        {"NET-FW1", "tanaka", "経路表と許可ルールを確認。期限切れの一時許可 1 行を削除",
         "corrected", NULL, NULL, -70, 0},
        {"NET-FW1", "ito", "航空会社 API 向けルール追加に伴う見直し。宛先・ポートの限定を確認",
         "confirmed", NULL, NULL, -12, rule_id},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(reviews) && rc == AG_OK; i++) {
        char on[11];
        day(reviews[i].on, on);
        struct wl_review_new r = {reviews[i].asset,  on,
                                  reviews[i].change, reviews[i].findings,
                                  reviews[i].result, reviews[i].owner,
                                  reviews[i].due};
        clock_at(&k, reviews[i].on);
        rc = wl_review_add(st, cat, who(st, reviews[i].reviewer), &r, &id, err);
        clock_end(&k);
        if (rc == AG_OK && reviews[i].owner) { /* the finding's action: done and verified */
            sqlite3_stmt *s;
            long long action = 0;
            if ((rc = store_prepare(st, &s, "SELECT action_id FROM wl_reviews WHERE id = ?", err)))
                break;
            sqlite3_bind_int64(s, 1, id);
            if (sqlite3_step(s) == SQLITE_ROW)
                action = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
            if ((rc = isms_action_step(st, action, "done", who(st, "nakamura"),
                                       "VPN 許可ルールを削除し、設定差分を保存", err)) ||
                (rc = isms_action_step(st, action, "verify", who(st, "yamamoto"), NULL, err)))
                break;
        }
    }
    return rc;
}

static const char certificate[] =
    "データ消去証明書 / Certificate of Data Erasure\n"
    "証明書番号: NDE-2026-0412\n"
    "対象: 旧映像記録サーバ SURV-REC0 (Fabrikam NVR-4200) 内蔵 HDD 4 台\n"
    "方法: 物理破壊（穿孔・破砕）\n"
    "作業者: 南湾データイレース株式会社 / 立会: 南湾空港ビル株式会社 保安警備部\n";

static int disposal(struct store *st, struct ag_error *err)
{
    char on[11];
    long long id;
    day(-40, on);
    struct wl_disposal_new d = {
        "SURV-REC0",
        on,
        "physical-destruction",
        "yoshida",
        "kato",
        "南湾データイレース株式会社",
        NULL,
        "NDE-2026-0412",
        "更改によりデータ移行済み（3.2.1.1(1)②）。HDD 4 台を立会いのうえ破砕",
        certificate,
        sizeof(certificate) - 1,
        "erasure-certificate-SURV-REC0.txt"};
    struct clock k;
    clock_at(&k, -40);
    int rc = wl_dispose(st, who(st, "yoshida"), &d, &id, err);
    clock_end(&k);
    return rc;
}

/* The CCTV renewal: planning and build signed off, acceptance under way. Rows are answered
 * done, except the ones that do not apply to a closed video network (answered na), and the last
 * leave_open rows. */
static int answer_phase(struct store *st, long long project, const char *phase, long long actor,
                        int leave_open, struct ag_error *err)
{
    sqlite3_stmt *s;
    long long rows[64];
    size_t n = 0;
    int rc = store_prepare(st, &s,
                           "SELECT r.id, r.item_id FROM lc_rows r JOIN lc_phases ph ON ph.id = "
                           "r.phase_id WHERE ph.project_id = ? AND ph.phase = ? ORDER BY "
                           "r.sort_order",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, project);
    store_bind_text(s, 2, phase);
    char items[64][40];
    while (n < AG_ARRAY_LEN(rows) && sqlite3_step(s) == SQLITE_ROW) {
        rows[n] = sqlite3_column_int64(s, 0);
        snprintf(items[n], sizeof(items[n]), "%s", store_col_text(s, 1));
        n++;
    }
    sqlite3_finalize(s);
    for (size_t i = 0; i + (size_t)leave_open < n && rc == AG_OK; i++) {
        bool na =
            strcmp(items[i], "3.1.5.2-1-c1.m4.x6") == 0 || strcmp(items[i], "3.1.5.1-2-e.m1") == 0;
        rc = lc_answer(st, actor, rows[i], na ? "na" : "done",
                       na ? "閉域の映像網で外部公開・利用者認証の対象外（格付け・脅威分析の結果）"
                          : "仕様書（第3版）及び設計書に記載、設計レビューで確認",
                       err);
    }
    return rc;
}

static int lifecycle(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    struct clock k;
    long long project, id;
    int rc;
    long long yoshida = who(st, "yoshida"), kato = who(st, "kato");
    struct lc_project_new p = {
        "SURV-RENEW-2026", "SURV",
        "renewal",         "監視カメラ・映像記録システム更改（IP カメラ化と記録サーバ更新）",
        "yoshida",         NULL};
    clock_at(&k, -200);
    rc = lc_project_start(st, cat, yoshida, &p, &project, err);
    clock_end(&k);
    if (rc)
        return rc;
    clock_at(&k, -170);
    rc = answer_phase(st, project, "planning", yoshida, 0, err);
    static const char *const reviewers[] = {"yoshida", "tanaka", "kato", NULL};
    char held[11];
    day(-165, held);
    struct lc_review_new r = {"planning",
                              held,
                              "要件定義書・基本設計書のセキュリティ要件（認証、アクセス制御、ログ、"
                              "映像データの暗号化、保守期限）を机上レビュー",
                              "録画データの保存期間とアクセスログの保管期間の整合を修正済み。"
                              "その他指摘なし",
                              "approved",
                              reviewers};
    if (rc == AG_OK)
        rc = lc_review_add(st, yoshida, project, &r, &id, err);
    clock_end(&k);
    clock_at(&k, -160);
    if (rc == AG_OK)
        rc = lc_signoff(st, kato, project, "planning", "要件・設計レビューとも確認", err);
    clock_end(&k);
    clock_at(&k, -60);
    if (rc == AG_OK)
        rc = answer_phase(st, project, "build", yoshida, 0, err);
    clock_end(&k);
    clock_at(&k, -55);
    if (rc == AG_OK)
        rc = lc_signoff(st, kato, project, "build", "構築時の対策実施を確認", err);
    clock_end(&k);
    if (rc)
        return rc;
    /* acceptance: one row done with the inspection record, two open; one test passed */
    static const char report[] =
        "受入検査成績書（抜粋）\n1. 管理画面の多要素認証: 合格\n2. 既定パスワードの変更: 合格\n"
        "3. 録画データの暗号化: 合格\n4. 不要サービスの停止: 合格\n";
    clock_at(&k, -8);
    rc = answer_phase(st, project, "acceptance", yoshida, 2, err);
    long long row;
    if (rc == AG_OK)
        rc = lc_row_find(st, cat, project, "acceptance", "3.1.5.2-1-c2.m2.x3", &row, err);
    if (rc == AG_OK)
        rc = lc_attach(st, yoshida, row, report, sizeof(report) - 1,
                       "acceptance-inspection-SURV-2026.txt", err);
    char tested[11];
    day(-8, tested);
    struct lc_test_new t = {"管理機能のセキュリティ試験（認証・権限・ログ）",
                            tested,
                            "pass",
                            "試験項目 24 件すべて合格",
                            "yoshida",
                            report,
                            sizeof(report) - 1,
                            "acceptance-inspection-SURV-2026.txt"};
    if (rc == AG_OK)
        rc = lc_test_add(st, yoshida, project, &t, &id, err);
    clock_end(&k);
    return rc;
}

int isms_demo_worklog(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc;
    if ((rc = assets(st, err)) || (rc = lifecycle(st, cat, err)) || (rc = disposal(st, err)) ||
        (rc = worklog(st, cat, err)))
        return rc;
    return AG_OK;
}
