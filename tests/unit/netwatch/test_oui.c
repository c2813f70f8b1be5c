/*
 * test_oui.c — the IEEE registry reader (src/netwatch/oui.c): vendors of known industrial OUIs
 * from Debian's real ieee-data files, the longest prefix winning (MA-S over MA-M over MA-L),
 * locally administered and group addresses, and hand-written CSV files: quoted fields with
 * commas, doubled quotes and line breaks, CRLF, duplicates (the first line wins), invalid UTF-8,
 * and errors that name the file and the line (unterminated quote, bad assignment, too few
 * fields, a file that is not a registry, a missing oui.csv).
 * The cache (nw_oui_load_cached): a cached registry answers as the freshly parsed one for every
 * assignment of the real files and a million random MACs, and its file is what encoding the
 * fresh one gives; a damaged file (each byte flipped, truncated, lengthened), a foreign one (the
 * key of other CSVs), a group-writable, a symbolic link, or a writable folder is not used (the
 * CSVs are read, the file rewritten); structural checks (decode without the checksum) refuse
 * unsorted tables, prefixes beyond their bits, offsets outside or inside a string, bad names;
 * changed, added CSVs (same size, another mtime) make a new key; old files are trimmed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netwatch/netwatch_int.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/time.h>

#define IEEE_DIR "/usr/share/ieee-data"

static const char *vendor(const struct nw_oui *o, const char *mac)
{
    unsigned v[6];
    assert_int_equal(sscanf(mac, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]), 6);
    uint8_t m[6];
    for (int i = 0; i < 6; i++)
        m[i] = (uint8_t)v[i];
    return nw_oui_vendor(o, m);
}

static void test_real_registry(void **state)
{
    (void)state;
    struct nw_oui *o;
    struct ag_error err = {0};
    int rc = nw_oui_load(NULL, &o, &err); /* the default folder */
    if (rc != 0)
        fail_msg("ieee-data: %s", err.msg);
    assert_string_equal(vendor(o, "00:0e:8c:12:34:56"), "Siemens AG");
    assert_string_equal(vendor(o, "00:1b:1b:00:00:01"), "Siemens AG,"); /* as the IEEE spells it */
    assert_string_equal(vendor(o, "00:00:bc:aa:bb:cc"), "Rockwell Automation");
    assert_string_equal(vendor(o, "00:11:00:01:02:03"), "Schneider Electric");
    assert_string_equal(vendor(o, "F4:BD:9E:00:00:00"), "Cisco Systems, Inc"); /* quoted */
    assert_string_equal(vendor(o, "00:1e:fc:00:00:00"), "JSC \"MASSA-K\"");    /* "" in quotes */
    /* MA-M (28 bits) inside an MA-L block of the registration authority */
    assert_string_equal(vendor(o, "20:85:93:b0:00:01"), "IOG Products LLC");
    assert_string_equal(vendor(o, "20:85:93:a0:00:01"), "H3 Industries, Inc.");
    /* MA-S (36 bits) */
    assert_string_equal(vendor(o, "70:b3:d5:f2:f0:01"), "TELEPLATFORMS");
    assert_string_equal(vendor(o, "70:b3:d5:71:9f:ff"), "2M Technology");
    /* a locally administered address, a group address, an unassigned block */
    assert_null(vendor(o, "02:0e:8c:12:34:56"));
    assert_null(vendor(o, "01:0e:cf:00:00:00"));
    assert_null(vendor(o, "ff:ff:ff:ff:ff:ff"));
    nw_oui_free(o);
}

static char tmpdir[64];

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void remove_files(void)
{
    static const char *names[] = {"oui.csv", "mam.csv", "oui36.csv", "iab.csv"};
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++) {
        char path[128];
        snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_oui.XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove_files();
    rmdir(tmpdir);
    return 0;
}

#define HEADER "Registry,Assignment,Organization Name,Organization Address\r\n"

