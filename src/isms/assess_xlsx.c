/*
 * assess_xlsx.c — self-inspection sheets as .xlsx: written with libxlsxwriter (a readable sheet
 * with a drop-down list in the answer column), read back with libzip + expat. The reader takes
 * what Excel and other programs write: shared strings (including rich-text runs, without the
 * phonetic guides <rPh> Japanese Excel adds), inline strings, formula results and numbers, with
 * or without cell references, with or without namespace prefixes.
 *
 * Trust boundary: the archive is untrusted. Each member is read up to XLSX_MEMBER_MAX bytes
 * whatever its header claims; a DOCTYPE is refused (no entity expansion); cell text is capped.
 */
#include "isms/assess_int.h"

#include <errno.h>
#include <expat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#define XLSX_MEMBER_MAX ((size_t)32 << 20)
#define XLSX_MAX_STRINGS 200000

/* ---- writing ---- */

int assess_xlsx_write(const struct assess_grid *g, const char *path, struct ag_error *err)
{
    char tmp[4200];
    int rc = AG_OK;
    snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb)
        return ag_error_set(err, AG_EIO, "%s: cannot create the workbook", path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "自己点検票");
    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format *label = workbook_add_format(wb);
    format_set_bold(label);
    lxw_format *header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_bg_color(header, 0xDDEBF7);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_text_wrap(header);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(wrap, LXW_BORDER_THIN);
    lxw_format *input = workbook_add_format(wb);
    format_set_text_wrap(input);
    format_set_align(input, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(input, LXW_BORDER_THIN);
    format_set_bg_color(input, 0xFFF2CC);
    static const double widths[ASSESS_NCOLS + 1] = {0, 5, 22, 16, 18, 60, 60, 12, 40};
    for (unsigned c = 1; c <= ASSESS_NCOLS; c++)
        worksheet_set_column(ws, (lxw_col_t)(c - 1), (lxw_col_t)(c - 1), widths[c], NULL);
    unsigned rows = assess_grid_rows(g);
    for (size_t i = 0; i < g->count; i++) {
        const struct assess_cell *cell = &g->cells[i];
        lxw_format *f = NULL;
        if (cell->row == ASSESS_ROW_TITLE)
            f = title;
        else if (cell->row < ASSESS_ROW_HEADER && cell->col == 1)
            f = label;
        else if (cell->row == ASSESS_ROW_HEADER)
            f = header;
        else if (cell->row >= ASSESS_ROW_FIRST)
            f = cell->col == ASSESS_COL_ANSWER || cell->col == ASSESS_COL_COMMENT ? input : wrap;
        if (worksheet_write_string(ws, cell->row - 1, (lxw_col_t)(cell->col - 1), cell->text, f) !=
            LXW_NO_ERROR) {
            rc = ag_error_set(err, AG_EINVAL, "%s: row %u, column %u cannot be written", path,
                              cell->row, cell->col);
            break;
        }
    }
    /* empty answer and comment cells of unanswered items still get the input colour */
    for (unsigned r = ASSESS_ROW_FIRST; !rc && r <= rows; r++)
        for (unsigned c = ASSESS_COL_ANSWER; c <= ASSESS_COL_COMMENT; c++)
            if (!*assess_grid_get(g, r, c))
                worksheet_write_blank(ws, r - 1, (lxw_col_t)(c - 1), input);
    if (!rc && rows >= ASSESS_ROW_FIRST) {
        const char *choices[] = {"実施", "一部実施", "未実施", "該当なし", NULL};
        lxw_data_validation dv = {0};
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)choices;
        dv.input_title = "回答 / answer";
        dv.input_message = "実施 / 一部実施 / 未実施 / 該当なし";
        dv.error_title = "回答 / answer";
        dv.error_message =
            "実施、一部実施、未実施、該当なし から選んでください / choose one of the list";
        worksheet_data_validation_range(ws, ASSESS_ROW_FIRST - 1, ASSESS_COL_ANSWER - 1, rows - 1,
                                        ASSESS_COL_ANSWER - 1, &dv);
        worksheet_freeze_panes(ws, ASSESS_ROW_HEADER, 0);
    }
    lxw_error le = workbook_close(wb);
    if (!rc && le != LXW_NO_ERROR)
        rc = ag_error_set(err, AG_EIO, "%s: writing the workbook failed: %s", path,
                          lxw_strerror(le));
    if (!rc && rename(tmp, path) != 0)
        rc = ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    if (rc)
        unlink(tmp);
    return rc;
}

