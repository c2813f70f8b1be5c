/* test_evidence_name.c — a client's file name becomes a plain name (isms_evidence_name): never a
 * path (guideline 5.3(3)), no control characters, valid UTF-8, capped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "isms/isms.h"

static const char *name(const char *given)
{
    static char out[256];
    isms_evidence_name(given, out, sizeof(out));
    return out;
}

static void test_paths_become_names(void **state)
{
    (void)state;
    assert_string_equal(name("../../etc/passwd"), "passwd");
    assert_string_equal(name("C:\\Users\\x\\手順書.pdf"), "手順書.pdf");
    assert_string_equal(name("/abs/dir/"), "evidence");
    assert_string_equal(name(".."), "evidence");
    assert_string_equal(name("."), "evidence");
    assert_string_equal(name(""), "evidence");
    assert_string_equal(name(NULL), "evidence");
    assert_string_equal(name("report v2.xlsx"), "report v2.xlsx");
}

static void test_control_and_invalid_bytes_dropped(void **state)
{
    (void)state;
    assert_string_equal(name("a\r\nb\tc\x7f.txt"), "abc.txt");
    assert_string_equal(name("x\xff\xfey.txt"), "xy.txt"); /* invalid bytes */
    assert_string_equal(name("x\xc0\xafy"), "xy");         /* overlong '/' */
    assert_string_equal(name("x\xed\xa0\x80y"), "xy");     /* a surrogate */
    assert_string_equal(name("x\xe6\x89y"), "xy");         /* truncated sequence */
}

static void test_capped_on_a_character_boundary(void **state)
{
    (void)state;
    char longname[700];
    for (int i = 0; i < 230; i++)
        memcpy(longname + 3 * i, "あ", 3); /* 3 bytes each */
    longname[690] = '\0';
    const char *n = name(longname);
    assert_true(strlen(n) <= 200);
    assert_int_equal(strlen(n) % 3, 0);
    char small[16];
    isms_evidence_name("abcdefghijklmnopqrstuvwxyz", small, sizeof(small));
    assert_string_equal(small, "abcdefghijklmno");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths_become_names),
        cmocka_unit_test(test_control_and_invalid_bytes_dropped),
        cmocka_unit_test(test_capped_on_a_character_boundary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