static void test_handwritten(void **state)
{
    (void)state;
    remove_files();
    write_file("oui.csv", HEADER "MA-L,001122,\"Acme, Inc.\",\"1 Road\r\nSecond line\"\r\n"
                                 "MA-L,ACBBCC,Plain Co,addr\r\n"
                                 "\r\n"
                                 "MA-L,001122,Duplicate Later,addr\r\n"
                                 "MA-L,a0b0c0,\"Quote \"\"Q\"\" Ltd\",\r\n"
                                 "MA-L,101010,  Spaced\tOut  Name  ,x\r\n"
                                 "MA-L,202020,Bad \xff\xfe UTF,x\r\n"
                                 "MA-L,303030,Caf\xc3\xa9 GmbH,x\r\n"
                                 "MA-L,404040,\"\",x\r\n"
                                 "MA-L,505050,No Newline At End,x");
    write_file("mam.csv", HEADER "MA-M,0011223,Medium Block,x\n");
    write_file("iab.csv", HEADER "IAB,001122334,Small Block,x\n");
    struct nw_oui *o;
    struct ag_error err = {0};
    int rc = nw_oui_load(tmpdir, &o, &err);
    if (rc != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(vendor(o, "00:11:22:00:00:00"), "Acme, Inc.");
    assert_string_equal(vendor(o, "00:11:22:3f:00:00"), "Medium Block");
    assert_string_equal(vendor(o, "00:11:22:33:40:00"), "Small Block");
    assert_string_equal(vendor(o, "00:11:22:33:50:00"), "Medium Block");
    assert_string_equal(vendor(o, "ac:bb:cc:01:02:03"), "Plain Co");
    assert_string_equal(vendor(o, "a0:b0:c0:01:02:03"), "Quote \"Q\" Ltd");
    assert_string_equal(vendor(o, "10:10:10:00:00:00"), "Spaced Out Name");
    assert_string_equal(vendor(o, "20:20:20:00:00:00"), "Bad ?? UTF");
    assert_string_equal(vendor(o, "30:30:30:00:00:00"), "Caf\xc3\xa9 GmbH");
    assert_null(vendor(o, "40:40:40:00:00:00")); /* an empty name is no vendor */
    assert_string_equal(vendor(o, "50:50:50:00:00:00"), "No Newline At End");
    /* two blocks of one vendor share the interned string */
    assert_ptr_equal(vendor(o, "00:11:22:00:00:00"), vendor(o, "00:11:22:01:00:00"));
    nw_oui_free(o);
}

static void expect_error(const char *oui, const char *mam, const char *want)
{
    remove_files();
    if (oui)
        write_file("oui.csv", oui);
    if (mam)
        write_file("mam.csv", mam);
    struct nw_oui *o = NULL;
    struct ag_error err = {0};
    int rc = nw_oui_load(tmpdir, &o, &err);
    assert_true(rc < 0);
    assert_null(o);
    if (!strstr(err.msg, want))
        fail_msg("error \"%s\" lacks \"%s\"", err.msg, want);
}

static void test_errors(void **state)
{
    (void)state;
    char want[256];
    /* the line of a record that spans lines is its first */
    snprintf(want, sizeof(want), "%s/oui.csv:4: unterminated quoted field", tmpdir);
    expect_error(HEADER "MA-L,001122,\"A\nB\",x\nMA-L,001123,\"Open,x\n\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:3: bad assignment \"00112\"", tmpdir);
    expect_error(HEADER "MA-L,001122,A,x\nMA-L,00112,B,x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: bad assignment \"00112G\"", tmpdir);
    expect_error(HEADER "MA-L,00112G,B,x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/mam.csv:2: 2 field(s)", tmpdir);
    expect_error(HEADER "MA-L,001122,A,x\n", HEADER "MA-M,0011223\n", want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: a quote inside an unquoted field", tmpdir);
    expect_error(HEADER "MA-L,001122,A \"B\",x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: text after the closing quote", tmpdir);
    expect_error(HEADER "MA-L,001122,\"A\"B,x\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv:2: more than 4 fields", tmpdir);
    expect_error(HEADER "MA-L,001122,A,B,C\n", NULL, want);
    snprintf(want, sizeof(want), "%s/oui.csv: not an IEEE registry file", tmpdir);
    expect_error("\x89PNG\r\n\x1a\n", NULL, want);
    expect_error("", NULL, want);
    /* oui.csv is required; the others are not */
    snprintf(want, sizeof(want), "%s/oui.csv", tmpdir);
    expect_error(NULL, HEADER "MA-M,0011223,A,x\n", want);
}

/* ---- the cache ---- */

static char cachedir[96];

static void same_vendor(const struct nw_oui *a, const struct nw_oui *b, const uint8_t m[6])
{
    const char *x = nw_oui_vendor(a, m), *y = nw_oui_vendor(b, m);
    if (!x || !y) {
        if (x != y)
            fail_msg("%02x:%02x:%02x:%02x:%02x:%02x: %s vs %s", m[0], m[1], m[2], m[3], m[4], m[5],
                     x ? x : "(none)", y ? y : "(none)");
        return;
    }
    if (strcmp(x, y) != 0)
        fail_msg("%02x:%02x:%02x:%02x:%02x:%02x: \"%s\" vs \"%s\"", m[0], m[1], m[2], m[3], m[4],
                 m[5], x, y);
}

static void mac_of(uint64_t prefix, unsigned bits, uint64_t low, uint8_t m[6])
{
    uint64_t v = prefix << (48 - bits) | (low & (((uint64_t)1 << (48 - bits)) - 1));
    for (int i = 0; i < 6; i++)
        m[i] = (uint8_t)(v >> (40 - 8 * i));
}

/* Every assignment of a real registry file (lines "MA-L,xxxxxx,", "MA-M,", "MA-S,", "IAB,"):
 * the block's first and last MAC; returns how many had a vendor. */
static size_t compare_file(const struct nw_oui *a, const struct nw_oui *b, const char *name)
{
    char path[128], line[4096];
    snprintf(path, sizeof(path), IEEE_DIR "/%s", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0; /* the optional files may be absent */
    size_t named = 0;
    while (fgets(line, sizeof(line), f)) {
        const char *c = strchr(line, ',');
        if (!c || !(strncmp(line, "MA-", 3) == 0 || strncmp(line, "IAB,", 4) == 0))
            continue;
        const char *d = strchr(c + 1, ',');
        size_t n = d ? (size_t)(d - c - 1) : 0;
        if (n != 6 && n != 7 && n != 9)
            continue;
        char hex[10];
        memcpy(hex, c + 1, n);
        hex[n] = '\0';
        uint64_t prefix = strtoull(hex, NULL, 16);
        uint8_t m[6];
        mac_of(prefix, (unsigned)n * 4, 0, m);
        same_vendor(a, b, m);
        named += nw_oui_vendor(b, m) != NULL;
        mac_of(prefix, (unsigned)n * 4, ~(uint64_t)0, m);
        same_vendor(a, b, m);
    }
    fclose(f);
    return named;
}

static int cache_setup(void **state)
{
    (void)state;
    snprintf(cachedir, sizeof(cachedir), "%s/cache", tmpdir);
    assert_int_equal(mkdir(cachedir, 0700), 0);
    return 0;
}

static int cache_teardown(void **state)
{
    (void)state;
    DIR *d = opendir(cachedir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", cachedir, e->d_name);
        if (e->d_name[0] != '.')
            unlink(path);
    }
    if (d)
        closedir(d);
    rmdir(cachedir);
    return 0;
}

static struct nw_oui *load_cached(const char *dir, struct nw_oui_cache_note *note)
{
    struct nw_oui *o = NULL;
    struct ag_error err = {0};
    if (nw_oui_load_cached(dir, cachedir, &o, note, &err) != 0)
        fail_msg("%s", err.msg);
    assert_true(note->on);
    return o;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void write_all(const char *path, const char *b, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b, len), (ssize_t)len);
    close(fd);
}

static void cache_path(const struct nw_oui_cache_note *note, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", cachedir, note->file);
}

static void test_cache_real(void **state)
{
    (void)state;
    struct nw_oui *fresh, *built, *cached;
    struct ag_error err = {0};
    struct nw_oui_cache_note note;
    if (nw_oui_load(NULL, &fresh, &err) != 0)
        fail_msg("ieee-data: %s", err.msg);
    built = load_cached(NULL, &note);
    assert_true(note.stored && !note.hit && !note.refused);
    cached = load_cached(NULL, &note);
    assert_true(note.hit && !note.stored && !note.refused);
    assert_string_equal(vendor(cached, "00:0e:8c:12:34:56"), "Siemens AG");
    /* the file is what encoding the fresh registry gives */
    unsigned char key[NW_OUI_KEY_LEN];
    assert_true(nw_oui_cache_key(NULL, key));
    char path[512], *want, *got;
    size_t wlen, glen;
    assert_int_equal(nw_oui_cache_encode(fresh, key, &want, &wlen), AG_OK);
    cache_path(&note, path, sizeof(path));
    got = read_all(path, &glen);
    assert_int_equal(glen, wlen);
    assert_memory_equal(got, want, wlen);
    free(got);
    free(want);
    size_t named = 0;
    static const char *const names[] = {"oui.csv", "mam.csv", "oui36.csv", "iab.csv"};
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++)
        named += compare_file(fresh, cached, names[i]);
    assert_true(named > 30000); /* the comparison saw the registry */
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 1000000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint8_t m[6];
        for (int k = 0; k < 6; k++)
            m[k] = (uint8_t)(x >> (8 * k));
        if (i & 3)
            m[0] &= 0xfc; /* mostly universal unicast addresses */
        same_vendor(fresh, cached, m);
        same_vendor(fresh, built, m);
    }
    nw_oui_free(fresh);
    nw_oui_free(built);
    nw_oui_free(cached);
    cache_teardown(NULL);
    cache_setup(NULL);
}

