/*
 * netwatch.h — the passive network monitor (issue 6): what the guideline's 2.1.2 (assume
 * intrusion and watch for it), 3.1.5.2(4) (segmented networks, unintended IPv6), 3.1.5.1(2)(c)
 * and 5.1 (floods) and 3.2.2.1 (signs of departures from normal) ask to be watched on the
 * baggage-handling, flight-information and surveillance networks, from a mirror port. It never
 * sends a packet.
 *
 * The layers, each a pure function of its input or a table the caller owns (one thread per
 * capture; nothing here takes a lock):
 *   source    frames from a capture file (pcap both byte orders, µs and ns; pcapng) read over
 *             mmap, or from libpcap (files or a live interface)          — source.c
 *   decode    one frame into struct nw_packet: L2–L4 fields, no allocation, never fails (a
 *             malformed frame gets a reason in nw_packet.err)           — decode.c
 *   identify  light identification of the application protocol and of names from the payload
 *             (DNS, DHCP, Modbus/TCP, S7comm, …) into the same struct      — identify.c
 *   flows     symmetric flow table in preallocated memory               — flow.c
 *   assets    passive inventory keyed by MAC (or IP where no MAC is seen), vendor from the
 *             IEEE OUI list                                              — asset.c, oui.c
 *   detect    baseline/allowlist and the detectors, alerts aggregated per window — detect.c,
 *             baseline.c
 * Every text field is ASCII and bounded; packets are untrusted bytes read with bounds checks.
 */
#ifndef AG_NETWATCH_H
#define AG_NETWATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "common/common.h"

/* ======================================================================================== */
/* Source: capture files and live interfaces (source.c)                                     */
/* ======================================================================================== */

/* Link types (the LINKTYPE_ values of pcap and pcapng files). */
enum nw_linktype {
    NW_LINK_NULL = 0, /* BSD loopback: 4-byte address family in the host's byte order */
    NW_LINK_ETHERNET = 1,
    NW_LINK_RAW = 101,  /* raw IPv4 or IPv6, by the version nibble */
    NW_LINK_LOOP = 108, /* OpenBSD loopback: 4-byte address family, network byte order */
    NW_LINK_LINUX_SLL = 113,
    NW_LINK_IPV4 = 228,
    NW_LINK_IPV6 = 229,
    NW_LINK_LINUX_SLL2 = 276,
};

/* One captured frame. data is borrowed until the next nw_source_next or nw_source_free. */
struct nw_frame {
    int64_t ts_ns;     /* capture time, nanoseconds since the epoch (UTC) */
    uint32_t caplen;   /* bytes present at data */
    uint32_t wire_len; /* bytes on the wire (≥ caplen) */
    uint32_t linktype; /* enum nw_linktype value (other values: decode counts them unknown) */
    uint32_t iface;    /* pcapng interface index; 0 otherwise */
    const uint8_t *data;
};

struct nw_source_opts {
    const char *bpf;  /* BPF filter expression (pcap-filter(7)), NULL = every frame */
    int snaplen;      /* live capture: bytes per frame kept (0 = 262144) */
    bool promisc;     /* live capture: promiscuous mode */
    bool use_libpcap; /* files: read through libpcap instead of the mmap reader (the results
                         are the same; kept to prove it and for formats we do not read) */
};

struct nw_source_stats {
    uint64_t frames;      /* frames returned */
    uint64_t bytes;       /* sum of wire_len of the frames returned */
    uint64_t filtered;    /* frames the BPF filter dropped */
    uint64_t bad_records; /* records skipped as malformed (caplen > snaplen, block too short …) */
    uint64_t kernel_drops; /* live: libpcap's ps_drop (the kernel dropped for lack of buffer) */
    uint64_t if_drops;     /* live: libpcap's ps_ifdrop */
};

struct nw_source;

/* Opens a capture file; its format is recognised by its content, not its name (pcapng files
 * named .pcap are common). Errors name the file and what was wrong (not a capture, unsupported
 * version, truncated header). */
int nw_source_open_file(const char *path, const struct nw_source_opts *opts, struct nw_source **out,
                        struct ag_error *err) AG_MUST_CHECK;
/* Opens a live interface through libpcap (call before dropping privileges). */
int nw_source_open_live(const char *iface, const struct nw_source_opts *opts,
                        struct nw_source **out, struct ag_error *err) AG_MUST_CHECK;
