/*
 * baseline.c — learning mode: the allowlist of assets and conversations and the per-asset
 * traffic profile by hour of day, saved as an editable JSON file (docs/netwatch.md, "Baseline
 * and allowlist"; guideline 2.1.2 whitelisting, 3.1.5.2(4)(a), 3.2.2.1 signs of departure from
 * normal). One thread; nw_baseline_learn runs per packet and allocates only when a table
 * doubles (amortised), never beyond the caps below (what does not fit is counted in dropped).
 *
 * Invariants: every entry's key sits at offset 0 and was zeroed before it was filled, so keys
 * hash and compare as bytes; the index of a table is at most half full.
 */
#include "netwatch/netwatch_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_PER_S 1000000000LL
#define NS_PER_HOUR (3600 * NS_PER_S)
#define BASELINE_FORMAT "airguard-netwatch-baseline"
#define BASELINE_VERSION 1

/* Caps: beyond them entries are counted, not kept. */
#define MAX_ASSETS 65536
#define MAX_CONVS (1u << 20)
#define MAX_ARP 65536
#define MAX_GAP_S (366 * 86400)            /* longest_gap_s of a loaded asset: at most a year */
#define MAX_COVERAGE_SLOTS (24 * 366 * 20) /* a learned period longer than 20 years is cut */

/* ---- the index and the tables (fixed when created with cap == max) ---- */

int nw_index_init(struct nw_index *ix, size_t size)
{
    ix->slot = calloc(size, sizeof(*ix->slot));
    ix->mask = ix->slot ? (uint32_t)(size - 1) : 0;
    return ix->slot ? AG_OK : AG_ENOMEM;
}

void nw_index_release(struct nw_index *ix)
{
    free(ix->slot);
    ix->slot = NULL;
    ix->mask = 0;
}

void nw_index_clear(struct nw_index *ix)
{
    if (ix->slot)
        memset(ix->slot, 0, ((size_t)ix->mask + 1) * sizeof(*ix->slot));
}

int nw_tbl_init(struct nw_table *t, size_t esz, size_t klen, size_t cap, size_t max)
{
    memset(t, 0, sizeof(*t));
    t->esz = esz;
    t->klen = klen;
    t->max = max;
    t->cap = cap;
    t->e = calloc(t->cap, esz);
    if (!t->e || nw_index_init(&t->ix, t->cap * 2)) {
        free(t->e);
        t->e = NULL;
        return AG_ENOMEM;
    }
    return AG_OK;
}

void nw_tbl_release(struct nw_table *t)
{
    free(t->e);
    nw_index_release(&t->ix);
    memset(t, 0, sizeof(*t));
}

void nw_tbl_clear(struct nw_table *t)
{
    size_t size = (size_t)t->ix.mask + 1;
    if (t->n * 8 >= size) {
        nw_index_clear(&t->ix);
    } else { /* few entries in a big index: clear their slots only */
        for (size_t i = 0; i < t->n; i++) {
            uint32_t j = (uint32_t)nw_hash(nw_tbl_at(t, i), t->klen) & t->ix.mask;
            while (t->ix.slot[j] != i + 1) /* by value: slots cleared before do not matter */
                j = (j + 1) & t->ix.mask;
            t->ix.slot[j] = 0;
        }
    }
    t->n = 0;
}

static bool nw_tbl_grow(struct nw_table *t)
{
    size_t cap = t->cap * 2;
    void *e = realloc(t->e, cap * t->esz);
    if (!e)
        return false;
    t->e = e;
    struct nw_index ix;
    if (nw_index_init(&ix, cap * 2))
        return false;
    for (size_t i = 0; i < t->n; i++) {
        uint32_t at = 0;
        const void *k = nw_tbl_at(t, i);
        (void)nw_index_find(&ix, t->e, t->esz, k, t->klen, nw_hash(k, t->klen), &at);
        ix.slot[at] = (uint32_t)i + 1;
    }
    nw_index_release(&t->ix);
    t->ix = ix;
    t->cap = cap;
    return true;
}

void *nw_tbl_get(struct nw_table *t, const void *key, bool insert, bool *fresh)
{
    uint32_t at = 0;
    uint64_t h = nw_hash(key, t->klen);
    long i = nw_index_find(&t->ix, t->e, t->esz, key, t->klen, h, &at);
    if (fresh)
        *fresh = false;
    if (i >= 0)
        return nw_tbl_at(t, (size_t)i);
    if (!insert)
        return NULL;
    if (t->n == t->cap) {
        if (t->n >= t->max || !nw_tbl_grow(t)) {
            t->dropped++;
            return NULL;
        }
        (void)nw_index_find(&t->ix, t->e, t->esz, key, t->klen, h, &at); /* a new index */
    }
    if (t->n >= t->max) {
        t->dropped++;
        return NULL;
    }
    void *e = nw_tbl_at(t, t->n);
    memset(e, 0, t->esz);
    memcpy(e, key, t->klen);
    t->ix.slot[at] = (uint32_t)++t->n;
    if (fresh)
        *fresh = true;
    return e;
}

/* ---- keys ---- */

