/*
 * msgs_run.c — messages of running the system: the server's configuration file (config.c), the
 * self-signed certificate (tls.c, `airguard tls`) and the translators' catalogs (`airguard
 * i18n`). Registered by web_register_messages with the other web tables.
 */
#include "web/web_int.h"

const struct ag_msg web_run_msgs[] = {
    /* configuration file */
    {"%s:%d: key \"%s\": \"%s\" is not a whole number from %ld to %ld",
     "%s:%d: キー「%s」: 「%s」は %ld〜%ld の整数ではありません",
     "%s:%d: key \"%s\": \"%s\" is not a whole number from %ld to %ld"},
    {"%s:%d: key \"%s\": %s", "%s:%d: キー「%s」: %s", "%s:%d: key \"%s\": %s"},
    {"%s:%d: the line has a control character or is not UTF-8",
     "%s:%d: 行に制御文字があるか、UTF-8 ではありません",
     "%s:%d: the line has a control character or is not UTF-8"},
    {"%s:%d: \"%s\" is not a line of the form key = value",
     "%s:%d: 「%s」は「キー = 値」の形の行ではありません",
     "%s:%d: \"%s\" is not a line of the form key = value"},
    {"%s:%d: unknown key \"%s\" (known: listen, db, tls_cert, tls_key, threads, per_ip_limit, "
     "idle_timeout, max_body, syslog_udp, syslog_tcp, rules, logwatch_config, capture, baseline, "
     "internal, capture_filter, user)",
     "%s:%d: 不明なキー「%s」です（使えるキー: listen, db, tls_cert, tls_key, threads, "
     "per_ip_limit, idle_timeout, max_body, syslog_udp, syslog_tcp, rules, logwatch_config, "
     "capture, baseline, internal, capture_filter, user）",
     "%s:%d: unknown key \"%s\" (known: listen, db, tls_cert, tls_key, threads, per_ip_limit, "
     "idle_timeout, max_body, syslog_udp, syslog_tcp, rules, logwatch_config, capture, baseline, "
     "internal, capture_filter, user)"},
    {"%s:%d: key \"%s\" is given twice (first on line %d)",
     "%s:%d: キー「%s」が二度指定されています（最初は %d 行目）",
     "%s:%d: key \"%s\" is given twice (first on line %d)"},
    {"%s:%d: key \"%s\" has no value", "%s:%d: キー「%s」に値がありません",
     "%s:%d: key \"%s\" has no value"},
    {"%s: tls_cert and tls_key go together (line %d)",
     "%s: tls_cert と tls_key は両方指定してください（%d 行目）",
     "%s: tls_cert and tls_key go together (line %d)"},
    /* self-signed certificate */
    {"tls-usage",
     "使い方: airguard tls init DIR [--host 名前[,名前…]] [--force]\n"
     "初回の HTTPS 起動用に、自己署名の証明書 DIR/cert.pem と秘密鍵 DIR/key.pem（モード 0600）を"
     "作ります。\n"
     "  鍵は ECDSA P-256、有効期間は 365 日。subjectAltName には指定した名前（既定はこの機械の"
     "ホスト名）と\n"
     "  localhost, 127.0.0.1 "
     "が入ります。運用では組織の認証局が発行した証明書に置き換えてください。\n"
     "  --host   証明書に入れるホスト名・IP アドレス（カンマ区切り、16 個まで）\n"
     "  --force  既存の cert.pem / key.pem を置き換える\n",
     "usage: airguard tls init DIR [--host NAME[,NAME…]] [--force]\n"
     "Makes a self-signed certificate DIR/cert.pem and its private key DIR/key.pem (mode 0600) for "
     "the\nfirst start over HTTPS.\n"
     "  The key is ECDSA P-256, valid for 365 days; subjectAltName holds the given names (default: "
     "this\n"
     "  machine's host name), localhost and 127.0.0.1. Replace it with a certificate from your "
     "CA.\n"
     "  --host   host names and IP addresses for the certificate (comma-separated, at most 16)\n"
     "  --force  replace an existing cert.pem / key.pem\n"},
    {"A self-signed certificate for the first start over HTTPS",
     "初回の HTTPS 起動用の自己署名証明書を作成",
     "A self-signed certificate for the first start over HTTPS"},
    {"%s: the path is too long", "%s: パスが長すぎます", "%s: the path is too long"},
    {"cannot write %s: %s", "%s に書き込めません: %s", "cannot write %s: %s"},
    {"cannot create %s: %s", "%s を作成できません: %s", "cannot create %s: %s"},
    {"--host: \"%s\" is neither a host name nor an IP address",
     "--host: 「%s」はホスト名でも IP アドレスでもありません",
     "--host: \"%s\" is neither a host name nor an IP address"},
    {"--host: at most %d names", "--host: 名前は %d 個までです", "--host: at most %d names"},
    {"--host: the list is too long", "--host: 一覧が長すぎます", "--host: the list is too long"},
    {"--host: an empty name in the list", "--host: 一覧に空の名前があります",
     "--host: an empty name in the list"},
    {"certificate: %s", "証明書: %s", "certificate: %s"},
    {"%s already holds cert.pem or key.pem; --force replaces them",
     "%s には cert.pem または key.pem が既にあります（置き換えるには --force）",
     "%s already holds cert.pem or key.pem; --force replaces them"},
    {"wrote %s/cert.pem and %s/key.pem (self-signed, valid for 365 days)\n",
     "%s/cert.pem と %s/key.pem を作成しました（自己署名、有効期間 365 日）\n",
     "wrote %s/cert.pem and %s/key.pem (self-signed, valid for 365 days)\n"},
    {"start the server with: airguard serve --listen ADDR:443 --cert %s/cert.pem --key "
     "%s/key.pem\n",
     "起動: airguard serve --listen アドレス:443 --cert %s/cert.pem --key %s/key.pem\n",
     "start the server with: airguard serve --listen ADDR:443 --cert %s/cert.pem --key "
     "%s/key.pem\n"},
    /* translators' catalogs */
    {"i18n-usage",
     "使い方:\n"
     "  airguard i18n export-po DIR   メッセージ表から DIR/airguard.pot, DIR/ja.po, DIR/en.po "
     "を書き出す（make po）\n"
     "  airguard i18n check-po FILE   翻訳者が編集した PO ファイルとメッセージ表の違いを表示\n"
     "                                （終了コード 0 同じ、1 差分あり、2 誤り）\n"
     "実行時の訳文は C のメッセージ表にあり、po/ は翻訳者向けの窓口です（docs/i18n.md）。\n",
     "usage:\n"
     "  airguard i18n export-po DIR   write DIR/airguard.pot, DIR/ja.po and DIR/en.po from the "
     "message tables (make po)\n"
     "  airguard i18n check-po FILE   list how a translator's edited PO file differs from the "
     "tables\n"
     "                                (exit status 0 the same, 1 differences, 2 errors)\n"
     "The texts used at run time are the C message tables; po/ is the translators' interface "
     "(docs/i18n.md).\n"},
    {"Translators' catalogs (gettext PO files in po/)",
     "翻訳者向けカタログ（po/ の gettext PO ファイル）",
     "Translators' catalogs (gettext PO files in po/)"},
    {"wrote %s (%zu messages)\n", "%s を書き出しました（メッセージ %zu 件）\n",
     "wrote %s (%zu messages)\n"},
    {"out of memory", "メモリが足りません", "out of memory"},
    {"cannot read the file", "ファイルを読めません", "cannot read the file"},
    {"%s: the header's Language field must be ja or en",
     "%s: ヘッダーの Language は ja または en でなければなりません",
     "%s: the header's Language field must be ja or en"},
    {"unknown key (not in the tables): %s\n", "不明なキー（メッセージ表にない）: %s\n",
     "unknown key (not in the tables): %s\n"},
    {"untranslated: %s\n", "未翻訳: %s\n", "untranslated: %s\n"},
    {"fuzzy (not to be applied until reviewed): %s\n", "fuzzy（確認までは反映しない）: %s\n",
     "fuzzy (not to be applied until reviewed): %s\n"},
    {"error: the printf conversions differ from the English text (\"%s\" instead of \"%s\"): %s\n",
     "誤り: printf の変換指定が英語の原文と違います（「%s」、原文は「%s」）: %s\n",
     "error: the printf conversions differ from the English text (\"%s\" instead of \"%s\"): %s\n"},
    {"outdated (the English text has changed since the export): %s\n",
     "古い訳（書き出し後に英語の原文が変わった）: %s\n",
     "outdated (the English text has changed since the export): %s\n"},
    {"changed: %s\n", "変更: %s\n", "changed: %s\n"},
    {"%s (%s): %zu the same, %zu changed, %zu untranslated, %zu fuzzy, %zu unknown, %zu with "
     "wrong conversions; %zu of the tables' %zu keys are missing from the file\n",
     "%s (%s): 同じ %zu 件、変更 %zu 件、未翻訳 %zu 件、fuzzy %zu 件、不明 %zu 件、変換指定の誤り "
     "%zu 件。ファイルにないキー %zu 件（メッセージ表は全 %zu 件）\n",
     "%s (%s): %zu the same, %zu changed, %zu untranslated, %zu fuzzy, %zu unknown, %zu with "
     "wrong conversions; %zu of the tables' %zu keys are missing from the file\n"},
};
const size_t web_run_msgs_count = AG_ARRAY_LEN(web_run_msgs);
