/*
 * api_int.h — the inside of the JSON API (src/web/api*.c): request-body decoding (api_json.c,
 * fuzzed by tests/fuzz/fuzz_api_json.c) and the dispatcher the server calls for ROUTE_TOKEN
 * routes (api.c).
 *
 * Bodies are decoded strictly: one JSON object (jansson, duplicate keys refused, strings valid
 * UTF-8 without NUL), only the documented fields, each of the documented type and size, texts
 * without control characters other than TAB/LF/CR. Decoded strings are copied into the
 * request's arena. A refusal writes a message naming the problem (in `lang`) into msg.
 */
#ifndef AG_WEB_API_INT_H
#define AG_WEB_API_INT_H

#include "web/api.h"
#include "web/web_int.h"

#include <jansson.h>

#define API_MSG_MAX 320
#define API_MAX_ANSWERS 200

/* Parses data as a JSON object; *out (caller json_decref) on AG_OK, else AG_EINVAL and msg. */
int api_json_object(const char *data, size_t len, enum ag_lang lang, json_t **out,
                    char msg[API_MSG_MAX]) AG_MUST_CHECK;

/* POST /api/v1/incidents */
struct api_incident_body {
    const char *title, *description, *severity, *occurred_at, *detected_at, *detection, *department,
        *site; /* NULL when absent (title is required) */
};
int api_decode_incident(struct arena *a, json_t *obj, enum ag_lang lang,
                        struct api_incident_body *out, char msg[API_MSG_MAX]) AG_MUST_CHECK;

/* POST /api/v1/assess/sheets/{id}/answers: {"answers": [{"item", "answer", "comment"?}, …]} */
struct api_answer {
    const char *item, *answer, *comment; /* comment NULL when absent */
};
struct api_answers_body {
    struct api_answer *v; /* in the arena */
    size_t n;             /* 1 .. API_MAX_ANSWERS */
};
int api_decode_answers(struct arena *a, json_t *obj, enum ag_lang lang,
                       struct api_answers_body *out, char msg[API_MSG_MAX]) AG_MUST_CHECK;

/* ---- api_v1.c ---- */
/* The scopes (all of them) a handler of the API needs; false for a handler not listed, which
 * api_dispatch then refuses (fail closed). */
bool api_route_scopes(int (*handler)(struct web_req *), unsigned *scopes);

/* ---- api.c ---- */
/* Answers a request to a ROUTE_TOKEN route: bearer token, throttling, scope, roles, media type,
 * then the handler. The server calls it after routing, with req->st open. */
void api_dispatch(struct web_req *req);
/* Writes {"error": {"code", "message"}} with status (code from the status when NULL). */
void api_error(struct web_req *req, unsigned status, const char *code, const char *message);

#endif
