/*
 * cmd_worklog.c — `airguard worklog …` (work log entries, the periodic review of routing and
 * access control, disposal with proof of erasure) and `airguard change …` (change management
 * with approval before and review after the change), guideline 3.2.1.1 (src/isms/worklog.h,
 * docs/isms.md "Operation and maintenance work log (3.2.1.1)"). Lists compute the state of a
 * change and the due date of a review for today (ag_now), so nothing stored goes stale.
 */
#include "cli/cli.h"
#include "isms/worklog.h"
#include "store/store.h"

/* Splits "a,b c" into list[] (pointers into buf), NULL-terminated. */
static void split_words(char *buf, const char **list, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ", ", &save); t && n + 1 < cap; t = strtok_r(NULL, ", ", &save))
        list[n++] = t;
    list[n] = NULL;
}

/* Prints one row as "label  value" lines (empty values left out), or JSON with --json. */
static int show_one(struct cli *cli, struct store *st, const char *sql, const char *const *params,
                    size_t nparams, const char *what, const char *id)
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
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "%s \"%.80s\" does not exist"), what,
                        id);
    }
    cli_print_record(cli, s);
    sqlite3_finalize(s);
    return AG_EXIT_OK;
}

/* Prints the rows as CSV (RFC 4180, header line, CRLF) and records the export in the audit
 * trail. Returns an exit status. */
