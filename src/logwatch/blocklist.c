/*
 * blocklist.c — the bounded block list of logwatch's responses: which addresses are blocked
 * until when, and how often each offended within the memory window (escalation), with its
 * state file. Runs in the thread that owns the responder; no locking.
 *
 * Invariants: entries[0..n) are the live entries, n ≤ cap; every entry is in exactly one
 * bucket chain (next links, NONE ends); no two entries have the same address. Removing swaps
 * the last entry into the hole. The hash is seeded per list (addresses are chosen by
 * attackers; the cap bounds the worst chain anyway). Eviction at the cap scans for the entry
 * that expires soonest: O(cap), only when full, at the rate of alerts, not of log lines.
 */
#define _DEFAULT_SOURCE /* timegm */
#include "logwatch/logwatch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define NONE UINT32_MAX
#define STATE_VERSION 1
#define STATE_MAX ((size_t)64 << 20) /* a state file larger than this is refused */

struct slot {
    struct lw_block_entry e;
    uint32_t next;
};

struct lw_blocklist {
    struct lw_block_policy pol;
    struct slot *slots;
    size_t n, alloc;
    uint32_t *buckets;
    size_t nbuckets; /* a power of two */
    uint64_t seed;
    uint64_t evicted;
};

static uint64_t hash_addr(const struct lw_blocklist *bl, int family, const uint8_t addr[16])
{
    uint64_t h = bl->seed ^ (uint64_t)family;
    for (int i = 0; i < 16; i += 8) {
        uint64_t w;
        memcpy(&w, addr + i, 8);
        h ^= w;
        h *= 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
    }
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
}

static bool same(const struct lw_block_entry *e, int family, const uint8_t addr[16])
{
    return e->family == family && memcmp(e->addr, addr, 16) == 0;
}

void lw_block_policy_from_config(const struct lw_respond_config *c, struct lw_block_policy *p)
{
    memset(p, 0, sizeof(*p));
    p->ndurations = c->ndurations;
    memcpy(p->durations, c->durations, sizeof(p->durations));
    p->window = c->window;
    p->cap = c->max_entries;
}

int lw_blocklist_new(const struct lw_block_policy *p, struct lw_blocklist **out)
{
    *out = NULL;
    if (p->cap == 0 || p->cap >= NONE || p->ndurations == 0 ||
        p->ndurations > LW_RESPOND_MAX_DURATIONS)
        return AG_EINVAL;
    struct lw_blocklist *bl = calloc(1, sizeof(*bl));
    if (!bl)
        return AG_ENOMEM;
    bl->pol = *p;
    bl->nbuckets = 16;
    while (bl->nbuckets < p->cap)
        bl->nbuckets <<= 1;
    bl->buckets = malloc(bl->nbuckets * sizeof(*bl->buckets));
    if (!bl->buckets) {
        free(bl);
        return AG_ENOMEM;
    }
    memset(bl->buckets, 0xff, bl->nbuckets * sizeof(*bl->buckets));
    if (getrandom(&bl->seed, sizeof(bl->seed), 0) != (ssize_t)sizeof(bl->seed))
        bl->seed = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)bl;
    *out = bl;
    return AG_OK;
}

void lw_blocklist_free(struct lw_blocklist *bl)
{
    if (!bl)
        return;
    free(bl->slots);
    free(bl->buckets);
    free(bl);
}

static uint32_t *chain_of(const struct lw_blocklist *bl, int family, const uint8_t addr[16])
{
    return &bl->buckets[hash_addr(bl, family, addr) & (bl->nbuckets - 1)];
}

static uint32_t find_index(const struct lw_blocklist *bl, int family, const uint8_t addr[16])
{
    for (uint32_t i = *chain_of(bl, family, addr); i != NONE; i = bl->slots[i].next)
        if (same(&bl->slots[i].e, family, addr))
            return i;
    return NONE;
}

const struct lw_block_entry *lw_blocklist_find(const struct lw_blocklist *bl, int family,
                                               const uint8_t addr[16])
{
    uint32_t i = find_index(bl, family, addr);
    return i == NONE ? NULL : &bl->slots[i].e;
}

