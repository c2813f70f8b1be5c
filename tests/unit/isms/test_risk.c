/* Risk register (3.1.2.1): the level and status calculations, criteria validation, and the
 * workflow against a real migrated store — evaluation against the threshold, treatment,
 * acceptance with separation of duties (3.1.4.1(2)), re-evaluation on criteria changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/risk.h"

/* 5 x 5 by score: 1-4 low, 5-9 medium, 10-16 high, 20-25 critical; threshold high. */
static void default_criteria(struct risk_criteria *c)
{
    memset(c, 0, sizeof(*c));
    c->n_impact = c->n_likelihood = 5;
    c->n_levels = 4;
    c->threshold = 3;
    c->review_days = 365;
    c->decision_days = 30;
    for (int i = 1; i <= 5; i++)
        for (int l = 1; l <= 5; l++) {
            int x = i * l;
            c->matrix[i - 1][l - 1] = x >= 20 ? 4 : x >= 10 ? 3 : x >= 5 ? 2 : 1;
        }
}

static void test_level_of(void **state)
{
    (void)state;
    struct risk_criteria c;
    default_criteria(&c);
    assert_int_equal(risk_level_of(&c, 1, 1), 1);
    assert_int_equal(risk_level_of(&c, 3, 3), 2);
    assert_int_equal(risk_level_of(&c, 5, 2), 3);
    assert_int_equal(risk_level_of(&c, 5, 5), 4);
    assert_int_equal(risk_level_of(&c, 0, 3), 0);
    assert_int_equal(risk_level_of(&c, 6, 1), 0);
    assert_int_equal(risk_level_of(&c, 2, 6), 0);
}

static void test_criteria_check(void **state)
{
    (void)state;
    struct risk_criteria c;
    struct ag_error err;
    default_criteria(&c);
    assert_int_equal(risk_criteria_check(&c, &err), AG_OK);
    c.matrix[2][3] = 0; /* unset cell */
    assert_int_equal(risk_criteria_check(&c, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "impact 3 x likelihood 4"));
    default_criteria(&c);
    c.matrix[3][3] = 1; /* 4x4 lower than 3x4 */
    assert_int_equal(risk_criteria_check(&c, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "may not fall"));
    default_criteria(&c);
    c.threshold = 5;
    assert_int_equal(risk_criteria_check(&c, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "threshold 5"));
    default_criteria(&c);
    c.matrix[0][0] = 7; /* not a level */
    assert_int_equal(risk_criteria_check(&c, &err), AG_EINVAL);
}

static void test_status_of(void **state)
{
    (void)state;
    struct risk_criteria c;
    default_criteria(&c);
    assert_string_equal(risk_status_of(&c, 0, 0, false, NULL, false), "identified");
    assert_string_equal(risk_status_of(&c, 2, 0, false, NULL, false), "below_threshold");
    assert_string_equal(risk_status_of(&c, 2, 0, true, NULL, false), "needs_decision");
    assert_string_equal(risk_status_of(&c, 3, 0, false, NULL, false), "needs_decision");
    assert_string_equal(risk_status_of(&c, 4, 0, false, NULL, false), "needs_decision");
    /* retained at or above the threshold: the CISO's acceptance is needed */
    assert_string_equal(risk_status_of(&c, 3, 3, false, "retain", false), "awaiting_acceptance");
    assert_string_equal(risk_status_of(&c, 3, 3, false, "retain", true), "accepted");
    assert_string_equal(risk_status_of(&c, 2, 2, false, "retain", false), "accepted");
    /* reduced: residual below the threshold is treated; still above needs acceptance */
    assert_string_equal(risk_status_of(&c, 4, 2, false, "reduce", false), "treated");
    assert_string_equal(risk_status_of(&c, 4, 0, false, "reduce", false), "treated");
    assert_string_equal(risk_status_of(&c, 4, 3, false, "reduce", false), "awaiting_acceptance");
    assert_string_equal(risk_status_of(&c, 4, 3, false, "transfer", true), "treated");
}

