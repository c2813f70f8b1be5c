/*
 * demo_bcp.c — business continuity and secure areas of the demo airport (南湾国際空港 NWX):
 * continuity plans of BHS, FIDS and SURV (SURV's spare recorder stands in the same room: the
 * check shows it), recovery tests (BHS passed five months ago, FIDS partially fourteen months
 * ago with a corrective action and now overdue, SURV never tested), the emergency command
 * structure with deputies, the assembly places, this year's exercises; the server room and the
 * BHS control room with their equipment, authorised people (one authorisation past its end),
 * yesterday's entries, visitors (one badge not returned) and equipment movements.
 *
 * Everything goes through the library functions, so the demo obeys the same rules; steps in
 * the past run with $AIRGUARD_NOW set to their day or time (as demo_register.c does).
 */
#include "isms/bcp.h"

#include <time.h>

struct clock_saved {
    char v[32];
    bool had;
};
static void at(struct clock_saved *c, const char *when)
{
    const char *v = getenv("AIRGUARD_NOW");
    c->had = v != NULL;
    snprintf(c->v, sizeof(c->v), "%s", v ? v : "");
    setenv("AIRGUARD_NOW", when, 1);
}
static void at_end(struct clock_saved *c)
{
    if (c->had)
        setenv("AIRGUARD_NOW", c->v, 1);
    else
        unsetenv("AIRGUARD_NOW");
}

/* today + n days, and a time of that day (hh:mm UTC) */
static void day(long n, char out[11])
{
    char today[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, n, out);
}
static void when(long n, const char *hhmm, char out[21])
{
    char d[11];
    day(n, d);
    snprintf(out, 21, "%sT%s:00Z", d, hhmm);
}
/* now − minutes */
static void ago(long minutes, char out[21])
{
    ag_time_iso(ag_now() - (time_t)minutes * 60, out);
}

static long long pid(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        id = 0;
    return id;
}

static int add(struct store *st, const struct catalog *cat, const struct reg_kind *k,
               const char *const *pairs, long long *id, struct ag_error *err)
{
    const char *values[64] = {0};
    long long ignore;
    int rc = reg_values(k, pairs, values, err);
    return rc ? rc : reg_add(st, cat, k, values, id ? id : &ignore, err);
}

