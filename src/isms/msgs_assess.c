/*
 * msgs_assess.c — user-facing texts of the self-inspection workflow (`airguard assess`,
 * 3.3.1.1(1)), Japanese and English. Keys are the English texts; column names of the lists are
 * keys too (cli_query_print translates them).
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_assess[] = {
    /* library refusals shown by the CLI and the web pages */
    {"self-inspection sheet %lld is submitted: its answers are final",
     "自己点検票 %lld は提出済みです（回答は確定しています）",
     "self-inspection sheet %lld is submitted: its answers are final"},
    {"self-inspection sheet %lld: %ld item(s) are not answered yet",
     "自己点検票 %lld: 未回答の項目が %ld 件あります",
     "self-inspection sheet %lld: %ld item(s) are not answered yet"},
    {"self-inspection sheet %lld belongs to %s: only the respondent may %s",
     "自己点検票 %lld は %s の点検票です（回答者のみが %s できます）",
     "self-inspection sheet %lld belongs to %s: only the respondent may %s"},
    {"self-inspection sheet %lld does not exist", "自己点検票 %lld は存在しません",
     "self-inspection sheet %lld does not exist"},
    {"self-inspection plan %lld does not exist", "自己点検計画 %lld は存在しません",
     "self-inspection plan %lld does not exist"},
    {"item: \"%s\" is not on self-inspection sheet %lld",
     "item: 「%s」は自己点検票 %lld の項目ではありません",
     "item: \"%s\" is not on self-inspection sheet %lld"},
    {"evidence: the file is empty", "証跡: ファイルが空です", "evidence: the file is empty"},
    {"evidence: the file is larger than %zu MiB", "証跡: ファイルが %zu MiB を超えています",
     "evidence: the file is larger than %zu MiB"},
    {"assess-usage",
     "使い方（自己点検 3.3.1.1(1)）:\n"
     "  年度自己点検計画（最高情報セキュリティ責任者）:\n"
     "  airguard assess plan add --year 年度 --title 件名 --frequency 回数/年 --timing 実施時期\n"
     "      --depts CODE[:回数],… [--items all|ID,参照,…] [--selection 実施項目の選択] [--method "
     "確認及び評価の方法] --as LOGIN\n"
     "  airguard assess plan revise PLAN --reason 見直しの理由 [--add-items …] [--add-depts …] "
     "[--frequency N] [--timing …] --as LOGIN\n"
     "  airguard assess plan close PLAN --as LOGIN\n"
     "  airguard assess plan list | show PLAN\n"
     "  自己点検票（情報セキュリティ責任者が部署に、または最高情報セキュリティ責任者が全部署に）:\n"
     "  airguard assess sheet issue PLAN --round N --due YYYY-MM-DD [--dept CODE] --as LOGIN\n"
     "  airguard assess sheet list [--plan P] [--round N] [--respondent LOGIN] [--dept CODE] "
     "[--status issued|submitted]\n"
     "  airguard assess sheet show SHEET\n"
     "  airguard assess sheet export SHEET --out FILE.xlsx|FILE.csv [--format xlsx|csv] --as "
     "LOGIN\n"
     "  回答（本人のみ、提出前のみ）:\n"
     "  airguard assess answer SHEET ITEM --answer 実施|一部実施|未実施|該当なし [--comment …] "
     "[--evidence FILE,…] --as LOGIN\n"
     "  airguard assess import SHEET FILE.xlsx|FILE.csv [--format xlsx|csv] --as LOGIN\n"
     "  airguard assess sheet submit SHEET --as LOGIN\n"
     "  自己点検票ブック（部署ごとのシートと集計。情報セキュリティ責任者が職員に配布・回収）:\n"
     "  airguard assess workbook [--campaign PLAN] [--round N] [--dept CODE] -o FILE.xlsx\n"
     "  airguard assess import FILE.xlsx --as LOGIN（最高情報セキュリティ責任者、または全シートの"
     "部署の情報セキュリティ責任者）\n"
     "  分析と報告:\n"
     "  airguard assess evaluate PLAN --round N --dept CODE --text 評価結果 --as "
     "LOGIN（情報セキュリティ責任者）\n"
     "  airguard assess report PLAN [--round N] [--by section|phase|department|role|item|all] "
     "[--json]\n"
     "      実施率 = 実施 ÷（回答 − "
     "該当なし）。一部実施は未実施として数える。提出済みの点検票のみ\n"
     "  改善の指示とフォローアップ:\n"
     "  airguard assess instruct add PLAN --round N --dept CODE --text 指示 --due YYYY-MM-DD [--to "
     "LOGIN] [--items …] --as LOGIN\n"
     "  airguard assess instruct report ID --result 改善結果 --as "
     "LOGIN（指示を受けた情報セキュリティ責任者）\n"
     "  airguard assess instruct accept|return ID [--result …] --as "
     "LOGIN（最高情報セキュリティ責任者）\n"
     "  airguard assess instruct list [--plan P] [--dept CODE] [--overdue]\n",
     "usage (self-inspection, 3.3.1.1(1)):\n"
     "  yearly self-inspection plan (the CISO):\n"
     "  airguard assess plan add --year FY --title TITLE --frequency ROUNDS/YEAR --timing WHEN\n"
     "      --depts CODE[:ROUNDS],… [--items all|ID,REF,…] [--selection WHY] [--method HOW] --as "
     "LOGIN\n"
     "  airguard assess plan revise PLAN --reason WHY [--add-items …] [--add-depts …] [--frequency "
     "N] [--timing …] --as LOGIN\n"
     "  airguard assess plan close PLAN --as LOGIN\n"
     "  airguard assess plan list | show PLAN\n"
     "  sheets (a department's information security manager, or the CISO for every department):\n"
     "  airguard assess sheet issue PLAN --round N --due YYYY-MM-DD [--dept CODE] --as LOGIN\n"
     "  airguard assess sheet list [--plan P] [--round N] [--respondent LOGIN] [--dept CODE] "
     "[--status issued|submitted]\n"
     "  airguard assess sheet show SHEET\n"
     "  airguard assess sheet export SHEET --out FILE.xlsx|FILE.csv [--format xlsx|csv] --as "
     "LOGIN\n"
     "  answers (the respondent only, before submission):\n"
     "  airguard assess answer SHEET ITEM --answer 実施|一部実施|未実施|該当なし [--comment …] "
     "[--evidence FILE,…] --as LOGIN\n"
     "  airguard assess import SHEET FILE.xlsx|FILE.csv [--format xlsx|csv] --as LOGIN\n"
     "  airguard assess sheet submit SHEET --as LOGIN\n"
     "  the workbook (a sheet per department and a summary; the manager hands it out and "
     "collects it):\n"
     "  airguard assess workbook [--campaign PLAN] [--round N] [--dept CODE] -o FILE.xlsx\n"
     "  airguard assess import FILE.xlsx --as LOGIN (the CISO, or the manager of every "
     "department in it)\n"
     "  analysis and report:\n"
     "  airguard assess evaluate PLAN --round N --dept CODE --text EVALUATION --as LOGIN (the "
     "department's manager)\n"
     "  airguard assess report PLAN [--round N] [--by section|phase|department|role|item|all] "
     "[--json]\n"
     "      rate = implemented / (answered - not applicable); partial counts as not implemented; "
     "submitted sheets only\n"
     "  improvement instructions and follow-up:\n"
     "  airguard assess instruct add PLAN --round N --dept CODE --text TEXT --due YYYY-MM-DD [--to "
     "LOGIN] [--items …] --as LOGIN\n"
     "  airguard assess instruct report ID --result TEXT --as LOGIN (the instructed manager)\n"
     "  airguard assess instruct accept|return ID [--result …] --as LOGIN (the CISO)\n"
     "  airguard assess instruct list [--plan P] [--dept CODE] [--overdue]\n"},
    /* outputs */
    {"created self-inspection plan %lld\n", "自己点検計画 %lld を作成しました\n",
     "created self-inspection plan %lld\n"},
    {"revised self-inspection plan %lld\n", "自己点検計画 %lld を見直しました\n",
     "revised self-inspection plan %lld\n"},
    {"closed self-inspection plan %lld\n", "自己点検計画 %lld を終了しました\n",
     "closed self-inspection plan %lld\n"},
    {"issued %d self-inspection sheet(s) for plan %lld, round %d\n",
     "自己点検票を %d 件発行しました（計画 %lld、第 %d 回）\n",
     "issued %d self-inspection sheet(s) for plan %lld, round %d\n"},
    {"note: %d item(s) of the plan are on no sheet: nobody in these departments holds their role\n",
     "注意: 計画の %d 項目はどの点検票にも載っていません（対象部署にその役割の担当者がいません）\n",
     "note: %d item(s) of the plan are on no sheet: nobody in these departments holds their "
     "role\n"},
    {"wrote self-inspection sheet %lld to %s\n", "自己点検票 %lld を %s に書き出しました\n",
     "wrote self-inspection sheet %lld to %s\n"},
    {"submitted self-inspection sheet %lld\n", "自己点検票 %lld を提出しました\n",
     "submitted self-inspection sheet %lld\n"},
    {"sheet %lld, item %s: answered\n", "点検票 %lld、項目 %s: 回答しました\n",
     "sheet %lld, item %s: answered\n"},
    {"imported %d answer(s) into self-inspection sheet %lld\n",
     "%d 件の回答を自己点検票 %lld に取り込みました\n",
     "imported %d answer(s) into self-inspection sheet %lld\n"},
    {"recorded the evaluation of %s for plan %lld, round %d\n",
     "%s の評価結果を記録しました（計画 %lld、第 %d 回）\n",
     "recorded the evaluation of %s for plan %lld, round %d\n"},
    {"created improvement instruction %lld\n", "改善指示 %lld を作成しました\n",
     "created improvement instruction %lld\n"},
    {"improvement instruction %lld: %s\n", "改善指示 %lld: %s\n",
     "improvement instruction %lld: %s\n"},
    {"report", "改善結果を報告しました", "result reported"},
    {"accept", "改善結果を受理しました", "result accepted"},
    {"return", "改善結果を差し戻しました", "result returned"},
    /* report */
    {"self-inspection plan %lld, round %d: %d of %d sheets submitted\n",
     "自己点検計画 %lld 第 %d 回: 点検票 %d / %d 件提出済み\n",
     "self-inspection plan %lld, round %d: %d of %d sheets submitted\n"},
    {"previous campaign: plan %lld, round %d: %d of %d sheets submitted\n",
     "前回: 計画 %lld 第 %d 回: 点検票 %d / %d 件提出済み\n",
     "previous campaign: plan %lld, round %d: %d of %d sheets submitted\n"},
    {"previous campaign: none\n", "前回: なし\n", "previous campaign: none\n"},
    {"implementation rate (実施率) = implemented / (answered - not applicable); partially "
     "implemented counts as not implemented; submitted sheets only\n",
     "実施率 = 実施 ÷（回答 − 該当なし）。一部実施は未実施として数える。提出済みの点検票のみ集計\n",
     "implementation rate (実施率) = implemented / (answered - not applicable); partially "
     "implemented counts as not implemented; submitted sheets only\n"},
    {"overall: %s (previous %s, change %s points)\n",
     "全体の実施率: %s（前回 %s、増減 %s ポイント）\n",
     "overall: %s (previous %s, change %s points)\n"},
    {"implemented", "実施", "implemented"},
    {"partial", "一部実施", "partial"},
    {"not_implemented", "未実施", "not impl."},
    {"not_applicable", "該当なし", "n/a"},
    {"unanswered", "未回答", "unanswered"},
    {"rate", "実施率", "rate"},
    {"previous", "前回", "previous"},
    {"change", "増減", "change"},
    {"phase:plan", "Plan（計画）", "Plan"},
    {"phase:do", "Do（実行）", "Do"},
    {"phase:check", "Check（評価）", "Check"},
    {"phase:act", "Act（改善）", "Act"},
    {"phase:none", "（なし）", "(none)"},
    /* list columns */
    {"frequency", "実施頻度（回/年）", "rounds/year"},
    {"timing", "実施時期", "timing"},
    {"selection", "実施項目の選択", "item selection"},
    {"method", "確認及び評価の方法", "evaluation method"},
    {"revision_note", "見直しの理由", "reason for review"},
    {"revised_at", "見直し日時", "revised at"},
    {"created_by", "作成者", "created by"},
    {"departments", "対象部署", "departments"},
    {"plan_id", "計画", "plan"},
    {"plan_revision", "版", "revision"},
    {"round", "回", "round"},
    {"respondent", "回答者", "respondent"},
    {"answered", "回答済", "answered"},
    {"submitted_at", "提出日時", "submitted at"},
    {"comment", "コメント", "comment"},
    {"evidence", "証跡 (SHA-256)", "evidence (SHA-256)"},
    {"overdue", "期限超過", "overdue"},
    {"result", "結果", "result"},
    {"reported_by", "報告者", "reported by"},
    {"reported_at", "報告日時", "reported at"},
    {"evaluation_text", "評価結果", "evaluation"},
};
const size_t isms_msgs_assess_count = AG_ARRAY_LEN(isms_msgs_assess);
