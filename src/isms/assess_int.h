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
/* The catalog role id of a measure (its first responsible role), "" if none. */
const char *assess_item_role(const struct catalog *cat, const struct catalog_node *n);

#endif
