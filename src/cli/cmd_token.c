/*
 * cmd_token.c — `airguard token add|list|revoke`: bearer tokens of the JSON API (src/web/api.h,
 * docs/web/api.md). The secret is printed once, on standard output alone (so a script can
 * capture it); the store keeps only its SHA-256.
 */
#include "cli/cli.h"
#include "store/store.h"
#include "web/api.h"

#include <sodium.h>

int cmd_token(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *name = NULL, *scope = NULL, *expires = NULL;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--name", &name, NULL}, {"--scope", &scope, NULL}, {"--expires", &expires, NULL}};
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 1, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct ag_error err;
    int rc = AG_OK;
    ag_error_clear(&err);
    if (strcmp(sub, "list") == 0 && !name && !scope && !expires) {
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        const char *params[] = {npos ? pos[0] : ""};
        int status = cli_query_print(
            cli, st,
            "SELECT t.id, p.login, t.name, t.scopes, t.created_at AS created, t.last_used_at AS "
            "last_used, t.expires, CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked ' || "
            "t.revoked_at WHEN t.expires < strftime('%Y-%m-%d', 'now') THEN 'expired' WHEN "
            "a.locked = 1 OR p.active = 0 THEN 'account-locked' ELSE 'active' END AS state FROM "
            "api_tokens t JOIN accounts a ON a.id = t.account_id JOIN people p ON p.id = "
            "a.person_id WHERE ?1 = '' OR p.login = ?1 ORDER BY t.id",
            params, 1);
        store_free(st);
        return status;
    }
    if (npos != 1)
        goto usage;
    if (strcmp(sub, "add") == 0) {
        unsigned scopes;
        char token[API_TOKEN_LEN + 1], text[API_SCOPES_TEXT];
        long long id = 0;
        if (!name || !scope)
            goto usage;
        if (api_scopes_parse(scope, &scopes, &err))
            return cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        if ((rc = api_token_add(st, pos[0], name, scopes, expires, token, &id, &err)) == AG_OK) {
            api_scopes_format(scopes, text);
            fprintf(stderr,
                    cli_tr(cli, "created API token %lld for %s (%s); it is shown only now:\n"), id,
                    pos[0], text);
            printf("%s\n", token);
            sodium_memzero(token, sizeof(token));
        }
        store_free(st);
    } else if (strcmp(sub, "revoke") == 0 && !name && !scope && !expires) {
        char *end;
        long long id = strtoll(pos[0], &end, 10);
        if (*end || id <= 0)
            return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "token: \"%s\" is not a token id"),
                            pos[0]);
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        if ((rc = api_token_revoke(st, id, &err)) == AG_OK)
            printf(cli_tr(cli, "API token %lld revoked\n"), id);
        store_free(st);
    } else {
        goto usage;
    }
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return AG_EXIT_OK;
usage:
    fputs(cli_tr(cli, "token-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
