/* Vulnerability handling (3.1.5.1(1)(e), 3.2.2.1①): the version comparison table, ranges and
 * product names; the CSAF 2.0, CVE JSON 5 and NVD API 2.0 parsers with their errors (file and
 * JSON path named); and against a real migrated store: matching of the inventory, re-import
 * updating instead of duplicating, the plan fields required before closing, approval by someone
 * other than the planner (3.1.4.1(2)), compensating measures, CSV import errors naming the line
 * and column, and one transaction per import. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/vuln.h"

/* ---- versions ---- */

static void test_version_table(void **state)
{
    (void)state;
    static const struct {
        const char *a, *b;
        enum vuln_cmp want;
    } t[] = {
        {"1.0", "1.0", VULN_EQ},
        {"4.5", "4.5.0", VULN_EQ},
        {"V4.5.2", "4.5.2", VULN_EQ},
        {"v4.5.2", "V4.5.2", VULN_EQ},
        {"4.10", "4.9", VULN_GT},
        {"4.5.2", "4.6", VULN_LT},
        {"10.0.17763.5458", "10.0.17763.6000", VULN_LT},
        {"2.9.1-rc1", "2.9.1", VULN_LT},
        {"2.9.1-rc1", "2.9.1-rc2", VULN_LT},
        {"2.9.1-beta", "2.9.1-rc1", VULN_LT},
        {"2.9.1-alpha2", "2.9.1-beta1", VULN_LT},
        {"1.0.0-dev", "1.0.0-alpha", VULN_LT},
        {"2.9.1-rc1", "2.9.0", VULN_GT},
        {"2.9.1-rc1", "2.9.0.1", VULN_GT},
        {"4.5 SP1", "4.5", VULN_GT},
        {"4.5 SP1", "4.5 SP2", VULN_LT},
        {"4.5 SP1", "4.6", VULN_LT},
        {"V2.9 SP3", "V2.9 SP3 HF1", VULN_LT},
        {"1.1.1w", "1.1.1k", VULN_GT},
        {"1.1.1k", "1.1.1", VULN_GT},
        {"1.1.1k", "1.1.1t", VULN_LT},
        {"3.0 final", "3.0", VULN_EQ},
        {"007", "7", VULN_EQ},
        {"12345678901234567890.1", "12345678901234567890.2", VULN_LT},
        /* undecided: said so, never guessed */
        {"4.5 SP1", "4.5.1", VULN_UNDECIDED},
        {"4.5 update 3", "4.5 SP1", VULN_UNDECIDED},
        {"latest", "1.0", VULN_UNDECIDED},
        {"1:2.3-4", "2.3-4", VULN_UNDECIDED},
        {"1.0~rc1", "1.0", VULN_UNDECIDED},
        {"1.0-foo", "1.0-bar", VULN_UNDECIDED},
        {"1.0 build abc", "1.0 build 3", VULN_UNDECIDED},
        {"", "1.0", VULN_UNDECIDED},
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        enum vuln_cmp got = vuln_version_cmp(t[i].a, t[i].b);
        if (got != t[i].want)
            fail_msg("%s vs %s: got %d, want %d", t[i].a, t[i].b, got, t[i].want);
        /* symmetric */
        enum vuln_cmp back = vuln_version_cmp(t[i].b, t[i].a);
        enum vuln_cmp want_back = t[i].want == VULN_LT   ? VULN_GT
                                  : t[i].want == VULN_GT ? VULN_LT
                                                         : t[i].want;
        if (back != want_back)
            fail_msg("%s vs %s: got %d, want %d", t[i].b, t[i].a, back, want_back);
    }
}

