/*
 * cmd_compliance.c — `airguard compliance status [--item ID|REF] [--status S] [--json]` (each
 * measure the catalog gives checks: evidenced, contradicted or no data, with every check's
 * reason and the self-inspection answers of the current campaign) and `airguard compliance
 * flags [--json]` (answers of 実施 contradicted by live evidence; the flags table is brought up to
 * date first). src/isms/compliance.h computes; docs/compliance.md describes.
 */
#include "cli/cli.h"

#include <jansson.h>

#include "isms/compliance.h"
#include "store/store.h"

static json_t *measure_json(const struct isms_ev_measure *m, json_t *answers)
{
    json_t *checks = json_array();
    for (size_t i = 0; checks && i < m->nchecks; i++) {
        const struct isms_ev_check *c = &m->checks[i];
        json_array_append_new(checks,
                              json_pack("{s:s,s:s,s:b,s:s?,s:s,s:s?}", "check", c->name, "status",
                                        isms_ev_status_id(c->status), "stale", c->stale, "ran_at",
                                        *c->ran_at ? c->ran_at : NULL, "reason", c->reason, "link",
                                        *c->link ? c->link : NULL));
    }
    return json_pack("{s:s,s:s,s:s,s:o,s:o}", "item", m->node->id, "ref", m->node->ref, "status",
                     isms_ev_status_id(m->status), "checks", checks, "answers", answers);
}

static void print_measure(struct cli *cli, const struct isms_ev_measure *m, json_t *answers)
{
    printf("%-22s %-8s %s\n", m->node->id,
           cli_tr(cli, m->status == ISMS_EV_EVIDENCED      ? "evidence status evidenced"
                       : m->status == ISMS_EV_CONTRADICTED ? "evidence status contradicted"
                                                           : "evidence status no_data"),
           m->node->ref);
    for (size_t i = 0; i < m->nchecks; i++) {
        const struct isms_ev_check *c = &m->checks[i];
        printf("    %-18s %s%s%s\n", c->name, c->reason, *c->link ? "  " : "", c->link);
    }
    if (json_array_size(answers)) {
        char line[1024];
        size_t used = 0, i;
        json_t *a;
        line[0] = '\0';
        json_array_foreach(answers, i, a)
        {
            const char *ans = json_string_value(json_object_get(a, "answer"));
            int w = snprintf(line + used, sizeof(line) - used, "%s%s %s", i ? ", " : "",
                             json_string_value(json_object_get(a, "department")), ans ? ans : "-");
            if (w < 0 || (size_t)w >= sizeof(line) - used)
                break;
            used += (size_t)w;
        }
        a = json_array_get(answers, 0);
        printf("    ");
        printf(cli_tr(cli, "compliance: answers (plan %lld, round %d): %s"),
               (long long)json_integer_value(json_object_get(a, "plan")),
               (int)json_integer_value(json_object_get(a, "round")), line);
        printf("\n");
    } else {
        printf("    %s\n", cli_tr(cli, "compliance: no submitted self-inspection answers"));
    }
}

