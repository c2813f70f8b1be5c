/*
 * Unit tests for the ISMS building blocks: input validation messages, the organisation model
 * and role scoping, separation of duties, corrective actions' life cycle, evidence storage, the
 * demo airport, and that every message table is bilingual.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "isms/isms.h"

struct fx {
    char dir[64];
    struct store *st;
    struct catalog *cat;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    char path[128];
    snprintf(f->dir, sizeof(f->dir), "/tmp/ag-isms-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(path, sizeof(path), "%s/t.db", f->dir);
    if (store_open(&f->st, path, STORE_CREATE, &err) || store_migrate(f->st, NULL, &err) ||
        catalog_load_default(&f->cat, &err) || isms_demo(f->st, f->cat, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[128];
    store_free(f->st);
    catalog_free(f->cat);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static long long person(struct fx *f, const char *login)
{
    long long id;
    struct ag_error err;
    if (isms_person_id(f->st, login, &id, &err) != AG_OK)
        fail_msg("%s", err.msg);
    return id;
}

static long long dept(struct fx *f, const char *code)
{
    long long id;
    struct ag_error err;
    if (isms_department_id(f->st, code, &id, &err) != AG_OK)
        fail_msg("%s", err.msg);
    return id;
}

static void test_validation_messages(void **state)
{
    struct ag_error err;
    char date[11];
    long long n;
    const char *id;
    static const char *const colours[] = {"red", "green", NULL};
    struct catalog *cat;
    (void)state;
    assert_int_equal(isms_check_enum("colour", "blue", colours, &err), AG_EINVAL);
    assert_string_equal(err.msg, "colour: \"blue\" is not one of: red, green");
    assert_int_equal(isms_check_enum("colour", "green", colours, &err), AG_OK);
    assert_int_equal(isms_check_date("due", "2027-02-30", date, &err), AG_EINVAL);
    assert_string_equal(err.msg, "due: \"2027-02-30\" is not a date YYYY-MM-DD");
    assert_int_equal(isms_check_date("due", "2028-02-29", date, &err), AG_OK);
    assert_int_equal(isms_check_int("impact", "6", 1, 5, &n, &err), AG_EINVAL);
    assert_string_equal(err.msg, "impact: \"6\" is not a number from 1 to 5");
    assert_int_equal(isms_check_int("impact", "3x", 1, 5, &n, &err), AG_EINVAL);
    assert_int_equal(isms_check_int("impact", "4", 1, 5, &n, &err), AG_OK);
    assert_int_equal(n, 4);
    assert_int_equal(isms_check_text("title", "  \n ", 100, &err), AG_EINVAL);
    assert_string_equal(err.msg, "title: empty");
    assert_int_equal(isms_check_text("title", "bad\x01", 100, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "control character"));
    assert_int_equal(isms_check_text("title", "bad\xff", 100, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "UTF-8"));
    assert_int_equal(isms_check_text("title", "対策を講ずる", 100, &err), AG_OK);
    assert_int_equal(catalog_load_default(&cat, &err), AG_OK);
    assert_int_equal(isms_check_item(cat, "item", "3.1.5.1(2)(e)", &id, &err), AG_OK);
    assert_string_equal(id, "3.1.5.1-2-e");
    assert_int_equal(isms_check_item(cat, "item", "9.9", &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "item: \"9.9\" is not an item"));
    catalog_free(cat);
}

static void test_dates(void **state)
{
    char out[11];
    (void)state;
    assert_int_equal(ag_date_diff("2027-03-31", "2027-04-01"), 1);
    assert_int_equal(ag_date_diff("2028-02-28", "2028-03-01"), 2); /* leap year */
    ag_date_add("2027-12-31", 1, out);
    assert_string_equal(out, "2028-01-01");
    setenv("AIRGUARD_NOW", "2027-04-02T09:30:00Z", 1);
    char t[21];
    ag_time_iso(ag_now(), t);
    assert_string_equal(t, "2027-04-02T09:30:00Z");
    unsetenv("AIRGUARD_NOW");
}

