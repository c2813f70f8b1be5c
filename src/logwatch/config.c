/*
 * config.c — the detection engine's part of the logwatch configuration file (YAML, libyaml):
 *
 *   site:
 *     timezone: "+09:00"              # the site's offset from UTC
 *     workdays: [mon, tue, wed, thu, fri]
 *     hours: "08:00-19:00"            # working hours (off_hours_login is outside them)
 *     holidays: [2026-01-01, 2026-01-02]
 *     service_accounts: [ansible, backup]   # automation: the field service_account
 *   allowlist: [10.0.0.0/8, 192.0.2.7] # never alerted on, never blocked
 *   rules:
 *     max_keys: 200000                # correlation keys kept (LRU eviction beyond)
 *     disable: [rule-name, …]
 *     suppress: {rule-name: 1h, …}
 *
 * Other top-level keys (respond:, outputs:, inputs:) belong to other parts and are skipped.
 */
#include "logwatch/logwatch_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

struct cl {
    const char *file;
    enum ag_lang lang;
    struct strbuf *errs;
    yaml_document_t *doc;
    size_t nerr;
};

static void AG_PRINTF(3, 4) cerr(struct cl *C, const yaml_node_t *at, const char *fmt, ...)
{
    strbuf_addf(C->errs, "%s:%zu:%zu: ", C->file, at ? at->start_mark.line + 1 : 1,
                at ? at->start_mark.column + 1 : 1);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(C->errs, fmt, ap);
    va_end(ap);
    strbuf_addc(C->errs, '\n');
    C->nerr++;
}

static yaml_node_t *nd(struct cl *C, yaml_node_item_t i)
{
    return yaml_document_get_node(C->doc, i);
}

