/*
 * oui.c — the IEEE registry of MAC address blocks (Debian's ieee-data), for the vendor of an
 * asset. Loaded once at start-up from the CSV files; immutable afterwards, so any thread may
 * read it.
 *
 * Files (in dir, default /usr/share/ieee-data): oui.csv (MA-L, 24-bit prefixes) is required;
 * mam.csv (MA-M, 28-bit), oui36.csv (MA-S, 36-bit) and iab.csv (IAB, 36-bit) are read when
 * present. Each is "Registry,Assignment,Organization Name,Organization Address" with RFC 4180
 * quoting (quoted fields may hold commas, doubled quotes and line breaks; lines end in CRLF).
 *
 * Invariants: each of the three tables is sorted by prefix with no duplicate prefix (the first
 * line of a prefix wins); vendor strings are interned in one arena (valid UTF-8, no control
 * characters, at most VENDOR_MAX bytes) and nw_oui_vendor returns pointers into it. The longest
 * matching prefix wins (36, then 28, then 24 bits).
 *
 * The cache (nw_oui_load_cached): reading the CSVs costs ~85 M instructions, so the parsed
 * registry is kept as `oui-<sha256>.bin` in the user's cache folder (ag_cache_*). The key is the
 * SHA-256 of a format tag, the folder and, for each of the four files, whether it exists and its
 * size, mtime, ctime (ns), inode and device: an updated ieee-data makes a new key. The file
 * (integers little-endian):
 *     "AGOUI\0\0\2" | key (32 bytes) | sum (u64) | n24 n28 n36 arena_len (u32 each)
 *     | n24 + n28 + n36 entries (u64 prefix, u32 arena offset) | arena (arena_len bytes)
 * sum is a multiply-xor hash of everything after it (cache_sum: any one damaged 8-byte word
 * changes it), so a damaged byte that leaves the file well-formed (a letter of a name) is caught
 * too; it guards against damage, not forgery (the file is private: ag_cache_read). It is untrusted
 * input: the key and sum must agree, its length must be exactly what the header says, each table
 * strictly sorted with prefixes inside its bits, each offset the start of a string of the arena,
 * the arena a run of NUL-terminated vendor names holding the invariants above (1..VENDOR_MAX bytes,
 * valid UTF-8, no control character, no leading, trailing or doubled space). A file that fails
 * any check is not used: the CSVs are read and the file rewritten.
 */
#include "netwatch/netwatch.h"

#include "netwatch/netwatch_int.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <sys/stat.h>

#define DEFAULT_DIR "/usr/share/ieee-data"
#define FILE_MAX ((size_t)64 << 20) /* a registry file larger than this is refused */
#define FIELD_MAX 256               /* bytes kept of a field (the rest is dropped) */
#define VENDOR_MAX 120
#define NFIELDS 4

struct oui_ent {
    uint64_t prefix; /* the first `bits` bits of the MAC */
    uint32_t vendor; /* offset in the arena */
    uint32_t seq;    /* reading order, so the first line of a duplicate prefix wins */
};

struct oui_table {
    struct oui_ent *v;
    size_t n, alloc;
};

enum { T24, T28, T36, NTABLES };
static const unsigned table_bits[NTABLES] = {24, 28, 36};

struct nw_oui {
    struct oui_table t[NTABLES];
    char *arena;
    size_t arena_len, arena_alloc;
    /* intern table: arena offsets + 1 (0 = empty), open addressing */
    uint32_t *intern;
    size_t intern_cap, intern_n;
    uint32_t seq;
};

/* ---- a small RFC 4180 reader ---- */

struct csv {
    const char *p, *end;
    const char *path;
    unsigned long line; /* line of the next byte at p */
};

/* Appends src[0..n) to a field of len bytes, cut at FIELD_MAX - 1 bytes. */
static inline void field_put(char *out, size_t *len, const char *src, size_t n)
{
    size_t room = FIELD_MAX - 1 - *len;
    n = n < room ? n : room;
    memcpy(out + *len, src, n);
    *len += n;
}

