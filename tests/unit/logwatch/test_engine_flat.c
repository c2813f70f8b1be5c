/*
 * test_engine_flat.c — the engine's per-list programs (engine.c: a flat rule's tests inline,
 * without the tests the list implies) give exactly the alerts of evaluating every rule whole
 * (lw_rule_match): lw_rule_flatten on every condition shape, against lw_rule_match, and whole
 * engines fed a generated stream (logins, failures, spraying, web attacks, account changes,
 * silent hosts, out-of-order and timeless lines) with the flat programs and without them, with
 * the default rules and a set of odd shapes, alert for alert, byte for byte — and against
 * engines whose |re are all answered by PCRE2, for the answers read from a scan's bits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/rules_int.h"

#include "rules_load.h"

/* condition shapes: flat (f) or not (n) as the title says */
static const char shapes[] =
    "title: f-sel\ndetection:\n  s:\n    action: login\n    outcome: failure\n  condition: s\n"
    "---\ntitle: f-and-not\ndetection:\n  s:\n    action: login\n  w:\n    outcome: success\n"
    "  condition: s and not w\n"
    "---\ntitle: f-not-not\ndetection:\n  s:\n    action: login\n    user|exists: true\n"
    "  condition: not not s\n"
    "---\ntitle: f-all-of\ndetection:\n  s1:\n    decoder: web\n  s2:\n    target|re: "
    "'(\\.\\./|%27)'\n"
    "  condition: all of s*\n"
    "---\ntitle: f-all-of-decoder\ndetection:\n  s1:\n    decoder: sshd\n  s2:\n    action: login\n"
    "  condition: all of s*\n"
    "---\ntitle: f-one-of-one\ndetection:\n  sel:\n    host|exists: true\n  condition: 1 of sel*\n"
    "---\ntitle: f-decoder-short\ndetection:\n  s:\n    decoder: we\n  condition: s\n"
    "---\ntitle: f-decoder-long\ndetection:\n  s:\n    decoder: webs\n  condition: s\n"
    "---\ntitle: f-decoder-case\ndetection:\n  s:\n    decoder: SSHD\n    action: login\n"
    "  condition: s\n"
    "---\ntitle: f-not-decoder\ndetection:\n  s:\n    decoder: sshd\n  condition: not s\n"
    "---\ntitle: f-list\ndetection:\n  s:\n    user: [root, eve, ito]\n    action: login\n"
    "  condition: s\n"
    "---\ntitle: f-empty-all\ndetection:\n  s:\n    user|exists: true\n  condition: all of s* and "
    "s\n"
    "---\ntitle: n-or\ndetection:\n  a:\n    action: login\n  b:\n    action: probe\n"
    "  condition: a or b\n"
    "---\ntitle: n-maps\ndetection:\n  s:\n    - action: login\n    - action: probe\n"
    "  condition: s\n"
    "---\ntitle: n-not-two\ndetection:\n  s:\n    action: login\n    outcome: failure\n"
    "  condition: not s\n"
    "---\ntitle: n-one-of-two\ndetection:\n  s1:\n    action: login\n  s2:\n    decoder: web\n"
    "  condition: 1 of s*\n"
    "---\ntitle: n-not-all\ndetection:\n  s1:\n    action: login\n  s2:\n    decoder: web\n"
    "  condition: not all of s*\n";

/* the flat form, evaluated as the engine does */
static bool flat_match(const struct lw_flat_test *ft, size_t n, struct lw_evx *x)
{
    for (size_t k = 0; k < n; k++)
        if (lw_test_eval(ft[k].t, x) == ft[k].neg)
            return false;
    return true;
}