static void test_treatment_parse(void **state)
{
    (void)state;
    const char *o;
    struct ag_error err;
    assert_int_equal(risk_treatment_parse("低減", &o, &err), AG_OK);
    assert_string_equal(o, "reduce");
    assert_int_equal(risk_treatment_parse("共有", &o, &err), AG_OK);
    assert_string_equal(o, "transfer");
    assert_int_equal(risk_treatment_parse("受容", &o, &err), AG_OK);
    assert_string_equal(o, "retain");
    assert_int_equal(risk_treatment_parse("avoid", &o, &err), AG_OK);
    assert_string_equal(o, "avoid");
    assert_int_equal(risk_treatment_parse("ignore", &o, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "\"ignore\""));
    assert_non_null(strstr(err.msg, "retain"));
    assert_int_equal(risk_treatment_parse(NULL, &o, &err), AG_EINVAL);
}

/* ---- against a store ---- */
struct fx {
    struct fixture t;
    long long ciso, owner, other, exec;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    fixture_init(&f->t, "risk", NULL, FIXTURE_CATALOG | FIXTURE_ACTOR);
    struct isms_person_new p[] = {{"ciso", "CISO", "", "c@x", "", NULL},
                                  {"owner", "Owner", "", "o@x", "", NULL},
                                  {"other", "Other", "", "x@x", "", NULL},
                                  {"boss", "Boss", "", "b@x", "", NULL}};
    long long *ids[] = {&f->ciso, &f->owner, &f->other, &f->exec};
    for (size_t i = 0; i < 4; i++)
        if (isms_person_add(f->t.st, &p[i], ids[i], &err))
            return -1;
    if (isms_role_grant(f->t.st, "ciso", "ciso", NULL, &err) ||
        isms_role_grant(f->t.st, "boss", "executive", NULL, &err))
        return -1;
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

static void status_is(struct store *st, long long id, const char *want)
{
    sqlite3_stmt *s;
    struct ag_error err;
    assert_int_equal(store_prepare(st, &s, "SELECT status FROM risks WHERE id = ?", &err), AG_OK);
    sqlite3_bind_int64(s, 1, id);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), want);
    sqlite3_finalize(s);
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

static long long add_risk(struct fx *f)
{
    long long id;
    struct ag_error err;
    static const char *const m[] = {"3.1.5.1(2)(e)", NULL};
    struct risk_new r = {"t", "threat", NULL, NULL, NULL, NULL, "owner", true, NULL, m, NULL};
    assert_int_equal(risk_add(f->t.st, f->t.cat, f->owner, &r, &id, &err), AG_OK);
    return id;
}

static void test_default_criteria_seeded(void **state)
{
    struct fx *f = *state;
    struct risk_criteria c, d;
    struct ag_error err;
    assert_int_equal(risk_criteria_load(f->t.st, &c, &err), AG_OK);
    default_criteria(&d);
    assert_int_equal(c.n_impact, 5);
    assert_int_equal(c.n_likelihood, 5);
    assert_int_equal(c.n_levels, 4);
    assert_int_equal(c.threshold, 3);
    assert_memory_equal(c.matrix, d.matrix, sizeof(c.matrix));
    assert_int_equal(risk_criteria_check(&c, &err), AG_OK);
}

static void test_add_validates(void **state)
{
    struct fx *f = *state;
    long long id;
    struct ag_error err;
    struct risk_new r = {"t", "", NULL, NULL, NULL, NULL, "owner", false, NULL, NULL, NULL};
    assert_int_equal(risk_add(f->t.st, f->t.cat, 0, &r, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "threat"));
    r.threat = "x";
    r.owner = "nobody";
    assert_int_equal(risk_add(f->t.st, f->t.cat, 0, &r, &id, &err), AG_ENOTFOUND);
    static const char *const bad[] = {"9.9.9", NULL};
    r.owner = "owner";
    r.measures = bad;
    assert_int_equal(risk_add(f->t.st, f->t.cat, 0, &r, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "9.9.9"));
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM risks"), 0); /* nothing half-written */
}

