/*
 * cmd_auditplan.c — `airguard audit plan|…`: the ISMS audits of 3.3.1.1(2) (placeholder until
 * the workflow lands).
 */
#include "cli/cli.h"

int cmd_audit_isms(struct cli *cli, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs(cli_tr(cli, "audit-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
