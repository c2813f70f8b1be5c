/*
 * test_logwatch.c — the syslog header parser and the sshd decoder: each header form with its
 * time, host, program and pid; time zones; sshd's forms with user, address, port and flags;
 * a user name crafted to name another address; "message repeated"; garbage lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"
#include "logwatch/logwatch_int.h" /* lw_addr_parse_text */

static void slice_eq(struct lw_slice s, const char *want)
{
    if (s.n != strlen(want) || memcmp(s.p, want, s.n) != 0)
        fail_msg("got \"%.*s\", expected \"%s\"", (int)s.n, s.p, want);
}

static struct lw_event parse(const char *line)
{
    struct lw_event ev;
    lw_syslog_parse(line, strlen(line), 2024, &ev);
    return ev;
}

static void test_headers(void **state)
{
    (void)state;
    /* RFC 3164 file line: 2024-03-05 07:08:09 UTC = 1709622489 */
    struct lw_event ev = parse("Mar  5 07:08:09 gw01 sshd[812]: Accepted password for a from "
                               "10.0.0.1 port 22 ssh2\n");
    assert_int_equal(ev.time, 1709622489);
    slice_eq(ev.host, "gw01");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.pid, "812");
    slice_eq(ev.msg, "Accepted password for a from 10.0.0.1 port 22 ssh2");
    /* unpadded day, no host */
    ev = parse("May 9 11:11:17 sshd[30876]: Invalid user www from 139.59.34.17 port 51066");
    assert_int_equal(ev.time, 1715253077);
    assert_int_equal(ev.host.n, 0);
    slice_eq(ev.program, "sshd");
    /* <PRI> + RFC 3164 */
    ev = parse("<38>Mar  5 07:08:09 gw01 su: message");
    slice_eq(ev.program, "su");
    assert_int_equal(ev.pid.n, 0);
    slice_eq(ev.msg, "message");
    /* RFC 5424 with structured data containing an escaped bracket, time zone -05:00 */
    ev = parse("<35>1 2020-01-03T11:57:14.257387-05:00 h1 sshd 86784 ID47 [x@1 a=\"q\\]\" b=\"2\"]"
               "[y@2 c=\"3\"] \xef\xbb\xbfhello");
    assert_int_equal(ev.time, 1578070634); /* 16:57:14 UTC */
    assert_int_equal(ev.utc_offset, -5 * 3600);
    slice_eq(ev.host, "h1");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.pid, "86784");
    slice_eq(ev.msg, "hello");
    /* RFC 5424 with nil values */
    ev = parse("<13>1 - - - - - - bare");
    assert_int_equal(ev.time, 0);
    assert_int_equal(ev.program.n, 0);
    slice_eq(ev.msg, "bare");
    /* RFC 3339 file line (rsyslog), offset without a colon */
    ev = parse("2018-12-20 10:09:05.180218+0900 localhost sshd[67566]: x");
    assert_int_equal(ev.time, 1545300545 - 9 * 3600);
    slice_eq(ev.host, "localhost");
    /* facility between host and tag; facility tag wrapping a whole line */
    ev = parse("Jun 20 02:18:39 vps auth.info sshd[13482]: Invalid user admin from 1.2.3.4");
    slice_eq(ev.host, "vps");
    slice_eq(ev.program, "sshd");
    ev = parse("2015-05-27T04:31:28.10040 auth.info: May 27 04:31:28 sshd[30993]: m");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.msg, "m");
    /* no header at all */
    ev = parse("error: maximum authentication attempts exceeded");
    assert_int_equal(ev.program.n, 0);
    slice_eq(ev.msg, "error: maximum authentication attempts exceeded");
    /* impossible dates are not stamps */
    ev = parse("Feb 30 25:00:00 h p: m");
    assert_int_equal(ev.time, 0);
    ev = parse("");
    assert_int_equal(ev.msg.n, 0);
}

static struct lw_event decode(const char *line)
{
    struct lw_event ev = parse(line);
    if (!lw_decode(&ev))
        ev.decoder = NULL;
    return ev;
}

