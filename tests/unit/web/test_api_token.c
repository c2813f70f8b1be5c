/*
 * test_api_token.c — the JSON API's pure parts and its tokens against a real store: scope parsing
 * and formatting, the token's form and hash (a SHA-256 test vector), creating, verifying, revoking
 * and expiring tokens ($AIRGUARD_NOW), locked accounts and inactive people, the failures counted
 * towards the per-address throttle, the strict decoding of request bodies, and the route table
 * against docs/openapi.yaml (both directions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/isms.h"
#include "store/store.h"
#include "web/api_int.h"

#include <unistd.h>

/* ---- scopes ---- */

static void test_scopes_parse(void **state)
{
    (void)state;
    struct ag_error err;
    unsigned s;
    assert_int_equal(api_scopes_parse("read", &s, &err), AG_OK);
    assert_int_equal(s, API_SCOPE_READ);
    assert_int_equal(api_scopes_parse("incident,read,assess", &s, &err), AG_OK);
    assert_int_equal(s, API_SCOPES_ALL);
    assert_int_equal(api_scopes_parse("assess,incident", &s, &err), AG_OK);
    assert_int_equal(s, API_SCOPE_ASSESS | API_SCOPE_INCIDENT);
    static const char *const bad[] = {"",     "admin",  "read,", ",read",     "read,,assess",
                                      "Read", "read ",  " read", "read,read", "readassess",
                                      "rea",  "reading"};
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++) {
        s = 99;
        assert_int_equal(api_scopes_parse(bad[i], &s, &err), AG_EINVAL);
    }
    assert_int_equal(api_scopes_parse("read,write", &s, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "\"write\""));
    assert_int_equal(api_scopes_parse("read,assess,read", &s, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "twice"));
    assert_int_equal(api_scopes_parse(NULL, &s, &err), AG_EINVAL);
}

static void test_scopes_format(void **state)
{
    (void)state;
    char t[API_SCOPES_TEXT];
    api_scopes_format(API_SCOPES_ALL, t);
    assert_string_equal(t, "read,assess,incident");
    api_scopes_format(API_SCOPE_INCIDENT | API_SCOPE_READ, t);
    assert_string_equal(t, "read,incident");
    api_scopes_format(0, t);
    assert_string_equal(t, "");
    /* round trip for every set */
    for (unsigned m = 1; m <= API_SCOPES_ALL; m++) {
        unsigned back;
        struct ag_error err;
        api_scopes_format(m, t);
        assert_int_equal(api_scopes_parse(t, &back, &err), AG_OK);
        assert_int_equal(back, m);
    }
}

/* ---- the token's form and hash ---- */

static void test_token_form(void **state)
{
    (void)state;
    char good[API_TOKEN_LEN + 1] = "agt_";
    for (int i = 0; i < 64; i++)
        good[4 + i] = "0123456789abcdef"[i % 16];
    good[API_TOKEN_LEN] = '\0';
    assert_true(api_token_well_formed(good, strlen(good)));
    assert_false(api_token_well_formed(good, strlen(good) - 1));
    char bad[API_TOKEN_LEN + 2];
    memcpy(bad, good, sizeof(good));
    bad[10] = 'A'; /* upper case is not the form */
    assert_false(api_token_well_formed(bad, API_TOKEN_LEN));
    memcpy(bad, good, sizeof(good));
    bad[0] = 'x';
    assert_false(api_token_well_formed(bad, API_TOKEN_LEN));
    memcpy(bad, good, sizeof(good));
    bad[20] = 'g';
    assert_false(api_token_well_formed(bad, API_TOKEN_LEN));
    assert_false(api_token_well_formed("", 0));
    assert_false(api_token_well_formed("agt_", 4));
}

