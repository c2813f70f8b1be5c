/*
 * alert.c — logwatch's alerts as records (alert.h): the JSON-object → row mapping (fuzzed by
 * tests/fuzz/fuzz_alert_json.c), batched storage, handling, automatic incidents and the queries
 * behind `airguard alert`, the /alerts pages and GET /api/v1/alerts.
 *
 * Invariants: a batch is checked whole before its first row is written; rows are only written
 * inside one transaction together with the batch's audit row; statements are prepared once per
 * connection (store_cached) so a batch costs one step per alert and per item link. SQL takes
 * values only as bound parameters; the list's WHERE clause is assembled from fixed fragments.
 */
#include "isms/alert.h"
#include "isms/incident.h"

#include <arpa/inet.h>
#include <sodium.h>

const char *const isms_alert_levels[] = {"informational", "low",      "medium",
                                         "high",          "critical", NULL};
const char *const isms_alert_statuses[] = {"new", "acknowledged", "closed", NULL};

int isms_alert_level_rank(const char *level)
{
    for (int i = 0; level && isms_alert_levels[i]; i++)
        if (strcmp(level, isms_alert_levels[i]) == 0)
            return i;
    return -1;
}

/* ---- JSON object → row ---- */

static bool chars_in(const char *s, const char *allowed_extra, bool upper)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper && c >= 'A' && c <= 'Z') ||
              strchr(allowed_extra, c)))
            return false;
    }
    return true;
}

/* A string member: *out NULL when absent or null. */
static int get_str(const json_t *o, const char *key, bool required, size_t max, const char **out,
                   struct ag_error *err)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return ag_error_set(err, AG_EINVAL, "%s: missing", key);
        return AG_OK;
    }
    if (!json_is_string(v))
        return ag_error_set(err, AG_EINVAL, "%s: must be a string", key);
    size_t n = json_string_length(v);
    if (n == 0 && required)
        return ag_error_set(err, AG_EINVAL, "%s: missing", key);
    if (n > max)
        return ag_error_set(err, AG_EINVAL, "%s: too long (at most %zu bytes)", key, max);
    if (strlen(json_string_value(v)) != n)
        return ag_error_set(err, AG_EINVAL, "%s: contains a NUL character", key);
    *out = n ? json_string_value(v) : NULL;
    return AG_OK;
}

static size_t utf8_cut(const char *s, size_t n, size_t max);

/* A string member whose text comes from the logs (a user name, a host, a rule's title): longer
 * than cap - 1 bytes, it is cut there (on a character boundary) into buf, not refused — an
 * attacker's 1,000-byte user name must not make the alert, and its batch, unstorable. */
static int get_str_cut(const json_t *o, const char *key, bool required, char *buf, size_t cap,
                       const char **out, struct ag_error *err)
{
    int rc = get_str(o, key, required, SIZE_MAX / 2, out, err);
    if (rc || !*out || strlen(*out) < cap)
        return rc;
    size_t k = utf8_cut(*out, strlen(*out), cap - 1);
    memcpy(buf, *out, k);
    buf[k] = '\0';
    *out = buf;
    return AG_OK;
}

/* "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)" → UTC seconds; the fraction is dropped. */
static int get_time(const json_t *o, const char *key, bool required, char out[21],
                    struct ag_error *err)
{
    const char *v;
    char buf[32];
    int rc = get_str(o, key, required, 40, &v, err);
    out[0] = '\0';
    if (rc || !v)
        return rc;
    size_t n = strlen(v), k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof(buf); i++) {
        if (v[i] == '.' && i == 19) { /* skip the fraction */
            while (i + 1 < n && v[i + 1] >= '0' && v[i + 1] <= '9')
                i++;
            continue;
        }
        buf[k++] = v[i];
    }
    buf[k] = '\0';
    if (n < 20 || v[10] != 'T' || isms_incident_time(key, buf, out, err) != AG_OK)
        return ag_error_set(err, AG_EINVAL,
                            "%s: \"%.40s\" is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)", key, v);
    return AG_OK;
}

/* An array of short strings as compact JSON text (*out owned; "[]" when absent). */
static int get_list(const json_t *o, const char *key, char **out, struct ag_error *err)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (v && !json_is_null(v)) {
        if (!json_is_array(v) || json_array_size(v) > ISMS_ALERT_MAX_ITEMS)
            return ag_error_set(err, AG_EINVAL, "%s: must be an array of at most %d strings", key,
                                ISMS_ALERT_MAX_ITEMS);
        for (size_t i = 0; i < json_array_size(v); i++) {
            json_t *e = json_array_get(v, i);
            if (!json_is_string(e) || json_string_length(e) == 0 || json_string_length(e) > 64 ||
                strlen(json_string_value(e)) != json_string_length(e))
                return ag_error_set(err, AG_EINVAL, "%s[%zu]: must be a string of 1 to 64 bytes",
                                    key, i);
        }
    }
    *out = v && !json_is_null(v) ? json_dumps(v, JSON_COMPACT) : strdup("[]");
    return *out ? AG_OK : ag_error_set(err, AG_ENOMEM, "out of memory");
}

