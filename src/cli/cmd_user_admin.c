/*
 * cmd_user_admin.c — `airguard user role LOGIN --grant ROLE | --revoke ROLE [--department CODE]`
 * (the account holder's guideline roles, isms_role_grant/isms_role_revoke) and `airguard user
 * sweep` (disables the accounts unused for auth.disable_after_days, src/auth/unused.c). Called
 * by cmd_user for these two subcommands; the other `user` subcommands are in cmd_user.c.
 */
#include "auth/auth.h"
#include "cli/cli.h"
#include "isms/isms.h"
#include "store/store.h"

int cmd_user_admin(struct cli *cli, int argc, char **argv);

static void print_disabled(void *ctx, const char *login, const char *last_use)
{
    struct cli *cli = ctx;
    printf(cli_tr(cli, "disabled %s (last used %s)\n"), login, last_use);
}

static int user_sweep(struct cli *cli, struct store *st, struct ag_error *err)
{
    size_t n;
    int days, rc;
    if ((rc = auth_unused_days(st, &days, err)) ||
        (rc = auth_unused_sweep(st, print_disabled, cli, &n, err)))
        return rc;
    printf(cli_tr(cli, "%zu account(s) disabled: not used for more than %d days\n"), n, days);
    return AG_OK;
}

static int user_role(struct cli *cli, struct store *st, const char *login, const char *grant,
                     const char *revoke, const char *dept, struct ag_error *err)
{
    long long id;
    int rc;
    /* roles of an account holder: the person must have an account */
    if ((rc = isms_person_id(st, login, &id, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, "SELECT 1 FROM accounts WHERE person_id = ?", err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    bool has = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (!has)
        return ag_error_set(err, AG_ENOTFOUND, "no account with login \"%s\"", login);
    if ((rc = store_begin(st, err)))
        return rc;
    rc = grant ? isms_role_grant(st, login, grant, dept, err)
               : isms_role_revoke(st, login, revoke, dept, err);
    if (rc == AG_OK && grant) /* a role that needs TOTP: signed in again, with TOTP */
        rc = auth_account_mfa_sessions(st, login, err);
    if (rc == AG_OK)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    if (rc == AG_OK)
        printf(cli_tr(cli, grant ? "%s: role %s granted%s%s\n" : "%s: role %s revoked%s%s\n"),
               login, grant ? grant : revoke, dept ? " @" : "", dept ? dept : "");
    return rc;
}

int cmd_user_admin(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *grant = NULL, *revoke = NULL, *dept = NULL;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--grant", &grant, NULL}, {"--revoke", &revoke, NULL}, {"--department", &dept, NULL}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 1, &npos))
        goto usage;
    bool sweep = strcmp(argv[1], "sweep") == 0;
    if (sweep ? (npos != 0 || grant || revoke || dept) : (npos != 1 || !grant == !revoke))
        goto usage;
    struct store *st;
    struct ag_error err;
    ag_error_clear(&err);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    int rc =
        sweep ? user_sweep(cli, st, &err) : user_role(cli, st, pos[0], grant, revoke, dept, &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return AG_EXIT_OK;
usage:
    fputs(cli_tr(cli, "user-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
