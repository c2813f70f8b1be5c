/*
 * msgs_serve.c — messages of the monitors inside `airguard serve` (serve_monitors.c,
 * cmd_serve.c), registered by main.c.
 */
#include "cli/serve_monitors.h"

const struct ag_msg cli_serve_msgs[] = {
    {"serve: cannot start the monitors' threads", "serve: 監視のスレッドを開始できません",
     "serve: cannot start the monitors' threads"},
};
const size_t cli_serve_msgs_count = AG_ARRAY_LEN(cli_serve_msgs);
