/*
 * pcap_loop.c — the floor of the netwatch benchmark (bench/netwatch.sh): libpcap's own read
 * loop over a capture file, pcap_next_ex until the end, touching each frame's first and last
 * byte so the loop cannot be optimised away. Whatever reads a file through libpcap can go no
 * faster than this. Prints "N packets, B bytes" on standard output.
 *
 * Usage: pcap_loop FILE
 */
#define _DEFAULT_SOURCE /* libpcap's headers use u_int, u_char */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    if (argc != 2) {
        fprintf(stderr, "usage: pcap_loop FILE\n");
        return 2;
    }
    pcap_t *p = pcap_open_offline(argv[1], errbuf);
    if (!p) {
        fprintf(stderr, "pcap_loop: %s\n", errbuf);
        return 1;
    }
    struct pcap_pkthdr *h;
    const unsigned char *data;
    uint64_t n = 0, bytes = 0;
    unsigned sum = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
        n++;
        bytes += h->len;
        if (h->caplen)
            sum += data[0] + data[h->caplen - 1];
    }
    if (rc == PCAP_ERROR) {
        fprintf(stderr, "pcap_loop: %s: %s\n", argv[1], pcap_geterr(p));
        pcap_close(p);
        return 1;
    }
    pcap_close(p);
    printf("%llu packets, %llu bytes (%u)\n", (unsigned long long)n, (unsigned long long)bytes,
           sum & 0xff);
    return 0;
}
