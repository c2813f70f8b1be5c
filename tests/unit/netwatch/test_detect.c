/*
 * test_detect.c — netwatch's detectors (src/netwatch/detect.c) over hand-built packets and
 * flows: each of the nine alert types fires on its pattern, and every detector stays silent on
 * the normal traffic the baseline learned (the same network watched on another day); alerts
 * aggregate to one per key per window with the right count; the alert's JSON; the guideline
 * references resolve in the catalog. Ends with the cost per packet of existing conversations
 * (printed, not asserted).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nw_pkt.h"
#include "nw_traffic.h"

static const char *HMI = "02:00:00:00:00:0a", *PLC = "02:00:00:00:00:14",
                  *DNS = "02:00:00:00:00:35", *EVIL = "02:00:00:00:00:66",
                  *BCAST = "ff:ff:ff:ff:ff:ff";

#define MAXA 4096
struct got {
    size_t n;
    struct nw_alert a[MAXA];
};

static void collect(const struct nw_alert *a, void *arg)
{
    struct got *g = arg;
    assert_true(g->n < MAXA);
    g->a[g->n++] = *a;
}

static size_t count_type(const struct got *g, enum nw_alert_type t)
{
    size_t n = 0;
    for (size_t i = 0; i < g->n; i++)
        n += g->a[i].type == t;
    return n;
}

static const struct nw_alert *first_of(const struct got *g, enum nw_alert_type t)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->a[i].type == t)
            return &g->a[i];
    fail_msg("no %s alert", nw_alert_type_name(t));
    return NULL;
}

static void dump(const struct got *g)
{
    for (size_t i = 0; i < g->n; i++) {
        json_t *j = nw_alert_to_json(&g->a[i]);
        char *s = json_dumps(j, JSON_COMPACT);
        fprintf(stderr, "  alert: %s\n", s);
        free(s);
        json_decref(j);
    }
}

/* Where the normal traffic goes: learning or watching. */
struct sink {
    struct nw_baseline *bl;
    struct nw_detect *d;
};

static void feed(struct sink *k, const struct nw_packet *p, const struct nw_flow *f, int dir,
                 bool created)
{
    if (k->bl)
        nw_baseline_learn(k->bl, p, f, dir, created);
    if (k->d)
        nw_detect_packet(k->d, p, f, dir, created);
}

/* Departures from the normal network, by packet time. */
struct odd {
    int64_t plc_silent_from, plc_silent_to; /* the PLC sends nothing then */
    int64_t burst_from, burst_to;           /* the HMI sends burst extra polls each second */
    int burst;
};

/* The normal network, second by second from `from` for `secs` seconds: the HMI polls the PLC
 * over one TCP flow (opened with a handshake), asks the internal DNS every 10 s (a new flow
 * each time), the PLC publishes GOOSE each second, ARP both ways every 10 minutes, NTP to the
 * router every minute. */
static void normal(struct sink *k, int64_t from, int64_t secs, const struct odd *odd)
{
    static const struct odd none;
    if (!odd)
        odd = &none;
    struct nw_packet s = pkt_ip(from, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x02);
    struct nw_flow poll = flow_of(&s);
    feed(k, &s, &poll, 0, true);
    struct nw_packet sa =
        pkt_ip(from + 100, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 502, 50123, 0x12);
    if (!(from + 100 >= odd->plc_silent_from && from + 100 < odd->plc_silent_to))
        feed(k, &sa, &poll, flow_add(&poll, &sa), false);
    struct nw_packet ack =
        pkt_ip(from + 200, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x10);
    feed(k, &ack, &poll, flow_add(&poll, &ack), false);
    struct nw_flow goose = {0}, ntp = {0};
    for (int64_t i = 1; i < secs; i++) {
        int64_t t = from + i * SEC;
        bool plc = !(t >= odd->plc_silent_from && t < odd->plc_silent_to);
        bool burst = t >= odd->burst_from && t < odd->burst_to;
        for (int b = 0; b <= (burst ? odd->burst : 0); b++) {
            struct nw_packet q =
                pkt_ip(t + b, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x18);
            feed(k, &q, &poll, flow_add(&poll, &q), false);
        }
        if (plc) {
            struct nw_packet r =
                pkt_ip(t + 1000, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 502, 50123, 0x18);
            r.wire_len = 300;
            feed(k, &r, &poll, flow_add(&poll, &r), false);
            struct nw_packet g = pkt_l2(t + 3000, PLC, "01:0c:cd:01:00:01", 0x88b8);
            bool created = !goose.first_ns;
            if (created)
                goose = flow_of(&g);
            feed(k, &g, &goose, created ? 0 : flow_add(&goose, &g), created);
        }
        if (i % 10 == 0) {
            struct nw_packet dq = pkt_ip(t + 2000, HMI, DNS, "10.0.0.10", "10.0.0.53", 17,
                                         (uint16_t)(40000 + i % 20000), 53, 0);
            dq.name_kind = NW_NAME_DNS_QUERY;
            snprintf(dq.name, sizeof(dq.name), "plc1.site.local");
            struct nw_flow df = flow_of(&dq);
            feed(k, &dq, &df, 0, true);
            struct nw_packet da = pkt_ip(t + 2500, DNS, HMI, "10.0.0.53", "10.0.0.10", 17, 53,
                                         (uint16_t)(40000 + i % 20000), 0);
            da.flags |= NW_PF_DNS_RESPONSE;
            feed(k, &da, &df, flow_add(&df, &da), false);
        }
        if (i % 60 == 0) {
            struct nw_packet n = pkt_ip(t + 4000, HMI, "02:00:00:00:00:01", "10.0.0.10", "10.0.0.1",
                                        17, 123, 123, 0);
            bool created = !ntp.first_ns;
            if (created)
                ntp = flow_of(&n);
            feed(k, &n, &ntp, created ? 0 : flow_add(&ntp, &n), created);
        }
        if (i % 600 == 0) {
            struct nw_packet a1 =
                pkt_arp(t + 5000, 1, HMI, "10.0.0.10", "00:00:00:00:00:00", "10.0.0.20");
            feed(k, &a1, NULL, 0, false);
            if (plc) {
                struct nw_packet a2 = pkt_arp(t + 5500, 2, PLC, "10.0.0.20", HMI, "10.0.0.10");
                feed(k, &a2, NULL, 0, false);
            }
            struct nw_packet a3 =
                pkt_arp(t + 6000, 1, DNS, "10.0.0.53", "00:00:00:00:00:00", "10.0.0.10");
            struct nw_packet a4 = pkt_arp(t + 6500, 2, HMI, "10.0.0.10", DNS, "10.0.0.53");
            feed(k, &a3, NULL, 0, false);
            feed(k, &a4, NULL, 0, false);
        }
    }
}

static struct nw_baseline *learned; /* two days of the normal network */

static int setup(void **state)
{
    (void)state;
    if (nw_baseline_new(&learned))
        return -1;
    struct sink k = {learned, NULL};
    normal(&k, T0, 2 * 86400, NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nw_baseline_free(learned);
    return 0;
}

static struct nw_detect *watcher(const struct nw_watch_config *cfg, bool with_baseline,
                                 struct got *g)
{
    struct nw_detect *d;
    g->n = 0;
    assert_int_equal(nw_detect_new(cfg, with_baseline ? learned : NULL, collect, g, &d), AG_OK);
    return d;
}

/* The second half of every detector's test: the learned network, watched on day 3 (begun
 * mid-conversation too), raises nothing at all. */
static void test_silent_on_normal(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    struct sink k = {NULL, d};
    normal(&k, T0 + 2 * DAY, 6 * 3600, NULL);
    /* a capture that begins with the PLC's answer: the flow's initiator is the PLC */
    struct nw_packet r =
        pkt_ip(T0 + 2 * DAY + 7 * HOUR, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 502, 51000, 0x18);
    struct nw_flow f = flow_of(&r);
    nw_detect_packet(d, &r, &f, 0, true);
    nw_detect_finish(d);
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);
    struct nw_detect_stats st;
    nw_detect_get_stats(d, &st);
    assert_true(st.packets > 6 * 3600 * 3);
    assert_int_equal(st.alerts, 0);
    assert_int_equal(st.alerts_dropped + st.state_dropped, 0);
    nw_detect_free(d);
}

