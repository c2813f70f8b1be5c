/*
 * msgs_vuln.c — user-facing texts of vulnerability handling (ソフトウェアに関する脆弱性対策,
 * guideline 3.1.5.1(1)(e), 3.2.2.1①), Japanese and English: the CLI's usage and output, the
 * column names of its lists, and the refusals of src/isms/vuln.c (keys starting "vuln: ").
 */
#include "isms/isms.h"

/* clang-format off */
const struct ag_msg isms_msgs_vuln[] = {
    {"vuln-usage",
     "使い方（ソフトウェアの脆弱性対策 3.1.5.1(1)(e), 3.2.2.1①）:\n"
     "  ソフトウェア構成（資産ごと）:\n"
     "  airguard vuln software add --asset CODE --vendor ベンダ --product 製品 --version 版 [--cpe CPE] --as LOGIN\n"
     "  airguard vuln software list [--asset CODE] [--json]\n"
     "  airguard vuln software remove ID --as LOGIN\n"
     "  airguard vuln software import FILE.csv --as LOGIN      列: asset,vendor,product,version[,cpe]\n"
     "  airguard vuln software export [--asset CODE] [--out FILE]   CSV\n"
     "  脆弱性情報（ファイルから。ネットワークからは取得しません）:\n"
     "  airguard vuln import FILE... --as LOGIN       CSAF 2.0 / CVE JSON 5 / NVD API 2.0 を内容で判別\n"
     "  airguard vuln add --id JVNDB-2024-000123 --title 題名 --vendor V --product P --versions \"<4.5.2\"\n"
     "      [--severity S] [--cvss 7.5] [--vector CVSS:3.1/…] [--fixed 版] [--description 説明]\n"
     "      [--remediation 対策] [--ref URL] --as LOGIN       手入力（JVN 等）\n"
     "  airguard vuln advisories [--json]                登録済みの脆弱性\n"
     "  資産上の脆弱性（マッチ）と対策計画:\n"
     "  airguard vuln list [--status S] [--asset CODE] [--severity S] [--vuln ID] [--overdue] [--json]\n"
     "  airguard vuln show ID|CVE-…                       マッチ番号または脆弱性 ID\n"
     "  airguard vuln plan ID... [--risk リスク分析] [--need yes|no] [--method 対策方法]\n"
     "      [--workaround 一時的な回避方法] [--impact システムへの影響] [--due YYYY-MM-DD]\n"
     "      [--test yes|no] [--test-method テスト方法] [--test-due YYYY-MM-DD] --as LOGIN\n"
     "  airguard vuln compensate ID --kind allowlist|isolation|access|monitoring|media|other --text 内容 --as LOGIN\n"
     "  airguard vuln approve ID... --as LOGIN             情報セキュリティ責任者または CISO（計画者以外）\n"
     "  airguard vuln close ID... [--result 結果 | --accept 理由 | --not-affected 理由] --as LOGIN\n"
     "  airguard vuln export --csv [--status S] [--asset CODE] [--out FILE]\n"
     "  airguard vuln review [--note 所見] --as LOGIN        対策状況の定期確認を記録\n"
     "  airguard vuln reviews [--json]\n"
     "状態: open 未対応 → planned 計画済み →（承認）→ done 対策済み / accepted リスク受容 /\n"
     "      not_affected 影響なし。計画の項目がそろい承認されるまで対策済みにできません。\n",
     "usage (software vulnerability handling, 3.1.5.1(1)(e), 3.2.2.1①):\n"
     "  software inventory per asset:\n"
     "  airguard vuln software add --asset CODE --vendor VENDOR --product PRODUCT --version VERSION [--cpe CPE] --as LOGIN\n"
     "  airguard vuln software list [--asset CODE] [--json]\n"
     "  airguard vuln software remove ID --as LOGIN\n"
     "  airguard vuln software import FILE.csv --as LOGIN      columns: asset,vendor,product,version[,cpe]\n"
     "  airguard vuln software export [--asset CODE] [--out FILE]   CSV\n"
     "  vulnerabilities (from files; nothing is fetched from the network):\n"
     "  airguard vuln import FILE... --as LOGIN       CSAF 2.0 / CVE JSON 5 / NVD API 2.0, recognised by content\n"
     "  airguard vuln add --id JVNDB-2024-000123 --title TITLE --vendor V --product P --versions \"<4.5.2\"\n"
     "      [--severity S] [--cvss 7.5] [--vector CVSS:3.1/…] [--fixed VERSION] [--description TEXT]\n"
     "      [--remediation TEXT] [--ref URL] --as LOGIN       entered by hand (JVN …)\n"
     "  airguard vuln advisories [--json]                the vulnerabilities recorded\n"
     "  vulnerabilities on assets (matches) and their plans:\n"
     "  airguard vuln list [--status S] [--asset CODE] [--severity S] [--vuln ID] [--overdue] [--json]\n"
     "  airguard vuln show ID|CVE-…                       a match number or a vulnerability id\n"
     "  airguard vuln plan ID... [--risk RISK-ANALYSIS] [--need yes|no] [--method METHOD]\n"
     "      [--workaround WORKAROUND-UNTIL-FIXED] [--impact IMPACT-ON-THE-SYSTEM] [--due YYYY-MM-DD]\n"
     "      [--test yes|no] [--test-method TEST-METHOD] [--test-due YYYY-MM-DD] --as LOGIN\n"
     "  airguard vuln compensate ID --kind allowlist|isolation|access|monitoring|media|other --text TEXT --as LOGIN\n"
     "  airguard vuln approve ID... --as LOGIN             a manager or the CISO, not the planner\n"
     "  airguard vuln close ID... [--result TEXT | --accept REASON | --not-affected REASON] --as LOGIN\n"
     "  airguard vuln export --csv [--status S] [--asset CODE] [--out FILE]\n"
     "  airguard vuln review [--note TEXT] --as LOGIN        record the periodic check of the handling\n"
     "  airguard vuln reviews [--json]\n"
     "status: open → planned → (approved) → done / accepted (risk accepted) / not_affected;\n"
     "        nothing is done before every plan field is given and the plan is approved.\n"},
    {"Vulnerability handling: software inventory, advisories, plans (3.1.5.1(1)(e), 3.2.2.1①)",
     "脆弱性対策: ソフトウェア構成、脆弱性情報、対策計画（3.1.5.1(1)(e), 3.2.2.1①）",
     "Vulnerability handling: software inventory, advisories, plans (3.1.5.1(1)(e), 3.2.2.1①)"},
    /* CLI output */
    {"\nThe plan still lacks: %s (3.2.2.1①)\n", "\n対策計画に未記入の項目: %s（3.2.2.1①）\n",
     "\nThe plan still lacks: %s (3.2.2.1①)\n"},
    {"vulnerability match %s does not exist", "脆弱性のマッチ %s はありません",
     "vulnerability match %s does not exist"},
    {"vulnerability %s is not recorded", "脆弱性 %s は登録されていません",
     "vulnerability %s is not recorded"},
    {"Products named by the advisory:", "脆弱性情報が挙げる製品:", "Products named by the advisory:"},
    {"Found on:", "該当する資産:", "Found on:"},
    {"vuln: affected", "影響あり", "affected"},
    {"vuln: unaffected", "影響なし", "unaffected"},
    {"vuln: unknown", "不明（要確認）", "unknown (to check)"},
    {"vuln: done", "対策済み", "done"},
    {"vuln: accepted", "リスク受容", "accepted"},
    {"vuln: not_affected", "影響なし", "not affected"},
    {"software %lld recorded; %d new vulnerability match(es)\n",
     "ソフトウェア %lld を登録しました。新たな脆弱性のマッチ: %d 件\n",
     "software %lld recorded; %d new vulnerability match(es)\n"},
    {"software %lld removed\n", "ソフトウェア %lld を削除しました\n", "software %lld removed\n"},
    {"%d software record(s) added, %d already listed; %d new vulnerability match(es)\n",
     "ソフトウェア %d 件を登録、%d 件は登録済み。新たな脆弱性のマッチ: %d 件\n",
     "%d software record(s) added, %d already listed; %d new vulnerability match(es)\n"},
    {"%d file(s) imported: %d vulnerability(ies) added, %d updated; %d new match(es) with the "
     "inventory\n",
     "%d ファイルを取り込みました: 脆弱性 %d 件を追加、%d 件を更新。ソフトウェア構成との新たなマッチ: %d 件\n",
     "%d file(s) imported: %d vulnerability(ies) added, %d updated; %d new match(es) with the "
     "inventory\n"},
    {"vulnerability %s recorded; %d new match(es) with the inventory\n",
     "脆弱性 %s を登録しました。ソフトウェア構成との新たなマッチ: %d 件\n",
     "vulnerability %s recorded; %d new match(es) with the inventory\n"},
    {"review %lld recorded\n", "定期確認 %lld を記録しました\n", "review %lld recorded\n"},
    {"match %lld: compensating measure recorded; it needs approval\n",
     "マッチ %lld: 代替策を記録しました。承認が必要です\n",
     "match %lld: compensating measure recorded; it needs approval\n"},
    {"match %lld: plan recorded; still missing: %s\n",
     "マッチ %lld: 対策計画を記録しました。未記入の項目: %s\n",
     "match %lld: plan recorded; still missing: %s\n"},
    {"match %lld: plan complete; it needs approval by a manager or the CISO other than you\n",
     "マッチ %lld: 対策計画の項目がそろいました。あなた以外の情報セキュリティ責任者または CISO の承認が必要です\n",
     "match %lld: plan complete; it needs approval by a manager or the CISO other than you\n"},
    {"match %lld: approved\n", "マッチ %lld: 承認しました\n", "match %lld: approved\n"},
    {"match %lld: closed (%s)\n", "マッチ %lld: 完了しました（%s）\n", "match %lld: closed (%s)\n"},
    {"export: give --csv (the only format)", "export: --csv を指定してください（CSV のみ対応）",
     "export: give --csv (the only format)"},
    {"close: give one of --result TEXT, --accept REASON, --not-affected REASON",
     "close: --result 結果、--accept 理由、--not-affected 理由 のいずれか一つを指定してください",
     "close: give one of --result TEXT, --accept REASON, --not-affected REASON"},
    /* column names */
    {"match", "番号", "match"},
    {"vuln_asset", "資産", "asset"},
    {"vuln_severity", "深刻度", "severity"},
    {"cvss", "CVSS", "CVSS"},
    {"software", "ソフトウェア", "software"},
    {"installed_version", "導入版", "installed version"},
    {"vuln_certainty", "判定", "certainty"},
    {"cvss_vector", "CVSS ベクトル", "CVSS vector"},
    {"still_matches", "現在も該当", "still matches"},
    {"fixed_version", "修正版", "fixed version"},
    {"vuln_remediation", "対策情報", "remediation"},
    {"vuln_risk", "リスクの分析", "risk analysis"},
    {"vuln_need", "対策の必要性", "need for action"},
    {"vuln_method", "対策方法", "method"},
    {"vuln_workaround", "一時的な回避方法", "workaround until fixed"},
    {"vuln_impact", "情報システムへの影響", "impact on the system"},
    {"vuln_test", "対策テストの必要性", "testing needed"},
    {"vuln_test_method", "対策テストの方法", "test method"},
    {"vuln_test_due", "対策テストの実施予定", "test schedule"},
    {"planned_at", "計画日時", "planned at"},
    {"approved_at", "承認日時", "approved at"},
    {"closed_at", "完了日時", "closed at"},
    {"close_note", "完了時の記録", "closing note"},
    {"compensations", "代替策", "compensating measures"},
    {"vuln_refs", "参考情報", "references"},
    {"advisory", "アドバイザリ", "advisory"},
    {"vuln_source", "入手元", "source"},
    {"source_file", "ファイル", "file"},
    {"source_sha256", "ファイルの SHA-256", "file SHA-256"},
    {"imported_at", "取込日時", "imported at"},
    {"imported_by", "取込者", "imported by"},
    {"vendor", "ベンダ", "vendor"},
    {"product", "製品", "product"},
    {"cpe", "CPE", "CPE"},
    {"vuln_open", "未完了", "open"},
    {"vuln_matches", "該当数", "matches"},
    {"vuln_due", "対策の実施予定", "due"},
    /* refusals of src/isms/vuln.c */
    {"vuln: %s may not change the software or vulnerability handling of asset %s: a system "
     "administrator or manager of its system's department, or the CISO, does (3.1.5.1(1)(e))",
     "%s は資産 %s のソフトウェア構成・脆弱性対策を変更できません。そのシステムの所管部署のシステム管理者・"
     "情報セキュリティ責任者、または CISO が行います（3.1.5.1(1)(e)）",
     "%s may not change the software or vulnerability handling of asset %s: a system "
     "administrator or manager of its system's department, or the CISO, does (3.1.5.1(1)(e))"},
    {"vuln: %s may not record vulnerabilities: a system administrator, manager, CSIRT member or "
     "the CISO does (3.2.2.1①)",
     "%s は脆弱性情報を登録できません。システム管理者、情報セキュリティ責任者、CSIRT の要員または CISO が"
     "行います（3.2.2.1①）",
     "%s may not record vulnerabilities: a system administrator, manager, CSIRT member or the "
     "CISO does (3.2.2.1①)"},
    {"vuln: match %lld (%s on %s) is closed (%s)", "マッチ %lld（%s、資産 %s）は完了しています（%s）",
     "match %lld (%s on %s) is closed (%s)"},
    {"vuln: match %lld has nothing to approve: the plan lacks %s and no compensating measure is "
     "recorded (3.2.2.1①)",
     "マッチ %lld には承認する内容がありません。対策計画に未記入の項目（%s）があり、代替策も記録されていません"
     "（3.2.2.1①）",
     "match %lld has nothing to approve: the plan lacks %s and no compensating measure is "
     "recorded (3.2.2.1①)"},
    {"vuln: match %lld is already approved by %s", "マッチ %lld は %s が承認済みです",
     "match %lld is already approved by %s"},
    {"vuln: %s may not approve the handling of asset %s: a manager (情報セキュリティ責任者) of its "
     "system's department or the CISO approves",
     "%s は資産 %s の脆弱性対策を承認できません。そのシステムの所管部署の情報セキュリティ責任者または CISO が"
     "承認します",
     "%s may not approve the handling of asset %s: a manager (情報セキュリティ責任者) of its "
     "system's department or the CISO approves"},
    {"vuln: match %lld is already approved", "マッチ %lld は承認済みです",
     "match %lld is already approved"},
    {"vuln: accepting the risk needs the reason (--accept REASON)",
     "リスクを受容するには理由が必要です（--accept 理由）",
     "accepting the risk needs the reason (--accept REASON)"},
    {"vuln: closing as not affected needs the justification (--not-affected REASON)",
     "影響なしとして完了するには根拠が必要です（--not-affected 理由）",
     "closing as not affected needs the justification (--not-affected REASON)"},
    {"vuln: match %lld cannot be closed as done: the plan lacks %s (3.2.2.1①)",
     "マッチ %lld は対策済みにできません。対策計画に未記入の項目があります: %s（3.2.2.1①）",
     "match %lld cannot be closed as done: the plan lacks %s (3.2.2.1①)"},
    {"vuln: match %lld cannot be closed as done: the plan says no action is needed; close it "
     "with --accept REASON",
     "マッチ %lld は対策済みにできません。対策計画では対策不要とされています。--accept 理由 で完了してください",
     "match %lld cannot be closed as done: the plan says no action is needed; close it with "
     "--accept REASON"},
    {"vuln: match %lld cannot be accepted: record compensating measures (vuln compensate) or a "
     "complete plan with need \"no\"%s%s",
     "マッチ %lld のリスクは受容できません。代替策（vuln compensate）を記録するか、対策の必要性を「no」とした"
     "対策計画をそろえてください%s%s",
     "match %lld cannot be accepted: record compensating measures (vuln compensate) or a "
     "complete plan with need \"no\"%s%s"},
    {"vuln: match %lld cannot be closed as %s: the handling is not approved (a manager or the "
     "CISO other than the planner approves it: vuln approve)",
     "マッチ %lld は %s として完了できません。対応が承認されていません（計画者以外の情報セキュリティ責任者または"
     " CISO が承認します: vuln approve）",
     "match %lld cannot be closed as %s: the handling is not approved (a manager or the CISO "
     "other than the planner approves it: vuln approve)"},
    {"vuln: match %lld was closed meanwhile", "マッチ %lld は既に完了しています",
     "match %lld was closed meanwhile"},
    {"vuln: %s may not record the review: a system administrator, a manager or the CISO does "
     "(3.1.5.1(1)(e))",
     "%s は定期確認を記録できません。システム管理者、情報セキュリティ責任者または CISO が行います"
     "（3.1.5.1(1)(e)）",
     "%s may not record the review: a system administrator, a manager or the CISO does "
     "(3.1.5.1(1)(e))"},
    /* version ranges (src/isms/vuln_version.c) */
    {"%s: \"%s\": \"!=\" is not supported",
     "%s: 「%s」: 「!=」は使えません",
     "%s: \"%s\": \"!=\" is not supported"},
    {"%s: \"%s\": \"*\" stands alone, without an operator",
     "%s: 「%s」: 「*」は演算子を付けず単独で書きます",
     "%s: \"%s\": \"*\" stands alone, without an operator"},
    {"%s: \"%s\": \"all\" stands alone",
     "%s: 「%s」: 「all」は単独で書きます",
     "%s: \"%s\": \"all\" stands alone"},
    {"%s: \"%s\": \"vers:\" given twice",
     "%s: 「%s」: 「vers:」が二度あります",
     "%s: \"%s\": \"vers:\" given twice"},
    {"%s: \"%s\": a comparison without a version",
     "%s: 「%s」: 比較に版がありません",
     "%s: \"%s\": a comparison without a version"},
    {"%s: \"%s\": a vers range is vers:TYPE/CONSTRAINTS",
     "%s: 「%s」: vers 形式は vers:種類/条件 です",
     "%s: \"%s\": a vers range is vers:TYPE/CONSTRAINTS"},
    {"%s: \"%s\": a version longer than %d bytes",
     "%s: 「%s」: 版が %d バイトを超えています",
     "%s: \"%s\": a version longer than %d bytes"},
    {"%s: \"%s\": not a version range",
     "%s: 「%s」: 版の範囲ではありません",
     "%s: \"%s\": not a version range"},
    {"%s: \"%s\": one version and a range at once",
     "%s: 「%s」: 単一の版と範囲が同時に指定されています",
     "%s: \"%s\": one version and a range at once"},
    {"%s: \"%s\": the range is empty",
     "%s: 「%s」: 範囲が空です",
     "%s: \"%s\": the range is empty"},
    {"%s: \"%s\": the same bound is given twice",
     "%s: 「%s」: 同じ側の境界が二度指定されています",
     "%s: \"%s\": the same bound is given twice"},
    {"%s: a version range is needed",
     "%s: 版の範囲が必要です",
     "%s: a version range is needed"},
    {"%s: the version range is longer than 400 bytes",
     "%s: 版の範囲が 400 バイトを超えています",
     "%s: the version range is longer than 400 bytes"},
};
/* clang-format on */
const size_t isms_msgs_vuln_count = AG_ARRAY_LEN(isms_msgs_vuln);
