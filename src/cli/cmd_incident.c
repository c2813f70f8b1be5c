/*
 * cmd_incident.c — `airguard incident …` (placeholder until the workflow lands).
 */
#include "cli/cli.h"

int cmd_incident(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(cli_tr(cli, "incident-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
