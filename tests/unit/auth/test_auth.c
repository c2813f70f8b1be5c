/*
 * test_auth.c — src/auth against a real store: password policy and hashing, account lockout
 * and its expiry, throttling per address, sessions (new id per step, idle and absolute
 * timeouts with $AIRGUARD_NOW, logout), CSRF tokens, TOTP compared with the `oathtool` command.
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
    fixture_init(&f->t, "auth", "2027-04-01T09:00:00Z", 0);
    struct isms_person_new p = {"sato", "佐藤 健一", "Kenichi Sato", "", "", NULL};
    struct isms_person_new q = {"hayashi", "林 正和", "", "", "", NULL};
    long long id;
    if (isms_person_add(f->t.st, &p, &id, &err) || isms_person_add(f->t.st, &q, &id, &err) ||
        isms_role_grant(f->t.st, "hayashi", "auditor", NULL, &err) ||
        auth_account_add(f->t.st, "sato", false, &err) ||
        auth_account_add(f->t.st, "hayashi", false, &err))
        return -1;
    auth_policy_default(&f->pol);
    if (auth_account_set_password(f->t.st, &f->pol, "sato", PW, &err) ||
        auth_account_set_password(f->t.st, &f->pol, "hayashi", PW, &err))
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

static void test_password_policy(void **state)
{
    (void)state;
    struct auth_policy p;
    struct ag_error err;
    auth_policy_default(&p);
    assert_int_equal(auth_password_check(&p, "sato", "Short-1", &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "at least 12"));
    assert_int_equal(auth_password_check(&p, "sato", "alllowercaseletters", &err), AG_EINVAL);
    assert_int_equal(auth_password_check(&p, "sato", "lowercase-and-symbols", &err), AG_EINVAL);
    assert_int_equal(auth_password_check(&p, "sato", "Lower-And-Upper", &err), AG_OK);
    assert_int_equal(auth_password_check(&p, "sato", "lower and 1234 digits", &err), AG_OK);
    assert_int_equal(auth_password_check(&p, "Sato-Airport-1", "sato-airport-1", &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "login"));
    assert_int_equal(auth_password_check(&p, "sato", "Tab\tInside-123", &err), AG_EINVAL);
    /* characters, not bytes: "空港パス1A" is 14 bytes but 6 characters, too short */
    assert_int_equal(auth_password_check(&p, "sato", "空港のパスワードです12A", &err), AG_OK);
    assert_int_equal(auth_password_check(&p, "sato", "空港パス1A", &err), AG_EINVAL);
}

static void test_hashing(void **state)
{
    (void)state;
    char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
    struct ag_error err;
    assert_int_equal(auth_password_hash(PW, h1, &err), AG_OK);
    assert_int_equal(auth_password_hash(PW, h2, &err), AG_OK);
    assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
    assert_string_not_equal(h1, h2); /* salted */
    assert_true(auth_password_verify(h1, PW));
    assert_false(auth_password_verify(h1, "Correct-Horse-43"));
    assert_false(auth_password_verify("", PW));
}

static int login(struct fx *f, const char *who, const char *pw, const char *addr, char *tok,
                 enum auth_stage *stage)
{
    struct ag_error err;
    return auth_login(f->t.st, &f->pol, who, pw, addr, tok, stage, &err);
}

