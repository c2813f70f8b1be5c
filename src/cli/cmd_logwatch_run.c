/*
 * cmd_logwatch_run.c — `airguard logwatch run` (detect: lines → events → rules → alerts) and
 * `airguard logwatch test` (the same, explained: what fired, why, on which lines), and
 * `airguard logwatch rules` (load and list a rule set, or report its errors).
 */
#include "catalog/catalog.h"
#include "cli/cli.h"
#include "cli/logwatch_respond.h"
#include "logarchive/logarchive.h"
#include "logwatch/logwatch.h"
#include "store/store.h"

#include <errno.h>
#include <sys/stat.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef AG_RULES_DIR
#define AG_RULES_DIR "rules"
#endif

#define RUN_LINE_MAX 65536

struct cat_count {
    char name[64];
    uint64_t n;
};

/* The detection pipeline of `logwatch run`, `logwatch test` and `logwatch serve`: lines →
 * header and decoders → rules → alerts (to standard output). */
struct lw_pipeline {
    struct cli *cli;
    bool json, explain;
    int year;
    const char *rules_path, *config_path, *state_dir;
    bool keep_going;
    struct lw_config cfg;
    struct lw_engine *e;
    size_t nrules;
    uint64_t lines, decoded, cut, reloads, reload_errors;
    struct cat_count cats[64];
    size_t ncats;
    int64_t last_tick;
    struct lw_scratch scratch;   /* the strings of a JSON line's event (json.c) */
    struct cli_respond *respond; /* responses (block, lock) when a configuration is given */
    struct lw_output *out;       /* outputs: (JSON file, syslog forward, store, incidents) */
    struct cli_alert_sink *sink; /* the store behind the store output */
    struct cli_monitor_run *run; /* the run record (NULL: no store, or logwatch test) */
    bool out_stdout;             /* the outputs write JSON lines to standard output already */
    uint64_t out_errors;
    struct la_writer *archive;   /* log retention: every raw line, before detection */
    struct store *archive_store; /* the chain of its segments */
    uint64_t archive_errors;
};

static void count_category(struct lw_pipeline *P, const char *cat)
{
    for (size_t i = 0; i < P->ncats; i++)
        if (!strcmp(P->cats[i].name, cat)) {
            P->cats[i].n++;
            return;
        }
    if (P->ncats < AG_ARRAY_LEN(P->cats)) {
        snprintf(P->cats[P->ncats].name, sizeof(P->cats[P->ncats].name), "%s", cat);
        P->cats[P->ncats++].n = 1;
    }
}

static const char *jget(json_t *a, const char *k)
{
    const char *s = json_string_value(json_object_get(a, k));
    return s ? s : "";
}

static void alert_json(struct lw_pipeline *P, json_t *a)
{
    count_category(P, jget(a, "category"));
    if (P->respond) /* reports to standard error; failures are printed and counted there */
        (void)cli_respond_alert(P->respond, a);
    if (P->out) {
        struct ag_error err;
        if (lw_output_emit(P->out, a, &err) != AG_OK && P->out_errors++ < 5)
            cli_fail(P->cli, 0, "%s", err.msg);
        if (P->out_stdout)
            return;
    }
    if (P->json) {
        char *t = json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (t)
            puts(t);
        free(t);
        return;
    }
    printf("%s\t%s\t%s\tsrc=%s\tuser=%s\tcount=%lld\t%s\n", jget(a, "time"), jget(a, "level"),
           jget(a, "category"), jget(a, "src_ip"), jget(a, "user"),
           (long long)json_integer_value(json_object_get(a, "count")), jget(a, "rule"));
    if (!P->explain)
        return;
    json_t *v;
    size_t i;
    json_array_foreach(json_object_get(a, "guideline"), i, v)
    {
        printf("    %s %s\n", cli_tr(P->cli, "logwatch: guideline"), json_string_value(v));
    }
    if (json_array_size(json_object_get(a, "values"))) {
        printf("    %s", cli_tr(P->cli, "logwatch: values:"));
        json_array_foreach(json_object_get(a, "values"), i, v)
        {
            printf(" %s", json_string_value(v));
        }
        putchar('\n');
    }
    json_array_foreach(json_object_get(a, "evidence"), i, v)
    {
        printf("    %s %s\n", i == 0 ? ">" : "-", json_string_value(v));
    }
}

