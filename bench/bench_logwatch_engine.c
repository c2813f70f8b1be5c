/*
 * bench_logwatch_engine.c — logwatch's whole detection path in memory, on a real-shaped log:
 * the file named on the command line (make bench passes the generated auth log) is read once,
 * then each run takes every line through the syslog header, the decoders and the rule engine
 * with the rule set named (the default rules/), counting alerts. Prints the median lines/s of
 * decode alone and of decode + rules + correlation, so the cost of detection shows by itself,
 * on wall time and on the thread's CPU time (on a shared machine the wall time also counts
 * the waits for a core; the CPU time does not).
 *   bench_logwatch_engine [--config FILE] [--json] LOGFILE RULES_DIR [RUNS]
 * --config: the logwatch YAML file, as `logwatch run --config` reads it (bench/site.yaml: the
 * site's time zone, working hours and service accounts — what an operator runs with). --json:
 * each alert is also made into its JSON object and text, as `logwatch run --json` prints it
 * (without it alerts are only counted: the engine's own cost).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "logwatch/logwatch.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

struct counter {
    size_t alerts, bytes;
    bool json;
};

static void count(void *ctx, const struct lw_alert *alert)
{
    struct counter *c = ctx;
    c->alerts++;
    if (!c->json)
        return;
    json_t *a = lw_alert_json(alert);
    char *t = a ? json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    c->bytes += t ? strlen(t) + 1 : 0;
    free(t);
    json_decref(a);
}

int main(int argc, char **argv)
{
    const char *config = NULL;
    bool json = false;
    while (argc > 1 && argv[1][0] == '-' && argv[1][1] == '-') {
        if (!strcmp(argv[1], "--config") && argc > 2) {
            config = argv[2];
            argv += 2;
            argc -= 2;
        } else if (!strcmp(argv[1], "--json")) {
            json = true;
            argv++;
            argc--;
        } else {
            break;
        }
    }
    if (argc < 3) {
        fprintf(stderr,
                "usage: bench_logwatch_engine [--config FILE] [--json] LOGFILE RULES_DIR [RUNS]\n");
        return 2;
    }
    int runs = argc > 3 ? (int)strtol(argv[3], NULL, 10) : 5;
    if (runs < 1 || runs > 99)
        runs = 5;
    struct ag_error err;
    char *text;
    size_t len;
    if (ag_file_read(argv[1], (size_t)4 << 30, &text, &len, &err) != AG_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    size_t nlines = 0, cap = 1 << 20;
    char **line = malloc(cap * sizeof(*line));
    size_t *llen = malloc(cap * sizeof(*llen));
    for (char *p = text, *end = text + len; p < end && line && llen;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (nlines == cap) {
            cap *= 2;
            line = realloc(line, cap * sizeof(*line));
            llen = realloc(llen, cap * sizeof(*llen));
            if (!line || !llen)
                return 1;
        }
        line[nlines] = p;
        llen[nlines++] = l;
        p += l + 1;
    }
    const char *paths[1] = {argv[2]};
    struct strbuf errs;
    strbuf_init(&errs, 0);
    double *dec = calloc((size_t)runs, sizeof(double)),
           *full = calloc((size_t)runs, sizeof(double)),
           *dec_cpu = calloc((size_t)runs, sizeof(double)),
           *full_cpu = calloc((size_t)runs, sizeof(double));
    struct counter alerts = {0, 0, json};
    size_t decoded = 0;
    struct lw_config cfg;
    lw_config_init(&cfg);
    if (config) {
        if (lw_config_load(config, &cfg, AG_LANG_EN, &errs) != AG_OK) {
            fprintf(stderr, "%s", strbuf_str(&errs));
            return 1;
        }
    }
    struct lw_engine_stats st = {0};
    for (int r = 0; r < runs; r++) {
        double t0 = now_s(), c0 = cpu_s();
        decoded = 0;
        for (size_t i = 0; i < nlines; i++) {
            struct lw_event ev;
            lw_syslog_parse(line[i], llen[i], 2026, &ev);
            decoded += lw_decode(&ev);
        }
        dec[r] = (double)nlines / (now_s() - t0);
        dec_cpu[r] = (double)nlines / (cpu_s() - c0);
        struct lw_ruleset *rs;
        if (lw_rules_load(paths, 1, false, AG_LANG_EN, &rs, &errs) != AG_OK) {
            fprintf(stderr, "%s", strbuf_str(&errs));
            return 1;
        }
        struct lw_engine *e;
        alerts.alerts = alerts.bytes = 0;
        if (lw_engine_new(&e, &cfg, count, &alerts) != AG_OK)
            return 1;
        lw_engine_set_rules(e, rs);
        t0 = now_s();
        c0 = cpu_s();
        for (size_t i = 0; i < nlines; i++) {
            struct lw_event ev;
            lw_syslog_parse(line[i], llen[i], 2026, &ev);
            lw_decode(&ev);
            lw_engine_event(e, &ev, "bench.log", i + 1, line[i], llen[i]);
        }
        lw_engine_tick(e, 0);
        full[r] = (double)nlines / (now_s() - t0);
        full_cpu[r] = (double)nlines / (cpu_s() - c0);
        lw_engine_stats(e, &st);
        lw_engine_free(e);
    }
    qsort(dec, (size_t)runs, sizeof(double), cmp);
    qsort(full, (size_t)runs, sizeof(double), cmp);
    qsort(dec_cpu, (size_t)runs, sizeof(double), cmp);
    qsort(full_cpu, (size_t)runs, sizeof(double), cmp);
    printf("logwatch in memory, %zu lines (%zu decoded), %s%s%s%s: decode %.2f M lines/s, decode + "
           "rules + correlation %.2f M lines/s (median of %d; %zu alerts, %zu keys, %llu "
           "matches); on CPU time: decode %.2f M, decode + rules + correlation %.2f M lines/s\n",
           nlines, decoded, argv[2], config ? ", --config " : "", config ? config : "",
           json ? ", alerts as JSON text" : "", dec[runs / 2] / 1e6, full[runs / 2] / 1e6, runs,
           alerts.alerts, st.keys, (unsigned long long)st.matches, dec_cpu[runs / 2] / 1e6,
           full_cpu[runs / 2] / 1e6);
    free(dec);
    free(full);
    free(dec_cpu);
    free(full_cpu);
    free(line);
    free(llen);
    free(text);
    strbuf_release(&errs);
    lw_config_release(&cfg);
    return 0;
}
