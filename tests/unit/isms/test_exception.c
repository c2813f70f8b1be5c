/* Exceptions (例外措置, 3.1.2.3(2)②): the effective status over time, and the workflow against
 * a real migrated store — CISO-only designation, every required field, reviewer rules and
 * separation of duties (3.1.4.1(2)), expiry recorded in the audit trail, the end report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/exception.h"

static void test_effective_status(void **state)
{
    (void)state;
    const char *s = "2027-04-01", *e = "2027-04-30";
    assert_string_equal(exception_effective_status("requested", s, e, "2027-03-01"), "requested");
    assert_string_equal(exception_effective_status("requested", s, e, "2027-04-10"), "requested");
    assert_string_equal(exception_effective_status("requested", s, e, "2027-05-01"), "expired");
    assert_string_equal(exception_effective_status("approved", s, e, "2027-03-31"), "approved");
    assert_string_equal(exception_effective_status("approved", s, e, "2027-04-01"), "active");
    assert_string_equal(exception_effective_status("approved", s, e, "2027-04-30"), "active");
    assert_string_equal(exception_effective_status("approved", s, e, "2027-05-01"), "expired");
    assert_string_equal(exception_effective_status("active", s, e, "2027-05-01"), "expired");
    assert_string_equal(exception_effective_status("rejected", s, e, "2027-05-01"), "rejected");
    assert_string_equal(exception_effective_status("ended", s, e, "2027-05-01"), "ended");
    assert_string_equal(exception_effective_status("withdrawn", s, e, "2027-05-01"), "withdrawn");
}

struct fx {
    struct fixture t;
    long long ciso, applicant, reviewer, other, secrev;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    fixture_init(&f->t, "exc", "2027-04-02", FIXTURE_CATALOG | FIXTURE_ACTOR);
    if (isms_department_add(f->t.st, "fac", "施設部", "Facilities", NULL, NULL, &err) ||
        isms_department_add(f->t.st, "sec", "保安部", "Security", NULL, NULL, &err))
        return -1;
    struct isms_person_new p[] = {{"ciso", "CISO", "", "c@x", "", NULL},
                                  {"appl", "申請 太郎", "", "a@x", "123", "fac"},
                                  {"rev", "Reviewer", "", "r@x", "", NULL},
                                  {"other", "Other", "", "o@x", "", NULL},
                                  {"secrev", "Sec reviewer", "", "s@x", "", "sec"}};
    long long *ids[] = {&f->ciso, &f->applicant, &f->reviewer, &f->other, &f->secrev};
    for (size_t i = 0; i < 5; i++)
        if (isms_person_add(f->t.st, &p[i], ids[i], &err))
            return -1;
    if (isms_role_grant(f->t.st, "ciso", "ciso", NULL, &err) ||
        exception_designate(f->t.st, f->ciso, "rev", NULL, &err) ||
        exception_designate(f->t.st, f->ciso, "appl", NULL, &err) ||
        exception_designate(f->t.st, f->ciso, "secrev", "sec", &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    unsetenv("AIRGUARD_NOW");
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

static struct exception_new full(void)
{
    struct exception_new e = {NULL,     "対策基準",   "第12条",         "3.1.5.1(1)(e)",
                              NULL,     "2027-04-01", "2027-04-30",     "alternative",
                              "impact", "handling",   "report by mail", "reason",
                              0};
    return e;
}

static void test_designation_is_for_the_ciso(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    assert_int_equal(exception_designate(f->t.st, f->reviewer, "other", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "ciso"));
    assert_false(exception_is_reviewer(f->t.st, f->other, 0));
    assert_int_equal(exception_designate(f->t.st, f->ciso, "rev", NULL, &err), AG_ECONFLICT);
    assert_int_equal(exception_designate(f->t.st, f->ciso, "ghost", NULL, &err), AG_ENOTFOUND);
    assert_int_equal(exception_revoke(f->t.st, f->ciso, "other", NULL, &err), AG_ENOTFOUND);
    assert_int_equal(exception_set_procedure(f->t.st, f->other, "x", 30, &err), AG_EDENIED);
    assert_int_equal(exception_set_procedure(f->t.st, f->ciso, NULL, 30, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT max_days FROM exception_settings"), 30);
}

static void test_request_needs_every_field(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    struct exception_new e = full();
    e.end_report_method = "";
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "end-report"));
    e = full();
    e.reason = NULL;
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "reason"));
    e = full();
    e.measures = " ";
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "measures"));
    e = full();
    e.end = "2027-03-01";
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_EINVAL);
    e = full();
    e.end = "2028-04-30"; /* longer than the procedure's 180 days */
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "180"));
    e = full();
    e.start = "2027-02-30";
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "start"));
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM exceptions"), 0);
    e = full();
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_OK);
    /* the applicant's name, department and contact are recorded */
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM exceptions WHERE applicant_name = "
                                    "'申請 太郎' AND applicant_dept = '施設部' AND "
                                    "applicant_contact = 'a@x 123'"),
                     1);
}

