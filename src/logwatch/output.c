/*
 * output.c — where alerts go (logwatch.h, "Alerts and outputs"): JSON lines to standard output
 * or a file, syslog RFC 5424 over UDP or TCP (RFC 6587 octet counting), batches to the store
 * callback; and the loader of the `outputs:` key of the logwatch YAML configuration.
 *
 * Runs in the thread that runs the rules (one struct lw_output per thread). Invariants: the
 * JSON file is only appended to (O_APPEND) and reopened by path on request (logrotate); a
 * syslog message is one send (UDP datagram, or one octet-counted TCP frame) of at most
 * LW_SYSLOG_MAX bytes; a TCP collector that fails is reconnected at most once a second and the
 * alerts in between are counted as dropped, never queued without bound; the store callback gets
 * at most cfg.store_batch alerts per call, each held (json_incref) until it has returned.
 */
#include "logwatch/logwatch.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#define LW_SYSLOG_MAX 65000       /* a UDP datagram's payload, and our cap for TCP frames too */
#define LW_SD_ID "airguard@32473" /* 32473: the example enterprise number of RFC 5612 */

/* ---- the alert as JSON (built here, where an output needs it, not in the engine) ---- */

#define ALERT_RAW_MAX 512 /* the engine cuts the completing line there already */

static json_t *jtext(struct lw_slice s)
{
    json_t *v = json_stringn(s.p ? s.p : "", s.n);
    if (v)
        return v;
    /* not valid UTF-8: replace each bad byte by '?' (evidence stays readable and bounded) */
    char buf[ALERT_RAW_MAX];
    size_t n = s.n < sizeof(buf) ? s.n : sizeof(buf);
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)s.p[i] < 0x80 && s.p[i] ? s.p[i] : '?';
    return json_stringn(buf, n);
}

/* "SOURCE:LINE" as a JSON string (NULL if SOURCE is not UTF-8, or longer than the 4,096 bytes
 * an evidence reference may have); formatted by hand, it is written for every event behind
 * every alert. */
static json_t *evidence_ref(const char *src, uint64_t line)
{
    char num[24], *d = num + sizeof(num);
    do
        *--d = (char)('0' + line % 10);
    while ((line /= 10) != 0);
    *--d = ':';
    size_t sl = strlen(src), nl = (size_t)(num + sizeof(num) - d);
    char stack[512], *buf = sl + nl < sizeof(stack) ? stack : malloc(sl + nl + 1);
    if (!buf || sl + nl > 4096) {
        if (buf != stack)
            free(buf);
        return NULL;
    }
    memcpy(buf, src, sl);
    memcpy(buf + sl, d, nl);
    json_t *j = json_stringn(buf, sl + nl);
    if (buf != stack)
        free(buf);
    return j;
}

