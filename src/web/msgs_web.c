/*
 * msgs_web.c — user-facing texts of the web application and `airguard serve`, Japanese and
 * English (keys are the English text, as everywhere; tests/unit/web/test_msgs.c checks both
 * texts exist with the same printf conversions).
 */
#include "web/web_int.h"

const struct ag_msg web_msgs[] = {
    {"serve-usage", "x", "x"},
};
const size_t web_msgs_count = AG_ARRAY_LEN(web_msgs);

void web_register_messages(void)
{
    ag_tr_register(web_msgs, web_msgs_count);
    ag_tr_register(auth_msgs, auth_msgs_count);
}
