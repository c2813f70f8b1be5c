/*
 * cmd_netwatch.c — `airguard netwatch learn|watch|inventory|capture|stats` (issue 6): the
 * passive network monitor's pipeline from the command line.
 *
 * One pipeline serves every subcommand: frames from the sources (capture files in the order
 * given, or a live interface) → nw_decode → nw_identify → the flow table → the inventory → the
 * baseline (learn) or the detectors (watch, capture). Time is the packets' time: flows expire
 * and detector windows close once per second of traffic, so a file is judged as if it were
 * live, and the same file gives the same alerts. Alerts go to standard output (one JSON object
 * per line with --json) and, as configured, to the outputs logwatch uses (JSON file, syslog,
 * the store: `--store`, `--config FILE` with outputs:), so the web application lists them with
 * logwatch's.
 *
 * Runs in the main thread of the `airguard` process; a live capture stops on SIGINT/SIGTERM.
 */
#define _DEFAULT_SOURCE /* setgroups */
#include "cli/cli.h"
#include "isms/netassets.h"
#include "logwatch/logwatch.h"
#include "netwatch/netwatch.h"
#include "store/store.h"
#include "web/web.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <grp.h>
#include <jansson.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define NW_MAX_FILES 256
#define NS_PER_S 1000000000LL
#define NW_BATCH 32 /* frames a file's source hands over at once (run_file) */

enum nw_mode { MODE_STATS, MODE_INVENTORY, MODE_LEARN, MODE_WATCH };

struct nw_run {
    struct cli *cli;
    enum nw_mode mode;
    struct nw_flows *flows;
    struct nw_oui *oui;
    const char *oui_dir; /* --oui: loaded at start for the inventory, else at the first alert
                            that names a MAC (a watch without one never pays for the load) */
    bool oui_tried;
    struct nw_assets *assets;
    struct nw_baseline *learn;
    struct nw_detect *detect;
    struct lw_output *out;       /* alert outputs (NULL = standard output only) */
    struct cli_alert_sink *sink; /* --store */
    int64_t last_tick_ns;
    int64_t first_ns, last_ns;
    uint64_t packets, bytes, derr[NW_DERR_COUNT], apps[NW_APP_COUNT];
    uint64_t ipv4, ipv6, arp, non_ip, fragments;
    uint64_t alerts, alerts_by_type[NW_ALERT_COUNT];
    bool quiet;                  /* in `airguard serve`: alerts only to the outputs */
    struct cli_monitor_run *run; /* the run record (watch, capture), NULL without a store */
    int out_rc;                  /* the first output failure */
    struct ag_error out_err;
    struct nw_source_stats src; /* summed over the sources */
    uint64_t kernel_drops;
};

static volatile sig_atomic_t stop_requested;

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* ---- alerts ---- */

/* Levels of the alerts in the store (the contract of docs/logwatch.md). */
static const char *alert_level(enum nw_alert_type t)
{
    switch (t) {
    case NW_ALERT_ARP_SPOOF:
    case NW_ALERT_FLOOD:
        return "high";
    case NW_ALERT_EXTERNAL:
    case NW_ALERT_NEW_DEVICE:
    case NW_ALERT_PORT_SCAN:
    case NW_ALERT_IP_CONFLICT:
        return "medium";
    default:
        return "low";
    }
}

/* The alert in the shape logwatch's outputs and the store take: id, time, category, rule,
 * level, src_ip, first, last, count, guideline[], evidence[]. The id is derived from the alert
 * (type, window start, key) so the same capture stored twice does not duplicate alerts. */
static json_t *alert_for_store(const struct nw_alert *a, const json_t *j)
{
    json_t *o = json_deep_copy(j);
    if (!o)
        return NULL;
    const char *type = nw_alert_type_name(a->type);
    uint64_t h = 1469598103934665603ULL;
    const uint8_t *parts[] = {a->src, a->dst, a->mac};
    for (size_t p = 0; p < AG_ARRAY_LEN(parts); p++)
        for (size_t i = 0; i < (p == 2 ? 6u : 16u); i++)
            h = (h ^ parts[p][i]) * 1099511628211ULL;
    h = (h ^ a->dport) * 1099511628211ULL;
    h = (h ^ a->ethertype) * 1099511628211ULL;
    char id[64];
    snprintf(id, sizeof(id), "nw-%s-%lld-%012llx", type, (long long)(a->first_ns / 1000000),
             (unsigned long long)(h & 0xffffffffffffULL));
    for (char *c = id; *c; c++)
        if (*c == '_')
            *c = '-';
    json_t *ev = json_array();
    if (ev && a->detail[0])
        json_array_append_new(ev, json_string(a->detail));
    /* the device: the store has no MAC column, and a device seen only at layer 2 has no
     * address either (new_device from ARP) */
    const char *mac = json_string_value(json_object_get(j, "mac"));
    const char *vendor = json_string_value(json_object_get(j, "vendor"));
    if (ev && mac)
        json_array_append_new(ev, vendor ? json_sprintf("MAC %s (%s)", mac, vendor)
                                         : json_sprintf("MAC %s", mac));
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "category", json_string("network"));
    json_object_set_new(o, "rule", json_string(type));
    json_object_set_new(o, "rule_id", json_sprintf("netwatch.%s", type));
    json_object_set_new(o, "level", json_string(alert_level(a->type)));
    json_t *src = json_object_get(j, "src");
    if (json_is_string(src))
        json_object_set(o, "src_ip", src);
    json_t *t = json_object_get(j, "time");
    if (json_is_string(t)) {
        /* the store keeps whole seconds: YYYY-MM-DDTHH:MM:SSZ */
        char sec[21];
        snprintf(sec, sizeof(sec), "%.19sZ", json_string_value(t));
        json_object_set_new(o, "time", json_string(sec));
        json_object_set_new(o, "first", json_string(sec));
    }
    json_t *l = json_object_get(j, "last");
    if (json_is_string(l)) {
        char sec[21];
        snprintf(sec, sizeof(sec), "%.19sZ", json_string_value(l));
        json_object_set_new(o, "last", json_string(sec));
    }
    /* guideline (refs) and catalog (item ids) are arrays already (nw_alert_to_json) */
    json_object_set_new(o, "evidence", ev ? ev : json_array());
    return o;
}

static void print_alert_text(struct nw_run *r, const struct nw_alert *a, const json_t *j)
{
    const char *time = json_string_value(json_object_get(j, "time"));
    const char *src = json_string_value(json_object_get(j, "src"));
    const char *dst = json_string_value(json_object_get(j, "dst"));
    const char *mac = json_string_value(json_object_get(j, "mac"));
    const char *vendor = json_string_value(json_object_get(j, "vendor"));
    char key[64];
    snprintf(key, sizeof(key), "netwatch: alert %s", nw_alert_type_name(a->type));
    printf("%s  %s", time ? time : "-", cli_tr(r->cli, key));
    if (mac)
        printf("  %s%s%s%s", mac, vendor ? " (" : "", vendor ? vendor : "", vendor ? ")" : "");
    if (src || dst)
        printf("  %s → %s", src ? src : "-", dst ? dst : "-");
    if (a->dport)
        printf(":%u", a->dport);
    printf("  ×%llu", (unsigned long long)a->count);
    if (a->detail[0])
        printf("  %s", a->detail);
    printf("  [%s]\n", a->guideline ? a->guideline : "");
}

/* Where the parsed IEEE lists are kept (docs/netwatch.md "nwoui"): the user's cache folder,
 * made 0700; NULL (no cache) with AIRGUARD_NO_CACHE or without a usable folder. */
static const char *oui_cache_dir(char *buf, size_t n)
{
    if (ag_cache_env_off())
        return NULL;
    if (ag_cache_default_dir(buf, n) != AG_OK || ag_cache_make_dir(buf) != AG_OK)
        return NULL;
    return buf;
}