static void test_ranges(void **state)
{
    (void)state;
    struct vuln_range r;
    struct ag_error err;
    char text[400];
    assert_int_equal(vuln_range_parse("v", "<4.6.1", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "V4.5.2"), VULN_IN);
    assert_int_equal(vuln_range_contains(&r, "V4.6.1"), VULN_OUT);
    assert_int_equal(vuln_range_contains(&r, "4.7"), VULN_OUT);
    assert_int_equal(vuln_range_contains(&r, "something"), VULN_MAYBE);
    assert_int_equal(vuln_range_parse("v", "vers:generic/>=1.0|<2.0", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "1.0"), VULN_IN);
    assert_int_equal(vuln_range_contains(&r, "0.9"), VULN_OUT);
    assert_int_equal(vuln_range_contains(&r, "2.0"), VULN_OUT);
    assert_int_equal(vuln_range_contains(&r, "2.0-rc1"), VULN_IN);
    vuln_range_text(&r, text, sizeof(text));
    assert_string_equal(text, ">=1.0 <2.0");
    assert_int_equal(vuln_range_parse("v", ">=1.0 <=2.0", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "2.0"), VULN_IN);
    assert_int_equal(vuln_range_parse("v", ">1.0,<2.0", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "1.0"), VULN_OUT);
    assert_int_equal(vuln_range_parse("v", "<4.5 SP2", &r, &err), AG_OK);
    assert_string_equal(r.max, "4.5 SP2");
    assert_int_equal(vuln_range_contains(&r, "4.5 SP1"), VULN_IN);
    assert_int_equal(vuln_range_parse("v", "*", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "anything"), VULN_IN);
    assert_int_equal(vuln_range_parse("v", "vers:all/*", &r, &err), AG_OK);
    /* "all " was the exact version "all", printed as "all", read back as every version */
    assert_int_equal(vuln_range_parse("v", "all ", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "7.1"), VULN_IN);
    assert_int_equal(vuln_range_contains(&r, "1"), VULN_IN);
    assert_int_equal(vuln_range_parse("v", "=all", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "= *", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "=*", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "< *", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "=3.0.4", &r, &err), AG_OK);
    assert_int_equal(vuln_range_contains(&r, "3.0.4.0"), VULN_IN);
    assert_int_equal(vuln_range_contains(&r, "3.0.5"), VULN_OUT);
    /* errors name the input */
    assert_int_equal(vuln_range_parse("--versions", "", &r, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "--versions"));
    assert_int_equal(vuln_range_parse("v", "<", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "<1 <2", &r, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "twice"));
    assert_int_equal(vuln_range_parse("v", ">=2.0 <1.0", &r, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "empty"));
    assert_int_equal(vuln_range_parse("v", "1.0 <2.0", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "!=1.0", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "vers:/x", &r, &err), AG_EINVAL);
    /* found by fuzz_vuln_import: the type ran up to a later "vers:" and the rest was read as the
       version "vers:g/5", which prints as a range of its own */
    assert_int_equal(vuln_range_parse("v", "vers:.0|x generic/vers:g/5", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "vers:vers:g/5", &r, &err), AG_EINVAL);
    assert_int_equal(vuln_range_parse("v", "=vers:g/5", &r, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "twice"));
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(vuln_product_match("Siemens", "SIMATIC S7-1200 CPU family", "Siemens AG",
                                        "simatic s7 1200 cpu family"),
                     VULN_NAME_SAME);
    assert_int_equal(vuln_product_match("Fabrikam, Inc.", "IPC-220 firmware", "ＦＡＢＲＩＫＡＭ",
                                        "IPC-220  Firmware"),
                     VULN_NAME_SAME);
    assert_int_equal(vuln_product_match("Siemens", "SIMATIC S7-1200 CPU family", "Siemens",
                                        "Siemens SIMATIC S7-1200 CPU family"),
                     VULN_NAME_SAME);
    assert_int_equal(
        vuln_product_match("Siemens", "SIMATIC S7-1200 CPU family", "Siemens", "SIMATIC S7-1200"),
        VULN_NAME_PREFIX);
    assert_int_equal(vuln_product_match("Siemens", "SIMATIC S7-1200", "Siemens", "SIMATIC S7-1500"),
                     VULN_NAME_NO);
    assert_int_equal(
        vuln_product_match("Siemens", "SIMATIC S7-1200", "Schneider", "SIMATIC S7-1200"),
        VULN_NAME_NO);
    assert_int_equal(vuln_product_match("", "x", "", "x"), VULN_NAME_NO);
    assert_int_equal(vuln_product_match("株式会社日立", "製品", "日立 株式会社", "製品"),
                     VULN_NAME_NO);
    assert_int_equal(vuln_product_match("日立 株式会社", "製品 A", "日立", "製品 A"),
                     VULN_NAME_SAME);
}

/* ---- parsers ---- */

static char *slurp(const char *name, size_t *len)
{
    char path[512];
    struct ag_error err;
    char *data;
    const char *dir = getenv("AG_TEST_DATA");
    snprintf(path, sizeof(path), "%s/vuln/%s", dir ? dir : "tests/data", name);
    if (ag_file_read(path, (size_t)1 << 24, &data, len, &err))
        fail_msg("%s", err.msg);
    return data;
}

static const struct vuln_product *product(const struct vuln_entry *e, const char *product,
                                          const char *status, size_t nth)
{
    for (size_t i = 0; i < e->nproducts; i++)
        if (!strcmp(e->products[i].product, product) && !strcmp(e->products[i].status, status) &&
            nth-- == 0)
            return &e->products[i];
    return NULL;
}

