/*
 * pages_vulns.c — vulnerability handling (guideline 3.1.5.1(1)(e), 3.2.2.1①) on the web: the list
 * of vulnerabilities on assets with filters (status, severity, asset, overdue), a vulnerability's
 * page (what the advisory says and the assets it was found on), a match's page with the plan the
 * guideline lists, compensating measures, approval and closing, and the software inventory per
 * asset.
 *
 * Who: the pages are for holders of an ISMS role (VULN_ROLES); the steps follow the library's
 * rules (src/isms/vuln.h): the system's sysadmins and managers or the CISO plan, record measures
 * and close; a manager or the CISO other than the planner approves (3.1.4.1(2)). A refusal is
 * shown with 403 and recorded in the audit trail in its own transaction. Each POST runs in one
 * BEGIN IMMEDIATE transaction (web_action) with the person as the audit trail's actor; CSRF on
 * every POST; every text through the escaping builder.
 * Thread: a worker thread, with the request's arena and store connection.
 */
#include "isms/vuln.h"
#include "web/web_int.h"

#define VULN_ROLES                                                                                 \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)
#define VULN_PAGE_ROWS 200

static const char *status_key(const char *s)
{
    return !strcmp(s, "open")           ? "vulns: open"
           : !strcmp(s, "planned")      ? "vulns: planned"
           : !strcmp(s, "done")         ? "vulns: done"
           : !strcmp(s, "accepted")     ? "vulns: accepted"
           : !strcmp(s, "not_affected") ? "vulns: not affected"
                                        : "vulns: open";
}

static const char *today_iso(struct web_req *req)
{
    char *t = arena_alloc(&req->arena, 11);
    if (t)
        ag_date_iso(ag_now(), t);
    return t ? t : "";
}

static const char *filter(struct web_req *req, const char *name)
{
    const char *v = web_query(req, name);
    return v && *v ? v : NULL;
}

static void cell(struct web_req *req, const char *text)
{
    html_lit(&req->out, "<td>");
    html_text(&req->out, text);
    html_lit(&req->out, "</td>");
}

/* ---- GET /vulns ---- */

static void select_filter(struct web_req *req, const char *name, const char *label,
                          const char *const *values, const char *cur)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, "><option value=\"\">");
    html_text(h, web_tr(req, "vulns: all"));
    html_lit(h, "</option>");
    for (size_t i = 0; values[i]; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", values[i]);
        if (cur && !strcmp(cur, values[i]))
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, !strcmp(name, "status") ? web_tr(req, status_key(values[i])) : values[i]);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
}

