/*
 * cmd_exception.c — `airguard exception request|designate|revoke|procedure|decide|withdraw|end|
 * expire|list|reviewers|show`: exception measures (例外措置) of guideline 3.1.2.3(2)②
 * (src/isms/exception.h). Lists show the effective status for today (ag_now), so an expired
 * exception is shown expired even before `exception expire` stores it.
 */
#include "cli/cli.h"
#include "isms/exception.h"
#include "store/store.h"

/* The SQL of the lists. The effective status (?8 = today) follows the same rule as
 * exception_effective_status; labels are translated in SQL (?9 = language code). */
/* clang-format off */
#define EFFECTIVE_SQL \
    "(CASE WHEN e.status IN ('requested', 'approved', 'active') AND ?8 > e.end_date " \
    "THEN 'expired' WHEN e.status IN ('approved', 'active') AND ?8 >= e.start_date " \
    "THEN 'active' ELSE e.status END)"
#define STATUS_LABEL_SQL \
    "CASE WHEN ?9 = 'ja' THEN CASE " EFFECTIVE_SQL " WHEN 'requested' THEN '申請中' " \
    "WHEN 'approved' THEN '許可（開始前）' WHEN 'rejected' THEN '不許可' " \
    "WHEN 'withdrawn' THEN '取下げ' WHEN 'active' THEN '適用中' " \
    "WHEN 'expired' THEN '期間満了（終了報告待ち）' WHEN 'ended' THEN '終了報告済み' END " \
    "ELSE " EFFECTIVE_SQL " END"

static const char show_sql[] =
    "SELECT e.id, " STATUS_LABEL_SQL " AS status, e.applicant_name AS applicant, "
    "e.applicant_dept AS department, e.applicant_contact, e.regulation, e.clause, "
    "e.item_id AS guideline_item, y.code AS system, e.start_date AS valid_from, "
    "e.end_date AS valid_until, e.measures AS alternative_measures, e.security_impact, "
    "e.impact_handling, e.end_report_method, e.reason AS exception_reason, "
    "e.risk_id AS related_risk, e.requested_at, d.login AS decided_by, e.decided_at, "
    "e.decision_record, e.conditions AS approval_conditions, e.expired_at, e.ended_at, "
    "e.end_report "
    "FROM exceptions e LEFT JOIN systems y ON y.id = e.system_id "
    "LEFT JOIN people d ON d.id = e.decided_by WHERE e.id = ?1";

static const char list_sql[] =
    "SELECT e.id, " STATUS_LABEL_SQL " AS status, p.login AS applicant, e.regulation, "
    "e.clause, y.code AS system, e.start_date AS valid_from, e.end_date AS valid_until, "
    "CASE WHEN " EFFECTIVE_SQL " IN ('approved', 'active') "
    "  THEN CAST(julianday(e.end_date) - julianday(?8) AS INTEGER) END AS days_left, "
    "d.login AS decided_by "
    "FROM exceptions e JOIN people p ON p.id = e.applicant_id "
    "LEFT JOIN systems y ON y.id = e.system_id LEFT JOIN people d ON d.id = e.decided_by "
    "WHERE (?1 IS NULL OR " EFFECTIVE_SQL " = ?1) "
    "AND (?2 IS NULL OR (" EFFECTIVE_SQL " IN ('approved', 'active') AND e.end_date <= ?2)) "
    "ORDER BY e.end_date, e.id";
/* clang-format on */

static int show_exception(struct cli *cli, struct store *st, const char *const *params)
{
    const char *sql = show_sql;
    if (cli->json)
        return cli_query_print(cli, st, sql, params, 9);
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(st, &s, sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    for (int k = 0; k < 9; k++)
        store_bind_text(s, k + 1, params[k]);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "exception %s does not exist"),
                        params[0]);
    }
    cli_print_record(cli, s);
    sqlite3_finalize(s);
    return AG_EXIT_OK;
}

