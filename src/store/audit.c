/*
 * audit.c — the append-only, hash-chained audit trail.
 *
 * Row hash = SHA-256 of prev_hash, seq, at, actor, action, entity, entity_id and detail joined
 * with U+001F, hex. The first row's prev_hash is 64 zeros. Rows are written only by SQL that
 * calls ag_audit_hash() (the generated per-table triggers and store_audit), inside the writing
 * transaction, so the chain is serialised by SQLite's single writer lock.
 *
 * Per-table triggers record {"new": {...}} on insert, {"old": {...}, "new": {...}} on update and
 * {"old": {...}} on delete, with every column. store_audit_verify checks the chain (a modified
 * row breaks its hash, a deleted row leaves a gap in seq, a reordered row breaks the link to its
 * predecessor) and then that every record still equals its last audited state, which catches an
 * edit made behind airguard's back even when the attacker disabled the triggers.
 */
#include "store/store_int.h"

#include <sodium.h>

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static void chain_hash(const char *prev, long long seq, const char *at, const char *actor,
                       const char *action, const char *entity, const char *entity_id,
                       const char *detail, char out[65])
{
    crypto_hash_sha256_state h;
    unsigned char d[crypto_hash_sha256_BYTES];
    char seqs[32];
    snprintf(seqs, sizeof(seqs), "%lld", seq);
    const char *parts[] = {prev, seqs, at, actor, action, entity, entity_id, detail};
    crypto_hash_sha256_init(&h);
    for (size_t i = 0; i < AG_ARRAY_LEN(parts); i++) {
        if (i)
            crypto_hash_sha256_update(&h, (const unsigned char *)"\x1f", 1);
        crypto_hash_sha256_update(&h, (const unsigned char *)parts[i], strlen(parts[i]));
    }
    crypto_hash_sha256_final(&h, d);
    sodium_bin2hex(out, 65, d, sizeof(d));
}

static const char *arg_text(sqlite3_value *v)
{
    const unsigned char *t = sqlite3_value_text(v);
    return t ? (const char *)t : "";
}

/* ag_audit_hash(prev, seq, at, actor, action, entity, entity_id, detail) */
static void fn_audit_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    char out[65];
    (void)argc;
    chain_hash(arg_text(argv[0]), sqlite3_value_int64(argv[1]), arg_text(argv[2]),
               arg_text(argv[3]), arg_text(argv[4]), arg_text(argv[5]), arg_text(argv[6]),
               arg_text(argv[7]), out);
    sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/* ag_digest(x): "sha256:<hex>" of x's text, NULL for NULL. */
static void fn_digest(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const unsigned char *t = sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    unsigned char d[crypto_hash_sha256_BYTES];
    char out[7 + 65] = "sha256:";
    crypto_hash_sha256(d, t ? t : (const unsigned char *)"", (unsigned long long)(n > 0 ? n : 0));
    sodium_bin2hex(out + 7, 65, d, sizeof(d));
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

static void fn_actor(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    struct store *st = sqlite3_user_data(ctx);
    sqlite3_result_text(ctx, st->actor, -1, SQLITE_TRANSIENT);
}

static void fn_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    char t[21];
    (void)argc;
    (void)argv;
    ag_time_iso(ag_now(), t);
    sqlite3_result_text(ctx, t, -1, SQLITE_TRANSIENT);
}

