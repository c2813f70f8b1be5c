/*
 * test_baseline.c — netwatch's baseline and allowlist (src/netwatch/baseline.c, cidr.c): the
 * rule that decides who is the initiator and which port is the service (the same key whichever
 * packet came first, ephemeral ports never in the key), learning assets, conversations, ARP
 * bindings and the hour-of-day profile, the JSON file (save → load → save byte for byte, a
 * hand-edited file with an entry removed and one added, bad entries named with file and index,
 * broken JSON with line and column) and the --internal CIDR lists.
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
#include <unistd.h>

#include "nw_pkt.h"
#include "nw_traffic.h"

static const char *HMI = "02:00:00:00:00:0a", *PLC = "02:00:00:00:00:14";

/* The conversation key of a packet starting a flow (its sender the flow's initiator). */
static struct nw_conv conv_first(const struct nw_packet *p)
{
    struct nw_flow f = flow_of(p);
    struct nw_conv c;
    assert_true(nw_conv_make(p, &f, 0, &c));
    return c;
}

static void assert_conv(const struct nw_conv *c, const char *a, const char *b, uint8_t proto,
                        uint16_t port)
{
    uint8_t x[16], y[16];
    ip_of(x, a);
    ip_of(y, b);
    assert_memory_equal(c->a, x, 16);
    assert_memory_equal(c->b, y, 16);
    assert_int_equal(c->proto, proto);
    assert_int_equal(c->port, port);
}

static void test_conversation_roles(void **state)
{
    (void)state;
    /* Modbus: the client's ephemeral port never enters the key; a capture that begins with
     * the PLC's answer keys the same conversation */
    struct nw_packet q = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x18);
    struct nw_packet r = pkt_ip(T0, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 502, 50999, 0x18);
    struct nw_conv c1 = conv_first(&q), c2 = conv_first(&r);
    assert_conv(&c1, "10.0.0.10", "10.0.0.20", 6, 502);
    assert_memory_equal(&c1, &c2, sizeof(c1));
    /* initiator port < 1024, responder ≥ 32768: the roles swap (brief's example) */
    struct nw_packet s = pkt_ip(T0, PLC, HMI, "10.0.0.53", "10.0.0.10", 17, 53, 40000, 0);
    struct nw_conv c3 = conv_first(&s);
    assert_conv(&c3, "10.0.0.10", "10.0.0.53", 17, 53);
    /* DHCP 68 → 67 and 67 → 68: the server's 67 is the service */
    struct nw_packet d1 =
        pkt_ip(T0, HMI, "ff:ff:ff:ff:ff:ff", "0.0.0.0", "255.255.255.255", 17, 68, 67, 0);
    struct nw_conv c4 = conv_first(&d1);
    assert_conv(&c4, "0.0.0.0", "255.255.255.255", 17, 67);
    struct nw_packet d2 = pkt_ip(T0, PLC, HMI, "10.0.0.1", "10.0.0.10", 17, 68, 67, 0);
    struct nw_packet d3 = pkt_ip(T0, PLC, HMI, "10.0.0.10", "10.0.0.1", 17, 67, 68, 0);
    struct nw_conv c5 = conv_first(&d2), c6 = conv_first(&d3);
    assert_memory_equal(&c5, &c6, sizeof(c5));
    assert_int_equal(c5.port, 67);
    /* a broadcast or multicast destination never becomes the initiator */
    struct nw_packet b =
        pkt_ip(T0, PLC, "ff:ff:ff:ff:ff:ff", "10.0.0.20", "255.255.255.255", 17, 47808, 40000, 0);
    struct nw_conv c7 = conv_first(&b);
    assert_conv(&c7, "10.0.0.20", "255.255.255.255", 17, 40000);
    /* peers on the same port (NTP): address order, either way */
    struct nw_packet n1 = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.1", 17, 123, 123, 0);
    struct nw_packet n2 = pkt_ip(T0, PLC, HMI, "10.0.0.1", "10.0.0.10", 17, 123, 123, 0);
    struct nw_conv c8 = conv_first(&n1), c9 = conv_first(&n2);
    assert_memory_equal(&c8, &c9, sizeof(c8));
    assert_conv(&c8, "10.0.0.1", "10.0.0.10", 17, 123);
    /* two unknown ports: the flow's direction (the SYN) decides */
    struct nw_packet u = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 40000, 45000, 0x02);
    struct nw_conv c10 = conv_first(&u);
    assert_conv(&c10, "10.0.0.10", "10.0.0.20", 6, 45000);
    /* without a flow: a SYN-ACK's receiver began, an ICMP echo reply's too */
    struct nw_packet sa = pkt_ip(T0, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 45000, 40000, 0x12);
    struct nw_conv c11;
    assert_true(nw_conv_make(&sa, NULL, 0, &c11));
    assert_memory_equal(&c10, &c11, sizeof(c10));
    struct nw_packet er = pkt_ip(T0, PLC, HMI, "10.0.0.20", "10.0.0.10", 1, 0, 0, 0);
    struct nw_conv c12;
    assert_true(nw_conv_make(&er, NULL, 0, &c12));
    assert_conv(&c12, "10.0.0.10", "10.0.0.20", 1, 0);
    /* layer 2: GOOSE to its group; a unicast pair in address order; ARP is no conversation */
    struct nw_packet g = pkt_l2(T0, PLC, "01:0c:cd:01:00:01", 0x88b8);
    struct nw_conv c13 = conv_first(&g);
    assert_int_equal(c13.fam, NW_FAM_MAC);
    assert_int_equal(c13.port, 0x88b8);
    assert_int_equal(c13.b[0], 0x01);
    struct nw_packet p1 = pkt_l2(T0, PLC, HMI, 0x8892), p2 = pkt_l2(T0, HMI, PLC, 0x8892);
    struct nw_conv c14 = conv_first(&p1), c15 = conv_first(&p2);
    assert_memory_equal(&c14, &c15, sizeof(c14));
    struct nw_packet arp = pkt_arp(T0, 1, HMI, "10.0.0.10", "00:00:00:00:00:00", "10.0.0.20");
    struct nw_conv c16;
    assert_false(nw_conv_make(&arp, NULL, 0, &c16));
}

