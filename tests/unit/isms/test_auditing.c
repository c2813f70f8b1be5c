/* ISMS audits (src/isms/auditing.c, 3.3.1.1(2)): the annual and per-audit plans, the
 * independence of auditors (role auditor, not of the audited department: 3.1.4.1(2)), findings,
 * the report, the CISO's instruction, improvement plans and their verification, closure. Each
 * test runs on a fresh demo store (which has FY2026 audits already). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/auditing.h"

static int setup(void **state)
{
    *state = fixture_new("auditing", "2026-06-01T12:00:00Z",
                         FIXTURE_DEMO | FIXTURE_ACTOR | FIXTURE_MESSAGES);
    return 0;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

static long long who(struct fixture *f, const char *login)
{
    return fixture_person(f->st, login);
}

static long long scalar(struct fixture *f, const char *sql, long long id)
{
    return fixture_scalar(f->st, sql, id);
}

static const struct isms_audit_programme_new programme_2027 = {
    "2027", "FIDS", "情報漏えい防止", "2027-04-01", "2028-03-31", "内部監査室", NULL, "500000"};

static struct isms_audit_new plan(const char *dept, const char *const *auditors)
{
    struct isms_audit_new a = {"2027", "監査",     dept, "2027-05-10", "2027-05-20", "T2",    false,
                               NULL,   "監査要点", NULL, NULL,         "週次報告",   auditors};
    return a;
}

static void test_programme(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id;
    assert_int_equal(isms_audit_programme_add(f->st, &programme_2027, who(f, "tanaka"), &id, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "auditor"));
    struct isms_audit_programme_new bad = programme_2027;
    bad.period_end = "2027-03-31";
    assert_int_equal(isms_audit_programme_add(f->st, &bad, who(f, "hayashi"), &id, &err),
                     AG_EINVAL);
    bad = programme_2027;
    bad.budget_yen = "-1";
    assert_int_equal(isms_audit_programme_add(f->st, &bad, who(f, "hayashi"), &id, &err),
                     AG_EINVAL);
    assert_non_null(strstr(err.msg, "budget"));
    bad = programme_2027;
    bad.management = "";
    assert_int_equal(isms_audit_programme_add(f->st, &bad, who(f, "hayashi"), &id, &err),
                     AG_EINVAL);
    assert_int_equal(isms_audit_programme_add(f->st, &programme_2027, who(f, "hayashi"), &id, &err),
                     AG_OK);
    assert_int_equal(isms_audit_programme_add(f->st, &programme_2027, who(f, "hayashi"), &id, &err),
                     AG_ECONFLICT);
}

static void test_auditor_independence(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long prog, id;
    assert_int_equal(
        isms_audit_programme_add(f->st, &programme_2027, who(f, "hayashi"), &prog, &err), AG_OK);
    long long audits = scalar(f, "SELECT count(*) FROM audits", 0);
    long long refusals = scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'refused'", 0);
    /* an auditor of the audited department: refused by isms_duty_not_member */
    assert_int_equal(isms_role_grant(f->st, "kobayashi", "auditor", NULL, &err), AG_OK);
    const char *own_dept[] = {"hayashi", "kobayashi:ログ確認", NULL};
    struct isms_audit_new a = plan("fac", own_dept);
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "kobayashi may not audit the department fac"));
    assert_non_null(strstr(err.msg, "belong to that department"));
    /* the internal audit office cannot audit itself */
    const char *self[] = {"hayashi", NULL};
    a = plan("audit", self);
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_EDENIED);
    /* an auditor needs the role */
    const char *norole[] = {"hayashi", "tanaka", NULL};
    a = plan("fac", norole);
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "role auditor"));
    /* nothing was written; every refusal is in the audit trail */
    assert_int_equal(scalar(f, "SELECT count(*) FROM audits", 0), audits);
    assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'refused'", 0),
                     refusals + 3);
    /* outside the annual plan's period, no plan for the year, no auditors */
    const char *ok[] = {"hayashi:主任", "shimizu", NULL};
    a = plan("fac", ok);
    a.end = "2028-04-02";
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "outside"));
    a = plan("fac", ok);
    a.fiscal_year = "2030";
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_ENOTFOUND);
    const char *none[] = {NULL};
    a = plan("fac", none);
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_EINVAL);
    const char *twice[] = {"hayashi", "hayashi", NULL};
    a = plan("fac", twice);
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_EINVAL);
    a = plan("fac", ok);
    assert_int_equal(isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err), AG_OK);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM audit_auditors WHERE audit_id = ? AND lead = 1 "
                            "AND assignment = '主任'",
                            id),
                     1);
    /* adding an auditor later: the same rules */
    assert_int_equal(isms_audit_auditor_add(f->st, id, "kobayashi", NULL, who(f, "hayashi"), &err),
                     AG_EDENIED);
    assert_int_equal(isms_audit_auditor_add(f->st, id, "shimizu", NULL, who(f, "hayashi"), &err),
                     AG_ECONFLICT);
}

