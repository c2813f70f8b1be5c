/*
 * test_assess_wb.c — the self-inspection workbook (assess_workbook.c, assess_wb_import.c) on the
 * demo airport: what is written (a summary and a sheet per department, the campaign cells, the
 * COUNTIFS formulas and cached results equal to assess_report_compute), the multi-sheet reader
 * reading it back, the validation of every kind of bad cell (named by sheet, row and column), and
 * the import: answers land on their respondents' sheets, who may import, nothing changes twice. The
 * demo store is built once; each test works on a fresh copy of it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>
#include <zip.h>

#include "isms/assess_int.h"

struct fx {
    char dir[64], pristine[96], db[96], xlsx[96];
    struct store *st;
    struct catalog *cat;
};
static struct fx *g_fx;

static int group_setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    char sql[160];
    (void)state;
    isms_register_messages(); /* the workbook's texts (the summary's 全体 row) */
    setenv("AIRGUARD_NOW", "2026-11-26T12:00:00Z", 1);
    snprintf(f->dir, sizeof(f->dir), "/tmp/ag-test-wb-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->pristine, sizeof(f->pristine), "%s/pristine.db", f->dir);
    snprintf(f->db, sizeof(f->db), "%s/demo.db", f->dir);
    snprintf(f->xlsx, sizeof(f->xlsx), "%s/wb.xlsx", f->dir);
    assert_int_equal(catalog_load_default(&f->cat, &err), AG_OK);
    assert_int_equal(store_open(&f->st, f->db, STORE_CREATE, &err), AG_OK);
    assert_int_equal(store_migrate(f->st, NULL, &err), AG_OK);
    if (isms_demo(f->st, f->cat, &err) != AG_OK)
        fail_msg("demo: %s", err.msg);
    snprintf(sql, sizeof(sql), "VACUUM INTO '%s'", f->pristine);
    assert_int_equal(store_exec(f->st, sql, &err), AG_OK);
    store_free(f->st);
    f->st = NULL;
    g_fx = f;
    return 0;
}

static int group_teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g_fx->dir);
    assert_int_equal(system(cmd), 0);
    catalog_free(g_fx->cat);
    free(g_fx);
    return 0;
}

/* A fresh copy of the demo store, opened, actor "test". */
static int setup(void **state)
{
    struct fx *f = g_fx;
    struct ag_error err;
    char *data;
    size_t len;
    assert_int_equal(ag_file_read(f->pristine, (size_t)1 << 30, &data, &len, &err), AG_OK);
    unlink(f->db);
    assert_int_equal(ag_file_write_atomic(f->db, data, len, &err), AG_OK);
    free(data);
    assert_int_equal(store_open(&f->st, f->db, 0, &err), AG_OK);
    store_set_actor(f->st, "test");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_free(f->st);
    f->st = NULL;
    return 0;
}

static long long pid(struct fx *f, const char *login)
{
    long long id = 0;
    struct ag_error err;
    assert_int_equal(isms_person_id(f->st, login, &id, &err), AG_OK);
    return id;
}

static struct assess_book *read_book(const char *path)
{
    struct assess_book *b = NULL;
    struct ag_error err;
    char *data;
    size_t len;
    assert_int_equal(ag_file_read(path, ASSESS_IMPORT_MAX_BYTES, &data, &len, &err), AG_OK);
    if (assess_xlsx_parse_book(data, len, &b, &err) != AG_OK)
        fail_msg("%s", err.msg);
    free(data);
    return b;
}

static char *member(const char *path, const char *name)
{
    int zerr;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    assert_non_null(z);
    zip_stat_t zs;
    assert_int_equal(zip_stat(z, name, 0, &zs), 0);
    char *buf = calloc(1, zs.size + 1);
    zip_file_t *zf = zip_fopen(z, name, 0);
    assert_non_null(zf);
    assert_int_equal(zip_fread(zf, buf, zs.size), (zip_int64_t)zs.size);
    zip_fclose(zf);
    zip_discard(z);
    return buf;
}

static long num(const struct assess_grid *g, unsigned r, unsigned c)
{
    return strtol(assess_grid_get(g, r, c), NULL, 10);
}

/* The summary row of a department (or "全体") in the summary grid, 0 if absent. */
static unsigned summary_row(const struct assess_grid *g, const char *key)
{
    for (unsigned r = ASSESS_WB_ROW_FIRST; r <= assess_grid_rows(g); r++)
        if (strcmp(assess_grid_get(g, r, 1), key) == 0)
            return r;
    return 0;
}