#define SMALL_OUI                                                                                  \
    HEADER "MA-L,001122,\"Acme, Inc.\",x\r\nMA-L,ACBBCC,Plain Co,x\r\n"                            \
           "MA-L,303030,Caf\xc3\xa9 GmbH,x\r\nMA-L,0C0B0C,Acme  Inc,x\r\n"

static void small_registry(void)
{
    remove_files();
    write_file("oui.csv", SMALL_OUI);
    write_file("mam.csv", HEADER "MA-M,0011223,Medium Block,x\n");
    write_file("iab.csv", HEADER "IAB,001122334,Small Block,x\n");
}

static void expect_small(const struct nw_oui *o)
{
    assert_string_equal(vendor(o, "00:11:22:00:00:00"), "Acme, Inc.");
    assert_string_equal(vendor(o, "00:11:22:3f:00:00"), "Medium Block");
    assert_string_equal(vendor(o, "00:11:22:33:40:00"), "Small Block");
    assert_string_equal(vendor(o, "ac:bb:cc:01:02:03"), "Plain Co");
    assert_string_equal(vendor(o, "30:30:30:00:00:00"), "Caf\xc3\xa9 GmbH");
    assert_string_equal(vendor(o, "0c:0b:0c:00:00:00"), "Acme Inc");
    assert_null(vendor(o, "0c:0b:0d:00:00:00"));
}

