/*
 * respond_config.c — the responses' part of the logwatch YAML file: the top-level keys
 * `respond:` and `allowlist:` (libyaml's document loader; other top-level keys belong to the
 * rule engine and the outputs and are skipped), plus the level and duration texts they use.
 * Any thread; no global state. Every error names the file, line and column (1-based).
 */
#include "logwatch/logwatch.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define CONFIG_MAX ((size_t)1 << 20)         /* a configuration file larger than 1 MiB is refused */
#define ALLOW_MAX 100000                     /* allowlist entries */
#define ENTRIES_MAX 10000000                 /* max_entries */
#define DURATION_MAX ((int64_t)3650 * 86400) /* the longest timeout nft takes */

static const char *const level_names[] = {"informational", "low", "medium", "high", "critical"};

bool lw_level_parse(const char *s, enum lw_level *out)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(level_names); i++)
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum lw_level)i;
            return true;
        }
    return false;
}

bool lw_duration_parse(const char *s, int64_t *seconds)
{
    size_t digits = strspn(s, "0123456789");
    bool bare = digits > 0 && s[digits] == '\0'; /* "90": seconds */
    int64_t total = 0;
    const char *p = s;
    if (!*p)
        return false;
    while (*p) {
        if (*p < '0' || *p > '9')
            return false;
        int64_t v = 0;
        while (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p++ - '0');
            if (v > DURATION_MAX)
                return false;
        }
        int64_t unit = bare ? 1 : 0;
        if (!bare) {
            const char *u = strchr("smhdw", *p);
            static const int64_t mult[] = {1, 60, 3600, 86400, 7 * 86400};
            if (!*p || !u)
                return false;
            unit = mult[u - "smhdw"];
            p++;
        }
        total += v * unit;
        if (total > DURATION_MAX)
            return false;
    }
    if (total <= 0)
        return false;
    *seconds = total;
    return true;
}

void lw_duration_format(int64_t seconds, char out[32])
{
    static const struct {
        int64_t n;
        char c;
    } units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
    size_t k = 0;
    out[0] = '\0';
    if (seconds <= 0) {
        snprintf(out, 32, "0s");
        return;
    }
    for (size_t i = 0; i < AG_ARRAY_LEN(units) && seconds > 0; i++) {
        int64_t v = seconds / units[i].n;
        if (!v)
            continue;
        int w = snprintf(out + k, 32 - k, "%lld%c", (long long)v, units[i].c);
        if (w < 0 || (size_t)w >= 32 - k)
            break;
        k += (size_t)w;
        seconds -= v * units[i].n;
    }
}

static void set_categories(char dst[][LW_RESPOND_CATEGORY_MAX], size_t *n, const char *const *src,
                           size_t count)
{
    for (size_t i = 0; i < count; i++)
        snprintf(dst[i], LW_RESPOND_CATEGORY_MAX, "%s", src[i]);
    *n = count;
}

void lw_respond_config_init(struct lw_respond_config *c)
{
    static const char *const block[] = {"password_list_attack", "brute_force", "web_attack"};
    static const char *const lock[] = {"login_after_failures", "unused_account_login"};
    memset(c, 0, sizeof(*c));
    set_categories(c->categories, &c->ncategories, block, AG_ARRAY_LEN(block));
    set_categories(c->lock_categories, &c->nlock, lock, AG_ARRAY_LEN(lock));
    c->min_level = LW_LEVEL_MEDIUM;
    const int64_t d[] = {600, 3600, 86400, 7 * 86400};
    memcpy(c->durations, d, sizeof(d));
    c->ndurations = AG_ARRAY_LEN(d);
    c->window = 7 * 86400;
    snprintf(c->table, sizeof(c->table), "airguard");
    c->max_entries = 65536;
}

void lw_respond_config_release(struct lw_respond_config *c)
{
    free(c->allow);
    c->allow = NULL;
    c->nallow = 0;
}

const struct lw_cidr *lw_respond_allowlisted(const struct lw_respond_config *c, int family,
                                             const uint8_t addr[16])
{
    for (size_t i = 0; i < c->nallow; i++)
        if (lw_cidr_match(&c->allow[i], family, addr))
            return &c->allow[i];
    return NULL;
}

/* ---- reading the YAML document ---- */

struct rd {
    yaml_document_t *doc;
    const char *name;
    struct lw_respond_config *c;
    struct ag_error *err;
};

/* An error at node n: the format's message follows "FILE:LINE:COLUMN: " (one literal, so the
 * whole text is a key of the message table). */