json_t *lw_alert_json(const struct lw_alert *al)
{
    json_t *a = json_object();
    if (!a)
        return NULL;
    char id[24], when[32], first[32];
    static const char hex[] = "0123456789abcdef";
    memcpy(id, "lw-", 3);
    for (int i = 0; i < 16; i++)
        id[3 + i] = hex[(al->hid >> (60 - 4 * i)) & 0xf];
    id[19] = '\0';
    ag_time_iso((time_t)al->time, when);
    ag_time_iso((time_t)al->first, first);
    json_object_set_new(a, "id", json_string(id));
    json_object_set_new(a, "time", json_string(when));
    json_object_set_new(a, "category", json_string(al->category));
    json_object_set_new(a, "rule", json_string(al->rule_title));
    if (al->rule_id)
        json_object_set_new(a, "rule_id", json_string(al->rule_id));
    json_object_set_new(a, "level", json_string(al->level));
    if (al->src_ip.p)
        json_object_set_new(a, "src_ip", jtext(al->src_ip));
    if (al->user.p)
        json_object_set_new(a, "user", jtext(al->user));
    if (al->host_label)
        json_object_set_new(a, "host", json_string(al->host_label));
    else if (al->host.n)
        json_object_set_new(a, "host", jtext(al->host));
    json_object_set_new(a, "count", json_integer((json_int_t)al->count));
    json_object_set_new(a, "first", json_string(first));
    json_object_set_new(a, "last", json_string(when));
    json_t *g = json_array(), *c = json_array(), *at = json_array(), *evd = json_array();
    for (size_t i = 0; i < al->nguideline; i++) {
        json_array_append_new(g, json_string(al->guideline[i]));
        if (al->catalog && al->catalog[i])
            json_array_append_new(c, json_string(al->catalog[i]));
    }
    for (size_t i = 0; i < al->nattack; i++)
        json_array_append_new(at, json_string(al->attack[i]));
    if (al->raw.p)
        json_array_append_new(evd, jtext(al->raw));
    for (size_t i = 0; i < al->nrefs; i++)
        json_array_append_new(evd, evidence_ref(al->refs[i].src, al->refs[i].line));
    json_object_set_new(a, "guideline", g);
    json_object_set_new(a, "catalog", c);
    json_object_set_new(a, "attack", at);
    json_object_set_new(a, "evidence", evd);
    if (al->nvalues) {
        json_t *sv = json_array();
        for (size_t i = 0; i < al->nvalues; i++)
            json_array_append_new(sv, jtext(al->values[i]));
        json_object_set_new(a, "values", sv);
    }
    return a;
}

/* ---- configuration ---- */

void lw_output_config_init(struct lw_output_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->syslog_facility = 10; /* authpriv: security/authorisation messages */
    snprintf(cfg->syslog_app, sizeof(cfg->syslog_app), "airguard");
    cfg->store_batch = 1000;
}

struct cfg_ctx {
    const char *path;
    yaml_document_t *doc;
    struct ag_error *err;
    const yaml_node_t *key; /* the key being read (an unknown key's error points at it) */
};

/* Prefixes err's message with the place: "FILE:LINE:COLUMN: outputs.KEY: ". Returns rc. */
static int cfg_at(struct cfg_ctx *c, const yaml_node_t *n, const char *key, int rc)
{
    char what[sizeof(c->err->msg)];
    snprintf(what, sizeof(what), "%s", c->err->msg);
    snprintf(c->err->msg, sizeof(c->err->msg), "%.200s:%zu:%zu: outputs%s%.40s: %.700s", c->path,
             (size_t)n->start_mark.line + 1, (size_t)n->start_mark.column + 1, *key ? "." : "", key,
             what);
    return rc;
}
#define CFG_FAIL(c, n, key, ...)                                                                   \
    cfg_at((c), (n), (key), ag_error_set((c)->err, AG_EINVAL, __VA_ARGS__))

/* A scalar's text (NUL-terminated by libyaml), or NULL when the node is not a scalar. */
static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int cfg_text(struct cfg_ctx *c, const yaml_node_t *n, const char *key, char *out, size_t cap)
{
    const char *v = scalar(n);
    if (!v)
        return CFG_FAIL(c, n, key, "must be a text");
    if (strlen(v) >= cap || !*v)
        return CFG_FAIL(c, n, key, "\"%.80s\" is empty or too long", v);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return CFG_FAIL(c, n, key, "control characters are not allowed");
    snprintf(out, cap, "%s", v);
    return AG_OK;
}

static bool one_of(const char *v, const char *const *list, int *idx)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(v, list[i]) == 0) {
            *idx = i;
            return true;
        }
    return false;
}

/* Walks a mapping: for each key, calls fn(c, key text, value node, arg). */
static int cfg_map(struct cfg_ctx *c, const yaml_node_t *n, const char *where,
                   int (*fn)(struct cfg_ctx *, const char *, yaml_node_t *, void *), void *arg)
{
    if (n->type != YAML_MAPPING_NODE)
        return CFG_FAIL(c, n, where, "must be a mapping (key: value)");
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(c->doc, p->key),
                    *v = yaml_document_get_node(c->doc, p->value);
        const char *key = scalar(k);
        if (!key || !v)
            return CFG_FAIL(c, k ? k : n, where, "keys must be texts");
        c->key = k;
        int rc = fn(c, key, v, arg);
        if (rc)
            return rc;
    }
    return AG_OK;
}

