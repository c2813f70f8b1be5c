/*
 * dl_mhd.c — the table of dl_mhd.h.
 */
#include "web/dl_mhd.h"

AG_DYNLIB_DEFINE(mhd, AG_MHD_FUNCS, AG_SONAME_MHD, "libmicrohttpd12");
