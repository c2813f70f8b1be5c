/*
 * notify.h — notifications by e-mail (SMTP with STARTTLS required, libcurl) and webhook (HTTP(S)
 * POST of a JSON body, optionally HMAC-SHA256 signed): high alerts, corrective actions due and
 * overdue, exceptions expiring and expired, the self-inspection schedule, and answers contradicted
 * by live evidence (docs/compliance.md "Notifications"; schema 021_notify.sql).
 *
 * The store is the queue: notify_scan collects the due events into notify_outbox (one row per
 * rule and event key, never twice), notify_send delivers what is due, retrying with backoff, so
 * a mail server that is down loses nothing. Settings live in the meta table (notify_config_*).
 * Threading: like the store, one connection per thread; nothing here keeps state, so the CLI and
 * the server's notifier thread may run at the same time (a message is claimed before sending).
 */
#ifndef AG_NOTIFY_H
#define AG_NOTIFY_H

#include "common/common.h"
#include "store/store.h"

/* Ordered: a rule's min_level lets through its level and those above. */
enum notify_level { NOTIFY_INFO, NOTIFY_WARNING, NOTIFY_HIGH, NOTIFY_CRITICAL };
enum notify_kind_flags {
    NOTIFY_K_ALERT = 1 << 0,
    NOTIFY_K_ACTION = 1 << 1,
    NOTIFY_K_EXCEPTION = 1 << 2,
    NOTIFY_K_ASSESSMENT = 1 << 3,
    NOTIFY_K_CONTRADICTION = 1 << 4,
    NOTIFY_K_ALL = (1 << 5) - 1,
};
enum notify_event_type {
    NOTIFY_EV_ALERT,
    NOTIFY_EV_ACTION_DUE,
    NOTIFY_EV_ACTION_OVERDUE,
    NOTIFY_EV_EXCEPTION_EXPIRING,
    NOTIFY_EV_EXCEPTION_EXPIRED,
    NOTIFY_EV_ASSESS_OPEN,
    NOTIFY_EV_ASSESS_DEADLINE,
    NOTIFY_EV_ASSESS_UNANSWERED,
    NOTIFY_EV_CONTRADICTION,
    NOTIFY_EV_TEST,
    /* to the respondent only (rules whose target is NOTIFY_PERSON): a sheet of theirs is open,
     * its due date within the due-soon window */
    NOTIFY_EV_SHEET_OPEN,
    NOTIFY_EV_SHEET_DEADLINE,
};

/* The target of an e-mail rule that writes to the person each event concerns (people.email). */
#define NOTIFY_PERSON "person"

/* One due event. The texts come from records (untrusted: a title may hold CR/LF); they only ever
 * go into the encoded subject, the base64 body or JSON strings. */
struct notify_event {
    enum notify_event_type type;
    enum notify_level level;
    char key[128];    /* the dedup key, e.g. "action:12:overdue" */
    long long id;     /* the record's id */
    long long person; /* people.id of the person it concerns (owner, applicant, respondent); 0 */
    bool personal;    /* told only through NOTIFY_PERSON rules (a sheet's own reminders) */
    char arg[4][512]; /* the texts of the message, by type (message.c) */
};

const char *notify_level_name(enum notify_level l);
int notify_level_parse(const char *s, enum notify_level *out) AG_MUST_CHECK;
/* The kind flag of an event type, and its name ("alert", "action", …). */
unsigned notify_event_kind(enum notify_event_type t);
const char *notify_kind_name(unsigned kind_flag);
/* A number of days from 1 to 3650 (a window setting), or -1. */
int notify_days_parse(const char *s);
/* "alert,action" or "all" → flags; AG_EINVAL naming the unknown word. */
int notify_kinds_parse(const char *s, unsigned *out, struct ag_error *err) AG_MUST_CHECK;

/* ---- message building (message.c) ---- */
/* Copies (s, len) into dst (cap bytes, NUL-terminated) as valid UTF-8: an invalid byte or a
 * control character other than CR, LF and tab becomes '?'; never cuts a character. CR/LF are kept
 * on purpose — the encoders below make them harmless. */
void notify_put_text(char *dst, size_t cap, const char *s, size_t len);
/* Subject and body of ev in lang ("ja", "en" or "both": Japanese first, then English). */
int notify_render(const struct notify_event *ev, const char *lang, struct strbuf *subject,
                  struct strbuf *body, struct ag_error *err) AG_MUST_CHECK;
/* The event as a JSON object text (key, kind, type, level, id, the texts). Caller frees. */
char *notify_event_json(const struct notify_event *ev);
/* The Message-ID's left part for outbox row `id` and its event key: stable across retries. */
void notify_message_id(long long id, const char *event_key, char out[65]);
/* A complete RFC 5322 message (CRLF, UTF-8 subject as encoded-words, base64 body). */
int notify_email_compose(const char *from, const char *to, const char *subject, const char *body,
                         const char *message_id, time_t date, struct strbuf *out,
                         struct ag_error *err) AG_MUST_CHECK;
