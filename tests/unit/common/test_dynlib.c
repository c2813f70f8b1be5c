/* Unit tests for src/common/dynlib.c: libraries loaded when first used — a table filled from
 * the library, errors that name the library, its package and a missing function, one load for
 * many threads, and the process stopping (exit 70) when a call reaches a library that cannot be
 * loaded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/dynlib.h"

/* libm's cos and sqrt, through a table like the dl_<lib>.h headers declare */
#define M_FUNCS(X) X(cos) X(sqrt)
struct m_api {
    M_FUNCS(AG_DYNLIB_FIELD)
};
static const char *const m_names[] = {M_FUNCS(AG_DYNLIB_NAME)};

static void test_load_fills_the_table(void **state)
{
    struct m_api t = {0};
    struct ag_dynlib lib = {
        .soname = "libm.so.6", .package = "libc6", .names = m_names, .n = 2, .table = &t};
    struct ag_error err;
    assert_int_equal(ag_dynlib_load(&lib, &err), AG_OK);
    assert_non_null(t.cos);
    assert_true(t.cos(0.0) == 1.0);
    assert_true(t.sqrt(16.0) == 4.0);
    /* the redirecting call of the headers: the table of the loaded library */
    assert_true(AG_DYNLIB_CALL(lib, m_api, sqrt)(81.0) == 9.0);
    assert_ptr_equal(ag_dynlib_need(&lib), &t);
    assert_int_equal(ag_dynlib_load(&lib, &err), AG_OK); /* loaded once, answered again */
}

static void test_missing_library_is_named(void **state)
{
    struct m_api t = {0};
    struct ag_dynlib lib = {.soname = "libairguard-no-such-lib.so.9",
                            .package = "airguard-no-such-package",
                            .names = m_names,
                            .n = 2,
                            .table = &t};
    struct ag_error err;
    assert_int_equal(ag_dynlib_load(&lib, &err), AG_EIO);
    assert_non_null(strstr(err.msg, "cannot load libairguard-no-such-lib.so.9"));
    assert_non_null(strstr(err.msg, "Debian package airguard-no-such-package"));
    assert_null(t.cos);
    /* the failure is remembered: the same answer without trying again */
    struct ag_error err2;
    assert_int_equal(ag_dynlib_load(&lib, &err2), AG_EIO);
    assert_string_equal(err.msg, err2.msg);
}

static void test_missing_function_is_named(void **state)
{
    static const char *const names[] = {"cos", "airguard_no_such_function"};
    struct m_api t = {0};
    struct ag_dynlib lib = {
        .soname = "libm.so.6", .package = "libc6", .names = names, .n = 2, .table = &t};
    struct ag_error err;
    assert_int_equal(ag_dynlib_load(&lib, &err), AG_EIO);
    assert_non_null(strstr(err.msg, "airguard_no_such_function"));
    assert_non_null(strstr(err.msg, "libm.so.6"));
}

/* A call that reaches a library that cannot be loaded stops the process with 70 (and a reason
 * on stderr), never a call through a null pointer. */
static void test_need_stops_the_process(void **state)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct m_api t = {0};
        struct ag_dynlib lib = {.soname = "libairguard-no-such-lib.so.9",
                                .package = "x",
                                .names = m_names,
                                .n = 2,
                                .table = &t};
        freopen("/dev/null", "w", stderr);
        double v = AG_DYNLIB_CALL(lib, m_api, sqrt)(4.0);
        _exit(v == 2.0 ? 0 : 1); /* not reached */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 70);
}

static struct m_api shared_table;
static struct ag_dynlib shared_lib = {
    .soname = "libm.so.6", .package = "libc6", .names = m_names, .n = 2, .table = &shared_table};

static void *use_shared(void *arg)
{
    const struct m_api *t = ag_dynlib_need(&shared_lib);
    *(double *)arg = t->sqrt(25.0);
    return (void *)t;
}

/* Eight threads reach the library at once: one load, the same table for all. */
static void test_threads_share_one_load(void **state)
{
    pthread_t th[8];
    double v[8];
    for (int i = 0; i < 8; i++)
        assert_int_equal(pthread_create(&th[i], NULL, use_shared, &v[i]), 0);
    for (int i = 0; i < 8; i++) {
        void *t = NULL;
        assert_int_equal(pthread_join(th[i], &t), 0);
        assert_ptr_equal(t, &shared_table);
        assert_true(v[i] == 5.0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_fills_the_table),
        cmocka_unit_test(test_missing_library_is_named),
        cmocka_unit_test(test_missing_function_is_named),
        cmocka_unit_test(test_need_stops_the_process),
        cmocka_unit_test(test_threads_share_one_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
