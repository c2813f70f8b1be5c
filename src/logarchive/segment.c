/*
 * segment.c — the segment file format (logarchive.h): writing one segment through one zstd
 * stream, sealing it with its manifest, and reading any segment back with bounded memory
 * (128 KiB in, 128 KiB out, one line of at most 64 KiB), whatever its bytes: this reader is
 * fuzzed (tests/fuzz/fuzz_logs_segment.c). Runs in the caller's thread.
 *
 * Invariants of a segment being written: every byte in the file went through s->sha; the file
 * holds whole zstd blocks only after la_seg_flush; the manifest is written once, last.
 */
#include "logarchive/logarchive_int.h"
#include "logwatch/logwatch.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define LA_LINE_CAP 65536

void la_sha256_hex(const void *data, size_t n, char out[LA_HASH_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(out, LA_HASH_HEX, h, sizeof(h));
}

bool la_ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

bool la_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool la_path(char *out, size_t cap, const char *dir, const char *name)
{
    int k = snprintf(out, cap, "%s/%s", dir, name);
    return k > 0 && (size_t)k < cap;
}

int la_fsync_dir(const char *dir, struct ag_error *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return ag_error_set(err, AG_EIO, "%s: %s", dir, strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc != 0)
        return ag_error_set(err, AG_EIO, "%s: fsync: %s", dir, strerror(e));
    return AG_OK;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---- writing ---- */

static int seg_write(struct la_seg *s, const void *p, size_t n, struct ag_error *err)
{
    const char *c = p;
    size_t left = n;
    while (left) {
        ssize_t k = write(s->fd, c, left);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return ag_error_set(err, AG_EIO, "%s: %s", s->path,
                                k < 0 ? strerror(errno) : "short write");
        c += k;
        left -= (size_t)k;
    }
    crypto_hash_sha256_update(&s->sha, p, n);
    s->data_bytes += n;
    return AG_OK;
}

/* Runs the stream over what is buffered with mode, writing every output it gives. */
static int seg_compress(struct la_seg *s, ZSTD_EndDirective mode, struct ag_error *err)
{
    ZSTD_inBuffer in = {s->in, s->in_len, 0};
    for (;;) {
        ZSTD_outBuffer out = {s->out, s->out_cap, 0};
        size_t rem = ZSTD_compressStream2(s->cctx, &out, &in, mode);
        if (ZSTD_isError(rem))
            return ag_error_set(err, AG_EIO, "%s: zstd: %s", s->path, ZSTD_getErrorName(rem));
        if (out.pos) {
            int rc = seg_write(s, s->out, out.pos, err);
            if (rc)
                return rc;
        }
        if (mode == ZSTD_e_continue ? in.pos == in.size : rem == 0)
            break;
    }
    s->in_len = 0;
    s->pending = mode == ZSTD_e_continue;
    return AG_OK;
}

static int seg_skippable(struct la_seg *s, uint32_t magic, const char *text, size_t n, bool tail,
                         struct ag_error *err)
{
    unsigned char h[8];
    put_u32(h, magic);
    put_u32(h + 4, (uint32_t)(n + (tail ? 8 : 0)));
    int rc = seg_write(s, h, 8, err);
    if (!rc)
        rc = seg_write(s, text, n, err);
    if (!rc && tail) {
        unsigned char t[8];
        put_u32(t, (uint32_t)n);
        memcpy(t + 4, LA_TAIL, 4);
        rc = seg_write(s, t, 8, err);
    }
    return rc;
}

int la_seg_create(struct la_seg *s, const char *dir, const char *source, enum la_kind kind,
                  int level, int64_t now, struct ag_error *err)
{
    memset(s, 0, sizeof(*s));
    s->fd = -1;
    s->kind = kind;
    s->opened = now;
    snprintf(s->source, sizeof(s->source), "%s", source);
    crypto_hash_sha256_init(&s->sha);
    for (int tries = 0; s->fd < 0; tries++) { /* a fresh random name, created exclusively */
        unsigned char r[6];
        char hex[13], name[64];
        randombytes_buf(r, sizeof(r));
        sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
        snprintf(name, sizeof(name), LA_OPEN_PREFIX "%s-%s" LA_PART_SUFFIX, la_kind_name(kind),
                 hex);
        if (!la_path(s->path, sizeof(s->path), dir, name))
            return ag_error_set(err, AG_EINVAL, "%s: the path is too long", dir);
        s->fd = open(s->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
        if (s->fd < 0 && (errno != EEXIST || tries > 8))
            return ag_error_set(err, AG_EIO, "%s: %s", s->path, strerror(errno));
    }
    s->in_cap = ZSTD_CStreamInSize();
    s->out_cap = ZSTD_CStreamOutSize();
    s->in = malloc(s->in_cap);
    s->out = malloc(s->out_cap);
    s->cctx = ZSTD_createCCtx();
    if (!s->in || !s->out || !s->cctx)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    ZSTD_CCtx_setParameter(s->cctx, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(s->cctx, ZSTD_c_checksumFlag, 1);
    char opened[21];
    ag_time_iso((time_t)now, opened);
    json_t *h = json_pack("{s:s,s:s,s:s,s:s}", "format", LA_FORMAT, "source", source, "kind",
                          la_kind_name(kind), "opened", opened);
    char *text = h ? json_dumps(h, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(h);
    if (!text)
        return ag_error_set(err, AG_EINVAL, "%s: the source name is not valid UTF-8", s->path);
    int rc = seg_skippable(s, LA_MAGIC_HEADER, text, strlen(text), false, err);
    free(text);
    return rc;
}

int la_seg_add(struct la_seg *s, const char *line, size_t n, int64_t t, struct ag_error *err)
{
    if (n + 1 > s->in_cap)
        n = s->in_cap - 1; /* never: lines are cut at LW_LINE_MAX before they get here */
    if (s->in_len + n + 1 > s->in_cap) {
        int rc = seg_compress(s, ZSTD_e_continue, err);
        if (rc)
            return rc;
    }
    memcpy(s->in + s->in_len, line, n);
    s->in[s->in_len + n] = '\n';
    s->in_len += n + 1;
    s->lines++;
    s->raw_bytes += n + 1;
    if (!s->first || t < s->first)
        s->first = t;
    if (t > s->last)
        s->last = t;
    return AG_OK;
}

int la_seg_flush(struct la_seg *s, bool sync, struct ag_error *err)
{
    if (s->in_len == 0 && !s->pending)
        return AG_OK;
    int rc = seg_compress(s, ZSTD_e_flush, err);
    s->pending = false;
    if (!rc && sync && fdatasync(s->fd) != 0)
        rc = ag_error_set(err, AG_EIO, "%s: fdatasync: %s", s->path, strerror(errno));
    return rc;
}

void la_seg_name(int64_t seq, const char *kind, int64_t first, char out[LA_NAME_MAX])
{
    time_t t = (time_t)first;
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, LA_NAME_MAX, "%08lld-%s-%04d%02d%02dT%02d%02d%02dZ" LA_SEG_SUFFIX, (long long)seq,
             kind, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int la_seg_finish(struct la_seg *s, int64_t seq, const char *name, const char *prev, bool recovered,
                  char **text, char sha[LA_HASH_HEX], struct ag_error *err)
{
    *text = NULL;
    int rc = seg_compress(s, ZSTD_e_end, err);
    if (rc)
        return rc;
    unsigned char h[crypto_hash_sha256_BYTES];
    char data_sha[LA_HASH_HEX], first[21], last[21], sealed[21];
    crypto_hash_sha256_state copy = s->sha;
    crypto_hash_sha256_final(&copy, h);
    sodium_bin2hex(data_sha, sizeof(data_sha), h, sizeof(h));
    ag_time_iso((time_t)s->first, first);
    ag_time_iso((time_t)s->last, last);
    ag_time_iso(ag_now(), sealed);
    json_t *m = json_pack("{s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:s,s:s,s:s,s:b}", "format",
                          LA_FORMAT, "seq", (json_int_t)seq, "name", name, "source", s->source,
                          "kind", la_kind_name(s->kind), "first", first, "last", last, "lines",
                          (json_int_t)s->lines, "raw_bytes", (json_int_t)s->raw_bytes, "data_bytes",
                          (json_int_t)s->data_bytes, "data_sha256", data_sha, "prev_sha256", prev,
                          "sealed", sealed, "recovered", recovered);
    if (m && s->recovered_from[0])
        json_object_set_new(m, "recovered_from", json_string(s->recovered_from));
    char *t = m ? json_dumps(m, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(m);
    if (!t)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    la_sha256_hex(t, strlen(t), sha);
    rc = seg_skippable(s, LA_MAGIC_MANIFEST, t, strlen(t), true, err);
    if (!rc && fsync(s->fd) != 0)
        rc = ag_error_set(err, AG_EIO, "%s: fsync: %s", s->path, strerror(errno));
    if (close(s->fd) != 0 && !rc)
        rc = ag_error_set(err, AG_EIO, "%s: %s", s->path, strerror(errno));
    s->fd = -1;
    if (rc) {
        free(t);
        return rc;
    }
    *text = t;
    return AG_OK;
}

void la_seg_release(struct la_seg *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    ZSTD_freeCCtx(s->cctx);
    s->cctx = NULL;
    free(s->in);
    free(s->out);
    s->in = s->out = NULL;
}

/* ---- reading ---- */

static bool json_time(json_t *o, const char *k, int64_t *t)
{
    const char *s = json_string_value(json_object_get(o, k));
    int32_t off;
    return s && lw_time_rfc3339(s, strlen(s), t, &off);
}

static bool json_count(json_t *o, const char *k, uint64_t *v)
{
    json_t *x = json_object_get(o, k);
    if (!json_is_integer(x) || json_integer_value(x) < 0)
        return false;
    *v = (uint64_t)json_integer_value(x);
    return true;
}

static bool json_str(json_t *o, const char *k, char *out, size_t cap, size_t exact)
{
    const char *s = json_string_value(json_object_get(o, k));
    if (!s || strlen(s) >= cap || (exact && strlen(s) != exact))
        return false;
    memcpy(out, s, strlen(s) + 1);
    return true;
}

int la_manifest_parse(const char *text, size_t n, struct la_manifest *m, struct ag_error *err)
{
    memset(m, 0, sizeof(*m));
    json_error_t je;
    json_t *o = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(o)) {
        json_decref(o);
        return ag_error_set(err, AG_EINVAL, "manifest: not a JSON object (%s)", je.text);
    }
    const char *bad = NULL;
    json_t *seq = json_object_get(o, "seq");
    const char *fmt = json_string_value(json_object_get(o, "format"));
    if (!fmt || strcmp(fmt, LA_FORMAT) != 0)
        bad = "format";
    else if (!json_is_integer(seq) || json_integer_value(seq) < 1)
        bad = "seq";
    else if (!json_str(o, "name", m->name, sizeof(m->name), 0))
        bad = "name";
    else if (!json_str(o, "source", m->source, sizeof(m->source), 0))
        bad = "source";
    else if (!json_str(o, "kind", m->kind, sizeof(m->kind), 0))
        bad = "kind";
    else if (!json_time(o, "first", &m->first))
        bad = "first";
    else if (!json_time(o, "last", &m->last))
        bad = "last";
    else if (!json_count(o, "lines", &m->lines))
        bad = "lines";
    else if (!json_count(o, "raw_bytes", &m->raw_bytes))
        bad = "raw_bytes";
    else if (!json_count(o, "data_bytes", &m->data_bytes))
        bad = "data_bytes";
    else if (!json_str(o, "data_sha256", m->data_sha256, sizeof(m->data_sha256), 64))
        bad = "data_sha256";
    else if (!json_str(o, "prev_sha256", m->prev_sha256, sizeof(m->prev_sha256), 64))
        bad = "prev_sha256";
    else if (!json_str(o, "sealed", m->sealed, sizeof(m->sealed), 0))
        bad = "sealed";
    if (!bad) {
        m->seq = (int64_t)json_integer_value(seq);
        m->recovered = json_is_true(json_object_get(o, "recovered"));
        json_t *rf = json_object_get(o, "recovered_from");
        if (rf && !json_str(o, "recovered_from", m->recovered_from, sizeof(m->recovered_from), 0))
            bad = "recovered_from";
    }
    json_decref(o);
    if (bad)
        return ag_error_set(err, AG_EINVAL, "manifest: field \"%s\" is missing or wrong", bad);
    return AG_OK;
}

void la_scan_release(struct la_scan *s)
{
    free(s->manifest_text);
    s->manifest_text = NULL;
}

static int read_at(FILE *f, uint64_t off, void *buf, size_t n)
{
    if (fseeko(f, (off_t)off, SEEK_SET) != 0 || fread(buf, 1, n, f) != n)
        return AG_EIO;
    return AG_OK;
}

/* The trailer: [magic][n+8][manifest n bytes][n]["AGL1"] at the end of a file of size bytes. */
static int scan_trailer(FILE *f, uint64_t size, struct la_scan *out)
{
    out->data_bytes = size;
    unsigned char t[8], h[8];
    if (size < 16 || read_at(f, size - 8, t, 8) || memcmp(t + 4, LA_TAIL, 4) != 0)
        return AG_OK;
    uint32_t n = get_u32(t);
    if (n > LA_META_MAX || (uint64_t)n + 16 > size)
        return AG_OK;
    uint64_t start = size - 16 - n;
    if (read_at(f, start, h, 8) || get_u32(h) != LA_MAGIC_MANIFEST || get_u32(h + 4) != n + 8)
        return AG_OK;
    char *text = malloc((size_t)n + 1);
    if (!text)
        return AG_ENOMEM;
    if (read_at(f, start + 8, text, n)) {
        free(text);
        return AG_EIO;
    }
    text[n] = '\0';
    out->sealed = true;
    out->data_bytes = start;
    out->manifest_text = text;
    la_sha256_hex(text, n, out->manifest_sha256);
    out->manifest_ok = la_manifest_parse(text, n, &out->m, NULL) == AG_OK;
    return AG_OK;
}

static void scan_header(FILE *f, struct la_scan *out)
{
    unsigned char h[8];
    if (out->data_bytes < 8 || read_at(f, 0, h, 8) || get_u32(h) != LA_MAGIC_HEADER)
        return;
    uint32_t n = get_u32(h + 4);
    if (n > LA_META_MAX || (uint64_t)n + 8 > out->data_bytes)
        return;
    char *text = malloc((size_t)n + 1);
    if (!text || read_at(f, 8, text, n)) {
        free(text);
        return;
    }
    json_t *o = json_loadb(text, n, 0, NULL);
    free(text);
    const char *fmt = json_string_value(json_object_get(o, "format"));
    if (fmt && strcmp(fmt, LA_FORMAT) == 0 &&
        json_str(o, "source", out->source, sizeof(out->source), 0) &&
        json_str(o, "kind", out->kind, sizeof(out->kind), 0))
        out->has_header = true;
    json_decref(o);
}

struct splitter {
    char *buf;
    size_t len;
    struct la_scan *out;
    unsigned flags;
    la_line_fn fn;
    void *ctx;
    bool stop;
    int year;
};

static void one_line(struct splitter *sp, const char *p, size_t n)
{
    sp->out->lines++;
    sp->out->raw_bytes += n + 1;
    if (sp->flags & LA_SCAN_TIMES) {
        struct lw_event ev;
        int64_t t = la_line_time(p, n, sp->year, 0, &ev);
        if (t && (!sp->out->first || t < sp->out->first))
            sp->out->first = t;
        if (t > sp->out->last)
            sp->out->last = t;
    }
    if (sp->fn && sp->fn(sp->ctx, p, n))
        sp->stop = true;
}

static void split(struct splitter *sp, const char *p, size_t n)
{
    while (n && !sp->stop) {
        const char *nl = memchr(p, '\n', n);
        size_t k = nl ? (size_t)(nl - p) : n;
        if (sp->len || !nl) { /* a line continued across outputs: gather it (capped) */
            size_t take = k;
            if (sp->len + take > LA_LINE_CAP) {
                size_t room = LA_LINE_CAP - sp->len;
                memcpy(sp->buf + sp->len, p, room); /* a line longer than any writer makes */
                one_line(sp, sp->buf, LA_LINE_CAP);
                sp->len = 0;
                p += room;
                n -= room;
                continue;
            }
            memcpy(sp->buf + sp->len, p, take);
            sp->len += take;
            if (nl) {
                one_line(sp, sp->buf, sp->len);
                sp->len = 0;
            }
        } else {
            /* a line longer than any writer makes comes out in LA_LINE_CAP pieces, as above */
            const char *q = p;
            size_t m = k;
            while (m > LA_LINE_CAP && !sp->stop) {
                one_line(sp, q, LA_LINE_CAP);
                q += LA_LINE_CAP;
                m -= LA_LINE_CAP;
            }
            if (!sp->stop)
                one_line(sp, q, m);
        }
        if (!nl)
            break;
        p += k + 1;
        n -= k + 1;
    }
}

int la_segment_scan(FILE *f, unsigned flags, la_line_fn fn, void *ctx, struct la_scan *out)
{
    memset(out, 0, sizeof(*out));
    if (fseeko(f, 0, SEEK_END) != 0)
        return AG_EIO;
    off_t size = ftello(f);
    if (size < 0)
        return AG_EIO;
    int rc = scan_trailer(f, (uint64_t)size, out);
    if (rc)
        return rc;
    scan_header(f, out);
    if (!(flags & (LA_SCAN_LINES | LA_SCAN_HASH)))
        return AG_OK;
    size_t in_cap = ZSTD_DStreamInSize(), out_cap = ZSTD_DStreamOutSize();
    char *inb = malloc(in_cap), *outb = malloc(out_cap), *line = malloc(LA_LINE_CAP);
    ZSTD_DCtx *d = ZSTD_createDCtx();
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    rc = AG_OK;
    if (!inb || !outb || !line || !d) {
        rc = AG_ENOMEM;
        goto out;
    }
    ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax, 24); /* 16 MiB at most, whatever the input */
    struct splitter sp = {.buf = line, .out = out, .flags = flags, .fn = fn, .ctx = ctx};
    time_t now = ag_now();
    struct tm tm;
    gmtime_r(&now, &tm);
    sp.year = tm.tm_year + 1900;
    if (out->manifest_ok && out->m.last) {
        time_t t = (time_t)out->m.last;
        gmtime_r(&t, &tm);
        sp.year = tm.tm_year + 1900;
    }
    out->frame_ok = true;
    size_t last = 0; /* zstd's last hint: 0 when a frame has just ended */
    bool any = false;
    if (fseeko(f, 0, SEEK_SET) != 0) {
        rc = AG_EIO;
        goto out;
    }
    uint64_t left = out->data_bytes;
    while (left && !sp.stop) {
        size_t want = left < in_cap ? (size_t)left : in_cap;
        size_t got = fread(inb, 1, want, f);
        if (got != want) {
            rc = AG_EIO;
            goto out;
        }
        left -= got;
        if (flags & LA_SCAN_HASH)
            crypto_hash_sha256_update(&sha, (unsigned char *)inb, got);
        if (!(flags & LA_SCAN_LINES) || !out->frame_ok)
            continue;
        ZSTD_inBuffer in = {inb, got, 0};
        while (in.pos < in.size && !sp.stop) {
            ZSTD_outBuffer o = {outb, out_cap, 0};
            size_t r = ZSTD_decompressStream(d, &o, &in);
            if (ZSTD_isError(r)) {
                out->frame_ok = false;
                snprintf(out->frame_error, sizeof(out->frame_error), "%s", ZSTD_getErrorName(r));
                break;
            }
            any = true;
            last = r;
            split(&sp, outb, o.pos);
        }
        /* drain what the decoder holds back when the input is used up */
        while (out->frame_ok && !sp.stop) {
            ZSTD_outBuffer o = {outb, out_cap, 0};
            ZSTD_inBuffer none = {inb, 0, 0};
            size_t r = ZSTD_decompressStream(d, &o, &none);
            if (ZSTD_isError(r)) {
                out->frame_ok = false;
                snprintf(out->frame_error, sizeof(out->frame_error), "%s", ZSTD_getErrorName(r));
                break;
            }
            split(&sp, outb, o.pos);
            if (o.pos == 0) /* nothing held back (zstd's hint is then for the next frame) */
                break;
            last = r;
            if (o.pos < o.size)
                break;
        }
    }
    if (flags & LA_SCAN_LINES) {
        out->complete = out->frame_ok && (!any || last == 0) && !sp.stop;
        out->tail_bytes = sp.len;
        if (sp.stop)
            out->complete = true; /* the caller stopped: nothing to say about the end */
    }
    if (flags & LA_SCAN_HASH) {
        unsigned char h[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&sha, h);
        sodium_bin2hex(out->data_sha256, sizeof(out->data_sha256), h, sizeof(h));
    }
out:
    ZSTD_freeDCtx(d);
    free(inb);
    free(outb);
    free(line);
    return rc;
}
