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
};

/* Fills cfg with the defaults above. */
void web_config_init(struct web_config *cfg);

/* Runs the server until SIGTERM or SIGINT, then stops accepting, lets running requests finish
 * and returns AG_OK. cat is borrowed for the lifetime of the call. Refuses (AG_EINVAL) a
 * non-loopback address without TLS, and TLS itself for now (see docs/web.md). Prints
 * "listening on http://ADDR:PORT/" to cfg->log once the socket is bound. */
int web_serve(const struct web_config *cfg, const struct catalog *cat,
              struct ag_error *err) AG_MUST_CHECK;

/* Registers the web application's messages (msgs_web.c) with ag_tr. */
void web_register_messages(void);

#endif