/* The next frame: 1 = a frame in *f, 0 = end of file (live: no frame within the timeout),
 * negative AG_E* = a fatal error (err names the file and byte offset). A record truncated at the
 * end of a file (a capture cut short) ends the file and counts in bad_records: not an error. */
int nw_source_next(struct nw_source *s, struct nw_frame *f, struct ag_error *err);
/* Up to max frames at once into f[0..n): n ≥ 1, 0 = end of file (live: no frame within the
 * timeout), negative AG_E* = a fatal error — the frames and the counters nw_source_next would
 * give, one call for many frames: files read over the mapping or a buffer give every well-formed
 * record in a row (classic pcap, pcapng Enhanced Packet Blocks, without filter); anything else
 * gives one frame per call. Every frame's data is borrowed until the next call. */
int nw_source_next_batch(struct nw_source *s, struct nw_frame *f, unsigned max,
                         struct ag_error *err);
void nw_source_get_stats(struct nw_source *s, struct nw_source_stats *out);
/* The file's (first interface's) link type; live: the interface's. */
uint32_t nw_source_linktype(const struct nw_source *s);
/* Live: libpcap's warning at activation (promiscuous mode not supported, …) for the CLI to
 * show, or NULL. Files: NULL. */
const char *nw_source_warning(const struct nw_source *s);
void nw_source_free(struct nw_source *s);

/* ======================================================================================== */
/* Decode: L2–L4 (decode.c) and application identification (identify.c)                    */
/* ======================================================================================== */

/* Why a frame could not be decoded fully. The fields decoded before the problem stay valid. */
enum nw_decode_err {
    NW_DERR_NONE = 0,
    NW_DERR_LINKTYPE, /* a link type we do not decode */
    NW_DERR_TRUNC_L2, /* shorter than its link-layer header (Ethernet, VLAN tags, SLL …) */
    NW_DERR_TRUNC_ARP,
    NW_DERR_TRUNC_IP,     /* shorter than the IP header */
    NW_DERR_BAD_IP,       /* IPv4 IHL < 5, total length < header, version mismatch */
    NW_DERR_BAD_IPV6_EXT, /* an IPv6 extension header running past the packet */
    NW_DERR_TRUNC_L4,     /* shorter than the TCP/UDP/ICMP header (only when the L4 header is
                             expected: first fragment or unfragmented) */
    NW_DERR_BAD_TCP,      /* TCP data offset < 5 or past the packet */
    NW_DERR_COUNT
};
/* Stable English names for the stats ("trunc_l2", …). */
const char *nw_decode_err_name(enum nw_decode_err e);

/* Application protocols identified from ports and payload (identify.c). */
enum nw_app {
    NW_APP_NONE = 0,
    NW_APP_DNS,
    NW_APP_MDNS,
    NW_APP_LLMNR,
    NW_APP_NBNS,
    NW_APP_DHCP,
    NW_APP_DHCPV6,
    NW_APP_NTP,
    NW_APP_HTTP,
    NW_APP_TLS,
    NW_APP_SSH,
    NW_APP_RTSP,
    NW_APP_WSD, /* ONVIF WS-Discovery (SOAP over UDP 3702) */
    NW_APP_SSDP,
    NW_APP_MODBUS, /* Modbus/TCP */
    NW_APP_S7,     /* S7comm over ISO-TSAP/COTP (TPKT, port 102) */
    NW_APP_S7PLUS,
    NW_APP_ENIP,   /* EtherNet/IP encapsulation (TCP/UDP 44818, UDP 2222 I/O) */
    NW_APP_CIP,    /* CIP carried in EtherNet/IP */
    NW_APP_PNRT,   /* PROFINET real-time (EtherType 0x8892) */
    NW_APP_PNDCP,  /* PROFINET DCP (0x8892, frame IDs 0xfefc–0xfeff) */
    NW_APP_BACNET, /* BACnet/IP (UDP 47808) */
    NW_APP_OPCUA,  /* OPC UA binary (TCP 4840) */
    NW_APP_IEC104, /* IEC 60870-5-104 (TCP 2404) */
    NW_APP_GOOSE,  /* IEC 61850 GOOSE (EtherType 0x88b8) */
    NW_APP_SV,     /* IEC 61850 sampled values (0x88ba) */
    NW_APP_DNP3,   /* DNP3 over TCP/UDP 20000 */
    NW_APP_LLDP,
    NW_APP_SNMP,
    NW_APP_SYSLOG,
    NW_APP_COUNT
};
/* Stable lower-case names ("modbus", "s7comm", …) used in JSON, CSV and the baseline file. */
const char *nw_app_name(enum nw_app a);
/* The app of a name as nw_app_name spells it; NW_APP_NONE when unknown. */
enum nw_app nw_app_from_name(const char *name);