static void test_demo_organisation(void **state)
{
    struct fx *f = *state;
    /* about twenty people across all guideline roles */
    for (size_t i = 0; isms_roles[i]; i++) {
        sqlite3_stmt *s;
        struct ag_error err;
        assert_int_equal(
            store_prepare(f->st, &s, "SELECT count(*) FROM person_roles WHERE role = ?", &err),
            AG_OK);
        sqlite3_bind_text(s, 1, isms_roles[i], -1, SQLITE_STATIC);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        if (sqlite3_column_int(s, 0) < 1)
            fail_msg("nobody holds the role %s in the demo", isms_roles[i]);
        sqlite3_finalize(s);
    }
    long long bhs;
    struct ag_error err;
    assert_int_equal(isms_system_id(f->st, "BHS", &bhs, &err), AG_OK);
    struct store_verify v;
    assert_int_equal(store_audit_verify(f->st, &v, &err), AG_OK);
    assert_int_equal(v.bad_seq, 0);
    assert_true(v.rows > 50);
}

static void test_role_scope(void **state)
{
    struct fx *f = *state;
    long long suzuki = person(f, "suzuki"), takahashi = person(f, "takahashi");
    /* manager@it covers it, not fac; an organisation-wide role covers everything */
    assert_true(isms_has_role(f->st, suzuki, "manager", dept(f, "it")));
    assert_false(isms_has_role(f->st, suzuki, "manager", dept(f, "fac")));
    assert_true(isms_has_role(f->st, takahashi, "ciso", dept(f, "fac")));
    assert_false(isms_has_role(f->st, suzuki, "ciso", 0));
    /* sub-departments inherit */
    struct ag_error err;
    assert_int_equal(isms_department_add(f->st, "it-ops", "運用課", "Operations", NULL, "it", &err),
                     AG_OK);
    assert_true(isms_has_role(f->st, suzuki, "manager", dept(f, "it-ops")));
    /* bad role and unknown person are named */
    assert_int_equal(isms_role_grant(f->st, "suzuki", "janitor", NULL, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "role: \"janitor\" is not one of"));
    assert_int_equal(isms_role_grant(f->st, "nobody", "ciso", NULL, &err), AG_ENOTFOUND);
    assert_non_null(strstr(err.msg, "\"nobody\""));
    /* revoke */
    assert_int_equal(isms_role_revoke(f->st, "suzuki", "manager", "it", &err), AG_OK);
    assert_false(isms_has_role(f->st, suzuki, "manager", dept(f, "it")));
    assert_int_equal(isms_role_revoke(f->st, "suzuki", "manager", "it", &err), AG_ENOTFOUND);
}

static void test_duties(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long hayashi = person(f, "hayashi"), tanaka = person(f, "tanaka");
    assert_int_equal(isms_duty_not_self(f->st, tanaka, tanaka, "approve request 1", &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "3.1.4.1(2)"));
    assert_non_null(strstr(err.msg, "tanaka may not approve request 1"));
    assert_int_equal(isms_duty_not_self(f->st, hayashi, tanaka, "approve request 1", &err), AG_OK);
    /* an auditor from the audit office may audit IT, not the audit office itself */
    assert_int_equal(isms_duty_not_member(f->st, hayashi, dept(f, "it"), "audit it", &err), AG_OK);
    assert_int_equal(isms_duty_not_member(f->st, hayashi, dept(f, "audit"), "audit audit", &err),
                     AG_EDENIED);
    assert_int_equal(isms_duty_has_role(f->st, tanaka, "ciso", 0, "close incident 1", &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "needs the role ciso"));
    /* refusals are recorded in the audit trail */
    sqlite3_stmt *s;
    assert_int_equal(
        store_prepare(f->st, &s, "SELECT count(*) FROM audit_log WHERE action = 'refused'", &err),
        AG_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 3);
    sqlite3_finalize(s);
}