static void test_lockout(void **state)
{
    struct fx *f = *state;
    char tok[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    for (int i = 0; i < 5; i++)
        assert_int_equal(login(f, "sato", "wrong-password-1A", "10.0.0.1", tok, &stage),
                         AG_EDENIED);
    /* locked now: even the right password is refused */
    struct ag_error err;
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok, &stage, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "locked"));
    /* 15 minutes later the lock has expired */
    at("2027-04-01T09:14:00Z");
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_EDENIED);
    at("2027-04-01T09:16:00Z");
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_OK);
    assert_int_equal(stage, AUTH_STAGE_FULL);
    /* 4 failures and a success reset the count: 4 more failures do not lock */
    for (int i = 0; i < 4; i++)
        assert_int_equal(login(f, "sato", "wrong-password-1A", "10.0.0.1", tok, &stage),
                         AG_EDENIED);
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_OK);
    for (int i = 0; i < 4; i++)
        assert_int_equal(login(f, "sato", "wrong-password-1A", "10.0.0.1", tok, &stage),
                         AG_EDENIED);
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_OK);
    /* an administrator's lock holds until unlock */
    assert_int_equal(auth_account_lock(f->t.st, "sato", true, &err), AG_OK);
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_EDENIED);
    at("2027-04-09T09:16:00Z");
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_EDENIED);
    assert_int_equal(auth_account_lock(f->t.st, "sato", false, &err), AG_OK);
    assert_int_equal(login(f, "sato", PW, "10.0.0.1", tok, &stage), AG_OK);
    /* the history records every attempt, newest first */
    struct auth_login_event ev[50];
    size_t n;
    assert_int_equal(auth_history(f->t.st, 1, ev, 50, &n, &err), AG_OK);
    assert_true(n >= 20);
    assert_true(ev[0].success);
    assert_string_equal(ev[0].address, "10.0.0.1");
    assert_false(ev[1].success);
    assert_string_equal(ev[1].reason, "locked");
    /* unknown logins: the same refusal */
    assert_int_equal(auth_login(f->t.st, &f->pol, "nobody", PW, "10.0.0.1", tok, &stage, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "wrong login or password"));
}

static void test_throttle(void **state)
{
    struct fx *f = *state;
    char tok[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    bool thr;
    struct ag_error err;
    f->pol.throttle_failures = 8;
    f->pol.lockout_threshold = 100;
    for (int i = 0; i < 8; i++)
        assert_int_equal(
            login(f, i % 2 ? "sato" : "nobody", "x-Wrong-pass1", "192.0.2.9", tok, &stage),
            AG_EDENIED);
    assert_int_equal(auth_throttled(f->t.st, &f->pol, "192.0.2.9", &thr, &err), AG_OK);
    assert_true(thr);
    /* refused before the password is even checked; other addresses are not affected */
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "192.0.2.9", tok, &stage, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "too many"));
    assert_int_equal(login(f, "sato", PW, "192.0.2.10", tok, &stage), AG_OK);
    /* the window passes */
    at("2027-04-01T09:16:00Z");
    assert_int_equal(auth_throttled(f->t.st, &f->pol, "192.0.2.9", &thr, &err), AG_OK);
    assert_false(thr);
}

static void test_sessions(void **state)
{
    struct fx *f = *state;
    char t1[AUTH_TOKEN_HEX + 1], t2[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    struct auth_user u;
    struct ag_error err;
    assert_int_equal(login(f, "sato", PW, "127.0.0.1", t1, &stage), AG_OK);
    assert_int_equal(login(f, "sato", PW, "127.0.0.1", t2, &stage), AG_OK);
    assert_int_equal(strlen(t1), 64);
    assert_string_not_equal(t1, t2); /* a new id at every login */
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_OK);
    assert_string_equal(u.login, "sato");
    assert_int_equal(u.stage, AUTH_STAGE_FULL);
    char c1[AUTH_TOKEN_HEX + 1], c2[AUTH_TOKEN_HEX + 1];
    auth_csrf_token(t1, c1);
    auth_csrf_token(t2, c2);
    assert_string_equal(u.csrf, c1);
    assert_string_not_equal(c1, c2);
    assert_true(auth_token_equal(c1, u.csrf));
    assert_false(auth_token_equal(c1, c2));
    assert_false(auth_token_equal("", ""));
    /* the token is not stored: its hash is */
    sqlite3_stmt *s;
    assert_int_equal(
        store_prepare(f->t.st, &s, "SELECT count(*) FROM sessions WHERE token_hash = ?", &err),
        AG_OK);
    sqlite3_bind_text(s, 1, t1, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 0);
    sqlite3_finalize(s);
    /* idle timeout: 29 minutes of quiet is fine and refreshes; then 31 minutes expires */
    at("2027-04-01T09:29:00Z");
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_OK);
    at("2027-04-01T09:58:00Z");
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_OK);
    at("2027-04-01T10:30:00Z");
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_EDENIED);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t2, &u, &err), AG_EDENIED);
    /* absolute timeout: active every 20 minutes, still ends after 12 hours */
    at("2027-04-01T10:30:00Z");
    assert_int_equal(login(f, "sato", PW, "127.0.0.1", t1, &stage), AG_OK);
    char when[32];
    for (int m = 20; m < 12 * 60; m += 20) {
        snprintf(when, sizeof(when), "2027-04-01T%02d:%02d:00Z", 10 + (30 + m) / 60, (30 + m) % 60);
        assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_OK);
        at(when);
    }
    at("2027-04-01T22:31:00Z");
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_EDENIED);
    /* logout deletes the session server-side */
    assert_int_equal(login(f, "sato", PW, "127.0.0.1", t1, &stage), AG_OK);
    assert_int_equal(auth_session_end(f->t.st, t1, &err), AG_OK);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_EDENIED);
    /* garbage tokens */
    assert_int_equal(auth_session_get(f->t.st, &f->pol, "abc", &u, &err), AG_EDENIED);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, NULL, &u, &err), AG_EDENIED);
    /* locking ends every session of the account */
    assert_int_equal(login(f, "sato", PW, "127.0.0.1", t1, &stage), AG_OK);
    assert_int_equal(auth_account_lock(f->t.st, "sato", true, &err), AG_OK);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_EDENIED);
}

