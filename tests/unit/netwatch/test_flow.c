/*
 * test_flow.c — the symmetric flow table (src/netwatch/flow.c) over hand-built struct
 * nw_packet values: both directions in one entry with per-direction counters, the initiator
 * rules (SYN, SYN-ACK first, first sender, a server's answer first), TCP states through close
 * and reset, timeouts by protocol and state through nw_flows_expire and its callback, the hard
 * cap with counted evictions, VLAN-separated flows, layer-2 flows (GOOSE), IPv6, fragments, and
 * a random workload checked against a brute-force reference (insertions, look-ups and deletions
 * by backward shift stay consistent); the IPv4 path against the general one and the expiry
 * sweep through the bitmaps against the walk slot by slot, on generated mixes of packets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch.h"
#include "netwatch/netwatch_int.h"

#define S(x) ((int64_t)(x)*1000000000LL)
#define T0 S(1700000000)

#define SYN 0x02
#define ACK 0x10
#define FIN 0x01
#define RST 0x04

static struct nw_packet ip_pkt(int fam, const char *src, uint16_t sport, const char *dst,
                               uint16_t dport, uint8_t proto, uint8_t tcp_flags, int64_t ts)
{
    struct nw_packet p;
    memset(&p, 0, sizeof(p));
    p.ts_ns = ts;
    p.wire_len = 100;
    p.has_mac = true;
    memcpy(p.src_mac, "\x00\x0e\x8c\x00\x00\x01", 6);
    memcpy(p.dst_mac, "\x00\x0e\x8c\x00\x00\x02", 6);
    p.ethertype = fam == 4 ? 0x0800 : 0x86dd;
    p.ip_version = (uint8_t)fam;
    p.l4_proto = proto;
    assert_int_equal(inet_pton(fam == 4 ? AF_INET : AF_INET6, src, p.src_ip), 1);
    assert_int_equal(inet_pton(fam == 4 ? AF_INET : AF_INET6, dst, p.dst_ip), 1);
    p.flags = NW_PF_L4;
    p.sport = sport;
    p.dport = dport;
    p.tcp_flags = tcp_flags;
    return p;
}

static struct nw_packet tcp4(const char *src, uint16_t sport, const char *dst, uint16_t dport,
                             uint8_t fl, int64_t ts)
{
    return ip_pkt(4, src, sport, dst, dport, IPPROTO_TCP, fl, ts);
}

static struct nw_packet udp4(const char *src, uint16_t sport, const char *dst, uint16_t dport,
                             int64_t ts)
{
    return ip_pkt(4, src, sport, dst, dport, IPPROTO_UDP, 0, ts);
}

static struct nw_flows *new_table(uint32_t max)
{
    struct nw_flow_opts o = {.max_flows = max};
    struct nw_flows *ft;
    assert_int_equal(nw_flows_new(&o, &ft), 0);
    return ft;
}

static void assert_ip4(const uint8_t *addr, const char *text)
{
    uint8_t want[16] = {0};
    assert_int_equal(inet_pton(AF_INET, text, want), 1);
    assert_memory_equal(addr, want, 16);
}

static struct nw_flow *upd(struct nw_flows *ft, const struct nw_packet *p, int *dir, bool *created)
{
    struct nw_flow *f = nw_flows_update(ft, p, dir, created);
    assert_non_null(f);
    return f;
}

static void test_both_directions(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(100);
    int dir;
    bool created;
    struct nw_packet p = udp4("10.0.0.1", 40000, "10.0.0.2", 161, T0);
    struct nw_flow *f = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_int_equal(dir, 0);
    p = udp4("10.0.0.2", 161, "10.0.0.1", 40000, T0 + S(1));
    p.wire_len = 300;
    struct nw_flow *g = upd(ft, &p, &dir, &created);
    assert_ptr_equal(f, g);
    assert_false(created);
    assert_int_equal(dir, 1);
    p = udp4("10.0.0.1", 40000, "10.0.0.2", 161, T0 + S(2));
    g = upd(ft, &p, &dir, &created);
    assert_ptr_equal(f, g);
    assert_int_equal(dir, 0);

    assert_ip4(f->a_addr, "10.0.0.1");
    assert_ip4(f->b_addr, "10.0.0.2");
    assert_int_equal(f->a_port, 40000);
    assert_int_equal(f->b_port, 161);
    assert_int_equal(f->proto, IPPROTO_UDP);
    assert_int_equal(f->ip_version, 4);
    assert_int_equal(f->ethertype, 0x0800);
    assert_int_equal(f->state, NW_FS_ACTIVE);
    assert_int_equal(f->packets[0], 2);
    assert_int_equal(f->packets[1], 1);
    assert_int_equal(f->bytes[0], 200);
    assert_int_equal(f->bytes[1], 300);
    assert_true(f->first_ns == T0);
    assert_true(f->last_ns == T0 + S(2));

    /* another port pair between the same hosts is another flow */
    p = udp4("10.0.0.1", 40001, "10.0.0.2", 161, T0 + S(3));
    g = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_ptr_not_equal(f, g);
    struct nw_flow_stats st;
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.active, 2);
    assert_int_equal(st.created, 2);
    assert_int_equal(st.max_flows, 100);
    assert_int_equal(st.capacity, 256); /* the power of two ≥ 100 / 0.7 */
    assert_int_equal(st.bytes_per_flow, sizeof(struct nw_flow));
    assert_true(sizeof(struct nw_flow) <= 128);
    nw_flows_free(ft);
}

