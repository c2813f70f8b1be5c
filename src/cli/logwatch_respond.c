/*
 * logwatch_respond.c — logwatch's responses in the command line (issue 5 item 6): the
 * per-alert hook of `logwatch run`/`serve` (cli_respond_*), `airguard logwatch block
 * list|add|remove|flush` and `airguard logwatch respond` (alerts as JSON lines in, responses
 * out). Blocking is ag_logwatch's (src/logwatch/respond.c, nft.c); locking airguard's own
 * accounts is here because it needs the store: auth_admin_lock (which refuses to lock the last
 * usable administrator) plus an audit row naming the alert, in one transaction.
 *
 * Runs in the CLI's main thread. The state file (DIR/blocklist.json) is saved after every
 * change except in dry-run, which never touches nft, the state file or the store.
 */
#include "cli/logwatch_respond.h"

#include "auth/auth.h"
#include "logwatch/logwatch.h"
#include "store/store.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STATE_FILE "blocklist.json"
#define DEFAULT_STATE_DIR "data/logwatch"
#define ALERT_LINE_MAX ((size_t)1 << 20)

struct cli_respond {
    struct cli *cli;
    FILE *out;
    struct lw_respond_config cfg;
    struct lw_responder *r;
    char state[4096];     /* the state file */
    struct store *st;     /* opened at the first account lock */
    bool store_failed;    /* opening it failed once: not tried again */
    unsigned long locked; /* accounts locked */
};

/* mkdir -p of dir (mode 0700: the block list says who attacked and when). */
static int make_dir(const char *dir, struct ag_error *err)
{
    char buf[4096];
    int n = snprintf(buf, sizeof(buf), "%s", dir);
    if (n <= 0 || (size_t)n >= sizeof(buf))
        return ag_error_set(err, AG_EINVAL, "%s: path too long", dir);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return ag_error_set(err, AG_EIO, "cannot create %s: %s", buf, strerror(errno));
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return ag_error_set(err, AG_EIO, "cannot create %s: %s", buf, strerror(errno));
    return AG_OK;
}

/* Configuration, state directory and block list: the common start of every subcommand. */
static int setup(struct cli *cli, const char *config_path, const char *state_dir, bool dry_run,
                 FILE *out, struct cli_respond **crp)
{
    struct ag_error err;
    ag_error_clear(&err);
    *crp = NULL;
    struct cli_respond *cr = calloc(1, sizeof(*cr));
    if (!cr)
        return cli_fail(cli, AG_EXIT_FAIL, "%s", ag_strerror(AG_ENOMEM)), AG_ENOMEM;
    cr->cli = cli;
    cr->out = out;
    lw_respond_config_init(&cr->cfg);
    int rc = config_path ? lw_respond_config_load(config_path, &cr->cfg, &err) : AG_OK;
    if (dry_run)
        cr->cfg.dry_run = true;
    if (!state_dir)
        state_dir = DEFAULT_STATE_DIR;
    if (rc == AG_OK) {
        int n = snprintf(cr->state, sizeof(cr->state), "%s/%s", state_dir, STATE_FILE);
        if (n <= 0 || (size_t)n >= sizeof(cr->state))
            rc = ag_error_set(&err, AG_EINVAL, "%s: path too long", state_dir);
    }
    if (rc == AG_OK && !cr->cfg.dry_run)
        rc = make_dir(state_dir, &err);
    if (rc == AG_OK && (rc = lw_responder_new(&cr->cfg, &cr->r)))
        ag_error_set(&err, rc, "%s", ag_strerror(rc));
    if (rc == AG_OK)
        rc = lw_blocklist_load(lw_responder_blocklist(cr->r), cr->state, ag_now(), &err);
    if (rc) {
        cli_fail(cli, 0, "%s", err.msg);
        cli_respond_close(cr);
        return rc;
    }
    *crp = cr;
    return AG_OK;
}

