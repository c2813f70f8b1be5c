/*
 * demo_risk.c — the risk part of the demo airport (3.1.2.1): a register with the usual airport
 * risks at every stage, written through the workflow's own functions so the demo obeys the
 * same rules as users (separation of duties included). Dates are relative to today, so the
 * demo always looks current: one risk is above the threshold awaiting a decision, one retained
 * risk was accepted by the CISO, one review is due within a month.
 */
#include "isms/risk.h"

static long long who(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        return 0;
    return id;
}

int isms_demo_risk(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char today[11], d30[11], d90[11], d120[11], d20[11];
    long long r1, r2, r3, r4, r5, r6, action;
    int rc;
    ag_date_iso(ag_now(), today);
    ag_date_add(today, 20, d20);
    ag_date_add(today, 30, d30);
    ag_date_add(today, 90, d90);
    ag_date_add(today, 120, d120);

    /* 1. BHS control network ransomware: high, reduced by segmentation and offline backups */
    static const char *const a1[] = {"BHS-SCADA1", "BHS-HMI1", "BHS-PLC1", "BHS-PLC2", NULL};
    static const char *const m1[] = {"3.1.5.1(1)(f)", "3.1.2.4(3)", NULL};
    static const char *const p1[] = {"3.1.5.1(2)(c)", "3.1.5.1(3)①", NULL};
    struct risk_new n1 = {
        "BHS 制御ネットワークのランサムウェア感染",
        "保守用 PC や USB 媒体経由でランサムウェアが BHS 監視制御サーバ・操作端末に感染する",
        "事務系ネットワークとの境界が VLAN のみ、制御サーバのバックアップがオンライン上にある",
        "手荷物の仕分け・搬送が停止し、手仕分け（処理能力約3割）となり出発便が遅延・欠航する",
        "受託手荷物の搬送",
        "BHS",
        "yamamoto",
        true,
        a1,
        m1,
        NULL};
    struct risk_assessment s1 = {5, 3,
                                 "他空港・製造業で制御系のランサムウェア被害が続いており、"
                                 "保守作業で年数回 USB 媒体を持ち込む運用がある",
                                 false, NULL};
    struct risk_treatment t1 = {"reduce",
                                "制御ネットワークを物理的に分離し一方向の監視のみ許可、"
                                "バックアップをオフライン媒体に世代管理、保守媒体の検疫端末を設置",
                                "nakamura",
                                d90,
                                p1,
                                5,
                                1};
    if ((rc = risk_add(st, cat, who(st, "nakamura"), &n1, &r1, err)) ||
        (rc = risk_assess(st, r1, who(st, "yamamoto"), &s1, err)) ||
        (rc = risk_treat(st, cat, r1, who(st, "yamamoto"), &t1, &action, err)))
        return rc;

    /* 2. FIDS outage: below the threshold, retained with the manual fallback */
    static const char *const a2[] = {"FIDS-SRV1", NULL};
    static const char *const m2[] = {"3.1.5.1(2)(b)", NULL};
    struct risk_new n2 = {"FIDS 配信サーバの障害による表示停止",
                          "配信サーバのハードウェア故障・OS 障害",
                          "配信サーバが単一構成",
                          "出発・到着案内が表示されず、係員による案内と館内放送で対応する",
                          "旅客への運航情報の提供",
                          "FIDS",
                          "sasaki",
                          false,
                          a2,
                          m2,
                          NULL};
    struct risk_assessment s2 = {4, 2, "保守契約により4時間以内に復旧、手書き掲示の訓練実績あり",
                                 false, NULL};
    struct risk_treatment t2 = {
        "retain", "代替運用（手書き掲示・館内放送）で対応し、年1回訓練する", NULL, NULL, NULL, 0,
        0};
    if ((rc = risk_add(st, cat, who(st, "yamaguchi"), &n2, &r2, err)) ||
        (rc = risk_assess(st, r2, who(st, "sasaki"), &s2, err)) ||
        (rc = risk_treat(st, cat, r2, who(st, "sasaki"), &t2, &action, err)))
        return rc;

    /* 3. CCTV recorder failure: below the threshold but selected (evidence must be kept) and
     *    shared with the vendor by a maintenance contract (移転・共有) */
    static const char *const a3[] = {"SURV-REC1", NULL};
    struct risk_new n3 = {"監視映像記録サーバの故障による録画欠損",
                          "記録サーバのディスク故障",
                          "RAID 構成だが予備ディスクの在庫がない",
                          "事案発生時に映像を追跡検証できず、警備員の巡回増員が必要になる",
                          "警戒警備",
                          "SURV",
                          "kato",
                          false,
                          a3,
                          NULL,
                          d20};
    struct risk_assessment s3 = {3, 3, "導入後6年でディスク故障が増えている", true,
                                 "映像は警察への提供義務があり、欠損は個別事情として対応する"};
    struct risk_treatment t3 = {
        "transfer", "保守契約を先出しセンドバック・予備ディスク常備の条件に変更する",
        "yoshida",  d30,
        NULL,       0,
        0};
    if ((rc = risk_add(st, cat, who(st, "yoshida"), &n3, &r3, err)) ||
        (rc = risk_assess(st, r3, who(st, "kato"), &s3, err)) ||
        (rc = risk_treat(st, cat, r3, who(st, "kato"), &t3, &action, err)))
        return rc;

    /* 4. credential stuffing on the passenger web service: above the threshold, awaiting a
     *    treatment decision */
    static const char *const m4[] = {"3.1.5.1(2)(e)", NULL};
    struct risk_new n4 = {"旅客向けウェブサービスへのパスワードリスト攻撃",
                          "他サイトから流出した ID・パスワードによる不正ログイン",
                          "多要素認証がなく、ログイン試行回数の制限もない",
                          "会員の個人データ（氏名・連絡先・搭乗予定）の漏えい",
                          "旅客向けウェブサービス（会員・駐車場予約）",
                          "OA",
                          "sasaki",
                          false,
                          NULL,
                          m4,
                          NULL};
    struct risk_assessment s4 = {
        3, 4, "同業他社で同種の被害が報告され、当社でも失敗ログインの急増を観測", false, NULL};
    if ((rc = risk_add(st, cat, who(st, "matsumoto"), &n4, &r4, err)) ||
        (rc = risk_assess(st, r4, who(st, "sasaki"), &s4, err)))
        return rc;

    /* 5. unsupported OS on the BHS operator terminal: retained until replacement, accepted by
     *    the CISO (not the owner, not the decider) */
    static const char *const a5[] = {"BHS-HMI1", NULL};
    struct risk_new n5 = {"BHS 操作端末のサポート終了 OS",
                          "修正されない脆弱性を突いた攻撃",
                          "ベンダ製アプリケーションが新 OS に未対応",
                          "操作端末が使えず、仕分けラインの操作が現場操作盤のみとなる",
                          "受託手荷物の搬送",
                          "BHS",
                          "yamamoto",
                          true,
                          a5,
                          NULL,
                          d120};
    struct risk_assessment s5 = {
        4, 3, "端末は制御ネットワーク内のみで使用するが、保守時に外部媒体を接続する", false, NULL};
    struct risk_treatment t5 = {
        "保有", "次期更新（来年度）まで保有。例外措置で代替手段を講じる", NULL, NULL, NULL, 0, 0};
    if ((rc = risk_add(st, cat, who(st, "nakamura"), &n5, &r5, err)) ||
        (rc = risk_assess(st, r5, who(st, "yamamoto"), &s5, err)) ||
        (rc = risk_treat(st, cat, r5, who(st, "yamamoto"), &t5, &action, err)) ||
        (rc = risk_accept(
             st, r5, who(st, "takahashi"),
             "更新予算は確保済み。例外措置の代替手段（媒体検疫・通信遮断）を条件に受容する", err)))
        return rc;

    /* 6. identified, not analysed yet */
    struct risk_new n6 = {"委託先保守員による持込み媒体",
                          "委託先保守員が持ち込む USB 媒体からの不正プログラム感染",
                          "",
                          "",
                          "警戒警備",
                          "SURV",
                          "kato",
                          false,
                          NULL,
                          NULL,
                          NULL};
    if ((rc = risk_add(st, cat, who(st, "yamada"), &n6, &r6, err)))
        return rc;
    return AG_OK;
}
