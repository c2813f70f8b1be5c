/*
 * msgs_worklog.c — user-facing texts of the operation and maintenance work log, change
 * management, access-control reviews, disposal (3.2.1.1) and the system lifecycle (3.1.5.2(1)),
 * Japanese and English: usage, output, error formats (the keys of ag_error_set) and the column
 * names of the lists.
 */
#include "isms/isms.h"

/* clang-format off */
/* Keys shared with other tables (asset, flag, findings, vendor, planned_on, reason, tested_on,
 * the --note and --system messages) are defined once, in msgs_bcp.c / msgs_vuln.c. */
const struct ag_msg isms_msgs_worklog[] = {
    {"worklog-usage",
     "使い方（運用・保守の作業記録 3.2.1.1）:\n"
     "  作業記録（サーバ装置・通信回線装置・複合機・特定用途機器。--as は記録者、--by は作業者）:\n"
     "  airguard worklog add --asset 資産 --kind 種別 --work 作業内容 [--at \"YYYY-MM-DD HH:MM\"]\n"
     "      [--by LOGIN] [--change 変更番号] [--result 結果] --as LOGIN\n"
     "      種別: maintenance configuration patch inspection backup repair other\n"
     "      承認された変更のない configuration / patch は記録したうえで「無許可」と表示します\n"
     "  airguard worklog list [--asset 資産] [--kind 種別] [--from 日付] [--to 日付] [--unauthorised]\n"
     "      [--format table|csv] [--json]\n"
     "  airguard worklog show 番号 [--json]\n"
     "  経路制御・アクセス制御の設定の見直し（3.2.1.1(2)③、通信回線装置）:\n"
     "  airguard worklog review-plan 資産 --scope routing|access-control|both --every 月数 --owner LOGIN\n"
     "      [--start 日付] --as LOGIN\n"
     "  airguard worklog review 資産 --findings 所見 --result confirmed|corrected|action [--date 日付]\n"
     "      [--change 変更番号] [--action-owner LOGIN --action-due 日付] --as LOGIN\n"
     "  airguard worklog reviews [--overdue] [--json]        見直しの予定と期限超過\n"
     "  airguard worklog review-history [資産] [--json]\n"
     "  運用終了時の情報の抹消（3.2.1.1(2)、証明書は必須、立会者は作業者以外）:\n"
     "  airguard worklog dispose 資産 --method 方法 --certificate ファイル --by LOGIN --witness LOGIN\n"
     "      [--date 日付] [--vendor 消去業者] [--contractor 委託先] [--certificate-no 番号] [--note 備考]\n"
     "      --as LOGIN\n"
     "      方法: overwrite degauss physical-destruction crypto-erase builtin-erase contractual\n"
     "  airguard worklog disposals [--json]\n",
     "usage (operation and maintenance work log, 3.2.1.1):\n"
     "  work log (servers, network devices, MFPs, special-purpose devices; --as records, --by did it):\n"
     "  airguard worklog add --asset ASSET --kind KIND --work TEXT [--at \"YYYY-MM-DD HH:MM\"]\n"
     "      [--by LOGIN] [--change CHANGE-ID] [--result TEXT] --as LOGIN\n"
     "      KIND: maintenance configuration patch inspection backup repair other\n"
     "      a configuration change or patch without an approved change is recorded and flagged\n"
     "      unauthorised\n"
     "  airguard worklog list [--asset ASSET] [--kind KIND] [--from DATE] [--to DATE] [--unauthorised]\n"
     "      [--format table|csv] [--json]\n"
     "  airguard worklog show ID [--json]\n"
     "  review of routing and access control (3.2.1.1(2)③, network devices):\n"
     "  airguard worklog review-plan ASSET --scope routing|access-control|both --every MONTHS --owner LOGIN\n"
     "      [--start DATE] --as LOGIN\n"
     "  airguard worklog review ASSET --findings TEXT --result confirmed|corrected|action [--date DATE]\n"
     "      [--change CHANGE-ID] [--action-owner LOGIN --action-due DATE] --as LOGIN\n"
     "  airguard worklog reviews [--overdue] [--json]        planned reviews, overdue ones\n"
     "  airguard worklog review-history [ASSET] [--json]\n"
     "  erasure at the end of operation (3.2.1.1(2); the certificate is required, the witness is\n"
     "  not the person who erased):\n"
     "  airguard worklog dispose ASSET --method METHOD --certificate FILE --by LOGIN --witness LOGIN\n"
     "      [--date DATE] [--vendor TEXT] [--contractor CODE] [--certificate-no TEXT] [--note TEXT]\n"
     "      --as LOGIN\n"
     "      METHOD: overwrite degauss physical-destruction crypto-erase builtin-erase contractual\n"
     "  airguard worklog disposals [--json]\n"},
    {"change-usage",
     "使い方（構成管理・変更管理 3.2.1.1(2)②③④）:\n"
     "  airguard change request --title 変更内容 --reason 理由 --assets 資産,資産 --planned 予定日\n"
     "      --rollback 切戻し手順 --risk low|medium|high [--risk-note リスク] [--emergency] --as LOGIN\n"
     "  airguard change approve 番号 [--note 所見] --as LOGIN     変更前の承認（申請者以外の\n"
     "  airguard change reject 番号 --note 理由 --as LOGIN        情報セキュリティ責任者又は CISO）\n"
     "  airguard change implement 番号 [--at \"YYYY-MM-DD HH:MM\"] [--kind configuration|patch]\n"
     "      [--work 作業内容] [--result 結果] --as LOGIN          実施（機器ごとに作業記録を作成）\n"
     "  airguard change review 番号 --result ok|issues|rolled_back --note 所見\n"
     "      [--action-owner LOGIN --action-due 日付] --as LOGIN   事後確認（実施者以外）\n"
     "  airguard change cancel 番号 --as LOGIN\n"
     "  airguard change list [--state 状態] [--flagged] [--json]\n"
     "  airguard change show 番号 [--json]\n"
     "承認前の変更は実施できません（緊急変更は --emergency で申請し、実施後 3 日以内に承認。\n"
     "それまでは要注意として表示）。\n",
     "usage (configuration and change management, 3.2.1.1(2)②③④):\n"
     "  airguard change request --title WHAT --reason WHY --assets ASSET,ASSET --planned DATE\n"
     "      --rollback PLAN --risk low|medium|high [--risk-note TEXT] [--emergency] --as LOGIN\n"
     "  airguard change approve ID [--note TEXT] --as LOGIN      approval before the change (the\n"
     "  airguard change reject ID --note REASON --as LOGIN       manager of the devices or the CISO,\n"
     "                                                           never the requester)\n"
     "  airguard change implement ID [--at \"YYYY-MM-DD HH:MM\"] [--kind configuration|patch]\n"
     "      [--work TEXT] [--result TEXT] --as LOGIN              carried out (a work log entry per device)\n"
     "  airguard change review ID --result ok|issues|rolled_back --note TEXT\n"
     "      [--action-owner LOGIN --action-due DATE] --as LOGIN   review afterwards (not the implementer)\n"
     "  airguard change cancel ID --as LOGIN\n"
     "  airguard change list [--state STATE] [--flagged] [--json]\n"
     "  airguard change show ID [--json]\n"
     "A change is not carried out before its approval (an emergency change is requested with\n"
     "--emergency, approved within 3 days after it was carried out and flagged until then).\n"},
    {"lifecycle-usage",
     "使い方（情報システムのライフサイクルとセキュリティ要件 3.1.5.2(1)）:\n"
     "  airguard lifecycle start CODE --system システム --kind new|renewal|disposal --title 名称\n"
     "      --owner LOGIN [--start 日付] --as LOGIN       チェックリストをカタログから生成\n"
     "  airguard lifecycle list [--json]\n"
     "  airguard lifecycle show CODE [--json]            フェーズごとの回答状況と承認\n"
     "  airguard lifecycle checklist CODE [--phase フェーズ] [--open] [--json]\n"
     "  airguard lifecycle answer CODE 行 done|na|open [--note 内容・理由] [--phase フェーズ]\n"
     "      [--evidence ファイル] --as LOGIN            行 = #番号 又は対策項目（ID・参照番号）\n"
     "  airguard lifecycle attach CODE 行 ファイル [--phase フェーズ] --as LOGIN\n"
     "  airguard lifecycle review CODE --phase planning|build --date 日付 --reviewers LOGIN,LOGIN\n"
     "      --scope 範囲及び方法 --findings 指摘事項 --result approved|changes-required --as LOGIN\n"
     "  airguard lifecycle test CODE --title 試験名 --date 日付 --result pass|fail --evidence ファイル\n"
     "      [--note 備考] [--tester LOGIN] --as LOGIN\n"
     "  airguard lifecycle reviews|tests CODE [--json]\n"
     "  airguard lifecycle signoff CODE フェーズ [--note 所見] --as LOGIN\n"
     "      （情報セキュリティ責任者又は CISO で、そのフェーズの行に回答していない者。未回答の行があれば不可）\n"
     "  airguard lifecycle items フェーズ                 フェーズのチェックリストの元になる対策項目\n"
     "フェーズ: planning 企画・要件定義、build 構築、acceptance 受入れ、handover 運用移行、\n"
     "          renewal 更改、disposal 廃棄\n",
     "usage (security requirements through the lifecycle of an information system, 3.1.5.2(1)):\n"
     "  airguard lifecycle start CODE --system SYSTEM --kind new|renewal|disposal --title TITLE\n"
     "      --owner LOGIN [--start DATE] --as LOGIN       the checklists are generated from the catalog\n"
     "  airguard lifecycle list [--json]\n"
     "  airguard lifecycle show CODE [--json]            answers and sign-off per phase\n"
     "  airguard lifecycle checklist CODE [--phase PHASE] [--open] [--json]\n"
     "  airguard lifecycle answer CODE ROW done|na|open [--note TEXT] [--phase PHASE]\n"
     "      [--evidence FILE] --as LOGIN                 ROW = #number or the item (id or reference)\n"
     "  airguard lifecycle attach CODE ROW FILE [--phase PHASE] --as LOGIN\n"
     "  airguard lifecycle review CODE --phase planning|build --date DATE --reviewers LOGIN,LOGIN\n"
     "      --scope SCOPE-AND-METHOD --findings TEXT --result approved|changes-required --as LOGIN\n"
     "  airguard lifecycle test CODE --title TITLE --date DATE --result pass|fail --evidence FILE\n"
     "      [--note TEXT] [--tester LOGIN] --as LOGIN\n"
     "  airguard lifecycle reviews|tests CODE [--json]\n"
     "  airguard lifecycle signoff CODE PHASE [--note TEXT] --as LOGIN\n"
     "      (the information security manager or the CISO, who answered none of the phase's rows;\n"
     "      refused while rows are open)\n"
     "  airguard lifecycle items PHASE                   the catalog items a phase's checklist comes from\n"
     "phases: planning, build, acceptance, handover (to operation), renewal, disposal\n"},
    {"Work log, access-control reviews, disposal of devices (3.2.1.1)",
     "作業記録、アクセス制御の見直し、機器の廃棄（3.2.1.1）",
     "Work log, access-control reviews, disposal of devices (3.2.1.1)"},
    {"Change management: request, approval, review (3.2.1.1(2))",
     "変更管理: 申請・承認・事後確認（3.2.1.1(2)）",
     "Change management: request, approval, review (3.2.1.1(2))"},
    {"System lifecycle: phase checklists and sign-off (3.1.5.2(1))",
     "システムのライフサイクル: フェーズごとのチェックリストと承認（3.1.5.2(1)）",
     "System lifecycle: phase checklists and sign-off (3.1.5.2(1))"},
    /* output */
    {"recorded work log entry %lld\n", "作業記録 %lld を登録しました\n",
     "recorded work log entry %lld\n"},
    {"airguard: work log entry %lld is a %s without an approved change: recorded and flagged "
     "UNAUTHORISED (3.2.1.1(2))\n",
     "airguard: 作業記録 %lld は承認された変更のない %s です。記録したうえで「無許可」と表示します"
     "（3.2.1.1(2)）\n",
     "airguard: work log entry %lld is a %s without an approved change: recorded and flagged "
     "UNAUTHORISED (3.2.1.1(2))\n"},
    {"asset %s: routing and access control reviewed every %lld month(s)\n",
     "資産 %s: 経路制御・アクセス制御の設定を %lld か月ごとに見直します\n",
     "asset %s: routing and access control reviewed every %lld month(s)\n"},
    {"recorded review %lld of asset %s\n", "見直し %lld（資産 %s）を記録しました\n",
     "recorded review %lld of asset %s\n"},
    {"asset %s disposed of (disposal %lld, proof of erasure stored)\n",
     "資産 %s を廃棄しました（廃棄記録 %lld、消去証明を保存）\n",
     "asset %s disposed of (disposal %lld, proof of erasure stored)\n"},
    {"change %lld requested: it is carried out after its approval\n",
     "変更 %lld を申請しました。承認後に実施してください\n",
     "change %lld requested: it is carried out after its approval\n"},
    {"emergency change %lld recorded: it may be carried out now and is approved afterwards within "
     "%d days\n",
     "緊急変更 %lld を登録しました。先に実施でき、実施後 %d 日以内に承認を受けます\n",
     "emergency change %lld recorded: it may be carried out now and is approved afterwards within "
     "%d days\n"},
    {"change %lld: %s\n", "変更 %lld: %s\n", "change %lld: %s\n"},
    {"lifecycle project %s started; its checklists are generated from the catalog\n",
     "ライフサイクルのプロジェクト %s を開始しました。チェックリストはカタログから生成しました\n",
     "lifecycle project %s started; its checklists are generated from the catalog\n"},
    {"row %lld: %s\n", "行 %lld: %s\n", "row %lld: %s\n"},
    {"row %lld: evidence %s attached\n", "行 %lld: 証跡 %s を添付しました\n",
     "row %lld: evidence %s attached\n"},
    {"recorded design review %lld\n", "設計レビュー %lld を記録しました\n",
     "recorded design review %lld\n"},
    {"recorded acceptance test %lld\n", "受入れ試験 %lld を記録しました\n",
     "recorded acceptance test %lld\n"},
    {"project %s: the phase %s is signed off\n", "プロジェクト %s: フェーズ %s を承認しました\n",
     "project %s: the phase %s is signed off\n"},
    /* errors (formats are the keys; see ag_error_set) */
    {"%s: missing (a date and time YYYY-MM-DD HH:MM)", "%s: 指定がありません（日時 YYYY-MM-DD HH:MM）",
     "%s: missing (a date and time YYYY-MM-DD HH:MM)"},
    {"%s: \"%.40s\" is not a date and time YYYY-MM-DD HH:MM",
     "%s: 「%.40s」は日時（YYYY-MM-DD HH:MM）ではありません",
     "%s: \"%.40s\" is not a date and time YYYY-MM-DD HH:MM"},
    {"%s: the export is too large", "%s: 出力が大きすぎます", "%s: the export is too large"},
    {"--action-owner: a corrective action follows a review with --result action",
     "--action-owner: 是正処置は --result action の見直しに対して登録します",
     "--action-owner: a corrective action follows a review with --result action"},
    {"--action-owner: a corrective action follows a review with --result issues",
     "--action-owner: 是正処置は --result issues の事後確認に対して登録します",
     "--action-owner: a corrective action follows a review with --result issues"},
    {"--asset: missing (an asset code)", "--asset: 指定がありません（資産コード）",
     "--asset: missing (an asset code)"},
    {"--assets: missing (the devices the change touches)",
     "--assets: 指定がありません（変更の対象機器）", "--assets: missing (the devices the change touches)"},
    {"--assets: more than %d devices", "--assets: 機器が %d 台を超えています",
     "--assets: more than %d devices"},
    {"--by: missing (who carried the erasure out)", "--by: 指定がありません（消去の作業者）",
     "--by: missing (who carried the erasure out)"},
    {"--by: no person with the login \"%.64s\"", "--by: ログイン「%.64s」の人員はいません",
     "--by: no person with the login \"%.64s\""},
    {"--witness: missing (who saw the erasure done)", "--witness: 指定がありません（消去の立会者）",
     "--witness: missing (who saw the erasure done)"},
    {"--witness: no person with the login \"%.64s\"", "--witness: ログイン「%.64s」の人員はいません",
     "--witness: no person with the login \"%.64s\""},
    {"--owner: missing (a login)", "--owner: 指定がありません（ログイン）", "--owner: missing (a login)"},
    {"--owner: no person with the login \"%.64s\"", "--owner: ログイン「%.64s」の人員はいません",
     "--owner: no person with the login \"%.64s\""},
    {"--tester: no person with the login \"%.64s\"", "--tester: ログイン「%.64s」の人員はいません",
     "--tester: no person with the login \"%.64s\""},
    {"--reviewers: no person with the login \"%.64s\"",
     "--reviewers: ログイン「%.64s」の人員はいません",
     "--reviewers: no person with the login \"%.64s\""},
    {"--reviewers: missing (the logins of the reviewers)",
     "--reviewers: 指定がありません（レビュー実施者のログイン）",
     "--reviewers: missing (the logins of the reviewers)"},
    {"--reviewers: more than %zu people", "--reviewers: %zu 人を超えています",
     "--reviewers: more than %zu people"},
    {"--change: change %lld does not cover asset %s",
     "--change: 変更 %lld の対象に資産 %s は含まれていません",
     "--change: change %lld does not cover asset %s"},
    {"--code: \"%.64s\" may not contain spaces or begin with #",
     "--code: 「%.64s」には空白を含めたり先頭を # にしたりできません",
     "--code: \"%.64s\" may not contain spaces or begin with #"},
    {"--every: \"%d\" is not a number from 1 to 24", "--every: 「%d」は 1〜24 の数ではありません",
     "--every: \"%d\" is not a number from 1 to 24"},
    {"--evidence: missing (a file)", "--evidence: 指定がありません（ファイル）",
     "--evidence: missing (a file)"},
    {"--evidence: missing (an acceptance test is recorded with its evidence file, 3.1.5.2(1)②)",
     "--evidence: 指定がありません（受入れ試験は証跡ファイルとともに記録します。3.1.5.2(1)②）",
     "--evidence: missing (an acceptance test is recorded with its evidence file, 3.1.5.2(1)②)"},
    {"--evidence: the file is empty", "--evidence: ファイルが空です", "--evidence: the file is empty"},
    {"--kind disposal: a disposal is recorded with its proof of erasure (airguard worklog dispose)",
     "--kind disposal: 廃棄は消去の証明とともに記録します（airguard worklog dispose）",
     "--kind disposal: a disposal is recorded with its proof of erasure (airguard worklog dispose)"},
    {"--method contractual: give the --contractor CODE whose contract covers the erasure",
     "--method contractual: 消去を契約で定めた委託先を --contractor CODE で指定してください",
     "--method contractual: give the --contractor CODE whose contract covers the erasure"},
    {"--method contractual: only for multifunction and special-purpose devices without an erase "
     "function (3.2.1.1(2)④); asset %s is a %s",
     "--method contractual: 消去機能のない複合機・特定用途機器に限ります（3.2.1.1(2)④）。資産 %s は %s です",
     "--method contractual: only for multifunction and special-purpose devices without an erase "
     "function (3.2.1.1(2)④); asset %s is a %s"},
    {"--note: an answer \"na\" (not applicable) needs the reason",
     "--note: 「na」（該当なし）の回答には理由が必要です",
     "--note: an answer \"na\" (not applicable) needs the reason"},
    {"--result action: give the corrective action's --action-owner LOGIN and --action-due "
     "YYYY-MM-DD",
     "--result action: 是正処置の担当 --action-owner LOGIN と期限 --action-due YYYY-MM-DD を指定してください",
     "--result action: give the corrective action's --action-owner LOGIN and --action-due "
     "YYYY-MM-DD"},
    {"--system: missing (a system code)", "--system: 指定がありません（システムのコード）",
     "--system: missing (a system code)"},
    {"asset %s is a device of the category %s: routing and access control are reviewed for "
     "network devices (category network, 3.2.1.1(2)③)",
     "資産 %s の区分は %s です。経路制御・アクセス制御の見直しは通信回線装置（区分 network）が対象です"
     "（3.2.1.1(2)③）",
     "asset %s is a device of the category %s: routing and access control are reviewed for "
     "network devices (category network, 3.2.1.1(2)③)"},
    {"asset %s was disposed of on %s already", "資産 %s は %s に廃棄済みです",
     "asset %s was disposed of on %s already"},
    {"asset %s was disposed of on %s: nothing more can be recorded for it",
     "資産 %s は %s に廃棄済みのため、これ以上記録できません",
     "asset %s was disposed of on %s: nothing more can be recorded for it"},
    {"asset %s: a disposal needs the proof of erasure (--certificate FILE, 3.2.1.1(2))",
     "資産 %s: 廃棄には情報の抹消の証明が必要です（--certificate ファイル、3.2.1.1(2)）",
     "asset %s: a disposal needs the proof of erasure (--certificate FILE, 3.2.1.1(2))"},
    {"asset %s: the proof of erasure is an empty file (3.2.1.1(2))",
     "資産 %s: 消去証明のファイルが空です（3.2.1.1(2)）",
     "asset %s: the proof of erasure is an empty file (3.2.1.1(2))"},
    {"change %lld does not exist", "変更 %lld は存在しません", "change %lld does not exist"},
    {"change %lld is %s already", "変更 %lld は既に %s です", "change %lld is %s already"},
    {"change %lld is %s: it cannot be cancelled", "変更 %lld は %s のため取り消せません",
     "change %lld is %s: it cannot be cancelled"},
    {"change %lld is %s: it cannot be carried out now", "変更 %lld は %s のため今は実施できません",
     "change %lld is %s: it cannot be carried out now"},
    {"change %lld is %s: it cannot be decided now", "変更 %lld は %s のため今は承認・却下できません",
     "change %lld is %s: it cannot be decided now"},
    {"change %lld is %s: only a change that was carried out is reviewed",
     "変更 %lld は %s です。事後確認は実施済みの変更に対して行います",
     "change %lld is %s: only a change that was carried out is reviewed"},
    {"change %lld is not approved: a change is carried out only after its approval (3.2.1.1(2)); an "
     "emergency change is requested with --emergency",
     "変更 %lld は承認されていません。変更は承認後に実施します（3.2.1.1(2)）。緊急変更は --emergency "
     "で申請してください",
     "change %lld is not approved: a change is carried out only after its approval (3.2.1.1(2)); an "
     "emergency change is requested with --emergency"},
    {"change %lld was rejected: it is not carried out", "変更 %lld は却下されたため実施できません",
     "change %lld was rejected: it is not carried out"},
    {"change %lld: asset %s has been disposed of", "変更 %lld: 資産 %s は廃棄済みです",
     "change %lld: asset %s has been disposed of"},
    {"checklist row %lld does not exist", "チェックリストの行 %lld は存在しません",
     "checklist row %lld does not exist"},
    {"checklist row %lld is not a row of this project",
     "チェックリストの行 %lld はこのプロジェクトの行ではありません",
     "checklist row %lld is not a row of this project"},
    {"generating the checklist of the phase %s", "フェーズ %s のチェックリストの生成",
     "generating the checklist of the phase %s"},
    {"item %s is not on the checklist of this project%s%s",
     "対策項目 %s はこのプロジェクトのチェックリストにありません%s%s",
     "item %s is not on the checklist of this project%s%s"},
    {"item %s is on the checklist of the phases %s: give --phase",
     "対策項目 %s は複数のフェーズ（%s）のチェックリストにあります。--phase を指定してください",
     "item %s is on the checklist of the phases %s: give --phase"},
    {"lifecycle project %lld does not exist", "ライフサイクルのプロジェクト %lld は存在しません",
     "lifecycle project %lld does not exist"},
    {"lifecycle project %s is %s: it is not changed any more",
     "ライフサイクルのプロジェクト %s は %s のため変更できません",
     "lifecycle project %s is %s: it is not changed any more"},
    {"missing the checklist row (#number or item)", "チェックリストの行の指定がありません（#番号又は対策項目）",
     "missing the checklist row (#number or item)"},
    {"missing the project (its code or #id)", "プロジェクトの指定がありません（コード又は #番号）",
     "missing the project (its code or #id)"},
    {"project %s has no phase %s", "プロジェクト %s にフェーズ %s はありません",
     "project %s has no phase %s"},
    {"project %s: %lld acceptance test(s) failed at their last run",
     "プロジェクト %s: %lld 件の受入れ試験が直近の実施で不合格です",
     "project %s: %lld acceptance test(s) failed at their last run"},
    {"project %s: %lld device(s) of the system are not disposed of with proof of erasure yet "
     "(airguard worklog dispose)",
     "プロジェクト %s: システムの機器 %lld 台が消去証明付きで廃棄されていません（airguard worklog dispose）",
     "project %s: %lld device(s) of the system are not disposed of with proof of erasure yet "
     "(airguard worklog dispose)"},
    {"project %s: the acceptance phase needs an acceptance test with its evidence (3.1.5.2(1)②) "
     "before the sign-off",
     "プロジェクト %s: 受入れフェーズの承認には証跡付きの受入れ試験が必要です（3.1.5.2(1)②）",
     "project %s: the acceptance phase needs an acceptance test with its evidence (3.1.5.2(1)②) "
     "before the sign-off"},
    {"project %s: the phase %s has %lld open row(s); every row is done or not applicable before the "
     "sign-off",
     "プロジェクト %s: フェーズ %s に未回答の行が %lld 件あります。承認の前にすべての行を実施済み又は"
     "該当なしにしてください",
     "project %s: the phase %s has %lld open row(s); every row is done or not applicable before the "
     "sign-off"},
    {"project %s: the phase %s is signed off first (phases are signed off in order)",
     "プロジェクト %s: 先にフェーズ %s を承認してください（フェーズは順に承認します）",
     "project %s: the phase %s is signed off first (phases are signed off in order)"},
    {"project %s: the planning phase needs an approved design review (3.1.5.2(1)①) before the "
     "sign-off",
     "プロジェクト %s: 企画フェーズの承認には結果が承認の設計レビューが必要です（3.1.5.2(1)①）",
     "project %s: the planning phase needs an approved design review (3.1.5.2(1)①) before the "
     "sign-off"},
    {"the catalog has no item %s (lifecycle checklist of 3.1.5.2(1)); is it the 2nd edition?",
     "カタログに項目 %s がありません（3.1.5.2(1) のライフサイクルのチェックリスト）。第2版ですか？",
     "the catalog has no item %s (lifecycle checklist of 3.1.5.2(1)); is it the 2nd edition?"},
    {"the phase %s of project %s is signed off already", "フェーズ %s（プロジェクト %s）は承認済みです",
     "the phase %s of project %s is signed off already"},
    {"the phase %s of project %s is signed off: its rows are not changed any more",
     "フェーズ %s（プロジェクト %s）は承認済みのため、行は変更できません",
     "the phase %s of project %s is signed off: its rows are not changed any more"},
    /* column names of the lists */
    {"done_at", "作業日時", "done at"},
    {"work", "作業内容", "work"},
    {"performed_by", "作業者", "performed by"},
    {"asset_name", "資産名", "asset name"},
    {"recorded_by", "記録者", "recorded by"},
    {"recorded_at", "記録日時", "recorded at"},
    {"reviewer", "見直し実施者", "reviewer"},
    {"occasion", "契機", "occasion"},
    {"disposed_on", "廃棄日", "disposed on"},
    {"witness", "立会者", "witness"},
    {"certificate_no", "証明書番号", "certificate no."},
    {"certificate", "消去証明", "certificate"},
    {"certificate_sha256", "消去証明の SHA-256", "certificate SHA-256"},
    {"emergency", "緊急", "emergency"},
    {"requested_by", "申請者", "requested by"},
    {"implemented_by", "実施者", "implemented by"},
    {"implemented_at", "実施日時", "implemented at"},
    {"approval_due", "事後承認の期限", "approval due"},
    {"rollback_plan", "切戻し手順", "rollback plan"},
    {"risk_note", "リスクの内容", "risk note"},
    {"review_result", "事後確認の結果", "review result"},
    {"review_note", "事後確認の所見", "review note"},
    {"work_log_entries", "作業記録", "work log entries"},
    {"started_on", "開始日", "started on"},
    {"current_phase", "現在のフェーズ", "current phase"},
    {"open_rows", "未回答", "open rows"},
    {"rows_total", "行数", "rows"},
    {"done", "実施済み", "done"},
    {"signed_by", "承認者", "signed by"},
    {"signed_at", "承認日時", "signed at"},
    {"reviewers", "レビュー実施者", "reviewers"},
    {"scope", "範囲", "scope"},
    {"tester", "試験実施者", "tester"},
    {"sha256", "SHA-256", "SHA-256"},
    {"interval_months", "間隔（月）", "interval (months)"},
    {"next_due", "次回期限", "next due"},
    {"change_id", "変更番号", "change"},
    {"erasure_method", "消去方法", "erasure method"},
    {"devices", "対象機器", "devices"},
    {"evidence_files", "証跡ファイル", "evidence files"},
};
/* clang-format on */
const size_t isms_msgs_worklog_count = AG_ARRAY_LEN(isms_msgs_worklog);
