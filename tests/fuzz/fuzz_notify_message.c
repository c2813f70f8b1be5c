/*
 * fuzz_notify_message.c — arbitrary bytes as the record texts of a notification (a title, a
 * reason, a name … straight from the store): split at 0x00/0xff into up to four texts, each put
 * through notify_put_text into an event of every type, rendered in both languages, composed as
 * an e-mail (src/notify/message.c, auth_mail_compose) and as a webhook body.
 * Properties checked: the texts come out as valid UTF-8 (the event's JSON always builds); the
 * message composes; its header section holds only airguard's own header lines (a text with
 * "\r\nBcc:" never adds one); no bare CR or LF anywhere; no body line is a lone "." or longer than
 * 76 characters; the webhook body parses as JSON with the subject unchanged.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "notify/notify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const known[] = {"Date: ",
                                    "From: airguard@airport.example\r",
                                    "To: ops@airport.example\r",
                                    "Subject: =?UTF-8?B?",
                                    " =?UTF-8?B?",
                                    "Message-ID: <airguard.notify.1.abc@airport.example>\r",
                                    "MIME-Version: 1.0\r",
                                    "Content-Type: text/plain; charset=UTF-8\r",
                                    "Content-Transfer-Encoding: base64\r",
                                    "Auto-Submitted: auto-generated\r"};

static void check_message(const char *m, size_t len)
{
    const char *sep = strstr(m, "\r\n\r\n");
    if (!sep || strlen(m) != len)
        abort();
    for (size_t i = 0; i < len; i++) /* CRLF only */
        if ((m[i] == '\r' && m[i + 1] != '\n') || (m[i] == '\n' && (i == 0 || m[i - 1] != '\r')))
            abort();
    for (const char *line = m; line < sep + 2;) {
        const char *eol = strchr(line, '\n');
        bool ok = false;
        for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
            ok |= strncmp(line, known[k], strlen(known[k])) == 0;
        if (!ok)
            abort();
        line = eol + 1;
    }
    for (const char *line = sep + 4; *line;) {
        const char *eol = strstr(line, "\r\n");
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        if (n > 76 || (n == 1 && line[0] == '.'))
            abort();
        for (size_t i = 0; i < n; i++)
            if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
                        line[i]))
                abort();
        line += n + (eol ? 2 : 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool registered;
    if (!registered) {
        notify_register_messages();
        registered = true;
    }
    struct notify_event ev;
    memset(&ev, 0, sizeof(ev));
    snprintf(ev.key, sizeof(ev.key), "fuzz:1");
    const char *p = (const char *)data, *end = p + size;
    for (int i = 0; i < 4; i++) {
        const char *q = p;
        while (q < end && *q != '\0' && (unsigned char)*q != 0xff)
            q++;
        notify_put_text(ev.arg[i], sizeof(ev.arg[i]), p, (size_t)(q - p));
        p = q < end ? q + 1 : end;
    }
    for (int t = NOTIFY_EV_ALERT; t <= NOTIFY_EV_SHEET_DEADLINE; t++) {
        struct strbuf subj, body, msg;
        struct ag_error err;
        ev.type = (enum notify_event_type)t;
        ev.level = (enum notify_level)(t % 4);
        strbuf_init(&subj, 0);
        strbuf_init(&body, 0);
        strbuf_init(&msg, 0);
        if (notify_render(&ev, "both", &subj, &body, &err) != AG_OK)
            abort();
        char *json = notify_event_json(&ev);
        if (!json) /* the texts were not valid UTF-8 */
            abort();
        if (notify_email_compose("airguard@airport.example", "ops@airport.example",
                                 strbuf_str(&subj), strbuf_str(&body), "airguard.notify.1.abc", 0,
                                 &msg, &err) != AG_OK)
            abort();
        check_message(strbuf_str(&msg), msg.len);
        char *hook = notify_webhook_body(1, strbuf_str(&subj), strbuf_str(&body), json);
        json_t *j = hook ? json_loads(hook, 0, NULL) : NULL;
        if (!j || strcmp(json_string_value(json_object_get(j, "subject")), strbuf_str(&subj)) != 0)
            abort();
        json_decref(j);
        free(hook);
        free(json);
        strbuf_release(&subj);
        strbuf_release(&body);
        strbuf_release(&msg);
    }
    return 0;
}
