/*
 * tail.c — reading a log file as it grows (and standard input, through the same line splitter).
 * Runs in the caller's thread (the loop of listen.c, or `logwatch parse`/`run` directly).
 *
 * Positions: `pos` is the file offset of the byte after buf[len-1] (the next to read); the line
 * splitter consumes buf from the front, and `done` = pos - len is the offset after the last byte
 * consumed — what lw_tail_commit saves, so a restart neither skips nor repeats a line.
 *
 * Following the file (checked each time a read reaches the end of the file):
 *   - the size fell below pos: truncated, read again from 0;
 *   - the first bytes changed (hash of up to TAIL_HEAD bytes): copytruncate or a reused inode
 *     with the file grown past pos already, read again from 0;
 *   - the path names another inode: rotated; the old file is read to its end, its unfinished last
 *     line handed over, then the new file is read from 0;
 *   - the path is gone: keep the old file open until a new one appears.
 * Bounded memory: buf is 2 * LW_LINE_MAX + 1 bytes, allocated once; a line longer than
 * LW_LINE_MAX is cut there and the rest of it skipped (`skip`, saved in the state too).
 */
#include "logwatch/logwatch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAIL_CAP (2 * LW_LINE_MAX + 1)
#define TAIL_HEAD 512     /* bytes of the file's start whose hash tells one file from another */
#define TAIL_HASH 16      /* bytes of that hash */
#define TAIL_DIR_SCAN 100 /* entries looked at when searching a rotated file by its inode */

struct tail_pos { /* what the state file holds */
    bool valid;
    uint64_t dev, ino, off, lineno;
    bool skip;
    size_t head_len;
    unsigned char head[TAIL_HASH];
};

struct lw_tail {
    char *name;       /* as given (the origin's name) */
    char *path;       /* absolute (NULL for a stream opened by fd) */
    char *state_path; /* NULL without a state_dir */
    int fd;           /* -1 while waiting for the file */
    bool own_fd, stream, eof, more, skip;
    uint64_t dev, ino;
    uint64_t pos, lineno;
    size_t head_len; /* the hash `head` is of the first head_len bytes (0: not known yet) */
    unsigned char head[TAIL_HASH];
    struct tail_pos saved;     /* the state file's position, until the file is attached */
    struct tail_pos committed; /* the last position written (no write when unchanged) */
    struct lw_input_stats st;
    size_t len;
    char *buf;
};

static uint64_t done_off(const struct lw_tail *t)
{
    return t->pos - t->len;
}

/* Hash of the first n bytes of fd; false when fewer than n can be read. */
static bool head_hash(int fd, size_t n, unsigned char out[TAIL_HASH])
{
    unsigned char b[TAIL_HEAD];
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, b + got, n - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    crypto_generichash(out, TAIL_HASH, b, n, NULL, 0);
    return true;
}

/* Whether fd still starts with the bytes hashed in (len, hash). */
static bool head_same(int fd, size_t len, const unsigned char hash[TAIL_HASH])
{
    unsigned char now[TAIL_HASH];
    if (!len)
        return true;
    return head_hash(fd, len, now) && memcmp(now, hash, TAIL_HASH) == 0;
}

static void head_refresh(struct lw_tail *t, uint64_t size)
{
    size_t want = size < TAIL_HEAD ? (size_t)size : TAIL_HEAD;
    if (want > t->head_len && head_hash(t->fd, want, t->head))
        t->head_len = want;
}

static void restart(struct lw_tail *t)
{
    t->pos = 0;
    t->len = 0;
    t->lineno = 0;
    t->skip = false;
    t->head_len = 0;
}

static void detach(struct lw_tail *t)
{
    if (t->fd >= 0 && t->own_fd)
        close(t->fd);
    t->fd = -1;
}

/* Hands buf[0..n) to fn as one line (buf[n] becomes the NUL); false for an empty line (counted
 * in the line numbers, not handed over). */