/* The role the sender of a packet shows in its protocol (identify.c). */
enum nw_role {
    NW_ROLE_NONE = 0,
    NW_ROLE_CLIENT, /* Modbus master, S7 client/HMI, ENIP scanner, DNS client, … */
    NW_ROLE_SERVER, /* Modbus slave, S7 PLC, ENIP adapter, DNS server, … */
};

/* Kinds of host names seen in payloads. Whenever name_addr_family is set, the name is the name
 * of name_addr; otherwise the comment says whose name it is. */
enum nw_name_kind {
    NW_NAME_NONE = 0,
    NW_NAME_DHCP,       /* DHCP option 12 host name (DHCPv6: client FQDN option 39); belongs to
                           the client's MAC (dhcp_mac) */
    NW_NAME_DNS_QUERY,  /* the first question of a DNS message (the name asked about) */
    NW_NAME_DNS_ANSWER, /* an A/AAAA record (DNS, mDNS or LLMNR: see app): name_addr has the
                           address it names */
    NW_NAME_NBNS,       /* NetBIOS name of a query or registration; with name_addr when the
                           message carries an NB record (registration, positive answer) */
    NW_NAME_LLMNR,      /* the first question of an LLMNR query (the name asked about) */
    NW_NAME_MDNS,       /* the first question of an mDNS message without address records */
    NW_NAME_DCP,        /* PROFINET DCP NameOfStation: the sender's own in responses and Hello
                           (role server); the name looked for in an Identify request (client) */
    NW_NAME_HTTP_HOST,  /* HTTP Host header (the server's name) */
    NW_NAME_TLS_SNI,    /* TLS ClientHello server name (the server's name) */
    NW_NAME_LLDP,       /* LLDP system name (the sender's own) */
};

#define NW_NAME_MAX 64 /* longer names are cut at this length (and at a non-printable byte) */

/* Flags of a decoded packet. */
enum nw_pkt_flags {
    NW_PF_FRAGMENT = 1 << 0,       /* an IPv4/IPv6 fragment (counted, not reassembled) */
    NW_PF_FIRST_FRAGMENT = 1 << 1, /* offset 0: the L4 header is present */
    NW_PF_ARP_GRATUITOUS = 1 << 2, /* sender IP == target IP */
    NW_PF_BROADCAST = 1 << 3,      /* destination MAC ff:ff:ff:ff:ff:ff */
    NW_PF_MULTICAST = 1 << 4,      /* destination MAC has the group bit (not broadcast) */
    NW_PF_NDP = 1 << 5,            /* ICMPv6 neighbour discovery (133–137) */
    NW_PF_L4 = 1 << 6,             /* sport/dport/tcp_flags/icmp_* are valid */
    NW_PF_DNS_RESPONSE = 1 << 7,   /* a DNS/mDNS/LLMNR/NBNS message with the QR bit set */
};

/* Everything the monitors need from one frame. Fixed size, no pointers into freed memory:
 * payload points into the frame's data (valid as long as the frame is). Addresses are in
 * network byte order; an IPv4 address sits in the first 4 bytes of src_ip/dst_ip (the rest 0).
 * The order of the fields is decode.c's (docs/netwatch.md, "Decoding"): first those nw_decode
 * writes on every frame, then, from vlan_count to name[0], those it zeroes at once (one block
 * of 16-byte stores) and fills only when the frame has them. */