int cmd_exception(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *contact = NULL, *regulation = NULL, *clause = NULL, *item = NULL,
                        *system = NULL, *start = NULL, *end = NULL, *measures = NULL,
                        *impact = NULL, *handling = NULL, *end_report = NULL, *reason = NULL,
                        *risk = NULL, *record = NULL, *conditions = NULL, *report = NULL,
                        *dept = NULL, *text = NULL, *max_days = NULL, *status_f = NULL,
                        *expiring = NULL;
    bool revoke = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--contact", &contact, NULL},
        {"--regulation", &regulation, NULL},
        {"--clause", &clause, NULL},
        {"--item", &item, NULL},
        {"--system", &system, NULL},
        {"--start", &start, NULL},
        {"--end", &end, NULL},
        {"--measures", &measures, NULL},
        {"--impact", &impact, NULL},
        {"--handling", &handling, NULL},
        {"--end-report", &end_report, NULL},
        {"--reason", &reason, NULL},
        {"--risk", &risk, NULL},
        {"--record", &record, NULL},
        {"--conditions", &conditions, NULL},
        {"--report", &report, NULL},
        {"--dept", &dept, NULL},
        {"--text", &text, NULL},
        {"--max-days", &max_days, NULL},
        {"--status", &status_f, NULL},
        {"--expiring", &expiring, NULL},
        {"--revoke", NULL, &revoke},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long actor = 0, id = 0, n = 0;
    char today[11];
    int rc;
    ag_error_clear(&err);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    ag_date_iso(ag_now(), today);
    const char *params[9] = {NULL};
    params[7] = today;
    params[8] = cli->json ? "en" : ag_lang_code(cli->lang); /* JSON: stable ids */

    if (strcmp(sub, "list") == 0 && npos == 0) {
        char until[11];
        if (status_f && (rc = isms_check_enum("--status", status_f, exception_statuses, &err)))
            goto out;
        if (expiring) {
            if ((rc = isms_check_int("--expiring", expiring, 0, 3650, &n, &err)))
                goto out;
            ag_date_add(today, (long)n, until);
            params[1] = until;
        }
        params[0] = status_f;
        int status = cli_query_print(cli, st, list_sql, params, 9);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "reviewers") == 0 && npos == 0) {
        int status = cli_query_print(
            cli, st,
            "SELECT r.id, p.login, p.name, coalesce(d.code, '*') AS department, c.login AS "
            "designated_by, r.designated_at FROM exception_reviewers r JOIN people p ON p.id = "
            "r.person_id LEFT JOIN departments d ON d.id = r.department_id JOIN people c ON c.id = "
            "r.designated_by WHERE r.revoked_at IS NULL ORDER BY p.login",
            NULL, 0);
        if (status == AG_EXIT_OK && !cli->json) {
            sqlite3_stmt *s;
            if (store_prepare(st, &s,
                              "SELECT procedure, max_days FROM exception_settings WHERE id = 1",
                              &err) == AG_OK) {
                if (sqlite3_step(s) == SQLITE_ROW)
                    printf(cli_tr(cli, "\nReview procedure (max %d days): %s\n"),
                           sqlite3_column_int(s, 1), store_col_text(s, 0));
                sqlite3_finalize(s);
            }
        }
        store_free(st);
        return status;
    }
    if (strcmp(sub, "expire") == 0 && npos == 0) {
        int changed;
        if ((rc = exception_expire(st, &changed, &err)))
            goto out;
        printf(cli_tr(cli, "%d exception(s) changed status with time (recorded in the audit "
                           "trail)\n"),
               changed);
        goto out;
    }
    if (strcmp(sub, "show") == 0 && npos == 1) {
        if ((rc = isms_check_int("exception", pos[0], 1, INT64_MAX, &id, &err)))
            goto out;
        params[0] = pos[0];
        int status = show_exception(cli, st, params);
        store_free(st);
        return status;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "procedure") == 0 && npos == 0) {
        if (max_days && (rc = isms_check_int("--max-days", max_days, 1, 3650, &n, &err)))
            goto out;
        if (!text && !max_days) {
            rc = ag_error_set(&err, AG_EINVAL, "procedure: give --text and/or --max-days");
            goto out;
        }
        if ((rc = exception_set_procedure(st, actor, text, (int)n, &err)))
            goto out;
        printf("%s\n", cli_tr(cli, "ok"));
        goto out;
    }
    if (strcmp(sub, "designate") == 0 && npos == 1) {
        if ((rc = revoke ? exception_revoke(st, actor, pos[0], dept, &err)
                         : exception_designate(st, actor, pos[0], dept, &err)))
            goto out;
        printf(cli_tr(cli, revoke ? "%s is no longer an exception reviewer\n"
                                  : "%s is now a designated exception reviewer\n"),
               pos[0]);
        goto out;
    }
    if (strcmp(sub, "request") == 0 && npos == 0) {
        long long rid = 0;
        if (risk && (rc = isms_check_int("--risk", risk, 1, INT64_MAX, &rid, &err)))
            goto out;
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        struct exception_new e = {contact,  regulation, clause,   item,       system, start, end,
                                  measures, impact,     handling, end_report, reason, rid};
        if ((rc = exception_request(st, cat, actor, &e, &id, &err)))
            goto out;
        printf(cli_tr(cli, "exception request %lld recorded; a designated reviewer decides it\n"),
               id);
        goto out;
    }
    if (npos != 1) {
        store_free(st);
        goto usage;
    }
    if ((rc = isms_check_int("exception", pos[0], 1, INT64_MAX, &id, &err)))
        goto out;
    if (strcmp(sub, "approve") == 0 || strcmp(sub, "reject") == 0) {
        if ((rc = exception_decide(st, id, actor, strcmp(sub, "approve") == 0, record, conditions,
                                   &err)))
            goto out;
    } else if (strcmp(sub, "withdraw") == 0) {
        if ((rc = exception_withdraw(st, id, actor, &err)))
            goto out;
    } else if (strcmp(sub, "end") == 0) {
        if ((rc = exception_end(st, id, actor, report, &err)))
            goto out;
    } else {
        store_free(st);
        goto usage;
    }
    printf(cli_tr(cli, "exception %lld: %s\n"), id, sub);
    goto out;
usage:
    fputs(cli_tr(cli, "exception-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}