static int page_vulns(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *status = filter(req, "status"), *sev = filter(req, "severity"),
               *asset = filter(req, "asset"), *over = filter(req, "overdue");
    if ((status && isms_check_enum("status", status, vuln_statuses, &err)) ||
        (sev && isms_check_enum("severity", sev, vuln_severities, &err)) ||
        (asset && strlen(asset) > 64) || (over && strcmp(over, "1") != 0))
        return web_error(req, 400, "vulns: A filter has a value that is not allowed");
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT m.id, v.ident, v.severity, coalesce(v.cvss_score, ''), a.code, m.vendor || ' ' || "
        "m.product, m.version, m.certainty, m.status, coalesce(m.due_date, ''), m.status IN "
        "('open', 'planned') AND m.due_date < ?5 FROM vuln_matches m JOIN vulns v ON v.id = "
        "m.vuln_id JOIN assets a ON a.id = m.asset_id WHERE (?1 IS NULL OR m.status = ?1) AND "
        "(?2 IS NULL OR v.severity = ?2) AND (?3 IS NULL OR a.code = ?3) AND (?4 IS NULL OR "
        "(m.status IN ('open', 'planned') AND m.due_date < ?5)) ORDER BY CASE m.status WHEN "
        "'open' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, coalesce(v.cvss_score, 0) DESC, m.id "
        "LIMIT ?6",
        &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, status);
    store_bind_text(s, 2, sev);
    store_bind_text(s, 3, asset);
    store_bind_text(s, 4, over);
    sqlite3_bind_text(s, 5, today_iso(req), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 6, VULN_PAGE_ROWS);
    page_begin(req, web_tr(req, "Vulnerabilities"));
    page_h1(req, web_tr(req, "Vulnerabilities"));
    page_note(req, web_tr(req, "vulns: Software vulnerabilities on the assets and the plan for "
                               "each (guideline 3.1.5.1(1)(e), 3.2.2.1①)."));
    html_lit(h, "<p class=\"actions\">");
    page_link(req, "/vulns/software", web_tr(req, "vulns: Software inventory"));
    html_lit(h, "</p><form method=\"get\" action=\"/vulns\" class=\"search filters\">");
    select_filter(req, "status", "vulns: Status", vuln_statuses, status);
    select_filter(req, "severity", "vulns: Severity", vuln_severities, sev);
    html_lit(h, "<div class=\"field\"><label for=\"asset\">");
    html_text(h, web_tr(req, "vulns: Asset"));
    html_lit(h, "</label><input type=\"text\" id=\"asset\" name=\"asset\"");
    if (asset)
        html_attr(h, "value", asset);
    html_lit(h, "></div><div class=\"field check\"><input type=\"checkbox\" id=\"overdue\" "
                "name=\"overdue\" value=\"1\"");
    if (over)
        html_lit(h, " checked");
    html_lit(h, "><label for=\"overdue\">");
    html_text(h, web_tr(req, "vulns: Past their schedule"));
    html_lit(h, "</label></div><button type=\"submit\">");
    html_text(h, web_tr(req, "vulns: Filter"));
    html_lit(h, "</button></form>");
    static const char *const heads[] = {
        "vulns: No.",     "vulns: Vulnerability", "vulns: Severity",
        "CVSS",           "vulns: Asset",         "vulns: Software",
        "vulns: Version", "vulns: Status",        "vulns: Schedule"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        bool late = sqlite3_column_int(s, 10) != 0;
        if (late)
            html_lit(h, "<tr class=\"overdue\"><td>");
        else
            html_lit(h, "<tr><td>");
        page_link(req, arena_printf(&req->arena, "/vulns/%lld", id),
                  arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td><td>");
        const char *ident = store_col_text(s, 1);
        struct strbuf u;
        strbuf_init(&u, 512);
        strbuf_adds(&u, "/vulns/v/");
        html_url_component(&u, ident);
        page_link(req, arena_strdup(&req->arena, strbuf_str(&u)), ident);
        strbuf_release(&u);
        html_lit(h, "</td>");
        cell(req, store_col_text(s, 2));
        cell(req, store_col_text(s, 3));
        cell(req, store_col_text(s, 4));
        cell(req, store_col_text(s, 5));
        html_lit(h, "<td>");
        html_text(h, store_col_text(s, 6));
        if (!strcmp(store_col_text(s, 7), "to_check")) {
            html_lit(h, " <strong>");
            html_text(h, web_tr(req, "vulns: (to check)"));
            html_lit(h, "</strong>");
        }
        html_lit(h, "</td>");
        cell(req, web_tr(req, status_key(store_col_text(s, 8))));
        html_lit(h, "<td>");
        html_text(h, store_col_text(s, 9));
        if (late) {
            html_lit(h, " <strong>");
            html_text(h, web_tr(req, "vulns: overdue"));
            html_lit(h, "</strong>");
        }
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "vulns: No vulnerabilities here.");
    page_end(req);
    return AG_OK;
}

/* ---- GET /vulns/v/{ident} ---- */

