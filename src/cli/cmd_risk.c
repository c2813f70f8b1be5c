/*
 * cmd_risk.c — `airguard risk criteria|add|assess|treat|accept|review|list|matrix|show`: the
 * risk register of guideline 3.1.2.1 (src/isms/risk.h). Lists and the matrix are computed from
 * the stored levels, which the isms module keeps equal to what the current criteria give.
 */
#include "cli/cli.h"
#include "isms/risk.h"
#include "store/store.h"

/* Splits "a,b,c" into items[] (pointers into buf), NULL-terminated. */
static void split_list(char *buf, const char **items, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t && n + 1 < cap; t = strtok_r(NULL, ",", &save))
        items[n++] = t;
    items[n] = NULL;
}

/* An optional small integer option; 0 when absent. */
static int opt_int(const char *field, const char *v, int min, int max, int *out,
                   struct ag_error *err)
{
    long long x;
    *out = 0;
    if (!v)
        return AG_OK;
    int rc = isms_check_int(field, v, min, max, &x, err);
    if (rc == AG_OK)
        *out = (int)x;
    return rc;
}

/* The SQL of the lists. Stored ids are translated in SQL (?9 is the language code) so that
 * --json and the text table show the same thing. */
/* clang-format off */
#define STATUS_SQL(col) \
    "CASE WHEN ?9 = 'ja' THEN CASE " col " WHEN 'identified' THEN '未分析' " \
    "WHEN 'below_threshold' THEN '基準値未満' WHEN 'needs_decision' THEN '対応決定待ち' " \
    "WHEN 'awaiting_acceptance' THEN '受容の承認待ち' WHEN 'accepted' THEN '保有（受容）' " \
    "WHEN 'treated' THEN '対応決定済み' ELSE " col " END ELSE " col " END"
#define TREATMENT_SQL(col) \
    "CASE WHEN ?9 = 'ja' THEN CASE " col " WHEN 'reduce' THEN '低減' WHEN 'avoid' THEN '回避' " \
    "WHEN 'transfer' THEN '移転（共有）' WHEN 'retain' THEN '保有（受容）' END ELSE " col " END"
#define LEVEL_SQL(lv) \
    "(SELECT CASE WHEN ?9 = 'ja' THEN label_ja ELSE label_en END FROM risk_levels " \
    "WHERE rank = " lv ")"

static const char criteria_json_sql[] =
    "SELECT m.impact, m.likelihood, m.level, " LEVEL_SQL("m.level") " AS level_label, "
    "m.level >= s.threshold AS above_threshold FROM risk_matrix m, risk_settings s "
    "WHERE ?1 IS NULL ORDER BY m.impact, m.likelihood";

static const char matrix_sql[] =
    "SELECT m.impact, m.likelihood, " LEVEL_SQL("m.level") " AS risk_level, "
    "m.level >= s.threshold AS above_threshold, "
    "(SELECT count(*) FROM risks r WHERE CASE WHEN ?1 IS NULL "
    "  THEN r.impact = m.impact AND r.likelihood = m.likelihood "
    "  ELSE coalesce(r.residual_impact, r.impact) = m.impact "
    "   AND coalesce(r.residual_likelihood, r.likelihood) = m.likelihood END) AS risk_count "
    "FROM risk_matrix m, risk_settings s ORDER BY m.impact DESC, m.likelihood";

