/*
 * cmd_audit.c — `airguard audit verify` (the hash-chained audit trail is intact and every record
 * matches its last audited state) and `airguard audit log [--entity T] [--limit N]`. Other
 * `audit` subcommands are the ISMS audits of 3.3.1.1(2) (cmd_auditplan.c).
 */
#include "cli/cli.h"
#include "store/store.h"

#include <jansson.h>

static int audit_verify(struct cli *cli)
{
    struct store *st;
    struct store_verify v;
    struct ag_error err;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    time_t started = ag_now();
    int rc = store_audit_verify(st, &v, &err);
    if (rc == AG_OK) /* evidence for the integrity of stored data (compliance.h) */
        cli_monitor_run_record(cli, st, "audit_verify", started, v.bad_seq == 0,
                               json_pack("{s:I,s:s,s:s}", "rows", (json_int_t)v.rows, "head",
                                         v.bad_seq ? "" : v.head_hash, "problem",
                                         v.bad_seq ? v.problem : ""));
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (v.bad_seq) {
        printf(cli_tr(cli, "audit trail: TAMPERED after checking %lld rows: %s\n"), v.rows,
               v.problem);
        return AG_EXIT_FAIL;
    }
    printf(cli_tr(cli, "audit trail: intact, %lld rows, head %s\n"), v.rows, v.head_hash);
    return AG_EXIT_OK;
}

static int audit_log(struct cli *cli, const char *entity, const char *limit)
{
    struct store *st;
    struct ag_error err;
    long long n = 50;
    char nbuf[24];
    if (limit && (n = strtoll(limit, NULL, 10)) <= 0)
        return cli_fail(cli, AG_EXIT_BADINPUT, "--limit: \"%s\" is not a positive number", limit);
    (void)err;
    snprintf(nbuf, sizeof(nbuf), "%lld", n);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    const char *params[] = {entity, nbuf};
    int status = cli_query_print(
        cli, st,
        "SELECT seq, at, actor, action, entity, entity_id, substr(hash, 1, 12) AS hash FROM "
        "(SELECT * FROM audit_log WHERE ?1 IS NULL OR entity = ?1 ORDER BY seq DESC LIMIT ?2) "
        "ORDER BY seq",
        params, 2);
    store_free(st);
    return status;
}

int cmd_audit(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *entity = NULL, *limit = NULL;
    size_t npos;
    if (argc >= 2 && (strcmp(argv[1], "verify") == 0 || strcmp(argv[1], "log") == 0)) {
        const struct cli_opt opts[] = {{"--entity", &entity, NULL}, {"--limit", &limit, NULL}};
        if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 0, &npos))
            return AG_EXIT_BADINPUT;
        return strcmp(argv[1], "verify") == 0 ? audit_verify(cli) : audit_log(cli, entity, limit);
    }
    return cmd_audit_isms(cli, argc, argv);
}
