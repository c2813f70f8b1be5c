/*
 * backup.c — consistent online backups with SQLite's backup API (guideline 3.1.2.4(3)), and
 * restore. A backup taken while the system writes is a snapshot of one committed state: the
 * backup API restarts when the source changes under it, and WAL readers see a fixed snapshot.
 * The backup file is written beside its destination and renamed into place only when complete.
 * Restore checks the backup (integrity, foreign keys, audit chain) before touching the store,
 * refuses to replace a store that has changes newer than the backup unless forced, and copies
 * with the backup API in one transaction on the destination.
 */
#include "store/store_int.h"

#include <unistd.h>

static int copy_db(sqlite3 *dst, sqlite3 *src, const char *what, struct ag_error *err)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return ag_error_set(err, AG_EIO, "%s: %s", what, sqlite3_errmsg(dst));
    int rc;
    /* copy in steps so a busy source does not starve; SQLITE_BUSY/LOCKED: wait and retry */
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return ag_error_set(err, AG_EIO, "%s: %s", what, sqlite3_errstr(rc));
    return AG_OK;
}

int store_backup(struct store *st, const char *dest, struct ag_error *err)
{
    char tmp[4096];
    sqlite3 *out = NULL;
    int rc;
    if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", dest, (long)getpid()) >= sizeof(tmp))
        return ag_error_set(err, AG_EINVAL, "%s: path too long", dest);
    if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        rc = ag_error_set(err, AG_EIO, "%s: cannot create the backup: %s", dest,
                          out ? sqlite3_errmsg(out) : "out of memory");
        goto fail;
    }
    char what[4200];
    snprintf(what, sizeof(what), "backup of %s to %s", st->path, dest);
    if ((rc = copy_db(out, st->db, what, err)))
        goto fail;
    /* a backup is a single self-contained file: no WAL beside it */
    sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    if (sqlite3_close(out) != SQLITE_OK) {
        out = NULL;
        rc = ag_error_set(err, AG_EIO, "%s: cannot finish the backup", dest);
        goto fail;
    }
    out = NULL;
    if (rename(tmp, dest) != 0) {
        rc = ag_error_set(err, AG_EIO, "%s: cannot move the backup into place", dest);
        goto fail;
    }
    return AG_OK;
fail:
    if (out)
        sqlite3_close(out);
    unlink(tmp);
    return rc;
}

/* Time of the newest audit row ("" if none): the store's last change. */
static void last_change(struct store *st, char out[32])
{
    sqlite3_stmt *s;
    out[0] = '\0';
    if (sqlite3_prepare_v2(st->db, "SELECT max(at) FROM audit_log", -1, &s, NULL) != SQLITE_OK)
        return;
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, 32, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
}

int store_restore(const char *db_path, const char *src, bool force, struct ag_error *err)
{
    struct store *from = NULL, *to = NULL;
    int rc;
    if ((rc = store_open(&from, src, STORE_READONLY, err)))
        return rc;
    bool ok;
    struct strbuf report;
    strbuf_init(&report, 1 << 16);
    if ((rc = store_check(from, &ok, &report, err)))
        goto out;
    if (!ok) {
        rc = ag_error_set(err, AG_EINVAL, "%s: the backup is damaged, not restored:\n%s", src,
                          strbuf_str(&report));
        goto out;
    }
    struct store_verify v;
    if ((rc = store_audit_verify(from, &v, err)))
        goto out;
    if (v.bad_seq) {
        rc = ag_error_set(err, AG_EINVAL,
                          "%s: the backup's audit trail is broken (%s), not restored", src,
                          v.problem);
        goto out;
    }
    if (access(db_path, F_OK) == 0) {
        if ((rc = store_open(&to, db_path, 0, err)))
            goto out;
        char a[32], b[32];
        last_change(to, a);
        last_change(from, b);
        if (!force && strcmp(a, b) > 0) {
            rc = ag_error_set(err, AG_EDENIED,
                              "%s has changes (last at %s) newer than the backup %s (last at %s); "
                              "not restored (use --force to overwrite)",
                              db_path, a, src, b[0] ? b : "never");
            goto out;
        }
    } else if ((rc = store_open(&to, db_path, STORE_CREATE, err))) {
        goto out;
    }
    char what[8300];
    snprintf(what, sizeof(what), "restoring %s from %s", db_path, src);
    rc = copy_db(to->db, from->db, what, err);
    if (rc == AG_OK)
        rc = store_exec(to, "PRAGMA journal_mode = WAL", err);
out:
    strbuf_release(&report);
    store_free(from);
    store_free(to);
    return rc;
}
