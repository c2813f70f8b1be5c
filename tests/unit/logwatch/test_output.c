/* Alert outputs (src/logwatch/output.c): the `outputs:` configuration and its errors with file,
 * line and column; RFC 5424 formatting (PRI, MSGID, structured-data escaping, the size cap);
 * JSON lines appended to a file and reopened after a rename (logrotate); batches to the store
 * callback; and syslog forwarding to real listeners on the loopback that the test opens itself:
 * a UDP datagram per alert, RFC 6587 octet-counted frames over TCP, a collector that went away
 * counted as drops and reconnected when back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "logwatch/logwatch.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/ag-test-output-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static json_t *alert(const char *id)
{
    json_t *a = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:[s],s:[s],s:[s,s]}", "id", id, "time",
                          "2026-11-26T05:12:00Z", "category", "brute_force", "rule",
                          "SSH brute force", "level", "high", "src_ip", "203.0.113.9", "user",
                          "ro\"ot]\\x\ny", "count", 12, "guideline", "3.1.5.1(2)(e)", "catalog",
                          "3.1.5.1-2-e", "evidence", "line one", "line two");
    assert_non_null(a);
    return a;
}

static void test_config(void **state)
{
    (void)state;
    struct lw_output_config c;
    struct ag_error err;
    const char *p = write_file("ok.yaml", "rules: {dir: /etc/airguard/rules}\n"
                                          "outputs:\n"
                                          "  json: /var/log/airguard/alerts.jsonl\n"
                                          "  syslog:\n"
                                          "    address: \"[2001:db8::1]:6514\"\n"
                                          "    protocol: tcp\n"
                                          "    format: json\n"
                                          "    facility: local3\n"
                                          "    app_name: ag-gw01\n"
                                          "  store: {batch: 250}\n"
                                          "  incident:\n"
                                          "    min_level: high\n"
                                          "    categories: [brute_force, password_spray]\n"
                                          "    reporter: tanaka\n"
                                          "inputs: [whatever, the, others, read]\n");
    if (lw_output_config_load(p, &c, &err) != AG_OK)
        fail_msg("%s", err.msg);
    assert_string_equal(c.json_path, "/var/log/airguard/alerts.jsonl");
    assert_int_equal(c.syslog_proto, LW_SYSLOG_TCP);
    assert_string_equal(c.syslog_host, "2001:db8::1");
    assert_string_equal(c.syslog_port, "6514");
    assert_int_equal(c.syslog_format, LW_SYSLOG_JSON);
    assert_int_equal(c.syslog_facility, 19);
    assert_string_equal(c.syslog_app, "ag-gw01");
    assert_true(c.store);
    assert_int_equal(c.store_batch, 250);
    assert_string_equal(c.incident_min_level, "high");
    assert_int_equal(c.incident_ncategories, 2);
    assert_string_equal(c.incident_categories[1], "password_spray");
    assert_string_equal(c.incident_reporter, "tanaka");

    /* defaults: no outputs key at all */
    p = write_file("none.yaml", "rules: {}\n");
    assert_int_equal(lw_output_config_load(p, &c, &err), AG_OK);
    assert_string_equal(c.json_path, "");
    assert_int_equal(c.syslog_proto, LW_SYSLOG_NONE);
    assert_false(c.store);

    static const struct {
        const char *yaml, *msg;
    } bad[] = {
        {"outputs:\n  syslog:\n    adress: x:1\n",
         "bad.yaml:3:5: outputs.syslog: unknown key \"adress\""},
        {"outputs:\n  syslog: {address: \"h:1\", protocol: sctp}\n",
         ":2:38: outputs.syslog.protocol: \"sctp\" is not one of: udp, tcp"},
        {"outputs:\n  syslog: {address: h}\n", "outputs.syslog.address: \"h\" is not HOST:PORT"},
        {"outputs:\n  syslog: {address: \"h:70000\"}\n", "is not HOST:PORT"},
        {"outputs:\n  syslog: {protocol: udp}\n", ":2:11: outputs.syslog: address: missing"},
        {"outputs:\n  incident: {categories: [brute_force]}\n",
         "outputs.incident: min_level: missing"},
        {"outputs:\n  incident: {min_level: severe}\n", "\"severe\" is not one of"},
        {"outputs:\n  incident: {min_level: high, categories: [Brute Force]}\n",
         "\"Brute Force\" is not a category"},
        {"outputs:\n  store: {batch: 0}\n", "outputs.store.batch: \"0\" is not a number"},
        {"outputs:\n  mail: x\n", ":2:3: outputs: unknown key \"mail\""},
        {"outputs: [1, 2]\n", "outputs: must be a mapping"},
        {"outputs:\n  json: {path: [a]}\n", "outputs.json.path: must be a text"},
        {"outputs: {json: \"a\n", "bad.yaml:"}, /* not YAML at all */
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(bad); i++) {
        p = write_file("bad.yaml", bad[i].yaml);
        if (lw_output_config_load(p, &c, &err) != AG_EINVAL)
            fail_msg("accepted: %s", bad[i].yaml);
        if (!strstr(err.msg, bad[i].msg))
            fail_msg("%s: got \"%s\", expected \"%s\"", bad[i].yaml, err.msg, bad[i].msg);
    }
    assert_int_equal(lw_output_config_load("/nonexistent/x.yaml", &c, &err), AG_EIO);
}