/* Two days of a small network: the HMI polls the PLC (one TCP flow), asks the internal DNS
 * every 10 s (a new flow each time), the PLC publishes GOOSE, both answer ARP. */
static void learn_two_days(struct nw_baseline *bl)
{
    struct nw_packet first = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x02);
    struct nw_flow poll = flow_of(&first);
    nw_baseline_learn(bl, &first, &poll, 0, true);
    for (int64_t s = 1; s < 2 * 86400; s++) {
        int64_t t = T0 + s * SEC;
        struct nw_packet q = pkt_ip(t, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 50123, 502, 0x18);
        struct nw_packet r =
            pkt_ip(t + 1000, PLC, HMI, "10.0.0.20", "10.0.0.10", 6, 502, 50123, 0x18);
        r.wire_len = 300;
        nw_baseline_learn(bl, &q, &poll, flow_add(&poll, &q), false);
        nw_baseline_learn(bl, &r, &poll, flow_add(&poll, &r), false);
        if (s % 10 == 0) {
            struct nw_packet dq = pkt_ip(t + 2000, HMI, PLC, "10.0.0.10", "10.0.0.53", 17,
                                         (uint16_t)(40000 + s % 20000), 53, 0);
            struct nw_flow df = flow_of(&dq);
            nw_baseline_learn(bl, &dq, &df, 0, true);
        }
        struct nw_packet g = pkt_l2(t + 3000, PLC, "01:0c:cd:01:00:01", 0x88b8);
        struct nw_flow gf = flow_of(&g);
        nw_baseline_learn(bl, &g, &gf, 0, s == 1);
        if (s % 600 == 0) {
            struct nw_packet a1 =
                pkt_arp(t + 4000, 1, HMI, "10.0.0.10", "00:00:00:00:00:00", "10.0.0.20");
            struct nw_packet a2 = pkt_arp(t + 5000, 2, PLC, "10.0.0.20", HMI, "10.0.0.10");
            nw_baseline_learn(bl, &a1, NULL, 0, false);
            nw_baseline_learn(bl, &a2, NULL, 0, false);
        }
    }
}

