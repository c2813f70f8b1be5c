/*
 * writer.c — the archive writer: one open segment per (source, kind), sealed at its size or
 * age limit, when more than max_open are open (the least recently written), and at the end;
 * recovery of what a crash left at open (logarchive.h). Used by one thread: logwatch's loop.
 *
 * Invariant: w->head_seq/w->head are the last sealed segment on disk (the store has it too,
 * unless recording it failed — the next open records it then). Only the holder of dir/.lock
 * seals, so seq numbers never collide.
 */
#define _DEFAULT_SOURCE /* realpath */
#include "logarchive/logarchive_int.h"
#include "logwatch/logwatch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

#define LA_MAX_OPEN 256
#define LA_ARCHIVE_JSON "archive.json"
#define LA_ARCHIVE_FORMAT "airguard-log-archive/1"

struct la_writer {
    char dir[PATH_MAX];
    struct store *st;
    char id[33];
    int lockfd;
    struct la_options o;
    struct la_seg *segs[LA_MAX_OPEN];
    size_t nsegs;
    struct la_seg *last; /* the segment of the previous line: most lines go to the same one */
    int64_t head_seq;
    char head[LA_HASH_HEX];
    uint64_t counter;
    struct la_writer_stats stats;
    char prog[64]; /* the program of the previous line and its kind: most lines repeat it */
    size_t nprog;
    enum la_kind prog_kind;
};

void la_options_init(struct la_options *o)
{
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    *o = (struct la_options){.max_raw_bytes = 64u << 20,
                             .max_age = 86400,
                             .level = 1,
                             .year = tm.tm_year + 1900,
                             .max_open = 32};
}

const char *la_default_dir(void)
{
    const char *d = getenv("AIRGUARD_ARCHIVE");
    return d && *d ? d : "data/logs";
}

int la_archive_id(const char *dir, char id[33], struct ag_error *err)
{
    char path[PATH_MAX];
    id[0] = '\0';
    if (!la_path(path, sizeof(path), dir, LA_ARCHIVE_JSON))
        return ag_error_set(err, AG_EINVAL, "%s: the path is too long", dir);
    if (access(path, F_OK) != 0)
        return ag_error_set(err, AG_ENOTFOUND, "%s: no log archive here (no %s)", dir,
                            LA_ARCHIVE_JSON);
    json_error_t je;
    json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    const char *s = json_string_value(json_object_get(j, "id"));
    int rc = AG_OK;
    if (!s || strlen(s) != 32 || strspn(s, "0123456789abcdef") != 32)
        rc = ag_error_set(err, AG_EINVAL, "%s: not an archive description (\"id\": 32 hex digits)",
                          path);
    else
        memcpy(id, s, 33);
    json_decref(j);
    return rc;
}

static int mkdirs(const char *dir, struct ag_error *err)
{
    char p[PATH_MAX];
    snprintf(p, sizeof(p), "%s", dir);
    for (char *c = p + 1; *c; c++) {
        if (*c != '/')
            continue;
        *c = '\0';
        if (mkdir(p, 0750) != 0 && errno != EEXIST)
            return ag_error_set(err, AG_EIO, "%s: %s", p, strerror(errno));
        *c = '/';
    }
    if (mkdir(p, 0750) != 0 && errno != EEXIST)
        return ag_error_set(err, AG_EIO, "%s: %s", p, strerror(errno));
    return AG_OK;
}

/* The names in dir starting with prefix and ending with suffix, sorted (caller frees). */
static int list_dir(const char *dir, const char *prefix, const char *suffix, char ***out, size_t *n,
                    struct ag_error *err)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return ag_error_set(err, AG_EIO, "%s: %s", dir, strerror(errno));
    size_t cap = 0;
    int rc = AG_OK;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!la_starts_with(e->d_name, prefix) || !la_ends_with(e->d_name, suffix))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(*out, cap * sizeof(char *));
            if (!grown) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                break;
            }
            *out = grown;
        }
        if (!((*out)[*n] = strdup(e->d_name))) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        (*n)++;
    }
    closedir(d);
    for (size_t i = 1; i < *n; i++) /* insertion sort: folders hold a few thousand names */
        for (size_t j = i; j > 0 && strcmp((*out)[j - 1], (*out)[j]) > 0; j--) {
            char *t = (*out)[j];
            (*out)[j] = (*out)[j - 1];
            (*out)[j - 1] = t;
        }
    return rc;
}

