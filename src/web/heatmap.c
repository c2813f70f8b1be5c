/*
 * heatmap.c — geometry and colours of the risk heat map (see heatmap.h). Pure: no store, no HTML.
 */
#include "web/heatmap.h"

int heatmap_tone(int level, int n_levels)
{
    if (level < 1 || level > n_levels)
        return 0;
    if (n_levels <= 1)
        return HEATMAP_TONES - 1;
    /* rounded to the nearest tone, so the first and last level get the extreme tones */
    return ((level - 1) * (HEATMAP_TONES - 1) + (n_levels - 1) / 2) / (n_levels - 1);
}

static int clamp_scale(int n)
{
    return n < 0 ? 0 : n > RISK_SCALE_MAX ? RISK_SCALE_MAX : n;
}

static bool above_at(const struct risk_criteria *c, int ni, int nl, int impact, int likelihood)
{
    if (impact < 1 || impact > ni || likelihood < 1 || likelihood > nl)
        return false;
    return c->matrix[impact - 1][likelihood - 1] >= c->threshold;
}

static void add_segment(struct heatmap *m, int x1, int y1, int x2, int y2)
{
    if (m->nsegments < AG_ARRAY_LEN(m->segments))
        m->segments[m->nsegments++] = (struct heatmap_segment){x1, y1, x2, y2};
}

void heatmap_layout(const struct risk_criteria *c, const int counts[RISK_SCALE_MAX][RISK_SCALE_MAX],
                    struct heatmap *out)
{
    int ni = clamp_scale(c->n_impact), nl = clamp_scale(c->n_likelihood);
    memset(out, 0, sizeof(*out));
    out->n_impact = ni;
    out->n_likelihood = nl;
    out->width = HEATMAP_LEFT + nl * HEATMAP_CELL + HEATMAP_RIGHT;
    out->height = HEATMAP_TOP + ni * HEATMAP_CELL + HEATMAP_BOTTOM;
    for (int i = ni; i >= 1; i--)
        for (int l = 1; l <= nl; l++) {
            struct heatmap_cell *cell = &out->cells[out->ncells++];
            cell->impact = i;
            cell->likelihood = l;
            cell->level = c->matrix[i - 1][l - 1];
            cell->count = counts ? counts[i - 1][l - 1] : 0;
            cell->tone = heatmap_tone(cell->level, c->n_levels);
            cell->above = cell->level >= 1 && cell->level >= c->threshold;
            cell->x = HEATMAP_LEFT + (l - 1) * HEATMAP_CELL;
            cell->y = HEATMAP_TOP + (ni - i) * HEATMAP_CELL;
            if (!cell->above)
                continue;
            int x0 = cell->x, y0 = cell->y, x1 = x0 + HEATMAP_CELL, y1 = y0 + HEATMAP_CELL;
            if (!above_at(c, ni, nl, i + 1, l)) /* the row above is drawn higher up */
                add_segment(out, x0, y0, x1, y0);
            if (!above_at(c, ni, nl, i - 1, l))
                add_segment(out, x0, y1, x1, y1);
            if (!above_at(c, ni, nl, i, l - 1))
                add_segment(out, x0, y0, x0, y1);
            if (!above_at(c, ni, nl, i, l + 1))
                add_segment(out, x1, y0, x1, y1);
        }
}
