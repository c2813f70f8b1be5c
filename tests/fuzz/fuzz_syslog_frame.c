/*
 * fuzz_syslog_frame.c — arbitrary bytes through the syslog stream framer (src/logwatch/frame.c).
 * Input: byte 0 seeds the chunk sizes, byte 1 says how often the rest is repeated (1-32 times,
 * so frames longer than LW_LINE_MAX are reached), the rest is the stream. Checks beyond "no
 * crash, no sanitizer report": every message is 1..LW_LINE_MAX bytes and NUL-terminated, and the
 * messages and counters are the same whether the stream is fed whole or in chunks (the framer
 * is a pure function of the bytes, not of how they arrive).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "logwatch/logwatch.h"

struct digest {
    uint64_t h, n;
};

static void take(void *ctx, char *msg, size_t n)
{
    struct digest *d = ctx;
    if (n == 0 || n > LW_LINE_MAX || msg[n] != '\0')
        abort();
    d->h = (d->h ^ n) * 1099511628211ULL; /* FNV-1a over the lengths and bytes */
    for (size_t i = 0; i < n; i++)
        d->h = (d->h ^ (unsigned char)msg[i]) * 1099511628211ULL;
    d->n++;
}

static void run(const char *s, size_t n, unsigned seed, struct digest *d, uint64_t c[3])
{
    struct lw_framer *f;
    if (lw_framer_new(&f) != 0)
        abort();
    size_t at = 0;
    uint32_t x = seed * 2654435761u + 1;
    while (at < n) {
        size_t step = n - at;
        if (seed) {
            x = x * 1103515245u + 12345u;
            size_t cap = (x >> 16) % 4 == 0 ? 70000 : 17;
            step = 1 + (x >> 8) % cap;
            if (step > n - at)
                step = n - at;
        }
        lw_framer_feed(f, s + at, step, take, d);
        at += step;
    }
    lw_framer_finish(f, take, d);
    lw_framer_counts(f, &c[0], &c[1], &c[2]);
    lw_framer_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned seed = data[0], reps = 1 + data[1] % 32;
    size_t body = size - 2, n = body * reps;
    char *s = malloc(n ? n : 1); /* exact size: ASan catches any overread */
    if (!s)
        return 0;
    for (unsigned r = 0; r < reps; r++)
        memcpy(s + r * body, data + 2, body);
    struct digest whole = {14695981039346656037ULL, 0}, parts = whole;
    uint64_t cw[3], cp[3];
    run(s, n, 0, &whole, cw);
    run(s, n, seed | 1, &parts, cp);
    if (whole.h != parts.h || whole.n != parts.n || memcmp(cw, cp, sizeof(cw)) != 0 ||
        cw[0] != whole.n)
        abort();
    free(s);
    return 0;
}
