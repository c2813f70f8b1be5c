/*
 * evidence.c — evidence files (answers, findings, incident records point at them), stored
 * content-addressed: <folder of the store>/evidence/<first two hex digits>/<sha256>. The name a
 * client gave is kept only as data, never used as a path (no path traversal, 5.3(3)). The file
 * is written whole (temporary file, fsync, rename) before its row is committed, so a crash
 * leaves at most an unreferenced file, never a row without its file.
 */
#include "isms/isms.h"

#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>

#define EVIDENCE_MAX_BYTES ((size_t)64 << 20)

void isms_evidence_dir(struct store *st, char *out, size_t cap)
{
    const char *path = store_path(st);
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(out, cap, "%.*s/evidence", (int)(slash - path), path);
    else
        snprintf(out, cap, "evidence");
}

static int mkdir_p(const char *dir, struct ag_error *err)
{
    if (mkdir(dir, 0750) != 0 && errno != EEXIST)
        return ag_error_set(err, AG_EIO, "%s: cannot create the folder: %s", dir, strerror(errno));
    return AG_OK;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* A file name given by a client or taken from a path, made into a plain name: the part after
 * the last '/' or '\\', control characters and invalid UTF-8 dropped, at most 200 bytes (cut on
 * a character boundary), "." / ".." / "" become "evidence". */
void isms_evidence_name(const char *given, char *out, size_t cap)
{
    const char *b = given ? given : "";
    for (const char *p = b; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    size_t n = 0, max = cap - 1 < 200 ? cap - 1 : 200;
    const unsigned char *p = (const unsigned char *)b;
    while (*p) {
        size_t len = *p < 0x80                           ? 1
                     : (*p & 0xE0) == 0xC0 && *p >= 0xC2 ? 2
                     : (*p & 0xF0) == 0xE0               ? 3
                     : (*p & 0xF8) == 0xF0 && *p <= 0xF4 ? 4
                                                         : 0;
        bool ok = len > 0;
        for (size_t i = 1; ok && i < len; i++)
            ok = (p[i] & 0xC0) == 0x80;
        if (ok && len >= 3) /* no overlong forms, surrogates or code points above U+10FFFF */
            ok = !(p[0] == 0xE0 && p[1] < 0xA0) && !(p[0] == 0xED && p[1] >= 0xA0) &&
                 !(p[0] == 0xF0 && p[1] < 0x90) && !(p[0] == 0xF4 && p[1] >= 0x90);
        if (!ok) {
            p++;
            continue;
        }
        if (len == 1 && (*p < 0x20 || *p == 0x7f)) {
            p++;
            continue;
        }
        if (n + len > max)
            break;
        memcpy(out + n, p, len);
        n += len;
        p += len;
    }
    out[n] = '\0';
    if (n == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
        snprintf(out, cap, "evidence");
}

int isms_evidence_add_mem(struct store *st, const void *data, size_t len, const char *filename,
                          long long added_by, long long *id, char sha256[65], struct ag_error *err)
{
    char dir[4096], sub[4200], file[4300], now[21], name[256];
    unsigned char d[crypto_hash_sha256_BYTES];
    sqlite3_stmt *s = NULL;
    int rc;
    if (len > EVIDENCE_MAX_BYTES)
        return ag_error_set(err, AG_EINVAL, "evidence: the file is larger than %zu MiB",
                            EVIDENCE_MAX_BYTES >> 20);
    isms_evidence_name(filename, name, sizeof(name));
    crypto_hash_sha256(d, (const unsigned char *)data, len);
    sodium_bin2hex(sha256, 65, d, sizeof(d));
    isms_evidence_dir(st, dir, sizeof(dir));
    snprintf(sub, sizeof(sub), "%s/%.2s", dir, sha256);
    snprintf(file, sizeof(file), "%s/%s", sub, sha256);
    struct stat sb;
    if (stat(file, &sb) != 0) {
        if ((rc = mkdir_p(dir, err)) || (rc = mkdir_p(sub, err)) ||
            (rc = ag_file_write_atomic(file, data, len, err)))
            return rc;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO evidence(sha256, filename, size, added_at, added_by) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(sha256) DO NOTHING",
                            err)) == AG_OK) {
        ag_time_iso(ag_now(), now);
        sqlite3_bind_text(s, 1, sha256, 64, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)len);
        sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
        if (added_by)
            sqlite3_bind_int64(s, 5, added_by);
        else
            sqlite3_bind_null(s, 5);
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "adding evidence", err);
        sqlite3_finalize(s);
        s = NULL;
    }
    if (rc == AG_OK &&
        (rc = store_prepare(st, &s, "SELECT id FROM evidence WHERE sha256 = ?", err)) == AG_OK) {
        sqlite3_bind_text(s, 1, sha256, 64, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            *id = sqlite3_column_int64(s, 0);
        else
            rc = store_error(st, "reading evidence", err);
        sqlite3_finalize(s);
    }
    return isms_tx_end(st, own, rc, err);
}

int isms_evidence_add(struct store *st, const char *path, long long added_by, long long *id,
                      char sha256[65], struct ag_error *err)
{
    char *data = NULL;
    size_t len;
    int rc;
    if ((rc = ag_file_read(path, EVIDENCE_MAX_BYTES, &data, &len, err)))
        return rc;
    rc = isms_evidence_add_mem(st, data, len, base_name(path), added_by, id, sha256, err);
    free(data);
    return rc;
}