#define FAIL_AT(r, n, fmt, ...)                                                                    \
    ag_error_set((r)->err, AG_EINVAL, "%s:%zu:%zu: " fmt, (r)->name,                               \
                 (size_t)(n)->start_mark.line + 1, (size_t)(n)->start_mark.column + 1,             \
                 __VA_ARGS__)

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* n as a scalar, else an error naming what was expected. */
static int want_scalar(struct rd *r, const yaml_node_t *n, const char *key, const char **out)
{
    *out = scalar(n);
    if (!*out || strlen(*out) != n->data.scalar.length)
        return FAIL_AT(r, n, "%s: a single value expected", key);
    return AG_OK;
}

static int read_bool(struct rd *r, const yaml_node_t *n, const char *key, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "True", "Yes", "On", "TRUE"};
    static const char *const no[] = {"false", "no", "off", "False", "No", "Off", "FALSE"};
    const char *s;
    int rc = want_scalar(r, n, key, &s);
    if (rc)
        return rc;
    for (size_t i = 0; i < AG_ARRAY_LEN(yes); i++) {
        if (strcmp(s, yes[i]) == 0)
            return *out = true, AG_OK;
        if (strcmp(s, no[i]) == 0)
            return *out = false, AG_OK;
    }
    return FAIL_AT(r, n, "%s: true or false expected", key);
}

static int read_duration(struct rd *r, const yaml_node_t *n, const char *key, int64_t *out)
{
    const char *s;
    int rc = want_scalar(r, n, key, &s);
    if (rc == AG_OK && !lw_duration_parse(s, out))
        return FAIL_AT(r, n, "%s: \"%s\" is not a duration (e.g. 90s, 10m, 1h, 7d)", key, s);
    return rc;
}

/* The items of a sequence node (a single scalar counts as a list of one). */
static int items(struct rd *r, yaml_node_t *n, const char *key, yaml_node_item_t **b,
                 yaml_node_item_t **e, yaml_node_item_t *one)
{
    if (n->type == YAML_SEQUENCE_NODE) {
        *b = n->data.sequence.items.start;
        *e = n->data.sequence.items.top;
        return AG_OK;
    }
    if (n->type == YAML_SCALAR_NODE) {
        *one = (yaml_node_item_t)(n - r->doc->nodes.start + 1);
        *b = one;
        *e = one + 1;
        return AG_OK;
    }
    return FAIL_AT(r, n, "%s: a list expected", key);
}

static bool category_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= LW_RESPOND_CATEGORY_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '.'))
            return false;
    return true;
}

static int read_categories(struct rd *r, yaml_node_t *n, const char *key,
                           char dst[][LW_RESPOND_CATEGORY_MAX], size_t *count)
{
    yaml_node_item_t *b = NULL, *e = NULL, one = 0;
    int rc = items(r, n, key, &b, &e, &one);
    if (rc)
        return rc;
    size_t k = 0;
    for (yaml_node_item_t *it = b; it < e; it++) {
        yaml_node_t *v = yaml_document_get_node(r->doc, *it);
        const char *s;
        if ((rc = want_scalar(r, v, key, &s)))
            return rc;
        if (!category_ok(s))
            return FAIL_AT(r, v, "%s: a category is letters, digits, _ - . (at most 63 characters)",
                           key);
        if (k == LW_RESPOND_MAX_CATEGORIES)
            return FAIL_AT(r, v, "%s: too many categories (at most 32)", key);
        snprintf(dst[k++], LW_RESPOND_CATEGORY_MAX, "%s", s);
    }
    *count = k;
    return AG_OK;
}

