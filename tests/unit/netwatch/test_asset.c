/*
 * test_asset.c — the passive asset inventory (src/netwatch/asset.c) over hand-built packets:
 * senders become assets and destinations do not; ARP replies and DHCP ACKs vouch for the
 * addresses they carry; DHCP, mDNS, DCP names belong to their device and DNS answers, HTTP Host
 * and TLS SNI to the address they name; protocols served and used follow the flow's direction;
 * roles; IP addresses over time; group and zero MACs and unusable IPs never count; layer-2-only
 * and UDP-only devices; the router rule (hosts behind a MAC with many addresses become IP-keyed
 * assets); raw-IP links; the cap; status and archiving; and the JSON and CSV exports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch.h"

/* identify.c is written beside this part; until it is merged the inventory's tests use these
 * names (the real nw_app_name replaces this weak one when it is linked in). */
__attribute__((weak)) const char *nw_app_name(enum nw_app a)
{
    switch (a) {
    case NW_APP_MODBUS:
        return "modbus";
    case NW_APP_S7:
        return "s7comm";
    case NW_APP_DNS:
        return "dns";
    case NW_APP_PNRT:
        return "pnrt";
    case NW_APP_PNDCP:
        return "pndcp";
    case NW_APP_GOOSE:
        return "goose";
    case NW_APP_DHCP:
        return "dhcp";
    default:
        return "other";
    }
}

#define S(x) ((int64_t)(x)*1000000000LL)
#define T0 S(1767225600) /* 2026-01-01T00:00:00Z */

#define MAC_PLC "\x00\x0e\x8c\x00\x00\x01" /* Siemens AG */
#define MAC_HMI "\x00\x00\xbc\x00\x00\x02" /* Rockwell Automation */
#define MAC_SRV "\x00\x11\x00\x00\x00\x03" /* Schneider Electric */
#define MAC_RTR "\x00\x11\x22\x00\x00\x04" /* a router */
#define MAC_BCAST "\xff\xff\xff\xff\xff\xff"

static struct nw_oui *oui;

static int setup(void **state)
{
    (void)state;
    struct ag_error err = {0};
    if (nw_oui_load(NULL, &oui, &err) != 0)
        fprintf(stderr, "no IEEE registry (%s): vendors are not checked\n", err.msg);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    nw_oui_free(oui);
    return 0;
}

static struct nw_packet l2(const char *src_mac, const char *dst_mac, uint16_t ethertype, int64_t ts)
{
    struct nw_packet p;
    memset(&p, 0, sizeof(p));
    p.ts_ns = ts;
    p.wire_len = 64;
    p.has_mac = true;
    memcpy(p.src_mac, src_mac, 6);
    memcpy(p.dst_mac, dst_mac, 6);
    p.ethertype = ethertype;
    return p;
}

static struct nw_packet ip4(const char *src_mac, const char *dst_mac, const char *src,
                            uint16_t sport, const char *dst, uint16_t dport, uint8_t proto,
                            int64_t ts)
{
    struct nw_packet p = l2(src_mac, dst_mac, 0x0800, ts);
    p.wire_len = 100;
    p.ip_version = 4;
    p.l4_proto = proto;
    assert_int_equal(inet_pton(AF_INET, src, p.src_ip), 1);
    assert_int_equal(inet_pton(AF_INET, dst, p.dst_ip), 1);
    p.flags = NW_PF_L4;
    p.sport = sport;
    p.dport = dport;
    return p;
}

static struct nw_assets *new_inv(uint32_t max)
{
    struct nw_assets_opts o = {.max_assets = max, .oui = oui};
    struct nw_assets *as;
    assert_int_equal(nw_assets_new(&o, &as), 0);
    return as;
}

/* The exported asset with this id (JSON), or NULL; *all is released by the caller. */
static json_t *find(const struct nw_assets *as, const char *id, json_t **all)
{
    assert_int_equal(nw_assets_to_json(as, all), 0);
    size_t i;
    json_t *a;
    json_array_foreach(*all, i, a)
    {
        if (strcmp(json_string_value(json_object_get(a, "id")), id) == 0)
            return a;
    }
    return NULL;
}

static bool has_ip(json_t *a, const char *ip)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(a, "ips"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "ip")), ip) == 0)
            return true;
    }
    return false;
}

static bool has_string(json_t *arr, const char *s)
{
    size_t i;
    json_t *e;
    json_array_foreach(arr, i, e)
    {
        if (json_is_string(e) && strcmp(json_string_value(e), s) == 0)
            return true;
    }
    return false;
}

static bool has_name(json_t *a, const char *name, const char *source)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(a, "names"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "name")), name) == 0 &&
            strcmp(json_string_value(json_object_get(e, "source")), source) == 0)
            return true;
    }
    return false;
}

static bool has_proto(json_t *a, const char *list, const char *app, const char *proto, int port)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(a, list), i, e)
    {
        json_t *ja = json_object_get(e, "app");
        bool app_ok =
            app ? json_is_string(ja) && strcmp(json_string_value(ja), app) == 0 : json_is_null(ja);
        if (app_ok && strcmp(json_string_value(json_object_get(e, "proto")), proto) == 0 &&
            json_integer_value(json_object_get(e, "port")) == port)
            return true;
    }
    return false;
}

static void test_arp_vouches(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    /* a request: the asker's own address (sha = source MAC) */
    struct nw_packet p = l2(MAC_HMI, MAC_BCAST, 0x0806, T0);
    p.arp_op = 1;
    memcpy(p.arp_sha, MAC_HMI, 6);
    memcpy(p.arp_spa, "\x0a\x00\x00\x02", 4);
    memcpy(p.arp_tpa, "\x0a\x00\x00\x01", 4);
    assert_true(nw_assets_observe(as, &p, NULL, 0));
    assert_false(nw_assets_observe(as, &p, NULL, 0)); /* seen before */
    /* the reply vouches for (sha, spa) */
    p = l2(MAC_PLC, MAC_HMI, 0x0806, T0 + S(1));
    p.arp_op = 2;
    memcpy(p.arp_sha, MAC_PLC, 6);
    memcpy(p.arp_spa, "\x0a\x00\x00\x01", 4);
    assert_true(nw_assets_observe(as, &p, NULL, 0));
    /* a proxy reply vouches for a MAC that is not the sender's */
    p = l2(MAC_RTR, MAC_HMI, 0x0806, T0 + S(2));
    p.arp_op = 2;
    memcpy(p.arp_sha, MAC_SRV, 6);
    memcpy(p.arp_spa, "\x0a\x00\x00\x03", 4);
    nw_assets_observe(as, &p, NULL, 0);
    /* an ARP probe (spa 0.0.0.0) gives no address; a request whose sha is not its sender's
     * MAC vouches for nothing */
    p = l2(MAC_RTR, MAC_BCAST, 0x0806, T0 + S(3));
    p.arp_op = 1;
    memcpy(p.arp_sha, MAC_RTR, 6);
    nw_assets_observe(as, &p, NULL, 0);
    memcpy(p.arp_sha, "\x00\x11\x22\x00\x00\x99", 6);
    memcpy(p.arp_spa, "\x0a\x00\x00\x63", 4);
    nw_assets_observe(as, &p, NULL, 0);

    assert_int_equal(nw_assets_count(as), 4); /* HMI, PLC, router, SRV */
    json_t *all, *a;
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_non_null(a);
    assert_true(has_ip(a, "10.0.0.2"));
    assert_false(has_ip(a, "10.0.0.1")); /* the target of its request is not its address */
    assert_false(json_is_true(json_object_get(a, "l2_only")));
    json_decref(all);
    a = find(as, "00:0e:8c:00:00:01", &all);
    assert_true(has_ip(a, "10.0.0.1"));
    if (oui)
        assert_string_equal(json_string_value(json_object_get(a, "vendor")), "Siemens AG");
    json_decref(all);
    a = find(as, "00:11:00:00:00:03", &all);
    assert_non_null(a);
    assert_true(has_ip(a, "10.0.0.3"));
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 0); /* never sent */
    json_decref(all);
    a = find(as, "00:11:22:00:00:04", &all);
    assert_int_equal(json_array_size(json_object_get(a, "ips")), 0);
    json_decref(all);
    assert_null(find(as, "00:11:22:00:00:99", &all));
    json_decref(all);
    nw_assets_free(as);
}

