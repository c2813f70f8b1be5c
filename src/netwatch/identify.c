/*
 * identify.c — light identification of the application protocol of a decoded packet, its
 * sender's role in it and the host names it carries (issue 6 item 2). Runs on every packet of
 * the capture thread, so it allocates nothing, keeps no state and is branch-light: the ports (or
 * the EtherType for frames without IP) choose at most two candidate protocols through a switch,
 * and each candidate accepts the packet only when a cheap signature on its first bytes holds (a
 * random service on port 502 is not called Modbus). TCP payloads on other ports get one more
 * look at their first byte for TLS handshakes, SSH banners, HTTP/RTSP and OPC UA Hello.
 *
 * Invariants: every read of the payload is inside pkt->payload[0..payload_len) (the readers take
 * (p, n) and check each offset before use); names are printable ASCII, cut at the first other
 * byte and at NW_NAME_MAX, NUL-terminated, name_len == strlen(name), name_kind NW_NAME_NONE when
 * no byte of a name was kept; every loop over a packet's records or labels has a fixed bound.
 * The protocols, what is read and the limits are listed in docs/netwatch.md, "Protocol
 * identification".
 */
#include <netinet/in.h>
#include <string.h>

#include "netwatch/netwatch.h"

/* The parsers a port or an EtherType chooses stay functions of their own: inlined into the
 * dispatch, they made it save and restore every callee-saved register on each packet. */
#define NOINLINE __attribute__((noinline))

/* ---------------------------------------------------------------------------------------- */
/* Byte readers (callers check the bounds)                                                   */
/* ---------------------------------------------------------------------------------------- */

static inline uint32_t be16(const uint8_t *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static inline uint32_t le16(const uint8_t *p)
{
    return (uint32_t)p[1] << 8 | p[0];
}

static inline uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline bool printable(uint8_t c)
{
    return c >= 0x20 && c < 0x7f;
}

/* The first occurrence of needle in h[0..n), or NULL. */
static const uint8_t *find(const uint8_t *h, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k == 0 || n < k)
        return NULL;
    for (size_t i = 0; i + k <= n; i++) {
        const uint8_t *at = memchr(h + i, needle[0], n - k + 1 - i);
        if (!at)
            return NULL;
        if (memcmp(at, needle, k) == 0)
            return at;
        i = (size_t)(at - h);
    }
    return NULL;
}

/* Case-insensitive comparison of p[0..k) with the lower-case ASCII word w. */
static bool word_ieq(const uint8_t *p, const char *w, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        uint8_t c = p[i];
        if (c >= 'A' && c <= 'Z')
            c = (uint8_t)(c + 32);
        if (c != (uint8_t)w[i])
            return false;
    }
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* Names                                                                                     */
/* ---------------------------------------------------------------------------------------- */

/* Sets the packet's name from s[0..n): its printable prefix, at most NW_NAME_MAX bytes. No name
 * (NW_NAME_NONE) when not one byte is kept. */
static void name_set(struct nw_packet *pkt, enum nw_name_kind kind, const uint8_t *s, size_t n)
{
    size_t i = 0;
    if (n > NW_NAME_MAX)
        n = NW_NAME_MAX;
    while (i < n && printable(s[i])) {
        pkt->name[i] = (char)s[i];
        i++;
    }
    pkt->name[i] = '\0';
    pkt->name_len = (uint8_t)i;
    pkt->name_kind = i ? kind : NW_NAME_NONE;
}

/* A name built label by label straight into pkt->name: bytes are kept until the first
 * non-printable one or until NW_NAME_MAX; after that the rest is read (to find where the name
 * ends) but not kept. acc_done makes it the packet's name. */
struct name_acc {
    char *s; /* pkt->name */
    size_t len;
    bool closed;
};

static void acc_label(struct name_acc *a, const uint8_t *l, size_t n)
{
    if (a->closed)
        return;
    char *s = a->s; /* a local: stores through char * could alias *a */
    size_t len = a->len;
    if (len) {
        if (len >= NW_NAME_MAX) {
            a->closed = true;
            return;
        }
        s[len++] = '.';
    }
    size_t room = NW_NAME_MAX - len, k = n < room ? n : room, i = 0;
    while (i < k && printable(l[i])) {
        s[len + i] = (char)l[i];
        i++;
    }
    len += i;
    if (i < n) {
        a->closed = true;
        if (len > 0 && s[len - 1] == '.')
            len--; /* cut right after a dot: drop the dot (nothing kept: nothing to drop) */
    }
    a->len = len;
}

static void acc_done(struct nw_packet *pkt, enum nw_name_kind kind, const struct name_acc *a)
{
    pkt->name[a->len] = '\0';
    pkt->name_len = (uint8_t)a->len;
    pkt->name_kind = a->len ? kind : NW_NAME_NONE;
}

static void name_clear(struct nw_packet *pkt)
{
    pkt->name[0] = '\0';
    pkt->name_len = 0;
    pkt->name_kind = NW_NAME_NONE;
}

/* ---------------------------------------------------------------------------------------- */
/* DNS, mDNS, LLMNR, NetBIOS name service                                                    */
/* ---------------------------------------------------------------------------------------- */

#define DNS_MAX_JUMPS 16   /* compression pointers followed in one name */
#define DNS_MAX_RECORDS 32 /* resource records walked looking for an address */

/* Reads the possibly compressed name at m[off] into a (a may be NULL). *next = the offset just
 * after the name where it stands. False when malformed: past the message, a reserved label type,
 * more than DNS_MAX_JUMPS pointers (a loop), or longer than 255 bytes. */
static bool dns_name(const uint8_t *m, uint32_t n, uint32_t off, struct name_acc *a, uint32_t *next)
{
    unsigned jumps = 0, total = 0;
    bool jumped = false;
    for (;;) {
        if (off >= n)
            return false;
        uint32_t l = m[off];
        if (l == 0) {
            if (!jumped)
                *next = off + 1;
            return true;
        }
        if ((l & 0xc0) == 0xc0) {
            if (off + 1 >= n || ++jumps > DNS_MAX_JUMPS)
                return false;
            if (!jumped)
                *next = off + 2;
            jumped = true;
            off = (l & 0x3f) << 8 | m[off + 1];
            continue;
        }
        if (l & 0xc0)
            return false;
        total += l + 1;
        if (off + 1 + l > n || total > 255)
            return false;
        if (a)
            acc_label(a, m + off + 1, l);
        off += 1 + l;
    }
}

/* NetBIOS first-level decoding (RFC 1001 14.1) of the 32-byte label at m[12]: 16 bytes, the
 * last the suffix (dropped), trailing spaces dropped. False when it is not such a label. */
