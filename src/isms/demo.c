/*
 * demo.c — the demo airport: a believable fictional operator so a newcomer sees a living system.
 * 南湾国際空港 (Nanwan International Airport, code NWX) with two terminals; departments; about
 * twenty people across every guideline role; the three critical systems of 2.2.1 with their
 * assets and information assets. Each workflow then adds its records (demo_<workflow>.c).
 * Everything is written in one transaction: the demo is there whole or not at all.
 */
#include "isms/bcp.h"
#include "isms/compliance.h"
#include "isms/isms.h"

struct demo_person {
    const char *login, *name, *name_en, *dept, *roles; /* roles: "role[@dept] …" */
};

static const struct demo_person people[] = {
    {"sato", "佐藤 健一", "Kenichi Sato", "exec", "executive committee"},
    {"takahashi", "高橋 美咲", "Misaki Takahashi", "exec", "ciso committee"},
    {"suzuki", "鈴木 大輔", "Daisuke Suzuki", "it", "manager@it committee"},
    {"tanaka", "田中 誠", "Makoto Tanaka", "it", "sysadmin@it csirt"},
    {"ito", "伊藤 彩", "Aya Ito", "it", "sysadmin@it"},
    {"watanabe", "渡辺 翔太", "Shota Watanabe", "it", "csirt handler"},
    {"yamamoto", "山本 直樹", "Naoki Yamamoto", "fac", "manager@fac committee"},
    {"nakamura", "中村 陽介", "Yosuke Nakamura", "fac", "sysadmin@fac handler"},
    {"kobayashi", "小林 恵", "Megumi Kobayashi", "fac", "handler"},
    {"kato", "加藤 剛", "Tsuyoshi Kato", "sec", "manager@sec committee"},
    {"yoshida", "吉田 亮", "Ryo Yoshida", "sec", "sysadmin@sec handler"},
    {"yamada", "山田 花子", "Hanako Yamada", "sec", "handler"},
    {"sasaki", "佐々木 優", "Yu Sasaki", "pax", "manager@pax committee"},
    {"yamaguchi", "山口 拓也", "Takuya Yamaguchi", "pax", "sysadmin@pax handler"},
    {"matsumoto", "松本 沙織", "Saori Matsumoto", "pax", "handler"},
    {"inoue", "井上 聡", "Satoshi Inoue", "adm", "manager@adm handler"},
    {"kimura", "木村 由美", "Yumi Kimura", "adm", "handler"},
    {"hayashi", "林 正和", "Masakazu Hayashi", "audit", "auditor"},
    {"shimizu", "清水 玲奈", "Reina Shimizu", "audit", "auditor"},
    {"mori", "森 隆", "Takashi Mori", "it", "handler"},
};

static int grant_roles(struct store *st, const struct demo_person *p, struct ag_error *err)
{
    char buf[128];
    char *save = NULL;
    snprintf(buf, sizeof(buf), "%s", p->roles);
    for (char *r = strtok_r(buf, " ", &save); r; r = strtok_r(NULL, " ", &save)) {
        char *at = strchr(r, '@');
        if (at)
            *at++ = '\0';
        int rc = isms_role_grant(st, p->login, r, at, err);
        if (rc)
            return rc;
    }
    return AG_OK;
}

