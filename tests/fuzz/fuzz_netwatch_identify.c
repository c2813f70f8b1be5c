/*
 * fuzz_netwatch_identify.c — arbitrary payloads through nw_identify (src/netwatch/identify.c).
 * Input: byte 0 chooses the packet's shape from the table below (its low 7 bits modulo the
 * table size: EtherType, L4 protocol and ports of the protocols identify.c reads; bit 7 swaps
 * the ports, so both directions are reached); the rest is the payload, read in place (libFuzzer's
 * buffer ends exactly there, so AddressSanitizer sees any read past it). Checks beyond "no
 * crash, no sanitizer report": the name is NUL-terminated printable ASCII with name_len ==
 * strlen(name) ≤ NW_NAME_MAX and a kind exactly when it is not empty; app, role and the address
 * family are in range; and a packet full of stale bytes (but identify's fields reset, as
 * nw_decode leaves them) gives the same result: nothing else is read.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch.h"

static const struct {
    uint16_t ethertype; /* 0x0800: IPv4 with l4/ports; others: a frame without IP */
    uint8_t l4;
    uint16_t sport, dport;
} shapes[] = {
    {0x0800, 6, 40000, 502},   {0x0800, 6, 502, 40000},    {0x0800, 6, 40000, 102},
    {0x0800, 6, 40000, 44818}, {0x0800, 17, 44818, 44818}, {0x0800, 17, 2222, 2222},
    {0x0800, 17, 53, 40000},   {0x0800, 6, 40000, 53},     {0x0800, 17, 5353, 5353},
    {0x0800, 17, 40000, 5355}, {0x0800, 17, 137, 137},     {0x0800, 17, 68, 67},
    {0x0800, 17, 546, 547},    {0x0800, 17, 40000, 123},   {0x0800, 17, 40000, 161},
    {0x0800, 17, 40000, 514},  {0x0800, 17, 40000, 1900},  {0x0800, 17, 40000, 3702},
    {0x0800, 6, 40000, 443},   {0x0800, 6, 40000, 80},     {0x0800, 6, 40000, 554},
    {0x0800, 6, 40000, 22},    {0x0800, 17, 47808, 47808}, {0x0800, 6, 40000, 2404},
    {0x0800, 6, 40000, 20000}, {0x0800, 17, 40000, 34964}, {0x0800, 6, 40000, 4840},
    {0x0800, 6, 40000, 5000},  {0x8892, 0, 0, 0},          {0x88b8, 0, 0, 0},
    {0x88ba, 0, 0, 0},         {0x88cc, 0, 0, 0},          {0x0800, 17, 40000, 162},
};

static void fill(struct nw_packet *pkt, unsigned shape, bool swap, const uint8_t *p, size_t n)
{
    pkt->ethertype = shapes[shape].ethertype;
    if (pkt->ethertype == 0x0800) {
        pkt->ip_version = 4;
        pkt->l4_proto = shapes[shape].l4;
        pkt->sport = swap ? shapes[shape].dport : shapes[shape].sport;
        pkt->dport = swap ? shapes[shape].sport : shapes[shape].dport;
        pkt->flags = NW_PF_L4;
    } else {
        pkt->ip_version = 0;
        pkt->l4_proto = 0;
        pkt->sport = pkt->dport = 0;
        pkt->flags = 0;
    }
    pkt->payload = n ? p : NULL;
    pkt->payload_len = (uint32_t)n;
    /* identify's fields as nw_decode leaves them */
    pkt->app = NW_APP_NONE;
    pkt->role = NW_ROLE_NONE;
    pkt->name_kind = NW_NAME_NONE;
    pkt->name_len = 0;
    pkt->name[0] = '\0';
    pkt->name_addr_family = 0;
    memset(pkt->name_addr, 0, sizeof pkt->name_addr);
    memset(pkt->dhcp_mac, 0, sizeof pkt->dhcp_mac);
}

static void check(const struct nw_packet *pkt)
{
    if (pkt->app >= NW_APP_COUNT || pkt->role > NW_ROLE_SERVER || pkt->name_len > NW_NAME_MAX)
        abort();
    if (!memchr(pkt->name, '\0', NW_NAME_MAX + 1) || strlen(pkt->name) != pkt->name_len)
        abort();
    for (size_t i = 0; i < pkt->name_len; i++)
        if (pkt->name[i] < 0x20 || pkt->name[i] > 0x7e)
            abort();
    if ((pkt->name_kind == NW_NAME_NONE) != (pkt->name_len == 0))
        abort();
    if (pkt->name_addr_family != 0 && pkt->name_addr_family != 4 && pkt->name_addr_family != 6)
        abort();
    if (pkt->app != NW_APP_NONE && nw_app_from_name(nw_app_name(pkt->app)) != pkt->app)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned shape = (data[0] & 0x7f) % (sizeof shapes / sizeof shapes[0]);
    bool swap = data[0] & 0x80;
    struct nw_packet a, b;
    memset(&a, 0, sizeof a);
    fill(&a, shape, swap, data + 1, size - 1);
    nw_identify(&a);
    check(&a);
    memset(&b, 0x5a, sizeof b); /* stale bytes of another packet */
    fill(&b, shape, swap, data + 1, size - 1);
    nw_identify(&b);
    check(&b);
    if (a.app != b.app || a.role != b.role || a.name_kind != b.name_kind ||
        strcmp(a.name, b.name) != 0 || a.name_addr_family != b.name_addr_family ||
        memcmp(a.name_addr, b.name_addr, sizeof a.name_addr) != 0 ||
        memcmp(a.dhcp_mac, b.dhcp_mac, sizeof a.dhcp_mac) != 0 ||
        (a.flags & NW_PF_DNS_RESPONSE) != (b.flags & NW_PF_DNS_RESPONSE))
        abort();
    return 0;
}
