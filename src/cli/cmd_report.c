/*
 * cmd_report.c — `airguard report oscal|poam|stix|ministry`: documents for auditors, the
 * sector's CEPTOAR and the ministry (src/report/report.h, docs/compliance.md "Exports: OSCAL,
 * STIX and the report to the ministry"). Every subcommand reads the store given by --db, writes
 * its document whole (write-then-rename) to -o FILE or to standard output, and is recorded in
 * the audit trail as an export. `report management` is the report to management of a fiscal
 * year (3.2.1.2; src/report/mgmt.c).
 */
#include "cli/cli.h"
#include "isms/assess.h"
#include "isms/isms.h"
#include "report/report.h"
#include "store/store.h"

/* The fiscal year (April to March) of today ($AIRGUARD_NOW honoured). */
static int fiscal_year_now(void)
{
    char today[11];
    ag_date_iso(ag_now(), today);
    return assess_fiscal_year(today);
}

static int write_out(struct cli *cli, const char *output, struct strbuf *sb)
{
    struct ag_error err;
    int rc = ag_file_write_atomic(output ? output : "-", strbuf_str(sb), sb->len, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (output && strcmp(output, "-") != 0)
        fprintf(stderr, cli_tr(cli, "wrote %s (%zu bytes)\n"), output, sb->len);
    return AG_EXIT_OK;
}

int cmd_report(struct cli *cli, int argc, char **argv)
{
    const char *pos[1] = {NULL}, *output = NULL, *campaign = NULL, *round = NULL, *incident = NULL,
               *tlp = NULL, *format = NULL, *blocklist = NULL, *period = NULL;
    bool strip = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"-o", &output, NULL},
        {"--output", &output, NULL},
        {"--campaign", &campaign, NULL},
        {"--round", &round, NULL},
        {"--incident", &incident, NULL},
        {"--tlp", &tlp, NULL},
        {"--format", &format, NULL},
        {"--blocklist", &blocklist, NULL},
        {"--strip-personal", NULL, &strip},
        {"--period", &period, NULL},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 1, &npos) ||
        npos != 0)
        goto usage;
    const char *sub = argv[1];
    bool oscal = strcmp(sub, "oscal") == 0, poam = strcmp(sub, "poam") == 0,
         stix = strcmp(sub, "stix") == 0, ministry = strcmp(sub, "ministry") == 0,
         mgmt = strcmp(sub, "management") == 0;
    if (!oscal && !poam && !stix && !ministry && !mgmt)
        goto usage;

    struct ag_error err;
    long long plan = 0, rnd = 0, id = 0;
    enum report_tlp level = REPORT_TLP_AMBER;
    enum report_format fmt = REPORT_TEXT;
    int rc = AG_OK;
    if ((campaign && (rc = isms_check_int("--campaign", campaign, 1, INT64_MAX, &plan, &err))) ||
        (round && (rc = isms_check_int("--round", round, 1, 12, &rnd, &err))) ||
        (incident && (rc = isms_check_int("--incident", incident, 1, INT64_MAX, &id, &err))))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
    if ((stix || ministry) && !incident)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "--incident: missing (the incident to report)"));
    if (tlp && report_tlp_parse(tlp, &level) != AG_OK)
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--tlp: unknown level \"%s\" (use white, green, amber or red)"),
                        tlp);
    if (ministry && format && report_format_parse(format, &fmt) != AG_OK)
        return cli_fail(
            cli, AG_EXIT_BADINPUT,
            cli_tr(cli, "--format: unknown format \"%s\" (use text, json, html or pdf)"), format);
    int fy = 0;
    if (mgmt && period && report_mgmt_period(period, &fy, &err) != AG_OK)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", err.msg);
    if (mgmt && !period) /* the fiscal year of today (April to March) */
        fy = fiscal_year_now();
    if (mgmt && (!format || report_format_parse(format, &fmt) != AG_OK ||
                 (fmt != REPORT_HTML && fmt != REPORT_PDF)))
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--format: unknown format \"%s\" (use html or pdf)"),
                        format ? format : "");
    if ((ministry || mgmt) && fmt == REPORT_PDF && (!output || strcmp(output, "-") == 0))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "--format pdf: give the file with -o FILE"));

    struct store *st = NULL;
    struct catalog *cat = NULL;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    if (cli_open_store(cli, &st)) {
        strbuf_release(&sb);
        return AG_EXIT_BADINPUT;
    }
    if ((oscal || poam || mgmt) && (rc = cli_load_catalog(cli, &cat))) {
        store_free(st);
        strbuf_release(&sb);
        return cli_status(rc);
    }
    size_t missing = 0;
    if (oscal) {
        rc = report_oscal_results(st, cat, plan, (int)rnd, cli->lang, &sb, &err);
    } else if (poam) {
        rc = report_oscal_poam(st, cat, cli->lang, &sb, &err);
    } else if (stix) {
        struct report_stix_options o = {level, strip, blocklist};
        rc = report_stix_incident(st, id, cli->lang, &o, &sb, &err);
    } else if (mgmt) {
        struct isms_ev_env env;
        cli_evidence_env(st, &env);
        rc = report_management(st, cat, &env, fy, cli->lang, fmt, blocklist, &sb, &err);
    } else {
        rc = report_ministry(st, id, cli->lang, fmt, &sb, &missing, &err);
    }
    int status;
    if (rc)
        status = cli_fail(cli, cli_status(rc), "%s", err.msg);
    else
        status = write_out(cli, output, &sb);
    if (status == AG_EXIT_OK && missing)
        fprintf(stderr, cli_tr(cli, "the report lacks %zu required field(s)\n"), missing);
    strbuf_release(&sb);
    catalog_free(cat);
    store_free(st);
    return status;
usage:
    fputs(cli_tr(cli, "report-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
