/*
 * cmd_lifecycle.c — `airguard lifecycle …`: projects of an information system through the
 * lifecycle phases of guideline 3.1.5.2(1) (src/isms/lifecycle.h, docs/isms.md "System
 * lifecycle (3.1.5.2(1))"): start (the checklists are generated from the catalog), the
 * checklist with the catalog text of each row, answers with evidence, design reviews,
 * acceptance tests and phase sign-off.
 */
#include "cli/cli.h"
#include "isms/lifecycle.h"
#include "store/store.h"

#include <jansson.h>

/* clang-format off */
static const char projects_sql[] =
    "SELECT p.code, y.code AS information_system, p.kind, p.title, o.login AS owner, "
    "p.started_on, p.status, (SELECT phase FROM lc_phases WHERE project_id = p.id AND signed_at "
    "IS NULL ORDER BY sort_order LIMIT 1) AS current_phase, (SELECT count(*) FROM lc_rows r JOIN "
    "lc_phases ph ON ph.id = r.phase_id WHERE ph.project_id = p.id AND r.answer = 'open') AS "
    "open_rows FROM lc_projects p JOIN systems y ON y.id = p.system_id JOIN people o ON o.id = "
    "p.owner_id ORDER BY p.started_on, p.code";
static const char phases_sql[] =
    "SELECT ph.phase, count(r.id) AS rows_total, sum(r.answer = 'done') AS done, "
    "sum(r.answer = 'na') AS not_applicable, sum(r.answer = 'open') AS open_rows, s.login AS "
    "signed_by, coalesce(ph.signed_at, '') AS signed_at FROM lc_phases ph LEFT JOIN lc_rows r ON "
    "r.phase_id = ph.id LEFT JOIN people s ON s.id = ph.signed_by WHERE ph.project_id = ?1 GROUP "
    "BY ph.id ORDER BY ph.sort_order";
static const char reviews_sql[] =
    "SELECT v.id, v.phase, v.held_on, (SELECT group_concat(p.login, ' ') FROM lc_review_people rp "
    "JOIN people p ON p.id = rp.person_id WHERE rp.review_id = v.id) AS reviewers, v.scope, "
    "v.findings, v.result FROM lc_reviews v WHERE v.project_id = ?1 ORDER BY v.held_on, v.id";
static const char tests_sql[] =
    "SELECT t.id, t.tested_on, t.title, t.result, p.login AS tester, e.filename AS evidence, "
    "e.sha256, t.note FROM lc_tests t JOIN people p ON p.id = t.tester_id JOIN evidence e ON e.id "
    "= t.evidence_id WHERE t.project_id = ?1 ORDER BY t.tested_on, t.id";
static const char rows_sql[] =
    "SELECT r.id, ph.phase, r.ref, r.item_id, r.answer, r.note, coalesce(p.login, ''), (SELECT "
    "group_concat(e.filename, ', ') FROM lc_row_evidence re JOIN evidence e ON e.id = "
    "re.evidence_id WHERE re.row_id = r.id) FROM lc_rows r JOIN lc_phases ph ON ph.id = "
    "r.phase_id LEFT JOIN people p ON p.id = r.answered_by WHERE ph.project_id = ?1 AND (?2 IS "
    "NULL OR ph.phase = ?2) AND (?3 IS NULL OR r.answer = 'open') ORDER BY ph.sort_order, "
    "r.sort_order";
/* clang-format on */

/* The checklist: one block per row with the catalog text beside it (or JSON). */
static int print_checklist(struct cli *cli, struct store *st, const struct catalog *cat,
                           long long project, const char *phase, bool only_open)
{
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(st, &s, rows_sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    sqlite3_bind_int64(s, 1, project);
    store_bind_text(s, 2, phase);
    store_bind_text(s, 3, only_open ? "1" : NULL);
    json_t *arr = cli->json ? json_array() : NULL;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const struct catalog_node *n = catalog_by_id(cat, store_col_text(s, 3));
        const char *text = n ? catalog_text_get(n->text, cli->lang) : "";
        if (arr) {
            json_t *o =
                json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "row",
                          (json_int_t)sqlite3_column_int64(s, 0), "phase", store_col_text(s, 1),
                          "ref", store_col_text(s, 2), "item", store_col_text(s, 3), "text", text,
                          "answer", store_col_text(s, 4), "note", store_col_text(s, 5),
                          "answered_by", store_col_text(s, 6), "evidence", store_col_text(s, 7));
            if (o)
                json_array_append_new(arr, o);
            continue;
        }
        printf("#%-5lld %-10s %-5s %s  %s\n", (long long)sqlite3_column_int64(s, 0),
               store_col_text(s, 1), store_col_text(s, 4), store_col_text(s, 2),
               store_col_text(s, 3));
        printf("       %s\n", text);
        if (*store_col_text(s, 5))
            printf("       %s: %s (%s)\n", cli_tr(cli, "note"), store_col_text(s, 5),
                   store_col_text(s, 6));
        if (*store_col_text(s, 7))
            printf("       %s: %s\n", cli_tr(cli, "evidence_files"), store_col_text(s, 7));
    }
    sqlite3_finalize(s);
    if (arr) {
        char *j = json_dumps(arr, JSON_INDENT(2));
        if (j)
            puts(j);
        free(j);
        json_decref(arr);
    }
    return AG_EXIT_OK;
}

struct items_ctx {
    struct cli *cli;
};

static int print_item(void *vctx, const struct catalog_node *n)
{
    struct items_ctx *c = vctx;
    printf("%-22s %s\n    %s\n", n->id, n->ref, catalog_text_get(n->text, c->cli->lang));
    return AG_OK;
}

