/*
 * qr.c — QR codes as inline SVG (see qr.h). The matrix comes from libqrencode; the SVG is one
 * <path> whose numbers the builder escapes like any attribute value.
 */
#include "web/qr.h"

#include <qrencode.h>

int web_qr_matrix(const char *text, unsigned char **mods, int *width, int *version,
                  struct ag_error *err)
{
    *mods = NULL;
    if (!text || !*text || strlen(text) > 1024)
        return ag_error_set(err, AG_EINVAL, "QR: the text is empty or too long");
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return ag_error_set(err, AG_EINVAL, "QR: the text cannot be encoded");
    size_t n = (size_t)q->width * (size_t)q->width;
    *mods = malloc(n);
    if (!*mods) {
        QRcode_free(q);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        (*mods)[i] = q->data[i] & 1;
    *width = q->width;
    *version = q->version;
    QRcode_free(q);
    return AG_OK;
}

int web_qr_svg(struct html *h, const char *text, const char *label, struct ag_error *err)
{
    unsigned char *m;
    int w, version;
    int rc = web_qr_matrix(text, &m, &w, &version, err);
    if (rc)
        return rc;
    struct strbuf d;
    strbuf_init(&d, 1 << 20);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w;) {
            if (!m[y * w + x]) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < w && m[y * w + x + run])
                run++;
            strbuf_addf(&d, "M%d %dh%dv1h-%dz", x + WEB_QR_QUIET, y + WEB_QR_QUIET, run, run);
            x += run;
        }
    free(m);
    if (!strbuf_ok(&d)) {
        strbuf_release(&d);
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    int size = w + 2 * WEB_QR_QUIET;
    html_lit(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" "
                "shape-rendering=\"crispEdges\" viewBox=\"");
    html_textf(h, "0 0 %d %d", size, size);
    html_lit(h, "\"");
    html_attr(h, "width", "240");
    html_attr(h, "height", "240");
    html_attr(h, "aria-label", label);
    html_lit(h, "><rect fill=\"#fff\" x=\"0\" y=\"0\" width=\"");
    html_textf(h, "%d", size);
    html_lit(h, "\" height=\"");
    html_textf(h, "%d", size);
    html_lit(h, "\"/><path fill=\"#000\"");
    html_attr(h, "d", strbuf_str(&d));
    html_lit(h, "/></svg>");
    strbuf_release(&d);
    return AG_OK;
}

void web_otpauth_uri(struct strbuf *sb, const char *login, const char *secret)
{
    strbuf_adds(sb, "otpauth://totp/airguard:");
    html_url_component(sb, login);
    strbuf_adds(sb, "?secret=");
    html_url_component(sb, secret);
    strbuf_adds(sb, "&issuer=airguard");
}
