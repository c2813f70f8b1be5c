/*
 * msgs_exception.c — user-facing texts of the exception workflow, Japanese and English.
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_exception[] = {
    {"exception-usage", "（未実装）airguard exception\n",
     "(not implemented yet) airguard exception\n"},
};
const size_t isms_msgs_exception_count = AG_ARRAY_LEN(isms_msgs_exception);
