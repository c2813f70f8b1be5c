/*
 * test_default_catalog.c — the catalog built into the binary: it loads, it is bilingual
 * wherever it has text, its structure mirrors the guideline (roles, definitions, critical
 * systems, the 13 web vulnerability classes …), and the attributes derived from the text
 * (responsible role from the sentence's subject, PDCA phase from the chapter, control-system
 * flag) agree with the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"

static int setup(void **state)
{
    struct catalog *cat;
    struct ag_error err;
    if (catalog_load_default(&cat, &err) != AG_OK) {
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

static size_t count_kind(const struct catalog_node *n, enum catalog_kind kind)
{
    size_t c = n->kind == kind;
    for (size_t i = 0; i < n->nchildren; i++)
        c += count_kind(n->children[i], kind);
    return c;
}

static size_t direct_children(const struct catalog_node *n, enum catalog_kind kind)
{
    size_t c = 0;
    for (size_t i = 0; i < n->nchildren; i++)
        c += n->children[i]->kind == kind;
    return c;
}

static void test_identity(void **state)
{
    struct catalog *cat = *state;
    assert_string_equal(catalog_id(cat), "mlit-airport-2");
    assert_non_null(strstr(catalog_title(cat).ja, "空港分野"));
    assert_true(strlen(catalog_title(cat).en) > 10);
    assert_string_equal(catalog_published(cat), "2019-03-29");
    assert_true(catalog_node_count(cat) > 1000);
    static const char *const roles[] = {"executive", "ciso",    "committee", "manager", "sysadmin",
                                        "csirt",     "handler", "auditor",   "operator"};
    assert_int_equal(catalog_role_count(cat), AG_ARRAY_LEN(roles));
    for (size_t i = 0; i < AG_ARRAY_LEN(roles); i++)
        assert_string_equal(catalog_role_at(cat, i)->id, roles[i]);
}

static void test_every_text_is_bilingual(void **state)
{
    struct catalog *cat = *state;
    size_t missing = 0;
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        if (!n->title.ja[0] && !n->text.ja[0] && n->kind != CATALOG_KIND_CHAPTER)
            fail_msg("node %s has neither title nor text", n->id);
        bool bad = (n->title.ja[0] && !n->title.en[0]) || (n->text.ja[0] && !n->text.en[0]) ||
                   (n->note.ja[0] && !n->note.en[0]);
        if (bad && missing++ < 20)
            print_message("no English for %s (%s)\n", n->id, n->ref);
    }
    assert_int_equal(missing, 0);
}

static void test_password_list_attacks(void **state)
{
    struct catalog *cat = *state;
    const struct catalog_node *s = catalog_by_ref(cat, "3.1.5.1(2)(e)");
    assert_non_null(s);
    assert_string_equal(s->id, "3.1.5.1-2-e");
    assert_string_equal(s->title.ja, "パスワードリスト攻撃対策");
    assert_true(count_kind(s, CATALOG_KIND_MEASURE) >= 1);
    assert_int_equal(count_kind(s, CATALOG_KIND_EXAMPLE), 4);
    assert_int_equal(s->parent, catalog_by_ref(cat, "3.1.5.1(2)"));
}

static void test_structure_mirrors_the_guideline(void **state)
{
    struct catalog *cat = *state;
    struct {
        const char *ref;
        enum catalog_kind kind;
        size_t count;
    } expect[] = {
        {"1.1.5", CATALOG_KIND_DEFINITION, 6}, {"1.1.6", CATALOG_KIND_ROLE, 6},
        {"1.2.2", CATALOG_KIND_SCHEME, 4},     {"2.2.1", CATALOG_KIND_SYSTEM, 3},
        {"5.3", CATALOG_KIND_TERM, 13},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(expect); i++) {
        const struct catalog_node *n = catalog_by_ref(cat, expect[i].ref);
        if (!n)
            fail_msg("no node for %s", expect[i].ref);
        if (direct_children(n, expect[i].kind) != expect[i].count)
            fail_msg("%s has %zu %s nodes, expected %zu", expect[i].ref,
                     direct_children(n, expect[i].kind), catalog_kind_name(expect[i].kind),
                     expect[i].count);
    }
    assert_true(count_kind(catalog_by_ref(cat, "2.1.2"), CATALOG_KIND_CHALLENGE) >= 3);
    /* a few sections in every numbering style */
    static const char *const refs[] = {"3.1.2.4",       "3.1.2.4(2)", "3.1.2.6(2)(a)", "3.1.2.3(2)",
                                       "3.1.5.2(4)(b)", "3.3.1.1",    "3.3.2",         "3.1.1",
                                       "3.1.3(1)",      "3.2.2.2"};
    for (size_t i = 0; i < AG_ARRAY_LEN(refs); i++) {
        const struct catalog_node *n = catalog_by_ref(cat, refs[i]);
        if (!n)
            fail_msg("no node for %s", refs[i]);
        if (count_kind(n, CATALOG_KIND_MEASURE) == 0)
            fail_msg("%s has no measures", refs[i]);
    }
    /* chapter-4 references point at sections, and sections point back */
    size_t refs_found = 0;
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        if (n->kind != CATALOG_KIND_REFERENCE)
            continue;
        refs_found++;
        if (n->ntargets == 0)
            fail_msg("reference %s has no target", n->id);
        const struct catalog_node *t = n->targets[0];
        bool back = false;
        for (size_t k = 0; k < t->nreferences; k++)
            back |= t->references[k] == n;
        if (!back)
            fail_msg("%s does not list its reference %s", t->id, n->id);
    }
    assert_true(refs_found > 50);
}

