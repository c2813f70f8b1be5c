/*
 * config.c — the top-level key `archive:` of the logwatch YAML configuration (the other keys
 * belong to the other parts and are ignored here):
 *     archive:
 *       dir: /var/lib/airguard/logs   # where logwatch run|serve archives (like --archive)
 *       segment_mb: 64                # seal at this many MiB of raw lines (1–4096)
 *       max_age: 24h                  # … or this long after a segment was opened
 *       level: 1                      # zstd level (1–19)
 * Errors name the file, line and column and the key.
 */
#include "logarchive/logarchive_int.h"
#include "logwatch/logwatch.h"

#include <errno.h>
#include <yaml.h>

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int bad(struct ag_error *err, const char *path, const yaml_node_t *n, const char *key,
               const char *what)
{
    return ag_error_set(err, AG_EINVAL, "%s:%zu:%zu: archive.%s: %s", path,
                        (size_t)n->start_mark.line + 1, (size_t)n->start_mark.column + 1, key,
                        what);
}

static bool number(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int one_key(const char *path, yaml_node_t *k, yaml_node_t *v, char *dir, size_t cap,
                   struct la_options *o, struct ag_error *err)
{
    const char *key = scalar(k), *val = scalar(v);
    long n;
    int64_t secs;
    if (!key)
        return bad(err, path, k, "?", "a key must be a name");
    if (!strcmp(key, "dir")) {
        if (!val || !*val || strlen(val) >= cap)
            return bad(err, path, v, key, "a folder path");
        memcpy(dir, val, strlen(val) + 1);
    } else if (!strcmp(key, "segment_mb")) {
        if (!number(val, 1, 4096, &n))
            return bad(err, path, v, key, "a number of MiB from 1 to 4096");
        o->max_raw_bytes = (uint64_t)n << 20;
    } else if (!strcmp(key, "max_age")) {
        if (!val || !lw_duration_parse(val, &secs))
            return bad(err, path, v, key, "a duration such as 24h or 7d");
        o->max_age = secs;
    } else if (!strcmp(key, "level")) {
        if (!number(val, 1, 19, &n))
            return bad(err, path, v, key, "a zstd level from 1 to 19");
        o->level = (int)n;
    } else {
        return bad(err, path, k, key, "unknown key (dir, segment_mb, max_age, level)");
    }
    return AG_OK;
}

int la_config_load(const char *path, char *dir, size_t cap, struct la_options *o,
                   struct ag_error *err)
{
    char *text;
    size_t len;
    int rc = ag_file_read(path, 1u << 20, &text, &len, err);
    if (rc)
        return rc;
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        free(text);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = ag_error_set(err, AG_EINVAL, "%s:%zu:%zu: %s", path,
                          (size_t)parser.problem_mark.line + 1,
                          (size_t)parser.problem_mark.column + 1,
                          parser.problem ? parser.problem : "not valid YAML");
        yaml_parser_delete(&parser);
        free(text);
        return rc;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    for (yaml_node_pair_t *p =
             root && root->type == YAML_MAPPING_NODE ? root->data.mapping.pairs.start : NULL;
         p && rc == AG_OK && p < root->data.mapping.pairs.top; p++) {
        const char *key = scalar(yaml_document_get_node(&doc, p->key));
        yaml_node_t *v = yaml_document_get_node(&doc, p->value);
        if (!key || strcmp(key, "archive") != 0 || !v)
            continue;
        if (v->type != YAML_MAPPING_NODE) {
            rc = ag_error_set(err, AG_EINVAL,
                              "%s:%zu:%zu: archive: a mapping (dir, segment_mb, "
                              "max_age, level)",
                              path, (size_t)v->start_mark.line + 1,
                              (size_t)v->start_mark.column + 1);
            break;
        }
        for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
             rc == AG_OK && q < v->data.mapping.pairs.top; q++)
            rc = one_key(path, yaml_document_get_node(&doc, q->key),
                         yaml_document_get_node(&doc, q->value), dir, cap, o, err);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    free(text);
    return rc;
}