static char *tmp_path(const char *name)
{
    static char buf[4][256];
    static int k;
    char *p = buf[k++ % 4];
    snprintf(p, 256, "/tmp/nw_test_baseline_%d_%s", (int)getpid(), name);
    return p;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_learn_profile(void **state)
{
    (void)state;
    struct nw_baseline *bl;
    assert_int_equal(nw_baseline_new(&bl), AG_OK);
    learn_two_days(bl);
    struct nw_baseline_stats st;
    nw_baseline_get_stats(bl, &st);
    assert_int_equal(st.assets, 2); /* HMI, PLC: the group MAC of GOOSE is no device */
    /* HMI→PLC tcp/502, HMI→DNS udp/53 (one entry for 17,279 flows), GOOSE */
    assert_int_equal(st.conversations, 3);
    assert_int_equal(st.arp, 2);
    assert_int_equal(st.dropped, 0);
    json_t *j = nw_baseline_to_json(bl);
    /* every hour of the day learned on 2 days, 7200 s each (the last second is cut) */
    json_t *secs = json_object_get(json_object_get(j, "learned"), "seconds");
    json_t *days = json_object_get(json_object_get(j, "learned"), "days");
    assert_int_equal(json_integer_value(json_array_get(secs, 5)), 7200);
    assert_int_equal(json_integer_value(json_array_get(days, 5)), 2);
    /* the PLC (second asset by MAC order): 3600 replies + 3600 GOOSE frames per hour, active
     * on both days in every hour */
    json_t *plc = json_array_get(json_object_get(j, "assets"), 1);
    assert_string_equal(json_string_value(json_object_get(plc, "mac")), PLC);
    json_t *pph = json_object_get(plc, "packets_per_hour");
    assert_true(json_real_value(json_array_get(pph, 5)) > 7190.0 &&
                json_real_value(json_array_get(pph, 5)) < 7210.0);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(plc, "active_days"), 13)),
                     2);
    /* the silence detector's longest gap: the PLC answers every second (just under 1 s between
     * its GOOSE frame and its next reply); its first reply comes 1.000001 s after the period
     * began, and that head counts as a gap too (1.001 s, milliseconds rounded up) */
    json_t *gap = json_object_get(plc, "longest_gap_s");
    assert_true(json_is_real(gap));
    assert_true(json_real_value(gap) > 1.0 && json_real_value(gap) <= 1.001);
    /* sorted by key: GOOSE (layer 2) first, then tcp before udp */
    json_t *dns = json_array_get(json_object_get(j, "conversations"), 2);
    assert_string_equal(json_string_value(json_object_get(dns, "responder")), "10.0.0.53");
    assert_int_equal(json_integer_value(json_object_get(dns, "port")), 53);
    assert_int_equal(json_integer_value(json_object_get(dns, "flows")), 17279);
    json_decref(j);
    nw_baseline_free(bl);
}

static void test_save_load_round_trip(void **state)
{
    (void)state;
    struct nw_baseline *bl, *back;
    struct ag_error err;
    assert_int_equal(nw_baseline_new(&bl), AG_OK);
    learn_two_days(bl);
    const char *p1 = tmp_path("a.json"), *p2 = tmp_path("b.json");
    assert_int_equal(nw_baseline_save(bl, p1, &err), AG_OK);
    assert_int_equal(nw_baseline_load(p1, &back, &err), AG_OK);
    json_t *j1 = nw_baseline_to_json(bl), *j2 = nw_baseline_to_json(back);
    assert_true(json_equal(j1, j2));
    assert_int_equal(nw_baseline_save(back, p2, &err), AG_OK);
    char *t1 = slurp(p1), *t2 = slurp(p2);
    assert_string_equal(t1, t2);
    /* one entry per line: the file is edited with a text editor */
    assert_non_null(strstr(t1, "\n    {\"initiator\": \"10.0.0.10\", \"responder\": \"10.0.0.20\", "
                               "\"proto\": \"tcp\", \"port\": 502, \"flows\": 1"));
    struct nw_conv c;
    struct nw_packet q = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.20", 6, 40000, 502, 0x02);
    c = conv_first(&q);
    assert_true(nw_tbl_find(&back->convs, &c) >= 0);
    free(t1);
    free(t2);
    json_decref(j1);
    json_decref(j2);
    nw_baseline_free(back);
    nw_baseline_free(bl);
    unlink(p1);
    unlink(p2);
}

