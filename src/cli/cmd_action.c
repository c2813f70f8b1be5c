/*
 * cmd_action.c — `airguard action add|start|done|verify|reopen|cancel|list`: corrective actions
 * from every origin (self-inspection, audit, incident, risk, exception, exercise).
 */
#include "cli/cli.h"
#include "isms/isms.h"
#include "store/store.h"

/* Splits "a,b,c" into items[] (pointers into buf), NULL-terminated. */
static void split_items(char *buf, const char **items, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t && n + 1 < cap; t = strtok_r(NULL, ",", &save))
        items[n++] = t;
    items[n] = NULL;
}

int cmd_action(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *origin = NULL, *origin_id = NULL, *title = NULL, *desc = NULL,
                        *owner = NULL, *dept = NULL, *due = NULL, *items = NULL, *result = NULL,
                        *status_f = NULL;
    bool overdue = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--origin", &origin, NULL},   {"--origin-id", &origin_id, NULL},
        {"--title", &title, NULL},     {"--description", &desc, NULL},
        {"--owner", &owner, NULL},     {"--dept", &dept, NULL},
        {"--due", &due, NULL},         {"--items", &items, NULL},
        {"--result", &result, NULL},   {"--status", &status_f, NULL},
        {"--overdue", NULL, &overdue},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    int rc;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (strcmp(sub, "list") == 0 && npos == 0) {
        char today[11];
        ag_date_iso(ag_now(), today);
        const char *params[] = {status_f, owner, overdue ? today : NULL};
        int status = cli_query_print(
            cli, st,
            "SELECT a.id, a.origin, a.origin_id, a.title, o.login AS owner, a.due_date AS due, "
            "a.status, (SELECT group_concat(item_id, ' ') FROM action_items i WHERE i.action_id "
            "= a.id) AS items, v.login AS verified_by FROM actions a JOIN people o ON o.id = "
            "a.owner_id LEFT JOIN people v ON v.id = a.verified_by WHERE (?1 IS NULL OR "
            "a.status = ?1) AND (?2 IS NULL OR o.login = ?2) AND (?3 IS NULL OR (a.due_date < ?3 "
            "AND a.status IN ('open', 'in_progress'))) ORDER BY a.due_date, a.id",
            params, 3);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "add") == 0 && npos == 0) {
        long long oid = 0, id;
        char buf[4096];
        const char *list[65];
        snprintf(buf, sizeof(buf), "%s", items ? items : "");
        split_items(buf, list, AG_ARRAY_LEN(list));
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if (origin_id && (rc = isms_check_int("--origin-id", origin_id, 1, INT64_MAX, &oid, &err)))
            goto out;
        struct isms_action_new a = {origin, oid, title, desc, owner, dept, due, list};
        if ((rc = isms_action_add(st, cat, &a, &id, &err)))
            goto out;
        printf(cli_tr(cli, "created action %lld\n"), id);
        goto out;
    }
    if (npos == 1) {
        long long id, actor;
        if ((rc = isms_check_int("action", pos[0], 1, INT64_MAX, &id, &err)))
            goto out;
        if ((rc = cli_actor_id(cli, st, &actor)))
            goto out_status;
        if ((rc = isms_action_step(st, id, sub, actor, result, &err)))
            goto out;
        printf(cli_tr(cli, "action %lld: %s\n"), id, sub);
        goto out;
    }
    store_free(st);
usage:
    fputs(cli_tr(cli, "action-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}
