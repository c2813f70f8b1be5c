/*
 * demo_assess.c — the self-inspection part of the demo airport (3.3.1.1(1)), made with the
 * workflow's own functions: last fiscal year's plan with both rounds answered and submitted,
 * the managers' evaluations and two improvement instructions (one reported and accepted, one
 * overdue); this year's plan, reviewed once, with round 1 in progress (some departments have
 * submitted, some are answering, one has not started), so `assess report` compares campaigns.
 * Answers are chosen by a hash of item, person and round: the same demo every time.
 */
#include "isms/assess.h"

/* FNV-1a over the text: a stable pseudo-random number for an answer. */
static unsigned demo_hash(const char *a, const char *b, int round)
{
    uint32_t h = 2166136261u;
    for (const char *p = a; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (const char *p = b; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    h = (h ^ (uint32_t)round) * 16777619u;
    return h % 100;
}

static const char *const demo_comments[][2] = {
    {"手順書の改訂が未了。次回点検までに改訂予定", "procedure revision pending"},
    {"一部のシステムのみ実施。BHS 制御系は保守業者との調整中", "partly; BHS pending"},
    {"年次訓練で確認済み", "checked in the yearly exercise"},
    {"委託先の対応状況を確認中", "checking the contractor"},
};

/* Answers every item of a sheet; `better` raises the share of 実施 (this year's improvement),
 * `upto` answers only the first items (a sheet still being filled in). */
static int answer_sheet(struct store *st, const struct catalog *cat, long long sheet,
                        long long person, const char *login, int round, int better, size_t upto,
                        struct ag_error *err)
{
    sqlite3_stmt *s;
    char ids[256][48];
    size_t n = 0;
    int rc = store_prepare(
        st, &s, "SELECT item_id FROM assess_answers WHERE sheet_id = ? ORDER BY id", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, sheet);
    while (sqlite3_step(s) == SQLITE_ROW && n < AG_ARRAY_LEN(ids))
        snprintf(ids[n++], sizeof(ids[0]), "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    for (size_t i = 0; i < n && i < upto && !rc; i++) {
        const struct catalog_node *node = catalog_by_id(cat, ids[i]);
        unsigned h = demo_hash(ids[i], login, round);
        /* control-system measures lag behind at the BHS (fac) */
        int lag = node && node->control_system ? 10 : 0;
        const char *answer = h < (unsigned)(60 + better - lag) ? "実施"
                             : h < (unsigned)(74 + better / 2) ? "一部実施"
                             : h < 93                          ? "未実施"
                                                               : "該当なし";
        const char *comment = strcmp(answer, "実施") == 0 ? NULL : demo_comments[h % 4][0];
        rc = assess_answer_set(st, cat, person, sheet, ids[i], answer, comment, NULL, err);
    }
    return rc;
}

struct demo_sheet {
    long long id, person;
    char login[65], dept[65];
};

static int sheets_of(struct store *st, long long plan, int round, struct demo_sheet *out,
                     size_t cap, size_t *n, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT s.id, s.respondent_id, p.login, d.code FROM assess_sheets s "
                           "JOIN people p ON p.id = s.respondent_id JOIN departments d ON d.id = "
                           "s.department_id WHERE s.plan_id = ? AND s.round = ? ORDER BY s.id",
                           err);
    if (rc)
        return rc;
    *n = 0;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int(s, 2, round);
    while (sqlite3_step(s) == SQLITE_ROW && *n < cap) {
        out[*n].id = sqlite3_column_int64(s, 0);
        out[*n].person = sqlite3_column_int64(s, 1);
        snprintf(out[*n].login, sizeof(out[*n].login), "%s", store_col_text(s, 2));
        snprintf(out[*n].dept, sizeof(out[*n].dept), "%s", store_col_text(s, 3));
        (*n)++;
    }
    sqlite3_finalize(s);
    return AG_OK;
}

static int person(struct store *st, const char *login, long long *id, struct ag_error *err)
{
    return isms_person_id(st, login, id, err);
}

int isms_demo_assess(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char today[11], due[32];
    long long ciso, last, cur, id;
    struct demo_sheet sheets[64];
    size_t n;
    int issued, uncovered, rc;
    ag_date_iso(ag_now(), today);
    int fy = assess_fiscal_year(today);
    if ((rc = person(st, "takahashi", &ciso, err)))
        return rc;

    /* last fiscal year: two rounds, everything submitted, plan closed */
    struct assess_plan_new lp = {
        fy - 1,
        "年度自己点検（初年度）",
        2,
        "上期: 6月、下期: 12月（各回とも全対象項目）",
        "初年度のため 3.1「Plan」と 3.2「Do」の全対策項目を対象とする",
        "実施率（対策実施数／自己点検回答数）を部署別・役割別に集計し、情報セキュリティ委員会で評価"
        "する",
        "3.1,3.2",
        "exec,it,fac,sec,pax,adm",
    };
    if ((rc = assess_plan_add(st, cat, ciso, &lp, &last, err)))
        return rc;
    for (int round = 1; round <= 2; round++) {
        snprintf(due, sizeof(due), "%d-%s", fy - 1, round == 1 ? "06-30" : "12-20");
        if ((rc = assess_sheets_issue(st, cat, ciso, last, round, NULL, due, &issued, &uncovered,
                                      err)) ||
            (rc = sheets_of(st, last, round, sheets, AG_ARRAY_LEN(sheets), &n, err)))
            return rc;
        for (size_t i = 0; i < n; i++)
            if ((rc = answer_sheet(st, cat, sheets[i].id, sheets[i].person, sheets[i].login, round,
                                   round == 2 ? 4 : 0, SIZE_MAX, err)) ||
                (rc = assess_sheet_submit(st, sheets[i].person, sheets[i].id, err)))
                return rc;
    }
    static const char *const evals[][2] = {
        {"suzuki", "it"}, {"yamamoto", "fac"}, {"kato", "sec"}, {"sasaki", "pax"}, {"inoue", "adm"},
    };
    static const char *const eval_text[] = {
        "実施率は前回から改善。特権ID の棚卸し（3.1.5.1）が未実施のまま残る",
        "BHS 制御系で USB 媒体の持込み管理と PLC のパッチ適用手順が未整備。保守業者との協議が必要",
        "監視カメラの録画データのアクセス記録は整備済み。委託先警備会社への周知が一部のみ",
        "FIDS 表示端末のアカウント共用が残る。端末更新に合わせて個人 ID 化する",
        "規程の周知は完了。退職者アカウントの削除手順の文書化が未了",
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(evals); i++) {
        long long m;
        if ((rc = person(st, evals[i][0], &m, err)) ||
            (rc = assess_evaluate(st, m, last, 2, evals[i][1], eval_text[i], err)))
            return rc;
    }
    snprintf(due, sizeof(due), "%d-02-28", fy);
    struct assess_instruction_new in1 = {
        last,
        2,
        "fac",
        NULL,
        "BHS 制御系の外部記録媒体の持込み管理手順を整備し、保守業者と合意すること",
        due,
        "3.2.1"};
    if ((rc = assess_instruct(st, cat, ciso, &in1, &id, err)))
        return rc;
    long long yamamoto;
    if ((rc = person(st, "yamamoto", &yamamoto, err)) ||
        (rc = assess_followup(st, yamamoto, id, "report",
                              "持込み管理手順書 第1版を制定。保守業者 2 社と覚書を締結し、"
                              "媒体検査用端末を BHS 制御室に設置した",
                              err)) ||
        (rc = assess_followup(st, ciso, id, "accept", NULL, err)))
        return rc;
    snprintf(due, sizeof(due), "%d-03-31", fy);
    struct assess_instruction_new in2 = {
        last,
        2,
        "pax",
        NULL,
        "FIDS 表示端末の共用アカウントを廃止し、個人 ID による管理に移行すること",
        due,
        NULL};
    /* left open: its due date has passed, so the follow-up list shows it overdue */
    if ((rc = assess_instruct(st, cat, ciso, &in2, &id, err)) ||
        (rc = assess_plan_close(st, ciso, last, err)))
        return rc;

    /* this fiscal year: every item, reviewed once (IT monthly), round 1 in progress */
    struct assess_plan_new cp = {
        fy,
        "年度自己点検",
        2,
        "上期: 6月、下期: 12月",
        "全対策項目。前年度の実施率が低かった 3.1.5（構築）と BHS 制御系の項目を重点とする",
        "実施率を節・PDCA・部署・役割別に前年度と比較し、改善指示の実施状況とあわせて評価する",
        "all",
        "exec,it,fac,sec,pax,adm",
    };
    struct assess_plan_revision rev = {
        NULL, "it:12", "上期: 6月、下期: 12月（情報システム部は毎月）",
        "前年度の点検で情報システム部の特権ID管理に課題が残ったため、同部の点検を毎月に変更", 0};
    if ((rc = assess_plan_add(st, cat, ciso, &cp, &cur, err)) ||
        (rc = assess_plan_revise(st, cat, ciso, cur, &rev, err)))
        return rc;
    snprintf(due, sizeof(due), "%d-06-30", fy);
    if ((rc = assess_sheets_issue(st, cat, ciso, cur, 1, NULL, due, &issued, &uncovered, err)) ||
        (rc = sheets_of(st, cur, 1, sheets, AG_ARRAY_LEN(sheets), &n, err)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        const char *d = sheets[i].dept;
        bool done = strcmp(d, "it") == 0 || strcmp(d, "sec") == 0 || strcmp(d, "exec") == 0;
        bool started = done || strcmp(d, "fac") == 0 || strcmp(d, "pax") == 0;
        if (!started)
            continue; /* adm has not started */
        if ((rc = answer_sheet(st, cat, sheets[i].id, sheets[i].person, sheets[i].login, 3, 12,
                               done ? SIZE_MAX : 20, err)))
            return rc;
        if (done && (rc = assess_sheet_submit(st, sheets[i].person, sheets[i].id, err)))
            return rc;
    }
    long long suzuki;
    if ((rc = person(st, "suzuki", &suzuki, err)) ||
        (rc = assess_evaluate(
             st, suzuki, cur, 1, "it",
             "全員提出済み。特権ID の棚卸しは実施に転じたが、ログの定期確認は一部実施", err)))
        return rc;
    return AG_OK;
}
