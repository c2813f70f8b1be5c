/*
 * cmd_risk.c — `airguard risk …` (placeholder until the workflow lands).
 */
#include "cli/cli.h"

int cmd_risk(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(cli_tr(cli, "risk-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
