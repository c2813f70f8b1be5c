/*
 * asset.c — netwatch's passive inventory: one asset per device seen on the wire, with its IP
 * addresses over time, vendor, names, VLANs, protocols served and used, roles and counters, and
 * its export as JSON and CSV (docs/netwatch.md, "Asset inventory"). Runs in the capture thread;
 * no locks.
 *
 * Keys: a device is its MAC address; where no MAC is visible (raw-IP and loopback links) or the
 * MAC belongs to a router, its IP address. The router rule: a MAC asset that has sent from more
 * than ROUTER_V4 distinct IPv4 (or ROUTER_V6 IPv6) source addresses is a router; from then on a
 * source address it carries that is not already in its list becomes an IP-keyed asset with the
 * router's MAC as "via". Only senders become assets (a destination may not exist), except what
 * ARP replies (sha, spa) and DHCP ACKs (chaddr, yiaddr) vouch for, and names carried for other
 * addresses (DNS answers, HTTP Host, TLS SNI). Group (multicast, broadcast) and all-zero MACs,
 * and unspecified, loopback, multicast and broadcast IPs never become assets or asset IPs.
 *
 * Invariants: assets live in chunks of CHUNK and never move (ids are stable); the asset index
 * maps each key to exactly one asset; the IP index maps an address to the asset that most
 * recently showed it, and only while that asset still lists it (entries leave by backward-shift
 * deletion). Per-asset lists have fixed caps; what does not fit is counted, never allocated.
 *
 * Cost: a packet of a flow whose hint names its sender, from the address that asset showed
 * last, with nothing new (the direction's signature) and nothing vouched or named, only counts
 * (nw_assets_observe's fast path). Any other packet: one seeded hash look-up by MAC (without a
 * valid hint) and comparisons with the last IP, VLAN and protocol the asset showed; the lists
 * are searched only when one of them changed. Memory is allocated only when a new device
 * appears (a chunk of CHUNK assets at a time), up to max_assets; the indexes are zero pages
 * (an empty slot is 0) committed as they are written.
 */
#include "netwatch/netwatch.h"

#include <arpa/inet.h>
#include <strings.h>
#include <netinet/in.h>
#include <sodium.h>

#define CHUNK 256
#define ASSET_IPS 16
#define ASSET_NAMES 8
#define ASSET_VLANS 8
#define ASSET_PROTOS 32 /* each of served and used */
#define ASSET_L2 8
#define ROUTER_V4 8  /* distinct IPv4 source addresses behind one MAC before it is a router */
#define ROUTER_V6 32 /* IPv6 hosts have several addresses each (link-local, temporary …) */
#define STATUS_MAX 32
#define NONE UINT32_MAX /* no asset (what the look-ups return) */
#define NS_PER_S 1000000000LL

enum asset_kind { K_MAC = 1, K_IP4 = 4, K_IP6 = 6 };

enum asset_flags {
    AF_SENT_IP = 1 << 0, /* sent an IP packet */
    AF_TCP = 1 << 1,
    AF_UDP = 1 << 2,
    AF_ROUTER = 1 << 3,
    AF_VIA = 1 << 4, /* via holds the router's MAC */
};

struct asset_ip {
    uint8_t family;
    uint8_t addr[16];
    int64_t first_ns, last_ns;
};

struct asset_name {
    uint8_t kind; /* enum nw_name_kind */
    char name[NW_NAME_MAX + 1];
};

struct asset_proto {
    uint8_t app, proto;
    uint16_t port;
};

struct asset_l2 {
    uint8_t app;
    uint16_t ethertype;
};

/* The first two cache lines hold what a packet from a known device reads and writes; the
 * lists after them are touched only when something changed. */
struct asset {
    _Alignas(64) uint8_t key[16];
    uint8_t kind;    /* enum asset_kind */
    uint8_t last_ip; /* index in ips of the last source address (valid when last_fam) */
    uint8_t last_fam;
    uint8_t n_ips;
    uint32_t flags;
    uint8_t last_addr[16]; /* a copy of ips[last_ip].addr */
    int64_t last_ip_ns;    /* when last_addr was last seen: folded into ips[last_ip] on change */
    int64_t last_ns;
    uint64_t packets, bytes;
    uint64_t last_proto;               /* packed (list, app, proto, port) last recorded; 0 = none */
    uint64_t server_apps, client_apps; /* roles: bit per enum nw_app */
    uint16_t last_vlan;
    uint8_t n_names, n_vlans, n_served, n_used, n_l2;
    /* cold */
    uint32_t id; /* its index: chunks[id / CHUNK][id % CHUNK] */
    uint8_t via[6];
    uint16_t v4_seen, v6_seen; /* distinct source addresses added (router rule) */
    const char *vendor;
    int64_t first_ns;
    struct asset_ip ips[ASSET_IPS];
    struct asset_name names[ASSET_NAMES];
    uint16_t vlans[ASSET_VLANS];
    struct asset_proto served[ASSET_PROTOS], used[ASSET_PROTOS];
    struct asset_l2 l2[ASSET_L2];
    char status[STATUS_MAX];
};
_Static_assert(offsetof(struct asset, n_l2) < 128, "the hot part of an asset spans two lines");

/* Slots of both indexes hold an asset id + 1: 0 is an empty slot, so the indexes are calloc'd
 * and their pages stay untouched (neither written nor committed) until an address lands there. */
struct ip_slot {
    uint32_t asset; /* asset id + 1, 0 = empty */
    uint8_t family;
    uint8_t addr[16];
};

struct nw_assets {
    const struct nw_oui *oui;
    uint32_t max_assets, archive_days;
    struct asset **chunks;
    void **chunk_mem; /* calloc's pointers: chunks[k] is chunk_mem[k] rounded up to 64 bytes */
    uint32_t n;
    uint32_t *index; /* asset ids + 1, 0 = empty */
    uint64_t index_mask;
    struct ip_slot *ipidx;
    uint64_t ipidx_mask, ipidx_max, ipidx_n;
    uint64_t seed[4];
    int64_t now_ns; /* the latest packet time seen */
    struct nw_assets_stats st;
};

/* ---- addresses ---- */

static bool mac_usable(const uint8_t mac[6])
{
    static const uint8_t zero[6];
    return !(mac[0] & 0x01) && memcmp(mac, zero, 6) != 0;
}

