/*
 * test_rules.c — the rule engine: Sigma detection (modifiers, wildcards, keywords, conditions),
 * rule-file errors with file:line:column, correlations on sliding windows (event_count,
 * value_count, temporal_ordered, new_value, dormant, silence, chains), state kept across a
 * reload, bounded keys with eviction, allowlist, suppression and the site's working hours.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "logwatch/logwatch.h"

/* ---- helpers ---- */

struct sink {
    json_t *alerts; /* array */
};

static void collect(void *ctx, const struct lw_alert *a)
{
    struct sink *s = ctx;
    json_array_append_new(s->alerts, lw_alert_json(a));
}

static struct lw_ruleset *load(const char *yaml)
{
    struct strbuf errs;
    strbuf_init(&errs, 0);
    struct lw_ruleset *rs = NULL;
    int rc = lw_rules_load_buffer("t.yml", yaml, strlen(yaml), false, AG_LANG_EN, &rs, &errs);
    if (rc != AG_OK)
        fail_msg("rules did not load: %s", strbuf_str(&errs) ? strbuf_str(&errs) : "?");
    strbuf_release(&errs);
    return rs;
}

/* the errors of a rule text that must not load */
static char *load_errors(const char *yaml)
{
    struct strbuf errs;
    strbuf_init(&errs, 0);
    struct lw_ruleset *rs = NULL;
    int rc = lw_rules_load_buffer("bad.yml", yaml, strlen(yaml), false, AG_LANG_EN, &rs, &errs);
    assert_int_not_equal(rc, AG_OK);
    assert_null(rs);
    char *t = strbuf_take(&errs, NULL);
    assert_non_null(t);
    return t;
}

struct rig {
    struct lw_engine *e;
    struct sink s;
    struct lw_config cfg;
    uint64_t line;
};

static void rig_start(struct rig *r, const char *yaml, struct lw_config *cfg)
{
    memset(r, 0, sizeof(*r));
    if (cfg)
        r->cfg = *cfg;
    else
        lw_config_init(&r->cfg);
    r->s.alerts = json_array();
    assert_int_equal(lw_engine_new(&r->e, &r->cfg, collect, &r->s), AG_OK);
    lw_engine_set_rules(r->e, load(yaml));
}

static void rig_stop(struct rig *r)
{
    lw_engine_free(r->e);
    json_decref(r->s.alerts);
}

/* feeds one syslog line (RFC 3339 stamps carry their own year and zone) */
static void feed(struct rig *r, const char *line)
{
    struct lw_event ev;
    lw_syslog_parse(line, strlen(line), 2026, &ev);
    lw_decode(&ev);
    lw_engine_event(r->e, &ev, "test.log", ++r->line, line, strlen(line));
}

static size_t nalerts(const struct rig *r)
{
    return json_array_size(r->s.alerts);
}

static const char *alert_str(const struct rig *r, size_t i, const char *key)
{
    return json_string_value(json_object_get(json_array_get(r->s.alerts, i), key));
}

static long long alert_int(const struct rig *r, size_t i, const char *key)
{
    return json_integer_value(json_object_get(json_array_get(r->s.alerts, i), key));
}

/* "2026-03-05T01:MM:SSZ host sshd[1]: msg" with the given minute and second */
static void at(struct rig *r, int hour, int min, int sec, const char *msg)
{
    char line[512];
    snprintf(line, sizeof(line), "2026-03-05T%02d:%02d:%02dZ gw01 sshd[1]: %s", hour, min, sec,
             msg);
    feed(r, line);
}

/* ---- detection ---- */

static bool matches(const char *detection, const char *line)
{
    char yaml[4096];
    snprintf(yaml, sizeof(yaml), "title: t\ndetection:\n%s\nlevel: low\n", detection);
    struct rig r;
    rig_start(&r, yaml, NULL);
    feed(&r, line);
    bool hit = nalerts(&r) == 1;
    rig_stop(&r);
    return hit;
}

static const char *const FAIL =
    "2026-03-05T01:00:00Z gw01 sshd[7]: Failed password for invalid user Admin from "
    "203.0.113.9 port 4242 ssh2";

static void test_modifiers(void **state)
{
    (void)state;
    assert_true(matches("  s:\n    user: admin\n  condition: s", FAIL)); /* case-insensitive */
    assert_false(matches("  s:\n    user: adm\n  condition: s", FAIL));
    assert_true(matches("  s:\n    user|startswith: AD\n  condition: s", FAIL));
    assert_true(matches("  s:\n    user|endswith: min\n  condition: s", FAIL));
    assert_true(matches("  s:\n    message|contains: 'invalid USER'\n  condition: s", FAIL));
    assert_false(matches("  s:\n    message|contains: 'valid userX'\n  condition: s", FAIL));
    assert_true(matches("  s:\n    user: 'a*n'\n  condition: s", FAIL));
    assert_true(matches("  s:\n    user: 'ad?in'\n  condition: s", FAIL));
    assert_false(matches("  s:\n    user: 'ad\\?in'\n  condition: s", FAIL)); /* escaped */
    assert_true(matches("  s:\n    message|re: 'user [A-Z]dmin from'\n  condition: s", FAIL));
    assert_false(matches("  s:\n    message|re: '^user'\n  condition: s", FAIL));
    assert_true(matches("  s:\n    user|re|i: '^admin$'\n  condition: s", FAIL));
    assert_true(matches("  s:\n    src_ip|cidr: 203.0.113.0/24\n  condition: s", FAIL));
    assert_false(
        matches("  s:\n    src_ip|cidr: [10.0.0.0/8, 2001:db8::/32]\n  condition: s", FAIL));
    assert_true(
        matches("  s:\n    message|contains|all: [Failed, '203.0.113.9']\n  condition: s", FAIL));
    assert_false(
        matches("  s:\n    message|contains|all: [Failed, Accepted]\n  condition: s", FAIL));
    assert_true(
        matches("  s:\n    src_port|gte: 4242\n    src_port|lt: 5000\n  condition: s", FAIL));
    assert_false(matches("  s:\n    src_port|gt: 4242\n  condition: s", FAIL));
    assert_true(matches("  s:\n    action: login\n    outcome: failure\n    invalid_user: true\n"
                        "  condition: s",
                        FAIL));
    assert_true(matches("  s:\n    target: null\n  condition: s", FAIL)); /* empty field */
    assert_true(matches("  s:\n    src_ip|exists: true\n  condition: s", FAIL));
    assert_false(matches("  s:\n    http_status|exists: true\n  condition: s", FAIL));
    /* the decoder (also a pre-filter of the engine: a rule for web logs is not even tried on
     * sshd lines) */
    assert_true(matches("  s:\n    decoder: SSHD\n  condition: s", FAIL));
    assert_false(matches("  s:\n    decoder: web\n  condition: s", FAIL));
    assert_true(matches("  s:\n    decoder: web\n    http_status: 404\n  condition: s",
                        "192.0.2.1 - - [05/Mar/2026:10:00:00 +0900] \"GET /x HTTP/1.1\" 404 1 "
                        "\"-\" \"curl\""));
    /* Sigma's usual names for the same fields */
    assert_true(matches("  s:\n    TargetUserName: admin\n    IpAddress: 203.0.113.9\n"
                        "  condition: s",
                        FAIL));
    /* keywords: anywhere in the message */
    assert_true(
        matches("  kw:\n    - 'no such thing'\n    - 'INVALID user'\n  condition: kw", FAIL));
    /* a list of maps: any of them */
    assert_true(matches("  s:\n    - user: root\n    - user: admin\n      program: sshd\n"
                        "  condition: s",
                        FAIL));
}

