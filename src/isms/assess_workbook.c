/*
 * assess_workbook.c — the self-inspection workbook (自己点検票, 3.3.1.1(1) m2, m3): one .xlsx for
 * a campaign (a plan's round) that an information security manager hands to the staff of the
 * department, written with libxlsxwriter:
 *   - a sheet per department holding every item of every sheet of its respondents (catalog id,
 *     reference, role, the measure in Japanese and — shown with --lang en — English), the
 *     answer column with a drop-down list of the four answers, comment and evidence columns;
 *     the layout is protected (no password: it guards the layout, not a secret) and only the
 *     answer and comment cells of sheets not yet submitted are unlocked;
 *   - a summary sheet (集計) whose cells are formulas (COUNTIFS over the department sheets)
 *     computing per department and overall the answer counts and 実施率 exactly as
 *     assess_report.c does — 実施 ÷ (実施 + 一部実施 + 未実施), submitted sheets only — plus the
 *     same figures over all answers in the workbook, which move as staff fill it in. Each
 *     formula carries its cached result, so readers that do not recalculate show the figures.
 * The reading side (validation, storing) is assess_wb_import.c; the layout is in assess_int.h.
 */
#include "isms/assess_int.h"

#include <unistd.h>
#include "isms/dl_xlsxwriter.h"

const char *const assess_wb_col_names[ASSESS_WB_NCOLS + 1] = {
    "",
    "No.",
    "点検票番号 / sheet no.",
    "回答者 / respondent",
    "氏名 / name",
    "状態 / status",
    "項目ID / item id",
    "参照 / ref",
    "役割 / role",
    "対策項目",
    "Measure",
    "回答 / answer",
    "コメント / comment",
    "証跡 / evidence",
};

/* ---- the campaign model ---- */

void assess_wb_release(struct assess_wb *m)
{
    for (size_t i = 0; i < m->nsheets; i++) {
        for (size_t k = 0; k < m->sheets[i].nitems; k++) {
            free(m->sheets[i].items[k].comment);
            free(m->sheets[i].items[k].evidence);
        }
        free(m->sheets[i].items);
    }
    free(m->sheets);
    free(m->depts);
    memset(m, 0, sizeof(*m));
}

/* plan 0: the newest plan with sheets (fiscal year, then id); round 0: its latest round. */
static int pick_campaign(struct store *st, struct assess_wb *m, long long plan, int round,
                         struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s,
        "SELECT p.id, p.fiscal_year, p.title, (SELECT max(round) FROM assess_sheets WHERE "
        "plan_id = p.id), (SELECT count(*) FROM assess_sheets WHERE plan_id = p.id AND round = "
        "?2), (SELECT max(due_date) FROM assess_sheets WHERE plan_id = p.id AND round = ?2) FROM "
        "assess_plans p WHERE (?1 = 0 AND EXISTS (SELECT 1 FROM assess_sheets WHERE plan_id = "
        "p.id)) OR p.id = ?1 ORDER BY p.fiscal_year DESC, p.id DESC LIMIT 1",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int(s, 2, round);
    if (sqlite3_step(s) != SQLITE_ROW) {
        rc = plan
                 ? ag_error_set(err, AG_ENOTFOUND, "self-inspection plan %lld does not exist", plan)
                 : ag_error_set(err, AG_ENOTFOUND,
                                "no self-inspection campaign: no plan has issued sheets");
    } else if (sqlite3_column_type(s, 3) == SQLITE_NULL) {
        rc = ag_error_set(err, AG_ENOTFOUND, "campaign: plan %lld has issued no sheets yet", plan);
    } else {
        m->plan = sqlite3_column_int64(s, 0);
        m->fiscal_year = sqlite3_column_int(s, 1);
        snprintf(m->title, sizeof(m->title), "%s", store_col_text(s, 2));
        m->round = round ? round : sqlite3_column_int(s, 3);
        if (round && sqlite3_column_int(s, 4) == 0)
            rc = ag_error_set(err, AG_ENOTFOUND, "campaign: plan %lld has no sheets in round %d",
                              m->plan, round);
        snprintf(m->due, sizeof(m->due), "%s", store_col_text(s, 5));
    }
    sqlite3_finalize(s);
    if (!rc && !round) /* the due date of the latest round, now that it is known */
        rc = pick_campaign(st, m, m->plan, m->round, err);
    return rc;
}

