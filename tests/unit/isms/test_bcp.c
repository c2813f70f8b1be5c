/* Business continuity and secure areas (src/isms/bcp.c, area.c) against a real store: recovery
 * tests measured against the RTO/RPO with findings raising actions, the command structure's
 * deputy rules, the check, authorisation with separation of duties, the review that leaves the
 * reviewer's own authorisation open, entries refused or flagged, visitors' badges, movements
 * approved only by a system administrator who is not the requester, time parsing, and the
 * bilingual message table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/bcp.h"

struct fx {
    struct fixture t;
    long long admin, mgr, other, admin2, ciso;
    long long area;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    fixture_init(&f->t, "bcp", "2027-04-02T09:00:00Z", FIXTURE_CATALOG);
    const char *const logins[] = {"admin", "mgr", "other", "admin2", "ciso"};
    long long *const ids[] = {&f->admin, &f->mgr, &f->other, &f->admin2, &f->ciso};
    fixture_people(f->t.st, "fac", "施設部", "Facilities", logins, ids, 5);
    assert_int_equal(isms_role_grant(f->t.st, "admin", "sysadmin", "fac", &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "admin2", "sysadmin", "fac", &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "mgr", "manager", "fac", &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "ciso", "ciso", NULL, &err), AG_OK);
    struct isms_system_new sys = {
        "BHS", "baggage-handling", "BHS", "BHS", "", "", "", "fac", NULL, true, true};
    assert_int_equal(isms_system_add(f->t.st, &sys, &err), AG_OK);
    struct isms_asset_new as = {"PLC1", "BHS", "plc", "PLC", "", "", "", "", "", NULL};
    assert_int_equal(isms_asset_add(f->t.st, &as, &err), AG_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    free(f);
    return 0;
}

static long long count(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    struct ag_error err;
    assert_int_equal(store_prepare(st, &s, sql, &err), AG_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int add(struct fx *f, const struct reg_kind *k, const char *const *pairs, long long *id,
               struct ag_error *err)
{
    const char *values[64] = {0};
    int rc = reg_values(k, pairs, values, err);
    return rc ? rc : reg_add(f->t.st, f->t.cat, k, values, id, err);
}

static void add_plan(struct fx *f)
{
    struct ag_error err;
    long long id;
    const char *p[] = {"--system",
                       "BHS",
                       "--priority",
                       "1",
                       "--rto",
                       "60",
                       "--rpo",
                       "15",
                       "--fallback",
                       "manual",
                       "--backup-location",
                       "T2",
                       "--backup-separate",
                       "yes",
                       "--owner",
                       "admin",
                       NULL};
    assert_int_equal(add(f, &reg_kind_bcp_plan, p, &id, &err), AG_OK);
}

static void test_recovery_test_rules(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = 0, action = 0;
    struct bcp_test_new t = {"BHS", NULL, "server down", "pass", "40", NULL, NULL, NULL};
    /* no plan yet: nothing to measure against */
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t, NULL, f->admin, &id, &action, &err),
                     AG_EINVAL);
    add_plan(f);
    t.minutes = "61";
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t, NULL, f->admin, &id, &action, &err),
                     AG_EINVAL);
    assert_non_null(strstr(err.msg, "more than the RTO of 60 minutes"));
    t.minutes = "60";
    t.data_loss = "16";
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t, NULL, f->admin, &id, &action, &err),
                     AG_EINVAL);
    t.data_loss = "15";
    /* someone without a role for the system */
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t, NULL, f->other, &id, &action, &err),
                     AG_EDENIED);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM bcp_tests"), 0);
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t, NULL, f->admin, &id, &action, &err),
                     AG_OK);
    assert_int_equal(action, 0);
    assert_int_equal(count(f->t.st, "SELECT rto_minutes FROM bcp_tests"), 60);
    /* a fail needs the finding; with it, one action of origin 'exercise' points at it */
    struct bcp_test_new t2 = {"BHS", NULL, "disk", "fail", NULL, NULL, NULL, NULL};
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t2, NULL, f->admin, &id, &action, &err),
                     AG_EINVAL);
    struct bcp_finding_new fd = {"no spare disk", "mgr", NULL};
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t2, &fd, f->admin, &id, &action, &err),
                     AG_EINVAL); /* due missing */
    fd.due = "2027-05-01";
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t2, &fd, f->mgr, &id, &action, &err), AG_OK);
    assert_true(action > 0);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM actions a JOIN bcp_findings b ON "
                                    "b.action_id = a.id AND a.origin = 'exercise' AND a.origin_id "
                                    "= b.id AND b.test_id = 2"),
                     1);
    /* a failure inside the transaction leaves neither the test nor the action */
    fd.owner = "nobody";
    assert_int_not_equal(bcp_test_add(f->t.st, f->t.cat, &t2, &fd, f->admin, &id, &action, &err),
                         AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM bcp_tests"), 2);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM actions"), 1);
}

