/*
 * fuzz_logs_segment.c — arbitrary bytes read as a log archive segment (src/logarchive/
 * segment.c): the trailer and manifest, the header frame, the zstd data decompressed as a
 * stream with the lines split and their times parsed, and the manifest parser on the raw
 * input. Checks beyond "no crash, no sanitizer report": every line handed over is at most
 * 64 KiB and has no newline; the counters agree with the lines seen; a sealed result has a
 * 64-digit manifest hash.
 */
#define _DEFAULT_SOURCE /* fmemopen */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logarchive/logarchive.h"

struct seen {
    uint64_t lines, bytes;
};

static int take(void *ctx, const char *line, size_t n)
{
    struct seen *s = ctx;
    if (n > 65536 || memchr(line, '\n', n))
        abort();
    s->lines++;
    s->bytes += n + 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct la_manifest m;
    (void)la_manifest_parse((const char *)data, size, &m, NULL);
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    struct seen s = {0};
    struct la_scan sc;
    if (la_segment_scan(f, LA_SCAN_LINES | LA_SCAN_HASH | LA_SCAN_TIMES, take, &s, &sc) == AG_OK) {
        if (sc.lines != s.lines || sc.raw_bytes != s.bytes || sc.data_bytes > size)
            abort();
        if (sc.sealed && strlen(sc.manifest_sha256) != 64)
            abort();
        if (strlen(sc.data_sha256) != 64)
            abort();
    }
    la_scan_release(&sc);
    fclose(f);
    return 0;
}
