/*
 * cmd_vuln.c — `airguard vuln …`: software vulnerability handling of guideline 3.1.5.1(1)(e) and
 * 3.2.2.1① (src/isms/vuln.h): the software inventory per asset (add, list, remove, CSV import and
 * export), advisories imported from files (CSAF 2.0, CVE JSON 5, NVD API 2.0) or entered by hand,
 * the list of matches with their plans, the plan, compensating measures, approval, closing, the
 * periodic review, and the CSV export. Every change goes through the library (one transaction,
 * audit trail); refusals exit with status 3.
 */
#include "cli/cli.h"
#include "isms/vuln.h"
#include "store/store.h"

#define VULN_MAX_IDS 64

/* The list of matches: ?1 status, ?2 asset, ?3 severity, ?4 vulnerability, ?5 overdue, ?6
 * today, ?7 language. */
/* clang-format off */
#define MATCH_STATUS_SQL \
    "CASE WHEN ?7 = 'ja' THEN CASE m.status WHEN 'open' THEN '未対応' WHEN 'planned' THEN " \
    "'計画済み' WHEN 'done' THEN '対策済み' WHEN 'accepted' THEN 'リスク受容' " \
    "WHEN 'not_affected' THEN '影響なし' END ELSE m.status END"
static const char list_sql[] =
    "SELECT m.id AS match, v.ident AS vulnerability, v.severity AS vuln_severity, "
    "v.cvss_score AS cvss, a.code AS vuln_asset, m.vendor || ' ' || m.product AS software, "
    "m.version AS installed_version, CASE WHEN m.certainty = 'to_check' THEN CASE WHEN ?7 = 'ja' "
    "THEN '要確認' ELSE 'to check' END ELSE '' END AS vuln_certainty, "
    MATCH_STATUS_SQL " AS status, m.due_date AS due, "
    "CASE WHEN m.status IN ('open', 'planned') AND m.due_date < ?6 THEN '!' ELSE '' END AS "
    "overdue, coalesce(pa.login, '') AS approved_by "
    "FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN assets a ON a.id = m.asset_id "
    "LEFT JOIN people pa ON pa.id = m.approved_by "
    "WHERE (?1 IS NULL OR m.status = ?1) AND (?2 IS NULL OR a.code = ?2) AND "
    "(?3 IS NULL OR v.severity = ?3) AND (?4 IS NULL OR v.ident = ?4) AND "
    "(?5 IS NULL OR (m.status IN ('open', 'planned') AND m.due_date < ?6)) "
    "ORDER BY CASE m.status WHEN 'open' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, "
    "coalesce(v.cvss_score, 0) DESC, m.id";

static const char show_match_sql[] =
    "SELECT m.id AS match, v.ident AS vulnerability, v.title, v.severity AS vuln_severity, "
    "v.cvss_score AS cvss, v.cvss_vector, a.code || ' ' || a.name AS vuln_asset, "
    "coalesce(y.code, '') AS information_system, CASE WHEN y.control_system THEN 'yes' END AS "
    "control_system, m.vendor || ' ' || m.product AS software, m.version AS installed_version, "
    "CASE WHEN m.certainty = 'to_check' THEN 'to check' ELSE 'affected' END AS vuln_certainty, "
    "CASE WHEN m.current = 0 THEN 'no' END AS still_matches, m.fixed AS fixed_version, "
    "v.remediation AS vuln_remediation, " MATCH_STATUS_SQL " AS status, m.risk AS vuln_risk, m.need AS vuln_need, "
    "m.method AS vuln_method, m.workaround AS vuln_workaround, m.impact AS vuln_impact, "
    "m.due_date AS due, m.test_needed AS vuln_test, m.test_method AS vuln_test_method, "
    "m.test_due AS vuln_test_due, pp.login AS planned_by, m.planned_at, "
    "pa.login AS approved_by, m.approved_at, pc.login AS closed_by, m.closed_at, m.close_note, "
    "(SELECT group_concat(c.kind || ': ' || c.text || ' (' || cp.login || ')', char(10)) FROM "
    "vuln_compensations c JOIN people cp ON cp.id = c.added_by WHERE c.match_id = m.id) AS "
    "compensations "
    "FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN assets a ON a.id = m.asset_id "
    "LEFT JOIN systems y ON y.id = a.system_id LEFT JOIN people pp ON pp.id = m.planned_by "
    "LEFT JOIN people pa ON pa.id = m.approved_by LEFT JOIN people pc ON pc.id = m.closed_by "
    "WHERE m.id = ?1 AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND "
    "?6 IS NOT NULL";

