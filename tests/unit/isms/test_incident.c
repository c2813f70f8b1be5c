/* Incidents (src/isms/incident.c): time parsing, validation, the timeline's rules, separation of
 * duties at closure, the closure conditions, the personal-data-leak steps, and the report to
 * MLIT rendered from its field list kept as data. Each test runs on a fresh demo store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/incident.h"

static int setup(void **state)
{
    *state = fixture_new("incident", "2026-06-01T12:00:00Z",
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

/* An incident of the BHS detected 2026-05-30 08:00 JST, reported by nakamura. */
static long long open_bhs(struct fixture *f)
{
    struct ag_error err;
    long long id;
    struct isms_incident_new in = {
        "BHS 停止", "仕分けライン停止", "high", NULL, "2026-05-30T08:00+09:00", "アラーム", "fac",
        NULL};
    if (isms_incident_open(f->st, &in, who(f, "nakamura"), &id, &err) != AG_OK)
        fail_msg("open: %s", err.msg);
    return id;
}

static void test_time_parse(void **state)
{
    (void)state;
    char out[21];
    setenv("AIRGUARD_NOW", "2026-06-01T12:00:00Z", 1);
    struct ag_error err;
    assert_int_equal(isms_incident_time("at", "2026-05-12T08:05+09:00", out, &err), AG_OK);
    assert_string_equal(out, "2026-05-11T23:05:00Z");
    assert_int_equal(isms_incident_time("at", "2026-05-12 08:05:30Z", out, &err), AG_OK);
    assert_string_equal(out, "2026-05-12T08:05:30Z");
    assert_int_equal(isms_incident_time("at", "2026-05-12T08:05", out, &err), AG_OK);
    assert_string_equal(out, "2026-05-12T08:05:00Z");
    assert_int_equal(isms_incident_time("at", "2026-01-01T01:00-0500", out, &err), AG_OK);
    assert_string_equal(out, "2026-01-01T06:00:00Z");
    assert_int_equal(isms_incident_time("at", "2026-03-01T02:00+09:00", out, &err), AG_OK);
    assert_string_equal(out, "2026-02-28T17:00:00Z"); /* crosses a month end */
    const char *bad[] = {"2026-02-30T08:00", "2026-05-12T24:00",   "2026-05-12",
                         "yesterday",        "2026-05-12T08:05+9", "2026-05-12T08:05Zjunk",
                         "2026-05-12T08:60"};
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++) {
        assert_int_equal(isms_incident_time("outage-start", bad[i], out, &err), AG_EINVAL);
        assert_non_null(strstr(err.msg, "outage-start"));
        assert_non_null(strstr(err.msg, bad[i]));
    }
    /* no value is now */
    assert_int_equal(isms_incident_time("at", NULL, out, &err), AG_OK);
    assert_string_equal(out, "2026-06-01T12:00:00Z");
}

static void test_open_validation(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id, before = scalar(f, "SELECT count(*) FROM incidents", 0);
    struct isms_incident_new future = {"x",  NULL, NULL, NULL, "2026-06-02T00:00Z",
                                       NULL, NULL, NULL};
    assert_int_equal(isms_incident_open(f->st, &future, who(f, "ito"), &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "future"));
    struct isms_incident_new order = {"x",  NULL, NULL, "2026-05-30T09:00Z", "2026-05-30T08:00Z",
                                      NULL, NULL, NULL};
    assert_int_equal(isms_incident_open(f->st, &order, who(f, "ito"), &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "occurred"));
    struct isms_incident_new sev = {"x", NULL, "urgent", NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(isms_incident_open(f->st, &sev, who(f, "ito"), &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "severity: \"urgent\""));
    struct isms_incident_new nodept = {"x", NULL, NULL, NULL, NULL, NULL, "nope", NULL};
    assert_int_equal(isms_incident_open(f->st, &nodept, who(f, "ito"), &id, &err), AG_ENOTFOUND);
    assert_int_equal(scalar(f, "SELECT count(*) FROM incidents", 0), before);
    /* a good one gets its "detected" timeline entry */
    id = open_bhs(f);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM incident_events WHERE incident_id = ? AND kind "
                            "= 'detected' AND at = '2026-05-29T23:00:00Z'",
                            id),
                     1);
}

