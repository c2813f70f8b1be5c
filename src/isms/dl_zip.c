/*
 * dl_zip.c — the table of dl_zip.h.
 */
#include "isms/dl_zip.h"

AG_DYNLIB_DEFINE(zip, AG_ZIP_FUNCS, AG_SONAME_LIBZIP, "libzip4");
