/*
 * test_logwatch_json.c — JSON lines into events (src/logwatch/json.c): every Windows event id in
 * NXLog, winlogbeat and PowerShell form (tests/data/logwatch/windows-security.jsonl), journald
 * (journald.jsonl), generic JSON logs; and bad input: broken JSON, wrong types, huge strings
 * (the arena cuts, never overruns), \u0000 escapes, invalid UTF-8, deep nesting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

static struct lw_scratch scratch;

static void slice_eq(struct lw_slice s, const char *want)
{
    if (!want)
        want = "";
    if (s.n != strlen(want) || (s.n && memcmp(s.p, want, s.n) != 0))
        fail_msg("got \"%.*s\", expected \"%s\"", (int)s.n, s.p, want);
}

/* Every slice of the event lies in the arena or is a static text, and holds no NUL. */
static void slices_sane(const struct lw_event *ev)
{
    const struct lw_slice all[] = {ev->host, ev->program, ev->pid,    ev->msg,
                                   ev->user, ev->target,  ev->method, ev->src};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        struct lw_slice s = all[i];
        if (!s.n)
            continue;
        assert_null(memchr(s.p, '\0', s.n));
        if (s.p >= scratch.buf && s.p < scratch.buf + sizeof(scratch.buf))
            assert_true(s.p + s.n <= scratch.buf + scratch.used);
    }
    assert_true(scratch.used <= sizeof(scratch.buf));
}

static bool ev_of(const char *line, struct lw_event *ev)
{
    bool ok = lw_json_event(line, strlen(line), ev, &scratch);
    slices_sane(ev);
    return ok;
}

/* ---- the sample files ---- */

struct want {
    uint32_t id;
    enum lw_action action;
    enum lw_outcome outcome;
    const char *user, *target, *method, *src;
    uint16_t port;
    unsigned flags;
    const char *host, *program;
    int64_t time;
};

#define AUD "Microsoft-Windows-Security-Auditing"
#define ELOG "Microsoft-Windows-Eventlog"
#define LOGIN LW_ACT_LOGIN
#define OK LW_OUT_SUCCESS
#define FAIL LW_OUT_FAILURE
#define MEMBER1 "CN=Taro Yamada,OU=Staff,DC=corp,DC=example"
#define MEMBER2 "S-1-5-21-1004336348-1177238915-682003330-1001"
#define MEMBER3 "CN=Hanako Sato,OU=Staff,DC=corp,DC=example"
#define WS "WS01.corp.example"
#define DC "DC01.corp.example"
/* 2024-03-05 07:08:09 UTC; NXLog's EventTime is the host's local time without a zone (JST
 * here, taken as UTC: 9 hours later) */
#define T0 1709622489
#define NX (9 * 3600)