static const struct catalog_node *ancestor_at(const struct catalog_node *n, unsigned depth)
{
    while (n && n->depth > depth)
        n = n->parent;
    return n;
}

static void test_derived_attributes_agree_with_text(void **state)
{
    struct catalog *cat = *state;
    size_t measures = 0;
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        if (n->kind != CATALOG_KIND_MEASURE)
            continue;
        measures++;
        assert_true(n->assessable);
        /* the subject of the sentence is a responsible role */
        for (size_t r = 0; r < catalog_role_count(cat); r++) {
            const struct catalog_role *role = catalog_role_at(cat, r);
            char subject[256];
            snprintf(subject, sizeof(subject), "%sは、", role->name.ja);
            if (strncmp(n->text.ja, subject, strlen(subject)) == 0 && !(n->roles & (1u << r)))
                fail_msg("%s starts with \"%s\" but lacks role %s", n->id, subject, role->id);
        }
        /* phase follows the part of chapter 3 */
        const struct catalog_node *part = ancestor_at(n, 1);
        if (part && strcmp(part->ref, "3.1") == 0 && n->phase != CATALOG_PHASE_PLAN)
            fail_msg("%s is in 3.1 but its phase is %s", n->id, catalog_phase_name(n->phase));
        if (part && strcmp(part->ref, "3.2") == 0 && n->phase != CATALOG_PHASE_DO)
            fail_msg("%s is in 3.2 but its phase is %s", n->id, catalog_phase_name(n->phase));
        if (part && strcmp(part->ref, "3.3") == 0 && n->phase != CATALOG_PHASE_CHECK &&
            n->phase != CATALOG_PHASE_ACT)
            fail_msg("%s is in 3.3 but its phase is %s", n->id, catalog_phase_name(n->phase));
        if (strstr(n->text.ja, "制御システム") && !n->control_system)
            fail_msg("%s mentions 制御システム but is not flagged control_system", n->id);
        if (!n->perspective)
            fail_msg("measure %s has no perspective", n->id);
    }
    assert_true(measures >= 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_text_is_bilingual, setup, teardown),
        cmocka_unit_test_setup_teardown(test_password_list_attacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_structure_mirrors_the_guideline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_derived_attributes_agree_with_text, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
