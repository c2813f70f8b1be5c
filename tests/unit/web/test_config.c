/*
 * test_config.c — the server's configuration file parser (src/web/config.c): every key, the
 * accepted layout (comments, blank lines, CRLF, spaces and tabs, no final newline, '=' inside a
 * value), and each refusal with its file:line and key — after which cfg is unchanged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "web/web_int.h"

/* Parses a copy of text (the parser cuts values out of its buffer); the copy is kept in *buf. */
static int parse(struct web_config *cfg, const char *text, char **buf, struct ag_error *err)
{
    size_t n = strlen(text);
    *buf = malloc(n + 1);
    assert_non_null(*buf);
    memcpy(*buf, text, n + 1);
    ag_error_clear(err);
    return web_config_parse(cfg, "airguard.conf", *buf, n, err);
}

static void test_every_key(void **state)
{
    (void)state;
    struct web_config cfg;
    struct ag_error err;
    char *buf;
    web_config_init(&cfg);
    assert_int_equal(parse(&cfg,
                           "# HTTPS on the terminal network\r\n"
                           "\r\n"
                           "  listen = 192.0.2.10:443  \r\n"
                           "db=/var/lib/airguard/a=b.db\n"
                           "\ttls_cert\t=\t/etc/airguard/cert.pem\n"
                           "tls_key = /etc/airguard/key.pem\n"
                           "threads = 4\n"
                           "per_ip_limit = 8\n"
                           "idle_timeout = 3600\n"
                           "max_body = 4096", /* no final newline */
                           &buf, &err),
                     AG_OK);
    assert_string_equal(cfg.listen, "192.0.2.10:443");
    assert_string_equal(cfg.db_path, "/var/lib/airguard/a=b.db");
    assert_string_equal(cfg.tls_cert, "/etc/airguard/cert.pem");
    assert_string_equal(cfg.tls_key, "/etc/airguard/key.pem");
    assert_int_equal(cfg.threads, 4);
    assert_int_equal(cfg.per_ip_limit, 8);
    assert_int_equal(cfg.timeout_s, 3600);
    assert_int_equal(cfg.max_body, 4096);
    free(buf);
}

/* the monitors' keys (serve_monitors.c): text values, each to its own field; given twice or
 * empty is refused like the web's keys */
static void test_monitor_keys(void **state)
{
    (void)state;
    struct web_config cfg;
    struct ag_error err;
    char *buf;
    web_config_init(&cfg);
    assert_null(cfg.syslog_udp);
    assert_null(cfg.capture);
    assert_int_equal(parse(&cfg,
                           "syslog_udp = 0.0.0.0:514\n"
                           "syslog_tcp = [::]:601\n"
                           "rules = /etc/airguard/rules\n"
                           "logwatch_config = /etc/airguard/logwatch.yml\n"
                           "capture = eth1\n"
                           "baseline = /var/lib/airguard/bhs-baseline.json\n"
                           "internal = 10.0.0.0/8,fd00::/8\n"
                           "capture_filter = not port 22\n"
                           "user = airguard\n",
                           &buf, &err),
                     AG_OK);
    assert_string_equal(cfg.syslog_udp, "0.0.0.0:514");
    assert_string_equal(cfg.syslog_tcp, "[::]:601");
    assert_string_equal(cfg.rules, "/etc/airguard/rules");
    assert_string_equal(cfg.logwatch_config, "/etc/airguard/logwatch.yml");
    assert_string_equal(cfg.capture, "eth1");
    assert_string_equal(cfg.baseline, "/var/lib/airguard/bhs-baseline.json");
    assert_string_equal(cfg.internal, "10.0.0.0/8,fd00::/8");
    assert_string_equal(cfg.capture_filter, "not port 22");
    assert_string_equal(cfg.user, "airguard");
    assert_string_equal(cfg.listen, "127.0.0.1:8080"); /* untouched */
    char *first = buf;                                 /* cfg's values point into it */
    assert_int_equal(parse(&cfg, "capture = eth2\ncapture = eth3\n", &buf, &err), AG_EINVAL);
    assert_string_equal(err.msg,
                        "airguard.conf:2: key \"capture\" is given twice (first on line 1)");
    assert_string_equal(cfg.capture, "eth1"); /* unchanged after a refusal */
    free(buf);
    free(first);
    assert_int_equal(parse(&cfg, "user =\n", &buf, &err), AG_EINVAL);
    assert_string_equal(err.msg, "airguard.conf:1: key \"user\" has no value");
    free(buf);
}

static void test_defaults_kept(void **state)
{
    (void)state;
    struct web_config cfg;
    struct ag_error err;
    char *buf;
    web_config_init(&cfg);
    assert_int_equal(parse(&cfg, "# nothing but a comment\n\n   \n", &buf, &err), AG_OK);
    assert_string_equal(cfg.listen, "127.0.0.1:8080");
    assert_null(cfg.db_path);
    assert_null(cfg.tls_cert);
    assert_int_equal(cfg.threads, 2);
    free(buf);
    assert_int_equal(parse(&cfg, "", &buf, &err), AG_OK);
    free(buf);
}

static void refused(const char *text, const char *msg)
{
    struct web_config cfg, before;
    struct ag_error err;
    char *buf;
    web_config_init(&cfg);
    before = cfg;
    assert_int_equal(parse(&cfg, text, &buf, &err), AG_EINVAL);
    if (!strstr(err.msg, msg))
        fail_msg("for %s: message \"%s\" lacks \"%s\"", text, err.msg, msg);
    /* nothing of a refused file is applied, not even the lines before the error */
    assert_memory_equal(&cfg, &before, sizeof(cfg));
    free(buf);
}

