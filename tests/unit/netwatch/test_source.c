/*
 * test_source.c — netwatch's capture sources (src/netwatch/source.c) on hand-built files with
 * known fields: classic pcap in both byte orders with µs, ns and Kuznetzov magics, a record
 * longer than the snap length (skipped, counted), truncated tails (end, counted, not an error),
 * absurd lengths; pcapng with two sections in opposite byte orders, interfaces of different link
 * types and time stamp resolutions (decimal and binary, with an offset), Enhanced, Simple and
 * obsolete Packet Blocks, unknown blocks skipped, malformed blocks counted; files that are not
 * captures (each error names the file); a pipe; BPF filters and their counts (also with
 * libpcap's reader) and a bad expression; a live interface that does not exist; and the
 * mmap reader against libpcap over every real capture in $AG_SHARED_DIR/testdata/pcaps/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netwatch/netwatch_int.h"

/* ---- building files ---- */

struct bb {
    uint8_t d[8192];
    size_t n;
    bool be; /* write integers big-endian */
};

static void put(struct bb *b, const void *p, size_t n)
{
    assert_true(b->n + n <= sizeof(b->d));
    memcpy(b->d + b->n, p, n);
    b->n += n;
}

static void putn(struct bb *b, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++) {
        int sh = b->be ? (bytes - 1 - i) * 8 : i * 8;
        b->d[b->n++] = (uint8_t)(v >> sh);
    }
}

static void p16(struct bb *b, uint32_t v)
{
    putn(b, v, 2);
}
static void p32(struct bb *b, uint32_t v)
{
    putn(b, v, 4);
}

static void pcap_header(struct bb *b, uint32_t magic, uint32_t snaplen, uint32_t linktype)
{
    p32(b, magic);
    p16(b, 2);
    p16(b, 4);
    p32(b, 0);
    p32(b, 0);
    p32(b, snaplen);
    p32(b, linktype);
}

/* A record whose data is caplen bytes of the value fill. */
static void pcap_rec(struct bb *b, uint32_t sec, uint32_t frac, uint32_t caplen, uint32_t len,
                     uint8_t fill)
{
    p32(b, sec);
    p32(b, frac);
    p32(b, caplen);
    p32(b, len);
    for (uint32_t i = 0; i < caplen; i++)
        b->d[b->n++] = fill;
}

/* pcapng: a block is opened (type, placeholder length), filled, then closed (padding, length
 * written in both places). */
static size_t ng_open(struct bb *b, uint32_t type)
{
    size_t at = b->n;
    p32(b, type);
    p32(b, 0);
    return at;
}

static void ng_close(struct bb *b, size_t at)
{
    while (b->n % 4)
        b->d[b->n++] = 0;
    uint32_t len = (uint32_t)(b->n - at + 4);
    p32(b, len);
    size_t end = b->n;
    b->n = at + 4;
    p32(b, len);
    b->n = end;
}

static void ng_shb(struct bb *b)
{
    size_t at = ng_open(b, 0x0a0d0d0a);
    p32(b, 0x1a2b3c4d);
    p16(b, 1);
    p16(b, 0);
    putn(b, UINT64_MAX, 8);
    ng_close(b, at);
}

/* An IDB with if_tsresol (tsresol < 0: none) and if_tsoffset (0: none). */
static void ng_idb(struct bb *b, uint16_t linktype, uint32_t snaplen, int tsresol, int64_t off)
{
    size_t at = ng_open(b, 1);
    p16(b, linktype);
    p16(b, 0);
    p32(b, snaplen);
    p16(b, 2); /* if_name "eth9" */
    p16(b, 4);
    put(b, "eth9", 4);
    if (tsresol >= 0) {
        p16(b, 9);
        p16(b, 1);
        p32(b, 0);
        b->d[b->n - 4] = (uint8_t)tsresol;
    }
    if (off) {
        p16(b, 14);
        p16(b, 8);
        putn(b, (uint64_t)off, 8);
    }
    p16(b, 0);
    p16(b, 0);
    ng_close(b, at);
}

static void ng_epb(struct bb *b, uint32_t ifid, uint64_t t, uint32_t caplen, uint32_t len,
                   uint8_t fill)
{
    size_t at = ng_open(b, 6);
    p32(b, ifid);
    p32(b, (uint32_t)(t >> 32));
    p32(b, (uint32_t)t);
    p32(b, caplen);
    p32(b, len);
    for (uint32_t i = 0; i < caplen; i++)
        b->d[b->n++] = fill;
    ng_close(b, at);
}