static const char show_sql[] =
    "SELECT r.id, r.title, r.threat, r.vulnerability, r.consequence, "
    "r.service AS affected_service, y.code AS system, "
    "CASE r.hse WHEN 1 THEN 'HSE' ELSE '' END AS hse, o.login AS owner, "
    "(SELECT group_concat(a.code, ' ') FROM risk_assets x JOIN assets a ON a.id = x.asset_id "
    " WHERE x.risk_id = r.id) AS risk_assets, "
    "(SELECT group_concat(item_id, ' ') FROM risk_measures WHERE risk_id = r.id "
    " AND kind = 'existing') AS existing_measures, "
    "r.impact || ' x ' || r.likelihood || ' = ' || " LEVEL_SQL("r.level") " AS inherent_risk, "
    "r.analysis AS risk_analysis, r.evaluation_note, "
    STATUS_SQL("r.status") " AS status, r.decision_due, "
    TREATMENT_SQL("r.treatment") " AS treatment, r.treatment_plan, "
    "t.login AS treatment_owner, r.treatment_due, d.login AS decided_by, r.action_id, "
    "(SELECT group_concat(item_id, ' ') FROM risk_measures WHERE risk_id = r.id "
    " AND kind = 'planned') AS planned_measures, "
    "r.residual_impact || ' x ' || r.residual_likelihood || ' = ' || "
    LEVEL_SQL("r.residual_level") " AS residual_risk, "
    "c.login AS accepted_by, r.accepted_at, r.acceptance_note, r.review_date AS next_review, "
    "v.login AS reviewed_by, r.reviewed_at "
    "FROM risks r JOIN people o ON o.id = r.owner_id "
    "LEFT JOIN systems y ON y.id = r.system_id "
    "LEFT JOIN people t ON t.id = r.treatment_owner_id "
    "LEFT JOIN people d ON d.id = r.decided_by "
    "LEFT JOIN people c ON c.id = r.accepted_by "
    "LEFT JOIN people v ON v.id = r.reviewed_by WHERE r.id = ?1";

static const char history_sql[] =
    "SELECT h.at, p.login AS actor, h.step AS history_step, "
    "h.impact || ' x ' || h.likelihood AS inherent_risk, "
    LEVEL_SQL("h.level") " AS risk_level, " LEVEL_SQL("h.residual_level") " AS residual_risk, "
    STATUS_SQL("h.status") " AS status, h.note AS history_note "
    "FROM risk_history h LEFT JOIN people p ON p.id = h.by_id "
    "WHERE h.risk_id = ?1 ORDER BY h.id";

static const char list_sql[] =
    "SELECT r.id, r.title, y.code AS system, o.login AS owner, "
    "r.impact || 'x' || r.likelihood || ' ' || " LEVEL_SQL("r.level") " AS inherent_risk, "
    TREATMENT_SQL("r.treatment") " AS treatment, "
    "r.residual_impact || 'x' || r.residual_likelihood || ' ' || "
    LEVEL_SQL("r.residual_level") " AS residual_risk, "
    STATUS_SQL("r.status") " AS status, r.decision_due, r.review_date AS next_review, "
    "CASE r.hse WHEN 1 THEN 'HSE' ELSE '' END AS hse "
    "FROM risks r JOIN people o ON o.id = r.owner_id LEFT JOIN systems y ON y.id = r.system_id "
    "WHERE (?1 IS NULL OR r.status = ?1) AND (?2 IS NULL OR y.code = ?2) "
    "AND (?3 IS NULL OR o.login = ?3) "
    "AND (?4 IS NULL OR r.status IN ('needs_decision', 'awaiting_acceptance')) "
    "AND (?5 IS NULL OR r.review_date <= ?5) AND (?6 IS NULL OR r.hse = 1) "
    "ORDER BY coalesce(r.level, 0) DESC, r.id";
/* clang-format on */