static bool ip_usable(uint8_t family, const uint8_t *a)
{
    if (family == 4) {
        /* 0/8 this network, 127/8 loopback, 224/4 multicast, 240/4 reserved and broadcast */
        return a[0] != 0 && a[0] != 127 && a[0] < 224;
    }
    if (family == 6) {
        static const uint8_t zero[15];
        if (a[0] == 0xff) /* multicast */
            return false;
        if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1)) /* :: and ::1 */
            return false;
        return true;
    }
    return false;
}

static bool pkt_has_ip(const struct nw_packet *pkt)
{
    return (pkt->ip_version == 4 || pkt->ip_version == 6) && pkt->err != NW_DERR_TRUNC_IP &&
           pkt->err != NW_DERR_BAD_IP;
}

static inline uint64_t load64(const uint8_t *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

__extension__ typedef unsigned __int128 u128;

static inline uint64_t mum(uint64_t a, uint64_t b)
{
    u128 r = (u128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t key_hash(const struct nw_assets *as, uint8_t kind, const uint8_t key[16])
{
    return mum(load64(key) ^ as->seed[0], load64(key + 8) ^ as->seed[1] ^ kind);
}

static inline struct asset *asset_at(const struct nw_assets *as, uint32_t id)
{
    return &as->chunks[id / CHUNK][id % CHUNK];
}

/* ---- the asset index ---- */

static uint32_t find_asset(const struct nw_assets *as, uint8_t kind, const uint8_t key[16])
{
    uint64_t i = key_hash(as, kind, key) & as->index_mask;
    for (; as->index[i]; i = (i + 1) & as->index_mask) {
        const struct asset *a = asset_at(as, as->index[i] - 1);
        if (a->kind == kind && memcmp(a->key, key, 16) == 0)
            return as->index[i] - 1;
    }
    return NONE;
}

/* The asset of key, created if new and there is room (*is_new); NULL past the cap. */
static struct asset *get_asset(struct nw_assets *as, uint8_t kind, const uint8_t key[16],
                               int64_t ts, bool *is_new)
{
    uint64_t i = key_hash(as, kind, key) & as->index_mask;
    for (; as->index[i]; i = (i + 1) & as->index_mask) {
        struct asset *a = asset_at(as, as->index[i] - 1);
        if (a->kind == kind && memcmp(a->key, key, 16) == 0)
            return a;
    }
    if (as->n >= as->max_assets) {
        as->st.dropped++;
        return NULL;
    }
    uint32_t id = as->n;
    if (id % CHUNK == 0) {
        /* calloc, not aligned_alloc and memset: a large calloc is fresh zero pages that are
         * committed only as its assets are first written */
        void *mem = calloc(1, CHUNK * sizeof(struct asset) + 63);
        if (!mem) {
            as->st.dropped++;
            return NULL;
        }
        as->chunk_mem[id / CHUNK] = mem;
        as->chunks[id / CHUNK] = (struct asset *)(((uintptr_t)mem + 63) & ~(uintptr_t)63);
    }
    struct asset *a = asset_at(as, id);
    a->id = id;
    a->kind = kind;
    memcpy(a->key, key, 16);
    a->first_ns = a->last_ns = ts;
    a->vendor = kind == K_MAC ? nw_oui_vendor(as->oui, key) : NULL;
    as->index[i] = id + 1;
    as->n++;
    if (is_new)
        *is_new = true;
    return a;
}

static struct asset *get_mac_asset(struct nw_assets *as, const uint8_t mac[6], int64_t ts,
                                   bool *is_new)
{
    uint8_t key[16] = {0};
    memcpy(key, mac, 6);
    return get_asset(as, K_MAC, key, ts, is_new);
}

/* ---- the IP index ---- */

static uint64_t ip_home(const struct nw_assets *as, uint8_t family, const uint8_t addr[16])
{
    return key_hash(as, family, addr) & as->ipidx_mask;
}

static uint64_t ipidx_slot(const struct nw_assets *as, uint8_t family, const uint8_t addr[16])
{
    uint64_t i = ip_home(as, family, addr);
    for (; as->ipidx[i].asset; i = (i + 1) & as->ipidx_mask)
        if (as->ipidx[i].family == family && memcmp(as->ipidx[i].addr, addr, 16) == 0)
            break;
    return i;
}

/* The asset id that holds addr, or NONE. */
static uint32_t ipidx_get(const struct nw_assets *as, uint8_t family, const uint8_t addr[16])
{
    return as->ipidx[ipidx_slot(as, family, addr)].asset - 1; /* empty: 0 - 1 = NONE */
}

static void ipidx_set(struct nw_assets *as, uint8_t family, const uint8_t addr[16], uint32_t id)
{
    uint64_t i = ipidx_slot(as, family, addr);
    if (!as->ipidx[i].asset) {
        if (as->ipidx_n >= as->ipidx_max) {
            as->st.ips_unindexed++;
            return;
        }
        as->ipidx[i].family = family;
        memcpy(as->ipidx[i].addr, addr, 16);
        as->ipidx_n++;
    }
    as->ipidx[i].asset = id + 1;
}

/* Removes addr from the index if it points at asset id (backward-shift deletion). */
static void ipidx_del(struct nw_assets *as, uint8_t family, const uint8_t addr[16], uint32_t id)
{
    uint64_t mask = as->ipidx_mask, i = ipidx_slot(as, family, addr), j = i;
    if (as->ipidx[i].asset != id + 1)
        return;
    for (;;) {
        j = (j + 1) & mask;
        struct ip_slot *e = &as->ipidx[j];
        if (!e->asset)
            break;
        uint64_t home = ip_home(as, e->family, e->addr);
        if (((j - home) & mask) >= ((j - i) & mask)) {
            as->ipidx[i] = *e;
            i = j;
        }
    }
    as->ipidx[i].asset = 0;
    as->ipidx_n--;
}

/* ---- per-asset lists ---- */

/* Writes the last-seen time of the cached source address back into the list. */
static void fold_last_ip(struct asset *a)
{
    if (a->last_fam && a->last_ip_ns > a->ips[a->last_ip].last_ns)
        a->ips[a->last_ip].last_ns = a->last_ip_ns;
}

static int find_ip(const struct asset *a, uint8_t family, const uint8_t addr[16])
{
    for (int i = 0; i < a->n_ips; i++)
        if (a->ips[i].family == family && memcmp(a->ips[i].addr, addr, 16) == 0)
            return i;
    return -1;
}

/* Adds (or refreshes) an address of asset a; returns its index. */
static int add_ip(struct nw_assets *as, struct asset *a, uint8_t family, const uint8_t addr[16],
                  int64_t ts)
{
    fold_last_ip(a);
    int i = find_ip(a, family, addr);
    if (i < 0) {
        if (a->n_ips < ASSET_IPS) {
            i = a->n_ips++;
        } else { /* full: the address seen longest ago makes room */
            i = 0;
            for (int k = 1; k < ASSET_IPS; k++)
                if (a->ips[k].last_ns < a->ips[i].last_ns)
                    i = k;
            ipidx_del(as, a->ips[i].family, a->ips[i].addr, a->id);
            as->st.ips_replaced++;
            if (i == a->last_ip)
                a->last_fam = 0;
        }
        a->ips[i].family = family;
        memcpy(a->ips[i].addr, addr, 16);
        a->ips[i].first_ns = a->ips[i].last_ns = ts;
        ipidx_set(as, family, addr, a->id);
    } else {
        if (ts > a->ips[i].last_ns)
            a->ips[i].last_ns = ts;
        if (ts < a->ips[i].first_ns)
            a->ips[i].first_ns = ts;
        /* the address may have been shown by another device since: it is ours again */
        if (ipidx_get(as, family, addr) != a->id)
            ipidx_set(as, family, addr, a->id);
    }
    return i;
}

static void add_name(struct nw_assets *as, struct asset *a, enum nw_name_kind kind,
                     const char *name)
{
    if (!name[0])
        return;
    for (int i = 0; i < a->n_names; i++)
        if (strcasecmp(a->names[i].name, name) == 0)
            return;
    if (a->n_names >= ASSET_NAMES) {
        as->st.names_dropped++;
        return;
    }
    struct asset_name *n = &a->names[a->n_names++];
    n->kind = (uint8_t)kind;
    size_t k = 0;
    for (; name[k] && k < NW_NAME_MAX; k++) /* printable ASCII, as decode promises */
        n->name[k] = name[k] > 0x20 && name[k] < 0x7f ? name[k] : (name[k] == ' ' ? ' ' : '?');
    n->name[k] = '\0';
}

static void add_vlan(struct asset *a, uint16_t vlan)
{
    if (vlan == a->last_vlan)
        return;
    a->last_vlan = vlan;
    for (int i = 0; i < a->n_vlans; i++)
        if (a->vlans[i] == vlan)
            return;
    if (a->n_vlans < ASSET_VLANS)
        a->vlans[a->n_vlans++] = vlan;
}

static void add_proto(struct nw_assets *as, struct asset *a, bool served, uint8_t app,
                      uint8_t proto, uint16_t port)
{
    uint64_t packed =
        1ULL << 40 | (uint64_t)served << 32 | (uint64_t)app << 24 | (uint64_t)proto << 16 | port;
    if (packed == a->last_proto)
        return;
    a->last_proto = packed;
    struct asset_proto *list = served ? a->served : a->used;
    uint8_t *n = served ? &a->n_served : &a->n_used;
    for (int i = 0; i < *n; i++) {
        if (list[i].proto == proto && list[i].port == port) {
            if (list[i].app == NW_APP_NONE)
                list[i].app = app;
            return;
        }
    }
    if (*n >= ASSET_PROTOS) {
        as->st.protocols_dropped++;
        return;
    }
    list[(*n)++] = (struct asset_proto){app, proto, port};
}

static void add_l2(struct asset *a, uint8_t app, uint16_t ethertype)
{
    for (int i = 0; i < a->n_l2; i++) {
        if (a->l2[i].ethertype == ethertype) {
            if (a->l2[i].app == NW_APP_NONE)
                a->l2[i].app = app;
            return;
        }
    }
    if (a->n_l2 < ASSET_L2)
        a->l2[a->n_l2++] = (struct asset_l2){app, ethertype};
}

/* ---- what a packet vouches for ---- */

/* DHCP server → client messages: the message type (option 53), yiaddr and chaddr, read from
 * the BOOTP payload with bounds checks. 0 when not a well-formed reply with an Ethernet chaddr. */
static int dhcp_reply(const struct nw_packet *pkt, uint8_t yiaddr[4], uint8_t chaddr[6])
{
    const uint8_t *p = pkt->payload;
    uint32_t n = pkt->payload_len;
    if (!p || n < 240 || p[0] != 2 || p[1] != 1 || p[2] != 6)
        return 0;
    if (p[236] != 99 || p[237] != 130 || p[238] != 83 || p[239] != 99) /* magic cookie */
        return 0;
    memcpy(yiaddr, p + 16, 4);
    memcpy(chaddr, p + 28, 6);
    for (uint32_t i = 240; i < n;) {
        uint8_t code = p[i];
        if (code == 255)
            break;
        if (code == 0) {
            i++;
            continue;
        }
        if (i + 1 >= n || i + 2 + (uint32_t)p[i + 1] > n)
            break;
        if (code == 53 && p[i + 1] == 1)
            return p[i + 2];
        i += 2 + p[i + 1];
    }
    return 0;
}

static void vouch(struct nw_assets *as, const uint8_t mac[6], uint8_t family,
                  const uint8_t addr[16], int64_t ts)
{
    if (!mac_usable(mac) || !ip_usable(family, addr))
        return;
    struct asset *a = get_mac_asset(as, mac, ts, NULL);
    if (!a)
        return;
    if (ts > a->last_ns)
        a->last_ns = ts;
    add_ip(as, a, family, addr, ts);
}

/* The asset that holds addr now (IP index), or NULL. */
static struct asset *asset_of_ip(struct nw_assets *as, uint8_t family, const uint8_t addr[16])
{
    if (!ip_usable(family, addr))
        return NULL;
    uint32_t id = ipidx_get(as, family, addr);
    return id == NONE ? NULL : asset_at(as, id);
}

static void observe_name(struct nw_assets *as, const struct nw_packet *pkt, struct asset *sender)
{
    static const uint8_t zero[6];
    struct asset *to = NULL;
    bool wanted = true; /* the name belongs to a device we looked for */
    switch (pkt->name_kind) {
    case NW_NAME_DHCP:
        if (memcmp(pkt->dhcp_mac, zero, 6) == 0 ||
            (pkt->app == NW_APP_DHCPV6 && pkt->role == NW_ROLE_CLIENT)) {
            /* DHCPv6: the DUID's link-layer address is the one the client had when it made the
             * DUID (often another interface), not the MAC it sends from — a client's own
             * message names its sender */
            to = sender;
        } else if (pkt->app == NW_APP_DHCPV6) {
            /* a server's reply: the name goes to the client only if that MAC is a device
             * already seen; a DUID never makes a device of its own */
            uint8_t key[16] = {0};
            memcpy(key, pkt->dhcp_mac, 6);
            uint32_t id = find_asset(as, K_MAC, key);
            to = id == NONE ? NULL : asset_at(as, id);
        } else if (mac_usable(pkt->dhcp_mac))
            to = get_mac_asset(as, pkt->dhcp_mac, pkt->ts_ns, NULL);
        break;
    case NW_NAME_DNS_ANSWER:
        if (pkt->name_addr_family == 4 || pkt->name_addr_family == 6)
            to = asset_of_ip(as, pkt->name_addr_family, pkt->name_addr);
        break;
    case NW_NAME_NBNS:
    case NW_NAME_LLMNR:
    case NW_NAME_MDNS:
        if (pkt->name_addr_family == 4 || pkt->name_addr_family == 6)
            to = asset_of_ip(as, pkt->name_addr_family, pkt->name_addr);
        else if (pkt->flags & NW_PF_DNS_RESPONSE)
            to = sender; /* an answer names its sender */
        else
            wanted = false; /* a query names what is looked for */
        break;
    case NW_NAME_DCP:
        /* Identify responses go unicast to the asker and carry the sender's own name; the
         * multicast Identify requests carry the name looked for. */
        if (pkt->has_mac && !(pkt->dst_mac[0] & 0x01))
            to = sender;
        else
            wanted = false;
        break;
    case NW_NAME_HTTP_HOST:
    case NW_NAME_TLS_SNI:
        if (pkt_has_ip(pkt))
            to = asset_of_ip(as, pkt->ip_version, pkt->dst_ip);
        break;
    default: /* DNS queries name what is looked for, not the asker */
        wanted = false;
        break;
    }
    if (to)
        add_name(as, to, pkt->name_kind, pkt->name);
    else if (wanted)
        as->st.names_unattached++;
}

/* An app number as recorded: NONE for anything outside enum nw_app. */
static uint8_t app_of(unsigned app)
{
    return app < NW_APP_COUNT ? (uint8_t)app : NW_APP_NONE;
}

/* What the packet shows about the protocols of its sender s. */
static void observe_protocols(struct nw_assets *as, struct asset *s, const struct nw_packet *pkt,
                              const struct nw_flow *flow, int dir)
{
    if (flow) {
        if (flow->ip_version == 0) {
            if (flow->ethertype != 0x0806) /* every device speaks ARP */
                add_l2(s, flow->app ? app_of(flow->app) : app_of(pkt->app), flow->ethertype);
            return;
        }
        if (flow->proto == IPPROTO_ICMP || flow->proto == IPPROTO_ICMPV6)
            return;
        bool ported =
            flow->proto == IPPROTO_TCP || flow->proto == IPPROTO_UDP || flow->proto == IPPROTO_SCTP;
        if (ported && flow->b_port == 0) /* a non-first fragment */
            return;
        uint8_t app = flow->app ? app_of(flow->app) : app_of(pkt->app);
        add_proto(as, s, dir == 1, app, flow->proto, flow->b_port);
        return;
    }
    if (!pkt_has_ip(pkt) || !(pkt->flags & NW_PF_L4) || pkt->l4_proto == IPPROTO_ICMP ||
        pkt->l4_proto == IPPROTO_ICMPV6)
        return;
    if (pkt->role == NW_ROLE_SERVER)
        add_proto(as, s, true, app_of(pkt->app), pkt->l4_proto, pkt->sport);
    else if (pkt->role == NW_ROLE_CLIENT)
        add_proto(as, s, false, app_of(pkt->app), pkt->l4_proto, pkt->dport);
}

static void touch(struct asset *a, const struct nw_packet *pkt)
{
    a->packets++;
    a->bytes += pkt->wire_len;
    if (pkt->ts_ns > a->last_ns)
        a->last_ns = pkt->ts_ns;
    if (pkt->ts_ns < a->first_ns)
        a->first_ns = pkt->ts_ns;
}

/* Records the source address of a packet sent by s. Returns the asset the packet is from: s,
 * or, when s is a router's MAC and the address is not one of its own, the IP-keyed asset of the
 * host behind it (NULL past the cap). */
static struct asset *sender_ip(struct nw_assets *as, struct asset *s, uint8_t fam,
                               const struct nw_packet *pkt, bool *is_new)
{
    if (s->last_fam == fam && memcmp(s->last_addr, pkt->src_ip, 16) == 0) {
        if (pkt->ts_ns > s->last_ip_ns) /* the common case: the same address as before */
            s->last_ip_ns = pkt->ts_ns;
        return s;
    }
    int i = find_ip(s, fam, pkt->src_ip);
    if (s->kind == K_MAC && i < 0) {
        uint16_t *seen = fam == 4 ? &s->v4_seen : &s->v6_seen;
        if (!(s->flags & AF_ROUTER) && *seen >= (fam == 4 ? ROUTER_V4 : ROUTER_V6))
            s->flags |= AF_ROUTER;
        if (s->flags & AF_ROUTER) { /* a host behind the router s */
            bool created = false;
            struct asset *h = get_asset(as, fam, pkt->src_ip, pkt->ts_ns, &created);
            if (!h)
                return NULL;
            *is_new = created;
            memcpy(h->via, s->key, 6);
            h->flags |= AF_VIA;
            touch(h, pkt);
            return sender_ip(as, h, fam, pkt, is_new);
        }
        (*seen)++;
    }
    i = add_ip(as, s, fam, pkt->src_ip, pkt->ts_ns);
    s->last_ip = (uint8_t)i;
    s->last_fam = fam;
    memcpy(s->last_addr, pkt->src_ip, 16);
    s->last_ip_ns = pkt->ts_ns;
    return s;
}

/* The sender's asset (kind, key) through the flow's hint for its direction when the hint is
 * that asset, else through the index (created if new), the hint then set and the direction's
 * signature (hint[4 + dir]) forgotten: it described another asset's packets. */
static inline struct asset *sender_asset(struct nw_assets *as, const struct nw_flow *flow, int dir,
                                         uint8_t kind, const uint8_t key[16], int64_t ts,
                                         bool *is_new)
{
    uint32_t *hint = flow ? (uint32_t *)&flow->hint[dir & 1] : NULL; /* see nw_flow.hint */
    if (hint && *hint && *hint <= as->n) {
        struct asset *a = asset_at(as, *hint - 1);
        if (a->kind == kind && memcmp(a->key, key, 16) == 0)
            return a;
    }
    struct asset *a = get_asset(as, kind, key, ts, is_new);
    if (a && hint) {
        *hint = a->id + 1;
        hint[4] = 0; /* hint[0 + d] → hint[4 + d] */
    }
    return a;
}

/* The steady signature of a packet from its direction's hinted sender (nw_flow.hint[4 + dir]):
 * what the facts it adds depend on besides the flow and the asset. fam is 0, 4 or 6 (the packet
 * has no IP, IPv4, IPv6). Bit 0 is always set (0 in the hint is "nothing recorded"); fam takes
 * bits 1–2 (with bit 0: 1, 5, 7), then whether the frame is tagged, the role, the outer VLAN id
 * (12 bits, 0 untagged: nw_decode zeroes it), the flow's app (8 bits) and the packet's app from
 * bit 26: an app ≥ 64 makes the signature ≥ 2^32, which no hint equals and none is stored. */
static inline uint64_t steady_sig(const struct nw_packet *pkt, const struct nw_flow *flow,
                                  uint32_t fam)
{
    return (fam | 1u) | (uint32_t)(pkt->vlan_count != 0) << 3 | (uint32_t)(pkt->role & 3) << 4 |
           (uint32_t)(pkt->vlan[0] & 0xfff) << 6 | (uint32_t)flow->app << 18 |
           (uint64_t)pkt->app << 26;
}

/* nw_assets_observe for every packet the fast path below does not take. */
static __attribute__((noinline)) bool observe(struct nw_assets *as, const struct nw_packet *pkt,
                                              const struct nw_flow *flow, int dir)
{
    bool is_new = false, ip = pkt_has_ip(pkt);
    uint8_t fam = ip ? pkt->ip_version : 0;
    bool src_ip_ok = ip && ip_usable(fam, pkt->src_ip);
    struct asset *s = NULL; /* the sender */
    if (pkt->ts_ns > as->now_ns)
        as->now_ns = pkt->ts_ns;

    if (pkt->has_mac) {
        if (mac_usable(pkt->src_mac)) {
            uint8_t key[16] = {0};
            memcpy(key, pkt->src_mac, 6);
            s = sender_asset(as, flow, dir, K_MAC, key, pkt->ts_ns, &is_new);
        }
    } else if (src_ip_ok) {
        s = sender_asset(as, flow, dir, fam, pkt->src_ip, pkt->ts_ns, &is_new);
    }
    if (s) {
        touch(s, pkt);
        if (src_ip_ok)
            s = sender_ip(as, s, fam, pkt, &is_new);
    }
    /* Past the counters, a packet adds facts (flags, VLAN, protocols, apps) that a packet of
     * the same flow direction, from the same asset, with the same app, role and VLAN added
     * already: its signature in the flow (nw_flow.hint[4 + dir]) says so. Not while a protocol
     * list is full (protocols_dropped counts every packet that finds it full). */
    uint64_t sig = 0;
    uint32_t *steady = NULL;
    bool facts = s != NULL;
    if (s && flow && flow->hint[dir & 1] == s->id + 1 && pkt->app < 64 &&
        s->n_served < ASSET_PROTOS && s->n_used < ASSET_PROTOS) {
        steady = (uint32_t *)&flow->hint[4 + (dir & 1)]; /* see nw_flow.hint */
        sig = steady_sig(pkt, flow, fam);
        facts = *steady != sig;
    }
    if (facts) {
        if (steady)
            *steady = (uint32_t)sig; /* < 2^32: pkt->app < 64 */
        if (ip) {
            s->flags |= AF_SENT_IP;
            if (pkt->l4_proto == IPPROTO_TCP)
                s->flags |= AF_TCP;
            else if (pkt->l4_proto == IPPROTO_UDP)
                s->flags |= AF_UDP;
        }
        if (pkt->vlan_count)
            add_vlan(s, pkt->vlan[0]);
        observe_protocols(as, s, pkt, flow, dir);
        if (pkt->app != NW_APP_NONE && pkt->app < NW_APP_COUNT && pkt->app < 64) {
            if (pkt->role == NW_ROLE_SERVER)
                s->server_apps |= 1ULL << pkt->app;
            else if (pkt->role == NW_ROLE_CLIENT)
                s->client_apps |= 1ULL << pkt->app;
        }
    }

    /* What the packet vouches for or names, beyond its sender. */
    if (pkt->arp_op == 2 ||
        (pkt->arp_op == 1 && (!pkt->has_mac || memcmp(pkt->arp_sha, pkt->src_mac, 6) == 0))) {
        uint8_t addr[16] = {0};
        memcpy(addr, pkt->arp_spa, 4);
        vouch(as, pkt->arp_sha, 4, addr, pkt->ts_ns);
    }
    if (ip && fam == 4 && pkt->l4_proto == IPPROTO_UDP && (pkt->flags & NW_PF_L4) &&
        pkt->sport == 67 && pkt->dport == 68) {
        uint8_t yiaddr[4], chaddr[6];
        if (dhcp_reply(pkt, yiaddr, chaddr) == 5) { /* DHCPACK */
            uint8_t addr[16] = {0};
            memcpy(addr, yiaddr, 4);
            vouch(as, chaddr, 4, addr, pkt->ts_ns);
        }
    }
    if (pkt->name_kind != NW_NAME_NONE && pkt->name[0])
        observe_name(as, pkt, s);
    return is_new;
}

/* The steady case, most packets of a capture: the flow's hint names the sender's asset, the
 * packet comes from the address the asset showed last, its signature is the direction's last
 * one, and it vouches for and names nothing. Then the packet adds nothing but counters and
 * times — exactly what observe() would do with it; anything else goes to observe(). The hint
 * is checked against the packet's MAC (or, without one, its source address): equal to an
 * asset's key, the MAC is usable (only usable MACs and addresses become keys), and equal to
 * last_addr, the address is (only usable ones are stored there). */
bool nw_assets_observe(struct nw_assets *as, const struct nw_packet *pkt,
                       const struct nw_flow *flow, int dir)
{
    int64_t ts = pkt->ts_ns;
    if (ts > as->now_ns)
        as->now_ns = ts;
    /* first what the packet and the flow tell (ARP, a name, maybe a DHCP reply, the
     * signature), then the asset */
    if (!flow || pkt->arp_op != 0 || pkt->name_kind != NW_NAME_NONE || pkt->sport == 67)
        return observe(as, pkt, flow, dir);
    const uint32_t *hint = &flow->hint[(unsigned)dir & 1u]; /* see nw_flow.hint */
    uint8_t v = pkt->ip_version;
    if (hint[4] != steady_sig(pkt, flow, v))
        return observe(as, pkt, flow, dir);
    uint32_t h = hint[0] - 1; /* 0 (none) wraps past as->n */
    if (h >= as->n)
        return observe(as, pkt, flow, dir);
    struct asset *a = asset_at(as, h);
    if (pkt->has_mac) {
        if (a->kind != K_MAC || memcmp(a->key, pkt->src_mac, 6) != 0)
            return observe(as, pkt, flow, dir);
    } else if (v == 0 || a->kind != v || memcmp(a->key, pkt->src_ip, 16) != 0) {
        return observe(as, pkt, flow, dir);
    }
    /* a decode error sends the packet to observe(): there an IP header it stopped at is no IP */
    if (pkt->err != NW_DERR_NONE ||
        (v != 0 && (a->last_fam != v || memcmp(a->last_addr, pkt->src_ip, 16) != 0)))
        return observe(as, pkt, flow, dir);
    if ((a->n_served | a->n_used) >= ASSET_PROTOS)
        return observe(as, pkt, flow, dir);
    /* bytes and packets apart: side by side gcc -O2 adds them as a vector (7 instructions) */
    a->bytes += pkt->wire_len;
    if (ts > a->last_ns)
        a->last_ns = ts;
    a->packets++;
    if (ts < a->first_ns)
        a->first_ns = ts;
    if (v != 0 && ts > a->last_ip_ns)
        a->last_ip_ns = ts;
    return false;
}

/* ---- life cycle ---- */

int nw_assets_new(const struct nw_assets_opts *opts, struct nw_assets **out)
{
    *out = NULL;
    struct nw_assets_opts o = {0};
    if (opts)
        o = *opts;
    uint32_t max = o.max_assets ? o.max_assets : 65536;
    if (max > (1u << 24))
        return AG_EINVAL;
    struct nw_assets *as = calloc(1, sizeof(*as));
    if (!as)
        return AG_ENOMEM;
    as->oui = o.oui;
    as->max_assets = max;
    as->archive_days = o.archive_days;
    uint64_t cap = 16;
    while (cap < 2ULL * max)
        cap <<= 1;
    as->index_mask = cap - 1;
    as->ipidx_max = 4ULL * max;
    uint64_t icap = 16;
    while (icap < 2 * as->ipidx_max)
        icap <<= 1;
    as->ipidx_mask = icap - 1;
    as->chunks = calloc((max + CHUNK - 1) / CHUNK, sizeof(*as->chunks));
    as->chunk_mem = calloc((max + CHUNK - 1) / CHUNK, sizeof(*as->chunk_mem));
    as->index = calloc(cap, sizeof(*as->index));
    as->ipidx = calloc(icap, sizeof(*as->ipidx));
    if (!as->chunks || !as->chunk_mem || !as->index || !as->ipidx) {
        nw_assets_free(as);
        return AG_ENOMEM;
    }
    randombytes_buf(as->seed, sizeof(as->seed));
    *out = as;
    return 0;
}

size_t nw_assets_count(const struct nw_assets *as)
{
    return as->n;
}

void nw_assets_get_stats(const struct nw_assets *as, struct nw_assets_stats *out)
{
    *out = as->st;
    out->assets = as->n;
}

void nw_assets_free(struct nw_assets *as)
{
    if (!as)
        return;
    if (as->chunk_mem)
        for (uint32_t i = 0; i < (as->max_assets + CHUNK - 1) / CHUNK && as->chunk_mem[i]; i++)
            free(as->chunk_mem[i]);
    free(as->chunk_mem);
    free(as->chunks);
    free(as->index);
    free(as->ipidx);
    free(as);
}

/* ---- identifiers and status ---- */

static void fmt_mac(const uint8_t m[6], char out[18])
{
    snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static void fmt_ip(uint8_t family, const uint8_t *addr, char out[INET6_ADDRSTRLEN])
{
    if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, addr, out, INET6_ADDRSTRLEN))
        snprintf(out, INET6_ADDRSTRLEN, "?");
}

static void asset_ident(const struct asset *a, char out[INET6_ADDRSTRLEN])
{
    if (a->kind == K_MAC)
        fmt_mac(a->key, out);
    else
        fmt_ip(a->kind, a->key, out);
}

static bool parse_mac(const char *s, uint8_t mac[6])
{
    unsigned v[6];
    char tail;
    if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &tail) !=
        6)
        return false;
    for (int i = 0; i < 6; i++)
        mac[i] = (uint8_t)v[i];
    return true;
}

