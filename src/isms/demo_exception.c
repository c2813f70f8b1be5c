/*
 * demo_exception.c — the exception part of the demo airport (例外措置, 3.1.2.3(2)②): the CISO
 * has designated reviewers; an exception for the BHS operator terminal's unsupported OS is
 * active and about to expire (7 days left); a FIDS request awaits review; a CCTV firmware
 * exception has ended with its report. Written through the workflow's functions; dates are
 * relative to today.
 */
#include "isms/exception.h"

static long long who(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        return 0;
    return id;
}

/* The demo's BHS retained risk (demo_risk.c), found by title so the two parts stay loose. */
static long long bhs_risk(struct store *st)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long id = 0;
    if (store_prepare(st, &s, "SELECT id FROM risks WHERE title = ?", &ignore) != AG_OK)
        return 0;
    sqlite3_bind_text(s, 1, "BHS 操作端末のサポート終了 OS", -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return id;
}

int isms_demo_exception(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char today[11], m83[11], p7[11], p60[11], m40[11], p20[11];
    long long ciso = who(st, "takahashi"), e1, e2, e3;
    int rc;
    ag_date_iso(ag_now(), today);
    ag_date_add(today, -83, m83);
    ag_date_add(today, 7, p7);
    ag_date_add(today, 60, p60);
    ag_date_add(today, -40, m40);
    ag_date_add(today, 20, p20);
    if ((rc = exception_designate(st, ciso, "suzuki", NULL, err)) ||
        (rc = exception_designate(st, ciso, "kato", "sec", err)))
        return rc;

    struct exception_new x1 = {
        NULL,
        "情報セキュリティ対策基準",
        "第12条（サポートが終了したソフトウェアの使用禁止）",
        "3.1.5.1(1)(e)",
        "BHS",
        m83,
        p7,
        "操作端末を制御ネットワーク内に限定し外部通信を遮断、保守媒体は検疫端末で検査してから接続、"
        "操作ログを毎日確認する",
        "OS の脆弱性が修正されず、不正プログラム感染時に仕分けラインの操作が止まるおそれ",
        "リスク対応計画（媒体検疫・通信遮断）を実施し、異常時は現場操作盤による運用に切り替える",
        "期間終了時に施設部から CISO へ端末更新の完了報告書をメールで提出する",
        "ベンダ製 BHS 操作アプリケーションが新 OS に未対応で、来年度の更新まで代替がない",
        bhs_risk(st)};
    if ((rc = exception_request(st, cat, who(st, "nakamura"), &x1, &e1, err)) ||
        (rc =
             exception_decide(st, e1, who(st, "suzuki"), true,
                              "代替手段は制御ネットワーク内限定・媒体検疫で妥当。リスク登録簿の受容"
                              "判断（CISO）と整合。期間は端末更新予定まで",
                              "月次で検疫端末のログを情報システム部へ提出すること", err)))
        return rc;

    struct exception_new x2 = {
        "内線 4521",
        "情報セキュリティ対策基準",
        "第8条（共用 ID の禁止）",
        "3.1.5.1(2)(e)",
        "FIDS",
        today,
        p60,
        "表示端末の保守用共用 ID を保守員2名に限定し、使用時は作業記録簿に記帳する",
        "操作者を個人単位で特定できない",
        "作業記録簿と入退室記録を照合して月次で確認する",
        "期間終了時に旅客サービス部長へ書面で報告する",
        "表示端末のベンダ仕様で個人 ID を作成できない（次回改修で対応予定）",
        0};
    if ((rc = exception_request(st, cat, who(st, "yamaguchi"), &x2, &e2, err)))
        return rc;

    struct exception_new x3 = {
        NULL,
        "情報セキュリティ対策基準",
        "第14条（脆弱性修正の30日以内適用）",
        "3.1.5.1(1)(e)",
        "SURV",
        m40,
        p20,
        "監視カメラのファームウェア更新を繁忙期明けまで延期し、カメラ VLAN を隔離",
        "既知の脆弱性が残る期間が延びる",
        "カメラ VLAN から外部への通信を遮断し、通信を監視する",
        "更新完了後に保守報告書を添えて保安警備部長へ報告する",
        "年末年始の繁忙期に映像監視を止められない",
        0};
    if ((rc = exception_request(st, cat, who(st, "yoshida"), &x3, &e3, err)) ||
        (rc = exception_decide(st, e3, who(st, "kato"), true,
                               "繁忙期の監視継続を優先。VLAN 隔離で影響は限定的", NULL, err)) ||
        (rc = exception_end(st, e3, who(st, "yoshida"),
                            "全カメラのファームウェア更新を完了。保守報告書を提出済み", err)))
        return rc;
    return AG_OK;
}
