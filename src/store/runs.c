/*
 * runs.c — the run records of monitors and jobs (table monitor_runs, 018_evidence_status.sql):
 * what the automatic status of a guideline measure reads to know that a check ran recently
 * (src/isms/compliance.c). Any thread with its own connection; no state here.
 */
#include "store/store_int.h"

int store_monitor_run_add(struct store *st, const char *kind, const char *started,
                          const char *finished, const char *result, const char *details,
                          long long *id, struct ag_error *err)
{
    int rc = store_run(st, "monitor_runs", err,
                       "INSERT INTO monitor_runs(kind, started, finished, result, details) "
                       "VALUES (?, ?, ?, ?, ?)",
                       "sssss", kind, started, finished, result, details ? details : "{}");
    if (rc == AG_OK && id)
        *id = store_last_id(st);
    return rc;
}

int store_monitor_run_update(struct store *st, long long id, const char *finished,
                             const char *result, const char *details, struct ag_error *err)
{
    int rc = store_run(st, "monitor_runs", err,
                       "UPDATE monitor_runs SET finished = ?, result = ?, details = "
                       "coalesce(?, details) WHERE id = ?",
                       "sssi", finished, result, details, id);
    if (rc == AG_OK && sqlite3_changes(st->db) != 1)
        return ag_error_set(err, AG_ENOTFOUND, "no monitor run %lld", id);
    return rc;
}

bool store_has_monitor_runs(struct store *st)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                           "'monitor_runs'",
                           -1, &s, NULL) != SQLITE_OK)
        return false;
    bool yes = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return yes;
}
