/* Registers (src/isms/registers*.c) against a real store: field validation, the checklist
 * template of 3.1.4.3, approvals with separation of duties, derived review dates, the due list,
 * the contact check, CSV export, and the bilingual message table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/registers.h"

struct fx {
    struct fixture t;
    long long owner, ciso, mgr, other;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    fixture_init(&f->t, "register", "2027-04-02", FIXTURE_CATALOG);
    const char *const logins[] = {"owner", "ciso", "mgr", "other"};
    long long *const ids[] = {&f->owner, &f->ciso, &f->mgr, &f->other};
    fixture_people(f->t.st, "fac", "施設部", "Facilities", logins, ids, 4);
    assert_int_equal(isms_role_grant(f->t.st, "ciso", "ciso", NULL, &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "mgr", "manager", "fac", &err), AG_OK);
    struct isms_system_new sys = {
        "BHS", "baggage-handling", "BHS", "BHS", "", "", "", "fac", NULL, true, true};
    assert_int_equal(isms_system_add(f->t.st, &sys, &err), AG_OK);
    assert_int_equal(reg_checklist_seed(f->t.st, f->t.cat, &err), AG_OK);
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

static int add(struct fx *f, const char *kind, const char *const *pairs, long long *id,
               struct ag_error *err)
{
    const struct reg_kind *k = reg_kind_find(kind);
    const char *values[64] = {0};
    assert_non_null(k);
    int rc = reg_values(k, pairs, values, err);
    return rc ? rc : reg_add(f->t.st, f->t.cat, k, values, id, err);
}

static void test_checklist_template(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    /* every item of 3.1.4.3(1)-(3) for contractors, every item of (4) for cloud services */
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_checklist_items WHERE register = "
                                    "'contractor'"),
                     30);
    assert_int_equal(
        count(f->t.st, "SELECT count(*) FROM reg_checklist_items WHERE register = 'cloud'"), 17);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_checklist_items WHERE register = "
                                    "'cloud' AND item_key IN ('use-decision', 'foreign-law', "
                                    "'rpo', 'encryption', 'service-evaluation')"),
                     5);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_checklist_items WHERE text_ja = '' "
                                    "OR text_en = '' OR item_id NOT LIKE '3.1.4.3-%'"),
                     0);
    /* seeding twice adds nothing */
    assert_int_equal(reg_checklist_seed(f->t.st, f->t.cat, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_checklist_items"), 47);
    /* and the seed is audited, so the trail verifies */
    struct store_verify v;
    assert_int_equal(store_audit_verify(f->t.st, &v, &err), AG_OK);
    assert_int_equal(v.bad_seq, 0);
}

static void test_validation_writes_nothing(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    const char *const missing[] = {"--code", "PD1", "--name", "n", NULL};
    assert_int_equal(add(f, "pdata", missing, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "--dept: missing"));
    const char *const bad_level[] = {
        "--code",   "PD1", "--name",    "n", "--dept",           "fac",    "--manager",  "mgr",
        "--items",  "i",   "--purpose", "p", "--purpose-notice", "stated", "--location", "l",
        "--method", "m",   "--access",  "a", "--use-period",     "u",      "--level",    "extreme",
        NULL};
    assert_int_equal(add(f, "pdata", bad_level, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "--level: \"extreme\" is not one of: high, medium, low"));
    const char *const unknown[] = {"--colour", "red", NULL};
    const char *values[64] = {0};
    assert_int_equal(reg_values(reg_kind_find("pdata"), unknown, values, &err), AG_EINVAL);
    /* cross-field rule checked inside the transaction: rolled back */
    const char *const contact[] = {"--system", "BHS",     "--position", "1", "--party",
                                   "internal", "--means", "phone",      NULL};
    assert_int_equal(add(f, "contact", contact, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "--person LOGIN"));
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_personal_data"), 0);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_contacts"), 0);
}

