/*
 * test_identify.c — application identification (src/netwatch/identify.c) on real payloads
 * (identify_vectors.h: bytes taken from the captures in ../shared/testdata/pcaps/ and from real
 * clients over loopback): the protocol, the sender's role and the names for each protocol;
 * the negative cases (random bytes on the OT ports, a DNS compression loop, cut TLS hellos,
 * wrong magic numbers, a text protocol on an OT port); names cut at NW_NAME_MAX and at
 * non-printable bytes; the fields reset on every call; and the names of the applications
 * (unique, round trip). Each payload is copied into a buffer of exactly its size, so that
 * AddressSanitizer sees any read past its end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch.h"

#include "identify_vectors.h"

#define TCP 6
#define UDP 17

/* ---- helpers ---------------------------------------------------------------------------- */

static size_t vec_bytes(const char *name, uint8_t **out)
{
    for (size_t i = 0; i < sizeof id_vectors / sizeof id_vectors[0]; i++) {
        const struct id_vector *v = &id_vectors[i];
        if (strcmp(v->name, name) != 0)
            continue;
        size_t n = v->text ? strlen(v->data) : strlen(v->data) / 2;
        uint8_t *b = malloc(n ? n : 1);
        assert_non_null(b);
        for (size_t k = 0; k < n; k++) {
            if (v->text) {
                b[k] = (uint8_t)v->data[k];
            } else {
                unsigned x;
                assert_int_equal(sscanf(v->data + 2 * k, "%2x", &x), 1);
                b[k] = (uint8_t)x;
            }
        }
        *out = b;
        return n;
    }
    fail_msg("no vector %s", name);
    return 0;
}

/* The invariants every identified packet keeps, whatever its input. */
static void check_invariants(const struct nw_packet *pkt)
{
    assert_true(pkt->app < NW_APP_COUNT);
    assert_true(pkt->role <= NW_ROLE_SERVER);
    assert_true(pkt->name_len <= NW_NAME_MAX);
    assert_int_equal(strlen(pkt->name), pkt->name_len);
    for (size_t i = 0; i < pkt->name_len; i++)
        assert_true(pkt->name[i] >= 0x20 && pkt->name[i] < 0x7f);
    assert_true((pkt->name_kind == NW_NAME_NONE) == (pkt->name_len == 0));
    assert_true(pkt->name_addr_family == 0 || pkt->name_addr_family == 4 ||
                pkt->name_addr_family == 6);
}

/* Identifies bytes b[0..n) (copied to a buffer of exactly n bytes) as an L4 payload. */
static struct nw_packet ident_bytes(int proto, unsigned sport, unsigned dport, const uint8_t *b,
                                    size_t n)
{
    struct nw_packet pkt;
    memset(&pkt, 0, sizeof pkt);
    uint8_t *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    if (n)
        memcpy(copy, b, n);
    pkt.ethertype = 0x0800;
    pkt.ip_version = 4;
    pkt.l4_proto = (uint8_t)proto;
    pkt.sport = (uint16_t)sport;
    pkt.dport = (uint16_t)dport;
    pkt.flags = NW_PF_L4;
    pkt.payload = copy;
    pkt.payload_len = (uint32_t)n;
    nw_identify(&pkt);
    check_invariants(&pkt);
    free(copy);
    pkt.payload = NULL;
    return pkt;
}

static struct nw_packet ident(int proto, unsigned sport, unsigned dport, const char *vec)
{
    uint8_t *b;
    size_t n = vec_bytes(vec, &b);
    struct nw_packet pkt = ident_bytes(proto, sport, dport, b, n);
    free(b);
    return pkt;
}

static struct nw_packet ident_text(int proto, unsigned sport, unsigned dport, const char *s)
{
    return ident_bytes(proto, sport, dport, (const uint8_t *)s, strlen(s));
}

static struct nw_packet ident_hex(int proto, unsigned sport, unsigned dport, const char *hex)
{
    uint8_t b[512];
    size_t n = strlen(hex) / 2;
    assert_true(n <= sizeof b);
    for (size_t k = 0; k < n; k++) {
        unsigned x;
        assert_int_equal(sscanf(hex + 2 * k, "%2x", &x), 1);
        b[k] = (uint8_t)x;
    }
    return ident_bytes(proto, sport, dport, b, n);
}

/* A frame without IP: b[0..n) is what follows the EtherType. */
static struct nw_packet ident_l2_bytes(uint16_t ethertype, const uint8_t *b, size_t n)
{
    struct nw_packet pkt;
    memset(&pkt, 0, sizeof pkt);
    uint8_t *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    if (n)
        memcpy(copy, b, n);
    pkt.has_mac = true;
    pkt.ethertype = ethertype;
    pkt.payload = copy;
    pkt.payload_len = (uint32_t)n;
    nw_identify(&pkt);
    check_invariants(&pkt);
    free(copy);
    pkt.payload = NULL;
    return pkt;
}

static struct nw_packet ident_l2(uint16_t ethertype, const char *vec)
{
    uint8_t *b;
    size_t n = vec_bytes(vec, &b);
    struct nw_packet pkt = ident_l2_bytes(ethertype, b, n);
    free(b);
    return pkt;
}

static void assert_ip4(const struct nw_packet *pkt, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    assert_int_equal(pkt->name_addr_family, 4);
    uint8_t want[4] = {a, b, c, d};
    assert_memory_equal(pkt->name_addr, want, 4);
}

/* Asserts the packet's app and role; returns it for more checks. */
static struct nw_packet expect(struct nw_packet p, enum nw_app app, enum nw_role role)
{
    assert_int_equal(p.app, app);
    assert_int_equal(p.role, role);
    return p;
}

/* Deterministic pseudo-random bytes. */
static uint32_t rnd_state = 12345;
static uint8_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (uint8_t)(rnd_state >> 16);
}

/* ---- application names ------------------------------------------------------------------ */

