/*
 * rules.c — detection rules: a Sigma-compatible YAML subset (libyaml) compiled into tests on
 * the normalised event, and their evaluation.
 *
 * Loading builds a struct lw_ruleset from .yml/.yaml files (a directory is read in name
 * order, sub-directories included; a file may hold several YAML documents). Every error names
 * file, line and column; without keep_going one bad rule fails the whole load, so a typo never
 * silently disables detection. Evaluation (lw_rule_match) is a pure function of the compiled
 * rule and the event, allocates nothing and is safe from any thread.
 */
#include "logwatch/logwatch_int.h"
#include "logwatch/rules_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <yaml.h>

#define LW_RULE_FILE_MAX (4u << 20) /* a rule file larger than this is refused */
#define LW_MAX_VALUES 4096          /* values of one field test */

/* ---- fields ---- */

static const struct {
    const char *name;
    enum lw_field f;
} field_names[] = {
    {"action", LW_FLD_ACTION},
    {"outcome", LW_FLD_OUTCOME},
    {"program", LW_FLD_PROGRAM},
    {"host", LW_FLD_HOST},
    {"user", LW_FLD_USER},
    {"target", LW_FLD_TARGET},
    {"method", LW_FLD_METHOD},
    {"src_ip", LW_FLD_SRC_IP},
    {"src_port", LW_FLD_SRC_PORT},
    {"decoder", LW_FLD_DECODER},
    {"message", LW_FLD_MESSAGE},
    {"pid", LW_FLD_PID},
    {"http_status", LW_FLD_HTTP_STATUS},
    {"event_id", LW_FLD_EVENT_ID},
    {"invalid_user", LW_FLD_INVALID_USER},
    {"preauth", LW_FLD_PREAUTH},
    {"repeat", LW_FLD_REPEAT},
    {"hour", LW_FLD_HOUR},
    {"weekday", LW_FLD_WEEKDAY},
    {"workhours", LW_FLD_WORKHOURS},
    {"holiday", LW_FLD_HOLIDAY},
    {"admin_group", LW_FLD_ADMIN_GROUP},
    {"service_account", LW_FLD_SERVICE_ACCOUNT},
    /* names common in Sigma rules for the same things */
    {"EventID", LW_FLD_EVENT_ID},
    {"TargetUserName", LW_FLD_USER},
    {"User", LW_FLD_USER},
    {"user.name", LW_FLD_USER},
    {"IpAddress", LW_FLD_SRC_IP},
    {"SourceIp", LW_FLD_SRC_IP},
    {"source.ip", LW_FLD_SRC_IP},
    {"c-ip", LW_FLD_SRC_IP},
    {"IpPort", LW_FLD_SRC_PORT},
    {"SourcePort", LW_FLD_SRC_PORT},
    {"Computer", LW_FLD_HOST},
    {"hostname", LW_FLD_HOST},
    {"Message", LW_FLD_MESSAGE},
    {"msg", LW_FLD_MESSAGE},
    {"cs-uri-query", LW_FLD_TARGET},
    {"cs-uri-stem", LW_FLD_TARGET},
    {"c-uri", LW_FLD_TARGET},
    {"url", LW_FLD_TARGET},
    {"cs-method", LW_FLD_METHOD},
    {"sc-status", LW_FLD_HTTP_STATUS},
};

const char *lw_field_name(enum lw_field f)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(field_names); i++)
        if (field_names[i].f == f)
            return field_names[i].name;
    return "?";
}

static bool field_lookup(const char *s, size_t n, enum lw_field *f)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(field_names); i++)
        if (strlen(field_names[i].name) == n && memcmp(field_names[i].name, s, n) == 0) {
            *f = field_names[i].f;
            return true;
        }
    return false;
}

enum field_kind { FK_TEXT, FK_NUM, FK_BOOL, FK_ACTION, FK_OUTCOME };

static enum field_kind field_kind(enum lw_field f)
{
    switch (f) {
    case LW_FLD_ACTION:
        return FK_ACTION;
    case LW_FLD_OUTCOME:
        return FK_OUTCOME;
    case LW_FLD_SRC_PORT:
    case LW_FLD_HTTP_STATUS:
    case LW_FLD_EVENT_ID:
    case LW_FLD_REPEAT:
    case LW_FLD_HOUR:
    case LW_FLD_WEEKDAY:
        return FK_NUM;
    case LW_FLD_INVALID_USER:
    case LW_FLD_PREAUTH:
    case LW_FLD_WORKHOURS:
    case LW_FLD_HOLIDAY:
    case LW_FLD_ADMIN_GROUP:
    case LW_FLD_SERVICE_ACCOUNT:
        return FK_BOOL;
    default:
        return FK_TEXT;
    }
}

static bool is_time_field(enum lw_field f)
{
    return f == LW_FLD_HOUR || f == LW_FLD_WEEKDAY || f == LW_FLD_WORKHOURS || f == LW_FLD_HOLIDAY;
}

/* The value of a numeric, boolean or enum field; false when the event has none. */
static bool field_num(const struct lw_evx *x, enum lw_field f, int64_t *v)
{
    const struct lw_event *ev = x->ev;
    switch (f) {
    case LW_FLD_ACTION:
        *v = ev->action;
        return true;
    case LW_FLD_OUTCOME:
        *v = ev->outcome;
        return true;
    case LW_FLD_SRC_PORT:
        *v = ev->src_port;
        return ev->src_port != 0;
    case LW_FLD_HTTP_STATUS:
        *v = ev->http_status;
        return ev->http_status != 0;
    case LW_FLD_EVENT_ID:
        *v = ev->event_id;
        return ev->event_id != 0;
    case LW_FLD_REPEAT:
        *v = ev->repeat;
        return true;
    case LW_FLD_INVALID_USER:
        *v = (ev->flags & LW_F_INVALID_USER) != 0;
        return true;
    case LW_FLD_PREAUTH:
        *v = (ev->flags & LW_F_PREAUTH) != 0;
        return true;
    case LW_FLD_ADMIN_GROUP:
        *v = (ev->flags & LW_F_ADMIN_GROUP) != 0;
        return true;
    case LW_FLD_SERVICE_ACCOUNT:
        *v = x->service;
        return true;
    case LW_FLD_HOUR:
        *v = x->hour;
        return x->have_time;
    case LW_FLD_WEEKDAY:
        *v = x->weekday;
        return x->have_time;
    case LW_FLD_WORKHOURS:
        *v = x->workhours;
        return x->have_time;
    case LW_FLD_HOLIDAY:
        *v = x->holiday;
        return x->have_time;
    default:
        return false;
    }
}

static struct lw_slice field_str(const struct lw_evx *x, enum lw_field f)
{
    const struct lw_event *ev = x->ev;
    switch (f) {
    case LW_FLD_PROGRAM:
        return ev->program;
    case LW_FLD_HOST:
        return ev->host;
    case LW_FLD_USER:
        return ev->user;
    case LW_FLD_TARGET:
        return ev->target;
    case LW_FLD_METHOD:
        return ev->method;
    case LW_FLD_SRC_IP:
        return ev->src_family ? ev->src : (struct lw_slice){NULL, 0};
    case LW_FLD_DECODER:
        return ev->decoder ? (struct lw_slice){ev->decoder, strlen(ev->decoder)}
                           : (struct lw_slice){NULL, 0};
    case LW_FLD_MESSAGE:
        return ev->msg;
    case LW_FLD_PID:
        return ev->pid;
    default:
        return (struct lw_slice){NULL, 0};
    }
}

struct lw_slice lw_field_text(const struct lw_evx *x, enum lw_field f, char buf[32])
{
    int64_t v;
    switch (field_kind(f)) {
    case FK_TEXT:
        return field_str(x, f);
    case FK_ACTION:
        return (struct lw_slice){lw_action_name(x->ev->action),
                                 strlen(lw_action_name(x->ev->action))};
    case FK_OUTCOME:
        return (struct lw_slice){lw_outcome_name(x->ev->outcome),
                                 strlen(lw_outcome_name(x->ev->outcome))};
    case FK_BOOL:
        if (!field_num(x, f, &v))
            return (struct lw_slice){NULL, 0};
        return v ? (struct lw_slice){"true", 4} : (struct lw_slice){"false", 5};
    case FK_NUM:
        if (!field_num(x, f, &v))
            return (struct lw_slice){NULL, 0};
        return (struct lw_slice){buf, (size_t)snprintf(buf, 32, "%" PRId64, v)};
    }
    return (struct lw_slice){NULL, 0};
}

/* ---- matching ---- */

