/*
 * test_report.c — the report module's building blocks and exports on a demo store: RFC 4122
 * version-5 UUIDs against published vectors (and STIX's SCO ids), determinism of the ids, the
 * STIX patterning language's string escaping (quote and backslash), TLP and format names, HTML
 * escaping, the message table (both languages, same conversions, no key another table has), and
 * the exports themselves: a re-export gives the same bytes, a stripped STIX bundle holds no login
 * or name of the demo, an unknown incident or campaign is an error naming it. (Schema validity:
 * tests/integration/test_report_exports.sh with ajv.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include <jansson.h>

#include "isms/incident.h"
#include "report/report.h"

/* ---- UUIDs ---- */

static const unsigned char ns_dns[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                         0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
static const unsigned char ns_url[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                         0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

static void test_uuid_v5_vectors(void **state)
{
    (void)state;
    char u[37];
    /* Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
    report_uuid_v5(ns_dns, "python.org", 10, u);
    assert_string_equal(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    /* our namespace is what its comment says */
    report_uuid_v5(ns_url, "urn:airguard:report", 19, u);
    assert_string_equal(u, "be8f1510-2ecb-5e70-bf79-8a5bccac61bf");
    /* STIX 2.1 §2.9: an ipv4-addr's id from the canonical JSON of its value */
    const char *canon = "{\"value\":\"203.0.113.5\"}";
    report_uuid_v5(report_stix_sco_ns, canon, strlen(canon), u);
    assert_string_equal(u, "aff7b775-2a53-584e-9b5b-ab671759ad94");
}

static void test_uuid_for_is_deterministic(void **state)
{
    (void)state;
    char a[37], b[37], c[37], d[37];
    report_uuid_for("org:南湾空港ビル株式会社", "incident", "1", a);
    report_uuid_for("org:南湾空港ビル株式会社", "incident", "1", b);
    report_uuid_for("org:南湾空港ビル株式会社", "incident", "2", c);
    report_uuid_for("org:another airport", "incident", "1", d);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_not_equal(a, d); /* two airports' incident 1 differ */
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '5');           /* version 5 */
    assert_non_null(strchr("89ab", a[19])); /* RFC 4122 variant */
}

/* ---- STIX patterns, names ---- */

static void pattern(const char *value, const char *want)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    report_stix_pattern_string(&sb, value);
    assert_string_equal(strbuf_str(&sb), want);
    strbuf_release(&sb);
}

static void test_stix_pattern_escaping(void **state)
{
    (void)state;
    pattern("203.0.113.5", "'203.0.113.5'");
    pattern("o'brien", "'o\\'brien'");
    pattern("C:\\temp", "'C:\\\\temp'");
    pattern("\\'", "'\\\\\\''");
    pattern("", "''");
}

static void test_tlp_and_format_names(void **state)
{
    (void)state;
    enum report_tlp t;
    enum report_format f;
    assert_int_equal(report_tlp_parse("TLP:AMBER", &t), AG_OK);
    assert_int_equal(t, REPORT_TLP_AMBER);
    assert_int_equal(report_tlp_parse("clear", &t), AG_OK);
    assert_int_equal(t, REPORT_TLP_WHITE);
    assert_int_equal(report_tlp_parse("red", &t), AG_OK);
    assert_int_equal(t, REPORT_TLP_RED);
    assert_int_equal(report_tlp_parse("purple", &t), AG_EINVAL);
    assert_int_equal(report_tlp_parse(NULL, &t), AG_EINVAL);
    assert_int_equal(report_format_parse("PDF", &f), AG_OK);
    assert_int_equal(f, REPORT_PDF);
    assert_int_equal(report_format_parse("docx", &f), AG_EINVAL);
}

