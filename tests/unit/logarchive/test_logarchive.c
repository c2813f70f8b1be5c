/*
 * test_logarchive.c — the log archive (src/logarchive): segments written, sealed and read back
 * line for line; verification catches an altered byte, a deleted segment (the last one too), a
 * reordered pair, a cut file and an unknown file; expiry by policy is accepted by verify and
 * audited; a crash before sealing is recovered at the next open; a crash between the rename and
 * the store is adopted; search by host, text and time.
 */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logarchive/logarchive.h"
#include "logwatch/logwatch.h"
#include "store/store.h"

struct fx {
    char dir[64], arch[96];
    struct store *st;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    snprintf(f->dir, sizeof(f->dir), "/tmp/ag_test_logarchive_XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char path[128];
    snprintf(path, sizeof(path), "%s/ag.db", f->dir);
    snprintf(f->arch, sizeof(f->arch), "%s/logs", f->dir);
    assert_int_equal(store_open(&f->st, path, STORE_CREATE, &err), AG_OK);
    assert_int_equal(store_migrate(f->st, NULL, &err), AG_OK);
    store_set_actor(f->st, "tester");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_free(f->st);
    char cmd[200];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static const char *const auth_lines[] = {
    "2026-03-05T01:00:00+00:00 gw01 sshd[812]: Failed password for root from 203.0.113.5 port "
    "4711 ssh2",
    "2026-03-05T01:00:02+00:00 gw01 sshd[812]: Failed password for admin from 203.0.113.5 port "
    "4712 ssh2",
    "2026-03-05T02:00:00+00:00 db01 sudo[90]: alice : TTY=pts/0 ; PWD=/ ; USER=root ; "
    "COMMAND=/bin/ls",
};
static const char *const sys_lines[] = {
    "2026-03-05T01:30:00+00:00 fids01 fidsd[90]: display refresh ok",
    "a line without any header at all",
    "2026-03-05T01:31:00+00:00 fids01 fidsd[90]: display refresh ok again",
};

/* Writes the sample lines (auth and system, from one source) and seals them. */
static void write_sample(struct fx *f)
{
    struct la_writer *w;
    struct la_options o;
    struct ag_error err;
    la_options_init(&o);
    o.year = 2026;
    assert_int_equal(la_writer_open(&w, f->arch, f->st, &o, &err), AG_OK);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(
            la_writer_append(w, "/var/log/auth.log", auth_lines[i], strlen(auth_lines[i]), &err),
            AG_OK);
        assert_int_equal(
            la_writer_append(w, "/var/log/auth.log", sys_lines[i], strlen(sys_lines[i]), &err),
            AG_OK);
    }
    struct la_writer_stats ws;
    la_writer_stats(w, &ws);
    assert_int_equal(ws.lines, 6);
    assert_int_equal(la_writer_close(w, &err), AG_OK);
}

/* The name of the n-th (1-based) sealed segment file. */
static void seg_path(struct fx *f, int n, char *out, size_t cap)
{
    DIR *d = opendir(f->arch);
    assert_non_null(d);
    struct dirent *e;
    char want[16];
    snprintf(want, sizeof(want), "%08d-", n);
    out[0] = '\0';
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, want, 9))
            snprintf(out, cap, "%s/%s", f->arch, e->d_name);
    closedir(d);
    assert_true(out[0]);
}

struct collected {
    char text[4096];
    size_t n;
    int problems[16];
    char segs[16][128];
    size_t np;
};

static int collect_line(void *ctx, const char *line, size_t n)
{
    struct collected *c = ctx;
    size_t len = strlen(c->text);
    snprintf(c->text + len, sizeof(c->text) - len, "%.*s\n", (int)n, line);
    c->n++;
    return 0;
}

static void on_problem(void *ctx, const char *segment, enum la_problem p, const char *detail)
{
    struct collected *c = ctx;
    if (c->np < 16) {
        c->problems[c->np] = p;
        snprintf(c->segs[c->np], sizeof(c->segs[0]), "%s", segment);
        c->np++;
    }
}

static struct la_verify_result verify(struct fx *f, struct collected *c)
{
    struct la_verify_result r;
    struct ag_error err;
    memset(c, 0, sizeof(*c));
    assert_int_equal(la_verify(f->st, f->arch, on_problem, c, &r, &err), AG_OK);
    return r;
}

static bool reported(const struct collected *c, enum la_problem p, const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    for (size_t i = 0; i < c->np; i++)
        if (c->problems[i] == (int)p && !strcmp(c->segs[i], base))
            return true;
    return false;
}

