/*
 * detect.c — watching mode: the nine detectors of issue 6 over decoded packets and their flows,
 * alerts aggregated per (type, key) per window of packet time (docs/netwatch.md, "Detectors").
 * One thread per capture; nothing here allocates after nw_detect_new (every table is fixed
 * and counts what it cannot hold) and nothing blocks.
 *
 * Cost per packet, in the common case of a known device in an allowed conversation: one lookup
 * of the sender in the baseline's assets, one table look-up of the 64 K-entry /16 map of internal
 * IPv4 ranges per address, and for UDP/ICMP/SYN packets one lookup in the flood table. The
 * allowlist is consulted only when a flow is created; ARP and IPv6 have their own paths.
 *
 * The silence detector (baseline_deviation, reason "silent") costs a store of the sender's time
 * per packet and a scan of the baseline assets with a learned longest gap once per second.
 *
 * Invariants: windows are aligned to multiples of window_s of packet time; pending alerts, the
 * flood and the scan tables hold the current window only and are emptied when it closes; the
 * ARP tables, the current hour's volumes and the devices' last packets persist across windows.
 */
#include "netwatch/netwatch_int.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_PER_S 1000000000LL
#define NS_PER_HOUR (3600 * NS_PER_S)

/* Defaults (docs/netwatch.md, "Detectors"). */
#define DEF_WINDOW_S 60
#define DEF_SYN_PER_S 200
#define DEF_UDP_PER_S 10000
#define DEF_ICMP_PER_S 100
#define DEF_SCAN_PORTS 100
#define DEF_FACTOR 10.0
#define DEF_SILENCE_FACTOR 3.0
#define DEF_SILENCE_MIN_S 30
#define HALFOPEN_MIN_SYN 500 /* SYNs to one destination in a window before the ratio counts */
#define HALFOPEN_RATIO 0.9
#define DEV_FLOOR_PKTS 1000     /* baseline_deviation: an hour above factor × learned must also */
#define DEV_FLOOR_BYTES 1000000 /* reach one of these, so tiny profiles do not alert on noise */
#define MAX_GAP_HOURS 168       /* hours without any packet evaluated one by one, at most */
#define ARP_SOLICIT_NS (1 * NS_PER_S)   /* a reply this soon after a request answers it */
#define ARP_PROBE_NS (2 * NS_PER_S)     /* a probe answered this soon: a conflict */
#define ARP_CONFLICT_NS (10 * NS_PER_S) /* two owners heard this close together: a conflict */
#define ARP_FLIP_NS (300 * NS_PER_S)    /* back to the previous MAC this soon: a flip-flop */

/* Caps of the fixed tables. The fuzz preset builds with NW_DETECT_SMALL_CAPS: the same code
 * with caps a fuzz input can reach, and a detector that costs microseconds to create instead
 * of clearing megabytes under ASan for every input (~30 ms: 900 inputs a minute). */
#ifndef NW_DETECT_SMALL_CAPS
#define MAX_PENDING 8192
#define MAX_FLOOD 65536
#define MAX_PAIRS 131072
#define MAX_SCAN_COUNTS 32768
#define MAX_SCAN_SRCS 8192
#define MAX_ARP_IPS 32768
#define MAX_ARP_MACS 32768
#define MAX_FLAGGED 4096
#else
#define MAX_PENDING 16
#define MAX_FLOOD 16
#define MAX_PAIRS 32
#define MAX_SCAN_COUNTS 16
#define MAX_SCAN_SRCS 8
#define MAX_ARP_IPS 16
#define MAX_ARP_MACS 16
#define MAX_FLAGGED 8
#endif

static const struct {
    const char *name, *refs, *ids;
} types[NW_ALERT_COUNT] = {
    [NW_ALERT_NEW_DEVICE] = {"new_device", "2.1.2, 3.1.5.2(4)(a)",
                             "2.1.2.i3, 3.1.5.2-4-a.m2, 3.1.5.2-4-a.m4.x6"},
    [NW_ALERT_NEW_CONVERSATION] = {"new_conversation", "2.1.2, 3.1.5.2(4)(a)",
                                   "2.1.2.i3, 3.1.5.2-4-a.m4.x3"},
    [NW_ALERT_EXTERNAL] = {"external_communication", "2.1.2, 3.1.5.1(2)(d)②, 3.1.5.2(4)(a)",
                           "2.1.2.i1, 2.1.2.i3, 3.1.5.1-2-d-c2.m1, 3.1.5.2-4-a.m4.x11"},
    [NW_ALERT_IPV6_UNEXPECTED] = {"ipv6_unexpected", "3.1.5.2(4)(d)", "3.1.5.2-4-d.m1.x2"},
    [NW_ALERT_FLOOD] = {"flood", "3.1.5.1(2)(c), 3.2.2.1(1)③, 5.1(2), 5.1(3)",
                        "3.1.5.1-2-c.m2.x2, 3.1.5.1-2-c.m2.x3, 3.2.2.1-1-c3.m1, 5.1-2, 5.1-3"},
    [NW_ALERT_PORT_SCAN] = {"port_scan", "2.1.2, 3.1.5.1(2)(d)②, 3.2.2.1(1)",
                            "2.1.2.i1, 3.1.5.1-2-d-c2.m1, 3.2.2.1-1.p"},
    [NW_ALERT_ARP_SPOOF] = {"arp_spoof", "3.1.5.2(4)(a), 2.1.2",
                            "3.1.5.2-4-a.m2, 3.1.5.2-4-a.m4.x6, 2.1.2.i1"},
    [NW_ALERT_IP_CONFLICT] = {"ip_conflict", "3.1.5.2(4)(a), 3.2.2.1(1)",
                              "3.1.5.2-4-a.m4.x6, 3.2.2.1-1.p"},
    [NW_ALERT_BASELINE_DEVIATION] = {"baseline_deviation", "3.2.2.1, 3.2.2.1(1)",
                                     "3.2.2.1.g, 3.2.2.1-1.p"},
};

const char *nw_alert_type_name(enum nw_alert_type t)
{
    return (unsigned)t < NW_ALERT_COUNT ? types[t].name : "unknown";
}

/* ---- the state ---- */

/* Why an ARP alert was raised (its detail). */
enum arp_why {
    ARP_GRATUITOUS = 1,
    ARP_UNSOLICITED,
    ARP_OTHER_IP, /* the new MAC claims another IP of the site already */
    ARP_FLIPFLOP,
    ARP_BOTH_CLAIM,
    ARP_PROBE_ANSWERED,
    ARP_AFTER_PROBE,
};

struct pkey {
    uint8_t type, pad;
    struct nw_conv c;
};

/* One pending alert of the current window. */
struct pend {
    struct pkey k;
    struct nw_alert a;
    uint64_t n2;     /* new_conversation: packets; new_device: bytes; external: DNS queries */
    uint8_t why;     /* ARP: enum arp_why; ipv6: the first ICMPv6 type + 1 */
    bool flip;       /* ARP: a flip back to an earlier MAC was among the events */
    uint8_t mac2[6]; /* ARP: the other MAC */
    char name[NW_NAME_MAX + 1]; /* external: the first DNS query name */
};

enum { K_SYN, K_UDP, K_ICMP, K_COUNT };

struct flood {
    struct nw_akey k; /* destination */
    bool many_src;
    uint8_t src[16];
    uint16_t vlan;
    uint32_t sec; /* d->sec_no of cur[] */
    uint32_t cur[K_COUNT], peak[K_COUNT];
    uint64_t total[K_COUNT];
    uint64_t completed, reset;
    int64_t first_ns, last_ns;
};

struct scan_src {
    struct nw_akey k;
    uint16_t vlan, hport;
    uint8_t hproto;
    uint8_t vdst[16];
    uint32_t vmax, hmax;     /* most ports on one host, most hosts on one port */
    uint32_t vhosts, hports; /* hosts / ports that reached scan_ports */
    uint64_t probes;
    int64_t first_ns, last_ns;
};

/* A set or a counter keyed by a 64-bit hash (never 0), fixed size. */
struct hcount {
    uint64_t *k;
    uint32_t *n;
    uint32_t *pos; /* the slots used, so that clearing costs what was used */
    uint32_t mask, used, max;
};

struct arp_ip {
    uint8_t ip[4];
    uint16_t vlan; /* key: ip + vlan */
    bool owned;
    uint8_t last_class; /* the alert type of the last change + 1, 0 = none */
    uint8_t mac[6], prev[6], probe_mac[6], conflict_mac[6];
    int64_t owner_ns, change_ns, req_ns, probe_ns, conflict_ns;
};

struct arp_mac {
    uint8_t mac[6], pad[2]; /* key */
    uint32_t nips;          /* IPs it owns in the table */
};

struct flagged {
    uint32_t hash;
    uint16_t a_port, b_port;
    int64_t first_ns; /* key: the flow */
    uint32_t pend;    /* its new_conversation alert */
};