int store_audit_register(struct store *st, struct ag_error *err)
{
    int f = SQLITE_UTF8 | SQLITE_INNOCUOUS;
    if (sqlite3_create_function(st->db, "ag_audit_hash", 8, f | SQLITE_DETERMINISTIC, NULL,
                                fn_audit_hash, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(st->db, "ag_digest", 1, f | SQLITE_DETERMINISTIC, NULL, fn_digest,
                                NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(st->db, "ag_actor", 0, f, st, fn_actor, NULL, NULL) != SQLITE_OK ||
        sqlite3_create_function(st->db, "ag_now", 0, f, NULL, fn_now, NULL, NULL) != SQLITE_OK)
        return store_error(st, "registering functions", err);
    return AG_OK;
}

/* The INSERT that appends one row; the caller provides action, entity, entity_id and detail as
 * SQL expressions (bound parameters or NEW./OLD. references). */
static void append_insert(struct strbuf *sb, const char *action, const char *entity,
                          const char *entity_id, const char *detail)
{
    strbuf_addf(sb,
                "INSERT INTO audit_log(seq, at, actor, action, entity, entity_id, detail, "
                "prev_hash, hash) "
                "SELECT s, t, a, %s, %s, e, d, p, ag_audit_hash(p, s, t, a, %s, %s, e, d) FROM "
                "(SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1 AS s, ag_now() AS t, "
                "ag_actor() AS a, CAST(%s AS TEXT) AS e, %s AS d, "
                "coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), '" ZERO_HASH
                "') AS p);",
                action, entity, action, entity, entity_id, detail);
}

/* Tables whose changes are audited: every table but the trail, meta, SQLite's own, the
 * sessions (they change on every request; logins are recorded in login_history), the alerts
 * of logwatch with their item index (batches of thousands per second: each batch has one
 * explicit audit row, and their handling is audited through alert_actions; 013_alerts.sql),
 * netwatch's observed inventory (replaced whole on each store, one explicit audit row per
 * replacement; 020_netwatch_assets.sql) and the run records of the monitors (a heartbeat every
 * few minutes; 018_evidence_status.sql). */
static const char AUDITED_TABLES[] =
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "AND name NOT IN ('audit_log', 'meta', 'sessions', 'alerts', 'alert_items', "
    "'netwatch_assets', 'monitor_runs') "
    "ORDER BY name";

/* Columns whose values are secrets: the trail records their SHA-256, never the value, so it
 * leaks nothing yet still shows (and verify still detects) a change. */
static bool secret_column(const char *name)
{
    static const char *const secrets[] = {"password_hash", "totp_secret", "pending_secret",
                                          "token_hash",    "secret",      NULL};
    for (size_t i = 0; secrets[i]; i++)
        if (strcmp(name, secrets[i]) == 0)
            return true;
    return false;
}

/* json_object('c1', PFX.c1, 'c2', PFX.c2, ...) for a table's columns. */
static int columns_json(struct store *st, const char *table, const char *pfx, struct strbuf *sb,
                        struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, "SELECT name FROM pragma_table_info(?) ORDER BY cid", err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
    strbuf_adds(sb, "json_object(");
    for (int first = 1; sqlite3_step(s) == SQLITE_ROW; first = 0) {
        const char *col = store_col_text(s, 0);
        if (secret_column(col))
            strbuf_addf(sb, "%s'%s', ag_digest(%s\"%s\")", first ? "" : ", ", col, pfx, col);
        else
            strbuf_addf(sb, "%s'%s', %s\"%s\"", first ? "" : ", ", col, pfx, col);
    }
    strbuf_addc(sb, ')');
    sqlite3_finalize(s);
    return AG_OK;
}

int store_audit_triggers(struct store *st, struct ag_error *err)
{
    sqlite3_stmt *tables;
    struct strbuf sql, cols_new, cols_old;
    int rc;
    if ((rc = store_prepare(st, &tables, AUDITED_TABLES, err)))
        return rc;
    strbuf_init(&sql, 0);
    strbuf_init(&cols_new, 0);
    strbuf_init(&cols_old, 0);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char table[128], ent[160];
        snprintf(table, sizeof(table), "%s", store_col_text(tables, 0));
        snprintf(ent, sizeof(ent), "'%s'", table);
        strbuf_reset(&cols_new);
        strbuf_reset(&cols_old);
        if ((rc = columns_json(st, table, "NEW.", &cols_new, err)) ||
            (rc = columns_json(st, table, "OLD.", &cols_old, err)))
            goto out;
        strbuf_reset(&sql);
        strbuf_addf(&sql,
                    "DROP TRIGGER IF EXISTS \"audit_%s_ins\"; DROP TRIGGER IF EXISTS "
                    "\"audit_%s_upd\"; DROP TRIGGER IF EXISTS \"audit_%s_del\";\n",
                    table, table, table);
        struct strbuf d;
        strbuf_init(&d, 0);
        strbuf_addf(&sql, "CREATE TRIGGER \"audit_%s_ins\" AFTER INSERT ON \"%s\" BEGIN ", table,
                    table);
        strbuf_addf(&d, "json_object('new', %s)", strbuf_str(&cols_new));
        append_insert(&sql, "'insert'", ent, "NEW.id", strbuf_str(&d));
        strbuf_adds(&sql, " END;\n");
        strbuf_reset(&d);
        strbuf_addf(&sql, "CREATE TRIGGER \"audit_%s_upd\" AFTER UPDATE ON \"%s\" BEGIN ", table,
                    table);
        strbuf_addf(&d, "json_object('old', %s, 'new', %s)", strbuf_str(&cols_old),
                    strbuf_str(&cols_new));
        append_insert(&sql, "'update'", ent, "NEW.id", strbuf_str(&d));
        strbuf_adds(&sql, " END;\n");
        strbuf_reset(&d);
        strbuf_addf(&sql, "CREATE TRIGGER \"audit_%s_del\" AFTER DELETE ON \"%s\" BEGIN ", table,
                    table);
        strbuf_addf(&d, "json_object('old', %s)", strbuf_str(&cols_old));
        append_insert(&sql, "'delete'", ent, "OLD.id", strbuf_str(&d));
        strbuf_adds(&sql, " END;\n");
        strbuf_release(&d);
        if (!strbuf_ok(&sql)) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            goto out;
        }
        if ((rc = store_exec(st, strbuf_str(&sql), err)))
            goto out;
    }
    rc = AG_OK;
out:
    sqlite3_finalize(tables);
    strbuf_release(&sql);
    strbuf_release(&cols_new);
    strbuf_release(&cols_old);
    return rc;
}

