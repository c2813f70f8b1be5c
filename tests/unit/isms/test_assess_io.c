/*
 * test_assess_io.c — the self-inspection sheet readers and writers: the RFC 4180 CSV reader, the
 * XLSX writer read back by the XLSX reader (shared strings), workbooks as other programs write
 * them (inline strings, rich text with Japanese phonetic guides, namespace prefixes, cells
 * without references, numbers), hostile workbooks, and the validation that names row and
 * column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "isms/assess_int.h"

static struct assess_grid *csv(const char *text, int want_rc, const char *want_msg)
{
    struct assess_grid *g = NULL;
    struct ag_error err;
    ag_error_clear(&err);
    assert_int_equal(assess_csv_parse(text, strlen(text), &g, &err), want_rc);
    if (want_msg && !strstr(err.msg, want_msg))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, want_msg);
    return g;
}

static void test_csv_rfc4180(void **state)
{
    (void)state;
    struct assess_grid *g = csv("\xEF\xBB\xBF"
                                "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
                                "\"multi\r\nline\",,x\n"
                                "last,\"\"\r"
                                "tail",
                                AG_OK, NULL);
    assert_string_equal(assess_grid_get(g, 1, 1), "a"); /* the BOM is not part of the text */
    assert_string_equal(assess_grid_get(g, 1, 2), "b,c");
    assert_string_equal(assess_grid_get(g, 1, 3), "say \"hi\"");
    assert_string_equal(assess_grid_get(g, 2, 1), "multi\r\nline");
    assert_string_equal(assess_grid_get(g, 2, 2), "");
    assert_string_equal(assess_grid_get(g, 2, 3), "x");
    assert_string_equal(assess_grid_get(g, 3, 1), "last");
    assert_string_equal(assess_grid_get(g, 4, 1), "tail");
    assert_int_equal(assess_grid_rows(g), 4);
    assess_grid_free(g);
    g = csv("", AG_OK, NULL);
    assert_int_equal(assess_grid_rows(g), 0);
    assess_grid_free(g);
}

static void test_csv_errors_name_row_and_column(void **state)
{
    (void)state;
    assert_null(csv("a,b\r\nc,\"open", AG_EINVAL, "row 2, column 2: a quoted field is not closed"));
    assert_null(csv("a,\"b\"x\r\n", AG_EINVAL, "row 1, column 2: text after the closing quote"));
    assert_null(csv("a\r\nb,c,d\"e\r\n", AG_EINVAL, "row 2, column 3: a quote inside"));
    /* Shift_JIS (Excel's default "CSV") is refused with the way out */
    assert_null(
        csv("a\r\n\x8E\xC0\x8E\x7B\r\n", AG_EINVAL, "row 2, column 1: the text is not UTF-8"));
    const char nul[] = "a,b\0c\r\n";
    struct assess_grid *g = NULL;
    struct ag_error err;
    assert_int_equal(assess_csv_parse(nul, sizeof(nul) - 1, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "row 1, column 2"));
    /* caps */
    struct strbuf sb;
    strbuf_init(&sb, 0);
    for (int i = 0; i <= ASSESS_MAX_ROWS + 1; i++)
        strbuf_adds(&sb, "x\n");
    assert_int_equal(assess_csv_parse(sb.buf, sb.len, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "rows"));
    strbuf_reset(&sb);
    for (size_t i = 0; i <= ASSESS_MAX_CELL; i++)
        strbuf_addc(&sb, 'y');
    assert_int_equal(assess_csv_parse(sb.buf, sb.len, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "longer than"));
    strbuf_release(&sb);
}