struct nw_detect {
    struct nw_watch_config cfg;
    const struct nw_baseline *bl;
    /* per baseline asset, its MAC as mac_word when it can be a packet's sender by its MAC, else
     * MEMO_NO_KEY (an IP, a group or the zero MAC): a hinted asset is the packet's sender when its
     * word equals the packet's source MAC (the baseline is not changed while it is used) */
    uint64_t *memo_key;
    uint32_t nmemo_key;
    uint32_t gen; /* the memo tag of this window (nw_memo_tag_new): flows memoized in it */
    nw_alert_fn emit;
    void *arg;
    struct nw_detect_stats st;

    struct nw_cidr *internal; /* the configured (or default) ranges + the ones always inside */
    size_t ninternal;
    uint8_t v4map[65536]; /* per /16: 0 outside, 1 inside, 2 look at the list */
    uint16_t *v6vlans;

    /* packet-time clock */
    bool started;
    int64_t watch_start, last_ts;
    int64_t sec_end, win_start, win_end, hour_slot, hour_end;
    uint32_t sec_no;
    int64_t window_ns;
    int32_t utc_offset; /* hours of day: the site's time zone (cfg, else the baseline's) */
    char zone[12];      /* "UTC" or "UTC+09:00", for the details */

    struct nw_table pend, flood, scan, arp_ips, arp_macs, flagged;
    struct hcount pairs, vert, horiz;

    /* baseline_deviation: what each baseline asset sent in the current hour */
    uint64_t *cur_pk, *cur_by;
    uint64_t hour_pkts; /* packets of any device in the current hour: 0 = a capture gap */
    uint32_t seconds[24], days[24];

    /* baseline_deviation, silence: per baseline asset its last packet in this watch (0 = not
     * seen yet) and whether its current silence was reported; the assets with a learned
     * longest gap (gap_idx) and their thresholds */
    int64_t *seen_ns, *silence_ns;
    uint8_t *silent;
    uint32_t *gap_idx;
    size_t ngap;
    int64_t gap_end;     /* the last packet after a capture gap: silences count from here */
    int64_t sil_due;     /* no silence can be due before (a lower bound; silence_check) */
    int64_t silence_min; /* ns */
};

/* ---- the per-flow memo ----
 *
 * What never changes for a flow within a window is remembered in its entry, so that a packet of
 * a known flow costs comparisons instead of look-ups (docs/netwatch.md, "nwdetect"). The fields
 * are detect.c's (nw_flow.hint[2], hint[3], flood_hint; zero when the flow is created):
 *   hint[2]     per direction (low 16 bits a→b, high b→a) the index + 1 of the sender's baseline
 *               asset when the sender is a MAC; kept across windows and checked against the
 *               packet's source MAC (memo_key: a flow's sender MAC may change — a router, a man
 *               in the middle — and learning writes its own indexes here);
 *   hint[3]     the tag of the window in which flood_hint was written (d->gen, from a
 *               process-wide counter: no two windows of any detector share one); any other
 *               value: flood_hint says nothing;
 *   flood_hint  per direction (bits 0–14 a→b, 16–30 b→a) the flood entry + 1 of the packet's
 *               destination; bit 15 MEMO_INSIDE: the flow's IP checks say nothing (both ends
 *               inside and no IPv6 policy to apply, or a flow without IP); bit 31 MEMO_FLAGGED:
 *               the flow has a new_conversation alert pending in this window.
 * The flood entry and MEMO_INSIDE are written only for a flow keyed by its IP addresses whose
 * packet has them (flow->ip_version == pkt->ip_version): every later packet of the flow has the
 * same addresses (flow.c keys flows by them), so a direction's destination and source and the
 * verdict of the internal ranges are the flow's. A new window (window_flush) takes a new tag:
 * the flood table and the pending conversations are emptied then, and each flow's first packet
 * of the window goes the slow way and writes the memo again. */
#define MEMO_NO_KEY UINT64_MAX /* never a 48-bit MAC */
enum {
    MEMO_IDX = 0x7fff,
    MEMO_INSIDE = 1u << 15,
    MEMO_FLAGGED = 1u << 31,
};

static _Atomic uint32_t memo_tags;

uint32_t nw_memo_tag_new(void)
{
    uint32_t t;
    do
        t = atomic_fetch_add_explicit(&memo_tags, 1, memory_order_relaxed) + 1;
    while (!t);
    return t;
}

/* The flow's memo, made this window's (flood_hint emptied if it was another's). Writable
 * through the const pointer: see nw_flow.hint. */
static inline struct nw_flow *memo_sync(const struct nw_detect *d, const struct nw_flow *flow)
{
    struct nw_flow *f = (struct nw_flow *)flow;
    if (f->hint[3] != d->gen) {
        f->hint[3] = d->gen;
        f->flood_hint = 0;
    }
    return f;
}