static const char show_vuln_sql[] =
    "SELECT v.ident AS vulnerability, v.title, v.description, v.severity AS vuln_severity, "
    "v.cvss_score AS cvss, v.cvss_vector, v.fixed_version, v.remediation AS vuln_remediation, v.refs AS vuln_refs, "
    "v.advisory, v.source AS vuln_source, v.source_file, v.source_sha256, v.imported_at, "
    "p.login AS imported_by FROM vulns v LEFT JOIN people p ON p.id = v.imported_by "
    "WHERE v.ident = ?1 AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL AND "
    "?6 IS NOT NULL AND ?7 IS NOT NULL";
/* clang-format on */

/* Prints the one row of sql as "label  value" lines (empty values left out). */
static int print_record(struct cli *cli, struct store *st, const char *sql,
                        const char *const *params, size_t n, bool match)
{
    if (cli->json)
        return cli_query_print(cli, st, sql, params, n);
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(st, &s, sql, &err))
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    for (size_t k = 0; k < n; k++)
        store_bind_text(s, (int)k + 1, params[k]);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        match ? cli_tr(cli, "vulnerability match %s does not exist")
                              : cli_tr(cli, "vulnerability %s is not recorded"),
                        params[0]);
    }
    size_t w = 0;
    for (int c = 0; c < sqlite3_column_count(s); c++) {
        size_t cw = ag_text_width(cli_tr(cli, sqlite3_column_name(s, c)));
        w = cw > w ? cw : w;
    }
    for (int c = 0; c < sqlite3_column_count(s); c++) {
        const char *v = store_col_text(s, c);
        if (!*v)
            continue;
        cli_print_padded(cli_tr(cli, sqlite3_column_name(s, c)), w + 2);
        for (const char *p = v; *p; p++) { /* continuation lines indented */
            putchar(*p);
            if (*p == '\n')
                for (size_t k = 0; k < w + 2; k++)
                    putchar(' ');
        }
        putchar('\n');
    }
    sqlite3_finalize(s);
    return AG_EXIT_OK;
}

