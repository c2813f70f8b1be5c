/*
 * incident.c — 重要インフラサービス障害: the incident record, its timeline (detection, the
 * reporting chain of 3.1.2.4(2)② and 3.1.4.1(3)(a), 応急措置, escalation, recovery), the affected
 * systems with their service impact (3.2.3.2(1): flights delayed or cancelled), the cause class of
 * 3.2.2.2(2), root cause and recurrence prevention (3.1.2.4(2)③, as corrective actions), the
 * personal-data-leak steps of 3.1.2.6(7), closure by the CISO, and the report to MLIT
 * (情報連絡, 3.2.2.2(2)) rendered from the field list kept in the table incident_report_fields.
 *
 * Invariants: every change is one transaction (isms_tx_begin/end) and separation-of-duty checks
 * run before it begins, so a refusal is recorded in the audit trail and nothing is written; a
 * closed incident is never changed again; times are stored as UTC "YYYY-MM-DDTHH:MM:SSZ", so
 * comparing them as strings compares them in time.
 */
#include "isms/incident.h"

#include <jansson.h>

const char *const isms_incident_severities[] = {"low", "medium", "high", "critical", NULL};
const char *const isms_incident_cause_classes[] = {"intentional", "accidental", "environmental",
                                                   NULL};
const char *const isms_incident_event_kinds[] = {"detected",
                                                 "reported",
                                                 "emergency-measure",
                                                 "escalated",
                                                 "contained",
                                                 "recovered",
                                                 "cause-identified",
                                                 "ministry-reported",
                                                 "authority-notified",
                                                 "user-information",
                                                 "note",
                                                 "closed",
                                                 NULL};
const char *const isms_incident_leak_steps[] = {"source-identified", "leak-stopped",
                                                "agencies-informed", "spread-stopped",
                                                "subjects-notified", "published",
                                                "no-publication",    "ppc-reported",
                                                "mlit-informed",     NULL};
const char *const isms_incident_report_sources[] = {"report.kind",
                                                    "report.generated_at",
                                                    "org.name",
                                                    "org.sector",
                                                    "ciso.contact",
                                                    "reporter.contact",
                                                    "incident.id",
                                                    "incident.title",
                                                    "incident.occurred_at",
                                                    "incident.detected_at",
                                                    "incident.detection",
                                                    "incident.description",
                                                    "incident.severity",
                                                    "incident.department",
                                                    "incident.cause_class",
                                                    "incident.cause",
                                                    "incident.recovery",
                                                    "incident.prevention",
                                                    "incident.user_information",
                                                    "incident.crime_reported",
                                                    "impact.systems",
                                                    "impact.summary",
                                                    "impact.flights",
                                                    "timeline.measures",
                                                    "timeline.all",
                                                    "leak.summary",
                                                    "alerts.linked",
                                                    "timeline.ministry",
                                                    NULL};

/* ---- small helpers ---- */

/* One integer from a query with one integer parameter (0 when no row). */
static long long count_of(struct store *st, const char *sql, long long id)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long n = 0;
    if (store_prepare(st, &s, sql, &ignore) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

/* The actor holds one of roles (organisation-wide or for any department); otherwise the refusal
 * of isms_duty_has_role for the first role, which records it in the audit trail. */
static int need_role(struct store *st, long long actor, const char *const roles[], const char *what,
                     struct ag_error *err)
{
    for (size_t i = 0; roles[i]; i++)
        if (isms_has_role(st, actor, roles[i], 0))
            return AG_OK;
    char want[128] = "";
    size_t used = 0;
    for (size_t i = 0; roles[i] && used < sizeof(want); i++)
        used +=
            (size_t)snprintf(want + used, sizeof(want) - used, "%s%s", i ? " or " : "", roles[i]);
    return isms_duty_has_role(st, actor, want, 0, what, err);
}

static const char *const roles_ciso[] = {"ciso", NULL};
static const char *const roles_leak[] = {"ciso", "csirt", NULL};
static const char *const roles_cause[] = {"manager", "csirt", "ciso", NULL};
static const char *const roles_system[] = {"manager", "sysadmin", "csirt", "ciso", NULL};

struct incident_row {
    long long reporter;
    char status[16];
    char detected[21];
};

static int load(struct store *st, long long id, struct incident_row *r, bool must_be_open,
                struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s, "SELECT reported_by, status, detected_at FROM incidents WHERE id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        r->reporter = sqlite3_column_int64(s, 0);
        snprintf(r->status, sizeof(r->status), "%s", store_col_text(s, 1));
        snprintf(r->detected, sizeof(r->detected), "%s", store_col_text(s, 2));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "incident %lld does not exist", id);
    }
    sqlite3_finalize(s);
    if (rc == AG_OK && must_be_open && strcmp(r->status, "closed") == 0)
        rc = ag_error_set(err, AG_EDENIED, "incident %lld is closed: it takes no more changes", id);
    return rc;
}

static int two_digits(const char *p, int *out)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return -1;
    *out = (p[0] - '0') * 10 + (p[1] - '0');
    return 0;
}

int isms_incident_time(const char *field, const char *value, char out[21], struct ag_error *err)
{
    if (!value || !*value) {
        ag_time_iso(ag_now(), out);
        return AG_OK;
    }
    char date[11], norm[11];
    int hh, mm, ss = 0, oh = 0, om = 0, sign = 0;
    size_t n = strlen(value);
    const char *p;
    if (n < 16 || n > 25)
        goto bad;
    memcpy(date, value, 10);
    date[10] = '\0';
    if (ag_date_parse(date, norm) != AG_OK || (value[10] != 'T' && value[10] != ' ') ||
        two_digits(value + 11, &hh) || value[13] != ':' || two_digits(value + 14, &mm))
        goto bad;
    p = value + 16;
    if (*p == ':') {
        if (two_digits(p + 1, &ss))
            goto bad;
        p += 3;
    }
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        sign = *p == '+' ? 1 : -1;
        if (two_digits(p + 1, &oh))
            goto bad;
        p += 3;
        if (*p == ':')
            p++;
        if (two_digits(p, &om))
            goto bad;
        p += 2;
    }
    if (*p || hh > 23 || mm > 59 || ss > 59 || oh > 14 || om > 59)
        goto bad;
    time_t t = (time_t)(ag_date_diff("1970-01-01", norm) * 86400L + hh * 3600L + mm * 60L + ss -
                        sign * (oh * 3600L + om * 60L));
    ag_time_iso(t, out);
    return AG_OK;
bad:
    return ag_error_set(err, AG_EINVAL,
                        "%s: \"%.40s\" is not a time YYYY-MM-DDTHH:MM[:SS] with an optional zone "
                        "(Z, +09:00)",
                        field, value);
}

/* Seconds since the epoch of a stored (normalised) time. */
static time_t iso_epoch(const char *iso)
{
    char date[11];
    int hh = 0, mm = 0, ss = 0;
    if (strlen(iso) < 19)
        return 0;
    memcpy(date, iso, 10);
    date[10] = '\0';
    if (two_digits(iso + 11, &hh) || two_digits(iso + 14, &mm) || two_digits(iso + 17, &ss))
        return 0;
    return (time_t)(ag_date_diff("1970-01-01", date) * 86400L + hh * 3600L + mm * 60L + ss);
}