struct nw_packet {
    int64_t ts_ns;
    uint32_t wire_len;
    uint32_t flags;         /* enum nw_pkt_flags */
    const uint8_t *payload; /* L4 payload (or, for non-IP EtherTypes, the bytes after the
                               EtherType); may be NULL when payload_len is 0 */
    uint32_t payload_len;   /* bytes present (may be less than the header says: snaplen) */
    enum nw_decode_err err; /* NW_DERR_NONE when fully decoded */
    uint16_t ethertype;     /* innermost EtherType (0x0800, 0x86dd, 0x0806, 0x8892, 0x88b8, …) */

    /* layer 4 (valid when flags has NW_PF_L4) */
    uint16_t sport, dport;

    /* layer 2 (Ethernet / SLL; absent on raw IP and NULL/LOOP links) */
    bool has_mac;

    /* layer 3 */
    uint8_t ip_version; /* 0 (no IP), 4 or 6 */
    uint8_t ttl;        /* TTL / hop limit */
    uint8_t l4_proto;   /* IPPROTO_TCP, _UDP, _ICMP, _ICMPV6, … (after IPv6 extension headers) */

    uint8_t tcp_flags; /* FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10 URG 0x20 ECE 0x40 CWR 0x80 */
    uint8_t dst_mac[6], src_mac[6]; /* the order of an Ethernet header */
    uint8_t src_ip[16], dst_ip[16];

    /* zeroed as one block by nw_decode, from here to name[0] */
    uint8_t vlan_count; /* 802.1Q / 802.1ad tags seen (at most 2 kept) */
    uint16_t vlan[2];   /* VLAN ids, outer first */

    /* ARP (ethertype 0x0806) */
    uint16_t arp_op; /* 1 request, 2 reply; 0 when not ARP */
    uint8_t arp_sha[6], arp_spa[4], arp_tha[6], arp_tpa[4];

    uint8_t icmp_type, icmp_code; /* with NW_PF_L4, ICMP and ICMPv6 */
    uint8_t ndp_mac[6];           /* NDP source/target link-layer address option (zero if none) */

    /* identification (identify.c) */
    uint8_t name_addr_family; /* DNS answer: 4 or 6; DHCP: 4 when yiaddr/requested IP known */
    uint8_t name_len;
    enum nw_app app;
    enum nw_role role;           /* what the packet's sender is in app */
    enum nw_name_kind name_kind; /* NW_NAME_NONE when no name was seen */
    uint8_t name_addr[16];
    uint8_t dhcp_mac[6];        /* DHCP: the client's MAC (chaddr) */
    char name[NW_NAME_MAX + 1]; /* NUL-terminated, printable ASCII */
};

/* Decodes layers 2–4 of frame into *pkt (every field reset first, identify's to "none"; only
 * name[1..NW_NAME_MAX] keep old bytes, past the NUL at name[0]). Never fails; never reads outside
 * frame->data[0..caplen). Does not identify applications. Which fields are valid when:
 * docs/netwatch.md, "Decoding". */
void nw_decode(const struct nw_frame *frame, struct nw_packet *pkt);
/* Fills app, role and name fields (and NW_PF_DNS_RESPONSE) from ports, EtherType and payload,
 * once, on a packet as nw_decode left it: those fields read "none" (a hand-built packet zeroes
 * them; identify does not reset them itself). Reads only pkt->payload[0..payload_len). */
void nw_identify(struct nw_packet *pkt);

/* ======================================================================================== */
/* Flows (flow.c)                                                                           */
/* ======================================================================================== */

/* One conversation, both directions in one entry (≤ 128 bytes; the table is preallocated and
 * entries never move while the packet that returned them is processed). Endpoint a is the
 * initiator: the sender of the first packet seen, except that the receiver is the initiator when
 * that first packet is a TCP SYN-ACK, an ICMP/ICMPv6 echo reply, a DNS-family response
 * (NW_PF_DNS_RESPONSE) or a packet whose identified role is NW_ROLE_SERVER (captures often start
 * in the middle of a conversation). For frames without IP (PROFINET, GOOSE, LLDP …) the
 * endpoints are MAC addresses in the first 6 bytes of a_addr/b_addr, ip_version is 0,
 * a_port/b_port are 0 and proto holds 0 with the EtherType in ethertype. Non-first IP fragments
 * and ICMP carry no ports: their flows have ports 0 (docs/netwatch.md, "Flows"). */