static const struct want windows[] = {
    /* NXLog */
    {4624, LOGIN, OK, "yamada", NULL, "remote_interactive", "192.0.2.44", 51022, 0, WS, AUD,
     T0 + NX},
    {4625, LOGIN, FAIL, "administrator", NULL, "network", "203.0.113.9", 50312, 0, WS, AUD,
     T0 + NX + 1},
    {4625, LOGIN, FAIL, "oracle", NULL, "network", "2001:db8::6", 0, LW_F_INVALID_USER, WS, AUD,
     T0 + NX + 2},
    {4720, LW_ACT_ACCOUNT_CREATE, OK, "svc-backup2", NULL, NULL, NULL, 0, 0, DC, AUD, T0 + NX + 51},
    {4728, LW_ACT_GROUP_ADD, OK, MEMBER1, "Domain Admins", NULL, NULL, 0, LW_F_ADMIN_GROUP, DC, AUD,
     T0 + NX + 81},
    {4732, LW_ACT_GROUP_ADD, OK, MEMBER2, "Administrators", NULL, NULL, 0, LW_F_ADMIN_GROUP, WS,
     AUD, T0 + NX + 82},
    {4756, LW_ACT_GROUP_ADD, OK, MEMBER3, "VPN Users", NULL, NULL, 0, 0, DC, AUD, T0 + NX + 83},
    {4740, LW_ACT_LOCKOUT, LW_OUT_UNKNOWN, "suzuki", NULL, NULL, NULL, 0, 0, DC, AUD,
     T0 + NX + 111},
    {1102, LW_ACT_LOG_CLEARED, OK, "Administrator", "Security", NULL, NULL, 0, 0, DC, ELOG,
     T0 + NX + 171},
    {4771, LOGIN, FAIL, "kato", NULL, "kerberos", "198.51.100.23", 49723, 0, DC, AUD,
     T0 + NX + 231},
    {4776, LOGIN, FAIL, "guest", NULL, "ntlm", NULL, 0, LW_F_INVALID_USER, DC, AUD, T0 + NX + 232},
    /* winlogbeat 8 */
    {4624, LOGIN, OK, "yamada", NULL, "remote_interactive", "192.0.2.44", 51022, 0, WS, AUD, T0},
    {4625, LOGIN, FAIL, "administrator", NULL, "network", "203.0.113.9", 50312, 0, WS, AUD, T0 + 1},
    {4625, LOGIN, FAIL, "oracle", NULL, "network", "2001:db8::6", 0, LW_F_INVALID_USER, WS, AUD,
     T0 + 2},
    {4720, LW_ACT_ACCOUNT_CREATE, OK, "svc-backup2", NULL, NULL, NULL, 0, 0, DC, AUD, T0 + 51},
    {4728, LW_ACT_GROUP_ADD, OK, MEMBER1, "Domain Admins", NULL, NULL, 0, LW_F_ADMIN_GROUP, DC, AUD,
     T0 + 81},
    {4732, LW_ACT_GROUP_ADD, OK, MEMBER2, "Administrators", NULL, NULL, 0, LW_F_ADMIN_GROUP, WS,
     AUD, T0 + 82},
    {4756, LW_ACT_GROUP_ADD, OK, MEMBER3, "VPN Users", NULL, NULL, 0, 0, DC, AUD, T0 + 83},
    {4740, LW_ACT_LOCKOUT, LW_OUT_UNKNOWN, "suzuki", NULL, NULL, NULL, 0, 0, DC, AUD, T0 + 111},
    {1102, LW_ACT_LOG_CLEARED, OK, "Administrator", "Security", NULL, NULL, 0, 0, DC, ELOG,
     T0 + 171},
    {4771, LOGIN, FAIL, "kato", NULL, "kerberos", "198.51.100.23", 49723, 0, DC, AUD, T0 + 231},
    {4776, LOGIN, FAIL, "guest", NULL, "ntlm", NULL, 0, LW_F_INVALID_USER, DC, AUD, T0 + 232},
    /* PowerShell 5.1 ConvertTo-Json: fields by position, Status and LogonType as numbers */
    {4625, LOGIN, FAIL, "administrator", NULL, "network", "203.0.113.9", 50312, 0, WS, AUD, T0 + 1},
    {4624, LOGIN, OK, "yamada", NULL, "remote_interactive", "192.0.2.44", 51022, 0, WS, AUD, T0},
    {4732, LW_ACT_GROUP_ADD, OK, MEMBER2, "Administrators", NULL, NULL, 0, LW_F_ADMIN_GROUP, WS,
     AUD, T0 + 82},
    {1102, LW_ACT_LOG_CLEARED, OK, "Administrator", "Security", NULL, NULL, 0, 0, DC, ELOG,
     T0 + 171},
};

static void check(const struct lw_event *ev, const struct want *w, size_t line)
{
    print_message("line %zu: event %u\n", line, w->id);
    assert_int_equal(ev->event_id, w->id);
    assert_int_equal(ev->action, w->action);
    assert_int_equal(ev->outcome, w->outcome);
    slice_eq(ev->user, w->user);
    slice_eq(ev->target, w->target);
    slice_eq(ev->method, w->method);
    slice_eq(ev->src, w->src);
    assert_int_equal(ev->src_family, w->src ? (strchr(w->src, ':') ? 6 : 4) : 0);
    assert_int_equal(ev->src_port, w->port);
    assert_int_equal(ev->flags, w->flags);
    slice_eq(ev->host, w->host);
    slice_eq(ev->program, w->program);
    assert_int_equal(ev->time, w->time);
    assert_string_equal(ev->decoder, "windows");
}

