/*
 * bench_catalog.c — how long the catalog operations every command and (later) every web page
 * depend on take: load + validate the built-in catalog, look up by reference, full-text search,
 * OSCAL export. Prints the median and min of N runs in milliseconds. Timings are never asserted
 * (they vary on shared machines); bench/RESULTS.md records them.
 */
#include <stdlib.h>
#include <time.h>

#include "catalog/catalog.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *t, int n)
{
    qsort(t, (size_t)n, sizeof(*t), cmp);
    printf("%-34s median %8.3f ms   min %8.3f ms   (%d runs)\n", what, t[n / 2], t[0], n);
}

int main(int argc, char **argv)
{
    enum { RUNS = 31 };
    double t[RUNS];
    struct ag_error err;
    struct catalog *cat = NULL;
    (void)argc;
    (void)argv;

    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (catalog_load_default(&cat, &err) != AG_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        t[i] = now_ms() - t0;
        if (i + 1 < RUNS)
            catalog_free(cat);
    }
    size_t len;
    catalog_default_data(&len);
    printf("catalog: %zu nodes, %zu bytes\n", catalog_node_count(cat), len);
    report("load + validate", t, RUNS);

    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        for (int k = 0; k < 1000; k++)
            if (!catalog_by_ref(cat, "3.1.5.1(2)(e)"))
                return 1;
        t[i] = now_ms() - t0;
    }
    report("1000 look-ups by reference", t, RUNS);

    const char *queries[] = {"パスワード", "ipv6", "多要素 認証", "access control"};
    for (size_t q = 0; q < AG_ARRAY_LEN(queries); q++) {
        for (int i = 0; i < RUNS; i++) {
            const struct catalog_node **res;
            size_t n;
            double t0 = now_ms();
            if (catalog_search(cat, queries[q], &res, &n) != AG_OK)
                return 1;
            t[i] = now_ms() - t0;
            free(res);
        }
        char label[64];
        snprintf(label, sizeof(label), "search \"%s\"", queries[q]);
        report(label, t, RUNS);
    }

    for (int i = 0; i < 11; i++) {
        struct strbuf sb;
        strbuf_init(&sb, 0);
        double t0 = now_ms();
        if (catalog_export(cat, CATALOG_FORMAT_OSCAL, AG_LANG_EN, &sb, &err) != AG_OK)
            return 1;
        t[i] = now_ms() - t0;
        strbuf_release(&sb);
    }
    report("OSCAL export", t, 11);
    catalog_free(cat);
    return 0;
}
