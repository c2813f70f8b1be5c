/*
 * nw_traffic.h — a seeded stream of mixed traffic for the tests that compare the flow memo of
 * learning and the detectors with the look-ups it replaces (test_detect.c, test_baseline.c):
 * polls over TCP with handshakes and resets, UDP with bursts (floods), ICMP echoes and port
 * unreachables, SYN scans, talk with outside addresses and DNS to outside resolvers, IPv6 on two
 * VLANs, GOOSE without IP, ARP, a sender MAC that changes under a flow (a man in the middle), an
 * unknown device, packets out of order, gaps in the capture and a device that falls silent.
 * Every packet is built the way decode.c fills struct nw_packet; flows come from flow.c.
 */
#ifndef NW_TRAFFIC_H
#define NW_TRAFFIC_H

#include "nw_pkt.h"

struct nw_traffic {
    uint64_t s;     /* xorshift state */
    int64_t ts;     /* packet time */
    bool watch;     /* the second day: an unknown device, scans, floods, a silent PLC */
    uint32_t burst; /* packets left of a UDP burst to one destination */
    int scan;       /* ports left of a SYN scan */
};

static inline uint32_t nw_traffic_rand(struct nw_traffic *t)
{
    t->s ^= t->s << 13;
    t->s ^= t->s >> 7;
    t->s ^= t->s << 17;
    return (uint32_t)(t->s >> 11);
}

static inline void nw_traffic_init(struct nw_traffic *t, uint64_t seed, int64_t ts, bool watch)
{
    memset(t, 0, sizeof(*t));
    t->s = seed | 1;
    t->ts = ts;
    t->watch = watch;
}

/* Device d (1–12 known, 0x66 unknown): MAC 02:00:00:00:00:dd, IPv4 10.0.0.d, IPv6 fe80::d. */
static inline void nw_traffic_dev(struct nw_packet *p, int d, bool src, int v6)
{
    uint8_t *mac = src ? p->src_mac : p->dst_mac, *ip = src ? p->src_ip : p->dst_ip;
    memset(mac, 0, 6);
    mac[0] = 2;
    mac[5] = (uint8_t)d;
    memset(ip, 0, 16);
    if (v6) {
        ip[0] = v6 == 2 ? 0x20 : 0xfe;
        ip[1] = v6 == 2 ? 0x01 : 0x80;
        ip[15] = (uint8_t)d;
    } else {
        ip[0] = 10;
        ip[3] = (uint8_t)d;
    }
}

