/*
 * msgs_silence.c — texts of the silence detector's options (baseline_deviation, reason
 * "silent"; docs/netwatch.md), Japanese and English. Registered by nw_register_messages.
 */
#include "netwatch/netwatch.h"

const struct ag_msg nw_msgs_silence[] = {
    {"netwatch: --silence-factor needs a factor from 1 to 1000",
     "--silence-factor には 1 から 1000 までの倍率を指定してください",
     "--silence-factor needs a factor from 1 to 1000"},
};
const size_t nw_msgs_silence_count = AG_ARRAY_LEN(nw_msgs_silence);
