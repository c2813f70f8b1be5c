/*
 * table.c — printing query results: an aligned text table (column widths in terminal columns,
 * so Japanese lines up) or, with --json, a JSON array of objects keyed by column name.
 * Every list command of the CLI goes through cli_query_print, with bound parameters only.
 */
#include "cli/cli.h"
#include "store/store.h"

#include <jansson.h>

#define TABLE_MAX_ROWS 100000
#define TABLE_CELL_MAX 60 /* text tables cut long cells; JSON keeps them whole */

int cli_query_print(struct cli *cli, struct store *st, const char *sql, const char *const *params,
                    size_t nparams)
{
    sqlite3_stmt *s;
    struct ag_error err;
    int rc = store_prepare(st, &s, sql, &err);
    if (rc)
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    for (size_t i = 0; i < nparams; i++)
        store_bind_text(s, (int)i + 1, params[i]);
    int ncol = sqlite3_column_count(s);
    if (cli->json) {
        json_t *arr = json_array();
        while (arr && sqlite3_step(s) == SQLITE_ROW) {
            json_t *o = json_object();
            for (int c = 0; c < ncol; c++) {
                json_t *v;
                switch (sqlite3_column_type(s, c)) {
                case SQLITE_INTEGER:
                    v = json_integer(sqlite3_column_int64(s, c));
                    break;
                case SQLITE_FLOAT:
                    v = json_real(sqlite3_column_double(s, c));
                    break;
                case SQLITE_NULL:
                    v = json_null();
                    break;
                default:
                    v = json_string(store_col_text(s, c));
                }
                json_object_set_new(o, sqlite3_column_name(s, c), v ? v : json_null());
            }
            json_array_append_new(arr, o);
        }
        char *out = arr ? json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
        json_decref(arr);
        sqlite3_finalize(s);
        if (!out)
            return cli_fail(cli, AG_EXIT_FAIL, "out of memory");
        puts(out);
        free(out);
        return AG_EXIT_OK;
    }
    /* text: keep the rows, then print with widths */
    size_t nrows = 0, cap = 0;
    char **cells = NULL;
    size_t *width = calloc((size_t)ncol + 1, sizeof(*width));
    int status = AG_EXIT_OK;
    if (!width) {
        sqlite3_finalize(s);
        return cli_fail(cli, AG_EXIT_FAIL, "out of memory");
    }
    for (int c = 0; c < ncol; c++)
        width[c] = ag_text_width(cli_tr(cli, sqlite3_column_name(s, c)));
    while (nrows < TABLE_MAX_ROWS && sqlite3_step(s) == SQLITE_ROW) {
        if ((nrows + 1) * (size_t)ncol > cap) {
            size_t ncap = cap ? cap * 2 : (size_t)ncol * 64;
            char **p = realloc(cells, ncap * sizeof(*cells));
            if (!p) {
                status = cli_fail(cli, AG_EXIT_FAIL, "out of memory");
                goto out;
            }
            cells = p;
            cap = ncap;
        }
        for (int c = 0; c < ncol; c++) {
            const char *t = store_col_text(s, c);
            struct strbuf sb;
            strbuf_init(&sb, 0);
            /* one line per cell, cut to TABLE_CELL_MAX columns on a character boundary */
            size_t w = 0;
            for (const char *p = t; *p; p++) {
                if (*p == '\n' || *p == '\r' || *p == '\t') {
                    strbuf_addc(&sb, ' ');
                    w++;
                    continue;
                }
                if (((unsigned char)*p & 0xC0) != 0x80) {
                    if (w >= TABLE_CELL_MAX) {
                        strbuf_adds(&sb, "…");
                        break;
                    }
                    w += ((unsigned char)*p >= 0xE0) ? 2 : 1;
                }
                strbuf_addc(&sb, *p);
            }
            cells[nrows * (size_t)ncol + (size_t)c] = strbuf_take(&sb, NULL);
            size_t cw = ag_text_width(cells[nrows * (size_t)ncol + (size_t)c]
                                          ? cells[nrows * (size_t)ncol + (size_t)c]
                                          : "");
            if (cw > width[c])
                width[c] = cw;
        }
        nrows++;
    }
    for (int c = 0; c < ncol; c++) {
        cli_print_padded(cli_tr(cli, sqlite3_column_name(s, c)), c + 1 < ncol ? width[c] + 2 : 0);
    }
    putchar('\n');
    for (size_t r = 0; r < nrows; r++) {
        for (int c = 0; c < ncol; c++) {
            const char *cell = cells[r * (size_t)ncol + (size_t)c];
            cli_print_padded(cell ? cell : "", c + 1 < ncol ? width[c] + 2 : 0);
        }
        putchar('\n');
    }
out:
    for (size_t i = 0; i < nrows * (size_t)ncol; i++)
        free(cells[i]);
    free(cells);
    free(width);
    sqlite3_finalize(s);
    return status;
}

void cli_print_record(struct cli *cli, struct sqlite3_stmt *s)
{
    size_t w = 0;
    for (int c = 0; c < sqlite3_column_count(s); c++) {
        size_t cw = ag_text_width(cli_tr(cli, sqlite3_column_name(s, c)));
        w = cw > w ? cw : w;
    }
    for (int c = 0; c < sqlite3_column_count(s); c++) {
        const char *v = store_col_text(s, c);
        if (!*v)
            continue;
        cli_print_padded(cli_tr(cli, sqlite3_column_name(s, c)), w + 2);
        puts(v);
    }
}