/* AIRGUARD_DEBUG=cache: what the OUI cache did, on standard error */
static void oui_cache_note(struct cli *cli, const struct nw_oui_cache_note *n)
{
    const char *env = getenv("AIRGUARD_DEBUG");
    if (!env || !strstr(env, "cache"))
        return;
    if (!n->on)
        fputs(cli_tr(cli, "netwatch: IEEE registry cache: off\n"), stderr);
    if (n->refused)
        fprintf(stderr,
                cli_tr(cli, "netwatch: IEEE registry cache: %s not used (damaged, foreign or "
                            "not private)\n"),
                n->file);
    if (n->hit)
        fprintf(stderr, cli_tr(cli, "netwatch: IEEE registry cache: %s loaded\n"), n->file);
    else if (n->stored)
        fprintf(stderr, cli_tr(cli, "netwatch: IEEE registry cache: CSV files read, %s stored\n"),
                n->file);
    else if (n->on)
        fputs(cli_tr(cli, "netwatch: IEEE registry cache: CSV files read, nothing stored\n"),
              stderr);
}

/* The IEEE lists, loaded once on first use (through the cache); NULL when they cannot be read
 * (a warning says so: the vendor names are a help, not a need). */
static const struct nw_oui *run_oui(struct nw_run *r)
{
    if (!r->oui_tried) {
        struct ag_error err;
        struct nw_oui_cache_note note;
        char dir[4096];
        r->oui_tried = true;
        if (nw_oui_load_cached(r->oui_dir, oui_cache_dir(dir, sizeof(dir)), &r->oui, &note, &err)) {
            fprintf(stderr, "%s: %s\n", r->cli->prog, err.msg);
            r->oui = NULL;
        }
        oui_cache_note(r->cli, &note);
    }
    return r->oui;
}

static void on_alert(const struct nw_alert *a, void *arg)
{
    struct nw_run *r = arg;
    r->alerts++;
    if ((unsigned)a->type < NW_ALERT_COUNT)
        r->alerts_by_type[a->type]++;
    json_t *j = nw_alert_to_json(a);
    if (!j)
        return;
    if (a->has_mac && run_oui(r)) {
        const char *v = nw_oui_vendor(r->oui, a->mac);
        if (v)
            json_object_set_new(j, "vendor", json_string(v));
    }
    if (r->quiet) {
        /* serve: nothing on standard output (its log) */
    } else if (r->cli->json) {
        char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (s)
            puts(s);
        free(s);
    } else {
        print_alert_text(r, a, j);
    }
    if (r->out) {
        json_t *o = alert_for_store(a, j);
        int rc = o ? lw_output_emit(r->out, o, &r->out_err) : AG_ENOMEM;
        if (rc && !r->out_rc)
            r->out_rc = rc;
        json_decref(o);
    }
    json_decref(j);
}

/* ---- the pipeline ---- */

static void run_tick(struct nw_run *r, int64_t now)
{
    nw_flows_expire(r->flows, now, NULL, NULL);
    if (r->detect)
        nw_detect_tick(r->detect, now);
    r->last_tick_ns = now;
    cli_monitor_run_beat(r->run); /* at most once a minute (cli_monitor.c) */
}

static inline void run_frame(struct nw_run *r, const struct nw_frame *f)
{
    struct nw_packet pkt;
    nw_decode(f, &pkt);
    nw_identify(&pkt);
    r->packets++;
    r->bytes += f->wire_len;
    r->derr[pkt.err]++;
    r->apps[pkt.app < NW_APP_COUNT ? pkt.app : 0]++;
    if (pkt.ip_version == 4)
        r->ipv4++;
    else if (pkt.ip_version == 6)
        r->ipv6++;
    else if (pkt.arp_op)
        r->arp++;
    else
        r->non_ip++;
    if (pkt.flags & NW_PF_FRAGMENT)
        r->fragments++;
    if (r->first_ns == 0 || f->ts_ns < r->first_ns)
        r->first_ns = f->ts_ns;
    if (f->ts_ns > r->last_ns)
        r->last_ns = f->ts_ns;
    int dir = 0;
    bool created = false;
    const struct nw_flow *fl = nw_flows_update(r->flows, &pkt, &dir, &created);
    if (r->assets)
        nw_assets_observe(r->assets, &pkt, fl, dir);
    if (r->learn)
        nw_baseline_learn(r->learn, &pkt, fl, dir, created);
    if (r->detect)
        nw_detect_packet(r->detect, &pkt, fl, dir, created);
    if (f->ts_ns - r->last_tick_ns >= NS_PER_S || f->ts_ns < r->last_tick_ns)
        run_tick(r, f->ts_ns);
}

static void add_source_stats(struct nw_run *r, struct nw_source *s)
{
    struct nw_source_stats st;
    nw_source_get_stats(s, &st);
    r->src.frames += st.frames;
    r->src.bytes += st.bytes;
    r->src.filtered += st.filtered;
    r->src.bad_records += st.bad_records;
    r->src.kernel_drops += st.kernel_drops;
    r->src.if_drops += st.if_drops;
}

static int run_file(struct nw_run *r, const char *path, const struct nw_source_opts *so)
{
    struct nw_source *s;
    struct ag_error err;
    if (nw_source_open_file(path, so, &s, &err))
        return cli_fail(r->cli, AG_EIO, "%s", err.msg);
    struct nw_frame f[NW_BATCH];
    int rc;
    while ((rc = nw_source_next_batch(s, f, NW_BATCH, &err)) > 0 && !stop_requested)
        for (int i = 0; i < rc; i++)
            run_frame(r, &f[i]);
    add_source_stats(r, s);
    nw_source_free(s);
    if (rc < 0)
        return cli_fail(r->cli, rc, "%s", err.msg);
    return AG_OK;
}

/* ---- statistics ---- */

static json_t *run_stats_json(const struct nw_run *r)
{
    json_t *o = json_object(), *de = json_object(), *apps = json_object(), *al = json_object();
    struct nw_flow_stats fs;
    nw_flows_get_stats(r->flows, &fs);
    for (int e = 1; e < NW_DERR_COUNT; e++)
        json_object_set_new(de, nw_decode_err_name((enum nw_decode_err)e),
                            json_integer((json_int_t)r->derr[e]));
    for (int a = 1; a < NW_APP_COUNT; a++)
        if (r->apps[a])
            json_object_set_new(apps, nw_app_name((enum nw_app)a),
                                json_integer((json_int_t)r->apps[a]));
    for (int t = 0; t < NW_ALERT_COUNT; t++)
        if (r->alerts_by_type[t])
            json_object_set_new(al, nw_alert_type_name((enum nw_alert_type)t),
                                json_integer((json_int_t)r->alerts_by_type[t]));
    uint64_t bad = 0;
    for (int e = 1; e < NW_DERR_COUNT; e++)
        bad += r->derr[e];
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char first[40] = "", last[40] = "";
    if (r->packets) {
        time_t t0 = (time_t)(r->first_ns / NS_PER_S), t1 = (time_t)(r->last_ns / NS_PER_S);
        ag_time_iso(t0, first);
        ag_time_iso(t1, last);
    }
    json_object_set_new(o, "packets", json_integer((json_int_t)r->packets));
    json_object_set_new(o, "bytes", json_integer((json_int_t)r->bytes));
    json_object_set_new(o, "first", r->packets ? json_string(first) : json_null());
    json_object_set_new(o, "last", r->packets ? json_string(last) : json_null());
    json_object_set_new(o, "ipv4", json_integer((json_int_t)r->ipv4));
    json_object_set_new(o, "ipv6", json_integer((json_int_t)r->ipv6));
    json_object_set_new(o, "arp", json_integer((json_int_t)r->arp));
    json_object_set_new(o, "other_l2", json_integer((json_int_t)r->non_ip));
    json_object_set_new(o, "fragments", json_integer((json_int_t)r->fragments));
    json_object_set_new(o, "decoded", json_integer((json_int_t)(r->packets - bad)));
    json_object_set_new(o, "decode_errors", de);
    json_object_set_new(o, "apps", apps);
    json_t *fl = json_object();
    json_object_set_new(fl, "active", json_integer((json_int_t)fs.active));
    json_object_set_new(fl, "created", json_integer((json_int_t)fs.created));
    json_object_set_new(fl, "expired", json_integer((json_int_t)fs.expired));
    json_object_set_new(fl, "evicted", json_integer((json_int_t)fs.evicted));
    json_object_set_new(fl, "capacity", json_integer((json_int_t)fs.capacity));
    json_object_set_new(fl, "bytes_per_flow", json_integer((json_int_t)fs.bytes_per_flow));
    json_object_set_new(o, "flows", fl);
    json_t *src = json_object();
    json_object_set_new(src, "bad_records", json_integer((json_int_t)r->src.bad_records));
    json_object_set_new(src, "filtered", json_integer((json_int_t)r->src.filtered));
    json_object_set_new(src, "kernel_drops", json_integer((json_int_t)r->src.kernel_drops));
    json_object_set_new(src, "if_drops", json_integer((json_int_t)r->src.if_drops));
    json_object_set_new(o, "capture", src);
    if (r->assets)
        json_object_set_new(o, "assets", json_integer((json_int_t)nw_assets_count(r->assets)));
    json_object_set_new(o, "alerts", json_integer((json_int_t)r->alerts));
    json_object_set_new(o, "alerts_by_type", al);
    json_object_set_new(o, "max_rss_kib", json_integer(ru.ru_maxrss));
    return o;
}

