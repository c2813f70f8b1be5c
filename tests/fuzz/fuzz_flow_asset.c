/*
 * fuzz_flow_asset.c — arbitrary bytes as a sequence of decoded packets (48-byte records turned
 * into struct nw_packet values, with small address spaces so flows and devices collide) fed
 * through the flow table and the asset inventory, with expiry on the way, both at small caps
 * so eviction and the asset cap are reached; the rest of the input after the records is every
 * packet's payload (the DHCP reader). At the end every flow is expired and the inventory is
 * exported as JSON and CSV. Checks the caps hold and the counters add up, and that a second
 * inventory fed each packet with a copy of its flow whose hints are zero (so nw_assets_observe
 * never takes its steady fast path) records exactly the same (JSON, CSV, stats). Two more tables
 * whose keys all hash to 0 take the same packets, one through nw_flows_update (the IPv4 path),
 * the other through nw_flows_update_general: every packet must get the same flow, direction and
 * `created` from both.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch.h"
#include "netwatch/netwatch_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* identify.c provides the real one once merged; a weak stand-in keeps this target linkable. */
__attribute__((weak)) const char *nw_app_name(enum nw_app a)
{
    return a == NW_APP_NONE ? "none" : "app";
}

#define REC 48
#define MAX_FLOWS 16
#define MAX_ASSETS 24

static uint64_t ended;

static void on_done(const struct nw_flow *f, void *arg)
{
    (void)arg;
    if (f->packets[0] + f->packets[1] == 0)
        abort();
    ended++;
}

