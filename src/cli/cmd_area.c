/*
 * cmd_area.c — `airguard area …`: secure areas (要管理対策区域, 3.1.5.1(3)). The areas are a
 * register (`area add|update|list|show` = `register area …`); this file adds the installed
 * equipment, authorisations and their review, the entry and exit log with the "inside now"
 * view, visitors and badges, equipment movements with approval, and the flags
 * (src/isms/bcp.h).
 */
#include "cli/cli.h"
#include "isms/bcp.h"
#include "store/store.h"

static int as_register(struct cli *cli, int argc, char **argv)
{
    char *args[96];
    int n = 0;
    if (argc + 1 > (int)AG_ARRAY_LEN(args))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", cli_tr(cli, "bcp: too many arguments"));
    args[n++] = (char *)"register";
    args[n++] = (char *)"area";
    for (int i = 1; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    return cmd_register(cli, n, args);
}

/* "12" or "#12" as an id */
static int parse_id(const char *what, const char *s, long long *id, struct ag_error *err)
{
    return isms_check_int(what, s && s[0] == '#' ? s + 1 : s, 1, INT64_MAX, id, err);
}

int cmd_area(struct cli *cli, int argc, char **argv)
{
    if (argc < 2)
        goto usage;
    const char *what = argv[1];
    if (strcmp(what, "add") == 0 || strcmp(what, "update") == 0 || strcmp(what, "list") == 0 ||
        strcmp(what, "show") == 0)
        return as_register(cli, argc, argv);
    const char *note = NULL, *reason = NULL, *until = NULL, *date = NULL, *person = NULL,
               *visitor = NULL, *badge = NULL, *escort = NULL, *at = NULL, *override = NULL,
               *pos[4];
    struct area_visitor_new v = {0};
    struct area_move_new m = {0};
    struct cli_opt opts[] = {
        {"--note", &note, NULL},
        {"--reason", &reason, NULL},
        {"--until", &until, NULL},
        {"--date", &date, NULL},
        {"--person", &person, NULL},
        {"--visitor", &visitor, NULL},
        {"--badge", &badge, NULL},
        {"--escort", &escort, NULL},
        {"--at", &at, NULL},
        {"--override", &override, NULL},
        {"--name", &v.name, NULL},
        {"--org", &v.organisation, NULL},
        {"--purpose", &v.purpose, NULL},
        {"--host", &v.host, NULL},
        {"--id-check", &v.id_checked, NULL},
        {"--direction", &m.direction, NULL},
        {"--item", &m.item, NULL},
        {"--asset", &m.asset, NULL},
        {"--category", &m.category, NULL},
    };
    size_t npos;
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        goto usage;
    struct store *st;
    struct ag_error err;
    int rc = AG_OK, status = AG_EXIT_OK;
    long long actor = 0, area = 0, id = 0;
    char today[11], now[21], area_s[24] = "";
    ag_date_iso(ag_now(), today);
    ag_time_iso(ag_now(), now);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    const char *verb = npos ? pos[0] : "";
    bool sub = strcmp(what, "visitor") == 0 || strcmp(what, "move") == 0;
    /* the commands whose first argument is an area */
    const char *area_ref =
        sub ? (npos >= 2 && (strcmp(verb, "add") == 0 || strcmp(verb, "request") == 0 ||
                             strcmp(verb, "list") == 0)
                   ? pos[1]
                   : NULL)
            : (npos >= 1 ? pos[0] : NULL);
    if (strcmp(what, "exit") == 0 && npos == 1 && !person && !visitor)
        area_ref = NULL; /* exit ENTRY */
    if (area_ref) {
        if ((rc = area_find(st, area_ref, &area, &err)))
            goto out;
        snprintf(area_s, sizeof(area_s), "%lld", area);
    }
    bool writes = !(strcmp(what, "people") == 0 || strcmp(what, "now") == 0 ||
                    strcmp(what, "log") == 0 || strcmp(what, "flags") == 0 ||
                    strcmp(what, "equipment") == 0 || (sub && strcmp(verb, "list") == 0));
    if (writes && strcmp(what, "equip") != 0 && strcmp(what, "unequip") != 0 &&
        (rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(what, "equip") == 0 && npos == 2) {
        if ((rc = area_equip(st, area, pos[1], note, &err)))
            goto out;
        printf(cli_tr(cli, "area %s: %s listed\n"), pos[0], pos[1]);
    } else if (strcmp(what, "unequip") == 0 && npos == 2) {
        if ((rc = area_unequip(st, area, pos[1], &err)))
            goto out;
        printf(cli_tr(cli, "area %s: %s removed from the list\n"), pos[0], pos[1]);
    } else if (strcmp(what, "equipment") == 0 && npos == 1) {
        const char *params[] = {area_s};
        status = cli_query_print(cli, st, area_equipment_sql, params, 1);
    } else if (strcmp(what, "grant") == 0 && npos == 2) {
        if ((rc = area_grant(st, area, pos[1], reason, until, actor, &err)))
            goto out;
        printf(cli_tr(cli, "area %s: %s authorised\n"), pos[0], pos[1]);
    } else if (strcmp(what, "revoke") == 0 && npos == 2) {
        if ((rc = area_revoke(st, area, pos[1], reason, date, actor, &err)))
            goto out;
        printf(cli_tr(cli, "area %s: authorisation of %s removed\n"), pos[0], pos[1]);
    } else if (strcmp(what, "review") == 0 && npos == 1) {
        int c = 0, r = 0, o = 0;
        if ((rc = area_review(st, area, note, actor, &c, &r, &o, &err)))
            goto out;
        printf(cli_tr(cli, "area %s reviewed: %d confirmed, %d removed, %d left for another "
                           "reviewer\n"),
               pos[0], c, r, o);
    } else if (strcmp(what, "people") == 0 && npos == 1) {
        const char *params[] = {area_s, today};
        status = cli_query_print(cli, st, area_people_sql, params, 2);
    } else if (strcmp(what, "enter") == 0 && npos == 1) {
        long long vid = 0;
        if (visitor && (rc = parse_id("--visitor", visitor, &vid, &err)))
            goto out;
        struct area_entry_new e = {person, vid, at, badge, escort, override};
        if ((rc = area_enter(st, area, &e, actor, &id, &err)))
            goto out;
        printf(cli_tr(cli, "entry %lld recorded\n"), id);
        if (override)
            fputs(cli_tr(cli, "flagged: entry without authorisation\n"), stdout);
    } else if (strcmp(what, "exit") == 0 && npos == 1) {
        if (area) {
            long long vid = 0;
            if (visitor && (rc = parse_id("--visitor", visitor, &vid, &err)))
                goto out;
            if ((rc = area_open_entry(st, area, person, vid, &id, &err)))
                goto out;
        } else if ((rc = parse_id("entry", pos[0], &id, &err))) {
            goto out;
        }
        if ((rc = area_exit(st, id, at, &err)))
            goto out;
        printf(cli_tr(cli, "exit of entry %lld recorded\n"), id);
    } else if (strcmp(what, "now") == 0 && npos <= 1) {
        const char *params[] = {npos ? area_s : NULL};
        status = cli_query_print(cli, st, area_now_sql, params, 1);
    } else if (strcmp(what, "log") == 0 && npos == 1) {
        char day[11];
        if (date && (rc = isms_check_date("--date", date, day, &err)))
            goto out;
        const char *params[] = {area_s, date ? day : NULL};
        status = cli_query_print(cli, st, area_log_sql, params, 2);
    } else if (strcmp(what, "flags") == 0 && npos == 0) {
        const char *params[] = {today, now};
        status = cli_query_print(cli, st, area_flags_sql, params, 2);
    } else if (strcmp(what, "visitor") == 0 && strcmp(verb, "add") == 0 && npos == 2) {
        v.date = date;
        v.badge = badge;
        if ((rc = area_visitor_add(st, area, &v, actor, &id, &err)))
            goto out;
        printf(cli_tr(cli, "visitor %lld registered\n"), id);
    } else if (strcmp(what, "visitor") == 0 && strcmp(verb, "badge") == 0 && npos == 2) {
        if ((rc = parse_id("visitor", pos[1], &id, &err)) ||
            (rc = area_badge_issue(st, id, badge, at, &err)))
            goto out;
        printf(cli_tr(cli, "visitor %lld: badge issued\n"), id);
    } else if (strcmp(what, "visitor") == 0 && strcmp(verb, "return") == 0 && npos == 2) {
        if ((rc = parse_id("visitor", pos[1], &id, &err)) ||
            (rc = area_badge_return(st, id, at, &err)))
            goto out;
        printf(cli_tr(cli, "visitor %lld: badge returned\n"), id);
    } else if (strcmp(what, "visitor") == 0 && strcmp(verb, "list") == 0 && npos <= 2) {
        char day[11];
        if (date && (rc = isms_check_date("--date", date, day, &err)))
            goto out;
        const char *params[] = {npos == 2 ? area_s : NULL, date ? day : NULL, today};
        status = cli_query_print(cli, st, area_visitors_sql, params, 3);
    } else if (strcmp(what, "move") == 0 && strcmp(verb, "request") == 0 && npos == 2) {
        m.person = person;
        m.reason = reason;
        m.date = date;
        if ((rc = area_move_request(st, area, &m, &id, &err)))
            goto out;
        printf(cli_tr(cli, "movement %lld requested; it needs a system administrator's "
                           "approval\n"),
               id);
    } else if (strcmp(what, "move") == 0 &&
               (strcmp(verb, "approve") == 0 || strcmp(verb, "reject") == 0) && npos == 2) {
        if ((rc = parse_id("movement", pos[1], &id, &err)) ||
            (rc = area_move_decide(st, id, strcmp(verb, "approve") == 0, note, actor, &err)))
            goto out;
        printf(cli_tr(cli, "movement %lld: %s\n"), id, verb);
    } else if (strcmp(what, "move") == 0 && strcmp(verb, "done") == 0 && npos == 2) {
        bool unapproved = false;
        if ((rc = parse_id("movement", pos[1], &id, &err)) ||
            (rc = area_move_done(st, id, at, actor, &unapproved, &err)))
            goto out;
        printf(cli_tr(cli, "movement %lld recorded\n"), id);
        if (unapproved)
            fputs(cli_tr(cli, "flagged: moved without a system administrator's approval\n"),
                  stdout);
    } else if (strcmp(what, "move") == 0 && strcmp(verb, "list") == 0 && npos <= 2) {
        const char *params[] = {npos == 2 ? area_s : NULL};
        status = cli_query_print(cli, st, area_moves_sql, params, 1);
    } else {
        store_free(st);
        cli_fail(cli, 0, cli_tr(cli, "area: unknown command or wrong arguments \"%s %s\""), what,
                 verb);
        goto usage;
    }
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    return rc ? cli_status(rc) : status;
usage:
    fputs(cli_tr(cli, "area-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