static void test_above_threshold_needs_decision(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = add_risk(f), action;
    status_is(f->t.st, id, "identified");
    struct risk_assessment a = {5, 3, "analysis", false, NULL};
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &a, &err), AG_OK);
    status_is(f->t.st, id, "needs_decision");
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM risks WHERE decision_due IS NOT NULL"),
                     1);
    /* a review that confirms it without a decision is refused */
    struct risk_review rv = {0, 0, 0, 0, "looked at it", NULL};
    assert_int_equal(risk_review(f->t.st, id, f->owner, &rv, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "treatment decision"));
    /* bad scale values name the field and the range */
    struct risk_assessment bad = {6, 3, "x", false, NULL};
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &bad, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "impact: 6"));
    /* someone who is neither the owner nor a CISO cannot decide the treatment */
    struct risk_treatment t = {"低減", "segment the network", NULL, "2030-01-01", NULL, 5, 1};
    assert_int_equal(risk_treat(f->t.st, f->t.cat, id, f->other, &t, &action, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "3.1.4.1(2)"));
    /* the owner reduces it: a corrective action (origin risk) is created, residual evaluated */
    assert_int_equal(risk_treat(f->t.st, f->t.cat, id, f->owner, &t, &action, &err), AG_OK);
    assert_true(action > 0);
    status_is(f->t.st, id, "treated");
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM actions WHERE origin = 'risk'"), 1);
    assert_int_equal(count(f->t.st, "SELECT residual_level FROM risks"), 2);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM risks WHERE decision_due IS NULL"), 1);
    /* a reduce plan needs a due date */
    struct risk_treatment nodue = {"reduce", "plan", NULL, NULL, NULL, 0, 0};
    assert_int_equal(risk_treat(f->t.st, f->t.cat, id, f->owner, &nodue, &action, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "due"));
}

static void test_retain_needs_ciso_acceptance(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = add_risk(f), action;
    struct risk_assessment a = {4, 3, "analysis", false, NULL};
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &a, &err), AG_OK);
    struct risk_treatment t = {"retain", "keep it until replacement", NULL, NULL, NULL, 0, 0};
    assert_int_equal(risk_treat(f->t.st, f->t.cat, id, f->owner, &t, &action, &err), AG_OK);
    assert_int_equal(action, 0);
    status_is(f->t.st, id, "awaiting_acceptance");
    /* not the owner, and only a CISO */
    assert_int_equal(risk_accept(f->t.st, id, f->owner, "ok", &err), AG_EDENIED);
    assert_int_equal(risk_accept(f->t.st, id, f->other, "ok", &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "ciso"));
    status_is(f->t.st, id, "awaiting_acceptance");
    /* refusals are recorded in the audit trail */
    assert_true(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'refused'") >= 2);
    assert_int_equal(risk_accept(f->t.st, id, f->ciso, "accepted until 2027", &err), AG_OK);
    status_is(f->t.st, id, "accepted");
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'approve' AND "
                                    "entity = 'risks'"),
                     1);
    /* accepting twice is refused by state */
    assert_int_equal(risk_accept(f->t.st, id, f->ciso, "again", &err), AG_EDENIED);
    /* a review that raises the size drops the acceptance */
    struct risk_review rv = {5, 0, 0, 0, "worse now", NULL};
    assert_int_equal(risk_review(f->t.st, id, f->owner, &rv, &err), AG_OK);
    status_is(f->t.st, id, "awaiting_acceptance");
}