static inline unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* p (lower case) equals s[0..n) ignoring ASCII case */
static bool eq_nocase(const char *s, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != (unsigned char)p[i])
            return false;
    return true;
}

static bool contains_nocase(struct lw_slice s, const char *p, size_t n)
{
    if (n == 0)
        return true;
    if (s.n < n)
        return false;
    unsigned char first = (unsigned char)p[0], up = first;
    if (first >= 'a' && first <= 'z')
        up = (unsigned char)(first - 32);
    for (size_t i = 0; i + n <= s.n; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if ((c == first || c == up) && eq_nocase(s.p + i + 1, p + 1, n - 1))
            return true;
    }
    return false;
}

/* Sigma wildcards: '*' any run, '?' one byte; the pattern was unescaped at load with literal
 * '*' and '?' stored as \x01 and \x02. Iterative with one backtrack point: linear-ish. */
static bool glob_nocase(struct lw_slice s, const char *p, size_t n)
{
    size_t i = 0, j = 0, star = SIZE_MAX, mark = 0;
    while (i < s.n) {
        if (j < n && p[j] == '*') {
            star = j++;
            mark = i;
        } else if (j < n && (p[j] == '?' ||
                             lower((unsigned char)s.p[i]) == (unsigned char)(p[j] == 1   ? '*'
                                                                             : p[j] == 2 ? '?'
                                                                                         : p[j]))) {
            i++;
            j++;
        } else if (star != SIZE_MAX) {
            j = star + 1;
            i = ++mark;
        } else {
            return false;
        }
    }
    while (j < n && p[j] == '*')
        j++;
    return j == n;
}

static bool value_match(const struct lw_value *v, struct lw_evx *x, enum lw_field f)
{
    int64_t num;
    struct lw_slice s;
    switch (v->op) {
    case LW_OP_NUM:
        return field_num(x, f, &num) && num == v->num;
    case LW_OP_GT:
        return field_num(x, f, &num) && num > v->num;
    case LW_OP_GTE:
        return field_num(x, f, &num) && num >= v->num;
    case LW_OP_LT:
        return field_num(x, f, &num) && num < v->num;
    case LW_OP_LTE:
        return field_num(x, f, &num) && num <= v->num;
    case LW_OP_EXISTS:
        if (field_kind(f) == FK_TEXT)
            return (field_str(x, f).n != 0) == (v->num != 0);
        return field_num(x, f, &num) == (v->num != 0);
    case LW_OP_CIDR:
        return x->ev->src_family && lw_cidr_match(&v->cidr, x->ev->src_family, x->ev->src_addr);
    default:
        break;
    }
    s = field_str(x, f);
    switch (v->op) {
    case LW_OP_EQ:
        return s.n == v->n && eq_nocase(s.p, v->s, v->n);
    case LW_OP_STARTS:
        return s.n >= v->n && eq_nocase(s.p, v->s, v->n);
    case LW_OP_ENDS:
        return s.n >= v->n && eq_nocase(s.p + s.n - v->n, v->s, v->n);
    case LW_OP_CONTAINS:
        return contains_nocase(s, v->s, v->n);
    case LW_OP_GLOB:
        return glob_nocase(s, v->s, v->n);
    case LW_OP_RE: {
        if (v->hs_db)
            return lw_rules_hs_match(v, x, s);
        /* match data of one ovector pair on the stack-like thread cache: pcre2 needs one; a
         * per-thread block keeps evaluation allocation-free after the first call */
        static _Thread_local pcre2_match_data *md;
        if (!md && !(md = pcre2_match_data_create(1, NULL)))
            return false;
        return pcre2_match(v->re, (PCRE2_SPTR)(s.p ? s.p : ""), s.n, 0, 0, md, NULL) >= 0;
    }
    default:
        return false;
    }
}

bool lw_test_match(const struct lw_test *t, struct lw_evx *x)
{
    if (t->all) {
        for (size_t i = 0; i < t->nv; i++)
            if (!value_match(&t->v[i], x, t->field))
                return false;
        return true;
    }
    for (size_t i = 0; i < t->nv; i++)
        if (value_match(&t->v[i], x, t->field))
            return true;
    return false;
}

static bool sel_match(const struct lw_selection *s, struct lw_evx *x)
{
    for (size_t m = 0; m < s->nm; m++) {
        const struct lw_map *map = &s->m[m];
        size_t i = 0;
        while (i < map->nt && lw_test_eval(&map->t[i], x))
            i++;
        if (i == map->nt)
            return true;
    }
    return false;
}

static bool cond_eval(const struct lw_rule *r, const struct lw_cond *c, struct lw_evx *x)
{
    switch (c->kind) {
    case LW_C_SEL:
        return sel_match(&r->sel[c->sels[0]], x);
    case LW_C_AND:
        return cond_eval(r, c->a, x) && cond_eval(r, c->b, x);
    case LW_C_OR:
        return cond_eval(r, c->a, x) || cond_eval(r, c->b, x);
    case LW_C_NOT:
        return !cond_eval(r, c->a, x);
    case LW_C_ONE_OF:
        for (size_t i = 0; i < c->nsels; i++)
            if (sel_match(&r->sel[c->sels[i]], x))
                return true;
        return false;
    case LW_C_ALL_OF:
        for (size_t i = 0; i < c->nsels; i++)
            if (!sel_match(&r->sel[c->sels[i]], x))
                return false;
        return true;
    }
    return false;
}

bool lw_rule_match(const struct lw_rule *r, struct lw_evx *x)
{
    return r->cond && cond_eval(r, r->cond, x);
}

/* appends the tests of c (negated when neg) to out; false when c is no conjunction of tests */
static bool flatten(const struct lw_rule *r, const struct lw_cond *c, bool neg,
                    struct lw_flat_test *out, size_t cap, size_t *n)
{
    switch (c->kind) {
    case LW_C_SEL:
    case LW_C_ONE_OF:
    case LW_C_ALL_OF: {
        /* `1 of` one selection is that selection; `all of` several is their conjunction */
        if (c->kind == LW_C_ONE_OF && c->nsels != 1)
            return false;
        size_t ns = c->kind == LW_C_SEL ? 1 : c->nsels;
        if (neg && ns != 1)
            return false;
        for (size_t i = 0; i < ns; i++) {
            const struct lw_selection *s = &r->sel[c->sels[i]];
            if (s->nm != 1 || (neg && s->m[0].nt != 1)) /* several maps: an or */
                return false;
            for (size_t t = 0; t < s->m[0].nt; t++) {
                if (*n == cap)
                    return false;
                out[(*n)++] = (struct lw_flat_test){&s->m[0].t[t], neg};
            }
        }
        return true;
    }
    case LW_C_AND:
        return !neg && flatten(r, c->a, false, out, cap, n) && flatten(r, c->b, false, out, cap, n);
    case LW_C_NOT:
        return flatten(r, c->a, !neg, out, cap, n);
    case LW_C_OR:
        return false;
    }
    return false;
}

bool lw_rule_flatten(const struct lw_rule *r, struct lw_flat_test *out, size_t cap, size_t *n)
{
    *n = 0;
    return r->cond && flatten(r, r->cond, false, out, cap, n);
}

/* ---- loading ---- */

struct load {
    const char *file;
    enum ag_lang lang;
    struct strbuf *errs;
    size_t nerr;
    yaml_document_t *doc;
};

static void AG_PRINTF(3, 4) lerr(struct load *L, const yaml_node_t *at, const char *fmt, ...)
{
    strbuf_addf(L->errs, "%s:%zu:%zu: ", L->file, at ? at->start_mark.line + 1 : 1,
                at ? at->start_mark.column + 1 : 1);
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(L->errs, fmt, ap);
    va_end(ap);
    strbuf_addc(L->errs, '\n');
    L->nerr++;
}

#define TR(L, key) ag_tr((L)->lang, key)

static yaml_node_t *node(struct load *L, yaml_node_item_t i)
{
    return yaml_document_get_node(L->doc, i);
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* the value of key in mapping m, or NULL */
static yaml_node_t *map_get(struct load *L, const yaml_node_t *m, const char *key)
{
    if (!m || m->type != YAML_MAPPING_NODE)
        return NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *k = scalar(node(L, p->key));
        if (k && strcmp(k, key) == 0)
            return node(L, p->value);
    }
    return NULL;
}