/* the engine hands over a plain record; every use here (responses, outputs, printing) reads the
 * JSON object of the contract, built once */
static void on_alert(void *ctx, const struct lw_alert *al)
{
    json_t *a = lw_alert_json(al);
    if (!a)
        return;
    alert_json(ctx, a);
    json_decref(a);
}

/* --no-cache of run and test (this process runs one command) */
static bool no_cache;
static char cache_dir[4096]; /* the folder cache_setup chose; "" when the cache is off */

/* The catalog's ref → id map for the rules' tags: with the built-in catalog and a cache folder,
 * the map kept there (catalog-refs-<sha256>.json: a 20 KB parse instead of the 1 MB catalog's);
 * else the catalog loaded for look-ups only (no search index, no digest), whose map is then
 * kept. *map or *cat is set. */
static int load_refs(struct cli *cli, struct catalog_refs **map, struct catalog **cat)
{
    *map = NULL;
    *cat = NULL;
    char name[128];
    bool cached = !cli->catalog_path && cache_dir[0];
    if (cached) {
        snprintf(name, sizeof(name), "catalog-refs-%s.json", catalog_default_sha256());
        char *buf;
        size_t len;
        if (ag_cache_read(cache_dir, name, 4u << 20, &buf, &len) == AG_OK) {
            int rc = catalog_refs_parse(buf, len, catalog_default_sha256(), map);
            free(buf);
            if (rc == AG_OK)
                return AG_EXIT_OK;
        }
    }
    struct ag_error err;
    if (catalog_load_flags(cat, cli->catalog_path, CATALOG_LOAD_NO_SEARCH | CATALOG_LOAD_NO_SHA256,
                           &err) != AG_OK)
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    if (cached) { /* for the next start; a failure only means the next start loads it again */
        struct strbuf sb;
        strbuf_init(&sb, 4u << 20);
        if (catalog_refs_json(*cat, &sb) == AG_OK &&
            ag_cache_write(cache_dir, name, sb.buf, sb.len) == AG_OK)
            ag_cache_trim(cache_dir, "catalog-refs-", ".json", 2, name);
        strbuf_release(&sb);
    }
    return AG_EXIT_OK;
}

/* Resolves every mlit.* tag of the rule set to a catalog id; an unknown reference is an
 * error (a rule citing a clause the guideline does not have is a mistake worth stopping for). */
static int resolve_refs(struct cli *cli, struct lw_ruleset *rs, bool keep_going)
{
    struct catalog *cat;
    struct catalog_refs *map;
    if (load_refs(cli, &map, &cat))
        return AG_EXIT_FAIL;
    int bad = 0;
    for (size_t i = 0; i < lw_ruleset_size(rs); i++) {
        size_t n;
        const char *const *refs = lw_rule_guideline(rs, i, &n);
        for (size_t k = 0; k < n; k++) {
            const struct catalog_node *node = cat ? catalog_by_ref(cat, refs[k]) : NULL;
            const char *id = map ? catalog_refs_find(map, refs[k]) : node ? node->id : NULL;
            if (!id) {
                cli_fail(cli, 0,
                         cli_tr(cli, "rule \"%s\": the tag mlit.%s names no item of the guideline"),
                         lw_rule_title(rs, i), refs[k]);
                bad++;
                continue;
            }
            if (lw_rule_set_catalog(rs, i, k, id) != AG_OK)
                bad++;
        }
    }
    catalog_refs_free(map);
    catalog_free(cat);
    return bad && !keep_going ? AG_EXIT_BADINPUT : AG_EXIT_OK;
}

/* Where compiled Vectorscan databases are kept (docs/logwatch.md "Start-up and the Vectorscan
 * cache"): the state folder when there is one, else $XDG_CACHE_HOME/airguard (~/.cache/airguard),
 * made 0700. Off with --no-cache or AIRGUARD_NO_CACHE=1. Nothing here is ever an error: without
 * a usable folder the rules are compiled, as without a cache. */
