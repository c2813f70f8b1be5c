/* Notifications (src/notify): the e-mail as built (header injection from record titles, RFC 2047
 * encoded-words, a Message-ID stable across retries), the webhook's HMAC, the event keys that
 * keep scanning idempotent, the rule filters, and the outbox's state changes (backoff, the
 * permanent failure, the attempt cap, retry) against a real migrated store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"
#include <sodium.h>

#include "isms/isms.h"
#include "notify/notify.h"

/* ---- message building ---- */

/* The header section of a message (up to the first empty line). */
static char *headers_of(const char *msg)
{
    const char *end = strstr(msg, "\r\n\r\n");
    assert_non_null(end);
    size_t n = (size_t)(end - msg) + 2;
    char *h = malloc(n + 1);
    memcpy(h, msg, n);
    h[n] = '\0';
    return h;
}

/* Concatenates the decoded encoded-words of the Subject header; checks each word's form. */
static void decode_subject(const char *headers, char *out, size_t cap)
{
    const char *p = strstr(headers, "Subject:");
    size_t used = 0;
    assert_non_null(p);
    p += 8;
    for (;;) {
        /* each word is preceded by one space, on the Subject line or a continuation line */
        assert_true(*p == ' ');
        p++;
        assert_memory_equal(p, "=?UTF-8?B?", 10);
        const char *q = strstr(p + 10, "?=");
        assert_non_null(q);
        assert_true(q + 2 - p <= 75); /* RFC 2047: an encoded-word is at most 75 characters */
        size_t n;
        assert_int_equal(sodium_base642bin((unsigned char *)out + used, cap - used - 1, p + 10,
                                           (size_t)(q - p - 10), NULL, &n, NULL,
                                           sodium_base64_VARIANT_ORIGINAL),
                         0);
        /* never a character cut between two words: each word is valid UTF-8 on its own */
        out[used + n] = '\0';
        for (size_t i = used; i < used + n;) {
            unsigned char c = (unsigned char)out[i];
            size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
            assert_true(i + len <= used + n);
            i += len;
        }
        used += n;
        p = q + 2;
        if (strncmp(p, "\r\n ", 3) != 0)
            break;
        p += 2;
    }
    assert_memory_equal(p, "\r\n", 2);
    out[used] = '\0';
}

static void test_header_injection(void **state)
{
    (void)state;
    struct strbuf sb;
    struct ag_error err;
    const char *subject = "是正処置が期限を過ぎています: Patch\r\nBcc: spy@evil.example\r\n";
    const char *body = "line\r\nBcc: spy@evil.example\r\n.\r\nMAIL FROM:<x@y>\r\n";
    strbuf_init(&sb, 0);
    assert_int_equal(notify_email_compose("airguard@airport.example", "ops@airport.example",
                                          subject, body, "airguard.notify.7.abc", 1795000000, &sb,
                                          &err),
                     AG_OK);
    char *h = headers_of(strbuf_str(&sb));
    /* the title's line break did not make a header: no Bcc anywhere, no spy address */
    assert_null(strstr(strbuf_str(&sb), "Bcc:"));
    assert_null(strstr(strbuf_str(&sb), "spy@evil.example"));
    assert_null(strstr(strbuf_str(&sb), "\r\n.\r\n"));
    /* every header line is one of ours or a folded Subject continuation */
    static const char *const ok[] = {"Date: ",
                                     "From: airguard@airport.example",
                                     "To: ops@airport.example",
                                     "Subject: =?UTF-8?B?",
                                     " =?UTF-8?B?",
                                     "Message-ID: <airguard.notify.7.abc@airport.example>",
                                     "MIME-Version: 1.0",
                                     "Content-Type: text/plain; charset=UTF-8",
                                     "Content-Transfer-Encoding: base64",
                                     "Auto-Submitted: auto-generated"};
    int lines = 0;
    for (char *line = h; *line;) {
        char *eol = strstr(line, "\r\n");
        assert_non_null(eol);
        bool known = false;
        for (size_t i = 0; i < AG_ARRAY_LEN(ok); i++)
            known |= strncmp(line, ok[i], strlen(ok[i])) == 0;
        if (!known)
            fail_msg("unexpected header line: %.*s", (int)(eol - line), line);
        lines++;
        line = eol + 2;
    }
    assert_true(lines >= 9);
    /* and the subject still says what the title said */
    char dec[512];
    decode_subject(h, dec, sizeof(dec));
    assert_string_equal(dec, subject);
    free(h);
    /* addresses with CR/LF are refused outright */
    strbuf_reset(&sb);
    assert_int_equal(notify_email_compose("airguard@airport.example",
                                          "ops@airport.example\r\nBcc: spy@evil.example", "s", "b",
                                          NULL, 0, &sb, &err),
                     AG_EINVAL);
    strbuf_release(&sb);
}

