/*
 * policy.c — retention periods per log source and kind (table log_retention) and expiry by
 * them: a segment goes only when its whole time range (its last line) is older than the period
 * of its source and kind, each removal marked in the chain and written to the audit trail.
 */
#include "logarchive/logarchive_int.h"
#include "logwatch/logwatch.h"

#include <errno.h>
#include <jansson.h>
#include <unistd.h>

bool la_days_parse(const char *s, long *days)
{
    if (!s || !*s || *s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || n <= 0 || n > 36500)
        return false;
    long mult = 1;
    if (!*end || !strcmp(end, "d"))
        mult = 1;
    else if (!strcmp(end, "w"))
        mult = 7;
    else if (!strcmp(end, "mo"))
        mult = 30;
    else if (!strcmp(end, "y"))
        mult = 365;
    else
        return false;
    if (n > 36500 / mult)
        return false;
    *days = n * mult;
    return true;
}

static int check_kind(const char *kind, struct ag_error *err)
{
    enum la_kind k;
    if (kind && (!strcmp(kind, "*") || la_kind_parse(kind, &k)))
        return AG_OK;
    return ag_error_set(err, AG_EINVAL,
                        "kind \"%s\" is not one of: auth, web, mail, network, system, *",
                        kind ? kind : "");
}

int la_policy_set(struct store *st, const char *kind, const char *source, long days,
                  const char *basis, struct ag_error *err)
{
    int rc = check_kind(kind, err);
    if (rc)
        return rc;
    if (days < 1 || days > 36500)
        return ag_error_set(err, AG_EINVAL, "the period %ld days is not within 1–36500", days);
    if (!source || !*source)
        source = "*";
    char now[21];
    ag_time_iso(ag_now(), now);
    return store_run(st, "setting a retention period", err,
                     "INSERT INTO log_retention (kind, source, days, basis, updated_at, "
                     "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(kind, source) DO "
                     "UPDATE SET days = excluded.days, basis = excluded.basis, updated_at = "
                     "excluded.updated_at, updated_by = excluded.updated_by",
                     "ssisss", kind, source, (long long)days, basis ? basis : "", now,
                     store_actor(st));
}

int la_policy_delete(struct store *st, const char *kind, const char *source, struct ag_error *err)
{
    int rc = check_kind(kind, err);
    if (rc)
        return rc;
    if (!source || !*source)
        source = "*";
    if ((rc = store_run(st, "removing a retention period", err,
                        "DELETE FROM log_retention WHERE kind = ?1 AND source = ?2", "ss", kind,
                        source)))
        return rc;
    if (sqlite3_changes(store_db(st)) == 0)
        return ag_error_set(err, AG_ENOTFOUND, "no retention period for kind %s, source %s", kind,
                            source);
    return AG_OK;
}

int la_policy_for(struct store *st, const char *source, const char *kind, long *days, char *policy,
                  size_t cap, struct ag_error *err)
{
    sqlite3_stmt *s;
    *days = 0;
    if (cap)
        policy[0] = '\0';
    int rc = store_prepare(st, &s,
                           "SELECT days, kind, source FROM log_retention WHERE kind IN (?1, '*') "
                           "AND source IN (?2, '*') ORDER BY (kind <> '*') DESC, "
                           "(source <> '*') DESC LIMIT 1",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, kind);
    store_bind_text(s, 2, source);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *days = (long)sqlite3_column_int64(s, 0);
        if (cap)
            snprintf(policy, cap, "%s %s %ld", store_col_text(s, 1), store_col_text(s, 2), *days);
    }
    sqlite3_finalize(s);
    return AG_OK;
}

struct victim {
    int64_t seq;
    char name[LA_NAME_MAX], kind[16], last[24], policy[600];
    char *source;
    long days;
};

static void free_victims(struct victim *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].source);
    free(v);
}

