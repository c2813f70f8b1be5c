/*
 * config.c — the server's configuration file (`airguard serve --config FILE`,
 * docs/web/running.md): one `key = value` per line, `#` starts a comment line, blank lines are
 * ignored. Parsed strictly: an unknown key, a key given twice, a line without `=`, an empty value,
 * a control character or a number out of range is an error naming FILE:LINE and the key, and
 * nothing of the file is applied. Values are taken literally (no quotes, no escapes, no
 * variables); paths are relative to the working directory of the server.
 *
 * Runs once in the main thread before the server starts. The parsed values point into the
 * file's text, which the caller keeps (web_config_load's *storage) for as long as cfg is used.
 */
#include "web/web_int.h"

#include <errno.h>
#include <stdlib.h>

#define CONFIG_MAX_SIZE (64 * 1024)

enum config_key {
    K_LISTEN,
    K_DB,
    K_TLS_CERT,
    K_TLS_KEY,
    K_THREADS,
    K_PER_IP,
    K_TIMEOUT,
    K_BODY,
    /* the monitors (text values, checked when they are opened) */
    K_SYSLOG_UDP,
    K_SYSLOG_TCP,
    K_RULES,
    K_LW_CONFIG,
    K_CAPTURE,
    K_BASELINE,
    K_INTERNAL,
    K_FILTER,
    K_USER,
};

static const struct {
    const char *name;
    long min, max; /* for numbers; 0, 0 = a text value */
} keys[] = {
    [K_LISTEN] = {"listen", 0, 0},
    [K_DB] = {"db", 0, 0},
    [K_TLS_CERT] = {"tls_cert", 0, 0},
    [K_TLS_KEY] = {"tls_key", 0, 0},
    [K_THREADS] = {"threads", 1, 4},
    [K_PER_IP] = {"per_ip_limit", 1, 256},
    [K_TIMEOUT] = {"idle_timeout", 1, 3600},
    [K_BODY] = {"max_body", 4096, 64L * 1024 * 1024},
    [K_SYSLOG_UDP] = {"syslog_udp", 0, 0},
    [K_SYSLOG_TCP] = {"syslog_tcp", 0, 0},
    [K_RULES] = {"rules", 0, 0},
    [K_LW_CONFIG] = {"logwatch_config", 0, 0},
    [K_CAPTURE] = {"capture", 0, 0},
    [K_BASELINE] = {"baseline", 0, 0},
    [K_INTERNAL] = {"internal", 0, 0},
    [K_FILTER] = {"capture_filter", 0, 0},
    [K_USER] = {"user", 0, 0},
};

static char *trim(char *s, char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *end = '\0';
    return s;
}

static int set_value(struct web_config *cfg, enum config_key k, char *v, const char *name, int line,
                     struct ag_error *err)
{
    if (keys[k].max) {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (*v < '0' || *v > '9' || *end || errno || n < keys[k].min || n > keys[k].max)
            return ag_error_set(err, AG_EINVAL,
                                "%s:%d: key \"%s\": \"%s\" is not a whole number from %ld to %ld",
                                name, line, keys[k].name, v, keys[k].min, keys[k].max);
        switch (k) {
        case K_THREADS:
            cfg->threads = (unsigned)n;
            break;
        case K_PER_IP:
            cfg->per_ip_limit = (unsigned)n;
            break;
        case K_TIMEOUT:
            cfg->timeout_s = (unsigned)n;
            break;
        default:
            cfg->max_body = (size_t)n;
            break;
        }
        return AG_OK;
    }
    switch (k) {
    case K_LISTEN: {
        struct ag_error e;
        if (web_listen_check(v, &e) != AG_OK) {
            const char *m = strncmp(e.msg, "--listen: ", 10) == 0 ? e.msg + 10 : e.msg;
            return ag_error_set(err, AG_EINVAL, "%s:%d: key \"%s\": %s", name, line, "listen", m);
        }
        cfg->listen = v;
        break;
    }
    case K_DB:
        cfg->db_path = v;
        break;
    case K_TLS_CERT:
        cfg->tls_cert = v;
        break;
    case K_SYSLOG_UDP:
        cfg->syslog_udp = v;
        break;
    case K_SYSLOG_TCP:
        cfg->syslog_tcp = v;
        break;
    case K_RULES:
        cfg->rules = v;
        break;
    case K_LW_CONFIG:
        cfg->logwatch_config = v;
        break;
    case K_CAPTURE:
        cfg->capture = v;
        break;
    case K_BASELINE:
        cfg->baseline = v;
        break;
    case K_INTERNAL:
        cfg->internal = v;
        break;
    case K_FILTER:
        cfg->capture_filter = v;
        break;
    case K_USER:
        cfg->user = v;
        break;
    default:
        cfg->tls_key = v;
        break;
    }
    return AG_OK;
}

