/*
 * demo_register.c — the register part of the demo airport (南湾国際空港 NWX): the personal-data
 * ledger (lost and found, the passenger web service), the BHS maintenance contractor and the
 * FIDS cloud service with their 3.1.4.3 checklists, a planned web contractor still short of
 * approval, training records, the emergency contact chains of SURV / FIDS / BHS, the policy
 * set (one regulation with its periodic review overdue) and the roadmap.
 *
 * Everything goes through the register functions, so the demo obeys the same rules (separation
 * of duties, complete checklists). Dates are relative to today (ag_now); steps that happened
 * in the past run with $AIRGUARD_NOW set to that day for the duration of the call.
 */
#include "isms/registers.h"

/* today + n days */
static void day(long n, char out[11])
{
    char today[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, n, out);
}

/* Runs the following steps as if on date (restored by at_end). */
struct demo_clock {
    char saved[32];
    bool had;
};
static void at(struct demo_clock *c, const char *date)
{
    const char *v = getenv("AIRGUARD_NOW");
    c->had = v != NULL;
    snprintf(c->saved, sizeof(c->saved), "%s", v ? v : "");
    setenv("AIRGUARD_NOW", date, 1);
}
static void at_end(struct demo_clock *c)
{
    if (c->had)
        setenv("AIRGUARD_NOW", c->saved, 1);
    else
        unsetenv("AIRGUARD_NOW");
}

static int add(struct store *st, const struct catalog *cat, const char *kind,
               const char *const *pairs, long long *id, struct ag_error *err)
{
    const struct reg_kind *k = reg_kind_find(kind);
    const char *values[64] = {0};
    long long ignore;
    int rc = reg_values(k, pairs, values, err);
    return rc ? rc : reg_add(st, cat, k, values, id ? id : &ignore, err);
}

static long long person(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        id = 0;
    return id;
}

/* Answers every applicable item "met", except the keys in na[] (answered n.a. with the note)
 * and not_met[]. */
static int answer_all(struct store *st, const char *reg, long long id, const char *login,
                      bool skip_pd, const char *const *na, const char *na_note,
                      const char *const *not_met, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT item_key, personal_data, stage FROM reg_checklist_items WHERE "
                           "register = ? ORDER BY sort_order",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, reg);
    char keys[64][48];
    int pd[64];
    size_t n = 0;
    while (n < 64 && sqlite3_step(s) == SQLITE_ROW) {
        if (strcmp(store_col_text(s, 2), "end") == 0)
            continue; /* checked when the contract ends */
        snprintf(keys[n], sizeof(keys[n]), "%s", store_col_text(s, 0));
        pd[n++] = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    long long actor = person(st, login);
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        const char *answer = "met", *note = "";
        for (size_t j = 0; na && na[j]; j++)
            if (strcmp(na[j], keys[i]) == 0)
                answer = "na", note = na_note;
        for (size_t j = 0; not_met && not_met[j]; j++)
            if (strcmp(not_met[j], keys[i]) == 0)
                answer = "not_met", note = "契約書案に未記載。次回協議で追記予定";
        if (pd[i] && skip_pd)
            continue; /* the personal-data items of 3.1.4.3(1)③ do not apply */
        rc = reg_check_answer(st, reg, id, keys[i], answer, note, actor, err);
    }
    return rc;
}

