/*
 * test_unused.c — long-unused accounts (src/auth/unused.c) and the administrator's rules
 * (src/auth/admin.c) against a real store, with the clock set by $AIRGUARD_NOW: an account is
 * disabled at sign-in and by the sweep once its last use is older than auth.disable_after_days,
 * not a day earlier; re-enabling restarts the clock; an administrator cannot change their own
 * account and the last usable administrator cannot be removed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"

#include "auth/auth.h"
#include "isms/isms.h"
#include "store/store.h"

#include <unistd.h>

#define PW "Correct-Horse-42"

struct fx {
    struct fixture t;
    struct auth_policy pol;
};

static void at(const char *when)
{
    setenv("AIRGUARD_NOW", when, 1);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    if (auth_init(&err))
        return -1;
    fixture_init(&f->t, "unused", "2027-01-01T09:00:00Z", 0);
    static const char *const logins[] = {"sato", "ito", "mori", "abe"};
    auth_policy_default(&f->pol);
    for (size_t i = 0; i < AG_ARRAY_LEN(logins); i++) {
        struct isms_person_new p = {logins[i], logins[i], "", "", "", NULL};
        long long id;
        if (isms_person_add(f->t.st, &p, &id, &err) ||
            auth_account_add(f->t.st, logins[i], strcmp(logins[i], "mori") == 0, &err) ||
            auth_account_set_password(f->t.st, &f->pol, logins[i], PW, &err))
            return -1;
    }
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

static int login(struct fx *f, const char *who, const char *pw, struct ag_error *err)
{
    char token[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    return auth_login(f->t.st, &f->pol, who, pw, "192.0.2.1", token, &stage, err);
}

static int q_int(struct fx *f, const char *sql)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(store_db(f->t.st), sql, -1, &s, NULL) != SQLITE_OK)
        return -2;
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

static bool is_disabled(struct fx *f, const char *who)
{
    char sql[200];
    snprintf(sql, sizeof(sql),
             "SELECT a.disabled_at IS NOT NULL FROM accounts a JOIN people p ON p.id = "
             "a.person_id WHERE p.login = '%s'",
             who);
    return q_int(f, sql) == 1;
}

static void test_signin_checks_last_use(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    /* created 2027-01-01 09:00, never signed in: 90 days later it is still usable */
    at("2027-04-01T08:59:00Z");
    assert_int_equal(login(f, "sato", PW, &err), AG_OK);
    assert_false(is_disabled(f, "sato"));
    /* that sign-in restarted the clock: 90 days after it, usable; a minute past, disabled */
    at("2027-06-30T08:58:00Z");
    assert_int_equal(login(f, "sato", PW, &err), AG_OK);
    at("2027-09-28T09:00:00Z");
    assert_int_equal(login(f, "sato", PW, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "disabled"));
    assert_non_null(strstr(err.msg, "administrator"));
    assert_true(is_disabled(f, "sato"));
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit_log WHERE action = 'disable' AND "
                              "entity = 'accounts' AND json_extract(detail, '$.reason') = "
                              "'unused'"),
                     1);
    /* the refusal is recorded; a wrong password on a disabled account tells nothing more */
    assert_int_equal(q_int(f, "SELECT success FROM login_history ORDER BY id DESC LIMIT 1"), 0);
    assert_int_equal(login(f, "sato", "Wrong-Horse-42", &err), AG_EDENIED);
    assert_null(strstr(err.msg, "disabled"));
    /* it stays disabled whatever the clock says now */
    at("2027-09-28T10:00:00Z");
    assert_int_equal(login(f, "sato", PW, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "disabled"));
    /* unlock re-enables and restarts the clock (the old sign-in no longer counts) */
    assert_int_equal(auth_account_enable(f->t.st, "sato", &err), AG_OK);
    assert_false(is_disabled(f, "sato"));
    assert_int_equal(login(f, "sato", PW, &err), AG_OK);
    struct store_verify v;
    assert_int_equal(store_audit_verify(f->t.st, &v, &err), AG_OK);
    assert_int_equal(v.bad_seq, 0);
}

static void report(void *ctx, const char *login, const char *last_use)
{
    char *out = ctx;
    size_t n = strlen(out);
    snprintf(out + n, 256 - n, "%s@%.10s ", login, last_use);
}

