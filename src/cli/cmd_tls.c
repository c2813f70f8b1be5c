/*
 * cmd_tls.c — `airguard tls init DIR [--host NAME[,NAME…]] [--force]`: a self-signed certificate
 * and key for the first start over HTTPS (web_tls_selfsigned, src/web/tls.c). The names default
 * to this machine's host name; localhost and 127.0.0.1 are always included. A separate command
 * from `db init` because a certificate has its own life: it is renewed yearly, or replaced by
 * one from the operator's CA, without touching the store.
 */
#include "cli/cli.h"
#include "web/web.h"

#include <unistd.h>

#define TLS_MAX_HOSTS 16

int cmd_tls(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *host = NULL;
    bool force = false;
    size_t npos;
    const struct cli_opt opts[] = {{"--host", &host, NULL}, {"--force", NULL, &force}};
    if (argc < 2 || strcmp(argv[1], "init") != 0 ||
        cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 1, &npos) || npos != 1) {
        fputs(cli_tr(cli, "tls-usage"), stderr);
        return AG_EXIT_BADINPUT;
    }
    char names[1024], self[256];
    const char *hosts[TLS_MAX_HOSTS + 1];
    size_t nhosts = 0;
    if (host) {
        if (strlen(host) >= sizeof(names))
            return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                            cli_tr(cli, "--host: the list is too long"));
        memcpy(names, host, strlen(host) + 1);
        for (char *p = names; p;) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            if (!*p)
                return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                                cli_tr(cli, "--host: an empty name in the list"));
            if (nhosts == TLS_MAX_HOSTS + 1)
                break; /* web_tls_selfsigned refuses more than TLS_MAX_HOSTS */
            hosts[nhosts++] = p;
            p = comma ? comma + 1 : NULL;
        }
    } else if (gethostname(self, sizeof(self)) == 0 && self[0]) {
        self[sizeof(self) - 1] = '\0';
        hosts[nhosts++] = self;
    }
    struct ag_error err;
    ag_error_clear(&err);
    int rc = web_tls_selfsigned(pos[0], hosts, nhosts, force, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    printf(cli_tr(cli, "wrote %s/cert.pem and %s/key.pem (self-signed, valid for 365 days)\n"),
           pos[0], pos[0]);
    printf(cli_tr(cli, "start the server with: airguard serve --listen ADDR:443 --cert %s/cert.pem "
                       "--key %s/key.pem\n"),
           pos[0], pos[0]);
    return AG_EXIT_OK;
}