static void test_new_device(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 30 * SEC; /* the window 00:00:00–00:01:00 */
    for (int i = 0; i < 50; i++) {
        struct nw_packet p =
            pkt_ip(t + i * SEC / 10, EVIL, BCAST, "10.0.0.66", "10.0.0.255", 17, 5000, 5001, 0);
        nw_detect_packet(d, &p, NULL, 0, false);
        struct nw_packet q =
            pkt_ip(t + i * SEC / 10 + 1, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x18);
        struct nw_flow f = flow_of(&q);
        nw_detect_packet(d, &q, &f, 0, false); /* a known device: nothing */
    }
    /* the next window: the same device again, a second alert */
    struct nw_packet p =
        pkt_ip(t + 40 * SEC, EVIL, BCAST, "10.0.0.66", "10.0.0.255", 17, 5000, 5001, 0);
    nw_detect_packet(d, &p, NULL, 0, false);
    assert_int_equal(count_type(&g, NW_ALERT_NEW_DEVICE), 1); /* the first window closed */
    nw_detect_finish(d);
    assert_int_equal(count_type(&g, NW_ALERT_NEW_DEVICE), 2);
    const struct nw_alert *a = first_of(&g, NW_ALERT_NEW_DEVICE);
    assert_int_equal(a->count, 50);
    assert_true(a->has_mac);
    uint8_t m[6];
    mac_of(m, EVIL);
    assert_memory_equal(a->mac, m, 6);
    assert_int_equal(a->first_ns, t);
    assert_int_equal(a->last_ns, t + 49 * SEC / 10);
    const struct nw_alert *b = NULL;
    for (size_t i = 0; i < g.n; i++)
        if (g.a[i].type == NW_ALERT_NEW_DEVICE && g.a[i].first_ns > t + 30 * SEC)
            b = &g.a[i];
    assert_non_null(b);
    assert_int_equal(b->count, 1);
    nw_detect_free(d);
}

static void test_new_conversation(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + HOUR;
    /* three S7 connections HMI → PLC:102 in one window: one alert, 3 flows, 6 packets */
    for (int i = 0; i < 3; i++) {
        struct nw_packet s = pkt_ip(t + i * SEC, HMI, PLC, "10.0.0.10", "10.0.0.20", 6,
                                    (uint16_t)(52000 + i), 102, 0x02);
        struct nw_flow f = flow_of(&s);
        nw_detect_packet(d, &s, &f, 0, true);
        struct nw_packet sa = pkt_ip(t + i * SEC + 10, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 102,
                                     (uint16_t)(52000 + i), 0x12);
        nw_detect_packet(d, &sa, &f, flow_add(&f, &sa), false);
    }
    /* the learned Modbus conversation, new flows from new ports: nothing */
    for (int i = 0; i < 3; i++) {
        struct nw_packet s = pkt_ip(t + i * SEC + 20, HMI, PLC, "10.0.0.10", "10.0.0.20", 6,
                                    (uint16_t)(53000 + i), 502, 0x02);
        struct nw_flow f = flow_of(&s);
        nw_detect_packet(d, &s, &f, 0, true);
    }
    /* a PROFINET frame between the two (layer 2, not learned) */
    struct nw_packet pn = pkt_l2(t + 5 * SEC, HMI, PLC, 0x8892);
    struct nw_flow pf = flow_of(&pn);
    nw_detect_packet(d, &pn, &pf, 0, true);
    nw_detect_finish(d);
    if (g.n != 2)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_NEW_CONVERSATION), 2);
    const struct nw_alert *a = &g.a[0];
    assert_int_equal(a->type, NW_ALERT_NEW_CONVERSATION);
    assert_int_equal(a->count, 3);
    assert_int_equal(a->dport, 102);
    assert_int_equal(a->proto, 6);
    assert_non_null(strstr(a->detail, "3 flows, 6 packets"));
    uint8_t ip[16];
    ip_of(ip, "10.0.0.10");
    assert_memory_equal(a->src, ip, 16);
    assert_int_equal(g.a[1].ethertype, 0x8892);
    assert_non_null(strstr(g.a[1].detail, "ethertype 0x8892"));
    nw_detect_free(d);
}

static void test_external_and_dns(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, false, &g); /* works without a baseline */
    int64_t t = T0 + 2 * DAY;
    for (int i = 0; i < 4; i++) {
        struct nw_packet q = pkt_ip(t + i * SEC, HMI, "02:00:00:00:00:01", "10.0.0.10", "8.8.8.8",
                                    17, (uint16_t)(40000 + i), 53, 0);
        q.name_kind = NW_NAME_DNS_QUERY;
        snprintf(q.name, sizeof(q.name), "%s", i ? "update.example.com" : "c2.example.net");
        struct nw_flow f = flow_of(&q);
        nw_detect_packet(d, &q, &f, 0, true);
        struct nw_packet r = pkt_ip(t + i * SEC + 5, "02:00:00:00:00:01", HMI, "8.8.8.8",
                                    "10.0.0.10", 17, 53, (uint16_t)(40000 + i), 0);
        nw_detect_packet(d, &r, &f, flow_add(&f, &r), false);
    }
    /* inside, multicast, broadcast, link-local, DHCP discover: never external */
    const char *inside[][2] = {{"10.0.0.10", "239.255.255.250"}, {"10.0.0.10", "255.255.255.255"},
                               {"169.254.3.4", "172.16.0.1"},    {"0.0.0.0", "255.255.255.255"},
                               {"fe80::1", "ff02::1"},           {"fd00::5", "fd00::6"}};
    for (size_t i = 0; i < AG_ARRAY_LEN(inside); i++) {
        struct nw_packet p =
            pkt_ip(t + 10 * SEC, HMI, BCAST, inside[i][0], inside[i][1], 17, 68, 67, 0);
        nw_detect_packet(d, &p, NULL, 0, false);
    }
    nw_detect_finish(d);
    if (count_type(&g, NW_ALERT_EXTERNAL) != 1)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_EXTERNAL), 1);
    const struct nw_alert *a = first_of(&g, NW_ALERT_EXTERNAL);
    assert_int_equal(a->count, 8); /* queries and answers */
    assert_int_equal(a->dport, 53);
    assert_true(a->has_mac);
    assert_non_null(strstr(a->detail, "DNS query \"c2.example.net\""));
    assert_non_null(strstr(a->detail, "4 queries"));
    json_t *j = nw_alert_to_json(a);
    assert_string_equal(json_string_value(json_object_get(j, "dst")), "8.8.8.8");
    assert_string_equal(json_string_value(json_object_get(j, "src")), "10.0.0.10");
    json_decref(j);
    nw_detect_free(d);

    /* --internal 10.0.0.0/8 replaces the defaults: 192.168.1.5 is outside now */
    struct nw_cidr *c;
    size_t n;
    struct ag_error err;
    assert_int_equal(nw_cidr_list_parse("10.0.0.0/8", &c, &n, &err), AG_OK);
    struct nw_watch_config cfg = {.internal = c, .internal_count = n};
    d = watcher(&cfg, false, &g);
    free(c); /* borrowed only during nw_detect_new */
    struct nw_packet p = pkt_ip(t, HMI, PLC, "10.0.0.10", "192.168.1.5", 6, 40000, 443, 0x02);
    nw_detect_packet(d, &p, NULL, 0, true);
    p = pkt_ip(t, HMI, PLC, "10.0.0.10", "10.200.0.1", 6, 40000, 443, 0x02);
    nw_detect_packet(d, &p, NULL, 0, true);
    nw_detect_finish(d);
    assert_int_equal(count_type(&g, NW_ALERT_EXTERNAL), 1);
    assert_int_equal(first_of(&g, NW_ALERT_EXTERNAL)->dst[2], 1);
    nw_detect_free(d);
}

