/*
 * msgs_alerts.c — the texts of alerts and their outputs, Japanese and English: `airguard alert`
 * (src/cli/cmd_alert.c), the `outputs:` configuration (output.c) and the alert records
 * (src/isms/alert.c, whose messages are built with ag_error_set and so come out in the user's
 * language once this table is registered). Registered by lw_register_messages.
 */
#include "logwatch/logwatch.h"

const struct ag_msg lw_msgs_alerts[] = {
    {"alert-usage",
     "使い方:\n"
     "  airguard alert list [--category C] [--level L] [--status S] [--address IP] [--user U]\n"
     "                      [--since TIME] [--item ID] [--limit N] [--after SEQ]\n"
     "      アラートの一覧（新しい順）。--level はその重要度以上。--after は前のページの続き。\n"
     "  airguard alert show ID           アラート（証跡の行と対応の履歴を含む JSON）\n"
     "  airguard alert ack ID [--note T] 確認済みにする（--as: csirt・ciso・sysadmin の役割）\n"
     "  airguard alert close ID [--note T]  クローズする\n"
     "  airguard alert incident ID [--incident N]  インシデント N に関連付ける（なければ起票）\n"
     "  airguard alert import FILE.jsonl|- [--config FILE] [--batch N]\n"
     "      JSON Lines のアラート（logwatch run --json の出力）を取り込む。不正な行があれば\n"
     "      行番号を示し、何も取り込まない。--config: outputs.incident の設定で高いレベルの\n"
     "      アラートからインシデントを起票する。\n"
     "  airguard alert send FILE.jsonl|- --config FILE\n"
     "      アラートを設定の出力（JSON ファイル、syslog RFC 5424 の UDP/TCP、ストア）へ送る。\n",
     "usage:\n"
     "  airguard alert list [--category C] [--level L] [--status S] [--address IP] [--user U]\n"
     "                      [--since TIME] [--item ID] [--limit N] [--after SEQ]\n"
     "      the alerts, newest first. --level: that level and above. --after: the next page.\n"
     "  airguard alert show ID           one alert (JSON with its evidence and its handling)\n"
     "  airguard alert ack ID [--note T] acknowledge it (--as: a csirt, ciso or sysadmin)\n"
     "  airguard alert close ID [--note T]  close it\n"
     "  airguard alert incident ID [--incident N]  link it to incident N (or open one)\n"
     "  airguard alert import FILE.jsonl|- [--config FILE] [--batch N]\n"
     "      store alerts given as JSON lines (`logwatch run --json`). A bad line is named by\n"
     "      its number and nothing is stored. --config: the outputs.incident settings open\n"
     "      incidents for high-level alerts.\n"
     "  airguard alert send FILE.jsonl|- --config FILE\n"
     "      send alerts to the configured outputs (a JSON file, syslog RFC 5424 over UDP/TCP,\n"
     "      the store).\n"},
    {"Alerts of logwatch: list, handle, import, forward (3.1.5.1(2))",
     "logwatch のアラート: 一覧・対応・取り込み・転送（3.1.5.1(2)）",
     "Alerts of logwatch: list, handle, import, forward (3.1.5.1(2))"},
    /* cmd_alert.c */
    {"%s may not handle alerts: that needs the role csirt, ciso or sysadmin",
     "%s はアラートに対応できません（csirt・ciso・sysadmin のいずれかの役割が必要です）",
     "%s may not handle alerts: that needs the role csirt, ciso or sysadmin"},
    {"alerts: time", "時刻", "time"},
    {"alerts: level", "重要度", "level"},
    {"alerts: address", "送信元アドレス", "address"},
    {"alerts: user", "ユーザー", "user"},
    {"alerts: count", "件数", "count"},
    {"alerts: incident", "インシデント", "incident"},
    {"(more: --after %lld)\n", "（続きは --after %lld）\n", "(more: --after %lld)\n"},
    {"not JSON (column %d): %s", "JSON ではありません（%d 桁）: %s", "not JSON (column %d): %s"},
    {"outputs.incident: give a reporter in the configuration or --as LOGIN (the person the "
     "incidents are reported by)",
     "outputs.incident: 設定の reporter か --as LOGIN で、インシデントの報告者を指定してください",
     "outputs.incident: give a reporter in the configuration or --as LOGIN (the person the "
     "incidents are reported by)"},
    {"line longer than %zu bytes", "%zu バイトを超える行です", "line longer than %zu bytes"},
    {"NUL byte in the line", "行に NUL バイトがあります", "NUL byte in the line"},
    {"cannot read %s: %s", "%s を読めません: %s", "cannot read %s: %s"},
    {"%s: %zu bad lines; nothing was imported", "%s: 不正な行が %zu 行あるため、何も取り込みません",
     "%s: %zu bad lines; nothing was imported"},
    {"imported %zu alerts (%zu already stored), %zu incidents opened, %zu alerts linked to open "
     "incidents\n",
     "アラート %zu 件を取り込みました（既存 %zu 件）。インシデント起票 %zu 件、起票済みの"
     "インシデントへの関連付け %zu 件\n",
     "imported %zu alerts (%zu already stored), %zu incidents opened, %zu alerts linked to open "
     "incidents\n"},
    {"send: give the configuration with --config FILE",
     "send: 設定ファイルを --config FILE で指定してください",
     "send: give the configuration with --config FILE"},
    {"not a JSON object", "JSON オブジェクトではありません", "not a JSON object"},
    {"%s: %llu JSON lines written, %llu syslog messages sent, %llu dropped, %zu bad lines\n",
     "%s: JSON 行 %llu 件、syslog 送信 %llu 件、送信できず %llu 件、不正な行 %zu 行\n",
     "%s: %llu JSON lines written, %llu syslog messages sent, %llu dropped, %zu bad lines\n"},
    {"%s: the syslog collector did not take %llu alerts",
     "%s: syslog の受信側が %llu 件のアラートを受け取りませんでした",
     "%s: the syslog collector did not take %llu alerts"},
    {"alert %s: incident %lld\n", "アラート %s: インシデント %lld\n", "alert %s: incident %lld\n"},
    {"alert %s acknowledged\n", "アラート %s を確認済みにしました\n", "alert %s acknowledged\n"},
    {"alert %s closed\n", "アラート %s をクローズしました\n", "alert %s closed\n"},
    /* output.c: the outputs: configuration */
    {"unknown key \"%.60s\" (known: path)", "不明なキー \"%.60s\"（使えるキー: path）",
     "unknown key \"%.60s\" (known: path)"},
    {"\"%.80s\" is not HOST:PORT or [IPv6]:PORT",
     "\"%.80s\" は HOST:PORT または [IPv6]:PORT ではありません",
     "\"%.80s\" is not HOST:PORT or [IPv6]:PORT"},
    {"\"%.80s\": the host name is too long", "\"%.80s\": ホスト名が長すぎます",
     "\"%.80s\": the host name is too long"},
    {"\"%.60s\" is not one of: udp, tcp", "\"%.60s\" は udp、tcp のいずれでもありません",
     "\"%.60s\" is not one of: udp, tcp"},
    {"\"%.60s\" is not one of: sd, json", "\"%.60s\" は sd、json のいずれでもありません",
     "\"%.60s\" is not one of: sd, json"},
    {"\"%.60s\" is not a facility (auth, authpriv, daemon, local0 … local7, …)",
     "\"%.60s\" はファシリティではありません（auth、authpriv、daemon、local0〜local7 など）",
     "\"%.60s\" is not a facility (auth, authpriv, daemon, local0 … local7, …)"},
    {"\"%.60s\": printable ASCII without spaces", "\"%.60s\": 空白を含まない印字可能な ASCII で",
     "\"%.60s\": printable ASCII without spaces"},
    {"unknown key \"%.60s\" (known: address, protocol, format, facility, app_name)",
     "不明なキー \"%.60s\"（使えるキー: address、protocol、format、facility、app_name）",
     "unknown key \"%.60s\" (known: address, protocol, format, facility, app_name)"},
    {"\"%.60s\" is not a number from 1 to 100000", "\"%.60s\" は 1〜100000 の数ではありません",
     "\"%.60s\" is not a number from 1 to 100000"},
    {"unknown key \"%.60s\" (known: batch)", "不明なキー \"%.60s\"（使えるキー: batch）",
     "unknown key \"%.60s\" (known: batch)"},
    {"\"%.60s\" is not a category", "\"%.60s\" はカテゴリではありません",
     "\"%.60s\" is not a category"},
    {"more than 32 categories", "カテゴリが 32 を超えています", "more than 32 categories"},
    {"\"%.60s\" is not one of: informational, low, medium, high, critical",
     "\"%.60s\" は informational、low、medium、high、critical のいずれでもありません",
     "\"%.60s\" is not one of: informational, low, medium, high, critical"},
    {"must be a list of categories", "カテゴリのリストでなければなりません",
     "must be a list of categories"},
    {"unknown key \"%.60s\" (known: min_level, categories, reporter)",
     "不明なキー \"%.60s\"（使えるキー: min_level、categories、reporter）",
     "unknown key \"%.60s\" (known: min_level, categories, reporter)"},
    {"address: missing (HOST:PORT)", "address: ありません（HOST:PORT）",
     "address: missing (HOST:PORT)"},
    {"min_level: missing", "min_level: ありません", "min_level: missing"},
    {"unknown key \"%.60s\" (known: json, syslog, store, incident)",
     "不明なキー \"%.60s\"（使えるキー: json、syslog、store、incident）",
     "unknown key \"%.60s\" (known: json, syslog, store, incident)"},
    {"must be a mapping (key: value)", "マッピング（キー: 値）でなければなりません",
     "must be a mapping (key: value)"},
    {"keys must be texts", "キーは文字列でなければなりません", "keys must be texts"},
    {"must be a text", "文字列でなければなりません", "must be a text"},
    {"\"%.80s\" is empty or too long", "\"%.80s\" は空か長すぎます",
     "\"%.80s\" is empty or too long"},
    {"control characters are not allowed", "制御文字は使えません",
     "control characters are not allowed"},
    {"%s:%zu:%zu: the configuration must be a mapping",
     "%s:%zu:%zu: 設定はマッピングでなければなりません",
     "%s:%zu:%zu: the configuration must be a mapping"},
    {"outputs.store: no store to write to", "outputs.store: 書き込み先のストアがありません",
     "outputs.store: no store to write to"},
    /* src/isms/alert.c */
    {"%s: must be a string", "%s: 文字列でなければなりません", "%s: must be a string"},
    {"%s: too long (at most %zu bytes)", "%s: 長すぎます（%zu バイトまで）",
     "%s: too long (at most %zu bytes)"},
    {"%s: contains a NUL character", "%s: NUL 文字を含んでいます", "%s: contains a NUL character"},
    {"%s: \"%.40s\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)",
     "%s: \"%.40s\" は UTC の時刻（YYYY-MM-DDTHH:MM:SSZ）ではありません",
     "%s: \"%.40s\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)"},
    {"%s: must be an array of at most %d strings",
     "%s: %d 個までの文字列の配列でなければなりません",
     "%s: must be an array of at most %d strings"},
    {"%s[%zu]: must be a string of 1 to 64 bytes",
     "%s[%zu]: 1〜64 バイトの文字列でなければなりません",
     "%s[%zu]: must be a string of 1 to 64 bytes"},
    {"evidence: must be an array of strings", "evidence: 文字列の配列でなければなりません",
     "evidence: must be an array of strings"},
    {"evidence[%zu]: must be a string", "evidence[%zu]: 文字列でなければなりません",
     "evidence[%zu]: must be a string"},
    {"an alert must be a JSON object", "アラートは JSON オブジェクトでなければなりません",
     "an alert must be a JSON object"},
    {"id: \"%s\" has characters other than A-Z a-z 0-9 . _ : -",
     "id: \"%s\" に A-Z a-z 0-9 . _ : - 以外の文字があります",
     "id: \"%s\" has characters other than A-Z a-z 0-9 . _ : -"},
    {"level: \"%s\" is not one of: informational, low, medium, high, critical",
     "level: \"%s\" は informational、low、medium、high、critical のいずれでもありません",
     "level: \"%s\" is not one of: informational, low, medium, high, critical"},
    {"src_ip: \"%s\" is not an IPv4 or IPv6 address",
     "src_ip: \"%s\" は IPv4 または IPv6 のアドレスではありません",
     "src_ip: \"%s\" is not an IPv4 or IPv6 address"},
    {"count: must be a whole number from 1", "count: 1 以上の整数でなければなりません",
     "count: must be a whole number from 1"},
    {"min_level: \"%s\" is not one of: informational, low, medium, high, critical",
     "min_level: \"%s\" は informational、low、medium、high、critical のいずれでもありません",
     "min_level: \"%s\" is not one of: informational, low, medium, high, critical"},
    {"alert %zu: %s", "アラート %zu: %s", "alert %zu: %s"},
    {"alert %.64s does not exist", "アラート %.64s はありません", "alert %.64s does not exist"},
    {"alert %s is %s: the step \"%s\" is not possible now",
     "アラート %s は %s です。いま「%s」はできません",
     "alert %s is %s: the step \"%s\" is not possible now"},
    {"alert %s is linked to incident %lld already",
     "アラート %s は既にインシデント %lld に関連付けられています",
     "alert %s is linked to incident %lld already"},
    {"incident %lld is closed", "インシデント %lld はクローズされています",
     "incident %lld is closed"},
    {"%s: control characters are not allowed", "%s: 制御文字は使えません",
     "%s: control characters are not allowed"},
    {"limit: give a number from 1 to 1000", "limit: 1〜1000 の数を指定してください",
     "limit: give a number from 1 to 1000"},
    {"after: must be a cursor from a previous page",
     "after: 前のページのカーソルでなければなりません",
     "after: must be a cursor from a previous page"},
    {"level: \"%.32s\" is not one of: informational, low, medium, high, critical",
     "level: \"%.32s\" は informational、low、medium、high、critical のいずれでもありません",
     "level: \"%.32s\" is not one of: informational, low, medium, high, critical"},
    {"reading the alerts", "アラートの読み出し", "reading the alerts"},
    {"reading the alert", "アラートの読み出し（1 件）", "reading the alert"},
};
const size_t lw_msgs_alerts_count = AG_ARRAY_LEN(lw_msgs_alerts);
