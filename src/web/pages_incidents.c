/*
 * pages_incidents.c — 重要インフラサービス障害 (incidents, guideline 3.1.2.4(2), 3.1.4.1(3),
 * 3.2.2.2(2), 3.2.3, 3.1.2.6(7)) on the web: the list, the report form every staff member can
 * use, an incident's page with its timeline, the CSIRT's and officers' steps, the closure check
 * and the report to MLIT (情報連絡) with its "sent" step. Library: src/isms/incident.h.
 *
 * Who sees what (docs/web/incidents.md): CISO, CSIRT, 情報セキュリティ責任者 (manager) and
 * auditors see every incident (auditors read only); anyone else sees the incidents they
 * reported, appear in (an entry of the timeline names them as actor or recipient of the
 * reporting chain), own a recurrence-prevention action of, or — as システム管理者 — that are
 * handled by or affect a system of their department. Whoever may see an incident and is not
 * there as auditor only takes part: they may add timeline entries (3.1.2.4(2)②). The other steps
 * need the roles the library requires (checked by the route, the page and again by the library).
 *
 * Every POST runs the library function through web_action (one BEGIN IMMEDIATE transaction, the
 * person's login as the audit actor), so checks and writes are atomic (5.3(12)): of concurrent
 * closes one wins, the others are refused with 409. A refusal by the library (AG_EDENIED) is
 * written to the audit trail as "refused" after the rollback, as the library does outside a
 * transaction (a conflict — the incident closed meanwhile — is answered 409 and not recorded).
 * Times typed into the forms without a zone are the airport's local time (JST) and are shown in
 * JST; the store keeps UTC.
 */
#include "isms/incident.h"
#include "store/store.h"
#include "web/web_int.h"

#include <jansson.h>

#define INC_PER_PAGE 50
/* roles that see every incident and may take part; auditors see every incident, read only */
#define INC_ALL (AUTH_ROLE_CISO | AUTH_ROLE_CSIRT | AUTH_ROLE_MANAGER)
#define INC_VIEW_ALL (INC_ALL | AUTH_ROLE_AUDITOR)
#define INC_SYSTEM_ROLES (AUTH_ROLE_MANAGER | AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_CISO)
#define INC_CAUSE_ROLES (AUTH_ROLE_MANAGER | AUTH_ROLE_CSIRT | AUTH_ROLE_CISO)
#define INC_LEAK_ROLES (AUTH_ROLE_CSIRT | AUTH_ROLE_CISO)

/* Whether incident i takes part for person ?1; ?2 = 1 when the person's roles see all. The CTE
 * sa is the departments (with sub-departments) the person is システム管理者 of. */
#define INC_VIS_CTE                                                                                \
    "WITH RECURSIVE sa(id) AS (SELECT department_id FROM person_roles WHERE person_id = ?1 AND "   \
    "role = 'sysadmin' AND department_id IS NOT NULL UNION SELECT d.id FROM departments d JOIN "   \
    "sa ON d.parent_id = sa.id) "
#define INC_VIS_COND                                                                               \
    "(?2 = 1 OR i.reported_by = ?1 OR EXISTS (SELECT 1 FROM incident_events e WHERE "              \
    "e.incident_id = i.id AND (e.person_id = ?1 OR e.to_person_id = ?1)) OR EXISTS (SELECT 1 "     \
    "FROM actions a WHERE a.origin = 'incident' AND a.origin_id = i.id AND a.owner_id = ?1) OR "   \
    "EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = ?1 AND r.role = 'sysadmin' AND "     \
    "r.department_id IS NULL) OR i.department_id IN (SELECT id FROM sa) OR EXISTS (SELECT 1 "      \
    "FROM incident_systems x JOIN systems y ON y.id = x.system_id WHERE x.incident_id = i.id "     \
    "AND y.owner_department_id IN (SELECT id FROM sa)))"

/* ---- the incident record ---- */

enum {
    F_TITLE,
    F_DESCRIPTION,
    F_SEVERITY,
    F_STATUS,
    F_OCCURRED,
    F_DETECTED,
    F_DETECTION,
    F_REPORTER,
    F_DEPT,
    F_SITE,
    F_CLASS,
    F_DETAIL,
    F_ROOT,
    F_PREVENTION,
    F_USERINFO,
    F_CRIME,
    F_RECOVERED,
    F_MINISTRY,
    F_CLOSED_BY,
    F_CLOSED_AT,
    F_CLOSURE_NOTE,
    F_COUNT
};

struct inc {
    long long id, reporter;
    const char *f[F_COUNT];
    bool participant; /* may add timeline entries */
    bool viewer;      /* may see it */
};

static const char *inc_href(struct web_req *req, long long id, const char *suffix)
{
    const char *p = arena_printf(&req->arena, "/incidents/%lld%s", id, suffix);
    return p ? p : "/incidents";
}