/* A cache file replaced by bytes (or by what prepare did): not used, the registry is right, the
 * file is rewritten and read next time. */
static void expect_refused(const char *what)
{
    struct nw_oui_cache_note note;
    struct nw_oui *o = load_cached(tmpdir, &note);
    if (note.hit || !note.refused || !note.stored)
        fail_msg("%s: hit %d refused %d stored %d", what, note.hit, note.refused, note.stored);
    expect_small(o);
    nw_oui_free(o);
    o = load_cached(tmpdir, &note);
    if (!note.hit)
        fail_msg("%s: the rewritten file is not read", what);
    expect_small(o);
    nw_oui_free(o);
}

static void test_cache_damaged(void **state)
{
    (void)state;
    small_registry();
    struct nw_oui_cache_note note;
    struct nw_oui *o = load_cached(tmpdir, &note);
    assert_true(note.stored);
    nw_oui_free(o);
    char path[512], what[64];
    cache_path(&note, path, sizeof(path));
    size_t len;
    char *good = read_all(path, &len), *bad = malloc(len + 1);
    assert_non_null(bad);
    for (size_t i = 0; i < len; i++) { /* every byte, one bit of it */
        memcpy(bad, good, len);
        bad[i] ^= (char)(1u << (i % 8));
        write_all(path, bad, len);
        snprintf(what, sizeof(what), "byte %zu flipped", i);
        expect_refused(what);
    }
    static const size_t cuts[] = {1, 8, 40, 48, 63, 64};
    for (size_t i = 0; i < AG_ARRAY_LEN(cuts); i++) {
        write_all(path, good, cuts[i]);
        snprintf(what, sizeof(what), "cut to %zu bytes", cuts[i]);
        expect_refused(what);
    }
    write_all(path, good, len - 1);
    expect_refused("last byte cut");
    write_all(path, good, 0);
    expect_refused("empty");
    memcpy(bad, good, len);
    bad[len] = '\0';
    write_all(path, bad, len + 1);
    expect_refused("a byte added");
    free(bad);
    free(good);
}