static int demo_plans(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc;
    const char *bhs[] = {
        "--system",
        "BHS",
        "--priority",
        "1",
        "--priority-business",
        "出発便の受託手荷物の検査・搬送（到着手荷物は手作業で継続）",
        "--rto",
        "60",
        "--rpo",
        "15",
        "--fallback",
        "監視制御サーバ停止時は施設部長の判断で手仕分けに切替。カウンター裏の仮置場に集積し、"
        "搬送要員（施設部・委託先）を招集して人手で搬送（処理能力は約3割）。航空会社へ遅延見込みを"
        "通知。",
        "--recovery-plan",
        "予備の監視制御サーバへ切替 → ルーティング表を最新バックアップから復元 → PLC との整合を"
        "試運転で確認 → 手仕分け中の手荷物を照合してから自動運転へ戻す（欠落・二重搬送の防止）",
        "--standby",
        "予備の監視制御サーバ（T2 機械室、常時待機）",
        "--liaison",
        "航空会社各社、保安検査会社、ノースウィンド搬送サービス",
        "--backup-target",
        "ルーティング表、PLC プログラム、監視制御サーバの設定",
        "--backup-cycle",
        "ルーティング表は15分ごと、設定は変更時、7世代",
        "--backup-media",
        "T2 機械室の NAS、週次でオフライン媒体",
        "--backup-location",
        "T2 機械室 NAS と空港外の遠隔地保管サービス（週次）",
        "--backup-separate",
        "yes",
        "--backup-protection",
        "暗号化、NAS は管理 VLAN のみ、オフライン媒体は施錠保管",
        "--owner",
        "nakamura",
        "--test-months",
        "12",
        NULL};
    const char *fids[] = {
        "--system",
        "FIDS",
        "--priority",
        "2",
        "--priority-business",
        "出発便の搭乗口・時刻案内",
        "--rto",
        "30",
        "--rpo",
        "5",
        "--fallback",
        "表示停止時は旅客サービス部が手書き掲示と館内放送へ切替、案内カウンターを増員",
        "--recovery-plan",
        "配信サーバをバックアップから復元し、運航情報を航空会社システムから再取得して照合",
        "--standby",
        "クラウド上の待機系配信サービス",
        "--liaison",
        "航空会社各社、館内放送担当",
        "--backup-target",
        "配信サーバの設定と表示テンプレート",
        "--backup-cycle",
        "日次、14世代",
        "--backup-location",
        "クラウド（別リージョン）",
        "--backup-separate",
        "yes",
        "--owner",
        "yamaguchi",
        NULL};
    const char *surv[] = {
        "--system",
        "SURV",
        "--priority",
        "3",
        "--rto",
        "240",
        "--rpo",
        "60",
        "--fallback",
        "映像監視停止時は保安警備部が警備員の巡回増員と立哨に切替",
        "--backup-target",
        "録画データ（30日）と録画サーバの設定",
        "--backup-location",
        "T1 警備室の予備録画装置（録画サーバと同じ室内）",
        "--backup-separate",
        "no",
        "--backup-note",
        "同じ部屋にあり火災・浸水で同時に失われる。今年度中に T2 機械室へ移設を計画",
        "--owner",
        "yoshida",
        NULL};
    if ((rc = add(st, cat, &reg_kind_bcp_plan, bhs, NULL, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_plan, fids, NULL, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_plan, surv, NULL, err)))
        return rc;
    /* recovery tests */
    struct clock_saved c;
    char d[11], due[11];
    long long id, action;
    day(-150, d);
    at(&c, d);
    struct bcp_test_new t1 = {"BHS",
                              d,
                              "監視制御サーバの故障を想定し、予備機へ切替えてルーティング表を復元",
                              "pass",
                              "45",
                              "10",
                              "nakamura, kobayashi, ノースウィンド搬送サービス",
                              NULL};
    rc = bcp_test_add(st, cat, &t1, NULL, pid(st, "nakamura"), &id, &action, err);
    at_end(&c);
    if (rc)
        return rc;
    day(-425, d);
    day(-335, due);
    at(&c, d);
    struct bcp_test_new t2 = {"FIDS",
                              d,
                              "配信サーバのディスク故障を想定し、バックアップから復元",
                              "partial",
                              "50",
                              "5",
                              "yamaguchi, matsumoto",
                              NULL};
    struct bcp_finding_new f2 = {
        "復元手順書が旧版のままで、表示テンプレートの復元に20分余計にかかった", "yamaguchi", due};
    rc = bcp_test_add(st, cat, &t2, &f2, pid(st, "yamaguchi"), &id, &action, err);
    at_end(&c);
    return rc;
}

