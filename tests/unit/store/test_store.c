/*
 * Unit tests for src/store: migrations, transactions, the hash-chained audit trail (every change
 * recorded by the generated triggers; verify finds a modified, deleted or reordered row and a
 * record changed behind airguard's back), backup and restore.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"

struct fx {
    char dir[64];
    char path[128];
    struct store *st;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    snprintf(f->dir, sizeof(f->dir), "/tmp/ag-store-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof(f->path), "%s/sub/t.db", f->dir);
    if (store_open(&f->st, f->path, STORE_CREATE, &err) || store_migrate(f->st, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    store_set_actor(f->st, "tester");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[256];
    store_free(f->st);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static void exec_ok(struct store *st, const char *sql)
{
    struct ag_error err;
    if (store_exec(st, sql, &err) != AG_OK)
        fail_msg("%s: %s", sql, err.msg);
}

static long long count(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    long long n = -1;
    struct ag_error err;
    if (store_prepare(st, &s, sql, &err) != AG_OK)
        fail_msg("%s", err.msg);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static void test_migrations(void **state)
{
    struct fx *f = *state;
    int v, applied;
    struct ag_error err;
    assert_int_equal(store_schema_version(f->st, &v), AG_OK);
    assert_int_equal(v, store_schema_latest());
    assert_true(v >= 1);
    /* running again applies nothing */
    assert_int_equal(store_migrate(f->st, &applied, &err), AG_OK);
    assert_int_equal(applied, 0);
    /* WAL and foreign keys are on */
    assert_int_equal(count(f->st, "PRAGMA foreign_keys"), 1);
    sqlite3_stmt *s;
    assert_int_equal(store_prepare(f->st, &s, "PRAGMA journal_mode", &err), AG_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), "wal");
    sqlite3_finalize(s);
    /* a store from a newer program is refused */
    exec_ok(f->st, "PRAGMA user_version = 999");
    assert_int_equal(store_migrate(f->st, NULL, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "newer"));
}

static void test_triggers_record_every_change(void **state)
{
    struct fx *f = *state;
    long long before = count(f->st, "SELECT count(*) FROM audit_log");
    exec_ok(f->st, "INSERT INTO sites(code, kind, name_ja) VALUES ('X', 'airport', 'X空港')");
    exec_ok(f->st, "UPDATE sites SET name_en = 'X Airport' WHERE code = 'X'");
    exec_ok(f->st, "DELETE FROM sites WHERE code = 'X'");
    assert_int_equal(count(f->st, "SELECT count(*) FROM audit_log"), before + 3);
    assert_int_equal(count(f->st, "SELECT count(*) FROM audit_log WHERE entity = 'sites' AND "
                                  "actor = 'tester' AND action IN ('insert','update','delete')"),
                     3);
    /* the update row carries old and new values */
    assert_int_equal(count(f->st, "SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                                  "json_extract(detail, '$.old.name_en') = '' AND "
                                  "json_extract(detail, '$.new.name_en') = 'X Airport'"),
                     1);
    /* the trail itself cannot be changed through SQL */
    struct ag_error err;
    assert_int_not_equal(store_exec(f->st, "UPDATE audit_log SET actor = 'x'", &err), AG_OK);
    assert_int_not_equal(store_exec(f->st, "DELETE FROM audit_log", &err), AG_OK);
}

static void verify_expect(struct store *st, long long bad, const char *problem)
{
    struct store_verify v;
    struct ag_error err;
    assert_int_equal(store_audit_verify(st, &v, &err), AG_OK);
    if (v.bad_seq != bad || (problem && !strstr(v.problem, problem)))
        fail_msg("verify: bad_seq %lld (expected %lld), problem \"%s\" (expected \"%s\")",
                 v.bad_seq, bad, v.problem, problem ? problem : "");
}

static void add_rows(struct store *st)
{
    struct ag_error err;
    exec_ok(st, "INSERT INTO sites(code, kind, name_ja) VALUES ('A', 'airport', 'A')");
    exec_ok(st, "INSERT INTO sites(code, kind, name_ja) VALUES ('B', 'terminal', 'B')");
    exec_ok(st, "INSERT INTO departments(code, name_ja) VALUES ('d1', 'D1')");
    assert_int_equal(store_audit(st, "approve", "sites", "1", "{\"note\": \"ok\"}", &err), AG_OK);
    exec_ok(st, "UPDATE sites SET name_en = 'A' WHERE code = 'A'");
}

static void test_verify_intact(void **state)
{
    struct fx *f = *state;
    add_rows(f->st);
    verify_expect(f->st, 0, NULL);
    struct store_verify v;
    struct ag_error err;
    assert_int_equal(store_audit_verify(f->st, &v, &err), AG_OK);
    assert_int_equal(v.rows, count(f->st, "SELECT count(*) FROM audit_log"));
    assert_int_equal(strlen(v.head_hash), 64);
}