/* Runs each line of tests/data/logwatch/NAME through lw_json_event, calling fn for each. */
static size_t each_line(const char *name, void (*fn)(const char *line, size_t no))
{
    const char *dir = getenv("AG_TEST_DATA");
    char path[1024];
    snprintf(path, sizeof(path), "%s/logwatch/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    static char line[1 << 16];
    size_t no = 0;
    while (fgets(line, sizeof(line), f))
        fn(line, ++no);
    fclose(f);
    return no;
}

static void windows_line(const char *line, size_t no)
{
    struct lw_event ev;
    assert_true(no <= sizeof(windows) / sizeof(windows[0]));
    assert_true(ev_of(line, &ev));
    check(&ev, &windows[no - 1], no);
    assert_true(ev.msg.n > 0); /* the Message field */
    /* 4625 is a sign of attack, a success or a group change is not */
    assert_int_equal(lw_event_hostile(&ev),
                     ev.outcome == LW_OUT_FAILURE || ev.action == LW_ACT_LOCKOUT);
}

static void test_windows_file(void **state)
{
    (void)state;
    assert_int_equal(each_line("windows-security.jsonl", windows_line),
                     sizeof(windows) / sizeof(windows[0]));
}

static void journald_line(const char *line, size_t no)
{
    static const struct {
        const char *program, *decoder, *user, *src;
        enum lw_action action;
        int64_t time;
    } want[] = {
        {"sshd", "sshd", "root", "203.0.113.9", LW_ACT_LOGIN, T0},
        {"sshd", "sshd", "oracle", "203.0.113.9", LW_ACT_LOGIN, T0 + 1},
        {"sshd", "sshd", "deploy", "192.0.2.10", LW_ACT_LOGIN, T0 + 2},
        {"sudo", "sudo", "deploy", NULL, LW_ACT_PRIV, T0 + 3},
        {"useradd", "accounts", "backdoor", NULL, LW_ACT_ACCOUNT_CREATE, T0 + 4},
        /* MESSAGE as a byte array: the invalid UTF-8 stays as bytes in the user name */
        {"sshd", "sshd",
         "\xff\xfe"
         "adm",
         "198.51.100.7", LW_ACT_LOGIN, T0 + 5},
        {"systemd", NULL, NULL, NULL, LW_ACT_NONE, T0 + 6},
    };
    struct lw_event ev;
    bool ok = ev_of(line, &ev);
    assert_int_equal(ok, want[no - 1].decoder != NULL);
    slice_eq(ev.program, want[no - 1].program);
    slice_eq(ev.host, "gw01");
    assert_int_equal(ev.time, want[no - 1].time);
    assert_int_equal(ev.event_id, 0);
    if (!ok)
        return;
    assert_string_equal(ev.decoder, want[no - 1].decoder);
    assert_int_equal(ev.action, want[no - 1].action);
    slice_eq(ev.user, want[no - 1].user);
    slice_eq(ev.src, want[no - 1].src);
    assert_true(ev.pid.n > 0);
}

static void test_journald_file(void **state)
{
    (void)state;
    assert_int_equal(each_line("journald.jsonl", journald_line), 7);
}

/* ---- forms written here ---- */

static void test_generic(void **state)
{
    (void)state;
    struct lw_event ev;
    /* message + host + program + pid (a number) + RFC 3339 time with an offset */
    assert_true(ev_of("{\"timestamp\":\"2024-03-05T16:08:09.5+09:00\",\"host\":\"gw02\","
                      "\"program\":\"sshd\",\"pid\":4242,\"message\":\"Invalid user admin from "
                      "198.51.100.1 port 2222\"}",
                      &ev));
    assert_int_equal(ev.time, T0);
    assert_int_equal(ev.utc_offset, 9 * 3600);
    slice_eq(ev.host, "gw02");
    slice_eq(ev.pid, "4242");
    slice_eq(ev.user, "admin");
    assert_true(ev.flags & LW_F_INVALID_USER);
    assert_int_equal(ev.src_port, 2222);
    /* msg/app/hostname; epoch seconds and milliseconds */
    assert_true(ev_of("{\"time\":1709622489,\"hostname\":\"h\",\"app\":\"sshd\",\"msg\":\"Failed "
                      "password for bob from 10.0.0.7 port 1 ssh2\"}",
                      &ev));
    assert_int_equal(ev.time, T0);
    slice_eq(ev.user, "bob");
    assert_true(ev_of("{\"time\":1709622489123,\"ident\":\"sshd\",\"msg\":\"Failed password for "
                      "bob from 10.0.0.7 port 1 ssh2\"}",
                      &ev));
    assert_int_equal(ev.time, T0);
    /* Docker's json-file: "log" with its newline, no program: the line's own syslog header */
    assert_true(ev_of("{\"log\":\"Mar  5 07:08:09 web1 sshd[9]: Failed password for root from "
                      "10.1.1.1 port 5 ssh2\\n\",\"stream\":\"stdout\",\"time\":"
                      "\"2024-03-05T07:08:09.123456789Z\"}",
                      &ev));
    slice_eq(ev.program, "sshd");
    slice_eq(ev.host, "web1");
    slice_eq(ev.pid, "9");
    slice_eq(ev.src, "10.1.1.1");
    assert_int_equal(ev.time, T0); /* the JSON's time: the syslog stamp has no year */
    /* ECS: host and process as objects; colour codes in the message are removed */
    assert_true(ev_of("{\"@timestamp\":\"2024-03-05T07:08:09Z\",\"host\":{\"name\":\"gw03\"},"
                      "\"process\":{\"name\":\"sshd\",\"pid\":7},\"message\":\"\\u001b[31mFailed "
                      "password for eve from 10.2.2.2 port 9 ssh2\\u001b[0m\"}",
                      &ev));
    slice_eq(ev.host, "gw03");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.pid, "7");
    slice_eq(ev.user, "eve");
    slice_eq(ev.src, "10.2.2.2");
    /* an application's own event id beside its message does not make it a Windows event */
    assert_true(ev_of("{\"eventId\":17,\"program\":\"sshd\",\"message\":\"Failed password for "
                      "root from 10.3.3.3 port 22 ssh2\"}",
                      &ev));
    assert_int_equal(ev.event_id, 0);
    assert_string_equal(ev.decoder, "sshd");
    /* valid JSON, nothing to decode: false, no error */
    assert_false(ev_of("{\"level\":\"info\",\"message\":\"started\"}", &ev));
    assert_string_equal(scratch.error, "");
    slice_eq(ev.msg, "started");
    assert_false(ev_of("{}", &ev));
    assert_string_equal(scratch.error, "");
}