/* The code oathtool (a TOTP implementation no one here wrote) gives for secret at time t. */
static void oathtool(const char *secret, time_t t, char out[16])
{
    char cmd[256], iso[21];
    ag_time_iso(t, iso);
    iso[10] = ' ';
    iso[19] = '\0';
    snprintf(cmd, sizeof(cmd), "oathtool --totp -b --now='%s UTC' %s", iso, secret);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    assert_non_null(fgets(out, 16, p));
    out[strcspn(out, "\n")] = '\0';
    assert_int_equal(pclose(p), 0);
}

static void test_totp(void **state)
{
    (void)state;
    struct ag_error err;
    char code[7], want[16], secret[64];
    long long step;
    const char *s = AUTH_DEMO_TOTP_SECRET;
    time_t times[] = {0, 59, 1111111109, 1234567890, 2000000000};
    for (size_t i = 0; i < AG_ARRAY_LEN(times); i++) {
        assert_int_equal(auth_totp_code(s, times[i], code, &err), AG_OK);
        oathtool(s, times[i], want);
        assert_string_equal(code, want);
    }
    time_t now = 1800000000;
    for (int d = -1; d <= 1; d++) {
        oathtool(s, now + d * 30, want);
        assert_int_equal(auth_totp_verify(s, want, now, &step, &err), AG_OK);
        assert_int_equal(step, now / 30 + d);
    }
    oathtool(s, now - 60, want);
    assert_int_equal(auth_totp_verify(s, want, now, &step, &err), AG_EDENIED);
    oathtool(s, now + 60, want);
    assert_int_equal(auth_totp_verify(s, want, now, &step, &err), AG_EDENIED);
    assert_int_equal(auth_totp_verify(s, "12345", now, &step, &err), AG_EDENIED);
    assert_int_equal(auth_totp_verify(s, "12345a", now, &step, &err), AG_EDENIED);
    assert_int_equal(auth_totp_verify("not base32!", "123456", now, &step, &err), AG_EINVAL);
    /* new secrets: 160 bits, base32, different each time, usable by oathtool */
    char other[64];
    assert_int_equal(auth_totp_secret(secret, &err), AG_OK);
    assert_int_equal(auth_totp_secret(other, &err), AG_OK);
    assert_int_equal(strlen(secret), 32);
    assert_string_not_equal(secret, other);
    oathtool(secret, now, want);
    assert_int_equal(auth_totp_verify(secret, want, now, &step, &err), AG_OK);
}

