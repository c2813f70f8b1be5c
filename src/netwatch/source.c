/*
 * source.c — frames from capture files and live interfaces (the "Source" part of netwatch.h).
 * One thread per source; nothing here takes a lock, and nw_source_next allocates nothing
 * (except, once per new link type of a pcapng file, the BPF program compiled for it).
 *
 * Files are read by a reader of our own over a read-only private mapping of the whole file (or,
 * for a pipe or device, a buffer read once, capped at NW_STREAM_MAX): classic pcap in both byte
 * orders with microsecond, nanosecond and Kuznetzov magics, and pcapng (sections in either byte
 * order, interfaces with their own link type, snap length, if_tsresol and if_tsoffset; Enhanced,
 * Simple and obsolete Packet Blocks; other blocks skipped). Frames point into the mapping, so the
 * reader is pointer arithmetic plus bounds checks.
 *
 * Invariants of the reader: base <= pos <= end; every frame returned lies in [base, end); a
 * record is only trusted after its length was checked against what remains. A malformed record
 * is counted in bad_records and skipped when its length can still be trusted (the next record is
 * found), otherwise — a truncated tail, a block length that is not a multiple of 4, a record
 * length beyond any snap length — the rest of the file is given up (one more bad_record) and
 * the source ends: it never returns an error for the content of a file.
 *
 * opts->use_libpcap reads the file through libpcap instead (pcap_open_offline_with_tstamp_
 * precision, nanoseconds), with the same results on well-formed files (tests/unit/netwatch/
 * test_source.c compares both over the real captures); libpcap's own format errors also end the
 * file with one bad_record, and only an I/O error is fatal. Live interfaces go through libpcap
 * (pcap_create … pcap_activate) with a 100 ms buffer timeout, in non-blocking mode: when no
 * frame is ready nw_source_next polls libpcap's descriptor for at most 100 ms and returns 0, so
 * the caller gets control back at least ten times a second even on a silent interface.
 *
 * BPF filters: for files, compiled with pcap_open_dead per link type and run on every frame with
 * pcap_offline_filter (frames it rejects are counted in `filtered`); live, installed in the
 * kernel with pcap_setfilter (the kernel drops what it rejects: `filtered` stays 0).
 */
#define _DEFAULT_SOURCE /* u_char & co. in <pcap/pcap.h> */

#include "netwatch/netwatch_int.h"
#include "netwatch/dl_pcap.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define NW_SNAPLEN_DEFAULT 262144         /* libpcap's MAXIMUM_SNAPLEN */
#define NW_LIVE_TIMEOUT_MS 100            /* the CLI ticks at least this often */
#define NW_LIVE_BUFFER ((int)64 << 20)    /* kernel ring for a live capture */
#define NW_STREAM_MAX ((size_t)256 << 20) /* a pipe or device is read whole, up to this */
#define NW_NG_MAX_IFACES 65536            /* interfaces per pcapng section */
#define NW_BPF_SLOTS 8                    /* link types with a compiled filter per source */
#define NS_PER_S 1000000000ull
#ifndef NW_PREFETCH
#define NW_PREFETCH 1024
#endif
/* A mapped file's pages are released (MADV_DONTNEED) by this many bytes once read, so the
 * resident size stays near one chunk whatever the file's size (a multiple of the page size). */
#define NW_DROP_CHUNK ((size_t)8 << 20)

#define PCAP_MAGIC_US 0xa1b2c3d4u
#define PCAP_MAGIC_NS 0xa1b23c4du
#define PCAP_MAGIC_KUZ 0xa1b2cd34u /* Alexey Kuznetzov's patched libpcap: 24-byte records */
#define NG_SHB 0x0a0d0d0au
#define NG_IDB 1u
#define NG_PB 2u /* obsolete Packet Block */
#define NG_SPB 3u
#define NG_EPB 6u
#define NG_BOM 0x1a2b3c4du

enum src_kind { SRC_PCAP, SRC_PCAPNG, SRC_LIBPCAP, SRC_LIVE };

enum fast_kind {
    FAST_NONE,
    FAST_PCAP,   /* classic pcap with 16-byte records, lengths in order, no filter */
    FAST_PCAPNG, /* pcapng without filter: Enhanced Packet Blocks */
};

/* How an interface's time stamp units become nanoseconds. */
enum ts_scale {
    TS_MUL, /* decimal resolution up to 1 ns: ns = t * factor */
    TS_DIV, /* decimal resolution finer than 1 ns: ns = t / factor */
    TS_BIN, /* binary resolution 2^-shift s */
};

struct ng_iface {
    uint32_t linktype;
    uint32_t snaplen; /* adjusted as libpcap does: 0 or too large = the link type's maximum */
    uint8_t scale;    /* enum ts_scale */
    uint8_t shift;
    bool bad; /* the IDB was malformed: its packets are bad records */
    uint64_t factor;
    int64_t offset_s; /* if_tsoffset, seconds */
};

struct bpf_slot {
    uint32_t linktype;
    bool ok; /* false: the filter does not compile for this link type (frames are filtered) */
    struct bpf_program prog;
};

struct nw_source {
    enum src_kind kind;
    char *name; /* the path or the interface (for messages) */

    /* the file's bytes (own readers) */
    const uint8_t *base, *pos, *end;
    void *map; /* munmap'd at free (map_len bytes) */
    size_t map_len;
    const uint8_t *drop_at; /* mapping: pos past this releases what was read (release_read) */
    const uint8_t *dropped; /* mapping: [map, dropped) released already */
    uint8_t *heap;          /* freed at free: a pipe read whole */
    bool swap;              /* the file's (section's) byte order is not the host's */
    uint8_t fast;           /* enum fast_kind: next_fast reads the common records */

