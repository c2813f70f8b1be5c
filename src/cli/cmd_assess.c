/*
 * cmd_assess.c — `airguard assess …` (placeholder until the workflow lands).
 */
#include "cli/cli.h"

int cmd_assess(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(cli_tr(cli, "assess-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
