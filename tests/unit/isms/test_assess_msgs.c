/*
 * test_assess_msgs.c — every text of the self-inspection workflow exists in Japanese and
 * English with the same printf conversions, no key is given twice across the registered
 * tables, and the usage text is complete in both languages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "isms/isms.h"

static void conversions(const char *fmt, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && !strchr("sdizuxXcpf", *p) && k + 1 < cap)
            out[k++] = *p++;
        if (*p && k + 1 < cap)
            out[k++] = *p;
        if (!*p)
            break;
    }
    out[k] = '\0';
}

static void test_assess_messages(void **state)
{
    (void)state;
    assert_true(isms_msgs_assess_count > 40);
    for (size_t i = 0; i < isms_msgs_assess_count; i++) {
        const struct ag_msg *m = &isms_msgs_assess[i];
        char ck[64], cj[64], ce[64];
        assert_true(*m->ja && *m->en);
        conversions(m->key, ck, sizeof(ck));
        conversions(m->ja, cj, sizeof(cj));
        conversions(m->en, ce, sizeof(ce));
        if (strcmp(ck, cj) != 0 || strcmp(ck, ce) != 0)
            fail_msg("\"%s\": conversions differ (key %s, ja %s, en %s)", m->key, ck, cj, ce);
    }
    /* each key of this table exists once among every registered table (the core table is
     * searched first, so a duplicate there would hide this table's text) */
    isms_register_messages();
    for (size_t i = 0; i < isms_msgs_assess_count; i++) {
        int seen = 0;
        for (size_t j = 0; j < ag_tr_count(); j++) {
            const char *k2, *j2, *e2;
            ag_tr_entry(j, &k2, &j2, &e2);
            seen += strcmp(k2, isms_msgs_assess[i].key) == 0;
        }
        if (seen != 1)
            fail_msg("message key \"%s\" is registered %d times", isms_msgs_assess[i].key, seen);
    }
    /* the usage names every subcommand in both languages */
    static const char *const subs[] = {"plan add",        "plan revise",
                                       "plan close",      "sheet issue",
                                       "sheet export",    "sheet submit",
                                       "assess answer",   "assess import",
                                       "assess evaluate", "assess report",
                                       "instruct add",    "instruct report",
                                       "instruct list",   NULL};
    for (int lang = AG_LANG_JA; lang <= AG_LANG_EN; lang++)
        for (size_t i = 0; subs[i]; i++)
            if (!strstr(ag_tr((enum ag_lang)lang, "assess-usage"), subs[i]))
                fail_msg("assess-usage (%d) lacks \"%s\"", lang, subs[i]);
    assert_string_equal(ag_tr(AG_LANG_JA, "partial"), "一部実施");
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_assess_messages)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