int nw_assets_set_status(struct nw_assets *as, const char *id, const char *status)
{
    uint8_t key[16] = {0};
    uint8_t kind;
    if (parse_mac(id, key))
        kind = K_MAC;
    else if (inet_pton(AF_INET, id, key) == 1)
        kind = K_IP4;
    else if (inet_pton(AF_INET6, id, key) == 1)
        kind = K_IP6;
    else
        return AG_EINVAL;
    uint32_t i = find_asset(as, kind, key);
    if (i == NONE)
        return AG_ENOTFOUND;
    struct asset *a = asset_at(as, i);
    size_t n = 0;
    for (const char *p = status ? status : ""; *p && n + 1 < sizeof(a->status); p++)
        a->status[n++] = *p >= 0x20 && *p < 0x7f ? *p : '?';
    a->status[n] = '\0';
    return 0;
}

/* ---- export ---- */

static const char *proto_name(uint8_t proto, char buf[4])
{
    switch (proto) {
    case IPPROTO_TCP:
        return "tcp";
    case IPPROTO_UDP:
        return "udp";
    case IPPROTO_SCTP:
        return "sctp";
    default:
        snprintf(buf, 4, "%u", proto);
        return buf;
    }
}

static const char *name_source(uint8_t kind)
{
    switch (kind) {
    case NW_NAME_DHCP:
        return "dhcp";
    case NW_NAME_DNS_QUERY:
    case NW_NAME_DNS_ANSWER:
        return "dns";
    case NW_NAME_NBNS:
        return "nbns";
    case NW_NAME_LLMNR:
        return "llmnr";
    case NW_NAME_MDNS:
        return "mdns";
    case NW_NAME_DCP:
        return "dcp";
    case NW_NAME_HTTP_HOST:
        return "http";
    case NW_NAME_TLS_SNI:
        return "tls";
    default:
        return "other";
    }
}

