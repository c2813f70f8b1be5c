/*
 * cmd_catalog.c — `airguard catalog stats|tree|show|search|export|validate`.
 * Output goes to stdout in the chosen language (--lang ja|en); errors to stderr.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static int usage(struct cli *cli)
{
    fputs(cli_tr(cli, "catalog-usage"), stderr);
    return AG_EXIT_BADINPUT;
}

static const char *tx(const struct cli *cli, struct catalog_text t)
{
    return catalog_text_get(t, cli->lang);
}

/* ---- stats ---- */

static int catalog_stats(struct cli *cli, struct catalog *cat, bool as_json)
{
    size_t by_kind[CATALOG_KIND_COUNT] = {0}, by_phase[CATALOG_PHASE_COUNT] = {0};
    size_t by_role[CATALOG_MAX_ROLES] = {0}, assessable = 0, control = 0;
    size_t nroles = catalog_role_count(cat);
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        by_kind[n->kind]++;
        if (n->kind != CATALOG_KIND_MEASURE)
            continue;
        by_phase[n->phase]++;
        assessable += n->assessable;
        control += n->control_system;
        for (size_t r = 0; r < nroles; r++)
            if (n->roles & ((uint32_t)1 << r))
                by_role[r]++;
    }
    if (as_json) {
        json_t *o = json_object(), *k = json_object(), *p = json_object(), *r = json_object();
        json_object_set_new(o, "id", json_string(catalog_id(cat)));
        json_object_set_new(o, "version", json_string(catalog_version(cat)));
        json_object_set_new(o, "sha256", json_string(catalog_sha256(cat)));
        json_object_set_new(o, "nodes", json_integer((json_int_t)catalog_node_count(cat)));
        for (int i = 0; i < CATALOG_KIND_COUNT; i++)
            json_object_set_new(k, catalog_kind_name((enum catalog_kind)i),
                                json_integer((json_int_t)by_kind[i]));
        for (int i = 1; i < CATALOG_PHASE_COUNT; i++)
            json_object_set_new(p, catalog_phase_name((enum catalog_phase)i),
                                json_integer((json_int_t)by_phase[i]));
        for (size_t i = 0; i < nroles; i++)
            json_object_set_new(r, catalog_role_at(cat, i)->id,
                                json_integer((json_int_t)by_role[i]));
        json_object_set_new(o, "by_kind", k);
        json_object_set_new(o, "by_phase", p);
        json_object_set_new(o, "by_role", r);
        json_object_set_new(o, "assessable", json_integer((json_int_t)assessable));
        json_object_set_new(o, "control_system", json_integer((json_int_t)control));
        char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (!s)
            return cli_fail(cli, AG_EXIT_FAIL, "out of memory");
        puts(s);
        free(s);
        return AG_EXIT_OK;
    }
    printf("%s\n", tx(cli, catalog_title(cat)));
    cli_print_padded(cli_tr(cli, "Catalog:"), 14);
    printf(" %s %s\n", catalog_id(cat), catalog_version(cat));
    cli_print_padded("SHA-256:", 14);
    printf(" %s\n", catalog_sha256(cat));
    cli_print_padded(cli_tr(cli, "Nodes:"), 14);
    printf(" %zu\n", catalog_node_count(cat));
    printf("\n%s\n", cli_tr(cli, "By kind:"));
    for (int i = 0; i < CATALOG_KIND_COUNT; i++)
        if (by_kind[i]) {
            printf("  %-12s ", catalog_kind_name((enum catalog_kind)i));
            cli_print_padded(cli_tr(cli, catalog_kind_name((enum catalog_kind)i)), 16);
            printf(" %6zu\n", by_kind[i]);
        }
    printf("\n%s\n", cli_tr(cli, "Measures by PDCA phase:"));
    for (int i = 1; i < CATALOG_PHASE_COUNT; i++) {
        printf("  %-12s ", catalog_phase_name((enum catalog_phase)i));
        cli_print_padded(cli_tr(cli, catalog_phase_name((enum catalog_phase)i)), 16);
        printf(" %6zu\n", by_phase[i]);
    }
    printf("\n%s\n", cli_tr(cli, "Measures by responsible role:"));
    for (size_t i = 0; i < nroles; i++) {
        const struct catalog_role *role = catalog_role_at(cat, i);
        printf("  %-12s ", role->id);
        cli_print_padded(tx(cli, role->name), 40);
        printf(" %6zu\n", by_role[i]);
    }
    putchar('\n');
    cli_print_padded(cli_tr(cli, "Assessable measures:"), 44);
    printf(" %zu\n", assessable);
    cli_print_padded(cli_tr(cli, "Measures specific to control systems:"), 44);
    printf(" %zu\n", control);
    return AG_EXIT_OK;
}