static char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static char *get_text(struct load *L, const yaml_node_t *m, const char *key, bool required)
{
    yaml_node_t *v = map_get(L, m, key);
    if (!v) {
        if (required)
            lerr(L, m, TR(L, "the rule has no \"%s\""), key);
        return NULL;
    }
    if (!scalar(v)) {
        lerr(L, v, TR(L, "\"%s\" must be a text"), key);
        return NULL;
    }
    return xstrdup(scalar(v));
}

bool lw_parse_span(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || v <= 0)
        return false;
    int64_t mul;
    if (strcmp(end, "s") == 0)
        mul = 1;
    else if (strcmp(end, "m") == 0)
        mul = 60;
    else if (strcmp(end, "h") == 0)
        mul = 3600;
    else if (strcmp(end, "d") == 0)
        mul = 86400;
    else if (strcmp(end, "w") == 0)
        mul = 7 * 86400;
    else
        return false;
    if (v > INT64_MAX / mul / 4)
        return false;
    *out = v * mul;
    return true;
}

static bool parse_int(const char *s, int64_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

static bool parse_bool(const char *s, int64_t *out)
{
    if (!strcasecmp(s, "true") || !strcasecmp(s, "yes")) {
        *out = 1;
        return true;
    }
    if (!strcasecmp(s, "false") || !strcasecmp(s, "no")) {
        *out = 0;
        return true;
    }
    return false;
}

static const char *const level_names[] = {"informational", "low", "medium", "high", "critical"};

int lw_level_rank(const char *level)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(level_names); i++)
        if (level && strcmp(level, level_names[i]) == 0)
            return (int)i;
    return -1;
}

enum mod_bits {
    MOD_CONTAINS = 1 << 0,
    MOD_STARTS = 1 << 1,
    MOD_ENDS = 1 << 2,
    MOD_RE = 1 << 3,
    MOD_CIDR = 1 << 4,
    MOD_ALL = 1 << 5,
    MOD_GT = 1 << 6,
    MOD_GTE = 1 << 7,
    MOD_LT = 1 << 8,
    MOD_LTE = 1 << 9,
    MOD_EXISTS = 1 << 10,
    MOD_RE_I = 1 << 11,
    MOD_RE_M = 1 << 12,
    MOD_RE_S = 1 << 13,
};

static const struct {
    const char *name;
    unsigned bit;
} mod_names[] = {
    {"contains", MOD_CONTAINS},
    {"startswith", MOD_STARTS},
    {"endswith", MOD_ENDS},
    {"re", MOD_RE},
    {"cidr", MOD_CIDR},
    {"all", MOD_ALL},
    {"gt", MOD_GT},
    {"gte", MOD_GTE},
    {"lt", MOD_LT},
    {"lte", MOD_LTE},
    {"exists", MOD_EXISTS},
    {"i", MOD_RE_I},
    {"m", MOD_RE_M},
    {"s", MOD_RE_S},
};

static const char *const action_names[] = {
    "none",           "login",          "probe",          "disconnect", "info",    "privilege",
    "account_create", "account_delete", "account_change", "group_add",  "lockout", "log_cleared"};

/* Compiles one value of a field test. s is the YAML scalar (NULL for a null value). */
static bool compile_value(struct load *L, const yaml_node_t *at, enum lw_field f, unsigned mods,
                          const char *s, struct lw_value *v)
{
    memset(v, 0, sizeof(*v));
    enum field_kind k = field_kind(f);
    if (!s) { /* field: null → the field is empty or absent */
        v->op = LW_OP_EXISTS;
        v->num = 0;
        return true;
    }
    if (mods & MOD_EXISTS) {
        v->op = LW_OP_EXISTS;
        if (!parse_bool(s, &v->num)) {
            lerr(L, at, TR(L, "|exists takes true or false, not \"%s\""), s);
            return false;
        }
        return true;
    }
    if (mods & (MOD_GT | MOD_GTE | MOD_LT | MOD_LTE)) {
        v->op = mods & MOD_GT    ? LW_OP_GT
                : mods & MOD_GTE ? LW_OP_GTE
                : mods & MOD_LT  ? LW_OP_LT
                                 : LW_OP_LTE;
        if (k != FK_NUM || !parse_int(s, &v->num)) {
            lerr(L, at, TR(L, "a comparison needs a numeric field and a number (%s: \"%s\")"),
                 lw_field_name(f), s);
            return false;
        }
        return true;
    }
    if (mods & MOD_CIDR) {
        v->op = LW_OP_CIDR;
        if (f != LW_FLD_SRC_IP || !lw_cidr_parse(s, strlen(s), &v->cidr)) {
            lerr(L, at, TR(L, "|cidr needs src_ip and an address block, not %s: \"%s\""),
                 lw_field_name(f), s);
            return false;
        }
        return true;
    }
    if (k == FK_ACTION || k == FK_OUTCOME) {
        v->op = LW_OP_NUM;
        if (k == FK_ACTION) {
            for (size_t i = 0; i < AG_ARRAY_LEN(action_names); i++)
                if (strcasecmp(s, action_names[i]) == 0 ||
                    (i == LW_ACT_PRIV && strcasecmp(s, "privilege") == 0)) {
                    v->num = (int64_t)i;
                    return true;
                }
            lerr(L, at,
                 TR(L, "unknown action \"%s\" (login, probe, disconnect, info, privilege, "
                       "account_create, account_delete, account_change, group_add, lockout, "
                       "log_cleared)"),
                 s);
            return false;
        }
        static const char *const out[] = {"unknown", "success", "failure"};
        for (size_t i = 0; i < AG_ARRAY_LEN(out); i++)
            if (strcasecmp(s, out[i]) == 0) {
                v->num = (int64_t)i;
                return true;
            }
        lerr(L, at, TR(L, "unknown outcome \"%s\" (success, failure, unknown)"), s);
        return false;
    }
    if (k == FK_NUM || k == FK_BOOL) {
        if (mods & (MOD_CONTAINS | MOD_STARTS | MOD_ENDS | MOD_RE)) {
            lerr(L, at, TR(L, "%s is a number or yes/no: text modifiers do not apply"),
                 lw_field_name(f));
            return false;
        }
        v->op = LW_OP_NUM;
        if (k == FK_BOOL ? !parse_bool(s, &v->num) : !parse_int(s, &v->num)) {
            lerr(L, at, TR(L, "%s needs %s, not \"%s\""), lw_field_name(f),
                 k == FK_BOOL ? "true/false" : TR(L, "logwatch: a number"), s);
            return false;
        }
        return true;
    }
    if (mods & MOD_RE) {
        v->op = LW_OP_RE;
        int ecode;
        PCRE2_SIZE eoff;
        uint32_t opts = (mods & MOD_RE_I ? PCRE2_CASELESS : 0) |
                        (mods & MOD_RE_M ? PCRE2_MULTILINE : 0) |
                        (mods & MOD_RE_S ? PCRE2_DOTALL : 0);
        v->re = pcre2_compile((PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, opts, &ecode, &eoff, NULL);
        if (!v->re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ecode, msg, sizeof(msg));
            lerr(L, at, TR(L, "bad regular expression at offset %zu: %s"), (size_t)eoff,
                 (const char *)msg);
            return false;
        }
        (void)pcre2_jit_compile(v->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
        /* the text and the same options for Vectorscan (lw_rules_hs_build) */
        v->re_flags = (mods & MOD_RE_I ? HS_FLAG_CASELESS : 0) |
                      (mods & MOD_RE_M ? HS_FLAG_MULTILINE : 0) |
                      (mods & MOD_RE_S ? HS_FLAG_DOTALL : 0);
        if (!(v->s = strdup(s))) {
            pcre2_code_free(v->re);
            v->re = NULL;
            return false;
        }
        v->n = strlen(s);
        return true;
    }
    /* text: unescape Sigma's \* \? \\ and note whether wildcards remain */
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (!p)
        return false;
    size_t o = 0;
    bool wild = false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\' && i + 1 < n && (s[i + 1] == '*' || s[i + 1] == '?' || s[i + 1] == '\\')) {
            c = s[++i];
            p[o++] = c == '*' ? 1 : c == '?' ? 2 : c;
            continue;
        }
        if (c == '*' || c == '?')
            wild = true;
        p[o++] = (char)lower((unsigned char)c);
    }
    p[o] = '\0';
    v->s = p;
    v->n = o;
    v->op = mods & MOD_CONTAINS ? LW_OP_CONTAINS
            : mods & MOD_STARTS ? LW_OP_STARTS
            : mods & MOD_ENDS   ? LW_OP_ENDS
                                : LW_OP_EQ;
    if (wild) { /* wildcards: a glob with the modifier's implied stars */
        size_t extra = (v->op == LW_OP_CONTAINS || v->op == LW_OP_ENDS) +
                       (v->op == LW_OP_CONTAINS || v->op == LW_OP_STARTS);
        char *g = malloc(o + extra + 1);
        if (!g)
            return false;
        size_t q = 0;
        if (v->op == LW_OP_CONTAINS || v->op == LW_OP_ENDS)
            g[q++] = '*';
        memcpy(g + q, p, o);
        q += o;
        if (v->op == LW_OP_CONTAINS || v->op == LW_OP_STARTS)
            g[q++] = '*';
        g[q] = '\0';
        free(p);
        v->s = g;
        v->n = q;
        v->op = LW_OP_GLOB;
    } else {
        for (size_t i = 0; i < o; i++) /* literal * and ? back to themselves */
            if (p[i] == 1 || p[i] == 2)
                p[i] = p[i] == 1 ? '*' : '?';
    }
    return true;
}

