/*
 * test_decode.c — the L2–L4 decoder (src/netwatch/decode.c) on hand-built frames with known
 * fields: every link type (Ethernet DIX and 802.3 LLC/SNAP, 802.1Q/QinQ, DLT_NULL in both byte
 * orders, DLT_LOOP, SLL, SLL2, raw IP), ARP (gratuitous, probe, truncated), IPv4 (fragments, bad
 * IHL and lengths, Ethernet padding), IPv6 extension headers (hop-by-hop, fragment, AH's own
 * length unit, the walk's bound), TCP/UDP/ICMP/ICMPv6 with NDP link-layer options, non-IP
 * EtherTypes; frames cut at every byte offset; the reset of a reused struct. Every frame is
 * decoded from a heap copy of its exact size, so ASan reports any read past caplen.
 *
 * Then the real captures of $AG_SHARED_DIR/testdata/pcaps (read with libpcap directly): per file
 * the counts of IPv4/IPv6/ARP/TCP/UDP/ICMP/VLAN frames, the TCP and UDP payload bytes, and the
 * decode errors by reason. The expected numbers are tshark's (see real_captures) — a dissector no
 * one here wrote; a per-frame comparison of source MACs, VLAN ids, ARP opcodes, addresses, TTL,
 * ports, TCP flags and TCP payload lengths agreed on all 76,254 frames when this was written (but
 * for tshark's 12-bit tcp.flags, whose 0x100 bit two fuzzed frames of bro_modbus_fuzz-72 set and
 * tcp_flags, 8 bits, does not keep).
 */
#define _DEFAULT_SOURCE /* libpcap's headers use u_char, u_int */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch_int.h"

/* ---- frame building ---------------------------------------------------------------------- */

struct fb {
    uint8_t b[1024];
    size_t n;
};

static void put(struct fb *f, const void *p, size_t n)
{
    if (n == 0)
        return;
    assert_true(f->n + n <= sizeof(f->b));
    memcpy(f->b + f->n, p, n);
    f->n += n;
}

static void put8(struct fb *f, unsigned v)
{
    uint8_t b = (uint8_t)v;
    put(f, &b, 1);
}

static void put16(struct fb *f, unsigned v)
{
    put8(f, v >> 8);
    put8(f, v);
}

static void put32(struct fb *f, uint32_t v)
{
    put16(f, v >> 16);
    put16(f, v & 0xffff);
}

static void fill(struct fb *f, uint8_t byte, size_t n)
{
    assert_true(f->n + n <= sizeof(f->b));
    memset(f->b + f->n, byte, n);
    f->n += n;
}

static const uint8_t MAC_A[6] = {0x00, 0x1b, 0x1b, 0x11, 0x22, 0x33}; /* Siemens OUI */
static const uint8_t MAC_B[6] = {0x00, 0x80, 0xf4, 0x44, 0x55, 0x66};
static const uint8_t BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t MCAST4[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb};
static const uint8_t ZERO16[16];
static const uint8_t IP_A[4] = {192, 168, 0, 10}, IP_B[4] = {192, 168, 0, 20};
static const uint8_t IP6_A[16] = {0xfe, 0x80, 0,    0,    0,    0,    0,    0,
                                  0x02, 0x1b, 0x1b, 0xff, 0xfe, 0x11, 0x22, 0x33};
static const uint8_t IP6_B[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x20};

static void eth(struct fb *f, const uint8_t *dst, const uint8_t *src, unsigned type)
{
    put(f, dst, 6);
    put(f, src, 6);
    put16(f, type);
}

static void vlan_tag(struct fb *f, unsigned tpid_next, unsigned tci)
{
    put16(f, tci);
    put16(f, tpid_next);
}

/* IPv4 header of ihl words (options are NOPs) carrying l4len bytes; frag = the flags/offset
 * field. */
static void ipv4h(struct fb *f, unsigned ihl, unsigned proto, unsigned l4len, unsigned frag)
{
    put8(f, 0x40 | ihl);
    put8(f, 0);
    put16(f, ihl * 4 + l4len);
    put16(f, 0x1234);
    put16(f, frag);
    put8(f, 64); /* TTL */
    put8(f, proto);
    put16(f, 0);
    put(f, IP_A, 4);
    put(f, IP_B, 4);
    fill(f, 0x01, (ihl - 5) * 4);
}

static void ipv6h(struct fb *f, unsigned nh, unsigned plen, const uint8_t *src, const uint8_t *dst)
{
    put32(f, 0x60000000);
    put16(f, plen);
    put8(f, nh);
    put8(f, 255); /* hop limit */
    put(f, src, 16);
    put(f, dst, 16);
}

/* TCP header of doff words (options NOP) with flags, then payload bytes of 0xab. */
static void tcph(struct fb *f, unsigned sport, unsigned dport, unsigned flags, unsigned doff,
                 size_t payload)
{
    put16(f, sport);
    put16(f, dport);
    put32(f, 1000);
    put32(f, 2000);
    put8(f, doff << 4);
    put8(f, flags);
    put16(f, 8192);
    put32(f, 0);
    fill(f, 0x01, doff > 5 ? (doff - 5) * 4 : 0);
    fill(f, 0xab, payload);
}

static void udph(struct fb *f, unsigned sport, unsigned dport, unsigned ulen, size_t payload)
{
    put16(f, sport);
    put16(f, dport);
    put16(f, ulen);
    put16(f, 0);
    fill(f, 0xcd, payload);
}

/* ---- decoding from an exact-size copy ---------------------------------------------------- */

static uint8_t *g_copy; /* the frame of the last dec(); kept alive for pkt->payload */

static struct nw_packet dec_n(const uint8_t *b, size_t n, uint32_t link)
{
    free(g_copy);
    g_copy = malloc(n ? n : 1);
    assert_non_null(g_copy);
    if (n)
        memcpy(g_copy, b, n);
    struct nw_frame fr = {.ts_ns = 1700000000123456789LL,
                          .caplen = (uint32_t)n,
                          .wire_len = (uint32_t)n + 4,
                          .linktype = link,
                          .data = g_copy};
    struct nw_packet pkt;
    memset(&pkt, 0x5a, sizeof(pkt)); /* stale bytes: the decoder must reset what it owns */
    nw_decode(&fr, &pkt);
    assert_int_equal(pkt.ts_ns, fr.ts_ns);
    assert_int_equal(pkt.wire_len, fr.wire_len);
    assert_int_equal(pkt.app, NW_APP_NONE);
    assert_int_equal(pkt.name_kind, NW_NAME_NONE);
    assert_int_equal(pkt.name[0], '\0');
    if (pkt.payload_len) { /* inside the frame */
        assert_true(pkt.payload >= g_copy);
        assert_true(pkt.payload + pkt.payload_len <= g_copy + n);
    }
    /* nw_decode's straight-line path (Ethernet + IPv4 + TCP/UDP) and the layered walk agree on
     * every byte up to name[0] */
    struct nw_packet slow;
    memset(&slow, 0xc3, sizeof(slow));
    nw_decode_slow(&fr, &slow);
    assert_memory_equal(&pkt, &slow, offsetof(struct nw_packet, name) + 1);
    return pkt;
}

static struct nw_packet dec(const struct fb *f, uint32_t link)
{
    return dec_n(f->b, f->n, link);
}

/* Offset of the payload in the frame. */
static size_t poff(const struct nw_packet *p)
{
    assert_non_null(p->payload);
    return (size_t)(p->payload - g_copy);
}

static int teardown(void **state)
{
    free(g_copy);
    g_copy = NULL;
    return 0;
}

/* ---- Ethernet, IPv4, TCP, UDP, ICMP -------------------------------------------------------- */