/* Unlinks slot i from its chain and moves the last slot into its place. */
static void remove_at(struct lw_blocklist *bl, uint32_t i)
{
    uint32_t *link = chain_of(bl, bl->slots[i].e.family, bl->slots[i].e.addr);
    while (*link != i)
        link = &bl->slots[*link].next;
    *link = bl->slots[i].next;
    uint32_t last = (uint32_t)(bl->n - 1);
    if (i != last) {
        link = chain_of(bl, bl->slots[last].e.family, bl->slots[last].e.addr);
        while (*link != last)
            link = &bl->slots[*link].next;
        *link = i;
        bl->slots[i] = bl->slots[last];
    }
    bl->n--;
}

/* The entry to give up at the cap: the one whose block ends first (an entry only remembered
 * has ended already), among equals the one that offended longest ago. */
static uint32_t victim(const struct lw_blocklist *bl)
{
    uint32_t best = 0;
    for (uint32_t i = 1; i < bl->n; i++) {
        const struct lw_block_entry *a = &bl->slots[i].e, *b = &bl->slots[best].e;
        if (a->expires < b->expires || (a->expires == b->expires && a->last < b->last))
            best = i;
    }
    return best;
}

/* A new slot for e (evicting at the cap); returns its index or NONE when out of memory. */
static uint32_t insert(struct lw_blocklist *bl, const struct lw_block_entry *e)
{
    if (bl->n == bl->pol.cap) {
        remove_at(bl, victim(bl));
        bl->evicted++;
    }
    if (bl->n == bl->alloc) {
        size_t want = bl->alloc ? bl->alloc * 2 : 64;
        if (want > bl->pol.cap)
            want = bl->pol.cap;
        struct slot *s = realloc(bl->slots, want * sizeof(*s));
        if (!s)
            return NONE;
        bl->slots = s;
        bl->alloc = want;
    }
    uint32_t i = (uint32_t)bl->n++;
    uint32_t *head = chain_of(bl, e->family, e->addr);
    bl->slots[i].e = *e;
    bl->slots[i].next = *head;
    *head = i;
    return i;
}

int lw_blocklist_put(struct lw_blocklist *bl, const struct lw_block_entry *e)
{
    uint32_t i = find_index(bl, e->family, e->addr);
    if (i != NONE) {
        bl->slots[i].e = *e;
        return AG_OK;
    }
    return insert(bl, e) == NONE ? AG_ENOMEM : AG_OK;
}

int lw_blocklist_offend(struct lw_blocklist *bl, int family, const uint8_t addr[16], int64_t now,
                        int64_t seconds, struct lw_block_entry *e, bool *already)
{
    *already = false;
    uint32_t i = find_index(bl, family, addr);
    struct lw_block_entry cur;
    if (i != NONE) {
        cur = bl->slots[i].e;
    } else {
        memset(&cur, 0, sizeof(cur));
        cur.family = family;
        memcpy(cur.addr, addr, 16);
    }
    bool blocked = i != NONE && cur.expires > now;
    if (blocked && seconds == 0) {
        *already = true; /* the same attack still arriving in the logs: not a new offence */
        *e = cur;
        return AG_OK;
    }
    if (blocked) {
        cur.expires = now + seconds; /* the operator's new length replaces the running one */
        cur.last = now;
    } else {
        /* the memory runs from the end of the last block: a week's block followed by a new
         * attack the day it ends is a repeat, whatever the window */
        if (i == NONE || cur.count == 0 || now - cur.expires > bl->pol.window) {
            cur.count = 0;
            cur.first = now;
        }
        if (cur.count < UINT32_MAX)
            cur.count++;
        if (seconds == 0) {
            size_t step = cur.count < bl->pol.ndurations ? cur.count : bl->pol.ndurations;
            seconds = bl->pol.durations[step - 1];
        }
        cur.last = now;
        cur.expires = now + seconds;
    }
    if (i == NONE && bl->n == bl->pol.cap)
        lw_blocklist_expire(bl, now); /* forget before evicting what is still remembered */
    if (i != NONE)
        bl->slots[i].e = cur;
    else if (insert(bl, &cur) == NONE)
        return AG_ENOMEM;
    *e = cur;
    return AG_OK;
}

bool lw_blocklist_remove(struct lw_blocklist *bl, int family, const uint8_t addr[16])
{
    uint32_t i = find_index(bl, family, addr);
    if (i == NONE)
        return false;
    remove_at(bl, i);
    return true;
}