static void test_app_names(void **state)
{
    (void)state;
    for (int a = 0; a < NW_APP_COUNT; a++) {
        const char *n = nw_app_name((enum nw_app)a);
        assert_non_null(n);
        assert_true(strlen(n) > 0);
        for (const char *c = n; *c; c++) /* lower case, digits, '-' */
            assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-');
        assert_int_equal(nw_app_from_name(n), a);
        for (int b = 0; b < a; b++)
            assert_string_not_equal(n, nw_app_name((enum nw_app)b));
    }
    /* the stable spellings other parts and saved baselines rely on */
    assert_string_equal(nw_app_name(NW_APP_S7), "s7comm");
    assert_string_equal(nw_app_name(NW_APP_S7PLUS), "s7comm-plus");
    assert_string_equal(nw_app_name(NW_APP_PNRT), "profinet-rt");
    assert_string_equal(nw_app_name(NW_APP_PNDCP), "profinet-dcp");
    assert_string_equal(nw_app_name(NW_APP_IEC104), "iec104");
    assert_string_equal(nw_app_name(NW_APP_MODBUS), "modbus");
    assert_int_equal(nw_app_from_name("Modbus"), NW_APP_NONE);
    assert_int_equal(nw_app_from_name(""), NW_APP_NONE);
    assert_int_equal(nw_app_from_name(NULL), NW_APP_NONE);
    assert_string_equal(nw_app_name(NW_APP_COUNT), "unknown");
}

/* ---- industrial protocols --------------------------------------------------------------- */