/* The length of s cut to at most max bytes without splitting a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* The evidence: up to ISMS_ALERT_MAX_EVIDENCE strings, each cut to ISMS_ALERT_EVIDENCE_MAX. */
static int get_evidence(const json_t *o, char **out, struct ag_error *err)
{
    json_t *v = json_object_get(o, "evidence"), *arr = json_array();
    *out = NULL;
    if (!arr)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    if (v && !json_is_null(v) && !json_is_array(v)) {
        json_decref(arr);
        return ag_error_set(err, AG_EINVAL, "evidence: must be an array of strings");
    }
    for (size_t i = 0; v && json_is_array(v) && i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_string(e)) {
            json_decref(arr);
            return ag_error_set(err, AG_EINVAL, "evidence[%zu]: must be a string", i);
        }
        if (i >= ISMS_ALERT_MAX_EVIDENCE)
            continue; /* the contract says up to 10: more are dropped, not refused */
        const char *s = json_string_value(e);
        size_t n = json_string_length(e), k = utf8_cut(s, n, ISMS_ALERT_EVIDENCE_MAX);
        json_t *line;
        if (k < n) {
            char *c = malloc(k + 4);
            if (!c) {
                json_decref(arr);
                return ag_error_set(err, AG_ENOMEM, "out of memory");
            }
            memcpy(c, s, k);
            memcpy(c + k, "\xe2\x80\xa6", 3); /* … */
            line = json_stringn(c, k + 3);
            free(c);
        } else {
            line = json_stringn(s, n);
        }
        if (!line || json_array_append_new(arr, line)) {
            json_decref(arr);
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        }
    }
    *out = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    return *out ? AG_OK : ag_error_set(err, AG_ENOMEM, "out of memory");
}

static void add_item(struct isms_alert_row *row, const char *id)
{
    for (size_t i = 0; i < row->nitems; i++)
        if (strcmp(row->items[i], id) == 0)
            return;
    if (row->nitems < ISMS_ALERT_MAX_ITEMS)
        row->items[row->nitems++] = id;
}

/* The catalog items: the catalog ids that exist, and the guideline refs resolved. */
static void resolve_items(const json_t *o, const struct catalog *cat, struct isms_alert_row *row)
{
    json_t *ids = json_object_get(o, "catalog"), *refs = json_object_get(o, "guideline");
    for (size_t i = 0; json_is_array(ids) && i < json_array_size(ids); i++) {
        const char *id = json_string_value(json_array_get(ids, i));
        const struct catalog_node *n = cat ? catalog_by_id(cat, id) : NULL;
        if (n || !cat)
            add_item(row, n ? n->id : id);
    }
    for (size_t i = 0; cat && json_is_array(refs) && i < json_array_size(refs); i++) {
        const struct catalog_node *n =
            catalog_find(cat, json_string_value(json_array_get(refs, i)));
        if (n)
            add_item(row, n->id);
    }
}

void isms_alert_row_release(struct isms_alert_row *row)
{
    free(row->guideline);
    free(row->catalog);
    free(row->attack);
    free(row->evidence);
    row->guideline = row->catalog = row->attack = row->evidence = NULL;
}