/* cheap tests first: numbers and enums, then text, then regular expressions */
static int test_cost(const struct lw_test *t)
{
    int c = 0;
    for (size_t i = 0; i < t->nv; i++) {
        int vc = t->v[i].op == LW_OP_RE                                     ? 100
                 : t->v[i].op == LW_OP_CONTAINS || t->v[i].op == LW_OP_GLOB ? 20
                 : t->v[i].op == LW_OP_NUM || t->v[i].op == LW_OP_CIDR      ? 1
                 : t->v[i].op >= LW_OP_GT && t->v[i].op <= LW_OP_EXISTS     ? 1
                                                                            : 5;
        c += vc;
    }
    return c;
}

static int cmp_tests(const void *a, const void *b)
{
    int ca = test_cost(a), cb = test_cost(b);
    return (ca > cb) - (ca < cb);
}

/* the quick form of a one-value test on an event field (lw_test_eval), when it has one */
static void set_quick(struct lw_test *t)
{
    t->quick = LW_Q_NONE;
    if (t->nv != 1)
        return;
    const struct lw_value *v = &t->v[0];
    t->qnum = v->num;
    if (v->op == LW_OP_NUM) {
        switch (t->field) {
        case LW_FLD_ACTION:
            t->quick = LW_Q_ACTION;
            break;
        case LW_FLD_OUTCOME:
            t->quick = LW_Q_OUTCOME;
            break;
        case LW_FLD_INVALID_USER:
            t->quick = LW_Q_FLAG;
            t->qflag = LW_F_INVALID_USER;
            break;
        case LW_FLD_PREAUTH:
            t->quick = LW_Q_FLAG;
            t->qflag = LW_F_PREAUTH;
            break;
        case LW_FLD_ADMIN_GROUP:
            t->quick = LW_Q_FLAG;
            t->qflag = LW_F_ADMIN_GROUP;
            break;
        default:
            break;
        }
        return;
    }
    if (v->op == LW_OP_EQ && t->field == LW_FLD_DECODER && v->s && strlen(v->s) == v->n) {
        t->quick = LW_Q_DECODER;
        return;
    }
    if (v->op != LW_OP_EXISTS && v->op != LW_OP_RE)
        return;
    /* the text fields that are a slice of the event (field_str) */
    static const struct {
        enum lw_field f;
        size_t off;
    } slices[] = {
        {LW_FLD_PROGRAM, offsetof(struct lw_event, program)},
        {LW_FLD_HOST, offsetof(struct lw_event, host)},
        {LW_FLD_USER, offsetof(struct lw_event, user)},
        {LW_FLD_TARGET, offsetof(struct lw_event, target)},
        {LW_FLD_METHOD, offsetof(struct lw_event, method)},
        {LW_FLD_MESSAGE, offsetof(struct lw_event, msg)},
        {LW_FLD_PID, offsetof(struct lw_event, pid)},
    };
    size_t k = 0;
    while (k < AG_ARRAY_LEN(slices) && slices[k].f != t->field)
        k++;
    if (k == AG_ARRAY_LEN(slices))
        return;
    t->qoff = slices[k].off;
    t->quick = v->op == LW_OP_RE ? LW_Q_RE_TEXT : LW_Q_EXISTS_TEXT;
}

static bool compile_map(struct load *L, struct lw_rule *r, const yaml_node_t *m, struct lw_map *out)
{
    size_t n = (size_t)(m->data.mapping.pairs.top - m->data.mapping.pairs.start);
    out->t = calloc(n ? n : 1, sizeof(*out->t));
    if (!out->t)
        return false;
    bool ok = true;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *kn = node(L, p->key), *vn = node(L, p->value);
        const char *key = scalar(kn);
        if (!key) {
            lerr(L, kn, "%s", TR(L, "a field name must be a text"));
            ok = false;
            continue;
        }
        const char *bar = strchr(key, '|');
        size_t flen = bar ? (size_t)(bar - key) : strlen(key);
        struct lw_test *t = &out->t[out->nt];
        memset(t, 0, sizeof(*t));
        if (!field_lookup(key, flen, &t->field)) {
            lerr(L, kn, TR(L, "unknown field \"%.*s\" (see docs/rules.md for the fields)"),
                 (int)flen, key);
            ok = false;
            continue;
        }
        unsigned mods = 0;
        while (bar) {
            const char *mname = bar + 1, *next = strchr(mname, '|');
            size_t ml = next ? (size_t)(next - mname) : strlen(mname);
            size_t i = 0;
            while (i < AG_ARRAY_LEN(mod_names) &&
                   !(strlen(mod_names[i].name) == ml && memcmp(mod_names[i].name, mname, ml) == 0))
                i++;
            if (i == AG_ARRAY_LEN(mod_names)) {
                lerr(L, kn,
                     TR(L, "unknown modifier \"%.*s\" (contains, startswith, endswith, re, cidr, "
                           "all, gt, gte, lt, lte, exists)"),
                     (int)ml, mname);
                ok = false;
            } else
                mods |= mod_names[i].bit;
            bar = next;
        }
        if ((mods & (MOD_RE_I | MOD_RE_M | MOD_RE_S)) && !(mods & MOD_RE)) {
            lerr(L, kn, "%s", TR(L, "the modifiers i, m and s go with re"));
            ok = false;
        }
        t->all = (mods & MOD_ALL) != 0;
        size_t nv = vn->type == YAML_SEQUENCE_NODE
                        ? (size_t)(vn->data.sequence.items.top - vn->data.sequence.items.start)
                        : 1;
        if (vn->type == YAML_MAPPING_NODE || nv > LW_MAX_VALUES || nv == 0) {
            lerr(L, vn, TR(L, "the value of \"%s\" must be a text, a number or a list of them"),
                 key);
            ok = false;
            continue;
        }
        t->v = calloc(nv, sizeof(*t->v));
        if (!t->v)
            return false;
        out->nt++;
        for (size_t i = 0; i < nv; i++) {
            yaml_node_t *one =
                vn->type == YAML_SEQUENCE_NODE ? node(L, vn->data.sequence.items.start[i]) : vn;
            if (one->type != YAML_SCALAR_NODE) {
                lerr(L, one,
                     TR(L, "the value of \"%s\" must be a text, a number or a list of them"), key);
                ok = false;
                continue;
            }
            const char *s = scalar(one);
            bool null = one->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                        (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || *s == '\0');
            if (!compile_value(L, one, t->field, mods, null ? NULL : s, &t->v[t->nv]))
                ok = false;
            else
                t->nv++;
        }
    }
    qsort(out->t, out->nt, sizeof(*out->t), cmp_tests);
    for (size_t i = 0; i < out->nt; i++)
        set_quick(&out->t[i]);
    return ok;
}

static bool compile_selection(struct load *L, struct lw_rule *r, const char *name,
                              const yaml_node_t *v, struct lw_selection *s)
{
    s->name = xstrdup(name);
    if (v->type == YAML_MAPPING_NODE) {
        s->m = calloc(1, sizeof(*s->m));
        if (!s->m)
            return false;
        s->nm = 1;
        return compile_map(L, r, v, &s->m[0]);
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        lerr(L, v, TR(L, "selection \"%s\" must be a map of fields or a list"), name);
        return false;
    }
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    s->m = calloc(n ? n : 1, sizeof(*s->m));
    if (!s->m)
        return false;
    bool ok = true, keywords = false;
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *it = node(L, v->data.sequence.items.start[i]);
        if (it->type == YAML_MAPPING_NODE) {
            ok &= compile_map(L, r, it, &s->m[s->nm++]);
        } else if (it->type == YAML_SCALAR_NODE) {
            keywords = true;
        } else {
            lerr(L, it, TR(L, "selection \"%s\" must be a map of fields or a list"), name);
            ok = false;
        }
    }
    if (keywords) { /* keywords: any of them anywhere in the message */
        struct lw_map *m = &s->m[s->nm++];
        m->t = calloc(1, sizeof(*m->t));
        if (!m->t)
            return false;
        m->nt = 1;
        m->t->field = LW_FLD_MESSAGE;
        m->t->v = calloc(n, sizeof(*m->t->v));
        if (!m->t->v)
            return false;
        for (size_t i = 0; i < n; i++) {
            yaml_node_t *it = node(L, v->data.sequence.items.start[i]);
            if (it->type == YAML_SCALAR_NODE &&
                compile_value(L, it, LW_FLD_MESSAGE, MOD_CONTAINS, scalar(it), &m->t->v[m->t->nv]))
                m->t->nv++;
        }
    }
    return ok;
}

