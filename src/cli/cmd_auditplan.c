/*
 * cmd_auditplan.c — the ISMS-audit part of `airguard audit …` (guideline 3.3.1.1(2),
 * src/isms/auditing.h, docs/isms/audits.md): annual plan, per-audit plan, auditors, findings,
 * report, the CISO's instruction, improvement plans and their verification, closure.
 * `audit verify` and `audit log` (the audit trail) are in cmd_audit.c, which hands every other
 * subcommand to cmd_audit_isms.
 */
#include "cli/cli.h"
#include "isms/auditing.h"
#include "store/store.h"

static void split_list(char *buf, const char **items, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t && n + 1 < cap; t = strtok_r(NULL, ",", &save))
        items[n++] = t;
    items[n] = NULL;
}

static int print_close_check(struct cli *cli, struct store *st, long long id)
{
    struct strbuf why;
    struct ag_error err;
    int rc;
    strbuf_init(&why, 8192);
    if ((rc = isms_audit_close_check(st, id, &why, &err)) == AG_OK && why.len) {
        printf("\n%s\n", cli_tr(cli, "Before the audit can be closed:"));
        for (const char *line = strbuf_str(&why); *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            printf("  - %.*s\n", (int)n, line);
            line += n + (nl ? 1 : 0);
        }
    }
    strbuf_release(&why);
    return rc;
}