static int kind_rank(uint8_t kind)
{
    return kind == K_MAC ? 0 : kind == K_IP4 ? 1 : 2;
}

static int asset_cmp(const void *x, const void *y)
{
    const struct asset *a = *(const struct asset *const *)x, *b = *(const struct asset *const *)y;
    if (a->kind != b->kind)
        return kind_rank(a->kind) - kind_rank(b->kind);
    return memcmp(a->key, b->key, 16);
}

static int ip_cmp(const void *x, const void *y)
{
    const struct asset_ip *a = x, *b = y;
    if (a->first_ns != b->first_ns)
        return a->first_ns < b->first_ns ? -1 : 1;
    if (a->family != b->family)
        return a->family - b->family;
    return memcmp(a->addr, b->addr, 16);
}

static int proto_cmp(const void *x, const void *y)
{
    const struct asset_proto *a = x, *b = y;
    if (a->proto != b->proto)
        return a->proto - b->proto;
    return a->port - b->port;
}

static int u16_cmp(const void *x, const void *y)
{
    return *(const uint16_t *)x - *(const uint16_t *)y;
}

static int l2_cmp(const void *x, const void *y)
{
    const struct asset_l2 *a = x, *b = y;
    return a->ethertype - b->ethertype;
}

/* An asset's lists in export order (a sorted copy; the live asset is left as it is). */
static void sorted_copy(const struct asset *a, struct asset *c)
{
    *c = *a;
    fold_last_ip(c);
    qsort(c->ips, c->n_ips, sizeof(c->ips[0]), ip_cmp);
    qsort(c->vlans, c->n_vlans, sizeof(c->vlans[0]), u16_cmp);
    qsort(c->served, c->n_served, sizeof(c->served[0]), proto_cmp);
    qsort(c->used, c->n_used, sizeof(c->used[0]), proto_cmp);
    qsort(c->l2, c->n_l2, sizeof(c->l2[0]), l2_cmp);
}

