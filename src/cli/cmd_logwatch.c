/*
 * cmd_logwatch.c — `airguard logwatch`: log analysis from the shell (issue 5). `parse` prints
 * each line as the normalised event the detection rules will see; `serve` runs the inputs
 * (syslog over UDP, TCP and TLS, file tails, stdin: src/logwatch/listen.c) and hands every line
 * to one handler (today: parse --json's output).
 */
#include "cli/cli.h"
#include "cli/logwatch_respond.h"
#include "logwatch/logwatch.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* s[0..n) as a JSON string value, invalid UTF-8 replaced by U+FFFD (jansson needs valid text). */
static json_t *jstr(struct lw_slice s)
{
    json_t *v = json_stringn(s.p, s.n);
    if (v)
        return v;
    struct strbuf b;
    strbuf_init(&b, 0);
    const unsigned char *p = (const unsigned char *)s.p;
    for (size_t i = 0; i < s.n;) {
        size_t l = p[i] < 0x80 ? 1 : (p[i] & 0xe0) == 0xc0 ? 2 : (p[i] & 0xf0) == 0xe0 ? 3 : 4;
        json_t *one = i + l <= s.n && p[i] != 0 ? json_stringn(s.p + i, l) : NULL;
        if (one) {
            strbuf_add(&b, s.p + i, l);
            json_decref(one);
            i += l;
        } else {
            strbuf_adds(&b, "\xef\xbf\xbd");
            i++;
        }
    }
    v = json_stringn(strbuf_str(&b), b.len);
    strbuf_release(&b);
    return v ? v : json_string("");
}

static void print_event(const struct lw_event *ev, const struct lw_origin *src, bool json)
{
    const char *file = src->name;
    size_t lineno = (size_t)src->lineno;
    char when[32] = "";
    if (ev->time)
        ag_time_iso((time_t)ev->time, when);
    bool hostile = lw_event_hostile(ev);
    if (!json) {
        if (src->peer)
            printf("%s/%s\t", lw_input_kind_name(src->kind), src->peer);
        else
            printf("%s:%zu\t", file, lineno);
        printf("%s\t%.*s\t%s\t%s\tuser=%.*s\tsrc=%.*s\tport=%u%s\n", *when ? when : "-",
               (int)ev->program.n, ev->program.p, lw_action_name(ev->action),
               lw_outcome_name(ev->outcome), (int)ev->user.n, ev->user.p, (int)ev->src.n, ev->src.p,
               ev->src_port, hostile ? "\thostile" : "");
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "input", json_string(lw_input_kind_name(src->kind)));
    if (src->peer) { /* a network input: the listening address and the sender */
        json_object_set_new(o, "listen", json_string(file));
        json_object_set_new(o, "peer", json_string(src->peer));
    } else {
        json_object_set_new(o, "file", jstr((struct lw_slice){file, strlen(file)}));
        json_object_set_new(o, "line", json_integer((json_int_t)lineno));
    }
    json_object_set_new(o, "time", *when ? json_string(when) : json_null());
    json_object_set_new(o, "host", jstr(ev->host));
    json_object_set_new(o, "program", jstr(ev->program));
    json_object_set_new(o, "pid", jstr(ev->pid));
    json_object_set_new(o, "decoder", ev->decoder ? json_string(ev->decoder) : json_null());
    json_object_set_new(o, "action", json_string(lw_action_name(ev->action)));
    json_object_set_new(o, "outcome", json_string(lw_outcome_name(ev->outcome)));
    json_object_set_new(o, "user", jstr(ev->user));
    json_object_set_new(o, "method", jstr(ev->method));
    json_object_set_new(o, "src_ip", ev->src_family ? jstr(ev->src) : json_null());
    json_object_set_new(o, "src_port", ev->src_port ? json_integer(ev->src_port) : json_null());
    json_object_set_new(o, "invalid_user", json_boolean(ev->flags & LW_F_INVALID_USER));
    json_object_set_new(o, "preauth", json_boolean(ev->flags & LW_F_PREAUTH));
    json_object_set_new(o, "repeat", json_integer(ev->repeat));
    json_object_set_new(o, "hostile", json_boolean(hostile));
    json_object_set_new(o, "message", jstr(ev->msg));
    if (ev->event_id)
        json_object_set_new(o, "event_id", json_integer(ev->event_id));
    if (ev->action == LW_ACT_GROUP_ADD || ev->target.n)
        json_object_set_new(o, "target", jstr(ev->target));
    if (ev->flags & LW_F_ADMIN_GROUP)
        json_object_set_new(o, "admin_group", json_true());
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (text)
        puts(text);
    free(text);
    json_decref(o);
}

