/* Alerts as records (src/isms/alert.c): the JSON → row mapping and its refusals, a batch in one
 * transaction (a bad alert writes nothing), duplicates ignored, guideline refs resolved to
 * catalog items, the filters and cursor pages of the list, acknowledge/close with their audit
 * trail, and incidents opened by configuration (one per key within 24 h, linked otherwise).
 * Each test runs on a fresh demo store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/alert.h"

static int setup(void **state)
{
    *state = fixture_new("alert", "2026-11-26T12:00:00Z", FIXTURE_DEMO);
    struct fixture *f = *state;
    struct ag_error err;
    /* the demo's own alerts (demo_evidence.c) out of the way: the counts here are this test's */
    assert_int_equal(store_exec(f->st, "DELETE FROM alerts WHERE id LIKE 'lw-demo%'", &err), AG_OK);
    store_set_actor(f->st, "test");
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

static long long scalar(struct fixture *f, const char *sql)
{
    return fixture_scalar(f->st, sql, 0);
}

/* An alert of the contract; fields overridable by a JSON text merged over it. */
static json_t *alert(const char *id, const char *over)
{
    json_t *a = json_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:[s],s:[s],s:[s],s:[s,s]}", "id", id,
        "time", "2026-11-26T05:12:00Z", "category", "brute_force", "rule",
        "SSH brute force on one account", "rule_id", "0b6b5c1e-1111-4a4a-9999-000000000001",
        "level", "high", "src_ip", "203.0.113.9", "user", "root", "host", "gw01", "count", 12,
        "first", "2026-11-26T05:10:00Z", "last", "2026-11-26T05:12:00Z", "guideline",
        "3.1.5.1(2)(e)", "catalog", "3.1.5.1-2-e", "attack", "t1110.001", "evidence",
        "Nov 26 05:10:00 gw01 sshd[1]: Failed password for root from 203.0.113.9 port 1 ssh2",
        "<script>alert(1)</script>");
    assert_non_null(a);
    if (over) {
        json_t *o = json_loads(over, 0, NULL);
        assert_non_null(o);
        assert_int_equal(json_object_update(a, o), 0);
        json_decref(o);
    }
    return a;
}

static int add(struct fixture *f, json_t **v, size_t n, const struct isms_alert_policy *p,
               struct isms_alert_stats *stats, struct ag_error *err)
{
    int rc = isms_alert_add_batch(f->st, f->cat, v, n, p, stats, err);
    for (size_t i = 0; i < n; i++)
        json_decref(v[i]);
    return rc;
}