static void eth_ipv4_tcp(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 5, 6, 20 + 12, 0x4000); /* DF: not a fragment */
    tcph(&f, 50000, 502, 0x18, 5, 12);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_true(p.has_mac);
    assert_memory_equal(p.src_mac, MAC_A, 6);
    assert_memory_equal(p.dst_mac, MAC_B, 6);
    assert_int_equal(p.flags, NW_PF_L4); /* unicast, not a fragment */
    assert_int_equal(p.vlan_count, 0);
    assert_int_equal(p.ethertype, 0x0800);
    assert_int_equal(p.arp_op, 0);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(p.ttl, 64);
    assert_int_equal(p.l4_proto, 6);
    assert_memory_equal(p.src_ip, IP_A, 4);
    assert_memory_equal(p.dst_ip, IP_B, 4);
    assert_memory_equal(p.src_ip + 4, ZERO16, 12);
    assert_memory_equal(p.dst_ip + 4, ZERO16, 12);
    assert_int_equal(p.sport, 50000);
    assert_int_equal(p.dport, 502);
    assert_int_equal(p.tcp_flags, 0x18);
    assert_int_equal(p.icmp_type, 0);
    assert_int_equal(poff(&p), 54);
    assert_int_equal(p.payload_len, 12);
    assert_int_equal(p.payload[0], 0xab);
}

/* TCP options are skipped; Ethernet padding after the IPv4 total length is not payload. */
static void tcp_options_and_padding(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 5, 6, 24, 0);
    tcph(&f, 1234, 102, 0x02, 6, 0); /* SYN with 4 bytes of options: 58 bytes */
    fill(&f, 0, 60 - f.n);           /* padded to the Ethernet minimum */
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.tcp_flags, 0x02);
    assert_int_equal(p.dport, 102);
    assert_int_equal(p.payload_len, 0);

    struct fb u = {0}; /* UDP with 1 byte of payload in a 60-byte frame */
    eth(&u, MAC_B, MAC_A, 0x0800);
    ipv4h(&u, 5, 17, 9, 0);
    udph(&u, 5353, 47808, 9, 1);
    fill(&u, 0xee, 60 - u.n);
    p = dec(&u, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.payload_len, 1);
    assert_int_equal(p.payload[0], 0xcd);
}

static void mac_flags(void **state)
{
    struct fb f = {0};
    eth(&f, BCAST, MAC_A, 0x88cc);
    fill(&f, 0, 46);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.flags & (NW_PF_BROADCAST | NW_PF_MULTICAST), NW_PF_BROADCAST);
    f.n = 0;
    eth(&f, MCAST4, MAC_A, 0x88cc);
    fill(&f, 0, 46);
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.flags & (NW_PF_BROADCAST | NW_PF_MULTICAST), NW_PF_MULTICAST);
    f.b[5] = 0xfe; /* ff:ff:ff:ff:ff:fe is multicast, not broadcast */
    memcpy(f.b, BCAST, 5);
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.flags & (NW_PF_BROADCAST | NW_PF_MULTICAST), NW_PF_MULTICAST);
}

/* UDP's payload is bounded by its own length and by the bytes present; length 0 (a jumbogram)
 * falls back on the IP length. */
static void udp_lengths(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 5, 17, 8 + 10, 0);
    udph(&f, 123, 123, 8 + 4, 10); /* UDP says 4 bytes, IP carries 10 */
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.sport, 123);
    assert_int_equal(p.payload_len, 4);
    assert_int_equal(poff(&p), 42);

    f.b[38] = f.b[39] = 0; /* UDP length 0 */
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.payload_len, 10);

    f.b[38] = 0x10; /* 4096: more than present */
    p = dec_n(f.b, f.n - 3, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.payload_len, 7);

    p = dec_n(f.b, 14 + 20 + 7, NW_LINK_ETHERNET); /* 7 bytes of UDP header */
    assert_int_equal(p.err, NW_DERR_TRUNC_L4);
    assert_false(p.flags & NW_PF_L4);
    assert_int_equal(p.sport, 0);
    assert_int_equal(p.ip_version, 4); /* what came before stays */
}

static void icmp(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 5, 1, 8 + 32, 0);
    put8(&f, 8); /* echo request */
    put8(&f, 0);
    put16(&f, 0);
    put32(&f, 0x00010001);
    fill(&f, 0x61, 32);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_true(p.flags & NW_PF_L4);
    assert_false(p.flags & NW_PF_NDP);
    assert_int_equal(p.l4_proto, 1);
    assert_int_equal(p.icmp_type, 8);
    assert_int_equal(p.icmp_code, 0);
    assert_int_equal(p.sport, 0);
    assert_int_equal(poff(&p), 42);
    assert_int_equal(p.payload_len, 32);

    p = dec_n(f.b, 14 + 20 + 6, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_TRUNC_L4);
    assert_int_equal(p.icmp_type, 0);
    assert_false(p.flags & NW_PF_L4);
}

/* ---- IPv4 header problems and fragments ------------------------------------------------------ */

static void ipv4_bad_headers(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 5, 6, 20, 0);
    tcph(&f, 1, 2, 0x10, 5, 0);
    struct fb g = f;

    g.b[14] = 0x44; /* IHL 4 */
    struct nw_packet p = dec(&g, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_BAD_IP);
    assert_int_equal(p.ip_version, 0);
    assert_int_equal(p.ethertype, 0x0800);
    assert_true(p.has_mac);

    g = f;
    g.b[14] = 0x65; /* version 6 under EtherType 0x0800 */
    assert_int_equal(dec(&g, NW_LINK_ETHERNET).err, NW_DERR_BAD_IP);

    g = f;
    g.b[16] = 0;
    g.b[17] = 19; /* total length below the header */
    assert_int_equal(dec(&g, NW_LINK_ETHERNET).err, NW_DERR_BAD_IP);

    g = f;
    g.b[14] = 0x4f; /* IHL 15: 60 bytes, more than the total length of 40 */
    assert_int_equal(dec(&g, NW_LINK_ETHERNET).err, NW_DERR_BAD_IP);
    g.b[17] = 80; /* a total length of 80, but 40 bytes present: options cut by the snap length */
    p = dec(&g, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_TRUNC_IP);
    assert_int_equal(p.ip_version, 0);

    g = f;
    g.b[16] = g.b[17] = 0; /* total length 0: segmentation offload, the bytes present count */
    p = dec(&g, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.dport, 2);

    g = f;
    g.b[14 + 20 + 12] = 0x40; /* TCP data offset 4 */
    p = dec(&g, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_BAD_TCP);
    assert_false(p.flags & NW_PF_L4);
    assert_int_equal(p.sport, 0);
    assert_int_equal(p.ip_version, 4);
    assert_memory_equal(p.src_ip, IP_A, 4);

    g = f;
    g.b[14 + 20 + 12] = 0x60; /* 24 bytes, but the IP length leaves the segment 20 */
    assert_int_equal(dec(&g, NW_LINK_ETHERNET).err, NW_DERR_BAD_TCP);
}

static void ipv4_fragments(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 5, 17, 8 + 16, 0x2000); /* MF, offset 0 */
    udph(&f, 2222, 2222, 8 + 1000, 16);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.flags, NW_PF_FRAGMENT | NW_PF_FIRST_FRAGMENT | NW_PF_L4);
    assert_int_equal(p.dport, 2222);
    assert_int_equal(p.payload_len, 16);

    f.b[20] = 0x20; /* MF, offset 185 × 8: a middle fragment */
    f.b[21] = 185;
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.flags, NW_PF_FRAGMENT);
    assert_int_equal(p.l4_proto, 17);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(p.sport, 0);
    assert_int_equal(p.payload_len, 0);

    f.b[20] = 0x01; /* last fragment: no MF, offset 370 × 8 */
    f.b[21] = 0x72;
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.flags, NW_PF_FRAGMENT);

    /* a non-first fragment shorter than any L4 header is not an error either */
    p = dec_n(f.b, 14 + 20 + 2, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
}

/* ---- VLAN tags, LLC/SNAP, non-IP EtherTypes ------------------------------------------------ */

static void vlan_ipv4_udp(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x8100);
    vlan_tag(&f, 0x0800, 0x6000 | 100); /* priority 3, VLAN 100 */
    ipv4h(&f, 5, 17, 8 + 40, 0);
    udph(&f, 47808, 47808, 8 + 40, 40);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.vlan_count, 1);
    assert_int_equal(p.vlan[0], 100);
    assert_int_equal(p.vlan[1], 0);
    assert_int_equal(p.ethertype, 0x0800);
    assert_int_equal(p.sport, 47808);
    assert_int_equal(poff(&p), 18 + 20 + 8);
    assert_int_equal(p.payload_len, 40);
}