int isms_alert_from_json(const json_t *a, const struct catalog *cat, struct isms_alert_row *row,
                         struct ag_error *err)
{
    int rc;
    memset(row, 0, sizeof(*row));
    if (!json_is_object(a))
        return ag_error_set(err, AG_EINVAL, "an alert must be a JSON object");
    if ((rc = get_str(a, "id", true, 64, &row->id, err)) ||
        (rc = get_time(a, "time", true, row->time, err)) ||
        (rc = get_str(a, "category", true, 64, &row->category, err)) ||
        (rc =
             get_str_cut(a, "rule", true, row->rule_buf, sizeof(row->rule_buf), &row->rule, err)) ||
        (rc = get_str(a, "rule_id", false, 100, &row->rule_id, err)) ||
        (rc = get_str(a, "level", true, 16, &row->level, err)) ||
        (rc = get_str(a, "src_ip", false, 64, &row->src_ip, err)) ||
        (rc = get_str_cut(a, "user", false, row->user_buf, sizeof(row->user_buf), &row->user,
                          err)) ||
        (rc = get_str_cut(a, "host", false, row->host_buf, sizeof(row->host_buf), &row->host,
                          err)) ||
        (rc = get_time(a, "first", false, row->first, err)) ||
        (rc = get_time(a, "last", false, row->last, err)))
        return rc;
    if (!chars_in(row->id, "._:-", true))
        return ag_error_set(err, AG_EINVAL,
                            "id: \"%s\" has characters other than A-Z a-z 0-9 . _ : -", row->id);
    /* a site rule's own category may be any short text, but one line of it */
    for (const unsigned char *c = (const unsigned char *)row->category; *c; c++)
        if (*c < 0x20 || *c == 0x7f)
            return ag_error_set(err, AG_EINVAL, "%s: control characters are not allowed",
                                "category");
    if (isms_alert_level_rank(row->level) < 0)
        return ag_error_set(
            err, AG_EINVAL,
            "level: \"%s\" is not one of: informational, low, medium, high, critical", row->level);
    if (row->src_ip) {
        unsigned char buf[16];
        char ip[65];
        snprintf(ip, sizeof(ip), "%.*s", (int)strcspn(row->src_ip, "%"), row->src_ip);
        if (inet_pton(AF_INET, ip, buf) != 1 && inet_pton(AF_INET6, ip, buf) != 1)
            return ag_error_set(err, AG_EINVAL, "src_ip: \"%s\" is not an IPv4 or IPv6 address",
                                row->src_ip);
    }
    json_t *c = json_object_get(a, "count");
    row->count = 1;
    if (c && !json_is_null(c)) {
        if (!json_is_integer(c) || json_integer_value(c) < 1 ||
            json_integer_value(c) > 1000000000000LL)
            return ag_error_set(err, AG_EINVAL, "count: must be a whole number from 1");
        row->count = json_integer_value(c);
    }
    if ((rc = get_list(a, "guideline", &row->guideline, err)) ||
        (rc = get_list(a, "catalog", &row->catalog, err)) ||
        (rc = get_list(a, "attack", &row->attack, err)) ||
        (rc = get_evidence(a, &row->evidence, err))) {
        isms_alert_row_release(row);
        return rc;
    }
    resolve_items(a, cat, row);
    return AG_OK;
}

/* ---- incidents from alerts ---- */

static const char *incident_severity(const char *level)
{
    int r = isms_alert_level_rank(level);
    return r <= 1 ? "low" : r == 2 ? "medium" : r == 3 ? "high" : "critical";
}

static int record_action(struct store *st, long long seq, const char *id, const char *action,
                         long long person, long long incident, const char *note,
                         struct ag_error *err)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    return store_run(st, "recording the handling of the alert", err,
                     "INSERT INTO alert_actions(alert_seq, alert_id, action, person_id, "
                     "incident_id, note, at) VALUES (?, ?, ?, ?, ?, coalesce(?, ''), ?)",
                     "issIIss", seq, id, action, person, incident, note, now);
}

/* Control characters (an attacker's user name may carry ESC, CR …) become '?', so the incident's
 * texts pass isms_check_text; newlines are kept where keep_lf. */
static void plain(char *s, bool keep_lf)
{
    for (; *s; s++)
        if (((unsigned char)*s < 0x20 && !(keep_lf && *s == '\n') && *s != '\t') || *s == 0x7f)
            *s = '?';
}

/* Opens an incident from the alert reported by `reporter`. */
static int open_incident(struct store *st, const struct isms_alert_row *r, long long reporter,
                         long long *incident, struct ag_error *err)
{
    char title[512], detection[128], now[21], occurred[21] = "";
    const char *who = r->src_ip ? r->src_ip : r->user ? r->user : "";
    size_t rule_len = utf8_cut(r->rule, strlen(r->rule), 300);
    size_t who_len = utf8_cut(who, strlen(who), 150);
    if (*who)
        snprintf(title, sizeof(title), "%.*s (%.*s)", (int)rule_len, r->rule, (int)who_len, who);
    else
        snprintf(title, sizeof(title), "%.*s", (int)rule_len, r->rule);
    plain(title, false);
    if (strspn(title, " \t") == strlen(title)) /* a blank rule name */
        snprintf(title, sizeof(title), "%s", r->category);
    snprintf(detection, sizeof(detection), "logwatch alert %s", r->id);
    ag_time_iso(ag_now(), now);
    /* the log's clock may run ahead of ours: an incident cannot be detected in the future */
    const char *detected = strcmp(r->time, now) > 0 ? now : r->time;
    if (*r->first && strcmp(r->first, detected) <= 0)
        snprintf(occurred, sizeof(occurred), "%s", r->first);
    struct strbuf d;
    strbuf_init(&d, 0);
    strbuf_addf(&d, "%s: %s, %s\ncount: %lld\n", r->category, r->rule, r->level, r->count);
    if (*r->first)
        strbuf_addf(&d, "first: %s, last: %s\n", r->first, *r->last ? r->last : r->time);
    if (r->src_ip)
        strbuf_addf(&d, "src_ip: %s\n", r->src_ip);
    if (r->user)
        strbuf_addf(&d, "user: %s\n", r->user);
    if (r->host)
        strbuf_addf(&d, "host: %s\n", r->host);
    strbuf_addf(&d, "guideline: %s\nalert: %s", r->guideline, r->id);
    if (strbuf_ok(&d))
        plain(d.buf, true);
    struct isms_incident_new in = {title,
                                   strbuf_ok(&d) ? strbuf_str(&d) : "",
                                   incident_severity(r->level),
                                   *occurred ? occurred : NULL,
                                   detected,
                                   detection,
                                   NULL,
                                   NULL};
    int rc = isms_incident_open(st, &in, reporter, incident, err);
    strbuf_release(&d);
    return rc;
}