static int demo_org(struct store *st, struct ag_error *err)
{
    int rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO organisation(id, name_ja, name_en) VALUES (1, "
                            "'南湾空港ビル株式会社', 'Nanwan Airport Terminal Co., Ltd.')",
                            err)))
        return rc;
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "organisation", err);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    if ((rc = isms_site_add(st, "NWX", "airport", "南湾国際空港", "Nanwan International Airport",
                            NULL, err)) ||
        (rc = isms_site_add(st, "NWX-T1", "terminal", "第1旅客ターミナル", "Passenger Terminal 1",
                            "NWX", err)) ||
        (rc = isms_site_add(st, "NWX-T2", "terminal", "第2旅客ターミナル", "Passenger Terminal 2",
                            "NWX", err)))
        return rc;
    static const char *const depts[][4] = {
        {"exec", "経営企画部", "Corporate Planning", ""},
        {"it", "情報システム部", "Information Systems", ""},
        {"fac", "施設部（手荷物搬送設備）", "Facilities (baggage handling)", "NWX-T1"},
        {"sec", "保安警備部", "Security", ""},
        {"pax", "旅客サービス部", "Passenger Services", "NWX-T2"},
        {"adm", "総務部", "General Affairs", ""},
        {"audit", "内部監査室", "Internal Audit", ""},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(depts); i++)
        if ((rc = isms_department_add(st, depts[i][0], depts[i][1], depts[i][2],
                                      *depts[i][3] ? depts[i][3] : "NWX", NULL, err)))
            return rc;
    for (size_t i = 0; i < AG_ARRAY_LEN(people); i++) {
        char email[96];
        long long id;
        snprintf(email, sizeof(email), "%s@nwx-airport.example", people[i].login);
        struct isms_person_new p = {people[i].login, people[i].name, people[i].name_en, email, "",
                                    people[i].dept};
        if ((rc = isms_person_add(st, &p, &id, err)) || (rc = grant_roles(st, &people[i], err)))
            return rc;
    }
    static const struct isms_system_new systems[] = {
        {"SURV", "surveillance", "警戒警備・監視システム",
         "Security surveillance and monitoring system",
         "映像監視・記録が止まると事案の追跡検証ができず、警備員の巡回増員が必要になる",
         "Without video surveillance and recording, incidents cannot be traced; more guard patrols "
         "are needed",
         "警備員による巡回と立哨", "sec", "NWX", true, false},
        {"FIDS", "flight-information", "フライトインフォメーションシステム",
         "Flight information system",
         "出発・到着案内が表示されず、旅客の誘導に人手を要し搭乗遅延が生じる",
         "Departure and arrival information is not displayed; passengers must be guided by staff "
         "and boarding is delayed",
         "手書き掲示と館内放送", "pax", "NWX-T2", true, false},
        {"BHS", "baggage-handling", "バゲージハンドリングシステム", "Baggage handling system",
         "受託手荷物の検査・搬送が止まり、出発便の遅延・欠航につながる",
         "Checked baggage is neither screened nor conveyed; departures are delayed or cancelled",
         "手荷物の手仕分けと人手による搬送（処理能力は約3割）", "fac", "NWX-T1", true, true},
        {"OA", "other", "事務系ネットワーク", "Office network", "", "", "", "it", "NWX", false,
         false},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(systems); i++)
        if ((rc = isms_system_add(st, &systems[i], err)))
            return rc;
    static const struct isms_asset_new assets[] = {
        {"SURV-REC1", "SURV", "server", "映像記録サーバ 1", "Fabrikam", "NVR-8800", "T1 警備室",
         "10.20.1.10", "00:1b:44:11:3a:b7", "yoshida"},
        {"SURV-CAM-T1-001", "SURV", "camera", "出発ロビー監視カメラ 1", "Fabrikam", "IPC-220",
         "T1 出発ロビー", "10.20.2.101", "00:1b:44:11:3a:c1", "yoshida"},
        {"SURV-CAM-T1-002", "SURV", "camera", "出発ロビー監視カメラ 2", "Fabrikam", "IPC-220",
         "T1 出発ロビー", "10.20.2.102", "00:1b:44:11:3a:c2", "yoshida"},
        {"FIDS-SRV1", "FIDS", "server", "FIDS 配信サーバ", "Contoso", "FIS-5", "T2 機械室",
         "10.30.1.10", "00:50:56:aa:01:10", "yamaguchi"},
        {"FIDS-DSP-T2-01", "FIDS", "terminal", "出発案内表示端末 T2-01", "Contoso", "SignBox",
         "T2 出発ロビー", "10.30.2.11", "00:50:56:aa:02:11", "yamaguchi"},
        {"BHS-SCADA1", "BHS", "server", "BHS 監視制御サーバ", "Northwind", "BHS-Control 7",
         "T1 BHS 制御室", "10.40.1.10", "00:0e:8c:12:34:01", "nakamura"},
        {"BHS-PLC1", "BHS", "plc", "仕分けライン PLC 1", "Northwind", "S7-class PLC",
         "T1 ソーティングエリア", "10.40.2.21", "00:0e:8c:12:34:21", "nakamura"},
        {"BHS-PLC2", "BHS", "plc", "仕分けライン PLC 2", "Northwind", "S7-class PLC",
         "T1 ソーティングエリア", "10.40.2.22", "00:0e:8c:12:34:22", "nakamura"},
        {"BHS-HMI1", "BHS", "terminal", "BHS 操作端末", "Northwind", "HMI-15", "T1 BHS 制御室",
         "10.40.1.20", "00:0e:8c:12:34:30", "nakamura"},
        {"NET-CORE1", "OA", "network", "コアスイッチ", "Tailspin", "CS-9000", "本館 サーバ室",
         "10.0.0.1", "00:1c:73:00:00:01", "tanaka"},
        {"OA-MFP1", "OA", "mfp", "事務所複合機", "Litware", "MFP-4500", "本館 2F 事務室",
         "10.0.5.20", "00:80:92:aa:bb:01", "ito"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(assets); i++)
        if ((rc = isms_asset_add(st, &assets[i], err)))
            return rc;
    static const struct isms_info_asset_new info[] = {
        {"監視映像（録画データ）", "警戒警備・監視システムの録画（保存30日）", "sec", "SURV",
         "持出禁止、閲覧は保安警備部長の許可制", 3, 2, 2},
        {"運航情報（表示用データ）", "出発・到着便の表示データ", "pax", "FIDS", "", 1, 2, 2},
        {"手荷物仕分けルーティング表", "便と仕分けシュートの対応表", "fac", "BHS", "複製禁止", 2, 2,
         2},
        {"BHS 制御プログラム・設計書", "PLC ラダープログラムとネットワーク構成図", "fac", "BHS",
         "複製禁止、委託先への提供は施設部長の許可制", 3, 2, 1},
        {"旅客問い合わせ記録（個人データ）", "遺失物・問い合わせ対応の記録", "pax", NULL,
         "個人データ、目的外利用禁止", 3, 1, 1},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(info); i++) {
        long long id;
        if ((rc = isms_info_asset_add(st, &info[i], &id, err)))
            return rc;
    }
    return AG_OK;
}

int isms_demo(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc;
    char saved[128];
    snprintf(saved, sizeof(saved), "%s", store_actor(st));
    store_set_actor(st, "demo");
    if ((rc = store_begin(st, err)))
        return rc;
    if ((rc = demo_org(st, err)) || (rc = isms_demo_assess(st, cat, err)) ||
        (rc = isms_demo_risk(st, cat, err)) || (rc = isms_demo_exception(st, cat, err)) ||
        (rc = isms_demo_incident(st, cat, err)) || (rc = isms_demo_audit(st, cat, err)) ||
        (rc = isms_demo_register(st, cat, err)) || (rc = isms_demo_logs(st, cat, err)) ||
        (rc = isms_demo_vuln(st, cat, err)) || (rc = isms_demo_bcp(st, cat, err)) ||
        (rc = isms_demo_worklog(st, cat, err)) || (rc = isms_demo_evidence(st, cat, err)) ||
        (rc = store_meta_set(st, "demo", "nwx", err))) {
        store_rollback(st);
        store_set_actor(st, saved);
        return rc;
    }
    rc = store_commit(st, err);
    store_set_actor(st, saved);
    return rc;
}