static void test_overdue_and_check(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id, action;
    add_plan(f);
    setenv("AIRGUARD_NOW", "2026-03-01", 1);
    struct bcp_test_new t = {"BHS", NULL, "s", "pass", "30", NULL, NULL, NULL};
    assert_int_equal(bcp_test_add(f->t.st, f->t.cat, &t, NULL, f->admin, &id, &action, &err),
                     AG_OK);
    setenv("AIRGUARD_NOW", "2027-04-02", 1);
    struct strbuf r;
    int problems;
    strbuf_init(&r, 0);
    assert_int_equal(bcp_check(f->t.st, "2027-04-02", 0, &r, &problems, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&r), "test BHS: recovery test overdue: last 2026-03-01, "
                                           "due 2027-03-01"));
    assert_non_null(strstr(strbuf_str(&r), "no primary assembly place"));
    strbuf_reset(&r);
    /* a longer interval: not overdue */
    assert_int_equal(bcp_check(f->t.st, "2027-04-02", 24, &r, &problems, &err), AG_OK);
    assert_null(strstr(strbuf_str(&r), "overdue"));
    strbuf_release(&r);
}

static void test_command_rules(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    const char *self[] = {"--code", "HQ",        "--title", "chief", "--holder",
                          "mgr",    "--deputy1", "mgr",     NULL};
    assert_int_equal(add(f, &reg_kind_bcp_command, self, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "cannot be their own deputy"));
    const char *gap[] = {"--code",    "HQ",    "--title",   "chief", "--holder", "mgr",
                         "--deputy1", "admin", "--deputy3", "other", NULL};
    assert_int_equal(add(f, &reg_kind_bcp_command, gap, &id, &err), AG_EINVAL);
    const char *ok[] = {"--code",    "HQ",    "--title",   "chief", "--holder", "mgr",
                        "--deputy1", "admin", "--deputy2", "other", NULL};
    assert_int_equal(add(f, &reg_kind_bcp_command, ok, &id, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM bcp_command_roles"), 1);
}

static void add_area(struct fx *f)
{
    struct ag_error err;
    const char *a[] = {"--code",    "SRV", "--name",     "server room", "--dept",          "fac",
                       "--manager", "mgr", "--boundary", "walls",       "--entry-control", "card",
                       NULL};
    assert_int_equal(add(f, &reg_kind_area, a, &f->area, &err), AG_OK);
}

static void test_authorisation(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    add_area(f);
    /* 3.1.4.1(2): not for oneself; only the manager or the CISO */
    assert_int_equal(area_grant(f->t.st, f->area, "mgr", "x", NULL, f->mgr, &err), AG_EDENIED);
    assert_int_equal(area_grant(f->t.st, f->area, "admin", "ops", NULL, f->other, &err),
                     AG_EDENIED);
    assert_int_equal(area_grant(f->t.st, f->area, "admin", "ops", NULL, f->mgr, &err), AG_OK);
    assert_int_equal(area_grant(f->t.st, f->area, "admin", "ops", NULL, f->mgr, &err),
                     AG_ECONFLICT);
    assert_int_equal(area_grant(f->t.st, f->area, "mgr", "manager", NULL, f->ciso, &err), AG_OK);
    assert_int_equal(area_grant(f->t.st, f->area, "other", "project", "2027-04-10", f->mgr, &err),
                     AG_OK);
    /* the review by mgr: mgr's own authorisation is left for someone else; later other's end
     * date has passed and it is removed */
    setenv("AIRGUARD_NOW", "2027-05-01T09:00:00Z", 1);
    int c, r, o;
    assert_int_equal(area_review(f->t.st, f->area, NULL, f->mgr, &c, &r, &o, &err), AG_OK);
    assert_int_equal(c, 1);
    assert_int_equal(r, 1);
    assert_int_equal(o, 1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM area_access WHERE reviewed_by = "
                                    "person_id"),
                     0);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM area_access WHERE removed_on IS NOT NULL "
                                    "AND removal_reason LIKE 'authorisation ended%'"),
                     1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM area_areas WHERE next_review = "
                                    "'2027-11-01'"),
                     1);
}