static int page_vuln(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *ident = web_param(req, "ident");
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT id, title, description, severity, coalesce(cvss_score, ''), "
                           "cvss_vector, fixed_version, remediation, refs, advisory, source, "
                           "source_file, source_sha256, imported_at FROM vulns WHERE ident = ?",
                           &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, ident);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "vulns: No such vulnerability");
    }
    long long vid = sqlite3_column_int64(s, 0);
    page_begin(req, ident);
    page_h1(req, arena_printf(&req->arena, "%s %s", ident, store_col_text(s, 1)));
    page_dl_begin(req);
    static const char *const labels[] = {NULL,
                                         NULL,
                                         "vulns: Description",
                                         "vulns: Severity",
                                         "CVSS",
                                         "vulns: Vector",
                                         "vulns: Fixed version",
                                         "vulns: Remediation",
                                         "vulns: References",
                                         "vulns: Advisory",
                                         "vulns: Format",
                                         "vulns: File",
                                         "SHA-256",
                                         "vulns: Imported at"};
    for (int c = 2; c < 14; c++)
        if (*store_col_text(s, c))
            page_dl_item(req, labels[c], store_col_text(s, c));
    page_dl_end(req);
    sqlite3_finalize(s);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "vulns: Products named by the advisory"));
    html_lit(h, "</h2>");
    static const char *const pheads[] = {"vulns: Vendor", "vulns: Software", "vulns: Versions",
                                         "vulns: Status", "vulns: Fixed version"};
    page_table_begin(req, pheads, AG_ARRAY_LEN(pheads));
    size_t rows = 0;
    if ((rc = store_prepare(req->st, &s,
                            "SELECT vendor, product, status, version_exact, version_min, min_incl, "
                            "version_max, max_incl, fixed FROM vuln_affected WHERE vuln_id = ? "
                            "ORDER BY id",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, vid);
    while (sqlite3_step(s) == SQLITE_ROW) {
        struct vuln_range r = {{0}, {0}, {0}, true, false};
        snprintf(r.exact, sizeof(r.exact), "%s", store_col_text(s, 3));
        snprintf(r.min, sizeof(r.min), "%s", store_col_text(s, 4));
        r.min_incl = sqlite3_column_int(s, 5);
        snprintf(r.max, sizeof(r.max), "%s", store_col_text(s, 6));
        r.max_incl = sqlite3_column_int(s, 7);
        char text[3 * VULN_VERSION_MAX + 16];
        vuln_range_text(&r, text, sizeof(text));
        html_lit(h, "<tr>");
        cell(req, store_col_text(s, 0));
        cell(req, store_col_text(s, 1));
        cell(req, text);
        cell(req, store_col_text(s, 2));
        cell(req, store_col_text(s, 8));
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "vulns: No products.");
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "vulns: Found on these assets"));
    html_lit(h, "</h2>");
    static const char *const mheads[] = {"vulns: No.", "vulns: Asset", "vulns: Software",
                                         "vulns: Version", "vulns: Status"};
    page_table_begin(req, mheads, AG_ARRAY_LEN(mheads));
    rows = 0;
    if ((rc = store_prepare(req->st, &s,
                            "SELECT m.id, a.code, m.vendor || ' ' || m.product, m.version, "
                            "m.status FROM vuln_matches m JOIN assets a ON a.id = m.asset_id "
                            "WHERE m.vuln_id = ? ORDER BY a.code",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, vid);
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        page_link(req, arena_printf(&req->arena, "/vulns/%lld", sqlite3_column_int64(s, 0)),
                  arena_printf(&req->arena, "%lld", sqlite3_column_int64(s, 0)));
        html_lit(h, "</td>");
        cell(req, store_col_text(s, 1));
        cell(req, store_col_text(s, 2));
        cell(req, store_col_text(s, 3));
        cell(req, web_tr(req, status_key(store_col_text(s, 4))));
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "vulns: Not found on any asset.");
    page_end(req);
    return AG_OK;
}

/* ---- GET /vulns/{id} ---- */

struct mrow {
    long long id, asset;
    char status[16];
};

