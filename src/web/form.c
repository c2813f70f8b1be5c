/*
 * form.c — strict decoding of application/x-www-form-urlencoded bodies and query strings.
 * Untrusted bytes come in as (ptr, len) and are read with bounds checks only; decoded names and
 * values go into the request's arena. Anything malformed is refused as a whole (nothing of a bad
 * form reaches a handler, so nothing of it is stored). Fuzzed by tests/fuzz/fuzz_web_form.c.
 */
#include "web/web_int.h"

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) into a new arena string; *out_len receives its length. */
static int decode(struct arena *a, const char *s, size_t n, char **out, size_t *out_len,
                  struct ag_error *err)
{
    char *d = arena_alloc(a, n + 1);
    if (!d)
        return ag_error_set(err, AG_ENOMEM, "the request is too large");
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '+') {
            d[j++] = ' ';
        } else if (c == '%') {
            int hi = -1;
            if (n - i < 3 || (hi = hexval((unsigned char)s[i + 1])) < 0 ||
                hexval((unsigned char)s[i + 2]) < 0)
                return ag_error_set(err, AG_EINVAL, "form: bad %%-escape at byte %zu", i);
            d[j++] = (char)(hi * 16 + hexval((unsigned char)s[i + 2]));
            i += 2;
        } else {
            d[j++] = (char)c;
        }
    }
    d[j] = '\0';
    if (!web_text_valid(d, j))
        return ag_error_set(err, AG_EINVAL, "form: a field is not valid UTF-8 text");
    *out = d;
    *out_len = j;
    return AG_OK;
}

int web_form_parse(struct arena *a, const char *data, size_t len, struct web_form *out,
                   struct ag_error *err)
{
    out->count = 0;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && data[end] != '&')
            end++;
        if (end > i) { /* empty pairs ("a=1&&b=2") are skipped, as browsers never send them */
            size_t eq = i;
            while (eq < end && data[eq] != '=')
                eq++;
            if (out->count >= WEB_FORM_MAX_FIELDS)
                return ag_error_set(err, AG_EINVAL, "form: more than %d fields",
                                    WEB_FORM_MAX_FIELDS);
            struct web_field *f = &out->fields[out->count];
            char *name, *value;
            size_t nlen, vlen = 0;
            int rc = decode(a, data + i, eq - i, &name, &nlen, err);
            if (rc)
                return rc;
            if (eq < end) {
                rc = decode(a, data + eq + 1, end - eq - 1, &value, &vlen, err);
                if (rc)
                    return rc;
            } else {
                value = arena_strndup(a, "", 0);
                if (!value)
                    return ag_error_set(err, AG_ENOMEM, "the request is too large");
            }
            f->name = name;
            f->value = value;
            f->value_len = vlen;
            out->count++;
        }
        i = end + 1;
    }
    return AG_OK;
}

const char *web_form_get(const struct web_form *f, const char *name)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}