struct lw_counts {
    size_t lines, decoded, hostile, cut;
};

/* A line whose first non-blank byte is '{' is a JSON object (json.c): decoded there; a line that
 * only looks like one is read as a plain line, with a warning (the first few of each file).
 * Returns 1 for a JSON object decoded into *ev, 0 for one not recognised, -1 for a plain line. */
static int json_line(struct cli *cli, const char *buf, size_t len, const char *name, size_t lineno,
                     size_t *warned, struct lw_event *ev)
{
    static struct lw_scratch scratch; /* the event's slices point here until the next line */
    size_t i = 0;
    while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
        i++;
    if (i == len || buf[i] != '{')
        return -1;
    if (lw_json_event(buf, len, ev, &scratch))
        return 1;
    if (!scratch.error[0])
        return 0;
    if ((*warned)++ < 5) {
        fprintf(stderr, cli_tr(cli, "%s:%zu: not a JSON object (%s); read as a plain line"), name,
                lineno, scratch.error);
        fputc('\n', stderr);
    }
    return -1;
}

/* What `parse` (and, until the detection pipeline replaces it, `serve`) does with a line. */
struct parse_ctx {
    struct cli *cli;
    int year;
    bool json, hostile_only;
    struct lw_counts n;
    size_t warned; /* warnings about lines that only look like JSON */
};

static void parse_line(void *ctx, const struct lw_origin *o, char *line, size_t len)
{
    struct parse_ctx *pc = ctx;
    struct lw_event ev;
    len = lw_strip_ansi(line, len);
    int js = json_line(pc->cli, line, len, o->name, o->lineno, &pc->warned, &ev);
    if (js == 0)
        return;
    if (js < 0) {
        lw_syslog_parse(line, len, pc->year, &ev);
        if (!lw_decode(&ev))
            return;
    }
    pc->n.decoded++;
    bool hostile = lw_event_hostile(&ev);
    pc->n.hostile += hostile;
    if (hostile || !pc->hostile_only)
        print_event(&ev, o, pc->json);
}

/* Reads one file or stream to its end through the tail reader (a last line without newline
 * included). */
/* Reads one file or "-" to its end through the tail reader, handing every line to fn. With
 * state (files only), it starts where the last run stopped and saves the place; an unfinished
 * last line then waits for its newline. The input's counters go to *st. */
int cli_logwatch_read(struct cli *cli, const char *name, const char *state, lw_line_fn fn,
                      void *ctx, struct lw_input_stats *st)
{
    struct ag_error err;
    ag_error_clear(&err);
    memset(st, 0, sizeof(*st));
    bool in = strcmp(name, "-") == 0;
    struct lw_tail *t = in ? lw_tail_open_fd(0, "-", &err) : lw_tail_open(name, state, &err);
    if (!t)
        return cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
    int rc = AG_EXIT_OK;
    if (lw_tail_waiting(t)) {
        rc = cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot open %s: %s"), name, strerror(ENOENT));
        goto out;
    }
    do {
        if (lw_tail_read(t, fn, ctx, &err) < 0) {
            rc = cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
            break;
        }
    } while (in && !lw_tail_eof(t));
    if (in || !state)
        lw_tail_flush(t, fn, ctx);
    if (state && !in && lw_tail_commit(t, &err) != AG_OK)
        rc = cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg);