static void test_ipv6(void **state)
{
    (void)state;
    static struct got g;
    uint16_t vlans[] = {20};
    struct nw_watch_config cfg = {.ipv6_vlans = vlans, .ipv6_vlan_count = 1};
    struct nw_detect *d = watcher(&cfg, true, &g);
    int64_t t = T0 + 2 * DAY;
    for (int i = 0; i < 5; i++) { /* NDP neighbour solicitations from the HMI on VLAN 10 */
        struct nw_packet p = pkt_ip(t + i * SEC, HMI, "33:33:ff:00:00:05", "fe80::a",
                                    "ff02::1:ff00:5", 58, 135, 0, 0);
        p.flags |= NW_PF_NDP;
        p.vlan_count = 1;
        p.vlan[0] = 10;
        nw_detect_packet(d, &p, NULL, 0, false);
        p.vlan[0] = 20; /* the same on VLAN 20, where IPv6 is allowed: nothing */
        nw_detect_packet(d, &p, NULL, 0, false);
    }
    nw_detect_finish(d);
    assert_int_equal(count_type(&g, NW_ALERT_IPV6_UNEXPECTED), 1);
    const struct nw_alert *a = first_of(&g, NW_ALERT_IPV6_UNEXPECTED);
    assert_int_equal(a->count, 5);
    assert_int_equal(a->vlan, 10);
    assert_non_null(strstr(a->detail, "ICMPv6 type 135"));
    json_t *j = nw_alert_to_json(a);
    assert_string_equal(json_string_value(json_object_get(j, "mac")), HMI);
    assert_string_equal(json_string_value(json_object_get(j, "proto")), "icmpv6");
    assert_int_equal(json_integer_value(json_object_get(j, "vlan")), 10);
    json_t *gl = json_object_get(j, "guideline");
    assert_string_equal(json_string_value(json_array_get(gl, 0)), "3.1.5.2(4)(d)");
    json_decref(j);
    nw_detect_free(d);
    /* ipv6_allowed: nothing anywhere */
    cfg.ipv6_allowed = true;
    d = watcher(&cfg, true, &g);
    struct nw_packet p = pkt_ip(t, HMI, "33:33:00:00:00:01", "fe80::a", "ff02::1", 58, 135, 0, 0);
    nw_detect_packet(d, &p, NULL, 0, false);
    nw_detect_finish(d);
    assert_int_equal(count_type(&g, NW_ALERT_IPV6_UNEXPECTED), 0);
    nw_detect_free(d);
}

static void test_floods(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 2 * HOUR;
    /* a SYN flood: 1000 SYNs in one second to the PLC from spoofed sources */
    for (int i = 0; i < 1000; i++) {
        char src[32];
        snprintf(src, sizeof(src), "10.9.%d.%d", i / 250, i % 250 + 1);
        struct nw_packet s = pkt_ip(t + i * (SEC / 1000), EVIL, PLC, src, "10.0.0.20", 6,
                                    (uint16_t)(1024 + i), 502, 0x02);
        struct nw_flow f = flow_of(&s);
        nw_detect_packet(d, &s, &f, 0, true);
    }
    /* a UDP flood at 20,000/s and a ping flood at 300/s on the HMI, in the next window */
    int64_t t2 = t + 60 * SEC;
    for (int i = 0; i < 20000; i++) {
        struct nw_packet u =
            pkt_ip(t2 + i * (SEC / 20000), EVIL, HMI, "10.0.0.66", "10.0.0.10", 17, 4000, 9999, 0);
        nw_detect_packet(d, &u, NULL, 0, false);
    }
    for (int i = 0; i < 300; i++) {
        struct nw_packet e =
            pkt_ip(t2 + i * (SEC / 300), EVIL, HMI, "10.0.0.66", "10.0.0.10", 1, 8, 0, 0);
        nw_detect_packet(d, &e, NULL, 0, false);
    }
    nw_detect_finish(d);
    if (count_type(&g, NW_ALERT_FLOOD) != 2)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_FLOOD), 2);
    const struct nw_alert *a = first_of(&g, NW_ALERT_FLOOD);
    assert_int_equal(a->count, 1000);
    assert_int_equal(a->proto, 6);
    assert_non_null(strstr(a->detail, "syn 1000/s peak (limit 200/s), half-open 1.00 of 1000"));
    assert_non_null(strstr(a->detail, "several sources"));
    assert_int_equal(a->src_family, 0);
    uint8_t ip[16];
    ip_of(ip, "10.0.0.20");
    assert_memory_equal(a->dst, ip, 16);
    const struct nw_alert *b = NULL;
    for (size_t i = 0; i < g.n; i++)
        if (g.a[i].type == NW_ALERT_FLOOD && g.a[i].first_ns >= t2)
            b = &g.a[i];
    assert_non_null(b);
    assert_int_equal(b->count, 20300);
    assert_non_null(strstr(b->detail, "udp 20000/s peak (limit 10000/s); icmp 300/s peak"));
    assert_non_null(strstr(b->detail, "one source"));
    nw_detect_free(d);
}

/* The flood counters through the flow's hint (nw_flow.flood_hint): a UDP flood over one flow
 * in both directions, across two windows; in the second window another destination takes the
 * entry the hint points to (the table is cleared at each window's end) before the flood goes
 * on. Every packet still counts for its own destination, none for the other. */
static void test_flood_hint(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 3 * HOUR;
    struct nw_packet u0 =
        pkt_ip(t, EVIL, HMI, "10.0.0.66", "10.0.0.10", 17, 4000, 9999, 0); /* dir 0 */
    struct nw_flow f = flow_of(&u0);
    for (int w = 0; w < 2; w++) {
        int64_t tw = t + w * 60 * SEC;
        if (w) { /* the PLC first: the new window's first entry is the PLC's */
            struct nw_packet o = pkt_ip(tw, EVIL, PLC, "10.0.0.66", "10.0.0.20", 17, 4001, 9999, 0);
            struct nw_flow of = flow_of(&o);
            nw_detect_packet(d, &o, &of, 0, true);
        }
        for (int i = 0; i < 12000; i++) {
            struct nw_packet u = pkt_ip(tw + 1000 + i * (SEC / 20000), EVIL, HMI, "10.0.0.66",
                                        "10.0.0.10", 17, 4000, 9999, 0);
            nw_detect_packet(d, &u, &f, 0, !w && !i);
            if (i % 4 == 0) { /* the answers: a→b's hint must not serve b→a */
                struct nw_packet r = pkt_ip(tw + 2000 + i * (SEC / 20000), HMI, EVIL, "10.0.0.10",
                                            "10.0.0.66", 17, 9999, 4000, 0);
                nw_detect_packet(d, &r, &f, 1, false);
            }
        }
        assert_true(f.flood_hint != 0);
    }
    nw_detect_finish(d);
    uint8_t hmi[16], plc[16], evil[16];
    ip_of(hmi, "10.0.0.10");
    ip_of(plc, "10.0.0.20");
    ip_of(evil, "10.0.0.66");
    size_t n = 0;
    for (size_t i = 0; i < g.n; i++) {
        const struct nw_alert *a = &g.a[i];
        if (a->type != NW_ALERT_FLOOD)
            continue;
        n++;
        assert_memory_equal(a->dst, hmi, 16); /* neither the PLC nor the answers' target */
        assert_int_equal(a->count, 12000);
        assert_non_null(strstr(a->detail, "udp 12000/s peak (limit 10000/s)"));
    }
    if (n != 2)
        dump(&g);
    assert_int_equal(n, 2);
    nw_detect_free(d);
}

/* Regression: the first packet of a flow in a new window wrote its direction's flood entry into
 * a memo read before the new window emptied it, so the other direction kept its entry of the
 * last window and its next packet, on the fast path, counted for whatever destination now holds
 * that entry. A learned DNS exchange in two windows; in the second, another destination takes
 * the first entry: each side still gets its own 3 packets a second, nobody 6. */
