/*
 * message.c — the texts of a notification and the two wire forms: an RFC 5322 e-mail (through
 * auth_mail_compose: the subject as RFC 2047 encoded-words, the body base64, so no record title
 * can add a header line or end the message) and the webhook's JSON body (jansson) with its
 * HMAC-SHA256 signature (libsodium). Pure functions; any thread.
 *
 * Each event type has its subject and body in the message tables (msgs_notify.c); the keys are
 * written out at each call so the compiler checks the arguments against the format.
 */
#include "notify/notify.h"

#include "auth/auth.h"

#include <jansson.h>
#include <sodium.h>

void notify_put_text(char *dst, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end && o + 1 < cap) {
        unsigned char c = *p;
        size_t n = c < 0x80             ? 1
                   : (c & 0xe0) == 0xc0 ? 2
                   : (c & 0xf0) == 0xe0 ? 3
                   : (c & 0xf8) == 0xf0 ? 4
                                        : 0;
        bool ok = n > 0 && (size_t)(end - p) >= n;
        for (size_t i = 1; ok && i < n; i++)
            ok = (p[i] & 0xc0) == 0x80;
        if (ok && n > 1) { /* no overlong forms, surrogates or values past U+10FFFF */
            unsigned cp = n == 2 ? (c & 0x1fu) : n == 3 ? (c & 0x0fu) : (c & 0x07u);
            for (size_t i = 1; i < n; i++)
                cp = cp << 6 | (p[i] & 0x3fu);
            ok = (n == 2 && cp >= 0x80) ||
                 (n == 3 && cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff)) ||
                 (n == 4 && cp >= 0x10000 && cp <= 0x10ffff);
        }
        if (!ok || (n == 1 && ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7f))) {
            dst[o++] = '?';
            p++;
            continue;
        }
        if (o + n >= cap)
            break; /* never a character cut in half */
        memcpy(dst + o, p, n);
        o += n;
        p += n;
    }
    dst[o] = '\0';
}

static const char *level_text(enum ag_lang l, enum notify_level v)
{
    switch (v) {
    case NOTIFY_INFO:
        return ag_tr(l, "notify-level-info");
    case NOTIFY_WARNING:
        return ag_tr(l, "notify-level-warning");
    case NOTIFY_HIGH:
        return ag_tr(l, "notify-level-high");
    default:
        return ag_tr(l, "notify-level-critical");
    }
}

