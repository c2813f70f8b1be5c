/*
 * fuzz_oui_csv.c — arbitrary bytes as the IEEE registry's oui.csv (and, split at the first NUL,
 * mam.csv) read by nw_oui_load: the CSV reader (quotes, CRLF, line breaks inside fields), the
 * assignment parser and the vendor cleaning. A refusal names the file; an accepted registry is
 * looked up with MACs taken from the input, and every vendor returned is valid UTF-8 without
 * control characters.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netwatch/netwatch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void put(const char *name, const uint8_t *p, size_t n)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (n && fwrite(p, 1, n, f) != n)
        abort();
    fclose(f);
}

static void check_vendor(const char *v)
{
    if (!v)
        return;
    size_t n = strlen(v);
    if (n == 0 || n > 120)
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
    if (!dir[0]) {
        snprintf(dir, sizeof(dir), "/tmp/fuzz_oui.XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    const uint8_t *nul = memchr(data, 0, size);
    size_t n1 = nul ? (size_t)(nul - data) : size;
    put("oui.csv", data, n1);
    char path[128];
    snprintf(path, sizeof(path), "%s/mam.csv", dir);
    if (nul)
        put("mam.csv", nul + 1, size - n1 - 1);
    else
        unlink(path);

    struct nw_oui *o = NULL;
    struct ag_error err;
    ag_error_clear(&err);
    if (nw_oui_load(dir, &o, &err) != 0) {
        if (o || !strstr(err.msg, dir))
            abort();
        return 0;
    }
    uint8_t mac[6] = {0};
    for (size_t i = 0; i + 6 <= size && i < 600; i += 6) {
        memcpy(mac, data + i, 6);
        check_vendor(nw_oui_vendor(o, mac));
    }
    static const uint8_t fixed[][6] = {{0x00, 0x11, 0x22, 0x33, 0x44, 0x55},
                                       {0x00, 0x0e, 0x8c, 0x00, 0x00, 0x01}};
    for (size_t i = 0; i < 2; i++)
        check_vendor(nw_oui_vendor(o, fixed[i]));
    nw_oui_free(o);
    return 0;
}
