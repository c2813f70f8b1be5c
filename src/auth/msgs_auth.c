/*
 * msgs_auth.c — user-facing texts of src/auth and `airguard user`, Japanese and English.
 */
#include "auth/auth.h"

const struct ag_msg auth_msgs[] = {
    {"user-usage", "x", "x"},
};
const size_t auth_msgs_count = AG_ARRAY_LEN(auth_msgs);
