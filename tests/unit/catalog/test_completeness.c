/*
 * test_completeness.c — the catalog holds the whole of chapter 3, proved against the guideline
 * text itself (../shared/guideline/mlit-airport-guideline-2nd-ed.ja.txt), independently of the
 * tool that extracted the catalog:
 *   - there are 67 【対策項目】 blocks, and every line of every block occurs (after normalising
 *     white space, bullet markers and full-width characters) in a measure, example or note;
 *   - every bullet line of chapter 3 occurs in a measure or example;
 *   - every other line of chapter 3 (headings, purposes, guidance) occurs in some node's title
 *     or text.
 * Lines the catalog corrected (extraction artefacts) are listed in tests/data/guideline-errata.tsv
 * as "line<TAB>as printed<TAB>as corrected"; the correction is applied to the source line before
 * matching, and the test checks that some node's note mentions it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog/catalog.h"

#define GUIDELINE "guideline/mlit-airport-guideline-2nd-ed.ja.txt"

struct erratum {
    long line;
    char *printed, *corrected;
};

static struct erratum errata[64];
static size_t nerrata;

/* Normalised form used on both sides: full-width ASCII folded, white space dropped, and the
 * bullet marks "・", "-", "－" dropped (they are layout, not content). */
static char *norm(const char *s)
{
    struct strbuf a, b;
    strbuf_init(&a, 0);
    strbuf_init(&b, 0);
    ag_text_fold(&a, s, AG_FOLD_DROP_SPACE);
    for (const char *p = strbuf_str(&a); *p;) {
        if (strncmp(p, "・", 3) == 0 || strncmp(p, "－", 3) == 0) {
            p += 3;
            continue;
        }
        if (*p == '-') {
            p++;
            continue;
        }
        strbuf_addc(&b, *p++);
    }
    strbuf_release(&a);
    return strbuf_take(&b, NULL);
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *skip_spaces(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t')
            s++;
        else if (starts(s, "\xE3\x80\x80"))
            s += 3;
        else
            return s;
    }
}

/* A heading of chapter 3: "3.1.2.1 …", "(1) …", "(a) …" (block-ending numbering). */
static bool is_heading(const char *s)
{
    if (s[0] == '3' && s[1] == '.')
        return true;
    if (s[0] == '(' && ((s[1] >= '0' && s[1] <= '9') || (s[1] >= 'a' && s[1] <= 'z')) &&
        (s[2] == ')' || (s[2] >= '0' && s[2] <= '9' && s[3] == ')')))
        return true;
    return false;
}

static bool is_bullet(const char *s)
{
    return starts(s, "・") || starts(s, "－") || s[0] == '-';
}

static bool is_marker(const char *s)
{
    size_t n = strlen(s);
    if (starts(s, "【") && n >= 3 && strcmp(s + n - 3, "】") == 0)
        return true;
    return (starts(s, "<") || starts(s, "＜") || starts(s, "〈")) && strstr(s, "具体例");
}

