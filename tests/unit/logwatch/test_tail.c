/*
 * test_tail.c — the file tail (src/logwatch/tail.c) and the rate limit's token bucket: lines and
 * an unfinished last line; rotation by rename + create (lines written to the old file after the
 * rename come first); copytruncate; truncation; restart with state (no line skipped or repeated,
 * also across a rotation while stopped and with an unfinished line at the commit); a file that
 * does not exist yet; a reused file; long lines; pacing by lw_tail_read_max; a stream (pipe);
 * a broken state file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logwatch/logwatch.h"

#define MAXL 64

struct got {
    size_t n;
    char *line[MAXL];
    uint64_t lineno[MAXL];
};

static void collect(void *ctx, const struct lw_origin *o, char *line, size_t n)
{
    struct got *g = ctx;
    assert_int_equal(line[n], '\0');
    assert_true(n <= LW_LINE_MAX);
    assert_true(g->n < MAXL);
    g->line[g->n] = strndup(line, n > 40 ? 40 : n);
    g->lineno[g->n++] = o->lineno;
}

static void reset(struct got *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->line[i]);
    g->n = 0;
}

/* Checks the lines got so far are exactly want (a NULL-terminated list), then forgets them. */
static void expect(struct got *g, const char *const *want)
{
    size_t k = 0;
    for (; want[k]; k++) {
        if (k >= g->n)
            fail_msg("line %zu missing (expected \"%s\")", k, want[k]);
        if (strcmp(g->line[k], want[k]) != 0)
            fail_msg("line %zu: got \"%s\", expected \"%s\"", k, g->line[k], want[k]);
    }
    if (g->n != k)
        fail_msg("got %zu lines, expected %zu (extra: \"%s\")", g->n, k, g->line[k]);
    reset(g);
}
#define EXPECT(g, ...) expect(g, (const char *const[]){__VA_ARGS__, NULL})
#define EXPECT_NONE(g) expect(g, (const char *const[]){NULL})

static char dir[64], file[128], state[128];