static char tmpdir[64];

static const char *write_file(const char *name, const void *data, size_t n)
{
    static char path[128];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
    return path;
}

/* ---- reading ---- */

struct got {
    size_t n;
    struct nw_frame f[32];
    uint8_t fill[32]; /* the first byte */
    bool uniform[32]; /* every byte the same */
    struct nw_source_stats st;
    int last;
};

/* Keeps frame f (its data read now: it is borrowed) as g's next. */
static void got_add(struct got *g, const struct nw_frame *f)
{
    assert_true(g->n < 31);
    assert_true(f->wire_len >= f->caplen);
    g->f[g->n] = *f;
    g->uniform[g->n] = true;
    for (uint32_t i = 1; i < f->caplen; i++)
        g->uniform[g->n] &= f->data[i] == f->data[0];
    g->fill[g->n] = f->caplen ? f->data[0] : 0;
    g->n++;
}

static void read_all(struct nw_source *s, struct got *g)
{
    struct ag_error err = {0};
    memset(g, 0, sizeof(*g));
    int r;
    struct nw_frame f;
    while ((r = nw_source_next(s, &f, &err)) == 1)
        got_add(g, &f);
    g->last = r;
    assert_int_equal(nw_source_next(s, &f, &err), 0); /* the end stays the end */
    nw_source_get_stats(s, &g->st);
}

/* read_all through nw_source_next_batch, max frames at a time. */
static void read_all_batch(struct nw_source *s, struct got *g, unsigned max)
{
    struct ag_error err = {0};
    memset(g, 0, sizeof(*g));
    struct nw_frame b[8];
    assert_true(max <= 8);
    int r;
    while ((r = nw_source_next_batch(s, b, max, &err)) > 0) {
        assert_true((unsigned)r <= max);
        for (int k = 0; k < r; k++)
            got_add(g, &b[k]);
    }
    g->last = r;
    assert_int_equal(nw_source_next_batch(s, b, max, &err), 0);
    nw_source_get_stats(s, &g->st);
}

/* Reads the file frame by frame into g, and again in batches of 1, 3 and 8 frames: the same
 * frames, the same end and the same counters. */
static void read_path(const char *path, const struct nw_source_opts *o, struct got *g)
{
    struct nw_source *s;
    struct ag_error err = {0};
    if (nw_source_open_file(path, o, &s, &err) != 0)
        fail_msg("%s: %s", path, err.msg);
    read_all(s, g);
    nw_source_free(s);
    static const unsigned sizes[] = {1, 3, 8};
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return; /* a pipe reads once */
    for (size_t k = 0; k < AG_ARRAY_LEN(sizes); k++) {
        struct got b;
        if (nw_source_open_file(path, o, &s, &err) != 0)
            fail_msg("%s: %s", path, err.msg);
        read_all_batch(s, &b, sizes[k]);
        nw_source_free(s);
        assert_int_equal(b.n, g->n);
        assert_int_equal(b.last, g->last);
        assert_memory_equal(&b.st, &g->st, sizeof(b.st));
        for (size_t i = 0; i < g->n; i++) {
            assert_int_equal(b.f[i].ts_ns, g->f[i].ts_ns);
            assert_int_equal(b.f[i].caplen, g->f[i].caplen);
            assert_int_equal(b.f[i].wire_len, g->f[i].wire_len);
            assert_int_equal(b.f[i].linktype, g->f[i].linktype);
            assert_int_equal(b.f[i].iface, g->f[i].iface);
            assert_int_equal(b.fill[i], g->fill[i]);
            assert_int_equal(b.uniform[i], g->uniform[i]);
        }
    }
}

static void check_frame(const struct got *g, size_t i, int64_t ts, uint32_t caplen, uint32_t len,
                        uint32_t linktype, uint32_t iface, uint8_t fill)
{
    const struct nw_frame *f = &g->f[i];
    if (f->ts_ns != ts)
        fail_msg("frame %zu: ts %lld, expected %lld", i, (long long)f->ts_ns, (long long)ts);
    assert_int_equal(f->caplen, caplen);
    assert_int_equal(f->wire_len, len);
    assert_int_equal(f->linktype, linktype);
    assert_int_equal(f->iface, iface);
    assert_int_equal(g->fill[i], fill);
    assert_true(g->uniform[i]);
}

/* ---- classic pcap ---- */

