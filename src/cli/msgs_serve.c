/*
 * msgs_serve.c — messages of the monitors inside `airguard serve` (serve_monitors.c,
 * cmd_serve.c), registered by main.c.
 */
#include "cli/serve_monitors.h"

const struct ag_msg cli_serve_msgs[] = {
    {"serve: cannot start the monitors' threads", "serve: 監視のスレッドを開始できません",
     "serve: cannot start the monitors' threads"},
    {"%s:%d: unknown key \"%s\" (the capture's keys are its --capture-* options spelt "
     "capture_*: docs/web/running.md)",
     "%s:%d: キー「%s」は不明です（キャプチャのキーは --capture-* オプションを capture_* と"
     "綴ったものです: docs/web/running.md）",
     "%s:%d: unknown key \"%s\" (the capture's keys are its --capture-* options spelt "
     "capture_*: docs/web/running.md)"},
    {"%s:%d: key \"%s\": \"%s\" is neither yes nor no",
     "%s:%d: キー「%s」: 「%s」は yes でも no でもありません",
     "%s:%d: key \"%s\": \"%s\" is neither yes nor no"},
    {"%s:%d: in key \"%s\" (see above)", "%s:%d: キー「%s」の値です（上記参照）",
     "%s:%d: in key \"%s\" (see above)"},
};
const size_t cli_serve_msgs_count = AG_ARRAY_LEN(cli_serve_msgs);