static void test_sshd(void **state)
{
    (void)state;
    struct lw_event ev = decode("Mar  5 07:08:09 gw sshd[1]: Failed password for invalid user "
                                "admin from 2001:db8::1%eth0 port 4022 ssh2");
    assert_string_equal(ev.decoder, "sshd");
    assert_int_equal(ev.action, LW_ACT_LOGIN);
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    assert_true(ev.flags & LW_F_INVALID_USER);
    slice_eq(ev.user, "admin");
    slice_eq(ev.method, "password");
    slice_eq(ev.src, "2001:db8::1");
    assert_int_equal(ev.src_family, 6);
    assert_int_equal(ev.src_port, 4022);
    assert_true(lw_event_hostile(&ev));
    /* success: not hostile; IPv4-mapped address folded to IPv4 */
    ev = decode("sshd[2]: Accepted publickey for ops from ::ffff:192.0.2.7 port 50000 ssh2: RSA "
                "SHA256:x");
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
    assert_int_equal(ev.src_family, 4);
    static const uint8_t v4[4] = {192, 0, 2, 7};
    assert_memory_equal(ev.src_addr, v4, 4);
    assert_false(lw_event_hostile(&ev));
    /* a user name that names another address: the real source is the last one */
    ev = decode("sshd[3]: Failed password for x from 6.6.6.6 port 1 ssh2 from 10.1.1.1 port 2 "
                "ssh2");
    slice_eq(ev.src, "10.1.1.1");
    slice_eq(ev.user, "x from 6.6.6.6 port 1 ssh2");
    /* message repeated N times */
    ev = decode("sshd[4]: message repeated 12 times: [ Failed password for root from 10.0.0.9 "
                "port 22 ssh2]");
    assert_int_equal(ev.repeat, 12);
    slice_eq(ev.user, "root");
    slice_eq(ev.src, "10.0.0.9");
    /* preauth disconnect is hostile, a normal one is not */
    ev = decode("sshd[5]: Disconnected from 10.0.0.1 port 5 [preauth]");
    assert_true(lw_event_hostile(&ev));
    ev = decode("sshd[5]: Disconnected from 10.0.0.1 port 5");
    assert_int_equal(ev.action, LW_ACT_DISCONNECT);
    assert_false(lw_event_hostile(&ev));
    /* root refused by configuration */
    ev = decode("sshd[6]: ROOT LOGIN REFUSED FROM 1.2.3.4 port 14423");
    slice_eq(ev.user, "root");
    assert_true(ev.flags & LW_F_ROOT);
    /* not an address, not a port: no match */
    ev = decode("sshd[7]: Failed password for a from 999.1.1.1 port 22 ssh2");
    assert_null(ev.decoder);
    /* a port out of range is not a port: the older form without one still names the address */
    ev = decode("sshd[7]: Failed password for a from 1.1.1.1 port 99999 ssh2");
    slice_eq(ev.src, "1.1.1.1");
    assert_int_equal(ev.src_port, 0);
    /* another program is not decoded as sshd */
    ev = decode("Mar  5 07:08:09 gw cron[9]: Failed password for a from 1.1.1.1 port 2 ssh2");
    assert_null(ev.decoder);
}

/* regression for sudo's marker mask (decoders.c marker_candidates): only the patterns whose
 * text after " : " fits the message's are tried when it has one " : "; with two (a user or
 * a command holding one) all are, and a count must be digits */
static void test_sudo_marker(void **state)
{
    (void)state;
    const char *pre = "Mar  5 07:08:09 gw sudo[9]: ";
    char line[512];
    struct lw_event ev;
#define SUDO(msg) (snprintf(line, sizeof(line), "%s%s", pre, msg), ev = decode(line))
    SUDO("bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh");
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    assert_int_equal(ev.repeat, 3);
    SUDO("bob : 1 incorrect password attempt ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/bin/sh");
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    SUDO("bob : a incorrect password attempts ; TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/x");
    assert_null(ev.decoder);
    SUDO("eve : user NOT in sudoers ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/cat");
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    slice_eq(ev.user, "eve");
    SUDO("eve : command not allowed ; TTY=pts/2 ; PWD=/tmp ; USER=root ; COMMAND=/bin/cat");
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    SUDO("cron : PWD=/ ; USER=root ; COMMAND=/usr/sbin/logrotate");
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
    slice_eq(ev.user, "cron");
    /* two markers: every pattern is tried */
    SUDO("alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/echo a : b");
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
    slice_eq(ev.user, "alice");
    slice_eq(ev.target, "root");
    SUDO("al : ice : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id");
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
    slice_eq(ev.user, "al : ice");
    SUDO("al : 2 incorrect password attempts ; TTY=pts/1 ; PWD=/a : b ; USER=root ; COMMAND=/x");
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    slice_eq(ev.user, "al");
    SUDO("x : ");
    assert_null(ev.decoder);
#undef SUDO
}