/* A DHCP reply payload (BOOTP + magic cookie + option 53). */
static size_t dhcp_payload(uint8_t *buf, uint8_t msg_type, const char *chaddr, const char *yiaddr)
{
    memset(buf, 0, 300);
    buf[0] = 2; /* BOOTREPLY */
    buf[1] = 1;
    buf[2] = 6;
    memcpy(buf + 16, yiaddr, 4);
    memcpy(buf + 28, chaddr, 6);
    memcpy(buf + 236, "\x63\x82\x53\x63", 4);
    buf[240] = 53;
    buf[241] = 1;
    buf[242] = msg_type;
    buf[243] = 255;
    return 244;
}

static void test_dhcp(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    /* DHCPREQUEST from 0.0.0.0 with a host name: the client is an asset, with no address */
    struct nw_packet p =
        ip4(MAC_PLC, MAC_BCAST, "0.0.0.0", 68, "255.255.255.255", 67, IPPROTO_UDP, T0);
    p.app = NW_APP_DHCP;
    p.name_kind = NW_NAME_DHCP;
    snprintf(p.name, sizeof(p.name), "plc-01");
    p.name_len = 6;
    memcpy(p.dhcp_mac, MAC_PLC, 6);
    assert_true(nw_assets_observe(as, &p, NULL, 0));
    /* the server's OFFER does not vouch, its ACK does */
    uint8_t pl[300];
    p = ip4(MAC_SRV, MAC_BCAST, "10.0.0.254", 67, "255.255.255.255", 68, IPPROTO_UDP, T0 + 1);
    p.app = NW_APP_DHCP;
    p.payload = pl;
    p.payload_len = (uint32_t)dhcp_payload(pl, 2, MAC_PLC, "\x0a\x00\x00\x4d");
    nw_assets_observe(as, &p, NULL, 0);
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_int_equal(json_array_size(json_object_get(a, "ips")), 0);
    assert_true(has_name(a, "plc-01", "dhcp"));
    json_decref(all);
    p.payload_len = (uint32_t)dhcp_payload(pl, 5, MAC_PLC, "\x0a\x00\x00\x4d");
    p.ts_ns = T0 + S(1);
    nw_assets_observe(as, &p, NULL, 0);
    /* a truncated ACK is read within its bounds and vouches for nothing */
    p.payload_len = 241;
    pl[16 + 3] = 0x4e;
    nw_assets_observe(as, &p, NULL, 0);
    a = find(as, "00:0e:8c:00:00:01", &all);
    assert_true(has_ip(a, "10.0.0.77"));
    assert_false(has_ip(a, "10.0.0.78"));
    json_decref(all);
    /* a DHCP name relayed by another device still belongs to the client's MAC */
    p = ip4(MAC_RTR, MAC_SRV, "10.0.1.1", 67, "10.0.0.254", 67, IPPROTO_UDP, T0 + S(2));
    p.name_kind = NW_NAME_DHCP;
    snprintf(p.name, sizeof(p.name), "hmi-7");
    memcpy(p.dhcp_mac, MAC_HMI, 6);
    nw_assets_observe(as, &p, NULL, 0);
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_non_null(a);
    assert_true(has_name(a, "hmi-7", "dhcp"));
    json_decref(all);
    a = find(as, "00:11:22:00:00:04", &all);
    assert_int_equal(json_array_size(json_object_get(a, "names")), 0);
    json_decref(all);
    nw_assets_free(as);
}

/* Regression (real capture beckoff_beckoffiplink.pcapng): a DHCPv6 client's DUID carries the
 * link-layer address of the interface it was made on, not the MAC the client sends from. The
 * name belongs to the sender, and a DUID never makes a device of its own. */
static void test_dhcpv6_duid(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_packet p = l2(MAC_PLC, "\x33\x33\x00\x01\x00\x02", 0x86dd, T0);
    p.ip_version = 6;
    p.l4_proto = IPPROTO_UDP;
    assert_int_equal(inet_pton(AF_INET6, "fe80::20e:8cff:fe00:1", p.src_ip), 1);
    assert_int_equal(inet_pton(AF_INET6, "ff02::1:2", p.dst_ip), 1);
    p.flags = NW_PF_L4;
    p.sport = 546;
    p.dport = 547;
    p.app = NW_APP_DHCPV6;
    p.role = NW_ROLE_CLIENT;
    p.name_kind = NW_NAME_DHCP;
    snprintf(p.name, sizeof(p.name), "ws-1");
    p.name_len = 4;
    memcpy(p.dhcp_mac, MAC_HMI, 6); /* the DUID's address: another NIC */
    nw_assets_observe(as, &p, NULL, 0);
    /* a server's reply naming a client MAC never seen */
    p.role = NW_ROLE_SERVER;
    memcpy(p.src_mac, MAC_SRV, 6);
    memcpy(p.dhcp_mac, MAC_RTR, 6);
    p.ts_ns = T0 + S(1);
    nw_assets_observe(as, &p, NULL, 0);
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_non_null(a);
    assert_true(has_name(a, "ws-1", "dhcp"));
    json_decref(all);
    assert_null(find(as, "00:00:bc:00:00:02", &all));
    json_decref(all);
    assert_null(find(as, "00:11:22:00:00:04", &all));
    json_decref(all);
    assert_int_equal(nw_assets_count(as), 2); /* the client and the server */
    nw_assets_free(as);
}

static void test_names(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_packet p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50000, IPPROTO_TCP, T0);
    nw_assets_observe(as, &p, NULL, 0);
    p = ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50000, "10.0.0.1", 502, IPPROTO_TCP, T0);
    nw_assets_observe(as, &p, NULL, 0);
    /* a DNS query names what is looked for, not the asker */
    p = ip4(MAC_HMI, MAC_SRV, "10.0.0.2", 40000, "10.0.0.53", 53, IPPROTO_UDP, T0 + 1);
    p.app = NW_APP_DNS;
    p.name_kind = NW_NAME_DNS_QUERY;
    snprintf(p.name, sizeof(p.name), "plc.example");
    nw_assets_observe(as, &p, NULL, 0);
    /* the answer names the address it carries */
    p = ip4(MAC_SRV, MAC_HMI, "10.0.0.53", 53, "10.0.0.2", 40000, IPPROTO_UDP, T0 + 2);
    p.app = NW_APP_DNS;
    p.flags |= NW_PF_DNS_RESPONSE;
    p.name_kind = NW_NAME_DNS_ANSWER;
    snprintf(p.name, sizeof(p.name), "plc.example");
    p.name_addr_family = 4;
    memcpy(p.name_addr, "\x0a\x00\x00\x01", 4);
    nw_assets_observe(as, &p, NULL, 0);
    /* TLS SNI and HTTP Host name the server (the destination) */
    p = ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50001, "10.0.0.1", 443, IPPROTO_TCP, T0 + 3);
    p.name_kind = NW_NAME_TLS_SNI;
    snprintf(p.name, sizeof(p.name), "plc-web.example");
    nw_assets_observe(as, &p, NULL, 0);
    /* an mDNS response names its sender; an mDNS query does not */
    p = ip4(MAC_HMI, "\x01\x00\x5e\x00\x00\xfb", "10.0.0.2", 5353, "224.0.0.251", 5353, IPPROTO_UDP,
            T0 + 4);
    p.name_kind = NW_NAME_MDNS;
    snprintf(p.name, sizeof(p.name), "looked-for.local");
    nw_assets_observe(as, &p, NULL, 0);
    p.flags |= NW_PF_DNS_RESPONSE;
    snprintf(p.name, sizeof(p.name), "hmi.local");
    nw_assets_observe(as, &p, NULL, 0);
    /* a name for an address nobody holds is counted */
    p = ip4(MAC_HMI, MAC_RTR, "10.0.0.2", 50002, "192.0.2.80", 80, IPPROTO_TCP, T0 + 5);
    p.name_kind = NW_NAME_HTTP_HOST;
    snprintf(p.name, sizeof(p.name), "far.example");
    nw_assets_observe(as, &p, NULL, 0);

    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_true(has_name(a, "plc.example", "dns"));
    assert_true(has_name(a, "plc-web.example", "tls"));
    assert_int_equal(json_array_size(json_object_get(a, "names")), 2);
    json_decref(all);
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_true(has_name(a, "hmi.local", "mdns"));
    assert_int_equal(json_array_size(json_object_get(a, "names")), 1);
    json_decref(all);
    struct nw_assets_stats st;
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.names_unattached, 1); /* far.example (queries are not counted) */
    nw_assets_free(as);
}