static void free_list(char **l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

static int archive_json(struct la_writer *w, struct ag_error *err)
{
    int rc = la_archive_id(w->dir, w->id, err);
    if (rc != AG_ENOTFOUND)
        return rc;
    char **names;
    size_t n;
    if ((rc = list_dir(w->dir, "", LA_SEG_SUFFIX, &names, &n, err)))
        return rc;
    free_list(names, n);
    if (n)
        return ag_error_set(err, AG_EINVAL,
                            "%s: the folder holds segments but its %s is missing; restore it from "
                            "a backup (airguard logs verify names the problem)",
                            w->dir, LA_ARCHIVE_JSON);
    unsigned char raw[16];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(w->id, sizeof(w->id), raw, sizeof(raw));
    char created[21], path[PATH_MAX];
    ag_time_iso(ag_now(), created);
    json_t *j =
        json_pack("{s:s,s:s,s:s}", "format", LA_ARCHIVE_FORMAT, "id", w->id, "created", created);
    char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!text)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    la_path(path, sizeof(path), w->dir, LA_ARCHIVE_JSON);
    rc = ag_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return rc ? rc : la_fsync_dir(w->dir, err);
}

static int take_lock(struct la_writer *w, struct ag_error *err)
{
    char path[PATH_MAX];
    la_path(path, sizeof(path), w->dir, ".lock");
    w->lockfd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (w->lockfd < 0)
        return ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(w->lockfd, F_SETLK, &fl) != 0)
        return ag_error_set(err, AG_ECONFLICT,
                            "%s: another process writes this archive (the lock %s is held)", w->dir,
                            path);
    return AG_OK;
}

/* Records a sealed file (manifest text and hash) in the store and moves the head. */
static int record(struct la_writer *w, const char *text, const char *sha, struct ag_error *err)
{
    struct la_manifest m;
    int rc = la_manifest_parse(text, strlen(text), &m, err);
    if (!rc)
        rc = la_reg_add(w->st, w->id, &m, text, sha, err);
    return rc;
}

/* Seals s (or drops it when it holds no line) and frees it. */
static int seal(struct la_writer *w, struct la_seg *s, bool recovered, struct ag_error *err)
{
    int rc = AG_OK;
    if (s->lines == 0) {
        la_seg_release(s);
        if (unlink(s->path) != 0 && errno != ENOENT)
            rc = ag_error_set(err, AG_EIO, "%s: %s", s->path, strerror(errno));
        free(s);
        return rc;
    }
    char name[LA_NAME_MAX], final[PATH_MAX], sha[LA_HASH_HEX], *text = NULL;
    int64_t seq = w->head_seq + 1;
    la_seg_name(seq, la_kind_name(s->kind), s->first, name);
    if (!la_path(final, sizeof(final), w->dir, name))
        rc = ag_error_set(err, AG_EINVAL, "%s: the path is too long", w->dir);
    if (!rc)
        rc = la_seg_finish(s, seq, name, w->head, recovered, &text, sha, err);
    if (!rc && rename(s->path, final) != 0)
        rc = ag_error_set(err, AG_EIO, "%s: %s", final, strerror(errno));
    if (!rc)
        rc = la_fsync_dir(w->dir, err);
    if (!rc) { /* sealed on disk: the chain moves on even if the store refuses (next open) */
        w->head_seq = seq;
        memcpy(w->head, sha, LA_HASH_HEX);
        w->stats.sealed++;
        w->stats.data_bytes += s->data_bytes;
        rc = record(w, text, sha, err);
    }
    free(text);
    la_seg_release(s);
    free(s);
    return rc;
}

static void forget(struct la_writer *w, struct la_seg *s)
{
    for (size_t i = 0; i < w->nsegs; i++)
        if (w->segs[i] == s) {
            w->segs[i] = w->segs[--w->nsegs];
            break;
        }
    if (w->last == s)
        w->last = NULL;
}

static int seal_one(struct la_writer *w, struct la_seg *s, struct ag_error *err)
{
    forget(w, s);
    return seal(w, s, false, err);
}

/* ---- recovery ---- */

struct refill {
    struct la_writer *w;
    struct la_seg *s;
    int rc;
    struct ag_error *err;
};