static void test_pcap_byte_orders_and_precisions(void **state)
{
    (void)state;
    struct bb b = {0};
    pcap_header(&b, 0xa1b2c3d4, 65535, 1); /* little-endian, µs */
    pcap_rec(&b, 1700000000, 123456, 60, 60, 0xa1);
    pcap_rec(&b, 1700000001, 999999, 14, 1514, 0xa2);
    pcap_rec(&b, 0xfffffff0u, 1, 0, 0, 0); /* seconds past 2038 stay positive */
    struct got g;
    read_path(write_file("le_us.pcap", b.d, b.n), NULL, &g);
    assert_int_equal(g.n, 3);
    check_frame(&g, 0, 1700000000123456000ll, 60, 60, 1, 0, 0xa1);
    check_frame(&g, 1, 1700000001999999000ll, 14, 1514, 1, 0, 0xa2);
    check_frame(&g, 2, (int64_t)0xfffffff0u * 1000000000ll + 1000, 0, 0, 1, 0, 0);
    assert_int_equal(g.st.frames, 3);
    assert_int_equal(g.st.bytes, 60 + 1514);
    assert_int_equal(g.st.bad_records, 0);
    assert_int_equal(g.last, 0);

    struct bb be = {.be = true};
    pcap_header(&be, 0xa1b23c4d, 0, 101); /* big-endian, ns, snaplen 0 = the maximum */
    pcap_rec(&be, 1700000000, 123456789, 20, 40, 0x45);
    pcap_rec(&be, 1700000002, 5, 1500, 1500, 0x60);
    read_path(write_file("be_ns.cap", be.d, be.n), NULL, &g);
    assert_int_equal(g.n, 2);
    check_frame(&g, 0, 1700000000123456789ll, 20, 40, 101, 0, 0x45);
    check_frame(&g, 1, 1700000002000000005ll, 1500, 1500, 101, 0, 0x60);

    /* Kuznetzov's format: 24-byte record headers (8 bytes of extra fields) */
    struct bb k = {0};
    pcap_header(&k, 0xa1b2cd34, 65535, 1);
    for (int i = 0; i < 2; i++) {
        p32(&k, 100 + (uint32_t)i);
        p32(&k, 7);
        p32(&k, 10);
        p32(&k, 10);
        p32(&k, 3);    /* ifindex */
        p32(&k, 0x99); /* protocol, pkt_type, pad */
        for (int j = 0; j < 10; j++)
            k.d[k.n++] = (uint8_t)(0x30 + i);
    }
    read_path(write_file("kuz.pcap", k.d, k.n), NULL, &g);
    assert_int_equal(g.n, 2);
    check_frame(&g, 1, 101000007000ll, 10, 10, 1, 0, 0x31);

    /* wire_len smaller than caplen is raised to caplen (the contract: wire_len >= caplen) */
    struct bb w = {0};
    pcap_header(&w, 0xa1b2c3d4, 65535, 1);
    pcap_rec(&w, 1, 0, 30, 12, 0x11);
    read_path(write_file("short_wire.pcap", w.d, w.n), NULL, &g);
    check_frame(&g, 0, 1000000000ll, 30, 30, 1, 0, 0x11);
}

static void test_pcap_bad_records(void **state)
{
    (void)state;
    struct got g;
    /* a record longer than the snap length (but inside the file) is skipped and counted */
    struct bb b = {0};
    pcap_header(&b, 0xa1b2c3d4, 64, 1);
    pcap_rec(&b, 1, 0, 64, 64, 0x01);
    pcap_rec(&b, 2, 0, 100, 100, 0x02);
    pcap_rec(&b, 3, 0, 10, 80, 0x03);
    read_path(write_file("snaplen.pcap", b.d, b.n), NULL, &g);
    assert_int_equal(g.n, 2);
    check_frame(&g, 0, 1000000000ll, 64, 64, 1, 0, 0x01);
    check_frame(&g, 1, 3000000000ll, 10, 80, 1, 0, 0x03);
    assert_int_equal(g.st.bad_records, 1);
    assert_int_equal(g.st.frames, 2);

    /* the last record cut short: end of file, counted, not an error */
    struct bb t = {0};
    pcap_header(&t, 0xa1b2c3d4, 65535, 1);
    pcap_rec(&t, 1, 0, 50, 50, 0x01);
    pcap_rec(&t, 2, 0, 50, 50, 0x02);
    read_path(write_file("trunc.pcap", t.d, t.n - 20), NULL, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.st.bad_records, 1);
    assert_int_equal(g.last, 0);
    /* … also with the libpcap reader */
    struct nw_source_opts lib = {.use_libpcap = true};
    read_path(write_file("trunc.pcap", t.d, t.n - 20), &lib, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.st.bad_records, 1);
    assert_int_equal(g.last, 0);

    /* a record header cut short */
    read_path(write_file("trunc_hdr.pcap", t.d, 24 + 16 + 50 + 7), NULL, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.st.bad_records, 1);

    /* an absurd length ends the file: nothing after it can be trusted */
    struct bb a = {0};
    pcap_header(&a, 0xa1b2c3d4, 0, 1);
    pcap_rec(&a, 1, 0, 8, 8, 0x01);
    p32(&a, 2);
    p32(&a, 0);
    p32(&a, 0x7fffffff);
    p32(&a, 0x7fffffff);
    pcap_rec(&a, 3, 0, 8, 8, 0x03);
    read_path(write_file("absurd.pcap", a.d, a.n), NULL, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.st.bad_records, 1);

    /* a header only: no frames, no error */
    read_path(write_file("empty.pcap", a.d, 24), NULL, &g);
    assert_int_equal(g.n, 0);
    assert_int_equal(g.st.bad_records, 0);
}