static int demo_policies(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char d[11];
    long long pol, reg1, reg2, prc1, prc2;
    struct demo_clock clk;
    int rc;
    static const char *const p_pol[] = {
        "--code",
        "POL-001",
        "--title",
        "情報セキュリティ基本方針",
        "--kind",
        "policy",
        "--owner",
        "takahashi",
        "--dept",
        "exec",
        "--version",
        "2.0",
        "--purpose",
        "重要インフラサービス（空港の運営）を情報セキュリティの脅威から守り、安全かつ持続的に提供す"
        "る",
        "--authority",
        "情報セキュリティ委員会が審議し、CISO が策定、経営層が内外に宣言する",
        "--members",
        "経営層、CISO、各部署の情報セキュリティ責任者、CSIRT",
        "--review-triggers",
        "年 1 回の定期見直し、組織変更・重大インシデント・法令改正の発生時",
        "--review-months",
        "12",
        NULL};
    static const char *const p_reg1[] = {"--code",
                                         "REG-001",
                                         "--title",
                                         "情報セキュリティ関係規程",
                                         "--kind",
                                         "regulation",
                                         "--parent",
                                         "POL-001",
                                         "--owner",
                                         "suzuki",
                                         "--dept",
                                         "it",
                                         "--version",
                                         "1.3",
                                         "--purpose",
                                         "基本方針に準拠した遵守すべき対策の基準を定める",
                                         "--authority",
                                         "情報セキュリティ委員会の審議を経て CISO が改定",
                                         "--members",
                                         "情報セキュリティ委員会",
                                         "--review-triggers",
                                         "年 1 回、リスクアセスメント結果の更新時",
                                         "--review-months",
                                         "12",
                                         NULL};
    static const char *const p_reg2[] = {"--code",
                                         "REG-002",
                                         "--title",
                                         "外部委託管理規程",
                                         "--kind",
                                         "regulation",
                                         "--parent",
                                         "POL-001",
                                         "--owner",
                                         "suzuki",
                                         "--dept",
                                         "it",
                                         "--version",
                                         "1.0",
                                         "--purpose",
                                         "委託先の選定基準、契約事項、委託先管理を定める (3.1.4.3)",
                                         "--review-months",
                                         "24",
                                         NULL};
    static const char *const p_prc1[] = {
        "--code",
        "PRC-001",
        "--title",
        "インシデント対応手順",
        "--kind",
        "procedure",
        "--parent",
        "REG-001",
        "--owner",
        "watanabe",
        "--dept",
        "it",
        "--version",
        "1.1",
        "--purpose",
        "重要インフラサービス障害の検知から国土交通省への報告・復旧までの手順",
        "--review-months",
        "12",
        NULL};
    static const char *const p_prc2[] = {
        "--code",
        "PRC-002",
        "--title",
        "BHS 制御システム運用手順",
        "--kind",
        "procedure",
        "--parent",
        "REG-001",
        "--owner",
        "yamamoto",
        "--dept",
        "fac",
        "--version",
        "0.9",
        "--purpose",
        "BHS の保守作業、リモート保守接続、手動仕分けへの切替えの手順",
        "--review-months",
        "12",
        NULL};
    if ((rc = add(st, cat, "policy", p_pol, &pol, err)) ||
        (rc = add(st, cat, "policy", p_reg1, &reg1, err)) ||
        (rc = add(st, cat, "policy", p_reg2, &reg2, err)) ||
        (rc = add(st, cat, "policy", p_prc1, &prc1, err)) ||
        (rc = add(st, cat, "policy", p_prc2, &prc2, err)))
        return rc;
    /* the policy: approved by the executive (committee) half a year ago */
    day(-160, d);
    at(&clk, d);
    rc = reg_policy_approve(st, pol, person(st, "sato"), err);
    at_end(&clk);
    if (rc)
        return rc;
    /* REG-001: approved 14 months ago, its 12-month review is overdue */
    day(-425, d);
    at(&clk, d);
    rc = reg_policy_approve(st, reg1, person(st, "takahashi"), err);
    at_end(&clk);
    if (rc)
        return rc;
    day(-90, d);
    at(&clk, d);
    if ((rc = reg_policy_approve(st, reg2, person(st, "takahashi"), err)) == AG_OK)
        rc = reg_policy_approve(st, prc1, person(st, "takahashi"), err);
    at_end(&clk);
    if (rc)
        return rc;
    /* PRC-001 reviewed after the exercise: confirmed */
    day(-20, d);
    at(&clk, d);
    rc = reg_policy_review(st, prc1, "change", "confirmed",
                           "BHS 障害対応訓練の結果を踏まえ確認。変更なし", person(st, "takahashi"),
                           err);
    at_end(&clk);
    return rc; /* PRC-002 stays a draft */
}