void lw_blocklist_clear(struct lw_blocklist *bl)
{
    bl->n = 0;
    memset(bl->buckets, 0xff, bl->nbuckets * sizeof(*bl->buckets));
}

static bool forgotten(const struct lw_blocklist *bl, const struct lw_block_entry *e, int64_t now)
{
    return e->expires <= now && now - e->expires > bl->pol.window;
}

size_t lw_blocklist_expire(struct lw_blocklist *bl, int64_t now)
{
    size_t gone = 0;
    for (size_t i = 0; i < bl->n;) {
        if (forgotten(bl, &bl->slots[i].e, now)) {
            remove_at(bl, (uint32_t)i); /* the last entry moved to i: look at i again */
            gone++;
        } else {
            i++;
        }
    }
    return gone;
}

size_t lw_blocklist_count(const struct lw_blocklist *bl)
{
    return bl->n;
}

const struct lw_block_entry *lw_blocklist_at(const struct lw_blocklist *bl, size_t i)
{
    return i < bl->n ? &bl->slots[i].e : NULL;
}

uint64_t lw_blocklist_evicted(const struct lw_blocklist *bl)
{
    return bl->evicted;
}

void lw_addr_format(int family, const uint8_t addr[16], char out[48])
{
    if (!inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, out, 48))
        snprintf(out, 48, "?");
}

/* ---- the state file ---- */

static json_t *time_json(int64_t t)
{
    char s[32];
    ag_time_iso((time_t)t, s);
    return json_string(s);
}

/* "YYYY-MM-DDTHH:MM:SSZ" → seconds; false when it is not exactly that form of a real time. */
static bool time_parse(const char *s, int64_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    int used = 0;
    if (strlen(s) != 20 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec, &used) != 6 ||
        used != 20)
        return false;
    int y = tm.tm_year, mo = tm.tm_mon, d = tm.tm_mday, h = tm.tm_hour, mi = tm.tm_min,
        se = tm.tm_sec;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    struct tm back;
    if (t == (time_t)-1 || !gmtime_r(&t, &back) || back.tm_year + 1900 != y ||
        back.tm_mon + 1 != mo || back.tm_mday != d || back.tm_hour != h || back.tm_min != mi ||
        back.tm_sec != se)
        return false;
    *out = (int64_t)t;
    return true;
}

int lw_blocklist_save(const struct lw_blocklist *bl, const char *path, struct ag_error *err)
{
    json_t *root = json_object(), *list = json_array();
    int rc = AG_ENOMEM;
    char *text = NULL;
    if (!root || !list)
        goto out;
    json_object_set_new(root, "version", json_integer(STATE_VERSION));
    json_object_set_new(root, "evicted", json_integer((json_int_t)bl->evicted));
    for (size_t i = 0; i < bl->n; i++) {
        const struct lw_block_entry *e = &bl->slots[i].e;
        char a[48];
        lw_addr_format(e->family, e->addr, a);
        json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:I}", "addr", a, "first", time_json(e->first),
                              "last", time_json(e->last), "expires", time_json(e->expires), "count",
                              (json_int_t)e->count);
        if (!o || json_array_append_new(list, o))
            goto out;
    }
    json_object_set(root, "entries", list);
    text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text)
        goto out;
    struct strbuf b; /* with a final newline, as text files have */
    strbuf_init(&b, 0);
    strbuf_adds(&b, text);
    strbuf_addc(&b, '\n');
    rc = strbuf_ok(&b) ? ag_file_write_atomic(path, strbuf_str(&b), b.len, err) : AG_ENOMEM;
    strbuf_release(&b);
out:
    if (rc == AG_ENOMEM)
        ag_error_set(err, rc, "%s: out of memory", path);
    free(text);
    json_decref(list);
    json_decref(root);
    return rc;
}