static bool nbns_name(const uint8_t *m, uint32_t n, uint8_t out[16], size_t *len)
{
    if (n < 12 + 33 || m[12] != 32)
        return false;
    const uint8_t *e = m + 13;
    for (int i = 0; i < 16; i++) {
        uint8_t hi = (uint8_t)(e[2 * i] - 'A'), lo = (uint8_t)(e[2 * i + 1] - 'A');
        if (hi > 15 || lo > 15)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    size_t k = 15;
    while (k && out[k - 1] == ' ')
        k--;
    *len = k;
    return true;
}

/* A DNS-format message (m[0..n)) of app: header sanity, QR, the first question name, the first
 * A/AAAA record (or NetBIOS NB record). False when the header does not look like one. */
static NOINLINE bool dns_message(struct nw_packet *pkt, enum nw_app app, const uint8_t *m,
                                 uint32_t n)
{
    if (n < 12)
        return false;
    uint32_t flags = be16(m + 2), opcode = flags >> 11 & 0xf;
    uint32_t qd = be16(m + 4), an = be16(m + 6), ns = be16(m + 8), ar = be16(m + 10);
    bool response = flags & 0x8000;
    if (app == NW_APP_NBNS) {
        if (opcode != 0 && (opcode < 5 || opcode > 9))
            return false;
    } else if (opcode > 5 || opcode == 3) {
        return false;
    }
    if (qd > 512 || an > 512 || ns > 512 || ar > 512 || qd + an + ns + ar == 0)
        return false;
    if (!response && qd == 0)
        return false;
    if (12 + (qd ? 5 : 11) > n) /* the first question or record must be there */
        return false;

    pkt->app = app;
    pkt->role = response ? NW_ROLE_SERVER : NW_ROLE_CLIENT;
    if (response)
        pkt->flags |= NW_PF_DNS_RESPONSE;

    if (app == NW_APP_NBNS) {
        uint8_t nb[16];
        size_t nl;
        if (nbns_name(m, n, nb, &nl))
            name_set(pkt, NW_NAME_NBNS, nb, nl);
    }

    /* the questions: the first one's name is kept, the others skipped */
    uint32_t off = 12;
    for (uint32_t i = 0; i < qd; i++) {
        bool keep = i == 0 && app != NW_APP_NBNS;
        struct name_acc q = {pkt->name, 0, false};
        if (!dns_name(m, n, off, keep ? &q : NULL, &off) || off + 4 > n) {
            if (keep)
                name_clear(pkt);
            return true; /* malformed or cut: the app stands, the names found so far too */
        }
        off += 4;
        if (keep)
            acc_done(pkt,
                     app == NW_APP_MDNS    ? NW_NAME_MDNS
                     : app == NW_APP_LLMNR ? NW_NAME_LLMNR
                                           : NW_NAME_DNS_QUERY,
                     &q);
    }

    /* the records: the first address record names an address */
    uint32_t rr = an + ns + ar;
    if (rr > DNS_MAX_RECORDS)
        rr = DNS_MAX_RECORDS;
    for (uint32_t i = 0; i < rr; i++) {
        uint32_t start = off;
        if (!dns_name(m, n, off, NULL, &off) || off + 10 > n)
            return true;
        uint32_t type = be16(m + off), cls = be16(m + off + 2) & 0x7fff; /* mDNS cache flush */
        uint32_t rdlen = be16(m + off + 8), rd = off + 10;
        if (rd + rdlen > n)
            return true;
        off = rd + rdlen;
        if (cls != 1)
            continue;
        if (app == NW_APP_NBNS) {
            if (type == 0x20 && rdlen >= 6) { /* NB: flags(2) address(4) */
                pkt->name_addr_family = 4;
                memcpy(pkt->name_addr, m + rd + 2, 4);
                return true;
            }
            continue;
        }
        if ((type == 1 && rdlen == 4) || (type == 28 && rdlen == 16)) {
            struct name_acc a = {pkt->name, 0, false};
            uint32_t dummy;
            if (!dns_name(m, n, start, &a, &dummy)) { /* (read once already: cannot fail) */
                name_clear(pkt);
                return true;
            }
            acc_done(pkt, NW_NAME_DNS_ANSWER, &a);
            pkt->name_addr_family = type == 1 ? 4 : 6;
            memcpy(pkt->name_addr, m + rd, rdlen);
            return true;
        }
    }
    return true;
}

/* DNS over TCP: a 2-byte length before each message (RFC 1035 4.2.2). */
static NOINLINE bool dns_tcp(struct nw_packet *pkt, enum nw_app app, const uint8_t *p, uint32_t n)
{
    if (n < 14 || be16(p) < 12)
        return false;
    return dns_message(pkt, app, p + 2, n - 2);
}

/* ---------------------------------------------------------------------------------------- */
/* DHCP and DHCPv6                                                                           */
/* ---------------------------------------------------------------------------------------- */

static bool nonzero4(const uint8_t *a)
{
    return (a[0] | a[1] | a[2] | a[3]) != 0;
}

/* BOOTP/DHCP (RFC 2131): op, magic cookie, chaddr, options 12 (host name) and 50 (requested
 * address); the address is option 50, else yiaddr, else ciaddr. */
static NOINLINE bool dhcp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 240 || (p[0] != 1 && p[0] != 2) || memcmp(p + 236, "\x63\x82\x53\x63", 4) != 0)
        return false;
    pkt->app = NW_APP_DHCP;
    pkt->role = p[0] == 1 ? NW_ROLE_CLIENT : NW_ROLE_SERVER;
    if (p[1] == 1 && p[2] == 6)
        memcpy(pkt->dhcp_mac, p + 28, 6);
    const uint8_t *addr = NULL;
    for (uint32_t off = 240; off < n;) {
        uint8_t code = p[off];
        if (code == 0) {
            off++;
            continue;
        }
        if (code == 255 || off + 2 > n)
            break;
        uint32_t len = p[off + 1];
        if (off + 2 + len > n)
            break;
        if (code == 12)
            name_set(pkt, NW_NAME_DHCP, p + off + 2, len);
        else if (code == 50 && len == 4)
            addr = p + off + 2;
        off += 2 + len;
    }
    if (!addr && nonzero4(p + 16))
        addr = p + 16; /* yiaddr */
    if (!addr && nonzero4(p + 12))
        addr = p + 12; /* ciaddr */
    if (addr) {
        pkt->name_addr_family = 4;
        memcpy(pkt->name_addr, addr, 4);
    }
    return true;
}

/* DHCPv6 (RFC 8415): message type, the client's DUID (its MAC when it is DUID-LLT or DUID-LL
 * over Ethernet) and the client FQDN option 39 (RFC 4704). */
static NOINLINE bool dhcpv6(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 4 || p[0] == 0 || p[0] > 13)
        return false;
    uint8_t t = p[0];
    pkt->app = NW_APP_DHCPV6;
    if (t == 2 || t == 7 || t == 10)
        pkt->role = NW_ROLE_SERVER;
    else if (t != 12 && t != 13)
        pkt->role = NW_ROLE_CLIENT;
    else
        return true; /* relay messages: the client's message is inside, not read */
    uint32_t off = 4;
    for (int i = 0; i < 64 && off + 4 <= n; i++) {
        uint32_t code = be16(p + off), len = be16(p + off + 2);
        const uint8_t *d = p + off + 4;
        if (off + 4 + len > n)
            break;
        if (code == 1 && len >= 10 && be16(d + 2) == 1) { /* client id, hardware type 1 */
            uint32_t duid = be16(d);
            if (duid == 1 && len >= 14)
                memcpy(pkt->dhcp_mac, d + 8, 6);
            else if (duid == 3)
                memcpy(pkt->dhcp_mac, d + 4, 6);
        } else if (code == 39 && len >= 2) { /* flags, then the name in DNS wire format */
            struct name_acc a = {pkt->name, 0, false};
            uint32_t at = 1;
            while (at < len && d[at] != 0 && at + 1 + d[at] <= len) {
                acc_label(&a, d + at + 1, d[at]);
                at += 1u + d[at];
            }
            acc_done(pkt, NW_NAME_DHCP, &a);
        }
        off += 4 + len;
    }
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* NTP, SNMP, syslog                                                                         */
/* ---------------------------------------------------------------------------------------- */