static int criteria_show(struct cli *cli, struct store *st)
{
    const char *params[9] = {NULL};
    params[8] = cli->json ? "en" : ag_lang_code(cli->lang); /* JSON: stable ids */
    if (cli->json)
        return cli_query_print(cli, st, criteria_json_sql, params, 9);
    struct risk_criteria c;
    struct ag_error err;
    sqlite3_stmt *s;
    if (risk_criteria_load(st, &c, &err) || store_prepare(st, &s,
                                                          "SELECT attitude, review_days, "
                                                          "decision_days FROM risk_settings",
                                                          &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    if (sqlite3_step(s) == SQLITE_ROW) {
        printf(cli_tr(cli, "Risk attitude and tolerance (3.1.2.1①): %s\n"), store_col_text(s, 0));
        printf(cli_tr(cli, "Review every %d days; a treatment decision is due within %d days\n"),
               sqlite3_column_int(s, 1), sqlite3_column_int(s, 2));
    }
    sqlite3_finalize(s);
    bool ja = cli->lang == AG_LANG_JA;
    char label[RISK_SCALE_MAX + 1][2][128];
    static const char *const axis_names[] = {"impact", "likelihood"};
    for (int a = 0; a < 2; a++) {
        printf("%s\n", cli_tr(cli, a == 0 ? "Impact scale (effect on services and operations):"
                                          : "Likelihood scale:"));
        if (store_prepare(st, &s,
                          "SELECT value, label_ja, label_en, description_ja, description_en FROM "
                          "risk_scales WHERE axis = ? ORDER BY value",
                          &err))
            return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
        sqlite3_bind_text(s, 1, axis_names[a], -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW) {
            int v = sqlite3_column_int(s, 0);
            if (v >= 1 && v <= RISK_SCALE_MAX)
                snprintf(label[v][a], sizeof(label[v][a]), "%s", store_col_text(s, ja ? 1 : 2));
            printf("  %d %s — %s\n", v, store_col_text(s, ja ? 1 : 2),
                   store_col_text(s, ja ? 3 : 4));
        }
        sqlite3_finalize(s);
    }
    printf("%s\n", cli_tr(cli, "Risk levels:"));
    char level[RISK_SCALE_MAX + 1][128] = {{0}};
    if (store_prepare(st, &s, "SELECT rank, label_ja, label_en FROM risk_levels ORDER BY rank",
                      &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    while (sqlite3_step(s) == SQLITE_ROW) {
        int v = sqlite3_column_int(s, 0);
        if (v >= 1 && v <= RISK_SCALE_MAX)
            snprintf(level[v], sizeof(level[v]), "%s", store_col_text(s, ja ? 1 : 2));
        printf("  %d %s%s\n", v, store_col_text(s, ja ? 1 : 2),
               v == c.threshold ? cli_tr(cli, "  <- threshold (基準値): this level and above need "
                                              "a treatment decision")
                                : "");
    }
    sqlite3_finalize(s);
    printf("%s\n", cli_tr(cli, "Matrix (impact down, likelihood across):"));
    cli_print_padded("", 16);
    for (int l = 1; l <= c.n_likelihood; l++) {
        char h[160];
        snprintf(h, sizeof(h), "%d %s", l, label[l][1]);
        cli_print_padded(h, 16);
    }
    putchar('\n');
    for (int i = c.n_impact; i >= 1; i--) {
        char h[160];
        snprintf(h, sizeof(h), "%d %s", i, label[i][0]);
        cli_print_padded(h, 16);
        for (int l = 1; l <= c.n_likelihood; l++) {
            int v = risk_level_of(&c, i, l);
            snprintf(h, sizeof(h), "%s%s", v ? level[v] : "?", v >= c.threshold ? " *" : "");
            cli_print_padded(h, 16);
        }
        putchar('\n');
    }
    printf("%s\n", cli_tr(cli, "* at or above the threshold"));
    return AG_EXIT_OK;
}

static int matrix_show(struct cli *cli, struct store *st, bool residual)
{
    const char *params[9] = {NULL};
    params[0] = residual ? "1" : NULL;
    params[8] = cli->json ? "en" : ag_lang_code(cli->lang); /* JSON: stable ids */
    const char *sql = matrix_sql;
    if (cli->json)
        return cli_query_print(cli, st, sql, params, 9);
    struct risk_criteria c;
    struct ag_error err;
    sqlite3_stmt *s;
    if (risk_criteria_load(st, &c, &err) || store_prepare(st, &s, sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    for (int k = 0; k < 9; k++)
        store_bind_text(s, k + 1, params[k]);
    printf("%s\n",
           cli_tr(cli, residual ? "Residual risks per cell (impact down, likelihood across; "
                                  "* at or above the threshold):"
                                : "Risks per cell (impact down, likelihood across; * at "
                                  "or above the threshold):"));
    cli_print_padded("", 6);
    for (int l = 1; l <= c.n_likelihood; l++) {
        char h[16];
        snprintf(h, sizeof(h), "L%d", l);
        cli_print_padded(h, 18);
    }
    int row = -1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        int i = sqlite3_column_int(s, 0);
        if (i != row) {
            char h[16];
            snprintf(h, sizeof(h), "\nI%d", i);
            fputs(h, stdout);
            cli_print_padded("", 4);
            row = i;
        }
        char cell[160];
        snprintf(cell, sizeof(cell), "%lld %s%s", (long long)sqlite3_column_int64(s, 4),
                 store_col_text(s, 2), sqlite3_column_int(s, 3) ? " *" : "");
        cli_print_padded(cell, 18);
    }
    putchar('\n');
    sqlite3_finalize(s);
    return AG_EXIT_OK;
}

/* Prints one record vertically: "label: value" per column (labels translated). */
static int record_show(struct cli *cli, struct store *st, const char *sql,
                       const char *const *params, size_t nparams)
{
    if (cli->json)
        return cli_query_print(cli, st, sql, params, nparams);
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(st, &s, sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    for (size_t k = 0; k < nparams; k++)
        store_bind_text(s, (int)k + 1, params[k]);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "%s does not exist"), params[0]);
    }
    cli_print_record(cli, s);
    sqlite3_finalize(s);
    return AG_EXIT_OK;
}

static int risk_show(struct cli *cli, struct store *st, const char *id)
{
    const char *params[9] = {id};
    params[8] = cli->json ? "en" : ag_lang_code(cli->lang); /* JSON: stable ids */
    int status = record_show(cli, st, show_sql, params, 9);
    if (status != AG_EXIT_OK || cli->json)
        return status;
    printf("\n%s\n", cli_tr(cli, "History:"));
    return cli_query_print(cli, st, history_sql, params, 9);
}

int cmd_risk(struct cli *cli, int argc, char **argv)
{
    const char *pos[5],
        *title = NULL, *threat = NULL, *vuln = NULL, *cons = NULL, *service = NULL, *system = NULL,
        *owner = NULL, *assets = NULL, *measures = NULL, *review = NULL, *impact = NULL,
        *likelihood = NULL, *analysis = NULL, *note = NULL, *option = NULL, *plan = NULL,
        *due = NULL, *items = NULL, *rimpact = NULL, *rlikelihood = NULL, *next = NULL,
        *status_f = NULL, *within = NULL, *label_ja = NULL, *label_en = NULL, *desc_ja = NULL,
        *desc_en = NULL, *threshold = NULL, *review_days = NULL, *decision_days = NULL,
        *attitude = NULL;
    bool hse = false, select = false, needs_decision = false, due_review = false, residual = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--title", &title, NULL},
        {"--threat", &threat, NULL},
        {"--vulnerability", &vuln, NULL},
        {"--consequence", &cons, NULL},
        {"--service", &service, NULL},
        {"--system", &system, NULL},
        {"--owner", &owner, NULL},
        {"--assets", &assets, NULL},
        {"--measures", &measures, NULL},
        {"--review", &review, NULL},
        {"--hse", NULL, &hse},
        {"--impact", &impact, NULL},
        {"--likelihood", &likelihood, NULL},
        {"--analysis", &analysis, NULL},
        {"--select", NULL, &select},
        {"--note", &note, NULL},
        {"--option", &option, NULL},
        {"--plan", &plan, NULL},
        {"--due", &due, NULL},
        {"--items", &items, NULL},
        {"--residual-impact", &rimpact, NULL},
        {"--residual-likelihood", &rlikelihood, NULL},
        {"--next", &next, NULL},
        {"--status", &status_f, NULL},
        {"--needs-decision", NULL, &needs_decision},
        {"--due-review", NULL, &due_review},
        {"--within", &within, NULL},
        {"--residual", NULL, &residual},
        {"--label-ja", &label_ja, NULL},
        {"--label-en", &label_en, NULL},
        {"--description-ja", &desc_ja, NULL},
        {"--description-en", &desc_en, NULL},
        {"--threshold", &threshold, NULL},
        {"--review-days", &review_days, NULL},
        {"--decision-days", &decision_days, NULL},
        {"--attitude", &attitude, NULL},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 5, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long actor = 0, id = 0;
    int rc;
    ag_error_clear(&err);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    const char *params[9] = {NULL};
    params[8] = cli->json ? "en" : ag_lang_code(cli->lang); /* JSON: stable ids */

    if (strcmp(sub, "criteria") == 0) {
        const char *what = npos ? pos[0] : "show";
        int status;
        if (strcmp(what, "show") == 0 && npos <= 1) {
            status = criteria_show(cli, st);
            store_free(st);
            return status;
        }
        long long a = 0, b = 0, v = 0;
        if ((rc = cli_actor_id(cli, st, &actor)))
            goto out_status;
        if (strcmp(what, "scale") == 0 && npos == 3) {
            if ((rc = isms_check_int("value", pos[2], 1, RISK_SCALE_MAX, &v, &err)) ||
                (rc = risk_criteria_set_scale(st, actor, pos[1], (int)v, label_ja, label_en,
                                              desc_ja, desc_en, &err)))
                goto out;
        } else if (strcmp(what, "level") == 0 && npos == 2) {
            if ((rc = isms_check_int("level", pos[1], 1, RISK_SCALE_MAX, &v, &err)) ||
                (rc = risk_criteria_set_level(st, actor, (int)v, label_ja, label_en, &err)))
                goto out;
        } else if (strcmp(what, "cell") == 0 && npos == 4) {
            if ((rc = isms_check_int("impact", pos[1], 1, RISK_SCALE_MAX, &a, &err)) ||
                (rc = isms_check_int("likelihood", pos[2], 1, RISK_SCALE_MAX, &b, &err)) ||
                (rc = isms_check_int("level", pos[3], 1, RISK_SCALE_MAX, &v, &err)) ||
                (rc = risk_criteria_set_cell(st, actor, (int)a, (int)b, (int)v, &err)))
                goto out;
        } else if (strcmp(what, "set") == 0 && npos == 1) {
            int t, r, d;
            if ((rc = opt_int("--threshold", threshold, 1, RISK_SCALE_MAX, &t, &err)) ||
                (rc = opt_int("--review-days", review_days, 1, 3650, &r, &err)) ||
                (rc = opt_int("--decision-days", decision_days, 1, 365, &d, &err)) ||
                (rc = risk_criteria_set_settings(st, actor, t, r, d, attitude, &err)))
                goto out;
        } else {
            store_free(st);
            goto usage;
        }
        printf(cli_tr(cli, "risk criteria changed; every risk re-evaluated\n"));
        goto out;
    }
    if (strcmp(sub, "list") == 0 && npos == 0) {
        char today[11], until[11];
        int days = 0;
        ag_date_iso(ag_now(), today);
        if ((rc = opt_int("--within", within, 0, 3650, &days, &err)))
            goto out;
        ag_date_add(today, days, until);
        params[0] = status_f;
        params[1] = system;
        params[2] = owner;
        params[3] = needs_decision ? "1" : NULL;
        params[4] = due_review || within ? until : NULL;
        params[5] = hse ? "1" : NULL;
        if (status_f && (rc = isms_check_enum("--status", status_f, risk_statuses, &err)))
            goto out;
        int status = cli_query_print(cli, st, list_sql, params, 9);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "matrix") == 0 && npos == 0) {
        int status = matrix_show(cli, st, residual);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "add") == 0 && npos == 0) {
        char abuf[2048], mbuf[2048];
        const char *alist[65], *mlist[65];
        snprintf(abuf, sizeof(abuf), "%s", assets ? assets : "");
        snprintf(mbuf, sizeof(mbuf), "%s", measures ? measures : "");
        split_list(abuf, alist, AG_ARRAY_LEN(alist));
        split_list(mbuf, mlist, AG_ARRAY_LEN(mlist));
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        struct ag_error ignore;
        if (cli->actor && isms_person_id(st, cli->actor, &actor, &ignore) != AG_OK)
            actor = 0;
        struct risk_new r = {title, threat, vuln,  cons,  service, system,
                             owner, hse,    alist, mlist, review};
        if ((rc = risk_add(st, cat, actor, &r, &id, &err)))
            goto out;
        printf(cli_tr(cli, "registered risk %lld\n"), id);
        goto out;
    }
    if (npos != 1) {
        store_free(st);
        goto usage;
    }
    if ((rc = isms_check_int("risk", pos[0], 1, INT64_MAX, &id, &err)))
        goto out;
    if (strcmp(sub, "show") == 0) {
        int status = risk_show(cli, st, pos[0]);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "assess") != 0 && strcmp(sub, "treat") != 0 && strcmp(sub, "accept") != 0 &&
        strcmp(sub, "review") != 0) {
        store_free(st);
        goto usage;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "assess") == 0) {
        int i, l;
        if ((rc = opt_int("--impact", impact ? impact : "", 1, RISK_SCALE_MAX, &i, &err)) ||
            (rc = opt_int("--likelihood", likelihood ? likelihood : "", 1, RISK_SCALE_MAX, &l,
                          &err)))
            goto out;
        struct risk_assessment a = {i, l, analysis, select, note};
        if ((rc = risk_assess(st, id, actor, &a, &err)))
            goto out;
    } else if (strcmp(sub, "treat") == 0) {
        char ibuf[2048];
        const char *ilist[65];
        int ri, rl;
        long long action = 0;
        snprintf(ibuf, sizeof(ibuf), "%s", items ? items : "");
        split_list(ibuf, ilist, AG_ARRAY_LEN(ilist));
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        if ((rc = opt_int("--residual-impact", rimpact, 1, RISK_SCALE_MAX, &ri, &err)) ||
            (rc = opt_int("--residual-likelihood", rlikelihood, 1, RISK_SCALE_MAX, &rl, &err)))
            goto out;
        if ((ri == 0) != (rl == 0)) {
            rc = ag_error_set(&err, AG_EINVAL,
                              "--residual-impact and --residual-likelihood go together");
            goto out;
        }
        struct risk_treatment t = {option, plan, owner, due, ilist, ri, rl};
        if ((rc = risk_treat(st, cat, id, actor, &t, &action, &err)))
            goto out;
        if (action)
            printf(cli_tr(cli, "corrective action %lld created for the plan\n"), action);
    } else if (strcmp(sub, "accept") == 0) {
        if ((rc = risk_accept(st, id, actor, note, &err)))
            goto out;
    } else {
        struct risk_review rv = {0};
        if ((rc = opt_int("--impact", impact, 1, RISK_SCALE_MAX, &rv.impact, &err)) ||
            (rc = opt_int("--likelihood", likelihood, 1, RISK_SCALE_MAX, &rv.likelihood, &err)) ||
            (rc = opt_int("--residual-impact", rimpact, 1, RISK_SCALE_MAX, &rv.residual_impact,
                          &err)) ||
            (rc = opt_int("--residual-likelihood", rlikelihood, 1, RISK_SCALE_MAX,
                          &rv.residual_likelihood, &err)))
            goto out;
        rv.note = note;
        rv.next = next;
        if ((rc = risk_review(st, id, actor, &rv, &err)))
            goto out;
    }
    /* every step ends by telling the status the risk now has */
    {
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s,
                                "SELECT status, coalesce(decision_due, ''), review_date FROM "
                                "risks WHERE id = ?",
                                &err)))
            goto out;
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW) {
            printf(cli_tr(cli, "risk %lld: %s\n"), id, cli_tr(cli, store_col_text(s, 0)));
            if (*store_col_text(s, 1))
                printf(cli_tr(cli, "a treatment decision is due by %s (3.1.2.1④)\n"),
                       store_col_text(s, 1));
        }
        sqlite3_finalize(s);
    }
    goto out;
usage:
    fputs(cli_tr(cli, "risk-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}