static void test_decoders(void **state)
{
    (void)state;
    struct lw_event ev = decode("Mar  5 07:08:09 gw sudo[9]:    alice : 3 incorrect password "
                                "attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; "
                                "COMMAND=/bin/ls");
    assert_string_equal(ev.decoder, "sudo");
    assert_int_equal(ev.action, LW_ACT_PRIV);
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    assert_int_equal(ev.repeat, 3);
    slice_eq(ev.user, "alice");
    slice_eq(ev.target, "root");
    assert_true(lw_event_hostile(&ev));
    ev = decode(
        "Mar  5 07:08:09 gw sudo[9]: bob : TTY=pts/1 ; PWD=/ ; USER=root ; COMMAND=/usr/bin/id");
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
    assert_false(lw_event_hostile(&ev));
    ev = decode("Mar  5 07:08:09 gw usermod[10]: add 'bob' to group 'sudo'");
    assert_int_equal(ev.action, LW_ACT_GROUP_ADD);
    slice_eq(ev.user, "bob");
    slice_eq(ev.target, "sudo");
    ev = decode("Mar  5 07:08:09 gw useradd[11]: new user: name=eve, UID=1002, GID=1002, home=/x");
    assert_int_equal(ev.action, LW_ACT_ACCOUNT_CREATE);
    slice_eq(ev.user, "eve");
    /* PAM from any program, user and rhost from the key=value list */
    ev = decode("Mar  5 07:08:09 gw cockpit-session[12]: pam_unix(cockpit:auth): authentication "
                "failure; logname= uid=0 euid=0 tty= ruser= rhost=::ffff:10.1.2.3  user=jeff");
    assert_string_equal(ev.decoder, "pam");
    slice_eq(ev.user, "jeff");
    slice_eq(ev.src, "10.1.2.3");
    assert_int_equal(ev.src_family, 4);
    /* a session opened: the user ends at the first '(' (the last one gave "root(uid=0) by ") */
    ev = decode("Mar  5 07:08:09 gw sshd[13]: pam_unix(sshd:session): session opened for user "
                "root(uid=0) by (uid=0)");
    assert_string_equal(ev.decoder, "pam");
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
    slice_eq(ev.user, "root");
    ev = decode("Mar  5 07:08:09 gw su[14]: pam_unix(su:session): session opened for user "
                "backup by alice(uid=1000)");
    slice_eq(ev.user, "backup");
    /* mail, with the address before a port */
    ev = decode("Oct 19 19:56:07 mx postfix/smtpd[2309]: warning: unknown[199.19.110.207]:48123: "
                "SASL LOGIN authentication failed: UGFzc3dvcmQ6");
    assert_string_equal(ev.decoder, "mail");
    slice_eq(ev.src, "199.19.110.207");
    /* a web access log line: a POST to wp-login answered 200 is a failed login */
    ev = decode("10.42.57.1 - - [19/Apr/2024:03:14:10 +0900] \"POST /wp-login.php HTTP/1.1\" 200 "
                "1056 \"-\" \"curl\"");
    assert_string_equal(ev.decoder, "web");
    assert_int_equal(ev.action, LW_ACT_LOGIN);
    assert_int_equal(ev.http_status, 200);
    slice_eq(ev.method, "POST");
    slice_eq(ev.target, "/wp-login.php");
    assert_int_equal(ev.time, 1713464050); /* 2024-04-18T18:14:10Z */
    assert_true(lw_event_hostile(&ev));
    ev =
        decode("10.42.57.1 - - [19/Apr/2024:03:14:10 +0000] \"POST /wp-login.php HTTP/1.1\" 302 0");
    assert_false(lw_event_hostile(&ev));
    ev = decode("10.0.0.1 - - [19/Apr/2024:03:14:10 +0000] \"GET /index.html HTTP/1.1\" 404 0");
    assert_int_equal(ev.action, LW_ACT_INFO);
    /* malformed access lines are not decoded */
    ev = decode("10.0.0.1 - - [19/Foo/2024:03:14:10 +0000] \"GET / HTTP/1.1\" 200 0");
    assert_null(ev.decoder);
}

/* Regression (found by fuzz_logwatch_line): a tag "prog[digits" at the very end of the line was
 * read one byte past the end. The line sits in a buffer of its exact size, so ASan sees it. */
static void test_tag_at_end(void **state)
{
    (void)state;
    static const char text[] = "2015-05-27T04:31:277.Jun 76auth.inm 6.6.6.0 16.Jun 76auth.inm "
                               "6.6.6.0 poF2.[168";
    size_t n = sizeof(text) - 1;
    char *line = malloc(n);
    assert_non_null(line);
    memcpy(line, text, n);
    struct lw_event ev;
    lw_syslog_parse(line, n, 2024, &ev);
    assert_int_equal(ev.pid.n, 0);
    free(line);
}

/* Regression (found by fuzz_logwatch_line): a message that is one non-address byte made the
 * %a placeholder look at the byte before the message. */
static void test_empty_address(void **state)
{
    (void)state;
    char *line = malloc(1);
    assert_non_null(line);
    line[0] = '\x80';
    struct lw_event ev;
    lw_syslog_parse(line, 1, 2024, &ev);
    assert_false(lw_decode(&ev));
    free(line);
}