/* Loads incident id with the signed-in person's visibility. AG_ENOTFOUND when there is none. */
static int inc_load(struct web_req *req, long long id, struct inc *out)
{
    struct ag_error err;
    sqlite3_stmt *s;
    bool en = req->lang == AG_LANG_EN;
    int rc = store_prepare(
        req->st, &s,
        INC_VIS_CTE
        "SELECT i.title, i.description, i.severity, i.status, coalesce(i.occurred_at, ''), "
        "i.detected_at, i.detection, p.name || ' (' || p.login || ')', "
        "CASE WHEN ?4 AND d.name_en <> '' THEN d.name_en ELSE coalesce(d.name_ja, '') END, "
        "CASE WHEN ?4 AND si.name_en <> '' THEN si.name_en ELSE coalesce(si.name_ja, '') END, "
        "coalesce(i.cause_class, ''), i.cause_detail, i.root_cause, i.recurrence_prevention, "
        "i.user_information, i.crime_reported, coalesce(i.recovered_at, ''), "
        "coalesce(i.ministry_reported_at, ''), coalesce(c.name || ' (' || c.login || ')', ''), "
        "coalesce(i.closed_at, ''), i.closure_note, i.reported_by, " INC_VIS_COND
        " FROM incidents i JOIN people p ON p.id = i.reported_by LEFT JOIN departments d ON d.id "
        "= i.department_id LEFT JOIN sites si ON si.id = i.site_id LEFT JOIN people c ON c.id = "
        "i.closed_by WHERE i.id = ?3",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    sqlite3_bind_int(s, 2, web_has_role(req, INC_ALL) ? 1 : 0);
    sqlite3_bind_int64(s, 3, id);
    sqlite3_bind_int(s, 4, en ? 1 : 0);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        out->id = id;
        for (int i = 0; i < F_COUNT && rc == AG_OK; i++)
            if (!(out->f[i] = arena_strdup(&req->arena, store_col_text(s, i))))
                rc = AG_ENOMEM;
        out->reporter = sqlite3_column_int64(s, F_COUNT);
        out->participant = sqlite3_column_int(s, F_COUNT + 1) != 0;
        out->viewer = out->participant || web_has_role(req, AUTH_ROLE_AUDITOR);
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

/* The incident of the path's {id} if the person may see it; otherwise the 404/403 page is
 * written and *done set. */
static int inc_load_rec(struct web_req *req, long long id, void *inc)
{
    return inc_load(req, id, inc);
}

static bool inc_visible(struct web_req *req, const void *inc)
{
    (void)req;
    return ((const struct inc *)inc)->viewer;
}

static int inc_for_user(struct web_req *req, struct inc *inc, bool *done)
{
    return web_record_for_user(req, inc, inc_load_rec, inc_visible, "incidents: No such incident",
                               "incidents: You may not see this incident", done);
}

/* ---- small pieces ---- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* A stored UTC time "YYYY-MM-DDTHH:MM:SSZ" as the airport's local time "YYYY-MM-DD HH:MM" (JST,
 * UTC+9, no daylight saving); "" for an empty or malformed value. */
static const char *jst(struct web_req *req, const char *iso)
{
    int y, mo, d, h, mi;
    if (!iso || strlen(iso) < 16 || sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
        return "";
    long long t = days_from_civil(y, mo, d) * 1440 + h * 60 + mi + 9 * 60;
    long long days = t / 1440, mins = t % 1440;
    /* civil_from_days */
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    long long yy = yoe + era * 400 + (mm <= 2);
    const char *r = arena_printf(&req->arena, "%04lld-%02d-%02d %02lld:%02lld", yy, mm, dd,
                                 mins / 60, mins % 60);
    return r ? r : "";
}

/* <time datetime="UTC">JST</time>, or "–" when empty. */
static void time_cell(struct web_req *req, const char *iso)
{
    struct html *h = &req->out;
    if (!iso || !*iso) {
        html_text(h, "–");
        return;
    }
    html_lit(h, "<time");
    html_attr(h, "datetime", iso);
    html_lit(h, ">");
    html_text(h, jst(req, iso));
    html_lit(h, "</time>");
}

/* A time from a form: "YYYY-MM-DDTHH:MM[:SS]" without a zone (what <input type=datetime-local>
 * sends) is the airport's local time, so "+09:00" is added; anything else is passed on for the
 * library to check. NULL or "" stays NULL (= now, or unknown). */
static const char *form_time(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    if (!v || !*v)
        return NULL;
    size_t n = strlen(v);
    if ((n == 16 || n == 19) && !strpbrk(v + 10, "Z+-"))
        return arena_printf(&req->arena, "%s+09:00", v);
    return v;
}

/* The current local time for a datetime-local field. */
static const char *now_local(struct web_req *req)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    const char *j = jst(req, now);
    char *r = arena_strdup(&req->arena, j);
    if (r && strlen(r) == 16)
        r[10] = 'T';
    return r ? r : "";
}

static const char *form_text(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && *v ? v : NULL;
}

/* An optional count field: "" = leave (-1); else a number 0..10000000. */
static int form_count(struct web_req *req, const char *name, long long *out, struct ag_error *err)
{
    const char *v = web_form_get(&req->form, name);
    *out = -1;
    if (!v || !*v)
        return AG_OK;
    return isms_check_int(name, v, 0, 10000000, out, err);
}

/* Text with line breaks kept (each line escaped). */
static void text_lines(struct web_req *req, const char *s)
{
    struct html *h = &req->out;
    for (;;) {
        const char *nl = strchr(s, '\n');
        html_textn(h, s, nl ? (size_t)(nl - s) : strlen(s));
        if (!nl)
            break;
        html_lit(h, "<br>");
        s = nl + 1;
    }
}

/* A translated value of an enumeration: message "prefix:value". */
static const char *enum_label(struct web_req *req, const char *prefix, const char *value)
{
    const char *key = arena_printf(&req->arena, "%s:%s", prefix, value);
    if (!key)
        return value;
    const char *t = web_tr(req, key);
    return t == key ? value : t;
}

/* <select> whose option labels are data (names, codes), not message keys. The query returns
 * (value, label) rows; `blank` (message key or NULL) adds an empty first choice. */
static int select_from(struct web_req *req, const char *name, const char *label, const char *sql,
                       const char *blank, const char *cur)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, req->lang == AG_LANG_EN ? 1 : 0);
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    if (blank) {
        html_lit(h, "<option value=\"\">");
        html_text(h, web_tr(req, blank));
        html_lit(h, "</option>");
    }
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *v = store_col_text(s, 0);
        html_lit(h, "<option");
        html_attr(h, "value", v);
        if (cur && strcmp(cur, v) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</option>");
    }
    sqlite3_finalize(s);
    html_lit(h, "</select></div>");
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

static const char *const people_sql =
    "SELECT login, CASE WHEN ?1 AND name_en <> '' THEN name_en ELSE name END || ' (' || login || "
    "')' FROM people WHERE active = 1 ORDER BY login";
static const char *const depts_sql =
    "SELECT code, CASE WHEN ?1 AND name_en <> '' THEN name_en ELSE name_ja END FROM departments "
    "ORDER BY code";

/* A <select> of an enumeration with labels "prefix:value" (messages). */
static void select_enum(struct web_req *req, const char *name, const char *label,
                        const char *const *values, const char *prefix, const char *cur,
                        const char *skip)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    for (size_t i = 0; values[i]; i++) {
        if (skip && strstr(skip, values[i]))
            continue;
        html_lit(h, "<option");
        html_attr(h, "value", values[i]);
        if (cur && strcmp(cur, values[i]) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, enum_label(req, prefix, values[i]));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
}

static void section(struct web_req *req, const char *id, const char *title)
{
    html_lit(&req->out, "<h2");
    html_attr(&req->out, "id", id);
    html_lit(&req->out, ">");
    html_text(&req->out, web_tr(req, title));
    html_lit(&req->out, "</h2>");
}

/* ---- GET /incidents ---- */

static const char *const status_filters[] = {"all", "active", "open", "recovered", "closed", NULL};
static const char *const status_filter_labels[] = {
    "incidents: all", "incidents: not closed", "incident status:open", "incident status:recovered",
    "incident status:closed"};

static int page_incidents(struct web_req *req)
{
    struct html *h = &req->out;
    const char *status = web_query(req, "status"), *sev = web_query(req, "severity");
    const char *pg = web_query(req, "page");
    struct ag_error err;
    long long page = 1;
    if (!status || !*status)
        status = "all";
    if (isms_check_enum("status", status, status_filters, &err) != AG_OK ||
        (sev && *sev && isms_check_enum("severity", sev, isms_incident_severities, &err) != AG_OK))
        return web_error(req, 400, "incidents: unknown filter value");
    if (pg && *pg && isms_check_int("page", pg, 1, 100000, &page, &err) != AG_OK)
        return web_error(req, 400, "incidents: unknown filter value");
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        INC_VIS_CTE
        "SELECT i.id, i.title, i.severity, i.status, i.detected_at, CASE WHEN ?6 AND d.name_en "
        "<> '' THEN d.name_en ELSE coalesce(d.name_ja, '') END, p.login, count(*) OVER () FROM "
        "incidents i JOIN people p ON p.id = i.reported_by LEFT JOIN departments d ON d.id = "
        "i.department_id WHERE " INC_VIS_COND
        " AND (?3 = 'all' OR (?3 = 'active' AND i.status <> 'closed') OR i.status = ?3) AND (?4 "
        "IS NULL OR i.severity = ?4) ORDER BY i.status = 'closed', i.status = 'recovered', CASE "
        "i.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, "
        "i.detected_at DESC, i.id DESC LIMIT ?7 OFFSET ?5",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, req->user.person_id);
    sqlite3_bind_int(s, 2, web_has_role(req, INC_VIEW_ALL) ? 1 : 0);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    if (sev && *sev)
        sqlite3_bind_text(s, 4, sev, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, (page - 1) * INC_PER_PAGE);
    sqlite3_bind_int(s, 6, req->lang == AG_LANG_EN ? 1 : 0);
    sqlite3_bind_int(s, 7, INC_PER_PAGE);

    page_begin(req, web_tr(req, "incidents: Incidents"));
    page_h1(req, web_tr(req, "incidents: Incidents"));
    page_note(req, web_tr(req, "Critical infrastructure service outages and information security "
                               "incidents (guideline 3.1.2.4(2)). Whoever notices one reports it "
                               "at once."));
    html_lit(h, "<p><a class=\"button primary\" href=\"/incidents/new\">");
    html_text(h, web_tr(req, "incidents: Report an incident"));
    html_lit(h, "</a></p>");
    if (!web_has_role(req, INC_VIEW_ALL))
        page_note(req, web_tr(req, "You see the incidents you reported or take part in."));
    /* filters (GET) */
    html_lit(h, "<form method=\"get\" action=\"/incidents\" class=\"filters\">");
    page_select(req, "status", "Status", status_filters, status_filter_labels,
                AG_ARRAY_LEN(status_filter_labels), status);
    html_lit(h, "<div class=\"field\"><label for=\"severity\">");
    html_text(h, web_tr(req, "severity"));
    html_lit(h, "</label><select id=\"severity\" name=\"severity\"><option value=\"\">");
    html_text(h, web_tr(req, "incidents: all"));
    html_lit(h, "</option>");
    for (size_t i = 0; isms_incident_severities[i]; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", isms_incident_severities[i]);
        if (sev && strcmp(sev, isms_incident_severities[i]) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, enum_label(req, "severity", isms_incident_severities[i]));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div><button type=\"submit\">");
    html_text(h, web_tr(req, "incidents: Filter"));
    html_lit(h, "</button></form>");

    static const char *const heads[] = {"incidents: No.", "title",      "severity", "Status",
                                        "detected",       "Department", "reporter"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    long long total = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        const char *st = store_col_text(s, 3), *sv = store_col_text(s, 2);
        total = sqlite3_column_int64(s, 7);
        html_lit(h, "<tr><td>");
        page_link(req, inc_href(req, id, ""), arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td><td>");
        page_link(req, inc_href(req, id, ""), store_col_text(s, 1));
        html_lit(h, "</td><td");
        html_attr(h, "class", arena_printf(&req->arena, "sev-%s", sv));
        html_lit(h, ">");
        html_text(h, enum_label(req, "severity", sv));
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "incident status", st));
        html_lit(h, "</td><td>");
        time_cell(req, store_col_text(s, 4));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 6));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "incidents: No incidents.");
    if (page > 1 || total > page * INC_PER_PAGE) {
        html_lit(h, "<nav class=\"pages\"><p>");
        if (page > 1)
            page_link(req,
                      arena_printf(&req->arena, "/incidents?status=%s&severity=%s&page=%lld",
                                   status, sev ? sev : "", page - 1),
                      web_tr(req, "incidents: Previous page"));
        html_textf(h, " %lld ", page);
        if (total > page * INC_PER_PAGE)
            page_link(req,
                      arena_printf(&req->arena, "/incidents?status=%s&severity=%s&page=%lld",
                                   status, sev ? sev : "", page + 1),
                      web_tr(req, "incidents: Next page"));
        html_lit(h, "</p></nav>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- GET /incidents/new, POST /incidents ---- */

static int new_form(struct web_req *req, const char *alert_msg)
{
    bool again = req->method == WEB_POST;
    const char *v_title = again ? web_form_get(&req->form, "title") : NULL;
    const char *v_desc = again ? web_form_get(&req->form, "description") : NULL;
    const char *v_sev = again ? web_form_get(&req->form, "severity") : "medium";
    const char *v_occ = again ? web_form_get(&req->form, "occurred") : NULL;
    const char *v_det = again ? web_form_get(&req->form, "detected") : now_local(req);
    const char *v_how = again ? web_form_get(&req->form, "detection") : NULL;
    const char *v_dept = again ? web_form_get(&req->form, "department") : NULL;
    if (!again) {
        /* the reporter's own department as the default */
        sqlite3_stmt *s;
        struct ag_error err;
        if (store_prepare(req->st, &s,
                          "SELECT d.code FROM people p JOIN departments d ON d.id = "
                          "p.department_id WHERE p.id = ?",
                          &err) == AG_OK) {
            sqlite3_bind_int64(s, 1, req->user.person_id);
            if (sqlite3_step(s) == SQLITE_ROW)
                v_dept = arena_strdup(&req->arena, store_col_text(s, 0));
            sqlite3_finalize(s);
        }
    }
    page_begin(req, web_tr(req, "incidents: Report an incident"));
    page_h1(req, web_tr(req, "incidents: Report an incident"));
    page_note(req, web_tr(req, "Guideline 3.1.2.4(2)②: whoever learns of a critical infrastructure "
                               "service outage or a security incident reports it by the "
                               "prescribed procedure. Report what you know now; the CSIRT and "
                               "the officers add the rest."));
    if (alert_msg)
        page_alert(req, alert_msg);
    page_form_begin(req, "/incidents");
    page_input(req, "title", "title", "text", v_title, true);
    page_textarea(req, "description", "description", v_desc, false);
    select_enum(req, "severity", "severity", isms_incident_severities, "severity", v_sev, NULL);
    page_input(req, "detected", "incidents: Detected at (JST)", "datetime-local", v_det, false);
    page_input(req, "occurred", "incidents: Occurred at (JST, if known)", "datetime-local", v_occ,
               false);
    page_input(req, "detection", "detection", "text", v_how, false);
    int rc = select_from(req, "department", "Department", depts_sql, "incidents: (none)", v_dept);
    if (rc)
        return rc;
    page_form_end(req, "incidents: Send the report");
    page_end(req);
    return AG_OK;
}

static int page_incident_new(struct web_req *req)
{
    return new_form(req, NULL);
}

struct open_ctx {
    long long id;
};

static int do_open(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct open_ctx *o = ctx;
    struct isms_incident_new in = {
        .title = web_form_get(&req->form, "title"),
        .description = form_text(req, "description"),
        .severity = form_text(req, "severity"),
        .occurred_at = form_time(req, "occurred"),
        .detected_at = form_time(req, "detected"),
        .detection = form_text(req, "detection"),
        .department = form_text(req, "department"),
        .site = NULL,
    };
    return isms_incident_open(req->st, &in, req->user.person_id, &o->id, err);
}

static int page_incident_open(struct web_req *req)
{
    struct open_ctx o = {0};
    struct ag_error err;
    int rc = web_action(req, do_open, &o, &err);
    if (rc == AG_OK)
        return web_redirect(req, inc_href(req, o.id, "?ok=open"));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    req->status = status == 404 ? 400 : status;
    const char *msg = arena_strdup(&req->arena, err.msg);
    return new_form(req, msg ? msg : err.msg);
}

/* ---- GET /incidents/{id} ---- */

/* The closure reasons isms_incident_close_check writes (one per line), in its order, with
 * whether each applies to every incident (the others: only with a leak record, or when the
 * incident is critical / affected a critical system). */
enum applies { ALWAYS, IF_CRITICAL, IF_LEAK };
static const struct {
    const char *line; /* as the library writes it */
    const char *need; /* the requirement, stated positively (message key) */
    enum applies when;
} close_reasons[] = {
    {"not recovered yet (log a \"recovered\" entry)", "incidents: need: recovered", ALWAYS},
    {"no cause class (intentional / accidental / environmental, 3.2.2.2(2))",
     "incidents: need: cause class", ALWAYS},
    {"no root cause (3.1.2.4(2)③)", "incidents: need: root cause", ALWAYS},
    {"no report in the timeline (the reporting chain of 3.1.2.4(2)②)", "incidents: need: report",
     ALWAYS},
    {"no emergency measure (応急措置) in the timeline (3.1.2.4(2)②)",
     "incidents: need: emergency measure", ALWAYS},
    {"no recurrence-prevention measure (3.1.2.4(2)③)", "incidents: need: prevention", ALWAYS},
    {"an affected system has an outage without an end", "incidents: need: outage end", ALWAYS},
    {"a critical system or service was affected but the report to MLIT (情報連絡, 3.2.2.2(2)) was "
     "not sent",
     "incidents: need: MLIT report", IF_CRITICAL},
    {"personal data leak: source not identified (3.1.2.6(7)①)", "incidents: need: leak source",
     IF_LEAK},
    {"personal data leak: leak not stopped (3.1.2.6(7)①)", "incidents: need: leak stopped",
     IF_LEAK},
    {"personal data leak: spread not stopped (3.1.2.6(7)①)", "incidents: need: spread stopped",
     IF_LEAK},
    {"personal data leak: data subjects not notified (3.1.2.6(7)②)",
     "incidents: need: subjects notified", IF_LEAK},
    {"personal data leak: neither published nor a reason for not publishing (3.1.2.6(7)③)",
     "incidents: need: publication", IF_LEAK},
    {"personal data leak: not reported to the Personal Information Protection Commission "
     "(3.1.2.6(7)④)",
     "incidents: need: PPC report", IF_LEAK},
};

/* Whether line (without "\n") is one of the lines in `why`. */
static bool has_line(const char *why, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = why; (p = strstr(p, line)); p += n)
        if ((p == why || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return true;
    return false;
}

/* The closure check as a checklist: ✓ done, ✗ missing; lines the page does not know are shown as
 * missing too. Returns how many are missing via *missing. */
static int close_checklist(struct web_req *req, const struct inc *inc, bool leak, bool critical,
                           size_t *missing)
{
    struct html *h = &req->out;
    struct strbuf why;
    struct ag_error err;
    strbuf_init(&why, 16384);
    int rc = isms_incident_close_check(req->st, inc->id, &why, &err);
    *missing = 0;
    if (rc) {
        strbuf_release(&why);
        return rc;
    }
    const char *w = strbuf_str(&why);
    html_lit(h, "<ul class=\"checklist\" id=\"close-check\">");
    for (size_t i = 0; i < AG_ARRAY_LEN(close_reasons); i++) {
        if ((close_reasons[i].when == IF_LEAK && !leak) ||
            (close_reasons[i].when == IF_CRITICAL && !critical))
            continue;
        bool miss = has_line(w, close_reasons[i].line);
        *missing += miss;
        html_lit(h, "<li");
        html_attr(h, "class", miss ? "missing" : "done");
        html_lit(h, "><span class=\"mark\" aria-hidden=\"true\">");
        html_text(h, miss ? "✗" : "✓");
        html_lit(h, "</span> ");
        html_text(h, web_tr(req, miss ? "incidents: missing:" : "incidents: done:"));
        html_lit(h, " ");
        html_text(h, web_tr(req, close_reasons[i].need));
        html_lit(h, "</li>");
    }
    /* anything the library adds that this page does not know yet */
    for (const char *p = w; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = arena_strndup(&req->arena, p, n);
        bool known = false;
        for (size_t i = 0; line && i < AG_ARRAY_LEN(close_reasons); i++)
            known = known || strcmp(line, close_reasons[i].line) == 0;
        if (line && !known && n) {
            (*missing)++;
            html_lit(h,
                     "<li class=\"missing\"><span class=\"mark\" aria-hidden=\"true\">✗</span> ");
            html_text(h, web_tr(req, "incidents: missing:"));
            html_lit(h, " ");
            html_text(h, line);
            html_lit(h, "</li>");
        }
        p += n + (nl ? 1 : 0);
    }
    html_lit(h, "</ul>");
    strbuf_release(&why);
    return AG_OK;
}

static int key_times(struct web_req *req, const struct inc *inc)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT min(CASE WHEN kind IN ('reported', 'escalated') THEN at END), "
                           "min(CASE WHEN kind = 'emergency-measure' THEN at END), min(CASE WHEN "
                           "kind = 'contained' THEN at END) FROM incident_events WHERE "
                           "incident_id = ?",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, inc->id);
    const char *rep = "", *em = "", *cont = "";
    if (sqlite3_step(s) == SQLITE_ROW) {
        rep = arena_strdup(&req->arena, store_col_text(s, 0));
        em = arena_strdup(&req->arena, store_col_text(s, 1));
        cont = arena_strdup(&req->arena, store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    if (!rep || !em || !cont)
        return AG_ENOMEM;
    struct html *h = &req->out;
    const struct {
        const char *id, *label, *iso;
    } t[] = {
        {"t-occurred", "occurred", inc->f[F_OCCURRED]},
        {"t-detected", "detected", inc->f[F_DETECTED]},
        {"t-reported", "incidents: First report", rep},
        {"t-measure", "incidents: First emergency measure", em},
        {"t-contained", "incidents: Contained", cont},
        {"t-recovered", "recovered", inc->f[F_RECOVERED]},
        {"t-ministry", "ministry_reported", inc->f[F_MINISTRY]},
        {"t-closed", "closed", inc->f[F_CLOSED_AT]},
    };
    html_lit(h, "<dl class=\"meta times\">");
    for (size_t i = 0; i < AG_ARRAY_LEN(t); i++) {
        html_lit(h, "<dt>");
        html_text(h, web_tr(req, t[i].label));
        html_lit(h, "</dt><dd");
        html_attr(h, "id", t[i].id);
        html_lit(h, ">");
        time_cell(req, t[i].iso);
        html_lit(h, "</dd>");
    }
    html_lit(h, "</dl>");
    return AG_OK;
}

static int timeline(struct web_req *req, const struct inc *inc)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT e.at, e.kind, coalesce(p.name || ' (' || p.login || ')', ''), coalesce(t.name || "
        "' (' || t.login || ')', ''), e.text, e.recorded_at FROM incident_events e LEFT JOIN "
        "people p ON p.id = e.person_id LEFT JOIN people t ON t.id = e.to_person_id WHERE "
        "e.incident_id = ? ORDER BY e.at, e.id",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, inc->id);
    static const char *const heads[] = {
        "incidents: Time (JST)",    "incidents: What", "who", "reported_to", "text",
        "incidents: Recorded (JST)"};
    html_lit(h, "<div id=\"timeline\">");
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *kind = store_col_text(s, 1);
        html_lit(h, "<tr");
        html_attr(h, "class", arena_printf(&req->arena, "ev ev-%s", kind));
        html_lit(h, "><td>");
        time_cell(req, store_col_text(s, 0));
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "kind", kind));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        text_lines(req, store_col_text(s, 4));
        html_lit(h, "</td><td class=\"small\">");
        time_cell(req, store_col_text(s, 5));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, NULL);
    html_lit(h, "</div>");
    return AG_OK;
}

