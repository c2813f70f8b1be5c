/*
 * msgs_risk.c — user-facing texts of the risk workflow, Japanese and English.
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_risk[] = {
    {"risk-usage", "（未実装）airguard risk\n", "(not implemented yet) airguard risk\n"},
};
const size_t isms_msgs_risk_count = AG_ARRAY_LEN(isms_msgs_risk);
