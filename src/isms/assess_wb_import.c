/*
 * assess_wb_import.c — reading a filled-in self-inspection workbook back (assess_workbook.c
 * writes it): find the campaign, validate every department sheet against the campaign as stored
 * (assess_wb_validate, a pure function the fuzz target drives too), check who imports, and store
 * the changed answers on their respondents' sheets in one transaction.
 *
 * Trust boundary: the workbook is untrusted (assess_xlsx_parse_book caps it); every cell is
 * checked before anything is stored, and the first problem is reported with the sheet's name and
 * the row and column as the spreadsheet shows them.
 */
#include "isms/assess_int.h"

#include <ctype.h>

/* The text of a cell without spaces, tabs and line breaks at both ends. */
static void trim(const char *s, const char **start, size_t *len)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    *start = s;
    *len = n;
}

static bool is_text(const char *cell, const char *want)
{
    const char *s;
    size_t n;
    trim(cell, &s, &n);
    return strlen(want) == n && memcmp(s, want, n) == 0;
}

/* A whole number in a cell: "12", or "12.0" as some programs write numbers back. */
static bool cell_number(const char *cell, long long max, long long *out)
{
    const char *s;
    size_t n;
    long long v = 0;
    trim(cell, &s, &n);
    if (n >= 2 && s[n - 2] == '.' && s[n - 1] == '0')
        n -= 2;
    if (n == 0 || n > 18)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > max)
        return false;
    *out = v;
    return true;
}

/* Two comments are the same text when they match after trimming, carriage returns aside
 * (spreadsheets turn CRLF into LF). */
static bool same_comment(const char *a, const char *b)
{
    const char *x, *y;
    size_t nx, ny, i = 0, k = 0;
    trim(a, &x, &nx);
    trim(b, &y, &ny);
    for (;;) {
        while (i < nx && x[i] == '\r')
            i++;
        while (k < ny && y[k] == '\r')
            k++;
        if (i == nx || k == ny)
            return i == nx && k == ny;
        if (x[i++] != y[k++])
            return false;
    }
}

int assess_wb_campaign(const struct assess_book *b, long long *plan, int *round,
                       struct ag_error *err)
{
    for (size_t i = 0; i < b->count; i++) {
        const struct assess_grid *g = b->sheets[i].grid;
        if (!is_text(assess_grid_get(g, ASSESS_WB_ROW_DEPT, 1), ASSESS_WB_DEPT_LABEL))
            continue;
        long long p, r;
        if (!cell_number(assess_grid_get(g, ASSESS_WB_ROW_PLAN, 2), INT64_MAX / 10, &p))
            return ag_error_set(err, AG_EINVAL,
                                "sheet \"%s\", row %d, column B (%s): \"%.40s\" is not a plan "
                                "number",
                                b->sheets[i].name, ASSESS_WB_ROW_PLAN, ASSESS_WB_PLAN_LABEL,
                                assess_grid_get(g, ASSESS_WB_ROW_PLAN, 2));
        if (!cell_number(assess_grid_get(g, ASSESS_WB_ROW_PLAN, 3), 12, &r))
            return ag_error_set(err, AG_EINVAL,
                                "sheet \"%s\", row %d, column C (%s): \"%.40s\" is not a round "
                                "(1 to 12)",
                                b->sheets[i].name, ASSESS_WB_ROW_PLAN, ASSESS_WB_PLAN_LABEL,
                                assess_grid_get(g, ASSESS_WB_ROW_PLAN, 3));
        *plan = p;
        *round = (int)r;
        return AG_OK;
    }
    return ag_error_set(err, AG_EINVAL,
                        "the workbook has no department sheet (row %d, column A \"%s\"): write "
                        "one with airguard assess workbook",
                        ASSESS_WB_ROW_DEPT, ASSESS_WB_DEPT_LABEL);
}

void assess_wb_import_release(struct assess_wb_import *imp)
{
    for (size_t i = 0; i < imp->count; i++)
        free(imp->changes[i].comment);
    free(imp->changes);
    free(imp->dept_seen);
    memset(imp, 0, sizeof(*imp));
}

/* Reports a bad cell: sheet "NAME", row R, column C (header): … and leaves through `out`. */
#define BAD(r, c, ...)                                                                             \
    do {                                                                                           \
        char msg_[700];                                                                            \
        snprintf(msg_, sizeof(msg_), __VA_ARGS__);                                                 \
        rc = ag_error_set(err, AG_EINVAL, "sheet \"%s\", row %u, column %c (%s): %s", bs->name,    \
                          (unsigned)(r), (char)('A' + (c)-1), assess_wb_col_names[(c)], msg_);     \
        goto out;                                                                                  \
    } while (0)

