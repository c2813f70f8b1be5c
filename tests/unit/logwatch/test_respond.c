/*
 * test_respond.c — logwatch's responses: escalation of repeated blocks within the memory window
 * and its reset, expiry, the cap with eviction of the soonest-expiring entry, the state file
 * round trip and its errors, the configuration (values, ignored keys, errors with file, line
 * and column), the decisions on alerts (categories, level, allowlist, dry run, a refusing
 * firewall, account locks), the nft scripts (recorded) and libnftables' error messages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "logwatch/logwatch.h"

#define T0 1780000000 /* 2026-05-28T20:26:40Z */
#define MIN 60
#define HOUR 3600
#define DAY 86400

static void addr(const char *s, int *family, uint8_t a[16])
{
    assert_true(lw_addr_parse(s, strlen(s), family, a));
}

static struct lw_blocklist *list_new(size_t cap)
{
    struct lw_respond_config c;
    lw_respond_config_init(&c);
    c.max_entries = cap;
    struct lw_block_policy p;
    lw_block_policy_from_config(&c, &p);
    struct lw_blocklist *bl;
    assert_int_equal(lw_blocklist_new(&p, &bl), AG_OK);
    return bl;
}

static struct lw_block_entry offend(struct lw_blocklist *bl, const char *s, int64_t now,
                                    int64_t seconds, bool *already)
{
    int f;
    uint8_t a[16];
    addr(s, &f, a);
    struct lw_block_entry e;
    bool dummy;
    assert_int_equal(lw_blocklist_offend(bl, f, a, now, seconds, &e, already ? already : &dummy),
                     AG_OK);
    return e;
}

static const struct lw_block_entry *find(struct lw_blocklist *bl, const char *s)
{
    int f;
    uint8_t a[16];
    addr(s, &f, a);
    return lw_blocklist_find(bl, f, a);
}

static void test_durations(void **state)
{
    (void)state;
    int64_t s;
    assert_true(lw_duration_parse("90", &s) && s == 90);
    assert_true(lw_duration_parse("10m", &s) && s == 600);
    assert_true(lw_duration_parse("1h30m", &s) && s == 5400);
    assert_true(lw_duration_parse("7d", &s) && s == 7 * DAY);
    assert_true(lw_duration_parse("2w", &s) && s == 14 * DAY);
    assert_true(lw_duration_parse("3650d", &s));
    assert_false(lw_duration_parse("3651d", &s)); /* nft takes no longer timeout */
    assert_false(lw_duration_parse("", &s));
    assert_false(lw_duration_parse("0s", &s));
    assert_true(lw_duration_parse("10", &s) && s == 10);
    assert_false(lw_duration_parse("1h30", &s)); /* a unit on every number but a lone one */
    assert_false(lw_duration_parse("10x", &s));
    assert_false(lw_duration_parse("-5m", &s));
    assert_false(lw_duration_parse("99999999999999999999s", &s));
    char out[32];
    lw_duration_format(5400, out);
    assert_string_equal(out, "1h30m");
    lw_duration_format(7 * DAY + 1, out);
    assert_string_equal(out, "7d1s");
    lw_duration_format(45, out);
    assert_string_equal(out, "45s");
}

static void test_escalation(void **state)
{
    (void)state;
    struct lw_blocklist *bl = list_new(100);
    bool already;
    /* default durations 10m, 1h, 24h, 7d; the n-th block lasts durations[n-1] */
    struct lw_block_entry e = offend(bl, "203.0.113.9", T0, 0, &already);
    assert_false(already);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.expires, T0 + 10 * MIN);
    assert_int_equal(e.first, T0);
    /* while blocked, more alerts for the same address are the same attack: no escalation */
    e = offend(bl, "203.0.113.9", T0 + 5 * MIN, 0, &already);
    assert_true(already);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.expires, T0 + 10 * MIN);
    /* after the block: 1h, then 24h, then 7d, then 7d again (the last repeats) */
    int64_t t = T0 + 11 * MIN;
    e = offend(bl, "203.0.113.9", t, 0, &already);
    assert_false(already);
    assert_int_equal(e.count, 2);
    assert_int_equal(e.expires, t + HOUR);
    t += 2 * HOUR;
    e = offend(bl, "203.0.113.9", t, 0, NULL);
    assert_int_equal(e.count, 3);
    assert_int_equal(e.expires, t + DAY);
    t += 2 * DAY;
    e = offend(bl, "203.0.113.9", t, 0, NULL);
    assert_int_equal(e.count, 4);
    assert_int_equal(e.expires, t + 7 * DAY);
    t += 7 * DAY + 1;
    e = offend(bl, "203.0.113.9", t, 0, NULL);
    assert_int_equal(e.count, 5);
    assert_int_equal(e.expires, t + 7 * DAY); /* capped at the last duration */
    assert_int_equal(e.first, T0);
    /* an offence more than the window (7d) after the last block ended starts a new series;
     * one within it continues the series */
    e = offend(bl, "203.0.113.9", e.expires + 7 * DAY, 0, NULL);
    assert_int_equal(e.count, 6);
    int64_t later = e.expires + 7 * DAY + 1;
    e = offend(bl, "203.0.113.9", later, 0, NULL);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.first, later);
    assert_int_equal(e.expires, later + 10 * MIN);
    /* an operator's length: exactly that, counted as a block; on a running block it replaces
     * the expiry without counting */
    e = offend(bl, "198.51.100.1", T0, 3 * HOUR, NULL);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.expires, T0 + 3 * HOUR);
    e = offend(bl, "198.51.100.1", T0 + MIN, 30 * MIN, &already);
    assert_false(already);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.expires, T0 + 31 * MIN);
    /* IPv4-mapped IPv6 is the same address as the IPv4 one */
    e = offend(bl, "::ffff:198.51.100.1", T0 + 2 * MIN, 0, &already);
    assert_true(already);
    assert_int_equal(lw_blocklist_count(bl), 2);
    lw_blocklist_free(bl);
}

