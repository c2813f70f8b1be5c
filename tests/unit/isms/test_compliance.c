/* The automatic status of measures (src/isms/compliance.c): each check kind evidenced,
 * contradicted, without data and stale against a real store at a fixed time ($AIRGUARD_NOW);
 * the measure's status from its checks; the flags on answers of 実施 raised and cleared; and the
 * checks the default catalog names are all known and sit on measures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "catalog/catalog.h"
#include "isms/alert.h"
#include "isms/compliance.h"
#include "store/store.h"

struct fx {
    struct fixture t;
    struct isms_ev_env env;
};

static int setup_with(void **state, bool demo)
{
    struct fx *f = calloc(1, sizeof(*f));
    fixture_init(&f->t, "compl", "2026-11-26T12:00:00Z",
                 FIXTURE_CATALOG | FIXTURE_ACTOR | (demo ? FIXTURE_DEMO : 0));
    isms_ev_env_init(&f->env);
    *state = f;
    return 0;
}
static int setup(void **state)
{
    return setup_with(state, false);
}
static int setup_demo(void **state)
{
    return setup_with(state, true);
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    free(f);
    return 0;
}

/* A run of kind that ended `hours` before now. */
static void run(struct fx *f, const char *kind, double hours, const char *result,
                const char *details)
{
    char t0[21], t1[21];
    struct ag_error err;
    ag_time_iso(ag_now() - (time_t)(hours * 3600) - 60, t0);
    ag_time_iso(ag_now() - (time_t)(hours * 3600), t1);
    assert_int_equal(store_monitor_run_add(f->t.st, kind, t0, t1, result, details, NULL, &err),
                     AG_OK);
}

static void alert(struct fx *f, const char *id, double hours_ago, const char *level,
                  const char *ref)
{
    char at[21];
    struct ag_error err;
    ag_time_iso(ag_now() - (time_t)(hours_ago * 3600), at);
    json_t *a = json_pack("{s:s,s:s,s:s,s:s,s:s,s:[s],s:[]}", "id", id, "time", at, "category",
                          "password_list_attack", "rule", "list attack", "level", level,
                          "guideline", ref, "catalog");
    assert_non_null(a);
    int rc = isms_alert_add_batch(f->t.st, f->t.cat, &a, 1, NULL, NULL, &err);
    json_decref(a);
    if (rc)
        fail_msg("alert: %s", err.msg);
}

/* The status of one check `name` of item `id` (English reasons). */
static const struct isms_ev_check *check_of(struct fx *f, const char *id, const char *name,
                                            struct isms_ev_measure *m)
{
    struct ag_error err;
    const struct catalog_node *n = catalog_by_id(f->t.cat, id);
    assert_non_null(n);
    if (isms_measure_status(f->t.st, n, &f->env, AG_LANG_EN, m, &err) != AG_OK)
        fail_msg("status: %s", err.msg);
    for (size_t i = 0; i < m->nchecks; i++)
        if (strcmp(m->checks[i].name, name) == 0)
            return &m->checks[i];
    fail_msg("%s has no check %s", id, name);
    return NULL;
}