static void test_flood_memo_new_window(void **state)
{
    (void)state;
    static struct got g;
    struct nw_watch_config cfg = {.udp_per_s = 2};
    struct nw_detect *d = watcher(&cfg, true, &g);
    int64_t t = T0 + 2 * DAY + 3 * HOUR;
    struct nw_packet dq = pkt_ip(t, HMI, DNS, "10.0.0.10", "10.0.0.53", 17, 40010, 53, 0);
    struct nw_flow f = flow_of(&dq);
    for (int w = 0; w < 2; w++) {
        int64_t tw = t + w * 60 * SEC;
        struct nw_packet n = pkt_ip(tw, HMI, "02:00:00:00:00:01", "10.0.0.10", "10.0.0.1", 17, 123,
                                    123, 0); /* the first entry of the window */
        struct nw_flow nf = flow_of(&n);
        nw_detect_packet(d, &n, &nf, 0, true);
        for (int i = 0; i < 3; i++) {
            struct nw_packet q =
                pkt_ip(tw + 1000 + i, HMI, DNS, "10.0.0.10", "10.0.0.53", 17, 40010, 53, 0);
            struct nw_packet a =
                pkt_ip(tw + 2000 + i, DNS, HMI, "10.0.0.53", "10.0.0.10", 17, 53, 40010, 0);
            nw_detect_packet(d, &q, &f, flow_add(&f, &q), !w && !i);
            nw_detect_packet(d, &a, &f, flow_add(&f, &a), false);
        }
    }
    nw_detect_finish(d);
    uint8_t hmi[16], dns[16];
    ip_of(hmi, "10.0.0.10");
    ip_of(dns, "10.0.0.53");
    size_t to_hmi = 0, to_dns = 0;
    for (size_t i = 0; i < g.n; i++) {
        const struct nw_alert *a = &g.a[i];
        if (a->type != NW_ALERT_FLOOD)
            continue;
        assert_int_equal(a->count, 3);
        to_hmi += !memcmp(a->dst, hmi, 16);
        to_dns += !memcmp(a->dst, dns, 16);
    }
    if (to_hmi != 2 || to_dns != 2)
        dump(&g);
    assert_int_equal(to_hmi, 2);
    assert_int_equal(to_dns, 2);
    nw_detect_free(d);
}

/* A slow SYN flood (10/s, under the rate) is caught by its half-open ratio; the same rate of
 * connections that complete their handshake is not. */
static void test_half_open(void **state)
{
    (void)state;
    static struct got g;
    for (int complete = 0; complete < 2; complete++) {
        struct nw_detect *d = watcher(NULL, false, &g);
        int64_t t = T0 + 2 * DAY;
        for (int i = 0; i < 590; i++) {
            int64_t ts = t + i * (SEC / 10);
            struct nw_packet s =
                pkt_ip(ts, EVIL, PLC, "10.0.0.66", "10.0.0.20", 6, (uint16_t)(1024 + i), 502, 0x02);
            struct nw_flow f = flow_of(&s);
            nw_detect_packet(d, &s, &f, 0, true);
            if (!complete)
                continue;
            struct nw_packet sa = pkt_ip(ts + 10, PLC, EVIL, "10.0.0.20", "10.0.0.66", 6, 502,
                                         (uint16_t)(1024 + i), 0x12);
            nw_detect_packet(d, &sa, &f, flow_add(&f, &sa), false);
            struct nw_packet ack = pkt_ip(ts + 20, EVIL, PLC, "10.0.0.66", "10.0.0.20", 6,
                                          (uint16_t)(1024 + i), 502, 0x10);
            nw_detect_packet(d, &ack, &f, flow_add(&f, &ack), false);
        }
        nw_detect_finish(d);
        assert_int_equal(count_type(&g, NW_ALERT_FLOOD), complete ? 0 : 1);
        if (!complete)
            assert_non_null(strstr(g.a[0].detail, "syn 10/s peak (limit 200/s), half-open 1.00"));
        nw_detect_free(d);
    }
}

static void test_port_scans(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 3 * HOUR;
    /* vertical: 150 ports on the PLC, each probed twice (counted once) */
    for (int i = 0; i < 300; i++) {
        struct nw_packet s = pkt_ip(t + i * SEC / 100, EVIL, PLC, "10.0.0.66", "10.0.0.20", 6,
                                    40000, (uint16_t)(1 + i % 150), 0x02);
        nw_detect_packet(d, &s, NULL, 0, true);
    }
    /* horizontal in the next window: UDP 161 on 120 hosts, seen by their port unreachables */
    int64_t t2 = t + 60 * SEC;
    for (int i = 0; i < 120; i++) {
        char host[32];
        snprintf(host, sizeof(host), "10.0.1.%d", i + 1);
        struct nw_packet u = pkt_ip(t2 + i * SEC / 10, PLC, EVIL, host, "10.0.0.66", 1, 3, 3, 0);
        uint8_t quoted[28] = {0x45, 0, 0, 40, 0, 0, 0, 0, 64, 17};
        ip_of(quoted + 12, "10.0.0.66");
        uint8_t h[16];
        ip_of(h, host);
        memcpy(quoted + 16, h, 4);
        quoted[20] = 0x9c, quoted[21] = 0x40, quoted[22] = 0, quoted[23] = 161;
        u.payload = quoted;
        u.payload_len = sizeof(quoted);
        nw_detect_packet(d, &u, NULL, 0, false);
    }
    /* below the threshold: 50 ports on the HMI from another source, in the second window */
    for (int i = 0; i < 50; i++) {
        struct nw_packet s = pkt_ip(t2 + i * SEC / 100, DNS, HMI, "10.0.0.53", "10.0.0.10", 6,
                                    40000, (uint16_t)(1000 + i), 0x02);
        nw_detect_packet(d, &s, NULL, 0, true);
    }
    nw_detect_finish(d);
    if (count_type(&g, NW_ALERT_PORT_SCAN) != 2)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_PORT_SCAN), 2);
    const struct nw_alert *v = first_of(&g, NW_ALERT_PORT_SCAN);
    assert_int_equal(v->count, 150);
    assert_non_null(strstr(v->detail, "150 ports on 10.0.0.20"));
    const struct nw_alert *h = NULL;
    for (size_t i = 0; i < g.n; i++)
        if (g.a[i].type == NW_ALERT_PORT_SCAN && g.a[i].first_ns >= t2)
            h = &g.a[i];
    assert_non_null(h);
    assert_int_equal(h->count, 120);
    assert_int_equal(h->dport, 161);
    assert_int_equal(h->proto, 17);
    assert_non_null(strstr(h->detail, "port 161 on 120 hosts"));
    uint8_t ip[16];
    ip_of(ip, "10.0.0.66");
    assert_memory_equal(h->src, ip, 16);
    nw_detect_free(d);
}

static void test_arp_spoof(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 4 * HOUR;
    /* the PLC answers as usual, then the attacker's gratuitous ARP takes over its IP (known
     * from the baseline), the PLC answers again (flip back), the attacker poisons again
     * with unsolicited replies to the HMI */
    struct nw_packet p[] = {
        pkt_arp(t, 1, HMI, "10.0.0.10", "00:00:00:00:00:00", "10.0.0.20"),
        pkt_arp(t + 1000, 2, PLC, "10.0.0.20", HMI, "10.0.0.10"),
        pkt_arp(t + 5 * SEC, 1, EVIL, "10.0.0.20", "00:00:00:00:00:00", "10.0.0.20"),
        pkt_arp(t + 20 * SEC, 1, HMI, "10.0.0.10", "00:00:00:00:00:00", "10.0.0.20"),
        pkt_arp(t + 20 * SEC + 1000, 2, PLC, "10.0.0.20", HMI, "10.0.0.10"),
        pkt_arp(t + 30 * SEC, 2, EVIL, "10.0.0.20", HMI, "10.0.0.10"),
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(p); i++)
        nw_detect_packet(d, &p[i], NULL, 0, false);
    nw_detect_finish(d);
    if (g.n != 2)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_ARP_SPOOF), 1);
    assert_int_equal(count_type(&g, NW_ALERT_IP_CONFLICT), 0);
    assert_int_equal(count_type(&g, NW_ALERT_NEW_DEVICE), 1); /* the attacker's MAC */
    const struct nw_alert *a = first_of(&g, NW_ALERT_ARP_SPOOF);
    assert_int_equal(a->count, 3); /* takeover, flip back, takeover */
    assert_string_equal(a->detail, "10.0.0.20 taken over by 02:00:00:00:00:66 from "
                                   "02:00:00:00:00:14 (gratuitous ARP, flip-flop)");
    json_t *j = nw_alert_to_json(a);
    assert_string_equal(json_string_value(json_object_get(j, "src")), "10.0.0.20");
    assert_string_equal(json_string_value(json_object_get(j, "mac")), EVIL);
    json_decref(j);
    nw_detect_free(d);
}

