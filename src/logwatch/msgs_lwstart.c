/*
 * msgs_lwstart.c — the texts of logwatch's start-up: the Vectorscan database cache
 * (hs_cache.c, the CLI's AIRGUARD_DEBUG=cache note).
 */
#include "logwatch/logwatch.h"

const struct ag_msg lw_msgs_lwstart[] = {
    {"logwatch: Vectorscan cache: %llu loaded, %llu compiled, %llu stored, %llu refused\n",
     "logwatch: Vectorscan キャッシュ: 読込 %llu、コンパイル %llu、保存 %llu、不採用 %llu\n",
     "logwatch: Vectorscan cache: %llu loaded, %llu compiled, %llu stored, %llu refused\n"},
};

const size_t lw_msgs_lwstart_count = AG_ARRAY_LEN(lw_msgs_lwstart);