static void test_windows_forms(void **state)
{
    (void)state;
    struct lw_event ev;
    /* flat and minimal: EventID as a string, no provider */
    assert_true(ev_of("{\"EventID\":\"4625\",\"TargetUserName\":\"x\",\"IpAddress\":\"10.9.9.9\","
                      "\"IpPort\":\"-\",\"LogonType\":3,\"SubStatus\":\"0xC0000064\"}",
                      &ev));
    assert_int_equal(ev.event_id, 4625);
    assert_int_equal(ev.outcome, LW_OUT_FAILURE);
    slice_eq(ev.src, "10.9.9.9");
    assert_int_equal(ev.src_port, 0);
    assert_true(ev.flags & LW_F_INVALID_USER);
    slice_eq(ev.program, AUD);
    /* "-" as the address: no address; "::1" IPv6 loopback kept */
    assert_true(ev_of("{\"EventID\":4625,\"TargetUserName\":\"x\",\"IpAddress\":\"-\"}", &ev));
    assert_int_equal(ev.src_family, 0);
    assert_int_equal(ev.src.n, 0);
    assert_true(ev_of("{\"EventID\":4624,\"TargetUserName\":\"x\",\"IpAddress\":\"::1\","
                      "\"IpPort\":\"0\",\"LogonType\":\"99\"}",
                      &ev));
    assert_int_equal(ev.src_family, 6);
    assert_int_equal(ev.method.n, 0); /* an unknown logon type names no method */
    /* the same number from another provider is not the security event */
    assert_false(
        ev_of("{\"EventID\":4625,\"SourceName\":\"MyApp\",\"TargetUserName\":\"x\"}", &ev));
    assert_int_equal(ev.event_id, 4625);
    assert_int_equal(ev.action, LW_ACT_NONE);
    slice_eq(ev.program, "MyApp");
    /* an id we do not map: header fields only */
    assert_false(ev_of("{\"EventID\":4634,\"SourceName\":\"" AUD "\",\"Hostname\":\"h1\","
                       "\"TargetUserName\":\"x\",\"Message\":\"An account was logged off.\"}",
                       &ev));
    assert_int_equal(ev.event_id, 4634);
    slice_eq(ev.host, "h1");
    slice_eq(ev.msg, "An account was logged off.");
    assert_int_equal(ev.user.n, 0);
    /* Wazuh: win.system / win.eventdata, camelCase */
    assert_true(ev_of("{\"win\":{\"system\":{\"providerName\":\"" AUD "\",\"eventID\":\"4625\","
                      "\"systemTime\":\"2024-03-05T07:08:09.7613726Z\",\"computer\":\"srv1\"},"
                      "\"eventdata\":{\"targetUserName\":\"sato\",\"ipAddress\":\"10.4.4.4\","
                      "\"ipPort\":\"3333\",\"logonType\":\"3\",\"subStatus\":\"0xc000006a\"}}}",
                      &ev));
    slice_eq(ev.user, "sato");
    slice_eq(ev.host, "srv1");
    assert_int_equal(ev.src_port, 3333);
    assert_int_equal(ev.time, T0);
    assert_false(ev.flags & LW_F_INVALID_USER);
    /* Windows XML as JSON: Event.System / Event.EventData, EventID with qualifiers */
    assert_true(ev_of("{\"Event\":{\"System\":{\"Provider\":{\"Name\":\"" AUD "\"},\"EventID\":"
                      "{\"Qualifiers\":\"\",\"#text\":\"4740\"},\"TimeCreated\":{\"SystemTime\":"
                      "\"2024-03-05T07:08:09Z\"},\"Computer\":\"dc9\"},\"EventData\":{"
                      "\"TargetUserName\":\"ito\",\"TargetDomainName\":\"WS3\"}}}",
                      &ev));
    assert_int_equal(ev.action, LW_ACT_LOCKOUT);
    slice_eq(ev.user, "ito");
    slice_eq(ev.host, "dc9");
    assert_int_equal(ev.time, T0);
    /* winlogbeat 6: event_id and event_data at the top */
    assert_true(ev_of("{\"event_id\":4720,\"source_name\":\"" AUD "\",\"computer_name\":\"dc2\","
                      "\"event_data\":{\"TargetUserName\":\"-\",\"SamAccountName\":\"newguy\"}}",
                      &ev));
    slice_eq(ev.user, "newguy"); /* TargetUserName "-": the SAM account name */
    slice_eq(ev.host, "dc2");
    /* Fluent Bit: StringInserts by position */
    assert_true(ev_of("{\"ProviderName\":\"" AUD "\",\"EventID\":4728,\"Computer\":\"dc3\","
                      "\"StringInserts\":[\"CN=a\",\"S-1-5-21-1-2-3-1000\",\"Schema Admins\","
                      "\"CORP\",\"S-1-5-21-1-2-3-518\"]}",
                      &ev));
    slice_eq(ev.user, "CN=a");
    slice_eq(ev.target, "Schema Admins");
    assert_true(ev.flags & LW_F_ADMIN_GROUP);
    /* a local group renamed or translated: the SID still says Administrators */
    assert_true(
        ev_of("{\"EventID\":4732,\"MemberName\":\"-\",\"MemberSid\":\"S-1-5-21-9-9-9-1001\","
              "\"TargetUserName\":\"Administratoren\",\"TargetSid\":\"S-1-5-32-544\"}",
              &ev));
    assert_true(ev.flags & LW_F_ADMIN_GROUP);
    slice_eq(ev.user, "S-1-5-21-9-9-9-1001");
    /* 4776 with Status 0: a success */
    assert_true(ev_of("{\"EventID\":4776,\"TargetUserName\":\"u\",\"Status\":\"0x0\"}", &ev));
    assert_int_equal(ev.outcome, LW_OUT_SUCCESS);
}