static void test_served_used_roles(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_flows *ft;
    assert_int_equal(nw_flows_new(NULL, &ft), 0);
    int dir;
    bool created;
    /* HMI polls the PLC over Modbus/TCP: the first packet is a SYN without identification */
    struct nw_packet p = ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50000, "10.0.0.1", 502, IPPROTO_TCP, T0);
    p.tcp_flags = 0x02;
    struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50000, IPPROTO_TCP, T0 + 1);
    p.tcp_flags = 0x12;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    p = ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50000, "10.0.0.1", 502, IPPROTO_TCP, T0 + 2);
    p.tcp_flags = 0x18;
    p.app = NW_APP_MODBUS;
    p.role = NW_ROLE_CLIENT;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50000, IPPROTO_TCP, T0 + 3);
    p.tcp_flags = 0x18;
    p.app = NW_APP_MODBUS;
    p.role = NW_ROLE_SERVER;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    /* the PLC also answers S7 (no flow given: the packet's role decides) */
    p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 102, "10.0.0.2", 50001, IPPROTO_TCP, T0 + 4);
    p.app = NW_APP_S7;
    p.role = NW_ROLE_SERVER;
    nw_assets_observe(as, &p, NULL, 0);
    /* and asks DNS over UDP */
    p = ip4(MAC_PLC, MAC_SRV, "10.0.0.1", 40000, "10.0.0.53", 53, IPPROTO_UDP, T0 + 5);
    p.app = NW_APP_DNS;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);

    char modbus_server[64], modbus_client[64], s7_server[64];
    snprintf(modbus_server, sizeof(modbus_server), "%s-server", nw_app_name(NW_APP_MODBUS));
    snprintf(modbus_client, sizeof(modbus_client), "%s-client", nw_app_name(NW_APP_MODBUS));
    snprintf(s7_server, sizeof(s7_server), "%s-server", nw_app_name(NW_APP_S7));
    const char *modbus = nw_app_name(NW_APP_MODBUS);

    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    json_t *served = json_object_get(a, "protocols_served");
    /* one entry for 502, its app filled in once identified */
    assert_int_equal(json_array_size(served), 2);
    assert_true(has_proto(a, "protocols_served", modbus, "tcp", 502));
    assert_true(has_proto(a, "protocols_served", nw_app_name(NW_APP_S7), "tcp", 102));
    assert_true(has_proto(a, "protocols_used", nw_app_name(NW_APP_DNS), "udp", 53));
    assert_int_equal(json_array_size(json_object_get(a, "protocols_used")), 1);
    assert_true(has_string(json_object_get(a, "roles"), modbus_server));
    assert_true(has_string(json_object_get(a, "roles"), s7_server));
    assert_false(has_string(json_object_get(a, "roles"), modbus_client));
    assert_false(json_is_true(json_object_get(a, "udp_only")));
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 4);
    assert_int_equal(json_integer_value(json_object_get(a, "bytes")), 400);
    json_decref(all);
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_true(has_proto(a, "protocols_used", modbus, "tcp", 502));
    assert_int_equal(json_array_size(json_object_get(a, "protocols_served")), 0);
    assert_true(has_string(json_object_get(a, "roles"), modbus_client));
    assert_int_equal(json_array_size(json_object_get(a, "roles")), 1);
    json_decref(all);
    /* the DNS server never sent: not an asset */
    assert_null(find(as, "00:11:00:00:00:03", &all));
    json_decref(all);
    nw_flows_free(ft);
    nw_assets_free(as);
}

static void test_ips_over_time(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_packet p = ip4(MAC_PLC, MAC_HMI, "10.0.0.5", 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
    nw_assets_observe(as, &p, NULL, 0);
    p.ts_ns = T0 + S(60);
    nw_assets_observe(as, &p, NULL, 0);
    p = ip4(MAC_PLC, MAC_HMI, "10.0.0.6", 1, "10.0.0.2", 2, IPPROTO_UDP, T0 + S(3600));
    nw_assets_observe(as, &p, NULL, 0);
    p.ts_ns = T0 + S(7200);
    nw_assets_observe(as, &p, NULL, 0);
    /* an IPv6 link-local address too */
    p = ip4(MAC_PLC, MAC_HMI, "10.0.0.6", 1, "10.0.0.2", 2, IPPROTO_UDP, T0 + S(7300));
    p.ip_version = 6;
    inet_pton(AF_INET6, "fe80::20e:8cff:fe00:1", p.src_ip);
    inet_pton(AF_INET6, "ff02::1", p.dst_ip);
    nw_assets_observe(as, &p, NULL, 0);

    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    json_t *ips = json_object_get(a, "ips");
    assert_int_equal(json_array_size(ips), 3);
    json_t *e = json_array_get(ips, 0); /* in the order they appeared */
    assert_string_equal(json_string_value(json_object_get(e, "ip")), "10.0.0.5");
    assert_string_equal(json_string_value(json_object_get(e, "first_seen")),
                        "2026-01-01T00:00:00Z");
    assert_string_equal(json_string_value(json_object_get(e, "last_seen")), "2026-01-01T00:01:00Z");
    e = json_array_get(ips, 1);
    assert_string_equal(json_string_value(json_object_get(e, "ip")), "10.0.0.6");
    assert_string_equal(json_string_value(json_object_get(e, "first_seen")),
                        "2026-01-01T01:00:00Z");
    assert_string_equal(json_string_value(json_object_get(e, "last_seen")), "2026-01-01T02:00:00Z");
    e = json_array_get(ips, 2);
    assert_string_equal(json_string_value(json_object_get(e, "ip")), "fe80::20e:8cff:fe00:1");
    assert_string_equal(json_string_value(json_object_get(a, "first_seen")),
                        "2026-01-01T00:00:00Z");
    assert_string_equal(json_string_value(json_object_get(a, "last_seen")), "2026-01-01T02:01:40Z");
    assert_true(json_is_true(json_object_get(a, "udp_only")));
    json_decref(all);

    /* past 16 addresses the one seen longest ago makes room */
    for (int i = 0; i < 20; i++) {
        char ip[32];
        snprintf(ip, sizeof(ip), "10.1.0.%d", i + 1);
        struct nw_packet arp = l2(MAC_SRV, MAC_HMI, 0x0806, T0 + S(i));
        arp.arp_op = 2;
        memcpy(arp.arp_sha, MAC_SRV, 6);
        inet_pton(AF_INET, ip, arp.arp_spa);
        nw_assets_observe(as, &arp, NULL, 0); /* vouched addresses do not make a router */
    }
    a = find(as, "00:11:00:00:00:03", &all);
    assert_int_equal(json_array_size(json_object_get(a, "ips")), 16);
    assert_false(has_ip(a, "10.1.0.4"));
    assert_true(has_ip(a, "10.1.0.5"));
    assert_true(has_ip(a, "10.1.0.20"));
    assert_false(json_is_true(json_object_get(a, "router")));
    json_decref(all);
    struct nw_assets_stats st;
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.ips_replaced, 4);
    nw_assets_free(as);
}