/* The assets sorted by key (MACs, then IPv4, then IPv6); caller frees. NULL when empty or out
 * of memory (*ok false then). */
static const struct asset **sorted_assets(const struct nw_assets *as, bool *ok)
{
    *ok = true;
    if (as->n == 0)
        return NULL;
    const struct asset **v = malloc(as->n * sizeof(*v));
    if (!v) {
        *ok = false;
        return NULL;
    }
    for (uint32_t i = 0; i < as->n; i++)
        v[i] = asset_at(as, i);
    qsort(v, as->n, sizeof(*v), asset_cmp);
    return v;
}

static bool is_archived(const struct nw_assets *as, const struct asset *a)
{
    return as->archive_days > 0 &&
           as->now_ns - a->last_ns > (int64_t)as->archive_days * 86400 * NS_PER_S;
}

static void fmt_time(int64_t ns, char out[21])
{
    time_t t = (time_t)(ns >= 0 ? ns / NS_PER_S : -((-ns + NS_PER_S - 1) / NS_PER_S));
    ag_time_iso(t, out);
}

static const char *status_of(const struct asset *a)
{
    return a->status[0] ? a->status : "observed";
}

/* The role names of a in order: "<app>-server", "<app>-client" by app. */
static size_t roles_of(const struct asset *a, char out[][48], size_t max)
{
    size_t n = 0;
    for (int app = 1; app < NW_APP_COUNT && app < 64; app++) {
        const char *name = nw_app_name((enum nw_app)app);
        if ((a->client_apps >> app & 1) && n < max)
            snprintf(out[n++], 48, "%s-client", name);
        if ((a->server_apps >> app & 1) && n < max)
            snprintf(out[n++], 48, "%s-server", name);
    }
    return n;
}

