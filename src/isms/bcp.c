/*
 * bcp.c — business continuity (3.1.2.4, 3.1.4.1(4), 3.2.3.1): the register descriptions of
 * the plans per system, the emergency command structure, the assembly places and the exercises;
 * the recovery test log, findings that raise corrective actions, exercise participants, the
 * check and the views (bcp.h).
 *
 * Invariants: a recovery test copies the plan's RTO and RPO of the day, and a pass is only
 * recorded when the measured recovery is within them; a test that is not a pass is recorded
 * together with a finding and its corrective action, in one transaction. Findings of tests and
 * exercises are rows of bcp_findings; their action has origin 'exercise' and origin_id = the
 * finding, so the action list leads back to the test or exercise.
 */
#include "isms/bcp.h"

const char *const bcp_results[] = {"pass", "partial", "fail", NULL};

/* ---- register descriptions ---- */

/* REG_REF targets: table, label column */
static const char *const ref_command[] = {"bcp_command_roles", "title", NULL};
static const char *const ref_site[] = {"sites", "name_ja", NULL};

/* 3.1.2.4(1)(3), 3.2.3.1(3) */
static const struct reg_field plan_fields[] = {
    {"--system", "system_id", REG_SYSTEM, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--priority", "priority", REG_INT, REG_REQUIRED, NULL, 1, 9},
    {"--priority-business", "priority_business", REG_LONG, 0, NULL, 0, 0},
    {"--rto", "rto_minutes", REG_INT, REG_REQUIRED, NULL, 1, 525600},
    {"--rpo", "rpo_minutes", REG_INT, REG_REQUIRED, NULL, 0, 525600},
    {"--fallback", "fallback", REG_LONG, REG_REQUIRED, NULL, 0, 0},
    {"--recovery-plan", "recovery_plan", REG_LONG, 0, NULL, 0, 0},
    {"--standby", "standby", REG_LONG, 0, NULL, 0, 0},
    {"--liaison", "liaison", REG_TEXT, 0, NULL, 0, 0},
    {"--backup-target", "backup_target", REG_TEXT, 0, NULL, 0, 0},
    {"--backup-cycle", "backup_cycle", REG_TEXT, 0, NULL, 0, 0},
    {"--backup-media", "backup_media", REG_TEXT, 0, NULL, 0, 0},
    {"--backup-location", "backup_location", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--backup-separate", "backup_separate", REG_BOOL, REG_REQUIRED, NULL, 0, 0},
    {"--backup-note", "backup_note", REG_TEXT, 0, NULL, 0, 0},
    {"--backup-protection", "backup_protection", REG_TEXT, 0, NULL, 0, 0},
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--test-months", "test_months", REG_INT, 0, NULL, 1, 60},
};
#define LAST_TEST(col)                                                                             \
    "(SELECT t." col " FROM bcp_tests t WHERE t.system_id = x.system_id ORDER BY t.tested_on "     \
    "DESC, t.id DESC LIMIT 1)"
const struct reg_kind reg_kind_bcp_plan = {
    "bcp-plan",
    "bcp_plans",
    NULL,
    plan_fields,
    AG_ARRAY_LEN(plan_fields),
    "SELECT x.id, s.code AS system, x.priority, x.rto_minutes, x.rpo_minutes, " LAST_TEST(
        "tested_on") " AS last_test, " LAST_TEST("result") " AS last_result, x.priority_business, "
                                                           "x.fallback, x.recovery_plan, "
                                                           "x.standby, x.liaison, "
                                                           "x.backup_target, x.backup_cycle, "
                                                           "x.backup_media, x.backup_location, "
                                                           "CASE x.backup_separate WHEN 1 THEN "
                                                           "'yes' ELSE 'no' END AS "
                                                           "backup_separate, x.backup_note, "
                                                           "x.backup_protection, o.login AS "
                                                           "owner, x.test_months FROM bcp_plans "
                                                           "x JOIN systems s ON s.id = "
                                                           "x.system_id JOIN people o ON o.id = "
                                                           "x.owner_id",
    " ORDER BY x.priority, s.code",
    NULL,
    "SELECT CASE WHEN backup_separate = 0 AND backup_note = '' THEN '--backup-note: backups kept "
    "where the same failure can reach them need the reason and what is planned (3.2.3.1(3))' END "
    "FROM bcp_plans WHERE id = ?1",
};

/* 3.1.4.1(4) 指揮命令系統 and 代行順位 */
static const struct reg_field cmd_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--title", "title", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--parent", "parent_id", REG_REF, 0, ref_command, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0},
    {"--duties", "duties", REG_LONG, 0, NULL, 0, 0},
    {"--holder", "holder_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--deputy1", "deputy1_id", REG_PERSON, 0, NULL, 0, 0},
    {"--deputy2", "deputy2_id", REG_PERSON, 0, NULL, 0, 0},
    {"--deputy3", "deputy3_id", REG_PERSON, 0, NULL, 0, 0},
    {"--means", "means", REG_TEXT, 0, NULL, 0, 0},
    {"--resources", "resources", REG_LONG, 0, NULL, 0, 0},
};
const struct reg_kind reg_kind_bcp_command = {
    "bcp-command",
    "bcp_command_roles",
    "code",
    cmd_fields,
    AG_ARRAY_LEN(cmd_fields),
    "SELECT x.id, x.code, x.title, p.code AS reports_to, h.login AS holder, d1.login AS deputy1, "
    "d2.login AS deputy2, d3.login AS deputy3, d.code AS department, x.duties, x.means, "
    "x.resources FROM bcp_command_roles x JOIN people h ON h.id = x.holder_id LEFT JOIN "
    "bcp_command_roles p ON p.id = x.parent_id LEFT JOIN departments d ON d.id = "
    "x.department_id LEFT JOIN people d1 ON d1.id = x.deputy1_id LEFT JOIN people d2 ON d2.id = "
    "x.deputy2_id LEFT JOIN people d3 ON d3.id = x.deputy3_id",
    " ORDER BY coalesce(x.parent_id, 0), x.code",
    NULL,
    "WITH RECURSIVE up(id, n) AS (SELECT parent_id, 1 FROM bcp_command_roles WHERE id = ?1 UNION "
    "ALL SELECT r.parent_id, n + 1 FROM bcp_command_roles r JOIN up ON r.id = up.id WHERE n < "
    "64) SELECT CASE WHEN r.parent_id = r.id THEN '--parent: a role cannot report to itself' "
    "WHEN EXISTS (SELECT 1 FROM up WHERE up.id = ?1) THEN '--parent: the chain of command would "
    "go round in a circle' WHEN r.holder_id IN (coalesce(r.deputy1_id, 0), coalesce(r.deputy2_id, "
    "0), coalesce(r.deputy3_id, 0)) THEN '--deputy1/2/3: the holder cannot be their own deputy "
    "(3.1.4.1(4) 代行順位)' WHEN r.deputy1_id IS NULL AND (r.deputy2_id IS NOT NULL OR "
    "r.deputy3_id IS NOT NULL) THEN '--deputy2/3: the order of deputies begins with --deputy1' "
    "WHEN r.deputy2_id IS NULL AND r.deputy3_id IS NOT NULL THEN '--deputy3: needs --deputy2 "
    "first' WHEN r.deputy1_id IN (coalesce(r.deputy2_id, 0), coalesce(r.deputy3_id, 0)) OR "
    "r.deputy2_id = r.deputy3_id THEN '--deputy1/2/3: each deputy is a different person' END "
    "FROM bcp_command_roles r WHERE r.id = ?1",
};