static void test_never_assets(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_packet p = ip4(MAC_BCAST, MAC_HMI, "10.0.0.9", 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
    assert_false(nw_assets_observe(as, &p, NULL, 0));
    p = ip4("\x01\x00\x5e\x00\x00\x01", MAC_HMI, "10.0.0.9", 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
    assert_false(nw_assets_observe(as, &p, NULL, 0));
    p = ip4("\x00\x00\x00\x00\x00\x00", MAC_HMI, "10.0.0.9", 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
    assert_false(nw_assets_observe(as, &p, NULL, 0));
    /* an ARP reply vouching for the broadcast MAC or a multicast address does nothing */
    p = l2(MAC_HMI, MAC_BCAST, 0x0806, T0);
    p.arp_op = 2;
    memcpy(p.arp_sha, MAC_BCAST, 6);
    memcpy(p.arp_spa, "\x0a\x00\x00\x07", 4);
    nw_assets_observe(as, &p, NULL, 0);
    memcpy(p.arp_sha, MAC_HMI, 6);
    memcpy(p.arp_spa, "\xe0\x00\x00\x01", 4);
    nw_assets_observe(as, &p, NULL, 0);
    assert_int_equal(nw_assets_count(as), 1); /* the HMI, from its own frame */
    /* unusable source addresses are no asset addresses */
    static const char *bad[] = {"0.0.0.0", "255.255.255.255", "224.0.0.5", "127.0.0.1",
                                "239.255.255.250"};
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++) {
        p = ip4(MAC_PLC, MAC_HMI, bad[i], 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
        nw_assets_observe(as, &p, NULL, 0);
    }
    p = ip4(MAC_PLC, MAC_HMI, "0.0.0.0", 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
    p.ip_version = 6;
    memset(p.src_ip, 0, 16); /* :: */
    nw_assets_observe(as, &p, NULL, 0);
    inet_pton(AF_INET6, "ff02::fb", p.src_ip);
    nw_assets_observe(as, &p, NULL, 0);
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_int_equal(json_array_size(json_object_get(a, "ips")), 0);
    json_decref(all);
    /* raw IP (no MAC): keyed by address, which must be usable */
    p = ip4(MAC_PLC, MAC_HMI, "255.255.255.255", 1, "10.0.0.2", 2, IPPROTO_UDP, T0);
    p.has_mac = false;
    assert_false(nw_assets_observe(as, &p, NULL, 0));
    inet_pton(AF_INET, "192.168.5.5", p.src_ip);
    assert_true(nw_assets_observe(as, &p, NULL, 0));
    a = find(as, "192.168.5.5", &all);
    assert_non_null(a);
    assert_true(json_is_null(json_object_get(a, "mac")));
    assert_true(has_ip(a, "192.168.5.5"));
    json_decref(all);
    nw_assets_free(as);
}

static void test_l2_only_and_vlans(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_flows *ft;
    assert_int_equal(nw_flows_new(NULL, &ft), 0);
    int dir;
    bool created;
    /* a PROFINET IO device: cyclic RT frames and a DCP identify response, no IP at all */
    struct nw_packet p = l2(MAC_PLC, MAC_HMI, 0x8892, T0);
    p.vlan_count = 1;
    p.vlan[0] = 100;
    p.app = NW_APP_PNRT;
    struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
    assert_true(nw_assets_observe(as, &p, f, dir));
    p = l2(MAC_PLC, MAC_HMI, 0x8892, T0 + S(1));
    p.vlan_count = 1;
    p.vlan[0] = 100;
    p.app = NW_APP_PNDCP;
    p.name_kind = NW_NAME_DCP;
    snprintf(p.name, sizeof(p.name), "conveyor-io-3");
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    /* a DCP identify request (multicast) names the station looked for, not its sender */
    p = l2(MAC_HMI, "\x01\x0e\xcf\x00\x00\x00", 0x8892, T0 + S(2));
    p.app = NW_APP_PNDCP;
    p.name_kind = NW_NAME_DCP;
    snprintf(p.name, sizeof(p.name), "wanted-station");
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    /* GOOSE publisher on VLAN 5 and 6 */
    p = l2(MAC_SRV, "\x01\x0c\xcd\x01\x00\x01", 0x88b8, T0);
    p.vlan_count = 1;
    p.vlan[0] = 6;
    p.app = NW_APP_GOOSE;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    p.vlan[0] = 5;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);
    p.vlan[0] = 6;
    f = nw_flows_update(ft, &p, &dir, &created);
    nw_assets_observe(as, &p, f, dir);

    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_true(json_is_true(json_object_get(a, "l2_only")));
    assert_false(json_is_true(json_object_get(a, "udp_only")));
    assert_true(has_name(a, "conveyor-io-3", "dcp"));
    assert_int_equal(json_array_size(json_object_get(a, "names")), 1);
    json_t *l2p = json_object_get(a, "l2_protocols");
    assert_int_equal(json_array_size(l2p), 1); /* one EtherType, its app the first seen */
    assert_string_equal(json_string_value(json_object_get(json_array_get(l2p, 0), "ethertype")),
                        "0x8892");
    assert_string_equal(json_string_value(json_object_get(json_array_get(l2p, 0), "app")),
                        nw_app_name(NW_APP_PNRT));
    assert_int_equal(json_array_size(json_object_get(a, "vlans")), 1);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(a, "vlans"), 0)), 100);
    json_decref(all);
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_int_equal(json_array_size(json_object_get(a, "names")), 0);
    json_decref(all);
    a = find(as, "00:11:00:00:00:03", &all);
    json_t *vl = json_object_get(a, "vlans");
    assert_int_equal(json_array_size(vl), 2);
    assert_int_equal(json_integer_value(json_array_get(vl, 0)), 5); /* sorted */
    assert_int_equal(json_integer_value(json_array_get(vl, 1)), 6);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(a, "l2_protocols"), 0), "app")),
                        nw_app_name(NW_APP_GOOSE));
    json_decref(all);
    nw_flows_free(ft);
    nw_assets_free(as);
}

static void test_router_rule(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    /* up to 8 distinct IPv4 sources behind one MAC are its own; the 9th makes it a router
     * and, from then on, new sources are hosts behind it */
    char ip[32];
    for (int i = 1; i <= 10; i++) {
        snprintf(ip, sizeof(ip), "192.0.2.%d", i);
        struct nw_packet p =
            ip4(MAC_RTR, MAC_HMI, ip, 443, "10.0.0.2", 50000, IPPROTO_TCP, T0 + S(i));
        bool is_new = nw_assets_observe(as, &p, NULL, 0);
        assert_int_equal(is_new, i == 1 || i >= 9);
        assert_false(nw_assets_observe(as, &p, NULL, 0));
    }
    assert_int_equal(nw_assets_count(as), 3);
    json_t *all, *a = find(as, "00:11:22:00:00:04", &all);
    assert_true(json_is_true(json_object_get(a, "router")));
    assert_int_equal(json_array_size(json_object_get(a, "ips")), 8);
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 20);
    json_decref(all);
    a = find(as, "192.0.2.9", &all);
    assert_non_null(a);
    assert_true(json_is_null(json_object_get(a, "mac")));
    assert_string_equal(json_string_value(json_object_get(a, "via")), "00:11:22:00:00:04");
    assert_true(has_ip(a, "192.0.2.9"));
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 2);
    json_decref(all);
    /* an address the router already had stays the router's */
    struct nw_packet p =
        ip4(MAC_RTR, MAC_HMI, "192.0.2.3", 443, "10.0.0.2", 50000, IPPROTO_TCP, T0 + S(20));
    assert_false(nw_assets_observe(as, &p, NULL, 0));
    assert_int_equal(nw_assets_count(as), 3);
    nw_assets_free(as);
}

static void test_cap(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(4);
    for (int i = 0; i < 10; i++) {
        uint8_t mac[6] = {0x00, 0x0e, 0x8c, 0, 0, (uint8_t)(i + 1)};
        struct nw_packet p = l2((const char *)mac, MAC_BCAST, 0x88cc, T0);
        assert_int_equal(nw_assets_observe(as, &p, NULL, 0), i < 4);
    }
    assert_int_equal(nw_assets_count(as), 4);
    struct nw_assets_stats st;
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.assets, 4);
    assert_int_equal(st.dropped, 6);
    nw_assets_free(as);
    /* many devices: the index and the chunks hold up (ids stay stable across chunks) */
    as = new_inv(0);
    for (int i = 0; i < 3000; i++) {
        uint8_t mac[6] = {0x00, 0x0e, 0x8c, 0, (uint8_t)(i >> 8), (uint8_t)i};
        char ipb[32];
        snprintf(ipb, sizeof(ipb), "10.2.%d.%d", i >> 8, i & 255);
        struct nw_packet p =
            ip4((const char *)mac, MAC_BCAST, ipb, 1, "10.0.0.1", 2, IPPROTO_UDP, T0 + i);
        assert_true(nw_assets_observe(as, &p, NULL, 0));
    }
    for (int i = 0; i < 3000; i += 7) {
        uint8_t mac[6] = {0x00, 0x0e, 0x8c, 0, (uint8_t)(i >> 8), (uint8_t)i};
        struct nw_packet p = l2((const char *)mac, MAC_BCAST, 0x88cc, T0);
        assert_false(nw_assets_observe(as, &p, NULL, 0));
    }
    assert_int_equal(nw_assets_count(as), 3000);
    nw_assets_free(as);
}