static void test_ledger_review_date(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    const char *const pd[] = {"--code",           "PD1",    "--name",     "n",
                              "--dept",           "fac",    "--manager",  "mgr",
                              "--items",          "i",      "--purpose",  "p",
                              "--purpose-notice", "stated", "--location", "l",
                              "--method",         "m",      "--access",   "a",
                              "--use-period",     "u",      "--level",    "low",
                              "--review-months",  "6",      NULL};
    assert_int_equal(add(f, "pdata", pd, &id, &err), AG_OK);
    /* reviewed defaults to today (AIRGUARD_NOW), next review = + 6 months */
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_personal_data WHERE reviewed_on = "
                                    "'2027-04-02' AND next_review = '2027-10-02'"),
                     1);
    const char *upd[64] = {0};
    const char *const pairs[] = {"--reviewed", "2027-01-31", "--review-months", "1", NULL};
    assert_int_equal(reg_values(reg_kind_find("pdata"), pairs, upd, &err), AG_OK);
    assert_int_equal(reg_update(f->t.st, f->t.cat, reg_kind_find("pdata"), id, upd, &err), AG_OK);
    assert_int_equal(
        count(f->t.st, "SELECT count(*) FROM reg_personal_data WHERE next_review = '2027-02-28'"),
        1);
}

static void test_policy_approval_and_review(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    const char *const p[] = {"--code",  "P1",   "--title",         "t",  "--kind", "policy",
                             "--owner", "ciso", "--review-months", "12", NULL};
    assert_int_equal(add(f, "policy", p, &id, &err), AG_OK);
    /* the CISO owns it: cannot approve their own; a manager lacks the role */
    assert_int_equal(reg_policy_approve(f->t.st, id, f->ciso, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "3.1.4.1(2)"));
    assert_int_equal(reg_policy_approve(f->t.st, id, f->mgr, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "committee"));
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'refused'"), 2);
    assert_int_equal(isms_role_grant(f->t.st, "mgr", "committee", NULL, &err), AG_OK);
    setenv("AIRGUARD_NOW", "2026-01-15", 1);
    assert_int_equal(reg_policy_approve(f->t.st, id, f->mgr, &err), AG_OK);
    setenv("AIRGUARD_NOW", "2027-04-02", 1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_policies WHERE status = 'approved' "
                                    "AND next_review = '2027-01-15'"),
                     1);
    /* overdue in the due list */
    sqlite3_stmt *s;
    assert_int_equal(store_prepare(f->t.st, &s, reg_due_sql, &err), AG_OK);
    sqlite3_bind_text(s, 1, "2027-04-02", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, "2027-05-02", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, "en", -1, SQLITE_STATIC);
    bool found = false;
    while (sqlite3_step(s) == SQLITE_ROW)
        if (strcmp(store_col_text(s, 1), "P1") == 0 && strcmp(store_col_text(s, 4), "overdue") == 0)
            found = true;
    sqlite3_finalize(s);
    assert_true(found);
    /* review: not by the owner; "revise" needs a note and returns it to draft */
    assert_int_equal(reg_policy_review(f->t.st, id, "periodic", "confirmed", NULL, f->ciso, &err),
                     AG_EDENIED);
    assert_int_equal(reg_policy_review(f->t.st, id, "periodic", "revise", NULL, f->mgr, &err),
                     AG_EINVAL);
    assert_int_equal(reg_policy_review(f->t.st, id, "periodic", "confirmed", "ok", f->mgr, &err),
                     AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_policies WHERE next_review = "
                                    "'2028-04-02' AND last_review = '2027-04-02'"),
                     1);
    assert_int_equal(reg_policy_review(f->t.st, id, "change", "revise", "law", f->mgr, &err),
                     AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_policies WHERE status = 'draft' AND "
                                    "approved_by IS NULL"),
                     1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM reg_policy_reviews"), 2);
}

static void test_contractor_checklist(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    int unanswered, not_met;
    const char *const c[] = {
        "--code",      "C1",         "--name",  "n",          "--service",      "s",
        "--kind",      "operation",  "--owner", "owner",      "--dept",         "fac",
        "--start",     "2027-01-01", "--end",   "2027-12-31", "--access-scope", "a",
        "--selection", "s",          NULL};
    assert_int_equal(add(f, "contractor", c, &id, &err), AG_OK);
    assert_int_equal(
        reg_check_open(f->t.st, "contractor", id, "contract", &unanswered, &not_met, &err), AG_OK);
    /* 30 items less the 13 personal-data items ((1)③, (2)④) and the end inspection */
    assert_int_equal(unanswered, 16);
    assert_int_equal(not_met, 0);
    assert_int_equal(reg_check_answer(f->t.st, "contractor", id, "outage-procedure", "not_met",
                                      "draft lacks it", f->owner, &err),
                     AG_OK);
    assert_int_equal(
        reg_check_open(f->t.st, "contractor", id, "contract", &unanswered, &not_met, &err), AG_OK);
    assert_int_equal(unanswered, 15);
    assert_int_equal(not_met, 1);
    assert_int_equal(reg_contractor_approve(f->t.st, id, f->mgr, &err), AG_EDENIED);
    assert_int_equal(
        reg_check_answer(f->t.st, "contractor", id, "outage-procedure", "na", "", f->owner, &err),
        AG_EINVAL);
    assert_int_equal(
        reg_check_answer(f->t.st, "contractor", id, "no-such", "met", NULL, f->owner, &err),
        AG_EINVAL);
}