static void cache_setup(const char *state_dir)
{
    cache_dir[0] = '\0';
    if (no_cache || ag_cache_env_off()) {
        /* off */
    } else if (state_dir) {
        int k = snprintf(cache_dir, sizeof(cache_dir), "%s", state_dir);
        if (k <= 0 || (size_t)k >= sizeof(cache_dir))
            cache_dir[0] = '\0'; /* too long a path: no cache */
    } else if (ag_cache_default_dir(cache_dir, sizeof(cache_dir)) != AG_OK ||
               ag_cache_make_dir(cache_dir) != AG_OK) {
        cache_dir[0] = '\0';
    }
    lw_hs_cache_set_dir(cache_dir[0] ? cache_dir : NULL);
}

/* AIRGUARD_DEBUG=cache: what the cache did, on standard error */
static void cache_note(struct cli *cli)
{
    const char *env = getenv("AIRGUARD_DEBUG");
    if (!env || !strstr(env, "cache"))
        return;
    struct lw_hs_cache_stats st;
    lw_hs_cache_stats(&st);
    fprintf(stderr,
            cli_tr(cli, "logwatch: Vectorscan cache: %llu loaded, %llu compiled, %llu stored, "
                        "%llu refused\n"),
            (unsigned long long)st.hits, (unsigned long long)st.misses,
            (unsigned long long)st.stored, (unsigned long long)st.rejected);
}

static int load_rules(struct cli *cli, const char *const *paths, size_t n, bool keep_going,
                      struct lw_ruleset **rs)
{
    struct strbuf errs;
    strbuf_init(&errs, 1u << 20);
    int rc = lw_rules_load(paths, n, keep_going, cli->lang, rs, &errs);
    cache_note(cli);
    if (errs.len)
        fputs(strbuf_str(&errs), stderr);
    strbuf_release(&errs);
    if (rc != AG_OK)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "the rules did not load (use --keep-going to load the good "
                                    "ones)"));
    if (resolve_refs(cli, *rs, keep_going) != AG_EXIT_OK) {
        lw_ruleset_free(*rs);
        *rs = NULL;
        return AG_EXIT_BADINPUT;
    }
    return AG_EXIT_OK;
}

static int load_config(struct cli *cli, const char *path, struct lw_config *cfg)
{
    lw_config_init(cfg);
    if (!path)
        return AG_EXIT_OK;
    struct strbuf errs;
    strbuf_init(&errs, 1u << 16);
    int rc = lw_config_load(path, cfg, cli->lang, &errs);
    if (errs.len)
        fputs(strbuf_str(&errs), stderr);
    strbuf_release(&errs);
    if (rc != AG_OK) {
        lw_config_release(cfg);
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "the configuration %s has errors"),
                        path);
    }
    return AG_EXIT_OK;
}

