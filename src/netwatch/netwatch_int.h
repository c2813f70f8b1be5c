/*
 * netwatch_int.h — internals of netwatch shared between its own files, its tests and its fuzz
 * targets; not part of the module's interface (netwatch.h).
 */
#ifndef AG_NETWATCH_INT_H
#define AG_NETWATCH_INT_H

#include "netwatch/netwatch.h"

/* Opens a capture held in memory: what nw_source_open_file does once the file is mapped (the
 * fuzz target calls it directly). data is borrowed and must outlive the source; every frame
 * returned points into [data, data+len). name is used in messages (a path, or "(buffer)").
 * opts->use_libpcap is ignored (libpcap reads files only). */
int nw_source_open_buffer(const void *data, size_t len, const char *name,
                          const struct nw_source_opts *opts, struct nw_source **out,
                          struct ag_error *err) AG_MUST_CHECK;

/* nw_decode without its straight-line path for Ethernet (one 802.1Q tag at most) + IPv4 + TCP/UDP:
 * every frame through the reset and the layered walk. The results are nw_decode's (the tests and
 * fuzz_netwatch_decode compare the two). */
void nw_decode_slow(const struct nw_frame *frame, struct nw_packet *pkt);
/* Flow table (flow.c), for its tests. nw_flows_update without its IPv4 path: every packet
 * through the general key and hash, IPv4 included — the reference the IPv4 path is tested
 * against. A table must be updated through one of the two only (their hashes differ). */
struct nw_flow *nw_flows_update_general(struct nw_flows *ft, const struct nw_packet *pkt, int *dir,
                                        bool *created);
/* Sets the table's hash keys from x instead of the CSPRNG (call it on an empty table), so that
 * two tables fed alike are laid out alike. x = 0 makes every key hash to 0: all flows share one
 * home slot and one hash value, and look-ups rest on the key comparison alone. */
void nw_flows_set_seed(struct nw_flows *ft, uint64_t x);
/* nw_flows_expire examining the table slot by slot, without the bitmaps: its reference. */
void nw_flows_expire_slotwise(struct nw_flows *ft, int64_t now_ns,
                              void (*done)(const struct nw_flow *f, void *arg), void *arg);

/* The OUI registry cache file (oui.c): the key of the CSVs in dir (NULL: the default folder;
 * false when a file cannot be examined), a registry written as a file (caller frees), and a file
 * read back with every check (key NULL: any key and no checksum — the fuzz target's way to reach
 * the structural checks). AG_EINVAL for a file not to be used. */
#define NW_OUI_KEY_LEN 32
bool nw_oui_cache_key(const char *dir, unsigned char key[NW_OUI_KEY_LEN]);
int nw_oui_cache_encode(const struct nw_oui *o, const unsigned char key[NW_OUI_KEY_LEN],
                        char **buf_out, size_t *len_out) AG_MUST_CHECK;
int nw_oui_cache_decode(const char *buf, size_t len, const unsigned char key[NW_OUI_KEY_LEN],
                        struct nw_oui **out) AG_MUST_CHECK;

/* The texts of the IEEE registry cache (msgs_nwoui.c), registered by nw_register_messages. */
extern const struct ag_msg nw_msgs_nwoui[];
extern const size_t nw_msgs_nwoui_count;

/* The texts of the source layer (msgs_source.c), registered by nw_register_messages. */
extern const struct ag_msg nw_msgs_source[];
extern const size_t nw_msgs_source_count;
#include <string.h>

/* ======================================================================================== */
/* Baseline and detectors (cidr.c, baseline.c, detect.c)                                    */
/* ======================================================================================== */

/* The kinds of addresses a device or a conversation endpoint is keyed by. */
enum { NW_FAM_NONE = 0, NW_FAM_MAC = 1, NW_FAM_V4 = 4, NW_FAM_V6 = 6 };

/* A device: its MAC, or its IP where no MAC is visible. Zeroed before it is filled, so it can
 * be hashed and compared as bytes. Filled with 8-byte stores (nw_akey_set): the hash reads it
 * in 8-byte words, and narrower stores just before would stall their forwarding. */
struct nw_akey {
    uint8_t addr[16]; /* MAC in [0..6), IPv4 in [0..4), IPv6 */
    uint8_t fam;      /* NW_FAM_MAC, NW_FAM_V4, NW_FAM_V6 */
};

