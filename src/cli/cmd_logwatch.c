/*
 * cmd_logwatch.c — `airguard logwatch`: log analysis from the shell (issue 5). Today: `parse`,
 * which prints each line as the normalised event the detection rules will see.
 */
#include "cli/cli.h"
#include "cli/logwatch_respond.h"
#include "logwatch/logwatch.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LW_LINE_MAX 65536 /* longer lines are cut here (and counted) */

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

static void print_event(const struct lw_event *ev, const char *file, size_t lineno, bool json)
{
    char when[32] = "";
    if (ev->time)
        ag_time_iso((time_t)ev->time, when);
    bool hostile = lw_event_hostile(ev);
    if (!json) {
        printf("%s:%zu\t%s\t%.*s\t%s\t%s\tuser=%.*s\tsrc=%.*s\tport=%u%s\n", file, lineno,
               *when ? when : "-", (int)ev->program.n, ev->program.p, lw_action_name(ev->action),
               lw_outcome_name(ev->outcome), (int)ev->user.n, ev->user.p, (int)ev->src.n, ev->src.p,
               ev->src_port, hostile ? "\thostile" : "");
        return;
    }
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "line", json_integer((json_int_t)lineno));
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
    char *text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (text)
        puts(text);
    free(text);
    json_decref(o);
}

struct lw_counts {
    size_t lines, decoded, hostile, cut;
};

/* Reads f line by line (lines longer than LW_LINE_MAX are cut there and the rest skipped). */
static void parse_stream(FILE *f, const char *name, int year, bool json, bool hostile_only,
                         struct lw_counts *n)
{
    static char buf[LW_LINE_MAX + 1];
    size_t lineno = 0;
    while (fgets(buf, sizeof(buf), f)) {
        size_t len = strlen(buf); /* a NUL byte ends the line early: the rest is not text */
        lineno++;
        n->lines++;
        if (len == LW_LINE_MAX && buf[len - 1] != '\n') {
            n->cut++;
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        }
        struct lw_event ev;
        len = lw_strip_ansi(buf, len);
        lw_syslog_parse(buf, len, year, &ev);
        if (!lw_decode(&ev))
            continue;
        n->decoded++;
        bool hostile = lw_event_hostile(&ev);
        n->hostile += hostile;
        if (hostile || !hostile_only)
            print_event(&ev, name, lineno, json);
    }
}

static int cmd_parse(struct cli *cli, int argc, char **argv)
{
    const char *pos[256], *year_s = NULL;
    size_t npos;
    bool json_flag = false, hostile_only = false;
    const struct cli_opt opts[] = {{"--year", &year_s, NULL}, {"--hostile", NULL, &hostile_only}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    json_flag = cli->json;
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    int year = tm.tm_year + 1900;
    if (year_s) {
        char *end;
        long y = strtol(year_s, &end, 10);
        if (*end || y < 1970 || y > 9999)
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "bad year \"%s\" (expected 1970–9999)"), year_s);
        year = (int)y;
    }
    struct lw_counts n = {0};
    int status = AG_EXIT_OK;
    if (npos == 0) {
        pos[0] = "-";
        npos = 1;
    }
    for (size_t i = 0; i < npos; i++) {
        bool in = strcmp(pos[i], "-") == 0;
        FILE *f = in ? stdin : fopen(pos[i], "r");
        if (!f) {
            status = cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot open %s: %s"), pos[i],
                              strerror(errno));
            continue;
        }
        parse_stream(f, in ? "-" : pos[i], year, json_flag, hostile_only, &n);
        if (!in)
            fclose(f);
    }
    fflush(stdout);
    fprintf(stderr,
            cli_tr(cli, "%s: %zu lines, %zu decoded, %zu signs of attack, %zu lines longer than "
                        "%zu bytes cut"),
            "logwatch parse", n.lines, n.decoded, n.hostile, n.cut, (size_t)LW_LINE_MAX);
    fputc('\n', stderr);
    return status;
}

int cmd_logwatch(struct cli *cli, int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "parse") == 0)
        return cmd_parse(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "block") == 0)
        return cmd_logwatch_block(cli, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "respond") == 0)
        return cmd_logwatch_respond(cli, argc, argv);
    fputs(cli_tr(cli, "logwatch-usage"), stderr);
    return AG_EXIT_BADINPUT;
}