/* ---- conditions ---- */

struct cparse {
    struct load *L;
    const yaml_node_t *at;
    struct lw_rule *r;
    const char *s;
    size_t pos;
    bool failed;
};

static void skip_ws(struct cparse *P)
{
    while (P->s[P->pos] == ' ' || P->s[P->pos] == '\t')
        P->pos++;
}

/* the next word (identifier with wildcards, or a parenthesis) without consuming it */
static size_t peek_word(struct cparse *P, const char **w)
{
    skip_ws(P);
    *w = P->s + P->pos;
    if (**w == '(' || **w == ')')
        return 1;
    size_t n = 0;
    while ((*w)[n] && ((*w)[n] == '_' || (*w)[n] == '*' || (*w)[n] == '-' || (*w)[n] == '.' ||
                       isalnum((unsigned char)(*w)[n])))
        n++;
    return n;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
    return strlen(lit) == n && strncasecmp(w, lit, n) == 0;
}

static void cfail(struct cparse *P, const char *what)
{
    if (!P->failed)
        lerr(P->L, P->at, TR(P->L, "condition \"%s\", at character %zu: %s"), P->s, P->pos + 1,
             what);
    P->failed = true;
}

static struct lw_cond *cnode(enum lw_cond_kind k)
{
    struct lw_cond *c = calloc(1, sizeof(struct lw_cond));
    if (c)
        c->kind = k;
    return c;
}

static bool name_matches(const char *pat, size_t pn, const char *name)
{
    if (pn && pat[pn - 1] == '*')
        return strncmp(name, pat, pn - 1) == 0;
    return strlen(name) == pn && strncmp(name, pat, pn) == 0;
}

static struct lw_cond *parse_or(struct cparse *P, int depth);

static struct lw_cond *parse_atom(struct cparse *P, int depth)
{
    const char *w;
    size_t n = peek_word(P, &w);
    if (depth > 64) {
        cfail(P, TR(P->L, "nested too deeply"));
        return NULL;
    }
    if (n == 0) {
        cfail(P, TR(P->L, "a selection name, \"not\", \"1 of\", \"all of\" or \"(\" expected"));
        return NULL;
    }
    if (*w == '(') {
        P->pos++;
        struct lw_cond *c = parse_or(P, depth + 1);
        const char *w2;
        size_t n2 = peek_word(P, &w2);
        if (!c || n2 != 1 || *w2 != ')') {
            cfail(P, TR(P->L, "\")\" expected"));
            return c;
        }
        P->pos++;
        return c;
    }
    if (word_is(w, n, "not")) {
        P->pos += n;
        struct lw_cond *c = cnode(LW_C_NOT);
        if (!c)
            return NULL;
        c->kind = LW_C_NOT;
        c->a = parse_atom(P, depth + 1);
        return c;
    }
    bool one = word_is(w, n, "1"), all = word_is(w, n, "all");
    if (one || all) {
        P->pos += n;
        const char *of;
        size_t on = peek_word(P, &of);
        if (!word_is(of, on, "of")) {
            cfail(P, TR(P->L, "\"of\" expected"));
            return NULL;
        }
        P->pos += on;
        const char *pat;
        size_t pn = peek_word(P, &pat);
        if (pn == 0 || *pat == '(' || *pat == ')') {
            cfail(P, TR(P->L, "a selection name pattern or \"them\" expected"));
            return NULL;
        }
        P->pos += pn;
        struct lw_cond *c = cnode(LW_C_ONE_OF);
        if (!c || !(c->sels = calloc(P->r->nsel ? P->r->nsel : 1, sizeof(size_t))))
            return c;
        c->kind = one ? LW_C_ONE_OF : LW_C_ALL_OF;
        bool them = word_is(pat, pn, "them");
        for (size_t i = 0; i < P->r->nsel; i++)
            if ((them && P->r->sel[i].name[0] != '_') ||
                (!them && name_matches(pat, pn, P->r->sel[i].name)))
                c->sels[c->nsels++] = i;
        if (c->nsels == 0)
            cfail(P, TR(P->L, "no selection matches that pattern"));
        return c;
    }
    for (size_t i = 0; i < P->r->nsel; i++)
        if (strlen(P->r->sel[i].name) == n && strncmp(P->r->sel[i].name, w, n) == 0) {
            P->pos += n;
            struct lw_cond *c = cnode(LW_C_SEL);
            if (!c || !(c->sels = malloc(sizeof(size_t))))
                return c;
            c->kind = LW_C_SEL;
            c->sels[0] = i;
            c->nsels = 1;
            return c;
        }
    cfail(P, TR(P->L, "no selection of that name"));
    return NULL;
}

static struct lw_cond *parse_and(struct cparse *P, int depth)
{
    struct lw_cond *a = parse_atom(P, depth);
    for (;;) {
        const char *w;
        size_t n = peek_word(P, &w);
        if (P->failed || !word_is(w, n, "and"))
            return a;
        P->pos += n;
        struct lw_cond *c = cnode(LW_C_AND);
        if (!c)
            return a;
        c->kind = LW_C_AND;
        c->a = a;
        c->b = parse_atom(P, depth);
        a = c;
    }
}

static struct lw_cond *parse_or(struct cparse *P, int depth)
{
    struct lw_cond *a = parse_and(P, depth);
    for (;;) {
        const char *w;
        size_t n = peek_word(P, &w);
        if (P->failed || !word_is(w, n, "or"))
            return a;
        P->pos += n;
        struct lw_cond *c = cnode(LW_C_OR);
        if (!c)
            return a;
        c->kind = LW_C_OR;
        c->a = a;
        c->b = parse_and(P, depth);
        a = c;
    }
}

static void cond_free(struct lw_cond *c)
{
    if (!c)
        return;
    cond_free(c->a);
    cond_free(c->b);
    free(c->sels);
    free(c);
}

/* the actions an event may have for c to hold: a bit per enum lw_action */
#define ALL_ACTIONS ((1u << (LW_ACT_LOG_CLEARED + 1)) - 1)

static unsigned sel_actions(const struct lw_selection *s)
{
    unsigned mask = 0;
    for (size_t m = 0; m < s->nm; m++) {
        unsigned mm = ALL_ACTIONS;
        for (size_t t = 0; t < s->m[m].nt; t++) {
            const struct lw_test *te = &s->m[m].t[t];
            if (te->field != LW_FLD_ACTION || te->all)
                continue;
            unsigned tm = 0;
            for (size_t v = 0; v < te->nv; v++)
                tm |= te->v[v].op == LW_OP_NUM ? 1u << te->v[v].num : ALL_ACTIONS;
            mm &= tm;
        }
        mask |= mm;
    }
    return mask;
}

static unsigned cond_actions(const struct lw_rule *r, const struct lw_cond *c)
{
    unsigned m;
    switch (c->kind) {
    case LW_C_SEL:
        return sel_actions(&r->sel[c->sels[0]]);
    case LW_C_AND:
        return cond_actions(r, c->a) & cond_actions(r, c->b);
    case LW_C_OR:
        return cond_actions(r, c->a) | cond_actions(r, c->b);
    case LW_C_NOT:
        return ALL_ACTIONS;
    case LW_C_ONE_OF:
        m = 0;
        for (size_t i = 0; i < c->nsels; i++)
            m |= sel_actions(&r->sel[c->sels[i]]);
        return m;
    case LW_C_ALL_OF:
        m = ALL_ACTIONS;
        for (size_t i = 0; i < c->nsels; i++)
            m &= sel_actions(&r->sel[c->sels[i]]);
        return m;
    }
    return ALL_ACTIONS;
}

/* the decoder every event matching c comes from (a `decoder:` equality in every map of a
 * selection that c requires), or NULL */
