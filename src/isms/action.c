/*
 * action.c — corrective actions: one type for improvements that come from self-inspection,
 * audits, incidents, risks, exceptions and exercises. Life cycle:
 *   open --start--> in_progress --done--> done --verify--> verified
 *                 \-----------done------/      \--reopen--> in_progress
 *   open / in_progress --cancel--> cancelled
 * "done" is declared by the owner with the result; "verify" and "reopen" are by someone other
 * than the owner (separation of duties, 3.1.4.1(2)); the table's CHECK repeats that rule.
 */
#include "isms/isms.h"

const char *const isms_action_origins[] = {"assessment", "audit",    "incident", "risk",
                                           "exception",  "exercise", "other",    NULL};
const char *const isms_action_statuses[] = {"open",     "in_progress", "done",
                                            "verified", "cancelled",   NULL};

int isms_action_add(struct store *st, const struct catalog *cat, const struct isms_action_new *a,
                    long long *id, struct ag_error *err)
{
    long long owner, dept = 0, creator = 0;
    char due[11], now[21];
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = isms_check_enum("origin", a->origin, isms_action_origins, err)) ||
        (rc = isms_check_text("title", a->title, 500, err)) ||
        (rc = isms_check_date("due", a->due_date, due, err)) ||
        (rc = isms_person_id(st, a->owner, &owner, err)))
        return rc;
    if (a->description && *a->description &&
        (rc = isms_check_text("description", a->description, 20000, err)))
        return rc;
    if (a->department && *a->department && (rc = isms_department_id(st, a->department, &dept, err)))
        return rc;
    const char *items[64];
    size_t nitems = 0;
    for (size_t i = 0; a->items && a->items[i]; i++) {
        if (nitems == AG_ARRAY_LEN(items))
            return ag_error_set(err, AG_EINVAL, "items: more than %zu", AG_ARRAY_LEN(items));
        if ((rc = isms_check_item(cat, "item", a->items[i], &items[nitems++], err)))
            return rc;
    }
    struct ag_error ignore;
    if (isms_person_id(st, store_actor(st), &creator, &ignore) != AG_OK)
        creator = 0;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO actions(origin, origin_id, title, description, owner_id, "
                            "department_id, due_date, created_by, created_at) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            err)))
        goto out;
    ag_time_iso(ag_now(), now);
    sqlite3_bind_text(s, 1, a->origin, -1, SQLITE_STATIC);
    if (a->origin_id)
        sqlite3_bind_int64(s, 2, a->origin_id);
    else
        sqlite3_bind_null(s, 2);
    sqlite3_bind_text(s, 3, a->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, a->description ? a->description : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, owner);
    if (dept)
        sqlite3_bind_int64(s, 6, dept);
    else
        sqlite3_bind_null(s, 6);
    sqlite3_bind_text(s, 7, due, -1, SQLITE_STATIC);
    if (creator)
        sqlite3_bind_int64(s, 8, creator);
    else
        sqlite3_bind_null(s, 8);
    sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = store_error(st, "adding the action", err);
        goto out;
    }
    *id = store_last_id(st);
    sqlite3_finalize(s);
    s = NULL;
    if ((rc = store_prepare(
             st, &s, "INSERT OR IGNORE INTO action_items(action_id, item_id) VALUES (?, ?)", err)))
        goto out;
    for (size_t i = 0; i < nitems; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, *id);
        sqlite3_bind_text(s, 2, items[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = store_error(st, "linking the action to catalog items", err);
            goto out;
        }
    }
out:
    sqlite3_finalize(s);
    return isms_tx_end(st, own, rc, err);
}

struct action_row {
    long long owner;
    char status[16];
};

static int load_action(struct store *st, long long id, struct action_row *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, "SELECT owner_id, status FROM actions WHERE id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        a->owner = sqlite3_column_int64(s, 0);
        snprintf(a->status, sizeof(a->status), "%s", store_col_text(s, 1));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "action %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

int isms_action_step(struct store *st, long long id, const char *step, long long actor,
                     const char *text, struct ag_error *err)
{
    static const char *const steps[] = {"start", "done", "verify", "reopen", "cancel", NULL};
    struct action_row a;
    char what[64], now[21];
    const char *sql;
    int rc;
    if ((rc = isms_check_enum("step", step, steps, err)) || (rc = load_action(st, id, &a, err)))
        return rc;
    snprintf(what, sizeof(what), "%s action %lld", strcmp(step, "done") == 0 ? "complete" : step,
             id);
    /* who may take the step, from which status */
    if (strcmp(step, "start") == 0) {
        if (strcmp(a.status, "open") != 0)
            goto bad_state;
        sql = "UPDATE actions SET status = 'in_progress' WHERE id = ?1";
    } else if (strcmp(step, "done") == 0) {
        if (strcmp(a.status, "open") != 0 && strcmp(a.status, "in_progress") != 0)
            goto bad_state;
        if (a.owner != actor)
            return ag_error_set(err, AG_EDENIED, "action %lld: only its owner declares it done",
                                id);
        if ((rc = isms_check_text("result", text, 20000, err)))
            return rc;
        sql = "UPDATE actions SET status = 'done', result = ?2, done_at = ?3 WHERE id = ?1";
    } else if (strcmp(step, "verify") == 0 || strcmp(step, "reopen") == 0) {
        if (strcmp(a.status, "done") != 0)
            goto bad_state;
        if ((rc = isms_duty_not_self(st, actor, a.owner, what, err)))
            return rc;
        sql = strcmp(step, "verify") == 0
                  ? "UPDATE actions SET status = 'verified', verified_by = ?4, verified_at = ?3 "
                    "WHERE id = ?1"
                  : "UPDATE actions SET status = 'in_progress', result = result || "
                    "char(10) || '[reopened] ' || coalesce(?2, '') WHERE id = ?1";
    } else { /* cancel */
        if (strcmp(a.status, "open") != 0 && strcmp(a.status, "in_progress") != 0)
            goto bad_state;
        sql = "UPDATE actions SET status = 'cancelled' WHERE id = ?1";
    }
    sqlite3_stmt *s;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s, sql, err)) == AG_OK) {
        ag_time_iso(ag_now(), now);
        sqlite3_bind_int64(s, 1, id);
        for (int i = 2; i <= sqlite3_bind_parameter_count(s); i++) {
            if (i == 2)
                store_bind_text(s, 2, text);
            else if (i == 3)
                sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
            else if (i == 4)
                sqlite3_bind_int64(s, 4, actor);
        }
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "updating the action", err);
        sqlite3_finalize(s);
    }
    return isms_tx_end(st, own, rc, err);
bad_state:
    return ag_error_set(err, AG_EDENIED, "action %lld is %s: the step \"%s\" is not possible now",
                        id, a.status, step);
}