static int demo_command(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    static const char *const roles[][9] = {
        /* code, title, parent, holder, d1, d2, d3, dept, duties */
        {"HQ", "緊急時対策本部長", "", "sato", "takahashi", "inoue", "suzuki", "exec",
         "BCP の発動と解除、継続を優先する業務の決定、対外発表の承認"},
        {"SECRETARIAT", "事務局長", "HQ", "inoue", "kimura", "sasaki", "", "adm",
         "本部の招集・記録、関係当局・国土交通省への連絡、動員の調整"},
        {"IT", "情報システム対策実施本部長", "HQ", "suzuki", "tanaka", "ito", "", "it",
         "情報システムの復旧指揮、CSIRT との連携"},
        {"FAC", "施設（手荷物搬送）対策実施本部長", "HQ", "yamamoto", "nakamura", "kobayashi", "",
         "fac", "BHS の手仕分けへの切替と復旧"},
        {"PAX", "旅客対応本部長", "HQ", "sasaki", "yamaguchi", "matsumoto", "", "pax",
         "旅客案内（手書き掲示・館内放送）、航空会社との調整"},
        {"SECURITY", "保安警備対策実施本部長", "HQ", "kato", "yoshida", "yamada", "", "sec",
         "警備体制の強化（巡回・立哨）"},
        {"PR", "広報班長", "SECRETARIAT", "kimura", "", "", "", "adm",
         "報道・ウェブサイトでの情報発信（3.1.4.1(3)(b)）"},
    };
    int rc;
    for (size_t i = 0; i < AG_ARRAY_LEN(roles); i++) {
        const char *pairs[] = {
            "--code",    roles[i][0], "--title",   roles[i][1],
            "--parent",  roles[i][2], "--holder",  roles[i][3],
            "--deputy1", roles[i][4], "--deputy2", roles[i][5],
            "--deputy3", roles[i][6], "--dept",    roles[i][7],
            "--duties",  roles[i][8], "--means",   "固定電話が使えないときは衛星携帯電話・MCA 無線",
            NULL};
        const char *values[64] = {0};
        long long id;
        if ((rc = reg_values(&reg_kind_bcp_command, pairs, values, err)))
            return rc;
        for (size_t j = 0; j < reg_kind_bcp_command.nfields; j++)
            if (values[j] && !*values[j])
                values[j] = NULL; /* not given */
        if ((rc = reg_add(st, cat, &reg_kind_bcp_command, values, &id, err)))
            return rc;
    }
    /* emergency phones of the people in the structure who have none in the contact register */
    static const char *const phones[][2] = {
        {"sato", "090-0000-0001"},   {"takahashi", "090-0000-0002"}, {"inoue", "090-0000-0701"},
        {"suzuki", "090-0000-1001"}, {"tanaka", "090-0000-1101"},    {"ito", "090-0000-1102"},
        {"kimura", "090-0000-0702"}, {"kobayashi", "090-0000-4102"}, {"matsumoto", "090-0000-3102"},
        {"yamada", "090-0000-2102"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(phones); i++)
        if ((rc = store_run(st, "demo phones", err,
                            "UPDATE people SET phone = ? WHERE login = ? AND phone = ''", "ss",
                            phones[i][1], phones[i][0])))
            return rc;
    const char *p1[] = {"--code",      "HQ-ROOM",
                        "--name",      "本館3階 大会議室（緊急時対策本部）",
                        "--kind",      "primary",
                        "--site",      "NWX",
                        "--address",   "本館3階 大会議室",
                        "--equipment", "非常用電源、衛星携帯電話 2台、MCA 無線、ホワイトボード",
                        NULL};
    const char *p2[] = {"--code",      "T2-DISASTER",
                        "--name",      "第2旅客ターミナル 防災センター",
                        "--kind",      "alternate",
                        "--rank",      "1",
                        "--site",      "NWX-T2",
                        "--address",   "第2旅客ターミナル 1階 防災センター",
                        "--equipment", "非常用電源、館内放送設備、衛星携帯電話 1台",
                        NULL};
    const char *p3[] = {"--code",    "CITY-HALL",
                        "--name",    "南湾市役所 防災会議室（空港外）",
                        "--kind",    "alternate",
                        "--rank",    "2",
                        "--address", "南湾市中央1-1 市役所4階（空港から約8km）",
                        "--note",    "空港全体が被災した場合。市の防災担当と協定済み",
                        NULL};
    if ((rc = add(st, cat, &reg_kind_bcp_place, p1, NULL, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_place, p2, NULL, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_place, p3, NULL, err)))
        return rc;
    return AG_OK;
}

static int demo_exercises(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char d1[11], h1[11], d2[11], d3[11], d4[11], due[11];
    day(-60, d1);
    day(-58, h1);
    day(-30, d2);
    day(60, d3);
    day(-10, d4);
    day(30, due);
    long long e1, e2, ignore;
    int rc;
    const char *x1[] = {
        "--title",    "BHS 停止時の手仕分け切替訓練",
        "--kind",     "functional",
        "--scenario", "監視制御サーバ停止、出発ピーク時に手仕分けへ切替えて1時間運用",
        "--planned",  d1,
        "--held",     h1,
        "--owner",    "yamamoto",
        "--dept",     "fac",
        "--systems",  "BHS",
        NULL};
    const char *x2[] = {
        "--title",    "緊急連絡網の通報訓練",
        "--kind",     "call-tree",
        "--scenario", "休日夜間に BHS 障害、緊急連絡網の順に連絡し国土交通省への第一報まで",
        "--planned",  d2,
        "--held",     d2,
        "--owner",    "inoue",
        NULL};
    const char *x3[] = {
        "--title",    "大規模地震を想定した机上訓練",
        "--kind",     "tabletop",
        "--scenario", "本館被災、代替参集場所（T2 防災センター）で本部を立ち上げ優先業務を決定",
        "--planned",  d3,
        "--owner",    "takahashi",
        NULL};
    const char *x4[] = {"--title",    "FIDS 停止時の館内放送訓練",
                        "--kind",     "walkthrough",
                        "--scenario", "FIDS 停止時の手書き掲示と放送の手順確認",
                        "--planned",  d4,
                        "--owner",    "sasaki",
                        "--dept",     "pax",
                        NULL};
    if ((rc = add(st, cat, &reg_kind_bcp_exercise, x1, &e1, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_exercise, x2, &e2, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_exercise, x3, &ignore, err)) ||
        (rc = add(st, cat, &reg_kind_bcp_exercise, x4, &ignore, err)))
        return rc;
    const char *p1[] = {"yamamoto", "nakamura", "kobayashi", NULL};
    const char *p2[] = {"inoue", "kimura", "nakamura", "yamamoto", "takahashi", NULL};
    if ((rc = bcp_exercise_people(st, e1, p1, err)) || (rc = bcp_exercise_people(st, e2, p2, err)))
        return rc;
    struct bcp_finding_new f = {"手仕分け要員の招集に40分かかり、最初の便で手荷物の積み残しが出た",
                                "yamamoto", due};
    return bcp_finding_add(st, cat, "exercise", e1, &f, pid(st, "yamamoto"), &ignore, &ignore, err);
}

/* Grants on a past day. */
static int grant(struct store *st, long long area, const char *login, const char *reason,
                 const char *until, const char *by, long days_ago, struct ag_error *err)
{
    struct clock_saved c;
    char d[11];
    day(-days_ago, d);
    at(&c, d);
    int rc = area_grant(st, area, login, reason, until, pid(st, by), err);
    at_end(&c);
    return rc;
}

static int enter_exit(struct store *st, long long area, const char *login, long long visitor,
                      const char *in, const char *out, const char *badge, const char *by,
                      struct ag_error *err)
{
    struct clock_saved c;
    long long id;
    struct area_entry_new e = {login, visitor, in, badge, NULL, NULL};
    at(&c, out ? out : in);
    int rc = area_enter(st, area, &e, pid(st, by), &id, err);
    if (rc == AG_OK && out)
        rc = area_exit(st, id, out, err);
    at_end(&c);
    return rc;
}

static int demo_areas(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    long long srv, bhs, vid;
    int rc;
    const char *a1[] = {
        "--code",
        "SRV-ROOM",
        "--name",
        "サーバ室",
        "--site",
        "NWX",
        "--dept",
        "it",
        "--manager",
        "suzuki",
        "--boundary",
        "本館2階 サーバ室。床から天井スラブまでの間仕切り壁で囲い、出入口は前室の1か所（二重扉）",
        "--entry-control",
        "IC カード＋暗証番号、前室の監視カメラ、入退室記録",
        "--physical",
        "免震ラック、UPS と非常用発電機、ガス消火設備、漏水検知",
        "--visitor-badge",
        "赤ストラップの来訪者カード（社員は青）",
        "--escort",
        "yes",
        "--device-rule",
        "私物のスマートフォン・USB メモリは前室のロッカーに預ける",
        "--review-months",
        "6",
        NULL};
    const char *a2[] = {"--code",
                        "BHS-CTRL",
                        "--name",
                        "手荷物搬送システム制御室",
                        "--site",
                        "NWX-T1",
                        "--dept",
                        "fac",
                        "--manager",
                        "yamamoto",
                        "--boundary",
                        "第1旅客ターミナル地下1階 BHS 制御室。ソーティングエリアとは施錠扉で区画",
                        "--entry-control",
                        "IC カード、制御室内の監視カメラ",
                        "--physical",
                        "UPS、制御盤の施錠",
                        "--visitor-badge",
                        "赤ストラップの来訪者カード",
                        "--escort",
                        "yes",
                        "--device-rule",
                        "保守用 PC は事前承認されたもののみ",
                        "--review-months",
                        "6",
                        NULL};
    if ((rc = add(st, cat, &reg_kind_area, a1, &srv, err)) ||
        (rc = add(st, cat, &reg_kind_area, a2, &bhs, err)) ||
        (rc = area_equip(st, srv, "NET-CORE1", "コアスイッチ", err)) ||
        (rc = area_equip(st, bhs, "BHS-SCADA1", NULL, err)) ||
        (rc = area_equip(st, bhs, "BHS-HMI1", NULL, err)))
        return rc;
    char until_past[11], until[11];
    day(-20, until_past);
    day(200, until);
    if ((rc = grant(st, srv, "suzuki", "サーバ室の管理責任者", NULL, "takahashi", 300, err)) ||
        (rc = grant(st, srv, "tanaka", "サーバ・ネットワーク機器の運用保守", NULL, "suzuki", 300,
                    err)) ||
        (rc = grant(st, srv, "ito", "サーバ・複合機の運用", NULL, "suzuki", 300, err)) ||
        (rc = grant(st, srv, "watanabe", "CSIRT としての調査", until, "suzuki", 40, err)) ||
        (rc = grant(st, srv, "mori", "機器更新プロジェクト（期間限定）", until_past, "suzuki", 120,
                    err)) ||
        (rc = grant(st, bhs, "yamamoto", "BHS 制御室の管理責任者", NULL, "takahashi", 400, err)) ||
        (rc = grant(st, bhs, "nakamura", "BHS の運用保守", NULL, "yamamoto", 400, err)) ||
        (rc = grant(st, bhs, "kobayashi", "BHS の監視業務", NULL, "yamamoto", 400, err)))
        return rc;
    /* the periodic review of the BHS control room two months ago: yamamoto's own entry is left
     * for someone else */
    struct clock_saved c;
    char d[11];
    day(-60, d);
    at(&c, d);
    rc = area_review(st, bhs, "定期見直し（上期）", pid(st, "yamamoto"), NULL, NULL, NULL, err);
    at_end(&c);
    if (rc)
        return rc;
    /* yesterday in the server room: two staff and a vendor engineer escorted by tanaka */
    char in[21], out[21], in2[21], out2[21];
    when(-1, "00:02", in);
    when(-1, "02:40", out);
    if ((rc = enter_exit(st, srv, "tanaka", 0, in, out, "IC-1101", "tanaka", err)))
        return rc;
    when(-1, "04:15", in);
    when(-1, "08:05", out);
    if ((rc = enter_exit(st, srv, "ito", 0, in, out, "IC-1102", "ito", err)))
        return rc;
    char vday[11];
    day(-1, vday);
    when(-1, "04:55", in);
    at(&c, in);
    struct area_visitor_new v1 = {"Alex Morgan",
                                  "Tailspin Networks",
                                  "コアスイッチの電源ユニット交換",
                                  "tanaka",
                                  vday,
                                  "運転免許証",
                                  "V-07"};
    rc = area_visitor_add(st, srv, &v1, pid(st, "ito"), &vid, err);
    at_end(&c);
    if (rc)
        return rc;
    when(-1, "05:00", in);
    when(-1, "06:30", out);
    when(-1, "05:00", in2);
    when(-1, "06:31", out2);
    if ((rc = enter_exit(st, srv, "tanaka", 0, in2, out2, "IC-1101", "tanaka", err)) ||
        (rc = enter_exit(st, srv, NULL, vid, in, out, NULL, "tanaka", err)))
        return rc;
    when(-1, "06:35", out);
    at(&c, out);
    rc = area_badge_return(st, vid, out, err);
    at_end(&c);
    if (rc)
        return rc;
    /* the equipment the engineer brought: requested by tanaka, approved by ito */
    struct area_move_new m1 = {"in",     "コアスイッチ交換用電源ユニット", "NET-CORE1", "system",
                               "tanaka", "故障した電源ユニットの交換",     vday};
    long long mv;
    day(-3, d);
    at(&c, d);
    rc = area_move_request(st, srv, &m1, &mv, err);
    if (rc == AG_OK)
        rc = area_move_decide(st, mv, true, "交換部品として承認", pid(st, "ito"), err);
    at_end(&c);
    when(-1, "05:05", in);
    if (rc || (rc = area_move_done(st, mv, in, pid(st, "tanaka"), NULL, err)))
        return rc;
    struct area_move_new m2 = {"out",    "故障した電源ユニット", NULL, "system",
                               "tanaka", "メーカーへ返却",       vday};
    if ((rc = area_move_request(st, srv, &m2, &mv, err)))
        return rc;
    /* a visitor three days ago whose badge was not handed back */
    char vday3[11];
    day(-3, vday3);
    when(-3, "01:00", in);
    at(&c, in);
    struct area_visitor_new v3 = {"佐久間 一郎",
                                  "ノースウィンド搬送サービス",
                                  "PLC 点検の立会い",
                                  "nakamura",
                                  vday3,
                                  "社員証",
                                  "V-03"};
    rc = area_visitor_add(st, bhs, &v3, pid(st, "nakamura"), &vid, err);
    at_end(&c);
    when(-3, "01:05", in);
    when(-3, "03:20", out);
    if (rc || (rc = enter_exit(st, bhs, NULL, vid, in, out, NULL, "nakamura", err)))
        return rc;
    /* today: people inside now */
    when(-1, "22:30", in);
    when(-1, "23:10", out);
    if ((rc = enter_exit(st, bhs, "nakamura", 0, in, out, "IC-4101", "nakamura", err)))
        return rc;
    ago(120, in);
    if ((rc = enter_exit(st, srv, "tanaka", 0, in, NULL, "IC-1101", "tanaka", err)))
        return rc;
    ago(50, in);
    if ((rc = enter_exit(st, bhs, "kobayashi", 0, in, NULL, "IC-4102", "kobayashi", err)))
        return rc;
    /* a maintenance laptop for the BHS control room: requested by kobayashi, approved by the
     * system administrator nakamura */
    char today[11];
    day(0, today);
    struct area_move_new m3 = {"in",        "保守用ノート PC（ノースウィンド搬送サービス貸与品）",
                               NULL,        "system",
                               "kobayashi", "PLC パラメータの確認",
                               today};
    if ((rc = area_move_request(st, bhs, &m3, &mv, err)) ||
        (rc = area_move_decide(st, mv, true, "ウイルス対策済みを確認", pid(st, "nakamura"), err)))
        return rc;
    return AG_OK;
}

int isms_demo_bcp(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    int rc;
    if ((rc = demo_plans(st, cat, err)) || (rc = demo_command(st, cat, err)) ||
        (rc = demo_exercises(st, cat, err)) || (rc = demo_areas(st, cat, err)))
        return rc;
    return AG_OK;
}
