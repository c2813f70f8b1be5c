/*
 * assess.h — self-inspection (自己点検), guideline 3.3.1.1(1), docs/isms/self-inspection.md:
 *   1. the CISO sets up the yearly plan (年度自己点検計画: 実施頻度, 実施時期, 自己点検すべき項目,
 *      実施項目の選択, 確認及び評価の方法, departments) and reviews it (見直し);
 *   2. a department's information security manager (or the CISO) issues the sheets (自己点検票)
 *      of a round: one per respondent, holding only the assessable measures of the plan whose
 *      responsible role the respondent holds (measures of the organisation as a whole, role
 *      "operator", go to the department's manager);
 *   3. each respondent answers their own sheet (実施 / 一部実施 / 未実施 / 該当なし, comment,
 *      evidence files) in the CLI or by importing the XLSX/CSV they filled in, then submits it;
 *      a submitted sheet is final;
 *   4. the manager reports the department's evaluation to the CISO; the report computes
 *      実施率 = 実施 / (回答 - 該当なし) over submitted sheets (一部実施 counts as not
 * implemented), overall and by section, PDCA phase, department, role and item, against the previous
 * round;
 *   5. the CISO instructs a department's manager to improve (with a due date); the follow-up is
 *      the linked corrective action (origin 'assessment'): the manager reports the result, the
 *      CISO accepts it or sends it back.
 * Every function that changes records is one transaction and follows isms.h's error rules.
 */
#ifndef AG_ISMS_ASSESS_H
#define AG_ISMS_ASSESS_H

#include "isms/isms.h"

/* ---- answers ---- */
enum assess_answer {
    ASSESS_UNANSWERED = 0,
    ASSESS_IMPLEMENTED,     /* 実施 */
    ASSESS_PARTIAL,         /* 一部実施 */
    ASSESS_NOT_IMPLEMENTED, /* 未実施 */
    ASSESS_NOT_APPLICABLE,  /* 該当なし */
};
/* Accepts 実施 / 一部実施 / 未実施 / 該当なし, the stored ids (implemented, partial,
 * not_implemented, not_applicable) and the short forms yes / partial / no / na (ASCII case and
 * full-width forms folded, surrounding spaces ignored). AG_EINVAL for anything else, the empty
 * string included. */
int assess_answer_parse(const char *s, enum assess_answer *out) AG_MUST_CHECK;
const char *assess_answer_id(enum assess_answer a); /* "implemented" …, NULL for unanswered */
const char *assess_answer_ja(enum assess_answer a); /* "実施" …, "" for unanswered */

/* ---- the implementation rate (実施率) ---- */
struct assess_tally {
    long implemented, partial, not_implemented, not_applicable, unanswered;
};
void assess_tally_add(struct assess_tally *t, enum assess_answer a);
/* 実施率 in percent: implemented / (implemented + partial + not_implemented); 一部実施 counts as
 * not implemented (the guideline's 対策実施数 counts measures carried out). -1 when nothing
 * applicable was answered. */
double assess_tally_rate(const struct assess_tally *t);

/* ---- plans (年度自己点検計画) ---- */
struct assess_plan_new {
    int fiscal_year;
    const char *title;
    int frequency;         /* 実施頻度: rounds a year, 1..12 */
    const char *timing;    /* 実施時期 */
    const char *selection; /* 実施項目の選択 (may be NULL) */
    const char *method;    /* 確認及び評価の方法 (may be NULL) */
    const char *items;     /* "all" or comma-separated ids/refs; a section takes every assessable
                              measure below it */
    const char *depts;     /* comma-separated "code" or "code:frequency" */
};
/* By the CISO only (actor must hold the role ciso). */
int assess_plan_add(struct store *st, const struct catalog *cat, long long actor,
                    const struct assess_plan_new *p, long long *id,
                    struct ag_error *err) AG_MUST_CHECK;
/* 見直し: adds items and/or departments, changes frequency/timing (NULL/0 = unchanged), records
 * the reason and bumps the revision. CISO only; a closed plan is not revised. */
struct assess_plan_revision {
    const char *add_items, *add_depts, *timing, *reason;
    int frequency;
};
int assess_plan_revise(struct store *st, const struct catalog *cat, long long actor, long long plan,
                       const struct assess_plan_revision *r, struct ag_error *err) AG_MUST_CHECK;
int assess_plan_close(struct store *st, long long actor, long long plan,
                      struct ag_error *err) AG_MUST_CHECK;

