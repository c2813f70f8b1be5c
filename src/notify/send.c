/*
 * send.c — delivering the outbox (notify_send), the test message, retrying failed messages and
 * the settings (meta keys).
 *
 * E-mail goes through auth_mail_deliver with STARTTLS required (CURLUSESSL_ALL: a server that
 * does not offer STARTTLS is refused, never used in plaintext), the CA file of smtp.ca_file and,
 * with smtp.user, AUTH with the password from $AIRGUARD_SMTP_PASSWORD or the file named by
 * smtp.password_file (never stored in clear, never on a command line; wiped after use).
 * Webhooks are a POST of the JSON body through libcurl: http/https only, redirects not followed
 * (a 3xx is a failure), 10 s limit, X-Airguard-Signature "sha256=<hex HMAC-SHA256 of the body>"
 * when the rule has a secret file.
 *
 * A message is claimed before it is sent (next_attempt moved 5 minutes on in a short write
 * transaction) so a second sender running at the same time does not send it too; the result is
 * stored right after each delivery. A failure that will not go away (STARTTLS or certificate
 * refused, login denied, bad address or URL, HTTP 4xx) marks the message failed at once; any
 * other is retried with backoff (notify_backoff) up to NOTIFY_MAX_ATTEMPTS.
 */
#include "notify/notify.h"

#include "auth/auth.h"

#include "auth/dl_curl.h"
#include <sodium.h>

#define CLAIM_SECONDS 300
#define SMTP_TIMEOUT 20L
#define WEBHOOK_TIMEOUT 10L
#define SECRET_MAX 4096

const char *const notify_config_keys[] = {"smtp.url",
                                          "smtp.from",
                                          "smtp.ca_file",
                                          "smtp.user",
                                          "smtp.password_file",
                                          "webhook.ca_file",
                                          "notify.alert_days",
                                          "notify.due_soon_days",
                                          "notify.expiring_days",
                                          "notify.expired_days",
                                          "notify.keep_days",
                                          NULL};

long notify_backoff(int attempts)
{
    long s = 60;
    for (int i = 1; i < attempts && s < 6 * 3600; i++)
        s *= 2;
    return s < 6 * 3600 ? s : 6 * 3600;
}

int notify_config_set(struct store *st, const char *key, const char *value, struct ag_error *err)
{
    size_t k = 0;
    while (notify_config_keys[k] && strcmp(notify_config_keys[k], key) != 0)
        k++;
    if (!notify_config_keys[k])
        return ag_error_set(err, AG_EINVAL, "notify: unknown setting \"%s\"", key);
    if (*value) {
        for (const char *c = value; *c; c++)
            if ((unsigned char)*c < 0x20 || *c == 0x7f)
                return ag_error_set(err, AG_EINVAL, "notify: %s: the value has a control character",
                                    key);
        if (strcmp(key, "smtp.url") == 0 && strncmp(value, "smtp://", 7) != 0 &&
            strncmp(value, "smtps://", 8) != 0)
            return ag_error_set(err, AG_EINVAL,
                                "mail: smtp.url must be smtp://HOST[:PORT] or smtps://");
        if (strcmp(key, "smtp.from") == 0 && !auth_mail_address_ok(value))
            return ag_error_set(err, AG_EINVAL, "notify: --target: \"%s\" is not an e-mail address",
                                value);
        if (strncmp(key, "notify.", 7) == 0 && notify_days_parse(value) < 0)
            return ag_error_set(err, AG_EINVAL,
                                "notify: %s: \"%s\" is not a number of days from 1 to 3650", key,
                                value);
    }
    if (!*value)
        return store_run(st, "meta", err, "DELETE FROM meta WHERE key = ?", "s", key);
    return store_meta_set(st, key, value, err);
}

/* A setting, or NULL when unset (into buf). */
static const char *setting(struct store *st, const char *key, char *buf, size_t cap)
{
    if (store_meta_get(st, key, buf, cap) != AG_OK || !*buf)
        return NULL;
    return buf;
}

