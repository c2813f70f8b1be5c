/*
 * msgs_logarchive.c — the texts of `airguard logs` and the /logs page, Japanese and English.
 */
#include "logarchive/logarchive.h"

static const struct ag_msg la_msgs[] = {
    {"logs-usage", "x", "x"},
};

void la_register_messages(void)
{
    ag_tr_register(la_msgs, AG_ARRAY_LEN(la_msgs));
}
