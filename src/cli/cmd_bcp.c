/*
 * cmd_bcp.c — `airguard bcp …`: business continuity (3.1.2.4, 3.1.4.1(4), 3.2.3.1).
 * The plain records are registers (plan, command, place, exercise = `register bcp-…`, handled
 * by cmd_register); this file adds the recovery test log with its findings, exercise
 * participants and findings, and the views: status, overdue tests, the command structure,
 * exercises planned against held, and the check (src/isms/bcp.h).
 */
#include "cli/cli.h"
#include "isms/bcp.h"
#include "store/store.h"

/* `bcp plan|command|place|exercise VERB …` as `register bcp-… VERB …`; a plan may be named by
 * its system's code. */
static int as_register(struct cli *cli, int argc, char **argv, const char *kind)
{
    char *args[96];
    char ref[32];
    int n = 0;
    if (argc + 1 > (int)AG_ARRAY_LEN(args))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", cli_tr(cli, "bcp: too many arguments"));
    args[n++] = (char *)"register";
    args[n++] = (char *)kind;
    for (int i = 2; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    /* bcp plan show|update SYSTEM → #id of that system's plan */
    if (strcmp(kind, "bcp-plan") == 0 && argc >= 4 && argv[3][0] != '#' && argv[3][0] != '-' &&
        (strcmp(argv[2], "show") == 0 || strcmp(argv[2], "update") == 0)) {
        struct store *st;
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        sqlite3_stmt *s;
        struct ag_error err;
        if (store_prepare(st, &s,
                          "SELECT p.id FROM bcp_plans p JOIN systems s ON s.id = p.system_id "
                          "WHERE s.code = ?1",
                          &err) == AG_OK) {
            store_bind_text(s, 1, argv[3]);
            if (sqlite3_step(s) == SQLITE_ROW) {
                snprintf(ref, sizeof(ref), "#%lld", sqlite3_column_int64(s, 0));
                args[3] = ref;
            }
            sqlite3_finalize(s);
        }
        store_free(st);
    }
    return cmd_register(cli, n, args);
}

static void split_list(char *buf, const char **list, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ", ", &save); t && n + 1 < cap; t = strtok_r(NULL, ", ", &save))
        list[n++] = t;
    list[n] = NULL;
}