static int cfg_json(struct cfg_ctx *c, const char *key, yaml_node_t *v, void *arg)
{
    struct lw_output_config *cfg = arg;
    if (strcmp(key, "path") == 0)
        return cfg_text(c, v, "json.path", cfg->json_path, sizeof(cfg->json_path));
    return CFG_FAIL(c, c->key, "json", "unknown key \"%.60s\" (known: path)", key);
}

static int cfg_address(struct cfg_ctx *c, yaml_node_t *v, struct lw_output_config *cfg)
{
    char a[300];
    int rc = cfg_text(c, v, "syslog.address", a, sizeof(a));
    if (rc)
        return rc;
    /* HOST:PORT or [IPv6]:PORT */
    char *colon = a[0] == '[' ? strstr(a, "]:") : strrchr(a, ':');
    char *host = a[0] == '[' ? a + 1 : a;
    char *port = colon ? colon + (a[0] == '[' ? 2 : 1) : NULL;
    if (!colon || colon == host || !*port || strlen(port) > 5 ||
        strspn(port, "0123456789") != strlen(port) || strtol(port, NULL, 10) < 1 ||
        strtol(port, NULL, 10) > 65535)
        return CFG_FAIL(c, v, "syslog.address", "\"%.80s\" is not HOST:PORT or [IPv6]:PORT", a);
    *colon = '\0';
    if (strlen(host) >= sizeof(cfg->syslog_host))
        return CFG_FAIL(c, v, "syslog.address", "\"%.80s\": the host name is too long", host);
    snprintf(cfg->syslog_host, sizeof(cfg->syslog_host), "%.255s", host);
    snprintf(cfg->syslog_port, sizeof(cfg->syslog_port), "%s", port);
    return AG_OK;
}

static int cfg_syslog(struct cfg_ctx *c, const char *key, yaml_node_t *v, void *arg)
{
    static const char *const protos[] = {"udp", "tcp", NULL}, *const fmts[] = {"sd", "json", NULL};
    static const char *const facilities[] = {
        "kern",   "user",     "mail",   "daemon", "auth",   "syslog", "lpr",   "news",   "uucp",
        "cron",   "authpriv", "ftp",    "ntp",    "audit",  "alert",  "clock", "local0", "local1",
        "local2", "local3",   "local4", "local5", "local6", "local7", NULL};
    struct lw_output_config *cfg = arg;
    const char *s = scalar(v);
    int i;
    if (strcmp(key, "address") == 0)
        return cfg_address(c, v, cfg);
    if (strcmp(key, "protocol") == 0) {
        if (!s || !one_of(s, protos, &i))
            return CFG_FAIL(c, v, "syslog.protocol", "\"%.60s\" is not one of: udp, tcp",
                            s ? s : "");
        cfg->syslog_proto = i == 0 ? LW_SYSLOG_UDP : LW_SYSLOG_TCP;
        return AG_OK;
    }
    if (strcmp(key, "format") == 0) {
        if (!s || !one_of(s, fmts, &i))
            return CFG_FAIL(c, v, "syslog.format", "\"%.60s\" is not one of: sd, json", s ? s : "");
        cfg->syslog_format = i == 0 ? LW_SYSLOG_SD : LW_SYSLOG_JSON;
        return AG_OK;
    }
    if (strcmp(key, "facility") == 0) {
        if (!s || !one_of(s, facilities, &i))
            return CFG_FAIL(
                c, v, "syslog.facility",
                "\"%.60s\" is not a facility (auth, authpriv, daemon, local0 … local7, …)",
                s ? s : "");
        cfg->syslog_facility = i;
        return AG_OK;
    }
    if (strcmp(key, "app_name") == 0) {
        int rc = cfg_text(c, v, "syslog.app_name", cfg->syslog_app, sizeof(cfg->syslog_app));
        for (const char *p = cfg->syslog_app; rc == AG_OK && *p; p++)
            if (*p <= ' ' || *p > '~')
                rc = CFG_FAIL(c, v, "syslog.app_name", "\"%.60s\": printable ASCII without spaces",
                              cfg->syslog_app);
        return rc;
    }
    return CFG_FAIL(c, c->key, "syslog",
                    "unknown key \"%.60s\" (known: address, protocol, format, facility, app_name)",
                    key);
}

