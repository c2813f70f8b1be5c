/* Unit tests for src/catalog on a small hand-written catalog (tests/data/mini-catalog.json):
 * look-ups, tree links, search, exports, and that every validation rule rejects a broken
 * document with a message naming the JSON path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "catalog/catalog.h"

static char *mini_path(void)
{
    static char path[4096];
    const char *dir = getenv("AG_TEST_DATA");
    snprintf(path, sizeof(path), "%s/mini-catalog.json", dir ? dir : "tests/data");
    return path;
}

static int setup(void **state)
{
    struct catalog *cat;
    struct ag_error err;
    if (catalog_load_file(&cat, mini_path(), &err) != AG_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *state = cat;
    return 0;
}

static int teardown(void **state)
{
    catalog_free(*state);
    return 0;
}

static void test_lookup(void **state)
{
    struct catalog *cat = *state;
    assert_int_equal(catalog_node_count(cat), 6);
    const struct catalog_node *s = catalog_by_ref(cat, "3.1.5.1(2)(e)");
    assert_non_null(s);
    assert_string_equal(s->id, "3.1.5.1-2-e");
    /* full-width parentheses and spaces as typed by a Japanese IME */
    assert_ptr_equal(catalog_by_ref(cat, "3.1.5.1（2） (e)"), s);
    assert_ptr_equal(catalog_find(cat, "3.1.5.1-2-e"), s);
    assert_ptr_equal(catalog_find(cat, "3.1.5.1(2)(e)"), s);
    assert_null(catalog_find(cat, "3.1.9"));
    /* the measure shares its section's ref but the ref names the section */
    const struct catalog_node *m = catalog_by_id(cat, "3.1.5.1-2-e.m1");
    assert_ptr_equal(m->parent, s);
    assert_int_equal(m->depth, 2);
    assert_int_equal(s->nchildren, 1);
    assert_ptr_equal(s->children[0], m);
    assert_int_equal(m->kind, CATALOG_KIND_MEASURE);
    assert_int_equal(m->phase, CATALOG_PHASE_PLAN);
    assert_int_equal(m->roles, 1u << 1); /* sysadmin is the second role */
    assert_true(m->assessable);
    assert_int_equal(m->nglossary, 1);
    assert_string_equal(m->glossary[0]->id, "5.4-4");
    assert_int_equal(m->nchecks, 1);
    assert_string_equal(m->checks[0], "netwatch.ipv6");
    assert_string_equal(m->perspective->id, "build");
    const struct catalog_node *term = catalog_by_ref(cat, "5.4(4)");
    assert_string_equal(term->note.en, "extraction artefact fixed");
    assert_string_equal(catalog_text_get(term->title, AG_LANG_EN), "IPv6");
}

static void test_search(void **state)
{
    struct catalog *cat = *state;
    const struct catalog_node **res;
    size_t n;
    /* full-width in the text, ASCII lower case in the query */
    assert_int_equal(catalog_search(cat, "ipv6", &res, &n), AG_OK);
    assert_int_equal(n, 2);
    assert_string_equal(res[0]->id, "3.1.5.1-2-e.m1");
    assert_string_equal(res[1]->id, "5.4-4");
    free(res);
    /* terms are ANDed, across languages */
    assert_int_equal(catalog_search(cat, "IPv6 監視", &res, &n), AG_OK);
    assert_int_equal(n, 1);
    free(res);
    assert_int_equal(catalog_search(cat, "multi-factor", &res, &n), AG_OK);
    assert_int_equal(n, 1);
    assert_string_equal(res[0]->id, "3.1.5.1-2-e.m1.x1");
    free(res);
    assert_int_equal(catalog_search(cat, "nothing-like-this", &res, &n), AG_OK);
    assert_int_equal(n, 0);
    free(res);
    assert_int_equal(catalog_search(cat, "  ", &res, &n), AG_EINVAL);
}

static void test_sha256_tracks_bytes(void **state)
{
    struct catalog *cat = *state, *other;
    struct ag_error err;
    char *buf;
    size_t len;
    assert_int_equal(strlen(catalog_sha256(cat)), 64);
    assert_int_equal(ag_file_read(mini_path(), 1 << 20, &buf, &len, &err), AG_OK);
    assert_int_equal(catalog_load_buffer(&other, buf, len, "x", &err), AG_OK);
    assert_string_equal(catalog_sha256(other), catalog_sha256(cat));
    catalog_free(other);
    /* one more space: same content, different bytes, different hash */
    buf[len - 1] = ' ';
    assert_int_equal(catalog_load_buffer(&other, buf, len, "x", &err), AG_OK);
    assert_string_not_equal(catalog_sha256(other), catalog_sha256(cat));
    catalog_free(other);
    free(buf);
}