/* ---- reading ---- */

static int read_member(zip_t *z, const char *name, bool required, char **out, size_t *len,
                       struct ag_error *err)
{
    *out = NULL;
    *len = 0;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return required ? ag_error_set(err, AG_EINVAL,
                                       "the workbook has no %s (is it an .xlsx file?)", name)
                        : AG_OK;
    struct strbuf sb;
    char buf[16384];
    zip_int64_t n;
    strbuf_init(&sb, XLSX_MEMBER_MAX);
    while ((n = zip_fread(f, buf, sizeof(buf))) > 0 && strbuf_ok(&sb))
        strbuf_add(&sb, buf, (size_t)n);
    zip_fclose(f);
    if (n < 0) {
        strbuf_release(&sb);
        return ag_error_set(err, AG_EINVAL, "%s: the member cannot be read (damaged archive)",
                            name);
    }
    if (!strbuf_ok(&sb)) {
        strbuf_release(&sb);
        return ag_error_set(err, AG_EINVAL, "%s: larger than %zu bytes", name, XLSX_MEMBER_MAX);
    }
    *out = strbuf_take(&sb, len);
    return *out ? AG_OK : ag_error_set(err, AG_ENOMEM, "out of memory");
}

/* What the expat handlers share. */
struct xparse {
    XML_Parser p;
    struct ag_error *err;
    int rc;
    const char *member;
    /* shared strings */
    char **strings;
    size_t nstrings, astrings;
    int in_si, in_rph, in_t;
    /* worksheet */
    struct assess_grid *g;
    unsigned row, col, next_row, next_col;
    char type[16];
    int in_c, in_v, in_is, in_sheetdata;
    bool has_value;
    struct strbuf text;
};

static const char *local_name(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static void fail(struct xparse *x, int code, const char *fmt, ...) AG_PRINTF(3, 4);
static void fail(struct xparse *x, int code, const char *fmt, ...)
{
    if (x->rc == AG_OK) {
        char msg[700];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        x->rc = ag_error_set(x->err, code, "%s: %s", x->member, msg);
        XML_StopParser(x->p, XML_FALSE);
    }
}
/* Reports the first problem and leaves the handler. */
#define FAIL(x, code, ...)                                                                         \
    do {                                                                                           \
        fail((x), (code), __VA_ARGS__);                                                            \
        return;                                                                                    \
    } while (0)

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                               const XML_Char *pub, int internal)
{
    (void)name, (void)sys, (void)pub, (void)internal;
    fail(ud, AG_EINVAL, "a DOCTYPE is not allowed in a workbook");
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct xparse *x = ud;
    if (x->in_t || x->in_v)
        strbuf_add(&x->text, s, (size_t)len);
}

/* sharedStrings.xml: <sst><si><t>…</t></si><si><r><t>…</t></r>…<rPh><t>ふりがな</t></rPh></si> */
static void XMLCALL sst_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    struct xparse *x = ud;
    const char *n = local_name(name);
    (void)attrs;
    if (strcmp(n, "si") == 0) {
        x->in_si = 1;
        strbuf_reset(&x->text);
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph = 1;
    } else if (strcmp(n, "t") == 0 && x->in_si && !x->in_rph) {
        x->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    struct xparse *x = ud;
    const char *n = local_name(name);
    if (strcmp(n, "t") == 0) {
        x->in_t = 0;
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph = 0;
    } else if (strcmp(n, "si") == 0 && x->in_si) {
        x->in_si = 0;
        if (!strbuf_ok(&x->text) || x->text.len > ASSESS_MAX_CELL)
            FAIL(x, AG_EINVAL, "a shared string is longer than %zu bytes", ASSESS_MAX_CELL);
        if (x->nstrings == XLSX_MAX_STRINGS)
            FAIL(x, AG_EINVAL, "more than %d shared strings", XLSX_MAX_STRINGS);
        if (x->nstrings == x->astrings) {
            size_t na = x->astrings ? x->astrings * 2 : 64;
            char **nv = realloc(x->strings, na * sizeof(*nv));
            if (!nv)
                FAIL(x, AG_ENOMEM, "out of memory");
            x->strings = nv;
            x->astrings = na;
        }
        size_t len;
        char *s = strbuf_take(&x->text, &len);
        if (!s)
            FAIL(x, AG_ENOMEM, "out of memory");
        x->strings[x->nstrings++] = s;
        strbuf_init(&x->text, ASSESS_MAX_CELL + 1);
    }
}