static int demo_contractors(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char start[11], end[11], d[11];
    long long bhs, web, fids;
    struct demo_clock clk;
    int rc;
    day(-300, start);
    day(430, end);
    const char *const p_bhs[] = {
        "--code",
        "BHS-MNT",
        "--name",
        "株式会社ノースウィンド搬送サービス",
        "--service",
        "BHS 制御システム（SCADA・PLC）の保守、定期点検、障害時の駆付け対応",
        "--kind",
        "operation",
        "--system",
        "BHS",
        "--dept",
        "fac",
        "--owner",
        "nakamura",
        "--start",
        start,
        "--end",
        end,
        "--personal-data",
        "no",
        "--subcontracting",
        "yes",
        "--access-scope",
        "BHS-SCADA1 及び PLC への保守端末からの接続（作業申請時のみ、保守用 VPN 経由）",
        "--selection",
        "外部委託管理規程 REG-002 の選定基準に基づく評価（2 社比較）",
        "--location",
        "南湾国際空港 BHS 機械室、ノースウィンド社 東京サポートセンター",
        "--outage-procedure",
        "障害認知から 30 分以内に施設部へ電話連絡、2 時間以内に駆付け",
        "--contact",
        "保守窓口 03-0000-4410（24 時間）",
        NULL};
    if ((rc = add(st, cat, "contractor", p_bhs, &bhs, err)))
        return rc;
    day(-290, d);
    at(&clk, d);
    if ((rc = answer_all(st, "contractor", bhs, "nakamura", true, NULL, NULL, NULL, err)) == AG_OK)
        rc = reg_contractor_approve(st, bhs, person(st, "yamamoto"), err);
    at_end(&clk);
    if (rc)
        return rc;
    /* the passenger web service: personal data, contract not approved yet (one item not met) */
    day(14, start);
    day(14 + 730, end);
    const char *const p_web[] = {
        "--code",
        "PAX-WEB",
        "--name",
        "株式会社コントソ・デジタル",
        "--service",
        "旅客向けウェブサービス（会員登録・フライト通知）の開発及び運用",
        "--kind",
        "application",
        "--dept",
        "pax",
        "--owner",
        "yamaguchi",
        "--start",
        start,
        "--end",
        end,
        "--personal-data",
        "yes",
        "--subcontracting",
        "no",
        "--access-scope",
        "会員データベース（本番環境は運用担当 2 名のみ）、ソースコードリポジトリ",
        "--selection",
        "REG-002 に基づく提案評価（3 社）",
        "--location",
        "コントソ・デジタル 大阪開発センター",
        "--outage-procedure",
        "サービス停止を検知したら 15 分以内に旅客サービス部へ連絡",
        NULL};
    if ((rc = add(st, cat, "contractor", p_web, &web, err)))
        return rc;
    static const char *const web_not_met[] = {"pd-incident-liability", NULL};
    static const char *const web_na[] = {"subcontract-guarantee", NULL};
    if ((rc = answer_all(st, "contractor", web, "yamaguchi", false, web_na,
                         "再委託なし（契約で禁止）", web_not_met, err)))
        return rc;
    /* the FIDS cloud service */
    day(-200, start);
    day(900, end);
    const char *const p_fids[] = {
        "--code",
        "FIDS-CLOUD",
        "--name",
        "FIDS 表示配信クラウド",
        "--provider",
        "株式会社ノースクラウド",
        "--system",
        "FIDS",
        "--dept",
        "pax",
        "--owner",
        "yamaguchi",
        "--class",
        "2",
        "--handling",
        "再配布禁止（運航情報の事前公開不可）",
        "--data-location",
        "日本国内（東京・大阪リージョン）",
        "--law",
        "日本法",
        "--jurisdiction",
        "東京地方裁判所",
        "--foreign-law-risk",
        "事業者は国内法人、データは国内リージョンのみ。外国法令の適用リスクは低いと評価",
        "--exit-plan",
        "終了 6 か月前の事前告知、表示データの CSV 一括移行、FIDS-SRV1 "
        "でのオンプレミス配信に切替可",
        "--rpo",
        "15 分",
        "--evaluation",
        "ISMAP 登録サービス、ISO/IEC 27017 認証、外部監査報告書（年次）を確認",
        "--start",
        start,
        "--end",
        end,
        NULL};
    if ((rc = add(st, cat, "cloud", p_fids, &fids, err)))
        return rc;
    day(-210, d);
    at(&clk, d);
    if ((rc = answer_all(st, "cloud", fids, "yamaguchi", false, NULL, NULL, NULL, err)) == AG_OK)
        rc = reg_cloud_decide(st, fids, "approved",
                              "格付 2 の運航情報の取扱いを委ねることは可。要件はすべて充足",
                              person(st, "takahashi"), err);
    at_end(&clk);
    return rc;
}

