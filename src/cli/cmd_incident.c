/*
 * cmd_incident.c — `airguard incident open|log|system|cause|prevent|close|report|leak|list|show|
 * form`: 重要インフラサービス障害 from detection to closure (src/isms/incident.h,
 * docs/isms/incidents.md). Every step that changes records needs the acting person (--as).
 */
#include "cli/cli.h"
#include "isms/incident.h"
#include "store/store.h"

/* Splits "a,b,c" into items[] (pointers into buf), NULL-terminated. */
static void split_items(char *buf, const char **items, size_t cap)
{
    size_t n = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t && n + 1 < cap; t = strtok_r(NULL, ",", &save))
        items[n++] = t;
    items[n] = NULL;
}

/* An optional count option: -1 when absent. */
static int opt_count(const char *field, const char *v, long long *out, struct ag_error *err)
{
    *out = -1;
    return v ? isms_check_int(field, v, 0, 10000000, out, err) : AG_OK;
}

/* The sections of `incident show`: a heading and the query of the incident's ?1. */
static const struct {
    const char *heading, *sql;
} show_sections[] = {
    {"Incident",
     "SELECT i.id, i.title, i.severity, i.status, i.occurred_at AS occurred, i.detected_at AS "
     "detected, i.detection, r.login AS reporter, d.code AS department, i.cause_class, "
     "i.cause_detail, i.root_cause, i.recurrence_prevention, i.recovered_at AS recovered, "
     "i.ministry_reported_at AS ministry_reported, c.login AS closed_by, i.closed_at AS "
     "closed, i.description FROM incidents i JOIN people r ON r.id = i.reported_by LEFT JOIN "
     "departments d ON d.id = i.department_id LEFT JOIN people c ON c.id = i.closed_by WHERE "
     "i.id = ?1"},
    {"Timeline",
     "SELECT e.at, e.kind, p.login AS who, t.login AS reported_to, e.text FROM "
     "incident_events e LEFT JOIN people p ON p.id = e.person_id LEFT JOIN people t ON t.id "
     "= e.to_person_id WHERE e.incident_id = ?1 ORDER BY e.at, e.id"},
    {"Affected systems",
     "SELECT y.code AS affected_system, y.critical AS critical_system, i.impact, "
     "i.fallback_used, i.outage_start, "
     "i.outage_end, CAST(round((julianday(i.outage_end) - julianday(i.outage_start)) * 1440) "
     "AS INTEGER) AS outage_minutes, i.flights_delayed, i.flights_cancelled, "
     "i.passengers_affected FROM incident_systems i JOIN systems y ON y.id = i.system_id "
     "WHERE i.incident_id = ?1 ORDER BY y.code"},
    {"Personal data leak (3.1.2.6(7))",
     "SELECT data_description, subjects, source_identified_on, leak_stopped_on, "
     "agencies_informed_on, spread_stopped_on, subjects_notified_on, published_on, "
     "no_publication, ppc_reported_on, mlit_informed_on FROM incident_leaks WHERE "
     "incident_id = ?1"},
    {"Recurrence prevention (corrective actions)",
     "SELECT a.id, a.title, o.login AS owner, a.due_date AS due, "
     "a.status FROM actions a JOIN people o ON o.id = a.owner_id WHERE "
     "a.origin = 'incident' AND a.origin_id = ?1 ORDER BY a.id"},
};

static int show(struct cli *cli, struct store *st, const char *idtext, long long id)
{
    const char *p[] = {idtext};
    int status = 0;
    for (size_t i = 0; i < AG_ARRAY_LEN(show_sections) && !status; i++) {
        if (!cli->json)
            printf(i ? "\n%s\n" : "%s\n", cli_tr(cli, show_sections[i].heading));
        status = cli_query_print(cli, st, show_sections[i].sql, p, 1);
    }
    if (status || cli->json)
        return status;
    struct strbuf why;
    struct ag_error err;
    strbuf_init(&why, 4096);
    if (isms_incident_close_check(st, id, &why, &err) == AG_OK && why.len) {
        printf("\n%s\n", cli_tr(cli, "Before it can be closed:"));
        for (const char *line = strbuf_str(&why); *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            printf("  - %.*s\n", (int)n, line);
            line += n + (nl ? 1 : 0);
        }
    }
    strbuf_release(&why);
    return AG_EXIT_OK;
}