static void test_wrong_types(void **state)
{
    (void)state;
    struct lw_event ev;
    /* EventID as an object, an array, a negative, a fraction, too large: no Windows event */
    const char *const odd[] = {
        "{\"EventID\":{\"a\":{\"b\":1}},\"TargetUserName\":\"x\"}",
        "{\"EventID\":[4625],\"TargetUserName\":\"x\"}",
        "{\"EventID\":-4625,\"TargetUserName\":\"x\"}",
        "{\"EventID\":4625.5,\"TargetUserName\":\"x\"}",
        "{\"EventID\":99999999999,\"TargetUserName\":\"x\"}",
        "{\"EventID\":\"46x25\",\"TargetUserName\":\"x\"}",
        "{\"EventID\":true}",
    };
    for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
        assert_false(ev_of(odd[i], &ev));
        assert_int_equal(ev.event_id, 0);
        assert_string_equal(scratch.error, "");
    }
    /* fields of the wrong type are absent, never a crash */
    assert_true(ev_of("{\"EventID\":4625,\"TargetUserName\":{\"x\":1},\"IpAddress\":[1],"
                      "\"IpPort\":{},\"LogonType\":\"network\",\"Hostname\":7,\"EventTime\":[]}",
                      &ev));
    assert_int_equal(ev.user.n, 0);
    assert_int_equal(ev.src_family, 0);
    slice_eq(ev.host, "7");
    assert_int_equal(ev.time, 0);
    assert_int_equal(ev.method.n, 0);
    assert_false(ev_of("{\"message\":42,\"program\":\"sshd\"}", &ev));
    assert_false(ev_of("{\"message\":null}", &ev));
    /* port out of range */
    assert_true(ev_of("{\"EventID\":4625,\"TargetUserName\":\"x\",\"IpAddress\":\"10.0.0.1\","
                      "\"IpPort\":\"70000\"}",
                      &ev));
    assert_int_equal(ev.src_port, 0);
    /* an address that is not one */
    assert_true(ev_of("{\"EventID\":4625,\"TargetUserName\":\"x\",\"IpAddress\":\"WS01\"}", &ev));
    assert_int_equal(ev.src_family, 0);
    assert_int_equal(ev.src.n, 0);
}