    /* classic pcap */
    uint32_t linktype; /* the file's / first interface's / the live interface's */
    uint32_t snaplen;
    uint32_t rec_hdr; /* 16, or 24 for the Kuznetzov format */
    uint32_t ts_mult; /* 1000 (µs) or 1 (ns); libpcap: 1, live: by precision */
    uint8_t len_swap; /* caplen and len swapped (as libpcap): 1 always (before 2.3, and
                         543.0), 2 when caplen > len (2.3) */

    /* pcapng: the current section's interfaces */
    struct ng_iface *ifaces;
    uint32_t nif, cap_if;
    bool skip_section; /* a section of an unknown major version: its packets are skipped */

    /* libpcap */
    pcap_t *pcap;
    int fd; /* live: libpcap's selectable descriptor, polled while no frame is ready */
    bool eof;

    /* BPF (files) */
    char *bpf;
    size_t nbpf;
    struct bpf_slot *bpf_last;
    struct bpf_slot bpf_slots[NW_BPF_SLOTS];

    struct nw_source_stats st;
    char warning[PCAP_ERRBUF_SIZE + 64];
};

/* ---- byte access (every caller has checked the length first) ---- */

static inline uint32_t rd32(const uint8_t *p, bool swap)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return swap ? __builtin_bswap32(v) : v;
}

static inline uint16_t rd16(const uint8_t *p, bool swap)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return swap ? __builtin_bswap16(v) : v;
}

static inline uint64_t rd64(const uint8_t *p, bool swap)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return swap ? __builtin_bswap64(v) : v;
}

static size_t offset_of(const struct nw_source *s, const uint8_t *p)
{
    return (size_t)(p - s->base);
}

/* ---- link types ---- */

/* LINKTYPE_ values whose DLT_ value differs on this system (pcap-common.c's table for Linux). */
static const struct {
    uint16_t linktype, dlt;
} lt_dlt[] = {{100, 11}, {101, 12}, {102, 15}, {103, 16}, {106, 19}};

static int linktype_to_dlt(uint32_t lt)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(lt_dlt); i++)
        if (lt_dlt[i].linktype == lt)
            return lt_dlt[i].dlt;
    return (int)lt;
}

static uint32_t dlt_to_linktype(int dlt)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(lt_dlt); i++)
        if (lt_dlt[i].dlt == dlt)
            return lt_dlt[i].linktype;
    return (uint32_t)dlt;
}

/* What the file says, except the old raw-IP value 12 (DLT_RAW written as is), which libpcap
 * reads as raw IP too: reported as LINKTYPE_RAW. */
static uint32_t file_linktype(uint32_t lt)
{
    return lt == 12 ? NW_LINK_RAW : lt;
}

/* libpcap's max_snaplen_for_dlt and pcapint_adjust_snapshot. */
static uint32_t adjust_snaplen(uint32_t linktype, uint32_t snaplen)
{
    uint32_t max = NW_SNAPLEN_DEFAULT;
    if (linktype == 231) /* D-Bus */
        max = 128u << 20;
    else if (linktype == 279) /* EBHSCR */
        max = 8u << 20;
    else if (linktype == 249) /* USBPcap */
        max = 1u << 20;
    return snaplen == 0 || snaplen > max ? max : snaplen;
}

/* ---- classic pcap ---- */

static int pcap_next_rec(struct nw_source *s, struct nw_frame *f)
{
    for (;;) {
        const uint8_t *p = s->pos;
        size_t rem = (size_t)(s->end - p);
        if (rem < s->rec_hdr) {
            if (rem != 0) /* a record header cut short */
                s->st.bad_records++;
            s->pos = s->end;
            return 0;
        }
        __builtin_prefetch(p + NW_PREFETCH);
        uint32_t sec = rd32(p, s->swap), frac = rd32(p + 4, s->swap);
        uint32_t caplen = rd32(p + 8, s->swap), len = rd32(p + 12, s->swap);
        if (s->len_swap && (s->len_swap == 1 || caplen > len)) {
            uint32_t t = caplen;
            caplen = len;
            len = t;
        }
        rem -= s->rec_hdr;
        if (caplen > s->snaplen || caplen > rem) {
            s->st.bad_records++;
            /* Beyond the link type's maximum the header is garbage (libpcap stops there too);
             * otherwise the record is skipped as long as it is complete. */
            if (caplen > rem || caplen > adjust_snaplen(s->linktype, 0)) {
                s->pos = s->end;
                return 0;
            }
            s->pos = p + s->rec_hdr + caplen;
            continue;
        }
        f->ts_ns = (int64_t)((uint64_t)sec * NS_PER_S + (uint64_t)frac * s->ts_mult);
        f->caplen = caplen;
        f->wire_len = len;
        f->linktype = s->linktype;
        f->iface = 0;
        f->data = p + s->rec_hdr;
        s->pos = f->data + caplen;
        return 1;
    }
}