static bool emit(struct lw_tail *t, char *s, size_t n, lw_line_fn fn, void *ctx)
{
    t->lineno++;
    if (n && s[n - 1] == '\r')
        n--;
    if (!n)
        return false;
    s[n] = '\0';
    t->st.lines++;
    struct lw_origin o = {.kind = t->stream && !t->path ? LW_IN_STDIN : LW_IN_FILE,
                          .name = t->name,
                          .lineno = t->lineno};
    fn(ctx, &o, s, n);
    return true;
}

/* Splits the complete lines of buf, at most *budget of them; keeps the rest at the front. */
static uint64_t split(struct lw_tail *t, lw_line_fn fn, void *ctx, uint64_t budget)
{
    size_t i = 0;
    uint64_t lines = 0;
    t->more = false;
    while (i < t->len) {
        char *s = t->buf + i;
        size_t avail = t->len - i;
        char *nl = memchr(s, '\n', avail);
        if (t->skip) { /* the rest of a cut line */
            if (!nl) {
                i = t->len;
                break;
            }
            i += (size_t)(nl - s) + 1;
            t->skip = false;
            continue;
        }
        if (lines == budget) {
            t->more = nl || avail >= LW_LINE_MAX;
            break;
        }
        size_t n = nl ? (size_t)(nl - s) : avail;
        if (n > LW_LINE_MAX) { /* too long: cut (also before its newline has come) */
            t->st.cut++;
            lines += emit(t, s, LW_LINE_MAX, fn, ctx);
            if (nl) {
                i += n + 1;
            } else {
                i = t->len;
                t->skip = true;
            }
            continue;
        }
        if (!nl)
            break; /* an unfinished line: wait for its newline */
        lines += emit(t, s, n, fn, ctx);
        i += n + 1;
    }
    memmove(t->buf, t->buf + i, t->len - i);
    t->len -= i;
    return lines;
}

static void resume(struct lw_tail *t, const struct tail_pos *sv)
{
    t->pos = sv->off;
    t->lineno = sv->lineno;
    t->skip = sv->skip;
    t->head_len = sv->head_len;
    memcpy(t->head, sv->head, TAIL_HASH);
}

/* Opens the path and positions it: at the saved state when it still describes this file (or a
 * rotated one found beside it by inode), else at 0. fd stays -1 when the file does not exist. */
static int attach(struct lw_tail *t, struct ag_error *err)
{
    int fd = open(t->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return AG_OK;
        return ag_error_set(err, AG_EIO, "cannot open %s: %s", t->path, strerror(errno));
    }
    struct stat s;
    if (fstat(fd, &s) != 0 || S_ISDIR(s.st_mode)) {
        close(fd);
        return ag_error_set(err, AG_EINVAL, "logwatch: %s is not a file", t->path);
    }
    if (!S_ISREG(s.st_mode)) { /* a FIFO or a device: read as a stream, blocking */
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0)
            fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
        t->stream = true;
    }
    t->fd = fd;
    t->own_fd = true;
    t->dev = (uint64_t)s.st_dev;
    t->ino = (uint64_t)s.st_ino;
    restart(t);
    struct tail_pos sv = t->saved;
    t->saved.valid = false;
    if (t->stream)
        return AG_OK;
    if (!sv.valid) {
        head_refresh(t, (uint64_t)s.st_size);
        return AG_OK;
    }
    if (sv.dev != t->dev || sv.ino != t->ino) {
        /* rotated while we were away: the old file, if still beside the path, is finished first
         * (reading it to its end switches to the path's file as on a rotation seen live) */
        char *slash = strrchr(t->path, '/');
        size_t dl = (size_t)(slash - t->path);
        char dir[4096];
        if (dl == 0)
            dl = 1;
        if (dl >= sizeof(dir))
            return AG_OK;
        memcpy(dir, t->path, dl);
        dir[dl] = '\0';
        DIR *d = opendir(dir);
        if (!d)
            return AG_OK;
        struct dirent *e;
        struct stat os;
        int old = -1;
        for (int k = 0; k < TAIL_DIR_SCAN && (e = readdir(d)) != NULL && old < 0; k++) {
            if (fstatat(dirfd(d), e->d_name, &os, 0) == 0 && S_ISREG(os.st_mode) &&
                (uint64_t)os.st_dev == sv.dev && (uint64_t)os.st_ino == sv.ino)
                old = openat(dirfd(d), e->d_name, O_RDONLY | O_CLOEXEC);
        }
        closedir(d);
        if (old >= 0 && fstat(old, &os) == 0 && (uint64_t)os.st_size >= sv.off &&
            head_same(old, sv.head_len, sv.head)) {
            close(t->fd);
            t->fd = old;
            t->dev = sv.dev;
            t->ino = sv.ino;
            resume(t, &sv);
        } else if (old >= 0) {
            close(old);
        }
    } else if ((uint64_t)s.st_size >= sv.off && head_same(t->fd, sv.head_len, sv.head)) {
        resume(t, &sv);
    } /* else truncated, or another file in the same inode: from 0 */
    if (!t->head_len && fstat(t->fd, &s) == 0)
        head_refresh(t, (uint64_t)s.st_size);
    return AG_OK;
}