static const char *cond_decoder(const struct lw_rule *r, const struct lw_cond *c)
{
    if (c->kind == LW_C_AND) {
        const char *d = cond_decoder(r, c->a);
        return d ? d : cond_decoder(r, c->b);
    }
    if (c->kind != LW_C_SEL)
        return NULL;
    const struct lw_selection *s = &r->sel[c->sels[0]];
    const char *found = NULL;
    for (size_t m = 0; m < s->nm; m++) {
        const char *here = NULL;
        for (size_t t = 0; t < s->m[m].nt; t++) {
            const struct lw_test *te = &s->m[m].t[t];
            if (te->field == LW_FLD_DECODER && te->nv == 1 && te->v[0].op == LW_OP_EQ)
                here = te->v[0].s;
        }
        if (!here || (found && strcmp(found, here) != 0))
            return NULL;
        found = here;
    }
    return found;
}

static bool uses_time(const struct lw_rule *r)
{
    for (size_t s = 0; s < r->nsel; s++)
        for (size_t m = 0; m < r->sel[s].nm; m++)
            for (size_t t = 0; t < r->sel[s].m[m].nt; t++)
                if (is_time_field(r->sel[s].m[m].t[t].field))
                    return true;
    return false;
}

/* ---- one rule document ---- */

static bool parse_field_name(struct load *L, const yaml_node_t *at, enum lw_field *f)
{
    const char *s = scalar(at);
    if (!s || !field_lookup(s, strlen(s), f)) {
        lerr(L, at, TR(L, "unknown field \"%s\" (see docs/rules.md for the fields)"), s ? s : "?");
        return false;
    }
    return true;
}

static bool load_correlation(struct load *L, struct lw_rule *r, const yaml_node_t *c)
{
    static const struct {
        const char *name;
        enum lw_corr_type t;
    } types[] = {{"event_count", LW_CORR_EVENT_COUNT}, {"value_count", LW_CORR_VALUE_COUNT},
                 {"temporal", LW_CORR_TEMPORAL},       {"temporal_ordered", LW_CORR_ORDERED},
                 {"new_value", LW_CORR_NEW_VALUE},     {"dormant", LW_CORR_DORMANT},
                 {"silence", LW_CORR_SILENCE}};
    bool ok = true;
    const char *type = scalar(map_get(L, c, "type"));
    for (size_t i = 0; type && i < AG_ARRAY_LEN(types); i++)
        if (strcmp(type, types[i].name) == 0)
            r->corr = types[i].t;
    if (!r->corr) {
        lerr(L, c,
             TR(L, "correlation type \"%s\" unknown (event_count, value_count, temporal, "
                   "temporal_ordered, new_value, dormant, silence)"),
             type ? type : "");
        return false;
    }
    yaml_node_t *rules = map_get(L, c, "rules");
    if (rules && rules->type == YAML_SCALAR_NODE) {
        r->refs_text[r->nrefs++] = xstrdup(scalar(rules));
    } else if (rules && rules->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = rules->data.sequence.items.start;
             it < rules->data.sequence.items.top; it++) {
            const char *s = scalar(node(L, *it));
            if (!s || r->nrefs == LW_MAX_REFS) {
                lerr(L, node(L, *it), TR(L, "\"rules\" lists at most %d rule names"), LW_MAX_REFS);
                ok = false;
                break;
            }
            r->refs_text[r->nrefs++] = xstrdup(s);
        }
    }
    if (r->nrefs == 0) {
        lerr(L, c, "%s", TR(L, "a correlation needs \"rules\": the names of the rules it counts"));
        ok = false;
    }
    if ((r->corr == LW_CORR_TEMPORAL || r->corr == LW_CORR_ORDERED) && r->nrefs < 2) {
        lerr(L, c, "%s", TR(L, "a temporal correlation needs at least two rules"));
        ok = false;
    }
    yaml_node_t *g = map_get(L, c, "group-by");
    if (g && g->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = g->data.sequence.items.start; it < g->data.sequence.items.top;
             it++) {
            if (r->ngroup == LW_MAX_GROUP) {
                lerr(L, g, TR(L, "group-by takes at most %d fields"), LW_MAX_GROUP);
                ok = false;
                break;
            }
            ok &= parse_field_name(L, node(L, *it), &r->group[r->ngroup++]);
        }
    } else if (g) {
        lerr(L, g, "%s", TR(L, "group-by must be a list of fields"));
        ok = false;
    }
    const char *span = scalar(map_get(L, c, "timespan"));
    if (!span)
        span = scalar(map_get(L, c, "timeframe"));
    if (!span || !lw_parse_span(span, &r->timespan)) {
        lerr(L, c, TR(L, "timespan \"%s\" must be a number with s, m, h, d or w (e.g. 10m)"),
             span ? span : "");
        ok = false;
    }
    yaml_node_t *gen = map_get(L, c, "generate");
    int64_t b = 0;
    if (gen && (!scalar(gen) || !parse_bool(scalar(gen), &b))) {
        lerr(L, gen, "%s", TR(L, "generate must be true or false"));
        ok = false;
    }
    r->generate = b != 0;
    yaml_node_t *cond = map_get(L, c, "condition");
    bool needs_cmp = r->corr == LW_CORR_EVENT_COUNT || r->corr == LW_CORR_VALUE_COUNT;
    bool needs_field = r->corr == LW_CORR_VALUE_COUNT || r->corr == LW_CORR_NEW_VALUE;
    r->cmp = LW_CMP_GTE;
    r->threshold = 1;
    if (cond && cond->type == YAML_MAPPING_NODE) {
        bool have_cmp = false, have_field = false;
        for (yaml_node_pair_t *p = cond->data.mapping.pairs.start; p < cond->data.mapping.pairs.top;
             p++) {
            const char *k = scalar(node(L, p->key));
            yaml_node_t *v = node(L, p->value);
            static const char *const ops[] = {"gt", "gte", "lt", "lte", "eq"};
            size_t o = 0;
            while (k && o < AG_ARRAY_LEN(ops) && strcmp(k, ops[o]) != 0)
                o++;
            if (k && strcmp(k, "field") == 0) {
                ok &= parse_field_name(L, v, &r->value_field);
                have_field = true;
            } else if (o < AG_ARRAY_LEN(ops)) {
                if (!scalar(v) || !parse_int(scalar(v), &r->threshold) || r->threshold < 0 ||
                    r->threshold > 100000) {
                    lerr(L, v, "%s", TR(L, "the count in a condition must be 0–100000"));
                    ok = false;
                }
                r->cmp = (enum lw_cmp)o;
                have_cmp = true;
            } else {
                lerr(L, node(L, p->key),
                     TR(L, "unknown key \"%s\" in a correlation condition (gt, gte, lt, lte, eq, "
                           "field)"),
                     k ? k : "");
                ok = false;
            }
        }
        if (needs_cmp && !have_cmp) {
            lerr(L, cond, "%s", TR(L, "the condition needs a comparison such as gte: 10"));
            ok = false;
        }
        if (needs_field && !have_field) {
            lerr(L, cond, "%s",
                 TR(L, "the condition needs \"field\": the field whose values count"));
            ok = false;
        }
    } else if (needs_cmp || needs_field) {
        lerr(L, c, "%s", TR(L, "the correlation needs a condition (e.g. gte: 10)"));
        ok = false;
    }
    if (r->corr == LW_CORR_SILENCE)
        r->min_events = r->threshold;
    if ((r->corr == LW_CORR_EVENT_COUNT || r->corr == LW_CORR_VALUE_COUNT) &&
        (r->cmp == LW_CMP_LT || r->cmp == LW_CMP_LTE)) {
        /* "fewer than N within the window" only means something once the window closed: not
         * supported by a streaming engine without timers per key; refused clearly */
        lerr(L, cond, "%s", TR(L, "lt and lte are not supported in a streaming correlation"));
        ok = false;
    }
    return ok;
}

static bool load_tags(struct load *L, struct lw_rule *r, const yaml_node_t *tags)
{
    if (!tags)
        return true;
    if (tags->type != YAML_SEQUENCE_NODE) {
        lerr(L, tags, "%s", TR(L, "tags must be a list"));
        return false;
    }
    size_t n = (size_t)(tags->data.sequence.items.top - tags->data.sequence.items.start);
    r->guideline = calloc(n + 1, sizeof(char *));
    r->catalog = calloc(n + 1, sizeof(char *));
    r->attack = calloc(n + 1, sizeof(char *));
    if (!r->guideline || !r->catalog || !r->attack)
        return false;
    for (size_t i = 0; i < n; i++) {
        const char *t = scalar(node(L, tags->data.sequence.items.start[i]));
        if (!t)
            continue;
        if (strncmp(t, "mlit.", 5) == 0 && t[5])
            r->guideline[r->nguideline++] = xstrdup(t + 5);
        else if (strncmp(t, "attack.t", 8) == 0)
            r->attack[r->nattack++] = xstrdup(t + 7);
    }
    return true;
}