static int cfg_store(struct cfg_ctx *c, const char *key, yaml_node_t *v, void *arg)
{
    struct lw_output_config *cfg = arg;
    const char *s = scalar(v);
    if (strcmp(key, "batch") == 0) {
        size_t n = s ? strlen(s) : 0;
        long b = n && n <= 6 && strspn(s, "0123456789") == n ? strtol(s, NULL, 10) : 0;
        if (b < 1 || b > 100000)
            return CFG_FAIL(c, v, "store.batch", "\"%.60s\" is not a number from 1 to 100000",
                            s ? s : "");
        cfg->store_batch = (unsigned)b;
        return AG_OK;
    }
    return CFG_FAIL(c, c->key, "store", "unknown key \"%.60s\" (known: batch)", key);
}

static int cfg_category(struct cfg_ctx *c, yaml_node_t *v, struct lw_output_config *cfg)
{
    const char *s = scalar(v);
    if (!s || !*s || strlen(s) > 64 ||
        strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.-") != strlen(s))
        return CFG_FAIL(c, v, "incident.categories", "\"%.60s\" is not a category", s ? s : "");
    if (cfg->incident_ncategories == LW_OUTPUT_MAX_CATEGORIES)
        return CFG_FAIL(c, v, "incident.categories", "more than 32 categories");
    snprintf(cfg->incident_categories[cfg->incident_ncategories++], 65, "%s", s);
    return AG_OK;
}

static int cfg_incident(struct cfg_ctx *c, const char *key, yaml_node_t *v, void *arg)
{
    static const char *const levels[] = {"informational", "low",      "medium",
                                         "high",          "critical", NULL};
    struct lw_output_config *cfg = arg;
    const char *s = scalar(v);
    int i;
    if (strcmp(key, "min_level") == 0) {
        if (!s || !one_of(s, levels, &i))
            return CFG_FAIL(c, v, "incident.min_level",
                            "\"%.60s\" is not one of: informational, low, medium, high, critical",
                            s ? s : "");
        snprintf(cfg->incident_min_level, sizeof(cfg->incident_min_level), "%s", s);
        return AG_OK;
    }
    if (strcmp(key, "categories") == 0) {
        if (v->type != YAML_SEQUENCE_NODE)
            return CFG_FAIL(c, v, "incident.categories", "must be a list of categories");
        for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
             it++) {
            int rc = cfg_category(c, yaml_document_get_node(c->doc, *it), cfg);
            if (rc)
                return rc;
        }
        return AG_OK;
    }
    if (strcmp(key, "reporter") == 0)
        return cfg_text(c, v, "incident.reporter", cfg->incident_reporter,
                        sizeof(cfg->incident_reporter));
    return CFG_FAIL(c, c->key, "incident",
                    "unknown key \"%.60s\" (known: min_level, categories, reporter)", key);
}

