/*
 * cmd_logwatch_run.c — `airguard logwatch run` (detect: lines → events → rules → alerts) and
 * `airguard logwatch test` (the same, explained: what fired, why, on which lines), and
 * `airguard logwatch rules` (load and list a rule set, or report its errors).
 */
#include "catalog/catalog.h"
#include "cli/cli.h"
#include "logwatch/logwatch.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef AG_RULES_DIR
#define AG_RULES_DIR "rules"
#endif

#define RUN_LINE_MAX 65536

struct cat_count {
    char name[64];
    uint64_t n;
};

struct run {
    struct cli *cli;
    bool json, explain;
    uint64_t lines, decoded, cut;
    struct cat_count cats[64];
    size_t ncats;
};

static void count_category(struct run *R, const char *cat)
{
    for (size_t i = 0; i < R->ncats; i++)
        if (!strcmp(R->cats[i].name, cat)) {
            R->cats[i].n++;
            return;
        }
    if (R->ncats < AG_ARRAY_LEN(R->cats)) {
        snprintf(R->cats[R->ncats].name, sizeof(R->cats[R->ncats].name), "%s", cat);
        R->cats[R->ncats++].n = 1;
    }
}

static const char *jget(json_t *a, const char *k)
{
    const char *s = json_string_value(json_object_get(a, k));
    return s ? s : "";
}

static void on_alert(void *ctx, json_t *a)
{
    struct run *R = ctx;
    count_category(R, jget(a, "category"));
    if (R->json) {
        char *t = json_dumps(a, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (t)
            puts(t);
        free(t);
        return;
    }
    printf("%s\t%s\t%s\tsrc=%s\tuser=%s\tcount=%lld\t%s\n", jget(a, "time"), jget(a, "level"),
           jget(a, "category"), jget(a, "src_ip"), jget(a, "user"),
           (long long)json_integer_value(json_object_get(a, "count")), jget(a, "rule"));
    if (!R->explain)
        return;
    json_t *v;
    size_t i;
    json_array_foreach(json_object_get(a, "guideline"), i, v)
    {
        printf("    %s %s\n", cli_tr(R->cli, "logwatch: guideline"), json_string_value(v));
    }
    if (json_array_size(json_object_get(a, "values"))) {
        printf("    %s", cli_tr(R->cli, "logwatch: values:"));
        json_array_foreach(json_object_get(a, "values"), i, v)
        {
            printf(" %s", json_string_value(v));
        }
        putchar('\n');
    }
    json_array_foreach(json_object_get(a, "evidence"), i, v)
    {
        printf("    %s %s\n", i == 0 ? ">" : "-", json_string_value(v));
    }
}

/* Resolves every mlit.* tag of the rule set to a catalog id; an unknown reference is an
 * error (a rule citing a clause the guideline does not have is a mistake worth stopping for). */
static int resolve_refs(struct cli *cli, struct lw_ruleset *rs, bool keep_going)
{
    struct catalog *cat;
    if (cli_load_catalog(cli, &cat))
        return AG_EXIT_FAIL;
    int bad = 0;
    for (size_t i = 0; i < lw_ruleset_size(rs); i++) {
        size_t n;
        const char *const *refs = lw_rule_guideline(rs, i, &n);
        for (size_t k = 0; k < n; k++) {
            const struct catalog_node *node = catalog_by_ref(cat, refs[k]);
            if (!node) {
                cli_fail(cli, 0,
                         cli_tr(cli, "rule \"%s\": the tag mlit.%s names no item of the guideline"),
                         lw_rule_title(rs, i), refs[k]);
                bad++;
                continue;
            }
            if (lw_rule_set_catalog(rs, i, k, node->id) != AG_OK)
                bad++;
        }
    }
    catalog_free(cat);
    return bad && !keep_going ? AG_EXIT_BADINPUT : AG_EXIT_OK;
}

static int load_rules(struct cli *cli, const char *const *paths, size_t n, bool keep_going,
                      struct lw_ruleset **rs)
{
    struct strbuf errs;
    strbuf_init(&errs, 1u << 20);
    int rc = lw_rules_load(paths, n, keep_going, cli->lang, rs, &errs);
    if (errs.len)
        fputs(strbuf_str(&errs), stderr);
    strbuf_release(&errs);
    if (rc != AG_OK)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s",
                        cli_tr(cli, "the rules did not load (use --keep-going to load the good "
                                    "ones)"));
    if (resolve_refs(cli, *rs, keep_going) != AG_EXIT_OK) {
        lw_ruleset_free(*rs);
        *rs = NULL;
        return AG_EXIT_BADINPUT;
    }
    return AG_EXIT_OK;
}

static void run_stream(struct run *R, struct lw_engine *e, FILE *f, const char *name, int year)
{
    static char buf[RUN_LINE_MAX + 1];
    uint64_t lineno = 0;
    while (fgets(buf, sizeof(buf), f)) {
        size_t len = strlen(buf);
        lineno++;
        R->lines++;
        if (len == RUN_LINE_MAX && buf[len - 1] != '\n') {
            R->cut++;
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n')
                ;
        }
        if (len && buf[len - 1] == '\n')
            buf[--len] = '\0';
        if (len && buf[len - 1] == '\r')
            buf[--len] = '\0';
        len = lw_strip_ansi(buf, len);
        struct lw_event ev;
        lw_syslog_parse(buf, len, year, &ev);
        R->decoded += lw_decode(&ev);
        lw_engine_event(e, &ev, name, lineno, buf, len);
    }
}

