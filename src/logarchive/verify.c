/*
 * verify.c — `airguard logs verify`: the archive folder against the chain in the store
 * (logarchive.h, la_verify). Reads every segment once, as a stream; writes nothing.
 */
#define _DEFAULT_SOURCE /* realpath */
#include "logarchive/logarchive_int.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <unistd.h>

static const char *const problem_names[] = {"altered",   "missing",   "unknown", "broken-chain",
                                            "bad-frame", "truncated", "archive", "expired-left"};

const char *la_problem_name(enum la_problem p)
{
    return (unsigned)p < AG_ARRAY_LEN(problem_names) ? problem_names[p] : "?";
}

struct verifier {
    la_problem_fn fn;
    void *ctx;
    struct la_verify_result *res;
};

static void problem(struct verifier *v, const char *seg, enum la_problem p, const char *fmt, ...)
    AG_PRINTF(4, 5);
static void problem(struct verifier *v, const char *seg, enum la_problem p, const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    v->res->problems++;
    if (v->fn)
        v->fn(v->ctx, seg, p, detail);
}

/* One recorded, unexpired segment against its file. */
static int check_file(struct verifier *v, const char *dir, sqlite3_stmt *row)
{
    const char *name = store_col_text(row, 1);
    int64_t seq = sqlite3_column_int64(row, 0);
    char path[PATH_MAX];
    if (!la_path(path, sizeof(path), dir, name) || strchr(name, '/')) {
        problem(v, name, LA_P_ALTERED, "the recorded name is not a file name");
        return AG_OK;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            problem(v, name, LA_P_MISSING,
                    "segment %lld is recorded in the store but its file "
                    "is gone",
                    (long long)seq);
        else
            problem(v, name, LA_P_MISSING, "cannot open: %s", strerror(errno));
        return AG_OK;
    }
    struct la_scan sc;
    int rc = la_segment_scan(f, LA_SCAN_LINES | LA_SCAN_HASH, NULL, NULL, &sc);
    fclose(f);
    if (rc == AG_ENOMEM) {
        la_scan_release(&sc);
        return rc;
    }
    if (rc) {
        problem(v, name, LA_P_TRUNCATED, "cannot read the file");
        la_scan_release(&sc);
        return AG_OK;
    }
    const char *rec_manifest = store_col_text(row, 4);
    const char *rec_data = store_col_text(row, 6);
    if (!sc.sealed)
        problem(v, name, LA_P_TRUNCATED, "the manifest at the end of the file is missing or cut");
    else if (strcmp(sc.manifest_sha256, rec_manifest) != 0)
        problem(v, name, LA_P_ALTERED,
                "the manifest differs from the one recorded (sha256 %.16s…, "
                "recorded %.16s…)",
                sc.manifest_sha256, rec_manifest);
    if (strcmp(sc.data_sha256, rec_data) != 0)
        problem(v, name, LA_P_ALTERED, "the data's sha256 %.16s… is not the recorded %.16s…",
                sc.data_sha256, rec_data);
    if (sc.manifest_ok && (sc.m.seq != seq || strcmp(sc.m.name, name) != 0 ||
                           strcmp(sc.m.prev_sha256, store_col_text(row, 5)) != 0))
        problem(v, name, LA_P_CHAIN, "the file holds segment %lld (%s), the chain has %lld here",
                (long long)sc.m.seq, sc.m.name, (long long)seq);
    if (!sc.frame_ok)
        problem(v, name, LA_P_FRAME, "zstd: %s", sc.frame_error);
    else if (!sc.complete)
        problem(v, name, LA_P_TRUNCATED, "the zstd frame is unfinished (the file was cut)");
    else if (sc.lines != (uint64_t)sqlite3_column_int64(row, 7) ||
             sc.raw_bytes != (uint64_t)sqlite3_column_int64(row, 8))
        problem(v, name, LA_P_ALTERED, "decodes to %llu lines (%llu bytes), recorded %lld (%lld)",
                (unsigned long long)sc.lines, (unsigned long long)sc.raw_bytes,
                (long long)sqlite3_column_int64(row, 7), (long long)sqlite3_column_int64(row, 8));
    v->res->lines += sc.lines;
    la_scan_release(&sc);
    return AG_OK;
}

