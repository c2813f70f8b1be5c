/*
 * trend.h — the geometry of the 実施率 trend chart (pages_campaigns.c): where each campaign's
 * rate goes in the SVG (pure arithmetic, unit-tested in tests/unit/web/test_trend.c), and the
 * writer of the chart the campaign report and the dashboard show (trend_svg).
 */
#ifndef AG_WEB_TREND_H
#define AG_WEB_TREND_H

#include <stdbool.h>
#include <stddef.h>

/* The drawing box: total size and the margins around the plot area (for the axis labels). */
struct trend_box {
    double width, height;
    double left, right, top, bottom; /* margins */
};
struct trend_point {
    double x, y;
    bool present; /* false: no rate for this campaign (nothing applicable answered) */
};
/* Lays out n rates (percent; < 0 or NaN = no value; others clamped to 0..100) left to right:
 * x evenly spaced across the plot area (a single point in its middle), y from the plot's bottom
 * (0 %) to its top (100 %). Returns false (out untouched) when n == 0 or the box leaves no plot
 * area. */
bool trend_layout(const struct trend_box *box, const double *rates, size_t n,
                  struct trend_point *out);
/* The y of a percentage in the box (clamped to 0..100), for grid lines and labels. */
double trend_y(const struct trend_box *box, double percent);

/* Writes the chart as inline SVG through the HTML builder (web_int.h): grid and y labels at
 * 0/25/50/75/100 %, a line through consecutive rates, a point with a <title> (labels[i]) and its
 * value above it, ticks[i] under each point; the SVG has a <title> and a <desc> for screen
 * readers, and `id` prefixes their ids. Returns false (nothing written) when there is nothing to
 * draw. The caller adds the table alternative. */
struct web_req;
bool trend_svg(struct web_req *req, const char *id, const double *rates, const char *const *labels,
               const char *const *ticks, size_t n);

#endif
