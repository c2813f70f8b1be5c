/*
 * strmap.c — string-keyed hash map with open addressing and linear probing (FNV-1a).
 * Keys are borrowed: they must outlive the map. Fixed capacity chosen at creation (a power of two
 * at least twice `expected`), grown by rehash when the load passes one half.
 */
#include "common/common.h"

#include <stdlib.h>
#include <string.h>

struct strmap_slot {
    const char *key;
    void *value;
};

struct strmap {
    struct strmap_slot *slots;
    size_t cap; /* power of two */
    size_t count;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int strmap_alloc(struct strmap *m, size_t cap)
{
    m->slots = calloc(cap, sizeof(*m->slots));
    if (!m->slots)
        return AG_ENOMEM;
    m->cap = cap;
    m->count = 0;
    return AG_OK;
}

int strmap_new(struct strmap **out, size_t expected)
{
    struct strmap *m = calloc(1, sizeof(*m));
    if (!m)
        return AG_ENOMEM;
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    if (strmap_alloc(m, cap) != AG_OK) {
        free(m);
        return AG_ENOMEM;
    }
    *out = m;
    return AG_OK;
}

void strmap_free(struct strmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m);
}

static struct strmap_slot *find_slot(const struct strmap *m, const char *key)
{
    size_t i = (size_t)hash_str(key) & (m->cap - 1);
    while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

static int strmap_rehash(struct strmap *m)
{
    struct strmap old = *m;
    if (strmap_alloc(m, old.cap * 2) != AG_OK) {
        *m = old;
        return AG_ENOMEM;
    }
    for (size_t i = 0; i < old.cap; i++) {
        if (old.slots[i].key) {
            *find_slot(m, old.slots[i].key) = old.slots[i];
            m->count++;
        }
    }
    free(old.slots);
    return AG_OK;
}

int strmap_put(struct strmap *m, const char *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap && strmap_rehash(m) != AG_OK)
        return AG_ENOMEM;
    struct strmap_slot *s = find_slot(m, key);
    if (s->key)
        return AG_EINVAL;
    s->key = key;
    s->value = value;
    m->count++;
    return AG_OK;
}

void *strmap_get(const struct strmap *m, const char *key)
{
    const struct strmap_slot *s = find_slot(m, key);
    return s->key ? s->value : NULL;
}

size_t strmap_count(const struct strmap *m)
{
    return m->count;
}
