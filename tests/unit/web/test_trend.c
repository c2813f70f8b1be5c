/* test_trend.c — the geometry of the 実施率 trend chart (src/web/trend.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "web/trend.h"

static const struct trend_box box = {600, 240, 50, 20, 10, 30}; /* plot 530 x 200 at (50,10) */

static void test_empty_and_degenerate(void **state)
{
    (void)state;
    struct trend_point p[1] = {{-1, -1, true}};
    double r[1] = {50};
    assert_false(trend_layout(&box, r, 0, p));
    assert_true(p[0].present && p[0].x == -1); /* untouched */
    struct trend_box flat = {100, 40, 50, 60, 10, 30};
    assert_false(trend_layout(&flat, r, 1, p));
    struct trend_box thin = {600, 40, 10, 10, 20, 20};
    assert_false(trend_layout(&thin, r, 1, p));
}

static void test_one_point_in_the_middle(void **state)
{
    (void)state;
    struct trend_point p[1];
    double r[1] = {75};
    assert_true(trend_layout(&box, r, 1, p));
    assert_true(p[0].present);
    assert_float_equal(p[0].x, 50 + 530 / 2.0, 1e-9);
    assert_float_equal(p[0].y, 10 + 200 * 0.25, 1e-9);
}

static void test_spacing_and_scale(void **state)
{
    (void)state;
    struct trend_point p[3];
    double r[3] = {0, 50, 100};
    assert_true(trend_layout(&box, r, 3, p));
    assert_float_equal(p[0].x, 50, 1e-9);  /* first at the left edge of the plot */
    assert_float_equal(p[1].x, 315, 1e-9); /* evenly spaced */
    assert_float_equal(p[2].x, 580, 1e-9); /* last at the right edge */
    assert_float_equal(p[0].y, 210, 1e-9); /* 0 % on the plot's bottom */
    assert_float_equal(p[1].y, 110, 1e-9);
    assert_float_equal(p[2].y, 10, 1e-9); /* 100 % on its top */
    /* a higher rate is drawn higher (smaller y) */
    assert_true(p[2].y < p[1].y && p[1].y < p[0].y);
}

static void test_missing_and_clamped(void **state)
{
    (void)state;
    struct trend_point p[4];
    double r[4] = {-1, NAN, 150, 67.0};
    assert_true(trend_layout(&box, r, 4, p));
    assert_false(p[0].present);
    assert_false(p[1].present);
    assert_true(p[2].present);
    assert_float_equal(p[2].y, 10, 1e-9); /* clamped to 100 % */
    assert_true(p[3].present);
    assert_float_equal(p[3].y, 10 + 200 * 0.33, 1e-9);
    assert_float_equal(trend_y(&box, -5), 210, 1e-9);
    assert_float_equal(trend_y(&box, 25), 160, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_degenerate),
        cmocka_unit_test(test_one_point_in_the_middle),
        cmocka_unit_test(test_spacing_and_scale),
        cmocka_unit_test(test_missing_and_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
