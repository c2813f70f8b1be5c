/*
 * fuzz_vuln_import.c — arbitrary bytes as an advisory file (src/isms/vuln_import.c: CSAF 2.0,
 * CVE JSON 5, NVD API 2.0, recognised by content) and, by the first byte, as the pieces the
 * matching uses (src/isms/vuln_version.c):
 *   first byte % 4 == 0..1: the rest is an advisory file for vuln_doc_parse;
 *   == 2: the rest is "RANGE\nVERSION": vuln_range_parse, vuln_range_contains, vuln_range_text;
 *   == 3: the rest is "A\nB": vuln_version_cmp both ways, vuln_product_match.
 * Properties checked: a refusal has a message naming the file; a parsed document has at least
 * one entry, each with an ident, a title, a severity of the list and every product with a
 * status of the three and a vendor and product of at most 200 bytes; a refused document leaves
 * nothing behind; version comparison is antisymmetric (a < b exactly when b > a); a parsed
 * range printed and parsed again is the same range; nothing leaks (ASan/LSan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "isms/vuln.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_doc(const char *text, size_t n)
{
    struct vuln_doc d;
    struct ag_error err;
    ag_error_clear(&err);
    int rc = vuln_doc_parse("fuzz.json", text, n, &d, &err);
    if (rc) {
        if (strncmp(err.msg, "fuzz.json: ", 11) != 0 && rc != AG_ENOMEM)
            abort();
        if (d.count || d.entries)
            abort();
        return;
    }
    if (!d.count || !d.format)
        abort();
    for (size_t i = 0; i < d.count; i++) {
        const struct vuln_entry *e = &d.entries[i];
        bool sev = false;
        for (size_t k = 0; vuln_severities[k]; k++)
            sev |= !strcmp(vuln_severities[k], e->severity);
        if (!e->ident || !*e->ident || !e->title || !sev || e->score > 10)
            abort();
        for (size_t k = 0; k < e->nproducts; k++) {
            const struct vuln_product *p = &e->products[k];
            if (strcmp(p->status, "affected") && strcmp(p->status, "unaffected") &&
                strcmp(p->status, "unknown"))
                abort();
            if (strlen(p->vendor) > 200 || strlen(p->product) > 200)
                abort();
        }
    }
    vuln_doc_release(&d);
}

static bool same_range(const struct vuln_range *a, const struct vuln_range *b)
{
    return !strcmp(a->exact, b->exact) && !strcmp(a->min, b->min) && !strcmp(a->max, b->max) &&
           (!a->min[0] || a->min_incl == b->min_incl) && (!a->max[0] || a->max_incl == b->max_incl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1 << 20))
        return 0;
    unsigned mode = data[0] % 4;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    if (mode < 2) {
        check_doc(text, size - 1);
        free(text);
        return 0;
    }
    if (strlen(text) != size - 1) { /* the text functions take C strings */
        free(text);
        return 0;
    }
    char *nl = strchr(text, '\n');
    const char *b = "";
    if (nl) {
        *nl = '\0';
        b = nl + 1;
    }
    if (mode == 2) {
        struct vuln_range r, r2;
        struct ag_error err;
        if (vuln_range_parse("range", text, &r, &err) == AG_OK) {
            char printed[3 * VULN_VERSION_MAX + 16];
            enum vuln_in in = vuln_range_contains(&r, b);
            if (in != VULN_IN && in != VULN_OUT && in != VULN_MAYBE)
                abort();
            vuln_range_text(&r, printed, sizeof(printed));
            if (vuln_range_parse("range", printed, &r2, &err) == AG_OK && !same_range(&r, &r2) &&
                !strchr(printed, ' ')) /* a version with blanks may split differently */
                abort();
        } else if (!err.msg[0]) {
            abort();
        }
    } else {
        enum vuln_cmp ab = vuln_version_cmp(text, b), ba = vuln_version_cmp(b, text);
        if ((ab == VULN_LT) != (ba == VULN_GT) || (ab == VULN_EQ) != (ba == VULN_EQ) ||
            (ab == VULN_UNDECIDED) != (ba == VULN_UNDECIDED))
            abort();
        if (vuln_version_cmp(text, text) == VULN_LT)
            abort();
        (void)vuln_product_match(text, b, b, text);
    }
    free(text);
    return 0;
}