static void test_format(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    json_t *a = alert("lw-00000000000000f1");
    /* authpriv (10) * 8 + err (3, high) = 83 */
    assert_int_equal(lw_syslog_format_alert(a, LW_SYSLOG_SD, 10, "gw 01", "airguard", 0, &sb),
                     AG_OK);
    const char *m = strbuf_str(&sb);
    char head[128];
    snprintf(head, sizeof(head), "<83>1 2026-11-26T05:12:00Z gw01 airguard %ld brute_force [",
             (long)getpid());
    assert_memory_equal(m, head, strlen(head));
    assert_non_null(strstr(m, "[airguard@32473 id=\"lw-00000000000000f1\""));
    assert_non_null(strstr(m, " user=\"ro\\\"ot\\]\\\\x y\"")); /* escaped; LF → space */
    assert_non_null(strstr(m, " count=\"12\""));
    assert_non_null(strstr(m, " guideline=\"3.1.5.1(2)(e)\""));
    assert_non_null(strstr(m, "] \xEF\xBB\xBFSSH brute force: line one | line two"));
    assert_null(strchr(m, '\n'));
    /* JSON message: no structured data, the alert itself */
    json_object_set_new(a, "level", json_string("critical"));
    assert_int_equal(lw_syslog_format_alert(a, LW_SYSLOG_JSON, 4, "h", "ag", 0, &sb), AG_OK);
    m = strbuf_str(&sb);
    assert_memory_equal(m, "<34>1 ", 6);
    const char *js = strstr(m, " - \xEF\xBB\xBF");
    assert_non_null(js);
    json_t *back = json_loads(js + 6, 0, NULL);
    assert_non_null(back);
    assert_true(json_equal(back, a));
    json_decref(back);
    /* a cap: the evidence goes first */
    assert_int_equal(lw_syslog_format_alert(a, LW_SYSLOG_JSON, 4, "h", "ag", 200, &sb), AG_OK);
    assert_true(sb.len <= 200);
    assert_null(strstr(strbuf_str(&sb), "line one"));
    assert_int_equal(lw_syslog_format_alert(a, LW_SYSLOG_SD, 24, "h", "ag", 0, &sb), AG_EINVAL);
    json_decref(a);
    strbuf_release(&sb);
}

static size_t count_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = 0;
    int c;
    if (!f)
        return 0;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

struct sink {
    size_t calls, total, sizes[8];
    int fail_at; /* call number that fails (1-based), 0 = never */
};

static int store_cb(void *ctx, json_t *const *alerts, size_t n, struct ag_error *err)
{
    struct sink *s = ctx;
    for (size_t i = 0; i < n; i++)
        assert_true(json_is_object(alerts[i]));
    s->sizes[s->calls++ % 8] = n;
    s->total += n;
    if (s->fail_at && (int)s->calls == s->fail_at)
        return ag_error_set(err, AG_EIO, "store down");
    return AG_OK;
}