int lw_pipeline_open(struct lw_pipeline **out, struct cli *cli, const char *rules_path,
                     const char *config_path, const char *state_dir, bool keep_going, bool explain,
                     int year)
{
    struct lw_pipeline *P = calloc(1, sizeof(*P));
    if (!P)
        return cli_fail(cli, AG_EXIT_FAIL, "%s", cli_tr(cli, "out of memory"));
    *P = (struct lw_pipeline){.cli = cli,
                              .json = cli->json,
                              .explain = explain,
                              .year = year,
                              .rules_path = rules_path ? rules_path : AG_RULES_DIR,
                              .config_path = config_path,
                              .state_dir = state_dir,
                              .keep_going = keep_going};
    struct lw_ruleset *rs = NULL;
    cache_setup(state_dir); /* serve's SIGHUP reloads use the same folder */
    int status = load_rules(cli, &P->rules_path, 1, keep_going, &rs);
    if (!status)
        status = load_config(cli, config_path, &P->cfg);
    if (!status && lw_engine_new(&P->e, &P->cfg, on_alert, P) != AG_OK)
        status = cli_fail(cli, AG_EXIT_FAIL, "%s", cli_tr(cli, "out of memory"));
    /* responses are configured in the same file (respond:, allowlist:; off unless enabled) */
    if (!status && config_path) { /* only when enabled: opening keeps a state folder */
        struct lw_respond_config rc;
        struct ag_error err;
        lw_respond_config_init(&rc); /* the file's keys over the defaults */
        if (lw_respond_config_load(config_path, &rc, &err) != AG_OK)
            status = cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
        else if (rc.enabled &&
                 cli_respond_open(cli, config_path, state_dir, false, stderr, &P->respond) != AG_OK)
            status = AG_EXIT_BADINPUT;
        lw_respond_config_release(&rc);
    }
    /* outputs: (JSON lines to a file, syslog forward, the store and incidents) */
    if (!status && config_path) {
        struct lw_output_config oc;
        struct ag_error err;
        int rc = lw_output_config_load(config_path, &oc, &err);
        if (rc)
            status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        else if (oc.json_path[0] || oc.syslog_proto != LW_SYSLOG_NONE || oc.store) {
            if (oc.store && cli_alert_sink_open(cli, &oc, &P->sink))
                status = AG_EXIT_FAIL;
            else if ((rc = lw_output_open(&P->out, &oc, P->sink ? cli_alert_store_sink : NULL,
                                          P->sink, &err)))
                status = cli_fail(cli, cli_status(rc), "%s", err.msg);
            P->out_stdout = strcmp(oc.json_path, "-") == 0;
        }
    }
    if (status) {
        lw_output_free(P->out);
        cli_alert_sink_free(P->sink);
        if (P->respond)
            (void)cli_respond_close(P->respond);
        lw_engine_free(P->e); /* before the configuration whose arrays it borrows */
        lw_ruleset_free(rs);
        lw_config_release(&P->cfg);
        free(P);
        return status;
    }
    P->nrules = lw_ruleset_size(rs);
    lw_engine_set_rules(P->e, rs);
    if (!explain) /* the run is evidence for the measures logwatch serves (compliance.h) */
        cli_monitor_run_begin(cli, "logwatch", &P->run);
    *out = P;
    return AG_EXIT_OK;
}

int lw_pipeline_serve(struct lw_pipeline *P, cli_store_fn fn, void *ctx,
                      struct cli_monitor_run **run)
{
    struct lw_output_config oc;
    struct ag_error err;
    int rc;
    lw_output_config_init(&oc);
    if (P->config_path && (rc = lw_output_config_load(P->config_path, &oc, &err)))
        return cli_fail(P->cli, cli_status(rc), "%s", err.msg);
    if (strcmp(oc.json_path, "-") == 0) /* standard output is the server's log */
        oc.json_path[0] = '\0';
    oc.store = true; /* through fn: serve's one writer, not a connection of our own */
    lw_output_free(P->out);
    P->out = NULL;
    cli_alert_sink_free(P->sink);
    P->sink = NULL;
    if ((rc = lw_output_open(&P->out, &oc, fn, ctx, &err)))
        return cli_fail(P->cli, cli_status(rc), "%s", err.msg);
    P->out_stdout = true; /* on_alert prints nothing more */
    *run = P->run;
    P->run = NULL;
    return AG_EXIT_OK;
}

/* the sink of every input */
void lw_pipeline_line(void *ctx, const struct lw_origin *o, char *line, size_t len)
{
    struct lw_pipeline *P = ctx;
    P->lines++;
    if (P->archive) { /* the line as received, before anything changes it */
        struct ag_error err;
        if (la_writer_append(P->archive, o ? o->name : "-", line, len, &err) != AG_OK &&
            P->archive_errors++ < 5)
            cli_fail(P->cli, 0, "%s", err.msg);
    }
    if (len && line[len - 1] == '\r')
        line[--len] = '\0';
    len = lw_strip_ansi(line, len);
    struct lw_event ev;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    /* a JSON object (Windows events, journald, JSON logs); one that does not parse is read as
     * a plain line */
    bool js = i < len && line[i] == '{' && lw_json_event(line, len, &ev, &P->scratch);
    if (!js)
        lw_syslog_parse(line, len, P->year, &ev);
    P->decoded += js || lw_decode(&ev);
    lw_engine_event(P->e, &ev, o ? o->name : "-", o ? o->lineno : 0, line, len);
}

/* SIGHUP: the rules again (the configuration's rules: keys apply on the next start). A rule
 * set that does not load leaves the running one in place. */
