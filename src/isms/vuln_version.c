/*
 * vuln_version.c — version comparison, version ranges and product-name matching for the
 * vulnerability matching of vuln.c (rules in vuln.h and docs/isms/vulns.md "Version rules").
 * Pure functions on NUL-terminated strings: no allocation, no store; any thread.
 * Invariant: a comparison that the rules cannot decide says so (VULN_UNDECIDED) instead of
 * guessing, so a doubtful case is shown to a person ("to check") rather than silently dropped.
 */
#include "isms/vuln.h"

#include <ctype.h>
#include <strings.h>

#define VTOK_MAX 32

enum vkind { VK_END, VK_NUM, VK_PRE, VK_POST, VK_LETTER, VK_WORD };

struct vtok {
    enum vkind kind;
    const char *p; /* numbers: digits without leading zeros; words: lower-cased copy */
    size_t n;
    int rank; /* VK_PRE: order; VK_POST: synonym group; VK_LETTER: the letter */
};

struct vtoks {
    struct vtok t[VTOK_MAX];
    size_t n;
    char words[VULN_VERSION_MAX * 2];
    bool undecidable;
};

static const struct {
    const char *word;
    enum vkind kind;
    int rank;
} vwords[] = {
    {"dev", VK_PRE, 0},     {"snapshot", VK_PRE, 0}, {"alpha", VK_PRE, 1},
    {"a", VK_PRE, 1},       {"beta", VK_PRE, 2},     {"b", VK_PRE, 2},
    {"pre", VK_PRE, 3},     {"preview", VK_PRE, 3},  {"rc", VK_PRE, 4},
    {"cr", VK_PRE, 4},      {"sp", VK_POST, 1},      {"servicepack", VK_POST, 1},
    {"update", VK_POST, 2}, {"upd", VK_POST, 2},     {"u", VK_POST, 2},
    {"patch", VK_POST, 3},  {"p", VK_POST, 3},       {"pl", VK_POST, 3},
    {"hotfix", VK_POST, 4}, {"hf", VK_POST, 4},      {"build", VK_POST, 5},
    {"r", VK_POST, 6},      {"rev", VK_POST, 6},     {"revision", VK_POST, 6},
};

/* Words that mean "the release itself" and are skipped: "4.5 final" = "4.5". */
static bool release_word(const char *w, size_t n)
{
    static const char *const words[] = {"final", "ga", "release", "stable", "rtm"};
    for (size_t i = 0; i < AG_ARRAY_LEN(words); i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return true;
    return false;
}

static void tokenize(const char *s, struct vtoks *v)
{
    memset(v, 0, sizeof(*v));
    size_t len = strlen(s), wused = 0;
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if ((len >= 2 && (s[0] == 'v' || s[0] == 'V') && isdigit((unsigned char)s[1])))
        s++, len--;
    if (!len || !isdigit((unsigned char)s[0]) || memchr(s, ':', len) || memchr(s, '~', len)) {
        v->undecidable = true;
        return;
    }
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) {
            size_t j = i;
            while (j < len && isdigit((unsigned char)s[j]))
                j++;
            size_t k = i;
            while (k + 1 < j && s[k] == '0')
                k++;
            if (v->n == VTOK_MAX) {
                v->undecidable = true;
                return;
            }
            v->t[v->n++] = (struct vtok){VK_NUM, s + k, j - k, 0};
            i = j;
        } else if (isalpha(c) || c >= 0x80) {
            size_t j = i;
            while (j < len && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80))
                j++;
            size_t n = j - i;
            if (wused + n + 1 > sizeof(v->words) || v->n == VTOK_MAX) {
                v->undecidable = true;
                return;
            }
            char *w = v->words + wused;
            for (size_t k = 0; k < n; k++)
                w[k] = (char)tolower((unsigned char)s[i + k]);
            w[n] = '\0';
            wused += n + 1;
            bool glued = i > 0 && isdigit((unsigned char)s[i - 1]);
            if (release_word(w, n)) {
                i = j;
                continue;
            }
            struct vtok t = {VK_WORD, w, n, 0};
            if (n == 1 && glued && j == len && isalpha((unsigned char)w[0])) {
                t.kind = VK_LETTER; /* "1.1.1w": a letter revision */
                t.rank = w[0];
            } else {
                for (size_t k = 0; k < AG_ARRAY_LEN(vwords); k++)
                    if (strcmp(vwords[k].word, w) == 0) {
                        t.kind = vwords[k].kind;
                        t.rank = vwords[k].rank;
                        break;
                    }
            }
            v->t[v->n++] = t;
            i = j;
        } else {
            i++; /* a separator */
        }
    }
}

