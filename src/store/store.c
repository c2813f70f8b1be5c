/*
 * store.c — opening the store, migrations, transactions, the meta table and statement helpers.
 * One connection per struct store; the caller serialises use.
 *
 * Invariants: foreign keys are on for every connection; journal_mode is WAL (so readers never
 * block the writer and backups run while the system writes); the store's version (PRAGMA
 * user_version) equals the number of the last migration applied; every migration runs in one
 * transaction together with the version bump.
 */
#include "store/store_int.h"

#include <errno.h>
#include <sys/stat.h>

const char *store_default_path(void)
{
    const char *env = getenv("AIRGUARD_DB");
    return env && *env ? env : "data/airguard.db";
}

/* Creates the parent folder of path (one level is enough for data/airguard.db). */
static int make_parent(const char *path, struct ag_error *err)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return AG_OK;
    char dir[4096];
    size_t n = (size_t)(slash - path);
    if (n >= sizeof(dir))
        return ag_error_set(err, AG_EINVAL, "%s: path too long", path);
    memcpy(dir, path, n);
    dir[n] = '\0';
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return ag_error_set(err, AG_EIO, "%s: cannot create folder %s: %s", path, dir,
                            strerror(errno));
    return AG_OK;
}

int store_error(struct store *st, const char *what, struct ag_error *err)
{
    int ext = sqlite3_extended_errcode(st->db);
    const char *msg = sqlite3_errmsg(st->db);
    int code = AG_EIO;
    switch (ext & 0xff) {
    case SQLITE_CONSTRAINT:
        code = (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
                   ? AG_ECONFLICT
                   : AG_EINVAL;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = AG_ECONFLICT;
        break;
    case SQLITE_NOMEM:
        code = AG_ENOMEM;
        break;
    default:
        break;
    }
    return ag_error_set(err, code, "%s: %s: %s", st->path, what, msg);
}

int store_prepare(struct store *st, sqlite3_stmt **out, const char *sql, struct ag_error *err)
{
    if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
        char what[64];
        snprintf(what, sizeof(what), "preparing \"%.40s\"", sql);
        return store_error(st, what, err);
    }
    return AG_OK;
}

int store_cached(struct store *st, sqlite3_stmt **out, const char *sql, struct ag_error *err)
{
    for (size_t i = 0; i < st->ncached; i++)
        if (st->cached[i].sql == sql) {
            *out = st->cached[i].stmt;
            return AG_OK;
        }
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL) != SQLITE_OK) {
        char what[64];
        snprintf(what, sizeof(what), "preparing \"%.40s\"", sql);
        return store_error(st, what, err);
    }
    if (st->ncached < STORE_CACHED_MAX) {
        st->cached[st->ncached].sql = sql;
        st->cached[st->ncached].stmt = *out;
        st->ncached++;
    }
    return AG_OK;
}

void store_cached_done(struct store *st, sqlite3_stmt *stmt)
{
    for (size_t i = 0; i < st->ncached; i++)
        if (st->cached[i].stmt == stmt) {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
            return;
        }
    sqlite3_finalize(stmt);
}

int store_run(struct store *st, const char *what, struct ag_error *err, const char *sql,
              const char *types, ...)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 's') {
            store_bind_text(s, i + 1, va_arg(ap, const char *));
        } else {
            long long v = va_arg(ap, long long);
            if (types[i] == 'I' && v == 0)
                sqlite3_bind_null(s, i + 1);
            else
                sqlite3_bind_int64(s, i + 1, v);
        }
    }
    va_end(ap);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
    sqlite3_finalize(s);
    return rc;
}

int store_exec(struct store *st, const char *sql, struct ag_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = ag_error_set(err, AG_EIO, "%s: %s", st->path, msg ? msg : "error");
        sqlite3_free(msg);
        return rc;
    }
    return AG_OK;
}

int store_bind_text(sqlite3_stmt *stmt, int idx, const char *s)
{
    return s ? sqlite3_bind_text(stmt, idx, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(stmt, idx);
}

const char *store_col_text(sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    return t ? (const char *)t : "";
}

long long store_last_id(struct store *st)
{
    return sqlite3_last_insert_rowid(st->db);
}

void store_global_init(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* SQLITE_MISUSE if too late: harmless */
}

int store_open(struct store **out, const char *path, unsigned flags, struct ag_error *err)
{
    int rc;
    *out = NULL;
    struct store *st = calloc(1, sizeof(*st));
    if (!st || !(st->path = strdup(path))) {
        free(st);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    st->readonly = flags & STORE_READONLY;
    snprintf(st->actor, sizeof(st->actor), "system");
    int oflags = st->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & STORE_CREATE) {
        oflags |= SQLITE_OPEN_CREATE;
        if ((rc = make_parent(path, err)))
            goto fail;
    }
    if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        rc = ag_error_set(err, AG_EIO, "%s: cannot open the store: %s%s", path,
                          st->db ? sqlite3_errmsg(st->db) : "out of memory",
                          (flags & STORE_CREATE) ? "" : " (create it with: airguard db init)");
        goto fail;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    /* A file that is not SQLite fails here, with SQLite's "file is not a database". */
    if ((rc = store_exec(st, "PRAGMA foreign_keys = ON", err)))
        goto fail;
    if (!st->readonly && (rc = store_exec(st, "PRAGMA journal_mode = WAL", err)))
        goto fail;
    if ((rc = store_exec(st, "PRAGMA synchronous = NORMAL", err)))
        goto fail;
    if ((rc = store_audit_register(st, err)))
        goto fail;
    *out = st;
    return AG_OK;
fail:
    store_free(st);
    return rc;
}

void store_free(struct store *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->ncached; i++)
        sqlite3_finalize(st->cached[i].stmt);
    sqlite3_close_v2(st->db);
    free(st->path);
    free(st);
}

