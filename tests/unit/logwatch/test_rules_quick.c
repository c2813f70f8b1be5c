/*
 * test_rules_quick.c — the quick forms of one-value tests (rules.c set_quick/quick_match:
 * action, outcome, flags, text presence, decoder equality, |re on a text field) give exactly
 * the general path's answers: every rule of a set made of such tests, and of the default rule
 * set, is evaluated on events of every decoder with the quick forms, then again with every
 * test forced back to the general path (LW_Q_NONE), and the answers must agree; and the quick
 * forms are really taken (a set of such tests gets them).
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

static void force_general(struct lw_ruleset *rs, bool on)
{
    static enum lw_quick saved[4096];
    size_t k = 0;
    for (size_t i = 0; i < rs->n; i++)
        for (size_t s = 0; s < rs->r[i].nsel; s++)
            for (size_t m = 0; m < rs->r[i].sel[s].nm; m++)
                for (size_t t = 0; t < rs->r[i].sel[s].m[m].nt; t++, k++) {
                    assert_true(k < AG_ARRAY_LEN(saved));
                    struct lw_test *te = &rs->r[i].sel[s].m[m].t[t];
                    if (on) {
                        saved[k] = te->quick;
                        te->quick = LW_Q_NONE;
                    } else {
                        te->quick = saved[k];
                    }
                }
}

static size_t count_quick(const struct lw_ruleset *rs)
{
    size_t n = 0;
    for (size_t i = 0; i < rs->n; i++)
        for (size_t s = 0; s < rs->r[i].nsel; s++)
            for (size_t m = 0; m < rs->r[i].sel[s].nm; m++)
                for (size_t t = 0; t < rs->r[i].sel[s].m[m].nt; t++)
                    n += rs->r[i].sel[s].m[m].t[t].quick != LW_Q_NONE;
    return n;
}

/* every rule on every line, quick and general; returns the matches */
static size_t compare(struct lw_ruleset *rs)
{
    size_t hits = 0;
    for (size_t l = 0; l < AG_ARRAY_LEN(rule_lines); l++) {
        struct lw_event ev;
        lw_syslog_parse(rule_lines[l], strlen(rule_lines[l]), 2026, &ev);
        lw_decode(&ev);
        for (size_t i = 0; i < rs->n; i++) {
            if (rs->r[i].corr || !rs->r[i].cond)
                continue;
            struct lw_evx x = {.ev = &ev}, y = {.ev = &ev};
            bool quick = lw_rule_match(&rs->r[i], &x);
            force_general(rs, true);
            bool general = lw_rule_match(&rs->r[i], &y);
            force_general(rs, false);
            if (quick != general)
                fail_msg("rule %s on \"%s\": quick %d, general %d", rs->r[i].title, rule_lines[l],
                         quick, general);
            hits += quick;
        }
    }
    return hits;
}

static const char quick_rules[] =
    "title: a1\ndetection:\n  s:\n    action: login\n    outcome: failure\n  condition: s\n"
    "---\ntitle: a2\ndetection:\n  s:\n    action: login\n    outcome: success\n  condition: s\n"
    "---\ntitle: a3\ndetection:\n  s:\n    invalid_user: true\n  condition: s\n"
    "---\ntitle: a4\ndetection:\n  s:\n    invalid_user: false\n    action: login\n"
    "  condition: s\n"
    "---\ntitle: a5\ndetection:\n  s:\n    preauth: true\n  condition: s\n"
    "---\ntitle: a6\ndetection:\n  s:\n    admin_group: false\n    action: group_add\n"
    "  condition: s\n"
    "---\ntitle: a7\ndetection:\n  s:\n    user|exists: true\n  condition: s\n"
    "---\ntitle: a8\ndetection:\n  s:\n    user|exists: false\n  condition: s\n"
    "---\ntitle: a9\ndetection:\n  s:\n    host|exists: true\n  condition: s\n"
    "---\ntitle: a10\ndetection:\n  s:\n    target|exists: true\n  condition: s\n"
    "---\ntitle: a11\ndetection:\n  s:\n    method|exists: false\n  condition: s\n"
    "---\ntitle: a12\ndetection:\n  s:\n    program|exists: true\n    pid|exists: false\n"
    "  condition: s\n"
    "---\ntitle: a13\ndetection:\n  s:\n    message|exists: true\n  condition: s\n"
    "---\ntitle: a14\ndetection:\n  s:\n    decoder: WEB\n  condition: s\n"
    "---\ntitle: a15\ndetection:\n  s:\n    decoder: sshd\n  condition: not s\n"
    "---\ntitle: a16\ndetection:\n  s:\n    decoder: web\n    target|re: '(\\.\\./|%27)'\n"
    "  condition: s\n"
    "---\ntitle: a17\ndetection:\n  s:\n    message|re|i: 'FAILED (password|login)'\n"
    "  condition: s\n"
    "---\ntitle: a18\ndetection:\n  s:\n    user|re: '^(root|eve)$'\n  t:\n"
    "    action: [login, account_create]\n  condition: s and t\n"
    "---\ntitle: a19\ndetection:\n  s:\n    src_ip|exists: true\n    action: probe\n"
    "  condition: s\n";

static void test_quick_equals_general(void **state)
{
    (void)state;
    struct lw_ruleset *rs = load_text(quick_rules);
    /* the one-value tests above (all but a18's action list and a19's src_ip) are quick */
    assert_true(count_quick(rs) >= 22);
    size_t hits = compare(rs);
    assert_true(hits > 30); /* the lines do match: the comparison is not of two "no"s */
    /* the same with the |re answered by PCRE2 alone (no database: the general path) */
    lw_rules_hs_drop(rs);
    assert_int_equal(compare(rs), hits);
    lw_ruleset_free(rs);
}

static void test_default_rules_quick_equals_general(void **state)
{
    (void)state;
    struct lw_ruleset *rs = load_default();
    assert_true(count_quick(rs) > 10);
    assert_true(compare(rs) > 10);
    lw_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quick_equals_general),
        cmocka_unit_test(test_default_rules_quick_equals_general),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