static int cmp_item(const void *a, const void *b)
{
    const struct assess_wb_item *x = a, *y = b;
    return x->node->index < y->node->index ? -1 : x->node->index > y->node->index;
}

/* Makes room for one more element in *vec (count used of *alloc, each `size` bytes). */
static int grow(void *vec, size_t count, size_t *alloc, size_t size, struct ag_error *err)
{
    void **v = vec;
    if (count < *alloc)
        return AG_OK;
    size_t na = *alloc ? *alloc * 2 : 16;
    void *nv = realloc(*v, na * size);
    if (!nv)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    *v = nv;
    *alloc = na;
    return AG_OK;
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

/* The items of one sheet in catalog order with what is stored (items the loaded catalog lacks
 * are left out, as the report leaves them out). */
static int load_items(struct store *st, const struct catalog *cat, sqlite3_stmt *s,
                      struct assess_wb_sheet *sh, struct ag_error *err)
{
    size_t alloc = 0;
    int rc = AG_OK, step;
    sqlite3_reset(s);
    sqlite3_bind_int64(s, 1, sh->id);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        const struct catalog_node *n = catalog_by_id(cat, store_col_text(s, 0));
        if (!n)
            continue;
        if ((rc = grow(&sh->items, sh->nitems, &alloc, sizeof(*sh->items), err)))
            return rc;
        struct assess_wb_item *it = &sh->items[sh->nitems];
        memset(it, 0, sizeof(*it));
        it->node = n;
        snprintf(it->role, sizeof(it->role), "%s", store_col_text(s, 1));
        if (sqlite3_column_type(s, 2) != SQLITE_NULL &&
            assess_answer_parse(store_col_text(s, 2), &it->answer) != AG_OK)
            it->answer = ASSESS_UNANSWERED;
        it->comment = dup_text(store_col_text(s, 3));
        it->evidence = dup_text(store_col_text(s, 4));
        sh->nitems++;
        if (!it->comment || !it->evidence)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    if (step != SQLITE_DONE)
        rc = store_error(st, "reading the answers", err);
    if (!rc && sh->nitems)
        qsort(sh->items, sh->nitems, sizeof(*sh->items), cmp_item);
    return rc;
}

int assess_wb_load(struct store *st, const struct catalog *cat, long long plan, int round,
                   const char *dept, struct assess_wb *m, struct ag_error *err)
{
    sqlite3_stmt *s = NULL, *si = NULL;
    size_t salloc = 0, dalloc = 0;
    int rc, step;
    memset(m, 0, sizeof(*m));
    if ((rc = pick_campaign(st, m, plan, round, err)) ||
        (rc = store_prepare(
             st, &s,
             "SELECT s.id, p.login, p.name, s.status, d.id, d.code, d.name_ja, d.name_en FROM "
             "assess_sheets s JOIN people p ON p.id = s.respondent_id JOIN departments d ON d.id "
             "= s.department_id WHERE s.plan_id = ?1 AND s.round = ?2 AND (?3 IS NULL OR d.code = "
             "?3) ORDER BY d.id, s.id",
             err)) ||
        (rc = store_prepare(st, &si,
                            "SELECT a.item_id, a.role, a.answer, a.comment, coalesce((SELECT "
                            "group_concat(e.filename, ', ') FROM assess_answer_evidence ae JOIN "
                            "evidence e ON e.id = ae.evidence_id WHERE ae.answer_id = a.id), '') "
                            "FROM assess_answers a WHERE a.sheet_id = ?1",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, m->plan);
    sqlite3_bind_int(s, 2, m->round);
    store_bind_text(s, 3, dept);
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        long long did = sqlite3_column_int64(s, 4);
        if (!m->ndepts || m->depts[m->ndepts - 1].id != did) {
            if ((rc = grow(&m->depts, m->ndepts, &dalloc, sizeof(*m->depts), err)))
                break;
            struct assess_wb_dept *d = &m->depts[m->ndepts++];
            d->id = did;
            snprintf(d->code, sizeof(d->code), "%s", store_col_text(s, 5));
            snprintf(d->name_ja, sizeof(d->name_ja), "%s", store_col_text(s, 6));
            snprintf(d->name_en, sizeof(d->name_en), "%s", store_col_text(s, 7));
        }
        if ((rc = grow(&m->sheets, m->nsheets, &salloc, sizeof(*m->sheets), err)))
            break;
        struct assess_wb_sheet *sh = &m->sheets[m->nsheets++];
        memset(sh, 0, sizeof(*sh));
        sh->id = sqlite3_column_int64(s, 0);
        snprintf(sh->login, sizeof(sh->login), "%s", store_col_text(s, 1));
        snprintf(sh->name, sizeof(sh->name), "%s", store_col_text(s, 2));
        sh->submitted = strcmp(store_col_text(s, 3), "submitted") == 0;
        sh->dept = m->ndepts - 1;
        rc = load_items(st, cat, si, sh, err);
    }
    if (!rc && m->nsheets == 0)
        rc = ag_error_set(err, AG_ENOTFOUND,
                          "department \"%s\" has no sheets in plan %lld, round %d (see assess "
                          "sheet list)",
                          dept ? dept : "", m->plan, m->round);
out:
    sqlite3_finalize(s);
    sqlite3_finalize(si);
    if (rc)
        assess_wb_release(m);
    return rc;
}

/* ---- writing ---- */

struct wb_formats {
    lxw_format *title, *label, *header, *text, *input, *final, *pct, *num, *total, *total_pct;
};

static void formats_init(lxw_workbook *wb, struct wb_formats *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->label = workbook_add_format(wb);
    format_set_bold(f->label);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bg_color(f->header, 0xDDEBF7);
    format_set_border(f->header, LXW_BORDER_THIN);
    format_set_text_wrap(f->header);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_TOP);
    f->text = workbook_add_format(wb); /* locked */
    format_set_text_wrap(f->text);
    format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->text, LXW_BORDER_THIN);
    f->input = workbook_add_format(wb); /* the cells to fill: unlocked, shaded */
    format_set_text_wrap(f->input);
    format_set_align(f->input, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->input, LXW_BORDER_THIN);
    format_set_bg_color(f->input, 0xFFF2CC);
    format_set_unlocked(f->input);
    f->final = workbook_add_format(wb); /* answers of submitted sheets: locked, grey */
    format_set_text_wrap(f->final);
    format_set_align(f->final, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f->final, LXW_BORDER_THIN);
    format_set_bg_color(f->final, 0xEDEDED);
    f->num = workbook_add_format(wb);
    format_set_border(f->num, LXW_BORDER_THIN);
    f->pct = workbook_add_format(wb);
    format_set_border(f->pct, LXW_BORDER_THIN);
    format_set_num_format(f->pct, "0.0%");
    format_set_align(f->pct, LXW_ALIGN_RIGHT);
    f->total = workbook_add_format(wb);
    format_set_border(f->total, LXW_BORDER_THIN);
    format_set_bold(f->total);
    format_set_top(f->total, LXW_BORDER_DOUBLE);
    f->total_pct = workbook_add_format(wb);
    format_set_border(f->total_pct, LXW_BORDER_THIN);
    format_set_bold(f->total_pct);
    format_set_top(f->total_pct, LXW_BORDER_DOUBLE);
    format_set_num_format(f->total_pct, "0.0%");
    format_set_align(f->total_pct, LXW_ALIGN_RIGHT);
}

