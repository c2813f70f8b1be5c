/*
 * msgs_nwserve.c — texts of the options netwatch capture and serve --capture share (the factor
 * options, the hours' time zone; docs/netwatch.md), Japanese and English. Registered by
 * nw_register_messages.
 */
#include "netwatch/netwatch.h"

const struct ag_msg nw_msgs_nwserve[] = {
    {"netwatch: %s needs a factor from 1 to 1000",
     "%s には 1 から 1000 までの倍率を指定してください", "%s needs a factor from 1 to 1000"},
    {"netwatch: %s needs an offset from UTC such as +09:00",
     "%s には +09:00 のような UTC からの時差を指定してください",
     "%s needs an offset from UTC such as +09:00"},
    {"netwatch: the baseline's hours of day are at %s, this watch's at %s: its hourly profile is "
     "compared shifted\n",
     "netwatch: ベースラインの時間帯は %s、この監視は %s "
     "です。時間帯別の通信量はずれたまま比較されます\n",
     "netwatch: the baseline's hours of day are at %s, this watch's at %s: its hourly profile is "
     "compared shifted\n"},
};
const size_t nw_msgs_nwserve_count = AG_ARRAY_LEN(nw_msgs_nwserve);