static int m_load(struct web_req *req, long long id, void *obj)
{
    struct mrow *m = obj;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc =
        store_prepare(req->st, &s, "SELECT asset_id, status FROM vuln_matches WHERE id = ?", &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        m->id = id;
        m->asset = sqlite3_column_int64(s, 0);
        snprintf(m->status, sizeof(m->status), "%s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

static bool m_visible(struct web_req *req, const void *obj)
{
    (void)obj;
    return web_has_role(req, VULN_ROLES);
}

static bool closed(const char *status)
{
    return !strcmp(status, "done") || !strcmp(status, "accepted") ||
           !strcmp(status, "not_affected");
}

static int match_page(struct web_req *req, const struct mrow *m, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT v.ident, v.title, v.severity, coalesce(v.cvss_score, ''), a.code || ' ' || "
        "a.name, coalesce(y.code, ''), m.vendor || ' ' || m.product, m.version, m.certainty, "
        "m.current, m.fixed, v.remediation, m.risk, coalesce(m.need, ''), m.method, m.workaround, "
        "m.impact, coalesce(m.due_date, ''), coalesce(m.test_needed, ''), m.test_method, "
        "coalesce(m.test_due, ''), coalesce(pp.login, ''), coalesce(pa.login, ''), "
        "coalesce(pc.login, ''), coalesce(m.closed_at, ''), m.close_note, "
        "coalesce(y.control_system, "
        "0) FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN assets a ON a.id = "
        "m.asset_id LEFT JOIN systems y ON y.id = a.system_id LEFT JOIN people pp ON pp.id = "
        "m.planned_by LEFT JOIN people pa ON pa.id = m.approved_by LEFT JOIN people pc ON pc.id = "
        "m.closed_by WHERE m.id = ?",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, m->id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "vulns: No such vulnerability on an asset");
    }
#define T(i) store_col_text(s, i)
    const char *title = arena_printf(&req->arena, "%s — %s", T(0), T(4));
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    page_note(req, web_tr(req, "vulns: The plan for this vulnerability on this asset "
                               "(3.2.2.1①)."));
    if (alert)
        page_alert(req, alert);
    const char *ok = web_query(req, "ok");
    if (ok && (!strcmp(ok, "plan") || !strcmp(ok, "compensate") || !strcmp(ok, "approve") ||
               !strcmp(ok, "close")))
        page_ok(req, web_tr(req, "vulns: Recorded."));
    page_dl_begin(req);
    page_dl_item(req, "vulns: Status", web_tr(req, status_key(m->status)));
    page_dl_item(req, "vulns: Vulnerability", arena_printf(&req->arena, "%s %s", T(0), T(1)));
    page_dl_item(req, "vulns: Severity", arena_printf(&req->arena, "%s %s", T(2), T(3)));
    page_dl_item(req, "vulns: Asset", T(4));
    if (sqlite3_column_int(s, 26))
        page_dl_item(req, "vulns: Control system", web_tr(req, "vulns: yes"));
    page_dl_item(req, "vulns: Software", arena_printf(&req->arena, "%s %s", T(6), T(7)));
    if (!strcmp(T(8), "to_check"))
        page_dl_item(req, "vulns: Match", web_tr(req, "vulns: (to check)"));
    if (!sqlite3_column_int(s, 9))
        page_dl_item(req, "vulns: Match", web_tr(req, "vulns: no longer matches the inventory"));
    static const struct {
        int col;
        const char *label;
    } items[] = {{10, "vulns: Fixed version"},
                 {11, "vulns: Remediation"},
                 {12, "vulns: Risk analysis"},
                 {13, "vulns: Need for action"},
                 {14, "vulns: Method"},
                 {15, "vulns: Workaround until fixed"},
                 {16, "vulns: Impact on the system"},
                 {17, "vulns: Schedule"},
                 {18, "vulns: Testing needed"},
                 {19, "vulns: Test method"},
                 {20, "vulns: Test schedule"},
                 {21, "vulns: Planned by"},
                 {22, "vulns: Approved by"},
                 {23, "vulns: Closed by"},
                 {24, "vulns: Closed at"},
                 {25, "vulns: Closing note"}};
    for (size_t i = 0; i < AG_ARRAY_LEN(items); i++)
        if (*T(items[i].col))
            page_dl_item(req, items[i].label, T(items[i].col));
    page_dl_end(req);
    char cur[9][256] = {{0}};
    for (int i = 0; i < 9; i++)
        snprintf(cur[i], sizeof(cur[i]), "%s", T(12 + i));
#undef T
    sqlite3_finalize(s);
    /* compensating measures */
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "vulns: Compensating measures"));
    html_lit(h, "</h2><ul id=\"compensations\">");
    if ((rc = store_prepare(req->st, &s,
                            "SELECT c.kind, c.text, p.login FROM vuln_compensations c JOIN people "
                            "p ON p.id = c.added_by WHERE c.match_id = ? ORDER BY c.id",
                            &err)))
        return rc;
    sqlite3_bind_int64(s, 1, m->id);
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<li>");
        html_textf(h, "%s: %s (%s)", store_col_text(s, 0), store_col_text(s, 1),
                   store_col_text(s, 2));
        html_lit(h, "</li>");
    }
    sqlite3_finalize(s);
    html_lit(h, "</ul>");
    if (!closed(m->status)) {
        const char *base = arena_printf(&req->arena, "/vulns/%lld", m->id);
        char missing[256] = "";
        if (vuln_plan_missing(req->st, m->id, missing, sizeof(missing), &err) == AG_OK &&
            missing[0])
            page_alert(
                req, arena_printf(&req->arena, web_tr(req, "vulns: The plan lacks: %s"), missing));
        if (vuln_may_handle(req->st, req->user.person_id, m->asset)) {
            html_lit(h, "<h2>");
            html_text(h, web_tr(req, "vulns: Plan"));
            html_lit(h, "</h2>");
            page_form_begin(req, arena_printf(&req->arena, "%s/plan", base));
            static const char *const yn[] = {"yes", "no"};
            static const char *const yn_labels[] = {"vulns: yes", "vulns: no"};
            page_textarea(req, "risk", "vulns: Risk analysis", cur[0], false);
            page_select(req, "need", "vulns: Need for action", yn, yn_labels, 2,
                        cur[1][0] ? cur[1] : NULL);
            page_textarea(req, "method", "vulns: Method", cur[2], false);
            page_textarea(req, "workaround", "vulns: Workaround until fixed", cur[3], false);
            page_textarea(req, "impact", "vulns: Impact on the system", cur[4], false);
            page_input(req, "due", "vulns: Schedule", "date", cur[5], false);
            page_select(req, "test", "vulns: Testing needed", yn, yn_labels, 2,
                        cur[6][0] ? cur[6] : NULL);
            page_textarea(req, "test_method", "vulns: Test method", cur[7], false);
            page_input(req, "test_due", "vulns: Test schedule", "date", cur[8], false);
            page_form_end(req, "vulns: Record the plan");
            page_form_begin(req, arena_printf(&req->arena, "%s/compensate", base));
            static const char *const kl[] = {"allowlist",  "isolation", "access",
                                             "monitoring", "media",     "other"};
            page_select(req, "kind", "vulns: Kind of measure", vuln_comp_kinds, kl, 6, NULL);
            page_textarea(req, "text", "vulns: Measure", NULL, true);
            page_form_end(req, "vulns: Record the measure");
        }
        if (vuln_may_approve(req->st, req->user.person_id, m->asset)) {
            page_form_begin(req, arena_printf(&req->arena, "%s/approve", base));
            page_form_end(req, "vulns: Approve the handling");
        }
        if (vuln_may_handle(req->st, req->user.person_id, m->asset)) {
            html_lit(h, "<h2>");
            html_text(h, web_tr(req, "vulns: Close"));
            html_lit(h, "</h2>");
            page_form_begin(req, arena_printf(&req->arena, "%s/close", base));
            static const char *const hv[] = {"done", "accepted", "not_affected"};
            static const char *const hl[] = {"vulns: done", "vulns: accepted",
                                             "vulns: not affected"};
            page_select(req, "how", "vulns: How", hv, hl, 3, NULL);
            page_textarea(req, "note", "vulns: Result or reason", NULL, false);
            page_form_end(req, "vulns: Close");
        }
    }
    html_lit(h, "<p>");
    page_link(req, "/vulns", web_tr(req, "vulns: Back to the list"));
    html_lit(h, "</p>");
    page_end(req);
    return AG_OK;
}