static int form(struct cli *cli, struct store *st, const char **pos, size_t npos,
                const char *label_ja, const char *label_en, const char *required, const char *order,
                const char *source)
{
    struct ag_error err;
    int rc;
    const char *sub = npos > 0 ? pos[0] : "list";
    if (strcmp(sub, "list") == 0 && npos <= 1)
        return cli_query_print(cli, st,
                               "SELECT ord AS field_order, key, label_ja, label_en, required, "
                               "source FROM incident_report_fields ORDER BY ord, id",
                               NULL, 0);
    if (strcmp(sub, "sources") == 0 && npos == 1) {
        for (size_t i = 0; isms_incident_report_sources[i]; i++)
            printf("%s\n", isms_incident_report_sources[i]);
        return AG_EXIT_OK;
    }
    if (strcmp(sub, "set") == 0 && npos == 2) {
        long long ord = -1, req = -1;
        if ((order && (rc = isms_check_int("--order", order, 0, 1000000, &ord, &err))) ||
            (required && (rc = isms_check_int("--required", required, 0, 1, &req, &err))) ||
            (rc = isms_incident_form_set(st, pos[1], label_ja, label_en, (int)req, ord, source,
                                         &err)))
            return cli_fail(cli, cli_status(rc), "%s", err.msg);
        printf(cli_tr(cli, "report field %s saved\n"), pos[1]);
        return AG_EXIT_OK;
    }
    if (strcmp(sub, "remove") == 0 && npos == 2) {
        if ((rc = isms_incident_form_remove(st, pos[1], &err)))
            return cli_fail(cli, cli_status(rc), "%s", err.msg);
        printf(cli_tr(cli, "report field %s removed\n"), pos[1]);
        return AG_EXIT_OK;
    }
    fputs(cli_tr(cli, "incident-usage"), stderr);
    return AG_EXIT_BADINPUT;
}