/* 3.2.3.1(1) 集合場所 */
static const char *const place_kinds[] = {"primary", "alternate", NULL};
static const struct reg_field place_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--name", "name", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--kind", "kind", REG_ENUM, REG_REQUIRED, place_kinds, 0, 0},
    {"--rank", "rank", REG_INT, 0, NULL, 1, 9},
    {"--site", "site_id", REG_REF, 0, ref_site, 0, 0},
    {"--address", "address", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--equipment", "equipment", REG_LONG, 0, NULL, 0, 0},
    {"--note", "note", REG_LONG, 0, NULL, 0, 0},
};
const struct reg_kind reg_kind_bcp_place = {
    "bcp-place",
    "bcp_places",
    "code",
    place_fields,
    AG_ARRAY_LEN(place_fields),
    "SELECT x.id, x.code, x.name, x.kind AS place_kind, x.rank, s.code AS site, x.address, "
    "x.equipment, x.note FROM bcp_places x LEFT JOIN sites s ON s.id = x.site_id",
    " ORDER BY x.kind <> 'primary', x.rank, x.code",
    NULL,
    NULL,
};

/* 3.1.2.4(1) 教育訓練等の実施計画 */
static const char *const ex_kinds[] = {"tabletop",   "walkthrough", "functional",
                                       "full-scale", "call-tree",   NULL};