static void test_tcp_handshake_and_close(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(100);
    int dir;
    bool created;
    struct nw_packet p = tcp4("10.0.0.1", 50000, "10.0.0.9", 502, SYN, T0);
    struct nw_flow *f = upd(ft, &p, &dir, &created);
    assert_int_equal(f->state, NW_FS_SYN_SENT);
    assert_ip4(f->a_addr, "10.0.0.1");
    assert_int_equal(f->b_port, 502);
    p = tcp4("10.0.0.9", 502, "10.0.0.1", 50000, SYN | ACK, T0 + 1000);
    upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 1);
    assert_int_equal(f->state, NW_FS_SYN_RCVD);
    p = tcp4("10.0.0.1", 50000, "10.0.0.9", 502, ACK, T0 + 2000);
    upd(ft, &p, &dir, &created);
    assert_int_equal(f->state, NW_FS_ESTABLISHED);
    p = tcp4("10.0.0.9", 502, "10.0.0.1", 50000, FIN | ACK, T0 + S(1));
    upd(ft, &p, &dir, &created);
    assert_int_equal(f->state, NW_FS_FIN_WAIT);
    p = tcp4("10.0.0.1", 50000, "10.0.0.9", 502, FIN | ACK, T0 + S(2));
    upd(ft, &p, &dir, &created);
    assert_int_equal(f->state, NW_FS_CLOSED);

    /* closed: 10 s (default tcp_closed_s) after the last packet, not before */
    int n = 0;
    nw_flows_expire(ft, T0 + S(11), NULL, NULL);
    struct nw_flow_stats st;
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.active, 1);
    assert_int_equal(st.expired, 0);
    (void)n;
    nw_flows_expire(ft, T0 + S(12), NULL, NULL);
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.active, 0);
    assert_int_equal(st.expired, 1);

    /* a reset ends a flow after the closed timeout too; a new SYN reopens the entry */
    p = tcp4("10.0.0.1", 50001, "10.0.0.9", 502, ACK, T0 + S(20));
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(f->state, NW_FS_ESTABLISHED); /* first seen in mid-stream */
    p = tcp4("10.0.0.9", 502, "10.0.0.1", 50001, RST, T0 + S(21));
    upd(ft, &p, &dir, &created);
    assert_int_equal(f->state, NW_FS_RESET);
    p = tcp4("10.0.0.1", 50001, "10.0.0.9", 502, SYN, T0 + S(22));
    upd(ft, &p, &dir, &created);
    assert_false(created);
    assert_int_equal(f->state, NW_FS_SYN_SENT);
    nw_flows_free(ft);
}

static void test_initiator_rules(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(100);
    int dir;
    bool created;

    /* a SYN-ACK seen first: its receiver is the initiator */
    struct nw_packet p = tcp4("10.0.0.9", 102, "10.0.0.1", 49152, SYN | ACK, T0);
    struct nw_flow *f = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_int_equal(dir, 1);
    assert_ip4(f->a_addr, "10.0.0.1");
    assert_int_equal(f->a_port, 49152);
    assert_ip4(f->b_addr, "10.0.0.9");
    assert_int_equal(f->b_port, 102);
    assert_int_equal(f->packets[1], 1);
    assert_int_equal(f->packets[0], 0);
    assert_int_equal(f->state, NW_FS_SYN_RCVD);

    /* otherwise the first sender, even a server's port */
    p = udp4("10.0.0.5", 47808, "10.0.0.6", 47808, T0);
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 0);
    assert_ip4(f->a_addr, "10.0.0.5");
    p = tcp4("10.0.0.9", 502, "10.0.0.2", 50000, ACK, T0);
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 0);
    assert_ip4(f->a_addr, "10.0.0.9");

    /* … unless the first packet is an answer: a server's role, a DNS response, an echo reply */
    p = tcp4("10.0.0.9", 502, "10.0.0.3", 50000, ACK, T0);
    p.app = NW_APP_MODBUS;
    p.role = NW_ROLE_SERVER;
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 1);
    assert_ip4(f->a_addr, "10.0.0.3");
    assert_int_equal(f->b_port, 502);
    assert_int_equal(f->app, NW_APP_MODBUS);
    p = udp4("10.0.0.53", 53, "10.0.0.4", 33333, T0);
    p.flags |= NW_PF_DNS_RESPONSE;
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 1);
    assert_int_equal(f->b_port, 53);
    p = ip_pkt(4, "10.0.0.8", 0, "10.0.0.4", 0, IPPROTO_ICMP, 0, T0);
    p.icmp_type = 0; /* echo reply */
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 1);
    assert_ip4(f->a_addr, "10.0.0.4");

    /* a SYN is never swapped, whatever role identification guessed */
    p = tcp4("10.0.0.7", 502, "10.0.0.3", 50000, SYN, T0);
    p.role = NW_ROLE_SERVER;
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(dir, 0);
    assert_ip4(f->a_addr, "10.0.0.7");

    /* the app is the first one identified, later ones do not change it */
    p = udp4("10.0.1.1", 5000, "10.0.1.2", 6000, T0);
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(f->app, NW_APP_NONE);
    p.app = NW_APP_RTSP;
    upd(ft, &p, &dir, &created);
    assert_int_equal(f->app, NW_APP_RTSP);
    p.app = NW_APP_HTTP;
    upd(ft, &p, &dir, &created);
    assert_int_equal(f->app, NW_APP_RTSP);
    nw_flows_free(ft);
}