/* "B7" -> column 2, row 7. false if malformed. */
static bool parse_ref(const char *r, unsigned *row, unsigned *col)
{
    unsigned c = 0, w = 0;
    const char *p = r;
    for (; *p >= 'A' && *p <= 'Z'; p++) {
        c = c * 26 + (unsigned)(*p - 'A' + 1);
        if (c > 16384)
            return false;
    }
    if (p == r || !*p)
        return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        w = w * 10 + (unsigned)(*p - '0');
        if (w > 1048576)
            return false;
    }
    if (*p || w == 0)
        return false;
    *row = w;
    *col = c;
    return true;
}

static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
    unsigned v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (unsigned)(*s - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

static void XMLCALL ws_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    struct xparse *x = ud;
    const char *n = local_name(name);
    if (strcmp(n, "sheetData") == 0) {
        x->in_sheetdata = 1;
    } else if (!x->in_sheetdata) {
        return;
    } else if (strcmp(n, "row") == 0) {
        unsigned r = x->next_row;
        for (size_t i = 0; attrs[i]; i += 2)
            if (strcmp(attrs[i], "r") == 0 && !parse_uint(attrs[i + 1], 1048576, &r))
                FAIL(x, AG_EINVAL, "a row has the number \"%.20s\"", attrs[i + 1]);
        if (r == 0 || r > ASSESS_MAX_ROWS)
            FAIL(x, AG_EINVAL, "more than %d rows", ASSESS_MAX_ROWS);
        x->row = r;
        x->next_row = r + 1;
        x->next_col = 1;
    } else if (strcmp(n, "c") == 0) {
        unsigned r = x->row ? x->row : 1, c = x->next_col;
        x->type[0] = '\0';
        for (size_t i = 0; attrs[i]; i += 2) {
            if (strcmp(attrs[i], "r") == 0 && !parse_ref(attrs[i + 1], &r, &c))
                FAIL(x, AG_EINVAL, "a cell has the reference \"%.20s\"", attrs[i + 1]);
            if (strcmp(attrs[i], "t") == 0)
                snprintf(x->type, sizeof(x->type), "%s", attrs[i + 1]);
        }
        if (r > ASSESS_MAX_ROWS)
            FAIL(x, AG_EINVAL, "more than %d rows", ASSESS_MAX_ROWS);
        x->in_c = 1;
        x->row = r;
        x->col = c;
        x->next_col = c + 1;
        x->has_value = false;
        strbuf_reset(&x->text);
    } else if (x->in_c && strcmp(n, "v") == 0) {
        x->in_v = 1;
        x->has_value = true;
        strbuf_reset(&x->text);
    } else if (x->in_c && strcmp(n, "is") == 0) {
        x->in_is = 1;
        x->has_value = true;
        strbuf_reset(&x->text);
    } else if (x->in_is && strcmp(n, "rPh") == 0) {
        x->in_rph = 1;
    } else if (x->in_is && strcmp(n, "t") == 0 && !x->in_rph) {
        x->in_t = 1;
    }
}

