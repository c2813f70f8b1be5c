/*
 * cmd_alert.c — `airguard alert list|show|ack|close|incident|import|send`: logwatch's alerts as
 * records of the airport (src/isms/alert.h, docs/logwatch.md "Alerts and outputs").
 *
 * import reads alerts as JSON lines (`logwatch run --json`), checks every line and stores them in
 * batches inside one transaction: a bad line is named by its line number and nothing is stored.
 * With --config, the `outputs.incident` settings of the logwatch configuration open incidents.
 * send hands JSON lines to the configured outputs (a JSON file, a syslog collector), e.g. to
 * forward alerts found earlier. Handling (ack, close, incident) needs the acting person (--as),
 * who must hold the role csirt, ciso or sysadmin.
 */
#include "cli/cli.h"
#include "isms/alert.h"
#include "logwatch/logwatch.h"
#include "store/store.h"

#include <errno.h>

#define IMPORT_LINE_MAX ((size_t)1 << 20)
#define IMPORT_ERRORS_SHOWN 20

static const char *const handler_roles[] = {"csirt", "ciso", "sysadmin"};

static int need_handler(struct cli *cli, struct store *st, long long *actor)
{
    int rc = cli_actor_id(cli, st, actor);
    if (rc)
        return rc;
    for (size_t i = 0; i < AG_ARRAY_LEN(handler_roles); i++)
        if (isms_has_role(st, *actor, handler_roles[i], 0))
            return AG_OK;
    cli_fail(cli, 0,
             cli_tr(cli, "%s may not handle alerts: that needs the role csirt, ciso or sysadmin"),
             cli->actor);
    return AG_EDENIED;
}

/* ---- list, show ---- */

static const char *field_text(json_t *o, const char *key, char *buf, size_t cap)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    }
    return "";
}

static int print_list(struct cli *cli, json_t *items, long long next)
{
    static const char *const cols[] = {"id",   "time",  "level",  "category",   "src_ip",
                                       "user", "count", "status", "incident_id"};
    static const char *const heads[] = {
        "id",           "alerts: time",  "alerts: level", "category",        "alerts: address",
        "alerts: user", "alerts: count", "status",        "alerts: incident"};
    enum { NC = AG_ARRAY_LEN(cols), CELL = 40 };
    size_t w[NC];
    char buf[32];
    if (cli->json) {
        char *s = json_dumps(items, JSON_INDENT(2));
        if (!s)
            return AG_EXIT_FAIL;
        puts(s);
        free(s);
        return AG_EXIT_OK;
    }
    for (size_t c = 0; c < NC; c++)
        w[c] = ag_text_width(cli_tr(cli, heads[c]));
    for (size_t i = 0; i < json_array_size(items); i++)
        for (size_t c = 0; c < NC; c++) {
            size_t n = ag_text_width(field_text(json_array_get(items, i), cols[c], buf, 32));
            w[c] = n > w[c] ? (n > CELL ? CELL : n) : w[c];
        }
    for (size_t c = 0; c < NC; c++) {
        cli_print_padded(cli_tr(cli, heads[c]), c + 1 < NC ? w[c] + 2 : 0);
    }
    putchar('\n');
    for (size_t i = 0; i < json_array_size(items); i++) {
        for (size_t c = 0; c < NC; c++) {
            char cell[4 * CELL + 1];
            const char *t = field_text(json_array_get(items, i), cols[c], buf, 32);
            /* one line per alert: control characters of a user name do not reach the terminal */
            size_t k = 0;
            for (; *t && k < 4 * CELL && ag_text_width(cell) < CELL; t++) {
                cell[k++] = (unsigned char)*t < 0x20 || *t == 0x7f ? '?' : *t;
                cell[k] = '\0';
            }
            cell[k] = '\0';
            cli_print_padded(cell, c + 1 < NC ? w[c] + 2 : 0);
        }
        putchar('\n');
    }
    if (next)
        printf(cli_tr(cli, "(more: --after %lld)\n"), next);
    return AG_EXIT_OK;
}