/* ---- pcapng ---- */

static void test_pcapng_interfaces_and_sections(void **state)
{
    (void)state;
    struct bb b = {0};
    ng_shb(&b);
    ng_idb(&b, 1, 0, 9, 0);               /* 0: Ethernet, nanoseconds */
    ng_idb(&b, 101, 128, 0x80 | 20, 100); /* 1: raw IP, 2^-20 s, offset 100 s */
    size_t at = ng_open(&b, 0x0bad);      /* an unknown block: skipped */
    p32(&b, 42);
    ng_close(&b, at);
    at = ng_open(&b, 4); /* a Name Resolution Block: skipped */
    p32(&b, 0);
    ng_close(&b, at);
    ng_epb(&b, 0, 1700000000123456789ull, 60, 64, 0xe0);
    /* 1700000000.5 s + 3 units of 2^-20 s: 3 * 10^9 / 2^20 = 2861.02… → 2861 ns */
    ng_epb(&b, 1, (1700000000ull << 20) + (1u << 19) + 3, 40, 40, 0x45);
    at = ng_open(&b, 3); /* a Simple Packet Block: interface 0, no time stamp */
    p32(&b, 70);         /* original length 70 */
    for (int i = 0; i < 70; i++)
        b.d[b.n++] = 0x55;
    ng_close(&b, at);
    at = ng_open(&b, 2); /* an obsolete Packet Block on interface 1 */
    p16(&b, 1);
    p16(&b, 0);
    p32(&b, 0);
    p32(&b, 1u << 20); /* 1 s */
    p32(&b, 20);
    p32(&b, 20);
    for (int i = 0; i < 20; i++)
        b.d[b.n++] = 0x46;
    ng_close(&b, at);
    ng_epb(&b, 5, 0, 10, 10, 0x99);   /* no interface 5: bad */
    ng_epb(&b, 1, 0, 200, 200, 0x98); /* longer than interface 1's snap length 128: bad */
    at = ng_open(&b, 6);              /* caplen past the block: bad, the next block is found */
    p32(&b, 0);
    p32(&b, 0);
    p32(&b, 0);
    p32(&b, 100);
    p32(&b, 100);
    ng_close(&b, at);

    /* a second section, big-endian, with its own interfaces */
    struct bb s2 = {.be = true};
    ng_shb(&s2);
    ng_idb(&s2, 113, 65535, 3, 0);       /* Linux SLL, milliseconds */
    ng_idb(&s2, 1, 65535, 12, -10);      /* Ethernet, picoseconds, offset −10 s */
    ng_idb(&s2, 1, 65535, 0x80 | 40, 0); /* 2^-40 s: the wide path of the conversion */
    ng_epb(&s2, 0, 1700000000123ull, 16, 16, 0x5a);
    ng_epb(&s2, 1, 123456789012ull, 8, 8, 0x5b); /* 0.123456789012 s − 10 s */
    ng_epb(&s2, 2, (1000000ull << 40) | 0xffffffffffull, 8, 8, 0x5c);
    put(&b, s2.d, s2.n);

    /* named .pcap: recognised by content */
    struct got g;
    read_path(write_file("two_ifaces.pcap", b.d, b.n), NULL, &g);
    assert_int_equal(g.n, 7);
    check_frame(&g, 0, 1700000000123456789ll, 60, 64, 1, 0, 0xe0);
    check_frame(&g, 1, (1700000000ll + 100) * 1000000000ll + 500000000 + 2861, 40, 40, 101, 1,
                0x45);
    check_frame(&g, 2, 0, 70, 70, 1, 0, 0x55);
    check_frame(&g, 3, 101000000000ll, 20, 20, 101, 1, 0x46);
    check_frame(&g, 4, 1700000000123000000ll, 16, 16, 113, 0, 0x5a);
    check_frame(&g, 5, -10000000000ll + 123456789, 8, 8, 1, 1, 0x5b);
    /* (2^40 - 1) * 10^9 / 2^40 = 999999999.999… → 999999999 */
    check_frame(&g, 6, 1000000999999999ll, 8, 8, 1, 2, 0x5c);
    assert_int_equal(g.st.bad_records, 3);
    assert_int_equal(g.last, 0);

    struct nw_source *s;
    struct ag_error err = {0};
    assert_int_equal(nw_source_open_file(write_file("two_ifaces.pcap", b.d, b.n), NULL, &s, &err),
                     0);
    assert_int_equal(nw_source_linktype(s), 1); /* the first interface's */
    assert_null(nw_source_warning(s));
    nw_source_free(s);

    /* a block length not a multiple of 4 ends the file (counted once) */
    struct bb c = {0};
    ng_shb(&c);
    ng_idb(&c, 1, 0, -1, 0);
    ng_epb(&c, 0, 5, 4, 4, 0x77);
    size_t bad_at = c.n;
    ng_epb(&c, 0, 6, 4, 4, 0x78);
    ng_epb(&c, 0, 7, 4, 4, 0x79);
    c.d[bad_at + 4] = 30; /* length 30 */
    read_path(write_file("bad_len.pcapng", c.d, c.n), NULL, &g);
    assert_int_equal(g.n, 1);
    check_frame(&g, 0, 5000, 4, 4, 1, 0, 0x77); /* default resolution: µs */
    assert_int_equal(g.st.bad_records, 1);

    /* a truncated last block: end, counted */
    read_path(write_file("trunc.pcapng", c.d, bad_at + 10), NULL, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.st.bad_records, 1);
}