static void test_expiry(void **state)
{
    (void)state;
    struct lw_blocklist *bl = list_new(100);
    offend(bl, "192.0.2.1", T0, 0, NULL);         /* blocked until T0+10m */
    offend(bl, "192.0.2.2", T0, 30 * DAY, NULL);  /* blocked for 30 days */
    offend(bl, "2001:db8::1", T0 + DAY, 0, NULL); /* a day later */
    /* just after the first block ended it is remembered, not forgotten */
    assert_int_equal(lw_blocklist_expire(bl, T0 + 11 * MIN), 0);
    assert_non_null(find(bl, "192.0.2.1"));
    /* a week after its block ended, it is forgotten; the one blocked for 30 days and the
     * later one stay */
    assert_int_equal(lw_blocklist_expire(bl, T0 + 10 * MIN + 7 * DAY), 0);
    assert_int_equal(lw_blocklist_expire(bl, T0 + 10 * MIN + 7 * DAY + 1), 1);
    assert_null(find(bl, "192.0.2.1"));
    assert_non_null(find(bl, "192.0.2.2"));
    assert_non_null(find(bl, "2001:db8::1"));
    /* the 30-day block outlives the window: kept while it runs and a week after */
    assert_int_equal(lw_blocklist_expire(bl, T0 + 20 * DAY), 1);
    assert_non_null(find(bl, "192.0.2.2"));
    assert_int_equal(lw_blocklist_expire(bl, T0 + 37 * DAY), 0);
    assert_int_equal(lw_blocklist_expire(bl, T0 + 37 * DAY + 1), 1);
    assert_int_equal(lw_blocklist_count(bl), 0);
    /* removing and clearing */
    offend(bl, "192.0.2.7", T0, 0, NULL);
    int f;
    uint8_t a[16];
    addr("192.0.2.7", &f, a);
    assert_true(lw_blocklist_remove(bl, f, a));
    assert_false(lw_blocklist_remove(bl, f, a));
    lw_blocklist_free(bl);
}

static void test_cap_eviction(void **state)
{
    (void)state;
    struct lw_blocklist *bl = list_new(3);
    offend(bl, "192.0.2.1", T0, 5 * HOUR, NULL);
    offend(bl, "192.0.2.2", T0, 1 * HOUR, NULL); /* expires soonest */
    offend(bl, "192.0.2.3", T0, 3 * HOUR, NULL);
    assert_int_equal(lw_blocklist_evicted(bl), 0);
    offend(bl, "192.0.2.4", T0, 2 * HOUR, NULL);
    assert_int_equal(lw_blocklist_count(bl), 3);
    assert_int_equal(lw_blocklist_evicted(bl), 1);
    assert_null(find(bl, "192.0.2.2"));
    assert_non_null(find(bl, "192.0.2.1"));
    assert_non_null(find(bl, "192.0.2.3"));
    assert_non_null(find(bl, "192.0.2.4"));
    /* an entry only remembered (its block over) goes before any running block */
    offend(bl, "192.0.2.5", T0 + 2 * HOUR + 1, 10 * HOUR, NULL); /* evicts .4 (ended) */
    assert_null(find(bl, "192.0.2.4"));
    assert_int_equal(lw_blocklist_evicted(bl), 2);
    /* many more: the list never grows past the cap and every lookup still works */
    char s[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(s, sizeof(s), "10.%d.%d.1", i / 250, i % 250);
        offend(bl, s, T0 + i, 20 * HOUR + i, NULL);
        assert_non_null(find(bl, s));
        assert_true(lw_blocklist_count(bl) <= 3);
        for (size_t j = 0; j < lw_blocklist_count(bl); j++) { /* chains stay consistent */
            const struct lw_block_entry *e = lw_blocklist_at(bl, j);
            assert_ptr_equal(lw_blocklist_find(bl, e->family, e->addr), e);
        }
    }
    assert_int_equal(lw_blocklist_evicted(bl), 1002);
    /* at the cap, entries already forgotten go first, without counting as evictions */
    int64_t late = T0 + 60 * DAY;
    offend(bl, "172.16.0.1", late, HOUR, NULL);
    assert_int_equal(lw_blocklist_evicted(bl), 1002);
    assert_int_equal(lw_blocklist_count(bl), 1);
    lw_blocklist_free(bl);
}