static int show(struct cli *cli, struct store *st, const char *id, const char *today)
{
    const char *lang = cli->json ? "en" : ag_lang_code(cli->lang);
    const char *params[7] = {id, NULL, NULL, NULL, NULL, today, lang};
    if (id[0] >= '0' && id[0] <= '9' && strspn(id, "0123456789") == strlen(id)) {
        int status = print_record(cli, st, show_match_sql, params, 7, true);
        if (status == AG_EXIT_OK && !cli->json) {
            char missing[256];
            struct ag_error err;
            if (vuln_plan_missing(st, strtoll(id, NULL, 10), missing, sizeof(missing), &err) ==
                    AG_OK &&
                missing[0])
                printf(cli_tr(cli, "\nThe plan still lacks: %s (3.2.2.1①)\n"), missing);
        }
        return status;
    }
    int status = print_record(cli, st, show_vuln_sql, params, 7, false);
    if (status != AG_EXIT_OK || cli->json)
        return status;
    /* the affected products and where it was found */
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(st, &s,
                      "SELECT f.vendor, f.product, f.status, f.version_exact, f.version_min, "
                      "f.min_incl, f.version_max, f.max_incl, f.fixed FROM vuln_affected f JOIN "
                      "vulns v ON v.id = f.vuln_id WHERE v.ident = ? ORDER BY f.id",
                      &err) == AG_OK) {
        store_bind_text(s, 1, id);
        printf("\n%s\n", cli_tr(cli, "Products named by the advisory:"));
        while (sqlite3_step(s) == SQLITE_ROW) {
            struct vuln_range r = {{0}, {0}, {0}, true, false};
            snprintf(r.exact, sizeof(r.exact), "%s", store_col_text(s, 3));
            snprintf(r.min, sizeof(r.min), "%s", store_col_text(s, 4));
            r.min_incl = sqlite3_column_int(s, 5);
            snprintf(r.max, sizeof(r.max), "%s", store_col_text(s, 6));
            r.max_incl = sqlite3_column_int(s, 7);
            char text[3 * VULN_VERSION_MAX];
            vuln_range_text(&r, text, sizeof(text));
            const char *stat = store_col_text(s, 2);
            const char *label = !strcmp(stat, "affected")     ? cli_tr(cli, "vuln: affected")
                                : !strcmp(stat, "unaffected") ? cli_tr(cli, "vuln: unaffected")
                                                              : cli_tr(cli, "vuln: unknown");
            printf("  %s %s  %s  %s%s%s\n", store_col_text(s, 0), store_col_text(s, 1), text, label,
                   *store_col_text(s, 8) ? "  → " : "", store_col_text(s, 8));
        }
        sqlite3_finalize(s);
    }
    printf("\n%s\n", cli_tr(cli, "Found on:"));
    fflush(stdout);
    const char *lparams[7] = {NULL, NULL, NULL, id, NULL, today, lang};
    return cli_query_print(cli, st, list_sql, lparams, 7);
}

static int write_csv(struct cli *cli, struct strbuf *sb, const char *out, struct ag_error *err)
{
    if (!out || !strcmp(out, "-")) {
        fwrite(strbuf_str(sb), 1, sb->len, stdout);
        return AG_OK;
    }
    (void)cli;
    return ag_file_write_atomic(out, strbuf_str(sb), sb->len, err);
}

static int ids_of(const char *const *pos, size_t from, size_t npos, long long *ids, size_t *n,
                  struct ag_error *err)
{
    *n = 0;
    for (size_t i = from; i < npos; i++) {
        int rc = isms_check_int("match", pos[i], 1, INT64_MAX, &ids[(*n)++], err);
        if (rc)
            return rc;
    }
    return AG_OK;
}