struct seen {
    int n;
    uint32_t packets;
    uint8_t state[16];
    uint16_t b_port[16];
};

static void on_done(const struct nw_flow *f, void *arg)
{
    struct seen *s = arg;
    assert_true(s->n < 16);
    s->state[s->n] = f->state;
    s->b_port[s->n] = f->b_port;
    s->packets += f->packets[0] + f->packets[1];
    s->n++;
}

static void test_timeouts_by_state(void **state)
{
    (void)state;
    struct nw_flow_opts o = {
        .max_flows = 100, .tcp_open_s = 600, .tcp_closed_s = 5, .tcp_halfopen_s = 20, .udp_s = 60};
    struct nw_flows *ft;
    assert_int_equal(nw_flows_new(&o, &ft), 0);
    int dir;
    bool created;
    struct nw_packet p = udp4("10.0.0.1", 1000, "10.0.0.2", 1, T0); /* udp: 60 s */
    upd(ft, &p, &dir, &created);
    p = tcp4("10.0.0.1", 1000, "10.0.0.2", 2, SYN, T0); /* half-open: 20 s */
    upd(ft, &p, &dir, &created);
    p = tcp4("10.0.0.1", 1000, "10.0.0.2", 3, ACK, T0); /* established: 600 s */
    upd(ft, &p, &dir, &created);
    p = tcp4("10.0.0.1", 1000, "10.0.0.2", 4, RST, T0); /* reset: 5 s */
    upd(ft, &p, &dir, &created);
    p = ip_pkt(4, "10.0.0.1", 0, "10.0.0.2", 0, 47 /* GRE */, 0, T0); /* other: 60 s */
    p.flags = 0;
    upd(ft, &p, &dir, &created);

    struct seen s = {0};
    nw_flows_expire(ft, T0 + S(4), on_done, &s);
    assert_int_equal(s.n, 0);
    nw_flows_expire(ft, T0 + S(5), on_done, &s);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.state[0], NW_FS_RESET);
    assert_int_equal(s.b_port[0], 4);
    nw_flows_expire(ft, T0 + S(19), on_done, &s);
    assert_int_equal(s.n, 1);
    nw_flows_expire(ft, T0 + S(20), on_done, &s);
    assert_int_equal(s.n, 2);
    assert_int_equal(s.state[1], NW_FS_SYN_SENT);
    nw_flows_expire(ft, T0 + S(59), on_done, &s);
    assert_int_equal(s.n, 2);
    /* traffic keeps a flow alive: the UDP flow sees a packet at 59 s */
    p = udp4("10.0.0.2", 1, "10.0.0.1", 1000, T0 + S(59));
    upd(ft, &p, &dir, &created);
    assert_false(created);
    nw_flows_expire(ft, T0 + S(60), on_done, &s);
    assert_int_equal(s.n, 3); /* the GRE flow */
    assert_int_equal(s.b_port[2], 0);
    nw_flows_expire(ft, T0 + S(119), on_done, &s);
    assert_int_equal(s.n, 4); /* the UDP flow, 60 s after its last packet */
    assert_int_equal(s.b_port[3], 1);
    struct nw_flow_stats st;
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.active, 1);
    assert_int_equal(st.expired, 4);
    /* the end of input: everything goes */
    nw_flows_expire(ft, INT64_MAX, on_done, &s);
    assert_int_equal(s.n, 5);
    assert_int_equal(s.state[4], NW_FS_ESTABLISHED);
    assert_int_equal(s.packets, 6);
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.active, 0);
    nw_flows_free(ft);
}

static void test_cap_evicts(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(8);
    int dir;
    bool created;
    for (int i = 0; i < 100; i++) {
        char src[32];
        snprintf(src, sizeof(src), "10.0.%d.%d", i / 250, i % 250 + 1);
        struct nw_packet p = udp4(src, 1000, "10.9.9.9", 53, T0 + S(i));
        struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
        assert_non_null(f); /* never fails for lack of room */
        assert_true(created);
        struct nw_flow_stats st;
        nw_flows_get_stats(ft, &st);
        assert_true(st.active <= 8);
    }
    struct nw_flow_stats st;
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.created, 100);
    assert_int_equal(st.active, 8);
    assert_int_equal(st.evicted, 92);
    /* the newest flow survived (the victim is the stalest among the candidates) */
    struct nw_packet p = udp4("10.0.0.100", 1000, "10.9.9.9", 53, T0 + S(100));
    nw_flows_update(ft, &p, &dir, &created);
    assert_false(created);

    /* a closed TCP flow goes before an active one that is older */
    nw_flows_free(ft);
    ft = new_table(2);
    p = udp4("10.0.0.1", 1, "10.0.0.2", 2, T0);
    upd(ft, &p, &dir, &created);
    p = tcp4("10.0.0.3", 1, "10.0.0.4", 2, RST, T0 + S(5));
    upd(ft, &p, &dir, &created);
    p = udp4("10.0.0.5", 1, "10.0.0.6", 2, T0 + S(6));
    upd(ft, &p, &dir, &created);
    p = udp4("10.0.0.1", 1, "10.0.0.2", 2, T0 + S(7));
    upd(ft, &p, &dir, &created);
    assert_false(created);
    nw_flows_free(ft);
}

