/*
 * area.c — secure areas (要管理対策区域, 3.1.5.1(3)): the register description of the areas,
 * their installed equipment, who may enter (①: approval by the area's manager, never for
 * oneself; end dates; periodic review by someone other than the person reviewed; prompt
 * removal), the entry and exit log (①: すべての者の入退出を記録), visitors and their badges (②),
 * equipment brought in and taken out with a system administrator's approval (③), the views
 * and the flags (bcp.h).
 *
 * Entries by people who are not authorised are refused; the guard who still lets someone in
 * (an emergency crew) records it with --override and the reason, and the row is flagged
 * (area_entries.authorised = 0). Movements of equipment are always recorded as they happen;
 * one without an approval is flagged, not lost.
 */
#include "isms/bcp.h"

const char *const area_directions[] = {"in", "out", NULL};
const char *const area_categories[] = {"system", "media", "personal", "other", NULL};

static const char *const ref_site[] = {"sites", "name_ja", NULL};
static const struct reg_field area_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--name", "name", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--site", "site_id", REG_REF, 0, ref_site, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0},
    {"--manager", "manager_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--boundary", "boundary", REG_LONG, REG_REQUIRED, NULL, 0, 0}, /* セキュリティ境界 */
    {"--entry-control", "entry_control", REG_TEXT, REG_REQUIRED, NULL, 0, 0}, /* 入退管理策 */
    {"--physical", "physical_measures", REG_LONG, 0, NULL, 0, 0},             /* ④ */
    {"--visitor-badge", "visitor_badge", REG_TEXT, 0, NULL, 0, 0}, /* ② 外見上判断 */
    {"--escort", "escort_required", REG_BOOL, 0, NULL, 0, 0},      /* ② 付添い */
    {"--device-rule", "device_rule", REG_TEXT, 0, NULL, 0, 0},     /* ③ 持込み制限 */
    {"--review-months", "review_months", REG_INT, 0, NULL, 1, 24},
};
const struct reg_kind reg_kind_area = {
    "area",
    "area_areas",
    "code",
    area_fields,
    AG_ARRAY_LEN(area_fields),
    "SELECT x.id, x.code, x.name, s.code AS site, d.code AS department, m.login AS manager, "
    "(SELECT count(*) FROM area_access a WHERE a.area_id = x.id AND a.removed_on IS NULL) AS "
    "authorised, (SELECT count(*) FROM area_entries e WHERE e.area_id = x.id AND e.out_at IS "
    "NULL) AS inside_now, x.boundary, x.entry_control, x.physical_measures, x.visitor_badge, CASE "
    "x.escort_required WHEN 1 THEN 'yes' ELSE 'no' END AS escort_required, x.device_rule, "
    "(SELECT group_concat(a.code, ' ') FROM area_equipment e JOIN assets a ON a.id = e.asset_id "
    "WHERE e.area_id = x.id) AS equipment, x.review_months, x.last_review, x.next_review AS "
    "next_review_on FROM area_areas x JOIN people m ON m.id = x.manager_id LEFT JOIN sites s ON "
    "s.id = x.site_id LEFT JOIN departments d ON d.id = x.department_id",
    " ORDER BY x.code",
    "UPDATE area_areas SET next_review = CASE WHEN last_review IS NULL THEN coalesce(next_review, "
    "" REG_ADD_MONTHS("?2", "review_months") ") ELSE " REG_ADD_MONTHS(
        "last_review", "review_months") " END WHERE id = ?1",
    NULL,
};

/* ---- helpers ---- */

int area_check_time(const char *field, const char *value, char out[21], struct ag_error *err)
{
    if (!value || !*value || strcmp(value, "now") == 0) {
        ag_time_iso(ag_now(), out);
        return AG_OK;
    }
    char date[11], buf[11];
    int h = -1, m = -1, sec = 0, n = 0;
    size_t len = strlen(value);
    bool ok = len >= 16 && len <= 20 && (value[10] == 'T' || value[10] == ' ');
    if (ok) {
        memcpy(buf, value, 10);
        buf[10] = '\0';
        ok = ag_date_parse(buf, date) == AG_OK;
    }
    if (ok) {
        const char *t = value + 11;
        if (sscanf(t, "%2d:%2d%n", &h, &m, &n) != 2)
            ok = false;
        else if (t[n] == ':') {
            int n2 = 0;
            ok = sscanf(t + n + 1, "%2d%n", &sec, &n2) == 1 && n2 == 2;
            n += 1 + n2;
        }
        if (ok && t[n] == 'Z')
            n++;
        ok = ok && t[n] == '\0' && h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 59;
    }
    if (!ok)
        return ag_error_set(err, AG_EINVAL,
                            "%s: \"%.40s\" is not a time YYYY-MM-DDTHH:MM[:SS] (UTC)", field,
                            value);
    snprintf(out, 21, "%sT%02d:%02d:%02dZ", date, h, m, sec);
    return AG_OK;
}

