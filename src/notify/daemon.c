/*
 * daemon.c — the notifier thread of `airguard serve --notify-every SECONDS`: every period it runs
 * notify_scan and notify_send on a store connection of its own and writes a line to the server's
 * log when something was queued, sent or failed. It is started before the web server and stopped
 * after it; SIGINT/SIGTERM stay blocked in it (the server's main thread takes them with sigwait).
 * A failing round is logged and the next one runs as usual: the outbox keeps what was not sent.
 */
#include "notify/notify.h"

#include "auth/dl_curl.h"
#include <pthread.h>
#include <signal.h>

struct notify_daemon {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool stop;
    unsigned every;
    struct store *st;
    FILE *log;
    int unaddressed; /* the last round's count, logged only when it changes */
};

static void round_once(struct notify_daemon *d)
{
    struct ag_error err;
    struct notify_send_result res = {0, 0, 0};
    struct notify_scan_result scan = {0, 0};
    int pruned = 0;
    time_t now = ag_now();
    if (notify_scan(d->st, now, &scan, &err) != AG_OK ||
        notify_send(d->st, now, 0, &res, &err) != AG_OK ||
        notify_prune(d->st, now, 0, &pruned, &err) != AG_OK) {
        fprintf(d->log, "airguard serve: notifications: %s\n", err.msg);
    } else if (scan.queued || res.sent || res.retry || res.failed || pruned) {
        fprintf(d->log,
                "airguard serve: notifications: %d queued, %d sent, %d to retry, %d failed, %d "
                "old removed\n",
                scan.queued, res.sent, res.retry, res.failed, pruned);
    }
    if (scan.unaddressed && scan.unaddressed != d->unaddressed)
        fprintf(d->log,
                "airguard serve: notifications: %d for people without a usable e-mail address "
                "(people.email) not queued\n",
                scan.unaddressed);
    d->unaddressed = scan.unaddressed;
    fflush(d->log);
}

static void *run(void *arg)
{
    struct notify_daemon *d = arg;
    pthread_mutex_lock(&d->lock);
    while (!d->stop) {
        pthread_mutex_unlock(&d->lock);
        round_once(d);
        pthread_mutex_lock(&d->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += d->every;
        while (!d->stop && pthread_cond_timedwait(&d->cond, &d->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&d->lock);
    return NULL;
}

int notify_daemon_start(struct notify_daemon **out, const char *db_path, unsigned every, FILE *log,
                        struct ag_error *err)
{
    struct notify_daemon *d = calloc(1, sizeof(*d));
    sigset_t set, old;
    int rc;
    *out = NULL;
    if (!d)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    if ((rc = ag_dynlib_load(&ag_curl_lib, err)) || (rc = store_open(&d->st, db_path, 0, err))) {
        free(d);
        return rc;
    }
    store_set_actor(d->st, "system");
    curl_global_init(CURL_GLOBAL_DEFAULT); /* here, before any thread uses libcurl */
    d->every = every;
    d->log = log ? log : stderr;
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->cond, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &old); /* the thread inherits the mask */
    rc = pthread_create(&d->thread, NULL, run, d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        store_free(d->st);
        free(d);
        return ag_error_set(err, AG_ENOMEM, "notify: cannot start the notifier thread");
    }
    *out = d;
    return AG_OK;
}

void notify_daemon_stop(struct notify_daemon *d)
{
    if (!d)
        return;
    pthread_mutex_lock(&d->lock);
    d->stop = true;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->lock);
    pthread_join(d->thread, NULL);
    pthread_mutex_destroy(&d->lock);
    pthread_cond_destroy(&d->cond);
    store_free(d->st);
    free(d);
}
