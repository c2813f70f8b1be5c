/*
 * msgs_evidence.c — user-facing texts of the automatic status of measures (compliance.c) and of
 * `airguard compliance` (src/cli/cmd_compliance.c), Japanese and English.
 */
#include "isms/isms.h"

/* clang-format off */
const struct ag_msg isms_msgs_evidence[] = {
    {"evidence: %lld enabled accounts unused for more than %d days",
     "%lld 件の有効なアカウントが %d 日を超えて使われていません",
     "%lld enabled accounts unused for more than %d days"},
    {"evidence: %lld open high alerts on %s within %d days (latest %s)",
     "未完了の重大度 high 以上のアラートが %lld 件あります（%s、直近 %d 日、最新 %s）",
     "%lld open high alerts on %s within %d days (latest %s)"},
    {"evidence: %s has no run recorded", "%s の実行記録がありません", "%s has no run recorded"},
    {"evidence: %s ran (last %s); no open high alerts on %s within %d days",
     "%s は稼働しています（最終 %s）。%s に関する未完了の重大度 high 以上のアラートは直近 %d 日にありません",
     "%s ran (last %s); no open high alerts on %s within %d days"},
    {"evidence: airguard locks an account for %d minutes after %d failed sign-ins and shows each "
     "person their sign-in history",
     "airguard はアカウントを %d 分間ロックします（サインインの失敗 %d 回で）。各人にサインイン履歴を表示しています",
     "airguard locks an account for %d minutes after %d failed sign-ins and shows each person "
     "their sign-in history"},
    {"evidence: airguard locks an account only after %d failed sign-ins (more than %d)",
     "airguard のアカウントロックは %d 回の失敗の後です（%d 回を超えています）",
     "airguard locks an account only after %d failed sign-ins (more than %d)"},
    {"evidence: netwatch ran without a baseline (no allowlist of devices and conversations; last "
     "%s)",
     "netwatch はベースラインなしで稼働しています（機器と通信の許可リストがありません。最終 %s）",
     "netwatch ran without a baseline (no allowlist of devices and conversations; last %s)"},
    {"evidence: netwatch watched against the baseline %s (last %s)",
     "netwatch はベースライン %s に照らして監視しています（最終 %s）",
     "netwatch watched against the baseline %s (last %s)"},
    {"evidence: the account policy of airguard is not known",
     "airguard のアカウントの方針が分かりません", "the account policy of airguard is not known"},
    {"evidence: the audit trail failed verification (%s): %s",
     "監査証跡の検証に失敗しました（%s）: %s", "the audit trail failed verification (%s): %s"},
    {"evidence: the audit trail was verified intact (%s, %lld rows)",
     "監査証跡は改ざんされていないことを検証済みです（%s、%lld 行）",
     "the audit trail was verified intact (%s, %lld rows)"},
    {"evidence: the last backup of the store failed (%s): %s",
     "ストアの最後のバックアップは失敗しました（%s）: %s",
     "the last backup of the store failed (%s): %s"},
    {"evidence: the last run of %s failed", "%s の最後の実行は失敗しました",
     "the last run of %s failed"},
    {"evidence: the last run of %s was %s, more than %d days ago",
     "%s の最後の実行は %s で、%d 日より前です", "the last run of %s was %s, more than %d days ago"},
    {"evidence: the log archive failed verification (%s): %lld problems",
     "ログアーカイブの検証に失敗しました（%s）: 問題 %lld 件",
     "the log archive failed verification (%s): %lld problems"},
    {"evidence: the log archive was verified whole (%s)",
     "ログアーカイブは欠けなく検証済みです（%s）", "the log archive was verified whole (%s)"},
    {"evidence: the store was backed up to %s (%s)", "ストアを %s にバックアップしました（%s）",
     "the store was backed up to %s (%s)"},
    {"evidence: this program has no check \"%s\"", "このプログラムにはチェック「%s」がありません",
     "this program has no check \"%s\""},
    {"evidence: unused accounts were swept (last %s); no enabled account unused for more than %d "
     "days",
     "未使用アカウントの停止処理を実行済みです（最終 %s）。%d 日を超えて使われていない有効なアカウントはありません",
     "unused accounts were swept (last %s); no enabled account unused for more than %d days"},
    {"evidence status no_data", "データなし", "no data"},
    {"evidence status evidenced", "証跡あり", "evidenced"},
    {"evidence status contradicted", "矛盾あり", "contradicted"},
    {"compliance-usage",
     "使い方（対策項目の自動判定、docs/compliance.md「Evidence and automatic status」）:\n"
     "  airguard compliance status [--item ID|REF] [--status evidenced|contradicted|no_data] [--json]\n"
     "      監視の証跡による対策項目の状態（証跡あり・矛盾あり・データなし）と自己点検の回答\n"
     "  airguard compliance flags [--json]\n"
     "      「実施」と回答されたが証跡と矛盾する対策項目（情報セキュリティ責任者と CISO に通知）\n",
     "usage (the automatic status of measures, docs/compliance.md \"Evidence and automatic status\"):\n"
     "  airguard compliance status [--item ID|REF] [--status evidenced|contradicted|no_data] [--json]\n"
     "      each measure with checks: evidenced, contradicted or no data, and the self-inspection answers\n"
     "  airguard compliance flags [--json]\n"
     "      answers of 実施 (implemented) that live evidence contradicts (flagged to the managers and the CISO)\n"},
    {"Measures evidenced or contradicted by the monitors, and flagged answers",
     "監視の証跡による対策項目の自動判定と、矛盾する回答のフラグ",
     "Measures evidenced or contradicted by the monitors, and flagged answers"},
    {"compliance: unknown status \"%s\" (evidenced, contradicted or no_data)",
     "状態「%s」は不明です（evidenced、contradicted、no_data）",
     "unknown status \"%s\" (evidenced, contradicted or no_data)"},
    {"compliance: no guideline item \"%s\"", "ガイドラインの項目「%s」はありません",
     "no guideline item \"%s\""},
    {"airguard: the run was not recorded: %s\n", "airguard: 実行記録を保存できませんでした: %s\n",
     "airguard: the run was not recorded: %s\n"},
    {"compliance: %s has no automated checks", "%s には自動チェックがありません",
     "%s has no automated checks"},
    {"compliance: answers (plan %lld, round %d): %s", "回答（計画 %lld 第 %d 回）: %s",
     "answers (plan %lld, round %d): %s"},
    {"compliance: no submitted self-inspection answers", "提出済みの自己点検の回答はありません",
     "no submitted self-inspection answers"},
    {"compliance: no flags: no answer of 実施 is contradicted by live evidence",
     "フラグはありません（「実施」の回答で証跡と矛盾するものはありません）",
     "no flags: no answer of 実施 is contradicted by live evidence"},
    {"compliance: %zu flag(s) raised, %zu cleared", "フラグ %zu 件を新たに立て、%zu 件を解除しました",
     "%zu flag(s) raised, %zu cleared"},
};
/* clang-format on */
const size_t isms_msgs_evidence_count = AG_ARRAY_LEN(isms_msgs_evidence);