static int setup(void **st)
{
    (void)st;
    snprintf(dir, sizeof(dir), "/tmp/test_tail.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(file, sizeof(file), "%s/auth.log", dir);
    snprintf(state, sizeof(state), "%s/state", dir);
    mkdir(state, 0700);
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir); /* test scaffolding, a fixed path */
    return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *path, const char *mode, const char *text)
{
    FILE *f = fopen(path, mode);
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static struct lw_tail *open_tail(const char *sdir)
{
    struct ag_error err;
    ag_error_clear(&err);
    struct lw_tail *t = lw_tail_open(file, sdir, &err);
    if (!t)
        fail_msg("lw_tail_open: %s", err.msg);
    return t;
}

static int rd(struct lw_tail *t, struct got *g)
{
    struct ag_error err;
    int n = lw_tail_read(t, collect, g, &err);
    if (n < 0)
        fail_msg("lw_tail_read: %s", err.msg);
    return n;
}

static void commit(struct lw_tail *t)
{
    struct ag_error err;
    if (lw_tail_commit(t, &err) != 0)
        fail_msg("lw_tail_commit: %s", err.msg);
}

static void test_lines_and_partial(void **st)
{
    (void)st;
    struct got g = {0};
    put(file, "w", "one\r\ntwo\n\nthr");
    struct lw_tail *t = open_tail(NULL);
    assert_int_equal(rd(t, &g), 2);
    assert_int_equal(g.lineno[1], 2);
    EXPECT(&g, "one", "two"); /* CR removed; the empty line not handed over */
    put(file, "a", "ee\nfo");
    rd(t, &g);
    EXPECT(&g, "three"); /* the unfinished line waited for its newline */
    assert_int_equal(lw_tail_flush(t, collect, &g), 1);
    EXPECT(&g, "fo");
    assert_int_equal(lw_tail_stats(t)->lines, 4);
    lw_tail_close(t);
}

static void test_rotation(void **st)
{
    (void)st;
    struct got g = {0};
    char old[160];
    snprintf(old, sizeof(old), "%s.1", file);
    put(file, "w", "a1\na2\n");
    struct lw_tail *t = open_tail(NULL);
    rd(t, &g);
    EXPECT(&g, "a1", "a2");
    /* logrotate renames; the daemon writes to the old file until told to reopen */
    assert_int_equal(rename(file, old), 0);
    put(old, "a", "a3\na4-unfinished");
    rd(t, &g); /* path gone: keep reading the old file */
    EXPECT(&g, "a3");
    put(file, "w", "b1\nb2\n");
    rd(t, &g); /* the old file to its end (its last line too), then the new one from 0 */
    assert_int_equal(g.lineno[1], 1);
    EXPECT(&g, "a4-unfinished", "b1", "b2");
    put(old, "a", "late\n"); /* the old file is let go */
    put(file, "a", "b3\n");
    rd(t, &g);
    EXPECT(&g, "b3");
    lw_tail_close(t);
}

static void test_truncation(void **st)
{
    (void)st;
    struct got g = {0};
    put(file, "w", "old line 1\nold line 2\n");
    struct lw_tail *t = open_tail(NULL);
    rd(t, &g);
    EXPECT(&g, "old line 1", "old line 2");
    /* copytruncate: the file emptied, and new lines written past our offset before we look */
    put(file, "w", "new line 1\nnew line 2\nnew line 3\n");
    rd(t, &g);
    EXPECT(&g, "new line 1", "new line 2", "new line 3");
    /* plain truncation: smaller than our offset */
    put(file, "w", "c\n");
    rd(t, &g);
    EXPECT(&g, "c");
    lw_tail_close(t);
}

static void test_restart_with_state(void **st)
{
    (void)st;
    struct got g = {0};
    put(file, "w", "l1\nl2\nl3\npart");
    struct lw_tail *t = open_tail(state);
    rd(t, &g);
    EXPECT(&g, "l1", "l2", "l3");
    commit(t);
    lw_tail_close(t); /* a stop: the unfinished line is not flushed */
    put(file, "a", "ial\nl5\n");
    t = open_tail(state);
    rd(t, &g);
    assert_int_equal(g.lineno[0], 4);
    EXPECT(&g, "partial", "l5"); /* neither skipped nor repeated */
    commit(t);
    lw_tail_close(t);
    /* a second run over the unchanged file reads nothing */
    t = open_tail(state);
    assert_int_equal(rd(t, &g), 0);
    lw_tail_close(t);
    /* without a commit, a restart repeats: the state is what was committed */
    t = open_tail(state);
    put(file, "a", "l6\n");
    rd(t, &g);
    EXPECT(&g, "l6");
    lw_tail_close(t);
    t = open_tail(state);
    rd(t, &g);
    EXPECT(&g, "l6");
    lw_tail_close(t);
}

static void test_rotated_while_stopped(void **st)
{
    (void)st;
    struct got g = {0};
    char old[160];
    snprintf(old, sizeof(old), "%s.1", file);
    put(file, "w", "r1\nr2\n");
    struct lw_tail *t = open_tail(state);
    rd(t, &g);
    EXPECT(&g, "r1", "r2");
    commit(t);
    lw_tail_close(t);
    put(file, "a", "r3\n"); /* written while we were stopped, then rotated away */
    assert_int_equal(rename(file, old), 0);
    put(file, "w", "s1\n");
    t = open_tail(state);
    rd(t, &g);
    EXPECT(&g, "r3", "s1"); /* the old file found by its inode and finished first */
    commit(t);
    lw_tail_close(t);
    unlink(old);
}

static void test_reused_file(void **st)
{
    (void)st;
    struct got g = {0};
    put(file, "w", "first content\n");
    struct lw_tail *t = open_tail(state);
    rd(t, &g);
    commit(t);
    lw_tail_close(t);
    reset(&g);
    /* rewritten in place (same inode, grown, other first bytes): not the file we read */
    put(file, "w", "other content\nmore\n");
    t = open_tail(state);
    rd(t, &g);
    EXPECT(&g, "other content", "more");
    lw_tail_close(t);
}

static void test_missing_then_created(void **st)
{
    (void)st;
    struct got g = {0};
    unlink(file);
    struct lw_tail *t = open_tail(NULL);
    assert_true(lw_tail_waiting(t));
    assert_int_equal(rd(t, &g), 0);
    put(file, "w", "z\n");
    rd(t, &g);
    assert_false(lw_tail_waiting(t));
    EXPECT(&g, "z");
    lw_tail_close(t);
}

static void test_long_line(void **st)
{
    (void)st;
    struct got g = {0};
    size_t big = 3 * LW_LINE_MAX;
    char *s = malloc(big + 1);
    memset(s, 'x', big);
    s[big] = '\0';
    put(file, "w", "a\n");
    put(file, "a", s);
    struct lw_tail *t = open_tail(NULL);
    rd(t, &g); /* cut before its newline came: the rest is skipped as it arrives */
    assert_int_equal(lw_tail_stats(t)->cut, 1);
    assert_int_equal(g.n, 2);
    reset(&g);
    put(file, "a", "xxxx\nok\n");
    rd(t, &g);
    EXPECT(&g, "ok");
    lw_tail_close(t);
    free(s);
}

static void test_read_max(void **st)
{
    (void)st;
    struct got g = {0};
    put(file, "w", "1\n2\n3\n4\n5\n");
    struct lw_tail *t = open_tail(state);
    struct ag_error err;
    assert_int_equal(lw_tail_read_max(t, collect, &g, 2, &err), 2);
    assert_true(lw_tail_more(t));
    EXPECT(&g, "1", "2");
    commit(t); /* the offset is after line 2, not after what was read into the buffer */
    lw_tail_close(t);
    t = open_tail(state);
    assert_int_equal(lw_tail_read_max(t, collect, &g, 2, &err), 2);
    assert_int_equal(lw_tail_read_max(t, collect, &g, 2, &err), 1);
    assert_false(lw_tail_more(t));
    EXPECT(&g, "3", "4", "5");
    lw_tail_close(t);
}

static void test_stream(void **st)
{
    (void)st;
    struct got g = {0};
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], "s1\ns2\ns", 7), 7);
    close(p[1]);
    struct ag_error err;
    struct lw_tail *t = lw_tail_open_fd(p[0], "-", &err);
    while (!lw_tail_eof(t))
        assert_true(lw_tail_read(t, collect, &g, &err) >= 0);
    lw_tail_flush(t, collect, &g);
    EXPECT(&g, "s1", "s2", "s");
    lw_tail_close(t);
    close(p[0]);
}

