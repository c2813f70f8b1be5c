/*
 * nw_pkt.h — hand-built packets and flows for the unit tests of netwatch's baseline and
 * detectors (test_baseline.c, test_detect.c): every field set the way decode.c and flow.c
 * document it, nothing else.
 */
#ifndef NW_PKT_H
#define NW_PKT_H

#include <arpa/inet.h>
#include <string.h>

#include "netwatch/netwatch_int.h"

#define SEC 1000000000LL
#define HOUR (3600 * SEC)
#define DAY (24 * HOUR)
#define T0 (1772323200LL * SEC) /* 2026-03-01T00:00:00Z */

static inline void ip_of(uint8_t out[16], const char *s)
{
    memset(out, 0, 16);
    if (inet_pton(strchr(s, ':') ? AF_INET6 : AF_INET, s, out) != 1)
        abort();
}

static inline void mac_of(uint8_t out[6], const char *s)
{
    if (!nw_mac_parse(s, out))
        abort();
}

/* An IPv4/IPv6 packet (the version from the address) with ports; smac NULL: a raw-IP link. */
static inline struct nw_packet pkt_ip(int64_t ts, const char *smac, const char *dmac,
                                      const char *sip, const char *dip, uint8_t proto,
                                      uint16_t sport, uint16_t dport, uint8_t tcp_flags)
{
    struct nw_packet p;
    memset(&p, 0, sizeof(p));
    p.ts_ns = ts;
    p.wire_len = 100;
    if (smac) {
        p.has_mac = true;
        mac_of(p.src_mac, smac);
        mac_of(p.dst_mac, dmac);
        if (p.dst_mac[0] & 1)
            p.flags |= memcmp(p.dst_mac, "\xff\xff\xff\xff\xff\xff", 6) ? NW_PF_MULTICAST
                                                                        : NW_PF_BROADCAST;
    }
    p.ip_version = strchr(sip, ':') ? 6 : 4;
    p.ethertype = p.ip_version == 6 ? 0x86dd : 0x0800;
    ip_of(p.src_ip, sip);
    ip_of(p.dst_ip, dip);
    p.l4_proto = proto;
    p.ttl = 64;
    p.flags |= NW_PF_L4;
    p.sport = sport;
    p.dport = dport;
    p.tcp_flags = tcp_flags;
    if (proto == 1 || proto == 58) {
        p.icmp_type = (uint8_t)sport;
        p.icmp_code = (uint8_t)dport;
        p.sport = p.dport = 0;
    }
    return p;
}

/* A frame without IP (GOOSE, PROFINET …). */
static inline struct nw_packet pkt_l2(int64_t ts, const char *smac, const char *dmac,
                                      uint16_t ethertype)
{
    struct nw_packet p;
    memset(&p, 0, sizeof(p));
    p.ts_ns = ts;
    p.wire_len = 120;
    p.has_mac = true;
    mac_of(p.src_mac, smac);
    mac_of(p.dst_mac, dmac);
    p.ethertype = ethertype;
    if (p.dst_mac[0] & 1)
        p.flags |= NW_PF_MULTICAST;
    return p;
}

/* An ARP packet (op 1 request, 2 reply); a request is broadcast. */
static inline struct nw_packet pkt_arp(int64_t ts, uint16_t op, const char *sha, const char *spa,
                                       const char *tha, const char *tpa)
{
    struct nw_packet p = pkt_l2(ts, sha, op == 1 ? "ff:ff:ff:ff:ff:ff" : tha, 0x0806);
    p.wire_len = 60;
    p.arp_op = op;
    mac_of(p.arp_sha, sha);
    mac_of(p.arp_tha, tha);
    uint8_t a[16];
    ip_of(a, spa);
    memcpy(p.arp_spa, a, 4);
    ip_of(a, tpa);
    memcpy(p.arp_tpa, a, 4);
    if (!memcmp(p.arp_spa, p.arp_tpa, 4))
        p.flags |= NW_PF_ARP_GRATUITOUS;
    if (op == 1)
        p.flags = (p.flags & ~(uint32_t)NW_PF_MULTICAST) | NW_PF_BROADCAST;
    return p;
}

/* The flow a packet starts (its sender the initiator), counters at one packet. */
static inline struct nw_flow flow_of(const struct nw_packet *p)
{
    struct nw_flow f;
    memset(&f, 0, sizeof(f));
    if (p->ip_version) {
        memcpy(f.a_addr, p->src_ip, 16);
        memcpy(f.b_addr, p->dst_ip, 16);
        f.a_port = p->sport;
        f.b_port = p->dport;
        f.proto = p->l4_proto;
        f.ethertype = p->ethertype;
    } else {
        memcpy(f.a_addr, p->src_mac, 6);
        memcpy(f.b_addr, p->dst_mac, 6);
        f.ethertype = p->ethertype;
    }
    f.ip_version = p->ip_version;
    f.vlan = p->vlan_count ? p->vlan[0] : 0;
    f.packets[0] = 1;
    f.first_ns = f.last_ns = p->ts_ns;
    f.hash = (uint32_t)nw_hash(f.a_addr, 36) ^ f.a_port ^ (uint32_t)f.b_port << 16;
    return f;
}

/* Counts p into f as flow.c would and returns its direction. */
static inline int flow_add(struct nw_flow *f, const struct nw_packet *p)
{
    int dir = p->ip_version ? memcmp(f->a_addr, p->src_ip, 16) != 0 || f->a_port != p->sport
                            : memcmp(f->a_addr, p->src_mac, 6) != 0;
    f->packets[dir]++;
    f->bytes[dir] += p->wire_len;
    f->last_ns = p->ts_ns;
    return dir;
}

#endif