static bool known(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* The archive's id: archive.json, else the store's archive at this path. */
static int find_archive(struct verifier *v, struct store *st, const char *dir, char id[33],
                        struct ag_error *err)
{
    struct ag_error e2;
    int rc = la_archive_id(dir, id, &e2);
    if (rc && rc != AG_ENOTFOUND && rc != AG_EINVAL)
        return ag_error_set(err, rc, "%s", e2.msg);
    if (rc)
        problem(v, "archive.json", LA_P_ARCHIVE, "%s", e2.msg);
    sqlite3_stmt *s;
    char abs[PATH_MAX];
    bool by_path = rc != AG_OK;
    if (by_path && !realpath(dir, abs))
        return AG_ENOTFOUND;
    if ((rc = store_prepare(st, &s,
                            by_path ? "SELECT uid FROM log_archives WHERE path = ?1"
                                    : "SELECT uid FROM log_archives WHERE uid = ?1",
                            err)))
        return rc;
    store_bind_text(s, 1, by_path ? abs : id);
    rc = AG_ENOTFOUND;
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(id, 33, "%s", store_col_text(s, 0));
        rc = AG_OK;
    }
    sqlite3_finalize(s);
    if (rc && !by_path)
        problem(v, "archive.json", LA_P_ARCHIVE,
                "the archive %s is not known to this store (wrong --db?)", id);
    return rc;
}

int la_verify(struct store *st, const char *dir, la_problem_fn fn, void *ctx,
              struct la_verify_result *res, struct ag_error *err)
{
    memset(res, 0, sizeof(*res));
    struct verifier v = {fn, ctx, res};
    char id[33] = "";
    int rc = find_archive(&v, st, dir, id, err);
    if (rc && rc != AG_ENOTFOUND)
        return rc;
    bool have = rc == AG_OK;
    rc = AG_OK;
    char **names = NULL;
    size_t nnames = 0, cap = 0;
    sqlite3_stmt *s = NULL;
    if (have) {
        rc = store_prepare(st, &s,
                           "SELECT seq, name, status, manifest, manifest_sha256, prev_sha256, "
                           "data_sha256, lines, raw_bytes FROM log_segments WHERE archive_id = ?1 "
                           "ORDER BY seq",
                           err);
        if (rc)
            return rc;
        store_bind_text(s, 1, id);
        char prev[LA_HASH_HEX] = LA_ZERO_HASH;
        int64_t expect = 1;
        int r;
        while ((r = sqlite3_step(s)) == SQLITE_ROW) {
            int64_t seq = sqlite3_column_int64(s, 0);
            const char *name = store_col_text(s, 1);
            const char *manifest = store_col_text(s, 3);
            const char *msha = store_col_text(s, 4);
            char h[LA_HASH_HEX];
            if (seq != expect)
                problem(&v, name, LA_P_CHAIN, "the store's chain jumps from segment %lld to %lld",
                        (long long)expect - 1, (long long)seq);
            if (strcmp(store_col_text(s, 5), prev) != 0)
                problem(&v, name, LA_P_CHAIN,
                        "segment %lld does not link to the manifest of the segment before it",
                        (long long)seq);
            la_sha256_hex(manifest, strlen(manifest), h);
            if (strcmp(h, msha) != 0)
                problem(&v, name, LA_P_CHAIN, "the store's record of segment %lld was altered",
                        (long long)seq);
            snprintf(prev, sizeof(prev), "%s", msha);
            expect = seq + 1;
            if (nnames == cap) {
                cap = cap ? cap * 2 : 64;
                char **g = realloc(names, cap * sizeof(*names));
                if (!g) {
                    rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                    break;
                }
                names = g;
            }
            if (!(names[nnames] = strdup(name))) {
                rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                break;
            }
            nnames++;
            if (strcmp(store_col_text(s, 2), "expired") == 0) {
                char path[PATH_MAX];
                res->expired++;
                if (la_path(path, sizeof(path), dir, name) && access(path, F_OK) == 0)
                    problem(&v, name, LA_P_EXPIRED_LEFT,
                            "expired by its retention policy but the file is still there (run "
                            "airguard logs expire)");
                continue;
            }
            res->segments++;
            if ((rc = check_file(&v, dir, s)))
                break;
        }
        if (!rc && r != SQLITE_DONE && r != SQLITE_ROW)
            rc = store_error(st, "reading the log segments", err);
        sqlite3_finalize(s);
    }
    DIR *d = rc ? NULL : opendir(dir);
    if (!rc && !d)
        problem(&v, dir, LA_P_MISSING, "the archive folder cannot be read: %s", strerror(errno));
    struct dirent *e;
    while (d && (e = readdir(d))) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "archive.json") ||
            !strcmp(n, ".lock") || known(names, nnames, n))
            continue;
        if (la_starts_with(n, LA_OPEN_PREFIX) && la_ends_with(n, LA_PART_SUFFIX)) {
            res->open++;
            continue;
        }
        if (la_starts_with(n, LA_RECOVER_PREFIX) && la_ends_with(n, LA_PART_SUFFIX))
            continue; /* the writer finishes it at its next start */
        if (la_starts_with(n, "archive.json.tmp."))
            continue; /* ag_file_write_atomic's temporary file */
        problem(&v, n, LA_P_UNKNOWN,
                la_ends_with(n, LA_SEG_SUFFIX) ? "a segment the store's chain does not know"
                                               : "a file that is not part of the archive");
    }
    if (d)
        closedir(d);
    for (size_t i = 0; i < nnames; i++)
        free(names[i]);
    free(names);
    return rc;
}