/* NTP (RFC 5905): version 1–4, mode 1–7; modes 1–5 carry the 48-byte header. */
static NOINLINE bool ntp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 12)
        return false;
    uint8_t vn = p[0] >> 3 & 7, mode = p[0] & 7;
    if (vn < 1 || vn > 4 || mode == 0)
        return false;
    if (mode <= 5 && (n < 48 || p[1] > 16)) /* stratum 0–16 */
        return false;
    pkt->app = NW_APP_NTP;
    if (mode == 3)
        pkt->role = NW_ROLE_CLIENT;
    else if (mode == 4 || mode == 5)
        pkt->role = NW_ROLE_SERVER;
    return true;
}

/* SNMP (RFC 3416): a BER SEQUENCE holding INTEGER version 0, 1 or 3. Port 161 is the agent's
 * (server), 162 the manager's, where agents send notifications. */
static NOINLINE bool snmp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, bool trap_port,
                          int side)
{
    if (n < 7 || p[0] != 0x30)
        return false;
    uint32_t h;
    if (p[1] < 0x80)
        h = 2;
    else if (p[1] == 0x81)
        h = 3;
    else if (p[1] == 0x82)
        h = 4;
    else
        return false;
    if (h + 3 > n || p[h] != 0x02 || p[h + 1] != 0x01 || (p[h + 2] > 1 && p[h + 2] != 3))
        return false;
    pkt->app = NW_APP_SNMP;
    if (side)
        pkt->role = (side > 0) != trap_port ? NW_ROLE_SERVER : NW_ROLE_CLIENT;
    return true;
}

/* syslog over UDP (RFC 3164/5424): "<PRI>" with 1–3 digits. The sender is the client. */
static NOINLINE bool syslog_udp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 3 || p[0] != '<')
        return false;
    uint32_t i = 1;
    while (i < n && i < 4 && p[i] >= '0' && p[i] <= '9')
        i++;
    if (i == 1 || i >= n || p[i] != '>')
        return false;
    pkt->app = NW_APP_SYSLOG;
    pkt->role = NW_ROLE_CLIENT;
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* Text protocols: HTTP, RTSP, SSDP, SSH; WS-Discovery                                       */
/* ---------------------------------------------------------------------------------------- */

enum text_kind { TK_HTTP = 1, TK_RTSP, TK_BOTH };

static const struct {
    char m[14];
    uint8_t len;
    uint8_t kind;
} methods[] = {
    {"GET ", 4, TK_HTTP},
    {"POST ", 5, TK_HTTP},
    {"HEAD ", 5, TK_HTTP},
    {"PUT ", 4, TK_HTTP},
    {"DELETE ", 7, TK_HTTP},
    {"PATCH ", 6, TK_HTTP},
    {"CONNECT ", 8, TK_HTTP},
    {"TRACE ", 6, TK_HTTP},
    {"PROPFIND ", 9, TK_HTTP},
    {"SUBSCRIBE ", 10, TK_HTTP},
    {"NOTIFY ", 7, TK_HTTP},
    {"OPTIONS ", 8, TK_BOTH},
    {"DESCRIBE ", 9, TK_RTSP},
    {"SETUP ", 6, TK_RTSP},
    {"PLAY ", 5, TK_RTSP},
    {"PAUSE ", 6, TK_RTSP},
    {"TEARDOWN ", 9, TK_RTSP},
    {"ANNOUNCE ", 9, TK_RTSP},
    {"RECORD ", 7, TK_RTSP},
    {"REDIRECT ", 9, TK_RTSP},
    {"GET_PARAMETER ", 14, TK_RTSP},
    {"SET_PARAMETER ", 14, TK_RTSP},
};

#define HTTP_SCAN_MAX 8192 /* bytes of a request searched for the line end and Host */

/* The value of the Host header in the header lines starting at p[off] (the server's name, the
 * port dropped; an IPv6 literal kept with its brackets). */
static void http_host(struct nw_packet *pkt, const uint8_t *p, uint32_t n, uint32_t off)
{
    if (n > HTTP_SCAN_MAX)
        n = HTTP_SCAN_MAX;
    while (off < n) {
        if (p[off] == '\r' || p[off] == '\n')
            return; /* empty line: end of the headers */
        if (off + 5 <= n && word_ieq(p + off, "host:", 5)) {
            uint32_t v = off + 5, e;
            while (v < n && (p[v] == ' ' || p[v] == '\t'))
                v++;
            e = v;
            if (e < n && p[e] == '[') {
                while (e < n && p[e] != ']' && p[e] != '\r' && p[e] != '\n')
                    e++;
                if (e < n && p[e] == ']')
                    e++;
            } else {
                while (e < n && p[e] != ':' && p[e] != '\r' && p[e] != '\n' && p[e] != ' ')
                    e++;
            }
            name_set(pkt, NW_NAME_HTTP_HOST, p + v, e - v);
            return;
        }
        const uint8_t *nl = memchr(p + off, '\n', n - off);
        if (!nl)
            return;
        off = (uint32_t)(nl - p) + 1;
    }
}

/* An HTTP or RTSP request or response at the start of a TCP payload. */
static NOINLINE bool http_rtsp(struct nw_packet *pkt, const uint8_t *p, uint32_t n)
{
    if (n >= 9 && memcmp(p, "HTTP/1.", 7) == 0) {
        pkt->app = NW_APP_HTTP;
        pkt->role = NW_ROLE_SERVER;
        return true;
    }
    if (n >= 9 && memcmp(p, "RTSP/1.", 7) == 0) {
        pkt->app = NW_APP_RTSP;
        pkt->role = NW_ROLE_SERVER;
        return true;
    }
    if (n >= 16 && memcmp(p, "PRI * HTTP/2.0\r\n", 16) == 0) { /* HTTP/2 connection preface */
        pkt->app = NW_APP_HTTP;
        pkt->role = NW_ROLE_CLIENT;
        return true;
    }
    unsigned kind = 0, ml = 0;
    for (size_t i = 0; i < AG_ARRAY_LEN(methods); i++) {
        if (methods[i].m[0] == p[0] && n > methods[i].len &&
            memcmp(p, methods[i].m, methods[i].len) == 0) {
            kind = methods[i].kind;
            ml = methods[i].len;
            break;
        }
    }
    if (!kind)
        return false;
    /* the request line: the target must start right after the method, the version ends it */
    uint32_t lim = n < HTTP_SCAN_MAX ? n : HTTP_SCAN_MAX;
    const uint8_t *eol = memchr(p + ml, '\n', lim - ml);
    uint32_t le = eol ? (uint32_t)(eol - p) : lim;
    if (le > ml && p[le - 1] == '\r')
        le--;
    if (p[ml] == ' ' || p[ml] == '\r' || p[ml] == '\n')
        return false;
    bool rtsp_url = n >= ml + 7 && (memcmp(p + ml, "rtsp://", 7) == 0 ||
                                    (n >= ml + 8 && memcmp(p + ml, "rtsps://", 8) == 0));
    bool rtsp_ver = le >= ml + 9 && memcmp(p + le - 9, " RTSP/1.", 8) == 0;
    bool http_ver = le >= ml + 9 && (memcmp(p + le - 9, " HTTP/1.", 8) == 0 ||
                                     memcmp(p + le - 9, " HTTP/2.", 8) == 0);
    if (rtsp_url || rtsp_ver)
        kind = TK_RTSP;
    else if (kind == TK_BOTH)
        kind = TK_HTTP;
    if (kind == TK_HTTP && eol && !http_ver)
        return false; /* a whole line that does not end in an HTTP version */
    pkt->role = NW_ROLE_CLIENT;
    if (kind == TK_RTSP) {
        pkt->app = NW_APP_RTSP;
        return true;
    }
    pkt->app = NW_APP_HTTP;
    if (eol)
        http_host(pkt, p, n, (uint32_t)(eol - p) + 1);
    return true;
}