int store_audit(struct store *st, const char *action, const char *entity, const char *entity_id,
                const char *detail, struct ag_error *err)
{
    struct strbuf sql;
    sqlite3_stmt *s;
    int rc;
    bool own_tx = !store_in_transaction(st);
    strbuf_init(&sql, 0);
    append_insert(&sql, "?1", "?2", "?3", "json(?4)");
    if ((rc = store_prepare(st, &s, strbuf_str(&sql), err))) {
        strbuf_release(&sql);
        return rc;
    }
    strbuf_release(&sql);
    sqlite3_bind_text(s, 1, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, entity, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, entity_id ? entity_id : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, detail ? detail : "{}", -1, SQLITE_STATIC);
    if (own_tx && (rc = store_begin(st, err))) {
        sqlite3_finalize(s);
        return rc;
    }
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "writing the audit trail", err);
    sqlite3_finalize(s);
    if (own_tx) {
        if (rc == AG_OK)
            rc = store_commit(st, err);
        else
            store_rollback(st);
    }
    return rc;
}

/* Trigger rows only: explicit rows (approve, export …) may name a table and id too. */
#define ROW_ACTIONS "action IN ('insert', 'update', 'delete')"

/* Compares every record of every audited table with its last audited state. */
static int verify_records(struct store *st, struct store_verify *res, struct ag_error *err)
{
    sqlite3_stmt *tables;
    struct strbuf sql;
    int rc;
    if ((rc = store_prepare(st, &tables, AUDITED_TABLES, err)))
        return rc;
    strbuf_init(&sql, 0);
    while (res->bad_seq == 0 && sqlite3_step(tables) == SQLITE_ROW) {
        char table[128];
        snprintf(table, sizeof(table), "%s", store_col_text(tables, 0));
        strbuf_reset(&sql);
        /* rows whose content differs from the last audited "new" state, or that have none */
        strbuf_adds(&sql, "SELECT t.id, (SELECT seq FROM audit_log WHERE entity = ?1 AND "
                          "entity_id = CAST(t.id AS TEXT) AND " ROW_ACTIONS
                          " ORDER BY seq DESC LIMIT 1) FROM \"");
        strbuf_adds(&sql, table);
        strbuf_adds(&sql, "\" AS t WHERE ");
        if ((rc = columns_json(st, table, "t.", &sql, err)))
            break;
        strbuf_adds(&sql, " IS NOT (SELECT json_extract(detail, '$.new') FROM audit_log WHERE "
                          "entity = ?1 AND entity_id = CAST(t.id AS TEXT) AND " ROW_ACTIONS
                          " ORDER BY seq DESC LIMIT 1) LIMIT 1");
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s, strbuf_str(&sql), err)))
            break;
        sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW) {
            long long id = sqlite3_column_int64(s, 0);
            bool audited = sqlite3_column_type(s, 1) != SQLITE_NULL;
            res->bad_seq = audited ? sqlite3_column_int64(s, 1) : -1;
            snprintf(res->problem, sizeof(res->problem),
                     audited ? "%s row %lld was changed outside airguard: it no longer matches "
                               "its last audited state"
                             : "%s row %lld was added outside airguard: it has no audit row",
                     table, id);
        }
        sqlite3_finalize(s);
        /* records deleted behind airguard's back: last audit says it exists, table says no */
        if (res->bad_seq == 0) {
            strbuf_reset(&sql);
            strbuf_addf(&sql,
                        "SELECT a.entity_id, a.seq FROM audit_log a WHERE a.entity = ?1 AND "
                        "a.action IN ('insert', 'update') AND a.seq = (SELECT max(seq) FROM "
                        "audit_log b WHERE b.entity = a.entity AND b.entity_id = a.entity_id "
                        "AND b." ROW_ACTIONS ") "
                        "AND NOT EXISTS (SELECT 1 FROM \"%s\" t WHERE t.id = CAST("
                        "a.entity_id AS INTEGER)) LIMIT 1",
                        table);
            if ((rc = store_prepare(st, &s, strbuf_str(&sql), err)))
                break;
            sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
            if (sqlite3_step(s) == SQLITE_ROW) {
                res->bad_seq = sqlite3_column_int64(s, 1);
                snprintf(res->problem, sizeof(res->problem),
                         "%s row %s was deleted outside airguard (its last audit row is %lld)",
                         table, store_col_text(s, 0), res->bad_seq);
            }
            sqlite3_finalize(s);
        }
    }
    sqlite3_finalize(tables);
    strbuf_release(&sql);
    return rc;
}