static bool tail_load_state(struct lw_tail *t, struct ag_error *err)
{
    char *text = NULL;
    size_t len;
    struct ag_error e2;
    if (access(t->state_path, F_OK) != 0)
        return true;
    if (ag_file_read(t->state_path, 65536, &text, &len, &e2) != 0) {
        ag_error_set(err, AG_EIO, "%s", e2.msg);
        return false;
    }
    json_error_t je;
    json_t *o = json_loadb(text, len, 0, &je);
    free(text);
    json_int_t dev, ino, off, line, head_len;
    const char *path = NULL, *head = NULL;
    int skip = 0;
    bool ok = o && json_unpack(o, "{s:s, s:I, s:I, s:I, s:I, s:b, s:I, s:s}", "path", &path, "dev",
                               &dev, "ino", &ino, "offset", &off, "line", &line, "skip", &skip,
                               "head_len", &head_len, "head", &head) == 0;
    unsigned char hash[TAIL_HASH];
    ok = ok && off >= 0 && line >= 0 && head_len >= 0 && head_len <= TAIL_HEAD &&
         strlen(head) == 2 * TAIL_HASH &&
         sodium_hex2bin(hash, TAIL_HASH, head, 2 * TAIL_HASH, NULL, NULL, NULL) == 0;
    if (ok && strcmp(path, t->path) != 0) { /* another path with the same hash: ignore it */
        json_decref(o);
        return true;
    }
    if (!ok) {
        ag_error_set(err, AG_EINVAL,
                     "logwatch: %s is not a tail state file (members path, dev, ino, "
                     "offset, line, skip, head_len, head): %s",
                     t->state_path, o ? "bad or missing member" : je.text);
        json_decref(o);
        return false;
    }
    t->saved = (struct tail_pos){.valid = true,
                                 .dev = (uint64_t)dev,
                                 .ino = (uint64_t)ino,
                                 .off = (uint64_t)off,
                                 .lineno = (uint64_t)line,
                                 .skip = skip,
                                 .head_len = (size_t)head_len};
    memcpy(t->saved.head, hash, TAIL_HASH);
    t->committed = t->saved;
    json_decref(o);
    return true;
}

static struct lw_tail *tail_new(const char *name)
{
    struct lw_tail *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->fd = -1;
    t->name = strdup(name);
    t->buf = malloc(TAIL_CAP);
    if (!t->name || !t->buf) {
        free(t->name);
        free(t->buf);
        free(t);
        return NULL;
    }
    return t;
}