static void test_mapping(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct isms_alert_row r;
    json_t *a = alert("lw-0000000000000001", "{\"time\": \"2026-11-26T14:12:00.123+09:00\"}");
    assert_int_equal(isms_alert_from_json(a, f->cat, &r, &err), AG_OK);
    assert_string_equal(r.time, "2026-11-26T05:12:00Z"); /* fraction dropped, UTC */
    assert_int_equal(r.count, 12);
    assert_int_equal(r.nitems, 1); /* catalog id and its ref are the same item */
    assert_string_equal(r.items[0], "3.1.5.1-2-e");
    assert_string_equal(r.attack, "[\"t1110.001\"]");
    isms_alert_row_release(&r);
    json_decref(a);

    static const struct {
        const char *over, *msg;
    } bad[] = {
        {"{\"id\": null}", "id: missing"},
        {"{\"id\": \"lw-1 OR 1=1\"}", "id: \"lw-1 OR 1=1\" has characters"},
        {"{\"time\": \"yesterday\"}", "time: \"yesterday\" is not a UTC time"},
        {"{\"time\": 5}", "time: must be a string"},
        {"{\"level\": \"urgent\"}", "level: \"urgent\" is not one of"},
        {"{\"category\": \"brute\\u0007force\"}", "category: control characters"},
        {"{\"src_ip\": \"203.0.113.999\"}", "src_ip: \"203.0.113.999\" is not an IPv4"},
        {"{\"count\": 0}", "count: must be a whole number from 1"},
        {"{\"count\": \"12\"}", "count: must be a whole number from 1"},
        {"{\"guideline\": \"3.1.5.1\"}", "guideline: must be an array"},
        {"{\"catalog\": [1]}", "catalog[0]: must be a string"},
        {"{\"evidence\": [\"a\", 2]}", "evidence[1]: must be a string"},
        {"{\"rule\": \"\"}", "rule: missing"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++) {
        a = alert("lw-0000000000000002", bad[i].over);
        if (isms_alert_from_json(a, f->cat, &r, &err) != AG_EINVAL)
            fail_msg("accepted %s", bad[i].over);
        if (!strstr(err.msg, bad[i].msg))
            fail_msg("%s: message \"%s\", expected \"%s\"", bad[i].over, err.msg, bad[i].msg);
        json_decref(a);
    }
    /* an attacker's long user name is cut, not refused; a site rule's category is free text */
    char longuser[1200];
    memset(longuser, 'u', sizeof(longuser) - 1);
    longuser[sizeof(longuser) - 1] = '\0';
    char over1[1400];
    snprintf(over1, sizeof(over1), "{\"user\": \"%s\", \"category\": \"Site Rule 7\"}", longuser);
    a = alert("lw-0000000000000004", over1);
    assert_int_equal(isms_alert_from_json(a, f->cat, &r, &err), AG_OK);
    assert_int_equal(strlen(r.user), 256);
    assert_string_equal(r.category, "Site Rule 7");
    isms_alert_row_release(&r);
    json_decref(a);
    /* scoped IPv6 accepted; unknown keys ignored; long evidence cut at a character */
    char big[6001], over[6200];
    for (size_t i = 0; i < sizeof(big) - 1; i += 3)
        memcpy(big + i, "\xe3\x81\x82", 3); /* あ */
    big[6000] = '\0';
    snprintf(over, sizeof(over),
             "{\"src_ip\": \"fe80::1%%eth0\", \"future_key\": {\"x\": 1}, \"evidence\": [\"%s\"]}",
             big);
    a = alert("lw-0000000000000003", over);
    assert_int_equal(isms_alert_from_json(a, f->cat, &r, &err), AG_OK);
    json_t *ev = json_loads(r.evidence, 0, NULL);
    const char *line = json_string_value(json_array_get(ev, 0));
    assert_true(strlen(line) <= ISMS_ALERT_EVIDENCE_MAX + 3);
    assert_non_null(strstr(line, "\xe2\x80\xa6")); /* … */
    json_decref(ev);
    isms_alert_row_release(&r);
    json_decref(a);
}

static void test_batch_duplicates_audit(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct isms_alert_stats st = {0};
    long long audit0 = scalar(f, "SELECT count(*) FROM audit_log");
    json_t *v[3] = {alert("lw-00000000000000a1", NULL), alert("lw-00000000000000a2", NULL),
                    alert("lw-00000000000000a1", NULL)};
    assert_int_equal(add(f, v, 3, NULL, &st, &err), AG_OK);
    assert_int_equal(st.added, 2);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM alerts"), 2);
    /* one explicit audit row for the batch, with its digest */
    assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log"), audit0 + 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE action = 'import' AND "
                               "entity = 'alerts' AND seq = (SELECT max(seq) FROM audit_log) AND "
                               "length(json_extract(detail, '$.sha256')) = "
                               "64 AND json_extract(detail, '$.added') = 2"),
                     1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM alert_items WHERE item_id = '3.1.5.1-2-e'"),
                     2);
    /* the same batch again: all duplicates, nothing written, not even an audit row */
    memset(&st, 0, sizeof(st));
    json_t *w[1] = {alert("lw-00000000000000a2", NULL)};
    assert_int_equal(add(f, w, 1, NULL, &st, &err), AG_OK);
    assert_int_equal(st.duplicates, 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log"), audit0 + 1);
    /* a bad alert in the middle: nothing of the batch is written, the message names it */
    json_t *x[3] = {alert("lw-00000000000000b1", NULL),
                    alert("lw-00000000000000b2", "{\"level\": \"severe\"}"),
                    alert("lw-00000000000000b3", NULL)};
    assert_int_equal(add(f, x, 3, NULL, NULL, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "alert 2: level"));
    assert_int_equal(scalar(f, "SELECT count(*) FROM alerts"), 2);
    /* the trail still verifies (alerts are outside the per-row triggers) */
    struct store_verify res;
    assert_int_equal(store_audit_verify(f->st, &res, &err), AG_OK);
    assert_int_equal(res.bad_seq, 0);
}

