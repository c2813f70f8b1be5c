/* The unit tests' store fixture (fixture.h). Single-threaded test code; the folder it removes is
 * always one it made itself with mkdtemp, so removal walks it with nftw instead of a shell. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

void fixture_init(struct fixture *t, const char *name, const char *now, unsigned flags)
{
    t->clock = now != NULL;
    if (now)
        setenv("AIRGUARD_NOW", now, 1);
    struct ag_error err;
    static bool registered;
    if ((flags & FIXTURE_MESSAGES) && !registered) {
        isms_register_messages();
        registered = true;
    }
    snprintf(t->dir, sizeof(t->dir), "/tmp/ag-test-%s-XXXXXX", name);
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
    if (store_open(&t->st, t->path, STORE_CREATE, &err) != AG_OK ||
        store_migrate(t->st, NULL, &err) != AG_OK)
        fail_msg("store %s: %s", t->path, err.msg);
    t->cat = NULL;
    if ((flags & (FIXTURE_CATALOG | FIXTURE_DEMO)) && catalog_load_default(&t->cat, &err) != AG_OK)
        fail_msg("catalog: %s", err.msg);
    if ((flags & FIXTURE_DEMO) && isms_demo(t->st, t->cat, &err) != AG_OK)
        fail_msg("demo: %s", err.msg);
    if (flags & FIXTURE_ACTOR)
        store_set_actor(t->st, "test");
}

static int remove_one(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)type;
    (void)ftw;
    return remove(path);
}

void fixture_release(struct fixture *t)
{
    store_free(t->st);
    catalog_free(t->cat);
    t->st = NULL;
    t->cat = NULL;
    if (t->clock)
        unsetenv("AIRGUARD_NOW");
    assert_int_equal(nftw(t->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS), 0);
}

struct fixture *fixture_new(const char *name, const char *now, unsigned flags)
{
    struct fixture *t = calloc(1, sizeof(*t));
    assert_non_null(t);
    fixture_init(t, name, now, flags);
    return t;
}

void fixture_free(struct fixture *t)
{
    fixture_release(t);
    free(t);
}

void fixture_people(struct store *st, const char *code, const char *name_ja, const char *name_en,
                    const char *const logins[], long long *const ids[], size_t n)
{
    struct ag_error err;
    if (isms_department_add(st, code, name_ja, name_en, NULL, NULL, &err) != AG_OK)
        fail_msg("department %s: %s", code, err.msg);
    for (size_t i = 0; i < n; i++) {
        struct isms_person_new p = {logins[i], logins[i], "", "", "", code};
        if (isms_person_add(st, &p, ids[i], &err) != AG_OK)
            fail_msg("person %s: %s", logins[i], err.msg);
    }
}

long long fixture_person(struct store *st, const char *login)
{
    long long id;
    struct ag_error err;
    assert_int_equal(isms_person_id(st, login, &id, &err), AG_OK);
    return id;
}

long long fixture_scalar(struct store *st, const char *sql, long long id)
{
    sqlite3_stmt *s;
    struct ag_error err;
    long long v = -1;
    assert_int_equal(store_prepare(st, &s, sql, &err), AG_OK);
    if (sqlite3_bind_parameter_count(s))
        sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}