/* ---- files that are not captures ---- */

static void expect_open_error(const char *path, int code, const char *part)
{
    struct nw_source *s = NULL;
    struct ag_error err = {0};
    int rc = nw_source_open_file(path, NULL, &s, &err);
    assert_int_equal(rc, code);
    assert_null(s);
    if (!strstr(err.msg, path) || !strstr(err.msg, part))
        fail_msg("\"%s\" lacks \"%s\" or \"%s\"", err.msg, path, part);
}

static void test_not_a_capture(void **state)
{
    (void)state;
    const char *text = "Jan  1 00:00:00 host sshd[1]: Accepted password for root\n";
    expect_open_error(write_file("auth.log", text, strlen(text)), AG_EINVAL,
                      "not a capture file (pcap or pcapng): it starts with 4a 61 6e 20");
    expect_open_error(write_file("empty.pcap", "", 0), AG_EINVAL, "empty file");
    expect_open_error(write_file("tiny.pcap", "ab", 2), AG_EINVAL, "only 2 bytes");
    const uint8_t gz[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0};
    expect_open_error(write_file("c.pcap.gz", gz, sizeof(gz)), AG_EINVAL, "compressed (gzip)");
    struct bb b = {0};
    pcap_header(&b, 0xa1b2c3d4, 65535, 1);
    expect_open_error(write_file("short.pcap", b.d, 20), AG_EINVAL,
                      "truncated pcap file header (20 of 24 bytes)");
    b.d[4] = 3; /* version 3.4 */
    expect_open_error(write_file("v3.pcap", b.d, b.n), AG_EINVAL, "unsupported pcap version 3.4");
    struct bb n = {0};
    ng_shb(&n);
    n.d[12] = 2; /* major version 2 */
    expect_open_error(write_file("v2.pcapng", n.d, n.n), AG_EINVAL,
                      "unsupported pcapng version 2.0");
    n.d[12] = 1;
    expect_open_error(write_file("noidb.pcapng", n.d, n.n), AG_EINVAL,
                      "without an interface description");
    ng_epb(&n, 0, 0, 4, 4, 0);
    expect_open_error(write_file("pkt_first.pcapng", n.d, n.n), AG_EINVAL,
                      "packet before any interface description (byte 28)");
    n.d[8] = 0x11; /* byte-order magic broken */
    expect_open_error(write_file("bom.pcapng", n.d, n.n), AG_EINVAL,
                      "malformed pcapng section header");
    char missing[128];
    snprintf(missing, sizeof(missing), "%s/no-such.pcap", tmpdir);
    expect_open_error(missing, AG_ENOTFOUND, "cannot open");
    expect_open_error(tmpdir, AG_EINVAL, "a directory");

    /* the libpcap reader names the file too */
    struct nw_source *s = NULL;
    struct ag_error err = {0};
    struct nw_source_opts lib = {.use_libpcap = true};
    const char *p = write_file("auth.log", text, strlen(text));
    assert_int_equal(nw_source_open_file(p, &lib, &s, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, p));
    assert_non_null(strstr(err.msg, "libpcap cannot read the file"));
}