static void qinq(void **state)
{
    struct fb f = {0}; /* 802.1ad outer 10, 802.1Q inner 20 */
    eth(&f, MAC_B, MAC_A, 0x88a8);
    vlan_tag(&f, 0x8100, 10);
    vlan_tag(&f, 0x86dd, 20);
    ipv6h(&f, 17, 8, IP6_A, IP6_B);
    udph(&f, 546, 547, 8, 0);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.vlan_count, 2);
    assert_int_equal(p.vlan[0], 10);
    assert_int_equal(p.vlan[1], 20);
    assert_int_equal(p.ethertype, 0x86dd);
    assert_int_equal(p.ip_version, 6);
    assert_int_equal(p.dport, 547);

    struct fb g = {0}; /* three tags (old 0x9100 outer): two ids kept, all three counted */
    eth(&g, MAC_B, MAC_A, 0x9100);
    vlan_tag(&g, 0x88a8, 1);
    vlan_tag(&g, 0x8100, 2);
    vlan_tag(&g, 0x0800, 0xf000 | 3);
    ipv4h(&g, 5, 6, 20, 0);
    tcph(&g, 1, 2, 0x02, 5, 0);
    p = dec(&g, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.vlan_count, 3);
    assert_int_equal(p.vlan[0], 1);
    assert_int_equal(p.vlan[1], 2);
    assert_int_equal(p.dport, 2);

    p = dec_n(g.b, 14 + 4 + 2, NW_LINK_ETHERNET); /* cut inside the second tag */
    assert_int_equal(p.err, NW_DERR_TRUNC_L2);
    assert_int_equal(p.vlan_count, 1);
    assert_true(p.has_mac);
}

static void llc_snap(void **state)
{
    static const uint8_t stp_dst[6] = {0x01, 0x80, 0xc2, 0, 0, 0};
    struct fb f = {0}; /* 802.3 + LLC 42/42/03 (spanning tree), padded to 60 */
    eth(&f, stp_dst, MAC_A, 38);
    put8(&f, 0x42);
    put8(&f, 0x42);
    put8(&f, 0x03);
    fill(&f, 0, 35);
    fill(&f, 0x77, 60 - f.n);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ethertype, 0);
    assert_int_equal(p.ip_version, 0);
    assert_int_equal(poff(&p), 14);
    assert_int_equal(p.payload_len, 38); /* the 802.3 length, not the padding */
    assert_int_equal(p.payload[0], 0x42);
    assert_true(p.flags & NW_PF_MULTICAST);

    struct fb s = {0}; /* RFC 1042 SNAP carrying IPv4/UDP */
    eth(&s, MAC_B, MAC_A, 8 + 20 + 8 + 4);
    put(&s, "\xaa\xaa\x03\x00\x00\x00\x08\x00", 8);
    ipv4h(&s, 5, 17, 12, 0);
    udph(&s, 161, 161, 12, 4);
    p = dec(&s, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ethertype, 0x0800);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(p.dport, 161);
    assert_int_equal(p.payload_len, 4);

    struct fb c = {0}; /* SNAP with Cisco's OUI (CDP): not an EtherType */
    eth(&c, MAC_B, MAC_A, 8 + 4);
    put(&c, "\xaa\xaa\x03\x00\x00\x0c\x20\x00", 8);
    fill(&c, 0x02, 4);
    p = dec(&c, NW_LINK_ETHERNET);
    assert_int_equal(p.ethertype, 0);
    assert_int_equal(poff(&p), 14);
    assert_int_equal(p.payload_len, 12);
}

static void non_ip_ethertypes(void **state)
{
    static const uint8_t dcp_dst[6] = {0x01, 0x0e, 0xcf, 0, 0, 0};
    struct fb f = {0}; /* PROFINET DCP identify request */
    eth(&f, dcp_dst, MAC_A, 0x8892);
    put(&f, "\xfe\xfe\x05\x00", 4);
    fill(&f, 0, 42);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ethertype, 0x8892);
    assert_int_equal(p.ip_version, 0);
    assert_false(p.flags & NW_PF_L4);
    assert_int_equal(poff(&p), 14);
    assert_int_equal(p.payload_len, 46);
    assert_int_equal(p.payload[0], 0xfe);

    struct fb g = {0}; /* GOOSE in a priority tag (VLAN 0, priority 4) */
    static const uint8_t goose_dst[6] = {0x01, 0x0c, 0xcd, 0x01, 0x00, 0x01};
    eth(&g, goose_dst, MAC_A, 0x8100);
    vlan_tag(&g, 0x88b8, 0x8000);
    put(&g, "\x00\x01\x00\x80", 4); /* APPID 1, length 128 … */
    fill(&g, 0x61, 40);
    p = dec(&g, NW_LINK_ETHERNET);
    assert_int_equal(p.ethertype, 0x88b8);
    assert_int_equal(p.vlan_count, 1);
    assert_int_equal(p.vlan[0], 0);
    assert_int_equal(poff(&p), 18);
    assert_int_equal(p.payload_len, 44);
}

/* ---- ARP ------------------------------------------------------------------------------------- */

static void arp_frame(struct fb *f, unsigned op, const uint8_t spa[4], const uint8_t tpa[4])
{
    eth(f, BCAST, MAC_A, 0x0806);
    put16(f, 1);
    put16(f, 0x0800);
    put8(f, 6);
    put8(f, 4);
    put16(f, op);
    put(f, MAC_A, 6);
    put(f, spa, 4);
    fill(f, 0, 6);
    put(f, tpa, 4);
    fill(f, 0, 60 - f->n);
}

static void arp(void **state)
{
    struct fb f = {0};
    arp_frame(&f, 1, IP_A, IP_B);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ethertype, 0x0806);
    assert_int_equal(p.arp_op, 1);
    assert_memory_equal(p.arp_sha, MAC_A, 6);
    assert_memory_equal(p.arp_spa, IP_A, 4);
    assert_memory_equal(p.arp_tha, ZERO16, 6);
    assert_memory_equal(p.arp_tpa, IP_B, 4);
    assert_int_equal(p.flags, NW_PF_BROADCAST);
    assert_int_equal(p.ip_version, 0);
    assert_int_equal(poff(&p), 14);

    f.n = 0; /* gratuitous: sender IP == target IP */
    arp_frame(&f, 1, IP_A, IP_A);
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.flags, NW_PF_BROADCAST | NW_PF_ARP_GRATUITOUS);

    f.n = 0; /* a gratuitous reply */
    arp_frame(&f, 2, IP_B, IP_B);
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.arp_op, 2);
    assert_true(p.flags & NW_PF_ARP_GRATUITOUS);

    static const uint8_t any[4] = {0, 0, 0, 0};
    f.n = 0; /* 0.0.0.0 == 0.0.0.0 is not an announcement */
    arp_frame(&f, 1, any, any);
    p = dec(&f, NW_LINK_ETHERNET);
    assert_false(p.flags & NW_PF_ARP_GRATUITOUS);

    f.n = 0;
    arp_frame(&f, 1, IP_A, IP_B);
    p = dec_n(f.b, 14 + 27, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_TRUNC_ARP);
    assert_int_equal(p.arp_op, 0);
    p = dec_n(f.b, 14 + 7, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_TRUNC_ARP);

    f.b[15] = 6; /* hardware type 6 (IEEE 802): not decoded, not an error */
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.arp_op, 0);
    assert_int_equal(p.ethertype, 0x0806);
}

/* ---- IPv6 ------------------------------------------------------------------------------------ */

