/*
 * trend.c — geometry of the 実施率 trend chart (trend.h). Any thread; no state.
 */
#include "web/trend.h"

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
