/*
 * test_hs_cache.c — the on-disk cache of compiled Vectorscan databases (hs_cache.c): the second
 * load of the default rules deserialises the database instead of compiling it and answers
 * exactly as PCRE2 (and so as a compile) on real and hostile requests; truncated, flipped,
 * group-writable files are not used and are replaced; a writable folder is not used at all; the
 * folder keeps at most 8 files; the key follows every input of the compile.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "logwatch/rules_int.h"

#include "rules_load.h"

static char dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/ag-test-hscache-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    lw_hs_cache_set_dir(dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    lw_hs_cache_set_dir(NULL);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            char p[512];
            snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
            unlink(p);
        }
    if (d)
        closedir(d);
    chmod(dir, 0700);
    rmdir(dir);
    return 0;
}

/* The one hs-*.db file of the folder (fails if there is not exactly one) into path. */
static void the_file(char *path, size_t n)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int found = 0;
    while ((e = readdir(d)))
        if (strncmp(e->d_name, "hs-", 3) == 0) {
            snprintf(path, n, "%s/%s", dir, e->d_name);
            found++;
        }
    closedir(d);
    assert_int_equal(found, 1);
}

static size_t count_files(void)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, "hs-", 3) == 0;
    closedir(d);
    return n;
}

static off_t file_size(const char *p)
{
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    return st.st_size;
}

static struct lw_hs_cache_stats stats(void)
{
    struct lw_hs_cache_stats st;
    lw_hs_cache_stats(&st);
    return st;
}

/* Loads the default rules and checks what the cache did (each a difference of its counters). */
static struct lw_ruleset *load_expect(uint64_t hits, uint64_t misses, uint64_t stored,
                                      uint64_t rejected)
{
    struct lw_hs_cache_stats a = stats();
    struct lw_ruleset *rs = load_default();
    struct lw_hs_cache_stats b = stats();
    assert_int_equal(b.hits - a.hits, hits);
    assert_int_equal(b.misses - a.misses, misses);
    assert_int_equal(b.stored - a.stored, stored);
    assert_int_equal(b.rejected - a.rejected, rejected);
    assert_int_equal(rs->nhs, 1); /* a database in every case: from the file or compiled */
    return rs;
}

/* Every |re value of rs answered by its database on t equals PCRE2's answer; returns how many
 * matched. */
static size_t compare(struct lw_ruleset *rs, const char *t, size_t n)
{
    struct lw_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.decoder = "web";
    ev.target = (struct lw_slice){t, n};
    struct lw_evx x = {.ev = &ev};
    size_t hits = 0, nre = 0;
    for (size_t i = 0; i < rs->n; i++)
        for (size_t s = 0; s < rs->r[i].nsel; s++)
            for (size_t m = 0; m < rs->r[i].sel[s].nm; m++)
                for (size_t k = 0; k < rs->r[i].sel[s].m[m].nt; k++) {
                    struct lw_test *te = &rs->r[i].sel[s].m[m].t[k];
                    for (size_t j = 0; j < te->nv; j++) {
                        const struct lw_value *v = &te->v[j];
                        if (v->op != LW_OP_RE)
                            continue;
                        assert_non_null(v->hs_db);
                        nre++;
                        bool want = pcre_says(v, t, n), got = lw_rules_hs_match(v, &x, ev.target);
                        if (got != want)
                            fail_msg("\"%.*s\": database %d, PCRE2 %d", (int)n, t, got, want);
                        hits += want;
                    }
                }
    assert_int_equal(nre, 5);
    return hits;
}

/* The requests of test_rules_hs.c's classes and 20,000 hostile strings of the expressions'
 * pieces: the database read from the file gives PCRE2's answers. */
