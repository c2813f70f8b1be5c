/*
 * demo_incident.c — the incident part of the demo airport, made through the workflow's own
 * functions: a closed 重要インフラサービス障害 (the BHS sorting-line PLC network went down, bags
 * were sorted by hand, flights were delayed and two cancelled; reported to MLIT; recurrence
 * prevention as corrective actions; closed by the CISO) and an open personal-data leak (a
 * lost-and-found enquiry list e-mailed to the wrong recipient, 3.1.2.6(7) steps half done).
 * Times are relative to ag_now(), so the demo stays believable whatever day it is built
 * (and with $AIRGUARD_NOW in tests). Runs inside isms_demo's transaction.
 */
#include "isms/incident.h"

/* "YYYY-MM-DDTHH:MM:00+09:00", days before today (airport local time). */
static const char *at(char *buf, size_t cap, long days_ago, const char *hhmm)
{
    char today[11], day[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, -days_ago, day);
    snprintf(buf, cap, "%sT%s:00+09:00", day, hhmm);
    return buf;
}

static const char *date(char *buf, long days_from_today)
{
    char today[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, days_from_today, buf);
    return buf;
}

static long long who(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        return 0;
    return id;
}

struct entry {
    const char *login, *kind, *hhmm, *to, *text;
};

static int log_all(struct store *st, long long id, long days_ago, const struct entry *e, size_t n,
                   struct ag_error *err)
{
    char t[40];
    int rc = AG_OK;
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = isms_incident_log(st, id, who(st, e[i].login), e[i].kind,
                               at(t, sizeof(t), days_ago, e[i].hhmm), e[i].to, e[i].text, err);
    return rc;
}

static int bhs_outage(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char t1[40], t2[40], t3[40], due1[11], due2[11];
    long long id, action;
    const long d = 41; /* days ago */
    int rc;
    struct isms_incident_new in = {
        "BHS 仕分けライン PLC ネットワーク断による手荷物搬送停止",
        "第1旅客ターミナルの BHS 制御ネットワーク（リング構成）でスイッチ1台が故障し、仕分けライン "
        "PLC 1・2 と監視制御サーバの通信が途絶。受託手荷物の自動仕分けが停止した。",
        "high",
        at(t1, sizeof(t1), d, "07:48"),
        at(t2, sizeof(t2), d, "07:52"),
        "BHS 監視制御サーバ（BHS-SCADA1）の PLC 通信断アラーム、続いてソーター停止の現場連絡",
        "fac",
        "NWX-T1"};
    if ((rc = isms_incident_open(st, &in, who(st, "nakamura"), &id, err)))
        return rc;
    static const struct entry first[] = {
        {"nakamura", "reported", "07:58", "yamamoto",
         "施設部長へ電話で第一報（仕分けライン全停止、原因不明）"},
        {"nakamura", "emergency-measure", "08:05", NULL,
         "手仕分けに切替、施設部・グランドハンドリング要員 24 名を動員"},
        {"yamamoto", "escalated", "08:15", "takahashi",
         "最高情報セキュリティ責任者へ報告、緊急連絡網（3.1.4.1(3)(a)）を起動"},
        {"sasaki", "user-information", "08:30", NULL,
         "各航空会社へ連絡、館内放送と FIDS で早めのチェックインを案内"},
        {"tanaka", "contained", "09:10", NULL,
         "故障スイッチを特定（ポート異常、サイバー攻撃の痕跡なし: ログと通信記録を確認）"},
    };
    if ((rc = log_all(st, id, d, first, AG_ARRAY_LEN(first), err)))
        return rc;
    if ((rc = isms_incident_cause(st, id, who(st, "yamamoto"), "accidental",
                                  "制御ネットワークのスイッチ故障（ハードウェア）",
                                  "リング構成の冗長経路で、予備スイッチへの切替設定が更新工事の際に"
                                  "無効化されたままだったため、1台の故障で全体が停止した。",
                                  err)))
        return rc;
    struct isms_incident_impact im = {"BHS",
                                      "受託手荷物の自動仕分け停止（処理能力 約3割）",
                                      "手仕分けと人手による搬送",
                                      at(t1, sizeof(t1), d, "07:48"),
                                      at(t3, sizeof(t3), d, "11:35"),
                                      14,
                                      2,
                                      2300};
    if ((rc = isms_incident_system(st, id, who(st, "nakamura"), &im, err)) ||
        (rc = isms_incident_report_sent(st, id, who(st, "takahashi"),
                                        at(t1, sizeof(t1), d, "09:30"), err)))
        return rc;
    static const struct entry later[] = {
        {"nakamura", "emergency-measure", "10:40", NULL,
         "保守会社が予備スイッチに交換、PLC との通信回復を確認"},
        {"nakamura", "recovered", "11:35", NULL, "自動仕分けを再開、滞留手荷物を 12:20 までに処理"},
    };
    if ((rc = log_all(st, id, d, later, AG_ARRAY_LEN(later), err)) ||
        (rc = isms_incident_report_sent(st, id, who(st, "takahashi"),
                                        at(t1, sizeof(t1), d - 1, "10:00"), err)))
        return rc;
    const char *items1[] = {"3.1.2.4(2)", "3.1.5.2(4)", NULL};
    struct isms_action_new a1 = {"incident",
                                 id,
                                 "BHS 制御ネットワークの冗長切替試験を四半期ごとに実施",
                                 "工事後の設定確認手順に冗長切替の試験を追加する",
                                 "nakamura",
                                 "fac",
                                 date(due1, 20),
                                 items1};
    const char *items2[] = {"3.1.2.4(2)", NULL};
    struct isms_action_new a2 = {
        "incident",     id,    "手仕分け切替手順と要員招集の訓練を年2回実施", "", "yamamoto", "fac",
        date(due2, 60), items2};
    if ((rc = isms_incident_prevent(st, cat, id, who(st, "takahashi"), &a1, &action, err)) ||
        (rc = isms_incident_prevent(st, cat, id, who(st, "takahashi"), &a2, &action, err)))
        return rc;
    return isms_incident_close(st, id, who(st, "takahashi"),
                               "原因・再発防止策を確認。冗長切替試験の初回結果を次回委員会で報告。",
                               err);
}