/* Two devices configured with the same address: both answer the HMI's request; a device
 * probing (RFC 5227) for an address in use is answered by its owner. Neither is spoofing. */
static void test_ip_conflict(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 5 * HOUR;
    const char *dup = "02:00:00:00:00:77";
    struct nw_packet p[] = {
        pkt_arp(t, 1, HMI, "10.0.0.10", "00:00:00:00:00:00", "10.0.0.20"),
        pkt_arp(t + 1000, 2, PLC, "10.0.0.20", HMI, "10.0.0.10"),
        pkt_arp(t + 2000, 2, dup, "10.0.0.20", HMI, "10.0.0.10"),
        /* a probe for the DNS server's address, answered by it */
        pkt_arp(t + 3 * SEC, 1, dup, "0.0.0.0", "00:00:00:00:00:00", "10.0.0.53"),
        pkt_arp(t + 3 * SEC + 1000, 2, DNS, "10.0.0.53", dup, "0.0.0.0"),
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(p); i++)
        nw_detect_packet(d, &p[i], NULL, 0, false);
    nw_detect_finish(d);
    if (count_type(&g, NW_ALERT_IP_CONFLICT) != 2)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_ARP_SPOOF), 0);
    assert_int_equal(count_type(&g, NW_ALERT_IP_CONFLICT), 2);
    const struct nw_alert *a = first_of(&g, NW_ALERT_IP_CONFLICT);
    assert_string_equal(a->detail, "10.0.0.20 claimed by 02:00:00:00:00:77 and 02:00:00:00:00:14 "
                                   "(both claim it within 10 s)");
    const struct nw_alert *b = NULL;
    for (size_t i = 0; i < g.n; i++)
        if (g.a[i].type == NW_ALERT_IP_CONFLICT && g.a[i].src[3] == 53)
            b = &g.a[i];
    assert_non_null(b);
    assert_non_null(strstr(b->detail, "an ARP probe answered by another MAC"));
    nw_detect_free(d);
}

/* Day 3: hour 10 the PLC stops talking (the HMI keeps asking), hour 12 the HMI sends 30 times
 * its usual volume. With the silence detector held back (--silence-min 2 h): one silent hour
 * for the PLC, one high alert for the HMI, none else (the first hours match their profile; the
 * first, partial hour is not judged silent). */
static void test_deviation(void **state)
{
    (void)state;
    static struct got g;
    struct nw_watch_config cfg = {.silence_min_s = 7200};
    struct nw_detect *d = watcher(&cfg, true, &g);
    struct sink k = {NULL, d};
    int64_t day3 = T0 + 2 * DAY;
    struct odd odd = {day3 + 10 * HOUR, day3 + 11 * HOUR, day3 + 12 * HOUR, day3 + 13 * HOUR, 33};
    normal(&k, day3, 13 * 3600 + 2, &odd); /* 13:00:01 closes hour 12 */
    nw_detect_finish(d);
    if (g.n != 2)
        dump(&g);
    assert_int_equal(count_type(&g, NW_ALERT_BASELINE_DEVIATION), 2);
    assert_int_equal(g.n, 2);
    const struct nw_alert *s = &g.a[0], *h = &g.a[1];
    uint8_t plc[6], hmi[6];
    mac_of(plc, PLC);
    mac_of(hmi, HMI);
    assert_memory_equal(s->mac, plc, 6);
    assert_int_equal(s->count, 0);
    assert_int_equal(s->first_ns, day3 + 10 * HOUR);
    assert_non_null(strstr(s->detail, "hour 10 UTC: silent; learned active on 2 of 2 days"));
    assert_string_equal(s->reason, "silent_hour");
    assert_string_equal(h->reason, "volume");
    assert_memory_equal(h->mac, hmi, 6);
    assert_int_equal(h->count, 3600 * 34 + 360 + 60 + 12); /* polls, DNS, NTP, ARP */
    assert_non_null(strstr(h->detail, "hour 12 UTC: 122832 packets"));
    nw_detect_free(d);
}

/* The PLC (learned: a packet every second, so its longest gap is about 1 s) stops for
 * silent_s seconds at 10:00:00 of day 3; the watch runs from 09:00 to 10:30. */
static void silence_run(struct got *g, const struct nw_watch_config *cfg, int64_t silent_s)
{
    struct nw_detect *d = watcher(cfg, true, g);
    struct sink k = {NULL, d};
    int64_t day3 = T0 + 2 * DAY;
    struct odd odd = {day3 + 10 * HOUR, day3 + 10 * HOUR + silent_s * SEC, 0, 0, 0};
    normal(&k, day3 + 9 * HOUR, 5400, &odd);
    nw_detect_finish(d);
    nw_detect_free(d);
}

/* The one alert of g: the PLC's silence, one silence counted, first and last as given. */
static const struct nw_alert *one_silence(struct got *g, int64_t first, int64_t last)
{
    uint8_t plc[6];
    mac_of(plc, PLC);
    if (g->n != 1)
        dump(g);
    assert_int_equal(g->n, 1);
    const struct nw_alert *a = &g->a[0];
    assert_int_equal(a->type, NW_ALERT_BASELINE_DEVIATION);
    assert_string_equal(a->reason, "silent");
    assert_true(a->has_mac);
    assert_memory_equal(a->mac, plc, 6);
    assert_int_equal(a->count, 1);
    assert_int_equal(a->first_ns, first);
    assert_int_equal(a->last_ns, last);
    return a;
}

/* The silence detector (baseline_deviation, reason "silent"): a device that talks regularly
 * and stops for longer than factor × its learned longest gap, and at least the minimum, is
 * reported once for the whole silence, 30 s after its last packet by default — a stop inside
 * an hour that the hourly check cannot see. Shorter silences, a higher factor and a gap in the
 * capture (nobody sends) raise nothing. */
static void test_silence(void **state)
{
    (void)state;
    static struct got g;
    int64_t day3 = T0 + 2 * DAY, last = day3 + 10 * HOUR - SEC + 3000; /* its last GOOSE */

    silence_run(&g, NULL, 20 * 60); /* 20 minutes inside hour 10 */
    /* reported the first second past 30 s */
    const struct nw_alert *a = one_silence(&g, last, day3 + 10 * HOUR + 30 * SEC);
    assert_non_null(strstr(a->detail, "silent for 30 s after its last packet; learned longest "
                                      "gap 1.0 s, reported after 30 s"));
    json_t *j = nw_alert_to_json(a);
    assert_string_equal(json_string_value(json_object_get(j, "reason")), "silent");
    assert_string_equal(json_string_value(json_object_get(j, "mac")), PLC);
    json_decref(j);

    silence_run(&g, NULL, 25); /* its next packet 26 s after the last: under 30 s */
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);

    silence_run(&g, NULL, 36); /* 37 s: over the minimum … */
    assert_int_equal(g.n, 1);
    struct nw_watch_config cfg = {.silence_factor = 40}; /* … under 40 × 1 s */
    silence_run(&g, &cfg, 36);
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);
    cfg = (struct nw_watch_config){.silence_min_s = 60}; /* … under 60 s */
    silence_run(&g, &cfg, 36);
    assert_int_equal(g.n, 0);

    /* a capture with a hole: 09:00–09:30 and 11:00–11:30, nobody in between */
    struct nw_detect *d = watcher(NULL, true, &g);
    struct sink k = {NULL, d};
    normal(&k, day3 + 9 * HOUR, 1800, NULL);
    normal(&k, day3 + 11 * HOUR, 1800, NULL);
    nw_detect_finish(d);
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);
    nw_detect_free(d);
}

