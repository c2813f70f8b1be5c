/*
 * msgs_logwatch.c — user-facing texts of `airguard logwatch`, Japanese and English (keys are the
 * English text, except usage texts).
 */
#include "logwatch/rules_int.h"

static const struct ag_msg lw_msgs[] = {
    {"logwatch-usage",
     "使い方:\n"
     "  airguard logwatch parse [--json] [--hostile] [--year YYYY] [FILE...|-]\n"
     "      ログの各行を正規化したイベントとして表示する（syslog RFC 5424 / RFC 3164 /\n"
     "      RFC 3339 のヘッダ、sshd・PAM・sudo・メール・FTP・VPN・Web 等のメッセージ）。\n"
     "      FILE がなければ標準入力。--year: 年のない RFC 3164 の時刻に付ける年（既定: 今年）。\n"
     "      --json: 1 行 1 イベントの JSON。--hostile: 攻撃の兆候だけを表示。\n"
     "      終わりに読んだ行数・解釈できた行数・攻撃の兆候の数を標準エラーに出す。\n"
     "  airguard logwatch serve [--udp HOST:PORT] [--tcp HOST:PORT]\n"
     "                          [--tls HOST:PORT --cert FILE --key FILE] [--state DIR]\n"
     "                          [--rate LINES/S] [--year YYYY] [FILE...|-]\n"
     "      syslog を UDP・TCP（RFC 6587: オクテット数え方式と改行区切りを自動判別）・TLS で\n"
     "      受け、FILE を追跡（ローテーション・切り詰めに追従）し、各行を --json と同じ形で\n"
     "      表示する。ポート 0 は空きポート（起動時に実際のアドレスを標準エラーに出す）。\n"
     "      --state: 読んだ位置を DIR に保存し、再起動しても行を飛ばさず繰り返さない\n"
     "      （入力ごとの計数は DIR/inputs.json）。--rate: 入力ごとの毎秒行数の上限（ネットワーク\n"
     "      は超えた行を捨てて数え、ファイルは読む速さを抑える）。SIGTERM/SIGINT で終了。\n"
     "      既定では各行を検知ルールにかけ、アラートを 1 行ずつ出す（--json で JSON）。\n"
     "      --rules DIR, --config FILE, --keep-going は run と同じ。SIGHUP でルールを読み直す\n"
     "      （相関の途中経過は保つ）。--events: 検知せずイベントを表示する。\n"
     "  airguard logwatch run [--rules DIR] [--config FILE] [--state DIR] [--keep-going]\n"
     "                        [--json] [--year YYYY] [FILE...|-]\n"
     "      ログを検知ルール（Sigma 形式、既定 rules/）にかけてアラートを出す。--config: 拠点の\n"
     "      時間帯・勤務時間・休日、許可リスト、ルールの無効化・抑止（docs/rules.md）。\n"
     "      --state: 前回の続きから読む。--keep-going: 誤りのあるルールを除いて読み込む。\n"
     "  airguard logwatch test RULE_OR_DIR LOGFILE...\n"
     "      そのルールだけでログを調べ、アラートごとに理由（ガイドライン、値、根拠の行）を示す。\n"
     "  airguard logwatch rules [--keep-going] [DIR|FILE...]\n"
     "      ルールを読み込んで一覧にする（誤りはファイル:行:桁で示す）。\n"
     "  airguard logwatch stats [--json] [--state DIR]\n"
     "      run・serve が DIR に残した計数（読んだ行、解釈した行、アラート、破棄、相関キー）。\n"
     "  airguard logwatch block list|add|remove|flush …   送信元アドレスの遮断（nftables）\n"
     "  airguard logwatch respond [FILE...|-]             警報に応じた遮断とロック\n",
     "usage:\n"
     "  airguard logwatch parse [--json] [--hostile] [--year YYYY] [FILE...|-]\n"
     "      print each log line as a normalised event (syslog RFC 5424 / RFC 3164 / RFC 3339\n"
     "      headers; sshd, PAM, sudo, mail, FTP, VPN, web … messages). Without FILE, standard\n"
     "      input. --year: the year given to RFC 3164 stamps, which have none (default: this\n"
     "      year). --json: one JSON event per line. --hostile: only the signs of attack.\n"
     "      At the end, lines read, lines decoded and signs of attack go to standard error.\n"
     "  airguard logwatch serve [--udp HOST:PORT] [--tcp HOST:PORT]\n"
     "                          [--tls HOST:PORT --cert FILE --key FILE] [--state DIR]\n"
     "                          [--rate LINES/S] [--year YYYY] [FILE...|-]\n"
     "      receive syslog over UDP, TCP (RFC 6587: octet counting and newline framing, told\n"
     "      apart by themselves) and TLS, follow each FILE (through rotation and truncation),\n"
     "      and print every line as --json does. Port 0 takes a free port (the addresses\n"
     "      really used are printed on standard error at the start). --state: keep the read\n"
     "      positions in DIR, so a restart neither skips nor repeats a line (per-input\n"
     "      counters in DIR/inputs.json). --rate: lines per second per input (a network input\n"
     "      drops and counts the excess, a file is read more slowly). Stops on SIGTERM/SIGINT.\n"
     "      By default every line goes through the detection rules and alerts are printed one\n"
     "      per line (JSON with --json); --rules DIR, --config FILE and --keep-going as for\n"
     "      run. SIGHUP reloads the rules (the correlation windows are kept). --events: print\n"
     "      the events instead of detecting.\n"
     "  airguard logwatch run [--rules DIR] [--config FILE] [--state DIR] [--keep-going]\n"
     "                        [--json] [--year YYYY] [FILE...|-]\n"
     "      run logs through the detection rules (Sigma; default rules/) and print the alerts.\n"
     "      --config: the site's time zone, working hours and holidays, the allowlist, rules\n"
     "      disabled or suppressed (docs/rules.md). --state: go on where the last run stopped.\n"
     "      --keep-going: load the good rules when some have errors.\n"
     "  airguard logwatch test RULE_OR_DIR LOGFILE...\n"
     "      run a log through those rules only and explain each alert (guideline, values,\n"
     "      the lines behind it).\n"
     "  airguard logwatch rules [--keep-going] [DIR|FILE...]\n"
     "      load and list rules (errors as file:line:column).\n"
     "  airguard logwatch stats [--json] [--state DIR]\n"
     "      the counters run and serve left in DIR: lines read and decoded, alerts, drops,\n"
     "      correlation keys.\n"
     "  airguard logwatch block list|add|remove|flush …   block source addresses (nftables)\n"
     "  airguard logwatch respond [FILE...|-]             block and lock in response to alerts\n"},
    {"Analyse logs: normalised events and detection (3.1.5.1(2))",
     "ログの分析: 正規化したイベントと検知（3.1.5.1(2)）",
     "Analyse logs: normalised events and detection (3.1.5.1(2))"},
    {"cannot open %s: %s", "%s を開けません: %s", "cannot open %s: %s"},
    {"bad year \"%s\" (expected 1970–9999)", "年の指定が正しくありません「%s」（1970〜9999）",
     "bad year \"%s\" (expected 1970–9999)"},
    {"%s: %zu lines, %zu decoded, %zu signs of attack, %zu lines longer than %zu bytes cut",
     "%s: %zu 行、解釈 %zu 行、攻撃の兆候 %zu 件、切り詰めた行 %zu（%zu バイト超）",
     "%s: %zu lines, %zu decoded, %zu signs of attack, %zu lines longer than %zu bytes cut"},
    /* inputs (tail.c, listen.c, `logwatch serve`) */
    {"logwatch: %s is not a file", "logwatch: %s はファイルではありません",
     "logwatch: %s is not a file"},
    {"logwatch: %s: cannot tell the working directory: %s",
     "logwatch: %s: 作業ディレクトリが分かりません: %s",
     "logwatch: %s: cannot tell the working directory: %s"},
    {"logwatch: %s: the path is too long", "logwatch: %s: パスが長すぎます",
     "logwatch: %s: the path is too long"},
    {"logwatch: out of memory", "logwatch: メモリが足りません", "logwatch: out of memory"},
    {"logwatch: %s is not a tail state file (members path, dev, ino, offset, line, skip, "
     "head_len, head): %s",
     "logwatch: %s は追跡位置の状態ファイルではありません（path, dev, ino, offset, line, skip, "
     "head_len, head が必要）: %s",
     "logwatch: %s is not a tail state file (members path, dev, ino, offset, line, skip, "
     "head_len, head): %s"},
    {"logwatch: %s: read error: %s", "logwatch: %s: 読み込みエラー: %s",
     "logwatch: %s: read error: %s"},
    {"logwatch: %s is not a listening address (HOST:PORT, [IPV6]:PORT or :PORT)",
     "logwatch: %s は待ち受けアドレスではありません（HOST:PORT、[IPV6]:PORT または :PORT）",
     "logwatch: %s is not a listening address (HOST:PORT, [IPV6]:PORT or :PORT)"},
    {"logwatch: cannot listen on %s: %s", "logwatch: %s で待ち受けできません: %s",
     "logwatch: cannot listen on %s: %s"},
    {"logwatch: --tls needs --cert FILE and --key FILE",
     "logwatch: --tls には --cert FILE と --key FILE が必要です",
     "logwatch: --tls needs --cert FILE and --key FILE"},
    {"logwatch: TLS: %s", "logwatch: TLS のエラー: %s", "logwatch: TLS: %s"},
    {"logwatch: TLS certificate %s or key %s: %s", "logwatch: TLS の証明書 %s または鍵 %s: %s",
     "logwatch: TLS certificate %s or key %s: %s"},
    {"logwatch: poll: %s", "logwatch: poll のエラー: %s", "logwatch: poll: %s"},
    {"--rate: \"%s\" is not a number of lines per second",
     "--rate: 「%s」は毎秒の行数ではありません",
     "--rate: \"%s\" is not a number of lines per second"},
    {"logwatch serve: no input (--udp, --tcp, --tls or FILE)",
     "logwatch serve: 入力がありません（--udp、--tcp、--tls または FILE）",
     "logwatch serve: no input (--udp, --tcp, --tls or FILE)"},
    {"logwatch: listening on %s %s\n", "logwatch: %s %s で待ち受けています\n",
     "logwatch: listening on %s %s\n"},
    {"logwatch serve: %s %s: %llu lines, %llu bytes, %llu cut, %llu dropped (rate), %llu frame "
     "errors, %llu connections, %llu refused\n",
     "logwatch serve: %s %s: %llu 行、%llu バイト、切り詰め %llu、破棄（流量制限）%llu、"
     "フレーム誤り %llu、接続 %llu、拒否 %llu\n",
     "logwatch serve: %s %s: %llu lines, %llu bytes, %llu cut, %llu dropped (rate), %llu frame "
     "errors, %llu connections, %llu refused\n"},
    {"%s:%zu: not a JSON object (%s); read as a plain line",
     "%s:%zu: JSON オブジェクトではありません（%s）。通常の行として読みます",
     "%s:%zu: not a JSON object (%s); read as a plain line"},
};

void lw_register_messages(void)
{
    ag_tr_register(lw_msgs, AG_ARRAY_LEN(lw_msgs));
    lw_register_rule_messages();
    ag_tr_register(lw_msgs_respond, lw_msgs_respond_count);
    ag_tr_register(lw_msgs_alerts, lw_msgs_alerts_count);   /* msgs_alerts.c */
    ag_tr_register(lw_msgs_lwstart, lw_msgs_lwstart_count); /* msgs_lwstart.c */
}