static int capture_key(struct web_config *c, const char *name, int line, const char *key,
                       const char *val, struct ag_error *err)
{
    for (size_t i = 0; i < c->ncapture_keys; i++)
        if (strcmp(c->capture_keys[i].key, key) == 0)
            return ag_error_set(err, AG_EINVAL,
                                "%s:%d: key \"%s\" is given twice (first on line %d)", name, line,
                                key, c->capture_keys[i].line);
    if (!*val)
        return ag_error_set(err, AG_EINVAL, "%s:%d: key \"%s\" has no value", name, line, key);
    if (c->ncapture_keys == WEB_CONFIG_CAPTURE_KEYS)
        return ag_error_set(err, AG_EINVAL, "%s:%d: key \"%s\": more than %d capture_ keys", name,
                            line, key, WEB_CONFIG_CAPTURE_KEYS);
    c->capture_keys[c->ncapture_keys++] = (struct web_config_capture_key){key, val, line};
    c->config_name = name;
    return AG_OK;
}

int web_config_parse(struct web_config *cfg, const char *name, char *text, size_t len,
                     struct ag_error *err)
{
    struct web_config c = *cfg;
    int seen[AG_ARRAY_LEN(keys)] = {0}; /* the line of each key, 0 = not yet */
    int line = 0;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        line++;
        if (eol > p && eol[-1] == '\r')
            eol--;
        if (!web_text_valid(p, (size_t)(eol - p)) || memchr(p, '\r', (size_t)(eol - p)))
            return ag_error_set(err, AG_EINVAL,
                                "%s:%d: the line has a control character or is not UTF-8", name,
                                line);
        char *next = nl ? nl + 1 : end;
        char *s = trim(p, eol);
        p = next;
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq)
            return ag_error_set(err, AG_EINVAL,
                                "%s:%d: \"%s\" is not a line of the form key = value", name, line,
                                s);
        char *key = trim(s, eq);
        char *val = trim(eq + 1, eq + 1 + strlen(eq + 1));
        size_t k = 0;
        while (k < AG_ARRAY_LEN(keys) && strcmp(keys[k].name, key) != 0)
            k++;
        if (k == AG_ARRAY_LEN(keys) && strncmp(key, "capture_", 8) == 0 && key[8]) {
            /* a detector option of the capture: kept for cmd_serve.c, which knows them */
            int rc = capture_key(&c, name, line, key, val, err);
            if (rc)
                return rc;
            continue;
        }
        if (k == AG_ARRAY_LEN(keys))
            return ag_error_set(err, AG_EINVAL,
                                "%s:%d: unknown key \"%s\" (known: listen, db, tls_cert, tls_key, "
                                "threads, per_ip_limit, idle_timeout, max_body, syslog_udp, "
                                "syslog_tcp, rules, logwatch_config, capture, baseline, internal, "
                                "capture_filter, capture_<option>, user)",
                                name, line, key);
        if (seen[k])
            return ag_error_set(err, AG_EINVAL,
                                "%s:%d: key \"%s\" is given twice (first on line %d)", name, line,
                                key, seen[k]);
        seen[k] = line;
        if (!*val)
            return ag_error_set(err, AG_EINVAL, "%s:%d: key \"%s\" has no value", name, line, key);
        int rc = set_value(&c, (enum config_key)k, val, name, line, err);
        if (rc)
            return rc;
    }
    if ((c.tls_cert != NULL) != (c.tls_key != NULL))
        return ag_error_set(err, AG_EINVAL, "%s: tls_cert and tls_key go together (line %d)", name,
                            seen[K_TLS_CERT] ? seen[K_TLS_CERT] : seen[K_TLS_KEY]);
    *cfg = c;
    return AG_OK;
}

int web_config_load(struct web_config *cfg, const char *path, char **storage, struct ag_error *err)
{
    size_t len;
    *storage = NULL;
    int rc = ag_file_read(path, CONFIG_MAX_SIZE, storage, &len, err);
    if (rc)
        return rc;
    rc = web_config_parse(cfg, path, *storage, len, err);
    if (rc) {
        free(*storage);
        *storage = NULL;
    }
    return rc;
}