static void print_stats_text(struct nw_run *r, const json_t *o)
{
    struct cli *cli = r->cli;
    printf("%s: %lld\n", cli_tr(cli, "netwatch: packets"),
           (long long)json_integer_value(json_object_get(o, "packets")));
    printf("%s: %lld\n", cli_tr(cli, "netwatch: bytes"),
           (long long)json_integer_value(json_object_get(o, "bytes")));
    printf("%s: %lld\n", cli_tr(cli, "netwatch: decoded"),
           (long long)json_integer_value(json_object_get(o, "decoded")));
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(o, "decode_errors"), k, v)
    {
        if (json_integer_value(v))
            printf("  %s %s: %lld\n", cli_tr(cli, "netwatch: decode error"), k,
                   (long long)json_integer_value(v));
    }
    json_t *fl = json_object_get(o, "flows");
    printf("%s: %lld (%s %lld, %s %lld, %lld B/flow)\n", cli_tr(cli, "netwatch: flows"),
           (long long)json_integer_value(json_object_get(fl, "created")),
           cli_tr(cli, "netwatch: active"),
           (long long)json_integer_value(json_object_get(fl, "active")),
           cli_tr(cli, "netwatch: evicted"),
           (long long)json_integer_value(json_object_get(fl, "evicted")),
           (long long)json_integer_value(json_object_get(fl, "bytes_per_flow")));
    json_t *cap = json_object_get(o, "capture");
    printf("%s: %lld, %s: %lld\n", cli_tr(cli, "netwatch: drops"),
           (long long)json_integer_value(json_object_get(cap, "kernel_drops")),
           cli_tr(cli, "netwatch: bad records"),
           (long long)json_integer_value(json_object_get(cap, "bad_records")));
    json_object_foreach(json_object_get(o, "apps"), k, v)
    {
        printf("  %-14s %lld\n", k, (long long)json_integer_value(v));
    }
    if (r->mode == MODE_WATCH)
        printf("%s: %lld\n", cli_tr(cli, "netwatch: alerts"),
               (long long)json_integer_value(json_object_get(o, "alerts")));
}

static int save_state(struct nw_run *r, const char *dir)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/netwatch.json", dir);
    json_t *o = run_stats_json(r);
    char *s = o ? json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    struct ag_error err;
    int rc = s ? ag_file_write_atomic(path, s, strlen(s), &err) : AG_ENOMEM;
    free(s);
    if (rc)
        return cli_fail(r->cli, rc, "%s",
                        rc == AG_ENOMEM ? cli_tr(r->cli, "out of memory") : err.msg);
    return AG_OK;
}

/* ---- the inventory compared with the asset register (3.1.5.2, 2.1.2: unmanaged devices) ---- */

static void norm_mac(const char *in, char out[18])
{
    /* "00-1B-1B-AA-BB-CC", "001b.1baa.bbcc" → "00:1b:1b:aa:bb:cc"; else "" */
    char hex[13];
    size_t n = 0;
    for (const char *c = in; *c && n < 12; c++) {
        if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f'))
            hex[n++] = *c;
        else if (*c >= 'A' && *c <= 'F')
            hex[n++] = (char)(*c - 'A' + 'a');
    }
    out[0] = '\0';
    if (n != 12)
        return;
    for (size_t i = 0; i < 6; i++) {
        out[i * 3] = hex[i * 2];
        out[i * 3 + 1] = hex[i * 2 + 1];
        out[i * 3 + 2] = i == 5 ? '\0' : ':';
    }
}

/* Marks each observed asset "authorised" (in the register and managed), "unmanaged" (in the
 * register, managed = 0) or "unauthorised" (not in it), with the register's code; returns the
 * registered assets that were not observed. Matching: MAC first, else any of the IPs. */
static int mark_register(struct store *st, json_t *inv, json_t **missing, struct ag_error *err)
{
    *missing = json_array();
    sqlite3_stmt *q;
    int rc =
        store_prepare(st, &q, "SELECT code, name, ip, mac, managed FROM assets ORDER BY code", err);
    if (rc)
        return rc;
    size_t n = json_array_size(inv);
    bool *seen = calloc(n ? n : 1, sizeof(bool));
    while (seen && sqlite3_step(q) == SQLITE_ROW) {
        const char *code = (const char *)sqlite3_column_text(q, 0);
        const char *name = (const char *)sqlite3_column_text(q, 1);
        const char *ip = (const char *)sqlite3_column_text(q, 2);
        char mac[18];
        norm_mac((const char *)sqlite3_column_text(q, 3), mac);
        int managed = sqlite3_column_int(q, 4);
        bool found = false;
        for (size_t i = 0; i < n; i++) {
            json_t *a = json_array_get(inv, i);
            const char *amac = json_string_value(json_object_get(a, "mac"));
            bool match = mac[0] && amac && strcmp(mac, amac) == 0;
            json_t *ips = json_object_get(a, "ips"), *e;
            size_t k;
            json_array_foreach(ips, k, e)
            {
                const char *aip = json_string_value(json_object_get(e, "ip"));
                if (!match && !mac[0] && ip[0] && aip && strcmp(aip, ip) == 0)
                    match = true;
            }
            if (!match)
                continue;
            found = seen[i] = true;
            json_object_set_new(a, "status", json_string(managed ? "authorised" : "unmanaged"));
            json_object_set_new(a, "register_code", json_string(code));
            json_object_set_new(a, "register_name", json_string(name));
        }
        if (!found) {
            json_t *m = json_object();
            json_object_set_new(m, "code", json_string(code));
            json_object_set_new(m, "name", json_string(name));
            json_object_set_new(m, "ip", json_string(ip));
            json_object_set_new(m, "mac", json_string(mac));
            json_array_append_new(*missing, m);
        }
    }
    for (size_t i = 0; seen && i < n; i++) {
        json_t *a = json_array_get(inv, i);
        const char *status = json_string_value(json_object_get(a, "status"));
        if (!seen[i] && !(status && strcmp(status, "archived") == 0))
            json_object_set_new(a, "status", json_string("unauthorised"));
    }
    sqlite3_finalize(q);
    if (!seen)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    free(seen);
    return AG_OK;
}