static void test_exports(void **state)
{
    (void)state;
    struct nw_assets_opts o = {.oui = oui, .archive_days = 30};
    struct nw_assets *as;
    assert_int_equal(nw_assets_new(&o, &as), 0);
    struct nw_packet p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50000, IPPROTO_TCP, T0);
    p.app = NW_APP_MODBUS;
    p.role = NW_ROLE_SERVER;
    p.vlan_count = 1;
    p.vlan[0] = 10;
    nw_assets_observe(as, &p, NULL, 0);
    p = ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50000, "10.0.0.1", 502, IPPROTO_TCP, T0 + S(40 * 86400));
    p.name_kind = NW_NAME_DHCP;
    snprintf(p.name, sizeof(p.name), "=cmd|' /C calc'!A0,\"x\"");
    memcpy(p.dhcp_mac, MAC_HMI, 6);
    nw_assets_observe(as, &p, NULL, 0);
    p = ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50000, "10.0.0.1", 502, IPPROTO_TCP, T0);
    p.has_mac = false; /* raw IP: an IP-keyed asset */
    inet_pton(AF_INET, "10.9.0.1", p.src_ip);
    nw_assets_observe(as, &p, NULL, 0);

    assert_int_equal(nw_assets_set_status(as, "00:0e:8c:00:00:01", "authorised"), 0);
    assert_int_equal(nw_assets_set_status(as, "00:00:BC:00:00:02", "unauthorised\n"), 0);
    assert_int_equal(nw_assets_set_status(as, "00:11:00:00:00:03", "x"), AG_ENOTFOUND);
    assert_int_equal(nw_assets_set_status(as, "not-an-id", "x"), AG_EINVAL);

    json_t *all;
    assert_int_equal(nw_assets_to_json(as, &all), 0);
    assert_int_equal(json_array_size(all), 3);
    /* sorted: MACs (bytes), then IPs */
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 0), "id")),
                        "00:00:bc:00:00:02");
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 1), "id")),
                        "00:0e:8c:00:00:01");
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 2), "id")),
                        "10.9.0.1");
    json_t *plc = json_array_get(all, 1);
    static const char *fields[] = {"id",
                                   "mac",
                                   "vendor",
                                   "via",
                                   "ips",
                                   "names",
                                   "vlans",
                                   "protocols_served",
                                   "protocols_used",
                                   "l2_protocols",
                                   "roles",
                                   "first_seen",
                                   "last_seen",
                                   "packets",
                                   "bytes",
                                   "l2_only",
                                   "udp_only",
                                   "router",
                                   "status",
                                   "archived"};
    for (size_t i = 0; i < AG_ARRAY_LEN(fields); i++)
        if (!json_object_get(plc, fields[i]))
            fail_msg("field %s missing", fields[i]);
    assert_int_equal(json_object_size(plc), AG_ARRAY_LEN(fields));
    assert_string_equal(json_string_value(json_object_get(plc, "status")), "authorised");
    /* idle 40 days before the latest packet: archived */
    assert_true(json_is_true(json_object_get(plc, "archived")));
    assert_false(json_is_true(json_object_get(json_array_get(all, 0), "archived")));
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 0), "status")),
                        "unauthorised?");
    assert_string_equal(json_string_value(json_object_get(json_array_get(all, 2), "status")),
                        "observed");
    if (oui)
        assert_string_equal(json_string_value(json_object_get(plc, "vendor")), "Siemens AG");
    json_decref(all);

    struct strbuf sb;
    strbuf_init(&sb, 0);
    nw_assets_to_csv(as, &sb);
    assert_true(strbuf_ok(&sb));
    const char *csv = strbuf_str(&sb);
    const char *header = "id,mac,vendor,via,ips,names,vlans,protocols_served,protocols_used,"
                         "l2_protocols,roles,first_seen,last_seen,packets,bytes,l2_only,"
                         "udp_only,router,status,archived\n";
    assert_true(strncmp(csv, header, strlen(header)) == 0);
    const char *l1 = csv + strlen(header);
    /* the HMI's DHCP name: quoted, quotes doubled, a formula defused */
    assert_non_null(strstr(l1, "\"'=cmd|' /C calc'!A0,\"\"x\"\" (dhcp)\""));
    const char *l2line = strchr(l1, '\n') + 1;
    char want[512];
    char modbus[64];
    snprintf(modbus, sizeof(modbus), "%s", nw_app_name(NW_APP_MODBUS));
    snprintf(want, sizeof(want),
             "\"00:0e:8c:00:00:01\",\"00:0e:8c:00:00:01\",\"%s\",\"\",\"10.0.0.1\",\"\",\"10\","
             "\"%s:tcp/502\",\"\",\"\",\"%s-server\",\"2026-01-01T00:00:00Z\","
             "\"2026-01-01T00:00:00Z\",\"1\",\"100\",\"false\",\"false\",\"false\","
             "\"authorised\",\"true\"\n",
             oui ? "Siemens AG" : "", modbus, modbus);
    assert_true(strncmp(l2line, want, strlen(want)) == 0);
    const char *l3 = strchr(l2line, '\n') + 1;
    assert_true(strncmp(l3, "\"10.9.0.1\",\"\",\"\",\"\",\"10.9.0.1\",", 30) == 0);
    assert_null(strchr(strchr(l3, '\n') + 1, '\n')); /* three rows */
    strbuf_release(&sb);

    /* an empty inventory: an empty array, a header alone */
    nw_assets_free(as);
    assert_int_equal(nw_assets_new(NULL, &as), 0);
    assert_int_equal(nw_assets_to_json(as, &all), 0);
    assert_int_equal(json_array_size(all), 0);
    json_decref(all);
    strbuf_init(&sb, 0);
    nw_assets_to_csv(as, &sb);
    assert_string_equal(strbuf_str(&sb), header);
    strbuf_release(&sb);
    nw_assets_free(as);
}

/* The flow's hint (nw_flow.hint) saves the look-up of a direction's sender, but a flow whose
 * sender MAC changes (a man in the middle forwarding it, a second router) still gets the new
 * device: the hint is checked, never trusted. */
static void test_flow_hint(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_flow f;
    memset(&f, 0, sizeof(f));
    f.ethertype = 0x88b8; /* a GOOSE flow */
    struct nw_packet p = l2(MAC_HMI, MAC_PLC, 0x88b8, T0);
    assert_true(nw_assets_observe(as, &p, &f, 0));
    assert_int_not_equal(f.hint[0], 0);
    uint32_t hmi = f.hint[0];
    assert_false(nw_assets_observe(as, &p, &f, 0));
    p = l2(MAC_SRV, MAC_PLC, 0x88b8, T0 + S(1)); /* same flow, same direction, another MAC */
    assert_true(nw_assets_observe(as, &p, &f, 0));
    assert_int_equal(nw_assets_count(as), 2);
    assert_int_not_equal(f.hint[0], hmi);
    p = l2(MAC_HMI, MAC_PLC, 0x88b8, T0 + S(2));
    assert_false(nw_assets_observe(as, &p, &f, 0));
    assert_int_equal(f.hint[0], hmi);
    f.hint[1] = 12345; /* a stale hint past the assets: ignored */
    p = l2(MAC_PLC, MAC_HMI, 0x88b8, T0 + S(3));
    assert_true(nw_assets_observe(as, &p, &f, 1));
    assert_int_equal(nw_assets_count(as), 3);
    /* a direction with nothing new (hint[4]) still counts its packets, and what changes (the
     * VLAN) is recorded */
    assert_int_not_equal(f.hint[4], 0);
    p = l2(MAC_HMI, MAC_PLC, 0x88b8, T0 + S(4));
    p.vlan_count = 1;
    p.vlan[0] = 30;
    nw_assets_observe(as, &p, &f, 0);
    p.ts_ns = T0 + S(5);
    nw_assets_observe(as, &p, &f, 0);
    json_t *all, *ha = find(as, "00:00:bc:00:00:02", &all);
    assert_non_null(ha);
    assert_int_equal(json_integer_value(json_object_get(ha, "packets")), 5);
    json_t *vl = json_object_get(ha, "vlans");
    assert_int_equal(json_array_size(vl), 1);
    assert_int_equal(json_integer_value(json_array_get(vl, 0)), 30);
    json_decref(all);
    /* the other MAC of the same direction had its own facts recorded (the signature of the
     * HMI's packets says nothing about it) */
    json_t *sa = find(as, "00:11:00:00:00:03", &all);
    assert_non_null(sa);
    json_t *l2p = json_object_get(sa, "l2_protocols");
    assert_int_equal(json_array_size(l2p), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(l2p, 0), "ethertype")),
                        "0x88b8");
    json_decref(all);
    nw_assets_free(as);
}