struct nw_flow {
    uint8_t a_addr[16], b_addr[16];
    /* hash, ip_version, proto and vlan form one 64-bit word that a look-up compares at once
     * (flow.c, "tag"); a_port and b_port one 32-bit word. */
    uint32_t hash;           /* flow.c's own */
    uint8_t ip_version;      /* 0, 4, 6 */
    uint8_t proto;           /* IPPROTO_* or 0 */
    uint16_t vlan;           /* outer VLAN id, 0 if untagged */
    uint16_t a_port, b_port; /* b_port: the responder's port — the service */
    uint16_t ethertype;
    uint8_t state;       /* enum nw_flow_state */
    uint8_t app;         /* enum nw_app, the first identified */
    uint32_t packets[2]; /* [0] a→b, [1] b→a */
    uint32_t flags;      /* flow.c's own */
    /* detect.c's per-flow memo with hint[2] and hint[3], zero when the flow is created: per
     * direction the flood counter entry of the destination + 1, the "IP checks say nothing" bit
     * and the pending-new_conversation bit (layout at the top of detect.c). In the padding
     * before bytes[]. */
    uint32_t flood_hint;
    uint64_t bytes[2];
    int64_t first_ns, last_ns;
    /* Hints of the flow's consumers, zero when the flow is created: per direction, the
     * sender's asset id + 1 (asset.c, [0] and [1]); detect.c's memo ([2]: per direction the
     * sender's baseline asset + 1, [3]: the tag of the window flood_hint belongs to, both laid
     * out at the top of detect.c), so that a packet costs a comparison instead of a hashed
     * look-up; and the
     * signature of what the direction's last packet told the inventory (asset.c, [4] and [5]:
     * asset, app, role, VLAN), so that a packet with nothing new skips that bookkeeping. A hint
     * is checked against the packet before it is used (a flow's sender MAC may change: a
     * router, a man in the middle). The consumers write them through their const pointer:
     * the table's entries are writable, and the flow's state is not changed. */
    uint32_t hint[6];
};

/* nw_flow.state. TCP follows the handshake and the close; everything else is ACTIVE. */
enum nw_flow_state {
    NW_FS_ACTIVE = 0,  /* UDP, ICMP, other protocols, frames without IP */
    NW_FS_SYN_SENT,    /* TCP: SYN seen, no SYN-ACK yet (half-open) */
    NW_FS_SYN_RCVD,    /* TCP: SYN-ACK seen, handshake not completed (half-open) */
    NW_FS_ESTABLISHED, /* TCP: handshake completed, or first seen in mid-stream */
    NW_FS_FIN_WAIT,    /* TCP: one side sent FIN */
    NW_FS_CLOSED,      /* TCP: both sides sent FIN */
    NW_FS_RESET,       /* TCP: RST seen */
    NW_FS_COUNT
};

struct nw_flow_opts {
    uint32_t max_flows;      /* hard cap (0 = 1,000,000); beyond it the stalest flow is evicted */
    uint32_t tcp_open_s;     /* idle timeout of an established TCP flow (0 = 3600) */
    uint32_t tcp_closed_s;   /* after both FINs or a RST (0 = 10) */
    uint32_t tcp_halfopen_s; /* handshakes (SYN_SENT, SYN_RCVD) and one-FIN flows (0 = 30) */
    uint32_t udp_s;          /* UDP and others (0 = 120) */
};

struct nw_flow_stats {
    uint64_t active, created, expired, evicted;
    uint64_t max_flows;    /* the cap (opts.max_flows or its default) */
    uint64_t capacity;     /* slots of the table: the power of two ≥ max_flows / 0.7 */
    size_t bytes_per_flow; /* memory of the table divided by its capacity (bytes per slot) */
};

struct nw_flows;

int nw_flows_new(const struct nw_flow_opts *opts, struct nw_flows **out) AG_MUST_CHECK;
/* The packet's flow, created if new (*created = true). *dir = 0 when the packet goes from a to
 * b, 1 otherwise. NULL for a packet without endpoints (decode error before any address). The
 * flow's counters and state already include this packet. Valid until the next call. */
struct nw_flow *nw_flows_update(struct nw_flows *ft, const struct nw_packet *pkt, int *dir,
                                bool *created);
/* Ends flows idle past their timeout at now_ns (packet time, not wall time), calling done (if
 * not NULL) with each before it is removed. Cheap enough to call once per second of traffic. */