int area_find(struct store *st, const char *ref, long long *id, struct ag_error *err)
{
    return reg_find(st, &reg_kind_area, ref, id, err);
}

struct area_row {
    char code[65];
    long long manager, dept;
    bool escort;
};

static int load_area(struct store *st, long long id, struct area_row *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT code, manager_id, coalesce(department_id, 0), escort_required "
                           "FROM area_areas WHERE id = ?1",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(a->code, sizeof(a->code), "%s", store_col_text(s, 0));
        a->manager = sqlite3_column_int64(s, 1);
        a->dept = sqlite3_column_int64(s, 2);
        a->escort = sqlite3_column_int(s, 3) != 0;
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "area %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

/* One integer from a query with ?1 = a, ?2 = b (text) or -1 when there is no row. */
static long long one_int(struct store *st, const char *sql, long long a, const char *b)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long v = -1;
    if (store_prepare(st, &s, sql, &ignore) != AG_OK)
        return -1;
    sqlite3_bind_int64(s, 1, a);
    if (sqlite3_bind_parameter_count(s) >= 2)
        store_bind_text(s, 2, b);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static bool person_active(struct store *st, long long person)
{
    return one_int(st, "SELECT active FROM people WHERE id = ?1", person, NULL) == 1;
}

/* The current authorisation of person for area valid on date, or 0. */
static long long authorised_on(struct store *st, long long area, long long person, const char *date)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long v = 0;
    if (store_prepare(st, &s,
                      "SELECT a.id FROM area_access a JOIN people p ON p.id = a.person_id WHERE "
                      "a.area_id = ?1 AND a.person_id = ?2 AND a.removed_on IS NULL AND "
                      "a.granted_on <= ?3 AND (a.valid_until IS NULL OR a.valid_until >= ?3) AND "
                      "p.active = 1",
                      &ignore) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, area);
    sqlite3_bind_int64(s, 2, person);
    store_bind_text(s, 3, date);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The area's manager, the information security manager of its department, or the CISO. */
static int may_manage(struct store *st, const struct area_row *a, long long actor, const char *what,
                      struct ag_error *err)
{
    if (actor == a->manager || isms_has_role(st, actor, "ciso", 0) ||
        (a->dept && isms_has_role(st, actor, "manager", a->dept)))
        return AG_OK;
    /* neither the area's manager nor the CISO: the refusal names the department's role */
    return isms_duty_has_role(st, actor, "manager", a->dept, what, err);
}

/* ---- equipment ---- */

int area_equip(struct store *st, long long area, const char *asset, const char *note,
               struct ag_error *err)
{
    struct area_row a;
    long long aid;
    int rc;
    if ((rc = load_area(st, area, &a, err)))
        return rc;
    if ((rc = isms_asset_id(st, asset, &aid, err)))
        return ag_error_set(err, rc, "asset: no asset \"%.64s\"", asset ? asset : "");
    if (note && *note && (rc = isms_check_text("--note", note, 500, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT r.code FROM area_equipment e JOIN area_areas r ON r.id = "
                            "e.area_id WHERE e.asset_id = ?1",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, aid);
    if (sqlite3_step(s) == SQLITE_ROW)
        rc = ag_error_set(err, AG_ECONFLICT, "asset %s is already listed in area %s", asset,
                          store_col_text(s, 0));
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return store_run(st, "listing the equipment", err,
                     "INSERT INTO area_equipment(area_id, asset_id, note) VALUES (?, ?, ?)", "iis",
                     area, aid, note ? note : "");
}

int area_unequip(struct store *st, long long area, const char *asset, struct ag_error *err)
{
    long long aid;
    int rc;
    if ((rc = isms_asset_id(st, asset, &aid, err)))
        return ag_error_set(err, rc, "asset: no asset \"%.64s\"", asset ? asset : "");
    sqlite3_stmt *s;
    if ((rc = store_prepare(
             st, &s, "DELETE FROM area_equipment WHERE area_id = ?1 AND asset_id = ?2", err)))
        return rc;
    sqlite3_bind_int64(s, 1, area);
    sqlite3_bind_int64(s, 2, aid);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "removing the equipment", err);
    sqlite3_finalize(s);
    if (rc == AG_OK && sqlite3_changes(store_db(st)) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "asset %s is not listed in this area", asset);
    return rc;
}

/* ---- authorisation ---- */

int area_grant(struct store *st, long long area, const char *login, const char *reason,
               const char *until, long long actor, struct ag_error *err)
{
    struct area_row a;
    long long person;
    char today[11], end[11] = "", what[128];
    int rc;
    ag_date_iso(ag_now(), today);
    if ((rc = load_area(st, area, &a, err)))
        return rc;
    if ((rc = isms_person_id(st, login, &person, err)))
        return ag_error_set(err, rc, "person: no person with the login \"%.64s\"",
                            login ? login : "");
    if ((rc = isms_check_text("--reason", reason, 500, err)))
        return ag_error_set(err, rc,
                            "--reason: the business need to enter is required (3.1.5.1(3)① "
                            "業務上必要な者に限定)");
    if (until && *until) {
        if ((rc = isms_check_date("--until", until, end, err)))
            return rc;
        if (strcmp(end, today) < 0)
            return ag_error_set(err, AG_EINVAL, "--until: %s is already past", end);
    }
    if (!person_active(st, person))
        return ag_error_set(err, AG_EDENIED, "%s has left (inactive): no authorisation to enter",
                            login);
    snprintf(what, sizeof(what), "authorise %s to enter area %s", login, a.code);
    if ((rc = may_manage(st, &a, actor, what, err)) ||
        (rc = isms_duty_not_self(st, actor, person, what, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT granted_on FROM area_access WHERE area_id = ?1 AND person_id "
                            "= ?2 AND removed_on IS NULL",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, area);
    sqlite3_bind_int64(s, 2, person);
    if (sqlite3_step(s) == SQLITE_ROW)
        rc = ag_error_set(err, AG_ECONFLICT, "%s is already authorised for area %s (since %s)",
                          login, a.code, store_col_text(s, 0));
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return store_run(st, "recording the authorisation", err,
                     "INSERT INTO area_access(area_id, person_id, reason, granted_on, granted_by, "
                     "valid_until) VALUES (?, ?, ?, ?, ?, ?)",
                     "iissis", area, person, reason, today, actor, *end ? end : NULL);
}

int area_revoke(struct store *st, long long area, const char *login, const char *reason,
                const char *date, long long actor, struct ag_error *err)
{
    struct area_row a;
    long long person;
    char today[11], day[11], what[128];
    int rc;
    ag_date_iso(ag_now(), today);
    if ((rc = load_area(st, area, &a, err)))
        return rc;
    if ((rc = isms_person_id(st, login, &person, err)))
        return ag_error_set(err, rc, "person: no person with the login \"%.64s\"",
                            login ? login : "");
    if ((rc = isms_check_text("--reason", reason, 500, err)))
        return ag_error_set(err, rc, "--reason: say why the authorisation ends");
    if ((rc = isms_check_date("--date", date && *date ? date : today, day, err)))
        return rc;
    if (strcmp(day, today) > 0)
        return ag_error_set(err, AG_EINVAL, "--date: %s is in the future", day);
    snprintf(what, sizeof(what), "remove the authorisation of %s for area %s", login, a.code);
    if ((rc = may_manage(st, &a, actor, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "removing the authorisation", err,
                   "UPDATE area_access SET removed_on = ?, removed_by = ?, removal_reason = ? "
                   "WHERE area_id = ? AND person_id = ? AND removed_on IS NULL",
                   "sisii", day, actor, reason, area, person);
    if (rc == AG_OK && sqlite3_changes(store_db(st)) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "%s is not authorised for area %s", login, a.code);
    return isms_tx_end(st, own, rc, err);
}

int area_review(struct store *st, long long area, const char *note, long long actor, int *confirmed,
                int *removed, int *left_open, struct ag_error *err)
{
    struct area_row a;
    char today[11], what[160];
    int rc, nc = 0, nr = 0, no = 0;
    ag_date_iso(ag_now(), today);
    if ((rc = load_area(st, area, &a, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("--note", note, 2000, err)))
        return rc;
    snprintf(what, sizeof(what), "review who may enter area %s", a.code);
    if (actor != a.manager && !isms_has_role(st, actor, "ciso", 0) &&
        (rc = isms_duty_has_role(st, actor, "committee", 0, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    sqlite3_stmt *s = NULL;
    if ((rc = store_prepare(st, &s,
                            "SELECT a.id, a.person_id, p.active, coalesce(a.valid_until, '') "
                            "FROM area_access a JOIN people p ON p.id = a.person_id WHERE "
                            "a.area_id = ?1 AND a.removed_on IS NULL ORDER BY a.id",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, area);
    /* collect first: the updates below change the rows being read */
    long long ids[512], people[512];
    int active[512];
    char until[512][11];
    size_t n = 0;
    while (n < AG_ARRAY_LEN(ids) && sqlite3_step(s) == SQLITE_ROW) {
        ids[n] = sqlite3_column_int64(s, 0);
        people[n] = sqlite3_column_int64(s, 1);
        active[n] = sqlite3_column_int(s, 2);
        snprintf(until[n], sizeof(until[n]), "%s", store_col_text(s, 3));
        n++;
    }
    sqlite3_finalize(s);
    s = NULL;
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        if (people[i] == actor) {
            no++; /* 3.1.4.1(2): nobody confirms their own authorisation */
            continue;
        }
        if (!active[i] || (*until[i] && strcmp(until[i], today) < 0)) {
            char why[96];
            snprintf(why, sizeof(why), "%s (periodic review)",
                     !active[i] ? "has left" : "authorisation ended");
            rc = store_run(st, "removing an authorisation", err,
                           "UPDATE area_access SET removed_on = ?, removed_by = ?, "
                           "removal_reason = ? WHERE id = ?",
                           "sisi", today, actor, why, ids[i]);
            nr++;
            continue;
        }
        rc = store_run(st, "confirming an authorisation", err,
                       "UPDATE area_access SET reviewed_on = ?, reviewed_by = ? WHERE id = ?",
                       "sii", today, actor, ids[i]);
        nc++;
    }
    if (rc == AG_OK)
        rc = store_run(st, "recording the review", err,
                       "INSERT INTO area_reviews(area_id, reviewed_on, reviewer_id, confirmed, "
                       "removed, left_open, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       "isiiiis", area, today, actor, (long long)nc, (long long)nr, (long long)no,
                       note ? note : "");
    if (rc == AG_OK)
        rc = store_run(st, "moving the next review", err,
                       "UPDATE area_areas SET last_review = ?1, next_review = " REG_ADD_MONTHS(
                           "?1", "review_months") " WHERE id = ?2",
                       "si", today, area);
out:
    sqlite3_finalize(s);
    rc = isms_tx_end(st, own, rc, err);
    if (rc == AG_OK) {
        if (confirmed)
            *confirmed = nc;
        if (removed)
            *removed = nr;
        if (left_open)
            *left_open = no;
    }
    return rc;
}

/* ---- visitors ---- */

int area_visitor_add(struct store *st, long long area, const struct area_visitor_new *v,
                     long long actor, long long *id, struct ag_error *err)
{
    struct area_row a;
    long long host;
    char today[11], day[11], now[21];
    int rc;
    ag_date_iso(ag_now(), today);
    ag_time_iso(ag_now(), now);
    if ((rc = load_area(st, area, &a, err)) ||
        (rc = isms_check_text("--name", v->name, 200, err)) ||
        (rc = isms_check_text("--org", v->organisation, 200, err)) ||
        (rc = isms_check_text("--purpose", v->purpose, 500, err)) ||
        (rc = isms_check_date("--date", v->date && *v->date ? v->date : today, day, err)))
        return rc;
    if ((rc = isms_person_id(st, v->host, &host, err)))
        return ag_error_set(err, rc, "--host: no person with the login \"%.64s\"",
                            v->host ? v->host : "");
    if (v->id_checked && *v->id_checked &&
        (rc = isms_check_text("--id-check", v->id_checked, 200, err)))
        return rc;
    if (v->badge && *v->badge && (rc = isms_check_text("--badge", v->badge, 64, err)))
        return rc;
    /* the host receives and accompanies the visitor: someone who may enter the area */
    if (!authorised_on(st, area, host, day))
        return ag_error_set(err, AG_EDENIED,
                            "--host: %s is not authorised for area %s on %s, so cannot receive "
                            "and accompany a visitor there (3.1.5.1(3)②)",
                            v->host, a.code, day);
    bool badge = v->badge && *v->badge;
    rc = store_run(st, "registering the visitor", err,
                   "INSERT INTO area_visitors(name, organisation, purpose, host_id, area_id, "
                   "visit_on, id_checked, badge, badge_issued_at, registered_by) VALUES (?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?)",
                   "sssiissssI", v->name, v->organisation, v->purpose, host, area, day,
                   v->id_checked ? v->id_checked : "", badge ? v->badge : "", badge ? now : NULL,
                   actor);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return rc;
}

struct visitor_row {
    long long area, host;
    char visit_on[11], badge[65], issued[21], returned[21];
};

static int load_visitor(struct store *st, long long id, struct visitor_row *v, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT area_id, host_id, visit_on, badge, coalesce(badge_issued_at, "
                           "''), coalesce(badge_returned_at, '') FROM area_visitors WHERE id = ?1",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        v->area = sqlite3_column_int64(s, 0);
        v->host = sqlite3_column_int64(s, 1);
        snprintf(v->visit_on, sizeof(v->visit_on), "%s", store_col_text(s, 2));
        snprintf(v->badge, sizeof(v->badge), "%s", store_col_text(s, 3));
        snprintf(v->issued, sizeof(v->issued), "%s", store_col_text(s, 4));
        snprintf(v->returned, sizeof(v->returned), "%s", store_col_text(s, 5));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "visitor %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

int area_badge_issue(struct store *st, long long visitor, const char *badge, const char *at,
                     struct ag_error *err)
{
    struct visitor_row v;
    char t[21];
    int rc;
    if ((rc = load_visitor(st, visitor, &v, err)) ||
        (rc = isms_check_text("--badge", badge, 64, err)) ||
        (rc = area_check_time("--at", at, t, err)))
        return rc;
    if (*v.issued && !*v.returned)
        return ag_error_set(err, AG_ECONFLICT,
                            "visitor %lld already holds badge %s (issued %s); record its return "
                            "first",
                            visitor, v.badge, v.issued);
    return store_run(st, "issuing the badge", err,
                     "UPDATE area_visitors SET badge = ?, badge_issued_at = ?, badge_returned_at "
                     "= NULL WHERE id = ?",
                     "ssi", badge, t, visitor);
}

int area_badge_return(struct store *st, long long visitor, const char *at, struct ag_error *err)
{
    struct visitor_row v;
    char t[21];
    int rc;
    if ((rc = load_visitor(st, visitor, &v, err)) || (rc = area_check_time("--at", at, t, err)))
        return rc;
    if (!*v.issued)
        return ag_error_set(err, AG_EINVAL, "visitor %lld was given no badge", visitor);
    if (*v.returned)
        return ag_error_set(err, AG_ECONFLICT, "badge %s of visitor %lld was returned at %s",
                            v.badge, visitor, v.returned);
    if (strcmp(t, v.issued) < 0)
        return ag_error_set(err, AG_EINVAL, "--at: %s is before the badge was issued (%s)", t,
                            v.issued);
    return store_run(st, "recording the badge's return", err,
                     "UPDATE area_visitors SET badge_returned_at = ? WHERE id = ?", "si", t,
                     visitor);
}

/* ---- entries ---- */

int area_open_entry(struct store *st, long long area, const char *login, long long visitor,
                    long long *entry, struct ag_error *err)
{
    long long person = 0;
    int rc;
    if (login && *login && (rc = isms_person_id(st, login, &person, err)))
        return ag_error_set(err, rc, "--person: no person with the login \"%.64s\"", login);
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT id FROM area_entries WHERE area_id = ?1 AND out_at IS NULL "
                            "AND ((?2 > 0 AND person_id = ?2) OR (?3 > 0 AND visitor_id = ?3)) "
                            "ORDER BY in_at DESC LIMIT 1",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, area);
    sqlite3_bind_int64(s, 2, person);
    sqlite3_bind_int64(s, 3, visitor);
    if (sqlite3_step(s) == SQLITE_ROW)
        *entry = sqlite3_column_int64(s, 0);
    else
        rc = ag_error_set(err, AG_ENOTFOUND, "%s%s is not inside the area", login ? login : "",
                          login ? "" : "the visitor");
    sqlite3_finalize(s);
    return rc;
}

int area_enter(struct store *st, long long area, const struct area_entry_new *e, long long actor,
               long long *id, struct ag_error *err)
{
    struct area_row a;
    char t[21], now[21], day[11];
    struct ag_error why;
    bool refused = false;
    long long person = 0, escort = 0, open = 0;
    struct visitor_row v; /* outlives the branch: badge may point into it */
    int rc;
    bool staff = e->login && *e->login;
    if (staff == (e->visitor > 0))
        return ag_error_set(err, AG_EINVAL, "give either --person LOGIN or --visitor ID");
    if ((rc = load_area(st, area, &a, err)) || (rc = area_check_time("--at", e->at, t, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if (strcmp(t, now) > 0)
        return ag_error_set(err, AG_EINVAL, "--at: %s is in the future", t);
    memcpy(day, t, 10);
    day[10] = '\0';
    if (e->badge && *e->badge && (rc = isms_check_text("--badge", e->badge, 64, err)))
        return rc;
    if (e->override && *e->override && (rc = isms_check_text("--override", e->override, 500, err)))
        return rc;
    const char *badge = e->badge && *e->badge ? e->badge : "";
    if (e->escort && *e->escort && (rc = isms_person_id(st, e->escort, &escort, err)))
        return ag_error_set(err, rc, "--escort: no person with the login \"%.64s\"", e->escort);
    if (staff) {
        if ((rc = isms_person_id(st, e->login, &person, err)))
            return ag_error_set(err, rc, "--person: no person with the login \"%.64s\"", e->login);
        if (!authorised_on(st, area, person, day))
            refused = ag_error_set(&why, AG_EDENIED,
                                   "%s is not authorised to enter area %s on %s (3.1.5.1(3)); "
                                   "authorise them, register them as a visitor, or give --override "
                                   "REASON if they were let in all the same",
                                   e->login, a.code, day);
    } else {
        if ((rc = load_visitor(st, e->visitor, &v, err)))
            return rc;
        if (!*badge)
            badge = v.badge;
        if (v.area != area)
            refused = ag_error_set(&why, AG_EDENIED,
                                   "visitor %lld is registered for another area (3.1.5.1(3)); "
                                   "authorise them, register them as a visitor, or give --override "
                                   "REASON if they were let in all the same",
                                   e->visitor);
        else if (strcmp(v.visit_on, day) != 0)
            refused = ag_error_set(
                &why, AG_EDENIED,
                "visitor %lld is registered for %s, not %s (3.1.5.1(3)); authorise them, register "
                "them as a visitor, or give --override REASON if they were let in all the same",
                e->visitor, v.visit_on, day);
        else if (!*v.issued || *v.returned)
            refused = ag_error_set(&why, AG_EDENIED,
                                   "visitor %lld holds no badge (入館カード等を貸与) (3.1.5.1(3)); "
                                   "authorise them, register them as a visitor, or give --override "
                                   "REASON if they were let in all the same",
                                   e->visitor);
        if (!escort && a.escort)
            escort = v.host;
        if (escort && !refused && !authorised_on(st, area, escort, day))
            refused = ag_error_set(
                &why, AG_EDENIED,
                "the escort is not authorised for area %s (3.1.5.1(3)); authorise them, register "
                "them as a visitor, or give --override REASON if they were let in all the same",
                a.code);
    }
    bool authorised = !refused;
    if (!authorised && !(e->override && *e->override)) {
        if (err)
            *err = why;
        return AG_EDENIED;
    }
    /* nobody is inside twice */
    if (area_open_entry(st, area, staff ? e->login : NULL, staff ? 0 : e->visitor, &open, err) ==
        AG_OK)
        return ag_error_set(err, AG_ECONFLICT,
                            "already inside area %s (entry %lld has no exit yet)", a.code, open);
    rc = store_run(st, "recording the entry", err,
                   "INSERT INTO area_entries(area_id, person_id, visitor_id, in_at, badge, "
                   "escort_id, authorised, override_reason, recorded_by) VALUES (?, ?, ?, ?, ?, "
                   "?, ?, ?, ?)",
                   "iIIssIisI", area, person, staff ? 0 : e->visitor, t, badge, escort,
                   (long long)authorised, authorised ? "" : e->override, actor);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return rc;
}

int area_exit(struct store *st, long long entry, const char *at, struct ag_error *err)
{
    char t[21], in[21] = "", out[21] = "";
    int rc;
    if ((rc = area_check_time("--at", at, t, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(
             st, &s, "SELECT in_at, coalesce(out_at, '') FROM area_entries WHERE id = ?1", err)))
        return rc;
    sqlite3_bind_int64(s, 1, entry);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        snprintf(in, sizeof(in), "%s", store_col_text(s, 0));
        snprintf(out, sizeof(out), "%s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    if (!found)
        return ag_error_set(err, AG_ENOTFOUND, "entry %lld does not exist", entry);
    if (*out)
        return ag_error_set(err, AG_ECONFLICT, "entry %lld already has its exit (%s)", entry, out);
    if (strcmp(t, in) < 0)
        return ag_error_set(err, AG_EINVAL, "--at: %s is before the entry (%s)", t, in);
    return store_run(st, "recording the exit", err,
                     "UPDATE area_entries SET out_at = ? WHERE id = ?", "si", t, entry);
}

/* ---- equipment brought in and taken out ---- */

int area_move_request(struct store *st, long long area, const struct area_move_new *m,
                      long long *id, struct ag_error *err)
{
    struct area_row a;
    long long person, asset = 0;
    char today[11], day[11];
    int rc;
    ag_date_iso(ag_now(), today);
    if ((rc = load_area(st, area, &a, err)) ||
        (rc = isms_check_enum("--direction", m->direction, area_directions, err)) ||
        (rc = isms_check_text("--item", m->item, 500, err)) ||
        (rc = isms_check_enum("--category", m->category, area_categories, err)) ||
        (rc = isms_check_text("--reason", m->reason, 1000, err)) ||
        (rc = isms_check_date("--date", m->date && *m->date ? m->date : today, day, err)))
        return rc;
    if ((rc = isms_person_id(st, m->person, &person, err)))
        return ag_error_set(err, rc, "--person: no person with the login \"%.64s\"",
                            m->person ? m->person : "");
    if (m->asset && *m->asset && (rc = isms_asset_id(st, m->asset, &asset, err)))
        return ag_error_set(err, rc, "--asset: no asset \"%.64s\"", m->asset);
    rc = store_run(st, "recording the request", err,
                   "INSERT INTO area_moves(area_id, direction, item, asset_id, category, "
                   "person_id, reason, planned_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   "issIsiss", area, m->direction, m->item, asset, m->category, person, m->reason,
                   day);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return rc;
}

struct move_row {
    long long area, person;
    char decision[16], moved[21];
};

static int load_move(struct store *st, long long id, struct move_row *m, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT area_id, person_id, decision, coalesce(moved_at, '') FROM "
                           "area_moves WHERE id = ?1",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        m->area = sqlite3_column_int64(s, 0);
        m->person = sqlite3_column_int64(s, 1);
        snprintf(m->decision, sizeof(m->decision), "%s", store_col_text(s, 2));
        snprintf(m->moved, sizeof(m->moved), "%s", store_col_text(s, 3));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "movement %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

int area_move_decide(struct store *st, long long move, bool approve, const char *note,
                     long long actor, struct ag_error *err)
{
    struct move_row m;
    struct area_row a;
    char today[11], what[160];
    int rc;
    ag_date_iso(ag_now(), today);
    if ((rc = load_move(st, move, &m, err)) || (rc = load_area(st, m.area, &a, err)))
        return rc;
    if (strcmp(m.decision, "pending") != 0)
        return ag_error_set(err, AG_EDENIED, "movement %lld was %s already", move, m.decision);
    if (!approve && (!note || !*note))
        return ag_error_set(err, AG_EINVAL, "--note: a rejection needs the reason");
    if (note && *note && (rc = isms_check_text("--note", note, 1000, err)))
        return rc;
    snprintf(what, sizeof(what), "%s the movement %lld of equipment (area %.40s)",
             approve ? "approve" : "reject", move, a.code);
    /* 3.1.5.1(3)③ システム管理者の承認; 3.1.4.1(2) never the requester's own */
    if ((rc = isms_duty_has_role(st, actor, "sysadmin", a.dept, what, err)) ||
        (rc = isms_duty_not_self(st, actor, m.person, what, err)))
        return rc;
    return store_run(st, "recording the decision", err,
                     "UPDATE area_moves SET decision = ?, decided_by = ?, decided_on = ?, "
                     "decision_note = ? WHERE id = ? AND decision = 'pending'",
                     "sissi", approve ? "approved" : "rejected", actor, today, note ? note : "",
                     move);
}

int area_move_done(struct store *st, long long move, const char *at, long long actor,
                   bool *unapproved, struct ag_error *err)
{
    struct move_row m;
    char t[21];
    int rc;
    if ((rc = load_move(st, move, &m, err)) || (rc = area_check_time("--at", at, t, err)))
        return rc;
    if (*m.moved)
        return ag_error_set(err, AG_ECONFLICT, "movement %lld was recorded already (%s)", move,
                            m.moved);
    if (unapproved)
        *unapproved = strcmp(m.decision, "approved") != 0;
    return store_run(st, "recording the movement", err,
                     "UPDATE area_moves SET moved_at = ?, recorded_by = ? WHERE id = ?", "sIi", t,
                     actor, move);
}

/* ---- views ---- */

#define REVIEW_DUE REG_ADD_MONTHS("coalesce(a.reviewed_on, a.granted_on)", "ar.review_months")
#define ACCESS_FLAG                                                                                \
    "CASE WHEN p.active = 0 THEN 'left' WHEN a.valid_until < ?2 THEN 'expired' WHEN " REVIEW_DUE   \
    " < ?2 THEN 'review-due' ELSE '' END"
const char area_people_sql[] =
    "SELECT p.login, p.name, a.reason, a.granted_on, g.login AS granted_by, a.valid_until, "
    "a.reviewed_on, r.login AS reviewed_by, " ACCESS_FLAG
    " AS flag FROM area_access a JOIN people p ON p.id = a.person_id JOIN area_areas ar ON ar.id "
    "= a.area_id JOIN people g ON g.id = a.granted_by LEFT JOIN people r ON r.id = a.reviewed_by "
    "WHERE a.area_id = ?1 AND a.removed_on IS NULL ORDER BY p.login";

#define ENTRY_COLS                                                                                 \
    "SELECT e.id AS entry, ar.code AS area, coalesce(p.login, v.name || ' (' || v.organisation "   \
    "|| ')') AS who, CASE WHEN e.person_id IS NOT NULL THEN 'staff' ELSE 'visitor' END AS "        \
    "entry_kind, e.in_at, e.out_at, e.badge, es.login AS escort, CASE WHEN e.authorised = 0 "      \
    "THEN 'unauthorised: ' || e.override_reason ELSE '' END AS flag FROM area_entries e JOIN "     \
    "area_areas ar ON ar.id = e.area_id LEFT JOIN people p ON p.id = e.person_id LEFT JOIN "       \
    "area_visitors v ON v.id = e.visitor_id LEFT JOIN people es ON es.id = e.escort_id"
const char area_now_sql[] = ENTRY_COLS
    " WHERE e.out_at IS NULL AND (?1 IS NULL OR e.area_id = ?1) ORDER BY ar.code, e.in_at";
const char area_log_sql[] = ENTRY_COLS " WHERE e.area_id = ?1 AND (?2 IS NULL OR substr(e.in_at, "
                                       "1, 10) = ?2) ORDER BY e.in_at, e.id";

#define UNRETURNED(today)                                                                          \
    "(v.badge_issued_at IS NOT NULL AND v.badge_returned_at IS NULL AND (v.visit_on < " today      \
    " OR "                                                                                         \
    "(EXISTS (SELECT 1 FROM area_entries e WHERE e.visitor_id = v.id) AND NOT EXISTS (SELECT 1 "   \
    "FROM area_entries e WHERE e.visitor_id = v.id AND e.out_at IS NULL))))"
const char area_visitors_sql[] =
    "SELECT v.id, v.visit_on, v.name, v.organisation, v.purpose, h.login AS host, hd.code AS "
    "host_department, ar.code AS area, v.id_checked, v.badge, v.badge_issued_at, "
    "v.badge_returned_at, CASE WHEN " UNRETURNED(
        "?3") " THEN 'unreturned-badge' ELSE '' END AS flag "
              "FROM area_visitors v JOIN people h ON h.id = v.host_id LEFT JOIN departments hd ON "
              "hd.id = "
              "h.department_id JOIN area_areas ar ON ar.id = v.area_id WHERE (?1 IS NULL OR "
              "v.area_id = "
              "?1) AND (?2 IS NULL OR v.visit_on = ?2) ORDER BY v.visit_on DESC, v.id";

const char area_moves_sql[] =
    "SELECT m.id, ar.code AS area, m.direction, m.item, a.code AS asset, m.category, p.login AS "
    "person, m.reason, m.planned_on, m.decision, d.login AS decided_by, m.decided_on, "
    "m.decision_note, m.moved_at, CASE WHEN m.moved_at IS NOT NULL AND m.decision <> 'approved' "
    "THEN 'unapproved' WHEN m.decision = 'pending' THEN 'pending' ELSE '' END AS flag FROM "
    "area_moves m JOIN area_areas ar ON ar.id = m.area_id JOIN people p ON p.id = m.person_id "
    "LEFT JOIN assets a ON a.id = m.asset_id LEFT JOIN people d ON d.id = m.decided_by WHERE (?1 "
    "IS NULL OR m.area_id = ?1) ORDER BY m.planned_on DESC, m.id DESC";

const char area_equipment_sql[] =
    "SELECT a.code AS asset, a.name, s.code AS system, a.category, e.note FROM area_equipment e "
    "JOIN assets a ON a.id = e.asset_id LEFT JOIN systems s ON s.id = a.system_id WHERE "
    "e.area_id = ?1 ORDER BY a.code";

const char area_flags_sql[] =
    "SELECT ar.code AS area, CASE WHEN p.active = 0 THEN 'left' ELSE 'expired' END AS flag, "
    "p.login AS who, CASE WHEN p.active = 0 THEN 'has left but may still enter: remove the "
    "authorisation' ELSE 'authorisation ended ' || a.valid_until || ' but is not removed' END AS "
    "what, coalesce(a.valid_until, a.granted_on) AS since FROM area_access a JOIN people p ON "
    "p.id = a.person_id JOIN area_areas ar ON ar.id = a.area_id WHERE a.removed_on IS NULL AND "
    "(p.active = 0 OR a.valid_until < ?1) "
    "UNION ALL SELECT ar.code, 'review-due', p.login, 'authorisation not reviewed since ' || "
    "coalesce(a.reviewed_on, a.granted_on) || ' (every ' || ar.review_months || ' months)', "
    "" REVIEW_DUE " FROM area_access a JOIN people p ON p.id = a.person_id JOIN area_areas ar ON "
    "ar.id = a.area_id WHERE a.removed_on IS NULL AND p.active = 1 AND (a.valid_until IS NULL OR "
    "a.valid_until >= ?1) AND " REVIEW_DUE " < ?1 "
    "UNION ALL SELECT ar.code, 'unauthorised-entry', coalesce(p.login, v.name), 'let in without "
    "authorisation: ' || e.override_reason, e.in_at FROM area_entries e JOIN area_areas ar ON "
    "ar.id = e.area_id LEFT JOIN people p ON p.id = e.person_id LEFT JOIN area_visitors v ON "
    "v.id = e.visitor_id WHERE e.authorised = 0 "
    "UNION ALL SELECT ar.code, 'no-exit', coalesce(p.login, v.name), 'inside for more than 12 "
    "hours: was the exit recorded?', e.in_at FROM area_entries e JOIN area_areas ar ON ar.id = "
    "e.area_id LEFT JOIN people p ON p.id = e.person_id LEFT JOIN area_visitors v ON v.id = "
    "e.visitor_id WHERE e.out_at IS NULL AND e.in_at < strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-12 "
    "hours') "
    "UNION ALL SELECT ar.code, 'unreturned-badge', v.name || ' (' || v.organisation || ')', "
    "'badge ' || v.badge || ' not returned', v.badge_issued_at FROM area_visitors v JOIN "
    "area_areas ar ON ar.id = v.area_id WHERE " UNRETURNED(
        "?1") " UNION ALL SELECT ar.code, CASE WHEN m.moved_at IS NOT NULL THEN 'unapproved-move' "
              "ELSE "
              "'pending-move' END, p.login, m.direction || ': ' || m.item || CASE WHEN m.moved_at "
              "IS NOT "
              "NULL THEN ' moved without approval (' || m.decision || ')' ELSE ' waits for a "
              "system "
              "administrator' END, coalesce(m.moved_at, m.planned_on) FROM area_moves m JOIN "
              "area_areas ar "
              "ON ar.id = m.area_id JOIN people p ON p.id = m.person_id WHERE m.decision <> "
              "'approved' AND "
              "(m.moved_at IS NOT NULL OR m.decision = 'pending') "
              "UNION ALL SELECT ar.code, 'area-review-due', m.login, 'periodic review of who may "
              "enter was "
              "due ' || ar.next_review, ar.next_review FROM area_areas ar JOIN people m ON m.id = "
              "ar.manager_id WHERE ar.next_review < ?1 ORDER BY 1, 2, 5";