/* Reads entry i of the state file into e; false with err set (naming file and entry). */
static bool entry_parse(json_t *o, size_t i, const char *name, struct lw_block_entry *e,
                        struct ag_error *err)
{
    const char *addr, *first, *last, *expires;
    json_int_t count;
    json_error_t je;
    memset(e, 0, sizeof(*e));
    if (json_unpack_ex(o, &je, JSON_STRICT, "{s:s, s:s, s:s, s:s, s:I}", "addr", &addr, "first",
                       &first, "last", &last, "expires", &expires, "count", &count)) {
        ag_error_set(err, AG_EINVAL, "%s: entry %zu: %s", name, i + 1, je.text);
        return false;
    }
    if (!lw_addr_parse(addr, strlen(addr), &e->family, e->addr) || strchr(addr, '%')) {
        ag_error_set(err, AG_EINVAL, "%s: entry %zu: \"%s\" is not an IP address", name, i + 1,
                     addr);
        return false;
    }
    const char *bad = !time_parse(first, &e->first)       ? first
                      : !time_parse(last, &e->last)       ? last
                      : !time_parse(expires, &e->expires) ? expires
                                                          : NULL;
    if (bad) {
        ag_error_set(err, AG_EINVAL,
                     "%s: entry %zu: \"%s\" is not a time (YYYY-MM-DDTHH:MM:SSZ expected)", name,
                     i + 1, bad);
        return false;
    }
    if (count < 1 || count > (json_int_t)UINT32_MAX || e->last < e->first) {
        ag_error_set(err, AG_EINVAL, "%s: entry %zu: inconsistent (count %lld, first %s, last %s)",
                     name, i + 1, (long long)count, first, last);
        return false;
    }
    e->count = (uint32_t)count;
    return true;
}

static int cmp_expires_desc(const void *a, const void *b)
{
    const struct lw_block_entry *x = a, *y = b;
    return x->expires < y->expires ? 1 : x->expires > y->expires ? -1 : 0;
}

int lw_blocklist_load_text(struct lw_blocklist *bl, const char *text, size_t n, const char *name,
                           int64_t now, struct ag_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
    struct lw_block_entry *tmp = NULL;
    int rc = AG_EINVAL;
    if (!root) {
        ag_error_set(err, rc, "%s:%d:%d: not valid JSON: %s", name, je.line, je.column, je.text);
        goto out;
    }
    json_int_t version = 0, evicted = 0;
    json_t *list = NULL;
    if (json_unpack_ex(root, &je, 0, "{s:I, s?I, s:o}", "version", &version, "evicted", &evicted,
                       "entries", &list) ||
        !json_is_array(list)) {
        ag_error_set(err, rc, "%s: not a block list state file (%s)", name,
                     json_is_array(list) ? je.text : "entries: an array expected");
        goto out;
    }
    if (version != STATE_VERSION) {
        ag_error_set(err, rc, "%s: state version %lld, this program reads version %d", name,
                     (long long)version, STATE_VERSION);
        goto out;
    }
    size_t count = json_array_size(list), keep = 0;
    tmp = calloc(count ? count : 1, sizeof(*tmp));
    if (!tmp) {
        rc = ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);
        goto out;
    }
    for (size_t i = 0; i < count; i++) {
        if (!entry_parse(json_array_get(list, i), i, name, &tmp[keep], err))
            goto out;
        if (!forgotten(bl, &tmp[keep], now))
            keep++;
    }
    /* more than the cap (a smaller max_entries than before): keep the latest-expiring */
    qsort(tmp, keep, sizeof(*tmp), cmp_expires_desc);
    if (keep > bl->pol.cap)
        keep = bl->pol.cap;
    lw_blocklist_clear(bl);
    for (size_t i = 0; i < keep; i++) {
        if (find_index(bl, tmp[i].family, tmp[i].addr) != NONE) {
            char a[48];
            lw_addr_format(tmp[i].family, tmp[i].addr, a);
            lw_blocklist_clear(bl);
            ag_error_set(err, rc, "%s: the address %s is there twice", name, a);
            goto out;
        }
        if (insert(bl, &tmp[i]) == NONE) {
            lw_blocklist_clear(bl);
            rc = ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);
            goto out;
        }
    }
    bl->evicted = evicted > 0 ? (uint64_t)evicted : 0;
    rc = AG_OK;
out:
    free(tmp);
    json_decref(root);
    return rc;
}

int lw_blocklist_load(struct lw_blocklist *bl, const char *path, int64_t now, struct ag_error *err)
{
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        lw_blocklist_clear(bl);
        bl->evicted = 0;
        return AG_OK;
    }
    char *text;
    size_t n;
    int rc = ag_file_read(path, STATE_MAX, &text, &n, err);
    if (rc)
        return rc;
    rc = lw_blocklist_load_text(bl, text, n, path, now, err);
    free(text);
    return rc;
}
