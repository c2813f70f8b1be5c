/*
 * text.c — UTF-8 text folding for look-ups and search: full-width ASCII (U+FF01..U+FF5E) to
 * ASCII, the ideographic space to a space, optionally A-Z to a-z and white space dropped.
 * Bytes that are not part of those sequences pass through unchanged, so invalid UTF-8 cannot
 * make it read past the terminator.
 */
#include "common/common.h"

void ag_text_fold(struct strbuf *sb, const char *s, unsigned flags)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
            unsigned cp = 0xFF00u + ((unsigned)(p[1] & 0x01) << 6) + (p[2] & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                c = (unsigned char)(cp - 0xFF01 + 0x21);
                p += 3;
                goto ascii;
            }
        }
        if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            c = ' ';
            p += 3;
            goto ascii;
        }
        p++;
        if (c >= 0x80) {
            strbuf_addc(sb, (char)c);
            continue;
        }
    ascii:
        if ((flags & AG_FOLD_DROP_SPACE) && (c == ' ' || c == '\t' || c == '\n' || c == '\r'))
            continue;
        if ((flags & AG_FOLD_LOWER) && c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        strbuf_addc(sb, (char)c);
    }
}

/* East Asian wide and full-width ranges that occur in our texts (a subset of Unicode's
 * EastAsianWidth W/F, enough for Japanese). */
static bool is_wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t ag_text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;
    while (*p) {
        unsigned cp;
        size_t n;
        if (*p < 0x80) {
            cp = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0 && p[1]) {
            cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3Fu);
            n = 2;
        } else if ((*p & 0xF0) == 0xE0 && p[1] && p[2]) {
            cp = ((unsigned)(*p & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3Fu);
            n = 3;
        } else if ((*p & 0xF8) == 0xF0 && p[1] && p[2] && p[3]) {
            cp = ((unsigned)(*p & 0x07) << 18) | ((unsigned)(p[1] & 0x3F) << 12) |
                 ((unsigned)(p[2] & 0x3F) << 6) | (p[3] & 0x3Fu);
            n = 4;
        } else {
            cp = 0xFFFD; /* invalid byte: one column, like a replacement character */
            n = 1;
        }
        w += is_wide(cp) ? 2 : 1;
        p += n;
    }
    return w;
}