static int mail_leak(struct store *st, struct ag_error *err)
{
    char t1[40], t2[40], day[11];
    long long id, asset = 0;
    const long d = 2;
    int rc;
    struct isms_incident_new in = {
        "遺失物問い合わせ記録の誤送信（個人データ漏えい）",
        "旅客サービス部の担当者が遺失物問い合わせ記録（一覧表）を取引先宛のメールに誤って添付し、"
        "社外の1社へ送信した。",
        "medium",
        at(t1, sizeof(t1), d, "14:10"),
        at(t2, sizeof(t2), d, "15:02"),
        "送信先の取引先からの連絡",
        "pax",
        "NWX-T2"};
    if ((rc = isms_incident_open(st, &in, who(st, "matsumoto"), &id, err)))
        return rc;
    static const struct entry e[] = {
        {"matsumoto", "reported", "15:05", "sasaki", "旅客サービス部長へ報告"},
        {"sasaki", "escalated", "15:20", "takahashi", "最高情報セキュリティ責任者へ報告"},
        {"sasaki", "emergency-measure", "15:40", NULL,
         "送信先へ削除を依頼し、削除完了の書面回答を受領"},
    };
    if ((rc = log_all(st, id, d, e, AG_ARRAY_LEN(e), err)) ||
        (rc = isms_incident_cause(st, id, who(st, "watanabe"), "accidental",
                                  "メール宛先と添付ファイルの選択誤り", NULL, err)))
        return rc;
    sqlite3_stmt *s;
    if (store_prepare(st, &s, "SELECT id FROM info_assets WHERE name LIKE '旅客問い合わせ記録%'",
                      err) == AG_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            asset = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    if ((rc = isms_incident_leak_open(st, id, who(st, "takahashi"),
                                      "遺失物問い合わせ記録（氏名、電話番号、搭乗便名）", 37, asset,
                                      err)) ||
        (rc = isms_incident_leak_step(st, id, who(st, "watanabe"), "source-identified",
                                      date(day, -d), "誤送信メール1通（送信ログで確認）", err)) ||
        (rc = isms_incident_leak_step(st, id, who(st, "watanabe"), "leak-stopped", date(day, -d),
                                      NULL, err)) ||
        (rc = isms_incident_leak_step(st, id, who(st, "watanabe"), "spread-stopped", date(day, -d),
                                      "送信先での削除を確認", err)) ||
        (rc = isms_incident_leak_step(st, id, who(st, "takahashi"), "subjects-notified",
                                      date(day, -1), "37 名に電話とメールで連絡", err)))
        return rc;
    return AG_OK;
}

int isms_demo_incident(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc = bhs_outage(st, cat, err);
    return rc ? rc : mail_leak(st, err);
}