static int set_incident(struct store *st, long long seq, long long incident, struct ag_error *err)
{
    return store_run(st, "linking the alert to the incident", err,
                     "UPDATE alerts SET incident_id = ? WHERE seq = ?", "ii", incident, seq);
}

static bool policy_applies(const struct isms_alert_policy *p, const struct isms_alert_row *r)
{
    if (!p || !p->min_level ||
        isms_alert_level_rank(r->level) < isms_alert_level_rank(p->min_level))
        return false;
    if (!p->categories || !p->categories[0])
        return true;
    for (size_t i = 0; p->categories[i]; i++)
        if (strcmp(p->categories[i], r->category) == 0)
            return true;
    return false;
}

/* The open incident of an alert with the same key detected within the 24 hours before r. */
static int open_incident_for_key(struct store *st, const struct isms_alert_row *r, long long seq,
                                 long long *incident, struct ag_error *err)
{
    sqlite3_stmt *s;
    char since[21];
    int rc = store_cached(st, &s,
                          "SELECT a.incident_id FROM alerts a JOIN incidents i ON i.id = "
                          "a.incident_id WHERE a.category = ?1 AND a.src_ip IS ?2 AND (?2 IS NOT "
                          "NULL OR a.user IS ?3) AND a.seq <> ?5 AND i.status <> 'closed' AND "
                          "i.detected_at >= ?4 ORDER BY a.seq DESC LIMIT 1",
                          err);
    if (rc)
        return rc;
    char date[11];
    int hh = 0, mm = 0, ss = 0;
    snprintf(date, sizeof(date), "%.10s", r->time);
    sscanf(r->time + 10, "T%2d:%2d:%2dZ", &hh, &mm, &ss);
    time_t t = (time_t)(ag_date_diff("1970-01-01", date) * 86400L + hh * 3600L + mm * 60L + ss);
    ag_time_iso(t - 86400, since);
    sqlite3_bind_text(s, 1, r->category, -1, SQLITE_STATIC);
    store_bind_text(s, 2, r->src_ip);
    store_bind_text(s, 3, r->user);
    sqlite3_bind_text(s, 4, since, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 5, seq);
    int step = sqlite3_step(s);
    *incident = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    store_cached_done(st, s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? AG_OK
                                                     : store_error(st, "finding the incident", err);
}

static int apply_policy(struct store *st, const struct isms_alert_policy *p,
                        const struct isms_alert_row *r, long long seq,
                        struct isms_alert_stats *stats, struct ag_error *err)
{
    long long incident;
    int rc = open_incident_for_key(st, r, seq, &incident, err);
    if (rc)
        return rc;
    bool opened = incident == 0;
    if (opened && (rc = open_incident(st, r, p->reporter, &incident, err)))
        return rc;
    if ((rc = set_incident(st, seq, incident, err)) ||
        (rc = record_action(st, seq, r->id, opened ? "incident-opened" : "incident-linked", 0,
                            incident, "outputs.incident", err)))
        return rc;
    if (opened)
        stats->incidents_opened++;
    else
        stats->incidents_linked++;
    return AG_OK;
}

/* ---- batches ---- */

static void digest_add(crypto_hash_sha256_state *h, const char *s)
{
    if (s)
        crypto_hash_sha256_update(h, (const unsigned char *)s, strlen(s));
    crypto_hash_sha256_update(h, (const unsigned char *)"\x1f", 1);
}

/* The digest recorded for a stored row: its fields joined by U+001F, rows by U+001E. */
static void digest_row(crypto_hash_sha256_state *h, const struct isms_alert_row *r)
{
    char count[24];
    snprintf(count, sizeof(count), "%lld", r->count);
    const char *f[] = {r->id,        r->time,    r->category, r->rule,    r->rule_id, r->level,
                       r->src_ip,    r->user,    r->host,     count,      r->first,   r->last,
                       r->guideline, r->catalog, r->attack,   r->evidence};
    for (size_t i = 0; i < AG_ARRAY_LEN(f); i++)
        digest_add(h, f[i]);
    crypto_hash_sha256_update(h, (const unsigned char *)"\x1e", 1);
}

static int insert_row(struct store *st, const struct isms_alert_row *r, const char *now,
                      long long *seq, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_cached(st, &s,
                          "INSERT INTO alerts(id, time, category, rule, rule_id, level, src_ip, "
                          "user, host, count, first, last, guideline, catalog, attack, evidence, "
                          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                          "ON CONFLICT(id) DO NOTHING",
                          err);
    if (rc)
        return rc;
    const char *text[] = {r->id,    r->time,   r->category, r->rule, r->rule_id,
                          r->level, r->src_ip, r->user,     r->host};
    for (int i = 0; i < (int)AG_ARRAY_LEN(text); i++)
        store_bind_text(s, i + 1, text[i]);
    sqlite3_bind_int64(s, 10, r->count);
    store_bind_text(s, 11, *r->first ? r->first : NULL);
    store_bind_text(s, 12, *r->last ? r->last : NULL);
    store_bind_text(s, 13, r->guideline);
    store_bind_text(s, 14, r->catalog);
    store_bind_text(s, 15, r->attack);
    store_bind_text(s, 16, r->evidence);
    sqlite3_bind_text(s, 17, now, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    *seq = step == SQLITE_DONE && sqlite3_changes(store_db(st)) == 1 ? store_last_id(st) : 0;
    store_cached_done(st, s);
    if (step != SQLITE_DONE)
        return store_error(st, "storing the alert", err);
    if (!*seq)
        return AG_OK;
    if ((rc = store_cached(
             st, &s, "INSERT OR IGNORE INTO alert_items(item_id, alert_seq) VALUES (?, ?)", err)))
        return rc;
    for (size_t i = 0; i < r->nitems && step == SQLITE_DONE; i++) {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, r->items[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, *seq);
        step = sqlite3_step(s);
    }
    store_cached_done(st, s);
    return step == SQLITE_DONE ? AG_OK : store_error(st, "linking the alert to the guideline", err);
}

int isms_alert_add_batch(struct store *st, const struct catalog *cat, json_t *const *alerts,
                         size_t n, const struct isms_alert_policy *policy,
                         struct isms_alert_stats *stats, struct ag_error *err)
{
    struct isms_alert_stats local = {0};
    struct isms_alert_row *rows = n ? calloc(n, sizeof(*rows)) : NULL;
    size_t checked = 0;
    int rc = AG_OK;
    bool own = false, begun = false;
    if (n && !rows)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    if (policy && policy->min_level && isms_alert_level_rank(policy->min_level) < 0) {
        rc = ag_error_set(err, AG_EINVAL,
                          "min_level: \"%s\" is not one of: informational, low, medium, high, "
                          "critical",
                          policy->min_level);
        goto out;
    }
    for (; checked < n; checked++) {
        struct ag_error e;
        if (isms_alert_from_json(alerts[checked], cat, &rows[checked], &e) != AG_OK) {
            rc = ag_error_set(err, AG_EINVAL, "alert %zu: %s", checked + 1, e.msg);
            goto out;
        }
    }
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out;
    begun = true;
    char now[21];
    ag_time_iso(ag_now(), now);
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    long long first = 0, last = 0;
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        long long seq;
        if ((rc = insert_row(st, &rows[i], now, &seq, err)))
            break;
        if (!seq) {
            local.duplicates++;
            continue;
        }
        local.added++;
        first = first ? first : seq;
        last = seq;
        digest_row(&h, &rows[i]);
        if (policy_applies(policy, &rows[i]))
            rc = apply_policy(st, policy, &rows[i], seq, &local, err);
    }
    if (rc == AG_OK && local.added) {
        unsigned char d[crypto_hash_sha256_BYTES];
        char hex[2 * crypto_hash_sha256_BYTES + 1], range[48], detail[256];
        crypto_hash_sha256_final(&h, d);
        sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
        snprintf(range, sizeof(range), "%lld-%lld", first, last);
        snprintf(detail, sizeof(detail),
                 "{\"added\":%zu,\"duplicates\":%zu,\"first_seq\":%lld,\"last_seq\":%lld,"
                 "\"incidents_opened\":%zu,\"incidents_linked\":%zu,\"sha256\":\"%s\"}",
                 local.added, local.duplicates, first, last, local.incidents_opened,
                 local.incidents_linked, hex);
        rc = store_audit(st, "import", "alerts", range, detail, err);
    }
out:
    for (size_t i = 0; i < checked && i < n; i++)
        isms_alert_row_release(&rows[i]);
    free(rows);
    if (begun)
        rc = isms_tx_end(st, own, rc, err);
    if (rc == AG_OK && stats) {
        stats->added += local.added;
        stats->duplicates += local.duplicates;
        stats->incidents_opened += local.incidents_opened;
        stats->incidents_linked += local.incidents_linked;
    }
    return rc;
}

/* ---- handling ---- */

struct alert_head {
    long long seq, incident;
    char status[16];
};

static int load_head(struct store *st, const char *id, struct alert_head *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s, "SELECT seq, status, coalesce(incident_id, 0) FROM alerts WHERE id = ?", err);
    if (rc)
        return rc;
    store_bind_text(s, 1, id ? id : "");
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        a->seq = sqlite3_column_int64(s, 0);
        snprintf(a->status, sizeof(a->status), "%s", store_col_text(s, 1));
        a->incident = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    if (step == SQLITE_ROW)
        return AG_OK;
    if (step == SQLITE_DONE)
        return ag_error_set(err, AG_ENOTFOUND, "alert %.64s does not exist", id ? id : "");
    return store_error(st, "reading the alert", err);
}