/* SSDP (UPnP over UDP 1900): M-SEARCH from control points, NOTIFY and responses from devices. */
static NOINLINE bool ssdp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n >= 11 && memcmp(p, "M-SEARCH * ", 11) == 0)
        pkt->role = NW_ROLE_CLIENT;
    else if ((n >= 9 && memcmp(p, "NOTIFY * ", 9) == 0) || (n >= 9 && memcmp(p, "HTTP/1.", 7) == 0))
        pkt->role = NW_ROLE_SERVER;
    else
        return false;
    pkt->app = NW_APP_SSDP;
    return true;
}

#define WSD_SCAN_MAX 4096

/* WS-Discovery (SOAP over UDP 3702, as ONVIF cameras use it): an XML document with an
 * Envelope; the action (the last part of wsa:Action) gives the role: Probe and Resolve come from
 * clients, ProbeMatches, ResolveMatches, Hello and Bye from devices. */
static NOINLINE bool wsd(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    uint32_t i = 0;
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        i = 3; /* UTF-8 byte order mark */
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i >= n || p[i] != '<')
        return false;
    uint32_t lim = n < WSD_SCAN_MAX ? n : WSD_SCAN_MAX;
    if (!find(p + i, lim - i, "Envelope"))
        return false;
    pkt->app = NW_APP_WSD;
    const uint8_t *a = find(p + i, lim - i, "Action");
    if (!a)
        return true;
    const uint8_t *end = p + lim;
    const uint8_t *gt = memchr(a, '>', (size_t)(end - a));
    if (!gt)
        return true;
    const uint8_t *lt = memchr(gt, '<', (size_t)(end - gt));
    if (!lt)
        return true;
    const uint8_t *w = lt;
    while (w > gt && w[-1] != '/')
        w--;
    size_t wl = (size_t)(lt - w);
    static const struct {
        const char *w;
        enum nw_role role;
    } acts[] = {{"Probe", NW_ROLE_CLIENT},        {"Resolve", NW_ROLE_CLIENT},
                {"ProbeMatches", NW_ROLE_SERVER}, {"ResolveMatches", NW_ROLE_SERVER},
                {"Hello", NW_ROLE_SERVER},        {"Bye", NW_ROLE_SERVER}};
    for (size_t k = 0; k < AG_ARRAY_LEN(acts); k++)
        if (wl == strlen(acts[k].w) && memcmp(w, acts[k].w, wl) == 0)
            pkt->role = acts[k].role;
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* TLS                                                                                       */
/* ---------------------------------------------------------------------------------------- */

/* The server_name extension (RFC 6066 3) of the ClientHello whose handshake message starts at
 * p[5]. Stops quietly where the bytes end (a hello cut by the segment or the snap length). */
static void tls_sni(struct nw_packet *pkt, const uint8_t *p, uint32_t n)
{
    uint32_t off = 5 + 4 + 2 + 32; /* handshake header, client_version, random */
    if (off + 1 > n)
        return;
    off += 1 + p[off]; /* session id */
    if (off + 2 > n)
        return;
    off += 2 + be16(p + off); /* cipher suites */
    if (off + 1 > n)
        return;
    off += 1 + p[off]; /* compression methods */
    if (off + 2 > n)
        return;
    uint32_t end = off + 2 + be16(p + off);
    off += 2;
    if (end > n)
        end = n;
    while (off + 4 <= end) {
        uint32_t type = be16(p + off), len = be16(p + off + 2);
        off += 4;
        if (type == 0) {
            /* server_name_list: length(2), then name_type(1) length(2) name */
            if (off + 5 > end || off + len > end || len < 5)
                return;
            uint32_t lend = off + 2 + be16(p + off);
            if (lend > off + len)
                lend = off + len;
            for (uint32_t e = off + 2; e + 3 <= lend;) {
                uint32_t nl = be16(p + e + 1);
                if (e + 3 + nl > lend)
                    return;
                if (p[e] == 0) { /* host_name */
                    name_set(pkt, NW_NAME_TLS_SNI, p + e + 3, nl);
                    return;
                }
                e += 3 + nl;
            }
            return;
        }
        off += len;
    }
}

/* A TLS record: handshake records with a ClientHello (client, SNI) or ServerHello (server) on
 * any port; on a TLS port (tls_port) any record type 20–24 counts, the role from the port. */
