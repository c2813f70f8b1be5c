/*
 * gen_bhspcap.c — the netwatch benchmark's capture generator (issue 6): a classic pcap file
 * (Ethernet, µs or ns time stamps) of what a mirror port of an airport's baggage-handling (BHS),
 * flight-information (FIDS) and surveillance (CCTV) networks carries, and, with --attacks, a
 * ground-truth file naming each planted event.
 *
 * The network (docs/netwatch.md, "Benchmark"; the same for every seed's traffic, so a capture made
 * with --learn-only and one made with --attacks describe the same devices):
 *   BHS control, untagged, 10.10.0.0/16: 20 Siemens S7 PLCs (TCP 102: TPKT/COTP, S7 setup, read
 *     and write var jobs and ack_data), 10 Schneider Modbus/TCP PLCs (502: function 3 polls and
 *     function 16 writes), 10 Rockwell EtherNet/IP devices (TCP 44818 RegisterSession + SendRRData
 *     CIP Read Tag; UDP 2222 class-1 I/O between two scanners and eight adapters), three SCADA
 *     servers polling them at fixed cycles, four HMIs polling five S7 PLCs each, an engineering
 *     workstation (PROFINET DCP identify), Hirschmann switches (LLDP).
 *   CCTV, VLAN 20, 10.20.0.0/16: 60 Axis and Hikvision cameras streaming RTP (H.264 FU-A,
 *     ~1,200-byte packets on average) to two recorders, set up by RTSP (SETUP/PLAY, so dissectors
 *     follow the RTP ports) and kept alive by GET_PARAMETER.
 *   FIDS, VLAN 30, 10.30.0.0/16: 24 BrightSign displays fetching the flight list over HTTP from a
 *     FIDS server.
 *   Services behind the router (10.0.0.53 DNS, 10.0.0.123 NTP, 10.0.0.67 DHCP, renewals with host
 *     names): every host's DNS, NTP, DHCP and ARP, at absolute periods (seconds to minutes).
 * All addresses are IPv4 (IPv6 appears only as a planted event). MAC addresses use the vendors'
 * real IEEE OUIs. IPv4 header, TCP and small-UDP checksums are correct; RTP packets carry UDP
 * checksum 0 (legal for IPv4). Frames shorter than 60 bytes are padded as on the wire.
 *
 * Time: a discrete-event simulation (every poll pair, camera, display, service client and
 * planted event is an actor in a min-heap keyed by the time of its next frame; each step writes
 * one frame), so the file is in time order. The capture spans --hours (default 6 with --attacks
 * or --learn-only, so hourly baselines mean something) or N / --pps seconds (default 20,000
 * packets/s). The background services keep their real periods; the cyclic polls and the camera
 * streams are scaled so the capture holds exactly --packets frames over that span, with
 * --camera-share of them RTP. Deterministic: the same arguments give the same bytes.
 *
 * --attacks plants, between 15 % and 95 % of the span: a new device (DHCP, ARP, DNS, Modbus
 * reads), a conversation outside the normal set (an HMI writing registers of a Modbus PLC it never
 * polls), external communication (a camera's TLS session to 203.0.113.77; a display's DNS queries
 * to 8.8.8.8), IPv6 router advertisements on the FIDS VLAN (and the displays' duplicate address
 * detection), a SYN flood on an S7 PLC, a port scan of the PLC subnet, an ARP spoof (gratuitous
 * ARP taking over the SCADA master's address), an IP conflict (a laptop configured with a PLC's
 * address) and a PLC falling silent for an hour (its master keeps asking). --learn-only is the
 * same network without attacks, starting one day earlier (the baseline's day). The ground truth
 * (--truth, default FILE.truth.json) is one JSON object: {"events": [{id, type (the alert type
 * of issue 6 that should report it), event, also (alert types it may fairly cause as well),
 * first, last, packets, match (alternatives: each a list of strings — addresses, MACs — that an
 * alert of the type must all contain), detail}], …}. --off-plc keeps one S7 PLC (the tenth)
 * silent for the whole capture (event plc_off; with or without --attacks): a device of the
 * baseline that sends nothing after watching starts.
 *
 * Usage: gen_bhspcap -o FILE [--packets N] [--seed S] [--small] [--attacks | --learn-only]
 *                    [--off-plc] [--truth FILE] [--hours H | --pps R] [--camera-share F] [--nsec]
 *                    [--start YYYY-MM-DDTHH:MM:SS] (UTC)
 */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/banned.h"

#define NS 1000000000LL
#define MS 1000000LL
#define US 1000LL
#define MAXFRAME 1600

/* ---- randomness: splitmix64, one stream per purpose ---- */
static uint64_t rng_net, rng_traffic, rng_attack;
static uint64_t rnd64(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static double rndf(uint64_t *s)
{
    return (double)(rnd64(s) >> 11) / 9007199254740992.0;
}
static uint32_t rndu(uint64_t *s, uint32_t lo, uint32_t hi) /* [lo, hi] */
{
    return lo + (uint32_t)(rnd64(s) % ((uint64_t)hi - lo + 1));
}
static int64_t rnd_between(uint64_t *s, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rndf(s) * (double)(hi - lo));
}

/* ---- byte order ---- */
static void put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}
static void le16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static void le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* ---- output: pcap records written into a large buffer, flushed with fwrite ---- */
static struct {
    FILE *f;
    uint8_t *buf;
    size_t pos, cap;
    bool nsec;
    uint64_t frames, limit;
    int64_t last_t;
} out;
static int cur_event = -1; /* the planted event whose actor is running, or -1 */

static int flush_out(void)
{
    if (out.pos && fwrite(out.buf, 1, out.pos, out.f) != out.pos)
        return -1;
    out.pos = 0;
    return 0;
}
/* Where the next frame's bytes go (record header space left before it). */
static uint8_t *fr_begin(void)
{
    if (out.pos + 16 + MAXFRAME > out.cap && flush_out() != 0) {
        fprintf(stderr, "gen_bhspcap: writing the capture: %s\n", strerror(errno));
        exit(1);
    }
    return out.buf + out.pos + 16;
}
static void note_event(int64_t t);
/* Commits the frame of len bytes begun by fr_begin, stamped t (ns since the epoch). */
static void fr_end(int64_t t, uint32_t len)
{
    uint8_t *rec = out.buf + out.pos;
    if (len < 60) {
        memset(rec + 16 + len, 0, 60 - len);
        len = 60;
    }
    uint32_t sec = (uint32_t)(t / NS), frac = (uint32_t)(t % NS);
    le32(rec, sec);
    le32(rec + 4, out.nsec ? frac : frac / 1000);
    le32(rec + 8, len);
    le32(rec + 12, len);
    out.pos += 16 + len;
    out.frames++;
    out.last_t = t;
    if (cur_event >= 0)
        note_event(t);
}

/* ---- devices ---- */
enum dev_kind {
    D_ROUTER,
    D_REMOTE, /* a host behind the router: its frames carry the router's MAC */
    D_S7,
    D_MODBUS,
    D_ENIP,
    D_SCADA,
    D_HMI,
    D_EWS,
    D_SWITCH,
    D_CAMERA,
    D_NVR,
    D_DISPLAY,
    D_FIDS_SERVER,
    D_GUEST, /* devices of the planted events */
};
struct dev {
    uint8_t mac[6];
    uint32_t ip;
    uint16_t vlan;
    uint8_t kind;
    uint16_t ipid;
    int router; /* the router device on this device's VLAN */
    int64_t silent_from, silent_to;
    char name[24];
};
#define MAXDEV 256
static struct dev devs[MAXDEV];
static int ndev;
static int first_of[D_GUEST + 1], count_of[D_GUEST + 1];

