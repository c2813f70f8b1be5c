/*
 * cmd_assess.c — `airguard assess plan|sheet|answer|import|evaluate|report|instruct …`:
 * self-inspection (自己点検, guideline 3.3.1.1(1)). The rules live in src/isms/assess*.c; this
 * file parses, calls and prints.
 */
#include "cli/cli.h"
#include "isms/assess.h"
#include "store/store.h"

#include <jansson.h>

struct assess_args {
    const char *year, *title, *frequency, *timing, *selection, *method, *items, *depts, *reason,
        *add_items, *add_depts, *round, *due, *dept, *respondent, *plan, *out, *format, *answer,
        *comment, *evidence, *text, *to, *result, *by, *status, *campaign;
    bool overdue;
};

static int to_int(const char *field, const char *v, long long min, long long max, int *out,
                  struct ag_error *err)
{
    long long n = 0;
    int rc = isms_check_int(field, v, min, max, &n, err);
    *out = (int)n;
    return rc;
}

/* ---- report printing ---- */

static void rate_text(const struct assess_tally *t, char *buf, size_t cap)
{
    double r = assess_tally_rate(t);
    if (r < 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%.1f%%", r);
}

static void delta_text(const struct assess_tally *now, const struct assess_tally *prev, char *buf,
                       size_t cap)
{
    double a = assess_tally_rate(now), b = assess_tally_rate(prev);
    if (a < 0 || b < 0)
        snprintf(buf, cap, "-");
    else
        snprintf(buf, cap, "%+.1f", a - b);
}

static json_t *tally_json(const struct assess_tally *t)
{
    double r = assess_tally_rate(t);
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "implemented", (json_int_t)t->implemented,
                     "partial", (json_int_t)t->partial, "not_implemented",
                     (json_int_t)t->not_implemented, "not_applicable",
                     (json_int_t)t->not_applicable, "unanswered", (json_int_t)t->unanswered, "rate",
                     r < 0 ? json_null() : json_real(r));
}

#define COLW 12

/* Copies s into out, cut on a character boundary to at most `width` terminal columns. */
static void fit_width(const char *s, size_t width, char *out, size_t cap)
{
    size_t n = 0, w = 0;
    while (s[n]) {
        size_t len = 1;
        while (((unsigned char)s[n + len] & 0xC0) == 0x80)
            len++;
        size_t cw = (unsigned char)s[n] >= 0xE0 ? 2 : 1;
        if (w + cw > width || n + len >= cap)
            break;
        w += cw;
        n += len;
    }
    snprintf(out, cap, "%.*s", (int)n, s);
}

static void print_row(struct cli *cli, const char *key, const struct assess_tally *now,
                      const struct assess_tally *prev, size_t keyw)
{
    char rate[16], prate[16], delta[16], num[5][24];
    rate_text(now, rate, sizeof(rate));
    rate_text(prev, prate, sizeof(prate));
    delta_text(now, prev, delta, sizeof(delta));
    snprintf(num[0], sizeof(num[0]), "%ld", now->implemented);
    snprintf(num[1], sizeof(num[1]), "%ld", now->partial);
    snprintf(num[2], sizeof(num[2]), "%ld", now->not_implemented);
    snprintf(num[3], sizeof(num[3]), "%ld", now->not_applicable);
    snprintf(num[4], sizeof(num[4]), "%ld", now->unanswered);
    char cut[256];
    fit_width(key, keyw, cut, sizeof(cut));
    cli_print_padded(cut, keyw + 2);
    for (int i = 0; i < 5; i++)
        cli_print_padded(num[i], COLW);
    cli_print_padded(rate, COLW);
    cli_print_padded(prate, COLW);
    fputs(delta, stdout);
    putchar('\n');
    (void)cli;
}