void nw_flows_expire(struct nw_flows *ft, int64_t now_ns,
                     void (*done)(const struct nw_flow *f, void *arg), void *arg);
void nw_flows_get_stats(const struct nw_flows *ft, struct nw_flow_stats *out);
void nw_flows_free(struct nw_flows *ft);

/* ======================================================================================== */
/* Assets (asset.c, oui.c)                                                                  */
/* ======================================================================================== */

/* The IEEE OUI list (Debian's ieee-data: /usr/share/ieee-data/oui.csv, MA-L; MA-M and MA-S
 * files beside it are read too when present). Loaded once, immutable. */
struct nw_oui;
int nw_oui_load(const char *dir, struct nw_oui **out, struct ag_error *err) AG_MUST_CHECK;
/* Vendor of a MAC ("Siemens AG"), or NULL (unknown, or a locally administered address). */
const char *nw_oui_vendor(const struct nw_oui *o, const uint8_t mac[6]);
void nw_oui_free(struct nw_oui *o);
/* nw_oui_load through a cache of the parsed registry in cache_dir (oui.c; docs/netwatch.md
 * "nwoui"): `oui-<sha256>.bin`, keyed by the CSV files' size, times and inode, read only when
 * private to this user (ag_cache_read) and fully valid, else the CSVs are read and the file
 * rewritten. cache_dir NULL: nw_oui_load. The cache never makes an error; note says what it did. */
struct nw_oui_cache_note {
    bool on;       /* a cache folder and a key: the cache was looked at */
    bool hit;      /* the registry came from the file */
    bool refused;  /* a file was there but not used (damaged, foreign, not private, a link) */
    bool stored;   /* the CSVs were read and the file written */
    char file[80]; /* oui-<64 hex>.bin */
};
int nw_oui_load_cached(const char *dir, const char *cache_dir, struct nw_oui **out,
                       struct nw_oui_cache_note *note, struct ag_error *err) AG_MUST_CHECK;

/* The inventory: one asset per device, keyed by MAC, or by IP where no MAC is visible (raw-IP
 * and loopback links, or addresses behind a router: a unicast IP whose MAC is a router's that
 * carries many IPs). Assets are observed from the packets' senders only (a destination may not
 * exist), except ARP replies and DHCP, which vouch for the addresses they carry. */
struct nw_assets;
struct nw_assets_opts {
    uint32_t max_assets;      /* 0 = 65536; beyond it new devices are counted, not kept */
    const struct nw_oui *oui; /* borrowed; may be NULL */
    uint32_t archive_days;    /* exports mark "archived" the assets idle more than this many
                                 days before the latest packet seen (0 = never) */
};
struct nw_assets_stats {
    uint64_t assets;            /* kept */
    uint64_t dropped;           /* new devices not kept: max_assets reached */
    uint64_t ips_replaced;      /* an asset's oldest address made room (16 per asset) */
    uint64_t ips_unindexed;     /* addresses not in the address index (4 × max_assets) */
    uint64_t names_dropped;     /* names past 8 per asset */
    uint64_t names_unattached;  /* names for an address no asset holds (yet) */
    uint64_t protocols_dropped; /* protocols past 32 served / 32 used per asset */
};
int nw_assets_new(const struct nw_assets_opts *opts, struct nw_assets **out) AG_MUST_CHECK;
/* Records what the packet shows about its sender (and, for ARP/DHCP/DNS answers, about the
 * addresses it vouches for): MAC, IPs (with first/last seen), names, protocols served (as
 * responder) and used (as initiator), roles. flow/dir come from nw_flows_update (flow may be
 * NULL). Returns true when the packet's sender is a device not seen before. */
bool nw_assets_observe(struct nw_assets *as, const struct nw_packet *pkt,
                       const struct nw_flow *flow, int dir);
/* Sets the status an export shows for the asset whose id (as exported: "00:1b:1b:01:02:03",
 * "10.0.0.5", "fd00::5") is given, e.g. "authorised" or "unauthorised" after comparing with the
 * asset register (default "observed"; at most 31 printable ASCII characters kept).
 * AG_EINVAL: not a MAC or IP; AG_ENOTFOUND: no such asset. */
int nw_assets_set_status(struct nw_assets *as, const char *id, const char *status) AG_MUST_CHECK;
/* The inventory as JSON (array of assets, see docs/netwatch.md) or CSV (header line first);
 * caller frees / releases. */
