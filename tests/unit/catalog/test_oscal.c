/*
 * test_oscal.c — the OSCAL export's mapping on the mini catalog: groups for sections, a control
 * per measure with its statement and examples, props for ref/phase/roles, links between nodes,
 * a UUID of the required form, and the language chosen. (Schema validity of the full export is
 * checked with ajv in tests/integration/test_schemas.sh.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "catalog/catalog.h"

static json_t *export_mini(enum ag_lang lang)
{
    char path[4096];
    struct catalog *cat;
    struct ag_error err;
    struct strbuf sb;
    const char *dir = getenv("AG_TEST_DATA");
    snprintf(path, sizeof(path), "%s/mini-catalog.json", dir ? dir : "tests/data");
    if (catalog_load_file(&cat, path, &err) != AG_OK)
        fail_msg("%s", err.msg);
    strbuf_init(&sb, 0);
    assert_int_equal(catalog_export(cat, CATALOG_FORMAT_OSCAL, lang, &sb, &err), AG_OK);
    json_error_t jerr;
    json_t *doc = json_loads(strbuf_str(&sb), 0, &jerr);
    assert_non_null(doc);
    strbuf_release(&sb);
    catalog_free(cat);
    return doc;
}

static const char *prop(json_t *obj, const char *name)
{
    json_t *props = json_object_get(obj, "props");
    for (size_t i = 0; i < json_array_size(props); i++) {
        json_t *p = json_array_get(props, i);
        if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0)
            return json_string_value(json_object_get(p, "value"));
    }
    return NULL;
}

static void test_mapping(void **state)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    json_t *doc = export_mini(AG_LANG_EN);
    json_t *c = json_object_get(doc, "catalog");
    char uuid[64];
    snprintf(uuid, sizeof(uuid), "%s", json_string_value(json_object_get(c, "uuid")));
    assert_int_equal(strlen(uuid), 36);
    assert_int_equal(uuid[14], '5'); /* version 5 */
    assert_true(strchr("89ab", uuid[19]) != NULL);
    json_t *meta = json_object_get(c, "metadata");
    assert_string_equal(json_string_value(json_object_get(meta, "oscal-version")), "1.0.6");
    assert_string_equal(json_string_value(json_object_get(meta, "title")), "Mini catalog");
    assert_string_equal(json_string_value(json_object_get(meta, "last-modified")),
                        "2023-11-14T22:13:20Z");
    assert_string_equal(json_string_value(json_object_get(meta, "published")),
                        "2019-03-29T00:00:00+09:00");
    assert_int_equal(json_array_size(json_object_get(meta, "roles")), 2);

    json_t *groups = json_object_get(c, "groups");
    assert_int_equal(json_array_size(groups), 2); /* chapters 3 and 5 */
    json_t *ch3 = json_array_get(groups, 0);
    assert_string_equal(json_string_value(json_object_get(ch3, "id")), "ag-3");
    json_t *sec = json_array_get(json_object_get(ch3, "groups"), 0);
    assert_string_equal(json_string_value(json_object_get(sec, "title")),
                        "3.1.5.1(2)(e) Countermeasures against password list attacks");
    json_t *ctl = json_array_get(json_object_get(sec, "controls"), 0);
    assert_string_equal(json_string_value(json_object_get(ctl, "id")), "ag-3.1.5.1-2-e.m1");
    assert_string_equal(prop(ctl, "label"), "3.1.5.1(2)(e)");
    assert_string_equal(prop(ctl, "phase"), "plan");
    assert_string_equal(prop(ctl, "responsible-role"), "sysadmin");
    assert_string_equal(prop(ctl, "automated-check"), "netwatch.ipv6");
    json_t *parts = json_object_get(ctl, "parts");
    json_t *stmt = json_array_get(parts, 0);
    assert_string_equal(json_string_value(json_object_get(stmt, "name")), "statement");
    assert_string_equal(json_string_value(json_object_get(stmt, "prose")),
                        "The system administrator shall monitor IPv6 traffic.");
    json_t *ex = json_array_get(parts, 1);
    assert_string_equal(json_string_value(json_object_get(ex, "name")), "example");
    assert_string_equal(json_string_value(json_object_get(ex, "prose")),
                        "Introduce multi-factor authentication");
    json_t *link = json_array_get(json_object_get(ctl, "links"), 0);
    assert_string_equal(json_string_value(json_object_get(link, "href")), "#ag-5.4-4");
    json_decref(doc);

    /* Japanese export: same structure, Japanese prose, a different document UUID */
    json_t *ja = export_mini(AG_LANG_JA);
    json_t *cja = json_object_get(ja, "catalog");
    assert_string_not_equal(json_string_value(json_object_get(cja, "uuid")), uuid);
    json_t *ctl_ja = json_array_get(
        json_object_get(
            json_array_get(
                json_object_get(json_array_get(json_object_get(cja, "groups"), 0), "groups"), 0),
            "controls"),
        0);
    assert_non_null(strstr(json_string_value(json_object_get(
                               json_array_get(json_object_get(ctl_ja, "parts"), 0), "prose")),
                           "システム管理者"));
    json_decref(ja);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