static int open_pcap(struct nw_source *s, uint32_t magic, struct ag_error *err)
{
    size_t len = (size_t)(s->end - s->base);
    if (len < 24)
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: truncated pcap file header (%zu of 24 bytes)", s->name,
                            len);
    const uint8_t *h = s->base;
    s->swap = magic != PCAP_MAGIC_US && magic != PCAP_MAGIC_NS && magic != PCAP_MAGIC_KUZ;
    if (s->swap)
        magic = __builtin_bswap32(magic);
    unsigned major = rd16(h + 4, s->swap), minor = rd16(h + 6, s->swap);
    /* libpcap reads 2.0–2.4 and DG/UX's 543.0; before 2.3 caplen and len were swapped. */
    if (!((major == 2 && minor <= 4) || (major == 543 && minor == 0)))
        return ag_error_set(err, AG_EINVAL, "netwatch: %s: unsupported pcap version %u.%u", s->name,
                            major, minor);
    s->len_swap = major == 543 || minor < 3 ? 1 : minor == 3 ? 2 : 0;
    s->linktype = file_linktype(rd32(h + 20, s->swap) & 0x03ffffffu); /* FCS bits above */
    s->snaplen = adjust_snaplen(s->linktype, rd32(h + 16, s->swap));
    s->rec_hdr = magic == PCAP_MAGIC_KUZ ? 24 : 16;
    s->ts_mult = magic == PCAP_MAGIC_NS ? 1 : 1000;
    s->fast = s->rec_hdr == 16 && s->len_swap == 0 ? FAST_PCAP : FAST_NONE;
    s->pos = h + 24;
    s->kind = SRC_PCAP;
    return 0;
}

/* ---- pcapng ---- */

/* Time stamp units of an interface to nanoseconds since the epoch. */
static inline int64_t ng_ts(const struct ng_iface *ifc, uint64_t t)
{
    uint64_t ns;
    switch (ifc->scale) {
    case TS_MUL:
        ns = t * ifc->factor;
        break;
    case TS_DIV:
        ns = t / ifc->factor;
        break;
    default: {
        /* floor(frac * 10^9 / 2^shift) without overflow: frac < 2^shift <= 2^63 */
        uint64_t frac = t & ((1ull << ifc->shift) - 1), fns;
        if (ifc->shift <= 34) {
            fns = (frac * NS_PER_S) >> ifc->shift;
        } else {
            uint64_t hi = (frac >> 32) * NS_PER_S, lo = ((frac & 0xffffffffu) * NS_PER_S) >> 32;
            fns = (hi + lo) >> (ifc->shift - 32);
        }
        ns = (t >> ifc->shift) * NS_PER_S + fns;
    }
    }
    return (int64_t)(ns + (uint64_t)ifc->offset_s * NS_PER_S);
}

/* An Interface Description Block's body (after type and length, before the trailer). */
static void ng_add_iface(struct nw_source *s, const uint8_t *b, size_t blen)
{
    if (s->skip_section)
        return;
    if (s->nif >= NW_NG_MAX_IFACES) {
        s->st.bad_records++;
        return;
    }
    if (s->nif == s->cap_if) {
        uint32_t cap = s->cap_if ? s->cap_if * 2 : 4;
        struct ng_iface *n = realloc(s->ifaces, cap * sizeof(*n));
        if (!n) { /* its packets will be bad records */
            s->st.bad_records++;
            return;
        }
        s->ifaces = n;
        s->cap_if = cap;
    }
    struct ng_iface *ifc = &s->ifaces[s->nif++];
    memset(ifc, 0, sizeof(*ifc));
    ifc->scale = TS_MUL;
    ifc->factor = 1000; /* default resolution: microseconds */
    if (blen < 8) {
        ifc->bad = true;
        s->st.bad_records++;
        return;
    }
    ifc->linktype = file_linktype(rd16(b, s->swap));
    ifc->snaplen = adjust_snaplen(ifc->linktype, rd32(b + 4, s->swap));
    const uint8_t *o = b + 8, *oe = b + blen;
    while (oe - o >= 4) {
        unsigned code = rd16(o, s->swap), olen = rd16(o + 2, s->swap);
        size_t padded = ((size_t)olen + 3) & ~(size_t)3;
        if (code == 0)
            break;
        if (padded > (size_t)(oe - o) - 4) { /* an option running past its block */
            s->st.bad_records++;
            break;
        }
        const uint8_t *v = o + 4;
        if (code == 9 && olen == 1) { /* if_tsresol */
            unsigned r = v[0];
            if (r & 0x80) {
                ifc->scale = TS_BIN;
                ifc->shift = (uint8_t)(r & 0x7f);
                if (ifc->shift > 63) {
                    ifc->scale = TS_MUL;
                    s->st.bad_records++;
                }
            } else if (r <= 9) {
                ifc->factor = 1;
                for (unsigned i = r; i < 9; i++)
                    ifc->factor *= 10;
            } else if (r <= 19) {
                ifc->scale = TS_DIV;
                ifc->factor = 1;
                for (unsigned i = 9; i < r; i++)
                    ifc->factor *= 10;
            } else {
                s->st.bad_records++; /* 10^-r does not fit in 64 bits: keep µs */
            }
        } else if (code == 14 && olen == 8) { /* if_tsoffset */
            ifc->offset_s = (int64_t)rd64(v, s->swap);
        }
        o += 4 + padded;
    }
}

/* A Section Header Block: byte order already known; starts a new set of interfaces. */
static void ng_new_section(struct nw_source *s, const uint8_t *b, size_t blen)
{
    s->nif = 0;
    s->skip_section = blen < 16 || rd16(b + 4, s->swap) != 1;
    if (s->skip_section)
        s->st.bad_records++;
}

/* The next block at s->pos: 1 = a whole block (type, its body and length), 0 = the end (a
 * truncated or corrupt tail counted once). Sets the byte order at a Section Header Block. */