static void test_flatten_shapes(void **state)
{
    (void)state;
    struct lw_ruleset *rs = load_text(shapes);
    size_t hits = 0, flat = 0;
    for (size_t i = 0; i < rs->n; i++) {
        struct lw_flat_test ft[64];
        size_t n;
        bool ok = lw_rule_flatten(&rs->r[i], ft, 64, &n);
        if (ok != (rs->r[i].title[0] == 'f'))
            fail_msg("rule %s: flattened %d", rs->r[i].title, ok);
        flat += ok;
        for (size_t l = 0; ok && l < AG_ARRAY_LEN(rule_lines); l++) {
            struct lw_event ev;
            lw_syslog_parse(rule_lines[l], strlen(rule_lines[l]), 2026, &ev);
            lw_decode(&ev);
            struct lw_evx x = {.ev = &ev}, y = {.ev = &ev};
            bool a = flat_match(ft, n, &x), b = lw_rule_match(&rs->r[i], &y);
            if (a != b)
                fail_msg("rule %s on \"%s\": flat %d, whole %d", rs->r[i].title, rule_lines[l], a,
                         b);
            hits += a;
        }
    }
    assert_int_equal(flat, 12);
    assert_true(hits > 25); /* not a comparison of two "no"s */
    /* too many tests for the room given: not flat */
    struct lw_flat_test one[1];
    size_t n;
    assert_false(lw_rule_flatten(&rs->r[0], one, 1, &n));
    lw_ruleset_free(rs);
}

/* the short decoder compare (no strlen): a prefix or an extension of the name is no match */
static void test_decoder_quick_lengths(void **state)
{
    (void)state;
    struct lw_ruleset *rs = load_text(shapes);
    struct lw_event ev;
    const char *l = rule_lines[9]; /* nginx */
    lw_syslog_parse(l, strlen(l), 2026, &ev);
    lw_decode(&ev);
    assert_string_equal(ev.decoder, "web");
    int seen = 0;
    for (size_t i = 0; i < rs->n; i++) {
        struct lw_evx x = {.ev = &ev};
        const char *t = rs->r[i].title;
        if (!strcmp(t, "f-decoder-short") || !strcmp(t, "f-decoder-long")) {
            assert_int_equal(rs->r[i].sel[0].m[0].t[0].quick, LW_Q_DECODER);
            assert_false(lw_rule_match(&rs->r[i], &x));
            seen++;
        }
    }
    assert_int_equal(seen, 2);
    lw_ruleset_free(rs);
}

/* ---- whole engines ---- */

struct sink {
    struct strbuf text; /* every alert's JSON, one per line */
    size_t n;
};

static void collect(void *ctx, const struct lw_alert *a)
{
    struct sink *s = ctx;
    json_t *j = lw_alert_json(a);
    char *t = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    strbuf_add(&s->text, t, strlen(t));
    strbuf_addc(&s->text, '\n');
    free(t);
    json_decref(j);
    s->n++;
}

static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* a day of a small site, minute by minute: staff logins (day and night, service accounts),
 * typos, a password-list attack, brute force, spraying, a compromise, web traffic with
 * attacks, account changes, a host that falls silent, lines out of order and without time */