static void test_csaf(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp("csaf-ssa-s7-1200.json", &len);
    struct vuln_doc d;
    struct ag_error err;
    assert_int_equal(vuln_doc_parse("ssa.json", data, len, &d, &err), AG_OK);
    assert_string_equal(d.format, "csaf");
    assert_int_equal(d.count, 2);
    const struct vuln_entry *e = &d.entries[0];
    assert_string_equal(e->ident, "CVE-2024-50310");
    assert_string_equal(e->advisory, "SSA-482917");
    assert_string_equal(e->severity, "high");
    assert_true(e->score == 7.5);
    assert_string_equal(e->vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H");
    assert_non_null(strstr(e->description, "concurrent HTTP sessions"));
    const struct vuln_product *p = product(e, "SIMATIC S7-1200 CPU family", "affected", 0);
    assert_non_null(p);
    assert_string_equal(p->vendor, "Siemens");
    assert_string_equal(p->range.max, "4.6.1");
    assert_false(p->range.max_incl);
    assert_string_equal(p->fixed, "4.6.1");
    p = product(e, "SIMATIC S7-1200 CPU family", "unaffected", 0);
    assert_non_null(p);
    assert_string_equal(p->range.exact, "V4.6.1");
    assert_non_null(product(e, "SIMATIC S7-1500 CPU family", "affected", 0));
    assert_non_null(strstr(e->remediation, "vendor_fix: Update SIMATIC S7-1200 CPU family to "
                                           "V4.6.1 or later version (https://"));
    assert_non_null(strstr(e->refs, "https://www.cve.org/CVERecord?id=CVE-2024-50310"));
    assert_non_null(strstr(e->refs, "ssa-482917.json")); /* the document's references too */
    e = &d.entries[1];
    assert_string_equal(e->ident, "CVE-2024-50311");
    assert_string_equal(e->severity, "medium");
    assert_non_null(product(e, "SIMATIC S7-1500 CPU family", "unaffected", 0));
    vuln_doc_release(&d);
    free(data);
}

static void test_cve5(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp("cve5-camera-firmware.json", &len);
    struct vuln_doc d;
    struct ag_error err;
    assert_int_equal(vuln_doc_parse("cam.json", data, len, &d, &err), AG_OK);
    assert_string_equal(d.format, "cve5");
    assert_int_equal(d.count, 1);
    const struct vuln_entry *e = &d.entries[0];
    assert_string_equal(e->ident, "CVE-2024-48902");
    assert_string_equal(e->title, "Command injection in the ONVIF service of Fabrikam IPC network "
                                  "cameras");
    assert_true(e->score == 8.8);
    assert_string_equal(e->severity, "high");
    assert_non_null(strstr(e->description, "OS command injection")); /* English preferred */
    const struct vuln_product *p = product(e, "IPC-220 firmware", "affected", 0);
    assert_non_null(p);
    assert_string_equal(p->range.min, ""); /* version "0": from the first */
    assert_string_equal(p->range.max, "2.9.1");
    assert_string_equal(p->fixed, "2.9.1");
    p = product(e, "IPC-220 firmware", "affected", 1);
    assert_string_equal(p->range.min, "3.0.0");
    assert_string_equal(p->range.max, "3.0.4");
    p = product(e, "IPC-240 firmware", "affected", 0);
    assert_string_equal(p->range.max, "3.1.2");
    assert_true(p->range.max_incl);
    /* defaultStatus unaffected adds nothing; no default on IPC-240 with versions: nothing */
    assert_int_equal(e->nproducts, 3);
    assert_non_null(strstr(e->remediation, "workaround: Restrict access"));
    assert_non_null(strstr(e->refs, "https://jvn.jp/vu/JVNVU99990001/"));
    vuln_doc_release(&d);
    free(data);
}

static void test_nvd(void **state)
{
    (void)state;
    size_t len;
    char *data = slurp("nvd-api-openssl.json", &len);
    struct vuln_doc d;
    struct ag_error err;
    assert_int_equal(vuln_doc_parse("nvd.json", data, len, &d, &err), AG_OK);
    assert_string_equal(d.format, "nvd");
    const struct vuln_entry *e = &d.entries[0];
    assert_string_equal(e->ident, "CVE-2024-4741");
    assert_int_equal(e->nproducts, 2);
    assert_string_equal(e->products[0].vendor, "openssl");
    assert_string_equal(e->products[0].range.min, "3.0.0");
    assert_string_equal(e->products[0].range.max, "3.0.14");
    assert_string_equal(e->products[0].fixed, "3.0.14");
    assert_true(e->score == 5.9);
    vuln_doc_release(&d);
    free(data);
}

/* Each bad document is refused with the file and the JSON path of the problem. */
static void test_parse_errors(void **state)
{
    (void)state;
    static const struct {
        const char *json, *want;
    } t[] = {
        {"not json", "bad.json: line 1"},
        {"[1]", "bad.json: $: the file is not a JSON object"},
        {"{\"x\": 1}", "bad.json: $: neither a CSAF 2.0 advisory"},
        {"{\"document\": {\"csaf_version\": \"2.0\", \"title\": \"t\", \"tracking\": {}}, "
         "\"product_tree\": {}, \"vulnerabilities\": []}",
         "bad.json: $.document.tracking: \"id\" is missing"},
        {"{\"document\": {\"csaf_version\": \"1.2\", \"title\": \"t\", \"tracking\": {\"id\": "
         "\"A\"}}, \"product_tree\": {}, \"vulnerabilities\": [{}]}",
         "$.document.csaf_version: \"1.2\": only CSAF 2.0"},
        {"{\"document\": {\"csaf_version\": \"2.0\", \"title\": \"t\", \"tracking\": {\"id\": "
         "\"A\"}}, \"product_tree\": {\"branches\": [{\"category\": \"vendor\", \"name\": \"V\", "
         "\"product\": {\"product_id\": \"P1\", \"name\": \"p\"}}]}, \"vulnerabilities\": "
         "[{\"cve\": \"CVE-2024-1\", \"product_status\": {\"known_affected\": [\"P1\", \"P9\"]}}]}",
         "bad.json: $.vulnerabilities[0].product_status.known_affected[1]: product id \"P9\" is "
         "not in the product tree"},
        {"{\"document\": {\"csaf_version\": \"2.0\", \"title\": \"t\", \"tracking\": {\"id\": "
         "\"A\"}}, \"product_tree\": {\"branches\": [{\"category\": \"vendor\", \"name\": \"V\", "
         "\"branches\": [{\"category\": \"product_version_range\", \"name\": \"vers:x/<\", "
         "\"product\": {\"product_id\": \"P1\", \"name\": \"p\"}}]}]}, \"vulnerabilities\": "
         "[{\"product_status\": {\"known_affected\": [\"P1\"]}}]}",
         "$.product_tree.branches[0].branches[0]: product_version_range"},
        {"{\"document\": {\"csaf_version\": \"2.0\", \"title\": \"t\", \"tracking\": {\"id\": "
         "\"A\"}}, \"product_tree\": {\"full_product_names\": [{\"product_id\": \"P1\", \"name\": "
         "\"p\"}]}, \"vulnerabilities\": [{\"product_status\": {\"known_affected\": [\"P1\"]}, "
         "\"scores\": [{\"cvss_v3\": {\"baseScore\": 11}}]}]}",
         "$.vulnerabilities[0].scores[0].cvss_v3: baseScore 11 is not from 0 to 10"},
        {"{\"document\": {\"csaf_version\": \"2.0\", \"title\": \"t\", \"tracking\": {\"id\": "
         "\"A\"}}, \"product_tree\": {\"full_product_names\": [{\"product_id\": \"P1\", \"name\": "
         "\"p\"}, {\"product_id\": \"P1\", \"name\": \"q\"}]}, \"vulnerabilities\": [{}]}",
         "product id \"P1\" is defined twice"},
        {"{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": \"CVE-2024-1\", \"state\": "
         "\"PUBLISHED\"}, \"containers\": {\"cna\": {\"affected\": [{\"vendor\": \"V\", "
         "\"product\": \"P\", \"versions\": [{\"version\": \"1\", \"status\": \"broken\"}]}]}}}",
         "bad.json: $.containers.cna.affected[0].versions[0]: status \"broken\""},
        {"{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": \"CVE-2024-1\", \"state\": "
         "\"PUBLISHED\"}, \"containers\": {\"cna\": {\"affected\": [{\"product\": \"P\"}]}}}",
         "$.containers.cna.affected[0]: \"vendor\" is missing"},
        {"{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": \"CVE-2024-1\", \"state\": "
         "\"REJECTED\"}, \"containers\": {\"cna\": {\"affected\": []}}}",
         "$.cveMetadata.state: \"REJECTED\""},
        {"{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": 12, \"state\": "
         "\"PUBLISHED\"}, \"containers\": {}}",
         "$.cveMetadata: \"cveId\" must be a string"},
        {"{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": \"CVE-2024-1\", \"state\": "
         "\"PUBLISHED\"}, \"containers\": {\"cna\": {\"affected\": [{\"vendor\": \"V\", "
         "\"product\": \"P\"}], \"metrics\": [{\"cvssV3_1\": {\"baseScore\": \"high\"}}]}}}",
         "$.containers.cna.metrics[0].cvssV3_1: \"baseScore\" must be a number"},
        {"{\"vulnerabilities\": [{\"cve\": {\"id\": \"CVE-2024-1\", \"configurations\": "
         "[{\"nodes\": [{\"cpeMatch\": [{\"vulnerable\": true, \"criteria\": \"x\"}]}]}]}}]}",
         "$.vulnerabilities[0].cve.configurations[0].nodes[0].cpeMatch[0]: criteria \"x\""},
        {"{\"document\": {}, \"document\": {}}", "bad.json: line 1"}, /* duplicate key */
    };
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct vuln_doc d;
        struct ag_error err;
        ag_error_clear(&err);
        int rc = vuln_doc_parse("bad.json", t[i].json, strlen(t[i].json), &d, &err);
        if (rc != AG_EINVAL)
            fail_msg("case %zu: rc %d", i, rc);
        if (!strstr(err.msg, t[i].want))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, t[i].want);
        assert_int_equal(d.count, 0); /* nothing half-parsed is left */
    }
}