static bool is_circled(const char *p)
{
    return (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x91 &&
           (unsigned char)p[2] >= 0xA0 && (unsigned char)p[2] <= 0xB3;
}

/* Drops leading numbering ("3.1.2.1", "(1)", "(a)", "①", "(ア)") from a heading line. */
static const char *strip_numbering(const char *s)
{
    const char *p = s;
    if (p[0] >= '0' && p[0] <= '9') {
        while ((*p >= '0' && *p <= '9') || *p == '.')
            p++;
        return skip_spaces(p);
    }
    if (p[0] == '(') {
        const char *close = strchr(p, ')');
        if (close && close - p <= 5)
            return skip_spaces(close + 1);
    }
    /* circled numbers ①..⑳ are U+2460..U+2473: E2 91 A0..B3 */
    if (is_circled(p))
        return skip_spaces(p + 3);
    return s;
}

/* "＜外部委託の例＞": a label line; its words are the title of the list that follows. */
static char *strip_label(char *s)
{
    size_t n = strlen(s);
    if (starts(s, "＜") && n > 6 && strcmp(s + n - 3, "＞") == 0) {
        s[n - 3] = '\0';
        return s + 3;
    }
    return s;
}

/* The content of a bullet line: markers, then "(ア)" or "a)" enumerations, dropped. */
static const char *strip_bullet(const char *s)
{
    for (;;) {
        s = skip_spaces(s);
        if (starts(s, "・") || starts(s, "－"))
            s += 3;
        else if (*s == '-')
            s++;
        else
            break;
    }
    s = strip_numbering(s);
    if (s[0] >= 'a' && s[0] <= 'z' && s[1] == ')')
        s = skip_spaces(s + 2);
    return s;
}

static void load_errata(void)
{
    char path[4096], *buf;
    size_t len;
    struct ag_error err;
    const char *dir = getenv("AG_TEST_DATA");
    snprintf(path, sizeof(path), "%s/guideline-errata.tsv", dir ? dir : "tests/data");
    if (ag_file_read(path, 1 << 20, &buf, &len, &err) != AG_OK)
        fail_msg("%s", err.msg);
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0])
            continue;
        char *t1 = strchr(line, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || nerrata >= AG_ARRAY_LEN(errata))
            fail_msg("guideline-errata.tsv: malformed line \"%s\"", line);
        *t1 = *t2 = '\0';
        errata[nerrata].line = strtol(line, NULL, 10);
        errata[nerrata].printed = strdup(t1 + 1);
        errata[nerrata].corrected = strdup(t2 + 1);
        nerrata++;
    }
    free(buf);
}

/* Applies the errata of line `lineno` to text (caller frees the result). */
static char *apply_errata(long lineno, const char *text)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    strbuf_adds(&sb, text);
    for (size_t i = 0; i < nerrata; i++) {
        if (errata[i].line != lineno)
            continue;
        const char *cur = strbuf_str(&sb), *hit = strstr(cur, errata[i].printed);
        if (!hit)
            fail_msg("errata line %ld: \"%s\" not in the source line", lineno, errata[i].printed);
        struct strbuf nb;
        strbuf_init(&nb, 0);
        strbuf_add(&nb, cur, (size_t)(hit - cur));
        strbuf_adds(&nb, errata[i].corrected);
        strbuf_adds(&nb, hit + strlen(errata[i].printed));
        strbuf_release(&sb);
        sb = nb;
    }
    return strbuf_take(&sb, NULL);
}

/* needle occurs in hay, or each of its sentences does (a paragraph the catalog split into one
 * measure per responsible subject, e.g. 3.1.2.4(4)②). */
static bool found(const char *hay, const char *needle)
{
    if (strstr(hay, needle))
        return true;
    const char *p = needle, *end;
    int sentences = 0;
    while (*p && (end = strstr(p, "。"))) {
        char *sent = strndup(p, (size_t)(end + 3 - p));
        bool ok = sent && strstr(hay, sent);
        free(sent);
        if (!ok)
            return false;
        sentences++;
        p = end + 3;
    }
    return sentences > 1 && (!*p || strstr(hay, p));
}

static void add_hay(struct strbuf *hay, const char *s)
{
    char *n = norm(s);
    strbuf_adds(hay, n);
    strbuf_addc(hay, '\x01'); /* no match may span two nodes */
    free(n);
}