static int list(struct cli *cli, struct isms_alert_filter *f, const char *limit, const char *after)
{
    struct store *st;
    struct ag_error err;
    json_t *items;
    long long next;
    int rc;
    f->limit = 100;
    if ((limit && (rc = isms_check_int("--limit", limit, 1, 1000, &f->limit, &err))) ||
        (after && (rc = isms_check_int("--after", after, 1, INT64_MAX, &f->after, &err))))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    rc = isms_alert_query(st, f, &items, &next, &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    int status = print_list(cli, items, next);
    json_decref(items);
    return status;
}

static int show(struct cli *cli, const char *id)
{
    struct store *st;
    struct ag_error err;
    json_t *a;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    int rc = isms_alert_get(st, id, &a, &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    char *s = json_dumps(a, JSON_INDENT(2));
    json_decref(a);
    if (!s)
        return AG_EXIT_FAIL;
    puts(s); /* JSON in both modes: the evidence lines are untrusted and stay quoted */
    free(s);
    return AG_EXIT_OK;
}

/* ---- import ---- */

struct import {
    struct cli *cli;
    struct store *st;
    const struct catalog *cat;
    const struct isms_alert_policy *policy;
    const char *file;
    json_t **batch;
    size_t n, cap;
    size_t errors;
    struct isms_alert_stats stats;
};

static int import_flush(struct import *im, struct ag_error *err)
{
    int rc = AG_OK;
    if (im->n && !im->errors)
        rc = isms_alert_add_batch(im->st, im->cat, im->batch, im->n, im->policy, &im->stats, err);
    for (size_t i = 0; i < im->n; i++)
        json_decref(im->batch[i]);
    im->n = 0;
    return rc;
}

static void import_bad(struct import *im, size_t line, const char *msg)
{
    if (im->errors++ < IMPORT_ERRORS_SHOWN)
        fprintf(stderr, "%s:%zu: %s\n", im->file, line, msg);
}

/* One line: parsed and checked; kept for the batch while no line has failed. */
static int import_line(struct import *im, char *text, size_t len, size_t line, struct ag_error *err)
{
    json_error_t je;
    struct isms_alert_row row;
    struct ag_error e;
    char msg[sizeof(e.msg) + 64];
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        text[--len] = '\0';
    if (strspn(text, " \t") == len)
        return AG_OK;
    json_t *a = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!a) {
        snprintf(msg, sizeof(msg), cli_tr(im->cli, "not JSON (column %d): %s"), je.column, je.text);
        import_bad(im, line, msg);
        return AG_OK;
    }
    if (isms_alert_from_json(a, im->cat, &row, &e) != AG_OK) {
        import_bad(im, line, e.msg);
        json_decref(a);
        return AG_OK;
    }
    isms_alert_row_release(&row);
    if (im->errors) {
        json_decref(a);
        return AG_OK;
    }
    im->batch[im->n++] = a;
    return im->n == im->cap ? import_flush(im, err) : AG_OK;
}

/* The incident policy of a loaded configuration (p->min_level NULL when it has none). */
static int policy_of(struct cli *cli, struct store *st, const struct lw_output_config *cfg,
                     const char **cats, struct isms_alert_policy *p, struct ag_error *err)
{
    memset(p, 0, sizeof(*p));
    if (!cfg->incident_min_level[0])
        return AG_OK;
    for (size_t i = 0; i < cfg->incident_ncategories; i++)
        cats[i] = cfg->incident_categories[i];
    cats[cfg->incident_ncategories] = NULL;
    p->min_level = cfg->incident_min_level;
    p->categories = cats;
    const char *who = cfg->incident_reporter[0] ? cfg->incident_reporter : cli->actor;
    if (!who || !*who)
        return ag_error_set(err, AG_EUSAGE,
                            "outputs.incident: give a reporter in the configuration or --as LOGIN "
                            "(the person the incidents are reported by)");
    return isms_person_id(st, who, &p->reporter, err);
}

static int import_policy(struct cli *cli, struct store *st, const char *config,
                         struct lw_output_config *cfg, const char **cats,
                         struct isms_alert_policy *p, struct ag_error *err)
{
    int rc;
    memset(p, 0, sizeof(*p));
    if (!config)
        return AG_OK;
    if ((rc = lw_output_config_load(config, cfg, err)))
        return rc;
    return policy_of(cli, st, cfg, cats, p, err);
}

/* ---- the store output of logwatch (cli.h) ---- */

struct cli_alert_sink {
    struct store *st;
    struct catalog *cat;
    struct isms_alert_policy policy;
    const char *cats[LW_OUTPUT_MAX_CATEGORIES + 1];
    struct lw_output_config cfg;
    struct isms_alert_stats stats;
};

int cli_alert_sink_open(struct cli *cli, const struct lw_output_config *cfg,
                        struct cli_alert_sink **out)
{
    struct cli_alert_sink *k = calloc(1, sizeof(*k));
    struct ag_error err;
    *out = NULL;
    if (!k)
        return cli_fail(cli, AG_ENOMEM, "%s", cli_tr(cli, "out of memory"));
    k->cfg = *cfg;
    if (cli_load_catalog(cli, &k->cat) || cli_open_store(cli, &k->st)) {
        cli_alert_sink_free(k);
        return AG_EIO;
    }
    int rc = policy_of(cli, k->st, &k->cfg, k->cats, &k->policy, &err);
    if (rc) {
        cli_alert_sink_free(k);
        return cli_fail(cli, rc, "%s", err.msg);
    }
    *out = k;
    return AG_OK;
}

int cli_alert_store_sink(void *ctx, struct json_t *const *alerts, size_t n, struct ag_error *err)
{
    struct cli_alert_sink *k = ctx;
    return isms_alert_add_batch(k->st, k->cat, alerts, n, k->policy.min_level ? &k->policy : NULL,
                                &k->stats, err);
}

void cli_alert_sink_free(struct cli_alert_sink *k)
{
    if (!k)
        return;
    store_free(k->st);
    catalog_free(k->cat);
    free(k);
}

static int import(struct cli *cli, const char *file, const char *config, const char *batch)
{
    struct import im = {.cli = cli, .file = file, .cap = 5000};
    struct lw_output_config cfg;
    struct isms_alert_policy policy;
    const char *cats[LW_OUTPUT_MAX_CATEGORIES + 1];
    struct catalog *cat = NULL;
    struct ag_error err;
    long long b;
    int rc;
    if (batch) {
        if ((rc = isms_check_int("--batch", batch, 1, 100000, &b, &err)))
            return cli_fail(cli, cli_status(rc), "%s", err.msg);
        im.cap = (size_t)b;
    }
    FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    if (!fp)
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "cannot open %s: %s"), file,
                        strerror(errno));
    if (cli_load_catalog(cli, &cat) || cli_open_store(cli, &im.st)) {
        if (fp != stdin)
            fclose(fp);
        catalog_free(cat);
        return AG_EXIT_FAIL;
    }
    im.cat = cat;
    im.batch = calloc(im.cap, sizeof(*im.batch));
    if (!im.batch) {
        rc = ag_error_set(&err, AG_ENOMEM, "out of memory");
        goto out;
    }
    if ((rc = import_policy(cli, im.st, config, &cfg, cats, &policy, &err)))
        goto out;
    im.policy = policy.min_level ? &policy : NULL;
    /* one transaction for the whole file: a bad line found late still stores nothing */
    if ((rc = store_begin(im.st, &err)))
        goto out;
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    while (rc == AG_OK && (len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        if ((size_t)len > IMPORT_LINE_MAX) {
            char msg[128];
            snprintf(msg, sizeof(msg), cli_tr(cli, "line longer than %zu bytes"), IMPORT_LINE_MAX);
            import_bad(&im, lineno, msg);
            continue;
        }
        if (memchr(line, '\0', (size_t)len)) {
            import_bad(&im, lineno, cli_tr(cli, "NUL byte in the line"));
            continue;
        }
        rc = import_line(&im, line, (size_t)len, lineno, &err);
    }
    free(line);
    if (rc == AG_OK && ferror(fp))
        rc = ag_error_set(&err, AG_EIO, "cannot read %s: %s", file, strerror(errno));
    if (rc == AG_OK)
        rc = import_flush(&im, &err);
    if (rc == AG_OK && im.errors)
        rc = ag_error_set(&err, AG_EINVAL, "%s: %zu bad lines; nothing was imported", file,
                          im.errors);
    if (rc == AG_OK)
        rc = store_commit(im.st, &err);
    else
        store_rollback(im.st);
out:
    for (size_t i = 0; i < im.n; i++)
        json_decref(im.batch[i]);
    free(im.batch);
    if (fp != stdin)
        fclose(fp);
    store_free(im.st);
    catalog_free(cat);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    printf(cli_tr(cli, "imported %zu alerts (%zu already stored), %zu incidents opened, %zu "
                       "alerts linked to open incidents\n"),
           im.stats.added, im.stats.duplicates, im.stats.incidents_opened,
           im.stats.incidents_linked);
    return AG_EXIT_OK;
}

