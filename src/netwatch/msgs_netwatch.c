/*
 * msgs_netwatch.c — user-facing texts of `airguard netwatch`, Japanese and English (keys are the
 * English text, or "netwatch: …" short keys). Each part of netwatch keeps its own table in a
 * msgs_<part>.c and registers it here.
 */
#include "netwatch/netwatch_int.h"

static const struct ag_msg nw_msgs[] = {
    {"netwatch-usage",
     "使い方:\n"
     "  airguard netwatch learn -r FILE... -o BASELINE.json [--internal CIDR,...]\n"
     "      キャプチャから正常時の資産と通信（開始側・応答側・プロトコル・ポート）を学習し、\n"
     "      許可リスト（ベースライン）を作る。\n"
     "  airguard netwatch watch -r FILE... --baseline BASELINE.json [--json] [--internal "
     "CIDR,...]\n"
     "      監視: 未登録機器、許可リスト外の通信、外部との通信、想定外の IPv6、フラッド、\n"
     "      ポートスキャン、ARP なりすまし、IP 重複、平常時からの逸脱を警報する。\n"
     "  airguard netwatch inventory -r FILE... [--json|--csv]\n"
     "      観測した機器の一覧（MAC、IP、ベンダー、名前、プロトコル、役割）。\n"
     "  airguard netwatch capture -i IFACE [--filter BPF] [--baseline FILE] [--json]\n"
     "      ネットワークインタフェースで受動的に監視する（パケットは一切送らない）。\n"
     "  airguard netwatch stats [--json] [-r FILE...]\n"
     "      パケット数、バイト数、理由別の解析エラー、フロー、追い出し、取りこぼし。\n"
     "  --timezone +09:00（または --config FILE の site.timezone）: 時間帯別の通信量をこの時差で\n"
     "      数える（learn と watch、capture。既定は watch ではベースラインの時差、ほかは UTC）。\n",
     "Usage:\n"
     "  airguard netwatch learn -r FILE... -o BASELINE.json [--internal CIDR,...]\n"
     "      Learn the normal assets and conversations (initiator, responder, protocol, port)\n"
     "      from captures: the allowlist (baseline).\n"
     "  airguard netwatch watch -r FILE... --baseline BASELINE.json [--json] [--internal "
     "CIDR,...]\n"
     "      Watch: unmanaged devices, conversations outside the allowlist, external\n"
     "      communication, unexpected IPv6, floods, port scans, ARP spoofing, IP conflicts and\n"
     "      departures from the baseline.\n"
     "  airguard netwatch inventory -r FILE... [--json|--csv]\n"
     "      The devices seen (MAC, IPs, vendor, names, protocols, roles).\n"
     "  airguard netwatch capture -i IFACE [--filter BPF] [--baseline FILE] [--json]\n"
     "      Watch an interface passively (never sends a packet).\n"
     "  airguard netwatch stats [--json] [-r FILE...]\n"
     "      Packets, bytes, decode errors by reason, flows, evictions, drops.\n"
     "  --timezone +09:00 (or site.timezone of --config FILE): the hours of day of the traffic\n"
     "      profile in the site's zone (learn, watch, capture; default: watch the baseline's,\n"
     "      else UTC).\n"},
};

extern const struct ag_msg nw_msgs_decode[]; /* msgs_decode.c */
extern const size_t nw_msgs_decode_count;
extern const struct ag_msg nw_msgs_cli[];
extern const size_t nw_msgs_cli_count;
extern const struct ag_msg nw_msgs_nwserve[]; /* msgs_nwserve.c */
extern const size_t nw_msgs_nwserve_count;

void nw_register_messages(void)
{
    ag_tr_register(nw_msgs, AG_ARRAY_LEN(nw_msgs));
    ag_tr_register(nw_msgs_cli, nw_msgs_cli_count); /* msgs_cli.c */
    ag_tr_register(nw_msgs_nwserve, nw_msgs_nwserve_count);
    ag_tr_register(nw_msgs_source, nw_msgs_source_count);
    ag_tr_register(nw_msgs_detect, nw_msgs_detect_count); /* msgs_detect.c */
    ag_tr_register(nw_msgs_assets, nw_msgs_assets_count); /* msgs_assets.c */
    ag_tr_register(nw_msgs_decode, nw_msgs_decode_count);
    ag_tr_register(nw_msgs_nwoui, nw_msgs_nwoui_count); /* msgs_nwoui.c */
}