static void test_token_hash(void **state)
{
    (void)state;
    char h[65];
    api_token_hash("abc", 3, h); /* FIPS 180-2 test vector */
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    api_token_hash("abcdef", 3, h); /* only n bytes count */
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* ---- tokens in a store ---- */

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
    long long id;
    if (!f || auth_init(&err))
        return -1;
    fixture_init(&f->t, "api", "2027-04-01T09:00:00Z", 0);
    struct isms_person_new p = {"sato", "佐藤 健一", "Kenichi Sato", "", "", NULL};
    struct isms_person_new q = {"ito", "伊藤 彩", "", "", "", NULL};
    if (isms_person_add(f->t.st, &p, &id, &err) || isms_person_add(f->t.st, &q, &id, &err) ||
        isms_role_grant(f->t.st, "sato", "committee", NULL, &err) ||
        isms_role_grant(f->t.st, "sato", "csirt", NULL, &err) ||
        auth_account_add(f->t.st, "sato", false, &err) ||
        auth_account_add(f->t.st, "ito", true, &err))
        return -1;
    auth_policy_default(&f->pol);
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
    long long n = -1;
    if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int verify(struct fx *f, const char *tok, struct api_principal *who, bool *throttled)
{
    struct ag_error err;
    return api_token_verify(f->t.st, &f->pol, tok, strlen(tok), "192.0.2.7", who, throttled, &err);
}

static void test_token_life(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct api_principal who;
    bool thr;
    char tok[API_TOKEN_LEN + 1], hash[65], sql[256];
    long long id;
    assert_int_equal(api_token_add(f->t.st, "sato", "FIDS monitor",
                                   API_SCOPE_READ | API_SCOPE_INCIDENT, NULL, tok, &id, &err),
                     AG_OK);
    assert_true(api_token_well_formed(tok, strlen(tok)));
    /* stored as the hash only */
    api_token_hash(tok, strlen(tok), hash);
    snprintf(sql, sizeof(sql),
             "SELECT count(*) FROM api_tokens WHERE token_hash = '%s' AND scopes = "
             "'read,incident' AND last_used_at IS NULL",
             hash);
    assert_int_equal(count(f->t.st, sql), 1);
    /* two tokens never coincide */
    char tok2[API_TOKEN_LEN + 1];
    long long id2;
    assert_int_equal(
        api_token_add(f->t.st, "sato", "second", API_SCOPE_READ, "2027-04-01", tok2, &id2, &err),
        AG_OK);
    assert_string_not_equal(tok, tok2);
    assert_int_equal(verify(f, tok, &who, &thr), AG_OK);
    assert_string_equal(who.user.login, "sato");
    assert_int_equal(who.token_id, id);
    assert_int_equal(who.scopes, API_SCOPE_READ | API_SCOPE_INCIDENT);
    assert_int_equal(who.user.roles, AUTH_ROLE_COMMITTEE | AUTH_ROLE_CSIRT);
    assert_string_equal(who.token_name, "FIDS monitor");
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM api_tokens WHERE last_used_at = "
                                    "'2027-04-01T09:00:00Z'"),
                     1);
    /* last use refreshed at most once a minute */
    long long audit0 = count(f->t.st, "SELECT count(*) FROM audit_log");
    at("2027-04-01T09:00:30Z");
    assert_int_equal(verify(f, tok, &who, &thr), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log"), audit0);
    at("2027-04-01T09:01:01Z");
    assert_int_equal(verify(f, tok, &who, &thr), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM api_tokens WHERE last_used_at = "
                                    "'2027-04-01T09:01:01Z'"),
                     1);
    /* the admin flag and roles of another account */
    char tok3[API_TOKEN_LEN + 1];
    long long id3;
    assert_int_equal(api_token_add(f->t.st, "ito", "x", API_SCOPE_READ, NULL, tok3, &id3, &err),
                     AG_OK);
    assert_int_equal(verify(f, tok3, &who, &thr), AG_OK);
    assert_int_equal(who.user.roles, AUTH_ROLE_ADMIN);
    /* expiry: valid through the day, refused the day after */
    at("2027-04-01T23:59:59Z");
    assert_int_equal(verify(f, tok2, &who, &thr), AG_OK);
    at("2027-04-02T00:00:00Z");
    assert_int_equal(verify(f, tok2, &who, &thr), AG_EDENIED);
    assert_false(thr);
    assert_int_equal(who.token_id, 0); /* nothing of a refused token is handed out */
    /* a locked account's tokens stop; unlocking restores them */
    assert_int_equal(auth_account_lock(f->t.st, "sato", true, &err), AG_OK);
    assert_int_equal(verify(f, tok, &who, &thr), AG_EDENIED);
    assert_int_equal(auth_account_lock(f->t.st, "sato", false, &err), AG_OK);
    assert_int_equal(verify(f, tok, &who, &thr), AG_OK);
    /* an inactive person's too */
    assert_int_equal(store_exec(f->t.st, "UPDATE people SET active = 0 WHERE login = 'sato'", &err),
                     AG_OK);
    assert_int_equal(verify(f, tok, &who, &thr), AG_EDENIED);
    assert_int_equal(store_exec(f->t.st, "UPDATE people SET active = 1 WHERE login = 'sato'", &err),
                     AG_OK);
    /* revoked: never again */
    assert_int_equal(api_token_revoke(f->t.st, id, &err), AG_OK);
    assert_int_equal(verify(f, tok, &who, &thr), AG_EDENIED);
    assert_int_equal(api_token_revoke(f->t.st, id, &err), AG_ECONFLICT);
    assert_int_equal(api_token_revoke(f->t.st, 9999, &err), AG_ENOTFOUND);
    /* each refusal above is a failed sign-in from the address (expired, locked, inactive,
     * revoked) */
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM login_history WHERE address = "
                                    "'192.0.2.7' AND success = 0"),
                     4);
}

