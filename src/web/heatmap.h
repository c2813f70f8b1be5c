/*
 * heatmap.h — the geometry and colours of the risk heat map (guideline 3.1.2.1③④): the criteria
 * matrix drawn as impact (rows, highest at the top) x likelihood (columns, lowest at the left),
 * each cell toned by its level and the cells at or above the threshold outlined. Pure functions
 * (no store, no HTML) so they can be unit-tested; pages_risks.c draws the SVG from the result.
 *
 * Invariants of a layout: cells are listed row by row from the highest impact down, likelihood
 * rising within a row; every cell lies inside width x height; the threshold outline consists of
 * the edges between a cell at or above the threshold and a cell below it or the grid's border.
 */
#ifndef AG_WEB_HEATMAP_H
#define AG_WEB_HEATMAP_H

#include "isms/risk.h"

#define HEATMAP_TONES 5  /* colour classes heat-t0 (lowest) .. heat-t4 (highest), style.css */
#define HEATMAP_CELL 72  /* cell side in SVG user units */
#define HEATMAP_LEFT 112 /* room for the impact labels and axis title */
#define HEATMAP_TOP 8
#define HEATMAP_BOTTOM 72 /* room for the likelihood labels (two lines) and axis title */
#define HEATMAP_RIGHT 8

struct heatmap_cell {
    int impact, likelihood, level, count;
    int tone;   /* 0 .. HEATMAP_TONES-1 */
    bool above; /* level at or above the threshold */
    int x, y;   /* top-left corner; the side is HEATMAP_CELL */
};
struct heatmap_segment {
    int x1, y1, x2, y2;
};
struct heatmap {
    int width, height;
    int n_impact, n_likelihood;
    size_t ncells;
    struct heatmap_cell cells[RISK_SCALE_MAX * RISK_SCALE_MAX];
    size_t nsegments;
    struct heatmap_segment segments[4 * RISK_SCALE_MAX * RISK_SCALE_MAX];
};

/* The colour tone of level (1..n_levels) spread evenly over HEATMAP_TONES: the lowest level is
 * tone 0, the highest HEATMAP_TONES-1; 0 for a level outside 1..n_levels. */
int heatmap_tone(int level, int n_levels);
/* Lays out the matrix of c with counts[impact-1][likelihood-1] risks per cell (counts may be
 * NULL = all zero). Scales outside 1..RISK_SCALE_MAX are clamped. */
void heatmap_layout(const struct risk_criteria *c, const int counts[RISK_SCALE_MAX][RISK_SCALE_MAX],
                    struct heatmap *out);

#endif
