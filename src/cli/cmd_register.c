/*
 * cmd_register.c — `airguard register <kind> add|update|list|show …` for the registers of the
 * guideline (src/isms/registers.h), the steps with rules (checklist answers, approvals,
 * reviews, attendance), `register contact check` and `register due`.
 * The options of add/update are the register's fields (struct reg_kind), so the usage text and
 * the register description are the one place a field is named.
 */
#include "cli/cli.h"
#include "isms/registers.h"
#include "store/store.h"

#define REG_MAX_OPTS 64

/* Splits "a,b c" into list[] (pointers into buf), NULL-terminated. */
static void split_list(char *buf, const char **list, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ", ", &save); t && n + 1 < cap; t = strtok_r(NULL, ", ", &save))
        list[n++] = t;
    list[n] = NULL;
}

/* Prints one record as "label  value" lines (or JSON with --json). */
static int show_record(struct cli *cli, struct store *st, const struct reg_kind *k, long long id)
{
    char sql[4096], id_s[24];
    snprintf(sql, sizeof(sql), "%s WHERE x.id = ?1", k->select_sql);
    snprintf(id_s, sizeof(id_s), "%lld", id);
    const char *params[] = {id_s};
    if (cli->json)
        return cli_query_print(cli, st, sql, params, 1);
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(st, &s, sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    sqlite3_bind_int64(s, 1, id);
    int ncol = sqlite3_column_count(s);
    size_t width = 0;
    for (int c = 0; c < ncol; c++) {
        size_t w = ag_text_width(cli_tr(cli, sqlite3_column_name(s, c)));
        if (w > width)
            width = w;
    }
    if (sqlite3_step(s) == SQLITE_ROW) {
        for (int c = 0; c < ncol; c++) {
            cli_print_padded(cli_tr(cli, sqlite3_column_name(s, c)), width + 2);
            puts(store_col_text(s, c));
        }
    }
    sqlite3_finalize(s);
    return AG_EXIT_OK;
}

static int list_records(struct cli *cli, struct store *st, const struct reg_kind *k,
                        const char *format)
{
    if (!format || strcmp(format, "table") == 0) {
        char sql[4096];
        snprintf(sql, sizeof(sql), "%s%s", k->select_sql, k->order_sql);
        return cli_query_print(cli, st, sql, NULL, 0);
    }
    if (strcmp(format, "csv") != 0)
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--format: \"%s\" is not one of: table, csv"), format);
    struct strbuf out;
    struct ag_error err;
    strbuf_init(&out, 0);
    int rc = reg_export_csv(st, k, &out, &err);
    if (rc == AG_OK)
        fwrite(strbuf_str(&out), 1, out.len, stdout);
    strbuf_release(&out);
    return rc ? cli_fail(cli, cli_status(rc), "%s", err.msg) : AG_EXIT_OK;
}

static int due(struct cli *cli, struct store *st, const char *days_s)
{
    long long days = 30;
    struct ag_error err;
    if (days_s && isms_check_int("--days", days_s, 0, 3650, &days, &err))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
    char today[11], horizon[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, (long)days, horizon);
    const char *params[] = {today, horizon, cli->json ? "en" : ag_lang_code(cli->lang)};
    return cli_query_print(cli, st, reg_due_sql, params, 3);
}

static int contact_check(struct cli *cli, struct store *st)
{
    struct strbuf report;
    struct ag_error err;
    int problems = 0;
    strbuf_init(&report, 0);
    int rc = reg_contact_check(st, &report, &problems, &err);
    if (rc == AG_OK) {
        fputs(strbuf_str(&report), stdout);
        if (problems)
            printf(cli_tr(cli, "emergency contact network: %d problem(s)\n"), problems);
        else
            fputs(cli_tr(cli, "emergency contact network: every critical system has a "
                              "complete chain\n"),
                  stdout);
    }
    strbuf_release(&report);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return problems ? AG_EXIT_FAIL : AG_EXIT_OK;
}

