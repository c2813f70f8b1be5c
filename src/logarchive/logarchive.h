/*
 * logarchive.h — log retention (guideline 3.1.5.1(2)(a), 3.2.2.1③; issue 8 item 6): the raw
 * lines logwatch receives, kept compressed (zstd) in append-only segments whose manifests form
 * a hash chain recorded in the store, a retention policy per log source and kind, expiry by
 * that policy only, verification and search. docs/isms.md "Log retention" is the user's view.
 *
 * A segment file (segment.c) is a valid zstd file, readable by `zstdcat`:
 *   [skippable frame 0x184D2A5B: header JSON {"format","source","kind","opened"}]
 *   [zstd frame: the raw lines, each ended by '\n' (flushed in whole blocks as it grows)]
 *   [skippable frame 0x184D2A5A: manifest JSON, then u32 LE length of the JSON, then "AGL1"]
 * Everything before the manifest frame is the segment's data; the manifest records seq, name,
 * source, kind, first/last line time, lines, raw and data bytes, the SHA-256 of the data and
 * the SHA-256 of the previous segment's manifest (the chain). Open segments are
 * ".open-KIND-XXXXXX.part" files without the manifest; a sealed segment is renamed to
 * "SSSSSSSS-KIND-YYYYMMDDTHHMMSSZ.log.zst" (seq, kind, first line time) after an fsync, then the
 * folder is fsynced, then the manifest is recorded in the store (table log_segments).
 *
 * Crash safety: a .part file found at the next open is sealed as it is (its complete lines
 * kept; an unfinished last block is lost — at most what came after the last flush); a .part
 * file that has its manifest already (crash between seal and rename) is renamed into place;
 * a sealed file whose manifest continues the store's chain but is not in the store yet (crash
 * between rename and the store) is recorded. Nothing is ever rewritten in place.
 *
 * Threading: a writer is used by one thread (logwatch's poll loop); the other functions open
 * what they read and may run from any thread with their own store connection.
 */
#ifndef AG_LOGARCHIVE_H
#define AG_LOGARCHIVE_H

#include "common/common.h"

#include <stdio.h>

struct store;
struct lw_event;

/* The kinds of log a retention policy is set for. */
enum la_kind { LA_AUTH = 0, LA_WEB, LA_MAIL, LA_NETWORK, LA_SYSTEM, LA_KIND_COUNT };
/* "auth", "web", "mail", "network", "system". */
const char *la_kind_name(enum la_kind k);
bool la_kind_parse(const char *s, enum la_kind *out);
/* The kind of a parsed line: by its program (sshd, sudo, useradd … → auth; nginx, apache, an
 * access-log line → web; postfix, dovecot … → mail; openvpn, firewalls, routers → network;
 * anything else → system). */
enum la_kind la_classify(const struct lw_event *ev);
/* Parses line[0..n) (syslog header; a bare access-log line by its own stamp) into ev and
 * returns its time (seconds since the epoch, UTC) or 0 when it has none. year: for RFC 3164
 * stamps; utc_offset: the site's offset, applied to stamps without a zone. */
int64_t la_line_time(const char *line, size_t n, int year, int32_t utc_offset, struct lw_event *ev);

#define LA_HASH_HEX 65 /* 64 hex digits and NUL */
#define LA_NAME_MAX 96
#define LA_SOURCE_MAX 512
#define LA_ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* A segment's manifest (the fields of its JSON). */
struct la_manifest {
    int64_t seq;
    char name[LA_NAME_MAX];
    char source[LA_SOURCE_MAX];
    char kind[16];
    int64_t first, last; /* line times (UTC) */
    uint64_t lines, raw_bytes, data_bytes;
    char data_sha256[LA_HASH_HEX];
    char prev_sha256[LA_HASH_HEX];
    char sealed[21];                  /* ISO 8601 UTC */
    bool recovered;                   /* sealed at a restart from an open segment left by a crash */
    char recovered_from[LA_NAME_MAX]; /* … the file it was made from */
};
/* Parses a manifest JSON text; AG_EINVAL with err naming the field when it is not one. */
int la_manifest_parse(const char *text, size_t n, struct la_manifest *m,
                      struct ag_error *err) AG_MUST_CHECK;

