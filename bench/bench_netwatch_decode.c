/*
 * bench_netwatch_decode.c — nw_decode alone (src/netwatch/decode.c), in memory: a tight loop over
 * three typical frames (Ethernet/IPv4/TCP Modbus poll of 66 bytes, 802.1Q/IPv4/UDP of 86 bytes,
 * Ethernet/IPv6 with hop-by-hop and fragment headers/UDP of 98 bytes), then, for each capture
 * named on the command line, over all its frames (read once with libpcap into memory). Prints
 * ns/frame and million frames/s, the best of RUNS runs. The whole pipeline is timed by the
 * netwatch benchmark; see bench/RESULTS.md.
 */
#define _DEFAULT_SOURCE /* libpcap's headers use u_char, u_int */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "netwatch/netwatch.h"

enum { RUNS = 7 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile uint32_t sink; /* keeps the decoded fields live */

/* Decodes frames[0..n) `reps` times; returns the best seconds per frame over RUNS runs. */
static double time_frames(const struct nw_frame *frames, size_t n, size_t reps)
{
    double best = 1e9;
    struct nw_packet pkt;
    for (int r = 0; r < RUNS; r++) {
        uint32_t acc = 0;
        double t = now_s();
        for (size_t k = 0; k < reps; k++)
            for (size_t i = 0; i < n; i++) {
                nw_decode(&frames[i], &pkt);
                acc += pkt.payload_len + pkt.dport + pkt.err;
            }
        t = now_s() - t;
        sink += acc;
        if (t < best)
            best = t;
    }
    return best / (double)(n * reps);
}

static void report(const char *what, double s)
{
    printf("%-44s %6.2f ns/frame  %6.1f Mframes/s\n", what, s * 1e9, 1e-6 / s);
}

static const uint8_t eth_ipv4_tcp[66] = {
    0x00, 0x80, 0xf4, 0x44, 0x55, 0x66, 0x00, 0x1b, 0x1b, 0x11, 0x22, 0x33, 0x08, 0x00, /* eth */
    0x45, 0x00, 0x00, 0x34, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 192,  168,
    0,    10,   192,  168,  0,    20, /* IPv4, 52 bytes */
    0xc3, 0x50, 0x01, 0xf6, 0,    0,    0,    1,    0,    0,    0,    2,    0x50, 0x18,
    0x20, 0x00, 0,    0,    0,    0, /* TCP 50000 → 502, PSH ACK */
    0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x0a /* Modbus read */
};

static const uint8_t vlan_ipv4_udp[86] = {
    0x01, 0x00, 0x5e, 0x00, 0x00, 0x01, 0x00, 0x1b, 0x1b, 0x11,
    0x22, 0x33, 0x81, 0x00, 0x00, 0x64, 0x08, 0x00, /* eth, VLAN 100; the UDP payload is the zeros
                                                       after the header */
    0x45, 0x00, 0x00, 0x44, 0x12, 0x34, 0x00, 0x00, 0x40, 0x11,
    0x00, 0x00, 192,  168,  0,    10,   239,  0,    0,    1, /* IPv4, 68 bytes */
    0xba, 0xc0, 0xba, 0xc0, 0x00, 0x30, 0x00, 0x00 /* UDP 47808, 48 bytes; 40 of payload */
};

static const uint8_t ipv6_ext_udp[98] = {
    0x33, 0x33, 0x00, 0x00, 0x00, 0x01, 0x00, 0x1b, 0x1b, 0x11, 0x22, 0x33,
    0x86, 0xdd, 0x60, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x40, /* IPv6: 44 bytes, next hop-by-hop
                                                                 */
    0xfe, 0x80, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    1, /* src */
    0xff, 0x02, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
    0,    0,    0,    1,                            /* dst */
    0x2c, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x00, /* hop-by-hop: router alert; next frag */
    0x11, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x09, /* fragment: offset 0, M; next UDP */
    0x12, 0x34, 0x02, 0x02, 0x00, 0x1c, 0x00, 0x00  /* UDP, 28 bytes; 20 of payload */
};

/* All frames of a capture, copied into one allocation. */
static int load(const char *path, struct nw_frame **out, size_t *count)
{
    char eb[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(path, eb);
    if (!pc) {
        fprintf(stderr, "%s: %s\n", path, eb);
        return -1;
    }
    uint32_t link = pcap_datalink(pc) == DLT_EN10MB ? NW_LINK_ETHERNET : NW_LINK_NULL;
    size_t n = 0, cap = 1024;
    struct nw_frame *f = malloc(cap * sizeof(*f));
    struct pcap_pkthdr *h;
    const u_char *d;
    while (f && pcap_next_ex(pc, &h, &d) == 1) {
        uint8_t *copy = malloc(h->caplen ? h->caplen : 1);
        if (n == cap) {
            struct nw_frame *g = realloc(f, 2 * cap * sizeof(*f));
            if (!g) {
                free(copy);
                break;
            }
            f = g;
            cap *= 2;
        }
        if (!copy)
            break;
        memcpy(copy, d, h->caplen);
        f[n++] = (struct nw_frame){
            .caplen = h->caplen, .wire_len = h->len, .linktype = link, .data = copy};
    }
    pcap_close(pc);
    *out = f;
    *count = n;
    return f ? 0 : -1;
}

int main(int argc, char **argv)
{
    const struct nw_frame one[3] = {
        {.caplen = 66, .wire_len = 66, .linktype = NW_LINK_ETHERNET, .data = eth_ipv4_tcp},
        {.caplen = 86, .wire_len = 86, .linktype = NW_LINK_ETHERNET, .data = vlan_ipv4_udp},
        {.caplen = 98, .wire_len = 98, .linktype = NW_LINK_ETHERNET, .data = ipv6_ext_udp},
    };
    report("Ethernet/IPv4/TCP (66 bytes)", time_frames(&one[0], 1, 5000000));
    report("802.1Q/IPv4/UDP (86 bytes)", time_frames(&one[1], 1, 5000000));
    report("Ethernet/IPv6/hop-by-hop/fragment/UDP (98)", time_frames(&one[2], 1, 5000000));
    for (int a = 1; a < argc; a++) {
        struct nw_frame *f;
        size_t n;
        if (load(argv[a], &f, &n) != 0 || n == 0)
            continue;
        const char *base = strrchr(argv[a], '/');
        char what[64];
        snprintf(what, sizeof(what), "%.34s (%zu)", base ? base + 1 : argv[a], n);
        report(what, time_frames(f, n, 1 + 2000000 / n));
        for (size_t i = 0; i < n; i++)
            free((void *)f[i].data);
        free(f);
    }
    return 0;
}