/* A baseline learned from one device alone sending GOOSE every second for `seconds` from T0,
 * through flow *f (left as the learning left it). */
static struct nw_baseline *learn_goose(struct nw_flow *f, int seconds)
{
    struct nw_baseline *bl;
    assert_int_equal(nw_baseline_new(&bl), AG_OK);
    struct nw_packet p0 = pkt_l2(T0, PLC, "01:0c:cd:01:00:01", 0x88b8);
    *f = flow_of(&p0);
    for (int i = 0; i < seconds; i++) {
        struct nw_packet p = pkt_l2(T0 + i * SEC, PLC, "01:0c:cd:01:00:01", 0x88b8);
        nw_baseline_learn(bl, &p, f, i ? flow_add(f, &p) : 0, !i);
    }
    return bl;
}

/* One device alone (GOOSE every second, learned for an hour) falls silent twice: reported
 * twice. Between the scans the detector keeps the earliest time a silence can be due; once the
 * only device is reported there is none, and its next packet must bring it back (a regression
 * test of that bound: without it the second silence went unreported). */
static void test_silence_twice(void **state)
{
    (void)state;
    static struct got g;
    g.n = 0;
    struct nw_flow f;
    struct nw_baseline *bl = learn_goose(&f, 3600);
    struct nw_detect *d;
    assert_int_equal(nw_detect_new(NULL, bl, collect, &g, &d), AG_OK);
    int64_t t = T0 + 2 * DAY + 10 * HOUR + 500;
    struct nw_packet p0 = pkt_l2(T0, PLC, "01:0c:cd:01:00:01", 0x88b8);
    struct nw_flow w = flow_of(&p0);
    struct nw_packet h0 = pkt_l2(t + 100, HMI, "ff:ff:ff:ff:ff:ff", 0x88cc);
    struct nw_flow hf = flow_of(&h0);
    /* the PLC sends 0–99 s, silent, 200–209 s, silent, 320–399 s; a device the baseline does
     * not know sends all along (else the PLC's silences would be gaps of the capture) */
    for (int i = 0; i < 400; i++) {
        struct nw_packet h = pkt_l2(t + i * SEC + 100, HMI, "ff:ff:ff:ff:ff:ff", 0x88cc);
        if (!((i >= 100 && i < 200) || (i >= 210 && i < 320))) {
            struct nw_packet p = pkt_l2(t + i * SEC, PLC, "01:0c:cd:01:00:01", 0x88b8);
            nw_detect_packet(d, &p, &w, i ? flow_add(&w, &p) : 0, !i);
        }
        nw_detect_packet(d, &h, &hf, i ? flow_add(&hf, &h) : 0, !i);
    }
    nw_detect_finish(d);
    uint64_t silences = 0;
    for (size_t i = 0; i < g.n; i++)
        if (g.a[i].type == NW_ALERT_BASELINE_DEVIATION && !strcmp(g.a[i].reason, "silent"))
            silences += g.a[i].count;
    if (silences != 2)
        dump(&g);
    assert_int_equal(silences, 2);
    nw_detect_free(d);
    nw_baseline_free(bl);
}

/* A device that talks regularly and sends nothing at all after the watch begins (the PLC off
 * from 09:00 to 11:00 of day 3, the watch from 09:00 to 10:30) is reported once, its silence
 * measured from the watch's first packet: time = that packet, 30 s later the threshold; the
 * hourly check does not report hour 10 a second time. A device that begins talking within its
 * threshold raises nothing. */
static void test_silence_from_start(void **state)
{
    (void)state;
    static struct got g;
    int64_t day3 = T0 + 2 * DAY, start = day3 + 9 * HOUR;
    struct nw_detect *d = watcher(NULL, true, &g);
    struct sink k = {NULL, d};
    struct odd odd = {start, day3 + 11 * HOUR, 0, 0, 0};
    normal(&k, start, 5400, &odd);
    nw_detect_finish(d);
    nw_detect_free(d);
    /* from the watch's first packet; reported the first second past 30 s */
    const struct nw_alert *a = one_silence(&g, start, start + 31 * SEC);
    assert_non_null(strstr(a->detail, "silent for 31 s since watching began, nothing sent; "
                                      "learned longest gap 1.0 s, reported after 30 s"));

    /* the PLC's first packet 20 s after the watch began: under its threshold */
    d = watcher(NULL, true, &g);
    k.d = d;
    odd = (struct odd){start, start + 20 * SEC, 0, 0, 0};
    normal(&k, start, 600, &odd);
    nw_detect_finish(d);
    nw_detect_free(d);
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);
}

/* A site in Japan: a job server sends a packet a second from 10:00 to 11:00 local time (01:00
 * to 02:00 UTC) and a clock every 10 s all day, from day `day` for `days` days; `shift` moves
 * the job by hours. */
#define JOB "02:00:00:00:00:30"
#define CLK "02:00:00:00:00:31"
static void site_days(struct nw_baseline *bl, struct nw_detect *d, int64_t from, int64_t to,
                      int shift)
{
    for (int64_t t = from; t < to; t += SEC) {
        int64_t in_day = (t - T0) % DAY;
        if (in_day >= (1 + shift) * HOUR && in_day < (2 + shift) * HOUR) {
            struct nw_packet p = pkt_ip(t, JOB, CLK, "10.0.0.30", "10.0.0.31", 17, 40000, 514, 0);
            if (bl)
                nw_baseline_learn(bl, &p, NULL, 0, false);
            if (d)
                nw_detect_packet(d, &p, NULL, 0, false);
        }
        if ((t - T0) % (10 * SEC) == 0) {
            struct nw_packet c =
                pkt_ip(t + 500, CLK, JOB, "10.0.0.31", "10.0.0.30", 17, 123, 123, 0);
            if (bl)
                nw_baseline_learn(bl, &c, NULL, 0, false);
            if (d)
                nw_detect_packet(d, &c, NULL, 0, false);
        }
    }
}

/* Hours of day in the site's time zone (learned.timezone): a profile learned at +09:00 has the
 * job in hour 10 and says so in the file (and survives a save and load); watched at the same
 * zone the same days raise nothing; the job two hours late gives "too much" in hour 12 and
 * "silent" in hour 10, both named in local time; watched with the zone forced to UTC, the same
 * normal day is judged against the wrong hours and alerts too. */
static void test_timezone(void **state)
{
    (void)state;
    static struct got g;
    struct nw_baseline *bl;
    assert_int_equal(nw_baseline_new(&bl), AG_OK);
    nw_baseline_set_utc_offset(bl, 9 * 3600);
    site_days(bl, NULL, T0, T0 + 2 * DAY, 0);
    json_t *j = nw_baseline_to_json(bl);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "learned"), "timezone")), "+09:00");
    json_t *job = json_array_get(json_object_get(j, "assets"), 0);
    assert_string_equal(json_string_value(json_object_get(job, "mac")), JOB);
    json_t *pph = json_object_get(job, "packets_per_hour");
    assert_true(json_real_value(json_array_get(pph, 10)) > 3500.0);
    assert_true(json_real_value(json_array_get(pph, 1)) == 0.0);
    struct nw_baseline *loaded;
    struct ag_error err;
    assert_int_equal(nw_baseline_from_json(j, "tz.json", &loaded, &err), AG_OK);
    assert_int_equal(nw_baseline_utc_offset(loaded), 9 * 3600);
    json_decref(j);

    int64_t day3 = T0 + 2 * DAY;
    struct nw_detect *d;
    g.n = 0; /* the same day, the baseline's zone */
    assert_int_equal(nw_detect_new(NULL, loaded, collect, &g, &d), AG_OK);
    site_days(NULL, d, day3, day3 + 5 * HOUR + 2 * SEC, 0);
    nw_detect_finish(d);
    nw_detect_free(d);
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);

    g.n = 0; /* the job two hours late */
    assert_int_equal(nw_detect_new(NULL, loaded, collect, &g, &d), AG_OK);
    site_days(NULL, d, day3, day3 + 5 * HOUR + 2 * SEC, 2);
    nw_detect_finish(d);
    nw_detect_free(d);
    if (g.n != 2)
        dump(&g);
    assert_int_equal(g.n, 2);
    assert_string_equal(g.a[0].reason, "silent_hour");
    assert_int_equal(g.a[0].first_ns, day3 + 1 * HOUR); /* 10:00 at +09:00 */
    assert_non_null(strstr(g.a[0].detail, "hour 10 UTC+09:00: silent"));
    assert_string_equal(g.a[1].reason, "volume");
    assert_int_equal(g.a[1].first_ns, day3 + 3 * HOUR);
    assert_non_null(strstr(g.a[1].detail, "hour 12 UTC+09:00: 3600 packets"));

    g.n = 0; /* the same normal day, hours taken as UTC */
    struct nw_watch_config cfg = {.utc_offset_set = true, .utc_offset = 0};
    assert_int_equal(nw_detect_new(&cfg, loaded, collect, &g, &d), AG_OK);
    site_days(NULL, d, day3, day3 + 5 * HOUR + 2 * SEC, 0);
    nw_detect_finish(d);
    nw_detect_free(d);
    assert_int_equal(count_type(&g, NW_ALERT_BASELINE_DEVIATION), 1);
    assert_non_null(strstr(g.a[0].detail, "hour 01 UTC: 3600 packets"));
    nw_baseline_free(loaded);
    nw_baseline_free(bl);
}