/* What reading a segment found (la_segment_scan). */
struct la_scan {
    bool has_header; /* the header frame is there and parses */
    char source[LA_SOURCE_MAX], kind[16];
    bool sealed;      /* the manifest frame and tail are there */
    bool manifest_ok; /* … and the manifest parses */
    struct la_manifest m;
    char *manifest_text; /* the manifest JSON as stored (caller frees: la_scan_release) */
    char manifest_sha256[LA_HASH_HEX]; /* SHA-256 of manifest_text */
    char data_sha256[LA_HASH_HEX];     /* computed over the data */
    uint64_t data_bytes;               /* bytes before the manifest frame */
    uint64_t lines, raw_bytes;         /* decompressed */
    int64_t first, last;               /* line times seen (when lines were parsed) */
    bool frame_ok;                     /* the zstd data decoded without error */
    bool complete;                     /* … and its last frame is finished */
    char frame_error[160];             /* zstd's error when !frame_ok */
    uint64_t tail_bytes;               /* bytes after the last complete line (an unended line) */
};
void la_scan_release(struct la_scan *s);

/* Called for each line of a segment (without its '\n'); a non-zero return stops the scan. The
 * line is borrowed for the call. */
typedef int (*la_line_fn)(void *ctx, const char *line, size_t n);

enum la_scan_flags {
    LA_SCAN_LINES = 1 << 0, /* decompress and count lines (and call fn) */
    LA_SCAN_HASH = 1 << 1,  /* hash the data */
    LA_SCAN_TIMES = 1 << 2, /* parse each line's time into first/last */
};
/* Reads the segment in f (a file or fmemopen buffer; seekable) with bounded memory: the
 * trailer and manifest, the header, then as flags say. Never fails on bad content — what is
 * wrong is in *out; returns AG_EIO only when f cannot be read, AG_ENOMEM. */
int la_segment_scan(FILE *f, unsigned flags, la_line_fn fn, void *ctx,
                    struct la_scan *out) AG_MUST_CHECK;

/* ---- the writer (writer.c) ---- */
struct la_options {
    uint64_t max_raw_bytes; /* seal a segment at this many raw bytes (default 64 MiB) */
    int64_t max_age;        /* … or this many seconds after it was opened (default 1 day) */
    int level;              /* zstd level (default 1: on logs as small as 3, at twice the speed) */
    int year;               /* for RFC 3164 stamps (default: this year) */
    int32_t utc_offset;     /* the site's offset for stamps without a zone */
    unsigned max_open;      /* open segments at once (default 32): beyond, the least recently
                               written is sealed */
};
void la_options_init(struct la_options *o);

/* Reads the key `archive:` of a logwatch YAML configuration (dir, segment_mb, max_age, level)
 * over o (initialised by the caller); dir (cap bytes) receives archive.dir, "" when absent.
 * Errors name file:line:column and the key. */
int la_config_load(const char *path, char *dir, size_t cap, struct la_options *o,
                   struct ag_error *err) AG_MUST_CHECK;

struct la_writer;
/* Opens (creating) the archive folder dir: its archive.json (the archive's id), the lock
 * (one writer per folder), the archive's row in st, then recovery (above). st is borrowed for
 * the writer's life. err names the file or the segment that failed. */
int la_writer_open(struct la_writer **out, const char *dir, struct store *st,
                   const struct la_options *o, struct ag_error *err) AG_MUST_CHECK;
/* Appends line[0..n) (without its newline) received from source (the input's name) to the
 * open segment of its source and kind, sealing it first when full. Allocates nothing per line
 * once the segment is open. */
int la_writer_append(struct la_writer *w, const char *source, const char *line, size_t n,
                     struct ag_error *err) AG_MUST_CHECK;
/* Writes what is buffered (a whole zstd block per open segment, fdatasync) and seals segments
 * older than max_age at now. Called every few seconds by the loop. */
int la_writer_tick(struct la_writer *w, int64_t now, struct ag_error *err) AG_MUST_CHECK;
/* Seals every open segment. */
int la_writer_seal_all(struct la_writer *w, struct ag_error *err) AG_MUST_CHECK;
/* Seals everything, then frees. An error is returned but w is freed all the same. */
int la_writer_close(struct la_writer *w, struct ag_error *err);
/* Frees without sealing or flushing what is buffered: what a crash leaves (tests). */
void la_writer_abandon(struct la_writer *w);
struct la_writer_stats {
    uint64_t lines, raw_bytes, data_bytes, sealed, recovered, adopted;
};
void la_writer_stats(const struct la_writer *w, struct la_writer_stats *s);
const char *la_writer_archive_id(const struct la_writer *w);

/* The archive id in dir/archive.json into id[33]. AG_ENOTFOUND when the file is missing. */
int la_archive_id(const char *dir, char id[33], struct ag_error *err) AG_MUST_CHECK;
/* $AIRGUARD_ARCHIVE, else "data/logs". */
const char *la_default_dir(void);

/* ---- verification (verify.c) ----
 * Every segment of the store's chain for the archive in dir is read: the file is there, its
 * manifest is the one recorded, its data hash matches the manifest, the zstd data decodes to
 * the recorded lines and bytes, the chain links (store and files); files the store does not
 * know are reported; expired segments must be absent. */