/* Bytes that end a run of plain bytes in an unquoted field. */
static inline bool plain_stop(char ch)
{
    return ch == ',' || ch == '\n' || ch == '"' || ch == '\r';
}

/* Reads one record into fields[0..*nf); each field NUL-terminated, cut at FIELD_MAX - 1 bytes.
 * The bytes between delimiters are found first and copied as runs (memchr, memcpy): the
 * registry files are read whenever the first vendor is wanted.
 * Returns 1 for a record, 0 at the end of the input, negative with err set. Empty lines are
 * skipped. *rec_line is the line the record starts on. */
static int csv_record(struct csv *c, char fields[NFIELDS][FIELD_MAX], size_t *nf,
                      unsigned long *rec_line, struct ag_error *err)
{
    while (c->p < c->end && (*c->p == '\n' || *c->p == '\r')) {
        if (*c->p == '\n')
            c->line++;
        c->p++;
    }
    if (c->p >= c->end)
        return 0;
    *rec_line = c->line;
    *nf = 0;
    for (;;) { /* one field per turn */
        char *out = *nf < NFIELDS ? fields[*nf] : NULL;
        size_t len = 0;
        if (*nf >= NFIELDS)
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: %s:%lu: more than 4 fields (a comma outside quotes?)",
                                c->path, *rec_line);
        if (c->p < c->end && *c->p == '"') {
            c->p++;
            for (;;) {
                const char *q = memchr(c->p, '"', (size_t)(c->end - c->p));
                if (!q)
                    return ag_error_set(err, AG_EINVAL,
                                        "netwatch: %s:%lu: unterminated quoted field", c->path,
                                        *rec_line);
                for (const char *nl = c->p; (nl = memchr(nl, '\n', (size_t)(q - nl))); nl++)
                    c->line++;
                field_put(out, &len, c->p, (size_t)(q - c->p));
                c->p = q + 1;
                if (c->p < c->end && *c->p == '"') { /* a doubled quote: one quote */
                    field_put(out, &len, c->p, 1);
                    c->p++;
                } else {
                    break;
                }
            }
            if (c->p < c->end && *c->p == '\r')
                c->p++;
            if (c->p < c->end && *c->p != ',' && *c->p != '\n')
                return ag_error_set(err, AG_EINVAL,
                                    "netwatch: %s:%lu: text after the closing quote of a field",
                                    c->path, c->line);
        } else {
            while (c->p < c->end && *c->p != ',' && *c->p != '\n') {
                const char *q = c->p;
                while (q < c->end && !plain_stop(*q))
                    q++;
                field_put(out, &len, c->p, (size_t)(q - c->p));
                c->p = q;
                if (q >= c->end || *q == ',' || *q == '\n')
                    break;
                char ch = *c->p++; /* a quote or a CR */
                if (ch == '"')
                    return ag_error_set(err, AG_EINVAL,
                                        "netwatch: %s:%lu: a quote inside an unquoted field",
                                        c->path, c->line);
                if (c->p >= c->end || *c->p == '\n')
                    continue; /* CRLF */
                field_put(out, &len, &ch, 1);
            }
        }
        out[len] = '\0';
        (*nf)++;
        if (c->p >= c->end)
            return 1;
        if (*c->p == '\n') {
            c->p++;
            c->line++;
            return 1;
        }
        c->p++; /* the comma */
    }
}

/* ---- vendor strings ---- */

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t want;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        want = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        want = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        want = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        return 0;
    }
    if (n < want || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < want; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return want;
}

/* Cleans a vendor name in place: valid UTF-8 (bad bytes become '?'), control characters become
 * spaces, runs of spaces collapse, trimmed, cut at VENDOR_MAX bytes on a character boundary. */
