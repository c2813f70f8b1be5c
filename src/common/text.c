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