static void test_sweep(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char names[256] = "";
    size_t n = 99;
    /* ito signs in on 2027-03-01 and gets a session; sato and abe never sign in */
    at("2027-03-01T12:00:00Z");
    assert_int_equal(login(f, "ito", PW, &err), AG_OK);
    assert_int_equal(
        q_int(f, "SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id JOIN "
                 "people p ON p.id = a.person_id WHERE p.login = 'ito'"),
        1);
    /* day 90 after creation: nothing to do */
    at("2027-04-01T08:00:00Z");
    assert_int_equal(auth_unused_sweep(f->t.st, report, names, &n, &err), AG_OK);
    assert_int_equal(n, 0);
    assert_string_equal(names, "");
    /* day 91: the three who never signed in (mori too: no exception for administrators) */
    at("2027-04-01T10:00:00Z");
    assert_int_equal(auth_unused_sweep(f->t.st, report, names, &n, &err), AG_OK);
    assert_int_equal(n, 3);
    assert_string_equal(names, "abe@2027-01-01 mori@2027-01-01 sato@2027-01-01 ");
    assert_false(is_disabled(f, "ito"));
    /* a second sweep finds nothing new */
    names[0] = '\0';
    assert_int_equal(auth_unused_sweep(f->t.st, report, names, &n, &err), AG_OK);
    assert_int_equal(n, 0);
    /* ito's turn 90 days after the sign-in; its session ends with it */
    at("2027-05-30T13:00:00Z");
    assert_int_equal(auth_unused_sweep(f->t.st, report, names, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(names, "ito@2027-03-01 ");
    assert_int_equal(q_int(f, "SELECT count(*) FROM sessions"), 0);
    assert_int_equal(q_int(f, "SELECT count(*) FROM audit_log WHERE action = 'disable'"), 4);
}

static void test_setting(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    int days;
    size_t n;
    assert_int_equal(auth_unused_days(f->t.st, &days, &err), AG_OK);
    assert_int_equal(days, 90); /* seeded by the migration */
    assert_int_equal(store_meta_set(f->t.st, "auth.disable_after_days", "10", &err), AG_OK);
    at("2027-01-11T08:00:00Z");
    assert_int_equal(auth_unused_sweep(f->t.st, NULL, NULL, &n, &err), AG_OK);
    assert_int_equal(n, 0);
    at("2027-01-11T10:00:00Z");
    assert_int_equal(login(f, "abe", PW, &err), AG_EDENIED);
    assert_true(is_disabled(f, "abe"));
    assert_int_equal(store_meta_set(f->t.st, "auth.disable_after_days", "0", &err), AG_OK);
    assert_int_equal(auth_unused_sweep(f->t.st, NULL, NULL, &n, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "auth.disable_after_days"));
    assert_int_equal(store_meta_set(f->t.st, "auth.disable_after_days", "x", &err), AG_OK);
    assert_int_equal(auth_unused_days(f->t.st, &days, &err), AG_EINVAL);
}

static void test_admin_rules(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    int n;
    assert_int_equal(auth_admin_usable_count(f->t.st, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    /* not on one's own account */
    assert_int_equal(auth_admin_set_flag(f->t.st, "mori", "mori", false, &err), AG_EDENIED);
    assert_int_equal(auth_admin_lock(f->t.st, "mori", "mori", true, &err), AG_EDENIED);
    assert_int_equal(q_int(f, "SELECT admin + 2 * locked FROM accounts a JOIN people p ON p.id = "
                              "a.person_id WHERE p.login = 'mori'"),
                     1);
    /* the last usable administrator stays, even from the shell */
    assert_int_equal(auth_admin_set_flag(f->t.st, NULL, "mori", false, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "administrator"));
    assert_int_equal(auth_admin_lock(f->t.st, NULL, "mori", true, &err), AG_EDENIED);
    assert_int_equal(auth_admin_usable_count(f->t.st, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    /* with a second administrator, mori may lock and demote ito; unlock re-enables */
    assert_int_equal(auth_admin_set_flag(f->t.st, "mori", "ito", true, &err), AG_OK);
    assert_int_equal(auth_admin_usable_count(f->t.st, &n, &err), AG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(auth_admin_lock(f->t.st, "mori", "ito", true, &err), AG_OK);
    assert_int_equal(login(f, "ito", PW, &err), AG_EDENIED);
    assert_int_equal(auth_admin_lock(f->t.st, "mori", "ito", false, &err), AG_OK);
    assert_int_equal(login(f, "ito", PW, &err), AG_OK);
    assert_int_equal(auth_admin_set_flag(f->t.st, "ito", "mori", false, &err), AG_OK);
    assert_int_equal(auth_admin_set_flag(f->t.st, "mori", "ito", false, &err), AG_EDENIED);
    assert_int_equal(auth_admin_usable_count(f->t.st, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(auth_admin_lock(f->t.st, "mori", "nobody", true, &err), AG_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_signin_checks_last_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sweep, setup, teardown),
        cmocka_unit_test_setup_teardown(test_setting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_admin_rules, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