/* One language's subject and body. */
static void render_one(const struct notify_event *ev, enum ag_lang l, struct strbuf *subj,
                       struct strbuf *body)
{
    const char *const *a = (const char *const[]){ev->arg[0], ev->arg[1], ev->arg[2], ev->arg[3]};
    const char *lv = level_text(l, ev->level);
    switch (ev->type) {
    case NOTIFY_EV_ALERT:
        strbuf_addf(subj, ag_tr(l, "notify: Alert (%s): %s"), lv, a[0]);
        strbuf_addf(body,
                    ag_tr(l, "notify: Alert \"%s\" of level %s at %s, category %s, source %s."),
                    a[0], lv, a[1], a[2], a[3]);
        break;
    case NOTIFY_EV_ACTION_DUE:
        strbuf_addf(subj, ag_tr(l, "notify: Corrective action due soon: %s"), a[0]);
        strbuf_addf(body,
                    ag_tr(l, "notify: Corrective action %lld \"%s\" is due on %s (owner %s)."),
                    ev->id, a[0], a[1], a[2]);
        break;
    case NOTIFY_EV_ACTION_OVERDUE:
        strbuf_addf(subj, ag_tr(l, "notify: Corrective action overdue: %s"), a[0]);
        strbuf_addf(body,
                    ag_tr(l, "notify: Corrective action %lld \"%s\" was due on %s and is not done "
                             "(owner %s)."),
                    ev->id, a[0], a[1], a[2]);
        break;
    case NOTIFY_EV_EXCEPTION_EXPIRING:
        strbuf_addf(subj, ag_tr(l, "notify: Exception expiring: %s"), a[0]);
        strbuf_addf(body, ag_tr(l, "notify: Exception %lld (%s) ends on %s (applicant %s)."),
                    ev->id, a[0], a[1], a[2]);
        break;
    case NOTIFY_EV_EXCEPTION_EXPIRED:
        strbuf_addf(subj, ag_tr(l, "notify: Exception expired: %s"), a[0]);
        strbuf_addf(
            body,
            ag_tr(l, "notify: Exception %lld (%s) ended on %s (applicant %s): the end report is "
                     "due."),
            ev->id, a[0], a[1], a[2]);
        break;
    case NOTIFY_EV_ASSESS_OPEN:
        strbuf_addf(subj, ag_tr(l, "notify: Self-inspection open: %s, round %s"), a[0], a[1]);
        strbuf_addf(
            body,
            ag_tr(l, "notify: The self-inspection \"%s\" round %s is open: %s sheets, due %s."),
            a[0], a[1], a[3], a[2]);
        break;
    case NOTIFY_EV_ASSESS_DEADLINE:
        strbuf_addf(subj, ag_tr(l, "notify: Self-inspection deadline approaching: %s, round %s"),
                    a[0], a[1]);
        strbuf_addf(body,
                    ag_tr(l,
                          "notify: The self-inspection \"%s\" round %s is due on %s; %s sheets are "
                          "not submitted yet."),
                    a[0], a[1], a[2], a[3]);
        break;
    case NOTIFY_EV_ASSESS_UNANSWERED:
        strbuf_addf(subj, ag_tr(l, "notify: Self-inspection not answered: %s"), a[0]);
        strbuf_addf(body,
                    ag_tr(l,
                          "notify: %s has not submitted the self-inspection sheet %lld of \"%s\" "
                          "round %s, due on %s."),
                    a[0], ev->id, a[1], a[2], a[3]);
        break;
    case NOTIFY_EV_SHEET_OPEN:
        strbuf_addf(subj, ag_tr(l, "notify: Your self-inspection sheet: %s, round %s"), a[1], a[2]);
        strbuf_addf(body,
                    ag_tr(l, "notify: %s, your self-inspection sheet %lld of \"%s\" round %s is "
                             "waiting for your answers, due on %s. Answer it in airguard under "
                             "\"My self-inspection sheets\" (/assess/sheets/%lld)."),
                    a[0], ev->id, a[1], a[2], a[3], ev->id);
        break;
    case NOTIFY_EV_SHEET_DEADLINE:
        strbuf_addf(subj, ag_tr(l, "notify: Your self-inspection sheet is due on %s: %s"), a[3],
                    a[1]);
        strbuf_addf(body,
                    ag_tr(l, "notify: %s, your self-inspection sheet %lld of \"%s\" round %s is "
                             "due on %s and not submitted yet. Answer it in airguard under \"My "
                             "self-inspection sheets\" (/assess/sheets/%lld)."),
                    a[0], ev->id, a[1], a[2], a[3], ev->id);
        break;
    case NOTIFY_EV_CONTRADICTION:
        strbuf_addf(subj, ag_tr(l, "notify: Answer contradicted by evidence: %s"), a[0]);
        strbuf_addf(
            body,
            ag_tr(l, "notify: The self-inspection answer \"implemented\" for %s is contradicted "
                     "by live evidence: %s (%s)."),
            a[0], a[1], a[2]);
        break;
    default:
        strbuf_adds(subj, ag_tr(l, "notify: airguard test notification"));
        strbuf_adds(body, ag_tr(l, "notify: This is a test of the airguard notifications."));
        break;
    }
    strbuf_adds(body, "\n\n");
    strbuf_addf(body, ag_tr(l, "notify: (airguard notification, event %s)"), ev->key);
    strbuf_adds(body, "\n");
}

