/*
 * search.c — full-text search over the catalog, both languages. Terms are ANDed; matching is
 * by substring after folding full-width ASCII to ASCII and ASCII letters to lower case, so
 * "ＩＰｖ６", "ipv6" and "IPv6" find the same nodes. Japanese has no word boundaries, so
 * substring matching is the right unit here. A few thousand nodes are scanned per query
 * (well under a millisecond per query on the default catalog).
 */
#include "catalog/catalog_int.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_MAX_TERMS 16

static bool node_matches(const struct catalog_node *n, char **terms, size_t nterms,
                         struct strbuf *hay)
{
    strbuf_reset(hay);
    const char *parts[] = {n->title.ja, n->title.en, n->text.ja, n->text.en, n->ref};
    for (size_t i = 0; i < AG_ARRAY_LEN(parts); i++) {
        ag_text_fold(hay, parts[i], AG_FOLD_LOWER);
        strbuf_addc(hay, '\n');
    }
    if (!strbuf_ok(hay))
        return false;
    for (size_t t = 0; t < nterms; t++)
        if (!strstr(strbuf_str(hay), terms[t]))
            return false;
    return true;
}

int catalog_search(const struct catalog *cat, const char *query, const struct catalog_node ***out,
                   size_t *count)
{
    int rc = AG_OK;
    char *terms[SEARCH_MAX_TERMS];
    size_t nterms = 0;
    struct strbuf q, hay;
    strbuf_init(&q, 4096);
    strbuf_init(&hay, 0);
    *out = NULL;
    *count = 0;

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
        if (node_matches(&cat->nodes[i], terms, nterms, &hay))
            res[(*count)++] = &cat->nodes[i];
    *out = res;
out:
    strbuf_release(&q);
    strbuf_release(&hay);
    return rc;
}