static int demo_ledger(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char r1[11], r2[11];
    int rc;
    day(-300, r1);
    day(-345, r2); /* updated 11 months ago: due soon */
    const char *const lf[] = {
        "--code",
        "PD-LOSTFOUND",
        "--name",
        "遺失物管理台帳",
        "--dept",
        "pax",
        "--manager",
        "sasaki",
        "--items",
        "遺失者の氏名、住所、電話番号、遺失物の特徴、返還時の本人確認書類の種類及び番号の下 4 桁",
        "--purpose",
        "遺失物の返還、遺失物法に基づく警察署への届出・引渡し",
        "--purpose-notice",
        "published",
        "--location",
        "第 1 旅客ターミナル 1 階 遺失物センター（施錠キャビネット）及び遺失物管理システム",
        "--method",
        "紙の届出書は施錠保管、電子データはアクセス制御された業務システムに保存",
        "--access",
        "遺失物センター係員 4 名、旅客サービス部の情報セキュリティ責任者",
        "--use-period",
        "返還又は警察署への引渡しから 3 か月後に廃棄",
        "--other",
        "警察署への提供は遺失物法に基づく（第三者提供の例外）",
        "--subjects",
        "3200",
        "--level",
        "medium",
        "--leak-impact",
        "旅客の信頼の低下。件数は限定的で要配慮個人情報は含まない",
        "--reviewed",
        r1,
        "--review-months",
        "12",
        NULL};
    const char *const web[] = {
        "--code",
        "PD-PAXWEB",
        "--name",
        "旅客向けウェブサービス会員情報",
        "--dept",
        "pax",
        "--manager",
        "sasaki",
        "--items",
        "氏名、メールアドレス、電話番号、パスワード（ハッシュ値）、搭乗予定便、通知設定",
        "--purpose",
        "フライト情報の通知、会員サービスの提供、問合せ対応",
        "--purpose-notice",
        "stated",
        "--location",
        "委託先 PAX-WEB が運用する国内データセンターの会員データベース",
        "--method",
        "暗号化した DB に保存、バックアップは暗号化して別拠点へ",
        "--access",
        "委託先の運用担当 2 名（本番）、旅客サービス部の管理者 2 名（管理画面）",
        "--use-period",
        "退会から 1 年後に消去",
        "--subjects",
        "48000",
        "--level",
        "high",
        "--leak-impact",
        "大規模漏えいは個人情報保護委員会への報告対象。空港の信頼に重大な影響",
        "--overseas",
        "EU 在住会員について GDPR を参照",
        "--contractor",
        "PAX-WEB",
        "--reviewed",
        r2,
        "--review-months",
        "12",
        NULL};
    if ((rc = add(st, cat, "pdata", lf, NULL, err)) || (rc = add(st, cat, "pdata", web, NULL, err)))
        return rc;
    return AG_OK;
}

