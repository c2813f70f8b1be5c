/*
 * assess_xlsx.c — self-inspection sheets as .xlsx: written with libxlsxwriter (a readable sheet
 * with a drop-down list in the answer column), read back with libzip + expat. The reader takes
 * what Excel and other programs write: shared strings (including rich-text runs, without the
 * phonetic guides <rPh> Japanese Excel adds), inline strings, formula results and numbers, with
 * or without cell references, with or without namespace prefixes.
 *
 * The workbook reader (assess_xlsx_parse_book, for the self-inspection workbook) reads every
 * worksheet: the sheet names and relationship ids of xl/workbook.xml, their targets in
 * xl/_rels/workbook.xml.rels, then each worksheet member with the one shared-string table.
 *
 * Trust boundary: the archive is untrusted. Each member is read up to XLSX_MEMBER_MAX bytes
 * whatever its header claims, and all members of one file together up to XLSX_BOOK_MAX; a
 * DOCTYPE is refused (no entity expansion); cell text is capped per cell and, across every sheet
 * of a workbook, to ASSESS_IMPORT_MAX_BYTES; at most XLSX_MAX_SHEETS worksheets; a relationship
 * target must stay inside xl/ (no "..", no absolute path outside the package).
 */
#include "isms/assess_int.h"

#include <errno.h>
#include <expat.h>
#include <unistd.h>
#include "isms/dl_xlsxwriter.h"
#include "isms/dl_zip.h"

#define XLSX_MEMBER_MAX ((size_t)32 << 20)
#define XLSX_MAX_STRINGS 200000
#define XLSX_BOOK_MAX ((size_t)128 << 20)
#define XLSX_MAX_SHEETS 64
#define XLSX_NAME_MAX 128 /* bytes of a sheet name or a member path */

/* ---- writing ---- */

int assess_xlsx_close(lxw_workbook *wb, const char *tmp, const char *path, int rc,
                      struct ag_error *err)
{
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

int assess_xlsx_answer_list(lxw_worksheet *ws, unsigned first_row, unsigned last_row, unsigned col)
{
    const char *choices[] = {"実施", "一部実施", "未実施", "該当なし", NULL};
    lxw_data_validation dv = {0};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = (char **)choices;
    dv.input_title = "回答 / answer";
    dv.input_message = "実施 / 一部実施 / 未実施 / 該当なし";
    dv.error_title = "回答 / answer";
    dv.error_message =
        "実施、一部実施、未実施、該当なし から選んでください / choose one of the list";
    return worksheet_data_validation_range(ws, first_row, (lxw_col_t)col, last_row, (lxw_col_t)col,
                                           &dv) == LXW_NO_ERROR
               ? AG_OK
               : AG_EINVAL;
}

int assess_xlsx_write(const struct assess_grid *g, const char *path, struct ag_error *err)
{
    char tmp[4200];
    int rc = ag_dynlib_load(&ag_xlsxwriter_lib, err);
    if (rc)
        return rc;
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
        assess_xlsx_answer_list(ws, ASSESS_ROW_FIRST - 1, rows - 1, ASSESS_COL_ANSWER - 1);
        worksheet_freeze_panes(ws, ASSESS_ROW_HEADER, 0);
    }
    return assess_xlsx_close(wb, tmp, path, rc, err);
}

/* ---- reading ---- */

/* Reads member `name` whole, up to XLSX_MEMBER_MAX bytes and what is left of *budget (the bytes
 * all members of one file may give together), which it lowers. */
static int read_member(zip_t *z, const char *name, bool required, size_t *budget, char **out,
                       size_t *len, struct ag_error *err)
{
    *out = NULL;
    *len = 0;
    size_t cap = *budget < XLSX_MEMBER_MAX ? *budget : XLSX_MEMBER_MAX;
    if (cap == 0)
        return ag_error_set(err, AG_EINVAL, "%s: the members of the file hold more than %zu bytes",
                            name, XLSX_BOOK_MAX);
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f)
        return required ? ag_error_set(err, AG_EINVAL,
                                       "the workbook has no %s (is it an .xlsx file?)", name)
                        : AG_OK;
    struct strbuf sb;
    char buf[16384];
    zip_int64_t n;
    strbuf_init(&sb, cap);
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
        return ag_error_set(err, AG_EINVAL, "%s: larger than %zu bytes", name, cap);
    }
    *budget -= sb.len;
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
    /* workbook.xml and its relationships: the worksheets in workbook order */
    struct book_entry {
        char name[XLSX_NAME_MAX], rid[XLSX_NAME_MAX], target[XLSX_NAME_MAX];
    } * entries;
    size_t nentries;
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