/* Affected systems; *critical is set when one of them is a critical system. */
static int systems_table(struct web_req *req, const struct inc *inc, bool *critical)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT y.code, CASE WHEN ?2 AND y.name_en <> '' THEN y.name_en ELSE y.name_ja END, "
        "y.critical, x.impact, x.fallback_used, coalesce(x.outage_start, ''), "
        "coalesce(x.outage_end, ''), x.flights_delayed, x.flights_cancelled, "
        "x.passengers_affected FROM incident_systems x JOIN systems y ON y.id = x.system_id "
        "WHERE x.incident_id = ?1 ORDER BY y.code",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, inc->id);
    sqlite3_bind_int(s, 2, req->lang == AG_LANG_EN ? 1 : 0);
    static const char *const heads[] = {
        "affected_system", "impact",          "fallback_used",     "outage_start",
        "outage_end",      "flights_delayed", "flights_cancelled", "passengers_affected"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    *critical = false;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        bool crit = sqlite3_column_int(s, 2);
        *critical = *critical || crit;
        html_lit(h, "<tr><td>");
        html_textf(h, "%s %s", store_col_text(s, 0), store_col_text(s, 1));
        if (crit) {
            html_lit(h, " <span class=\"kind\">");
            html_text(h, web_tr(req, "critical system"));
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td>");
        text_lines(req, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        text_lines(req, store_col_text(s, 4));
        html_lit(h, "</td><td>");
        time_cell(req, store_col_text(s, 5));
        html_lit(h, "</td><td>");
        time_cell(req, store_col_text(s, 6));
        html_lit(h, "</td>");
        for (int i = 7; i <= 9; i++) {
            html_lit(h, "<td class=\"num\">");
            html_textf(h, "%lld", (long long)sqlite3_column_int64(s, i));
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "incidents: No affected system recorded.");
    return AG_OK;
}

/* The leak record; *leak says whether there is one. */
static int leak_section(struct web_req *req, const struct inc *inc, bool *leak)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT data_description, subjects, coalesce(source_identified_on, ''), "
                           "coalesce(leak_stopped_on, ''), coalesce(agencies_informed_on, ''), "
                           "coalesce(spread_stopped_on, ''), coalesce(subjects_notified_on, ''), "
                           "coalesce(published_on, ''), no_publication, "
                           "coalesce(ppc_reported_on, ''), coalesce(mlit_informed_on, '') FROM "
                           "incident_leaks WHERE incident_id = ?",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, inc->id);
    int step = sqlite3_step(s);
    *leak = step == SQLITE_ROW;
    if (*leak) {
        section(req, "leak", "Personal data leak (3.1.2.6(7))");
        html_lit(&req->out, "<dl class=\"meta facts\">");
        page_dl_item(req, "data_description", store_col_text(s, 0));
        page_dl_item(req, "subjects",
                     arena_printf(&req->arena, "%lld", (long long)sqlite3_column_int64(s, 1)));
        static const char *const labels[] = {
            "source_identified_on", "leak_stopped_on",      "agencies_informed_on",
            "spread_stopped_on",    "subjects_notified_on", "published_on",
            "no_publication",       "ppc_reported_on",      "mlit_informed_on"};
        for (int i = 0; i < 9; i++) {
            const char *v = store_col_text(s, 2 + i);
            page_dl_item(req, labels[i], *v ? v : web_tr(req, "step not taken yet"));
        }
        page_dl_end(req);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? AG_OK : AG_EIO;
}

static int actions_table(struct web_req *req, const struct inc *inc)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT a.id, a.title, o.login, a.due_date, a.status FROM actions a "
                           "JOIN people o ON o.id = a.owner_id WHERE a.origin = 'incident' AND "
                           "a.origin_id = ? ORDER BY a.id",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, inc->id);
    static const char *const heads[] = {"incidents: No.", "title", "owner", "due", "status"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step;
    size_t n = 0;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(s, 0);
        const char *href = arena_printf(&req->arena, "/actions/%lld", id);
        html_lit(h, "<tr><td>");
        page_link(req, href ? href : "/actions", arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        html_text(h, enum_label(req, "action status", store_col_text(s, 4)));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, n, "incidents: No recurrence-prevention measure yet.");
    return AG_OK;
}