static NOINLINE bool tls(struct nw_packet *pkt, const uint8_t *p, uint32_t n, bool tls_port,
                         int side)
{
    if (n < 6 || p[1] != 3 || p[2] > 4)
        return false;
    uint32_t rlen = be16(p + 3);
    if (rlen == 0 || rlen > 18432)
        return false;
    if (p[0] == 22 && n >= 11 && (p[5] == 1 || p[5] == 2) && p[9] == 3) {
        pkt->app = NW_APP_TLS;
        if (p[5] == 1) {
            pkt->role = NW_ROLE_CLIENT;
            tls_sni(pkt, p, n);
        } else {
            pkt->role = NW_ROLE_SERVER;
        }
        return true;
    }
    if (!tls_port || p[0] < 20 || p[0] > 24)
        return false;
    pkt->app = NW_APP_TLS;
    pkt->role = side > 0 ? NW_ROLE_SERVER : side < 0 ? NW_ROLE_CLIENT : NW_ROLE_NONE;
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* Industrial protocols                                                                      */
/* ---------------------------------------------------------------------------------------- */

static enum nw_role role_of_side(int side)
{
    return side > 0 ? NW_ROLE_SERVER : side < 0 ? NW_ROLE_CLIENT : NW_ROLE_NONE;
}

/* Modbus/TCP (MBAP): protocol id 0, length 2–254 (unit id + PDU), function 1–127 or an
 * exception (function | 0x80, length 3, code 1–11). A second ADU in the segment must also have
 * protocol id 0. The side on port 502 is the server (slave). */
static NOINLINE bool modbus(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    if (n < 8 || p[2] != 0 || p[3] != 0)
        return false;
    uint32_t len = be16(p + 4), fc = p[7];
    if (len < 2 || len > 260 || fc == 0)
        return false;
    if ((fc & 0x80) && (len != 3 || (n >= 9 && (p[8] == 0 || p[8] > 0x0b))))
        return false;
    if (6 + len + 4 <= n && (p[6 + len + 2] != 0 || p[6 + len + 3] != 0))
        return false;
    pkt->app = NW_APP_MODBUS;
    pkt->role = role_of_side(side);
    return true;
}

/* S7comm and S7comm-plus over ISO-on-TCP (RFC 1006 TPKT, ISO 8073 COTP) on port 102. A
 * connection request (client) or confirm (server) is S7 when its called TSAP is a two-byte S7
 * one (connection type 1–3: PG, OP, S7 basic) and S7comm-plus when it is "SIMATIC-…"; other
 * TSAPs (MMS and other ISO users) stay unidentified. Data: protocol id 0x32 (S7comm: job =
 * client, ack/ack_data = server, userdata by its request/response type) or 0x72 (S7comm-plus:
 * opcode request = client, response/notification = server). */
static NOINLINE bool s7(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side; /* the role is in the message */
    if (n < 7 || p[0] != 3 || p[1] != 0 || be16(p + 2) < 7)
        return false;
    uint32_t li = p[4], d = 5 + li; /* d: the first byte after the COTP header */
    uint8_t type = p[5] & 0xf0;
    if (li < 2)
        return false;
    /* an empty DT (a keep-alive) with another TPKT behind it in the segment: read that one */
    for (int i = 0; i < 4 && p[5] == 0xf0 && be16(p + 2) == d && d + 7 <= n; i++) {
        p += d;
        n -= d;
        if (p[0] != 3 || p[1] != 0 || be16(p + 2) < 7 || p[4] < 2)
            return false;
        li = p[4];
        d = 5 + li;
        type = p[5] & 0xf0;
    }
    if (type == 0xe0 || type == 0xd0) {
        if (li < 6)
            return false;
        uint32_t end = d < n ? d : n;
        for (uint32_t o = 5 + 6; o + 2 <= end;) { /* parameters after the 6-byte fixed part */
            uint32_t code = p[o], len = p[o + 1];
            if (o + 2 + len > end)
                break;
            if (code == 0xc2) {
                const uint8_t *t = p + o + 2;
                if (len == 2 && t[0] >= 1 && t[0] <= 3)
                    pkt->app = NW_APP_S7;
                else if (len >= 8 && memcmp(t, "SIMATIC-", 8) == 0)
                    pkt->app = NW_APP_S7PLUS;
                else
                    return false;
                pkt->role = type == 0xe0 ? NW_ROLE_CLIENT : NW_ROLE_SERVER;
                return true;
            }
            o += 2 + len;
        }
        return false;
    }
    if (p[5] != 0xf0 || d + 2 > n)
        return false;
    if (p[d] == 0x32) {
        if (d + 10 > n)
            return false;
        uint8_t rosctr = p[d + 1];
        if (rosctr == 1) {
            pkt->role = NW_ROLE_CLIENT;
        } else if (rosctr == 2 || rosctr == 3) {
            pkt->role = NW_ROLE_SERVER;
        } else if (rosctr == 7) {
            /* userdata parameter: 00 01 12, length, method, type (high nibble) | group */
            if (d + 16 <= n && p[d + 10] == 0x00 && p[d + 11] == 0x01 && p[d + 12] == 0x12) {
                uint8_t t = p[d + 15] >> 4;
                pkt->role = t == 4 ? NW_ROLE_CLIENT : t == 8 ? NW_ROLE_SERVER : NW_ROLE_NONE;
            }
        } else {
            return false;
        }
        pkt->app = NW_APP_S7;
        return true;
    }
    if (p[d] == 0x72) {
        uint8_t ver = p[d + 1];
        if (ver < 1 || (ver > 3 && ver != 0xfe) || d + 5 > n)
            return false;
        pkt->app = NW_APP_S7PLUS;
        uint32_t op = d + 4;
        if (ver == 3 && p[op] == 0x20) /* integrity part: digest length 32, digest */
            op += 33;
        if (op < n) {
            if (p[op] == 0x31)
                pkt->role = NW_ROLE_CLIENT;
            else if (p[op] == 0x32 || p[op] == 0x33)
                pkt->role = NW_ROLE_SERVER;
        }
        return true;
    }
    return false;
}

/* EtherNet/IP encapsulation (TCP/UDP 44818): a known command and options 0. SendRRData and
 * SendUnitData carrying a CIP message (common packet format item 0xb2 unconnected or 0xb1
 * connected data) are CIP, the role from the service's response bit; the List* commands are
 * requests when empty (client) and replies otherwise (server); the rest by port (the side on
 * 44818 is the target). */
static NOINLINE bool enip(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    if (n < 24 || le32(p + 20) != 0)
        return false;
    uint32_t cmd = le16(p), len = le16(p + 2);
    switch (cmd) {
    case 0x0000: /* NOP */
    case 0x0001: /* (legacy, still answered by some devices) */
    case 0x0065: /* RegisterSession */
    case 0x0066: /* UnRegisterSession */
    case 0x0072: /* IndicateStatus */
    case 0x0073: /* Cancel */
        pkt->app = NW_APP_ENIP;
        pkt->role = role_of_side(side);
        return true;
    case 0x0004: /* ListServices */
    case 0x0063: /* ListIdentity */
    case 0x0064: /* ListInterfaces */
        pkt->app = NW_APP_ENIP;
        pkt->role = len == 0 ? NW_ROLE_CLIENT : NW_ROLE_SERVER;
        return true;
    case 0x006f: /* SendRRData */
    case 0x0070: /* SendUnitData */
        break;
    default:
        return false;
    }
    pkt->app = NW_APP_ENIP;
    pkt->role = role_of_side(side);
    if (n < 32)
        return true;
    uint32_t items = le16(p + 30), off = 32;
    for (uint32_t i = 0; i < items && i < 4 && off + 4 <= n; i++) {
        uint32_t type = le16(p + off), ilen = le16(p + off + 2), d = off + 4;
        if (type == 0xb1) /* connected data: a 2-byte sequence count, then CIP */
            d += 2;
        if ((type == 0xb1 || type == 0xb2) && d < n && d < off + 4 + ilen) {
            pkt->app = NW_APP_CIP;
            pkt->role = p[d] & 0x80 ? NW_ROLE_SERVER : NW_ROLE_CLIENT;
            return true;
        }
        off += 4 + ilen;
    }
    return true;
}

/* CIP class 0/1 I/O over UDP 2222: common packet format with a sequenced address item (0x8002,
 * 8 bytes) followed by a connected data item (0x00b1). Both ends send the same shape: no role. */
static NOINLINE bool cip_io(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 18)
        return false;
    uint32_t items = le16(p);
    if (items < 2 || items > 4 || le16(p + 2) != 0x8002 || le16(p + 4) != 8 ||
        le16(p + 14) != 0x00b1)
        return false;
    pkt->app = NW_APP_CIP;
    return true;
}

/* PROFINET context management over UDP 34964: DCE/RPC connectionless (version 4) requests from
 * the IO controller (client), responses from the device. */
static NOINLINE bool pn_rpc(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 80 || p[0] != 4 || p[1] > 10)
        return false;
    pkt->app = NW_APP_PNRT;
    pkt->role = p[1] == 0 ? NW_ROLE_CLIENT : p[1] == 2 ? NW_ROLE_SERVER : NW_ROLE_NONE;
    return true;
}

/* PROFINET (EtherType 0x8892). Frame IDs 0xfefc–0xfeff are DCP: service Get 3, Set 4,
 * Identify 5, Hello 6; type 0 request (client; Hello comes from the device: server), else a
 * response (server). NameOfStation (option 2, suboption 2) is read from Identify requests (the
 * name looked for), and from Identify/Get responses and Hello (the sender's own name). Responses
 * and Hello carry a 2-byte BlockInfo before the data. Other frame IDs are real-time data. */
