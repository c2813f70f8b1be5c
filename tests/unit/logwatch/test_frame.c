/*
 * test_frame.c — the syslog stream framer (src/logwatch/frame.c): octet counting split across
 * chunks at every byte, newline (LF, CRLF, NUL) framing, both mixed on one connection, bad counts
 * (zero, too many digits, above the hard limit) resynchronising at the next newline, oversized
 * messages cut at LW_LINE_MAX, and the end of a connection in the middle of a frame.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

#define MAXMSG 64

struct got {
    size_t n;
    char *msg[MAXMSG];
    size_t len[MAXMSG];
};

static void collect(void *ctx, char *msg, size_t n)
{
    struct got *g = ctx;
    assert_true(n > 0 && n <= LW_LINE_MAX);
    assert_int_equal(msg[n], '\0'); /* NUL-terminated at n */
    assert_true(g->n < MAXMSG);
    g->msg[g->n] = malloc(n + 1);
    memcpy(g->msg[g->n], msg, n + 1);
    g->len[g->n++] = n;
}

static void got_free(struct got *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->msg[i]);
    g->n = 0;
}

/* Feeds data in chunks ending at the offsets in cuts[] (then the rest), then finishes. */
static void feed_split(const char *data, size_t n, const size_t *cuts, size_t ncuts, struct got *g,
                       uint64_t *cut, uint64_t *errors)
{
    struct lw_framer *f;
    assert_int_equal(lw_framer_new(&f), 0);
    size_t at = 0;
    for (size_t i = 0; i < ncuts; i++) {
        lw_framer_feed(f, data + at, cuts[i] - at, collect, g);
        at = cuts[i];
    }
    lw_framer_feed(f, data + at, n - at, collect, g);
    lw_framer_finish(f, collect, g);
    uint64_t msgs;
    lw_framer_counts(f, &msgs, cut, errors);
    assert_int_equal(msgs, g->n);
    lw_framer_free(f);
}

static void expect(struct got *g, const char *const *want, size_t nwant)
{
    if (g->n != nwant)
        fail_msg("got %zu messages, expected %zu", g->n, nwant);
    for (size_t i = 0; i < nwant; i++)
        if (g->len[i] != strlen(want[i]) || memcmp(g->msg[i], want[i], g->len[i]) != 0)
            fail_msg("message %zu: got \"%s\", expected \"%s\"", i, g->msg[i], want[i]);
}

/* The same messages whether fed whole, in two pieces split at every byte, or byte by byte. */
static void check_all_splits(const char *data, size_t n, const char *const *want, size_t nwant,
                             uint64_t want_errors)
{
    struct got g = {0};
    uint64_t cut, errors;
    feed_split(data, n, NULL, 0, &g, &cut, &errors);
    expect(&g, want, nwant);
    assert_int_equal(errors, want_errors);
    got_free(&g);
    for (size_t s = 1; s < n; s++) {
        feed_split(data, n, &s, 1, &g, &cut, &errors);
        expect(&g, want, nwant);
        assert_int_equal(errors, want_errors);
        got_free(&g);
    }
    size_t *every = malloc(n * sizeof(*every));
    for (size_t s = 0; s + 1 < n; s++)
        every[s] = s + 1;
    feed_split(data, n, every, n ? n - 1 : 0, &g, &cut, &errors);
    expect(&g, want, nwant);
    assert_int_equal(errors, want_errors);
    got_free(&g);
    free(every);
}

static void test_octet_counting(void **state)
{
    (void)state;
    /* as logger --octet-count sends them, one with a newline inside the count */
    const char data[] = "48 <13>1 2026-11-26T05:12:00Z gw01 sshd 1 - - hello"
                        "5 world"
                        "11 line one\nxx";
    const char *want[] = {"<13>1 2026-11-26T05:12:00Z gw01 sshd 1 - - hello", "world",
                          "line one\nxx"};
    check_all_splits(data, sizeof(data) - 1, want, 3, 0);
    /* a count that includes the sender's trailing newline: the newline is not part of it */
    const char data2[] = "6 hello\n3 abc";
    const char *want2[] = {"hello", "abc"};
    check_all_splits(data2, sizeof(data2) - 1, want2, 2, 0);
}