static void test_encoded_words(void **state)
{
    (void)state;
    struct strbuf sb, subj;
    struct ag_error err;
    strbuf_init(&subj, 0);
    for (int i = 0; i < 12; i++) /* long, multi-byte: must fold, never cut a character */
        strbuf_adds(&subj, "自己点検の期限が近づいています ");
    strbuf_adds(&subj, "ASCII tail é 🛫");
    strbuf_init(&sb, 0);
    assert_int_equal(notify_email_compose("a@airport.example", "b@airport.example",
                                          strbuf_str(&subj), "x", NULL, 0, &sb, &err),
                     AG_OK);
    char *h = headers_of(strbuf_str(&sb));
    char dec[2048];
    decode_subject(h, dec, sizeof(dec));
    assert_string_equal(dec, strbuf_str(&subj));
    assert_non_null(strstr(h, "\r\n =?UTF-8?B?")); /* it was folded */
    /* no header line longer than RFC 5322's limit of 998 characters (2.1.1) */
    for (char *line = h, *eol; (eol = strstr(line, "\r\n")); line = eol + 2)
        assert_true(eol - line <= 998);
    free(h);
    strbuf_release(&sb);
    strbuf_release(&subj);
}

static void test_message_id(void **state)
{
    (void)state;
    char a[65], b[65], c[65];
    notify_message_id(12, "action:3:overdue:2026-03-31", a);
    notify_message_id(12, "action:3:overdue:2026-03-31", b);
    notify_message_id(12, "action:3:overdue:2026-04-30", c);
    assert_string_equal(a, b); /* the same row keeps its id on every retry */
    assert_string_not_equal(a, c);
    assert_memory_equal(a, "airguard.notify.12.", 19);
    assert_int_equal(strlen(a), 19 + 24);
    struct strbuf sb;
    struct ag_error err;
    strbuf_init(&sb, 0);
    assert_int_equal(
        notify_email_compose("a@airport.example", "b@airport.example", "s", "b", a, 0, &sb, &err),
        AG_OK);
    char want[128];
    snprintf(want, sizeof(want), "\r\nMessage-ID: <%s@airport.example>\r\n", a);
    assert_non_null(strstr(strbuf_str(&sb), want));
    assert_non_null(strstr(strbuf_str(&sb), "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
    /* a Message-ID that could break the header is refused */
    strbuf_reset(&sb);
    assert_int_equal(notify_email_compose("a@airport.example", "b@airport.example", "s", "b",
                                          "x>\r\nBcc: c@d", 0, &sb, &err),
                     AG_EINVAL);
    strbuf_release(&sb);
}

static void test_render_languages(void **state)
{
    (void)state;
    struct notify_event ev = {.type = NOTIFY_EV_ACTION_OVERDUE, .level = NOTIFY_HIGH, .id = 4};
    snprintf(ev.key, sizeof(ev.key), "action:4:overdue:2026-03-31");
    snprintf(ev.arg[0], sizeof(ev.arg[0]), "FIDS");
    snprintf(ev.arg[1], sizeof(ev.arg[1]), "2026-03-31");
    snprintf(ev.arg[2], sizeof(ev.arg[2]), "ito");
    struct strbuf s, b;
    struct ag_error err;
    strbuf_init(&s, 0);
    strbuf_init(&b, 0);
    assert_int_equal(notify_render(&ev, "both", &s, &b, &err), AG_OK);
    assert_string_equal(strbuf_str(&s),
                        "是正処置が期限を過ぎています: FIDS / Corrective action overdue: FIDS");
    assert_non_null(strstr(strbuf_str(&b), "是正処置 4「FIDS」は期限 2026-03-31 を過ぎても"));
    assert_non_null(strstr(strbuf_str(&b), "Corrective action 4 \"FIDS\" was due on 2026-03-31"));
    assert_non_null(strstr(strbuf_str(&b), "action:4:overdue:2026-03-31"));
    strbuf_reset(&s);
    strbuf_reset(&b);
    assert_int_equal(notify_render(&ev, "en", &s, &b, &err), AG_OK);
    assert_string_equal(strbuf_str(&s), "Corrective action overdue: FIDS");
    assert_null(strstr(strbuf_str(&b), "是正"));
    assert_int_equal(notify_render(&ev, "fr", &s, &b, &err), AG_EINVAL);
    char *json = notify_event_json(&ev);
    assert_non_null(strstr(json, "\"key\":\"action:4:overdue:2026-03-31\""));
    assert_non_null(strstr(json, "\"kind\":\"action\""));
    assert_non_null(strstr(json, "\"level\":\"high\""));
    free(json);
    strbuf_release(&s);
    strbuf_release(&b);
}

static void test_put_text(void **state)
{
    (void)state;
    char out[16];
    /* invalid UTF-8 (a lone continuation, a surrogate, past U+10FFFF) and controls become '?';
     * CR/LF stay (the encoders deal with them): the event's JSON can always be built */
    const char in[] = "a\x80\xed\xa0\x80\xf4\x90\x80\x80\x01\r\n";
    notify_put_text(out, sizeof(out), in, sizeof(in) - 1);
    assert_string_equal(out, "a?????????\r\n");
    notify_put_text(out, sizeof(out), "是正処置の期限", strlen("是正処置の期限"));
    assert_string_equal(out, "是正処置の"); /* 15 bytes: never half a character */
    struct notify_event ev = {.type = NOTIFY_EV_CONTRADICTION, .level = NOTIFY_HIGH, .id = 1};
    const char bad[] = "title \xff\xfe";
    notify_put_text(ev.arg[0], sizeof(ev.arg[0]), bad, sizeof(bad) - 1);
    char *json = notify_event_json(&ev);
    assert_non_null(json);
    free(json);
}

static void test_hmac(void **state)
{
    (void)state;
    char out[72];
    /* RFC 4231 test case 2 */
    notify_hmac_header((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", 28, out);
    assert_string_equal(out,
                        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void test_parse(void **state)
{
    (void)state;
    unsigned k;
    enum notify_level l;
    struct ag_error err;
    assert_int_equal(notify_kinds_parse("alert,exception", &k, &err), AG_OK);
    assert_int_equal(k, NOTIFY_K_ALERT | NOTIFY_K_EXCEPTION);
    assert_int_equal(notify_kinds_parse(NULL, &k, &err), AG_OK);
    assert_int_equal(k, NOTIFY_K_ALL);
    assert_int_equal(notify_kinds_parse("alerts", &k, &err), AG_EINVAL);
    assert_int_equal(notify_kinds_parse("", &k, &err), AG_EINVAL);
    assert_int_equal(notify_level_parse("high", &l), AG_OK);
    assert_int_equal(l, NOTIFY_HIGH);
    assert_int_equal(notify_level_parse("HIGH", &l), AG_EINVAL);
    assert_true(notify_url_ok("https://hooks.example/x?a=1"));
    assert_false(notify_url_ok("https://hooks.example/x\r\nHost: y"));
    assert_false(notify_url_ok("file:///etc/passwd"));
    assert_false(notify_url_ok("http://"));
    assert_int_equal(notify_backoff(1), 60);
    assert_int_equal(notify_backoff(2), 120);
    assert_int_equal(notify_backoff(5), 960);
    assert_int_equal(notify_backoff(30), 6 * 3600);
}

/* ---- against a store ---- */

struct fx {
    struct fixture t;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    long long id;
    fixture_init(&f->t, "notify", "2026-11-26", FIXTURE_CATALOG | FIXTURE_ACTOR);
    struct isms_person_new p = {"ito", "伊藤", "", "ito@airport.example", "", NULL};
    if (isms_person_add(f->t.st, &p, &id, &err))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    free(f);
    return 0;
}

static long long add_action(struct fx *f, const char *title, const char *due)
{
    struct ag_error err;
    long long id;
    struct isms_action_new a = {"other", 0, title, NULL, "ito", NULL, due, NULL};
    assert_int_equal(isms_action_add(f->t.st, f->t.cat, &a, &id, &err), AG_OK);
    return id;
}

static long long count(struct fx *f, const char *sql)
{
    sqlite3_stmt *s;
    struct ag_error err;
    assert_int_equal(store_prepare(f->t.st, &s, sql, &err), AG_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    long long n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static void text(struct fx *f, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *s;
    struct ag_error err;
    assert_int_equal(store_prepare(f->t.st, &s, sql, &err), AG_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    snprintf(out, cap, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
}

static void test_scan_dedup(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long rule, warn_rule;
    struct notify_scan_result sr;
    long long overdue = add_action(f, "Overdue", "2026-11-01");
    add_action(f, "Due soon", "2026-11-30");
    add_action(f, "Far away", "2027-03-01");
    const struct notify_rule_new high = {"email", "ops@airport.example", "action", "high", "en",
                                         NULL};
    const struct notify_rule_new warn = {"email", "ciso@airport.example", NULL, NULL, NULL, NULL};
    assert_int_equal(notify_rule_add(f->t.st, &high, &rule, &err), AG_OK);
    assert_int_equal(notify_rule_add(f->t.st, &warn, &warn_rule, &err), AG_OK);
    time_t now = ag_now();
    assert_int_equal(notify_scan(f->t.st, now, &sr, &err), AG_OK);
    /* high: the overdue one only; warning: overdue and due soon; never the far one */
    assert_int_equal(sr.queued, 3);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE rule_id = 1"), 1);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE subject LIKE '%Far%'"), 0);
    char key[128];
    text(f, "SELECT event_key FROM notify_outbox WHERE rule_id = 1", key, sizeof(key));
    char want[64];
    snprintf(want, sizeof(want), "action:%lld:overdue:2026-11-01", overdue);
    assert_string_equal(key, want);
    /* scanning again queues nothing: the same event is never queued twice for a rule */
    assert_int_equal(notify_scan(f->t.st, now + 3600, &sr, &err), AG_OK);
    assert_int_equal(sr.queued, 0);
    /* a new due date is a new event */
    assert_int_equal(store_run(f->t.st, "actions", &err,
                               "UPDATE actions SET due_date = '2026-11-10' WHERE id = ?", "i",
                               overdue),
                     AG_OK);
    assert_int_equal(notify_scan(f->t.st, now, &sr, &err), AG_OK);
    assert_int_equal(sr.queued, 2);
    /* the rule's address was checked: a header cannot come in through it */
    const struct notify_rule_new bad = {
        "email", "a@b.example\r\nBcc: c@d.example", NULL, NULL, NULL, NULL};
    assert_int_equal(notify_rule_add(f->t.st, &bad, &rule, &err), AG_EINVAL);
    assert_int_equal(notify_rule_remove(f->t.st, warn_rule, &err), AG_OK);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE rule_id = 2"), 0);
    assert_int_equal(notify_rule_remove(f->t.st, warn_rule, &err), AG_ENOTFOUND);
}

static void test_outbox_states(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct notify_send_result res;
    long long rule;
    struct notify_scan_result sr;
    int n;
    char buf[1100];
    add_action(f, "Overdue", "2026-11-01");
    const struct notify_rule_new r = {"email", "ops@airport.example", "action", NULL, "ja", NULL};
    assert_int_equal(notify_rule_add(f->t.st, &r, &rule, &err), AG_OK);
    time_t now = ag_now();
    assert_int_equal(notify_scan(f->t.st, now, &sr, &err), AG_OK);
    assert_int_equal(sr.queued, 1);
    /* no SMTP settings: will not go away by itself → failed at once, with the reason */
    assert_int_equal(notify_send(f->t.st, now, 0, &res, &err), AG_OK);
    assert_int_equal(res.failed, 1);
    text(f, "SELECT status || '|' || attempts || '|' || last_error FROM notify_outbox", buf,
         sizeof(buf));
    assert_string_equal(
        buf, "failed|1|mail: smtp.url and smtp.from are not set (airguard notify config)");
    assert_int_equal(notify_retry(f->t.st, 0, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(notify_retry(f->t.st, 1, &n, &err), AG_ENOTFOUND); /* not failed any more */
    /* a server that is down (nothing listens on port 1): queued again with backoff */
    assert_int_equal(notify_config_set(f->t.st, "smtp.url", "smtp://127.0.0.1:1", &err), AG_OK);
    assert_int_equal(notify_config_set(f->t.st, "smtp.from", "airguard@airport.example", &err),
                     AG_OK);
    assert_int_equal(notify_config_set(f->t.st, "smtp.from", "a@b\r\nBcc: c@d", &err), AG_EINVAL);
    assert_int_equal(notify_config_set(f->t.st, "smtp.password", "x", &err), AG_EINVAL);
    assert_int_equal(notify_send(f->t.st, now, 0, &res, &err), AG_OK);
    assert_int_equal(res.retry, 1);
    text(f, "SELECT status || '|' || attempts || '|' || next_attempt FROM notify_outbox", buf,
         sizeof(buf));
    assert_string_equal(buf, "queued|1|2026-11-26T00:01:00Z");
    /* not due before its time */
    assert_int_equal(notify_send(f->t.st, now + 59, 0, &res, &err), AG_OK);
    assert_int_equal(res.retry + res.sent + res.failed, 0);
    assert_int_equal(notify_send(f->t.st, now + 60, 0, &res, &err), AG_OK);
    assert_int_equal(res.retry, 1);
    text(f, "SELECT status || '|' || attempts || '|' || next_attempt FROM notify_outbox", buf,
         sizeof(buf));
    assert_string_equal(buf, "queued|2|2026-11-26T00:03:00Z"); /* 120 s after the second */
    /* the cap: the tenth failed attempt makes it failed */
    for (int i = 2; i < NOTIFY_MAX_ATTEMPTS; i++)
        assert_int_equal(notify_send(f->t.st, now + 86400L * i, 0, &res, &err), AG_OK);
    text(f, "SELECT status || '|' || attempts FROM notify_outbox", buf, sizeof(buf));
    assert_string_equal(buf, "failed|10");
    text(f, "SELECT last_error FROM notify_outbox", buf, sizeof(buf));
    assert_non_null(strstr(buf, "smtp://127.0.0.1:1"));
}

/* A self-inspection plan with one sheet per respondent (login, due date), all issued. */
static void add_sheets(struct fx *f, const char *const *logins, const char *const *dues, size_t n)
{
    struct ag_error err;
    assert_int_equal(store_run(f->t.st, "departments", &err,
                               "INSERT INTO departments(code, name_ja) VALUES ('ops', '運用')", ""),
                     AG_OK);
    assert_int_equal(store_run(f->t.st, "assess_plans", &err,
                               "INSERT INTO assess_plans(fiscal_year, title, frequency, timing, "
                               "created_by, created_at) VALUES (2026, 'FY2026 点検', 1, '11月', 1, "
                               "'2026-11-01T00:00:00Z')",
                               ""),
                     AG_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(store_run(f->t.st, "assess_sheets", &err,
                                   "INSERT INTO assess_sheets(plan_id, round, respondent_id, "
                                   "department_id, due_date, issued_by, issued_at) VALUES (1, 1, "
                                   "(SELECT id FROM people WHERE login = ?), 1, ?, 1, "
                                   "'2026-11-01T00:00:00Z')",
                                   "ss", logins[i], dues[i]),
                         AG_OK);
}

/* Rules with target "person": each event to the address of the person it concerns, read when
 * queued; the sheet's own reminders only to them; nobody without an address; the committee's
 * rules unchanged. */
static void test_personal(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct notify_scan_result sr;
    long long id, rule;
    char buf[1100];
    struct isms_person_new sato = {"sato", "佐藤", "", "", "", NULL};
    struct isms_person_new kato = {"kato", "加藤", "", "kato@airport.example", "", NULL};
    assert_int_equal(isms_person_add(f->t.st, &sato, &id, &err), AG_OK);
    assert_int_equal(isms_person_add(f->t.st, &kato, &id, &err), AG_OK);
    long long mine = add_action(f, "Patch the FIDS servers", "2026-11-01"); /* ito, overdue */
    struct isms_action_new a = {"other", 0, "No address", NULL, "sato", NULL, "2026-11-02", NULL};
    assert_int_equal(isms_action_add(f->t.st, f->t.cat, &a, &id, &err), AG_OK);
    /* ito's sheet is due in 3 days (deadline), kato's in 3 weeks (open), sato's has passed */
    add_sheets(f, (const char *const[]){"ito", "kato", "sato"},
               (const char *const[]){"2026-11-29", "2026-12-17", "2026-11-20"}, 3);

    /* a webhook cannot write to a person; an e-mail rule can */
    const struct notify_rule_new hook = {"webhook", NOTIFY_PERSON, NULL, NULL, NULL, NULL};
    assert_int_equal(notify_rule_add(f->t.st, &hook, &rule, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "person"));
    const struct notify_rule_new person = {"email", NOTIFY_PERSON, "action,assessment",
                                           "info",  "en",          NULL};
    const struct notify_rule_new ciso = {
        "email", "ciso@airport.example", "assessment", "info", "en", NULL};
    assert_int_equal(notify_rule_add(f->t.st, &person, &rule, &err), AG_OK);
    assert_int_equal(notify_rule_add(f->t.st, &ciso, &id, &err), AG_OK);
    assert_int_equal(notify_scan(f->t.st, ag_now(), &sr, &err), AG_OK);
    /* person rule: ito's action + ito's deadline + kato's open = 3; sato (no address) has an
     * action and an unanswered sheet: 2 not queued. ciso: the round's open + deadline (its
     * earliest issued due date, 11-20, has passed, so neither) and sato's unanswered sheet = 1 */
    assert_int_equal(sr.unaddressed, 2);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE rule_id = 1"), 3);
    snprintf(buf, sizeof(buf),
             "SELECT count(*) FROM notify_outbox WHERE rule_id = 1 AND recipient = "
             "'ito@airport.example' AND event_key = 'action:%lld:overdue:2026-11-01'",
             mine);
    assert_int_equal(count(f, buf), 1);
    text(f,
         "SELECT recipient || '|' || event_key || '|' || level || '|' || subject FROM "
         "notify_outbox WHERE rule_id = 1 AND kind = 'assessment' ORDER BY id LIMIT 1",
         buf, sizeof(buf));
    assert_string_equal(buf, "ito@airport.example|assessment-sheet:1:deadline:2026-11-29|warning|"
                             "Your self-inspection sheet is due on 2026-11-29: FY2026 点検");
    text(f,
         "SELECT recipient || '|' || event_key || '|' || level FROM notify_outbox WHERE rule_id "
         "= 1 AND kind = 'assessment' ORDER BY id DESC LIMIT 1",
         buf, sizeof(buf));
    assert_string_equal(buf, "kato@airport.example|assessment-sheet:2:open|info");
    text(f, "SELECT body FROM notify_outbox WHERE event_key = 'assessment-sheet:2:open'", buf,
         sizeof(buf));
    assert_non_null(strstr(buf, "加藤, your self-inspection sheet 2 of \"FY2026 点検\" round 1"));
    assert_non_null(strstr(buf, "/assess/sheets/2"));
    /* the committee's rule: no per-sheet reminders, no recipient of its own */
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE rule_id = 2"), 1);
    text(f,
         "SELECT coalesce(recipient, '-') || '|' || event_key FROM notify_outbox WHERE rule_id = 2",
         buf, sizeof(buf));
    assert_string_equal(buf, "-|assessment-sheet:3:unanswered:2026-11-20");

    /* once sato has an address, the next scan queues what was left; an inactive person gets
     * nothing; a changed address does not move what is already queued */
    assert_int_equal(store_run(f->t.st, "people", &err,
                               "UPDATE people SET email = 'sato@airport.example' WHERE login = "
                               "'sato'",
                               ""),
                     AG_OK);
    assert_int_equal(store_run(f->t.st, "people", &err,
                               "UPDATE people SET email = 'ito2@airport.example' WHERE login = "
                               "'ito'",
                               ""),
                     AG_OK);
    assert_int_equal(isms_person_set_active(f->t.st, "kato", false, &err), AG_OK);
    assert_int_equal(notify_scan(f->t.st, ag_now(), &sr, &err), AG_OK);
    assert_int_equal(sr.queued, 2);
    assert_int_equal(sr.unaddressed, 1); /* kato, inactive */
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE recipient = "
                              "'sato@airport.example'"),
                     2);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE recipient = "
                              "'ito@airport.example'"),
                     2);
}

/* The windows are settings; old sent and failed rows are pruned, queued ones never. */
static void test_windows_prune(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct notify_scan_result sr;
    struct notify_windows w;
    long long rule;
    int n;
    assert_int_equal(notify_windows_get(f->t.st, &w, &err), AG_OK);
    assert_int_equal(w.alert_days, 7);
    assert_int_equal(w.due_soon_days, 7);
    assert_int_equal(w.expiring_days, 14);
    assert_int_equal(w.expired_days, 30);
    add_action(f, "In ten days", "2026-12-06");
    const struct notify_rule_new r = {"email", "ops@airport.example", "action", NULL, "en", NULL};
    assert_int_equal(notify_rule_add(f->t.st, &r, &rule, &err), AG_OK);
    time_t now = ag_now();
    assert_int_equal(notify_scan(f->t.st, now, &sr, &err), AG_OK);
    assert_int_equal(sr.queued, 0); /* ten days is outside the 7-day window */
    assert_int_equal(notify_config_set(f->t.st, "notify.due_soon_days", "0", &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "notify.due_soon_days"));
    assert_int_equal(notify_config_set(f->t.st, "notify.due_soon_days", "14x", &err), AG_EINVAL);
    assert_int_equal(notify_config_set(f->t.st, "notify.due_soon_days", "14", &err), AG_OK);
    assert_int_equal(notify_windows_get(f->t.st, &w, &err), AG_OK);
    assert_int_equal(w.due_soon_days, 14);
    assert_int_equal(notify_scan(f->t.st, now, &sr, &err), AG_OK);
    assert_int_equal(sr.queued, 1);

    /* prune: a sent row 200 days old goes, one 100 days old stays (default 180), a failed one
     * 200 days old goes, a queued one stays whatever its age */
    assert_int_equal(
        store_run(f->t.st, "notify_outbox", &err,
                  "INSERT INTO notify_outbox(rule_id, event_key, kind, level, subject, "
                  "body, status, next_attempt, created_at, sent_at) VALUES "
                  "(1, 'old-sent', 'action', 'high', 's', 'b', 'sent', "
                  "'2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', "
                  "'2026-05-01T00:00:00Z'), "
                  "(1, 'recent-sent', 'action', 'high', 's', 'b', 'sent', "
                  "'2026-08-18T00:00:00Z', '2026-08-18T00:00:00Z', "
                  "'2026-08-18T00:00:00Z'), "
                  "(1, 'old-failed', 'action', 'high', 's', 'b', 'failed', "
                  "'2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', NULL), "
                  "(1, 'old-queued', 'action', 'high', 's', 'b', 'queued', "
                  "'2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z', NULL)",
                  ""),
        AG_OK);
    assert_int_equal(notify_prune(f->t.st, now, 0, &n, &err), AG_OK);
    assert_int_equal(n, 2);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox WHERE event_key IN "
                              "('recent-sent', 'old-queued')"),
                     2);
    assert_int_equal(count(f, "SELECT count(*) FROM notify_outbox"), 3);
    /* a shorter keep (argument, then the setting) takes the 100-day-old one too */
    assert_int_equal(notify_prune(f->t.st, now, 90, &n, &err), AG_OK);
    assert_int_equal(n, 1);
    assert_int_equal(notify_config_set(f->t.st, "notify.keep_days", "1", &err), AG_OK);
    assert_int_equal(notify_prune(f->t.st, now, 0, &n, &err), AG_OK);
    assert_int_equal(n, 0); /* what is left is queued */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_injection),
        cmocka_unit_test(test_encoded_words),
        cmocka_unit_test(test_message_id),
        cmocka_unit_test(test_render_languages),
        cmocka_unit_test(test_put_text),
        cmocka_unit_test(test_hmac),
        cmocka_unit_test(test_parse),
        cmocka_unit_test_setup_teardown(test_scan_dedup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outbox_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_personal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_windows_prune, setup, teardown),
    };
    notify_register_messages();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
