/*
 * msgs_workbook.c — user-facing texts of the self-inspection workbook (`airguard assess workbook`,
 * `airguard assess import FILE.xlsx`; assess_workbook.c), Japanese and English. Texts written
 * into the workbook have keys prefixed "workbook: ".
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_workbook[] = {
    /* the department sheets */
    {"workbook: %s — self-inspection sheets", "%s — 自己点検票", "%s — self-inspection sheets"},
    {"workbook: FY%d, round %d: %s, due %s", "%d年度 第%d回 %s（期限 %s）",
     "FY%d, round %d: %s, due %s"},
    {"workbook: fill in the yellow cells",
     "黄色のセル（回答・コメント）に入力してください。回答は一覧から選びます。提出済みの点検票の"
     "行は変更できません。",
     "Fill in the yellow cells (answer, comment); choose the answer from the list. Rows of "
     "submitted sheets cannot be changed."},
    {"workbook: submitted", "提出済", "submitted"},
    {"workbook: not submitted", "未提出", "not submitted"},
    /* the summary sheet (集計) */
    {"workbook: self-inspection summary, FY%d round %d: %s", "自己点検 集計 — %d年度 第%d回 %s",
     "Self-inspection summary — FY%d, round %d: %s"},
    {"workbook: rate = implemented / (implemented + partial + not implemented)",
     "実施率 = 実施 ÷（実施 + 一部実施 + 未実施）。一部実施は実施に数えず、該当なし・未回答は分母に"
     "含めません。",
     "Rate = implemented ÷ (implemented + partial + not implemented); partial does not count as "
     "implemented; not applicable and unanswered items are outside the denominator."},
    {"workbook: submitted sheets (as assess report counts)",
     "提出済みの点検票（airguard assess report と同じ数え方）",
     "Submitted sheets (as airguard assess report counts)"},
    {"workbook: all answers, sheets not yet submitted included",
     "未提出を含むすべての回答（入力に応じて更新）",
     "All answers, sheets not yet submitted included (update as you fill in)"},
    {"workbook: department code", "部署コード", "department code"},
    {"workbook: department", "部署", "department"},
    {"workbook: sheets", "点検票数", "sheets"},
    {"workbook: implemented", "実施", "implemented"},
    {"workbook: partial", "一部実施", "partial"},
    {"workbook: not implemented", "未実施", "not implemented"},
    {"workbook: not applicable", "該当なし", "not applicable"},
    {"workbook: unanswered", "未回答", "unanswered"},
    {"workbook: rate", "実施率", "rate"},
    {"workbook: overall", "全体", "overall"},
    /* the CLI */
    {"wrote the self-inspection workbook of plan %lld, round %d to %s: %d department(s), %d "
     "sheet(s), %d row(s)\n",
     "計画 %lld 第 %d 回の自己点検票ブックを %s に書き出しました（部署 %d、点検票 %d、行 %d）\n",
     "wrote the self-inspection workbook of plan %lld, round %d to %s: %d department(s), %d "
     "sheet(s), %d row(s)\n"},
    {"imported %d answer(s) from the self-inspection workbook of plan %lld, round %d (%d "
     "department sheet(s))\n",
     "回答 %d 件を自己点検票ブック（計画 %lld 第 %d 回、部署シート %d）から取り込みました\n",
     "imported %d answer(s) from the self-inspection workbook of plan %lld, round %d (%d "
     "department sheet(s))\n"},
};
const size_t isms_msgs_workbook_count = AG_ARRAY_LEN(isms_msgs_workbook);