static int cfg_outputs(struct cfg_ctx *c, const char *key, yaml_node_t *v, void *arg)
{
    struct lw_output_config *cfg = arg;
    const char *s = scalar(v);
    if (strcmp(key, "json") == 0) {
        if (s) /* json: PATH is short for json: {path: PATH} */
            return cfg_text(c, v, "json", cfg->json_path, sizeof(cfg->json_path));
        return cfg_map(c, v, "json", cfg_json, cfg);
    }
    if (strcmp(key, "syslog") == 0) {
        int rc = cfg_map(c, v, "syslog", cfg_syslog, cfg);
        if (rc == AG_OK && !cfg->syslog_host[0])
            return CFG_FAIL(c, v, "syslog", "address: missing (HOST:PORT)");
        if (rc == AG_OK && cfg->syslog_proto == LW_SYSLOG_NONE)
            cfg->syslog_proto = LW_SYSLOG_UDP;
        return rc;
    }
    if (strcmp(key, "store") == 0) {
        if (s && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)) {
            cfg->store = strcmp(s, "true") == 0;
            return AG_OK;
        }
        cfg->store = true;
        return cfg_map(c, v, "store", cfg_store, cfg);
    }
    if (strcmp(key, "incident") == 0) {
        int rc = cfg_map(c, v, "incident", cfg_incident, cfg);
        if (rc == AG_OK && !cfg->incident_min_level[0])
            return CFG_FAIL(c, v, "incident", "min_level: missing");
        return rc;
    }
    return CFG_FAIL(c, c->key, "", "unknown key \"%.60s\" (known: json, syslog, store, incident)",
                    key);
}

int lw_output_config_load(const char *path, struct lw_output_config *cfg, struct ag_error *err)
{
    lw_output_config_init(cfg);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ag_error_set(err, AG_EIO, "cannot open %s: %s", path, strerror(errno));
    yaml_parser_t parser;
    yaml_document_t doc;
    int rc = AG_OK;
    if (!yaml_parser_initialize(&parser)) {
        fclose(fp);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    yaml_parser_set_input_file(&parser, fp);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = ag_error_set(err, AG_EINVAL, "%s:%zu:%zu: %s", path,
                          (size_t)parser.problem_mark.line + 1,
                          (size_t)parser.problem_mark.column + 1,
                          parser.problem ? parser.problem : "not valid YAML");
        yaml_parser_delete(&parser);
        fclose(fp);
        return rc;
    }
    struct cfg_ctx c = {path, &doc, err, NULL};
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type == YAML_MAPPING_NODE) {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             rc == AG_OK && p < root->data.mapping.pairs.top; p++) {
            const char *key = scalar(yaml_document_get_node(&doc, p->key));
            yaml_node_t *v = yaml_document_get_node(&doc, p->value);
            if (key && v && strcmp(key, "outputs") == 0)
                rc = cfg_map(&c, v, "", cfg_outputs, cfg);
        }
    } else if (root && !(root->type == YAML_SCALAR_NODE && !*scalar(root))) {
        rc = ag_error_set(err, AG_EINVAL, "%s:%zu:%zu: the configuration must be a mapping", path,
                          (size_t)root->start_mark.line + 1, (size_t)root->start_mark.column + 1);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    fclose(fp);
    return rc;
}

/* ---- RFC 5424 ---- */

static int severity_of(const char *level)
{
    static const char *const levels[] = {"critical", "high",          "medium",
                                         "low",      "informational", NULL};
    int i;
    return level && one_of(level, levels, &i) ? i + 2 : 5;
}

/* Printable US-ASCII (33..126) of s, at most max bytes; "-" when nothing is left. */
static void add_ascii_field(struct strbuf *sb, const char *s, size_t max)
{
    size_t n = 0;
    for (; s && *s && n < max; s++)
        if (*s > ' ' && *s <= '~') {
            strbuf_addc(sb, *s);
            n++;
        }
    if (!n)
        strbuf_addc(sb, '-');
}

/* A PARAM-VALUE: '"', '\' and ']' escaped; control characters (CR, LF, …) become spaces. */
static void add_param(struct strbuf *sb, const char *name, const char *v, size_t n)
{
    strbuf_addf(sb, " %s=\"", name);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c == '"' || c == '\\' || c == ']')
            strbuf_addc(sb, '\\');
        strbuf_addc(sb, c < 0x20 || c == 0x7f ? ' ' : (char)c);
    }
    strbuf_addc(sb, '"');
}