int nw_assets_to_json(const struct nw_assets *as, json_t **out) AG_MUST_CHECK;
void nw_assets_to_csv(const struct nw_assets *as, struct strbuf *sb);
size_t nw_assets_count(const struct nw_assets *as);
void nw_assets_get_stats(const struct nw_assets *as, struct nw_assets_stats *out);
void nw_assets_free(struct nw_assets *as);
/* The texts of oui.c and asset.c (msgs_assets.c), registered by nw_register_messages. */
extern const struct ag_msg nw_msgs_assets[];
extern const size_t nw_msgs_assets_count;

/* ======================================================================================== */
/* Baseline, allowlist and detectors (baseline.c, detect.c)                                 */
/* ======================================================================================== */

/* An address range of the site (the "internal" networks: default RFC 1918, RFC 4193 (fc00::/7),
 * link-local 169.254/16 and fe80::/10, plus multicast and broadcast, which never leave). */
struct nw_cidr {
    uint8_t family; /* 4 or 6 */
    uint8_t bits;
    uint8_t addr[16];
};
/* Parses "10.0.0.0/8,fd00::/8" (comma-separated; a bare address is a /32 or /128). Errors name
 * the bad entry. */
int nw_cidr_list_parse(const char *text, struct nw_cidr **out, size_t *count,
                       struct ag_error *err) AG_MUST_CHECK;

enum nw_alert_type {
    NW_ALERT_NEW_DEVICE = 0,   /* unmanaged device: not in the baseline's assets */
    NW_ALERT_NEW_CONVERSATION, /* outside the allowlist of conversations */
    NW_ALERT_EXTERNAL,         /* "external_communication": an address outside the internal
                                  ranges, including DNS queries to outside resolvers */
    NW_ALERT_IPV6_UNEXPECTED,  /* any IPv6 on a segment whose policy says none */
    NW_ALERT_FLOOD,            /* SYN, UDP, ICMP rates / half-open ratio per destination */
    NW_ALERT_PORT_SCAN,
    NW_ALERT_ARP_SPOOF, /* IP↔MAC flip-flop, gratuitous ARP takeover */
    NW_ALERT_IP_CONFLICT,
    NW_ALERT_BASELINE_DEVIATION, /* per-asset volume far from its learned profile by hour, or
                                    a device that talks regularly gone silent */
    NW_ALERT_COUNT
};
/* The exact `type` values of the CLI contract ("new_device", "external_communication", …). */
const char *nw_alert_type_name(enum nw_alert_type t);

/* One aggregated alert: one per device/conversation/destination per window, with a count. */
struct nw_alert {
    enum nw_alert_type type;
    int64_t first_ns, last_ns;      /* first and last packet the alert counts */
    uint64_t count;                 /* packets (or events: flows, ports, flips) counted */
    uint8_t src_family, dst_family; /* 0 when absent */
    uint8_t src[16], dst[16];
    uint16_t dport; /* the responder port / service, 0 if none */
    uint8_t proto;  /* IPPROTO_* or 0 */
    uint16_t ethertype;
    bool has_mac;
    uint8_t mac[6]; /* the device concerned (new device, spoofer, conflicting MAC) */
    uint16_t vlan;
    const char *guideline; /* static: the guideline items, e.g. "3.1.5.2(4)(d)" */
    const char *reason;    /* static or NULL: why (baseline_deviation: "volume", "silent_hour",
                              "silent") */
    char detail[160];      /* ASCII, e.g. "syn rate 5200/s, half-open 0.97" or the other MAC */
};
/* The alert as the JSON object of the CLI contract: type, time (RFC 3339 UTC of first_ns),
 * last, src, dst, mac, count, guideline, detail, … Caller decrefs. */
json_t *nw_alert_to_json(const struct nw_alert *a);