/* The airport's local time (JST, UTC+9; Japan has no daylight saving) for reports. */
static void add_local_time(struct strbuf *sb, const char *iso)
{
    if (!iso || !*iso)
        return;
    time_t t = iso_epoch(iso) + 9 * 3600;
    struct tm tm;
    char buf[32];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M JST", &tm);
    strbuf_adds(sb, buf);
}

/* The label of an enumerated value: the message "prefix:value", or the value itself. */
static const char *tr_value(enum ag_lang lang, const char *prefix, const char *value)
{
    char key[96];
    snprintf(key, sizeof(key), "%s:%s", prefix, value);
    const char *t = ag_tr(lang, key);
    return t == key ? value : t;
}

static int check_optional_text(const char *field, const char *value, size_t max,
                               struct ag_error *err)
{
    if (!value || !*value)
        return AG_OK;
    return isms_check_text(field, value, max, err);
}

/* ---- open, timeline, systems, cause ---- */

int isms_incident_open(struct store *st, const struct isms_incident_new *in, long long reporter,
                       long long *id, struct ag_error *err)
{
    char occurred[21] = "", detected[21], now[21];
    long long dept = 0, site = 0;
    const char *severity = in->severity && *in->severity ? in->severity : "medium";
    int rc;
    if ((rc = isms_check_text("title", in->title, 500, err)) ||
        (rc = check_optional_text("description", in->description, 20000, err)) ||
        (rc = check_optional_text("detection", in->detection, 2000, err)) ||
        (rc = isms_check_enum("severity", severity, isms_incident_severities, err)) ||
        (rc = isms_incident_time("detected", in->detected_at, detected, err)))
        return rc;
    if (in->occurred_at && *in->occurred_at &&
        (rc = isms_incident_time("occurred", in->occurred_at, occurred, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if (strcmp(detected, now) > 0)
        return ag_error_set(err, AG_EINVAL, "detected: %s is in the future (now %s)", detected,
                            now);
    if (*occurred && strcmp(occurred, detected) > 0)
        return ag_error_set(err, AG_EINVAL, "occurred: %s is after the detection %s", occurred,
                            detected);
    if (in->department && *in->department &&
        (rc = isms_department_id(st, in->department, &dept, err)))
        return rc;
    if (in->site && *in->site && (rc = isms_site_id(st, in->site, &site, err)))
        return rc;
    const char *what = in->detection && *in->detection ? in->detection : in->title;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "opening the incident", err,
                   "INSERT INTO incidents(title, description, severity, occurred_at, detected_at, "
                   "detection, reported_by, department_id, site_id, created_at) VALUES "
                   "(?, coalesce(?, ''), ?, ?, ?, coalesce(?, ''), ?, ?, ?, ?)",
                   "ssssssiIIs", in->title, in->description, severity, *occurred ? occurred : NULL,
                   detected, in->detection, reporter, dept, site, now);
    if (rc == AG_OK) {
        *id = store_last_id(st);
        rc = store_run(st, "recording the detection", err,
                       "INSERT INTO incident_events(incident_id, at, person_id, kind, text, "
                       "recorded_at) VALUES (?, ?, ?, 'detected', ?, ?)",
                       "isiss", *id, detected, reporter, what, now);
    }
    return isms_tx_end(st, own, rc, err);
}

int isms_incident_log(struct store *st, long long id, long long actor, const char *kind,
                      const char *at, const char *to, const char *text, struct ag_error *err)
{
    static const char *const kinds[] = {"detected",
                                        "reported",
                                        "emergency-measure",
                                        "escalated",
                                        "contained",
                                        "recovered",
                                        "cause-identified",
                                        "ministry-reported",
                                        "authority-notified",
                                        "user-information",
                                        "note",
                                        NULL};
    struct incident_row r;
    char when[21], now[21];
    long long to_id = 0;
    int rc;
    if ((rc = isms_check_enum("kind", kind, kinds, err)) || (rc = load(st, id, &r, true, err)) ||
        (rc = isms_incident_time("at", at, when, err)) ||
        (rc = isms_check_text("text", text, 4000, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if (strcmp(when, r.detected) < 0)
        return ag_error_set(err, AG_EINVAL, "at: %s is before the detection of incident %lld (%s)",
                            when, id, r.detected);
    if (strcmp(when, now) > 0)
        return ag_error_set(err, AG_EINVAL, "at: %s is in the future (now %s)", when, now);
    bool chain = strcmp(kind, "reported") == 0 || strcmp(kind, "escalated") == 0;
    if (chain && (!to || !*to))
        return ag_error_set(err, AG_EINVAL,
                            "to: missing (a %s entry names the person reported to, 3.1.2.4(2)②)",
                            kind);
    if (to && *to && (rc = isms_person_id(st, to, &to_id, err)))
        return rc;
    if (strcmp(kind, "recovered") == 0 && strcmp(r.status, "open") != 0)
        return ag_error_set(err, AG_EDENIED, "incident %lld is %s already", id, r.status);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(
        st, "adding the timeline entry", err,
        "INSERT INTO incident_events(incident_id, at, person_id, kind, to_person_id, text, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        "isisIss", id, when, actor, kind, to_id, text, now);
    if (rc == AG_OK && strcmp(kind, "recovered") == 0)
        rc = store_run(st, "recording the recovery", err,
                       "UPDATE incidents SET status = 'recovered', recovered_at = ? WHERE id = ?",
                       "si", when, id);
    else if (rc == AG_OK && strcmp(kind, "ministry-reported") == 0)
        rc =
            store_run(st, "recording the report to MLIT", err,
                      "UPDATE incidents SET ministry_reported_at = ? WHERE id = ?", "si", when, id);
    else if (rc == AG_OK && strcmp(kind, "authority-notified") == 0)
        rc =
            store_run(st, "recording the notification", err,
                      "UPDATE incidents SET crime_reported = CASE WHEN crime_reported = '' THEN ?1 "
                      "ELSE crime_reported || char(10) || ?1 END WHERE id = ?2",
                      "si", text, id);
    else if (rc == AG_OK && strcmp(kind, "user-information") == 0)
        rc = store_run(
            st, "recording the information to users", err,
            "UPDATE incidents SET user_information = CASE WHEN user_information = '' THEN "
            "?1 ELSE user_information || char(10) || ?1 END WHERE id = ?2",
            "si", text, id);
    return isms_tx_end(st, own, rc, err);
}

int isms_incident_system(struct store *st, long long id, long long actor,
                         const struct isms_incident_impact *im, struct ag_error *err)
{
    struct incident_row r;
    char start[21] = "", end[21] = "", what[64];
    long long sys;
    int rc;
    snprintf(what, sizeof(what), "record the impact of incident %lld", id);
    if ((rc = load(st, id, &r, true, err)) || (rc = isms_system_id(st, im->system, &sys, err)) ||
        (rc = check_optional_text("impact", im->impact, 4000, err)) ||
        (rc = check_optional_text("fallback", im->fallback, 4000, err)))
        return rc;
    if (im->outage_start && *im->outage_start &&
        (rc = isms_incident_time("outage-start", im->outage_start, start, err)))
        return rc;
    if (im->outage_end && *im->outage_end &&
        (rc = isms_incident_time("outage-end", im->outage_end, end, err)))
        return rc;
    if (*start && *end && strcmp(end, start) < 0)
        return ag_error_set(err, AG_EINVAL, "outage-end: %s is before the outage start %s", end,
                            start);
    const long long counts[] = {im->flights_delayed, im->flights_cancelled, im->passengers};
    for (size_t i = 0; i < 3; i++)
        if (counts[i] > 10000000)
            return ag_error_set(err, AG_EINVAL, "count: %lld is more than 10000000", counts[i]);
    if ((rc = need_role(st, actor, roles_system, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(
             st, &s,
             "INSERT INTO incident_systems(incident_id, system_id, impact, fallback_used, "
             "outage_start, outage_end, flights_delayed, flights_cancelled, passengers_affected) "
             "VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, ''), ?5, ?6, coalesce(?7, 0), "
             "coalesce(?8, 0), coalesce(?9, 0)) ON CONFLICT(incident_id, system_id) DO UPDATE "
             "SET impact = coalesce(?3, impact), fallback_used = coalesce(?4, fallback_used), "
             "outage_start = coalesce(?5, outage_start), outage_end = coalesce(?6, outage_end), "
             "flights_delayed = coalesce(?7, flights_delayed), flights_cancelled = coalesce(?8, "
             "flights_cancelled), passengers_affected = coalesce(?9, passengers_affected)",
             err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, sys);
        store_bind_text(s, 3, im->impact);
        store_bind_text(s, 4, im->fallback);
        store_bind_text(s, 5, *start ? start : NULL);
        store_bind_text(s, 6, *end ? end : NULL);
        for (int i = 0; i < 3; i++)
            if (counts[i] >= 0)
                sqlite3_bind_int64(s, 7 + i, counts[i]);
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK
                                            : store_error(st, "recording the affected system", err);
        sqlite3_finalize(s);
    }
    return isms_tx_end(st, own, rc, err);
}

int isms_incident_cause(struct store *st, long long id, long long actor, const char *cause_class,
                        const char *detail, const char *root_cause, struct ag_error *err)
{
    struct incident_row r;
    char what[64], now[21];
    int rc;
    snprintf(what, sizeof(what), "record the cause of incident %lld", id);
    if ((rc = load(st, id, &r, true, err)) ||
        (rc = isms_check_enum("class", cause_class, isms_incident_cause_classes, err)) ||
        (rc = check_optional_text("detail", detail, 2000, err)) ||
        (rc = check_optional_text("root-cause", root_cause, 20000, err)))
        return rc;
    if ((rc = need_role(st, actor, roles_cause, what, err)))
        return rc;
    struct strbuf t;
    strbuf_init(&t, 24000);
    strbuf_adds(&t, cause_class);
    if (detail && *detail)
        strbuf_addf(&t, ": %s", detail);
    if (root_cause && *root_cause)
        strbuf_addf(&t, "\n%s", root_cause);
    ag_time_iso(ag_now(), now);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)) == AG_OK) {
        rc = store_run(
            st, "recording the cause", err,
            "UPDATE incidents SET cause_class = ?, cause_detail = coalesce(?, cause_detail), "
            "root_cause = coalesce(?, root_cause) WHERE id = ?",
            "sssi", cause_class, detail && *detail ? detail : NULL,
            root_cause && *root_cause ? root_cause : NULL, id);
        if (rc == AG_OK)
            rc = store_run(st, "adding the timeline entry", err,
                           "INSERT INTO incident_events(incident_id, at, person_id, kind, text, "
                           "recorded_at) VALUES (?1, ?2, ?3, 'cause-identified', ?4, ?2)",
                           "isis", id, now, actor, strbuf_str(&t));
        rc = isms_tx_end(st, own, rc, err);
    }
    strbuf_release(&t);
    return rc;
}

int isms_incident_prevent(struct store *st, const struct catalog *cat, long long id,
                          long long actor, const struct isms_action_new *a, long long *action_id,
                          struct ag_error *err)
{
    struct incident_row r;
    char what[96], now[21];
    int rc;
    snprintf(what, sizeof(what), "instruct recurrence prevention for incident %lld", id);
    if ((rc = load(st, id, &r, true, err)))
        return rc;
    if ((rc = need_role(st, actor, roles_ciso, what, err)))
        return rc;
    struct isms_action_new act = *a;
    act.origin = "incident";
    act.origin_id = id;
    ag_time_iso(ag_now(), now);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = isms_action_add(st, cat, &act, action_id, err)) == AG_OK)
        rc = store_run(
            st, "recording the recurrence prevention", err,
            "UPDATE incidents SET recurrence_prevention = CASE WHEN recurrence_prevention = "
            "'' THEN ?1 ELSE recurrence_prevention || char(10) || ?1 END WHERE id = ?2",
            "si", act.title, id);
    if (rc == AG_OK) {
        char text[640];
        snprintf(text, sizeof(text), "recurrence prevention instructed: action %lld: %.500s",
                 *action_id, act.title);
        rc = store_run(st, "adding the timeline entry", err,
                       "INSERT INTO incident_events(incident_id, at, person_id, kind, text, "
                       "recorded_at) VALUES (?1, ?2, ?3, 'note', ?4, ?2)",
                       "isis", id, now, actor, text);
    }
    return isms_tx_end(st, own, rc, err);
}

/* ---- closure ---- */

int isms_incident_close_check(struct store *st, long long id, struct strbuf *why,
                              struct ag_error *err)
{
    struct incident_row r;
    sqlite3_stmt *s;
    int rc;
    if ((rc = load(st, id, &r, false, err)))
        return rc;
    if (strcmp(r.status, "open") == 0)
        strbuf_adds(why, "not recovered yet (log a \"recovered\" entry)\n");
    if ((rc = store_prepare(st, &s,
                            "SELECT cause_class IS NULL, root_cause = '', severity = 'critical', "
                            "ministry_reported_at IS NULL FROM incidents WHERE id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    bool critical = false, unreported = false;
    if (sqlite3_step(s) == SQLITE_ROW) {
        if (sqlite3_column_int(s, 0))
            strbuf_adds(why, "no cause class (intentional / accidental / environmental, "
                             "3.2.2.2(2))\n");
        if (sqlite3_column_int(s, 1))
            strbuf_adds(why, "no root cause (3.1.2.4(2)③)\n");
        critical = sqlite3_column_int(s, 2);
        unreported = sqlite3_column_int(s, 3);
    }
    sqlite3_finalize(s);
    if (count_of(st,
                 "SELECT count(*) FROM incident_events WHERE incident_id = ? AND kind IN "
                 "('reported', 'escalated')",
                 id) == 0)
        strbuf_adds(why, "no report in the timeline (the reporting chain of 3.1.2.4(2)②)\n");
    if (count_of(st,
                 "SELECT count(*) FROM incident_events WHERE incident_id = ? AND kind = "
                 "'emergency-measure'",
                 id) == 0)
        strbuf_adds(why, "no emergency measure (応急措置) in the timeline (3.1.2.4(2)②)\n");
    if (count_of(st,
                 "SELECT count(*) FROM actions WHERE origin = 'incident' AND origin_id = ? AND "
                 "status <> 'cancelled'",
                 id) == 0)
        strbuf_adds(why, "no recurrence-prevention measure (3.1.2.4(2)③)\n");
    if (count_of(st,
                 "SELECT count(*) FROM incident_systems WHERE incident_id = ? AND outage_start "
                 "IS NOT NULL AND outage_end IS NULL",
                 id) > 0)
        strbuf_adds(why, "an affected system has an outage without an end\n");
    if (count_of(st,
                 "SELECT count(*) FROM incident_systems i JOIN systems s ON s.id = i.system_id "
                 "WHERE i.incident_id = ? AND s.critical = 1",
                 id) > 0)
        critical = true;
    if (critical && unreported)
        strbuf_adds(why, "a critical system or service was affected but the report to MLIT "
                         "(情報連絡, 3.2.2.2(2)) was not sent\n");
    if ((rc = store_prepare(st, &s,
                            "SELECT source_identified_on IS NULL, leak_stopped_on IS NULL, "
                            "spread_stopped_on IS NULL, subjects_notified_on IS NULL, "
                            "published_on IS NULL AND no_publication = '', ppc_reported_on IS "
                            "NULL FROM incident_leaks WHERE incident_id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        static const char *const need[] = {
            "personal data leak: source not identified (3.1.2.6(7)①)\n",
            "personal data leak: leak not stopped (3.1.2.6(7)①)\n",
            "personal data leak: spread not stopped (3.1.2.6(7)①)\n",
            "personal data leak: data subjects not notified (3.1.2.6(7)②)\n",
            "personal data leak: neither published nor a reason for not publishing "
            "(3.1.2.6(7)③)\n",
            "personal data leak: not reported to the Personal Information Protection Commission "
            "(3.1.2.6(7)④)\n"};
        for (int i = 0; i < 6; i++)
            if (sqlite3_column_int(s, i))
                strbuf_adds(why, need[i]);
    }
    sqlite3_finalize(s);
    return strbuf_ok(why) ? AG_OK : ag_error_set(err, AG_ENOMEM, "out of memory");
}

int isms_incident_close(struct store *st, long long id, long long actor, const char *note,
                        struct ag_error *err)
{
    struct incident_row r;
    char what[64], now[21];
    int rc;
    snprintf(what, sizeof(what), "close incident %lld", id);
    if ((rc = load(st, id, &r, true, err)) || (rc = check_optional_text("note", note, 4000, err)))
        return rc;
    if ((rc = need_role(st, actor, roles_ciso, what, err)) ||
        (rc = isms_duty_not_self(st, actor, r.reporter, what, err)))
        return rc;
    struct strbuf why;
    strbuf_init(&why, 4096);
    if ((rc = isms_incident_close_check(st, id, &why, err)) == AG_OK && why.len) {
        struct strbuf list;
        strbuf_init(&list, 4096);
        isms_join_lines(&list, strbuf_str(&why), "; ");
        rc = ag_error_set(err, AG_EDENIED, "incident %lld cannot be closed yet: %s", id,
                          strbuf_str(&list));
        strbuf_release(&list);
    }
    strbuf_release(&why);
    if (rc)
        return rc;
    ag_time_iso(ag_now(), now);
    char idbuf[24];
    snprintf(idbuf, sizeof(idbuf), "%lld", id);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(
        st, "closing the incident", err,
        "UPDATE incidents SET status = 'closed', closed_by = ?, closed_at = ?, closure_note "
        "= coalesce(?, '') WHERE id = ?",
        "issi", actor, now, note, id);
    if (rc == AG_OK)
        rc = store_run(st, "adding the timeline entry", err,
                       "INSERT INTO incident_events(incident_id, at, person_id, kind, text, "
                       "recorded_at) VALUES (?1, ?2, ?3, 'closed', ?4, ?2)",
                       "isis", id, now, actor, note && *note ? note : "closed");
    if (rc == AG_OK)
        rc = store_audit(st, "close", "incidents", idbuf, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- personal data leak, 3.1.2.6(7) ---- */

int isms_incident_leak_open(struct store *st, long long id, long long actor,
                            const char *data_description, long long subjects, long long info_asset,
                            struct ag_error *err)
{
    struct incident_row r;
    char what[80];
    int rc;
    snprintf(what, sizeof(what), "record a personal data leak for incident %lld", id);
    if ((rc = load(st, id, &r, true, err)) ||
        (rc = isms_check_text("data", data_description, 4000, err)))
        return rc;
    if (subjects < 0 || subjects > 1000000000)
        return ag_error_set(err, AG_EINVAL, "subjects: %lld is not a number from 0 to 1000000000",
                            subjects);
    if (info_asset &&
        count_of(st, "SELECT count(*) FROM info_assets WHERE id = ?", info_asset) == 0)
        return ag_error_set(err, AG_ENOTFOUND, "information asset %lld does not exist", info_asset);
    if (count_of(st, "SELECT count(*) FROM incident_leaks WHERE incident_id = ?", id))
        return ag_error_set(err, AG_ECONFLICT,
                            "incident %lld has a personal data leak record already", id);
    if ((rc = need_role(st, actor, roles_leak, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(
        st, "recording the personal data leak", err,
        "INSERT INTO incident_leaks(incident_id, data_description, subjects, info_asset_id) "
        "VALUES (?, ?, ?, ?)",
        "isiI", id, data_description, subjects, info_asset);
    return isms_tx_end(st, own, rc, err);
}

int isms_incident_leak_step(struct store *st, long long id, long long actor, const char *step,
                            const char *date, const char *note, struct ag_error *err)
{
    /* step → column; the SQL texts are constants chosen by the step, never built from input */
    static const char *const sql[] = {
        "UPDATE incident_leaks SET source_identified_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET leak_stopped_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET agencies_informed_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET spread_stopped_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET subjects_notified_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET published_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET no_publication = ?3 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET ppc_reported_on = ?1 WHERE incident_id = ?2",
        "UPDATE incident_leaks SET mlit_informed_on = ?1 WHERE incident_id = ?2",
    };
    struct incident_row r;
    char day[11] = "", today[11], what[80];
    int rc, k = -1;
    snprintf(what, sizeof(what), "record a personal data leak step for incident %lld", id);
    if ((rc = isms_check_enum("step", step, isms_incident_leak_steps, err)) ||
        (rc = load(st, id, &r, true, err)))
        return rc;
    for (int i = 0; isms_incident_leak_steps[i]; i++)
        if (strcmp(step, isms_incident_leak_steps[i]) == 0)
            k = i;
    bool no_pub = strcmp(step, "no-publication") == 0;
    if (no_pub) {
        if ((rc = isms_check_text("note", note, 4000, err)))
            return ag_error_set(err, AG_EINVAL,
                                "note: missing (the reason for not publishing, 3.1.2.6(7)③)");
    } else {
        if ((rc = isms_check_date("date", date, day, err)) ||
            (rc = check_optional_text("note", note, 4000, err)))
            return rc;
        ag_date_iso(ag_now(), today);
        if (strncmp(day, r.detected, 10) < 0)
            return ag_error_set(err, AG_EINVAL, "date: %s is before the detection (%.10s)", day,
                                r.detected);
        if (strcmp(day, today) > 0)
            return ag_error_set(err, AG_EINVAL, "date: %s is in the future (today %s)", day, today);
    }
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT coalesce(source_identified_on, '') FROM incident_leaks WHERE "
                            "incident_id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    char source_on[11] = "";
    bool exists = sqlite3_step(s) == SQLITE_ROW;
    if (exists)
        snprintf(source_on, sizeof(source_on), "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    if (!exists)
        return ag_error_set(err, AG_ENOTFOUND,
                            "incident %lld has no personal data leak record (first: airguard "
                            "incident leak %lld --data TEXT --subjects N)",
                            id, id);
    /* 3.1.2.6(7)①: "まず、漏えい源の特定、漏えい継続の阻止" — the source comes first */
    if ((k == 1 || k == 3) && (!*source_on || strcmp(day, source_on) < 0))
        return ag_error_set(err, AG_EDENIED,
                            "step %s: the leak source must be identified first (on or before "
                            "%s), 3.1.2.6(7)①",
                            step, day);
    if ((rc = need_role(st, actor, roles_leak, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc =
        store_run(st, "recording the leak step", err, sql[k], "sis", no_pub ? NULL : day, id, note);
    if (rc == AG_OK && note && *note && !no_pub) {
        char line[4200];
        snprintf(line, sizeof(line), "%s %s: %s", day, step, note);
        rc = store_run(
            st, "recording the note", err,
            "UPDATE incident_leaks SET notes = CASE WHEN notes = '' THEN ?1 ELSE notes || "
            "char(10) || ?1 END WHERE incident_id = ?2",
            "si", line, id);
    }
    return isms_tx_end(st, own, rc, err);
}

/* ---- the report to MLIT (情報連絡) ---- */

enum {
    C_ID,
    C_TITLE,
    C_DESCRIPTION,
    C_SEVERITY,
    C_STATUS,
    C_OCCURRED,
    C_DETECTED,
    C_DETECTION,
    C_CLASS,
    C_DETAIL,
    C_ROOT,
    C_PREVENTION,
    C_USERINFO,
    C_CRIME,
    C_RECOVERED,
    C_REP_NAME,
    C_REP_NAME_EN,
    C_REP_EMAIL,
    C_REP_PHONE,
    C_DEPT,
    C_DEPT_EN,
    C_ORG,
    C_ORG_EN,
    C_CLOSED,
    C_MINISTRY,
    C_COUNT
};

struct report_ctx {
    struct store *st;
    long long id;
    enum ag_lang lang;
    char *col[C_COUNT];
};

static const char *pick(const struct report_ctx *c, int ja, int en)
{
    return c->lang == AG_LANG_EN && *c->col[en] ? c->col[en] : c->col[ja];
}

static int load_report_ctx(struct report_ctx *c, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        c->st, &s,
        "SELECT i.id, i.title, i.description, i.severity, i.status, i.occurred_at, "
        "i.detected_at, i.detection, i.cause_class, i.cause_detail, i.root_cause, "
        "i.recurrence_prevention, i.user_information, i.crime_reported, i.recovered_at, p.name, "
        "p.name_en, p.email, p.phone, d.name_ja, d.name_en, (SELECT name_ja FROM organisation), "
        "(SELECT name_en FROM organisation), i.closed_at, i.ministry_reported_at FROM incidents i "
        "JOIN people p ON p.id "
        "= i.reported_by LEFT JOIN departments d ON d.id = i.department_id WHERE i.id = ?",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, c->id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        for (int i = 0; i < C_COUNT; i++)
            if (!(c->col[i] = strdup(store_col_text(s, i))))
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "incident %lld does not exist", c->id);
    }
    sqlite3_finalize(s);
    return rc;
}

static void person_contact(struct report_ctx *c, struct strbuf *v, const char *name,
                           const char *name_en, const char *email, const char *phone,
                           const char *dept)
{
    strbuf_adds(v, c->lang == AG_LANG_EN && *name_en ? name_en : name);
    if (dept && *dept)
        strbuf_addf(v, " (%s)", dept);
    if (*email)
        strbuf_addf(v, " %s", email);
    if (*phone)
        strbuf_addf(v, " %s", phone);
}

/* The report's query with the incident's id bound to ?1; NULL when it cannot be prepared, the
 * value then left empty (the caller finalizes the statement). */
static sqlite3_stmt *report_query(const struct report_ctx *c, const char *sql)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    if (store_prepare(c->st, &s, sql, &ignore) != AG_OK)
        return NULL;
    sqlite3_bind_int64(s, 1, c->id);
    return s;
}

/* Before every line of a multi-line value but its first, a line break. */
static void next_line(struct strbuf *v, bool *first)
{
    if (!*first)
        strbuf_addc(v, '\n');
    *first = false;
}

static void add_systems(struct report_ctx *c, struct strbuf *v, bool summary_only)
{
    sqlite3_stmt *s =
        report_query(c, "SELECT y.code, y.name_ja, y.name_en, y.critical, y.control_system, "
                        "i.impact, i.fallback_used, coalesce(i.outage_start, ''), "
                        "coalesce(i.outage_end, ''), CAST(round((julianday(i.outage_end) - "
                        "julianday(i.outage_start)) * 1440) AS INTEGER), y.service_impact_ja, "
                        "y.service_impact_en FROM incident_systems i JOIN systems y ON y.id = "
                        "i.system_id WHERE i.incident_id = ? ORDER BY y.critical DESC, y.code");
    if (!s)
        return;
    bool first = true;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *impact = store_col_text(s, 5);
        next_line(v, &first);
        if (summary_only) {
            const char *dflt = store_col_text(s, c->lang == AG_LANG_EN ? 11 : 10);
            strbuf_addf(v, "%s: %s", store_col_text(s, 0), *impact ? impact : dflt);
            continue;
        }
        const char *en = store_col_text(s, 2);
        strbuf_addf(v, "%s %s", store_col_text(s, 0),
                    c->lang == AG_LANG_EN && *en ? en : store_col_text(s, 1));
        if (sqlite3_column_int(s, 3))
            strbuf_addf(v, " [%s]", ag_tr(c->lang, "critical system"));
        if (sqlite3_column_int(s, 4))
            strbuf_addf(v, " [%s]", ag_tr(c->lang, "control system"));
        const char *fb = store_col_text(s, 6), *a = store_col_text(s, 7), *b = store_col_text(s, 8);
        if (*fb)
            strbuf_addf(v, "; %s: %s", ag_tr(c->lang, "manual operation"), fb);
        if (*a) {
            strbuf_addf(v, "; %s: ", ag_tr(c->lang, "outage"));
            add_local_time(v, a);
            strbuf_adds(v, " – ");
            if (*b) {
                add_local_time(v, b);
                strbuf_addf(v, ag_tr(c->lang, " (%lld min)"),
                            (long long)sqlite3_column_int64(s, 9));
            } else {
                strbuf_adds(v, ag_tr(c->lang, "continuing"));
            }
        }
    }
    sqlite3_finalize(s);
}

static void add_flights(struct report_ctx *c, struct strbuf *v)
{
    sqlite3_stmt *s =
        report_query(c, "SELECT count(*), coalesce(sum(flights_delayed), 0), "
                        "coalesce(sum(flights_cancelled), 0), coalesce(sum(passengers_affected), "
                        "0) FROM incident_systems WHERE incident_id = ?");
    if (!s)
        return;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 0) > 0)
        strbuf_addf(v,
                    ag_tr(c->lang, "%lld delayed, %lld cancelled, about %lld passengers affected"),
                    (long long)sqlite3_column_int64(s, 1), (long long)sqlite3_column_int64(s, 2),
                    (long long)sqlite3_column_int64(s, 3));
    sqlite3_finalize(s);
}

static void add_timeline(struct report_ctx *c, struct strbuf *v, bool all)
{
    sqlite3_stmt *s =
        report_query(c, "SELECT e.at, e.kind, coalesce(p.name, ''), coalesce(p.name_en, ''), "
                        "coalesce(t.name, ''), coalesce(t.name_en, ''), e.text FROM "
                        "incident_events e LEFT JOIN people p ON p.id = e.person_id LEFT JOIN "
                        "people t ON t.id = e.to_person_id WHERE e.incident_id = ?1 AND (?2 OR "
                        "e.kind IN ('reported', 'emergency-measure', 'escalated', 'contained', "
                        "'recovered')) ORDER BY e.at, e.id");
    if (!s)
        return;
    sqlite3_bind_int(s, 2, all);
    bool first = true;
    bool en = c->lang == AG_LANG_EN;
    while (sqlite3_step(s) == SQLITE_ROW) {
        next_line(v, &first);
        add_local_time(v, store_col_text(s, 0));
        const char *who = en && *store_col_text(s, 3) ? store_col_text(s, 3) : store_col_text(s, 2);
        const char *to = en && *store_col_text(s, 5) ? store_col_text(s, 5) : store_col_text(s, 4);
        strbuf_addf(v, " [%s] %s", tr_value(c->lang, "kind", store_col_text(s, 1)), who);
        if (*to)
            strbuf_addf(v, " → %s", to);
        strbuf_addf(v, ": %s", store_col_text(s, 6));
    }
    sqlite3_finalize(s);
}

static void add_prevention(struct report_ctx *c, struct strbuf *v)
{
    sqlite3_stmt *s =
        report_query(c, "SELECT a.id, a.title, o.login, a.due_date, a.status FROM actions a JOIN "
                        "people o ON o.id = a.owner_id WHERE a.origin = 'incident' AND a.origin_id "
                        "= ? AND a.status <> 'cancelled' ORDER BY a.id");
    if (!s)
        return;
    bool first = true;
    while (sqlite3_step(s) == SQLITE_ROW) {
        next_line(v, &first);
        strbuf_addf(v, ag_tr(c->lang, "action %lld: %s (owner %s, due %s, %s)"),
                    (long long)sqlite3_column_int64(s, 0), store_col_text(s, 1),
                    store_col_text(s, 2), store_col_text(s, 3),
                    tr_value(c->lang, "action status", store_col_text(s, 4)));
    }
    sqlite3_finalize(s);
    if (first)
        strbuf_adds(v, c->col[C_PREVENTION]);
}

static void add_leak(struct report_ctx *c, struct strbuf *v)
{
    static const char *const steps[] = {
        "source-identified", "leak-stopped", "agencies-informed", "spread-stopped",
        "subjects-notified", "published",    "ppc-reported",      "mlit-informed"};
    sqlite3_stmt *s =
        report_query(c, "SELECT data_description, subjects, coalesce(source_identified_on, ''), "
                        "coalesce(leak_stopped_on, ''), coalesce(agencies_informed_on, ''), "
                        "coalesce(spread_stopped_on, ''), coalesce(subjects_notified_on, ''), "
                        "coalesce(published_on, ''), coalesce(ppc_reported_on, ''), "
                        "coalesce(mlit_informed_on, ''), no_publication FROM incident_leaks "
                        "WHERE incident_id = ?");
    if (!s)
        return;
    if (sqlite3_step(s) != SQLITE_ROW) {
        strbuf_adds(v, ag_tr(c->lang, "no personal data leak"));
    } else {
        strbuf_addf(v, ag_tr(c->lang, "%s, %lld data subjects"), store_col_text(s, 0),
                    (long long)sqlite3_column_int64(s, 1));
        for (int i = 0; i < 8; i++) {
            const char *d = store_col_text(s, 2 + i);
            strbuf_addf(v, "\n%s: %s", tr_value(c->lang, "leak step", steps[i]),
                        *d ? d : ag_tr(c->lang, "step not taken yet"));
        }
        if (*store_col_text(s, 10))
            strbuf_addf(v, "\n%s: %s", ag_tr(c->lang, "not published because"),
                        store_col_text(s, 10));
    }
    sqlite3_finalize(s);
}

static void add_ciso(struct report_ctx *c, struct strbuf *v)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    if (store_prepare(c->st, &s,
                      "SELECT p.name, p.name_en, p.email, p.phone, coalesce(d.name_ja, ''), "
                      "coalesce(d.name_en, '') FROM person_roles r JOIN people p ON p.id = "
                      "r.person_id LEFT JOIN departments d ON d.id = p.department_id WHERE "
                      "r.role = 'ciso' AND p.active = 1 ORDER BY r.id LIMIT 1",
                      &ignore) != AG_OK)
        return;
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *den = store_col_text(s, 5);
        strbuf_addf(v, "%s: ", ag_tr(c->lang, "CISO contact"));
        person_contact(c, v, store_col_text(s, 0), store_col_text(s, 1), store_col_text(s, 2),
                       store_col_text(s, 3),
                       c->lang == AG_LANG_EN && *den ? den : store_col_text(s, 4));
    }
    sqlite3_finalize(s);
}

/* The records kept for the investigation (3.2.3.1: ログ等の電子的記録を収集・分析): the monitor
 * alerts linked to the incident, by category, with their time span and source addresses. */
static void add_alerts(struct report_ctx *c, struct strbuf *v)
{
    sqlite3_stmt *s =
        report_query(c, "SELECT category, count(*), sum(count), min(coalesce(first, time)), "
                        "max(coalesce(last, time)), coalesce(group_concat(DISTINCT src_ip), '') "
                        "FROM alerts WHERE incident_id = ? GROUP BY category ORDER BY min(time), "
                        "category");
    if (!s)
        return;
    bool first = true;
    while (sqlite3_step(s) == SQLITE_ROW) {
        next_line(v, &first);
        strbuf_addf(v, ag_tr(c->lang, "%s: %lld alert(s), %lld event(s), "), store_col_text(s, 0),
                    (long long)sqlite3_column_int64(s, 1), (long long)sqlite3_column_int64(s, 2));
        add_local_time(v, store_col_text(s, 3));
        strbuf_adds(v, " – ");
        add_local_time(v, store_col_text(s, 4));
        if (*store_col_text(s, 5))
            strbuf_addf(v, "; %s: %s", ag_tr(c->lang, "source addresses"), store_col_text(s, 5));
    }
    sqlite3_finalize(s);
}

/* The reports already sent to MLIT (the ministry-reported entries of the timeline). */
static void add_ministry_reports(struct report_ctx *c, struct strbuf *v)
{
    sqlite3_stmt *s =
        report_query(c, "SELECT at, text FROM incident_events WHERE incident_id = ? AND kind = "
                        "'ministry-reported' ORDER BY at, id");
    if (!s)
        return;
    bool first = true;
    while (sqlite3_step(s) == SQLITE_ROW) {
        next_line(v, &first);
        add_local_time(v, store_col_text(s, 0));
        strbuf_addf(v, " %s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
}

/* The value of one source into v (empty when there is nothing to say). */
static void source_value(struct report_ctx *c, const char *src, struct strbuf *v)
{
    char now[21];
    const char *status = c->col[C_STATUS];
    if (strcmp(src, "report.kind") == 0) {
        /* 速報 first, 続報 while the response goes on, 最終報 once recovered */
        bool open = strcmp(status, "open") == 0;
        strbuf_adds(v, ag_tr(c->lang, !open                 ? "final report (recovered)"
                                      : *c->col[C_MINISTRY] ? "follow-up report (response ongoing)"
                                                            : "first report (response ongoing)"));
    } else if (strcmp(src, "report.generated_at") == 0) {
        ag_time_iso(ag_now(), now);
        add_local_time(v, now);
    } else if (strcmp(src, "org.name") == 0) {
        strbuf_adds(v, pick(c, C_ORG, C_ORG_EN));
    } else if (strcmp(src, "org.sector") == 0) {
        strbuf_adds(v, ag_tr(c->lang, "aviation (airports)"));
    } else if (strcmp(src, "ciso.contact") == 0) {
        add_ciso(c, v);
    } else if (strcmp(src, "reporter.contact") == 0) {
        person_contact(c, v, c->col[C_REP_NAME], c->col[C_REP_NAME_EN], c->col[C_REP_EMAIL],
                       c->col[C_REP_PHONE], pick(c, C_DEPT, C_DEPT_EN));
    } else if (strcmp(src, "incident.id") == 0) {
        strbuf_adds(v, c->col[C_ID]);
    } else if (strcmp(src, "incident.title") == 0) {
        strbuf_adds(v, c->col[C_TITLE]);
    } else if (strcmp(src, "incident.occurred_at") == 0) {
        add_local_time(v, c->col[C_OCCURRED]);
    } else if (strcmp(src, "incident.detected_at") == 0) {
        add_local_time(v, c->col[C_DETECTED]);
    } else if (strcmp(src, "incident.detection") == 0) {
        strbuf_adds(v, c->col[C_DETECTION]);
    } else if (strcmp(src, "incident.description") == 0) {
        strbuf_adds(v, c->col[C_DESCRIPTION]);
    } else if (strcmp(src, "incident.severity") == 0) {
        strbuf_adds(v, tr_value(c->lang, "severity", c->col[C_SEVERITY]));
    } else if (strcmp(src, "incident.department") == 0) {
        strbuf_adds(v, pick(c, C_DEPT, C_DEPT_EN));
    } else if (strcmp(src, "incident.cause_class") == 0) {
        if (*c->col[C_CLASS])
            strbuf_adds(v, tr_value(c->lang, "class", c->col[C_CLASS]));
    } else if (strcmp(src, "incident.cause") == 0) {
        strbuf_adds(v, c->col[C_DETAIL]);
        if (*c->col[C_DETAIL] && *c->col[C_ROOT])
            strbuf_addc(v, '\n');
        strbuf_adds(v, c->col[C_ROOT]);
    } else if (strcmp(src, "incident.recovery") == 0) {
        if (*c->col[C_RECOVERED]) {
            strbuf_addf(v, "%s: ", ag_tr(c->lang, "recovered at"));
            add_local_time(v, c->col[C_RECOVERED]);
        } else {
            strbuf_adds(v, ag_tr(c->lang, "not recovered yet"));
        }
    } else if (strcmp(src, "incident.prevention") == 0) {
        add_prevention(c, v);
    } else if (strcmp(src, "incident.user_information") == 0) {
        strbuf_adds(v, c->col[C_USERINFO]);
    } else if (strcmp(src, "incident.crime_reported") == 0) {
        strbuf_adds(v, c->col[C_CRIME]);
    } else if (strcmp(src, "impact.systems") == 0) {
        add_systems(c, v, false);
    } else if (strcmp(src, "impact.summary") == 0) {
        add_systems(c, v, true);
    } else if (strcmp(src, "impact.flights") == 0) {
        add_flights(c, v);
    } else if (strcmp(src, "timeline.measures") == 0) {
        add_timeline(c, v, false);
    } else if (strcmp(src, "timeline.all") == 0) {
        add_timeline(c, v, true);
    } else if (strcmp(src, "leak.summary") == 0) {
        add_leak(c, v);
    } else if (strcmp(src, "alerts.linked") == 0) {
        add_alerts(c, v);
    } else if (strcmp(src, "timeline.ministry") == 0) {
        add_ministry_reports(c, v);
    }
}

static bool known_source(const char *src)
{
    for (size_t i = 0; isms_incident_report_sources[i]; i++)
        if (strcmp(src, isms_incident_report_sources[i]) == 0)
            return true;
    return false;
}

int isms_incident_report(struct store *st, long long id, enum ag_lang lang, bool json,
                         struct strbuf *out, size_t *missing, struct ag_error *err)
{
    struct report_ctx c = {st, id, lang, {NULL}};
    sqlite3_stmt *s = NULL;
    json_t *root = NULL, *fields = NULL, *miss = NULL;
    struct strbuf v;
    int rc;
    *missing = 0;
    strbuf_init(&v, 1 << 20);
    if ((rc = load_report_ctx(&c, err)))
        goto out;
    if ((rc = store_prepare(st, &s,
                            "SELECT key, label_ja, label_en, required, source FROM "
                            "incident_report_fields ORDER BY ord, id",
                            err)))
        goto out;
    const char *heading = ag_tr(lang, "Information liaison to MLIT: critical infrastructure "
                                      "service outage (guideline 3.2.2.2(2))");
    char now[21];
    ag_time_iso(ag_now(), now);
    if (json) {
        root = json_object();
        fields = json_array();
        miss = json_array();
        json_object_set_new(root, "form", json_string("mlit-information-liaison"));
        json_object_set_new(root, "title", json_string(heading));
        json_object_set_new(root, "incident", json_integer(id));
        json_object_set_new(root, "lang", json_string(ag_lang_code(lang)));
        json_object_set_new(root, "generated_at", json_string(now));
    } else {
        strbuf_addf(out, "%s\n\n", heading);
    }
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *key = store_col_text(s, 0), *src = store_col_text(s, 4);
        const char *label = store_col_text(s, lang == AG_LANG_EN ? 2 : 1);
        bool required = sqlite3_column_int(s, 3);
        strbuf_reset(&v);
        if (known_source(src))
            source_value(&c, src, &v);
        else
            strbuf_addf(&v, ag_tr(lang, "(unknown source \"%s\")"), src);
        bool empty = v.len == 0;
        if (empty && required)
            (*missing)++;
        if (json) {
            json_t *f = json_object();
            json_object_set_new(f, "key", json_string(key));
            json_object_set_new(f, "label", json_string(label));
            json_object_set_new(f, "required", json_boolean(required));
            json_object_set_new(f, "value", empty ? json_null() : json_string(strbuf_str(&v)));
            json_array_append_new(fields, f);
            if (empty && required)
                json_array_append_new(miss, json_string(key));
            continue;
        }
        strbuf_addf(out, "%s: ", label);
        if (empty) {
            strbuf_adds(out, ag_tr(lang, required ? "(missing: required)" : "(none)"));
        } else {
            for (const char *p = strbuf_str(&v); *p; p++) {
                strbuf_addc(out, *p);
                if (*p == '\n')
                    strbuf_adds(out, "    ");
            }
        }
        strbuf_addc(out, '\n');
    }
    if (json) {
        json_object_set_new(root, "fields", fields);
        json_object_set_new(root, "missing", miss);
        fields = miss = NULL;
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        if (!text) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            goto out;
        }
        strbuf_adds(out, text);
        strbuf_addc(out, '\n');
        free(text);
    } else if (*missing) {
        strbuf_addf(out, ag_tr(lang, "\n%zu required field(s) missing\n"), *missing);
    }
    if (!strbuf_ok(out) || !strbuf_ok(&v)) {
        rc = ag_error_set(err, AG_ENOMEM, "the report is larger than allowed");
        goto out;
    }
    char idbuf[24], detail[96];
    snprintf(idbuf, sizeof(idbuf), "%lld", id);
    snprintf(detail, sizeof(detail), "{\"form\": \"mlit-information-liaison\", \"lang\": \"%s\"}",
             ag_lang_code(lang));
    rc = store_audit(st, "export", "incidents", idbuf, detail, err);
out:
    sqlite3_finalize(s);
    json_decref(fields);
    json_decref(miss);
    json_decref(root);
    strbuf_release(&v);
    for (int i = 0; i < C_COUNT; i++)
        free(c.col[i]);
    return rc;
}

int isms_incident_report_sent(struct store *st, long long id, long long actor, const char *at,
                              struct ag_error *err)
{
    struct incident_row r;
    char what[80];
    size_t missing = 0;
    int rc;
    snprintf(what, sizeof(what), "send the report of incident %lld to MLIT", id);
    if ((rc = load(st, id, &r, true, err)))
        return rc;
    if ((rc = need_role(st, actor, roles_ciso, what, err)))
        return rc;
    struct strbuf scratch;
    strbuf_init(&scratch, 0);
    rc = isms_incident_report(st, id, AG_LANG_JA, true, &scratch, &missing, err);
    if (rc == AG_OK && missing) {
        /* name the missing fields: they are in the JSON's "missing" array */
        json_t *root = json_loads(strbuf_str(&scratch), 0, NULL);
        struct strbuf names;
        strbuf_init(&names, 2048);
        size_t i;
        json_t *k;
        json_array_foreach(json_object_get(root, "missing"), i, k)
            strbuf_addf(&names, "%s%s", i ? ", " : "", json_string_value(k));
        rc = ag_error_set(err, AG_EDENIED,
                          "the report of incident %lld lacks %zu required field(s): %s", id,
                          missing, strbuf_str(&names));
        strbuf_release(&names);
        json_decref(root);
    }
    strbuf_release(&scratch);
    if (rc)
        return rc;
    bool earlier = count_of(st,
                            "SELECT count(*) FROM incident_events WHERE incident_id = ? AND kind = "
                            "'ministry-reported'",
                            id) > 0;
    const char *kind = strcmp(r.status, "open") != 0 ? "final report"
                       : earlier                     ? "follow-up report"
                                                     : "first report";
    char text[96];
    snprintf(text, sizeof(text), "information liaison sent to MLIT (%s)", kind);
    return isms_incident_log(st, id, actor, "ministry-reported", at, NULL, text, err);
}

/* ---- the report form as data ---- */

static int check_key(const char *key, struct ag_error *err)
{
    if (!key || !*key || strlen(key) > 64)
        return ag_error_set(err, AG_EINVAL, "key: missing or longer than 64 characters");
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return ag_error_set(err, AG_EINVAL, "key: \"%.64s\" may contain only a-z, 0-9 and '_'",
                                key);
    return AG_OK;
}

int isms_incident_form_set(struct store *st, const char *key, const char *label_ja,
                           const char *label_en, int required, long long ord, const char *source,
                           struct ag_error *err)
{
    int rc;
    if ((rc = check_key(key, err)) ||
        (label_ja && (rc = isms_check_text("label-ja", label_ja, 200, err))) ||
        (label_en && (rc = isms_check_text("label-en", label_en, 200, err))) ||
        (source && (rc = isms_check_enum("source", source, isms_incident_report_sources, err))))
        return rc;
    if (ord > 1000000)
        return ag_error_set(err, AG_EINVAL, "order: %lld is not a number from 0 to 1000000", ord);
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, "SELECT count(*) FROM incident_report_fields WHERE key = ?",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    bool exists = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0;
    sqlite3_finalize(s);
    if (!exists && (!label_ja || !label_en || !source))
        return ag_error_set(err, AG_EINVAL,
                            "field \"%s\" is new: it needs --label-ja, --label-en and --source",
                            key);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if (exists) {
        if ((rc = store_prepare(st, &s,
                                "UPDATE incident_report_fields SET label_ja = coalesce(?2, "
                                "label_ja), label_en = coalesce(?3, label_en), required = "
                                "coalesce(?4, required), ord = coalesce(?5, ord), source = "
                                "coalesce(?6, source) WHERE key = ?1",
                                err)))
            goto out;
    } else if ((rc = store_prepare(st, &s,
                                   "INSERT INTO incident_report_fields(key, label_ja, label_en, "
                                   "required, ord, source) VALUES (?1, ?2, ?3, coalesce(?4, 1), "
                                   "coalesce(?5, (SELECT coalesce(max(ord), 0) + 10 FROM "
                                   "incident_report_fields)), ?6)",
                                   err))) {
        goto out;
    }
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    store_bind_text(s, 2, label_ja);
    store_bind_text(s, 3, label_en);
    if (required >= 0)
        sqlite3_bind_int(s, 4, required ? 1 : 0);
    if (ord >= 0)
        sqlite3_bind_int64(s, 5, ord);
    store_bind_text(s, 6, source);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "changing the report form", err);
    sqlite3_finalize(s);
out:
    return isms_tx_end(st, own, rc, err);
}

int isms_incident_form_remove(struct store *st, const char *key, struct ag_error *err)
{
    int rc;
    if ((rc = check_key(key, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "removing the report field", err,
                   "DELETE FROM incident_report_fields WHERE key = ?", "s", key);
    if (rc == AG_OK && sqlite3_changes(store_db(st)) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "the report form has no field \"%s\"", key);
    return isms_tx_end(st, own, rc, err);
}
