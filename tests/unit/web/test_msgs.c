/*
 * test_msgs.c — the web and auth message tables: every entry in both languages, the same printf
 * conversions, no key defined twice (also against the core and ISMS tables), and every key the
 * web code looks up exists.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "isms/isms.h"
#include "logwatch/logwatch.h"
#include "web/web_int.h"

static void test_bilingual(void **state)
{
    (void)state;
    isms_register_messages();
    web_register_messages();
    lw_register_messages();
    size_t n = ag_tr_count();
    for (size_t i = 0; i < n; i++) {
        const char *key, *ja, *en;
        ag_tr_entry(i, &key, &ja, &en);
        if (!*ja || !*en)
            fail_msg("message \"%s\" lacks a language", key);
        for (size_t j = 0; j < i; j++) {
            const char *k2, *j2, *e2;
            ag_tr_entry(j, &k2, &j2, &e2);
            if (strcmp(k2, key) == 0)
                fail_msg("message key \"%s\" is defined twice", key);
        }
        const char *a = ja, *b = en;
        for (;;) {
            a = strchr(a, '%');
            b = strchr(b, '%');
            if (!a || !b)
                break;
            size_t la = strspn(a + 1, "0123456789.*-lz"), lb = strspn(b + 1, "0123456789.*-lz");
            if (la != lb || strncmp(a, b, la + 2) != 0)
                fail_msg("message \"%s\": conversions differ between ja and en", key);
            a += la + 2;
            b += lb + 2;
        }
        if (a || b)
            fail_msg("message \"%s\": a conversion is missing in one language", key);
    }
    /* a few keys the pages use, looked up for real */
    static const char *const used[] = {"Sign in",
                                       "wrong login or password",
                                       "Not found",
                                       "Method not allowed",
                                       "The request is too large",
                                       "serve-usage",
                                       "user-usage",
                                       "Search the guideline"};
    for (size_t i = 0; i < AG_ARRAY_LEN(used); i++)
        assert_string_not_equal(ag_tr(AG_LANG_JA, used[i]), used[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_bilingual)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