const char *store_path(const struct store *st)
{
    return st->path;
}

sqlite3 *store_db(struct store *st)
{
    return st->db;
}

void store_set_actor(struct store *st, const char *actor)
{
    snprintf(st->actor, sizeof(st->actor), "%s", actor && *actor ? actor : "system");
}

const char *store_actor(const struct store *st)
{
    return st->actor;
}

int store_begin(struct store *st, struct ag_error *err)
{
    if (st->read_tx)
        store_read_end(st);
    return sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
               ? AG_OK
               : store_error(st, "starting a transaction", err);
}

int store_read_begin(struct store *st, struct ag_error *err)
{
    if (sqlite3_exec(st->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
        return store_error(st, "starting a read transaction", err);
    st->read_tx = true;
    return AG_OK;
}

void store_read_end(struct store *st)
{
    if (!st->read_tx)
        return;
    st->read_tx = false;
    if (!sqlite3_get_autocommit(st->db) &&
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        store_rollback(st);
}

bool store_in_transaction(struct store *st)
{
    return !st->read_tx && !sqlite3_get_autocommit(st->db);
}

int store_commit(struct store *st, struct ag_error *err)
{
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = store_error(st, "committing", err);
        store_rollback(st);
        return rc;
    }
    return AG_OK;
}

void store_rollback(struct store *st)
{
    st->read_tx = false;
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_schema_version(struct store *st, int *out)
{
    sqlite3_stmt *s;
    *out = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
        return AG_EIO;
    if (sqlite3_step(s) == SQLITE_ROW)
        *out = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return AG_OK;
}

int store_schema_latest(void)
{
    return store_migration_count ? store_migrations[store_migration_count - 1].version : 0;
}

int store_migrate(struct store *st, int *applied, struct ag_error *err)
{
    int version, rc;
    if (applied)
        *applied = 0;
    if ((rc = store_schema_version(st, &version)))
        return ag_error_set(err, rc, "%s: cannot read the schema version", st->path);
    if (version > store_schema_latest())
        return ag_error_set(err, AG_EINVAL,
                            "%s: the store has schema version %d, newer than this program's %d; "
                            "use a newer airguard",
                            st->path, version, store_schema_latest());
    for (size_t i = 0; i < store_migration_count; i++) {
        const struct store_migration *m = &store_migrations[i];
        if (m->version <= version)
            continue;
        if ((rc = store_begin(st, err)))
            return rc;
        char *msg = NULL;
        if (sqlite3_exec(st->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
            rc = ag_error_set(err, AG_EIO, "%s: migration %s failed: %s", st->path, m->name,
                              msg ? msg : "error");
            sqlite3_free(msg);
            store_rollback(st);
            return rc;
        }
        char pragma[64];
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", m->version);
        if ((rc = store_exec(st, pragma, err)) || (rc = store_audit_triggers(st, err)) ||
            (rc = store_audit_baseline(st, m->name, err)) || (rc = store_commit(st, err))) {
            store_rollback(st);
            return rc;
        }
        version = m->version;
        if (applied)
            (*applied)++;
    }
    return AG_OK;
}

int store_meta_get(struct store *st, const char *key, char *out, size_t cap)
{
    sqlite3_stmt *s;
    int rc = AG_ENOTFOUND;
    if (cap)
        out[0] = '\0';
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?", -1, &s, NULL) !=
        SQLITE_OK)
        return AG_EIO;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(out, cap, "%s", store_col_text(s, 0));
        rc = AG_OK;
    }
    sqlite3_finalize(s);
    return rc;
}

int store_meta_set(struct store *st, const char *key, const char *value, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO meta(key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "writing meta", err);
    sqlite3_finalize(s);
    return rc;
}

int store_check(struct store *st, bool *ok, struct strbuf *report, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    *ok = true;
    if ((rc = store_prepare(st, &s, "PRAGMA integrity_check", err)))
        return rc;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *line = store_col_text(s, 0);
        if (strcmp(line, "ok") != 0) {
            *ok = false;
            strbuf_addf(report, "integrity: %s\n", line);
        }
    }
    sqlite3_finalize(s);
    if ((rc = store_prepare(st, &s, "PRAGMA foreign_key_check", err)))
        return rc;
    while (sqlite3_step(s) == SQLITE_ROW) {
        *ok = false;
        strbuf_addf(report, "foreign key: %s row %lld refers to a missing %s row\n",
                    store_col_text(s, 0), (long long)sqlite3_column_int64(s, 1),
                    store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    return AG_OK;
}