static json_t *protos_json(const struct asset_proto *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++) {
        char buf[4];
        json_t *o = json_object();
        json_object_set_new(
            o, "app", v[i].app ? json_string(nw_app_name((enum nw_app)v[i].app)) : json_null());
        json_object_set_new(o, "proto", json_string(proto_name(v[i].proto, buf)));
        json_object_set_new(o, "port", json_integer(v[i].port));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *asset_json(const struct nw_assets *as, const struct asset *live)
{
    struct asset a;
    sorted_copy(live, &a);
    char id[INET6_ADDRSTRLEN], t[21], mac[18];
    json_t *o = json_object();
    if (!o)
        return NULL;
    asset_ident(&a, id);
    json_object_set_new(o, "id", json_string(id));
    if (a.kind == K_MAC) {
        fmt_mac(a.key, mac);
        json_object_set_new(o, "mac", json_string(mac));
    } else {
        json_object_set_new(o, "mac", json_null());
    }
    json_object_set_new(o, "vendor", a.vendor ? json_string(a.vendor) : json_null());
    if (a.flags & AF_VIA) {
        fmt_mac(a.via, mac);
        json_object_set_new(o, "via", json_string(mac));
    } else {
        json_object_set_new(o, "via", json_null());
    }
    json_t *ips = json_array();
    for (int i = 0; i < a.n_ips; i++) {
        char ipb[INET6_ADDRSTRLEN];
        json_t *e = json_object();
        fmt_ip(a.ips[i].family, a.ips[i].addr, ipb);
        json_object_set_new(e, "ip", json_string(ipb));
        fmt_time(a.ips[i].first_ns, t);
        json_object_set_new(e, "first_seen", json_string(t));
        fmt_time(a.ips[i].last_ns, t);
        json_object_set_new(e, "last_seen", json_string(t));
        json_array_append_new(ips, e);
    }
    json_object_set_new(o, "ips", ips);
    json_t *names = json_array();
    for (int i = 0; i < a.n_names; i++)
        json_array_append_new(names, json_pack("{s:s, s:s}", "name", a.names[i].name, "source",
                                               name_source(a.names[i].kind)));
    json_object_set_new(o, "names", names);
    json_t *vlans = json_array();
    for (int i = 0; i < a.n_vlans; i++)
        json_array_append_new(vlans, json_integer(a.vlans[i]));
    json_object_set_new(o, "vlans", vlans);
    json_object_set_new(o, "protocols_served", protos_json(a.served, a.n_served));
    json_object_set_new(o, "protocols_used", protos_json(a.used, a.n_used));
    json_t *l2 = json_array();
    for (int i = 0; i < a.n_l2; i++) {
        char et[7];
        snprintf(et, sizeof(et), "0x%04x", a.l2[i].ethertype);
        json_array_append_new(l2, json_pack("{s:o, s:s}", "app",
                                            a.l2[i].app
                                                ? json_string(nw_app_name((enum nw_app)a.l2[i].app))
                                                : json_null(),
                                            "ethertype", et));
    }
    json_object_set_new(o, "l2_protocols", l2);
    char roles[2 * 64][48];
    size_t nr = roles_of(&a, roles, AG_ARRAY_LEN(roles));
    json_t *jr = json_array();
    for (size_t i = 0; i < nr; i++)
        json_array_append_new(jr, json_string(roles[i]));
    json_object_set_new(o, "roles", jr);
    fmt_time(a.first_ns, t);
    json_object_set_new(o, "first_seen", json_string(t));
    fmt_time(a.last_ns, t);
    json_object_set_new(o, "last_seen", json_string(t));
    json_object_set_new(o, "packets", json_integer((json_int_t)a.packets));
    json_object_set_new(o, "bytes", json_integer((json_int_t)a.bytes));
    json_object_set_new(o, "l2_only", json_boolean(!(a.flags & AF_SENT_IP) && a.n_ips == 0));
    json_object_set_new(o, "udp_only", json_boolean((a.flags & AF_UDP) && !(a.flags & AF_TCP)));
    json_object_set_new(o, "router", json_boolean(a.flags & AF_ROUTER));
    json_object_set_new(o, "status", json_string(status_of(&a)));
    json_object_set_new(o, "archived", json_boolean(is_archived(as, &a)));
    return o;
}

int nw_assets_to_json(const struct nw_assets *as, json_t **out)
{
    bool ok;
    const struct asset **v = sorted_assets(as, &ok);
    json_t *arr = ok ? json_array() : NULL;
    for (uint32_t i = 0; arr && v && i < as->n; i++) {
        json_t *o = asset_json(as, v[i]);
        if (!o || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            arr = NULL;
        }
    }
    free(v);
    *out = arr;
    return arr ? 0 : AG_ENOMEM;
}

static void csv_protos(struct strbuf *f, const struct asset_proto *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char buf[4];
        if (i)
            strbuf_addc(f, ';');
        if (v[i].app)
            strbuf_addf(f, "%s:", nw_app_name((enum nw_app)v[i].app));
        strbuf_addf(f, "%s/%u", proto_name(v[i].proto, buf), v[i].port);
    }
}

