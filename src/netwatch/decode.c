/*
 * decode.c — one captured frame into struct nw_packet: layers 2 to 4 (issue 6, item 2). Runs in
 * the capture's thread, once per packet: it allocates nothing, takes no lock and calls nothing but
 * memcpy/memset.
 *
 * Link types: Ethernet (DIX, and 802.3 with LLC, where SNAP with an EtherType OUI is followed),
 * 802.1Q/802.1ad/QinQ tags (0x8100, 0x88a8, 0x9100; two ids kept, more skipped), BSD loopback
 * (DLT_NULL, either byte order), OpenBSD loopback (DLT_LOOP), Linux cooked SLL and SLL2, raw
 * IPv4/IPv6. Above them ARP (Ethernet/IPv4), IPv4 (fragments flagged, not reassembled), IPv6 with
 * its extension headers, TCP, UDP, ICMP and ICMPv6 with NDP's link-layer address option.
 *
 * Invariants: nothing is read outside frame->data[0..caplen) — every read is preceded by a check
 * of the bytes left, and lengths are size_t counts that only shrink; every field of the packet
 * but name[1..] is written or zeroed on every frame (the common frame, Ethernet + IPv4 + TCP/UDP,
 * by a straight-line path that writes each field once; the rest after a reset); pkt->payload, when
 * payload_len > 0, lies inside the frame. A malformed frame is never a failure: err names the first
 * problem and the fields decoded before it stay valid. What is valid when is written down in
 * docs/netwatch.md, "Decoding".
 */
#include <string.h>

#include "netwatch/netwatch_int.h"

#define ETH_HLEN 14
#define SLL_HLEN 16
#define SLL2_HLEN 20
#define IPV4_HLEN 20
#define IPV6_HLEN 40
#define TCP_HLEN 20
#define UDP_HLEN 8
#define ICMP_HLEN 8     /* type, code, checksum and 4 bytes every ICMP/ICMPv6 message has */
#define IPV6_EXT_MAX 16 /* extension headers walked before the packet is called bad */

#define ET_IPV4 0x0800
#define ET_ARP 0x0806
#define ET_IPV6 0x86dd
#define ET_VLAN 0x8100
#define ET_QINQ 0x88a8
#define ET_QINQ_OLD 0x9100

#define ARPHRD_LOOPBACK 772

static inline uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

/* Four bytes in network order, one load. */
static inline uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

static const char *const derr_names[NW_DERR_COUNT] = {
    [NW_DERR_NONE] = "none",
    [NW_DERR_LINKTYPE] = "linktype",
    [NW_DERR_TRUNC_L2] = "trunc_l2",
    [NW_DERR_TRUNC_ARP] = "trunc_arp",
    [NW_DERR_TRUNC_IP] = "trunc_ip",
    [NW_DERR_BAD_IP] = "bad_ip",
    [NW_DERR_BAD_IPV6_EXT] = "bad_ipv6_ext",
    [NW_DERR_TRUNC_L4] = "trunc_l4",
    [NW_DERR_BAD_TCP] = "bad_tcp",
};

const char *nw_decode_err_name(enum nw_decode_err e)
{
    if ((unsigned)e >= NW_DERR_COUNT)
        return "unknown";
    return derr_names[e];
}

/* NDP (ICMPv6 133–137): the first source (1) or target (2) link-layer address option whose
 * address is 6 bytes. opt is where the options start for this message type. */
static void dec_ndp(struct nw_packet *pkt, const uint8_t *p, size_t have)
{
    static const uint8_t opt_at[5] = {8, 16, 24, 24, 40}; /* RS, RA, NS, NA, Redirect */
    size_t off = opt_at[pkt->icmp_type - 133];
    pkt->flags |= NW_PF_NDP;
    while (have >= off + 2) {
        size_t olen = (size_t)p[off + 1] * 8;
        if (olen == 0) /* invalid (RFC 4861 4.6): the rest cannot be walked */
            return;
        if ((p[off] == 1 || p[off] == 2) && olen >= 8 && have >= off + 8) {
            memcpy(pkt->ndp_mac, p + off + 2, 6);
            return;
        }
        off += olen;
    }
}