/* The operator removes the DNS conversation, adds one of their own and a device by IP. */
static void test_hand_edited(void **state)
{
    (void)state;
    struct nw_baseline *bl, *back;
    struct ag_error err;
    assert_int_equal(nw_baseline_new(&bl), AG_OK);
    learn_two_days(bl);
    const char *p = tmp_path("edit.json");
    assert_int_equal(nw_baseline_save(bl, p, &err), AG_OK);
    char *t = slurp(p);
    char *dns = strstr(t, "    {\"initiator\": \"10.0.0.10\", \"responder\": \"10.0.0.53\"");
    assert_non_null(dns);
    char *eol = strchr(dns, '\n');
    const char *added = "    {\"initiator\": \"10.0.0.10\", \"responder\": \"10.0.0.30\", "
                        "\"proto\": \"tcp\", \"port\": 102, \"vlan\": 5}";
    struct strbuf sb;
    strbuf_init(&sb, 0);
    strbuf_add(&sb, t, (size_t)(dns - t));
    strbuf_adds(&sb, added);
    strbuf_adds(&sb, eol[-1] == ',' ? "," : ""); /* the removed line's own ending */
    strbuf_adds(&sb, eol);
    char *assets = strstr(sb.buf, "\"assets\": [\n");
    assert_non_null(assets);
    struct strbuf s2;
    strbuf_init(&s2, 0);
    strbuf_add(&s2, sb.buf, (size_t)(assets - sb.buf) + 12);
    strbuf_adds(&s2, "    {\"ip\": \"10.0.0.99\"},\n");
    strbuf_adds(&s2, assets + 12);
    spit(p, s2.buf);
    assert_int_equal(nw_baseline_load(p, &back, &err), AG_OK);
    struct nw_baseline_stats st;
    nw_baseline_get_stats(back, &st);
    assert_int_equal(st.conversations, 3);
    assert_int_equal(st.assets, 3);
    struct nw_packet q = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.53", 17, 40000, 53, 0);
    struct nw_conv c = conv_first(&q);
    assert_true(nw_tbl_find(&back->convs, &c) < 0);
    struct nw_packet s7 = pkt_ip(T0, HMI, PLC, "10.0.0.10", "10.0.0.30", 6, 40000, 102, 0x02);
    s7.vlan_count = 1;
    s7.vlan[0] = 5;
    c = conv_first(&s7);
    assert_true(nw_tbl_find(&back->convs, &c) >= 0);
    struct nw_akey k;
    struct nw_packet raw = pkt_ip(T0, NULL, NULL, "10.0.0.99", "10.0.0.20", 17, 1, 2, 0);
    assert_true(nw_sender_key(&raw, &k));
    assert_true(nw_tbl_find(&back->assets, &k) >= 0);
    const struct nw_bl_asset *a = nw_tbl_at(&back->assets, (size_t)nw_tbl_find(&back->assets, &k));
    assert_false(a->profile); /* added without a profile: no baseline_deviation for it */
    nw_baseline_free(back);
    strbuf_release(&sb);
    strbuf_release(&s2);
    free(t);
    nw_baseline_free(bl);
    unlink(p);
}

/* A file with one bad piece → the error names the file and the entry. */
static void expect_error(const char *text, const char *want)
{
    const char *p = tmp_path("bad.json");
    spit(p, text);
    struct nw_baseline *bl = (void *)1;
    struct ag_error err;
    ag_error_clear(&err);
    assert_int_not_equal(nw_baseline_load(p, &bl, &err), AG_OK);
    assert_null(bl);
    if (!strstr(err.msg, want) || !strstr(err.msg, p))
        fail_msg("error \"%s\" does not name \"%s\" and the file", err.msg, want);
    unlink(p);
}