static bool load_rule(struct load *L, const yaml_node_t *root, struct lw_rule *r)
{
    memset(r, 0, sizeof(*r));
    r->file = xstrdup(L->file);
    r->line = (int)root->start_mark.line + 1;
    r->enabled = true;
    if (root->type != YAML_MAPPING_NODE) {
        lerr(L, root, "%s", TR(L, "a rule must be a YAML map (title, detection, …)"));
        return false;
    }
    size_t before = L->nerr;
    r->title = get_text(L, root, "title", true);
    r->id = get_text(L, root, "id", false);
    r->name = get_text(L, root, "name", false);
    r->description = get_text(L, root, "description", false);
    r->level = get_text(L, root, "level", false);
    if (!r->level)
        r->level = xstrdup("medium");
    r->level_rank = lw_level_rank(r->level);
    if (r->level_rank < 0)
        lerr(L, map_get(L, root, "level"),
             TR(L, "level \"%s\" unknown (informational, low, medium, high, critical)"), r->level);
    load_tags(L, r, map_get(L, root, "tags"));
    yaml_node_t *ag = map_get(L, root, "airguard");
    if (ag) {
        r->category = get_text(L, ag, "category", false);
        const char *sup = scalar(map_get(L, ag, "suppress"));
        if (sup && !lw_parse_span(sup, &r->suppress))
            lerr(L, map_get(L, ag, "suppress"),
                 TR(L, "timespan \"%s\" must be a number with s, m, h, d or w (e.g. 10m)"), sup);
    }
    yaml_node_t *corr = map_get(L, root, "correlation");
    yaml_node_t *det = map_get(L, root, "detection");
    if (corr && det)
        lerr(L, corr, "%s", TR(L, "a rule has either detection or correlation, not both"));
    else if (corr)
        load_correlation(L, r, corr);
    else if (!det || det->type != YAML_MAPPING_NODE)
        lerr(L, root, "%s",
             TR(L, "the rule has no detection (a map of selections and a condition)"));
    else {
        size_t n = (size_t)(det->data.mapping.pairs.top - det->data.mapping.pairs.start);
        r->sel = calloc(n ? n : 1, sizeof(*r->sel));
        if (!r->sel)
            return false;
        const yaml_node_t *condn = NULL;
        for (yaml_node_pair_t *p = det->data.mapping.pairs.start; p < det->data.mapping.pairs.top;
             p++) {
            const char *k = scalar(node(L, p->key));
            yaml_node_t *v = node(L, p->value);
            if (!k)
                continue;
            if (strcmp(k, "condition") == 0) {
                condn = v;
                continue;
            }
            if (strcmp(k, "timeframe") == 0)
                continue;
            compile_selection(L, r, k, v, &r->sel[r->nsel++]);
        }
        const char *cs = scalar(condn);
        if (!cs) {
            lerr(L, condn ? condn : det, "%s",
                 TR(L, "the detection needs one condition (e.g. \"selection and not filter\")"));
        } else {
            struct cparse P = {L, condn, r, cs, 0, false};
            r->cond = parse_or(&P, 0);
            skip_ws(&P);
            if (!P.failed && P.s[P.pos]) {
                if (P.s[P.pos] == '|')
                    cfail(&P, TR(L, "aggregations after | are not supported: use a correlation "
                                    "rule"));
                else
                    cfail(&P, TR(L, "\"and\", \"or\" or the end expected"));
            }
            if (!P.failed && r->cond) {
                r->action_mask = cond_actions(r, r->cond);
                r->decoder = cond_decoder(r, r->cond);
            }
        }
    }
    /* logsource: a service or product we decode narrows the rule to that decoder's events */
    yaml_node_t *ls = map_get(L, root, "logsource");
    if (ls && ls->type != YAML_MAPPING_NODE)
        lerr(L, ls, "%s", TR(L, "logsource must be a map (product, service, category)"));
    return L->nerr == before;
}

static void rule_release(struct lw_rule *r)
{
    free(r->file);
    free(r->title);
    free(r->id);
    free(r->name);
    free(r->description);
    free(r->level);
    free(r->category);
    for (size_t i = 0; i < r->nguideline; i++) {
        free(r->guideline[i]);
        free(r->catalog[i]);
    }
    free(r->guideline);
    free(r->catalog);
    for (size_t i = 0; i < r->nattack; i++)
        free(r->attack[i]);
    free(r->attack);
    for (size_t s = 0; s < r->nsel; s++) {
        for (size_t m = 0; m < r->sel[s].nm; m++) {
            for (size_t t = 0; t < r->sel[s].m[m].nt; t++) {
                struct lw_test *te = &r->sel[s].m[m].t[t];
                for (size_t v = 0; v < te->nv; v++) {
                    free(te->v[v].s);
                    pcre2_code_free(te->v[v].re);
                }
                free(te->v);
            }
            free(r->sel[s].m[m].t);
        }
        free(r->sel[s].m);
        free(r->sel[s].name);
    }
    free(r->sel);
    cond_free(r->cond);
    for (size_t i = 0; i < r->nrefs; i++)
        free(r->refs_text[i]);
    free(r->feeds);
}

void lw_ruleset_free(struct lw_ruleset *rs)
{
    if (!rs)
        return;
    lw_rules_hs_drop(rs);
    for (size_t i = 0; i < rs->n; i++)
        rule_release(&rs->r[i]);
    free(rs->r);
    for (size_t a = 0; a < AG_ARRAY_LEN(rs->by_action); a++)
        free(rs->by_action[a]);
    free(rs);
}

static int add_rule(struct lw_ruleset *rs, size_t *cap, const struct lw_rule *r)
{
    if (rs->n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        struct lw_rule *nr = realloc(rs->r, nc * sizeof(*nr));
        if (!nr)
            return AG_ENOMEM;
        rs->r = nr;
        *cap = nc;
    }
    rs->r[rs->n++] = *r;
    return AG_OK;
}

static int load_buffer(const char *path, const char *text, size_t len, enum ag_lang lang,
                       bool keep_going, struct lw_ruleset *rs, size_t *cap, struct strbuf *errs,
                       size_t *nerr)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return AG_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    struct load L = {path, lang, errs, 0, NULL};
    for (;;) {
        yaml_document_t doc;
        if (!yaml_parser_load(&parser, &doc)) {
            strbuf_addf(errs, "%s:%zu:%zu: %s: %s\n", path, parser.problem_mark.line + 1,
                        parser.problem_mark.column + 1, ag_tr(lang, "YAML syntax error"),
                        parser.problem ? parser.problem : "?");
            L.nerr++;
            break;
        }
        yaml_node_t *root = yaml_document_get_root_node(&doc);
        if (!root) { /* end of the stream */
            yaml_document_delete(&doc);
            break;
        }
        L.doc = &doc;
        struct lw_rule r;
        bool good = load_rule(&L, root, &r);
        if (good || keep_going) {
            if (good && add_rule(rs, cap, &r) != AG_OK) {
                rule_release(&r);
                yaml_document_delete(&doc);
                break;
            }
            if (!good)
                rule_release(&r);
        } else {
            rule_release(&r);
        }
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    *nerr += L.nerr;
    return AG_OK;
}

static int load_file(const char *path, enum ag_lang lang, bool keep_going, struct lw_ruleset *rs,
                     size_t *cap, struct strbuf *errs, size_t *nerr)
{
    char *text = NULL;
    size_t len = 0;
    struct ag_error e;
    if (ag_file_read(path, LW_RULE_FILE_MAX, &text, &len, &e) != AG_OK) {
        strbuf_addf(errs, "%s\n", e.msg); /* names the file */
        (*nerr)++;
        return AG_EIO;
    }
    int rc = load_buffer(path, text, len, lang, keep_going, rs, cap, errs, nerr);
    free(text);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_rule_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && ((n > 4 && strcmp(name + n - 4, ".yml") == 0) ||
                              (n > 5 && strcmp(name + n - 5, ".yaml") == 0));
}