static void test_modbus(void **state)
{
    (void)state;
    struct nw_packet p =
        expect(ident(TCP, 57184, 502, "modbus_req"), NW_APP_MODBUS, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    expect(ident(TCP, 502, 57184, "modbus_resp2"), NW_APP_MODBUS, NW_ROLE_SERVER);
    p = ident(TCP, 7718, 502, "modbus_255");
    assert_int_equal(p.app, NW_APP_MODBUS);
    /* between two port-502 ends nothing says who is the master */
    expect(ident(TCP, 502, 502, "modbus_req"), NW_APP_MODBUS, NW_ROLE_NONE);
    /* an exception response: function | 0x80, length 3, code 2 (illegal data address) */
    expect(ident_hex(TCP, 502, 40000, "000100000003018302"), NW_APP_MODBUS, NW_ROLE_SERVER);
    /* ... but not with a code out of range, or with a longer length */
    assert_int_equal(ident_hex(TCP, 502, 40000, "000100000003018320").app, NW_APP_NONE);
    assert_int_equal(ident_hex(TCP, 502, 40000, "00010000000401830200").app, NW_APP_NONE);
    /* protocol id not 0, length 0 or 1, function 0, a second ADU with protocol id 1 */
    assert_int_equal(ident_hex(TCP, 40000, 502, "000000010006ff0408d20002").app, NW_APP_NONE);
    assert_int_equal(ident_hex(TCP, 40000, 502, "000000000001ff04").app, NW_APP_NONE);
    assert_int_equal(ident_hex(TCP, 40000, 502, "000000000006ff0008d20002").app, NW_APP_NONE);
    assert_int_equal(
        ident_hex(TCP, 40000, 502, "000000000006ff0408d20002000100010006ff0408d20002").app,
        NW_APP_NONE);
    /* shorter than an MBAP header */
    assert_int_equal(ident_hex(TCP, 40000, 502, "00000000000600").app, NW_APP_NONE);
    /* a web server on port 502 is HTTP, not Modbus */
    p = ident_text(TCP, 40000, 502, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_int_equal(p.app, NW_APP_HTTP);
    /* Modbus bytes on another port are not looked at */
    assert_int_equal(ident(TCP, 57184, 503, "modbus_req").app, NW_APP_NONE);
}

/* Random payloads on the OT ports are not taken for those protocols. */
static void test_random_on_ot_ports(void **state)
{
    (void)state;
    static const struct {
        int proto;
        unsigned port;
    } ports[] = {{TCP, 502},  {TCP, 102},   {TCP, 2404}, {TCP, 20000}, {TCP, 44818},
                 {TCP, 4840}, {UDP, 47808}, {UDP, 2222}, {UDP, 20000}, {UDP, 44818}};
    uint8_t b[64];
    for (size_t k = 0; k < sizeof ports / sizeof ports[0]; k++) {
        unsigned hits = 0;
        for (int i = 0; i < 20000; i++) {
            size_t n = 1 + rnd() % sizeof b;
            for (size_t j = 0; j < n; j++)
                b[j] = rnd();
            if (b[0] >= 'A' && b[0] <= 'Z')
                b[0] = 0; /* keep clear of the text protocols any TCP port may carry */
            struct nw_packet p = ident_bytes(ports[k].proto, 50000, ports[k].port, b, n);
            hits += p.app != NW_APP_NONE;
        }
        assert_int_equal(hits, 0);
    }
}

static void test_s7(void **state)
{
    (void)state;
    expect(ident(TCP, 65371, 102, "s7_job"), NW_APP_S7, NW_ROLE_CLIENT);
    expect(ident(TCP, 102, 65371, "s7_ackdata"), NW_APP_S7, NW_ROLE_SERVER);
    expect(ident(TCP, 49254, 102, "s7_ud_req"), NW_APP_S7, NW_ROLE_CLIENT);
    expect(ident(TCP, 102, 49254, "s7_ud_resp"), NW_APP_S7, NW_ROLE_SERVER);
    /* the roles come from the S7 header, not from the port */
    assert_int_equal(ident(TCP, 102, 102, "s7_ackdata").role, NW_ROLE_SERVER);
    expect(ident(TCP, 56050, 102, "cotp_cr"), NW_APP_S7, NW_ROLE_CLIENT);
    expect(ident(TCP, 102, 56050, "cotp_cc"), NW_APP_S7, NW_ROLE_SERVER);
    /* an empty DT (keep-alive) before a Job in the same segment; alone it says nothing */
    expect(ident(TCP, 60674, 102, "keep_job"), NW_APP_S7, NW_ROLE_CLIENT);
    assert_int_equal(ident(TCP, 56928, 102, "keepalive").app, NW_APP_NONE);
    /* S7comm-plus (S7-1500 with TIA portal) */
    expect(ident(TCP, 50467, 102, "s7p_cr"), NW_APP_S7PLUS, NW_ROLE_CLIENT);
    expect(ident(TCP, 102, 50467, "s7p_cc"), NW_APP_S7PLUS, NW_ROLE_SERVER);
    expect(ident(TCP, 102, 50467, "s7p_resp"), NW_APP_S7PLUS, NW_ROLE_SERVER);
    /* a connection request with another ISO user's TSAP (MMS uses 0x0001) */
    assert_int_equal(ident_hex(TCP, 56050, 102, "0300001611e00000000d00c1020200c2020001c0010a").app,
                     NW_APP_NONE);
    /* TPKT version 2; an unknown ROSCTR; a DT with protocol id 0x33 */
    assert_int_equal(
        ident_hex(TCP, 1, 102, "0200001f02f080320100003106000e00000401120a10020001000081000000")
            .app,
        NW_APP_NONE);
    assert_int_equal(
        ident_hex(TCP, 1, 102, "0300001f02f080320500003106000e00000401120a10020001000081000000")
            .app,
        NW_APP_NONE);
    assert_int_equal(
        ident_hex(TCP, 1, 102, "0300001f02f080330100003106000e00000401120a10020001000081000000")
            .app,
        NW_APP_NONE);
}

static void test_enip_cip(void **state)
{
    (void)state;
    expect(ident(TCP, 5262, 44818, "enip_li_req"), NW_APP_ENIP, NW_ROLE_CLIENT);
    expect(ident(TCP, 44818, 5262, "enip_li_rep"), NW_APP_ENIP, NW_ROLE_SERVER);
    /* ListIdentity over UDP between two 44818 ports: the role still shows */
    assert_int_equal(ident(UDP, 44818, 44818, "enip_li_rep").role, NW_ROLE_SERVER);
    assert_int_equal(ident(UDP, 44818, 44818, "enip_li_req").role, NW_ROLE_CLIENT);
    expect(ident(TCP, 49271, 44818, "cip_stop"), NW_APP_CIP, NW_ROLE_CLIENT);
    expect(ident(TCP, 44818, 52593, "cip_unit_resp"), NW_APP_CIP, NW_ROLE_SERVER);
    /* RegisterSession: by port */
    expect(ident_hex(TCP, 1135, 44818, "65000400000000000000000000000000000000000000000001000000"),
           NW_APP_ENIP, NW_ROLE_CLIENT);
    /* options not 0; an unknown command */
    assert_int_equal(
        ident_hex(TCP, 5262, 44818, "63000000000000000000000000000000c1debed101000000").app,
        NW_APP_NONE);
    assert_int_equal(
        ident_hex(TCP, 5262, 44818, "62000000000000000000000000000000c1debed100000000").app,
        NW_APP_NONE);
    /* class 1 I/O on UDP 2222: sequenced address item, connected data item */
    expect(ident_hex(UDP, 2222, 2222, "020002800800010000000a000000b1000600010000000000"),
           NW_APP_CIP, NW_ROLE_NONE);
    assert_int_equal(
        ident_hex(UDP, 2222, 2222, "020002810800010000000a000000b1000600010000000000").app,
        NW_APP_NONE);
}

static void test_profinet(void **state)
{
    (void)state;
    struct nw_packet p = expect(ident_l2(0x8892, "dcp_ident_req"), NW_APP_PNDCP, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_DCP);
    assert_string_equal(p.name, "switch3");
    p = expect(ident_l2(0x8892, "dcp_ident_resp"), NW_APP_PNDCP, NW_ROLE_SERVER);
    assert_int_equal(p.name_kind, NW_NAME_DCP);
    assert_string_equal(p.name, "X208-BORD");
    assert_int_equal(p.name_len, 9);
    /* a Set request names nobody in particular: no name */
    p = expect(ident_l2(0x8892, "dcp_set_req"), NW_APP_PNDCP, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    p = ident_l2(0x8892, "dcp_set_resp");
    assert_int_equal(p.role, NW_ROLE_SERVER);
    /* cyclic real-time data (frame ID 0x8001) */
    static const uint8_t rt[] = {0x80, 0x01, 0x80, 0x80, 0x80, 0x80,
                                 0x00, 0x00, 0x12, 0x34, 0x35, 0x00};
    p = ident_l2_bytes(0x8892, rt, sizeof rt);
    assert_int_equal(p.app, NW_APP_PNRT);
    /* a DCP frame with an unknown service */
    static const uint8_t dcp_bad[] = {0xfe, 0xfe, 0x09, 0x00, 0, 0, 0, 1, 0, 1, 0, 0};
    assert_int_equal(ident_l2_bytes(0x8892, dcp_bad, sizeof dcp_bad).app, NW_APP_NONE);
    /* the name block cut by the end of the frame */
    static const uint8_t dcp_cut[] = {0xfe, 0xfe, 0x05, 0x00, 0,    0,    0,   1,   0,  1,
                                      0,    0x0b, 0x02, 0x02, 0x00, 0x07, 's', 'w', 'i'};
    p = ident_l2_bytes(0x8892, dcp_cut, sizeof dcp_cut);
    assert_int_equal(p.app, NW_APP_PNDCP);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    /* context management over UDP (DCE/RPC) */
    expect(ident(UDP, 1566, 34964, "pn_rpc_req"), NW_APP_PNRT, NW_ROLE_CLIENT);
    expect(ident(UDP, 34964, 1566, "pn_rpc_resp"), NW_APP_PNRT, NW_ROLE_SERVER);
}

static void test_bacnet(void **state)
{
    (void)state;
    expect(ident(UDP, 47808, 47808, "bacnet_req"), NW_APP_BACNET, NW_ROLE_CLIENT);
    expect(ident(UDP, 47808, 47808, "bacnet_ack"), NW_APP_BACNET, NW_ROLE_SERVER);
    assert_int_equal(ident(UDP, 47808, 47808, "bacnet_rbdt").role, NW_ROLE_CLIENT);
    assert_int_equal(ident(UDP, 47808, 47808, "bacnet_result").role, NW_ROLE_SERVER);
    /* another port of the BACnet range */
    assert_int_equal(ident(UDP, 47809, 47809, "bacnet_req").app, NW_APP_BACNET);
    /* Who-Is (unconfirmed service 8) from a client, I-Am (0) from a device */
    assert_int_equal(ident_hex(UDP, 47808, 47808, "810b000801001008").role, NW_ROLE_CLIENT);
    assert_int_equal(ident_hex(UDP, 47808, 47808, "810b001401001000c4020001f42201e09100210f").role,
                     NW_ROLE_SERVER);
    /* BVLC type 0x82 (BACnet/IPv6 is another story); NPDU version 2 */
    assert_int_equal(ident_hex(UDP, 47808, 47808, "820a001101040005010c0c023fffff194b").app,
                     NW_APP_NONE);
    assert_int_equal(ident_hex(UDP, 47808, 47808, "810a001102040005010c0c023fffff194b").app,
                     NW_APP_NONE);
}

static void test_iec104(void **state)
{
    (void)state;
    expect(ident(TCP, 2404, 1075, "iec104_i"), NW_APP_IEC104, NW_ROLE_SERVER);
    expect(ident(TCP, 2404, 1075, "iec104_testfr_act"), NW_APP_IEC104, NW_ROLE_SERVER);
    expect(ident(TCP, 1075, 2404, "iec104_testfr_con"), NW_APP_IEC104, NW_ROLE_CLIENT);
    expect(ident(TCP, 1075, 2404, "iec104_s"), NW_APP_IEC104, NW_ROLE_CLIENT);
    /* two U-frames in one segment */
    assert_int_equal(ident_hex(TCP, 1075, 2404, "680443000000680407000000").app, NW_APP_IEC104);
    /* an unknown U function, an S-frame of length 5, an APDU longer than the segment */
    assert_int_equal(ident_hex(TCP, 1075, 2404, "680433000000").app, NW_APP_NONE);
    assert_int_equal(ident_hex(TCP, 1075, 2404, "6805010009c000").app, NW_APP_NONE);
    assert_int_equal(ident_hex(TCP, 2404, 1075, "681a9a0028000d0201000300").app, NW_APP_NONE);
}

static void test_dnp3(void **state)
{
    (void)state;
    expect(ident(TCP, 20000, 2789, "dnp3_unsol"), NW_APP_DNP3,
           NW_ROLE_SERVER); /* outstation: DIR bit clear */
    expect(ident(TCP, 2789, 20000, "dnp3_master"), NW_APP_DNP3, NW_ROLE_CLIENT);
    /* the same over UDP */
    assert_int_equal(ident(UDP, 20000, 20000, "dnp3_master").app, NW_APP_DNP3);
    /* a wrong header CRC */
    assert_int_equal(ident_hex(TCP, 2789, 20000, "056408c404000300b4b9c0d7007ace").app,
                     NW_APP_NONE);
}

static void test_l2_protocols(void **state)
{
    (void)state;
    struct nw_packet p = expect(ident_l2(0x88b8, "goose"), NW_APP_GOOSE, NW_ROLE_NONE);
    /* sampled values: APPID 0x4000, length, reserved, savPdu */
    static const uint8_t sv[] = {0x40, 0x00, 0x00, 0x10, 0,    0,    0,    0,
                                 0x60, 0x06, 0x80, 0x01, 0x01, 0xa2, 0x01, 0x00};
    assert_int_equal(ident_l2_bytes(0x88ba, sv, sizeof sv).app, NW_APP_SV);
    assert_int_equal(ident_l2_bytes(0x88b8, sv, sizeof sv).app, NW_APP_NONE); /* not 0x61 */
    p = ident_l2(0x88cc, "lldp");
    assert_int_equal(p.app, NW_APP_LLDP);
    assert_int_equal(p.name_kind, NW_NAME_LLDP);
    assert_string_equal(p.name, "SCADA-PC-060839");
    /* an LLDPDU not starting with the chassis ID */
    static const uint8_t lldp_bad[] = {0x0a, 0x03, 'a', 'b', 'c', 0x00, 0x00};
    assert_int_equal(ident_l2_bytes(0x88cc, lldp_bad, sizeof lldp_bad).app, NW_APP_NONE);
    /* other EtherTypes; an empty payload */
    assert_int_equal(ident_l2(0x88b5, "goose").app, NW_APP_NONE);
    assert_int_equal(ident_l2_bytes(0x8892, NULL, 0).app, NW_APP_NONE);
}

/* ---- name services ---------------------------------------------------------------------- */

static void test_dns(void **state)
{
    (void)state;
    struct nw_packet p = expect(ident(UDP, 38174, 53, "dns_q"), NW_APP_DNS, NW_ROLE_CLIENT);
    assert_false(p.flags & NW_PF_DNS_RESPONSE);
    assert_int_equal(p.name_kind, NW_NAME_DNS_QUERY);
    assert_string_equal(p.name, "videosearch.ubuntu.com");
    assert_int_equal(p.name_addr_family, 0);
    p = expect(ident(UDP, 53, 38174, "dns_r"), NW_APP_DNS, NW_ROLE_SERVER);
    assert_true(p.flags & NW_PF_DNS_RESPONSE);
    assert_int_equal(p.name_kind, NW_NAME_DNS_ANSWER);
    assert_string_equal(p.name, "videosearch.ubuntu.com");
    assert_ip4(&p, 91, 189, 89, 22);
    /* a CNAME first: the A record's own name (reached through compression pointers) */
    p = ident(UDP, 53, 56426, "dns_r_cname");
    assert_int_equal(p.name_kind, NW_NAME_DNS_ANSWER);
    assert_string_equal(p.name, "googlemail.l.google.com");
    assert_ip4(&p, 74, 125, 239, 54);
    /* DNS over TCP: the 2-byte length first */
    uint8_t *b;
    size_t n = vec_bytes("dns_q", &b);
    uint8_t tcp[128];
    tcp[0] = (uint8_t)(n >> 8);
    tcp[1] = (uint8_t)n;
    memcpy(tcp + 2, b, n);
    free(b);
    p = ident_bytes(TCP, 50000, 53, tcp, n + 2);
    assert_int_equal(p.app, NW_APP_DNS);
    assert_string_equal(p.name, "videosearch.ubuntu.com");
    /* an AAAA answer: plc.example. AAAA 2001:db8::5 (name by pointer to the question) */
    p = ident_hex(UDP, 53, 50000,
                  "12348180000100010000000003706c63076578616d706c6500001c0001"
                  "c00c001c000100000e10001020010db8000000000000000000000005");
    assert_int_equal(p.name_kind, NW_NAME_DNS_ANSWER);
    assert_string_equal(p.name, "plc.example");
    assert_int_equal(p.name_addr_family, 6);
    assert_int_equal(p.name_addr[0], 0x20);
    assert_int_equal(p.name_addr[15], 0x05);
    /* headers that are not DNS: opcode 3, a query without a question, absurd counts */
    assert_int_equal(ident_hex(UDP, 50000, 53, "c01a1900000100000000000001610000010001").app,
                     NW_APP_NONE);
    assert_int_equal(ident_hex(UDP, 50000, 53, "c01a0100000000000000000001610000010001").app,
                     NW_APP_NONE);
    assert_int_equal(ident_hex(UDP, 50000, 53, "c01a01000001ffff0000000001610000010001").app,
                     NW_APP_NONE);
    assert_int_equal(ident_hex(UDP, 50000, 53, "c01a0100000100").app, NW_APP_NONE);
}

static void test_dns_malformed_names(void **state)
{
    (void)state;
    /* a compression pointer to itself: DNS, but no name (and no endless loop) */
    struct nw_packet p = ident_hex(UDP, 50000, 53, "abcd01000001000000000000c00c00010001");
    assert_int_equal(p.app, NW_APP_DNS);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    /* two labels pointing at each other */
    p = ident_hex(UDP, 50000, 53, "abcd010000010000000000000161c0100162c00c00010001");
    assert_int_equal(p.app, NW_APP_DNS);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    /* a label running past the end; a pointer past the end; a reserved label type 0x40 */
    assert_int_equal(ident_hex(UDP, 50000, 53, "abcd0100000100000000000005616263").name_kind,
                     NW_NAME_NONE);
    assert_int_equal(ident_hex(UDP, 50000, 53, "abcd01000001000000000000c0ff0001").name_kind,
                     NW_NAME_NONE);
    assert_int_equal(ident_hex(UDP, 50000, 53, "abcd010000010000000000004161000001").name_kind,
                     NW_NAME_NONE);
    /* a non-printable byte cuts the name: "ab" of "ab\x01c.example" */
    p = ident_hex(UDP, 50000, 53, "abcd010000010000000000000461620163076578616d706c650000010001");
    assert_int_equal(p.app, NW_APP_DNS);
    assert_string_equal(p.name, "ab");
    /* ... also when the byte starts the next label: "ab" of "ab.\x01c", without the dot */
    p = ident_hex(UDP, 50000, 53, "abcd010000010000000000000261620201630000010001");
    assert_string_equal(p.name, "ab");
    /* a name of 3 × 40 bytes: cut at NW_NAME_MAX */
    uint8_t m[12 + 3 * 41 + 1 + 4] = {0xab, 0xcd, 0x01, 0x00, 0x00, 0x01};
    size_t o = 12;
    for (int l = 0; l < 3; l++) {
        m[o++] = 40;
        for (int i = 0; i < 40; i++)
            m[o++] = (uint8_t)('a' + l);
    }
    m[o++] = 0;
    m[o++] = 0;
    m[o++] = 1;
    m[o++] = 0;
    m[o++] = 1;
    p = ident_bytes(UDP, 50000, 53, m, o);
    assert_int_equal(p.name_len, NW_NAME_MAX);
    assert_int_equal(p.name[40], '.');
    assert_int_equal(p.name[41], 'b');
    assert_int_equal(p.name[63], 'b');
    /* a 63-byte label, then another: the dot would be the 64th byte and is dropped */
    uint8_t m2[12 + 64 + 6 + 1 + 4] = {0xab, 0xcd, 0x01, 0x00, 0x00, 0x01};
    o = 12;
    m2[o++] = 63;
    memset(m2 + o, 'a', 63);
    o += 63;
    m2[o++] = 5;
    memcpy(m2 + o, "bbbbb", 5);
    o += 5;
    m2[o++] = 0;
    m2[o++] = 0;
    m2[o++] = 1;
    m2[o++] = 0;
    m2[o++] = 1;
    p = ident_bytes(UDP, 50000, 53, m2, o);
    assert_int_equal(p.app, NW_APP_DNS);
    assert_int_equal(p.name_len, 63);
    assert_int_equal(p.name[62], 'a');
}

static void test_mdns_llmnr_nbns(void **state)
{
    (void)state;
    /* an mDNS probe carries the prober's own A record in its authority section */
    struct nw_packet p = expect(ident(UDP, 5353, 5353, "mdns_probe"), NW_APP_MDNS, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_DNS_ANSWER);
    assert_string_equal(p.name, "VJTI-PC3.local");
    assert_ip4(&p, 192, 168, 0, 16);
    p = expect(ident(UDP, 5353, 5353, "mdns_resp"), NW_APP_MDNS, NW_ROLE_SERVER);
    assert_true(p.flags & NW_PF_DNS_RESPONSE);
    assert_int_equal(p.name_kind, NW_NAME_DNS_ANSWER);
    assert_string_equal(p.name, "VJTI-PC3.local");
    assert_ip4(&p, 192, 168, 0, 16);
    p = expect(ident(UDP, 64056, 5355, "llmnr_q"), NW_APP_LLMNR, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_LLMNR);
    assert_string_equal(p.name, "wpad");
    p = expect(ident(UDP, 137, 137, "nbns_q"), NW_APP_NBNS, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_NBNS);
    assert_string_equal(p.name, "WPAD"); /* padding spaces and the suffix byte removed */
    assert_int_equal(p.name_addr_family, 0);
    p = expect(ident(UDP, 137, 137, "nbns_r"), NW_APP_NBNS, NW_ROLE_SERVER);
    assert_true(p.flags & NW_PF_DNS_RESPONSE);
    assert_string_equal(p.name, "DBLICENSESERVER");
    assert_ip4(&p, 192, 168, 10, 105);
    /* an NBNS name that is not first-level encoded ('Z' is outside A–P) */
    p = ident_hex(
        UDP, 137, 137,
        "8c1f01100001000000000000205a484641454245454341434143414341434143414341434143414341"
        "434141410000200001");
    assert_int_equal(p.app, NW_APP_NBNS);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
}

static void test_dhcp(void **state)
{
    (void)state;
    static const uint8_t mac[6] = {0x00, 0xe0, 0x62, 0x60, 0x35, 0xd0};
    struct nw_packet p = expect(ident(UDP, 68, 67, "dhcp_discover"), NW_APP_DHCP, NW_ROLE_CLIENT);
    assert_memory_equal(p.dhcp_mac, mac, 6);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    assert_int_equal(p.name_addr_family, 0);
    /* the server's offer names the client (option 12) and gives its address (yiaddr) */
    p = expect(ident(UDP, 67, 68, "dhcp_offer"), NW_APP_DHCP, NW_ROLE_SERVER);
    assert_memory_equal(p.dhcp_mac, mac, 6);
    assert_int_equal(p.name_kind, NW_NAME_DHCP);
    assert_string_equal(p.name, "KoyoDL405");
    assert_ip4(&p, 192, 168, 10, 131);
    /* the request asks for that address (option 50) */
    p = ident(UDP, 68, 67, "dhcp_request");
    assert_int_equal(p.role, NW_ROLE_CLIENT);
    assert_ip4(&p, 192, 168, 10, 131);
    /* without the magic cookie it is not DHCP */
    uint8_t *b;
    size_t n = vec_bytes("dhcp_discover", &b);
    b[236] ^= 1;
    assert_int_equal(ident_bytes(UDP, 68, 67, b, n).app, NW_APP_NONE);
    b[236] ^= 1;
    /* a host name with a control character, and options running past the end */
    static const uint8_t opts[] = {0x0c, 0x05, 'p', 'l', 0x07, 'c', '1', 0x32, 0x04, 10, 0, 0};
    memcpy(b + 240, opts, sizeof opts);
    p = ident_bytes(UDP, 68, 67, b, 240 + sizeof opts);
    assert_int_equal(p.app, NW_APP_DHCP);
    assert_string_equal(p.name, "pl");
    assert_int_equal(p.name_addr_family, 0); /* option 50 cut: no address */
    free(b);
    /* DHCPv6 Solicit: client FQDN option and the MAC of the DUID-LLT */
    static const uint8_t mac6[6] = {0xb0, 0x83, 0xfe, 0x8c, 0x76, 0x91};
    p = expect(ident(UDP, 546, 547, "dhcpv6_solicit"), NW_APP_DHCPV6, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_DHCP);
    assert_string_equal(p.name, "VJTI-PC3");
    assert_memory_equal(p.dhcp_mac, mac6, 6);
    /* an Advertise (type 2) from a server; type 0 is no message */
    assert_int_equal(ident_hex(UDP, 547, 546, "02e532000001000a00030001b083fe8c7691").role,
                     NW_ROLE_SERVER);
    assert_int_equal(ident_hex(UDP, 546, 547, "00e53200").app, NW_APP_NONE);
}

/* ---- text protocols and others ---------------------------------------------------------- */

static void test_http_rtsp(void **state)
{
    (void)state;
    struct nw_packet p = expect(ident(TCP, 40000, 8080, "http_get"), NW_APP_HTTP, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_HTTP_HOST);
    assert_string_equal(p.name, "cam-07.cctv.example.jp"); /* ":8080" dropped */
    p = expect(ident(TCP, 8000, 40000, "http_resp"), NW_APP_HTTP, NW_ROLE_SERVER);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    /* the Host header in any case, an IPv6 literal kept with its brackets */
    p = ident_text(TCP, 1, 80, "POST /x HTTP/1.1\r\nAccept: */*\r\nhOsT:\t[fe80::1]:8080\r\n\r\n");
    assert_string_equal(p.name, "[fe80::1]");
    /* a Host header after the end of the headers is not read */
    p = ident_text(TCP, 1, 80, "GET / HTTP/1.0\r\n\r\nHost: late\r\n");
    assert_int_equal(p.app, NW_APP_HTTP);
    assert_int_equal(p.name_kind, NW_NAME_NONE);
    /* a long host name is cut at NW_NAME_MAX */
    char req[300];
    char host[101];
    memset(host, 'h', 100);
    host[100] = '\0';
    snprintf(req, sizeof req, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", host);
    p = ident_text(TCP, 1, 80, req);
    assert_int_equal(p.name_len, NW_NAME_MAX);
    /* a request line that does not end in an HTTP version; a method without a target */
    assert_int_equal(ident_text(TCP, 1, 80, "GET me a coffee\r\n").app, NW_APP_NONE);
    assert_int_equal(ident_text(TCP, 1, 80, "GET  / HTTP/1.1\r\n").app, NW_APP_NONE);
    /* RTSP (RFC 2326 10.2, 10.4, and a reply) */
    expect(ident_text(TCP, 40000, 554,
                      "DESCRIBE rtsp://server.example.com/fizzle/foo RTSP/1.0\r\nCSeq: 312\r\n"
                      "Accept: application/sdp\r\n\r\n"),
           NW_APP_RTSP, NW_ROLE_CLIENT);
    p = ident_text(TCP, 40000, 8554, "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
    assert_int_equal(p.app, NW_APP_RTSP);
    expect(ident_text(TCP, 554, 40000, "RTSP/1.0 200 OK\r\nCSeq: 312\r\n\r\n"), NW_APP_RTSP,
           NW_ROLE_SERVER);
    /* OPTIONS of HTTP stays HTTP; RTSP on a camera's other port is still RTSP */
    assert_int_equal(ident_text(TCP, 1, 80, "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n").app,
                     NW_APP_HTTP);
    assert_int_equal(ident_text(TCP, 1, 10554, "PLAY rtsp://10.0.0.7/h264 RTSP/1.0\r\n").app,
                     NW_APP_RTSP);
    /* RTP interleaved in the RTSP connection ('$', channel, length) */
    expect(ident_hex(TCP, 554, 40000, "2400000c80600001000000000000000000000000"), NW_APP_RTSP,
           NW_ROLE_SERVER);
}

static void test_tls(void **state)
{
    (void)state;
    struct nw_packet p =
        expect(ident(TCP, 40000, 443, "tls_client_hello"), NW_APP_TLS, NW_ROLE_CLIENT);
    assert_int_equal(p.name_kind, NW_NAME_TLS_SNI);
    assert_string_equal(p.name, "plc01.bhs.example.jp");
    /* a hello is a hello on any port */
    p = ident(TCP, 40000, 5000, "tls_client_hello");
    assert_int_equal(p.app, NW_APP_TLS);
    assert_string_equal(p.name, "plc01.bhs.example.jp");
    expect(ident(TCP, 443, 40000, "tls_server_hello"), NW_APP_TLS, NW_ROLE_SERVER);
    /* other records only on TLS ports, the role from the port */
    expect(ident(TCP, 50322, 443, "tls_alert"), NW_APP_TLS, NW_ROLE_CLIENT);
    assert_int_equal(ident(TCP, 50322, 5000, "tls_alert").app, NW_APP_NONE);
    /* the hello cut at every length: never a read past the end (ASan), never a wrong name */
    uint8_t *b;
    size_t n = vec_bytes("tls_client_hello", &b);
    size_t named_from = 0;
    for (size_t k = 0; k <= n; k++) {
        p = ident_bytes(TCP, 40000, 5000, b, k); /* not a TLS port: only the hello counts */
        if (k < 11)
            assert_int_equal(p.app, NW_APP_NONE);
        else
            assert_int_equal(p.app, NW_APP_TLS);
        if (p.name_kind != NW_NAME_NONE) {
            assert_string_equal(p.name, "plc01.bhs.example.jp");
            if (!named_from)
                named_from = k;
        }
    }
    assert_true(named_from > 11 && named_from < n); /* a cut before the SNI has no name */
    /* record version 3.5 and a zero-length record are not TLS */
    b[2] = 5;
    assert_int_equal(ident_bytes(TCP, 40000, 443, b, n).app, NW_APP_NONE);
    b[2] = 1;
    b[3] = b[4] = 0;
    assert_int_equal(ident_bytes(TCP, 40000, 443, b, n).app, NW_APP_NONE);
    free(b);
}

static void test_udp_services(void **state)
{
    (void)state;
    struct nw_packet p =
        expect(ident(UDP, 50000, 1900, "ssdp_msearch"), NW_APP_SSDP, NW_ROLE_CLIENT);
    expect(ident(UDP, 1900, 1900, "ssdp_notify"), NW_APP_SSDP, NW_ROLE_SERVER);
    expect(ident(UDP, 51507, 3702, "wsd_resolve"), NW_APP_WSD, NW_ROLE_CLIENT);
    expect(ident(UDP, 50000, 3702, "wsd_hello"), NW_APP_WSD, NW_ROLE_SERVER);
    expect(ident(UDP, 50078, 3702, "wsd_probe"), NW_APP_WSD, NW_ROLE_CLIENT);
    /* ONVIF (WS-Discovery 1.1) ProbeMatches from a camera */
    expect(ident_text(UDP, 3702, 50000,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope "
                      "xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\"><SOAP-ENV:Header>"
                      "<wsa:Action>http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01/"
                      "ProbeMatches</wsa:Action></SOAP-ENV:Header><SOAP-ENV:Body/>"
                      "</SOAP-ENV:Envelope>"),
           NW_APP_WSD, NW_ROLE_SERVER);
    assert_int_equal(ident_text(UDP, 50000, 3702, "hello there").app, NW_APP_NONE);
    assert_int_equal(ident_text(UDP, 50000, 3702, "<a>no soap</a>").app, NW_APP_NONE);
    /* syslog (RFC 3164 5.4) */
    expect(
        ident_text(UDP, 50000, 514,
                   "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"),
        NW_APP_SYSLOG, NW_ROLE_CLIENT);
    assert_int_equal(ident_text(UDP, 50000, 514, "<1234>x").app, NW_APP_NONE);
    assert_int_equal(ident_text(UDP, 50000, 514, "34>x").app, NW_APP_NONE);
    /* NTP: an SNTP client request (version 4, mode 3) and a server reply (mode 4, stratum 2) */
    uint8_t ntp[48] = {0x23};
    expect(ident_bytes(UDP, 50000, 123, ntp, sizeof ntp), NW_APP_NTP, NW_ROLE_CLIENT);
    ntp[0] = 0x24;
    ntp[1] = 2;
    p = ident_bytes(UDP, 123, 50000, ntp, sizeof ntp);
    assert_int_equal(p.role, NW_ROLE_SERVER);
    ntp[0] = 0x00; /* version 0, mode 0 */
    assert_int_equal(ident_bytes(UDP, 123, 50000, ntp, sizeof ntp).app, NW_APP_NONE);
    ntp[0] = 0x23;
    assert_int_equal(ident_bytes(UDP, 50000, 123, ntp, 20).app, NW_APP_NONE); /* short */
    /* SNMPv2c get-request (community "public", sysDescr.0) to the agent; a trap from it */
    static const char *get = "302602010104067075626c6963a019020401020304020100020100300b3009"
                             "06052b06010201050000";
    expect(ident_hex(UDP, 50000, 161, get), NW_APP_SNMP, NW_ROLE_CLIENT);
    assert_int_equal(ident_hex(UDP, 161, 50000, get).role, NW_ROLE_SERVER);
    assert_int_equal(ident_hex(UDP, 50000, 162, get).role, NW_ROLE_SERVER);
    assert_int_equal(ident_hex(UDP, 50000, 161, "302602010204067075626c6963").app, NW_APP_NONE);
}

static void test_ssh_opcua(void **state)
{
    (void)state;
    struct nw_packet p =
        expect(ident_text(TCP, 22, 40000, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6\r\n"), NW_APP_SSH,
               NW_ROLE_SERVER);
    p = ident_text(TCP, 40000, 22, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6\r\n");
    assert_int_equal(p.role, NW_ROLE_CLIENT);
    expect(ident_text(TCP, 40000, 2222, "SSH-2.0-dropbear_2022.83\r\n"), NW_APP_SSH, NW_ROLE_NONE);
    assert_int_equal(ident_text(TCP, 40000, 22, "SSH-3.0-x\r\n").app, NW_APP_NONE);
    /* OPC UA Hello: version 0, buffer sizes, endpoint opc.tcp://plc:4840 */
    static const char *hel = "48454c4632000000000000000000010000000100000000000000000012000000"
                             "6f70632e7463703a2f2f706c633a34383430";
    expect(ident_hex(TCP, 40000, 4840, hel), NW_APP_OPCUA, NW_ROLE_CLIENT);
    /* a whole Hello is recognised on any port (servers often use others) */
    p = ident_hex(TCP, 40000, 53530, hel);
    assert_int_equal(p.app, NW_APP_OPCUA);
    /* Acknowledge */
    expect(
        ident_hex(TCP, 4840, 40000, "41434b461c000000000000000000010000000100000000000000000000"),
        NW_APP_OPCUA, NW_ROLE_SERVER);
    /* MSG from the server port; MSG off port 4840 is not looked at */
    expect(ident_hex(TCP, 4840, 40000, "4d5347461800000001000000010000000100000001000000"),
           NW_APP_OPCUA, NW_ROLE_SERVER);
    assert_int_equal(
        ident_hex(TCP, 4841, 40000, "4d5347461800000001000000010000000100000001000000").app,
        NW_APP_NONE);
    /* a Hello whose size disagrees off port; a bad chunk type */
    assert_int_equal(ident_hex(TCP, 40000, 53530,
                               "48454c4640000000000000000000010000000100000000000000000000000000")
                         .app,
                     NW_APP_NONE);
    assert_int_equal(
        ident_hex(TCP, 40000, 4840, "4d5347581800000001000000010000000100000001000000").app,
        NW_APP_NONE);
}

/* ---- what every call does ---------------------------------------------------------------- */

static void test_reset_and_guards(void **state)
{
    (void)state;
    struct nw_packet pkt;
    memset(&pkt, 0xa5, sizeof pkt); /* stale values of a previous packet */
    /* identify reads its fields as nw_decode leaves them, "none": decode resets them (on its
     * straight-line path too), whatever the packet before left */
    static const uint8_t frame[] = {
        2,    0,    0,    0,    0, 2, 2,    0, 0,  0,  0, 1, 0x08, 0x00, /* eth */
        0x45, 0,    0,    50,   0, 0, 0x40, 0, 64, 6,  0, 0, 10,   0,
        0,    1,    10,   0,    0, 2, /* IPv4, 20 + 20 + 10 bytes */
        0x9c, 0x40, 0x30, 0x39, 0, 0, 0,    1, 0,  0,  0, 0, 0x50, 0x18,
        0x10, 0,    0,    0,    0, 0,                  /* TCP 40000 → 12345, PSH ACK */
        1,    2,    3,    4,    5, 6, 7,    8, 9,  10, /* junk */
    };
    struct nw_frame fr = {
        .caplen = sizeof frame, .wire_len = sizeof frame, .linktype = 1, .data = frame};
    nw_decode(&fr, &pkt);
    assert_int_equal(pkt.payload_len, 10);
    nw_identify(&pkt);
    assert_int_equal(pkt.app, NW_APP_NONE);
    assert_int_equal(pkt.role, NW_ROLE_NONE);
    assert_int_equal(pkt.name_kind, NW_NAME_NONE);
    assert_int_equal(pkt.name_len, 0);
    assert_int_equal(pkt.name[0], '\0');
    assert_int_equal(pkt.name_addr_family, 0);
    static const uint8_t zero[16];
    assert_memory_equal(pkt.name_addr, zero, 16);
    assert_memory_equal(pkt.dhcp_mac, zero, 6);
    assert_int_equal(pkt.flags, NW_PF_L4);
    /* without valid L4 fields nothing is looked at */
    uint8_t *b;
    size_t n = vec_bytes("modbus_req", &b);
    pkt.flags = NW_PF_FRAGMENT;
    pkt.dport = 502;
    pkt.payload = b;
    pkt.payload_len = (uint32_t)n;
    nw_identify(&pkt);
    assert_int_equal(pkt.app, NW_APP_NONE);
    /* neither for ICMP, nor with a NULL payload */
    pkt.flags = NW_PF_L4;
    pkt.l4_proto = 1;
    nw_identify(&pkt);
    assert_int_equal(pkt.app, NW_APP_NONE);
    pkt.l4_proto = TCP;
    pkt.payload = NULL;
    nw_identify(&pkt);
    assert_int_equal(pkt.app, NW_APP_NONE);
    pkt.payload = b;
    nw_identify(&pkt);
    assert_int_equal(pkt.app, NW_APP_MODBUS);
    free(b);
    /* IPv6 is the same */
    pkt.ip_version = 6;
    pkt.ethertype = 0x86dd;
    n = vec_bytes("llmnr_q", &b);
    pkt.l4_proto = UDP;
    pkt.sport = 64056;
    pkt.dport = 5355;
    pkt.payload = b;
    pkt.payload_len = (uint32_t)n;
    nw_identify(&pkt);
    assert_int_equal(pkt.app, NW_APP_LLMNR);
    assert_string_equal(pkt.name, "wpad");
    free(b);
}

/* Every vector, cut at every length and with each byte flipped, keeps the invariants. */
static void test_every_vector_cut_and_flipped(void **state)
{
    (void)state;
    static const struct {
        int proto;
        unsigned sport, dport;
        uint16_t ethertype;
    } ways[] = {{TCP, 40000, 502, 0},   {TCP, 40000, 102, 0},  {TCP, 40000, 44818, 0},
                {UDP, 40000, 44818, 0}, {UDP, 40000, 53, 0},   {UDP, 137, 137, 0},
                {UDP, 68, 67, 0},       {UDP, 546, 547, 0},    {TCP, 40000, 443, 0},
                {TCP, 40000, 80, 0},    {UDP, 5353, 5353, 0},  {UDP, 40000, 3702, 0},
                {UDP, 47808, 47808, 0}, {TCP, 40000, 2404, 0}, {TCP, 40000, 20000, 0},
                {UDP, 40000, 34964, 0}, {TCP, 40000, 4840, 0}, {0, 0, 0, 0x8892},
                {0, 0, 0, 0x88cc},      {0, 0, 0, 0x88b8}};
    for (size_t v = 0; v < sizeof id_vectors / sizeof id_vectors[0]; v++) {
        uint8_t *b;
        size_t n = vec_bytes(id_vectors[v].name, &b);
        for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
            for (size_t k = 0; k <= n; k += 1 + k / 16) {
                if (ways[w].ethertype)
                    (void)ident_l2_bytes(ways[w].ethertype, b, k);
                else
                    (void)ident_bytes(ways[w].proto, ways[w].sport, ways[w].dport, b, k);
            }
            for (size_t k = 0; k < n && k < 64; k++) {
                b[k] ^= 0xff;
                if (ways[w].ethertype)
                    (void)ident_l2_bytes(ways[w].ethertype, b, n);
                else
                    (void)ident_bytes(ways[w].proto, ways[w].sport, ways[w].dport, b, n);
                b[k] ^= 0xff;
            }
        }
        free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_app_names),
        cmocka_unit_test(test_modbus),
        cmocka_unit_test(test_random_on_ot_ports),
        cmocka_unit_test(test_s7),
        cmocka_unit_test(test_enip_cip),
        cmocka_unit_test(test_profinet),
        cmocka_unit_test(test_bacnet),
        cmocka_unit_test(test_iec104),
        cmocka_unit_test(test_dnp3),
        cmocka_unit_test(test_l2_protocols),
        cmocka_unit_test(test_dns),
        cmocka_unit_test(test_dns_malformed_names),
        cmocka_unit_test(test_mdns_llmnr_nbns),
        cmocka_unit_test(test_dhcp),
        cmocka_unit_test(test_http_rtsp),
        cmocka_unit_test(test_tls),
        cmocka_unit_test(test_udp_services),
        cmocka_unit_test(test_ssh_opcua),
        cmocka_unit_test(test_reset_and_guards),
        cmocka_unit_test(test_every_vector_cut_and_flipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
