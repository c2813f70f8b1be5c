/* Unit tests for src/common: strbuf caps and formatting, CSV fields, text folding, strmap,
 * atomic file writes, ag_grow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/common.h"

static void test_append_and_format(void **state)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    strbuf_adds(&sb, "abc");
    strbuf_addf(&sb, "-%d-%s", 42, "x");
    strbuf_addc(&sb, '!');
    assert_string_equal(strbuf_str(&sb), "abc-42-x!");
    assert_int_equal(sb.len, 9);
    assert_true(strbuf_ok(&sb));
    strbuf_release(&sb);
}

/* ag_grow: the same array while there is room, 64 then doubling, and a size past SIZE_MAX
 * refused with the array left as it was. */
static void test_grow(void **state)
{
    (void)state;
    size_t cap = 0;
    int *a = ag_grow(NULL, &cap, 0, sizeof(*a));
    assert_non_null(a);
    assert_int_equal(cap, 64);
    for (size_t i = 0; i < 64; i++) {
        int *b = ag_grow(a, &cap, i, sizeof(*a));
        assert_ptr_equal(b, a);
        a[i] = (int)i;
    }
    a = ag_grow(a, &cap, 64, sizeof(*a));
    assert_non_null(a);
    assert_int_equal(cap, 128);
    assert_int_equal(a[63], 63);
    assert_null(ag_grow(a, &cap, 128, SIZE_MAX / 200));
    assert_int_equal(cap, 128);
    assert_int_equal(a[0], 0);
    free(a);
}

static void test_cap_is_enforced(void **state)
{
    struct strbuf sb;
    strbuf_init(&sb, 8);
    strbuf_adds(&sb, "12345678");
    assert_true(strbuf_ok(&sb));
    strbuf_addc(&sb, '9'); /* one past the cap */
    assert_false(strbuf_ok(&sb));
    assert_int_equal(sb.len, 8);
    strbuf_adds(&sb, "more"); /* ignored after failure */
    assert_int_equal(sb.len, 8);
    assert_null(strbuf_take(&sb, NULL));
    strbuf_release(&sb);
}

static void test_take_transfers(void **state)
{
    struct strbuf sb;
    size_t len;
    strbuf_init(&sb, 0);
    strbuf_addf(&sb, "%s", "hello");
    char *s = strbuf_take(&sb, &len);
    assert_string_equal(s, "hello");
    assert_int_equal(len, 5);
    assert_null(sb.buf);
    free(s);
    /* an empty buffer still yields a valid empty string */
    s = strbuf_take(&sb, &len);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void test_csv_field(void **state)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    strbuf_add_csv_field(&sb, "a \"quoted\", value");
    assert_string_equal(strbuf_str(&sb), "\"a \"\"quoted\"\", value\"");
    strbuf_reset(&sb);
    strbuf_add_csv_field(&sb, "=cmd|' /C calc'!A0");
    assert_string_equal(strbuf_str(&sb), "\"'=cmd|' /C calc'!A0\"");
    strbuf_release(&sb);
}

static void test_fold(void **state)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    ag_text_fold(&sb, "ＩＰｖ６\xE3\x80\x80通信（Ａ）", AG_FOLD_LOWER);
    assert_string_equal(strbuf_str(&sb), "ipv6 通信(a)");
    strbuf_reset(&sb);
    ag_text_fold(&sb, "3.1.5.1 (2) (e)", AG_FOLD_DROP_SPACE);
    assert_string_equal(strbuf_str(&sb), "3.1.5.1(2)(e)");
    strbuf_reset(&sb);
    /* truncated multibyte sequences pass through without reading past the end */
    ag_text_fold(&sb, "\xEF\xBC", 0);
    assert_int_equal(sb.len, 2);
    strbuf_release(&sb);
}

static void test_width(void **state)
{
    assert_int_equal(ag_text_width("abc"), 3);
    assert_int_equal(ag_text_width("対策項目"), 8);
    assert_int_equal(ag_text_width("Plan（計画）"), 12);
    assert_int_equal(ag_text_width("ｱ"), 1);        /* half-width katakana is narrow */
    assert_int_equal(ag_text_width("\xE3\x81"), 2); /* truncated sequence: a column per byte */
}

static void test_strmap(void **state)
{
    struct strmap *m;
    char keys[200][16];
    assert_int_equal(strmap_new(&m, 2), AG_OK);
    for (int i = 0; i < 200; i++) { /* forces several rehashes */
        snprintf(keys[i], sizeof(keys[i]), "k%d", i);
        assert_int_equal(strmap_put(m, keys[i], &keys[i]), AG_OK);
    }
    assert_int_equal(strmap_count(m), 200);
    for (int i = 0; i < 200; i++)
        assert_ptr_equal(strmap_get(m, keys[i]), &keys[i]);
    assert_null(strmap_get(m, "absent"));
    assert_int_equal(strmap_put(m, "k7", NULL), AG_EINVAL);
    assert_ptr_equal(strmap_get(m, "k7"), &keys[7]);
    strmap_free(m);
}

static void test_atomic_write(void **state)
{
    char dir[] = "/tmp/ag-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], *data;
    size_t len;
    struct ag_error err;
    snprintf(path, sizeof(path), "%s/out.txt", dir);
    assert_int_equal(ag_file_write_atomic(path, "first", 5, &err), AG_OK);
    assert_int_equal(ag_file_write_atomic(path, "second", 6, &err), AG_OK);
    assert_int_equal(ag_file_read(path, 100, &data, &len, &err), AG_OK);
    assert_string_equal(data, "second");
    free(data);
    /* the size cap of reads is enforced and named in the message */
    assert_int_equal(ag_file_read(path, 3, &data, &len, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "limit"));
    /* a folder that does not exist: clear error naming the path, nothing created */
    char bad[300];
    snprintf(bad, sizeof(bad), "%s/missing/out.txt", dir);
    assert_int_equal(ag_file_write_atomic(bad, "x", 1, &err), AG_EIO);
    assert_non_null(strstr(err.msg, bad));
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_format),
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_cap_is_enforced),
        cmocka_unit_test(test_take_transfers),
        cmocka_unit_test(test_csv_field),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_strmap),
        cmocka_unit_test(test_atomic_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
