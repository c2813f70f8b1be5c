/*
 * msgs_assess.c — user-facing texts of the assess workflow, Japanese and English.
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_assess[] = {
    {"assess-usage", "（未実装）airguard assess\n", "(not implemented yet) airguard assess\n"},
};
const size_t isms_msgs_assess_count = AG_ARRAY_LEN(isms_msgs_assess);
