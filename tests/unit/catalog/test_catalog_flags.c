/*
 * test_catalog_flags.c — catalog_load_flags, the look-up-only load `logwatch run` resolves its
 * rule tags with: the same nodes by id and by every printed reference (also in full-width
 * form) as a full load, the built-in digest known from the build, a search that fails
 * cleanly, the same error for a bad catalog as catalog_load_buffer gives; the ref map
 * (catalog_refs_json/parse/find) logwatch run keeps in its cache folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "catalog/catalog.h"

static void test_same_lookups(void **state)
{
    (void)state;
    struct catalog *full, *lite;
    struct ag_error err;
    assert_int_equal(catalog_load_default(&full, &err), AG_OK);
    assert_int_equal(
        catalog_load_flags(&lite, NULL, CATALOG_LOAD_NO_SEARCH | CATALOG_LOAD_NO_SHA256, &err),
        AG_OK);
    assert_int_equal(catalog_node_count(lite), catalog_node_count(full));
    size_t refs = 0;
    for (size_t i = 0; i < catalog_node_count(full); i++) {
        const struct catalog_node *n = catalog_node_at(full, i);
        const struct catalog_node *m = catalog_by_id(lite, n->id);
        assert_non_null(m);
        assert_string_equal(m->id, n->id);
        if (!n->ref[0])
            continue;
        const struct catalog_node *a = catalog_by_ref(full, n->ref),
                                  *b = catalog_by_ref(lite, n->ref);
        assert_true((a == NULL) == (b == NULL));
        if (a) {
            assert_string_equal(a->id, b->id);
            refs++;
        }
    }
    assert_true(refs > 100);
    /* the form people type, and one that names nothing */
    assert_string_equal(catalog_by_ref(lite, "3.1.5.1（2）（e）")->id,
                        catalog_by_ref(full, "3.1.5.1(2)(e)")->id);
    assert_null(catalog_by_ref(lite, "9.9.9(9)"));
    /* the built-in catalog's digest is known from the build, and is the right one */
    assert_string_equal(catalog_default_sha256(), catalog_sha256(full));
    assert_string_equal(catalog_sha256(lite), catalog_sha256(full));
    assert_int_equal(strlen(catalog_sha256(full)), 64);
    const struct catalog_node **hits;
    size_t nhits;
    assert_int_equal(catalog_search(lite, "password", &hits, &nhits), AG_EINVAL);
    assert_int_equal(nhits, 0);
    assert_int_equal(catalog_search(full, "password", &hits, &nhits), AG_OK);
    assert_true(nhits > 0);
    free(hits);
    /* only the search is left out: the digest alone still comes */
    struct catalog *nosearch;
    assert_int_equal(catalog_load_flags(&nosearch, NULL, CATALOG_LOAD_NO_SEARCH, &err), AG_OK);
    assert_string_equal(catalog_sha256(nosearch), catalog_sha256(full));
    catalog_free(nosearch);
    catalog_free(lite);
    catalog_free(full);
}

/* The ref map written and read back answers every ref (and the full-width form) as the
 * catalog does; a map of another catalog or a malformed one is refused. */
static void test_refs_map(void **state)
{
    (void)state;
    struct catalog *full;
    struct ag_error err;
    assert_int_equal(catalog_load_default(&full, &err), AG_OK);
    struct strbuf sb;
    strbuf_init(&sb, 1u << 22);
    assert_int_equal(catalog_refs_json(full, &sb), AG_OK);
    struct catalog_refs *r;
    assert_int_equal(catalog_refs_parse(sb.buf, sb.len, catalog_sha256(full), &r), AG_OK);
    size_t refs = 0;
    for (size_t i = 0; i < catalog_node_count(full); i++) {
        const struct catalog_node *n = catalog_node_at(full, i);
        if (!n->ref[0])
            continue;
        const struct catalog_node *a = catalog_by_ref(full, n->ref);
        const char *id = catalog_refs_find(r, n->ref);
        if (!a) {
            assert_null(id);
            continue;
        }
        assert_non_null(id);
        assert_string_equal(id, a->id);
        refs++;
    }
    assert_true(refs > 100);
    assert_string_equal(catalog_refs_find(r, "3.1.5.1（2）（e）"),
                        catalog_by_ref(full, "3.1.5.1(2)(e)")->id);
    assert_null(catalog_refs_find(r, "9.9.9(9)"));
    catalog_refs_free(r);
    /* another catalog's map, a cut one, wrong types: refused */
    char other[65];
    memset(other, 'a', 64);
    other[64] = '\0';
    assert_int_equal(catalog_refs_parse(sb.buf, sb.len, other, &r), AG_EINVAL);
    assert_null(r);
    assert_int_equal(catalog_refs_parse(sb.buf, sb.len / 2, catalog_sha256(full), &r), AG_EINVAL);
    char bad[200];
    snprintf(bad, sizeof(bad), "{\"catalog\":\"%s\",\"refs\":{\"1\":7}}", catalog_sha256(full));
    assert_int_equal(catalog_refs_parse(bad, strlen(bad), catalog_sha256(full), &r), AG_EINVAL);
    snprintf(bad, sizeof(bad), "{\"catalog\":\"%s\",\"refs\":[]}", catalog_sha256(full));
    assert_int_equal(catalog_refs_parse(bad, strlen(bad), catalog_sha256(full), &r), AG_EINVAL);
    assert_int_equal(catalog_refs_parse("[]", 2, catalog_sha256(full), &r), AG_EINVAL);
    strbuf_release(&sb);
    catalog_free(full);
}

static void test_same_errors(void **state)
{
    (void)state;
    char path[] = "/tmp/ag-test-catflags-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *bad = "{\"format\": 1, \"nodes\": [}";
    assert_int_equal(write(fd, bad, strlen(bad)), (ssize_t)strlen(bad));
    close(fd);
    struct catalog *cat;
    struct ag_error e1, e2;
    assert_int_not_equal(catalog_load_file(&cat, path, &e1), AG_OK);
    assert_int_not_equal(catalog_load_flags(&cat, path, CATALOG_LOAD_NO_SEARCH, &e2), AG_OK);
    assert_null(cat);
    assert_string_equal(e1.msg, e2.msg);
    assert_non_null(strstr(e2.msg, path));
    unlink(path);
    assert_int_not_equal(catalog_load_flags(&cat, path, CATALOG_LOAD_NO_SHA256, &e2), AG_OK);
    assert_non_null(strstr(e2.msg, path)); /* a missing file is named */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_lookups),
        cmocka_unit_test(test_refs_map),
        cmocka_unit_test(test_same_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
