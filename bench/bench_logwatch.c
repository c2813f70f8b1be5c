/*
 * bench_logwatch.c — the first layer of logwatch: syslog header + decoder per line, in memory
 * (no I/O), over a generated auth log of 1,000,000 lines mixing normal logins, noise from other
 * programs, password-list attacks, brute force and probes. Prints lines/s (median of N runs).
 * The full pipeline (rules, correlation) and the peers (sshguard's parser, fail2ban-regex) come
 * with `logwatch run`; see bench/RESULTS.md.
 *   bench_logwatch                  the synthetic lines below
 *   bench_logwatch LOGFILE [RUNS]   header + decoders on every line of a log file read into
 *                                   memory first (e.g. gen_authlog's), median of RUNS (5) on
 *                                   wall and on the thread's CPU time; RUNS 1 under callgrind
 *                                   gives the instructions per line of header + decoders alone
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logwatch/logwatch.h"

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

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Header + decoders over every line of path, RUNS times. */
static int bench_file(const char *path, int runs)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 1 << 20, len = 0;
    char *text = malloc(cap);
    size_t r;
    while (text && (r = fread(text + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap)
            text = realloc(text, cap *= 2);
    }
    fclose(f);
    if (!text)
        return 1;
    size_t nlines = 0, lcap = 1024;
    const char **line = malloc(lcap * sizeof(*line));
    size_t *llen = malloc(lcap * sizeof(*llen));
    for (char *p = text, *end = text + len; line && llen && p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (nlines == lcap) {
            lcap *= 2;
            line = realloc(line, lcap * sizeof(*line));
            llen = realloc(llen, lcap * sizeof(*llen));
            if (!line || !llen)
                return 1;
        }
        line[nlines] = p;
        llen[nlines++] = l;
        p += l + 1;
    }
    if (!line || !llen)
        return 1;
    double *wall = calloc((size_t)runs, sizeof(double)),
           *cpu = calloc((size_t)runs, sizeof(double));
    if (!wall || !cpu)
        return 1;
    size_t decoded = 0, hostile = 0;
    for (int k = 0; k < runs; k++) {
        decoded = hostile = 0;
        double t0 = now_s(), c0 = cpu_s();
        for (size_t i = 0; i < nlines; i++) {
            struct lw_event ev;
            lw_syslog_parse(line[i], llen[i], 2026, &ev);
            if (lw_decode(&ev)) {
                decoded++;
                hostile += lw_event_hostile(&ev);
            }
        }
        wall[k] = (double)nlines / (now_s() - t0);
        cpu[k] = (double)nlines / (cpu_s() - c0);
    }
    qsort(wall, (size_t)runs, sizeof(double), cmp);
    qsort(cpu, (size_t)runs, sizeof(double), cmp);
    printf("logwatch header + decoders, %zu lines of %s in memory (%zu decoded, %zu hostile): "
           "median of %d %.2f M lines/s wall, %.2f M lines/s on CPU time (CPU runs:",
           nlines, path, decoded, hostile, runs, wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6);
    for (int k = 0; k < runs; k++)
        printf(" %.2f", cpu[k] / 1e6);
    printf(")\n");
    free(wall);
    free(cpu);
    free(line);
    free(llen);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        int runs = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 5;
        return bench_file(argv[1], runs > 0 ? runs : 5);
    }
    enum { LINES = 1000000, RUNS = 7 };
    static const char *const forms[] = {
        "Mar %2d %02d:%02d:%02d gw%d sshd[%d]: Failed password for invalid user u%d from "
        "203.0.113.%d port %d ssh2",
        "Mar %2d %02d:%02d:%02d gw%d sshd[%d]: Failed password for root%d from 198.51.100.%d "
        "port %d ssh2",
        "Mar %2d %02d:%02d:%02d gw%d sshd[%d]: Accepted publickey for ops%d from 10.0.0.%d port "
        "%d ssh2: ED25519 SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        "Mar %2d %02d:%02d:%02d gw%d CRON[%d]: pam_unix(cron:session): session opened for user "
        "root%d(uid=0) by (uid=%d) port %d",
        "Mar %2d %02d:%02d:%02d gw%d sshd[%d]: Connection closed by authenticating user u%d "
        "192.0.2.%d port %d [preauth]",
        "Mar %2d %02d:%02d:%02d gw%d systemd[%d]: Started session-%d.scope - Session %d of user "
        "ops (%d).",
        "Mar %2d %02d:%02d:%02d gw%d sshd[%d]: Did not receive identification string from "
        "2001:db8::%d:%x port %d",
    };
    char *buf = malloc((size_t)LINES * 160);
    size_t *off = malloc(sizeof(size_t) * (LINES + 1));
    if (!buf || !off)
        return 1;
    size_t pos = 0;
    srand(42);
    for (int i = 0; i < LINES; i++) {
        off[i] = pos;
        int f = rand() % (int)(sizeof(forms) / sizeof(forms[0]));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the forms above, all 9 ints */
        int len = snprintf(buf + pos, 160, forms[f], 1 + i % 28, i % 24, i % 60, i % 60, i % 4,
                           1000 + i % 30000, i % 500, 1 + i % 250, 1024 + i % 60000);
#pragma GCC diagnostic pop
        pos += (size_t)(len < 160 ? len : 159);
    }
    off[LINES] = pos;
    double rate[RUNS];
    size_t decoded = 0, hostile = 0;
    for (int r = 0; r < RUNS; r++) {
        decoded = hostile = 0;
        double t0 = now_s();
        for (int i = 0; i < LINES; i++) {
            struct lw_event ev;
            lw_syslog_parse(buf + off[i], off[i + 1] - off[i], 2024, &ev);
            if (lw_decode(&ev)) {
                decoded++;
                hostile += lw_event_hostile(&ev);
            }
        }
        rate[r] = LINES / (now_s() - t0);
    }
    qsort(rate, RUNS, sizeof(*rate), cmp);
    printf("logwatch header + sshd decoder, %d lines in memory (%zu decoded, %zu hostile): "
           "median %.2f million lines/s on one core (%d runs)\n",
           LINES, decoded, hostile, rate[RUNS / 2] / 1e6, RUNS);
    free(buf);
    free(off);
    return 0;
}