/* ---- the store ---- */

struct fx {
    struct fixture t;
    long long admin, mgr, ciso, other, itadm;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    fixture_init(&f->t, "vuln", "2027-04-02", FIXTURE_ACTOR);
    if (isms_department_add(f->t.st, "fac", "施設部", "Facilities", NULL, NULL, &err) ||
        isms_department_add(f->t.st, "it", "情報システム部", "IT", NULL, NULL, &err))
        return -1;
    struct isms_person_new p[] = {{"admin", "Admin", "", "", "", "fac"},
                                  {"mgr", "Manager", "", "", "", "fac"},
                                  {"ciso", "CISO", "", "", "", NULL},
                                  {"other", "Other", "", "", "", "fac"},
                                  {"itadm", "IT admin", "", "", "", "it"}};
    long long *ids[] = {&f->admin, &f->mgr, &f->ciso, &f->other, &f->itadm};
    for (size_t i = 0; i < 5; i++)
        if (isms_person_add(f->t.st, &p[i], ids[i], &err))
            return -1;
    struct isms_system_new bhs = {
        "BHS", "baggage-handling", "BHS", "", "", "", "", "fac", NULL, true, true};
    struct isms_asset_new a1 = {
        .code = "PLC-01", .system = "BHS", .category = "plc", .name = "PLC 1"};
    struct isms_asset_new a2 = {
        .code = "PLC-02", .system = "BHS", .category = "plc", .name = "PLC 2"};
    struct isms_asset_new a3 = {
        .code = "CAM-01", .system = "BHS", .category = "camera", .name = "Camera 1"};
    if (isms_role_grant(f->t.st, "admin", "sysadmin", "fac", &err) ||
        isms_role_grant(f->t.st, "mgr", "manager", "fac", &err) ||
        isms_role_grant(f->t.st, "ciso", "ciso", NULL, &err) ||
        isms_role_grant(f->t.st, "itadm", "sysadmin", "it", &err) ||
        isms_system_add(f->t.st, &bhs, &err) || isms_asset_add(f->t.st, &a1, &err) ||
        isms_asset_add(f->t.st, &a2, &err) || isms_asset_add(f->t.st, &a3, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    free(f);
    return 0;
}

static long long count(struct fx *f, const char *sql)
{
    sqlite3_stmt *s;
    struct ag_error err;
    long long n = -1;
    if (store_prepare(f->t.st, &s, sql, &err))
        fail_msg("%s", err.msg);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static long long match_of(struct fx *f, const char *ident, const char *asset, char *certainty)
{
    sqlite3_stmt *s;
    struct ag_error err;
    long long id = 0;
    if (store_prepare(f->t.st, &s,
                      "SELECT m.id, m.certainty FROM vuln_matches m JOIN vulns v ON v.id = "
                      "m.vuln_id JOIN assets a ON a.id = m.asset_id WHERE v.ident = ? AND a.code "
                      "= ?",
                      &err))
        fail_msg("%s", err.msg);
    sqlite3_bind_text(s, 1, ident, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, asset, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        id = sqlite3_column_int64(s, 0);
        if (certainty)
            snprintf(certainty, 10, "%s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    return id;
}

static void add_sw(struct fx *f, const char *asset, const char *vendor, const char *product,
                   const char *version)
{
    struct vuln_software_new w = {asset, vendor, product, version, NULL, "entered"};
    struct ag_error err;
    long long id;
    if (vuln_software_add(f->t.st, f->admin, &w, &id, NULL, &err))
        fail_msg("%s", err.msg);
}

static void import(struct fx *f, const char *name)
{
    size_t len;
    char *data = slurp(name, &len);
    struct vuln_import_result res;
    struct ag_error err;
    if (vuln_import_mem(f->t.st, f->admin, name, data, len, &res, &err))
        fail_msg("%s", err.msg);
    free(data);
}

static void test_matching_and_reimport(void **state)
{
    struct fx *f = *state;
    char cert[10];
    add_sw(f, "PLC-01", "Siemens AG", "SIMATIC S7-1200 CPU family", "V4.5.2");
    add_sw(f, "PLC-02", "Siemens", "SIMATIC S7-1200 CPU family", "V4.6.1"); /* fixed */
    add_sw(f, "CAM-01", "Siemens", "SIMATIC S7-1200", "V4.5 SP1");          /* name prefix */
    import(f, "csaf-ssa-s7-1200.json");
    assert_true(match_of(f, "CVE-2024-50310", "PLC-01", cert) > 0);
    assert_string_equal(cert, "affected");
    assert_int_equal(match_of(f, "CVE-2024-50310", "PLC-02", NULL), 0);
    assert_true(match_of(f, "CVE-2024-50310", "CAM-01", cert) > 0);
    assert_string_equal(cert, "to_check");
    assert_int_equal(count(f, "SELECT count(*) FROM vulns"), 2);
    long long m = match_of(f, "CVE-2024-50310", "PLC-01", NULL);
    /* the same advisory again: updated, not duplicated; the match and its plan stay */
    struct vuln_plan p = {.risk = "reachable from the BHS LAN only"};
    struct ag_error err;
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &p, &err), AG_OK);
    size_t len;
    char *data = slurp("csaf-ssa-s7-1200.json", &len);
    struct vuln_import_result res;
    assert_int_equal(vuln_import_mem(f->t.st, f->admin, "again.json", data, len, &res, &err),
                     AG_OK);
    free(data);
    assert_int_equal(res.added, 0);
    assert_int_equal(res.updated, 2);
    assert_int_equal(res.matches_new, 0);
    assert_int_equal(count(f, "SELECT count(*) FROM vulns"), 2);
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_affected"), 6);
    assert_int_equal(match_of(f, "CVE-2024-50310", "PLC-01", NULL), m);
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_matches WHERE risk <> ''"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'import' AND "
                              "entity = 'vulns'"),
                     2);
    /* inventory change: the worked-on match stays (not current), the untouched one goes */
    long long sw = count(f, "SELECT id FROM vuln_software WHERE version = 'V4.5.2'");
    long long sw3 = count(f, "SELECT id FROM vuln_software WHERE version = 'V4.5 SP1'");
    assert_int_equal(vuln_software_remove(f->t.st, f->admin, sw, &err), AG_OK);
    assert_int_equal(vuln_software_remove(f->t.st, f->admin, sw3, &err), AG_OK);
    assert_int_equal(count(f, "SELECT current FROM vuln_matches WHERE id = 1"), 0);
    assert_int_equal(match_of(f, "CVE-2024-50310", "CAM-01", NULL), 0);
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_matches WHERE software_id IS NULL AND "
                              "vendor = 'Siemens AG'"),
                     1);
    /* the other format: a CVE 5 record on the camera */
    add_sw(f, "CAM-01", "Fabrikam", "IPC-220 Firmware", "3.0.3");
    import(f, "cve5-camera-firmware.json");
    assert_true(match_of(f, "CVE-2024-48902", "CAM-01", cert) > 0);
    assert_string_equal(cert, "affected");
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_matches WHERE fixed = '3.0.4'"), 1);
}

