/*
 * unused.c — long-unused accounts are disabled (guideline 3.2.2.1(1)④, against password-list
 * attacks: accounts not used for a long time are stopped or deleted, so a forgotten account
 * cannot be taken over).
 *
 * An account is unused when the latest of its last successful sign-in, its last re-enabling by
 * an administrator and its creation is more than auth.disable_after_days (meta; default 90)
 * before now (ag_now(), so tests set $AIRGUARD_NOW). It is then disabled: accounts.disabled_at is
 * set, its sessions end and the trail gets an explicit `disable` row next to the trigger's update.
 * This happens when the account tries to sign in (auth_login asks auth_unused_check), when the
 * server starts and with `airguard user sweep` (auth_unused_sweep). `airguard user unlock` and the
 * administrator's page re-enable it (auth_account_enable), which restarts the clock.
 * Each function is one transaction or joins the caller's.
 */
#include "auth/auth_int.h"

/* The instant before which an account's last use makes it unused, as ISO text. */
static int cutoff(struct store *st, char out[21], int *days_out, struct ag_error *err)
{
    int days, rc;
    if ((rc = auth_unused_days(st, &days, err)))
        return rc;
    auth_time(-86400L * days, out);
    if (days_out)
        *days_out = days;
    return AG_OK;
}

/* SQL: the account's last use (a.*). */
#define LAST_USE "max(coalesce(a.last_login_at, ''), coalesce(a.enabled_at, ''), a.created_at)"

int auth_unused_days(struct store *st, int *days, struct ag_error *err)
{
    char v[32];
    *days = AUTH_DISABLE_AFTER_DAYS;
    if (store_meta_get(st, "auth.disable_after_days", v, sizeof(v)) != AG_OK)
        return AG_OK;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < 1 || n > 3650)
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\" is not a number from %d to %d",
                            "auth.disable_after_days", v, 1, 3650);
    *days = (int)n;
    return AG_OK;
}

/* Disables one account (already known to be unused and enabled): flag, sessions, audit row. */
static int disable(struct store *st, long long id, const char *last_use, int days,
                   struct ag_error *err)
{
    char now[21], ids[24], detail[160];
    int rc;
    auth_time(0, now);
    if ((rc = store_run(st, "accounts", err,
                        "UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                        "si", now, id)) ||
        (rc = store_run(st, "sessions", err, "DELETE FROM sessions WHERE account_id = ?", "i", id)))
        return rc;
    snprintf(ids, sizeof(ids), "%lld", id);
    snprintf(detail, sizeof(detail),
             "{\"reason\": \"unused\", \"last_use\": \"%.20s\", \"days\": %d}", last_use, days);
    return store_audit(st, "disable", "accounts", ids, detail, err);
}

int auth_unused_check(struct store *st, long long account_id, bool *disabled, struct ag_error *err)
{
    sqlite3_stmt *s = NULL;
    char before[21], last[21] = "";
    int days, rc;
    bool own, due = false;
    *disabled = false;
    if ((rc = cutoff(st, before, &days, err)) || (rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "SELECT a.disabled_at IS NOT NULL, " LAST_USE " FROM accounts a "
                            "WHERE a.id = ?",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, account_id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *disabled = sqlite3_column_int(s, 0);
        snprintf(last, sizeof(last), "%s", store_col_text(s, 1));
        due = !*disabled && strcmp(last, before) < 0;
    }
    sqlite3_finalize(s);
    s = NULL;
    if (due && (rc = disable(st, account_id, last, days, err)) == AG_OK)
        *disabled = true;
out:
    sqlite3_finalize(s);
    return auth_tx_end(st, own, rc, err);
}

int auth_unused_sweep(struct store *st,
                      void (*fn)(void *ctx, const char *login, const char *last_use), void *ctx,
                      size_t *count, struct ag_error *err)
{
    sqlite3_stmt *s = NULL;
    char before[21];
    int days, rc, step;
    bool own;
    *count = 0;
    if ((rc = cutoff(st, before, &days, err)) || (rc = auth_tx_begin(st, &own, err)))
        return rc;
    /* collect first, then write: the audit rows must not be appended while a query runs */
    struct victim {
        long long id;
        char login[65], last[21];
    } *v = NULL;
    size_t n = 0, cap = 0;
    if ((rc = store_prepare(
             st, &s,
             "SELECT a.id, p.login, " LAST_USE " AS last FROM accounts a JOIN "
             "people p ON p.id = a.person_id WHERE a.disabled_at IS NULL AND " LAST_USE
             " < ? ORDER BY p.login",
             err)))
        goto out;
    store_bind_text(s, 1, before);
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct victim *nv = realloc(v, ncap * sizeof(*v));
            if (!nv) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                goto out;
            }
            v = nv;
            cap = ncap;
        }
        v[n].id = sqlite3_column_int64(s, 0);
        snprintf(v[n].login, sizeof(v[n].login), "%s", store_col_text(s, 1));
        snprintf(v[n].last, sizeof(v[n].last), "%s", store_col_text(s, 2));
        n++;
    }
    if (step != SQLITE_DONE) {
        rc = store_error(st, "accounts", err);
        goto out;
    }
    sqlite3_finalize(s);
    s = NULL;
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = disable(st, v[i].id, v[i].last, days, err);
    /* the sweep is evidence for 3.2.2.1(1)④ (src/isms/compliance.c reads the run) */
    if (rc == AG_OK && store_has_monitor_runs(st)) {
        char now[21], details[64];
        auth_time(0, now);
        snprintf(details, sizeof(details), "{\"disabled\":%zu,\"days\":%d}", n, days);
        rc = store_monitor_run_add(st, "unused_accounts", now, now, "ok", details, NULL, err);
    }
out:
    sqlite3_finalize(s);
    rc = auth_tx_end(st, own, rc, err);
    if (rc == AG_OK) { /* reported once they are stored */
        *count = n;
        for (size_t i = 0; fn && i < n; i++)
            fn(ctx, v[i].login, v[i].last);
    }
    free(v);
    return rc;
}

int auth_unused_pending(struct store *st, long long *count, struct ag_error *err)
{
    char before[21];
    sqlite3_stmt *s;
    int rc;
    *count = 0;
    if ((rc = cutoff(st, before, NULL, err)) ||
        (rc = store_prepare(
             st, &s,
             "SELECT count(*) FROM accounts a WHERE a.disabled_at IS NULL AND " LAST_USE " < ?",
             err)))
        return rc;
    store_bind_text(s, 1, before);
    if (sqlite3_step(s) == SQLITE_ROW)
        *count = sqlite3_column_int64(s, 0);
    else
        rc = store_error(st, "accounts", err);
    sqlite3_finalize(s);
    return rc;
}

int auth_account_enable(struct store *st, const char *login, struct ag_error *err)
{
    bool own;
    long long id;
    char now[21];
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    auth_time(0, now);
    if ((rc = auth_account_id(st, login, &id, err)) == AG_OK &&
        (rc = auth_account_lock(st, login, false, err)) == AG_OK)
        rc = store_run(st, "accounts", err,
                       "UPDATE accounts SET disabled_at = NULL, enabled_at = ? WHERE id = ? AND "
                       "disabled_at IS NOT NULL",
                       "si", now, id);
    return auth_tx_end(st, own, rc, err);
}