/* A sheet name Excel accepts: "code name", without []:*?/\' , at most 31 characters (Japanese
 * text counts one a character), unique in the workbook (else the code, else "部署N"). */
static void dept_sheet_name(lxw_workbook *wb, const struct assess_wb_dept *d, enum ag_lang lang,
                            size_t index, char out[128])
{
    const char *name = lang == AG_LANG_EN && d->name_en[0] ? d->name_en : d->name_ja;
    char raw[400];
    for (int attempt = 0; attempt < 3; attempt++) {
        if (attempt == 0)
            snprintf(raw, sizeof(raw), "%s %s", d->code, name);
        else if (attempt == 1)
            snprintf(raw, sizeof(raw), "%s", d->code);
        else
            snprintf(raw, sizeof(raw), "部署%zu", index + 1);
        size_t o = 0, chars = 0;
        for (size_t i = 0; raw[i] && chars < 31;) {
            size_t len = 1;
            while (((unsigned char)raw[i + len] & 0xC0) == 0x80)
                len++;
            if (o + len >= 127)
                break;
            if (len == 1 && strchr("[]:*?/\\'", raw[i]))
                out[o++] = '_';
            else
                memcpy(out + o, raw + i, len), o += len;
            i += len;
            chars++;
        }
        while (o && out[o - 1] == ' ')
            o--;
        out[o] = '\0';
        if (o && strcmp(out, ASSESS_WB_SUMMARY) != 0 &&
            workbook_validate_sheet_name(wb, out) == LXW_NO_ERROR)
            return;
    }
}