static int compare_register(struct cli *cli, json_t *inv, json_t **missing)
{
    struct store *st;
    struct ag_error err;
    if (cli_open_store(cli, &st)) {
        *missing = NULL;
        return AG_EIO;
    }
    int rc = mark_register(st, inv, missing, &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, rc, "%s", err.msg);
    return AG_OK;
}

int cli_netwatch_inventory_store(struct store *st, json_t *inv, const char *source, size_t *n,
                                 struct ag_error *err)
{
    json_t *missing = NULL;
    int rc = mark_register(st, inv, &missing, err);
    json_decref(missing);
    if (rc)
        return rc;
    return isms_netassets_replace(st, inv, source, n, err);
}

/* --store: the inventory (with its statuses) replaces the stored one (src/isms/netassets.c). */
static int store_inventory(struct cli *cli, const json_t *inv, const char *source)
{
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EIO;
    struct ag_error err;
    size_t n;
    int rc = isms_netassets_replace(st, inv, source, &n, &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, rc, "%s", err.msg);
    fprintf(stderr, cli_tr(cli, "netwatch: %zu devices stored\n"), n);
    return AG_OK;
}

static void inventory_csv(const json_t *inv)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    const char *cols[] = {"id",    "mac",   "vendor",     "ips",       "names",  "protocols_served",
                          "roles", "vlans", "first_seen", "last_seen", "status", "register_code"};
    for (size_t c = 0; c < AG_ARRAY_LEN(cols); c++) {
        if (c)
            strbuf_addc(&sb, ',');
        strbuf_add_csv_field(&sb, cols[c]);
    }
    strbuf_addc(&sb, '\n');
    size_t i;
    json_t *a;
    json_array_foreach(inv, i, a)
    {
        for (size_t c = 0; c < AG_ARRAY_LEN(cols); c++) {
            json_t *v = json_object_get(a, cols[c]);
            struct strbuf f;
            strbuf_init(&f, 0);
            if (json_is_string(v)) {
                strbuf_adds(&f, json_string_value(v));
            } else if (json_is_integer(v)) {
                strbuf_addf(&f, "%lld", (long long)json_integer_value(v));
            } else if (json_is_array(v)) {
                size_t k;
                json_t *e;
                json_array_foreach(v, k, e)
                {
                    if (k)
                        strbuf_adds(&f, " ");
                    if (json_is_string(e))
                        strbuf_adds(&f, json_string_value(e));
                    else if (json_is_integer(e))
                        strbuf_addf(&f, "%lld", (long long)json_integer_value(e));
                    else if (json_is_object(e)) {
                        /* {ip}, {name}, {app, proto, port} */
                        const char *x = json_string_value(json_object_get(e, "ip"));
                        if (!x)
                            x = json_string_value(json_object_get(e, "name"));
                        if (!x)
                            x = json_string_value(json_object_get(e, "app"));
                        json_t *port = json_object_get(e, "port");
                        strbuf_adds(&f, x ? x : "?");
                        if (json_is_integer(port) && json_integer_value(port))
                            strbuf_addf(&f, "/%lld", (long long)json_integer_value(port));
                    }
                }
            }
            if (c)
                strbuf_addc(&sb, ',');
            strbuf_add_csv_field(&sb, f.buf ? f.buf : "");
            strbuf_release(&f);
        }
        strbuf_addc(&sb, '\n');
    }
    if (sb.buf)
        fwrite(sb.buf, 1, sb.len, stdout);
    strbuf_release(&sb);
}

/* A protocol of the inventory: its application ("modbus"), else transport and port
 * ("tcp/8080"). */
static void add_proto(struct strbuf *sb, const json_t *e)
{
    const char *app = json_string_value(json_object_get(e, "app"));
    const char *proto = json_string_value(json_object_get(e, "proto"));
    json_int_t port = json_integer_value(json_object_get(e, "port"));
    if (app)
        strbuf_adds(sb, app);
    else if (port)
        strbuf_addf(sb, "%s/%lld", proto ? proto : "?", (long long)port);
    else
        strbuf_adds(sb, proto ? proto : "?");
}

static void inventory_table(struct cli *cli, const json_t *inv)
{
    /* widths in terminal columns (vendor names and headings may be Japanese) */
    cli_print_padded("MAC", 19);
    cli_print_padded("IP", 17);
    cli_print_padded(cli_tr(cli, "netwatch: vendor"), 26);
    cli_print_padded(cli_tr(cli, "netwatch: name"), 22);
    printf("%s\n", cli_tr(cli, "netwatch: protocols"));
    size_t i;
    json_t *a;
    json_array_foreach(inv, i, a)
    {
        const char *mac = json_string_value(json_object_get(a, "mac"));
        const char *vendor = json_string_value(json_object_get(a, "vendor"));
        json_t *ips = json_object_get(a, "ips"), *names = json_object_get(a, "names");
        const char *ip = json_string_value(json_object_get(json_array_get(ips, 0), "ip"));
        const char *name = json_string_value(json_object_get(json_array_get(names, 0), "name"));
        struct strbuf p;
        strbuf_init(&p, 4096);
        size_t k;
        json_t *e;
        json_array_foreach(json_object_get(a, "protocols_served"), k, e)
        {
            strbuf_adds(&p, p.len ? " " : "");
            add_proto(&p, e);
        }
        json_array_foreach(json_object_get(a, "protocols_used"), k, e)
        {
            strbuf_adds(&p, p.len ? " >" : ">");
            add_proto(&p, e);
        }
        char v[25], n[21];
        snprintf(v, sizeof(v), "%s", vendor ? vendor : "-"); /* vendor names are ASCII */
        snprintf(n, sizeof(n), "%s", name ? name : "-");
        cli_print_padded(mac ? mac : "-", 19);
        cli_print_padded(ip ? ip : "-", 17);
        cli_print_padded(v, 26);
        cli_print_padded(n, 22);
        printf("%s\n", p.buf ? p.buf : "");
        strbuf_release(&p);
    }
}

/* ---- options ---- */

struct nw_args {
    const char *files[NW_MAX_FILES];
    size_t nfiles;
    const char *sub;
    const char *out, *baseline, *state, *config, *iface, *user, *duration, *archive_days;
    struct cli_nw_opts o; /* the options serve shares */
    bool libpcap, store, csv, compare, learn;
};

#define NW_OPT_NONE SIZE_MAX
#define NW_OPT(field) offsetof(struct cli_nw_opts, field)
/* The options `netwatch capture` and `serve` share: one table, two spellings (serve's with the
 * prefix --capture-; --internal as serve has always spelt it). */
static const struct {
    const char *name, *serve;
    size_t value, flag; /* offsets in struct cli_nw_opts */
} nw_opts[] = {
    {"--filter", "--capture-filter", NW_OPT(filter), NW_OPT_NONE},
    {"--internal", "--internal", NW_OPT(internal), NW_OPT_NONE},
    {"--ipv6-vlans", "--capture-ipv6-vlans", NW_OPT(ipv6_vlans), NW_OPT_NONE},
    {"--window", "--capture-window", NW_OPT(window), NW_OPT_NONE},
    {"--syn-rate", "--capture-syn-rate", NW_OPT(syn), NW_OPT_NONE},
    {"--udp-rate", "--capture-udp-rate", NW_OPT(udp), NW_OPT_NONE},
    {"--icmp-rate", "--capture-icmp-rate", NW_OPT(icmp), NW_OPT_NONE},
    {"--scan-ports", "--capture-scan-ports", NW_OPT(scan), NW_OPT_NONE},
    {"--deviation", "--capture-deviation", NW_OPT(deviation), NW_OPT_NONE},
    {"--silence-factor", "--capture-silence-factor", NW_OPT(silence_factor), NW_OPT_NONE},
    {"--silence-min", "--capture-silence-min", NW_OPT(silence_min), NW_OPT_NONE},
    {"--max-flows", "--capture-max-flows", NW_OPT(max_flows), NW_OPT_NONE},
    {"--snaplen", "--capture-snaplen", NW_OPT(snaplen), NW_OPT_NONE},
    {"--oui", "--capture-oui", NW_OPT(oui), NW_OPT_NONE},
    {"--timezone", "--capture-timezone", NW_OPT(timezone), NW_OPT_NONE},
    {"--ipv6", "--capture-ipv6", NW_OPT_NONE, NW_OPT(ipv6)},
    {"--no-promisc", "--capture-no-promisc", NW_OPT_NONE, NW_OPT(no_promisc)},
};