/* Reads a secret (first line of a file) into a sodium_malloc'ed buffer; caller sodium_free's. */
static int read_secret(const char *path, char **out, size_t *len, struct ag_error *err)
{
    char *text = NULL;
    size_t n = 0;
    int rc = ag_file_read(path, SECRET_MAX, &text, &n, err);
    if (rc)
        return rc;
    n = strcspn(text, "\r\n");
    *out = sodium_malloc(n + 1);
    if (*out) {
        memcpy(*out, text, n);
        (*out)[n] = '\0';
        *len = n;
    }
    sodium_memzero(text, strlen(text));
    free(text);
    return *out ? AG_OK : ag_error_set(err, AG_ENOMEM, "out of memory");
}

struct msg {
    long long id;
    const char *channel, *target, *secret_file, *key, *subject, *body, *payload;
};

static int send_email(struct store *st, const struct msg *m, time_t now, struct ag_error *err)
{
    char url[520], from[260], ca[1024], user[256], pwfile[1024], mid[65];
    char *password = NULL;
    size_t pwlen = 0;
    struct strbuf text;
    int rc;
    const char *u = setting(st, "smtp.url", url, sizeof(url));
    if (!u || !setting(st, "smtp.from", from, sizeof(from)))
        return ag_error_set(err, AG_EDENIED,
                            "mail: smtp.url and smtp.from are not set (airguard notify config)");
    const char *user_p = setting(st, "smtp.user", user, sizeof(user));
    if (user_p) {
        const char *env = getenv("AIRGUARD_SMTP_PASSWORD");
        const char *pf = setting(st, "smtp.password_file", pwfile, sizeof(pwfile));
        if (env && *env) {
            pwlen = strlen(env);
            if ((password = sodium_malloc(pwlen + 1)))
                memcpy(password, env, pwlen + 1);
        } else if (!pf) {
            return ag_error_set(
                err, AG_EDENIED,
                "notify: mail: smtp.user is set but neither $AIRGUARD_SMTP_PASSWORD nor "
                "smtp.password_file is");
        } else if ((rc = read_secret(pf, &password, &pwlen, err))) {
            return AG_EDENIED;
        }
        if (!password)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    strbuf_init(&text, 1 << 20);
    notify_message_id(m->id, m->key, mid);
    rc = notify_email_compose(from, m->target, m->subject, m->body, mid, now, &text, err);
    if (rc == AG_OK) {
        const struct auth_mail_transport t = {
            u, true, setting(st, "smtp.ca_file", ca, sizeof(ca)), user_p, password, SMTP_TIMEOUT};
        rc = auth_mail_deliver(&t, from, m->target, strbuf_str(&text), text.len, err);
    }
    strbuf_release(&text);
    if (password)
        sodium_free(password); /* wipes it */
    return rc;
}

static int send_webhook(struct store *st, const struct msg *m, struct ag_error *err)
{
    char ca[1024], sig[72], delivery[64], errbuf[CURL_ERROR_SIZE] = "";
    char *key = NULL, *body;
    size_t keylen = 0;
    int rc = AG_OK;
    if (!notify_url_ok(m->target))
        return ag_error_set(err, AG_EINVAL,
                            "notify: --target: \"%s\" is not an http:// or https:// URL",
                            m->target);
    if (*m->secret_file && (rc = read_secret(m->secret_file, &key, &keylen, err)))
        return AG_EDENIED;
    if (!(body = notify_webhook_body(m->id, m->subject, m->body, m->payload))) {
        sodium_free(key);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    snprintf(delivery, sizeof(delivery), "X-Airguard-Delivery: %lld", m->id);
    h = h ? curl_slist_append(h, delivery) : NULL;
    if (h && key) {
        char line[100];
        notify_hmac_header((const unsigned char *)key, keylen, body, strlen(body), sig);
        snprintf(line, sizeof(line), "X-Airguard-Signature: %s", sig);
        h = curl_slist_append(h, line);
    }
    sodium_free(key);
    CURL *c = h ? curl_easy_init() : NULL;
    if (!c) {
        curl_slist_free_all(h);
        free(body);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    curl_easy_setopt(c, CURLOPT_URL, m->target);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, WEBHOOK_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, WEBHOOK_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    if (setting(st, "webhook.ca_file", ca, sizeof(ca)))
        curl_easy_setopt(c, CURLOPT_CAINFO, ca);
    CURLcode cc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (cc != CURLE_OK) {
        bool perm = cc == CURLE_PEER_FAILED_VERIFICATION || cc == CURLE_SSL_CACERT_BADFILE ||
                    cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_URL_MALFORMAT;
        rc = ag_error_set(err, perm ? AG_EDENIED : AG_EIO, "notify: webhook: %s failed: %s",
                          m->target, *errbuf ? errbuf : curl_easy_strerror(cc));
    } else if (status < 200 || status > 299) {
        bool again = status >= 500 || status == 408 || status == 429;
        rc = ag_error_set(err, again ? AG_EIO : AG_EDENIED,
                          status >= 300 && status < 400
                              ? "notify: webhook: %s answered HTTP %ld (redirects are not followed)"
                              : "notify: webhook: %s answered HTTP %ld",
                          m->target, status);
    }
    curl_easy_cleanup(c);
    curl_slist_free_all(h);
    free(body);
    return rc;
}

static int deliver(struct store *st, const struct msg *m, time_t now, struct ag_error *err)
{
    if (strcmp(m->channel, "email") == 0)
        return send_email(st, m, now, err);
    return send_webhook(st, m, err);
}

/* Claims up to limit due messages: their ids into *ids (caller frees). */
static int claim(struct store *st, time_t now, int limit, long long **ids, size_t *n,
                 struct ag_error *err)
{
    char at[21], until[21];
    sqlite3_stmt *s = NULL;
    ag_time_iso(now, at);
    ag_time_iso(now + CLAIM_SECONDS, until);
    *ids = calloc((size_t)limit, sizeof(**ids));
    *n = 0;
    if (!*ids)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = store_prepare(st, &s,
                            "SELECT id FROM notify_outbox WHERE status = 'queued' AND "
                            "next_attempt <= ? ORDER BY next_attempt, id LIMIT ?",
                            err)) == AG_OK) {
        store_bind_text(s, 1, at);
        sqlite3_bind_int(s, 2, limit);
        while (sqlite3_step(s) == SQLITE_ROW)
            (*ids)[(*n)++] = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    for (size_t i = 0; rc == AG_OK && i < *n; i++)
        rc = store_run(st, "notify_outbox", err,
                       "UPDATE notify_outbox SET next_attempt = ? WHERE id = ?", "si", until,
                       (*ids)[i]);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

/* Delivers claimed message id and stores the outcome; *outcome 0 sent, 1 retry, 2 failed. */
static int send_one(struct store *st, long long id, time_t now, int *outcome, struct ag_error *err)
{
    sqlite3_stmt *s;
    struct ag_error e;
    char at[21], next[21];
    int rc = store_prepare(st, &s,
                           "SELECT o.id, r.channel, coalesce(o.recipient, r.target), "
                           "coalesce(r.secret_file, ''), "
                           "o.event_key, o.subject, o.body, o.payload, o.attempts FROM "
                           "notify_outbox o JOIN notify_rules r ON r.id = o.rule_id WHERE o.id = ? "
                           "AND o.status = 'queued'",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW) { /* sent or removed meanwhile */
        sqlite3_finalize(s);
        *outcome = -1;
        return AG_OK;
    }
    const struct msg m = {id,
                          store_col_text(s, 1),
                          store_col_text(s, 2),
                          store_col_text(s, 3),
                          store_col_text(s, 4),
                          store_col_text(s, 5),
                          store_col_text(s, 6),
                          store_col_text(s, 7)};
    int attempts = sqlite3_column_int(s, 8) + 1;
    ag_error_clear(&e);
    int sent = deliver(st, &m, now, &e);
    sqlite3_finalize(s);
    ag_time_iso(now, at);
    if (sent == AG_OK) {
        *outcome = 0;
        return store_run(st, "notify_outbox", err,
                         "UPDATE notify_outbox SET status = 'sent', attempts = ?, sent_at = ?, "
                         "last_error = '' WHERE id = ?",
                         "isi", (long long)attempts, at, id);
    }
    bool final = sent != AG_EIO || attempts >= NOTIFY_MAX_ATTEMPTS;
    *outcome = final ? 2 : 1;
    ag_time_iso(now + notify_backoff(attempts), next);
    return store_run(st, "notify_outbox", err,
                     "UPDATE notify_outbox SET status = ?, attempts = ?, next_attempt = ?, "
                     "last_error = ? WHERE id = ?",
                     "sissi", final ? "failed" : "queued", (long long)attempts, final ? at : next,
                     e.msg, id);
}

int notify_send(struct store *st, time_t now, int limit, struct notify_send_result *res,
                struct ag_error *err)
{
    long long *ids = NULL;
    size_t n = 0;
    memset(res, 0, sizeof(*res));
    if (sodium_init() < 0)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    int rc = claim(st, now, limit > 0 ? limit : 100, &ids, &n, err);
    for (size_t i = 0; rc == AG_OK && i < n; i++) {
        int outcome;
        rc = send_one(st, ids[i], now, &outcome, err);
        if (rc == AG_OK && outcome == 0)
            res->sent++;
        else if (rc == AG_OK && outcome == 1)
            res->retry++;
        else if (rc == AG_OK && outcome == 2)
            res->failed++;
    }
    free(ids);
    return rc;
}

int notify_test(struct store *st, const char *channel, const char *target, const char *secret_file,
                const char *lang, struct ag_error *err)
{
    struct notify_event ev = {.type = NOTIFY_EV_TEST, .level = NOTIFY_INFO};
    struct strbuf subj, body;
    time_t now = ag_now();
    char *payload = NULL;
    int rc;
    if (sodium_init() < 0)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    if (!channel || (strcmp(channel, "email") && strcmp(channel, "webhook")))
        return ag_error_set(err, AG_EINVAL, "notify: --channel: \"%s\" is not email or webhook",
                            channel ? channel : "");
    if (!target)
        return ag_error_set(err, AG_EINVAL, "notify: --target is required");
    snprintf(ev.key, sizeof(ev.key), "test:%lld", (long long)now);
    strbuf_init(&subj, 4096);
    strbuf_init(&body, 16384);
    rc = notify_render(&ev, lang ? lang : "ja", &subj, &body, err);
    if (rc == AG_OK && !(payload = notify_event_json(&ev)))
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    if (rc == AG_OK) {
        const struct msg m = {0,
                              channel,
                              target,
                              secret_file ? secret_file : "",
                              ev.key,
                              strbuf_str(&subj),
                              strbuf_str(&body),
                              payload};
        rc = deliver(st, &m, now, err);
    }
    free(payload);
    strbuf_release(&subj);
    strbuf_release(&body);
    return rc;
}

int notify_retry(struct store *st, long long id, int *n, struct ag_error *err)
{
    char at[21];
    ag_time_iso(ag_now(), at);
    int rc = store_run(st, "notify_outbox", err,
                       "UPDATE notify_outbox SET status = 'queued', attempts = 0, next_attempt = "
                       "? WHERE status = 'failed' AND (?2 = 0 OR id = ?2)",
                       "si", at, id);
    *n = rc == AG_OK ? sqlite3_changes(store_db(st)) : 0;
    if (rc == AG_OK && id && *n == 0)
        return ag_error_set(err, AG_ENOTFOUND, "notify: no failed notification %lld", id);
    return rc;
}