static void test_csv_export(void **state)
{
    struct catalog *cat = *state;
    struct strbuf sb;
    struct ag_error err;
    strbuf_init(&sb, 0);
    assert_int_equal(catalog_export(cat, CATALOG_FORMAT_CSV, AG_LANG_JA, &sb, &err), AG_OK);
    const char *s = strbuf_str(&sb);
    assert_true(strncmp(s, "\"id\",\"ref\",\"kind\"", 17) == 0);
    assert_non_null(strstr(s, "\"3.1.5.1-2-e.m1\",\"3.1.5.1(2)(e)\",\"measure\",\"3.1.5.1-2-e\""));
    assert_non_null(strstr(s, "\"sysadmin\""));
    /* header + 6 rows */
    size_t rows = 0;
    for (const char *p = s; (p = strstr(p, "\r\n")); p += 2)
        rows++;
    assert_int_equal(rows, 7);
    strbuf_release(&sb);
}

static void test_node_json(void **state)
{
    struct catalog *cat = *state;
    struct strbuf sb;
    struct ag_error err;
    strbuf_init(&sb, 0);
    assert_int_equal(catalog_node_json(cat, catalog_by_id(cat, "3.1.5.1-2-e"), &sb, &err), AG_OK);
    json_error_t jerr;
    json_t *v = json_loads(strbuf_str(&sb), 0, &jerr);
    assert_non_null(v);
    json_t *kids = json_object_get(v, "children");
    assert_int_equal(json_array_size(kids), 1);
    json_t *ex = json_object_get(json_array_get(kids, 0), "children");
    assert_string_equal(json_string_value(json_object_get(json_array_get(ex, 0), "id")),
                        "3.1.5.1-2-e.m1.x1");
    json_decref(v);
    strbuf_release(&sb);
}

/* ---- validation: each mutation of the mini catalog must be refused with this message ---- */

struct mutation {
    const char *what;
    void (*apply)(json_t *doc);
    const char *expect; /* substring of the error message */
};

static json_t *node(json_t *doc, size_t i)
{
    return json_array_get(json_object_get(doc, "nodes"), i);
}

static void m_unknown_parent(json_t *d)
{
    json_object_set_new(node(d, 2), "parent", json_string("3.1.9"));
}
static void m_dup_id(json_t *d)
{
    json_object_set_new(node(d, 3), "id", json_string("3.1.5.1-2-e"));
}
static void m_parent_after(json_t *d)
{
    json_object_set_new(node(d, 1), "parent", json_string("3.1.5.1-2-e.m1"));
}
static void m_self_parent(json_t *d)
{
    json_object_set_new(node(d, 1), "parent", json_string("3.1.5.1-2-e"));
}
static void m_no_phase(json_t *d)
{
    json_object_del(node(d, 2), "phase");
}
static void m_no_roles(json_t *d)
{
    json_object_set_new(node(d, 2), "roles", json_array());
}
static void m_bad_role(json_t *d)
{
    json_array_append_new(json_object_get(node(d, 2), "roles"), json_string("janitor"));
}
static void m_bad_kind(json_t *d)
{
    json_object_set_new(node(d, 3), "kind", json_string("bullet"));
}
static void m_bad_order(json_t *d)
{
    json_object_set_new(node(d, 4), "order", json_integer(2));
}
static void m_bad_id(json_t *d)
{
    json_object_set_new(node(d, 3), "id", json_string("Bad Id"));
}
static void m_no_text(json_t *d)
{
    json_object_del(node(d, 3), "text");
}
static void m_text_type(json_t *d)
{
    json_object_set_new(node(d, 3), "text", json_string("x"));
}
static void m_no_en(json_t *d)
{
    json_object_del(json_object_get(node(d, 3), "title"), "en");
}
static void m_bad_link(json_t *d)
{
    json_array_append_new(json_object_get(node(d, 2), "glossary"), json_string("9.9"));
}
static void m_bad_phase(json_t *d)
{
    json_object_set_new(node(d, 2), "phase", json_string("later"));
}
static void m_bad_persp(json_t *d)
{
    json_object_set_new(node(d, 2), "perspective", json_string("nowhere"));
}
static void m_bad_format(json_t *d)
{
    json_object_set_new(d, "format", json_string("other/9"));
}
static void m_no_nodes(json_t *d)
{
    json_object_set_new(d, "nodes", json_array());
}
static void m_bool_type(json_t *d)
{
    json_object_set_new(node(d, 2), "assessable", json_string("yes"));
}
static void m_node_type(json_t *d)
{
    json_array_set_new(json_object_get(d, "nodes"), 5, json_integer(7));
}