static int demo_training(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char d1[11], d2[11], d3[11];
    long long t1, t2;
    int rc;
    day(-60, d1);
    day(-30, d2);
    day(20, d3);
    const char *const aw[] = {"--title",     "全職員向け情報セキュリティ研修（年次）",
                              "--kind",      "awareness",
                              "--date",      d1,
                              "--owner",     "takahashi",
                              "--trainer",   "CSIRT 渡辺",
                              "--topics",    "handling,policy,threats",
                              "--materials", "研修スライド v3、理解度テスト（20 問）",
                              NULL};
    const char *const ex[] = {"--title",     "BHS 制御システム障害対応訓練",
                              "--kind",      "exercise",
                              "--date",      d2,
                              "--dept",      "fac",
                              "--owner",     "yamamoto",
                              "--trainer",   "施設部・CSIRT 合同",
                              "--topics",    "outage",
                              "--materials", "PRC-001 インシデント対応手順、BHS 手動仕分け切替手順",
                              "--items",     "3.1.4.2,3.2.2.1(2),3.1.4.1(3)(a)",
                              NULL};
    const char *const te[] = {"--title",   "ログ監視・分析の技術研修",
                              "--kind",    "technical",
                              "--date",    d3,
                              "--dept",    "it",
                              "--owner",   "suzuki",
                              "--trainer", "外部講師",
                              "--topics",  "threats",
                              NULL};
    static const char *const invited[] = {"suzuki",    "tanaka", "ito",     "yamamoto",
                                          "nakamura",  "kato",   "yoshida", "sasaki",
                                          "yamaguchi", "kimura", "mori",    NULL};
    static const char *const attended[] = {"suzuki",    "tanaka", "ito",     "yamamoto",
                                           "nakamura",  "kato",   "yoshida", "sasaki",
                                           "yamaguchi", "mori",   NULL};
    static const char *const drill[] = {"yamamoto", "nakamura", "kobayashi", "watanabe", NULL};
    static const char *const tech[] = {"tanaka", "ito", "mori", NULL};
    if ((rc = add(st, cat, "training", aw, &t1, err)) ||
        (rc = reg_training_people(st, t1, invited, false, err)) ||
        (rc = reg_training_people(st, t1, attended, true, err)) ||
        (rc = add(st, cat, "training", ex, &t2, err)) ||
        (rc = reg_training_people(st, t2, drill, true, err)) ||
        (rc = add(st, cat, "training", te, &t1, err)) ||
        (rc = reg_training_people(st, t1, tech, false, err)))
        return rc;
    return AG_OK;
}

static int demo_contacts(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    static const struct {
        const char *sys, *admin, *admin_tel, *manager, *manager_tel, *vendor, *vendor_tel;
    } chains[] = {
        {"SURV", "yoshida", "090-0000-2101", "kato", "090-0000-2001", "Fabrikam 保守センター",
         "03-0000-5520"},
        {"FIDS", "yamaguchi", "090-0000-3101", "sasaki", "090-0000-3001",
         "Contoso サポート / ノースクラウド", "03-0000-6630"},
        {"BHS", "nakamura", "090-0000-4101", "yamamoto", "090-0000-4001",
         "ノースウィンド搬送サービス 保守窓口", "03-0000-4410"},
    };
    static const char report[] =
        "発生日時、影響を受けたシステムとサービス、影響範囲、対応状況、手動運用への切替の要否";
    int rc = AG_OK;
    for (size_t i = 0; i < AG_ARRAY_LEN(chains) && rc == AG_OK; i++) {
        const char *sys = chains[i].sys;
        const char *const e1[] = {"--system",   sys,
                                  "--position", "1",
                                  "--party",    "internal",
                                  "--person",   chains[i].admin,
                                  "--role",     "システム管理者（一次対応）",
                                  "--phone",    chains[i].admin_tel,
                                  "--means",    "電話、不通時は業務用チャット",
                                  "--report",   report,
                                  "--hours",    "24 時間（当番制）",
                                  NULL};
        const char *const e2[] = {"--system",
                                  sys,
                                  "--position",
                                  "2",
                                  "--party",
                                  "internal",
                                  "--person",
                                  chains[i].manager,
                                  "--role",
                                  "情報セキュリティ責任者",
                                  "--phone",
                                  chains[i].manager_tel,
                                  "--means",
                                  "電話",
                                  "--report",
                                  report,
                                  "--deputy-for",
                                  "1",
                                  NULL};
        const char *const e3[] = {"--system",   sys,
                                  "--position", "3",
                                  "--party",    "internal",
                                  "--person",   "takahashi",
                                  "--role",     "CISO（報告の判断）",
                                  "--phone",    "090-0000-1001",
                                  "--means",    "電話",
                                  "--report",   "影響の評価、国土交通省への報告の要否",
                                  NULL};
        const char *const e4[] = {"--system",
                                  sys,
                                  "--position",
                                  "4",
                                  "--party",
                                  "internal",
                                  "--person",
                                  "watanabe",
                                  "--role",
                                  "CSIRT",
                                  "--phone",
                                  "090-0000-1101",
                                  "--means",
                                  "電話、CSIRT 共有メール",
                                  "--deputy-for",
                                  "3",
                                  NULL};
        const char *const e5[] = {"--system",   sys,
                                  "--position", "5",
                                  "--party",    "vendor",
                                  "--name",     chains[i].vendor,
                                  "--role",     "保守・復旧支援",
                                  "--phone",    chains[i].vendor_tel,
                                  "--means",    "電話（24 時間窓口）",
                                  NULL};
        const char *const e6[] = {
            "--system",   sys,
            "--position", "6",
            "--party",    "ministry",
            "--name",     "国土交通省 航空局 安全部 空港安全・保安対策課（架空の連絡先）",
            "--role",     "重要インフラサービス障害の報告先 (3.1.2.4(2))",
            "--phone",    "03-0000-0001",
            "--email",    "report@example.go.jp",
            "--means",    "電話の後、様式による報告",
            "--report",   report,
            NULL};
        const char *const e7[] = {
            "--system", sys,        "--position", "7",
            "--party",  "ceptoar",  "--name",     "航空分野 CEPTOAR 事務局（架空）",
            "--role",   "情報共有", "--email",    "ceptoar@example.jp",
            "--means",  "メール",   NULL};
        const char *const *entries[] = {e1, e2, e3, e4, e5, e6, e7};
        for (size_t e = 0; e < AG_ARRAY_LEN(entries) && rc == AG_OK; e++)
            rc = add(st, cat, "contact", entries[e], NULL, err);
    }
    return rc;
}