static void ipv6_hbh_fragment(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x86dd);
    ipv6h(&f, 0, 8 + 8 + 8 + 20, IP6_A, IP6_B);
    put(&f, "\x2c\x00\x05\x02\x00\x00\x01\x00", 8); /* hop-by-hop: router alert, next 44 */
    put(&f, "\x11\x00\x00\x01\x00\x00\x00\x09", 8); /* fragment: offset 0, M, next UDP */
    udph(&f, 5000, 5001, 8 + 1400, 20);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ip_version, 6);
    assert_int_equal(p.ttl, 255);
    assert_memory_equal(p.src_ip, IP6_A, 16);
    assert_memory_equal(p.dst_ip, IP6_B, 16);
    assert_int_equal(p.l4_proto, 17);
    assert_int_equal(p.flags, NW_PF_FRAGMENT | NW_PF_FIRST_FRAGMENT | NW_PF_L4);
    assert_int_equal(p.sport, 5000);
    assert_int_equal(poff(&p), 14 + 40 + 16 + 8);
    assert_int_equal(p.payload_len, 20);

    f.b[14 + 40 + 8 + 2] = 0x05; /* offset 0x5c8 >> 3 = 185: not the first */
    f.b[14 + 40 + 8 + 3] = 0xc8;
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.flags, NW_PF_FRAGMENT);
    assert_int_equal(p.l4_proto, 17);
    assert_int_equal(p.sport, 0);

    f.b[14 + 40 + 8 + 2] = 0; /* offset 0 and no M: an atomic fragment, not a fragment */
    f.b[14 + 40 + 8 + 3] = 0;
    p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.flags, NW_PF_L4);
    assert_int_equal(p.dport, 5001);
}

/* AH counts its length in 4-byte units minus 2, unlike the other extension headers. */
static void ipv6_ah_dstopts(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x86dd);
    ipv6h(&f, 51, 24 + 8 + 20 + 5, IP6_A, IP6_B);
    put8(&f, 60); /* AH: next destination options, length 4 → (4 + 2) × 4 = 24 bytes */
    put8(&f, 4);
    fill(&f, 0, 22);
    put8(&f, 6); /* destination options: next TCP, 8 bytes */
    put8(&f, 0);
    put(&f, "\x01\x04\x00\x00\x00\x00", 6);
    tcph(&f, 4840, 51000, 0x10, 5, 5);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.l4_proto, 6);
    assert_int_equal(p.sport, 4840);
    assert_int_equal(poff(&p), 14 + 40 + 24 + 8 + 20);
    assert_int_equal(p.payload_len, 5);
}

static void ipv6_ext_limits(void **state)
{
    for (unsigned n = 15; n <= 17; n++) { /* 16 headers are walked; the 17th is too many */
        struct fb f = {0};
        eth(&f, MAC_B, MAC_A, 0x86dd);
        ipv6h(&f, 60, n * 8 + 8, IP6_A, IP6_B);
        for (unsigned i = 0; i < n; i++)
            put(&f,
                i + 1 < n ? "\x3c\x00\x01\x04\x00\x00\x00\x00" : "\x11\x00\x01\x04\x00\x00\x00\x00",
                8);
        udph(&f, 7, 7, 8, 0);
        struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
        if (n <= 16) {
            assert_int_equal(p.err, NW_DERR_NONE);
            assert_int_equal(p.dport, 7);
        } else {
            assert_int_equal(p.err, NW_DERR_BAD_IPV6_EXT);
            assert_int_equal(p.l4_proto, 60);
            assert_false(p.flags & NW_PF_L4);
        }
    }

    struct fb f = {0}; /* a hop-by-hop header of 88 bytes in a 16-byte payload */
    eth(&f, MAC_B, MAC_A, 0x86dd);
    ipv6h(&f, 0, 16, IP6_A, IP6_B);
    put(&f, "\x11\x0a\x00\x00\x00\x00\x00\x00", 8);
    fill(&f, 0, 8);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_BAD_IPV6_EXT);
    assert_int_equal(p.ip_version, 6); /* the fixed header stays valid */
    assert_memory_equal(p.src_ip, IP6_A, 16);
    assert_int_equal(p.l4_proto, 0);

    /* the extension header is inside the frame but past the payload length */
    f.b[18] = 0;
    f.b[19] = 4;
    f.b[14 + 41] = 0;
    assert_int_equal(dec(&f, NW_LINK_ETHERNET).err, NW_DERR_BAD_IPV6_EXT);

    struct fb e = {0}; /* ESP ends the walk: no L4 fields, not an error */
    eth(&e, MAC_B, MAC_A, 0x86dd);
    ipv6h(&e, 50, 24, IP6_A, IP6_B);
    fill(&e, 0x99, 24);
    p = dec(&e, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.l4_proto, 50);
    assert_false(p.flags & NW_PF_L4);
    assert_int_equal(p.payload_len, 24);

    e.b[20] = 59; /* no next header */
    p = dec(&e, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.l4_proto, 59);

    e.b[14] = 0x40; /* version 4 under EtherType 0x86dd */
    p = dec(&e, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_BAD_IP);
    assert_int_equal(p.ip_version, 0);
}

static void ndp(void **state)
{
    static const uint8_t solicited[16] = {0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0, 0, 0x20};
    static const uint8_t ns_dst[6] = {0x33, 0x33, 0xff, 0x00, 0x00, 0x20};
    struct fb f = {0}; /* neighbour solicitation with a source link-layer address option */
    eth(&f, ns_dst, MAC_A, 0x86dd);
    ipv6h(&f, 58, 32, IP6_A, solicited);
    put(&f, "\x87\x00\x00\x00\x00\x00\x00\x00", 8);
    put(&f, IP6_B, 16);
    put8(&f, 1);
    put8(&f, 1);
    put(&f, MAC_A, 6);
    struct nw_packet p = dec(&f, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.l4_proto, 58);
    assert_int_equal(p.icmp_type, 135);
    assert_int_equal(p.flags, NW_PF_MULTICAST | NW_PF_NDP | NW_PF_L4);
    assert_memory_equal(p.ndp_mac, MAC_A, 6);

    p = dec_n(f.b, f.n - 1, NW_LINK_ETHERNET); /* the option cut: no MAC, no error */
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_true(p.flags & NW_PF_NDP);
    assert_memory_equal(p.ndp_mac, ZERO16, 6);

    struct fb r = {0}; /* router advertisement: prefix information, MTU, then source LL */
    eth(&r, BCAST, MAC_B, 0x86dd);
    ipv6h(&r, 58, 16 + 32 + 8 + 8, IP6_A, IP6_B);
    put8(&r, 134);
    fill(&r, 0, 15);
    put8(&r, 3);
    put8(&r, 4);
    fill(&r, 0x11, 30);
    put8(&r, 5);
    put8(&r, 1);
    fill(&r, 0, 6);
    put8(&r, 1);
    put8(&r, 1);
    put(&r, MAC_B, 6);
    p = dec(&r, NW_LINK_ETHERNET);
    assert_int_equal(p.icmp_type, 134);
    assert_true(p.flags & NW_PF_NDP);
    assert_memory_equal(p.ndp_mac, MAC_B, 6);

    r.b[14 + 40 + 16 + 1] = 0; /* an option of length 0 stops the walk */
    p = dec(&r, NW_LINK_ETHERNET);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_memory_equal(p.ndp_mac, ZERO16, 6);

    struct fb a = {0}; /* neighbour advertisement with a target link-layer address */
    eth(&a, MAC_A, MAC_B, 0x86dd);
    ipv6h(&a, 58, 32, IP6_B, IP6_A);
    put(&a, "\x88\x00\x00\x00\x60\x00\x00\x00", 8);
    put(&a, IP6_B, 16);
    put8(&a, 2);
    put8(&a, 1);
    put(&a, MAC_B, 6);
    p = dec(&a, NW_LINK_ETHERNET);
    assert_int_equal(p.icmp_type, 136);
    assert_memory_equal(p.ndp_mac, MAC_B, 6);

    a.b[14 + 40] = 128; /* echo request: ICMPv6 but not NDP */
    p = dec(&a, NW_LINK_ETHERNET);
    assert_int_equal(p.icmp_type, 128);
    assert_false(p.flags & NW_PF_NDP);
    assert_memory_equal(p.ndp_mac, ZERO16, 6);
}

/* ---- other link types ------------------------------------------------------------------------ */