static int save(struct cli_respond *cr)
{
    struct ag_error err;
    ag_error_clear(&err);
    if (cr->cfg.dry_run)
        return AG_OK;
    int rc = lw_blocklist_save(lw_responder_blocklist(cr->r), cr->state, &err);
    if (rc)
        cli_fail(cr->cli, 0, "%s", err.msg);
    return rc;
}

int cli_respond_open(struct cli *cli, const char *config_path, const char *state_dir, bool dry_run,
                     FILE *out, struct cli_respond **crp)
{
    int rc = setup(cli, config_path, state_dir, dry_run, out, crp);
    if (rc || !(*crp)->cfg.enabled || (*crp)->cfg.dry_run)
        return rc;
    struct cli_respond *cr = *crp;
    struct lw_nft nft = {.run = NULL};
    struct ag_error err;
    snprintf(nft.table, sizeof(nft.table), "%s", cr->cfg.table);
    if ((rc = lw_nft_restore(&nft, lw_responder_blocklist(cr->r), ag_now(), &err))) {
        cli_fail(cli, 0, "%s", err.msg);
        cli_respond_close(cr);
        *crp = NULL;
    }
    return rc;
}

int cli_respond_close(struct cli_respond *cr)
{
    if (!cr)
        return AG_OK;
    int rc = AG_OK;
    if (cr->r) {
        rc = save(cr);
        const struct lw_respond_stats *s = lw_responder_stats(cr->r);
        if (s->alerts)
            fprintf(stderr,
                    cli_tr(cr->cli, "logwatch respond: %llu alerts, %llu blocked, %llu would "
                                    "block (dry run), %llu blocked already, %llu allowlisted, "
                                    "%llu without address, %llu failed, %lu accounts locked, "
                                    "%llu evicted from the block list\n"),
                    (unsigned long long)s->alerts, (unsigned long long)s->blocked,
                    (unsigned long long)s->would_block, (unsigned long long)s->already,
                    (unsigned long long)s->allowlisted, (unsigned long long)s->no_address,
                    (unsigned long long)s->failed, cr->locked,
                    (unsigned long long)lw_blocklist_evicted(lw_responder_blocklist(cr->r)));
    }
    lw_responder_free(cr->r);
    lw_respond_config_release(&cr->cfg);
    store_free(cr->st);
    free(cr);
    return rc;
}

/* ---- printing a response ---- */

static void print_json(struct cli_respond *cr, json_t *o)
{
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (text)
        fprintf(cr->out, "%s\n", text);
    free(text);
    json_decref(o);
}

/* One line about a block decision; `who` is the alert id or "manual". */
static void print_block(struct cli_respond *cr, const char *who, const struct lw_response_out *o)
{
    struct cli *cli = cr->cli;
    char until[32] = "", dur[32];
    if (o->block == LW_RESP_IGNORED)
        return;
    if (o->expires)
        ag_time_iso((time_t)o->expires, until);
    lw_duration_format(o->seconds, dur);
    if (cli->json) {
        json_t *j = json_pack("{s:s, s:s, s:s}", "alert", who, "response",
                              lw_response_name(o->block), "addr", o->addr);
        if (!j)
            return;
        if (o->block == LW_RESP_BLOCKED || o->block == LW_RESP_WOULD_BLOCK ||
            o->block == LW_RESP_ALREADY) {
            json_object_set_new(j, "seconds", json_integer(o->seconds));
            json_object_set_new(j, "until", json_string(until));
            json_object_set_new(j, "offence", json_integer(o->offence));
        }
        if (o->block == LW_RESP_ALLOWLISTED)
            json_object_set_new(j, "allowlist", json_string(o->allow));
        if (o->block == LW_RESP_FAILED)
            json_object_set_new(j, "error", json_string(o->err.msg));
        print_json(cr, j);
        return;
    }
    switch (o->block) {
    case LW_RESP_BLOCKED:
        fprintf(cr->out, cli_tr(cli, "%s: blocked %s for %s (block %u in the window, until %s)\n"),
                who, o->addr, dur, o->offence, until);
        break;
    case LW_RESP_WOULD_BLOCK:
        fprintf(cr->out,
                cli_tr(cli, "%s: dry run: would block %s for %s (block %u in the window, until "
                            "%s)\n"),
                who, o->addr, dur, o->offence, until);
        break;
    case LW_RESP_ALREADY:
        fprintf(cr->out, cli_tr(cli, "%s: %s is blocked already (until %s)\n"), who, o->addr,
                until);
        break;
    case LW_RESP_ALLOWLISTED:
        fprintf(cr->out, cli_tr(cli, "%s: %s is on the allowlist (%s): not blocked\n"), who,
                o->addr, o->allow);
        break;
    case LW_RESP_NO_ADDRESS:
        fprintf(cr->out, cli_tr(cli, "%s: no source address to block\n"), who);
        break;
    case LW_RESP_FAILED:
        fprintf(cr->out, cli_tr(cli, "%s: blocking %s failed: %s\n"), who, o->addr, o->err.msg);
        break;
    case LW_RESP_IGNORED:
        break; /* returned above */
    }
}