/* ---- send: JSON lines to the configured outputs (no store) ---- */

static int send_alerts(struct cli *cli, const char *file, const char *config)
{
    struct lw_output_config cfg;
    struct lw_output *o = NULL;
    struct ag_error err;
    int rc;
    if (!config)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "send: give the configuration with --config FILE"));
    if ((rc = lw_output_config_load(config, &cfg, &err)))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    struct cli_alert_sink *sink = NULL;
    if (cfg.store && cli_alert_sink_open(cli, &cfg, &sink))
        return AG_EXIT_FAIL;
    FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
    if (!fp) {
        cli_alert_sink_free(sink);
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "cannot open %s: %s"), file,
                        strerror(errno));
    }
    if ((rc = lw_output_open(&o, &cfg, sink ? cli_alert_store_sink : NULL, sink, &err)))
        goto out;
    char *line = NULL;
    size_t cap = 0, lineno = 0, bad = 0;
    ssize_t len;
    while (rc == AG_OK && (len = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        json_error_t je;
        json_t *a = json_loadb(line, (size_t)len, 0, &je);
        if (!json_is_object(a)) {
            if (strspn(line, " \t\r\n") != (size_t)len && bad++ < IMPORT_ERRORS_SHOWN)
                fprintf(stderr, "%s:%zu: %s\n", file, lineno, cli_tr(cli, "not a JSON object"));
            json_decref(a);
            continue;
        }
        rc = lw_output_emit(o, a, &err);
        json_decref(a);
    }
    free(line);
    if (rc == AG_OK)
        rc = lw_output_flush(o, &err);
    if (rc == AG_OK) {
        struct lw_output_stats s;
        lw_output_get_stats(o, &s);
        fprintf(stderr,
                cli_tr(cli, "%s: %llu JSON lines written, %llu syslog messages sent, %llu "
                            "dropped, %zu bad lines\n"),
                file, (unsigned long long)s.json_lines, (unsigned long long)s.syslog_sent,
                (unsigned long long)s.syslog_dropped, bad);
        if (s.syslog_dropped)
            rc = ag_error_set(&err, AG_EIO, "%s: the syslog collector did not take %llu alerts",
                              config, (unsigned long long)s.syslog_dropped);
    }
out:
    lw_output_free(o);
    cli_alert_sink_free(sink);
    if (fp != stdin)
        fclose(fp);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return AG_EXIT_OK;
}

