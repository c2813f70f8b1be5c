/*
 * dl_curl.h — libcurl: notification e-mail and webhooks (auth/mail.c, notify/send.c), loaded when
 * first used (common/dynlib.h). Include this instead of <curl/curl.h>: the calls below go through
 * the table, which loads the library on first use.
 */
#ifndef AG_DL_CURL_H
#define AG_DL_CURL_H

#define CURL_DISABLE_TYPECHECK 1 /* no macros named like the functions */
#include <curl/curl.h>

#include "common/dynlib.h"

#define AG_CURL_FUNCS(X)                                                                           \
    X(curl_easy_cleanup)                                                                           \
    X(curl_easy_getinfo)                                                                           \
    X(curl_easy_init)                                                                              \
    X(curl_easy_perform)                                                                           \
    X(curl_easy_setopt)                                                                            \
    X(curl_easy_strerror)                                                                          \
    X(curl_global_init)                                                                            \
    X(curl_slist_append)                                                                           \
    X(curl_slist_free_all)

struct ag_curl_api {
    AG_CURL_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_curl_lib;

#define curl_easy_cleanup AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_easy_cleanup)
#undef curl_easy_getinfo /* curl.h's argument-count check */
#define curl_easy_getinfo AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_easy_getinfo)
#define curl_easy_init AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_easy_init)
#define curl_easy_perform AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_easy_perform)
#undef curl_easy_setopt /* curl.h's argument-count check */
#define curl_easy_setopt AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_easy_setopt)
#define curl_easy_strerror AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_easy_strerror)
#define curl_global_init AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_global_init)
#define curl_slist_append AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_slist_append)
#define curl_slist_free_all AG_DYNLIB_CALL(ag_curl_lib, ag_curl_api, curl_slist_free_all)

#endif
