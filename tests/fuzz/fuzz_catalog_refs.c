/*
 * fuzz_catalog_refs.c — arbitrary bytes as the catalog's ref map that `logwatch run` keeps in
 * its cache folder (catalog_refs_parse): the input's first 64 bytes name the catalog it must be
 * for; an accepted map is looked up with refs cut from the input. A refusal is fine; a crash,
 * a leak or a look-up answering something that is not a string is not.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char sha[65] = "bc5ee2ae1027dad6c1798e6254fd72dbd6f4af22f4c0e7cd425a3bcba68ab534";
    struct catalog_refs *r = NULL;
    if (catalog_refs_parse((const char *)data, size, sha, &r) != AG_OK) {
        if (r)
            abort();
        return 0;
    }
    char ref[32];
    for (size_t at = 0; at < size; at += 7) {
        size_t n = size - at < sizeof(ref) - 1 ? size - at : sizeof(ref) - 1;
        memcpy(ref, data + at, n);
        ref[n] = '\0';
        const char *id = catalog_refs_find(r, ref);
        if (id && strlen(id) > size)
            abort(); /* an id comes from the input */
    }
    (void)catalog_refs_find(r, "3.1.5.1(2)(e)");
    catalog_refs_free(r);
    return 0;
}