static int num_cmp(const struct vtok *a, const struct vtok *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    int c = memcmp(a->p, b->p, a->n);
    return c < 0 ? -1 : c > 0;
}

static bool is_zero(const struct vtok *t)
{
    return t->kind == VK_NUM && t->n == 1 && t->p[0] == '0';
}

/* The order of two token kinds when they differ, from a's side: -1, 1, or 2 = undecided. */
static int kind_order(const struct vtok *a, const struct vtok *b)
{
    /* END < LETTER? no: END < POST and END < LETTER; PRE < END; NUM > PRE. */
    enum vkind x = a->kind, y = b->kind;
    if (x == VK_WORD || y == VK_WORD)
        return 2;
    if (x == VK_NUM && y == VK_END)
        return is_zero(a) ? 0 : 1;
    if (x == VK_END && y == VK_NUM)
        return is_zero(b) ? 0 : -1;
    if (x == VK_PRE)
        return -1; /* before a number, the end, a post-release word and a letter */
    if (y == VK_PRE)
        return 1;
    if (x == VK_END)
        return -1; /* the release before its post-release words and letters */
    if (y == VK_END)
        return 1;
    return 2; /* a number against a post-release word or letter, a post word against a letter */
}

enum vuln_cmp vuln_version_cmp(const char *a, const char *b)
{
    if (!a || !b)
        return VULN_UNDECIDED;
    /* the same text (ignoring case and surrounding blanks) is the same version */
    const char *x = a, *y = b;
    while (isspace((unsigned char)*x))
        x++;
    while (isspace((unsigned char)*y))
        y++;
    size_t nx = strlen(x), ny = strlen(y);
    while (nx && isspace((unsigned char)x[nx - 1]))
        nx--;
    while (ny && isspace((unsigned char)y[ny - 1]))
        ny--;
    if (nx == ny) {
        size_t k = 0;
        while (k < nx && tolower((unsigned char)x[k]) == tolower((unsigned char)y[k]))
            k++;
        if (k == nx)
            return VULN_EQ;
    }
    struct vtoks *ta = malloc(sizeof(*ta)), *tb = malloc(sizeof(*tb));
    enum vuln_cmp r = VULN_UNDECIDED;
    if (!ta || !tb)
        goto out;
    tokenize(a, ta);
    tokenize(b, tb);
    if (ta->undecidable || tb->undecidable)
        goto out;
    for (size_t i = 0;; i++) {
        struct vtok end = {VK_END, "", 0, 0};
        const struct vtok *p = i < ta->n ? &ta->t[i] : &end;
        const struct vtok *q = i < tb->n ? &tb->t[i] : &end;
        if (p->kind == VK_END && q->kind == VK_END) {
            r = VULN_EQ;
            goto out;
        }
        int c;
        if (p->kind == q->kind) {
            switch (p->kind) {
            case VK_NUM:
                c = num_cmp(p, q);
                break;
            case VK_PRE:
            case VK_LETTER:
                c = p->rank < q->rank ? -1 : p->rank > q->rank;
                break;
            case VK_POST:
                c = p->rank == q->rank ? 0 : 2;
                break;
            default: /* two words: the same word is the same */
                c = p->n == q->n && memcmp(p->p, q->p, p->n) == 0 ? 0 : 2;
                break;
            }
        } else {
            c = kind_order(p, q);
        }
        if (c == 2)
            goto out;
        if (c) {
            r = c < 0 ? VULN_LT : VULN_GT;
            goto out;
        }
    }
out:
    free(ta);
    free(tb);
    return r;
}

/* ---- ranges ---- */

enum vuln_in vuln_range_contains(const struct vuln_range *r, const char *version)
{
    bool maybe = false;
    if (r->exact[0]) {
        enum vuln_cmp c = vuln_version_cmp(version, r->exact);
        return c == VULN_EQ ? VULN_IN : c == VULN_UNDECIDED ? VULN_MAYBE : VULN_OUT;
    }
    if (r->min[0]) {
        enum vuln_cmp c = vuln_version_cmp(version, r->min);
        if (c == VULN_UNDECIDED)
            maybe = true;
        else if (c == VULN_LT || (c == VULN_EQ && !r->min_incl))
            return VULN_OUT;
    }
    if (r->max[0]) {
        enum vuln_cmp c = vuln_version_cmp(version, r->max);
        if (c == VULN_UNDECIDED)
            maybe = true;
        else if (c == VULN_GT || (c == VULN_EQ && !r->max_incl))
            return VULN_OUT;
    }
    return maybe ? VULN_MAYBE : VULN_IN;
}