static int ng_block(struct nw_source *s, uint32_t *type, const uint8_t **body, size_t *blen)
{
    const uint8_t *p = s->pos;
    size_t rem = (size_t)(s->end - p);
    if (rem == 0)
        return 0;
    if (rem < 12)
        goto bad;
    __builtin_prefetch(p + NW_PREFETCH);
    uint32_t raw;
    memcpy(&raw, p, 4);
    if (raw == NG_SHB) { /* palindromic: the byte-order magic after the length says the order */
        uint32_t bom;
        memcpy(&bom, p + 8, 4);
        if (bom == NG_BOM)
            s->swap = false;
        else if (bom == __builtin_bswap32(NG_BOM))
            s->swap = true;
        else
            goto bad;
    }
    uint32_t len = rd32(p + 4, s->swap);
    if (len < 12 || len % 4 != 0 || len > rem || rd32(p + len - 4, s->swap) != len)
        goto bad;
    *type = s->swap ? __builtin_bswap32(raw) : raw;
    *body = p + 8;
    *blen = len - 12;
    s->pos = p + len;
    return 1;
bad:
    s->st.bad_records++;
    s->pos = s->end;
    return 0;
}

static int pcapng_next_rec(struct nw_source *s, struct nw_frame *f)
{
    uint32_t type;
    const uint8_t *b;
    size_t blen;
    while (ng_block(s, &type, &b, &blen)) {
        const struct ng_iface *ifc;
        uint32_t ifid, caplen, len;
        uint64_t t;
        switch (type) {
        case NG_EPB:
        case NG_PB:
            if (blen < 20)
                goto bad;
            ifid = type == NG_EPB ? rd32(b, s->swap) : rd16(b, s->swap);
            t = (uint64_t)rd32(b + 4, s->swap) << 32 | rd32(b + 8, s->swap);
            caplen = rd32(b + 12, s->swap);
            len = rd32(b + 16, s->swap);
            if (ifid >= s->nif)
                goto bad;
            ifc = &s->ifaces[ifid];
            if (ifc->bad || caplen > blen - 20 || caplen > ifc->snaplen)
                goto bad;
            f->data = b + 20;
            break;
        case NG_SPB:
            if (blen < 4 || s->nif == 0 || s->ifaces[0].bad)
                goto bad;
            ifid = 0;
            ifc = &s->ifaces[0];
            len = rd32(b, s->swap);
            caplen = len;
            if (caplen > ifc->snaplen)
                caplen = ifc->snaplen;
            if (caplen > blen - 4)
                caplen = (uint32_t)(blen - 4);
            t = 0; /* an SPB has no time stamp */
            f->data = b + 4;
            break;
        case NG_IDB:
            ng_add_iface(s, b, blen);
            continue;
        case NG_SHB:
            ng_new_section(s, b, blen);
            continue;
        default:
            continue;
        }
        f->ts_ns = ng_ts(ifc, t);
        f->caplen = caplen;
        f->wire_len = len;
        f->linktype = ifc->linktype;
        f->iface = ifid;
        return 1;
    bad:
        s->st.bad_records++;
    }
    return 0;
}

static int open_pcapng(struct nw_source *s, struct ag_error *err)
{
    size_t len = (size_t)(s->end - s->base);
    if (len < 28)
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: truncated pcapng section header (%zu of 28 bytes)",
                            s->name, len);
    uint32_t type;
    const uint8_t *b;
    size_t blen;
    s->pos = s->base;
    if (!ng_block(s, &type, &b, &blen) || blen < 16)
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: malformed pcapng section header (block length %u)",
                            s->name, rd32(s->base + 4, s->swap));
    unsigned major = rd16(b + 4, s->swap), minor = rd16(b + 6, s->swap);
    if (major != 1)
        return ag_error_set(err, AG_EINVAL, "netwatch: %s: unsupported pcapng version %u.%u",
                            s->name, major, minor);
    /* The link type of the file: its first interface's, which must come before any packet. */
    for (;;) {
        size_t at = offset_of(s, s->pos);
        if (!ng_block(s, &type, &b, &blen))
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: %s: pcapng file without an interface description",
                                s->name);
        if (type == NG_EPB || type == NG_SPB || type == NG_PB)
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: %s: pcapng packet before any interface description "
                                "(byte %zu)",
                                s->name, at);
        if (type == NG_IDB && blen >= 8) {
            s->linktype = file_linktype(rd16(b, s->swap));
            break;
        }
    }
    s->st.bad_records = 0;
    s->pos = s->base; /* read again from the first section header */
    s->kind = SRC_PCAPNG;
    s->fast = FAST_PCAPNG;
    return 0;
}

/* ---- libpcap (files and live) ---- */

