/*
 * test_heatmap.c — the heat map's geometry and colours (src/web/heatmap.c): tones spread over the
 * levels, cells ordered and placed (highest impact at the top), counts carried, the threshold
 * outline around exactly the cells at or above it, and the default 5 x 5 criteria.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "web/heatmap.h"

/* The default criteria of 003_risk.sql: 5 x 5, score 1-4 low, 5-9 medium, 10-16 high, 20-25
 * critical, threshold high. */
static void default_criteria(struct risk_criteria *c)
{
    memset(c, 0, sizeof(*c));
    c->n_impact = c->n_likelihood = 5;
    c->n_levels = 4;
    c->threshold = 3;
    for (int i = 1; i <= 5; i++)
        for (int l = 1; l <= 5; l++) {
            int s = i * l;
            c->matrix[i - 1][l - 1] = s >= 20 ? 4 : s >= 10 ? 3 : s >= 5 ? 2 : 1;
        }
}

static void test_tone(void **state)
{
    (void)state;
    /* four levels: low, medium, high, critical */
    assert_int_equal(heatmap_tone(1, 4), 0);
    assert_int_equal(heatmap_tone(2, 4), 1);
    assert_int_equal(heatmap_tone(3, 4), 3);
    assert_int_equal(heatmap_tone(4, 4), HEATMAP_TONES - 1);
    /* as many levels as tones: one each */
    for (int l = 1; l <= HEATMAP_TONES; l++)
        assert_int_equal(heatmap_tone(l, HEATMAP_TONES), l - 1);
    /* two levels: the extremes */
    assert_int_equal(heatmap_tone(1, 2), 0);
    assert_int_equal(heatmap_tone(2, 2), HEATMAP_TONES - 1);
    /* nine levels: never falls, starts at 0, ends at the top */
    int prev = 0;
    for (int l = 1; l <= 9; l++) {
        int t = heatmap_tone(l, 9);
        assert_true(t >= prev);
        assert_true(t < HEATMAP_TONES);
        prev = t;
    }
    assert_int_equal(heatmap_tone(1, 9), 0);
    assert_int_equal(heatmap_tone(9, 9), HEATMAP_TONES - 1);
    /* not a level */
    assert_int_equal(heatmap_tone(0, 4), 0);
    assert_int_equal(heatmap_tone(5, 4), 0);
}

static const struct heatmap_cell *cell_at(const struct heatmap *m, int impact, int likelihood)
{
    for (size_t k = 0; k < m->ncells; k++)
        if (m->cells[k].impact == impact && m->cells[k].likelihood == likelihood)
            return &m->cells[k];
    return NULL;
}

static void test_layout_default(void **state)
{
    (void)state;
    struct risk_criteria c;
    default_criteria(&c);
    int counts[RISK_SCALE_MAX][RISK_SCALE_MAX] = {{0}};
    counts[4][2] = 2; /* impact 5 x likelihood 3 */
    counts[2][3] = 1; /* impact 3 x likelihood 4 */
    static struct heatmap m;
    heatmap_layout(&c, counts, &m);
    assert_int_equal(m.ncells, 25);
    assert_int_equal(m.width, HEATMAP_LEFT + 5 * HEATMAP_CELL + HEATMAP_RIGHT);
    assert_int_equal(m.height, HEATMAP_TOP + 5 * HEATMAP_CELL + HEATMAP_BOTTOM);
    /* order: the highest impact first, likelihood rising */
    assert_int_equal(m.cells[0].impact, 5);
    assert_int_equal(m.cells[0].likelihood, 1);
    assert_int_equal(m.cells[4].likelihood, 5);
    assert_int_equal(m.cells[24].impact, 1);
    assert_int_equal(m.cells[24].likelihood, 5);
    /* placement: impact 5 at the top row, likelihood 1 at the left column */
    const struct heatmap_cell *top_left = cell_at(&m, 5, 1), *bottom_right = cell_at(&m, 1, 5);
    assert_int_equal(top_left->x, HEATMAP_LEFT);
    assert_int_equal(top_left->y, HEATMAP_TOP);
    assert_int_equal(bottom_right->x, HEATMAP_LEFT + 4 * HEATMAP_CELL);
    assert_int_equal(bottom_right->y, HEATMAP_TOP + 4 * HEATMAP_CELL);
    for (size_t k = 0; k < m.ncells; k++) {
        assert_true(m.cells[k].x + HEATMAP_CELL <= m.width);
        assert_true(m.cells[k].y + HEATMAP_CELL <= m.height);
    }
    /* levels, tones, counts and the threshold per cell */
    const struct heatmap_cell *x = cell_at(&m, 5, 3);
    assert_int_equal(x->level, 3);
    assert_int_equal(x->tone, 3);
    assert_int_equal(x->count, 2);
    assert_true(x->above);
    assert_int_equal(cell_at(&m, 3, 4)->count, 1);
    assert_true(cell_at(&m, 3, 4)->above);  /* 12: high */
    assert_false(cell_at(&m, 3, 3)->above); /* 9: medium */
    assert_int_equal(cell_at(&m, 3, 3)->tone, 1);
    assert_int_equal(cell_at(&m, 1, 1)->tone, 0);
    assert_int_equal(cell_at(&m, 5, 5)->tone, 4);
    assert_int_equal(cell_at(&m, 5, 5)->count, 0);
    int above = 0;
    for (size_t k = 0; k < m.ncells; k++)
        above += m.cells[k].above;
    assert_int_equal(above, 10); /* scores >= 10: 2x5 3x4 3x5 4x3 4x4 4x5 5x2 5x3 5x4 5x5 */
}

