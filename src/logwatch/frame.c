/*
 * frame.c — the syslog stream framer for TCP and TLS (RFC 6587): octet counting ("LEN SP MSG")
 * and newline framing (a message ends at LF or NUL), told apart at the start of every frame: a
 * frame that opens with digits and a space is octet-counted, anything
 * else is newline-framed (syslog messages open with "<PRI>", so a real message is not taken for
 * a count). Runs in the thread of the connection's loop; one framer per connection.
 *
 * Invariants: the framer's output depends only on the bytes fed, not on how they were split
 * into chunks (the fuzz target tests/fuzz/fuzz_syslog_frame.c checks exactly that); buf never
 * holds more than LW_LINE_MAX bytes (+ the NUL); nothing is allocated after lw_framer_new.
 * A bad count is an error counted and skipped up to the next LF or NUL, never a crash.
 */
#include "logwatch/logwatch.h"

enum frame_state {
    FR_START,  /* at the start of a frame; buf holds the digits seen so far */
    FR_OCTET,  /* in an octet-counted frame: `want` more bytes belong to it */
    FR_LINE,   /* in a newline-framed message */
    FR_SKIP_LF /* discarding up to the next LF or NUL (after a cut line or a bad count) */
};

#define FR_MAX_DIGITS 10 /* more digits than this before the space: a bad count */

struct lw_framer {
    enum frame_state st;
    size_t len;     /* bytes in buf */
    uint64_t count; /* the octet count being read (FR_START) */
    size_t want;    /* bytes of the octet frame still to come (FR_OCTET) */
    bool cut;       /* the current octet frame is longer than LW_LINE_MAX */
    uint64_t msgs, cuts, errors;
    char buf[LW_LINE_MAX + 1];
};

int lw_framer_new(struct lw_framer **out)
{
    struct lw_framer *f = calloc(1, sizeof(*f));
    if (!f)
        return AG_ENOMEM;
    *out = f;
    return AG_OK;
}

void lw_framer_free(struct lw_framer *f)
{
    free(f);
}

void lw_framer_counts(const struct lw_framer *f, uint64_t *msgs, uint64_t *cut, uint64_t *errors)
{
    *msgs = f->msgs;
    *cut = f->cuts;
    *errors = f->errors;
}

/* Delivers buf[0..len) without one trailing CR (or, in an octet frame, one trailing LF or CRLF:
 * many senders count the newline they end each message with). Empty messages are dropped. */
static void deliver(struct lw_framer *f, bool octet, lw_frame_fn fn, void *ctx)
{
    size_t n = f->len;
    if (octet && n && (f->buf[n - 1] == '\n' || f->buf[n - 1] == '\0'))
        n--;
    if (n && f->buf[n - 1] == '\r')
        n--;
    f->len = 0;
    if (!n)
        return;
    f->buf[n] = '\0';
    f->msgs++;
    fn(ctx, f->buf, n);
}

static void bad_frame(struct lw_framer *f)
{
    f->errors++;
    f->len = 0;
    f->st = FR_SKIP_LF;
}

/* The first LF or NUL in p[0..n), or NULL. */
static const char *line_end(const char *p, size_t n)
{
    const char *lf = memchr(p, '\n', n);
    const char *nul = memchr(p, '\0', lf ? (size_t)(lf - p) : n);
    return nul ? nul : lf;
}

void lw_framer_feed(struct lw_framer *f, const char *data, size_t n, lw_frame_fn fn, void *ctx)
{
    const char *p = data, *end = data + n;
    while (p < end) {
        switch (f->st) {
        case FR_START: {
            char c = *p;
            if (f->len == 0 && (c == '\n' || c == '\0' || c == '\r')) {
                p++; /* blank lines and stray terminators between frames */
                break;
            }
            bool digit = c >= '0' && c <= '9';
            if (digit && f->len < FR_MAX_DIGITS) {
                f->count = f->count * 10 + (uint64_t)(c - '0');
                f->buf[f->len++] = c;
                p++;
                break;
            }
            if (c == ' ' && f->len > 0) { /* "LEN SP": an octet-counted frame */
                p++;
                uint64_t want = f->count;
                f->count = 0;
                if (want == 0 || want > LW_FRAME_HARD_MAX) {
                    bad_frame(f);
                    break;
                }
                f->len = 0;
                f->want = (size_t)want;
                f->cut = want > LW_LINE_MAX;
                f->st = FR_OCTET;
                break;
            }
            if (digit) { /* FR_MAX_DIGITS digits and more: no count a sender would use */
                f->count = 0;
                bad_frame(f);
                break;
            }
            f->count = 0; /* the digits (if any) begin a newline-framed message */
            f->st = FR_LINE;
            break;
        }
        case FR_OCTET: {
            size_t take = (size_t)(end - p) < f->want ? (size_t)(end - p) : f->want;
            size_t room = LW_LINE_MAX - f->len;
            memcpy(f->buf + f->len, p, take < room ? take : room);
            f->len += take < room ? take : room;
            p += take;
            f->want -= take;
            if (f->want == 0) {
                f->cuts += f->cut;
                deliver(f, true, fn, ctx);
                f->st = FR_START;
            }
            break;
        }
        case FR_LINE: {
            size_t avail = (size_t)(end - p);
            const char *stop = line_end(p, avail);
            size_t take = stop ? (size_t)(stop - p) : avail;
            size_t room = LW_LINE_MAX - f->len;
            if (take > room) { /* too long: cut at LW_LINE_MAX, skip the rest of the line */
                memcpy(f->buf + f->len, p, room);
                f->len = LW_LINE_MAX;
                p += room;
                f->cuts++;
                deliver(f, false, fn, ctx);
                f->st = FR_SKIP_LF;
                break;
            }
            memcpy(f->buf + f->len, p, take);
            f->len += take;
            p += take;
            if (stop) {
                p++;
                deliver(f, false, fn, ctx);
                f->st = FR_START;
            }
            break;
        }
        case FR_SKIP_LF: {
            const char *stop = line_end(p, (size_t)(end - p));
            if (!stop) {
                p = end;
                break;
            }
            p = stop + 1;
            f->st = FR_START;
            break;
        }
        }
    }
}

void lw_framer_finish(struct lw_framer *f, lw_frame_fn fn, void *ctx)
{
    switch (f->st) {
    case FR_START: /* digits without their space: a message of digits */
    case FR_LINE:
        deliver(f, false, fn, ctx);
        break;
    case FR_OCTET:
        f->errors++; /* the frame was cut short */
        break;
    case FR_SKIP_LF:
        break;
    }
    f->len = 0;
    f->count = 0;
    f->want = 0;
    f->st = FR_START;
}
