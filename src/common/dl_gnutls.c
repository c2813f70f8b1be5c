/*
 * dl_gnutls.c — the table of dl_gnutls.h.
 */
#include "common/dl_gnutls.h"

AG_DYNLIB_DEFINE(gnutls, AG_GNUTLS_FUNCS, AG_SONAME_GNUTLS, "libgnutls30");