/* ---- sheets (自己点検票) ---- */
/* Issues the sheets of round `round` for department `dept_code` (NULL = every department of the
 * plan; then the actor must be the CISO, else the department's manager or the CISO). Someone
 * who already has a sheet for that round is skipped. *issued = sheets created; *uncovered =
 * plan items no respondent of those departments holds the role for. */
int assess_sheets_issue(struct store *st, const struct catalog *cat, long long actor,
                        long long plan, int round, const char *dept_code, const char *due,
                        int *issued, int *uncovered, struct ag_error *err) AG_MUST_CHECK;
/* Answers one item of a sheet (item by id or ref). Only the respondent, only before submission.
 * evidence: file paths (NULL-terminated, may be NULL) stored content-addressed. */
int assess_answer_set(struct store *st, const struct catalog *cat, long long actor, long long sheet,
                      const char *item, const char *answer, const char *comment,
                      const char *const *evidence, struct ag_error *err) AG_MUST_CHECK;
/* Attaches an evidence file (bytes, e.g. an upload) to one item of a sheet: respondent only,
 * before submission, checked before anything is written; the file is stored content-addressed
 * (isms_evidence_add_mem), filename kept only as a plain name. sha256 receives its hash. */
int assess_answer_attach(struct store *st, const struct catalog *cat, long long actor,
                         long long sheet, const char *item, const void *data, size_t len,
                         const char *filename, char sha256[65], struct ag_error *err) AG_MUST_CHECK;
/* Submits a sheet (respondent only). Refused while items are unanswered. */
int assess_sheet_submit(struct store *st, long long actor, long long sheet,
                        struct ag_error *err) AG_MUST_CHECK;

/* ---- import / export of sheets (assess_io.c, assess_xlsx.c) ----
 * Both formats carry the same grid: rows 1-4 describe the sheet (title, campaign, respondent,
 * sheet number), row 6 is the header, one row per item from row 7:
 *   A No. | B item id | C ref | D role | E 対策項目 | F measure | G 回答 | H コメント
 * A grid is what a parser read: rows of cells as text, row/column numbers as in the file. */
struct assess_grid;
void assess_grid_free(struct assess_grid *g);
/* Bytes of an RFC 4180 CSV file (UTF-8, optional BOM, CRLF or LF). Caps: 16 MiB, 10,000 rows,
 * 64 columns, 32 KiB a cell. Errors name the line. */
int assess_csv_parse(const char *data, size_t len, struct assess_grid **out,
                     struct ag_error *err) AG_MUST_CHECK;
/* Bytes of an .xlsx file: the first worksheet (xl/worksheets/sheet1.xml) with shared strings,
 * inline strings and numbers. Same caps; each zip member is read up to 32 MiB. */
int assess_xlsx_parse(const void *data, size_t len, struct assess_grid **out,
                      struct ag_error *err) AG_MUST_CHECK;

struct assess_import_row {
    const char *item;          /* borrowed from items[] */
    enum assess_answer answer; /* ASSESS_UNANSWERED when the cell is empty */
    char *comment;             /* owned by the result */
};
struct assess_import {
    struct assess_import_row *rows;
    size_t count;
};
void assess_import_release(struct assess_import *imp);
/* Validates a grid against sheet `sheet` whose items are items[0..nitems): the sheet number
 * cell, the header row, and every data row (item belongs to the sheet, appears once, answer is
 * allowed, comment is valid text). The first problem is reported as "row R, column C (name):
 * …"; nothing is returned then. */
int assess_import_validate(const struct assess_grid *g, long long sheet, const char *const *items,
                           size_t nitems, struct assess_import *out,
                           struct ag_error *err) AG_MUST_CHECK;

/* Reads FILE (format "xlsx" or "csv"; NULL = by its extension) and stores its answers on the
 * sheet in one transaction: all rows or none. Respondent only, before submission. *count =
 * answers stored. */
int assess_sheet_import(struct store *st, const struct catalog *cat, long long actor,
                        long long sheet, const char *path, const char *format, int *count,
                        struct ag_error *err) AG_MUST_CHECK;
/* Writes the sheet to path as xlsx or csv (NULL = by extension). The respondent, a manager of
 * the sheet's department or the CISO; recorded in the audit trail ("export"). */
int assess_sheet_export(struct store *st, const struct catalog *cat, long long actor,
                        long long sheet, const char *path, const char *format, enum ag_lang lang,
                        struct ag_error *err) AG_MUST_CHECK;