static void clean_vendor(char *s)
{
    unsigned char *in = (unsigned char *)s;
    size_t n = strlen(s), o = 0;
    bool space = true; /* drops leading spaces */
    for (size_t i = 0; i < n;) {
        size_t l = utf8_len(in + i, n - i);
        if (l == 0) {
            in[i] = '?';
            l = 1;
        } else if (l == 1 && (in[i] < 0x20 || in[i] == 0x7f || in[i] == ' ')) {
            if (!space && o + 1 <= VENDOR_MAX)
                s[o++] = ' ';
            space = true;
            i++;
            continue;
        }
        if (o + l > VENDOR_MAX)
            break;
        for (size_t k = 0; k < l; k++) /* o <= i: forward, byte by byte (l <= 4) */
            s[o + k] = (char)in[i + k];
        o += l;
        i += l;
        space = false;
    }
    while (o > 0 && s[o - 1] == ' ')
        o--;
    s[o] = '\0';
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: the file is trusted enough */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static bool intern_grow(struct nw_oui *o)
{
    size_t cap = o->intern_cap ? o->intern_cap * 2 : 4096;
    uint32_t *t = calloc(cap, sizeof(*t));
    if (!t)
        return false;
    for (size_t i = 0; i < o->intern_cap; i++) {
        uint32_t v = o->intern[i];
        if (!v)
            continue;
        size_t j = str_hash(o->arena + v - 1) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = v;
    }
    free(o->intern);
    o->intern = t;
    o->intern_cap = cap;
    return true;
}

/* The arena offset of s, added if new; UINT32_MAX when out of memory. */
static uint32_t intern(struct nw_oui *o, const char *s)
{
    if ((o->intern_n + 1) * 2 > o->intern_cap && !intern_grow(o))
        return UINT32_MAX;
    size_t mask = o->intern_cap - 1, j = str_hash(s) & mask;
    for (; o->intern[j]; j = (j + 1) & mask)
        if (strcmp(o->arena + o->intern[j] - 1, s) == 0)
            return o->intern[j] - 1;
    size_t len = strlen(s) + 1;
    if (o->arena_len + len > o->arena_alloc) {
        size_t a = o->arena_alloc ? o->arena_alloc * 2 : 1 << 16;
        while (a < o->arena_len + len)
            a *= 2;
        if (a > UINT32_MAX)
            return UINT32_MAX;
        char *na = realloc(o->arena, a);
        if (!na)
            return UINT32_MAX;
        o->arena = na;
        o->arena_alloc = a;
    }
    uint32_t off = (uint32_t)o->arena_len;
    memcpy(o->arena + off, s, len);
    o->arena_len += len;
    o->intern[j] = off + 1;
    o->intern_n++;
    return off;
}

/* ---- loading ---- */

static bool table_add(struct oui_table *t, uint64_t prefix, uint32_t vendor, uint32_t seq)
{
    if (t->n == t->alloc) {
        size_t a = t->alloc ? t->alloc * 2 : 1024;
        struct oui_ent *nv = realloc(t->v, a * sizeof(*nv));
        if (!nv)
            return false;
        t->v = nv;
        t->alloc = a;
    }
    t->v[t->n++] = (struct oui_ent){prefix, vendor, seq};
    return true;
}

static int parse_file(struct nw_oui *o, const char *path, const char *data, size_t len,
                      struct ag_error *err)
{
    char fields[NFIELDS][FIELD_MAX];
    struct csv c = {data, data + len, path, 1};
    size_t nf;
    unsigned long line;
    int rc = csv_record(&c, fields, &nf, &line, err);
    if (rc < 0)
        return rc;
    if (rc == 0 || nf < 3 || strcmp(fields[0], "Registry") != 0 ||
        strcmp(fields[1], "Assignment") != 0)
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: not an IEEE registry file (the first line is not "
                            "\"Registry,Assignment,Organization Name,...\")",
                            path);
    while ((rc = csv_record(&c, fields, &nf, &line, err)) > 0) {
        if (nf < 3)
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: %s:%lu: %zu field(s), expected Registry, Assignment, "
                                "Organization Name",
                                path, line, nf);
        const char *as = fields[1];
        size_t n = strlen(as);
        int t = n == 6 ? T24 : n == 7 ? T28 : n == 9 ? T36 : -1;
        for (size_t i = 0; t >= 0 && i < n; i++)
            if (!isxdigit((unsigned char)as[i]))
                t = -1;
        uint64_t prefix = 0;
        for (size_t i = 0; t >= 0 && i < n; i++) /* hexadecimal digits, checked above */
            prefix = prefix << 4 | (uint64_t)(as[i] <= '9'   ? as[i] - '0'
                                              : as[i] <= 'F' ? as[i] - 'A' + 10
                                                             : as[i] - 'a' + 10);
        if (t < 0)
            return ag_error_set(err, AG_EINVAL,
                                "netwatch: %s:%lu: bad assignment \"%s\" (6, 7 or 9 hexadecimal "
                                "digits expected)",
                                path, line, as);
        clean_vendor(fields[2]);
        if (!fields[2][0])
            continue;
        uint32_t off = intern(o, fields[2]);
        if (off == UINT32_MAX || !table_add(&o->t[t], prefix, off, o->seq++))
            return ag_error_set(err, AG_ENOMEM,
                                "netwatch: %s: out of memory reading the IEEE registry", path);
    }
    return rc;
}