/* The next packet. */
static inline void nw_traffic_next(struct nw_traffic *t, struct nw_packet *p)
{
    uint32_t r = nw_traffic_rand(t);
    /* time: mostly forward by up to 20 ms; now and then back 3 ms (out of order) or a gap */
    uint32_t step = r % 1000;
    if (step == 0 && !t->burst)
        t->ts += 45 * SEC;
    else if (step < 4)
        t->ts -= 3000000;
    else if (!t->burst)
        t->ts += (int64_t)(nw_traffic_rand(t) % 20000) * 1000;
    else
        t->ts += 1000;
    memset(p, 0, sizeof(*p));
    p->ts_ns = t->ts;
    p->wire_len = 60 + nw_traffic_rand(t) % 200;
    p->has_mac = true;
    p->ethertype = 0x0800;
    p->ip_version = 4;
    p->ttl = 64;
    p->flags = NW_PF_L4;
    int a = 1 + (int)(nw_traffic_rand(t) % 6), b = 7 + (int)(nw_traffic_rand(t) % 6);
    /* watching, the PLC (device 8) falls silent: for the second quarter of each hour, and in
     * every fifth minute from second 10 to 36 and from second 38 to second 15 of the next (a
     * silence found, ended and begun again in one window: its flows keep their memo) */
    int64_t in_min = t->ts % (60 * SEC), minute = t->ts / (60 * SEC);
    bool plc_off =
        t->watch &&
        ((t->ts / (15 * 60 * SEC)) % 4 == 1 ||
         (minute % 5 == 2 && in_min >= 10 * SEC && (in_min < 36 * SEC || in_min >= 38 * SEC)) ||
         (minute % 5 == 3 && in_min < 15 * SEC));
    if (plc_off && (a == 8 || b == 8))
        b = 9;
    uint32_t kind = nw_traffic_rand(t) % 100;
    if (t->burst) {
        t->burst--;
        kind = 50; /* UDP to device 7 */
        a = 1 + (int)(t->burst % 3);
        b = 7;
    } else if (t->scan) {
        kind = 200;
    } else if (t->watch && kind == 99) {
        if (nw_traffic_rand(t) % 4 == 0)
            t->burst = 400;
        else
            t->scan = 12;
    }
    bool rev = nw_traffic_rand(t) % 2;
    nw_traffic_dev(p, rev ? b : a, true, 0);
    nw_traffic_dev(p, rev ? a : b, false, 0);
    uint16_t cport = (uint16_t)(40000 + a * 16 + b), sport = 502;
    if (kind < 45) { /* TCP polls, handshakes, resets */
        p->l4_proto = 6;
        uint32_t f = nw_traffic_rand(t) % 40;
        p->tcp_flags = f == 0 ? 0x02 : f == 1 ? 0x12 : f == 2 ? 0x04 : f == 3 ? 0x14 : 0x18;
        if (p->tcp_flags == 0x02 || p->tcp_flags == 0x04)
            rev = false;
        if (p->tcp_flags == 0x12) {
            rev = true;
            nw_traffic_dev(p, b, true, 0);
            nw_traffic_dev(p, a, false, 0);
        } else if (!rev) {
            nw_traffic_dev(p, a, true, 0);
            nw_traffic_dev(p, b, false, 0);
        }
        p->sport = rev ? sport : cport;
        p->dport = rev ? cport : sport;
    } else if (kind < 70) { /* UDP, and the bursts */
        p->l4_proto = 17;
        p->sport = rev ? 2222 : (uint16_t)(30000 + a);
        p->dport = rev ? (uint16_t)(30000 + a) : 2222;
        if (t->burst) {
            nw_traffic_dev(p, a, true, 0);
            nw_traffic_dev(p, b, false, 0);
            p->sport = (uint16_t)(30000 + a);
            p->dport = 2222;
        }
    } else if (kind < 75) { /* ICMP: echo, reply, a port unreachable quoting a UDP probe */
        p->l4_proto = 1;
        uint32_t k = nw_traffic_rand(t) % 3;
        p->icmp_type = k == 0 ? 8 : k == 1 ? 0 : 3;
        p->icmp_code = k == 2 ? 3 : 0;
        if (k == 2) {
            static uint8_t q[28];
            memset(q, 0, sizeof(q));
            q[0] = 0x45;
            q[9] = 17;
            memcpy(q + 12, p->dst_ip, 4);
            memcpy(q + 16, p->src_ip, 4);
            q[20] = 0x9c;
            q[22] = 0x01;
            q[23] = (uint8_t)(nw_traffic_rand(t) % 16);
            p->payload = q;
            p->payload_len = sizeof(q);
        }
    } else if (kind < 80) { /* outside: 8.8.8.x, DNS queries */
        p->l4_proto = 17;
        nw_traffic_dev(p, a, true, 0);
        p->dst_ip[0] = p->dst_ip[1] = p->dst_ip[2] = 8;
        p->dst_ip[3] = (uint8_t)(nw_traffic_rand(t) % 3);
        p->dst_mac[5] = 1; /* the router */
        p->sport = (uint16_t)(50000 + a);
        p->dport = 53;
        p->name_kind = NW_NAME_DNS_QUERY;
        memcpy(p->name, "x.example", 10);
        p->name_len = 9;
    } else if (kind < 84) { /* IPv6 on VLAN 0 or VLAN 5, link-local or global */
        p->ip_version = 6;
        p->ethertype = 0x86dd;
        nw_traffic_dev(p, a, true, 1 + (int)(nw_traffic_rand(t) % 2));
        nw_traffic_dev(p, b, false, 1);
        p->l4_proto = 17;
        p->sport = 546;
        p->dport = 547;
        if (nw_traffic_rand(t) % 2) {
            p->vlan_count = 1;
            p->vlan[0] = 5;
        }
    } else if (kind < 90) { /* GOOSE, no IP */
        p->ip_version = 0;
        p->flags = NW_PF_MULTICAST;
        p->ethertype = 0x88b8;
        memset(p->src_ip, 0, 16);
        memset(p->dst_ip, 0, 16);
        memcpy(p->dst_mac, "\x01\x0c\xcd\x01\x00\x01", 6);
    } else if (kind < 94) { /* ARP: requests and replies, now and then a takeover */
        p->ip_version = 0;
        p->flags = 0;
        p->ethertype = 0x0806;
        memset(p->src_ip, 0, 16);
        memset(p->dst_ip, 0, 16);
        p->arp_op = (uint16_t)(1 + nw_traffic_rand(t) % 2);
        int owner = nw_traffic_rand(t) % 50 == 0 && t->watch ? b : a;
        memcpy(p->arp_sha, p->src_mac, 6);
        p->arp_spa[0] = 10;
        p->arp_spa[3] = (uint8_t)owner;
        p->arp_tpa[0] = 10;
        p->arp_tpa[3] = (uint8_t)b;
        if (p->arp_op == 1)
            memset(p->dst_mac, 0xff, 6);
    } else if (kind < 97) { /* a known TCP poll from another MAC (a man in the middle) */
        p->l4_proto = 6;
        p->tcp_flags = 0x18;
        nw_traffic_dev(p, a, true, 0);
        nw_traffic_dev(p, b, false, 0);
        p->src_mac[5] = t->watch ? 0x66 : 0x0d;
        p->sport = cport;
        p->dport = sport;
    } else if (kind < 100) { /* watching: the unknown device polls, a known one a new port */
        bool known = nw_traffic_rand(t) % 2;
        p->l4_proto = 6;
        p->tcp_flags = 0x18;
        nw_traffic_dev(p, t->watch && !known ? 0x66 : a, true, 0);
        nw_traffic_dev(p, b, false, 0);
        p->sport = 45000;
        p->dport = t->watch && known ? 503 : sport;
    } else { /* a SYN scan of device 9 by device 2 */
        t->scan--;
        p->l4_proto = 6;
        p->tcp_flags = 0x02;
        nw_traffic_dev(p, 2, true, 0);
        nw_traffic_dev(p, 9, false, 0);
        p->sport = 41000;
        p->dport = (uint16_t)(100 + t->scan);
    }
}

#endif
