/*
 * bench_html.c — the HTML builder's escaping loop (html_textn), which every page runs over all
 * its text: the guideline's measures in Japanese and English, as the self-inspection sheet shows
 * them. Prints MB/s (median of N runs) for the Japanese and the English texts of the built-in
 * catalog. Never asserted; bench/RESULTS.md records it.
 */
#include <stdlib.h>
#include <time.h>

#include "catalog/catalog.h"
#include "web/web_int.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    enum { RUNS = 31 };
    struct ag_error err;
    struct catalog *cat = NULL;
    if (catalog_load_default(&cat, &err) != AG_OK) {
        fprintf(stderr, "bench_html: %s\n", err.msg);
        return 1;
    }
    for (int lang = 0; lang < 2; lang++) {
        enum ag_lang l = lang ? AG_LANG_EN : AG_LANG_JA;
        double mbs[RUNS];
        size_t bytes = 0;
        for (int r = 0; r < RUNS; r++) {
            struct html h;
            html_init(&h, 0);
            bytes = 0;
            double t0 = now_s();
            for (size_t i = 0; i < catalog_node_count(cat); i++) {
                const char *s = catalog_text_get(catalog_node_at(cat, i)->text, l);
                size_t n = strlen(s);
                html_textn(&h, s, n);
                bytes += n;
            }
            double t = now_s() - t0;
            mbs[r] = (double)bytes / 1e6 / (t > 0 ? t : 1e-9);
            html_release(&h);
        }
        qsort(mbs, RUNS, sizeof(*mbs), cmp);
        printf("html_textn, catalog texts (%s, %zu bytes)   median %7.1f MB/s   (%d runs)\n",
               ag_lang_code(l), bytes, mbs[RUNS / 2], RUNS);
    }
    catalog_free(cat);
    return 0;
}