/* A pipe is read whole into memory. */
static void test_pipe(void **state)
{
    (void)state;
    struct bb b = {0};
    pcap_header(&b, 0xa1b2c3d4, 65535, 1);
    pcap_rec(&b, 9, 8, 33, 33, 0x33);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], b.d, b.n), (ssize_t)b.n);
    close(fds[1]);
    char path[64];
    snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
    struct got g;
    read_path(path, NULL, &g);
    close(fds[0]);
    assert_int_equal(g.n, 1);
    check_frame(&g, 0, 9000008000ll, 33, 33, 1, 0, 0x33);
}

/* ---- BPF ---- */

/* An Ethernet + IPv4 frame with protocol proto (6 TCP, 17 UDP), padded to 60 bytes. */
static void eth_ip(struct bb *b, uint32_t sec, uint8_t proto)
{
    uint8_t f[60] = {0};
    memset(f, 0x02, 12);
    f[12] = 0x08;
    f[14] = 0x45;
    f[17] = 46;
    f[22] = 64;
    f[23] = proto;
    f[26] = 10, f[29] = 1, f[30] = 10, f[33] = 2;
    f[36] = 0x01, f[37] = 0xf6; /* destination port 502 at offset 36 (src 34, dst 36) */
    p32(b, sec);
    p32(b, 0);
    p32(b, 60);
    p32(b, 60);
    put(b, f, 60);
}

static void test_bpf(void **state)
{
    (void)state;
    struct bb b = {0};
    pcap_header(&b, 0xa1b2c3d4, 65535, 1);
    eth_ip(&b, 1, 6);
    eth_ip(&b, 2, 17);
    eth_ip(&b, 3, 6);
    eth_ip(&b, 4, 1);
    const char *path = write_file("bpf.pcap", b.d, b.n);
    struct got g;
    struct nw_source_opts o = {.bpf = "tcp port 502"};
    read_path(path, &o, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.f[0].ts_ns, 1000000000ll);
    assert_int_equal(g.f[1].ts_ns, 3000000000ll);
    assert_int_equal(g.st.frames, 2);
    assert_int_equal(g.st.filtered, 2);
    assert_int_equal(g.st.bytes, 120);
    o.use_libpcap = true;
    read_path(path, &o, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.st.filtered, 2);
    o.bpf = "udp or icmp";
    o.use_libpcap = false;
    read_path(path, &o, &g);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.f[0].ts_ns, 2000000000ll);

    /* a bad expression: libpcap's message */
    struct nw_source *s = NULL;
    struct ag_error err = {0};
    o.bpf = "tcp port";
    assert_int_equal(nw_source_open_file(path, &o, &s, &err), AG_EUSAGE);
    assert_null(s);
    assert_non_null(strstr(err.msg, "bad BPF filter \"tcp port\""));
    assert_non_null(strstr(err.msg, "syntax error"));

    /* pcapng with Ethernet and raw IP interfaces: the filter is compiled for each link type */
    struct bb n = {0};
    ng_shb(&n);
    ng_idb(&n, 1, 0, 9, 0);
    ng_idb(&n, 101, 0, 9, 0);
    uint8_t ip[20] = {0x45, 0, 0, 20, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
    size_t at = ng_open(&n, 6);
    p32(&n, 1);
    p32(&n, 0);
    p32(&n, 7);
    p32(&n, 20);
    p32(&n, 20);
    put(&n, ip, 20);
    ng_close(&n, at);
    ng_epb(&n, 0, 8, 14, 14, 0xff); /* Ethernet, EtherType 0xffff: not IP */
    o.bpf = "ip and udp";
    read_path(write_file("bpf.pcapng", n.d, n.n), &o, &g);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.f[0].linktype, 101);
    assert_int_equal(g.st.filtered, 1);
}

