/*
 * assess_io.c — self-inspection sheets as files: the grid both formats share, the CSV reader
 * (RFC 4180; written here, it is no general parser) and writer, the validation of an imported
 * grid against its sheet, and the import/export entry points.
 *
 * Trust boundary: every byte of an imported file is untrusted. The readers work on (ptr, len)
 * with the caps of assess_int.h; a file is validated whole before anything is stored, and the
 * first problem is reported with its row and column as the spreadsheet shows them.
 */
#include "isms/assess_int.h"

#include <ctype.h>
#include <strings.h>

const char *const assess_col_names[ASSESS_NCOLS + 1] = {
    "",         "No.",     "項目ID / item id", "参照 / ref",         "役割 / role",
    "対策項目", "Measure", "回答 / answer",    "コメント / comment",
};

/* ---- grid ---- */

void assess_grid_free(struct assess_grid *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->count; i++)
        free(g->cells[i].text);
    free(g->cells);
    free(g);
}

int assess_grid_set(struct assess_grid *g, unsigned row, unsigned col, const char *text, size_t len,
                    struct ag_error *err)
{
    if (row < 1 || row > ASSESS_MAX_ROWS)
        return ag_error_set(err, AG_EINVAL, "row %u: more than %d rows", row, ASSESS_MAX_ROWS);
    if (col < 1 || col > ASSESS_MAX_COLS)
        return AG_OK; /* columns past the layout are ignored */
    if (len > ASSESS_MAX_CELL)
        return ag_error_set(err, AG_EINVAL, "row %u, column %u: the cell is longer than %zu bytes",
                            row, col, ASSESS_MAX_CELL);
    if (len == 0)
        return AG_OK;
    if (g->bytes + len > ASSESS_IMPORT_MAX_BYTES)
        return ag_error_set(err, AG_EINVAL, "row %u: the file holds more than %zu bytes of text",
                            row, ASSESS_IMPORT_MAX_BYTES);
    if (g->count == g->alloc) {
        if (g->count >= ASSESS_MAX_CELLS)
            return ag_error_set(err, AG_EINVAL, "row %u: the file has more than %d cells", row,
                                ASSESS_MAX_CELLS);
        size_t na = g->alloc ? g->alloc * 2 : 256;
        struct assess_cell *nc = realloc(g->cells, na * sizeof(*nc));
        if (!nc)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        g->cells = nc;
        g->alloc = na;
    }
    char *t = malloc(len + 1);
    if (!t)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    memcpy(t, text, len);
    t[len] = '\0';
    g->cells[g->count++] = (struct assess_cell){row, col, t};
    g->bytes += len;
    return AG_OK;
}

struct cell_pair {
    struct assess_cell c;
    size_t idx; /* the order the cell was read in: the last value of a cell wins */
};

static int cmp_pair(const void *a, const void *b)
{
    const struct cell_pair *x = a, *y = b;
    if (x->c.row != y->c.row)
        return x->c.row < y->c.row ? -1 : 1;
    if (x->c.col != y->c.col)
        return x->c.col < y->c.col ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx ? 1 : 0;
}

int assess_grid_finish(struct assess_grid *g, struct ag_error *err)
{
    if (!g->count)
        return AG_OK;
    struct cell_pair *p = malloc(g->count * sizeof(*p));
    if (!p)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    for (size_t i = 0; i < g->count; i++)
        p[i] = (struct cell_pair){g->cells[i], i};
    qsort(p, g->count, sizeof(*p), cmp_pair);
    size_t n = 0;
    for (size_t i = 0; i < g->count; i++) {
        if (n && p[i].c.row == g->cells[n - 1].row && p[i].c.col == g->cells[n - 1].col) {
            free(g->cells[n - 1].text); /* a later value for the same cell replaces it */
            g->cells[n - 1] = p[i].c;
        } else {
            g->cells[n++] = p[i].c;
        }
    }
    g->count = n;
    free(p);
    return AG_OK;
}