int isms_alert_step(struct store *st, const char *id, const char *step, long long actor,
                    const char *note, struct ag_error *err)
{
    static const char *const steps[] = {"acknowledge", "close", NULL};
    struct alert_head a;
    int rc;
    if ((rc = isms_check_enum("step", step, steps, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("note", note, 4000, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = load_head(st, id, &a, err)))
        goto out;
    bool ack = strcmp(step, "acknowledge") == 0;
    if (strcmp(a.status, "closed") == 0 || (ack && strcmp(a.status, "new") != 0)) {
        rc = ag_error_set(err, AG_EDENIED, "alert %s is %s: the step \"%s\" is not possible now",
                          id, a.status, step);
        goto out;
    }
    const char *to = ack ? "acknowledged" : "closed";
    if ((rc = store_run(st, "updating the alert", err, "UPDATE alerts SET status = ? WHERE seq = ?",
                        "si", to, a.seq)) == AG_OK)
        rc = record_action(st, a.seq, id, to, actor, 0, note, err);
out:
    return isms_tx_end(st, own, rc, err);
}

int isms_alert_incident(struct store *st, const char *id, long long actor, long long incident,
                        long long *out, struct ag_error *err)
{
    struct alert_head a;
    json_t *obj = NULL;
    struct isms_alert_row r = {0};
    bool own, have_row = false;
    int rc = isms_tx_begin(st, &own, err);
    if (rc)
        return rc;
    if ((rc = load_head(st, id, &a, err)))
        goto out;
    if (a.incident) {
        rc = ag_error_set(err, AG_ECONFLICT, "alert %s is linked to incident %lld already", id,
                          a.incident);
        goto out;
    }
    if (incident) {
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s, "SELECT status FROM incidents WHERE id = ?", err)))
            goto out;
        sqlite3_bind_int64(s, 1, incident);
        int step = sqlite3_step(s);
        bool closed = step == SQLITE_ROW && strcmp(store_col_text(s, 0), "closed") == 0;
        sqlite3_finalize(s);
        if (step != SQLITE_ROW)
            rc = ag_error_set(err, AG_ENOTFOUND, "incident %lld does not exist", incident);
        else if (closed)
            rc = ag_error_set(err, AG_EDENIED, "incident %lld is closed", incident);
        if (rc)
            goto out;
    } else {
        if ((rc = isms_alert_get(st, id, &obj, err)))
            goto out;
        if ((rc = isms_alert_from_json(obj, NULL, &r, err)))
            goto out;
        have_row = true;
        if ((rc = open_incident(st, &r, actor, &incident, err)))
            goto out;
    }
    if ((rc = set_incident(st, a.seq, incident, err)) == AG_OK)
        rc = record_action(st, a.seq, id, have_row ? "incident-opened" : "incident-linked", actor,
                           incident, NULL, err);
    if (rc == AG_OK)
        *out = incident;