/* One conversation of the allowlist: initiator a, responder b, protocol, the responder's port
 * (or the EtherType of frames without IP), outer VLAN. Zeroed before it is filled. The roles
 * follow the rule of docs/netwatch.md ("Baseline and allowlist") so that learning and watching
 * key the same conversation the same way whichever packet they saw first. */
struct nw_conv {
    uint8_t fam;   /* NW_FAM_MAC, NW_FAM_V4 or NW_FAM_V6 */
    uint8_t proto; /* IPPROTO_*; 0 for frames without IP */
    uint16_t port; /* responder port, EtherType when fam == NW_FAM_MAC, 0 for ICMP & co */
    uint16_t vlan;
    uint8_t a[16], b[16];
};

/* 64-bit hash of a small key (both tables and sets of the detectors use it). The words are
 * multiplied independently (no chain of multiplications through the key), then mixed once. */
static inline uint64_t nw_hash(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
    for (; n >= 8; b += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = ((h << 23) | (h >> 41)) + w * 0xff51afd7ed558ccdULL;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, b, n);
        h = ((h << 23) | (h >> 41)) + w * 0xff51afd7ed558ccdULL;
    }
    h ^= h >> 32;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 29;
    return h;
}

/* Open-addressing index over an array of entries whose key sits at offset 0: a slot holds the
 * entry's index + 1 (0 = empty). size is a power of two, kept under 70 % full by its owner. */
struct nw_index {
    uint32_t *slot;
    uint32_t mask;
};
int nw_index_init(struct nw_index *ix, size_t size) AG_MUST_CHECK;
void nw_index_release(struct nw_index *ix);
void nw_index_clear(struct nw_index *ix);
/* Index of the entry with the key, or -1 with *at = the empty slot where it would go. */
static inline long nw_index_find(const struct nw_index *ix, const void *base, size_t esz,
                                 const void *key, size_t klen, uint64_t h, uint32_t *at)
{
    uint32_t i = (uint32_t)h & ix->mask;
    for (;;) {
        uint32_t v = ix->slot[i];
        if (!v) {
            *at = i;
            return -1;
        }
        if (!memcmp((const char *)base + (size_t)(v - 1) * esz, key, klen))
            return (long)(v - 1);
        i = (i + 1) & ix->mask;
    }
}

/* k = (fam, the first n bytes of a), zero beyond, with word stores (n is 4, 6 or 16). */
static inline void nw_akey_set(struct nw_akey *k, uint8_t fam, const uint8_t *a, size_t n)
{
    uint64_t w0 = 0, w1 = 0;
    if (n == 16) {
        memcpy(&w0, a, 8);
        memcpy(&w1, a + 8, 8);
    } else {
        /* built in a register: narrower stores into w0 would stall the 8-byte load after */
        uint32_t lo;
        uint16_t hi = 0;
        memcpy(&lo, a, 4);
        if (n == 6)
            memcpy(&hi, a + 4, 2);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w0 = (uint64_t)lo << 32 | (uint64_t)hi << 16;
#else
        w0 = lo | (uint64_t)hi << 32;
#endif
    }
    memcpy(k->addr, &w0, 8);
    memcpy(k->addr + 8, &w1, 8);
    k->fam = fam;
}

static inline bool nw_akey_eq(const void *x, const struct nw_akey *y)
{
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, x, 8);
    memcpy(&a1, (const char *)x + 8, 8);
    memcpy(&b0, y->addr, 8);
    memcpy(&b1, y->addr + 8, 8);
    return a0 == b0 && a1 == b1 && ((const struct nw_akey *)x)->fam == y->fam;
}

/* True for the multicast/broadcast group bit and for the all-zero MAC. */
static inline bool nw_mac_is_group_or_zero(const uint8_t m[6])
{
    return (m[0] & 1) || !(m[0] | m[1] | m[2] | m[3] | m[4] | m[5]);
}

/* The sender of the packet as a device key: its source MAC (not group, not zero), else its
 * source IP (not unspecified, not multicast, not broadcast). False when it has neither. */