static const char *role_name(const struct catalog *cat, const char *role, enum ag_lang lang)
{
    for (size_t k = 0; k < catalog_role_count(cat); k++)
        if (strcmp(catalog_role_at(cat, k)->id, role) == 0)
            return catalog_text_get(catalog_role_at(cat, k)->name, lang);
    return role;
}

/* What one department sheet holds, for the summary. */
struct dept_tally {
    char sheet[128];
    unsigned last_row; /* 1-based last data row (ASSESS_WB_ROW_FIRST - 1 when empty) */
    int sheets, submitted;
    struct assess_tally sub, all;
};

#define XL(call)                                                                                   \
    do {                                                                                           \
        lxw_error e_ = (call);                                                                     \
        if (e_ != LXW_NO_ERROR && !rc)                                                             \
            rc = ag_error_set(err, AG_EINVAL, "%s: %s", path, lxw_strerror(e_));                   \
    } while (0)

static int write_dept(lxw_workbook *wb, const struct wb_formats *f, const struct assess_wb *m,
                      size_t di, const struct catalog *cat, enum ag_lang lang, const char *path,
                      struct dept_tally *t, struct ag_error *err)
{
    const struct assess_wb_dept *d = &m->depts[di];
    int rc = AG_OK;
    char buf[600];
    dept_sheet_name(wb, d, lang, di, t->sheet);
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->sheet);
    if (!ws)
        return ag_error_set(err, AG_EINVAL, "%s: the sheet \"%s\" cannot be added", path, t->sheet);
    static const double widths[ASSESS_WB_NCOLS + 1] = {0,  5,  9,  12, 14, 10, 20,
                                                       14, 16, 60, 60, 12, 40, 24};
    for (lxw_col_t c = 1; c <= ASSESS_WB_NCOLS; c++) {
        lxw_row_col_options hide = {.hidden = 1};
        XL(worksheet_set_column_opt(ws, c - 1, c - 1, widths[c], NULL,
                                    c == ASSESS_WB_COL_MEASURE_EN && lang != AG_LANG_EN ? &hide
                                                                                        : NULL));
    }
    const char *dname = lang == AG_LANG_EN && d->name_en[0] ? d->name_en : d->name_ja;
    snprintf(buf, sizeof(buf), ag_tr(lang, "workbook: %s — self-inspection sheets"), dname);
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_TITLE - 1, 0, buf, f->title));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_PLAN - 1, 0, ASSESS_WB_PLAN_LABEL, f->label));
    XL(worksheet_write_number(ws, ASSESS_WB_ROW_PLAN - 1, 1, (double)m->plan, NULL));
    XL(worksheet_write_number(ws, ASSESS_WB_ROW_PLAN - 1, 2, m->round, NULL));
    snprintf(buf, sizeof(buf), ag_tr(lang, "workbook: FY%d, round %d: %s, due %s"), m->fiscal_year,
             m->round, m->title, m->due);
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_PLAN - 1, 3, buf, NULL));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_DEPT - 1, 0, ASSESS_WB_DEPT_LABEL, f->label));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_DEPT - 1, 1, d->code, NULL));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_DEPT - 1, 2, dname, NULL));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_NOTE - 1, 0,
                              ag_tr(lang, "workbook: fill in the yellow cells"), NULL));
    for (lxw_col_t c = 1; c <= ASSESS_WB_NCOLS; c++)
        XL(worksheet_write_string(ws, ASSESS_WB_ROW_HEADER - 1, c - 1, assess_wb_col_names[c],
                                  f->header));
    lxw_row_t r = ASSESS_WB_ROW_FIRST - 1; /* 0-based */
    const char *st_sub = ag_tr(lang, "workbook: submitted"),
               *st_open = ag_tr(lang, "workbook: not submitted");
    for (size_t si = 0; si < m->nsheets && !rc; si++) {
        const struct assess_wb_sheet *sh = &m->sheets[si];
        if (sh->dept != di)
            continue;
        t->sheets++;
        t->submitted += sh->submitted;
        lxw_format *in = sh->submitted ? f->final : f->input;
        for (size_t k = 0; k < sh->nitems && !rc; k++, r++) {
            const struct assess_wb_item *it = &sh->items[k];
            if (r + 1 > ASSESS_MAX_ROWS)
                return ag_error_set(err, AG_EINVAL,
                                    "department %s: more than %d rows (write one department "
                                    "with --dept)",
                                    d->code, ASSESS_MAX_ROWS);
            assess_tally_add(&t->all, it->answer);
            if (sh->submitted)
                assess_tally_add(&t->sub, it->answer);
            XL(worksheet_write_number(ws, r, ASSESS_WB_COL_NO - 1,
                                      (double)(r + 2 - ASSESS_WB_ROW_FIRST), f->text));
            XL(worksheet_write_number(ws, r, ASSESS_WB_COL_SHEET - 1, (double)sh->id, f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_LOGIN - 1, sh->login, f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_NAME - 1, sh->name, f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_STATUS - 1,
                                      sh->submitted ? st_sub : st_open, f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_ITEM - 1, it->node->id, f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_REF - 1, it->node->ref, f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_ROLE - 1, role_name(cat, it->role, lang),
                                      f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_MEASURE_JA - 1, it->node->text.ja,
                                      f->text));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_MEASURE_EN - 1, it->node->text.en,
                                      f->text));
            if (it->answer != ASSESS_UNANSWERED)
                XL(worksheet_write_string(ws, r, ASSESS_WB_COL_ANSWER - 1,
                                          assess_answer_ja(it->answer), in));
            else
                XL(worksheet_write_blank(ws, r, ASSESS_WB_COL_ANSWER - 1, in));
            if (it->comment[0])
                XL(worksheet_write_string(ws, r, ASSESS_WB_COL_COMMENT - 1, it->comment, in));
            else
                XL(worksheet_write_blank(ws, r, ASSESS_WB_COL_COMMENT - 1, in));
            XL(worksheet_write_string(ws, r, ASSESS_WB_COL_EVIDENCE - 1, it->evidence, f->text));
        }
    }
    t->last_row = r; /* 0-based next row = 1-based last row */
    if (!rc && t->last_row >= ASSESS_WB_ROW_FIRST) {
        if (assess_xlsx_answer_list(ws, ASSESS_WB_ROW_FIRST - 1, t->last_row - 1,
                                    ASSESS_WB_COL_ANSWER - 1))
            rc = ag_error_set(err, AG_EINVAL, "%s: the answer list cannot be added", path);
        XL(worksheet_autofilter(ws, ASSESS_WB_ROW_HEADER - 1, 0, t->last_row - 1,
                                ASSESS_WB_NCOLS - 1));
    }
    worksheet_freeze_panes(ws, ASSESS_WB_ROW_HEADER, 0);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    XL(worksheet_repeat_rows(ws, ASSESS_WB_ROW_HEADER - 1, ASSESS_WB_ROW_HEADER - 1));
    /* the layout is protected; answer and comment cells of open sheets are unlocked */
    lxw_protection prot = {0};
    prot.format_columns = 1; /* allowed: widen a column, heighten a row, filter */
    prot.format_rows = 1;
    prot.autofilter = 1;
    worksheet_protect(ws, NULL, &prot);
    return rc;
}

