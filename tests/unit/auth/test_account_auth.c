/*
 * test_account_auth.c — the additions of migration 009 to src/auth against a real store: the
 * password history (a reused password is refused, the history is trimmed), the maximum password
 * age with $AIRGUARD_NOW (a 'password' session stage until the change), the change of one's own
 * password (every session ends), recovery codes (hashed, each accepted once, a wrong one counts
 * as a failure), TOTP enrolment from a full session, notices of sign-ins from new addresses
 * (first sign-in none, dismissal only by the owner, mail state), and the e-mail composition
 * against header injection (guideline 5.3(9)).
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

#include <sodium.h>
#include <unistd.h>

#define PW "Correct-Horse-42"
#define PW2 "Second-Horse-43"
#define PW3 "Third-Horse-44!"

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
    fixture_init(&f->t, "acct", "2027-04-01T09:00:00Z", 0);
    struct isms_person_new p = {"sato", "佐藤 健一", "Kenichi Sato", "sato@airport.example",
                                "",     NULL};
    struct isms_person_new q = {"hayashi", "林 正和", "", "", "", NULL};
    long long id;
    if (isms_person_add(f->t.st, &p, &id, &err) || isms_person_add(f->t.st, &q, &id, &err) ||
        isms_role_grant(f->t.st, "hayashi", "auditor", NULL, &err) ||
        auth_account_add(f->t.st, "sato", false, &err) ||
        auth_account_add(f->t.st, "hayashi", false, &err))
        return -1;
    auth_policy_default(&f->pol);
    if (auth_account_set_password(f->t.st, &f->pol, "sato", PW, &err) ||
        auth_account_set_password(f->t.st, &f->pol, "hayashi", PW, &err) ||
        auth_account_set_totp(f->t.st, "hayashi", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", &err))
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

static long long count(struct fx *f, const char *sql)
{
    sqlite3_stmt *s;
    struct ag_error err;
    if (store_prepare(f->t.st, &s, sql, &err) != AG_OK)
        return -1;
    long long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
}

static long long account_of(struct fx *f, const char *login)
{
    char sql[160];
    snprintf(sql, sizeof(sql),
             "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id "
             "WHERE p.login = '%s'",
             login);
    return count(f, sql);
}

/* ---- password history ---- */

static void test_history(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    /* PW is in the history: setting it again is refused, as is the current one */
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "used before"));
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW2, &err), AG_OK);
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW3, &err), AG_OK);
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW, &err), AG_EINVAL);
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW2, &err), AG_EINVAL);
    assert_int_equal(count(f, "SELECT count(*) FROM password_history h JOIN accounts a ON "
                              "a.id = h.account_id JOIN people p ON p.id = a.person_id "
                              "WHERE p.login = 'sato'"),
                     3);
    /* history 2: the last two (PW3 current, PW2) are refused, PW (third back) is allowed and
     * the history is trimmed to two */
    f->pol.history = 2;
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW2, &err), AG_EINVAL);
    assert_int_equal(auth_account_set_password(f->t.st, &f->pol, "sato", PW, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM password_history WHERE account_id = "
                              "(SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id "
                              "WHERE p.login = 'sato')"),
                     2);
    /* every kept hash is argon2id, never the password */
    assert_int_equal(count(f, "SELECT count(*) FROM password_history WHERE password_hash NOT "
                              "LIKE '$argon2id$%'"),
                     0);
    /* history 0: no check beyond the policy */
    f->pol.history = 0;
    assert_int_equal(auth_password_history_check(f->t.st, &f->pol, account_of(f, "sato"), PW, &err),
                     AG_OK);
    /* the policy keys */
    struct auth_policy p;
    assert_int_equal(store_meta_set(f->t.st, "auth.history", "10", &err), AG_OK);
    assert_int_equal(store_meta_set(f->t.st, "auth.max_age_days", "90", &err), AG_OK);
    assert_int_equal(auth_policy_load(f->t.st, &p, &err), AG_OK);
    assert_int_equal(p.history, 10);
    assert_int_equal(p.max_age_days, 90);
    assert_int_equal(store_meta_set(f->t.st, "auth.history", "25", &err), AG_OK);
    assert_int_equal(auth_policy_load(f->t.st, &p, &err), AG_EINVAL);
}

