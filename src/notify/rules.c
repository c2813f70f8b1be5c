/*
 * rules.c — the notification rules (table notify_rules): who is told what, through which
 * channel, from which level, in which language; and the names of levels and kinds. A rule is
 * checked completely before it is stored: an address that passes auth_mail_address_ok (so no
 * header can be injected through it) or NOTIFY_PERSON (each event to the person it concerns; the
 * address is checked the same way when it is queued), an http(s) URL without spaces or control
 * characters, a secret file that can be read.
 */
#include "notify/notify.h"

#include "auth/auth.h"

#include <unistd.h>

static const char *const level_names[] = {"info", "warning", "high", "critical"};
static const char *const kind_names[] = {"alert", "action", "exception", "assessment",
                                         "contradiction"};

const char *notify_level_name(enum notify_level l)
{
    return level_names[(unsigned)l < AG_ARRAY_LEN(level_names) ? l : NOTIFY_CRITICAL];
}

int notify_level_parse(const char *s, enum notify_level *out)
{
    for (size_t i = 0; s && i < AG_ARRAY_LEN(level_names); i++)
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum notify_level)i;
            return AG_OK;
        }
    return AG_EINVAL;
}

unsigned notify_event_kind(enum notify_event_type t)
{
    switch (t) {
    case NOTIFY_EV_ALERT:
        return NOTIFY_K_ALERT;
    case NOTIFY_EV_ACTION_DUE:
    case NOTIFY_EV_ACTION_OVERDUE:
        return NOTIFY_K_ACTION;
    case NOTIFY_EV_EXCEPTION_EXPIRING:
    case NOTIFY_EV_EXCEPTION_EXPIRED:
        return NOTIFY_K_EXCEPTION;
    case NOTIFY_EV_ASSESS_OPEN:
    case NOTIFY_EV_ASSESS_DEADLINE:
    case NOTIFY_EV_ASSESS_UNANSWERED:
    case NOTIFY_EV_SHEET_OPEN:
    case NOTIFY_EV_SHEET_DEADLINE:
        return NOTIFY_K_ASSESSMENT;
    case NOTIFY_EV_CONTRADICTION:
        return NOTIFY_K_CONTRADICTION;
    default:
        return 0;
    }
}

const char *notify_kind_name(unsigned kind_flag)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(kind_names); i++)
        if (kind_flag == 1u << i)
            return kind_names[i];
    return "test";
}

int notify_kinds_parse(const char *s, unsigned *out, struct ag_error *err)
{
    unsigned k = 0;
    const char *p = s ? s : "all";
    while (*p) {
        size_t n = strcspn(p, ",");
        size_t i = 0;
        if (n == 3 && strncmp(p, "all", 3) == 0) {
            k |= NOTIFY_K_ALL;
        } else {
            while (i < AG_ARRAY_LEN(kind_names) &&
                   (strlen(kind_names[i]) != n || strncmp(p, kind_names[i], n) != 0))
                i++;
            if (i == AG_ARRAY_LEN(kind_names))
                return ag_error_set(
                    err, AG_EINVAL,
                    "notify: --kinds: \"%.*s\" is not one of alert, action, exception, "
                    "assessment, contradiction, all",
                    (int)(n > 64 ? 64 : n), p);
            k |= 1u << i;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (!k)
        return ag_error_set(err, AG_EINVAL, "notify: --kinds: no kind given");
    *out = k;
    return AG_OK;
}

int notify_days_parse(const char *s)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    long v = strtol(s, &end, 10);
    return *end || v < 1 || v > 3650 ? -1 : (int)v;
}

bool notify_url_ok(const char *url)
{
    if (!url || strlen(url) > 512)
        return false;
    for (const char *c = url; *c; c++)
        if ((unsigned char)*c <= 0x20 || *c == 0x7f)
            return false;
    return (strncmp(url, "https://", 8) == 0 && url[8]) ||
           (strncmp(url, "http://", 7) == 0 && url[7]);
}

int notify_rule_add(struct store *st, const struct notify_rule_new *r, long long *id,
                    struct ag_error *err)
{
    enum notify_level lv = NOTIFY_WARNING;
    unsigned kinds;
    const char *lang = r->lang ? r->lang : "ja";
    char now[21];
    int rc;
    if (!r->channel || (strcmp(r->channel, "email") && strcmp(r->channel, "webhook")))
        return ag_error_set(err, AG_EINVAL, "notify: --channel: \"%s\" is not email or webhook",
                            r->channel ? r->channel : "");
    bool email = strcmp(r->channel, "email") == 0;
    if (!r->target)
        return ag_error_set(err, AG_EINVAL, "notify: --target is required");
    bool person = strcmp(r->target, NOTIFY_PERSON) == 0;
    if (person && !email)
        return ag_error_set(err, AG_EINVAL,
                            "notify: --target person: only e-mail rules write to each person");
    if (email && !person && !auth_mail_address_ok(r->target))
        return ag_error_set(err, AG_EINVAL, "notify: --target: \"%s\" is not an e-mail address",
                            r->target);
    if (!email && !notify_url_ok(r->target))
        return ag_error_set(err, AG_EINVAL,
                            "notify: --target: \"%s\" is not an http:// or https:// URL",
                            r->target);
    if (email && r->secret_file)
        return ag_error_set(err, AG_EINVAL, "notify: --secret-file is for webhooks only");
    if (r->secret_file && access(r->secret_file, R_OK) != 0)
        return ag_error_set(err, AG_EINVAL, "notify: --secret-file: cannot read \"%s\"",
                            r->secret_file);
    if (r->min_level && notify_level_parse(r->min_level, &lv) != AG_OK)
        return ag_error_set(err, AG_EINVAL,
                            "notify: --min-level: \"%s\" is not info, warning, high or critical",
                            r->min_level);
    if (strcmp(lang, "ja") && strcmp(lang, "en") && strcmp(lang, "both"))
        return ag_error_set(err, AG_EINVAL, "notify: --lang: \"%s\" is not ja, en or both", lang);
    if ((rc = notify_kinds_parse(r->kinds, &kinds, err)))
        return rc;
    char list[128] = "";
    for (size_t i = 0; i < AG_ARRAY_LEN(kind_names); i++)
        if (kinds & (1u << i)) {
            size_t n = strlen(list);
            snprintf(list + n, sizeof(list) - n, "%s%s", n ? "," : "", kind_names[i]);
        }
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "notify_rules", err,
                   "INSERT INTO notify_rules(channel, target, kinds, min_level, lang, "
                   "secret_file, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "sssssss", r->channel, r->target, list, notify_level_name(lv), lang,
                   r->secret_file, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return rc;
}

int notify_rule_remove(struct store *st, long long id, struct ag_error *err)
{
    int rc = store_begin(st, err);
    if (rc)
        return rc;
    if ((rc = store_run(st, "notify_outbox", err, "DELETE FROM notify_outbox WHERE rule_id = ?",
                        "i", id)) == AG_OK &&
        (rc = store_run(st, "notify_rules", err, "DELETE FROM notify_rules WHERE id = ?", "i",
                        id)) == AG_OK &&
        sqlite3_changes(store_db(st)) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND, "notify: no notification rule %lld", id);
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}