/* Every edge of the outline separates an above cell from a below cell or the border, and every
 * such edge is in the outline: checked against a brute-force count. */
static void test_threshold_outline(void **state)
{
    (void)state;
    struct risk_criteria c;
    default_criteria(&c);
    static struct heatmap m;
    heatmap_layout(&c, NULL, &m);
    size_t want = 0;
    for (int i = 1; i <= 5; i++)
        for (int l = 1; l <= 5; l++) {
            if (c.matrix[i - 1][l - 1] < 3)
                continue;
            want += i == 5 || c.matrix[i][l - 1] < 3;
            want += i == 1 || c.matrix[i - 2][l - 1] < 3;
            want += l == 1 || c.matrix[i - 1][l - 2] < 3;
            want += l == 5 || c.matrix[i - 1][l] < 3;
        }
    assert_int_equal(m.nsegments, want);
    assert_int_equal(m.nsegments, 16); /* a staircase 4 cells wide, 4 high: perimeter 2 x (4 + 4) */
    for (size_t k = 0; k < m.nsegments; k++) {
        const struct heatmap_segment *s = &m.segments[k];
        bool horizontal = s->y1 == s->y2, vertical = s->x1 == s->x2;
        assert_true(horizontal != vertical);
        assert_int_equal(abs(s->x2 - s->x1) + abs(s->y2 - s->y1), HEATMAP_CELL);
        assert_true(s->x1 >= HEATMAP_LEFT && s->x2 <= HEATMAP_LEFT + 5 * HEATMAP_CELL);
    }
    /* the top edge of the grid over likelihood 2..5 belongs to the outline, over 1 does not */
    bool top_l1 = false, top_l2 = false;
    for (size_t k = 0; k < m.nsegments; k++) {
        const struct heatmap_segment *s = &m.segments[k];
        if (s->y1 == HEATMAP_TOP && s->y2 == HEATMAP_TOP && s->x1 == HEATMAP_LEFT)
            top_l1 = true;
        if (s->y1 == HEATMAP_TOP && s->y2 == HEATMAP_TOP && s->x1 == HEATMAP_LEFT + HEATMAP_CELL)
            top_l2 = true;
    }
    assert_false(top_l1);
    assert_true(top_l2);

    /* threshold at the lowest level: the whole grid is outlined by its border only */
    c.threshold = 1;
    heatmap_layout(&c, NULL, &m);
    assert_int_equal(m.nsegments, 20);
    for (size_t k = 0; k < m.ncells; k++)
        assert_true(m.cells[k].above);
    /* threshold above every cell's level: nothing outlined */
    c.threshold = 5;
    heatmap_layout(&c, NULL, &m);
    assert_int_equal(m.nsegments, 0);
}

static void test_layout_uneven(void **state)
{
    (void)state;
    /* 3 impacts x 2 likelihoods, two levels, threshold 2 only at the top right */
    struct risk_criteria c;
    memset(&c, 0, sizeof(c));
    c.n_impact = 3;
    c.n_likelihood = 2;
    c.n_levels = 2;
    c.threshold = 2;
    for (int i = 0; i < 3; i++)
        for (int l = 0; l < 2; l++)
            c.matrix[i][l] = 1;
    c.matrix[2][1] = 2;
    static struct heatmap m;
    heatmap_layout(&c, NULL, &m);
    assert_int_equal(m.ncells, 6);
    assert_int_equal(m.width, HEATMAP_LEFT + 2 * HEATMAP_CELL + HEATMAP_RIGHT);
    assert_int_equal(m.height, HEATMAP_TOP + 3 * HEATMAP_CELL + HEATMAP_BOTTOM);
    const struct heatmap_cell *hi = cell_at(&m, 3, 2);
    assert_true(hi->above);
    assert_int_equal(hi->tone, HEATMAP_TONES - 1);
    assert_int_equal(hi->x, HEATMAP_LEFT + HEATMAP_CELL);
    assert_int_equal(hi->y, HEATMAP_TOP);
    assert_int_equal(cell_at(&m, 1, 1)->tone, 0);
    assert_int_equal(m.nsegments, 4); /* one cell: its four sides */
    /* scales beyond the maximum are clamped, never overflow */
    c.n_impact = 99;
    c.n_likelihood = -3;
    heatmap_layout(&c, NULL, &m);
    assert_int_equal(m.n_impact, RISK_SCALE_MAX);
    assert_int_equal(m.n_likelihood, 0);
    assert_int_equal(m.ncells, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tone),
        cmocka_unit_test(test_layout_default),
        cmocka_unit_test(test_threshold_outline),
        cmocka_unit_test(test_layout_uneven),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