int cmd_bcp(struct cli *cli, int argc, char **argv)
{
    if (argc < 2)
        goto usage;
    const char *what = argv[1];
    if (strcmp(what, "plan") == 0 || strcmp(what, "command") == 0 || strcmp(what, "place") == 0 ||
        (strcmp(what, "exercise") == 0 &&
         !(argc >= 3 && (strcmp(argv[2], "people") == 0 || strcmp(argv[2], "finding") == 0)))) {
        char kind[32];
        snprintf(kind, sizeof(kind), "bcp-%s", what);
        return as_register(cli, argc, argv, kind);
    }
    struct bcp_test_new t = {0};
    struct bcp_finding_new f = {0};
    const char *months = NULL, *year = NULL, *people = NULL, *pos[4];
    struct cli_opt opts[] = {
        {"--system", &t.system, NULL},
        {"--date", &t.date, NULL},
        {"--scenario", &t.scenario, NULL},
        {"--result", &t.result, NULL},
        {"--minutes", &t.minutes, NULL},
        {"--data-loss", &t.data_loss, NULL},
        {"--participants", &t.participants, NULL},
        {"--notes", &t.notes, NULL},
        {"--finding", &f.finding, NULL},
        {"--owner", &f.owner, NULL},
        {"--due", &f.due, NULL},
        {"--months", &months, NULL},
        {"--year", &year, NULL},
        {"--people", &people, NULL},
    };
    size_t npos;
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        goto usage;
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    int rc = AG_OK, status = AG_EXIT_OK;
    long long actor = 0, id = 0, action = 0, nmonths = 0;
    char today[11], year_s[8];
    ag_date_iso(ag_now(), today);
    if (months && isms_check_int("--months", months, 1, 120, &nmonths, &err))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    const char *lang = cli->json ? "en" : ag_lang_code(cli->lang);
    const char *verb = npos ? pos[0] : "";
    if (strcmp(what, "status") == 0 && npos == 0) {
        const char *params[] = {today, months, lang};
        status = cli_query_print(cli, st, bcp_status_sql, params, 3);
    } else if (strcmp(what, "overdue") == 0 && npos == 0) {
        const char *params[] = {today, months, lang};
        status = cli_query_print(cli, st, bcp_overdue_sql, params, 3);
    } else if (strcmp(what, "structure") == 0 && npos == 0) {
        const char *params[] = {lang};
        status = cli_query_print(cli, st, bcp_structure_sql, params, 1);
        if (status == AG_EXIT_OK && !cli->json) {
            fputs(cli_tr(cli, "bcp: assembly places (3.2.3.1(1)):\n"), stdout);
            char sql[1024];
            snprintf(sql, sizeof(sql), "%s%s", reg_kind_bcp_place.select_sql,
                     reg_kind_bcp_place.order_sql);
            status = cli_query_print(cli, st, sql, NULL, 0);
        }
    } else if (strcmp(what, "year") == 0 && npos == 0) {
        snprintf(year_s, sizeof(year_s), "%.4s", year ? year : today);
        long long y;
        if (isms_check_int("--year", year_s, 1900, 9999, &y, &err)) {
            rc = AG_EINVAL;
            goto out;
        }
        const char *params[] = {year_s, today};
        status = cli_query_print(cli, st, bcp_year_summary_sql, params, 2);
        if (status == AG_EXIT_OK)
            status = cli_query_print(cli, st, bcp_year_sql, params, 1);
    } else if (strcmp(what, "findings") == 0 && (npos == 0 || npos == 2)) {
        const char *params[] = {npos ? pos[0] : NULL, npos ? pos[1] : NULL};
        status = cli_query_print(cli, st, bcp_findings_sql, params, 2);
    } else if (strcmp(what, "check") == 0 && npos == 0) {
        struct strbuf report;
        int problems = 0;
        strbuf_init(&report, 0);
        rc = bcp_check(st, today, (int)nmonths, &report, &problems, &err);
        if (rc == AG_OK) {
            fputs(strbuf_str(&report), stdout);
            if (problems)
                printf(cli_tr(cli, "business continuity: %d problem(s)\n"), problems);
            else
                fputs(cli_tr(cli, "business continuity: no problems found\n"), stdout);
            status = problems ? AG_EXIT_FAIL : AG_EXIT_OK;
        }
        strbuf_release(&report);
    } else if (strcmp(what, "test") == 0 && strcmp(verb, "list") == 0 && npos == 1) {
        const char *params[] = {t.system};
        status = cli_query_print(cli, st, bcp_tests_sql, params, 1);
    } else if (strcmp(what, "test") == 0 && strcmp(verb, "add") == 0 && npos == 1) {
        if ((rc = cli_actor_id(cli, st, &actor)) || (rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = bcp_test_add(st, cat, &t, f.finding ? &f : NULL, actor, &id, &action, &err)))
            goto out;
        printf(cli_tr(cli, "recorded recovery test %lld\n"), id);
        if (action)
            printf(cli_tr(cli, "corrective action %lld raised\n"), action);
    } else if ((strcmp(what, "test") == 0 || strcmp(what, "exercise") == 0) &&
               strcmp(verb, "finding") == 0 && npos == 2) {
        long long fid = 0;
        if ((rc = isms_check_int(what, pos[1][0] == '#' ? pos[1] + 1 : pos[1], 1, INT64_MAX, &id,
                                 &err)))
            goto out;
        if ((rc = cli_actor_id(cli, st, &actor)) || (rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = bcp_finding_add(st, cat, what, id, &f, actor, &fid, &action, &err)))
            goto out;
        printf(cli_tr(cli, "recorded finding %lld; corrective action %lld raised\n"), fid, action);
    } else if (strcmp(what, "exercise") == 0 && strcmp(verb, "people") == 0 && npos == 2) {
        char buf[4096];
        const char *list[257];
        snprintf(buf, sizeof(buf), "%s", people ? people : "");
        split_list(buf, list, AG_ARRAY_LEN(list));
        if ((rc = reg_find(st, &reg_kind_bcp_exercise, pos[1], &id, &err)) ||
            (rc = bcp_exercise_people(st, id, list, &err)))
            goto out;
        printf(cli_tr(cli, "exercise %lld: participants recorded\n"), id);
    } else {
        store_free(st);
        cli_fail(cli, 0, cli_tr(cli, "bcp: unknown command or wrong arguments \"%s %s\""), what,
                 verb);
        goto usage;
    }
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return rc ? cli_status(rc) : status;
usage:
    fputs(cli_tr(cli, "bcp-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