out:
    if (have_row)
        isms_alert_row_release(&r);
    json_decref(obj);
    return isms_tx_end(st, own, rc, err);
}

/* ---- queries ---- */

#define ALERT_JSON                                                                                 \
    "json_object('seq', a.seq, 'id', a.id, 'time', a.time, 'category', a.category, 'rule', "       \
    "a.rule, 'rule_id', a.rule_id, 'level', a.level, 'src_ip', a.src_ip, 'user', a.user, "         \
    "'host', a.host, 'count', a.count, 'first', a.first, 'last', a.last, 'guideline', "            \
    "json(a.guideline), 'catalog', json(a.catalog), 'attack', json(a.attack), 'evidence', "        \
    "json(a.evidence), 'status', a.status, 'incident_id', a.incident_id, 'created_at', "           \
    "a.created_at)"

/* Parses a row's JSON and drops the keys that are null (absent in the contract), but for
 * incident_id, which says "none" as null. */
static json_t *row_object(const char *text)
{
    json_t *o = json_loads(text, 0, NULL);
    const char *k;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(o, tmp, k, v)
    {
        if (json_is_null(v) && strcmp(k, "incident_id") != 0)
            json_object_del(o, k);
    }
    return o;
}

static int check_filter_text(const char *field, const char *v, size_t max, struct ag_error *err)
{
    if (strlen(v) > max)
        return ag_error_set(err, AG_EINVAL, "%s: too long (at most %zu bytes)", field, max);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return ag_error_set(err, AG_EINVAL, "%s: control characters are not allowed", field);
    return AG_OK;
}