static void test_html_escaping(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    report_html_text(&sb, "<script>alert(\"x\" & 'y')</script>");
    assert_string_equal(strbuf_str(&sb),
                        "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    strbuf_reset(&sb);
    report_html_begin(&sb, AG_LANG_JA, "a</title><script>");
    assert_non_null(strstr(strbuf_str(&sb), "<html lang=\"ja\">"));
    assert_non_null(strstr(strbuf_str(&sb), "default-src 'none'"));
    assert_null(strstr(strbuf_str(&sb), "</title><script>"));
    strbuf_release(&sb);
}

/* ---- messages ---- */

static void conversions(const char *fmt, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (*++p == '%')
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

static void test_messages(void **state)
{
    (void)state;
    size_t before = ag_tr_count();
    report_register_messages();
    size_t after = ag_tr_count();
    assert_true(after > before + 40);
    for (size_t i = before; i < after; i++) {
        const char *key, *ja, *en;
        char ck[64], cj[64], ce[64];
        ag_tr_entry(i, &key, &ja, &en);
        assert_true(strlen(ja) > 0 && strlen(en) > 0);
        conversions(key, ck, sizeof(ck));
        conversions(ja, cj, sizeof(cj));
        conversions(en, ce, sizeof(ce));
        if (strcmp(ck, cj) != 0 || strcmp(ck, ce) != 0)
            fail_msg("conversions differ for \"%s\": %s / %s / %s", key, ck, cj, ce);
        for (size_t j = 0; j < i; j++) {
            const char *k2, *j2, *e2;
            ag_tr_entry(j, &k2, &j2, &e2);
            if (strcmp(key, k2) == 0)
                fail_msg("key \"%s\" is in two tables", key);
        }
    }
    assert_string_equal(ag_tr(AG_LANG_JA, "Emergency measure"), "応急措置");
}

/* ---- exports on a demo store ---- */

static int setup(void **state)
{
    *state = fixture_new("report", "2026-06-01T12:00:00Z", FIXTURE_DEMO | FIXTURE_ACTOR);
    return 0;
}

static int teardown(void **state)
{
    fixture_free(*state);
    return 0;
}

static void test_stix_export(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct strbuf a, b, s;
    struct report_stix_options plain = {REPORT_TLP_AMBER, false, NULL};
    struct report_stix_options strip = {REPORT_TLP_GREEN, true, NULL};
    strbuf_init(&a, 0);
    strbuf_init(&b, 0);
    strbuf_init(&s, 0);
    assert_int_equal(report_stix_incident(f->st, 2, AG_LANG_JA, &plain, &a, &err), AG_OK);
    assert_int_equal(report_stix_incident(f->st, 2, AG_LANG_JA, &plain, &b, &err), AG_OK);
    assert_string_equal(strbuf_str(&a), strbuf_str(&b));
    json_t *doc = json_loads(strbuf_str(&a), 0, NULL);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "type")), "bundle");
    json_t *objs = json_object_get(doc, "objects");
    assert_string_equal(json_string_value(json_object_get(json_array_get(objs, 2), "type")),
                        "report");
    json_decref(doc);
    /* an emergency measure whose text names people: it becomes a course of action */
    long long actor;
    assert_int_equal(isms_person_id(f->st, "sasaki", &actor, &err), AG_OK);
    assert_int_equal(isms_incident_log(f->st, 2, actor, "emergency-measure", NULL, NULL,
                                       "松本 沙織が取引先 (info@partner.example.com) へ連絡、"
                                       "佐々木の指示、takahashi 承認; monitoring continues",
                                       &err),
                     AG_OK);
    strbuf_reset(&a);
    assert_int_equal(report_stix_incident(f->st, 2, AG_LANG_JA, &plain, &a, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&a), "松本 沙織"));
    assert_non_null(strstr(strbuf_str(&a), "takahashi"));
    assert_int_equal(report_stix_incident(f->st, 2, AG_LANG_JA, &strip, &s, &err), AG_OK);
    /* login "ito" must not eat into "monitoring": logins match whole words only */
    assert_non_null(strstr(strbuf_str(&s), "monitoring continues"));
    assert_non_null(strstr(strbuf_str(&s), "[email]"));
    assert_non_null(strstr(strbuf_str(&s), "TLP:GREEN"));
    const char *people[] = {"matsumoto", "sasaki", "takahashi", "松本", "佐々木", "高橋", "@"};
    for (size_t i = 0; i < AG_ARRAY_LEN(people); i++)
        if (strstr(strbuf_str(&s), people[i]))
            fail_msg("stripped bundle holds \"%s\"", people[i]);
    assert_int_equal(report_stix_incident(f->st, 999, AG_LANG_JA, &plain, &s, &err), AG_ENOTFOUND);
    assert_non_null(strstr(err.msg, "999"));
    strbuf_release(&a);
    strbuf_release(&b);
    strbuf_release(&s);
}

static void test_oscal_exports(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct strbuf a, b;
    strbuf_init(&a, 0);
    strbuf_init(&b, 0);
    assert_int_equal(report_oscal_results(f->st, f->cat, 0, 0, AG_LANG_EN, &a, &err), AG_OK);
    assert_int_equal(report_oscal_results(f->st, f->cat, 0, 0, AG_LANG_EN, &b, &err), AG_OK);
    assert_string_equal(strbuf_str(&a), strbuf_str(&b));
    json_t *doc = json_loads(strbuf_str(&a), 0, NULL);
    json_t *r =
        json_array_get(json_object_get(json_object_get(doc, "assessment-results"), "results"), 0);
    assert_true(json_array_size(json_object_get(r, "findings")) > 100);
    assert_true(json_array_size(json_object_get(r, "observations")) > 100);
    json_decref(doc);
    assert_int_equal(report_oscal_results(f->st, f->cat, 999, 0, AG_LANG_EN, &a, &err),
                     AG_ENOTFOUND);
    assert_non_null(strstr(err.msg, "999"));
    strbuf_reset(&a);
    assert_int_equal(report_oscal_poam(f->st, f->cat, AG_LANG_JA, &a, &err), AG_OK);
    doc = json_loads(strbuf_str(&a), 0, NULL);
    json_t *items =
        json_object_get(json_object_get(doc, "plan-of-action-and-milestones"), "poam-items");
    assert_true(json_array_size(items) > 0);
    json_decref(doc);
    strbuf_release(&a);
    strbuf_release(&b);
}

static void test_ministry_html(void **state)
{
    struct fixture *f = *state;
    struct ag_error err;
    struct strbuf h;
    size_t missing = 99;
    strbuf_init(&h, 0);
    isms_register_messages();
    assert_int_equal(report_ministry(f->st, 1, AG_LANG_JA, REPORT_HTML, &h, &missing, &err), AG_OK);
    assert_int_equal(missing, 0);
    assert_non_null(strstr(strbuf_str(&h), "<h2>報告区分</h2>"));
    assert_non_null(strstr(strbuf_str(&h), "<h2>原因究明のための記録（ログ・監視アラート）</h2>"));
    assert_non_null(strstr(strbuf_str(&h), "確報"));
    strbuf_release(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uuid_v5_vectors),
        cmocka_unit_test(test_uuid_for_is_deterministic),
        cmocka_unit_test(test_stix_pattern_escaping),
        cmocka_unit_test(test_tlp_and_format_names),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_messages),
        cmocka_unit_test_setup_teardown(test_stix_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_oscal_exports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ministry_html, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
