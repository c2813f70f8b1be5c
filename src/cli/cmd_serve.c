/*
 * cmd_serve.c — `airguard serve [--config FILE]`: runs the web application (src/web) until
 * SIGTERM/SIGINT. Settings come from, in order of precedence: the command line (--listen, --db,
 * --cert, --key, --threads), the configuration file (docs/web/running.md), $AIRGUARD_DB for the
 * store, the built-in defaults.
 */
#include "cli/cli.h"
#include "notify/notify.h"
#include "store/store.h"
#include "web/web.h"

#include <stdlib.h>

int cmd_serve(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *listen = NULL, *cert = NULL, *key = NULL, *threads = NULL;
    const char *config = NULL, *notify_every = NULL;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--listen", &listen, NULL}, {"--cert", &cert, NULL},
        {"--key", &key, NULL},       {"--threads", &threads, NULL},
        {"--config", &config, NULL}, {"--notify-every", &notify_every, NULL},
    };
    if (cli_parse(cli, argc, argv, 1, opts, AG_ARRAY_LEN(opts), pos, 0, &npos)) {
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
    if (listen)
        cfg.listen = listen;
    if (cli->db_path)
        cfg.db_path = cli->db_path;
    else if (!cfg.db_path)
        cfg.db_path = store_default_path();
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
    struct notify_daemon *nd = NULL;
    int rc = every ? notify_daemon_start(&nd, cfg.db_path, (unsigned)every, cfg.log, &err) : AG_OK;
    if (rc == AG_OK)
        rc = web_serve(&cfg, cat, &err);
    notify_daemon_stop(nd);
    catalog_free(cat);
    if (rc)
        status = cli_fail(cli, cli_status(rc), "%s", err.msg);
out:
    free(storage);
    return status;
}
