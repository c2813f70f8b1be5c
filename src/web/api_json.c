/*
 * api_json.c — decoding the JSON API's request bodies (api_int.h). Pure functions over jansson
 * values and an arena: no store, no I/O, so the fuzzer (tests/fuzz/fuzz_api_json.c) can run
 * them on arbitrary bytes.
 * Invariants: on AG_OK every decoded string is valid text (web_text_valid) of at most the
 * field's size, NUL-terminated in the arena; on failure msg names the field or the position of
 * the syntax error and nothing else is promised.
 */
#include "web/api_int.h"

int api_json_object(const char *data, size_t len, enum ag_lang lang, json_t **out,
                    char msg[API_MSG_MAX])
{
    json_error_t e;
    *out = NULL;
    if (len == 0) {
        snprintf(msg, API_MSG_MAX, "%s",
                 ag_tr(lang, "The request body is empty: send a JSON object"));
        return AG_EINVAL;
    }
    json_t *j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &e);
    if (!j) {
        snprintf(msg, API_MSG_MAX,
                 ag_tr(lang, "The body is not valid JSON (line %d, column %d): %s"), e.line,
                 e.column, e.text);
        return AG_EINVAL;
    }
    if (!json_is_object(j)) {
        json_decref(j);
        snprintf(msg, API_MSG_MAX, "%s", ag_tr(lang, "The body must be a JSON object"));
        return AG_EINVAL;
    }
    *out = j;
    return AG_OK;
}

struct field {
    const char *name;
    size_t max; /* bytes */
    bool required;
    const char **out;
};

/* Decodes the string fields of obj by spec; any other member is refused (a misspelt field must
 * not be ignored silently). `where` prefixes messages ("answers[2]."), may be "". */
static int string_fields(struct arena *a, json_t *obj, const struct field *spec, size_t n,
                         const char *where, enum ag_lang lang, char msg[API_MSG_MAX])
{
    const char *key;
    json_t *v;
    for (size_t i = 0; i < n; i++)
        *spec[i].out = NULL;
    json_object_foreach(obj, key, v)
    {
        size_t i = 0;
        while (i < n && strcmp(spec[i].name, key) != 0)
            i++;
        if (i == n) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "%s%.60s: unknown field"), where, key);
            return AG_EINVAL;
        }
        if (json_is_null(v))
            continue; /* null = absent */
        if (!json_is_string(v)) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "%s%s: must be a string"), where, key);
            return AG_EINVAL;
        }
        size_t len = json_string_length(v);
        const char *s = json_string_value(v);
        if (len > spec[i].max) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "%s%s: too long (at most %zu bytes)"), where,
                     key, spec[i].max);
            return AG_EINVAL;
        }
        if (!web_text_valid(s, len)) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "%s%s: control characters are not allowed"),
                     where, key);
            return AG_EINVAL;
        }
        if (!(*spec[i].out = arena_strndup(a, s, len))) {
            snprintf(msg, API_MSG_MAX, "%s", ag_tr(lang, "The request is too large"));
            return AG_ENOMEM;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (spec[i].required && (!*spec[i].out || !**spec[i].out)) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "%s%s: required"), where, spec[i].name);
            return AG_EINVAL;
        }
    return AG_OK;
}

int api_decode_incident(struct arena *a, json_t *obj, enum ag_lang lang,
                        struct api_incident_body *out, char msg[API_MSG_MAX])
{
    memset(out, 0, sizeof(*out));
    const struct field spec[] = {
        {"title", 400, true, &out->title},
        {"description", 16000, false, &out->description},
        {"severity", 16, false, &out->severity},
        {"occurred_at", 40, false, &out->occurred_at},
        {"detected_at", 40, false, &out->detected_at},
        {"detection", 400, false, &out->detection},
        {"department", 64, false, &out->department},
        {"site", 64, false, &out->site},
    };
    return string_fields(a, obj, spec, AG_ARRAY_LEN(spec), "", lang, msg);
}

int api_decode_answers(struct arena *a, json_t *obj, enum ag_lang lang,
                       struct api_answers_body *out, char msg[API_MSG_MAX])
{
    const char *key;
    json_t *v, *list = NULL;
    memset(out, 0, sizeof(*out));
    json_object_foreach(obj, key, v)
    {
        if (strcmp(key, "answers") != 0) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "%s%.60s: unknown field"), "", key);
            return AG_EINVAL;
        }
        list = v;
    }
    if (!list || !json_is_array(list) || json_array_size(list) == 0 ||
        json_array_size(list) > API_MAX_ANSWERS) {
        snprintf(msg, API_MSG_MAX, ag_tr(lang, "answers: must be an array of 1 to %d objects"),
                 API_MAX_ANSWERS);
        return AG_EINVAL;
    }
    out->n = json_array_size(list);
    out->v = arena_alloc(a, out->n * sizeof(*out->v));
    if (!out->v) {
        snprintf(msg, API_MSG_MAX, "%s", ag_tr(lang, "The request is too large"));
        return AG_ENOMEM;
    }
    for (size_t i = 0; i < out->n; i++) {
        json_t *e = json_array_get(list, i);
        char where[32];
        snprintf(where, sizeof(where), "answers[%zu].", i);
        if (!json_is_object(e)) {
            snprintf(msg, API_MSG_MAX, ag_tr(lang, "answers[%zu]: must be an object"), i);
            return AG_EINVAL;
        }
        struct api_answer *an = &out->v[i];
        const struct field spec[] = {
            {"item", 64, true, &an->item},
            {"answer", 40, true, &an->answer},
            {"comment", 4000, false, &an->comment},
        };
        int rc = string_fields(a, e, spec, AG_ARRAY_LEN(spec), where, lang, msg);
        if (rc)
            return rc;
    }
    return AG_OK;
}