static void same_answers(struct lw_ruleset *rs)
{
    static const char *const targets[] = {
        "/search?q=1%27%20OR%20%271%27=%271",
        "/item?id=1 union all select username,password from users",
        "/p?q=benchmark(1000000,md5(1))",
        "/cgi-bin/test.cgi?x=;cat%20/etc/passwd",
        "/a?x=$(uname -a)",
        "/../../etc/passwd",
        "/x?f=..%5c..%5cwindows%5cwin.ini",
        "/q?s=<script>alert(1)</script>",
        "/q?s=%3csvg%20onload%3dalert(1)%3e",
        "/r?u=%0d%0aSet-Cookie:%20a=b",
        "/",
        "/api/flights?from=HND&to=CTS&date=2026-11-26",
        "/news/2026/union-station-select-menu",
        "/docs/..",
    };
    size_t matched = 0;
    for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
        matched += compare(rs, targets[i], strlen(targets[i])) > 0;
    assert_int_equal(matched, 10); /* the ten attacks, none of the four ordinary requests */
    static const char *const pieces[] = {
        "union", " ",    "%20",    "/*",     "select", "'",   "%27", "or",         "=",
        "sleep", "(",    "1",      ";",      "--",     "|",   "`",   "$(",         "cat",
        "id",    "..",   "/",      "\\",     "%2f",    "%5c", "%2e", "etc/",       "passwd",
        "<",     "%3c",  "script", "onload", "alert",  "%0d", "%0a", "set-cookie", "\n",
        "UNION", "\xff", "x",      "c:",     "win.ini"};
    const size_t np = sizeof(pieces) / sizeof(pieces[0]);
    uint64_t seed = 0x243f6a8885a308d3u;
    char buf[256];
    size_t hits = 0;
    for (int i = 0; i < 20000; i++) {
        size_t n = hostile_string(&seed, pieces, np, 10, buf, sizeof(buf));
        hits += compare(rs, buf, n) > 0;
    }
    assert_true(hits > 1000 && hits < 19000); /* both answers were exercised */
}

/* Cold: compiled and stored; warm: read from the file, the same answers. */
static void test_second_load_from_cache(void **state)
{
    (void)state;
    struct lw_ruleset *cold = load_expect(0, 1, 1, 0);
    char path[512];
    the_file(path, sizeof(path));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_false(st.st_mode & (S_IWGRP | S_IWOTH));
    struct lw_ruleset *warm = load_expect(1, 0, 0, 0);
    same_answers(warm);
    same_answers(cold);
    lw_ruleset_free(cold);
    lw_ruleset_free(warm);
    assert_int_equal(count_files(), 1);
}

/* A truncated file, one with flipped bytes and a group-writable one are not used, compiled
 * instead and replaced by a good file, which the next load uses. */
static void test_bad_files_ignored_and_replaced(void **state)
{
    (void)state;
    lw_ruleset_free(load_expect(0, 1, 1, 0));
    char path[512];
    the_file(path, sizeof(path));
    off_t size = file_size(path);
    assert_true(size > 1000);

    assert_int_equal(truncate(path, size / 2), 0);
    struct lw_ruleset *rs = load_expect(0, 1, 1, 1);
    same_answers(rs);
    lw_ruleset_free(rs);
    assert_int_equal(file_size(path), size);
    lw_ruleset_free(load_expect(1, 0, 0, 0));

    for (off_t at = 200; at < size; at += size / 3) { /* flipped bytes: CRC or header */
        FILE *f = fopen(path, "r+b");
        assert_non_null(f);
        assert_int_equal(fseeko(f, at, SEEK_SET), 0);
        int c = fgetc(f);
        assert_int_equal(fseeko(f, at, SEEK_SET), 0);
        fputc(c ^ 0x5a, f);
        fclose(f);
        rs = load_expect(0, 1, 1, 1);
        same_answers(rs);
        lw_ruleset_free(rs);
        lw_ruleset_free(load_expect(1, 0, 0, 0));
    }

    FILE *f = fopen(path, "r+b"); /* a wrong header: first bytes */
    assert_non_null(f);
    fputs("garbage!", f);
    fclose(f);
    lw_ruleset_free(load_expect(0, 1, 1, 1));

    assert_int_equal(chmod(path, 0664), 0); /* another user of the group could write it */
    lw_ruleset_free(load_expect(0, 1, 1, 1));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_false(st.st_mode & (S_IWGRP | S_IWOTH)); /* replaced by a private one */
    lw_ruleset_free(load_expect(1, 0, 0, 0));

    assert_int_equal(unlink(path), 0); /* a symbolic link is not followed */
    char target[600];
    snprintf(target, sizeof(target), "%s/elsewhere", dir);
    FILE *t = fopen(target, "w");
    assert_non_null(t);
    fclose(t);
    assert_int_equal(symlink(target, path), 0);
    lw_ruleset_free(load_expect(0, 1, 1, 1)); /* not followed (O_NOFOLLOW): refused, replaced */
    assert_int_equal(file_size(path), size);
    unlink(target);
}