#define IP4(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (d))
static const uint8_t BCAST[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
static const uint8_t ZERO6[6] = {0};

static uint64_t *dev_rng = &rng_net; /* the planted events' devices draw from rng_attack */
static int add_dev(uint8_t kind, const uint8_t oui[3], uint32_t ip, uint16_t vlan, const char *name)
{
    struct dev *d = &devs[ndev];
    memcpy(d->mac, oui, 3);
    uint64_t r = rnd64(dev_rng);
    d->mac[3] = (uint8_t)r, d->mac[4] = (uint8_t)(r >> 8), d->mac[5] = (uint8_t)(r >> 16);
    d->ip = ip;
    d->vlan = vlan;
    d->kind = kind;
    d->ipid = (uint16_t)(r >> 24);
    d->router = -1;
    d->silent_from = d->silent_to = 0;
    snprintf(d->name, sizeof d->name, "%s", name);
    if (count_of[kind]++ == 0)
        first_of[kind] = ndev;
    return ndev++;
}
static int kind_idx(int kind, int i)
{
    return first_of[kind] + i;
}
static bool silent(int d, int64_t t)
{
    return d >= 0 && t >= devs[d].silent_from && t < devs[d].silent_to;
}

static const uint8_t OUI_SIEMENS[3] = {0x00, 0x1b, 0x1b}, OUI_SIEMENS2[3] = {0x28, 0x63, 0x36},
                     OUI_ROCKWELL[3] = {0x00, 0x00, 0xbc}, OUI_ROCKWELL2[3] = {0x00, 0x1d, 0x9c},
                     OUI_SCHNEIDER[3] = {0x00, 0x80, 0xf4}, OUI_AXIS[3] = {0x00, 0x40, 0x8c},
                     OUI_HIKVISION[3] = {0x44, 0x19, 0xb6}, OUI_DELL[3] = {0x00, 0x14, 0x22},
                     OUI_HP[3] = {0x3c, 0xd9, 0x2b}, OUI_BRIGHTSIGN[3] = {0x90, 0xac, 0x3f},
                     OUI_CISCO[3] = {0x00, 0x1e, 0xbd}, OUI_HIRSCHMANN[3] = {0x00, 0x80, 0x63},
                     OUI_RPI[3] = {0xb8, 0x27, 0xeb}, OUI_WISTRON[3] = {0x54, 0xee, 0x75},
                     OUI_DELL2[3] = {0x8c, 0xec, 0x4b};

#define N_S7 20
#define N_MODBUS 10
#define N_ENIP 10
#define N_ENIP_SCANNERS 2
#define N_HMI 4
#define N_CAMERA 60
#define N_DISPLAY 24
#define N_SWITCH 3

static void build_network(void)
{
    char name[24];
    int r0 = add_dev(D_ROUTER, OUI_CISCO, IP4(10, 10, 0, 1), 0, "core-rtr");
    int r20 = add_dev(D_ROUTER, OUI_CISCO, IP4(10, 20, 0, 1), 20, "core-rtr");
    int r30 = add_dev(D_ROUTER, OUI_CISCO, IP4(10, 30, 0, 1), 30, "core-rtr");
    memcpy(devs[r20].mac, devs[r0].mac, 6); /* one router, a sub-interface per VLAN */
    memcpy(devs[r30].mac, devs[r0].mac, 6);
    add_dev(D_REMOTE, ZERO6, IP4(10, 0, 0, 53), 0, "dns");
    add_dev(D_REMOTE, ZERO6, IP4(10, 0, 0, 123), 0, "ntp");
    add_dev(D_REMOTE, ZERO6, IP4(10, 0, 0, 67), 0, "dhcp");
    for (int i = 0; i < N_S7; i++) {
        snprintf(name, sizeof name, "bhs-s7-%02d", i + 1);
        add_dev(D_S7, i % 3 == 2 ? OUI_SIEMENS2 : OUI_SIEMENS, IP4(10, 10, 1, 1 + i), 0, name);
    }
    for (int i = 0; i < N_MODBUS; i++) {
        snprintf(name, sizeof name, "bhs-m340-%02d", i + 1);
        add_dev(D_MODBUS, OUI_SCHNEIDER, IP4(10, 10, 1, 21 + i), 0, name);
    }
    for (int i = 0; i < N_ENIP; i++) {
        snprintf(name, sizeof name, "bhs-clx-%02d", i + 1);
        add_dev(D_ENIP, i < N_ENIP_SCANNERS ? OUI_ROCKWELL : OUI_ROCKWELL2, IP4(10, 10, 1, 31 + i),
                0, name);
    }
    for (int i = 0; i < 3; i++) {
        snprintf(name, sizeof name, "scada-%02d", i + 1);
        add_dev(D_SCADA, OUI_DELL, IP4(10, 10, 0, 10 + i), 0, name);
    }
    for (int i = 0; i < N_HMI; i++) {
        snprintf(name, sizeof name, "hmi-%02d", i + 1);
        add_dev(D_HMI, OUI_HP, IP4(10, 10, 0, 20 + i), 0, name);
    }
    add_dev(D_EWS, OUI_DELL, IP4(10, 10, 0, 30), 0, "eng-ws-01");
    for (int i = 0; i < N_SWITCH; i++) {
        snprintf(name, sizeof name, "%s-sw-%02d", i == 0 ? "bhs" : i == 1 ? "cctv" : "fids", i + 1);
        add_dev(D_SWITCH, OUI_HIRSCHMANN,
                IP4(10,
                    i == 0   ? 10
                    : i == 1 ? 20
                             : 30,
                    0, 2),
                (uint16_t)(i == 0   ? 0
                           : i == 1 ? 20
                                    : 30),
                name);
    }
    for (int i = 0; i < 2; i++) {
        snprintf(name, sizeof name, "nvr-%02d", i + 1);
        add_dev(D_NVR, OUI_DELL, IP4(10, 20, 0, 10 + i), 20, name);
    }
    for (int i = 0; i < N_CAMERA; i++) {
        snprintf(name, sizeof name, "cam-%s-%02d", i % 3 == 0 ? "hik" : "axis", i + 1);
        add_dev(D_CAMERA, i % 3 == 0 ? OUI_HIKVISION : OUI_AXIS, IP4(10, 20, 1 + i / 200, 1 + i),
                20, name);
    }
    add_dev(D_FIDS_SERVER, OUI_HP, IP4(10, 30, 0, 10), 30, "fids-srv");
    for (int i = 0; i < N_DISPLAY; i++) {
        snprintf(name, sizeof name, "fids-gate-%02d", i + 1);
        add_dev(D_DISPLAY, OUI_BRIGHTSIGN, IP4(10, 30, 1, 1 + i), 30, name);
    }
    for (int d = 0; d < ndev; d++)
        devs[d].router = devs[d].vlan == 20 ? r20 : devs[d].vlan == 30 ? r30 : r0;
}

/* ---- conversations: the two ends as seen on the mirrored VLAN ---- */
struct conv {
    uint8_t mac[2][6]; /* mac[0]: source MAC of a→b frames */
    uint16_t vlan;
    uint32_t ip[2];
    uint16_t port[2];
    uint8_t proto;
    uint32_t seq[2];
    int dev[2]; /* for silence and IP ids; -1 for none */
};

/* a (the initiator) and b; a frame from or to a host of another VLAN or behind the router
 * carries the router's MAC on a's VLAN (the capture sees a's side only). */
static void conv_init(struct conv *c, int a, int b, uint8_t proto, uint16_t sport, uint16_t dport,
                      uint64_t *rng)
{
    const struct dev *da = &devs[a], *db = &devs[b];
    bool a_local = da->kind != D_REMOTE, b_local = db->kind != D_REMOTE && db->vlan == da->vlan;
    int side = a_local ? a : b;
    memcpy(c->mac[0], a_local ? da->mac : devs[devs[side].router].mac, 6);
    memcpy(c->mac[1], b_local ? db->mac : devs[devs[side].router].mac, 6);
    c->vlan = devs[side].vlan;
    c->ip[0] = da->ip, c->ip[1] = db->ip;
    c->port[0] = sport, c->port[1] = dport;
    c->proto = proto;
    c->seq[0] = (uint32_t)rnd64(rng), c->seq[1] = (uint32_t)rnd64(rng);
    c->dev[0] = a, c->dev[1] = b;
}
static uint16_t ephemeral(uint64_t *rng)
{
    return (uint16_t)rndu(rng, 49152, 65535);
}

/* ---- frame building ---- */
static uint8_t *l2(uint8_t *p, const uint8_t dst[6], const uint8_t src[6], uint16_t vlan,
                   uint16_t ethertype)
{
    memcpy(p, dst, 6);
    memcpy(p + 6, src, 6);
    p += 12;
    if (vlan) {
        put16(p, 0x8100);
        put16(p + 2, vlan);
        p += 4;
    }
    put16(p, ethertype);
    return p + 2;
}
static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
    for (; n > 1; n -= 2, p += 2)
        sum += (uint32_t)p[0] << 8 | p[1];
    if (n)
        sum += (uint32_t)p[0] << 8;
    return sum;
}
static uint16_t csum_fold(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* Initial TTLs: Windows servers and HMIs 128, S7 PLCs 30, the rest 64. */
static uint8_t ttl_of(int d)
{
    if (d < 0)
        return 64;
    int k = devs[d].kind;
    return k == D_SCADA || k == D_HMI || k == D_EWS || k == D_NVR ? 128 : k == D_S7 ? 30 : 64;
}

/* The frame being built: its start, the IPv4 header, the L4 header. */
static uint8_t *f_start, *f_ip, *f_l4;
static const struct conv *f_conv;
static int f_dir;

/* Starts an IPv4 frame of c in direction dir (0: a→b); returns where the L4 header goes. */
static uint8_t *ip_open(const struct conv *c, int dir)
{
    uint8_t ttl = ttl_of(c->dev[dir]);
    f_start = fr_begin();
    f_conv = c;
    f_dir = dir;
    f_ip = l2(f_start, c->mac[1 - dir], c->mac[dir], c->vlan, 0x0800);
    uint8_t *p = f_ip;
    p[0] = 0x45;
    p[1] = 0;
    int d = c->dev[dir];
    uint16_t id = d >= 0 ? devs[d].ipid++ : 0;
    put16(p + 4, id);
    put16(p + 6, 0x4000); /* DF */
    p[8] = ttl;
    p[9] = c->proto;
    put32(p + 12, c->ip[dir]);
    put32(p + 16, c->ip[1 - dir]);
    f_l4 = p + 20;
    return f_l4;
}
/* Ends the frame at end: lengths, checksums; not written if the sender is silent at t. */
static bool ip_close(int64_t t, uint8_t *end, bool l4sum)
{
    if (silent(f_conv->dev[f_dir], t))
        return false;
    uint32_t l4len = (uint32_t)(end - f_l4);
    put16(f_ip + 2, 20 + l4len);
    put16(f_ip + 10, 0);
    put16(f_ip + 10, csum_fold(csum_add(0, f_ip, 20)));
    if (l4sum) {
        uint8_t *sp = f_conv->proto == 6 ? f_l4 + 16 : f_l4 + 6;
        put16(sp, 0);
        uint32_t s = csum_add(0, f_ip + 12, 8) + f_conv->proto + l4len;
        uint16_t v = csum_fold(csum_add(s, f_l4, l4len));
        put16(sp, f_conv->proto == 17 && v == 0 ? 0xffff : v);
    }
    fr_end(t, (uint32_t)(end - f_start));
    return true;
}

enum { FIN = 1, SYN = 2, RST = 4, PSH = 8, ACK = 16 };
/* A TCP segment of c; returns where the payload goes. */
static uint8_t *tcp_open(struct conv *c, int dir, uint8_t flags)
{
    uint8_t *p = ip_open(c, dir);
    put16(p, c->port[dir]);
    put16(p + 2, c->port[1 - dir]);
    put32(p + 4, c->seq[dir]);
    put32(p + 8, flags & ACK ? c->seq[1 - dir] : 0);
    int hl = flags & SYN ? 24 : 20;
    p[12] = (uint8_t)(hl / 4 << 4);
    p[13] = flags;
    put16(p + 14, flags & SYN ? 64240 : 8192);
    put16(p + 16, 0);
    put16(p + 18, 0);
    if (flags & SYN) { /* MSS 1460 */
        p[20] = 2, p[21] = 4;
        put16(p + 22, 1460);
    }
    return p + hl;
}
static bool tcp_close(int64_t t, struct conv *c, int dir, uint8_t *end)
{
    uint8_t *tcp = f_l4;
    uint32_t plen = (uint32_t)(end - tcp) - (uint32_t)(tcp[12] >> 4) * 4;
    if (!ip_close(t, end, true))
        return false;
    c->seq[dir] += plen + ((tcp[13] & (SYN | FIN)) ? 1 : 0);
    return true;
}
static bool tcp_flags(int64_t t, struct conv *c, int dir, uint8_t flags)
{
    return tcp_close(t, c, dir, tcp_open(c, dir, flags));
}
static uint8_t *udp_open(const struct conv *c, int dir)
{
    uint8_t *p = ip_open(c, dir);
    put16(p, c->port[dir]);
    put16(p + 2, c->port[1 - dir]);
    put16(p + 6, 0);
    return p + 8;
}
static bool udp_close(int64_t t, uint8_t *end)
{
    put16(f_l4 + 4, (uint32_t)(end - f_l4));
    return ip_close(t, end, end - f_l4 <= 600);
}

/* ---- application payloads ---- */
static uint8_t *put_bytes(uint8_t *p, const void *s, size_t n)
{
    if (n) /* s may be NULL then (an empty LLDP TLV) */
        memcpy(p, s, n);
    return p + n;
}
static uint8_t *fill(uint8_t *p, size_t n, uint64_t *rng)
{
    for (size_t i = 0; i < n; i += 8) {
        uint64_t r = rnd64(rng);
        memcpy(p + i, &r, n - i < 8 ? n - i : 8);
    }
    return p + n;
}
/* Bytes that look like compressed video: a block drawn once, read from varying offsets. */
static uint8_t noise[1 << 16];

/* S7comm over ISO-on-TCP: TPKT + COTP data header, returns where the S7 PDU goes. */
static uint8_t *tpkt_dt(uint8_t *p)
{
    p[0] = 3, p[1] = 0, p[4] = 2, p[5] = 0xf0, p[6] = 0x80;
    return p + 7;
}
static void tpkt_len(uint8_t *tp, uint8_t *end)
{
    put16(tp + 2, (uint32_t)(end - tp));
}
static uint8_t *s7_header(uint8_t *p, uint8_t rosctr, uint16_t pduref, uint16_t plen, uint16_t dlen)
{
    p[0] = 0x32, p[1] = rosctr, p[2] = 0, p[3] = 0;
    put16(p + 4, pduref);
    put16(p + 6, plen);
    put16(p + 8, dlen);
    if (rosctr == 3) {
        p[10] = 0, p[11] = 0;
        return p + 12;
    }
    return p + 10;
}
static uint8_t *s7_item(uint8_t *p, uint16_t nbytes, uint16_t db, uint32_t byteaddr)
{
    static const uint8_t h[] = {0x12, 0x0a, 0x10, 0x02};
    p = put_bytes(p, h, 4);
    put16(p, nbytes);
    put16(p + 2, db);
    p[4] = 0x84; /* data blocks */
    uint32_t bit = byteaddr * 8;
    p[5] = (uint8_t)(bit >> 16), p[6] = (uint8_t)(bit >> 8), p[7] = (uint8_t)bit;
    return p + 8;
}

/* EtherNet/IP encapsulation header (little-endian). */
static uint8_t *enip_header(uint8_t *p, uint16_t cmd, uint16_t len, uint32_t session, uint64_t ctx)
{
    le16(p, cmd);
    le16(p + 2, len);
    le32(p + 4, session);
    le32(p + 8, 0);
    memcpy(p + 12, &ctx, 8);
    le32(p + 20, 0);
    return p + 24;
}

static uint8_t *dns_name(uint8_t *p, const char *name)
{
    while (*name) {
        const char *dot = strchr(name, '.');
        size_t n = dot ? (size_t)(dot - name) : strlen(name);
        *p++ = (uint8_t)n;
        p = put_bytes(p, name, n);
        name += n + (dot ? 1 : 0);
    }
    *p++ = 0;
    return p;
}
/* A DNS query (response: with one A record) for name. */
static uint8_t *dns_msg(uint8_t *p, uint16_t id, bool response, const char *name, uint32_t addr)
{
    put16(p, id);
    put16(p + 2, response ? 0x8180 : 0x0100);
    put16(p + 4, 1);
    put16(p + 6, response ? 1 : 0);
    put16(p + 8, 0);
    put16(p + 10, 0);
    p = dns_name(p + 12, name);
    put16(p, 1), put16(p + 2, 1);
    p += 4;
    if (response) {
        put16(p, 0xc00c), put16(p + 2, 1), put16(p + 4, 1);
        put32(p + 6, 300);
        put16(p + 10, 4);
        put32(p + 12, addr);
        p += 16;
    }
    return p;
}
static uint8_t *ntp_msg(uint8_t *p, bool server, int64_t t)
{
    memset(p, 0, 48);
    p[0] = server ? 0x24 : 0x23;
    p[1] = server ? 2 : 0;
    p[2] = 6;
    p[3] = 0xe9; /* precision 2^-23 s */
    uint64_t secs = (uint64_t)(t / NS) + 2208988800ULL;
    put32(p + 40, (uint32_t)secs);
    put32(p + 44, (uint32_t)(((uint64_t)(t % NS) << 32) / NS));
    if (server) {
        memcpy(p + 24, p + 40, 8);
        memcpy(p + 32, p + 40, 8);
        put32(p + 12, IP4(10, 0, 0, 1));
    }
    return p + 48;
}
enum { DHCP_DISCOVER = 1, DHCP_OFFER, DHCP_REQUEST, DHCP_DECLINE, DHCP_ACK };
/* A BOOTP/DHCP message; client: ciaddr set for a renewal; host name in option 12. */
static uint8_t *dhcp_msg(uint8_t *p, int type, uint32_t xid, const uint8_t mac[6], uint32_t ciaddr,
                         uint32_t yiaddr, uint32_t giaddr, const char *host)
{
    bool reply = type == DHCP_OFFER || type == DHCP_ACK;
    memset(p, 0, 240);
    p[0] = reply ? 2 : 1, p[1] = 1, p[2] = 6;
    put32(p + 4, xid);
    put32(p + 12, ciaddr);
    put32(p + 16, reply ? yiaddr : 0);
    put32(p + 24, giaddr);
    memcpy(p + 28, mac, 6);
    put32(p + 236, 0x63825363);
    p += 240;
    *p++ = 53, *p++ = 1, *p++ = (uint8_t)type;
    if (reply) {
        *p++ = 54, *p++ = 4;
        put32(p, IP4(10, 0, 0, 67)), p += 4;
        *p++ = 51, *p++ = 4;
        put32(p, 3600), p += 4;
        *p++ = 1, *p++ = 4;
        put32(p, 0xffff0000), p += 4;
        *p++ = 3, *p++ = 4;
        put32(p, (yiaddr & 0xffff0000) | 1), p += 4;
        *p++ = 6, *p++ = 4;
        put32(p, IP4(10, 0, 0, 53)), p += 4;
    } else {
        if (type != DHCP_DISCOVER && !ciaddr) {
            *p++ = 50, *p++ = 4;
            put32(p, yiaddr), p += 4;
        }
        size_t n = strlen(host);
        *p++ = 12, *p++ = (uint8_t)n;
        p = put_bytes(p, host, n);
        static const uint8_t prl[] = {55, 4, 1, 3, 6, 42};
        p = put_bytes(p, prl, sizeof prl);
    }
    *p++ = 255;
    return p;
}
/* An ARP frame; returns its end. */
static uint8_t *arp_frame(uint8_t *f, uint16_t vlan, const uint8_t *edst, const uint8_t *esrc,
                          int op, const uint8_t *sha, uint32_t spa, const uint8_t *tha,
                          uint32_t tpa)
{
    uint8_t *p = l2(f, edst, esrc, vlan, 0x0806);
    put16(p, 1), put16(p + 2, 0x0800);
    p[4] = 6, p[5] = 4;
    put16(p + 6, (uint32_t)op);
    memcpy(p + 8, sha, 6);
    put32(p + 14, spa);
    memcpy(p + 18, tha, 6);
    put32(p + 24, tpa);
    return p + 28;
}
static void arp_emit(int64_t t, int sender, uint16_t vlan, const uint8_t *edst, int op,
                     const uint8_t *sha, uint32_t spa, const uint8_t *tha, uint32_t tpa)
{
    if (silent(sender, t))
        return;
    uint8_t *f = fr_begin();
    uint8_t *e = arp_frame(f, vlan, edst, sha, op, sha, spa, tha, tpa);
    fr_end(t, (uint32_t)(e - f));
}

/* ---- actors ---- */
enum act_kind {
    K_S7,
    K_MODBUS,
    K_ENIP,
    K_ENIP_IO,
    K_CAMERA,
    K_RTSP_KEEPALIVE,
    K_HTTP,
    K_DNS,
    K_NTP,
    K_ARP,
    K_DHCP,
    K_LLDP,
    K_DCP,
    /* planted events */
    K_NEW_DEVICE,
    K_NEW_CONVERSATION,
    K_EXTERNAL_TLS,
    K_EXTERNAL_DNS,
    K_IPV6_RA,
    K_SYN_FLOOD,
    K_PORT_SCAN,
    K_ARP_SPOOF,
    K_IP_CONFLICT,
};
struct actor {
    int64_t next;
    uint32_t id;
    uint16_t kind, phase;
    int a, b;          /* devices (a: the initiator) */
    struct conv c, c2; /* the conversation; a second one (RTP, a scan's current target) */
    int64_t period;    /* ns between cycles (scaled for the polls and cameras) */
    int64_t cyc;       /* when the current cycle began */
    int64_t until;     /* planted: when the event stops */
    uint32_t n, k, m;  /* counters */
    uint32_t p1, p2, p3;
    uint64_t *rng;
    int event; /* planted event index or -1 */
    struct actor *peer;
};
#define MAXACT 1024
static struct actor actors[MAXACT];
static int nact;
static struct actor *heap[MAXACT];
static int nheap;

static bool before(const struct actor *x, const struct actor *y)
{
    return x->next < y->next || (x->next == y->next && x->id < y->id);
}
static void heap_down(int i)
{
    struct actor *x = heap[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= nheap)
            break;
        if (c + 1 < nheap && before(heap[c + 1], heap[c]))
            c++;
        if (!before(heap[c], x))
            break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = x;
}
static void heap_push(struct actor *x)
{
    int i = nheap++;
    while (i > 0 && before(x, heap[(i - 1) / 2])) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = x;
}
static struct actor *new_actor(int kind, int a, int b, int64_t first, int64_t period, uint64_t *rng)
{
    if (nact >= MAXACT) {
        fprintf(stderr, "gen_bhspcap: too many actors\n");
        exit(1);
    }
    struct actor *x = &actors[nact];
    memset(x, 0, sizeof *x);
    x->id = (uint32_t)nact++;
    x->kind = (uint16_t)kind;
    x->a = a, x->b = b;
    x->next = first;
    x->period = period;
    x->rng = rng;
    x->event = -1;
    heap_push(x);
    return x;
}

static int64_t t_start, t_span;
static double poll_scale = 1.0, fixed_scale = 1.0;

/* A jittered period (±0.2 % for cyclic polls, ±10 % for the background). */
static int64_t cyclic(struct actor *x)
{
    return x->period + (int64_t)((rndf(x->rng) - 0.5) * 0.004 * (double)x->period);
}
static int64_t loose(struct actor *x)
{
    return x->period + (int64_t)((rndf(x->rng) - 0.5) * 0.2 * (double)x->period);
}
/* The responder's delay: 0.3–3 ms, at most a quarter of the cycle. */
static int64_t reply_delay(struct actor *x)
{
    int64_t hi = 3 * MS, lo = 300 * US;
    if (x->period && hi > x->period / 4)
        hi = x->period / 4;
    if (lo > hi)
        lo = hi / 2;
    return rnd_between(x->rng, lo, hi) + 1;
}
static int64_t small_gap(struct actor *x)
{
    return rnd_between(x->rng, 50 * US, 400 * US) + 1;
}
/* A three-way handshake in phases 0–2 (advances the phase); returns the delay to the next. */
static int64_t handshake(struct actor *x, int64_t t)
{
    int ph = x->phase++;
    tcp_flags(t, &x->c, ph == 1, ph == 0 ? SYN : ph == 1 ? SYN | ACK : ACK);
    return ph == 0 ? reply_delay(x) : small_gap(x);
}

/* S7: phases 0–2 handshake, 3/4 COTP CR/CC, 5/6 setup communication, 10/11 job/ack_data. */
static int64_t act_s7(struct actor *x, int64_t t)
{
    uint8_t *p, *tp;
    struct conv *c = &x->c;
    switch (x->phase) {
    case 0:
    case 1:
    case 2:
        return handshake(x, t);
    case 3:
    case 4: {
        int dir = x->phase == 4;
        tp = p = tcp_open(c, dir, PSH | ACK);
        p[0] = 3, p[1] = 0;
        p[4] = 17, p[5] = dir ? 0xd0 : 0xe0;
        put16(p + 6, dir ? 0x0001 : 0), put16(p + 8, dir ? 0x0002 : 0x0001);
        p[10] = 0;
        static const uint8_t prm[] = {0xc0, 0x01, 0x0a, 0xc1, 0x02, 0x01,
                                      0x00, 0xc2, 0x02, 0x01, 0x02};
        p = put_bytes(p + 11, prm, sizeof prm);
        tpkt_len(tp, p);
        tcp_close(t, c, dir, p);
        x->phase++;
        return dir ? small_gap(x) : reply_delay(x);
    }
    case 5:
    case 6: {
        int dir = x->phase == 6;
        tp = tcp_open(c, dir, PSH | ACK);
        p = s7_header(tpkt_dt(tp), dir ? 3 : 1, (uint16_t)x->n, 8, 0);
        static const uint8_t job[] = {0xf0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x01, 0xe0};
        static const uint8_t ack[] = {0xf0, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0xf0};
        p = put_bytes(p, dir ? ack : job, 8);
        tpkt_len(tp, p);
        tcp_close(t, c, dir, p);
        x->phase++;
        if (!dir)
            return reply_delay(x);
        x->phase = 10;
        return small_gap(x);
    }
    case 10: { /* a read var job (every 16th cycle a write var) */
        x->cyc = t;
        x->n++;
        bool write = (x->n & 15) == 0;
        uint16_t nbytes = (uint16_t)(write ? 4 : x->p2);
        tp = tcp_open(c, 0, PSH | ACK);
        p = s7_header(tpkt_dt(tp), 1, (uint16_t)x->n, 14, (uint16_t)(write ? 4 + nbytes : 0));
        *p++ = write ? 0x05 : 0x04;
        *p++ = 1;
        p = s7_item(p, nbytes, (uint16_t)x->p1, write ? 200 + (x->n >> 4) % 8 * 4 : x->p3);
        if (write) {
            *p++ = 0, *p++ = 4;
            put16(p, nbytes * 8u);
            p = fill(p + 2, nbytes, x->rng);
        }
        tpkt_len(tp, p);
        tcp_close(t, c, 0, p);
        x->phase = 11;
        return reply_delay(x);
    }
    case 11: {
        bool write = (x->n & 15) == 0;
        uint16_t nbytes = (uint16_t)x->p2;
        tp = tcp_open(c, 1, PSH | ACK);
        p = s7_header(tpkt_dt(tp), 3, (uint16_t)x->n, 2, (uint16_t)(write ? 1 : 4 + nbytes));
        *p++ = write ? 0x05 : 0x04;
        *p++ = 1;
        if (write)
            *p++ = 0xff;
        else {
            *p++ = 0xff, *p++ = 0x04;
            put16(p, nbytes * 8u);
            p += 2;
            /* process values: mostly steady, a few changing bytes */
            memcpy(p, noise + (x->p1 * 64 % 60000), nbytes);
            p[0] = (uint8_t)x->n;
            p[1] = (uint8_t)(x->n >> 3);
            p += nbytes;
        }
        tpkt_len(tp, p);
        tcp_close(t, c, 1, p);
        if (rndf(x->rng) < 0.05) { /* the master's delayed ACK */
            x->phase = 12;
            return reply_delay(x);
        }
        x->phase = 10;
        return x->cyc + cyclic(x) - t;
    }
    default: /* 12 */
        tcp_flags(t, c, 0, ACK);
        x->phase = 10;
        return x->cyc + cyclic(x) - t > 0 ? x->cyc + cyclic(x) - t : 1;
    }
}

/* Modbus/TCP: handshake, then function 3 polls (every 10th cycle a function 16 write). */
static int64_t act_modbus(struct actor *x, int64_t t)
{
    struct conv *c = &x->c;
    uint8_t *p, *m;
    if (x->phase < 3) {
        int64_t d = handshake(x, t);
        if (x->phase == 3)
            x->phase = 10;
        return d;
    }
    bool write = x->n % 10 == 9;
    uint16_t qty = (uint16_t)(write ? x->p3 : x->p2);
    if (x->phase == 10) {
        x->cyc = t;
        m = p = tcp_open(c, 0, PSH | ACK);
        put16(p, (uint16_t)x->n);
        put16(p + 2, 0);
        p[6] = (uint8_t)x->p1;
        p[7] = write ? 16 : 3;
        put16(p + 8, write ? 2000 + x->p3 * 4 : 100 + x->p1 * 50);
        put16(p + 10, qty);
        p += 12;
        if (write) {
            *p++ = (uint8_t)(qty * 2);
            p = fill(p, qty * 2u, x->rng);
        }
        put16(m + 4, (uint32_t)(p - m - 6));
        tcp_close(t, c, 0, p);
        x->phase = 11;
        return reply_delay(x);
    }
    m = p = tcp_open(c, 1, PSH | ACK);
    put16(p, (uint16_t)x->n);
    put16(p + 2, 0);
    p[6] = (uint8_t)x->p1;
    p[7] = write ? 16 : 3;
    if (write) {
        put16(p + 8, 2000 + x->p3 * 4);
        put16(p + 10, qty);
        p += 12;
    } else {
        p[8] = (uint8_t)(qty * 2);
        p += 9;
        memcpy(p, noise + x->p1 * 97 % 60000, qty * 2u);
        put16(p, x->n & 0x7fff);
        p += qty * 2;
    }
    put16(m + 4, (uint32_t)(p - m - 6));
    tcp_close(t, c, 1, p);
    x->n++;
    x->phase = 10;
    return x->cyc + cyclic(x) - t;
}

/* EtherNet/IP explicit messaging: handshake, RegisterSession, then SendRRData Read Tag. */
static int64_t act_enip(struct actor *x, int64_t t)
{
    struct conv *c = &x->c;
    uint8_t *p, *cpf;
    static const char *tags[] = {"Conveyor_Speed", "Diverter_Pos", "Jam_Detect",
                                 "Motor_Current",  "Bag_Count",    "EDS_Status"};
    if (x->phase < 3) {
        return handshake(x, t);
    }
    if (x->phase == 3 || x->phase == 4) {
        int dir = x->phase == 4;
        p = tcp_open(c, dir, PSH | ACK);
        p = enip_header(p, 0x65, 4, dir ? x->p2 : 0, 0);
        le16(p, 1), le16(p + 2, 0);
        tcp_close(t, c, dir, p + 4);
        x->phase = dir ? 10 : 4;
        return dir ? small_gap(x) : reply_delay(x);
    }
    const char *tag = tags[(x->p1 + x->n) % 6];
    size_t tl = strlen(tag);
    int dir = x->phase == 11;
    if (!dir)
        x->cyc = t;
    uint8_t *h = p = tcp_open(c, dir, PSH | ACK);
    p += 24;
    le32(p, 0), le16(p + 4, dir ? 0 : 10), le16(p + 6, 2);
    le16(p + 8, 0), le16(p + 10, 0); /* null address item */
    le16(p + 12, 0xb2);
    cpf = p + 14;
    p = cpf + 2;
    if (!dir) {
        p[0] = 0x4c;
        p[1] = (uint8_t)((2 + tl + (tl & 1)) / 2);
        p[2] = 0x91, p[3] = (uint8_t)tl;
        p = put_bytes(p + 4, tag, tl);
        if (tl & 1)
            *p++ = 0;
        le16(p, 1), p += 2;
    } else {
        p[0] = 0xcc, p[1] = 0, p[2] = 0, p[3] = 0;
        le16(p + 4, 0xc4);
        le32(p + 6, x->n * 7 + x->p1);
        p += 10;
    }
    le16(cpf, (uint32_t)(p - cpf - 2));
    enip_header(h, 0x6f, (uint16_t)(p - h - 24), x->p2, (uint64_t)x->n);
    tcp_close(t, c, dir, p);
    if (!dir) {
        x->phase = 11;
        return reply_delay(x);
    }
    x->n++;
    x->phase = 10;
    return x->cyc + cyclic(x) - t;
}

/* Class-1 I/O on UDP 2222: scanner→adapter (O→T, with the run/idle header), then T→O. */
static int64_t act_enip_io(struct actor *x, int64_t t)
{
    int dir = x->phase;
    if (!dir)
        x->cyc = t;
    uint8_t *p = udp_open(&x->c, dir);
    le16(p, 2);
    le16(p + 2, 0x8002), le16(p + 4, 8);
    le32(p + 6, dir ? x->p2 : x->p1);
    le32(p + 10, x->n);
    le16(p + 14, 0x00b1);
    uint8_t *len = p + 16;
    p += 18;
    le16(p, x->n & 0xffff), p += 2;
    if (!dir)
        le32(p, 1), p += 4;
    size_t n = dir ? x->p3 : 8;
    memcpy(p, noise + (x->p1 & 0x3fff), n);
    p[0] = (uint8_t)x->n;
    p += n;
    le16(len, (uint32_t)(p - len - 2));
    udp_close(t, p);
    if (!dir) {
        x->phase = 1; /* the adapter's T→O packet within the first third of the RPI */
        int64_t hi = x->period / 3 + 1, lo = hi / 3 < 100 * US ? hi / 3 : 100 * US;
        return rnd_between(x->rng, lo, hi) + 1;
    }
    x->n++;
    x->phase = 0;
    int64_t d = x->cyc + cyclic(x) - t;
    return d > 0 ? d : 1;
}

/* Cameras: RTSP SETUP/PLAY (recorder → camera), then RTP from the camera. */
static int64_t act_camera(struct actor *x, int64_t t)
{
    struct conv *c = &x->c;
    uint8_t *p;
    char buf[512];
    const struct dev *cam = &devs[x->b];
    if (x->phase < 3) {
        return handshake(x, t);
    }
    if (x->phase < 7) {
        int dir = (x->phase & 1) == 0; /* 3, 5: requests; 4, 6: replies */
        bool setup = x->phase < 5;
        int n;
        if (!dir && setup)
            n = snprintf(buf, sizeof buf,
                         "SETUP rtsp://%u.%u.%u.%u/axis-media/media.amp/trackID=1 RTSP/1.0\r\n"
                         "CSeq: %u\r\nUser-Agent: Milestone XProtect\r\n"
                         "Transport: RTP/AVP;unicast;client_port=%u-%u\r\n\r\n",
                         cam->ip >> 24, cam->ip >> 16 & 255, cam->ip >> 8 & 255, cam->ip & 255,
                         x->k + 1, x->c2.port[1], x->c2.port[1] + 1);
        else if (dir && setup)
            n = snprintf(buf, sizeof buf,
                         "RTSP/1.0 200 OK\r\nCSeq: %u\r\nSession: %08X;timeout=60\r\n"
                         "Transport: RTP/AVP;unicast;client_port=%u-%u;server_port=%u-%u;ssrc=%08X;"
                         "mode=\"PLAY\"\r\n\r\n",
                         x->k + 1, x->p1, x->c2.port[1], x->c2.port[1] + 1, x->c2.port[0],
                         x->c2.port[0] + 1, x->p2);
        else if (!dir)
            n = snprintf(buf, sizeof buf,
                         "PLAY rtsp://%u.%u.%u.%u/axis-media/media.amp RTSP/1.0\r\nCSeq: %u\r\n"
                         "Session: %08X\r\nRange: npt=0.000-\r\n\r\n",
                         cam->ip >> 24, cam->ip >> 16 & 255, cam->ip >> 8 & 255, cam->ip & 255,
                         x->k + 1, x->p1);
        else
            n = snprintf(buf, sizeof buf,
                         "RTSP/1.0 200 OK\r\nCSeq: %u\r\nSession: %08X\r\n"
                         "RTP-Info: url=trackID=1;seq=%u;rtptime=%u\r\n\r\n",
                         x->k + 1, x->p1, x->n & 0xffff, x->m);
        p = tcp_open(c, dir, PSH | ACK);
        p = put_bytes(p, buf, (size_t)n);
        tcp_close(t, c, dir, p);
        if (dir)
            x->k++;
        x->phase++;
        return dir ? small_gap(x) : reply_delay(x);
    }
    /* RTP, H.264 in FU-A fragments: p3 packets per video frame, the last one shorter */
    uint32_t frag = x->n % x->p3;
    bool last = frag == x->p3 - 1;
    p = udp_open(&x->c2, 0);
    p[0] = 0x80;
    p[1] = (uint8_t)(96 | (last ? 0x80 : 0));
    put16(p + 2, x->n & 0xffff);
    put32(p + 4, x->m);
    put32(p + 8, x->p2);
    p[12] = 0x7c;                                                      /* FU indicator */
    p[13] = (uint8_t)((frag == 0 ? 0x80 : 0) | (last ? 0x40 : 0) | 1); /* FU header */
    size_t len = last ? 200 + rnd64(x->rng) % 1000 : 1386;
    memcpy(p + 14, noise + (rnd64(x->rng) & 0x7fff), len);
    udp_close(t, p + 14 + len);
    x->n++;
    if (last)
        x->m += 3000; /* 90 kHz clock, 30 frames/s */
    return cyclic(x);
}
/* GET_PARAMETER keep-alives on a camera's RTSP session (absolute period). */
static int64_t act_rtsp_ka(struct actor *x, int64_t t)
{
    struct actor *cam = x->peer;
    if (cam->phase < 7)
        return x->period;
    char buf[256];
    int dir = x->phase, n;
    const struct dev *d = &devs[cam->b];
    if (!dir)
        n = snprintf(
            buf, sizeof buf,
            "GET_PARAMETER rtsp://%u.%u.%u.%u/axis-media/media.amp RTSP/1.0\r\nCSeq: %u\r\n"
            "Session: %08X\r\n\r\n",
            d->ip >> 24, d->ip >> 16 & 255, d->ip >> 8 & 255, d->ip & 255, cam->k + 1, cam->p1);
    else
        n = snprintf(buf, sizeof buf, "RTSP/1.0 200 OK\r\nCSeq: %u\r\nSession: %08X\r\n\r\n",
                     cam->k + 1, cam->p1);
    uint8_t *p = tcp_open(&cam->c, dir, PSH | ACK);
    tcp_close(t, &cam->c, dir, put_bytes(p, buf, (size_t)n));
    if (!dir) {
        x->phase = 1;
        return reply_delay(x);
    }
    cam->k++;
    x->phase = 0;
    return loose(x);
}

/* A display's HTTP fetch of the flight list: a new connection each time. */
static int64_t act_http(struct actor *x, int64_t t)
{
    struct conv *c = &x->c;
    uint8_t *p;
    char buf[512];
    int n;
    switch (x->phase) {
    case 0:
        conv_init(c, x->a, x->b, 6, ephemeral(x->rng), 80, x->rng);
        x->cyc = t;
        x->phase = 1;
        tcp_flags(t, c, 0, SYN);
        return reply_delay(x);
    case 1:
    case 2:
        tcp_flags(t, c, x->phase == 1, x->phase == 1 ? SYN | ACK : ACK);
        x->phase++;
        return small_gap(x);
    case 3:
        n = snprintf(
            buf, sizeof buf,
            "GET /api/v2/flights?gate=%u&lang=ja,en HTTP/1.1\r\nHost: fids.airport.local\r\n"
            "User-Agent: BrightSign/8.5.47 (XT1144)\r\nAccept: application/json\r\n"
            "Connection: close\r\n\r\n",
            x->p1);
        p = tcp_open(c, 0, PSH | ACK);
        tcp_close(t, c, 0, put_bytes(p, buf, (size_t)n));
        x->phase = 4;
        return reply_delay(x);
    case 4: { /* the body: the rest of this segment, one full segment, p2 bytes */
        static const char hfmt[] =
            "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: application/json; "
            "charset=utf-8\r\nContent-Length: %u\r\nConnection: close\r\n\r\n";
        n = snprintf(buf, sizeof buf, hfmt, 1000u); /* the length has 4 digits either way */
        n = snprintf(buf, sizeof buf, hfmt, 2 * 1448 + x->p2 - (unsigned)n);
        p = tcp_open(c, 1, ACK);
        p = put_bytes(p, buf, (size_t)n);
        memcpy(p, noise + x->p1 * 131, 1448 - (size_t)n);
        tcp_close(t, c, 1, p + 1448 - n);
        x->phase = 5;
        return small_gap(x);
    }
    case 5:
        p = tcp_open(c, 1, ACK);
        memcpy(p, noise + 4096 + x->p1 * 17, 1448);
        tcp_close(t, c, 1, p + 1448);
        x->phase = 6;
        return small_gap(x);
    case 6:
        p = tcp_open(c, 1, PSH | ACK);
        memcpy(p, noise + 9000, x->p2);
        tcp_close(t, c, 1, p + x->p2);
        x->phase = 7;
        return small_gap(x);
    case 7:
        tcp_flags(t, c, 0, ACK);
        x->phase = 8;
        return small_gap(x);
    case 8:
        tcp_flags(t, c, 1, FIN | ACK);
        x->phase = 9;
        return small_gap(x);
    case 9:
        tcp_flags(t, c, 0, FIN | ACK);
        x->phase = 10;
        return small_gap(x);
    default:
        tcp_flags(t, c, 1, ACK);
        x->phase = 0;
        return x->cyc + loose(x) - t;
    }
}

static const char *dns_name_for(const struct dev *d)
{
    switch (d->kind) {
    case D_DISPLAY:
        return "fids.airport.local";
    case D_CAMERA:
        return "ntp.airport.local";
    case D_NVR:
        return "vms-mgmt.cctv.airport.local";
    case D_HMI:
    case D_SCADA:
        return "historian.bhs.airport.local";
    default:
        return "wsus.airport.local";
    }
}
/* A host's query to the internal resolver and its answer. */
static int64_t act_dns(struct actor *x, int64_t t)
{
    const char *name = dns_name_for(&devs[x->a]);
    if (x->phase == 0) {
        conv_init(&x->c, x->a, x->b, 17, ephemeral(x->rng), 53, x->rng);
        x->p1 = rndu(x->rng, 0, 65535);
        uint8_t *p = udp_open(&x->c, 0);
        udp_close(t, dns_msg(p, (uint16_t)x->p1, false, name, 0));
        x->phase = 1;
        return reply_delay(x);
    }
    uint8_t *p = udp_open(&x->c, 1);
    udp_close(t, dns_msg(p, (uint16_t)x->p1, true, name, IP4(10, 30, 0, 10)));
    x->phase = 0;
    return loose(x);
}
static int64_t act_ntp(struct actor *x, int64_t t)
{
    uint8_t *p = udp_open(&x->c, x->phase);
    udp_close(t, ntp_msg(p, x->phase == 1, t));
    if (x->phase == 0) {
        x->phase = 1;
        return reply_delay(x);
    }
    x->phase = 0;
    return loose(x);
}
/* ARP for the peer (a PLC's master, others' gateway) and the peer's reply. */
static int64_t act_arp(struct actor *x, int64_t t)
{
    const struct dev *a = &devs[x->a], *b = &devs[x->b];
    if (x->phase == 0) {
        arp_emit(t, x->a, a->vlan, BCAST, 1, a->mac, a->ip, ZERO6, b->ip);
        x->phase = 1;
        return reply_delay(x);
    }
    arp_emit(t, x->b, a->vlan, a->mac, 2, b->mac, b->ip, a->mac, a->ip);
    x->phase = 0;
    return loose(x);
}
/* DHCP renewal (unicast to the server) with the host name, and the server's ACK. */
static int64_t act_dhcp(struct actor *x, int64_t t)
{
    const struct dev *a = &devs[x->a];
    uint8_t *p;
    if (x->phase == 0) {
        x->p1 = (uint32_t)rnd64(x->rng);
        p = udp_open(&x->c, 0);
        udp_close(t, dhcp_msg(p, DHCP_REQUEST, x->p1, a->mac, a->ip, 0, 0, a->name));
        x->phase = 1;
        return reply_delay(x);
    }
    p = udp_open(&x->c, 1);
    udp_close(t, dhcp_msg(p, DHCP_ACK, x->p1, a->mac, a->ip, a->ip, 0, ""));
    x->phase = 0;
    return loose(x);
}
static uint8_t *lldp_tlv(uint8_t *p, int type, const void *v, size_t n)
{
    put16(p, (uint32_t)(type << 9) | (uint32_t)n);
    return put_bytes(p + 2, v, n);
}
/* LLDP from a switch port (never tagged). */
static int64_t act_lldp(struct actor *x, int64_t t)
{
    static const uint8_t dst[6] = {0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e};
    const struct dev *sw = &devs[x->a];
    uint8_t src[6], v[64];
    memcpy(src, sw->mac, 6);
    src[5] = (uint8_t)(src[5] + 1 + x->p1);
    uint8_t *f = fr_begin(), *p = l2(f, dst, src, 0, 0x88cc);
    v[0] = 4;
    memcpy(v + 1, sw->mac, 6);
    p = lldp_tlv(p, 1, v, 7);
    int n = snprintf((char *)v + 1, sizeof v - 1, "1/%u", x->p1 + 1);
    v[0] = 5;
    p = lldp_tlv(p, 2, v, (size_t)n + 1);
    put16(v, 120);
    p = lldp_tlv(p, 3, v, 2);
    p = lldp_tlv(p, 5, sw->name, strlen(sw->name));
    static const char descr[] = "Hirschmann Railswitch RSP35 HiOS-3S 09.0.04";
    p = lldp_tlv(p, 6, descr, sizeof descr - 1);
    p = lldp_tlv(p, 0, NULL, 0);
    fr_end(t, (uint32_t)(p - f));
    x->p1 = (x->p1 + 1) % 8;
    return loose(x);
}
/* PROFINET DCP: the engineering station's Identify All, and each S7 PLC's answer. */
static int64_t act_dcp(struct actor *x, int64_t t)
{
    static const uint8_t mc[6] = {0x01, 0x0e, 0xcf, 0x00, 0x00, 0x00};
    const struct dev *ews = &devs[x->a];
    uint8_t *f, *p;
    if (x->phase == 0) {
        x->p1 = (uint32_t)rnd64(x->rng);
        f = fr_begin();
        p = l2(f, mc, ews->mac, 0, 0x8892);
        put16(p, 0xfefe);
        p[2] = 5, p[3] = 0;
        put32(p + 4, x->p1);
        put16(p + 8, 1);
        put16(p + 10, 4);
        p[12] = 0xff, p[13] = 0xff;
        put16(p + 14, 0);
        fr_end(t, (uint32_t)(p + 16 - f));
        x->phase = 1;
        return rnd_between(x->rng, 1 * MS, 10 * MS);
    }
    int plc = kind_idx(D_S7, x->phase - 1);
    const struct dev *d = &devs[plc];
    if (!silent(plc, t)) {
        f = fr_begin();
        p = l2(f, ews->mac, d->mac, 0, 0x8892);
        put16(p, 0xfeff);
        p[2] = 5, p[3] = 1;
        put32(p + 4, x->p1);
        put16(p + 8, 0);
        uint8_t *blocks = p + 12, *b = blocks;
        size_t nl = strlen(d->name);
        b[0] = 2, b[1] = 2;
        put16(b + 2, (uint32_t)(nl + 2));
        put16(b + 4, 0);
        b = put_bytes(b + 6, d->name, nl);
        if (nl & 1)
            *b++ = 0;
        b[0] = 1, b[1] = 2;
        put16(b + 2, 14);
        put16(b + 4, 1);
        put32(b + 6, d->ip);
        put32(b + 10, 0xffff0000);
        put32(b + 14, IP4(10, 10, 0, 1));
        b += 18;
        b[0] = 2, b[1] = 3;
        put16(b + 2, 6);
        put16(b + 4, 0);
        put16(b + 6, 0x002a);
        put16(b + 8, 0x010e);
        b += 10;
        put16(p + 10, (uint32_t)(b - blocks));
        fr_end(t, (uint32_t)(b - f));
    }
    if (x->phase < N_S7) {
        x->phase++;
        return rnd_between(x->rng, 200 * US, 2 * MS);
    }
    x->phase = 0;
    return loose(x);
}

/* ---- planted events ---- */
struct event {
    const char *type, *event, *also;
    char match[512]; /* JSON: [["a","b"],["c"]] */
    char detail[200];
    int64_t first, last;
    uint64_t packets;
    bool done;
};
#define MAXEV 16
static struct event events[MAXEV];
static int nevents;

static void note_event(int64_t t)
{
    struct event *e = &events[cur_event];
    if (!e->packets++)
        e->first = t;
    e->last = t;
}
static void fmt_ip(char *b, size_t n, uint32_t ip)
{
    snprintf(b, n, "%u.%u.%u.%u", ip >> 24, ip >> 16 & 255, ip >> 8 & 255, ip & 255);
}
static void fmt_mac(char *b, size_t n, const uint8_t *m)
{
    snprintf(b, n, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}
static int add_event(const char *type, const char *ev, const char *also)
{
    struct event *e = &events[nevents];
    e->type = type, e->event = ev, e->also = also;
    return nevents++;
}

/* A guest device of the planted events (not in the network: new to any baseline). */
static int guest(const uint8_t oui[3], uint32_t ip, uint16_t vlan, const char *name)
{
    dev_rng = &rng_attack;
    int d = add_dev(D_GUEST, oui, ip, vlan, name);
    dev_rng = &rng_net;
    devs[d].router = kind_idx(D_ROUTER, vlan == 20 ? 1 : vlan == 30 ? 2 : 0);
    return d;
}

/* The new device: DHCP (relayed by the router), gratuitous ARP, ARP for the gateway, a DNS
 * look-up, then Modbus reads of a PLC. */
static int64_t act_new_device(struct actor *x, int64_t t)
{
    struct dev *d = &devs[x->a];
    const struct dev *gw = &devs[d->router];
    struct conv c;
    uint8_t *p;
    switch (x->phase++) {
    case 0:
    case 2: /* DISCOVER, REQUEST: broadcast from 0.0.0.0 */
        memset(&c, 0, sizeof c);
        memcpy(c.mac[0], d->mac, 6), memcpy(c.mac[1], BCAST, 6);
        c.ip[1] = 0xffffffff, c.port[0] = 68, c.port[1] = 67, c.proto = 17, c.dev[0] = x->a,
        c.dev[1] = -1;
        p = udp_open(&c, 0);
        udp_close(t, dhcp_msg(p, x->phase == 1 ? DHCP_DISCOVER : DHCP_REQUEST, x->p1, d->mac, 0,
                              x->phase == 1 ? 0 : d->ip, 0, "DESKTOP-7Q2K9LM"));
        return reply_delay(x);
    case 1:
    case 3: /* OFFER, ACK from the relay */
        memset(&c, 0, sizeof c);
        memcpy(c.mac[0], gw->mac, 6), memcpy(c.mac[1], d->mac, 6);
        c.ip[0] = gw->ip, c.ip[1] = d->ip, c.port[0] = 67, c.port[1] = 68, c.proto = 17;
        c.dev[0] = d->router, c.dev[1] = x->a;
        p = udp_open(&c, 0);
        udp_close(t, dhcp_msg(p, x->phase == 2 ? DHCP_OFFER : DHCP_ACK, x->p1, d->mac, 0, d->ip,
                              gw->ip, ""));
        return x->phase == 2 ? rnd_between(x->rng, 5 * MS, 50 * MS) : 20 * MS;
    case 4:
        arp_emit(t, x->a, 0, BCAST, 1, d->mac, d->ip, ZERO6, d->ip);
        return 30 * MS;
    case 5:
        arp_emit(t, x->a, 0, BCAST, 1, d->mac, d->ip, ZERO6, gw->ip);
        return reply_delay(x);
    case 6:
        arp_emit(t, d->router, 0, d->mac, 2, gw->mac, gw->ip, d->mac, d->ip);
        return 200 * MS;
    case 7:
        conv_init(&x->c, x->a, kind_idx(D_REMOTE, 0), 17, ephemeral(x->rng), 53, x->rng);
        p = udp_open(&x->c, 0);
        udp_close(t, dns_msg(p, 0x3a7c, false, "bhs-m340-03.bhs.airport.local", 0));
        return reply_delay(x);
    case 8:
        p = udp_open(&x->c, 1);
        udp_close(t, dns_msg(p, 0x3a7c, true, "bhs-m340-03.bhs.airport.local", devs[x->b].ip));
        conv_init(&x->c, x->a, x->b, 6, ephemeral(x->rng), 502, x->rng);
        return 2 * NS;
    case 9:
    case 10:
    case 11:
        tcp_flags(t, &x->c, x->phase == 11,
                  x->phase == 10   ? SYN
                  : x->phase == 11 ? SYN | ACK
                                   : ACK);
        return small_gap(x);
    default:
        if (x->n >= 40) {
            tcp_flags(t, &x->c, 0, RST | ACK);
            return -1;
        }
        x->phase = 12;
        {
            int dir = x->n & 1;
            uint8_t *m = p = tcp_open(&x->c, dir, PSH | ACK);
            put16(p, x->n / 2 + 1), put16(p + 2, 0);
            p[6] = 1, p[7] = 3;
            if (!dir) {
                put16(p + 8, (x->n / 2) * 100), put16(p + 10, 100);
                p += 12;
            } else {
                p[8] = 200;
                p = put_bytes(p + 9, noise + 1000 * (x->n & 7), 200);
            }
            put16(m + 4, (uint32_t)(p - m - 6));
            tcp_close(t, &x->c, dir, p);
            x->n++;
            return dir ? 500 * MS : reply_delay(x);
        }
    }
}

/* An HMI writing registers of a Modbus PLC it never talks to. */
static int64_t act_new_conversation(struct actor *x, int64_t t)
{
    if (x->phase < 3) {
        return handshake(x, t);
    }
    if (x->n >= 20) {
        tcp_flags(t, &x->c, x->phase == 3 ? 0 : 1, FIN | ACK);
        if (x->phase++ == 4)
            return -1;
        return small_gap(x);
    }
    int dir = x->n & 1;
    uint8_t *p = tcp_open(&x->c, dir, PSH | ACK), *m = p;
    put16(p, 0x100 + x->n / 2), put16(p + 2, 0);
    p[6] = 1, p[7] = 16;
    put16(p + 8, 4000), put16(p + 10, 4);
    p += 12;
    if (!dir) {
        *p++ = 8;
        p = fill(p, 8, x->rng);
    }
    put16(m + 4, (uint32_t)(p - m - 6));
    tcp_close(t, &x->c, dir, p);
    x->n++;
    return dir ? NS : reply_delay(x);
}

/* A camera's TLS session to an address outside the site. */
static int64_t act_external_tls(struct actor *x, int64_t t)
{
    uint8_t *p;
    if (x->phase < 3) {
        return handshake(x, t);
    }
    if (x->phase == 3) { /* ClientHello with SNI */
        static const char sni[] = "fw-update.cam-cloud.example.net";
        p = tcp_open(&x->c, 0, PSH | ACK);
        uint8_t *rec = p;
        p[0] = 0x16, p[1] = 3, p[2] = 1;
        p[5] = 1;
        p[9] = 3, p[10] = 3;
        p = fill(p + 11, 32, x->rng);
        *p++ = 0;
        put16(p, 2), put16(p + 2, 0x1301), p += 4;
        *p++ = 1, *p++ = 0;
        uint8_t *ext = p;
        p += 2;
        put16(p, 0), put16(p + 2, sizeof sni - 1 + 5), put16(p + 4, sizeof sni - 1 + 3);
        p[6] = 0;
        put16(p + 7, sizeof sni - 1);
        p = put_bytes(p + 9, sni, sizeof sni - 1);
        put16(ext, (uint32_t)(p - ext - 2));
        put16(rec + 3, (uint32_t)(p - rec - 5));
        uint32_t hl = (uint32_t)(p - rec - 9);
        rec[6] = (uint8_t)(hl >> 16), rec[7] = (uint8_t)(hl >> 8), rec[8] = (uint8_t)hl;
        tcp_close(t, &x->c, 0, p);
        x->phase = 4;
        return 40 * MS;
    }
    if (x->n < 24) { /* records both ways, mostly uploads */
        int dir = x->n % 3 == 0;
        size_t len = dir ? 120 : 1200;
        p = tcp_open(&x->c, dir, PSH | ACK);
        p[0] = x->n == 0 ? 0x16 : 0x17, p[1] = 3, p[2] = 3;
        put16(p + 3, (uint32_t)len - 5);
        memcpy(p + 5, noise + 20000 + x->n * 512, len - 5);
        tcp_close(t, &x->c, dir, p + len);
        x->n++;
        return dir ? 30 * MS : 2 * MS;
    }
    tcp_flags(t, &x->c, x->phase - 4, FIN | ACK);
    return x->phase++ == 5 ? -1 : 40 * MS;
}

/* A display's DNS queries to a public resolver. */
static int64_t act_external_dns(struct actor *x, int64_t t)
{
    static const char name[] = "api.weather-feeds.example.com";
    uint8_t *p = udp_open(&x->c, (int)x->phase);
    udp_close(t, dns_msg(p, (uint16_t)(0x5100 + x->n), x->phase == 1, name, IP4(198, 51, 100, 23)));
    if (x->phase == 0) {
        x->phase = 1;
        return 25 * MS;
    }
    x->phase = 0;
    if (++x->n >= 3)
        return -1;
    x->c.port[0] = ephemeral(x->rng);
    return 20 * NS;
}

static void eui64_ll(uint8_t out16[16], const uint8_t mac[6], bool global)
{
    static const uint8_t ll[8] = {0xfe, 0x80}, gl[8] = {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x30};
    memcpy(out16, global ? gl : ll, 8);
    out16[8] = mac[0] ^ 2, out16[9] = mac[1], out16[10] = mac[2], out16[11] = 0xff;
    out16[12] = 0xfe, out16[13] = mac[3], out16[14] = mac[4], out16[15] = mac[5];
}
static void fmt_ip6(char *b, size_t n, const uint8_t a[16])
{
    /* the forms used here: fe80::x:x:x:x or 2001:db8:30::x:x:x:x (no other zero runs) */
    snprintf(b, n, "%s%x:%x:%x:%x", a[0] == 0xfe ? "fe80::" : "2001:db8:30::", a[8] << 8 | a[9],
             a[10] << 8 | a[11], a[12] << 8 | a[13], a[14] << 8 | a[15]);
}
/* ICMPv6 in an IPv6 frame on VLAN 30. */
static void icmp6_emit(int64_t t, const uint8_t *emac, const uint8_t *smac, const uint8_t src[16],
                       const uint8_t dst[16], const uint8_t *icmp, size_t n)
{
    uint8_t *f = fr_begin(), *p = l2(f, emac, smac, 30, 0x86dd);
    put32(p, 0x60000000);
    put16(p + 4, (uint32_t)n);
    p[6] = 58, p[7] = 255;
    memcpy(p + 8, src, 16);
    memcpy(p + 24, dst, 16);
    uint8_t *ic = put_bytes(p + 40, icmp, n) - n;
    put16(ic + 2, 0);
    uint32_t s = csum_add(0, p + 8, 32) + (uint32_t)n + 58;
    put16(ic + 2, csum_fold(csum_add(s, ic, n)));
    fr_end(t, (uint32_t)(ic + n - f));
}
/* Router advertisements from a display turned router, and other displays' DAD. */
static int64_t act_ipv6_ra(struct actor *x, int64_t t)
{
    const struct dev *d = &devs[x->a];
    uint8_t src[16], dst[16] = {0xff, 0x02}, ic[64], emac[6] = {0x33, 0x33, 0, 0, 0, 1};
    if (x->n % 10 == 5 && x->k < 3) { /* a display's duplicate address detection */
        const struct dev *o = &devs[kind_idx(D_DISPLAY, (int)x->p1 + 1 + (int)x->k)];
        uint8_t target[16], unspec[16] = {0};
        eui64_ll(target, o->mac, true);
        memset(dst, 0, 16);
        dst[0] = 0xff, dst[1] = 0x02, dst[11] = 1, dst[12] = 0xff;
        memcpy(dst + 13, target + 13, 3);
        uint8_t em[6] = {0x33, 0x33, 0xff, target[13], target[14], target[15]};
        memset(ic, 0, 24);
        ic[0] = 135;
        memcpy(ic + 8, target, 16);
        icmp6_emit(t, em, o->mac, unspec, dst, ic, 24);
        x->k++;
        return 100 * MS;
    }
    eui64_ll(src, d->mac, false);
    dst[15] = 1;
    memset(ic, 0, 64);
    ic[0] = 134, ic[4] = 64;
    put16(ic + 6, 1800);
    ic[16] = 1, ic[17] = 1;
    memcpy(ic + 18, d->mac, 6);
    ic[24] = 3, ic[25] = 4, ic[26] = 64, ic[27] = 0xc0;
    put32(ic + 28, 2592000);
    put32(ic + 32, 604800);
    static const uint8_t pfx[8] = {0x20, 0x01, 0x0d, 0xb8, 0x00, 0x30};
    memcpy(ic + 40, pfx, 8);
    icmp6_emit(t, emac, d->mac, src, dst, ic, 56);
    if (++x->n >= 30)
        return -1;
    return 10 * NS;
}

/* SYN flood on a PLC: p1 SYNs at 10,000/s from one host, the PLC answering the first 256. */
static int64_t act_syn_flood(struct actor *x, int64_t t)
{
    if (x->phase == 1) {
        tcp_flags(t, &x->c, 1, SYN | ACK);
        x->phase = 0;
        return 70 * US;
    }
    if (x->n >= x->p1)
        return -1;
    x->c.port[0] = (uint16_t)(1024 + rnd64(x->rng) % 64000);
    x->c.seq[0] = (uint32_t)rnd64(x->rng);
    tcp_flags(t, &x->c, 0, SYN);
    if (++x->n <= 256) {
        x->phase = 1;
        return 30 * US;
    }
    return 100 * US;
}

/* Port scan from a display: 12 ports on every PLC, then ports 1–1024 of one PLC; closed ports
 * answer RST, open ones SYN-ACK (then the scanner's RST). */
static const uint16_t scan_ports[12] = {21,  22,   23,   80,   102,  443,
                                        502, 1911, 2222, 4840, 8080, 44818};
static bool plc_serves(const struct dev *d, uint16_t port)
{
    return (d->kind == D_S7 && port == 102) || (d->kind == D_MODBUS && port == 502) ||
           (d->kind == D_ENIP && port == 44818) || port == 80;
}
static int64_t act_port_scan(struct actor *x, int64_t t)
{
    int nplc = N_S7 + N_MODBUS + N_ENIP;
    const struct dev *target;
    uint16_t port;
    if (x->n < (uint32_t)nplc * 12) {
        target = &devs[kind_idx(D_S7, (int)(x->n % (uint32_t)nplc))];
        port = scan_ports[x->n / (uint32_t)nplc];
    } else {
        target = &devs[kind_idx(D_S7, 0)];
        port = (uint16_t)(x->n - (uint32_t)nplc * 12 + 1);
    }
    if (x->phase == 0) {
        conv_init(&x->c, x->a, (int)(target - devs), 6, (uint16_t)x->p1, port, x->rng);
        tcp_flags(t, &x->c, 0, SYN);
        x->phase = 1;
        return reply_delay(x);
    }
    if (x->phase == 1) {
        bool open = plc_serves(target, port);
        tcp_flags(t, &x->c, 1, open ? SYN | ACK : RST | ACK);
        x->phase = open ? 2 : 3;
        return open ? small_gap(x) : 200 * US;
    }
    if (x->phase == 2)
        tcp_flags(t, &x->c, 0, RST);
    x->phase = 0;
    if (++x->n >= (uint32_t)nplc * 12 + 1024)
        return -1;
    return 300 * US;
}

/* ARP spoof: gratuitous ARP for the SCADA master's address from a new MAC, then replies to each
 * S7 PLC every 2 s claiming it. */
static int64_t act_arp_spoof(struct actor *x, int64_t t)
{
    const struct dev *att = &devs[x->a], *victim = &devs[x->b];
    if (x->n < 3) {
        arp_emit(t, x->a, 0, BCAST, 1, att->mac, victim->ip, ZERO6, victim->ip);
        x->n++;
        return 500 * MS;
    }
    const struct dev *plc = &devs[kind_idx(D_S7, (int)x->k)];
    arp_emit(t, x->a, 0, plc->mac, 2, att->mac, victim->ip, plc->mac, plc->ip);
    if (++x->k < N_S7)
        return rnd_between(x->rng, 1 * MS, 5 * MS);
    x->k = 0;
    if (++x->m >= 30)
        return -1;
    return 2 * NS - 50 * MS;
}

/* IP conflict: a laptop configured with a PLC's address announces it, then uses it (ARP for the
 * gateway, DNS) while the PLC goes on. */
static int64_t act_ip_conflict(struct actor *x, int64_t t)
{
    struct dev *lap = &devs[x->a];
    const struct dev *gw = &devs[lap->router];
    if (x->n < 2) {
        arp_emit(t, x->a, 0, BCAST, 1, lap->mac, lap->ip, ZERO6, lap->ip);
        x->n++;
        return NS;
    }
    if (x->n >= 2 + 20 * 4)
        return -1;
    uint32_t step = (x->n - 2) % 4;
    x->n++;
    uint8_t *p;
    switch (step) {
    case 0:
        arp_emit(t, x->a, 0, BCAST, 1, lap->mac, lap->ip, ZERO6, gw->ip);
        return reply_delay(x);
    case 1:
        arp_emit(t, lap->router, 0, lap->mac, 2, gw->mac, gw->ip, lap->mac, lap->ip);
        return 100 * MS;
    case 2:
        conv_init(&x->c, x->a, kind_idx(D_REMOTE, 0), 17, ephemeral(x->rng), 53, x->rng);
        p = udp_open(&x->c, 0);
        udp_close(t, dns_msg(p, (uint16_t)x->n, false, "wpad.airport.local", 0));
        return reply_delay(x);
    default:
        p = udp_open(&x->c, 1);
        udp_close(t,
                  dns_msg(p, (uint16_t)(x->n - 1), true, "wpad.airport.local", IP4(10, 0, 0, 80)));
        return 30 * NS;
    }
}

static int64_t act(struct actor *x, int64_t t)
{
    switch (x->kind) {
    case K_S7:
        return act_s7(x, t);
    case K_MODBUS:
        return act_modbus(x, t);
    case K_ENIP:
        return act_enip(x, t);
    case K_ENIP_IO:
        return act_enip_io(x, t);
    case K_CAMERA:
        return act_camera(x, t);
    case K_RTSP_KEEPALIVE:
        return act_rtsp_ka(x, t);
    case K_HTTP:
        return act_http(x, t);
    case K_DNS:
        return act_dns(x, t);
    case K_NTP:
        return act_ntp(x, t);
    case K_ARP:
        return act_arp(x, t);
    case K_DHCP:
        return act_dhcp(x, t);
    case K_LLDP:
        return act_lldp(x, t);
    case K_DCP:
        return act_dcp(x, t);
    case K_NEW_DEVICE:
        return act_new_device(x, t);
    case K_NEW_CONVERSATION:
        return act_new_conversation(x, t);
    case K_EXTERNAL_TLS:
        return act_external_tls(x, t);
    case K_EXTERNAL_DNS:
        return act_external_dns(x, t);
    case K_IPV6_RA:
        return act_ipv6_ra(x, t);
    case K_SYN_FLOOD:
        return act_syn_flood(x, t);
    case K_PORT_SCAN:
        return act_port_scan(x, t);
    case K_ARP_SPOOF:
        return act_arp_spoof(x, t);
    default:
        return act_ip_conflict(x, t);
    }
}

/* ---- the schedule ---- */
static int64_t first_time(uint64_t *rng, int64_t period)
{
    int64_t p = period < 2 * NS ? period : 2 * NS;
    return t_start + rnd_between(rng, 0, p) + 1;
}
/* Background actors at their real periods (stretched by fixed_scale); returns their packets/s. */
static double schedule_background(bool small)
{
    uint64_t *r = &rng_traffic;
    double pps = 0;
#define BG(kind, a, b, secs, pkts)                                                                 \
    do {                                                                                           \
        int64_t per_ = (int64_t)((secs)*fixed_scale * NS);                                         \
        struct actor *x_ = new_actor(kind, a, b, t_start + rnd_between(r, 1, per_), per_, r);      \
        pps += (pkts) / ((secs)*fixed_scale);                                                      \
        (void)x_;                                                                                  \
    } while (0)
    if (small)
        return 0;
    int dns = kind_idx(D_REMOTE, 0), ntp = kind_idx(D_REMOTE, 1), dhcp = kind_idx(D_REMOTE, 2);
    for (int d = 0; d < ndev; d++) {
        const struct dev *v = &devs[d];
        int k = v->kind;
        if (k == D_ROUTER || k == D_REMOTE || k == D_SWITCH || k == D_GUEST)
            continue;
        /* ARP: PLCs for their master, others for the gateway */
        int peer = k == D_S7        ? kind_idx(D_SCADA, 0)
                   : k == D_MODBUS  ? kind_idx(D_SCADA, 1)
                   : k == D_ENIP    ? kind_idx(D_SCADA, 2)
                   : k == D_CAMERA  ? kind_idx(D_NVR, (d - first_of[D_CAMERA]) % 2)
                   : k == D_DISPLAY ? first_of[D_FIDS_SERVER]
                                    : v->router;
        BG(K_ARP, d, peer, 300.0, 2);
        if (k != D_MODBUS && k != D_ENIP) {
            struct actor *x;
            int64_t per = (int64_t)(512.0 * fixed_scale * NS);
            x = new_actor(K_NTP, d, ntp, t_start + rnd_between(r, 1, per), per, r);
            conv_init(&x->c, d, ntp, 17, 123, 123, r);
            pps += 2 / (512.0 * fixed_scale);
        }
        if (k == D_DISPLAY || k == D_CAMERA || k == D_NVR || k == D_HMI || k == D_SCADA ||
            k == D_EWS)
            BG(K_DNS, d, dns, k == D_DISPLAY ? 60.0 : k == D_CAMERA ? 600.0 : 300.0, 2);
        if (k == D_DISPLAY || k == D_CAMERA) {
            int64_t per = (int64_t)(1800.0 * fixed_scale * NS);
            struct actor *x = new_actor(K_DHCP, d, dhcp, t_start + rnd_between(r, 1, per), per, r);
            conv_init(&x->c, d, dhcp, 17, 68, 67, r);
            pps += 2 / (1800.0 * fixed_scale);
        }
        if (k == D_DISPLAY) {
            int64_t per = (int64_t)(30.0 * fixed_scale * NS);
            struct actor *x = new_actor(K_HTTP, d, first_of[D_FIDS_SERVER],
                                        t_start + rnd_between(r, 1, per), per, r);
            x->p1 = (uint32_t)(d - first_of[D_DISPLAY] + 1);
            x->p2 = rndu(r, 200, 1200);
            pps += 11 / (30.0 * fixed_scale);
        }
    }
    for (int i = 0; i < N_SWITCH; i++)
        BG(K_LLDP, kind_idx(D_SWITCH, i), -1, 30.0, 1);
    BG(K_DCP, first_of[D_EWS], -1, 600.0, 1 + N_S7);
#undef BG
    return pps;
}

/* The cyclic polls and camera streams; periods divided by poll_scale / cam_scale. Returns their
 * packets/s at scale 1 in *poll_pps and *cam_pps when dry is set (nothing scheduled). */
static void schedule_cyclic(bool small, bool dry, double cam_scale, double *poll_pps,
                            double *cam_pps)
{
    uint64_t *r = &rng_net; /* the pairs' constants are part of the network */
    uint64_t *rt = &rng_traffic;
    double pp = 0, cp = 0;
    struct actor tmp, *x;
#define CYC(kind, a, b, per_ms, pkts, scale)                                                       \
    do {                                                                                           \
        int64_t per_ = (int64_t)((per_ms) * (double)MS / (scale));                                 \
        x = dry ? &tmp : new_actor(kind, a, b, first_time(rt, per_), per_ < 1 ? 1 : per_, rt);     \
        if (dry)                                                                                   \
            memset(x, 0, sizeof *x);                                                               \
    } while (0)
    /* SCADA 1 → every S7 PLC at 200 ms; each HMI → five S7 PLCs at 1 s */
    for (int i = 0; i < N_S7; i++) {
        for (int h = -1; h < 1; h++) {
            int master = h < 0 ? kind_idx(D_SCADA, 0) : kind_idx(D_HMI, i / 5);
            double per = h < 0 ? 200 : 1000;
            CYC(K_S7, master, kind_idx(D_S7, i), per, 2.05, poll_scale);
            pp += 2.05 * 1000 / per;
            x->p1 = rndu(r, 1, 120);    /* DB number */
            x->p2 = rndu(r, 8, 64);     /* bytes read */
            x->p3 = rndu(r, 0, 40) * 2; /* start byte */
            uint16_t sp = ephemeral(r);
            if (!dry)
                conv_init(&x->c, x->a, x->b, 6, sp, 102, r);
        }
    }
    /* SCADA 2 → Modbus PLCs at 250 ms */
    for (int i = 0; i < N_MODBUS; i++) {
        CYC(K_MODBUS, kind_idx(D_SCADA, 1), kind_idx(D_MODBUS, i), 250, 2, poll_scale);
        pp += 2 * 1000 / 250.0;
        x->p1 = rndu(r, 1, 16); /* unit id */
        x->p2 = rndu(r, 10, 40);
        x->p3 = rndu(r, 2, 6);
        uint16_t sp = ephemeral(r);
        if (!dry)
            conv_init(&x->c, x->a, x->b, 6, sp, 502, r);
    }
    /* SCADA 3 → EtherNet/IP devices at 500 ms; I/O scanner ↔ adapters at a 100 ms RPI */
    for (int i = 0; i < N_ENIP; i++) {
        CYC(K_ENIP, kind_idx(D_SCADA, 2), kind_idx(D_ENIP, i), 500, 2, poll_scale);
        pp += 2 * 1000 / 500.0;
        x->p1 = (uint32_t)i;
        x->p2 = (uint32_t)rnd64(r); /* session handle */
        uint16_t sp = ephemeral(r);
        if (!dry)
            conv_init(&x->c, x->a, x->b, 6, sp, 44818, r);
        if (i >= N_ENIP_SCANNERS) {
            CYC(K_ENIP_IO, kind_idx(D_ENIP, i % N_ENIP_SCANNERS), kind_idx(D_ENIP, i), 100, 2,
                poll_scale);
            pp += 2 * 1000 / 100.0;
            x->p1 = (uint32_t)rnd64(r), x->p2 = (uint32_t)rnd64(r);
            x->p3 = rndu(r, 8, 48);
            if (!dry)
                conv_init(&x->c, x->a, x->b, 17, 2222, 2222, r);
        }
    }
    /* cameras: ~200 packets/s each at scale 1 */
    for (int i = 0; !small && i < N_CAMERA; i++) {
        int nvr = kind_idx(D_NVR, i % 2), cam = kind_idx(D_CAMERA, i);
        CYC(K_CAMERA, nvr, cam, 5.0, 1, cam_scale);
        cp += 1000 / 5.0;
        x->p1 = (uint32_t)rnd64(r); /* RTSP session */
        x->p2 = (uint32_t)rnd64(r); /* SSRC */
        x->p3 = rndu(r, 3, 9);      /* packets per video frame */
        x->m = (uint32_t)rnd64(r);
        x->n = rndu(r, 0, 65535);
        uint16_t sp = ephemeral(r), cport = (uint16_t)(50000 + 2 * i),
                 sport = (uint16_t)(5000 + 2 * i);
        if (!dry) {
            conv_init(&x->c, nvr, cam, 6, sp, 554, r);
            conv_init(&x->c2, cam, nvr, 17, sport, cport, r);
            int64_t per = (int64_t)(60.0 * fixed_scale * NS);
            struct actor *ka =
                new_actor(K_RTSP_KEEPALIVE, nvr, cam, x->next + rnd_between(rt, 1, per), per, rt);
            ka->peer = x;
        }
    }
#undef CYC
    if (poll_pps)
        *poll_pps = pp;
    if (cam_pps)
        *cam_pps = cp;
}

/* The planted events at fractions of the span; returns the packets they add. */
static uint64_t plant(uint64_t npackets, bool dry)
{
    uint64_t *r = &rng_attack, total = 0;
    char ip[48], mac[24], ip2[48], mac2[24];
    struct actor *x;
    int ev;
#define AT(frac) (t_start + (int64_t)((frac) * (double)t_span))
    /* new device */
    int lap = guest(OUI_WISTRON, IP4(10, 10, 0, 200), 0, "DESKTOP-7Q2K9LM");
    total += 52;
    if (!dry) {
        ev = add_event("new_device", "new_device", "[\"new_conversation\"]");
        x = new_actor(K_NEW_DEVICE, lap, kind_idx(D_MODBUS, 2), AT(0.15), 0, r);
        x->event = ev, x->p1 = (uint32_t)rnd64(r);
        fmt_ip(ip, sizeof ip, devs[lap].ip), fmt_mac(mac, sizeof mac, devs[lap].mac);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"],[\"%s\"]]", mac, ip);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "a laptop (%s, DHCP host name DESKTOP-7Q2K9LM) joins the BHS network as %s and "
                 "reads Modbus registers of %s",
                 mac, ip, devs[x->b].name);
    }
    /* new conversation */
    total += 26;
    if (!dry) {
        int hmi = kind_idx(D_HMI, 2), plc = kind_idx(D_MODBUS, 4);
        ev = add_event("new_conversation", "new_conversation", "[]");
        x = new_actor(K_NEW_CONVERSATION, hmi, plc, AT(0.25), 0, r);
        x->event = ev;
        conv_init(&x->c, hmi, plc, 6, ephemeral(r), 502, r);
        fmt_ip(ip, sizeof ip, devs[hmi].ip), fmt_ip(ip2, sizeof ip2, devs[plc].ip);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\",\"%s\"]]", ip, ip2);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%s (%s) writes registers (Modbus function 16) of %s (%s), which it never polls",
                 devs[hmi].name, ip, devs[plc].name, ip2);
    }
    /* external: a camera's TLS session, a display's DNS queries to 8.8.8.8 */
    int ext = guest(ZERO6, IP4(203, 0, 113, 77), 0, "external");
    devs[ext].kind = D_REMOTE;
    int gdns = guest(ZERO6, IP4(8, 8, 8, 8), 0, "google-dns");
    devs[gdns].kind = D_REMOTE;
    total += 3 + 1 + 24 + 2 + 6;
    if (!dry) {
        int cam = kind_idx(D_CAMERA, 16);
        ev = add_event("external_communication", "external_address", "[\"new_conversation\"]");
        x = new_actor(K_EXTERNAL_TLS, cam, ext, AT(0.35), 0, r);
        x->event = ev;
        conv_init(&x->c, cam, ext, 6, ephemeral(r), 443, r);
        fmt_ip(ip, sizeof ip, devs[cam].ip);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"203.0.113.77\"]]");
        snprintf(
            events[ev].detail, sizeof events[ev].detail,
            "%s (%s) opens a TLS session to 203.0.113.77:443 (SNI fw-update.cam-cloud.example.net)",
            devs[cam].name, ip);
        int disp = kind_idx(D_DISPLAY, 4);
        ev = add_event("external_communication", "dns_to_external_resolver",
                       "[\"new_conversation\"]");
        x = new_actor(K_EXTERNAL_DNS, disp, gdns, AT(0.40), 0, r);
        x->event = ev;
        conv_init(&x->c, disp, gdns, 17, ephemeral(r), 53, r);
        fmt_ip(ip, sizeof ip, devs[disp].ip);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"8.8.8.8\"]]");
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%s (%s) asks 8.8.8.8 for api.weather-feeds.example.com, three times",
                 devs[disp].name, ip);
    }
    /* IPv6 router advertisements on the FIDS VLAN */
    total += 33;
    if (!dry) {
        int disp = kind_idx(D_DISPLAY, 10);
        ev = add_event("ipv6_unexpected", "ipv6_router_advertisement", "[\"new_conversation\"]");
        x = new_actor(K_IPV6_RA, disp, -1, AT(0.45), 0, r);
        x->event = ev, x->p1 = 10;
        uint8_t a6[16];
        size_t o = 0;
        o += (size_t)snprintf(events[ev].match + o, sizeof events[ev].match - o, "[");
        for (int i = 0; i < 4; i++) {
            const struct dev *d = &devs[disp + i];
            eui64_ll(a6, d->mac, i > 0);
            fmt_ip6(ip, sizeof ip, a6);
            fmt_mac(mac, sizeof mac, d->mac);
            o += (size_t)snprintf(events[ev].match + o, sizeof events[ev].match - o,
                                  "%s[\"%s\"],[\"%s\"]", i ? "," : "", mac, ip);
        }
        snprintf(events[ev].match + o, sizeof events[ev].match - o, "]");
        eui64_ll(a6, devs[disp].mac, false);
        fmt_ip6(ip, sizeof ip, a6);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%s sends 30 router advertisements (%s, prefix 2001:db8:30::/64) on VLAN 30; "
                 "three displays run duplicate address detection",
                 devs[disp].name, ip);
    }
    /* SYN flood */
    uint32_t syns = (uint32_t)(npackets / 40);
    syns = syns < 3000 ? 3000 : syns > 30000 ? 30000 : syns;
    total += syns + 256;
    if (!dry) {
        int ews = first_of[D_EWS], plc = kind_idx(D_S7, 2);
        ev = add_event("flood", "syn_flood", "[\"new_conversation\"]");
        x = new_actor(K_SYN_FLOOD, ews, plc, AT(0.50), 0, r);
        x->event = ev, x->p1 = syns;
        conv_init(&x->c, ews, plc, 6, 1024, 102, r);
        fmt_ip(ip, sizeof ip, devs[plc].ip);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"]]", ip);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%u SYNs in %.1f s to %s (%s) port 102 from %s; the PLC answers the first 256",
                 syns, syns / 10000.0, devs[plc].name, ip, devs[ews].name);
    }
    /* port scan */
    uint32_t nscan = (N_S7 + N_MODBUS + N_ENIP) * 12 + 1024;
    total += nscan * 2 + 100;
    if (!dry) {
        int disp = kind_idx(D_DISPLAY, 8);
        ev = add_event("port_scan", "port_scan", "[\"new_conversation\",\"flood\"]");
        x = new_actor(K_PORT_SCAN, disp, -1, AT(0.55), 0, r);
        x->event = ev, x->p1 = ephemeral(r);
        fmt_ip(ip, sizeof ip, devs[disp].ip);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"]]", ip);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%s (%s) SYN-scans 12 ports of the 40 PLCs, then ports 1-1024 of %s",
                 devs[disp].name, ip, devs[kind_idx(D_S7, 0)].name);
    }
    /* ARP spoof of the SCADA master */
    int pi = guest(OUI_RPI, IP4(10, 10, 0, 10), 0, "raspberrypi");
    total += 3 + 30 * N_S7;
    if (!dry) {
        int master = kind_idx(D_SCADA, 0);
        ev = add_event("arp_spoof", "gratuitous_arp_takeover", "[\"ip_conflict\",\"new_device\"]");
        x = new_actor(K_ARP_SPOOF, pi, master, AT(0.62), 0, r);
        x->event = ev;
        fmt_ip(ip, sizeof ip, devs[master].ip), fmt_mac(mac, sizeof mac, devs[pi].mac);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"],[\"%s\"]]", ip, mac);
        snprintf(
            events[ev].detail, sizeof events[ev].detail,
            "%s claims %s (%s) with gratuitous ARP, then tells each S7 PLC every 2 s for a minute",
            mac, ip, devs[master].name);
    }
    /* IP conflict with a PLC */
    int plc_c = kind_idx(D_MODBUS, 6);
    int lap2 = guest(OUI_DELL2, devs[plc_c].ip, 0, "TECH-LAPTOP-02");
    total += 2 + 80;
    if (!dry) {
        ev = add_event("ip_conflict", "ip_conflict", "[\"arp_spoof\",\"new_device\"]");
        x = new_actor(K_IP_CONFLICT, lap2, plc_c, AT(0.70), 0, r);
        x->event = ev;
        fmt_ip(ip, sizeof ip, devs[plc_c].ip), fmt_mac(mac, sizeof mac, devs[lap2].mac);
        fmt_mac(mac2, sizeof mac2, devs[plc_c].mac);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"],[\"%s\"]]", ip, mac);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "a laptop %s configured with %s, the address of %s (%s), uses it for 10 minutes",
                 mac, ip, devs[plc_c].name, mac2);
    }
    /* a PLC silent for an hour (at most a fifth of the span) */
    if (!dry) {
        int plc = kind_idx(D_S7, 6);
        int64_t dur = t_span / 5 < 3600 * NS ? t_span / 5 : 3600 * NS;
        int64_t from = AT(0.74);
        if (from + dur > AT(0.95))
            from = AT(0.95) - dur;
        devs[plc].silent_from = from, devs[plc].silent_to = from + dur;
        ev = add_event("baseline_deviation", "plc_silent", "[]");
        events[ev].first = from, events[ev].last = from + dur, events[ev].done = true;
        fmt_ip(ip, sizeof ip, devs[plc].ip), fmt_mac(mac, sizeof mac, devs[plc].mac);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"],[\"%s\"]]", ip, mac);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%s (%s) sends nothing for %lld s; its masters keep polling", devs[plc].name, ip,
                 (long long)(dur / NS));
    }