/* ---- maximum age and the person's own change ---- */

static void test_max_age(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char tok[AUTH_TOKEN_HEX + 1], tok2[AUTH_TOKEN_HEX + 1], newtok[AUTH_TOKEN_HEX + 1];
    char expires[21];
    enum auth_stage stage;
    struct auth_user u;
    f->pol.max_age_days = 90;
    assert_false(auth_password_expired(&f->pol, "2027-04-01T09:00:00Z", expires));
    assert_string_equal(expires, "2027-06-30");
    /* 89 days later: still valid */
    at("2027-06-29T09:00:00Z");
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(stage, AUTH_STAGE_FULL);
    /* 90 days and a second later: the password must be changed first */
    at("2027-06-30T09:00:01Z");
    assert_true(auth_password_expired(&f->pol, "2027-04-01T09:00:00Z", expires));
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok2, &stage, &err),
                     AG_OK);
    assert_int_equal(stage, AUTH_STAGE_PASSWORD);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, tok2, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_PASSWORD);
    /* the change: wrong current password refused and counted; the same password refused */
    assert_int_equal(
        auth_password_change(f->t.st, &f->pol, tok2, "nope", PW2, "10.0.0.1", newtok, &err),
        AG_EDENIED);
    assert_int_equal(count(f, "SELECT failed_count FROM accounts a JOIN people p ON p.id = "
                              "a.person_id WHERE p.login = 'sato'"),
                     1);
    assert_int_equal(auth_password_change(f->t.st, &f->pol, tok2, PW, PW, "10.0.0.1", newtok, &err),
                     AG_EINVAL);
    assert_int_equal(
        auth_password_change(f->t.st, &f->pol, tok2, PW, "short", "10.0.0.1", newtok, &err),
        AG_EINVAL);
    assert_int_equal(
        auth_password_change(f->t.st, &f->pol, tok2, PW, PW2, "10.0.0.1", newtok, &err), AG_OK);
    /* every session of the account ended (the one from June 29 too); the new one is full */
    assert_int_equal(auth_session_get(f->t.st, &f->pol, tok, &u, &err), AG_EDENIED);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, tok2, &u, &err), AG_EDENIED);
    assert_int_equal(auth_session_get(f->t.st, &f->pol, newtok, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_FULL);
    assert_int_equal(count(f, "SELECT count(*) FROM sessions"), 1);
    /* the next sign-in is full again */
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW2, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(stage, AUTH_STAGE_FULL);
    /* max age 0: never expires */
    f->pol.max_age_days = 0;
    assert_false(auth_password_expired(&f->pol, "2000-01-01T00:00:00Z", expires));
    assert_string_equal(expires, "");
}