static const char *const ex_status[] = {"planned", "held", "cancelled", NULL};
static const struct reg_field ex_fields[] = {
    {"--title", "title", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--kind", "kind", REG_ENUM, REG_REQUIRED, ex_kinds, 0, 0},
    {"--scenario", "scenario", REG_LONG, REG_REQUIRED, NULL, 0, 0},
    {"--planned", "planned_on", REG_DATE, REG_REQUIRED, NULL, 0, 0},
    {"--held", "held_on", REG_DATE, 0, NULL, 0, 0},
    {"--status", "status", REG_ENUM, 0, ex_status, 0, 0},
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0},
    {"--systems", "systems", REG_TEXT, 0, NULL, 0, 0},
    {"--notes", "notes", REG_LONG, 0, NULL, 0, 0},
};
const struct reg_kind reg_kind_bcp_exercise = {
    "bcp-exercise",
    "bcp_exercises",
    NULL,
    ex_fields,
    AG_ARRAY_LEN(ex_fields),
    "SELECT x.id, x.title, x.kind AS exercise_kind, x.planned_on, x.held_on, x.status, o.login "
    "AS owner, d.code AS department, x.scenario, x.systems, x.notes, (SELECT group_concat(p.login, "
    "' ') FROM bcp_exercise_participants e JOIN people p ON p.id = e.person_id WHERE "
    "e.exercise_id = x.id) AS participants, (SELECT count(*) FROM bcp_findings f WHERE "
    "f.exercise_id = x.id) AS findings FROM bcp_exercises x JOIN people o ON o.id = x.owner_id "
    "LEFT JOIN departments d ON d.id = x.department_id",
    " ORDER BY x.planned_on, x.id",
    /* a held date makes a planned exercise held; held without a date was held today */
    "UPDATE bcp_exercises SET status = CASE WHEN held_on IS NOT NULL AND status = 'planned' THEN "
    "'held' ELSE status END, held_on = CASE WHEN status = 'held' THEN coalesce(held_on, ?2) ELSE "
    "held_on END WHERE id = ?1",
    "SELECT CASE WHEN status = 'cancelled' AND held_on IS NOT NULL THEN '--held: a cancelled "
    "exercise was not held (clear --held \"\")' END FROM bcp_exercises WHERE id = ?1",
};

/* ---- steps ---- */

/* The plan of a system: id, owner, owner department of the system, RTO, RPO. */
struct plan_row {
    long long system, dept, rto, rpo;
    bool found;
};

static int load_plan(struct store *st, const char *code, struct plan_row *p, struct ag_error *err)
{
    int rc;
    memset(p, 0, sizeof(*p));
    if ((rc = isms_system_id(st, code, &p->system, err)))
        return ag_error_set(err, rc, "--system: no system \"%.64s\"", code ? code : "");
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT coalesce(s.owner_department_id, 0), p.rto_minutes, "
                            "p.rpo_minutes, p.id FROM systems s LEFT JOIN bcp_plans p ON "
                            "p.system_id = s.id WHERE s.id = ?1",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, p->system);
    if (sqlite3_step(s) == SQLITE_ROW) {
        p->dept = sqlite3_column_int64(s, 0);
        p->rto = sqlite3_column_int64(s, 1);
        p->rpo = sqlite3_column_int64(s, 2);
        p->found = sqlite3_column_type(s, 3) != SQLITE_NULL;
    }
    sqlite3_finalize(s);
    if (!p->found)
        return ag_error_set(err, AG_EINVAL,
                            "--system: %s has no continuity plan, so there is no RTO to measure "
                            "the test against (airguard bcp plan add --system %s …)",
                            code, code);
    return AG_OK;
}

/* The system's administrator or manager (of its department), or the CISO (3.1.2.4(3)). */
static int may_test(struct store *st, long long actor, long long dept, const char *what,
                    struct ag_error *err)
{
    if (isms_has_role(st, actor, "ciso", 0) || isms_has_role(st, actor, "manager", dept))
        return AG_OK;
    return isms_duty_has_role(st, actor, "sysadmin", dept, what, err);
}