/* Ports ≥ 1024 that are services (OT and common IT), sorted: ranked with the well-known ports. */
static const uint16_t service_ports[] = {
    1089,  1090,  1091,  1433,  1434,  1521,  1883,  1900,  1911,  1962,  2222,  2404,
    2455,  3306,  3389,  3702,  4000,  4840,  4843,  5007,  5020,  5094,  5353,  5355,
    5432,  5683,  5900,  6379,  8000,  8080,  8443,  8883,  9600,  11001, 18245, 18246,
    20000, 20547, 34962, 34963, 34964, 34980, 37777, 44818, 45678, 47808, 48898, 55000,
};

/* 2: a well-known or known service port; 1: registered range (< 32768); 0: ephemeral. */
static int port_rank(uint16_t p)
{
    if (p < 1024)
        return 2;
    size_t lo = 0, hi = AG_ARRAY_LEN(service_ports);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (service_ports[mid] == p)
            return 2;
        if (service_ports[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return p < 32768 ? 1 : 0;
}

static bool ip_is_group(uint8_t fam, const uint8_t *a)
{
    if (fam == NW_FAM_V4)
        return (a[0] & 0xf0) == 0xe0 || (a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255);
    return a[0] == 0xff;
}

static void conv_swap(struct nw_conv *c, uint16_t *ap, uint16_t *bp)
{
    uint8_t t[16];
    memcpy(t, c->a, 16);
    memcpy(c->a, c->b, 16);
    memcpy(c->b, t, 16);
    uint16_t p = *ap;
    *ap = *bp;
    *bp = p;
}

/* Who serves whom between two ports (docs/netwatch.md, "Baseline and allowlist"): true when
 * the initiator's port looks more like the service than the responder's. */
static bool port_says_swap(const struct nw_conv *c, uint16_t ap, uint16_t bp)
{
    if (ap == bp)
        return memcmp(c->a, c->b, 16) > 0; /* peers (NTP, BACnet, ENIP I/O): address order */
    int ra = port_rank(ap), rb = port_rank(bp);
    if (ra != rb)
        return ra > rb;
    if (ra < 2)
        return false; /* both unknown: the flow's direction (the SYN, the first packet) */
    if ((ap == 546 && bp == 547) || (ap == 547 && bp == 546))
        return ap == 547; /* DHCPv6: the server owns 547 */
    return ap < bp;       /* both services (DHCP 68→67, rsh 1023→514): the lower one */
}

bool nw_conv_make(const struct nw_packet *pkt, const struct nw_flow *flow, int dir,
                  struct nw_conv *c)
{
    uint16_t ap, bp;
    (void)dir;
    memset(c, 0, sizeof(*c));
    if (pkt->arp_op || pkt->ethertype == 0x0806)
        return false;
    if (flow) {
        if (flow->ethertype == 0x0806)
            return false;
        c->fam = flow->ip_version == 4 ? NW_FAM_V4 : flow->ip_version == 6 ? NW_FAM_V6 : NW_FAM_MAC;
        memcpy(c->a, flow->a_addr, c->fam == NW_FAM_MAC ? 6 : 16);
        memcpy(c->b, flow->b_addr, c->fam == NW_FAM_MAC ? 6 : 16);
        c->proto = c->fam == NW_FAM_MAC ? 0 : flow->proto;
        c->vlan = flow->vlan;
        ap = flow->a_port;
        bp = flow->b_port;
        if (c->fam == NW_FAM_MAC)
            bp = flow->ethertype;
    } else if (pkt->ip_version == 4 || pkt->ip_version == 6) {
        c->fam = pkt->ip_version == 4 ? NW_FAM_V4 : NW_FAM_V6;
        memcpy(c->a, pkt->src_ip, 16);
        memcpy(c->b, pkt->dst_ip, 16);
        c->proto = pkt->l4_proto;
        c->vlan = pkt->vlan_count ? pkt->vlan[0] : 0;
        bool l4 = pkt->flags & NW_PF_L4;
        ap = l4 ? pkt->sport : 0;
        bp = l4 ? pkt->dport : 0;
        bool reply = l4 && ((c->proto == 6 && (pkt->tcp_flags & 0x12) == 0x12) ||
                            (c->proto == 1 && pkt->icmp_type == 0) ||
                            (c->proto == 58 && pkt->icmp_type == 129));
        if (reply) /* a SYN-ACK or an echo reply: its receiver began */
            conv_swap(c, &ap, &bp);
    } else if (pkt->has_mac) {
        c->fam = NW_FAM_MAC;
        memcpy(c->a, pkt->src_mac, 6);
        memcpy(c->b, pkt->dst_mac, 6);
        c->vlan = pkt->vlan_count ? pkt->vlan[0] : 0;
        ap = 0;
        bp = pkt->ethertype;
    } else {
        return false;
    }
    if (c->fam == NW_FAM_MAC) {
        /* layer 2 has no initiator: a unicast pair in address order, a group as responder */
        uint16_t et = bp;
        if (!(c->b[0] & 1) && ((c->a[0] & 1) || memcmp(c->a, c->b, 6) > 0))
            conv_swap(c, &ap, &bp);
        c->port = et;
        return true;
    }
    if (c->proto == 6 || c->proto == 17 || c->proto == 132 || c->proto == 136) {
        if (!ip_is_group(c->fam, c->b) && (ip_is_group(c->fam, c->a) || port_says_swap(c, ap, bp)))
            conv_swap(c, &ap, &bp);
        c->port = bp;
    } else {
        c->port = 0; /* ICMP and protocols without ports */
    }
    return true;
}

/* ---- learning ---- */

int nw_baseline_new(struct nw_baseline **out)
{
    struct nw_baseline *bl = calloc(1, sizeof(*bl));
    *out = NULL;
    if (!bl)
        return AG_ENOMEM;
    if (nw_tbl_init(&bl->assets, sizeof(struct nw_bl_asset), sizeof(struct nw_akey), 64,
                    MAX_ASSETS) ||
        nw_tbl_init(&bl->convs, sizeof(struct nw_bl_conv), sizeof(struct nw_conv), 64, MAX_CONVS) ||
        nw_tbl_init(&bl->arp, sizeof(struct nw_bl_arp), 6, 64, MAX_ARP)) {
        nw_baseline_free(bl);
        return AG_ENOMEM;
    }
    bl->slot = -1;
    bl->memo_tag = nw_memo_tag_new();
    *out = bl;
    return AG_OK;
}

void nw_baseline_free(struct nw_baseline *bl)
{
    if (!bl)
        return;
    nw_tbl_release(&bl->assets);
    nw_tbl_release(&bl->convs);
    nw_tbl_release(&bl->arp);
    free(bl);
}

static struct nw_bl_asset *asset_get(struct nw_baseline *bl, const struct nw_akey *k, bool *fresh)
{
    struct nw_bl_asset *a = nw_tbl_get(&bl->assets, k, true, fresh);
    if (a && *fresh) {
        a->profile = true;
        a->last_slot = -1;
    }
    return a;
}

/* The flow's memo while learning (nw_flow.hint[2] and hint[3], shared with detect.c, which
 * describes them): hint[3] the baseline's memo_tag, hint[2] per direction (low 16 bits a→b, high
 * b→a) the index + 1 of the sender's asset when the sender is a MAC. Only this baseline writes
 * its tag, and only for MAC senders: the packet's source MAC equal to the asset's is the same
 * sender (a flow's sender MAC may change: a router, a man in the middle). */
static struct nw_bl_asset *memo_asset(struct nw_baseline *bl, const struct nw_packet *pkt,
                                      const struct nw_flow *flow, int dir)
{
    if (!flow || !pkt->has_mac || flow->hint[3] != bl->memo_tag)
        return NULL;
    uint32_t h = (flow->hint[2] >> ((dir & 1) ? 16 : 0)) & 0xffff;
    if (!h)
        return NULL;
    struct nw_bl_asset *a = (struct nw_bl_asset *)bl->assets.e + (h - 1);
    return !memcmp(a->key.addr, pkt->src_mac, 6) ? a : NULL;
}

static void memo_asset_set(struct nw_baseline *bl, const struct nw_flow *flow, int dir,
                           const struct nw_akey *k, const struct nw_bl_asset *a)
{
    size_t i = (size_t)(a - (const struct nw_bl_asset *)bl->assets.e);
    if (!flow || k->fam != NW_FAM_MAC || i >= 0xffff)
        return;
    struct nw_flow *f = (struct nw_flow *)flow; /* writable: see nw_flow.hint */
    if (f->hint[3] != bl->memo_tag) {
        f->hint[3] = bl->memo_tag;
        f->hint[2] = 0;
    }
    unsigned shift = (dir & 1) ? 16 : 0;
    f->hint[2] = (f->hint[2] & ~(0xffffu << shift)) | (uint32_t)(i + 1) << shift;
}

void nw_baseline_learn(struct nw_baseline *bl, const struct nw_packet *pkt,
                       const struct nw_flow *flow, int dir, bool created)
{
    int64_t ts = pkt->ts_ns;
    if (ts < 0)
        return;
    if (ts > bl->last_ns) { /* in order: the common case first */
        if (bl->first_ns == 0 && bl->last_ns == 0)
            bl->first_ns = ts;
        bl->last_ns = ts;
    } else if (ts < bl->first_ns) {
        bl->first_ns = ts;
    }
    if (ts < bl->slot_start || ts >= bl->slot_end || bl->slot < 0) {
        bl->slot = nw_hour_slot(ts, bl->utc_offset);
        bl->slot_start = nw_hour_slot_start(bl->slot, bl->utc_offset);
        bl->slot_end = bl->slot_start + NS_PER_HOUR;
        bl->slot_hour = (int)(bl->slot % 24);
    }
    struct nw_akey k;
    bool fresh;
    struct nw_bl_asset *a = memo_asset(bl, pkt, flow, dir);
    if (!a && nw_sender_key(pkt, &k) && (a = asset_get(bl, &k, &fresh)))
        memo_asset_set(bl, flow, dir, &k, a);
    if (a) {
        int h = bl->slot_hour;
        a->pkts[h] += 1;
        a->bytes[h] += pkt->wire_len;
        if (a->last_slot != bl->slot) {
            a->active[h]++;
            a->last_slot = bl->slot;
        }
        /* its first packet: the time since the period began is a gap too (a device that
         * starts late in learning is not silent at the start of a watch) */
        int64_t prev = a->sent++ ? a->last_ns : bl->first_ns;
        if (ts - prev > a->gap_ns)
            a->gap_ns = ts - prev;
        if (ts > a->last_ns)
            a->last_ns = ts;
    }
    if (pkt->arp_op && (pkt->arp_spa[0] | pkt->arp_spa[1] | pkt->arp_spa[2] | pkt->arp_spa[3]) &&
        !nw_mac_is_group_or_zero(pkt->arp_sha)) {
        struct nw_bl_arp key = {.vlan = pkt->vlan_count ? pkt->vlan[0] : 0};
        memcpy(key.ip, pkt->arp_spa, 4);
        struct nw_bl_arp *b = nw_tbl_get(&bl->arp, &key, true, NULL);
        if (b)
            memcpy(b->mac, pkt->arp_sha, 6);
    }
    struct nw_conv c;
    if ((created || !flow) && nw_conv_make(pkt, flow, dir, &c)) {
        struct nw_bl_conv *e = nw_tbl_get(&bl->convs, &c, true, &fresh);
        if (e) {
            if (fresh)
                e->first_ns = ts;
            e->flows++;
            e->last_ns = ts > e->last_ns ? ts : e->last_ns;
        }
    }
}

void nw_baseline_coverage(const struct nw_baseline *bl, uint32_t seconds[24], uint32_t days[24])
{
    if (bl->loaded) {
        memcpy(seconds, bl->seconds, sizeof(bl->seconds));
        memcpy(days, bl->days, sizeof(bl->days));
        return;
    }
    memset(seconds, 0, 24 * sizeof(*seconds));
    memset(days, 0, 24 * sizeof(*days));
    if (bl->first_ns == 0 && bl->last_ns == 0)
        return;
    int64_t s0 = nw_hour_slot(bl->first_ns, bl->utc_offset);
    int64_t s1 = nw_hour_slot(bl->last_ns, bl->utc_offset);
    if (s1 - s0 > MAX_COVERAGE_SLOTS)
        s0 = s1 - MAX_COVERAGE_SLOTS;
    for (int64_t s = s0; s <= s1; s++) {
        int64_t from = nw_hour_slot_start(s, bl->utc_offset), to = from + NS_PER_HOUR;
        if (from < bl->first_ns)
            from = bl->first_ns;
        if (to > bl->last_ns)
            to = bl->last_ns;
        int h = (int)(s % 24);
        seconds[h] += (uint32_t)((to - from + NS_PER_S / 2) / NS_PER_S);
        days[h]++;
    }
}

void nw_baseline_set_utc_offset(struct nw_baseline *bl, int32_t utc_offset)
{
    bl->utc_offset = utc_offset;
    bl->slot = -1; /* the next packet finds its slot in this zone */
}

int32_t nw_baseline_utc_offset(const struct nw_baseline *bl)
{
    return bl->utc_offset;
}

void nw_baseline_get_stats(const struct nw_baseline *bl, struct nw_baseline_stats *out)
{
    memset(out, 0, sizeof(*out));
    out->first_ns = bl->first_ns;
    out->last_ns = bl->last_ns;
    out->assets = bl->assets.n;
    out->conversations = bl->convs.n;
    out->arp = bl->arp.n;
    out->dropped = bl->assets.dropped + bl->convs.dropped + bl->arp.dropped;
}

/* ---- JSON ---- */

static json_t *time_json(int64_t ns)
{
    char t[32];
    nw_time_format(ns, t);
    return json_string(t);
}

static json_t *addr_json(uint8_t fam, const uint8_t *a)
{
    char s[46];
    nw_addr_format(fam, a, s);
    return json_string(s);
}

/* v ≥ 0 to 3 decimals (without libm: the library links none) */
static double round3(double v)
{
    return v < 9e15 ? (double)(int64_t)(v * 1000.0 + 0.5) / 1000.0 : v;
}

int64_t nw_bl_asset_gap(const struct nw_baseline *bl, const struct nw_bl_asset *a)
{
    if (bl->loaded)
        return a->gap_ns;
    if (a->sent < NW_GAP_MIN_PACKETS)
        return 0;
    /* the silence from its last packet to the end of the period counts too: a device that
     * stopped while learning does not talk regularly */
    int64_t tail = bl->last_ns - a->last_ns;
    return tail > a->gap_ns ? tail : a->gap_ns;
}

static json_t *asset_json(const struct nw_baseline *bl, const struct nw_bl_asset *a,
                          const uint32_t seconds[24])
{
    json_t *o = json_object();
    json_object_set_new(o, a->key.fam == NW_FAM_MAC ? "mac" : "ip",
                        addr_json(a->key.fam, a->key.addr));
    if (!a->profile)
        return o;
    json_t *p = json_array(), *b = json_array(), *d = json_array();
    for (int h = 0; h < 24; h++) {
        double hours = seconds[h] / 3600.0;
        json_array_append_new(p, json_real(hours > 0 ? round3(a->pkts[h] / hours) : 0.0));
        json_array_append_new(b, json_real(hours > 0 ? round3(a->bytes[h] / hours) : 0.0));
        json_array_append_new(d, json_integer(a->active[h]));
    }
    json_object_set_new(o, "packets_per_hour", p);
    json_object_set_new(o, "bytes_per_hour", b);
    json_object_set_new(o, "active_days", d);
    int64_t gap = nw_bl_asset_gap(bl, a);
    if (gap > 0) /* milliseconds, rounded up */
        json_object_set_new(o, "longest_gap_s",
                            json_real((double)((gap + 999999) / 1000000) / 1000.0));
    return o;
}

static json_t *conv_json(const struct nw_bl_conv *e)
{
    const struct nw_conv *c = &e->c;
    json_t *o = json_object();
    json_object_set_new(o, "initiator", addr_json(c->fam, c->a));
    json_object_set_new(o, "responder", addr_json(c->fam, c->b));
    if (c->fam == NW_FAM_MAC) {
        char et[8];
        snprintf(et, sizeof(et), "0x%04x", c->port);
        json_object_set_new(o, "ethertype", json_string(et));
    } else {
        const char *pn = nw_proto_name(c->proto);
        json_object_set_new(o, "proto", pn ? json_string(pn) : json_integer(c->proto));
        json_object_set_new(o, "port", json_integer(c->port));
    }
    if (c->vlan)
        json_object_set_new(o, "vlan", json_integer(c->vlan));
    json_object_set_new(o, "flows", json_integer((json_int_t)e->flows));
    if (e->first_ns || e->last_ns) {
        json_object_set_new(o, "first", time_json(e->first_ns));
        json_object_set_new(o, "last", time_json(e->last_ns));
    }
    return o;
}

static json_t *arp_json(const struct nw_bl_arp *b)
{
    json_t *o = json_object();
    json_object_set_new(o, "ip", addr_json(NW_FAM_V4, b->ip));
    json_object_set_new(o, "mac", addr_json(NW_FAM_MAC, b->mac));
    if (b->vlan)
        json_object_set_new(o, "vlan", json_integer(b->vlan));
    return o;
}

/* Entries sorted by key, so two baselines of the same network compare line by line. */
static const struct nw_table *sort_table;
static int cmp_entry(const void *x, const void *y)
{
    const struct nw_table *t = sort_table;
    return memcmp(nw_tbl_at(t, *(const size_t *)x), nw_tbl_at(t, *(const size_t *)y), t->klen);
}

static size_t *sorted(const struct nw_table *t)
{
    size_t *o = malloc((t->n ? t->n : 1) * sizeof(*o));
    if (!o)
        return NULL;
    for (size_t i = 0; i < t->n; i++)
        o[i] = i;
    sort_table = t;
    qsort(o, t->n, sizeof(*o), cmp_entry);
    return o;
}

json_t *nw_baseline_to_json(const struct nw_baseline *bl)
{
    uint32_t seconds[24], days[24];
    nw_baseline_coverage(bl, seconds, days);
    json_t *root = json_object(), *learned = json_object(), *js = json_array(), *jd = json_array();
    json_t *assets = json_array(), *arp = json_array(), *convs = json_array();
    size_t *oa = sorted(&bl->assets), *ob = sorted(&bl->arp), *oc = sorted(&bl->convs);
    if (!root || !learned || !js || !jd || !assets || !arp || !convs || !oa || !ob || !oc) {
        json_decref(root);
        json_decref(learned);
        json_decref(js);
        json_decref(jd);
        json_decref(assets);
        json_decref(arp);
        json_decref(convs);
        root = NULL;
        goto out;
    }
    bool any = bl->first_ns || bl->last_ns;
    json_object_set_new(learned, "first", any ? time_json(bl->first_ns) : json_null());
    json_object_set_new(learned, "last", any ? time_json(bl->last_ns) : json_null());
    for (int h = 0; h < 24; h++) {
        json_array_append_new(js, json_integer(seconds[h]));
        json_array_append_new(jd, json_integer(days[h]));
    }
    json_object_set_new(learned, "seconds", js);
    json_object_set_new(learned, "days", jd);
    if (bl->utc_offset) { /* absent: UTC (files learned before time zones) */
        char tz[7];
        ag_utc_offset_format(bl->utc_offset, tz);
        json_object_set_new(learned, "timezone", json_string(tz));
    }
    for (size_t i = 0; i < bl->assets.n; i++)
        json_array_append_new(assets, asset_json(bl, nw_tbl_at(&bl->assets, oa[i]), seconds));
    for (size_t i = 0; i < bl->arp.n; i++)
        json_array_append_new(arp, arp_json(nw_tbl_at(&bl->arp, ob[i])));
    for (size_t i = 0; i < bl->convs.n; i++)
        json_array_append_new(convs, conv_json(nw_tbl_at(&bl->convs, oc[i])));
    json_object_set_new(root, "format", json_string(BASELINE_FORMAT));
    json_object_set_new(root, "version", json_integer(BASELINE_VERSION));
    json_object_set_new(root, "learned", learned);
    json_object_set_new(root, "assets", assets);
    json_object_set_new(root, "arp", arp);
    json_object_set_new(root, "conversations", convs);
out:
    free(oa);
    free(ob);
    free(oc);
    return root;
}

#define DUMP_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))

/* Appends v as one line (no indentation inside: one entry per line reads and edits well). */
static void add_line(struct strbuf *sb, const json_t *v)
{
    char *s = json_dumps(v, DUMP_FLAGS | JSON_ENCODE_ANY);
    if (!s) {
        sb->failed = true;
        return;
    }
    strbuf_adds(sb, s);
    free(s);
}

int nw_baseline_save(const struct nw_baseline *bl, const char *path, struct ag_error *err)
{
    json_t *root = nw_baseline_to_json(bl);
    if (!root)
        return ag_error_set(err, AG_ENOMEM, "netwatch detect: out of memory");
    struct strbuf sb;
    strbuf_init(&sb, 0);
    strbuf_adds(&sb, "{\n");
    const char *key;
    json_t *v;
    size_t k = 0, nkeys = json_object_size(root);
    json_object_foreach(root, key, v)
    {
        strbuf_addf(&sb, "  \"%s\": ", key);
        if (json_is_array(v) && json_array_size(v)) {
            strbuf_adds(&sb, "[\n");
            for (size_t i = 0; i < json_array_size(v); i++) {
                strbuf_adds(&sb, "    ");
                add_line(&sb, json_array_get(v, i));
                strbuf_adds(&sb, i + 1 < json_array_size(v) ? ",\n" : "\n");
            }
            strbuf_adds(&sb, "  ]");
        } else {
            add_line(&sb, v);
        }
        strbuf_adds(&sb, ++k < nkeys ? ",\n" : "\n");
    }
    strbuf_adds(&sb, "}\n");
    json_decref(root);
    int rc = strbuf_ok(&sb) ? ag_file_write_atomic(path, sb.buf, sb.len, err)
                            : ag_error_set(err, AG_ENOMEM, "netwatch detect: out of memory");
    strbuf_release(&sb);
    return rc;
}

/* ---- loading: every entry checked, errors name the file and the entry ---- */

struct load {
    const char *path;
    struct ag_error *err;
    struct nw_baseline *bl;
};

/* 24 numbers ≥ 0 (integers when ints) into out; false if v is not that. */
static bool hours_array(const json_t *v, double out[24], bool ints)
{
    if (!json_is_array(v) || json_array_size(v) != 24)
        return false;
    for (size_t h = 0; h < 24; h++) {
        const json_t *x = json_array_get(v, h);
        if (ints ? !json_is_integer(x) : !json_is_number(x))
            return false;
        double d = json_number_value(x);
        if (!(d >= 0) || d > 1e18 || (ints && d > UINT32_MAX))
            return false;
        out[h] = d;
    }
    return true;
}

/* An entry is wrong: the message names the file, the list and the entry's index. */
#define BAD(L, list, i, fmt, ...)                                                                  \
    ag_error_set((L)->err, AG_EINVAL, "%s: %s[%zu]: " fmt, (L)->path, list, i, __VA_ARGS__)

static int load_learned(struct load *L, json_t *o)
{
    json_t *first, *last, *secs, *days;
    const char *tz = NULL;
    json_error_t je;
    double s[24], d[24];
    if (json_unpack_ex(o, &je, JSON_STRICT, "{s:o, s:o, s:o, s:o, s?s}", "first", &first, "last",
                       &last, "seconds", &secs, "days", &days, "timezone", &tz))
        return ag_error_set(L->err, AG_EINVAL, "%s: learned: %s", L->path, je.text);
    if (tz && !ag_utc_offset_parse(tz, &L->bl->utc_offset))
        return ag_error_set(L->err, AG_EINVAL,
                            "%s: learned: timezone \"%.16s\" is not an offset such as \"+09:00\"",
                            L->path, tz);
    int64_t f = 0, l = 0;
    if (!json_is_null(first) || !json_is_null(last)) {
        const char *bad_t =
            !json_is_string(first) || !nw_time_parse(json_string_value(first), &f) ? "first"
            : !json_is_string(last) || !nw_time_parse(json_string_value(last), &l) ? "last"
                                                                                   : NULL;
        if (bad_t)
            return ag_error_set(L->err, AG_EINVAL,
                                "%s: learned: %s is not a time (YYYY-MM-DDTHH:MM:SS.mmmZ)", L->path,
                                bad_t);
        if (l < f)
            return ag_error_set(L->err, AG_EINVAL, "%s: learned: last is before first", L->path);
    }
    if (!hours_array(secs, s, true) || !hours_array(days, d, true))
        return ag_error_set(L->err, AG_EINVAL,
                            "%s: learned: seconds and days must be lists of 24 whole numbers",
                            L->path);
    L->bl->first_ns = f;
    L->bl->last_ns = l;
    for (int h = 0; h < 24; h++) {
        L->bl->seconds[h] = (uint32_t)s[h];
        L->bl->days[h] = (uint32_t)d[h];
    }
    return AG_OK;
}

static int load_asset(struct load *L, json_t *o, size_t i)
{
    const char *mac = NULL, *ip = NULL;
    json_t *p = NULL, *b = NULL, *d = NULL, *g = NULL;
    json_error_t je;
    if (json_unpack_ex(o, &je, JSON_STRICT, "{s?s, s?s, s?o, s?o, s?o, s?o}", "mac", &mac, "ip",
                       &ip, "packets_per_hour", &p, "bytes_per_hour", &b, "active_days", &d,
                       "longest_gap_s", &g))
        return BAD(L, "assets", i, "%s", je.text);
    if (!mac == !ip)
        return ag_error_set(L->err, AG_EINVAL, "%s: %s[%zu]: give either \"mac\" or \"ip\"",
                            L->path, "assets", i);
    struct nw_akey k;
    memset(&k, 0, sizeof(k));
    k.fam = nw_addr_parse(mac ? mac : ip, k.addr);
    if (mac && k.fam != NW_FAM_MAC)
        return BAD(L, "assets", i, "\"%s\" is not a MAC address", mac);
    if (ip && k.fam != NW_FAM_V4 && k.fam != NW_FAM_V6)
        return BAD(L, "assets", i, "\"%s\" is not an IP address", ip);
    double pk[24], by[24], ac[24];
    bool prof = p || b || d;
    if (prof &&
        (!hours_array(p, pk, false) || !hours_array(b, by, false) || !hours_array(d, ac, true)))
        return BAD(L, "assets", i,
                   "%s: packets_per_hour, bytes_per_hour and active_days are lists "
                   "of 24 numbers ≥ 0, all three or none",
                   mac ? mac : ip);
    double gap = g ? json_number_value(g) : 0.0;
    if (g && !(json_is_number(g) && gap > 0.0 && gap <= MAX_GAP_S))
        return BAD(L, "assets", i,
                   "%s: longest_gap_s must be a number of seconds above 0 and at most %d",
                   mac ? mac : ip, MAX_GAP_S);
    bool fresh;
    struct nw_bl_asset *a = asset_get(L->bl, &k, &fresh);
    if (!a)
        return ag_error_set(L->err, AG_ENOMEM, "%s: too many %s (at most %zu)", L->path, "assets",
                            (size_t)MAX_ASSETS);
    if (!fresh)
        return BAD(L, "assets", i, "%s is there twice", mac ? mac : ip);
    a->profile = prof;
    a->gap_ns = (int64_t)(gap * 1e9 + 0.5); /* whole ns: saved again, the same ms */
    for (int h = 0; prof && h < 24; h++) {
        double hours = L->bl->seconds[h] / 3600.0;
        a->pkts[h] = pk[h] * hours;
        a->bytes[h] = by[h] * hours;
        a->active[h] = (uint32_t)ac[h];
    }
    return AG_OK;
}

static int load_arp(struct load *L, json_t *o, size_t i)
{
    const char *ip, *mac;
    json_int_t vlan = 0;
    json_error_t je;
    if (json_unpack_ex(o, &je, JSON_STRICT, "{s:s, s:s, s?I}", "ip", &ip, "mac", &mac, "vlan",
                       &vlan))
        return BAD(L, "arp", i, "%s", je.text);
    struct nw_bl_arp key = {0};
    uint8_t a[16];
    if (nw_addr_parse(ip, a) != NW_FAM_V4)
        return BAD(L, "arp", i, "\"%s\" is not an IPv4 address", ip);
    uint8_t m[6];
    if (!nw_mac_parse(mac, m))
        return BAD(L, "arp", i, "\"%s\" is not a MAC address", mac);
    if (vlan < 0 || vlan > 4095)
        return BAD(L, "arp", i, "%s: the VLAN is not 0 to 4095", ip);
    memcpy(key.ip, a, 4);
    key.vlan = (uint16_t)vlan;
    bool fresh;
    struct nw_bl_arp *b = nw_tbl_get(&L->bl->arp, &key, true, &fresh);
    if (!b)
        return ag_error_set(L->err, AG_ENOMEM, "%s: too many %s (at most %zu)", L->path, "arp",
                            (size_t)MAX_ARP);
    if (!fresh)
        return BAD(L, "arp", i, "%s is there twice", ip);
    memcpy(b->mac, m, 6);
    return AG_OK;
}

static int load_conv(struct load *L, json_t *o, size_t i)
{
    const char *ini, *resp, *first = NULL, *last = NULL, *et = NULL;
    json_t *proto = NULL;
    json_int_t port = -1, vlan = 0, flows = 0;
    json_error_t je;
    if (json_unpack_ex(o, &je, JSON_STRICT, "{s:s, s:s, s?o, s?I, s?s, s?I, s?I, s?s, s?s}",
                       "initiator", &ini, "responder", &resp, "proto", &proto, "port", &port,
                       "ethertype", &et, "vlan", &vlan, "flows", &flows, "first", &first, "last",
                       &last))
        return BAD(L, "conversations", i, "%s", je.text);
    struct nw_bl_conv e;
    memset(&e, 0, sizeof(e));
    struct nw_conv *c = &e.c;
    uint8_t fb;
    c->fam = nw_addr_parse(ini, c->a);
    fb = nw_addr_parse(resp, c->b);
    if (!c->fam)
        return BAD(L, "conversations", i, "\"%s\" is not a MAC or IP address", ini);
    if (!fb)
        return BAD(L, "conversations", i, "\"%s\" is not a MAC or IP address", resp);
    if (fb != c->fam)
        return BAD(L, "conversations", i,
                   "%s: the initiator and the responder are not the same kind of "
                   "address",
                   ini);
    if (c->fam == NW_FAM_MAC) {
        char *end = NULL;
        unsigned long v = et ? strtoul(et, &end, 16) : 0;
        if (!et || proto || port >= 0 || !*et || *end || v < 0x600 || v > 0xffff)
            return BAD(L, "conversations", i,
                       "%s: between MAC addresses give \"ethertype\" (e.g. "
                       "\"0x88b8\"), not proto or port",
                       ini);
        c->port = (uint16_t)v;
    } else {
        int pr = json_is_string(proto)    ? nw_proto_parse(json_string_value(proto))
                 : json_is_integer(proto) ? (int)json_integer_value(proto)
                                          : -1;
        if (et || pr < 0 || pr > 255)
            return BAD(L, "conversations", i,
                       "%s: give \"proto\" (tcp, udp, icmp, … or a number) and "
                       "\"port\"",
                       ini);
        if (port > 65535 || (port < 0 && (pr == 6 || pr == 17 || pr == 132)))
            return BAD(L, "conversations", i, "%s: the port is not 0 to 65535", ini);
        c->proto = (uint8_t)pr;
        c->port = port > 0 ? (uint16_t)port : 0;
    }
    if (vlan < 0 || vlan > 4095)
        return BAD(L, "conversations", i, "%s: the VLAN is not 0 to 4095", ini);
    c->vlan = (uint16_t)vlan;
    if ((first && !nw_time_parse(first, &e.first_ns)) || (last && !nw_time_parse(last, &e.last_ns)))
        return BAD(L, "conversations", i, "\"%s\" is not a time (YYYY-MM-DDTHH:MM:SS.mmmZ)",
                   first && !nw_time_parse(first, &e.first_ns) ? first : last);
    bool fresh;
    struct nw_bl_conv *n = nw_tbl_get(&L->bl->convs, c, true, &fresh);
    if (!n)
        return ag_error_set(L->err, AG_ENOMEM, "%s: too many %s (at most %zu)", L->path,
                            "conversations", (size_t)MAX_CONVS);
    if (!fresh)
        return BAD(L, "conversations", i, "%s: this conversation is there twice", ini);
    n->flows = flows > 0 ? (uint64_t)flows : 0;
    n->first_ns = e.first_ns;
    n->last_ns = e.last_ns;
    return AG_OK;
}

int nw_baseline_load(const char *path, struct nw_baseline **out, struct ag_error *err)
{
    *out = NULL;
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        if (je.line < 1)
            return ag_error_set(err, AG_EIO, "%s: cannot read the baseline: %s", path, je.text);
        return ag_error_set(err, AG_EINVAL, "%s:%d:%d: the baseline is not valid JSON: %s", path,
                            je.line, je.column, je.text);
    }
    int rc = nw_baseline_from_json(root, path, out, err);
    json_decref(root);
    return rc;
}

int nw_baseline_from_json(const json_t *croot, const char *path, struct nw_baseline **out,
                          struct ag_error *err)
{
    *out = NULL;
    json_t *root = (json_t *)croot, *learned, *assets, *convs, *arp = NULL; /* only read */
    json_error_t je;
    const char *format;
    json_int_t version;
    struct nw_baseline *bl = NULL;
    int rc = AG_EINVAL;
    if (json_unpack_ex(root, &je, JSON_STRICT, "{s:s, s:I, s:o, s:o, s?o, s:o}", "format", &format,
                       "version", &version, "learned", &learned, "assets", &assets, "arp", &arp,
                       "conversations", &convs) ||
        strcmp(format, BASELINE_FORMAT)) {
        ag_error_set(
            err, rc, "%s: not a netwatch baseline (%s)", path,
            json_is_object(root) && json_is_string(json_object_get(root, "format")) &&
                    strcmp(json_string_value(json_object_get(root, "format")), BASELINE_FORMAT)
                ? "format: \"" BASELINE_FORMAT "\" expected"
                : je.text);
        goto out;
    }
    if (version != BASELINE_VERSION) {
        ag_error_set(err, rc, "%s: baseline version %lld, this program reads version %d", path,
                     (long long)version, BASELINE_VERSION);
        goto out;
    }
    const char *bad_list = !json_is_array(assets)       ? "assets"
                           : !json_is_array(convs)      ? "conversations"
                           : arp && !json_is_array(arp) ? "arp"
                                                        : NULL;
    if (bad_list) {
        ag_error_set(err, rc, "%s: %s must be a list", path, bad_list);
        goto out;
    }
    if ((rc = nw_baseline_new(&bl))) {
        ag_error_set(err, rc, "netwatch detect: out of memory");
        goto out;
    }
    bl->loaded = true;
    struct load L = {path, err, bl};
    size_t i;
    json_t *v;
    if ((rc = load_learned(&L, learned)))
        goto out;
    json_array_foreach(assets, i, v)
    {
        if ((rc = load_asset(&L, v, i)))
            goto out;
    }
    json_array_foreach(arp, i, v)
    {
        if ((rc = load_arp(&L, v, i)))
            goto out;
    }
    json_array_foreach(convs, i, v)
    {
        if ((rc = load_conv(&L, v, i)))
            goto out;
    }
    *out = bl;
    bl = NULL;
out:
    nw_baseline_free(bl);
    return rc;
}
