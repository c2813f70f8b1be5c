/*
 * serve_monitors.h — the monitors inside `airguard serve` (serve_monitors.c): syslog listeners
 * with logwatch's detection and netwatch's live capture in threads of their own, their alerts
 * and inventory written to the store by one writer thread.
 *
 * Order of use (main thread): serve_monitors_open (binds, opens the capture, opens the store and
 * begins the run records: before privileges are dropped), serve_monitors_start (the threads),
 * and, once the web server has returned, serve_monitors_stop (producers end and flush, the
 * writer drains, the run records end; frees).
 */
#ifndef AG_CLI_SERVE_MONITORS_H
#define AG_CLI_SERVE_MONITORS_H

#include "cli/cli.h"

#include <stdio.h>

/* NULL = not configured. Borrowed for the lifetime of the monitors. */
struct serve_monitors_config {
    const char *syslog_udp, *syslog_tcp; /* "HOST:PORT" to listen on (port 0: any free port) */
    const char *rules, *logwatch_config; /* logwatch's rules (default rules/) and YAML file */
    const char *capture, *baseline;      /* interface to capture on, netwatch baseline */
    struct cli_nw_opts capture_opts;     /* --internal, --capture-filter, --capture-syn-rate … */
};

struct serve_monitors;

/* Whether cfg asks for any monitor. */
bool serve_monitors_wanted(const struct serve_monitors_config *cfg);
/* Opens what cfg asks for; errors are printed and returned as an exit status. */
int serve_monitors_open(struct cli *cli, const struct serve_monitors_config *cfg,
                        struct serve_monitors **out) AG_MUST_CHECK;
/* Starts the writer and the monitor threads (SIGINT, SIGTERM, SIGHUP blocked in them). */
int serve_monitors_start(struct serve_monitors *m) AG_MUST_CHECK;
/* Stops, flushes and frees (NULL allowed); a summary line to log when not NULL. */
void serve_monitors_stop(struct serve_monitors *m, FILE *log);

/* The messages of serve's monitors (msgs_serve.c), registered by main.c. */
extern const struct ag_msg cli_serve_msgs[];
extern const size_t cli_serve_msgs_count;

#endif