/* The summary's columns: code, name, sheets, submitted sheets, then twice (submitted sheets;
 * all answers) 実施, 一部実施, 未実施, 該当なし, 未回答, 実施率. */
enum {
    SUM_CODE,
    SUM_NAME,
    SUM_SHEETS,
    SUM_SUBMITTED,
    SUM_SUB,
    SUM_ALL = SUM_SUB + 6,
    SUM_NCOLS = SUM_ALL + 6
};

static double rate_value(const struct assess_tally *t)
{
    long d = t->implemented + t->partial + t->not_implemented;
    return d ? (double)t->implemented / (double)d : -1;
}

/* The six figures of one block in row r (0-based): counts from `count[k]` formulas (NULL: sums
 * of the rows above, first..last), cached values from t. */
static int write_block(lxw_worksheet *ws, const struct wb_formats *f, lxw_row_t r, lxw_col_t c0,
                       const char *const count[4], const char *unanswered, lxw_row_t first,
                       lxw_row_t last, const struct assess_tally *t, bool total, const char *path,
                       struct ag_error *err)
{
    char formula[1024], a[16], b[16];
    int rc = AG_OK;
    const long cached[5] = {t->implemented, t->partial, t->not_implemented, t->not_applicable,
                            t->unanswered};
    for (lxw_col_t k = 0; k < 5; k++) {
        if (total) {
            lxw_rowcol_to_cell(a, first, c0 + k);
            lxw_rowcol_to_cell(b, last, c0 + k);
            snprintf(formula, sizeof(formula), "=SUM(%s:%s)", a, b);
        } else {
            snprintf(formula, sizeof(formula), "%s", k < 4 ? count[k] : unanswered);
        }
        XL(worksheet_write_formula_num(ws, r, c0 + k, formula, total ? f->total : f->num,
                                       (double)cached[k]));
    }
    char e[16], fcell[16], g[16];
    lxw_rowcol_to_cell(e, r, c0);
    lxw_rowcol_to_cell(fcell, r, c0 + 1);
    lxw_rowcol_to_cell(g, r, c0 + 2);
    snprintf(formula, sizeof(formula), "=IF(%s+%s+%s=0,\"-\",%s/(%s+%s+%s))", e, fcell, g, e, e,
             fcell, g);
    double v = rate_value(t);
    lxw_format *pf = total ? f->total_pct : f->pct;
    if (v < 0)
        XL(worksheet_write_formula_str(ws, r, c0 + 5, formula, pf, "-"));
    else
        XL(worksheet_write_formula_num(ws, r, c0 + 5, formula, pf, v));
    return rc;
}