static void same_tally(const struct assess_grid *g, unsigned r, unsigned c0,
                       const struct assess_tally *t)
{
    assert_int_equal(num(g, r, c0), t->implemented);
    assert_int_equal(num(g, r, c0 + 1), t->partial);
    assert_int_equal(num(g, r, c0 + 2), t->not_implemented);
    assert_int_equal(num(g, r, c0 + 3), t->not_applicable);
    assert_int_equal(num(g, r, c0 + 4), t->unanswered);
    double want = assess_tally_rate(t);
    const char *got = assess_grid_get(g, r, c0 + 5);
    if (want < 0)
        assert_string_equal(got, "-");
    else if (fabs(strtod(got, NULL) * 100 - want) > 1e-9)
        fail_msg("row %u: cached rate %s, report %f", r, got, want);
}

static void test_write_summary_equals_report(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct assess_workbook_stats ws;
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 0, 0, NULL, f->xlsx, AG_LANG_JA, &ws, &err), AG_OK);
    assert_int_equal(ws.plan, 2); /* the newest plan with sheets, its latest round */
    assert_int_equal(ws.round, 1);
    assert_int_equal(ws.departments, 6);
    assert_int_equal(ws.sheets, 18);
    struct assess_book *b = read_book(f->xlsx);
    assert_int_equal(b->count, 7);
    assert_string_equal(b->sheets[0].name, ASSESS_WB_SUMMARY);
    assert_string_equal(b->sheets[2].name, "it 情報システム部");
    long long plan;
    int round;
    assert_int_equal(assess_wb_campaign(b, &plan, &round, &err), AG_OK);
    assert_int_equal(plan, 2);
    assert_int_equal(round, 1);
    /* the cached results equal the report: submitted block from column E, per department and
     * overall */
    struct assess_report r;
    assert_int_equal(assess_report_compute(f->st, f->cat, 2, 1, &r, &err), AG_OK);
    const struct assess_grid *s = b->sheets[0].grid;
    static const char *const depts[] = {"exec", "it", "fac", "sec", "pax", "adm"};
    for (size_t i = 0; i < AG_ARRAY_LEN(depts); i++) {
        unsigned row = summary_row(s, depts[i]);
        assert_true(row > 0);
        struct assess_tally zero = {0}, *t = &zero;
        for (size_t k = 0; k < r.nrows[ASSESS_BY_DEPARTMENT]; k++)
            if (strcmp(r.rows[ASSESS_BY_DEPARTMENT][k].key, depts[i]) == 0)
                t = &r.rows[ASSESS_BY_DEPARTMENT][k].now;
        same_tally(s, row, 5, t);
    }
    unsigned total = summary_row(s, "全体");
    assert_true(total > 0);
    same_tally(s, total, 5, &r.total);
    assert_int_equal(num(s, total, 3), r.sheets);
    assert_int_equal(num(s, total, 4), r.submitted);
    assess_report_release(&r);
    /* the all-answers block counts every row of the department sheets */
    long rows = 0;
    for (unsigned c = 11; c <= 15; c++)
        rows += num(s, total, c);
    assert_int_equal(rows, ws.rows);
    assess_book_free(b);
    /* the cells are formulas over the department sheets */
    char *xml = member(f->xlsx, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(xml, "<f>COUNTIFS('it 情報システム部'!$K$7:$K$"));
    assert_non_null(strstr(xml, "\"実施\",'it 情報システム部'!$E$7:$E$"));
    assert_non_null(strstr(xml, "<f>IF(E7+F7+G7=0,\"-\",E7/(E7+F7+G7))</f>"));
    free(xml);
    /* department sheets: protected; the English column hidden in Japanese */
    xml = member(f->xlsx, "xl/worksheets/sheet3.xml");
    assert_non_null(strstr(xml, "<sheetProtection"));
    assert_non_null(strstr(xml, "hidden=\"1\""));
    assert_non_null(strstr(xml, "<dataValidation type=\"list\""));
    free(xml);
}