static void test_verify_finds_modified_row(void **state)
{
    struct fx *f = *state;
    add_rows(f->st);
    exec_ok(f->st, "DROP TRIGGER audit_log_no_update");
    exec_ok(f->st, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    verify_expect(f->st, 2, "row 2 was modified");
}

static void test_verify_finds_deleted_row(void **state)
{
    struct fx *f = *state;
    add_rows(f->st);
    exec_ok(f->st, "DROP TRIGGER audit_log_no_delete");
    exec_ok(f->st, "DELETE FROM audit_log WHERE seq = 3");
    verify_expect(f->st, 3, "row 3 is missing");
}

static void test_verify_finds_rewritten_chain(void **state)
{
    struct fx *f = *state;
    add_rows(f->st);
    /* swap the contents of rows 2 and 3 (a reordering): the hash covers seq, so both break */
    exec_ok(f->st, "DROP TRIGGER audit_log_no_update");
    exec_ok(f->st, "UPDATE audit_log SET seq = -2 WHERE seq = 2");
    exec_ok(f->st, "UPDATE audit_log SET seq = 2 WHERE seq = 3");
    exec_ok(f->st, "UPDATE audit_log SET seq = 3 WHERE seq = -2");
    verify_expect(f->st, 2, NULL);
}

static void test_verify_finds_change_behind_its_back(void **state)
{
    struct fx *f = *state;
    add_rows(f->st);
    /* an attacker who disables the triggers and edits a record */
    exec_ok(f->st, "DROP TRIGGER audit_sites_upd");
    exec_ok(f->st, "UPDATE sites SET name_ja = 'forged' WHERE code = 'B'");
    verify_expect(f->st,
                  count(f->st, "SELECT max(seq) FROM audit_log WHERE entity = 'sites' AND "
                               "entity_id = '2'"),
                  "sites row 2 was changed outside airguard");
}

static void test_verify_finds_delete_behind_its_back(void **state)
{
    struct fx *f = *state;
    add_rows(f->st);
    long long last = count(f->st, "SELECT max(seq) FROM audit_log WHERE entity = 'departments' "
                                  "AND entity_id = '1'");
    exec_ok(f->st, "DROP TRIGGER audit_departments_del");
    exec_ok(f->st, "DELETE FROM departments WHERE code = 'd1'");
    verify_expect(f->st, last, "departments row 1 was deleted outside airguard");
}

static void test_rollback_leaves_nothing(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long before = count(f->st, "SELECT count(*) FROM audit_log");
    assert_int_equal(store_begin(f->st, &err), AG_OK);
    exec_ok(f->st, "INSERT INTO sites(code, kind, name_ja) VALUES ('R', 'airport', 'R')");
    store_rollback(f->st);
    assert_int_equal(count(f->st, "SELECT count(*) FROM sites WHERE code = 'R'"), 0);
    assert_int_equal(count(f->st, "SELECT count(*) FROM audit_log"), before);
    verify_expect(f->st, 0, NULL);
}

static void test_constraint_errors_are_mapped(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    sqlite3_stmt *s;
    exec_ok(f->st, "INSERT INTO sites(code, kind, name_ja) VALUES ('U', 'airport', 'U')");
    assert_int_equal(store_prepare(f->st, &s,
                                   "INSERT INTO sites(code, kind, name_ja) VALUES ('U', "
                                   "'airport', 'U')",
                                   &err),
                     AG_OK);
    assert_int_equal(sqlite3_step(s) & 0xff, SQLITE_CONSTRAINT);
    assert_int_equal(store_error(f->st, "adding", &err), AG_ECONFLICT);
    sqlite3_finalize(s);
    assert_int_equal(store_prepare(f->st, &s,
                                   "INSERT INTO sites(code, kind, name_ja) VALUES ('V', "
                                   "'planet', 'V')",
                                   &err),
                     AG_OK);
    assert_int_equal(sqlite3_step(s) & 0xff, SQLITE_CONSTRAINT);
    assert_int_equal(store_error(f->st, "adding", &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "CHECK"));
    sqlite3_finalize(s);
}

static void test_backup_and_restore(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char bak[160], target[160];
    add_rows(f->st);
    snprintf(bak, sizeof(bak), "%s/backup.db", f->dir);
    snprintf(target, sizeof(target), "%s/restored.db", f->dir);
    assert_int_equal(store_backup(f->st, bak, &err), AG_OK);
    /* restore into a new place: same rows, chain intact */
    assert_int_equal(store_restore(target, bak, false, &err), AG_OK);
    struct store *r;
    assert_int_equal(store_open(&r, target, 0, &err), AG_OK);
    assert_int_equal(count(r, "SELECT count(*) FROM sites"), 2);
    verify_expect(r, 0, NULL);
    store_free(r);
    /* the live store moves on; restoring the older backup over it is refused without force */
    exec_ok(f->st, "INSERT INTO sites(code, kind, name_ja) VALUES ('C', 'other', 'C')");
    sqlite3_sleep(1100); /* times have one-second resolution */
    exec_ok(f->st, "UPDATE sites SET name_en = 'C' WHERE code = 'C'");
    assert_int_equal(store_restore(f->path, bak, false, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "--force"));
    assert_int_equal(count(f->st, "SELECT count(*) FROM sites"), 3);
    assert_int_equal(store_restore(f->path, bak, true, &err), AG_OK);
    assert_int_equal(count(f->st, "SELECT count(*) FROM sites"), 2);
    /* a damaged backup is refused and the store is untouched */
    char junk[160];
    snprintf(junk, sizeof(junk), "%s/junk.db", f->dir);
    assert_int_equal(ag_file_write_atomic(junk, "not a database at all, really not", 33, &err),
                     AG_OK);
    assert_int_not_equal(store_restore(f->path, junk, true, &err), AG_OK);
    assert_int_equal(count(f->st, "SELECT count(*) FROM sites"), 2);
}

static void test_meta(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    char v[32];
    assert_int_equal(store_meta_get(f->st, "k", v, sizeof(v)), AG_ENOTFOUND);
    assert_int_equal(store_meta_set(f->st, "k", "one", &err), AG_OK);
    assert_int_equal(store_meta_set(f->st, "k", "two", &err), AG_OK);
    assert_int_equal(store_meta_get(f->st, "k", v, sizeof(v)), AG_OK);
    assert_string_equal(v, "two");
}

static void test_open_errors(void **state)
{
    struct store *st;
    struct ag_error err;
    (void)state;
    assert_int_equal(store_open(&st, "/nonexistent-dir/x/y.db", 0, &err), AG_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent-dir/x/y.db"));
    assert_non_null(strstr(err.msg, "db init"));
}

/* store_cached: the same literal gives the same statement back, reset and without bindings;
 * a read transaction sees one snapshot; past the cache's size statements still work. */
static const char *const cached_sql[40] = {
#define Q(n) "SELECT " #n " + coalesce(?, 0)"
    Q(0),  Q(1),  Q(2),  Q(3),  Q(4),  Q(5),  Q(6),  Q(7),  Q(8),  Q(9),
    Q(10), Q(11), Q(12), Q(13), Q(14), Q(15), Q(16), Q(17), Q(18), Q(19),
    Q(20), Q(21), Q(22), Q(23), Q(24), Q(25), Q(26), Q(27), Q(28), Q(29),
    Q(30), Q(31), Q(32), Q(33), Q(34), Q(35), Q(36), Q(37), Q(38), Q(39),
#undef Q
};

static void test_cached_statements(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    sqlite3_stmt *a, *b;
    assert_int_equal(store_cached(f->st, &a, cached_sql[0], &err), AG_OK);
    sqlite3_bind_int(a, 1, 41);
    assert_int_equal(sqlite3_step(a), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(a, 0), 41);
    store_cached_done(f->st, a);
    assert_int_equal(store_cached(f->st, &b, cached_sql[0], &err), AG_OK);
    assert_ptr_equal(a, b);
    assert_int_equal(sqlite3_step(b), SQLITE_ROW); /* reset, and the binding is gone */
    assert_int_equal(sqlite3_column_int(b, 0), 0);
    store_cached_done(f->st, b);
    for (int i = 0; i < 40; i++) { /* more than STORE_CACHED_MAX: the rest are not kept */
        sqlite3_stmt *s;
        assert_int_equal(store_cached(f->st, &s, cached_sql[i], &err), AG_OK);
        sqlite3_bind_int(s, 1, 100);
        assert_int_equal(sqlite3_step(s), SQLITE_ROW);
        assert_int_equal(sqlite3_column_int(s, 0), 100 + i);
        store_cached_done(f->st, s);
    }
    assert_int_equal(store_cached(f->st, &a, "SELECT * FROM no_such_table", &err), AG_EIO);
    /* a read transaction: a second connection's write is not seen until it ends */
    struct store *other;
    assert_int_equal(store_open(&other, f->path, 0, &err), AG_OK);
    assert_int_equal(store_read_begin(f->st, &err), AG_OK);
    char v[16] = "";
    assert_int_equal(store_meta_get(f->st, "snap", v, sizeof(v)), AG_ENOTFOUND); /* snapshot */
    assert_int_equal(store_meta_set(other, "snap", "1", &err), AG_OK);
    assert_int_equal(store_meta_get(f->st, "snap", v, sizeof(v)), AG_ENOTFOUND);
    store_read_end(f->st);
    assert_int_equal(store_meta_get(f->st, "snap", v, sizeof(v)), AG_OK);
    assert_string_equal(v, "1");
    store_free(other);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_migrations),
        T(test_triggers_record_every_change),
        T(test_verify_intact),
        T(test_verify_finds_modified_row),
        T(test_verify_finds_deleted_row),
        T(test_verify_finds_rewritten_chain),
        T(test_verify_finds_change_behind_its_back),
        T(test_verify_finds_delete_behind_its_back),
        T(test_rollback_leaves_nothing),
        T(test_constraint_errors_are_mapped),
        T(test_backup_and_restore),
        T(test_meta),
        T(test_cached_statements),
        cmocka_unit_test(test_open_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