static void test_bad_json(void **state)
{
    (void)state;
    struct lw_event ev;
    const char *const bad[] = {"{",
                               "{\"a\":",
                               "{\"a\" 1}",
                               "{\"a\":1} trailing",
                               "{'a':1}",
                               "{\"a\":\"\\x\"}",
                               "{\"a\":\"unterminated}"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        assert_false(ev_of(bad[i], &ev));
        assert_true(strncmp(scratch.error, "column ", 7) == 0);
    }
    assert_false(ev_of("[1,2]", &ev));
    assert_string_equal(scratch.error, "the value is not an object");
    /* nesting far deeper than jansson's limit: an error, not a stack overflow */
    size_t depth = 100000, n = 0;
    char *deep = malloc(2 * depth + 8);
    assert_non_null(deep);
    memcpy(deep, "{\"a\":", 5);
    n = 5;
    memset(deep + n, '[', depth);
    n += depth;
    memset(deep + n, ']', depth);
    n += depth;
    deep[n++] = '}';
    assert_false(lw_json_event(deep, n, &ev, &scratch));
    assert_true(strncmp(scratch.error, "column ", 7) == 0);
    free(deep);
    /* the arena is reset by each call: a good line after a bad one decodes */
    assert_true(ev_of("{\"program\":\"sshd\",\"message\":\"Failed password for root from 10.0.0.1 "
                      "port 22 ssh2\"}",
                      &ev));
    assert_string_equal(scratch.error, "");
}