static int print_csv(struct cli *cli, struct store *st, const char *sql, const char *const *params,
                     size_t nparams, const char *table)
{
    sqlite3_stmt *s;
    struct ag_error err;
    struct strbuf out;
    long long rows = 0;
    if (store_prepare(st, &s, sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    for (size_t k = 0; k < nparams; k++)
        store_bind_text(s, (int)k + 1, params[k]);
    strbuf_init(&out, 0);
    int ncol = sqlite3_column_count(s);
    for (int c = 0; c < ncol; c++) {
        if (c)
            strbuf_addc(&out, ',');
        strbuf_add_csv_field(&out, sqlite3_column_name(s, c));
    }
    strbuf_adds(&out, "\r\n");
    while (sqlite3_step(s) == SQLITE_ROW) {
        for (int c = 0; c < ncol; c++) {
            if (c)
                strbuf_addc(&out, ',');
            strbuf_add_csv_field(&out, store_col_text(s, c));
        }
        strbuf_adds(&out, "\r\n");
        rows++;
    }
    sqlite3_finalize(s);
    char detail[96];
    snprintf(detail, sizeof(detail), "{\"format\": \"csv\", \"rows\": %lld}", rows);
    int rc = strbuf_ok(&out) ? store_audit(st, "export", table, "*", detail, &err)
                             : ag_error_set(&err, AG_ENOMEM, "%s: the export is too large", table);
    if (rc == AG_OK)
        fwrite(strbuf_str(&out), 1, out.len, stdout);
    strbuf_release(&out);
    return rc ? cli_fail(cli, cli_status(rc), "%s", err.msg) : AG_EXIT_OK;
}

/* ---- worklog ---- */

/* clang-format off */
static const char entries_sql[] =
    "SELECT e.id, e.done_at, a.code AS asset, a.category, e.kind, e.work, p.login AS performed_by, "
    "e.change_id, CASE WHEN e.unauthorised THEN 'UNAUTHORISED' ELSE '' END AS flag, "
    "e.result FROM wl_entries e JOIN assets a ON a.id = e.asset_id JOIN people p ON p.id = "
    "e.performed_by WHERE (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR e.kind = ?2) AND (?3 IS "
    "NULL OR e.done_at >= ?3) AND (?4 IS NULL OR e.done_at < date(?4, '+1 day')) AND (?5 IS NULL OR "
    "e.unauthorised = 1) ORDER BY e.done_at, e.id";
static const char entry_sql[] =
    "SELECT e.id, e.done_at, a.code AS asset, a.name AS asset_name, a.category, e.kind, e.work, "
    "e.result, p.login AS performed_by, e.change_id, CASE WHEN e.unauthorised THEN "
    "'UNAUTHORISED' ELSE '' END AS flag, r.login AS recorded_by, e.recorded_at FROM wl_entries e "
    "JOIN assets a ON a.id = e.asset_id JOIN people p ON p.id = e.performed_by LEFT JOIN people r "
    "ON r.id = e.recorded_by WHERE e.id = ?1";
static const char reviews_sql[] =
    "SELECT r.id, r.reviewed_on, a.code AS asset, p.login AS reviewer, r.occasion, r.change_id, r.result, r.findings, r.action_id AS action FROM wl_reviews r JOIN assets a ON a.id = "
    "r.asset_id JOIN people p ON p.id = r.reviewer_id WHERE (?1 IS NULL OR a.code = ?1) ORDER BY "
    "r.reviewed_on, r.id";
static const char disposals_sql[] =
    "SELECT d.id, a.code AS asset, a.category, a.name AS asset_name, d.disposed_on, d.method AS erasure_method, "
    "b.login AS performed_by, w.login AS witness, d.vendor, c.code AS contractor, "
    "d.certificate_no, e.filename AS certificate, e.sha256 AS certificate_sha256 FROM "
    "wl_disposals d JOIN assets a ON a.id = d.asset_id JOIN people b ON b.id = d.performed_by JOIN "
    "people w ON w.id = d.witness_id JOIN evidence e ON e.id = d.certificate_id LEFT JOIN "
    "reg_contractors c ON c.id = d.contractor_id ORDER BY d.disposed_on, d.id";
/* clang-format on */

static int review_plans(struct cli *cli, struct store *st, bool overdue)
{
    char today[11];
    ag_date_iso(ag_now(), today);
    struct strbuf sql;
    strbuf_init(&sql, 0);
    if (overdue) /* the plans' query, filtered */
        strbuf_addf(&sql, "SELECT * FROM (%s) WHERE state = 'overdue'", wl_review_plans_sql);
    else
        strbuf_adds(&sql, wl_review_plans_sql);
    const char *params[] = {today};
    int status = cli_query_print(cli, st, strbuf_str(&sql), params, 1);
    strbuf_release(&sql);
    return status;
}

int cmd_worklog(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *asset = NULL, *kind = NULL, *work = NULL, *at = NULL, *by = NULL,
                        *change = NULL, *result = NULL, *from = NULL, *to = NULL, *format = NULL,
                        *scope = NULL, *every = NULL, *owner = NULL, *start = NULL,
                        *findings = NULL, *date = NULL, *action_owner = NULL, *action_due = NULL,
                        *method = NULL, *certificate = NULL, *witness = NULL, *vendor = NULL,
                        *contractor = NULL, *certificate_no = NULL, *note = NULL;
    bool unauthorised = false, overdue = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--asset", &asset, NULL},
        {"--kind", &kind, NULL},
        {"--work", &work, NULL},
        {"--at", &at, NULL},
        {"--by", &by, NULL},
        {"--change", &change, NULL},
        {"--result", &result, NULL},
        {"--from", &from, NULL},
        {"--to", &to, NULL},
        {"--format", &format, NULL},
        {"--scope", &scope, NULL},
        {"--every", &every, NULL},
        {"--owner", &owner, NULL},
        {"--start", &start, NULL},
        {"--findings", &findings, NULL},
        {"--date", &date, NULL},
        {"--action-owner", &action_owner, NULL},
        {"--action-due", &action_due, NULL},
        {"--method", &method, NULL},
        {"--certificate", &certificate, NULL},
        {"--witness", &witness, NULL},
        {"--vendor", &vendor, NULL},
        {"--contractor", &contractor, NULL},
        {"--certificate-no", &certificate_no, NULL},
        {"--note", &note, NULL},
        {"--unauthorised", NULL, &unauthorised},
        {"--overdue", NULL, &overdue},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long actor = 0, id = 0, change_id = 0, n = 0;
    int rc = AG_OK, status;
    ag_error_clear(&err);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (change && (rc = isms_check_int("--change", change, 1, INT64_MAX, &change_id, &err)))
        goto out;

    /* ---- lists ---- */
    if (strcmp(sub, "list") == 0 && npos == 0) {
        char d1[11], d2[11];
        if ((kind && (rc = isms_check_enum("--kind", kind, wl_kinds, &err))) ||
            (from && (rc = isms_check_date("--from", from, d1, &err))) ||
            (to && (rc = isms_check_date("--to", to, d2, &err))))
            goto out;
        const char *params[] = {asset, kind, from ? d1 : NULL, to ? d2 : NULL,
                                unauthorised ? "1" : NULL};
        if (format && strcmp(format, "csv") == 0) {
            status = print_csv(cli, st, entries_sql, params, 5, "wl_entries");
        } else if (format && strcmp(format, "table") != 0) {
            status = cli_fail(cli, AG_EXIT_BADINPUT,
                              cli_tr(cli, "--format: \"%s\" is not one of: table, csv"), format);
        } else {
            status = cli_query_print(cli, st, entries_sql, params, 5);
        }
        store_free(st);
        return status;
    }
    if (strcmp(sub, "show") == 0 && npos == 1) {
        if ((rc = isms_check_int("entry", pos[0], 1, INT64_MAX, &id, &err)))
            goto out;
        const char *params[] = {pos[0]};
        status = show_one(cli, st, entry_sql, params, 1, "work log entry", pos[0]);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "reviews") == 0 && npos == 0) {
        status = review_plans(cli, st, overdue);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "review-history") == 0 && npos <= 1) {
        const char *params[] = {npos ? pos[0] : NULL};
        status = cli_query_print(cli, st, reviews_sql, params, 1);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "disposals") == 0 && npos == 0) {
        status = cli_query_print(cli, st, disposals_sql, NULL, 0);
        store_free(st);
        return status;
    }

    /* ---- steps by a person ---- */
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "add") == 0 && npos == 0) {
        bool flagged = false;
        struct wl_entry_new e = {asset, at, kind, work, result, by, change_id};
        if ((rc = wl_entry_add(st, actor, &e, &id, &flagged, &err)))
            goto out;
        printf(cli_tr(cli, "recorded work log entry %lld\n"), id);
        if (flagged)
            fprintf(stderr,
                    cli_tr(cli, "airguard: work log entry %lld is a %s without an approved "
                                "change: recorded and flagged UNAUTHORISED (3.2.1.1(2))\n"),
                    id, kind);
        goto out;
    }
    if (strcmp(sub, "review-plan") == 0 && npos == 1) {
        if ((rc = isms_check_int("--every", every, 1, 24, &n, &err)) ||
            (rc = wl_review_plan(st, actor, pos[0], scope, (int)n, owner, start, &err)))
            goto out;
        printf(cli_tr(cli, "asset %s: routing and access control reviewed every %lld month(s)\n"),
               pos[0], n);
        goto out;
    }
    if (strcmp(sub, "review") == 0 && npos == 1) {
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        struct wl_review_new r = {pos[0], date,         change_id, findings,
                                  result, action_owner, action_due};
        if ((rc = wl_review_add(st, cat, actor, &r, &id, &err)))
            goto out;
        printf(cli_tr(cli, "recorded review %lld of asset %s\n"), id, pos[0]);
        goto out;
    }
    if (strcmp(sub, "dispose") == 0 && npos == 1) {
        struct wl_disposal_new d = {pos[0],     date,           method, by,   witness, vendor,
                                    contractor, certificate_no, note,   NULL, 0,       certificate};
        if ((rc = wl_dispose(st, actor, &d, &id, &err)))
            goto out;
        printf(cli_tr(cli, "asset %s disposed of (disposal %lld, proof of erasure stored)\n"),
               pos[0], id);
        goto out;
    }
    store_free(st);
    goto usage;