static int page_match(struct web_req *req)
{
    struct mrow m;
    bool done;
    int rc =
        web_record_for_user(req, &m, m_load, m_visible, "vulns: No such vulnerability on an asset",
                            "vulns: You may not see this", &done);
    if (rc || done)
        return rc;
    return match_page(req, &m, NULL);
}

/* ---- POST /vulns/{id}/plan|compensate|approve|close ---- */

static const char *field(const struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && v[strspn(v, " \t\r\n")] ? v : NULL;
}

static int do_plan(struct web_req *req, void *ctx, struct ag_error *err)
{
    const struct mrow *m = ctx;
    struct vuln_plan p = {
        field(req, "risk"),       field(req, "need"),        field(req, "method"),
        field(req, "workaround"), field(req, "impact"),      field(req, "due"),
        field(req, "test"),       field(req, "test_method"), field(req, "test_due")};
    return vuln_plan_set(req->st, req->user.person_id, m->id, &p, err);
}

static int do_compensate(struct web_req *req, void *ctx, struct ag_error *err)
{
    const struct mrow *m = ctx;
    return vuln_compensate(req->st, req->user.person_id, m->id, field(req, "kind"),
                           field(req, "text"), err);
}

static int do_approve(struct web_req *req, void *ctx, struct ag_error *err)
{
    const struct mrow *m = ctx;
    return vuln_approve(req->st, req->user.person_id, m->id, err);
}