static int lib_next(struct nw_source *s, struct nw_frame *f, struct ag_error *err)
{
    if (s->eof)
        return 0;
    struct pcap_pkthdr *h;
    const u_char *d;
    int r = pcap_next_ex(s->pcap, &h, &d);
    if (r == 0 && s->kind == SRC_LIVE) {
        /* Non-blocking: wait here, at most the timeout. (Blocking, libpcap's TPACKET_V3 ring
         * would sleep until a frame arrives, however long that takes.) */
        struct pollfd pfd = {.fd = s->fd, .events = POLLIN};
        int pr = poll(&pfd, 1, NW_LIVE_TIMEOUT_MS);
        if (pr < 0 && errno != EINTR)
            return ag_error_set(err, AG_EIO, "netwatch: interface %s: capture failed: %s", s->name,
                                strerror(errno));
        if (pr > 0)
            r = pcap_next_ex(s->pcap, &h, &d);
    }
    if (r == 1) {
        f->ts_ns =
            (int64_t)((uint64_t)h->ts.tv_sec * NS_PER_S + (uint64_t)h->ts.tv_usec * s->ts_mult);
        f->caplen = h->caplen;
        f->wire_len = h->len;
        f->linktype = s->linktype;
        f->iface = 0;
        f->data = d;
        return 1;
    }
    if (r == 0) /* live: the buffer timeout passed without a frame */
        return 0;
    if (r == PCAP_ERROR_BREAK) { /* the end of the file */
        s->eof = true;
        return 0;
    }
    const char *msg = pcap_geterr(s->pcap);
    if (s->kind == SRC_LIVE)
        return ag_error_set(err, AG_EIO, "netwatch: interface %s: capture failed: %s", s->name,
                            msg);
    /* A file: an I/O error is fatal; libpcap's complaints about the content (truncated, an
     * absurd length …) end the file like the own reader does. */
    if (strncmp(msg, "error reading", 13) == 0) {
        long at = ftell(pcap_file(s->pcap));
        return ag_error_set(err, AG_EIO, "netwatch: %s: read error near byte %ld: %s", s->name, at,
                            msg);
    }
    s->st.bad_records++;
    s->eof = true;
    return 0;
}

static int open_libpcap_file(struct nw_source *s, const char *path, struct ag_error *err)
{
    char eb[PCAP_ERRBUF_SIZE] = "";
    int lrc = ag_dynlib_load(&ag_pcap_lib, err);
    if (lrc)
        return lrc;
    s->pcap = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, eb);
    if (!s->pcap)
        return ag_error_set(err, AG_EINVAL, "netwatch: %s: libpcap cannot read the file: %s", path,
                            eb);
    s->kind = SRC_LIBPCAP;
    s->ts_mult = 1;
    s->linktype = dlt_to_linktype(pcap_datalink(s->pcap));
    s->snaplen = (uint32_t)pcap_snapshot(s->pcap);
    return 0;
}

/* ---- BPF ---- */

/* The slot of a link type, compiled on first use; why (if not NULL) gets libpcap's complaint
 * when the filter does not compile for it. */
static struct bpf_slot *bpf_for(struct nw_source *s, uint32_t linktype, char *why, size_t why_len)
{
    static struct bpf_slot none; /* no slot left: frames of further link types are filtered */
    for (size_t i = 0; i < s->nbpf; i++)
        if (s->bpf_slots[i].linktype == linktype)
            return &s->bpf_slots[i];
    if (s->nbpf == NW_BPF_SLOTS)
        return &none;
    struct bpf_slot *b = &s->bpf_slots[s->nbpf++];
    b->linktype = linktype;
    b->ok = false;
    pcap_t *dead = pcap_open_dead(linktype_to_dlt(linktype), NW_SNAPLEN_DEFAULT);
    if (!dead) {
        if (why)
            snprintf(why, why_len, "out of memory");
        return b;
    }
    b->ok = pcap_compile(dead, &b->prog, s->bpf, 1, PCAP_NETMASK_UNKNOWN) == 0;
    if (!b->ok && why)
        snprintf(why, why_len, "%s", pcap_geterr(dead));
    pcap_close(dead);
    return b;
}

static inline bool bpf_pass(struct nw_source *s, const struct nw_frame *f)
{
    struct bpf_slot *b = s->bpf_last;
    if (!b || b->linktype != f->linktype)
        s->bpf_last = b = bpf_for(s, f->linktype, NULL, 0);
    if (!b->ok)
        return false;
    struct pcap_pkthdr h = {.caplen = f->caplen, .len = f->wire_len};
    return pcap_offline_filter(&b->prog, &h, f->data) != 0;
}

/* Compiles the filter for the file's first link type, so a bad expression is an error at once. */
static int setup_bpf(struct nw_source *s, const struct nw_source_opts *opts, struct ag_error *err)
{
    if (!opts || !opts->bpf || !opts->bpf[0])
        return 0;
    int lrc = ag_dynlib_load(&ag_pcap_lib, err);
    if (lrc)
        return lrc;
    s->fast = FAST_NONE;
    s->bpf = strdup(opts->bpf);
    if (!s->bpf)
        return ag_error_set(err, AG_ENOMEM, "netwatch: out of memory");
    char why[PCAP_ERRBUF_SIZE] = "";
    struct bpf_slot *b = bpf_for(s, s->linktype, why, sizeof(why));
    if (!b->ok)
        return ag_error_set(err, AG_EUSAGE, "netwatch: bad BPF filter \"%s\": %s", opts->bpf, why);
    s->bpf_last = b;
    return 0;
}

/* ---- opening and closing ---- */

static struct nw_source *source_new(const char *name)
{
    struct nw_source *s = calloc(1, sizeof(*s));
    if (!s)
        return NULL;
    s->name = strdup(name);
    if (!s->name) {
        free(s);
        return NULL;
    }
    return s;
}