#undef AT
    return total;
}

static void fmt_time(char *b, size_t n, int64_t t)
{
    int64_t s = t / NS, days = s / 86400, sod = s % 86400;
    /* civil from days (Howard Hinnant) */
    int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100),
            mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(b, n, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%06lldZ", (long long)y, (long long)m,
             (long long)d, (long long)(sod / 3600), (long long)(sod / 60 % 60),
             (long long)(sod % 60), (long long)(t % NS / 1000));
}
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static int write_truth(const char *path, uint64_t seed)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_bhspcap: %s: %s\n", path, strerror(errno));
        return 1;
    }
    char a[64], b[64];
    fmt_time(a, sizeof a, t_start);
    fmt_time(b, sizeof b, out.last_t);
    fprintf(f,
            "{\"generator\":\"gen_bhspcap\",\"seed\":%llu,\"packets\":%llu,\"start\":\"%s\","
            "\"end\":\"%s\",\"events\":[",
            (unsigned long long)seed, (unsigned long long)out.frames, a, b);
    for (int i = 0; i < nevents; i++) {
        const struct event *e = &events[i];
        fmt_time(a, sizeof a, e->first);
        fmt_time(b, sizeof b, e->last);
        fprintf(f,
                "%s\n {\"id\":%d,\"type\":\"%s\",\"event\":\"%s\",\"also\":%s,\"first\":\"%s\","
                "\"last\":\"%s\",\"packets\":%llu,\"match\":%s,\"detail\":\"%s\"}",
                i ? "," : "", i + 1, e->type, e->event, e->also, a, b,
                (unsigned long long)e->packets, e->match, e->detail);
    }
    fprintf(f, "\n]}\n");
    if (fclose(f) != 0) {
        fprintf(stderr, "gen_bhspcap: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

static int usage(void)
{
    fprintf(
        stderr,
        "usage: gen_bhspcap -o FILE [--packets N] [--seed S] [--small] [--attacks | --learn-only]\n"
        "                   [--off-plc] [--truth FILE] [--hours H | --pps R] [--camera-share F] "
        "[--nsec]\n"
        "                   [--start YYYY-MM-DDTHH:MM:SS]\n");
    return 2;
}
static int bad(const char *v, const char *opt)
{
    fprintf(stderr, "gen_bhspcap: bad value \"%s\" for %s\n", v, opt);
    return 2;
}

int main(int argc, char **argv)
{
    uint64_t n = 1000000, seed = 1;
    double hours = 0, pps = 0, share = 0.25;
    bool small = false, attacks = false, learn = false, off = false;
    const char *path = NULL, *truth = NULL;
    int64_t y = 2026, mo = 11, d = 25, hh = 21, mi = 0, ss = 0; /* 06:00 JST */
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--small")) {
            small = true;
            continue;
        }
        if (!strcmp(o, "--attacks")) {
            attacks = true;
            continue;
        }
        if (!strcmp(o, "--learn-only")) {
            learn = true;
            continue;
        }
        if (!strcmp(o, "--off-plc")) {
            off = true;
            continue;
        }
        if (!strcmp(o, "--nsec")) {
            out.nsec = true;
            continue;
        }
        if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            usage();
            return 0;
        }
        const char *v = i + 1 < argc ? argv[++i] : NULL;
        char *end = NULL;
        if (!v)
            return usage();
        errno = 0;
        if (!strcmp(o, "-o") || !strcmp(o, "--out"))
            path = v, end = (char *)"";
        else if (!strcmp(o, "--truth"))
            truth = v, end = (char *)"";
        else if (!strcmp(o, "--packets"))
            n = strtoull(v, &end, 10);
        else if (!strcmp(o, "--seed"))
            seed = strtoull(v, &end, 10);
        else if (!strcmp(o, "--hours"))
            hours = strtod(v, &end);
        else if (!strcmp(o, "--pps"))
            pps = strtod(v, &end);
        else if (!strcmp(o, "--camera-share"))
            share = strtod(v, &end);
        else if (!strcmp(o, "--start")) {
            int yy, m2, dd, h2, mm2, s2;
            if (sscanf(v, "%d-%d-%dT%d:%d:%d", &yy, &m2, &dd, &h2, &mm2, &s2) != 6 || m2 < 1 ||
                m2 > 12 || dd < 1 || dd > 31 || h2 > 23 || mm2 > 59 || s2 > 59 || yy < 1970)
                return bad(v, o);
            y = yy, mo = m2, d = dd, hh = h2, mi = mm2, ss = s2;
            end = (char *)"";
        } else
            return usage();
        if (!end || *end || errno || v[0] == '-')
            return bad(v, o);
    }
    if (!path)
        return usage();
    if (learn && (attacks || off)) {
        fprintf(stderr, "gen_bhspcap: --learn-only excludes --attacks and --off-plc\n");
        return 2;
    }
    if (n < 10000 || n > 2000000000ULL || share < 0 || share > 0.7 || hours < 0 || hours > 240 ||
        pps < 0 || (hours > 0 && pps > 0)) {
        fprintf(stderr, "gen_bhspcap: --packets must be 10000 to 2e9, --camera-share 0 to 0.7, "
                        "--hours 0 to 240, and --hours and --pps not both\n");
        return 2;
    }
    if (small)
        share = 0;
    if (!hours && !pps)
        hours = attacks || learn ? 6 : 0, pps = attacks || learn ? 0 : 20000;
    t_span = hours > 0 ? (int64_t)(hours * 3600 * NS) : (int64_t)((double)n / pps * NS);
    if (attacks && t_span < 3600 * NS) {
        fprintf(stderr,
                "gen_bhspcap: --attacks needs a span of at least an hour (--hours, --pps)\n");
        return 2;
    }
    t_start =
        ((days_from_civil(y, mo, d) - (learn ? 1 : 0)) * 86400 + hh * 3600 + mi * 60 + ss) * NS;

    rng_net = seed * 0x100000001b3ULL + 1;
    rng_traffic = seed * 0x9e3779b97f4a7c15ULL + (learn ? 0x51ed : 7);
    rng_attack = seed ^ 0xa77ac4;
    uint64_t nr = 12345;
    for (size_t i = 0; i < sizeof noise; i += 8) {
        uint64_t v = rnd64(&nr);
        memcpy(noise + i, &v, 8);
    }
    build_network();

    /* Rates: the planted events' packets come off the top; the background runs at its real
     * periods unless it would be more than 15 % of the rest; the cameras take --camera-share,
     * the polls what remains. */
    int base_devs = ndev;
    uint64_t planted = attacks ? plant(n, true) : 0;
    ndev = base_devs; /* plant() runs again for real below */
    memset(count_of + D_GUEST, 0, sizeof count_of[0]);
    double target = (double)(n - (planted < n / 2 ? planted : n / 2)) / ((double)t_span / NS);
    double poll1, cam1;
    schedule_cyclic(small, true, 1, &poll1, &cam1);
    nact = 0, nheap = 0;
    double fixed = schedule_background(small);
    if (fixed > 0.15 * target) {
        fixed_scale = fixed / (0.15 * target);
        nact = 0, nheap = 0;
        fixed = schedule_background(small);
    }
    double cam_target = share * target, poll_target = target - fixed - cam_target;
    poll_scale = poll_target / poll1;
    double cam_scale = cam1 > 0 ? cam_target / cam1 : 1;
    schedule_cyclic(small, false, cam_scale > 0 ? cam_scale : 1e-9, NULL, NULL);
    if (attacks)
        plant(n, false);
    if (off) { /* a PLC of the baseline off from the start: nothing it would send is written */
        int plc = kind_idx(D_S7, 9);
        char ip[40], mac[40];
        devs[plc].silent_from = 0, devs[plc].silent_to = INT64_MAX;
        int ev = add_event("baseline_deviation", "plc_off", "[]");
        events[ev].first = t_start, events[ev].last = t_start, events[ev].done = true;
        fmt_ip(ip, sizeof ip, devs[plc].ip), fmt_mac(mac, sizeof mac, devs[plc].mac);
        snprintf(events[ev].match, sizeof events[ev].match, "[[\"%s\"],[\"%s\"]]", ip, mac);
        snprintf(events[ev].detail, sizeof events[ev].detail,
                 "%s (%s) sends nothing from the start; its masters keep polling", devs[plc].name,
                 ip);
    }

    FILE *f = strcmp(path, "-") ? fopen(path, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "gen_bhspcap: %s: %s\n", path, strerror(errno));
        return 1;
    }
    out.f = f;
    out.cap = 4u << 20;
    out.buf = malloc(out.cap);
    if (!out.buf)
        return 1;
    uint8_t hdr[24];
    le32(hdr, out.nsec ? 0xa1b23c4d : 0xa1b2c3d4);
    le16(hdr + 4, 2), le16(hdr + 6, 4);
    le32(hdr + 8, 0), le32(hdr + 12, 0);
    le32(hdr + 16, 65535), le32(hdr + 20, 1);
    memcpy(out.buf, hdr, 24);
    out.pos = 24;
    out.limit = n;

    while (out.frames < n && nheap > 0) {
        struct actor *x = heap[0];
        int64_t t = x->next;
        cur_event = x->event;
        int64_t dt = act(x, t);
        cur_event = -1;
        if (dt < 0) {
            if (x->event >= 0)
                events[x->event].done = true;
            heap[0] = heap[--nheap];
        } else
            x->next = t + (dt > 0 ? dt : 1);
        if (nheap)
            heap_down(0);
    }
    if (flush_out() != 0 || (f != stdout && fclose(f) != 0)) {
        fprintf(stderr, "gen_bhspcap: writing %s: %s\n", path, strerror(errno));
        return 1;
    }
    free(out.buf);

    int rc = 0;
    for (int i = 0; i < nevents; i++)
        if (!events[i].done || events[i].last > out.last_t) {
            fprintf(stderr,
                    "gen_bhspcap: the capture ended before the planted %s finished (more "
                    "--packets or fewer --hours)\n",
                    events[i].event);
            rc = 1;
        }
    if (attacks || off) {
        char tp[4096];
        if (!truth) {
            snprintf(tp, sizeof tp, "%s.truth.json", path);
            truth = tp;
        }
        rc |= write_truth(truth, seed);
    }
    fprintf(stderr,
            "gen_bhspcap: %llu packets over %.1f s (%.0f packets/s; polls ×%.3g, cameras ×%.3g, "
            "background ×%.3g), %d planted events\n",
            (unsigned long long)out.frames, (double)(out.last_t - t_start) / NS,
            (double)out.frames / ((double)(out.last_t - t_start) / NS), poll_scale, cam_scale,
            1 / fixed_scale, nevents);
    return rc;
}