static void add_string_param(struct strbuf *sb, const json_t *a, const char *key)
{
    json_t *v = json_object_get(a, key);
    if (json_is_string(v))
        add_param(sb, key, json_string_value(v), json_string_length(v));
    else if (json_is_integer(v)) {
        char num[24];
        snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        add_param(sb, key, num, strlen(num));
    }
}

/* A list of strings as one comma-separated parameter. */
static void add_list_param(struct strbuf *sb, const json_t *a, const char *key)
{
    json_t *v = json_object_get(a, key);
    if (!json_is_array(v) || !json_array_size(v))
        return;
    struct strbuf t;
    strbuf_init(&t, LW_SYSLOG_MAX);
    for (size_t i = 0; i < json_array_size(v); i++)
        if (json_is_string(json_array_get(v, i))) {
            if (t.len)
                strbuf_addc(&t, ',');
            strbuf_adds(&t, json_string_value(json_array_get(v, i)));
        }
    if (strbuf_ok(&t) && t.len)
        add_param(sb, key, t.buf, t.len);
    strbuf_release(&t);
}

static int format_once(const json_t *alert, enum lw_syslog_format fmt, int facility,
                       const char *hostname, const char *app, bool evidence, struct strbuf *out)
{
    json_t *t = json_object_get(alert, "time"), *lvl = json_object_get(alert, "level");
    strbuf_reset(out);
    strbuf_addf(out, "<%d>1 ", facility * 8 + severity_of(json_string_value(lvl)));
    add_ascii_field(out, json_string_value(t), 32); /* already RFC 3339 UTC */
    strbuf_addc(out, ' ');
    add_ascii_field(out, hostname, 255);
    strbuf_addc(out, ' ');
    add_ascii_field(out, app, 48);
    strbuf_addf(out, " %ld ", (long)getpid());
    add_ascii_field(out, json_string_value(json_object_get(alert, "category")), 32);
    strbuf_addc(out, ' ');
    if (fmt == LW_SYSLOG_SD) {
        static const char *const keys[] = {"id",   "category", "level", "rule_id", "src_ip",
                                           "user", "host",     "count", "first",   "last"};
        strbuf_adds(out, "[" LW_SD_ID);
        for (size_t i = 0; i < AG_ARRAY_LEN(keys); i++)
            add_string_param(out, alert, keys[i]);
        add_list_param(out, alert, "guideline");
        add_list_param(out, alert, "catalog");
        add_list_param(out, alert, "attack");
        strbuf_adds(out, "] \xEF\xBB\xBF"); /* BOM: the message is UTF-8 */
        json_t *r = json_object_get(alert, "rule");
        for (const char *p = json_is_string(r) ? json_string_value(r) : ""; *p; p++)
            strbuf_addc(out, (unsigned char)*p < 0x20 ? ' ' : *p);
        json_t *ev = json_object_get(alert, "evidence");
        for (size_t i = 0; evidence && json_is_array(ev) && i < json_array_size(ev); i++) {
            strbuf_adds(out, i ? " | " : ": ");
            for (const char *p = json_string_value(json_array_get(ev, i)); p && *p; p++)
                strbuf_addc(out, (unsigned char)*p < 0x20 ? ' ' : *p);
        }
    } else {
        json_t *copy = json_copy((json_t *)alert);
        if (!copy)
            return AG_ENOMEM;
        if (!evidence)
            json_object_del(copy, "evidence");
        char *s = json_dumps(copy, JSON_COMPACT);
        json_decref(copy);
        if (!s)
            return AG_ENOMEM;
        strbuf_adds(out, "- \xEF\xBB\xBF");
        strbuf_adds(out, s);
        free(s);
    }
    return strbuf_ok(out) ? AG_OK : AG_ENOMEM;
}

