/*
 * cli.h — the command-line front end: the command table, shared option parsing and output
 * helpers. One file per command (cmd_*.c), git-style. Runs in the main thread of the
 * `airguard` process; nothing here is shared with the server.
 */
#ifndef AG_CLI_H
#define AG_CLI_H

#include "catalog/catalog.h"
#include "common/common.h"

struct store;

struct cli {
    enum ag_lang lang;
    const char *catalog_path; /* NULL = built-in catalog */
    const char *prog;
    const char *db_path; /* --db, else $AIRGUARD_DB, else data/airguard.db */
    const char *actor;   /* --as LOGIN, else $AIRGUARD_USER: the acting person */
    bool json;           /* --json: machine-readable output */
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

/* Parses argv[start..] into options and positional arguments. --lang, --catalog, --db, --as
 * and --json are understood by every command. On error prints a message naming the offending
 * argument and returns AG_EUSAGE. */
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
/* Opens the store at cli->db_path, checks it is migrated to this program's schema (else tells
 * to run `airguard db migrate`) and sets the actor. */
int cli_open_store(struct cli *cli, struct store **out) AG_MUST_CHECK;
/* The acting person's id; error (printed) when --as is missing or unknown. */
int cli_actor_id(struct cli *cli, struct store *st, long long *id) AG_MUST_CHECK;
/* Runs a SELECT with text parameters and prints the rows: an aligned table (column names
 * translated with cli_tr) or, with --json, a JSON array of objects. Returns an exit status. */
int cli_query_print(struct cli *cli, struct store *st, const char *sql, const char *const *params,
                    size_t nparams);
/* Prints the current row of s (stepped to SQLITE_ROW) as "column  value" lines, the column
 * names translated and aligned, empty values left out: the `show` of one record. */
struct sqlite3_stmt;
void cli_print_record(struct cli *cli, struct sqlite3_stmt *s);
/* The message `key` in the CLI's language (see ag_tr). */
__attribute__((format_arg(2))) const char *cli_tr(const struct cli *cli, const char *key);

int cmd_catalog(struct cli *cli, int argc, char **argv);
int cmd_db(struct cli *cli, int argc, char **argv);
int cmd_audit(struct cli *cli, int argc, char **argv);
int cmd_org(struct cli *cli, int argc, char **argv);
int cmd_action(struct cli *cli, int argc, char **argv);
int cmd_assess(struct cli *cli, int argc, char **argv);
int cmd_risk(struct cli *cli, int argc, char **argv);
int cmd_exception(struct cli *cli, int argc, char **argv);
int cmd_incident(struct cli *cli, int argc, char **argv);
int cmd_register(struct cli *cli, int argc, char **argv);
int cmd_vuln(struct cli *cli, int argc, char **argv);
int cmd_bcp(struct cli *cli, int argc, char **argv);
int cmd_area(struct cli *cli, int argc, char **argv);
/* cmd_worklog.c: the work log, change management (3.2.1.1); cmd_lifecycle.c (3.1.5.2(1)) */
int cmd_worklog(struct cli *cli, int argc, char **argv);
int cmd_change(struct cli *cli, int argc, char **argv);
int cmd_lifecycle(struct cli *cli, int argc, char **argv);
/* `audit` subcommands other than verify/log (ISMS audits, 3.3.1.1(2)); in cmd_auditplan.c. */
int cmd_audit_isms(struct cli *cli, int argc, char **argv);
int cmd_logwatch(struct cli *cli, int argc, char **argv);
/* cmd_logwatch_run.c: logwatch run, test, rules */
int cmd_logwatch_run(struct cli *cli, int argc, char **argv);
int cmd_logwatch_test(struct cli *cli, int argc, char **argv);
int cmd_logwatch_rules(struct cli *cli, int argc, char **argv);
int cmd_logwatch_stats(struct cli *cli, int argc, char **argv);
/* The detection pipeline (cmd_logwatch_run.c) that run, test and serve share: lines →
 * decoders → rules → alerts on standard output (JSON lines with --json). */
struct lw_pipeline;
struct lw_origin;
int lw_pipeline_open(struct lw_pipeline **out, struct cli *cli, const char *rules_path,
                     const char *config_path, const char *state_dir, bool keep_going, bool explain,
                     int year) AG_MUST_CHECK;
void lw_pipeline_line(void *ctx, const struct lw_origin *o, char *line, size_t len);
void lw_pipeline_reload(void *ctx);
void lw_pipeline_tick(void *ctx);
void lw_pipeline_close(struct lw_pipeline *p);
/* For `airguard serve` (serve_monitors.c): the pipeline's alerts go in batches to fn (with the
 * other outputs of its configuration file but its store, and nothing on standard output), and
 * its run record is handed to *run (the caller ends it). */
struct json_t;
struct cli_monitor_run;
typedef int (*cli_store_fn)(void *ctx, struct json_t *const *alerts, size_t n,
                            struct ag_error *err);
int lw_pipeline_serve(struct lw_pipeline *p, cli_store_fn fn, void *ctx,
                      struct cli_monitor_run **run) AG_MUST_CHECK;
/* cmd_logwatch.c: one file or "-" read to its end through the tail reader (with state: from
 * the saved place, and the place saved); its counters to *st. */
struct lw_input_stats;
typedef void (*lw_line_fn)(void *ctx, const struct lw_origin *o, char *line, size_t n);
int cli_logwatch_read(struct cli *cli, const char *name, const char *state, lw_line_fn fn,
                      void *ctx, struct lw_input_stats *st) AG_MUST_CHECK;
int cmd_alert(struct cli *cli, int argc, char **argv);
int cmd_netwatch(struct cli *cli, int argc, char **argv);
/* The live capture of netwatch inside `airguard serve` (cmd_netwatch.c, run by a thread of
 * serve_monitors.c): open (in the main thread, before privileges are dropped: the capture is
 * opened here), run until *stop (checked at least every 100 ms), then free. Alerts go to
 * store in batches (flushed every second), the inventory (caller takes it) to inventory every
 * minute and at the end; nothing touches the store from the packet path. */
struct cli_nw_capture;
/* The capture's and the detectors' options that `netwatch capture` and `serve` share, as given
 * (NULL / false = not given). One table in cmd_netwatch.c names them, one function parses them:
 * netwatch spells them "--syn-rate", serve "--capture-syn-rate" (docs/netwatch.md). */
struct cli_nw_opts {
    const char *filter, *internal, *ipv6_vlans, *window, *syn, *udp, *icmp, *scan, *deviation,
        *silence_factor, *silence_min, *max_flows, *snaplen, *oui, *timezone;
    bool ipv6, no_promisc;
};
#define CLI_NW_OPTS_MAX 20
/* Fills opts (room for CLI_NW_OPTS_MAX) with the entries that write into *o, spelt as netwatch
 * or (serve) as serve spells them; returns how many. */
size_t cli_netwatch_opts(struct cli_nw_opts *o, bool serve, struct cli_opt *opts);
/* serve's configuration-file keys capture_<option> (web_config.capture_keys of file) into o,
 * where the command line did not give the option; each checked as the capture will, errors
 * naming file:line and the key. */
struct web_config_capture_key;
int cli_netwatch_opts_from_file(struct cli *cli, struct cli_nw_opts *o, const char *file,
                                const struct web_config_capture_key *keys, size_t n) AG_MUST_CHECK;
struct cli_nw_capture_config {
    const char *iface, *baseline;
    struct cli_nw_opts opts; /* serve's --capture-* options */
    const char *site_config; /* the YAML whose site.timezone gives the hours' zone, or NULL */
    cli_store_fn store;
    void (*inventory)(void *ctx, struct json_t *inv, const char *source);
    void *ctx;
};
int cli_netwatch_capture_open(struct cli *cli, const struct cli_nw_capture_config *cfg,
                              struct cli_nw_capture **out) AG_MUST_CHECK;
int cli_netwatch_capture_run(struct cli_nw_capture *c, const volatile int *stop);
/* The run's details (packets, alerts, devices, interface, baseline) for its record (caller
 * takes), then frees c. */
struct json_t *cli_netwatch_capture_free(struct cli_nw_capture *c);
/* The observed inventory stored through st (statuses from the register first, as netwatch
 * inventory --store does); errors in err. */
int cli_netwatch_inventory_store(struct store *st, struct json_t *inv, const char *source,
                                 size_t *n, struct ag_error *err) AG_MUST_CHECK;
/* Drops root to user (setgroups, setgid, setuid; checks setuid(0) then fails). */
int cli_drop_privileges(struct cli *cli, const char *user) AG_MUST_CHECK;
/* The store output of logwatch's alerts (cmd_alert.c), for `logwatch run` and `alert send`:
 * cli_alert_sink_open opens the store and the catalog of cli and the incident policy of cfg
 * (outputs.incident; errors printed); pass cli_alert_store_sink and the sink to lw_output_open,
 * then free the sink after lw_output_free. */
struct cli_alert_sink;
struct lw_output_config;
struct json_t;
int cli_alert_sink_open(struct cli *cli, const struct lw_output_config *cfg,
                        struct cli_alert_sink **out) AG_MUST_CHECK;
int cli_alert_store_sink(void *ctx, struct json_t *const *alerts, size_t n, struct ag_error *err);
void cli_alert_sink_free(struct cli_alert_sink *sink);
/* cli_monitor.c: run records of monitors and jobs (table monitor_runs), the evidence the
 * automatic status of measures reads (src/isms/compliance.h). Never fail the caller: without a
 * store fit for it (none at the path, or not migrated) nothing is recorded, silently; a refused
 * write is one warning. kind: logwatch, netwatch, audit_verify, backup, unused_accounts,
 * logs_verify. details (may be NULL) is a JSON object and is taken. A long-running monitor
 * calls begin (result "running"), beat on each turn of its loop (stored at most once a minute)
 * and end; a job that has finished calls record (st: its open store, or NULL to open cli's). */
struct cli_monitor_run;
struct isms_ev_env;
void cli_monitor_run_begin(struct cli *cli, const char *kind, struct cli_monitor_run **out);
void cli_monitor_run_beat(struct cli_monitor_run *r);
void cli_monitor_run_end(struct cli_monitor_run *r, bool ok, struct json_t *details);
void cli_monitor_run_record(struct cli *cli, struct store *st, const char *kind, time_t started,
                            bool ok, struct json_t *details);
/* The facts above isms the status needs: airguard's account policy and idle accounts. */
void cli_evidence_env(struct store *st, struct isms_ev_env *env);
int cmd_compliance(struct cli *cli, int argc, char **argv);
int cmd_report(struct cli *cli, int argc, char **argv);
int cmd_notify(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
/* cmd_logs.c: log retention (verify, policy, expire, search, stats, archive) */
int cmd_logs(struct cli *cli, int argc, char **argv);
/* Archives every line the pipeline reads into the archive folder dir, else the configuration's
 * archive.dir (before detection), recorded in the store of cli; sealed at close. Nothing when
 * neither is given. Errors printed. */
int lw_pipeline_archive(struct lw_pipeline *p, const char *dir) AG_MUST_CHECK;
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_tls(struct cli *cli, int argc, char **argv);
int cmd_i18n(struct cli *cli, int argc, char **argv);
int cmd_token(struct cli *cli, int argc, char **argv);
int cmd_help(struct cli *cli, int argc, char **argv);

const struct cli_command *cli_commands(size_t *count);

#endif
