/*
 * search.c — full-text search over the catalog, both languages. Terms are ANDed; matching is
 * by substring after folding full-width ASCII to ASCII and ASCII letters to lower case, so
 * "ＩＰｖ６", "ipv6" and "IPv6" find the same nodes. Japanese has no word boundaries, so
 * substring matching is the right unit here. The folded text of every node is built once at
 * load (catalog_build_search_index), so a query is only a scan: see bench/RESULTS.md.
 */
#include "catalog/catalog_int.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_MAX_TERMS 16

int catalog_build_search_index(struct catalog *cat)
{
    struct strbuf sb;
    strbuf_init(&sb, 0);
    cat->fold_off = calloc(cat->nnodes + 1, sizeof(*cat->fold_off));
    if (!cat->fold_off)
        return AG_ENOMEM;
    for (size_t i = 0; i < cat->nnodes; i++) {
        const struct catalog_node *n = &cat->nodes[i];
        const char *parts[] = {n->title.ja, n->title.en, n->text.ja, n->text.en, n->ref};
        cat->fold_off[i] = sb.len;
        for (size_t k = 0; k < AG_ARRAY_LEN(parts); k++) {
            ag_text_fold(&sb, parts[k], AG_FOLD_LOWER);
            strbuf_addc(&sb, '\n'); /* a term never matches across two fields */
        }
        strbuf_addc(&sb, '\0');
    }
    cat->folded = strbuf_take(&sb, NULL);
    return cat->folded ? AG_OK : AG_ENOMEM;
}

static bool node_matches(const char *hay, char **terms, size_t nterms)
{
    for (size_t t = 0; t < nterms; t++)
        if (!strstr(hay, terms[t]))
            return false;
    return true;
}

int catalog_search(const struct catalog *cat, const char *query, const struct catalog_node ***out,
                   size_t *count)
{
    int rc = AG_OK;
    char *terms[SEARCH_MAX_TERMS];
    size_t nterms = 0;
    struct strbuf q;
    strbuf_init(&q, 4096);
    *out = NULL;
    *count = 0;
    if (!cat->folded) { /* loaded with CATALOG_LOAD_NO_SEARCH */
        strbuf_release(&q);
        return AG_EINVAL;
    }

    ag_text_fold(&q, query, AG_FOLD_LOWER);
    if (!strbuf_ok(&q)) {
        rc = AG_EINVAL;
        goto out;
    }
    char *save = NULL;
    for (char *tok = strtok_r(q.buf ? q.buf : (char *)"", " \t\n", &save);
         tok && nterms < SEARCH_MAX_TERMS; tok = strtok_r(NULL, " \t\n", &save))
        terms[nterms++] = tok;
    if (nterms == 0) {
        rc = AG_EINVAL;
        goto out;
    }
    const struct catalog_node **res = calloc(cat->nnodes + 1, sizeof(*res));
    if (!res) {
        rc = AG_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < cat->nnodes; i++)
        if (node_matches(cat->folded + cat->fold_off[i], terms, nterms))
            res[(*count)++] = &cat->nodes[i];
    *out = res;
out:
    strbuf_release(&q);
    return rc;
}
