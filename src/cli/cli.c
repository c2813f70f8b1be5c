/*
 * cli.c — option parsing and output helpers shared by the commands.
 */
#include "cli/cli.h"
#include "isms/isms.h"
#include "store/store.h"

#include <string.h>

const char *cli_tr(const struct cli *cli, const char *key)
{
    return ag_tr(cli->lang, key);
}

int cli_fail(struct cli *cli, int status, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", cli->prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

void cli_print_padded(const char *s, size_t width)
{
    size_t w = ag_text_width(s);
    fputs(s, stdout);
    for (; w < width; w++)
        putchar(' ');
}

int cli_status(int rc)
{
    switch (rc) {
    case AG_OK:
        return AG_EXIT_OK;
    case AG_EINVAL:
    case AG_EUSAGE:
    case AG_ENOTFOUND:
    case AG_ECONFLICT:
        return AG_EXIT_BADINPUT;
    case AG_EDENIED:
        return AG_EXIT_DENIED;
    default:
        return AG_EXIT_FAIL;
    }
}

int cli_load_catalog(struct cli *cli, struct catalog **out)
{
    struct ag_error err;
    ag_error_clear(&err);
    int rc = cli->catalog_path ? catalog_load_file(out, cli->catalog_path, &err)
                               : catalog_load_default(out, &err);
    if (rc)
        cli_fail(cli, 0, "%s", err.msg);
    return rc;
}

int cli_open_store(struct cli *cli, struct store **out)
{
    struct ag_error err;
    int version, rc;
    const char *path = cli->db_path ? cli->db_path : store_default_path();
    if ((rc = store_open(out, path, 0, &err))) {
        cli_fail(cli, 0, "%s", err.msg);
        return rc;
    }
    if (store_schema_version(*out, &version) != AG_OK || version != store_schema_latest()) {
        cli_fail(cli, 0,
                 cli_tr(cli, "%s: the store has schema version %d, this program needs %d; run: "
                             "airguard db migrate"),
                 path, version, store_schema_latest());
        store_free(*out);
        *out = NULL;
        return AG_EINVAL;
    }
    store_set_actor(*out, cli->actor ? cli->actor : "cli");
    return AG_OK;
}

int cli_actor_id(struct cli *cli, struct store *st, long long *id)
{
    struct ag_error err;
    if (!cli->actor || !*cli->actor) {
        cli_fail(cli, 0, "%s",
                 cli_tr(cli, "this step needs the acting person: --as LOGIN (or AIRGUARD_USER)"));
        return AG_EUSAGE;
    }
    int rc = isms_person_id(st, cli->actor, id, &err);
    if (rc)
        cli_fail(cli, 0, "--as: %s", err.msg);
    return rc;
}

static int set_lang(struct cli *cli, const char *v)
{
    if (ag_lang_parse(v, &cli->lang) == AG_OK)
        ag_error_set_lang(cli->lang);
    else {
        cli_fail(cli, 0, cli_tr(cli, "--lang: unknown language \"%s\" (use ja or en)"), v);
        return AG_EUSAGE;
    }
    return AG_OK;
}

int cli_parse(struct cli *cli, int argc, char **argv, int start, const struct cli_opt *opts,
              size_t nopts, const char **pos, size_t maxpos, size_t *npos)
{
    *npos = 0;
    bool only_pos = false;
    for (int i = start; i < argc; i++) {
        const char *a = argv[i];
        if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
            if (*npos >= maxpos) {
                cli_fail(cli, 0, cli_tr(cli, "unexpected argument \"%s\""), a);
                return AG_EUSAGE;
            }
            pos[(*npos)++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_pos = true;
            continue;
        }
        /* --name=value or --name value */
        const char *eq = strchr(a, '=');
        size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
        const char *val = eq ? eq + 1 : NULL;
        const char **dst = NULL;
        bool *flag = NULL;
        const char *lang = NULL;
        if (nlen == 6 && strncmp(a, "--lang", 6) == 0)
            dst = &lang;
        else if (nlen == 9 && strncmp(a, "--catalog", 9) == 0)
            dst = &cli->catalog_path;
        else if (nlen == 4 && strncmp(a, "--db", 4) == 0)
            dst = &cli->db_path;
        else if (nlen == 4 && strncmp(a, "--as", 4) == 0)
            dst = &cli->actor;
        else if (nlen == 6 && strncmp(a, "--json", 6) == 0 && !eq)
            flag = &cli->json;
        for (size_t k = 0; !dst && k < nopts; k++) {
            if (strlen(opts[k].name) == nlen && strncmp(a, opts[k].name, nlen) == 0) {
                dst = opts[k].value;
                flag = opts[k].flag;
            }
        }
        if (!dst && !flag) {
            cli_fail(cli, 0, cli_tr(cli, "unknown option \"%s\""), a);
            return AG_EUSAGE;
        }
        if (flag) {
            if (val) {
                cli_fail(cli, 0, cli_tr(cli, "option \"%.*s\" takes no value"), (int)nlen, a);
                return AG_EUSAGE;
            }
            *flag = true;
            continue;
        }
        if (!val) {
            if (i + 1 >= argc) {
                cli_fail(cli, 0, cli_tr(cli, "option \"%s\" needs a value"), a);
                return AG_EUSAGE;
            }
            val = argv[++i];
        }
        *dst = val;
        if (lang && set_lang(cli, lang) != AG_OK)
            return AG_EUSAGE;
    }
    return AG_OK;
}