static int refill_line(void *ctx, const char *line, size_t n)
{
    struct refill *r = ctx;
    struct lw_event ev;
    int64_t t = la_line_time(line, n, r->w->o.year, r->w->o.utc_offset, &ev);
    if (!t)
        t = r->s->last ? r->s->last : r->s->opened;
    r->rc = la_seg_add(r->s, line, n, t, r->err);
    return r->rc;
}

/* Makes a sealed segment of the complete lines of dir/name (a .recover file), then removes
 * the file. */
static int recover_file(struct la_writer *w, const char *name, struct ag_error *err)
{
    char path[PATH_MAX];
    la_path(path, sizeof(path), w->dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    struct la_scan peek;
    int rc = la_segment_scan(f, 0, NULL, NULL, &peek);
    enum la_kind kind = LA_SYSTEM;
    if (peek.has_header)
        (void)la_kind_parse(peek.kind, &kind);
    struct la_seg *s = calloc(1, sizeof(*s));
    if (!rc && !s)
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    if (!rc)
        rc = la_seg_create(s, w->dir, peek.has_header ? peek.source : "recovered", kind, w->o.level,
                           (int64_t)ag_now(), err);
    la_scan_release(&peek);
    struct refill r = {.w = w, .s = s, .err = err};
    struct la_scan sc;
    if (!rc) {
        snprintf(s->recovered_from, sizeof(s->recovered_from), "%s", name);
        rc = la_segment_scan(f, LA_SCAN_LINES, refill_line, &r, &sc);
        la_scan_release(&sc);
        if (!rc)
            rc = r.rc;
        if (rc == AG_EIO && !err->msg[0])
            ag_error_set(err, rc, "%s: cannot read", path);
    }
    fclose(f);
    if (!rc) {
        bool any = s->lines > 0; /* an open segment with no line flushed yet is dropped */
        rc = seal(w, s, true, err);
        s = NULL;
        if (!rc && any)
            w->stats.recovered++;
    }
    if (s) {
        la_seg_release(s);
        unlink(s->path);
        free(s);
    }
    if (!rc && unlink(path) != 0)
        rc = ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    return rc ? rc : la_fsync_dir(w->dir, err);
}

/* Sealed files on disk the store does not have yet (a crash after the rename): recorded while
 * they continue the chain. */
static int adopt(struct la_writer *w, struct ag_error *err)
{
    char **names;
    size_t n;
    int rc = list_dir(w->dir, "", LA_SEG_SUFFIX, &names, &n, err);
    for (size_t i = 0; !rc && i < n; i++) {
        long long seq = strtoll(names[i], NULL, 10);
        if (seq != w->head_seq + 1)
            continue;
        char path[PATH_MAX];
        la_path(path, sizeof(path), w->dir, names[i]);
        FILE *f = fopen(path, "rb");
        struct la_scan sc;
        if (!f || la_segment_scan(f, LA_SCAN_HASH, NULL, NULL, &sc) != AG_OK) {
            if (f)
                fclose(f);
            continue;
        }
        fclose(f);
        if (sc.manifest_ok && sc.m.seq == w->head_seq + 1 && !strcmp(sc.m.name, names[i]) &&
            !strcmp(sc.m.prev_sha256, w->head) && !strcmp(sc.m.data_sha256, sc.data_sha256)) {
            rc = la_reg_add(w->st, w->id, &sc.m, sc.manifest_text, sc.manifest_sha256, err);
            if (!rc) {
                w->head_seq = sc.m.seq;
                memcpy(w->head, sc.manifest_sha256, LA_HASH_HEX);
                w->stats.adopted++;
            }
        }
        la_scan_release(&sc);
    }
    free_list(names, n);
    return rc;
}

/* An open segment left by a crash: renamed into place if it was sealed already, else kept
 * aside as .recover-… and sealed anew from its complete lines. */
static int recover_open(struct la_writer *w, const char *name, struct ag_error *err)
{
    char path[PATH_MAX], aside[PATH_MAX], final[PATH_MAX];
    la_path(path, sizeof(path), w->dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
    struct la_scan sc;
    int rc = la_segment_scan(f, LA_SCAN_HASH, NULL, NULL, &sc);
    fclose(f);
    if (rc)
        return ag_error_set(err, rc, "%s: cannot read", path);
    bool sealed = sc.manifest_ok && sc.m.seq == w->head_seq + 1 &&
                  !strcmp(sc.m.prev_sha256, w->head) && !strcmp(sc.m.data_sha256, sc.data_sha256) &&
                  !strchr(sc.m.name, '/');
    if (sealed) {
        la_path(final, sizeof(final), w->dir, sc.m.name);
        if (rename(path, final) != 0)
            rc = ag_error_set(err, AG_EIO, "%s: %s", final, strerror(errno));
        if (!rc)
            rc = la_fsync_dir(w->dir, err);
        if (!rc) {
            w->head_seq = sc.m.seq;
            memcpy(w->head, sc.manifest_sha256, LA_HASH_HEX);
            w->stats.adopted++;
            rc = la_reg_add(w->st, w->id, &sc.m, sc.manifest_text, sc.manifest_sha256, err);
        }
        la_scan_release(&sc);
        return rc;
    }
    la_scan_release(&sc);
    char aside_name[LA_NAME_MAX];
    snprintf(aside_name, sizeof(aside_name), LA_RECOVER_PREFIX "%s", name + strlen(LA_OPEN_PREFIX));
    la_path(aside, sizeof(aside), w->dir, aside_name);
    if (rename(path, aside) != 0)
        return ag_error_set(err, AG_EIO, "%s: %s", aside, strerror(errno));
    if ((rc = la_fsync_dir(w->dir, err)))
        return rc;
    return recover_file(w, aside_name, err);
}

static int recover(struct la_writer *w, struct ag_error *err)
{
    int rc = adopt(w, err);
    char **names = NULL;
    size_t n = 0;
    /* .recover files first: a crash during an earlier recovery */
    if (!rc)
        rc = list_dir(w->dir, LA_RECOVER_PREFIX, LA_PART_SUFFIX, &names, &n, err);
    for (size_t i = 0; !rc && i < n; i++) {
        bool done = false;
        rc = la_reg_recovered(w->st, w->id, names[i], &done, err);
        if (rc)
            break;
        if (done) { /* sealed and recorded before the crash: only the removal was left */
            char path[PATH_MAX];
            la_path(path, sizeof(path), w->dir, names[i]);
            if (unlink(path) != 0)
                rc = ag_error_set(err, AG_EIO, "%s: %s", path, strerror(errno));
        } else {
            rc = recover_file(w, names[i], err);
        }
    }
    free_list(names, n);
    names = NULL;
    n = 0;
    if (!rc)
        rc = list_dir(w->dir, LA_OPEN_PREFIX, LA_PART_SUFFIX, &names, &n, err);
    for (size_t i = 0; !rc && i < n; i++)
        rc = recover_open(w, names[i], err);
    free_list(names, n);
    return rc;
}

int la_writer_open(struct la_writer **out, const char *dir, struct store *st,
                   const struct la_options *o, struct ag_error *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return ag_error_set(err, AG_EIO, "libsodium did not start");
    struct la_writer *w = calloc(1, sizeof(*w));
    if (!w)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    w->lockfd = -1;
    w->st = st;
    w->o = *o;
    if (w->o.max_open == 0 || w->o.max_open > LA_MAX_OPEN)
        w->o.max_open = LA_MAX_OPEN;
    int rc = AG_OK;
    if (strlen(dir) + 64 >= sizeof(w->dir))
        rc = ag_error_set(err, AG_EINVAL, "%s: the path is too long", dir);
    if (!rc) {
        snprintf(w->dir, sizeof(w->dir), "%s", dir);
        rc = mkdirs(dir, err);
    }
    if (!rc)
        rc = take_lock(w, err);
    if (!rc)
        rc = archive_json(w, err);
    char abs[PATH_MAX];
    if (!rc && !realpath(dir, abs))
        rc = ag_error_set(err, AG_EIO, "%s: %s", dir, strerror(errno));
    if (!rc)
        rc = la_reg_archive(st, w->id, abs, err);
    if (!rc)
        rc = la_reg_head(st, w->id, &w->head_seq, w->head, err);
    if (!rc)
        rc = recover(w, err);
    if (rc) {
        la_writer_abandon(w);
        return rc;
    }
    *out = w;
    return AG_OK;
}

static struct la_seg *find(struct la_writer *w, const char *source, enum la_kind kind)
{
    if (w->last && w->last->kind == kind && !strcmp(w->last->source, source))
        return w->last;
    for (size_t i = 0; i < w->nsegs; i++)
        if (w->segs[i]->kind == kind && !strcmp(w->segs[i]->source, source))
            return w->segs[i];
    return NULL;
}

static int open_seg(struct la_writer *w, const char *source, enum la_kind kind, struct la_seg **out,
                    struct ag_error *err)
{
    if (w->nsegs >= w->o.max_open) { /* seal the least recently written */
        struct la_seg *lru = w->segs[0];
        for (size_t i = 1; i < w->nsegs; i++)
            if (w->segs[i]->last_use < lru->last_use)
                lru = w->segs[i];
        int rc = seal_one(w, lru, err);
        if (rc)
            return rc;
    }
    struct la_seg *s = calloc(1, sizeof(*s));
    if (!s)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    int rc = la_seg_create(s, w->dir, source, kind, w->o.level, (int64_t)ag_now(), err);
    if (rc) {
        la_seg_release(s);
        if (s->path[0])
            unlink(s->path);
        free(s);
        return rc;
    }
    w->segs[w->nsegs++] = s;
    *out = s;
    return AG_OK;
}

int la_writer_append(struct la_writer *w, const char *source, const char *line, size_t n,
                     struct ag_error *err)
{
    struct lw_event ev;
    int64_t t = la_line_time(line, n, w->o.year, w->o.utc_offset, &ev);
    enum la_kind kind;
    if (ev.program.n && ev.program.n == w->nprog && !memcmp(ev.program.p, w->prog, w->nprog) &&
        !ev.decoder) {
        kind = w->prog_kind;
    } else {
        kind = la_classify(&ev);
        /* the kernel's kind depends on the message (packet-filter lines): never cached */
        if (ev.program.n && ev.program.n <= sizeof(w->prog) && !ev.decoder &&
            !(ev.program.n == 6 && !memcmp(ev.program.p, "kernel", 6))) {
            memcpy(w->prog, ev.program.p, ev.program.n);
            w->nprog = ev.program.n;
            w->prog_kind = kind;
        }
    }
    struct la_seg *s = find(w, source, kind);
    int rc;
    if (s && s->lines && s->raw_bytes + n + 1 > w->o.max_raw_bytes) {
        if ((rc = seal_one(w, s, err)))
            return rc;
        s = NULL;
    }
    if (!s && (rc = open_seg(w, source, kind, &s, err)))
        return rc;
    if (!t)
        t = s->last ? s->last : s->opened;
    if ((rc = la_seg_add(s, line, n, t, err)))
        return rc;
    s->last_use = ++w->counter;
    w->last = s;
    w->stats.lines++;
    w->stats.raw_bytes += n + 1;
    return AG_OK;
}

int la_writer_tick(struct la_writer *w, int64_t now, struct ag_error *err)
{
    int first = AG_OK;
    for (size_t i = 0; i < w->nsegs;) {
        struct la_seg *s = w->segs[i];
        int rc;
        if (now - s->opened >= w->o.max_age) {
            rc = seal_one(w, s, err); /* the array moved: look at i again */
        } else {
            rc = la_seg_flush(s, true, err);
            i++;
        }
        if (rc && !first)
            first = rc;
    }
    return first;
}

int la_writer_seal_all(struct la_writer *w, struct ag_error *err)
{
    int first = AG_OK;
    while (w->nsegs) {
        int rc = seal_one(w, w->segs[0], err);
        if (rc && !first)
            first = rc;
    }
    return first;
}

int la_writer_close(struct la_writer *w, struct ag_error *err)
{
    if (!w)
        return AG_OK;
    int rc = la_writer_seal_all(w, err);
    la_writer_abandon(w);
    return rc;
}

void la_writer_abandon(struct la_writer *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->nsegs; i++) {
        la_seg_release(w->segs[i]);
        free(w->segs[i]);
    }
    if (w->lockfd >= 0)
        close(w->lockfd);
    free(w);
}

void la_writer_stats(const struct la_writer *w, struct la_writer_stats *s)
{
    *s = w->stats;
    for (size_t i = 0; i < w->nsegs; i++)
        s->data_bytes += w->segs[i]->data_bytes;
}

const char *la_writer_archive_id(const struct la_writer *w)
{
    return w->id;
}