void lw_pipeline_reload(void *ctx)
{
    struct lw_pipeline *P = ctx;
    struct ag_error err;
    if (P->out && lw_output_reopen(P->out, &err) != AG_OK) /* after logrotate */
        cli_fail(P->cli, 0, "%s", err.msg);
    struct lw_ruleset *rs = NULL;
    if (load_rules(P->cli, &P->rules_path, 1, P->keep_going, &rs) != AG_EXIT_OK) {
        P->reload_errors++;
        cli_fail(P->cli, 0, "%s",
                 cli_tr(P->cli, "logwatch: the new rules did not load; the "
                                "running rules stay"));
        return;
    }
    P->nrules = lw_ruleset_size(rs);
    lw_engine_set_rules(P->e, rs);
    P->reloads++;
    fprintf(stderr, cli_tr(P->cli, "logwatch: %zu rules reloaded\n"), P->nrules);
}

static json_t *stats_json(const struct lw_pipeline *P)
{
    struct lw_engine_stats st;
    lw_engine_stats(P->e, &st);
    json_t *cats = json_object();
    for (size_t i = 0; i < P->ncats; i++)
        json_object_set_new(cats, P->cats[i].name, json_integer((json_int_t)P->cats[i].n));
    return json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}", "rules", (json_int_t)P->nrules,
        "lines", (json_int_t)P->lines, "decoded", (json_int_t)P->decoded, "unparsed",
        (json_int_t)(P->lines - P->decoded), "matches", (json_int_t)st.matches, "alerts",
        (json_int_t)st.alerts, "suppressed", (json_int_t)st.suppressed, "allowlisted",
        (json_int_t)st.allowlisted, "keys", (json_int_t)st.keys, "evicted", (json_int_t)st.evicted,
        "key_memory", (json_int_t)st.memory, "reloads", (json_int_t)P->reloads, "reload_errors",
        (json_int_t)P->reload_errors, "categories", cats);
}

/* the engine's counters to state_dir/engine.json (write-then-rename) */
static void write_stats(const struct lw_pipeline *P)
{
    if (!P->state_dir)
        return;
    json_t *j = stats_json(P);
    char *text = j ? json_dumps(j, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!text)
        return;
    struct strbuf path;
    strbuf_init(&path, 4096);
    strbuf_addf(&path, "%s/engine.json", P->state_dir);
    struct ag_error err;
    if (strbuf_ok(&path) && ag_file_write_atomic(strbuf_str(&path), text, strlen(text), &err))
        cli_fail(P->cli, 0, "%s", err.msg);
    strbuf_release(&path);
    free(text);
}

/* each turn of serve's loop: alerts reach a pipe at once; silences are judged by the wall
 * clock when the input is live; the counters are saved every few seconds */
void lw_pipeline_tick(void *ctx)
{
    struct lw_pipeline *P = ctx;
    fflush(stdout);
    int64_t now = (int64_t)ag_now();
    if (now - P->last_tick >= 5) {
        lw_engine_tick(P->e, now);
        struct ag_error err;
        if (P->out && lw_output_flush(P->out, &err) != AG_OK && P->out_errors++ < 5)
            cli_fail(P->cli, 0, "%s", err.msg);
        if (P->archive && la_writer_tick(P->archive, now, &err) != AG_OK && P->archive_errors++ < 5)
            cli_fail(P->cli, 0, "%s", err.msg);
        write_stats(P);
        P->last_tick = now;
        cli_monitor_run_beat(P->run);
    }
}