/* workbook.xml: <workbook><sheets><sheet name="…" sheetId="1" r:id="rId1"/>…</sheets> */
static void XMLCALL book_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    struct xparse *x = ud;
    if (strcmp(local_name(name), "sheet") != 0)
        return;
    const char *sheet = NULL, *rid = NULL;
    for (size_t i = 0; attrs[i]; i += 2) {
        if (strcmp(attrs[i], "name") == 0)
            sheet = attrs[i + 1];
        else if (strchr(attrs[i], ':') && strcmp(local_name(attrs[i]), "id") == 0)
            rid = attrs[i + 1]; /* r:id, whatever the prefix */
    }
    if (!sheet || !rid)
        FAIL(x, AG_EINVAL, "a sheet has no name or no relationship id");
    if (strlen(sheet) >= XLSX_NAME_MAX || strlen(rid) >= XLSX_NAME_MAX)
        FAIL(x, AG_EINVAL, "a sheet name or relationship id is longer than %d bytes",
             XLSX_NAME_MAX - 1);
    if (x->nentries == XLSX_MAX_SHEETS)
        FAIL(x, AG_EINVAL, "more than %d sheets", XLSX_MAX_SHEETS);
    struct book_entry *e = &x->entries[x->nentries++];
    snprintf(e->name, sizeof(e->name), "%s", sheet);
    snprintf(e->rid, sizeof(e->rid), "%s", rid);
}

/* The member a worksheet relationship points at: "worksheets/sheet2.xml" (relative to xl/) or
 * "/xl/worksheets/sheet2.xml". false for anything outside xl/. */
static bool rel_target(const char *t, char out[XLSX_NAME_MAX])
{
    int n = t[0] == '/' ? snprintf(out, XLSX_NAME_MAX, "%s", t + 1)
                        : snprintf(out, XLSX_NAME_MAX, "xl/%s", t);
    return n > 0 && n < XLSX_NAME_MAX && strncmp(out, "xl/", 3) == 0 && !strstr(out, "..") &&
           !strchr(out, '\\');
}

/* xl/_rels/workbook.xml.rels: <Relationship Id="rId1" Type="…/worksheet" Target="…"/> */
static void XMLCALL rels_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    struct xparse *x = ud;
    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    const char *id = NULL, *target = NULL;
    for (size_t i = 0; attrs[i]; i += 2) {
        if (strcmp(attrs[i], "Id") == 0)
            id = attrs[i + 1];
        else if (strcmp(attrs[i], "Target") == 0)
            target = attrs[i + 1];
    }
    for (size_t i = 0; id && target && i < x->nentries; i++) {
        if (strcmp(x->entries[i].rid, id) != 0)
            continue;
        if (!rel_target(target, x->entries[i].target))
            FAIL(x, AG_EINVAL, "sheet \"%s\": the target \"%.60s\" is outside the workbook",
                 x->entries[i].name, target);
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud, (void)name;
}

/* Opens the archive in memory (data must outlive *z). */
static int zip_from_memory(const void *data, size_t len, zip_t **z, struct ag_error *err)
{
    zip_error_t zerr;
    zip_source_t *src = NULL;
    int rc = AG_OK;
    *z = NULL;
    if (len > ASSESS_IMPORT_MAX_BYTES)
        return ag_error_set(err, AG_EINVAL, "the file is larger than %zu bytes",
                            ASSESS_IMPORT_MAX_BYTES);
    if ((rc = ag_dynlib_load(&ag_zip_lib, err)))
        return rc;
    zip_error_init(&zerr);
    if (!(src = zip_source_buffer_create(data, len, 0, &zerr)) ||
        !(*z = zip_open_from_source(src, ZIP_RDONLY, &zerr))) {
        rc = ag_error_set(err, AG_EINVAL, "not an .xlsx file (zip archive): %s",
                          zip_error_strerror(&zerr));
        if (src)
            zip_source_free(src);
    }
    zip_error_fini(&zerr);
    return rc;
}

/* Reads and parses one member with the given handlers (absent and optional: nothing happens). */
static int parse_member(zip_t *z, struct xparse *x, const char *member, bool required,
                        size_t *budget, XML_StartElementHandler start, XML_EndElementHandler end)
{
    char *data = NULL;
    size_t len;
    int rc = read_member(z, member, required, budget, &data, &len, x->err);
    if (!rc && data)
        rc = xml_parse(x, member, data, len, start, end);
    free(data);
    return rc;
}

