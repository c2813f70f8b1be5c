/*
 * cmd_user.c — `airguard user add|passwd|lock|unlock|mfa-reset|list`: accounts of the web
 * application (src/auth). An account belongs to a person of the organisation (airguard org).
 * `user role` and `user sweep` are in cmd_user_admin.c.
 */
#include "auth/auth.h"
#include "cli/cli.h"
#include "store/store.h"

#include <sodium.h>
#include <termios.h>
#include <unistd.h>

/* Reads one line from stdin into buf without the newline; no echo on a terminal. */
static bool read_secret(struct cli *cli, const char *prompt, char *buf, size_t cap)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &old) == 0) {
            quiet = old;
            quiet.c_lflag &= ~(tcflag_t)ECHO;
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        } else {
            tty = false;
        }
    }
    bool ok = fgets(buf, (int)cap, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!ok)
        return false;
    size_t n = strcspn(buf, "\r\n");
    if (buf[n] == '\0' && n + 1 == cap) /* longer than the buffer */
        return false;
    buf[n] = '\0';
    (void)cli;
    return true;
}

int cmd_user_admin(struct cli *cli, int argc, char **argv); /* role, sweep: cmd_user_admin.c */

int cmd_user(struct cli *cli, int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "role") == 0 || strcmp(argv[1], "sweep") == 0))
        return cmd_user_admin(cli, argc, argv);
    const char *pos[1];
    bool admin = false;
    size_t npos;
    const struct cli_opt opts[] = {{"--admin", NULL, &admin}};
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 1, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct ag_error err;
    int rc = AG_OK;
    ag_error_clear(&err);
    if (auth_init(&err) != AG_OK)
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    if (strcmp(sub, "list") == 0 && npos == 0) {
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        int status = cli_query_print(
            cli, st,
            "SELECT p.login, p.name, a.admin, (SELECT group_concat(DISTINCT r.role) FROM "
            "person_roles r WHERE r.person_id = p.id) AS roles, CASE WHEN a.locked = 1 THEN "
            "'locked' WHEN a.disabled_at IS NOT NULL THEN 'disabled' WHEN a.locked_until > "
            "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') THEN "
            "'locked-until ' || a.locked_until WHEN a.password_hash = '' THEN 'no-password' ELSE "
            "'active' END AS state, CASE WHEN a.totp_secret <> '' THEN 'totp' ELSE '' END AS mfa, "
            "a.last_login_at AS last_login FROM accounts a JOIN people p ON p.id = a.person_id "
            "ORDER BY p.login",
            NULL, 0);
        store_free(st);
        return status;
    }
    if (npos != 1)
        goto usage;
    const char *login = pos[0];
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (strcmp(sub, "add") == 0) {
        if ((rc = auth_account_add(st, login, admin, &err)) == AG_OK)
            printf(cli_tr(cli, "created the account of %s; set its password: airguard user passwd "
                               "%s\n"),
                   login, login);
    } else if (strcmp(sub, "passwd") == 0) {
        char pw[1100], again[1100];
        struct auth_policy pol;
        if ((rc = auth_policy_load(st, &pol, &err)))
            goto out;
        if (!read_secret(cli, cli_tr(cli, "New password: "), pw, sizeof(pw))) {
            rc = ag_error_set(&err, AG_EINVAL, "password: no password on standard input");
            goto out;
        }
        if (isatty(STDIN_FILENO) &&
            (!read_secret(cli, cli_tr(cli, "Again: "), again, sizeof(again)) ||
             strcmp(pw, again) != 0)) {
            sodium_memzero(pw, sizeof(pw));
            sodium_memzero(again, sizeof(again));
            rc = ag_error_set(&err, AG_EINVAL, "password: the two entries differ");
            goto out;
        }
        rc = auth_account_set_password(st, &pol, login, pw, &err);
        sodium_memzero(pw, sizeof(pw));
        sodium_memzero(again, sizeof(again));
        if (rc == AG_OK)
            printf(cli_tr(cli, "password of %s changed\n"), login);
    } else if (strcmp(sub, "lock") == 0 || strcmp(sub, "unlock") == 0) {
        bool lock = strcmp(sub, "lock") == 0;
        /* unlock also re-enables an account disabled as unused (src/auth/unused.c) */
        if ((rc = lock ? auth_account_lock(st, login, true, &err)
                       : auth_account_enable(st, login, &err)) == AG_OK)
            printf(cli_tr(cli, lock ? "%s: locked\n" : "%s: unlocked\n"), login);
    } else if (strcmp(sub, "mfa-reset") == 0) {
        if ((rc = auth_account_mfa_reset(st, login, &err)) == AG_OK)
            printf(cli_tr(cli, "%s: TOTP removed; the next sign-in enrols again where required\n"),
                   login);
    } else {
        store_free(st);
        goto usage;
    }
out:
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return AG_EXIT_OK;
usage:
    fputs(cli_tr(cli, "user-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