static struct assess_grid *sample_grid(void)
{
    struct assess_grid *g = calloc(1, sizeof(*g));
    struct ag_error err;
    static const struct {
        unsigned r, c;
        const char *t;
    } cells[] = {
        {1, 1, "自己点検票 / Self-inspection sheet"},
        {4, 1, ASSESS_SHEET_LABEL},
        {4, 2, "12"},
        {7, 2, "3.3.1.1-1.m3"},
        {7, 5, "取扱者は、自己点検を実施すること。"},
        {7, 7, "一部実施"},
        {7, 8, "comma, \"quote\" and\nline"},
        {8, 2, "3.1.1.m1"},
        {8, 8, "=SUM(A1)"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(cells); i++)
        assert_int_equal(
            assess_grid_set(g, cells[i].r, cells[i].c, cells[i].t, strlen(cells[i].t), &err),
            AG_OK);
    for (unsigned c = 1; c <= ASSESS_NCOLS; c++)
        assert_int_equal(assess_grid_set(g, ASSESS_ROW_HEADER, c, assess_col_names[c],
                                         strlen(assess_col_names[c]), &err),
                         AG_OK);
    assert_int_equal(assess_grid_finish(g, &err), AG_OK);
    return g;
}

static void read_file(const char *path, char **data, size_t *len)
{
    struct ag_error err;
    assert_int_equal(ag_file_read(path, 1 << 24, data, len, &err), AG_OK);
}

static void same_grid(const struct assess_grid *a, const struct assess_grid *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_int_equal(a->cells[i].row, b->cells[i].row);
        assert_int_equal(a->cells[i].col, b->cells[i].col);
        assert_string_equal(a->cells[i].text, b->cells[i].text);
    }
}

