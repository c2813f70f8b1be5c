/*
 * cmd_serve.c — `airguard serve [--config FILE]`: runs the web application (src/web) and, when
 * configured, the monitors (syslog listeners with detection, live capture: serve_monitors.c)
 * until SIGTERM/SIGINT. Settings come from, in order of precedence: the command line (--listen,
 * --db, --cert, --key, --threads, --syslog-udp, --syslog-tcp, --rules, --logwatch-config,
 * --capture, --baseline, --internal, --user, --notify-every), the configuration file
 * (docs/web/running.md), $AIRGUARD_DB for the store, the built-in defaults.
 *
 * Order (ARCHITECTURE "process model"): the listeners are bound and the capture opened, then
 * privileges are dropped (--user), then the monitors' threads start, then the web runs in this
 * thread until the signal; the monitors stop after it, flushing their alerts to the store.
 */
#include "cli/cli.h"
#include "cli/serve_monitors.h"
#include "notify/notify.h"
#include "store/store.h"
#include "web/web.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

int cmd_serve(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *listen = NULL, *cert = NULL, *key = NULL, *threads = NULL;
    const char *config = NULL, *notify_every = NULL;
    struct web_config o = {0};   /* the monitors' options given on the command line */
    struct cli_nw_opts nw = {0}; /* the capture's (the table netwatch capture shares) */
    size_t npos;
    enum { NFIXED = 13 };
    struct cli_opt opts[NFIXED + CLI_NW_OPTS_MAX] = {
        {"--listen", &listen, NULL},
        {"--cert", &cert, NULL},
        {"--key", &key, NULL},
        {"--threads", &threads, NULL},
        {"--config", &config, NULL},
        {"--syslog-udp", &o.syslog_udp, NULL},
        {"--syslog-tcp", &o.syslog_tcp, NULL},
        {"--rules", &o.rules, NULL},
        {"--logwatch-config", &o.logwatch_config, NULL},
        {"--capture", &o.capture, NULL},
        {"--baseline", &o.baseline, NULL},
        {"--user", &o.user, NULL},
        {"--notify-every", &notify_every, NULL},
    };
    size_t nopts = NFIXED + cli_netwatch_opts(&nw, true, opts + NFIXED);
    if (cli_parse(cli, argc, argv, 1, opts, nopts, pos, 0, &npos)) {
        fputs(cli_tr(cli, "serve-usage"), stderr);
        return AG_EXIT_BADINPUT;
    }
    struct web_config cfg;
    struct ag_error err;
    char *storage = NULL;
    ag_error_clear(&err);
    web_config_init(&cfg);
    if (config && web_config_load(&cfg, config, &storage, &err) != AG_OK)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
    if (cfg.ncapture_keys) {
        int rc = cli_netwatch_opts_from_file(cli, &nw, cfg.config_name, cfg.capture_keys,
                                             cfg.ncapture_keys);
        if (rc) {
            free(storage);
            return rc;
        }
    }
    if (listen)
        cfg.listen = listen;
    const char **mine[] = {&cfg.syslog_udp, &cfg.syslog_tcp, &cfg.rules, &cfg.logwatch_config,
                           &cfg.capture,    &cfg.baseline,   &cfg.user};
    const char *const given[] = {o.syslog_udp, o.syslog_tcp, o.rules, o.logwatch_config,
                                 o.capture,    o.baseline,   o.user};
    for (size_t i = 0; i < AG_ARRAY_LEN(mine); i++)
        if (given[i])
            *mine[i] = given[i];
    if (cli->db_path)
        cfg.db_path = cli->db_path;
    else if (!cfg.db_path)
        cfg.db_path = store_default_path();
    cli->db_path = cfg.db_path; /* the monitors write to the store the web reads */
    if (cert || key) { /* the pair is replaced as a whole: never a file's cert with another key */
        cfg.tls_cert = cert;
        cfg.tls_key = key;
    }
    cfg.log = stdout;
    int status = AG_EXIT_OK;
    if (threads) {
        char *end;
        long n = strtol(threads, &end, 10);
        if (!*threads || *end || n < 1 || n > 4) {
            status =
                cli_fail(cli, AG_EXIT_BADINPUT,
                         cli_tr(cli, "--threads: \"%s\" is not a number from 1 to 4"), threads);
            goto out;
        }
        cfg.threads = (unsigned)n;
    }
    long every = 0; /* seconds between notification rounds; 0 = none (docs/compliance.md) */
    if (notify_every) {
        char *end;
        every = strtol(notify_every, &end, 10);
        if (!*notify_every || *end || every < 10 || every > 86400) {
            status = cli_fail(
                cli, AG_EXIT_BADINPUT,
                cli_tr(cli, "--notify-every: \"%s\" is not a number of seconds from 10 to 86400"),
                notify_every);
            goto out;
        }
    }
    struct catalog *cat;
    if (cli_load_catalog(cli, &cat)) {
        status = AG_EXIT_FAIL;
        goto out;
    }
    struct serve_monitors_config mc = {
        .syslog_udp = cfg.syslog_udp,
        .syslog_tcp = cfg.syslog_tcp,
        .rules = cfg.rules,
        .logwatch_config = cfg.logwatch_config,
        .capture = cfg.capture,
        .baseline = cfg.baseline,
        .capture_opts = nw,
    };
    if (!mc.capture_opts.internal) /* the file's keys, unless the command line gave them */
        mc.capture_opts.internal = cfg.internal;
    if (!mc.capture_opts.filter)
        mc.capture_opts.filter = cfg.capture_filter;
    struct serve_monitors *mon = NULL;
    struct notify_daemon *nd = NULL;
    /* SIGINT/SIGTERM wait for web_serve's sigwait: blocked before any thread starts */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    if (serve_monitors_wanted(&mc) && (status = serve_monitors_open(cli, &mc, &mon)))
        goto stop;
    if (cfg.user && (status = cli_drop_privileges(cli, cfg.user) ? AG_EXIT_FAIL : AG_EXIT_OK))
        goto stop;
    if (mon && (status = serve_monitors_start(mon)))
        goto stop;
    int rc = every ? notify_daemon_start(&nd, cfg.db_path, (unsigned)every, cfg.log, &err) : AG_OK;
    if (rc == AG_OK)
        rc = web_serve(&cfg, cat, &err);
    if (rc)
        status = cli_fail(cli, cli_status(rc), "%s", err.msg);
stop:
    notify_daemon_stop(nd);
    serve_monitors_stop(mon, cfg.log);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    catalog_free(cat);
out:
    free(storage);
    return status;
}