/* ---- tree ---- */

static bool is_outline(enum catalog_kind k)
{
    switch (k) {
    case CATALOG_KIND_PREFACE:
    case CATALOG_KIND_CHAPTER:
    case CATALOG_KIND_SECTION:
    case CATALOG_KIND_DEFINITION:
    case CATALOG_KIND_ROLE:
    case CATALOG_KIND_SCHEME:
    case CATALOG_KIND_SYSTEM:
    case CATALOG_KIND_TERM:
        return true;
    default:
        return false;
    }
}

static size_t count_measures(const struct catalog_node *n)
{
    size_t c = n->kind == CATALOG_KIND_MEASURE;
    for (size_t i = 0; i < n->nchildren; i++)
        c += count_measures(n->children[i]);
    return c;
}

/* The first line of a text, cut to about `max` bytes on a UTF-8 boundary. */
static void print_snippet(const char *s, size_t max)
{
    size_t n = strcspn(s, "\n");
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        printf("%.*s…", (int)n, s);
    } else {
        printf("%.*s", (int)n, s);
    }
}

static int catalog_tree(struct cli *cli, struct catalog *cat, long depth, bool all)
{
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        if (depth >= 0 && (long)n->depth > depth)
            continue;
        if (!all && !is_outline(n->kind))
            continue;
        printf("%*s", (int)n->depth * 2, "");
        const char *title = tx(cli, n->title);
        if (all)
            printf("[%s] ", cli_tr(cli, catalog_kind_name(n->kind)));
        if (n->ref[0] && (is_outline(n->kind) || !all))
            printf("%s ", n->ref);
        if (*title)
            print_snippet(title, 120);
        else
            print_snippet(tx(cli, n->text), 80);
        if (!all && n->kind != CATALOG_KIND_TERM) {
            size_t m = count_measures(n);
            if (m)
                printf("  (%s %zu)", cli_tr(cli, "measures"), m);
        }
        putchar('\n');
    }
    return AG_EXIT_OK;
}

/* ---- show ---- */

static void print_indented(const char *text, int indent)
{
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        printf("%*s%.*s\n", indent, "", (int)n, p);
        p += n;
        if (*p == '\n')
            p++;
    }
}

static void print_roles(struct cli *cli, struct catalog *cat, uint32_t roles)
{
    bool first = true;
    for (size_t r = 0; r < catalog_role_count(cat); r++) {
        if (roles & ((uint32_t)1 << r)) {
            printf("%s%s", first ? "" : ", ", tx(cli, catalog_role_at(cat, r)->name));
            first = false;
        }
    }
}