static int software(struct cli *cli, struct store *st, const char *const *pos, size_t npos,
                    const char *asset, const char *vendor, const char *product, const char *version,
                    const char *cpe, const char *out, struct ag_error *err)
{
    long long actor = 0, id = 0;
    int rc, matches = 0;
    const char *sub = npos > 1 ? pos[1] : "list";
    if (!strcmp(sub, "list") && npos <= 2) {
        const char *params[] = {asset};
        int status = cli_query_print(
            cli, st,
            "SELECT w.id, a.code AS vuln_asset, w.vendor, w.product, w.version AS "
            "installed_version, "
            "w.cpe, w.source AS vuln_source, (SELECT count(*) FROM vuln_matches m WHERE "
            "m.software_id = w.id AND m.status IN ('open', 'planned')) AS vuln_open FROM "
            "vuln_software w JOIN assets a ON a.id = w.asset_id WHERE (?1 IS NULL OR a.code = ?1) "
            "ORDER BY a.code, w.vendor, w.product, w.version",
            params, 1);
        return status == AG_EXIT_OK ? AG_OK : -1000 - status;
    }
    if (!strcmp(sub, "export") && npos == 2) {
        struct strbuf sb;
        strbuf_init(&sb, 0);
        if ((rc = vuln_software_csv(st, asset, &sb, err)) == AG_OK)
            rc = write_csv(cli, &sb, out, err);
        strbuf_release(&sb);
        return rc;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        return -1000 - cli_status(rc);
    if (!strcmp(sub, "add") && npos == 2) {
        struct vuln_software_new w = {asset, vendor, product, version, cpe, "entered"};
        if ((rc = vuln_software_add(st, actor, &w, &id, &matches, err)))
            return rc;
        printf(cli_tr(cli, "software %lld recorded; %d new vulnerability match(es)\n"), id,
               matches);
        return AG_OK;
    }
    if (!strcmp(sub, "remove") && npos == 3) {
        if ((rc = isms_check_int("software", pos[2], 1, INT64_MAX, &id, err)) ||
            (rc = vuln_software_remove(st, actor, id, err)))
            return rc;
        printf(cli_tr(cli, "software %lld removed\n"), id);
        return AG_OK;
    }
    if (!strcmp(sub, "import") && npos == 3) {
        char *data;
        size_t len;
        int added, skipped;
        if ((rc = ag_file_read(pos[2], (size_t)16 << 20, &data, &len, err)))
            return rc;
        rc =
            vuln_software_import_csv(st, actor, pos[2], data, len, &added, &skipped, &matches, err);
        free(data);
        if (rc)
            return rc;
        printf(cli_tr(cli, "%d software record(s) added, %d already listed; %d new "
                           "vulnerability match(es)\n"),
               added, skipped, matches);
        return AG_OK;
    }
    return AG_EUSAGE;
}

int cmd_vuln(struct cli *cli, int argc, char **argv)
{
    const char *pos[VULN_MAX_IDS + 2],
        *asset = NULL, *vendor = NULL, *product = NULL, *version = NULL, *cpe = NULL, *out = NULL,
        *status_f = NULL, *severity = NULL, *vulnf = NULL, *risk = NULL, *need = NULL,
        *method = NULL, *workaround = NULL, *impact = NULL, *due = NULL, *test = NULL,
        *test_method = NULL, *test_due = NULL, *kind = NULL, *text = NULL, *accept = NULL,
        *not_affected = NULL, *result = NULL, *note = NULL, *id_opt = NULL, *title = NULL,
        *versions = NULL, *cvss = NULL, *vector = NULL, *fixed = NULL, *description = NULL,
        *remediation = NULL, *ref = NULL;
    bool overdue = false, csv = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--asset", &asset, NULL},
        {"--vendor", &vendor, NULL},
        {"--product", &product, NULL},
        {"--version", &version, NULL},
        {"--cpe", &cpe, NULL},
        {"--out", &out, NULL},
        {"--status", &status_f, NULL},
        {"--severity", &severity, NULL},
        {"--vuln", &vulnf, NULL},
        {"--risk", &risk, NULL},
        {"--need", &need, NULL},
        {"--method", &method, NULL},
        {"--workaround", &workaround, NULL},
        {"--impact", &impact, NULL},
        {"--due", &due, NULL},
        {"--test", &test, NULL},
        {"--test-method", &test_method, NULL},
        {"--test-due", &test_due, NULL},
        {"--kind", &kind, NULL},
        {"--text", &text, NULL},
        {"--accept", &accept, NULL},
        {"--not-affected", &not_affected, NULL},
        {"--result", &result, NULL},
        {"--note", &note, NULL},
        {"--id", &id_opt, NULL},
        {"--title", &title, NULL},
        {"--versions", &versions, NULL},
        {"--cvss", &cvss, NULL},
        {"--vector", &vector, NULL},
        {"--fixed", &fixed, NULL},
        {"--description", &description, NULL},
        {"--remediation", &remediation, NULL},
        {"--ref", &ref, NULL},
        {"--overdue", NULL, &overdue},
        {"--csv", NULL, &csv},
    };
    if (argc < 2 ||
        cli_parse(cli, argc, argv, 1, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos) ||
        npos < 1)
        goto usage;
    const char *sub = pos[0];
    struct store *st;
    struct ag_error err;
    long long actor = 0, ids[VULN_MAX_IDS];
    size_t nids = 0;
    char today[11];
    int rc;
    ag_error_clear(&err);
    ag_error_set_lang(cli->lang);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    ag_date_iso(ag_now(), today);
    const char *lang = cli->json ? "en" : ag_lang_code(cli->lang);

    if (!strcmp(sub, "software")) {
        rc = software(cli, st, pos, npos, asset, vendor, product, version, cpe, out, &err);
        if (rc <= -1000) {
            store_free(st);
            return -1000 - rc;
        }
        if (rc == AG_EUSAGE) {
            store_free(st);
            goto usage;
        }
        goto out;
    }
    if (!strcmp(sub, "list") && npos == 1) {
        if ((status_f && (rc = isms_check_enum("--status", status_f, vuln_statuses, &err))) ||
            (severity && (rc = isms_check_enum("--severity", severity, vuln_severities, &err))))
            goto out;
        const char *params[] = {status_f, asset, severity, vulnf, overdue ? "1" : NULL,
                                today,    lang};
        int status = cli_query_print(cli, st, list_sql, params, 7);
        store_free(st);
        return status;
    }
    if (!strcmp(sub, "advisories") && npos == 1) {
        int status = cli_query_print(
            cli, st,
            "SELECT v.ident AS vulnerability, v.severity AS vuln_severity, v.cvss_score AS cvss, "
            "v.title, v.advisory, v.source AS vuln_source, v.source_file, (SELECT count(*) FROM "
            "vuln_matches m WHERE m.vuln_id = v.id) AS vuln_matches, v.imported_at FROM vulns v "
            "ORDER BY coalesce(v.cvss_score, 0) DESC, v.ident",
            NULL, 0);
        store_free(st);
        return status;
    }
    if (!strcmp(sub, "reviews") && npos == 1) {
        int status = cli_query_print(cli, st,
                                     "SELECT r.id, p.login AS reviewed_by, r.reviewed_at, "
                                     "r.open_count AS vuln_open, r.overdue, r.note FROM "
                                     "vuln_reviews r JOIN people p ON p.id = r.reviewed_by ORDER "
                                     "BY r.id DESC",
                                     NULL, 0);
        store_free(st);
        return status;
    }
    if (!strcmp(sub, "show") && npos == 2) {
        int status = show(cli, st, pos[1], today);
        store_free(st);
        return status;
    }
    if (!strcmp(sub, "export") && npos == 1) {
        if (!csv) {
            rc = ag_error_set(&err, AG_EINVAL, "export: give --csv (the only format)");
            goto out;
        }
        if ((status_f && (rc = isms_check_enum("--status", status_f, vuln_statuses, &err))) ||
            (severity && (rc = isms_check_enum("--severity", severity, vuln_severities, &err))))
            goto out;
        struct vuln_filter f = {status_f, asset, severity, vulnf, overdue};
        struct strbuf sb;
        strbuf_init(&sb, 0);
        if ((rc = vuln_matches_csv(st, &f, &sb, &err)) == AG_OK)
            rc = write_csv(cli, &sb, out, &err);
        strbuf_release(&sb);
        goto out;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (!strcmp(sub, "import") && npos >= 2) {
        struct vuln_import_result res;
        if ((rc = vuln_import_files(st, actor, pos + 1, npos - 1, &res, &err)))
            goto out;
        printf(cli_tr(cli, "%d file(s) imported: %d vulnerability(ies) added, %d updated; %d new "
                           "match(es) with the inventory\n"),
               res.files, res.added, res.updated, res.matches_new);
        goto out;
    }
    if (!strcmp(sub, "add") && npos == 1) {
        struct vuln_new v = {id_opt, title,   description, severity, cvss,        vector,
                             vendor, product, versions,    fixed,    remediation, ref};
        long long vid;
        int matches;
        if ((rc = vuln_add(st, actor, &v, &vid, &matches, &err)))
            goto out;
        printf(cli_tr(cli, "vulnerability %s recorded; %d new match(es) with the inventory\n"),
               id_opt, matches);
        goto out;
    }
    if (!strcmp(sub, "review") && npos == 1) {
        long long rid;
        if ((rc = vuln_review(st, actor, note, &rid, &err)))
            goto out;
        printf(cli_tr(cli, "review %lld recorded\n"), rid);
        goto out;
    }
    if (npos < 2) {
        store_free(st);
        goto usage;
    }
    if ((rc = ids_of(pos, 1, npos, ids, &nids, &err)))
        goto out;
    if (!strcmp(sub, "compensate") && nids == 1) {
        if ((rc = vuln_compensate(st, actor, ids[0], kind, text, &err)))
            goto out;
        printf(cli_tr(cli, "match %lld: compensating measure recorded; it needs approval\n"),
               ids[0]);
        goto out;
    }
    bool own;
    const char *how = "done", *note_text = result;
    if (!strcmp(sub, "close")) {
        if ((accept && not_affected) || (result && (accept || not_affected))) {
            rc = ag_error_set(&err, AG_EINVAL,
                              "close: give one of --result TEXT, --accept REASON, "
                              "--not-affected REASON");
            goto out;
        }
        if (accept)
            how = "accepted", note_text = accept;
        else if (not_affected)
            how = "not_affected", note_text = not_affected;
    } else if (strcmp(sub, "plan") && strcmp(sub, "approve")) {
        store_free(st);
        goto usage;
    }
    /* several matches (one vulnerability on many assets) in one transaction */
    if ((rc = isms_tx_begin(st, &own, &err)))
        goto out;
    for (size_t i = 0; i < nids && !rc; i++) {
        if (!strcmp(sub, "plan")) {
            struct vuln_plan p = {risk, need, method,      workaround, impact,
                                  due,  test, test_method, test_due};
            rc = vuln_plan_set(st, actor, ids[i], &p, &err);
        } else if (!strcmp(sub, "approve")) {
            rc = vuln_approve(st, actor, ids[i], &err);
        } else {
            rc = vuln_close(st, actor, ids[i], how, note_text, &err);
        }
    }
    rc = isms_tx_end(st, own, rc, &err);
    if (rc && rc != AG_EDENIED)
        goto out;
    if (rc == AG_EDENIED) {
        /* the refusal itself goes to the audit trail (outside the rolled-back transaction) */
        struct ag_error ignore;
        char detail[64];
        snprintf(detail, sizeof(detail), "{\"what\": \"%s\"}", sub);
        if (store_audit(st, "refused", "vuln_matches", pos[1], detail, &ignore) != AG_OK) {
            /* the refusal stands even if it cannot be recorded */
        }
        goto out;
    }
    for (size_t i = 0; i < nids; i++) {
        char missing[256] = "";
        if (!strcmp(sub, "plan") &&
            vuln_plan_missing(st, ids[i], missing, sizeof(missing), &err) == AG_OK && missing[0])
            printf(cli_tr(cli, "match %lld: plan recorded; still missing: %s\n"), ids[i], missing);
        else if (!strcmp(sub, "plan"))
            printf(cli_tr(cli, "match %lld: plan complete; it needs approval by a manager or the "
                               "CISO other than you\n"),
                   ids[i]);
        else if (!strcmp(sub, "approve"))
            printf(cli_tr(cli, "match %lld: approved\n"), ids[i]);
        else
            printf(cli_tr(cli, "match %lld: closed (%s)\n"), ids[i],
                   !strcmp(how, "done")       ? cli_tr(cli, "vuln: done")
                   : !strcmp(how, "accepted") ? cli_tr(cli, "vuln: accepted")
                                              : cli_tr(cli, "vuln: not_affected"));
    }
    goto out;
usage:
    fputs(cli_tr(cli, "vuln-usage"), stderr);
    return AG_EXIT_BADINPUT;
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    return cli_status(rc);
}