static void XMLCALL ws_end(void *ud, const XML_Char *name)
{
    struct xparse *x = ud;
    const char *n = local_name(name);
    if (strcmp(n, "sheetData") == 0) {
        x->in_sheetdata = 0;
    } else if (strcmp(n, "v") == 0) {
        x->in_v = 0;
    } else if (strcmp(n, "t") == 0) {
        x->in_t = 0;
    } else if (strcmp(n, "rPh") == 0) {
        x->in_rph = 0;
    } else if (strcmp(n, "is") == 0) {
        x->in_is = 0;
    } else if (strcmp(n, "c") == 0 && x->in_c) {
        x->in_c = 0;
        if (!x->has_value)
            return;
        char where[48];
        snprintf(where, sizeof(where), "row %u, column %u", x->row, x->col);
        if (!strbuf_ok(&x->text))
            FAIL(x, AG_EINVAL, "%s: the cell is longer than %zu bytes", where, ASSESS_MAX_CELL);
        const char *t = strbuf_str(&x->text);
        size_t len = x->text.len;
        if (strcmp(x->type, "s") == 0) {
            unsigned idx;
            if (!parse_uint(t, UINT32_MAX / 2, &idx) || idx >= x->nstrings)
                FAIL(x, AG_EINVAL, "%s: the shared string it names does not exist", where);
            t = x->strings[idx];
            len = strlen(t);
        } else if (strcmp(x->type, "b") == 0) {
            t = strcmp(t, "1") == 0 ? "TRUE" : "FALSE";
            len = strlen(t);
        }
        if (memchr(t, '\0', len))
            FAIL(x, AG_EINVAL, "%s: the cell holds a NUL character", where);
        struct ag_error gerr;
        int rc = assess_grid_set(x->g, x->row, x->col, t, len, &gerr);
        if (rc)
            fail(x, rc, "%s", gerr.msg);
    }
}

static int xml_parse(struct xparse *x, const char *member, const char *data, size_t len,
                     XML_StartElementHandler start, XML_EndElementHandler end)
{
    x->member = member;
    x->p = XML_ParserCreate("UTF-8");
    if (!x->p)
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, start, end);
    XML_SetCharacterDataHandler(x->p, on_text);
    XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
    int rc = AG_OK;
    if (len > INT32_MAX) {
        rc = ag_error_set(x->err, AG_EINVAL, "%s: too large", member);
    } else if (XML_Parse(x->p, data, (int)len, XML_TRUE) == XML_STATUS_ERROR && x->rc == AG_OK) {
        rc = ag_error_set(x->err, AG_EINVAL, "%s: line %lu: %s", member,
                          (unsigned long)XML_GetCurrentLineNumber(x->p),
                          XML_ErrorString(XML_GetErrorCode(x->p)));
    }
    if (x->rc)
        rc = x->rc;
    XML_ParserFree(x->p);
    x->p = NULL;
    return rc;
}

int assess_xlsx_parse(const void *data, size_t len, struct assess_grid **out, struct ag_error *err)
{
    zip_error_t zerr;
    zip_source_t *src = NULL;
    zip_t *z = NULL;
    char *sst = NULL, *sheet = NULL;
    size_t sst_len, sheet_len;
    struct xparse x = {0};
    int rc = AG_OK;
    x.err = err;
    if (len > ASSESS_IMPORT_MAX_BYTES)
        return ag_error_set(err, AG_EINVAL, "the file is larger than %zu bytes",
                            ASSESS_IMPORT_MAX_BYTES);
    zip_error_init(&zerr);
    if (!(src = zip_source_buffer_create(data, len, 0, &zerr)) ||
        !(z = zip_open_from_source(src, ZIP_RDONLY, &zerr))) {
        rc = ag_error_set(err, AG_EINVAL, "not an .xlsx file (zip archive): %s",
                          zip_error_strerror(&zerr));
        if (src)
            zip_source_free(src);
        zip_error_fini(&zerr);
        return rc;
    }
    zip_error_fini(&zerr);
    if ((rc = read_member(z, "xl/sharedStrings.xml", false, &sst, &sst_len, err)) ||
        (rc = read_member(z, "xl/worksheets/sheet1.xml", true, &sheet, &sheet_len, err)))
        goto out;
    strbuf_init(&x.text, ASSESS_MAX_CELL + 1);
    if (sst && (rc = xml_parse(&x, "xl/sharedStrings.xml", sst, sst_len, sst_start, sst_end)))
        goto out;
    if (!(x.g = calloc(1, sizeof(*x.g)))) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    x.next_row = 1;
    x.in_t = x.in_rph = 0;
    if ((rc = xml_parse(&x, "xl/worksheets/sheet1.xml", sheet, sheet_len, ws_start, ws_end)) ||
        (rc = assess_grid_finish(x.g, err)))
        goto out;
    *out = x.g;
    x.g = NULL;
out:
    assess_grid_free(x.g);
    for (size_t i = 0; i < x.nstrings; i++)
        free(x.strings[i]);
    free(x.strings);
    strbuf_release(&x.text);
    free(sst);
    free(sheet);
    zip_discard(z); /* frees src too */
    return rc;
}