static void test_vlans_separate(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(100);
    int dir;
    bool created;
    struct nw_packet p = udp4("10.0.0.1", 2222, "10.0.0.2", 2222, T0);
    p.vlan_count = 1;
    p.vlan[0] = 10;
    struct nw_flow *f10 = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_int_equal(f10->vlan, 10);
    p.vlan[0] = 20;
    struct nw_flow *f20 = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_ptr_not_equal(f10, f20);
    assert_int_equal(f20->vlan, 20);
    p.vlan_count = 0;
    struct nw_flow *f0 = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_int_equal(f0->vlan, 0);
    /* only the outer tag counts */
    p.vlan_count = 2;
    p.vlan[0] = 10;
    p.vlan[1] = 99;
    assert_ptr_equal(upd(ft, &p, &dir, &created), f10);
    assert_false(created);
    nw_flows_free(ft);
}

static void test_l2_flows(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(100);
    int dir;
    bool created;
    struct nw_packet p;
    memset(&p, 0, sizeof(p));
    p.ts_ns = T0;
    p.wire_len = 120;
    p.has_mac = true;
    memcpy(p.src_mac, "\x00\x0e\x8c\x11\x22\x33", 6);
    memcpy(p.dst_mac, "\x01\x0c\xcd\x01\x00\x01", 6); /* GOOSE multicast */
    p.ethertype = 0x88b8;
    p.vlan_count = 1;
    p.vlan[0] = 5;
    p.app = NW_APP_GOOSE;
    struct nw_flow *f = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_int_equal(f->ip_version, 0);
    assert_int_equal(f->proto, 0);
    assert_int_equal(f->ethertype, 0x88b8);
    assert_int_equal(f->a_port, 0);
    assert_int_equal(f->b_port, 0);
    assert_int_equal(f->vlan, 5);
    assert_int_equal(f->app, NW_APP_GOOSE);
    uint8_t want[16] = {0x00, 0x0e, 0x8c, 0x11, 0x22, 0x33};
    assert_memory_equal(f->a_addr, want, 16);
    p.ts_ns += S(1);
    assert_ptr_equal(upd(ft, &p, &dir, &created), f);
    assert_int_equal(f->packets[0], 2);
    /* another EtherType between the same MACs is another flow */
    p.ethertype = 0x88ba;
    assert_ptr_not_equal(upd(ft, &p, &dir, &created), f);
    assert_true(created);
    /* PROFINET both ways between two MACs */
    memset(&p, 0, sizeof(p));
    p.has_mac = true;
    memcpy(p.src_mac, "\x00\x0e\x8c\x00\x00\x0a", 6);
    memcpy(p.dst_mac, "\x00\x0e\x8c\x00\x00\x0b", 6);
    p.ethertype = 0x8892;
    f = upd(ft, &p, &dir, &created);
    memcpy(p.src_mac, "\x00\x0e\x8c\x00\x00\x0b", 6);
    memcpy(p.dst_mac, "\x00\x0e\x8c\x00\x00\x0a", 6);
    assert_ptr_equal(upd(ft, &p, &dir, &created), f);
    assert_int_equal(dir, 1);
    /* no IP and no MAC: no flow */
    memset(&p, 0, sizeof(p));
    p.err = NW_DERR_LINKTYPE;
    assert_null(nw_flows_update(ft, &p, &dir, &created));
    assert_false(created);
    /* an IP header cut short is not keyed on its (absent) addresses */
    p = udp4("10.0.0.1", 1, "10.0.0.2", 2, T0);
    p.err = NW_DERR_TRUNC_IP;
    p.has_mac = false;
    assert_null(nw_flows_update(ft, &p, &dir, &created));
    nw_flows_free(ft);
}

static void test_ipv6_and_fragments(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(100);
    int dir;
    bool created;
    struct nw_packet p = ip_pkt(6, "fd00::1", 40000, "fd00::2", 4840, IPPROTO_TCP, SYN, T0);
    struct nw_flow *f = upd(ft, &p, &dir, &created);
    assert_int_equal(f->ip_version, 6);
    assert_int_equal(f->ethertype, 0x86dd);
    uint8_t a[16];
    inet_pton(AF_INET6, "fd00::1", a);
    assert_memory_equal(f->a_addr, a, 16);
    p = ip_pkt(6, "fd00::2", 4840, "fd00::1", 40000, IPPROTO_TCP, SYN | ACK, T0 + 1);
    assert_ptr_equal(upd(ft, &p, &dir, &created), f);
    assert_int_equal(dir, 1);
    assert_int_equal(f->state, NW_FS_SYN_RCVD);
    /* same addresses as IPv4-mapped bytes but version 4: another flow */
    p = ip_pkt(6, "::1", 1, "::2", 2, IPPROTO_UDP, 0, T0);
    struct nw_flow *g = upd(ft, &p, &dir, &created);
    p.ip_version = 4;
    assert_ptr_not_equal(upd(ft, &p, &dir, &created), g);

    /* fragments: the first has ports, the others do not and share a flow with ports 0 */
    p = udp4("10.0.0.1", 5000, "10.0.0.2", 6000, T0);
    p.flags |= NW_PF_FRAGMENT | NW_PF_FIRST_FRAGMENT;
    f = upd(ft, &p, &dir, &created);
    assert_int_equal(f->b_port, 6000);
    p.flags = NW_PF_FRAGMENT;
    p.sport = p.dport = 0;
    g = upd(ft, &p, &dir, &created);
    assert_true(created);
    assert_ptr_not_equal(f, g);
    assert_int_equal(g->a_port, 0);
    assert_int_equal(g->b_port, 0);
    p.sport = 777; /* garbage ports without NW_PF_L4 are ignored */
    assert_ptr_equal(upd(ft, &p, &dir, &created), g);
    nw_flows_free(ft);
}