static int do_close(struct web_req *req, void *ctx, struct ag_error *err)
{
    const struct mrow *m = ctx;
    const char *how = field(req, "how");
    return vuln_close(req->st, req->user.person_id, m->id, how ? how : "", field(req, "note"), err);
}

static int step(struct web_req *req, const char *which,
                int (*fn)(struct web_req *, void *, struct ag_error *))
{
    struct mrow m;
    struct ag_error err;
    bool done;
    int rc =
        web_record_for_user(req, &m, m_load, m_visible, "vulns: No such vulnerability on an asset",
                            "vulns: You may not see this", &done);
    if (rc || done)
        return rc;
    rc = web_action(req, fn, &m, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/vulns/%lld?ok=%s", m.id, which));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED) { /* recorded in its own transaction: ours was rolled back */
        struct ag_error ignore;
        char sid[24], detail[64];
        snprintf(sid, sizeof(sid), "%lld", m.id);
        snprintf(detail, sizeof(detail), "{\"what\": \"%s\", \"via\": \"web\"}", which);
        store_set_actor(req->st, req->user.login);
        if (store_audit(req->st, "refused", "vuln_matches", sid, detail, &ignore) != AG_OK) {
            /* the refusal stands even if it cannot be recorded */
        }
        store_set_actor(req->st, "web");
    }
    const char *msg = arena_strdup(&req->arena, err.msg);
    if ((rc = m_load(req, m.id, &m)))
        return rc;
    strbuf_reset(&req->out.sb);
    req->status = status;
    return match_page(req, &m, msg ? msg : err.msg);
}

static int page_plan(struct web_req *req)
{
    return step(req, "plan", do_plan);
}
static int page_compensate(struct web_req *req)
{
    return step(req, "compensate", do_compensate);
}
static int page_approve(struct web_req *req)
{
    return step(req, "approve", do_approve);
}
static int page_close(struct web_req *req)
{
    return step(req, "close", do_close);
}

/* ---- GET /vulns/software ---- */

