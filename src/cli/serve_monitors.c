/*
 * serve_monitors.c — the monitors inside `airguard serve` (docs/web/running.md "Monitors in
 * serve"): the syslog listeners with logwatch's detection and netwatch's live capture, each in
 * a thread of its own, and one writer thread that is the only one to write their results to the
 * store.
 *
 * Threads: the main thread opens everything (binds the listeners, opens the capture, opens the
 * store and begins the run records) before privileges are dropped, then starts the threads and
 * later stops them (serve_monitors_stop, after the web server has returned from its SIGTERM).
 * The listener thread runs lw_listen_run; the capture thread cli_netwatch_capture_run. Both hand
 * alerts (in batches, through their lw_output) and inventories to a bounded queue under a mutex
 * and never touch the store; the packet path itself only appends to lw_output's batch. The
 * writer thread takes everything queued and stores each run of alerts in one transaction
 * (isms_alert_add_batch), each inventory in one more, and beats the run records.
 *
 * Invariants: SIGINT/SIGTERM are blocked in every thread started here (the main thread takes
 * them with sigwait in web_serve). On stop the producers end first and flush what they hold into
 * the queue; only then is the writer told to drain and end, so no alert is lost or half-written.
 * A full queue drops alerts (counted, reported at the end) rather than stall a capture.
 */
#include "cli/serve_monitors.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logwatch/logwatch.h"
#include "store/store.h"

#define SM_QUEUE_MAX 65536 /* queued items (alerts and inventories) at most */
#define SM_TAKE_MAX 1000   /* items the writer takes at a time: one transaction's worth */

enum sm_kind { SM_ALERT, SM_INVENTORY };

struct sm_item {
    enum sm_kind kind;
    json_t *v;
    const char *source; /* inventory: the interface (borrowed from the config) */
};

/* What a producer hands its alerts through (the ctx of its store function). */
struct sm_source {
    struct serve_monitors *m;
    unsigned long long queued, dropped;
};

struct serve_monitors {
    struct cli *cli;
    struct serve_monitors_config cfg;
    pthread_mutex_t lock; /* guards q, head, len, stopping */
    pthread_cond_t cond;
    struct sm_item *q;
    size_t head, len;
    bool stopping;
    struct sm_source lw_src, nw_src;
    /* the writer's (after start; the main thread's before start and after the join) */
    struct cli_alert_sink *sink;
    struct store *st;
    unsigned long long stored, inventories, store_errors;
    /* logwatch */
    struct lw_pipeline *pipe;
    struct lw_listen *listen;
    struct cli_monitor_run *lw_run;
    int lw_rc;
    /* netwatch */
    struct cli_nw_capture *cap;
    struct cli_monitor_run *nw_run;
    volatile int cap_stop;
    int nw_rc;
    pthread_t t_listen, t_cap, t_writer;
    bool started_listen, started_cap, started_writer;
};

/* ---- the queue ---- */

static int sm_push(struct sm_source *src, enum sm_kind kind, json_t *v, const char *source)
{
    struct serve_monitors *m = src->m;
    pthread_mutex_lock(&m->lock);
    bool full = m->len >= SM_QUEUE_MAX;
    if (!full) {
        m->q[(m->head + m->len) % SM_QUEUE_MAX] = (struct sm_item){kind, v, source};
        m->len++;
        pthread_cond_signal(&m->cond);
    }
    pthread_mutex_unlock(&m->lock);
    if (full) {
        src->dropped++;
        json_decref(v);
        return AG_ENOMEM; /* a cap was reached */
    }
    src->queued++;
    return AG_OK;
}

/* The store function of the producers' outputs: copies of the batch into the queue. */
static int sm_store(void *ctx, json_t *const *alerts, size_t n, struct ag_error *err)
{
    struct sm_source *src = ctx;
    (void)err; /* a full queue is counted, not an error of the monitor */
    for (size_t i = 0; i < n; i++)
        (void)sm_push(src, SM_ALERT, json_incref(alerts[i]), NULL);
    return AG_OK;
}

static void sm_inventory(void *ctx, json_t *inv, const char *source)
{
    (void)sm_push(ctx, SM_INVENTORY, inv, source);
}

/* ---- the writer ---- */

static void write_items(struct serve_monitors *m, struct sm_item *items, size_t n)
{
    struct ag_error err;
    json_t *batch[SM_TAKE_MAX];
    size_t nb = 0;
    for (size_t i = 0; i <= n; i++) {
        bool alert = i < n && items[i].kind == SM_ALERT;
        if (alert)
            batch[nb++] = items[i].v;
        if ((!alert || i == n) && nb) { /* a run of alerts: one transaction */
            if (cli_alert_store_sink(m->sink, batch, nb, &err) == AG_OK)
                m->stored += nb;
            else if (m->store_errors++ < 5)
                cli_fail(m->cli, 0, "%s", err.msg);
            nb = 0;
        }
        if (i < n && !alert) {
            size_t devices;
            if (cli_netwatch_inventory_store(m->st, items[i].v, items[i].source, &devices, &err) ==
                AG_OK)
                m->inventories++;
            else if (m->store_errors++ < 5)
                cli_fail(m->cli, 0, "%s", err.msg);
        }
    }
    for (size_t i = 0; i < n; i++)
        json_decref(items[i].v);
}