static void test_round_trip(void **state)
{
    struct fx *f = *state;
    write_sample(f);
    struct collected c;
    struct la_verify_result r = verify(f, &c);
    assert_int_equal(r.problems, 0);
    assert_int_equal(r.segments, 2);
    assert_int_equal(r.lines, 6);
    /* segment 1 is the system one (its first line is older? no: sealed in the order opened) */
    char p[256];
    for (int n = 1; n <= 2; n++) {
        seg_path(f, n, p, sizeof(p));
        FILE *fp = fopen(p, "rb");
        struct la_scan sc;
        memset(&c, 0, sizeof(c));
        assert_int_equal(la_segment_scan(fp, LA_SCAN_LINES | LA_SCAN_HASH, collect_line, &c, &sc),
                         AG_OK);
        fclose(fp);
        assert_true(sc.sealed && sc.manifest_ok && sc.frame_ok && sc.complete);
        assert_int_equal(sc.m.seq, n);
        assert_int_equal(sc.m.lines, 3);
        assert_string_equal(sc.data_sha256, sc.m.data_sha256);
        assert_string_equal(sc.m.source, "/var/log/auth.log");
        const char *const *want = !strcmp(sc.m.kind, "auth") ? auth_lines : sys_lines;
        char expect[4096];
        snprintf(expect, sizeof(expect), "%s\n%s\n%s\n", want[0], want[1], want[2]);
        assert_string_equal(c.text, expect);
        if (!strcmp(sc.m.kind, "auth")) {
            assert_int_equal(sc.m.first, 1772672400); /* 2026-03-05T01:00:00Z */
            assert_int_equal(sc.m.last, 1772676000);  /* 02:00:00 */
        } else {
            assert_string_equal(sc.m.kind, "system");
        }
        if (n == 1)
            assert_string_equal(sc.m.prev_sha256, LA_ZERO_HASH);
        la_scan_release(&sc);
    }
}

static void flip(const char *path, long off)
{
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    if (off < 0) {
        fseek(fp, 0, SEEK_END);
        off += ftell(fp);
    }
    fseek(fp, off, SEEK_SET);
    int ch = fgetc(fp);
    fseek(fp, off, SEEK_SET);
    fputc(ch ^ 0x01, fp);
    fclose(fp);
}

static void test_altered_byte(void **state)
{
    struct fx *f = *state;
    write_sample(f);
    char p[256];
    seg_path(f, 2, p, sizeof(p));
    flip(p, 60); /* in the data */
    struct collected c;
    struct la_verify_result r = verify(f, &c);
    assert_true(r.problems >= 1);
    assert_true(reported(&c, LA_P_ALTERED, p));
    for (size_t i = 0; i < c.np; i++) /* only that segment */
        assert_non_null(strstr(p, c.segs[i]));
    flip(p, 60);
    r = verify(f, &c);
    assert_int_equal(r.problems, 0);
    flip(p, -20); /* in the manifest */
    r = verify(f, &c);
    assert_true(reported(&c, LA_P_ALTERED, p) || reported(&c, LA_P_TRUNCATED, p));
}

static void test_deleted_last_and_unknown(void **state)
{
    struct fx *f = *state;
    write_sample(f);
    char p1[256], p2[256], copy[400];
    seg_path(f, 1, p1, sizeof(p1));
    seg_path(f, 2, p2, sizeof(p2));
    snprintf(copy, sizeof(copy), "%s/99999999-auth-20260101T000000Z.log.zst", f->arch);
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "cp %s %s && rm %s", p2, copy, p2);
    assert_int_equal(system(cmd), 0);
    struct collected c;
    struct la_verify_result r = verify(f, &c);
    assert_int_equal(r.problems, 2);
    assert_true(reported(&c, LA_P_MISSING, p2)); /* the last segment of the chain */
    assert_true(reported(&c, LA_P_UNKNOWN, copy));
}

static void test_reordered_and_truncated(void **state)
{
    struct fx *f = *state;
    write_sample(f);
    char p1[256], p2[256], cmd[2048];
    seg_path(f, 1, p1, sizeof(p1));
    seg_path(f, 2, p2, sizeof(p2));
    snprintf(cmd, sizeof(cmd), "mv %s %s.x && mv %s %s && mv %s.x %s", p1, p1, p2, p1, p1, p2);
    assert_int_equal(system(cmd), 0);
    struct collected c;
    verify(f, &c);
    assert_true(reported(&c, LA_P_CHAIN, p1));
    assert_true(reported(&c, LA_P_CHAIN, p2));
    assert_true(reported(&c, LA_P_ALTERED, p1));
    snprintf(cmd, sizeof(cmd), "mv %s %s.x && mv %s %s && mv %s.x %s", p1, p1, p2, p1, p1, p2);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(verify(f, &c).problems, 0);
    assert_int_equal(truncate(p1, 40), 0);
    verify(f, &c);
    assert_true(reported(&c, LA_P_TRUNCATED, p1));
}

