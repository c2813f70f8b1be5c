/*
 * msgs_incident.c — user-facing texts of the incident workflow, Japanese and English.
 */
#include "isms/isms.h"

const struct ag_msg isms_msgs_incident[] = {
    {"incident-usage", "（未実装）airguard incident\n",
     "(not implemented yet) airguard incident\n"},
};
const size_t isms_msgs_incident_count = AG_ARRAY_LEN(isms_msgs_incident);