static void test_json_file_reopen_store(void **state)
{
    (void)state;
    struct lw_output_config c;
    struct lw_output *o;
    struct ag_error err;
    struct sink sink = {0};
    char path[128], rotated[128];
    lw_output_config_init(&c);
    snprintf(path, sizeof(path), "%s/alerts.jsonl", dir);
    snprintf(rotated, sizeof(rotated), "%s/alerts.jsonl.1", dir);
    snprintf(c.json_path, sizeof(c.json_path), "%s", path);
    c.store = true;
    c.store_batch = 2;
    assert_int_equal(lw_output_open(&o, &c, store_cb, &sink, &err), AG_OK);
    for (int i = 0; i < 3; i++) {
        json_t *a = alert("lw-00000000000000a1");
        assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
        json_decref(a); /* the output holds its own reference until stored */
    }
    assert_int_equal(sink.calls, 1); /* one full batch of 2 */
    assert_int_equal(lw_output_flush(o, &err), AG_OK);
    assert_int_equal(count_lines(path), 3);
    assert_int_equal(sink.calls, 2);
    assert_int_equal(sink.sizes[1], 1);
    /* logrotate: the file is renamed; after reopen the next lines go to a new file */
    assert_int_equal(rename(path, rotated), 0);
    json_t *a = alert("lw-00000000000000a2");
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK); /* still the old (renamed) file */
    assert_int_equal(lw_output_reopen(o, &err), AG_OK);
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    assert_int_equal(lw_output_flush(o, &err), AG_OK);
    assert_int_equal(count_lines(rotated), 4);
    assert_int_equal(count_lines(path), 1);
    /* each line is the alert as JSON */
    FILE *f = fopen(path, "r");
    json_error_t je;
    json_t *back = json_loadf(f, 0, &je);
    fclose(f);
    assert_non_null(back);
    assert_true(json_equal(back, a));
    json_decref(back);
    /* a store failure is returned, not swallowed */
    sink.fail_at = (int)sink.calls + 1;
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    assert_int_equal(lw_output_flush(o, &err), AG_EIO);
    assert_string_equal(err.msg, "store down");
    json_decref(a);
    struct lw_output_stats st;
    lw_output_get_stats(o, &st);
    assert_int_equal(st.json_lines, 6);
    assert_int_equal(st.stored, 5);
    lw_output_free(o);
    /* a store output without a store is a configuration error; an unwritable path too */
    assert_int_equal(lw_output_open(&o, &c, NULL, NULL, &err), AG_EINVAL);
    c.store = false;
    snprintf(c.json_path, sizeof(c.json_path), "%s/no/such/dir/a.jsonl", dir);
    assert_int_equal(lw_output_open(&o, &c, NULL, NULL, &err), AG_EIO);
    assert_non_null(strstr(err.msg, "no/such/dir"));
}

/* A loopback listener of the given type; *port receives its port. */
static int listener(int type, char port[8])
{
    int fd = socket(AF_INET, type, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(sa);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    if (type == SOCK_STREAM)
        assert_int_equal(listen(fd, 4), 0);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
    snprintf(port, 8, "%u", ntohs(sa.sin_port));
    return fd;
}

static ssize_t recv_wait(int fd, char *buf, size_t cap)
{
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 2000) != 1)
        return -1;
    return recv(fd, buf, cap, 0);
}

