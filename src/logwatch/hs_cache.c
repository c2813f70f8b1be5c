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

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    char *buf = NULL, name[80];
    size_t len;
    snprintf(name, sizeof(name), "hs-%s.db", hex);
    int rc = ag_cache_read(dir, name, HS_CACHE_MAX, &buf, &len); /* owner and modes checked */
    if (rc == AG_OK && hs_deserialize_database(buf, len, &db) != HS_SUCCESS) {
        db = NULL;
        rc = AG_EDENIED;
    }
    if (db && !info_agrees(db, mode)) {
        hs_free_database(db);
        db = NULL;
        rc = AG_EDENIED;
    }
    atomic_fetch_add(db ? &n_hits : &n_misses, 1);
    if (rc == AG_EDENIED)
        atomic_fetch_add(&n_rejected, 1);
    free(buf);
    free(dir);
    return db;
}

void lw_hs_cache_put(const char *hex, const hs_database_t *db)
{
    char *dir = dir_copy();
    if (!dir)
        return;
    char *bytes = NULL, name[80];
    size_t len = 0;
    snprintf(name, sizeof(name), "hs-%s.db", hex);
    if (hs_serialize_database(db, &bytes, &len) == HS_SUCCESS &&
        ag_cache_write(dir, name, bytes, len) == AG_OK) {
        atomic_fetch_add(&n_stored, 1);
        ag_cache_trim(dir, "hs-", ".db", HS_CACHE_KEEP, name);
    }
    free(bytes); /* the misc allocator is the default one */
    free(dir);
}