static void test_expiry(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    write_sample(f);
    assert_int_equal(la_policy_set(f->st, "system", "*", 30, "test", &err), AG_OK);
    assert_int_equal(la_policy_set(f->st, "auth", "/var/log/auth.log", 400, "", &err), AG_OK);
    long days;
    char pol[600];
    assert_int_equal(
        la_policy_for(f->st, "/var/log/auth.log", "auth", &days, pol, sizeof(pol), &err), AG_OK);
    assert_int_equal(days, 400); /* the source's own beats the kind's default (365) */
    assert_int_equal(la_policy_for(f->st, "other", "auth", &days, pol, sizeof(pol), &err), AG_OK);
    assert_int_equal(days, 365);
    int64_t now = 1772676000 + 100LL * 86400; /* 100 days after the last line */
    size_t n;
    assert_int_equal(la_expire(f->st, f->arch, now, true, NULL, NULL, &n, &err), AG_OK);
    assert_int_equal(n, 1); /* system (30 days) only */
    char p[256];
    seg_path(f, 1, p, sizeof(p));
    assert_int_equal(access(p, F_OK), 0);
    struct collected c;
    assert_int_equal(verify(f, &c).problems, 0);
    assert_int_equal(la_expire(f->st, f->arch, now, false, NULL, NULL, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    struct la_verify_result r = verify(f, &c);
    assert_int_equal(r.problems, 0); /* removed lawfully: not missing */
    assert_int_equal(r.expired, 1);
    assert_int_equal(r.segments, 1);
    sqlite3_stmt *s;
    assert_int_equal(store_prepare(f->st, &s,
                                   "SELECT count(*) FROM audit_log WHERE action = 'expire' AND "
                                   "entity = 'log_segments'",
                                   &err),
                     AG_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 1);
    sqlite3_finalize(s);
    /* the chain goes on after an expired segment */
    write_sample(f);
    assert_int_equal(verify(f, &c).problems, 0);
    /* a bad period */
    assert_false(la_days_parse("0", &days));
    assert_false(la_days_parse("5x", &days));
    assert_true(la_days_parse("1y", &days) && days == 365);
    assert_true(la_days_parse("12mo", &days) && days == 360);
    assert_true(la_days_parse("52w", &days) && days == 364);
    assert_int_equal(la_policy_set(f->st, "bogus", "*", 10, "", &err), AG_EINVAL);
}

static void test_crash_recovery(void **state)
{
    struct fx *f = *state;
    struct la_writer *w;
    struct la_options o;
    struct ag_error err;
    la_options_init(&o);
    o.year = 2026;
    assert_int_equal(la_writer_open(&w, f->arch, f->st, &o, &err), AG_OK);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(la_writer_append(w, "udp", auth_lines[i], strlen(auth_lines[i]), &err),
                         AG_OK);
    assert_int_equal(la_writer_tick(w, (int64_t)ag_now(), &err), AG_OK); /* flushed */
    assert_int_equal(la_writer_append(w, "udp", sys_lines[0], strlen(sys_lines[0]), &err), AG_OK);
    la_writer_abandon(w); /* killed: the last line (system) was only in memory */
    struct collected c;
    struct la_verify_result r = verify(f, &c);
    assert_int_equal(r.open, 2); /* auth with 3 lines flushed, system with its header only */
    assert_int_equal(r.problems, 0);
    /* the next start seals the open segment as it is */
    assert_int_equal(la_writer_open(&w, f->arch, f->st, &o, &err), AG_OK);
    struct la_writer_stats ws;
    la_writer_stats(w, &ws);
    assert_int_equal(ws.recovered, 1);
    assert_int_equal(la_writer_close(w, &err), AG_OK);
    r = verify(f, &c);
    assert_int_equal(r.problems, 0);
    assert_int_equal(r.open, 0);
    assert_int_equal(r.segments, 1);
    assert_int_equal(r.lines, 3);
    char p[256];
    seg_path(f, 1, p, sizeof(p));
    FILE *fp = fopen(p, "rb");
    struct la_scan sc;
    assert_int_equal(la_segment_scan(fp, 0, NULL, NULL, &sc), AG_OK);
    fclose(fp);
    assert_true(sc.m.recovered);
    assert_string_equal(sc.m.source, "udp");
    assert_string_equal(sc.m.kind, "auth");
    la_scan_release(&sc);
    /* a crash between the rename and the store: the next open records it */
    write_sample(f);
    assert_int_equal(store_exec(f->st, "DELETE FROM log_segments WHERE seq = 3", &err), AG_OK);
    assert_true(verify(f, &c).problems > 0);
    assert_int_equal(la_writer_open(&w, f->arch, f->st, &o, &err), AG_OK);
    la_writer_stats(w, &ws);
    assert_int_equal(ws.adopted, 1);
    assert_int_equal(la_writer_close(w, &err), AG_OK);
    assert_int_equal(verify(f, &c).problems, 0);
}

struct found {
    size_t n;
    char last[512];
};

static int on_match(void *ctx, const char *segment, int64_t t, const char *line, size_t n)
{
    struct found *fo = ctx;
    fo->n++;
    snprintf(fo->last, sizeof(fo->last), "%.*s", (int)n, line);
    return 0;
}

static void test_search(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    write_sample(f);
    struct found fo = {0};
    size_t scanned;
    struct la_query q = {.host = "GW01"};
    assert_int_equal(la_search(f->arch, &q, on_match, &fo, &scanned, &err), AG_OK);
    assert_int_equal(fo.n, 2);
    assert_int_equal(scanned, 2);
    memset(&fo, 0, sizeof(fo));
    q = (struct la_query){.text = "FAILED PASSWORD FOR ADMIN", .icase = true};
    assert_int_equal(la_search(f->arch, &q, on_match, &fo, &scanned, &err), AG_OK);
    assert_int_equal(fo.n, 1);
    assert_string_equal(fo.last, auth_lines[1]);
    memset(&fo, 0, sizeof(fo));
    q = (struct la_query){.text = "FAILED PASSWORD FOR ADMIN"}; /* case matters by default */
    assert_int_equal(la_search(f->arch, &q, on_match, &fo, &scanned, &err), AG_OK);
    assert_int_equal(fo.n, 0);
    memset(&fo, 0, sizeof(fo));
    /* 01:30–01:31 holds the system lines, and the headerless line takes the time before it */
    q = (struct la_query){.since = 1772674200, .until = 1772674260};
    assert_int_equal(la_search(f->arch, &q, on_match, &fo, &scanned, &err), AG_OK);
    assert_int_equal(fo.n, 3);
    assert_int_equal(scanned, 2);
    memset(&fo, 0, sizeof(fo));
    q = (struct la_query){.since = 1772676001}; /* after every line: no segment is read */
    assert_int_equal(la_search(f->arch, &q, on_match, &fo, &scanned, &err), AG_OK);
    assert_int_equal(fo.n, 0);
    assert_int_equal(scanned, 0);
}

static void test_classify(void **state)
{
    static const struct {
        const char *line;
        enum la_kind kind;
    } cases[] = {
        {"Mar  5 07:08:09 gw01 sshd[812]: Accepted publickey for a", LA_AUTH},
        {"Mar  5 07:08:09 mx postfix/smtpd[1]: connect from x", LA_MAIL},
        {"Mar  5 07:08:09 vpn openvpn[1]: peer connected", LA_NETWORK},
        {"Mar  5 07:08:09 fw kernel: DROP IN=eth0 OUT= SRC=1.2.3.4 DST=5.6.7.8", LA_NETWORK},
        {"Mar  5 07:08:09 web nginx: 1.2.3.4 - - [05/Mar/2026:11:15:00 +0900] \"GET / HTTP/1.1\" "
         "200 1",
         LA_WEB},
        {"198.51.100.20 - - [05/Mar/2026:11:15:00 +0900] \"GET /search HTTP/1.1\" 200 512", LA_WEB},
        {"Mar  5 07:08:09 fids01 fidsd[90]: display refresh ok", LA_SYSTEM},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(cases); i++) {
        struct lw_event ev;
        int64_t t = la_line_time(cases[i].line, strlen(cases[i].line), 2026, 32400, &ev);
        assert_true(t > 0);
        if (la_classify(&ev) != cases[i].kind)
            fail_msg("%s: kind %s", cases[i].line, la_kind_name(la_classify(&ev)));
    }
    struct lw_event ev;
    /* RFC 3164 stamps are the site's local time: 07:08:09 JST is 22:08:09 UTC the day before */
    assert_int_equal(la_line_time(cases[0].line, strlen(cases[0].line), 2026, 32400, &ev),
                     1772694489 - 32400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_altered_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleted_last_and_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reordered_and_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_crash_recovery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search, setup, teardown),
        cmocka_unit_test(test_classify),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