static void test_import_is_one_transaction(void **state)
{
    struct fx *f = *state;
    char good[512], bad[512];
    const char *dir = getenv("AG_TEST_DATA");
    snprintf(good, sizeof(good), "%s/vuln/csaf-ssa-s7-1200.json", dir ? dir : "tests/data");
    snprintf(bad, sizeof(bad), "%s/bad.json", f->t.dir);
    FILE *fp = fopen(bad, "w");
    assert_non_null(fp);
    fputs("{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {}}", fp);
    fclose(fp);
    const char *paths[] = {good, bad};
    struct vuln_import_result res;
    struct ag_error err;
    assert_int_equal(vuln_import_files(f->t.st, f->admin, paths, 2, &res, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "bad.json: $.cveMetadata: \"cveId\" is missing"));
    assert_int_equal(count(f, "SELECT count(*) FROM vulns"), 0);
    /* who may import: not a person without a role */
    assert_int_equal(vuln_import_files(f->t.st, f->other, paths, 1, &res, &err), AG_EDENIED);
    assert_int_equal(vuln_import_files(f->t.st, f->admin, paths, 1, &res, &err), AG_OK);
    assert_int_equal(res.added, 2);
}

static void test_close_needs_the_plan(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    add_sw(f, "PLC-01", "Siemens", "SIMATIC S7-1200 CPU family", "4.5.0");
    import(f, "csaf-ssa-s7-1200.json");
    long long m = match_of(f, "CVE-2024-50310", "PLC-01", NULL);
    assert_true(m > 0);
    /* nothing yet: refused, every missing field named */
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "risk, need, method, workaround, impact, due, test"));
    assert_int_equal(vuln_approve(f->t.st, f->mgr, m, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "nothing to approve"));
    /* part of the plan: still open, the rest named */
    struct vuln_plan p1 = {.need = "yes", .method = "update to V4.6.1", .test_needed = "yes"};
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &p1, &err), AG_OK);
    char missing[256];
    assert_int_equal(vuln_plan_missing(f->t.st, m, missing, sizeof(missing), &err), AG_OK);
    assert_string_equal(missing, "risk, workaround, impact, due, test-method, test-due");
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_matches WHERE status = 'open'"), 2);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "test-method, test-due"));
    /* bad values named */
    struct vuln_plan bad = {.need = "maybe"};
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &bad, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "need"));
    struct vuln_plan bad2 = {.due = "2027-02-30"};
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &bad2, &err), AG_EINVAL);
    struct vuln_plan empty = {0};
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &empty, &err), AG_EINVAL);
    /* who: not a sysadmin of another department, not a person without a role */
    struct vuln_plan p2 = {"PLC on the BHS LAN only",
                           NULL,
                           NULL,
                           "web server off",
                           "line stop 30 min",
                           "2027-05-01",
                           NULL,
                           "FAT on a spare",
                           "2027-04-20"};
    assert_int_equal(vuln_plan_set(f->t.st, f->itadm, m, &p2, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "itadm may not"));
    assert_int_equal(vuln_plan_set(f->t.st, f->other, m, &p2, &err), AG_EDENIED);
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &p2, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_matches WHERE status = 'planned'"), 1);
    /* complete but not approved */
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "not approved"));
    /* approval: not the planner (separation of duties), not a sysadmin */
    assert_int_equal(vuln_approve(f->t.st, f->admin, m, &err), AG_EDENIED);
    assert_int_equal(vuln_approve(f->t.st, f->itadm, m, &err), AG_EDENIED);
    assert_int_equal(vuln_approve(f->t.st, f->mgr, m, &err), AG_OK);
    assert_int_equal(vuln_approve(f->t.st, f->ciso, m, &err), AG_ECONFLICT);
    /* a change of the plan withdraws the approval */
    struct vuln_plan later = {.due = "2027-06-01"};
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &later, &err), AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", NULL, &err), AG_EDENIED);
    assert_int_equal(vuln_approve(f->t.st, f->ciso, m, &err), AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", "updated", &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_matches WHERE status = 'done' AND "
                              "closed_by IS NOT NULL"),
                     1);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "is closed"));
    struct vuln_plan after = {.risk = "x"};
    assert_int_equal(vuln_plan_set(f->t.st, f->admin, m, &after, &err), AG_EDENIED);
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'approve' AND entity "
                              "= 'vuln_matches'"),
                     2);
}

