/*
 * fuzz_netwatch_source.c — arbitrary bytes as a capture file through netwatch's own reader
 * (src/netwatch/source.c, nw_source_open_buffer: what nw_source_open_file does once the file
 * is mapped). Checks beyond "no crash, no sanitizer report": an open that fails says why; every
 * frame returned lies inside the input and has wire_len >= caplen; reading never fails (content
 * problems are bad records) and the end stays the end; the stats count what was returned. When
 * the last byte is odd a BPF filter is set, so filters get compiled for whatever link types the
 * input declares. A second pass in batches (nw_source_next_batch) gives the same frames and
 * counters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nw_source *s;
    struct ag_error err = {0};
    struct nw_source_opts opts = {0};
    if (size > 0 && (data[size - 1] & 1))
        opts.bpf = "ip or ip6 or arp";
    if (nw_source_open_buffer(data, size, "fuzz", &opts, &s, &err) != 0) {
        if (err.msg[0] == '\0')
            abort();
        return 0;
    }
    struct nw_frame f;
    uint64_t n = 0, bytes = 0;
    int r;
    while ((r = nw_source_next(s, &f, &err)) == 1) {
        if (f.data < data || f.caplen > size || (size_t)(f.data - data) > size - f.caplen)
            abort();
        if (f.wire_len < f.caplen)
            abort();
        n++;
        bytes += f.wire_len;
    }
    if (r != 0 || nw_source_next(s, &f, &err) != 0)
        abort();
    struct nw_source_stats st;
    nw_source_get_stats(s, &st);
    if (st.frames != n || st.bytes != bytes)
        abort();
    if (!opts.bpf && st.filtered != 0)
        abort();
    nw_source_free(s);

    /* again in batches (nw_source_next_batch, 1–8 frames by the first byte): the same frames,
     * the same end, the same counters */
    if (nw_source_open_buffer(data, size, "fuzz", &opts, &s, &err) != 0)
        abort();
    unsigned max = size ? 1u + data[0] % 8u : 1u;
    struct nw_frame b[8];
    uint64_t m = 0, mbytes = 0;
    while ((r = nw_source_next_batch(s, b, max, &err)) > 0) {
        if ((unsigned)r > max)
            abort();
        for (int k = 0; k < r; k++) {
            if (b[k].data < data || b[k].caplen > size ||
                (size_t)(b[k].data - data) > size - b[k].caplen || b[k].wire_len < b[k].caplen)
                abort();
            m++;
            mbytes += b[k].wire_len;
        }
    }
    struct nw_source_stats st2;
    nw_source_get_stats(s, &st2);
    if (r != 0 || m != n || mbytes != bytes || memcmp(&st, &st2, sizeof(st)) != 0)
        abort();
    nw_source_free(s);
    return 0;
}
