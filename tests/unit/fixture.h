/* The store a unit test starts from (tests/unit/fixture.c): a fresh folder under /tmp holding a
 * migrated store t.db, the default catalog, and on request the demo data. Linked into the unit
 * tests of the store, ISMS, web, authentication, report and notification modules as the static
 * library ag_testfix. Every function fails the running cmocka test on error instead of
 * returning one: a fixture that cannot be built is a broken test, not a case to handle. */
#ifndef AG_TEST_FIXTURE_H
#define AG_TEST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "isms/isms.h"
#include "store/store.h"

enum fixture_flags {
    FIXTURE_CATALOG = 1 << 0,  /* load the default catalog into cat */
    FIXTURE_DEMO = 1 << 1,     /* the demo data (isms_demo; implies FIXTURE_CATALOG) */
    FIXTURE_ACTOR = 1 << 2,    /* store_set_actor(st, "test") */
    FIXTURE_MESSAGES = 1 << 3, /* isms_register_messages(), once a process */
};

struct fixture {
    char dir[64];  /* /tmp/ag-test-<name>-XXXXXX */
    char path[96]; /* <dir>/t.db */
    struct store *st;
    struct catalog *cat; /* NULL without FIXTURE_CATALOG */
    bool clock;          /* $AIRGUARD_NOW set by fixture_init, unset by fixture_release */
};

/* Fills t: $AIRGUARD_NOW set to now first (unless NULL), a new folder named after the test, the
 * store opened and migrated, then what flags ask for. */
void fixture_init(struct fixture *t, const char *name, const char *now, unsigned flags);
/* Frees the store and the catalog, removes the folder with all it holds, and unsets
 * $AIRGUARD_NOW if fixture_init set it. */
void fixture_release(struct fixture *t);
/* fixture_init on a new fixture (fixture_free frees it). */
struct fixture *fixture_new(const char *name, const char *now, unsigned flags);
void fixture_free(struct fixture *t);

/* The department `code` (named name_ja/name_en) and one person a login in it (name = login),
 * their ids into ids[i]. */
void fixture_people(struct store *st, const char *code, const char *name_ja, const char *name_en,
                    const char *const logins[], long long *const ids[], size_t n);
/* The person's id by login. */
long long fixture_person(struct store *st, const char *login);
/* The first column of the first row of sql, with id bound to ?1 when sql has a parameter; -1
 * when there is no row. */
long long fixture_scalar(struct store *st, const char *sql, long long id);

#endif
