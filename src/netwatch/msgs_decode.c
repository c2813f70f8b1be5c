/*
 * msgs_decode.c — what each decode error reason means, Japanese and English, for `airguard
 * netwatch stats` and the other places that list decode errors by reason. The key is
 * "netwatch: decode " + nw_decode_err_name(reason); the names themselves ("trunc_l2", …) are
 * stable identifiers (JSON keys), not translated. Registered by nw_register_messages.
 */
#include "netwatch/netwatch.h"

const struct ag_msg nw_msgs_decode[] = {
    {"netwatch: decode linktype", "解析しないリンク種別のフレーム",
     "a frame of a link type that is not decoded"},
    {"netwatch: decode trunc_l2", "リンク層ヘッダ（Ethernet、VLAN タグ、SLL など）より短いフレーム",
     "shorter than its link-layer header (Ethernet, VLAN tags, SLL …)"},
    {"netwatch: decode trunc_arp", "ARP ヘッダより短いフレーム", "shorter than the ARP header"},
    {"netwatch: decode trunc_ip", "IP ヘッダより短いフレーム", "shorter than the IP header"},
    {"netwatch: decode bad_ip", "不正な IP ヘッダ（バージョン、IHL < 5、全長 < ヘッダ長）",
     "a bad IP header (version, IHL < 5, total length below the header)"},
    {"netwatch: decode bad_ipv6_ext", "パケットからはみ出す、または多すぎる IPv6 拡張ヘッダ",
     "an IPv6 extension header running past the packet, or too many of them"},
    {"netwatch: decode trunc_l4", "TCP/UDP/ICMP ヘッダより短いパケット",
     "shorter than the TCP/UDP/ICMP header"},
    {"netwatch: decode bad_tcp", "不正な TCP データオフセット（5 未満、またはパケット外）",
     "a bad TCP data offset (below 5, or past the packet)"},
};
const size_t nw_msgs_decode_count = AG_ARRAY_LEN(nw_msgs_decode);
