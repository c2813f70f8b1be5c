/*
 * msgs_audit.c — user-facing texts of the audit workflow, Japanese and English.
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_audit[] = {
    {"audit-usage", "（未実装）airguard audit\n", "(not implemented yet) airguard audit\n"},
};
const size_t isms_msgs_audit_count = AG_ARRAY_LEN(isms_msgs_audit);