static const char *const ok_keys[][2] = {
    {"open", "incidents: The report is recorded. Thank you."},
    {"log", "incidents: The timeline entry is recorded."},
    {"system", "incidents: The affected system is recorded."},
    {"cause", "incidents: The cause is recorded."},
    {"prevent", "incidents: The recurrence-prevention measure is a corrective action now."},
    {"leak", "incidents: The personal data leak is recorded."},
    {"leakstep", "incidents: The leak step is recorded."},
    {"close", "incidents: The incident is closed."},
    {"sent", "incidents: The report to MLIT is recorded as sent."},
};

/* The forms of the steps the person may take on an open incident. */
static int step_forms(struct web_req *req, const struct inc *inc, bool leak, size_t missing)
{
    struct html *h = &req->out;
    int rc;
    section(req, "steps", "incidents: Record the response");
    html_lit(h, "<div class=\"steps\">");
    /* timeline entry: everyone taking part */
    page_form_begin(req, inc_href(req, inc->id, "/log"));
    html_lit(h, "<h3>");
    html_text(h, web_tr(req, "incidents: Add a timeline entry"));
    html_lit(h, "</h3>");
    select_enum(req, "kind", "incidents: What", isms_incident_event_kinds, "kind", "reported",
                "detected closed ministry-reported");
    page_input(req, "at", "incidents: When (JST; empty = now)", "datetime-local", NULL, false);
    if ((rc = select_from(req, "to", "incidents: Reported to (for report / escalation)", people_sql,
                          "incidents: (none)", NULL)))
        return rc;
    page_textarea(req, "text", "text", NULL, true);
    page_form_end(req, "incidents: Add the entry");

    if (web_has_role(req, INC_SYSTEM_ROLES)) {
        page_form_begin(req, inc_href(req, inc->id, "/system"));
        html_lit(h, "<h3>");
        html_text(h, web_tr(req, "incidents: Affected system and service impact"));
        html_lit(h, "</h3>");
        if ((rc = select_from(req, "system", "affected_system",
                              "SELECT code, code || ' ' || CASE WHEN ?1 AND name_en <> '' THEN "
                              "name_en ELSE name_ja END FROM systems ORDER BY code",
                              NULL, NULL)))
            return rc;
        page_textarea(req, "impact", "impact", NULL, false);
        page_input(req, "fallback", "fallback_used", "text", NULL, false);
        page_input(req, "outage_start", "incidents: Outage start (JST)", "datetime-local", NULL,
                   false);
        page_input(req, "outage_end", "incidents: Outage end (JST)", "datetime-local", NULL, false);
        page_input(req, "delayed", "flights_delayed", "number", NULL, false);
        page_input(req, "cancelled", "flights_cancelled", "number", NULL, false);
        page_input(req, "passengers", "passengers_affected", "number", NULL, false);
        page_form_end(req, "Save");
    }
    if (web_has_role(req, INC_CAUSE_ROLES)) {
        page_form_begin(req, inc_href(req, inc->id, "/cause"));
        html_lit(h, "<h3>");
        html_text(h, web_tr(req, "incidents: Cause (3.2.2.2(2), 3.1.2.4(2)③)"));
        html_lit(h, "</h3>");
        select_enum(req, "class", "cause_class", isms_incident_cause_classes, "class",
                    *inc->f[F_CLASS] ? inc->f[F_CLASS] : NULL, NULL);
        page_input(req, "detail", "cause_detail", "text", inc->f[F_DETAIL], false);
        page_textarea(req, "root_cause", "root_cause", inc->f[F_ROOT], false);
        page_form_end(req, "Save");
    }
    if (web_has_role(req, AUTH_ROLE_CISO)) {
        page_form_begin(req, inc_href(req, inc->id, "/prevent"));
        html_lit(h, "<h3>");
        html_text(h, web_tr(req, "incidents: Instruct a recurrence-prevention measure"));
        html_lit(h, "</h3>");
        page_note(req, web_tr(req, "Guideline 3.1.2.4(2)③: the CISO examines the cause and "
                                   "instructs the measures; each becomes a corrective action."));
        page_input(req, "title", "title", "text", NULL, true);
        page_textarea(req, "description", "description", NULL, false);
        if ((rc = select_from(req, "owner", "owner", people_sql, NULL, NULL)) ||
            (rc = select_from(req, "department", "Department", depts_sql, "incidents: (none)",
                              NULL)))
            return rc;
        page_input(req, "due", "due", "date", NULL, true);
        page_input(req, "items", "incidents: Guideline items (refs, comma-separated)", "text",
                   "3.1.2.4(2)", false);
        page_form_end(req, "incidents: Instruct");
    }
    if (web_has_role(req, INC_LEAK_ROLES)) {
        if (!leak) {
            page_form_begin(req, inc_href(req, inc->id, "/leak"));
            html_lit(h, "<h3>");
            html_text(h, web_tr(req, "incidents: Record a personal data leak (3.1.2.6(7))"));
            html_lit(h, "</h3>");
            page_textarea(req, "data", "data_description", NULL, true);
            page_input(req, "subjects", "subjects", "number", NULL, true);
            page_form_end(req, "Save");
        } else {
            page_form_begin(req, inc_href(req, inc->id, "/leak/step"));
            html_lit(h, "<h3>");
            html_text(h, web_tr(req, "incidents: Personal data leak: record a step"));
            html_lit(h, "</h3>");
            select_enum(req, "step", "incidents: Step", isms_incident_leak_steps, "leak step", NULL,
                        NULL);
            page_input(req, "date", "incidents: Date", "date", NULL, false);
            page_textarea(req, "note", "incidents: Note (the reason when not publishing)", NULL,
                          false);
            page_form_end(req, "Save");
        }
    }
    if (web_has_role(req, AUTH_ROLE_CISO)) {
        page_form_begin(req, inc_href(req, inc->id, "/close"));
        html_lit(h, "<h3>");
        html_text(h, web_tr(req, "incidents: Close the incident"));
        html_lit(h, "</h3>");
        if (inc->reporter == req->user.person_id)
            page_alert(req, web_tr(req, "incidents: You reported this incident: another CISO (the "
                                        "deputy) closes it (3.1.4.1(2))."));
        else if (missing)
            page_note(req, web_tr(req, "incidents: The checklist above is not complete: closing "
                                       "will be refused."));
        page_textarea(req, "note", "incidents: Closing remarks", NULL, false);
        page_form_end(req, "incidents: Close");
    }
    html_lit(h, "</div>");
    return AG_OK;
}