static void show_node(struct cli *cli, struct catalog *cat, const struct catalog_node *n,
                      int indent, bool top)
{
    const char *title = tx(cli, n->title);
    if (top || n->kind == CATALOG_KIND_SECTION || n->kind == CATALOG_KIND_CHAPTER) {
        printf("%*s%s %s\n", indent, "", n->ref, title);
        printf("%*s  id: %s  %s: %s", indent, "", n->id, cli_tr(cli, "kind"),
               cli_tr(cli, catalog_kind_name(n->kind)));
        if (n->phase)
            printf("  %s: %s", cli_tr(cli, "phase"), cli_tr(cli, catalog_phase_name(n->phase)));
        if (n->perspective)
            printf("  %s: %s", cli_tr(cli, "perspective"), tx(cli, n->perspective->name));
        putchar('\n');
    } else {
        printf("%*s[%s]", indent, "", cli_tr(cli, catalog_kind_name(n->kind)));
        if (*title)
            printf(" %s", title);
        if (n->kind == CATALOG_KIND_MEASURE) {
            printf(" (%s", n->id);
            if (n->roles) {
                printf("; %s: ", cli_tr(cli, "roles"));
                print_roles(cli, cat, n->roles);
            }
            if (n->control_system)
                printf("; %s", cli_tr(cli, "control systems"));
            putchar(')');
        }
        putchar('\n');
    }
    if (*tx(cli, n->text))
        print_indented(tx(cli, n->text), indent + 2);
    if (*tx(cli, n->note)) {
        printf("%*s%s ", indent + 2, "", cli_tr(cli, "Note:"));
        print_indented(tx(cli, n->note), 0);
    }
    if (n->nglossary) {
        printf("%*s%s", indent + 2, "", cli_tr(cli, "Glossary:"));
        for (size_t i = 0; i < n->nglossary; i++) {
            const struct catalog_node *g = n->glossary[i];
            printf("%s %s %s", i ? "," : "", g->ref[0] ? g->ref : g->id, tx(cli, g->title));
        }
        putchar('\n');
    }
    if (n->nreferences) {
        printf("%*s%s", indent + 2, "", cli_tr(cli, "References:"));
        for (size_t i = 0; i < n->nreferences; i++) {
            const char *r = tx(cli, n->references[i]->text);
            printf("\n");
            print_indented(r, indent + 4);
        }
    }
    for (size_t i = 0; i < n->nchildren; i++)
        show_node(cli, cat, n->children[i], indent + 2, false);
}

static int catalog_show(struct cli *cli, struct catalog *cat, const char *key, bool as_json)
{
    const struct catalog_node *n = catalog_find(cat, key);
    if (!n)
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "no catalog item with id or reference \"%s\""), key);
    if (as_json) {
        struct strbuf sb;
        struct ag_error err;
        strbuf_init(&sb, 0);
        int rc = catalog_node_json(cat, n, &sb, &err);
        if (rc == AG_OK)
            fputs(strbuf_str(&sb), stdout);
        strbuf_release(&sb);
        return rc ? cli_fail(cli, AG_EXIT_FAIL, "%s", err.msg) : AG_EXIT_OK;
    }
    show_node(cli, cat, n, 0, true);
    return AG_EXIT_OK;
}

/* ---- search ---- */

static int catalog_search_cmd(struct cli *cli, struct catalog *cat, const char *query)
{
    const struct catalog_node **res;
    size_t count;
    int rc = catalog_search(cat, query, &res, &count);
    if (rc == AG_EINVAL)
        return cli_fail(cli, AG_EXIT_BADINPUT, "%s", cli_tr(cli, "the search text is empty"));
    if (rc)
        return cli_fail(cli, AG_EXIT_FAIL, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const struct catalog_node *n = res[i];
        printf("%-22s %-12s ", n->ref, cli_tr(cli, catalog_kind_name(n->kind)));
        const char *title = tx(cli, n->title);
        print_snippet(*title ? title : tx(cli, n->text), 100);
        printf("  [%s]\n", n->id);
    }
    printf(cli_tr(cli, "%zu matches\n"), count);
    free(res);
    return count ? AG_EXIT_OK : AG_EXIT_FAIL;
}

/* ---- export ---- */

static int catalog_export_cmd(struct cli *cli, struct catalog *cat, const char *format,
                              const char *output)
{
    enum catalog_format fmt;
    struct ag_error err;
    struct strbuf sb;
    if (!format || catalog_format_parse(format, &fmt) != AG_OK)
        return cli_fail(cli, AG_EXIT_BADINPUT,
                        cli_tr(cli, "--format: unknown format \"%s\" (use json, csv or oscal)"),
                        format ? format : "");
    strbuf_init(&sb, 0);
    int rc = catalog_export(cat, fmt, cli->lang, &sb, &err);
    if (rc == AG_OK)
        rc = ag_file_write_atomic(output ? output : "-", strbuf_str(&sb), sb.len, &err);
    strbuf_release(&sb);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    return AG_EXIT_OK;
}