static int ent_cmp(const void *x, const void *y)
{
    const struct oui_ent *a = x, *b = y;
    if (a->prefix != b->prefix)
        return a->prefix < b->prefix ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sorts by prefix, keeping reading order among equal prefixes (ent_cmp's order): a stable
 * radix sort of 12-bit digits over the table's bits, the entries being in reading order
 * already. False when out of memory. */
static bool radix_sort(struct oui_ent *v, size_t n, unsigned bits)
{
    struct oui_ent *tmp = malloc(n * sizeof(*tmp));
    if (!tmp)
        return false;
    struct oui_ent *src = v, *dst = tmp;
    for (unsigned shift = 0; shift < bits; shift += 12) {
        size_t count[4097] = {0};
        for (size_t i = 0; i < n; i++)
            count[((src[i].prefix >> shift) & 4095) + 1]++;
        for (size_t d = 1; d <= 4096; d++)
            count[d] += count[d - 1];
        for (size_t i = 0; i < n; i++)
            dst[count[(src[i].prefix >> shift) & 4095]++] = src[i];
        struct oui_ent *x = src;
        src = dst;
        dst = x;
    }
    if (src != v)
        memcpy(v, src, n * sizeof(*v));
    free(tmp);
    return true;
}

static void table_finish(struct oui_table *t, unsigned bits)
{
    if (t->n == 0)
        return;
    if (!radix_sort(t->v, t->n, bits))
        qsort(t->v, t->n, sizeof(*t->v), ent_cmp);
    size_t w = 1;
    for (size_t i = 1; i < t->n; i++)
        if (t->v[i].prefix != t->v[w - 1].prefix)
            t->v[w++] = t->v[i];
    t->n = w;
}

static int load_one(struct nw_oui *o, const char *dir, const char *name, bool required,
                    struct ag_error *err)
{
    char path[4096];
    int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof(path))
        return ag_error_set(err, AG_EINVAL,
                            "netwatch: %s: the path of the IEEE registry is too long", dir);
    struct stat st;
    if (!required && stat(path, &st) != 0 && errno == ENOENT)
        return 0;
    char *data = NULL;
    size_t len = 0;
    int rc = ag_file_read(path, FILE_MAX, &data, &len, err);
    if (rc < 0)
        return rc;
    rc = parse_file(o, path, data, len, err);
    free(data);
    return rc;
}

static const char *const files[] = {"oui.csv", "mam.csv", "oui36.csv", "iab.csv"};

int nw_oui_load(const char *dir, struct nw_oui **out, struct ag_error *err)
{
    *out = NULL;
    if (!dir)
        dir = DEFAULT_DIR;
    struct nw_oui *o = calloc(1, sizeof(*o));
    if (!o)
        return ag_error_set(err, AG_ENOMEM, "netwatch: %s: out of memory reading the IEEE registry",
                            dir);
    int rc = 0;
    for (size_t i = 0; i < AG_ARRAY_LEN(files) && rc == 0; i++)
        rc = load_one(o, dir, files[i], i == 0, err);
    if (rc < 0) {
        nw_oui_free(o);
        return rc;
    }
    for (int t = 0; t < NTABLES; t++)
        table_finish(&o->t[t], table_bits[t]);
    free(o->intern); /* only needed while loading */
    o->intern = NULL;
    o->intern_cap = o->intern_n = 0;
    *out = o;
    return 0;
}

static const struct oui_ent *table_find(const struct oui_table *t, uint64_t prefix)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid].prefix < prefix)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[lo].prefix == prefix ? &t->v[lo] : NULL;
}

