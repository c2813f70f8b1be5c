/*
 * test_oui.c — the IEEE registry reader (src/netwatch/oui.c): vendors of known industrial OUIs
 * from Debian's real ieee-data files, the longest prefix winning (MA-S over MA-M over MA-L),
 * locally administered and group addresses, and hand-written CSV files: quoted fields with
 * commas, doubled quotes and line breaks, CRLF, duplicates (the first line wins), invalid UTF-8,
 * and errors that name the file and the line (unterminated quote, bad assignment, too few
 * fields, a file that is not a registry, a missing oui.csv).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netwatch/netwatch.h"

#define IEEE_DIR "/usr/share/ieee-data"

static const char *vendor(const struct nw_oui *o, const char *mac)
{
    unsigned v[6];
    assert_int_equal(sscanf(mac, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]), 6);
    uint8_t m[6];
    for (int i = 0; i < 6; i++)
        m[i] = (uint8_t)v[i];
    return nw_oui_vendor(o, m);
}

static void test_real_registry(void **state)
{
    (void)state;
    struct nw_oui *o;
    struct ag_error err = {0};
    int rc = nw_oui_load(NULL, &o, &err); /* the default folder */
    if (rc != 0)
        fail_msg("ieee-data: %s", err.msg);
    assert_string_equal(vendor(o, "00:0e:8c:12:34:56"), "Siemens AG");
    assert_string_equal(vendor(o, "00:1b:1b:00:00:01"), "Siemens AG,"); /* as the IEEE spells it */
    assert_string_equal(vendor(o, "00:00:bc:aa:bb:cc"), "Rockwell Automation");
    assert_string_equal(vendor(o, "00:11:00:01:02:03"), "Schneider Electric");
    assert_string_equal(vendor(o, "F4:BD:9E:00:00:00"), "Cisco Systems, Inc"); /* quoted */
    assert_string_equal(vendor(o, "00:1e:fc:00:00:00"), "JSC \"MASSA-K\"");    /* "" in quotes */
    /* MA-M (28 bits) inside an MA-L block of the registration authority */
    assert_string_equal(vendor(o, "20:85:93:b0:00:01"), "IOG Products LLC");
    assert_string_equal(vendor(o, "20:85:93:a0:00:01"), "H3 Industries, Inc.");
    /* MA-S (36 bits) */
    assert_string_equal(vendor(o, "70:b3:d5:f2:f0:01"), "TELEPLATFORMS");
    assert_string_equal(vendor(o, "70:b3:d5:71:9f:ff"), "2M Technology");
    /* a locally administered address, a group address, an unassigned block */
    assert_null(vendor(o, "02:0e:8c:12:34:56"));
    assert_null(vendor(o, "01:0e:cf:00:00:00"));
    assert_null(vendor(o, "ff:ff:ff:ff:ff:ff"));
    nw_oui_free(o);
}

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_files(void)
{
    static const char *names[] = {"oui.csv", "mam.csv", "oui36.csv", "iab.csv"};
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++) {
        char path[128];
        snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_oui.XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_files();
    rmdir(tmpdir);
    return 0;
}

#define HEADER "Registry,Assignment,Organization Name,Organization Address\r\n"

static void test_handwritten(void **state)
{
    (void)state;
    remove_files();
    write_file("oui.csv", HEADER "MA-L,001122,\"Acme, Inc.\",\"1 Road\r\nSecond line\"\r\n"
                                 "MA-L,ACBBCC,Plain Co,addr\r\n"
                                 "\r\n"
                                 "MA-L,001122,Duplicate Later,addr\r\n"
                                 "MA-L,a0b0c0,\"Quote \"\"Q\"\" Ltd\",\r\n"
                                 "MA-L,101010,  Spaced\tOut  Name  ,x\r\n"
                                 "MA-L,202020,Bad \xff\xfe UTF,x\r\n"
                                 "MA-L,303030,Caf\xc3\xa9 GmbH,x\r\n"
                                 "MA-L,404040,\"\",x\r\n"
                                 "MA-L,505050,No Newline At End,x");
    write_file("mam.csv", HEADER "MA-M,0011223,Medium Block,x\n");
    write_file("iab.csv", HEADER "IAB,001122334,Small Block,x\n");
    struct nw_oui *o;
    struct ag_error err = {0};
    int rc = nw_oui_load(tmpdir, &o, &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(vendor(o, "00:11:22:00:00:00"), "Acme, Inc.");
    assert_string_equal(vendor(o, "00:11:22:3f:00:00"), "Medium Block");
    assert_string_equal(vendor(o, "00:11:22:33:40:00"), "Small Block");
    assert_string_equal(vendor(o, "00:11:22:33:50:00"), "Medium Block");
    assert_string_equal(vendor(o, "ac:bb:cc:01:02:03"), "Plain Co");
    assert_string_equal(vendor(o, "a0:b0:c0:01:02:03"), "Quote \"Q\" Ltd");
    assert_string_equal(vendor(o, "10:10:10:00:00:00"), "Spaced Out Name");
    assert_string_equal(vendor(o, "20:20:20:00:00:00"), "Bad ?? UTF");
    assert_string_equal(vendor(o, "30:30:30:00:00:00"), "Caf\xc3\xa9 GmbH");
    assert_null(vendor(o, "40:40:40:00:00:00")); /* an empty name is no vendor */
    assert_string_equal(vendor(o, "50:50:50:00:00:00"), "No Newline At End");
    /* two blocks of one vendor share the interned string */
    assert_ptr_equal(vendor(o, "00:11:22:00:00:00"), vendor(o, "00:11:22:01:00:00"));
    nw_oui_free(o);
}

static void expect_error(const char *oui, const char *mam, const char *want)
{
    remove_files();
    if (oui)
        write_file("oui.csv", oui);
    if (mam)
        write_file("mam.csv", mam);
    struct nw_oui *o = NULL;
    struct ag_error err = {0};
    int rc = nw_oui_load(tmpdir, &o, &err);
    assert_true(rc < 0);
    assert_null(o);
    if (!strstr(err.msg, want))
        fail_msg("error \"%s\" lacks \"%s\"", err.msg, want);
}

static void test_errors(void **state)
{
    (void)state;
    char want[256];
    /* the line of a record that spans lines is its first */
    snprintf(want, sizeof(want), "%s/oui.csv:4: unterminated quoted field", tmpdir);
    expect_error(HEADER "MA-L,001122,\"A\nB\",x\nMA-L,001123,\"Open,x\n\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:3: bad assignment \"00112\"", tmpdir);
    expect_error(HEADER "MA-L,001122,A,x\nMA-L,00112,B,x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: bad assignment \"00112G\"", tmpdir);
    expect_error(HEADER "MA-L,00112G,B,x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/mam.csv:2: 2 field(s)", tmpdir);
    expect_error(HEADER "MA-L,001122,A,x\n", HEADER "MA-M,0011223\n", want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: a quote inside an unquoted field", tmpdir);
    expect_error(HEADER "MA-L,001122,A \"B\",x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: text after the closing quote", tmpdir);
    expect_error(HEADER "MA-L,001122,\"A\"B,x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: more than 4 fields", tmpdir);
    expect_error(HEADER "MA-L,001122,A,B,C\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv: not an IEEE registry file", tmpdir);
    expect_error("\x89PNG\r\n\x1a\n", NULL, want);
    expect_error("", NULL, want);
    /* oui.csv is required; the others are not */
    snprintf(want, sizeof(want), "%s/oui.csv", tmpdir);
    expect_error(NULL, HEADER "MA-M,0011223,A,x\n", want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_registry),
        cmocka_unit_test(test_handwritten),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