int lw_syslog_format_alert(const json_t *alert, enum lw_syslog_format fmt, int facility,
                           const char *hostname, const char *app, size_t max_len,
                           struct strbuf *out)
{
    if (!json_is_object(alert) || facility < 0 || facility > 23)
        return AG_EINVAL;
    int rc = format_once(alert, fmt, facility, hostname, app, true, out);
    if ((rc == AG_ENOMEM || (max_len && out->len > max_len)))
        rc = format_once(alert, fmt, facility, hostname, app, false, out);
    if (rc == AG_OK && max_len && out->len > max_len) {
        /* still too long (a huge rule name or user): cut, at a UTF-8 boundary */
        size_t n = max_len;
        while (n > 0 && ((unsigned char)out->buf[n] & 0xC0) == 0x80)
            n--;
        out->len = n;
        out->buf[n] = '\0';
    }
    return rc;
}

/* ---- the outputs ---- */

struct lw_output {
    struct lw_output_config cfg;
    FILE *json; /* stdout or the file */
    bool json_is_stdout;
    int sock; /* -1 when not connected */
    time_t last_connect;
    char hostname[256];
    struct strbuf msg;
    lw_store_fn store;
    void *store_ctx;
    json_t **batch;
    size_t nbatch;
    struct lw_output_stats stats;
};

static int open_json(struct lw_output *o, struct ag_error *err)
{
    if (strcmp(o->cfg.json_path, "-") == 0) {
        o->json = stdout;
        o->json_is_stdout = true;
        return AG_OK;
    }
    int fd = open(o->cfg.json_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0 || !(o->json = fdopen(fd, "a"))) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return ag_error_set(err, AG_EIO, "cannot open %s: %s", o->cfg.json_path, strerror(e));
    }
    return AG_OK;
}

static void syslog_close(struct lw_output *o)
{
    if (o->sock >= 0)
        close(o->sock);
    o->sock = -1;
}

/* Connects the syslog socket; false (and counted) when the collector cannot be reached. */
static bool syslog_connect(struct lw_output *o)
{
    struct addrinfo hints = {0}, *res = NULL;
    time_t now = time(NULL);
    if (o->sock >= 0)
        return true;
    if (o->stats.syslog_connects && now == o->last_connect)
        return false; /* at most one attempt a second */
    o->last_connect = now;
    o->stats.syslog_connects++;
    hints.ai_socktype = o->cfg.syslog_proto == LW_SYSLOG_TCP ? SOCK_STREAM : SOCK_DGRAM;
    if (getaddrinfo(o->cfg.syslog_host, o->cfg.syslog_port, &hints, &res) != 0)
        return false;
    for (struct addrinfo *ai = res; ai && o->sock < 0; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        struct timeval tv = {2, 0}; /* a stalled collector does not stall detection for long */
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            o->sock = fd;
        else
            close(fd);
    }
    freeaddrinfo(res);
    return o->sock >= 0;
}

static bool send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static void syslog_send(struct lw_output *o, const json_t *alert)
{
    if (lw_syslog_format_alert(alert, o->cfg.syslog_format, o->cfg.syslog_facility, o->hostname,
                               o->cfg.syslog_app, LW_SYSLOG_MAX, &o->msg) != AG_OK ||
        !syslog_connect(o)) {
        o->stats.syslog_dropped++;
        return;
    }
    bool ok;
    if (o->cfg.syslog_proto == LW_SYSLOG_TCP) {
        char len[16];
        int k = snprintf(len, sizeof(len), "%zu ", o->msg.len); /* RFC 6587 octet counting */
        ok = send_all(o->sock, len, (size_t)k) && send_all(o->sock, o->msg.buf, o->msg.len);
    } else {
        ok = send(o->sock, o->msg.buf, o->msg.len, MSG_NOSIGNAL) == (ssize_t)o->msg.len;
    }
    if (ok) {
        o->stats.syslog_sent++;
    } else {
        o->stats.syslog_dropped++;
        syslog_close(o); /* reconnect at a later alert */
    }
}