static void test_cache_not_private(void **state)
{
    (void)state;
    small_registry();
    struct nw_oui_cache_note note;
    struct nw_oui *o = load_cached(tmpdir, &note);
    nw_oui_free(o);
    char path[512], other[600];
    cache_path(&note, path, sizeof(path));
    /* group-writable */
    assert_int_equal(chmod(path, 0664), 0);
    expect_refused("group-writable");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 022, 0); /* rewritten privately */
    /* a symbolic link to a good file */
    snprintf(other, sizeof(other), "%s/elsewhere", cachedir);
    assert_int_equal(rename(path, other), 0);
    assert_int_equal(symlink(other, path), 0);
    expect_refused("symbolic link");
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    unlink(other);
    /* a good file of other CSVs under this key's name */
    size_t len;
    char *mine = read_all(path, &len);
    write_file("oui.csv", HEADER "MA-L,001122,Acme Other,x\r\n");
    o = load_cached(tmpdir, &note);
    assert_true(note.stored);
    nw_oui_free(o);
    char foreign_path[512];
    cache_path(&note, foreign_path, sizeof(foreign_path));
    size_t flen;
    char *foreign = read_all(foreign_path, &flen);
    small_registry();
    o = load_cached(tmpdir, &note); /* a new key again (new files) */
    nw_oui_free(o);
    cache_path(&note, path, sizeof(path));
    write_all(path, foreign, flen);
    expect_refused("foreign");
    free(foreign);
    free(mine);
    /* a group-writable folder: neither read nor written */
    assert_int_equal(chmod(cachedir, 0770), 0);
    o = load_cached(tmpdir, &note);
    assert_true(!note.hit && !note.stored);
    expect_small(o);
    nw_oui_free(o);
    assert_int_equal(chmod(cachedir, 0700), 0);
    /* off: nw_oui_load */
    struct ag_error err = {0};
    assert_int_equal(nw_oui_load_cached(tmpdir, NULL, &o, &note, &err), 0);
    assert_false(note.on);
    expect_small(o);
    nw_oui_free(o);
}

/* The structural checks, reached without the checksum (key NULL), on a file made from the small
 * registry: header n24 n28 n36 arena_len at 48, entries of 12 bytes from 64. */
static void put32le(char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (char)(v >> (8 * i));
}

static void test_cache_structure(void **state)
{
    (void)state;
    small_registry();
    struct nw_oui *fresh, *o;
    struct ag_error err = {0};
    assert_int_equal(nw_oui_load(tmpdir, &fresh, &err), 0);
    unsigned char key[NW_OUI_KEY_LEN] = {1};
    char *good, *bad;
    size_t len;
    assert_int_equal(nw_oui_cache_encode(fresh, key, &good, &len), AG_OK);
    nw_oui_free(fresh);
    /* sound: read with and without the key; not with another key */
    assert_int_equal(nw_oui_cache_decode(good, len, key, &o), AG_OK);
    expect_small(o);
    nw_oui_free(o);
    assert_int_equal(nw_oui_cache_decode(good, len, NULL, &o), AG_OK);
    expect_small(o);
    nw_oui_free(o);
    key[0] = 2;
    assert_int_equal(nw_oui_cache_decode(good, len, key, &o), AG_EINVAL);
    assert_null(o);
    /* 4 MA-L entries (sorted: 001122 0c0b0c 303030 acbbcc), 1 MA-M, 1 MA-S */
    assert_int_equal((unsigned char)good[48], 4);
    size_t e0 = 64, arena = 64 + 6 * 12;
    bad = malloc(len + 16);
    assert_non_null(bad);
#define MUTATE(what, stmt)                                                                         \
    do {                                                                                           \
        memcpy(bad, good, len);                                                                    \
        size_t blen = len;                                                                         \
        stmt;                                                                                      \
        o = (void *)1;                                                                             \
        if (nw_oui_cache_decode(bad, blen, NULL, &o) != AG_EINVAL || o)                            \
            fail_msg("not refused: %s", what);                                                     \
    } while (0)
    MUTATE("magic", bad[0] = 'X');
    MUTATE("too short for the header", blen = 71);
    MUTATE("one entry more than the file holds", bad[48] = 5);
    MUTATE("arena one byte longer", put32le(bad + 60, (uint32_t)(len - arena + 1)));
    MUTATE("a huge count", put32le(bad + 52, 0xffffffffu));
    MUTATE("unsorted MA-L", bad[e0 + 12 + 2] = 0x00); /* 0c0b0c -> 000b0c, below 001122 */
    MUTATE("duplicate MA-L", memcpy(bad + e0 + 12, bad + e0, 8));
    MUTATE("MA-L prefix beyond 24 bits", bad[e0 + 3] = 1);
    MUTATE("MA-M prefix beyond 28 bits", bad[e0 + 4 * 12 + 3] = 0x10);
    MUTATE("offset outside the arena", put32le(bad + e0 + 8, (uint32_t)(len - arena)));
    MUTATE("offset inside a string", put32le(bad + e0 + 8, 1));
    MUTATE("arena without its final NUL", bad[len - 1] = 'x');
    MUTATE("a control character", bad[arena + 1] = '\t');
    MUTATE("DEL", bad[arena + 1] = 0x7f);
    MUTATE("an empty name", bad[arena] = '\0');
    MUTATE("a leading space", bad[arena] = ' ');
    MUTATE("a doubled space", (bad[arena + 4] = ' ', bad[arena + 5] = ' '));
    MUTATE("invalid UTF-8", bad[arena + 1] = (char)0xc3);
    MUTATE("a lone continuation byte", bad[arena + 1] = (char)0x80);
    MUTATE("entries but no arena", (put32le(bad + 60, 0), blen = arena));
    /* a name of VENDOR_MAX + 1 bytes */
    char *big = malloc(len + 200);
    assert_non_null(big);
    memcpy(big, good, arena);
    memset(big + arena, 'A', 121);
    big[arena + 121] = '\0';
    put32le(big + 60, 122);
    for (int i = 0; i < 6; i++)
        put32le(big + e0 + 12 * i + 8, 0);
    o = (void *)1;
    assert_int_equal(nw_oui_cache_decode(big, arena + 122, NULL, &o), AG_EINVAL);
    assert_null(o);
    big[arena + 120] = '\0'; /* 120 bytes and a spare NUL-terminated... no: one string each */
    put32le(big + 60, 121);
    assert_int_equal(nw_oui_cache_decode(big, arena + 121, NULL, &o), AG_OK);
    assert_int_equal(strlen(vendor(o, "00:11:22:00:00:00")), 120);
    nw_oui_free(o);
    free(big);
    free(bad);
    free(good);
}

