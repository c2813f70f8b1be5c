/* Every message exists in both languages with the same printf conversions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "common/common.h"

/* Writes the sequence of conversion specifiers of fmt ("%s%zu…") into out. */
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

static void test_every_message_is_bilingual(void **state)
{
    assert_true(ag_tr_count() > 20);
    for (size_t i = 0; i < ag_tr_count(); i++) {
        const char *key, *ja, *en;
        char cj[64], ce[64], ck[64];
        ag_tr_entry(i, &key, &ja, &en);
        assert_true(strlen(ja) > 0);
        assert_true(strlen(en) > 0);
        conversions(key, ck, sizeof(ck));
        conversions(ja, cj, sizeof(cj));
        conversions(en, ce, sizeof(ce));
        if (strcmp(cj, ce) != 0 || strcmp(ck, ce) != 0)
            fail_msg("message \"%s\": conversions differ (key %s, ja %s, en %s)", key, ck, cj, ce);
        for (size_t j = 0; j < i; j++) {
            const char *k2, *j2, *e2;
            ag_tr_entry(j, &k2, &j2, &e2);
            if (strcmp(k2, key) == 0)
                fail_msg("duplicate message key \"%s\"", key);
        }
    }
}

static void test_lookup_and_languages(void **state)
{
    enum ag_lang l;
    assert_string_equal(ag_tr(AG_LANG_JA, "measure"), "対策項目");
    assert_string_equal(ag_tr(AG_LANG_EN, "measure"), "measure");
    assert_string_equal(ag_tr(AG_LANG_JA, "no such key"), "no such key");
    assert_int_equal(ag_lang_parse("en_US.UTF-8", &l), AG_OK);
    assert_int_equal(l, AG_LANG_EN);
    assert_int_equal(ag_lang_parse("ja", &l), AG_OK);
    assert_int_equal(l, AG_LANG_JA);
    assert_int_equal(ag_lang_parse("jam", &l), AG_EINVAL);
    assert_int_equal(ag_lang_parse("fr", &l), AG_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_message_is_bilingual),
        cmocka_unit_test(test_lookup_and_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