/* The end: silences up to the last event, the summary, the counters; frees P. */
void lw_pipeline_close(struct lw_pipeline *P)
{
    lw_engine_tick(P->e, 0);
    fflush(stdout);
    struct lw_engine_stats st;
    lw_engine_stats(P->e, &st);
    fprintf(stderr,
            cli_tr(P->cli, "logwatch: %zu rules, %llu lines, %llu decoded, %llu rule matches, "
                           "%llu alerts, %llu suppressed, %llu allowlisted, %zu keys, %llu "
                           "evicted"),
            P->nrules, (unsigned long long)P->lines, (unsigned long long)P->decoded,
            (unsigned long long)st.matches, (unsigned long long)st.alerts,
            (unsigned long long)st.suppressed, (unsigned long long)st.allowlisted, st.keys,
            (unsigned long long)st.evicted);
    fputc('\n', stderr);
    for (size_t i = 0; i < P->ncats; i++)
        fprintf(stderr, "  %-24s %llu\n", P->cats[i].name, (unsigned long long)P->cats[i].n);
    write_stats(P);
    if (P->out) {
        struct ag_error err;
        if (lw_output_flush(P->out, &err) != AG_OK)
            cli_fail(P->cli, 0, "%s", err.msg);
        lw_output_free(P->out);
    }
    cli_alert_sink_free(P->sink);
    if (P->respond)
        (void)cli_respond_close(P->respond);
    if (P->archive) {
        struct ag_error err;
        struct la_writer_stats ws;
        la_writer_stats(P->archive, &ws);
        if (la_writer_close(P->archive, &err) != AG_OK)
            cli_fail(P->cli, 0, "%s", err.msg);
        else
            fprintf(stderr, cli_tr(P->cli, "logwatch: %llu lines archived (%llu errors)\n"),
                    (unsigned long long)ws.lines, (unsigned long long)P->archive_errors);
    }
    store_free(P->archive_store);
    cli_monitor_run_end(P->run, true,
                        json_pack("{s:I,s:I,s:I,s:I}", "rules", (json_int_t)P->nrules, "lines",
                                  (json_int_t)P->lines, "decoded", (json_int_t)P->decoded, "alerts",
                                  (json_int_t)st.alerts));
    lw_engine_free(P->e);
    lw_config_release(&P->cfg);
    free(P);
}

int lw_pipeline_archive(struct lw_pipeline *P, const char *dir)
{
    struct la_options o;
    la_options_init(&o);
    o.year = P->year;
    o.utc_offset = P->cfg.utc_offset;
    struct ag_error err;
    char cfg_dir[4096] = "";
    int rc;
    if (P->config_path &&
        (rc = la_config_load(P->config_path, cfg_dir, sizeof(cfg_dir), &o, &err)) != AG_OK)
        return cli_fail(P->cli, cli_status(rc), "%s", err.msg);
    if (!dir && !cfg_dir[0])
        return AG_EXIT_OK; /* no archive asked for */
    if (!dir)
        dir = cfg_dir;
    if (cli_open_store(P->cli, &P->archive_store))
        return AG_EXIT_BADINPUT;
    rc = la_writer_open(&P->archive, dir, P->archive_store, &o, &err);
    if (rc) {
        store_free(P->archive_store);
        P->archive_store = NULL;
        return cli_fail(P->cli, cli_status(rc), "%s", err.msg);
    }
    return AG_EXIT_OK;
}

static int parse_year(struct cli *cli, const char *year_s, int *year)
{
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    *year = tm.tm_year + 1900;
    if (!year_s)
        return AG_EXIT_OK;
    char *end;
    long y = strtol(year_s, &end, 10);
    if (*end || y < 1970 || y > 9999)
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "bad year \"%s\" (expected 1970–9999)"),
                        year_s);
    *year = (int)y;
    return AG_EXIT_OK;
}

/* run and test share everything but the output */
static int detect(struct cli *cli, int argc, char **argv, bool test)
{
    const char *pos[256], *rules_dir = NULL, *config = NULL, *year_s = NULL, *state = NULL,
                          *archive = NULL;
    size_t npos;
    bool keep_going = false;
    const struct cli_opt opts[] = {
        {"--rules", &rules_dir, NULL},  {"--config", &config, NULL},
        {"--year", &year_s, NULL},      {"--state", &state, NULL},
        {"--archive", &archive, NULL},  {"--keep-going", NULL, &keep_going},
        {"--no-cache", NULL, &no_cache}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    int year;
    if (parse_year(cli, year_s, &year))
        return AG_EXIT_BADINPUT;
    size_t first_input = 0;
    if (test) { /* logwatch test RULE_OR_DIR LOGFILE... */
        if (npos < 2)
            return cli_fail(
                cli, AG_EXIT_BADINPUT, "%s",
                cli_tr(cli, "logwatch test needs a rule file or folder and a log file"));
        rules_dir = pos[0];
        first_input = 1;
    }
    if (state && mkdir(state, 0700) != 0 && errno != EEXIST)
        return cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot open %s: %s"), state,
                        strerror(errno));
    struct lw_pipeline *P;
    int status = lw_pipeline_open(&P, cli, rules_dir, config, state, keep_going, test, year);
    if (status)
        return status;
    if (!test && (status = lw_pipeline_archive(P, archive))) {
        lw_pipeline_close(P);
        return status;
    }
    if (npos == first_input)
        pos[npos++] = "-";
    for (size_t i = first_input; i < npos; i++) {
        struct lw_input_stats in;
        int st = cli_logwatch_read(cli, pos[i], state, lw_pipeline_line, P, &in);
        P->cut += in.cut;
        if (st)
            status = st;
    }
    lw_pipeline_close(P);
    return status;
}