static char tmpdir[256];

static void path_in_tmp(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", tmpdir, name);
}

static void test_state_round_trip(void **state)
{
    (void)state;
    char path[512];
    path_in_tmp(path, sizeof(path), "blocklist.json");
    struct lw_blocklist *bl = list_new(3);
    offend(bl, "203.0.113.9", T0, 0, NULL);
    offend(bl, "203.0.113.9", T0 + HOUR, 0, NULL); /* second block: 1h */
    offend(bl, "2001:db8::42", T0 + 2 * HOUR, 2 * DAY, NULL);
    offend(bl, "192.0.2.1", T0, MIN, NULL);
    offend(bl, "192.0.2.2", T0, 2 * MIN, NULL); /* evicts 192.0.2.1 */
    struct ag_error err;
    assert_int_equal(lw_blocklist_save(bl, path, &err), AG_OK);

    struct lw_blocklist *b2 = list_new(3);
    assert_int_equal(lw_blocklist_load(b2, path, T0 + 3 * HOUR, &err), AG_OK);
    assert_int_equal(lw_blocklist_count(b2), 3);
    assert_int_equal(lw_blocklist_evicted(b2), 1);
    for (size_t i = 0; i < lw_blocklist_count(bl); i++) {
        const struct lw_block_entry *a = lw_blocklist_at(bl, i);
        const struct lw_block_entry *b = lw_blocklist_find(b2, a->family, a->addr);
        assert_non_null(b);
        assert_memory_equal(a, b, sizeof(*a));
    }
    /* the escalation history survives the restart: the third block lasts 24h */
    struct lw_block_entry e = offend(b2, "203.0.113.9", T0 + 3 * HOUR, 0, NULL);
    assert_int_equal(e.count, 3);
    assert_int_equal(e.expires, T0 + 3 * HOUR + DAY);
    /* loading after the window drops what is forgotten by then */
    assert_int_equal(lw_blocklist_load(b2, path, T0 + 10 * DAY, &err), AG_OK);
    assert_int_equal(lw_blocklist_count(b2), 0);
    /* a smaller cap keeps the latest-expiring */
    struct lw_blocklist *b1 = list_new(1);
    assert_int_equal(lw_blocklist_load(b1, path, T0 + 3 * HOUR, &err), AG_OK);
    assert_int_equal(lw_blocklist_count(b1), 1);
    assert_non_null(find(b1, "2001:db8::42"));
    /* a missing file is an empty list */
    char none[512];
    path_in_tmp(none, sizeof(none), "missing.json");
    assert_int_equal(lw_blocklist_load(b1, none, T0, &err), AG_OK);
    assert_int_equal(lw_blocklist_count(b1), 0);
    lw_blocklist_free(b1);
    lw_blocklist_free(b2);
    lw_blocklist_free(bl);
}

static void load_fails(const char *text, const char *needle)
{
    struct lw_blocklist *bl = list_new(10);
    offend(bl, "192.0.2.99", T0, HOUR, NULL);
    struct ag_error err;
    ag_error_clear(&err);
    int rc = lw_blocklist_load_text(bl, text, strlen(text), "st.json", T0, &err);
    if (rc != AG_EINVAL || !strstr(err.msg, needle))
        fail_msg("loading %s: rc %d, message \"%s\", expected \"%s\"", text, rc, err.msg, needle);
    assert_non_null(strstr(err.msg, "st.json"));
    lw_blocklist_free(bl);
}