static void test_planner_manager_may_not_approve(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    add_sw(f, "PLC-01", "Siemens", "SIMATIC S7-1200 CPU family", "4.5.0");
    import(f, "csaf-ssa-s7-1200.json");
    long long m = match_of(f, "CVE-2024-50311", "PLC-01", NULL);
    struct vuln_plan p = {.risk = "no web server in use", .need = "no"};
    assert_int_equal(vuln_plan_set(f->t.st, f->mgr, m, &p, &err), AG_OK);
    assert_int_equal(vuln_approve(f->t.st, f->mgr, m, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "separation of duties (3.1.4.1(2))"));
    assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'refused' AND entity "
                              "= 'duty'"),
                     1); /* the refusal itself is in the audit trail */
    /* need "no": not done but accepted, with the reason */
    assert_int_equal(vuln_approve(f->t.st, f->ciso, m, &err), AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "done", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "--accept"));
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "accepted", NULL, &err), AG_EINVAL);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "accepted", "web server disabled", &err),
                     AG_OK);
}

static void test_compensating_measures(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    add_sw(f, "PLC-01", "Siemens", "SIMATIC S7-1200 CPU family", "4.5.0");
    import(f, "csaf-ssa-s7-1200.json");
    long long m = match_of(f, "CVE-2024-50310", "PLC-01", NULL);
    long long m2 = match_of(f, "CVE-2024-50311", "PLC-01", NULL);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "accepted", "no patch possible", &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "compensating"));
    assert_int_equal(vuln_compensate(f->t.st, f->admin, m, "firewall", "x", &err), AG_EINVAL);
    assert_int_equal(vuln_compensate(f->t.st, f->admin, m, "isolation", "", &err), AG_EINVAL);
    assert_int_equal(
        vuln_compensate(f->t.st, f->admin, m, "isolation", "102/tcp from SCADA only", &err), AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "accepted", "no patch possible", &err),
                     AG_EDENIED); /* not approved */
    assert_int_equal(vuln_approve(f->t.st, f->admin, m, &err), AG_EDENIED);
    assert_int_equal(vuln_approve(f->t.st, f->mgr, m, &err), AG_OK);
    /* a new measure withdraws the approval */
    assert_int_equal(vuln_compensate(f->t.st, f->admin, m, "allowlist", "whitelisting", &err),
                     AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "accepted", "no patch possible", &err),
                     AG_EDENIED);
    assert_int_equal(vuln_approve(f->t.st, f->mgr, m, &err), AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m, "accepted", "no patch possible", &err),
                     AG_OK);
    /* not affected: needs only the justification, no approval */
    assert_int_equal(vuln_close(f->t.st, f->admin, m2, "not_affected", NULL, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "justification"));
    assert_int_equal(
        vuln_close(f->t.st, f->admin, m2, "not_affected", "login page not exposed", &err), AG_OK);
    assert_int_equal(vuln_close(f->t.st, f->admin, m2, "sideways", "x", &err), AG_EINVAL);
    long long id;
    assert_int_equal(vuln_review(f->t.st, f->admin, "monthly check", &id, &err), AG_OK);
    assert_int_equal(vuln_review(f->t.st, f->other, NULL, &id, &err), AG_EDENIED);
}

