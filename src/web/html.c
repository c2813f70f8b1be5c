/*
 * html.c — the HTML builder (guideline 5.3 class 6, cross-site scripting). Text and attribute
 * values are escaped by default; markup comes from string literals (html_lit) or from
 * html_raw_reviewed, whose callers are listed in docs/web.md. Invalid UTF-8 in text becomes
 * U+FFFD so a browser never re-interprets a broken sequence.
 * Runs in the worker thread of the request; no shared state.
 */
#include "web/web_int.h"

#include <stdarg.h>

void html_init(struct html *h, size_t limit)
{
    strbuf_init(&h->sb, limit);
}

void html_release(struct html *h)
{
    strbuf_release(&h->sb);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    uint32_t cp;
    if ((s[0] & 0xe0) == 0xc0) {
        len = 2;
        cp = s[0] & 0x1f;
    } else if ((s[0] & 0xf0) == 0xe0) {
        len = 3;
        cp = s[0] & 0x0f;
    } else if ((s[0] & 0xf8) == 0xf0) {
        len = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

bool web_text_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return false;
        if (p[i] == 0x7f)
            return false;
        size_t l = utf8_len(p + i, n - i);
        if (!l)
            return false;
        i += l;
    }
    return true;
}

void html_textn(struct html *h, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0; /* start of the pending run of bytes copied as they are */
    for (size_t i = 0; i < n;) {
        const char *rep = NULL;
        size_t l = 1;
        switch (p[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') || p[i] == 0x7f)
                rep = "\xef\xbf\xbd";
            else if (!(l = utf8_len(p + i, n - i))) {
                rep = "\xef\xbf\xbd";
                l = 1;
            }
        }
        if (rep) {
            strbuf_add(&h->sb, s + run, i - run);
            strbuf_adds(&h->sb, rep);
            run = i + l;
        }
        i += l;
    }
    strbuf_add(&h->sb, s + run, n - run);
}

void html_text(struct html *h, const char *s)
{
    if (s)
        html_textn(h, s, strlen(s));
}

void html_textf(struct html *h, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(buf)) {
        html_textn(h, buf, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        h->sb.failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    html_textn(h, big, (size_t)n);
    free(big);
}

static bool is_url_attr(const char *name)
{
    return strcmp(name, "href") == 0 || strcmp(name, "action") == 0 || strcmp(name, "src") == 0 ||
           strcmp(name, "formaction") == 0;
}

void html_attr(struct html *h, const char *name, const char *value)
{
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '-')) {
            h->sb.failed = true; /* a programming error: never emit a bad attribute name */
            return;
        }
    if (!value)
        value = "";
    /* Only same-origin paths in URL attributes: no javascript:, data: or //host. */
    if (is_url_attr(name) && (value[0] != '/' || value[1] == '/' || value[1] == '\\'))
        value = "#";
    strbuf_addc(&h->sb, ' ');
    strbuf_adds(&h->sb, name);
    strbuf_adds(&h->sb, "=\"");
    html_text(h, value);
    strbuf_addc(&h->sb, '"');
}

void html_lit_(struct html *h, const char *literal)
{
    strbuf_adds(&h->sb, literal);
}

void html_raw_reviewed(struct html *h, const char *markup, const char *why)
{
    (void)why;
    strbuf_adds(&h->sb, markup);
}

void html_url_component(struct strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            strbuf_addc(sb, (char)*p);
        } else {
            strbuf_addc(sb, '%');
            strbuf_addc(sb, hex[*p >> 4]);
            strbuf_addc(sb, hex[*p & 15]);
        }
    }
}