/* Layer 4 at p: have bytes present, decl bytes the IP header says (have <= decl). */
static inline void dec_l4(struct nw_packet *pkt, unsigned proto, const uint8_t *p, size_t have,
                          size_t decl)
{
    switch (proto) {
    case 6: { /* TCP */
        if (have < TCP_HLEN) {
            pkt->err = NW_DERR_TRUNC_L4;
            return;
        }
        size_t doff = (size_t)(p[12] >> 4) * 4;
        if (doff < TCP_HLEN || doff > decl) {
            pkt->err = NW_DERR_BAD_TCP;
            return;
        }
        pkt->sport = rd16(p);
        pkt->dport = rd16(p + 2);
        pkt->tcp_flags = p[13];
        pkt->flags |= NW_PF_L4;
        if (doff > have) { /* options cut by the snap length: ports and flags are there */
            pkt->err = NW_DERR_TRUNC_L4;
            return;
        }
        pkt->payload = p + doff;
        pkt->payload_len = (uint32_t)(have - doff);
        return;
    }
    case 17: { /* UDP */
        if (have < UDP_HLEN) {
            pkt->err = NW_DERR_TRUNC_L4;
            return;
        }
        pkt->sport = rd16(p);
        pkt->dport = rd16(p + 2);
        pkt->flags |= NW_PF_L4;
        size_t n = have - UDP_HLEN, ulen = rd16(p + 4);
        if (ulen >= UDP_HLEN && ulen - UDP_HLEN < n) /* 0 (jumbogram) or < 8: the IP length */
            n = ulen - UDP_HLEN;
        pkt->payload = p + UDP_HLEN;
        pkt->payload_len = (uint32_t)n;
        return;
    }
    case 1:    /* ICMP */
    case 58: { /* ICMPv6 */
        if (have < ICMP_HLEN) {
            pkt->err = NW_DERR_TRUNC_L4;
            return;
        }
        pkt->icmp_type = p[0];
        pkt->icmp_code = p[1];
        pkt->flags |= NW_PF_L4;
        pkt->payload = p + ICMP_HLEN;
        pkt->payload_len = (uint32_t)(have - ICMP_HLEN);
        if (proto == 58 && p[0] >= 133 && p[0] <= 137)
            dec_ndp(pkt, p, have);
        return;
    }
    default: /* another protocol (GRE, OSPF, VRRP, ESP …): its bytes, undecoded */
        pkt->payload = p;
        pkt->payload_len = (uint32_t)have;
        return;
    }
}

static void dec_ipv4(struct nw_packet *pkt, const uint8_t *p, size_t len)
{
    if (len < IPV4_HLEN) {
        pkt->err = NW_DERR_TRUNC_IP;
        return;
    }
    size_t ihl = (size_t)(p[0] & 15) * 4, tot = rd16(p + 2);
    if (tot == 0) /* TCP segmentation offload on the capturing host: the bytes captured */
        tot = len;
    if ((p[0] >> 4) != 4 || ihl < IPV4_HLEN || tot < ihl) {
        pkt->err = NW_DERR_BAD_IP;
        return;
    }
    if (ihl > len) { /* options cut by the snap length */
        pkt->err = NW_DERR_TRUNC_IP;
        return;
    }
    pkt->ip_version = 4;
    pkt->ttl = p[8];
    pkt->l4_proto = p[9];
    memcpy(pkt->src_ip, p + 12, 4);
    memcpy(pkt->dst_ip, p + 16, 4);
    size_t have = tot < len ? tot : len; /* bytes past tot are Ethernet padding */
    unsigned frag = rd16(p + 6);
    if (frag & 0x3fff) { /* MF or an offset */
        pkt->flags |= NW_PF_FRAGMENT;
        if (frag & 0x1fff) /* not the first: no L4 header, and not an error */
            return;
        pkt->flags |= NW_PF_FIRST_FRAGMENT;
    }
    dec_l4(pkt, p[9], p + ihl, have - ihl, tot - ihl);
}

