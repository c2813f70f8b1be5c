/*
 * dl_nft.c — the table of dl_nft.h.
 */
#include "logwatch/dl_nft.h"

AG_DYNLIB_DEFINE(nft, AG_NFT_FUNCS, AG_SONAME_NFTABLES, "libnftables1");