#define HEAD                                                                                       \
    "{\"format\": \"airguard-netwatch-baseline\", \"version\": 1,\n"                               \
    " \"learned\": {\"first\": null, \"last\": null, \"seconds\": "                                \
    "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0], \"days\": "                                \
    "[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},\n"

static void test_bad_files(void **state)
{
    (void)state;
    expect_error(HEAD "\"assets\": [{\"mac\": \"02:00:00:00:00:0a\"}, {\"mac\": \"02:zz\"}],\n"
                      "\"conversations\": []}",
                 "assets[1]: \"02:zz\" is not a MAC address");
    expect_error(HEAD "\"assets\": [], \"conversations\": [{\"initiator\": \"10.0.0.1\", "
                      "\"responder\": \"10.0.0.2\", \"proto\": \"tcp\", \"port\": 502},\n"
                      "{\"initiator\": \"10.0.0.1\", \"responder\": \"10.0.0.2\", \"proto\": "
                      "\"tpc\", \"port\": 502}]}",
                 "conversations[1]: 10.0.0.1: give \"proto\"");
    expect_error(HEAD "\"assets\": [], \"conversations\": [{\"initiator\": \"10.0.0.1\", "
                      "\"responder\": \"10.0.0.2\", \"proto\": \"udp\", \"port\": 53},"
                      "{\"initiator\": \"10.0.0.1\", \"responder\": \"10.0.0.2\", \"proto\": "
                      "\"udp\", \"port\": 53}]}",
                 "conversations[1]: 10.0.0.1: this conversation is there twice");
    expect_error(HEAD "\"assets\": [], \"conversations\": [{\"initiator\": \"10.0.0.1\", "
                      "\"responder\": \"10.0.0.2\", \"proto\": \"tcp\", \"port\": 70000}]}",
                 "conversations[0]: 10.0.0.1: the port");
    expect_error(HEAD "\"assets\": [], \"conversations\": [{\"initiator\": \"10.0.0.1\", "
                      "\"responder\": \"02:00:00:00:00:01\", \"ethertype\": \"0x88b8\"}]}",
                 "conversations[0]: 10.0.0.1: the initiator and the responder are not");
    expect_error(HEAD "\"assets\": [{\"ip\": \"10.0.0.5\", \"packets_per_hour\": [1,2]}], "
                      "\"conversations\": []}",
                 "assets[0]: 10.0.0.5: packets_per_hour");
    expect_error(HEAD "\"assets\": [{\"ip\": \"10.0.0.5\", \"longest_gap_s\": 0}], "
                      "\"conversations\": []}",
                 "assets[0]: 10.0.0.5: longest_gap_s must be a number of seconds above 0");
    expect_error(HEAD "\"assets\": [{\"ip\": \"10.0.0.5\", \"longest_gap_s\": \"1s\"}], "
                      "\"conversations\": []}",
                 "assets[0]: 10.0.0.5: longest_gap_s");
    expect_error(HEAD "\"assets\": [{\"mac\": \"02:00:00:00:00:0a\", \"colour\": \"red\"}], "
                      "\"conversations\": []}",
                 "assets[0]: ");
    expect_error(HEAD "\"assets\": [], \"arp\": [{\"ip\": \"fe80::1\", \"mac\": "
                      "\"02:00:00:00:00:0a\"}], \"conversations\": []}",
                 "arp[0]: \"fe80::1\" is not an IPv4 address");
    /* broken JSON: line and column from jansson */
    expect_error(HEAD "\"assets\": [,], \"conversations\": []}", ":3:");
    expect_error("{\"format\": \"something-else\", \"version\": 1}", "not a netwatch baseline");
    expect_error(HEAD "\"assets\": {}, \"conversations\": []}", "assets must be a list");
    struct nw_baseline *bl;
    struct ag_error err;
    assert_int_equal(nw_baseline_load("/nonexistent/baseline.json", &bl, &err), AG_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/baseline.json"));
}

static void test_cidr_lists(void **state)
{
    (void)state;
    struct nw_cidr *c;
    size_t n;
    struct ag_error err;
    assert_int_equal(
        nw_cidr_list_parse("10.0.0.0/8, fd00::/8,192.0.2.7,2001:db8::1,10.1.2.3/16", &c, &n, &err),
        AG_OK);
    assert_int_equal(n, 5);
    assert_int_equal(c[0].family, 4);
    assert_int_equal(c[0].bits, 8);
    assert_int_equal(c[1].family, 6);
    assert_int_equal(c[2].bits, 32);   /* a bare IPv4 address */
    assert_int_equal(c[3].bits, 128);  /* a bare IPv6 address */
    assert_int_equal(c[4].addr[2], 0); /* host bits off: 10.1.0.0/16 */
    uint8_t a[16];
    ip_of(a, "10.1.99.1");
    assert_true(nw_cidr_contains(&c[4], 4, a));
    ip_of(a, "10.2.0.1");
    assert_false(nw_cidr_contains(&c[4], 4, a));
    ip_of(a, "fd12::1");
    assert_true(nw_cidr_contains(&c[1], 6, a));
    assert_false(nw_cidr_contains(&c[0], 6, a));
    free(c);
    static const struct {
        const char *in, *want;
    } bad[] = {
        {"10.0.0.0/8,,fd00::/8", "empty entry (entry 2)"},
        {"", "empty entry (entry 1)"},
        {"10.0.0.0/33", "\"10.0.0.0/33\": the prefix length"},
        {"fd00::/129", "\"fd00::/129\": the prefix length"},
        {"10.0.0.0/", "\"10.0.0.0/\": the prefix length"},
        {"10.0.0.0/-1", "\"10.0.0.0/-1\": the prefix length"},
        {"10.0.0.0/8,intranet", "\"intranet\" is not an address range"},
        {"10.0.0.300/8", "\"10.0.0.300/8\" is not an address range"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++) {
        c = (void *)1;
        assert_int_equal(nw_cidr_list_parse(bad[i].in, &c, &n, &err), AG_EINVAL);
        assert_null(c);
        if (!strstr(err.msg, bad[i].want))
            fail_msg("\"%s\": error \"%s\" lacks \"%s\"", bad[i].in, err.msg, bad[i].want);
    }
}

static void test_text_forms(void **state)
{
    (void)state;
    char t[32];
    int64_t ns;
    nw_time_format(T0 + 13 * HOUR + 123456789, t);
    assert_string_equal(t, "2026-03-01T13:00:00.123Z");
    assert_true(nw_time_parse(t, &ns));
    assert_int_equal(ns, T0 + 13 * HOUR + 123000000);
    assert_true(nw_time_parse("2026-03-01T13:00:00Z", &ns));
    assert_false(nw_time_parse("2026-02-31T13:00:00Z", &ns));
    assert_false(nw_time_parse("2026-03-01 13:00:00", &ns));
    assert_false(nw_time_parse("4052-03-01T00:00:00.000Z", &ns)); /* past int64 ns (fuzzer) */
    uint8_t a[16];
    assert_int_equal(nw_addr_parse("02:00:00:00:00:0A", a), NW_FAM_MAC);
    char s[46];
    nw_addr_format(NW_FAM_MAC, a, s);
    assert_string_equal(s, "02:00:00:00:00:0a");
    assert_int_equal(nw_addr_parse("fe80::1", a), NW_FAM_V6);
    assert_int_equal(nw_addr_parse("10.0.0.256", a), NW_FAM_NONE);
    assert_int_equal(nw_proto_parse("icmpv6"), 58);
    assert_int_equal(nw_proto_parse("47"), 47);
    assert_int_equal(nw_proto_parse("256"), -1);
}

/* The text forms written digit by digit (cidr.c) against what the C library writes: times from
 * one end of int64 ns to the other (gmtime_r + snprintf), IPv4 addresses (inet_ntop) and MACs
 * (snprintf). */
static void test_text_forms_fast(void **state)
{
    (void)state;
    uint64_t x = 88172645463325252ULL;
    char got[46], want[64];
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int64_t ns = (int64_t)x;
        if (i % 4 == 1)
            ns %= 100LL * 365 * DAY; /* nearer 1970, on both sides */
        if (i < 8) {
            static const int64_t edge[] = {
                INT64_MIN, INT64_MAX, 0,      -1,
                1,         -1000000,  999999, 951782400LL * SEC - 1}; /* 2000-02-29 23:59:59.999 */
            ns = edge[i];
        }
        int64_t ms = ns / 1000000 - (ns % 1000000 < 0);
        time_t t = (time_t)(ms / 1000 - (ms % 1000 < 0));
        struct tm tm;
        assert_non_null(gmtime_r(&t, &tm));
        snprintf(want, sizeof(want), "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ",
                 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)tm.tm_mon + 1,
                 (unsigned)tm.tm_mday, (unsigned)tm.tm_hour, (unsigned)tm.tm_min,
                 (unsigned)tm.tm_sec, (unsigned)(ms - (int64_t)t * 1000));
        nw_time_format(ns, got);
        assert_string_equal(got, want);
        uint8_t a[16] = {0};
        memcpy(a, &x, 4);
        if (i % 3 == 0)
            a[i % 4] = (uint8_t)(i % 2 ? 0 : 9); /* short fields */
        nw_addr_format(NW_FAM_V4, a, got);
        assert_non_null(inet_ntop(AF_INET, a, want, sizeof(want)));
        assert_string_equal(got, want);
        uint8_t m[6];
        memcpy(m, (const uint8_t *)&x + 2, 6);
        nw_mac_format(m, got);
        snprintf(want, sizeof(want), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
                 m[5]);
        assert_string_equal(got, want);
    }
}