int cmd_register(struct cli *cli, int argc, char **argv)
{
    const char *values[REG_MAX_OPTS] = {0};
    const char *pos[4], *note = NULL, *occasion = NULL, *outcome = NULL, *people = NULL,
                        *format = NULL, *days = NULL;
    struct cli_opt opts[REG_MAX_OPTS + 8];
    size_t nopts = 0, npos;
    const struct reg_kind *k = NULL;
    if (argc < 2)
        goto usage;
    if (strcmp(argv[1], "due") != 0) {
        if (!(k = reg_kind_find(argv[1]))) {
            cli_fail(cli, 0,
                     cli_tr(cli, "register: \"%s\" is not one of: pdata, contractor, cloud, "
                                 "training, contact, policy, milestone, due"),
                     argv[1]);
            goto usage;
        }
        for (size_t i = 0; i < k->nfields && i < REG_MAX_OPTS; i++)
            opts[nopts++] = (struct cli_opt){k->fields[i].opt, &values[i], NULL};
    }
    opts[nopts++] = (struct cli_opt){"--note", &note, NULL};
    opts[nopts++] = (struct cli_opt){"--occasion", &occasion, NULL};
    opts[nopts++] = (struct cli_opt){"--outcome", &outcome, NULL};
    opts[nopts++] = (struct cli_opt){"--people", &people, NULL};
    opts[nopts++] = (struct cli_opt){"--format", &format, NULL};
    opts[nopts++] = (struct cli_opt){"--days", &days, NULL};
    if (cli_parse(cli, argc, argv, 2, opts, nopts, pos, AG_ARRAY_LEN(pos), &npos))
        goto usage;
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    int rc = AG_OK, status;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (!k) { /* register due */
        status = npos == 0 ? due(cli, st, days) : -1;
        store_free(st);
        if (status < 0)
            goto usage;
        return status;
    }
    const char *verb = npos ? pos[0] : "";
    long long id = 0, actor = 0;
    bool checklist_kind = strcmp(k->name, "contractor") == 0 || strcmp(k->name, "cloud") == 0;
    if (checklist_kind && strcmp(verb, "list") != 0) {
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = reg_checklist_seed(st, cat, &err)))
            goto out;
    }
    if (strcmp(verb, "list") == 0 && npos == 1) {
        status = list_records(cli, st, k, format);
        store_free(st);
        catalog_free(cat);
        return status;
    }
    if (strcmp(verb, "add") == 0 && npos == 1) {
        if (!cat && (rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = reg_add(st, cat, k, values, &id, &err)))
            goto out;
        printf(cli_tr(cli, "added %s %lld\n"), k->name, id);
        goto out;
    }
    if (strcmp(k->name, "contact") == 0 && strcmp(verb, "check") == 0 && npos == 1) {
        status = contact_check(cli, st);
        store_free(st);
        catalog_free(cat);
        return status;
    }
    if (npos < 2)
        goto bad_verb;
    if ((rc = reg_find(st, k, pos[1], &id, &err)))
        goto out;
    if (strcmp(verb, "show") == 0 && npos == 2) {
        status = show_record(cli, st, k, id);
        store_free(st);
        catalog_free(cat);
        return status;
    }
    if (strcmp(verb, "update") == 0 && npos == 2) {
        if (!cat && (rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = reg_update(st, cat, k, id, values, &err)))
            goto out;
        printf(cli_tr(cli, "updated %s %lld\n"), k->name, id);
        goto out;
    }
    if (checklist_kind && strcmp(verb, "checklist") == 0 && npos == 2) {
        char id_s[24];
        snprintf(id_s, sizeof(id_s), "%lld", id);
        const char *params[] = {id_s};
        status = cli_query_print(cli, st, reg_checklist_sql(k->name, cli->lang), params, 1);
        store_free(st);
        catalog_free(cat);
        return status;
    }
    /* every other verb is a step by a person */
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (checklist_kind && strcmp(verb, "check") == 0 && npos == 4) {
        rc = reg_check_answer(st, k->name, id, pos[2], pos[3], note, actor, &err);
    } else if (strcmp(k->name, "contractor") == 0 && strcmp(verb, "approve") == 0 && npos == 2) {
        rc = reg_contractor_approve(st, id, actor, &err);
    } else if (strcmp(k->name, "contractor") == 0 && strcmp(verb, "end") == 0 && npos == 2) {
        rc = reg_contractor_end(st, id, actor, &err);
    } else if (strcmp(k->name, "cloud") == 0 &&
               (strcmp(verb, "approve") == 0 || strcmp(verb, "reject") == 0) && npos == 2) {
        rc = reg_cloud_decide(st, id, strcmp(verb, "approve") == 0 ? "approved" : "rejected", note,
                              actor, &err);
    } else if (strcmp(k->name, "policy") == 0 && strcmp(verb, "approve") == 0 && npos == 2) {
        rc = reg_policy_approve(st, id, actor, &err);
    } else if (strcmp(k->name, "policy") == 0 && strcmp(verb, "review") == 0 && npos == 2) {
        rc =
            reg_policy_review(st, id, occasion ? occasion : "periodic", outcome, note, actor, &err);
    } else if (strcmp(k->name, "training") == 0 &&
               (strcmp(verb, "invite") == 0 || strcmp(verb, "attend") == 0) && npos == 2) {
        char buf[4096];
        const char *list[257];
        snprintf(buf, sizeof(buf), "%s", people ? people : "");
        split_list(buf, list, AG_ARRAY_LEN(list));
        rc = reg_training_people(st, id, list, strcmp(verb, "attend") == 0, &err);
    } else {
        goto bad_verb;
    }
    if (rc)
        goto out;
    printf(cli_tr(cli, "%s %s: %s\n"), k->name, pos[1], verb);
    goto out;
bad_verb:
    store_free(st);
    catalog_free(cat);
    cli_fail(cli, 0, cli_tr(cli, "register %s: unknown step or wrong arguments \"%s\""), k->name,
             verb);
usage:
    fputs(cli_tr(cli, "register-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}