static char **stream(size_t *out_n)
{
    static const char *const users[] = {"tanaka", "ito", "sato",  "ansible", "backup", "root",
                                        "admin",  "eve", "guest", "oracle",  "test",   "ubuntu"};
    static const char *const targets[] = {"/index.html",
                                          "/search?q=O%27Hare",
                                          "/search?q=1%27%20OR%201=1--",
                                          "/../../etc/passwd",
                                          "/a?x=<script>alert(1)</script>",
                                          "/p?c=;cat%20/etc/passwd",
                                          "/select-seat",
                                          "/union-station",
                                          "/r?u=%0d%0aSet-Cookie:x"};
    size_t cap = 40000, n = 0;
    char **v = calloc(cap, sizeof(*v));
    uint64_t s = 0x9e3779b97f4a7c15ULL;
    char buf[512];
    for (int m = 0; m < 24 * 60 && n + 16 < cap; m++) {
        int h = m / 60, mi = m % 60;
        for (int k = 0; k < 12; k++) {
            uint64_t r = rnd(&s);
            int sec = (int)(r % 60), u = (int)((r >> 8) % AG_ARRAY_LEN(users));
            unsigned ip = (unsigned)((r >> 16) % 40), kind = (unsigned)((r >> 24) % 23);
            const char *host = (r >> 32) % 3 ? "gw01" : "gw02";
            int len = 0;
            char stamp[40];
            snprintf(stamp, sizeof(stamp), "2026-03-05T%02d:%02d:%02dZ", h, mi, sec);
            switch (kind) {
            case 0:
            case 1:
            case 2:
                len = snprintf(buf, sizeof(buf),
                               "%s %s sshd[1]: Failed password for %s%s from 203.0.113.%u port "
                               "22 ssh2",
                               stamp, host, u > 5 ? "invalid user " : "", users[u], ip);
                break;
            case 3:
            case 4:
                len = snprintf(buf, sizeof(buf),
                               "%s %s sshd[1]: Accepted password for %s from 10.0.0.%u port 22 "
                               "ssh2",
                               stamp, host, users[u % 6], ip);
                break;
            case 5:
                len = snprintf(buf, sizeof(buf),
                               "Mar  5 %02d:%02d:%02d %s sshd[9]: message repeated 3 times: [ "
                               "Failed password for %s from 198.51.100.%u port 22 ssh2]",
                               h, mi, sec, host, users[u], ip);
                break;
            case 6:
            case 7:
            case 8:
            case 9:
                len = snprintf(buf, sizeof(buf),
                               "%s web1 nginx: 203.0.113.%u - - [05/Mar/2026:%02d:%02d:%02d "
                               "+0000] \"GET %s HTTP/1.1\" %d 12 \"-\" \"curl\"",
                               stamp, ip, h, mi, sec, targets[(r >> 40) % AG_ARRAY_LEN(targets)],
                               (r >> 48) % 4 ? 200 : 404);
                break;
            case 10:
                len = snprintf(buf, sizeof(buf),
                               "%s %s sudo: %s : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/ls",
                               stamp, host, users[u]);
                break;
            case 11:
                len = snprintf(buf, sizeof(buf),
                               "%s %s useradd[5]: new user: name=u%u, UID=1001, GID=1001, "
                               "home=/home/u, shell=/bin/bash",
                               stamp, host, ip);
                break;
            case 12:
                len = snprintf(buf, sizeof(buf),
                               "%s %s gpasswd[5]: user %s added by root to group %s", stamp, host,
                               users[u], (r >> 40) % 2 ? "wheel" : "video");
                break;
            case 13:
                len = snprintf(buf, sizeof(buf),
                               "%s %s CRON[7]: pam_unix(cron:session): session opened for user "
                               "root(uid=0) by (uid=0)",
                               stamp, host);
                break;
            case 14: /* a heartbeat host that stops at 10:00 and comes back at 13:00 */
                if (h < 10 || h >= 13)
                    len = snprintf(buf, sizeof(buf), "%s hb%u heartbeat: alive", stamp, ip % 3);
                break;
            case 15:
                len = snprintf(buf, sizeof(buf), "a bare line %u without a header", ip);
                break;
            case 16: /* a line from an hour before */
                len = snprintf(buf, sizeof(buf),
                               "2026-03-05T%02d:%02d:%02dZ %s sshd[1]: Failed password for %s "
                               "from 192.0.2.%u port 22 ssh2",
                               h ? h - 1 : 0, mi, sec, host, users[u], ip % 4);
                break;
            case 17:
                len = snprintf(buf, sizeof(buf),
                               "%s %s sshd[1]: Connection closed by authenticating user %s "
                               "203.0.113.%u port 22 [preauth]",
                               stamp, host, users[u], ip);
                break;
            case 18: /* spraying: many addresses, one existing account */
                len = snprintf(buf, sizeof(buf),
                               "%s %s sshd[1]: Failed password for sato from 198.18.%u.%u port "
                               "22 ssh2",
                               stamp, host, ip, (unsigned)(r >> 56));
                break;
            case 19:
                len = snprintf(buf, sizeof(buf),
                               "%s %s sshd[1]: Did not receive identification string from "
                               "198.51.100.%u",
                               stamp, host, ip);
                break;
            case 20:
                len = snprintf(buf, sizeof(buf),
                               "%s %s login[5]: FAILED LOGIN (1) on '/dev/tty1' FOR '%s', "
                               "Authentication failure",
                               stamp, host, users[u]);
                break;
            case 21:
                len = snprintf(buf, sizeof(buf),
                               "Mar  5 %02d:%02d:%02d %s sshd[9]: Accepted publickey for %s from "
                               "10.1.0.%u port 22 ssh2",
                               h, mi, sec, host, users[u % 6], ip);
                break;
            default:
                len = snprintf(buf, sizeof(buf),
                               "%s %s su: pam_unix(su:auth): authentication failure; logname=%s "
                               "uid=1000 euid=0 tty=pts/0 ruser=%s rhost=  user=root",
                               stamp, host, users[u], users[u]);
                break;
            }
            if (len > 0)
                v[n++] = strdup(buf);
        }
    }
    *out_n = n;
    return v;
}