/* The webhook body: {"source":"airguard","id":…,"subject":…,"text":…,"event":payload}. */
char *notify_webhook_body(long long id, const char *subject, const char *body, const char *payload);
/* "sha256=" + hex HMAC-SHA256 of (body, len) with key into out. */
void notify_hmac_header(const unsigned char *key, size_t keylen, const char *body, size_t len,
                        char out[72]);

/* ---- rules (rules.c) ---- */
struct notify_rule_new {
    const char *channel;     /* email | webhook */
    const char *target;      /* address | NOTIFY_PERSON (e-mail) | http(s) URL */
    const char *kinds;       /* NULL = all */
    const char *min_level;   /* NULL = warning */
    const char *lang;        /* NULL = ja */
    const char *secret_file; /* webhook only; NULL = unsigned */
};
int notify_rule_add(struct store *st, const struct notify_rule_new *r, long long *id,
                    struct ag_error *err) AG_MUST_CHECK;
/* Removes the rule and its outbox rows. AG_ENOTFOUND for an unknown id. */
int notify_rule_remove(struct store *st, long long id, struct ag_error *err) AG_MUST_CHECK;
/* Checks a webhook URL: http:// or https://, no spaces or control characters, ≤ 512 bytes. */
bool notify_url_ok(const char *url);

/* ---- scanning (scan.c) ---- */
/* The windows of the scan, in days (meta keys notify.alert_days, notify.due_soon_days,
 * notify.expiring_days, notify.expired_days; defaults 7, 7, 14, 30). */
struct notify_windows {
    int alert_days, due_soon_days, expiring_days, expired_days;
};
/* The stored windows (the defaults where none is set). */
int notify_windows_get(struct store *st, struct notify_windows *w,
                       struct ag_error *err) AG_MUST_CHECK;
/* Appends the events due at `now` to *evs (caller frees *evs). */
int notify_collect(struct store *st, time_t now, struct notify_event **evs, size_t *n,
                   struct ag_error *err) AG_MUST_CHECK;
struct notify_scan_result {
    int queued;      /* new outbox rows (an event already queued for a rule is not queued again) */
    int unaddressed; /* events a NOTIFY_PERSON rule could not send: the person has no valid
                      * e-mail address or is inactive */
};
/* Collects the events and queues one message per matching rule (and, for a NOTIFY_PERSON rule,
 * per event that concerns a person), in one transaction. */
int notify_scan(struct store *st, time_t now, struct notify_scan_result *res,
                struct ag_error *err) AG_MUST_CHECK;
/* Deletes the outbox rows sent, or failed, more than keep_days ago (0: the setting
 * notify.keep_days, default NOTIFY_KEEP_DAYS; *n: how many). An event still due after that is
 * queued again by the next scan: a reminder every keep_days while it lasts. */
int notify_prune(struct store *st, time_t now, int keep_days, int *n,
                 struct ag_error *err) AG_MUST_CHECK;
#define NOTIFY_KEEP_DAYS 180

/* ---- sending (send.c) ---- */
#define NOTIFY_MAX_ATTEMPTS 10
/* Seconds to wait after the attempts-th failed attempt: 60 s doubling, at most 6 h. */
long notify_backoff(int attempts);
struct notify_send_result {
    int sent, retry, failed;
};
/* Delivers the queued messages whose next attempt is due at `now` (at most limit; 0 = 100). */
int notify_send(struct store *st, time_t now, int limit, struct notify_send_result *res,
                struct ag_error *err) AG_MUST_CHECK;
/* Sends one test message now through channel/target (not queued). */
int notify_test(struct store *st, const char *channel, const char *target, const char *secret_file,
                const char *lang, struct ag_error *err) AG_MUST_CHECK;
/* Puts a failed message (id > 0) or all failed ones (id 0) back in the queue. *n = how many. */
int notify_retry(struct store *st, long long id, int *n, struct ag_error *err) AG_MUST_CHECK;

/* ---- settings (send.c): meta keys smtp.url, smtp.from, smtp.ca_file, smtp.user,
 * smtp.password_file, webhook.ca_file, and the scan's windows notify.*_days ---- */
/* Checks and stores one setting ("" removes it). */
int notify_config_set(struct store *st, const char *key, const char *value,
                      struct ag_error *err) AG_MUST_CHECK;
extern const char *const notify_config_keys[];

/* ---- the notifier thread of `airguard serve --notify-every` (daemon.c) ---- */
struct notify_daemon;
/* Opens its own connection to the store at db_path and runs scan + send every `every` seconds
 * (the first round at once), logging to log. */
int notify_daemon_start(struct notify_daemon **out, const char *db_path, unsigned every, FILE *log,
                        struct ag_error *err) AG_MUST_CHECK;
/* Stops it after the round in progress (each delivery has its own time limit). NULL is fine. */
void notify_daemon_stop(struct notify_daemon *d);

/* ---- messages (msgs_notify.c) ---- */
void notify_register_messages(void);

#endif