const char *nw_oui_vendor(const struct nw_oui *o, const uint8_t mac[6])
{
    if (!o || (mac[0] & 0x03)) /* locally administered or a group address */
        return NULL;
    uint64_t v = 0;
    for (int i = 0; i < 6; i++)
        v = v << 8 | mac[i];
    for (int t = NTABLES - 1; t >= 0; t--) {
        const struct oui_ent *e = table_find(&o->t[t], v >> (48 - table_bits[t]));
        if (e)
            return o->arena + e->vendor;
    }
    return NULL;
}

void nw_oui_free(struct nw_oui *o)
{
    if (!o)
        return;
    for (int t = 0; t < NTABLES; t++)
        free(o->t[t].v);
    free(o->arena);
    free(o->intern);
    free(o);
}

/* ---- the cache ---- */

#define CACHE_FORMAT "airguard-oui-cache 1" /* bump with any change of the key or the file */
#define CACHE_MAGIC "AGOUI\0\0\2"
#define CACHE_MAGIC_LEN 8
#define CACHE_SUM 8 /* cache_sum */
#define CACHE_HEAD (CACHE_MAGIC_LEN + NW_OUI_KEY_LEN + CACHE_SUM + 4 * 4)
#define CACHE_ENT 12                 /* u64 prefix, u32 offset */
#define CACHE_MAX ((size_t)64 << 20) /* a larger file is not read */
#define CACHE_KEEP 4                 /* oui-*.bin files kept in the folder */

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void hash_u64(crypto_hash_sha256_state *h, uint64_t v)
{
    unsigned char b[8];
    put64(b, v);
    crypto_hash_sha256_update(h, b, sizeof(b));
}

static void hash_text(crypto_hash_sha256_state *h, const char *s)
{
    size_t n = strlen(s);
    hash_u64(h, n); /* length first: no two lists of texts hash alike */
    crypto_hash_sha256_update(h, (const unsigned char *)s, n);
}

bool nw_oui_cache_key(const char *dir, unsigned char key[NW_OUI_KEY_LEN])
{
    if (!dir)
        dir = DEFAULT_DIR;
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    hash_text(&h, CACHE_FORMAT);
    hash_text(&h, dir);
    for (size_t i = 0; i < AG_ARRAY_LEN(files); i++) {
        char path[4096];
        int n = snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
        struct stat st;
        if (n < 0 || (size_t)n >= sizeof(path))
            return false;
        hash_text(&h, files[i]);
        if (stat(path, &st) != 0) {
            if (errno != ENOENT)
                return false; /* unreadable: no cache, nw_oui_load says why */
            hash_u64(&h, 0);  /* absent */
            continue;
        }
        hash_u64(&h, 1);
        hash_u64(&h, (uint64_t)st.st_size);
        hash_u64(&h, (uint64_t)st.st_mtim.tv_sec);
        hash_u64(&h, (uint64_t)st.st_mtim.tv_nsec);
        hash_u64(&h, (uint64_t)st.st_ctim.tv_sec);
        hash_u64(&h, (uint64_t)st.st_ctim.tv_nsec);
        hash_u64(&h, (uint64_t)st.st_ino);
        hash_u64(&h, (uint64_t)st.st_dev);
    }
    crypto_hash_sha256_final(&h, key);
    return true;
}