static void *writer_main(void *arg)
{
    struct serve_monitors *m = arg;
    struct sm_item items[SM_TAKE_MAX];
    for (bool done = false; !done;) {
        pthread_mutex_lock(&m->lock);
        if (m->len == 0 && !m->stopping) {
            struct timespec until;
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_sec += 1; /* wake once a second at least: the heartbeats */
            pthread_cond_timedwait(&m->cond, &m->lock, &until);
        }
        size_t n = 0;
        while (n < SM_TAKE_MAX && m->len) {
            items[n++] = m->q[m->head];
            m->head = (m->head + 1) % SM_QUEUE_MAX;
            m->len--;
        }
        done = m->stopping && m->len == 0;
        pthread_mutex_unlock(&m->lock);
        if (n)
            write_items(m, items, n);
        cli_monitor_run_beat(m->lw_run); /* each stored at most once a minute */
        cli_monitor_run_beat(m->nw_run);
    }
    return NULL;
}

/* ---- the producers ---- */

static void *listen_main(void *arg)
{
    struct serve_monitors *m = arg;
    struct ag_error err;
    ag_error_clear(&err);
    m->lw_rc = lw_listen_run(m->listen, &err);
    if (m->lw_rc)
        cli_fail(m->cli, 0, "%s", err.msg);
    return NULL;
}

static void *capture_main(void *arg)
{
    struct serve_monitors *m = arg;
    m->nw_rc = cli_netwatch_capture_run(m->cap, &m->cap_stop);
    return NULL;
}

/* ---- open, start, stop ---- */

bool serve_monitors_wanted(const struct serve_monitors_config *cfg)
{
    return cfg->syslog_udp || cfg->syslog_tcp || cfg->capture;
}

static int open_logwatch(struct serve_monitors *m)
{
    struct cli *cli = m->cli;
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    int status = lw_pipeline_open(&m->pipe, cli, m->cfg.rules, m->cfg.logwatch_config, NULL, false,
                                  false, tm.tm_year + 1900);
    if (status)
        return status;
    if ((status = lw_pipeline_serve(m->pipe, sm_store, &m->lw_src, &m->lw_run)))
        return status;
    struct lw_listen_config lc = {
        .udp = m->cfg.syslog_udp,
        .tcp = m->cfg.syslog_tcp,
        .on_line = lw_pipeline_line,
        .on_tick = lw_pipeline_tick,
        .ctx = m->pipe,
    };
    struct ag_error err;
    ag_error_clear(&err);
    int rc = lw_listen_new(&m->listen, &lc, &err);
    if (rc)
        return cli_fail(cli, cli_status(rc), "%s", err.msg);
    enum lw_input_kind kind;
    const char *name;
    struct lw_input_stats st;
    for (size_t i = 0; lw_listen_input(m->listen, i, &kind, &name, &st); i++)
        fprintf(stderr, cli_tr(cli, "logwatch: listening on %s %s\n"), lw_input_kind_name(kind),
                name);
    return AG_EXIT_OK;
}

int serve_monitors_open(struct cli *cli, const struct serve_monitors_config *cfg,
                        struct serve_monitors **out)
{
    struct serve_monitors *m = calloc(1, sizeof(*m));
    *out = NULL;
    if (!m || !(m->q = calloc(SM_QUEUE_MAX, sizeof(*m->q)))) {
        free(m);
        return cli_fail(cli, AG_EXIT_FAIL, "%s", cli_tr(cli, "out of memory"));
    }
    m->cli = cli;
    m->cfg = *cfg;
    m->lw_src.m = m->nw_src.m = m;
    pthread_mutex_init(&m->lock, NULL);
    pthread_cond_init(&m->cond, NULL);
    int status = AG_EXIT_OK;
    /* the writer's store: the incident policy of the logwatch configuration's outputs */
    struct lw_output_config oc;
    struct ag_error err;
    int rc;
    lw_output_config_init(&oc);
    if (cfg->logwatch_config && (rc = lw_output_config_load(cfg->logwatch_config, &oc, &err))) {
        status = cli_fail(cli, cli_status(rc), "%s", err.msg);
        goto fail;
    }
    oc.store = true;
    if (cli_alert_sink_open(cli, &oc, &m->sink) || cli_open_store(cli, &m->st)) {
        status = AG_EXIT_FAIL;
        goto fail;
    }
    store_set_actor(m->st, "system");
    if ((cfg->syslog_udp || cfg->syslog_tcp) && (status = open_logwatch(m)))
        goto fail;
    if (cfg->capture) {
        struct cli_nw_capture_config cc = {
            .iface = cfg->capture,
            .baseline = cfg->baseline,
            .opts = cfg->capture_opts,
            .site_config = cfg->logwatch_config,
            .store = sm_store,
            .inventory = sm_inventory,
            .ctx = &m->nw_src,
        };
        if ((rc = cli_netwatch_capture_open(cli, &cc, &m->cap))) {
            status = cli_status(rc);
            goto fail;
        }
        fprintf(stderr, "%s %s\n", cli_tr(cli, "netwatch: capturing on"), cfg->capture);
        cli_monitor_run_begin(cli, "netwatch", &m->nw_run);
    }
    *out = m;
    return AG_EXIT_OK;
fail:
    m->lw_rc = m->nw_rc = AG_EINVAL; /* a run record begun is ended as failed: no evidence */
    serve_monitors_stop(m, NULL);
    return status ? status : AG_EXIT_FAIL;
}