size_t cli_netwatch_opts(struct cli_nw_opts *o, bool serve, struct cli_opt *opts)
{
    _Static_assert(AG_ARRAY_LEN(nw_opts) <= CLI_NW_OPTS_MAX, "CLI_NW_OPTS_MAX too small");
    char *base = (char *)o;
    for (size_t i = 0; i < AG_ARRAY_LEN(nw_opts); i++)
        opts[i] = (struct cli_opt){
            serve ? nw_opts[i].serve : nw_opts[i].name,
            nw_opts[i].value == NW_OPT_NONE ? NULL : (const char **)(base + nw_opts[i].value),
            nw_opts[i].flag == NW_OPT_NONE ? NULL : (bool *)(base + nw_opts[i].flag)};
    return AG_ARRAY_LEN(nw_opts);
}

/* The option as the user spelt it (netwatch's name, or serve's), for the error messages. */
static const char *opt_name(const char *name, bool serve)
{
    for (size_t i = 0; serve && i < AG_ARRAY_LEN(nw_opts); i++)
        if (strcmp(nw_opts[i].name, name) == 0)
            return nw_opts[i].serve;
    return name;
}

static int parse_uint(struct cli *cli, const char *opt, const char *v, unsigned long max,
                      unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long x = v ? strtoul(v, &end, 10) : 0;
    if (!v || errno || end == v || *end || v[0] == '-' || x > max)
        return cli_fail(cli, AG_EUSAGE, cli_tr(cli, "netwatch: %s needs a whole number up to %lu"),
                        opt, max);
    *out = x;
    return AG_OK;
}

static int parse_args(struct cli *cli, int argc, char **argv, struct nw_args *a)
{
    memset(a, 0, sizeof(*a));
    a->sub = argv[1];
    /* -r FILE may be repeated, and files may follow it: "-r a.pcap b.pcap" */
    char **rest = calloc((size_t)argc + 1, sizeof(char *));
    if (!rest)
        return cli_fail(cli, AG_ENOMEM, "%s", cli_tr(cli, "out of memory"));
    int nrest = 0;
    for (int i = 0; i < argc; i++) {
        if (i >= 2 && strcmp(argv[i], "-r") == 0) {
            if (i + 1 >= argc) {
                free(rest);
                return cli_fail(cli, AG_EUSAGE, cli_tr(cli, "option \"%s\" needs a value"), "-r");
            }
            if (a->nfiles >= NW_MAX_FILES) {
                free(rest);
                return cli_fail(cli, AG_EUSAGE, cli_tr(cli, "netwatch: at most %d files"),
                                NW_MAX_FILES);
            }
            a->files[a->nfiles++] = argv[++i];
            continue;
        }
        rest[nrest++] = argv[i];
    }
    enum { NFIXED = 15 };
    struct cli_opt opts[NFIXED + CLI_NW_OPTS_MAX] = {
        {"-o", &a->out, NULL},
        {"--out", &a->out, NULL},
        {"--baseline", &a->baseline, NULL},
        {"--state", &a->state, NULL},
        {"--config", &a->config, NULL},
        {"-i", &a->iface, NULL},
        {"--interface", &a->iface, NULL},
        {"--user", &a->user, NULL},
        {"--duration", &a->duration, NULL},
        {"--archive-days", &a->archive_days, NULL},
        {"--libpcap", NULL, &a->libpcap},
        {"--store", NULL, &a->store},
        {"--csv", NULL, &a->csv},
        {"--compare", NULL, &a->compare},
        {"--learn", NULL, &a->learn},
    };
    size_t nopts = NFIXED + cli_netwatch_opts(&a->o, false, opts + NFIXED);
    const char *pos[NW_MAX_FILES];
    size_t npos = 0;
    int rc = cli_parse(cli, nrest, rest, 2, opts, nopts, pos, NW_MAX_FILES, &npos);
    free(rest);
    if (rc)
        return rc;
    for (size_t i = 0; i < npos; i++) {
        if (a->nfiles >= NW_MAX_FILES)
            return cli_fail(cli, AG_EUSAGE, cli_tr(cli, "netwatch: at most %d files"),
                            NW_MAX_FILES);
        a->files[a->nfiles++] = pos[i];
    }
    return AG_OK;
}

/* What the shared options set (netwatch capture's, serve's --capture-*). */
struct nw_settings {
    struct nw_watch_config wc;
    struct nw_source_opts so;
    struct nw_flow_opts fo;
    struct nw_cidr *cidrs; /* allocated: nw_settings_release */
    uint16_t *vlans;
};

static void nw_settings_release(struct nw_settings *st)
{
    free(st->cidrs);
    free(st->vlans);
    st->cidrs = NULL;
    st->vlans = NULL;
}

static int parse_factor(struct cli *cli, const char *opt, const char *v, double *out)
{
    char *end;
    double f = strtod(v, &end);
    if (end == v || *end || !(f >= 1.0 && f <= 1000.0))
        return cli_fail(cli, AG_EUSAGE, cli_tr(cli, "netwatch: %s needs a factor from 1 to 1000"),
                        opt);
    *out = f;
    return AG_OK;
}

/* The one parser of the shared options (netwatch learn/watch/capture and serve --capture):
 * errors name the option as the user spelt it (serve: --capture-…). The hours' time zone is
 * --timezone, else site.timezone of the YAML file site_config (logwatch's; NULL: none), else
 * unset (learning: UTC; watching: the baseline's). */
