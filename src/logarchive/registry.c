/*
 * registry.c — the store's side of the archive (migration 015): the archive's row and the
 * chain of sealed segments (log_segments). Bound parameters only; each change is one
 * statement (the audit triggers record it).
 */
#include "logarchive/logarchive_int.h"

int la_reg_archive(struct store *st, const char *id, const char *path, struct ag_error *err)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    return store_run(st, "recording the log archive", err,
                     "INSERT INTO log_archives (uid, path, created_at) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(uid) DO UPDATE SET path = excluded.path "
                     "WHERE path <> excluded.path",
                     "sss", id, path, now);
}

int la_reg_head(struct store *st, const char *id, int64_t *seq, char hash[LA_HASH_HEX],
                struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT seq, manifest_sha256 FROM log_segments WHERE archive_id = ?1 "
                           "ORDER BY seq DESC LIMIT 1",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, id);
    *seq = 0;
    snprintf(hash, LA_HASH_HEX, "%s", LA_ZERO_HASH);
    int r = sqlite3_step(s);
    if (r == SQLITE_ROW) {
        *seq = sqlite3_column_int64(s, 0);
        snprintf(hash, LA_HASH_HEX, "%s", store_col_text(s, 1));
    } else if (r != SQLITE_DONE) {
        rc = store_error(st, "reading the log archive's chain", err);
    }
    sqlite3_finalize(s);
    return rc;
}

int la_reg_add(struct store *st, const char *id, const struct la_manifest *m, const char *text,
               const char *sha, struct ag_error *err)
{
    char first[21], last[21];
    ag_time_iso((time_t)m->first, first);
    ag_time_iso((time_t)m->last, last);
    return store_run(st, "recording a sealed log segment", err,
                     "INSERT INTO log_segments (archive_id, seq, name, source, kind, first_time, "
                     "last_time, lines, raw_bytes, data_bytes, data_sha256, manifest_sha256, "
                     "prev_sha256, manifest, sealed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                     "?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                     "sisssssiiisssss", id, (long long)m->seq, m->name, m->source, m->kind, first,
                     last, (long long)m->lines, (long long)m->raw_bytes, (long long)m->data_bytes,
                     m->data_sha256, sha, m->prev_sha256, text, m->sealed);
}

int la_reg_recovered(struct store *st, const char *id, const char *name, bool *found,
                     struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT 1 FROM log_segments WHERE archive_id = ?1 AND "
                           "json_extract(manifest, '$.recovered_from') = ?2",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, id);
    store_bind_text(s, 2, name);
    *found = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return AG_OK;
}