static void test_entries(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id, e1;
    add_area(f);
    assert_int_equal(area_grant(f->t.st, f->area, "admin", "ops", NULL, f->mgr, &err), AG_OK);
    struct area_entry_new in = {"admin", 0, "2027-04-02T08:00", "IC-1", NULL, NULL};
    assert_int_equal(area_enter(f->t.st, f->area, &in, f->other, &e1, &err), AG_OK);
    assert_int_equal(area_enter(f->t.st, f->area, &in, f->other, &id, &err), AG_ECONFLICT);
    struct area_entry_new stranger = {"other", 0, "2027-04-02T08:10", NULL, NULL, NULL};
    assert_int_equal(area_enter(f->t.st, f->area, &stranger, f->admin, &id, &err), AG_EDENIED);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM area_entries"), 1);
    stranger.override = "fire brigade";
    assert_int_equal(area_enter(f->t.st, f->area, &stranger, f->admin, &id, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM area_entries WHERE authorised = 0"), 1);
    assert_int_equal(area_exit(f->t.st, e1, "2027-04-02T07:59", &err), AG_EINVAL);
    assert_int_equal(area_exit(f->t.st, e1, "2027-04-02T08:30", &err), AG_OK);
    assert_int_equal(area_exit(f->t.st, e1, NULL, &err), AG_ECONFLICT);
    /* visitors: the host must be authorised; entry needs the badge; the host escorts */
    struct area_visitor_new v = {"V", "Org", "fix", "other", NULL, NULL, NULL};
    long long vid;
    assert_int_equal(area_visitor_add(f->t.st, f->area, &v, f->admin, &vid, &err), AG_EDENIED);
    v.host = "admin";
    assert_int_equal(area_visitor_add(f->t.st, f->area, &v, f->admin, &vid, &err), AG_OK);
    struct area_entry_new ve = {NULL, vid, "2027-04-02T08:40", NULL, NULL, NULL};
    assert_int_equal(area_enter(f->t.st, f->area, &ve, f->admin, &id, &err), AG_EDENIED);
    assert_int_equal(area_badge_issue(f->t.st, vid, "V-1", "2027-04-02T08:39", &err), AG_OK);
    assert_int_equal(area_enter(f->t.st, f->area, &ve, f->admin, &id, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT escort_id FROM area_entries WHERE visitor_id = 1"),
                     f->admin);
}

static void test_moves(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long mv;
    bool unapproved;
    add_area(f);
    struct area_move_new m = {"in", "laptop", "PLC1", "system", "admin", "maintenance", NULL};
    assert_int_equal(area_move_request(f->t.st, f->area, &m, &mv, &err), AG_OK);
    assert_int_equal(area_move_decide(f->t.st, mv, true, NULL, f->admin, &err), AG_EDENIED);
    assert_int_equal(area_move_decide(f->t.st, mv, true, NULL, f->mgr, &err), AG_EDENIED);
    assert_int_equal(area_move_decide(f->t.st, mv, false, NULL, f->admin2, &err), AG_EINVAL);
    assert_int_equal(area_move_decide(f->t.st, mv, true, NULL, f->admin2, &err), AG_OK);
    assert_int_equal(area_move_done(f->t.st, mv, NULL, f->other, &unapproved, &err), AG_OK);
    assert_false(unapproved);
    m.person = "other";
    assert_int_equal(area_move_request(f->t.st, f->area, &m, &mv, &err), AG_OK);
    assert_int_equal(area_move_done(f->t.st, mv, NULL, f->other, &unapproved, &err), AG_OK);
    assert_true(unapproved);
    /* the table refuses an approval by the requester even past the library */
    sqlite3_exec(store_db(f->t.st), "UPDATE area_moves SET decided_by = person_id", NULL, NULL,
                 NULL);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM area_moves WHERE decided_by = person_id"),
                     0);
}

static void test_time(void **state)
{
    (void)state;
    char t[21];
    struct ag_error err;
    assert_int_equal(area_check_time("--at", "2027-04-02T08:05", t, &err), AG_OK);
    assert_string_equal(t, "2027-04-02T08:05:00Z");
    assert_int_equal(area_check_time("--at", "2027-04-02 08:05:09Z", t, &err), AG_OK);
    assert_string_equal(t, "2027-04-02T08:05:09Z");
    assert_int_equal(area_check_time("--at", "2027-02-30T08:05", t, &err), AG_EINVAL);
    assert_int_equal(area_check_time("--at", "2027-04-02T24:00", t, &err), AG_EINVAL);
    assert_int_equal(area_check_time("--at", "2027-04-02T08:5", t, &err), AG_EINVAL);
    assert_int_equal(area_check_time("--at", "2027-04-02T08:05:1", t, &err), AG_EINVAL);
    assert_int_equal(area_check_time("--at", "2027-04-02T08:05x", t, &err), AG_EINVAL);
}

static void test_messages(void **state)
{
    (void)state;
    bool bcp = false, area = false;
    for (size_t i = 0; i < isms_msgs_bcp_count; i++) {
        const struct ag_msg *m = &isms_msgs_bcp[i];
        assert_true(m->ja && *m->ja && m->en && *m->en);
        assert_null(strchr(m->ja, '$')); /* no reordered conversions */
        bcp |= strcmp(m->key, "bcp-usage") == 0;
        area |= strcmp(m->key, "area-usage") == 0;
        for (size_t j = 0; j < i; j++)
            if (strcmp(isms_msgs_bcp[j].key, m->key) == 0)
                fail_msg("duplicate \"%s\"", m->key);
    }
    assert_true(bcp && area);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_recovery_test_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_overdue_and_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_command_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_authorisation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_moves, setup, teardown),
        cmocka_unit_test(test_time),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
