/*
 * msgs_logwatch.c — user-facing texts of `airguard logwatch`, Japanese and English (keys are the
 * English text, except usage texts).
 */
#include "logwatch/logwatch.h"

static const struct ag_msg lw_msgs[] = {
    {"logwatch-usage",
     "使い方:\n"
     "  airguard logwatch parse [--json] [--hostile] [--year YYYY] [FILE...|-]\n"
     "      ログの各行を正規化したイベントとして表示する（syslog RFC 5424 / RFC 3164 /\n"
     "      RFC 3339 のヘッダ、sshd・PAM・sudo・メール・FTP・VPN・Web 等のメッセージ）。\n"
     "      FILE がなければ標準入力。--year: 年のない RFC 3164 の時刻に付ける年（既定: 今年）。\n"
     "      --json: 1 行 1 イベントの JSON。--hostile: 攻撃の兆候だけを表示。\n"
     "      終わりに読んだ行数・解釈できた行数・攻撃の兆候の数を標準エラーに出す。\n",
     "usage:\n"
     "  airguard logwatch parse [--json] [--hostile] [--year YYYY] [FILE...|-]\n"
     "      print each log line as a normalised event (syslog RFC 5424 / RFC 3164 / RFC 3339\n"
     "      headers; sshd, PAM, sudo, mail, FTP, VPN, web … messages). Without FILE, standard\n"
     "      input. --year: the year given to RFC 3164 stamps, which have none (default: this\n"
     "      year). --json: one JSON event per line. --hostile: only the signs of attack.\n"
     "      At the end, lines read, lines decoded and signs of attack go to standard error.\n"},
    {"Analyse logs: normalised events and detection (3.1.5.1(2))",
     "ログの分析: 正規化したイベントと検知（3.1.5.1(2)）",
     "Analyse logs: normalised events and detection (3.1.5.1(2))"},
    {"cannot open %s: %s", "%s を開けません: %s", "cannot open %s: %s"},
    {"bad year \"%s\" (expected 1970–9999)", "年の指定が正しくありません「%s」（1970〜9999）",
     "bad year \"%s\" (expected 1970–9999)"},
    {"%s: %zu lines, %zu decoded, %zu signs of attack, %zu lines longer than %zu bytes cut",
     "%s: %zu 行、解釈 %zu 行、攻撃の兆候 %zu 件、切り詰めた行 %zu（%zu バイト超）",
     "%s: %zu lines, %zu decoded, %zu signs of attack, %zu lines longer than %zu bytes cut"},
};

void lw_register_messages(void)
{
    ag_tr_register(lw_msgs, AG_ARRAY_LEN(lw_msgs));
    ag_tr_register(lw_msgs_alerts, lw_msgs_alerts_count); /* msgs_alerts.c */
}