int store_audit_verify(struct store *st, struct store_verify *res, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    memset(res, 0, sizeof(*res));
    snprintf(res->head_hash, sizeof(res->head_hash), "%s", ZERO_HASH);
    if ((rc = store_prepare(st, &s,
                            "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, "
                            "hash FROM audit_log ORDER BY rowid",
                            err)))
        return rc;
    char prev[65];
    snprintf(prev, sizeof(prev), "%s", ZERO_HASH);
    long long expect = 1;
    while (sqlite3_step(s) == SQLITE_ROW) {
        long long seq = sqlite3_column_int64(s, 0);
        char h[65];
        chain_hash(store_col_text(s, 7), seq, store_col_text(s, 1), store_col_text(s, 2),
                   store_col_text(s, 3), store_col_text(s, 4), store_col_text(s, 5),
                   store_col_text(s, 6), h);
        res->rows++;
        if (seq > expect) {
            res->bad_seq = expect;
            snprintf(res->problem, sizeof(res->problem),
                     "row %lld is missing (deleted): the trail jumps from %lld to %lld", expect,
                     expect - 1, seq);
        } else if (seq < expect) {
            res->bad_seq = seq;
            snprintf(res->problem, sizeof(res->problem),
                     "row %lld is out of order (found after row %lld)", seq, expect - 1);
        } else if (strcmp(h, store_col_text(s, 8)) != 0) {
            res->bad_seq = seq;
            snprintf(res->problem, sizeof(res->problem),
                     "row %lld was modified: its content does not match its hash", seq);
        } else if (strcmp(prev, store_col_text(s, 7)) != 0) {
            res->bad_seq = seq;
            snprintf(res->problem, sizeof(res->problem),
                     "row %lld does not follow row %lld: the chain was rewritten or reordered", seq,
                     seq - 1);
        }
        if (res->bad_seq)
            break;
        snprintf(prev, sizeof(prev), "%s", store_col_text(s, 8));
        expect = seq + 1;
    }
    sqlite3_finalize(s);
    snprintf(res->head_hash, sizeof(res->head_hash), "%s", prev);
    if (res->bad_seq == 0)
        rc = verify_records(st, res, err);
    return rc;
}