static bool given(const char *s)
{
    return s && *s;
}

int isms_alert_query(struct store *st, const struct isms_alert_filter *f, json_t **items,
                     long long *next, struct ag_error *err)
{
    char since[21];
    int rc, min_rank = 0;
    *items = NULL;
    *next = 0;
    if (f->limit < 1 || f->limit > 1000)
        return ag_error_set(err, AG_EINVAL, "limit: give a number from 1 to 1000");
    if (f->after < 0)
        return ag_error_set(err, AG_EINVAL, "after: must be a cursor from a previous page");
    if (given(f->category) && (rc = check_filter_text("category", f->category, 64, err)))
        return rc;
    if (given(f->level) && (min_rank = isms_alert_level_rank(f->level)) < 0)
        return ag_error_set(
            err, AG_EINVAL,
            "level: \"%.32s\" is not one of: informational, low, medium, high, critical", f->level);
    /* "open": new or acknowledged (what still needs handling; the evidence links of
     * src/isms/compliance.c) */
    bool open_only = given(f->status) && strcmp(f->status, "open") == 0;
    if (given(f->status) && !open_only &&
        (rc = isms_check_enum("status", f->status, isms_alert_statuses, err)))
        return rc;
    if (given(f->since)) {
        char day[24]; /* a date alone is its midnight (UTC) */
        snprintf(day, sizeof(day), "%.10sT00:00Z", f->since);
        if ((rc = isms_incident_time("since", strlen(f->since) == 10 ? day : f->since, since, err)))
            return rc;
    }
    if ((given(f->src_ip) && (rc = check_filter_text("address", f->src_ip, 64, err))) ||
        (given(f->user) && (rc = check_filter_text("user", f->user, 256, err))) ||
        (given(f->item) && (rc = check_filter_text("item", f->item, 64, err))))
        return rc;

    /* the WHERE clause from fixed fragments; values bound in the same order */
    struct strbuf sql;
    const char *bind[14];
    char lo[80], hi[80];
    int nb = 0;
    strbuf_init(&sql, 0);
    /* by guideline item: the item and everything below it (ids in [item-, item/): '-', '.' and
     * '/' are consecutive, docs/catalog.md), one range of alert_items' key, newest first */
    if (given(f->item)) {
        snprintf(lo, sizeof(lo), "%s-", f->item);
        snprintf(hi, sizeof(hi), "%s/", f->item);
        strbuf_adds(&sql, "SELECT a.seq, " ALERT_JSON " FROM alerts a WHERE a.seq IN (SELECT "
                          "x.alert_seq FROM alert_items x WHERE x.item_id = ? OR (x.item_id >= ? "
                          "AND x.item_id < ?))");
        bind[nb++] = f->item;
        bind[nb++] = lo;
        bind[nb++] = hi;
    } else {
        strbuf_adds(&sql, "SELECT a.seq, " ALERT_JSON " FROM alerts a WHERE 1");
    }
    if (given(f->category)) {
        strbuf_adds(&sql, " AND a.category = ?");
        bind[nb++] = f->category;
    }
    if (given(f->level) && min_rank > 0) {
        strbuf_adds(&sql, " AND a.level IN (");
        for (int i = min_rank; isms_alert_levels[i]; i++) {
            strbuf_adds(&sql, i > min_rank ? ", ?" : "?");
            bind[nb++] = isms_alert_levels[i];
        }
        strbuf_adds(&sql, ")");
    }
    if (given(f->src_ip)) {
        strbuf_adds(&sql, " AND a.src_ip = ?");
        bind[nb++] = f->src_ip;
    }
    if (given(f->user)) {
        strbuf_adds(&sql, " AND a.user = ?");
        bind[nb++] = f->user;
    }
    if (given(f->since)) {
        strbuf_adds(&sql, " AND a.time >= ?");
        bind[nb++] = since;
    }
    if (open_only) {
        strbuf_adds(&sql, " AND a.status <> 'closed'");
    } else if (given(f->status)) {
        strbuf_adds(&sql, " AND a.status = ?");
        bind[nb++] = f->status;
    }
    strbuf_adds(&sql, " AND (?1000 = 0 OR a.seq < ?1000) ORDER BY a.seq DESC LIMIT ?1001");
    sqlite3_stmt *s = NULL;
    rc = strbuf_ok(&sql) ? store_prepare(st, &s, strbuf_str(&sql), err)
                         : ag_error_set(err, AG_ENOMEM, "out of memory");
    strbuf_release(&sql);
    if (rc)
        return rc;
    for (int i = 0; i < nb; i++)
        sqlite3_bind_text(s, i + 1, bind[i], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 1000, f->after);
    sqlite3_bind_int64(s, 1001, f->limit + 1);
    json_t *arr = json_array();
    long long count = 0, last = 0;
    int step = SQLITE_DONE;
    while (arr && (step = sqlite3_step(s)) == SQLITE_ROW) {
        if (count == f->limit) {
            *next = last;
            step = SQLITE_DONE;
            break;
        }
        json_t *o = row_object(store_col_text(s, 1));
        if (!o || json_array_append_new(arr, o)) {
            step = SQLITE_NOMEM;
            break;
        }
        last = sqlite3_column_int64(s, 0);
        count++;
    }
    sqlite3_finalize(s);
    if (!arr || step != SQLITE_DONE) {
        json_decref(arr);
        *next = 0;
        return ag_error_set(err, AG_EIO, "reading the alerts");
    }
    *items = arr;
    return AG_OK;
}

