/*
 * cmd_exception.c — `airguard exception …` (placeholder until the workflow lands).
 */
#include "cli/cli.h"

int cmd_exception(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(cli_tr(cli, "exception-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