static void dec_ipv6(struct nw_packet *pkt, const uint8_t *p, size_t len)
{
    if (len < IPV6_HLEN) {
        pkt->err = NW_DERR_TRUNC_IP;
        return;
    }
    if ((p[0] >> 4) != 6) {
        pkt->err = NW_DERR_BAD_IP;
        return;
    }
    pkt->ip_version = 6;
    pkt->ttl = p[7];
    memcpy(pkt->src_ip, p + 8, 16);
    memcpy(pkt->dst_ip, p + 24, 16);
    size_t plen = rd16(p + 4);
    /* 0: a jumbogram (RFC 2675) or segmentation offload — the bytes captured */
    size_t decl = plen ? IPV6_HLEN + plen : len;
    size_t have = decl < len ? decl : len, off = IPV6_HLEN;
    unsigned nh = p[6];
    for (unsigned n = 0;; n++) {
        size_t hl;
        switch (nh) {
        case 0:   /* hop-by-hop options */
        case 43:  /* routing */
        case 60:  /* destination options */
        case 135: /* mobility */
        case 139: /* HIP */
        case 140: /* shim6 */
            if (n >= IPV6_EXT_MAX || have - off < 2)
                goto bad;
            hl = ((size_t)p[off + 1] + 1) * 8;
            break;
        case 51: /* AH: its length counts 4-byte units, minus 2 */
            if (n >= IPV6_EXT_MAX || have - off < 2)
                goto bad;
            hl = ((size_t)p[off + 1] + 2) * 4;
            break;
        case 44: { /* fragment */
            if (n >= IPV6_EXT_MAX || have - off < 8)
                goto bad;
            unsigned fo = rd16(p + off + 2);
            if (fo & 0xfff9) { /* an offset or M (offset 0 and no M: an atomic fragment) */
                pkt->flags |= NW_PF_FRAGMENT;
                if (fo & 0xfff8) { /* not the first: no L4 header */
                    pkt->l4_proto = p[off];
                    return;
                }
                pkt->flags |= NW_PF_FIRST_FRAGMENT;
            }
            hl = 8;
            break;
        }
        default: /* an upper layer, ESP (50) or no next header (59): the walk ends */
            pkt->l4_proto = (uint8_t)nh;
            dec_l4(pkt, nh, p + off, have - off, decl - off);
            return;
        }
        if (hl > have - off)
            goto bad;
        nh = p[off];
        off += hl;
    }
bad:
    pkt->l4_proto = (uint8_t)nh; /* the extension header that could not be walked */
    pkt->err = NW_DERR_BAD_IPV6_EXT;
}

static void dec_arp(struct nw_packet *pkt, const uint8_t *p, size_t len)
{
    pkt->payload = p;
    pkt->payload_len = (uint32_t)len;
    if (len < 8) {
        pkt->err = NW_DERR_TRUNC_ARP;
        return;
    }
    /* Ethernet (1) / IPv4 only; ARP for other hardware is left undecoded, not an error */
    if (rd16(p) != 1 || rd16(p + 2) != ET_IPV4 || p[4] != 6 || p[5] != 4)
        return;
    if (len < 28) {
        pkt->err = NW_DERR_TRUNC_ARP;
        return;
    }
    pkt->arp_op = rd16(p + 6);
    memcpy(pkt->arp_sha, p + 8, 6);
    memcpy(pkt->arp_spa, p + 14, 4);
    memcpy(pkt->arp_tha, p + 18, 6);
    memcpy(pkt->arp_tpa, p + 24, 4);
    /* an announcement of the sender's own address; 0.0.0.0 (a probe's sender) claims nothing */
    if (memcmp(pkt->arp_spa, pkt->arp_tpa, 4) == 0 && (p[14] | p[15] | p[16] | p[17]) != 0)
        pkt->flags |= NW_PF_ARP_GRATUITOUS;
}

/* The network layer named by an EtherType, at p (len bytes). */
static inline void dec_ethertype(struct nw_packet *pkt, uint16_t type, const uint8_t *p, size_t len)
{
    pkt->ethertype = type;
    switch (type) {
    case ET_IPV4:
        dec_ipv4(pkt, p, len);
        return;
    case ET_IPV6:
        dec_ipv6(pkt, p, len);
        return;
    case ET_ARP:
        dec_arp(pkt, p, len);
        return;
    default: /* PROFINET, GOOSE, SV, LLDP …: identify reads the bytes after the EtherType */
        pkt->payload = p;
        pkt->payload_len = (uint32_t)len;
        return;
    }
}

/* 802.2 LLC at p (len bytes, already cut to the 802.3 length). SNAP with the OUI 00-00-00 (RFC
 * 1042) or 00-00-f8 (802.1H) carries an EtherType, which is decoded as on DIX Ethernet. Any other
 * LLC frame (spanning tree, NetBIOS, CDP's SNAP …) keeps ethertype 0 and its payload is the LLC
 * header and what follows. */
