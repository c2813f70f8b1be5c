/*
 * flow.c — the symmetric flow table of netwatch: one entry per conversation, both directions in
 * the same entry, in one preallocated array. Runs in the capture thread; no locks, no
 * allocation after nw_flows_new.
 *
 * Layout: open addressing with linear probing over `cap` slots (a power of two ≥ max_flows /
 * 0.7, so the load never passes 0.7). A slot is a struct nw_flow; FF_USED in flags marks it
 * taken, and its 32-bit hash gives its home slot (hash & mask). Deletion is backward-shift
 * deletion: the entries after the hole that may move back do, so no tombstones build up and a
 * look-up stops at the first empty slot.
 *
 * Key: for IP, (the two addresses and ports, L4 protocol, IP version, outer VLAN); for frames
 * without IP, (the two MACs, EtherType, outer VLAN). Both directions hash alike: the general
 * hash (key_hash: IPv6, frames without IP) takes the endpoints in a canonical order (the smaller
 * first); the IPv4 one (v4_hash, nearly every packet of an OT network) multiplies the two
 * endpoints' words, a product being the same both ways round. Both are keyed from the CSPRNG at
 * creation so a sender cannot aim collisions at the table. A slot is compared first by its tag
 * — hash, IP version, protocol, VLAN in one word — then by addresses, ports and EtherType; an
 * IPv4 flow's EtherType is 0x0800 and its addresses zero past their first 4 bytes, so the
 * IPv4 path compares a tag, two 4-byte addresses and one 4-byte pair of ports.
 *
 * Invariants: every used slot is reachable from its home slot through used slots only;
 * active ≤ max_flows < cap; an entry moves only inside remove_at (expiry, eviction), never
 * while the packet that returned it is being handled.
 *
 * Expiry is incremental: each nw_flows_expire call examines a slice of the table in proportion
 * to the packet time elapsed since the previous call, at max(cap / 16 s, MIN_RATE) slots per
 * second, so the whole table is swept at least once every SWEEP_NS of traffic (a flow ends at
 * most that long after its timeout) and the work per second of traffic is bounded however often
 * the caller calls. Calling with a time SWEEP_NS or more after the previous call (INT64_MAX at
 * the end of input) sweeps all of it.
 * A bitmap of the used slots (one bit per slot, 1/960 of the table) and a summary of it (one
 * bit per word that is not zero) take the sweep from one used slot to the next with a few loads:
 * a table sized for a million flows on a network with a few hundred costs a few microseconds
 * per sweep, not a walk through 240 MiB. The slots examined, the cursor and the budget are
 * those of the walk slot by slot (nw_flows_expire_slotwise, the tests' reference).
 */
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE, MADV_NOHUGEPAGE */
#include "netwatch/netwatch.h"
#include "netwatch/netwatch_int.h"

#include <netinet/in.h>
#include <sodium.h>
#include <stddef.h>
#include <sys/mman.h>

#define FF_USED (1u << 0)
#define FF_FIN_A (1u << 1) /* a sent FIN */
#define FF_FIN_B (1u << 2) /* b sent FIN */

#define NS_PER_S 1000000000LL
#define SWEEP_NS (16 * NS_PER_S) /* the whole table is examined once per 16 s of traffic … */
#define MIN_RATE 65536           /* … or faster: at least this many slots per second */
#define EVICT_SCAN 32            /* slots examined for an eviction victim (at least one found) */
#define MAX_FLOWS_LIMIT (1u << 28)
#define HUGE ((size_t)2 << 20) /* the table is aligned for transparent huge pages */
#ifndef HUGE_FROM
#define HUGE_FROM 256 /* huge pages from cap / HUGE_FROM flows on (go_huge) */
#endif

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_ACK 0x10

_Static_assert(sizeof(struct nw_flow) <= 128, "struct nw_flow must stay within 128 bytes");
_Static_assert(offsetof(struct nw_flow, bytes) == offsetof(struct nw_flow, flood_hint) + 4,
               "flood_hint fills the padding before bytes[]: the flow keeps its size");
/* A look-up compares hash, ip_version, proto and vlan as one word (the tag), the ports as one
 * 32-bit word, laid out as the packet's sport and dport are. */
_Static_assert(offsetof(struct nw_flow, ip_version) == offsetof(struct nw_flow, hash) + 4 &&
                   offsetof(struct nw_flow, proto) == offsetof(struct nw_flow, hash) + 5 &&
                   offsetof(struct nw_flow, vlan) == offsetof(struct nw_flow, hash) + 6 &&
                   offsetof(struct nw_flow, hash) % 8 == 0,
               "hash, ip_version, proto, vlan must be one aligned 64-bit word");
