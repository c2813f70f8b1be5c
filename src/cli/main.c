/*
 * main.c — `airguard`: global options, then the command table (git-style: one file per
 * command). Exit status: 0 success, 1 failure, 2 bad input or usage.
 */
#include "cli/cli.h"
#include "cli/serve_monitors.h"
#include "store/store.h"
#include "isms/isms.h"
#include "logarchive/logarchive.h"
#include "logwatch/logwatch.h"
#include "netwatch/netwatch.h"
#include "notify/notify.h"
#include "report/report.h"
#include "web/web.h"

#include <locale.h>
#include <string.h>

#ifndef AG_VERSION
#define AG_VERSION "0.0.0"
#endif

static const struct cli_command commands[] = {
    {"catalog", cmd_catalog, "Browse, search, validate and export the guideline catalog",
     "catalog-usage"},
    {"db", cmd_db, "Create, migrate, check, back up and restore the store", "db-usage"},
    {"org", cmd_org, "Sites, departments, people and roles, systems and assets", "org-usage"},
    {"assess", cmd_assess, "Self-inspection: plans, sheets, answers, reports (3.3.1.1(1))",
     "assess-usage"},
    {"risk", cmd_risk, "Risk register: criteria, risks, treatment (3.1.2.1)", "risk-usage"},
    {"exception", cmd_exception, "Exception requests and their review (3.1.2.3(2))",
     "exception-usage"},
    {"incident", cmd_incident, "Critical infrastructure service outages and reports (3.2.3)",
     "incident-usage"},
    {"audit", cmd_audit, "Audit trail verification and internal/external audits (3.3.1.1(2))",
     "audit-usage"},
    {"action", cmd_action, "Corrective actions from every origin", "action-usage"},
    {"register", cmd_register, "Registers: personal data, outsourcing, cloud, training, …",
     "register-usage"},
    {"vuln", cmd_vuln,
     "Vulnerability handling: software inventory, advisories, plans (3.1.5.1(1)(e), 3.2.2.1①)",
     "vuln-usage"},
    {"bcp", cmd_bcp, "Business continuity: plans, recovery tests, command, exercises (3.1.2.4)",
     "bcp-usage"},
    {"area", cmd_area, "Secure areas: who may enter, entry log, visitors, equipment (3.1.5.1(3))",
     "area-usage"},
    {"worklog", cmd_worklog, "Work log, access-control reviews, disposal of devices (3.2.1.1)",
     "worklog-usage"},
    {"change", cmd_change, "Change management: request, approval, review (3.2.1.1(2))",
     "change-usage"},
    {"lifecycle", cmd_lifecycle, "System lifecycle: phase checklists and sign-off (3.1.5.2(1))",
     "lifecycle-usage"},
    {"logwatch", cmd_logwatch, "Analyse logs: normalised events and detection (3.1.5.1(2))",
     "logwatch-usage"},
    {"logs", cmd_logs, "Log retention: archive, verify, policy, expire, search (3.1.5.1(2)(a))",
     "logs-usage"},
    {"alert", cmd_alert, "Alerts of logwatch: list, handle, import, forward (3.1.5.1(2))",
     "alert-usage"},
    {"netwatch", cmd_netwatch,
     "Watch OT networks passively: inventory, allowlist, intrusion signs (2.1.2, 3.1.5.2(4))",
     "netwatch-usage"},
    {"compliance", cmd_compliance,
     "Measures evidenced or contradicted by the monitors, and flagged answers", "compliance-usage"},
    {"report", cmd_report, "Exports and reports: OSCAL, POA&M, STIX, the report to MLIT",
     "report-usage"},
    {"notify", cmd_notify, "Notifications by e-mail and webhook: rules, outbox, sending",
     "notify-usage"},
    {"serve", cmd_serve, "Run the web application", "serve-usage"},
    {"tls", cmd_tls, "A self-signed certificate for the first start over HTTPS", "tls-usage"},
    {"i18n", cmd_i18n, "Translators' catalogs (gettext PO files in po/)", "i18n-usage"},
    {"user", cmd_user, "Accounts of the web application: passwords, lock, TOTP", "user-usage"},
    {"token", cmd_token, "Bearer tokens of the JSON API: add, list, revoke", "token-usage"},
    {"help", cmd_help, "Show help for a command", "help-usage"},
};

const struct cli_command *cli_commands(size_t *count)
{
    *count = AG_ARRAY_LEN(commands);
    return commands;
}

static int print_version(struct cli *cli)
{
    struct catalog *cat;
    printf("airguard %s\n", AG_VERSION);
    if (cli_load_catalog(cli, &cat) != AG_OK)
        return AG_EXIT_FAIL;
    printf("catalog %s %s sha256:%s\n", catalog_id(cat), catalog_version(cat), catalog_sha256(cat));
    catalog_free(cat);
    return AG_EXIT_OK;
}

int main(int argc, char **argv)
{
    struct cli cli = {ag_lang_default(), NULL, "airguard", NULL, getenv("AIRGUARD_USER"), false};
    store_global_init();
    isms_register_messages();
    web_register_messages();
    lw_register_messages();
    nw_register_messages();
    la_register_messages();
    report_register_messages();
    ag_tr_register(cli_serve_msgs, cli_serve_msgs_count);
    notify_register_messages();
    int i = 1;
    setlocale(LC_CTYPE, "C.UTF-8");
    /* global options before the command */
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            return print_version(&cli);
        }
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return cmd_help(&cli, 0, NULL);
        if ((strcmp(a, "--lang") == 0 || strcmp(a, "--catalog") == 0 || strcmp(a, "--db") == 0 ||
             strcmp(a, "--as") == 0) &&
            i + 1 < argc) {
            if (strcmp(a, "--db") == 0) {
                cli.db_path = argv[i + 1];
            } else if (strcmp(a, "--as") == 0) {
                cli.actor = argv[i + 1];
            } else if (strcmp(a, "--lang") == 0) {
                if (ag_lang_parse(argv[i + 1], &cli.lang) != AG_OK)
                    return cli_fail(&cli, AG_EXIT_BADINPUT,
                                    cli_tr(&cli, "--lang: unknown language \"%s\" (use ja or en)"),
                                    argv[i + 1]);
            } else {
                cli.catalog_path = argv[i + 1];
            }
            i++;
            continue;
        }
        return cli_fail(&cli, AG_EXIT_BADINPUT, cli_tr(&cli, "unknown option \"%s\""), a);
    }
    ag_error_set_lang(cli.lang);
    if (i >= argc)
        return cmd_help(&cli, 0, NULL);
    for (size_t k = 0; k < AG_ARRAY_LEN(commands); k++)
        if (strcmp(argv[i], commands[k].name) == 0)
            return commands[k].run(&cli, argc - i, argv + i);
    cli_fail(&cli, 0, cli_tr(&cli, "unknown command \"%s\""), argv[i]);
    cmd_help(&cli, 0, NULL);
    return AG_EXIT_BADINPUT;
}
