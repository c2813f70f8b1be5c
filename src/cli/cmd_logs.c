/*
 * cmd_logs.c — `airguard logs verify|policy|expire|search|stats|archive`: log retention
 * (guideline 3.1.5.1(2)(a), 3.2.2.1③; src/logarchive/logarchive.h; docs/isms.md "Log
 * retention"). Verify records its result (store meta "logs.last_verify" and the audit trail),
 * expiry goes only by the retention policy and is audited per segment.
 */
#include "cli/cli.h"
#include "logarchive/logarchive.h"
#include "logwatch/logwatch.h"
#include "store/store.h"

#include <errno.h>
#include <jansson.h>
#include <sys/stat.h>
#include <time.h>

/* "2026-03-05" (the start of the day, or its end for until) or an RFC 3339 stamp. */
static bool parse_when(const char *s, bool end_of_day, int64_t *t)
{
    int32_t off;
    char date[11];
    if (strlen(s) == 10 && ag_date_parse(s, date) == AG_OK) {
        char full[32];
        snprintf(full, sizeof(full), "%sT00:00:00Z", date);
        if (!lw_time_rfc3339(full, strlen(full), t, &off))
            return false;
        if (end_of_day)
            *t += 86399;
        return true;
    }
    return lw_time_rfc3339(s, strlen(s), t, &off);
}

/* ---- verify ---- */

static void on_problem(void *ctx, const char *segment, enum la_problem p, const char *detail)
{
    struct cli *cli = ctx;
    static const char *const keys[] = {"logs: altered",
                                       "logs: missing",
                                       "logs: unknown file",
                                       "logs: broken chain",
                                       "logs: bad zstd frame",
                                       "logs: truncated",
                                       "logs: archive description",
                                       "logs: expired but present"};
    if (!cli->json)
        printf("%s: %s: %s\n", segment, cli_tr(cli, keys[p]), detail);
}

static int verify(struct cli *cli, const char *dir)
{
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    struct la_verify_result r;
    struct ag_error err;
    struct store_verify av;
    int rc = la_verify_record(st, dir, on_problem, cli, &r, &err);
    /* the store's rows of the chain are protected by the audit trail's own chain */
    if (!rc)
        rc = store_audit_verify(st, &av, &err);
    if (rc) {
        store_free(st);
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    }
    if (av.bad_seq) {
        r.problems++;
        on_problem(cli, "audit_log", LA_P_CHAIN, av.problem);
    }
    if (cli->json) {
        char *text = NULL;
        if (la_last_verify(st, &text, &err) == AG_OK && text) {
            json_t *j = json_loads(text, 0, NULL);
            if (j && av.bad_seq)
                json_object_set_new(j, "audit_trail", json_string(av.problem));
            char *pretty = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
            if (pretty)
                puts(pretty);
            free(pretty);
            json_decref(j);
        }
        free(text);
    } else if (r.problems) {
        printf(cli_tr(cli, "logs verify: %s: %llu problem(s) in %llu segments\n"), dir,
               (unsigned long long)r.problems, (unsigned long long)r.segments);
    } else {
        printf(cli_tr(cli, "logs verify: %s: intact, %llu segments, %llu lines, %llu expired by "
                           "policy, %llu open\n"),
               dir, (unsigned long long)r.segments, (unsigned long long)r.lines,
               (unsigned long long)r.expired, (unsigned long long)r.open);
    }
    store_free(st);
    return r.problems ? AG_EXIT_FAIL : AG_EXIT_OK;
}

/* ---- policy ---- */

static int policy(struct cli *cli, size_t npos, const char **pos, const char *source,
                  const char *basis)
{
    struct store *st;
    struct ag_error err;
    const char *op = npos ? pos[0] : "list";
    if (strcmp(op, "list") && strcmp(op, "set") && strcmp(op, "delete"))
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", cli_tr(cli, "logs-usage"));
    if (!strcmp(op, "set") && npos != 3)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "logs policy set needs a kind and a period: logs policy set "
                                    "auth 1y [--source NAME] [--basis TEXT]"));
    if (!strcmp(op, "delete") && npos != 2)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "logs policy delete needs a kind"));
    long days = 0;
    if (!strcmp(op, "set") && !la_days_parse(pos[2], &days))
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "period \"%s\": a number of days (400, 400d), weeks (52w), "
                                    "months of 30 days (12mo) or years of 365 days (1y)"),
                        pos[2]);
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    int rc = AG_OK, status = AG_EXIT_OK;
    if (!strcmp(op, "list")) {
        status = cli_query_print(cli, st,
                                 "SELECT kind AS \"log kind\", source AS \"log source\", days AS "
                                 "\"retention days\", basis AS \"retention basis\", updated_at AS "
                                 "\"updated\", updated_by AS \"updated by\" FROM log_retention "
                                 "ORDER BY kind = '*', kind, source = '*' DESC, source",
                                 NULL, 0);
    } else if (!strcmp(op, "set")) {
        rc = la_policy_set(st, pos[1], source, days, basis, &err);
        if (!rc)
            printf(cli_tr(cli, "retention of %s logs from %s: %ld days\n"), pos[1],
                   source ? source : "*", days);
    } else {
        rc = la_policy_delete(st, pos[1], source, &err);
        if (!rc)
            printf(cli_tr(cli, "retention of %s logs from %s removed\n"), pos[1],
                   source ? source : "*");
    }
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return status;
}