/* The incident page; alert_msg (may be NULL) is shown at the top. */
static int incident_page(struct web_req *req, const struct inc *inc, const char *alert_msg)
{
    struct html *h = &req->out;
    int rc;
    bool closed = strcmp(inc->f[F_STATUS], "closed") == 0;
    const char *title = arena_printf(&req->arena, web_tr(req, "incidents: Incident %lld: %s"),
                                     inc->id, inc->f[F_TITLE]);
    page_begin(req, title ? title : inc->f[F_TITLE]);
    page_h1(req, title ? title : inc->f[F_TITLE]);
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(ok_keys); i++)
        if (strcmp(ok, ok_keys[i][0]) == 0)
            page_ok(req, web_tr(req, ok_keys[i][1]));
    html_lit(h, "<p>");
    page_link(req, "/incidents", web_tr(req, "incidents: All incidents"));
    html_lit(h, " · ");
    page_link(req, inc_href(req, inc->id, "/report"),
              web_tr(req, "incidents: Report to MLIT (情報連絡)"));
    html_lit(h, "</p>");
    html_lit(&req->out, "<dl class=\"meta facts\">");
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "Status"));
    html_lit(h, "</dt><dd id=\"inc-status\">");
    html_text(h, enum_label(req, "incident status", inc->f[F_STATUS]));
    html_lit(h, "</dd>");
    page_dl_item(req, "severity", enum_label(req, "severity", inc->f[F_SEVERITY]));
    page_dl_item(req, "reporter", inc->f[F_REPORTER]);
    page_dl_item(req, "Department", inc->f[F_DEPT]);
    page_dl_item(req, "detection", inc->f[F_DETECTION]);
    page_dl_item(req, "description", inc->f[F_DESCRIPTION]);
    page_dl_item(req, "cause_class",
                 *inc->f[F_CLASS] ? enum_label(req, "class", inc->f[F_CLASS]) : "");
    page_dl_item(req, "cause_detail", inc->f[F_DETAIL]);
    page_dl_item(req, "root_cause", inc->f[F_ROOT]);
    page_dl_item(req, "recurrence_prevention", inc->f[F_PREVENTION]);
    page_dl_item(req, "incidents: Information to users", inc->f[F_USERINFO]);
    page_dl_item(req, "incidents: Notified authorities", inc->f[F_CRIME]);
    if (closed) {
        page_dl_item(req, "closed_by", inc->f[F_CLOSED_BY]);
        page_dl_item(req, "incidents: Closing remarks", inc->f[F_CLOSURE_NOTE]);
    }
    page_dl_end(req);

    section(req, "times", "incidents: Key times (JST)");
    if ((rc = key_times(req, inc)))
        return rc;
    section(req, "timeline-h", "Timeline");
    if ((rc = timeline(req, inc)))
        return rc;
    bool critical = false, leak = false;
    section(req, "systems", "Affected systems");
    if ((rc = systems_table(req, inc, &critical)))
        return rc;
    critical = critical || strcmp(inc->f[F_SEVERITY], "critical") == 0;
    if ((rc = leak_section(req, inc, &leak)))
        return rc;
    section(req, "prevention", "Recurrence prevention (corrective actions)");
    if ((rc = actions_table(req, inc)))
        return rc;
    size_t missing = 0;
    if (!closed) {
        section(req, "closure", "Before it can be closed:");
        if ((rc = close_checklist(req, inc, leak, critical, &missing)))
            return rc;
        if (!missing)
            page_ok(req, web_tr(req, "incidents: Everything the closure needs is recorded."));
        if (inc->participant && (rc = step_forms(req, inc, leak, missing)))
            return rc;
        if (!inc->participant)
            page_note(req,
                      web_tr(req, "incidents: You see this incident as an auditor (read only)."));
    }
    page_end(req);
    return AG_OK;
}

static int page_incident(struct web_req *req)
{
    struct inc inc;
    bool done;
    int rc = inc_for_user(req, &inc, &done);
    if (rc || done)
        return rc;
    return incident_page(req, &inc, NULL);
}

/* ---- POST /incidents/{id}/… ---- */

struct inc_post {
    const struct inc *inc;
    int (*fn)(struct web_req *req, const struct inc *inc, struct ag_error *err);
};

static int run_inc(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct inc_post *p = ctx;
    return p->fn(req, p->inc, err);
}

/* Writes a refusal of the library to the audit trail (its own transaction, after the rollback). */
static void audit_refusal(struct web_req *req, const char *entity, long long id, const char *step,
                          const char *msg)
{
    json_t *d = json_pack("{s:s, s:s}", "step", step, "why", msg);
    char *text = d ? json_dumps(d, JSON_COMPACT) : NULL;
    char idbuf[24];
    struct ag_error ignore;
    snprintf(idbuf, sizeof(idbuf), "%lld", id);
    store_set_actor(req->st, req->user.login);
    if (store_audit(req->st, "refused", entity, idbuf, text ? text : "{}", &ignore) != AG_OK) {
        /* the refusal stands even if it cannot be recorded */
    }
    store_set_actor(req->st, "web");
    free(text);
    json_decref(d);
}

static int inc_post(struct web_req *req, const char *ok,
                    int (*fn)(struct web_req *req, const struct inc *inc, struct ag_error *err))
{
    struct inc inc;
    struct ag_error err;
    bool done;
    int rc = inc_for_user(req, &inc, &done);
    if (rc || done)
        return rc;
    if (!inc.participant)
        return web_error(req, 403, "incidents: Auditors see incidents but do not change them");
    struct inc_post p = {&inc, fn};
    rc = web_action(req, run_inc, &p, &err);
    if (rc == AG_OK)
        return web_redirect(req, inc_href(req, inc.id, arena_printf(&req->arena, "?ok=%s", ok)));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    const char *msg = arena_strdup(&req->arena, err.msg);
    int refused = rc;
    if ((rc = inc_load(req, inc.id, &inc)))
        return rc;
    strbuf_reset(&req->out.sb);
    /* an unknown login, system or asset named in the form is bad input, not a missing page; a
     * step refused because the incident is closed (meanwhile) is a conflict; a step refused by a
     * rule is recorded */
    req->status = status == 404 ? 400 : status;
    if (refused == AG_EDENIED && strcmp(inc.f[F_STATUS], "closed") == 0)
        req->status = 409;
    else if (refused == AG_EDENIED)
        audit_refusal(req, "incidents", inc.id, ok, msg ? msg : err.msg);
    return incident_page(req, &inc, msg ? msg : err.msg);
}

static int do_log(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    const char *kind = web_form_get(&req->form, "kind");
    /* the report to MLIT is recorded by its own step (CISO, every required field filled), not
     * as a plain timeline entry that would skip those checks */
    if (kind && strcmp(kind, "ministry-reported") == 0)
        return ag_error_set(err, AG_EDENIED, "%s",
                            web_tr(req, "incidents: The report to MLIT is recorded with its "
                                        "\"mark as sent\" step (CISO)."));
    return isms_incident_log(req->st, inc->id, req->user.person_id, kind ? kind : "",
                             form_time(req, "at"), form_text(req, "to"),
                             web_form_get(&req->form, "text"), err);
}