static int status_cmd(struct cli *cli, struct store *st, const struct catalog *cat,
                      const char *item, const char *want)
{
    enum isms_ev_status filter = ISMS_EV_NO_DATA;
    struct isms_ev_env env;
    struct ag_error err;
    const struct catalog_node **nodes = NULL;
    size_t n = 0;
    int rc;
    if (want && isms_ev_status_parse(want, &filter) != AG_OK)
        return cli_fail(
            cli, AG_EXIT_BADINPUT,
            cli_tr(cli, "compliance: unknown status \"%s\" (evidenced, contradicted or no_data)"),
            want);
    if (item) {
        const struct catalog_node *node = catalog_find(cat, item);
        if (!node)
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "compliance: no guideline item \"%s\""), item);
        /* a section: its measures with checks */
        if (isms_ev_nodes(cat, &nodes, &n))
            return cli_fail(cli, AG_EXIT_FAIL, "%s", cli_tr(cli, "out of memory"));
        size_t k = 0;
        size_t len = strlen(node->id);
        for (size_t i = 0; i < n; i++)
            if (strcmp(nodes[i]->id, node->id) == 0 ||
                (strncmp(nodes[i]->id, node->id, len) == 0 &&
                 (nodes[i]->id[len] == '-' || nodes[i]->id[len] == '.')))
                nodes[k++] = nodes[i];
        n = k;
        if (!n) {
            free(nodes);
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "compliance: %s has no automated checks"), item);
        }
    } else if (isms_ev_nodes(cat, &nodes, &n)) {
        return cli_fail(cli, AG_EXIT_FAIL, "%s", cli_tr(cli, "out of memory"));
    }
    cli_evidence_env(st, &env);
    json_t *all = cli->json ? json_array() : NULL;
    rc = AG_OK;
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        struct isms_ev_measure m;
        json_t *answers = NULL;
        if ((rc = isms_measure_status(st, nodes[i], &env, cli->lang, &m, &err)) ||
            (rc = isms_ev_answers(st, 0, 0, nodes[i]->id, cli->lang, &answers, &err)))
            break;
        if (want && m.status != filter) {
            json_decref(answers);
            continue;
        }
        if (all)
            json_array_append_new(all, measure_json(&m, answers));
        else {
            print_measure(cli, &m, answers);
            json_decref(answers);
        }
    }
    free(nodes);
    if (rc) {
        json_decref(all);
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    }
    if (all) {
        json_dumpf(all, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
        putchar('\n');
        json_decref(all);
    }
    return AG_EXIT_OK;
}

static int flags_cmd(struct cli *cli, struct store *st, const struct catalog *cat)
{
    struct isms_ev_env env;
    struct ag_error err;
    struct isms_ev_flag *f = NULL;
    size_t n = 0, raised = 0, cleared = 0;
    cli_evidence_env(st, &env);
    int rc = isms_ev_flags_sync(st, cat, &env, &raised, &cleared, &err);
    if (!rc)
        rc = isms_ev_flags(st, cat, &env, cli->lang, 0, &f, &n, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (cli->json) {
        json_t *arr = json_array();
        for (size_t i = 0; arr && i < n; i++)
            json_array_append_new(
                arr, json_pack("{s:s,s:s,s:I,s:I,s:I,s:i,s:s,s:s,s:s,s:s}", "item", f[i].node->id,
                               "ref", f[i].node->ref, "answer_id", (json_int_t)f[i].answer_id,
                               "sheet", (json_int_t)f[i].sheet_id, "plan", (json_int_t)f[i].plan_id,
                               "round", f[i].round, "department", f[i].department, "respondent",
                               f[i].respondent, "reason", f[i].reason, "link", f[i].link));
        json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
        putchar('\n');
        json_decref(arr);
    } else {
        if (!n)
            printf("%s\n", cli_tr(cli, "compliance: no flags: no answer of 実施 is contradicted "
                                       "by live evidence"));
        for (size_t i = 0; i < n; i++)
            printf("%-22s %s / %s (sheet %lld): %s  %s\n", f[i].node->id, f[i].department,
                   f[i].respondent, f[i].sheet_id, f[i].reason, f[i].link);
        if (raised || cleared) {
            fprintf(stderr, cli_tr(cli, "compliance: %zu flag(s) raised, %zu cleared"), raised,
                    cleared);
            fputc('\n', stderr);
        }
    }
    free(f);
    return AG_EXIT_OK;
}

int cmd_compliance(struct cli *cli, int argc, char **argv)
{
    const char *pos[1], *item = NULL, *status = NULL;
    size_t npos;
    const struct cli_opt opts[] = {{"--item", &item, NULL}, {"--status", &status, NULL}};
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 0, &npos) ||
        (strcmp(argv[1], "status") != 0 && strcmp(argv[1], "flags") != 0)) {
        fputs(cli_tr(cli, "compliance-usage"), stderr);
        return AG_EXIT_BADINPUT;
    }
    struct catalog *cat = NULL;
    struct store *st = NULL;
    if (cli_load_catalog(cli, &cat) || cli_open_store(cli, &st)) {
        catalog_free(cat);
        return AG_EXIT_BADINPUT;
    }
    ag_error_set_lang(cli->lang);
    int status_code = strcmp(argv[1], "status") == 0 ? status_cmd(cli, st, cat, item, status)
                                                     : flags_cmd(cli, st, cat);
    store_free(st);
    catalog_free(cat);
    return status_code;
}