/* flat: the engine's flat programs; pcre: every |re by PCRE2 (no Vectorscan database), the
 * reference for the answers read from a scan's bits */
static char *run(const char *yaml, bool flat, bool pcre, bool site, char **v, size_t n,
                 size_t *nalerts)
{
    struct lw_config cfg;
    lw_config_init(&cfg);
    static char *service[] = {"ansible", "backup"};
    if (site) {
        cfg.service_accounts = service;
        cfg.nservice = 2;
        cfg.work_start = 9 * 60;
        cfg.work_end = 18 * 60;
    }
    struct sink sk = {0};
    strbuf_init(&sk.text, 0);
    struct lw_engine *e;
    assert_int_equal(lw_engine_new(&e, &cfg, collect, &sk), AG_OK);
    lw_engine_set_flat(e, flat);
    struct lw_ruleset *rs = yaml ? load_text(yaml) : load_default();
    if (pcre)
        lw_rules_hs_drop(rs);
    lw_engine_set_rules(e, rs);
    for (size_t i = 0; i < n; i++) {
        struct lw_event ev;
        lw_syslog_parse(v[i], strlen(v[i]), 2026, &ev);
        lw_decode(&ev);
        lw_engine_event(e, &ev, i % 7 ? "a.log" : "b.log", i + 1, v[i], strlen(v[i]));
    }
    lw_engine_tick(e, 0);
    lw_engine_free(e);
    *nalerts = sk.n;
    char *t = strbuf_take(&sk.text, NULL);
    return t ? t : strdup("");
}

