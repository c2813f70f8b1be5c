/*
 * fuzz_netwatch_baseline.c — arbitrary bytes as a netwatch baseline file (src/netwatch/
 * baseline.c): parsed by jansson as nw_baseline_load does, then checked entry by entry by
 * nw_baseline_from_json. Properties: a refusal has a message and no baseline; an accepted one
 * exports (nw_baseline_to_json), and its export loads again into the same export (the file
 * round-trips); nothing leaks (ASan/LSan).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "netwatch/netwatch_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!root)
        return 0;
    struct nw_baseline *bl = NULL, *again = NULL;
    struct ag_error err;
    ag_error_clear(&err);
    if (nw_baseline_from_json(root, "fuzz.json", &bl, &err) != AG_OK) {
        if (bl || !err.msg[0])
            abort();
        json_decref(root);
        return 0;
    }
    json_t *out = nw_baseline_to_json(bl);
    if (!out || nw_baseline_from_json(out, "export.json", &again, &err) != AG_OK)
        abort();
    json_t *out2 = nw_baseline_to_json(again);
    if (!json_equal(out, out2))
        abort();
    json_decref(out2);
    json_decref(out);
    nw_baseline_free(again);
    nw_baseline_free(bl);
    json_decref(root);
    return 0;
}