static void test_query_filters_pages(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    json_t *v[6] = {
        alert("lw-0000000000000c01", NULL),
        alert("lw-0000000000000c02", "{\"category\": \"password_spray\", \"level\": \"medium\", "
                                     "\"src_ip\": \"198.51.100.7\", \"user\": \"alice\"}"),
        alert("lw-0000000000000c03", "{\"level\": \"critical\", \"time\": "
                                     "\"2026-11-20T00:00:00Z\"}"),
        alert("lw-0000000000000c04", "{\"level\": \"low\", \"catalog\": [], \"guideline\": []}"),
        alert("lw-0000000000000c05", "{\"src_ip\": \"2001:db8::5\"}"),
        alert("lw-0000000000000c06", "{\"category\": \"log_cleared\", \"level\": "
                                     "\"informational\"}"),
    };
    assert_int_equal(add(f, v, 6, NULL, NULL, &err), AG_OK);
    json_t *items;
    long long next;
    struct isms_alert_filter q = {.limit = 50};
    assert_int_equal(isms_alert_query(f->st, &q, &items, &next, &err), AG_OK);
    assert_int_equal(json_array_size(items), 6);
    assert_int_equal(next, 0);
    /* newest first; absent keys absent; incident_id null */
    json_t *top = json_array_get(items, 0);
    assert_string_equal(json_string_value(json_object_get(top, "id")), "lw-0000000000000c06");
    assert_true(json_is_null(json_object_get(top, "incident_id")));
    assert_string_equal(json_string_value(json_object_get(top, "status")), "new");
    json_decref(items);

    static const struct {
        struct isms_alert_filter q;
        const char *ids;
    } cases[] = {
        {{.category = "password_spray", .limit = 50}, "c02"},
        {{.level = "high", .limit = 50}, "c05 c03 c01"},
        {{.src_ip = "2001:db8::5", .limit = 50}, "c05"},
        {{.user = "alice", .limit = 50}, "c02"},
        {{.since = "2026-11-25T00:00:00Z", .level = "critical", .limit = 50}, ""},
        {{.since = "2026-11-19", .level = "critical", .limit = 50}, "c03"},
        {{.item = "3.1.5.1-2-e", .category = "brute_force", .limit = 50}, "c05 c03 c01"},
        /* an item takes the alerts on what lies below it; not those on its neighbours */
        {{.item = "3.1.5.1-2", .limit = 50}, "c06 c05 c03 c02 c01"},
        {{.item = "3.1.5.1-2-e.m1", .limit = 50}, ""},
        {{.item = "3.1.5.1-2-", .limit = 50}, ""},
        {{.status = "open", .level = "high", .limit = 50}, "c05 c03 c01"},
        {{.status = "new", .category = "log_cleared", .limit = 50}, "c06"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(cases); i++) {
        if (isms_alert_query(f->st, &cases[i].q, &items, &next, &err) != AG_OK)
            fail_msg("case %zu: %s", i, err.msg);
        char got[128] = "";
        for (size_t k = 0; k < json_array_size(items); k++) {
            const char *id = json_string_value(json_object_get(json_array_get(items, k), "id"));
            snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", k ? " " : "", id + 16);
        }
        if (strcmp(got, cases[i].ids) != 0)
            fail_msg("case %zu: got \"%s\", expected \"%s\"", i, got, cases[i].ids);
        json_decref(items);
    }
    /* cursor pages of 4 then 2 */
    struct isms_alert_filter p = {.limit = 4};
    assert_int_equal(isms_alert_query(f->st, &p, &items, &next, &err), AG_OK);
    assert_int_equal(json_array_size(items), 4);
    assert_true(next > 0);
    json_decref(items);
    p.after = next;
    assert_int_equal(isms_alert_query(f->st, &p, &items, &next, &err), AG_OK);
    assert_int_equal(json_array_size(items), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "id")),
                        "lw-0000000000000c01");
    assert_int_equal(next, 0);
    json_decref(items);
    /* malformed filters are refused by name */
    struct isms_alert_filter bad[] = {
        {.level = "urgent", .limit = 10},
        {.status = "opened", .limit = 10},
        {.since = "last week", .limit = 10},
        {.category = "x\001", .limit = 10},
        {.limit = 0},
        {.user = "a\nb", .limit = 10},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++)
        assert_int_equal(isms_alert_query(f->st, &bad[i], &items, &next, &err), AG_EINVAL);
    /* the dashboard's counts */
    json_t *sum;
    assert_int_equal(isms_alert_summary(f->st, "2026-11-25T12:00:00Z", &sum, &err), AG_OK);
    json_t *bf = json_object_get(sum, "brute_force");
    assert_int_equal(json_integer_value(json_array_get(bf, 0)), 3); /* c03 is older */
    assert_int_equal(json_integer_value(json_array_get(bf, 1)), 4);
    json_decref(sum);
    /* "open" leaves out the closed ones */
    assert_int_equal(isms_alert_step(f->st, "lw-0000000000000c03", "close", 0, "", &err), AG_OK);
    struct isms_alert_filter o = {
        .status = "open", .item = "3.1.5.1-2", .level = "high", .limit = 50};
    assert_int_equal(isms_alert_query(f->st, &o, &items, &next, &err), AG_OK);
    assert_int_equal(json_array_size(items), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "id")),
                        "lw-0000000000000c01");
    json_decref(items);
}