/* State of one validation: where each sheet's items start in `seen`. */
struct wb_check {
    const struct assess_wb *m;
    size_t *offset; /* [nsheets] */
    bool *seen;     /* one per item of every sheet */
    struct assess_wb_import *imp;
    size_t alloc;
};

static int add_change(struct wb_check *c, size_t sheet, size_t item, enum assess_answer a,
                      const char *comment, size_t len, struct ag_error *err)
{
    struct assess_wb_import *imp = c->imp;
    if (imp->count == c->alloc) {
        size_t na = c->alloc ? c->alloc * 2 : 64;
        struct assess_wb_change *nv = realloc(imp->changes, na * sizeof(*nv));
        if (!nv)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        imp->changes = nv;
        c->alloc = na;
    }
    char *text = malloc(len + 1);
    if (!text)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    memcpy(text, comment, len);
    text[len] = '\0';
    imp->changes[imp->count++] = (struct assess_wb_change){sheet, item, a, text};
    return AG_OK;
}

/* One department sheet of the workbook. */
static int check_sheet(struct wb_check *c, const struct assess_book_sheet *bs, struct ag_error *err)
{
    const struct assess_wb *m = c->m;
    const struct assess_grid *g = bs->grid;
    int rc = AG_OK;
    long long plan = 0, round = 0;
    const char *s;
    size_t n;
    if (!cell_number(assess_grid_get(g, ASSESS_WB_ROW_PLAN, 2), INT64_MAX / 10, &plan) ||
        !cell_number(assess_grid_get(g, ASSESS_WB_ROW_PLAN, 3), 12, &round) || plan != m->plan ||
        round != m->round) {
        rc = ag_error_set(err, AG_EINVAL,
                          "sheet \"%s\", row %d, columns B-C (%s): \"%.20s\", \"%.20s\" is not "
                          "plan %lld, round %d: the sheet belongs to another campaign",
                          bs->name, ASSESS_WB_ROW_PLAN, ASSESS_WB_PLAN_LABEL,
                          assess_grid_get(g, ASSESS_WB_ROW_PLAN, 2),
                          assess_grid_get(g, ASSESS_WB_ROW_PLAN, 3), m->plan, m->round);
        goto out;
    }
    trim(assess_grid_get(g, ASSESS_WB_ROW_DEPT, 2), &s, &n);
    size_t dept = 0;
    while (dept < m->ndepts &&
           !(strlen(m->depts[dept].code) == n && memcmp(m->depts[dept].code, s, n) == 0))
        dept++;
    if (dept == m->ndepts) {
        rc = ag_error_set(err, AG_EINVAL,
                          "sheet \"%s\", row %d, column B (%s): \"%.*s\" is not a department "
                          "with sheets in plan %lld, round %d",
                          bs->name, ASSESS_WB_ROW_DEPT, ASSESS_WB_DEPT_LABEL,
                          (int)(n > 64 ? 64 : n), s, m->plan, m->round);
        goto out;
    }
    if (c->imp->dept_seen[dept]) {
        rc = ag_error_set(err, AG_EINVAL,
                          "sheet \"%s\", row %d, column B (%s): department %s appears on a "
                          "second sheet",
                          bs->name, ASSESS_WB_ROW_DEPT, ASSESS_WB_DEPT_LABEL, m->depts[dept].code);
        goto out;
    }
    c->imp->dept_seen[dept] = true;
    c->imp->dept_sheets++;
    for (unsigned col = 1; col <= ASSESS_WB_NCOLS; col++)
        if (!is_text(assess_grid_get(g, ASSESS_WB_ROW_HEADER, col), assess_wb_col_names[col]))
            BAD(ASSESS_WB_ROW_HEADER, col,
                "expected the header \"%s\", found \"%.60s\" (the layout must stay as written)",
                assess_wb_col_names[col], assess_grid_get(g, ASSESS_WB_ROW_HEADER, col));
    unsigned rows = assess_grid_rows(g);
    for (unsigned r = ASSESS_WB_ROW_FIRST; r <= rows; r++) {
        bool empty = true;
        for (unsigned col = 1; col <= ASSESS_WB_NCOLS && empty; col++) {
            trim(assess_grid_get(g, r, col), &s, &n);
            empty = n == 0;
        }
        if (empty)
            continue;
        long long id = 0;
        const char *cell = assess_grid_get(g, r, ASSESS_WB_COL_SHEET);
        if (!cell_number(cell, INT64_MAX / 10, &id))
            BAD(r, ASSESS_WB_COL_SHEET, "\"%.40s\" is not a sheet number", cell);
        size_t si = 0;
        while (si < m->nsheets && m->sheets[si].id != id)
            si++;
        if (si == m->nsheets)
            BAD(r, ASSESS_WB_COL_SHEET, "%lld is not a sheet of plan %lld, round %d", id, m->plan,
                m->round);
        const struct assess_wb_sheet *sh = &m->sheets[si];
        if (sh->dept != dept)
            BAD(r, ASSESS_WB_COL_SHEET, "sheet %lld belongs to department %s, not %s", id,
                m->depts[sh->dept].code, m->depts[dept].code);
        if (!is_text(assess_grid_get(g, r, ASSESS_WB_COL_LOGIN), sh->login))
            BAD(r, ASSESS_WB_COL_LOGIN, "\"%.40s\" is not the respondent of sheet %lld (%s)",
                assess_grid_get(g, r, ASSESS_WB_COL_LOGIN), id, sh->login);
        trim(assess_grid_get(g, r, ASSESS_WB_COL_ITEM), &s, &n);
        if (n == 0)
            BAD(r, ASSESS_WB_COL_ITEM, "empty: every row needs the item id it answers");
        size_t k = 0;
        while (k < sh->nitems &&
               !(strlen(sh->items[k].node->id) == n && memcmp(sh->items[k].node->id, s, n) == 0))
            k++;
        if (k == sh->nitems)
            BAD(r, ASSESS_WB_COL_ITEM, "\"%.*s\" is not an item of sheet %lld (%s)",
                (int)(n > 80 ? 80 : n), s, id, sh->login);
        if (c->seen[c->offset[si] + k])
            BAD(r, ASSESS_WB_COL_ITEM, "\"%s\" of sheet %lld appears a second time",
                sh->items[k].node->id, id);
        c->seen[c->offset[si] + k] = true;
        const struct assess_wb_item *it = &sh->items[k];
        enum assess_answer a = ASSESS_UNANSWERED;
        trim(assess_grid_get(g, r, ASSESS_WB_COL_ANSWER), &s, &n);
        if (n && assess_answer_parse(assess_grid_get(g, r, ASSESS_WB_COL_ANSWER), &a) != AG_OK)
            BAD(r, ASSESS_WB_COL_ANSWER, "\"%.*s\" is not one of: 実施, 一部実施, 未実施, 該当なし",
                (int)(n > 80 ? 80 : n), s);
        const char *comment = assess_grid_get(g, r, ASSESS_WB_COL_COMMENT);
        trim(comment, &s, &n);
        if (n) {
            struct ag_error cerr;
            if (a == ASSESS_UNANSWERED)
                BAD(r, ASSESS_WB_COL_ANSWER,
                    "empty, but the row has a comment: choose 実施, 一部実施, 未実施 or 該当なし");
            if (isms_check_text("comment", comment, ASSESS_COMMENT_MAX, &cerr) != AG_OK)
                BAD(r, ASSESS_WB_COL_COMMENT, "%.400s", cerr.msg);
        }
        if (a == ASSESS_UNANSWERED)
            continue; /* an empty answer leaves what is stored */
        if (a == it->answer && same_comment(comment, it->comment))
            continue; /* as stored */
        if (sh->submitted)
            BAD(r, a != it->answer ? ASSESS_WB_COL_ANSWER : ASSESS_WB_COL_COMMENT,
                "sheet %lld (%s) is submitted: its answers are final", id, sh->login);
        if ((rc = add_change(c, si, k, a, s, n, err)))
            goto out;
    }
out:
    return rc;
}