static void csv_field(struct strbuf *sb, struct strbuf *f, bool last)
{
    strbuf_add_csv_field(sb, strbuf_str(f));
    strbuf_addc(sb, last ? '\n' : ',');
    strbuf_reset(f);
}

void nw_assets_to_csv(const struct nw_assets *as, struct strbuf *sb)
{
    strbuf_adds(sb, "id,mac,vendor,via,ips,names,vlans,protocols_served,protocols_used,"
                    "l2_protocols,roles,first_seen,last_seen,packets,bytes,l2_only,udp_only,"
                    "router,status,archived\n");
    bool ok;
    const struct asset **v = sorted_assets(as, &ok);
    if (!ok) {
        sb->failed = true;
        return;
    }
    struct strbuf f;
    strbuf_init(&f, 1 << 20);
    for (uint32_t k = 0; v && k < as->n; k++) {
        struct asset a;
        sorted_copy(v[k], &a);
        char id[INET6_ADDRSTRLEN], mac[18], t[21];
        asset_ident(&a, id);
        strbuf_adds(&f, id);
        csv_field(sb, &f, false);
        if (a.kind == K_MAC) {
            fmt_mac(a.key, mac);
            strbuf_adds(&f, mac);
        }
        csv_field(sb, &f, false);
        strbuf_adds(&f, a.vendor ? a.vendor : "");
        csv_field(sb, &f, false);
        if (a.flags & AF_VIA) {
            fmt_mac(a.via, mac);
            strbuf_adds(&f, mac);
        }
        csv_field(sb, &f, false);
        for (int i = 0; i < a.n_ips; i++) {
            char ipb[INET6_ADDRSTRLEN];
            fmt_ip(a.ips[i].family, a.ips[i].addr, ipb);
            strbuf_addf(&f, "%s%s", i ? ";" : "", ipb);
        }
        csv_field(sb, &f, false);
        for (int i = 0; i < a.n_names; i++)
            strbuf_addf(&f, "%s%s (%s)", i ? ";" : "", a.names[i].name,
                        name_source(a.names[i].kind));
        csv_field(sb, &f, false);
        for (int i = 0; i < a.n_vlans; i++)
            strbuf_addf(&f, "%s%u", i ? ";" : "", a.vlans[i]);
        csv_field(sb, &f, false);
        csv_protos(&f, a.served, a.n_served);
        csv_field(sb, &f, false);
        csv_protos(&f, a.used, a.n_used);
        csv_field(sb, &f, false);
        for (int i = 0; i < a.n_l2; i++) {
            if (i)
                strbuf_addc(&f, ';');
            if (a.l2[i].app)
                strbuf_addf(&f, "%s:", nw_app_name((enum nw_app)a.l2[i].app));
            strbuf_addf(&f, "0x%04x", a.l2[i].ethertype);
        }
        csv_field(sb, &f, false);
        char roles[2 * 64][48];
        size_t nr = roles_of(&a, roles, AG_ARRAY_LEN(roles));
        for (size_t i = 0; i < nr; i++)
            strbuf_addf(&f, "%s%s", i ? ";" : "", roles[i]);
        csv_field(sb, &f, false);
        fmt_time(a.first_ns, t);
        strbuf_adds(&f, t);
        csv_field(sb, &f, false);
        fmt_time(a.last_ns, t);
        strbuf_adds(&f, t);
        csv_field(sb, &f, false);
        strbuf_addf(&f, "%llu", (unsigned long long)a.packets);
        csv_field(sb, &f, false);
        strbuf_addf(&f, "%llu", (unsigned long long)a.bytes);
        csv_field(sb, &f, false);
        strbuf_adds(&f, !(a.flags & AF_SENT_IP) && a.n_ips == 0 ? "true" : "false");
        csv_field(sb, &f, false);
        strbuf_adds(&f, (a.flags & AF_UDP) && !(a.flags & AF_TCP) ? "true" : "false");
        csv_field(sb, &f, false);
        strbuf_adds(&f, a.flags & AF_ROUTER ? "true" : "false");
        csv_field(sb, &f, false);
        strbuf_adds(&f, status_of(&a));
        csv_field(sb, &f, false);
        strbuf_adds(&f, is_archived(as, &a) ? "true" : "false");
        csv_field(sb, &f, true);
    }
    if (!strbuf_ok(&f))
        sb->failed = true;
    strbuf_release(&f);
    free(v);
}