static int set_bound(const char *field, const char *expr, char *dst, const char *v, size_t n,
                     struct ag_error *err)
{
    while (n && isspace((unsigned char)*v))
        v++, n--;
    while (n && isspace((unsigned char)v[n - 1]))
        n--;
    if (!n)
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": a comparison without a version", field,
                            expr);
    if (n == 1 && *v == '*') /* "=*", "= *", ">=*" would print as "*" (found by fuzz_vuln_import) */
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": \"*\" stands alone, without an operator",
                            field, expr);
    if (n >= VULN_VERSION_MAX)
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": a version longer than %d bytes", field,
                            expr, VULN_VERSION_MAX - 1);
    if (dst[0])
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": the same bound is given twice", field,
                            expr);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || strchr("<>=|,", v[i]))
            return ag_error_set(err, AG_EINVAL, "%s: \"%s\": not a version range", field, expr);
    if (n >= 5 && memcmp(v, "vers:", 5) == 0) /* would be read as a second prefix */
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": \"vers:\" given twice", field, expr);
    memcpy(dst, v, n);
    dst[n] = '\0';
    return AG_OK;
}

/* One constraint "op version" of s[0..n). */
static int constraint(const char *field, const char *expr, const char *s, size_t n,
                      struct vuln_range *r, struct ag_error *err)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (n == 1 && s[0] == '*')
        return AG_OK;
    if (n >= 2 && s[0] == '!' && s[1] == '=')
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": \"!=\" is not supported", field, expr);
    if (n >= 2 && (s[0] == '<' || s[0] == '>') && s[1] == '=') {
        bool lo = s[0] == '>';
        int rc = set_bound(field, expr, lo ? r->min : r->max, s + 2, n - 2, err);
        if (lo)
            r->min_incl = true;
        else
            r->max_incl = true;
        return rc;
    }
    if (n >= 1 && (s[0] == '<' || s[0] == '>')) {
        bool lo = s[0] == '>';
        int rc = set_bound(field, expr, lo ? r->min : r->max, s + 1, n - 1, err);
        if (lo)
            r->min_incl = false;
        else
            r->max_incl = false;
        return rc;
    }
    if (n >= 1 && s[0] == '=')
        s++, n--;
    int rc = set_bound(field, expr, r->exact, s, n, err);
    if (!rc && strcasecmp(r->exact, "all") == 0) /* "=all" would print as "all": every version */
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": \"all\" stands alone", field, expr);
    return rc;
}

int vuln_range_parse(const char *field, const char *expr, struct vuln_range *out,
                     struct ag_error *err)
{
    memset(out, 0, sizeof(*out));
    out->min_incl = true;
    if (!expr)
        return ag_error_set(err, AG_EINVAL, "%s: a version range is needed", field);
    const char *s = expr;
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return ag_error_set(err, AG_EINVAL, "%s: a version range is needed", field);
    if (strlen(s) > 400)
        return ag_error_set(err, AG_EINVAL, "%s: the version range is longer than 400 bytes",
                            field);
    if (strncmp(s, "vers:", 5) == 0) {
        const char *slash = strchr(s + 5, '/');
        bool typed = slash && slash > s + 5;
        for (const char *t = s + 5; typed && t < slash; t++)
            typed = isalnum((unsigned char)*t) || strchr(".+-", *t);
        if (!typed)
            return ag_error_set(err, AG_EINVAL, "%s: \"%s\": a vers range is vers:TYPE/CONSTRAINTS",
                                field, expr);
        s = slash + 1;
    }
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len == 3 && strncasecmp(s, "all", 3) == 0) /* "all " too (found by fuzz_vuln_import) */
        return AG_OK;
    /* pieces separated by ',' or '|', or by blanks before an operator */
    const char *p = s;
    while (*p) {
        const char *q = p;
        while (*q && *q != ',' && *q != '|') {
            if (q > p && isspace((unsigned char)*q)) {
                const char *t = q;
                while (isspace((unsigned char)*t))
                    t++;
                if (*t == '<' || *t == '>' || (*t == '=' && t[1] != '=') || *t == '!')
                    break;
            }
            q++;
        }
        int rc = constraint(field, expr, p, (size_t)(q - p), out, err);
        if (rc)
            return rc;
        p = *q ? q + 1 : q;
    }
    if (out->exact[0] && (out->min[0] || out->max[0]))
        return ag_error_set(err, AG_EINVAL, "%s: \"%s\": one version and a range at once", field,
                            expr);
    if (out->min[0] && out->max[0]) {
        enum vuln_cmp c = vuln_version_cmp(out->min, out->max);
        if (c == VULN_GT || (c == VULN_EQ && !(out->min_incl && out->max_incl)))
            return ag_error_set(err, AG_EINVAL, "%s: \"%s\": the range is empty", field, expr);
    }
    return AG_OK;
}