static void test_conditions(void **state)
{
    (void)state;
    const char *sels = "  a:\n    user: admin\n  b:\n    program: sshd\n  c:\n    user: root\n";
    char d[1024];
#define COND(c) (snprintf(d, sizeof(d), "%s  condition: %s", sels, c), matches(d, FAIL))
    assert_true(COND("a and b"));
    assert_false(COND("a and c"));
    assert_true(COND("c or a"));
    assert_true(COND("a and not c"));
    assert_false(COND("not (a or c)"));
    assert_true(COND("(a or c) and b"));
    assert_false(COND("a and (c or not b)"));
    assert_true(COND("1 of them"));
    assert_false(COND("all of them"));
    assert_true(COND("all of a* and b"));
    assert_false(COND("1 of c*"));
    assert_true(COND("not c and not not a")); /* not binds tighter than and */
    assert_true(COND("c and b or a"));        /* and binds tighter than or */
#undef COND
}

static void test_errors(void **state)
{
    (void)state;
    char *e = load_errors("title: x\ndetection:\n  s:\n    usr: admin\n  condition: s\n");
    assert_non_null(strstr(e, "bad.yml:4:5: unknown field \"usr\""));
    free(e);
    e = load_errors("title: x\ndetection:\n  s:\n    user|contain: a\n  condition: s\n");
    assert_non_null(strstr(e, "bad.yml:4:5: unknown modifier \"contain\""));
    free(e);
    e = load_errors("title: x\ndetection:\n  s:\n    user: a\n  condition: s and (t\n");
    assert_non_null(strstr(e, "bad.yml:5:14: condition \"s and (t\", at character 8"));
    free(e);
    e = load_errors("title: x\ndetection:\n  s:\n    user: [a\n  condition: s\n");
    assert_non_null(strstr(e, "bad.yml:5:"));
    assert_non_null(strstr(e, "YAML syntax error"));
    free(e);
    e = load_errors("title: x\ndetection:\n  s:\n    message|re: '(a'\n  condition: s\n");
    assert_non_null(
        strstr(e, "bad.yml:4:17: bad regular expression at offset 2: missing closing parenthesis"));
    free(e);
    e = load_errors("title: c\ncorrelation:\n  type: event_count\n  rules: [nothere]\n"
                    "  timespan: 5m\n  condition:\n    gte: 3\n");
    assert_non_null(strstr(e, "the correlation refers to \"nothere\""));
    free(e);
    e = load_errors("title: c\ncorrelation:\n  type: event_count\n  rules: [x]\n"
                    "  timespan: 5 minutes\n  condition:\n    gte: 3\n");
    assert_non_null(strstr(e, "timespan \"5 minutes\""));
    free(e);
    e = load_errors("title: x\ndetection:\n  s:\n    action: logon\n  condition: s\n");
    assert_non_null(strstr(e, "unknown action \"logon\""));
    free(e);
    e = load_errors("title: x\ndetection:\n  s:\n    user: a\n  condition: s | count() > 5\n");
    assert_non_null(strstr(e, "aggregations after | are not supported"));
    free(e);
    /* the same name twice */
    e = load_errors("title: a\nname: n\ndetection:\n  s:\n    user: a\n  condition: s\n---\n"
                    "title: b\nname: n\ndetection:\n  s:\n    user: a\n  condition: s\n");
    assert_non_null(strstr(e, "rule name or id \"n\" is used twice"));
    free(e);

    /* keep going: the good rule loads, the bad one is reported */
    const char *two = "title: good\ndetection:\n  s:\n    user: a\n  condition: s\n---\n"
                      "title: bad\ndetection:\n  s:\n    nofield: a\n  condition: s\n";
    struct strbuf errs;
    strbuf_init(&errs, 0);
    struct lw_ruleset *rs;
    assert_int_equal(lw_rules_load_buffer("k.yml", two, strlen(two), true, AG_LANG_EN, &rs, &errs),
                     AG_OK);
    assert_int_equal(lw_ruleset_size(rs), 1);
    assert_string_equal(lw_rule_title(rs, 0), "good");
    assert_non_null(strstr(strbuf_str(&errs), "k.yml:10:5: unknown field \"nofield\""));
    lw_ruleset_free(rs);
    strbuf_release(&errs);
    /* Japanese messages */
    strbuf_init(&errs, 0);
    const char *bad = "title: x\ndetection:\n  s:\n    usr: a\n  condition: s\n";
    assert_int_not_equal(
        lw_rules_load_buffer("j.yml", bad, strlen(bad), false, AG_LANG_JA, &rs, &errs), AG_OK);
    assert_non_null(strstr(strbuf_str(&errs), "j.yml:4:5: 不明なフィールド「usr」"));
    strbuf_release(&errs);
}