static NOINLINE void profinet(struct nw_packet *pkt, const uint8_t *p, uint32_t n)
{
    if (n < 2)
        return;
    uint32_t fid = be16(p);
    if (fid < 0xfefc || fid > 0xfeff) {
        pkt->app = NW_APP_PNRT;
        return;
    }
    if (n < 12)
        return;
    uint8_t service = p[2], type = p[3];
    if (service < 3 || service > 6)
        return;
    pkt->app = NW_APP_PNDCP;
    bool request = type == 0 && service != 6;
    pkt->role = request ? NW_ROLE_CLIENT : NW_ROLE_SERVER;
    bool has_info = !request;
    if (request && service != 5)
        return; /* Get requests list options only; Set requests name the target */
    uint32_t end = 12 + be16(p + 10);
    if (end > n)
        end = n;
    uint32_t off = 12;
    for (int i = 0; i < 32 && off + 4 <= end; i++) {
        uint32_t len = be16(p + off + 2);
        if (off + 4 + len > end)
            return;
        if (p[off] == 2 && p[off + 1] == 2) {
            uint32_t skip = has_info ? 2 : 0;
            if (len > skip)
                name_set(pkt, NW_NAME_DCP, p + off + 4 + skip, len - skip);
            return;
        }
        off += 4 + len + (len & 1); /* blocks are padded to an even length */
    }
}

/* BACnet/IP (UDP 47808–47823): BVLC type 0x81, a known function, its length within the
 * datagram (and the exact size of the BVLL messages). BVLL requests to a BBMD are client,
 * results and acks server; for NPDUs the APDU type: confirmed request, Who-Is and
 * Who-Has come from clients, acks, errors, I-Am and I-Have from devices (servers). */
static NOINLINE bool bacnet(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 4 || p[0] != 0x81 || p[1] > 0x0c)
        return false;
    uint32_t blen = be16(p + 2), off;
    uint8_t fn = p[1];
    if (blen < 4 || blen > n) /* the BVLC length: the whole datagram (padding may follow) */
        return false;
    switch (fn) {
    case 0x00: /* Result: a 2-byte code */
        if (blen != 6)
            return false;
        pkt->app = NW_APP_BACNET;
        pkt->role = NW_ROLE_SERVER;
        return true;
    case 0x03: /* Read-BDT-Ack, Read-FDT-Ack: tables of 10-byte entries */
    case 0x07:
    case 0x01: /* Write-BDT */
        if ((blen - 4) % 10 != 0)
            return false;
        pkt->app = NW_APP_BACNET;
        pkt->role = fn == 0x01 ? NW_ROLE_CLIENT : NW_ROLE_SERVER;
        return true;
    case 0x02: /* Read-BDT, Read-FDT, Register-Foreign-Device, Delete-FDT-Entry */
    case 0x06:
    case 0x05:
    case 0x08:
        if (blen != (fn == 0x05 ? 6u : fn == 0x08 ? 10u : 4u))
            return false;
        pkt->app = NW_APP_BACNET;
        pkt->role = NW_ROLE_CLIENT;
        return true;
    case 0x04: /* Forwarded-NPDU: the original sender's B/IP address first */
        off = 10;
        break;
    case 0x0c: /* Secure-BVLL */
        pkt->app = NW_APP_BACNET;
        return true;
    default:
        off = 4;
        break;
    }
    if (off + 2 > n || p[off] != 0x01) /* NPDU version 1 */
        return false;
    pkt->app = NW_APP_BACNET;
    uint8_t ctl = p[off + 1];
    off += 2;
    if (ctl & 0x20) { /* DNET, DLEN, DADR */
        if (off + 3 > n)
            return true;
        off += 3 + p[off + 2];
    }
    if (ctl & 0x08) { /* SNET, SLEN, SADR */
        if (off + 3 > n)
            return true;
        off += 3 + p[off + 2];
    }
    if (ctl & 0x20)
        off++; /* hop count */
    if (ctl & 0x80 || off >= n)
        return true; /* a network layer message */
    uint8_t apdu = p[off] >> 4;
    if (apdu == 0) {
        pkt->role = NW_ROLE_CLIENT;
    } else if (apdu == 1 && off + 1 < n) {
        uint8_t svc = p[off + 1];
        if (svc == 0 || svc == 1) /* I-Am, I-Have */
            pkt->role = NW_ROLE_SERVER;
        else if (svc == 7 || svc == 8) /* Who-Has, Who-Is */
            pkt->role = NW_ROLE_CLIENT;
    } else if (apdu >= 2 && apdu <= 7) {
        pkt->role = NW_ROLE_SERVER;
    }
    return true;
}

/* OPC UA binary (UA TCP): message type HEL/ACK/ERR/RHE (final chunk only) or OPN/MSG/CLO with
 * chunk type F, C or A, then the 4-byte message size. HEL = client; ACK, ERR and RHE (reverse
 * hello) = server; the rest by port. Off port 4840 only a whole HEL or ACK is taken. */
static NOINLINE bool opcua(struct nw_packet *pkt, const uint8_t *p, uint32_t n, bool ua_port,
                           int side)
{
    if (n < 8)
        return false;
    uint32_t size = le32(p + 4);
    if (size < 8 || size > (1u << 24))
        return false;
    enum nw_role role;
    if (memcmp(p, "HELF", 4) == 0 && size >= 32)
        role = NW_ROLE_CLIENT;
    else if (memcmp(p, "ACKF", 4) == 0 && size >= 28)
        role = NW_ROLE_SERVER;
    else if (ua_port && (memcmp(p, "ERRF", 4) == 0 || memcmp(p, "RHEF", 4) == 0))
        role = NW_ROLE_SERVER;
    else if (ua_port &&
             (memcmp(p, "OPN", 3) == 0 || memcmp(p, "MSG", 3) == 0 || memcmp(p, "CLO", 3) == 0) &&
             (p[3] == 'F' || p[3] == 'C' || p[3] == 'A'))
        role = role_of_side(side);
    else
        return false;
    if (!ua_port && size != n)
        return false;
    pkt->app = NW_APP_OPCUA;
    pkt->role = role;
    return true;
}

/* IEC 60870-5-104: APDU start 0x68, length 4–253, the whole APDU present; I-format (length ≥
 * 10: an ASDU follows), S-format (length 4) or U-format (length 4, one of the six functions). A
 * second APDU in the segment must also start with 0x68. The side on port 2404 is the server
 * (controlled station). */
static NOINLINE bool iec104(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    if (n < 6 || p[0] != 0x68)
        return false;
    uint32_t len = p[1];
    uint8_t c1 = p[2];
    if (len < 4 || len > 253)
        return false;
    if ((c1 & 1) == 0) {
        if (len < 10)
            return false;
    } else if ((c1 & 3) == 1) {
        if (len != 4 || c1 != 1 || p[3] != 0)
            return false;
    } else {
        if (len != 4 || p[3] != 0 || p[4] != 0 || p[5] != 0)
            return false;
        if (c1 != 0x07 && c1 != 0x0b && c1 != 0x13 && c1 != 0x23 && c1 != 0x43 && c1 != 0x83)
            return false;
    }
    if (2 + len > n || (2 + len < n && p[2 + len] != 0x68))
        return false; /* whole APDUs only (they are short), the next one starting right */
    pkt->app = NW_APP_IEC104;
    pkt->role = role_of_side(side);
    return true;
}

/* CRC of DNP3 (IEEE 1815 link layer): polynomial 0x3d65, reflected (0xa6bc), complemented. */
static uint16_t dnp3_crc(const uint8_t *p, size_t n)
{
    static const uint16_t nib[16] = {0x0000, 0xb26b, 0x29af, 0x9bc4, 0x535e, 0xe135,
                                     0x7af1, 0xc89a, 0xa6bc, 0x14d7, 0x8f13, 0x3d78,
                                     0xf5e2, 0x4789, 0xdc4d, 0x6e26};
    uint16_t crc = 0;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        crc = (uint16_t)(crc >> 4 ^ nib[crc & 0xf]);
        crc = (uint16_t)(crc >> 4 ^ nib[crc & 0xf]);
    }
    return (uint16_t)~crc;
}