static int load_path(const char *path, enum ag_lang lang, bool keep_going, struct lw_ruleset *rs,
                     size_t *cap, struct strbuf *errs, size_t *nerr, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        strbuf_addf(errs, "%s: %s\n", path, strerror(errno));
        (*nerr)++;
        return AG_EIO;
    }
    if (!S_ISDIR(st.st_mode))
        return load_file(path, lang, keep_going, rs, cap, errs, nerr);
    if (depth > 8)
        return AG_OK;
    DIR *d = opendir(path);
    if (!d) {
        strbuf_addf(errs, "%s: %s\n", path, strerror(errno));
        (*nerr)++;
        return AG_EIO;
    }
    char **names = NULL;
    size_t n = 0, ncap = 0;
    struct dirent *de;
    int rc = AG_OK;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (n == ncap) {
            ncap = ncap ? ncap * 2 : 64;
            char **nn = realloc(names, ncap * sizeof(*nn));
            if (!nn) {
                rc = AG_ENOMEM;
                break;
            }
            names = nn;
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_names);
    for (size_t i = 0; i < n && rc == AG_OK; i++) {
        struct strbuf p;
        strbuf_init(&p, 4096);
        strbuf_addf(&p, "%s/%s", path, names[i]);
        struct stat cs;
        if (strbuf_ok(&p) && stat(strbuf_str(&p), &cs) == 0 &&
            (S_ISDIR(cs.st_mode) || is_rule_file(names[i])))
            rc = load_path(strbuf_str(&p), lang, keep_going, rs, cap, errs, nerr, depth + 1);
        if (rc == AG_EIO)
            rc = AG_OK; /* named already; go on with the other files */
        strbuf_release(&p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* Resolves correlation references by rule name (or id), decides which rules alert, and
 * builds the per-action lists. */
static bool link_rules(struct lw_ruleset *rs, enum ag_lang lang, bool keep_going,
                       struct strbuf *errs, size_t *nerr)
{
    bool ok = true;
    for (size_t i = 0; i < rs->n; i++) {
        struct lw_rule *r = &rs->r[i];
        for (size_t j = 0; j < i; j++) {
            const struct lw_rule *o = &rs->r[j];
            if ((r->name && o->name && strcmp(r->name, o->name) == 0) ||
                (r->id && o->id && strcmp(r->id, o->id) == 0)) {
                strbuf_addf(errs, "%s:%d:1: ", r->file, r->line);
                strbuf_addf(errs, ag_tr(lang, "rule name or id \"%s\" is used twice (also %s:%d)"),
                            r->name && o->name && !strcmp(r->name, o->name) ? r->name : r->id,
                            o->file, o->line);
                strbuf_addc(errs, '\n');
                (*nerr)++;
                ok = false;
            }
        }
    }
    for (size_t i = 0; i < rs->n; i++) {
        struct lw_rule *r = &rs->r[i];
        r->alerts = true;
        for (size_t k = 0; k < r->nrefs; k++) {
            size_t j = 0;
            while (j < rs->n && !((rs->r[j].name && !strcmp(rs->r[j].name, r->refs_text[k])) ||
                                  (rs->r[j].id && !strcmp(rs->r[j].id, r->refs_text[k]))))
                j++;
            if (j == rs->n || j == i) {
                strbuf_addf(errs, "%s:%d:1: ", r->file, r->line);
                strbuf_addf(errs, ag_tr(lang, "the correlation refers to \"%s\", which no rule is"),
                            r->refs_text[k]);
                strbuf_addc(errs, '\n');
                (*nerr)++;
                ok = false;
                r->enabled = false;
                continue;
            }
            r->refs[k] = j;
        }
    }
    /* a rule counted by a correlation alerts on its own only if some correlation asks for it
     * (Sigma's generate: true); feeds: the correlations each rule drives */
    for (size_t i = 0; i < rs->n; i++)
        if (rs->r[i].corr && rs->r[i].enabled)
            for (size_t k = 0; k < rs->r[i].nrefs; k++) {
                struct lw_rule *b = &rs->r[rs->r[i].refs[k]];
                b->alerts = rs->r[i].generate;
                size_t *nf = realloc(b->feeds, (b->nfeeds + 1) * sizeof(size_t));
                if (!nf)
                    return false;
                b->feeds = nf;
                b->feeds[b->nfeeds++] = i;
            }
    for (size_t i = 0; i < rs->n; i++)
        for (size_t k = 0; rs->r[i].corr && k < rs->r[i].nrefs; k++)
            if (rs->r[i].generate)
                rs->r[rs->r[i].refs[k]].alerts = true;
    /* a correlation over a correlation must not loop */
    for (size_t i = 0; i < rs->n; i++) {
        size_t at = i;
        for (size_t steps = 0; rs->r[at].corr && rs->r[at].enabled; steps++) {
            if (steps > rs->n) {
                strbuf_addf(errs, "%s:%d:1: %s\n", rs->r[i].file, rs->r[i].line,
                            ag_tr(lang, "correlations refer to each other in a loop"));
                (*nerr)++;
                ok = false;
                rs->r[i].enabled = false;
                break;
            }
            at = rs->r[at].refs[0];
        }
    }
    for (size_t i = 0; i < rs->n; i++) {
        const struct lw_rule *r = &rs->r[i];
        if (r->corr == LW_CORR_SILENCE)
            rs->nsilence++;
        if (r->corr || !r->cond || !r->enabled)
            continue;
        if (uses_time(r))
            rs->needs_time_fields = true;
        for (unsigned a = 0; a <= LW_ACT_LOG_CLEARED; a++) {
            if (!(r->action_mask & (1u << a)))
                continue;
            size_t *nl = realloc(rs->by_action[a], (rs->nby_action[a] + 1) * sizeof(size_t));
            if (!nl)
                return false;
            rs->by_action[a] = nl;
            nl[rs->nby_action[a]++] = i;
        }
    }
    return ok || keep_going;
}

static int load_common(const char *const *paths, size_t npaths, const char *name, const char *buf,
                       size_t len, bool keep_going, enum ag_lang lang, struct lw_ruleset **out,
                       struct strbuf *errs)
{
    *out = NULL;
    struct lw_ruleset *rs = calloc(1, sizeof(*rs));
    if (!rs)
        return AG_ENOMEM;
    size_t cap = 0, nerr = 0;
    int rc = AG_OK;
    for (size_t i = 0; i < npaths && rc == AG_OK; i++)
        rc = load_path(paths[i], lang, keep_going, rs, &cap, errs, &nerr, 0);
    if (buf && rc == AG_OK)
        rc = load_buffer(name, buf, len, lang, keep_going, rs, &cap, errs, &nerr);
    if (rc == AG_OK && !link_rules(rs, lang, keep_going, errs, &nerr))
        rc = AG_EINVAL;
    if (rc == AG_OK && nerr && !keep_going)
        rc = AG_EINVAL;
    if (rc == AG_OK && !lw_rules_hs_build(rs))
        rc = AG_ENOMEM;
    if (rc == AG_OK && rs->n == 0) {
        strbuf_adds(errs, ag_tr(lang, "no rules were loaded"));
        strbuf_addc(errs, '\n');
        rc = AG_EINVAL;
    }
    if (rc != AG_OK) {
        lw_ruleset_free(rs);
        return rc;
    }
    *out = rs;
    return AG_OK;
}

int lw_rules_load(const char *const *paths, size_t npaths, bool keep_going, enum ag_lang lang,
                  struct lw_ruleset **out, struct strbuf *errs)
{
    return load_common(paths, npaths, NULL, NULL, 0, keep_going, lang, out, errs);
}

int lw_rules_load_buffer(const char *name, const char *buf, size_t len, bool keep_going,
                         enum ag_lang lang, struct lw_ruleset **out, struct strbuf *errs)
{
    return load_common(NULL, 0, name, buf, len, keep_going, lang, out, errs);
}

size_t lw_ruleset_size(const struct lw_ruleset *rs)
{
    return rs->n;
}

const char *lw_rule_title(const struct lw_ruleset *rs, size_t i)
{
    return rs->r[i].title;
}

const char *const *lw_rule_guideline(const struct lw_ruleset *rs, size_t i, size_t *n)
{
    *n = rs->r[i].nguideline;
    return (const char *const *)rs->r[i].guideline;
}

int lw_rule_set_catalog(struct lw_ruleset *rs, size_t i, size_t k, const char *id)
{
    if (k >= rs->r[i].nguideline)
        return AG_EINVAL;
    free(rs->r[i].catalog[k]);
    rs->r[i].catalog[k] = id ? strdup(id) : NULL;
    return id && !rs->r[i].catalog[k] ? AG_ENOMEM : AG_OK;
}