static void test_ack_close_trail(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    json_t *v[1] = {alert("lw-0000000000000d01", NULL)};
    assert_int_equal(add(f, v, 1, NULL, NULL, &err), AG_OK);
    long long tanaka = who(f, "tanaka");
    store_set_actor(f->st, "tanaka");
    assert_int_equal(isms_alert_step(f->st, "lw-0000000000000d01", "acknowledge", tanaka,
                                     "looking into it", &err),
                     AG_OK);
    assert_int_equal(
        isms_alert_step(f->st, "lw-0000000000000d01", "acknowledge", tanaka, NULL, &err),
        AG_EDENIED);
    assert_int_equal(
        isms_alert_step(f->st, "lw-0000000000000d01", "close", tanaka, "blocked", &err), AG_OK);
    assert_int_equal(isms_alert_step(f->st, "lw-0000000000000d01", "close", tanaka, NULL, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "is closed"));
    assert_int_equal(isms_alert_step(f->st, "lw-nope", "close", tanaka, NULL, &err), AG_ENOTFOUND);
    assert_int_equal(isms_alert_step(f->st, "lw-0000000000000d01", "delete", tanaka, NULL, &err),
                     AG_EINVAL);
    /* each step is an audited row of alert_actions naming the person */
    assert_int_equal(scalar(f, "SELECT count(*) FROM audit_log WHERE entity = 'alert_actions' "
                               "AND action = 'insert' AND actor = 'tanaka'"),
                     2);
    assert_int_equal(scalar(f, "SELECT count(*) FROM alert_actions WHERE note = 'blocked' AND "
                               "action = 'closed'"),
                     1);
    json_t *a;
    assert_int_equal(isms_alert_get(f->st, "lw-0000000000000d01", &a, &err), AG_OK);
    assert_string_equal(json_string_value(json_object_get(a, "status")), "closed");
    json_t *acts = json_object_get(a, "actions");
    assert_int_equal(json_array_size(acts), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(acts, 0), "person")),
                        "tanaka");
    json_decref(a);
    struct store_verify res;
    assert_int_equal(store_audit_verify(f->st, &res, &err), AG_OK);
    assert_int_equal(res.bad_seq, 0);
}