/* A checksum of p[0..n): each 8-byte word (little-endian, the last padded with zeros) goes
 * through h = (h ^ w) * K, a bijection of h for each w, so changing any one word changes the
 * result; the length is mixed in last. ~4 instructions per 8 bytes (BLAKE2b cost 14 a byte). */
static uint64_t cache_sum(const unsigned char *p, size_t n)
{
    const uint64_t k = 0x9e3779b97f4a7c15ULL;
    uint64_t h = 0x6a09e667f3bcc909ULL;
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        h = (h ^ get64(p + i)) * k;
    if (i < n) {
        unsigned char last[8] = {0};
        memcpy(last, p + i, n - i);
        h = (h ^ get64(last)) * k;
    }
    h = (h ^ n) * k;
    return h ^ h >> 32;
}

int nw_oui_cache_encode(const struct nw_oui *o, const unsigned char key[NW_OUI_KEY_LEN],
                        char **buf_out, size_t *len_out)
{
    *buf_out = NULL;
    *len_out = 0;
    size_t ents = o->t[T24].n + o->t[T28].n + o->t[T36].n;
    if (ents > UINT32_MAX || o->arena_len > UINT32_MAX)
        return AG_EINVAL;
    size_t len = CACHE_HEAD + ents * CACHE_ENT + o->arena_len;
    unsigned char *b = malloc(len), *p = b;
    if (!b)
        return AG_ENOMEM;
    memcpy(p, CACHE_MAGIC, CACHE_MAGIC_LEN);
    p += CACHE_MAGIC_LEN;
    memcpy(p, key, NW_OUI_KEY_LEN);
    p += NW_OUI_KEY_LEN + CACHE_SUM; /* the sum: at the end */
    for (int t = 0; t < NTABLES; t++, p += 4)
        put32(p, (uint32_t)o->t[t].n);
    put32(p, (uint32_t)o->arena_len);
    p += 4;
    for (int t = 0; t < NTABLES; t++)
        for (size_t i = 0; i < o->t[t].n; i++, p += CACHE_ENT) {
            put64(p, o->t[t].v[i].prefix);
            put32(p + 8, o->t[t].v[i].vendor);
        }
    if (o->arena_len)
        memcpy(p, o->arena, o->arena_len);
    unsigned char *sum = b + CACHE_MAGIC_LEN + NW_OUI_KEY_LEN;
    put64(sum, cache_sum(sum + CACHE_SUM, len - (size_t)(sum + CACHE_SUM - b)));
    *buf_out = (char *)b;
    *len_out = len;
    return AG_OK;
}

/* Whether s[0..n) is a vendor name as clean_vendor leaves it: 1..VENDOR_MAX bytes of valid
 * UTF-8, no control character (C0 or DEL), no space at either end or after another. */
static bool vendor_valid(const unsigned char *s, size_t n)
{
    if (n == 0 || n > VENDOR_MAX || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c > ' ' && c < 0x7f) {
            i++;
        } else if (c == ' ') {
            if (s[i + 1] == ' ') /* i + 1 < n: the last byte is not a space */
                return false;
            i++;
        } else {
            size_t l = utf8_len(s + i, n - i);
            if (l < 2) /* a control character, DEL or a malformed sequence */
                return false;
            i += l;
        }
    }
    return true;
}