static void test_syslog_udp(void **state)
{
    (void)state;
    struct lw_output_config c;
    struct lw_output *o;
    struct ag_error err;
    static char buf[70000];
    lw_output_config_init(&c);
    int fd = listener(SOCK_DGRAM, c.syslog_port);
    snprintf(c.syslog_host, sizeof(c.syslog_host), "127.0.0.1");
    c.syslog_proto = LW_SYSLOG_UDP;
    assert_int_equal(lw_output_open(&o, &c, NULL, NULL, &err), AG_OK);
    json_t *a = alert("lw-00000000000000b1");
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    for (int i = 0; i < 2; i++) {
        ssize_t n = recv_wait(fd, buf, sizeof(buf) - 1);
        assert_true(n > 0);
        buf[n] = '\0';
        assert_memory_equal(buf, "<83>1 2026-11-26T05:12:00Z ", 27); /* one message, unframed */
        assert_non_null(strstr(buf, "id=\"lw-00000000000000b1\""));
    }
    /* an alert too large for a datagram loses its evidence, not the alert */
    json_t *ev = json_array();
    char big[8001];
    memset(big, 'x', 8000);
    big[8000] = '\0';
    for (int i = 0; i < 10; i++)
        json_array_append_new(ev, json_string(big));
    json_object_set_new(a, "evidence", ev);
    c.syslog_format = LW_SYSLOG_JSON;
    lw_output_free(o);
    assert_int_equal(lw_output_open(&o, &c, NULL, NULL, &err), AG_OK);
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    ssize_t n = recv_wait(fd, buf, sizeof(buf) - 1);
    assert_true(n > 0 && n <= 65000);
    buf[n] = '\0';
    assert_non_null(strstr(buf, "\"id\":\"lw-00000000000000b1\""));
    assert_null(strstr(buf, "xxxxxxxx"));
    struct lw_output_stats st;
    lw_output_get_stats(o, &st);
    assert_int_equal(st.syslog_sent, 1);
    json_decref(a);
    lw_output_free(o);
    close(fd);
}

/* Reads one octet-counted frame "LEN SP MSG" from a stream. */
static void read_frame(int fd, char *msg, size_t cap)
{
    char len[12];
    size_t k = 0;
    while (k + 1 < sizeof(len)) {
        assert_int_equal(recv_wait(fd, len + k, 1), 1);
        if (len[k] == ' ')
            break;
        assert_true(len[k] >= '0' && len[k] <= '9');
        k++;
    }
    len[k] = '\0';
    size_t want = (size_t)strtoul(len, NULL, 10), got = 0;
    assert_true(want > 0 && want < cap);
    while (got < want) {
        ssize_t n = recv_wait(fd, msg + got, want - got);
        assert_true(n > 0);
        got += (size_t)n;
    }
    msg[want] = '\0';
}

static void test_syslog_tcp(void **state)
{
    (void)state;
    struct lw_output_config c;
    struct lw_output *o;
    struct ag_error err;
    static char buf[70000];
    lw_output_config_init(&c);
    int lfd = listener(SOCK_STREAM, c.syslog_port);
    snprintf(c.syslog_host, sizeof(c.syslog_host), "localhost");
    c.syslog_proto = LW_SYSLOG_TCP;
    assert_int_equal(lw_output_open(&o, &c, NULL, NULL, &err), AG_OK);
    int cfd = accept(lfd, NULL, NULL);
    assert_true(cfd >= 0);
    json_t *a = alert("lw-00000000000000c1"), *b = alert("lw-00000000000000c2");
    assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    assert_int_equal(lw_output_emit(o, b, &err), AG_OK);
    read_frame(cfd, buf, sizeof(buf));
    assert_non_null(strstr(buf, "id=\"lw-00000000000000c1\""));
    read_frame(cfd, buf, sizeof(buf)); /* the frames follow each other exactly */
    assert_non_null(strstr(buf, "id=\"lw-00000000000000c2\""));
    /* the collector goes away: alerts are dropped (counted), detection goes on */
    close(cfd);
    close(lfd);
    struct lw_output_stats st;
    for (int i = 0; i < 3; i++)
        assert_int_equal(lw_output_emit(o, a, &err), AG_OK);
    lw_output_get_stats(o, &st);
    assert_true(st.syslog_dropped >= 1);
    assert_int_equal(st.syslog_sent + st.syslog_dropped, 5);
    lw_output_free(o);
    json_decref(a);
    json_decref(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config, setup, teardown),
        cmocka_unit_test(test_format),
        cmocka_unit_test_setup_teardown(test_json_file_reopen_store, setup, teardown),
        cmocka_unit_test(test_syslog_udp),
        cmocka_unit_test(test_syslog_tcp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
