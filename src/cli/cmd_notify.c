/*
 * cmd_notify.c — `airguard notify scan|send|list|retry|test|config|rule …`: notifications by
 * e-mail and webhook (src/notify/notify.h; docs/compliance.md "Notifications").
 */
#include "cli/cli.h"
#include "notify/notify.h"
#include "store/store.h"

#include <stdlib.h>

static int rule_cmd(struct cli *cli, struct store *st, const char *sub, const char **pos,
                    size_t npos, const struct notify_rule_new *r, struct ag_error *err)
{
    long long id;
    int rc;
    if (strcmp(sub, "list") == 0 && npos == 0)
        return cli_query_print(cli, st,
                               "SELECT id, channel, target AS destination, kinds, min_level, lang, "
                               "coalesce(secret_file, '') AS secret_file, created_at, (SELECT "
                               "count(*) FROM notify_outbox o WHERE o.rule_id = r.id AND "
                               "o.status = 'queued') AS queued FROM notify_rules r ORDER BY id",
                               NULL, 0);
    if (strcmp(sub, "add") == 0 && npos == 0) {
        if ((rc = notify_rule_add(st, r, &id, err)))
            return cli_fail(cli, cli_status(rc), "%s", err->msg);
        printf(cli_tr(cli, "notify: created rule %lld\n"), id);
        return AG_EXIT_OK;
    }
    if (strcmp(sub, "remove") == 0 && npos == 1) {
        char *end;
        id = strtoll(pos[0], &end, 10);
        if (*end || id <= 0)
            return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "notify: \"%s\" is not a rule id"),
                            pos[0]);
        if ((rc = notify_rule_remove(st, id, err)))
            return cli_fail(cli, cli_status(rc), "%s", err->msg);
        printf(cli_tr(cli, "notify: removed rule %lld\n"), id);
        return AG_EXIT_OK;
    }
    fputs(cli_tr(cli, "notify-usage"), stderr);
    return AG_EXIT_BADINPUT;
}

static int config_cmd(struct cli *cli, struct store *st, const char *const *values,
                      struct ag_error *err)
{
    int rc = AG_OK;
    bool any = false;
    for (size_t i = 0; notify_config_keys[i]; i++)
        any |= values[i] != NULL;
    if (any) {
        if ((rc = store_begin(st, err)))
            return cli_fail(cli, cli_status(rc), "%s", err->msg);
        for (size_t i = 0; rc == AG_OK && notify_config_keys[i]; i++)
            if (values[i])
                rc = notify_config_set(st, notify_config_keys[i], values[i], err);
        if (rc == AG_OK)
            rc = store_commit(st, err);
        else
            store_rollback(st);
        if (rc)
            return cli_fail(cli, cli_status(rc), "%s", err->msg);
    }
    return cli_query_print(cli, st,
                           "SELECT key AS setting, value FROM meta WHERE key IN ('smtp.url', "
                           "'smtp.from', 'smtp.ca_file', 'smtp.user', 'smtp.password_file', "
                           "'webhook.ca_file') OR key LIKE 'notify.%' ORDER BY key",
                           NULL, 0);
}

