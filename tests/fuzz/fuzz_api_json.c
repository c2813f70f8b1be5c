/*
 * fuzz_api_json.c — arbitrary bytes as a JSON API request body (src/web/api_json.c): parsed as a
 * JSON object, then decoded both as a new incident and as a batch of self-inspection answers,
 * in one arena as in a request (html.c brings web_text_valid).
 * Properties checked: a body is accepted only as a JSON object; every decoded string is valid
 * text (web_text_valid), NUL-terminated at its length and within its field's size; a batch has
 * 1..API_MAX_ANSWERS answers each with item and answer; a refusal always has a message; the
 * arena and the JSON values are freed (ASan/LSan).
 * The web sources are compiled in directly, as in fuzz_web_form.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/web/api_json.c"
#include "../../src/web/arena.c"
#include "../../src/web/html.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t max, bool required)
{
    if (!s) {
        if (required)
            abort();
        return;
    }
    size_t n = strlen(s);
    if (n > max || !web_text_valid(s, n) || (required && n == 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    json_t *j = NULL;
    char msg[API_MSG_MAX];
    arena_init(&a, (size_t)1 << 20);
    msg[0] = '\0';
    int rc = api_json_object((const char *)data, size, AG_LANG_EN, &j, msg);
    if (rc != AG_OK) {
        if (j || !msg[0])
            abort();
        arena_release(&a);
        return 0;
    }
    if (!json_is_object(j))
        abort();
    struct api_incident_body b;
    msg[0] = '\0';
    if (api_decode_incident(&a, j, AG_LANG_EN, &b, msg) == AG_OK) {
        check_text(b.title, 400, true);
        check_text(b.description, 16000, false);
        check_text(b.severity, 16, false);
        check_text(b.occurred_at, 40, false);
        check_text(b.detected_at, 40, false);
        check_text(b.detection, 400, false);
        check_text(b.department, 64, false);
        check_text(b.site, 64, false);
    } else if (!msg[0]) {
        abort();
    }
    struct api_answers_body ab;
    msg[0] = '\0';
    if (api_decode_answers(&a, j, AG_LANG_EN, &ab, msg) == AG_OK) {
        if (ab.n < 1 || ab.n > API_MAX_ANSWERS)
            abort();
        for (size_t i = 0; i < ab.n; i++) {
            check_text(ab.v[i].item, 64, true);
            check_text(ab.v[i].answer, 40, true);
            check_text(ab.v[i].comment, 4000, false);
        }
    } else if (!msg[0]) {
        abort();
    }
    json_decref(j);
    arena_release(&a);
    return 0;
}