static int nw_settings_parse(struct cli *cli, const struct cli_nw_opts *o, bool serve,
                             const char *site_config, struct nw_settings *st)
{
    memset(st, 0, sizeof(*st));
    struct nw_watch_config *wc = &st->wc;
    struct ag_error err;
    if (o->internal) {
        size_t n;
        if (nw_cidr_list_parse(o->internal, &st->cidrs, &n, &err))
            return cli_fail(cli, AG_EUSAGE, "%s: %s", opt_name("--internal", serve), err.msg);
        wc->internal = st->cidrs;
        wc->internal_count = n;
    }
    wc->ipv6_allowed = o->ipv6;
    if (o->ipv6_vlans) {
        size_t cap = 1;
        for (const char *c = o->ipv6_vlans; *c; c++)
            cap += *c == ',';
        st->vlans = calloc(cap, sizeof(uint16_t));
        if (!st->vlans)
            return cli_fail(cli, AG_ENOMEM, "%s", cli_tr(cli, "out of memory"));
        const char *c = o->ipv6_vlans;
        while (*c) {
            char item[16];
            size_t n = strcspn(c, ",");
            snprintf(item, sizeof(item), "%.*s", (int)(n < 15 ? n : 15), c);
            if (n >= 15)
                item[0] = 'x'; /* too long to be a VLAN id: refused below with the others */
            unsigned long v = 0;
            if (parse_uint(cli, opt_name("--ipv6-vlans", serve), item, 4094, &v))
                return AG_EUSAGE;
            st->vlans[wc->ipv6_vlan_count++] = (uint16_t)v;
            c += n;
            if (*c == ',')
                c++;
        }
        wc->ipv6_vlans = st->vlans;
    }
    uint32_t snaplen = 0;
    struct {
        const char *opt, *v;
        uint32_t *dst;
        unsigned long max;
    } nums[] = {
        {"--window", o->window, &wc->window_s, 86400},
        {"--syn-rate", o->syn, &wc->syn_per_s, 100000000},
        {"--udp-rate", o->udp, &wc->udp_per_s, 100000000},
        {"--icmp-rate", o->icmp, &wc->icmp_per_s, 100000000},
        {"--scan-ports", o->scan, &wc->scan_ports, 65535},
        {"--silence-min", o->silence_min, &wc->silence_min_s, 7 * 86400},
        {"--max-flows", o->max_flows, &st->fo.max_flows, 100000000},
        {"--snaplen", o->snaplen, &snaplen, 262144},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(nums); i++) {
        unsigned long v = 0;
        if (!nums[i].v)
            continue;
        if (parse_uint(cli, opt_name(nums[i].opt, serve), nums[i].v, nums[i].max, &v))
            return AG_EUSAGE;
        *nums[i].dst = (uint32_t)v;
    }
    if (o->deviation &&
        parse_factor(cli, opt_name("--deviation", serve), o->deviation, &wc->deviation_factor))
        return AG_EUSAGE;
    if (o->silence_factor && parse_factor(cli, opt_name("--silence-factor", serve),
                                          o->silence_factor, &wc->silence_factor))
        return AG_EUSAGE;
    if (o->timezone) {
        if (!ag_utc_offset_parse(o->timezone, &wc->utc_offset))
            return cli_fail(cli, AG_EUSAGE,
                            cli_tr(cli, "netwatch: %s needs an offset from UTC such as +09:00"),
                            opt_name("--timezone", serve));
        wc->utc_offset_set = true;
    } else if (site_config) {
        struct lw_config lc;
        struct strbuf errs;
        lw_config_init(&lc);
        strbuf_init(&errs, 0);
        int rc = lw_config_load(site_config, &lc, cli->lang, &errs);
        if (rc == AG_OK && lc.utc_offset_set) {
            wc->utc_offset_set = true;
            wc->utc_offset = lc.utc_offset;
        }
        lw_config_release(&lc);
        if (rc) {
            cli_fail(cli, AG_EUSAGE, "%s", errs.buf ? errs.buf : site_config);
            strbuf_release(&errs);
            return AG_EUSAGE;
        }
        strbuf_release(&errs);
    }
    st->so.bpf = o->filter;
    st->so.promisc = !o->no_promisc;
    st->so.snaplen = (int)snaplen;
    return AG_OK;
}

/* The baseline's hours and the watch's in different zones: said once, the watch's zone wins. */
static void warn_zone(struct cli *cli, const struct nw_watch_config *wc,
                      const struct nw_baseline *bl)
{
    if (!bl || !wc->utc_offset_set || wc->utc_offset == nw_baseline_utc_offset(bl))
        return;
    char a[7], b[7];
    ag_utc_offset_format(nw_baseline_utc_offset(bl), a);
    ag_utc_offset_format(wc->utc_offset, b);
    fprintf(stderr,
            cli_tr(cli, "netwatch: the baseline's hours of day are at %s, this watch's at %s: "
                        "its hourly profile is compared shifted\n"),
            a, b);
}

/* serve's configuration file: key capture_syn_rate is the option --capture-syn-rate. Each key
 * is checked alone as the capture will check it (the detail first, then the file's line), and
 * set unless the command line gave the option. */
int cli_netwatch_opts_from_file(struct cli *cli, struct cli_nw_opts *o, const char *file,
                                const struct web_config_capture_key *keys, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char opt[64];
        snprintf(opt, sizeof(opt), "--%s", keys[k].key);
        for (char *c = opt + 2; *c; c++)
            if (*c == '_')
                *c = '-';
        size_t i = 0;
        while (i < AG_ARRAY_LEN(nw_opts) &&
               (strcmp(nw_opts[i].serve, opt) != 0 || strncmp(opt, "--capture-", 10) != 0))
            i++;
        if (i == AG_ARRAY_LEN(nw_opts) || nw_opts[i].value == NW_OPT(filter))
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli,
                                   "%s:%d: unknown key \"%s\" (the capture's keys are its "
                                   "--capture-* options spelt capture_*: docs/web/running.md)"),
                            file, keys[k].line, keys[k].key);
        char *base = (char *)o;
        if (nw_opts[i].flag != NW_OPT_NONE) {
            bool yes = strcmp(keys[k].value, "yes") == 0;
            if (!yes && strcmp(keys[k].value, "no") != 0)
                return cli_fail(cli, AG_EXIT_BADINPUT,
                                cli_tr(cli, "%s:%d: key \"%s\": \"%s\" is neither yes nor no"),
                                file, keys[k].line, keys[k].key, keys[k].value);
            bool *dst = (bool *)(base + nw_opts[i].flag);
            *dst = *dst || yes; /* the command line's flag stays */
            continue;
        }
        struct cli_nw_opts one = {0};
        *(const char **)((char *)&one + nw_opts[i].value) = keys[k].value;
        struct nw_settings st;
        int rc = nw_settings_parse(cli, &one, true, NULL, &st);
        nw_settings_release(&st);
        if (rc)
            return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "%s:%d: in key \"%s\" (see above)"),
                            file, keys[k].line, keys[k].key);
        const char **dst = (const char **)(base + nw_opts[i].value);
        if (!*dst)
            *dst = keys[k].value;
    }
    return AG_EXIT_OK;
}