static void set_mtime(const char *name, time_t t)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
    struct timespec ts[2] = {{t, 0}, {t, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static size_t count_cache_files(void)
{
    DIR *d = opendir(cachedir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, "oui-", 4) == 0;
    closedir(d);
    return n;
}

static void test_cache_csv_changed(void **state)
{
    (void)state;
    cache_teardown(NULL);
    cache_setup(NULL);
    small_registry();
    set_mtime("oui.csv", 1000000000);
    struct nw_oui_cache_note note;
    struct nw_oui *o = load_cached(tmpdir, &note);
    nw_oui_free(o);
    o = load_cached(tmpdir, &note);
    assert_true(note.hit);
    nw_oui_free(o);
    char first[80];
    memcpy(first, note.file, sizeof(first));
    /* the same size, another name, another mtime */
    char text[512];
    snprintf(text, sizeof(text), "%s", SMALL_OUI);
    memcpy(strstr(text, "Plain"), "Plein", 5);
    write_file("oui.csv", text);
    set_mtime("oui.csv", 1000000001);
    o = load_cached(tmpdir, &note);
    assert_true(note.stored && !note.hit && strcmp(note.file, first) != 0);
    assert_string_equal(vendor(o, "ac:bb:cc:01:02:03"), "Plein Co");
    nw_oui_free(o);
    /* an optional file appears */
    write_file("oui36.csv", HEADER "MA-S,ACBBCC123,Tiny Block,x\n");
    o = load_cached(tmpdir, &note);
    assert_true(note.stored && !note.hit);
    assert_string_equal(vendor(o, "ac:bb:cc:12:30:00"), "Tiny Block");
    nw_oui_free(o);
    o = load_cached(tmpdir, &note);
    assert_true(note.hit);
    assert_string_equal(vendor(o, "ac:bb:cc:12:30:00"), "Tiny Block");
    nw_oui_free(o);
    /* and goes */
    char path[128];
    snprintf(path, sizeof(path), "%s/oui36.csv", tmpdir);
    unlink(path);
    o = load_cached(tmpdir, &note); /* the key of before it came: that file again */
    assert_true(note.hit);
    assert_string_equal(vendor(o, "ac:bb:cc:12:30:00"), "Plein Co");
    nw_oui_free(o);
    /* old files are trimmed: at most 4 */
    for (int i = 0; i < 4; i++) {
        set_mtime("oui.csv", 1000000100 + i);
        o = load_cached(tmpdir, &note);
        assert_true(note.stored);
        nw_oui_free(o);
    }
    assert_int_equal(count_cache_files(), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_registry),
        cmocka_unit_test(test_handwritten),
        cmocka_unit_test(test_errors),
        cmocka_unit_test_setup_teardown(test_cache_real, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(test_cache_damaged, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(test_cache_not_private, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(test_cache_structure, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(test_cache_csv_changed, cache_setup, cache_teardown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