/* ---- expire ---- */

struct ectx {
    struct cli *cli;
    bool dry_run;
};

static void on_expire(void *ctx, const char *name, const char *kind, const char *source,
                      const char *last, long days)
{
    struct ectx *e = ctx;
    printf(cli_tr(e->cli, e->dry_run ? "would expire %s (%s from %s, last line %s, kept %ld days)\n"
                                     : "expired %s (%s from %s, last line %s, kept %ld days)\n"),
           name, kind, source, last, days);
}

static int expire(struct cli *cli, const char *dir, bool dry_run)
{
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    struct ectx e = {cli, dry_run};
    struct ag_error err;
    size_t n;
    int rc = la_expire(st, dir, (int64_t)ag_now(), dry_run, on_expire, &e, &n, &err);
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    printf(cli_tr(cli, dry_run ? "logs expire: %zu segment(s) past their retention period "
                                 "(dry run: nothing removed)\n"
                               : "logs expire: %zu segment(s) removed by their retention "
                                 "period\n"),
           n);
    return AG_EXIT_OK;
}

/* ---- search ---- */

struct sctx {
    bool json;
    uint64_t n;
};

static int on_match(void *ctx, const char *segment, int64_t t, const char *line, size_t n)
{
    struct sctx *s = ctx;
    s->n++;
    if (!s->json) {
        fwrite(line, 1, n, stdout);
        putchar('\n');
        return 0;
    }
    char when[21] = "";
    if (t)
        ag_time_iso((time_t)t, when);
    json_t *o = json_pack("{s:s,s:s,s:s%}", "segment", segment, "time", when, "line", line, n);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (text)
        puts(text);
    free(text);
    json_decref(o);
    return 0;
}

static int search(struct cli *cli, const char *dir, const char *since, const char *until,
                  const char *host, const char *text, bool icase, const char *kind)
{
    struct la_query q = {.host = host, .text = text, .icase = icase, .kind = kind};
    enum la_kind k;
    if (since && !parse_when(since, false, &q.since))
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--since: \"%s\" is not a date (2026-03-05) or a time "
                                    "(2026-03-05T09:00:00+09:00)"),
                        since);
    if (until && !parse_when(until, true, &q.until))
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--until: \"%s\" is not a date (2026-03-05) or a time "
                                    "(2026-03-05T09:00:00+09:00)"),
                        until);
    if (kind && !la_kind_parse(kind, &k))
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--kind: \"%s\" is not one of: auth, web, mail, network, "
                                    "system"),
                        kind);
    struct sctx s = {cli->json, 0};
    struct ag_error err;
    size_t scanned;
    int rc = la_search(dir, &q, on_match, &s, &scanned, &err);
    fflush(stdout);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    fprintf(stderr, cli_tr(cli, "logs search: %llu line(s) in %zu segment(s) read\n"),
            (unsigned long long)s.n, scanned);
    return AG_EXIT_OK;
}

/* ---- stats ---- */

