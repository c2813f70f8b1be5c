/*
 * demo_audit.c — the audit part of the demo airport, made through the workflow's own functions:
 * the annual audit plan of the current fiscal year (April–March), an audit of the facilities
 * department's BHS operation by the internal audit office with findings of every class, the
 * report, the CISO's instruction and improvement plans (one verified, one in progress), and a
 * planned audit of passenger services (FIDS) still in fieldwork. Dates are relative to ag_now()
 * so the demo makes sense whatever day it is built. Runs inside isms_demo's transaction.
 */
#include "isms/auditing.h"

static long long who(struct store *st, const char *login)
{
    long long id = 0;
    struct ag_error ignore;
    if (isms_person_id(st, login, &id, &ignore) != AG_OK)
        return 0;
    return id;
}

int isms_demo_audit(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    char today[11], base[11], from[16], to[16], start[11], end[11], due[11], year[8];
    long long prog, audit, audit2, f[4], action;
    int rc;
    /* the fiscal year that began at least two months ago */
    ag_date_iso(ag_now(), today);
    ag_date_add(today, -60, base);
    int y = (base[0] - '0') * 1000 + (base[1] - '0') * 100 + (base[2] - '0') * 10 + (base[3] - '0');
    if (strncmp(base + 5, "04", 2) < 0)
        y--;
    snprintf(year, sizeof(year), "%d", y);
    snprintf(from, sizeof(from), "%04d-04-01", y);
    snprintf(to, sizeof(to), "%04d-03-31", y + 1);
    ag_date_add(today, -5, end);
    if (strcmp(end, to) > 0)
        snprintf(end, sizeof(end), "%.10s", to);
    ag_date_add(end, -30, start);

    struct isms_audit_programme_new p = {
        year,
        "重要システム（BHS・FIDS・警戒監視）の運用、個人データの取扱い",
        "不正アクセス防止、情報漏えい防止、重要インフラサービス障害への備えの有効性の確認",
        from,
        to,
        "内部監査室長（林）の下で監査人2名。進捗は四半期ごとに情報セキュリティ委員会へ報告",
        "制御システム（BHS）の技術的検査は外部専門業者に委託（範囲: PLC・制御ネットワーク）",
        "1800000"};
    if ((rc = isms_audit_programme_add(st, &p, who(st, "hayashi"), &prog, err)))
        return rc;
    const char *auditors[] = {"hayashi:主任監査人、規程の準拠性", "shimizu:運用記録・ログの確認",
                              NULL};
    struct isms_audit_new a = {
        year,
        "施設部 手荷物搬送設備（BHS）の情報セキュリティ運用監査",
        "fac",
        start,
        end,
        "第1旅客ターミナル BHS 制御室・施設部事務室",
        true,
        "準拠性監査に加え、パスワード管理と外部記録媒体の手続について妥当性監査を行う",
        "パスワード管理、外部記録媒体の持込み、制御ネットワークの構成管理、BCP",
        "文書閲覧、担当者への質問、操作端末の設定確認、ログの試査",
        "直近3か月の作業記録から20件を抽出",
        "週次で主任監査人が進捗を確認し内部監査室長へ報告",
        auditors};
    if ((rc = isms_audit_add(st, &a, who(st, "hayashi"), &audit, err)))
        return rc;
    static const struct isms_audit_finding_new findings[] = {
        {"3.1.5.2(2)(a)", "major", "operation",
         "BHS 操作端末で USB メモリの使用が許可制になっておらず、持込み記録もない",
         "操作端末の設定確認、持込み記録簿なし（施設部長へのヒアリング）", NULL},
        {"3.1.5.1(2)(e)", "minor", "operation",
         "BHS 操作端末（BHS-HMI1）のログインアカウントが交替勤務者間で共用されている",
         "端末のアカウント一覧、交替勤務表", NULL},
        {"3.1.5.2(4)", "observation", "rules",
         "制御ネットワーク構成図の更新手順が規程にあるが、工事後の確認項目が具体的でない",
         "ネットワーク構成管理規程 第4条", NULL},
        {"3.1.2.4(1)", "conforming", "rules",
         "BHS 停止時の手仕分けを含む BCP が整備され、訓練記録もある", "BCP 第3版、訓練記録", NULL},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(findings); i++)
        if ((rc = isms_audit_finding_add(st, cat, audit, who(st, i % 2 ? "shimizu" : "hayashi"),
                                         &findings[i], &f[i], err)))
            return rc;
    ag_date_add(today, 25, due);
    if ((rc = isms_audit_report(
             st, audit, who(st, "hayashi"),
             "重大な不適合1件（外部記録媒体）、軽微な不適合1件（アカウント共用）、"
             "所見1件。BCP は適切に整備されている。",
             err)) ||
        (rc = isms_audit_instruct(st, audit, who(st, "takahashi"), due, err)))
        return rc;
    if ((rc = isms_audit_improve(st, cat, f[1], who(st, "yamamoto"),
                                 "BHS 操作端末を個人アカウントに切替え、共用アカウントを廃止",
                                 "交替勤務者 12 名分の個人アカウントを発行", "nakamura", due,
                                 &action, err)) ||
        (rc = isms_action_step(st, action, "done", who(st, "nakamura"),
                               "個人アカウント 12 件を発行し、共用アカウントを無効化した", err)) ||
        (rc = isms_audit_confirm(st, f[1], who(st, "shimizu"), false, NULL, err)))
        return rc;
    if ((rc = isms_audit_improve(st, cat, f[0], who(st, "yamamoto"),
                                 "外部記録媒体の許可制と持込み記録簿を導入し、端末の USB を制限",
                                 "", "nakamura", due, &action, err)) ||
        (rc = isms_action_step(st, action, "start", who(st, "nakamura"), NULL, err)))
        return rc;
    /* the next audit, in fieldwork */
    const char *auditors2[] = {"shimizu:主任監査人", NULL};
    char end2[11];
    ag_date_add(today, 10, end2);
    if (strcmp(end2, to) > 0)
        snprintf(end2, sizeof(end2), "%.10s", to);
    struct isms_audit_new b = {year,
                               "旅客サービス部 FIDS と個人データの取扱い",
                               "pax",
                               end,
                               end2,
                               "第2旅客ターミナル 機械室・旅客サービス部事務室",
                               false,
                               "",
                               "FIDS 配信サーバのアクセス管理、個人データ台帳と持出し手続",
                               "文書閲覧、質問",
                               "",
                               "主任監査人が隔週で進捗を報告",
                               auditors2};
    return isms_audit_add(st, &b, who(st, "hayashi"), &audit2, err);
}