/* Recognises the format of s->base[0..len) and prepares the reader. */
static int open_content(struct nw_source *s, struct ag_error *err)
{
    size_t len = (size_t)(s->end - s->base);
    if (len == 0)
        return ag_error_set(err, AG_EINVAL, "netwatch: %s: empty file, not a capture", s->name);
    if (len < 4)
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: not a capture file (pcap or pcapng): only %zu bytes",
                            s->name, len);
    const uint8_t *p = s->base;
    uint32_t magic;
    memcpy(&magic, p, 4);
    uint32_t sw = __builtin_bswap32(magic);
    if (magic == NG_SHB)
        return open_pcapng(s, err);
    if (magic == PCAP_MAGIC_US || magic == PCAP_MAGIC_NS || magic == PCAP_MAGIC_KUZ ||
        sw == PCAP_MAGIC_US || sw == PCAP_MAGIC_NS || sw == PCAP_MAGIC_KUZ)
        return open_pcap(s, magic, err);
    const char *packed = p[0] == 0x1f && p[1] == 0x8b                                   ? "gzip"
                         : p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd ? "zstd"
                         : p[0] == 0xfd && p[1] == '7' && p[2] == 'z' && p[3] == 'X'    ? "xz"
                         : p[0] == 'B' && p[1] == 'Z' && p[2] == 'h'                    ? "bzip2"
                                                                                        : NULL;
    if (packed)
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: compressed (%s), not a capture: decompress it first",
                            s->name, packed);
    return ag_error_set(err, AG_EINVAL,
                        "netwatch: %s: not a capture file (pcap or pcapng): it starts with "
                        "%02x %02x %02x %02x",
                        s->name, p[0], p[1], p[2], p[3]);
}

