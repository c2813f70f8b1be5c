/*
 * validate.c — checks of user input shared by every workflow. Each message names the field,
 * the value and what would be accepted, so the CLI and the web UI can show it as it is.
 */
#include "isms/isms.h"

#include <errno.h>

const char *const isms_roles[] = {"executive", "ciso",    "committee", "manager", "sysadmin",
                                  "csirt",     "handler", "auditor",   NULL};

int isms_check_enum(const char *field, const char *value, const char *const allowed[],
                    struct ag_error *err)
{
    if (value)
        for (size_t i = 0; allowed[i]; i++)
            if (strcmp(value, allowed[i]) == 0)
                return AG_OK;
    char list[512] = "";
    size_t used = 0;
    for (size_t i = 0; allowed[i] && used < sizeof(list); i++)
        used +=
            (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", allowed[i]);
    if (!value)
        return ag_error_set(err, AG_EINVAL, "%s: missing (one of: %s)", field, list);
    return ag_error_set(err, AG_EINVAL, "%s: \"%.80s\" is not one of: %s", field, value, list);
}

int isms_check_date(const char *field, const char *value, char out[11], struct ag_error *err)
{
    if (!value)
        return ag_error_set(err, AG_EINVAL, "%s: missing (a date YYYY-MM-DD)", field);
    if (ag_date_parse(value, out) != AG_OK)
        return ag_error_set(err, AG_EINVAL, "%s: \"%.40s\" is not a date YYYY-MM-DD", field, value);
    return AG_OK;
}

int isms_check_int(const char *field, const char *value, long long min, long long max,
                   long long *out, struct ag_error *err)
{
    char *end;
    if (!value || !*value)
        return ag_error_set(err, AG_EINVAL, "%s: missing (a number from %lld to %lld)", field, min,
                            max);
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (*end || errno || v < min || v > max)
        return ag_error_set(err, AG_EINVAL, "%s: \"%.40s\" is not a number from %lld to %lld",
                            field, value, min, max);
    *out = v;
    return AG_OK;
}

/* Length of the valid UTF-8 sequence at p, 0 if invalid. */
static size_t utf8_len(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = (p[0] & 0xE0) == 0xC0   ? 2
               : (p[0] & 0xF0) == 0xE0 ? 3
               : (p[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (n == 0 || (n == 2 && p[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

int isms_check_text(const char *field, const char *value, size_t max, struct ag_error *err)
{
    if (!value)
        return ag_error_set(err, AG_EINVAL, "%s: missing", field);
    size_t len = strlen(value);
    if (len > max)
        return ag_error_set(err, AG_EINVAL, "%s: longer than %zu bytes", field, max);
    bool blank = true;
    for (const unsigned char *p = (const unsigned char *)value; *p;) {
        size_t n = utf8_len(p);
        if (n == 0)
            return ag_error_set(err, AG_EINVAL, "%s: not valid UTF-8 (byte %zu)", field,
                                (size_t)(p - (const unsigned char *)value));
        if (n == 1 && *p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
            return ag_error_set(err, AG_EINVAL, "%s: contains a control character (byte %zu)",
                                field, (size_t)(p - (const unsigned char *)value));
        if (!(n == 1 && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')))
            blank = false;
        p += n;
    }
    if (blank)
        return ag_error_set(err, AG_EINVAL, "%s: empty", field);
    return AG_OK;
}

int isms_check_item(const struct catalog *cat, const char *field, const char *value,
                    const char **id_out, struct ag_error *err)
{
    const struct catalog_node *n = value ? catalog_find(cat, value) : NULL;
    if (!n)
        return ag_error_set(err, AG_EINVAL,
                            "%s: \"%.80s\" is not an item of the guideline catalog (give an id "
                            "like 3.1.5.1-2-e.m1 or a reference like 3.1.5.1(2)(e))",
                            field, value ? value : "");
    *id_out = n->id;
    return AG_OK;
}

int isms_tx_begin(struct store *st, bool *own, struct ag_error *err)
{
    *own = !store_in_transaction(st);
    return *own ? store_begin(st, err) : AG_OK;
}

int isms_tx_end(struct store *st, bool own, int rc, struct ag_error *err)
{
    if (!own)
        return rc;
    if (rc == AG_OK)
        return store_commit(st, err);
    store_rollback(st);
    return rc;
}

void isms_join_lines(struct strbuf *out, const char *text, const char *sep)
{
    for (const char *p = text; *p; p++) {
        if (*p != '\n')
            strbuf_addc(out, *p);
        else if (p[1])
            strbuf_adds(out, sep);
    }
}