static void test_huge(void **state)
{
    (void)state;
    struct lw_event ev;
    /* a 300 KB message: cut to the arena, the identity fields (copied first) intact */
    size_t big = 300000;
    const char *head = "{\"host\":\"gw1\",\"program\":\"sshd\",\"message\":\"Failed password for "
                       "root from 10.0.0.1 port 22 ssh2 ";
    char *line = malloc(strlen(head) + big + 3);
    assert_non_null(line);
    size_t n = strlen(head);
    memcpy(line, head, n);
    for (size_t i = 0; i < big; i++)
        line[n++] = "abc\xe3\x81\x82"[i % 6]; /* ASCII and a 3-byte character: cut between? */
    memcpy(line + n, "\"}", 3);
    n += 2;
    assert_true(lw_json_event(line, n, &ev, &scratch));
    slices_sane(&ev);
    assert_true(scratch.cut > 0);
    slice_eq(ev.host, "gw1");
    slice_eq(ev.program, "sshd");
    slice_eq(ev.user, "root");
    assert_true(ev.msg.n < LW_SCRATCH_SIZE && ev.msg.n > LW_SCRATCH_SIZE - 16);
    /* the cut does not split a character: the message ends in a whole one */
    unsigned char last = (unsigned char)ev.msg.p[ev.msg.n - 1];
    assert_true(last < 0x80 || (last == 0x82 && (unsigned char)ev.msg.p[ev.msg.n - 3] == 0xe3));
    /* a 300 KB user name in a Windows event: cut to LW_FIELD_MAX, the host and the address
     * kept, nothing overruns */
    const char *whead = "{\"EventID\":4625,\"Hostname\":\"dc1\",\"IpAddress\":\"10.0.0.2\","
                        "\"TargetUserName\":\"";
    n = strlen(whead);
    memcpy(line, whead, n);
    memset(line + n, 'u', big);
    n += big;
    memcpy(line + n, "\"}", 3);
    n += 2;
    assert_true(lw_json_event(line, n, &ev, &scratch));
    slices_sane(&ev);
    slice_eq(ev.host, "dc1");
    assert_int_equal(ev.user.n, LW_FIELD_MAX);
    assert_true(scratch.cut > 0);
    slice_eq(ev.src, "10.0.0.2");
    free(line);
}

static void test_nul_and_utf8(void **state)
{
    (void)state;
    struct lw_event ev;
    /* \u0000 inside a user name: replaced by U+FFFD, so "adm\0in" cannot pass for "adm" */
    assert_true(ev_of("{\"EventID\":4625,\"TargetUserName\":\"adm\\u0000in\","
                      "\"IpAddress\":\"10.0.0.3\"}",
                      &ev));
    slice_eq(ev.user, "adm\xef\xbf\xbdin");
    assert_true(ev_of("{\"program\":\"sshd\",\"message\":\"Invalid user a\\u0000b from 10.0.0.4 "
                      "port 1\"}",
                      &ev));
    slice_eq(ev.user, "a\xef\xbf\xbd"
                      "b");
    /* raw invalid UTF-8 (Shift_JIS from a misconfigured collector): repaired, still decoded */
    assert_true(ev_of("{\"EventID\":4625,\"TargetUserName\":\"\x83\x65\x83\x58\x83\x67\","
                      "\"IpAddress\":\"10.0.0.5\"}",
                      &ev));
    slice_eq(ev.src, "10.0.0.5");
    assert_true(ev.user.n > 0);
    assert_null(memchr(ev.user.p, 0x83, ev.user.n));
    /* an overlong encoding and a lone continuation byte in a key */
    assert_true(ev_of("{\"\xc0\xaf\x80\":1,\"program\":\"sshd\",\"message\":\"Invalid user z "
                      "from 10.0.0.6 port 1\"}",
                      &ev));
    slice_eq(ev.user, "z");
    /* journald's byte array with NUL and values out of range (skipped) */
    assert_true(ev_of("{\"SYSLOG_IDENTIFIER\":\"sshd\",\"MESSAGE\":[73,110,118,97,108,105,100,32,"
                      "117,115,101,114,32,0,256,-1,\"x\",113,32,102,114,111,109,32,49,46,50,46,51,"
                      "46,52]}",
                      &ev));
    slice_eq(ev.user, "\xef\xbf\xbdq");
    slice_eq(ev.src, "1.2.3.4");
}