/* One worksheet member into a new grid; *text_used (text bytes of the sheets read before) counts
 * against the file's cap. */
static int parse_sheet(zip_t *z, struct xparse *x, const char *member, size_t *budget,
                       size_t *text_used, struct assess_grid **out)
{
    int rc;
    *out = NULL;
    if (!(x->g = calloc(1, sizeof(*x->g))))
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    x->g->bytes = *text_used;
    x->next_row = 1;
    x->row = 0;
    x->in_c = x->in_v = x->in_is = x->in_t = x->in_rph = x->in_sheetdata = 0;
    if ((rc = parse_member(z, x, member, true, budget, ws_start, ws_end)) ||
        (rc = assess_grid_finish(x->g, x->err))) {
        assess_grid_free(x->g);
        x->g = NULL;
        return rc;
    }
    *text_used = x->g->bytes;
    *out = x->g;
    x->g = NULL;
    return AG_OK;
}

/* Opens the archive and readies x for its members. */
static int xparse_open(struct xparse *x, zip_t **z, const void *data, size_t len,
                       struct ag_error *err)
{
    x->err = err;
    strbuf_init(&x->text, ASSESS_MAX_CELL + 1);
    return zip_from_memory(data, len, z, err);
}

static void xparse_release(struct xparse *x)
{
    assess_grid_free(x->g);
    for (size_t i = 0; i < x->nstrings; i++)
        free(x->strings[i]);
    free(x->strings);
    free(x->entries);
    strbuf_release(&x->text);
}

int assess_xlsx_parse(const void *data, size_t len, struct assess_grid **out, struct ag_error *err)
{
    zip_t *z = NULL;
    struct xparse x = {0};
    size_t budget = XLSX_BOOK_MAX, text_used = 0;
    int rc;
    if ((rc = xparse_open(&x, &z, data, len, err)))
        return rc;
    if (!(rc = parse_member(z, &x, "xl/sharedStrings.xml", false, &budget, sst_start, sst_end)))
        rc = parse_sheet(z, &x, "xl/worksheets/sheet1.xml", &budget, &text_used, out);
    xparse_release(&x);
    zip_discard(z); /* frees the source too */
    return rc;
}

void assess_book_free(struct assess_book *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->count; i++)
        assess_grid_free(b->sheets[i].grid);
    free(b->sheets);
    free(b);
}

int assess_xlsx_parse_book(const void *data, size_t len, struct assess_book **out,
                           struct ag_error *err)
{
    zip_t *z = NULL;
    struct xparse x = {0};
    struct assess_book *b = NULL;
    size_t budget = XLSX_BOOK_MAX, text_used = 0;
    int rc;
    *out = NULL;
    if ((rc = xparse_open(&x, &z, data, len, err)))
        return rc;
    if (!(x.entries = calloc(XLSX_MAX_SHEETS, sizeof(*x.entries))) ||
        !(b = calloc(1, sizeof(*b))) ||
        !(b->sheets = calloc(XLSX_MAX_SHEETS, sizeof(*b->sheets)))) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    if ((rc = parse_member(z, &x, "xl/workbook.xml", true, &budget, book_start, no_end)) ||
        (rc = parse_member(z, &x, "xl/_rels/workbook.xml.rels", true, &budget, rels_start,
                           no_end)) ||
        (rc = parse_member(z, &x, "xl/sharedStrings.xml", false, &budget, sst_start, sst_end)))
        goto out;
    for (size_t i = 0; i < x.nentries; i++) {
        const struct book_entry *e = &x.entries[i];
        if (!e->target[0])
            continue; /* a chart sheet or a dangling id: not a worksheet */
        struct assess_book_sheet *bs = &b->sheets[b->count];
        snprintf(bs->name, sizeof(bs->name), "%s", e->name);
        if ((rc = parse_sheet(z, &x, e->target, &budget, &text_used, &bs->grid))) {
            char msg[sizeof(err->msg)];
            snprintf(msg, sizeof(msg), "%s", err->msg);
            ag_error_set(err, rc, "sheet \"%s\": %s", e->name, msg);
            goto out;
        }
        b->count++;
    }
    *out = b;
    b = NULL;
out:
    assess_book_free(b);
    xparse_release(&x);
    zip_discard(z);
    return rc;
}
