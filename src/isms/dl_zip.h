/*
 * dl_zip.h — libzip: reading imported workbooks (isms/assess_xlsx.c), loaded when first used
 * (common/dynlib.h). Include this instead of <zip.h>: the calls below go through the
 * table, which loads the library on first use.
 */
#ifndef AG_DL_ZIP_H
#define AG_DL_ZIP_H

#include <zip.h>

#include "common/dynlib.h"

#define AG_ZIP_FUNCS(X)                                                                            \
    X(zip_discard)                                                                                 \
    X(zip_error_fini)                                                                              \
    X(zip_error_init)                                                                              \
    X(zip_error_strerror)                                                                          \
    X(zip_fclose)                                                                                  \
    X(zip_fopen)                                                                                   \
    X(zip_fread)                                                                                   \
    X(zip_open_from_source)                                                                        \
    X(zip_source_buffer_create)                                                                    \
    X(zip_source_free)

struct ag_zip_api {
    AG_ZIP_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_zip_lib;

#define zip_discard AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_discard)
#define zip_error_fini AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_error_fini)
#define zip_error_init AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_error_init)
#define zip_error_strerror AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_error_strerror)
#define zip_fclose AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_fclose)
#define zip_fopen AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_fopen)
#define zip_fread AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_fread)
#define zip_open_from_source AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_open_from_source)
#define zip_source_buffer_create AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_source_buffer_create)
#define zip_source_free AG_DYNLIB_CALL(ag_zip_lib, ag_zip_api, zip_source_free)

#endif