int assess_wb_validate(const struct assess_wb *m, const struct assess_book *b,
                       struct assess_wb_import *out, struct ag_error *err)
{
    struct assess_wb_import imp = {0};
    struct wb_check c = {m, NULL, NULL, &imp, 0};
    size_t total = 0;
    int rc = AG_OK;
    memset(out, 0, sizeof(*out));
    if (!(c.offset = calloc(m->nsheets + 1, sizeof(*c.offset))) ||
        !(imp.dept_seen = calloc(m->ndepts + 1, sizeof(*imp.dept_seen)))) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < m->nsheets; i++) {
        c.offset[i] = total;
        total += m->sheets[i].nitems;
    }
    if (!(c.seen = calloc(total + 1, sizeof(*c.seen)))) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < b->count && !rc; i++)
        if (is_text(assess_grid_get(b->sheets[i].grid, ASSESS_WB_ROW_DEPT, 1),
                    ASSESS_WB_DEPT_LABEL))
            rc = check_sheet(&c, &b->sheets[i], err);
    if (!rc && imp.dept_sheets == 0)
        rc = ag_error_set(err, AG_EINVAL,
                          "the workbook has no department sheet (row %d, column A \"%s\"): write "
                          "one with airguard assess workbook",
                          ASSESS_WB_ROW_DEPT, ASSESS_WB_DEPT_LABEL);
