/*
 * store_int.h — the body of struct store and the migration table, for src/store only.
 */
#ifndef AG_STORE_INT_H
#define AG_STORE_INT_H

#include "store/store.h"

struct store_migration {
    int version;
    const char *name;
    const char *sql, *sql_end;
};
extern const struct store_migration store_migrations[];
extern const size_t store_migration_count;

#define STORE_CACHED_MAX 32
struct store {
    sqlite3 *db;
    char *path;
    char actor[128];
    bool readonly;
    bool read_tx; /* inside store_read_begin's transaction */
    struct {
        const char *sql; /* the caller's string literal: the key is its address */
        sqlite3_stmt *stmt;
    } cached[STORE_CACHED_MAX];
    size_t ncached;
};

/* audit.c: registers the SQL function ag_audit_hash() on the connection. */
int store_audit_register(struct store *st, struct ag_error *err);
/* audit.c: drops and recreates the per-table audit triggers from the current schema. */
int store_audit_triggers(struct store *st, struct ag_error *err);
/* audit.c: audit rows for the rows a migration added or changed (actor "migration:<name>"). */
int store_audit_baseline(struct store *st, const char *migration, struct ag_error *err);

#endif
