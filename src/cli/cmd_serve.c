/*
 * cmd_serve.c — `airguard serve`: runs the web application (src/web) until SIGTERM/SIGINT.
 */
#include "cli/cli.h"
#include "store/store.h"
#include "web/web.h"

int cmd_serve(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *listen = NULL, *cert = NULL, *key = NULL, *threads = NULL;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--listen", &listen, NULL},
        {"--cert", &cert, NULL},
        {"--key", &key, NULL},
        {"--threads", &threads, NULL},
    };
    if (cli_parse(cli, argc, argv, 1, opts, AG_ARRAY_LEN(opts), pos, 0, &npos)) {
        fputs(cli_tr(cli, "serve-usage"), stderr);
        return AG_EXIT_BADINPUT;
    }
    struct web_config cfg;
    web_config_init(&cfg);
    if (listen)
        cfg.listen = listen;
    cfg.db_path = cli->db_path ? cli->db_path : store_default_path();
    cfg.tls_cert = cert;
    cfg.tls_key = key;
    cfg.log = stdout;
    if (threads) {
        char *end;
        long n = strtol(threads, &end, 10);
        if (!*threads || *end || n < 1 || n > 4)
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "--threads: \"%s\" is not a number from 1 to 4"), threads);
        cfg.threads = (unsigned)n;
    }
    struct catalog *cat;
    if (cli_load_catalog(cli, &cat))
        return AG_EXIT_FAIL;
    struct ag_error err;
    ag_error_clear(&err);
    int rc = web_serve(&cfg, cat, &err);
    catalog_free(cat);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return AG_EXIT_OK;
}
