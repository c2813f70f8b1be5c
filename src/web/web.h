/*
 * web.h — the public face of the web application (src/web): configure and run the HTTP server.
 *
 * The server is libmicrohttpd with its own thread pool over epoll. Each worker thread has its own
 * store connection (a struct store is one SQLite connection, used by one thread at a time); the
 * catalog is loaded once and shared read-only. docs/web.md describes the architecture, the routes
 * and how each security measure maps to guideline 5.2 and 5.3.
 */
#ifndef AG_WEB_H
#define AG_WEB_H

#include "common/common.h"

struct catalog;

#define WEB_CONFIG_CAPTURE_KEYS 24
struct web_config {
    const char *listen;   /* "127.0.0.1:8080", "[::1]:8080"; port 0 = any free port */
    const char *db_path;  /* the store (must be migrated) */
    const char *tls_cert; /* PEM files; NULL = plain HTTP (loopback only) */
    const char *tls_key;
    unsigned threads;      /* worker threads, 2..4 (0 = 2) */
    unsigned per_ip_limit; /* concurrent connections per client address (0 = 16) */
    unsigned timeout_s;    /* idle connection timeout in seconds (0 = 15) */
    size_t max_body;       /* request body cap in bytes (0 = 64 KiB) */
    FILE *log;             /* start-up line and errors (NULL = stderr) */
    /* the monitors `airguard serve` runs beside the web (src/cli/serve_monitors.h; not used by
     * web_serve): NULL = not configured */
    const char *syslog_udp, *syslog_tcp, *rules, *logwatch_config;
    const char *capture, *baseline, *internal, *capture_filter, *user;
    /* the file's other capture_* keys (the capture's detector options, checked by the capture:
     * cmd_serve.c), in file order, with their lines; config_name is the file's path */
    struct web_config_capture_key {
        const char *key, *value;
        int line;
    } capture_keys[WEB_CONFIG_CAPTURE_KEYS];
    size_t ncapture_keys;
    const char *config_name;
};

/* Fills cfg with the defaults above. */
void web_config_init(struct web_config *cfg);

/* Reads the configuration file at path (docs/web/running.md: `key = value` lines with the keys
 * listen, db, tls_cert, tls_key, threads, per_ip_limit, idle_timeout, max_body) over the values
 * already in cfg. The text values point into *storage, which the caller frees after the last
 * use of cfg. Errors name the file, the line and the key; on error cfg is unchanged. */
int web_config_load(struct web_config *cfg, const char *path, char **storage,
                    struct ag_error *err) AG_MUST_CHECK;
/* The parser of web_config_load over text (modified in place: values are cut out of it);
 * name is the file name used in error messages. */
int web_config_parse(struct web_config *cfg, const char *name, char *text, size_t len,
                     struct ag_error *err) AG_MUST_CHECK;
/* Whether s is a listening address web_serve accepts ("127.0.0.1:8080", "[::1]:0"). */
int web_listen_check(const char *s, struct ag_error *err) AG_MUST_CHECK;

/* Writes a self-signed certificate (dir/cert.pem) and its private key (dir/key.pem, mode 0600)
 * for a first start over HTTPS: ECDSA P-256, valid for one year from now, subject CN = the
 * first host name, subjectAltName = every name of hosts (DNS names and IP addresses) plus
 * localhost and 127.0.0.1. Each file is written to a temporary name and renamed; an existing
 * pair is refused unless force. GnuTLS's X.509 API (tls.c). */
int web_tls_selfsigned(const char *dir, const char *const *hosts, size_t nhosts, bool force,
                       struct ag_error *err) AG_MUST_CHECK;

/* Runs the server until SIGTERM or SIGINT, then stops accepting, lets running requests finish
 * and returns AG_OK. cat is borrowed for the lifetime of the call. Refuses (AG_EINVAL) a
 * non-loopback address without TLS, and TLS itself for now (see docs/web.md). Prints
 * "listening on http://ADDR:PORT/" to cfg->log once the socket is bound. */
int web_serve(const struct web_config *cfg, const struct catalog *cat,
              struct ag_error *err) AG_MUST_CHECK;

/* Registers the web application's messages (msgs_web.c) with ag_tr. */
void web_register_messages(void);

#endif