static void test_time(void **state)
{
    (void)state;
    int64_t t;
    int32_t off;
    assert_true(lw_time_rfc3339("2024-03-05T07:08:09Z", 20, &t, &off));
    assert_int_equal(t, T0);
    assert_true(lw_time_rfc3339("2024-03-05 16:08:09+09:00", 25, &t, &off));
    assert_int_equal(t, T0);
    assert_int_equal(off, 9 * 3600);
    assert_false(lw_time_rfc3339("2024-03-05T07:08:09Zjunk", 24, &t, &off));
    assert_false(lw_time_rfc3339("2024-03-05", 10, &t, &off));
    struct lw_event ev;
    /* PowerShell 5's /Date(ms)/ and 7's ISO with 7 fractional digits */
    assert_true(ev_of("{\"Id\":4740,\"ProviderName\":\"" AUD "\",\"TimeCreated\":\"/Date("
                      "1709622489123)/\",\"Properties\":[{\"Value\":\"kim\"}]}",
                      &ev));
    assert_int_equal(ev.time, T0);
    slice_eq(ev.user, "kim");
    assert_true(ev_of("{\"Id\":4740,\"LogName\":\"Security\",\"TimeCreated\":"
                      "\"2024-03-05T16:08:09.1234567+09:00\",\"Properties\":[\"lee\"]}",
                      &ev));
    assert_int_equal(ev.time, T0);
    slice_eq(ev.user, "lee");
    /* journald µs */
    assert_true(
        ev_of("{\"__REALTIME_TIMESTAMP\":\"1709622489999999\",\"SYSLOG_IDENTIFIER\":\"sshd\","
              "\"MESSAGE\":\"Invalid user q from 1.2.3.4 port 5\"}",
              &ev));
    assert_int_equal(ev.time, T0);
}

static void test_decode_as(void **state)
{
    (void)state;
    struct lw_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.msg = (struct lw_slice){"Failed password for root from 10.0.0.1 port 22 ssh2", 51};
    assert_true(lw_decode_as("sshd", &ev));
    slice_eq(ev.user, "root");
    memset(&ev, 0, sizeof(ev));
    ev.msg = (struct lw_slice){"Failed password for root from 10.0.0.1 port 22 ssh2", 51};
    assert_false(lw_decode_as("ftp", &ev));
    assert_false(lw_decode_as("no-such-decoder", &ev));
    memset(&ev, 0, sizeof(ev));
    ev.msg = (struct lw_slice){"FAILED SU (to root) bob on pts/1", 32};
    assert_true(lw_decode_as("su", &ev));
    slice_eq(ev.target, "root");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_file), cmocka_unit_test(test_journald_file),
        cmocka_unit_test(test_generic),      cmocka_unit_test(test_windows_forms),
        cmocka_unit_test(test_wrong_types),  cmocka_unit_test(test_bad_json),
        cmocka_unit_test(test_huge),         cmocka_unit_test(test_nul_and_utf8),
        cmocka_unit_test(test_time),         cmocka_unit_test(test_decode_as),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
