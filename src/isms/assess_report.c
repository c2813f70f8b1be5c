/*
 * assess_report.c — the analysis of a self-inspection round (3.3.1.1(1), 確認及び評価の方法):
 * 実施率 = 実施 / (実施 + 一部実施 + 未実施), i.e. implemented over answered-and-applicable
 * (該当なし and unanswered items are left out of the denominator; 一部実施 is not implemented —
 * the guideline's 対策実施数 counts measures carried out). Only submitted sheets count: an
 * answer on a sheet still being filled in is not a result yet. Every figure is given for the
 * round and for the previous campaign, overall and by section, PDCA phase, department, role and
 * item.
 */
#include "isms/assess_int.h"

const char *const assess_by_names[] = {"section", "phase", "department", "role", "item", NULL};

static struct assess_report_row *row_get(struct assess_report *r, enum assess_by by,
                                         const char *key, long order)
{
    for (size_t i = 0; i < r->nrows[by]; i++)
        if (strcmp(r->rows[by][i].key, key) == 0)
            return &r->rows[by][i];
    struct assess_report_row *nv = realloc(r->rows[by], (r->nrows[by] + 1) * sizeof(*nv));
    if (!nv)
        return NULL;
    r->rows[by] = nv;
    struct assess_report_row *row = &nv[r->nrows[by]++];
    memset(row, 0, sizeof(*row));
    snprintf(row->key, sizeof(row->key), "%s", key);
    row->order = order;
    return row;
}

/* The section an item is counted under: its ancestor at depth 2 (e.g. 3.1.2). */
static const struct catalog_node *section_of(const struct catalog_node *n)
{
    while (n->parent && n->depth > 2)
        n = n->parent;
    return n;
}

static int round_with_sheets(struct store *st, long long plan, int *round)
{
    sqlite3_stmt *s;
    *round = 0;
    if (sqlite3_prepare_v2(store_db(st), "SELECT max(round) FROM assess_sheets WHERE plan_id = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return AG_EIO;
    sqlite3_bind_int64(s, 1, plan);
    if (sqlite3_step(s) == SQLITE_ROW)
        *round = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return AG_OK;
}

static int tally(struct store *st, const struct catalog *cat, long long plan, int round,
                 struct assess_report *r, bool prev, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT count(*), coalesce(sum(status = 'submitted'), 0) FROM "
                           "assess_sheets WHERE plan_id = ? AND round = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int(s, 2, round);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *(prev ? &r->prev_sheets : &r->sheets) = sqlite3_column_int(s, 0);
        *(prev ? &r->prev_submitted : &r->submitted) = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    if ((rc = store_prepare(st, &s,
                            "SELECT a.item_id, a.answer, a.role, d.code, d.id FROM assess_answers "
                            "a JOIN assess_sheets s ON s.id = a.sheet_id JOIN departments d ON "
                            "d.id = s.department_id WHERE s.plan_id = ? AND s.round = ? AND "
                            "s.status = 'submitted'",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int(s, 2, round);
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        const struct catalog_node *n = catalog_by_id(cat, store_col_text(s, 0));
        if (!n)
            continue; /* an item the loaded catalog no longer has */
        enum assess_answer a = ASSESS_UNANSWERED;
        if (sqlite3_column_type(s, 1) != SQLITE_NULL &&
            assess_answer_parse(store_col_text(s, 1), &a) != AG_OK)
            a = ASSESS_UNANSWERED;
        const char *role = store_col_text(s, 2);
        long role_order = 99;
        for (size_t i = 0; i < catalog_role_count(cat); i++)
            if (strcmp(catalog_role_at(cat, i)->id, role) == 0)
                role_order = (long)i;
        const struct catalog_node *sec = section_of(n);
        struct {
            enum assess_by by;
            const char *key;
            long order;
        } keys[] = {
            {ASSESS_BY_SECTION, sec->ref, (long)sec->index},
            {ASSESS_BY_PHASE, catalog_phase_name(n->phase), (long)n->phase},
            {ASSESS_BY_DEPARTMENT, store_col_text(s, 3), (long)sqlite3_column_int64(s, 4)},
            {ASSESS_BY_ROLE, role, role_order},
            {ASSESS_BY_ITEM, n->id, (long)n->index},
        };
        assess_tally_add(prev ? &r->prev_total : &r->total, a);
        for (size_t k = 0; k < AG_ARRAY_LEN(keys); k++) {
            struct assess_report_row *row = row_get(r, keys[k].by, keys[k].key, keys[k].order);
            if (!row) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                break;
            }
            assess_tally_add(prev ? &row->prev : &row->now, a);
        }
    }
    sqlite3_finalize(s);
    return rc;
}

static int cmp_rows(const void *a, const void *b)
{
    const struct assess_report_row *x = a, *y = b;
    return x->order < y->order ? -1 : x->order > y->order ? 1 : strcmp(x->key, y->key);
}

int assess_report_compute(struct store *st, const struct catalog *cat, long long plan, int round,
                          struct assess_report *r, struct ag_error *err)
{
    sqlite3_stmt *s;
    int fy = 0, frequency = 0, rc;
    memset(r, 0, sizeof(*r));
    if ((rc = store_prepare(st, &s, "SELECT fiscal_year, frequency FROM assess_plans WHERE id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    if (sqlite3_step(s) == SQLITE_ROW) {
        fy = sqlite3_column_int(s, 0);
        frequency = sqlite3_column_int(s, 1);
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "self-inspection plan %lld does not exist", plan);
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    if (round == 0 && (rc = round_with_sheets(st, plan, &round)) == AG_OK && round == 0)
        round = 1;
    if (round < 1 || round > frequency)
        return ag_error_set(err, AG_EINVAL, "round: \"%d\" is not a round of plan %lld (1 to %d)",
                            round, plan, frequency);
    r->plan = plan;
    r->round = round;
    /* the previous campaign: the round before, else the last round of last year's plan */
    if (round > 1) {
        r->prev_plan = plan;
        r->prev_round = round - 1;
    } else {
        if ((rc = store_prepare(st, &s,
                                "SELECT id FROM assess_plans WHERE fiscal_year < ? AND EXISTS "
                                "(SELECT 1 FROM assess_sheets WHERE plan_id = assess_plans.id) "
                                "ORDER BY fiscal_year DESC, id DESC LIMIT 1",
                                err)))
            return rc;
        sqlite3_bind_int(s, 1, fy);
        if (sqlite3_step(s) == SQLITE_ROW)
            r->prev_plan = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
        if (r->prev_plan && round_with_sheets(st, r->prev_plan, &r->prev_round) != AG_OK)
            r->prev_plan = 0;
    }
    if ((rc = tally(st, cat, plan, round, r, false, err)) ||
        (r->prev_plan && (rc = tally(st, cat, r->prev_plan, r->prev_round, r, true, err)))) {
        assess_report_release(r);
        return rc;
    }
    for (int by = 0; by < ASSESS_BY_COUNT; by++)
        if (r->nrows[by])
            qsort(r->rows[by], r->nrows[by], sizeof(*r->rows[by]), cmp_rows);
    return AG_OK;
}

void assess_report_release(struct assess_report *r)
{
    for (int by = 0; by < ASSESS_BY_COUNT; by++) {
        free(r->rows[by]);
        r->rows[by] = NULL;
        r->nrows[by] = 0;
    }
}
