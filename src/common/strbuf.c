/*
 * strbuf.c — capped, growable, always NUL-terminated byte buffer (see the invariants in
 * common.h). Used for everything assembled from outside input; the cap keeps a hostile input
 * from growing memory without bound.
 */
#include "common/common.h"

#include <stdlib.h>
#include <string.h>

void strbuf_init(struct strbuf *sb, size_t limit)
{
    sb->buf = NULL;
    sb->len = 0;
    sb->alloc = 0;
    sb->limit = limit ? limit : STRBUF_DEFAULT_LIMIT;
    sb->failed = false;
}

void strbuf_release(struct strbuf *sb)
{
    free(sb->buf);
    strbuf_init(sb, sb->limit);
}

void strbuf_reset(struct strbuf *sb)
{
    sb->len = 0;
    sb->failed = false;
    if (sb->buf)
        sb->buf[0] = '\0';
}

/* Makes room for `more` bytes plus the terminator; false (and failed set) if it cannot. */
static bool strbuf_grow(struct strbuf *sb, size_t more)
{
    if (sb->failed)
        return false;
    if (more > sb->limit - sb->len) {
        sb->failed = true;
        return false;
    }
    size_t need = sb->len + more + 1;
    if (need <= sb->alloc)
        return true;
    size_t alloc = sb->alloc ? sb->alloc : 64;
    while (alloc < need)
        alloc = alloc > SIZE_MAX / 2 ? need : alloc * 2;
    char *p = realloc(sb->buf, alloc);
    if (!p) {
        sb->failed = true;
        return false;
    }
    sb->buf = p;
    sb->alloc = alloc;
    return true;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
    if (!strbuf_grow(sb, len))
        return;
    if (len)
        memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
    strbuf_add(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
    strbuf_add(sb, &c, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0) {
        sb->failed = true;
        return;
    }
    if (!strbuf_grow(sb, (size_t)n))
        return;
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

void strbuf_add_csv_field(struct strbuf *sb, const char *s)
{
    /* RFC 4180: quote every field; double embedded quotes. A leading =,+,-,@ is prefixed with
     * an apostrophe so a spreadsheet does not run it as a formula (CSV injection). */
    strbuf_addc(sb, '"');
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
        strbuf_addc(sb, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            strbuf_addc(sb, '"');
        strbuf_addc(sb, *p);
    }
    strbuf_addc(sb, '"');
}

char *strbuf_take(struct strbuf *sb, size_t *len_out)
{
    if (sb->failed) {
        strbuf_release(sb);
        return NULL;
    }
    if (!sb->buf) {
        if (!strbuf_grow(sb, 0))
            return NULL;
        sb->buf[0] = '\0';
    }
    char *p = sb->buf;
    if (len_out)
        *len_out = sb->len;
    strbuf_init(sb, sb->limit);
    return p;
}