static void test_newline_framing(void **state)
{
    (void)state;
    const char data[] = "<13>first\n<13>second\r\n\n\n<13>third\0<13>fourth\n12345\n2024-01-01 x\n";
    const char *want[] = {"<13>first",  "<13>second", "<13>third",
                          "<13>fourth", "12345",      "2024-01-01 x"};
    check_all_splits(data, sizeof(data) - 1, want, 6, 0);
}

static void test_mixed(void **state)
{
    (void)state;
    /* RFC 6587 framing told apart at each frame, so one connection may change */
    const char data[] = "5 hello<14>newline framed\n3 xyz<15>last one\n";
    const char *want[] = {"hello", "<14>newline framed", "xyz", "<15>last one"};
    check_all_splits(data, sizeof(data) - 1, want, 4, 0);
}

static void test_bad_lengths(void **state)
{
    (void)state;
    /* a zero count, eleven digits, a count above LW_FRAME_HARD_MAX: each an error skipped to
     * the next newline; the frames after it come through */
    const char data[] = "0 junk\n<13>ok1\n12345678901 junk\n<13>ok2\n9999999 junk\n4 done";
    const char *want[] = {"<13>ok1", "<13>ok2", "done"};
    check_all_splits(data, sizeof(data) - 1, want, 3, 3);
}

static void test_oversized(void **state)
{
    (void)state;
    size_t big = LW_LINE_MAX + 100;
    /* newline framing: cut at LW_LINE_MAX, the rest of the line skipped */
    char *data = malloc(big + 32);
    memset(data, 'a', big);
    memcpy(data + big, "\n<13>next\n", 10);
    struct got g = {0};
    uint64_t cut, errors;
    const size_t splits[] = {0, 100, LW_LINE_MAX - 1, LW_LINE_MAX, LW_LINE_MAX + 1, big};
    for (size_t k = 0; k < AG_ARRAY_LEN(splits); k++) {
        feed_split(data, big + 10, &splits[k], splits[k] ? 1 : 0, &g, &cut, &errors);
        assert_int_equal(g.n, 2);
        assert_int_equal(g.len[0], LW_LINE_MAX);
        assert_string_equal(g.msg[1], "<13>next");
        assert_int_equal(cut, 1);
        assert_int_equal(errors, 0);
        got_free(&g);
    }
    free(data);
    /* octet counting: a count above LW_LINE_MAX (below the hard limit) is trusted, the
     * message cut, the frame after it read right */
    char head[16];
    int hl = snprintf(head, sizeof(head), "%zu ", big);
    data = malloc((size_t)hl + big + 16);
    memcpy(data, head, (size_t)hl);
    memset(data + hl, 'b', big);
    memcpy(data + hl + big, "4 tail", 6);
    size_t split = (size_t)hl + LW_LINE_MAX + 3;
    feed_split(data, (size_t)hl + big + 6, &split, 1, &g, &cut, &errors);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.len[0], LW_LINE_MAX);
    assert_string_equal(g.msg[1], "tail");
    assert_int_equal(cut, 1);
    assert_int_equal(errors, 0);
    got_free(&g);
    free(data);
}

static void test_finish(void **state)
{
    (void)state;
    struct got g = {0};
    uint64_t cut, errors;
    /* the peer closed after a newline-framed message without its newline: delivered */
    const char a[] = "<13>one\n<13>unfinished";
    feed_split(a, sizeof(a) - 1, NULL, 0, &g, &cut, &errors);
    const char *want[] = {"<13>one", "<13>unfinished"};
    expect(&g, want, 2);
    assert_int_equal(errors, 0);
    got_free(&g);
    /* … in the middle of an octet-counted frame: a truncated frame, an error, nothing out */
    const char b[] = "3 one20 only ten b";
    feed_split(b, sizeof(b) - 1, NULL, 0, &g, &cut, &errors);
    const char *want_b[] = {"one"};
    expect(&g, want_b, 1);
    assert_int_equal(errors, 1);
    got_free(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_octet_counting), cmocka_unit_test(test_newline_framing),
        cmocka_unit_test(test_mixed),          cmocka_unit_test(test_bad_lengths),
        cmocka_unit_test(test_oversized),      cmocka_unit_test(test_finish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