static void test_incident_policy(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct isms_alert_stats st = {0};
    const char *cats[] = {"brute_force", "password_list_attack", NULL};
    struct isms_alert_policy p = {"high", cats, who(f, "tanaka")};
    long long inc0 = scalar(f, "SELECT count(*) FROM incidents");
    json_t *v[5] = {
        alert("lw-0000000000000e01", NULL),                                   /* opens */
        alert("lw-0000000000000e02", "{\"time\": \"2026-11-26T06:00:00Z\"}"), /* same key: links */
        alert("lw-0000000000000e03", "{\"src_ip\": \"198.51.100.1\"}"),       /* other key: opens */
        alert("lw-0000000000000e04", "{\"level\": \"medium\"}"),              /* below min_level */
        alert("lw-0000000000000e05", "{\"category\": \"web_attack\"}"),       /* not listed */
    };
    assert_int_equal(add(f, v, 5, &p, &st, &err), AG_OK);
    assert_int_equal(st.incidents_opened, 2);
    assert_int_equal(st.incidents_linked, 1);
    assert_int_equal(scalar(f, "SELECT count(*) FROM incidents"), inc0 + 2);
    assert_int_equal(scalar(f, "SELECT count(*) FROM alerts WHERE incident_id IS NOT NULL"), 3);
    assert_int_equal(scalar(f, "SELECT count(DISTINCT incident_id) FROM alerts WHERE id IN "
                               "('lw-0000000000000e01', 'lw-0000000000000e02')"),
                     1);
    /* the incident: severity from the level, detected at the alert's time, reporter tanaka */
    assert_int_equal(scalar(f, "SELECT count(*) FROM incidents i JOIN alerts a ON a.incident_id = "
                               "i.id WHERE a.id = 'lw-0000000000000e01' AND i.severity = 'high' "
                               "AND i.detected_at = '2026-11-26T05:12:00Z' AND i.occurred_at = "
                               "'2026-11-26T05:10:00Z' AND i.reported_by = (SELECT id FROM people "
                               "WHERE login = 'tanaka') AND i.title LIKE '%203.0.113.9%'"),
                     1);
    /* a user name with control characters (attacker-chosen) still opens its incident */
    json_t *u[1] = {alert("lw-0000000000000e07", "{\"src_ip\": null, \"user\": "
                                                 "\"ro\\u001b[31mot\\r\", \"rule\": \"\\t \"}")};
    memset(&st, 0, sizeof(st));
    if (add(f, u, 1, &p, &st, &err) != AG_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(st.incidents_opened, 1);
    assert_int_equal(scalar(f,
                            "SELECT count(*) FROM incidents WHERE title LIKE '%(ro?[31mot?)' AND "
                            "description LIKE '%user: ro?[31mot?%'"),
                     1);
    /* more than 24 h later: a new incident for the same key */
    json_t *w[1] = {alert("lw-0000000000000e06", "{\"time\": \"2026-11-27T06:00:00Z\"}")};
    setenv("AIRGUARD_NOW", "2026-11-27T12:00:00Z", 1);
    memset(&st, 0, sizeof(st));
    assert_int_equal(add(f, w, 1, &p, &st, &err), AG_OK);
    assert_int_equal(st.incidents_opened, 1);
    /* manual: link an alert to an incident, or open one from it */
    long long inc, tanaka = who(f, "tanaka");
    long long first = scalar(f, "SELECT incident_id FROM alerts WHERE id = 'lw-0000000000000e01'");
    assert_int_equal(isms_alert_incident(f->st, "lw-0000000000000e04", tanaka, 99999, &inc, &err),
                     AG_ENOTFOUND);
    assert_int_equal(isms_alert_incident(f->st, "lw-0000000000000e04", tanaka, first, &inc, &err),
                     AG_OK);
    assert_int_equal(inc, first);
    assert_int_equal(isms_alert_incident(f->st, "lw-0000000000000e04", tanaka, 0, &inc, &err),
                     AG_ECONFLICT);
    assert_int_equal(isms_alert_incident(f->st, "lw-0000000000000e05", tanaka, 0, &inc, &err),
                     AG_OK);
    assert_true(inc > first);
    assert_int_equal(scalar(f, "SELECT count(*) FROM alert_actions WHERE action = "
                               "'incident-opened' AND person_id IS NULL"),
                     4);
    setenv("AIRGUARD_NOW", "2026-11-26T12:00:00Z", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_mapping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_duplicates_audit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_query_filters_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ack_close_trail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incident_policy, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