/* With --json, prints the lock response as a JSON line and returns true; else false (the caller
 * prints the text). */
static bool lock_json(struct cli_respond *cr, const char *who, const char *response,
                      const char *user, const char *detail)
{
    if (!cr->cli->json)
        return false;
    json_t *j = json_pack("{s:s, s:s, s:s}", "alert", who, "response", response, "user", user);
    if (j && detail)
        json_object_set_new(j, "error", json_string(detail));
    if (j)
        print_json(cr, j);
    return true;
}

/* ---- locking an airguard account ---- */

/* 1 locked, 0 unlocked, AG_ENOTFOUND when login is no airguard account. */
static int account_locked(struct store *st, const char *login, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT a.locked FROM accounts a JOIN people p ON p.id = a.person_id "
                           "WHERE p.login = ?",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, login);
    int step = sqlite3_step(s);
    rc = step == SQLITE_ROW    ? sqlite3_column_int(s, 0) != 0
         : step == SQLITE_DONE ? AG_ENOTFOUND
                               : store_error(st, "accounts", err);
    sqlite3_finalize(s);
    return rc;
}

static int lock_account(struct cli_respond *cr, const json_t *alert, const char *who,
                        const char *login)
{
    struct cli *cli = cr->cli;
    struct ag_error err;
    ag_error_clear(&err);
    if (cr->cfg.dry_run) {
        if (!lock_json(cr, who, "would_lock", login, NULL))
            fprintf(cr->out, cli_tr(cli, "%s: dry run: would lock the airguard account %s\n"), who,
                    login);
        return AG_OK;
    }
    if (!cr->st) {
        if (cr->store_failed)
            return AG_EIO;
        if (cli_open_store(cli, &cr->st)) {
            cr->store_failed = true;
            return AG_EIO;
        }
        if (!cli->actor)
            store_set_actor(cr->st, "logwatch");
    }
    int rc = account_locked(cr->st, login, &err);
    if (rc == AG_ENOTFOUND)
        return AG_OK; /* a system account of the host, not one of airguard's */
    if (rc == 1) {
        if (!lock_json(cr, who, "already_locked", login, NULL))
            fprintf(cr->out, cli_tr(cli, "%s: the airguard account %s is locked already\n"), who,
                    login);
        return AG_OK;
    }
    if (rc < 0)
        goto fail;
    json_t *d = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?}", "alert", who, "category",
                          json_string_value(json_object_get(alert, "category")), "rule",
                          json_string_value(json_object_get(alert, "rule")), "src_ip",
                          json_string_value(json_object_get(alert, "src_ip")), "time",
                          json_string_value(json_object_get(alert, "time")));
    char *detail = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(d);
    if (!detail) {
        rc = ag_error_set(&err, AG_ENOMEM, "%s", ag_strerror(AG_ENOMEM));
        goto fail;
    }
    if ((rc = store_begin(cr->st, &err)) == AG_OK) {
        /* actor NULL: not a person's own account; refuses to lock the last usable admin */
        if ((rc = auth_admin_lock(cr->st, NULL, login, true, &err)) == AG_OK &&
            (rc = store_audit(cr->st, "logwatch.lock", "accounts", login, detail, &err)) == AG_OK)
            rc = store_commit(cr->st, &err);
        if (rc)
            store_rollback(cr->st);
    }
    free(detail);
    if (rc == AG_EDENIED) {
        if (!lock_json(cr, who, "lock_refused", login, err.msg))
            fprintf(cr->out, cli_tr(cli, "%s: did not lock the airguard account %s: %s\n"), who,
                    login, err.msg);
        return rc;
    }
    if (rc)
        goto fail;
    cr->locked++;
    if (!lock_json(cr, who, "locked", login, NULL))
        fprintf(cr->out, cli_tr(cli, "%s: locked the airguard account %s\n"), who, login);
    return AG_OK;