/* ---- live ---- */

static void test_live_no_such_interface(void **state)
{
    (void)state;
    struct nw_source *s = NULL;
    struct ag_error err = {0};
    struct nw_source_opts o = {.promisc = true};
    int rc = nw_source_open_live("nwnosuch0", &o, &s, &err);
    assert_true(rc == AG_ENOTFOUND || rc == AG_EDENIED); /* unprivileged: denied first */
    assert_null(s);
    if (!strstr(err.msg, "interface nwnosuch0"))
        fail_msg("%s", err.msg);
}

/* ---- the own reader against libpcap over the real captures ---- */

static void compare_file(const char *path, size_t *frames)
{
    struct nw_source *a, *b;
    struct ag_error err = {0};
    struct nw_source_opts lib = {.use_libpcap = true};
    if (nw_source_open_file(path, NULL, &a, &err) != 0)
        fail_msg("mmap reader: %s", err.msg);
    if (nw_source_open_file(path, &lib, &b, &err) != 0)
        fail_msg("libpcap: %s", err.msg);
    assert_int_equal(nw_source_linktype(a), nw_source_linktype(b));
    size_t n = 0;
    for (;;) {
        struct nw_frame fa, fb;
        int ra = nw_source_next(a, &fa, &err), rb = nw_source_next(b, &fb, &err);
        if (ra != rb)
            fail_msg("%s frame %zu: mmap %d, libpcap %d (%s)", path, n, ra, rb, err.msg);
        if (ra != 1)
            break;
        if (fa.ts_ns != fb.ts_ns || fa.caplen != fb.caplen || fa.wire_len != fb.wire_len ||
            fa.linktype != fb.linktype || memcmp(fa.data, fb.data, fa.caplen) != 0)
            fail_msg("%s frame %zu: ts %lld/%lld caplen %u/%u len %u/%u linktype %u/%u", path, n,
                     (long long)fa.ts_ns, (long long)fb.ts_ns, fa.caplen, fb.caplen, fa.wire_len,
                     fb.wire_len, fa.linktype, fb.linktype);
        n++;
    }
    struct nw_source_stats sa, sb, sc;
    nw_source_get_stats(a, &sa);
    nw_source_get_stats(b, &sb);
    assert_int_equal(sa.frames, n);
    assert_int_equal(sa.frames, sb.frames);
    assert_int_equal(sa.bytes, sb.bytes);
    assert_int_equal(sa.bad_records, sb.bad_records);
    nw_source_free(a);
    nw_source_free(b);

    /* the batches of the mmap reader: the same frames as libpcap's, one by one */
    struct nw_source *c;
    if (nw_source_open_file(path, NULL, &c, &err) != 0)
        fail_msg("mmap reader: %s", err.msg);
    if (nw_source_open_file(path, &lib, &b, &err) != 0)
        fail_msg("libpcap: %s", err.msg);
    size_t m = 0;
    int rc;
    struct nw_frame fc[32];
    while ((rc = nw_source_next_batch(c, fc, 32, &err)) > 0) {
        for (int k = 0; k < rc; k++, m++) {
            struct nw_frame fb;
            if (nw_source_next(b, &fb, &err) != 1)
                fail_msg("%s frame %zu: libpcap ended before the batches", path, m);
            if (fc[k].ts_ns != fb.ts_ns || fc[k].caplen != fb.caplen ||
                fc[k].wire_len != fb.wire_len || fc[k].linktype != fb.linktype ||
                memcmp(fc[k].data, fb.data, fb.caplen) != 0)
                fail_msg("%s frame %zu: a batch's frame differs from libpcap's", path, m);
        }
    }
    assert_int_equal(rc, 0);
    assert_int_equal(m, n);
    nw_source_get_stats(c, &sc);
    assert_memory_equal(&sc, &sa, sizeof(sc));
    nw_source_free(c);
    nw_source_free(b);
    *frames += n;
}

static void test_same_as_libpcap(void **state)
{
    (void)state;
    const char *shared = getenv("AG_SHARED_DIR");
    assert_non_null(shared);
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/testdata/pcaps", shared);
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t files = 0, frames = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strstr(e->d_name, ".pcap"))
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        compare_file(path, &frames);
        files++;
    }
    closedir(d);
    assert_true(files >= 30);
    assert_true(frames > 10000);
    print_message("compared %zu files, %zu frames\n", files, frames);
}

