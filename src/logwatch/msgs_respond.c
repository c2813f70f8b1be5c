/*
 * msgs_respond.c — texts of logwatch's responses (block list, nftables, their configuration,
 * `airguard logwatch block` and `respond`), Japanese and English. Registered with the other
 * logwatch texts by lw_register_messages (a table of its own, so the parts of logwatch written
 * side by side do not edit the same array).
 */
#include "logwatch/logwatch.h"

const struct ag_msg lw_msgs_respond[] = {
    {"logwatch-block-usage",
     "使い方:\n"
     "  airguard logwatch block list [--state DIR] [--json]\n"
     "  airguard logwatch block add ADDR [--for DURATION] [--config FILE] [--state DIR] "
     "[--dry-run]\n"
     "  airguard logwatch block remove ADDR [--config FILE] [--state DIR] [--dry-run]\n"
     "  airguard logwatch block flush [--config FILE] [--state DIR] [--dry-run]\n"
     "      送信元アドレスの遮断リスト（nftables の inet airguard 表の blocked4 / blocked6 "
     "集合）。\n"
     "      add: 遮断する（--for がなければ、記憶期間内の繰り返しに応じて 10m, 1h, 24h, 7d と\n"
     "      延ばす）。許可リストのアドレスは遮断しない（終了状態 3）。remove: 解除して履歴を\n"
     "      消す。flush: すべて解除。--dry-run: 何をするかを表示するだけで nft も状態も変えない。\n"
     "      --config: logwatch の YAML 設定（respond: と allowlist:）。--state: 状態の\n"
     "      ディレクトリ（既定 data/logwatch、ファイル blocklist.json）。\n"
     "  airguard logwatch respond [--config FILE] [--state DIR] [--dry-run] [--json] "
     "[FILE...|-]\n"
     "      警報（1 行 1 件の JSON、logwatch run --json の出力）に応じて遮断し、airguard の\n"
     "      アカウントをロックする（設定の respond: enabled: true が必要）。\n",
     "usage:\n"
     "  airguard logwatch block list [--state DIR] [--json]\n"
     "  airguard logwatch block add ADDR [--for DURATION] [--config FILE] [--state DIR] "
     "[--dry-run]\n"
     "  airguard logwatch block remove ADDR [--config FILE] [--state DIR] [--dry-run]\n"
     "  airguard logwatch block flush [--config FILE] [--state DIR] [--dry-run]\n"
     "      the block list of source addresses (nftables table inet airguard, sets blocked4 /\n"
     "      blocked6). add: block (without --for, for 10m, 1h, 24h, 7d as the address offends\n"
     "      again within the memory window). Allowlisted addresses are refused (exit status\n"
     "      3). remove: lift the block and forget the address. flush: lift every block.\n"
     "      --dry-run: print what would be done, change neither nft nor the state. --config:\n"
     "      the logwatch YAML file (respond: and allowlist:). --state: the state directory\n"
     "      (default data/logwatch, file blocklist.json).\n"
     "  airguard logwatch respond [--config FILE] [--state DIR] [--dry-run] [--json] "
     "[FILE...|-]\n"
     "      respond to alerts (JSON lines, as logwatch run --json prints them): block their\n"
     "      source, lock airguard accounts (needs respond: enabled: true in the configuration).\n"},
    /* blocklist.c */
    {"%s: out of memory", "%s: メモリが足りません", "%s: out of memory"},
    {"%s: entry %zu: %s", "%s: %zu 番目の項目: %s", "%s: entry %zu: %s"},
    {"%s: entry %zu: \"%s\" is not an IP address",
     "%s: %zu 番目の項目: 「%s」は IP アドレスではありません",
     "%s: entry %zu: \"%s\" is not an IP address"},
    {"%s: entry %zu: \"%s\" is not a time (YYYY-MM-DDTHH:MM:SSZ expected)",
     "%s: %zu 番目の項目: 「%s」は時刻ではありません（YYYY-MM-DDTHH:MM:SSZ の形）",
     "%s: entry %zu: \"%s\" is not a time (YYYY-MM-DDTHH:MM:SSZ expected)"},
    {"%s: entry %zu: inconsistent (count %lld, first %s, last %s)",
     "%s: %zu 番目の項目が矛盾しています（回数 %lld、最初 %s、最後 %s）",
     "%s: entry %zu: inconsistent (count %lld, first %s, last %s)"},
    {"%s:%d:%d: not valid JSON: %s", "%s:%d:%d: JSON として読めません: %s",
     "%s:%d:%d: not valid JSON: %s"},
    {"%s: not a block list state file (%s)", "%s: 遮断リストの状態ファイルではありません（%s）",
     "%s: not a block list state file (%s)"},
    {"%s: state version %lld, this program reads version %d",
     "%s: 状態の版は %lld ですが、このプログラムが読めるのは版 %d です",
     "%s: state version %lld, this program reads version %d"},
    {"%s: the address %s is there twice", "%s: アドレス %s が 2 回あります",
     "%s: the address %s is there twice"},
    /* nft.c */
    {"\"%s\" is not an nftables table name", "「%s」は nftables の表の名前になりません",
     "\"%s\" is not an nftables table name"},
    {"nft: out of memory", "nft: メモリが足りません", "nft: out of memory"},
    {"nft: no address or no time to block for", "nft: 遮断するアドレスか時間がありません",
     "nft: no address or no time to block for"},
    {"nft: not an IPv4 or IPv6 address", "nft: IPv4 / IPv6 のアドレスではありません",
     "nft: not an IPv4 or IPv6 address"},
    {"nftables refused the change: %s", "nftables が変更を受け付けませんでした: %s",
     "nftables refused the change: %s"},
    /* respond.c */
    {"%s is on the allowlist (%s): not blocked", "%s は許可リストにあります（%s）: 遮断しません",
     "%s is on the allowlist (%s): not blocked"},
    {"block list: out of memory", "遮断リスト: メモリが足りません", "block list: out of memory"},
    {"alert: \"%s\" is not text", "警報: 「%s」が文字列ではありません",
     "alert: \"%s\" is not text"},
    {"alert: not a JSON object", "警報: JSON のオブジェクトではありません",
     "alert: not a JSON object"},
    {"alert: level \"%s\" is not one of informational, low, medium, high, critical",
     "警報: レベル「%s」は informational, low, medium, high, critical のどれでもありません",
     "alert: level \"%s\" is not one of informational, low, medium, high, critical"},
    {"alert: src_ip \"%s\" is not an IP address", "警報: src_ip「%s」は IP アドレスではありません",
     "alert: src_ip \"%s\" is not an IP address"},
    {"%s is not in the block list", "%s は遮断リストにありません", "%s is not in the block list"},
    /* respond_config.c */
    {"%s:%zu:%zu: %s: a single value expected", "%s:%zu:%zu: %s: 値を 1 つ書いてください",
     "%s:%zu:%zu: %s: a single value expected"},
    {"%s:%zu:%zu: %s: true or false expected", "%s:%zu:%zu: %s: true か false を書いてください",
     "%s:%zu:%zu: %s: true or false expected"},
    {"%s:%zu:%zu: %s: \"%s\" is not a duration (e.g. 90s, 10m, 1h, 7d)",
     "%s:%zu:%zu: %s: 「%s」は期間ではありません（例: 90s, 10m, 1h, 7d）",
     "%s:%zu:%zu: %s: \"%s\" is not a duration (e.g. 90s, 10m, 1h, 7d)"},
    {"%s:%zu:%zu: %s: a list expected", "%s:%zu:%zu: %s: リストを書いてください",
     "%s:%zu:%zu: %s: a list expected"},
    {"%s:%zu:%zu: %s: a category is letters, digits, _ - . (at most 63 characters)",
     "%s:%zu:%zu: %s: 種別は英字・数字・_ - . の 63 文字以内です",
     "%s:%zu:%zu: %s: a category is letters, digits, _ - . (at most 63 characters)"},
    {"%s:%zu:%zu: %s: too many categories (at most 32)",
     "%s:%zu:%zu: %s: 種別が多すぎます（32 まで）",
     "%s:%zu:%zu: %s: too many categories (at most 32)"},
    {"%s:%zu:%zu: %s: a mapping of settings expected",
     "%s:%zu:%zu: %s: 設定の対応表（キー: 値）を書いてください",
     "%s:%zu:%zu: %s: a mapping of settings expected"},
    {"%s:%zu:%zu: %s: a setting name expected", "%s:%zu:%zu: %s: 設定の名前を書いてください",
     "%s:%zu:%zu: %s: a setting name expected"},
    {"%s:%zu:%zu: %s: one of informational, low, medium, high, critical",
     "%s:%zu:%zu: %s: informational, low, medium, high, critical のどれかです",
     "%s:%zu:%zu: %s: one of informational, low, medium, high, critical"},
    {"%s:%zu:%zu: %s: at least one duration expected",
     "%s:%zu:%zu: %s: 期間を 1 つ以上書いてください",
     "%s:%zu:%zu: %s: at least one duration expected"},
    {"%s:%zu:%zu: %s: too many durations (at most 16)",
     "%s:%zu:%zu: %s: 期間が多すぎます（16 まで）",
     "%s:%zu:%zu: %s: too many durations (at most 16)"},
    {"%s:%zu:%zu: %s: a table name is a letter, then letters, digits or _ (at most 32)",
     "%s:%zu:%zu: %s: 表の名前は英字で始まり、英字・数字・_ が続く 32 文字以内です",
     "%s:%zu:%zu: %s: a table name is a letter, then letters, digits or _ (at most 32)"},
    {"%s:%zu:%zu: %s: a whole number from 1 to 10000000 expected",
     "%s:%zu:%zu: %s: 1 から 10000000 までの整数を書いてください",
     "%s:%zu:%zu: %s: a whole number from 1 to 10000000 expected"},
    {"%s:%zu:%zu: %s: unknown setting \"%s\" (enabled, dry_run, categories, min_level, durations, "
     "window, table, max_entries, lock_accounts)",
     "%s:%zu:%zu: %s: 知らない設定「%s」です（enabled, dry_run, categories, min_level, durations, "
     "window, table, max_entries, lock_accounts）",
     "%s:%zu:%zu: %s: unknown setting \"%s\" (enabled, dry_run, categories, min_level, durations, "
     "window, table, max_entries, lock_accounts)"},
    {"%s:%zu:%zu: %s: too many entries (at most 100000)",
     "%s:%zu:%zu: %s: 項目が多すぎます（100000 まで）",
     "%s:%zu:%zu: %s: too many entries (at most 100000)"},
    {"%s:%zu:%zu: %s: \"%s\" is not an address or address block (e.g. 192.0.2.1, 10.0.0.0/8, "
     "2001:db8::/32)",
     "%s:%zu:%zu: %s: 「%s」はアドレスでもアドレスブロックでもありません（例: 192.0.2.1, "
     "10.0.0.0/8, 2001:db8::/32）",
     "%s:%zu:%zu: %s: \"%s\" is not an address or address block (e.g. 192.0.2.1, 10.0.0.0/8, "
     "2001:db8::/32)"},
    {"%s:%zu:%zu: not valid YAML: %s%s%s", "%s:%zu:%zu: YAML として読めません: %s%s%s",
     "%s:%zu:%zu: not valid YAML: %s%s%s"},
    {"%s:%zu:%zu: %s: a mapping of top-level keys (respond, allowlist, …) expected",
     "%s:%zu:%zu: %s: 最上位のキー（respond, allowlist など）の対応表を書いてください",
     "%s:%zu:%zu: %s: a mapping of top-level keys (respond, allowlist, …) expected"},
    /* src/cli/logwatch_respond.c */
    {"%s: path too long", "%s: パスが長すぎます", "%s: path too long"},
    {"logwatch respond: %llu alerts, %llu blocked, %llu would block (dry run), %llu blocked "
     "already, %llu allowlisted, %llu without address, %llu failed, %lu accounts locked, %llu "
     "evicted from the block list\n",
     "logwatch respond: 警報 %llu 件、遮断 %llu、遮断するはず（試行）%llu、遮断済み %llu、"
     "許可リスト %llu、アドレスなし %llu、失敗 %llu、ロックしたアカウント %lu、"
     "遮断リストから追い出した数 %llu\n",
     "logwatch respond: %llu alerts, %llu blocked, %llu would block (dry run), %llu blocked "
     "already, %llu allowlisted, %llu without address, %llu failed, %lu accounts locked, %llu "
     "evicted from the block list\n"},
    {"%s: blocked %s for %s (block %u in the window, until %s)\n",
     "%s: %s を %s 遮断しました（記憶期間内で %u 回目、%s まで）\n",
     "%s: blocked %s for %s (block %u in the window, until %s)\n"},
    {"%s: dry run: would block %s for %s (block %u in the window, until %s)\n",
     "%s: 試行: %s を %s 遮断するところです（記憶期間内で %u 回目、%s まで）\n",
     "%s: dry run: would block %s for %s (block %u in the window, until %s)\n"},
    {"%s: %s is blocked already (until %s)\n", "%s: %s は遮断済みです（%s まで）\n",
     "%s: %s is blocked already (until %s)\n"},
    {"%s: %s is on the allowlist (%s): not blocked\n",
     "%s: %s は許可リストにあります（%s）: 遮断しません\n",
     "%s: %s is on the allowlist (%s): not blocked\n"},
    {"%s: no source address to block\n", "%s: 遮断する送信元アドレスがありません\n",
     "%s: no source address to block\n"},
    {"%s: blocking %s failed: %s\n", "%s: %s の遮断に失敗しました: %s\n",
     "%s: blocking %s failed: %s\n"},
    {"%s: dry run: would lock the airguard account %s\n",
     "%s: 試行: airguard のアカウント %s をロックするところです\n",
     "%s: dry run: would lock the airguard account %s\n"},
    {"%s: the airguard account %s is locked already\n",
     "%s: airguard のアカウント %s はロック済みです\n",
     "%s: the airguard account %s is locked already\n"},
    {"%s: did not lock the airguard account %s: %s\n",
     "%s: airguard のアカウント %s をロックしませんでした: %s\n",
     "%s: did not lock the airguard account %s: %s\n"},
    {"%s: locked the airguard account %s\n", "%s: airguard のアカウント %s をロックしました\n",
     "%s: locked the airguard account %s\n"},
    {"%s: locking the airguard account %s failed: %s\n",
     "%s: airguard のアカウント %s のロックに失敗しました: %s\n",
     "%s: locking the airguard account %s failed: %s\n"},
    {"logwatch respond: responses are not enabled (respond: enabled: true in the configuration): "
     "nothing will be blocked or locked\n",
     "logwatch respond: 対応が有効ではありません（設定の respond: enabled: true）: "
     "遮断もロックもしません\n",
     "logwatch respond: responses are not enabled (respond: enabled: true in the configuration): "
     "nothing will be blocked or locked\n"},
    {"%s:%zu: line longer than %zu bytes: skipped", "%s:%zu: %zu バイトを超える行を飛ばしました",
     "%s:%zu: line longer than %zu bytes: skipped"},
    {"%s:%zu:%d: not a JSON alert: %s", "%s:%zu:%d: JSON の警報ではありません: %s",
     "%s:%zu:%d: not a JSON alert: %s"},
    {"logwatch: address", "アドレス", "address"},
    {"logwatch: state", "状態", "state"},
    {"logwatch: until", "期限", "until"},
    {"logwatch: blocks", "遮断回数", "blocks"},
    {"logwatch: first", "最初", "first"},
    {"logwatch: last", "最後", "last"},
    {"logwatch: blocked", "遮断中", "blocked"},
    {"logwatch: remembered", "記憶のみ", "remembered"},
    {"the block list is empty", "遮断リストは空です", "the block list is empty"},
    {"\"%s\" is not an IPv4 or IPv6 address", "「%s」は IPv4 / IPv6 のアドレスではありません",
     "\"%s\" is not an IPv4 or IPv6 address"},
    {"--for: \"%s\" is not a duration (e.g. 90s, 10m, 1h, 7d)",
     "--for: 「%s」は期間ではありません（例: 90s, 10m, 1h, 7d）",
     "--for: \"%s\" is not a duration (e.g. 90s, 10m, 1h, 7d)"},
    {"dry run: would unblock %s\n", "試行: %s の遮断を解除するところです\n",
     "dry run: would unblock %s\n"},
    {"unblocked %s\n", "%s の遮断を解除しました\n", "unblocked %s\n"},
    {"dry run: would empty the block list (%zu entries) and the nftables sets\n",
     "試行: 遮断リスト（%zu 件）と nftables の集合を空にするところです\n",
     "dry run: would empty the block list (%zu entries) and the nftables sets\n"},
    {"emptied the block list (%zu entries) and the nftables sets\n",
     "遮断リスト（%zu 件）と nftables の集合を空にしました\n",
     "emptied the block list (%zu entries) and the nftables sets\n"},
};
const size_t lw_msgs_respond_count = AG_ARRAY_LEN(lw_msgs_respond);