struct lw_tail *lw_tail_open(const char *path, const char *state_dir, struct ag_error *err)
{
    struct lw_tail *t = tail_new(path);
    if (!t || sodium_init() < 0) {
        ag_error_set(err, AG_ENOMEM, "logwatch: out of memory");
        lw_tail_close(t);
        return NULL;
    }
    struct strbuf b;
    strbuf_init(&b, 8192);
    if (path[0] != '/') {
        char cwd[4096];
        if (!getcwd(cwd, sizeof(cwd))) {
            ag_error_set(err, AG_EIO, "logwatch: %s: cannot tell the working directory: %s", path,
                         strerror(errno));
            goto fail;
        }
        strbuf_addf(&b, "%s/", cwd);
    }
    strbuf_adds(&b, path);
    t->path = strbuf_take(&b, NULL);
    if (!t->path) {
        ag_error_set(err, AG_EINVAL, "logwatch: %s: the path is too long", path);
        goto fail;
    }
    if (state_dir) {
        unsigned char h[8];
        char hex[2 * sizeof(h) + 1];
        crypto_generichash(h, sizeof(h), (const unsigned char *)t->path, strlen(t->path), NULL, 0);
        sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
        strbuf_init(&b, 8192);
        strbuf_addf(&b, "%s/tail-%s.json", state_dir, hex);
        t->state_path = strbuf_take(&b, NULL);
        if (!t->state_path) {
            ag_error_set(err, AG_EINVAL, "logwatch: %s: the path is too long", state_dir);
            goto fail;
        }
        if (!tail_load_state(t, err))
            goto fail;
    }
    if (attach(t, err) != 0)
        goto fail;
    return t;
fail:
    lw_tail_close(t);
    return NULL;
}

struct lw_tail *lw_tail_open_fd(int fd, const char *name, struct ag_error *err)
{
    struct lw_tail *t = tail_new(name);
    if (!t) {
        ag_error_set(err, AG_ENOMEM, "logwatch: out of memory");
        return NULL;
    }
    t->fd = fd;
    t->stream = true;
    return t;
}

void lw_tail_close(struct lw_tail *t)
{
    if (!t)
        return;
    detach(t);
    free(t->name);
    free(t->path);
    free(t->state_path);
    free(t->buf);
    free(t);
}

bool lw_tail_waiting(const struct lw_tail *t)
{
    return t->fd < 0;
}

bool lw_tail_eof(const struct lw_tail *t)
{
    return t->eof;
}

bool lw_tail_more(const struct lw_tail *t)
{
    return t->more;
}

const struct lw_input_stats *lw_tail_stats(const struct lw_tail *t)
{
    return &t->st;
}

int lw_tail_flush(struct lw_tail *t, lw_line_fn fn, void *ctx)
{
    split(t, fn, ctx, UINT64_MAX);
    if (!t->len || t->skip) {
        t->len = 0; /* the rest of a cut line: skipped */
        return 0;
    }
    /* the unfinished line is consumed: its offset counts as done */
    size_t n = t->len;
    t->len = 0;
    emit(t, t->buf, n, fn, ctx);
    return 1;
}

/* Whether the file was truncated or replaced in place (copytruncate with new lines already past
 * our offset, a reused inode): then it is read again from 0. Checked before reading, so no byte
 * of the new content is taken for the continuation of the old. */
static bool replaced(struct lw_tail *t, struct stat *s)
{
    if (fstat(t->fd, s) != 0)
        return false;
    if ((uint64_t)s->st_size < t->pos || !head_same(t->fd, t->head_len, t->head)) {
        restart(t);
        head_refresh(t, (uint64_t)s->st_size);
        return true;
    }
    head_refresh(t, (uint64_t)s->st_size);
    return false;
}

/* At the end of the file: truncation, a changed head, rotation. Returns true when reading should
 * go on (a new file, or the same one from 0). */
