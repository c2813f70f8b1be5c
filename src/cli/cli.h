/*
 * cli.h — the command-line front end: the command table, shared option parsing and output
 * helpers. One file per command (cmd_*.c), git-style. Runs in the main thread of the
 * `airguard` process; nothing here is shared with the server.
 */
#ifndef AG_CLI_H
#define AG_CLI_H

#include "catalog/catalog.h"
#include "common/common.h"

struct cli {
    enum ag_lang lang;
    const char *catalog_path; /* NULL = built-in catalog */
    const char *prog;
};

struct cli_command {
    const char *name;
    int (*run)(struct cli *cli, int argc, char **argv);
    const char *summary; /* i18n key */
    const char *usage;   /* i18n key */
};

/* One option a command accepts. Exactly one of value/flag is set. */
struct cli_opt {
    const char *name;   /* "--depth" */
    const char **value; /* receives the argument */
    bool *flag;         /* set to true when present */
};

/* Parses argv[start..] into options and positional arguments. --lang and --catalog are
 * understood by every command. On error prints a message naming the offending argument and
 * returns AG_EUSAGE. */
int cli_parse(struct cli *cli, int argc, char **argv, int start, const struct cli_opt *opts,
              size_t nopts, const char **pos, size_t maxpos, size_t *npos) AG_MUST_CHECK;

/* Prints "airguard: <message>" to stderr in the CLI language; returns `status`. */
int cli_fail(struct cli *cli, int status, const char *fmt, ...) AG_PRINTF(3, 4);
/* Prints s padded with spaces to `width` terminal columns. */
void cli_print_padded(const char *s, size_t width);
/* Maps an AG_E* code to the process exit status. */
int cli_status(int rc);
/* Loads the catalog chosen by --catalog (or the built-in one), printing the error. */
int cli_load_catalog(struct cli *cli, struct catalog **out) AG_MUST_CHECK;
__attribute__((format_arg(2))) const char *cli_tr(const struct cli *cli, const char *key);

int cmd_catalog(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);

const struct cli_command *cli_commands(size_t *count);

#endif