static void test_action_lifecycle(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    const char *items[] = {"3.1.5.1(2)(e)", "3.1.5.1-1-a-c1.m1", NULL};
    struct isms_action_new a = {"audit",      0,    "アカウントロックの導入", "", "ito", "it",
                                "2027-06-30", items};
    assert_int_equal(isms_action_add(f->st, f->cat, &a, &id, &err), AG_OK);
    long long ito = person(f, "ito"), tanaka = person(f, "tanaka");
    /* verify before done: refused by state */
    assert_int_equal(isms_action_step(f->st, id, "verify", tanaka, NULL, &err), AG_EDENIED);
    /* only the owner completes, with a result */
    assert_int_equal(isms_action_step(f->st, id, "done", tanaka, "x", &err), AG_EDENIED);
    assert_int_equal(isms_action_step(f->st, id, "done", ito, NULL, &err), AG_EINVAL);
    assert_int_equal(isms_action_step(f->st, id, "done", ito, "ロック機能を設定した", &err), AG_OK);
    /* the owner cannot verify their own work */
    assert_int_equal(isms_action_step(f->st, id, "verify", ito, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "separation of duties"));
    assert_int_equal(isms_action_step(f->st, id, "reopen", tanaka, "設定漏れあり", &err), AG_OK);
    assert_int_equal(isms_action_step(f->st, id, "done", ito, "再設定した", &err), AG_OK);
    assert_int_equal(isms_action_step(f->st, id, "verify", tanaka, NULL, &err), AG_OK);
    assert_int_equal(isms_action_step(f->st, id, "cancel", tanaka, NULL, &err), AG_EDENIED);
    assert_int_equal(isms_action_step(f->st, id, "fly", tanaka, NULL, &err), AG_EINVAL);
    /* bad input: nothing written */
    const char *bad_items[] = {"9.9.9", NULL};
    struct isms_action_new b = a;
    b.items = bad_items;
    assert_int_equal(isms_action_add(f->st, f->cat, &b, &id, &err), AG_EINVAL);
    b = a;
    b.due_date = "2027-13-01";
    assert_int_equal(isms_action_add(f->st, f->cat, &b, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "due"));
    b = a;
    b.owner = "ghost";
    assert_int_equal(isms_action_add(f->st, f->cat, &b, &id, &err), AG_ENOTFOUND);
}

static void test_evidence(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char src[160], sha[65], sha2[65], dir[256], stored[400];
    long long id, id2;
    snprintf(src, sizeof(src), "%s/report.txt", f->dir);
    assert_int_equal(ag_file_write_atomic(src, "evidence body\n", 14, &err), AG_OK);
    assert_int_equal(isms_evidence_add(f->st, src, person(f, "ito"), &id, sha, &err), AG_OK);
    /* sha256("evidence body\n") computed independently by coreutils */
    char cmd[300], expect[65] = "";
    snprintf(cmd, sizeof(cmd), "sha256sum '%s'", src);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_int_equal(fscanf(p, "%64s", expect), 1);
    pclose(p);
    assert_string_equal(sha, expect);
    isms_evidence_dir(f->st, dir, sizeof(dir));
    snprintf(stored, sizeof(stored), "%s/%.2s/%s", dir, sha, sha);
    assert_int_equal(access(stored, R_OK), 0);
    /* the same content again: one row, one file */
    assert_int_equal(isms_evidence_add(f->st, src, 0, &id2, sha2, &err), AG_OK);
    assert_int_equal(id2, id);
    assert_int_equal(isms_evidence_add(f->st, "/nonexistent/file", 0, &id2, sha2, &err), AG_EIO);
}

static void test_every_message_table_is_bilingual(void **state)
{
    (void)state;
    isms_register_messages();
    size_t n = ag_tr_count();
    assert_true(n > 100);
    for (size_t i = 0; i < n; i++) {
        const char *key, *ja, *en;
        ag_tr_entry(i, &key, &ja, &en);
        if (!*ja || !*en)
            fail_msg("message \"%s\" lacks a language", key);
        for (size_t j = 0; j < i; j++) {
            const char *k2, *j2, *e2;
            ag_tr_entry(j, &k2, &j2, &e2);
            if (strcmp(k2, key) == 0)
                fail_msg("message key \"%s\" is defined twice", key);
        }
        /* the same % conversions in the same order */
        const char *a = ja, *b = en;
        for (;;) {
            a = strchr(a, '%');
            b = strchr(b, '%');
            if (!a || !b)
                break;
            size_t la = strspn(a + 1, "0123456789.*-lz"), lb = strspn(b + 1, "0123456789.*-lz");
            if (la != lb || strncmp(a, b, la + 2) != 0)
                fail_msg("message \"%s\": conversions differ between ja and en", key);
            a += la + 2;
            b += lb + 2;
        }
        if (a || b)
            fail_msg("message \"%s\": a conversion is missing in one language", key);
    }
}

/* isms_join_lines: the closure reasons, one a line, become one message; a last line break adds
 * no separator, an empty text adds nothing. */
static void test_join_lines(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    isms_join_lines(&sb, "a\nbc\n", "; ");
    assert_string_equal(strbuf_str(&sb), "a; bc");
    isms_join_lines(&sb, "", "; ");
    isms_join_lines(&sb, "\nd", " / ");
    assert_string_equal(strbuf_str(&sb), "a; bc / d");
    strbuf_release(&sb);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validation_messages),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_join_lines),
        T(test_demo_organisation),
        T(test_role_scope),
        T(test_duties),
        T(test_action_lifecycle),
        T(test_evidence),
        cmocka_unit_test(test_every_message_table_is_bilingual),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
