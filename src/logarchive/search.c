/*
 * search.c — `airguard logs search`: the segments of an archive folder whose time range
 * overlaps the query, read as zstd streams (bounded memory), their lines filtered by time,
 * host and text. Reads only; runs in the caller's thread.
 */
#include "logarchive/logarchive_int.h"
#include "logwatch/logwatch.h"

#include <dirent.h>
#include <errno.h>
#include <strings.h>

struct cand {
    char name[LA_NAME_MAX];
    int64_t first;
    int year;
};

struct matcher {
    const struct la_query *q;
    const char *segment;
    int year;
    int64_t prev; /* the time of the last timed line: a line without one takes it */
    la_match_fn fn;
    void *ctx;
    size_t tlen;
};

static bool has_text(const char *s, size_t n, const char *t, size_t tl, bool icase)
{
    if (tl == 0)
        return true;
    for (size_t i = 0; i + tl <= n; i++)
        if (icase ? strncasecmp(s + i, t, tl) == 0 : memcmp(s + i, t, tl) == 0)
            return true;
    return false;
}

static int match_line(void *ctx, const char *line, size_t n)
{
    struct matcher *m = ctx;
    const struct la_query *q = m->q;
    struct lw_event ev;
    int64_t t = la_line_time(line, n, m->year, q->utc_offset, &ev);
    if (t)
        m->prev = t;
    else
        t = m->prev;
    if ((q->since && t < q->since) || (q->until && t > q->until))
        return 0;
    if (q->host && *q->host &&
        (ev.host.n != strlen(q->host) || strncasecmp(ev.host.p, q->host, ev.host.n) != 0))
        return 0;
    if (q->text && !has_text(line, n, q->text, m->tlen, q->icase))
        return 0;
    return m->fn(m->ctx, m->segment, t, line, n);
}

static int year_of(int64_t t)
{
    time_t tt = (time_t)(t ? t : ag_now());
    struct tm tm;
    gmtime_r(&tt, &tm);
    return tm.tm_year + 1900;
}

int la_search(const char *dir, const struct la_query *q, la_match_fn fn, void *ctx, size_t *scanned,
              struct ag_error *err)
{
    *scanned = 0;
    DIR *d = opendir(dir);
    if (!d)
        return ag_error_set(err, AG_EIO, "%s: %s", dir, strerror(errno));
    struct cand *c = NULL;
    size_t nc = 0, cap = 0;
    int rc = AG_OK;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        size_t l = strlen(n);
        bool sealed = la_ends_with(n, LA_SEG_SUFFIX);
        bool open = la_starts_with(n, LA_OPEN_PREFIX) && la_ends_with(n, LA_PART_SUFFIX);
        if ((!sealed && !open) || l >= LA_NAME_MAX)
            continue;
        char path[PATH_MAX];
        if (!la_path(path, sizeof(path), dir, n))
            continue;
        FILE *f = fopen(path, "rb");
        if (!f)
            continue; /* expired or sealed meanwhile */
        struct la_scan sc;
        int r = la_segment_scan(f, 0, NULL, NULL, &sc);
        fclose(f);
        if (r) {
            la_scan_release(&sc);
            continue;
        }
        bool keep = true;
        int64_t first = 0, last = 0;
        const char *kind = sc.has_header ? sc.kind : "";
        if (sc.manifest_ok) {
            first = sc.m.first;
            last = sc.m.last;
            kind = sc.m.kind;
            if ((q->since && last < q->since) || (q->until && first > q->until))
                keep = false;
        }
        if (q->kind && strcmp(q->kind, kind) != 0)
            keep = false;
        la_scan_release(&sc);
        if (!keep)
            continue;
        if (nc == cap) {
            cap = cap ? cap * 2 : 32;
            struct cand *g = realloc(c, cap * sizeof(*c));
            if (!g) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                break;
            }
            c = g;
        }
        memcpy(c[nc].name, n, l + 1);            /* l < LA_NAME_MAX */
        c[nc].first = first ? first : INT64_MAX; /* open segments last */
        c[nc].year = year_of(last);
        nc++;
    }
    closedir(d);
    for (size_t i = 1; i < nc; i++) /* by first line, then name */
        for (size_t j = i;
             j > 0 && (c[j - 1].first > c[j].first ||
                       (c[j - 1].first == c[j].first && strcmp(c[j - 1].name, c[j].name) > 0));
             j--) {
            struct cand t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    for (size_t i = 0; !rc && i < nc; i++) {
        char path[PATH_MAX];
        la_path(path, sizeof(path), dir, c[i].name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        struct matcher m = {.q = q,
                            .segment = c[i].name,
                            .year = c[i].year,
                            .fn = fn,
                            .ctx = ctx,
                            .tlen = q->text ? strlen(q->text) : 0};
        struct la_scan sc;
        rc = la_segment_scan(f, LA_SCAN_LINES, match_line, &m, &sc);
        fclose(f);
        la_scan_release(&sc);
        if (rc)
            rc = ag_error_set(err, rc, "%s: cannot read", path);
        (*scanned)++;
    }
    free(c);
    return rc;
}