static int do_system(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    struct isms_incident_impact im = {
        .system = web_form_get(&req->form, "system"),
        .impact = form_text(req, "impact"),
        .fallback = form_text(req, "fallback"),
        .outage_start = form_time(req, "outage_start"),
        .outage_end = form_time(req, "outage_end"),
    };
    int rc;
    if ((rc = form_count(req, "delayed", &im.flights_delayed, err)) ||
        (rc = form_count(req, "cancelled", &im.flights_cancelled, err)) ||
        (rc = form_count(req, "passengers", &im.passengers, err)))
        return rc;
    if (!im.system)
        im.system = "";
    return isms_incident_system(req->st, inc->id, req->user.person_id, &im, err);
}

static int do_cause(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    const char *cls = web_form_get(&req->form, "class");
    return isms_incident_cause(req->st, inc->id, req->user.person_id, cls ? cls : "",
                               form_text(req, "detail"), form_text(req, "root_cause"), err);
}

static int do_prevent(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    /* items: refs or ids separated by commas, spaces or 、 */
    const char *items_in = web_form_get(&req->form, "items");
    const char *items[17];
    size_t n = 0;
    char *buf = arena_strdup(&req->arena, items_in ? items_in : "");
    if (!buf)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    for (char *p = buf; *p && n < 16;) {
        p += strspn(p, ", ");
        if (!*p)
            break;
        size_t len = strcspn(p, ", ");
        items[n++] = p;
        if (p[len]) {
            p[len] = '\0';
            p += len + 1;
        } else {
            p += len;
        }
    }
    if (n == 16 && buf[strlen(buf)])
        return ag_error_set(err, AG_EINVAL, "items: more than %d", 16);
    items[n] = NULL;
    struct isms_action_new a = {
        .origin = "incident",
        .origin_id = inc->id,
        .title = web_form_get(&req->form, "title"),
        .description = form_text(req, "description"),
        .owner = web_form_get(&req->form, "owner"),
        .department = form_text(req, "department"),
        .due_date = web_form_get(&req->form, "due"),
        .items = items,
    };
    long long action_id;
    if (!a.title)
        a.title = "";
    if (!a.owner)
        a.owner = "";
    if (!a.due_date)
        a.due_date = "";
    return isms_incident_prevent(req->st, req->cat, inc->id, req->user.person_id, &a, &action_id,
                                 err);
}

static int do_leak(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    long long subjects = 0;
    const char *v = web_form_get(&req->form, "subjects");
    int rc = isms_check_int("subjects", v ? v : "", 0, 1000000000, &subjects, err);
    if (rc)
        return rc;
    return isms_incident_leak_open(req->st, inc->id, req->user.person_id,
                                   web_form_get(&req->form, "data"), subjects, 0, err);
}

static int do_leak_step(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    const char *step = web_form_get(&req->form, "step");
    return isms_incident_leak_step(req->st, inc->id, req->user.person_id, step ? step : "",
                                   form_text(req, "date"), form_text(req, "note"), err);
}

static int do_close(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    return isms_incident_close(req->st, inc->id, req->user.person_id, form_text(req, "note"), err);
}

static int do_sent(struct web_req *req, const struct inc *inc, struct ag_error *err)
{
    return isms_incident_report_sent(req->st, inc->id, req->user.person_id, form_time(req, "at"),
                                     err);
}

static int page_incident_log(struct web_req *req)
{
    return inc_post(req, "log", do_log);
}
static int page_incident_system(struct web_req *req)
{
    return inc_post(req, "system", do_system);
}
static int page_incident_cause(struct web_req *req)
{
    return inc_post(req, "cause", do_cause);
}
static int page_incident_prevent(struct web_req *req)
{
    return inc_post(req, "prevent", do_prevent);
}
static int page_incident_leak(struct web_req *req)
{
    return inc_post(req, "leak", do_leak);
}
static int page_incident_leak_step(struct web_req *req)
{
    return inc_post(req, "leakstep", do_leak_step);
}
static int page_incident_close(struct web_req *req)
{
    return inc_post(req, "close", do_close);
}

/* ---- the report to MLIT: GET /incidents/{id}/report, POST …/report/sent ---- */

struct report_ctx {
    const struct inc *inc;
    struct strbuf out;
    size_t missing;
};

static int do_report(struct web_req *req, void *ctx, struct ag_error *err)
{
    struct report_ctx *r = ctx;
    return isms_incident_report(req->st, r->inc->id, req->lang, true, &r->out, &r->missing, err);
}

static int report_page(struct web_req *req, const struct inc *inc, const char *alert_msg)
{
    struct html *h = &req->out;
    struct report_ctx r = {inc, {0}, 0};
    struct ag_error err;
    strbuf_init(&r.out, 1 << 20);
    /* every rendering is an export row in the audit trail (the library writes it) */
    int rc = web_action(req, do_report, &r, &err);
    json_t *root = rc == AG_OK ? json_loads(strbuf_str(&r.out), 0, NULL) : NULL;
    strbuf_release(&r.out);
    if (rc)
        return rc;
    if (!root)
        return AG_EIO;
    const char *heading = json_string_value(json_object_get(root, "title"));
    page_begin(req, heading ? heading : "");
    page_h1(req, heading ? heading : "");
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    if (ok && strcmp(ok, "sent") == 0)
        page_ok(req, web_tr(req, "incidents: The report to MLIT is recorded as sent."));
    html_lit(h, "<p>");
    page_link(req, inc_href(req, inc->id, ""),
              arena_printf(&req->arena, web_tr(req, "incidents: Incident %lld: %s"), inc->id,
                           inc->f[F_TITLE]));
    html_lit(h, "</p>");
    page_note(req, web_tr(req, "incidents: The form follows the items of 情報連絡 that guideline "
                               "3.2.2.2(2) points to; its fields are kept as data (airguard "
                               "incident form). Times are JST."));
    html_lit(h, "<table class=\"report\" id=\"report\"><tbody>");
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(root, "fields"), i, f)
    {
        const char *key = json_string_value(json_object_get(f, "key"));
        const char *label = json_string_value(json_object_get(f, "label"));
        const char *value = json_string_value(json_object_get(f, "value"));
        bool required = json_is_true(json_object_get(f, "required"));
        html_lit(h, "<tr");
        html_attr(h, "id", arena_printf(&req->arena, "f-%s", key ? key : ""));
        if (!value && required)
            html_lit(h, " class=\"missing\"");
        html_lit(h, "><th scope=\"row\">");
        html_text(h, label ? label : "");
        if (required)
            html_lit(h, " <span class=\"req\">*</span>");
        html_lit(h, "</th><td>");
        if (value)
            text_lines(req, value);
        else
            html_text(h, web_tr(req, required ? "(missing: required)" : "(none)"));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table><p class=\"small\"><span class=\"req\">*</span> ");
    html_text(h, web_tr(req, "incidents: required field"));
    html_lit(h, "</p><p id=\"report-missing\">");
    if (r.missing)
        html_textf(h, web_tr(req, "incidents: %zu required field(s) missing"), r.missing);
    else
        html_text(h, web_tr(req, "incidents: Every required field is filled."));
    html_lit(h, "</p>");
    if (*inc->f[F_MINISTRY]) {
        html_lit(h, "<p>");
        html_text(h, web_tr(req, "incidents: Last sent to MLIT (JST):"));
        html_lit(h, " ");
        time_cell(req, inc->f[F_MINISTRY]);
        html_lit(h, "</p>");
    }
    if (web_has_role(req, AUTH_ROLE_CISO) && inc->participant &&
        strcmp(inc->f[F_STATUS], "closed") != 0) {
        page_form_begin(req, inc_href(req, inc->id, "/report/sent"));
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "incidents: Mark as sent to MLIT"));
        html_lit(h, "</h2>");
        page_note(req, web_tr(req, "incidents: Record that this report was sent to MLIT (CISO; "
                                   "refused while a required field is empty)."));
        page_input(req, "at", "incidents: Sent at (JST; empty = now)", "datetime-local", NULL,
                   false);
        page_form_end(req, "incidents: Mark as sent");
    }
    json_decref(root);
    page_end(req);
    return AG_OK;
}

static int page_incident_report(struct web_req *req)
{
    struct inc inc;
    bool done;
    int rc = inc_for_user(req, &inc, &done);
    if (rc || done)
        return rc;
    return report_page(req, &inc, NULL);
}

static int page_incident_sent(struct web_req *req)
{
    struct inc inc;
    struct ag_error err;
    bool done;
    int rc = inc_for_user(req, &inc, &done);
    if (rc || done)
        return rc;
    if (!inc.participant)
        return web_error(req, 403, "incidents: Auditors see incidents but do not change them");
    struct inc_post p = {&inc, do_sent};
    rc = web_action(req, run_inc, &p, &err);
    if (rc == AG_OK)
        return web_redirect(req, inc_href(req, inc.id, "/report?ok=sent"));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    const char *msg = arena_strdup(&req->arena, err.msg);
    int refused = rc;
    if ((rc = inc_load(req, inc.id, &inc)))
        return rc;
    strbuf_reset(&req->out.sb);
    unsigned final = status == 404 ? 400 : status;
    if (refused == AG_EDENIED && strcmp(inc.f[F_STATUS], "closed") == 0)
        final = 409;
    else if (refused == AG_EDENIED)
        audit_refusal(req, "incidents", inc.id, "sent", msg ? msg : err.msg);
    rc = report_page(req, &inc, msg ? msg : err.msg);
    req->status = final;
    return rc;
}