static void test_max_age_after_totp(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char tok[AUTH_TOKEN_HEX + 1], tok2[AUTH_TOKEN_HEX + 1], code[7];
    enum auth_stage stage;
    f->pol.max_age_days = 30;
    at("2027-06-01T09:00:00Z");
    assert_int_equal(auth_login(f->t.st, &f->pol, "hayashi", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(stage, AUTH_STAGE_TOTP); /* the second factor comes first */
    assert_int_equal(auth_totp_code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", ag_now(), code, &err),
                     AG_OK);
    assert_int_equal(auth_login_totp(f->t.st, &f->pol, tok, code, "10.0.0.1", tok2, &err), AG_OK);
    struct auth_user u;
    assert_int_equal(auth_session_get(f->t.st, &f->pol, tok2, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_PASSWORD);
}

/* ---- recovery codes ---- */

static void test_recovery_codes(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1];
    char tok[AUTH_TOKEN_HEX + 1], full[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    long long acct = account_of(f, "hayashi");
    assert_int_equal(auth_recovery_generate(f->t.st, acct, codes, &err), AG_OK);
    for (int i = 0; i < AUTH_RECOVERY_CODES; i++) {
        assert_int_equal(strlen(codes[i]), AUTH_RECOVERY_LEN);
        assert_int_equal(codes[i][4], '-');
        for (int j = 0; j < i; j++)
            assert_string_not_equal(codes[i], codes[j]);
    }
    assert_int_equal(count(f, "SELECT count(*) FROM recovery_codes"), 10);
    /* stored only as SHA-256 of the code without hyphens */
    char norm[17], hash[65], sql[200];
    snprintf(norm, sizeof(norm), "%.4s%.4s%.4s%.4s", codes[0], codes[0] + 5, codes[0] + 10,
             codes[0] + 15);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)norm, 16);
    sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM recovery_codes WHERE token_hash = '%s'", hash);
    assert_int_equal(count(f, sql), 1);
    /* a code signs in once */
    assert_int_equal(auth_login(f->t.st, &f->pol, "hayashi", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(stage, AUTH_STAGE_TOTP);
    assert_int_equal(auth_login_recovery(f->t.st, &f->pol, tok, codes[0], "10.0.0.1", full, &err),
                     AG_OK);
    struct auth_user u;
    assert_int_equal(auth_session_get(f->t.st, &f->pol, full, &u, &err), AG_OK);
    assert_int_equal(u.stage, AUTH_STAGE_FULL);
    assert_int_equal(count(f, "SELECT count(*) FROM login_history WHERE success = 1 AND factor = "
                              "'recovery'"),
                     1);
    assert_int_equal(auth_login(f->t.st, &f->pol, "hayashi", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(auth_login_recovery(f->t.st, &f->pol, tok, codes[0], "10.0.0.1", full, &err),
                     AG_EDENIED);
    assert_int_equal(count(f, "SELECT failed_count FROM accounts a JOIN people p ON p.id = "
                              "a.person_id WHERE p.login = 'hayashi'"),
                     1);
    /* upper case and spaces are the same code; a second code works */
    char loose[40];
    snprintf(loose, sizeof(loose), " %.4s %.4s-%.4s %.4s ", codes[1], codes[1] + 5, codes[1] + 10,
             codes[1] + 15);
    for (char *c = loose; *c; c++)
        if (*c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
    assert_int_equal(auth_login_recovery(f->t.st, &f->pol, tok, loose, "10.0.0.1", full, &err),
                     AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL"), 2);
    /* new codes replace the old ones: an unused old code no longer works */
    char fresh[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1];
    assert_int_equal(
        auth_recovery_regenerate(f->t.st, &f->pol, full, "wrong", "10.0.0.1", fresh, &err),
        AG_EDENIED);
    assert_int_equal(auth_recovery_regenerate(f->t.st, &f->pol, full, PW, "10.0.0.1", fresh, &err),
                     AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM recovery_codes"), 10);
    assert_int_equal(auth_login(f->t.st, &f->pol, "hayashi", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(auth_login_recovery(f->t.st, &f->pol, tok, codes[2], "10.0.0.1", full, &err),
                     AG_EDENIED);
    /* a recovery code is no password: the TOTP stage is needed */
    assert_int_equal(auth_login_recovery(f->t.st, &f->pol, full, fresh[0], "10.0.0.1", tok, &err),
                     AG_EDENIED);
    /* mfa-reset removes the codes with the enrolment */
    assert_int_equal(auth_account_mfa_reset(f->t.st, "hayashi", &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM recovery_codes"), 0);
}

static void test_enrol_from_account(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char tok[AUTH_TOKEN_HEX + 1], secret[64], code[7];
    char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1];
    enum auth_stage stage;
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(auth_totp_confirm(f->t.st, tok, "123456", codes, &err), AG_EINVAL);
    assert_int_equal(auth_totp_begin(f->t.st, tok, secret, &err), AG_OK);
    assert_int_equal(strlen(secret), 32);
    assert_int_equal(auth_totp_confirm(f->t.st, tok, "000000", codes, &err), AG_EINVAL);
    assert_int_equal(auth_totp_code(secret, ag_now(), code, &err), AG_OK);
    assert_int_equal(auth_totp_confirm(f->t.st, tok, code, codes, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM accounts WHERE totp_secret <> ''"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM recovery_codes"), 10);
    assert_int_equal(auth_totp_begin(f->t.st, tok, secret, &err), AG_ECONFLICT);
    /* the next sign-in asks for the code */
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(stage, AUTH_STAGE_TOTP);
}

/* ---- notices of sign-ins from new addresses ---- */

static void test_notices(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char tok[AUTH_TOKEN_HEX + 1];
    enum auth_stage stage;
    struct auth_notice n[4];
    size_t cnt;
    long long sato = account_of(f, "sato"), hayashi = account_of(f, "hayashi");
    /* the first sign-in of an account: nothing to compare with, no notice */
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices"), 0);
    /* a failed attempt from elsewhere is no sign-in: no notice */
    assert_int_equal(
        auth_login(f->t.st, &f->pol, "sato", "wrong-one-1A", "10.9.9.9", tok, &stage, &err),
        AG_EDENIED);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices"), 0);
    /* a new address */
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "192.0.2.44", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(auth_notices(f->t.st, sato, n, 4, &cnt, &err), AG_OK);
    assert_int_equal(cnt, 1);
    assert_string_equal(n[0].address, "192.0.2.44");
    /* again from there, and from the first: no more */
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "192.0.2.44", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "10.0.0.1", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices"), 1);
    /* without SMTP the notice stays in the application only */
    assert_int_equal(auth_notice_dispatch(f->t.st, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices WHERE mail = 'none'"), 1);
    /* only the owner dismisses it */
    assert_int_equal(auth_notice_dismiss(f->t.st, hayashi, n[0].id, &err), AG_ENOTFOUND);
    assert_int_equal(auth_notice_dismiss(f->t.st, sato, n[0].id, &err), AG_OK);
    assert_int_equal(auth_notice_dismiss(f->t.st, sato, n[0].id, &err), AG_ENOTFOUND);
    assert_int_equal(auth_notices(f->t.st, sato, n, 4, &cnt, &err), AG_OK);
    assert_int_equal(cnt, 0);
    /* with SMTP configured: a recipient address with CR LF is refused, never sent */
    assert_int_equal(store_meta_set(f->t.st, "smtp.url", "smtp://127.0.0.1:1", &err), AG_OK);
    assert_int_equal(store_meta_set(f->t.st, "smtp.from", "airguard@airport.example", &err), AG_OK);
    assert_int_equal(store_run(f->t.st, "people", &err,
                               "UPDATE people SET email = 'sato@airport.example' || char(13, 10) "
                               "|| 'Bcc: x@y.example' WHERE login = 'sato'",
                               ""),
                     AG_OK);
    assert_int_equal(auth_login(f->t.st, &f->pol, "sato", PW, "198.51.100.7", tok, &stage, &err),
                     AG_OK);
    assert_int_equal(auth_notice_dispatch(f->t.st, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices WHERE mail = 'refused'"), 1);
    /* hayashi has no e-mail address: 'none' */
    char code[7], full[AUTH_TOKEN_HEX + 1];
    for (int i = 0; i < 2; i++) {
        at(i ? "2027-04-01T09:10:00Z" : "2027-04-01T09:05:00Z");
        const char *addr = i ? "203.0.113.5" : "10.0.0.2";
        assert_int_equal(auth_login(f->t.st, &f->pol, "hayashi", PW, addr, tok, &stage, &err),
                         AG_OK);
        assert_int_equal(auth_totp_code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", ag_now(), code, &err),
                         AG_OK);
        assert_int_equal(auth_login_totp(f->t.st, &f->pol, tok, code, addr, full, &err), AG_OK);
    }
    assert_int_equal(auth_notice_dispatch(f->t.st, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices WHERE mail = 'none'"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM login_notices WHERE mail = 'pending'"), 0);
}

/* ---- e-mail: header injection (5.3(9)) ---- */

/* The header section of a composed message (up to the empty line). */
static void split(const char *msg, char *heads, size_t cap, const char **body)
{
    const char *end = strstr(msg, "\r\n\r\n");
    assert_non_null(end);
    size_t n = (size_t)(end - msg) + 2;
    assert_true(n < cap);
    memcpy(heads, msg, n);
    heads[n] = '\0';
    *body = end + 4;
}

/* Every header line starts with one of the fixed names or is a folded continuation. */
static void assert_fixed_headers(const char *heads)
{
    static const char *const names[] = {"Date: ",
                                        "From: ",
                                        "To: ",
                                        "Subject: ",
                                        "Message-ID: ",
                                        "MIME-Version: ",
                                        "Content-Type: ",
                                        "Content-Transfer-Encoding: ",
                                        "Auto-Submitted: ",
                                        NULL};
    int seen = 0;
    for (const char *l = heads; *l;) {
        const char *eol = strstr(l, "\r\n");
        assert_non_null(eol);
        /* no bare CR or LF inside a line */
        for (const char *c = l; c < eol; c++)
            assert_true(*c != '\r' && *c != '\n');
        if (*l == ' ') {
            assert_true(seen > 0);
        } else {
            bool known = false;
            for (int i = 0; names[i]; i++)
                if (strncmp(l, names[i], strlen(names[i])) == 0)
                    known = true;
            assert_true(known);
            seen++;
        }
        l = eol + 2;
    }
    assert_int_equal(seen, 9);
}

static void test_mail_addresses(void **state)
{
    (void)state;
    assert_true(auth_mail_address_ok("sato@airport.example"));
    assert_true(auth_mail_address_ok("first.last+tag@mail.nwx-airport.example"));
    assert_true(auth_mail_address_ok("ops@localhost"));
    const char *bad[] = {"",
                         "sato",
                         "@airport.example",
                         "sato@",
                         "sato@@airport.example",
                         "sato@airport.example\r\nBcc: x@y",
                         "sato@airport.example\nBcc: x@y",
                         "sato@airport.example\r",
                         "sa to@airport.example",
                         "\"sato\"@airport.example",
                         "<sato@airport.example>",
                         "sato@airport.example, x@y.example",
                         "sato@airport.example>, <x@y.example",
                         "sato@-airport.example",
                         "sato@airport..example",
                         "sato@airport.example.",
                         ".sato@airport.example",
                         "sa..to@airport.example",
                         "sato@air_port.example",
                         "佐藤@airport.example"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(auth_mail_address_ok(bad[i]));
    char nul[] = "sato@airport.example\0Bcc: x@y"; /* a NUL ends the address: the rest is gone */
    assert_true(auth_mail_address_ok(nul));
}

static void test_mail_injection(void **state)
{
    (void)state;
    struct ag_error err;
    struct strbuf sb;
    char heads[4096];
    const char *body;
    /* hostile text in subject and body (a login, a name and an address of a sign-in) */
    const char *hostile = "kimura\r\nBcc: x@y\r\n\r\n.\r\nRCPT TO:<x@y>\r\n";
    struct strbuf text;
    strbuf_init(&text, 0);
    strbuf_addf(&text, "login %s, name 井上\r\nBcc: x@y, address 127.0.0.1\r\nBcc: x@y", hostile);
    struct auth_mail m = {"airguard@airport.example",
                          "sato@airport.example",
                          "[airguard] 新しいアドレスからのサインイン\r\nBcc: x@y",
                          strbuf_str(&text),
                          1795000000,
                          NULL};
    strbuf_init(&sb, 0);
    assert_int_equal(auth_mail_compose(&m, &sb, &err), AG_OK);
    split(strbuf_str(&sb), heads, sizeof(heads), &body);
    assert_fixed_headers(heads);
    assert_null(strstr(heads, "Bcc"));
    assert_null(strstr(strbuf_str(&sb), "\nBcc")); /* nowhere at a line start, body included */
    assert_null(strstr(strbuf_str(&sb), "\n.\r")); /* no line of a lone dot */
    assert_non_null(strstr(heads, "To: sato@airport.example\r\n"));
    assert_non_null(strstr(heads, "Subject: =?UTF-8?B?"));
    /* the body is base64 of exactly the text */
    char *flat = malloc(strlen(body) + 1);
    size_t k = 0;
    for (const char *c = body; *c; c++)
        if (*c != '\r' && *c != '\n')
            flat[k++] = *c;
    flat[k] = '\0';
    unsigned char dec[4096];
    size_t declen;
    assert_int_equal(sodium_base642bin(dec, sizeof(dec), flat, k, NULL, &declen, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    assert_int_equal(declen, text.len);
    assert_memory_equal(dec, strbuf_str(&text), declen);
    free(flat);
    /* the encoded subject decodes back to the subject (words concatenated) */
    struct strbuf subj;
    strbuf_init(&subj, 0);
    for (const char *w = strstr(heads, "=?UTF-8?B?"); w; w = strstr(w, "=?UTF-8?B?")) {
        w += 10;
        const char *e = strstr(w, "?=");
        assert_non_null(e);
        assert_true(e - w <= 64); /* encoded-words of at most 75 characters */
        unsigned char part[64];
        size_t pl;
        assert_int_equal(sodium_base642bin(part, sizeof(part), w, (size_t)(e - w), NULL, &pl, NULL,
                                           sodium_base64_VARIANT_ORIGINAL),
                         0);
        strbuf_add(&subj, part, pl);
        w = e;
    }
    assert_string_equal(strbuf_str(&subj), m.subject);
    strbuf_release(&subj);
    /* hostile addresses are refused before anything is built */
    struct auth_mail bad_to = m, bad_from = m;
    bad_to.to = "sato@airport.example\r\nBcc: x@y";
    bad_from.from = "airguard@airport.example\nBcc: x@y";
    strbuf_reset(&sb);
    assert_int_equal(auth_mail_compose(&bad_to, &sb, &err), AG_EINVAL);
    assert_int_equal(auth_mail_compose(&bad_from, &sb, &err), AG_EINVAL);
    /* sending refuses them too, and URLs other than smtp(s):// */
    assert_int_equal(
        auth_mail_send("smtp://127.0.0.1:1", "a@b.example", "x@y\r\nBcc: z@w", "x", 1, &err),
        AG_EINVAL);
    assert_int_equal(
        auth_mail_send("file:///etc/passwd", "a@b.example", "c@d.example", "x", 1, &err),
        AG_EINVAL);
    assert_int_equal(
        auth_mail_send("smtp://127.0.0.1:1\r\nX", "a@b.example", "c@d.example", "x", 1, &err),
        AG_EINVAL);
    strbuf_release(&sb);
    strbuf_release(&text);
}

static void test_mail_unreachable(void **state)
{
    (void)state;
    struct ag_error err;
    /* nothing listens on port 1: an error, quickly, no crash; queued sending logs it */
    time_t t0 = time(NULL);
    assert_int_equal(auth_mail_send("smtp://127.0.0.1:1", "a@b.example", "c@d.example",
                                    "Subject: x\r\n\r\nx\r\n", 18, &err),
                     AG_EIO);
    assert_true(time(NULL) - t0 <= 6);
    char path[] = "/tmp/ag-mail-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *log = fdopen(fd, "w+");
    auth_mail_set_log(log);
    assert_int_equal(auth_mail_enqueue("smtp://127.0.0.1:1", "a@b.example", "c@d.example",
                                       "Subject: x\r\n\r\nx\r\n", &err),
                     AG_OK);
    auth_mail_shutdown(); /* waits for the queued message */
    auth_mail_set_log(NULL);
    char line[512] = "";
    rewind(log);
    assert_non_null(fgets(line, sizeof(line), log));
    assert_non_null(strstr(line, "not sent"));
    fclose(log);
    unlink(path);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_history),
        T(test_max_age),
        T(test_max_age_after_totp),
        T(test_recovery_codes),
        T(test_enrol_from_account),
        T(test_notices),
        cmocka_unit_test(test_mail_addresses),
        cmocka_unit_test(test_mail_injection),
        cmocka_unit_test(test_mail_unreachable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