static void test_software_csv(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    int added, skipped, matches;
    static const struct {
        const char *csv, *want;
    } bad[] = {
        {"asset,vendor,product\nPLC-01,S,P\n", "line 1, column 4: the header"},
        {"asset,vendor,product,version\nPLC-01,S,P,1\nPLC-99,S,P,1\n",
         "inv.csv: line 3, column 1 (asset)"},
        {"asset,vendor,product,version\nPLC-01,,P,1\n",
         "inv.csv: line 2, column 2 (vendor): empty"},
        {"asset,vendor,product,version,cpe\nPLC-01,S,P,1,xyz\n", "inv.csv: line 2, column 5 (cpe)"},
        {"asset,vendor,product,version\nPLC-01,S,P,1,extra\n", "line 2, column 5: more columns"},
        {"asset,vendor,product,version\nPLC-01,\"S,P,1\n", "inv.csv: row 2"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int rc = vuln_software_import_csv(f->t.st, f->admin, "inv.csv", bad[i].csv,
                                          strlen(bad[i].csv), &added, &skipped, &matches, &err);
        if (rc == AG_OK || !strstr(err.msg, bad[i].want))
            fail_msg("case %zu: rc %d, \"%s\" lacks \"%s\"", i, rc, err.msg, bad[i].want);
    }
    assert_int_equal(count(f, "SELECT count(*) FROM vuln_software"), 0); /* nothing half-done */
    const char *good = "\xEF\xBB\xBF"
                       "Asset,Vendor,Product,Version,CPE\r\n"
                       "PLC-01,Siemens,SIMATIC S7-1200 CPU family,V4.5.2,\r\n"
                       "PLC-02,Siemens,SIMATIC S7-1200 CPU family,V4.6.1,\r\n"
                       "\r\n";
    assert_int_equal(vuln_software_import_csv(f->t.st, f->admin, "inv.csv", good, strlen(good),
                                              &added, &skipped, &matches, &err),
                     AG_OK);
    assert_int_equal(added, 2);
    assert_int_equal(vuln_software_import_csv(f->t.st, f->admin, "inv.csv", good, strlen(good),
                                              &added, &skipped, &matches, &err),
                     AG_OK);
    assert_int_equal(added, 0);
    assert_int_equal(skipped, 2);
    assert_int_equal(vuln_software_import_csv(f->t.st, f->itadm, "inv.csv", good, strlen(good),
                                              &added, &skipped, &matches, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "line 2"));
    struct strbuf sb;
    strbuf_init(&sb, 0);
    assert_int_equal(vuln_software_csv(f->t.st, NULL, &sb, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&sb), "\"PLC-02\",\"Siemens\",\"SIMATIC S7-1200 CPU "
                                            "family\",\"V4.6.1\""));
    strbuf_release(&sb);
    /* by hand: a duplicate is a conflict; a bad cpe named */
    struct vuln_software_new dup = {"PLC-01", "Siemens", "SIMATIC S7-1200 CPU family",
                                    "V4.5.2", NULL,      "entered"};
    long long id;
    assert_int_equal(vuln_software_add(f->t.st, f->admin, &dup, &id, NULL, &err), AG_ECONFLICT);
    /* a hand-entered vulnerability (JVN) matches at once */
    struct vuln_new v = {
        "JVNDB-2027-000123",          "Buffer overflow", NULL, NULL, "6.5", NULL, "Siemens",
        "SIMATIC S7-1200 CPU family", ">=4.0 <4.6",      NULL, NULL, NULL};
    assert_int_equal(vuln_add(f->t.st, f->admin, &v, &id, &matches, &err), AG_OK);
    assert_int_equal(matches, 1);
    assert_int_equal(count(f, "SELECT count(*) FROM vulns WHERE severity = 'medium' AND source = "
                              "'entered'"),
                     1);
    assert_int_equal(vuln_add(f->t.st, f->admin, &v, &id, &matches, &err), AG_ECONFLICT);
    struct vuln_new bad_id = v;
    bad_id.ident = "x y";
    assert_int_equal(vuln_add(f->t.st, f->admin, &bad_id, &id, &matches, &err), AG_EINVAL);
    struct strbuf out;
    strbuf_init(&out, 0);
    struct vuln_filter fl = {.asset = "PLC-01"};
    assert_int_equal(vuln_matches_csv(f->t.st, &fl, &out, &err), AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "JVNDB-2027-000123"));
    strbuf_release(&out);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_table),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_csaf),
        cmocka_unit_test(test_cve5),
        cmocka_unit_test(test_nvd),
        cmocka_unit_test(test_parse_errors),
        T(test_matching_and_reimport),
        T(test_import_is_one_transaction),
        T(test_close_needs_the_plan),
        T(test_planner_manager_may_not_approve),
        T(test_compensating_measures),
        T(test_software_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