static void test_one_department_and_errors(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct assess_workbook_stats ws;
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 2, 1, "fac", f->xlsx, AG_LANG_EN, &ws, &err), AG_OK);
    assert_int_equal(ws.departments, 1);
    assert_int_equal(ws.sheets, 3);
    struct assess_book *b = read_book(f->xlsx);
    assert_int_equal(b->count, 2);
    assert_string_equal(b->sheets[1].name, "fac Facilities (baggage handlin"); /* 31 characters */
    assess_book_free(b);
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 2, 1, "nosuch", f->xlsx, AG_LANG_EN, &ws, &err),
        AG_ENOTFOUND);
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 2, 5, NULL, f->xlsx, AG_LANG_EN, &ws, &err),
        AG_ENOTFOUND);
    assert_non_null(strstr(err.msg, "no sheets in round 5"));
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 77, 0, NULL, f->xlsx, AG_LANG_EN, &ws, &err),
        AG_ENOTFOUND);
}

/* The workbook of the demo campaign read back, one cell changed, validated. */
static int validate_with(struct fx *f, const char *sheet_prefix, unsigned r, unsigned c,
                         const char *text, struct assess_wb_import *imp, struct ag_error *err)
{
    struct assess_wb m;
    struct assess_workbook_stats ws;
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 2, 1, NULL, f->xlsx, AG_LANG_JA, &ws, err), AG_OK);
    struct assess_book *b = read_book(f->xlsx);
    for (size_t i = 0; sheet_prefix && i < b->count; i++)
        if (strncmp(b->sheets[i].name, sheet_prefix, strlen(sheet_prefix)) == 0) {
            assert_int_equal(assess_grid_set(b->sheets[i].grid, r, c, text, strlen(text), err),
                             AG_OK);
            assert_int_equal(assess_grid_finish(b->sheets[i].grid, err), AG_OK);
        }
    assert_int_equal(assess_wb_load(f->st, f->cat, 2, 1, NULL, &m, err), AG_OK);
    int rc = assess_wb_validate(&m, b, imp, err);
    assess_wb_release(&m);
    assess_book_free(b);
    return rc;
}

static void bad_cell(struct fx *f, const char *sheet, unsigned r, unsigned c, const char *text,
                     const char *want)
{
    struct assess_wb_import imp;
    struct ag_error err;
    ag_error_clear(&err);
    assert_int_equal(validate_with(f, sheet, r, c, text, &imp, &err), AG_EINVAL);
    if (!strstr(err.msg, want))
        fail_msg("\"%s\" lacks \"%s\"", err.msg, want);
}

static void test_validation_names_sheet_row_column(void **state)
{
    struct fx *f = *state;
    struct assess_wb_import imp;
    struct ag_error err;
    /* as written: valid, nothing to change */
    assert_int_equal(validate_with(f, NULL, 0, 0, NULL, &imp, &err), AG_OK);
    assert_int_equal(imp.count, 0);
    assert_int_equal(imp.dept_sheets, 6);
    assess_wb_import_release(&imp);
    /* fac row 27 is on yamamoto's open sheet 44 */
    bad_cell(f, "fac", 27, ASSESS_WB_COL_ANSWER, "たぶん",
             "sheet \"fac 施設部（手荷物搬送設備）\", row 27, column K (回答 / answer): \"たぶん\" "
             "is not one of");
    bad_cell(f, "fac", 27, ASSESS_WB_COL_ITEM, "9.9.9-x.m1",
             "row 27, column F (項目ID / item id): \"9.9.9-x.m1\" is not an item of sheet 44");
    bad_cell(f, "fac", 28, ASSESS_WB_COL_ITEM, "3.1.2.6-2-a.m1", "appears a second time");
    bad_cell(f, "fac", 27, ASSESS_WB_COL_COMMENT, "no answer yet",
             "row 27, column K (回答 / answer): empty, but the row has a comment");
    bad_cell(
        f, "fac", 27, ASSESS_WB_COL_SHEET, "39",
        "row 27, column B (点検票番号 / sheet no.): sheet 39 belongs to department it, not fac");
    bad_cell(f, "fac", 27, ASSESS_WB_COL_SHEET, "9999", "9999 is not a sheet of plan 2, round 1");
    bad_cell(f, "fac", 27, ASSESS_WB_COL_LOGIN, "sato",
             "\"sato\" is not the respondent of sheet 44");
    bad_cell(f, "fac", ASSESS_WB_ROW_HEADER, ASSESS_WB_COL_ANSWER, "answer",
             "row 6, column K (回答 / answer): expected the header");
    bad_cell(f, "fac", ASSESS_WB_ROW_PLAN, 2, "1", "belongs to another campaign");
    bad_cell(f, "fac", ASSESS_WB_ROW_DEPT, 2, "it", "department it appears on a second sheet");
    bad_cell(f, "fac", ASSESS_WB_ROW_DEPT, 2, "zzz", "\"zzz\" is not a department");
    /* it row 7: suzuki's submitted sheet 39 */
    bad_cell(f, "it", 7, ASSESS_WB_COL_COMMENT, "changed afterwards",
             "row 7, column L (コメント / comment): sheet 39 (suzuki) is submitted");
    /* a valid change on an open sheet */
    assert_int_equal(validate_with(f, "fac", 27, ASSESS_WB_COL_ANSWER, " 該当なし ", &imp, &err),
                     AG_OK);
    assert_int_equal(imp.count, 1);
    assert_int_equal(imp.changes[0].answer, ASSESS_NOT_APPLICABLE);
    assess_wb_import_release(&imp);
}