static void test_strip_ansi(void **state)
{
    (void)state;
    char a[] =
        "\x1b[36m2023/01/01\x1b[0m Failed for \x1b[1mtest\x1b[0m from \x1b[1;32m1.2.3.4\x1b[0m";
    size_t n = lw_strip_ansi(a, strlen(a));
    a[n] = '\0';
    assert_string_equal(a, "2023/01/01 Failed for test from 1.2.3.4");
    char b[] = "plain line";
    assert_int_equal(lw_strip_ansi(b, strlen(b)), strlen("plain line"));
    char c[] = "end\x1b[1"; /* a sequence cut off at the end of the line */
    assert_int_equal(lw_strip_ansi(c, strlen(c)), 3);
    char d[] = "x\x1b";
    assert_int_equal(lw_strip_ansi(d, strlen(d)), 1);
    char e[] = "\x1b(Bok"; /* a two-byte sequence */
    n = lw_strip_ansi(e, strlen(e));
    e[n] = '\0';
    assert_string_equal(e, "Bok");
}

static void test_addr(void **state)
{
    (void)state;
    int fam;
    uint8_t a[16];
    assert_true(lw_addr_parse("10.0.0.1", 8, &fam, a));
    assert_int_equal(fam, 4);
    assert_true(lw_addr_parse("fe80::1%lo", 10, &fam, a));
    assert_int_equal(fam, 6);
    assert_false(lw_addr_parse("10.0.0.1%lo", 11, &fam, a));
    assert_false(lw_addr_parse("1.2.3", 5, &fam, a));
    assert_false(lw_addr_parse("", 0, &fam, a));
    /* a NUL inside: never the part before it (an access log's first field "1.2.3.4\0x" was
     * taken as an address, and the event's src then carried the NUL and what follows it) */
    assert_false(lw_addr_parse("1.2.3.4\0x", 9, &fam, a));
    assert_false(lw_addr_parse("1.2.3.4\0", 8, &fam, a));
    assert_false(lw_addr_parse("fe80::1\0x", 9, &fam, a));
    assert_false(lw_addr_parse("fe80::1%lo\0", 11, &fam, a));
    assert_false(lw_addr_parse("\0\0\0\0\0\0\0", 7, &fam, a));
    char big[100];
    memset(big, '1', sizeof(big));
    assert_false(lw_addr_parse(big, sizeof(big), &fam, a));
}

static bool in_block(const char *block, const char *addr)
{
    struct lw_cidr c;
    int fam;
    uint8_t a[16];
    assert_true(lw_cidr_parse(block, strlen(block), &c));
    assert_true(lw_addr_parse(addr, strlen(addr), &fam, a));
    return lw_cidr_match(&c, fam, a);
}