/* A DNS answer naming addr (4 bytes), sent by the DNS server. */
static struct nw_packet dns_answer(const char *name, const char *addr, int64_t ts)
{
    struct nw_packet p = ip4(MAC_SRV, MAC_HMI, "10.0.0.53", 53, "10.0.0.2", 40000, IPPROTO_UDP, ts);
    p.app = NW_APP_DNS;
    p.flags |= NW_PF_DNS_RESPONSE;
    p.name_kind = NW_NAME_DNS_ANSWER;
    snprintf(p.name, sizeof(p.name), "%s", name);
    p.name_addr_family = 4;
    assert_int_equal(inet_pton(AF_INET, addr, p.name_addr), 1);
    return p;
}

/* Both indexes hold an asset's id + 1 (0 is an empty slot, so they start as untouched zero
 * pages): the first asset, id 0, is found by its key and by its addresses, and leaves the
 * address index when its address is replaced or taken over. */
static void test_empty_slot_id0(void **state)
{
    (void)state;
    struct nw_assets *as = new_inv(0);
    struct nw_packet p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 1, IPPROTO_TCP, T0);
    assert_true(nw_assets_observe(as, &p, NULL, 0)); /* id 0 */
    assert_false(nw_assets_observe(as, &p, NULL, 0));
    assert_int_equal(nw_assets_count(as), 1);
    assert_int_equal(nw_assets_set_status(as, "00:0e:8c:00:00:01", "authorised"), 0);
    assert_int_equal(nw_assets_set_status(as, "00:0e:8c:00:00:09", "authorised"), AG_ENOTFOUND);
    p = dns_answer("plc.example", "10.0.0.1", T0 + 1); /* the address of id 0 */
    nw_assets_observe(as, &p, NULL, 0);
    p = dns_answer("nobody.example", "10.0.0.99", T0 + 1);
    nw_assets_observe(as, &p, NULL, 0);
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_true(has_name(a, "plc.example", "dns"));
    assert_string_equal(json_string_value(json_object_get(a, "status")), "authorised");
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 2);
    json_decref(all);
    struct nw_assets_stats st;
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.names_unattached, 1);

    /* 16 newer addresses vouched for id 0 push 10.0.0.1 out of its list and of the index */
    for (int i = 0; i < 16; i++) {
        char ip[32];
        snprintf(ip, sizeof(ip), "10.0.1.%d", i + 1);
        struct nw_packet arp = l2(MAC_PLC, MAC_HMI, 0x0806, T0 + S(i + 1));
        arp.arp_op = 2;
        memcpy(arp.arp_sha, MAC_PLC, 6);
        inet_pton(AF_INET, ip, arp.arp_spa);
        nw_assets_observe(as, &arp, NULL, 0);
    }
    p = dns_answer("gone.example", "10.0.0.1", T0 + S(20));
    nw_assets_observe(as, &p, NULL, 0);
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.ips_replaced, 1);
    assert_int_equal(st.names_unattached, 2);
    /* an address of id 0 shown by another device (id 2) is that device's from then on */
    p = ip4(MAC_HMI, MAC_PLC, "10.0.1.5", 1, "10.0.0.1", 502, IPPROTO_TCP, T0 + S(21));
    assert_true(nw_assets_observe(as, &p, NULL, 0));
    p = dns_answer("moved.example", "10.0.1.5", T0 + S(22));
    nw_assets_observe(as, &p, NULL, 0);
    p = dns_answer("still.example", "10.0.1.6", T0 + S(22));
    nw_assets_observe(as, &p, NULL, 0);
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_true(has_name(a, "moved.example", "dns"));
    json_decref(all);
    a = find(as, "00:0e:8c:00:00:01", &all);
    assert_false(has_name(a, "moved.example", "dns"));
    assert_true(has_name(a, "still.example", "dns"));
    assert_false(has_name(a, "gone.example", "dns"));
    json_decref(all);
    nw_assets_free(as);
}

/* ---- the steady fast path of nw_assets_observe against the full path ---- */

/* Feeds the packet to two inventories: `fast` with the flow as the flow table keeps it (its
 * hints let steady packets take the fast path), `slow` with a copy whose hints are zero, so
 * that every packet takes the full path (look-up by key, every fact recorded again). */
static void observe_both(struct nw_assets *fast, struct nw_assets *slow, const struct nw_packet *p,
                         struct nw_flow *f, int dir)
{
    struct nw_flow copy;
    if (f) {
        copy = *f;
        memset(copy.hint, 0, sizeof(copy.hint));
    }
    bool a = nw_assets_observe(fast, p, f, dir);
    bool b = nw_assets_observe(slow, p, f ? &copy : NULL, dir);
    assert_int_equal(a, b);
}

/* Both inventories export the same JSON and CSV and count the same. */
static void assert_same(const struct nw_assets *fast, const struct nw_assets *slow)
{
    json_t *a, *b;
    assert_int_equal(nw_assets_to_json(fast, &a), 0);
    assert_int_equal(nw_assets_to_json(slow, &b), 0);
    char *ta = json_dumps(a, JSON_SORT_KEYS), *tb = json_dumps(b, JSON_SORT_KEYS);
    assert_non_null(ta);
    assert_non_null(tb);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    json_decref(a);
    json_decref(b);
    struct strbuf ca, cb;
    strbuf_init(&ca, 0);
    strbuf_init(&cb, 0);
    nw_assets_to_csv(fast, &ca);
    nw_assets_to_csv(slow, &cb);
    assert_true(strbuf_ok(&ca) && strbuf_ok(&cb));
    assert_string_equal(strbuf_str(&ca), strbuf_str(&cb));
    strbuf_release(&ca);
    strbuf_release(&cb);
    struct nw_assets_stats sa, sb;
    nw_assets_get_stats(fast, &sa);
    nw_assets_get_stats(slow, &sb);
    assert_memory_equal(&sa, &sb, sizeof(sa));
}

/* Two inventories fed the same packets through one flow table: `fast` with the flow's hints,
 * `slow` without (observe_both). */
struct twin {
    struct nw_assets *fast, *slow;
    struct nw_flows *ft;
};

static struct twin twin_new(void)
{
    struct twin t = {.fast = new_inv(0), .slow = new_inv(0)};
    assert_int_equal(nw_flows_new(NULL, &t.ft), 0);
    return t;
}

/* The packet through the flow table and both inventories. */
static void twin_feed(struct twin *t, const struct nw_packet *p)
{
    int dir;
    bool created;
    struct nw_flow *f = nw_flows_update(t->ft, p, &dir, &created);
    observe_both(t->fast, t->slow, p, f, dir);
}

/* Both recorded the same; frees them. */
static void twin_end(struct twin *t)
{
    assert_same(t->fast, t->slow);
    nw_flows_free(t->ft);
    nw_assets_free(t->fast);
    nw_assets_free(t->slow);
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rnd(uint32_t n)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return (uint32_t)(rnd_state >> 32) % n;
}

/* A random packet from a small world, as nw_decode and nw_identify leave it: 6 MACs (one a
 * group MAC, one all-zero), a router MAC sending from many addresses, 12 IPv4 and 4 IPv6
 * addresses (one unusable each), 8 + nports ports (past 32 a protocol list fills), VLANs, apps and
 * roles that change within a flow, ARP, names, DHCP ports, decode errors, links without MACs,
 * time that sometimes goes back. */