/* Answers given in a copy of the store travel through the workbook into the store. */
static void test_import_stores_answers_for_respondents(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct assess_workbook_stats ws;
    char other[128], sql[200];
    int count;
    snprintf(other, sizeof(other), "%s/other.db", f->dir);
    unlink(other);
    snprintf(sql, sizeof(sql), "VACUUM INTO '%s'", other);
    assert_int_equal(store_exec(f->st, sql, &err), AG_OK);
    struct store *o;
    assert_int_equal(store_open(&o, other, 0, &err), AG_OK);
    /* nakamura (fac, sheet 45) and sasaki (pax, sheet 50) answer in the copy */
    assert_int_equal(assess_answer_set(o, f->cat, pid(f, "nakamura"), 45, "3.1.5.1-1-c.m2",
                                       "未実施", "BHS は来期", NULL, &err),
                     AG_OK);
    assert_int_equal(assess_answer_set(o, f->cat, pid(f, "sasaki"), 50, "3.1.2.6-2-a.m1", "実施",
                                       NULL, NULL, &err),
                     AG_OK);
    assert_int_equal(assess_workbook_write(o, f->cat, 2, 1, NULL, f->xlsx, AG_LANG_JA, &ws, &err),
                     AG_OK);
    store_free(o);
    /* a respondent, a manager of one of the departments: refused, nothing stored */
    assert_int_equal(
        assess_workbook_import(f->st, f->cat, pid(f, "nakamura"), f->xlsx, &ws, &count, &err),
        AG_EDENIED);
    assert_int_equal(
        assess_workbook_import(f->st, f->cat, pid(f, "yamamoto"), f->xlsx, &ws, &count, &err),
        AG_EDENIED);
    sqlite3_stmt *s;
    assert_int_equal(store_prepare(f->st, &s,
                                   "SELECT coalesce(answer, ''), comment FROM assess_answers "
                                   "WHERE sheet_id = ? AND item_id = ?",
                                   &err),
                     AG_OK);
    sqlite3_bind_int(s, 1, 45);
    sqlite3_bind_text(s, 2, "3.1.5.1-1-c.m2", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), "");
    /* the CISO */
    assert_int_equal(
        assess_workbook_import(f->st, f->cat, pid(f, "takahashi"), f->xlsx, &ws, &count, &err),
        AG_OK);
    assert_int_equal(count, 2);
    assert_int_equal(ws.departments, 6);
    sqlite3_reset(s);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), "not_implemented");
    assert_string_equal(store_col_text(s, 1), "BHS は来期");
    sqlite3_reset(s);
    sqlite3_bind_int(s, 1, 50);
    sqlite3_bind_text(s, 2, "3.1.2.6-2-a.m1", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), "implemented");
    sqlite3_finalize(s);
    /* again: nothing changes */
    assert_int_equal(
        assess_workbook_import(f->st, f->cat, pid(f, "takahashi"), f->xlsx, &ws, &count, &err),
        AG_OK);
    assert_int_equal(count, 0);
    /* a department's manager imports their department's workbook */
    assert_int_equal(
        assess_workbook_write(f->st, f->cat, 2, 1, "fac", f->xlsx, AG_LANG_JA, &ws, &err), AG_OK);
    assert_int_equal(
        assess_workbook_import(f->st, f->cat, pid(f, "yamamoto"), f->xlsx, &ws, &count, &err),
        AG_OK);
    assert_int_equal(ws.departments, 1);
    unlink(other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_summary_equals_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_department_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_validation_names_sheet_row_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_stores_answers_for_respondents, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