/* Rows a migration added or changed (seeded defaults, a new column) are trusted changes: give
 * each an audit row ('insert' or 'update', actor "migration") so that the record check of
 * store_audit_verify starts from the migrated state. Runs inside the migration's transaction. */
int store_audit_baseline(struct store *st, const char *migration, struct ag_error *err)
{
    sqlite3_stmt *tables;
    struct strbuf find, add, cols;
    int rc;
    char saved[128];
    snprintf(saved, sizeof(saved), "%s", st->actor);
    snprintf(st->actor, sizeof(st->actor), "migration:%s", migration);
    if ((rc = store_prepare(st, &tables, AUDITED_TABLES, err))) {
        snprintf(st->actor, sizeof(st->actor), "%s", saved);
        return rc;
    }
    strbuf_init(&find, 0);
    strbuf_init(&add, 0);
    strbuf_init(&cols, 0);
    while (rc == AG_OK && sqlite3_step(tables) == SQLITE_ROW) {
        char table[128], ent[160];
        snprintf(table, sizeof(table), "%s", store_col_text(tables, 0));
        snprintf(ent, sizeof(ent), "'%s'", table);
        strbuf_reset(&cols);
        if ((rc = columns_json(st, table, "t.", &cols, err)))
            break;
        strbuf_reset(&find);
        strbuf_addf(&find,
                    "SELECT t.id, EXISTS (SELECT 1 FROM audit_log WHERE entity = ?1 AND entity_id "
                    "= CAST(t.id AS TEXT) AND " ROW_ACTIONS ") FROM \"%s\" AS t WHERE %s IS NOT "
                    "(SELECT json_extract(detail, '$.new') FROM audit_log WHERE entity = ?1 AND "
                    "entity_id = CAST(t.id AS TEXT) AND " ROW_ACTIONS " ORDER BY seq DESC LIMIT 1)",
                    table, strbuf_str(&cols));
        strbuf_reset(&add);
        char detail[4200];
        snprintf(detail, sizeof(detail),
                 "(SELECT json_object('new', %s) FROM \"%s\" AS t WHERE "
                 "t.id = ?1)",
                 strbuf_str(&cols), table);
        append_insert(&add, "?2", ent, "?1", detail);
        sqlite3_stmt *f = NULL, *a = NULL;
        if (!strbuf_ok(&find) || !strbuf_ok(&add) || strlen(detail) >= sizeof(detail) - 1) {
            rc = ag_error_set(err, AG_ENOMEM, "audit baseline of %s: too many columns", table);
            break;
        }
        if ((rc = store_prepare(st, &f, strbuf_str(&find), err)) ||
            (rc = store_prepare(st, &a, strbuf_str(&add), err))) {
            sqlite3_finalize(f);
            break;
        }
        sqlite3_bind_text(f, 1, table, -1, SQLITE_STATIC);
        /* collect first: appending to audit_log while stepping a query on it is unsafe */
        long long ids[4096];
        int existed[4096];
        size_t n = 0;
        int step;
        while ((step = sqlite3_step(f)) == SQLITE_ROW && n < AG_ARRAY_LEN(ids)) {
            ids[n] = sqlite3_column_int64(f, 0);
            existed[n++] = sqlite3_column_int(f, 1);
        }
        sqlite3_finalize(f);
        for (size_t i = 0; rc == AG_OK && i < n; i++) {
            sqlite3_reset(a);
            sqlite3_bind_int64(a, 1, ids[i]);
            sqlite3_bind_text(a, 2, existed[i] ? "update" : "insert", -1, SQLITE_STATIC);
            if (sqlite3_step(a) != SQLITE_DONE)
                rc = store_error(st, "recording migrated rows in the audit trail", err);
        }
        sqlite3_finalize(a);
        if (rc == AG_OK && step == SQLITE_ROW)
            rc = ag_error_set(err, AG_EINVAL,
                              "migration %s changed more than %zu rows of %s; split it", migration,
                              AG_ARRAY_LEN(ids), table);
    }
    sqlite3_finalize(tables);
    strbuf_release(&find);
    strbuf_release(&add);
    strbuf_release(&cols);
    snprintf(st->actor, sizeof(st->actor), "%s", saved);
    return rc;
}