_Static_assert(offsetof(struct nw_flow, b_port) == offsetof(struct nw_flow, a_port) + 2 &&
                   offsetof(struct nw_packet, dport) == offsetof(struct nw_packet, sport) + 2,
               "a_port, b_port (and sport, dport) must be contiguous");

__extension__ typedef unsigned __int128 u128;

struct nw_flows {
    struct nw_flow *slots; /* inside map, aligned to HUGE */
    uint64_t mask;
    uint64_t v4seed[3]; /* the keys of v4_hash … */
    uint64_t *used;     /* bit i set ⇔ slot i holds a flow (FF_USED) */
    uint64_t *used2;    /* bit g set ⇔ used[g] is not zero (the sweep passes 4096 slots) */
    void *map;
    size_t map_len;
    uint64_t cap, max_flows;
    uint64_t seed[8]; /* … and of key_hash */
    int64_t timeout_ns[NW_FS_COUNT];
    /* incremental expiry */
    uint64_t cursor;
    int64_t swept_ns; /* packet time up to which the sweep has been credited */
    bool started;     /* swept_ns is set (the first packet or expire call) */
    double credit;    /* fractional slots carried to the next call */
    uint64_t active, created, expired, evicted;
    uint64_t huge_at; /* active flows from which the table asks for huge pages (go_huge) */
};

/* Whether slot i holds a flow, from the bitmap: a probe that meets an empty slot does not read
 * it. A slot never written lies on a page the kernel has not given the table yet; reading it
 * would map the shared zero page and the insert that follows would fault again to copy it — two
 * faults a page instead of one (on 1 M frames of the mixed capture, ~35,000 of each). */
static inline bool slot_used(const struct nw_flows *ft, uint64_t i)
{
    return (ft->used[i >> 6] >> (i & 63)) & 1;
}

/* One endpoint: an address (IP, or MAC in the first 6 bytes) as two words, and a port. */
struct ep {
    uint64_t w0, w1;
    uint16_t port;
};

/* The packet's key: its endpoints as sent (src, dst) and what both directions share. */
struct fkey {
    struct ep src, dst;
    uint16_t vlan, ethertype;
    uint8_t ip_version, proto;
    uint64_t meta; /* the tag without the hash: ip_version, proto, vlan (tag_of) */
};