int nw_oui_cache_decode(const char *buf, size_t len, const unsigned char key[NW_OUI_KEY_LEN],
                        struct nw_oui **out)
{
    const unsigned char *b = (const unsigned char *)buf;
    *out = NULL;
    if (len < CACHE_HEAD || memcmp(b, CACHE_MAGIC, CACHE_MAGIC_LEN) != 0 ||
        (key && memcmp(b + CACHE_MAGIC_LEN, key, NW_OUI_KEY_LEN) != 0))
        return AG_EINVAL;
    const unsigned char *h = b + CACHE_MAGIC_LEN + NW_OUI_KEY_LEN + CACHE_SUM;
    if (key && cache_sum(h, len - (size_t)(h - b)) != get64(h - CACHE_SUM))
        return AG_EINVAL;
    uint64_t n[NTABLES], ents = 0, arena_len = get32(h + 12);
    for (int t = 0; t < NTABLES; t++)
        ents += n[t] = get32(h + 4 * t);
    if ((uint64_t)len != CACHE_HEAD + ents * CACHE_ENT + arena_len) /* no overflow: < 2^38 */
        return AG_EINVAL;
    const unsigned char *arena = b + CACHE_HEAD + ents * CACHE_ENT;
    if (arena_len ? arena[arena_len - 1] != '\0' : ents != 0)
        return AG_EINVAL;
    for (size_t p = 0; p < arena_len;) { /* every string: the last byte is a NUL */
        const unsigned char *z = memchr(arena + p, '\0', arena_len - p);
        if (!vendor_valid(arena + p, (size_t)(z - (arena + p))))
            return AG_EINVAL;
        p = (size_t)(z - arena) + 1;
    }
    struct nw_oui *o = calloc(1, sizeof(*o));
    if (!o)
        return AG_ENOMEM;
    const unsigned char *e = b + CACHE_HEAD;
    for (int t = 0; t < NTABLES; t++) {
        struct oui_table *tb = &o->t[t];
        if (n[t] && !(tb->v = malloc(n[t] * sizeof(*tb->v))))
            goto nomem;
        tb->alloc = n[t];
        uint64_t limit = (uint64_t)1 << table_bits[t];
        for (size_t i = 0; i < n[t]; i++, e += CACHE_ENT) {
            uint64_t prefix = get64(e);
            uint32_t v = get32(e + 8);
            if (prefix >= limit || (i > 0 && prefix <= tb->v[i - 1].prefix) || v >= arena_len ||
                (v > 0 && arena[v - 1] != '\0'))
                goto bad;
            tb->v[tb->n++] = (struct oui_ent){prefix, v, 0};
        }
    }
    if (arena_len) {
        if (!(o->arena = malloc(arena_len)))
            goto nomem;
        memcpy(o->arena, arena, arena_len);
        o->arena_len = o->arena_alloc = arena_len;
    }
    *out = o;
    return AG_OK;
bad:
    nw_oui_free(o);
    return AG_EINVAL;
nomem:
    nw_oui_free(o);
    return AG_ENOMEM;
}

int nw_oui_load_cached(const char *dir, const char *cache_dir, struct nw_oui **out,
                       struct nw_oui_cache_note *note, struct ag_error *err)
{
    unsigned char key[NW_OUI_KEY_LEN];
    char hex[2 * NW_OUI_KEY_LEN + 1];
    memset(note, 0, sizeof(*note));
    *out = NULL;
    if (!cache_dir || !nw_oui_cache_key(dir, key))
        return nw_oui_load(dir, out, err);
    note->on = true;
    sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
    snprintf(note->file, sizeof(note->file), "oui-%s.bin", hex);
    char *buf = NULL;
    size_t len = 0;
    int rc = ag_cache_read(cache_dir, note->file, CACHE_MAX, &buf, &len);
    if (rc == AG_OK) {
        rc = nw_oui_cache_decode(buf, len, key, out);
        free(buf);
        if (rc == AG_OK) {
            note->hit = true;
            return 0;
        }
        note->refused = true;
    } else if (rc == AG_EDENIED) {
        note->refused = true; /* a foreign, writable or linked file */
    }
    rc = nw_oui_load(dir, out, err);
    if (rc < 0)
        return rc;
    if (nw_oui_cache_encode(*out, key, &buf, &len) == AG_OK &&
        ag_cache_write(cache_dir, note->file, buf, len) == AG_OK) {
        note->stored = true;
        ag_cache_trim(cache_dir, "oui-", ".bin", CACHE_KEEP, note->file);
    }
    free(buf);
    return 0;
}