int notify_render(const struct notify_event *ev, const char *lang, struct strbuf *subject,
                  struct strbuf *body, struct ag_error *err)
{
    bool both = strcmp(lang, "both") == 0;
    if (both || strcmp(lang, "ja") == 0)
        render_one(ev, AG_LANG_JA, subject, body);
    if (both) {
        strbuf_adds(subject, " / ");
        strbuf_adds(body, "\n----\n\n");
    }
    if (both || strcmp(lang, "en") == 0)
        render_one(ev, AG_LANG_EN, subject, body);
    if (!both && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
        return ag_error_set(err, AG_EINVAL, "notify: --lang: \"%s\" is not ja, en or both", lang);
    if (!strbuf_ok(subject) || !strbuf_ok(body))
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    return AG_OK;
}

static const char *const type_names[] = {
    [NOTIFY_EV_ALERT] = "alert",
    [NOTIFY_EV_ACTION_DUE] = "action-due",
    [NOTIFY_EV_ACTION_OVERDUE] = "action-overdue",
    [NOTIFY_EV_EXCEPTION_EXPIRING] = "exception-expiring",
    [NOTIFY_EV_EXCEPTION_EXPIRED] = "exception-expired",
    [NOTIFY_EV_ASSESS_OPEN] = "assessment-open",
    [NOTIFY_EV_ASSESS_DEADLINE] = "assessment-deadline",
    [NOTIFY_EV_ASSESS_UNANSWERED] = "assessment-unanswered",
    [NOTIFY_EV_CONTRADICTION] = "contradiction",
    [NOTIFY_EV_TEST] = "test",
    [NOTIFY_EV_SHEET_OPEN] = "assessment-sheet-open",
    [NOTIFY_EV_SHEET_DEADLINE] = "assessment-sheet-deadline",
};

char *notify_event_json(const struct notify_event *ev)
{
    json_t *args = json_array();
    for (size_t i = 0; i < AG_ARRAY_LEN(ev->arg); i++)
        json_array_append_new(args, json_string(ev->arg[i]));
    json_t *o =
        json_pack("{s:s, s:s, s:s, s:s, s:I, s:o}", "key", ev->key, "kind",
                  notify_kind_name(notify_event_kind(ev->type)), "type", type_names[ev->type],
                  "level", notify_level_name(ev->level), "id", (json_int_t)ev->id, "texts", args);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return s;
}

void notify_message_id(long long id, const char *event_key, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * 12 + 1];
    crypto_hash_sha256(h, (const unsigned char *)event_key, strlen(event_key));
    sodium_bin2hex(hex, sizeof(hex), h, 12);
    snprintf(out, 65, "airguard.notify.%lld.%s", id, hex);
}

int notify_email_compose(const char *from, const char *to, const char *subject, const char *body,
                         const char *message_id, time_t date, struct strbuf *out,
                         struct ag_error *err)
{
    const struct auth_mail m = {from, to, subject, body, date, message_id};
    return auth_mail_compose(&m, out, err);
}

char *notify_webhook_body(long long id, const char *subject, const char *body, const char *payload)
{
    json_t *ev = json_loads(payload, 0, NULL);
    if (!ev)
        ev = json_object();
    json_t *o = json_pack("{s:s, s:I, s:s, s:s, s:o}", "source", "airguard", "id", (json_int_t)id,
                          "subject", subject, "text", body, "event", ev);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(o);
    return s;
}

void notify_hmac_header(const unsigned char *key, size_t keylen, const char *body, size_t len,
                        char out[72])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state s;
    crypto_auth_hmacsha256_init(&s, key, keylen);
    crypto_auth_hmacsha256_update(&s, (const unsigned char *)body, len);
    crypto_auth_hmacsha256_final(&s, mac);
    memcpy(out, "sha256=", 7);
    sodium_bin2hex(out + 7, 65, mac, sizeof(mac));
    sodium_memzero(&s, sizeof(s));
}