static const char *row_label(struct cli *cli, const struct catalog *cat, enum assess_by by,
                             const char *key, char *buf, size_t cap)
{
    if (by == ASSESS_BY_SECTION) {
        const struct catalog_node *n = catalog_find(cat, key);
        snprintf(buf, cap, "%s %s", key, n ? catalog_text_get(n->title, cli->lang) : "");
        return buf;
    }
    if (by == ASSESS_BY_ROLE) {
        for (size_t i = 0; i < catalog_role_count(cat); i++)
            if (strcmp(catalog_role_at(cat, i)->id, key) == 0) {
                snprintf(buf, cap, "%s",
                         catalog_text_get(catalog_role_at(cat, i)->name, cli->lang));
                return buf;
            }
    }
    if (by == ASSESS_BY_PHASE) {
        char k[32];
        snprintf(k, sizeof(k), "phase:%s", key);
        snprintf(buf, cap, "%s", cli_tr(cli, k));
        return buf;
    }
    if (by == ASSESS_BY_ITEM) {
        const struct catalog_node *n = catalog_by_id(cat, key);
        snprintf(buf, cap, "%s %s", key, n ? n->ref : "");
        return buf;
    }
    return key;
}

static int print_report(struct cli *cli, const struct catalog *cat, const struct assess_report *r,
                        const bool show[ASSESS_BY_COUNT])
{
    if (cli->json) {
        json_t *o =
            json_pack("{s:I, s:i, s:i, s:i, s:s, s:o}", "plan", (json_int_t)r->plan, "round",
                      r->round, "sheets", r->sheets, "submitted", r->submitted, "rule",
                      "rate = implemented / (implemented + partial + not_implemented); "
                      "partial counts as not implemented; submitted sheets only",
                      "total", tally_json(&r->total));
        if (r->prev_plan)
            json_object_set_new(o, "previous",
                                json_pack("{s:I, s:i, s:i, s:i, s:o}", "plan",
                                          (json_int_t)r->prev_plan, "round", r->prev_round,
                                          "sheets", r->prev_sheets, "submitted", r->prev_submitted,
                                          "total", tally_json(&r->prev_total)));
        for (int by = 0; by < ASSESS_BY_COUNT; by++) {
            if (!show[by])
                continue;
            json_t *a = json_array();
            for (size_t i = 0; i < r->nrows[by]; i++) {
                const struct assess_report_row *row = &r->rows[by][i];
                json_t *e = json_pack("{s:s, s:o}", "key", row->key, "now", tally_json(&row->now));
                if (r->prev_plan)
                    json_object_set_new(e, "previous", tally_json(&row->prev));
                json_array_append_new(a, e);
            }
            json_object_set_new(o, assess_by_names[by], a);
        }
        char *s = json_dumps(o, JSON_INDENT(2));
        json_decref(o);
        if (!s)
            return AG_EXIT_FAIL;
        puts(s);
        free(s);
        return AG_EXIT_OK;
    }
    char rate[16], prate[16], delta[16];
    printf(cli_tr(cli, "self-inspection plan %lld, round %d: %d of %d sheets submitted\n"), r->plan,
           r->round, r->submitted, r->sheets);
    if (r->prev_plan)
        printf(cli_tr(cli, "previous campaign: plan %lld, round %d: %d of %d sheets submitted\n"),
               r->prev_plan, r->prev_round, r->prev_submitted, r->prev_sheets);
    else
        fputs(cli_tr(cli, "previous campaign: none\n"), stdout);
    fputs(cli_tr(cli, "implementation rate (実施率) = implemented / (answered - not applicable); "
                      "partially implemented counts as not implemented; submitted sheets only\n"),
          stdout);
    rate_text(&r->total, rate, sizeof(rate));
    rate_text(&r->prev_total, prate, sizeof(prate));
    delta_text(&r->total, &r->prev_total, delta, sizeof(delta));
    printf(cli_tr(cli, "overall: %s (previous %s, change %s points)\n"), rate, prate, delta);
    for (int by = 0; by < ASSESS_BY_COUNT; by++) {
        if (!show[by])
            continue;
        char label[256];
        size_t keyw = ag_text_width(cli_tr(cli, assess_by_names[by]));
        for (size_t i = 0; i < r->nrows[by]; i++) {
            size_t w = ag_text_width(
                row_label(cli, cat, (enum assess_by)by, r->rows[by][i].key, label, sizeof(label)));
            if (w > keyw)
                keyw = w;
        }
        if (keyw > 60)
            keyw = 60;
        putchar('\n');
        cli_print_padded(cli_tr(cli, assess_by_names[by]), keyw + 2);
        static const char *const heads[] = {"implemented",    "partial",    "not_implemented",
                                            "not_applicable", "unanswered", "rate",
                                            "previous"};
        for (size_t h = 0; h < AG_ARRAY_LEN(heads); h++)
            cli_print_padded(cli_tr(cli, heads[h]), COLW);
        fputs(cli_tr(cli, "change"), stdout);
        putchar('\n');
        for (size_t i = 0; i < r->nrows[by]; i++) {
            const struct assess_report_row *row = &r->rows[by][i];
            print_row(cli, row_label(cli, cat, (enum assess_by)by, row->key, label, sizeof(label)),
                      &row->now, &row->prev, keyw);
        }
    }
    return AG_EXIT_OK;
}