static inline bool nw_sender_key(const struct nw_packet *pkt, struct nw_akey *k)
{
    if (pkt->has_mac) {
        if (nw_mac_is_group_or_zero(pkt->src_mac))
            return false;
        nw_akey_set(k, NW_FAM_MAC, pkt->src_mac, 6);
        return true;
    }
    const uint8_t *a = pkt->src_ip;
    if (pkt->ip_version == 4) {
        uint32_t v = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
        if (v == 0 || v == 0xffffffffu || (a[0] & 0xf0) == 0xe0)
            return false;
        nw_akey_set(k, NW_FAM_V4, a, 4);
        return true;
    }
    if (pkt->ip_version == 6) {
        uint64_t w0, w1;
        memcpy(&w0, a, 8);
        memcpy(&w1, a + 8, 8);
        if (a[0] == 0xff || !(w0 | w1))
            return false;
        nw_akey_set(k, NW_FAM_V6, a, 16);
        return true;
    }
    return false;
}

/* The conversation the packet belongs to (from flow when not NULL, else from the packet alone);
 * false for ARP and for packets without endpoints. */
bool nw_conv_make(const struct nw_packet *pkt, const struct nw_flow *flow, int dir,
                  struct nw_conv *c);

/* Text forms. MACs are lower-case "aa:bb:cc:dd:ee:ff". */
void nw_mac_format(const uint8_t mac[6], char out[18]);
bool nw_mac_parse(const char *s, uint8_t mac[6]);
/* fam NW_FAM_MAC/V4/V6; out ≥ 46 bytes. */
void nw_addr_format(uint8_t fam, const uint8_t *addr, char out[46]);
/* A MAC, an IPv4 or an IPv6 address: its NW_FAM_*, or NW_FAM_NONE. */
uint8_t nw_addr_parse(const char *s, uint8_t addr[16]);
/* "tcp", "udp", "icmp", "icmpv6", … or NULL for protocols without a name here. */
const char *nw_proto_name(uint8_t proto);
/* A name of nw_proto_name or a number 0–255; -1 otherwise. */
int nw_proto_parse(const char *s);
/* "2026-03-01T10:00:00.123Z" (RFC 3339 UTC, milliseconds); out ≥ 32 bytes. */
void nw_time_format(int64_t ns, char out[32]);
/* Reads that form (the fraction optional); false if it is not one. */
bool nw_time_parse(const char *s, int64_t *ns);

/* Internal address ranges (cidr.c). */
bool nw_cidr_contains(const struct nw_cidr *c, uint8_t fam, const uint8_t *addr);
/* The default internal unicast ranges (RFC 1918, RFC 4193) and the ranges that never leave a
 * site whatever the configuration says (link-local, multicast, broadcast, unspecified,
 * loopback). */
const struct nw_cidr *nw_cidr_defaults(size_t *n);
const struct nw_cidr *nw_cidr_always(size_t *n);

/* The baseline (baseline.c). Assets, conversations and ARP bindings live in arrays with an
 * open-addressing index each; while learning, sums grow per hour of day (UTC). */
struct nw_bl_asset {
    struct nw_akey key;
    bool profile;               /* false: added by hand without a traffic profile */
    int64_t last_slot;          /* learning: the last hour slot (ts / 1 h) it sent in */
    double pkts[24], bytes[24]; /* sent in hour h of the day: sums over the learned period */
    uint32_t active[24];        /* days on which it sent in hour h */
    /* The silence detector (docs/netwatch.md, "baseline_deviation, silence"): the longest time
     * it went without sending while learning, counting the end of the learned period; 0 =
     * unknown (it sent too little, or the file has no "longest_gap_s"). */
    int64_t gap_ns;
    int64_t last_ns; /* learning: its last packet */
    uint64_t sent;   /* learning: packets it sent */
};
/* Packets a device must send while learning before its longest gap says it talks regularly. */
#define NW_GAP_MIN_PACKETS 20
/* The longest gap of a baseline asset as saved (learning: the end of the period counted), or 0
 * when it has none. */