/* Drops root to `user` after the capture is open (ARCHITECTURE: bind and open capture first). */
int cli_drop_privileges(struct cli *cli, const char *user)
{
    struct passwd *pw = getpwnam(user);
    if (!pw)
        return cli_fail(cli, AG_EUSAGE, cli_tr(cli, "netwatch: no such user \"%s\""), user);
    if (setgroups(0, NULL) != 0 || setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
        return cli_fail(cli, AG_EDENIED, cli_tr(cli, "netwatch: cannot become \"%s\": %s"), user,
                        strerror(errno));
    if (setuid(0) == 0)
        return cli_fail(cli, AG_EDENIED, cli_tr(cli, "netwatch: cannot become \"%s\": %s"), user,
                        "setuid(0) still works");
    return AG_OK;
}

static int64_t wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

/* One turn of a live capture: the next frame through the pipeline, or (none within the
 * source's timeout) the clock's tick. Returns 1 (a frame), 0 (none) or the error, reported. */
static int live_step(struct nw_run *r, struct nw_source *s, int64_t *now)
{
    struct nw_frame f;
    struct ag_error err;
    int got = nw_source_next(s, &f, &err);
    if (got < 0)
        return cli_fail(r->cli, got, "%s", err.msg);
    *now = wall_ns();
    if (got == 1)
        run_frame(r, &f);
    else if (*now - r->last_tick_ns >= NS_PER_S)
        run_tick(r, *now); /* quiet network: windows still close */
    return got;
}

static int run_live(struct nw_run *r, const struct nw_args *a, const struct nw_source_opts *so)
{
    struct cli *cli = r->cli;
    unsigned long duration = 0;
    if (a->duration && parse_uint(cli, "--duration", a->duration, 31536000, &duration))
        return AG_EUSAGE;
    struct nw_source *s;
    struct ag_error err;
    if (nw_source_open_live(a->iface, so, &s, &err))
        return cli_fail(cli, AG_EIO, "%s", err.msg);
    if (nw_source_warning(s))
        fprintf(stderr, "%s: %s\n", cli->prog, nw_source_warning(s));
    if (a->user && cli_drop_privileges(cli, a->user)) {
        nw_source_free(s);
        return AG_EDENIED;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    fprintf(stderr, "%s %s\n", cli_tr(cli, "netwatch: capturing on"), a->iface);
    int64_t start = wall_ns(), last_state = start;
    int rc = AG_OK;
    while (!stop_requested) {
        int64_t now = 0;
        int got = live_step(r, s, &now);
        if (got < 0) {
            rc = got;
            break;
        }
        if (duration && now - start >= (int64_t)duration * NS_PER_S)
            break;
        if (a->state && now - last_state >= 10 * NS_PER_S) {
            struct nw_source_stats st;
            nw_source_get_stats(s, &st);
            r->src.kernel_drops = st.kernel_drops;
            r->src.if_drops = st.if_drops;
            save_state(r, a->state);
            last_state = now;
        }
        if (got == 1 && (r->packets & 0xff) == 0)
            fflush(stdout);
    }
    add_source_stats(r, s);
    nw_source_free(s);
    return rc;
}

/* The details of a run record: what was watched, against which baseline (an absolute path
 * when it can be had: the status check names it), and what came of it. */
static json_t *run_details(const struct nw_run *r, const struct nw_args *a, const char *iface,
                           const char *baseline)
{
    json_t *d = json_object();
    if (!d)
        return NULL;
    json_object_set_new(d, "mode", json_string(iface ? "capture" : "watch"));
    if (iface)
        json_object_set_new(d, "interface", json_string(iface));
    if (a) {
        json_t *files = json_array();
        for (size_t i = 0; files && i < a->nfiles; i++)
            json_array_append_new(files, json_string(a->files[i]));
        json_object_set_new(d, "files", files ? files : json_null());
    }
    if (baseline) {
        char *abs = realpath(baseline, NULL);
        json_object_set_new(d, "baseline", json_string(abs ? abs : baseline));
        free(abs);
    }
    json_object_set_new(d, "packets", json_integer((json_int_t)r->packets));
    json_object_set_new(d, "alerts", json_integer((json_int_t)r->alerts));
    json_object_set_new(d, "devices",
                        json_integer(r->assets ? (json_int_t)nw_assets_count(r->assets) : 0));
    return d;
}

static void run_release(struct nw_run *r)
{
    nw_detect_free(r->detect);
    nw_baseline_free(r->learn);
    nw_assets_free(r->assets);
    nw_flows_free(r->flows);
    nw_oui_free(r->oui);
    lw_output_free(r->out);
    cli_alert_sink_free(r->sink);
}

static int open_outputs(struct nw_run *r, const struct nw_args *a)
{
    struct cli *cli = r->cli;
    struct lw_output_config oc;
    struct ag_error err;
    lw_output_config_init(&oc);
    if (a->config && lw_output_config_load(a->config, &oc, &err))
        return cli_fail(cli, AG_EUSAGE, "%s", err.msg);
    if (a->store)
        oc.store = true;
    if (!oc.store && !oc.json_path[0] && !oc.syslog_host[0])
        return AG_OK;
    if (oc.store && cli_alert_sink_open(cli, &oc, &r->sink))
        return AG_EIO;
    if (lw_output_open(&r->out, &oc, r->sink ? cli_alert_store_sink : NULL, r->sink, &err))
        return cli_fail(cli, AG_EIO, "%s", err.msg);
    return AG_OK;
}

static int stats_from_state(struct cli *cli, const char *dir)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/netwatch.json", dir ? dir : ".");
    json_error_t je;
    json_t *o = json_load_file(path, 0, &je);
    if (!o)
        return cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "netwatch: no statistics in %s: %s"), path,
                        je.text);
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (s)
        puts(s);
    free(s);
    json_decref(o);
    return AG_EXIT_OK;
}

int cmd_netwatch(struct cli *cli, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(cli_tr(cli, "netwatch-usage"), argc < 2 ? stderr : stdout);
        return argc < 2 ? AG_EXIT_BADINPUT : AG_EXIT_OK;
    }
    struct nw_args a;
    if (parse_args(cli, argc, argv, &a))
        return AG_EXIT_BADINPUT;
    struct nw_run r = {.cli = cli};
    const char *sub = a.sub;
    if (strcmp(sub, "learn") == 0)
        r.mode = MODE_LEARN;
    else if (strcmp(sub, "watch") == 0 || strcmp(sub, "capture") == 0)
        r.mode = MODE_WATCH;
    else if (strcmp(sub, "inventory") == 0)
        r.mode = MODE_INVENTORY;
    else if (strcmp(sub, "stats") == 0)
        r.mode = MODE_STATS;
    else
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "netwatch: unknown subcommand \"%s\""),
                        sub);
    bool live = strcmp(sub, "capture") == 0;
    if (live && a.learn)
        r.mode = MODE_LEARN;
    if (r.mode == MODE_STATS && a.nfiles == 0)
        return stats_from_state(cli, a.state);
    if (live ? !a.iface : a.nfiles == 0)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, live ? "netwatch: capture needs -i IFACE"
                                         : "netwatch: no capture file given (-r FILE)"));
    if (r.mode == MODE_LEARN && !a.out)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "netwatch: learn needs -o BASELINE.json"));

    struct nw_settings set;
    struct nw_baseline *bl = NULL;
    struct ag_error err;
    int rc = nw_settings_parse(cli, &a.o, false, a.config, &set);
    const struct nw_source_opts *so = &set.so;
    set.so.use_libpcap = a.libpcap;
    if (rc)
        goto out;
    if ((rc = nw_flows_new(&set.fo, &r.flows))) {
        cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
        goto out;
    }
    r.oui_dir = a.o.oui;
    if (r.mode != MODE_STATS) {
        /* only the inventory shows the devices' vendors; learn and watch count devices */
        struct nw_assets_opts ao = {.oui = r.mode == MODE_INVENTORY ? run_oui(&r) : NULL};
        if ((rc = nw_assets_new(&ao, &r.assets))) {
            cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
            goto out;
        }
    }
    if (r.mode == MODE_LEARN && (rc = nw_baseline_new(&r.learn))) {
        cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
        goto out;
    }
    if (r.learn && set.wc.utc_offset_set)
        nw_baseline_set_utc_offset(r.learn, set.wc.utc_offset);
    if (r.mode == MODE_WATCH) {
        if (a.baseline && (rc = nw_baseline_load(a.baseline, &bl, &err))) {
            cli_fail(cli, rc, "%s", err.msg);
            goto out;
        }
        if (!a.baseline)
            fprintf(stderr, "%s\n",
                    cli_tr(cli, "netwatch: no --baseline: new_device, new_conversation and "
                                "baseline_deviation are off"));
        warn_zone(cli, &set.wc, bl);
        if ((rc = open_outputs(&r, &a)))
            goto out;
        if ((rc = nw_detect_new(&set.wc, bl, on_alert, &r, &r.detect))) {
            cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
            goto out;
        }
        /* the run is evidence for the measures netwatch serves (compliance.c: alerts.netwatch,
         * netwatch_baseline); begun before a capture drops privileges */
        cli_monitor_run_begin(cli, "netwatch", &r.run);
    }
    if (live) {
        rc = run_live(&r, &a, so);
    } else {
        for (size_t i = 0; i < a.nfiles && !rc && !stop_requested; i++)
            rc = run_file(&r, a.files[i], so);
    }
    if (rc)
        goto out;
    if (r.detect) {
        run_tick(&r, r.last_ns);
        nw_detect_finish(r.detect);
    }
    /* the end of the input ends every flow: the counters then do not depend on how far the
     * table's incremental expiry had got (which depends on its random hash seed) */
    nw_flows_expire(r.flows, INT64_MAX, NULL, NULL);
    if (r.out && !r.out_rc && lw_output_flush(r.out, &r.out_err))
        r.out_rc = AG_EIO;
    if (r.out_rc) {
        rc = cli_fail(cli, r.out_rc, "%s", r.out_err.msg);
        goto out;
    }
    if (r.mode == MODE_LEARN && (rc = nw_baseline_save(r.learn, a.out, &err))) {
        cli_fail(cli, rc, "%s", err.msg);
        goto out;
    }
    if (r.mode == MODE_INVENTORY) {
        json_t *inv = NULL, *missing = NULL;
        if ((rc = nw_assets_to_json(r.assets, &inv))) {
            cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
            goto out;
        }
        /* --store compares always: the stored statuses are what the web shows */
        if ((a.compare || a.store) && (rc = compare_register(cli, inv, &missing))) {
            json_decref(inv);
            json_decref(missing);
            goto out;
        }
        if (a.store && (rc = store_inventory(cli, inv, a.nfiles ? a.files[0] : a.iface))) {
            json_decref(inv);
            json_decref(missing);
            goto out;
        }
        if (!a.compare) { /* the output is the one without --compare */
            json_decref(missing);
            missing = NULL;
        }
        if (cli->json) {
            json_t *doc = inv;
            if (missing) {
                doc = json_object();
                json_object_set_new(doc, "observed", inv);
                json_object_set_new(doc, "registered_not_observed", missing);
                missing = NULL;
            }
            char *s = json_dumps(doc, JSON_INDENT(2));
            if (s)
                puts(s);
            free(s);
            json_decref(doc);
        } else {
            if (a.csv)
                inventory_csv(inv);
            else
                inventory_table(cli, inv);
            json_decref(inv);
        }
        json_decref(missing);
    }
    if (a.state && (rc = save_state(&r, a.state)))
        goto out;
    json_t *st = run_stats_json(&r);
    if (r.mode == MODE_STATS) {
        if (cli->json) {
            char *s = json_dumps(st, JSON_INDENT(2) | JSON_SORT_KEYS);
            if (s)
                puts(s);
            free(s);
        } else {
            print_stats_text(&r, st);
        }
    } else {
        /* a summary line on standard error, like logwatch's */
        fprintf(stderr,
                cli_tr(cli, "netwatch: %llu packets, %llu flows, %zu devices, %llu alerts\n"),
                (unsigned long long)r.packets,
                (unsigned long long)json_integer_value(
                    json_object_get(json_object_get(st, "flows"), "created")),
                r.assets ? nw_assets_count(r.assets) : (size_t)0, (unsigned long long)r.alerts);
    }
    json_decref(st);