static bool has_evaluations(struct store *st, long long plan, int round)
{
    sqlite3_stmt *s;
    bool has = false;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT 1 FROM assess_evaluations WHERE plan_id = ? AND round = ?", -1,
                           &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int(s, 2, round);
    has = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return has;
}

/* ---- subcommands ---- */

static int plan_cmd(struct cli *cli, struct store *st, const struct catalog *cat, const char *verb,
                    const char *const *pos, size_t npos, const struct assess_args *a,
                    struct ag_error *err, bool *usage)
{
    long long actor, plan = 0;
    int rc;
    if (strcmp(verb, "list") == 0 && npos == 0) {
        return cli_query_print(
                   cli, st,
                   "SELECT p.id, p.fiscal_year, p.title, p.frequency, p.timing, p.status, "
                   "p.revision AS plan_revision, (SELECT count(*) FROM assess_plan_items i WHERE "
                   "i.plan_id = p.id) "
                   "AS items, (SELECT group_concat(d.code || coalesce(':' || pd.frequency, ''), "
                   "' ') FROM assess_plan_depts pd JOIN departments d ON d.id = pd.department_id "
                   "WHERE pd.plan_id = p.id) AS departments FROM assess_plans p ORDER BY "
                   "p.fiscal_year, p.id",
                   NULL, 0) == AG_EXIT_OK
                   ? AG_OK
                   : AG_EIO;
    }
    if (strcmp(verb, "show") == 0 && npos == 1) {
        const char *params[] = {pos[0]};
        if ((rc = isms_check_int("plan", pos[0], 1, INT64_MAX, &plan, err)))
            return rc;
        int s1 = cli_query_print(
            cli, st,
            "SELECT p.id, p.fiscal_year, p.title, p.frequency, p.timing, p.selection, p.method, "
            "p.status, p.revision AS plan_revision, p.revision_note, c.login AS created_by, "
            "p.created_at, "
            "p.revised_at FROM assess_plans p JOIN people c ON c.id = p.created_by WHERE p.id = ?1",
            params, 1);
        int s2 = cli_query_print(
            cli, st,
            "SELECT d.code AS department, coalesce(pd.frequency, p.frequency) AS frequency FROM "
            "assess_plan_depts pd JOIN departments d ON d.id = pd.department_id JOIN assess_plans "
            "p ON p.id = pd.plan_id WHERE pd.plan_id = ?1 ORDER BY d.id",
            params, 1);
        int s3 = cli_query_print(
            cli, st,
            "SELECT revision AS plan_revision, count(*) AS items FROM assess_plan_items WHERE "
            "plan_id = ?1 GROUP BY revision ORDER BY revision",
            params, 1);
        return s1 || s2 || s3 ? AG_EIO : AG_OK;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        return rc == AG_EUSAGE ? AG_EINVAL : rc;
    if (strcmp(verb, "add") == 0 && npos == 0) {
        int year = 0, freq = 0;
        if ((rc = to_int("--year", a->year, 2000, 2100, &year, err)) ||
            (rc = to_int("--frequency", a->frequency, 1, 12, &freq, err)))
            return rc;
        struct assess_plan_new p = {year,
                                    a->title,
                                    freq,
                                    a->timing,
                                    a->selection,
                                    a->method,
                                    a->items ? a->items : "all",
                                    a->depts};
        if ((rc = assess_plan_add(st, cat, actor, &p, &plan, err)))
            return rc;
        printf(cli_tr(cli, "created self-inspection plan %lld\n"), plan);
        return AG_OK;
    }
    if (npos != 1)
        goto usage;
    if ((rc = isms_check_int("plan", pos[0], 1, INT64_MAX, &plan, err)))
        return rc;
    if (strcmp(verb, "revise") == 0) {
        int freq = 0;
        if (a->frequency && (rc = to_int("--frequency", a->frequency, 1, 12, &freq, err)))
            return rc;
        struct assess_plan_revision r = {a->add_items, a->add_depts, a->timing, a->reason, freq};
        if ((rc = assess_plan_revise(st, cat, actor, plan, &r, err)))
            return rc;
        printf(cli_tr(cli, "revised self-inspection plan %lld\n"), plan);
        return AG_OK;
    }
    if (strcmp(verb, "close") == 0) {
        if ((rc = assess_plan_close(st, actor, plan, err)))
            return rc;
        printf(cli_tr(cli, "closed self-inspection plan %lld\n"), plan);
        return AG_OK;
    }
usage:
    *usage = true;
    return AG_EUSAGE;
}

static int sheet_cmd(struct cli *cli, struct store *st, const struct catalog *cat, const char *verb,
                     const char *const *pos, size_t npos, const struct assess_args *a,
                     struct ag_error *err, bool *usage)
{
    long long actor, id = 0;
    int rc, round = 0;
    if (strcmp(verb, "list") == 0 && npos == 0) {
        const char *params[] = {a->plan, a->round, a->respondent, a->dept, a->status};
        return cli_query_print(
                   cli, st,
                   "SELECT s.id, s.plan_id AS plan_id, s.round, p.login AS respondent, d.code AS "
                   "department, s.status, s.due_date AS due, (SELECT count(*) FROM "
                   "assess_answers a WHERE a.sheet_id = s.id) AS items, (SELECT count(*) FROM "
                   "assess_answers a WHERE a.sheet_id = s.id AND a.answer IS NOT NULL) AS "
                   "answered FROM assess_sheets s JOIN people p ON p.id = s.respondent_id JOIN "
                   "departments d ON d.id = s.department_id WHERE (?1 IS NULL OR s.plan_id = ?1) "
                   "AND (?2 IS NULL OR s.round = ?2) AND (?3 IS NULL OR p.login = ?3) AND (?4 IS "
                   "NULL OR d.code = ?4) AND (?5 IS NULL OR s.status = ?5) ORDER BY s.plan_id, "
                   "s.round, d.id, s.id",
                   params, 5) == AG_EXIT_OK
                   ? AG_OK
                   : AG_EIO;
    }
    if (npos != 1)
        goto usage;
    if (strcmp(verb, "show") == 0) {
        const char *params[] = {pos[0]};
        if ((rc = isms_check_int("sheet", pos[0], 1, INT64_MAX, &id, err)))
            return rc;
        int s1 = cli_query_print(
            cli, st,
            "SELECT s.id, s.plan_id AS plan_id, s.round, p.login AS respondent, d.code AS "
            "department, s.status, s.due_date AS due, s.submitted_at FROM assess_sheets s JOIN "
            "people p ON p.id = s.respondent_id JOIN departments d ON d.id = s.department_id "
            "WHERE s.id = ?1",
            params, 1);
        int s2 = cli_query_print(
            cli, st,
            "SELECT a.item_id AS item, a.role, coalesce(a.answer, '') AS answer, a.comment, "
            "(SELECT group_concat(e.sha256, ' ') FROM assess_answer_evidence ae JOIN evidence e "
            "ON e.id = ae.evidence_id WHERE ae.answer_id = a.id) AS evidence FROM assess_answers "
            "a WHERE a.sheet_id = ?1 ORDER BY a.id",
            params, 1);
        return s1 || s2 ? AG_EIO : AG_OK;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        return rc == AG_EUSAGE ? AG_EINVAL : rc;
    if (strcmp(verb, "issue") == 0) {
        int issued, uncovered;
        if ((rc = isms_check_int("plan", pos[0], 1, INT64_MAX, &id, err)) ||
            (rc = to_int("--round", a->round, 1, 12, &round, err)) ||
            (rc = assess_sheets_issue(st, cat, actor, id, round, a->dept, a->due, &issued,
                                      &uncovered, err)))
            return rc;
        printf(cli_tr(cli, "issued %d self-inspection sheet(s) for plan %lld, round %d\n"), issued,
               id, round);
        if (uncovered)
            printf(cli_tr(cli, "note: %d item(s) of the plan are on no sheet: nobody in these "
                               "departments holds their role\n"),
                   uncovered);
        return AG_OK;
    }
    if ((rc = isms_check_int("sheet", pos[0], 1, INT64_MAX, &id, err)))
        return rc;
    if (strcmp(verb, "export") == 0) {
        if (!a->out)
            return ag_error_set(err, AG_EINVAL,
                                "--out: missing (the file to write, .xlsx or .csv)");
        if ((rc = assess_sheet_export(st, cat, actor, id, a->out, a->format, cli->lang, err)))
            return rc;
        printf(cli_tr(cli, "wrote self-inspection sheet %lld to %s\n"), id, a->out);
        return AG_OK;
    }
    if (strcmp(verb, "submit") == 0) {
        if ((rc = assess_sheet_submit(st, actor, id, err)))
            return rc;
        printf(cli_tr(cli, "submitted self-inspection sheet %lld\n"), id);
        return AG_OK;
    }
usage:
    *usage = true;
    return AG_EUSAGE;
}

static int instruct_cmd(struct cli *cli, struct store *st, const struct catalog *cat,
                        const char *verb, const char *const *pos, size_t npos,
                        const struct assess_args *a, struct ag_error *err, bool *usage)
{
    long long actor, id = 0;
    int rc, round = 0;
    if (strcmp(verb, "list") == 0 && npos == 0) {
        char today[11];
        ag_date_iso(ag_now(), today);
        const char *params[] = {a->plan, a->dept, a->overdue ? "1" : NULL, today};
        return cli_query_print(
                   cli, st,
                   "SELECT i.id, i.plan_id AS plan_id, i.round, d.code AS department, m.login AS "
                   "manager, i.text, i.due_date AS due, i.action_id, x.status, CASE "
                   "WHEN x.status IN ('open', 'in_progress') AND i.due_date < ?4 THEN 1 ELSE 0 END "
                   "AS overdue, x.result FROM assess_instructions i "
                   "JOIN departments d ON d.id = i.department_id JOIN people m ON m.id = "
                   "i.manager_id LEFT JOIN actions x ON x.id = i.action_id WHERE (?1 IS NULL OR "
                   "i.plan_id = ?1) AND (?2 IS NULL OR d.code = ?2) AND (?3 IS NULL OR "
                   "(i.due_date < ?4 AND x.status IN ('open', 'in_progress'))) ORDER BY "
                   "i.due_date, i.id",
                   params, 4) == AG_EXIT_OK
                   ? AG_OK
                   : AG_EIO;
    }
    if (npos != 1)
        goto usage;
    if ((rc = cli_actor_id(cli, st, &actor)))
        return rc == AG_EUSAGE ? AG_EINVAL : rc;
    if ((rc = isms_check_int(strcmp(verb, "add") == 0 ? "plan" : "instruction", pos[0], 1,
                             INT64_MAX, &id, err)))
        return rc;
    if (strcmp(verb, "add") == 0) {
        long long ins;
        if ((rc = to_int("--round", a->round, 1, 12, &round, err)))
            return rc;
        if (!a->dept)
            return ag_error_set(err, AG_EINVAL, "--dept: missing (the department to improve)");
        struct assess_instruction_new in = {id, round, a->dept, a->to, a->text, a->due, a->items};
        if ((rc = assess_instruct(st, cat, actor, &in, &ins, err)))
            return rc;
        printf(cli_tr(cli, "created improvement instruction %lld\n"), ins);
        return AG_OK;
    }
    if (strcmp(verb, "report") == 0 || strcmp(verb, "accept") == 0 || strcmp(verb, "return") == 0) {
        if ((rc = assess_followup(st, actor, id, verb, a->result, err)))
            return rc;
        printf(cli_tr(cli, "improvement instruction %lld: %s\n"), id, cli_tr(cli, verb));
        return AG_OK;
    }
usage:
    *usage = true;
    return AG_EUSAGE;
}

/* assess workbook [--campaign PLAN] [--round N] [--dept CODE] -o FILE.xlsx */
static int workbook_cmd(struct cli *cli, struct store *st, const struct catalog *cat,
                        const struct assess_args *a, struct ag_error *err)
{
    long long plan = 0;
    int round = 0, rc;
    struct assess_workbook_stats ws;
    if (!a->out)
        return ag_error_set(err, AG_EINVAL, "-o: missing (the workbook to write, FILE.xlsx)");
    if ((a->campaign &&
         (rc = isms_check_int("--campaign", a->campaign, 1, INT64_MAX, &plan, err))) ||
        (a->round && (rc = to_int("--round", a->round, 1, 12, &round, err))) ||
        (rc = assess_workbook_write(st, cat, plan, round, a->dept, a->out, cli->lang, &ws, err)))
        return rc;
    printf(cli_tr(cli, "wrote the self-inspection workbook of plan %lld, round %d to %s: %d "
                       "department(s), %d sheet(s), %d row(s)\n"),
           ws.plan, ws.round, a->out, ws.departments, ws.sheets, ws.rows);
    return AG_OK;
}

int cmd_assess(struct cli *cli, int argc, char **argv)
{
    struct assess_args a = {0};
    const char *pos[3];
    size_t npos = 0;
    const struct cli_opt opts[] = {
        {"--year", &a.year, NULL},
        {"--title", &a.title, NULL},
        {"--frequency", &a.frequency, NULL},
        {"--timing", &a.timing, NULL},
        {"--selection", &a.selection, NULL},
        {"--method", &a.method, NULL},
        {"--items", &a.items, NULL},
        {"--depts", &a.depts, NULL},
        {"--reason", &a.reason, NULL},
        {"--add-items", &a.add_items, NULL},
        {"--add-depts", &a.add_depts, NULL},
        {"--round", &a.round, NULL},
        {"--due", &a.due, NULL},
        {"--dept", &a.dept, NULL},
        {"--respondent", &a.respondent, NULL},
        {"--plan", &a.plan, NULL},
        {"--out", &a.out, NULL},
        {"-o", &a.out, NULL},
        {"--campaign", &a.campaign, NULL},
        {"--format", &a.format, NULL},
        {"--answer", &a.answer, NULL},
        {"--comment", &a.comment, NULL},
        {"--evidence", &a.evidence, NULL},
        {"--text", &a.text, NULL},
        {"--to", &a.to, NULL},
        {"--result", &a.result, NULL},
        {"--by", &a.by, NULL},
        {"--status", &a.status, NULL},
        {"--overdue", NULL, &a.overdue},
    };
    if (argc < 2)
        goto usage;
    const char *sub = argv[1];
    bool two_level =
        strcmp(sub, "plan") == 0 || strcmp(sub, "sheet") == 0 || strcmp(sub, "instruct") == 0;
    if (two_level && argc < 3)
        goto usage;
    if (cli_parse(cli, argc, argv, two_level ? 3 : 2, opts, AG_ARRAY_LEN(opts), pos, 3, &npos))
        goto usage;
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    bool usage = false;
    long long actor, id;
    int rc, round = 0;
    ag_error_clear(&err);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if ((rc = cli_load_catalog(cli, &cat))) {
        store_free(st);
        return cli_status(rc);
    }
    if (strcmp(sub, "plan") == 0) {
        rc = plan_cmd(cli, st, cat, argv[2], pos, npos, &a, &err, &usage);
    } else if (strcmp(sub, "sheet") == 0) {
        rc = sheet_cmd(cli, st, cat, argv[2], pos, npos, &a, &err, &usage);
    } else if (strcmp(sub, "instruct") == 0) {
        rc = instruct_cmd(cli, st, cat, argv[2], pos, npos, &a, &err, &usage);
    } else if (strcmp(sub, "answer") == 0 && npos == 2) {
        char buf[4096];
        const char *files[17] = {NULL};
        size_t nf = 0;
        if (a.evidence) {
            snprintf(buf, sizeof(buf), "%s", a.evidence);
            char *save = NULL;
            for (char *t = strtok_r(buf, ",", &save); t && nf + 1 < AG_ARRAY_LEN(files);
                 t = strtok_r(NULL, ",", &save))
                files[nf++] = t;
        }
        if ((rc = isms_check_int("sheet", pos[0], 1, INT64_MAX, &id, &err)) == AG_OK &&
            (rc = cli_actor_id(cli, st, &actor)) == AG_OK &&
            (rc = assess_answer_set(st, cat, actor, id, pos[1], a.answer, a.comment, files,
                                    &err)) == AG_OK)
            printf(cli_tr(cli, "sheet %lld, item %s: answered\n"), id, pos[1]);
    } else if (strcmp(sub, "workbook") == 0 && npos == 0) {
        rc = workbook_cmd(cli, st, cat, &a, &err);
    } else if (strcmp(sub, "import") == 0 && npos == 1) {
        /* a whole workbook (assess workbook): the sheets are named inside it */
        struct assess_workbook_stats ws;
        int count = 0;
        if ((rc = cli_actor_id(cli, st, &actor)) == AG_OK &&
            (rc = assess_workbook_import(st, cat, actor, pos[0], &ws, &count, &err)) == AG_OK)
            printf(cli_tr(cli, "imported %d answer(s) from the self-inspection workbook of plan "
                               "%lld, round %d (%d department sheet(s))\n"),
                   count, ws.plan, ws.round, ws.departments);
    } else if (strcmp(sub, "import") == 0 && npos == 2) {
        int count = 0;
        if ((rc = isms_check_int("sheet", pos[0], 1, INT64_MAX, &id, &err)) == AG_OK &&
            (rc = cli_actor_id(cli, st, &actor)) == AG_OK &&
            (rc = assess_sheet_import(st, cat, actor, id, pos[1], a.format, &count, &err)) == AG_OK)
            printf(cli_tr(cli, "imported %d answer(s) into self-inspection sheet %lld\n"), count,
                   id);
    } else if (strcmp(sub, "evaluate") == 0 && npos == 1) {
        if ((rc = isms_check_int("plan", pos[0], 1, INT64_MAX, &id, &err)) == AG_OK &&
            (rc = to_int("--round", a.round, 1, 12, &round, &err)) == AG_OK &&
            (rc = cli_actor_id(cli, st, &actor)) == AG_OK &&
            (rc = assess_evaluate(st, actor, id, round, a.dept, a.text, &err)) == AG_OK)
            printf(cli_tr(cli, "recorded the evaluation of %s for plan %lld, round %d\n"), a.dept,
                   id, round);
    } else if (strcmp(sub, "report") == 0 && npos == 1) {
        bool show[ASSESS_BY_COUNT] = {false};
        const char *by = a.by ? a.by : "all";
        struct assess_report r;
        if (strcmp(by, "all") == 0) {
            for (int k = 0; k < ASSESS_BY_COUNT; k++)
                show[k] = k != ASSESS_BY_ITEM;
        } else {
            static const char *const bys[] = {"section", "phase", "department", "role",
                                              "item",    "all",   NULL};
            if ((rc = isms_check_enum("--by", by, bys, &err)) == AG_OK)
                for (int k = 0; k < ASSESS_BY_COUNT; k++)
                    show[k] = strcmp(assess_by_names[k], by) == 0;
        }
        if (!rc && (rc = isms_check_int("plan", pos[0], 1, INT64_MAX, &id, &err)) == AG_OK &&
            (!a.round || (rc = to_int("--round", a.round, 1, 12, &round, &err)) == AG_OK) &&
            (rc = assess_report_compute(st, cat, id, round, &r, &err)) == AG_OK) {
            if (print_report(cli, cat, &r, show) != AG_EXIT_OK)
                rc = AG_EIO;
            assess_report_release(&r);
            /* the managers' evaluations reported to the CISO */
            char plan_s[24], round_s[12];
            snprintf(plan_s, sizeof(plan_s), "%lld", id);
            snprintf(round_s, sizeof(round_s), "%d", r.round);
            const char *params[] = {plan_s, round_s};
            if (!rc && !cli->json && has_evaluations(st, id, r.round)) {
                putchar('\n');
                if (cli_query_print(cli, st,
                                    "SELECT d.code AS department, p.login AS reported_by, "
                                    "e.reported_at, e.text AS evaluation_text FROM "
                                    "assess_evaluations e JOIN departments d ON d.id = "
                                    "e.department_id JOIN people p ON p.id = e.reported_by WHERE "
                                    "e.plan_id = ?1 AND e.round = ?2 ORDER BY d.id",
                                    params, 2) != AG_EXIT_OK)
                    rc = AG_EIO;
            }
        }
    } else {
        usage = true;
    }
    store_free(st);
    catalog_free(cat);
    if (usage)
        goto usage;
    if (rc && rc != AG_EUSAGE && err.msg[0])
        cli_fail(cli, 0, "%s", err.msg);
    return cli_status(rc);
usage:
    fputs(cli_tr(cli, "assess-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