/* ---- the self-inspection workbook (assess_workbook.c, assess_wb_import.c) ----
 * One .xlsx for a campaign (a plan's round) to hand to staff: a sheet per department with every
 * item of its respondents' sheets (answer drop-down, comment, evidence; the layout protected,
 * only answer and comment cells of sheets not yet submitted unlocked) and a summary sheet (集計)
 * whose formulas compute per department and overall the counts and 実施率 as the report does,
 * with their cached results. docs/isms/self-inspection.md, "Self-inspection workbook". */
struct assess_workbook_stats {
    long long plan;
    int round, departments, sheets, rows;
};
/* Writes the workbook of (plan, round) — plan 0: the newest plan with sheets, round 0: its
 * latest round — for department dept (code) or every department (NULL) to path, atomically;
 * recorded in the audit trail ("export" of the plan). */
int assess_workbook_write(struct store *st, const struct catalog *cat, long long plan, int round,
                          const char *dept, const char *path, enum ag_lang lang,
                          struct assess_workbook_stats *stats, struct ag_error *err) AG_MUST_CHECK;
/* Reads a filled-in workbook, validates every department sheet whole (errors name sheet, row and
 * column) and stores the answers that changed on their respondents' sheets in one transaction:
 * all or nothing. The actor is the CISO, or the information security manager of every
 * department whose sheet the workbook holds (they collect their staff's answers, 3.3.1.1(1) m2,
 * m3); a submitted sheet's answers never change. *count = answers stored. */
int assess_workbook_import(struct store *st, const struct catalog *cat, long long actor,
                           const char *path, struct assess_workbook_stats *stats, int *count,
                           struct ag_error *err) AG_MUST_CHECK;

/* ---- analysis and report ---- */
/* The manager's evaluation of a department's results for a round, reported to the CISO
 * (3.3.1.1(1) 4th measure). Manager of that department only; replaces an earlier text. */
int assess_evaluate(struct store *st, long long actor, long long plan, int round,
                    const char *dept_code, const char *text, struct ag_error *err) AG_MUST_CHECK;

enum assess_by {
    ASSESS_BY_SECTION,
    ASSESS_BY_PHASE,
    ASSESS_BY_DEPARTMENT,
    ASSESS_BY_ROLE,
    ASSESS_BY_ITEM,
    ASSESS_BY_COUNT
};
extern const char *const assess_by_names[]; /* "section", "phase", … NULL-terminated */

struct assess_report_row {
    char key[64]; /* section ref, phase, department code, role id or item id */
    long order;   /* sort key: catalog order, phase order, … */
    struct assess_tally now, prev;
};
struct assess_report {
    long long plan, prev_plan;
    int round, prev_round; /* prev_plan 0 = no previous campaign */
    int sheets, submitted, prev_sheets, prev_submitted;
    struct assess_tally total, prev_total;
    struct assess_report_row *rows[ASSESS_BY_COUNT];
    size_t nrows[ASSESS_BY_COUNT];
};
/* Computes the report of (plan, round) from submitted sheets and the previous campaign: the
 * round before, or the last round with sheets of the latest earlier fiscal year's plan. round 0 =
 * the plan's latest round with sheets. */
int assess_report_compute(struct store *st, const struct catalog *cat, long long plan, int round,
                          struct assess_report *r, struct ag_error *err) AG_MUST_CHECK;
void assess_report_release(struct assess_report *r);

/* ---- improvement instructions (改善の指示) and follow-up ---- */
struct assess_instruction_new {
    long long plan;
    int round;
    const char *dept;    /* department code */
    const char *manager; /* login, NULL = the department's only manager */
    const char *text, *due;
    const char *items; /* comma-separated ids/refs, may be NULL */
};
/* CISO only; never to themselves. Creates the instruction and its corrective action (owner =
 * the manager, origin 'assessment', origin_id = the instruction) in one transaction. */
int assess_instruct(struct store *st, const struct catalog *cat, long long actor,
                    const struct assess_instruction_new *in, long long *id,
                    struct ag_error *err) AG_MUST_CHECK;
/* Follow-up: step "report" (the manager reports the result: action done), "accept" (the CISO
 * receives it: action verify, never by the manager), "return" (the CISO sends it back: action
 * reopen). */
int assess_followup(struct store *st, long long actor, long long instruction, const char *step,
                    const char *text, struct ag_error *err) AG_MUST_CHECK;

/* The fiscal year (April-March) a date 'YYYY-MM-DD' falls in. */
int assess_fiscal_year(const char *date);

#endif