out:
    if (r.run)
        cli_monitor_run_end(r.run, rc == 0,
                            run_details(&r, live ? NULL : &a, live ? a.iface : NULL, a.baseline));
    run_release(&r);
    nw_baseline_free(bl);
    nw_settings_release(&set);
    return rc ? cli_status(rc) : AG_EXIT_OK;
}

/* ---- the live capture inside `airguard serve` (cli.h; a thread of serve_monitors.c) ---- */

struct cli_nw_capture {
    struct nw_run r;
    struct cli_nw_capture_config cfg;
    struct nw_source *src;
    struct nw_baseline *bl;
    struct nw_settings set;
    int64_t last_flush, last_inventory;
};

#define CAPTURE_INVENTORY_EVERY (60 * NS_PER_S)

int cli_netwatch_capture_open(struct cli *cli, const struct cli_nw_capture_config *cfg,
                              struct cli_nw_capture **out)
{
    struct cli_nw_capture *c = calloc(1, sizeof(*c));
    struct ag_error err;
    int rc;
    *out = NULL;
    if (!c)
        return cli_fail(cli, AG_ENOMEM, "%s", cli_tr(cli, "out of memory"));
    c->cfg = *cfg;
    c->r.cli = cli;
    c->r.mode = MODE_WATCH;
    c->r.quiet = true;
    if ((rc = nw_settings_parse(cli, &cfg->opts, true, cfg->site_config, &c->set)))
        goto fail;
    c->r.oui_dir = cfg->opts.oui;
    if ((rc = nw_flows_new(&c->set.fo, &c->r.flows))) {
        cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
        goto fail;
    }
    /* the inventory is stored, so its vendors are wanted now; through run_oui, so that the
     * first alert naming a MAC does not load the lists a second time (LeakSanitizer found the
     * first copy lost in serve --capture) */
    struct nw_assets_opts ao = {.oui = run_oui(&c->r)};
    if ((rc = nw_assets_new(&ao, &c->r.assets))) {
        cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
        goto fail;
    }
    if (cfg->baseline && (rc = nw_baseline_load(cfg->baseline, &c->bl, &err))) {
        cli_fail(cli, rc, "%s", err.msg);
        goto fail;
    }
    if (!cfg->baseline)
        fprintf(stderr, "%s\n",
                cli_tr(cli, "netwatch: no --baseline: new_device, new_conversation and "
                            "baseline_deviation are off"));
    struct lw_output_config oc;
    lw_output_config_init(&oc);
    oc.store = true;
    if ((rc = lw_output_open(&c->r.out, &oc, cfg->store, cfg->ctx, &err))) {
        cli_fail(cli, rc, "%s", err.msg);
        goto fail;
    }
    warn_zone(cli, &c->set.wc, c->bl);
    if ((rc = nw_detect_new(&c->set.wc, c->bl, on_alert, &c->r, &c->r.detect))) {
        cli_fail(cli, rc, "%s", cli_tr(cli, "out of memory"));
        goto fail;
    }
    if ((rc = nw_source_open_live(cfg->iface, &c->set.so, &c->src, &err))) {
        cli_fail(cli, rc, "%s", err.msg);
        goto fail;
    }
    if (nw_source_warning(c->src))
        fprintf(stderr, "%s: %s\n", cli->prog, nw_source_warning(c->src));
    *out = c;
    return AG_OK;
fail:
    json_decref(cli_netwatch_capture_free(c));
    return rc ? rc : AG_EINVAL;
}

/* Hands what is buffered to the writer: the alerts' partial batch and, when due (or at_end),
 * the inventory. */
static void capture_hand_over(struct cli_nw_capture *c, int64_t now, bool at_end)
{
    struct nw_run *r = &c->r;
    if (r->out && lw_output_flush(r->out, &r->out_err) && r->out_rc == 0) {
        r->out_rc = AG_EIO;
        cli_fail(r->cli, 0, "%s", r->out_err.msg);
    }
    c->last_flush = now;
    if (!c->cfg.inventory || (!at_end && now - c->last_inventory < CAPTURE_INVENTORY_EVERY))
        return;
    c->last_inventory = now;
    json_t *inv = NULL;
    if (nw_assets_to_json(r->assets, &inv) == AG_OK && json_array_size(inv))
        c->cfg.inventory(c->cfg.ctx, inv, c->cfg.iface); /* taken */
    else
        json_decref(inv);
}

int cli_netwatch_capture_run(struct cli_nw_capture *c, const volatile int *stop)
{
    struct nw_run *r = &c->r;
    int rc = AG_OK;
    c->last_flush = c->last_inventory = wall_ns();
    while (!*stop) {
        int64_t now = 0;
        int got = live_step(r, c->src, &now);
        if (got < 0) {
            rc = got;
            break;
        }
        if (now - c->last_flush >= NS_PER_S)
            capture_hand_over(c, now, false);
    }
    if (r->detect) {
        run_tick(r, r->last_ns > r->last_tick_ns ? r->last_ns : r->last_tick_ns);
        nw_detect_finish(r->detect);
    }
    capture_hand_over(c, wall_ns(), true);
    add_source_stats(r, c->src);
    return rc ? rc : r->out_rc;
}

json_t *cli_netwatch_capture_free(struct cli_nw_capture *c)
{
    if (!c)
        return NULL;
    json_t *d = run_details(&c->r, NULL, c->cfg.iface ? c->cfg.iface : "-", c->cfg.baseline);
    nw_source_free(c->src);
    run_release(&c->r);
    nw_baseline_free(c->bl);
    nw_settings_release(&c->set);
    free(c);
    return d;
}