/* A 2027 audit of fac by hayashi (lead) and shimizu; returns its id. */
static long long fac_audit(struct fixture *f)
{
    struct ag_error err;
    long long prog, id;
    const char *auditors[] = {"hayashi:主任", "shimizu", NULL};
    struct isms_audit_new a = plan("fac", auditors);
    if (isms_audit_programme_add(f->st, &programme_2027, who(f, "hayashi"), &prog, &err) ||
        isms_audit_add(f->st, &a, who(f, "hayashi"), &id, &err))
        fail_msg("%s", err.msg);
    return id;
}

static void test_findings(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long audit = fac_audit(f), id;
    struct isms_audit_finding_new fd = {"3.1.5.1(2)(e)",  "minor", "operation",
                                        "共用アカウント", NULL,    NULL};
    /* another auditor, not assigned to this audit */
    assert_int_equal(isms_role_grant(f->st, "inoue", "auditor", NULL, &err), AG_OK);
    assert_int_equal(isms_audit_finding_add(f->st, f->cat, audit, who(f, "inoue"), &fd, &id, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "not an auditor assigned"));
    struct isms_audit_finding_new bad = fd;
    bad.item = "9.9.9";
    assert_int_equal(
        isms_audit_finding_add(f->st, f->cat, audit, who(f, "hayashi"), &bad, &id, &err),
        AG_EINVAL);
    bad = fd;
    bad.classification = "critical";
    assert_int_equal(
        isms_audit_finding_add(f->st, f->cat, audit, who(f, "hayashi"), &bad, &id, &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "conforming, major, minor, observation"));
    bad = fd;
    bad.aspect = "both";
    assert_int_equal(
        isms_audit_finding_add(f->st, f->cat, audit, who(f, "hayashi"), &bad, &id, &err),
        AG_EINVAL);
    assert_int_equal(
        isms_audit_finding_add(f->st, f->cat, audit, who(f, "hayashi"), &fd, &id, &err), AG_OK);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM audit_findings WHERE id = ? AND item_id = "
                            "'3.1.5.1-2-e'",
                            id),
                     1);
    /* an assigned auditor who moved into the audited department loses independence */
    assert_int_equal(store_exec(f->st,
                                "UPDATE people SET department_id = (SELECT id FROM departments "
                                "WHERE code = 'fac') WHERE login = 'shimizu'",
                                &err),
                     AG_OK);
    assert_int_equal(
        isms_audit_finding_add(f->st, f->cat, audit, who(f, "shimizu"), &fd, &id, &err),
        AG_EDENIED);
    assert_non_null(strstr(err.msg, "belong to that department"));
}

