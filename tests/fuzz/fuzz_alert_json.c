/*
 * fuzz_alert_json.c — arbitrary bytes as one line of `airguard alert import` (src/isms/alert.c):
 * parsed by jansson as the importer does, then mapped to a row by isms_alert_from_json with the
 * built-in catalog, and formatted as an RFC 5424 message (src/logwatch/output.c) as `alert send`
 * does. Properties checked: a row is produced only from an object with id, time, category,
 * rule and level; its texts are within their caps; the time is "YYYY-MM-DDTHH:MM:SSZ"; the level
 * is one of the five; count ≥ 1; every JSON text of the row parses back as an array of at most
 * its cap (evidence: 10 strings of at most ISMS_ALERT_EVIDENCE_MAX + 3 bytes); every item is a
 * catalog id; a refusal has a message; the syslog message has no CR or LF and stays under its
 * cap; nothing leaks (ASan/LSan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/alert.h"
#include "logwatch/logwatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct catalog *cat;

static void check_list(const char *text, size_t max_items, size_t max_len)
{
    json_t *a = json_loads(text, 0, NULL);
    if (!json_is_array(a) || json_array_size(a) > max_items)
        abort();
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *e = json_array_get(a, i);
        if (!json_is_string(e) || json_string_length(e) > max_len)
            abort();
    }
    json_decref(a);
}

static void check_time(const char *t, bool required)
{
    if (!*t) {
        if (required)
            abort();
        return;
    }
    if (strlen(t) != 20 || t[4] != '-' || t[10] != 'T' || t[19] != 'Z')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ag_error err;
    struct isms_alert_row r;
    if (!cat && catalog_load_default(&cat, &err) != AG_OK)
        abort();
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!j)
        return 0;
    err.msg[0] = '\0';
    int rc = isms_alert_from_json(j, cat, &r, &err);
    if (rc != AG_OK) {
        if (rc != AG_EINVAL || !err.msg[0])
            abort();
    } else {
        if (!json_is_object(j) || !r.id || !r.category || !r.rule || !r.level ||
            strlen(r.id) > 64 || strlen(r.category) > 64 || strlen(r.rule) > 500 ||
            (r.user && strlen(r.user) > 256) || (r.host && strlen(r.host) > 256) ||
            isms_alert_level_rank(r.level) < 0 || r.count < 1)
            abort();
        check_time(r.time, true);
        check_time(r.first, false);
        check_time(r.last, false);
        check_list(r.guideline, ISMS_ALERT_MAX_ITEMS, 64);
        check_list(r.catalog, ISMS_ALERT_MAX_ITEMS, 64);
        check_list(r.attack, ISMS_ALERT_MAX_ITEMS, 64);
        check_list(r.evidence, ISMS_ALERT_MAX_EVIDENCE, ISMS_ALERT_EVIDENCE_MAX + 3);
        for (size_t i = 0; i < r.nitems; i++)
            if (!catalog_by_id(cat, r.items[i]))
                abort();
        isms_alert_row_release(&r);
    }
    if (json_is_object(j)) {
        struct strbuf sb;
        strbuf_init(&sb, 0);
        for (int fmt = 0; fmt < 2; fmt++)
            if (lw_syslog_format_alert(j, fmt ? LW_SYSLOG_JSON : LW_SYSLOG_SD, 10, "h", "ag", 2048,
                                       &sb) == AG_OK &&
                (sb.len > 2048 ||
                 (fmt == 0 && (memchr(sb.buf, '\n', sb.len) || memchr(sb.buf, '\r', sb.len)))))
                abort();
        strbuf_release(&sb);
    }
    json_decref(j);
    return 0;
}