int cmd_lifecycle(struct cli *cli, int argc, char **argv)
{
    const char *pos[4], *system = NULL, *kind = NULL, *title = NULL, *owner = NULL, *start = NULL,
                        *phase = NULL, *note = NULL, *evidence = NULL, *date = NULL,
                        *reviewers = NULL, *scope = NULL, *findings = NULL, *result = NULL,
                        *tester = NULL;
    bool only_open = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--system", &system, NULL},  {"--kind", &kind, NULL},
        {"--title", &title, NULL},    {"--owner", &owner, NULL},
        {"--start", &start, NULL},    {"--phase", &phase, NULL},
        {"--note", &note, NULL},      {"--evidence", &evidence, NULL},
        {"--date", &date, NULL},      {"--reviewers", &reviewers, NULL},
        {"--scope", &scope, NULL},    {"--findings", &findings, NULL},
        {"--result", &result, NULL},  {"--tester", &tester, NULL},
        {"--open", NULL, &only_open},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 4, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st = NULL;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long actor = 0, id = 0, project = 0;
    int rc = AG_OK, status;
    ag_error_clear(&err);
    if (strcmp(sub, "items") == 0 && npos == 1) {
        if (cli_load_catalog(cli, &cat))
            return AG_EXIT_FAIL;
        struct items_ctx c = {cli};
        rc = lc_template(cat, pos[0], 0, print_item, &c, &err);
        catalog_free(cat);
        return rc ? cli_fail(cli, cli_status(rc), "%s", err.msg) : AG_EXIT_OK;
    }
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (strcmp(sub, "list") == 0 && npos == 0) {
        status = cli_query_print(cli, st, projects_sql, NULL, 0);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "start") == 0) {
        if (npos != 1)
            goto bad;
        if ((rc = cli_actor_id(cli, st, &actor)) || (rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        struct lc_project_new p = {pos[0], system, kind, title, owner, start};
        if ((rc = lc_project_start(st, cat, actor, &p, &id, &err)))
            goto out;
        printf(cli_tr(cli, "lifecycle project %s started; its checklists are generated from the "
                           "catalog\n"),
               pos[0]);
        goto out;
    }
    if (npos < 1)
        goto bad;
    if ((rc = lc_project_find(st, pos[0], &project, &err)))
        goto out;
    char pid[24];
    snprintf(pid, sizeof(pid), "%lld", project);
    const char *params[] = {pid};
    if (strcmp(sub, "show") == 0 && npos == 1) {
        status = cli_query_print(cli, st, phases_sql, params, 1);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "reviews") == 0 && npos == 1) {
        status = cli_query_print(cli, st, reviews_sql, params, 1);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "tests") == 0 && npos == 1) {
        status = cli_query_print(cli, st, tests_sql, params, 1);
        store_free(st);
        return status;
    }
    if ((rc = cli_load_catalog(cli, &cat)))
        goto out_status;
    if (strcmp(sub, "checklist") == 0 && npos == 1) {
        if (phase && (rc = isms_check_enum("--phase", phase, lc_phase_names, &err)))
            goto out;
        status = print_checklist(cli, st, cat, project, phase, only_open);
        store_free(st);
        catalog_free(cat);
        return status;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "answer") == 0 && npos == 3) {
        long long row;
        if ((rc = lc_row_find(st, cat, project, phase, pos[1], &row, &err)) ||
            (rc = lc_answer(st, actor, row, pos[2], note, &err)))
            goto out;
        if (evidence && (rc = lc_attach(st, actor, row, NULL, 0, evidence, &err)))
            goto out;
        printf(cli_tr(cli, "row %lld: %s\n"), row, pos[2]);
        goto out;
    }
    if (strcmp(sub, "attach") == 0 && npos == 3) {
        long long row;
        if ((rc = lc_row_find(st, cat, project, phase, pos[1], &row, &err)) ||
            (rc = lc_attach(st, actor, row, NULL, 0, pos[2], &err)))
            goto out;
        printf(cli_tr(cli, "row %lld: evidence %s attached\n"), row, pos[2]);
        goto out;
    }
    if (strcmp(sub, "review") == 0 && npos == 1) {
        char buf[4096];
        const char *list[33];
        snprintf(buf, sizeof(buf), "%s", reviewers ? reviewers : "");
        size_t n = 0;
        char *save = NULL;
        for (char *t = strtok_r(buf, ", ", &save); t && n + 1 < AG_ARRAY_LEN(list);
             t = strtok_r(NULL, ", ", &save))
            list[n++] = t;
        list[n] = NULL;
        struct lc_review_new r = {phase, date, scope, findings, result, list};
        if ((rc = lc_review_add(st, actor, project, &r, &id, &err)))
            goto out;
        printf(cli_tr(cli, "recorded design review %lld\n"), id);
        goto out;
    }
    if (strcmp(sub, "test") == 0 && npos == 1) {
        struct lc_test_new t = {title, date, result, note, tester, NULL, 0, evidence};
        if ((rc = lc_test_add(st, actor, project, &t, &id, &err)))
            goto out;
        printf(cli_tr(cli, "recorded acceptance test %lld\n"), id);
        goto out;
    }
    if (strcmp(sub, "signoff") == 0 && npos == 2) {
        if ((rc = lc_signoff(st, actor, project, pos[1], note, &err)))
            goto out;
        printf(cli_tr(cli, "project %s: the phase %s is signed off\n"), pos[0], pos[1]);
        goto out;
    }
bad:
    store_free(st);
    catalog_free(cat);
usage:
    fputs(cli_tr(cli, "lifecycle-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}