static int write_summary(lxw_worksheet *ws, const struct wb_formats *f, const struct assess_wb *m,
                         const struct dept_tally *t, enum ag_lang lang, const char *path,
                         struct ag_error *err)
{
    int rc = AG_OK;
    char buf[600];
    static const double widths[SUM_NCOLS] = {12, 24, 9,  9,  10, 10, 10, 10,
                                             10, 10, 10, 10, 10, 10, 10, 10};
    for (lxw_col_t c = 0; c < SUM_NCOLS; c++)
        XL(worksheet_set_column(ws, c, c, widths[c], NULL));
    snprintf(buf, sizeof(buf), ag_tr(lang, "workbook: self-inspection summary, FY%d round %d: %s"),
             m->fiscal_year, m->round, m->title);
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_TITLE - 1, 0, buf, f->title));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_PLAN - 1, 0, ASSESS_WB_PLAN_LABEL, f->label));
    XL(worksheet_write_number(ws, ASSESS_WB_ROW_PLAN - 1, 1, (double)m->plan, NULL));
    XL(worksheet_write_number(ws, ASSESS_WB_ROW_PLAN - 1, 2, m->round, NULL));
    XL(worksheet_write_string(ws, ASSESS_WB_ROW_DEPT - 1, 0,
                              ag_tr(lang, "workbook: rate = implemented / (implemented + partial "
                                          "+ not implemented)"),
                              NULL));
    XL(worksheet_merge_range(ws, 4, SUM_SUB, 4, SUM_SUB + 5,
                             ag_tr(lang, "workbook: submitted sheets (as assess report counts)"),
                             f->header));
    XL(worksheet_merge_range(
        ws, 4, SUM_ALL, 4, SUM_ALL + 5,
        ag_tr(lang, "workbook: all answers, sheets not yet submitted included"), f->header));
    static const char *const heads[SUM_NCOLS] = {
        "workbook: department code", "workbook: department",
        "workbook: sheets",          "workbook: submitted",
        "workbook: implemented",     "workbook: partial",
        "workbook: not implemented", "workbook: not applicable",
        "workbook: unanswered",      "workbook: rate",
        "workbook: implemented",     "workbook: partial",
        "workbook: not implemented", "workbook: not applicable",
        "workbook: unanswered",      "workbook: rate",
    };
    for (lxw_col_t c = 0; c < SUM_NCOLS; c++)
        XL(worksheet_write_string(ws, ASSESS_WB_ROW_HEADER - 1, c, ag_tr(lang, heads[c]),
                                  f->header));
    static const enum assess_answer answers[4] = {ASSESS_IMPLEMENTED, ASSESS_PARTIAL,
                                                  ASSESS_NOT_IMPLEMENTED, ASSESS_NOT_APPLICABLE};
    const char *st_sub = ag_tr(lang, "workbook: submitted");
    lxw_row_t r = ASSESS_WB_ROW_FIRST - 1;
    struct assess_tally sum_sub = {0}, sum_all = {0};
    int sheets = 0, submitted = 0;
    for (size_t di = 0; di < m->ndepts && !rc; di++, r++) {
        const struct dept_tally *d = &t[di];
        const struct assess_wb_dept *dep = &m->depts[di];
        char ans[32], stat[32], sub_f[4][700], all_f[4][700], sub_u[700], all_u[700];
        unsigned last = d->last_row >= ASSESS_WB_ROW_FIRST ? d->last_row : ASSESS_WB_ROW_FIRST;
        snprintf(ans, sizeof(ans), "$%c$%d:$%c$%u", 'A' + ASSESS_WB_COL_ANSWER - 1,
                 ASSESS_WB_ROW_FIRST, 'A' + ASSESS_WB_COL_ANSWER - 1, last);
        snprintf(stat, sizeof(stat), "$%c$%d:$%c$%u", 'A' + ASSESS_WB_COL_STATUS - 1,
                 ASSESS_WB_ROW_FIRST, 'A' + ASSESS_WB_COL_STATUS - 1, last);
        for (int k = 0; k < 4; k++) {
            snprintf(sub_f[k], sizeof(sub_f[k]), "=COUNTIFS('%s'!%s,\"%s\",'%s'!%s,\"%s\")",
                     d->sheet, ans, assess_answer_ja(answers[k]), d->sheet, stat, st_sub);
            snprintf(all_f[k], sizeof(all_f[k]), "=COUNTIF('%s'!%s,\"%s\")", d->sheet, ans,
                     assess_answer_ja(answers[k]));
        }
        /* unanswered = the rows of the block less the four answers */
        snprintf(sub_u, sizeof(sub_u), "=COUNTIF('%s'!%s,\"%s\")-SUM(%c%u:%c%u)", d->sheet, stat,
                 st_sub, 'A' + SUM_SUB, r + 1, 'A' + SUM_SUB + 3, r + 1);
        snprintf(all_u, sizeof(all_u), "=%u-SUM(%c%u:%c%u)",
                 d->last_row >= ASSESS_WB_ROW_FIRST ? d->last_row - ASSESS_WB_ROW_FIRST + 1 : 0,
                 'A' + SUM_ALL, r + 1, 'A' + SUM_ALL + 3, r + 1);
        const char *sub_p[4] = {sub_f[0], sub_f[1], sub_f[2], sub_f[3]};
        const char *all_p[4] = {all_f[0], all_f[1], all_f[2], all_f[3]};
        XL(worksheet_write_string(ws, r, SUM_CODE, dep->code, f->num));
        XL(worksheet_write_string(
            ws, r, SUM_NAME, lang == AG_LANG_EN && dep->name_en[0] ? dep->name_en : dep->name_ja,
            f->num));
        XL(worksheet_write_number(ws, r, SUM_SHEETS, d->sheets, f->num));
        XL(worksheet_write_number(ws, r, SUM_SUBMITTED, d->submitted, f->num));
        if (!rc)
            rc = write_block(ws, f, r, SUM_SUB, sub_p, sub_u, 0, 0, &d->sub, false, path, err);
        if (!rc)
            rc = write_block(ws, f, r, SUM_ALL, all_p, all_u, 0, 0, &d->all, false, path, err);
        sheets += d->sheets;
        submitted += d->submitted;
        sum_sub.implemented += d->sub.implemented, sum_sub.partial += d->sub.partial;
        sum_sub.not_implemented += d->sub.not_implemented;
        sum_sub.not_applicable += d->sub.not_applicable, sum_sub.unanswered += d->sub.unanswered;
        sum_all.implemented += d->all.implemented, sum_all.partial += d->all.partial;
        sum_all.not_implemented += d->all.not_implemented;
        sum_all.not_applicable += d->all.not_applicable, sum_all.unanswered += d->all.unanswered;
    }
    /* the overall row: sums of the department rows */
    lxw_row_t first = ASSESS_WB_ROW_FIRST - 1, last = r - 1;
    char a[16], b[16], formula[64];
    XL(worksheet_write_string(ws, r, SUM_CODE, ag_tr(lang, "workbook: overall"), f->total));
    XL(worksheet_write_blank(ws, r, SUM_NAME, f->total));
    const int cached[2] = {sheets, submitted};
    for (lxw_col_t c = SUM_SHEETS; c <= SUM_SUBMITTED; c++) {
        lxw_rowcol_to_cell(a, first, c);
        lxw_rowcol_to_cell(b, last, c);
        snprintf(formula, sizeof(formula), "=SUM(%s:%s)", a, b);
        XL(worksheet_write_formula_num(ws, r, c, formula, f->total, cached[c - SUM_SHEETS]));
    }
    if (!rc)
        rc = write_block(ws, f, r, SUM_SUB, NULL, NULL, first, last, &sum_sub, true, path, err);
    if (!rc)
        rc = write_block(ws, f, r, SUM_ALL, NULL, NULL, first, last, &sum_all, true, path, err);
    worksheet_freeze_panes(ws, ASSESS_WB_ROW_HEADER, 2);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_protect(ws, NULL, NULL);
    return rc;
}

