/*
 * fuzz_netwatch_oui_cache.c — arbitrary bytes as a cached IEEE registry (oui-<key>.bin) read by
 * nw_oui_cache_decode without the key and checksum, so the structural checks are what stands:
 * the lengths in the header, sorted tables, prefixes within their bits, offsets at the start of
 * an arena string, the names' invariants. An accepted file is looked up with MACs taken from the
 * input (every vendor valid UTF-8 without control characters, at most 120 bytes) and encodes
 * back to exactly the same bytes; a refusal leaves no registry.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "netwatch/netwatch_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_vendor(const char *v)
{
    if (!v)
        return;
    size_t n = strlen(v);
    if (n == 0 || n > 120 || v[0] == ' ' || v[n - 1] == ' ')
        abort();
    json_t *s = json_string(v); /* jansson accepts only valid UTF-8 */
    if (!s)
        abort();
    json_decref(s);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nw_oui *o = (struct nw_oui *)1;
    if (nw_oui_cache_decode((const char *)data, size, NULL, &o) != AG_OK) {
        if (o)
            abort();
        return 0;
    }
    uint8_t mac[6];
    for (size_t i = 0; i + 6 <= size && i < 1200; i += 6) {
        memcpy(mac, data + i, 6);
        check_vendor(nw_oui_vendor(o, mac));
        mac[0] &= 0xfc;
        check_vendor(nw_oui_vendor(o, mac));
    }
    unsigned char key[NW_OUI_KEY_LEN];
    memcpy(key, data + 8, sizeof(key)); /* after the magic */
    char *again = NULL;
    size_t len = 0;
    if (nw_oui_cache_encode(o, key, &again, &len) != AG_OK)
        abort();
    /* the same bytes, but for the checksum (not checked here, recomputed there) */
    if (len != size || memcmp(again, data, 40) != 0 || memcmp(again + 48, data + 48, size - 48))
        abort();
    free(again);
    nw_oui_free(o);
    return 0;
}