static void test_xlsx_roundtrip_shared_strings(void **state)
{
    (void)state;
    char path[] = "/tmp/ag-assess-io-XXXXXX";
    assert_non_null(mkdtemp(path));
    char file[96], *data;
    size_t len;
    struct ag_error err;
    struct assess_grid *g = sample_grid(), *back = NULL;
    snprintf(file, sizeof(file), "%s/s.xlsx", path);
    assert_int_equal(assess_xlsx_write(g, file, &err), AG_OK);
    read_file(file, &data, &len);
    assert_int_equal(assess_xlsx_parse(data, len, &back, &err), AG_OK);
    same_grid(g, back);
    assess_grid_free(back);
    free(data);
    /* the CSV writer round-trips too, except the formula guard (a leading ' on =SUM) */
    snprintf(file, sizeof(file), "%s/s.csv", path);
    assert_int_equal(assess_csv_write(g, file, &err), AG_OK);
    read_file(file, &data, &len);
    assert_int_equal(assess_csv_parse(data, len, &back, &err), AG_OK);
    assert_string_equal(assess_grid_get(back, 7, 8), "comma, \"quote\" and\nline");
    assert_string_equal(assess_grid_get(back, 8, 8), "'=SUM(A1)");
    assert_string_equal(assess_grid_get(back, 7, 5), "取扱者は、自己点検を実施すること。");
    assess_grid_free(back);
    free(data);
    assess_grid_free(g);
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

static void test_xlsx_inline_strings(void **state)
{
    (void)state;
    /* libxlsxwriter's constant_memory mode writes inline strings (<is><t>), as some programs
     * that save .xlsx do */
    char dir[] = "/tmp/ag-assess-inl-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/inline.xlsx", dir);
    lxw_workbook_options o = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    worksheet_write_string(ws, 3, 0, ASSESS_SHEET_LABEL, NULL);
    worksheet_write_number(ws, 3, 1, 12, NULL);
    worksheet_write_string(ws, 6, 1, "3.3.1.1-1.m3", NULL);
    worksheet_write_string(ws, 6, 6, "該当なし", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    char *data;
    size_t len;
    struct assess_grid *g = NULL;
    struct ag_error err;
    read_file(path, &data, &len);
    assert_int_equal(assess_xlsx_parse(data, len, &g, &err), AG_OK);
    assert_string_equal(assess_grid_get(g, 4, 1), ASSESS_SHEET_LABEL);
    assert_string_equal(assess_grid_get(g, 4, 2), "12"); /* a number cell */
    assert_string_equal(assess_grid_get(g, 7, 2), "3.3.1.1-1.m3");
    assert_string_equal(assess_grid_get(g, 7, 7), "該当なし");
    assess_grid_free(g);
    free(data);
    unlink(path);
    rmdir(dir);
}

/* A zip in memory with the given members (name, text pairs, NULL-terminated). */
static void make_zip(const char *const *members, char **out, size_t *len)
{
    char path[] = "/tmp/ag-assess-zip-XXXXXX";
    int fd = mkstemp(path), zerr;
    assert_true(fd >= 0);
    close(fd);
    zip_t *z = zip_open(path, ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    for (size_t i = 0; members[i]; i += 2) {
        zip_source_t *s = zip_source_buffer(z, members[i + 1], strlen(members[i + 1]), 0);
        assert_true(zip_file_add(z, members[i], s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    read_file(path, out, len);
    unlink(path);
}

static int parse_members(const char *const *members, struct assess_grid **g, struct ag_error *err)
{
    char *data;
    size_t len;
    make_zip(members, &data, &len);
    int rc = assess_xlsx_parse(data, len, g, err);
    free(data);
    return rc;
}

static void test_xlsx_as_excel_writes_it(void **state)
{
    (void)state;
    static const char *const members[] = {
        "xl/sharedStrings.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
        "spreadsheetml/2006/main\" count=\"2\" uniqueCount=\"2\"><si><t>実施</t><rPh sb=\"0\" "
        "eb=\"2\"><t>ジッシ</t></rPh><phoneticPr fontId=\"1\"/></si><si><r><rPr><b/></rPr><t>rich "
        "</t></r><r><t xml:space=\"preserve\">text &amp; more</t></r></si></sst>",
        "xl/worksheets/sheet1.xml",
        "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
        "spreadsheetml/2006/main\"><x:sheetData><x:row r=\"2\"><x:c t=\"s\"><x:v>0</x:v></x:c>"
        "<x:c t=\"s\"><x:v>1</x:v></x:c><x:c><x:v>3.5</x:v></x:c></x:row><x:row><x:c "
        "t=\"str\"><x:f>A2</x:f><x:v>formula</x:v></x:c><x:c r=\"D3\" t=\"b\"><x:v>1</x:v></x:c>"
        "<x:c r=\"E3\" t=\"inlineStr\"><x:is><x:t>in</x:t><x:rPh><x:t>イン</x:t></x:rPh>"
        "</x:is></x:c><x:c r=\"F3\"/></x:row></x:sheetData></x:worksheet>",
        NULL,
    };
    struct assess_grid *g = NULL;
    struct ag_error err;
    assert_int_equal(parse_members(members, &g, &err), AG_OK);
    assert_string_equal(assess_grid_get(g, 2, 1), "実施"); /* without the ふりがな */
    assert_string_equal(assess_grid_get(g, 2, 2), "rich text & more");
    assert_string_equal(assess_grid_get(g, 2, 3), "3.5");
    assert_string_equal(assess_grid_get(g, 3, 1), "formula"); /* row without r follows row 2 */
    assert_string_equal(assess_grid_get(g, 3, 4), "TRUE");
    assert_string_equal(assess_grid_get(g, 3, 5), "in");
    assert_string_equal(assess_grid_get(g, 3, 6), "");
    assess_grid_free(g);
}

static void test_xlsx_hostile(void **state)
{
    (void)state;
    struct assess_grid *g = NULL;
    struct ag_error err;
    assert_int_equal(assess_xlsx_parse("PK\x03\x04garbage", 13, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "not an .xlsx"));
    static const char *const no_sheet[] = {"xl/workbook.xml", "<workbook/>", NULL};
    assert_int_equal(parse_members(no_sheet, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "sheet1.xml"));
    static const char *const doctype[] = {
        "xl/worksheets/sheet1.xml",
        "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet><sheetData><row><c "
        "t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>",
        NULL};
    assert_int_equal(parse_members(doctype, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "DOCTYPE"));
    static const char *const bad_index[] = {"xl/sharedStrings.xml", "<sst><si><t>a</t></si></sst>",
                                            "xl/worksheets/sheet1.xml",
                                            "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
                                            "t=\"s\"><v>7</v></c></row></sheetData></worksheet>",
                                            NULL};
    assert_int_equal(parse_members(bad_index, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "row 1, column 1"));
    static const char *const far_row[] = {
        "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row r=\"99999\"><c><v>1</v></c></row></sheetData></worksheet>",
        NULL};
    assert_int_equal(parse_members(far_row, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "rows"));
    static const char *const bad_ref[] = {
        "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row><c r=\"1A\"><v>1</v></c></row></sheetData></worksheet>", NULL};
    assert_int_equal(parse_members(bad_ref, &g, &err), AG_EINVAL);
    static const char *const broken[] = {"xl/worksheets/sheet1.xml", "<worksheet><sheetData>",
                                         NULL};
    assert_int_equal(parse_members(broken, &g, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "line 1"));
}

/* A valid import grid for sheet 12 with items a and b, then one change. */
static struct assess_grid *import_grid(unsigned r, unsigned c, const char *text, unsigned r2,
                                       unsigned c2, const char *text2)
{
    struct assess_grid *g = calloc(1, sizeof(*g));
    struct ag_error err;
#define SET(rr, cc, t) assert_int_equal(assess_grid_set(g, rr, cc, t, strlen(t), &err), AG_OK)
    SET(4, 1, ASSESS_SHEET_LABEL);
    SET(4, 2, "12");
    for (unsigned k = 1; k <= ASSESS_NCOLS; k++)
        SET(ASSESS_ROW_HEADER, k, assess_col_names[k]);
    SET(7, 2, "a");
    SET(7, 7, "実施");
    SET(8, 2, "b");
    SET(8, 7, " 該当なし ");
    SET(8, 8, "対象システムなし");
    if (r)
        SET(r, c, text);
    if (r2)
        SET(r2, c2, text2);
#undef SET
    assert_int_equal(assess_grid_finish(g, &err), AG_OK);
    return g;
}

static void check_import2(unsigned r, unsigned c, const char *text, unsigned r2, unsigned c2,
                          const char *text2, const char *want)
{
    static const char *const items[] = {"a", "b", "c"};
    struct assess_grid *g = import_grid(r, c, text, r2, c2, text2);
    struct assess_import imp;
    struct ag_error err;
    int rc = assess_import_validate(g, 12, items, 3, &imp, &err);
    if (!want) {
        if (rc != AG_OK)
            fail_msg("row %u, column %u, \"%s\": refused: %s", r, c, text, err.msg);
        assess_import_release(&imp);
    } else {
        assert_int_equal(rc, AG_EINVAL);
        if (!strstr(err.msg, want))
            fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
        assert_null(imp.rows);
    }
    assess_grid_free(g);
}

static void check_import(unsigned r, unsigned c, const char *text, const char *want)
{
    check_import2(r, c, text, 0, 0, NULL, want);
}

static void test_import_validation(void **state)
{
    (void)state;
    static const char *const items[] = {"a", "b", "c"};
    struct assess_grid *g = import_grid(0, 0, NULL, 0, 0, NULL);
    struct assess_import imp;
    struct ag_error err;
    assert_int_equal(assess_import_validate(g, 12, items, 3, &imp, &err), AG_OK);
    assert_int_equal(imp.count, 2);
    assert_string_equal(imp.rows[0].item, "a");
    assert_int_equal(imp.rows[0].answer, ASSESS_IMPLEMENTED);
    assert_int_equal(imp.rows[1].answer, ASSESS_NOT_APPLICABLE);
    assert_string_equal(imp.rows[1].comment, "対象システムなし");
    assess_import_release(&imp);
    assert_int_equal(assess_import_validate(g, 13, items, 3, &imp, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "row 4, column B"));
    assess_grid_free(g);

    check_import(9, 2, "z", "row 9, column B (項目ID / item id): \"z\" is not an item of sheet 12");
    check_import(9, 2, "a", "row 9, column B (項目ID / item id): \"a\" appears a second time");
    check_import(8, 7, "はい", "row 8, column G (回答 / answer): \"はい\" is not one of");
    check_import(9, 7, "実施", "row 9, column B (項目ID / item id): empty");
    check_import(9, 2, "c", NULL);                 /* an item without answer is fine */
    check_import(9, 8, "note", "row 9, column B"); /* a comment on a row without item */
    check_import2(9, 2, "c", 9, 8, "note",
                  "row 9, column G (回答 / answer): empty, but the row has a comment");
    check_import(8, 8, "bad\x01", "row 8, column H (コメント / comment)");
    check_import(6, 7, "answer", "row 6, column G (回答 / answer): expected the header");
    check_import(4, 1, "something", "row 4, column A");
    check_import(20, 12, "beyond the layout", NULL); /* columns past H are ignored */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_rfc4180),
        cmocka_unit_test(test_csv_errors_name_row_and_column),
        cmocka_unit_test(test_xlsx_roundtrip_shared_strings),
        cmocka_unit_test(test_xlsx_inline_strings),
        cmocka_unit_test(test_xlsx_as_excel_writes_it),
        cmocka_unit_test(test_xlsx_hostile),
        cmocka_unit_test(test_import_validation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