void vuln_range_text(const struct vuln_range *r, char *out, size_t cap)
{
    if (r->exact[0])
        snprintf(out, cap, "%s", r->exact);
    else if (r->min[0] && r->max[0])
        snprintf(out, cap, "%s%s %s%s", r->min_incl ? ">=" : ">", r->min, r->max_incl ? "<=" : "<",
                 r->max);
    else if (r->min[0])
        snprintf(out, cap, "%s%s", r->min_incl ? ">=" : ">", r->min);
    else if (r->max[0])
        snprintf(out, cap, "%s%s", r->max_incl ? "<=" : "<", r->max);
    else
        snprintf(out, cap, "*");
}

/* ---- names ---- */

#define NAME_WORDS 24
struct words {
    char buf[512];
    const char *w[NAME_WORDS];
    size_t n;
};

static void split_words(const char *s, struct words *out)
{
    struct strbuf sb;
    strbuf_init(&sb, 1024);
    ag_text_fold(&sb, s ? s : "", AG_FOLD_LOWER);
    const char *f = strbuf_str(&sb);
    size_t used = 0;
    out->n = 0;
    for (size_t i = 0; f[i] && out->n < NAME_WORDS;) {
        unsigned char c = (unsigned char)f[i];
        if (!(isalnum(c) || c >= 0x80)) {
            i++;
            continue;
        }
        size_t j = i;
        while (f[j] && (isalnum((unsigned char)f[j]) || (unsigned char)f[j] >= 0x80))
            j++;
        if (used + (j - i) + 1 > sizeof(out->buf))
            break;
        memcpy(out->buf + used, f + i, j - i);
        out->buf[used + (j - i)] = '\0';
        out->w[out->n++] = out->buf + used;
        used += j - i + 1;
        i = j;
    }
    strbuf_release(&sb);
}

static bool legal_form(const char *w)
{
    static const char *const forms[] = {
        "ag",      "inc",  "incorporated", "corp", "corporation", "co",  "company",  "ltd",
        "limited", "gmbh", "kk",           "llc",  "plc",         "sa",  "se",       "nv",
        "bv",      "oy",   "ab",           "srl",  "spa",         "pty", "株式会社", "有限会社"};
    for (size_t i = 0; i < AG_ARRAY_LEN(forms); i++)
        if (strcmp(w, forms[i]) == 0)
            return true;
    return false;
}

static void vendor_words(const char *s, struct words *v)
{
    split_words(s, v);
    while (v->n > 1 && legal_form(v->w[v->n - 1]))
        v->n--;
    size_t k = 0;
    while (k + 1 < v->n && legal_form(v->w[k]))
        k++;
    if (k) {
        memmove(v->w, v->w + k, (v->n - k) * sizeof(v->w[0]));
        v->n -= k;
    }
}

/* Whether the words of a and b joined are the same text ("S7-1200" = "S7 1200"). */
static bool joined_equal(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    size_t i = 0, j = 0, pi = 0, pj = 0;
    for (;;) {
        while (i < na && !a[i][pi])
            i++, pi = 0;
        while (j < nb && !b[j][pj])
            j++, pj = 0;
        if (i == na || j == nb)
            return i == na && j == nb;
        if (a[i][pi] != b[j][pj])
            return false;
        pi++, pj++;
    }
}

enum vuln_name vuln_product_match(const char *vendor_a, const char *product_a, const char *vendor_b,
                                  const char *product_b)
{
    struct words *w = malloc(4 * sizeof(*w));
    enum vuln_name r = VULN_NAME_NO;
    if (!w)
        return r;
    struct words *va = &w[0], *vb = &w[1], *pa = &w[2], *pb = &w[3];
    vendor_words(vendor_a, va);
    vendor_words(vendor_b, vb);
    if (!va->n || !joined_equal(va->w, va->n, vb->w, vb->n))
        goto out;
    split_words(product_a, pa);
    split_words(product_b, pb);
    /* a product named with its vendor first ("Siemens SIMATIC …") is the same product */
    const char *const *a = pa->w, *const *b = pb->w;
    size_t na = pa->n, nb = pb->n;
    if (na > va->n && joined_equal(a, va->n, va->w, va->n))
        a += va->n, na -= va->n;
    if (nb > vb->n && joined_equal(b, vb->n, vb->w, vb->n))
        b += vb->n, nb -= vb->n;
    if (!na || !nb)
        goto out;
    if (joined_equal(a, na, b, nb)) {
        r = VULN_NAME_SAME;
        goto out;
    }
    size_t k = na < nb ? na : nb, chars = 0;
    for (size_t i = 0; i < k; i++) {
        if (strcmp(a[i], b[i]) != 0)
            goto out;
        chars += strlen(a[i]);
    }
    if (chars >= 3)
        r = VULN_NAME_PREFIX;
out:
    free(w);
    return r;
}