static void test_token_add_checks(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char tok[API_TOKEN_LEN + 1];
    long long id;
    assert_int_equal(api_token_add(f->t.st, "nobody", "x", API_SCOPE_READ, NULL, tok, &id, &err),
                     AG_ENOTFOUND);
    assert_int_equal(api_token_add(f->t.st, "sato", "", API_SCOPE_READ, NULL, tok, &id, &err),
                     AG_EINVAL);
    assert_int_equal(api_token_add(f->t.st, "sato", "a\nb", API_SCOPE_READ, NULL, tok, &id, &err),
                     AG_EINVAL);
    assert_int_equal(api_token_add(f->t.st, "sato", "x", 0, NULL, tok, &id, &err), AG_EINVAL);
    assert_int_equal(api_token_add(f->t.st, "sato", "x", 1u << 5, NULL, tok, &id, &err), AG_EINVAL);
    assert_int_equal(
        api_token_add(f->t.st, "sato", "x", API_SCOPE_READ, "2027-03-31", tok, &id, &err),
        AG_EINVAL);
    assert_int_equal(
        api_token_add(f->t.st, "sato", "x", API_SCOPE_READ, "2027-02-30", tok, &id, &err),
        AG_EINVAL);
    /* 100 characters (not bytes) are allowed, 101 are not */
    char name[512];
    size_t len = 0;
    for (int i = 0; i < 101; i++, len += 3)
        memcpy(name + len, "あ", 3);
    name[len - 3] = '\0';
    assert_int_equal(api_token_add(f->t.st, "sato", name, API_SCOPE_READ, NULL, tok, &id, &err),
                     AG_OK);
    name[len - 3] = "あ"[0];
    name[len] = '\0';
    assert_int_equal(api_token_add(f->t.st, "sato", name, API_SCOPE_READ, NULL, tok, &id, &err),
                     AG_EINVAL);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM api_tokens"), 1);
}

static void test_throttle(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct api_principal who;
    bool thr = false;
    char tok[API_TOKEN_LEN + 1], bad[API_TOKEN_LEN + 1];
    long long id;
    assert_int_equal(api_token_add(f->t.st, "sato", "x", API_SCOPE_READ, NULL, tok, &id, &err),
                     AG_OK);
    memcpy(bad, tok, sizeof(bad));
    bad[API_TOKEN_LEN - 1] = bad[API_TOKEN_LEN - 1] == '0' ? '1' : '0';
    for (int i = 0; i < f->pol.throttle_failures; i++) {
        assert_int_equal(verify(f, i % 2 ? bad : "agt_short", &who, &thr), AG_EDENIED);
        assert_false(thr);
    }
    /* the address is throttled now: even the right token waits, and nothing is looked up */
    assert_int_equal(verify(f, tok, &who, &thr), AG_EDENIED);
    assert_true(thr);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT "
                                    "NULL"),
                     0);
    /* another address is not */
    assert_int_equal(
        api_token_verify(f->t.st, &f->pol, tok, strlen(tok), "192.0.2.8", &who, &thr, &err), AG_OK);
    /* the window passes */
    at("2027-04-01T09:16:00Z");
    assert_int_equal(verify(f, tok, &who, &thr), AG_OK);
}