/* ---- validate ---- */

static int catalog_validate(struct cli *cli, const char *path)
{
    struct catalog *cat;
    struct ag_error err;
    ag_error_clear(&err);
    int rc = catalog_load_file(&cat, path, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    printf(cli_tr(cli, "%s: valid catalog %s %s, %zu nodes, sha256 %s\n"), path, catalog_id(cat),
           catalog_version(cat), catalog_node_count(cat), catalog_sha256(cat));
    catalog_free(cat);
    return AG_EXIT_OK;
}

int cmd_catalog(struct cli *cli, int argc, char **argv)
{
    const char *pos[4], *depth_s = NULL, *format = NULL, *output = NULL;
    bool all = false;
    size_t npos;
    const struct cli_opt opts[] = {
        {"--all", NULL, &all}, {"--depth", &depth_s, NULL}, {"--format", &format, NULL},
        {"-o", &output, NULL}, {"--output", &output, NULL},
    };
    if (argc < 2)
        return usage(cli);
    const char *sub = argv[1];
    if (cli_parse(cli, argc, argv, 2, opts, AG_ARRAY_LEN(opts), pos, AG_ARRAY_LEN(pos), &npos))
        return AG_EXIT_BADINPUT;

    if (strcmp(sub, "validate") == 0) {
        if (npos != 1)
            return usage(cli);
        return catalog_validate(cli, pos[0]);
    }

    long depth = -1;
    if (depth_s) {
        char *end;
        depth = strtol(depth_s, &end, 10);
        if (*end || depth < 0 || depth > 100)
            return cli_fail(cli, AG_EXIT_BADINPUT,
                            cli_tr(cli, "--depth: \"%s\" is not a number from 0 to 100"), depth_s);
    }
    struct catalog *cat;
    if (cli_load_catalog(cli, &cat) != AG_OK)
        return AG_EXIT_BADINPUT;
    int status;
    if (strcmp(sub, "stats") == 0 && npos == 0)
        status = catalog_stats(cli, cat, cli->json);
    else if (strcmp(sub, "tree") == 0 && npos == 0)
        status = catalog_tree(cli, cat, depth, all);
    else if (strcmp(sub, "show") == 0 && npos == 1)
        status = catalog_show(cli, cat, pos[0], cli->json);
    else if (strcmp(sub, "search") == 0 && npos >= 1) {
        struct strbuf q;
        strbuf_init(&q, 4096);
        for (size_t i = 0; i < npos; i++) {
            strbuf_adds(&q, pos[i]);
            strbuf_addc(&q, ' ');
        }
        status = catalog_search_cmd(cli, cat, strbuf_str(&q));
        strbuf_release(&q);
    } else if (strcmp(sub, "export") == 0 && npos == 0)
        status = catalog_export_cmd(cli, cat, format, output);
    else
        status = usage(cli);
    catalog_free(cat);
    return status;
}

int cmd_help(struct cli *cli, int argc, char **argv)
{
    size_t n;
    const struct cli_command *cmds = cli_commands(&n);
    if (argc >= 2) {
        for (size_t i = 0; i < n; i++) {
            if (strcmp(argv[1], cmds[i].name) == 0) {
                fputs(cli_tr(cli, cmds[i].usage), stdout);
                return AG_EXIT_OK;
            }
        }
        return cli_fail(cli, AG_EXIT_BADINPUT, cli_tr(cli, "unknown command \"%s\""), argv[1]);
    }
    fputs(cli_tr(cli, "main-usage"), stdout);
    for (size_t i = 0; i < n; i++)
        printf("  %-10s %s\n", cmds[i].name, cli_tr(cli, cmds[i].summary));
    return AG_EXIT_OK;
}