static int page_software(struct web_req *req)
{
    struct html *h = &req->out;
    struct ag_error err;
    const char *asset = filter(req, "asset");
    if (asset && strlen(asset) > 64)
        return web_error(req, 400, "vulns: A filter has a value that is not allowed");
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT a.code, a.name, w.vendor, w.product, w.version, w.cpe, "
                           "w.source, (SELECT count(*) FROM vuln_matches m WHERE m.software_id = "
                           "w.id AND m.status IN ('open', 'planned')) FROM vuln_software w JOIN "
                           "assets a ON a.id = w.asset_id WHERE (?1 IS NULL OR a.code = ?1) "
                           "ORDER BY a.code, w.vendor, w.product",
                           &err);
    if (rc)
        return rc;
    store_bind_text(s, 1, asset);
    page_begin(req, web_tr(req, "vulns: Software inventory"));
    page_h1(req, web_tr(req, "vulns: Software inventory"));
    page_note(req, web_tr(req, "vulns: The software on each asset, matched against the "
                               "vulnerabilities (3.1.5.1(1)(e))."));
    static const char *const heads[] = {"vulns: Asset",   "vulns: Vendor", "vulns: Software",
                                        "vulns: Version", "CPE",           "vulns: Source",
                                        "vulns: Open"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        page_link(req, arena_printf(&req->arena, "/vulns?asset=%s", store_col_text(s, 0)),
                  arena_printf(&req->arena, "%s %s", store_col_text(s, 0), store_col_text(s, 1)));
        html_lit(h, "</td>");
        for (int c = 2; c < 7; c++)
            cell(req, store_col_text(s, c));
        cell(req, store_col_text(s, 7));
        html_lit(h, "</tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "vulns: No software recorded.");
    page_end(req);
    return AG_OK;
}

/* clang-format off */
static const struct ag_msg vulns_msgs[] = {
    {"Vulnerabilities", "脆弱性対策", "Vulnerabilities"},
    {"vulns: Software vulnerabilities on the assets and the plan for each (guideline 3.1.5.1(1)(e), 3.2.2.1①).",
     "資産上のソフトウェアの脆弱性と、脆弱性ごとの対策計画（ガイドライン 3.1.5.1(1)(e), 3.2.2.1①）。",
     "Software vulnerabilities on the assets and the plan for each (guideline 3.1.5.1(1)(e), 3.2.2.1①)."},
    {"vulns: The software on each asset, matched against the vulnerabilities (3.1.5.1(1)(e)).",
     "資産ごとのソフトウェア構成。脆弱性情報と照合します（3.1.5.1(1)(e)）。",
     "The software on each asset, matched against the vulnerabilities (3.1.5.1(1)(e))."},
    {"vulns: The plan for this vulnerability on this asset (3.2.2.1①).",
     "この資産におけるこの脆弱性の対策計画（3.2.2.1①）。",
     "The plan for this vulnerability on this asset (3.2.2.1①)."},
    {"vulns: The plan lacks: %s", "対策計画の未記入項目: %s", "The plan lacks: %s"},
    {"vulns: A filter has a value that is not allowed", "絞り込み条件に指定できない値があります",
     "A filter has a value that is not allowed"},
    {"vulns: No such vulnerability", "該当する脆弱性はありません", "No such vulnerability"},
    {"vulns: No such vulnerability on an asset", "該当する資産上の脆弱性はありません",
     "No such vulnerability on an asset"},
    {"vulns: You may not see this", "閲覧する権限がありません", "You may not see this"},
    {"vulns: Software inventory", "ソフトウェア構成", "Software inventory"},
    {"vulns: all", "すべて", "all"},
    {"vulns: open", "未対応", "open"},
    {"vulns: planned", "計画済み", "planned"},
    {"vulns: done", "対策済み", "done"},
    {"vulns: accepted", "リスク受容", "accepted"},
    {"vulns: not affected", "影響なし", "not affected"},
    {"vulns: Status", "状態", "Status"},
    {"vulns: Severity", "深刻度", "Severity"},
    {"vulns: Asset", "資産", "Asset"},
    {"vulns: Past their schedule", "予定日を過ぎたもの", "Past their schedule"},
    {"vulns: Filter", "絞り込む", "Filter"},
    {"vulns: No.", "番号", "No."},
    {"vulns: Vulnerability", "脆弱性", "Vulnerability"},
    {"vulns: Software", "ソフトウェア", "Software"},
    {"vulns: Version", "版", "Version"},
    {"vulns: Versions", "対象の版", "Versions"},
    {"vulns: Schedule", "対策の実施予定", "Schedule"},
    {"vulns: (to check)", "（要確認）", "(to check)"},
    {"vulns: overdue", "期限超過", "overdue"},
    {"vulns: No vulnerabilities here.", "該当する脆弱性はありません。", "No vulnerabilities here."},
    {"vulns: Description", "説明", "Description"},
    {"vulns: Vector", "CVSS ベクトル", "Vector"},
    {"vulns: Fixed version", "修正版", "Fixed version"},
    {"vulns: Remediation", "対策情報", "Remediation"},
    {"vulns: References", "参考情報", "References"},
    {"vulns: Advisory", "アドバイザリ", "Advisory"},
    {"vulns: Format", "形式", "Format"},
    {"vulns: File", "ファイル", "File"},
    {"vulns: Imported at", "取込日時", "Imported at"},
    {"vulns: Products named by the advisory", "脆弱性情報が挙げる製品", "Products named by the advisory"},
    {"vulns: Vendor", "ベンダ", "Vendor"},
    {"vulns: No products.", "製品はありません。", "No products."},
    {"vulns: Found on these assets", "該当する資産", "Found on these assets"},
    {"vulns: Not found on any asset.", "該当する資産はありません。", "Not found on any asset."},
    {"vulns: Recorded.", "記録しました。", "Recorded."},
    {"vulns: Control system", "制御システム", "Control system"},
    {"vulns: yes", "はい", "yes"},
    {"vulns: no", "いいえ", "no"},
    {"vulns: Match", "照合", "Match"},
    {"vulns: no longer matches the inventory", "現在のソフトウェア構成には該当しません",
     "no longer matches the inventory"},
    {"vulns: Risk analysis", "リスクの分析", "Risk analysis"},
    {"vulns: Need for action", "対策の必要性", "Need for action"},
    {"vulns: Method", "対策方法", "Method"},
    {"vulns: Workaround until fixed", "一時的な回避方法", "Workaround until fixed"},
    {"vulns: Impact on the system", "対策・回避方法が情報システムに与える影響", "Impact on the system"},
    {"vulns: Testing needed", "対策テストの必要性", "Testing needed"},
    {"vulns: Test method", "対策テストの方法", "Test method"},
    {"vulns: Test schedule", "対策テストの実施予定", "Test schedule"},
    {"vulns: Planned by", "計画者", "Planned by"},
    {"vulns: Approved by", "承認者", "Approved by"},
    {"vulns: Closed by", "完了者", "Closed by"},
    {"vulns: Closed at", "完了日時", "Closed at"},
    {"vulns: Closing note", "完了時の記録", "Closing note"},
    {"vulns: Compensating measures", "代替策", "Compensating measures"},
    {"vulns: Plan", "対策計画", "Plan"},
    {"vulns: Record the plan", "計画を記録", "Record the plan"},
    {"vulns: Kind of measure", "代替策の種類", "Kind of measure"},
    {"vulns: Measure", "代替策の内容", "Measure"},
    {"vulns: Record the measure", "代替策を記録", "Record the measure"},
    {"vulns: Approve the handling", "対応を承認", "Approve the handling"},
    {"vulns: Close", "完了", "Close"},
    {"vulns: How", "完了の区分", "How"},
    {"vulns: Result or reason", "結果または理由", "Result or reason"},
    {"vulns: Back to the list", "一覧へ戻る", "Back to the list"},
    {"vulns: Source", "入手元", "Source"},
    {"vulns: Open", "未完了", "Open"},
    {"vulns: No software recorded.", "ソフトウェアは登録されていません。", "No software recorded."},
};
/* clang-format on */

static const struct route vulns_routes[] = {
    {WEB_GET, "/vulns", page_vulns, VULN_ROLES, ROUTE_AUTH},
    {WEB_GET, "/vulns/software", page_software, VULN_ROLES, ROUTE_AUTH},
    {WEB_GET, "/vulns/v/{ident}", page_vuln, VULN_ROLES, ROUTE_AUTH},
    {WEB_GET, "/vulns/{id}", page_match, VULN_ROLES, ROUTE_AUTH},
    {WEB_POST, "/vulns/{id}/plan", page_plan, VULN_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/vulns/{id}/compensate", page_compensate, VULN_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/vulns/{id}/approve", page_approve, VULN_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/vulns/{id}/close", page_close, VULN_ROLES, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav vulns_nav[] = {{"/vulns", "Vulnerabilities", VULN_ROLES}};
WEB_MODULE(vulns, vulns_routes, vulns_msgs, vulns_nav);
