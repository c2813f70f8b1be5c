/*
 * msgs_register.c — user-facing texts of the register workflow, Japanese and English.
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_register[] = {
    {"register-usage", "（未実装）airguard register\n",
     "(not implemented yet) airguard register\n"},
};
const size_t isms_msgs_register_count = AG_ARRAY_LEN(isms_msgs_register);