/* ---- correlations ---- */

static const char *const BASE = "title: failures\nname: fail\ndetection:\n  s:\n    action: login\n"
                                "    outcome: failure\n  condition: s\nlevel: low\n---\n";

static void test_event_count_window(void **state)
{
    (void)state;
    char yaml[2048];
    snprintf(yaml, sizeof(yaml),
             "%stitle: brute\nname: brute\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
             "  group-by: [src_ip, user]\n  timespan: 10m\n  condition:\n    gte: 5\n"
             "level: high\ntags: [mlit.3.1.5.1(2)(e), attack.t1110.001]\n"
             "airguard:\n  category: brute_force\n",
             BASE);
    struct rig r;
    rig_start(&r, yaml, NULL);
    /* 4 failures, then 11 minutes later 4 more: never 5 within 10 minutes */
    for (int i = 0; i < 4; i++)
        at(&r, 1, 0, i, "Failed password for root from 198.51.100.7 port 1 ssh2");
    for (int i = 0; i < 4; i++)
        at(&r, 1, 11, i, "Failed password for root from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    /* another account from the same address is another key */
    at(&r, 1, 11, 10, "Failed password for oracle from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    /* the fifth within the window */
    at(&r, 1, 12, 0, "Failed password for root from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "category"), "brute_force");
    assert_string_equal(alert_str(&r, 0, "src_ip"), "198.51.100.7");
    assert_string_equal(alert_str(&r, 0, "user"), "root");
    assert_string_equal(alert_str(&r, 0, "level"), "high");
    assert_string_equal(alert_str(&r, 0, "first"), "2026-03-05T01:11:00Z");
    assert_string_equal(alert_str(&r, 0, "time"), "2026-03-05T01:12:00Z");
    assert_int_equal(alert_int(&r, 0, "count"), 9); /* all the events of the key so far */
    json_t *g = json_object_get(json_array_get(r.s.alerts, 0), "guideline");
    assert_string_equal(json_string_value(json_array_get(g, 0)), "3.1.5.1(2)(e)");
    json_t *ev = json_object_get(json_array_get(r.s.alerts, 0), "evidence");
    assert_non_null(strstr(json_string_value(json_array_get(ev, 0)), "Failed password for root"));
    assert_string_equal(json_string_value(json_array_get(ev, 1)), "test.log:8");
    /* the attack goes on: no second alert within the timespan, one after it */
    for (int i = 0; i < 5; i++)
        at(&r, 1, 13, i, "Failed password for root from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    /* at 01:23:00 the quiet period is over and the window (01:13:00–01:23:00) holds five */
    at(&r, 1, 23, 0, "Failed password for root from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 2);
    assert_string_equal(alert_str(&r, 1, "time"), "2026-03-05T01:23:00Z");
    assert_int_equal(alert_int(&r, 1, "count"), 6); /* the events since the first alert */
    /* "message repeated N times" counts N */
    at(&r, 2, 0, 0,
       "message repeated 6 times: [ Failed password for admin from 192.0.2.1 port 2 "
       "ssh2]");
    assert_int_equal(nalerts(&r), 3);
    assert_string_equal(alert_str(&r, 2, "user"), "admin");
    rig_stop(&r);
}

static void test_value_count_and_spray(void **state)
{
    (void)state;
    char yaml[2048];
    snprintf(yaml, sizeof(yaml),
             "%stitle: list\nname: list\ncorrelation:\n  type: value_count\n  rules: [fail]\n"
             "  group-by: [src_ip]\n  timespan: 10m\n  condition:\n    field: user\n    gte: 4\n"
             "airguard:\n  category: password_list_attack\n---\n"
             "title: spray\nname: spray\ncorrelation:\n  type: value_count\n  rules: [fail]\n"
             "  group-by: [user]\n  timespan: 1h\n  condition:\n    field: src_ip\n    gte: 3\n"
             "airguard:\n  category: password_spray\n",
             BASE);
    struct rig r;
    rig_start(&r, yaml, NULL);
    /* the same user many times is not a list attack */
    for (int i = 0; i < 6; i++)
        at(&r, 1, 0, i, "Failed password for root from 203.0.113.9 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    at(&r, 1, 1, 0, "Failed password for invalid user a from 203.0.113.9 port 1 ssh2");
    at(&r, 1, 1, 1, "Failed password for invalid user b from 203.0.113.9 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    at(&r, 1, 1, 2, "Failed password for invalid user c from 203.0.113.9 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "category"), "password_list_attack");
    assert_string_equal(alert_str(&r, 0, "src_ip"), "203.0.113.9");
    assert_null(alert_str(&r, 0, "user")); /* many users: none is the alert's */
    json_t *v = json_object_get(json_array_get(r.s.alerts, 0), "values");
    assert_int_equal(json_array_size(v), 4);
    /* spraying: sato from three addresses */
    at(&r, 1, 5, 0, "Failed password for sato from 192.0.2.1 port 1 ssh2");
    at(&r, 1, 20, 0, "Failed password for sato from 192.0.2.2 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    at(&r, 1, 40, 0, "Failed password for sato from 192.0.2.3 port 1 ssh2");
    assert_int_equal(nalerts(&r), 2);
    assert_string_equal(alert_str(&r, 1, "category"), "password_spray");
    assert_string_equal(alert_str(&r, 1, "user"), "sato");
    assert_null(alert_str(&r, 1, "src_ip"));
    /* values older than the timespan do not count */
    at(&r, 4, 0, 0, "Failed password for kato from 192.0.2.1 port 1 ssh2");
    at(&r, 5, 30, 0, "Failed password for kato from 192.0.2.2 port 1 ssh2");
    at(&r, 6, 40, 0, "Failed password for kato from 192.0.2.3 port 1 ssh2");
    assert_int_equal(nalerts(&r), 2);
    rig_stop(&r);
}

static const char *const SUCCESS_BASE = "title: ok\nname: ok\ndetection:\n  s:\n    action: login\n"
                                        "    outcome: success\n  condition: s\nlevel: low\n---\n";

static void test_temporal_chain(void **state)
{
    (void)state;
    char yaml[4096];
    snprintf(yaml, sizeof(yaml),
             "%s%stitle: fails\nname: fails\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
             "  group-by: [user]\n  timespan: 30m\n  condition:\n    gte: 3\n---\n"
             "title: after\nname: after\ncorrelation:\n  type: temporal_ordered\n"
             "  rules: [fails, ok]\n  group-by: [user]\n  timespan: 30m\nlevel: high\n"
             "airguard:\n  category: login_after_failures\n",
             BASE, SUCCESS_BASE);
    struct rig r;
    rig_start(&r, yaml, NULL);
    /* a success before the failures is not the pattern (ordered) */
    at(&r, 1, 0, 0, "Accepted password for suzuki from 192.0.2.99 port 1 ssh2");
    for (int i = 0; i < 3; i++)
        at(&r, 1, 1, i, "Failed password for suzuki from 192.0.2.99 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0); /* the counting correlation feeds, does not alert */
    /* another user's success does not complete it */
    at(&r, 1, 2, 0, "Accepted password for tanaka from 192.0.2.99 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    at(&r, 1, 3, 0, "Accepted password for suzuki from 192.0.2.99 port 2 ssh2");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "category"), "login_after_failures");
    assert_string_equal(alert_str(&r, 0, "user"), "suzuki");
    assert_string_equal(alert_str(&r, 0, "src_ip"), "192.0.2.99"); /* of the success */
    /* too late: failures, then a success after the timespan */
    for (int i = 0; i < 3; i++)
        at(&r, 3, 0, i, "Failed password for kato from 192.0.2.5 port 1 ssh2");
    at(&r, 3, 31, 0, "Accepted password for kato from 192.0.2.5 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    rig_stop(&r);
}

/* regression: a correlation that fires feeds the next one, which makes new keys while the
 * first still holds its own; the key store once grew by realloc there (use after free, found
 * by ASan on a 100,000-line log). Thousands of chained firings, each making a key. */
static void test_chain_makes_keys(void **state)
{
    (void)state;
    char yaml[4096];
    snprintf(yaml, sizeof(yaml),
             "%s%stitle: fails\nname: fails\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
             "  group-by: [user]\n  timespan: 30m\n  condition:\n    gte: 1\n---\n"
             "title: after\nname: after\ncorrelation:\n  type: temporal_ordered\n"
             "  rules: [fails, ok]\n  group-by: [user]\n  timespan: 30m\n",
             BASE, SUCCESS_BASE);
    struct rig r;
    rig_start(&r, yaml, NULL);
    char msg[128];
    for (int i = 0; i < 3000; i++) {
        snprintf(msg, sizeof(msg), "Failed password for u%d from 192.0.2.1 port 1 ssh2", i);
        at(&r, 1, 0, 0, msg);
    }
    at(&r, 1, 1, 0, "Accepted password for u2999 from 192.0.2.1 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "user"), "u2999");
    struct lw_engine_stats st;
    lw_engine_stats(r.e, &st);
    assert_int_equal(st.keys, 6000); /* per user: its failure count and its temporal state */
    rig_stop(&r);
}

static void test_new_value_dormant_silence(void **state)
{
    (void)state;
    char yaml[4096];
    snprintf(yaml, sizeof(yaml),
             "%stitle: new\nname: new\ncorrelation:\n  type: new_value\n  rules: [ok]\n"
             "  group-by: [user]\n  timespan: 90d\n  condition:\n    field: src_ip\n---\n"
             "title: dormant\nname: dormant\ncorrelation:\n  type: dormant\n  rules: [ok]\n"
             "  group-by: [user]\n  timespan: 90d\n---\n"
             "title: any\nname: any\ndetection:\n  s:\n    host|exists: true\n  condition: s\n---\n"
             "title: gap\nname: gap\ncorrelation:\n  type: silence\n  rules: [any]\n"
             "  group-by: [host]\n  timespan: 1h\n  condition:\n    gte: 3\n",
             SUCCESS_BASE);
    struct rig r;
    rig_start(&r, yaml, NULL);
    feed(&r, "2026-01-01T00:00:00Z gw01 sshd[1]: Accepted password for ito from 10.0.0.1 port 1 "
             "ssh2");
    feed(&r, "2026-01-01T00:10:00Z gw01 sshd[1]: Accepted password for ito from 10.0.0.1 port 1 "
             "ssh2");
    assert_int_equal(nalerts(&r), 0); /* the first address only teaches */
    feed(&r, "2026-01-01T00:20:00Z gw01 sshd[1]: Accepted password for ito from 10.0.0.2 port 1 "
             "ssh2");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "rule"), "new");
    assert_string_equal(alert_str(&r, 0, "src_ip"), "10.0.0.2");
    /* the sweep as the clock moves: gw01 (3 lines) silent for an hour */
    lw_engine_tick(r.e, 1767229200 + 3600 + 1200); /* 2026-01-01T01:20:00Z + 20 min */
    assert_int_equal(nalerts(&r), 2);
    assert_string_equal(alert_str(&r, 1, "rule"), "gap");
    assert_string_equal(alert_str(&r, 1, "host"), "gw01");
    assert_string_equal(alert_str(&r, 1, "first"), "2026-01-01T00:20:00Z"); /* last heard */
    lw_engine_tick(r.e, 1767229200 + 7200);                                 /* reported once */
    assert_int_equal(nalerts(&r), 2);
    /* 100 days later ito logs in again (from a known address): dormant, and the gap is not
     * reported a second time when gw01 comes back */
    feed(&r, "2026-04-11T00:00:00Z gw01 sshd[1]: Accepted password for ito from 10.0.0.1 port 1 "
             "ssh2");
    assert_int_equal(nalerts(&r), 3);
    assert_string_equal(alert_str(&r, 2, "rule"), "dormant");
    assert_string_equal(alert_str(&r, 2, "user"), "ito");
    rig_stop(&r);
}

/* regression: a line without a time (garbage, a bare message) before the first timed line
 * once set the engine's clock to today, so a log from March was swept as silent "now" and
 * its alerts carried today's date */
static void test_untimed_lines(void **state)
{
    (void)state;
    const char *yaml = "title: any\nname: any\ndetection:\n  s:\n    host|exists: true\n"
                       "  condition: s\n---\ntitle: gap\nname: gap\ncorrelation:\n"
                       "  type: silence\n  rules: [any]\n  group-by: [host]\n  timespan: 1h\n"
                       "  condition:\n    gte: 2\n";
    struct rig r;
    rig_start(&r, yaml, NULL);
    feed(&r, "\x01\x02 garbage without a time");
    at(&r, 1, 0, 0, "Accepted password for ito from 10.0.0.1 port 1 ssh2");
    at(&r, 1, 30, 0, "Accepted password for ito from 10.0.0.1 port 1 ssh2");
    lw_engine_tick(r.e, 0); /* the end of the input: the clock is the last line's time */
    assert_int_equal(nalerts(&r), 0);
    at(&r, 2, 45, 0, "Accepted password for ito from 10.0.0.1 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "time"), "2026-03-05T02:45:00Z");
    assert_string_equal(alert_str(&r, 0, "first"), "2026-03-05T01:30:00Z");
    json_t *ev = json_object_get(json_array_get(r.s.alerts, 0), "evidence");
    assert_true(json_array_size(ev) >= 2); /* the line that broke the silence, the ones before */
    rig_stop(&r);
}

/* one line at hh:mm of 2026-03-05 from host with program prog */
static void hline(struct rig *r, const char *hhmm, const char *host, const char *prog)
{
    char line[256];
    snprintf(line, sizeof(line), "2026-03-05T%s:00Z %s %s[7]: tick", hhmm, host, prog);
    feed(r, line);
}

/* regression for the sweep's skip (engine.c sil_due): the walk is skipped until the earliest
 * group can be due; a group of a shorter-timespan rule that starts talking after a sweep, and
 * a group that talks again after its gap was reported, must still be reported on time */
static void test_silence_sweep_due(void **state)
{
    (void)state;
    const char *yaml =
        "title: c\nname: c\ndetection:\n  s:\n    program: cron\n  condition: s\n---\n"
        "title: hb\nname: hb\ndetection:\n  s:\n    program: heartbeat\n  condition: s\n---\n"
        "title: gap1h\nname: gap1h\ncorrelation:\n  type: silence\n  rules: [c]\n"
        "  group-by: [host]\n  timespan: 1h\n  condition:\n    gte: 2\n---\n"
        "title: gap10m\nname: gap10m\ncorrelation:\n  type: silence\n  rules: [hb]\n"
        "  group-by: [host]\n  timespan: 10m\n  condition:\n    gte: 2\n";
    struct rig r;
    rig_start(&r, yaml, NULL);
    hline(&r, "00:00", "h1", "cron");
    hline(&r, "00:01", "h1", "cron"); /* a sweep here finds h1 due at 01:01 */
    hline(&r, "00:03", "h2", "heartbeat");
    hline(&r, "00:04", "h2", "heartbeat"); /* h2: due at 00:14, before h1 */
    hline(&r, "00:06", "h3", "kernel");
    hline(&r, "00:12", "h3", "kernel");
    assert_int_equal(nalerts(&r), 0);
    hline(&r, "00:15", "h3", "kernel");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "rule"), "gap10m");
    assert_string_equal(alert_str(&r, 0, "host"), "h2");
    assert_string_equal(alert_str(&r, 0, "time"), "2026-03-05T00:15:00Z");
    assert_string_equal(alert_str(&r, 0, "first"), "2026-03-05T00:04:00Z");
    /* h2 comes back (its gap was reported: no second alert), then falls silent again */
    hline(&r, "00:30", "h2", "heartbeat");
    hline(&r, "00:31", "h2", "heartbeat");
    hline(&r, "00:38", "h3", "kernel");
    assert_int_equal(nalerts(&r), 1);
    hline(&r, "00:45", "h3", "kernel");
    assert_int_equal(nalerts(&r), 2);
    assert_string_equal(alert_str(&r, 1, "rule"), "gap10m");
    assert_string_equal(alert_str(&r, 1, "time"), "2026-03-05T00:45:00Z");
    /* h1's hour */
    hline(&r, "00:59", "h3", "kernel");
    assert_int_equal(nalerts(&r), 2);
    hline(&r, "01:05", "h3", "kernel");
    assert_int_equal(nalerts(&r), 3);
    assert_string_equal(alert_str(&r, 2, "rule"), "gap1h");
    assert_string_equal(alert_str(&r, 2, "host"), "h1");
    assert_string_equal(alert_str(&r, 2, "time"), "2026-03-05T01:05:00Z");
    rig_stop(&r);
}

/* the alert of rule `rule` for host `host`, or -1 */
static long find_alert(const struct rig *r, const char *rule, const char *host)
{
    for (size_t i = 0; i < nalerts(r); i++)
        if (!strcmp(alert_str(r, i, "rule"), rule) && alert_str(r, i, "host") &&
            !strcmp(alert_str(r, i, "host"), host))
            return (long)i;
    return -1;
}

static const char *const GAP_RULES =
    "title: c\nname: c\ndetection:\n  s:\n    program: cron\n  condition: s\n---\n"
    "title: gap\nname: gap\ncorrelation:\n  type: silence\n  rules: [c]\n"
    "  group-by: [host]\n  timespan: 10m\n  condition:\n    gte: 3\n";

/* regression for the silence fast path (engine.c feed_silence_fast: a one-field group's key
 * remembered by its text): keys that look alike (same length, same first eight bytes, same
 * ends), a key that changes on every line, a gap seen when the group talks again (the fast
 * path must hand it to feed), and remembered keys whose entries were evicted and reused */
static void test_silence_fast_path(void **state)
{
    (void)state;
    struct rig r;
    rig_start(&r, GAP_RULES, NULL);
    const char *hosts[] = {"hostnameAAAA01", "hostnameBBBB01", "ab", "ba", "abcd1", "abce1"};
    const int times[] = {5, 1, 3, 1, 4, 2};
    char hhmm[16];
    for (int m = 0; m < 5; m++) /* interleaved: the key changes on every line */
        for (size_t h = 0; h < 6; h++)
            if (m < times[h]) {
                snprintf(hhmm, sizeof(hhmm), "00:%02d", m);
                hline(&r, hhmm, hosts[h], "cron");
            }
    for (int m = 5; m <= 20; m++) { /* another host keeps talking: the sweep reports them */
        snprintf(hhmm, sizeof(hhmm), "00:%02d", m);
        hline(&r, hhmm, "x", "cron");
    }
    assert_int_equal(nalerts(&r), 3);
    long a = find_alert(&r, "gap", "hostnameAAAA01");
    long b = find_alert(&r, "gap", "ab");
    long c = find_alert(&r, "gap", "abcd1");
    assert_true(a >= 0 && b >= 0 && c >= 0);
    assert_int_equal(alert_int(&r, (size_t)a, "count"), 5);
    assert_int_equal(alert_int(&r, (size_t)b, "count"), 3);
    assert_int_equal(alert_int(&r, (size_t)c, "count"), 4);
    assert_string_equal(alert_str(&r, (size_t)a, "first"), "2026-03-05T00:04:00Z");
    rig_stop(&r);

    /* many keys of one length and the same first eight bytes, some sharing a memo way */
    rig_start(&r, GAP_RULES, NULL);
    char name[32];
    for (int m = 0; m < 3; m++)
        for (int h = 0; h < 100; h++) {
            snprintf(hhmm, sizeof(hhmm), "00:%02d", m);
            snprintf(name, sizeof(name), "hostname%06d", h * 7919);
            hline(&r, hhmm, name, "cron");
        }
    for (int m = 3; m <= 20; m++) {
        snprintf(hhmm, sizeof(hhmm), "00:%02d", m);
        hline(&r, hhmm, "x", "cron");
    }
    assert_int_equal(nalerts(&r), 100);
    for (size_t i = 0; i < nalerts(&r); i++)
        assert_int_equal(alert_int(&r, i, "count"), 3);
    rig_stop(&r);

    /* a gap seen when the group talks again (no other line, so no sweep in between) */
    rig_start(&r, GAP_RULES, NULL);
    hline(&r, "01:00", "dhost", "cron");
    hline(&r, "01:01", "dhost", "cron");
    hline(&r, "01:02", "dhost", "cron");
    hline(&r, "01:30", "dhost", "cron");
    assert_int_equal(nalerts(&r), 1);
    assert_string_equal(alert_str(&r, 0, "host"), "dhost");
    assert_int_equal(alert_int(&r, 0, "count"), 3);
    assert_string_equal(alert_str(&r, 0, "first"), "2026-03-05T01:02:00Z");
    assert_string_equal(alert_str(&r, 0, "time"), "2026-03-05T01:30:00Z");
    hline(&r, "01:31", "dhost", "cron"); /* talking again: nothing to report */
    hline(&r, "01:32", "dhost", "cron");
    assert_int_equal(nalerts(&r), 1);
    hline(&r, "02:00", "dhost", "cron"); /* the next gap: counted from the start */
    assert_int_equal(nalerts(&r), 2);
    assert_int_equal(alert_int(&r, 1, "count"), 6);
    rig_stop(&r);

    /* eviction at the cap: remembered keys whose entries went to other hosts */
    struct lw_config cfg;
    lw_config_init(&cfg);
    cfg.max_keys = 64; /* (the least the engine takes) */
    rig_start(&r, GAP_RULES, &cfg);
    char host[16];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 70; i++) { /* each host once a round: fewer than 3 while held */
            snprintf(host, sizeof(host), "e%d", i);
            hline(&r, "00:00", host, "cron");
        }
    struct lw_engine_stats st;
    lw_engine_stats(r.e, &st);
    assert_true(st.evicted > 0);
    assert_true(st.keys <= 64);
    for (int m = 1; m <= 20; m++) {
        snprintf(hhmm, sizeof(hhmm), "00:%02d", m);
        hline(&r, hhmm, "x", "cron");
    }
    /* a host held through all three rounds is reported with its 3 lines; no evicted host's
     * line was counted on the entry that took its place (a count over 3) */
    assert_true(nalerts(&r) < 70);
    for (size_t i = 0; i < nalerts(&r); i++)
        assert_int_equal(alert_int(&r, i, "count"), 3);
    rig_stop(&r);
}

/* The alert record (struct lw_alert) and the JSON built from it by lw_alert_json: the id is
 * "lw-" and the record's hid in 16 hex digits, keys in the contract's order, a user name that
 * is not UTF-8 comes out with '?' for its bytes */
struct one_alert {
    uint64_t hid;
    char *text;
    size_t n;
};

static void keep_text(void *ctx, const struct lw_alert *a)
{
    struct one_alert *o = ctx;
    o->n++;
    o->hid = a->hid;
    json_t *j = lw_alert_json(a);
    free(o->text);
    o->text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(j);
}

static void test_alert_record_json(void **state)
{
    (void)state;
    struct lw_config cfg;
    lw_config_init(&cfg);
    struct one_alert o = {0};
    struct lw_engine *e;
    assert_int_equal(lw_engine_new(&e, &cfg, keep_text, &o), AG_OK);
    lw_engine_set_rules(
        e, load("title: Root try\nid: r-1\ndetection:\n  s:\n    action: login\n"
                "    outcome: failure\n  condition: s\nlevel: high\ntags:\n"
                "  - mlit.3.1.5.1(2)(e)\n  - attack.t1110\nairguard:\n  category: brute_force\n"));
    /* a user name with two bytes that are not UTF-8 */
    const char *raw = "2026-03-05T01:02:03Z gw01 sshd[1]: Failed password for r\xff\xfe"
                      "t from 203.0.113.9 port 22 ssh2";
    struct lw_event ev;
    lw_syslog_parse(raw, strlen(raw), 2026, &ev);
    assert_true(lw_decode(&ev));
    lw_engine_event(e, &ev, "auth.log", 42, raw, strlen(raw));
    assert_int_equal(o.n, 1);
    char id[32];
    snprintf(id, sizeof(id), "{\"id\":\"lw-%016" PRIx64 "\",", o.hid);
    assert_non_null(o.text);
    assert_int_equal(strncmp(o.text, id, strlen(id)), 0);
    assert_string_equal(
        o.text + strlen(id),
        "\"time\":\"2026-03-05T01:02:03Z\",\"category\":\"brute_force\",\"rule\":\"Root try\","
        "\"rule_id\":\"r-1\",\"level\":\"high\",\"src_ip\":\"203.0.113.9\",\"user\":\"r??t\","
        "\"host\":\"gw01\",\"count\":1,\"first\":\"2026-03-05T01:02:03Z\","
        "\"last\":\"2026-03-05T01:02:03Z\",\"guideline\":[\"3.1.5.1(2)(e)\"],\"catalog\":[],"
        "\"attack\":[\"t1110\"],\"evidence\":[\"2026-03-05T01:02:03Z gw01 sshd[1]: Failed "
        "password for r??t from 203.0.113.9 port 22 ssh2\",\"auth.log:42\"]}");
    free(o.text);
    lw_engine_free(e);
}

static void test_reload_keeps_windows(void **state)
{
    (void)state;
    char yaml[2048];
    snprintf(yaml, sizeof(yaml),
             "%stitle: brute\nname: brute\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
             "  group-by: [src_ip]\n  timespan: 10m\n  condition:\n    gte: 6\n",
             BASE);
    struct rig r;
    rig_start(&r, yaml, NULL);
    for (int i = 0; i < 3; i++)
        at(&r, 1, 0, i, "Failed password for root from 198.51.100.7 port 1 ssh2");
    lw_engine_set_rules(r.e, load(yaml)); /* SIGHUP: the same rules again */
    for (int i = 0; i < 2; i++)
        at(&r, 1, 1, i, "Failed password for root from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    at(&r, 1, 2, 0, "Failed password for root from 198.51.100.7 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1); /* 3 before the reload + 3 after */
    rig_stop(&r);
}

static void test_bounded_keys(void **state)
{
    (void)state;
    char yaml[2048];
    snprintf(yaml, sizeof(yaml),
             "%stitle: brute\nname: brute\ncorrelation:\n  type: event_count\n  rules: [fail]\n"
             "  group-by: [src_ip]\n  timespan: 10m\n  condition:\n    gte: 3\n",
             BASE);
    struct lw_config cfg;
    lw_config_init(&cfg);
    cfg.max_keys = 64;
    struct rig r;
    rig_start(&r, yaml, &cfg);
    char msg[128];
    for (int i = 0; i < 1000; i++) {
        snprintf(msg, sizeof(msg), "Failed password for root from 10.0.%d.%d port 1 ssh2", i / 256,
                 i % 256);
        at(&r, 1, 0, 0, msg);
    }
    struct lw_engine_stats st;
    lw_engine_stats(r.e, &st);
    assert_true(st.keys <= 64);
    assert_int_equal(st.evicted, 1000 - 64);
    assert_int_equal(nalerts(&r), 0);
    /* a key still held keeps counting: the last address three times */
    at(&r, 1, 0, 1, msg);
    at(&r, 1, 0, 2, msg);
    assert_int_equal(nalerts(&r), 1);
    rig_stop(&r);
}

static void test_allowlist_suppress_hours(void **state)
{
    (void)state;
    const char *yaml =
        "title: off hours\nname: off\ndetection:\n  s:\n    action: login\n    outcome: success\n"
        "  w:\n    workhours: true\n  a:\n    service_account: true\n"
        "  condition: s and not w and not a\nairguard:\n  suppress: 1h\n---\n"
        "title: failed\nname: failed\ndetection:\n  s:\n    outcome: failure\n  condition: s\n";
    struct lw_config cfg;
    lw_config_init(&cfg); /* +09:00, Monday–Friday 08:00–19:00 */
    struct lw_cidr allow;
    assert_true(lw_cidr_parse("10.0.0.0/8", 10, &allow));
    cfg.allow = &allow;
    cfg.nallow = 1;
    int32_t holiday = 20517; /* 2026-03-05 (Thursday) as a holiday below */
    char *svc[] = {"backup"};
    cfg.service_accounts = svc;
    cfg.nservice = 1;
    struct rig r;
    rig_start(&r, yaml, &cfg);
    /* 2026-03-05T01:00Z = 10:00 JST Thursday: working hours */
    at(&r, 1, 0, 0, "Accepted password for ito from 192.0.2.1 port 1 ssh2");
    assert_int_equal(nalerts(&r), 0);
    /* 11:00Z = 20:00 JST: off hours; a second one within the hour is suppressed */
    at(&r, 11, 0, 0, "Accepted password for ito from 192.0.2.1 port 1 ssh2");
    at(&r, 11, 30, 0, "Accepted password for ito from 192.0.2.1 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    at(&r, 12, 30, 0, "Accepted password for ito from 192.0.2.1 port 1 ssh2");
    assert_int_equal(nalerts(&r), 2);
    /* a service account logs in at all hours: not an off-hours alert */
    at(&r, 12, 40, 0, "Accepted publickey for backup from 192.0.2.9 port 1 ssh2");
    assert_int_equal(nalerts(&r), 2);
    /* the allowlist: never alerted on, counted */
    at(&r, 13, 0, 0, "Failed password for ito from 10.1.2.3 port 1 ssh2");
    assert_int_equal(nalerts(&r), 2);
    struct lw_engine_stats st;
    lw_engine_stats(r.e, &st);
    assert_int_equal(st.allowlisted, 1);
    assert_int_equal(st.suppressed, 1);
    rig_stop(&r);
    /* a holiday is outside working hours all day */
    cfg.holidays = &holiday;
    cfg.nholidays = 1;
    rig_start(&r, yaml, &cfg);
    at(&r, 1, 0, 0, "Accepted password for ito from 192.0.2.1 port 1 ssh2");
    assert_int_equal(nalerts(&r), 1);
    rig_stop(&r);
}

static void test_config_file(void **state)
{
    (void)state;
    char path[] = "/tmp/lwcfgXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *good = "site:\n  timezone: \"+05:30\"\n  workdays: [mon, sat]\n"
                       "  hours: \"09:30-17:00\"\n  holidays: [2026-05-03, 2026-01-01]\n"
                       "  service_accounts: [ansible, zabbix]\n"
                       "allowlist: [192.0.2.0/24, 2001:db8::1]\n"
                       "rules:\n  max_keys: 5000\n  disable: [off]\n  suppress: {brute: 2h}\n"
                       "respond:\n  whatever: belongs to another part\n";
    FILE *f = fdopen(fd, "w");
    fputs(good, f);
    fclose(f);
    struct lw_config cfg;
    lw_config_init(&cfg);
    struct strbuf errs;
    strbuf_init(&errs, 0);
    assert_int_equal(lw_config_load(path, &cfg, AG_LANG_EN, &errs), AG_OK);
    assert_int_equal(cfg.utc_offset, 5 * 3600 + 1800);
    assert_true(cfg.utc_offset_set); /* netwatch uses the zone only when the file gives one */
    assert_int_equal(cfg.workdays, 1 | (1 << 5));
    assert_int_equal(cfg.work_start, 570);
    assert_int_equal(cfg.work_end, 1020);
    assert_int_equal(cfg.nholidays, 2);
    assert_true(cfg.holidays[0] < cfg.holidays[1]); /* sorted */
    assert_int_equal(cfg.holidays[0], 20454);       /* 2026-01-01 */
    assert_int_equal(cfg.nallow, 2);
    assert_int_equal(cfg.nservice, 2);
    assert_string_equal(cfg.service_accounts[1], "zabbix");
    assert_int_equal(cfg.max_keys, 5000);
    assert_int_equal(cfg.ndisabled, 1);
    assert_int_equal(cfg.nsuppress, 1);
    assert_int_equal(cfg.suppress_secs[0], 7200);
    lw_config_release(&cfg);
    /* errors name the place */
    f = fopen(path, "w");
    fputs("site:\n  timezone: JST\n  hours: 9-5\nallowlist: [300.1.1.1]\n", f);
    fclose(f);
    strbuf_reset(&errs);
    assert_int_not_equal(lw_config_load(path, &cfg, AG_LANG_EN, &errs), AG_OK);
    assert_non_null(strstr(strbuf_str(&errs), ":2:13: timezone must be an offset"));
    assert_non_null(strstr(strbuf_str(&errs), ":3:10: hours must be"));
    assert_non_null(strstr(strbuf_str(&errs), ":4:12: \"300.1.1.1\" is not an address"));
    lw_config_release(&cfg);
    /* no site.timezone: the default offset (Japan), marked as not given */
    f = fopen(path, "w");
    fputs("site:\n  workdays: [mon]\n", f);
    fclose(f);
    strbuf_reset(&errs);
    lw_config_init(&cfg);
    assert_int_equal(lw_config_load(path, &cfg, AG_LANG_EN, &errs), AG_OK);
    assert_false(cfg.utc_offset_set);
    assert_int_equal(cfg.utc_offset, 9 * 3600);
    lw_config_release(&cfg);
    strbuf_release(&errs);
    unlink(path);
    /* the shared parser of offsets (src/common/time.c) and its format */
    int32_t off = 1;
    char tz[7];
    assert_true(ag_utc_offset_parse("Z", &off) && off == 0);
    assert_true(ag_utc_offset_parse("UTC", &off) && off == 0);
    assert_true(ag_utc_offset_parse("-05:30", &off) && off == -(5 * 3600 + 1800));
    assert_true(ag_utc_offset_parse("+14:00", &off) && off == 14 * 3600);
    const char *bad[] = {"+15:00", "+09:60", "09:00", "+9:00", "+09:00 ", "+0900", "", "+09:0x"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(ag_utc_offset_parse(bad[i], &off));
    ag_utc_offset_format(-(5 * 3600 + 1800), tz);
    assert_string_equal(tz, "-05:30");
    ag_utc_offset_format(9 * 3600, tz);
    assert_string_equal(tz, "+09:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modifiers),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_event_count_window),
        cmocka_unit_test(test_value_count_and_spray),
        cmocka_unit_test(test_temporal_chain),
        cmocka_unit_test(test_chain_makes_keys),
        cmocka_unit_test(test_new_value_dormant_silence),
        cmocka_unit_test(test_untimed_lines),
        cmocka_unit_test(test_silence_sweep_due),
        cmocka_unit_test(test_silence_fast_path),
        cmocka_unit_test(test_alert_record_json),
        cmocka_unit_test(test_reload_keeps_windows),
        cmocka_unit_test(test_bounded_keys),
        cmocka_unit_test(test_allowlist_suppress_hours),
        cmocka_unit_test(test_config_file),
    };
    lw_register_messages();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
