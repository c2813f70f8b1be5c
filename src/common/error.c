/*
 * error.c — result codes and the caller-owned error message (struct ag_error).
 * Any thread; no global state.
 */
#include "common/common.h"

#include <stdio.h>

/* The language messages are built in, per thread (the CLI sets it once; the web server per
 * request). The format string is looked up in the message tables, so an error whose format is
 * a registered key comes out in the user's language. */
static _Thread_local enum ag_lang error_lang = AG_LANG_EN;

void ag_error_set_lang(enum ag_lang lang)
{
    error_lang = lang;
}

void ag_error_clear(struct ag_error *err)
{
    if (!err)
        return;
    err->code = 0;
    err->msg[0] = '\0';
}

int ag_error_set(struct ag_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), ag_tr(error_lang, fmt), ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

const char *ag_strerror(int code)
{
    switch (code) {
    case AG_OK:
        return "ok";
    case AG_ENOMEM:
        return "out of memory or size limit reached";
    case AG_EIO:
        return "input/output error";
    case AG_EINVAL:
        return "invalid input";
    case AG_ENOTFOUND:
        return "not found";
    case AG_EUSAGE:
        return "usage error";
    case AG_EDENIED:
        return "refused by a rule";
    case AG_ECONFLICT:
        return "conflict";
    default:
        return "unknown error";
    }
}