/* ---- request bodies ---- */

static void test_decode(void **state)
{
    (void)state;
    struct arena a;
    json_t *j;
    char msg[API_MSG_MAX];
    arena_init(&a, 1 << 20);
    static const char *const bad_json[] = {
        "", "{", "[]", "\"x\"", "{\"a\":1,\"a\":2}", "{\"a\":\"\\u0000\"}", "{} {}", "\xff"};
    for (size_t i = 0; i < AG_ARRAY_LEN(bad_json); i++) {
        assert_int_equal(api_json_object(bad_json[i], strlen(bad_json[i]), AG_LANG_EN, &j, msg),
                         AG_EINVAL);
        assert_null(j);
        assert_true(msg[0] != '\0');
    }
    const char *inc = "{\"title\": \"FIDS down\", \"severity\": \"high\", \"site\": null}";
    assert_int_equal(api_json_object(inc, strlen(inc), AG_LANG_EN, &j, msg), AG_OK);
    struct api_incident_body b;
    assert_int_equal(api_decode_incident(&a, j, AG_LANG_EN, &b, msg), AG_OK);
    assert_string_equal(b.title, "FIDS down");
    assert_string_equal(b.severity, "high");
    assert_null(b.site);
    assert_null(b.description);
    json_decref(j);
    static const struct {
        const char *body, *msg;
    } bad_inc[] = {
        {"{}", "title: required"},
        {"{\"title\": \"\"}", "title: required"},
        {"{\"title\": 1}", "title: must be a string"},
        {"{\"title\": \"x\", \"who\": \"y\"}", "who: unknown field"},
        {"{\"title\": \"a\\u001bb\"}", "title: control characters are not allowed"},
        {"{\"title\": \"x\", \"severity\": \"01234567890123456\"}", "severity: too long"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(bad_inc); i++) {
        assert_int_equal(
            api_json_object(bad_inc[i].body, strlen(bad_inc[i].body), AG_LANG_EN, &j, msg), AG_OK);
        assert_int_equal(api_decode_incident(&a, j, AG_LANG_EN, &b, msg), AG_EINVAL);
        if (!strstr(msg, bad_inc[i].msg))
            fail_msg("%s: got \"%s\"", bad_inc[i].body, msg);
        json_decref(j);
    }
    const char *ans = "{\"answers\": [{\"item\": \"a\", \"answer\": \"implemented\"}, {\"item\": "
                      "\"b\", \"answer\": \"partial\", \"comment\": \"tab\\tok\"}]}";
    struct api_answers_body ab;
    assert_int_equal(api_json_object(ans, strlen(ans), AG_LANG_EN, &j, msg), AG_OK);
    assert_int_equal(api_decode_answers(&a, j, AG_LANG_EN, &ab, msg), AG_OK);
    json_decref(j); /* the decoded strings live in the arena */
    assert_int_equal(ab.n, 2);
    assert_string_equal(ab.v[1].item, "b");
    assert_string_equal(ab.v[1].comment, "tab\tok");
    assert_null(ab.v[0].comment);
    static const struct {
        const char *body, *msg;
    } bad_ans[] = {
        {"{}", "answers: must be an array"},
        {"{\"answers\": []}", "answers: must be an array"},
        {"{\"answers\": {}}", "answers: must be an array"},
        {"{\"answers\": [1]}", "answers[0]: must be an object"},
        {"{\"answers\": [{\"item\": \"a\"}]}", "answers[0].answer: required"},
        {"{\"answers\": [{\"item\": \"a\", \"answer\": \"x\"}, {\"item\": \"a\", \"answr\": "
         "\"x\"}]}",
         "answers[1].answr: unknown field"},
        {"{\"answers\": [], \"submit\": true}", "submit: unknown field"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(bad_ans); i++) {
        assert_int_equal(
            api_json_object(bad_ans[i].body, strlen(bad_ans[i].body), AG_LANG_EN, &j, msg), AG_OK);
        assert_int_equal(api_decode_answers(&a, j, AG_LANG_EN, &ab, msg), AG_EINVAL);
        if (!strstr(msg, bad_ans[i].msg))
            fail_msg("%s: got \"%s\"", bad_ans[i].body, msg);
        json_decref(j);
    }
    /* more than API_MAX_ANSWERS */
    json_t *big = json_array();
    for (int i = 0; i <= API_MAX_ANSWERS; i++)
        json_array_append_new(big, json_pack("{s:s,s:s}", "item", "a", "answer", "x"));
    j = json_pack("{s:o}", "answers", big);
    assert_int_equal(api_decode_answers(&a, j, AG_LANG_EN, &ab, msg), AG_EINVAL);
    json_decref(j);
    arena_release(&a);
}

/* Every API route is a bearer-token route with a scope entry, and no page route is. */
static void test_routes(void **state)
{
    (void)state;
    size_t n;
    const struct route *r = web_routes(&n);
    size_t api = 0;
    for (size_t i = 0; i < n; i++) {
        bool under = strncmp(r[i].pattern, "/api/", 5) == 0;
        unsigned scopes;
        if (under != ((r[i].flags & ROUTE_TOKEN) != 0))
            fail_msg("%s: ROUTE_TOKEN exactly for /api/ paths", r[i].pattern);
        if (under) {
            api++;
            if (!api_route_scopes(r[i].handler, &scopes))
                fail_msg("%s has no scope entry", r[i].pattern);
            if (r[i].flags & (ROUTE_AUTH | ROUTE_CSRF | ROUTE_PUBLIC))
                fail_msg("%s mixes the API with session flags", r[i].pattern);
            if (r[i].method == WEB_POST && scopes == 0)
                fail_msg("POST %s needs a scope", r[i].pattern);
        }
    }
    assert_true(api >= 10);
}

/* Every /api/v1 route of the table is an operation of docs/openapi.yaml and vice versa (the
 * document's operations listed by tools/check-openapi.mjs, which parses the YAML for real). */
static void test_openapi_routes(void **state)
{
    (void)state;
    const char *src = getenv("AG_SOURCE_DIR");
    char cmd[1024], line[512];
    char documented[64][512];
    size_t ndoc = 0, n;
    assert_non_null(src);
    snprintf(cmd, sizeof(cmd),
             "node '%s/tools/check-openapi.mjs' '%s/docs/openapi.yaml' --paths 2>&1", src, src);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    while (fgets(line, sizeof(line), p) && ndoc < AG_ARRAY_LEN(documented)) {
        line[strcspn(line, "\n")] = '\0';
        snprintf(documented[ndoc++], sizeof(documented[0]), "%s", line);
    }
    assert_int_equal(pclose(p), 0);
    const struct route *r = web_routes(&n);
    bool seen[64] = {false};
    size_t routes = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(r[i].pattern, "/api/v1/", 8) != 0)
            continue;
        char want[160];
        snprintf(want, sizeof(want), "%s %s", r[i].method == WEB_POST ? "POST" : "GET",
                 r[i].pattern);
        size_t j = 0;
        while (j < ndoc && strcmp(documented[j], want) != 0)
            j++;
        if (j == ndoc)
            fail_msg("route \"%s\" is not in docs/openapi.yaml", want);
        seen[j] = true;
        routes++;
    }
    for (size_t j = 0; j < ndoc; j++)
        if (!seen[j])
            fail_msg("docs/openapi.yaml documents \"%s\", which is no route", documented[j]);
    assert_int_equal(routes, ndoc);
    assert_true(ndoc >= 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scopes_parse),
        cmocka_unit_test(test_scopes_format),
        cmocka_unit_test(test_token_form),
        cmocka_unit_test(test_token_hash),
        cmocka_unit_test_setup_teardown(test_token_life, setup, teardown),
        cmocka_unit_test_setup_teardown(test_token_add_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_openapi_routes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