static void test_timeline_rules(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id = open_bhs(f), n = who(f, "nakamura");
    assert_int_equal(
        isms_incident_log(f->st, id, n, "reported", "2026-05-30T08:05+09:00", NULL, "報告", &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "to: missing"));
    assert_int_equal(
        isms_incident_log(f->st, id, n, "note", "2026-05-30T07:00+09:00", NULL, "x", &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "before the detection"));
    assert_int_equal(isms_incident_log(f->st, id, n, "closed", NULL, NULL, "x", &err), AG_EINVAL);
    assert_int_equal(
        isms_incident_log(f->st, id, n, "reported", "2026-05-30T08:05+09:00", "nobody", "x", &err),
        AG_ENOTFOUND);
    assert_int_equal(isms_incident_log(f->st, id, n, "reported", "2026-05-30T08:05+09:00",
                                       "yamamoto", "施設部長へ報告", &err),
                     AG_OK);
    assert_int_equal(
        isms_incident_log(f->st, id, n, "recovered", "2026-05-30T11:00+09:00", NULL, "復旧", &err),
        AG_OK);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM incidents WHERE id = ? AND status = "
                            "'recovered' AND recovered_at = '2026-05-30T02:00:00Z'",
                            id),
                     1);
    assert_int_equal(isms_incident_log(f->st, id, n, "recovered", NULL, NULL, "again", &err),
                     AG_EDENIED);
}

/* Completes everything closure needs (but a leak's steps). */
static void prepare_for_closure(struct fixture *f, long long id)
{
    struct ag_error err;
    long long n = who(f, "nakamura"), ciso = who(f, "takahashi"), action;
    const char *items[] = {"3.1.2.4(2)", NULL};
    struct isms_action_new a = {NULL, 0, "切替試験", NULL, "nakamura", "fac", "2026-08-01", items};
    struct isms_incident_impact im = {
        "BHS", "停止", "手仕分け", "2026-05-30T07:55+09:00", "2026-05-30T11:00+09:00", 3, 0, 400};
    if (isms_incident_log(f->st, id, n, "reported", "2026-05-30T08:05+09:00", "yamamoto", "報告",
                          &err) ||
        isms_incident_log(f->st, id, n, "emergency-measure", "2026-05-30T08:10+09:00", NULL,
                          "手仕分け", &err) ||
        isms_incident_system(f->st, id, n, &im, &err) ||
        isms_incident_log(f->st, id, n, "recovered", "2026-05-30T11:00+09:00", NULL, "復旧",
                          &err) ||
        isms_incident_cause(f->st, id, who(f, "yamamoto"), "accidental", "スイッチ故障",
                            "冗長設定の不備", &err) ||
        isms_incident_prevent(f->st, f->cat, id, ciso, &a, &action, &err) ||
        isms_incident_report_sent(f->st, id, ciso, NULL, &err))
        fail_msg("preparing: %s", err.msg);
}

static void test_close_duties_and_conditions(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id = open_bhs(f), ciso = who(f, "takahashi");
    struct strbuf why;
    strbuf_init(&why, 0);
    /* not yet: the reasons name the guideline items */
    assert_int_equal(isms_incident_close(f->st, id, ciso, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "not recovered yet"));
    assert_non_null(strstr(err.msg, "no emergency measure"));
    assert_non_null(strstr(err.msg, "3.1.2.4(2)③"));
    prepare_for_closure(f, id);
    assert_int_equal(isms_incident_close_check(f->st, id, &why, &err), AG_OK);
    assert_string_equal(strbuf_str(&why), "");
    strbuf_release(&why);
    /* only the CISO closes; the refusal is in the audit trail */
    long long refusals = scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'refused'", 0);
    assert_int_equal(isms_incident_close(f->st, id, who(f, "yamamoto"), NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "3.1.4.1(2)"));
    assert_non_null(strstr(err.msg, "ciso"));
    assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'refused'", 0),
                     refusals + 1);
    assert_int_equal(isms_incident_close(f->st, id, ciso, "確認した", &err), AG_OK);
    assert_int_equal(
        scalar(f, "SELECT count(*) FROM incidents WHERE id = ? AND status = 'closed'", id), 1);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM audit_log WHERE action = 'close' AND entity = "
                            "'incidents' AND entity_id = ?",
                            id),
                     1);
    /* closed: no more changes */
    assert_int_equal(isms_incident_log(f->st, id, ciso, "note", NULL, NULL, "x", &err), AG_EDENIED);
    assert_int_equal(isms_incident_close(f->st, id, ciso, NULL, &err), AG_EDENIED);
}