fail:
    if (!lock_json(cr, who, "lock_failed", login, err.msg))
        fprintf(cr->out, cli_tr(cli, "%s: locking the airguard account %s failed: %s\n"), who,
                login, err.msg);
    return rc;
}

int cli_respond_alert(struct cli_respond *cr, const json_t *alert)
{
    struct lw_response_out o;
    const char *who = json_string_value(json_object_get(alert, "id"));
    if (!who)
        who = "-";
    int rc = lw_respond_alert(cr->r, alert, ag_now(), &o);
    if (rc && o.block != LW_RESP_FAILED) {
        cli_fail(cr->cli, 0, "%s: %s", who, o.err.msg);
        return rc;
    }
    print_block(cr, who, &o);
    if (o.block == LW_RESP_BLOCKED)
        rc = save(cr);
    if (o.lock) {
        int lrc = lock_account(cr, alert, who, o.user);
        if (!rc)
            rc = lrc;
    }
    return rc;
}

/* ---- `airguard logwatch respond` ---- */

int cmd_logwatch_respond(struct cli *cli, int argc, char **argv)
{
    const char *pos[64], *config = NULL, *state = NULL;
    size_t npos;
    bool dry_run = false;
    const struct cli_opt opts[] = {
        {"--config", &config, NULL}, {"--state", &state, NULL}, {"--dry-run", NULL, &dry_run}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    struct cli_respond *cr;
    int rc = cli_respond_open(cli, config, state, dry_run, stdout, &cr);
    if (rc)
        return cli_status(rc);
    if (!cr->cfg.enabled)
        fputs(cli_tr(cli, "logwatch respond: responses are not enabled (respond: enabled: true "
                          "in the configuration): nothing will be blocked or locked\n"),
              stderr);
    if (npos == 0)
        pos[npos++] = "-";
    int status = AG_EXIT_OK;
    char *line = malloc(ALERT_LINE_MAX + 1);
    if (!line) {
        cli_respond_close(cr);
        return cli_fail(cli, AG_EXIT_FAIL, "%s", ag_strerror(AG_ENOMEM));
    }
    for (size_t i = 0; i < npos; i++) {
        bool in = strcmp(pos[i], "-") == 0;
        FILE *f = in ? stdin : fopen(pos[i], "r");
        if (!f) {
            status = cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot open %s: %s"), pos[i],
                              strerror(errno));
            continue;
        }
        size_t lineno = 0;
        while (fgets(line, (int)ALERT_LINE_MAX + 1, f)) {
            lineno++;
            size_t len = strlen(line);
            if (len == ALERT_LINE_MAX && line[len - 1] != '\n') {
                status = cli_fail(cli, AG_EXIT_BADINPUT,
                                  cli_tr(cli, "%s:%zu: line longer than %zu bytes: skipped"),
                                  pos[i], lineno, ALERT_LINE_MAX);
                int c;
                while ((c = fgetc(f)) != EOF && c != '\n')
                    ;
                continue;
            }
            if (strspn(line, " \t\r\n") == len)
                continue;
            json_error_t je;
            json_t *alert = json_loadb(line, len, 0, &je);
            if (!alert) {
                status =
                    cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "%s:%zu:%d: not a JSON alert: %s"),
                             pos[i], lineno, je.column, je.text);
                continue;
            }
            if (cli_respond_alert(cr, alert) && status == AG_EXIT_OK)
                status = AG_EXIT_FAIL;
            json_decref(alert);
        }
        if (!in)
            fclose(f);
    }
    free(line);
    fflush(stdout);
    if (cli_respond_close(cr) && status == AG_EXIT_OK)
        status = AG_EXIT_FAIL;
    return status;
}