int isms_alert_get(struct store *st, const char *id, json_t **out, struct ag_error *err)
{
    sqlite3_stmt *s;
    *out = NULL;
    int rc =
        store_prepare(st, &s, "SELECT a.seq, " ALERT_JSON " FROM alerts a WHERE a.id = ?", err);
    if (rc)
        return rc;
    store_bind_text(s, 1, id ? id : "");
    int step = sqlite3_step(s);
    long long seq = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    json_t *o = step == SQLITE_ROW ? row_object(store_col_text(s, 1)) : NULL;
    sqlite3_finalize(s);
    if (step == SQLITE_DONE)
        return ag_error_set(err, AG_ENOTFOUND, "alert %.64s does not exist", id ? id : "");
    if (!o)
        return ag_error_set(err, AG_EIO, "reading the alert");
    json_t *actions = json_array();
    if ((rc = store_prepare(st, &s,
                            "SELECT json_object('at', x.at, 'action', x.action, 'person', "
                            "p.login, 'incident_id', x.incident_id, 'note', x.note) FROM "
                            "alert_actions x LEFT JOIN people p ON p.id = x.person_id WHERE "
                            "x.alert_seq = ? ORDER BY x.id",
                            err))) {
        json_decref(o);
        json_decref(actions);
        return rc;
    }
    sqlite3_bind_int64(s, 1, seq);
    while (actions && (step = sqlite3_step(s)) == SQLITE_ROW)
        json_array_append_new(actions, json_loads(store_col_text(s, 0), 0, NULL));
    sqlite3_finalize(s);
    if (!actions || json_object_set_new(o, "actions", actions)) {
        json_decref(o);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    *out = o;
    return AG_OK;
}

int isms_alert_summary(struct store *st, const char *since, json_t **out, struct ag_error *err)
{
    /* two index-only counts (alerts_by_time, alerts_by_status), merged per category */
    static const char *const sql[] = {
        "SELECT category, count(*) FROM alerts INDEXED BY alerts_by_time WHERE time >= ?1 "
        "GROUP BY category",
        "SELECT category, count(*) FROM alerts INDEXED BY alerts_by_status WHERE status = 'new' "
        "AND status <> 'closed' GROUP BY category"};
    json_t *o = json_object();
    *out = NULL;
    for (size_t q = 0; o && q < AG_ARRAY_LEN(sql); q++) {
        sqlite3_stmt *s;
        int rc = store_prepare(st, &s, sql[q], err), step = SQLITE_DONE;
        if (rc) {
            json_decref(o);
            return rc;
        }
        if (q == 0)
            sqlite3_bind_text(s, 1, since, -1, SQLITE_TRANSIENT);
        while (o && (step = sqlite3_step(s)) == SQLITE_ROW) {
            const char *cat = store_col_text(s, 0);
            json_t *pair = json_object_get(o, cat);
            if (!pair && (!(pair = json_pack("[ii]", 0, 0)) || json_object_set_new(o, cat, pair)))
                step = SQLITE_NOMEM;
            else
                json_array_set_new(pair, q, json_integer(sqlite3_column_int64(s, 1)));
        }
        sqlite3_finalize(s);
        if (step != SQLITE_DONE) {
            json_decref(o);
            return ag_error_set(err, AG_EIO, "reading the alerts");
        }
    }
    if (!o)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    *out = o;
    return AG_OK;
}
