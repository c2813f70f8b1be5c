/*
 * dl_gettextpo.c — the table of dl_gettextpo.h.
 */
#include "cli/dl_gettextpo.h"

AG_DYNLIB_DEFINE(gettextpo, AG_GETTEXTPO_FUNCS, AG_SONAME_GETTEXTPO, "libgettextpo0");