static void dec_llc(struct nw_packet *pkt, const uint8_t *p, size_t len)
{
    if (len >= 8 && p[0] == 0xaa && p[1] == 0xaa && p[2] == 0x03 && p[3] == 0 && p[4] == 0 &&
        (p[5] == 0 || p[5] == 0xf8)) {
        dec_ethertype(pkt, rd16(p + 6), p + 8, len - 8);
        return;
    }
    pkt->ethertype = 0;
    pkt->payload = p;
    pkt->payload_len = (uint32_t)len;
}

/* What follows an EtherType field of value type at p: VLAN tags, then the network layer.
 * lenfield: a value below 0x0600 is an 802.3 length (Ethernet) rather than a protocol number
 * (SLL, whose values 1–0x5ff name Novell/LLC framings without a length). */
static inline void dec_l2_type(struct nw_packet *pkt, uint16_t type, const uint8_t *p, size_t len,
                               bool lenfield)
{
    while (type == ET_VLAN || type == ET_QINQ || type == ET_QINQ_OLD) {
        pkt->ethertype = type;
        if (len < 4) {
            pkt->err = NW_DERR_TRUNC_L2;
            return;
        }
        if (pkt->vlan_count < 2)
            pkt->vlan[pkt->vlan_count] = rd16(p) & 0x0fff;
        if (pkt->vlan_count < UINT8_MAX)
            pkt->vlan_count++;
        type = rd16(p + 2);
        p += 4;
        len -= 4;
    }
    if (type < 0x0600) {
        if (lenfield && type < len) /* the rest is padding */
            len = type;
        dec_llc(pkt, p, len);
        return;
    }
    dec_ethertype(pkt, type, p, len);
}

/* Linux cooked capture (SLL, SLL2): the packet type (1 broadcast, 2 multicast), the ARPHRD type,
 * the link-layer address of the sender (kept as src_mac when it is 6 bytes and not a loopback's
 * zeros; the destination MAC is not in the header) and the protocol (an EtherType). */
static void dec_sll(struct nw_packet *pkt, unsigned pkttype, unsigned hatype, unsigned halen,
                    const uint8_t *addr, uint16_t proto, const uint8_t *p, size_t len)
{
    if (pkttype == 1)
        pkt->flags |= NW_PF_BROADCAST;
    else if (pkttype == 2)
        pkt->flags |= NW_PF_MULTICAST;
    if (halen == 6 && hatype != ARPHRD_LOOPBACK &&
        (addr[0] | addr[1] | addr[2] | addr[3] | addr[4] | addr[5]) != 0) {
        pkt->has_mac = true;
        memcpy(pkt->src_mac, addr, 6);
    }
    dec_l2_type(pkt, proto, p, len, false);
}

/* The address family of the loopback link types into an EtherType (0: another family). */
static uint16_t af_ethertype(unsigned af)
{
    switch (af) {
    case 2: /* AF_INET everywhere */
        return ET_IPV4;
    case 24: /* AF_INET6: NetBSD, OpenBSD */
    case 28: /* FreeBSD */
    case 30: /* macOS */
        return ET_IPV6;
    default:
        return 0;
    }
}

static void dec_loop(struct nw_packet *pkt, unsigned af, const uint8_t *p, size_t len)
{
    uint16_t et = af_ethertype(af);
    if (et) {
        dec_ethertype(pkt, et, p, len);
        return;
    }
    pkt->payload = p; /* another family: undecoded, not an error */
    pkt->payload_len = (uint32_t)len;
}

/* The packet's fields from vlan_count to name[0] (netwatch.h orders them so): zeroed on every
 * frame in one block of five 16-byte stores, past name[0] into name[1..15], which mean nothing
 * past the NUL. */
enum {
    ZERO_AT = offsetof(struct nw_packet, vlan_count),
    ZERO_END = offsetof(struct nw_packet, name) + 1,
    ZERO_LEN = 80,
    MACS_AT = offsetof(struct nw_packet, dst_mac),
    IPS_AT = offsetof(struct nw_packet, src_ip),
};
_Static_assert(offsetof(struct nw_packet, src_mac) == MACS_AT + 6 &&
                   offsetof(struct nw_packet, dst_ip) == IPS_AT + 16,
               "dst_mac before src_mac, src_ip before dst_ip, without a gap");
_Static_assert(ZERO_END - ZERO_AT <= ZERO_LEN && ZERO_AT + ZERO_LEN <= sizeof(struct nw_packet),
               "the zeroed block covers vlan_count .. name[0] and stays inside the packet");