/* ---- `airguard logwatch block` ---- */

/* Columns of `block list`: address, state, until, blocks, first, last. */
static const size_t list_width[] = {41, 12, 22, 8, 22, 0};

static int block_list(struct cli_respond *cr)
{
    struct lw_blocklist *bl = lw_responder_blocklist(cr->r);
    int64_t now = ag_now();
    size_t n = lw_blocklist_count(bl);
    json_t *arr = cr->cli->json ? json_array() : NULL;
    if (!cr->cli->json && n) {
        static const char *const head[] = {"logwatch: address", "logwatch: state",
                                           "logwatch: until",   "logwatch: blocks",
                                           "logwatch: first",   "logwatch: last"};
        for (size_t k = 0; k < AG_ARRAY_LEN(head); k++)
            cli_print_padded(cli_tr(cr->cli, head[k]), list_width[k]);
        putchar('\n');
    }
    for (size_t i = 0; i < n; i++) {
        const struct lw_block_entry *e = lw_blocklist_at(bl, i);
        char a[48], until[32], first[32], last[32];
        lw_addr_format(e->family, e->addr, a);
        ag_time_iso((time_t)e->expires, until);
        ag_time_iso((time_t)e->first, first);
        ag_time_iso((time_t)e->last, last);
        bool blocked = e->expires > now;
        if (arr) {
            json_array_append_new(arr,
                                  json_pack("{s:s, s:b, s:s, s:I, s:s, s:s}", "addr", a, "blocked",
                                            blocked, "until", until, "blocks", (json_int_t)e->count,
                                            "first", first, "last", last));
            continue;
        }
        char count[16];
        snprintf(count, sizeof(count), "%u", e->count);
        const char *cells[] = {
            a,
            cli_tr(cr->cli, blocked ? "logwatch: blocked" : "logwatch: remembered"),
            blocked ? until : "-",
            count,
            first,
            last};
        for (size_t k = 0; k < AG_ARRAY_LEN(cells); k++)
            cli_print_padded(cells[k], list_width[k]);
        putchar('\n');
    }
    if (arr) {
        char *text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (text)
            puts(text);
        free(text);
        json_decref(arr);
    } else if (!n) {
        puts(cli_tr(cr->cli, "the block list is empty"));
    }
    return AG_EXIT_OK;
}

static bool parse_addr(struct cli *cli, const char *s, int *family, uint8_t addr[16])
{
    if (strchr(s, '%') || strchr(s, '/') || !lw_addr_parse(s, strlen(s), family, addr)) {
        cli_fail(cli, 0, cli_tr(cli, "\"%s\" is not an IPv4 or IPv6 address"), s);
        return false;
    }
    return true;
}