static void test_reporter_never_closes(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id, ciso = who(f, "takahashi");
    struct isms_incident_new in = {"CISO が認知した障害",    "概要", "high", NULL,
                                   "2026-05-30T08:00+09:00", NULL,   NULL,   NULL};
    assert_int_equal(isms_incident_open(f->st, &in, ciso, &id, &err), AG_OK);
    prepare_for_closure(f, id);
    assert_int_equal(isms_incident_close(f->st, id, ciso, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "it is their own"));
    /* a second CISO (the deputy, 3.1.4.1(4)) may */
    assert_int_equal(isms_role_grant(f->st, "sato", "ciso", NULL, &err), AG_OK);
    assert_int_equal(isms_incident_close(f->st, id, who(f, "sato"), NULL, &err), AG_OK);
}

static void test_prevent_and_cause_roles(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id = open_bhs(f), action;
    struct isms_action_new a = {NULL, 0, "対策", NULL, "nakamura", NULL, "2026-08-01", NULL};
    assert_int_equal(
        isms_incident_prevent(f->st, f->cat, id, who(f, "yamamoto"), &a, &action, &err),
        AG_EDENIED);
    assert_int_equal(
        isms_incident_cause(f->st, id, who(f, "kimura"), "accidental", NULL, NULL, &err),
        AG_EDENIED);
    assert_int_equal(
        isms_incident_cause(f->st, id, who(f, "yamamoto"), "accident", NULL, NULL, &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "intentional, accidental, environmental"));
    assert_int_equal(
        isms_incident_prevent(f->st, f->cat, id, who(f, "takahashi"), &a, &action, &err), AG_OK);
    assert_int_equal(
        scalar(f, "SELECT origin_id FROM actions WHERE origin = 'incident' AND id = ?", action),
        id);
    /* a bad owner rolls the whole step back */
    long long actions = scalar(f, "SELECT count(*) FROM actions", 0);
    a.owner = "nobody";
    assert_int_equal(
        isms_incident_prevent(f->st, f->cat, id, who(f, "takahashi"), &a, &action, &err),
        AG_ENOTFOUND);
    assert_int_equal(scalar(f, "SELECT count(*) FROM actions", 0), actions);
}

static void test_leak_steps(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id = open_bhs(f), ciso = who(f, "takahashi"), csirt = who(f, "watanabe");
    assert_int_equal(
        isms_incident_leak_step(f->st, id, ciso, "published", "2026-05-31", NULL, &err),
        AG_ENOTFOUND);
    assert_int_equal(isms_incident_leak_open(f->st, id, who(f, "kimura"), "氏名", 3, 0, &err),
                     AG_EDENIED);
    assert_int_equal(isms_incident_leak_open(f->st, id, csirt, "氏名・電話番号", 3, 0, &err),
                     AG_OK);
    assert_int_equal(isms_incident_leak_open(f->st, id, csirt, "again", 3, 0, &err), AG_ECONFLICT);
    /* the source comes first (3.1.2.6(7)①) */
    assert_int_equal(
        isms_incident_leak_step(f->st, id, csirt, "leak-stopped", "2026-05-30", NULL, &err),
        AG_EDENIED);
    assert_int_equal(
        isms_incident_leak_step(f->st, id, csirt, "source-identified", "2026-05-28", NULL, &err),
        AG_EINVAL); /* before the detection */
    assert_int_equal(
        isms_incident_leak_step(f->st, id, csirt, "source-identified", "2026-06-02", NULL, &err),
        AG_EINVAL); /* future */
    assert_int_equal(isms_incident_leak_step(f->st, id, csirt, "source-identified", "2026-05-30",
                                             "誤送信", &err),
                     AG_OK);
    assert_int_equal(
        isms_incident_leak_step(f->st, id, csirt, "leak-stopped", "2026-05-30", NULL, &err), AG_OK);
    assert_int_equal(isms_incident_leak_step(f->st, id, csirt, "no-publication", NULL, NULL, &err),
                     AG_EINVAL);
    assert_int_equal(
        isms_incident_leak_step(f->st, id, csirt, "notified", "2026-05-30", NULL, &err), AG_EINVAL);
    /* closure waits for ② ③ ④ */
    prepare_for_closure(f, id);
    struct strbuf why;
    strbuf_init(&why, 0);
    assert_int_equal(isms_incident_close_check(f->st, id, &why, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&why), "3.1.2.6(7)②"));
    assert_non_null(strstr(strbuf_str(&why), "3.1.2.6(7)④"));
    assert_non_null(strstr(strbuf_str(&why), "spread not stopped"));
    assert_null(strstr(strbuf_str(&why), "source not identified"));
    strbuf_release(&why);
}

