/*
 * common.h — the one public header of src/common: result codes, error messages, capped string
 * buffers, files, a string-keyed hash map and the bilingual message table. Every module includes
 * it; it depends on nothing else in the project.
 *
 * Conventions (docs/architecture.md): functions return 0 or a negative AG_E* code and give results
 * through out-parameters; the human-readable message goes into a caller-owned struct ag_error,
 * built where the context (file, JSON path, line) is known.
 */
#ifndef AG_COMMON_H
#define AG_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define AG_MUST_CHECK __attribute__((warn_unused_result))
#define AG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define AG_MUST_CHECK
#define AG_PRINTF(f, a)
#endif

#define AG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

enum ag_result {
    AG_OK = 0,
    AG_ENOMEM = -1, /* allocation failed or a cap was reached */
    AG_EIO = -2,    /* reading or writing a file failed */
    AG_EINVAL = -3, /* the input is malformed or inconsistent */
    AG_ENOTFOUND = -4,
    AG_EUSAGE = -5,    /* the command line is wrong */
    AG_EDENIED = -6,   /* refused by a rule (separation of duties, state, permission) */
    AG_ECONFLICT = -7, /* the record changed or exists already */
};

/* Process exit statuses of the CLI. */
enum ag_exit { AG_EXIT_OK = 0, AG_EXIT_FAIL = 1, AG_EXIT_BADINPUT = 2, AG_EXIT_DENIED = 3 };

/* ---- error messages ---- */
struct ag_error {
    int code;
    char msg[1024];
};
void ag_error_clear(struct ag_error *err);
/* Sets err (if not NULL) and returns code, so callers can `return ag_error_set(...)`. When fmt
 * is a key of a registered message table, the message is built from its translation in the
 * language set by ag_error_set_lang (per thread; default English). */
int ag_error_set(struct ag_error *err, int code, const char *fmt, ...) AG_PRINTF(3, 4);
const char *ag_strerror(int code);

/* Room for element n of arr (n elements in use, *cap allocated): arr itself while there is room,
 * else arr reallocated to twice *cap (64 at first) with *cap updated. NULL when the allocation
 * fails, arr then unchanged and still the caller's to free. */
void *ag_grow(void *arr, size_t *cap, size_t n, size_t elem);

/* ---- capped growable string buffer ----
 * Invariants: buf is NUL-terminated whenever buf != NULL; len < cap_alloc; len never exceeds
 * limit. Once an append would pass `limit` or an allocation fails, `failed` is set and later
 * appends are ignored, so a caller checks once at the end (strbuf_ok).
 */
struct strbuf {
    char *buf;
    size_t len;
    size_t alloc;
    size_t limit;
    bool failed;
};
#define STRBUF_DEFAULT_LIMIT ((size_t)256 << 20)
void strbuf_init(struct strbuf *sb, size_t limit); /* limit 0 = STRBUF_DEFAULT_LIMIT */
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) AG_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) AG_PRINTF(2, 0);
/* Appends s as one RFC 4180 CSV field (quoted; formula-leading characters defused). */
void strbuf_add_csv_field(struct strbuf *sb, const char *s);
static inline bool strbuf_ok(const struct strbuf *sb)
{
    return !sb->failed;
}
static inline const char *strbuf_str(const struct strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}
/* Transfers the buffer to the caller (caller frees); sb is left empty. NULL if failed. */
char *strbuf_take(struct strbuf *sb, size_t *len_out);

/* ---- files ---- */
/* Reads a whole file into a NUL-terminated buffer (caller frees) of at most max_size bytes. */
int ag_file_read(const char *path, size_t max_size, char **out, size_t *len_out,
                 struct ag_error *err) AG_MUST_CHECK;
/* Writes data to path atomically: a temporary file in the same folder, fsync, rename. "-" = stdout.
 */
int ag_file_write_atomic(const char *path, const void *data, size_t len,
                         struct ag_error *err) AG_MUST_CHECK;

/* ---- cache files (cache.c) ----
 * Files kept only to start faster, in a folder of the user's. A file is read only when it and
 * dir belong to this user and neither is group- or world-writable (what is read is used as if
 * computed here); the folder's last step and the file are not followed through symbolic links.
 * ag_cache_read: dir/name (1..max bytes, NUL-terminated, caller frees) and refreshes its time;
 * AG_ENOTFOUND without a usable folder or without the file, AG_EDENIED for a file not used.
 * ag_cache_write: write-then-rename into dir, only when dir would be read from.
 * ag_cache_trim: keeps the `keep` most recently used PREFIX*SUFFIX files, counting `except`
 * (never removed). */