usage:
    fputs(cli_tr(cli, "worklog-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}

/* ---- change ---- */

/* clang-format off */
#define CHANGE_ASSETS_SQL \
    "(SELECT group_concat(a.code, ' ') FROM wl_change_assets ca JOIN assets a ON a.id = " \
    "ca.asset_id WHERE ca.change_id = c.id)"
static const char changes_sql[] =
    "SELECT c.id, " WL_CHANGE_STATE_SQL " AS state, c.title, " CHANGE_ASSETS_SQL " AS devices, "
    "c.planned_on, c.risk_level, CASE WHEN c.emergency THEN 'emergency' ELSE '' END AS "
    "emergency, r.login AS requested_by, d.login AS decided_by, i.login AS implemented_by, "
    "c.approval_due, v.login AS reviewed_by FROM wl_changes c JOIN people r ON r.id = "
    "c.requested_by LEFT JOIN people d ON d.id = c.decided_by LEFT JOIN people i ON i.id = "
    "c.implemented_by LEFT JOIN people v ON v.id = c.reviewed_by WHERE (?2 IS NULL OR "
    WL_CHANGE_STATE_SQL " = ?2) AND (?3 IS NULL OR " WL_CHANGE_STATE_SQL " IN "
    "('emergency-pending', 'approval-overdue', 'rejected-after-change')) ORDER BY c.id";
static const char change_sql[] =
    "SELECT c.id, " WL_CHANGE_STATE_SQL " AS state, c.title, c.reason, " CHANGE_ASSETS_SQL
    " AS devices, c.planned_on, c.rollback_plan, c.risk_level, c.risk_note, CASE WHEN "
    "c.emergency THEN 'emergency' ELSE '' END AS emergency, r.login AS requested_by, "
    "c.requested_at, c.decision, d.login AS decided_by, c.decided_at, c.decision_note, "
    "c.approval_due, i.login AS implemented_by, c.implemented_at, v.login AS reviewed_by, "
    "c.reviewed_at, c.review_result, c.review_note, c.action_id AS action, (SELECT "
    "group_concat(e.id, ' ') FROM wl_entries e WHERE e.change_id = c.id) AS work_log_entries "
    "FROM wl_changes c JOIN people r ON r.id = c.requested_by LEFT JOIN people d ON d.id = "
    "c.decided_by LEFT JOIN people i ON i.id = c.implemented_by LEFT JOIN people v ON v.id = "
    "c.reviewed_by WHERE c.id = ?2";
/* clang-format on */

static const char *const change_states[] = {
    "open-pending",          "approved",   "rejected", "emergency-pending", "approval-overdue",
    "rejected-after-change", "review-due", "reviewed", "cancelled",         NULL};

int cmd_change(struct cli *cli, int argc, char **argv)
{
    const char *pos[2], *title = NULL, *reason = NULL, *assets = NULL, *planned = NULL,
                        *rollback = NULL, *risk = NULL, *risk_note = NULL, *note = NULL, *at = NULL,
                        *kind = NULL, *work = NULL, *result = NULL, *action_owner = NULL,
                        *action_due = NULL, *state = NULL;
    bool emergency = false, flagged = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--title", &title, NULL},
        {"--reason", &reason, NULL},
        {"--assets", &assets, NULL},
        {"--planned", &planned, NULL},
        {"--rollback", &rollback, NULL},
        {"--risk", &risk, NULL},
        {"--risk-note", &risk_note, NULL},
        {"--note", &note, NULL},
        {"--at", &at, NULL},
        {"--kind", &kind, NULL},
        {"--work", &work, NULL},
        {"--result", &result, NULL},
        {"--action-owner", &action_owner, NULL},
        {"--action-due", &action_due, NULL},
        {"--state", &state, NULL},
        {"--emergency", NULL, &emergency},
        {"--flagged", NULL, &flagged},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long actor = 0, id = 0;
    int rc = AG_OK, status;
    char today[11];
    ag_error_clear(&err);
    ag_date_iso(ag_now(), today);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (strcmp(sub, "list") == 0 && npos == 0) {
        if (state && (rc = isms_check_enum("--state", state, change_states, &err)))
            goto out;
        const char *params[] = {today, state, flagged ? "1" : NULL};
        status = cli_query_print(cli, st, changes_sql, params, 3);
        store_free(st);
        return status;
    }
    if (npos == 1 && (rc = isms_check_int("change", pos[0], 1, INT64_MAX, &id, &err)))
        goto out;
    if (strcmp(sub, "show") == 0 && npos == 1) {
        const char *params[] = {today, pos[0]};
        status = show_one(cli, st, change_sql, params, 2, "change", pos[0]);
        store_free(st);
        return status;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "request") == 0 && npos == 0) {
        char buf[4096];
        const char *list[65];
        snprintf(buf, sizeof(buf), "%s", assets ? assets : "");
        split_words(buf, list, AG_ARRAY_LEN(list));
        struct wl_change_new c = {title, reason,    planned, rollback,
                                  risk,  risk_note, list,    emergency};
        if ((rc = wl_change_request(st, actor, &c, &id, &err)))
            goto out;
        if (emergency)
            printf(cli_tr(cli, "emergency change %lld recorded: it may be carried out now and is "
                               "approved afterwards within %d days\n"),
                   id, WL_EMERGENCY_DAYS);
        else
            printf(cli_tr(cli, "change %lld requested: it is carried out after its approval\n"),
                   id);
        goto out;
    }
    if (npos != 1) {
        store_free(st);
        goto usage;
    }
    if (strcmp(sub, "approve") == 0 || strcmp(sub, "reject") == 0) {
        rc = wl_change_decide(st, id, actor, strcmp(sub, "approve") == 0, note, &err);
    } else if (strcmp(sub, "implement") == 0) {
        rc = wl_change_implement(st, id, actor, at, kind, work, result, &err);
    } else if (strcmp(sub, "review") == 0) {
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        rc = wl_change_review(st, cat, id, actor, result, note, action_owner, action_due, &err);
    } else if (strcmp(sub, "cancel") == 0) {
        rc = wl_change_cancel(st, id, actor, &err);
    } else {
        store_free(st);
        goto usage;
    }
    if (rc == AG_OK)
        printf(cli_tr(cli, "change %lld: %s\n"), id, sub);
    goto out;
usage:
    fputs(cli_tr(cli, "change-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
}
