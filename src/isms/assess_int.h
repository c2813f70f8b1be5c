/*
 * assess_int.h — what the files of the self-inspection workflow (assess*.c) share and nobody
 * else uses: the sheet record, item-list expansion and the grid the importers fill.
 */
#ifndef AG_ISMS_ASSESS_INT_H
#define AG_ISMS_ASSESS_INT_H

#include "isms/assess.h"

/* Caps for everything read from an imported file (checked before use). */
#define ASSESS_IMPORT_MAX_BYTES ((size_t)16 << 20)
#define ASSESS_MAX_ROWS 10000
#define ASSESS_MAX_COLS 64
#define ASSESS_MAX_CELL ((size_t)32 << 10)
#define ASSESS_COMMENT_MAX 4000
#define ASSESS_MAX_CELLS (1 << 20)

/* The grid layout both formats share (assess.h). */
enum {
    ASSESS_ROW_TITLE = 1,
    ASSESS_ROW_CAMPAIGN = 2,
    ASSESS_ROW_RESPONDENT = 3,
    ASSESS_ROW_SHEET = 4,
    ASSESS_ROW_HEADER = 6,
    ASSESS_ROW_FIRST = 7,
};
enum {
    ASSESS_COL_NO = 1,
    ASSESS_COL_ITEM,
    ASSESS_COL_REF,
    ASSESS_COL_ROLE,
    ASSESS_COL_MEASURE_JA,
    ASSESS_COL_MEASURE_EN,
    ASSESS_COL_ANSWER,
    ASSESS_COL_COMMENT,
    ASSESS_NCOLS = ASSESS_COL_COMMENT
};
extern const char *const assess_col_names[ASSESS_NCOLS + 1]; /* [1..8] header texts */
#define ASSESS_SHEET_LABEL "点検票番号 / sheet no."

struct assess_cell {
    unsigned row, col; /* 1-based */
    char *text;
};
struct assess_grid {
    struct assess_cell *cells; /* in the order read; lookup is by (row, col) */
    size_t count, alloc;
    size_t bytes; /* total text, capped */
};
/* Sets the text of (row, col) (copied; replaces an earlier value). */
int assess_grid_set(struct assess_grid *g, unsigned row, unsigned col, const char *text, size_t len,
                    struct ag_error *err) AG_MUST_CHECK;
/* The text at (row, col), "" if empty. */
const char *assess_grid_get(const struct assess_grid *g, unsigned row, unsigned col);
unsigned assess_grid_rows(const struct assess_grid *g);

/* A sheet with what the export header shows. */
struct assess_sheet_info {
    long long id, plan, respondent, dept;
    int round, fiscal_year;
    char status[16], due[11], login[65], name[128], dept_code[65], dept_name[160], title[256];
};
int assess_sheet_load(struct store *st, long long sheet, struct assess_sheet_info *out,
                      struct ag_error *err) AG_MUST_CHECK;
/* The item ids of a sheet in catalog order (borrowed from cat); caller frees *items. */
int assess_sheet_items(struct store *st, const struct catalog *cat, long long sheet,
                       const char ***items, size_t *count, struct ag_error *err) AG_MUST_CHECK;
/* The sheet, when actor is its respondent and it is not submitted (else AG_EDENIED naming what
 * was refused). */
int assess_sheet_for_respondent(struct store *st, long long actor, long long sheet,
                                const char *what, struct assess_sheet_info *info,
                                struct ag_error *err) AG_MUST_CHECK;
/* Stores one answer (item = catalog id) inside the caller's transaction. */
int assess_answer_store(struct store *st, long long sheet, const char *item, enum assess_answer a,
                        const char *comment, long long *answer_id,
                        struct ag_error *err) AG_MUST_CHECK;
/* Sorts the cells by (row, column), keeping the last value given for a cell; the parsers call it
 * before returning, assess_grid_get needs it. */
int assess_grid_finish(struct assess_grid *g, struct ag_error *err) AG_MUST_CHECK;
/* Writes a grid as CSV (UTF-8 with BOM, CRLF, every field quoted) / XLSX to a file, atomically. */
int assess_csv_write(const struct assess_grid *g, const char *path,
                     struct ag_error *err) AG_MUST_CHECK;
int assess_xlsx_write(const struct assess_grid *g, const char *path,
                      struct ag_error *err) AG_MUST_CHECK;
/* The answer drop-down (実施 / 一部実施 / 未実施 / 該当なし) on rows first..last (0-based) of
 * column col (0-based) of a libxlsxwriter worksheet. */
struct lxw_worksheet;
struct lxw_workbook;
/* Closes (writes) a workbook created at tmp and renames it to path when rc is AG_OK; removes tmp
 * otherwise. Returns rc or the first failure. */
int assess_xlsx_close(struct lxw_workbook *wb, const char *tmp, const char *path, int rc,
                      struct ag_error *err) AG_MUST_CHECK;
int assess_xlsx_answer_list(struct lxw_worksheet *ws, unsigned first_row, unsigned last_row,
                            unsigned col);