/* A folder others can write to is neither read nor written. */
static void test_writable_folder_not_used(void **state)
{
    (void)state;
    lw_ruleset_free(load_expect(0, 1, 1, 0));
    assert_int_equal(chmod(dir, 0777), 0);
    lw_ruleset_free(load_expect(0, 1, 0, 0));
    assert_int_equal(chmod(dir, 0700), 0);
    lw_ruleset_free(load_expect(1, 0, 0, 0));
    lw_hs_cache_set_dir(NULL); /* off: compiled, nothing read, written or counted */
    lw_ruleset_free(load_expect(0, 0, 0, 0));
    char missing[300];
    snprintf(missing, sizeof(missing), "%s/none", dir);
    lw_hs_cache_set_dir(missing); /* a folder that does not exist: compiled, no error */
    lw_ruleset_free(load_expect(0, 1, 0, 0));
    lw_hs_cache_set_dir(dir);
}

/* At most 8 files: the least recently used go first, the new one stays. */
static void test_bounded(void **state)
{
    (void)state;
    for (int i = 0; i < 10; i++) {
        char p[512];
        snprintf(p, sizeof(p), "%s/hs-%064d.db", dir, i);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fputs("old", f);
        fclose(f);
        struct timeval tv[2] = {{1000000 + i, 0}, {1000000 + i, 0}};
        assert_int_equal(utimes(p, tv), 0);
    }
    struct lw_ruleset *rs = load_expect(0, 1, 1, 0);
    lw_ruleset_free(rs);
    assert_int_equal(count_files(), 8);
    char p[512];
    for (int i = 0; i < 3; i++) { /* the three oldest are gone */
        snprintf(p, sizeof(p), "%s/hs-%064d.db", dir, i);
        assert_int_not_equal(access(p, F_OK), 0);
    }
    snprintf(p, sizeof(p), "%s/hs-%064d.db", dir, 9);
    assert_int_equal(access(p, F_OK), 0);
    lw_ruleset_free(load_expect(1, 0, 0, 0)); /* the new one stayed */
}

/* The key follows every input of the compile. */
static void test_key(void **state)
{
    (void)state;
    const char *e1[] = {"a+b", "c"}, *e2[] = {"a+b", "d"}, *e3[] = {"a+", "bc"};
    unsigned f[] = {0, 0}, f2[] = {0, 1}, ids[] = {0, 1}, ids2[] = {1, 0};
    char k[6][65];
    assert_true(lw_hs_cache_key(e1, f, ids, 2, HS_MODE_BLOCK, k[0]));
    assert_true(lw_hs_cache_key(e2, f, ids, 2, HS_MODE_BLOCK, k[1]));
    assert_true(lw_hs_cache_key(e3, f, ids, 2, HS_MODE_BLOCK, k[2]));
    assert_true(lw_hs_cache_key(e1, f2, ids, 2, HS_MODE_BLOCK, k[3]));
    assert_true(lw_hs_cache_key(e1, f, ids2, 2, HS_MODE_BLOCK, k[4]));
    assert_true(lw_hs_cache_key(e1, f, ids, 1, HS_MODE_BLOCK, k[5]));
    for (int i = 0; i < 6; i++) {
        assert_int_equal(strlen(k[i]), 64);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(k[i], k[j]);
    }
    char again[65];
    assert_true(lw_hs_cache_key(e1, f, ids, 2, HS_MODE_BLOCK, again));
    assert_string_equal(again, k[0]);
    assert_true(lw_hs_cache_key(e1, f, ids, 2, HS_MODE_STREAM, again));
    assert_string_not_equal(again, k[0]);
}

/* The default folder follows XDG. */
static void test_default_dir(void **state)
{
    (void)state;
    char buf[256], *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char *sx = xdg ? strdup(xdg) : NULL, *sh = home ? strdup(home) : NULL;
    setenv("XDG_CACHE_HOME", "/x/cache", 1);
    assert_int_equal(ag_cache_default_dir(buf, sizeof(buf)), AG_OK);
    assert_string_equal(buf, "/x/cache/airguard");
    setenv("XDG_CACHE_HOME", "relative", 1); /* invalid per XDG: ignored */
    setenv("HOME", "/home/u", 1);
    assert_int_equal(ag_cache_default_dir(buf, sizeof(buf)), AG_OK);
    assert_string_equal(buf, "/home/u/.cache/airguard");
    unsetenv("XDG_CACHE_HOME");
    unsetenv("HOME");
    assert_int_equal(ag_cache_default_dir(buf, sizeof(buf)), AG_ENOTFOUND);
    if (sx)
        setenv("XDG_CACHE_HOME", sx, 1);
    if (sh)
        setenv("HOME", sh, 1);
    free(sx);
    free(sh);
}

int main(void)
{
    (void)load_text; /* rules_load.h: only load_default is needed here */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_second_load_from_cache, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_files_ignored_and_replaced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_writable_folder_not_used, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bounded, setup, teardown),
        cmocka_unit_test(test_key),
        cmocka_unit_test(test_default_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