static inline void zero_block(struct nw_packet *pkt)
{
    memset((uint8_t *)pkt + ZERO_AT, 0, ZERO_LEN);
}

/* Resets the packet: every field decode fills, and identify's app, role, name_kind, name_len,
 * name[0], name_addr_family, name_addr and dhcp_mac — all but name[1..64], which mean nothing past
 * name_len. Cleared in pieces of at most 64 bytes, which gcc and clang turn into 16-byte stores
 * (one memset of the whole struct became `rep stos` with gcc -O2, 3 times slower). */
static inline void reset(struct nw_packet *pkt)
{
    _Static_assert(ZERO_AT > 64 && ZERO_AT <= 128, "the pieces below cover [0, ZERO_AT)");
    uint8_t *b = (uint8_t *)pkt;
    memset(b, 0, 64);
    memset(b + 64, 0, ZERO_AT - 64);
    zero_block(pkt);
}

/* The common frame, Ethernet II (untagged or with one 802.1Q tag) + IPv4 without options or
 * fragmentation + a whole TCP or UDP header, straight through: every field written once, without
 * the reset and the layered walk. l2: the bytes before the IPv4 header (14, or 18 with vid the
 * tag's VLAN id), whose EtherType and first IP byte nw_decode has checked. False (nothing
 * written) for anything else, which nw_decode_slow decodes; the results are the same (test_decode's
 * fast_path_matches_slow and fuzz_netwatch_decode compare them). */
static inline __attribute__((always_inline)) bool
dec_fast(const struct nw_frame *frame, struct nw_packet *pkt, size_t l2, uint16_t vid)
{
    const uint8_t *p = frame->data;
    size_t len = frame->caplen;
    const uint8_t *ip = p + l2;
    size_t tot = rd16(ip + 2), have = len - l2;
    unsigned proto = ip[9];
    /* tot 0 (offload) and tot < 20 (bad) take the slow path, so do fragments (MF or offset) */
    if (tot < IPV4_HLEN || (rd16(ip + 6) & 0x3fff) != 0)
        return false;
    if (tot < have)
        have = tot; /* bytes past tot are Ethernet padding */
    const uint8_t *l4 = ip + IPV4_HLEN;
    size_t l4have = have - IPV4_HLEN, off, n;
    uint8_t tcp_flags = 0;
    if (proto == 6) {
        if (l4have < TCP_HLEN)
            return false;
        off = (size_t)(l4[12] >> 4) * 4; /* within the bytes present: also within tot */
        if (off < TCP_HLEN || off > l4have)
            return false;
        n = l4have - off;
        tcp_flags = l4[13];
    } else if (proto == 17) {
        if (l4have < UDP_HLEN)
            return false;
        off = UDP_HLEN;
        n = l4have - UDP_HLEN;
        size_t ulen = rd16(l4 + 4);
        if (ulen >= UDP_HLEN && ulen - UDP_HLEN < n)
            n = ulen - UDP_HLEN;
    } else {
        return false;
    }
    zero_block(pkt);
    if (l2 != ETH_HLEN) {
        pkt->vlan_count = 1;
        pkt->vlan[0] = vid;
    }
    pkt->ts_ns = frame->ts_ns;
    pkt->wire_len = frame->wire_len;
    uint32_t flags = NW_PF_L4;
    if (p[0] & 1) /* the group bit */
        flags |=
            (p[0] & p[1] & p[2] & p[3] & p[4] & p[5]) == 0xff ? NW_PF_BROADCAST : NW_PF_MULTICAST;
    pkt->flags = flags;
    pkt->payload = l4 + off;
    pkt->payload_len = (uint32_t)n;
    pkt->err = NW_DERR_NONE;
    pkt->ethertype = ET_IPV4;
    uint32_t ports = rd32(l4);
    pkt->sport = (uint16_t)(ports >> 16);
    pkt->dport = (uint16_t)ports;
    pkt->has_mac = true;
    pkt->ip_version = 4;
    pkt->ttl = ip[8];
    pkt->l4_proto = (uint8_t)proto;
    pkt->tcp_flags = tcp_flags;
    uint8_t *b = (uint8_t *)pkt;
    memcpy(b + MACS_AT, p, 12); /* dst_mac, src_mac: the header's order */
    memset(b + IPS_AT, 0, 32);
    memcpy(pkt->src_ip, ip + 12, 4);
    memcpy(pkt->dst_ip, ip + 16, 4);
    return true;
}