static int check_finding(const struct bcp_finding_new *f, struct ag_error *err)
{
    char due[11];
    int rc;
    if ((rc = isms_check_text("--finding", f->finding, 2000, err)))
        return rc;
    if (!f->owner || !*f->owner)
        return ag_error_set(err, AG_EINVAL, "--owner: the corrective action needs an owner");
    if (!f->due || !*f->due)
        return ag_error_set(err, AG_EINVAL, "--due: the corrective action needs a due date");
    return isms_check_date("--due", f->due, due, err);
}

/* Inserts the finding and its action (origin 'exercise', origin_id = the finding); inside the
 * caller's transaction. */
static int finding_write(struct store *st, const struct catalog *cat, bool test, long long of,
                         const struct bcp_finding_new *f, const char *title_prefix,
                         long long *finding, long long *action, struct ag_error *err)
{
    char today[11];
    ag_date_iso(ag_now(), today);
    int rc = store_run(st, "recording the finding", err,
                       test ? "INSERT INTO bcp_findings(test_id, finding, recorded_on) VALUES "
                              "(?, ?, ?)"
                            : "INSERT INTO bcp_findings(exercise_id, finding, recorded_on) "
                              "VALUES (?, ?, ?)",
                       "iss", of, f->finding, today);
    if (rc)
        return rc;
    long long fid = store_last_id(st);
    char title[600];
    snprintf(title, sizeof(title), "%s: %.480s", title_prefix, f->finding);
    static const char *const test_items[] = {"3.1.2.4-3.m1", "3.2.3.1-3.m1", NULL};
    static const char *const ex_items[] = {"3.1.2.4-1.m3", NULL};
    struct isms_action_new a = {"exercise", fid,  title,  f->finding,
                                f->owner,   NULL, f->due, test ? test_items : ex_items};
    /* a catalog without these items (another edition) still gets the action */
    if (cat && (!catalog_find(cat, a.items[0]) || (test && !catalog_find(cat, a.items[1]))))
        a.items = NULL;
    long long aid = 0;
    if ((rc = isms_action_add(st, cat, &a, &aid, err)))
        return rc;
    if ((rc = store_run(st, "linking the finding to its action", err,
                        "UPDATE bcp_findings SET action_id = ? WHERE id = ?", "ii", aid, fid)))
        return rc;
    if (finding)
        *finding = fid;
    if (action)
        *action = aid;
    return AG_OK;
}

static int check_minutes(const char *field, const char *v, bool *given, long long *out,
                         struct ag_error *err)
{
    *given = v && *v;
    *out = 0;
    return *given ? isms_check_int(field, v, 0, 525600, out, err) : AG_OK;
}