struct recorder {
    la_problem_fn fn;
    void *ctx;
    json_t *details;
};

static void record_problem(void *ctx, const char *segment, enum la_problem p, const char *detail)
{
    struct recorder *r = ctx;
    if (json_array_size(r->details) < 200) /* the page shows them; the count says the rest */
        json_array_append_new(r->details, json_pack("{s:s,s:s,s:s}", "segment", segment, "problem",
                                                    la_problem_name(p), "detail", detail));
    if (r->fn)
        r->fn(r->ctx, segment, p, detail);
}

int la_verify_record(struct store *st, const char *dir, la_problem_fn fn, void *ctx,
                     struct la_verify_result *res, struct ag_error *err)
{
    struct recorder r = {fn, ctx, json_array()};
    if (!r.details)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    int rc = la_verify(st, dir, record_problem, &r, res, err);
    if (rc) {
        json_decref(r.details);
        return rc;
    }
    char now[21];
    ag_time_iso(ag_now(), now);
    json_t *j = json_pack("{s:s,s:s,s:b,s:I,s:I,s:I,s:I,s:I,s:o}", "time", now, "archive", dir,
                          "ok", res->problems == 0, "segments", (json_int_t)res->segments,
                          "expired", (json_int_t)res->expired, "open", (json_int_t)res->open,
                          "lines", (json_int_t)res->lines, "problems", (json_int_t)res->problems,
                          "details", r.details);
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(j);
    if (!text)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    bool own = !store_in_transaction(st);
    rc = own ? store_begin(st, err) : AG_OK;
    if (!rc)
        rc = store_meta_set(st, LA_META_LAST_VERIFY, text, err);
    if (!rc)
        rc = store_audit(st, "verify", "log_archives", dir, text, err);
    if (own && !rc)
        rc = store_commit(st, err);
    else if (own)
        store_rollback(st);
    free(text);
    return rc;
}

int la_last_verify(struct store *st, char **text, struct ag_error *err)
{
    sqlite3_stmt *s;
    *text = NULL;
    int rc = store_prepare(st, &s, "SELECT value FROM meta WHERE key = ?1", err);
    if (rc)
        return rc;
    store_bind_text(s, 1, LA_META_LAST_VERIFY);
    if (sqlite3_step(s) == SQLITE_ROW && !(*text = strdup(store_col_text(s, 0))))
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    sqlite3_finalize(s);
    return rc;
}
