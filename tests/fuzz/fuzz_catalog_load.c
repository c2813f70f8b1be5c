/*
 * fuzz_catalog_load.c — arbitrary bytes into the catalog loader (JSON parse + every validation
 * rule). When a document is accepted, it is also exported in every format and searched and
 * looked up with text taken from the input, so the code behind `catalog validate`, `show`,
 * `search` and `export` all sees hostile catalogs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct catalog *cat = NULL;
    struct ag_error err;
    if (catalog_load_buffer(&cat, (const char *)data, size, "fuzz.json", &err) != AG_OK) {
        /* every refusal carries a message naming the input */
        if (strncmp(err.msg, "fuzz.json", 9) != 0)
            abort();
        return 0;
    }
    struct strbuf sb;
    strbuf_init(&sb, 0);
    for (int f = CATALOG_FORMAT_JSON; f <= CATALOG_FORMAT_OSCAL; f++) {
        strbuf_reset(&sb);
        if (catalog_export(cat, (enum catalog_format)f, AG_LANG_EN, &sb, &err) != AG_OK)
            abort();
    }
    /* a query and a ref made of the first bytes of the input */
    char q[32];
    size_t n = size < sizeof(q) - 1 ? size : sizeof(q) - 1;
    memcpy(q, data, n);
    q[n] = '\0';
    const struct catalog_node **res;
    size_t count;
    if (catalog_search(cat, q, &res, &count) == AG_OK)
        free(res);
    (void)catalog_find(cat, q);
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *node = catalog_node_at(cat, i);
        if (catalog_find(cat, node->id) != node)
            abort();
        strbuf_reset(&sb);
        if (catalog_node_json(cat, node, &sb, &err) != AG_OK)
            abort();
    }
    strbuf_release(&sb);
    catalog_free(cat);
    return 0;
}