static void test_state_errors(void **state)
{
    (void)state;
    const char *ok_entry = "{\"addr\":\"192.0.2.1\",\"first\":\"2026-05-28T20:26:40Z\","
                           "\"last\":\"2026-05-28T20:26:40Z\",\"expires\":\"2026-05-28T21:26:40Z\","
                           "\"count\":1}";
    char buf[1024];
    load_fails("{\"version\":1,\n \"entries\": [", "st.json:2:");
    load_fails("[]", "not a block list state file");
    load_fails("{\"version\":2,\"entries\":[]}", "state version 2");
    load_fails("{\"version\":1,\"entries\":{}}", "entries: an array expected");
    snprintf(buf, sizeof(buf), "{\"version\":1,\"entries\":[%s,%s]}", ok_entry, ok_entry);
    load_fails(buf, "192.0.2.1 is there twice");
    load_fails(
        "{\"version\":1,\"entries\":[{\"addr\":\"300.1.1.1\",\"first\":\"2026-05-28T20:26:40Z\","
        "\"last\":\"2026-05-28T20:26:40Z\",\"expires\":\"2026-05-28T21:26:40Z\",\"count\":1}]}",
        "entry 1: \"300.1.1.1\" is not an IP address");
    load_fails(
        "{\"version\":1,\"entries\":[{\"addr\":\"192.0.2.1\",\"first\":\"2026-02-30T20:26:40Z\","
        "\"last\":\"2026-05-28T20:26:40Z\",\"expires\":\"2026-05-28T21:26:40Z\",\"count\":1}]}",
        "\"2026-02-30T20:26:40Z\" is not a time");
    load_fails(
        "{\"version\":1,\"entries\":[{\"addr\":\"192.0.2.1\",\"first\":\"2026-05-28T20:26:40Z\","
        "\"last\":\"2026-05-28T20:26:40Z\",\"expires\":\"2026-05-28T21:26:40Z\",\"count\":0}]}",
        "entry 1: inconsistent");
    load_fails("{\"version\":1,\"entries\":[{\"addr\":\"192.0.2.1\"}]}", "entry 1:");
    /* a failed load leaves the list as it was */
    struct lw_blocklist *bl = list_new(10);
    offend(bl, "192.0.2.99", T0, HOUR, NULL);
    struct ag_error err;
    assert_int_equal(lw_blocklist_load_text(bl, "[]", 2, "x", T0, &err), AG_EINVAL);
    assert_non_null(find(bl, "192.0.2.99"));
    lw_blocklist_free(bl);
}

/* ---- configuration ---- */

static void test_config(void **state)
{
    (void)state;
    const char *yaml = "rules: /etc/airguard/rules\n"
                       "outputs:\n  - json: /var/log/airguard/alerts.json\n"
                       "respond:\n"
                       "  enabled: true\n"
                       "  dry_run: yes\n"
                       "  categories: [brute_force, password_spray]\n"
                       "  min_level: high\n"
                       "  durations: [5m, 2h]\n"
                       "  window: 3d\n"
                       "  table: ag_test\n"
                       "  max_entries: 500\n"
                       "  lock_accounts: login_after_failures\n"
                       "allowlist:\n  - 10.0.0.0/8\n  - 192.0.2.7\n  - 2001:db8::/32\n";
    struct lw_respond_config c;
    struct ag_error err;
    lw_respond_config_init(&c);
    assert_false(c.enabled);
    assert_int_equal(c.ncategories, 3);
    assert_int_equal(c.ndurations, 4);
    assert_int_equal(c.durations[3], 7 * DAY);
    int rc = lw_respond_config_parse(yaml, strlen(yaml), "lw.yaml", &c, &err);
    if (rc)
        fail_msg("%s", err.msg);
    assert_true(c.enabled);
    assert_true(c.dry_run);
    assert_int_equal(c.ncategories, 2);
    assert_string_equal(c.categories[1], "password_spray");
    assert_int_equal(c.min_level, LW_LEVEL_HIGH);
    assert_int_equal(c.ndurations, 2);
    assert_int_equal(c.durations[0], 300);
    assert_int_equal(c.durations[1], 7200);
    assert_int_equal(c.window, 3 * DAY);
    assert_string_equal(c.table, "ag_test");
    assert_int_equal(c.max_entries, 500);
    assert_int_equal(c.nlock, 1); /* a single value is a list of one */
    assert_int_equal(c.nallow, 3);
    int f;
    uint8_t a[16];
    addr("10.20.30.40", &f, a);
    assert_non_null(lw_respond_allowlisted(&c, f, a));
    addr("192.0.2.7", &f, a);
    assert_non_null(lw_respond_allowlisted(&c, f, a));
    addr("192.0.2.8", &f, a);
    assert_null(lw_respond_allowlisted(&c, f, a));
    addr("2001:db8:1::5", &f, a);
    assert_non_null(lw_respond_allowlisted(&c, f, a));
    lw_respond_config_release(&c);

    /* a file without respond: keeps the defaults */
    lw_respond_config_init(&c);
    assert_int_equal(lw_respond_config_parse("rules: x\n", 9, "lw.yaml", &c, &err), AG_OK);
    assert_int_equal(c.ndurations, 4);
    assert_int_equal(c.nallow, 0);
    lw_respond_config_release(&c);
}