/* DNP3 over TCP/UDP 20000: link header 0x05 0x64, length ≥ 5, header CRC right. The DIR bit of
 * the control byte is set on frames from the master (client), clear from the outstation. */
static NOINLINE bool dnp3(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    if (n < 10 || p[0] != 0x05 || p[1] != 0x64 || p[2] < 5)
        return false;
    if (dnp3_crc(p, 8) != le16(p + 8))
        return false;
    pkt->app = NW_APP_DNP3;
    pkt->role = p[3] & 0x80 ? NW_ROLE_CLIENT : NW_ROLE_SERVER;
    return true;
}

/* IEC 61850 GOOSE (0x88b8) and sampled values (0x88ba): APPID, length ≥ 8, two reserved
 * words, then the goosePdu (0x61) or savPdu (0x60) tag. */
static NOINLINE void iec61850(struct nw_packet *pkt, const uint8_t *p, uint32_t n, enum nw_app app)
{
    if (n < 10 || be16(p + 2) < 8 || p[8] != (app == NW_APP_GOOSE ? 0x61 : 0x60))
        return;
    pkt->app = app;
}

/* LLDP (0x88cc): TLVs starting with the chassis ID (type 1); the system name (type 5). */
static NOINLINE void lldp(struct nw_packet *pkt, const uint8_t *p, uint32_t n)
{
    if (n < 2 || be16(p) >> 9 != 1)
        return;
    pkt->app = NW_APP_LLDP;
    uint32_t off = 0;
    for (int i = 0; i < 32 && off + 2 <= n; i++) {
        uint32_t h = be16(p + off), type = h >> 9, len = h & 0x1ff;
        if (type == 0 || off + 2 + len > n)
            return;
        if (type == 5) {
            name_set(pkt, NW_NAME_LLDP, p + off + 2, len);
            return;
        }
        off += 2 + len;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Dispatch                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* What a port suggests. */
enum cand {
    C_NONE = 0,
    C_DNS,
    C_MDNS,
    C_LLMNR,
    C_NBNS,
    C_DHCP,
    C_DHCPV6,
    C_NTP,
    C_SNMP,
    C_SNMPTRAP,
    C_SYSLOG,
    C_SSDP,
    C_WSD,
    C_RTSP,
    C_TLS,
    C_MODBUS,
    C_S7,
    C_ENIP,
    C_CIPIO,
    C_PNRPC,
    C_BACNET,
    C_OPCUA,
    C_IEC104,
    C_DNP3,
    C_DNS_TCP, /* DNS and LLMNR over TCP: a length before the message */
    C_LLMNR_TCP,
    C_COUNT
};

/* What a port suggests over TCP and over UDP: port_pair[port] names a pair of candidates,
 * pair_cand[pair] = {TCP's, UDP's}. One load for the port (the table is 64 KiB of .rodata, of
 * which a capture touches the lines of its ports) instead of a tree of comparisons. */
enum pair {
    P_NONE = 0,
    P_DNS,
    P_S7,
    P_TLS,
    P_MODBUS,
    P_RTSP,
    P_IEC104,
    P_OPCUA,
    P_LLMNR,
    P_DNP3,
    P_ENIP,
    P_DHCP,
    P_NTP,
    P_NBNS,
    P_SNMP,
    P_SNMPTRAP,
    P_SYSLOG,
    P_DHCPV6,
    P_SSDP,
    P_CIPIO,
    P_WSD,
    P_MDNS,
    P_PNRPC,
    P_BACNET,
    P_COUNT
};

static const uint8_t pair_cand[P_COUNT][2] = {
    [P_DNS] = {C_DNS_TCP, C_DNS},        [P_S7] = {C_S7, C_NONE},
    [P_TLS] = {C_TLS, C_NONE},           [P_MODBUS] = {C_MODBUS, C_MODBUS},
    [P_RTSP] = {C_RTSP, C_NONE},         [P_IEC104] = {C_IEC104, C_NONE},
    [P_OPCUA] = {C_OPCUA, C_NONE},       [P_LLMNR] = {C_LLMNR_TCP, C_LLMNR},
    [P_DNP3] = {C_DNP3, C_DNP3},         [P_ENIP] = {C_ENIP, C_ENIP},
    [P_DHCP] = {C_NONE, C_DHCP},         [P_NTP] = {C_NONE, C_NTP},
    [P_NBNS] = {C_NONE, C_NBNS},         [P_SNMP] = {C_NONE, C_SNMP},
    [P_SNMPTRAP] = {C_NONE, C_SNMPTRAP}, [P_SYSLOG] = {C_NONE, C_SYSLOG},
    [P_DHCPV6] = {C_NONE, C_DHCPV6},     [P_SSDP] = {C_NONE, C_SSDP},
    [P_CIPIO] = {C_NONE, C_CIPIO},       [P_WSD] = {C_NONE, C_WSD},
    [P_MDNS] = {C_NONE, C_MDNS},         [P_PNRPC] = {C_NONE, C_PNRPC},
    [P_BACNET] = {C_NONE, C_BACNET},
};

static const uint8_t port_pair[65536] = {
    [53] = P_DNS,       [67] = P_DHCP,      [68] = P_DHCP,
    [102] = P_S7,       [123] = P_NTP,      [137] = P_NBNS,
    [161] = P_SNMP,     [162] = P_SNMPTRAP, [443] = P_TLS,
    [465] = P_TLS,      [502] = P_MODBUS,   [514] = P_SYSLOG,
    [546] = P_DHCPV6,   [547] = P_DHCPV6,   [554] = P_RTSP,
    [636] = P_TLS,      [853] = P_TLS,      [990] = P_TLS,
    [993] = P_TLS,      [995] = P_TLS,      [1900] = P_SSDP,
    [2222] = P_CIPIO,   [2404] = P_IEC104,  [3702] = P_WSD,
    [4840] = P_OPCUA,   [4843] = P_TLS, /* OPC UA over TLS */
    [5061] = P_TLS,     [5353] = P_MDNS,    [5355] = P_LLMNR,
    [6514] = P_TLS, /* syslog over TLS */
    [8443] = P_TLS,     [8554] = P_RTSP,    [20000] = P_DNP3,
    [34964] = P_PNRPC,  [44818] = P_ENIP,   [47808] = P_BACNET, /* BACnet/IP: 47808–47823 */
    [47809] = P_BACNET, [47810] = P_BACNET, [47811] = P_BACNET,
    [47812] = P_BACNET, [47813] = P_BACNET, [47814] = P_BACNET,
    [47815] = P_BACNET, [47816] = P_BACNET, [47817] = P_BACNET,
    [47818] = P_BACNET, [47819] = P_BACNET, [47820] = P_BACNET,
    [47821] = P_BACNET, [47822] = P_BACNET, [47823] = P_BACNET,
};

/* The candidates' parsers, all of one shape: true when the payload p[0..n) is the protocol
 * (then app, role and names are set). side: +1 when the sender is on the candidate's port (the
 * service side), -1 when the receiver is, 0 when both are. Called through cand_fn: one
 * indirect call instead of a switch in a function that saved every register. */
typedef bool (*cand_parser)(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side);

static bool c_dns(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    return dns_message(pkt, NW_APP_DNS, p, n);
}

static bool c_dns_tcp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    return dns_tcp(pkt, NW_APP_DNS, p, n);
}

static bool c_mdns(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    return dns_message(pkt, NW_APP_MDNS, p, n);
}

static bool c_llmnr(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    return dns_message(pkt, NW_APP_LLMNR, p, n);
}

static bool c_llmnr_tcp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    return dns_tcp(pkt, NW_APP_LLMNR, p, n);
}