static int parse_year(struct cli *cli, const char *year_s, int *year)
{
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    *year = tm.tm_year + 1900;
    if (!year_s)
        return AG_EXIT_OK;
    char *end;
    long y = strtol(year_s, &end, 10);
    if (*end || y < 1970 || y > 9999)
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "bad year \"%s\" (expected 1970–9999)"),
                        year_s);
    *year = (int)y;
    return AG_EXIT_OK;
}

/* run and test share everything but the output */
static int detect(struct cli *cli, int argc, char **argv, bool test)
{
    const char *pos[256], *rules_dir = NULL, *config = NULL, *year_s = NULL, *state = NULL;
    size_t npos;
    bool keep_going = false;
    const struct cli_opt opts[] = {{"--rules", &rules_dir, NULL},
                                   {"--config", &config, NULL},
                                   {"--year", &year_s, NULL},
                                   {"--state", &state, NULL},
                                   {"--keep-going", NULL, &keep_going}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    int year;
    if (parse_year(cli, year_s, &year))
        return AG_EXIT_BADINPUT;
    size_t first_input = 0;
    if (test) { /* logwatch test RULE_OR_DIR LOGFILE... */
        if (npos < 2)
            return cli_fail(
                cli, AG_EXIT_BADINPUT, "%s",
                cli_tr(cli, "logwatch test needs a rule file or folder and a log file"));
        rules_dir = pos[0];
        first_input = 1;
    }
    const char *rule_paths[1] = {rules_dir ? rules_dir : AG_RULES_DIR};
    struct lw_ruleset *rs = NULL;
    int status = load_rules(cli, rule_paths, 1, keep_going, &rs);
    if (status)
        return status;
    struct lw_config cfg;
    lw_config_init(&cfg);
    if (config) {
        struct strbuf errs;
        strbuf_init(&errs, 1u << 16);
        int rc = lw_config_load(config, &cfg, cli->lang, &errs);
        fputs(strbuf_str(&errs) ? strbuf_str(&errs) : "", stderr);
        strbuf_release(&errs);
        if (rc != AG_OK) {
            lw_ruleset_free(rs);
            lw_config_release(&cfg);
            return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "the configuration %s has errors"),
                            config);
        }
    }
    struct run R = {.cli = cli, .json = cli->json, .explain = test};
    struct lw_engine *e;
    if (lw_engine_new(&e, &cfg, on_alert, &R) != AG_OK) {
        lw_ruleset_free(rs);
        lw_config_release(&cfg);
        return cli_fail(cli, AG_EXIT_FAIL, "%s", cli_tr(cli, "out of memory"));
    }
    size_t nrules = lw_ruleset_size(rs);
    lw_engine_set_rules(e, rs);
    if (npos == first_input)
        pos[npos++] = "-";
    for (size_t i = first_input; i < npos; i++) {
        bool in = strcmp(pos[i], "-") == 0;
        FILE *f = in ? stdin : fopen(pos[i], "r");
        if (!f) {
            status = cli_fail(cli, AG_EXIT_FAIL, cli_tr(cli, "cannot open %s: %s"), pos[i],
                              strerror(errno));
            continue;
        }
        run_stream(&R, e, f, in ? "-" : pos[i], year);
        if (!in)
            fclose(f);
    }
    struct lw_engine_stats st;
    lw_engine_stats(e, &st);
    lw_engine_tick(e, 0); /* the end of the input: silences up to the last event */
    lw_engine_stats(e, &st);
    fflush(stdout);
    fprintf(stderr,
            cli_tr(cli, "logwatch: %zu rules, %llu lines, %llu decoded, %llu rule matches, "
                        "%llu alerts, %llu suppressed, %llu allowlisted, %zu keys, %llu evicted"),
            nrules, (unsigned long long)R.lines, (unsigned long long)R.decoded,
            (unsigned long long)st.matches, (unsigned long long)st.alerts,
            (unsigned long long)st.suppressed, (unsigned long long)st.allowlisted, st.keys,
            (unsigned long long)st.evicted);
    fputc('\n', stderr);
    for (size_t i = 0; i < R.ncats; i++)
        fprintf(stderr, "  %-24s %llu\n", R.cats[i].name, (unsigned long long)R.cats[i].n);
    (void)state;
    lw_engine_free(e);
    lw_config_release(&cfg);
    return status;
}

int cmd_logwatch_run(struct cli *cli, int argc, char **argv)
{
    return detect(cli, argc, argv, false);
}

int cmd_logwatch_test(struct cli *cli, int argc, char **argv)
{
    return detect(cli, argc, argv, true);
}

/* logwatch rules [--keep-going] [PATH...]: load, resolve, list (or report errors) */
int cmd_logwatch_rules(struct cli *cli, int argc, char **argv)
{
    const char *pos[64];
    size_t npos;
    bool keep_going = false;
    const struct cli_opt opts[] = {{"--keep-going", NULL, &keep_going}};
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;
    if (npos == 0)
        pos[npos++] = AG_RULES_DIR;
    struct lw_ruleset *rs;
    int status = load_rules(cli, pos, npos, keep_going, &rs);
    if (status)
        return status;
    for (size_t i = 0; i < lw_ruleset_size(rs); i++) {
        size_t n;
        const char *const *refs = lw_rule_guideline(rs, i, &n);
        printf("%s", lw_rule_title(rs, i));
        for (size_t k = 0; k < n; k++)
            printf("%s%s", k ? ", " : "\t", refs[k]);
        putchar('\n');
    }
    lw_ruleset_free(rs);
    return AG_EXIT_OK;
}