int64_t nw_bl_asset_gap(const struct nw_baseline *bl, const struct nw_bl_asset *a);
struct nw_bl_conv {
    struct nw_conv c;
    uint64_t flows;
    int64_t first_ns, last_ns;
};
struct nw_bl_arp {
    uint8_t ip[4];
    uint16_t vlan;
    uint8_t mac[6]; /* the MAC that last claimed the IP in ARP */
};
/* A table of entries with their key at offset 0 and an index at most half full. It doubles
 * from cap up to max (fixed when cap == max); beyond max entries are counted in dropped. */
struct nw_table {
    void *e;
    size_t n, cap, esz, klen, max;
    struct nw_index ix;
    uint64_t dropped;
};
int nw_tbl_init(struct nw_table *t, size_t esz, size_t klen, size_t cap, size_t max) AG_MUST_CHECK;
void nw_tbl_release(struct nw_table *t);
void nw_tbl_clear(struct nw_table *t); /* forgets every entry, keeps the memory */
/* The entry with the key; with insert, a new zeroed one (key copied, *fresh set when fresh is
 * not NULL) or NULL when the table is full or memory runs out (counted in dropped). */
void *nw_tbl_get(struct nw_table *t, const void *key, bool insert, bool *fresh);
static inline void *nw_tbl_at(const struct nw_table *t, size_t i)
{
    return (char *)t->e + i * t->esz;
}
/* Lookup in a table keyed by struct nw_akey, without a call to memcmp (per packet). */
static inline long nw_akey_find(const struct nw_table *t, const struct nw_akey *k)
{
    uint32_t i = (uint32_t)nw_hash(k, sizeof(*k)) & t->ix.mask;
    for (;;) {
        uint32_t v = t->ix.slot[i];
        if (!v)
            return -1;
        if (nw_akey_eq((const char *)t->e + (size_t)(v - 1) * t->esz, k))
            return (long)(v - 1);
        i = (i + 1) & t->ix.mask;
    }
}
/* Lookup only (const tables): the index of the entry or -1. */
static inline long nw_tbl_find(const struct nw_table *t, const void *key)
{
    uint32_t at;
    return nw_index_find(&t->ix, t->e, t->esz, key, t->klen, nw_hash(key, t->klen), &at);
}

struct nw_baseline {
    int64_t first_ns, last_ns; /* the learned period: first and last packet */
    bool loaded;               /* seconds/days come from the file, not from first/last */
    uint32_t seconds[24];      /* seconds learned in hour h of the day (all days together) */
    uint32_t days[24];         /* days on which hour h was (at least partly) learned */
    struct nw_table assets, convs, arp;
    int64_t slot, slot_start, slot_end; /* learning: the current hour slot */
    int32_t utc_offset; /* the site's time zone (seconds east of UTC): hour h of the day is
                           local; set before learning, saved as learned.timezone */
    uint32_t memo_tag;  /* learning: the tag of the flows' memo it writes (nw_baseline_learn) */
    int slot_hour;      /* learning: slot % 24 */
};
/* The hour slot (hours since the epoch, local time at utc_offset seconds east, never below 0)
 * of packet time ts; its hour of the day is slot % 24. */
static inline int64_t nw_hour_slot(int64_t ts, int32_t utc_offset)
{
    int64_t l = ts + (int64_t)utc_offset * 1000000000LL;
    return l > 0 ? l / (3600 * 1000000000LL) : 0;
}
/* The packet time at which hour slot begins. */
static inline int64_t nw_hour_slot_start(int64_t slot, int32_t utc_offset)
{
    return (slot * 3600 - (int64_t)utc_offset) * 1000000000LL;
}
/* nw_baseline_load once the file is parsed (the fuzz target's entry): root is only read;
 * errors name `name` and the entry. */
int nw_baseline_from_json(const json_t *root, const char *name, struct nw_baseline **out,
                          struct ag_error *err) AG_MUST_CHECK;
/* Fills seconds/days (of a loaded baseline: its own; else from the learned period). */
void nw_baseline_coverage(const struct nw_baseline *bl, uint32_t seconds[24], uint32_t days[24]);

/* A tag no other caller of this process got (never 0; wraps after 2^32): the detector and
 * learning stamp the memos they write in a flow's hints with one (detect.c). */
uint32_t nw_memo_tag_new(void);

/* The texts of the baseline and the detectors (msgs_detect.c). */
extern const struct ag_msg nw_msgs_detect[];
extern const size_t nw_msgs_detect_count;

#endif