int nw_source_open_buffer(const void *data, size_t len, const char *name,
                          const struct nw_source_opts *opts, struct nw_source **out,
                          struct ag_error *err)
{
    *out = NULL;
    struct nw_source *s = source_new(name ? name : "(buffer)");
    if (!s)
        return ag_error_set(err, AG_ENOMEM, "netwatch: out of memory");
    s->base = s->pos = data;
    s->end = s->base + len;
    int rc = open_content(s, err);
    if (rc == 0)
        rc = setup_bpf(s, opts, err);
    if (rc != 0) {
        nw_source_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* Reads a pipe or device whole into a buffer of at most NW_STREAM_MAX bytes. */
static int read_stream(int fd, const char *path, uint8_t **buf, size_t *len, struct ag_error *err)
{
    size_t cap = 1 << 20, n = 0;
    uint8_t *b = malloc(cap);
    if (!b)
        return ag_error_set(err, AG_ENOMEM, "netwatch: out of memory");
    for (;;) {
        if (n == cap) {
            if (cap >= NW_STREAM_MAX) {
                free(b);
                return ag_error_set(err, AG_ENOMEM,
                                    "netwatch: %s: more than %zu MiB from a pipe or device; save "
                                    "it to a file first",
                                    path, NW_STREAM_MAX >> 20);
            }
            uint8_t *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return ag_error_set(err, AG_ENOMEM, "netwatch: out of memory");
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, b + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            free(b);
            return ag_error_set(err, AG_EIO, "netwatch: %s: read error: %s", path, strerror(e));
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *buf = b;
    *len = n;
    return 0;
}

int nw_source_open_file(const char *path, const struct nw_source_opts *opts, struct nw_source **out,
                        struct ag_error *err)
{
    *out = NULL;
    struct nw_source *s = source_new(path);
    if (!s)
        return ag_error_set(err, AG_ENOMEM, "netwatch: out of memory");
    int rc = 0, fd = -1;
    if (opts && opts->use_libpcap) {
        rc = open_libpcap_file(s, path, err);
        goto filter;
    }
    bool std_in = strcmp(path, "-") == 0;
    fd = std_in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        rc = ag_error_set(err, e == ENOENT ? AG_ENOTFOUND : AG_EIO, "netwatch: %s: cannot open: %s",
                          path, strerror(e));
        goto out;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        rc = ag_error_set(err, AG_EIO, "netwatch: %s: cannot open: %s", path, strerror(errno));
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        rc = ag_error_set(err, AG_EINVAL, "netwatch: %s: a directory, not a capture file", path);
        goto out;
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
        s->map_len = (size_t)st.st_size;
        s->map = mmap(NULL, s->map_len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (s->map == MAP_FAILED) {
            s->map = NULL;
            rc = ag_error_set(err, AG_EIO, "netwatch: %s: cannot map into memory: %s", path,
                              strerror(errno));
            goto out;
        }
        (void)posix_madvise(s->map, s->map_len, POSIX_MADV_SEQUENTIAL);
        s->base = s->map;
        s->end = s->base + s->map_len;
        s->dropped = s->base;
        s->drop_at = s->base + 2 * NW_DROP_CHUNK;
    } else if (S_ISREG(st.st_mode)) {
        s->base = s->end = (const uint8_t *)""; /* empty: open_content names it */
    } else {
        size_t n = 0;
        rc = read_stream(fd, path, &s->heap, &n, err);
        if (rc != 0)
            goto out;
        s->base = s->heap;
        s->end = s->base + n;
    }
    s->pos = s->base;
    rc = open_content(s, err);
filter:
    if (rc == 0)
        rc = setup_bpf(s, opts, err);
out:
    if (fd >= 0 && fd != STDIN_FILENO)
        close(fd);
    if (rc != 0) {
        nw_source_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int nw_source_open_live(const char *iface, const struct nw_source_opts *opts,
                        struct nw_source **out, struct ag_error *err)
{
    *out = NULL;
    char eb[PCAP_ERRBUF_SIZE] = "";
    int lrc = ag_dynlib_load(&ag_pcap_lib, err);
    if (lrc)
        return lrc;
    struct nw_source *s = source_new(iface);
    if (!s)
        return ag_error_set(err, AG_ENOMEM, "netwatch: out of memory");
    int rc = 0;
    s->kind = SRC_LIVE;
    s->pcap = pcap_create(iface, eb);
    if (!s->pcap) {
        rc = ag_error_set(err, AG_EIO, "netwatch: interface %s: %s", iface, eb);
        goto out;
    }
    int snaplen = opts && opts->snaplen > 0 ? opts->snaplen : NW_SNAPLEN_DEFAULT;
    pcap_set_snaplen(s->pcap, snaplen);
    pcap_set_promisc(s->pcap, opts && opts->promisc);
    pcap_set_timeout(s->pcap, NW_LIVE_TIMEOUT_MS);
    pcap_set_buffer_size(s->pcap, NW_LIVE_BUFFER);
    (void)pcap_set_tstamp_precision(s->pcap, PCAP_TSTAMP_PRECISION_NANO); /* else µs */
    int a = pcap_activate(s->pcap);
    const char *msg = pcap_geterr(s->pcap);
    switch (a) {
    case 0:
        break;
    case PCAP_ERROR_NO_SUCH_DEVICE:
        rc = ag_error_set(err, AG_ENOTFOUND, "netwatch: interface %s does not exist (%s)", iface,
                          msg);
        goto out;
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
        rc = ag_error_set(err, AG_EDENIED,
                          "netwatch: interface %s: permission denied (capturing needs root or the "
                          "capabilities CAP_NET_RAW and CAP_NET_ADMIN): %s",
                          iface, msg);
        goto out;
    case PCAP_ERROR_IFACE_NOT_UP:
        rc = ag_error_set(err, AG_EIO, "netwatch: interface %s is not up", iface);
        goto out;
    default:
        if (a < 0) {
            rc = ag_error_set(err, AG_EIO, "netwatch: interface %s: %s (%s)", iface,
                              pcap_statustostr(a), msg);
            goto out;
        }
        /* a warning (promiscuous mode or time stamp type not supported …): kept for the CLI */
        snprintf(s->warning, sizeof(s->warning), "%s: %s", pcap_statustostr(a),
                 a == PCAP_WARNING ? msg : "");
        break;
    }
    s->fd = pcap_get_selectable_fd(s->pcap);
    if (s->fd < 0 || pcap_setnonblock(s->pcap, 1, eb) != 0) {
        rc = ag_error_set(err, AG_EIO, "netwatch: interface %s: %s", iface,
                          s->fd < 0 ? "no selectable descriptor" : eb);
        goto out;
    }
    s->ts_mult = pcap_get_tstamp_precision(s->pcap) == PCAP_TSTAMP_PRECISION_NANO ? 1 : 1000;
    s->linktype = dlt_to_linktype(pcap_datalink(s->pcap));
    s->snaplen = (uint32_t)pcap_snapshot(s->pcap);
    if (opts && opts->bpf && opts->bpf[0]) {
        struct bpf_program prog;
        bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
        if (pcap_lookupnet(iface, &net, &mask, eb) != 0)
            mask = PCAP_NETMASK_UNKNOWN;
        if (pcap_compile(s->pcap, &prog, opts->bpf, 1, mask) != 0) {
            rc = ag_error_set(err, AG_EUSAGE, "netwatch: bad BPF filter \"%s\": %s", opts->bpf,
                              pcap_geterr(s->pcap));
            goto out;
        }
        int f = pcap_setfilter(s->pcap, &prog);
        pcap_freecode(&prog);
        if (f != 0) {
            rc = ag_error_set(err, AG_EIO, "netwatch: interface %s: cannot set the filter: %s",
                              iface, pcap_geterr(s->pcap));
            goto out;
        }
    }
out:
    if (rc != 0) {
        nw_source_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

/* Every kind of source, with the filter and the counters. */
static __attribute__((noinline)) int next_any(struct nw_source *s, struct nw_frame *f,
                                              struct ag_error *err)
{
    for (;;) {
        int r;
        if (s->kind == SRC_PCAP)
            r = pcap_next_rec(s, f);
        else if (s->kind == SRC_PCAPNG)
            r = pcapng_next_rec(s, f);
        else
            r = lib_next(s, f, err);
        if (r <= 0)
            return r;
        if (f->wire_len < f->caplen) /* the contract: wire_len >= caplen */
            f->wire_len = f->caplen;
        if (s->bpf && !bpf_pass(s, f)) {
            s->st.filtered++;
            continue;
        }
        s->st.frames++;
        s->st.bytes += f->wire_len;
        return 1;
    }
}

/* The common cases, with nothing to save: a well-formed record of a classic pcap file, or an
 * Enhanced Packet Block of a known interface, without filter. 1 = a frame; 0 = let next_any
 * handle the record (it reads it again from s->pos, which is left unchanged). */
static inline int next_fast(struct nw_source *s, struct nw_frame *f)
{
    const uint8_t *p = s->pos;
    size_t rem = (size_t)(s->end - p);
    uint32_t caplen, len;
    __builtin_prefetch(p + NW_PREFETCH);
    if (s->fast == FAST_PCAP) {
        if (rem < 16)
            return 0;
        caplen = rd32(p + 8, s->swap);
        if (caplen > s->snaplen || caplen > rem - 16)
            return 0;
        len = rd32(p + 12, s->swap);
        f->ts_ns = (int64_t)((uint64_t)rd32(p, s->swap) * NS_PER_S +
                             (uint64_t)rd32(p + 4, s->swap) * s->ts_mult);
        f->linktype = s->linktype;
        f->iface = 0;
        f->data = p + 16;
        s->pos = p + 16 + caplen;
    } else {
        if (rem < 32 || rd32(p, s->swap) != NG_EPB)
            return 0;
        uint32_t blen = rd32(p + 4, s->swap), ifid = rd32(p + 8, s->swap);
        if (blen < 32 || blen % 4 != 0 || blen > rem || rd32(p + blen - 4, s->swap) != blen ||
            ifid >= s->nif)
            return 0;
        const struct ng_iface *ifc = &s->ifaces[ifid];
        caplen = rd32(p + 20, s->swap);
        if (ifc->bad || caplen > blen - 32 || caplen > ifc->snaplen)
            return 0;
        len = rd32(p + 24, s->swap);
        f->ts_ns = ng_ts(ifc, (uint64_t)rd32(p + 12, s->swap) << 32 | rd32(p + 16, s->swap));
        f->linktype = ifc->linktype;
        f->iface = ifid;
        f->data = p + 28;
        s->pos = p + blen;
    }
    len = len < caplen ? caplen : len;
    f->caplen = caplen;
    f->wire_len = len;
    s->st.frames++;
    s->st.bytes += len;
    return 1;
}

/* Releases the mapped pages read so far except the last chunk: the frame just returned (and a
 * pcapng block still being read) lie in it. The mapping is private and read-only, so a page
 * released is only dropped from the resident set; touched again, it is read again from the
 * page cache. */
static __attribute__((noinline)) void release_read(struct nw_source *s)
{
    const uint8_t *upto = s->pos - NW_DROP_CHUNK;
    size_t n = (size_t)(upto - s->dropped) & ~(NW_DROP_CHUNK - 1);
    if (n) {
        (void)madvise((void *)(uintptr_t)s->dropped, n, MADV_DONTNEED);
        s->dropped += n;
    }
    s->drop_at = s->dropped + 2 * NW_DROP_CHUNK;
}

/* Classic pcap records without filter, as many as fit in f[0..max) and are well formed (the
 * first that is not is left at s->pos for next_any), in the byte order swap (a constant where
 * it is called: one loop each, without a test per field). The counters are added once. */
static inline __attribute__((always_inline)) unsigned
batch_pcap(struct nw_source *s, struct nw_frame *f, unsigned max, bool swap)
{
    const uint8_t *p = s->pos, *end = s->end;
    const uint32_t snaplen = s->snaplen, linktype = s->linktype;
    const uint64_t mult = s->ts_mult;
    uint64_t bytes = 0;
    unsigned n = 0;
    while (n < max) {
        size_t rem = (size_t)(end - p);
        if (rem < 16)
            break;
        __builtin_prefetch(p + NW_PREFETCH);
        uint32_t caplen = rd32(p + 8, swap);
        if (caplen > snaplen || caplen > rem - 16)
            break;
        uint32_t len = rd32(p + 12, swap);
        len = len < caplen ? caplen : len;
        struct nw_frame *o = &f[n++];
        o->ts_ns = (int64_t)((uint64_t)rd32(p, swap) * NS_PER_S + rd32(p + 4, swap) * mult);
        o->caplen = caplen;
        o->wire_len = len;
        o->linktype = linktype;
        o->iface = 0;
        o->data = p + 16;
        bytes += len;
        p += 16 + (size_t)caplen;
    }
    s->pos = p;
    s->st.frames += n;
    s->st.bytes += bytes;
    return n;
}

int nw_source_next_batch(struct nw_source *s, struct nw_frame *f, unsigned max,
                         struct ag_error *err)
{
    if (max == 0)
        return 0;
    if (s->map && s->pos >= s->drop_at)
        release_read(s); /* the frames of the previous call are done with */
    unsigned n = 0;
    if (s->fast == FAST_PCAP)
        n = s->swap ? batch_pcap(s, f, max, true) : batch_pcap(s, f, max, false);
    else if (s->fast == FAST_PCAPNG)
        while (n < max && next_fast(s, &f[n]))
            n++;
    if (n)
        return (int)n;
    return next_any(s, f, err); /* one frame, the end, or an error */
}

int nw_source_next(struct nw_source *s, struct nw_frame *f, struct ag_error *err)
{
    if (s->map && s->pos >= s->drop_at)
        release_read(s);
    if (s->fast && next_fast(s, f))
        return 1;
    return next_any(s, f, err);
}

void nw_source_get_stats(struct nw_source *s, struct nw_source_stats *out)
{
    if (s->kind == SRC_LIVE) {
        struct pcap_stat ps;
        if (pcap_stats(s->pcap, &ps) == 0) {
            s->st.kernel_drops = ps.ps_drop;
            s->st.if_drops = ps.ps_ifdrop;
        }
    }
    *out = s->st;
}

uint32_t nw_source_linktype(const struct nw_source *s)
{
    return s->linktype;
}

const char *nw_source_warning(const struct nw_source *s)
{
    return s->warning[0] ? s->warning : NULL;
}

void nw_source_free(struct nw_source *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nbpf; i++)
        if (s->bpf_slots[i].ok)
            pcap_freecode(&s->bpf_slots[i].prog);
    if (s->pcap)
        pcap_close(s->pcap);
    if (s->map)
        munmap(s->map, s->map_len);
    free(s->heap);
    free(s->ifaces);
    free(s->bpf);
    free(s->name);
    free(s);
}