static void test_validation_rejects(void **state)
{
    static const struct mutation cases[] = {
        {"unknown parent", m_unknown_parent, "$.nodes[2].parent: unknown id \"3.1.9\""},
        {"duplicate id", m_dup_id, "$.nodes[3]: duplicate id \"3.1.5.1-2-e\""},
        {"parent after child", m_parent_after,
         "$.nodes[1].parent: parent \"3.1.5.1-2-e.m1\" must come before"},
        {"self parent (cycle)", m_self_parent,
         "$.nodes[1].parent: parent \"3.1.5.1-2-e\" must come before"},
        {"measure without phase", m_no_phase,
         "$.nodes[2]: measure \"3.1.5.1-2-e.m1\" has no phase"},
        {"measure without role", m_no_roles, "has no responsible role"},
        {"unknown role", m_bad_role, "$.nodes[2]: roles[1]: unknown role \"janitor\""},
        {"unknown kind", m_bad_kind, "$.nodes[3]: unknown kind \"bullet\""},
        {"order not increasing", m_bad_order, "$.nodes[4]: order 2 does not follow"},
        {"malformed id", m_bad_id, "$.nodes[3]: id \"Bad Id\" is not of the form"},
        {"missing text", m_no_text, "$.nodes[3]: missing required field \"text\""},
        {"text of wrong type", m_text_type, "$.nodes[3].text: must be an object"},
        {"title without en", m_no_en, "$.nodes[3].title: missing required field \"en\""},
        {"dangling glossary link", m_bad_link, "$.nodes[2].glossary[1]: unknown id \"9.9\""},
        {"unknown phase", m_bad_phase, "unknown phase \"later\""},
        {"unknown perspective", m_bad_persp, "unknown perspective \"nowhere\""},
        {"other format", m_bad_format, "$.format: unsupported format \"other/9\""},
        {"no nodes", m_no_nodes, "\"nodes\" must be a non-empty array"},
        {"boolean of wrong type", m_bool_type, "field \"assessable\" must be true or false"},
        {"node not an object", m_node_type, "$.nodes[5]: must be an object, not an integer"},
    };
    struct ag_error err;
    char *buf;
    size_t len;
    assert_int_equal(ag_file_read(mini_path(), 1 << 20, &buf, &len, &err), AG_OK);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_error_t jerr;
        json_t *doc = json_loads(buf, 0, &jerr);
        assert_non_null(doc);
        cases[i].apply(doc);
        char *text = json_dumps(doc, 0);
        struct catalog *cat = NULL;
        ag_error_clear(&err);
        int rc = catalog_load_buffer(&cat, text, strlen(text), "bad.json", &err);
        if (rc != AG_EINVAL || strncmp(err.msg, "bad.json: ", 10) != 0 ||
            !strstr(err.msg, cases[i].expect))
            fail_msg("%s: rc %d, message \"%s\", expected \"%s\"", cases[i].what, rc, err.msg,
                     cases[i].expect);
        assert_null(cat);
        free(text);
        json_decref(doc);
    }
    free(buf);
}

static void test_syntax_errors_name_line_and_column(void **state)
{
    struct catalog *cat;
    struct ag_error err;
    const char *bad = "{\n \"format\": \"airguard-catalog/1\",\n \"nodes\": [,]\n}";
    assert_int_equal(catalog_load_buffer(&cat, bad, strlen(bad), "x.json", &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "x.json: line 3"));
    const char *dup = "{\"format\": \"a\", \"format\": \"b\"}";
    assert_int_equal(catalog_load_buffer(&cat, dup, strlen(dup), "d.json", &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "duplicate"));
    assert_int_equal(catalog_load_buffer(&cat, "", 0, "e.json", &err), AG_EINVAL);
    assert_int_equal(catalog_load_file(&cat, "/nonexistent/cat.json", &err), AG_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/cat.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lookup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sha256_tracks_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_node_json, setup, teardown),
        cmocka_unit_test(test_validation_rejects),
        cmocka_unit_test(test_syntax_errors_name_line_and_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
