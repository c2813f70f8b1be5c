/*
 * dl_nft.h — libnftables: blocking responses in nft sets (logwatch/nft.c), loaded when first used
 * (common/dynlib.h). Include this instead of <nftables/libnftables.h>: the calls below go through
 * the table, which loads the library on first use.
 */
#ifndef AG_DL_NFT_H
#define AG_DL_NFT_H

#include <nftables/libnftables.h>

#include "common/dynlib.h"

#define AG_NFT_FUNCS(X)                                                                            \
    X(nft_ctx_buffer_error)                                                                        \
    X(nft_ctx_buffer_output)                                                                       \
    X(nft_ctx_free)                                                                                \
    X(nft_ctx_get_error_buffer)                                                                    \
    X(nft_ctx_new)                                                                                 \
    X(nft_run_cmd_from_buffer)

struct ag_nft_api {
    AG_NFT_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_nft_lib;

#define nft_ctx_buffer_error AG_DYNLIB_CALL(ag_nft_lib, ag_nft_api, nft_ctx_buffer_error)
#define nft_ctx_buffer_output AG_DYNLIB_CALL(ag_nft_lib, ag_nft_api, nft_ctx_buffer_output)
#define nft_ctx_free AG_DYNLIB_CALL(ag_nft_lib, ag_nft_api, nft_ctx_free)
#define nft_ctx_get_error_buffer AG_DYNLIB_CALL(ag_nft_lib, ag_nft_api, nft_ctx_get_error_buffer)
#define nft_ctx_new AG_DYNLIB_CALL(ag_nft_lib, ag_nft_api, nft_ctx_new)
#define nft_run_cmd_from_buffer AG_DYNLIB_CALL(ag_nft_lib, ag_nft_api, nft_run_cmd_from_buffer)

#endif
