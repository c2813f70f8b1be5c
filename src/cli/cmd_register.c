/*
 * cmd_register.c — `airguard register …` (placeholder until the workflow lands).
 */
#include "cli/cli.h"

int cmd_register(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(cli_tr(cli, "register-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