/* The flow's hint for the baseline look-up (nw_flow.hint[2..3]) is checked: a learned
 * conversation whose packets suddenly come from another MAC (a man in the middle forwarding
 * them) raises new_device for that MAC, and the learned sender is still counted as known. */
static void test_flow_hint(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 9 * HOUR;
    struct nw_packet q = pkt_ip(t, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x18);
    struct nw_flow f = flow_of(&q);
    nw_detect_packet(d, &q, &f, 0, false);
    assert_int_not_equal(f.hint[2], 0);
    struct nw_packet m = q;
    m.ts_ns = t + SEC;
    mac_of(m.src_mac, EVIL);
    nw_detect_packet(d, &m, &f, 0, false);
    q.ts_ns = t + 2 * SEC;
    nw_detect_packet(d, &q, &f, 0, false);
    nw_detect_finish(d);
    if (g.n != 1)
        dump(&g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.a[0].type, NW_ALERT_NEW_DEVICE);
    uint8_t evil[6];
    mac_of(evil, EVIL);
    assert_memory_equal(g.a[0].mac, evil, 6);
    assert_int_equal(g.a[0].count, 1);
    nw_detect_free(d);
}

static void test_tick_and_json(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    int64_t t = T0 + 2 * DAY + 9 * HOUR + 10 * SEC + 123456789;
    struct nw_packet p = pkt_ip(t, EVIL, PLC, "10.0.0.66", "10.0.0.20", 6, 40000, 102, 0x02);
    p.vlan_count = 1;
    p.vlan[0] = 7;
    struct nw_flow f = flow_of(&p);
    nw_detect_packet(d, &p, &f, 0, true);
    nw_detect_tick(d, t + 30 * SEC); /* the window is still open */
    assert_int_equal(g.n, 0);
    nw_detect_tick(d, t + 50 * SEC); /* 09:01:00 passed: it closed */
    assert_int_equal(g.n, 2);        /* new_device, new_conversation */
    json_t *j = nw_alert_to_json(&g.a[1]);
    assert_string_equal(json_string_value(json_object_get(j, "type")), "new_conversation");
    assert_string_equal(json_string_value(json_object_get(j, "time")), "2026-03-03T09:00:10.123Z");
    assert_string_equal(json_string_value(json_object_get(j, "src")), "10.0.0.66");
    assert_string_equal(json_string_value(json_object_get(j, "dst")), "10.0.0.20");
    assert_string_equal(json_string_value(json_object_get(j, "proto")), "tcp");
    assert_int_equal(json_integer_value(json_object_get(j, "dport")), 102);
    assert_int_equal(json_integer_value(json_object_get(j, "vlan")), 7);
    assert_int_equal(json_integer_value(json_object_get(j, "count")), 1);
    json_t *gl = json_object_get(j, "guideline");
    assert_int_equal(json_array_size(gl), 2);
    assert_string_equal(json_string_value(json_array_get(gl, 1)), "3.1.5.2(4)(a)");
    assert_true(json_array_size(json_object_get(j, "catalog")) >= 1);
    json_decref(j);
    j = nw_alert_to_json(&g.a[0]);
    assert_string_equal(json_string_value(json_object_get(j, "mac")), EVIL);
    json_decref(j);
    nw_detect_finish(d);
    assert_int_equal(g.n, 2);
    nw_detect_free(d);
}

/* Every guideline reference and catalog id the alerts carry exists in the catalog. */
static void test_guideline_refs(void **state)
{
    (void)state;
    const char *src = getenv("AG_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof(path), "%s/catalog/mlit-airport-2.json", src ? src : ".");
    json_error_t je;
    json_t *cat = json_load_file(path, 0, &je);
    if (!cat)
        fail_msg("%s: %s", path, je.text);
    json_t *nodes = json_object_get(cat, "nodes");
    for (int t = 0; t < NW_ALERT_COUNT; t++) {
        struct nw_alert a;
        memset(&a, 0, sizeof(a));
        a.type = (enum nw_alert_type)t; /* guideline NULL: the type's own references */
        json_t *j = nw_alert_to_json(&a);
        static const char *const keys[] = {"guideline", "catalog"}, *const fields[] = {"ref", "id"};
        for (int w = 0; w < 2; w++) {
            json_t *list = json_object_get(j, keys[w]), *v;
            size_t i;
            assert_true(json_array_size(list) >= 1);
            json_array_foreach(list, i, v)
            {
                bool found = false;
                size_t k;
                json_t *n;
                json_array_foreach(nodes, k, n)
                {
                    found |= json_equal(json_object_get(n, fields[w]), v);
                }
                if (!found)
                    fail_msg("%s: %s %s is not in the catalog", nw_alert_type_name(a.type),
                             fields[w], json_string_value(v));
            }
        }
        json_decref(j);
    }
    json_decref(cat);
}

/* A silence found, ended and begun again within one window: the packets that end it come over
 * a flow whose memo is this window's (the fast path), and still end it — the second silence is
 * reported too. */
static void test_silence_resumed_in_window(void **state)
{
    (void)state;
    static struct got g;
    g.n = 0;
    struct nw_flow f;
    struct nw_baseline *bl = learn_goose(&f, 600);
    struct nw_watch_config cfg = {.silence_min_s = 5}; /* learned gap 1 s: reported after 5 s */
    struct nw_detect *d;
    assert_int_equal(nw_detect_new(&cfg, bl, collect, &g, &d), AG_OK);
    int64_t t = T0 + 2 * DAY + 10 * HOUR + 500;
    struct nw_packet p0 = pkt_l2(T0, PLC, "01:0c:cd:01:00:01", 0x88b8);
    struct nw_flow w = flow_of(&p0);
    struct nw_packet h0 = pkt_l2(t, HMI, "ff:ff:ff:ff:ff:ff", 0x88cc);
    struct nw_flow hf = flow_of(&h0);
    /* the PLC sends 0–9 s, silent, 20–21 s, silent, 41–59 s (one window); a device the
     * baseline does not know sends all along (else the silences would be gaps of the capture) */
    for (int i = 0; i < 60; i++) {
        /* the other device first: the PLC's packet is not the first of its second (which
         * takes the slow path to move the clock) */
        struct nw_packet h = pkt_l2(t + i * SEC, HMI, "ff:ff:ff:ff:ff:ff", 0x88cc);
        nw_detect_packet(d, &h, &hf, i ? flow_add(&hf, &h) : 0, !i);
        if (!((i >= 10 && i < 20) || (i >= 22 && i < 41))) {
            struct nw_packet p = pkt_l2(t + i * SEC + 100, PLC, "01:0c:cd:01:00:01", 0x88b8);
            nw_detect_packet(d, &p, &w, i ? flow_add(&w, &p) : 0, !i);
        }
        if (i == 21)
            assert_int_not_equal(w.hint[3], 0); /* the memo served the resumed packets */
    }
    nw_detect_finish(d);
    uint64_t silences = 0;
    for (size_t i = 0; i < g.n; i++)
        if (g.a[i].type == NW_ALERT_BASELINE_DEVIATION && !strcmp(g.a[i].reason, "silent"))
            silences += g.a[i].count;
    if (silences != 2)
        dump(&g);
    assert_int_equal(silences, 2);
    nw_detect_free(d);
    nw_baseline_free(bl);
}

/* The alerts of a detector as JSON lines, in order. */
struct lines {
    size_t n, cap;
    char **s;
};

static void collect_json(const struct nw_alert *a, void *arg)
{
    struct lines *l = arg;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->s = realloc(l->s, l->cap * sizeof(*l->s));
        assert_non_null(l->s);
    }
    json_t *j = nw_alert_to_json(a);
    assert_non_null(j);
    l->s[l->n++] = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
}