static inline uint64_t load64(const void *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint32_t load32(const void *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static inline uint64_t mum(uint64_t a, uint64_t b)
{
    u128 r = (u128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* The word a flow holds at hash..vlan, built the same way for a key. */
static inline uint64_t tag_of(uint32_t hash, uint8_t ip_version, uint8_t proto, uint16_t vlan)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return (uint64_t)hash | (uint64_t)ip_version << 32 | (uint64_t)proto << 40 |
           (uint64_t)vlan << 48;
#else
    struct {
        uint32_t hash;
        uint8_t ip_version, proto;
        uint16_t vlan;
    } t = {hash, ip_version, proto, vlan};
    _Static_assert(sizeof(t) == 8, "the tag is one word");
    return load64(&t);
#endif
}

static inline uint64_t flow_tag(const struct nw_flow *f)
{
    return load64(&f->hash);
}

static inline bool l4_has_ports(uint8_t proto)
{
    return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_SCTP ||
           proto == IPPROTO_UDPLITE;
}

static inline bool ip_keyed(const struct nw_packet *pkt)
{
    return pkt->err != NW_DERR_TRUNC_IP && pkt->err != NW_DERR_BAD_IP;
}

/* The packet's ports as sport, dport lie in it (0 when its protocol has none or its L4 header
 * was not decoded). */
static inline uint32_t pkt_ports(const struct nw_packet *pkt)
{
    return (pkt->flags & NW_PF_L4) && l4_has_ports(pkt->l4_proto) ? load32(&pkt->sport) : 0;
}

/* Fills the key of pkt; false when the packet has no endpoints to key on. */
static inline bool make_key(const struct nw_packet *pkt, struct fkey *k)
{
    k->vlan = pkt->vlan_count ? pkt->vlan[0] : 0;
    if ((pkt->ip_version == 4 || pkt->ip_version == 6) && ip_keyed(pkt)) {
        k->src.w0 = load64(pkt->src_ip);
        k->src.w1 = load64(pkt->src_ip + 8);
        k->dst.w0 = load64(pkt->dst_ip);
        k->dst.w1 = load64(pkt->dst_ip + 8);
        k->ip_version = pkt->ip_version;
        k->proto = pkt->l4_proto;
        k->ethertype = pkt->ip_version == 4 ? 0x0800 : 0x86dd;
        if ((pkt->flags & NW_PF_L4) && l4_has_ports(pkt->l4_proto)) {
            k->src.port = pkt->sport;
            k->dst.port = pkt->dport;
        } else {
            k->src.port = k->dst.port = 0;
        }
    } else if (pkt->has_mac && pkt->err != NW_DERR_TRUNC_L2 && pkt->err != NW_DERR_LINKTYPE) {
        uint8_t a[8] = {0}, b[8] = {0};
        memcpy(a, pkt->src_mac, 6);
        memcpy(b, pkt->dst_mac, 6);
        k->src.w0 = load64(a);
        k->dst.w0 = load64(b);
        k->src.w1 = k->dst.w1 = 0;
        k->src.port = k->dst.port = 0;
        k->ip_version = 0;
        k->proto = 0;
        k->ethertype = pkt->ethertype;
    } else {
        return false;
    }
    k->meta = tag_of(0, k->ip_version, k->proto, k->vlan);
    return true;
}

static inline bool ep_less(const struct ep *x, const struct ep *y)
{
    if (x->w0 != y->w0)
        return x->w0 < y->w0;
    if (x->w1 != y->w1)
        return x->w1 < y->w1;
    return x->port < y->port;
}

/* The general hash (IPv6, frames without IP): the same value for both directions, the
 * endpoints enter in canonical order. */
static inline uint32_t key_hash(const struct nw_flows *ft, const struct fkey *k)
{
    const struct ep *lo = &k->src, *hi = &k->dst;
    if (ep_less(hi, lo)) {
        lo = &k->dst;
        hi = &k->src;
    }
    const uint64_t *s = ft->seed;
    uint64_t meta = (uint64_t)k->vlan | (uint64_t)k->ethertype << 16 |
                    (uint64_t)k->ip_version << 32 | (uint64_t)k->proto << 40;
    uint64_t ports = (uint64_t)lo->port << 16 | hi->port;
    uint64_t h = mum(lo->w0 ^ s[0], lo->w1 ^ s[1]) ^ mum(hi->w0 ^ s[2], hi->w1 ^ s[3]) ^
                 mum(meta ^ s[4], ports ^ s[5]);
    h = mum(h ^ s[6], s[7]);
    return (uint32_t)(h ^ (h >> 32));
}

/* The IPv4 hash: an endpoint is one word (address, the ports as seen from it), the two
 * multiplied — a product, the same both ways round — after each is keyed by the table's seed;
 * the rest of the tag (m: version, protocol, VLAN) enters the second multiplication. */
static inline uint32_t v4_hash(const struct nw_flows *ft, uint64_t es, uint64_t ed, uint64_t m)
{
    const uint64_t *s = ft->v4seed;
    uint64_t h = mum(es ^ s[0], ed ^ s[0]);
    h = mum(h ^ m ^ s[1], s[2]);
    return (uint32_t)(h ^ (h >> 32));
}

/* With the tags equal: 0 when the packet goes a→b, 1 when b→a, -1 for another flow. */
static inline int flow_match(const struct nw_flow *f, const struct fkey *k)
{
    if (f->ethertype != k->ethertype)
        return -1;
    uint64_t a0 = load64(f->a_addr), a1 = load64(f->a_addr + 8);
    uint64_t b0 = load64(f->b_addr), b1 = load64(f->b_addr + 8);
    if (f->a_port == k->src.port && f->b_port == k->dst.port && a0 == k->src.w0 &&
        a1 == k->src.w1 && b0 == k->dst.w0 && b1 == k->dst.w1)
        return 0;
    if (f->a_port == k->dst.port && f->b_port == k->src.port && a0 == k->dst.w0 &&
        a1 == k->dst.w1 && b0 == k->src.w0 && b1 == k->src.w1)
        return 1;
    return -1;
}

static inline int64_t flow_deadline_gap(const struct nw_flows *ft, const struct nw_flow *f,
                                        int64_t now_ns)
{
    /* How far past its timeout the flow is at now_ns (negative: not yet), saturating. */
    int64_t idle;
    if (now_ns <= f->last_ns)
        idle = 0;
    else if (__builtin_sub_overflow(now_ns, f->last_ns, &idle))
        idle = INT64_MAX;
    return idle - ft->timeout_ns[f->state];
}

/* Removes the entry at slot i (backward-shift deletion). */
static void remove_at(struct nw_flows *ft, uint64_t i)
{
    uint64_t mask = ft->mask;
    uint64_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (!slot_used(ft, j))
            break;
        struct nw_flow *e = &ft->slots[j];
        uint64_t home = e->hash & mask;
        /* e may fill the hole when the hole lies on its probe path: its distance from home
         * is at least the distance from the hole. */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            ft->slots[i] = *e;
            i = j;
        }
    }
    memset(&ft->slots[i], 0, sizeof(ft->slots[i]));
    ft->used[i >> 6] &= ~(1ULL << (i & 63));
    if (!ft->used[i >> 6])
        ft->used2[i >> 12] &= ~(1ULL << ((i >> 6) & 63));
    ft->active--;
}

/* Makes room for one more flow: evicts the candidate nearest to (or furthest past) its timeout
 * among the used slots from `home` on (EVICT_SCAN slots, or up to the first used one). */
static void evict_one(struct nw_flows *ft, uint64_t home, int64_t now_ns)
{
    uint64_t mask = ft->mask, victim = UINT64_MAX;
    int64_t best = INT64_MIN;
    for (uint64_t n = 0, i = home; n < ft->cap; n++, i = (i + 1) & mask) {
        const struct nw_flow *f = &ft->slots[i];
        if (slot_used(ft, i)) {
            int64_t gap = flow_deadline_gap(ft, f, now_ns);
            if (victim == UINT64_MAX || gap > best) {
                best = gap;
                victim = i;
            }
        }
        if (n + 1 >= EVICT_SCAN && victim != UINT64_MAX)
            break;
    }
    if (victim != UINT64_MAX) {
        remove_at(ft, victim);
        ft->evicted++;
    }
}

static bool initiator_is_receiver(const struct nw_packet *pkt)
{
    if (pkt->l4_proto == IPPROTO_TCP && (pkt->flags & NW_PF_L4)) {
        if ((pkt->tcp_flags & (TCP_SYN | TCP_ACK)) == TCP_SYN)
            return false;
        if ((pkt->tcp_flags & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK))
            return true;
    }
    if ((pkt->flags & NW_PF_L4) && pkt->ip_version == 4 && pkt->l4_proto == IPPROTO_ICMP) {
        uint8_t t = pkt->icmp_type; /* echo reply, unreachable, time exceeded, parameter
                                       problem, timestamp reply */
        if (t == 0 || t == 3 || t == 11 || t == 12 || t == 14)
            return true;
    }
    if ((pkt->flags & NW_PF_L4) && pkt->ip_version == 6 && pkt->l4_proto == IPPROTO_ICMPV6) {
        uint8_t t = pkt->icmp_type; /* errors 1–4, echo reply */
        if ((t >= 1 && t <= 4) || t == 129)
            return true;
    }
    return pkt->role == NW_ROLE_SERVER || (pkt->flags & NW_PF_DNS_RESPONSE);
}

static uint8_t tcp_first_state(uint8_t fl)
{
    if (fl & TCP_RST)
        return NW_FS_RESET;
    if (fl & TCP_SYN)
        return (fl & TCP_ACK) ? NW_FS_SYN_RCVD : NW_FS_SYN_SENT;
    if (fl & TCP_FIN)
        return NW_FS_FIN_WAIT;
    return NW_FS_ESTABLISHED; /* first seen in mid-stream */
}

static void tcp_next_state(struct nw_flow *f, int dir, uint8_t fl)
{
    if (fl & TCP_RST) {
        f->state = NW_FS_RESET;
        return;
    }
    switch (f->state) {
    case NW_FS_SYN_SENT:
        if (fl & TCP_SYN) {
            if ((fl & TCP_ACK) && dir == 1)
                f->state = NW_FS_SYN_RCVD;
        } else if (fl & TCP_ACK) {
            f->state = NW_FS_ESTABLISHED; /* the SYN-ACK was not seen */
        }
        break;
    case NW_FS_SYN_RCVD:
        if (!(fl & TCP_SYN) && (fl & TCP_ACK))
            f->state = NW_FS_ESTABLISHED;
        break;
    case NW_FS_CLOSED:
    case NW_FS_RESET:
        /* A new SYN on the same ports: the connection is opened again (the entry, its
         * initiator and counters are kept). */
        if ((fl & (TCP_SYN | TCP_ACK)) == TCP_SYN) {
            f->state = NW_FS_SYN_SENT;
            f->flags &= ~(FF_FIN_A | FF_FIN_B);
            return;
        }
        return;
    default:
        break;
    }
    if (fl & TCP_FIN) {
        f->flags |= dir == 0 ? FF_FIN_A : FF_FIN_B;
        f->state = (f->flags & FF_FIN_A) && (f->flags & FF_FIN_B) ? NW_FS_CLOSED : NW_FS_FIN_WAIT;
    }
}

/* Huge pages keep the random accesses of a table with many flows from missing the TLB on
 * every packet, but each flow of a nearly empty table would make a 2 MiB page resident (68
 * flows: 136 MiB, zeroed by the kernel at start): the table asks for them only once it holds
 * cap / HUGE_FROM flows (MADV_HUGEPAGE replaces nw_flows_new's MADV_NOHUGEPAGE). */
static __attribute__((noinline, cold)) void go_huge(struct nw_flows *ft)
{
    ft->huge_at = UINT64_MAX;
#ifdef MADV_HUGEPAGE
    (void)madvise(ft->slots, ft->cap * sizeof(*ft->slots), MADV_HUGEPAGE); /* a hint only */
#endif
}

int nw_flows_new(const struct nw_flow_opts *opts, struct nw_flows **out)
{
    *out = NULL;
    struct nw_flow_opts o = {0};
    if (opts)
        o = *opts;
    uint64_t max = o.max_flows ? o.max_flows : 1000000;
    if (max > MAX_FLOWS_LIMIT)
        return AG_EINVAL;
    uint64_t want = (max * 10 + 6) / 7, cap = 16;
    while (cap < want || cap <= max)
        cap <<= 1;

    struct nw_flows *ft = calloc(1, sizeof(*ft));
    if (!ft)
        return AG_ENOMEM;
    /* Anonymous memory is zero (every slot empty) and costs nothing until touched. Huge pages,
     * where the kernel grants them, keep the random accesses of a large table from missing the
     * TLB on every packet. */
    size_t bytes = cap * sizeof(*ft->slots);
    bool huge = bytes >= 4 * HUGE; /* small tables (tests) are not worth a huge page */
    ft->map_len = bytes + (huge ? HUGE : 0);
    ft->map = mmap(NULL, ft->map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ft->map == MAP_FAILED) {
        free(ft);
        return AG_ENOMEM;
    }
    ft->used = calloc(cap / 64 + 1, sizeof(uint64_t));
    ft->used2 = calloc(cap / 4096 + 1, sizeof(uint64_t));
    if (!ft->used || !ft->used2) {
        free(ft->used);
        free(ft->used2);
        munmap(ft->map, ft->map_len);
        free(ft);
        return AG_ENOMEM;
    }
    uintptr_t at = (uintptr_t)ft->map;
    if (huge)
        at = (at + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
    ft->huge_at = huge ? cap / HUGE_FROM : UINT64_MAX;
#ifdef MADV_NOHUGEPAGE
    /* Where the kernel gives huge pages to every anonymous mapping (transparent_hugepage
     * "always"), the first flow in each 2 MiB of the table would make the whole 2 MiB
     * resident: no huge pages until go_huge asks for them. A hint only. */
    if (huge)
        (void)madvise((void *)at, bytes, MADV_NOHUGEPAGE);
#endif
    ft->slots = (struct nw_flow *)at;
    ft->cap = cap;
    ft->mask = cap - 1;
    ft->max_flows = max;
    randombytes_buf(ft->seed, sizeof(ft->seed));
    randombytes_buf(ft->v4seed, sizeof(ft->v4seed));
    int64_t open = (o.tcp_open_s ? o.tcp_open_s : 3600) * NS_PER_S;
    int64_t closed = (o.tcp_closed_s ? o.tcp_closed_s : 10) * NS_PER_S;
    int64_t half = (o.tcp_halfopen_s ? o.tcp_halfopen_s : 30) * NS_PER_S;
    int64_t udp = (o.udp_s ? o.udp_s : 120) * NS_PER_S;
    ft->timeout_ns[NW_FS_ACTIVE] = udp;
    ft->timeout_ns[NW_FS_SYN_SENT] = half;
    ft->timeout_ns[NW_FS_SYN_RCVD] = half;
    ft->timeout_ns[NW_FS_ESTABLISHED] = open;
    ft->timeout_ns[NW_FS_FIN_WAIT] = half;
    ft->timeout_ns[NW_FS_CLOSED] = closed;
    ft->timeout_ns[NW_FS_RESET] = closed;
    *out = ft;
    return 0;
}

/* Counts pkt, going in direction d, in its flow f. */
static inline void count(struct nw_flow *f, const struct nw_packet *pkt, int d)
{
    f->packets[d]++;
    f->bytes[d] += pkt->wire_len;
    if (pkt->ts_ns > f->last_ns)
        f->last_ns = pkt->ts_ns;
    if (f->app == NW_APP_NONE && pkt->app < NW_APP_COUNT)
        f->app = (uint8_t)pkt->app;
}

/* Counts the packet of a known flow and returns the flow. */
static inline struct nw_flow *hit_done(struct nw_flow *f, const struct nw_packet *pkt, int d,
                                       int *dir, bool *created)
{
    count(f, pkt, d);
    *created = false;
    *dir = d;
    return f;
}

/* A TCP packet that may change its flow's state; out of line so that the common hit needs no
 * saved registers. */
static __attribute__((noinline)) struct nw_flow *
hit_tcp(struct nw_flow *f, const struct nw_packet *pkt, int d, int *dir, bool *created)
{
    tcp_next_state(f, d, pkt->tcp_flags);
    return hit_done(f, pkt, d, dir, created);
}

/* What the packet of a known flow changes in it. */
static inline struct nw_flow *hit(struct nw_flow *f, const struct nw_packet *pkt, int d, int *dir,
                                  bool *created)
{
    /* an established connection changes state only at a FIN or a RST */
    if (f->proto == IPPROTO_TCP && (pkt->flags & NW_PF_L4) &&
        (f->state != NW_FS_ESTABLISHED || (pkt->tcp_flags & (TCP_FIN | TCP_RST))))
        return hit_tcp(f, pkt, d, dir, created);
    return hit_done(f, pkt, d, dir, created);
}

/* Creates the flow of key k (hash h) at slot i, the first empty one from its home slot, and
 * counts pkt in it. */
static struct nw_flow *insert(struct nw_flows *ft, const struct nw_packet *pkt,
                              const struct fkey *k, uint32_t h, uint64_t i, int *dir, bool *created)
{
    uint64_t mask = ft->mask, home = h & mask;
    if (!ft->started) {
        ft->started = true;
        ft->swept_ns = pkt->ts_ns;
    }
    if (ft->active >= ft->huge_at)
        go_huge(ft);
    if (ft->active >= ft->max_flows) {
        evict_one(ft, home, pkt->ts_ns);
        for (i = home; slot_used(ft, i); i = (i + 1) & mask)
            ;
    }
    struct nw_flow *f = &ft->slots[i];
    bool swap = initiator_is_receiver(pkt);
    const struct ep *a = swap ? &k->dst : &k->src, *b = swap ? &k->src : &k->dst;
    memcpy(f->a_addr, &a->w0, 8);
    memcpy(f->a_addr + 8, &a->w1, 8);
    memcpy(f->b_addr, &b->w0, 8);
    memcpy(f->b_addr + 8, &b->w1, 8);
    f->a_port = a->port;
    f->b_port = b->port;
    f->vlan = k->vlan;
    f->ethertype = k->ethertype;
    f->ip_version = k->ip_version;
    f->proto = k->proto;
    f->state = k->proto == IPPROTO_TCP && (pkt->flags & NW_PF_L4) ? tcp_first_state(pkt->tcp_flags)
                                                                  : NW_FS_ACTIVE;
    f->app = NW_APP_NONE;
    f->packets[0] = f->packets[1] = 0;
    f->bytes[0] = f->bytes[1] = 0;
    f->first_ns = f->last_ns = pkt->ts_ns;
    f->hash = h;
    f->flags = FF_USED;
    memset(f->hint, 0, sizeof(f->hint));
    f->flood_hint = 0;
    ft->used[i >> 6] |= 1ULL << (i & 63);
    ft->used2[i >> 12] |= 1ULL << ((i >> 6) & 63);
    int d = swap ? 1 : 0;
    ft->active++;
    ft->created++;
    if (f->state == NW_FS_FIN_WAIT)
        f->flags |= d == 0 ? FF_FIN_A : FF_FIN_B;
    count(f, pkt, d);
    *created = true;
    *dir = d;
    return f;
}

struct nw_flow *nw_flows_update_general(struct nw_flows *ft, const struct nw_packet *pkt, int *dir,
                                        bool *created)
{
    struct fkey k;
    if (!make_key(pkt, &k)) {
        *created = false;
        *dir = 0;
        return NULL;
    }
    uint32_t h = key_hash(ft, &k);
    uint64_t tag = tag_of(h, k.ip_version, k.proto, k.vlan), mask = ft->mask, i = h & mask;
    struct nw_flow *f;
    int d;
    for (;;) {
        if (!slot_used(ft, i)) /* an empty slot's tag may equal a frame's without IP */
            return insert(ft, pkt, &k, h, i, dir, created);
        f = &ft->slots[i];
        if (flow_tag(f) == tag && (d = flow_match(f, &k)) >= 0)
            break;
        i = (i + 1) & mask;
    }
    return hit(f, pkt, d, dir, created);
}

/* An IPv4 address as the first word of a flow's address holds it (the rest zero). */
static inline uint64_t v4word(const uint8_t *ip)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return load32(ip);
#else
    uint8_t b[8] = {0};
    memcpy(b, ip, 4);
    return load64(b);
#endif
}

/* The IPv4 path's view of a packet: its tag, its endpoints' address words and its ports. */
struct v4key {
    uint64_t tag;
    uint32_t s, d, ports, h; /* the addresses' 4 bytes and the ports as they lie in the packet */
};

static inline uint32_t rot16(uint32_t x)
{
    return x >> 16 | x << 16;
}

static inline void v4_key(const struct nw_flows *ft, const struct nw_packet *pkt, struct v4key *k)
{
    uint64_t m = tag_of(0, 4, pkt->l4_proto, pkt->vlan_count ? pkt->vlan[0] : 0);
    k->ports = pkt_ports(pkt);
    k->s = load32(pkt->src_ip);
    k->d = load32(pkt->dst_ip);
    k->h = v4_hash(ft, k->s | (uint64_t)k->ports << 32, k->d | (uint64_t)rot16(k->ports) << 32, m);
    k->tag = m | tag_of(k->h, 0, 0, 0);
}

/* 0 when pkt (key k) goes a→b in slot f, 1 when b→a, -1 for another flow or an empty slot (its
 * ip_version is 0: its tag is never an IPv4 key's). An IPv4 flow's addresses are zero past
 * their first 4 bytes: those are all there is to compare. */
static inline int v4_match(const struct nw_flow *f, const struct v4key *k)
{
    if (flow_tag(f) != k->tag)
        return -1;
    uint32_t a = load32(f->a_addr), b = load32(f->b_addr), pp = load32(&f->a_port);
    if (a == k->s && b == k->d && pp == k->ports)
        return 0;
    if (a == k->d && b == k->s && pp == rot16(k->ports))
        return 1;
    return -1;
}

/* The IPv4 path past the home slot: the rest of the probe, or a new flow. */
static __attribute__((noinline)) struct nw_flow *
update_v4_probe(struct nw_flows *ft, const struct nw_packet *pkt, int *dir, bool *created)
{
    struct v4key k;
    v4_key(ft, pkt, &k);
    uint64_t mask = ft->mask, i = k.h & mask;
    for (;;) {
        if (!slot_used(ft, i))
            break;
        struct nw_flow *f = &ft->slots[i];
        int d = v4_match(f, &k);
        if (d >= 0)
            return hit(f, pkt, d, dir, created);
        i = (i + 1) & mask;
    }
    /* A new flow: its key as make_key builds it, with the address bytes past the first 4
     * zero whatever the packet holds there. */
    struct fkey fk;
    bool ports = (pkt->flags & NW_PF_L4) && l4_has_ports(pkt->l4_proto);
    fk.src = (struct ep){v4word(pkt->src_ip), 0, ports ? pkt->sport : 0};
    fk.dst = (struct ep){v4word(pkt->dst_ip), 0, ports ? pkt->dport : 0};
    fk.vlan = pkt->vlan_count ? pkt->vlan[0] : 0;
    fk.ethertype = 0x0800;
    fk.ip_version = 4;
    fk.proto = pkt->l4_proto;
    fk.meta = 0; /* unused by insert */
    return insert(ft, pkt, &fk, k.h, i, dir, created);
}

/* IPv4 (nearly every packet of an OT network) takes its own path: the endpoints are one word
 * each, the hash two multiplications, a slot is compared by its tag (hash, version, protocol,
 * VLAN), its addresses' first words and its ports; an IPv4 flow's EtherType is always 0x0800
 * and its addresses' other bytes zero. The home slot is tried inline, the rest of the probe and
 * new flows in update_v4_probe (which computes the key again). Everything else goes through
 * make_key and key_hash. Both make the same flows, in the same directions, with the same
 * counters (test_flow.c, test_fast_vs_general). */
struct nw_flow *nw_flows_update(struct nw_flows *ft, const struct nw_packet *pkt, int *dir,
                                bool *created)
{
    if (pkt->ip_version != 4 || !ip_keyed(pkt))
        return nw_flows_update_general(ft, pkt, dir, created);
    struct v4key k;
    v4_key(ft, pkt, &k);
    uint64_t i = k.h & ft->mask;
    struct nw_flow *f = &ft->slots[i];
    if (!slot_used(ft, i) || flow_tag(f) != k.tag)
        return update_v4_probe(ft, pkt, dir, created);
    __asm__ volatile("" ::: "memory"); /* the addresses are read again, not held in registers */
    uint32_t a = load32(f->a_addr), b = load32(f->b_addr), pp = load32(&f->a_port);
    int d;
    if (a == load32(pkt->src_ip) && b == load32(pkt->dst_ip) && pp == k.ports)
        d = 0;
    else if (a == load32(pkt->dst_ip) && b == load32(pkt->src_ip) && pp == rot16(k.ports))
        d = 1;
    else
        return update_v4_probe(ft, pkt, dir, created);
    return hit(f, pkt, d, dir, created);
}

/* The budget of an expiry call at now_ns: the slots it examines (see the top of the file); 0
 * for the first call or a time not past the previous one. */
static uint64_t sweep_budget(struct nw_flows *ft, int64_t now_ns)
{
    if (!ft->started) {
        ft->started = true;
        ft->swept_ns = now_ns;
        return 0;
    }
    if (now_ns <= ft->swept_ns)
        return 0;
    uint64_t budget;
    if (now_ns - ft->swept_ns >= SWEEP_NS) {
        budget = ft->cap;
        ft->credit = 0;
    } else {
        double rate = (double)ft->cap / (SWEEP_NS / NS_PER_S); /* slots per second */
        if (rate < MIN_RATE)
            rate = MIN_RATE;
        double slots = ft->credit + (double)(now_ns - ft->swept_ns) * rate / NS_PER_S;
        budget = (uint64_t)slots;
        ft->credit = slots - (double)budget;
        if (budget > ft->cap)
            budget = ft->cap;
    }
    ft->swept_ns = now_ns;
    return budget;
}

/* The first used slot in [i, end), or end (i < end ≤ cap). Empty slots are passed through the
 * bitmaps, never read: 64 at a time in `used`, 4096 at a time in `used2`. */
static inline uint64_t next_used(const struct nw_flows *ft, uint64_t i, uint64_t end)
{
    uint64_t g = i >> 6, w = ft->used[g] & (~0ULL << (i & 63));
    while (!w) {
        if (++g << 6 >= end)
            return end;
        uint64_t s = ft->used2[g >> 6] >> (g & 63);
        if (!s) {
            g |= 63; /* the rest of this summary word's words are empty */
            continue;
        }
        g += (uint64_t)__builtin_ctzll(s);
        if (g << 6 >= end)
            return end;
        w = ft->used[g];
    }
    uint64_t j = (g << 6) + (uint64_t)__builtin_ctzll(w);
    return j < end ? j : end;
}

/* Examines slot i (used): ends the flow there if it is due. True when it did. */
static inline bool expire_at(struct nw_flows *ft, uint64_t i, int64_t now_ns,
                             void (*done)(const struct nw_flow *f, void *arg), void *arg)
{
    struct nw_flow *f = &ft->slots[i];
    if (!(f->flags & FF_USED) || flow_deadline_gap(ft, f, now_ns) < 0)
        return false;
    if (done)
        done(f, arg);
    remove_at(ft, i); /* a later entry may move into slot i: it is examined next */
    ft->expired++;
    return true;
}

void nw_flows_expire(struct nw_flows *ft, int64_t now_ns,
                     void (*done)(const struct nw_flow *f, void *arg), void *arg)
{
    uint64_t budget = sweep_budget(ft, now_ns), i = ft->cursor;
    /* The slots examined, the cursor and the budget left are those of the walk slot by slot
     * (nw_flows_expire_slotwise); the walk passes the empty ones without reading them. */
    while (budget > 0) {
        uint64_t end = ft->cap - i < budget ? ft->cap : i + budget;
        uint64_t j = next_used(ft, i, end);
        budget -= j - i;
        i = j & ft->mask; /* j = cap: on from slot 0 */
        if (j == end)     /* the budget is spent, or the table's end is reached */
            continue;
        if (expire_at(ft, i, now_ns, done, arg))
            continue;
        i = (i + 1) & ft->mask;
        budget--;
    }
    ft->cursor = i;
}

void nw_flows_expire_slotwise(struct nw_flows *ft, int64_t now_ns,
                              void (*done)(const struct nw_flow *f, void *arg), void *arg)
{
    uint64_t budget = sweep_budget(ft, now_ns), i = ft->cursor;
    while (budget > 0) {
        if (expire_at(ft, i, now_ns, done, arg))
            continue;
        i = (i + 1) & ft->mask;
        budget--;
    }
    ft->cursor = i;
}

void nw_flows_get_stats(const struct nw_flows *ft, struct nw_flow_stats *out)
{
    memset(out, 0, sizeof(*out));
    out->active = ft->active;
    out->created = ft->created;
    out->expired = ft->expired;
    out->evicted = ft->evicted;
    out->max_flows = ft->max_flows;
    out->capacity = ft->cap;
    out->bytes_per_flow = (size_t)(ft->cap * sizeof(*ft->slots) / ft->cap);
}

void nw_flows_set_seed(struct nw_flows *ft, uint64_t x)
{
    uint64_t z = x;
    for (size_t n = 0; n < 11; n++) { /* splitmix64 */
        z += 0x9e3779b97f4a7c15ULL;
        uint64_t v = z;
        v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ULL;
        v = (v ^ (v >> 27)) * 0x94d049bb133111ebULL;
        v ^= v >> 31;
        if (n < 8)
            ft->seed[n] = v;
        else
            ft->v4seed[n - 8] = v;
    }
    if (x == 0) { /* the last multiplications: by 0 */
        ft->seed[7] = 0;
        ft->v4seed[2] = 0;
    }
}

void nw_flows_free(struct nw_flows *ft)
{
    if (!ft)
        return;
    munmap(ft->map, ft->map_len);
    free(ft->used);
    free(ft->used2);
    free(ft);
}