static int read_respond(struct rd *r, yaml_node_t *m)
{
    struct lw_respond_config *c = r->c;
    if (m->type != YAML_MAPPING_NODE)
        return FAIL_AT(r, m, "%s: a mapping of settings expected", "respond");
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = yaml_document_get_node(r->doc, p->key);
        yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
        const char *k = scalar(kn), *s;
        int rc = AG_OK;
        if (!k)
            return FAIL_AT(r, kn, "%s: a setting name expected", "respond");
        if (strcmp(k, "enabled") == 0) {
            rc = read_bool(r, v, k, &c->enabled);
        } else if (strcmp(k, "dry_run") == 0) {
            rc = read_bool(r, v, k, &c->dry_run);
        } else if (strcmp(k, "categories") == 0) {
            rc = read_categories(r, v, k, c->categories, &c->ncategories);
        } else if (strcmp(k, "lock_accounts") == 0) {
            rc = read_categories(r, v, k, c->lock_categories, &c->nlock);
        } else if (strcmp(k, "min_level") == 0) {
            if ((rc = want_scalar(r, v, k, &s)) == AG_OK && !lw_level_parse(s, &c->min_level))
                rc = FAIL_AT(r, v, "%s: one of informational, low, medium, high, critical", k);
        } else if (strcmp(k, "durations") == 0) {
            yaml_node_item_t *b = NULL, *e = NULL, one = 0;
            if ((rc = items(r, v, k, &b, &e, &one)))
                return rc;
            if (b == e)
                return FAIL_AT(r, v, "%s: at least one duration expected", k);
            size_t nd = 0;
            for (yaml_node_item_t *it = b; it < e && rc == AG_OK; it++) {
                yaml_node_t *d = yaml_document_get_node(r->doc, *it);
                if (nd == LW_RESPOND_MAX_DURATIONS)
                    return FAIL_AT(r, d, "%s: too many durations (at most 16)", k);
                rc = read_duration(r, d, k, &c->durations[nd++]);
            }
            c->ndurations = nd;
        } else if (strcmp(k, "window") == 0) {
            rc = read_duration(r, v, k, &c->window);
        } else if (strcmp(k, "table") == 0) {
            if ((rc = want_scalar(r, v, k, &s)) == AG_OK && !lw_nft_table_ok(s))
                rc = FAIL_AT(r, v,
                             "%s: a table name is a letter, then letters, digits or _ (at most 32)",
                             k);
            if (rc == AG_OK)
                snprintf(c->table, sizeof(c->table), "%s", s);
        } else if (strcmp(k, "max_entries") == 0) {
            char *end;
            if ((rc = want_scalar(r, v, k, &s)))
                return rc;
            unsigned long long x = strtoull(s, &end, 10);
            if (*s < '0' || *s > '9' || *end || x < 1 || x > ENTRIES_MAX)
                return FAIL_AT(r, v, "%s: a whole number from 1 to 10000000 expected", k);
            c->max_entries = (size_t)x;
        } else {
            return FAIL_AT(r, kn,
                           "%s: unknown setting \"%s\" (enabled, dry_run, categories, min_level, "
                           "durations, window, table, max_entries, lock_accounts)",
                           "respond", k ? k : "");
        }
        if (rc)
            return rc;
    }
    return AG_OK;
}

static int read_allowlist(struct rd *r, yaml_node_t *n)
{
    yaml_node_item_t *b = NULL, *e = NULL, one = 0;
    int rc = items(r, n, "allowlist", &b, &e, &one);
    if (rc)
        return rc;
    size_t count = (size_t)(e - b);
    if (count > ALLOW_MAX)
        return FAIL_AT(r, n, "%s: too many entries (at most 100000)", "allowlist");
    struct lw_cidr *a = calloc(count ? count : 1, sizeof(*a));
    if (!a)
        return ag_error_set(r->err, AG_ENOMEM, "%s: out of memory", r->name);
    for (size_t i = 0; i < count; i++) {
        yaml_node_t *v = yaml_document_get_node(r->doc, b[i]);
        const char *s;
        if ((rc = want_scalar(r, v, "allowlist", &s)))
            break;
        if (!lw_cidr_parse(s, strlen(s), &a[i])) {
            rc = FAIL_AT(r, v,
                         "%s: \"%s\" is not an address or address block (e.g. 192.0.2.1, "
                         "10.0.0.0/8, 2001:db8::/32)",
                         "allowlist", s);
            break;
        }
    }
    if (rc) {
        free(a);
        return rc;
    }
    free(r->c->allow);
    r->c->allow = a;
    r->c->nallow = count;
    return AG_OK;
}

int lw_respond_config_parse(const char *text, size_t n, const char *name,
                            struct lw_respond_config *c, struct ag_error *err)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    int rc = AG_OK;
    if (!yaml_parser_initialize(&parser))
        return ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, n);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = ag_error_set(err, AG_EINVAL, "%s:%zu:%zu: not valid YAML: %s%s%s", name,
                          (size_t)parser.problem_mark.line + 1,
                          (size_t)parser.problem_mark.column + 1,
                          parser.context ? parser.context : "", parser.context ? ": " : "",
                          parser.problem ? parser.problem : "not YAML");
        yaml_parser_delete(&parser);
        return rc;
    }
    struct rd r = {&doc, name, c, err};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type != YAML_MAPPING_NODE) {
        rc = FAIL_AT(&r, root, "%s: a mapping of top-level keys (respond, allowlist, …) expected",
                     "logwatch");
    } else if (root) {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             p < root->data.mapping.pairs.top && rc == AG_OK; p++) {
            const char *k = scalar(yaml_document_get_node(&doc, p->key));
            yaml_node_t *v = yaml_document_get_node(&doc, p->value);
            if (k && strcmp(k, "respond") == 0)
                rc = read_respond(&r, v);
            else if (k && strcmp(k, "allowlist") == 0)
                rc = read_allowlist(&r, v);
        }
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}

int lw_respond_config_load(const char *path, struct lw_respond_config *c, struct ag_error *err)
{
    char *text;
    size_t n;
    int rc = ag_file_read(path, CONFIG_MAX, &text, &n, err);
    if (rc)
        return rc;
    rc = lw_respond_config_parse(text, n, path, c, err);
    free(text);
    return rc;
}