static void lines_free(struct lines *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    free(l->s);
}

/* The flow memo (nw_flow.hint[2], hint[3], flood_hint) and the fast path it feeds change no
 * alert: a day of mixed traffic (nw_traffic.h) is learned through flow.c's flows, the next day
 * watched by two detectors over the same flows, one given the flow itself (its memo kept from
 * packet to packet) and one a copy whose memo is always empty (every packet the slow way, the
 * look-ups of before). Both raise the same alerts in the same order, with the same counters, and
 * the memo did serve most packets of the first. */
static void test_memo_same_as_slow_path(void **state)
{
    (void)state;
    struct nw_baseline *bl;
    struct nw_flows *ft;
    struct nw_traffic t;
    struct nw_packet p;
    int dir;
    bool created;
    assert_int_equal(nw_baseline_new(&bl), AG_OK);
    assert_int_equal(nw_flows_new(NULL, &ft), AG_OK);
    nw_traffic_init(&t, 7, T0, false);
    for (int i = 0; i < 150000; i++) {
        nw_traffic_next(&t, &p);
        struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
        nw_baseline_learn(bl, &p, f, dir, created);
    }
    nw_flows_free(ft);
    assert_int_equal(nw_flows_new(NULL, &ft), AG_OK);
    struct nw_watch_config cfg = {.udp_per_s = 300,
                                  .syn_per_s = 30,
                                  .scan_ports = 8,
                                  .silence_factor = 0.25, /* learned gaps of about 90 s: 22.5 s */
                                  .silence_min_s = 5};
    struct lines fast = {0}, slow = {0};
    struct nw_detect *d1, *d2;
    assert_int_equal(nw_detect_new(&cfg, bl, collect_json, &fast, &d1), AG_OK);
    assert_int_equal(nw_detect_new(&cfg, bl, collect_json, &slow, &d2), AG_OK);
    nw_traffic_init(&t, 11, T0 + DAY, true);
    size_t memo = 0, n = 300000;
    int64_t tick = 0;
    for (size_t i = 0; i < n; i++) {
        nw_traffic_next(&t, &p);
        struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
        struct nw_flow copy;
        if (f) {
            memo += (f->flood_hint & (1u << 15)) != 0; /* MEMO_INSIDE: the fast path may serve */
            copy = *f;
            copy.hint[2] = copy.hint[3] = copy.flood_hint = 0;
        }
        nw_detect_packet(d1, &p, f, dir, created);
        nw_detect_packet(d2, &p, f ? &copy : NULL, dir, created);
        if (p.ts_ns - tick >= SEC) {
            tick = p.ts_ns;
            nw_flows_expire(ft, tick, NULL, NULL);
            nw_detect_tick(d1, tick);
            nw_detect_tick(d2, tick);
        }
    }
    nw_detect_finish(d1);
    nw_detect_finish(d2);
    assert_int_equal(fast.n, slow.n);
    for (size_t i = 0; i < fast.n; i++)
        assert_string_equal(fast.s[i], slow.s[i]);
    struct nw_detect_stats s1, s2;
    nw_detect_get_stats(d1, &s1);
    nw_detect_get_stats(d2, &s2);
    assert_memory_equal(&s1, &s2, sizeof(s1));
    /* the comparison means something: most packets met a memo, and every kind of alert that
     * the traffic holds came */
    printf("memo: %zu of %zu packets, %zu alerts\n", memo, n, fast.n);
    assert_true(memo > n / 2);
    static const char *const want[] = {
        "new_device", "new_conversation", "external_communication", "ipv6_unexpected", "flood",
        "port_scan",  "arp_spoof",        "baseline_deviation"};
    for (size_t k = 0; k < AG_ARRAY_LEN(want); k++) {
        char pat[64];
        snprintf(pat, sizeof(pat), "\"type\":\"%s\"", want[k]);
        size_t c = 0;
        for (size_t i = 0; i < fast.n; i++)
            c += strstr(fast.s[i], pat) != NULL;
        if (!c)
            fail_msg("no %s alert", want[k]);
    }
    lines_free(&fast);
    lines_free(&slow);
    nw_detect_free(d1);
    nw_detect_free(d2);
    nw_flows_free(ft);
    nw_baseline_free(bl);
}

/* CPU ns per packet of existing, allowed conversations (printed; timings are not asserted). */
static void test_cost_per_packet(void **state)
{
    (void)state;
    static struct got g;
    struct nw_detect *d = watcher(NULL, true, &g);
    enum { N = 2000000 };
    struct nw_packet *p = malloc(4 * sizeof(*p));
    struct nw_flow fl[4];
    int64_t t = T0 + 2 * DAY;
    /* the learned conversations at about their learned volumes: 4 packets a second */
    p[0] = pkt_ip(t, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x18);
    p[1] = pkt_ip(t, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 502, 50123, 0x18);
    p[2] = pkt_ip(t, HMI, DNS, "10.0.0.10", "10.0.0.53", 17, 40000, 53, 0);
    p[3] = pkt_ip(t, DNS, HMI, "10.0.0.53", "10.0.0.10", 17, 53, 40000, 0);
    for (int i = 0; i < 4; i++)
        fl[i] = flow_of(&p[i & 2]);
    struct timespec a, b;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    for (int i = 0; i < N; i++) {
        struct nw_packet *q = &p[i & 3];
        q->ts_ns = t + (int64_t)i * (SEC / 4); /* windows and hours pass: 139 hours */
        nw_detect_packet(d, q, &fl[i & 3], i & 1, false);
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    double ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / N;
    printf("detect: %.1f ns/packet over %d packets of allowed conversations\n", ns, N);
    nw_detect_finish(d);
    if (g.n)
        dump(&g);
    assert_int_equal(g.n, 0);
    free(p);
    nw_detect_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_silent_on_normal),
        cmocka_unit_test(test_new_device),
        cmocka_unit_test(test_new_conversation),
        cmocka_unit_test(test_external_and_dns),
        cmocka_unit_test(test_ipv6),
        cmocka_unit_test(test_floods),
        cmocka_unit_test(test_half_open),
        cmocka_unit_test(test_port_scans),
        cmocka_unit_test(test_arp_spoof),
        cmocka_unit_test(test_ip_conflict),
        cmocka_unit_test(test_deviation),
        cmocka_unit_test(test_silence),
        cmocka_unit_test(test_silence_from_start),
        cmocka_unit_test(test_timezone),
        cmocka_unit_test(test_flow_hint),
        cmocka_unit_test(test_flood_hint),
        cmocka_unit_test(test_flood_memo_new_window),
        cmocka_unit_test(test_silence_twice),
        cmocka_unit_test(test_tick_and_json),
        cmocka_unit_test(test_guideline_refs),
        cmocka_unit_test(test_memo_same_as_slow_path),
        cmocka_unit_test(test_silence_resumed_in_window),
        cmocka_unit_test(test_cost_per_packet),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