static void test_contact_check(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct strbuf r;
    int problems;
    long long id;
    strbuf_init(&r, 0);
    assert_int_equal(reg_contact_check(f->t.st, &r, &problems, &err), AG_OK);
    assert_int_equal(problems, 1);
    assert_non_null(strstr(strbuf_str(&r), "BHS: no emergency contact chain"));
    const char *const c1[] = {"--system", "BHS", "--position", "1",     "--party", "vendor",
                              "--name",   "V",   "--means",    "phone", NULL};
    assert_int_equal(add(f, "contact", c1, &id, &err), AG_OK);
    strbuf_reset(&r);
    assert_int_equal(reg_contact_check(f->t.st, &r, &problems, &err), AG_OK);
    /* not internal first, no ministry, no phone or e-mail */
    assert_int_equal(problems, 3);
    strbuf_release(&r);
}

static void test_csv_export(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    const char *const m[] = {
        "--code", "M1",     "--level", "roadmap", "--title",  "a, \"quoted\"\nline",
        "--goal", "=cmd()", "--owner", "owner",   "--target", "2027-12-31",
        NULL};
    assert_int_equal(add(f, "milestone", m, &id, &err), AG_OK);
    struct strbuf out;
    strbuf_init(&out, 0);
    assert_int_equal(reg_export_csv(f->t.st, reg_kind_find("milestone"), &out, &err), AG_OK);
    const char *csv = strbuf_str(&out);
    assert_true(strncmp(csv, "\"id\",\"code\",\"level\",", 20) == 0);
    assert_non_null(strstr(csv, "\"a, \"\"quoted\"\"\nline\""));
    assert_null(strstr(csv, ",\"=cmd()\"")); /* formula defused */
    assert_non_null(strstr(csv, "\r\n"));
    strbuf_release(&out);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'export' AND "
                                    "entity = 'reg_milestones'"),
                     1);
}

/* same printf conversions in key, ja and en; no key twice across core and register tables */
static void conversions(const char *fmt, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%' || *++p == '%')
            continue;
        while (*p && !strchr("sdizuxXcpf", *p) && k + 1 < cap)
            out[k++] = *p++;
        if (*p && k + 1 < cap)
            out[k++] = *p;
        if (!*p)
            break;
    }
    out[k] = '\0';
}

static void test_messages(void **state)
{
    (void)state;
    bool usage = false;
    for (size_t i = 0; i < isms_msgs_register_count; i++) {
        const struct ag_msg *m = &isms_msgs_register[i];
        char ck[64], cj[64], ce[64];
        conversions(m->key, ck, sizeof(ck));
        conversions(m->ja, cj, sizeof(cj));
        conversions(m->en, ce, sizeof(ce));
        if (strcmp(ck, cj) != 0 || strcmp(ck, ce) != 0)
            fail_msg("message \"%s\": conversions differ", m->key);
        usage |= strcmp(m->key, "register-usage") == 0;
        for (size_t j = 0; j < isms_msgs_core_count; j++)
            if (strcmp(isms_msgs_core[j].key, m->key) == 0)
                fail_msg("\"%s\" is in the core table already", m->key);
        for (size_t j = 0; j < i; j++)
            if (strcmp(isms_msgs_register[j].key, m->key) == 0)
                fail_msg("duplicate \"%s\"", m->key);
    }
    assert_true(usage);
    /* every register kind is named in both usage texts */
    const struct ag_msg *u = &isms_msgs_register[0];
    for (size_t k = 0; reg_kinds[k]; k++) {
        assert_non_null(strstr(u->ja, reg_kinds[k]->name));
        assert_non_null(strstr(u->en, reg_kinds[k]->name));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_checklist_template, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ledger_review_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_policy_approval_and_review, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contractor_checklist, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contact_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_export, setup, teardown),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