static int write_book(const struct assess_wb *m, const struct catalog *cat, enum ag_lang lang,
                      const char *path, struct ag_error *err)
{
    char tmp[4200];
    int rc = ag_dynlib_load(&ag_xlsxwriter_lib, err);
    if (rc)
        return rc;
    struct dept_tally *t = calloc(m->ndepts ? m->ndepts : 1, sizeof(*t));
    if (!t)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        free(t);
        return ag_error_set(err, AG_EIO, "%s: cannot create the workbook", path);
    }
    struct wb_formats f;
    formats_init(wb, &f);
    /* the summary first: the tab an operator opens; its formulas name the sheets after it */
    lxw_worksheet *summary = workbook_add_worksheet(wb, ASSESS_WB_SUMMARY);
    for (size_t di = 0; di < m->ndepts && !rc; di++)
        rc = write_dept(wb, &f, m, di, cat, lang, path, &t[di], err);
    if (!rc)
        rc = write_summary(summary, &f, m, t, lang, path, err);
    rc = assess_xlsx_close(wb, tmp, path, rc, err);
    free(t);
    return rc;
}

int assess_workbook_write(struct store *st, const struct catalog *cat, long long plan, int round,
                          const char *dept, const char *path, enum ag_lang lang,
                          struct assess_workbook_stats *stats, struct ag_error *err)
{
    struct assess_wb m;
    int rc;
    if ((rc = assess_wb_load(st, cat, plan, round, dept, &m, err)))
        return rc;
    memset(stats, 0, sizeof(*stats));
    stats->plan = m.plan;
    stats->round = m.round;
    stats->departments = (int)m.ndepts;
    stats->sheets = (int)m.nsheets;
    for (size_t i = 0; i < m.nsheets; i++)
        stats->rows += (int)m.sheets[i].nitems;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out;
    char id[24], detail[160];
    snprintf(id, sizeof(id), "%lld", m.plan);
    snprintf(detail, sizeof(detail),
             "{\"format\": \"xlsx\", \"kind\": \"workbook\", \"round\": %d, \"departments\": %d, "
             "\"sheets\": %d}",
             m.round, stats->departments, stats->sheets);
    rc = store_audit(st, "export", "assess_plans", id, detail, err);
    /* the file is written inside the transaction: no audit row without the file */
    if (!rc)
        rc = write_book(&m, cat, lang, path, err);
    rc = isms_tx_end(st, own, rc, err);
out:
    assess_wb_release(&m);
    return rc;
}