static void test_bad_state(void **st)
{
    (void)st;
    put(file, "w", "x\n");
    struct lw_tail *t = open_tail(state);
    struct got g = {0};
    rd(t, &g);
    reset(&g);
    commit(t);
    lw_tail_close(t);
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "for f in '%s'/tail-*.json; do printf '{\"path\":1}' >\"$f\"; done",
             state);
    assert_int_equal(system(cmd), 0);
    struct ag_error err;
    ag_error_clear(&err);
    assert_null(lw_tail_open(file, state, &err));
    assert_non_null(strstr(err.msg, "not a tail state file"));
    assert_non_null(strstr(err.msg, state)); /* names the file */
}

static void test_rate(void **st)
{
    (void)st;
    struct lw_rate r;
    lw_rate_init(&r, 10, 0); /* 10 lines/s, a burst of 10 */
    int64_t t0 = 1000000000;
    for (int i = 0; i < 10; i++)
        assert_true(lw_rate_take(&r, t0));
    assert_false(lw_rate_take(&r, t0));
    assert_false(lw_rate_take(&r, t0 + 50000000)); /* 50 ms: half a token */
    assert_true(lw_rate_take(&r, t0 + 100000000)); /* 100 ms: one */
    assert_false(lw_rate_take(&r, t0 + 100000000));
    assert_int_equal(lw_rate_avail(&r, t0 + 10 * 1000000000LL), 10); /* capped at the burst */
    lw_rate_spend(&r, 10);
    assert_int_equal(lw_rate_avail(&r, t0 + 10 * 1000000000LL), 0);
    lw_rate_init(&r, 0, 0); /* no limit */
    assert_int_equal(lw_rate_avail(&r, t0), UINT64_MAX);
    assert_true(lw_rate_take(&r, t0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lines_and_partial, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rotation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_restart_with_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rotated_while_stopped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reused_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_then_created, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_max, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stream, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_state, setup, teardown),
        cmocka_unit_test(test_rate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