int cmd_audit_isms(struct cli *cli, int argc, char **argv)
{
    const char *pos[3] = {NULL}, *year = NULL, *focus = NULL, *objectives = NULL, *from = NULL,
               *to = NULL, *management = NULL, *outsourcing = NULL, *budget = NULL, *title = NULL,
               *dept = NULL, *location = NULL, *policy = NULL, *points = NULL, *procedures = NULL,
               *sampling = NULL, *progress = NULL, *auditors = NULL, *assignment = NULL,
               *item = NULL, *klass = NULL, *aspect = NULL, *statement = NULL, *evidence = NULL,
               *evidence_text = NULL, *summary = NULL, *due = NULL, *owner = NULL, *desc = NULL,
               *text = NULL;
    bool adequacy = false, issue = false, reopen = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--year", &year, NULL},
        {"--focus", &focus, NULL},
        {"--objectives", &objectives, NULL},
        {"--from", &from, NULL},
        {"--to", &to, NULL},
        {"--management", &management, NULL},
        {"--outsourcing", &outsourcing, NULL},
        {"--budget", &budget, NULL},
        {"--title", &title, NULL},
        {"--dept", &dept, NULL},
        {"--location", &location, NULL},
        {"--policy", &policy, NULL},
        {"--points", &points, NULL},
        {"--procedures", &procedures, NULL},
        {"--sampling", &sampling, NULL},
        {"--progress", &progress, NULL},
        {"--auditors", &auditors, NULL},
        {"--assignment", &assignment, NULL},
        {"--item", &item, NULL},
        {"--class", &klass, NULL},
        {"--aspect", &aspect, NULL},
        {"--statement", &statement, NULL},
        {"--evidence", &evidence, NULL},
        {"--evidence-text", &evidence_text, NULL},
        {"--summary", &summary, NULL},
        {"--due", &due, NULL},
        {"--owner", &owner, NULL},
        {"--description", &desc, NULL},
        {"--text", &text, NULL},
        {"--adequacy", NULL, &adequacy},
        {"--issue", NULL, &issue},
        {"--reopen", NULL, &reopen},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 3, &npos))
        goto usage;
    const char *sub = argv[1];
    const char *verb = npos > 0 ? pos[0] : "";
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long id = 0, actor = 0, out_id = 0;
    int rc = AG_OK;

    /* read-only listings */
    bool listing = (strcmp(sub, "list") == 0 && npos == 0) ||
                   ((strcmp(sub, "annual") == 0 || strcmp(sub, "plan") == 0) && npos == 1 &&
                    strcmp(verb, "list") == 0) ||
                   (strcmp(sub, "finding") == 0 && npos >= 1 && strcmp(verb, "list") == 0);
    if (listing) {
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        int status;
        if (strcmp(sub, "annual") == 0) {
            status = cli_query_print(
                cli, st,
                "SELECT p.fiscal_year, p.focus, p.objectives, p.period_start AS period_from, "
                "p.period_end AS period_to, p.management, p.outsourcing, p.budget_yen, c.login "
                "AS planned_by, (SELECT count(*) FROM audits a WHERE a.programme_id = p.id) AS "
                "audits FROM audit_programmes p JOIN people c ON c.id = p.created_by ORDER BY "
                "p.fiscal_year",
                NULL, 0);
        } else if (strcmp(sub, "finding") == 0) {
            const char *params[] = {npos > 1 ? pos[1] : NULL, klass};
            status = cli_query_print(
                cli, st,
                "SELECT f.id, f.audit_id, d.code AS department, f.item_id AS item, "
                "f.classification, f.aspect, f.statement, p.login AS auditor, (SELECT "
                "group_concat(a.id || ':' || a.status, ' ') FROM actions a WHERE a.origin = "
                "'audit' AND a.origin_id = f.id) AS improvements FROM audit_findings f JOIN "
                "audits u ON u.id = f.audit_id JOIN departments d ON d.id = u.department_id JOIN "
                "people p ON p.id = f.auditor_id WHERE (?1 IS NULL OR f.audit_id = ?1) AND (?2 IS "
                "NULL OR f.classification = ?2) ORDER BY f.audit_id, f.id",
                params, 2);
        } else {
            const char *params[] = {year};
            status = cli_query_print(
                cli, st,
                "SELECT a.id, p.fiscal_year, a.title, d.code AS department, a.start_date AS "
                "period_from, a.end_date AS period_to, a.location, (SELECT group_concat(x.login, "
                "' ') FROM audit_auditors y JOIN people x ON x.id = y.person_id WHERE y.audit_id "
                "= a.id) AS auditors, a.status, (SELECT count(*) FROM audit_findings f WHERE "
                "f.audit_id = a.id AND f.classification IN ('major', 'minor')) AS "
                "nonconformities FROM audits a JOIN audit_programmes p ON p.id = a.programme_id "
                "JOIN departments d ON d.id = a.department_id WHERE ?1 IS NULL OR p.fiscal_year "
                "= ?1 ORDER BY a.start_date, a.id",
                params, 1);
        }
        store_free(st);
        return status;
    }

    /* the report document and show */
    if ((strcmp(sub, "show") == 0 || (strcmp(sub, "report") == 0 && !issue)) && npos == 1) {
        struct strbuf out;
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        strbuf_init(&out, 0);
        if ((rc = isms_check_int("audit", pos[0], 1, INT64_MAX, &id, &err)) == AG_OK &&
            (rc = isms_audit_render(st, id, cli->lang, cli->json, &out, &err)) == AG_OK) {
            fputs(strbuf_str(&out), stdout);
            if (strcmp(sub, "show") == 0 && !cli->json)
                rc = print_close_check(cli, st, id);
        }
        strbuf_release(&out);
        goto out;
    }

    /* steps: the acting person is needed */
    static const struct {
        const char *sub, *verb;
        size_t npos;
    } steps[] = {
        {"annual", "add", 1},  {"plan", "add", 1},   {"auditor", "add", 3},
        {"finding", "add", 2}, {"report", NULL, 1},  {"instruct", NULL, 1},
        {"improve", NULL, 1},  {"confirm", NULL, 1}, {"close", NULL, 1},
    };
    bool known = false;
    for (size_t i = 0; i < AG_ARRAY_LEN(steps); i++)
        if (strcmp(sub, steps[i].sub) == 0 && npos == steps[i].npos &&
            (!steps[i].verb || strcmp(verb, steps[i].verb) == 0))
            known = true;
    if (!known)
        goto usage;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    const char *idtext = npos > 1 ? pos[1] : pos[0];
    bool with_id = strcmp(sub, "annual") != 0 && strcmp(sub, "plan") != 0;
    if (with_id &&
        (rc = isms_check_int(strcmp(sub, "improve") == 0 || strcmp(sub, "confirm") == 0 ? "finding"
                                                                                        : "audit",
                             idtext, 1, INT64_MAX, &id, &err)))
        goto out;
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "annual") == 0) {
        struct isms_audit_programme_new p = {year, focus,      objectives,  from,
                                             to,   management, outsourcing, budget};
        if ((rc = isms_audit_programme_add(st, &p, actor, &out_id, &err)) == AG_OK)
            printf(cli_tr(cli, "created the annual audit plan %s (id %lld)\n"), year, out_id);
    } else if (strcmp(sub, "plan") == 0) {
        char buf[4096];
        const char *list[17];
        snprintf(buf, sizeof(buf), "%s", auditors ? auditors : "");
        split_list(buf, list, AG_ARRAY_LEN(list));
        struct isms_audit_new a = {year,     title,    dept,   from,   to,
                                   location, adequacy, policy, points, procedures,
                                   sampling, progress, list};
        if ((rc = isms_audit_add(st, &a, actor, &out_id, &err)) == AG_OK)
            printf(cli_tr(cli, "created audit %lld\n"), out_id);
    } else if (strcmp(sub, "auditor") == 0) {
        if ((rc = isms_audit_auditor_add(st, id, pos[2], assignment, actor, &err)) == AG_OK)
            printf(cli_tr(cli, "audit %lld: auditor %s assigned\n"), id, pos[2]);
    } else if (strcmp(sub, "finding") == 0) {
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        struct isms_audit_finding_new f = {item, klass, aspect, statement, evidence_text, evidence};
        if ((rc = isms_audit_finding_add(st, cat, id, actor, &f, &out_id, &err)) == AG_OK)
            printf(cli_tr(cli, "audit %lld: finding %lld recorded\n"), id, out_id);
    } else if (strcmp(sub, "report") == 0) { /* --issue */
        if ((rc = isms_audit_report(st, id, actor, summary, &err)) == AG_OK)
            printf(cli_tr(cli, "audit %lld: report issued\n"), id);
    } else if (strcmp(sub, "instruct") == 0) {
        if ((rc = isms_audit_instruct(st, id, actor, due, &err)) == AG_OK)
            printf(cli_tr(cli, "audit %lld: improvement plans instructed, due %s\n"), id, due);
    } else if (strcmp(sub, "improve") == 0) {
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = isms_audit_improve(st, cat, id, actor, title, desc, owner, due, &out_id, &err)) ==
            AG_OK)
            printf(cli_tr(cli, "finding %lld: improvement plan is action %lld\n"), id, out_id);
    } else if (strcmp(sub, "confirm") == 0) {
        if ((rc = isms_audit_confirm(st, id, actor, reopen, text, &err)) == AG_OK)
            printf(cli_tr(cli, reopen ? "finding %lld: improvement sent back\n"
                                      : "finding %lld: improvement verified\n"),
                   id);
    } else if (strcmp(sub, "close") == 0) {
        if ((rc = isms_audit_close(st, id, actor, &err)) == AG_OK)
            printf(cli_tr(cli, "closed audit %lld\n"), id);
    }
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
usage:
    fputs(cli_tr(cli, "audit-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