int cmd_logwatch_run(struct cli *cli, int argc, char **argv)
{
    return detect(cli, argc, argv, false);
}

int cmd_logwatch_test(struct cli *cli, int argc, char **argv)
{
    return detect(cli, argc, argv, true);
}

/* logwatch rules [--keep-going] [PATH...]: load, resolve, list (or report errors) */
int cmd_logwatch_rules(struct cli *cli, int argc, char **argv)
{
    const char *pos[64];
    size_t npos;
    bool keep_going = false;
    const struct cli_opt opts[] = {{"--keep-going", NULL, &keep_going}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    if (npos == 0)
        pos[npos++] = AG_RULES_DIR;
    struct lw_ruleset *rs;
    cache_setup(NULL);
    int status = load_rules(cli, pos, npos, keep_going, &rs);
    if (status)
        return status;
    for (size_t i = 0; i < lw_ruleset_size(rs); i++) {
        size_t n;
        const char *const *refs = lw_rule_guideline(rs, i, &n);
        printf("%s", lw_rule_title(rs, i));
        for (size_t k = 0; k < n; k++)
            printf("%s%s", k ? ", " : "\t", refs[k]);
        putchar('\n');
    }
    lw_ruleset_free(rs);
    return AG_EXIT_OK;
}

/* logwatch stats --state DIR: the counters run and serve leave there (inputs.json from the
 * inputs, engine.json from the engine): lines read, parsed, unparsed, alerts, drops, keys and
 * their memory. */
int cmd_logwatch_stats(struct cli *cli, int argc, char **argv)
{
    const char *pos[4], *state = NULL;
    size_t npos;
    const struct cli_opt opts[] = {{"--state", &state, NULL}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    if (!state)
        state = npos ? pos[0] : "data/logwatch";
    json_t *all = json_object();
    static const char *const parts[] = {"engine", "inputs"};
    for (size_t i = 0; i < AG_ARRAY_LEN(parts); i++) {
        struct strbuf p;
        strbuf_init(&p, 4096);
        strbuf_addf(&p, "%s/%s.json", state, parts[i]);
        json_error_t je;
        json_t *j = strbuf_ok(&p) ? json_load_file(strbuf_str(&p), 0, &je) : NULL;
        if (j)
            json_object_set_new(all, parts[i], j);
        strbuf_release(&p);
    }
    if (json_object_size(all) == 0) {
        json_decref(all);
        return cli_fail(cli, AG_EXIT_FAIL,
                        cli_tr(cli, "logwatch stats: no counters in %s (run or serve with "
                                    "--state %s first)"),
                        state, state);
    }
    if (cli->json) {
        char *t = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (t)
            puts(t);
        free(t);
        json_decref(all);
        return AG_EXIT_OK;
    }
    printf(cli_tr(cli, "logwatch counters (%s)\n"), state);
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(all, "engine"), k, v)
    {
        if (json_is_integer(v))
            printf("  %-14s %lld\n", k, (long long)json_integer_value(v));
    }
    json_t *cats = json_object_get(json_object_get(all, "engine"), "categories");
    json_object_foreach(cats, k, v)
    {
        printf("    %-24s %lld\n", k, (long long)json_integer_value(v));
    }
    size_t i;
    json_array_foreach(json_object_get(json_object_get(all, "inputs"), "inputs"), i, v)
    {
        printf("  %s %s:", json_string_value(json_object_get(v, "kind")),
               json_string_value(json_object_get(v, "name")));
        const char *f;
        json_t *x;
        json_object_foreach(v, f, x)
        {
            if (json_is_integer(x))
                printf(" %s=%lld", f, (long long)json_integer_value(x));
        }
        putchar('\n');
    }
    json_decref(all);
    return AG_EXIT_OK;
}