int cmd_logwatch_block(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *config = NULL, *state = NULL, *for_s = NULL;
    size_t npos;
    bool dry_run = false;
    const struct cli_opt opts[] = {{"--config", &config, NULL},
                                   {"--state", &state, NULL},
                                   {"--for", &for_s, NULL},
                                   {"--dry-run", NULL, &dry_run}};
    if (argc < 3 ||
        cli_parse(cli, argc, argv, 3, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        goto usage;
    const char *sub = argv[2];
    bool one_addr = strcmp(sub, "add") == 0 || strcmp(sub, "remove") == 0;
    if (!one_addr && strcmp(sub, "list") != 0 && strcmp(sub, "flush") != 0)
        goto usage;
    if (npos != (one_addr ? 1u : 0u) || (for_s && strcmp(sub, "add") != 0))
        goto usage;
    int64_t seconds = 0;
    if (for_s && !lw_duration_parse(for_s, &seconds))
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--for: \"%s\" is not a duration (e.g. 90s, 10m, 1h, 7d)"),
                        for_s);
    int family = 0;
    uint8_t addr[16];
    if (one_addr && !parse_addr(cli, pos[0], &family, addr))
        return AG_EXIT_BADINPUT;
    struct cli_respond *cr;
    int rc = setup(cli, config, state, dry_run, stdout, &cr), status = AG_EXIT_OK;
    if (rc)
        return cli_status(rc);
    struct ag_error err;
    ag_error_clear(&err);
    if (strcmp(sub, "list") == 0) {
        status = block_list(cr);
    } else if (strcmp(sub, "add") == 0) {
        struct lw_response_out o;
        memset(&o, 0, sizeof(o));
        rc = lw_respond_block(cr->r, family, addr, ag_now(), seconds, &o);
        if (rc == AG_OK && o.block == LW_RESP_ALREADY) {
            /* an operator's add of a blocked address without --for: put it into nft again (it
             * may have been removed there by hand) with the time it has left */
            o.block = cr->cfg.dry_run ? LW_RESP_WOULD_BLOCK : LW_RESP_BLOCKED;
            if (!cr->cfg.dry_run) {
                struct lw_nft nft = {.run = NULL};
                snprintf(nft.table, sizeof(nft.table), "%s", cr->cfg.table);
                if ((rc = lw_nft_setup(&nft, &o.err)) == AG_OK)
                    rc = lw_nft_block(&nft, family, addr, o.seconds, &o.err);
                if (rc)
                    o.block = LW_RESP_FAILED;
            }
        }
        print_block(cr, "manual", &o);
        if (rc == AG_OK)
            rc = save(cr);
        status = cli_status(rc);
    } else if (strcmp(sub, "remove") == 0) {
        rc = lw_respond_unblock(cr->r, family, addr, &err);
        if (rc == AG_OK || rc == AG_ENOTFOUND) {
            int src = save(cr);
            if (rc == AG_OK && src)
                rc = src;
        }
        if (rc)
            cli_fail(cli, 0, "%s", err.msg);
        else
            printf(cli_tr(cli, cr->cfg.dry_run ? "dry run: would unblock %s\n" : "unblocked %s\n"),
                   pos[0]);
        status = cli_status(rc);
    } else {
        size_t n = lw_blocklist_count(lw_responder_blocklist(cr->r));
        rc = lw_respond_flush(cr->r, &err);
        if (rc == AG_OK)
            rc = save(cr);
        if (rc)
            cli_fail(cli, 0, "%s", err.msg);
        else
            printf(cli_tr(cli, cr->cfg.dry_run
                                   ? "dry run: would empty the block list (%zu entries) and the "
                                     "nftables sets\n"
                                   : "emptied the block list (%zu entries) and the nftables "
                                     "sets\n"),
                   n);
        status = cli_status(rc);
    }
    if (cli_respond_close(cr) && status == AG_EXIT_OK)
        status = AG_EXIT_FAIL;
    return status;
usage:
    fputs(cli_tr(cli, "logwatch-block-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
