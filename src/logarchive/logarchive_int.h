/*
 * logarchive_int.h — the inside of src/logarchive: one segment being written (segment.c) and
 * the store rows of the chain (registry.c). For src/logarchive only.
 */
#ifndef AG_LOGARCHIVE_INT_H
#define AG_LOGARCHIVE_INT_H

#include "logarchive/logarchive.h"
#include "store/store.h"

#include <limits.h>
#include <sodium.h>
#include <zstd.h>

#define LA_MAGIC_HEADER 0x184D2A5Bu   /* skippable frame: the header */
#define LA_MAGIC_MANIFEST 0x184D2A5Au /* skippable frame: the manifest */
#define LA_TAIL "AGL1"
#define LA_META_MAX 65536 /* a header or manifest longer than this is not one */
#define LA_FORMAT "airguard-log-segment/1"
#define LA_OPEN_PREFIX ".open-"
#define LA_RECOVER_PREFIX ".recover-"
#define LA_PART_SUFFIX ".part"
#define LA_SEG_SUFFIX ".log.zst"

/* One open segment: raw lines buffered (in), compressed through one zstd stream (one frame),
 * written to its .part file through out; the SHA-256 of every byte written kept as it goes. */
struct la_seg {
    int fd;
    char path[PATH_MAX]; /* the .part file */
    char source[LA_SOURCE_MAX];
    enum la_kind kind;
    ZSTD_CCtx *cctx;
    char *in;
    size_t in_len, in_cap;
    char *out;
    size_t out_cap;
    crypto_hash_sha256_state sha;
    uint64_t lines, raw_bytes, data_bytes;
    int64_t first, last, opened;      /* line times; when it was opened (wall clock) */
    uint64_t last_use;                /* the writer's line counter at the last append (LRU) */
    bool pending;                     /* compressed data not yet flushed to the file */
    char recovered_from[LA_NAME_MAX]; /* the .recover file it was made from, or "" */
};

/* Creates dir/.open-KIND-XXXXXX.part with its header frame. */
int la_seg_create(struct la_seg *s, const char *dir, const char *source, enum la_kind kind,
                  int level, int64_t now, struct ag_error *err) AG_MUST_CHECK;
/* Buffers one line (a '\n' is added), compressing when the buffer is full. t: its time. */
int la_seg_add(struct la_seg *s, const char *line, size_t n, int64_t t,
               struct ag_error *err) AG_MUST_CHECK;
/* Compresses what is buffered and ends the block (the file then holds every line given so
 * far); sync: fdatasync too. */
int la_seg_flush(struct la_seg *s, bool sync, struct ag_error *err) AG_MUST_CHECK;
/* Ends the frame, writes the manifest (seq, name, prev) and fsyncs; the manifest text and its
 * hash come back (caller frees *text). The fd is closed; the file stays at s->path. */
int la_seg_finish(struct la_seg *s, int64_t seq, const char *name, const char *prev, bool recovered,
                  char **text, char sha[LA_HASH_HEX], struct ag_error *err) AG_MUST_CHECK;
/* Frees the stream and buffers and closes the fd (the file stays). */
void la_seg_release(struct la_seg *s);
/* The final file name of a segment: SSSSSSSS-KIND-YYYYMMDDTHHMMSSZ.log.zst. */
void la_seg_name(int64_t seq, const char *kind, int64_t first, char out[LA_NAME_MAX]);

/* SHA-256 of data as 64 hex digits. */
void la_sha256_hex(const void *data, size_t n, char out[LA_HASH_HEX]);
/* fsync of a folder (after a rename or unlink in it). */
int la_fsync_dir(const char *dir, struct ag_error *err) AG_MUST_CHECK;
/* Whether s ends with suf / starts with prefix. */
bool la_ends_with(const char *s, const char *suf);
bool la_starts_with(const char *s, const char *prefix);
/* dir/name into out; false when it does not fit. */
bool la_path(char *out, size_t cap, const char *dir, const char *name);

/* ---- registry.c: the store's rows ---- */
/* The archive's row (inserted when new; the path updated). */
int la_reg_archive(struct store *st, const char *id, const char *path,
                   struct ag_error *err) AG_MUST_CHECK;
/* The last segment of the chain: *seq 0 and LA_ZERO_HASH when empty. */
int la_reg_head(struct store *st, const char *id, int64_t *seq, char hash[LA_HASH_HEX],
                struct ag_error *err) AG_MUST_CHECK;
/* Records a sealed segment (manifest text and hash as written). */
int la_reg_add(struct store *st, const char *id, const struct la_manifest *m, const char *text,
               const char *sha, struct ag_error *err) AG_MUST_CHECK;
/* Whether a segment recovered from the file `name` is recorded already. */
int la_reg_recovered(struct store *st, const char *id, const char *name, bool *found,
                     struct ag_error *err) AG_MUST_CHECK;

#endif
