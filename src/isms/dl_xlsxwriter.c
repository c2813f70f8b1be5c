/*
 * dl_xlsxwriter.c — the table of dl_xlsxwriter.h.
 */
#include "isms/dl_xlsxwriter.h"

AG_DYNLIB_DEFINE(xlsxwriter, AG_XLSXWRITER_FUNCS, AG_SONAME_XLSXWRITER, "libxlsxwriter4");