/* ---- module ---- */

static const struct route incident_routes[] = {
    {WEB_GET, "/incidents", page_incidents, 0, ROUTE_AUTH},
    {WEB_POST, "/incidents", page_incident_open, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/incidents/new", page_incident_new, 0, ROUTE_AUTH},
    {WEB_GET, "/incidents/{id}", page_incident, 0, ROUTE_AUTH},
    {WEB_GET, "/incidents/{id}/report", page_incident_report, 0, ROUTE_AUTH},
    {WEB_POST, "/incidents/{id}/log", page_incident_log, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/system", page_incident_system, INC_SYSTEM_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/cause", page_incident_cause, INC_CAUSE_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/prevent", page_incident_prevent, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/leak", page_incident_leak, INC_LEAK_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/leak/step", page_incident_leak_step, INC_LEAK_ROLES,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/close", page_incident_close, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/incidents/{id}/report/sent", page_incident_sent, AUTH_ROLE_CISO,
     ROUTE_AUTH | ROUTE_CSRF},
};

/* Messages (ja/en). Besides the page texts, the refusals of src/isms/incident.c in Japanese: the
 * library's messages are keyed by their English text, so the pages (and the CLI) show them in
 * the user's language. */
static const struct ag_msg incident_msgs[] = {
    {"incidents: Incidents", "障害・インシデント", "Incidents"},
    {"incidents: No such incident", "該当する障害はありません", "No such incident"},
    {"incidents: You may not see this incident", "この障害を閲覧する権限がありません",
     "You may not see this incident"},
    {"incidents: Auditors see incidents but do not change them",
     "監査実施者は障害を閲覧できますが、記録を変更できません",
     "Auditors see incidents but do not change them"},
    {"incidents: Report an incident", "障害・インシデントを報告する", "Report an incident"},
    {"Critical infrastructure service outages and information security incidents (guideline "
     "3.1.2.4(2)). Whoever notices one reports it at once.",
     "重要インフラサービス障害及び情報セキュリティインシデント（ガイドライン "
     "3.1.2.4(2)）。発生を知った者は、直ちに報告してください。",
     "Critical infrastructure service outages and information security incidents (guideline "
     "3.1.2.4(2)). Whoever notices one reports it at once."},
    {"You see the incidents you reported or take part in.",
     "あなたが報告した障害、又は対応に関わっている障害を表示しています。",
     "You see the incidents you reported or take part in."},
    {"Guideline 3.1.2.4(2)②: whoever learns of a critical infrastructure service outage or a "
     "security incident reports it by the prescribed procedure. Report what you know now; the "
     "CSIRT and the officers add the rest.",
     "ガイドライン 3.1.2.4(2)②: 取扱者は、重要インフラサービス障害の発生を知った場合には、予め"
     "定められた報告手順により報告します。今わかっていることを報告してください。残りは CSIRT "
     "と情報セキュリティ責任者が記録します。",
     "Guideline 3.1.2.4(2)②: whoever learns of a critical infrastructure service outage or a "
     "security incident reports it by the prescribed procedure. Report what you know now; the "
     "CSIRT and the officers add the rest."},
    {"Guideline 3.1.2.4(2)③: the CISO examines the cause and instructs the measures; each becomes "
     "a corrective action.",
     "ガイドライン 3.1.2.4(2)③: 最高情報セキュリティ責任者は、原因及び再発防止策の報告を検討し、"
     "必要な措置を指示します。指示した措置は是正処置として管理されます。",
     "Guideline 3.1.2.4(2)③: the CISO examines the cause and instructs the measures; each becomes "
     "a corrective action."},
    {"incidents: all", "すべて", "all"},
    {"incidents: not closed", "未終結", "not closed"},
    {"incident status:open", "対応中", "open"},
    {"incident status:recovered", "復旧済み", "recovered"},
    {"incident status:closed", "終結", "closed"},
    {"incidents: unknown filter value", "絞り込みの値が正しくありません", "Unknown filter value"},
    {"incidents: Filter", "絞り込む", "Filter"},
    {"incidents: No.", "番号", "No."},
    {"incidents: No incidents.", "該当する障害はありません。", "No incidents."},
    {"incidents: Previous page", "前のページ", "Previous page"},
    {"incidents: Next page", "次のページ", "Next page"},
    {"incidents: Detected at (JST)", "認知日時（日本時間）", "Detected at (JST)"},
    {"incidents: Occurred at (JST, if known)", "発生日時（日本時間、わかれば）",
     "Occurred at (JST, if known)"},
    {"incidents: (none)", "（なし）", "(none)"},
    {"incidents: Send the report", "報告する", "Send the report"},
    {"incidents: Incident %lld: %s", "障害 %lld: %s", "Incident %lld: %s"},
    {"incidents: All incidents", "障害の一覧", "All incidents"},
    {"incidents: Report to MLIT (情報連絡)", "国土交通省への情報連絡（様式）",
     "Report to MLIT (情報連絡)"},
    {"incidents: Information to users", "利用者への情報提供", "Information to users"},
    {"incidents: Notified authorities", "事案対処省庁への通報", "Notified authorities"},
    {"incidents: Closing remarks", "終結の所見", "Closing remarks"},
    {"incidents: Key times (JST)", "主な日時（日本時間）", "Key times (JST)"},
    {"incidents: First report", "最初の報告", "First report"},
    {"incidents: First emergency measure", "最初の応急措置", "First emergency measure"},
    {"incidents: Contained", "拡大防止", "Contained"},
    {"incidents: Time (JST)", "日時（日本時間）", "Time (JST)"},
    {"incidents: What", "種別", "What"},
    {"incidents: Recorded (JST)", "記録日時（日本時間）", "Recorded (JST)"},
    {"incidents: No affected system recorded.", "影響を受けたシステムは記録されていません。",
     "No affected system recorded."},
    {"incidents: No recurrence-prevention measure yet.", "再発防止策はまだありません。",
     "No recurrence-prevention measure yet."},
    {"incidents: missing:", "未了:", "missing:"},
    {"incidents: done:", "済:", "done:"},
    {"incidents: Everything the closure needs is recorded.",
     "終結に必要な事項はすべて記録されています。", "Everything the closure needs is recorded."},
    {"incidents: You see this incident as an auditor (read only).",
     "監査実施者として閲覧しています（変更はできません）。",
     "You see this incident as an auditor (read only)."},
    {"incidents: Record the response", "対応の記録", "Record the response"},
    {"incidents: Add a timeline entry", "時系列に記録する", "Add a timeline entry"},
    {"incidents: When (JST; empty = now)", "日時（日本時間。空欄は現在）",
     "When (JST; empty = now)"},
    {"incidents: Reported to (for report / escalation)", "報告先（報告・上申のとき）",
     "Reported to (for report / escalation)"},
    {"incidents: Add the entry", "記録する", "Add the entry"},
    {"incidents: Affected system and service impact", "影響を受けたシステムとサービスへの影響",
     "Affected system and service impact"},
    {"incidents: Outage start (JST)", "停止開始（日本時間）", "Outage start (JST)"},
    {"incidents: Outage end (JST)", "停止終了（日本時間）", "Outage end (JST)"},
    {"incidents: Cause (3.2.2.2(2), 3.1.2.4(2)③)", "原因（3.2.2.2(2)、3.1.2.4(2)③）",
     "Cause (3.2.2.2(2), 3.1.2.4(2)③)"},
    {"incidents: Instruct a recurrence-prevention measure", "再発防止策を指示する",
     "Instruct a recurrence-prevention measure"},
    {"incidents: Guideline items (refs, comma-separated)",
     "ガイドラインの項目（番号、カンマ区切り）", "Guideline items (refs, comma-separated)"},
    {"incidents: Instruct", "指示する", "Instruct"},
    {"incidents: Record a personal data leak (3.1.2.6(7))",
     "個人データの漏えいを記録する（3.1.2.6(7)）", "Record a personal data leak (3.1.2.6(7))"},
    {"incidents: Personal data leak: record a step", "個人データの漏えい: 対応の手順を記録する",
     "Personal data leak: record a step"},
    {"incidents: Step", "手順", "Step"},
    {"incidents: Date", "日付", "Date"},
    {"incidents: Note (the reason when not publishing)", "備考（公表しない場合はその理由）",
     "Note (the reason when not publishing)"},
    {"incidents: Close the incident", "障害を終結する", "Close the incident"},
    {"incidents: You reported this incident: another CISO (the deputy) closes it (3.1.4.1(2)).",
     "あなたはこの障害の報告者です。終結は別の最高情報セキュリティ責任者（代行者）が行います"
     "（3.1.4.1(2)）。",
     "You reported this incident: another CISO (the deputy) closes it (3.1.4.1(2))."},
    {"incidents: The checklist above is not complete: closing will be refused.",
     "上のチェックリストに未了の事項があります。終結は拒否されます。",
     "The checklist above is not complete: closing will be refused."},
    {"incidents: Close", "終結する", "Close"},
    {"incidents: The report is recorded. Thank you.", "報告を記録しました。ありがとうございます。",
     "The report is recorded. Thank you."},
    {"incidents: The timeline entry is recorded.", "時系列に記録しました。",
     "The timeline entry is recorded."},
    {"incidents: The affected system is recorded.", "影響を受けたシステムを記録しました。",
     "The affected system is recorded."},
    {"incidents: The cause is recorded.", "原因を記録しました。", "The cause is recorded."},
    {"incidents: The recurrence-prevention measure is a corrective action now.",
     "再発防止策を是正処置として登録しました。",
     "The recurrence-prevention measure is a corrective action now."},
    {"incidents: The personal data leak is recorded.", "個人データの漏えいを記録しました。",
     "The personal data leak is recorded."},
    {"incidents: The leak step is recorded.", "漏えい対応の手順を記録しました。",
     "The leak step is recorded."},
    {"incidents: The incident is closed.", "障害を終結しました。", "The incident is closed."},
    {"incidents: The report to MLIT is recorded as sent.",
     "国土交通省への情報連絡の送付を記録しました。", "The report to MLIT is recorded as sent."},
    {"incidents: The form follows the items of 情報連絡 that guideline 3.2.2.2(2) points to; its "
     "fields are kept as data (airguard incident form). Times are JST.",
     "様式はガイドライン 3.2.2.2(2) が示す情報連絡の項目に従います。項目はデータとして管理されて"
     "います（airguard incident form）。日時は日本時間です。",
     "The form follows the items of 情報連絡 that guideline 3.2.2.2(2) points to; its fields are "
     "kept as data (airguard incident form). Times are JST."},
    {"incidents: %zu required field(s) missing", "必須の項目が %zu 件未記入です",
     "%zu required field(s) missing"},
    {"incidents: required field", "必須の項目", "required field"},
    {"incidents: Every required field is filled.", "必須の項目はすべて記入されています。",
     "Every required field is filled."},
    {"incidents: Last sent to MLIT (JST):", "最後に送付した日時（日本時間）:",
     "Last sent to MLIT (JST):"},
    {"incidents: Mark as sent to MLIT", "国土交通省への送付を記録する", "Mark as sent to MLIT"},
    {"incidents: Record that this report was sent to MLIT (CISO; refused while a required field "
     "is empty).",
     "この情報連絡を国土交通省へ送付したことを記録します（最高情報セキュリティ責任者。必須の項目"
     "が未記入の間は記録できません）。",
     "Record that this report was sent to MLIT (CISO; refused while a required field is empty)."},
    {"incidents: Sent at (JST; empty = now)", "送付日時（日本時間。空欄は現在）",
     "Sent at (JST; empty = now)"},
    {"incidents: Mark as sent", "送付を記録する", "Mark as sent"},
    {"incidents: The report to MLIT is recorded with its \"mark as sent\" step (CISO).",
     "国土交通省への情報連絡は「送付を記録する」の手順で記録します（最高情報セキュリティ責任者）。",
     "The report to MLIT is recorded with its \"mark as sent\" step (CISO)."},
    /* the closure checklist: what isms_incident_close_check requires, stated positively */
    {"incidents: need: recovered", "復旧している（時系列に「復旧」を記録）",
     "recovered (a \"recovered\" entry in the timeline)"},
    {"incidents: need: cause class",
     "原因の種別（意図的・偶発的・環境的）が記録されている（3.2.2.2(2)）",
     "cause class (intentional / accidental / environmental) recorded (3.2.2.2(2))"},
    {"incidents: need: root cause", "原因が記録されている（3.1.2.4(2)③）",
     "root cause recorded (3.1.2.4(2)③)"},
    {"incidents: need: report", "時系列に報告（報告・上申）がある（3.1.2.4(2)② の報告手順）",
     "a report in the timeline (the reporting chain of 3.1.2.4(2)②)"},
    {"incidents: need: emergency measure", "時系列に応急措置がある（3.1.2.4(2)②）",
     "an emergency measure (応急措置) in the timeline (3.1.2.4(2)②)"},
    {"incidents: need: prevention", "再発防止策が是正処置として指示されている（3.1.2.4(2)③）",
     "a recurrence-prevention measure instructed as a corrective action (3.1.2.4(2)③)"},
    {"incidents: need: outage end", "影響を受けたシステムの停止終了がすべて記録されている",
     "every affected system's outage has an end"},
    {"incidents: need: MLIT report",
     "重要システム又はサービスに影響があったため、国土交通省への情報連絡を送付済み（3.2.2.2(2)）",
     "a critical system or service was affected: the report to MLIT (情報連絡) sent (3.2.2.2(2))"},
    {"incidents: need: leak source", "個人データの漏えい: 漏えい源の特定（3.1.2.6(7)①）",
     "personal data leak: source identified (3.1.2.6(7)①)"},
    {"incidents: need: leak stopped", "個人データの漏えい: 漏えい継続の阻止（3.1.2.6(7)①）",
     "personal data leak: leak stopped (3.1.2.6(7)①)"},
    {"incidents: need: spread stopped", "個人データの漏えい: 拡散の阻止（3.1.2.6(7)①）",
     "personal data leak: spread stopped (3.1.2.6(7)①)"},
    {"incidents: need: subjects notified", "個人データの漏えい: 本人への通知（3.1.2.6(7)②）",
     "personal data leak: data subjects notified (3.1.2.6(7)②)"},
    {"incidents: need: publication",
     "個人データの漏えい: 公表、又は公表しない理由の記録（3.1.2.6(7)③）",
     "personal data leak: published, or the reason for not publishing recorded (3.1.2.6(7)③)"},
    {"incidents: need: PPC report", "個人データの漏えい: 個人情報保護委員会への報告（3.1.2.6(7)④）",
     "personal data leak: reported to the Personal Information Protection Commission "
     "(3.1.2.6(7)④)"},
    /* refusals of src/isms/incident.c */
    {"incident %lld does not exist", "障害 %lld は存在しません", "incident %lld does not exist"},
    {"incident %lld is closed: it takes no more changes",
     "障害 %lld は終結しています。変更はできません",
     "incident %lld is closed: it takes no more changes"},
    {"%s: \"%.40s\" is not a time YYYY-MM-DDTHH:MM[:SS] with an optional zone (Z, +09:00)",
     "%s: 「%.40s」は日時（YYYY-MM-DDTHH:MM[:SS]、タイムゾーン Z・+09:00 は任意）ではありません",
     "%s: \"%.40s\" is not a time YYYY-MM-DDTHH:MM[:SS] with an optional zone (Z, +09:00)"},
    {"detected: %s is in the future (now %s)", "detected: %s は未来の日時です（現在 %s）",
     "detected: %s is in the future (now %s)"},
    {"occurred: %s is after the detection %s", "occurred: %s は認知日時 %s より後です",
     "occurred: %s is after the detection %s"},
    {"at: %s is before the detection of incident %lld (%s)",
     "at: %s は障害 %lld の認知日時（%s）より前です",
     "at: %s is before the detection of incident %lld (%s)"},
    {"at: %s is in the future (now %s)", "at: %s は未来の日時です（現在 %s）",
     "at: %s is in the future (now %s)"},
    {"to: missing (a %s entry names the person reported to, 3.1.2.4(2)②)",
     "to: 未指定です（%s には報告先が必要です。3.1.2.4(2)②）",
     "to: missing (a %s entry names the person reported to, 3.1.2.4(2)②)"},
    {"incident %lld is %s already", "障害 %lld は既に %s です", "incident %lld is %s already"},
    {"outage-end: %s is before the outage start %s", "outage-end: %s は停止開始 %s より前です",
     "outage-end: %s is before the outage start %s"},
    {"count: %lld is more than 10000000", "count: %lld は 10000000 を超えています",
     "count: %lld is more than 10000000"},
    {"incident %lld cannot be closed yet: %s", "障害 %lld はまだ終結できません: %s",
     "incident %lld cannot be closed yet: %s"},
    {"subjects: %lld is not a number from 0 to 1000000000",
     "subjects: %lld は 0〜1000000000 の数ではありません",
     "subjects: %lld is not a number from 0 to 1000000000"},
    {"information asset %lld does not exist", "情報資産 %lld は存在しません",
     "information asset %lld does not exist"},
    {"incident %lld has a personal data leak record already",
     "障害 %lld には個人データの漏えいの記録が既にあります",
     "incident %lld has a personal data leak record already"},
    {"note: missing (the reason for not publishing, 3.1.2.6(7)③)",
     "note: 未記入です（公表しない理由。3.1.2.6(7)③）",
     "note: missing (the reason for not publishing, 3.1.2.6(7)③)"},
    {"date: %s is before the detection (%.10s)", "date: %s は認知日（%.10s）より前です",
     "date: %s is before the detection (%.10s)"},
    {"date: %s is in the future (today %s)", "date: %s は未来の日付です（今日 %s）",
     "date: %s is in the future (today %s)"},
    {"the report of incident %lld lacks %zu required field(s): %s",
     "障害 %lld の情報連絡は必須の項目が %zu 件未記入です: %s",
     "the report of incident %lld lacks %zu required field(s): %s"},
};

static const struct web_nav incident_nav[] = {{"/incidents", "incidents: Incidents", 0}};

WEB_MODULE(incidents, incident_routes, incident_msgs, incident_nav);