/* Whether AIRGUARD_NO_CACHE turns the caches off (set, not empty, not "0"). */
bool ag_cache_env_off(void);
int ag_cache_read(const char *dir, const char *name, size_t max, char **out,
                  size_t *len_out) AG_MUST_CHECK;
int ag_cache_write(const char *dir, const char *name, const void *data, size_t len);
void ag_cache_trim(const char *dir, const char *prefix, const char *suffix, size_t keep,
                   const char *except);
/* The user's cache folder: $XDG_CACHE_HOME/airguard (an absolute XDG_CACHE_HOME), else
 * $HOME/.cache/airguard, into buf; AG_ENOTFOUND without either, AG_EINVAL if it does not fit. */
int ag_cache_default_dir(char *buf, size_t n);
/* Creates dir (and its parent) with mode 0700 if missing; AG_EIO when it cannot. */
int ag_cache_make_dir(const char *dir);

/* ---- string-keyed hash map (open addressing; keys are borrowed, not copied) ---- */
struct strmap;
int strmap_new(struct strmap **out, size_t expected) AG_MUST_CHECK;
void strmap_free(struct strmap *m);
/* Returns AG_EINVAL if the key is present already (the old value stays). */
int strmap_put(struct strmap *m, const char *key, void *value) AG_MUST_CHECK;
void *strmap_get(const struct strmap *m, const char *key);
size_t strmap_count(const struct strmap *m);

/* ---- text folding (text.c) ---- */
enum ag_fold_flags { AG_FOLD_LOWER = 1 << 0, AG_FOLD_DROP_SPACE = 1 << 1 };
/* Appends s to sb with full-width ASCII folded to ASCII and the ideographic space to a space;
 * AG_FOLD_LOWER lower-cases ASCII letters, AG_FOLD_DROP_SPACE drops white space. */
void ag_text_fold(struct strbuf *sb, const char *s, unsigned flags);
/* The number of terminal columns s takes (Japanese characters take two). */
size_t ag_text_width(const char *s);

/* ---- time (time.c) ----
 * ag_now() is the current time, or the time in $AIRGUARD_NOW ("2026-04-01" or
 * "2026-04-01T09:30:00Z") so tests can stand at any date. */
time_t ag_now(void);
/* Formats t as "YYYY-MM-DDTHH:MM:SSZ" (UTC) / "YYYY-MM-DD" into out (>= 21 / 11 bytes). */
void ag_time_iso(time_t t, char out[21]);
void ag_date_iso(time_t t, char out[11]);
/* Parses "YYYY-MM-DD" (a real calendar date) into out[11] normalised; AG_EINVAL otherwise. */
int ag_date_parse(const char *s, char out[11]) AG_MUST_CHECK;
/* Days from date a to date b (both "YYYY-MM-DD", already valid). */
long ag_date_diff(const char *a, const char *b);
/* Adds days to a valid date. */
void ag_date_add(const char *date, long days, char out[11]);
/* A site's offset from UTC: "+09:00", "-05:30", "Z" or "UTC" (hours at most 14) into *out,
 * seconds east of UTC; false for anything else. The site's time zone of logwatch's site: and
 * netwatch's hours of day. */
bool ag_utc_offset_parse(const char *s, int32_t *out);
/* Formats an offset as "+09:00" / "-05:30" ("+00:00" for 0) into out[7]. */
void ag_utc_offset_format(int32_t off, char out[7]);

/* ---- languages and the bilingual message table ---- */
enum ag_lang { AG_LANG_JA = 0, AG_LANG_EN = 1 };
/* Parses "ja"/"en" (also "ja_JP.UTF-8", "en_US" …). Returns AG_EINVAL otherwise. */
int ag_lang_parse(const char *s, enum ag_lang *out) AG_MUST_CHECK;
/* The default: $AIRGUARD_LANG if set and valid, else Japanese. */
enum ag_lang ag_lang_default(void);
const char *ag_lang_code(enum ag_lang lang);
/* The language of error messages built from now on in this thread (see ag_error_set). */
void ag_error_set_lang(enum ag_lang lang);
/* Looks up a message by its key (an English phrase used as the key); returns the text in lang.
 * Unknown keys are returned as they are, and a unit test checks every key used has both texts. */
#if defined(__GNUC__)
__attribute__((format_arg(2)))
#endif
const char *
ag_tr(enum ag_lang lang, const char *key);
/* A module's own messages: {key, ja, en}. Modules register their table once at start-up
 * (the CLI's main does it for every module); look-ups search the core table first. */
struct ag_msg {
    const char *key, *ja, *en;
};
void ag_tr_register(const struct ag_msg *table, size_t count);
/* For tests: every registered entry, the core table's first. */
size_t ag_tr_count(void);
void ag_tr_entry(size_t i, const char **key, const char **ja, const char **en);

#include "common/banned.h"

#endif
