/*
 * fuzz_netwatch_detect.c — arbitrary bytes as a stream of decoded packets through learning and
 * the detectors (src/netwatch/baseline.c, detect.c). Each 48-byte record sets the fields of one
 * struct nw_packet (addresses from small sets so that devices, conversations, ARP claims and
 * scans repeat; time moves by the record's own step, so windows and hours close); the rest of
 * the input is the payload of every packet (ICMP unreachable quotes are read from it). The first
 * half of the records is learned, the second half watched. Flows come from a pool of four kept
 * from record to record (a record that creates one replaces it), so that the memo learning and
 * the detectors keep in a flow's hints (and the detectors' fast path) serve later records —
 * packets that do not match their flow among them. Properties: every alert has a known
 * type, a count (except a silent-hour deviation), first ≤ last, a NUL-terminated detail and a
 * JSON form; the payload is never read outside the input (ASan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REC 48

static void check(const struct nw_alert *a, void *arg)
{
    (void)arg;
    if ((unsigned)a->type >= NW_ALERT_COUNT || a->first_ns > a->last_ns ||
        (!a->count && a->type != NW_ALERT_BASELINE_DEVIATION) ||
        !memchr(a->detail, '\0', sizeof(a->detail)) || !a->guideline)
        abort();
    json_t *j = nw_alert_to_json(a);
    if (!j)
        abort();
    json_decref(j);
}

static void packet_of(const uint8_t *r, int64_t *ts, const uint8_t *payload, size_t plen,
                      struct nw_packet *p, struct nw_flow *f)
{
    memset(p, 0, sizeof(*p));
    *ts += (int64_t)(r[0] | r[1] << 8) * (r[2] & 0x80 ? 1000000000 : 1000);
    p->ts_ns = *ts;
    p->wire_len = 60u + r[3];
    p->has_mac = !(r[4] & 0x80);
    p->src_mac[5] = r[4] & 7;
    p->src_mac[0] = r[4] & 0x40 ? 1 : 2; /* sometimes a group address */
    p->dst_mac[5] = r[5] & 7;
    p->dst_mac[0] = r[5] & 0x40 ? 0xff : 2;
    p->vlan_count = r[6] & 1;
    p->vlan[0] = r[6] >> 1;
    int kind = r[7] % 5; /* ARP, IPv4, IPv6, layer 2, IPv4 with a flow */
    if (kind == 0) {
        p->ethertype = 0x0806;
        p->arp_op = (uint16_t)(1 + (r[8] & 1));
        p->arp_sha[0] = 2;
        p->arp_sha[5] = r[9] & 7;
        p->arp_spa[0] = 10;
        p->arp_spa[3] = r[10] & 7;
        p->arp_tpa[0] = 10;
        p->arp_tpa[3] = r[11] & 7;
        if (r[8] & 2)
            memset(p->arp_spa, 0, 4);
        if (!memcmp(p->arp_spa, p->arp_tpa, 4))
            p->flags |= NW_PF_ARP_GRATUITOUS;
    } else if (kind == 3) {
        p->ethertype = (uint16_t)(0x8800 | r[8]);
    } else {
        p->ip_version = kind == 2 ? 6 : 4;
        p->ethertype = kind == 2 ? 0x86dd : 0x0800;
        memcpy(p->src_ip, r + 12, kind == 2 ? 16 : 4);
        memcpy(p->dst_ip, r + 28, kind == 2 ? 16 : 4);
        if (kind != 2) { /* mostly inside, sometimes outside or a group */
            p->src_ip[0] = r[12] & 0x80 ? r[12] : 10;
            p->dst_ip[0] = r[28] & 0x80 ? r[28] : 10;
            p->src_ip[1] = p->src_ip[2] = p->dst_ip[1] = p->dst_ip[2] = 0;
        }
        static const uint8_t protos[] = {6, 17, 1, 58, 47, 6, 17, 6};
        p->l4_proto = protos[r[8] & 7];
        p->flags |= r[9] & 1 ? 0 : NW_PF_L4;
        p->sport = (uint16_t)(r[44] << 8 | r[45]);
        p->dport = (uint16_t)(r[46] << 8 | r[47]);
        p->tcp_flags = r[10];
        p->icmp_type = r[10];
        p->icmp_code = r[11];
        p->payload = plen ? payload : NULL;
        p->payload_len = (uint32_t)plen;
        if (r[9] & 2) {
            p->name_kind = NW_NAME_DNS_QUERY;
            memcpy(p->name, "fuzz.example", 13);
        }
    }
    memset(f, 0, sizeof(*f));
    memcpy(f->a_addr, p->ip_version ? p->src_ip : p->src_mac, p->ip_version ? 16 : 6);
    memcpy(f->b_addr, p->ip_version ? p->dst_ip : p->dst_mac, p->ip_version ? 16 : 6);
    f->a_port = p->sport;
    f->b_port = p->dport;
    f->ip_version = p->ip_version;
    f->proto = p->l4_proto;
    f->ethertype = p->ethertype;
    f->vlan = p->vlan_count ? p->vlan[0] : 0;
    f->packets[0] = 1u + (r[9] >> 4 & 3);
    f->packets[1] = r[9] >> 6;
    f->first_ns = *ts - (r[9] & 4 ? 0 : 1000);
    f->hash = r[7];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t nrec = size / REC > 256 ? 256 : size / REC;
    const uint8_t *payload = data + nrec * REC;
    size_t plen = size - nrec * REC;
    struct nw_baseline *bl;
    if (nw_baseline_new(&bl))
        return 0;
    int64_t ts = 1772323200LL * 1000000000LL;
    struct nw_packet p;
    struct nw_flow f, pool[4];
    memset(pool, 0, sizeof(pool));
    for (size_t i = 0; i < nrec / 2; i++) {
        const uint8_t *r = data + i * REC;
        packet_of(r, &ts, payload, plen, &p, &f);
        bool use_flow = r[7] % 5 != 0 && (r[9] & 8);
        struct nw_flow *pf = &pool[r[11] & 3];
        if (r[9] & 4)
            *pf = f;
        nw_baseline_learn(bl, &p, use_flow ? pf : NULL, r[9] >> 7, r[9] & 4);
    }
    uint16_t vlans[] = {3, 0};
    struct nw_watch_config cfg = {.ipv6_vlans = vlans, .ipv6_vlan_count = 2, .scan_ports = 3};
    struct nw_detect *d;
    if (nw_detect_new(&cfg, bl, check, NULL, &d)) {
        nw_baseline_free(bl);
        return 0;
    }
    for (size_t i = nrec / 2; i < nrec; i++) {
        const uint8_t *r = data + i * REC;
        packet_of(r, &ts, payload, plen, &p, &f);
        bool use_flow = r[7] % 5 != 0 && (r[9] & 8);
        struct nw_flow *pf = &pool[r[11] & 3];
        if (r[9] & 4)
            *pf = f;
        nw_detect_packet(d, &p, use_flow ? pf : NULL, r[9] >> 7, r[9] & 4);
        if (r[2] & 1)
            nw_detect_tick(d, ts + 1000000000);
    }
    nw_detect_finish(d);
    nw_detect_free(d);
    nw_baseline_free(bl);
    return 0;
}