static void test_totp_login(void **state)
{
    struct fx *f = *state;
    char t1[AUTH_TOKEN_HEX + 1], t2[AUTH_TOKEN_HEX + 1], code[16];
    enum auth_stage stage;
    struct auth_user u;
    struct ag_error err;
    /* an auditor without TOTP must enrol */
    assert_int_equal(login(f, "hayashi", PW, "127.0.0.1", t1, &stage), AG_OK);
    assert_int_equal(stage, AUTH_STAGE_ENROL);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_ENROL);
    assert_int_equal(strlen(u.pending_secret), 32);
    char secret[64];
    snprintf(secret, sizeof(secret), "%s", u.pending_secret);
    assert_int_equal(auth_enrol_totp(f->t.st, &f->pol, t1, "000000", "127.0.0.1", t2, &err),
                     AG_EDENIED);
    oathtool(secret, ag_now(), code);
    assert_int_equal(auth_enrol_totp(f->t.st, &f->pol, t1, code, "127.0.0.1", t2, &err), AG_OK);
    assert_string_not_equal(t1, t2);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t1, &u, &err), AG_EDENIED);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t2, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_FULL);
    assert_true(u.roles & AUTH_ROLE_AUDITOR);
    /* the next login asks for a code; the code just used is refused (replay) */
    at("2027-04-01T09:00:20Z");
    assert_int_equal(login(f, "hayashi", PW, "127.0.0.1", t1, &stage), AG_OK);
    assert_int_equal(stage, AUTH_STAGE_TOTP);
    assert_int_equal(auth_login_totp(f->t.st, &f->pol, t1, code, "127.0.0.1", t2, &err),
                     AG_EDENIED);
    at("2027-04-01T09:01:00Z");
    oathtool(secret, ag_now(), code);
    assert_int_equal(auth_login_totp(f->t.st, &f->pol, t1, code, "127.0.0.1", t2, &err), AG_OK);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, t2, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_FULL);
    /* a TOTP-stage session is not a full one; wrong codes count towards the lockout */
    at("2027-04-01T09:05:00Z");
    assert_int_equal(login(f, "hayashi", PW, "127.0.0.1", t1, &stage), AG_OK);
    for (int i = 0; i < 5; i++)
        assert_int_equal(auth_login_totp(f->t.st, &f->pol, t1, "000000", "127.0.0.1", t2, &err),
                         AG_EDENIED);
    /* the waiting session cannot go on guessing: even the right code is refused now */
    oathtool(secret, ag_now(), code);
    assert_int_equal(auth_login_totp(f->t.st, &f->pol, t1, code, "127.0.0.1", t2, &err),
                     AG_EDENIED);
    assert_int_equal(login(f, "hayashi", PW, "127.0.0.1", t1, &stage), AG_EDENIED);
    /* mfa-reset: back to enrolment */
    at("2027-04-01T10:00:00Z");
    assert_int_equal(auth_account_mfa_reset(f->t.st, "hayashi", &err), AG_OK);
    assert_int_equal(login(f, "hayashi", PW, "127.0.0.1", t1, &stage), AG_OK);
    assert_int_equal(stage, AUTH_STAGE_ENROL);
}

static void test_accounts(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    assert_int_equal(auth_account_add(f->t.st, "sato", false, &err), AG_ECONFLICT);
    assert_int_equal(auth_account_add(f->t.st, "ghost", false, &err), AG_ENOTFOUND);
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", "short", &err), AG_EINVAL);
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "ghost", PW, &err), AG_ENOTFOUND);
    assert_int_equal(auth_account_lock(f->t.st, "ghost", true, &err), AG_ENOTFOUND);
    /* the demo: accounts for the people without one, TOTP for the auditor */
    assert_int_equal(auth_demo(f->t.st, &err), AG_OK);
    char tok[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    assert_int_equal(login(f, "sato", PW, "127.0.0.1", tok, &stage), AG_OK); /* unchanged */
}

static void test_policy_from_meta(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct auth_policy p;
    assert_int_equal(store_meta_set(f->t.st, "auth.lockout_threshold", "3", &err), AG_OK);
    assert_int_equal(auth_policy_load(f->t.st, &p, &err), AG_OK);
    assert_int_equal(p.lockout_threshold, 3);
    assert_int_equal(p.idle_minutes, 30);
    assert_int_equal(store_meta_set(f->t.st, "auth.min_length", "8", &err), AG_OK);
    assert_int_equal(auth_policy_load(f->t.st, &p, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "auth.min_length"));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test(test_hashing),
        cmocka_unit_test(test_totp),
        T(test_lockout),
        T(test_throttle),
        T(test_sessions),
        T(test_totp_login),
        T(test_accounts),
        T(test_policy_from_meta),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