static void test_refusals(void **state)
{
    (void)state;
    refused("listen = 127.0.0.1:1\nport = 8080\n", "airguard.conf:2: unknown key \"port\"");
    refused("threads = 2\n\nthreads = 3\n",
            "airguard.conf:3: key \"threads\" is given twice (first on line 1)");
    refused("db =\n", "airguard.conf:1: key \"db\" has no value");
    refused("db =   \t\n", "airguard.conf:1: key \"db\" has no value");
    refused("listen 127.0.0.1:0\n", "airguard.conf:1: \"listen 127.0.0.1:0\" is not a line");
    refused("= value\n", "airguard.conf:1: unknown key \"\"");
    refused("threads = 0\n", "key \"threads\": \"0\" is not a whole number from 1 to 4");
    refused("threads = 5\n", "key \"threads\": \"5\" is not a whole number from 1 to 4");
    refused("threads = +2\n", "key \"threads\": \"+2\" is not a whole number");
    refused("threads = 2 # two\n", "key \"threads\": \"2 # two\" is not a whole number");
    refused("idle_timeout = 99999999999999999999\n", "key \"idle_timeout\"");
    refused("max_body = 1024\n", "key \"max_body\": \"1024\" is not a whole number from 4096");
    refused("per_ip_limit = 257\n", "key \"per_ip_limit\"");
    refused("listen = localhost:80\n",
            "airguard.conf:1: key \"listen\": \"localhost:80\" is not an IP");
    refused("listen = 127.0.0.1:70000\n", "key \"listen\": \"70000\" is not a port");
    refused("listen = 127.0.0.1\n", "key \"listen\": \"127.0.0.1\" is not ADDRESS:PORT");
    refused("db = a\x1b"
            "b\n",
            "airguard.conf:1: the line has a control character");
    refused("# ok\ndb = a\rb\n", "airguard.conf:2: the line has a control character");
    refused("db = \xff\xfe\n", "airguard.conf:1: the line has a control character or is not UTF-8");
    refused("tls_cert = /c.pem\n", "tls_cert and tls_key go together (line 1)");
    refused("threads = 2\ntls_key = /k.pem\n", "tls_cert and tls_key go together (line 2)");
    refused("LISTEN = 127.0.0.1:1\n", "unknown key \"LISTEN\"");
}

static void test_nul_byte(void **state)
{
    (void)state;
    struct web_config cfg;
    struct ag_error err;
    char text[] = "db = a\0b\n";
    web_config_init(&cfg);
    assert_int_equal(web_config_parse(&cfg, "f", text, sizeof(text) - 1, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "f:1: the line has a control character"));
}

/* capture_<option> keys the web does not know are kept in file order with their lines for the
 * capture to check (cmd_serve.c); capture_filter stays the web's own key; twice, empty, or more
 * than WEB_CONFIG_CAPTURE_KEYS is refused; another unknown key still is. */
static void test_capture_keys(void **state)
{
    (void)state;
    struct web_config cfg;
    struct ag_error err;
    char *buf;
    web_config_init(&cfg);
    assert_int_equal(parse(&cfg,
                           "capture = eth1\n"
                           "capture_syn_rate = 500\n"
                           "capture_filter = not port 22\n"
                           "# the hours of the site\n"
                           "capture_timezone = +09:00\n",
                           &buf, &err),
                     AG_OK);
    assert_string_equal(cfg.capture, "eth1");
    assert_string_equal(cfg.capture_filter, "not port 22");
    assert_int_equal(cfg.ncapture_keys, 2);
    assert_string_equal(cfg.capture_keys[0].key, "capture_syn_rate");
    assert_string_equal(cfg.capture_keys[0].value, "500");
    assert_int_equal(cfg.capture_keys[0].line, 2);
    assert_string_equal(cfg.capture_keys[1].key, "capture_timezone");
    assert_string_equal(cfg.capture_keys[1].value, "+09:00");
    assert_int_equal(cfg.capture_keys[1].line, 5);
    assert_string_equal(cfg.config_name, "airguard.conf");
    free(buf);

    static const struct {
        const char *text, *msg;
    } bad[] = {
        {"capture_window = 60\ncapture_window = 30\n",
         "airguard.conf:2: key \"capture_window\" is given twice (first on line 1)"},
        {"capture_window =\n", "airguard.conf:1: key \"capture_window\" has no value"},
        {"capture_ = 1\n", "airguard.conf:1: unknown key \"capture_\""},
        {"captures = 1\n", "airguard.conf:1: unknown key \"captures\""},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        web_config_init(&cfg);
        assert_int_equal(parse(&cfg, bad[i].text, &buf, &err), AG_EINVAL);
        assert_non_null(strstr(err.msg, bad[i].msg));
        assert_int_equal(cfg.ncapture_keys, 0); /* nothing of the file applied */
        free(buf);
    }
    char many[4096] = "";
    for (int i = 0; i <= WEB_CONFIG_CAPTURE_KEYS; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), "capture_k%d = 1\n", i);
    web_config_init(&cfg);
    assert_int_equal(parse(&cfg, many, &buf, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "more than 24 capture_ keys"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_key),     cmocka_unit_test(test_monitor_keys),
        cmocka_unit_test(test_defaults_kept), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_nul_byte),      cmocka_unit_test(test_capture_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