static void test_cidr(void **state)
{
    (void)state;
    struct lw_event ev;
    const char *l3164 = "Mar  5 03:00:00 gw01 sshd[1]: x",
               *l3339 = "2026-03-05T03:00:00Z gw01 sshd[1]: x";
    lw_syslog_parse(l3164, strlen(l3164), 2026, &ev);
    assert_true(ev.time_local); /* no zone: the sender's local time */
    lw_syslog_parse(l3339, strlen(l3339), 2026, &ev);
    assert_false(ev.time_local);
    /* regression: an access log behind an RFC 3164 header carries its own zoned stamp, which
     * the decoder takes: it is UTC already (it was shifted a second time by the site's offset,
     * and nginx hosts looked silent for nine hours) */
    const char *web = "Oct 19 00:47:19 web02 nginx: 192.0.2.1 - - [19/Oct/2026:00:47:19 +0900] "
                      "\"GET / HTTP/1.1\" 200 1 \"-\" \"x\"";
    lw_syslog_parse(web, strlen(web), 2026, &ev);
    assert_true(lw_decode(&ev));
    assert_false(ev.time_local);
    assert_int_equal(ev.time, 1792338439); /* 2026-10-18T15:47:19Z */
    assert_true(in_block("10.0.0.0/8", "10.255.1.2"));
    assert_false(in_block("10.0.0.0/8", "11.0.0.1"));
    assert_true(in_block("192.168.1.128/25", "192.168.1.200"));
    assert_false(in_block("192.168.1.128/25", "192.168.1.127"));
    assert_true(in_block("203.0.113.9", "203.0.113.9"));
    assert_false(in_block("203.0.113.9", "203.0.113.8"));
    assert_true(in_block("0.0.0.0/0", "8.8.8.8"));
    assert_false(in_block("0.0.0.0/0", "2001:db8::1")); /* families never mix */
    assert_true(in_block("2001:db8::/32", "2001:db8:ffff::1"));
    assert_false(in_block("2001:db8::/33", "2001:db8:ffff::1"));
    assert_true(in_block("::ffff:10.0.0.0/104", "10.9.9.9")); /* mapped: folded to IPv4 /8 */
    assert_true(in_block("10.0.0.0/8", "::ffff:10.1.1.1"));
    struct lw_cidr c;
    const char *bad[] = {"10.0.0.0/33",   "10.0.0.0/",          "10.0.0.0/x", "2001:db8::/129",
                         "fe80::1%lo/64", "::ffff:10.0.0.0/90", "10.0.0/8",   "/8",
                         "10.0.0.0/0008"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(lw_cidr_parse(bad[i], strlen(bad[i]), &c));
}

/* The header parser keeps the last stamp it parsed (consecutive lines share their second):
 * the same text under another year, the same second with another zone or fraction, an
 * invalid stamp after a valid one and a stamp that differs in its last digit all get their
 * own time. */
static void test_stamp_cache(void **state)
{
    (void)state;
    const char *a = "Mar  5 07:08:09 gw01 sshd[1]: x";
    struct lw_event ev;
    lw_syslog_parse(a, strlen(a), 2024, &ev);
    assert_int_equal(ev.time, 1709622489);
    lw_syslog_parse(a, strlen(a), 2024, &ev); /* from the cache */
    assert_int_equal(ev.time, 1709622489);
    lw_syslog_parse(a, strlen(a), 2023, &ev); /* same text, other year */
    assert_int_equal(ev.time, 1709622489 - 366 * 86400);
    ev = parse("Mar  5 07:08:08 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709622488);
    ev = parse("Mar 32 07:08:08 gw01 sshd[1]: x"); /* no stamp: a bare message */
    assert_int_equal(ev.time, 0);
    assert_int_equal(ev.program.n, 0);
    ev = parse("Mar  5 07:08:08 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709622488);
    ev = parse("2024-03-05T07:08:09+09:00 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709622489 - 9 * 3600);
    assert_int_equal(ev.utc_offset, 9 * 3600);
    ev = parse("2024-03-05T07:08:09.250Z gw01 sshd[1]: x"); /* same second, UTC */
    assert_int_equal(ev.time, 1709622489);
    assert_int_equal(ev.utc_offset, 0);
    ev = parse("2024-03-05T07:08:09-0130 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709622489 + 90 * 60);
    ev = parse("2024-03-05T07:08:60Z gw01 sshd[1]: x"); /* a leap second is a valid stamp */
    assert_int_equal(ev.time, 1709622540);
    ev = parse("2024-03-05T07:61:09Z gw01 sshd[1]: x"); /* invalid: not a stamp */
    assert_int_equal(ev.time, 0);
    ev = parse("2024-03-05T07:08:09.5 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709622489);
    slice_eq(ev.host, "gw01");
}

/* An access log's own stamp: the same second in other zones, and an invalid stamp after a
 * valid one, get their own answers. (A per-thread cache of the last stamp, as the syslog
 * header has, was measured here and did not pay: bench/RESULTS.md.) */
static void test_web_stamp_cache(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "10.0.0.1 - - [05/Mar/2024:07:08:09 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [05/Mar/2024:07:08:09 +0000] \"GET /a HTTP/1.1\" 200 5",
        "10.0.0.1 - - [05/Mar/2024:07:08:09 +0900] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [32/Mar/2024:07:08:09 +0900] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [05/Mar/2024:07:08:09 -0130] \"GET / HTTP/1.1\" 200 5",
    };
    static const int64_t want[] = {1709622489, 1709622489, 1709622489 - 9 * 3600, -1,
                                   1709622489 + 90 * 60};
    for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
        struct lw_event ev;
        memset(&ev, 0, sizeof(ev));
        ev.msg = (struct lw_slice){lines[i], strlen(lines[i])};
        bool ok = lw_decode_as("web", &ev);
        assert_int_equal(ok, want[i] >= 0);
        if (ok)
            assert_int_equal(ev.time, want[i]);
    }
}

/* IPv4 text is parsed without inet_pton, with its rules: 200,000 strings of digits and dots
 * (leading zeros, octets over 255, too many or too few, empty ones) get inet_pton's answer. */
static void test_ipv4_as_inet_pton(void **state)
{
    (void)state;
    static const char digits[] = "00125569";
    uint64_t seed = 88172645463325252u;
    size_t ok = 0;
#define NEXT() (seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17, seed)
    for (int i = 0; i < 200000; i++) {
        char buf[40];
        size_t n = 0, groups = 3 + NEXT() % 3; /* 3, 4 or 5 */
        if (NEXT() % 2)
            groups = 4;
        for (size_t g = 0; g < groups; g++) {
            if (g)
                buf[n++] = '.';
            size_t len = NEXT() % 5; /* 0–4 digits: empty octets, leading zeros, > 255 */
            if (len == 4 && NEXT() % 2)
                len = 1 + NEXT() % 3;
            for (size_t k = 0; k < len; k++)
                buf[n++] = digits[NEXT() % (sizeof(digits) - 1)];
        }
        if (NEXT() % 50 == 0)
            buf[n++] = NEXT() % 2 ? 'x' : '.';
        buf[n] = '\0';
        uint8_t want[16] = {0}, got[16];
        int fam = 0;
        bool w = inet_pton(AF_INET, buf, want) == 1, g = lw_addr_parse(buf, n, &fam, got);
        if (w != g || (w && (fam != 4 || memcmp(want, got, 4) != 0)))
            fail_msg("\"%s\": inet_pton %d, lw_addr_parse %d", buf, w, g);
        /* the parse that also gives the text: the same answer, and the text is the input */
        uint8_t got2[16];
        int fam2 = 0;
        struct lw_slice text = {NULL, 0};
        bool g2 = lw_addr_parse_text(buf, n, &fam2, got2, &text);
        if (g2 != g ||
            (g2 && (fam2 != 4 || memcmp(got, got2, 16) != 0 || text.p != buf || text.n != n)))
            fail_msg("\"%s\": lw_addr_parse %d, lw_addr_parse_text %d", buf, g, g2);
        ok += w;
    }
    assert_true(ok > 1000); /* valid addresses were among them */
#undef NEXT
}

/* The session-5 fast paths (date-keyed stamp caches, host and tag in one pass, the dotted
 * quad, the PAM candidates): each case is one where a shortcut that went wrong would give
 * another answer than the general path. */
static void test_fast_paths(void **state)
{
    (void)state;
    /* the day is cached, the clock read on every line: across midnight, and a bad clock on a
     * cached day is still no stamp */
    struct lw_event ev = parse("Mar  5 23:59:59 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709683199);
    ev = parse("Mar  6 00:00:00 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709683200);
    ev = parse("Mar  6 24:00:00 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 0);
    ev = parse("Mar 6 00:00:01 gw01 sshd[1]: x"); /* unpadded: another key, the same day */
    assert_int_equal(ev.time, 1709683201);
    ev = parse("2024-03-05T23:59:59Z gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709683199);
    ev = parse("2024-03-06T00:00:00.5+00:00 gw01 sshd[1]: x");
    assert_int_equal(ev.time, 1709683200);
    ev = parse("2024-03-06T00:60:00Z gw01 sshd[1]: x");
    assert_int_equal(ev.time, 0);
    ev = parse("2024-13-06T00:00:00Z gw01 sshd[1]: x"); /* a bad day is never cached */
    assert_int_equal(ev.time, 0);

    /* host and tag: the usual shapes, and those the one-pass path must leave to the scan */
    ev = parse("Mar  5 07:08:09 gw01 sshd[812]:");
    slice_eq(ev.host, "gw01");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.pid, "812");
    slice_eq(ev.msg, "");
    ev = parse("Mar  5 07:08:09 gw01 nginx: 10.0.0.1 - -");
    slice_eq(ev.program, "nginx");
    assert_int_equal(ev.pid.n, 0);
    slice_eq(ev.msg, "10.0.0.1 - -");
    ev = parse("Mar  5 07:08:09 gw01 prog[]: x"); /* an empty pid: no tag at all */
    assert_int_equal(ev.program.n, 0);
    slice_eq(ev.msg, "gw01 prog[]: x");
    ev = parse("Mar  5 07:08:09 gw01 prog[12]x: y");
    assert_int_equal(ev.program.n, 0);
    ev = parse("Mar  5 07:08:09 su: prog[1]: x"); /* no host: the first word is the tag */
    assert_int_equal(ev.host.n, 0);
    slice_eq(ev.program, "su");
    slice_eq(ev.msg, "prog[1]: x");
    ev = parse("Mar  5 07:08:09 foo[12] sshd[1]: x"); /* "prog[pid]" without colon, no host */
    assert_int_equal(ev.host.n, 0);
    slice_eq(ev.program, "foo");
    slice_eq(ev.pid, "12");
    slice_eq(ev.msg, "sshd[1]: x");
    ev = parse("Mar  5 07:08:09 gw01 sshd[7]:x"); /* no space after the colon */
    assert_int_equal(ev.program.n, 0);
    ev = parse("Mar  5 07:08:09 gw01 <10.5> sshd[7]: x"); /* a facility between them */
    slice_eq(ev.host, "gw01");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.msg, "x");

    /* the dotted quad and what only the careful parser accepts or refuses */
    int fam = 0;
    uint8_t a[16];
    assert_true(lw_addr_parse("255.255.255.255", 15, &fam, a) && fam == 4 && a[3] == 255);
    assert_true(lw_addr_parse("0.0.0.0", 7, &fam, a) && fam == 4);
    assert_false(lw_addr_parse("01.2.3.4", 8, &fam, a));
    assert_false(lw_addr_parse("1.2.3.256", 9, &fam, a));
    assert_false(lw_addr_parse("1.2.3.4.5", 9, &fam, a));
    assert_false(lw_addr_parse("1.2.3.4%e", 9, &fam, a));
    assert_true(lw_addr_parse("::ffff:1.2.3.4", 14, &fam, a) && fam == 4 && a[0] == 1);

    /* PAM: with one "): " the text after it picks the pattern; with two, every pattern is
     * tried, and "%*" may run over the first */
    ev = decode("Mar  5 07:08:09 gw sshd[1]: pam_unix(sshd:auth): authentication failure; "
                "logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.7  user=alice");
    assert_int_equal(ev.action, LW_ACT_LOGIN);
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    slice_eq(ev.user, "alice");
    slice_eq(ev.src, "192.0.2.7");
    ev = decode("Mar  5 07:08:09 gw sshd[1]: pam_unix(sshd:auth): x): authentication failure; "
                "rhost=192.0.2.8 user=bob");
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    slice_eq(ev.user, "bob");
    slice_eq(ev.src, "192.0.2.8");
    ev = decode("Mar  5 07:08:09 gw su[2]: pam_unix(su:auth): authentication failure; "
                "logname=carol uid=1000 euid=0 tty=pts/0 ruser=carol rhost=");
    slice_eq(ev.user, "carol"); /* no user=: the one asking */
    assert_int_equal(ev.src_family, 0);
    ev = decode("Mar  5 07:08:09 gw CRON[3]: pam_unix(cron:session): session closed for user "
                "root");
    assert_int_equal(ev.action, LW_ACT_INFO);
    slice_eq(ev.user, "root");
    ev = decode("Mar  5 07:08:09 gw CRON[3]: pam_unix(cron:session): something else");
    assert_int_equal(ev.action, LW_ACT_NONE);
}

/* The session-6 shortcuts: the address parse that gives its text, the access log's day cache,
 * literals compared by loads, and a %u split skipped when the address cannot start there. Each
 * case is one a wrong shortcut would answer differently. */
static void test_decode_shortcuts(void **state)
{
    (void)state;
    /* lw_addr_parse_text == lw_addr_parse + lw_addr_text, for every kind of address text */
    static const struct {
        const char *s;
        size_t n; /* 0: strlen */
    } addrs[] = {
        {"1.2.3.4", 0},    {"10.0.9.10", 0},        {"255.255.255.255", 0}, {"100.200.250.255", 0},
        {"1.2.3.1000", 0}, {"1234.1.1.1", 0},       {"1.2.3.4.5", 0},       {"01.2.3.4", 0},
        {"1.2.3", 0},      {"1.2.3.4x", 0},         {"1.2.3.4%eth0", 0},    {"::ffff:1.2.3.4", 0},
        {"fe80::1%lo", 0}, {"2001:db8::1", 0},      {"1.2.3.4\0", 8},       {"1.2.3.4\0.5", 10},
        {"1..2.3", 0},     {"1.2.3.", 0},           {".1.2.3", 0},          {"9.9.9.99", 0},
        {"1.22.3.4", 0},   {"::ffff:10.0.0.1%x", 0}};
    for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
        const char *s = addrs[i].s;
        size_t n = addrs[i].n ? addrs[i].n : strlen(s);
        uint8_t a1[16], a2[16];
        int f1 = 0, f2 = 0;
        struct lw_slice t2 = {NULL, 0};
        bool g1 = lw_addr_parse(s, n, &f1, a1), g2 = lw_addr_parse_text(s, n, &f2, a2, &t2);
        assert_int_equal(g1, g2);
        if (!g1)
            continue;
        struct lw_slice t1 = lw_addr_text((struct lw_slice){s, n});
        assert_int_equal(f1, f2);
        assert_memory_equal(a1, a2, 16);
        assert_ptr_equal(t1.p, t2.p);
        assert_int_equal(t1.n, t2.n);
    }
    assert_true(lw_addr_parse("100.200.250.255", 15, &(int){0}, (uint8_t[16]){0}));
    /* a NUL inside: refused by the quad and by the careful parser alike (test_addr) */
    assert_false(lw_addr_parse("1.2.3.4\0", 8, &(int){0}, (uint8_t[16]){0}));

    /* the access log's day, cached per thread: another year, month or day is another key; a
     * bad day or month after a cached one is still no stamp */
    static const char *const web[] = {
        "10.0.0.1 - - [19/Oct/2026:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [19/Oct/2027:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [19/Nov/2026:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [19/Nov/2026:10:46:04 +0900] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [19/Nxv/2026:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [00/Nov/2026:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [29/Feb/2024:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [29/Feb/2024:10:46:61 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [01/Mar/2024:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
        "10.0.0.1 - - [19/Oct/2026:10:46:04 +0000] \"GET / HTTP/1.1\" 200 5",
    };
    static const int64_t want[] = {1792406764, 1823942764, 1795085164, 1795085164 - 9 * 3600,
                                   -1,         -1,         1709203564, -1,
                                   1709289964, 1792406764};
    for (size_t i = 0; i < sizeof(web) / sizeof(web[0]); i++) {
        struct lw_event ev;
        memset(&ev, 0, sizeof(ev));
        ev.msg = (struct lw_slice){web[i], strlen(web[i])};
        bool ok = lw_decode_as("web", &ev);
        if (ok != (want[i] >= 0) || (ok && ev.time != want[i]))
            fail_msg("%s: decoded %d, time %lld", web[i], ok, (long long)ev.time);
    }

    /* literals compared by loads: one byte off in a literal of 1–3, 4–7, 8–16 or more bytes
     * is no match */
    struct lw_event ev = decode("Mar  5 07:08:09 gw sshd[1]: Received disconnect from 1.2.3.4 "
                                "port 22:11: bye");
    assert_int_equal(ev.action, LW_ACT_INFO);
    assert_int_equal(ev.src_port, 22);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Received disconnect from 1.2.3.4 porT 22:11: bye");
    assert_null(ev.decoder);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Received disconnect from 1.2.3.4 port 22;11: bye");
    assert_null(ev.decoder);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Invalid usex a from 1.2.3.4 port 22");
    assert_null(ev.decoder);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Did not receive identification strinG from 1.2.3.4");
    assert_null(ev.decoder);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Failed passwore for a from 1.2.3.4 port 22 ssh2");
    slice_eq(ev.method, "passwore"); /* %w: any word */
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Failex password for a from 1.2.3.4 port 22 ssh2");
    assert_null(ev.decoder);

    /* %u splits: the last " from " followed by something no address starts with is passed
     * over, the one before it taken; an address starting with ':' or a hex letter is tried */
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Failed password for x from 1.2.3.4 port 22 ssh2 "
                "from qq");
    slice_eq(ev.user, "x");
    slice_eq(ev.src, "1.2.3.4");
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Failed password for x from 6.6.6.6 port 1 from "
                "::ffff:1.2.3.4 port 22 ssh2");
    slice_eq(ev.user, "x from 6.6.6.6 port 1");
    slice_eq(ev.src, "1.2.3.4");
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Invalid user y from 6.6.6.6 from fe80::1 port 22");
    slice_eq(ev.user, "y from 6.6.6.6");
    slice_eq(ev.src, "fe80::1");
    assert_int_equal(ev.src_port, 22);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Accepted password for z from 1.2.3.4 port x ssh2");
    assert_null(ev.decoder); /* %p needs a digit */

    /* an address part refused before its parse when no literal can follow it — but a run
     * holding a colon may still be cut there, and a scope is skipped first */
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Disconnected from user u 1 port 22 10.0.0.1 port 23");
    slice_eq(ev.user, "u 1 port 22");
    slice_eq(ev.src, "10.0.0.1");
    assert_int_equal(ev.src_port, 23);
    ev = decode("Mar  5 07:08:09 gw dropbear[1]: Bad password attempt for 'root' from "
                "::ffff:1.2.3.4:55990");
    slice_eq(ev.src, "1.2.3.4");
    assert_int_equal(ev.src_port, 55990);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Invalid user y from fe80::1%eth0 port 22");
    slice_eq(ev.src, "fe80::1");
    assert_int_equal(ev.src_port, 22);
    ev = decode("Mar  5 07:08:09 gw sshd[1]: Disconnected from user u 10.0.0.1");
    assert_null(ev.decoder); /* no " port " after the address */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_sshd),
        cmocka_unit_test(test_decoders),
        cmocka_unit_test(test_sudo_marker),
        cmocka_unit_test(test_tag_at_end),
        cmocka_unit_test(test_empty_address),
        cmocka_unit_test(test_addr),
        cmocka_unit_test(test_strip_ansi),
        cmocka_unit_test(test_cidr),
        cmocka_unit_test(test_stamp_cache),
        cmocka_unit_test(test_ipv4_as_inet_pton),
        cmocka_unit_test(test_web_stamp_cache),
        cmocka_unit_test(test_fast_paths),
        cmocka_unit_test(test_decode_shortcuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
