/*
 * trend.c — the 実施率 trend chart (trend.h): its geometry and its SVG. Any thread; no state.
 */
#include "web/trend.h"
#include "web/web_int.h"

#include <math.h>

static bool plot_ok(const struct trend_box *b)
{
    return b->width - b->left - b->right > 0 && b->height - b->top - b->bottom > 0;
}

double trend_y(const struct trend_box *box, double percent)
{
    if (!(percent >= 0)) /* also NaN */
        percent = 0;
    if (percent > 100)
        percent = 100;
    double plot_h = box->height - box->top - box->bottom;
    return box->top + plot_h * (100.0 - percent) / 100.0;
}

bool trend_layout(const struct trend_box *box, const double *rates, size_t n,
                  struct trend_point *out)
{
    if (n == 0 || !plot_ok(box))
        return false;
    double plot_w = box->width - box->left - box->right;
    for (size_t i = 0; i < n; i++) {
        double v = rates[i];
        out[i].present = !isnan(v) && v >= 0;
        out[i].x =
            n == 1 ? box->left + plot_w / 2 : box->left + plot_w * (double)i / (double)(n - 1);
        out[i].y = out[i].present ? trend_y(box, v) : trend_y(box, 0);
    }
    return true;
}

/* ` name="v"` with one decimal, through the builder (name is a literal) */
#define SVG_NUM(h, name, v)                                                                        \
    do {                                                                                           \
        html_lit(h, " " name "=\"");                                                               \
        html_textf(h, "%.1f", (double)(v));                                                        \
        html_lit(h, "\"");                                                                         \
    } while (0)

bool trend_svg(struct web_req *req, const char *id, const double *rates, const char *const *labels,
               const char *const *ticks, size_t n)
{
    enum { MAXN = 64 };
    struct trend_point pts[MAXN];
    const struct trend_box box = {640, 260, 56, 24, 16, 48};
    if (n > MAXN || !trend_layout(&box, rates, n, pts))
        return false;
    struct html *h = &req->out;
    const char *tid = arena_printf(&req->arena, "%s-title", id);
    const char *did = arena_printf(&req->arena, "%s-desc", id);
    const char *title = web_tr(req, "Trend of 実施率 across campaigns");
    const char *desc = web_tr(req, "campaigns: 実施率 of each campaign, oldest on the left; the "
                                   "table below gives the same numbers.");
    html_lit(h, "<figure class=\"trend\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"");
    html_attr(h, "aria-labelledby",
              arena_printf(&req->arena, "%s %s", tid ? tid : "", did ? did : ""));
    html_lit(h, " viewBox=\"0 0 640 260\" width=\"640\" height=\"260\"><title");
    html_attr(h, "id", tid ? tid : "");
    html_lit(h, ">");
    html_text(h, title);
    html_lit(h, "</title><desc");
    html_attr(h, "id", did ? did : "");
    html_lit(h, ">");
    html_text(h, desc);
    html_lit(h, "</desc>");
    for (int pc = 0; pc <= 100; pc += 25) { /* grid lines and y labels */
        double y = trend_y(&box, pc);
        html_lit(h, "<line class=\"grid\"");
        SVG_NUM(h, "x1", box.left);
        SVG_NUM(h, "x2", box.width - box.right);
        SVG_NUM(h, "y1", y);
        SVG_NUM(h, "y2", y);
        html_lit(h, "/><text class=\"axis\" text-anchor=\"end\"");
        SVG_NUM(h, "x", box.left - 6);
        SVG_NUM(h, "y", y + 4);
        html_lit(h, ">");
        html_textf(h, "%d%%", pc);
        html_lit(h, "</text>");
    }
    for (size_t i = 1; i < n; i++) { /* segments between consecutive points with a rate */
        if (!pts[i - 1].present || !pts[i].present)
            continue;
        html_lit(h, "<line class=\"trend-line\"");
        SVG_NUM(h, "x1", pts[i - 1].x);
        SVG_NUM(h, "y1", pts[i - 1].y);
        SVG_NUM(h, "x2", pts[i].x);
        SVG_NUM(h, "y2", pts[i].y);
        html_lit(h, "/>");
    }
    for (size_t i = 0; i < n; i++) {
        if (pts[i].present) {
            html_lit(h, "<circle class=\"trend-point\" r=\"4\"");
            SVG_NUM(h, "cx", pts[i].x);
            SVG_NUM(h, "cy", pts[i].y);
            html_lit(h, "><title>");
            html_textf(h, "%s: %.1f%%", labels[i] ? labels[i] : "", rates[i]);
            html_lit(h, "</title></circle><text class=\"value\" text-anchor=\"middle\"");
            SVG_NUM(h, "x", pts[i].x);
            SVG_NUM(h, "y", pts[i].y - 8);
            html_lit(h, ">");
            html_textf(h, "%.1f", rates[i]);
            html_lit(h, "</text>");
        }
        html_lit(h, "<text class=\"axis\" text-anchor=\"middle\"");
        SVG_NUM(h, "x", pts[i].x);
        SVG_NUM(h, "y", box.height - box.bottom + 18);
        html_lit(h, ">");
        html_text(h, ticks[i] ? ticks[i] : "");
        html_lit(h, "</text>");
    }
    html_lit(h, "</svg><figcaption>");
    html_text(h, desc);
    html_lit(h, "</figcaption></figure>");
    return true;
}