int lw_output_open(struct lw_output **out, const struct lw_output_config *cfg, lw_store_fn store,
                   void *store_ctx, struct ag_error *err)
{
    struct lw_output *o = calloc(1, sizeof(*o));
    *out = NULL;
    if (!o)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    o->cfg = *cfg;
    o->sock = -1;
    o->store = store;
    o->store_ctx = store_ctx;
    strbuf_init(&o->msg, LW_SYSLOG_MAX * 4);
    if (gethostname(o->hostname, sizeof(o->hostname) - 1) != 0)
        snprintf(o->hostname, sizeof(o->hostname), "-");
    if (o->cfg.store_batch < 1)
        o->cfg.store_batch = 1;
    if (cfg->store && (!store || !(o->batch = calloc(o->cfg.store_batch, sizeof(*o->batch))))) {
        lw_output_free(o);
        return ag_error_set(err, store ? AG_ENOMEM : AG_EINVAL,
                            store ? "out of memory" : "outputs.store: no store to write to");
    }
    int rc = o->cfg.json_path[0] ? open_json(o, err) : AG_OK;
    if (rc) {
        lw_output_free(o);
        return rc;
    }
    if (o->cfg.syslog_proto != LW_SYSLOG_NONE)
        syslog_connect(o); /* a collector that is down now is retried at each alert */
    *out = o;
    return AG_OK;
}

static int store_flush(struct lw_output *o, struct ag_error *err)
{
    if (!o->nbatch)
        return AG_OK;
    int rc = o->store(o->store_ctx, o->batch, o->nbatch, err);
    if (rc == AG_OK)
        o->stats.stored += o->nbatch;
    for (size_t i = 0; i < o->nbatch; i++)
        json_decref(o->batch[i]);
    o->nbatch = 0;
    return rc;
}

int lw_output_emit(struct lw_output *o, json_t *alert, struct ag_error *err)
{
    if (o->json) {
        if (json_dumpf(alert, o->json, JSON_COMPACT) != 0 || fputc('\n', o->json) == EOF)
            return ag_error_set(err, AG_EIO, "cannot write %s: %s",
                                o->json_is_stdout ? "standard output" : o->cfg.json_path,
                                strerror(errno));
        o->stats.json_lines++;
    }
    if (o->cfg.syslog_proto != LW_SYSLOG_NONE)
        syslog_send(o, alert);
    if (o->batch) {
        o->batch[o->nbatch++] = json_incref(alert);
        if (o->nbatch == o->cfg.store_batch)
            return store_flush(o, err);
    }
    return AG_OK;
}

int lw_output_flush(struct lw_output *o, struct ag_error *err)
{
    if (o->json && fflush(o->json) != 0)
        return ag_error_set(err, AG_EIO, "cannot write %s: %s",
                            o->json_is_stdout ? "standard output" : o->cfg.json_path,
                            strerror(errno));
    return o->batch ? store_flush(o, err) : AG_OK;
}

int lw_output_reopen(struct lw_output *o, struct ag_error *err)
{
    int rc = lw_output_flush(o, err);
    if (rc || !o->json || o->json_is_stdout)
        return rc;
    if (fclose(o->json) != 0) {
        o->json = NULL;
        return ag_error_set(err, AG_EIO, "cannot write %s: %s", o->cfg.json_path, strerror(errno));
    }
    o->json = NULL;
    return open_json(o, err);
}

void lw_output_free(struct lw_output *o)
{
    if (!o)
        return;
    struct ag_error ignore;
    if (o->batch && o->store)
        (void)store_flush(o, &ignore);
    if (o->json && !o->json_is_stdout)
        fclose(o->json);
    else if (o->json)
        fflush(o->json);
    syslog_close(o);
    strbuf_release(&o->msg);
    free(o->batch);
    free(o);
}

void lw_output_get_stats(const struct lw_output *o, struct lw_output_stats *s)
{
    *s = o->stats;
}