int cmd_notify(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *channel = NULL, *target = NULL, *kinds = NULL, *level = NULL,
                        *language = NULL, *secret = NULL, *status_f = NULL, *limit_s = NULL,
                        *days_s = NULL;
    const char *cfg[12] = {NULL};
    bool failed = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--channel", &channel, NULL},
        {"--target", &target, NULL},
        {"--kinds", &kinds, NULL},
        {"--min-level", &level, NULL},
        {"--language", &language, NULL},
        {"--secret-file", &secret, NULL},
        {"--status", &status_f, NULL},
        {"--limit", &limit_s, NULL},
        {"--failed", NULL, &failed},
        {"--smtp-url", &cfg[0], NULL},
        {"--smtp-from", &cfg[1], NULL},
        {"--smtp-ca-file", &cfg[2], NULL},
        {"--smtp-user", &cfg[3], NULL},
        {"--smtp-password-file", &cfg[4], NULL},
        {"--webhook-ca-file", &cfg[5], NULL},
        {"--alert-days", &cfg[6], NULL},
        {"--due-soon-days", &cfg[7], NULL},
        {"--expiring-days", &cfg[8], NULL},
        {"--expired-days", &cfg[9], NULL},
        {"--keep-days", &cfg[10], NULL},
        {"--older-than", &days_s, NULL},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct ag_error err;
    int status = AG_EXIT_OK, rc;
    ag_error_clear(&err);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (strcmp(sub, "rule") == 0 && npos >= 1) {
        const struct notify_rule_new r = {channel, target, kinds, level, language, secret};
        status = rule_cmd(cli, st, pos[0], pos + 1, npos - 1, &r, &err);
    } else if (strcmp(sub, "config") == 0 && npos == 0) {
        status = config_cmd(cli, st, cfg, &err);
    } else if (strcmp(sub, "scan") == 0 && npos == 0) {
        struct notify_scan_result res;
        if ((rc = notify_scan(st, ag_now(), &res, &err))) {
            status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        } else {
            printf(cli_tr(cli, "notify: %d notification(s) queued\n"), res.queued);
            if (res.unaddressed)
                fprintf(stderr,
                        cli_tr(cli, "notify: %d notification(s) to people without a usable "
                                    "e-mail address (people.email) not queued\n"),
                        res.unaddressed);
        }
    } else if (strcmp(sub, "prune") == 0 && npos == 0) {
        int days = days_s ? notify_days_parse(days_s) : 0, n;
        if (days < 0)
            status = cli_fail(cli, AG_EXIT_BADINPUT,
                              cli_tr(cli, "notify: --older-than: \"%s\" is not a number of days "
                                          "from 1 to 3650"),
                              days_s);
        else if ((rc = notify_prune(st, ag_now(), days, &n, &err)))
            status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        else
            printf(cli_tr(cli, "notify: %d old notification(s) removed\n"), n);
    } else if (strcmp(sub, "send") == 0 && npos == 0) {
        struct notify_send_result res;
        char *end = NULL;
        long limit = limit_s ? strtol(limit_s, &end, 10) : 0;
        if (limit_s && (*end || limit < 1 || limit > 10000)) {
            status = cli_fail(cli, AG_EXIT_BADINPUT,
                              cli_tr(cli, "notify: --limit: \"%s\" is not a number from 1 to "
                                          "10000"),
                              limit_s);
        } else if ((rc = notify_send(st, ag_now(), (int)limit, &res, &err))) {
            status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        } else {
            printf(cli_tr(cli, "notify: %d sent, %d to retry later, %d failed\n"), res.sent,
                   res.retry, res.failed);
            if (res.retry || res.failed)
                status = AG_EXIT_FAIL;
        }
    } else if (strcmp(sub, "list") == 0 && npos == 0) {
        const char *params[] = {status_f};
        status = cli_query_print(
            cli, st,
            "SELECT o.id, o.rule_id AS rule, r.channel, coalesce(o.recipient, r.target) AS "
            "destination, o.event_key AS "
            "event, o.level, "
            "o.status, o.attempts, o.next_attempt, o.sent_at, o.last_error, o.subject FROM "
            "notify_outbox o JOIN notify_rules r ON r.id = o.rule_id WHERE (?1 IS NULL OR "
            "o.status = ?1) ORDER BY o.id",
            params, 1);
    } else if (strcmp(sub, "retry") == 0 && npos <= 1 && (npos == 1) != failed) {
        long long id = 0;
        int n;
        char *end = NULL;
        if (npos == 1 && ((id = strtoll(pos[0], &end, 10)) <= 0 || *end))
            status = cli_fail(cli, AG_EXIT_BADINPUT,
                              cli_tr(cli, "notify: \"%s\" is not a notification id"), pos[0]);
        else if ((rc = notify_retry(st, id, &n, &err)))
            status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        else
            printf(cli_tr(cli, "notify: %d notification(s) queued again\n"), n);
    } else if (strcmp(sub, "test") == 0 && npos == 0) {
        if ((rc = notify_test(st, channel, target, secret, language, &err)))
            status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        else
            printf(cli_tr(cli, "notify: test message sent to %s\n"), target);
    } else {
        store_free(st);
        goto usage;
    }
    store_free(st);
    return status;
usage:
    fputs(cli_tr(cli, "notify-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
