/*
 * hash.h — a fast non-cryptographic hash of short byte strings (keys, addresses, user names,
 * request targets) for in-memory tables. Never for anything an attacker could exploit by
 * collisions beyond slowing a cache: tables using it compare the bytes as well.
 */
#ifndef AG_HASH_H
#define AG_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Folds n bytes at p into h: eight bytes per step (multiply-xorshift), then the tail; the
 * length goes in too so "ab"+"c" and "a"+"bc" differ. ~4× fewer instructions than byte-wise
 * FNV on short keys. */
static inline uint64_t ag_hash_mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    h ^= n * 0x9e3779b97f4a7c15ULL;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        b += 8;
        n -= 8;
    }
    if (n) { /* 1–7 bytes: two overlapping loads, no call to memcpy's general path */
        uint64_t w;
        if (n >= 4) {
            uint32_t lo, hi;
            memcpy(&lo, b, 4);
            memcpy(&hi, b + n - 4, 4);
            w = (uint64_t)lo << 32 | hi;
        } else {
            w = (uint64_t)b[0] << 16 | (uint64_t)b[n / 2] << 8 | b[n - 1];
        }
        h = (h ^ w) * 0x94d049bb133111ebULL;
        h ^= h >> 29;
    }
    return h;
}

/* The final avalanche (all bits of the result depend on all bits of h); never 0, so 0 can
 * mean "free" in a table. */
static inline uint64_t ag_hash_finish(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h ? h : 1;
}

#endif