void nw_decode(const struct nw_frame *frame, struct nw_packet *pkt)
{
    const uint8_t *p = frame->data;
    size_t len = frame->caplen;
    /* EtherType 0x0800, or one 802.1Q tag and 0x0800, then version 4 with IHL 5 (the TOS byte
     * after it is not looked at); dec_fast is expanded once for each, its l2 a constant */
    if (frame->linktype == NW_LINK_ETHERNET && len >= ETH_HLEN + IPV4_HLEN + UDP_HLEN) {
        uint32_t w = rd32(p + 12);
        if ((w >> 8) == 0x080045) {
            if (dec_fast(frame, pkt, ETH_HLEN, 0))
                return;
        } else if ((w >> 16) == ET_VLAN && len >= ETH_HLEN + 4 + IPV4_HLEN + UDP_HLEN &&
                   (rd32(p + 16) >> 8) == 0x080045) {
            if (dec_fast(frame, pkt, ETH_HLEN + 4, (uint16_t)(w & 0x0fff)))
                return;
        }
    }
    nw_decode_slow(frame, pkt);
}

void nw_decode_slow(const struct nw_frame *frame, struct nw_packet *pkt)
{
    reset(pkt);
    pkt->ts_ns = frame->ts_ns;
    pkt->wire_len = frame->wire_len;
    const uint8_t *p = frame->data;
    size_t len = frame->caplen;

    switch (frame->linktype) {
    case NW_LINK_ETHERNET:
        if (len < ETH_HLEN)
            break;
        memcpy(pkt->dst_mac, p, 6);
        memcpy(pkt->src_mac, p + 6, 6);
        pkt->has_mac = true;
        if (p[0] & 1) /* the group bit */
            pkt->flags |= (p[0] & p[1] & p[2] & p[3] & p[4] & p[5]) == 0xff ? NW_PF_BROADCAST
                                                                            : NW_PF_MULTICAST;
        dec_l2_type(pkt, rd16(p + 12), p + ETH_HLEN, len - ETH_HLEN, true);
        return;
    case NW_LINK_NULL: /* the capturing host's order, unknown here: 2 is 02000000 or 00000002 */
        if (len < 4)
            break;
        dec_loop(pkt,
                 (p[1] | p[2] | p[3]) == 0   ? p[0]
                 : (p[0] | p[1] | p[2]) == 0 ? p[3]
                                             : 0,
                 p + 4, len - 4);
        return;
    case NW_LINK_LOOP: /* network order */
        if (len < 4)
            break;
        dec_loop(pkt, (p[0] | p[1] | p[2]) == 0 ? p[3] : 0, p + 4, len - 4);
        return;
    case NW_LINK_LINUX_SLL:
        /* packet type, ARPHRD type, address length, address (8), protocol */
        if (len < SLL_HLEN)
            break;
        dec_sll(pkt, rd16(p), rd16(p + 2), rd16(p + 4), p + 6, rd16(p + 14), p + SLL_HLEN,
                len - SLL_HLEN);
        return;
    case NW_LINK_LINUX_SLL2:
        /* protocol, reserved, interface index (4), ARPHRD type, packet type, address length,
         * address (8) */
        if (len < SLL2_HLEN)
            break;
        dec_sll(pkt, p[10], rd16(p + 8), p[11], p + 12, rd16(p), p + SLL2_HLEN, len - SLL2_HLEN);
        return;
    case NW_LINK_RAW:
        if (len < 1) {
            pkt->err = NW_DERR_TRUNC_IP;
            return;
        }
        if ((p[0] >> 4) == 6)
            dec_ethertype(pkt, ET_IPV6, p, len);
        else if ((p[0] >> 4) == 4)
            dec_ethertype(pkt, ET_IPV4, p, len);
        else
            pkt->err = NW_DERR_BAD_IP;
        return;
    case NW_LINK_IPV4:
        dec_ethertype(pkt, ET_IPV4, p, len);
        return;
    case NW_LINK_IPV6:
        dec_ethertype(pkt, ET_IPV6, p, len);
        return;
    default:
        pkt->err = NW_DERR_LINKTYPE;
        return;
    }
    pkt->err = NW_DERR_TRUNC_L2; /* shorter than the link-layer header */
}
