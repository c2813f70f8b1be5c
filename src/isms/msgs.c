/*
 * msgs.c — user-facing texts of the store and organisation commands (db, org, action, audit
 * trail), and the registration of every isms message table.
 */
#include "isms/bcp.h"
#include "isms/isms.h"

const struct ag_msg isms_msgs_core[] = {
    {"db-usage",
     "使い方:\n"
     "  airguard db init [--demo] [--tls DIR]  ストアを作成（--demo: 架空の空港のデータ入り、\n"
     "                                     --tls: 初回の HTTPS 起動用の自己署名証明書と鍵を DIR "
     "に）\n"
     "  airguard db migrate                ストアを最新のスキーマに更新\n"
     "  airguard db check                  整合性と外部キーの検査\n"
     "  airguard db backup FILE            稼働中でも一貫したバックアップ（3.1.2.4(3)）\n"
     "  airguard db restore FILE [--force] バックアップから復元（新しいストアは --force "
     "なしでは上書きしない）\n"
     "  airguard db info                   ストアの概要\n"
     "共通オプション: --db FILE（既定 $AIRGUARD_DB または data/airguard.db）\n",
     "usage:\n"
     "  airguard db init [--demo] [--tls DIR]  create the store (--demo: with the fictional\n"
     "                                     airport; --tls: a self-signed certificate and key for\n"
     "                                     the first HTTPS start, written to DIR)\n"
     "  airguard db migrate                bring the store to the latest schema\n"
     "  airguard db check                  integrity and foreign-key check\n"
     "  airguard db backup FILE            consistent backup, also while running (3.1.2.4(3))\n"
     "  airguard db restore FILE [--force] restore (a newer store is not overwritten without "
     "--force)\n"
     "  airguard db info                   summary of the store\n"
     "options: --db FILE (default $AIRGUARD_DB or data/airguard.db)\n"},
    {"org-usage",
     "使い方:\n"
     "  airguard org site add CODE --kind airport|terminal|building|other --name 名称 [--name-en] "
     "[--parent CODE]\n"
     "  airguard org dept add CODE --name 名称 [--name-en] [--site CODE] [--parent CODE]\n"
     "  airguard org person add LOGIN --name 氏名 [--name-en] [--email] [--phone] [--dept CODE]\n"
     "  airguard org person leave|return LOGIN（退職・異動／復帰。記録は残る）\n"
     "  airguard org role grant|revoke LOGIN ROLE [--dept CODE]\n"
     "      ROLE: executive ciso committee manager sysadmin csirt handler auditor\n"
     "  airguard org system add CODE --kind "
     "surveillance|flight-information|baggage-handling|other\n"
     "      --name 名称 [--critical] [--control-system] [--impact 影響] [--fallback 代替運用] "
     "[--dept CODE]\n"
     "  airguard org asset add CODE --category "
     "server|terminal|network|plc|camera|mfp|iot|storage|other\n"
     "      --name 名称 [--system CODE] [--ip] [--mac] [--vendor] [--model] [--location] [--owner "
     "LOGIN]\n"
     "  airguard org info-asset add --name 名称 --c 1-3 --i 1-2 --a 1-2 [--handling 取扱制限] "
     "[--dept] [--system]\n"
     "  airguard org list sites|departments|people|systems|assets|info-assets [--json]\n",
     "usage:\n"
     "  airguard org site add CODE --kind airport|terminal|building|other --name NAME [--name-en] "
     "[--parent CODE]\n"
     "  airguard org dept add CODE --name NAME [--name-en] [--site CODE] [--parent CODE]\n"
     "  airguard org person add LOGIN --name NAME [--name-en] [--email] [--phone] [--dept CODE]\n"
     "  airguard org person leave|return LOGIN (left or moved away / back; records stay)\n"
     "  airguard org role grant|revoke LOGIN ROLE [--dept CODE]\n"
     "      ROLE: executive ciso committee manager sysadmin csirt handler auditor\n"
     "  airguard org system add CODE --kind "
     "surveillance|flight-information|baggage-handling|other\n"
     "      --name NAME [--critical] [--control-system] [--impact TEXT] [--fallback TEXT] [--dept "
     "CODE]\n"
     "  airguard org asset add CODE --category "
     "server|terminal|network|plc|camera|mfp|iot|storage|other\n"
     "      --name NAME [--system CODE] [--ip] [--mac] [--vendor] [--model] [--location] [--owner "
     "LOGIN]\n"
     "  airguard org info-asset add --name NAME --c 1-3 --i 1-2 --a 1-2 [--handling TEXT] [--dept] "
     "[--system]\n"
     "  airguard org list sites|departments|people|systems|assets|info-assets [--json]\n"},
    {"action-usage",
     "使い方:\n"
     "  airguard action add --origin assessment|audit|incident|risk|exception|exercise|other\n"
     "      [--origin-id N] --title 件名 --owner LOGIN --due YYYY-MM-DD [--dept CODE] [--items "
     "ID,ID]\n"
     "  airguard action start|done|verify|reopen|cancel ID --as LOGIN [--result 結果]\n"
     "      （完了は担当者が、確認は担当者以外が行う: 3.1.4.1(2) 役割の分離）\n"
     "  airguard action list [--status S] [--owner LOGIN] [--overdue] [--json]\n",
     "usage:\n"
     "  airguard action add --origin assessment|audit|incident|risk|exception|exercise|other\n"
     "      [--origin-id N] --title TITLE --owner LOGIN --due YYYY-MM-DD [--dept CODE] [--items "
     "ID,ID]\n"
     "  airguard action start|done|verify|reopen|cancel ID --as LOGIN [--result TEXT]\n"
     "      (the owner completes; someone else verifies: 3.1.4.1(2) separation of duties)\n"
     "  airguard action list [--status S] [--owner LOGIN] [--overdue] [--json]\n"},
    {"%s: the store has schema version %d, this program needs %d; run: airguard db migrate",
     "%s: ストアのスキーマ版は %d、このプログラムには %d が必要です。実行: airguard db migrate",
     "%s: the store has schema version %d, this program needs %d; run: airguard db migrate"},
    {"this step needs the acting person: --as LOGIN (or AIRGUARD_USER)",
     "この操作には実施者の指定が必要です: --as LOGIN（または AIRGUARD_USER）",
     "this step needs the acting person: --as LOGIN (or AIRGUARD_USER)"},
    {"created %s (schema version %d)%s\n", "%s を作成しました（スキーマ版 %d）%s\n",
     "created %s (schema version %d)%s\n"},
    {" with the demo airport", "（デモ空港のデータ入り）", " with the demo airport"},
    {"%s exists already (schema version %d); to upgrade it: airguard db migrate",
     "%s は既に存在します（スキーマ版 %d）。更新するには: airguard db migrate",
     "%s exists already (schema version %d); to upgrade it: airguard db migrate"},
    {"%s: %d migration(s) applied, schema version %d\n",
     "%s: %d 件の移行を適用しました。スキーマ版 %d\n",
     "%s: %d migration(s) applied, schema version %d\n"},
    {"%s: integrity and foreign keys ok\n", "%s: 整合性・外部キーとも問題ありません\n",
     "%s: integrity and foreign keys ok\n"},
    {"backed up %s to %s\n", "%s を %s にバックアップしました\n", "backed up %s to %s\n"},
    {"restored %s from %s\n", "%s を %s から復元しました\n", "restored %s from %s\n"},
    {"audit trail: TAMPERED after checking %lld rows: %s\n",
     "監査証跡: 改ざんを検出（%lld 行を検査）: %s\n",
     "audit trail: TAMPERED after checking %lld rows: %s\n"},
    {"audit trail: intact, %lld rows, head %s\n",
     "監査証跡: 改ざんなし（%lld 行、先頭ハッシュ %s）\n",
     "audit trail: intact, %lld rows, head %s\n"},
    {"ok", "完了しました", "ok"},
    {"created action %lld\n", "是正処置 %lld を登録しました\n", "created action %lld\n"},
    {"action %lld: %s\n", "是正処置 %lld: %s\n", "action %lld: %s\n"},
    /* error messages (formats are the keys; see ag_error_set) */
    {"%s \"%.80s\" does not exist", "%s「%.80s」は存在しません", "%s \"%.80s\" does not exist"},
    {"%s does not hold the role %s%s%s", "%s は役割 %s%s%s を持っていません",
     "%s does not hold the role %s%s%s"},
    {"%s: \"%.40s\" is not a date YYYY-MM-DD", "%s: 「%.40s」は日付（YYYY-MM-DD）ではありません",
     "%s: \"%.40s\" is not a date YYYY-MM-DD"},
    {"%s: \"%.40s\" is not a number from %lld to %lld",
     "%s: 「%.40s」は %lld〜%lld の数ではありません",
     "%s: \"%.40s\" is not a number from %lld to %lld"},
    {"%s: \"%.80s\" is not one of: %s", "%s: 「%.80s」は指定できません（指定できる値: %s）",
     "%s: \"%.80s\" is not one of: %s"},
    {"%s: missing (a date YYYY-MM-DD)", "%s: 指定がありません（日付 YYYY-MM-DD）",
     "%s: missing (a date YYYY-MM-DD)"},
    {"%s: missing (a number from %lld to %lld)", "%s: 指定がありません（%lld〜%lld の数）",
     "%s: missing (a number from %lld to %lld)"},
    {"%s: missing (one of: %s)", "%s: 指定がありません（指定できる値: %s）",
     "%s: missing (one of: %s)"},
    {"%s: missing", "%s: 指定がありません", "%s: missing"},
    {"%s: empty", "%s: 空です", "%s: empty"},
    {"%s: longer than %zu bytes", "%s: %zu バイトを超えています", "%s: longer than %zu bytes"},
    {"%s: not valid UTF-8 (byte %zu)", "%s: UTF-8 として正しくありません（%zu バイト目）",
     "%s: not valid UTF-8 (byte %zu)"},
    {"%s: contains a control character (byte %zu)", "%s: 制御文字が含まれています（%zu バイト目）",
     "%s: contains a control character (byte %zu)"},
    {"%s: missing or longer than 64 characters", "%s: 指定がないか 64 文字を超えています",
     "%s: missing or longer than 64 characters"},
    {"%s: cannot open the store: %s%s", "%s: ストアを開けません: %s%s",
     "%s: cannot open the store: %s%s"},
    {"%s: cannot open: %s", "%s: 開けません: %s", "%s: cannot open: %s"},
    {"%s: the backup is damaged, not restored:\n%s",
     "%s: バックアップが破損しているため復元しません:\n%s",
     "%s: the backup is damaged, not restored:\n%s"},
    {"action %lld does not exist", "是正処置 %lld は存在しません", "action %lld does not exist"},
    {"action %lld is %s: the step \"%s\" is not possible now",
     "是正処置 %lld は %s の状態のため「%s」は行えません",
     "action %lld is %s: the step \"%s\" is not possible now"},
    {"action %lld: only its owner declares it done",
     "是正処置 %lld: 完了の報告は担当者のみが行えます",
     "action %lld: only its owner declares it done"},
    {"login: \"%s\" exists already", "login: 「%s」は既に登録されています",
     "login: \"%s\" exists already"},
    {"email: \"%.80s\" is not an e-mail address", "email: 「%.80s」はメールアドレスではありません",
     "email: \"%.80s\" is not an e-mail address"},
    {"separation of duties (3.1.4.1(2)): %s may not %s: %s",
     "役割の分離（3.1.4.1(2)）により %s は次の操作を行えません: %s（%s）",
     "separation of duties (3.1.4.1(2)): %s may not %s: %s"},
    {"person %lld does not exist", "人員 %lld は存在しません", "person %lld does not exist"},
    /* column headings of lists */
    {"id", "ID", "id"},
    {"code", "コード", "code"},
    {"name", "名称", "name"},
    {"name_en", "名称（英語）", "name (English)"},
    {"parent", "上位", "parent"},
    {"site", "拠点", "site"},
    {"department", "部署", "department"},
    {"email", "メール", "e-mail"},
    {"login", "ログイン名", "login"},
    {"active", "有効", "active"},
    {"critical", "重要システム", "critical"},
    {"control_system", "制御システム等", "control system"},
    {"impact", "サービスへの影響", "service impact"},
    {"category", "区分", "category"},
    {"information_system", "システム", "system"},
    {"ip", "IP アドレス", "IP address"},
    {"mac", "MAC アドレス", "MAC address"},
    {"owner", "担当者", "owner"},
    {"c", "機密性", "C"},
    {"i", "完全性", "I"},
    {"a", "可用性", "A"},
    {"handling", "取扱制限", "handling restrictions"},
    {"origin", "発生元", "origin"},
    {"origin_id", "発生元 ID", "origin id"},
    {"title", "件名", "title"},
    {"due", "期限", "due"},
    {"status", "状態", "status"},
    {"items", "対策項目", "items"},
    {"verified_by", "確認者", "verified by"},
    {"seq", "番号", "seq"},
    {"at", "日時", "at"},
    {"actor", "実施者", "actor"},
    {"action", "操作", "action"},
    {"entity", "対象", "entity"},
    {"entity_id", "対象 ID", "entity id"},
    {"hash", "ハッシュ", "hash"},
    {"created_at", "作成日時", "created"},
    {"catalog", "カタログ", "catalog"},
    {"people", "人員", "people"},
    {"systems", "システム数", "systems"},
    {"audit_rows", "監査証跡の行数", "audit rows"},
};
const size_t isms_msgs_core_count = AG_ARRAY_LEN(isms_msgs_core);

void isms_register_messages(void)
{
    ag_tr_register(isms_msgs_core, isms_msgs_core_count);
    ag_tr_register(isms_msgs_assess, isms_msgs_assess_count);
    ag_tr_register(isms_msgs_risk, isms_msgs_risk_count);
    ag_tr_register(isms_msgs_exception, isms_msgs_exception_count);
    ag_tr_register(isms_msgs_incident, isms_msgs_incident_count);
    ag_tr_register(isms_msgs_audit, isms_msgs_audit_count);
    ag_tr_register(isms_msgs_register, isms_msgs_register_count);
    ag_tr_register(isms_msgs_vuln, isms_msgs_vuln_count);
    ag_tr_register(isms_msgs_bcp, isms_msgs_bcp_count);
    ag_tr_register(isms_msgs_worklog, isms_msgs_worklog_count);
    ag_tr_register(isms_msgs_evidence, isms_msgs_evidence_count);
    ag_tr_register(isms_msgs_workbook, isms_msgs_workbook_count);
}