static void config_fails(const char *yaml, const char *needle)
{
    struct lw_respond_config c;
    struct ag_error err;
    ag_error_clear(&err);
    lw_respond_config_init(&c);
    int rc = lw_respond_config_parse(yaml, strlen(yaml), "lw.yaml", &c, &err);
    lw_respond_config_release(&c);
    if (rc != AG_EINVAL || !strstr(err.msg, needle))
        fail_msg("config \"%s\": rc %d, message \"%s\", expected \"%s\"", yaml, rc, err.msg,
                 needle);
}

static void test_config_errors(void **state)
{
    (void)state;
    config_fails("respond:\n  enabled: maybe\n", "lw.yaml:2:12: enabled: true or false expected");
    config_fails("respond:\n  durations: [10m, 1hour]\n", "lw.yaml:2:20: durations: \"1hour\"");
    config_fails("respond:\n  durations: []\n", "lw.yaml:2:14: durations: at least one");
    config_fails("respond:\n  window: {a: 1}\n", "lw.yaml:2:11: window: a single value expected");
    config_fails("respond:\n  min_level: severe\n", "lw.yaml:2:14: min_level: one of");
    config_fails("respond:\n  table: \"x; flush ruleset\"\n", "lw.yaml:2:10: table:");
    config_fails("respond:\n  nft: /usr/sbin/nft\n",
                 "lw.yaml:2:3: respond: unknown setting \"nft\"");
    config_fails("respond:\n  max_entries: 0\n", "lw.yaml:2:16: max_entries:");
    config_fails("respond:\n  max_entries: -5\n", "max_entries: a whole number");
    config_fails("respond:\n  categories: [\"brute force\"]\n", "lw.yaml:2:16: categories:");
    config_fails("respond:\n  enable: true\n", "lw.yaml:2:3: respond: unknown setting \"enable\"");
    config_fails("respond: [1, 2]\n", "lw.yaml:1:10: respond: a mapping of settings");
    config_fails("allowlist:\n  - 10.0.0.0/8\n  - 10.0.0.0/33\n",
                 "lw.yaml:3:5: allowlist: \"10.0.0.0/33\" is not an address");
    config_fails("allowlist:\n  - gw01.example\n", "lw.yaml:2:5: allowlist: \"gw01.example\"");
    config_fails("allowlist: {a: b}\n", "lw.yaml:1:12: allowlist: a list expected");
    config_fails("respond:\n  enabled: true\n bad indent: x\n", "lw.yaml:3:");
    config_fails("- a\n- b\n", "lw.yaml:1:1:");
    config_fails("respond: {enabled: \"tr\\0ue\"}\n", "enabled: a single value expected");
    char many[4096];
    size_t k = (size_t)snprintf(many, sizeof(many), "respond:\n  durations: [1m");
    for (int i = 1; i < 17; i++)
        k += (size_t)snprintf(many + k, sizeof(many) - k, ", 1m");
    snprintf(many + k, sizeof(many) - k, "]\n");
    config_fails(many, "too many durations");
    /* the file itself */
    struct lw_respond_config c;
    struct ag_error err;
    lw_respond_config_init(&c);
    assert_int_equal(lw_respond_config_load("/nonexistent/lw.yaml", &c, &err), AG_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/lw.yaml"));
    lw_respond_config_release(&c);
}

/* ---- decisions on alerts ---- */

struct fake_fw {
    int blocks, unblocks, flushes;
    int fail; /* return this from block */
    int64_t last_seconds;
    char last_addr[48];
};

static int fake_block(void *ctx, int family, const uint8_t a[16], int64_t seconds,
                      struct ag_error *err)
{
    struct fake_fw *fw = ctx;
    fw->blocks++;
    fw->last_seconds = seconds;
    lw_addr_format(family, a, fw->last_addr);
    return fw->fail ? ag_error_set(err, fw->fail, "nft said no") : AG_OK;
}

static int fake_unblock(void *ctx, int family, const uint8_t a[16], struct ag_error *err)
{
    (void)family, (void)a, (void)err;
    ((struct fake_fw *)ctx)->unblocks++;
    return AG_OK;
}

static int fake_flush(void *ctx, struct ag_error *err)
{
    (void)err;
    ((struct fake_fw *)ctx)->flushes++;
    return AG_OK;
}

static struct lw_responder *responder(struct lw_respond_config *c, struct fake_fw *fw)
{
    struct lw_responder *r;
    assert_int_equal(lw_responder_new(c, &r), AG_OK);
    struct lw_firewall ops = {fake_block, fake_unblock, fake_flush, fw};
    lw_responder_set_firewall(r, &ops);
    return r;
}

static int alert(struct lw_responder *r, const char *text, int64_t now, struct lw_response_out *o)
{
    json_error_t je;
    json_t *a = json_loads(text, 0, &je);
    assert_non_null(a);
    int rc = lw_respond_alert(r, a, now, o);
    json_decref(a);
    return rc;
}

/* Answers the alert at now and checks the return code and the outcome. */
static void expect(struct lw_responder *r, const char *text, int64_t now, int rc,
                   enum lw_response block, struct lw_response_out *o)
{
    int got = alert(r, text, now, o);
    if (got != rc || (rc == AG_OK && o->block != block))
        fail_msg("%s: rc %d, outcome %s (%s); expected rc %d, %s", text, got,
                 lw_response_name(o->block), o->err.msg, rc, lw_response_name(block));
}

static void test_alerts(void **state)
{
    (void)state;
    struct lw_respond_config c;
    lw_respond_config_init(&c);
    struct ag_error err;
    const char *y = "respond: {enabled: true}\nallowlist: [192.0.2.0/24]\n";
    assert_int_equal(lw_respond_config_parse(y, strlen(y), "y", &c, &err), AG_OK);
    struct fake_fw fw = {0};
    struct lw_responder *r = responder(&c, &fw);
    struct lw_response_out o;

    /* a brute force from one address: blocked for 10m through the firewall */
    expect(r,
           "{\"id\":\"lw-1\",\"category\":\"brute_force\",\"level\":\"high\","
           "\"src_ip\":\"203.0.113.9\",\"user\":\"root\"}",
           T0, AG_OK, LW_RESP_BLOCKED, &o);
    assert_string_equal(o.addr, "203.0.113.9");
    assert_int_equal(o.seconds, 600);
    assert_int_equal(o.offence, 1);
    assert_int_equal(fw.blocks, 1);
    assert_int_equal(fw.last_seconds, 600);
    assert_string_equal(fw.last_addr, "203.0.113.9");
    assert_false(o.lock); /* brute_force is not a lock category by default */
    /* the same attack still arriving: already blocked, the firewall is not asked again */
    expect(r,
           "{\"category\":\"password_list_attack\",\"level\":\"critical\","
           "\"src_ip\":\"203.0.113.9\"}",
           T0 + 60, AG_OK, LW_RESP_ALREADY, &o);
    assert_int_equal(fw.blocks, 1);
    /* an allowlisted source: never blocked, said so */
    expect(r,
           "{\"category\":\"brute_force\",\"level\":\"high\","
           "\"src_ip\":\"192.0.2.50\"}",
           T0, AG_OK, LW_RESP_ALLOWLISTED, &o);
    assert_string_equal(o.allow, "192.0.2.0/24");
    assert_int_equal(fw.blocks, 1);
    /* categories that do not block, levels below medium, spraying (not in the defaults) */
    expect(r,
           "{\"category\":\"account_created\",\"level\":\"high\","
           "\"src_ip\":\"198.51.100.1\"}",
           T0, AG_OK, LW_RESP_IGNORED, &o);
    expect(r,
           "{\"category\":\"web_attack\",\"level\":\"low\","
           "\"src_ip\":\"198.51.100.1\"}",
           T0, AG_OK, LW_RESP_IGNORED, &o);
    expect(r,
           "{\"category\":\"password_spray\",\"level\":\"high\","
           "\"src_ip\":\"198.51.100.1\"}",
           T0, AG_OK, LW_RESP_IGNORED, &o);
    expect(r, "{\"category\":\"web_attack\",\"level\":\"medium\"}", T0, AG_OK, LW_RESP_NO_ADDRESS,
           &o);
    assert_int_equal(fw.blocks, 1);
    /* an IPv6 source */
    expect(r,
           "{\"category\":\"web_attack\",\"level\":\"medium\","
           "\"src_ip\":\"2001:db8:77::1\"}",
           T0, AG_OK, LW_RESP_BLOCKED, &o);
    assert_int_equal(fw.blocks, 2);
    /* malformed alerts: a clear error, nothing done */
    assert_int_equal(alert(r, "[1]", T0, &o), AG_EINVAL);
    assert_non_null(strstr(o.err.msg, "not a JSON object"));
    assert_int_equal(alert(r,
                           "{\"category\":\"brute_force\",\"level\":\"high\","
                           "\"src_ip\":\"not-an-ip\"}",
                           T0, &o),
                     AG_EINVAL);
    assert_non_null(strstr(o.err.msg, "\"not-an-ip\""));
    assert_int_equal(alert(r, "{\"category\":\"brute_force\",\"level\":\"urgent\"}", T0, &o),
                     AG_EINVAL);
    assert_int_equal(alert(r, "{\"category\":7,\"level\":\"high\"}", T0, &o), AG_EINVAL);
    assert_int_equal(fw.blocks, 2);
    /* account locks: the category decides; the user is passed on */
    assert_int_equal(alert(r,
                           "{\"category\":\"login_after_failures\",\"level\":\"high\","
                           "\"src_ip\":\"198.51.100.9\",\"user\":\"tanaka\"}",
                           T0, &o),
                     AG_OK);
    assert_true(o.lock);
    assert_string_equal(o.user, "tanaka");
    assert_int_equal(o.block, LW_RESP_IGNORED); /* not a blocking category */
    const struct lw_respond_stats *st = lw_responder_stats(r);
    assert_int_equal(st->blocked, 2);
    assert_int_equal(st->already, 1);
    assert_int_equal(st->allowlisted, 1);
    assert_int_equal(st->no_address, 1);
    assert_int_equal(st->locks, 1);

    /* a firewall that refuses: FAILED with its message, and the list does not claim a block */
    fw.fail = AG_EIO;
    expect(r,
           "{\"category\":\"brute_force\",\"level\":\"high\","
           "\"src_ip\":\"198.51.100.20\"}",
           T0, AG_EIO, LW_RESP_FAILED, &o);
    assert_non_null(strstr(o.err.msg, "nft said no"));
    int f;
    uint8_t a[16];
    addr("198.51.100.20", &f, a);
    assert_null(lw_blocklist_find(lw_responder_blocklist(r), f, a));
    /* ... and an address with history keeps its old entry (no escalation from a failure) */
    addr("203.0.113.9", &f, a);
    struct lw_block_entry before = *lw_blocklist_find(lw_responder_blocklist(r), f, a);
    assert_int_equal(alert(r,
                           "{\"category\":\"brute_force\",\"level\":\"high\","
                           "\"src_ip\":\"203.0.113.9\"}",
                           T0 + HOUR, &o),
                     AG_EIO);
    assert_memory_equal(lw_blocklist_find(lw_responder_blocklist(r), f, a), &before,
                        sizeof(before));
    fw.fail = 0;

    /* the operator's block of an allowlisted address is refused */
    addr("192.0.2.1", &f, a);
    memset(&o, 0, sizeof(o));
    assert_int_equal(lw_respond_block(r, f, a, T0, 0, &o), AG_EDENIED);
    assert_int_equal(o.block, LW_RESP_ALLOWLISTED);
    /* unblock and flush reach the firewall */
    addr("203.0.113.9", &f, a);
    assert_int_equal(lw_respond_unblock(r, f, a, &err), AG_OK);
    assert_int_equal(lw_respond_unblock(r, f, a, &err), AG_ENOTFOUND);
    assert_int_equal(fw.unblocks, 2);
    assert_int_equal(lw_respond_flush(r, &err), AG_OK);
    assert_int_equal(fw.flushes, 1);
    assert_int_equal(lw_blocklist_count(lw_responder_blocklist(r)), 0);
    lw_responder_free(r);

    /* disabled: nothing at all */
    c.enabled = false;
    r = responder(&c, &fw);
    expect(r,
           "{\"category\":\"brute_force\",\"level\":\"high\","
           "\"src_ip\":\"203.0.113.9\"}",
           T0, AG_OK, LW_RESP_IGNORED, &o);
    lw_responder_free(r);

    /* dry run: decides and escalates in memory, never calls the firewall */
    c.enabled = true;
    c.dry_run = true;
    fw = (struct fake_fw){0};
    r = responder(&c, &fw);
    expect(r,
           "{\"category\":\"brute_force\",\"level\":\"high\","
           "\"src_ip\":\"203.0.113.9\"}",
           T0, AG_OK, LW_RESP_WOULD_BLOCK, &o);
    expect(r,
           "{\"category\":\"brute_force\",\"level\":\"high\","
           "\"src_ip\":\"203.0.113.9\"}",
           T0 + HOUR, AG_OK, LW_RESP_WOULD_BLOCK, &o);
    assert_int_equal(o.seconds, HOUR);
    addr("203.0.113.9", &f, a);
    assert_int_equal(lw_respond_unblock(r, f, a, &err), AG_OK);
    assert_int_equal(lw_respond_flush(r, &err), AG_OK);
    assert_int_equal(fw.blocks + fw.unblocks + fw.flushes, 0);
    lw_responder_free(r);
    lw_respond_config_release(&c);
}

/* ---- the nft backend: the scripts it writes (recorded, never run here: the test may run
 * as root in the host's network namespace) and libnftables' errors ---- */

struct recorder {
    char script[65536];
    int fail;
};

static int record(void *ctx, const char *script, struct ag_error *err)
{
    struct recorder *r = ctx;
    snprintf(r->script, sizeof(r->script), "%s", script);
    return r->fail ? ag_error_set(err, r->fail, "refused") : AG_OK;
}

static void test_nft(void **state)
{
    (void)state;
    struct recorder rec = {"", 0};
    struct lw_nft nft = {"airguard", record, &rec};
    struct ag_error err;
    int f;
    uint8_t a[16];

    assert_int_equal(lw_nft_setup(&nft, &err), AG_OK);
    const char *s = rec.script;
    assert_non_null(strstr(s, "add table inet airguard\n"));
    assert_non_null(strstr(s, "add set inet airguard blocked4 { type ipv4_addr; flags timeout; }"));
    assert_non_null(strstr(s, "add set inet airguard blocked6 { type ipv6_addr; flags timeout; }"));
    assert_non_null(strstr(s, "type filter hook input priority -10; policy accept;"));
    assert_non_null(strstr(s, "flush chain inet airguard input\n")); /* again: no second rule */
    assert_non_null(strstr(s, "add rule inet airguard input ip saddr @blocked4 counter drop"));
    assert_non_null(strstr(s, "add rule inet airguard input ip6 saddr @blocked6 counter drop"));

    addr("203.0.113.9", &f, a);
    assert_int_equal(lw_nft_block(&nft, f, a, 5400, &err), AG_OK);
    /* add, delete, add: the element gets the new timeout even if it was there */
    const char *want = "add element inet airguard blocked4 { 203.0.113.9 timeout 1h30m }\n"
                       "delete element inet airguard blocked4 { 203.0.113.9 }\n"
                       "add element inet airguard blocked4 { 203.0.113.9 timeout 1h30m }\n";
    assert_non_null(strstr(s, want));
    assert_null(strstr(s, "add chain")); /* a block does not reset the chain's counters */
    addr("2001:db8::1", &f, a);
    assert_int_equal(lw_nft_block(&nft, f, a, 10 * 365 * DAY + 10 * DAY, &err), AG_OK);
    assert_non_null(strstr(s, "blocked6 { 2001:db8::1 timeout 3650d }")); /* capped */
    assert_int_equal(lw_nft_block(&nft, f, a, 0, &err), AG_EINVAL);
    assert_int_equal(lw_nft_unblock(&nft, f, a, &err), AG_OK);
    assert_non_null(strstr(s, "delete element inet airguard blocked6 { 2001:db8::1 }"));
    assert_int_equal(lw_nft_flush(&nft, &err), AG_OK);
    assert_non_null(
        strstr(s, "flush set inet airguard blocked4\nflush set inet airguard blocked6"));

    /* restore: the chain and the live entries with their remaining time, one script */
    struct lw_blocklist *bl = list_new(10);
    offend(bl, "192.0.2.1", T0, HOUR, NULL);
    offend(bl, "192.0.2.2", T0 - DAY, MIN, NULL); /* over */
    assert_int_equal(lw_nft_restore(&nft, bl, T0 + 60, &err), AG_OK);
    assert_non_null(strstr(s, "{ 192.0.2.1 timeout 59m }"));
    assert_null(strstr(s, "192.0.2.2"));
    assert_non_null(strstr(s, "add rule inet airguard input ip saddr @blocked4"));
    lw_blocklist_free(bl);

    /* a bad table name never reaches nft */
    struct lw_nft bad = nft;
    snprintf(bad.table, sizeof(bad.table), "x;flush");
    rec.script[0] = '\0';
    assert_int_equal(lw_nft_setup(&bad, &err), AG_EINVAL);
    assert_string_equal(rec.script, "");
    assert_false(lw_nft_table_ok("1abc"));
    assert_false(lw_nft_table_ok(""));
    assert_true(lw_nft_table_ok("ag_test2"));
    /* the runner's error comes back as it is */
    rec.fail = AG_EIO;
    addr("203.0.113.9", &f, a);
    assert_int_equal(lw_nft_block(&nft, f, a, 600, &err), AG_EIO);
    assert_string_equal(err.msg, "refused");

    /* libnftables' own message for a script it refuses (a syntax error: refused before
     * anything reaches the kernel) */
    assert_int_equal(lw_nft_run("add table inet airguard\nthis is not nft\n", &err), AG_EIO);
    assert_non_null(strstr(err.msg, "nftables refused the change"));
    assert_non_null(strstr(err.msg, "syntax error"));
    assert_null(strstr(err.msg, "^^")); /* the caret lines are left out */
}

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/ag_respond_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[512];
    const char *names[] = {"blocklist.json", "nft.in",   "nft.args",
                           "nft-ok",         "nft-fail", "nft-early"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(cmd, sizeof(cmd), "%s/%s", tmpdir, names[i]);
        unlink(cmd);
    }
    return rmdir(tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_durations),        cmocka_unit_test(test_escalation),
        cmocka_unit_test(test_expiry),           cmocka_unit_test(test_cap_eviction),
        cmocka_unit_test(test_state_round_trip), cmocka_unit_test(test_state_errors),
        cmocka_unit_test(test_config),           cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_alerts),           cmocka_unit_test(test_nft),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