/* ---- several worksheets: the self-inspection workbook (assess_workbook*.c) ---- */
struct assess_book_sheet {
    char name[128];           /* the sheet's name as the workbook lists it */
    struct assess_grid *grid; /* owned */
};
struct assess_book {
    struct assess_book_sheet *sheets; /* in workbook order */
    size_t count;
};
void assess_book_free(struct assess_book *b);
/* Every worksheet of an .xlsx file (xl/workbook.xml, its relationships, shared strings). Caps:
 * the file 16 MiB, 64 worksheets, each member 32 MiB and all of them 128 MiB decompressed, the
 * text of all sheets together 16 MiB, each sheet 10,000 rows; a DOCTYPE is refused. */
int assess_xlsx_parse_book(const void *data, size_t len, struct assess_book **out,
                           struct ag_error *err) AG_MUST_CHECK;

/* The workbook layout. A department sheet:
 *   row 1 title · row 2 A "計画 / plan", B plan id, C round, D text · row 3 A "部署 / department",
 *   B code, C name · row 4 a note · row 6 header · from row 7 one row per item of every sheet of
 *   the department's respondents:
 *   A No. | B sheet no. | C respondent | D name | E status | F item id | G ref | H role |
 *   I 対策項目 | J Measure | K 回答 | L コメント | M 証跡
 * The summary sheet (集計) has the same row 2 and no row-3 label. */
enum {
    ASSESS_WB_ROW_TITLE = 1,
    ASSESS_WB_ROW_PLAN = 2,
    ASSESS_WB_ROW_DEPT = 3,
    ASSESS_WB_ROW_NOTE = 4,
    ASSESS_WB_ROW_HEADER = 6,
    ASSESS_WB_ROW_FIRST = 7,
};
enum {
    ASSESS_WB_COL_NO = 1,
    ASSESS_WB_COL_SHEET,
    ASSESS_WB_COL_LOGIN,
    ASSESS_WB_COL_NAME,
    ASSESS_WB_COL_STATUS,
    ASSESS_WB_COL_ITEM,
    ASSESS_WB_COL_REF,
    ASSESS_WB_COL_ROLE,
    ASSESS_WB_COL_MEASURE_JA,
    ASSESS_WB_COL_MEASURE_EN,
    ASSESS_WB_COL_ANSWER,
    ASSESS_WB_COL_COMMENT,
    ASSESS_WB_COL_EVIDENCE,
    ASSESS_WB_NCOLS = ASSESS_WB_COL_EVIDENCE
};
extern const char *const assess_wb_col_names[ASSESS_WB_NCOLS + 1]; /* [1..13] header texts */
#define ASSESS_WB_PLAN_LABEL "計画 / plan"
#define ASSESS_WB_DEPT_LABEL "部署 / department"
#define ASSESS_WB_SUMMARY "集計"

/* A campaign as the workbook shows it: its departments, their sheets, each sheet's items with
 * what is stored. Loaded from the store (assess_wb_load) or built by a test. */
struct assess_wb_item {
    const struct catalog_node *node; /* borrowed from the catalog */
    char role[32];
    enum assess_answer answer;
    char *comment, *evidence; /* owned; evidence: the attached files' names */
};
struct assess_wb_sheet {
    long long id;
    char login[65], name[128];
    bool submitted;
    size_t dept; /* index into depts */
    struct assess_wb_item *items;
    size_t nitems;
};
struct assess_wb_dept {
    long long id;
    char code[65], name_ja[160], name_en[160];
};
struct assess_wb {
    long long plan;
    int round, fiscal_year;
    char title[256], due[11];
    struct assess_wb_dept *depts;
    size_t ndepts;
    struct assess_wb_sheet *sheets; /* grouped by department, in department order */
    size_t nsheets;
};
void assess_wb_release(struct assess_wb *m);
/* Loads campaign (plan, round) — plan 0: the newest plan with sheets, round 0: its latest round
 * with sheets — with the sheets of department `dept` (code; NULL = every department). */
int assess_wb_load(struct store *st, const struct catalog *cat, long long plan, int round,
                   const char *dept, struct assess_wb *m, struct ag_error *err) AG_MUST_CHECK;
/* The campaign (plan, round) of a workbook: row 2 of its first department sheet. */
int assess_wb_campaign(const struct assess_book *b, long long *plan, int *round,
                       struct ag_error *err) AG_MUST_CHECK;

/* One answer a workbook changes. */
struct assess_wb_change {
    size_t sheet, item; /* indexes into the model */
    enum assess_answer answer;
    char *comment; /* owned, "" when the cell is empty */
};
struct assess_wb_import {
    struct assess_wb_change *changes;
    size_t count;
    bool *dept_seen; /* [ndepts]: the workbook has that department's sheet */
    size_t dept_sheets;
};
void assess_wb_import_release(struct assess_wb_import *imp);
/* Validates every department sheet of a workbook against the campaign m: row 2 names the
 * campaign, row 3 a department of it, the header is as written, every data row names a sheet of
 * that department (with its respondent) and an item of that sheet, once, with an allowed answer
 * and a valid comment (a comment needs an answer); a submitted sheet's answers and comments are
 * as stored. Sheets without the department label (the summary, sheets a user added) are
 * skipped. The first problem is reported as `sheet "NAME", row R, column C (header): …` and
 * nothing is returned then; out lists the answers that differ from what is stored. */
int assess_wb_validate(const struct assess_wb *m, const struct assess_book *b,
                       struct assess_wb_import *out, struct ag_error *err) AG_MUST_CHECK;

/* The catalog role id of a measure (its first responsible role), "" if none. */
const char *assess_item_role(const struct catalog *cat, const struct catalog_node *n);

#endif