static int demo_milestones(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char t1[11], t2[11], t3[11], t4[11];
    int rc;
    day(300, t1);
    day(-10, t2);
    day(180, t3);
    day(-40, t4);
    const char *const rm[] = {
        "--code",   "RM-1",
        "--level",  "roadmap",
        "--title",  "重要システムのセキュリティ対策の定着",
        "--goal",   "3 つの重要システムで自己点検の実施率 100%、重大な不適合ゼロ",
        "--owner",  "takahashi",
        "--target", t1,
        "--status", "in_progress",
        "--items",  "3.1.3(1)",
        NULL};
    const char *const p1[] = {"--code",   "PL-1",
                              "--level",  "plan",
                              "--parent", "RM-1",
                              "--title",  "全職員の年次研修受講率 100%",
                              "--goal",   "未受講者へのフォローアップ研修を実施",
                              "--owner",  "suzuki",
                              "--target", t2,
                              "--status", "in_progress",
                              "--items",  "3.1.4.2",
                              NULL};
    const char *const p2[] = {
        "--code",   "PL-2",
        "--level",  "plan",
        "--parent", "RM-1",
        "--title",  "BHS 制御ネットワークの分離",
        "--goal",   "BHS 制御ネットワークと事務系ネットワークの境界にファイアウォールを設置",
        "--owner",  "yamamoto",
        "--target", t3,
        "--status", "planned",
        NULL};
    const char *const p3[] = {"--code",   "PL-3",
                              "--level",  "plan",
                              "--parent", "RM-1",
                              "--title",  "重要システムの緊急連絡網の整備",
                              "--goal",   "SURV・FIDS・BHS の連絡網を台帳化し訓練で確認",
                              "--owner",  "takahashi",
                              "--target", t4,
                              "--status", "done",
                              "--done",   t4,
                              "--items",  "3.1.4.1(3)(a)",
                              NULL};
    if ((rc = add(st, cat, "milestone", rm, NULL, err)) ||
        (rc = add(st, cat, "milestone", p1, NULL, err)) ||
        (rc = add(st, cat, "milestone", p2, NULL, err)) ||
        (rc = add(st, cat, "milestone", p3, NULL, err)))
        return rc;
    return AG_OK;
}

int isms_demo_register(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc;
    if ((rc = reg_checklist_seed(st, cat, err)) || (rc = demo_policies(st, cat, err)) ||
        (rc = demo_contractors(st, cat, err)) || (rc = demo_ledger(st, cat, err)) ||
        (rc = demo_training(st, cat, err)) || (rc = demo_contacts(st, cat, err)) ||
        (rc = demo_milestones(st, cat, err)))
        return rc;
    return AG_OK;
}