/* An IPv4/TCP packet (40 bytes) after a link header hdr of hlen bytes. */
static struct fb over(const void *hdr, size_t hlen)
{
    struct fb f = {0};
    put(&f, hdr, hlen);
    ipv4h(&f, 5, 6, 20, 0);
    tcph(&f, 20000, 20000, 0x12, 5, 0);
    return f;
}

static struct fb over6(const void *hdr, size_t hlen)
{
    struct fb f = {0};
    put(&f, hdr, hlen);
    ipv6h(&f, 17, 8 + 2, IP6_A, IP6_B);
    udph(&f, 3702, 3702, 10, 2);
    return f;
}

static void loopback_links(void **state)
{
    struct fb f = over("\x02\x00\x00\x00", 4); /* DLT_NULL written on a little-endian host */
    struct nw_packet p = dec(&f, NW_LINK_NULL);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_false(p.has_mac);
    assert_int_equal(p.ethertype, 0x0800);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(p.dport, 20000);
    assert_int_equal(p.tcp_flags, 0x12);

    f = over("\x00\x00\x00\x02", 4); /* … and on a big-endian one */
    p = dec(&f, NW_LINK_NULL);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ip_version, 4);

    static const char *const v6[] = {"\x18\x00\x00\x00", "\x1c\x00\x00\x00", "\x1e\x00\x00\x00",
                                     "\x00\x00\x00\x1e"}; /* 24, 28, 30 */
    for (size_t i = 0; i < 4; i++) {
        f = over6(v6[i], 4);
        p = dec(&f, NW_LINK_NULL);
        assert_int_equal(p.err, NW_DERR_NONE);
        assert_int_equal(p.ethertype, 0x86dd);
        assert_int_equal(p.ip_version, 6);
        assert_int_equal(p.dport, 3702);
        assert_int_equal(poff(&p), 4 + 40 + 8);
    }

    f = over("\x07\x00\x00\x00", 4); /* another family: left undecoded, not an error */
    p = dec(&f, NW_LINK_NULL);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ip_version, 0);
    assert_int_equal(p.ethertype, 0);
    assert_int_equal(poff(&p), 4);
    assert_int_equal(p.payload_len, 40);
    f = over("\x02\x00\x00\x02", 4); /* neither order */
    assert_int_equal(dec(&f, NW_LINK_NULL).ip_version, 0);
    assert_int_equal(dec_n(f.b, 3, NW_LINK_NULL).err, NW_DERR_TRUNC_L2);

    f = over("\x00\x00\x00\x02", 4); /* DLT_LOOP: network order only */
    p = dec(&f, NW_LINK_LOOP);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ip_version, 4);
    f = over6("\x00\x00\x00\x18", 4);
    assert_int_equal(dec(&f, NW_LINK_LOOP).ip_version, 6);
    f = over("\x02\x00\x00\x00", 4);
    assert_int_equal(dec(&f, NW_LINK_LOOP).ip_version, 0);
    assert_int_equal(dec_n(f.b, 2, NW_LINK_LOOP).err, NW_DERR_TRUNC_L2);
}

static void sll(void **state)
{
    /* packet type 1 (broadcast), ARPHRD_ETHER, address length 6, address + 2 pad, IPv4 */
    uint8_t h[16] = {0, 1, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00};
    memcpy(h + 6, MAC_B, 6);
    struct fb f = over(h, 16);
    struct nw_packet p = dec(&f, NW_LINK_LINUX_SLL);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_true(p.has_mac);
    assert_memory_equal(p.src_mac, MAC_B, 6);
    assert_memory_equal(p.dst_mac, ZERO16, 6); /* not in the SLL header */
    assert_int_equal(p.flags & (NW_PF_BROADCAST | NW_PF_MULTICAST), NW_PF_BROADCAST);
    assert_int_equal(p.ethertype, 0x0800);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(p.sport, 20000);
    assert_int_equal(poff(&p), 16 + 40);

    h[1] = 4; /* outgoing, from the loopback device (ARPHRD 772, zero address) */
    h[2] = 0x03;
    h[3] = 0x04;
    memset(h + 6, 0, 6);
    f = over(h, 16);
    p = dec(&f, NW_LINK_LINUX_SLL);
    assert_false(p.has_mac);
    assert_int_equal(p.flags & (NW_PF_BROADCAST | NW_PF_MULTICAST), 0);
    assert_int_equal(p.ip_version, 4);

    h[2] = 0xff; /* ARPHRD_NONE (a tunnel): no address */
    h[3] = 0xfe;
    h[5] = 0;
    f = over(h, 16);
    p = dec(&f, NW_LINK_LINUX_SLL);
    assert_false(p.has_mac);
    assert_int_equal(p.dport, 20000);

    h[1] = 2; /* multicast, VLAN tag left in the frame, then IPv6 */
    h[2] = 0;
    h[3] = 1;
    h[5] = 6;
    memcpy(h + 6, MAC_A, 6);
    h[14] = 0x81;
    h[15] = 0x00;
    uint8_t hv[20];
    memcpy(hv, h, 16);
    memcpy(hv + 16, "\x00\x2a\x86\xdd", 4); /* VLAN 42 */
    f = over6(hv, 20);
    p = dec(&f, NW_LINK_LINUX_SLL);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_true(p.flags & NW_PF_MULTICAST);
    assert_int_equal(p.vlan_count, 1);
    assert_int_equal(p.vlan[0], 42);
    assert_int_equal(p.ip_version, 6);

    h[14] = 0x00; /* protocol 4: an 802.2 LLC frame follows */
    h[15] = 0x04;
    f = over(h, 16);
    p = dec(&f, NW_LINK_LINUX_SLL);
    assert_int_equal(p.ethertype, 0);
    assert_int_equal(p.ip_version, 0);
    assert_int_equal(poff(&p), 16);

    assert_int_equal(dec_n(f.b, 15, NW_LINK_LINUX_SLL).err, NW_DERR_TRUNC_L2);
}

static void sll2(void **state)
{
    /* protocol IPv6, reserved, interface 3, ARPHRD_ETHER, packet type 0, address length 6 */
    uint8_t h[20] = {0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0, 1, 0, 6};
    memcpy(h + 12, MAC_A, 6);
    struct fb f = over6(h, 20);
    struct nw_packet p = dec(&f, NW_LINK_LINUX_SLL2);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_true(p.has_mac);
    assert_memory_equal(p.src_mac, MAC_A, 6);
    assert_int_equal(p.flags, NW_PF_L4);
    assert_int_equal(p.ethertype, 0x86dd);
    assert_int_equal(p.ip_version, 6);
    assert_int_equal(p.sport, 3702);
    assert_int_equal(poff(&p), 20 + 48);
    assert_int_equal(p.payload_len, 2);

    h[0] = 0x08; /* ARP, broadcast */
    h[1] = 0x06;
    h[10] = 1;
    struct fb a = {0};
    arp_frame(&a, 1, IP_A, IP_A);
    f.n = 0;
    put(&f, h, 20);
    put(&f, a.b + 14, 28);
    p = dec(&f, NW_LINK_LINUX_SLL2);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.arp_op, 1);
    assert_int_equal(p.flags, NW_PF_BROADCAST | NW_PF_ARP_GRATUITOUS);

    h[11] = 8; /* an 8-byte address is not a MAC */
    f = over6(h, 20);
    assert_false(dec(&f, NW_LINK_LINUX_SLL2).has_mac);
    assert_int_equal(dec_n(f.b, 19, NW_LINK_LINUX_SLL2).err, NW_DERR_TRUNC_L2);
}