out:
    free(c.offset);
    free(c.seen);
    if (rc)
        assess_wb_import_release(&imp);
    else
        *out = imp;
    return rc;
}

/* The CISO imports any workbook; a department's information security manager only one whose
 * department sheets are all theirs. */
static int may_import(struct store *st, long long actor, const struct assess_wb *m,
                      const struct assess_wb_import *imp, struct ag_error *err)
{
    if (isms_has_role(st, actor, "ciso", 0))
        return AG_OK;
    for (size_t d = 0; d < m->ndepts; d++) {
        char what[160];
        if (!imp->dept_seen[d])
            continue;
        snprintf(what, sizeof(what), "import the self-inspection workbook sheet of department %s",
                 m->depts[d].code);
        int rc = isms_duty_has_role(st, actor, "manager", m->depts[d].id, what, err);
        if (rc)
            return rc;
    }
    return AG_OK;
}

/* Stores the changes and writes the audit rows: one per sheet changed, one for the workbook. */
static int store_changes(struct store *st, const struct assess_wb *m,
                         const struct assess_wb_import *imp, struct ag_error *err)
{
    int rc = AG_OK;
    char id[24], detail[160];
    for (size_t i = 0; !rc && i < imp->count; i++) {
        const struct assess_wb_change *ch = &imp->changes[i];
        rc = assess_answer_store(st, m->sheets[ch->sheet].id,
                                 m->sheets[ch->sheet].items[ch->item].node->id, ch->answer,
                                 ch->comment, NULL, err);
    }
    for (size_t si = 0; !rc && si < m->nsheets; si++) {
        int n = 0;
        for (size_t i = 0; i < imp->count; i++)
            n += imp->changes[i].sheet == si;
        if (!n)
            continue;
        snprintf(id, sizeof(id), "%lld", m->sheets[si].id);
        snprintf(detail, sizeof(detail),
                 "{\"format\": \"xlsx\", \"kind\": \"workbook\", "
                 "\"answers\": %d}",
                 n);
        rc = store_audit(st, "import", "assess_sheets", id, detail, err);
    }
    if (!rc) {
        snprintf(id, sizeof(id), "%lld", m->plan);
        snprintf(detail, sizeof(detail),
                 "{\"format\": \"xlsx\", \"kind\": \"workbook\", \"round\": %d, \"answers\": %zu, "
                 "\"department_sheets\": %zu}",
                 m->round, imp->count, imp->dept_sheets);
        rc = store_audit(st, "import", "assess_plans", id, detail, err);
    }
    return rc;
}

int assess_workbook_import(struct store *st, const struct catalog *cat, long long actor,
                           const char *path, struct assess_workbook_stats *stats, int *count,
                           struct ag_error *err)
{
    struct assess_book *b = NULL;
    struct assess_wb m = {0};
    struct assess_wb_import imp = {0};
    struct ag_error perr;
    char *data = NULL;
    size_t len;
    long long plan = 0;
    int round = 0, rc;
    *count = 0;
    memset(stats, 0, sizeof(*stats));
    if ((rc = ag_file_read(path, ASSESS_IMPORT_MAX_BYTES, &data, &len, err)))
        return rc;
    if ((rc = assess_xlsx_parse_book(data, len, &b, &perr)) ||
        (rc = assess_wb_campaign(b, &plan, &round, &perr))) {
        ag_error_set(err, rc, "%s: %s; nothing was imported", path, perr.msg);
        goto out;
    }
    if ((rc = assess_wb_load(st, cat, plan, round, NULL, &m, err)))
        goto out;
    if ((rc = assess_wb_validate(&m, b, &imp, &perr))) {
        ag_error_set(err, rc, "%s: %s; nothing was imported", path, perr.msg);
        goto out;
    }
    if ((rc = may_import(st, actor, &m, &imp, err)))
        goto out;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out;
    rc = isms_tx_end(st, own, store_changes(st, &m, &imp, err), err);
    if (!rc) {
        *count = (int)imp.count;
        stats->plan = m.plan;
        stats->round = m.round;
        stats->departments = (int)imp.dept_sheets;
        for (size_t i = 0; i < m.nsheets; i++)
            if (imp.dept_seen[m.sheets[i].dept]) {
                stats->sheets++;
                stats->rows += (int)m.sheets[i].nitems;
            }
    }
out:
    assess_wb_import_release(&imp);
    assess_wb_release(&m);
    assess_book_free(b);
    free(data);
    return rc;
}
