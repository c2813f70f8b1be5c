/*
 * dl_mhd.h — libmicrohttpd: the web server of airguard serve (web/server.c, api.c, api_v1.c),
 * loaded when first used (common/dynlib.h). Include this instead of <microhttpd.h>: the calls below
 * go through the table, which loads the library on first use.
 */
#ifndef AG_DL_MHD_H
#define AG_DL_MHD_H

#include <microhttpd.h>

#include "common/dynlib.h"

#define AG_MHD_FUNCS(X)                                                                            \
    X(MHD_add_response_header)                                                                     \
    X(MHD_create_post_processor)                                                                   \
    X(MHD_create_response_from_buffer)                                                             \
    X(MHD_destroy_post_processor)                                                                  \
    X(MHD_destroy_response)                                                                        \
    X(MHD_get_connection_info)                                                                     \
    X(MHD_get_connection_values_n)                                                                 \
    X(MHD_get_daemon_info)                                                                         \
    X(MHD_lookup_connection_value)                                                                 \
    X(MHD_post_process)                                                                            \
    X(MHD_queue_response)                                                                          \
    X(MHD_start_daemon)                                                                            \
    X(MHD_stop_daemon)

struct ag_mhd_api {
    AG_MHD_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_mhd_lib;

#define MHD_add_response_header AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_add_response_header)
#define MHD_create_post_processor AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_create_post_processor)
#define MHD_create_response_from_buffer                                                            \
    AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_create_response_from_buffer)
#define MHD_destroy_post_processor                                                                 \
    AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_destroy_post_processor)
#define MHD_destroy_response AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_destroy_response)
#define MHD_get_connection_info AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_get_connection_info)
#define MHD_get_connection_values_n                                                                \
    AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_get_connection_values_n)
#define MHD_get_daemon_info AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_get_daemon_info)
#define MHD_lookup_connection_value                                                                \
    AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_lookup_connection_value)
#define MHD_post_process AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_post_process)
#define MHD_queue_response AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_queue_response)
#define MHD_start_daemon AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_start_daemon)
#define MHD_stop_daemon AG_DYNLIB_CALL(ag_mhd_lib, ag_mhd_api, MHD_stop_daemon)

#endif
