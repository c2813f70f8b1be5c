/*
 * fuzz_assess.h — the body shared by the self-inspection import fuzz targets (CSV and XLSX):
 * parse arbitrary bytes into a grid, check the grid's invariants, then run the validation an
 * import runs (sheet number, header, item ids, answers, comments). Every refusal must carry a
 * message naming the row; an accepted file must give rows that belong to the sheet.
 */
#ifndef AG_FUZZ_ASSESS_H
#define AG_FUZZ_ASSESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/assess_int.h"

static int fuzz_assess_grid(int (*parse)(const void *, size_t, struct assess_grid **,
                                         struct ag_error *),
                            const uint8_t *data, size_t size)
{
    static const char *const items[] = {"3.1.2.4-2-c2.m1", "3.2.2.1-1-c5.m1", "3.3.1.1-1.m3"};
    struct assess_grid *g = NULL;
    struct ag_error err;
    ag_error_clear(&err);
    if (parse(data, size, &g, &err) != AG_OK) {
        if (!err.msg[0])
            abort();
        return 0;
    }
    /* cells are sorted and unique: every cell is found again by (row, column) */
    for (size_t i = 0; i < g->count; i++) {
        if (i &&
            (g->cells[i - 1].row > g->cells[i].row ||
             (g->cells[i - 1].row == g->cells[i].row && g->cells[i - 1].col >= g->cells[i].col)))
            abort();
        if (assess_grid_get(g, g->cells[i].row, g->cells[i].col) != g->cells[i].text)
            abort();
    }
    struct assess_import imp;
    ag_error_clear(&err);
    if (assess_import_validate(g, 6, items, 3, &imp, &err) == AG_OK) {
        for (size_t i = 0; i < imp.count; i++) {
            bool known = false;
            for (size_t k = 0; k < 3; k++)
                known |= imp.rows[i].item == items[k];
            if (!known || imp.rows[i].answer > ASSESS_NOT_APPLICABLE)
                abort();
        }
        assess_import_release(&imp);
    } else if (strncmp(err.msg, "row ", 4) != 0) {
        abort(); /* every refusal names the row */
    }
    assess_grid_free(g);
    return 0;
}

#endif