out:
    *st = *lw_tail_stats(t);
    lw_tail_close(t);
    return rc;
}

static int parse_input(struct cli *cli, const char *name, struct parse_ctx *pc)
{
    struct lw_input_stats st;
    pc->warned = 0; /* at most a few warnings per file */
    int rc = cli_logwatch_read(cli, name, NULL, parse_line, pc, &st);
    pc->n.lines += st.lines;
    pc->n.cut += st.cut;
    return rc;
}

/* The year given to RFC 3164 stamps: --year, else this year. */
static int year_option(struct cli *cli, const char *year_s, int *year)
{
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    *year = tm.tm_year + 1900;
    if (year_s) {
        char *end;
        long y = strtol(year_s, &end, 10);
        if (*end || y < 1970 || y > 9999)
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "bad year \"%s\" (expected 1970–9999)"), year_s);
        *year = (int)y;
    }
    return AG_EXIT_OK;
}

static int cmd_parse(struct cli *cli, int argc, char **argv)
{
    const char *pos[256], *year_s = NULL;
    size_t npos;
    bool hostile_only = false;
    const struct cli_opt opts[] = {{"--year", &year_s, NULL}, {"--hostile", NULL, &hostile_only}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    struct parse_ctx pc = {.cli = cli, .json = cli->json, .hostile_only = hostile_only};
    int status = year_option(cli, year_s, &pc.year);
    if (status)
        return status;
    if (npos == 0) {
        pos[0] = "-";
        npos = 1;
    }
    for (size_t i = 0; i < npos; i++) {
        int st = parse_input(cli, pos[i], &pc);
        if (st)
            status = st;
    }
    struct lw_counts n = pc.n;
    fflush(stdout);
    fprintf(stderr,
            cli_tr(cli, "%s: %zu lines, %zu decoded, %zu signs of attack, %zu lines longer than "
                        "%zu bytes cut"),
            "logwatch parse", n.lines, n.decoded, n.hostile, n.cut, (size_t)LW_LINE_MAX);
    fputc('\n', stderr);
    return status;
}

/* serve's handler: the one place a line goes (the detection pipeline takes it over). */
struct serve_ctx {
    lw_line_fn fn;
    void *ctx;
    struct parse_ctx pc;
};

static void serve_tick(void *ctx)
{
    struct serve_ctx *sc = ctx;
    fflush(stdout); /* events reach a pipe as they happen, not when a buffer fills */
    (void)sc;
}

static void serve_line(void *ctx, const struct lw_origin *o, char *line, size_t n)
{
    struct serve_ctx *sc = ctx;
    sc->fn(sc->ctx, o, line, n);
}

static int cmd_serve_inputs(struct cli *cli, int argc, char **argv)
{
    const char *pos[256], *year_s = NULL, *rate_s = NULL, *rules = NULL, *config = NULL,
                          *archive = NULL;
    struct lw_listen_config cfg = {0};
    size_t npos;
    bool events = false, keep_going = false;
    const struct cli_opt opts[] = {
        {"--udp", &cfg.udp, NULL},     {"--tcp", &cfg.tcp, NULL},
        {"--tls", &cfg.tls, NULL},     {"--cert", &cfg.cert, NULL},
        {"--key", &cfg.key, NULL},     {"--state", &cfg.state_dir, NULL},
        {"--rate", &rate_s, NULL},     {"--year", &year_s, NULL},
        {"--rules", &rules, NULL},     {"--config", &config, NULL},
        {"--events", NULL, &events},   {"--keep-going", NULL, &keep_going},
        {"--archive", &archive, NULL},
    };
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    struct serve_ctx sc = {.fn = parse_line, .pc = {.cli = cli, .json = true}};
    sc.ctx = &sc.pc;
    int status = year_option(cli, year_s, &sc.pc.year);
    if (status)
        return status;
    if (rate_s) {
        char *end;
        errno = 0;
        cfg.rate = strtod(rate_s, &end);
        if (*end || errno || !(cfg.rate > 0 && cfg.rate <= 1e9))
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "--rate: \"%s\" is not a number of lines per second"),
                            rate_s);
    }
    if (archive && events)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "logwatch serve: --archive needs detection (not --events)"));
    if (!cfg.udp && !cfg.tcp && !cfg.tls && npos == 0)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "logwatch serve: no input (--udp, --tcp, --tls or FILE)"));
    if (cfg.state_dir && mkdir(cfg.state_dir, 0700) != 0 && errno != EEXIST)
        return cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot open %s: %s"), cfg.state_dir,
                        strerror(errno));
    cfg.files = pos;
    cfg.nfiles = npos;
    cfg.on_line = serve_line;
    cfg.on_tick = serve_tick;
    cfg.ctx = &sc;
    struct lw_pipeline *pipe = NULL;
    if (!events) { /* detection: alerts on standard output, rules reloaded on SIGHUP */
        if ((status = lw_pipeline_open(&pipe, cli, rules, config, cfg.state_dir, keep_going, false,
                                       sc.pc.year)))
            return status;
        if ((status = lw_pipeline_archive(pipe, archive))) {
            lw_pipeline_close(pipe);
            return status;
        }
        cfg.on_line = lw_pipeline_line;
        cfg.on_tick = lw_pipeline_tick;
        cfg.on_reload = lw_pipeline_reload;
        cfg.ctx = pipe;
    }
    struct ag_error err;
    ag_error_clear(&err);
    struct lw_listen *l = NULL;
    int rc = lw_listen_new(&l, &cfg, &err);
    if (rc) {
        if (pipe)
            lw_pipeline_close(pipe);
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    }
    lw_signals_install();
    enum lw_input_kind kind;
    const char *name;
    struct lw_input_stats st;
    for (size_t i = 0; lw_listen_input(l, i, &kind, &name, &st); i++) {
        if (kind == LW_IN_UDP || kind == LW_IN_TCP || kind == LW_IN_TLS)
            fprintf(stderr, cli_tr(cli, "logwatch: listening on %s %s\n"), lw_input_kind_name(kind),
                    name);
    }
    fflush(stderr);
    rc = lw_listen_run(l, &err);
    fflush(stdout);
    if (rc)
        status = cli_fail(cli, cli_status(rc), "%s", err.msg);
    for (size_t i = 0; lw_listen_input(l, i, &kind, &name, &st); i++)
        fprintf(stderr,
                cli_tr(cli, "logwatch serve: %s %s: %llu lines, %llu bytes, %llu cut, %llu "
                            "dropped (rate), %llu frame errors, %llu connections, %llu refused\n"),
                lw_input_kind_name(kind), name, (unsigned long long)st.lines,
                (unsigned long long)st.bytes, (unsigned long long)st.cut,
                (unsigned long long)st.drops, (unsigned long long)st.frame_errors,
                (unsigned long long)st.conns, (unsigned long long)st.refused);
    lw_listen_free(l);
    if (pipe)
        lw_pipeline_close(pipe);
    return status;
}

int cmd_logwatch(struct cli *cli, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "parse") == 0)
        return cmd_parse(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "run") == 0)
        return cmd_logwatch_run(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "test") == 0)
        return cmd_logwatch_test(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "rules") == 0)
        return cmd_logwatch_rules(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "stats") == 0)
        return cmd_logwatch_stats(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "serve") == 0)
        return cmd_serve_inputs(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "block") == 0)
        return cmd_logwatch_block(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "respond") == 0)
        return cmd_logwatch_respond(cli, argc, argv);
    fputs(cli_tr(cli, "logwatch-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