static void raw_links(void **state)
{
    struct fb f = over(NULL, 0);
    struct nw_packet p = dec(&f, NW_LINK_RAW);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_false(p.has_mac);
    assert_int_equal(p.ethertype, 0x0800);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(p.dport, 20000);
    p = dec(&f, NW_LINK_IPV4);
    assert_int_equal(p.ip_version, 4);
    assert_int_equal(dec(&f, NW_LINK_IPV6).err, NW_DERR_BAD_IP);

    struct fb g = over6(NULL, 0);
    p = dec(&g, NW_LINK_RAW);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.ip_version, 6);
    assert_int_equal(p.ethertype, 0x86dd);
    assert_int_equal(dec(&g, NW_LINK_IPV6).ip_version, 6);
    assert_int_equal(dec(&g, NW_LINK_IPV4).err, NW_DERR_BAD_IP);

    g.b[0] = 0x50; /* version 5 */
    assert_int_equal(dec(&g, NW_LINK_RAW).err, NW_DERR_BAD_IP);
    assert_int_equal(dec_n(g.b, 0, NW_LINK_RAW).err, NW_DERR_TRUNC_IP);
    assert_int_equal(dec_n(g.b, 0, NW_LINK_IPV6).err, NW_DERR_TRUNC_IP);
    assert_int_equal(dec_n(g.b, 0, NW_LINK_ETHERNET).err, NW_DERR_TRUNC_L2);
}

static void unknown_link(void **state)
{
    struct fb f = over("\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", 14);
    static const uint32_t others[] = {105, 127, 12, 2, 0xffffffffu};
    for (size_t i = 0; i < AG_ARRAY_LEN(others); i++) {
        struct nw_packet p = dec(&f, others[i]);
        assert_int_equal(p.err, NW_DERR_LINKTYPE);
        assert_false(p.has_mac);
        assert_int_equal(p.ip_version, 0);
        assert_int_equal(p.payload_len, 0);
    }
}

/* ---- truncation at every byte -----------------------------------------------------------------
 */

static void truncated_tcp(void **state)
{
    struct fb f = {0}; /* Ethernet, IPv4 with a 4-byte option, TCP with 12 bytes of options */
    eth(&f, MAC_B, MAC_A, 0x0800);
    ipv4h(&f, 6, 6, 32 + 10, 0);
    tcph(&f, 44818, 60000, 0x18, 8, 10);
    assert_int_equal(f.n, 80);
    for (size_t c = 0; c <= f.n; c++) {
        struct nw_packet p = dec_n(f.b, c, NW_LINK_ETHERNET);
        enum nw_decode_err want = c < 14   ? NW_DERR_TRUNC_L2
                                  : c < 38 ? NW_DERR_TRUNC_IP
                                  : c < 70 ? NW_DERR_TRUNC_L4
                                           : NW_DERR_NONE;
        assert_int_equal(p.err, want);
        assert_int_equal(p.has_mac, c >= 14);
        assert_int_equal(p.ip_version, c >= 38 ? 4 : 0);
        /* the TCP header's first 20 bytes give ports and flags even when options are cut */
        assert_int_equal(!!(p.flags & NW_PF_L4), c >= 58);
        assert_int_equal(p.sport, c >= 58 ? 44818 : 0);
        assert_int_equal(p.payload_len, c >= 70 ? c - 70 : 0);
        if (c > 70)
            assert_int_equal(poff(&p), 70);
    }
}

static void truncated_ipv6(void **state)
{
    struct fb f = {0};
    eth(&f, MAC_B, MAC_A, 0x86dd);
    ipv6h(&f, 0, 8 + 8 + 8 + 12, IP6_A, IP6_B);
    put(&f, "\x2c\x00\x01\x04\x00\x00\x00\x00", 8);
    put(&f, "\x11\x00\x00\x01\x00\x00\x00\x09", 8);
    udph(&f, 2222, 44818, 20, 12);
    assert_int_equal(f.n, 90);
    for (size_t c = 0; c <= f.n; c++) {
        struct nw_packet p = dec_n(f.b, c, NW_LINK_ETHERNET);
        enum nw_decode_err want = c < 14   ? NW_DERR_TRUNC_L2
                                  : c < 54 ? NW_DERR_TRUNC_IP
                                  : c < 70 ? NW_DERR_BAD_IPV6_EXT
                                  : c < 78 ? NW_DERR_TRUNC_L4
                                           : NW_DERR_NONE;
        assert_int_equal(p.err, want);
        assert_int_equal(p.ip_version, c >= 54 ? 6 : 0);
        assert_int_equal(!!(p.flags & NW_PF_FIRST_FRAGMENT), c >= 70);
        assert_int_equal(p.dport, c >= 78 ? 44818 : 0);
        assert_int_equal(p.payload_len, c >= 78 ? c - 78 : 0);
    }
}

/* Every link type cut at every length of a frame: no read past caplen (ASan) and an error only
 * of the kinds that can be. */
static void truncated_every_link(void **state)
{
    static const uint8_t sll_h[16] = {0, 0, 0, 1, 0, 6, 0, 0x1b, 0x1b, 1, 2, 3, 0, 0, 0x81, 0x00};
    struct fb f = {0};
    put(&f, sll_h, 16);
    put(&f, "\x00\x05\x86\xdd", 4);
    ipv6h(&f, 58, 32, IP6_A, IP6_B);
    put(&f, "\x87\x00\x00\x00\x00\x00\x00\x00", 8);
    put(&f, IP6_B, 16);
    put(&f, "\x01\x01\x00\x1b\x1b\x11\x22\x33", 8);
    static const uint32_t links[] = {NW_LINK_NULL, NW_LINK_ETHERNET,   NW_LINK_RAW,
                                     NW_LINK_LOOP, NW_LINK_LINUX_SLL,  NW_LINK_IPV4,
                                     NW_LINK_IPV6, NW_LINK_LINUX_SLL2, 147};
    for (size_t l = 0; l < AG_ARRAY_LEN(links); l++)
        for (size_t c = 0; c <= f.n; c++) {
            struct nw_packet p = dec_n(f.b, c, links[l]);
            assert_true(p.err < NW_DERR_COUNT);
            assert_true(p.vlan_count <= 1);
        }
    struct nw_packet p = dec(&f, NW_LINK_LINUX_SLL);
    assert_int_equal(p.err, NW_DERR_NONE);
    assert_int_equal(p.vlan[0], 5);
    assert_memory_equal(p.ndp_mac, MAC_A, 6);
}

/* Identify's fields as a DHCP packet would leave them. */
static void identified(struct nw_packet *p)
{
    p->app = NW_APP_DHCP;
    p->role = NW_ROLE_SERVER;
    p->name_kind = NW_NAME_DHCP;
    p->name_len = 5;
    memcpy(p->name, "plc-1", 6);
    p->name_addr_family = 4;
    memset(p->name_addr, 9, 16);
    memset(p->dhcp_mac, 9, 6);
}

/* A reused struct: everything the decoder owns, and identify's fields, read as "none"; only the
 * name's bytes past name[0] keep what was there. */
static void reset_of_reused_packet(void **state)
{
    struct fb t = {0};
    eth(&t, MAC_B, MAC_A, 0x8100);
    vlan_tag(&t, 0x86dd, 7);
    ipv6h(&t, 6, 20 + 3, IP6_A, IP6_B);
    tcph(&t, 1, 2, 0x11, 5, 3);
    struct fb l = {0};
    eth(&l, BCAST, MAC_B, 0x0806);
    fill(&l, 0, 4);

    struct nw_frame ft = {
        .caplen = (uint32_t)t.n, .wire_len = (uint32_t)t.n, .linktype = 1, .data = t.b};
    struct nw_frame fl = {
        .caplen = (uint32_t)l.n, .wire_len = (uint32_t)l.n, .linktype = 1, .data = l.b};
    struct nw_packet dirty, clean;
    nw_decode(&ft, &dirty);
    identified(&dirty);
    nw_decode(&fl, &dirty);
    memset(&clean, 0, sizeof(clean));
    nw_decode(&fl, &clean);
    assert_int_equal(dirty.err, NW_DERR_TRUNC_ARP);
    size_t name1 = offsetof(struct nw_packet, name) + 1;
    assert_memory_equal(&dirty, &clean, name1);

    /* the same on the straight-line path (Ethernet + IPv4 + UDP), after a packet with VLAN
     * tags, NDP and identify's fields */
    struct fb u = {0};
    eth(&u, MCAST4, MAC_A, 0x0800);
    ipv4h(&u, 5, 17, 8 + 5, 0);
    udph(&u, 5353, 5353, 8 + 5, 5);
    struct nw_frame fu = {
        .caplen = (uint32_t)u.n, .wire_len = (uint32_t)u.n, .linktype = 1, .data = u.b};
    nw_decode(&ft, &dirty);
    identified(&dirty);
    dirty.vlan_count = 2;
    memset(dirty.ndp_mac, 7, 6);
    dirty.arp_op = 2;
    dirty.icmp_type = 135;
    memset(dirty.src_ip, 0x77, 16);
    memset(dirty.dst_ip, 0x77, 16);
    nw_decode(&fu, &dirty);
    memset(&clean, 0, sizeof(clean));
    nw_decode(&fu, &clean);
    assert_int_equal(clean.err, NW_DERR_NONE);
    assert_int_equal(clean.flags, NW_PF_L4 | NW_PF_MULTICAST);
    assert_int_equal(clean.payload_len, 5);
    assert_memory_equal(&dirty, &clean, name1);
}