enum la_problem {
    LA_P_ALTERED = 0,  /* the data or the manifest differs from what was recorded */
    LA_P_MISSING,      /* a recorded segment's file is gone */
    LA_P_UNKNOWN,      /* a file in the folder the chain does not know */
    LA_P_CHAIN,        /* a link of the chain is broken (prev hash, order) */
    LA_P_FRAME,        /* the zstd data does not decode */
    LA_P_TRUNCATED,    /* the file ends early (no manifest, unfinished frame) */
    LA_P_ARCHIVE,      /* archive.json is missing or unknown to the store */
    LA_P_EXPIRED_LEFT, /* an expired segment's file is still there (expire again) */
};
const char *la_problem_name(enum la_problem p); /* "altered", "missing", … */
typedef void (*la_problem_fn)(void *ctx, const char *segment, enum la_problem p,
                              const char *detail);
struct la_verify_result {
    uint64_t segments, expired, open, lines, problems;
};
/* Problems go to fn (segment file name, problem, detail in English). Returns AG_OK whatever
 * was found (res->problems counts); an error only when the store cannot be read. */
int la_verify(struct store *st, const char *dir, la_problem_fn fn, void *ctx,
              struct la_verify_result *res, struct ag_error *err) AG_MUST_CHECK;

/* la_verify, then the result recorded as the inspection it is (3.1.5.1(2)(a)②): the store's
 * meta key "logs.last_verify" (JSON: time, archive, ok, counts, details — what the /logs page
 * shows) and an audit row (action "verify", entity "log_archives", the same JSON) under the
 * store's actor. Problems also go to fn (may be NULL). */
int la_verify_record(struct store *st, const char *dir, la_problem_fn fn, void *ctx,
                     struct la_verify_result *res, struct ag_error *err) AG_MUST_CHECK;
#define LA_META_LAST_VERIFY "logs.last_verify"
/* The last recorded result (the JSON text; caller frees), or *text NULL when there is none. */
int la_last_verify(struct store *st, char **text, struct ag_error *err) AG_MUST_CHECK;

/* ---- retention (policy.c) ---- */
/* Sets (inserts or replaces) the period for kind ("*" allowed) and source ("*" = every
 * source); audited. days 1..36500. */
int la_policy_set(struct store *st, const char *kind, const char *source, long days,
                  const char *basis, struct ag_error *err) AG_MUST_CHECK;
/* Removes it; AG_ENOTFOUND when there is none. */
int la_policy_delete(struct store *st, const char *kind, const char *source,
                     struct ag_error *err) AG_MUST_CHECK;
/* "400", "400d", "52w", "12mo" (30 days each), "1y" (365 days) → days. */
bool la_days_parse(const char *s, long *days);
/* The period for a segment of source and kind: the most specific policy; *days 0 = none. */
int la_policy_for(struct store *st, const char *source, const char *kind, long *days, char *policy,
                  size_t cap, struct ag_error *err) AG_MUST_CHECK;

/* One segment whose whole time range is past its period at now. */
typedef void (*la_expire_fn)(void *ctx, const char *name, const char *kind, const char *source,
                             const char *last_time, long days);
/* Expires (or with dry_run lists) the archive's sealed segments whose last line is older than
 * their period: each is marked expired in the store with an audit row (one transaction), then
 * its file is removed and the folder fsynced. Files of segments expired earlier that are still
 * there are removed too. *n receives the count. */
int la_expire(struct store *st, const char *dir, int64_t now, bool dry_run, la_expire_fn fn,
              void *ctx, size_t *n, struct ag_error *err) AG_MUST_CHECK;

/* ---- search (search.c) ---- */
struct la_query {
    int64_t since, until; /* line times, inclusive (0 = open) */
    const char *host;     /* the syslog header's host (NULL = any; case-insensitive) */
    const char *text;     /* substring (NULL = any) */
    bool icase;           /* text matched ignoring ASCII case */
    const char *kind;     /* NULL = every kind */
    int32_t utc_offset;
};
/* A match: the segment file, the line's time (0 = unknown) and the line (borrowed). Return
 * non-zero to stop. */
typedef int (*la_match_fn)(void *ctx, const char *segment, int64_t time, const char *line,
                           size_t n);
/* Reads the segments of dir (sealed and open) whose time range overlaps the query's, in order
 * of their first line, decompressing as a stream; *scanned counts the segments read. */
int la_search(const char *dir, const struct la_query *q, la_match_fn fn, void *ctx, size_t *scanned,
              struct ag_error *err) AG_MUST_CHECK;

/* Registers the texts of `airguard logs` and the /logs page (msgs_logarchive.c). */
void la_register_messages(void);

#endif