static int stats(struct cli *cli, const char *dir)
{
    char id[33];
    struct ag_error err;
    int rc = la_archive_id(dir, id, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    const char *params[] = {id};
    int status = cli_query_print(
        cli, st,
        "SELECT kind AS \"log kind\", count(*) AS \"segments\", sum(lines) AS \"lines\", "
        "sum(raw_bytes) AS \"raw bytes\", sum(data_bytes) AS \"compressed bytes\", "
        "printf('%.1f', 1.0 * sum(raw_bytes) / max(sum(data_bytes), 1)) AS \"ratio\", "
        "min(first_time) AS \"oldest line\", max(last_time) AS \"newest line\" FROM log_segments "
        "WHERE archive_id = ?1 AND status = 'sealed' GROUP BY kind "
        "UNION ALL SELECT '*', count(*), coalesce(sum(lines), 0), coalesce(sum(raw_bytes), 0), "
        "coalesce(sum(data_bytes), 0), printf('%.1f', 1.0 * coalesce(sum(raw_bytes), 0) / "
        "max(coalesce(sum(data_bytes), 0), 1)), min(first_time), max(last_time) FROM "
        "log_segments WHERE archive_id = ?1 AND status = 'sealed'",
        params, 1);
    if (!cli->json && !status) {
        sqlite3_stmt *s;
        if (store_prepare(st, &s,
                          "SELECT count(*) FROM log_segments WHERE archive_id = ?1 AND status = "
                          "'expired'",
                          &err) == AG_OK) {
            store_bind_text(s, 1, id);
            if (sqlite3_step(s) == SQLITE_ROW)
                printf(cli_tr(cli, "archive %s (%s): %lld segment(s) expired by policy\n"), dir, id,
                       (long long)sqlite3_column_int64(s, 0));
            sqlite3_finalize(s);
        }
    }
    store_free(st);
    return status;
}

/* ---- archive: files into the archive without detection (imports, and the benchmark) ---- */

struct actx {
    struct la_writer *w;
    struct cli *cli;
    uint64_t errors;
};

static void on_line(void *ctx, const struct lw_origin *o, char *line, size_t n)
{
    struct actx *a = ctx;
    struct ag_error err;
    if (la_writer_append(a->w, o ? o->name : "-", line, n, &err) != AG_OK && a->errors++ < 5)
        cli_fail(a->cli, 0, "%s", err.msg);
}

static int archive(struct cli *cli, const char *dir, const char *level, size_t npos,
                   const char **pos)
{
    struct la_options o;
    la_options_init(&o);
    if (level) {
        char *end;
        long l = strtol(level, &end, 10);
        if (*end || l < 1 || l > 19)
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "--level: \"%s\" is not a zstd level (1–19)"), level);
        o.level = (int)l;
    }
    struct store *st;
    if (cli_open_store(cli, &st))
        return AG_EXIT_BADINPUT;
    struct actx a = {.cli = cli};
    struct ag_error err;
    int rc = la_writer_open(&a.w, dir, st, &o, &err);
    if (rc) {
        store_free(st);
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    }
    int status = AG_EXIT_OK;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < (npos ? npos : 1); i++) {
        struct lw_input_stats in;
        int st2 = cli_logwatch_read(cli, npos ? pos[i] : "-", NULL, on_line, &a, &in);
        if (st2)
            status = st2;
    }
    struct la_writer_stats ws;
    rc = la_writer_seal_all(a.w, &err);
    la_writer_stats(a.w, &ws);
    la_writer_abandon(a.w); /* everything is sealed: only the memory is left */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    struct timespec cpu;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    store_free(st);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    double cpus = (double)cpu.tv_sec + (double)cpu.tv_nsec / 1e9;
    fprintf(stderr,
            cli_tr(cli, "logs archive: %llu lines, %llu bytes in %llu segment(s) of %llu bytes, "
                        "%.0f lines/s (%.0f per CPU second)\n"),
            (unsigned long long)ws.lines, (unsigned long long)ws.raw_bytes,
            (unsigned long long)ws.sealed, (unsigned long long)ws.data_bytes,
            secs > 0 ? (double)ws.lines / secs : 0.0, cpus > 0 ? (double)ws.lines / cpus : 0.0);
    return a.errors ? AG_EXIT_FAIL : status;
}

int cmd_logs(struct cli *cli, int argc, char **argv)
{
    const char *pos[64], *dir = NULL, *since = NULL, *until = NULL, *host = NULL, *text = NULL,
                         *kind = NULL, *source = NULL, *basis = NULL, *level = NULL;
    bool dry_run = false, icase = false;
    size_t npos;
    if (argc < 2)
        goto usage;
    const char *sub = argv[1];
    const struct cli_opt opts[] = {
        {"--archive", &dir, NULL},       {"--since", &since, NULL}, {"--until", &until, NULL},
        {"--host", &host, NULL},         {"--text", &text, NULL},   {"--kind", &kind, NULL},
        {"--source", &source, NULL},     {"--basis", &basis, NULL}, {"--dry-run", NULL, &dry_run},
        {"--ignore-case", NULL, &icase}, {"-i", NULL, &icase},      {"--level", &level, NULL},
    };
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    if (!dir)
        dir = la_default_dir();
    if (!strcmp(sub, "verify") && npos == 0)
        return verify(cli, dir);
    if (!strcmp(sub, "policy"))
        return policy(cli, npos, pos, source, basis);
    if (!strcmp(sub, "expire") && npos == 0)
        return expire(cli, dir, dry_run);
    if (!strcmp(sub, "search") && npos == 0)
        return search(cli, dir, since, until, host, text, icase, kind);
    if (!strcmp(sub, "stats") && npos == 0)
        return stats(cli, dir);
    if (!strcmp(sub, "archive"))
        return archive(cli, dir, level, npos, pos);
usage:
    fputs(cli_tr(cli, "logs-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