static void test_alerts(void **state)
{
    struct fx *f = *state;
    struct isms_ev_measure m;
    const struct isms_ev_check *c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    assert_false(c->stale);
    assert_string_equal(c->reason, "logwatch has no run recorded");
    assert_string_equal(c->link, "/alerts?item=3.1.5.1-2-e");

    run(f, "logwatch", 72, "ok", NULL); /* three days ago: stale */
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    assert_true(c->stale);
    assert_non_null(strstr(c->reason, "more than 2 days ago"));

    run(f, "logwatch", 1, "ok", NULL);
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    assert_string_equal(c->ran_at, "2026-11-26T11:00:00Z");

    /* a medium alert and an old high one do not contradict; a high one within 30 days does */
    alert(f, "lw-medium", 2, "medium", "3.1.5.1(2)(e)");
    alert(f, "lw-old", 24 * 31, "high", "3.1.5.1(2)(e)");
    alert(f, "lw-other", 2, "critical", "3.1.5.2(4)(d)");
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    alert(f, "lw-high", 5, "high", "3.1.5.1(2)(e)");
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    assert_int_equal(m.status, ISMS_EV_CONTRADICTED);
    assert_string_equal(c->link, "/alerts?item=3.1.5.1-2-e&level=high&status=open");
    assert_string_equal(c->reason, "1 open high alerts on 3.1.5.1(2)(e) within 30 days (latest "
                                   "2026-11-26T07:00:00Z)");
    /* closing it (CSIRT handled it) takes the contradiction away */
    struct ag_error err;
    assert_int_equal(isms_alert_step(f->t.st, "lw-high", "close", 0, "blocked", &err), AG_OK);
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    /* a failed last run is no evidence */
    run(f, "logwatch", 0.5, "failed", NULL);
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    /* a serve started ten days ago whose heartbeat is recent is the run seen last */
    assert_int_equal(store_monitor_run_add(f->t.st, "logwatch", "2026-11-16T12:00:00Z",
                                           "2026-11-26T11:55:00Z", "running", NULL, NULL, &err),
                     AG_OK);
    c = check_of(f, "3.1.5.1-2-e.m1", "alerts.logwatch", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    assert_string_equal(c->ran_at, "2026-11-26T11:55:00Z");
}

static void test_baseline(void **state)
{
    struct fx *f = *state;
    struct isms_ev_measure m;
    const struct isms_ev_check *c = check_of(f, "3.1.5.2-4-a.m2", "netwatch_baseline", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    run(f, "netwatch", 1, "ok", "{\"frames\":10}");
    c = check_of(f, "3.1.5.2-4-a.m2", "netwatch_baseline", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    run(f, "netwatch", 0.5, "ok", "{\"baseline\":\"/etc/airguard/baseline.json\"}");
    c = check_of(f, "3.1.5.2-4-a.m2", "netwatch_baseline", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    assert_non_null(strstr(c->reason, "/etc/airguard/baseline.json"));
    assert_int_equal(m.status, ISMS_EV_EVIDENCED); /* alerts.netwatch evidenced as well */
}

static void test_lockout(void **state)
{
    struct fx *f = *state;
    struct isms_ev_measure m;
    const struct isms_ev_check *c = check_of(f, "3.1.5.1-2-e.m1", "auth_lockout", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    f->env.lockout_threshold = 5;
    f->env.lockout_minutes = 15;
    c = check_of(f, "3.1.5.1-2-e.m1", "auth_lockout", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    /* one evidenced check, the other without data: the measure is evidenced */
    assert_int_equal(m.status, ISMS_EV_EVIDENCED);
    f->env.lockout_threshold = 50;
    c = check_of(f, "3.1.5.1-2-e.m1", "auth_lockout", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    assert_int_equal(m.status, ISMS_EV_CONTRADICTED);
}

static void test_unused(void **state)
{
    struct fx *f = *state;
    struct isms_ev_measure m;
    f->env.unused_days = 90;
    f->env.unused_idle = 0;
    const struct isms_ev_check *c = check_of(f, "3.2.2.1-1-c4.m3", "unused_accounts", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA); /* the sweep never ran */
    run(f, "unused_accounts", 24 * 8, "ok", NULL);
    c = check_of(f, "3.2.2.1-1-c4.m3", "unused_accounts", &m);
    assert_true(c->stale);
    run(f, "unused_accounts", 2, "ok", NULL);
    c = check_of(f, "3.2.2.1-1-c4.m3", "unused_accounts", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    f->env.unused_idle = 2;
    c = check_of(f, "3.2.2.1-1-c4.m3", "unused_accounts", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    assert_string_equal(c->reason, "2 enabled accounts unused for more than 90 days");
}

static void test_jobs(void **state)
{
    struct fx *f = *state;
    struct isms_ev_measure m;
    const struct isms_ev_check *c = check_of(f, "3.1.2.4-3.m2", "backup", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    run(f, "backup", 24 * 8, "ok", "{\"file\":\"/b/a.db\"}");
    c = check_of(f, "3.1.2.4-3.m2", "backup", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    assert_true(c->stale);
    run(f, "backup", 24 * 6, "ok", "{\"file\":\"/b/b.db\"}");
    c = check_of(f, "3.1.2.4-3.m2", "backup", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    assert_non_null(strstr(c->reason, "/b/b.db"));
    run(f, "backup", 1, "failed", "{\"error\":\"disk full\"}");
    c = check_of(f, "3.1.2.4-3.m2", "backup", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    assert_non_null(strstr(c->reason, "disk full"));

    c = check_of(f, "3.1.5.2-3-d.m1", "audit_verify", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    run(f, "audit_verify", 24, "ok", "{\"rows\":1234}");
    c = check_of(f, "3.1.5.2-3-d.m1", "audit_verify", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    assert_non_null(strstr(c->reason, "1234 rows"));
    run(f, "audit_verify", 1, "failed", "{\"problem\":\"row 7 hash mismatch\"}");
    c = check_of(f, "3.1.5.2-3-d.m1", "audit_verify", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    assert_non_null(strstr(c->reason, "row 7 hash mismatch"));
}

static void test_log_archive(void **state)
{
    struct fx *f = *state;
    struct isms_ev_measure m;
    struct ag_error err;
    const struct isms_ev_check *c = check_of(f, "3.1.5.1-2-a-c1.m1", "log_archive", &m);
    assert_int_equal(c->status, ISMS_EV_NO_DATA);
    /* the log archive's record of its last verify (meta logs.last_verify) */
    assert_int_equal(
        store_meta_set(f->t.st, "logs.last_verify",
                       "{\"time\":\"2026-11-20T00:00:00Z\",\"ok\":true,\"problems\":0}", &err),
        AG_OK);
    c = check_of(f, "3.1.5.1-2-a-c1.m1", "log_archive", &m);
    assert_int_equal(c->status, ISMS_EV_EVIDENCED);
    assert_int_equal(
        store_meta_set(f->t.st, "logs.last_verify",
                       "{\"time\":\"2026-10-01T00:00:00Z\",\"ok\":true,\"problems\":0}", &err),
        AG_OK);
    c = check_of(f, "3.1.5.1-2-a-c1.m1", "log_archive", &m);
    assert_true(c->stale);
    assert_int_equal(
        store_meta_set(f->t.st, "logs.last_verify",
                       "{\"time\":\"2026-11-25T00:00:00Z\",\"ok\":false,\"problems\":3}", &err),
        AG_OK);
    c = check_of(f, "3.1.5.1-2-a-c1.m1", "log_archive", &m);
    assert_int_equal(c->status, ISMS_EV_CONTRADICTED);
    assert_non_null(strstr(c->reason, "3 problems"));
}

/* The default catalog's checks: all known to this program, only on measures, the ones the issue
 * names present. */
static void test_catalog_checks(void **state)
{
    struct fx *f = *state;
    size_t withchecks = 0;
    for (size_t i = 0; i < catalog_node_count(f->t.cat); i++) {
        const struct catalog_node *n = catalog_node_at(f->t.cat, i);
        for (size_t k = 0; k < n->nchecks; k++)
            if (!isms_ev_check_known(n->checks[k]))
                fail_msg("%s: unknown check %s", n->id, n->checks[k]);
        if (n->nchecks) {
            withchecks++;
            assert_int_equal(n->kind, CATALOG_KIND_MEASURE);
            assert_true(n->nchecks <= ISMS_EV_MAX_CHECKS);
        }
    }
    assert_true(withchecks >= 12);
    static const char *const must[] = {"3.1.5.1-2-a-c1.m1", "3.1.5.1-2-e.m1", "3.2.2.1-1-c4.m3",
                                       "3.1.5.2-4-a.m2",    "3.1.5.2-4-d.m1", "3.1.5.1-2-c.m2",
                                       "3.1.2.4-3.m2",      "3.1.5.2-3-d.m1"};
    for (size_t i = 0; i < AG_ARRAY_LEN(must); i++)
        assert_true(catalog_by_id(f->t.cat, must[i])->nchecks > 0);
    assert_false(isms_ev_check_known("alerts.hostcheck"));
}

static long long scalar(struct fx *f, const char *sql)
{
    sqlite3_stmt *s;
    struct ag_error err;
    long long v = -1;
    assert_int_equal(store_prepare(f->t.st, &s, sql, &err), AG_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* The demo: 3.1.5.1(2)(e) contradicted with an answer of 実施 → flagged; closing the alert clears
 * the flag. Also the cost of the whole catalog's status (printed, not asserted). */
static void test_flags(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct isms_ev_flag *fl;
    size_t n, raised, cleared;
    f->env.lockout_threshold = 5;
    assert_int_equal(isms_ev_flags(f->t.st, f->t.cat, &f->env, AG_LANG_EN, 0, &fl, &n, &err),
                     AG_OK);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found |= strcmp(fl[i].node->id, "3.1.5.1-2-e.m1") == 0;
    free(fl);
    assert_true(found);
    assert_int_equal(isms_ev_flags_sync(f->t.st, f->t.cat, &f->env, &raised, &cleared, &err),
                     AG_OK);
    assert_int_equal(raised, n);
    assert_int_equal(cleared, 0);
    assert_int_equal(isms_ev_flags_sync(f->t.st, f->t.cat, &f->env, &raised, &cleared, &err),
                     AG_OK);
    assert_int_equal(raised, 0); /* one open flag per answer */
    assert_int_equal(scalar(f, "SELECT count(*) FROM compliance_flags WHERE cleared_at IS NULL AND "
                               "item_id = '3.1.5.1-2-e.m1'"),
                     scalar(f, "SELECT count(*) FROM assess_answers a JOIN assess_sheets s ON s.id "
                               "= a.sheet_id WHERE a.item_id = '3.1.5.1-2-e.m1' AND s.plan_id = 2 "
                               "AND s.round = 1 AND s.status = 'submitted' AND a.answer = "
                               "'implemented'"));
    assert_int_equal(isms_alert_step(f->t.st, "lw-demo00000000000e01", "close", 0, "", &err),
                     AG_OK);
    assert_int_equal(isms_ev_flags_sync(f->t.st, f->t.cat, &f->env, &raised, &cleared, &err),
                     AG_OK);
    assert_true(cleared >= 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM compliance_flags WHERE cleared_at IS NULL AND "
                               "item_id = '3.1.5.1-2-e.m1'"),
                     0);

    const struct catalog_node **nodes;
    size_t nn;
    assert_int_equal(isms_ev_nodes(f->t.cat, &nodes, &nn), AG_OK);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int r = 0; r < 100; r++)
        for (size_t i = 0; i < nn; i++) {
            struct isms_ev_measure m;
            assert_int_equal(isms_measure_status(f->t.st, nodes[i], &f->env, AG_LANG_JA, &m, &err),
                             AG_OK);
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(nodes);
    print_message("# the whole catalog's status (%zu measures): %.1f µs\n", nn,
                  ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
                      100 / 1e3);
}

int main(void)
{
    isms_register_messages(); /* the reasons are looked up in the message tables */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alerts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_baseline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lockout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_jobs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_log_archive, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catalog_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flags, setup_demo, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