/* ---- handling ---- */

static int handle(struct cli *cli, const char *sub, const char *id, const char *note,
                  const char *incident)
{
    struct store *st;
    struct ag_error err;
    long long actor, inc = 0, out = 0;
    int rc;
    if (incident && (rc = isms_check_int("--incident", incident, 1, INT64_MAX, &inc, &err)))
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    if ((rc = need_handler(cli, st, &actor))) {
        store_free(st);
        return cli_status(rc);
    }
    if (strcmp(sub, "incident") == 0)
        rc = isms_alert_incident(st, id, actor, inc, &out, &err);
    else
        rc = isms_alert_step(st, id, strcmp(sub, "ack") == 0 ? "acknowledge" : "close", actor, note,
                             &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    if (strcmp(sub, "incident") == 0)
        printf(cli_tr(cli, "alert %s: incident %lld\n"), id, out);
    else
        printf(
            cli_tr(cli, strcmp(sub, "ack") == 0 ? "alert %s acknowledged\n" : "alert %s closed\n"),
            id);
    return AG_EXIT_OK;
}

int cmd_alert(struct cli *cli, int argc, char **argv)
{
    const char *pos[2] = {NULL}, *note = NULL, *incident = NULL, *config = NULL, *batch = NULL,
               *limit = NULL, *after = NULL;
    struct isms_alert_filter f = {0};
    size_t npos;
    const struct cli_opt opts[] = {
        {"--category", &f.category, NULL}, {"--level", &f.level, NULL},
        {"--status", &f.status, NULL},     {"--address", &f.src_ip, NULL},
        {"--user", &f.user, NULL},         {"--since", &f.since, NULL},
        {"--item", &f.item, NULL},         {"--limit", &limit, NULL},
        {"--after", &after, NULL},         {"--note", &note, NULL},
        {"--incident", &incident, NULL},   {"--config", &config, NULL},
        {"--batch", &batch, NULL},
    };
    if (argc < 2 || cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, 2, &npos))
        goto usage;
    const char *sub = argv[1];
    if (strcmp(sub, "list") == 0 && npos == 0)
        return list(cli, &f, limit, after);
    if (strcmp(sub, "show") == 0 && npos == 1)
        return show(cli, pos[0]);
    if ((strcmp(sub, "ack") == 0 || strcmp(sub, "close") == 0 || strcmp(sub, "incident") == 0) &&
        npos == 1)
        return handle(cli, sub, pos[0], note, incident);
    if (strcmp(sub, "import") == 0 && npos == 1)
        return import(cli, pos[0], config, batch);
    if (strcmp(sub, "send") == 0 && npos == 1)
        return send_alerts(cli, pos[0], config);
usage:
    fputs(cli_tr(cli, "alert-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
