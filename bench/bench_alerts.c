/*
 * bench_alerts.c — storing logwatch's alerts (isms_alert_add_batch) against the architecture's
 * target of ≥ 100,000 alert rows/s with batched transactions, and the list queries the /alerts
 * page and the API run on the result. The alerts are built before the clock starts (the rule
 * engine hands over jansson objects); the time includes checking each object, the inserts with
 * their indexes and item links, the batch's digest and audit row, and the commit (WAL, the
 * store's settings). Prints medians; bench/RESULTS.md records them. Nothing is asserted.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "isms/alert.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A realistic alert: the contract's keys, two evidence lines of a typical auth log. */
static json_t *make(long i)
{
    static const char *const cats[] = {"brute_force",    "password_list_attack",
                                       "password_spray", "login_after_failures",
                                       "web_attack",     "off_hours_login"};
    static const char *const levels[] = {"low", "medium", "high", "critical"};
    char id[32], ip[32], user[32], t[32], ev1[200], ev2[200];
    snprintf(id, sizeof(id), "lw-%016lx", (unsigned long)i * 2654435761UL);
    snprintf(ip, sizeof(ip), "203.0.%ld.%ld", (i / 250) % 250, i % 250);
    snprintf(user, sizeof(user), "user%ld", i % 5000);
    snprintf(t, sizeof(t), "2026-11-%02ldT%02ld:%02ld:%02ldZ", 1 + (i / 86400) % 28,
             (i / 3600) % 24, (i / 60) % 60, i % 60);
    snprintf(ev1, sizeof(ev1),
             "Nov 26 05:10:00 gw01 sshd[%ld]: Failed password for %s from %s port %ld ssh2", i,
             user, ip, 1024 + i % 60000);
    snprintf(ev2, sizeof(ev2),
             "Nov 26 05:10:02 gw01 sshd[%ld]: Failed password for invalid user admin from %s "
             "port %ld ssh2",
             i, ip, 1025 + i % 60000);
    return json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:[s],s:[s],s:[s],s:[s,s]}", "id", id,
        "time", t, "category", cats[i % 6], "rule", "SSH brute force on one account", "rule_id",
        "0b6b5c1e-1111-4a4a-9999-000000000001", "level", levels[i % 4], "src_ip", ip, "user", user,
        "host", "gw01", "count", (int)(5 + i % 20), "first", t, "last", t, "guideline",
        "3.1.5.1(2)(e)", "catalog", "3.1.5.1-2-e", "attack", "t1110.001", "evidence", ev1, ev2);
}

/* *rate: alerts per second of wall-clock time; *cpu_rate: per second of this process's CPU
 * time (the machine may be shared: the CPU rate is what one free core would do). */
static int run_ingest(struct store *st, const struct catalog *cat, json_t **v, long n, size_t batch,
                      double *rate, double *cpu_rate)
{
    struct ag_error err;
    struct isms_alert_stats stats = {0};
    double t0 = now_s(), c0 = cpu_s();
    for (long i = 0; i < n; i += (long)batch) {
        size_t k = (size_t)(n - i) < batch ? (size_t)(n - i) : batch;
        if (isms_alert_add_batch(st, cat, v + i, k, NULL, &stats, &err) != AG_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
    }
    *rate = (double)n / (now_s() - t0);
    *cpu_rate = (double)n / (cpu_s() - c0);
    return stats.added == (size_t)n ? 0 : 1;
}

int main(int argc, char **argv)
{
    long N = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
    enum { RUNS = 3 };
    static const size_t batches[] = {100, 1000, 10000};
    struct ag_error err;
    struct catalog *cat;
    char dir[] = "/tmp/ag-bench-alerts-XXXXXX", path[64];
    if (!mkdtemp(dir) || catalog_load_default(&cat, &err) != AG_OK)
        return 1;
    store_global_init();
    json_t **v = malloc(sizeof(*v) * N);
    for (long i = 0; i < N; i++)
        if (!(v[i] = make(i)))
            return 1;
    printf("alerts: %ld alerts per run, the contract's keys with 2 evidence lines\n", N);
    struct store *st = NULL;
    for (size_t b = 0; b < AG_ARRAY_LEN(batches); b++) {
        double r[RUNS], c[RUNS];
        for (int k = 0; k < RUNS; k++) {
            snprintf(path, sizeof(path), "%s/b%zu-%d.db", dir, b, k);
            if (store_open(&st, path, STORE_CREATE, &err) != AG_OK ||
                store_migrate(st, NULL, &err) != AG_OK) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            store_set_actor(st, "bench");
            if (run_ingest(st, cat, v, N, batches[b], &r[k], &c[k]))
                return 1;
            if (b + 1 < AG_ARRAY_LEN(batches) || k + 1 < RUNS)
                store_free(st);
        }
        qsort(r, RUNS, sizeof(*r), cmp);
        qsort(c, RUNS, sizeof(*c), cmp);
        printf("ingest, batches of %-6zu  wall: median %7.0f alerts/s (min %7.0f, max %7.0f)   "
               "per CPU second: median %7.0f\n",
               batches[b], r[RUNS / 2], r[0], r[RUNS - 1], c[RUNS / 2]);
    }
    /* the list on the last store (N rows): newest page, a filter, the next page */
    const struct {
        const char *what;
        struct isms_alert_filter f;
    } queries[] = {
        {"list: newest 50", {.limit = 50}},
        {"list: category, 50", {.category = "password_spray", .limit = 50}},
        {"list: level high+, 50", {.level = "high", .limit = 50}},
        {"list: one address", {.src_ip = "203.0.7.7", .limit = 50}},
        {"list: status new, page 100", {.status = "new", .after = N - 5000, .limit = 50}},
        {"list: guideline item, 50", {.item = "3.1.5.1-2-e", .limit = 50}},
    };
    for (size_t q = 0; q < AG_ARRAY_LEN(queries); q++) {
        double t[31];
        for (int k = 0; k < 31; k++) {
            json_t *items;
            long long next;
            double t0 = now_s();
            if (isms_alert_query(st, &queries[q].f, &items, &next, &err) != AG_OK) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            t[k] = (now_s() - t0) * 1e3;
            json_decref(items);
        }
        qsort(t, 31, sizeof(*t), cmp);
        printf("%-38s median %8.3f ms   min %8.3f ms\n", queries[q].what, t[15], t[0]);
    }
    double t[11];
    for (int k = 0; k < 11; k++) {
        json_t *sum;
        double t0 = now_s();
        if (isms_alert_summary(st, "2026-11-27T00:00:00Z", &sum, &err) != AG_OK)
            return 1;
        t[k] = (now_s() - t0) * 1e3;
        json_decref(sum);
    }
    qsort(t, 11, sizeof(*t), cmp);
    printf("%-38s median %8.3f ms   min %8.3f ms\n", "dashboard card (24 h, unacknowledged)", t[5],
           t[0]);
    store_free(st);
    for (long i = 0; i < N; i++)
        json_decref(v[i]);
    free(v);
    catalog_free(cat);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