/* ---- random workload against a brute-force reference ---- */

#define NKEYS 3000
#define UDP_S 120

struct ref {
    bool present;
    int64_t last;
    uint32_t packets;
};

static struct ref refs[NKEYS];
static int64_t ref_now;
static uint64_t ref_expired;

static int key_of(const struct nw_flow *f)
{
    /* the client address 10.1.x.y and port encode the key */
    const uint8_t *c = f->a_addr[1] == 1 ? f->a_addr : f->b_addr;
    uint16_t port = f->a_addr[1] == 1 ? f->a_port : f->b_port;
    return (c[2] * 256 + c[3]) * 2 + (port - 1000);
}

static void on_ref_done(const struct nw_flow *f, void *arg)
{
    (void)arg;
    int k = key_of(f);
    assert_true(k >= 0 && k < NKEYS);
    assert_true(refs[k].present);
    assert_true(ref_now - refs[k].last >= S(UDP_S));
    assert_int_equal(f->packets[0] + f->packets[1], refs[k].packets);
    refs[k].present = false;
    ref_expired++;
}

static struct nw_packet key_pkt(int k, bool reverse, int64_t ts)
{
    char c[32], s[32];
    snprintf(c, sizeof(c), "10.1.%d.%d", (k / 2) / 256, (k / 2) % 256);
    snprintf(s, sizeof(s), "10.2.0.%d", k % 7 + 1);
    uint16_t cport = (uint16_t)(1000 + k % 2);
    return reverse ? udp4(s, 53, c, cport, ts) : udp4(c, cport, s, 53, ts);
}

static void test_random_vs_reference(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(NKEYS);
    uint64_t rng = 0x12345678abcdefULL;
    int64_t now = T0;
    ref_now = now;
    memset(refs, 0, sizeof(refs));
    ref_expired = 0;
    for (int step = 0; step < 200000; step++) {
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        uint32_t r = (uint32_t)(rng >> 33);
        if (r % 1000 == 0) {
            now += S(1 + r % 90);
            ref_now = now;
            nw_flows_expire(ft, now, on_ref_done, NULL);
            /* everything idle past the timeout went */
            for (int k = 0; k < NKEYS; k++)
                assert_false(refs[k].present && now - refs[k].last >= S(UDP_S));
            continue;
        }
        int k = (int)((r >> 8) % NKEYS);
        now += 1000;
        struct nw_packet p = key_pkt(k, r & 1, now);
        int dir;
        bool created;
        struct nw_flow *f = upd(ft, &p, &dir, &created);
        assert_int_equal(created, !refs[k].present);
        assert_int_equal(key_of(f), k);
        if (created) {
            assert_int_equal(dir, 0);
            refs[k].present = true;
            refs[k].packets = 0;
        }
        refs[k].packets++;
        refs[k].last = now;
        assert_int_equal(f->packets[0] + f->packets[1], refs[k].packets);
    }
    uint64_t present = 0;
    for (int k = 0; k < NKEYS; k++)
        present += refs[k].present;
    struct nw_flow_stats st;
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.active, present);
    assert_int_equal(st.expired, ref_expired);
    assert_int_equal(st.evicted, 0);
    assert_true(ref_expired > 1000);
    nw_flows_free(ft);
}

/* ---- the incremental sweep of a large, nearly empty table ---- */

static int64_t sparse_now;
static int64_t sparse_first, sparse_last;
static uint64_t sparse_done;

static void on_sparse_done(const struct nw_flow *f, void *arg)
{
    (void)arg;
    assert_true(sparse_now - f->last_ns >= S(UDP_S)); /* never before its timeout */
    if (!sparse_done)
        sparse_first = sparse_now;
    sparse_last = sparse_now;
    sparse_done++;
}

/* 2,097,152 slots hold 600 flows: the sweep passes the empty slots through the bitmaps (whole
 * words, and words by the summary) yet must examine every used slot once per 16 s of traffic
 * at its rate of cap / 16 slots per second — not sooner (all at once), not later (a used slot
 * skipped with the empty ones). */