static void test_chapter3_is_complete(void **state)
{
    struct catalog *cat;
    struct ag_error err;
    char path[4096], *text;
    size_t len;
    const char *shared = getenv("AG_SHARED_DIR");
    snprintf(path, sizeof(path), "%s/%s", shared ? shared : "../shared", GUIDELINE);
    if (ag_file_read(path, 16 << 20, &text, &len, &err) != AG_OK)
        fail_msg("%s", err.msg);
    if (catalog_load_default(&cat, &err) != AG_OK)
        fail_msg("%s", err.msg);
    load_errata();

    struct strbuf all, obligations, bullets;
    strbuf_init(&all, 0);
    strbuf_init(&obligations, 0);
    strbuf_init(&bullets, 0);
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        add_hay(&all, n->title.ja);
        add_hay(&all, n->text.ja);
        if (n->kind == CATALOG_KIND_MEASURE || n->kind == CATALOG_KIND_EXAMPLE ||
            n->kind == CATALOG_KIND_NOTE) {
            add_hay(&obligations, n->text.ja);
            add_hay(&obligations, n->title.ja);
        }
        if (n->kind == CATALOG_KIND_MEASURE || n->kind == CATALOG_KIND_EXAMPLE)
            add_hay(&bullets, n->text.ja);
    }

    int blocks = 0, bullet_lines = 0, block_lines = 0, misses = 0;
    bool in_ch3 = false, in_block = false;
    long lineno = 0;
    char *save = NULL;
    /* strtok_r would merge blank lines and lose the numbering: split by hand */
    for (char *line = text; line; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        lineno++;
        const char *s = skip_spaces(line);
        if (strcmp(s, "3. 推奨される対策項目") == 0) {
            in_ch3 = true;
            continue;
        }
        if (strcmp(s, "4. 参考文献") == 0)
            break;
        if (!in_ch3 || !*s)
            continue;
        if (strcmp(s, "【対策項目】") == 0) {
            blocks++;
            in_block = true;
            continue;
        }
        if (is_marker(s)) {
            if (starts(s, "【"))
                in_block = false;
            continue;
        }
        if (is_heading(s))
            in_block = false;

        char *fixed = apply_errata(lineno, s);
        bool bullet = is_bullet(s);
        /* "①組織・体制の確立": a sub-heading inside a block, held as a section title */
        bool subheading = is_circled(s) && !strstr(s, "。");
        const char *content = bullet ? strip_bullet(fixed) : strip_numbering(strip_label(fixed));
        char *needle = norm(content);
        const char *hay = strbuf_str(&all);
        const char *where = "any node";
        if (in_block && !is_heading(s) && !subheading) {
            block_lines++;
            hay = strbuf_str(&obligations);
            where = "a measure, example or note";
        }
        if (bullet) {
            bullet_lines++;
            hay = in_block ? strbuf_str(&obligations) : strbuf_str(&bullets);
            where = in_block ? "a measure, example or note" : "a measure or example";
        }
        if (*needle && !found(hay, needle)) {
            if (misses < 100)
                print_message("line %ld not found in %s: %s\n", lineno, where, s);
            misses++;
        }
        free(needle);
        free(fixed);
    }
    print_message("chapter 3: %d 【対策項目】 blocks (%d lines), %d bullet lines, %d missing\n",
                  blocks, block_lines, bullet_lines, misses);
    assert_int_equal(blocks, 67);
    assert_true(bullet_lines > 300);
    assert_int_equal(misses, 0);

    /* every correction is documented on the node that carries it */
    for (size_t i = 0; i < nerrata; i++) {
        char *c = norm(errata[i].corrected);
        bool documented = false;
        for (size_t k = 0; k < catalog_node_count(cat) && !documented; k++) {
            const struct catalog_node *n = catalog_node_at(cat, k);
            char *t = norm(n->text.ja);
            documented = n->note.ja[0] && strstr(t, c);
            free(t);
        }
        if (!documented)
            fail_msg("erratum of line %ld (\"%s\") has no node with that text and a note",
                     errata[i].line, errata[i].corrected);
        free(c);
        free(errata[i].printed);
        free(errata[i].corrected);
    }
    strbuf_release(&all);
    strbuf_release(&obligations);
    strbuf_release(&bullets);
    free(text);
    catalog_free(cat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chapter3_is_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