static struct nw_packet random_packet(int64_t *ts, uint32_t nports)
{
    /* the PLC's MAC but for its last byte; a MAC whose bytes are 10.0.0.1's */
    static const char *macs[] = {MAC_PLC,
                                 MAC_HMI,
                                 MAC_SRV,
                                 MAC_RTR,
                                 "\x00\x0e\x8c\x00\x00\x05",
                                 "\x0a\x00\x00\x01\x00\x00",
                                 MAC_BCAST,
                                 "\x00\x00\x00\x00\x00\x00"};
    static const uint16_t ports[] = {502, 102, 44818, 53, 67, 68, 80, 443};
    *ts += rnd(8) == 0 ? -(int64_t)rnd(3) * 1000000000LL : (int64_t)rnd(2000) * 1000000;
    int m = rnd(10) < 8 ? (int)rnd(6) : 6 + (int)rnd(2);
    struct nw_packet p = l2(macs[m], macs[rnd(6)], 0x0800, *ts);
    p.wire_len = 60 + rnd(1400);
    p.has_mac = rnd(16) != 0;
    if (!p.has_mac) { /* each field by itself: nw_packet's layout is decode's */
        memset(p.src_mac, 0, sizeof p.src_mac);
        memset(p.dst_mac, 0, sizeof p.dst_mac);
    }
    if (rnd(5) == 0) {
        p.vlan_count = (uint8_t)(1 + rnd(2));
        p.vlan[0] = (uint16_t)(rnd(3) * 10);
    }
    uint32_t kind = rnd(20);
    if (kind == 0) { /* ARP */
        p.ethertype = 0x0806;
        p.arp_op = (uint16_t)(1 + rnd(2));
        memcpy(p.arp_sha, rnd(4) ? (const void *)p.src_mac : (const void *)macs[rnd(6)], 6);
        uint8_t spa[4] = {10, 0, 0, (uint8_t)(1 + rnd(12))};
        memcpy(p.arp_spa, spa, 4);
        return p;
    }
    if (kind == 1) { /* no IP: PROFINET, GOOSE */
        p.ethertype = rnd(2) ? 0x8892 : 0x88b8;
        p.app = rnd(2) ? NW_APP_PNRT : NW_APP_GOOSE;
        return p;
    }
    p.ip_version = rnd(8) == 0 ? 6 : 4;
    if (p.ip_version == 4) {
        /* the router sends from 30 addresses, the others from 12 (the last unusable) */
        uint32_t host = m == 3 ? 100 + rnd(30) : rnd(12);
        uint8_t src[4] = {10, 0, 0, (uint8_t)(host + 1)};
        if (host == 11)
            src[0] = 224;
        memcpy(p.src_ip, src, 4);
        uint8_t dst[4] = {10, 0, 0, (uint8_t)(1 + rnd(12))};
        memcpy(p.dst_ip, dst, 4);
    } else {
        p.ethertype = 0x86dd;
        /* a00:1:: has 10.0.0.1's bytes */
        static const char *v6[] = {"fe80::1", "fe80::2", "a00:1::"};
        assert_int_equal(inet_pton(AF_INET6, v6[rnd(3)], p.src_ip), 1);
        assert_int_equal(inet_pton(AF_INET6, rnd(4) ? "fe80::3" : "::", p.dst_ip), 1);
    }
    p.l4_proto = rnd(10) == 0 ? IPPROTO_ICMP : rnd(2) ? IPPROTO_TCP : IPPROTO_UDP;
    if (p.l4_proto != IPPROTO_ICMP) {
        p.flags = NW_PF_L4;
        p.sport = rnd(3) == 0 ? ports[rnd(8)] : (uint16_t)(40000 + rnd(nports));
        p.dport = rnd(2) ? ports[rnd(8)] : (uint16_t)(40000 + rnd(nports));
        p.tcp_flags = p.l4_proto == IPPROTO_TCP ? (uint8_t)(rnd(3) == 0 ? 0x02 : 0x18) : 0;
    }
    if (rnd(3) == 0) {
        static const enum nw_app apps[] = {NW_APP_MODBUS, NW_APP_S7, NW_APP_DNS, NW_APP_DHCP};
        p.app = rnd(50) == 0 ? (enum nw_app)70 : apps[rnd(4)];
        p.role = (enum nw_role)rnd(3);
    }
    if (rnd(25) == 0) {
        static const enum nw_name_kind kinds[] = {NW_NAME_DNS_QUERY, NW_NAME_DNS_ANSWER,
                                                  NW_NAME_MDNS, NW_NAME_TLS_SNI};
        p.name_kind = kinds[rnd(4)];
        snprintf(p.name, sizeof(p.name), "host-%u.example", rnd(10));
        p.name_addr_family = rnd(2) ? 4 : 0;
        uint8_t na[4] = {10, 0, 0, (uint8_t)(1 + rnd(12))};
        memcpy(p.name_addr, na, 4);
    }
    if (rnd(40) == 0) { /* a decode error: an IP header it stopped at is no IP */
        p.err = rnd(2) ? NW_DERR_TRUNC_L4 : NW_DERR_TRUNC_IP;
        if (p.err == NW_DERR_TRUNC_IP && rnd(4)) { /* else as a careless caller leaves it */
            p.ip_version = 0;
            p.flags = 0;
            p.sport = p.dport = 0;
            p.l4_proto = 0;
        }
    }
    return p;
}

/* The fast path records exactly what the full path records, over random traffic through the
 * real flow table (and without flows, and with a small asset cap). */
static void test_fast_path_same(void **state)
{
    (void)state;
    for (int round = 0; round < 6; round++) {
        uint32_t cap = round == 5 ? 3 : 0, nports = round == 3 ? 60 : 4;
        int seen = 0;
        struct nw_assets *fast = new_inv(cap), *slow = new_inv(cap);
        struct nw_flows *ft;
        assert_int_equal(nw_flows_new(NULL, &ft), 0);
        int64_t ts = T0;
        int steady = 0;
        for (int i = 0; i < 20000; i++) {
            struct nw_packet p = random_packet(&ts, nports);
            int dir = 0;
            bool created = false;
            struct nw_flow *f = round == 4 ? NULL : nw_flows_update(ft, &p, &dir, &created);
            /* a burst of the same packet: the steady case */
            int n = rnd(4) == 0 ? 1 + (int)rnd(6) : 1;
            for (int k = 0; k < n; k++) {
                observe_both(fast, slow, &p, f, dir);
                seen++;
                if (f && f->hint[4 + (dir & 1)] != 0)
                    steady++;
                p.ts_ns += 1000;
                if (f && k + 1 < n)
                    f = nw_flows_update(ft, &p, &dir, &created);
            }
        }
        if (round < 3) /* the fast path had its chances (round 3: protocol lists full) */
            assert_true(steady > seen / 3);
        assert_same(fast, slow);
        nw_flows_free(ft);
        nw_assets_free(fast);
        nw_assets_free(slow);
    }
}

/* A flow whose sender MAC changes in the middle (a man in the middle forwarding it): the
 * steady hint of the first MAC never counts the second one's packets, and back again. */
static void test_hint_mac_changes(void **state)
{
    (void)state;
    struct twin t = twin_new();
    struct nw_assets *as = t.fast;
    const char *macs[3] = {MAC_PLC, MAC_SRV, MAC_PLC};
    int counts[3] = {5, 3, 4};
    int64_t ts = T0;
    for (int phase = 0; phase < 3; phase++) {
        for (int i = 0; i < counts[phase]; i++) {
            struct nw_packet p =
                ip4(macs[phase], MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50000, IPPROTO_TCP, ts);
            p.app = NW_APP_MODBUS;
            p.role = NW_ROLE_SERVER;
            ts += S(1);
            twin_feed(&t, &p);
        }
    }
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 9);
    assert_string_equal(json_string_value(json_object_get(a, "last_seen")), "2026-01-01T00:00:11Z");
    json_decref(all);
    a = find(as, "00:11:00:00:00:03", &all);
    assert_non_null(a);
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 3);
    assert_true(has_ip(a, "10.0.0.1"));
    assert_true(has_proto(a, "protocols_served", nw_app_name(NW_APP_MODBUS), "tcp", 502));
    json_decref(all);
    twin_end(&t);
}

/* A device that serves more ports than its list holds: 32 kept, the rest counted; its steady
 * flows keep counting packets, and a port already listed still takes the app identified later. */