static void test_sparse_sweep(void **state)
{
    (void)state;
    struct nw_flows *ft = new_table(1000000);
    for (int k = 0; k < 600; k++) {
        struct nw_packet p = key_pkt(k * 5, false, T0);
        int dir;
        bool created;
        upd(ft, &p, &dir, &created);
        assert_true(created);
    }
    sparse_done = 0;
    int64_t half = 0;
    nw_flows_expire(ft, T0, on_sparse_done, NULL);
    for (int64_t t = T0 + S(1) / 10; t <= T0 + S(UDP_S + 40); t += S(1) / 10) {
        sparse_now = t;
        nw_flows_expire(ft, t, on_sparse_done, NULL);
        if (t == T0 + S(UDP_S + 8))
            half = (int64_t)sparse_done;
    }
    struct nw_flow_stats st;
    nw_flows_get_stats(ft, &st);
    assert_int_equal(st.capacity, 2097152);
    assert_int_equal(sparse_done, 600);
    assert_int_equal(st.expired, 600);
    assert_int_equal(st.active, 0);
    /* the cursor reaches each flow within one sweep (16 s) of its timeout … */
    assert_true(sparse_first >= T0 + S(UDP_S));
    assert_true(sparse_last <= T0 + S(UDP_S + 16) + S(1) / 10);
    /* … and the sweep is spread over it: about half the table 8 s after the timeout */
    assert_true(half > 150 && half < 450);
    nw_flows_free(ft);
}

/* ---- the IPv4 path against the general one, the sweep against the walk slot by slot ---- */

static uint32_t rnd(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*s >> 33);
}

static uint32_t pick(uint64_t *s, uint32_t n)
{
    return rnd(s) % n;
}

/* A packet of a small world, so that flows repeat in both directions and keys differ in one
 * field only: IPv4 (an address shared with an IPv6 one's first 4 bytes, ports, protocols with
 * and without ports, fragments, ICMP, VLANs), IPv6, frames without IP (a zero MAC and EtherType
 * 0 among them: the key of an empty slot), and decode errors (bad and cut IP headers fall back
 * to the MACs, others get no flow). */
