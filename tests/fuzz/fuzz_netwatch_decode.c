/*
 * fuzz_netwatch_decode.c — arbitrary frames through the L2–L4 decoder (src/netwatch/decode.c).
 * Input: byte 0 picks the link type (modulo the table below: the eight decoded ones and one that
 * is not), the rest is the frame, copied to a buffer of its exact size so ASan catches any read
 * past caplen. Checks beyond "no crash, no sanitizer report": the payload lies inside the frame;
 * err is a known reason; the flags agree with the fields (L4 only over IP, a first fragment is a
 * fragment, NDP only over ICMPv6, an IPv4 address leaves the rest of the 16 bytes zero); identify's
 * fields read "none"; decoding into a dirty struct gives the same bytes as into a clean one; and
 * nw_decode (with its straight-line path for Ethernet (one 802.1Q tag at most) + IPv4 + TCP/UDP)
 * gives the same bytes as nw_decode_slow. Seeds (tests/fuzz/corpus/fuzz_netwatch_decode/): real
 * frames from the captures of shared/testdata/pcaps, each prefixed by its link type's selector.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch_int.h"

static const uint32_t links[] = {
    NW_LINK_ETHERNET,  NW_LINK_NULL,       NW_LINK_LOOP,
    NW_LINK_LINUX_SLL, NW_LINK_LINUX_SLL2, NW_LINK_RAW,
    NW_LINK_IPV4,      NW_LINK_IPV6,       105, /* IEEE 802.11: not decoded */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t n = size - 1;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, n);
    struct nw_frame fr = {.ts_ns = 1,
                          .caplen = (uint32_t)n,
                          .wire_len = (uint32_t)n,
                          .linktype = links[data[0] % AG_ARRAY_LEN(links)],
                          .data = buf};
    struct nw_packet clean, dirty;
    memset(&clean, 0, sizeof(clean));
    memset(&dirty, 0xa5, sizeof(dirty));
    nw_decode(&fr, &clean);
    nw_decode(&fr, &dirty);

    const struct nw_packet *p = &clean;
    if (p->payload_len > 0 && (p->payload < buf || p->payload > buf + n ||
                               p->payload_len > (size_t)(buf + n - p->payload)))
        abort();
    if ((unsigned)p->err >= NW_DERR_COUNT)
        abort();
    if (p->ip_version != 0 && p->ip_version != 4 && p->ip_version != 6)
        abort();
    if ((p->flags & NW_PF_L4) && p->ip_version == 0)
        abort();
    if ((p->flags & NW_PF_FIRST_FRAGMENT) && !(p->flags & NW_PF_FRAGMENT))
        abort();
    if ((p->flags & NW_PF_NDP) && p->l4_proto != 58)
        abort();
    static const uint8_t zero[12];
    if (p->ip_version == 4 &&
        (memcmp(p->src_ip + 4, zero, 12) != 0 || memcmp(p->dst_ip + 4, zero, 12) != 0))
        abort();
    if (p->err == NW_DERR_LINKTYPE && (p->has_mac || p->payload_len))
        abort();
    if (p->app != NW_APP_NONE || p->name_kind != NW_NAME_NONE || p->name_len != 0 ||
        p->name[0] != '\0')
        abort();
    /* every byte up to name[0] is written or zeroed: name[1..] alone may keep old bytes */
    size_t a = offsetof(struct nw_packet, name) + 1;
    if (memcmp(&clean, &dirty, a) != 0)
        abort();
    /* the straight-line path (Ethernet + IPv4 + TCP/UDP) decodes as the layered walk does */
    struct nw_packet slow;
    memset(&slow, 0x3c, sizeof(slow));
    nw_decode_slow(&fr, &slow);
    if (memcmp(&clean, &slow, a) != 0)
        abort();
    free(buf);
    return 0;
}