static void to_packet(const uint8_t *r, const uint8_t *payload, size_t plen, int64_t *ts,
                      struct nw_packet *p)
{
    static const uint8_t protos[8] = {6, 17, 1, 58, 132, 47, 6, 17};
    memset(p, 0, sizeof(*p));
    *ts += (int64_t)(r[36] & 0x3f) * 1000000000LL + r[37];
    p->ts_ns = *ts;
    p->wire_len = 60u + r[38];
    p->has_mac = r[0] & 1;
    p->ip_version = (uint8_t)((r[0] >> 1) % 3 == 0 ? 0 : (r[0] >> 1) % 3 == 1 ? 4 : 6);
    if (r[0] & 0x08)
        p->flags |= NW_PF_L4;
    if (r[0] & 0x10)
        p->flags |= NW_PF_DNS_RESPONSE;
    if (r[0] & 0x20)
        p->flags |= NW_PF_FRAGMENT;
    p->vlan_count = (uint8_t)((r[0] >> 6) % 3);
    p->l4_proto = protos[r[1] & 7];
    p->tcp_flags = r[2];
    p->icmp_type = r[2];
    p->app = (enum nw_app)(r[3] % (NW_APP_COUNT + 2)); /* a few out of range too */
    p->role = (enum nw_role)(r[4] % 3);
    p->name_kind = (enum nw_name_kind)(r[5] % 10);
    p->arp_op = r[6] % 3;
    p->err = (enum nw_decode_err)(r[7] % NW_DERR_COUNT);
    uint8_t base[6] = {0x00, 0x0e, 0x8c, 0, 0, 0};
    memcpy(p->src_mac, base, 6);
    memcpy(p->dst_mac, base, 6);
    p->src_mac[0] = r[8] & 0x03; /* sometimes group or local */
    p->src_mac[5] = r[9] & 0x1f;
    p->dst_mac[0] = r[10] & 0x03;
    p->dst_mac[5] = r[11] & 0x1f;
    if (r[10] == 0xff)
        memset(p->dst_mac, 0xff, 6);
    p->src_ip[0] = (uint8_t)(r[12] % 5 == 0 ? 0 : r[12] % 5 == 1 ? 224 : 10);
    p->src_ip[3] = r[13] & 0x3f;
    p->dst_ip[0] = 10;
    p->dst_ip[3] = r[14] & 0x3f;
    if (p->ip_version == 6) {
        p->src_ip[0] = r[12] & 1 ? 0xfe : 0xff;
        p->src_ip[15] = r[13];
        p->dst_ip[0] = 0xfd;
        p->dst_ip[15] = r[14];
    }
    p->sport = (uint16_t)(r[15] & 1 ? 502 : 40000 + (r[16] & 7));
    p->dport = (uint16_t)(r[15] & 2 ? 502 : 40000 + (r[16] >> 5));
    p->vlan[0] = (uint16_t)(r[17] & 3);
    p->vlan[1] = r[18];
    p->ethertype = (uint16_t)(r[19] << 8 | r[20]);
    p->arp_sha[0] = r[21] & 1;
    p->arp_sha[5] = r[22] & 0x1f;
    p->arp_spa[0] = 10;
    p->arp_spa[3] = r[23] & 0x3f;
    p->name_addr_family = (uint8_t)(r[24] % 3 == 0 ? 0 : r[24] % 3 == 1 ? 4 : 6);
    p->name_addr[0] = 10;
    p->name_addr[3] = r[25] & 0x3f;
    memcpy(p->dhcp_mac, p->arp_sha, 6);
    for (int i = 0; i < 8; i++) /* names as decode makes them: printable, NUL-terminated */
        p->name[i] = (char)(0x21 + r[26 + i] % 94);
    p->name_len = 8;
    memcpy(p->ndp_mac, r + 34, 2);
    p->payload = plen ? payload : NULL;
    p->payload_len = (uint32_t)plen;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nw_flow_opts fo = {.max_flows = MAX_FLOWS, .udp_s = 30, .tcp_open_s = 60};
    struct nw_assets_opts ao = {.max_assets = MAX_ASSETS, .archive_days = 1};
    struct nw_flows *ft;
    struct nw_assets *as, *ref;
    if (nw_flows_new(&fo, &ft) != 0 || nw_assets_new(&ao, &as) != 0 ||
        nw_assets_new(&ao, &ref) != 0)
        abort();
    size_t nrec = size / REC > 256 ? 256 : size / REC;
    const uint8_t *payload = data + nrec * REC;
    size_t plen = size - nrec * REC;
    int64_t ts = 1700000000LL * 1000000000LL;
    ended = 0;
    struct nw_flows *fast, *gen; /* the differential pair */
    if (nw_flows_new(&fo, &fast) != 0 || nw_flows_new(&fo, &gen) != 0)
        abort();
    nw_flows_set_seed(fast, 0);
    nw_flows_set_seed(gen, 0);
    uint64_t news = 0;
    for (size_t i = 0; i < nrec; i++) {
        struct nw_packet p;
        to_packet(data + i * REC, payload, plen, &ts, &p);
        int dir = -1;
        bool created = false;
        struct nw_flow *f = nw_flows_update(ft, &p, &dir, &created);
        if (f && (dir < 0 || dir > 1 || f->packets[dir] == 0 || f->state >= NW_FS_COUNT))
            abort();
        if (!f && created)
            abort();
        news += nw_assets_observe(as, &p, f, f ? dir : 0);
        struct nw_flow copy;
        if (f) {
            copy = *f;
            memset(copy.hint, 0, sizeof(copy.hint));
        }
        nw_assets_observe(ref, &p, f ? &copy : NULL, f ? dir : 0);
        int dir_f = -1, dir_g = -2;
        bool cr_f = false, cr_g = true;
        struct nw_flow *ff = nw_flows_update(fast, &p, &dir_f, &cr_f);
        struct nw_flow *fg = nw_flows_update_general(gen, &p, &dir_g, &cr_g);
        if ((ff == NULL) != (fg == NULL) || dir_f != dir_g || cr_f != cr_g ||
            (ff && memcmp(ff, fg, sizeof(*ff)) != 0))
            abort();
        if (data[i * REC + 39] & 1) {
            nw_flows_expire(ft, ts, on_done, NULL);
            nw_flows_expire(fast, ts, NULL, NULL);
            nw_flows_expire(gen, ts, NULL, NULL);
        }
        struct nw_flow_stats st;
        nw_flows_get_stats(ft, &st);
        if (st.active > MAX_FLOWS || st.active != st.created - st.expired - st.evicted)
            abort();
    }
    nw_flows_expire(ft, INT64_MAX, on_done, NULL);
    struct nw_flow_stats st, sf, sg;
    nw_flows_get_stats(fast, &sf);
    nw_flows_get_stats(gen, &sg);
    if (memcmp(&sf, &sg, sizeof(sf)) != 0)
        abort();
    nw_flows_free(fast);
    nw_flows_free(gen);
    nw_flows_get_stats(ft, &st);
    if (st.active != 0 || st.expired != ended)
        abort();
    if (nw_assets_count(as) > MAX_ASSETS || news > nw_assets_count(as))
        abort();
    json_t *j = NULL;
    if (nw_assets_to_json(as, &j) != 0 || json_array_size(j) != nw_assets_count(as))
        abort();
    json_t *rj = NULL;
    if (nw_assets_to_json(ref, &rj) != 0)
        abort();
    char *text = json_dumps(j, JSON_SORT_KEYS), *rtext = json_dumps(rj, JSON_SORT_KEYS);
    if (!text || !rtext || strcmp(text, rtext) != 0)
        abort();
    free(text);
    free(rtext);
    json_decref(j);
    json_decref(rj);
    struct strbuf sb, rsb;
    strbuf_init(&sb, 0);
    strbuf_init(&rsb, 0);
    nw_assets_to_csv(as, &sb);
    nw_assets_to_csv(ref, &rsb);
    if (!strbuf_ok(&sb) || !strbuf_ok(&rsb) || strcmp(strbuf_str(&sb), strbuf_str(&rsb)) != 0)
        abort();
    strbuf_release(&sb);
    strbuf_release(&rsb);
    struct nw_assets_stats a_st, r_st;
    nw_assets_get_stats(as, &a_st);
    nw_assets_get_stats(ref, &r_st);
    if (memcmp(&a_st, &r_st, sizeof(a_st)) != 0)
        abort();
    nw_assets_free(ref);
    nw_assets_free(as);
    nw_flows_free(ft);
    return 0;
}
