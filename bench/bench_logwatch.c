/*
 * bench_logwatch.c — the first layer of logwatch: syslog header + decoder per line, in memory
 * (no I/O), over a generated auth log of 1,000,000 lines mixing normal logins, noise from other
 * programs, password-list attacks, brute force and probes. Prints lines/s (median of N runs).
 * The full pipeline (rules, correlation) and the peers (sshguard's parser, fail2ban-regex) come
 * with `logwatch run`; see bench/RESULTS.md.
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

int main(void)
{
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