static void test_leak_close(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    long long id = open_bhs(f), ciso = who(f, "takahashi");
    assert_int_equal(isms_incident_leak_open(f->st, id, ciso, "氏名", 3, 0, &err), AG_OK);
    prepare_for_closure(f, id);
    const char *steps[] = {"source-identified", "leak-stopped", "spread-stopped",
                           "subjects-notified", "ppc-reported"};
    for (size_t i = 0; i < AG_ARRAY_LEN(steps); i++) {
        assert_int_equal(isms_incident_close(f->st, id, ciso, NULL, &err), AG_EDENIED);
        assert_int_equal(
            isms_incident_leak_step(f->st, id, ciso, steps[i], "2026-05-31", NULL, &err), AG_OK);
    }
    assert_int_equal(isms_incident_close(f->st, id, ciso, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "neither published"));
    assert_int_equal(isms_incident_leak_step(f->st, id, ciso, "no-publication", NULL,
                                             "本人全員に通知済みで二次被害のおそれがない", &err),
                     AG_OK);
    assert_int_equal(isms_incident_close(f->st, id, ciso, NULL, &err), AG_OK);
}

static void test_report_from_field_list(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct strbuf out;
    size_t missing;
    long long id = open_bhs(f);
    strbuf_init(&out, 0);
    assert_int_equal(isms_incident_report(f->st, id, AG_LANG_JA, false, &out, &missing, &err),
                     AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "事象の概要: 仕分けライン停止"));
    assert_non_null(strstr(strbuf_str(&out), "認知日時: 2026-05-30 08:00 JST"));
    assert_non_null(
        strstr(strbuf_str(&out), "原因の種別（意図的・偶発的・環境的）: （未記入・必須）"));
    /* systems, service impact, flights, cause class, measures */
    assert_int_equal(missing, 5);
    /* sending is refused while required fields are empty, naming them */
    assert_int_equal(isms_incident_report_sent(f->st, id, who(f, "takahashi"), NULL, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "cause_class"));
    /* the form is data: relabel, add, remove — the report follows without code */
    assert_int_equal(
        isms_incident_form_set(f->st, "summary", "概要（様式改定）", NULL, -1, -1, NULL, &err),
        AG_OK);
    assert_int_equal(isms_incident_form_set(f->st, "severity", "重大度", "Severity", 1, 5,
                                            "incident.severity", &err),
                     AG_OK);
    assert_int_equal(isms_incident_form_set(f->st, "cause_class", NULL, NULL, 0, -1, NULL, &err),
                     AG_OK);
    assert_int_equal(isms_incident_form_remove(f->st, "crime_report", &err), AG_OK);
    assert_int_equal(isms_incident_form_remove(f->st, "crime_report", &err), AG_ENOTFOUND);
    assert_int_equal(isms_incident_form_set(f->st, "x", "x", "x", 1, 1, "sql:DROP TABLE", &err),
                     AG_EINVAL);
    assert_non_null(strstr(err.msg, "source"));
    assert_int_equal(isms_incident_form_set(f->st, "Bad Key", "x", "x", 1, 1, "incident.id", &err),
                     AG_EINVAL);
    assert_int_equal(
        isms_incident_form_set(f->st, "newfield", "x", NULL, 1, 1, "incident.id", &err), AG_EINVAL);
    strbuf_reset(&out);
    assert_int_equal(isms_incident_report(f->st, id, AG_LANG_EN, false, &out, &missing, &err),
                     AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "Severity: high"));
    assert_true(strstr(strbuf_str(&out), "Severity") < strstr(strbuf_str(&out), "Type of report"));
    assert_null(strstr(strbuf_str(&out), "incident-handling ministries"));
    assert_int_equal(missing, 4);
    strbuf_reset(&out);
    assert_int_equal(isms_incident_report(f->st, id, AG_LANG_JA, false, &out, &missing, &err),
                     AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "概要（様式改定）: 仕分けライン停止"));
    /* JSON: the same fields, null for empty, the missing keys listed */
    strbuf_reset(&out);
    assert_int_equal(isms_incident_report(f->st, id, AG_LANG_EN, true, &out, &missing, &err),
                     AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "\"key\": \"severity\""));
    assert_non_null(strstr(strbuf_str(&out), "\"missing\": ["));
    assert_non_null(strstr(strbuf_str(&out), "\"systems\""));
    /* every report is an export row in the audit trail */
    assert_true(scalar(f,
                       "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = "
                       "'incidents' AND entity_id = ?",
                       id) >= 4);
    strbuf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_time_parse),
        cmocka_unit_test_setup_teardown(test_open_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_close_duties_and_conditions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reporter_never_closes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_prevent_and_cause_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leak_steps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_leak_close, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_from_field_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
