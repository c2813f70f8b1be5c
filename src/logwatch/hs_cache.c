/*
 * hs_cache.c — compiled Vectorscan databases kept on disk, so a start of `logwatch run`
 * deserialises the web-attack database (a copy) instead of compiling it (~0.6 G instructions).
 *
 * A database is found by the SHA-256 (libsodium) of everything its compile depends on: a
 * format tag, Vectorscan's version string (hs_version), the platform it tunes for
 * (hs_populate_platform), the mode, and every expression with its flags and id, in order. The
 * file is `hs-<64 hex>.db` holding exactly what hs_serialize_database wrote; Vectorscan's own
 * header (magic, version, platform, length, CRC-32C of the bytecode) is checked by
 * hs_deserialize_database — no header of ours is parsed here.
 *
 * The deserialised bytes become the matcher's program, so a file is read only when it and its
 * folder belong to this user and neither is group- or world-writable (another user who could
 * write them could make the matcher misbehave). Every failure — no folder, a read-only file
 * system, a foreign or writable file, a truncated or corrupt file, another Vectorscan — only
 * means a compile: counted (lw_hs_cache_stats), never reported as an error. At most
 * HS_CACHE_KEEP files stay in the folder: after a store the least recently used beyond that are
 * removed (a hit refreshes the file's time).
 *
 * The folder is set once before rule sets load (lw_hs_cache_set_dir); loads from any thread
 * read it under a lock. Off (NULL) by default: library users and tests compile as before.
 */
#include "logwatch/rules_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define HS_CACHE_KEEP 8                       /* files kept in the folder */
#define HS_CACHE_MAX ((size_t)64 << 20)       /* a larger file is not read */
#define HS_CACHE_FORMAT "airguard-hs-cache 1" /* bump when the key's make-up changes */

static pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;
static char *cache_dir; /* NULL: off */
static atomic_ullong n_hits, n_misses, n_stored, n_rejected;

void lw_hs_cache_set_dir(const char *dir)
{
    char *copy = dir ? strdup(dir) : NULL;
    pthread_mutex_lock(&dir_lock);
    free(cache_dir);
    cache_dir = copy;
    pthread_mutex_unlock(&dir_lock);
}

static char *dir_copy(void)
{
    pthread_mutex_lock(&dir_lock);
    char *d = cache_dir ? strdup(cache_dir) : NULL;
    pthread_mutex_unlock(&dir_lock);
    return d;
}

int lw_hs_cache_default_dir(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int k;
    if (xdg && xdg[0] == '/') /* the XDG spec: a relative path is invalid and ignored */
        k = snprintf(buf, n, "%s/airguard", xdg);
    else if (home && home[0] == '/')
        k = snprintf(buf, n, "%s/.cache/airguard", home);
    else
        return AG_ENOTFOUND;
    return k > 0 && (size_t)k < n ? AG_OK : AG_EINVAL;
}

int lw_hs_cache_make_dir(const char *dir)
{
    char parent[4096];
    int k = snprintf(parent, sizeof(parent), "%s", dir);
    if (k <= 0 || (size_t)k >= sizeof(parent))
        return AG_EINVAL;
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) { /* ~/.cache may not exist yet: made private, as XDG asks */
        *slash = '\0';
        if (mkdir(parent, 0700) != 0 && errno != EEXIST)
            return AG_EIO;
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return AG_EIO;
    return AG_OK;
}

void lw_hs_cache_stats(struct lw_hs_cache_stats *st)
{
    st->hits = atomic_load(&n_hits);
    st->misses = atomic_load(&n_misses);
    st->stored = atomic_load(&n_stored);
    st->rejected = atomic_load(&n_rejected);
}

static void hash_u32(crypto_hash_sha256_state *h, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    crypto_hash_sha256_update(h, b, sizeof(b));
}

static void hash_text(crypto_hash_sha256_state *h, const char *s)
{
    size_t n = strlen(s);
    hash_u32(h, (uint32_t)n); /* length first: no two lists of texts hash alike */
    crypto_hash_sha256_update(h, (const unsigned char *)s, n);
}

bool lw_hs_cache_key(const char *const *expr, const unsigned *flags, const unsigned *ids,
                     unsigned n, unsigned mode, char hex[65])
{
    hs_platform_info_t plat;
    memset(&plat, 0, sizeof(plat));
    if (hs_populate_platform(&plat) != HS_SUCCESS)
        return false;
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    hash_text(&h, HS_CACHE_FORMAT);
    hash_text(&h, hs_version());
    hash_u32(&h, plat.tune);
    hash_u32(&h, (uint32_t)(plat.cpu_features >> 32));
    hash_u32(&h, (uint32_t)plat.cpu_features);
    hash_u32(&h, mode);
    hash_u32(&h, n);
    for (unsigned i = 0; i < n; i++) {
        hash_text(&h, expr[i]);
        hash_u32(&h, flags[i]);
        hash_u32(&h, ids[i]);
    }
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, d);
    sodium_bin2hex(hex, 65, d, sizeof(d));
    return true;
}