const char *assess_grid_get(const struct assess_grid *g, unsigned row, unsigned col)
{
    size_t lo = 0, hi = g->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct assess_cell *c = &g->cells[mid];
        if (c->row == row && c->col == col)
            return c->text;
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return "";
}

unsigned assess_grid_rows(const struct assess_grid *g)
{
    return g->count ? g->cells[g->count - 1].row : 0;
}

/* ---- CSV (RFC 4180) ---- */

static bool utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        size_t n = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : 9;
        if (n == 9 || (size_t)(end - p) <= n || (n == 1 && c < 0xC2) || (n == 3 && c > 0xF4))
            return n == 0;
        for (size_t k = 1; k <= n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return false;
        p += n + 1;
    }
    return true;
}

int assess_csv_parse(const char *data, size_t len, struct assess_grid **out, struct ag_error *err)
{
    struct assess_grid *g = calloc(1, sizeof(*g));
    struct strbuf field;
    int rc = AG_OK;
    unsigned row = 1, col = 1;
    if (!g)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    if (len > ASSESS_IMPORT_MAX_BYTES) {
        free(g);
        return ag_error_set(err, AG_EINVAL, "the file is larger than %zu bytes",
                            ASSESS_IMPORT_MAX_BYTES);
    }
    strbuf_init(&field, ASSESS_MAX_CELL + 1);
    size_t i = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    bool in_field = false; /* something of the current record was read */
    while (i <= len && !rc) {
        bool quoted = false;
        strbuf_reset(&field);
        if (i < len && data[i] == '"') {
            quoted = true;
            i++;
            for (;;) {
                if (i >= len) {
                    rc = ag_error_set(err, AG_EINVAL,
                                      "row %u, column %u: a quoted field is not closed", row, col);
                    break;
                }
                if (data[i] == '"') {
                    if (i + 1 < len && data[i + 1] == '"') {
                        strbuf_addc(&field, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                strbuf_addc(&field, data[i++]);
            }
            if (rc)
                break;
            if (i < len && data[i] != ',' && data[i] != '\r' && data[i] != '\n') {
                rc = ag_error_set(err, AG_EINVAL,
                                  "row %u, column %u: text after the closing quote of a field", row,
                                  col);
                break;
            }
        } else {
            while (i < len && data[i] != ',' && data[i] != '\r' && data[i] != '\n') {
                if (data[i] == '"') {
                    rc = ag_error_set(err, AG_EINVAL,
                                      "row %u, column %u: a quote inside a field that does not "
                                      "start with one",
                                      row, col);
                    break;
                }
                strbuf_addc(&field, data[i++]);
            }
            if (rc)
                break;
        }
        if (!strbuf_ok(&field)) {
            rc =
                ag_error_set(err, AG_EINVAL, "row %u, column %u: the cell is longer than %zu bytes",
                             row, col, ASSESS_MAX_CELL);
            break;
        }
        if (memchr(strbuf_str(&field), '\0', field.len)) {
            rc = ag_error_set(err, AG_EINVAL, "row %u, column %u: the cell holds a NUL byte", row,
                              col);
            break;
        }
        if (!utf8_valid(strbuf_str(&field), field.len)) {
            rc = ag_error_set(err, AG_EINVAL,
                              "row %u, column %u: the text is not UTF-8 (in Excel, save as \"CSV "
                              "UTF-8\")",
                              row, col);
            break;
        }
        if (i >= len && !quoted && field.len == 0 && !in_field)
            break; /* end of input after a line break */
        if ((rc = assess_grid_set(g, row, col, strbuf_str(&field), field.len, err)))
            break;
        in_field = true;
        if (i >= len)
            break;
        if (data[i] == ',') {
            i++;
            col++;
            if (i == len) { /* a trailing comma ends with one more empty field */
                break;
            }
            continue;
        }
        /* end of record: CRLF, LF or a lone CR */
        if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
            i++;
        i++;
        row++;
        col = 1;
        in_field = false;
        if (row > ASSESS_MAX_ROWS && i < len) {
            rc = ag_error_set(err, AG_EINVAL, "row %u: more than %d rows", row, ASSESS_MAX_ROWS);
            break;
        }
    }
    strbuf_release(&field);
    if (rc) {
        assess_grid_free(g);
        return rc;
    }
    if ((rc = assess_grid_finish(g, err))) {
        assess_grid_free(g);
        return rc;
    }
    *out = g;
    return AG_OK;
}

int assess_csv_write(const struct assess_grid *g, const char *path, struct ag_error *err)
{
    struct strbuf sb;
    unsigned rows = assess_grid_rows(g);
    strbuf_init(&sb, 0);
    strbuf_adds(&sb, "\xEF\xBB\xBF"); /* so Excel reads UTF-8 */
    for (unsigned r = 1; r <= rows; r++) {
        for (unsigned c = 1; c <= ASSESS_NCOLS; c++) {
            if (c > 1)
                strbuf_addc(&sb, ',');
            strbuf_add_csv_field(&sb, assess_grid_get(g, r, c));
        }
        strbuf_adds(&sb, "\r\n");
    }
    int rc = strbuf_ok(&sb) ? ag_file_write_atomic(path, sb.buf, sb.len, err)
                            : ag_error_set(err, AG_ENOMEM, "out of memory");
    strbuf_release(&sb);
    return rc;
}

/* ---- validation of an imported grid ---- */

void assess_import_release(struct assess_import *imp)
{
    for (size_t i = 0; i < imp->count; i++)
        free(imp->rows[i].comment);
    free(imp->rows);
    imp->rows = NULL;
    imp->count = 0;
}

static const char *col_letter(unsigned col, char buf[4])
{
    if (col <= 26) {
        buf[0] = (char)('A' + col - 1);
        buf[1] = '\0';
    } else {
        buf[0] = (char)('A' + (col - 1) / 26 - 1);
        buf[1] = (char)('A' + (col - 1) % 26);
        buf[2] = '\0';
    }
    return buf;
}

/* Trimmed copy of a cell (spaces, tabs, line breaks at both ends). */
static void trimmed(const char *s, const char **start, size_t *len)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    *start = s;
    *len = n;
}

static bool cell_is(const char *cell, const char *want)
{
    const char *s;
    size_t n;
    trimmed(cell, &s, &n);
    return strlen(want) == n && memcmp(s, want, n) == 0;
}

#define BAD_CELL(r, c, ...)                                                                        \
    do {                                                                                           \
        char letter_[4], msg_[600];                                                                \
        snprintf(msg_, sizeof(msg_), __VA_ARGS__);                                                 \
        rc = ag_error_set(err, AG_EINVAL, "row %u, column %s (%s): %s", (r),                       \
                          col_letter((c), letter_), assess_col_names[(c)], msg_);                  \
        goto out;                                                                                  \
    } while (0)

int assess_import_validate(const struct assess_grid *g, long long sheet, const char *const *items,
                           size_t nitems, struct assess_import *out, struct ag_error *err)
{
    int rc = AG_OK;
    bool *seen = calloc(nitems + 1, sizeof(*seen));
    struct assess_import imp = {0};
    char want[32];
    memset(out, 0, sizeof(*out));
    if (!seen)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    /* the sheet number: a file of another sheet is refused as a whole */
    snprintf(want, sizeof(want), "%lld", sheet);
    const char *no = assess_grid_get(g, ASSESS_ROW_SHEET, 2);
    if (!cell_is(assess_grid_get(g, ASSESS_ROW_SHEET, 1), ASSESS_SHEET_LABEL)) {
        rc = ag_error_set(err, AG_EINVAL,
                          "row %d, column A: expected \"%s\": this is not a self-inspection sheet "
                          "exported by airguard (export one: airguard assess sheet export)",
                          ASSESS_ROW_SHEET, ASSESS_SHEET_LABEL);
        goto out;
    }
    if (!cell_is(no, want)) {
        rc = ag_error_set(err, AG_EINVAL,
                          "row %d, column B (%s): \"%.40s\" is not sheet %lld: this file is the "
                          "sheet of another campaign or respondent",
                          ASSESS_ROW_SHEET, ASSESS_SHEET_LABEL, no, sheet);
        goto out;
    }
    for (unsigned c = 1; c <= ASSESS_NCOLS; c++)
        if (!cell_is(assess_grid_get(g, ASSESS_ROW_HEADER, c), assess_col_names[c]))
            BAD_CELL(ASSESS_ROW_HEADER, c,
                     "expected the header \"%s\", found \"%.60s\" (the layout of the sheet must "
                     "stay as exported)",
                     assess_col_names[c], assess_grid_get(g, ASSESS_ROW_HEADER, c));
    unsigned rows = assess_grid_rows(g);
    imp.rows = calloc(rows > ASSESS_ROW_FIRST ? rows - ASSESS_ROW_FIRST + 1 : 1, sizeof(*imp.rows));
    if (!imp.rows) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    for (unsigned r = ASSESS_ROW_FIRST; r <= rows; r++) {
        const char *item = assess_grid_get(g, r, ASSESS_COL_ITEM);
        const char *answer = assess_grid_get(g, r, ASSESS_COL_ANSWER);
        const char *comment = assess_grid_get(g, r, ASSESS_COL_COMMENT);
        const char *s;
        size_t n;
        bool empty = true;
        for (unsigned c = 1; c <= ASSESS_NCOLS && empty; c++) {
            trimmed(assess_grid_get(g, r, c), &s, &n);
            empty = n == 0;
        }
        if (empty)
            continue; /* a blank line */
        trimmed(item, &s, &n);
        if (n == 0)
            BAD_CELL(r, ASSESS_COL_ITEM, "empty: every row needs the item id it answers");
        size_t k = 0;
        while (k < nitems && !(strlen(items[k]) == n && memcmp(items[k], s, n) == 0))
            k++;
        if (k == nitems)
            BAD_CELL(r, ASSESS_COL_ITEM, "\"%.*s\" is not an item of sheet %lld",
                     (int)(n > 80 ? 80 : n), s, sheet);
        if (seen[k])
            BAD_CELL(r, ASSESS_COL_ITEM, "\"%s\" appears a second time", items[k]);
        seen[k] = true;
        struct assess_import_row *row = &imp.rows[imp.count];
        row->item = items[k];
        row->answer = ASSESS_UNANSWERED;
        trimmed(answer, &s, &n);
        if (n && assess_answer_parse(answer, &row->answer) != AG_OK)
            BAD_CELL(r, ASSESS_COL_ANSWER,
                     "\"%.*s\" is not one of: 実施, 一部実施, 未実施, 該当なし",
                     (int)(n > 80 ? 80 : n), s);
        trimmed(comment, &s, &n);
        if (n) {
            struct ag_error cerr;
            if (row->answer == ASSESS_UNANSWERED)
                BAD_CELL(r, ASSESS_COL_ANSWER,
                         "empty, but the row has a comment: choose 実施, 一部実施, 未実施 or "
                         "該当なし");
            if (isms_check_text("comment", comment, ASSESS_COMMENT_MAX, &cerr) != AG_OK)
                BAD_CELL(r, ASSESS_COL_COMMENT, "%.400s", cerr.msg);
            if (!(row->comment = malloc(n + 1))) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                goto out;
            }
            memcpy(row->comment, s, n);
            row->comment[n] = '\0';
        }
        imp.count++;
    }
out:
    free(seen);
    if (rc)
        assess_import_release(&imp);
    else
        *out = imp;
    return rc;
}

/* ---- import and export ---- */

static int pick_format(const char *path, const char *format, bool *xlsx, struct ag_error *err)
{
    static const char *const formats[] = {"xlsx", "csv", NULL};
    if (format && *format) {
        int rc = isms_check_enum("format", format, formats, err);
        *xlsx = rc == AG_OK && strcmp(format, "xlsx") == 0;
        return rc;
    }
    size_t n = strlen(path);
    if (n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0)
        *xlsx = true;
    else if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
        *xlsx = false;
    else
        return ag_error_set(err, AG_EINVAL,
                            "format: \"%s\" ends neither in .xlsx nor in .csv (give --format "
                            "xlsx|csv)",
                            path);
    return AG_OK;
}

int assess_sheet_import(struct store *st, const struct catalog *cat, long long actor,
                        long long sheet, const char *path, const char *format, int *count,
                        struct ag_error *err)
{
    struct assess_sheet_info info;
    struct assess_grid *g = NULL;
    struct assess_import imp = {0};
    const char **items = NULL;
    size_t nitems;
    char *data = NULL;
    size_t len;
    bool xlsx;
    int rc;
    *count = 0;
    if ((rc =
             assess_sheet_for_respondent(st, actor, sheet, "import answers into it", &info, err)) ||
        (rc = pick_format(path, format, &xlsx, err)) ||
        (rc = assess_sheet_items(st, cat, sheet, &items, &nitems, err)))
        return rc;
    if ((rc = ag_file_read(path, ASSESS_IMPORT_MAX_BYTES, &data, &len, err)))
        goto out;
    struct ag_error perr;
    rc = xlsx ? assess_xlsx_parse(data, len, &g, &perr) : assess_csv_parse(data, len, &g, &perr);
    if (rc) {
        ag_error_set(err, rc, "%s: %s; nothing was imported", path, perr.msg);
        goto out;
    }
    if ((rc = assess_import_validate(g, sheet, items, nitems, &imp, &perr))) {
        ag_error_set(err, rc, "%s: %s; nothing was imported", path, perr.msg);
        goto out;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out;
    for (size_t i = 0; !rc && i < imp.count; i++) {
        if (imp.rows[i].answer == ASSESS_UNANSWERED)
            continue; /* an empty answer leaves what is stored */
        rc = assess_answer_store(st, sheet, imp.rows[i].item, imp.rows[i].answer,
                                 imp.rows[i].comment, NULL, err);
        if (!rc)
            (*count)++;
    }
    if (!rc) {
        char id[24], detail[128];
        snprintf(id, sizeof(id), "%lld", sheet);
        snprintf(detail, sizeof(detail), "{\"format\": \"%s\", \"answers\": %d}",
                 xlsx ? "xlsx" : "csv", *count);
        rc = store_audit(st, "import", "assess_sheets", id, detail, err);
    }
    rc = isms_tx_end(st, own, rc, err);
out:
    assess_import_release(&imp);
    assess_grid_free(g);
    free(data);
    free(items);
    return rc;
}

static int sheet_grid(struct store *st, const struct catalog *cat,
                      const struct assess_sheet_info *info, enum ag_lang lang,
                      struct assess_grid **out, struct ag_error *err)
{
    struct assess_grid *g = calloc(1, sizeof(*g));
    const char **items = NULL;
    size_t nitems = 0;
    sqlite3_stmt *s = NULL;
    char buf[512];
    int rc;
    if (!g)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
#define PUT(r, c, text)                                                                            \
    do {                                                                                           \
        const char *t_ = (text);                                                                   \
        if ((rc = assess_grid_set(g, (r), (c), t_, strlen(t_), err)))                              \
            goto out;                                                                              \
    } while (0)
    PUT(ASSESS_ROW_TITLE, 1, "自己点検票 / Self-inspection sheet (3.3.1.1(1))");
    PUT(ASSESS_ROW_CAMPAIGN, 1, "計画 / plan");
    snprintf(buf, sizeof(buf), "%d年度 第%d回 %s (plan %lld, round %d) — 期限 / due %s",
             info->fiscal_year, info->round, info->title, info->plan, info->round, info->due);
    PUT(ASSESS_ROW_CAMPAIGN, 2, buf);
    PUT(ASSESS_ROW_RESPONDENT, 1, "回答者 / respondent");
    snprintf(buf, sizeof(buf), "%s (%s) — %s (%s)", info->name, info->login, info->dept_name,
             info->dept_code);
    PUT(ASSESS_ROW_RESPONDENT, 2, buf);
    PUT(ASSESS_ROW_SHEET, 1, ASSESS_SHEET_LABEL);
    snprintf(buf, sizeof(buf), "%lld", info->id);
    PUT(ASSESS_ROW_SHEET, 2, buf);
    for (unsigned c = 1; c <= ASSESS_NCOLS; c++)
        PUT(ASSESS_ROW_HEADER, c, assess_col_names[c]);
    if ((rc = assess_sheet_items(st, cat, info->id, &items, &nitems, err)) ||
        (rc = store_prepare(st, &s,
                            "SELECT role, answer, comment FROM assess_answers WHERE sheet_id = ? "
                            "AND item_id = ?",
                            err)))
        goto out;
    for (size_t i = 0; i < nitems; i++) {
        const struct catalog_node *n = catalog_by_id(cat, items[i]);
        unsigned r = ASSESS_ROW_FIRST + (unsigned)i;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, info->id);
        sqlite3_bind_text(s, 2, items[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW)
            continue;
        enum assess_answer a = ASSESS_UNANSWERED;
        if (sqlite3_column_type(s, 1) != SQLITE_NULL &&
            assess_answer_parse(store_col_text(s, 1), &a) != AG_OK)
            a = ASSESS_UNANSWERED;
        const char *role = store_col_text(s, 0);
        const char *role_name = role;
        for (size_t k = 0; k < catalog_role_count(cat); k++)
            if (strcmp(catalog_role_at(cat, k)->id, role) == 0)
                role_name = catalog_text_get(catalog_role_at(cat, k)->name, lang);
        snprintf(buf, sizeof(buf), "%zu", i + 1);
        PUT(r, ASSESS_COL_NO, buf);
        PUT(r, ASSESS_COL_ITEM, n->id);
        PUT(r, ASSESS_COL_REF, n->ref);
        PUT(r, ASSESS_COL_ROLE, role_name);
        PUT(r, ASSESS_COL_MEASURE_JA, n->text.ja);
        PUT(r, ASSESS_COL_MEASURE_EN, n->text.en);
        PUT(r, ASSESS_COL_ANSWER, assess_answer_ja(a));
        PUT(r, ASSESS_COL_COMMENT, store_col_text(s, 2));
    }
#undef PUT
out:
    sqlite3_finalize(s);
    free(items);
    if (rc) {
        assess_grid_free(g);
        return rc;
    }
    if ((rc = assess_grid_finish(g, err))) {
        assess_grid_free(g);
        return rc;
    }
    *out = g;
    return AG_OK;
}

int assess_sheet_export(struct store *st, const struct catalog *cat, long long actor,
                        long long sheet, const char *path, const char *format, enum ag_lang lang,
                        struct ag_error *err)
{
    struct assess_sheet_info info;
    struct assess_grid *g = NULL;
    char what[96], id[24];
    bool xlsx;
    int rc;
    if ((rc = assess_sheet_load(st, sheet, &info, err)) ||
        (rc = pick_format(path, format, &xlsx, err)))
        return rc;
    snprintf(what, sizeof(what), "export self-inspection sheet %lld", sheet);
    if (actor != info.respondent && !isms_has_role(st, actor, "ciso", 0) &&
        (rc = isms_duty_has_role(st, actor, "manager", info.dept, what, err)))
        return rc;
    if ((rc = sheet_grid(st, cat, &info, lang, &g, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out;
    snprintf(id, sizeof(id), "%lld", sheet);
    rc = store_audit(st, "export", "assess_sheets", id,
                     xlsx ? "{\"format\": \"xlsx\"}" : "{\"format\": \"csv\"}", err);
    /* the file is written inside the transaction: no audit row without the file */
    if (!rc)
        rc = xlsx ? assess_xlsx_write(g, path, err) : assess_csv_write(g, path, err);
    rc = isms_tx_end(st, own, rc, err);
out:
    assess_grid_free(g);
    return rc;
}
