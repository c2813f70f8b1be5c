/*
 * msgs_logarchive.c — the texts of `airguard logs`, of `logwatch run|serve --archive` and of
 * the /logs page, Japanese and English. Registered by la_register_messages (main, and
 * web_register_messages for the page).
 */
#include "logarchive/logarchive.h"

static const struct ag_msg la_msgs[] = {
    {"logs-usage",
     "使い方: airguard logs 操作 …（ログの保存・保全・点検 3.1.5.1(2)(a), 3.2.2.1③）\n"
     "  airguard logs verify [--archive DIR] [--json]\n"
     "      保存ログの全セグメントのハッシュと連鎖をストアの記録と照合（改ざん・削除・欠落・\n"
     "      未知のファイル・壊れた zstd・途中で切れたファイルを報告。問題があれば終了コード 1）\n"
     "  airguard logs policy list | set 種類 期間 [--source 送信元] [--basis 根拠] |\n"
     "      delete 種類 [--source 送信元]\n"
     "      ログの種類（auth web mail network system *）と送信元ごとの保存期間\n"
     "      （期間: 400 / 400d 日, 52w 週, 12mo 月(30日), 1y 年(365日)）\n"
     "  airguard logs expire [--dry-run] [--archive DIR]\n"
     "      保存期間を過ぎたセグメントだけを削除（監査証跡と連鎖に記録）\n"
     "  airguard logs search [--since 時刻] [--until 時刻] [--host ホスト] [--text 文字列]\n"
     "      [-i] [--kind 種類] [--archive DIR] [--json]   保存ログの検索\n"
     "  airguard logs stats [--archive DIR]      セグメント数・行数・圧縮前後のバイト数・期間\n"
     "  airguard logs archive [--archive DIR] [ファイル…]  ファイル（既定は標準入力）を保存\n"
     "保存先の既定: $AIRGUARD_ARCHIVE、なければ data/logs。logwatch run|serve --archive DIR\n"
     "で受信した全行を検知の前に保存します。\n",
     "usage: airguard logs COMMAND … (log retention, integrity and inspection: 3.1.5.1(2)(a), "
     "3.2.2.1③)\n"
     "  airguard logs verify [--archive DIR] [--json]\n"
     "      every segment's hashes and the chain against the store's record (altered, deleted,\n"
     "      missing, unknown files, bad zstd frames, cut files are reported; exit 1 if any)\n"
     "  airguard logs policy list | set KIND PERIOD [--source NAME] [--basis TEXT] |\n"
     "      delete KIND [--source NAME]\n"
     "      retention per kind of log (auth web mail network system *) and source\n"
     "      (PERIOD: 400 / 400d days, 52w weeks, 12mo months of 30 days, 1y years of 365 days)\n"
     "  airguard logs expire [--dry-run] [--archive DIR]\n"
     "      removes only segments past their retention period (audit trail and chain record it)\n"
     "  airguard logs search [--since TIME] [--until TIME] [--host HOST] [--text TEXT]\n"
     "      [-i] [--kind KIND] [--archive DIR] [--json]   search the archive\n"
     "  airguard logs stats [--archive DIR]      segments, lines, raw and compressed bytes, span\n"
     "  airguard logs archive [--archive DIR] [FILE…]  archive files (default: standard input)\n"
     "The archive folder: $AIRGUARD_ARCHIVE, else data/logs. logwatch run|serve --archive DIR\n"
     "archives every line received, before detection.\n"},
    {"Log retention: archive, verify, policy, expire, search (3.1.5.1(2)(a))",
     "ログの保存: 保存・検証・保存期間・期限切れ削除・検索 (3.1.5.1(2)(a))",
     "Log retention: archive, verify, policy, expire, search (3.1.5.1(2)(a))"},
    {"logs: altered", "改ざん", "altered"},
    {"logs: missing", "欠落", "missing"},
    {"logs: unknown file", "未知のファイル", "unknown file"},
    {"logs: broken chain", "連鎖の破損", "broken chain"},
    {"logs: bad zstd frame", "zstd フレームの破損", "bad zstd frame"},
    {"logs: truncated", "途中で切れている", "truncated"},
    {"logs: archive description", "保存先の記述", "archive description"},
    {"logs: expired but present", "期限切れ削除済みのはずが残存", "expired but still present"},
    {"logs verify: %s: %llu problem(s) in %llu segments\n",
     "logs verify: %s: %llu 件の問題（%llu セグメント）\n",
     "logs verify: %s: %llu problem(s) in %llu segments\n"},
    {"logs verify: %s: intact, %llu segments, %llu lines, %llu expired by policy, %llu open\n",
     "logs verify: %s: 改ざん・欠落なし、%llu セグメント、%llu 行、保存期間による削除 %llu、"
     "書込中 %llu\n",
     "logs verify: %s: intact, %llu segments, %llu lines, %llu expired by policy, %llu open\n"},
    {"logs policy set needs a kind and a period: logs policy set auth 1y [--source NAME] "
     "[--basis TEXT]",
     "logs policy set には種類と期間が必要です: logs policy set auth 1y [--source 送信元] "
     "[--basis 根拠]",
     "logs policy set needs a kind and a period: logs policy set auth 1y [--source NAME] "
     "[--basis TEXT]"},
    {"logs policy delete needs a kind", "logs policy delete には種類が必要です",
     "logs policy delete needs a kind"},
    {"period \"%s\": a number of days (400, 400d), weeks (52w), months of 30 days (12mo) or "
     "years of 365 days (1y)",
     "期間 \"%s\": 日数 (400, 400d)、週 (52w)、月 (12mo, 30 日) または年 (1y, 365 日) で指定",
     "period \"%s\": a number of days (400, 400d), weeks (52w), months of 30 days (12mo) or "
     "years of 365 days (1y)"},
    {"retention of %s logs from %s: %ld days\n", "%s ログ（送信元 %s）の保存期間: %ld 日\n",
     "retention of %s logs from %s: %ld days\n"},
    {"retention of %s logs from %s removed\n", "%s ログ（送信元 %s）の保存期間を削除しました\n",
     "retention of %s logs from %s removed\n"},
    {"would expire %s (%s from %s, last line %s, kept %ld days)\n",
     "削除対象 %s（%s、送信元 %s、最終行 %s、保存期間 %ld 日）\n",
     "would expire %s (%s from %s, last line %s, kept %ld days)\n"},
    {"expired %s (%s from %s, last line %s, kept %ld days)\n",
     "削除 %s（%s、送信元 %s、最終行 %s、保存期間 %ld 日）\n",
     "expired %s (%s from %s, last line %s, kept %ld days)\n"},
    {"logs expire: %zu segment(s) past their retention period (dry run: nothing removed)\n",
     "logs expire: 保存期間を過ぎたセグメント %zu 件（試行のため削除していません）\n",
     "logs expire: %zu segment(s) past their retention period (dry run: nothing removed)\n"},
    {"logs expire: %zu segment(s) removed by their retention period\n",
     "logs expire: 保存期間を過ぎたセグメント %zu 件を削除しました\n",
     "logs expire: %zu segment(s) removed by their retention period\n"},
    {"--since: \"%s\" is not a date (2026-03-05) or a time (2026-03-05T09:00:00+09:00)",
     "--since: \"%s\" は日付 (2026-03-05) でも時刻 (2026-03-05T09:00:00+09:00) でもありません",
     "--since: \"%s\" is not a date (2026-03-05) or a time (2026-03-05T09:00:00+09:00)"},
    {"--until: \"%s\" is not a date (2026-03-05) or a time (2026-03-05T09:00:00+09:00)",
     "--until: \"%s\" は日付 (2026-03-05) でも時刻 (2026-03-05T09:00:00+09:00) でもありません",
     "--until: \"%s\" is not a date (2026-03-05) or a time (2026-03-05T09:00:00+09:00)"},
    {"--kind: \"%s\" is not one of: auth, web, mail, network, system",
     "--kind: \"%s\" は auth, web, mail, network, system のいずれでもありません",
     "--kind: \"%s\" is not one of: auth, web, mail, network, system"},
    {"logs search: %llu line(s) in %zu segment(s) read\n",
     "logs search: %llu 行（%zu セグメントを読み込み）\n",
     "logs search: %llu line(s) in %zu segment(s) read\n"},
    {"archive %s (%s): %lld segment(s) expired by policy\n",
     "保存先 %s (%s): 保存期間により削除済みのセグメント %lld 件\n",
     "archive %s (%s): %lld segment(s) expired by policy\n"},
    {"logs archive: %llu lines, %llu bytes in %llu segment(s) of %llu bytes, %.0f lines/s (%.0f "
     "per CPU second)\n",
     "logs archive: %llu 行、%llu バイトを %llu セグメント（%llu バイト）に保存、毎秒 %.0f 行"
     "（CPU 1 秒あたり %.0f 行）\n",
     "logs archive: %llu lines, %llu bytes in %llu segment(s) of %llu bytes, %.0f lines/s (%.0f "
     "per CPU second)\n"},
    {"--level: \"%s\" is not a zstd level (1–19)",
     "--level: \"%s\" は zstd の圧縮レベル (1–19) ではありません",
     "--level: \"%s\" is not a zstd level (1–19)"},
    {"logwatch: %llu lines archived (%llu errors)\n",
     "logwatch: %llu 行を保存しました（エラー %llu 件）\n",
     "logwatch: %llu lines archived (%llu errors)\n"},
    {"logwatch serve: --archive needs detection (not --events)",
     "logwatch serve: --archive は検知と併用します（--events とは併用できません）",
     "logwatch serve: --archive needs detection (not --events)"},
    /* column headings */
    {"log kind", "ログの種類", "kind"},
    {"log source", "送信元", "source"},
    {"retention days", "保存日数", "days"},
    {"retention basis", "根拠", "basis"},
    {"updated", "更新日時", "updated"},
    {"updated by", "更新者", "updated by"},
    {"segments", "セグメント数", "segments"},
    {"lines", "行数", "lines"},
    {"raw bytes", "圧縮前バイト数", "raw bytes"},
    {"compressed bytes", "圧縮後バイト数", "compressed bytes"},
    {"ratio", "圧縮率", "ratio"},
    {"oldest line", "最古の行", "oldest line"},
    {"newest line", "最新の行", "newest line"},
};

void la_register_messages(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    ag_tr_register(la_msgs, AG_ARRAY_LEN(la_msgs));
}
