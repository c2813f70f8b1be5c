/*
 * dl_curl.c — the table of dl_curl.h.
 */
#include "auth/dl_curl.h"

AG_DYNLIB_DEFINE(curl, AG_CURL_FUNCS, AG_SONAME_LIBCURL, "libcurl3-gnutls");
