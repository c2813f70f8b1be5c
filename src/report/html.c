/*
 * html.c — the printable HTML pages of the reports. Every text from the store goes through
 * report_html_text (escaped); the page allows no fetch at all (Content-Security-Policy
 * default-src 'none'), so a printed report can never load anything, and uses the Japanese fonts
 * of Debian's fonts-noto-cjk, which headless Chromium finds through fontconfig.
 */
#include "report/report.h"

void report_html_text(struct strbuf *sb, const char *s)
{
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&':
            strbuf_adds(sb, "&amp;");
            break;
        case '<':
            strbuf_adds(sb, "&lt;");
            break;
        case '>':
            strbuf_adds(sb, "&gt;");
            break;
        case '"':
            strbuf_adds(sb, "&quot;");
            break;
        case '\'':
            strbuf_adds(sb, "&#39;");
            break;
        default:
            strbuf_addc(sb, *p);
        }
    }
}

void report_html_begin(struct strbuf *sb, enum ag_lang lang, const char *title)
{
    strbuf_addf(sb,
                "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'; img-src data:\">\n<title>",
                ag_lang_code(lang));
    report_html_text(sb, title);
    strbuf_adds(
        sb,
        "</title>\n<style>\n"
        "@page { size: A4; margin: 18mm 16mm 20mm 16mm; }\n"
        "body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Serif CJK JP', sans-serif; "
        "font-size: 10.5pt; line-height: 1.6; color: #1a1a1c; margin: 0; }\n"
        "h1 { font-size: 16pt; border-bottom: 2px solid #1a1a1c; padding-bottom: 4pt; }\n"
        "h2 { font-size: 11.5pt; margin: 12pt 0 2pt; padding-left: 6pt; "
        "border-left: 4px solid #0017c1; break-after: avoid; }\n"
        "p.value { margin: 0 0 4pt 10pt; white-space: pre-wrap; }\n"
        "p.missing { margin: 0 0 4pt 10pt; color: #b00; font-weight: bold; }\n"
        "p.meta { font-size: 9pt; color: #555; }\n"
        "section { break-inside: avoid; }\n"
        "</style>\n</head>\n<body>\n");
}

void report_html_end(struct strbuf *sb)
{
    strbuf_adds(sb, "</body>\n</html>\n");
}