/* A MAC as the 48 low bits of a word, as memo_key holds it. */
static inline uint64_t mac_word(const uint8_t m[6])
{
    uint32_t lo;
    uint16_t hi;
    memcpy(&lo, m, 4);
    memcpy(&hi, m + 4, 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (uint64_t)lo << 16 | hi;
#else
    return lo | (uint64_t)hi << 32;
#endif
}

/* True when the flow is keyed by the packet's IP addresses (what the flood and inside memos
 * need). */
static inline bool memo_ip(const struct nw_flow *flow, const struct nw_packet *pkt)
{
    return flow && flow->ip_version && flow->ip_version == pkt->ip_version;
}

/* ---- small helpers ---- */

static int hcount_init(struct hcount *h, uint32_t max)
{
    uint32_t size = 1;
    while (size < max * 2)
        size <<= 1;
    h->k = calloc(size, sizeof(*h->k));
    h->n = calloc(size, sizeof(*h->n));
    h->pos = calloc(max, sizeof(*h->pos));
    h->mask = size - 1;
    h->used = 0;
    h->max = max;
    return h->k && h->n && h->pos ? AG_OK : AG_ENOMEM;
}

static void hcount_release(struct hcount *h)
{
    free(h->k);
    free(h->n);
    free(h->pos);
}

static void hcount_clear(struct hcount *h)
{
    for (uint32_t i = 0; i < h->used; i++)
        h->k[h->pos[i]] = 0;
    h->used = 0;
}

/* Adds one to key's count and returns it (1 = new); 0 when the table is full. */
static uint32_t hcount_add(struct hcount *h, uint64_t key)
{
    key |= 1;
    for (uint32_t i = (uint32_t)(key >> 17) & h->mask;; i = (i + 1) & h->mask) {
        if (h->k[i] == key)
            return ++h->n[i];
        if (!h->k[i]) {
            if (h->used >= h->max)
                return 0;
            h->pos[h->used++] = i;
            h->k[i] = key;
            return h->n[i] = 1;
        }
    }
}

static void set_addr(uint8_t *fam_out, uint8_t *out, uint8_t fam, const uint8_t *a)
{
    *fam_out = fam;
    memcpy(out, a, 16);
}

static void emit(struct nw_detect *d, const struct nw_alert *a)
{
    d->st.alerts++;
    d->emit(a, d->arg);
}

static inline uint16_t pkt_vlan(const struct nw_packet *pkt)
{
    return pkt->vlan_count ? pkt->vlan[0] : 0;
}

/* The pending alert of (type, key) in this window, created if new (NULL: the table is full). */
static struct pend *pend_get(struct nw_detect *d, enum nw_alert_type t, const struct nw_conv *c,
                             int64_t ts, bool *fresh)
{
    struct pkey k;
    memset(&k, 0, sizeof(k));
    k.type = (uint8_t)t;
    k.c = *c;
    struct pend *p = nw_tbl_get(&d->pend, &k, true, fresh);
    if (!p) {
        d->st.alerts_dropped++;
        return NULL;
    }
    if (*fresh) {
        p->a.type = t;
        p->a.first_ns = ts;
        p->a.guideline = types[t].refs;
    }
    if (ts > p->a.last_ns)
        p->a.last_ns = ts;
    return p;
}

static void fill_from_packet(struct nw_alert *a, const struct nw_packet *pkt)
{
    if (pkt->ip_version == 4 || pkt->ip_version == 6) {
        set_addr(&a->src_family, a->src, pkt->ip_version, pkt->src_ip);
        set_addr(&a->dst_family, a->dst, pkt->ip_version, pkt->dst_ip);
        a->proto = pkt->l4_proto;
        if (pkt->flags & NW_PF_L4)
            a->dport = pkt->dport;
    } else {
        a->ethertype = pkt->ethertype;
    }
    a->vlan = pkt_vlan(pkt);
}

/* ---- internal ranges ---- */

static bool ip_internal(const struct nw_detect *d, uint8_t fam, const uint8_t *a)
{
    if (fam == 4) {
        uint8_t m = d->v4map[a[0] << 8 | a[1]];
        if (m < 2)
            return m;
    }
    for (size_t i = 0; i < d->ninternal; i++)
        if (nw_cidr_contains(&d->internal[i], fam, a))
            return true;
    return false;
}

static int internal_init(struct nw_detect *d)
{
    size_t nuser = d->cfg.internal_count, nalw;
    const struct nw_cidr *user = d->cfg.internal, *alw = nw_cidr_always(&nalw);
    if (!user || !nuser)
        user = nw_cidr_defaults(&nuser);
    d->internal = calloc(nuser + nalw, sizeof(*d->internal));
    if (!d->internal)
        return AG_ENOMEM;
    memcpy(d->internal, user, nuser * sizeof(*user));
    memcpy(d->internal + nuser, alw, nalw * sizeof(*alw));
    d->ninternal = nuser + nalw;
    for (size_t i = 0; i < d->ninternal; i++) {
        const struct nw_cidr *c = &d->internal[i];
        if (c->family != 4)
            continue;
        uint32_t p = (uint32_t)c->addr[0] << 8 | c->addr[1];
        if (c->bits <= 16) {
            uint32_t n = 1u << (16 - c->bits);
            p &= ~(n - 1);
            for (uint32_t k = 0; k < n; k++)
                d->v4map[p + k] = 1;
        }
    }
    for (size_t i = 0; i < d->ninternal; i++) {
        const struct nw_cidr *c = &d->internal[i];
        uint32_t p = (uint32_t)c->addr[0] << 8 | c->addr[1];
        if (c->family == 4 && c->bits > 16 && d->v4map[p] != 1)
            d->v4map[p] = 2;
    }
    return AG_OK;
}

/* ---- life cycle ---- */

int nw_detect_new(const struct nw_watch_config *cfg, const struct nw_baseline *bl, nw_alert_fn fn,
                  void *arg, struct nw_detect **out)
{
    *out = NULL;
    struct nw_detect *d = calloc(1, sizeof(*d));
    if (!d)
        return AG_ENOMEM;
    if (cfg)
        d->cfg = *cfg;
    d->cfg.window_s = d->cfg.window_s ? d->cfg.window_s : DEF_WINDOW_S;
    d->cfg.syn_per_s = d->cfg.syn_per_s ? d->cfg.syn_per_s : DEF_SYN_PER_S;
    d->cfg.udp_per_s = d->cfg.udp_per_s ? d->cfg.udp_per_s : DEF_UDP_PER_S;
    d->cfg.icmp_per_s = d->cfg.icmp_per_s ? d->cfg.icmp_per_s : DEF_ICMP_PER_S;
    d->cfg.scan_ports = d->cfg.scan_ports ? d->cfg.scan_ports : DEF_SCAN_PORTS;
    d->cfg.deviation_factor = d->cfg.deviation_factor > 0 ? d->cfg.deviation_factor : DEF_FACTOR;
    d->cfg.silence_factor = d->cfg.silence_factor > 0 ? d->cfg.silence_factor : DEF_SILENCE_FACTOR;
    d->cfg.silence_min_s = d->cfg.silence_min_s ? d->cfg.silence_min_s : DEF_SILENCE_MIN_S;
    d->silence_min = (int64_t)d->cfg.silence_min_s * NS_PER_S;
    d->window_ns = (int64_t)d->cfg.window_s * NS_PER_S;
    d->utc_offset = d->cfg.utc_offset_set ? d->cfg.utc_offset : bl ? bl->utc_offset : 0;
    memcpy(d->zone, "UTC", 4);
    if (d->utc_offset)
        ag_utc_offset_format(d->utc_offset, d->zone + 3);
    d->bl = bl;
    d->gen = nw_memo_tag_new();
    d->emit = fn;
    d->arg = arg;
    int rc = internal_init(d);
    if (!rc && d->cfg.ipv6_vlan_count) {
        d->v6vlans = calloc(d->cfg.ipv6_vlan_count, sizeof(*d->v6vlans));
        if (d->v6vlans)
            memcpy(d->v6vlans, d->cfg.ipv6_vlans, d->cfg.ipv6_vlan_count * sizeof(uint16_t));
        else
            rc = AG_ENOMEM;
        d->cfg.ipv6_vlans = d->v6vlans;
    }
    d->cfg.internal = NULL; /* borrowed: not kept past this call */
    if (!rc)
        rc = nw_tbl_init(&d->pend, sizeof(struct pend), sizeof(struct pkey), MAX_PENDING,
                         MAX_PENDING);
    if (!rc)
        rc = nw_tbl_init(&d->flood, sizeof(struct flood), sizeof(struct nw_akey), MAX_FLOOD,
                         MAX_FLOOD);
    if (!rc)
        rc = nw_tbl_init(&d->scan, sizeof(struct scan_src), sizeof(struct nw_akey), MAX_SCAN_SRCS,
                         MAX_SCAN_SRCS);
    if (!rc)
        rc = nw_tbl_init(&d->arp_ips, sizeof(struct arp_ip), 6, MAX_ARP_IPS, MAX_ARP_IPS);
    if (!rc)
        rc = nw_tbl_init(&d->arp_macs, sizeof(struct arp_mac), 8, MAX_ARP_MACS, MAX_ARP_MACS);
    if (!rc)
        rc = nw_tbl_init(&d->flagged, sizeof(struct flagged), 16, MAX_FLAGGED, MAX_FLAGGED);
    if (!rc)
        rc = hcount_init(&d->pairs, MAX_PAIRS);
    if (!rc)
        rc = hcount_init(&d->vert, MAX_SCAN_COUNTS);
    if (!rc)
        rc = hcount_init(&d->horiz, MAX_SCAN_COUNTS);
    if (!rc && bl) {
        size_t n = bl->assets.n ? bl->assets.n : 1;
        d->cur_pk = calloc(n, sizeof(*d->cur_pk));
        d->cur_by = calloc(n, sizeof(*d->cur_by));
        d->seen_ns = calloc(n, sizeof(*d->seen_ns));
        d->silence_ns = calloc(n, sizeof(*d->silence_ns));
        d->silent = calloc(n, sizeof(*d->silent));
        d->gap_idx = calloc(n, sizeof(*d->gap_idx));
        d->memo_key = calloc(n, sizeof(*d->memo_key));
        if (!d->cur_pk || !d->cur_by || !d->seen_ns || !d->silence_ns || !d->silent ||
            !d->gap_idx || !d->memo_key)
            rc = AG_ENOMEM;
        nw_baseline_coverage(bl, d->seconds, d->days);
    }
    for (size_t i = 0; !rc && bl && i < bl->assets.n && i < 0xffff; i++) {
        const struct nw_bl_asset *as = nw_tbl_at(&bl->assets, i);
        uint64_t w = mac_word(as->key.addr), rest;
        memcpy(&rest, as->key.addr + 8, 8);
        bool usable = as->key.fam == NW_FAM_MAC && !nw_mac_is_group_or_zero(as->key.addr) &&
                      !(w >> 48) && !rest;
        d->memo_key[i] = usable ? w : MEMO_NO_KEY;
        d->nmemo_key = (uint32_t)i + 1;
    }
    for (size_t i = 0; !rc && bl && i < bl->assets.n; i++) {
        int64_t gap = nw_bl_asset_gap(bl, nw_tbl_at(&bl->assets, i));
        if (gap <= 0)
            continue;
        double t = (double)gap * d->cfg.silence_factor;
        d->silence_ns[i] =
            t > (double)d->silence_min ? (t < 9e18 ? (int64_t)t : INT64_MAX) : d->silence_min;
        d->gap_idx[d->ngap++] = (uint32_t)i;
    }
    d->sil_due = INT64_MIN; /* the first second scans */
    /* the baseline's ARP bindings: an IP known for a MAC before any packet is seen */
    for (size_t i = 0; !rc && bl && i < bl->arp.n; i++) {
        const struct nw_bl_arp *b = nw_tbl_at(&bl->arp, i);
        struct arp_ip *e = nw_tbl_get(&d->arp_ips, b, true, NULL);
        struct arp_mac mk, *m;
        memset(&mk, 0, sizeof(mk));
        memcpy(mk.mac, b->mac, 6);
        if (!e || !(m = nw_tbl_get(&d->arp_macs, &mk, true, NULL))) {
            d->st.state_dropped++;
            continue;
        }
        e->owned = true;
        memcpy(e->mac, b->mac, 6);
        m->nips++;
    }
    if (rc) {
        nw_detect_free(d);
        return rc;
    }
    *out = d;
    return AG_OK;
}

void nw_detect_free(struct nw_detect *d)
{
    if (!d)
        return;
    nw_tbl_release(&d->pend);
    nw_tbl_release(&d->flood);
    nw_tbl_release(&d->scan);
    nw_tbl_release(&d->arp_ips);
    nw_tbl_release(&d->arp_macs);
    nw_tbl_release(&d->flagged);
    hcount_release(&d->pairs);
    hcount_release(&d->vert);
    hcount_release(&d->horiz);
    free(d->cur_pk);
    free(d->cur_by);
    free(d->seen_ns);
    free(d->silence_ns);
    free(d->silent);
    free(d->gap_idx);
    free(d->memo_key);
    free(d->internal);
    free(d->v6vlans);
    free(d);
}

void nw_detect_get_stats(const struct nw_detect *d, struct nw_detect_stats *out)
{
    *out = d->st;
    out->state_dropped += d->arp_ips.dropped + d->arp_macs.dropped + d->flood.dropped +
                          d->scan.dropped + d->flagged.dropped;
}

/* ---- closing a window: the details, then the alerts in the order they began ---- */

static void detail_arp(const struct pend *p, char *out, size_t n)
{
    char ip[46], m1[18], m2[18];
    nw_addr_format(NW_FAM_V4, p->a.src, ip);
    nw_mac_format(p->a.mac, m1);
    nw_mac_format(p->mac2, m2);
    static const char *const why[] = {
        [ARP_GRATUITOUS] = "gratuitous ARP",
        [ARP_UNSOLICITED] = "unsolicited ARP reply",
        [ARP_OTHER_IP] = "by a MAC that claims another IP",
        [ARP_FLIPFLOP] = "flip-flop",
        [ARP_BOTH_CLAIM] = "both claim it within 10 s",
        [ARP_PROBE_ANSWERED] = "an ARP probe answered by another MAC",
        [ARP_AFTER_PROBE] = "announced after its probe was answered",
    };
    const char *w = p->why < AG_ARRAY_LEN(why) && why[p->why] ? why[p->why] : "";
    if (p->a.type == NW_ALERT_ARP_SPOOF)
        snprintf(out, n, "%s taken over by %s from %s (%s%s)", ip, m1, m2, w,
                 p->flip && p->why != ARP_FLIPFLOP ? ", flip-flop" : "");
    else
        snprintf(out, n, "%s claimed by %s and %s (%s)", ip, m1, m2, w);
}

static void pend_detail(struct pend *p)
{
    char *out = p->a.detail;
    size_t n = sizeof(p->a.detail);
    char b[46];
    switch (p->a.type) {
    case NW_ALERT_NEW_DEVICE:
        snprintf(out, n,
                 "not in the baseline's assets; %" PRIu64 " packets, %" PRIu64 " bytes sent",
                 p->a.count, p->n2);
        break;
    case NW_ALERT_NEW_CONVERSATION:
        if (p->k.c.fam == NW_FAM_MAC) {
            nw_mac_format(p->k.c.b, b);
            snprintf(out, n,
                     "to %s, ethertype 0x%04x: not in the allowlist; %" PRIu64 " flows, %" PRIu64
                     " packets",
                     b, p->k.c.port, p->a.count, p->n2);
        } else {
            snprintf(out, n, "not in the allowlist; %" PRIu64 " flows, %" PRIu64 " packets",
                     p->a.count, p->n2);
        }
        break;
    case NW_ALERT_EXTERNAL:
        if (p->n2)
            snprintf(out, n, "DNS query \"%s\" to an outside resolver (%" PRIu64 " queries)",
                     p->name, p->n2);
        else
            snprintf(out, n, "an address outside the internal ranges; %" PRIu64 " packets",
                     p->a.count);
        break;
    case NW_ALERT_IPV6_UNEXPECTED:
        if (p->why)
            snprintf(out, n, "IPv6 on VLAN %u where none is expected; first: ICMPv6 type %u",
                     p->a.vlan, p->why - 1u);
        else
            snprintf(out, n, "IPv6 on VLAN %u where none is expected", p->a.vlan);
        break;
    case NW_ALERT_BASELINE_DEVIATION: /* silence: written when it was found */
        break;
    default:
        detail_arp(p, out, n);
        break;
    }
}

static const char *kind_name[K_COUNT] = {"syn", "udp", "icmp"};

static void flood_flush(struct nw_detect *d)
{
    const uint32_t limit[K_COUNT] = {d->cfg.syn_per_s, d->cfg.udp_per_s, d->cfg.icmp_per_s};
    for (size_t i = 0; i < d->flood.n; i++) {
        const struct flood *f = nw_tbl_at(&d->flood, i);
        uint64_t half =
            f->total[K_SYN] -
            (f->completed + f->reset < f->total[K_SYN] ? f->completed + f->reset : f->total[K_SYN]);
        bool halfopen = f->total[K_SYN] >= HALFOPEN_MIN_SYN &&
                        (double)half >= HALFOPEN_RATIO * (double)f->total[K_SYN];
        struct nw_alert a;
        memset(&a, 0, sizeof(a));
        size_t used = 0;
        for (int k = 0; k < K_COUNT; k++) {
            bool over = f->peak[k] > limit[k] || (k == K_SYN && halfopen);
            if (!over)
                continue;
            if (!a.count)
                a.proto = k == K_SYN ? 6 : k == K_UDP ? 17 : f->k.fam == NW_FAM_V6 ? 58 : 1;
            a.count += f->total[k];
            int w =
                snprintf(a.detail + used, sizeof(a.detail) - used, "%s%s %u/s peak (limit %u/s)",
                         used ? "; " : "", kind_name[k], f->peak[k], limit[k]);
            used += w > 0 && (size_t)w < sizeof(a.detail) - used ? (size_t)w : 0;
            if (k == K_SYN && f->total[K_SYN]) {
                w = snprintf(a.detail + used, sizeof(a.detail) - used,
                             ", half-open %.2f of %" PRIu64 " SYNs",
                             (double)half / (double)f->total[K_SYN], f->total[K_SYN]);
                used += w > 0 && (size_t)w < sizeof(a.detail) - used ? (size_t)w : 0;
            }
        }
        if (!a.count)
            continue;
        snprintf(a.detail + used, sizeof(a.detail) - used, "; from %s",
                 f->many_src ? "several sources" : "one source");
        a.type = NW_ALERT_FLOOD;
        a.first_ns = f->first_ns;
        a.last_ns = f->last_ns;
        set_addr(&a.dst_family, a.dst, f->k.fam, f->k.addr);
        if (!f->many_src)
            set_addr(&a.src_family, a.src, f->k.fam, f->src);
        a.vlan = f->vlan;
        a.guideline = types[NW_ALERT_FLOOD].refs;
        emit(d, &a);
    }
    nw_tbl_clear(&d->flood);
}

static void scan_flush(struct nw_detect *d)
{
    for (size_t i = 0; i < d->scan.n; i++) {
        const struct scan_src *s = nw_tbl_at(&d->scan, i);
        if (!s->vhosts && !s->hports)
            continue;
        struct nw_alert a;
        memset(&a, 0, sizeof(a));
        a.type = NW_ALERT_PORT_SCAN;
        a.first_ns = s->first_ns;
        a.last_ns = s->last_ns;
        a.count = s->probes;
        a.vlan = s->vlan;
        a.proto = s->hproto;
        a.guideline = types[NW_ALERT_PORT_SCAN].refs;
        set_addr(&a.src_family, a.src, s->k.fam, s->k.addr);
        char host[46];
        nw_addr_format(s->k.fam, s->vdst, host);
        size_t used = 0;
        if (s->vhosts) {
            set_addr(&a.dst_family, a.dst, s->k.fam, s->vdst);
            int w = snprintf(a.detail, sizeof(a.detail), "%u ports on %s (%u hosts scanned)",
                             s->vmax, host, s->vhosts);
            used = w > 0 && (size_t)w < sizeof(a.detail) ? (size_t)w : 0;
        }
        if (s->hports) {
            a.dport = s->hport;
            snprintf(a.detail + used, sizeof(a.detail) - used,
                     "%sport %u on %u hosts (%u ports swept)", used ? "; " : "", s->hport, s->hmax,
                     s->hports);
        }
        emit(d, &a);
    }
    nw_tbl_clear(&d->scan);
    hcount_clear(&d->pairs);
    hcount_clear(&d->vert);
    hcount_clear(&d->horiz);
}

static void window_flush(struct nw_detect *d)
{
    for (size_t i = 0; i < d->pend.n; i++) {
        struct pend *p = nw_tbl_at(&d->pend, i);
        pend_detail(p);
        emit(d, &p->a);
    }
    nw_tbl_clear(&d->pend);
    nw_tbl_clear(&d->flagged);
    flood_flush(d);
    scan_flush(d);
    d->gen = nw_memo_tag_new(); /* every flow's memo was this window's */
}

/* ---- baseline_deviation: at the end of each hour of packet time ---- */

static void deviation_hour(struct nw_detect *d, int64_t slot, bool complete, int64_t last_ns)
{
    const struct nw_baseline *bl = d->bl;
    int h = (int)(slot % 24);
    double hours = d->seconds[h] / 3600.0, f = d->cfg.deviation_factor;
    for (size_t i = 0; hours > 0 && i < bl->assets.n; i++) {
        const struct nw_bl_asset *as = nw_tbl_at(&bl->assets, i);
        if (!as->profile)
            continue;
        uint64_t p = d->cur_pk[i], b = d->cur_by[i];
        double ap = as->pkts[h] / hours, ab = as->bytes[h] / hours;
        bool high = (p >= DEV_FLOOR_PKTS && (double)p > f * ap) ||
                    (b >= DEV_FLOOR_BYTES && (double)b > f * ab);
        bool silent = complete && d->hour_pkts && p == 0 && d->days[h] && d->seconds[h] >= 3600 &&
                      as->active[h] >= d->days[h] &&
                      !d->silent[i]; /* its silence was reported already (silence_check) */
        if (!high && !silent)
            continue;
        struct nw_alert a;
        memset(&a, 0, sizeof(a));
        a.type = NW_ALERT_BASELINE_DEVIATION;
        a.first_ns = nw_hour_slot_start(slot, d->utc_offset);
        a.last_ns = last_ns;
        a.count = p;
        a.guideline = types[a.type].refs;
        a.reason = high ? "volume" : "silent_hour";
        if (as->key.fam == NW_FAM_MAC) {
            a.has_mac = true;
            memcpy(a.mac, as->key.addr, 6);
        } else {
            set_addr(&a.src_family, a.src, as->key.fam, as->key.addr);
        }
        if (high)
            snprintf(a.detail, sizeof(a.detail),
                     "hour %02d %s: %" PRIu64 " packets, %" PRIu64
                     " bytes sent; learned %.0f packets, %.0f bytes per hour (factor %g)",
                     h, d->zone, p, b, ap, ab, f);
        else
            snprintf(a.detail, sizeof(a.detail),
                     "hour %02d %s: silent; learned active on %u of %u days, %.0f packets per "
                     "hour",
                     h, d->zone, as->active[h], d->days[h], ap);
        emit(d, &a);
    }
    d->hour_pkts = 0;
    if (bl->assets.n) {
        memset(d->cur_pk, 0, bl->assets.n * sizeof(*d->cur_pk));
        memset(d->cur_by, 0, bl->assets.n * sizeof(*d->cur_by));
    }
}

static void hours_close(struct nw_detect *d, int64_t now)
{
    int64_t slot = nw_hour_slot(now, d->utc_offset);
    if (d->bl) {
        for (int n = 0; d->hour_slot < slot && n < MAX_GAP_HOURS; n++, d->hour_slot++) {
            int64_t begin = nw_hour_slot_start(d->hour_slot, d->utc_offset);
            deviation_hour(d, d->hour_slot, d->watch_start <= begin, begin + NS_PER_HOUR - 1);
        }
    }
    d->hour_slot = slot;
    d->hour_end = nw_hour_slot_start(slot + 1, d->utc_offset);
}

/* The packet-time clock moved past the current second: a new second for the rates, and
 * perhaps a window or an hour to close. */
static void clock_advance(struct nw_detect *d, int64_t ts)
{
    if (ts < 0)
        ts = 0;
    if (!d->started) {
        d->started = true;
        d->watch_start = ts;
        d->win_start = ts - ts % d->window_ns;
        d->win_end = d->win_start + d->window_ns;
        d->hour_slot = nw_hour_slot(ts, d->utc_offset);
        d->hour_end = nw_hour_slot_start(d->hour_slot + 1, d->utc_offset);
    }
    d->sec_no++;
    d->sec_end = ts - ts % NS_PER_S + NS_PER_S;
    if (ts >= d->win_end) {
        window_flush(d);
        d->win_start = ts - ts % d->window_ns;
        d->win_end = d->win_start + d->window_ns;
    }
    if (ts >= d->hour_end)
        hours_close(d, ts);
}

void nw_detect_tick(struct nw_detect *d, int64_t now_ns)
{
    if (d->started && now_ns >= d->sec_end)
        clock_advance(d, now_ns);
}

void nw_detect_finish(struct nw_detect *d)
{
    if (!d->started)
        return;
    window_flush(d);
    if (d->bl) /* the hour in progress: only what is already too much */
        deviation_hour(d, d->hour_slot, false, d->last_ts);
    d->started = false;
    d->sec_end = 0;
}

/* ---- baseline_deviation, silence: a device that talks regularly stops ---- */

/* Once per second of packet time, when a packet comes (a silent interface says nothing about
 * its devices): every baseline asset with a learned longest gap, seen in this watch, whose
 * silence (since its last packet, or since the end of the last capture gap) passed its
 * threshold is reported once, until it sends again. */
static inline int64_t sat_add(int64_t a, int64_t b) /* b >= 0 */
{
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* The scan also keeps d->sil_due, the earliest time any asset not yet reported could pass its
 * threshold: nw_detect_packet scans again only past it (a packet of an asset lowers it to the
 * packet's time + the asset's threshold; a capture gap only moves silences later). The same
 * alerts, without walking every asset every second. */
static void silence_check(struct nw_detect *d, int64_t now)
{
    int64_t due_min = INT64_MAX;
    for (size_t j = 0; j < d->ngap; j++) {
        uint32_t i = d->gap_idx[j];
        int64_t seen = d->seen_ns[i];
        if (d->silent[i])
            continue;
        /* not seen in this watch: silent since it began (its first packet) */
        int64_t last = seen ? seen : d->watch_start;
        int64_t from = last > d->gap_end ? last : d->gap_end;
        if (now - from <= d->silence_ns[i]) {
            int64_t due = sat_add(from, d->silence_ns[i]);
            due_min = due < due_min ? due : due_min;
            continue;
        }
        d->silent[i] = 1;
        const struct nw_bl_asset *as = nw_tbl_at(&d->bl->assets, i);
        struct nw_conv key;
        memset(&key, 0, sizeof(key));
        key.fam = as->key.fam;
        memcpy(key.a, as->key.addr, 16);
        bool fresh;
        struct pend *p = pend_get(d, NW_ALERT_BASELINE_DEVIATION, &key, last, &fresh);
        if (!p)
            continue;
        if (fresh) {
            if (as->key.fam == NW_FAM_MAC) {
                p->a.has_mac = true;
                memcpy(p->a.mac, as->key.addr, 6);
            } else {
                set_addr(&p->a.src_family, p->a.src, as->key.fam, as->key.addr);
            }
            p->a.reason = "silent";
        }
        p->a.last_ns = now;
        p->a.count++;
        snprintf(p->a.detail, sizeof(p->a.detail),
                 seen ? "silent for %" PRId64 " s after its last packet; learned longest gap "
                        "%.1f s, reported after %.0f s"
                      : "silent for %" PRId64 " s since watching began, nothing sent; learned "
                        "longest gap %.1f s, reported after %.0f s",
                 (int64_t)((now - last) / NS_PER_S), (double)nw_bl_asset_gap(d->bl, as) / 1e9,
                 (double)d->silence_ns[i] / 1e9);
    }
    d->sil_due = due_min;
}

/* ---- the detectors ---- */

static void new_device(struct nw_detect *d, const struct nw_packet *pkt, const struct nw_akey *k)
{
    struct nw_conv key;
    memset(&key, 0, sizeof(key));
    key.fam = k->fam;
    memcpy(key.a, k->addr, 16);
    bool fresh;
    struct pend *p = pend_get(d, NW_ALERT_NEW_DEVICE, &key, pkt->ts_ns, &fresh);
    if (!p)
        return;
    if (fresh) {
        fill_from_packet(&p->a, pkt);
        if (k->fam == NW_FAM_MAC) {
            p->a.has_mac = true;
            memcpy(p->a.mac, k->addr, 6);
        }
    }
    p->a.count++;
    p->n2 += pkt->wire_len;
}

static void ipv6_unexpected(struct nw_detect *d, const struct nw_packet *pkt,
                            const struct nw_akey *k)
{
    uint16_t vlan = pkt_vlan(pkt);
    for (size_t i = 0; i < d->cfg.ipv6_vlan_count; i++)
        if (d->cfg.ipv6_vlans[i] == vlan)
            return;
    struct nw_conv key;
    memset(&key, 0, sizeof(key));
    if (k) {
        key.fam = k->fam;
        memcpy(key.a, k->addr, 16);
    }
    key.vlan = vlan;
    bool fresh;
    struct pend *p = pend_get(d, NW_ALERT_IPV6_UNEXPECTED, &key, pkt->ts_ns, &fresh);
    if (!p)
        return;
    if (fresh) {
        fill_from_packet(&p->a, pkt);
        if (pkt->has_mac) {
            p->a.has_mac = true;
            memcpy(p->a.mac, pkt->src_mac, 6);
        }
        if (pkt->l4_proto == 58 && (pkt->flags & NW_PF_L4))
            p->why = (uint8_t)(pkt->icmp_type + 1 > 255 ? 255 : pkt->icmp_type + 1);
    }
    p->a.count++;
}

static void external(struct nw_detect *d, const struct nw_packet *pkt, const struct nw_flow *flow,
                     int dir, bool src_in, bool dst_in)
{
    struct nw_conv c;
    if (!nw_conv_make(pkt, flow, dir, &c))
        return;
    bool fresh;
    struct pend *p = pend_get(d, NW_ALERT_EXTERNAL, &c, pkt->ts_ns, &fresh);
    if (!p)
        return;
    if (fresh) {
        set_addr(&p->a.src_family, p->a.src, c.fam, c.a);
        set_addr(&p->a.dst_family, p->a.dst, c.fam, c.b);
        p->a.proto = c.proto;
        p->a.dport = c.port;
        p->a.vlan = c.vlan;
        if (src_in && pkt->has_mac) { /* the inside device; outside, the MAC is a router's */
            p->a.has_mac = true;
            memcpy(p->a.mac, pkt->src_mac, 6);
        }
    }
    p->a.count++;
    if (!dst_in && pkt->name_kind == NW_NAME_DNS_QUERY && (pkt->flags & NW_PF_L4) &&
        pkt->dport == 53) {
        if (!p->n2++)
            snprintf(p->name, sizeof(p->name), "%s", pkt->name);
    }
}

/* Returns true when the flow is flagged (its later packets of the window count too). */
static bool conversation(struct nw_detect *d, const struct nw_packet *pkt,
                         const struct nw_flow *flow, const struct nw_conv *c)
{
    if (nw_tbl_find(&d->bl->convs, c) >= 0)
        return false;
    bool fresh;
    struct pend *p = pend_get(d, NW_ALERT_NEW_CONVERSATION, c, pkt->ts_ns, &fresh);
    if (!p)
        return false;
    if (fresh) {
        if (c->fam == NW_FAM_MAC) {
            p->a.has_mac = true;
            memcpy(p->a.mac, c->a, 6);
            p->a.ethertype = c->port;
        } else {
            set_addr(&p->a.src_family, p->a.src, c->fam, c->a);
            set_addr(&p->a.dst_family, p->a.dst, c->fam, c->b);
            p->a.proto = c->proto;
            p->a.dport = c->port;
        }
        p->a.vlan = c->vlan;
    }
    p->a.count++;
    p->n2++;
    if (flow) { /* its later packets count too, in this window */
        struct flagged k = {.hash = flow->hash,
                            .a_port = flow->a_port,
                            .b_port = flow->b_port,
                            .first_ns = flow->first_ns};
        struct flagged *f = nw_tbl_get(&d->flagged, &k, true, NULL);
        if (f) {
            f->pend = (uint32_t)(((char *)p - (char *)d->pend.e) / (ptrdiff_t)d->pend.esz);
            return true;
        }
    }
    return false;
}

/* Returns true when the flow is flagged. */
static bool flagged_packet(struct nw_detect *d, const struct nw_packet *pkt,
                           const struct nw_flow *flow)
{
    struct flagged k = {.hash = flow->hash,
                        .a_port = flow->a_port,
                        .b_port = flow->b_port,
                        .first_ns = flow->first_ns};
    long i = nw_tbl_find(&d->flagged, &k);
    if (i < 0)
        return false;
    const struct flagged *f = nw_tbl_at(&d->flagged, (size_t)i);
    struct pend *p = nw_tbl_at(&d->pend, f->pend);
    p->n2++;
    if (pkt->ts_ns > p->a.last_ns)
        p->a.last_ns = pkt->ts_ns;
    return true;
}

static struct flood *flood_at(struct nw_detect *d, uint8_t fam, const uint8_t *addr, bool insert)
{
    struct nw_akey k;
    nw_akey_set(&k, fam, addr, fam == NW_FAM_V4 ? 4 : 16);
    long i = d->flood.n ? nw_akey_find(&d->flood, &k) : -1;
    if (i >= 0 || !insert)
        return i < 0 ? NULL : nw_tbl_at(&d->flood, (size_t)i);
    struct flood *f = nw_tbl_get(&d->flood, &k, true, NULL);
    if (f)
        f->sec = d->sec_no - 1;
    return f;
}

/* The destination's counters through the flow's memo for the packet's direction when it was
 * written in this window and still names that destination (the slow path checks it; the fast
 * path of nw_detect_packet need not), else through the table. */
static struct flood *flood_of(struct nw_detect *d, const struct nw_packet *pkt,
                              const struct nw_flow *flow, int dir)
{
    if (flow && flow->hint[3] == d->gen) {
        uint32_t h = (flow->flood_hint >> ((dir & 1) ? 16 : 0)) & MEMO_IDX;
        if (h && h <= d->flood.n) {
            struct nw_akey k;
            nw_akey_set(&k, pkt->ip_version, pkt->dst_ip, pkt->ip_version == NW_FAM_V4 ? 4 : 16);
            struct flood *f = nw_tbl_at(&d->flood, h - 1);
            if (nw_akey_eq(f, &k))
                return f;
        }
    }
    return flood_at(d, pkt->ip_version, pkt->dst_ip, true);
}

static void flood_count(struct nw_detect *d, const struct nw_packet *pkt,
                        const struct nw_flow *flow, int dir, int kind)
{
    struct flood *f = flood_of(d, pkt, flow, dir);
    if (!f)
        return;
    if (!f->first_ns) {
        f->first_ns = pkt->ts_ns;
        memcpy(f->src, pkt->src_ip, 16);
        f->vlan = pkt_vlan(pkt);
    } else if (!f->many_src) {
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, f->src, 8);
        memcpy(&a1, f->src + 8, 8);
        memcpy(&b0, pkt->src_ip, 8);
        memcpy(&b1, pkt->src_ip + 8, 8);
        f->many_src = a0 != b0 || a1 != b1;
    }
    if (f->sec != d->sec_no) {
        f->sec = d->sec_no;
        memset(f->cur, 0, sizeof(f->cur));
    }
    uint32_t c = ++f->cur[kind];
    if (c > f->peak[kind])
        f->peak[kind] = c;
    f->total[kind]++;
    f->last_ns = pkt->ts_ns;
    /* memoized once the entry has its first packet (and so its source) for good: a later packet
     * of the direction has the same source and destination and only adds to the counters */
    if (f->first_ns && memo_ip(flow, pkt)) {
        size_t i = (size_t)(((char *)f - (char *)d->flood.e) / (ptrdiff_t)d->flood.esz);
        if (i < MEMO_IDX) {
            unsigned shift = (dir & 1) ? 16 : 0;
            uint32_t mask = (uint32_t)MEMO_IDX << shift, bits = (uint32_t)(i + 1) << shift;
            struct nw_flow *m = memo_sync(d, flow); /* first: it may empty flood_hint */
            m->flood_hint = (m->flood_hint & ~mask) | bits;
        }
    }
}

/* One probe of a possible scan: src → dst:port over proto (allowlisted ones are not counted). */
static void scan_probe(struct nw_detect *d, uint8_t fam, const uint8_t *src, const uint8_t *dst,
                       uint16_t port, uint8_t proto, uint16_t vlan, int64_t ts)
{
    struct {
        uint8_t fam, proto;
        uint16_t port;
        uint8_t src[16], dst[16];
    } k;
    memset(&k, 0, sizeof(k));
    k.fam = fam;
    k.proto = proto;
    k.port = port;
    memcpy(k.src, src, 16);
    memcpy(k.dst, dst, 16);
    uint32_t n = hcount_add(&d->pairs, nw_hash(&k, sizeof(k)));
    if (n != 1) {
        d->st.state_dropped += n == 0;
        return; /* seen in this window already, or no room */
    }
    struct nw_akey sk;
    nw_akey_set(&sk, fam, src, 16);
    bool fresh;
    struct scan_src *s = nw_tbl_get(&d->scan, &sk, true, &fresh);
    if (!s)
        return;
    if (fresh) {
        s->first_ns = ts;
        s->vlan = vlan;
    }
    s->last_ns = ts;
    s->probes++;
    k.port = 0; /* (src, dst): ports per host */
    k.proto = 0;
    uint32_t v = hcount_add(&d->vert, nw_hash(&k, sizeof(k)));
    if (v > s->vmax) {
        s->vmax = v;
        memcpy(s->vdst, dst, 16);
    }
    s->vhosts += v == d->cfg.scan_ports;
    memset(k.dst, 0, 16); /* (src, port): hosts per port */
    k.port = port;
    k.proto = proto;
    uint32_t h = hcount_add(&d->horiz, nw_hash(&k, sizeof(k)));
    if (h > s->hmax) {
        s->hmax = h;
        s->hport = port;
        s->hproto = proto;
    }
    s->hports += h == d->cfg.scan_ports;
}

/* A probe unless the allowlist has its conversation. */
static void scan_check(struct nw_detect *d, const struct nw_packet *pkt, const struct nw_conv *c)
{
    if (d->bl && c && nw_tbl_find(&d->bl->convs, c) >= 0)
        return;
    scan_probe(d, pkt->ip_version, pkt->src_ip, pkt->dst_ip, pkt->dport, pkt->l4_proto,
               pkt_vlan(pkt), pkt->ts_ns);
}

/* ICMP/ICMPv6 port unreachable: the UDP datagram it quotes was a probe of a closed port. */
static void scan_unreachable(struct nw_detect *d, const struct nw_packet *pkt)
{
    const uint8_t *q = pkt->payload;
    uint32_t n = pkt->payload_len;
    struct nw_packet probe;
    memset(&probe, 0, sizeof(probe));
    size_t l4;
    if (!q)
        return;
    if (pkt->ip_version == 4 && n >= 20 && (q[0] >> 4) == 4) {
        l4 = (size_t)(q[0] & 15) * 4;
        if (l4 < 20 || n < l4 + 4 || q[9] != 17)
            return;
        memcpy(probe.src_ip, q + 12, 4);
        memcpy(probe.dst_ip, q + 16, 4);
    } else if (pkt->ip_version == 6 && n >= 44 && (q[0] >> 4) == 6 && q[6] == 17) {
        l4 = 40;
        memcpy(probe.src_ip, q + 8, 16);
        memcpy(probe.dst_ip, q + 24, 16);
    } else {
        return;
    }
    probe.ip_version = pkt->ip_version;
    probe.l4_proto = 17;
    probe.flags = NW_PF_L4;
    probe.sport = (uint16_t)(q[l4] << 8 | q[l4 + 1]);
    probe.dport = (uint16_t)(q[l4 + 2] << 8 | q[l4 + 3]);
    probe.vlan_count = pkt->vlan_count;
    probe.vlan[0] = pkt->vlan[0];
    probe.ts_ns = pkt->ts_ns;
    struct nw_conv c;
    scan_check(d, &probe, nw_conv_make(&probe, NULL, 0, &c) ? &c : NULL);
}

/* ---- ARP: spoofing and conflicts (docs/netwatch.md, "arp_spoof and ip_conflict") ---- */

static struct arp_mac *arp_mac_at(struct nw_detect *d, const uint8_t mac[6], bool insert)
{
    struct arp_mac k;
    memset(&k, 0, sizeof(k));
    memcpy(k.mac, mac, 6);
    if (!insert) {
        long i = nw_tbl_find(&d->arp_macs, &k);
        return i < 0 ? NULL : nw_tbl_at(&d->arp_macs, (size_t)i);
    }
    return nw_tbl_get(&d->arp_macs, &k, true, NULL);
}

static struct arp_ip *arp_ip_at(struct nw_detect *d, const uint8_t ip[4], uint16_t vlan)
{
    struct arp_ip k;
    memset(&k, 0, sizeof(k));
    memcpy(k.ip, ip, 4);
    k.vlan = vlan;
    return nw_tbl_get(&d->arp_ips, &k, true, NULL);
}

static void arp_alert(struct nw_detect *d, const struct nw_packet *pkt, enum nw_alert_type t,
                      const struct arp_ip *e, const uint8_t *mac, const uint8_t *other,
                      enum arp_why why, bool flip)
{
    struct nw_conv key;
    memset(&key, 0, sizeof(key));
    key.fam = NW_FAM_V4;
    memcpy(key.a, e->ip, 4);
    key.vlan = e->vlan;
    bool fresh;
    struct pend *p = pend_get(d, t, &key, pkt->ts_ns, &fresh);
    if (!p)
        return;
    if (fresh) {
        set_addr(&p->a.src_family, p->a.src, NW_FAM_V4, key.a);
        p->a.has_mac = true;
        memcpy(p->a.mac, mac, 6);
        memcpy(p->mac2, other, 6);
        p->a.ethertype = 0x0806;
        p->a.vlan = e->vlan;
        p->why = (uint8_t)why;
    }
    p->flip |= flip;
    p->a.count++;
}

static void arp_own(struct nw_detect *d, struct arp_ip *e, const uint8_t mac[6], int64_t ts)
{
    struct arp_mac *m;
    if (e->owned && (m = arp_mac_at(d, e->mac, false)) && m->nips)
        m->nips--;
    if ((m = arp_mac_at(d, mac, true)))
        m->nips++;
    memcpy(e->prev, e->mac, 6);
    memcpy(e->mac, mac, 6);
    e->owned = true;
    e->owner_ns = ts;
    e->change_ns = ts;
}

static void arp_packet(struct nw_detect *d, const struct nw_packet *pkt)
{
    int64_t ts = pkt->ts_ns;
    uint16_t vlan = pkt_vlan(pkt);
    const uint8_t *spa = pkt->arp_spa, *tpa = pkt->arp_tpa, *sha = pkt->arp_sha;
    bool spa0 = !(spa[0] | spa[1] | spa[2] | spa[3]), tpa0 = !(tpa[0] | tpa[1] | tpa[2] | tpa[3]);
    bool grat = !spa0 && !memcmp(spa, tpa, 4);
    if (pkt->arp_op == 1 && !grat && !tpa0) {
        struct arp_ip *t = arp_ip_at(d, tpa, vlan);
        if (t && spa0) {
            memcpy(t->probe_mac, sha, 6);
            t->probe_ns = ts;
        } else if (t) {
            t->req_ns = ts;
        }
    }
    if (spa0 || nw_mac_is_group_or_zero(sha))
        return;
    struct arp_ip *e = arp_ip_at(d, spa, vlan);
    if (!e)
        return;
    if (e->probe_ns && ts - e->probe_ns <= ARP_PROBE_NS && memcmp(e->probe_mac, sha, 6)) {
        arp_alert(d, pkt, NW_ALERT_IP_CONFLICT, e, sha, e->probe_mac, ARP_PROBE_ANSWERED, false);
        memcpy(e->conflict_mac, e->probe_mac, 6);
        e->conflict_ns = ts;
        e->probe_ns = 0;
    }
    if (!e->owned) {
        arp_own(d, e, sha, ts);
        e->change_ns = 0;
        return;
    }
    if (!memcmp(e->mac, sha, 6)) {
        e->owner_ns = ts;
        return;
    }
    /* another MAC claims the IP */
    bool solicited = pkt->arp_op == 2 && e->req_ns && ts - e->req_ns <= ARP_SOLICIT_NS;
    bool flip = e->change_ns && !memcmp(e->prev, sha, 6) && ts - e->change_ns <= ARP_FLIP_NS;
    bool recent = e->owner_ns && ts - e->owner_ns <= ARP_CONFLICT_NS;
    bool prober = e->conflict_ns && ts - e->conflict_ns <= ARP_CONFLICT_NS &&
                  !memcmp(e->conflict_mac, sha, 6);
    const struct arp_mac *m = arp_mac_at(d, sha, false);
    enum nw_alert_type t = NW_ALERT_COUNT;
    enum arp_why why = 0;
    if (prober) {
        t = NW_ALERT_IP_CONFLICT, why = ARP_AFTER_PROBE;
    } else if (grat) {
        t = NW_ALERT_ARP_SPOOF, why = ARP_GRATUITOUS;
    } else if (pkt->arp_op == 2 && !solicited) {
        t = NW_ALERT_ARP_SPOOF, why = ARP_UNSOLICITED;
    } else if (m && m->nips) {
        t = NW_ALERT_ARP_SPOOF, why = ARP_OTHER_IP;
    } else if (flip && e->last_class == NW_ALERT_ARP_SPOOF + 1) {
        t = NW_ALERT_ARP_SPOOF, why = ARP_FLIPFLOP;
    } else if (recent) {
        t = NW_ALERT_IP_CONFLICT, why = ARP_BOTH_CLAIM;
    } else if (flip) {
        t = NW_ALERT_ARP_SPOOF, why = ARP_FLIPFLOP;
    }
    if (t != NW_ALERT_COUNT)
        arp_alert(d, pkt, t, e, sha, e->mac, why, flip);
    e->last_class = t == NW_ALERT_COUNT ? 0 : (uint8_t)(t + 1);
    arp_own(d, e, sha, ts);
}

/* ---- per packet ---- */

/* True when IPv6 on the packet's VLAN is an alert (ipv6_unexpected). */
static bool ipv6_watched(const struct nw_detect *d, const struct nw_packet *pkt)
{
    if (d->cfg.ipv6_allowed)
        return false;
    uint16_t vlan = pkt_vlan(pkt);
    for (size_t i = 0; i < d->cfg.ipv6_vlan_count; i++)
        if (d->cfg.ipv6_vlans[i] == vlan)
            return false;
    return true;
}

/* Every detector, for any packet; writes the flow's memo for the fast path of
 * nw_detect_packet. */
static __attribute__((noinline)) void detect_slow(struct nw_detect *d, const struct nw_packet *pkt,
                                                  const struct nw_flow *flow, int dir, bool created)
{
    int64_t ts = pkt->ts_ns;
    d->st.packets++;
    if (ts >= d->sec_end) {
        if (d->started && ts - d->last_ts >= d->silence_min)
            d->gap_end = ts; /* nobody sent anything for that long: a gap in the capture */
        clock_advance(d, ts);
        if (d->ngap && ts > d->sil_due)
            silence_check(d, ts);
    }
    bool late = ts < d->last_ts; /* before a packet already seen: out of order */
    d->last_ts = ts > d->last_ts ? ts : d->last_ts;
    d->hour_pkts++;
    const struct nw_baseline *bl = d->bl;
    struct nw_akey sk;
    bool has_sender = nw_sender_key(pkt, &sk);
    if (bl && has_sender) {
        /* the flow's memo first (checked: the sender of a direction may change) */
        unsigned shift = (dir & 1) ? 16 : 0;
        uint32_t h = flow ? (flow->hint[2] >> shift) & 0xffff : 0;
        long i;
        if (h && h <= bl->assets.n && nw_akey_eq(nw_tbl_at(&bl->assets, h - 1), &sk)) {
            i = (long)h - 1;
        } else {
            i = nw_akey_find(&bl->assets, &sk);
            if (flow && i >= 0 && (uint32_t)i < d->nmemo_key && d->memo_key[i] != MEMO_NO_KEY) {
                struct nw_flow *f = (struct nw_flow *)flow; /* writable: see nw_flow.hint */
                f->hint[2] = (f->hint[2] & ~(0xffffu << shift)) | (uint32_t)(i + 1) << shift;
            }
        }
        if (i >= 0) {
            d->cur_pk[i]++;
            d->cur_by[i] += pkt->wire_len;
            d->seen_ns[i] = ts;
            /* In order, a packet only moves the sender's silence later; an asset reported
             * silent comes back, or an earlier time: its silence may be due before sil_due. */
            if ((d->silent[i] | late) && d->silence_ns[i]) {
                int64_t due = sat_add(ts, d->silence_ns[i]);
                d->sil_due = due < d->sil_due ? due : d->sil_due;
            }
            d->silent[i] = 0;
        } else {
            new_device(d, pkt, &sk);
        }
    }
    if (pkt->arp_op) {
        arp_packet(d, pkt);
        return;
    }
    struct nw_conv c;
    bool have_c = false, quiet = true; /* quiet: the IP checks said nothing about this flow */
    if (pkt->ip_version == 4 || pkt->ip_version == 6) {
        uint8_t fam = pkt->ip_version;
        if (fam == 6 && ipv6_watched(d, pkt)) {
            ipv6_unexpected(d, pkt, has_sender ? &sk : NULL);
            quiet = false;
        }
        bool src_in = ip_internal(d, fam, pkt->src_ip), dst_in = ip_internal(d, fam, pkt->dst_ip);
        if (!src_in || !dst_in) {
            external(d, pkt, flow, dir, src_in, dst_in);
            quiet = false;
        }
        if (pkt->flags & NW_PF_L4) {
            uint8_t proto = pkt->l4_proto;
            if (proto == 17) {
                flood_count(d, pkt, flow, dir, K_UDP);
            } else if (proto == 6) {
                uint8_t f = pkt->tcp_flags & 0x16; /* SYN, RST, ACK */
                if (f == 0x02 || !f) {             /* a SYN, or a FIN/NULL/Xmas probe */
                    if (f)
                        flood_count(d, pkt, flow, dir, K_SYN);
                    have_c = nw_conv_make(pkt, flow, dir, &c);
                    scan_check(d, pkt, have_c ? &c : NULL);
                } else if (flow && d->flood.n) {
                    struct flood *fl;
                    if (f == 0x10 && dir == 0 && flow->packets[0] == 2 && flow->packets[1] >= 1) {
                        if ((fl = flood_at(d, fam, pkt->dst_ip, false)))
                            fl->completed++; /* the handshake's last ACK */
                    } else if ((f & 0x04) && flow->packets[0] <= 2 && flow->packets[1] <= 2) {
                        if ((fl = flood_at(d, fam, dir ? pkt->src_ip : pkt->dst_ip, false)))
                            fl->reset++; /* refused or aborted: not left half-open */
                    }
                }
            } else if (proto == 1 || proto == 58) {
                flood_count(d, pkt, flow, dir, K_ICMP);
                if ((proto == 1 && pkt->icmp_type == 3 && pkt->icmp_code == 3) ||
                    (proto == 58 && pkt->icmp_type == 1 && pkt->icmp_code == 4))
                    scan_unreachable(d, pkt);
            }
        }
    }
    if (!bl)
        return;
    bool flagged = false;
    if (created || !flow) {
        if (have_c || nw_conv_make(pkt, flow, dir, &c))
            flagged = conversation(d, pkt, flow, &c);
    } else if (d->flagged.n) {
        flagged = flagged_packet(d, pkt, flow);
    }
    if (flagged)
        memo_sync(d, flow)->flood_hint |= MEMO_FLAGGED;
    if (quiet && flow && flow->ip_version == pkt->ip_version)
        memo_sync(d, flow)->flood_hint |= MEMO_INSIDE;
}

/* The fast path: a packet of a known flow whose memo is this window's, from a known sender that
 * is not silent, in this second and in order, that none of the IP detectors has anything to say
 * about beyond counting — what a slow pass (detect_slow) would do, without its look-ups. Every
 * condition is read before anything is written: anything else goes the slow way whole. */
void nw_detect_packet(struct nw_detect *d, const struct nw_packet *pkt, const struct nw_flow *flow,
                      int dir, bool created)
{
    int64_t ts = pkt->ts_ns;
    if (!flow || created || ts >= d->sec_end || ts < d->last_ts || flow->hint[3] != d->gen ||
        !pkt->has_mac || pkt->arp_op || pkt->ip_version != flow->ip_version)
        goto slow;
    uint32_t memo = flow->flood_hint;
    if ((memo & (MEMO_INSIDE | MEMO_FLAGGED)) != MEMO_INSIDE)
        goto slow;
    unsigned shift = (dir & 1) ? 16 : 0;
    uint32_t ai = (flow->hint[2] >> shift) & 0xffff;
    /* the hinted asset is the sender when its MAC is the packet's (memo_key) */
    if (!ai || ai > d->nmemo_key || d->memo_key[ai - 1] != mac_word(pkt->src_mac))
        goto slow;
    size_t i = ai - 1;
    if (d->silent[i])
        goto slow;
    struct flood *fl = NULL;
    int kind = K_COUNT;
    if (pkt->flags & NW_PF_L4) {
        uint8_t proto = pkt->l4_proto;
        if (proto == 17) {
            kind = K_UDP;
        } else if (proto == 6) {
            uint8_t f = pkt->tcp_flags & 0x16;
            if (f == 0x02 || !f)
                goto slow;
            /* the handshake's last ACK or an early RST: both need packets[0] <= 2, tested
             * first (a long flow's segments then cost one comparison) */
            if (flow->packets[0] <= 2 && d->flood.n &&
                ((f == 0x10 && dir == 0 && flow->packets[0] == 2 && flow->packets[1] >= 1) ||
                 ((f & 0x04) && flow->packets[1] <= 2)))
                goto slow;
        } else if (proto == 1 || proto == 58) {
            if ((proto == 1 && pkt->icmp_type == 3 && pkt->icmp_code == 3) ||
                (proto == 58 && pkt->icmp_type == 1 && pkt->icmp_code == 4))
                goto slow;
            kind = K_ICMP;
        }
        if (kind != K_COUNT) {
            uint32_t h = (memo >> shift) & MEMO_IDX;
            if (!h)
                goto slow;
            fl = (struct flood *)d->flood.e + (h - 1);
        }
    }
    d->st.packets++;
    d->last_ts = ts;
    d->hour_pkts++;
    d->cur_pk[i]++;
    d->cur_by[i] += pkt->wire_len;
    d->seen_ns[i] = ts;
    if (fl) {
        if (fl->sec != d->sec_no) {
            fl->sec = d->sec_no;
            memset(fl->cur, 0, sizeof(fl->cur));
        }
        uint32_t c = ++fl->cur[kind];
        if (c > fl->peak[kind])
            fl->peak[kind] = c;
        fl->total[kind]++;
        fl->last_ns = ts;
    }
    return;
slow:
    detect_slow(d, pkt, flow, dir, created);
}

/* ---- the alert as JSON ---- */

static void add_list(json_t *o, const char *key, const char *csv)
{
    json_t *arr = json_array();
    while (csv && *csv) {
        size_t n = strcspn(csv, ",");
        size_t b = 0;
        while (b < n && csv[b] == ' ')
            b++;
        if (n > b)
            json_array_append_new(arr, json_stringn(csv + b, n - b));
        csv += n;
        if (*csv == ',')
            csv++;
    }
    json_object_set_new(o, key, arr);
}

json_t *nw_alert_to_json(const struct nw_alert *a)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    char t[46];
    json_object_set_new(o, "type", json_string(nw_alert_type_name(a->type)));
    nw_time_format(a->first_ns, t);
    json_object_set_new(o, "time", json_string(t));
    nw_time_format(a->last_ns, t);
    json_object_set_new(o, "last", json_string(t));
    if (a->src_family == 4 || a->src_family == 6) {
        nw_addr_format(a->src_family, a->src, t);
        json_object_set_new(o, "src", json_string(t));
    }
    if (a->dst_family == 4 || a->dst_family == 6) {
        nw_addr_format(a->dst_family, a->dst, t);
        json_object_set_new(o, "dst", json_string(t));
    }
    if (a->has_mac) {
        nw_mac_format(a->mac, t);
        json_object_set_new(o, "mac", json_string(t));
    }
    if (a->proto) {
        const char *pn = nw_proto_name(a->proto);
        json_object_set_new(o, "proto", pn ? json_string(pn) : json_integer(a->proto));
    }
    if (a->dport)
        json_object_set_new(o, "dport", json_integer(a->dport));
    if (a->ethertype && !a->src_family) {
        snprintf(t, sizeof(t), "0x%04x", a->ethertype);
        json_object_set_new(o, "ethertype", json_string(t));
    }
    if (a->vlan)
        json_object_set_new(o, "vlan", json_integer(a->vlan));
    json_object_set_new(o, "count", json_integer((json_int_t)a->count));
    add_list(o, "guideline",
             a->guideline                         ? a->guideline
             : (unsigned)a->type < NW_ALERT_COUNT ? types[a->type].refs
                                                  : NULL);
    add_list(o, "catalog", (unsigned)a->type < NW_ALERT_COUNT ? types[a->type].ids : NULL);
    if (a->detail[0])
        json_object_set_new(o, "detail", json_string(a->detail));
    if (a->reason)
        json_object_set_new(o, "reason", json_string(a->reason));
    return o;
}