static const char *sc(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static size_t seq_len(const yaml_node_t *n)
{
    return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static bool parse_hhmm(const char *s, int *minutes)
{
    if (strlen(s) != 5 || s[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return false;
    int h = (s[0] - '0') * 10 + s[1] - '0', m = (s[3] - '0') * 10 + s[4] - '0';
    if (h > 24 || m > 59 || (h == 24 && m))
        return false;
    *minutes = h * 60 + m;
    return true;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static char **texts(struct cl *C, const yaml_node_t *n, size_t *count, const char *key)
{
    *count = 0;
    if (n->type != YAML_SEQUENCE_NODE) {
        cerr(C, n, ag_tr(C->lang, "\"%s\" must be a list"), key);
        return NULL;
    }
    char **out = calloc(seq_len(n) + 1, sizeof(char *));
    for (size_t i = 0; out && i < seq_len(n); i++) {
        const char *s = sc(nd(C, n->data.sequence.items.start[i]));
        if (!s) {
            cerr(C, nd(C, n->data.sequence.items.start[i]), ag_tr(C->lang, "\"%s\" must be a list"),
                 key);
            continue;
        }
        out[(*count)++] = strdup(s);
    }
    return out;
}

static void load_site(struct cl *C, const yaml_node_t *site, struct lw_config *cfg)
{
    if (site->type != YAML_MAPPING_NODE) {
        cerr(C, site, "%s",
             ag_tr(C->lang, "site: must be a map (timezone, workdays, hours, holidays)"));
        return;
    }
    for (yaml_node_pair_t *p = site->data.mapping.pairs.start; p < site->data.mapping.pairs.top;
         p++) {
        const char *k = sc(nd(C, p->key));
        yaml_node_t *v = nd(C, p->value);
        if (!k)
            continue;
        if (!strcmp(k, "timezone")) {
            if (!sc(v) || !ag_utc_offset_parse(sc(v), &cfg->utc_offset))
                cerr(C, v, "%s", ag_tr(C->lang, "timezone must be an offset such as \"+09:00\""));
            else
                cfg->utc_offset_set = true;
        } else if (!strcmp(k, "hours")) {
            const char *s = sc(v);
            char a[6] = "", b[6] = "";
            if (!s || strlen(s) != 11 || s[5] != '-' ||
                (memcpy(a, s, 5), memcpy(b, s + 6, 5), !parse_hhmm(a, &cfg->work_start)) ||
                !parse_hhmm(b, &cfg->work_end) || cfg->work_end <= cfg->work_start)
                cerr(C, v, "%s",
                     ag_tr(C->lang, "hours must be \"HH:MM-HH:MM\" (e.g. \"08:00-19:00\")"));
        } else if (!strcmp(k, "workdays")) {
            static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            size_t n;
            char **list = texts(C, v, &n, "workdays");
            cfg->workdays = 0;
            for (size_t i = 0; i < n; i++) {
                size_t d = 0;
                while (d < 7 && strcasecmp(list[i], days[d]) != 0)
                    d++;
                if (d == 7)
                    cerr(C, v,
                         ag_tr(C->lang, "unknown day \"%s\" (mon, tue, wed, thu, fri, sat, sun)"),
                         list[i]);
                else
                    cfg->workdays |= 1u << d;
                free(list[i]);
            }
            free(list);
        } else if (!strcmp(k, "service_accounts")) {
            for (size_t i = 0; i < cfg->nservice; i++)
                free(cfg->service_accounts[i]);
            free(cfg->service_accounts);
            cfg->service_accounts = texts(C, v, &cfg->nservice, "service_accounts");
        } else if (!strcmp(k, "holidays")) {
            size_t n;
            char **list = texts(C, v, &n, "holidays");
            free(cfg->holidays);
            cfg->holidays = calloc(n + 1, sizeof(int32_t));
            cfg->nholidays = 0;
            for (size_t i = 0; i < n; i++) {
                char norm[11];
                if (ag_date_parse(list[i], norm) != AG_OK)
                    cerr(C, v, ag_tr(C->lang, "\"%s\" is not a date (YYYY-MM-DD)"), list[i]);
                else if (cfg->holidays)
                    cfg->holidays[cfg->nholidays++] = (int32_t)lw_days_from_civil(
                        (int)strtol(norm, NULL, 10), (int)strtol(norm + 5, NULL, 10),
                        (int)strtol(norm + 8, NULL, 10));
                free(list[i]);
            }
            free(list);
            if (cfg->holidays)
                qsort(cfg->holidays, cfg->nholidays, sizeof(int32_t), cmp_i32);
        } else {
            cerr(
                C, nd(C, p->key),
                ag_tr(C->lang, "unknown key \"%s\" in site: (timezone, workdays, hours, holidays)"),
                k);
        }
    }
}

static void load_allowlist(struct cl *C, const yaml_node_t *v, struct lw_config *cfg)
{
    size_t n;
    char **list = texts(C, v, &n, "allowlist");
    free(cfg->allow);
    cfg->allow = calloc(n + 1, sizeof(*cfg->allow));
    cfg->nallow = 0;
    for (size_t i = 0; i < n; i++) {
        if (!lw_cidr_parse(list[i], strlen(list[i]), &cfg->allow[cfg->nallow]))
            cerr(C, v, ag_tr(C->lang, "\"%s\" is not an address or address block"), list[i]);
        else
            cfg->nallow++;
        free(list[i]);
    }
    free(list);
}

static void load_rules_key(struct cl *C, const yaml_node_t *v, struct lw_config *cfg)
{
    if (v->type != YAML_MAPPING_NODE) {
        cerr(C, v, "%s", ag_tr(C->lang, "rules: must be a map (max_keys, disable, suppress)"));
        return;
    }
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        const char *k = sc(nd(C, p->key));
        yaml_node_t *x = nd(C, p->value);
        if (!k)
            continue;
        if (!strcmp(k, "max_keys")) {
            char *end;
            unsigned long long m = sc(x) ? strtoull(sc(x), &end, 10) : 0;
            if (!sc(x) || *end || m < 64 || m > 100000000ULL)
                cerr(C, x, "%s", ag_tr(C->lang, "max_keys must be a number from 64 to 100000000"));
            else
                cfg->max_keys = (size_t)m;
        } else if (!strcmp(k, "disable")) {
            cfg->disabled = texts(C, x, &cfg->ndisabled, "disable");
        } else if (!strcmp(k, "suppress") && x->type == YAML_MAPPING_NODE) {
            size_t n = (size_t)(x->data.mapping.pairs.top - x->data.mapping.pairs.start);
            cfg->suppress_rule = calloc(n + 1, sizeof(char *));
            cfg->suppress_secs = calloc(n + 1, sizeof(int64_t));
            for (yaml_node_pair_t *q = x->data.mapping.pairs.start;
                 cfg->suppress_rule && cfg->suppress_secs && q < x->data.mapping.pairs.top; q++) {
                const char *name = sc(nd(C, q->key)), *span = sc(nd(C, q->value));
                int64_t secs;
                if (!name || !span || !lw_parse_span(span, &secs)) {
                    cerr(C, nd(C, q->value), "%s",
                         ag_tr(C->lang, "suppress: takes rule names with periods such as 1h"));
                    continue;
                }
                cfg->suppress_rule[cfg->nsuppress] = strdup(name);
                cfg->suppress_secs[cfg->nsuppress++] = secs;
            }
        } else {
            cerr(C, nd(C, p->key),
                 ag_tr(C->lang, "unknown key \"%s\" in rules: (max_keys, disable, suppress)"), k);
        }
    }
}

int lw_config_load(const char *path, struct lw_config *cfg, enum ag_lang lang, struct strbuf *errs)
{
    char *text = NULL;
    size_t len = 0;
    struct ag_error e;
    if (ag_file_read(path, 1u << 20, &text, &len, &e) != AG_OK) {
        strbuf_addf(errs, "%s\n", e.msg); /* names the file */
        return AG_EIO;
    }
    yaml_parser_t parser;
    yaml_document_t doc;
    struct cl C = {path, lang, errs, &doc, 0};
    if (!yaml_parser_initialize(&parser)) {
        free(text);
        return AG_ENOMEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    int rc = AG_OK;
    if (!yaml_parser_load(&parser, &doc)) {
        strbuf_addf(errs, "%s:%zu:%zu: %s: %s\n", path, parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, ag_tr(lang, "YAML syntax error"),
                    parser.problem ? parser.problem : "?");
        rc = AG_EINVAL;
    } else {
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        if (root && root->type == YAML_MAPPING_NODE) {
            for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
                 p < root->data.mapping.pairs.top; p++) {
                const char *k = sc(nd(&C, p->key));
                yaml_node_t *v = nd(&C, p->value);
                if (k && !strcmp(k, "site"))
                    load_site(&C, v, cfg);
                else if (k && !strcmp(k, "allowlist"))
                    load_allowlist(&C, v, cfg);
                else if (k && !strcmp(k, "rules"))
                    load_rules_key(&C, v, cfg);
            }
        } else if (root) {
            cerr(&C, root, "%s", ag_tr(lang, "the configuration must be a YAML map"));
        }
        yaml_document_delete(&doc);
        if (C.nerr)
            rc = AG_EINVAL;
    }
    yaml_parser_delete(&parser);
    free(text);
    return rc;
}

void lw_config_release(struct lw_config *cfg)
{
    free(cfg->holidays);
    free(cfg->allow);
    for (size_t i = 0; i < cfg->ndisabled; i++)
        free(cfg->disabled[i]);
    free(cfg->disabled);
    for (size_t i = 0; i < cfg->nservice; i++)
        free(cfg->service_accounts[i]);
    free(cfg->service_accounts);
    for (size_t i = 0; i < cfg->nsuppress; i++)
        free(cfg->suppress_rule[i]);
    free(cfg->suppress_rule);
    free(cfg->suppress_secs);
    lw_config_init(cfg);
}