static bool c_nbns(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    (void)side;
    return dns_message(pkt, NW_APP_NBNS, p, n);
}

static bool c_snmp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    return snmp(pkt, p, n, false, side);
}

static bool c_snmptrap(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    return snmp(pkt, p, n, true, side);
}

static bool c_rtsp(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    if (n >= 4 && p[0] == '$') { /* RTP interleaved in the RTSP connection */
        pkt->app = NW_APP_RTSP;
        pkt->role = role_of_side(side);
        return true;
    }
    return http_rtsp(pkt, p, n);
}

static bool c_tls(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    return tls(pkt, p, n, true, side);
}

static bool c_opcua(struct nw_packet *pkt, const uint8_t *p, uint32_t n, int side)
{
    return opcua(pkt, p, n, true, side);
}

static const cand_parser cand_fn[C_COUNT] = {
    [C_DNS] = c_dns,
    [C_DNS_TCP] = c_dns_tcp,
    [C_MDNS] = c_mdns,
    [C_LLMNR] = c_llmnr,
    [C_LLMNR_TCP] = c_llmnr_tcp,
    [C_NBNS] = c_nbns,
    [C_DHCP] = dhcp,
    [C_DHCPV6] = dhcpv6,
    [C_NTP] = ntp,
    [C_SNMP] = c_snmp,
    [C_SNMPTRAP] = c_snmptrap,
    [C_SYSLOG] = syslog_udp,
    [C_SSDP] = ssdp,
    [C_WSD] = wsd,
    [C_RTSP] = c_rtsp,
    [C_TLS] = c_tls,
    [C_MODBUS] = modbus,
    [C_S7] = s7,
    [C_ENIP] = enip,
    [C_CIPIO] = cip_io,
    [C_PNRPC] = pn_rpc,
    [C_BACNET] = bacnet,
    [C_OPCUA] = c_opcua,
    [C_IEC104] = iec104,
    [C_DNP3] = dnp3,
};

/* TCP payloads on any port: TLS handshakes, SSH banners, HTTP/RTSP, OPC UA Hello/Acknowledge. */
static NOINLINE void tcp_any_port(struct nw_packet *pkt, const uint8_t *p, uint32_t n)
{
    uint8_t c = p[0];
    if (c == 22) {
        tls(pkt, p, n, false, 0);
        return;
    }
    if (c < 'A' || c > 'Z')
        return;
    if (c == 'S' && n >= 8 && memcmp(p, "SSH-", 4) == 0 && (p[4] == '1' || p[4] == '2')) {
        pkt->app = NW_APP_SSH;
        pkt->role = pkt->sport == 22   ? NW_ROLE_SERVER
                    : pkt->dport == 22 ? NW_ROLE_CLIENT
                                       : NW_ROLE_NONE;
        return;
    }
    if ((c == 'H' || c == 'A') && opcua(pkt, p, n, false, 0))
        return;
    http_rtsp(pkt, p, n);
}

void nw_identify(struct nw_packet *pkt)
{
    /* app, role, the name fields and NW_PF_DNS_RESPONSE read "none": nw_decode zeroed them */
    const uint8_t *p = pkt->payload;
    uint32_t n = p ? pkt->payload_len : 0;
    if (pkt->ip_version == 0) {
        switch (pkt->ethertype) {
        case 0x8892:
            profinet(pkt, p, n);
            break;
        case 0x88b8:
            iec61850(pkt, p, n, NW_APP_GOOSE);
            break;
        case 0x88ba:
            iec61850(pkt, p, n, NW_APP_SV);
            break;
        case 0x88cc:
            lldp(pkt, p, n);
            break;
        default:
            break;
        }
        return;
    }
    if (!(pkt->flags & NW_PF_L4) || n == 0)
        return;
    unsigned udp;
    if (pkt->l4_proto == IPPROTO_TCP)
        udp = 0;
    else if (pkt->l4_proto == IPPROTO_UDP)
        udp = 1;
    else
        return;
    uint16_t sp = pkt->sport, dp = pkt->dport;
    unsigned cd = pair_cand[port_pair[dp]][udp];
    unsigned cs = sp == dp ? C_NONE : pair_cand[port_pair[sp]][udp];
    if (cs == cd)
        cs = C_NONE;
    /* after the first try only pkt and `rest` stay live (payload and length are read again), so
     * the common packet saves two registers, not six */
    unsigned rest = cs | udp << 8;
    if (cd && cand_fn[cd](pkt, p, n, sp == dp ? 0 : -1))
        return;
    cs = rest & 0xff;
    if (cs && cand_fn[cs](pkt, pkt->payload, pkt->payload_len, 1))
        return;
    if (!(rest >> 8))
        tcp_any_port(pkt, pkt->payload, pkt->payload_len);
}

/* ---------------------------------------------------------------------------------------- */
/* Names of the applications                                                                 */
/* ---------------------------------------------------------------------------------------- */

static const char *const app_names[NW_APP_COUNT] = {
    [NW_APP_NONE] = "none",
    [NW_APP_DNS] = "dns",
    [NW_APP_MDNS] = "mdns",
    [NW_APP_LLMNR] = "llmnr",
    [NW_APP_NBNS] = "nbns",
    [NW_APP_DHCP] = "dhcp",
    [NW_APP_DHCPV6] = "dhcpv6",
    [NW_APP_NTP] = "ntp",
    [NW_APP_HTTP] = "http",
    [NW_APP_TLS] = "tls",
    [NW_APP_SSH] = "ssh",
    [NW_APP_RTSP] = "rtsp",
    [NW_APP_WSD] = "wsd",
    [NW_APP_SSDP] = "ssdp",
    [NW_APP_MODBUS] = "modbus",
    [NW_APP_S7] = "s7comm",
    [NW_APP_S7PLUS] = "s7comm-plus",
    [NW_APP_ENIP] = "enip",
    [NW_APP_CIP] = "cip",
    [NW_APP_PNRT] = "profinet-rt",
    [NW_APP_PNDCP] = "profinet-dcp",
    [NW_APP_BACNET] = "bacnet",
    [NW_APP_OPCUA] = "opcua",
    [NW_APP_IEC104] = "iec104",
    [NW_APP_GOOSE] = "goose",
    [NW_APP_SV] = "sv",
    [NW_APP_DNP3] = "dnp3",
    [NW_APP_LLDP] = "lldp",
    [NW_APP_SNMP] = "snmp",
    [NW_APP_SYSLOG] = "syslog",
};

const char *nw_app_name(enum nw_app a)
{
    if ((unsigned)a >= NW_APP_COUNT || !app_names[a])
        return "unknown";
    return app_names[a];
}

enum nw_app nw_app_from_name(const char *name)
{
    if (!name)
        return NW_APP_NONE;
    for (unsigned a = 1; a < NW_APP_COUNT; a++)
        if (app_names[a] && strcmp(app_names[a], name) == 0)
            return (enum nw_app)a;
    return NW_APP_NONE;
}
