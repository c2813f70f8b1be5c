/*
 * cli_monitor.c — run records of the monitors and jobs (table monitor_runs): what the automatic
 * status of a guideline measure reads to know a check ran recently (src/isms/compliance.h,
 * docs/compliance.md "Evidence and automatic status"). `logwatch run|serve`, `netwatch
 * watch|capture`, `audit verify` and `db backup` call these.
 *
 * Recording never fails the monitor: without a store (no --db, $AIRGUARD_DB or data/airguard.db,
 * or one not migrated to the run table) nothing is recorded and nothing is said; a store that
 * refuses the write gets one warning on standard error. After a run ends the flags on answers
 * of 実施 that the evidence contradicts are brought up to date (compliance_flags).
 * Main thread of the CLI only.
 */
#include "cli/cli.h"

#include <unistd.h>

#include "auth/auth.h"
#include "isms/compliance.h"
#include "store/store.h"

struct cli_monitor_run {
    struct cli *cli;
    struct store *st;
    long long id;
    time_t last_beat;
};

void cli_evidence_env(struct store *st, struct isms_ev_env *env)
{
    struct auth_policy p;
    struct ag_error err;
    int days;
    isms_ev_env_init(env);
    if (auth_policy_load(st, &p, &err) == AG_OK) {
        env->lockout_threshold = p.lockout_threshold;
        env->lockout_minutes = p.lockout_minutes;
    }
    if (auth_unused_days(st, &days, &err) == AG_OK &&
        auth_unused_pending(st, &env->unused_idle, &err) == AG_OK)
        env->unused_days = days;
    else
        env->unused_idle = -1;
}

/* The store to record in, or NULL (silently) when there is none fit for it. */
static struct store *open_quietly(struct cli *cli)
{
    const char *path = cli->db_path ? cli->db_path : store_default_path();
    struct store *st = NULL;
    struct ag_error err;
    if (access(path, R_OK | W_OK) != 0 || store_open(&st, path, 0, &err) != AG_OK)
        return NULL;
    if (!store_has_monitor_runs(st)) {
        store_free(st);
        return NULL;
    }
    store_set_actor(st, "system");
    return st;
}

static void warn(struct cli *cli, const struct ag_error *err)
{
    fprintf(stderr, cli_tr(cli, "airguard: the run was not recorded: %s\n"), err->msg);
}

/* Brings the flags up to date after a run (errors only warned about). */
static void sync_flags(struct cli *cli, struct store *st)
{
    struct catalog *cat = NULL;
    struct isms_ev_env env;
    struct ag_error err;
    if (catalog_load_default(&cat, &err) != AG_OK)
        return;
    cli_evidence_env(st, &env);
    if (isms_ev_flags_sync(st, cat, &env, NULL, NULL, &err) != AG_OK)
        warn(cli, &err);
    catalog_free(cat);
}

static char *details_text(json_t *details)
{
    char *text = details ? json_dumps(details, JSON_COMPACT) : NULL;
    json_decref(details);
    return text;
}

void cli_monitor_run_begin(struct cli *cli, const char *kind, struct cli_monitor_run **out)
{
    struct ag_error err;
    char now[21];
    *out = NULL;
    struct store *st = open_quietly(cli);
    if (!st)
        return;
    struct cli_monitor_run *r = calloc(1, sizeof(*r));
    time_t t = ag_now();
    ag_time_iso(t, now);
    if (!r || store_monitor_run_add(st, kind, now, now, "running", NULL, &r->id, &err) != AG_OK) {
        if (r)
            warn(cli, &err);
        free(r);
        store_free(st);
        return;
    }
    r->cli = cli;
    r->st = st;
    r->last_beat = t;
    *out = r;
}

void cli_monitor_run_beat(struct cli_monitor_run *r)
{
    struct ag_error err;
    char now[21];
    time_t t = ag_now();
    if (!r || t - r->last_beat < 60)
        return;
    r->last_beat = t;
    ag_time_iso(t, now);
    if (store_monitor_run_update(r->st, r->id, now, "running", NULL, &err) != AG_OK)
        warn(r->cli, &err);
}

void cli_monitor_run_end(struct cli_monitor_run *r, bool ok, json_t *details)
{
    struct ag_error err;
    char now[21];
    char *text = details_text(details);
    if (!r) {
        free(text);
        return;
    }
    ag_time_iso(ag_now(), now);
    if (store_monitor_run_update(r->st, r->id, now, ok ? "ok" : "failed", text, &err) != AG_OK)
        warn(r->cli, &err);
    else
        sync_flags(r->cli, r->st);
    free(text);
    store_free(r->st);
    free(r);
}

void cli_monitor_run_record(struct cli *cli, struct store *st, const char *kind, time_t started,
                            bool ok, json_t *details)
{
    struct ag_error err;
    char t0[21], t1[21];
    char *text = details_text(details);
    bool own = !st;
    if (own && !(st = open_quietly(cli))) {
        free(text);
        return;
    }
    if (!own && !store_has_monitor_runs(st)) {
        free(text);
        return;
    }
    ag_time_iso(started, t0);
    ag_time_iso(ag_now(), t1);
    if (store_monitor_run_add(st, kind, t0, t1, ok ? "ok" : "failed", text, NULL, &err) != AG_OK)
        warn(cli, &err);
    else
        sync_flags(cli, st);
    free(text);
    if (own)
        store_free(st);
}