int bcp_test_add(struct store *st, const struct catalog *cat, const struct bcp_test_new *t,
                 const struct bcp_finding_new *f, long long actor, long long *id, long long *action,
                 struct ag_error *err)
{
    struct plan_row p;
    char date[11], today[11], now[21], what[96];
    long long minutes = 0, loss = 0;
    bool has_minutes, has_loss;
    int rc;
    ag_date_iso(ag_now(), today);
    if (action)
        *action = 0;
    if ((rc = load_plan(st, t->system, &p, err)))
        return rc;
    if ((rc = isms_check_date("--date", t->date && *t->date ? t->date : today, date, err)) ||
        (rc = isms_check_text("--scenario", t->scenario, 2000, err)) ||
        (rc = isms_check_enum("--result", t->result, bcp_results, err)) ||
        (rc = check_minutes("--minutes", t->minutes, &has_minutes, &minutes, err)) ||
        (rc = check_minutes("--data-loss", t->data_loss, &has_loss, &loss, err)))
        return rc;
    if (strcmp(date, today) > 0)
        return ag_error_set(err, AG_EINVAL, "--date: %s is in the future; record a test after it",
                            date);
    if (t->participants && *t->participants &&
        (rc = isms_check_text("--participants", t->participants, 2000, err)))
        return rc;
    if (t->notes && *t->notes && (rc = isms_check_text("--notes", t->notes, 20000, err)))
        return rc;
    bool pass = strcmp(t->result, "pass") == 0;
    if (pass && !has_minutes)
        return ag_error_set(err, AG_EINVAL,
                            "--minutes: a pass needs the measured time to recover, to compare "
                            "with the RTO of %lld minutes",
                            p.rto);
    if (pass && minutes > p.rto)
        return ag_error_set(err, AG_EINVAL,
                            "--result pass: the recovery took %lld minutes, more than the RTO of "
                            "%lld minutes; record partial or fail with the finding",
                            minutes, p.rto);
    if (pass && has_loss && loss > p.rpo)
        return ag_error_set(err, AG_EINVAL,
                            "--result pass: %lld minutes of data were lost, more than the RPO of "
                            "%lld minutes; record partial or fail with the finding",
                            loss, p.rpo);
    if (!pass && (!f || !f->finding || !*f->finding))
        return ag_error_set(err, AG_EINVAL,
                            "--finding: a test that is not a pass needs what was found, with "
                            "--owner and --due for its corrective action");
    if (f && f->finding && *f->finding && (rc = check_finding(f, err)))
        return rc;
    snprintf(what, sizeof(what), "record a recovery test of %.40s", t->system);
    if ((rc = may_test(st, actor, p.dept, what, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    sqlite3_stmt *s = NULL;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO bcp_tests(system_id, tested_on, scenario, result, "
                            "recovery_minutes, rto_minutes, data_loss_minutes, rpo_minutes, "
                            "conducted_by, participants, notes, recorded_at) VALUES (?1, ?2, ?3, "
                            "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, p.system);
    store_bind_text(s, 2, date);
    store_bind_text(s, 3, t->scenario);
    store_bind_text(s, 4, t->result);
    if (has_minutes)
        sqlite3_bind_int64(s, 5, minutes);
    sqlite3_bind_int64(s, 6, p.rto);
    if (has_loss)
        sqlite3_bind_int64(s, 7, loss);
    sqlite3_bind_int64(s, 8, p.rpo);
    sqlite3_bind_int64(s, 9, actor);
    store_bind_text(s, 10, t->participants ? t->participants : "");
    store_bind_text(s, 11, t->notes ? t->notes : "");
    store_bind_text(s, 12, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = store_error(st, "recording the recovery test", err);
        goto out;
    }
    *id = store_last_id(st);
    if (f && f->finding && *f->finding) {
        char prefix[96];
        snprintf(prefix, sizeof(prefix), "recovery test %lld (%.40s)", *id, t->system);
        rc = finding_write(st, cat, true, *id, f, prefix, NULL, action, err);
    }
out:
    sqlite3_finalize(s);
    return isms_tx_end(st, own, rc, err);
}

int bcp_finding_add(struct store *st, const struct catalog *cat, const char *of, long long id,
                    const struct bcp_finding_new *f, long long actor, long long *finding,
                    long long *action, struct ag_error *err)
{
    static const char *const kinds[] = {"test", "exercise", NULL};
    int rc;
    char what[96], prefix[96];
    if ((rc = isms_check_enum("finding of", of, kinds, err)) || (rc = check_finding(f, err)))
        return rc;
    bool test = strcmp(of, "test") == 0;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            test ? "SELECT coalesce(y.owner_department_id, 0), y.code, 0, '' "
                                   "FROM bcp_tests t JOIN systems y ON y.id = t.system_id WHERE "
                                   "t.id = ?1"
                                 : "SELECT coalesce(department_id, 0), title, owner_id, status "
                                   "FROM bcp_exercises WHERE id = ?1",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    long long dept = 0, owner = 0;
    char label[80] = "", status[16] = "";
    bool found = sqlite3_step(s) == SQLITE_ROW;
    if (found) {
        dept = sqlite3_column_int64(s, 0);
        snprintf(label, sizeof(label), "%s", store_col_text(s, 1));
        owner = sqlite3_column_int64(s, 2);
        snprintf(status, sizeof(status), "%s", store_col_text(s, 3));
    }
    sqlite3_finalize(s);
    if (!found)
        return ag_error_set(err, AG_ENOTFOUND, "%s %lld does not exist",
                            test ? "recovery test" : "exercise", id);
    if (test) {
        snprintf(what, sizeof(what), "record a finding of recovery test %lld", id);
        if ((rc = may_test(st, actor, dept, what, err)))
            return rc;
        snprintf(prefix, sizeof(prefix), "recovery test %lld (%.40s)", id, label);
    } else {
        if (strcmp(status, "held") != 0)
            return ag_error_set(err, AG_EDENIED,
                                "exercise %lld is %s: findings come from a held exercise (set "
                                "--held DATE first)",
                                id, status);
        snprintf(what, sizeof(what), "record a finding of exercise %lld", id);
        if (actor != owner && !isms_has_role(st, actor, "ciso", 0) &&
            (rc = isms_duty_has_role(st, actor, "committee", 0, what, err)))
            return rc;
        snprintf(prefix, sizeof(prefix), "BCP exercise %lld (%.60s)", id, label);
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = finding_write(st, cat, test, id, f, prefix, finding, action, err);
    return isms_tx_end(st, own, rc, err);
}

int bcp_exercise_people(struct store *st, long long id, const char *const *logins,
                        struct ag_error *err)
{
    int rc;
    long long pid;
    if (!logins || !logins[0])
        return ag_error_set(err, AG_EINVAL, "--people: give at least one login");
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, "SELECT id FROM bcp_exercises WHERE id = ?1", err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    bool found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (!found)
        return ag_error_set(err, AG_ENOTFOUND, "exercise %lld does not exist", id);
    for (size_t i = 0; logins[i]; i++)
        if ((rc = isms_person_id(st, logins[i], &pid, err)))
            return ag_error_set(err, rc, "--people: no person with the login \"%.64s\"", logins[i]);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    for (size_t i = 0; logins[i] && rc == AG_OK; i++)
        if ((rc = isms_person_id(st, logins[i], &pid, err)) == AG_OK)
            rc = store_run(st, "recording a participant", err,
                           "INSERT OR IGNORE INTO bcp_exercise_participants(exercise_id, "
                           "person_id) VALUES (?, ?)",
                           "ii", id, pid);
    return isms_tx_end(st, own, rc, err);
}

/* ---- views ---- */

#define NEXT_DUE REG_ADD_MONTHS("lt.tested_on", "coalesce(?2, p.test_months)")
#define STATUS_FROM                                                                                \
    " FROM systems s LEFT JOIN bcp_plans p ON p.system_id = s.id LEFT JOIN people o ON o.id = "    \
    "p.owner_id LEFT JOIN bcp_tests lt ON lt.id = (SELECT t.id FROM bcp_tests t WHERE "            \
    "t.system_id = s.id ORDER BY t.tested_on DESC, t.id DESC LIMIT 1)"
#define STATUS_COLS                                                                                \
    "SELECT s.code AS system, CASE WHEN ?3 = 'en' AND s.name_en <> '' THEN s.name_en ELSE "        \
    "s.name_ja END AS system_name, p.priority, p.rto_minutes, p.rpo_minutes, p.fallback, "         \
    "p.backup_location, CASE p.backup_separate WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS "         \
    "backup_separate, lt.tested_on AS last_test, lt.result AS last_result, lt.recovery_minutes "   \
    "AS last_minutes, CASE WHEN lt.id IS NULL THEN NULL ELSE " NEXT_DUE " END AS next_test, "      \
    "CASE WHEN p.id IS NULL THEN 'no-plan' WHEN lt.id IS NULL THEN 'untested' WHEN " NEXT_DUE      \
    " < ?1 THEN 'overdue' ELSE 'ok' END AS test_state, o.login AS owner"
const char bcp_status_sql[] = STATUS_COLS STATUS_FROM
    " WHERE p.id IS NOT NULL OR s.critical = 1 ORDER BY p.priority IS NULL, p.priority, s.code";
const char bcp_overdue_sql[] = STATUS_COLS STATUS_FROM
    " WHERE p.id IS NOT NULL AND (lt.id IS NULL OR " NEXT_DUE " < ?1) ORDER BY p.priority, s.code";

const char bcp_tests_sql[] =
    "SELECT t.id, s.code AS system, t.tested_on, t.scenario, t.result, t.recovery_minutes, "
    "t.rto_minutes, t.data_loss_minutes, t.rpo_minutes, p.login AS conducted_by, "
    "t.participants, (SELECT group_concat(f.action_id, ' ') FROM bcp_findings f WHERE f.test_id "
    "= t.id) AS actions FROM bcp_tests t JOIN systems s ON s.id = t.system_id JOIN people p ON "
    "p.id = t.conducted_by WHERE ?1 IS NULL OR s.code = ?1 ORDER BY t.tested_on DESC, t.id DESC";

const char bcp_findings_sql[] =
    "SELECT f.id, CASE WHEN f.test_id IS NOT NULL THEN 'test' ELSE 'exercise' END AS finding_of, "
    "coalesce(f.test_id, f.exercise_id) AS of_id, f.recorded_on, f.finding, f.action_id AS "
    "action, a.status AS action_status, o.login AS action_owner, a.due_date FROM bcp_findings f "
    "LEFT JOIN actions a ON a.id = f.action_id LEFT JOIN people o ON o.id = a.owner_id WHERE (?1 "
    "IS NULL OR (?1 = 'test' AND f.test_id = ?2) OR (?1 = 'exercise' AND f.exercise_id = ?2)) "
    "ORDER BY f.id";

/* A person's emergency phone: from the emergency contact register (3.1.4.1(3)(a)) where the
 * person is an entry, else the person's record. */
#define PHONE(alias)                                                                               \
    "coalesce((SELECT c.phone FROM reg_contacts c WHERE c.person_id = " alias                      \
    ".id AND c.phone <> '' ORDER BY c.position LIMIT 1), nullif(" alias ".phone, ''), '')"
#define WHO(alias)                                                                                 \
    "CASE WHEN " alias ".id IS NULL THEN '' ELSE " alias ".login || ' ' || CASE WHEN ?1 = 'en' "   \
    "AND " alias ".name_en <> '' THEN " alias ".name_en ELSE " alias                               \
    ".name END || CASE WHEN " PHONE(alias) " <> '' THEN ' ☎ ' || " PHONE(                          \
        alias) " ELSE '' END || CASE WHEN " alias ".active = 0 THEN ' [left]' ELSE '' END END"
const char bcp_structure_sql[] =
    "SELECT x.code, x.title, p.code AS reports_to, " WHO("h") " AS holder, " WHO(
        "d1") " AS deputy1, " WHO("d2") " AS deputy2, " WHO("d3") " AS deputy3, x.means FROM "
                                                                  "bcp_command_roles x JOIN "
                                                                  "people h ON h.id = "
                                                                  "x.holder_id LEFT JOIN "
                                                                  "bcp_command_roles p ON p.id "
                                                                  "= x.parent_id LEFT JOIN "
                                                                  "people d1 ON d1.id = "
                                                                  "x.deputy1_id LEFT JOIN "
                                                                  "people d2 ON d2.id = "
                                                                  "x.deputy2_id LEFT JOIN "
                                                                  "people d3 ON d3.id = "
                                                                  "x.deputy3_id ORDER BY "
                                                                  "coalesce(x.parent_id, 0), "
                                                                  "x.code";

const char bcp_year_sql[] =
    "SELECT x.id, x.planned_on, x.held_on, x.status, x.title, x.kind AS exercise_kind, o.login "
    "AS owner, (SELECT count(*) FROM bcp_exercise_participants e WHERE e.exercise_id = x.id) AS "
    "participants, (SELECT count(*) FROM bcp_findings f WHERE f.exercise_id = x.id) AS findings "
    "FROM bcp_exercises x JOIN people o ON o.id = x.owner_id WHERE substr(x.planned_on, 1, 4) = "
    "?1 OR substr(x.held_on, 1, 4) = ?1 ORDER BY x.planned_on, x.id";
const char bcp_year_summary_sql[] =
    "SELECT count(*) AS planned, coalesce(sum(status = 'held'), 0) AS held, "
    "coalesce(sum(status = 'cancelled'), 0) AS cancelled, coalesce(sum(status = 'planned' AND "
    "planned_on < ?2), 0) AS past_not_held FROM bcp_exercises WHERE substr(planned_on, 1, 4) = "
    "?1";

/* ---- the check ---- */

static const char check_sql[] =
    /* 3.1.2.4: every critical system has a plan */
    "SELECT 'plan', s.code, 'critical system without a continuity plan (3.1.2.4(1))' FROM "
    "systems s WHERE s.critical = 1 AND NOT EXISTS (SELECT 1 FROM bcp_plans p WHERE p.system_id "
    "= s.id) "
    "UNION ALL SELECT 'backup', s.code, 'backups are kept where the same failure can reach them "
    "(3.2.3.1(3)): ' || p.backup_location || ' — ' || p.backup_note FROM bcp_plans p JOIN "
    "systems s ON s.id = p.system_id WHERE p.backup_separate = 0 "
    "UNION ALL SELECT 'test', s.code, CASE WHEN lt.id IS NULL THEN 'never tested: no recovery "
    "test on record' ELSE 'recovery test overdue: last ' || lt.tested_on || ', due ' || " NEXT_DUE
    " END FROM systems s JOIN bcp_plans p ON p.system_id = s.id LEFT JOIN bcp_tests lt ON lt.id "
    "= (SELECT t.id FROM bcp_tests t WHERE t.system_id = s.id ORDER BY t.tested_on DESC, t.id "
    "DESC LIMIT 1) WHERE lt.id IS NULL OR " NEXT_DUE " < ?1 "
    "UNION ALL SELECT 'test', s.code, 'last recovery test was ' || lt.result || ' (' || "
    "lt.tested_on || '); ' || (SELECT count(*) FROM bcp_findings f JOIN actions a ON a.id = "
    "f.action_id WHERE f.test_id = lt.id AND a.status NOT IN ('done', 'verified', 'cancelled')) "
    "|| ' corrective action(s) open' FROM systems s JOIN bcp_tests lt ON lt.id = (SELECT t.id "
    "FROM bcp_tests t WHERE t.system_id = s.id ORDER BY t.tested_on DESC, t.id DESC LIMIT 1) "
    "WHERE lt.result <> 'pass' "
    /* 3.1.4.1(4) 代行順位 */
    "UNION ALL SELECT 'command', r.code, 'no deputy: when ' || h.login || ' cannot be reached "
    "nobody takes over (3.1.4.1(4))' FROM bcp_command_roles r JOIN people h ON h.id = "
    "r.holder_id WHERE r.deputy1_id IS NULL "
    "UNION ALL SELECT 'command', r.code, p.login || ' (' || CASE p.id WHEN r.holder_id THEN "
    "'holder' WHEN r.deputy1_id THEN 'deputy 1' WHEN r.deputy2_id THEN 'deputy 2' ELSE 'deputy 3' "
    "END || ') has left' FROM bcp_command_roles r JOIN people p ON p.id IN (r.holder_id, "
    "r.deputy1_id, r.deputy2_id, r.deputy3_id) WHERE p.active = 0 "
    "UNION ALL SELECT 'command', r.code, p.login || ' has no phone in the emergency contact "
    "register or their record (3.1.4.1(3)(a))' FROM bcp_command_roles r JOIN people p ON p.id "
    "IN (r.holder_id, r.deputy1_id, r.deputy2_id, r.deputy3_id) WHERE " PHONE(
        "p") " = '' "
             /* 3.2.3.1(1) 集合場所 */
             "UNION ALL SELECT 'place', '-', 'no primary assembly place (3.2.3.1(1))' WHERE NOT "
             "EXISTS "
             "(SELECT 1 FROM bcp_places WHERE kind = 'primary') "
             "UNION ALL SELECT 'place', '-', 'no alternate assembly place for when the primary "
             "site is "
             "hit (3.2.3.1(1))' WHERE NOT EXISTS (SELECT 1 FROM bcp_places WHERE kind = "
             "'alternate') "
             "UNION ALL SELECT 'place', a.code, 'the alternate place is on the same site as the "
             "primary "
             "' || p.code FROM bcp_places a JOIN bcp_places p ON p.kind = 'primary' AND p.site_id "
             "= "
             "a.site_id WHERE a.kind = 'alternate'";

int bcp_check(struct store *st, const char *today, int months, struct strbuf *report, int *problems,
              struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, check_sql, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, today);
    if (months > 0)
        sqlite3_bind_int(s, 2, months);
    *problems = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        strbuf_addf(report, "%s %s: %s\n", store_col_text(s, 0), store_col_text(s, 1),
                    store_col_text(s, 2));
        (*problems)++;
    }
    if (step != SQLITE_DONE)
        rc = store_error(st, "checking the continuity arrangements", err);
    sqlite3_finalize(s);
    return rc;
}