static void compare_engines(const char *yaml, bool site, size_t min_alerts)
{
    size_t n, na, nb;
    char **v = stream(&n);
    char *a = run(yaml, true, false, site, v, n, &na),
         *b = run(yaml, false, false, site, v, n, &nb);
    assert_int_equal(na, nb);
    assert_true(na >= min_alerts);
    assert_string_equal(a, b);
    free(b);
    b = run(yaml, false, true, site, v, n, &nb);
    assert_int_equal(na, nb);
    assert_string_equal(a, b);
    free(a);
    free(b);
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void test_default_rules_flat_equals_whole(void **state)
{
    (void)state;
    compare_engines(NULL, false, 200);
    compare_engines(NULL, true, 200);
}

static void test_shapes_flat_equals_whole(void **state)
{
    (void)state;
    compare_engines(shapes, false, 1000);
}

/* every category of the default rules is in the stream: the comparison covers them */
static void test_stream_covers_categories(void **state)
{
    (void)state;
    size_t n, na;
    char **v = stream(&n);
    char *a = run(NULL, true, false, true, v, n, &na);
    static const char *const cats[] = {"password_list_attack",
                                       "brute_force",
                                       "password_spray",
                                       "login_after_failures",
                                       "new_source_login",
                                       "off_hours_login",
                                       "account_created",
                                       "privilege_granted",
                                       "log_gap",
                                       "web_attack"};
    for (size_t i = 0; i < AG_ARRAY_LEN(cats); i++) {
        char key[64];
        snprintf(key, sizeof(key), "\"category\":\"%s\"", cats[i]);
        if (!strstr(a, key))
            fail_msg("no %s alert in the stream", cats[i]);
    }
    free(a);
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- the time fields, computed once a minute (engine.c time_fields) ---- */

static const char time_rules[] =
    "title: off\ndetection:\n  s:\n    action: login\n    outcome: success\n  w:\n"
    "    workhours: true\n  condition: s and not w\nairguard:\n  category: off\n"
    "---\ntitle: h8\ndetection:\n  s:\n    hour: 8\n  condition: s\nairguard:\n  category: h8\n"
    "---\ntitle: sat\ndetection:\n  s:\n    weekday: 6\n  condition: s\nairguard:\n"
    "  category: sat\n"
    "---\ntitle: hol\ndetection:\n  s:\n    holiday: true\n  condition: s\nairguard:\n"
    "  category: hol\n";

static void test_time_fields_per_minute(void **state)
{
    (void)state;
    /* UTC stamps; the site is +09:00, 08:00-19:00 Monday to Friday, 2026-03-09 a holiday.
     * Local times: Fri 07:59:59, 08:00:00, back to 07:59:30, 08:00:59, 18:59:59, 19:00:00,
     * 23:59:59, Sat 00:00:00, Mon (holiday) 08:30:00 and 08:30:30 (the same minute), Tue
     * 08:30:10 (the same minute of another day) */
    static const char *const stamps[] = {
        "2026-03-05T22:59:59Z", "2026-03-05T23:00:00Z", "2026-03-05T22:59:30Z",
        "2026-03-05T23:00:59Z", "2026-03-06T09:59:59Z", "2026-03-06T10:00:00Z",
        "2026-03-06T14:59:59Z", "2026-03-06T15:00:00Z", "2026-03-08T23:30:00Z",
        "2026-03-08T23:30:30Z", "2026-03-09T23:30:10Z"};
    /* per line: off, h8, sat, hol */
    static const char *const want[] = {"off", "h8",      "off",        "h8",         "",  "off",
                                       "off", "off sat", "off h8 hol", "off h8 hol", "h8"};
    struct lw_config cfg;
    lw_config_init(&cfg);
    int32_t hol[] = {20521};
    cfg.holidays = hol;
    cfg.nholidays = 1;
    struct sink sk = {0};
    strbuf_init(&sk.text, 0);
    struct lw_engine *e;
    assert_int_equal(lw_engine_new(&e, &cfg, collect, &sk), AG_OK);
    lw_engine_set_rules(e, load_text(time_rules));
    for (size_t i = 0; i < AG_ARRAY_LEN(stamps); i++) {
        char line[256];
        snprintf(line, sizeof(line),
                 "%s gw01 sshd[1]: Accepted password for ito from 10.0.0.1 port 22 ssh2",
                 stamps[i]);
        struct lw_event ev;
        lw_syslog_parse(line, strlen(line), 2026, &ev);
        lw_decode(&ev);
        size_t before = sk.text.len;
        lw_engine_event(e, &ev, "t.log", i + 1, line, strlen(line));
        /* the categories this line alerted, in rule order */
        struct strbuf got;
        strbuf_init(&got, 0);
        const char *p = strbuf_str(&sk.text) ? strbuf_str(&sk.text) + before : "";
        while ((p = strstr(p, "\"category\":\""))) {
            p += 12;
            if (got.len)
                strbuf_addc(&got, ' ');
            strbuf_add(&got, p, strcspn(p, "\""));
        }
        const char *g = strbuf_str(&got) ? strbuf_str(&got) : "";
        if (strcmp(g, want[i]) != 0)
            fail_msg("%s: alerts \"%s\", want \"%s\"", stamps[i], g, want[i]);
        strbuf_release(&got);
    }
    lw_engine_free(e);
    strbuf_release(&sk.text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flatten_shapes),
        cmocka_unit_test(test_decoder_quick_lengths),
        cmocka_unit_test(test_default_rules_flat_equals_whole),
        cmocka_unit_test(test_shapes_flat_equals_whole),
        cmocka_unit_test(test_stream_covers_categories),
        cmocka_unit_test(test_time_fields_per_minute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