int serve_monitors_start(struct serve_monitors *m)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, &old); /* inherited by the threads */
    int rc = AG_EXIT_OK;
    if (pthread_create(&m->t_writer, NULL, writer_main, m) == 0)
        m->started_writer = true;
    else
        rc = AG_EXIT_FAIL;
    if (!rc && m->listen) {
        if (pthread_create(&m->t_listen, NULL, listen_main, m) == 0)
            m->started_listen = true;
        else
            rc = AG_EXIT_FAIL;
    }
    if (!rc && m->cap) {
        if (pthread_create(&m->t_cap, NULL, capture_main, m) == 0)
            m->started_cap = true;
        else
            rc = AG_EXIT_FAIL;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc)
        cli_fail(m->cli, 0, "%s", cli_tr(m->cli, "serve: cannot start the monitors' threads"));
    return rc;
}

void serve_monitors_stop(struct serve_monitors *m, FILE *log)
{
    if (!m)
        return;
    /* 1. the producers stop and hand over what they hold */
    if (m->started_listen) {
        lw_signal_request_stop(); /* lw_listen_run sees it within a second */
        pthread_join(m->t_listen, NULL);
    }
    if (m->started_cap) {
        m->cap_stop = 1;
        pthread_join(m->t_cap, NULL);
    }
    json_t *lw_details = NULL, *nw_details = NULL;
    if (m->listen) {
        json_t *in = lw_listen_stats_json(m->listen);
        lw_details = json_object();
        if (lw_details && json_object_get(in, "inputs"))
            json_object_set(lw_details, "inputs", json_object_get(in, "inputs"));
        json_decref(in);
        lw_listen_free(m->listen);
    }
    if (m->pipe)
        lw_pipeline_close(m->pipe); /* flushes the last batch into the queue */
    if (m->cap)
        nw_details = cli_netwatch_capture_free(m->cap);
    /* 2. the writer drains the queue and ends */
    pthread_mutex_lock(&m->lock);
    m->stopping = true;
    pthread_cond_signal(&m->cond);
    pthread_mutex_unlock(&m->lock);
    if (m->started_writer)
        pthread_join(m->t_writer, NULL);
    else if (m->len && m->sink) /* never started: the main thread drains it */
        while (m->len) {
            size_t n = m->len < SM_TAKE_MAX ? m->len : SM_TAKE_MAX;
            struct sm_item items[SM_TAKE_MAX];
            for (size_t i = 0; i < n; i++)
                items[i] = m->q[(m->head + i) % SM_QUEUE_MAX];
            m->head = (m->head + n) % SM_QUEUE_MAX;
            m->len -= n;
            write_items(m, items, n);
        }
    for (size_t i = 0; i < m->len; i++) /* only without a store */
        json_decref(m->q[(m->head + i) % SM_QUEUE_MAX].v);
    /* 3. the run records end */
    if (lw_details) {
        json_object_set_new(lw_details, "alerts", json_integer((json_int_t)m->lw_src.queued));
        json_object_set_new(lw_details, "dropped", json_integer((json_int_t)m->lw_src.dropped));
        json_object_set_new(lw_details, "in", json_string("serve"));
    }
    if (nw_details) {
        json_object_set_new(nw_details, "dropped", json_integer((json_int_t)m->nw_src.dropped));
        json_object_set_new(nw_details, "in", json_string("serve"));
    }
    cli_monitor_run_end(m->lw_run, m->lw_rc == 0, lw_details); /* details taken */
    cli_monitor_run_end(m->nw_run, m->nw_rc == 0, nw_details);
    if (log && (m->pipe || m->cap)) {
        fprintf(log,
                "airguard serve: monitors stopped: %llu alerts stored, %llu inventories, %llu "
                "dropped (queue full), %llu store errors\n",
                m->stored, m->inventories, m->lw_src.dropped + m->nw_src.dropped, m->store_errors);
        fflush(log);
    }
    cli_alert_sink_free(m->sink);
    store_free(m->st);
    pthread_cond_destroy(&m->cond);
    pthread_mutex_destroy(&m->lock);
    free(m->q);
    free(m);
}
