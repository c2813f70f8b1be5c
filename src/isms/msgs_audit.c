/*
 * msgs_audit.c — user-facing texts of `airguard audit`: the audit trail (verify, log) and the
 * information security audits of 3.3.1.1(2), Japanese and English. Keys of enumerated values
 * are "prefix:value" (finding:, aspect:, audit status:).
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_audit[] = {
    {"audit-usage",
     "使い方:\n"
     "監査証跡（改ざん検知のためハッシュで連鎖した操作記録）:\n"
     "  airguard audit verify                                  "
     "監査証跡が改ざんされていないことを検証\n"
     "  airguard audit log [--entity 表] [--limit N] [--json]  監査証跡の一覧（新しいもの N 件）\n"
     "情報セキュリティ監査（3.3.1.1(2)）:\n"
     "  airguard audit annual add --year 年度 --focus 重点監査対象 --objectives 監査目標\n"
     "      --from YYYY-MM-DD --to YYYY-MM-DD --management 管理体制 [--outsourcing 外部委託] "
     "[--budget 円] --as 監査人\n"
     "  airguard audit annual list                              年度情報セキュリティ監査計画\n"
     "  airguard audit plan add --year 年度 --title 件名 --dept 被監査部門 --from 日付 --to 日付\n"
     "      --location 実施場所 --points 監査要点 --progress 進捗管理 --auditors LOGIN[:割当て],…\n"
     "      [--adequacy（妥当性監査も行う）] [--policy 方針] [--procedures 監査の種類] [--sampling "
     "試査の範囲] --as 監査人\n"
     "  airguard audit plan list [--year 年度]                  監査実施計画の一覧\n"
     "  airguard audit auditor add AUDIT LOGIN [--assignment 割当て] --as 監査人\n"
     "  airguard audit finding add AUDIT --item 対策項目 --class "
     "conforming|major|minor|observation\n"
     "      --aspect rules|operation --statement 指摘内容 [--evidence-text 根拠] [--evidence FILE] "
     "--as 監査人\n"
     "  airguard audit finding list [AUDIT] [--class 区分]\n"
     "  airguard audit report AUDIT [--json]                    監査報告書\n"
     "  airguard audit report AUDIT --issue --summary 概要 --as 監査人\n"
     "  airguard audit instruct AUDIT --due YYYY-MM-DD --as CISO 改善計画の策定を指示\n"
     "  airguard audit improve FINDING --title 改善策 --owner LOGIN --due YYYY-MM-DD "
     "[--description] --as 部門の責任者\n"
     "  airguard audit confirm FINDING [--reopen] [--text 所見] --as 監査人   改善結果の確認\n"
     "  airguard audit close AUDIT --as CISO\n"
     "  airguard audit list | show AUDIT\n"
     "監査人は auditor の役割を持ち、被監査部門に属さないこと（3.1.4.1(2) 役割の分離）\n",
     "usage:\n"
     "the audit trail (a hash-chained record of every change):\n"
     "  airguard audit verify                                  check that the audit trail is "
     "intact\n"
     "  airguard audit log [--entity TABLE] [--limit N] [--json]  list the audit trail (the last N "
     "rows)\n"
     "information security audits (3.3.1.1(2)):\n"
     "  airguard audit annual add --year YEAR --focus TARGETS --objectives OBJECTIVES\n"
     "      --from YYYY-MM-DD --to YYYY-MM-DD --management TEXT [--outsourcing TEXT] [--budget "
     "YEN] --as AUDITOR\n"
     "  airguard audit annual list                              the annual audit plans\n"
     "  airguard audit plan add --year YEAR --title TITLE --dept AUDITED-DEPT --from DATE --to "
     "DATE\n"
     "      --location PLACE --points AUDIT-POINTS --progress TEXT --auditors "
     "LOGIN[:ASSIGNMENT],…\n"
     "      [--adequacy (adequacy audit too)] [--policy TEXT] [--procedures TEXT] [--sampling "
     "TEXT] --as AUDITOR\n"
     "  airguard audit plan list [--year YEAR]                  the per-audit plans\n"
     "  airguard audit auditor add AUDIT LOGIN [--assignment TEXT] --as AUDITOR\n"
     "  airguard audit finding add AUDIT --item ITEM --class conforming|major|minor|observation\n"
     "      --aspect rules|operation --statement TEXT [--evidence-text TEXT] [--evidence FILE] "
     "--as AUDITOR\n"
     "  airguard audit finding list [AUDIT] [--class CLASS]\n"
     "  airguard audit report AUDIT [--json]                    the audit report\n"
     "  airguard audit report AUDIT --issue --summary TEXT --as AUDITOR\n"
     "  airguard audit instruct AUDIT --due YYYY-MM-DD --as CISO instruct improvement plans\n"
     "  airguard audit improve FINDING --title TEXT --owner LOGIN --due YYYY-MM-DD [--description] "
     "--as DEPT-MANAGER\n"
     "  airguard audit confirm FINDING [--reopen] [--text TEXT] --as AUDITOR   verify the "
     "improvement\n"
     "  airguard audit close AUDIT --as CISO\n"
     "  airguard audit list | show AUDIT\n"
     "Auditors hold the role auditor and do not belong to the audited department (3.1.4.1(2))\n"},
    {"created the annual audit plan %s (id %lld)\n",
     "%s 年度の情報セキュリティ監査計画を作成しました（ID %lld）\n",
     "created the annual audit plan %s (id %lld)\n"},
    {"created audit %lld\n", "監査 %lld の監査実施計画を作成しました\n", "created audit %lld\n"},
    {"audit %lld: auditor %s assigned\n", "監査 %lld: 監査人 %s を割り当てました\n",
     "audit %lld: auditor %s assigned\n"},
    {"audit %lld: finding %lld recorded\n", "監査 %lld: 指摘事項 %lld を記録しました\n",
     "audit %lld: finding %lld recorded\n"},
    {"audit %lld: report issued\n", "監査 %lld: 監査報告書を発行しました\n",
     "audit %lld: report issued\n"},
    {"audit %lld: improvement plans instructed, due %s\n",
     "監査 %lld: 改善計画の策定を指示しました（期限 %s）\n",
     "audit %lld: improvement plans instructed, due %s\n"},
    {"finding %lld: improvement plan is action %lld\n",
     "指摘事項 %lld: 改善計画を是正処置 %lld として登録しました\n",
     "finding %lld: improvement plan is action %lld\n"},
    {"finding %lld: improvement verified\n", "指摘事項 %lld: 改善結果を確認しました\n",
     "finding %lld: improvement verified\n"},
    {"finding %lld: improvement sent back\n", "指摘事項 %lld: 改善結果を差し戻しました\n",
     "finding %lld: improvement sent back\n"},
    {"closed audit %lld\n", "監査 %lld を終結しました\n", "closed audit %lld\n"},
    {"Before the audit can be closed:", "監査の終結の前に必要なこと:",
     "Before the audit can be closed:"},
    /* the report */
    {"Information security audit report (3.3.1.1(2))", "情報セキュリティ監査報告書（3.3.1.1(2)）",
     "Information security audit report (3.3.1.1(2))"},
    {"Audit", "監査", "Audit"},
    {"Annual audit plan", "年度情報セキュリティ監査計画", "Annual audit plan"},
    {"FY%s", "%s 年度", "FY%s"},
    {"Focus", "重点とする監査対象", "Focus"},
    {"Objectives", "監査目標", "Objectives"},
    {"Audited department", "被監査部門", "Audited department"},
    {"Period", "監査の実施時期", "Period"},
    {"Place", "監査の実施場所", "Place"},
    {"Kind of audit", "監査の種類", "Kind of audit"},
    {"compliance audit", "準拠性監査", "compliance audit"},
    {"compliance and adequacy audit", "準拠性監査及び妥当性監査", "compliance and adequacy audit"},
    {"Policy", "方針", "Policy"},
    {"Audit points", "監査要点", "Audit points"},
    {"Procedures", "実施すべき監査の種類", "Procedures"},
    {"Sampling", "試査の範囲", "Sampling"},
    {"Progress control", "監査の進捗管理手段又は体制", "Progress control"},
    {"Audit status", "状態", "Status"},
    {"Summary", "監査結果の概要", "Summary"},
    {"Reported by", "報告者", "Reported by"},
    {"Reported at", "報告日時", "Reported at"},
    {"Improvement plans due", "改善計画の期限", "Improvement plans due"},
    {"Auditors", "監査の実施担当者及び割当て", "Auditors"},
    {" [lead]", "［主任］", " [lead]"},
    {"Findings", "指摘事項", "Findings"},
    {"Evidence", "根拠", "Evidence"},
    {"Evidence file", "証跡ファイル", "Evidence file"},
    {"Improvement plan", "改善計画", "Improvement plan"},
    {"Conforming %lld, major %lld, minor %lld, observations %lld\n",
     "適合 %lld 件、重大な不適合 %lld 件、軽微な不適合 %lld 件、所見 %lld 件\n",
     "Conforming %lld, major %lld, minor %lld, observations %lld\n"},
    {"finding:conforming", "適合", "conforming"},
    {"finding:major", "重大な不適合", "major nonconformity"},
    {"finding:minor", "軽微な不適合", "minor nonconformity"},
    {"finding:observation", "所見", "observation"},
    {"aspect:rules", "規程のガイドライン準拠", "rules vs. guideline"},
    {"aspect:operation", "運用の規程準拠", "operation vs. rules"},
    {"audit status:planned", "計画済み（実施中）", "planned (fieldwork)"},
    {"audit status:reported", "報告済み", "reported"},
    {"audit status:instructed", "改善指示済み", "improvement instructed"},
    {"audit status:closed", "終結", "closed"},
    /* column headings */
    {"fiscal_year", "年度", "fiscal year"},
    {"focus", "重点とする監査対象", "focus"},
    {"objectives", "監査目標", "objectives"},
    {"period_from", "開始", "from"},
    {"period_to", "終了", "to"},
    {"management", "管理体制", "management"},
    {"outsourcing", "外部委託", "outsourcing"},
    {"budget_yen", "予算（円）", "budget (yen)"},
    {"planned_by", "策定者", "planned by"},
    {"audits", "監査数", "audits"},
    {"location", "実施場所", "location"},
    {"auditors", "監査人", "auditors"},
    {"nonconformities", "不適合", "nonconformities"},
    {"audit_id", "監査", "audit"},
    {"item", "対策項目", "item"},
    {"classification", "区分", "classification"},
    {"aspect", "観点", "aspect"},
    {"statement", "指摘内容", "statement"},
    {"auditor", "監査人", "auditor"},
    {"improvements", "改善計画", "improvements"},
};
const size_t isms_msgs_audit_count = AG_ARRAY_LEN(isms_msgs_audit);