/* Learning through the flow memo (nw_flow.hint[2], hint[3]) learns what learning without it
 * does: the same mixed traffic (nw_traffic.h: a sender MAC that changes under a flow among it)
 * learned twice over flow.c's flows, once given the flows themselves, once copies whose memo is
 * always empty; the two baselines save to the same JSON, and the memo served most packets. */
static void test_learn_memo_same(void **state)
{
    (void)state;
    struct nw_baseline *b1, *b2;
    struct nw_flows *ft;
    struct nw_traffic t;
    struct nw_packet p;
    int dir;
    bool created;
    assert_int_equal(nw_baseline_new(&b1), AG_OK);
    assert_int_equal(nw_baseline_new(&b2), AG_OK);
    assert_int_equal(nw_flows_new(NULL, &ft), AG_OK);
    nw_traffic_init(&t, 5, T0, true);
    size_t memo = 0, n = 200000;
    for (size_t i = 0; i < n; i++) {
        nw_traffic_next(&t, &p);
        struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
        struct nw_flow copy;
        if (f) {
            memo += f->hint[3] == b1->memo_tag && f->hint[2];
            copy = *f;
            copy.hint[2] = copy.hint[3] = 0;
        }
        nw_baseline_learn(b1, &p, f, dir, created);
        nw_baseline_learn(b2, &p, f ? &copy : NULL, dir, created);
    }
    json_t *j1 = nw_baseline_to_json(b1), *j2 = nw_baseline_to_json(b2);
    char *s1 = json_dumps(j1, JSON_SORT_KEYS), *s2 = json_dumps(j2, JSON_SORT_KEYS);
    assert_non_null(s1);
    assert_non_null(s2);
    assert_string_equal(s1, s2);
    assert_true(memo > n / 2);
    assert_true(b1->assets.n >= 13); /* the known devices, the router, the unknown one */
    free(s1);
    free(s2);
    json_decref(j1);
    json_decref(j2);
    nw_flows_free(ft);
    nw_baseline_free(b1);
    nw_baseline_free(b2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conversation_roles),
        cmocka_unit_test(test_learn_profile),
        cmocka_unit_test(test_save_load_round_trip),
        cmocka_unit_test(test_hand_edited),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_cidr_lists),
        cmocka_unit_test(test_text_forms),
        cmocka_unit_test(test_text_forms_fast),
        cmocka_unit_test(test_learn_memo_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