int cmd_incident(struct cli *cli, int argc, char **argv)
{
    const char *pos[3] = {NULL}, *title = NULL, *desc = NULL, *severity = NULL, *occurred = NULL,
               *detected = NULL, *detection = NULL, *dept = NULL, *site = NULL, *kind = NULL,
               *at = NULL, *to = NULL, *text = NULL, *impact = NULL, *fallback = NULL,
               *ostart = NULL, *oend = NULL, *delayed = NULL, *cancelled = NULL, *passengers = NULL,
               *klass = NULL, *detail = NULL, *root = NULL, *owner = NULL, *due = NULL,
               *items = NULL, *note = NULL, *data = NULL, *subjects = NULL, *info_asset = NULL,
               *step = NULL, *date = NULL, *status_f = NULL, *label_ja = NULL, *label_en = NULL,
               *required = NULL, *order = NULL, *source = NULL;
    bool sent = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--title", &title, NULL},
        {"--description", &desc, NULL},
        {"--severity", &severity, NULL},
        {"--occurred", &occurred, NULL},
        {"--detected", &detected, NULL},
        {"--detection", &detection, NULL},
        {"--dept", &dept, NULL},
        {"--site", &site, NULL},
        {"--kind", &kind, NULL},
        {"--at", &at, NULL},
        {"--to", &to, NULL},
        {"--text", &text, NULL},
        {"--impact", &impact, NULL},
        {"--fallback", &fallback, NULL},
        {"--outage-start", &ostart, NULL},
        {"--outage-end", &oend, NULL},
        {"--delayed", &delayed, NULL},
        {"--cancelled", &cancelled, NULL},
        {"--passengers", &passengers, NULL},
        {"--class", &klass, NULL},
        {"--detail", &detail, NULL},
        {"--root-cause", &root, NULL},
        {"--owner", &owner, NULL},
        {"--due", &due, NULL},
        {"--items", &items, NULL},
        {"--note", &note, NULL},
        {"--data", &data, NULL},
        {"--subjects", &subjects, NULL},
        {"--info-asset", &info_asset, NULL},
        {"--step", &step, NULL},
        {"--date", &date, NULL},
        {"--status", &status_f, NULL},
        {"--label-ja", &label_ja, NULL},
        {"--label-en", &label_en, NULL},
        {"--required", &required, NULL},
        {"--order", &order, NULL},
        {"--source", &source, NULL},
        {"--sent", NULL, &sent},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 3, &npos))
        goto usage;
    const char *sub = argv[1];
    struct store *st;
    struct catalog *cat = NULL;
    struct ag_error err;
    long long id = 0, actor = 0;
    int rc = AG_OK;
    if (strcmp(sub, "list") == 0 && npos == 0) {
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        const char *params[] = {status_f};
        int status = cli_query_print(
            cli, st,
            "SELECT i.id, i.detected_at AS detected, i.title, i.severity, i.status, "
            "i.cause_class, (SELECT group_concat(y.code, ' ') FROM incident_systems s JOIN "
            "systems y ON y.id = s.system_id WHERE s.incident_id = i.id) AS systems_affected, "
            "(SELECT coalesce(sum(flights_delayed), 0) FROM incident_systems s WHERE "
            "s.incident_id = i.id) AS flights_delayed, (SELECT coalesce(sum(flights_cancelled), "
            "0) FROM incident_systems s WHERE s.incident_id = i.id) AS flights_cancelled, "
            "EXISTS (SELECT 1 FROM incident_leaks l WHERE l.incident_id = i.id) AS "
            "personal_data, r.login AS reporter FROM incidents i JOIN people r ON r.id = "
            "i.reported_by WHERE ?1 IS NULL OR i.status = ?1 ORDER BY i.detected_at DESC, i.id "
            "DESC",
            params, 1);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "form") == 0) {
        if (cli_open_store(cli, &st))
            return AG_EXIT_BADINPUT;
        int status = form(cli, st, pos, npos, label_ja, label_en, required, order, source);
        store_free(st);
        return status;
    }
    bool needs_id = strcmp(sub, "open") != 0;
    size_t want = strcmp(sub, "system") == 0 ? 2 : needs_id ? 1 : 0;
    static const char *const subs[] = {"open",  "log",    "system", "cause", "prevent",
                                       "close", "report", "leak",   "show",  NULL};
    bool known = false;
    for (size_t i = 0; subs[i]; i++)
        known |= strcmp(sub, subs[i]) == 0;
    if (!known || npos != want)
        goto usage;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if (needs_id && (rc = isms_check_int("incident", pos[0], 1, INT64_MAX, &id, &err)))
        goto out;
    if (strcmp(sub, "show") == 0) {
        struct strbuf probe; /* the incident exists (else ENOTFOUND names it) */
        strbuf_init(&probe, 4096);
        rc = isms_incident_close_check(st, id, &probe, &err);
        strbuf_release(&probe);
        if (rc)
            goto out;
        int status = show(cli, st, pos[0], id);
        store_free(st);
        return status;
    }
    if (strcmp(sub, "report") == 0 && !sent) {
        struct strbuf out;
        size_t missing;
        strbuf_init(&out, 0);
        if ((rc = isms_incident_report(st, id, cli->lang, cli->json, &out, &missing, &err)) ==
            AG_OK)
            fputs(strbuf_str(&out), stdout);
        strbuf_release(&out);
        goto out;
    }
    if ((rc = cli_actor_id(cli, st, &actor)))
        goto out_status;
    if (strcmp(sub, "open") == 0) {
        struct isms_incident_new in = {title,    desc,      severity, occurred,
                                       detected, detection, dept,     site};
        if ((rc = isms_incident_open(st, &in, actor, &id, &err)) == AG_OK)
            printf(cli_tr(cli, "opened incident %lld\n"), id);
    } else if (strcmp(sub, "log") == 0) {
        if ((rc = isms_incident_log(st, id, actor, kind, at, to, text, &err)) == AG_OK)
            printf(cli_tr(cli, "incident %lld: %s recorded\n"), id, kind);
    } else if (strcmp(sub, "system") == 0) {
        struct isms_incident_impact im = {pos[1], impact, fallback, ostart, oend, -1, -1, -1};
        if ((rc = opt_count("--delayed", delayed, &im.flights_delayed, &err)) ||
            (rc = opt_count("--cancelled", cancelled, &im.flights_cancelled, &err)) ||
            (rc = opt_count("--passengers", passengers, &im.passengers, &err)))
            goto out;
        if ((rc = isms_incident_system(st, id, actor, &im, &err)) == AG_OK)
            printf(cli_tr(cli, "incident %lld: system %s recorded\n"), id, pos[1]);
    } else if (strcmp(sub, "cause") == 0) {
        if ((rc = isms_incident_cause(st, id, actor, klass, detail, root, &err)) == AG_OK)
            printf(cli_tr(cli, "incident %lld: cause recorded\n"), id);
    } else if (strcmp(sub, "prevent") == 0) {
        char buf[4096];
        const char *list[65];
        long long action;
        snprintf(buf, sizeof(buf), "%s", items ? items : "");
        split_items(buf, list, AG_ARRAY_LEN(list));
        if ((rc = cli_load_catalog(cli, &cat)))
            goto out_status;
        struct isms_action_new a = {"incident", id, title, desc, owner, dept, due, list};
        if ((rc = isms_incident_prevent(st, cat, id, actor, &a, &action, &err)) == AG_OK)
            printf(cli_tr(cli, "incident %lld: recurrence prevention is action %lld\n"), id,
                   action);
    } else if (strcmp(sub, "close") == 0) {
        if ((rc = isms_incident_close(st, id, actor, note, &err)) == AG_OK)
            printf(cli_tr(cli, "closed incident %lld\n"), id);
    } else if (strcmp(sub, "report") == 0) { /* --sent */
        if ((rc = isms_incident_report_sent(st, id, actor, at, &err)) == AG_OK)
            printf(cli_tr(cli, "incident %lld: report to MLIT recorded as sent\n"), id);
    } else if (strcmp(sub, "leak") == 0) {
        if (step) {
            if ((rc = isms_incident_leak_step(st, id, actor, step, date, note, &err)) == AG_OK)
                printf(cli_tr(cli, "incident %lld: personal data leak step %s recorded\n"), id,
                       step);
        } else {
            long long n = 0, asset = 0;
            if ((subjects &&
                 (rc = isms_check_int("--subjects", subjects, 0, 1000000000, &n, &err))) ||
                (info_asset &&
                 (rc = isms_check_int("--info-asset", info_asset, 1, INT64_MAX, &asset, &err))))
                goto out;
            if ((rc = isms_incident_leak_open(st, id, actor, data, n, asset, &err)) == AG_OK)
                printf(cli_tr(cli, "incident %lld: personal data leak recorded\n"), id);
        }
    }
out:
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
out_status:
    store_free(st);
    catalog_free(cat);
    return cli_status(rc);
usage:
    fputs(cli_tr(cli, "incident-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