/* Marks the victims expired and audits each, in one transaction. */
static int mark(struct store *st, const char *id, struct victim *v, size_t n, struct ag_error *err)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    int rc = store_begin(st, err);
    for (size_t i = 0; !rc && i < n; i++) {
        rc = store_run(st, "expiring a log segment", err,
                       "UPDATE log_segments SET status = 'expired', expired_at = ?1, expired_by = "
                       "?2, expired_policy = ?3 WHERE archive_id = ?4 AND seq = ?5 AND status = "
                       "'sealed'",
                       "ssssi", now, store_actor(st), v[i].policy, id, (long long)v[i].seq);
        json_t *d = rc ? NULL
                       : json_pack("{s:s,s:I,s:s,s:s,s:s,s:I}", "archive", id, "seq",
                                   (json_int_t)v[i].seq, "kind", v[i].kind, "source", v[i].source,
                                   "last", v[i].last, "days", (json_int_t)v[i].days);
        char *text = d ? json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        json_decref(d);
        if (!rc && !text)
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        if (!rc)
            rc = store_audit(st, "expire", "log_segments", v[i].name, text, err);
        free(text);
    }
    if (!rc)
        rc = store_commit(st, err);
    else
        store_rollback(st);
    return rc;
}

int la_expire(struct store *st, const char *dir, int64_t now, bool dry_run, la_expire_fn fn,
              void *ctx, size_t *n, struct ag_error *err)
{
    *n = 0;
    char id[33];
    int rc = la_archive_id(dir, id, err);
    if (rc)
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT seq, name, kind, source, last_time, status FROM log_segments "
                            "WHERE archive_id = ?1 ORDER BY seq",
                            err)))
        return rc;
    store_bind_text(s, 1, id);
    struct victim *v = NULL;
    size_t nv = 0, cap = 0;
    char **left = NULL; /* files of segments expired before that are still there */
    size_t nleft = 0;
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        const char *name = store_col_text(s, 1);
        if (strcmp(store_col_text(s, 5), "expired") == 0) {
            char path[PATH_MAX];
            if (!dry_run && la_path(path, sizeof(path), dir, name) && access(path, F_OK) == 0) {
                char **g = realloc(left, (nleft + 1) * sizeof(*left));
                if (g && (g[nleft] = strdup(name)))
                    nleft++;
                if (g)
                    left = g;
            }
            continue;
        }
        const char *kind = store_col_text(s, 2), *source = store_col_text(s, 3);
        const char *last = store_col_text(s, 4);
        int64_t t;
        int32_t off;
        long days;
        char policy[600];
        if (!lw_time_rfc3339(last, strlen(last), &t, &off))
            continue;
        if ((rc = la_policy_for(st, source, kind, &days, policy, sizeof(policy), err)))
            break;
        if (!days || t + (int64_t)days * 86400 > now)
            continue;
        if (nv == cap) {
            cap = cap ? cap * 2 : 16;
            struct victim *g = realloc(v, cap * sizeof(*v));
            if (!g) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                break;
            }
            v = g;
        }
        struct victim *x = &v[nv];
        memset(x, 0, sizeof(*x));
        x->seq = sqlite3_column_int64(s, 0);
        x->days = days;
        snprintf(x->name, sizeof(x->name), "%s", name);
        snprintf(x->kind, sizeof(x->kind), "%s", kind);
        snprintf(x->last, sizeof(x->last), "%s", last);
        snprintf(x->policy, sizeof(x->policy), "%s", policy);
        if (!(x->source = strdup(source))) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        nv++;
    }
    sqlite3_finalize(s);
    if (!rc && !dry_run && nv)
        rc = mark(st, id, v, nv, err);
    for (size_t i = 0; !rc && i < nv; i++) {
        if (fn)
            fn(ctx, v[i].name, v[i].kind, v[i].source, v[i].last, v[i].days);
        char path[PATH_MAX];
        if (!dry_run && la_path(path, sizeof(path), dir, v[i].name) && unlink(path) != 0 &&
            errno != ENOENT)
            rc = ag_error_set(err, AG_EIO,
                              "%s: %s (the segment is marked expired; run expire "
                              "again)",
                              path, strerror(errno));
    }
    for (size_t i = 0; !rc && i < nleft; i++) {
        char path[PATH_MAX];
        if (la_path(path, sizeof(path), dir, left[i]) && unlink(path) != 0 && errno != ENOENT)
            rc = ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    }
    if (!rc && !dry_run && (nv || nleft))
        rc = la_fsync_dir(dir, err);
    if (!rc)
        *n = nv;
    for (size_t i = 0; i < nleft; i++)
        free(left[i]);
    free(left);
    free_victims(v, nv);
    return rc;
}