static void test_improvement_cycle(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long audit = fac_audit(f), fminor, fconf, action;
    long long hayashi = who(f, "hayashi"), ciso = who(f, "takahashi");
    struct isms_audit_finding_new minor = {"3.1.5.1(2)(e)",  "minor",          "operation",
                                           "共用アカウント", "アカウント一覧", NULL};
    struct isms_audit_finding_new conf = {"3.1.2.4(1)", "conforming", "rules",
                                          "BCP あり",   NULL,         NULL};
    assert_int_equal(isms_audit_report(f->st, audit, hayashi, "概要", &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "no findings"));
    assert_int_equal(isms_audit_finding_add(f->st, f->cat, audit, hayashi, &minor, &fminor, &err),
                     AG_OK);
    assert_int_equal(isms_audit_finding_add(f->st, f->cat, audit, hayashi, &conf, &fconf, &err),
                     AG_OK);
    /* improvement before the CISO's instruction */
    assert_int_equal(isms_audit_improve(f->st, f->cat, fminor, who(f, "yamamoto"), "個人化", NULL,
                                        "nakamura", "2027-07-01", &action, &err),
                     AG_EDENIED);
    assert_int_equal(isms_audit_report(f->st, audit, hayashi, "軽微1件", &err), AG_OK);
    assert_int_equal(isms_audit_finding_add(f->st, f->cat, audit, hayashi, &minor, &fminor, &err),
                     AG_EDENIED); /* reported: no more findings */
    assert_int_equal(isms_audit_instruct(f->st, audit, who(f, "yamamoto"), "2027-07-01", &err),
                     AG_EDENIED);
    assert_int_equal(isms_audit_close(f->st, audit, ciso, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "not instructed"));
    assert_int_equal(isms_audit_instruct(f->st, audit, ciso, "2027-07-01", &err), AG_OK);
    /* the plan is the audited department's: its manager, an owner of that department */
    assert_int_equal(isms_audit_improve(f->st, f->cat, fminor, who(f, "sasaki"), "個人化", NULL,
                                        "nakamura", "2027-07-01", &action, &err),
                     AG_EDENIED);
    assert_int_equal(isms_audit_improve(f->st, f->cat, fminor, who(f, "yamamoto"), "個人化", NULL,
                                        "tanaka", "2027-07-01", &action, &err),
                     AG_EINVAL);
    assert_int_equal(isms_audit_improve(f->st, f->cat, fconf, who(f, "yamamoto"), "x", NULL,
                                        "nakamura", "2027-07-01", &action, &err),
                     AG_EINVAL);
    assert_int_equal(isms_audit_improve(f->st, f->cat, fminor, who(f, "yamamoto"), "個人化", NULL,
                                        "nakamura", "2027-07-01", &action, &err),
                     AG_OK);
    assert_int_equal(
        scalar(f, "SELECT origin_id FROM actions WHERE origin = 'audit' AND id = ?", action),
        fminor);
    assert_int_equal(isms_audit_close(f->st, audit, ciso, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "not yet verified"));
    /* verification: nothing done yet, then by an assigned auditor only */
    assert_int_equal(isms_audit_confirm(f->st, fminor, hayashi, false, NULL, &err), AG_EDENIED);
    assert_int_equal(isms_action_step(f->st, action, "done", who(f, "nakamura"), "発行済み", &err),
                     AG_OK);
    assert_int_equal(isms_audit_confirm(f->st, fminor, who(f, "yamamoto"), false, NULL, &err),
                     AG_EDENIED);
    assert_int_equal(isms_audit_confirm(f->st, fminor, hayashi, true, "記録不足", &err), AG_OK);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM actions WHERE id = ? AND status = "
                            "'in_progress'",
                            action),
                     1);
    assert_int_equal(isms_action_step(f->st, action, "done", who(f, "nakamura"), "再提出", &err),
                     AG_OK);
    assert_int_equal(isms_audit_confirm(f->st, fminor, hayashi, false, NULL, &err), AG_OK);
    assert_int_equal(scalar(f, "SELECT verified_by FROM actions WHERE id = ?", action), hayashi);
    /* only the CISO closes */
    assert_int_equal(isms_audit_close(f->st, audit, hayashi, &err), AG_EDENIED);
    assert_int_equal(isms_audit_close(f->st, audit, ciso, &err), AG_OK);
    assert_int_equal(isms_audit_close(f->st, audit, ciso, &err), AG_EDENIED);
    /* the report document */
    struct strbuf out;
    strbuf_init(&out, 0);
    assert_int_equal(isms_audit_render(f->st, audit, AG_LANG_JA, false, &out, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "軽微な不適合"));
    assert_non_null(strstr(strbuf_str(&out), "被監査部門: fac"));
    assert_non_null(strstr(strbuf_str(&out), "適合 1 件、重大な不適合 0 件、軽微な不適合 1 件"));
    strbuf_reset(&out);
    assert_int_equal(isms_audit_render(f->st, audit, AG_LANG_EN, true, &out, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "\"classification\": \"minor\""));
    assert_non_null(strstr(strbuf_str(&out), "\"minor\": 1"));
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_programme, setup, teardown),
        cmocka_unit_test_setup_teardown(test_auditor_independence, setup, teardown),
        cmocka_unit_test_setup_teardown(test_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_improvement_cycle, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
