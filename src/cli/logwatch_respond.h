/*
 * logwatch_respond.h — logwatch's responses from the command line (src/cli/logwatch_respond.c):
 * the per-alert hook `logwatch run`/`serve` call, and the `logwatch block` and `logwatch
 * respond` subcommands. Lives in the CLI layer because locking airguard's own accounts needs the
 * store (dependency direction: cli → auth/store; ag_logwatch knows neither).
 */
#ifndef AG_CLI_LOGWATCH_RESPOND_H
#define AG_CLI_LOGWATCH_RESPOND_H

#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"

struct cli_respond;

/* Reads the configuration (config_path NULL: the defaults; see lw_respond_config_load) and the
 * block list state in state_dir (NULL: data/logwatch; created if missing). dry_run forces
 * dry-run whatever the file says. When responses are enabled and not dry-run, the live blocks
 * of the state are put back into nft (after a reboot the kernel's sets are empty). Each
 * response is printed as one line to `out` (JSON with --json). Errors are printed; returns 0
 * or an AG_E* code. */
int cli_respond_open(struct cli *cli, const char *config_path, const char *state_dir, bool dry_run,
                     FILE *out, struct cli_respond **cr) AG_MUST_CHECK;
/* Responds to one alert (the alert contract's object): blocks its src_ip, locks its user when
 * that is an airguard login and the category is one of lock_accounts (with an audit row), or
 * only says what it would do in dry-run. Saves the state after a change. Returns 0, or an
 * AG_E* code when something failed (already printed); the caller goes on with the next
 * alert. */
int cli_respond_alert(struct cli_respond *cr, const json_t *alert);
/* Saves the state (not in dry-run), prints the counts to stderr, frees. Returns 0 or the
 * code of a failed save. */
int cli_respond_close(struct cli_respond *cr);

/* `airguard logwatch block list|add|remove|flush` and `airguard logwatch respond`. */
int cmd_logwatch_block(struct cli *cli, int argc, char **argv);
int cmd_logwatch_respond(struct cli *cli, int argc, char **argv);

#endif
