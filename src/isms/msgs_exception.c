/*
 * msgs_exception.c — user-facing texts of the exception workflow (例外措置, guideline
 * 3.1.2.3(2)②), Japanese and English.
 */
#include "isms/isms.h"

/* clang-format off */
const struct ag_msg isms_msgs_exception[] = {
    {"exception-usage",
     "使い方（例外措置 3.1.2.3(2)②）:\n"
     "  CISO による審査者の指名と審査手続:\n"
     "  airguard exception designate LOGIN [--dept CODE] [--revoke] --as LOGIN   審査者の指名（取消）\n"
     "  airguard exception procedure [--text 審査手続] [--max-days 日数] --as LOGIN\n"
     "  airguard exception reviewers [--json]                           指名中の審査者と審査手続\n"
     "  申請（申請者 = --as。ガイドラインの列挙事項をすべて記載）:\n"
     "  airguard exception request --regulation 規程名 --clause 条項 --start YYYY-MM-DD --end YYYY-MM-DD\n"
     "      --measures 措置内容（代替手段） --impact 情報セキュリティ上の影響 --handling 対処方法\n"
     "      --end-report 終了時の報告方法 --reason 理由 [--contact 連絡先] [--item 対策項目]\n"
     "      [--system CODE] [--risk リスクID] --as LOGIN\n"
     "  審査（指名された審査者。申請者本人は不可）と終了:\n"
     "  airguard exception approve|reject ID --record 審査記録 [--conditions 条件] --as LOGIN\n"
     "  airguard exception withdraw ID --as LOGIN                        申請者による取下げ\n"
     "  airguard exception end ID --report 終了報告 --as LOGIN            申請者による終了報告\n"
     "  airguard exception expire                                       期間満了を記録（監査証跡に記録）\n"
     "  airguard exception list [--status S] [--expiring 日数] [--json]\n"
     "  airguard exception show ID [--json]\n"
     "状態: requested 申請中 → approved 許可 / rejected 不許可 / withdrawn 取下げ →\n"
     "      active 適用中（開始日以降） → expired 期間満了 / ended 終了報告済み\n",
     "usage (exception measures, 3.1.2.3(2)②):\n"
     "  reviewers and the review procedure, by the CISO:\n"
     "  airguard exception designate LOGIN [--dept CODE] [--revoke] --as LOGIN   designate (revoke) a reviewer\n"
     "  airguard exception procedure [--text TEXT] [--max-days DAYS] --as LOGIN\n"
     "  airguard exception reviewers [--json]                           designated reviewers and the procedure\n"
     "  request (the applicant is --as; every item the guideline lists):\n"
     "  airguard exception request --regulation RULE --clause CLAUSE --start YYYY-MM-DD --end YYYY-MM-DD\n"
     "      --measures ALTERNATIVE-MEASURES --impact SECURITY-IMPACT --handling HOW-HANDLED\n"
     "      --end-report HOW-THE-END-IS-REPORTED --reason TEXT [--contact TEXT] [--item ITEM]\n"
     "      [--system CODE] [--risk RISK-ID] --as LOGIN\n"
     "  decision (a designated reviewer, never the applicant) and end:\n"
     "  airguard exception approve|reject ID --record REVIEW-RECORD [--conditions TEXT] --as LOGIN\n"
     "  airguard exception withdraw ID --as LOGIN                        withdrawn by the applicant\n"
     "  airguard exception end ID --report TEXT --as LOGIN               end report by the applicant\n"
     "  airguard exception expire                                       store expiries (recorded in the audit trail)\n"
     "  airguard exception list [--status S] [--expiring DAYS] [--json]\n"
     "  airguard exception show ID [--json]\n"
     "statuses: requested -> approved / rejected / withdrawn -> active (from the start date)\n"
     "          -> expired (end date passed) / ended (end report filed)\n"},
    {"exception %s does not exist", "例外措置 %s は存在しません", "exception %s does not exist"},
    {"\nReview procedure (max %d days): %s\n", "\n審査手続（期間は最長 %d 日）: %s\n",
     "\nReview procedure (max %d days): %s\n"},
    {"%d exception(s) changed status with time (recorded in the audit trail)\n",
     "%d 件の例外措置の状態が期日により変わりました（監査証跡に記録）\n",
     "%d exception(s) changed status with time (recorded in the audit trail)\n"},
    {"%s is no longer an exception reviewer\n", "%s の例外措置審査者の指名を取り消しました\n",
     "%s is no longer an exception reviewer\n"},
    {"%s is now a designated exception reviewer\n", "%s を例外措置の審査者に指名しました\n",
     "%s is now a designated exception reviewer\n"},
    {"exception request %lld recorded; a designated reviewer decides it\n",
     "例外措置の申請 %lld を受け付けました。指名された審査者が審査します\n",
     "exception request %lld recorded; a designated reviewer decides it\n"},
    {"exception %lld: %s\n", "例外措置 %lld: %s\n", "exception %lld: %s\n"},
    /* column headings */
    {"applicant", "申請者", "applicant"},
    {"applicant_contact", "連絡先", "contact"},
    {"regulation", "規程名", "regulation"},
    {"clause", "条項", "clause"},
    {"guideline_item", "ガイドラインの対策項目", "guideline item"},
    {"valid_from", "適用開始", "from"},
    {"valid_until", "適用終了", "until"},
    {"alternative_measures", "措置内容（代替手段）", "measures (alternatives)"},
    {"security_impact", "情報セキュリティ上の影響", "security impact"},
    {"impact_handling", "対処方法", "how it is handled"},
    {"end_report_method", "終了時の報告方法", "how the end is reported"},
    {"exception_reason", "申請理由", "reason"},
    {"related_risk", "関連リスク", "related risk"},
    {"requested_at", "申請日時", "requested at"},
    {"decided_at", "審査日時", "decided at"},
    {"decision_record", "審査記録", "review record"},
    {"approval_conditions", "許可の条件", "conditions"},
    {"expired_at", "期間満了日時", "expired at"},
    {"ended_at", "終了報告日時", "ended at"},
    {"end_report", "終了報告", "end report"},
    {"days_left", "残日数", "days left"},
    {"designated_by", "指名者", "designated by"},
    {"designated_at", "指名日時", "designated at"},
};
/* clang-format on */
const size_t isms_msgs_exception_count = AG_ARRAY_LEN(isms_msgs_exception);