/* ---- messages ---- */

/* The conversion specifiers of fmt in order ("s", "02x", …). */
/* Resident pages of the process (/proc/self/statm), in bytes. */
static long resident_bytes(void)
{
    long size = 0, res = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    assert_non_null(f);
    assert_int_equal(fscanf(f, "%ld %ld", &size, &res), 2);
    fclose(f);
    return res * sysconf(_SC_PAGESIZE);
}

/* A file of 40 MiB: the reader releases the pages it has read (8 MiB at a time) while the
 * frames go on, so no more than ~3 chunks of the file are resident at once; every frame still
 * reads back whole and in order. */
static void test_large_file_released(void **state)
{
    (void)state;
    enum { FRAMES = 28000, CAP = 1500 };
    char path[128];
    snprintf(path, sizeof(path), "%s/large.pcap", tmpdir);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    struct bb *b = calloc(1, sizeof(*b));
    assert_non_null(b);
    pcap_header(b, 0xa1b2c3d4, 65535, 1);
    assert_int_equal(fwrite(b->d, 1, b->n, out), b->n);
    for (uint32_t i = 0; i < FRAMES; i++) {
        b->n = 0;
        pcap_rec(b, 1000 + i, 0, CAP, CAP, (uint8_t)(i * 7));
        memcpy(b->d + 16, &i, sizeof(i)); /* the frame's number in its first bytes */
        assert_int_equal(fwrite(b->d, 1, b->n, out), b->n);
    }
    assert_int_equal(fclose(out), 0);
    free(b);

    struct nw_source *s;
    struct ag_error err = {0};
    assert_int_equal(nw_source_open_file(path, NULL, &s, &err), 0);
    struct nw_frame f;
    uint32_t n = 0;
    bool ok = true;
    long rss0 = resident_bytes(), grown = 0;
    while (nw_source_next(s, &f, &err) == 1) {
        if (n % 1000 == 0 && resident_bytes() - rss0 > grown)
            grown = resident_bytes() - rss0;
        uint32_t num;
        memcpy(&num, f.data, sizeof(num));
        ok &= num == n && f.caplen == CAP && f.ts_ns == (int64_t)(1000 + n) * 1000000000LL &&
              f.data[4] == (uint8_t)(n * 7) && f.data[CAP - 1] == (uint8_t)(n * 7);
        n++;
    }
    assert_true(ok);
    assert_int_equal(n, FRAMES);
    assert_true(grown < 28L << 20); /* without the release: the whole 40 MiB */
    struct nw_source_stats st;
    nw_source_get_stats(s, &st);
    assert_int_equal(st.frames, FRAMES);
    assert_int_equal(st.bad_records, 0);
    nw_source_free(s);
}

static void conversions(const char *fmt, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = strchr(fmt, '%'); p && k + 8 < cap; p = strchr(p, '%')) {
        p++;
        while (*p && !strchr("sdizuxXcpf", *p))
            out[k++] = *p++;
        if (*p)
            out[k++] = *p++;
        out[k++] = ',';
    }
    out[k] = '\0';
}

static void test_messages(void **state)
{
    (void)state;
    for (size_t i = 0; i < nw_msgs_source_count; i++) {
        const struct ag_msg *m = &nw_msgs_source[i];
        char a[64], b[64], c[64];
        conversions(m->key, a, sizeof(a));
        conversions(m->ja, b, sizeof(b));
        conversions(m->en, c, sizeof(c));
        assert_string_equal(m->key, m->en);
        if (strcmp(a, b) != 0 || strcmp(a, c) != 0)
            fail_msg("conversions differ in \"%s\"", m->key);
        assert_true(strncmp(m->key, "netwatch: ", 10) == 0);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/nw_source_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char p[512];
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "%s/%s", tmpdir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pcap_byte_orders_and_precisions),
        cmocka_unit_test(test_pcap_bad_records),
        cmocka_unit_test(test_pcapng_interfaces_and_sections),
        cmocka_unit_test(test_not_a_capture),
        cmocka_unit_test(test_pipe),
        cmocka_unit_test(test_bpf),
        cmocka_unit_test(test_live_no_such_interface),
        cmocka_unit_test(test_same_as_libpcap),
        cmocka_unit_test(test_large_file_released),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