/* A file or folder another user could have written is not trusted. */
static bool trusted(const struct stat *st)
{
    return st->st_uid == geteuid() && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* The folder, opened without following a symbolic link at its last step, if trusted. */
static int open_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISDIR(st.st_mode) || !trusted(&st))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* Whether the deserialised database is one Vectorscan built for this version and mode. */
static bool info_agrees(const hs_database_t *db, unsigned mode)
{
    char *info = NULL;
    if (hs_database_info(db, &info) != HS_SUCCESS || !info)
        return false;
    char want[64];
    const char *v = hs_version(); /* "5.4.9 2023-…": the info says "Version: 5.4.9 …" */
    size_t vn = strcspn(v, " ");
    snprintf(want, sizeof(want), "Version: %.*s ", (int)(vn < 32 ? vn : 32), v);
    bool ok = strncmp(info, want, strlen(want)) == 0 &&
              (mode != HS_MODE_BLOCK || strstr(info, "Mode: BLOCK") != NULL);
    free(info); /* the misc allocator is the default one */
    return ok;
}

hs_database_t *lw_hs_cache_get(const char *hex, unsigned mode)
{
    char *dir = dir_copy();
    if (!dir)
        return NULL;
    hs_database_t *db = NULL;
    char *buf = NULL;
    char name[80];
    snprintf(name, sizeof(name), "hs-%s.db", hex);
    int dfd = open_dir(dir), fd = -1;
    struct stat st;
    if (dfd < 0)
        goto out;
    fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        goto out; /* not there yet: the usual miss */
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !trusted(&st) || st.st_size <= 0 ||
        (size_t)st.st_size > HS_CACHE_MAX) {
        atomic_fetch_add(&n_rejected, 1);
        goto out;
    }
    size_t len = (size_t)st.st_size, got = 0;
    buf = malloc(len);
    while (buf && got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (!buf || got != len || hs_deserialize_database(buf, len, &db) != HS_SUCCESS) {
        db = NULL;
        atomic_fetch_add(&n_rejected, 1);
        goto out;
    }
    if (!info_agrees(db, mode)) {
        hs_free_database(db);
        db = NULL;
        atomic_fetch_add(&n_rejected, 1);
        goto out;
    }
    (void)futimens(fd, NULL); /* recently used: kept by the clean-up */
    atomic_fetch_add(&n_hits, 1);
out:
    if (!db)
        atomic_fetch_add(&n_misses, 1);
    free(buf);
    if (fd >= 0)
        close(fd);
    if (dfd >= 0)
        close(dfd);
    free(dir);
    return db;
}

struct old_file {
    char name[80];
    struct timespec t;
};

static int older_first(const void *a, const void *b)
{
    const struct old_file *x = a, *y = b;
    if (x->t.tv_sec != y->t.tv_sec)
        return x->t.tv_sec < y->t.tv_sec ? -1 : 1;
    return (x->t.tv_nsec > y->t.tv_nsec) - (x->t.tv_nsec < y->t.tv_nsec);
}

/* Removes the least recently used hs-*.db files beyond HS_CACHE_KEEP (never `keep`). */
static void trim(int dfd, const char *keep)
{
    int fd = dup(dfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct old_file *f = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len != 3 + 64 + 3 || strncmp(e->d_name, "hs-", 3) != 0 ||
            strcmp(e->d_name + len - 3, ".db") != 0 || strcmp(e->d_name, keep) == 0)
            continue;
        struct stat st;
        if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            struct old_file *nf = nc < 4096 ? realloc(f, nc * sizeof(*f)) : NULL;
            if (!nf)
                break;
            f = nf;
            cap = nc;
        }
        memcpy(f[n].name, e->d_name, len + 1); /* len is 70: checked above */
        f[n++].t = st.st_mtim;
    }
    closedir(d);
    if (n + 1 > HS_CACHE_KEEP) {
        qsort(f, n, sizeof(*f), older_first);
        for (size_t i = 0; i + HS_CACHE_KEEP < n + 1; i++)
            (void)unlinkat(dfd, f[i].name, 0);
    }
    free(f);
}

void lw_hs_cache_put(const char *hex, const hs_database_t *db)
{
    char *dir = dir_copy();
    if (!dir)
        return;
    char *bytes = NULL;
    size_t len = 0;
    int dfd = open_dir(dir); /* not into a folder we would not read from */
    if (dfd >= 0 && hs_serialize_database(db, &bytes, &len) == HS_SUCCESS) {
        char path[4096 + 80], name[80];
        snprintf(name, sizeof(name), "hs-%s.db", hex);
        int k = snprintf(path, sizeof(path), "%s/%s", dir, name);
        struct ag_error err;
        if (k > 0 && (size_t)k < sizeof(path) &&
            ag_file_write_atomic(path, bytes, len, &err) == AG_OK) {
            atomic_fetch_add(&n_stored, 1);
            trim(dfd, name);
        }
    }
    free(bytes); /* the misc allocator is the default one */
    if (dfd >= 0)
        close(dfd);
    free(dir);
}