static void test_ciso_decider_cannot_accept(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = add_risk(f), action;
    struct risk_assessment a = {5, 5, "analysis", false, NULL};
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &a, &err), AG_OK);
    struct risk_treatment t = {"保有", "keep", NULL, NULL, NULL, 0, 0};
    assert_int_equal(risk_treat(f->t.st, f->t.cat, id, f->ciso, &t, &action, &err), AG_OK);
    /* the CISO decided it: the CISO may not also accept it; the executive may */
    assert_int_equal(risk_accept(f->t.st, id, f->ciso, "ok", &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "their own"));
    assert_int_equal(risk_accept(f->t.st, id, f->exec, "ok", &err), AG_OK);
    status_is(f->t.st, id, "accepted");
}

static void test_criteria_change_reevaluates(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = add_risk(f);
    struct risk_assessment a = {3, 3, "analysis", false, NULL};
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &a, &err), AG_OK);
    status_is(f->t.st, id, "below_threshold");
    /* only a CISO changes the criteria */
    assert_int_equal(risk_criteria_set_settings(f->t.st, f->owner, 2, 0, 0, NULL, &err),
                     AG_EDENIED);
    status_is(f->t.st, id, "below_threshold");
    assert_int_equal(risk_criteria_set_settings(f->t.st, f->ciso, 2, 0, 0, NULL, &err), AG_OK);
    status_is(f->t.st, id, "needs_decision");
    /* a cell that breaks monotony is refused and nothing changes */
    assert_int_equal(risk_criteria_set_cell(f->t.st, f->ciso, 5, 5, 1, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "may not fall"));
    assert_int_equal(count(f->t.st, "SELECT level FROM risk_matrix WHERE impact = 5 AND "
                                    "likelihood = 5"),
                     4);
    /* raising the 3x3 cell to high re-evaluates the risk */
    assert_int_equal(risk_criteria_set_settings(f->t.st, f->ciso, 3, 0, 0, NULL, &err), AG_OK);
    status_is(f->t.st, id, "below_threshold");
    assert_int_equal(risk_criteria_set_cell(f->t.st, f->ciso, 4, 4, 2, &err), AG_EINVAL);
    assert_int_equal(risk_criteria_set_cell(f->t.st, f->ciso, 3, 3, 3, &err), AG_OK);
    status_is(f->t.st, id, "needs_decision");
    assert_true(count(f->t.st, "SELECT count(*) FROM risk_history WHERE step = 'criteria'") >= 2);
    /* a new scale value copies its neighbour's cells, so the matrix stays complete */
    assert_int_equal(risk_criteria_set_scale(f->t.st, f->ciso, "impact", 6, "壊滅的",
                                             "catastrophic", NULL, NULL, &err),
                     AG_OK);
    struct risk_criteria c;
    assert_int_equal(risk_criteria_load(f->t.st, &c, &err), AG_OK);
    assert_int_equal(c.n_impact, 6);
    assert_int_equal(risk_criteria_check(&c, &err), AG_OK);
    assert_int_equal(
        risk_criteria_set_scale(f->t.st, f->ciso, "impact", 8, "x", "x", NULL, NULL, &err),
        AG_EINVAL);
    assert_int_equal(
        risk_criteria_set_scale(f->t.st, f->ciso, "size", 1, "x", "x", NULL, NULL, &err),
        AG_EINVAL);
}

static void test_selected_below_threshold(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = add_risk(f);
    struct risk_assessment a = {2, 2, "analysis", true, NULL};
    /* selecting a risk below the threshold needs the reason (個別事情) */
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &a, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "note"));
    a.note = "legal duty to keep the video";
    assert_int_equal(risk_assess(f->t.st, id, f->owner, &a, &err), AG_OK);
    status_is(f->t.st, id, "needs_decision");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_level_of),
        cmocka_unit_test(test_criteria_check),
        cmocka_unit_test(test_status_of),
        cmocka_unit_test(test_treatment_parse),
        cmocka_unit_test_setup_teardown(test_default_criteria_seeded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_validates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_above_threshold_needs_decision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retain_needs_ciso_acceptance, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ciso_decider_cannot_accept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_criteria_change_reevaluates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_selected_below_threshold, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