/* The straight-line path against the layered walk on frames near the common one: an Ethernet
 * (untagged or 802.1Q) + IPv4 + TCP or UDP frame with random bytes written over its headers and
 * random lengths (IHL, total length, fragment field, data offset, UDP length, caplen). dec_n
 * compares the two on every frame; this makes sure every condition of the straight-line path meets
 * both sides. */
static void fast_path_matches_slow(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    unsigned fast = 0;
    for (int i = 0; i < 20000; i++) {
        struct fb f = {0};
        bool tcp = i & 1;
        bool tagged = i & 8;
        eth(&f,
            (i & 6) == 2   ? BCAST
            : (i & 6) == 4 ? MCAST4
                           : MAC_B,
            MAC_A, tagged ? 0x8100 : 0x0800);
        if (tagged)
            vlan_tag(&f, 0x0800, (unsigned)(i * 37) & 0xffff); /* priority bits too */
        ipv4h(&f, 5, tcp ? 6 : 17, tcp ? 20 + 16 : 8 + 16, 0x4000);
        if (tcp)
            tcph(&f, 40000, 102, 0x18, 5, 16);
        else
            udph(&f, 2222, 2222, 8 + 16, 16);
        fill(&f, 0, (size_t)(i % 7)); /* Ethernet padding */
        for (int k = 0; k < (i % 4); k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            size_t at = 12 + (size_t)(x % 44);
            f.b[at] = (uint8_t)(x >> 32);
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        size_t n = (i % 5) == 0 ? (size_t)(x % (f.n + 1)) : f.n;
        struct nw_packet p = dec_n(f.b, n, NW_LINK_ETHERNET);
        fast += p.err == NW_DERR_NONE && (p.flags & NW_PF_L4) && p.ip_version == 4;
    }
    assert_true(fast > 5000); /* the common frame was common */
}

static void err_names(void **state)
{
    static const char *const want[NW_DERR_COUNT] = {"none",         "linktype", "trunc_l2",
                                                    "trunc_arp",    "trunc_ip", "bad_ip",
                                                    "bad_ipv6_ext", "trunc_l4", "bad_tcp"};
    for (int e = 0; e < NW_DERR_COUNT; e++)
        assert_string_equal(nw_decode_err_name((enum nw_decode_err)e), want[e]);
    assert_string_equal(nw_decode_err_name(NW_DERR_COUNT), "unknown");
    /* each reason is explained in both languages under "netwatch: decode <name>" */
    nw_register_messages();
    for (int e = 1; e < NW_DERR_COUNT; e++) {
        char key[64];
        snprintf(key, sizeof(key), "netwatch: decode %s", want[e]);
        const char *ja = ag_tr(AG_LANG_JA, key), *en = ag_tr(AG_LANG_EN, key);
        assert_string_not_equal(ja, key);
        assert_string_not_equal(en, key);
        assert_string_not_equal(ja, en);
    }
    assert_string_equal(nw_decode_err_name((enum nw_decode_err) - 1), "unknown");
}

/* ---- real captures ------------------------------------------------------------------------- */

struct cap_counts {
    const char *file;
    unsigned frames, ipv4, ipv6, arp, tcp, udp, icmp, vlan;
    uint64_t tcp_bytes, udp_bytes; /* payload bytes of the TCP / UDP packets */
    unsigned err[NW_DERR_COUNT];   /* decode errors by reason */
};

/* Expected numbers, from tshark 4.0 on the same files: frames matching "ip", "ipv6", "arp",
 * "tcp", "udp", "icmp or icmpv6", "vlan", and the sums of tcp.len and udp.length - 8 over
 * "tcp and not icmp" / "udp and not icmp". Differences, explained:
 *  - hart_hart_ip.pcap: tshark's "udp" (25) includes the UDP header quoted inside its one ICMP
 *    port-unreachable; decode counts that frame as ICMP (the outer protocol): 24 UDP + 1 ICMP.
 *  - bro_modbus_fuzz-1011.pcap: frame 2 has IP version 2 (tshark: "Bogus IPv4 version"), so
 *    decode says bad_ip and it is not counted as IPv4 (tshark's "ip" still matches: 6).
 *  - bro_modbus_fuzz-72.pcap: tshark flags two frames "IPv4 total length exceeds packet
 *    length"; decode takes the bytes present, as for a frame cut by the snap length — not an
 *    error, since the TCP header is whole.
 *  - ModbusTCP_mb2.pcap: tshark's 97 "Malformed Packet" frames are TCP segments from port 1433
 *    that its TDS (SQL Server) dissector cannot parse; layers 2–4 are sound.
 * Every other file decodes without an error. Frames that are neither IP nor ARP (PROFINET,
 * GOOSE, LLDP, STP …) are the rest of frames. */
static const struct cap_counts caps[] = {
    {"BACnet_bacnet_test.pcap", 26, 26, 0, 0, 0, 26, 0, 0, 0, 424, {0}},
    {"C37.118_C37118_c37_pmu_unclean.pcap", 7309, 7131, 14, 59, 7103, 22, 10, 0, 530502, 2470, {0}},
    {"EthernetIP_EthernetIP-CIP.pcap", 10880, 10880, 0, 0, 10880, 0, 0, 0, 1313838, 0, {0}},
    {"EthernetIP_cip_stop_plc.pcap", 1, 1, 0, 0, 1, 0, 0, 0, 52, 0, {0}},
    {"EthernetIP_enip_test.pcap", 11, 11, 0, 0, 11, 0, 0, 0, 99, 0, {0}},
    {"IEC60870-5-104_090813_diverse.pcap", 173, 173, 0, 0, 172, 1, 0, 0, 1629, 201, {0}},
    {"IEC61850_GOOSE_Sample_File_GOOSE.pcap", 451, 0, 0, 0, 0, 0, 0, 451, 0, 0, {0}},
    {"MELSEC_melsoft_UDP_unclean_1.pcap", 1778, 1276, 41, 461, 0, 1307, 5, 0, 0, 378232, {0}},
    {"ModbusTCP_ModbusTCP.pcap", 15387, 15387, 0, 0, 15387, 0, 0, 0, 392384, 0, {0}},
    {"ModbusTCP_mb2.pcap", 13472, 13425, 0, 25, 13393, 24, 8, 0, 1000263, 5820, {0}},
    {"beckoff_beckoffiplink.pcapng", 7340, 7297, 9, 34, 7283, 23, 0, 0, 193516, 1778, {0}},
    {"bro_modbus_fuzz-1011.pcap", 6, 5, 0, 0, 5, 0, 0, 0, 651, 0, {[NW_DERR_BAD_IP] = 1}},
    {"bro_modbus_fuzz-72.pcap", 36, 36, 0, 0, 36, 0, 0, 0, 357, 0, {0}},
    {"bro_modbus_modbusSmall.pcap", 166, 166, 0, 0, 160, 6, 0, 0, 384, 746, {0}},
    {"dnp3_dnp3_test_data_part1.pcap", 181, 181, 0, 0, 181, 0, 0, 0, 2596, 0, {0}},
    {"dnp3_full_exchange.pcap", 22, 22, 0, 0, 22, 0, 0, 0, 506, 0, {0}},
    /* DLT_NULL (BSD loopback) */
    {"dnp3_opendnp3-conformance-6.1.2_dump.pcap", 79, 79, 0, 0, 79, 0, 0, 0, 2975, 0, {0}},
    {"fox_fox_info.pcap", 10, 10, 0, 0, 10, 0, 0, 0, 1090, 0, {0}},
    {"hart_hart_ip.pcap", 116, 112, 0, 4, 87, 24, 1, 0, 635, 572, {0}},
    {"modicon_modicon_test.pcap", 191, 191, 0, 0, 191, 0, 0, 0, 18650, 0, {0}},
    {"omron_omron_test.pcap", 18, 18, 0, 0, 14, 4, 0, 0, 195, 119, {0}},
    {"openics_EIP-IPAddressChangeAttempt.pcap",
     4154,
     3378,
     0,
     608,
     3234,
     89,
     53,
     0,
     1769403,
     6534,
     {0}},
    {"profinet_PROFINET-RT-DCP_ChangeIPUsingDCP.pcap", 6, 0, 0, 2, 0, 0, 0, 0, 0, 0, {0}},
    {"profinet_PROFINET-RT-DCP_PROFINET-RT.pcap", 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, {0}},
    {"profinet_Profinet_Failed.pcap", 56, 15, 1, 17, 12, 4, 0, 0, 66, 2392, {0}},
    {"profinet_profinet.pcap", 2, 2, 0, 0, 0, 2, 0, 0, 0, 432, {0}},
    {"s7_S7-1200-Uploading-OB1-TIAV12.pcap", 149, 149, 0, 0, 149, 0, 0, 0, 9351, 0, {0}},
    {"s7_S7-1511_db2_var1_HMI.pcap", 39, 39, 0, 0, 39, 0, 0, 0, 2222, 0, {0}},
    {"s7_S7Comm_s7comm_clean.pcap", 5447, 5447, 0, 0, 5447, 0, 0, 0, 160980, 0, {0}},
    {"s7_S7Comm_wrapup.pcapng", 8728, 8614, 82, 17, 8350, 326, 6, 0, 334606, 59169, {0}},
    {"s7_step7_s300_AuthPassword.pcapng", 6, 6, 0, 0, 6, 0, 0, 0, 278, 0, {0}},
};

/* The decoder's link type for libpcap's DLT_ value (they differ for raw IP). */
static uint32_t link_of_dlt(int dlt)
{
    switch (dlt) {
    case DLT_NULL:
        return NW_LINK_NULL;
    case DLT_EN10MB:
        return NW_LINK_ETHERNET;
    case DLT_RAW:
        return NW_LINK_RAW;
    case DLT_LOOP:
        return NW_LINK_LOOP;
    case DLT_LINUX_SLL:
        return NW_LINK_LINUX_SLL;
    default:
        return (uint32_t)dlt;
    }
}

static void count_file(const char *path, struct cap_counts *got)
{
    char eb[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(path, eb);
    if (!pc)
        fail_msg("%s: %s", path, eb);
    uint32_t link = link_of_dlt(pcap_datalink(pc));
    struct pcap_pkthdr *h;
    const u_char *data;
    int r;
    while ((r = pcap_next_ex(pc, &h, &data)) == 1) {
        struct nw_packet p =
            dec_n(data, h->caplen, link); /* exact-size copy: ASan sees overreads */
        got->frames++;
        got->err[p.err]++;
        got->ipv4 += p.ip_version == 4;
        got->ipv6 += p.ip_version == 6;
        got->arp += p.arp_op != 0;
        got->vlan += p.vlan_count != 0;
        if (p.flags & NW_PF_L4) {
            if (p.l4_proto == 6) {
                got->tcp++;
                got->tcp_bytes += p.payload_len;
            } else if (p.l4_proto == 17) {
                got->udp++;
                got->udp_bytes += p.payload_len;
            } else {
                got->icmp++;
            }
        }
    }
    assert_int_equal(r, PCAP_ERROR_BREAK); /* the end of the file, not a read error */
    pcap_close(pc);
}

static void real_captures(void **state)
{
    const char *shared = getenv("AG_SHARED_DIR");
    assert_non_null(shared);
    char dir[1024], path[2048];
    snprintf(dir, sizeof(dir), "%s/testdata/pcaps", shared);
    for (size_t i = 0; i < AG_ARRAY_LEN(caps); i++) {
        const struct cap_counts *w = &caps[i];
        struct cap_counts g = {.file = w->file};
        snprintf(path, sizeof(path), "%s/%s", dir, w->file);
        count_file(path, &g);
        print_message("%-48s %6u frames, errors %u\n", w->file, g.frames,
                      g.frames - g.err[NW_DERR_NONE]);
        assert_int_equal(g.frames, w->frames);
        assert_int_equal(g.ipv4, w->ipv4);
        assert_int_equal(g.ipv6, w->ipv6);
        assert_int_equal(g.arp, w->arp);
        assert_int_equal(g.tcp, w->tcp);
        assert_int_equal(g.udp, w->udp);
        assert_int_equal(g.icmp, w->icmp);
        assert_int_equal(g.vlan, w->vlan);
        assert_int_equal(g.tcp_bytes, w->tcp_bytes);
        assert_int_equal(g.udp_bytes, w->udp_bytes);
        for (int e = 1; e < NW_DERR_COUNT; e++)
            assert_int_equal(g.err[e], w->err[e]);
    }

    /* a capture added to the folder later: no decode error there either, until explained above */
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        bool listed = false;
        if (!(n > 5 && strcmp(de->d_name + n - 5, ".pcap") == 0) &&
            !(n > 7 && strcmp(de->d_name + n - 7, ".pcapng") == 0))
            continue;
        for (size_t i = 0; i < AG_ARRAY_LEN(caps); i++)
            listed |= strcmp(caps[i].file, de->d_name) == 0;
        if (listed)
            continue;
        struct cap_counts g = {.file = de->d_name};
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        count_file(path, &g);
        print_message("%s (not in the table): %u frames\n", de->d_name, g.frames);
        assert_int_equal(g.err[NW_DERR_NONE], g.frames);
    }
    closedir(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(eth_ipv4_tcp, teardown),
        cmocka_unit_test_teardown(tcp_options_and_padding, teardown),
        cmocka_unit_test_teardown(mac_flags, teardown),
        cmocka_unit_test_teardown(udp_lengths, teardown),
        cmocka_unit_test_teardown(icmp, teardown),
        cmocka_unit_test_teardown(ipv4_bad_headers, teardown),
        cmocka_unit_test_teardown(ipv4_fragments, teardown),
        cmocka_unit_test_teardown(vlan_ipv4_udp, teardown),
        cmocka_unit_test_teardown(qinq, teardown),
        cmocka_unit_test_teardown(llc_snap, teardown),
        cmocka_unit_test_teardown(non_ip_ethertypes, teardown),
        cmocka_unit_test_teardown(arp, teardown),
        cmocka_unit_test_teardown(ipv6_hbh_fragment, teardown),
        cmocka_unit_test_teardown(ipv6_ah_dstopts, teardown),
        cmocka_unit_test_teardown(ipv6_ext_limits, teardown),
        cmocka_unit_test_teardown(ndp, teardown),
        cmocka_unit_test_teardown(loopback_links, teardown),
        cmocka_unit_test_teardown(sll, teardown),
        cmocka_unit_test_teardown(sll2, teardown),
        cmocka_unit_test_teardown(raw_links, teardown),
        cmocka_unit_test_teardown(unknown_link, teardown),
        cmocka_unit_test_teardown(truncated_tcp, teardown),
        cmocka_unit_test_teardown(truncated_ipv6, teardown),
        cmocka_unit_test_teardown(truncated_every_link, teardown),
        cmocka_unit_test_teardown(reset_of_reused_packet, teardown),
        cmocka_unit_test_teardown(fast_path_matches_slow, teardown),
        cmocka_unit_test(err_names),
        cmocka_unit_test_teardown(real_captures, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