static void test_protocols_full(void **state)
{
    (void)state;
    struct twin t = twin_new();
    struct nw_assets *as = t.fast;
    int64_t ts = T0;
    for (int port = 1; port <= 40; port++) {
        for (int i = 0; i < 3; i++) {
            struct nw_packet p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", (uint16_t)port, "10.0.0.2",
                                     50000, IPPROTO_UDP, ts++);
            p.role = NW_ROLE_SERVER; /* the flow's responder: the PLC serves the port */
            twin_feed(&t, &p);
        }
    }
    /* port 1 (listed) is identified as Modbus now */
    struct nw_packet p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 1, "10.0.0.2", 50000, IPPROTO_UDP, ts++);
    p.app = NW_APP_MODBUS;
    p.role = NW_ROLE_SERVER;
    twin_feed(&t, &p);
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    assert_int_equal(json_array_size(json_object_get(a, "protocols_served")), 32);
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 121);
    assert_true(has_proto(a, "protocols_served", nw_app_name(NW_APP_MODBUS), "udp", 1));
    assert_false(has_proto(a, "protocols_served", NULL, "udp", 33));
    json_decref(all);
    struct nw_assets_stats st;
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.protocols_dropped, 8); /* one per port past 32 (the same port again
                                                  is not counted again) */
    /* a listed port's steady flow between packets of an unlisted one: each of those finds
     * the list full again */
    for (int i = 0; i < 5; i++) {
        for (int port = 2; port <= 40; port += 38) {
            p = ip4(MAC_PLC, MAC_HMI, "10.0.0.1", (uint16_t)port, "10.0.0.2", 50000, IPPROTO_UDP,
                    ts++);
            p.role = NW_ROLE_SERVER;
            twin_feed(&t, &p);
        }
    }
    nw_assets_get_stats(as, &st);
    assert_int_equal(st.protocols_dropped, 13);
    twin_end(&t);
}

/* Within one steady flow direction, each thing the signature holds changes once: the role
 * (Modbus server, then client), the tag (untagged, then priority-tagged VLAN 0, recorded as
 * the device last sent on another VLAN), the time (a packet older than the device's first);
 * each is recorded. */
static void test_steady_changes(void **state)
{
    (void)state;
    struct twin t = twin_new();
    struct nw_assets *as = t.fast;
    struct nw_packet v30 =
        ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 503, "10.0.0.2", 50000, IPPROTO_TCP, T0);
    v30.vlan_count = 1;
    v30.vlan[0] = 30;
    twin_feed(&t, &v30);
    for (int i = 0; i < 8; i++) {
        struct nw_packet p =
            ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50000, IPPROTO_TCP, T0 + S(i));
        p.app = NW_APP_MODBUS;
        p.role = i < 3 ? NW_ROLE_SERVER : NW_ROLE_CLIENT;
        if (i >= 5) {
            p.vlan_count = 1; /* priority tag: VLAN 0 */
            p.vlan[0] = 0;
        }
        if (i == 7)
            p.ts_ns = T0 - S(5);
        twin_feed(&t, &p);
        if (i == 3) { /* the role changed, nothing else */
            char client[64];
            snprintf(client, sizeof(client), "%s-client", nw_app_name(NW_APP_MODBUS));
            json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
            assert_true(has_string(json_object_get(a, "roles"), client));
            json_decref(all);
        }
        if (i == 5) {
            json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
            assert_int_equal(json_array_size(json_object_get(a, "vlans")), 2);
            json_decref(all);
        }
    }
    json_t *all, *a = find(as, "00:0e:8c:00:00:01", &all);
    json_t *vl = json_object_get(a, "vlans");
    assert_int_equal(json_array_size(vl), 2);
    assert_int_equal(json_integer_value(json_array_get(vl, 0)), 0);
    assert_string_equal(json_string_value(json_object_get(a, "first_seen")),
                        "2025-12-31T23:59:55Z");
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 9);
    json_decref(all);
    /* the flow's app identified in the other direction: the initiator's entry takes it */
    struct nw_packet q =
        ip4(MAC_HMI, MAC_PLC, "10.0.0.2", 50001, "10.0.0.1", 502, IPPROTO_TCP, T0 + S(20));
    for (int i = 0; i < 4; i++, q.ts_ns += S(1)) {
        if (i == 2) { /* the answer, identified */
            struct nw_packet r =
                ip4(MAC_PLC, MAC_HMI, "10.0.0.1", 502, "10.0.0.2", 50001, IPPROTO_TCP, q.ts_ns);
            r.app = NW_APP_MODBUS;
            r.role = NW_ROLE_SERVER;
            twin_feed(&t, &r);
        }
        twin_feed(&t, &q);
    }
    a = find(as, "00:00:bc:00:00:02", &all);
    assert_true(has_proto(a, "protocols_used", nw_app_name(NW_APP_MODBUS), "tcp", 502));
    json_decref(all);
    twin_end(&t);
}

/* The fast path keeps each kind of key to its own: a MAC whose bytes are an IPv4 address's
 * is not that address's IP-keyed asset (nor the reverse) in one flow, and an IPv6 address with
 * an IPv4 address's bytes is not that address. */
static void test_hint_key_kinds(void **state)
{
    (void)state;
    struct twin t = twin_new();
    struct nw_assets *as = t.fast;
    const char *mac = "\x0a\x00\x00\x01\x00\x00"; /* 10.0.0.1's bytes */
    struct nw_packet p = ip4(mac, MAC_HMI, "10.0.0.1", 1000, "10.0.0.2", 2000, IPPROTO_UDP, T0);
    for (int i = 0; i < 3; i++, p.ts_ns += S(1)) {
        twin_feed(&t, &p);
    }
    p.has_mac = false; /* the same flow without MACs (a raw-IP link): the address's own asset */
    memset(p.src_mac, 0, sizeof p.src_mac); /* each field by itself: the layout is decode's */
    memset(p.dst_mac, 0, sizeof p.dst_mac);
    int dir;
    bool created;
    struct nw_flow *f = nw_flows_update(t.ft, &p, &dir, &created), copy = *f;
    memset(copy.hint, 0, sizeof(copy.hint));
    assert_true(nw_assets_observe(as, &p, f, dir));
    assert_true(nw_assets_observe(t.slow, &p, &copy, dir));
    p.ts_ns += S(1);
    twin_feed(&t, &p);
    memcpy(p.src_mac, mac, 6); /* and back: the MAC's */
    p.has_mac = true;
    twin_feed(&t, &p);
    assert_int_equal(nw_assets_count(as), 2);
    json_t *all, *a = find(as, "0a:00:00:01:00:00", &all);
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 4);
    json_decref(all);
    a = find(as, "10.0.0.1", &all);
    assert_int_equal(json_integer_value(json_object_get(a, "packets")), 2);
    json_decref(all);

    /* the MAC sends IPv6 from a00:1:: (10.0.0.1's bytes) in between; later IPv4 packets of
     * the steady flow are 10.0.0.1's, not a00:1::'s */
    struct nw_packet v6 = p;
    v6.ip_version = 6;
    assert_int_equal(inet_pton(AF_INET6, "a00:1::", v6.src_ip), 1);
    assert_int_equal(inet_pton(AF_INET6, "fe80::2", v6.dst_ip), 1);
    v6.ts_ns = T0 + S(10);
    twin_feed(&t, &v6);
    p.ts_ns = T0 + S(30);
    twin_feed(&t, &p);
    a = find(as, "0a:00:00:01:00:00", &all);
    json_t *ips = json_object_get(a, "ips");
    assert_int_equal(json_array_size(ips), 2);
    json_t *e = json_array_get(ips, 1);
    assert_string_equal(json_string_value(json_object_get(e, "ip")), "a00:1::");
    assert_string_equal(json_string_value(json_object_get(e, "last_seen")), "2026-01-01T00:00:10Z");
    e = json_array_get(ips, 0);
    assert_string_equal(json_string_value(json_object_get(e, "last_seen")), "2026-01-01T00:00:30Z");
    json_decref(all);
    twin_end(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arp_vouches),       cmocka_unit_test(test_dhcp),
        cmocka_unit_test(test_dhcpv6_duid),       cmocka_unit_test(test_names),
        cmocka_unit_test(test_served_used_roles), cmocka_unit_test(test_ips_over_time),
        cmocka_unit_test(test_never_assets),      cmocka_unit_test(test_l2_only_and_vlans),
        cmocka_unit_test(test_router_rule),       cmocka_unit_test(test_cap),
        cmocka_unit_test(test_exports),           cmocka_unit_test(test_flow_hint),
        cmocka_unit_test(test_empty_slot_id0),    cmocka_unit_test(test_fast_path_same),
        cmocka_unit_test(test_hint_mac_changes),  cmocka_unit_test(test_protocols_full),
        cmocka_unit_test(test_steady_changes),    cmocka_unit_test(test_hint_key_kinds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