static bool at_end(struct lw_tail *t, lw_line_fn fn, void *ctx)
{
    struct stat s, ps;
    if (replaced(t, &s))
        return s.st_size > 0;
    if (stat(t->path, &ps) != 0 || ((uint64_t)ps.st_dev == t->dev && (uint64_t)ps.st_ino == t->ino))
        return false; /* the same file, or gone (keep the old one until a new one appears) */
    int fd = open(t->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    if (fstat(fd, &ps) != 0 || !S_ISREG(ps.st_mode)) {
        close(fd);
        return false;
    }
    /* rotated: the old file is read to its end (the caller did just that); its last line goes
     * out even without a newline, since nobody will finish it */
    lw_tail_flush(t, fn, ctx);
    detach(t);
    t->fd = fd;
    t->own_fd = true;
    t->dev = (uint64_t)ps.st_dev;
    t->ino = (uint64_t)ps.st_ino;
    restart(t);
    return true;
}

int lw_tail_read_max(struct lw_tail *t, lw_line_fn fn, void *ctx, uint64_t max_lines,
                     struct ag_error *err)
{
    if (t->fd < 0) {
        if (!t->path || t->eof)
            return 0;
        int rc = attach(t, err);
        if (rc != 0 || t->fd < 0)
            return rc;
    }
    struct stat s;
    if (!t->stream)
        replaced(t, &s);
    uint64_t lines = split(t, fn, ctx, max_lines);
    int switches = 0;
    while (!t->more && lines < max_lines && !t->eof) {
        size_t room = TAIL_CAP - 1 - t->len;
        ssize_t r = t->stream ? read(t->fd, t->buf + t->len, room)
                              : pread(t->fd, t->buf + t->len, room, (off_t)t->pos);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        if (r < 0)
            return ag_error_set(err, AG_EIO, "logwatch: %s: read error: %s", t->name,
                                strerror(errno));
        if (r == 0) {
            if (t->stream) {
                t->eof = true;
                break;
            }
            /* at most two switches per call (rotation + truncation): never a loop */
            if (switches++ < 2 && at_end(t, fn, ctx))
                continue;
            break;
        }
        t->pos += (uint64_t)r;
        t->len += (size_t)r;
        t->st.bytes += (uint64_t)r;
        lines += split(t, fn, ctx, max_lines - lines);
        if (t->stream)
            break; /* one read per call: the caller polls */
    }
    return lines > INT32_MAX ? INT32_MAX : (int)lines;
}

int lw_tail_read(struct lw_tail *t, lw_line_fn fn, void *ctx, struct ag_error *err)
{
    return lw_tail_read_max(t, fn, ctx, UINT64_MAX, err);
}

int lw_tail_commit(struct lw_tail *t, struct ag_error *err)
{
    if (!t->state_path || t->fd < 0 || t->stream)
        return AG_OK; /* nothing read yet (a saved state stays as it is) */
    struct tail_pos now = {.valid = true,
                           .dev = t->dev,
                           .ino = t->ino,
                           .off = done_off(t),
                           .lineno = t->lineno,
                           .skip = t->skip,
                           .head_len = t->head_len};
    memcpy(now.head, t->head, TAIL_HASH);
    const struct tail_pos *c = &t->committed;
    if (c->valid && c->dev == now.dev && c->ino == now.ino && c->off == now.off &&
        c->lineno == now.lineno && c->skip == now.skip && c->head_len == now.head_len &&
        memcmp(c->head, now.head, TAIL_HASH) == 0)
        return AG_OK;
    char hex[2 * TAIL_HASH + 1];
    sodium_bin2hex(hex, sizeof(hex), now.head, TAIL_HASH);
    json_t *o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:b, s:I, s:s}", "path", t->path, "dev",
                          (json_int_t)now.dev, "ino", (json_int_t)now.ino, "offset",
                          (json_int_t)now.off, "line", (json_int_t)now.lineno, "skip", now.skip,
                          "head_len", (json_int_t)now.head_len, "head", hex);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!text)
        return ag_error_set(err, AG_ENOMEM, "logwatch: out of memory");
    int rc = ag_file_write_atomic(t->state_path, text, strlen(text), err);
    free(text);
    if (rc == 0)
        t->committed = now;
    return rc;
}