static void test_decision_rules(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    struct exception_new e = full();
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_OK);
    /* the applicant never decides, even as a designated reviewer */
    assert_int_equal(exception_decide(f->t.st, id, f->applicant, true, "ok", NULL, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "3.1.4.1(2)"));
    /* someone not designated, and a reviewer designated for another department */
    assert_int_equal(exception_decide(f->t.st, id, f->other, true, "ok", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "designated"));
    assert_int_equal(exception_decide(f->t.st, id, f->secrev, true, "ok", NULL, &err), AG_EDENIED);
    /* the review record is required */
    assert_int_equal(exception_decide(f->t.st, id, f->reviewer, true, "", NULL, &err), AG_EINVAL);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM exceptions WHERE status = 'requested'"),
                     1);
    assert_true(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'refused'") >= 3);
    assert_int_equal(exception_decide(f->t.st, id, f->reviewer, true, "alternatives suffice",
                                      "monthly log review", &err),
                     AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'approve' AND "
                                    "entity = 'exceptions'"),
                     1);
    /* decided once only */
    assert_int_equal(exception_decide(f->t.st, id, f->reviewer, false, "no", NULL, &err),
                     AG_EDENIED);
    /* a revoked reviewer cannot decide the next one */
    assert_int_equal(exception_revoke(f->t.st, f->ciso, "rev", NULL, &err), AG_OK);
    long long id2;
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id2, &err), AG_OK);
    assert_int_equal(exception_decide(f->t.st, id2, f->reviewer, false, "no", NULL, &err),
                     AG_EDENIED);
    /* withdraw: only the applicant */
    assert_int_equal(exception_withdraw(f->t.st, id2, f->other, &err), AG_EDENIED);
    assert_int_equal(exception_withdraw(f->t.st, id2, f->applicant, &err), AG_OK);
}

static void test_expiry_and_end(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    int changed;
    struct exception_new e = full();
    assert_int_equal(exception_request(f->t.st, f->t.cat, f->applicant, &e, &id, &err), AG_OK);
    assert_int_equal(exception_decide(f->t.st, id, f->reviewer, true, "ok", NULL, &err), AG_OK);
    /* on 2027-04-02 it is active */
    assert_int_equal(exception_expire(f->t.st, &changed, &err), AG_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM exceptions WHERE status = 'active'"), 1);
    assert_int_equal(exception_expire(f->t.st, &changed, &err), AG_OK);
    assert_int_equal(changed, 0);
    /* after the end date it expires, and the expiry is in the audit trail */
    setenv("AIRGUARD_NOW", "2027-05-01", 1);
    assert_int_equal(exception_expire(f->t.st, &changed, &err), AG_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM exceptions WHERE status = 'expired' AND "
                                    "expired_at IS NOT NULL"),
                     1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'expire'"), 1);
    /* the end report: by the applicant, with text */
    assert_int_equal(exception_end(f->t.st, id, f->other, "done", &err), AG_EDENIED);
    assert_int_equal(exception_end(f->t.st, id, f->applicant, "", &err), AG_EINVAL);
    assert_int_equal(exception_end(f->t.st, id, f->applicant, "restored the rule", &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM exceptions WHERE status = 'ended'"), 1);
    assert_int_equal(exception_end(f->t.st, id, f->applicant, "again", &err), AG_EDENIED);
    assert_int_equal(exception_expire(f->t.st, &changed, &err), AG_OK);
    assert_int_equal(changed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_effective_status),
        cmocka_unit_test_setup_teardown(test_designation_is_for_the_ciso, setup, teardown),
        cmocka_unit_test_setup_teardown(test_request_needs_every_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decision_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_and_end, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