struct nw_watch_config {
    const struct nw_cidr *internal; /* borrowed; NULL/0 = the defaults above */
    size_t internal_count;
    bool ipv6_allowed;          /* false: every IPv6 packet is unexpected … */
    const uint16_t *ipv6_vlans; /* … except on these VLANs (borrowed) */
    size_t ipv6_vlan_count;
    uint32_t window_s;  /* aggregation window (0 = 60) */
    uint32_t syn_per_s; /* flood thresholds per destination (0 = defaults in
                           docs/netwatch.md) */
    uint32_t udp_per_s;
    uint32_t icmp_per_s;
    uint32_t scan_ports;     /* distinct ports (or hosts) per source per window (0 = 100) */
    double deviation_factor; /* baseline_deviation: volume above factor × learned (0 = 10) */
    double silence_factor;   /* baseline_deviation, silence: a device that talks regularly is
                                silent when it sends nothing for factor × its learned longest
                                gap (0 = 3) … */
    uint32_t silence_min_s;  /* … and at least this many seconds (0 = 30) */
    bool utc_offset_set;     /* hours of day in the site's time zone utc_offset (seconds east
                                of UTC); unset: the baseline's (learned.timezone, else UTC) */
    int32_t utc_offset;
};

/* What learning mode builds and watching mode compares with: the assets (MAC or IP), the
 * conversations (initiator, responder, L4 protocol, responder port or EtherType) and per-asset
 * traffic by hour of day. Saved as JSON (editable, exportable; format in docs/netwatch.md). */
struct nw_baseline;
int nw_baseline_new(struct nw_baseline **out) AG_MUST_CHECK;
/* Adds what the packet shows (flow/dir/created from nw_flows_update; flow may be NULL). */
void nw_baseline_learn(struct nw_baseline *bl, const struct nw_packet *pkt,
                       const struct nw_flow *flow, int dir, bool created);
int nw_baseline_save(const struct nw_baseline *bl, const char *path,
                     struct ag_error *err) AG_MUST_CHECK; /* write-then-rename */
int nw_baseline_load(const char *path, struct nw_baseline **out,
                     struct ag_error *err) AG_MUST_CHECK; /* errors name file and entry */
json_t *nw_baseline_to_json(const struct nw_baseline *bl);
/* The site's time zone of the hour-of-day profile, seconds east of UTC (default 0, UTC): set
 * before the first nw_baseline_learn; a loaded baseline has its file's (learned.timezone). */
void nw_baseline_set_utc_offset(struct nw_baseline *bl, int32_t utc_offset);
int32_t nw_baseline_utc_offset(const struct nw_baseline *bl);
/* What the baseline holds (for the CLI's summary and stats). */
struct nw_baseline_stats {
    int64_t first_ns, last_ns; /* the learned period */
    size_t assets, conversations, arp;
    uint64_t dropped; /* entries not kept: a table was at its cap (docs/netwatch.md) */
};
void nw_baseline_get_stats(const struct nw_baseline *bl, struct nw_baseline_stats *out);
void nw_baseline_free(struct nw_baseline *bl);

struct nw_detect;
typedef void (*nw_alert_fn)(const struct nw_alert *a, void *arg);
/* bl is borrowed and may be NULL (then new_device, new_conversation and baseline_deviation are
 * off). Alerts go to emit when their window closes (nw_detect_tick) or at nw_detect_finish. */
int nw_detect_new(const struct nw_watch_config *cfg, const struct nw_baseline *bl, nw_alert_fn emit,
                  void *arg, struct nw_detect **out) AG_MUST_CHECK;
void nw_detect_packet(struct nw_detect *d, const struct nw_packet *pkt, const struct nw_flow *flow,
                      int dir, bool created);
/* Closes windows that ended before now_ns (packet time); call about once per second of traffic. */
void nw_detect_tick(struct nw_detect *d, int64_t now_ns);
/* Emits every pending alert (end of input). */
void nw_detect_finish(struct nw_detect *d);
/* Counters of the detectors: what the fixed-size tables could not hold is counted, not lost
 * silently. */
struct nw_detect_stats {
    uint64_t packets;        /* packets seen by nw_detect_packet */
    uint64_t alerts;         /* alerts emitted */
    uint64_t alerts_dropped; /* events not aggregated: the window's alert table was full */
    uint64_t state_dropped;  /* keys not tracked: a flood, scan or ARP table was full */
};
void nw_detect_get_stats(const struct nw_detect *d, struct nw_detect_stats *out);
void nw_detect_free(struct nw_detect *d);

/* Registers netwatch's message tables (Japanese and English) with ag_tr. */
void nw_register_messages(void);

#endif