static void gen_packet(uint64_t *g, int64_t *now, struct nw_packet *p, bool narrow)
{
    static const char *v4[] = {"10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.1.10", "0.0.0.0"};
    static const char *v6[] = {"fe80::1", "fe80::2", "a00:1::", "fd00::1"};
    static const uint8_t macs[][6] = {{0, 0x0e, 0x8c, 0, 0, 1},
                                      {0, 0x0e, 0x8c, 0, 0, 2},
                                      {0, 0, 0, 0, 0, 0},
                                      {0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
    static const uint16_t ports[] = {53, 502, 102, 40000, 40001, 0};
    static const uint8_t protos[] = {IPPROTO_TCP,  IPPROTO_TCP,  IPPROTO_UDP,        IPPROTO_UDP,
                                     IPPROTO_ICMP, IPPROTO_SCTP, 136 /* UDP-Lite */, 47};
    static const uint8_t tcpfl[] = {SYN, SYN | ACK, ACK, ACK, FIN | ACK, RST, 0x18, 0};
    static const uint8_t icmp[] = {0, 3, 8, 11, 12, 14, 5, 1, 4, 128, 129, 135};
    static const enum nw_decode_err errs[] = {NW_DERR_TRUNC_IP, NW_DERR_BAD_IP,   NW_DERR_TRUNC_L4,
                                              NW_DERR_TRUNC_L2, NW_DERR_LINKTYPE, NW_DERR_BAD_TCP};
    memset(p, 0, sizeof(*p));
    uint32_t r = rnd(g);
    if (r % 50 == 0)
        *now += S(1 + pick(g, 40));
    else if (r % 97 == 1)
        *now -= S(2); /* out of order */
    else
        *now += 1000000;
    p->ts_ns = *now;
    p->wire_len = 60 + pick(g, 1400);
    p->has_mac = pick(g, 10) != 0;
    memcpy(p->src_mac, macs[pick(g, 4)], 6);
    memcpy(p->dst_mac, macs[pick(g, 3)], 6);
    p->vlan_count = (uint8_t)(pick(g, 4) == 0 ? 1 + pick(g, 2) : 0);
    if (p->vlan_count) {
        p->vlan[0] = (uint16_t)(10 * pick(g, narrow ? 2 : 3));
        p->vlan[1] = 7;
    }
    uint32_t kind = pick(g, 12);
    if (kind < 8) {
        p->ip_version = 4;
        p->ethertype = 0x0800;
        assert_int_equal(inet_pton(AF_INET, v4[pick(g, narrow ? 3 : 5)], p->src_ip), 1);
        assert_int_equal(inet_pton(AF_INET, v4[pick(g, narrow ? 2 : 4)], p->dst_ip), 1);
    } else if (kind < 10) {
        p->ip_version = 6;
        p->ethertype = 0x86dd;
        assert_int_equal(inet_pton(AF_INET6, v6[pick(g, 4)], p->src_ip), 1);
        assert_int_equal(inet_pton(AF_INET6, v6[pick(g, 3)], p->dst_ip), 1);
    } else {
        static const uint16_t ets[] = {0x8892, 0x88b8, 0x0806, 0};
        p->ethertype = ets[pick(g, 4)];
    }
    if (p->ip_version) {
        p->l4_proto = protos[narrow ? 2 * pick(g, 4) : pick(g, 8)];
        if (p->ip_version == 6 && p->l4_proto == IPPROTO_ICMP)
            p->l4_proto = IPPROTO_ICMPV6;
        if (pick(g, 8) == 0)
            p->flags |= NW_PF_FRAGMENT; /* not the first: no L4 header */
        else
            p->flags |= NW_PF_L4;
        p->sport = ports[pick(g, narrow ? 2 : 6)];
        p->dport = ports[pick(g, narrow ? 2 : 6)];
        p->tcp_flags = tcpfl[pick(g, 8)];
        p->icmp_type = icmp[pick(g, 12)];
    }
    if (pick(g, 10) == 0)
        p->flags |= NW_PF_DNS_RESPONSE;
    p->role = (enum nw_role)pick(g, 3);
    p->app = (enum nw_app)pick(g, NW_APP_COUNT + 2); /* a few out of range */
    if (pick(g, 20) == 0)
        p->err = errs[pick(g, 6)];
    if (pick(g, 2)) { /* the other direction */
        uint8_t t[16];
        memcpy(t, p->src_ip, 16);
        memcpy(p->src_ip, p->dst_ip, 16);
        memcpy(p->dst_ip, t, 16);
        uint8_t m[6];
        memcpy(m, p->src_mac, 6);
        memcpy(p->src_mac, p->dst_mac, 6);
        memcpy(p->dst_mac, m, 6);
        uint16_t x = p->sport;
        p->sport = p->dport;
        p->dport = x;
    }
}

#define MAX_ENDED 4096

struct ended {
    struct nw_flow f[MAX_ENDED];
    size_t n;
};

static void on_ended(const struct nw_flow *f, void *arg)
{
    struct ended *e = arg;
    assert_true(e->n < MAX_ENDED);
    e->f[e->n++] = *f;
}

/* The flows equal field by field; the hash only when both tables hash alike. */
static void assert_same_flow(const struct nw_flow *x, const struct nw_flow *y, bool hash)
{
    struct nw_flow a = *x, b = *y;
    if (!hash)
        a.hash = b.hash = 0;
    assert_memory_equal(&a, &b, sizeof(a));
}

static int flow_cmp(const void *x, const void *y)
{
    const struct nw_flow *a = x, *b = y;
    int c = memcmp(a->a_addr, b->a_addr, 32);
    if (c)
        return c;
    if (a->vlan != b->vlan)
        return a->vlan < b->vlan ? -1 : 1;
    if (a->ethertype != b->ethertype)
        return a->ethertype < b->ethertype ? -1 : 1;
    if (a->proto != b->proto)
        return a->proto < b->proto ? -1 : 1;
    if (a->a_port != b->a_port)
        return a->a_port < b->a_port ? -1 : 1;
    return a->b_port < b->b_port ? -1 : a->b_port > b->b_port;
}

/* Table A through nw_flows_update (IPv4 path), table B through nw_flows_update_general, fed the
 * same packets: every packet the same flow (all fields), the same direction and the same
 * `created`; the same flows ended by each expiry and the same counters. With seed 0 every key
 * hashes to 0 in both (collisions everywhere, the probe past the home slot, eviction at a
 * cap of 24 and the incremental sweep see identical layouts); with random seeds (the hashes
 * differ) the sweeps compared are whole ones. */
static void fast_vs_general(bool collide, uint64_t gseed)
{
    uint32_t cap = collide ? 150 : 100000;
    struct nw_flows *a = new_table(cap), *b = new_table(cap);
    if (collide) {
        nw_flows_set_seed(a, 0);
        nw_flows_set_seed(b, 0);
    }
    static struct ended ea, eb;
    ea.n = eb.n = 0;
    uint64_t g = gseed;
    int64_t now = T0;
    uint64_t v4_hits = 0, created = 0;
    int64_t last_t = T0 + S(1);
    for (int step = 0; step < 60000; step++) {
        struct nw_packet p;
        gen_packet(&g, &now, &p, collide);
        int da = -1, db = -2;
        bool ca = false, cb = true;
        struct nw_flow *fa = nw_flows_update(a, &p, &da, &ca);
        struct nw_flow *fb = nw_flows_update_general(b, &p, &db, &cb);
        assert_int_equal(fa == NULL, fb == NULL);
        assert_int_equal(da, db);
        assert_int_equal(ca, cb);
        if (fa) {
            assert_same_flow(fa, fb, collide);
            v4_hits += !ca && fa->ip_version == 4;
            created += ca;
        }
        if (step % 64 == 63) {
            /* without collisions, whole sweeps only: 16 s or more after the last */
            int64_t t = now;
            if (!collide) {
                t = last_t + S(16) > now ? last_t + S(16) : now;
                last_t = t;
            }
            nw_flows_expire(a, t, on_ended, &ea);
            nw_flows_expire(b, t, on_ended, &eb);
            assert_int_equal(ea.n, eb.n);
            if (!collide) {
                qsort(ea.f, ea.n, sizeof(ea.f[0]), flow_cmp);
                qsort(eb.f, eb.n, sizeof(eb.f[0]), flow_cmp);
            }
            for (size_t i = 0; i < ea.n; i++)
                assert_same_flow(&ea.f[i], &eb.f[i], collide);
            ea.n = eb.n = 0;
        }
    }
    struct nw_flow_stats sa, sb;
    nw_flows_get_stats(a, &sa);
    nw_flows_get_stats(b, &sb);
    assert_int_equal(sa.active, sb.active);
    assert_int_equal(sa.created, sb.created);
    assert_int_equal(sa.expired, sb.expired);
    assert_int_equal(sa.evicted, sb.evicted);

    assert_true(v4_hits > 10000 && created > 500);
    if (collide)
        assert_true(sa.evicted > 100);
    else
        assert_true(sa.expired > 100 && sa.evicted == 0);
    nw_flows_free(a);
    nw_flows_free(b);
}

static void test_fast_vs_general(void **state)
{
    (void)state;
    fast_vs_general(true, 1);
    fast_vs_general(true, 0xfeedULL);
    fast_vs_general(false, 2);
}

/* Expires both tables at now, a through the bitmaps and b slot by slot: the same flows end, in
 * the same order. Returns how many. */
static size_t expire_both(struct nw_flows *a, struct nw_flows *b, int64_t now)
{
    static struct ended ea, eb;
    ea.n = eb.n = 0;
    nw_flows_expire(a, now, on_ended, &ea);
    nw_flows_expire_slotwise(b, now, on_ended, &eb);
    assert_int_equal(ea.n, eb.n);
    for (size_t i = 0; i < ea.n; i++)
        assert_same_flow(&ea.f[i], &eb.f[i], true);
    return ea.n;
}

/* Two tables with the same seed, one swept through the bitmaps (nw_flows_expire), the other
 * slot by slot (nw_flows_expire_slotwise): the same flows end at the same calls in the same
 * order, and the counters agree — over a nearly empty table (whole summary words passed), a
 * crowded one, time steps from a tenth of a second to minutes, and time going backwards. */
static void test_sweep_vs_slotwise(void **state)
{
    (void)state;
    struct nw_flows *a = new_table(50000), *b = new_table(50000);
    nw_flows_set_seed(a, 77);
    nw_flows_set_seed(b, 77);
    uint64_t g = 99;
    int64_t now = T0;
    size_t total = 0;
    for (int phase = 0; phase < 3; phase++) {
        int flows = phase == 0 ? 30 : phase == 1 ? 3000 : 200;
        for (int step = 0; step < 4000; step++) {
            if (step < flows) {
                char c[32], s[32];
                uint32_t k = pick(&g, 1u << 20);
                snprintf(c, sizeof(c), "10.%u.%u.%u", k >> 16, (k >> 8) & 255, k & 255);
                snprintf(s, sizeof(s), "10.200.0.%u", 1 + pick(&g, 9));
                struct nw_packet p =
                    pick(&g, 3) ? udp4(c, 1024, s, 53, now) : tcp4(c, 1024, s, 102, SYN, now);
                int da, db;
                bool ca, cb;
                struct nw_flow *fa = nw_flows_update(a, &p, &da, &ca);
                struct nw_flow *fb = nw_flows_update(b, &p, &db, &cb);
                assert_non_null(fa);
                assert_same_flow(fa, fb, true);
            }
            uint32_t r = pick(&g, 100);
            now += r < 70 ? S(1) / 10 : r < 95 ? S(1 + pick(&g, 5)) : r < 98 ? S(100) : -S(3);
            total += expire_both(a, b, now);
        }
    }
    total += expire_both(a, b, INT64_MAX);
    struct nw_flow_stats sa, sb;
    nw_flows_get_stats(a, &sa);
    nw_flows_get_stats(b, &sb);
    assert_int_equal(sa.active, 0);
    assert_int_equal(sb.active, 0);
    assert_int_equal(sa.expired, sb.expired);
    assert_int_equal(sa.expired, total);
    assert_int_equal(sa.created, sb.created);
    assert_true(sa.created > 3200);
    nw_flows_free(a);
    nw_flows_free(b);
}

/* The IPv4 hash is keyed per table from the CSPRNG: the same flows hash differently in two
 * tables (a sender cannot aim collisions at a table it does not know), and alike in both
 * directions in one. */
static void test_v4_hash_keyed(void **state)
{
    (void)state;
    struct nw_flows *a = new_table(1000), *b = new_table(1000);
    int differ = 0;
    for (int k = 0; k < 16; k++) {
        char c[32];
        snprintf(c, sizeof(c), "10.0.1.%d", k + 1);
        struct nw_packet p = udp4(c, 1000, "10.0.0.1", 502, T0);
        struct nw_packet q = udp4("10.0.0.1", 502, c, 1000, T0 + 1);
        int d;
        bool cr;
        struct nw_flow *fa = upd(a, &p, &d, &cr);
        uint32_t ha = fa->hash;
        assert_ptr_equal(upd(a, &q, &d, &cr), fa);
        assert_int_equal(d, 1);
        struct nw_flow *fb = upd(b, &q, &d, &cr);
        differ += fb->hash != ha;
    }
    assert_true(differ >= 15);
    nw_flows_free(a);
    nw_flows_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_directions),         cmocka_unit_test(test_sparse_sweep),
        cmocka_unit_test(test_tcp_handshake_and_close), cmocka_unit_test(test_initiator_rules),
        cmocka_unit_test(test_timeouts_by_state),       cmocka_unit_test(test_cap_evicts),
        cmocka_unit_test(test_vlans_separate),          cmocka_unit_test(test_l2_flows),
        cmocka_unit_test(test_ipv6_and_fragments),      cmocka_unit_test(test_random_vs_reference),
        cmocka_unit_test(test_fast_vs_general),         cmocka_unit_test(test_sweep_vs_slotwise),
        cmocka_unit_test(test_v4_hash_keyed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
