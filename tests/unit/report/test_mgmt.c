/*
 * test_mgmt.c — the management report (src/report/mgmt.c, mgmt_html.c) on the demo airport: the
 * numbers in struct report_mgmt are the ones assess_report_compute, isms_measure_status and the
 * register give (not recomputed another way); a hostile record title and organisation name come
 * out escaped (no <script>, no way out of the running header's CSS string); the page fetches
 * nothing; SVG bar heights are proportional to the rates; --period accepts a fiscal year and
 * refuses anything else with a message naming it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/isms.h"
#include "report/report.h"

#define NOW "2026-11-26T12:00:00Z"

struct fx {
    struct fixture t;
    struct isms_ev_env env;
    int fy;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    fixture_init(&f->t, "mgmt", NOW, FIXTURE_DEMO | FIXTURE_ACTOR);
    isms_ev_env_init(&f->env);
    f->fy = assess_fiscal_year("2026-11-26");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    free(f);
    return 0;
}

static long long count(struct store *st, const char *sql)
{
    sqlite3_stmt *s;
    long long n = -1;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static void exec(struct store *st, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store_db(st), sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

static const struct report_mgmt_rate *find_rate(const struct report_mgmt_rate *rows, size_t n,
                                                const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].key, key) == 0)
            return &rows[i];
    return NULL;
}

/* Every 実施率 of the struct equals assess_report_compute's for the same campaign. */
static void test_rates_are_assess_rates(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct report_mgmt m;
    assert_int_equal(
        report_mgmt_gather(f->t.st, f->t.cat, &f->env, f->fy, AG_LANG_JA, NULL, &m, &err), AG_OK);
    assert_int_equal(m.fiscal_year, 2026);
    assert_string_equal(m.from, "2026-04-01");
    assert_string_equal(m.to, "2027-03-31");
    /* the demo has FY2025 rounds 1 and 2 and FY2026 round 1 */
    assert_int_equal(m.ncampaigns, 3);
    assert_true(m.current == 2);
    assert_int_equal(m.campaigns[0].fiscal_year, 2025);
    assert_int_equal(m.campaigns[2].fiscal_year, 2026);
    for (size_t k = 0; k < m.ncampaigns; k++) {
        struct assess_report r;
        assert_int_equal(assess_report_compute(f->t.st, f->t.cat, m.campaigns[k].plan,
                                               m.campaigns[k].round, &r, &err),
                         AG_OK);
        assert_true(m.campaigns[k].rate == assess_tally_rate(&r.total));
        assert_int_equal(m.campaigns[k].submitted, r.submitted);
        for (size_t i = 0; i < r.nrows[ASSESS_BY_SECTION]; i++) {
            const struct assess_report_row *row = &r.rows[ASSESS_BY_SECTION][i];
            const struct report_mgmt_rate *x = find_rate(m.sections, m.nsections, row->key);
            assert_non_null(x);
            assert_true(x->trend[k] == assess_tally_rate(&row->now));
            if ((int)k == m.current) {
                assert_true(x->rate == assess_tally_rate(&row->now));
                assert_true(x->prev_rate == assess_tally_rate(&row->prev));
                assert_int_equal(x->now.implemented, row->now.implemented);
            }
        }
        for (size_t i = 0; i < r.nrows[ASSESS_BY_DEPARTMENT]; i++) {
            const struct assess_report_row *row = &r.rows[ASSESS_BY_DEPARTMENT][i];
            const struct report_mgmt_rate *x = find_rate(m.departments, m.ndepartments, row->key);
            assert_non_null(x);
            assert_true(x->trend[k] == assess_tally_rate(&row->now));
        }
        assess_report_release(&r);
    }
    /* the demo's latest campaign is 75.3% overall (airguard assess report 2) */
    char buf[16];
    snprintf(buf, sizeof(buf), "%.1f", m.campaigns[m.current].rate);
    assert_string_equal(buf, "75.3");
    /* sections in numeric order */
    for (size_t i = 1; i < m.nsections; i++)
        assert_true(strcmp(m.sections[i - 1].key, m.sections[i].key) < 0);
    report_mgmt_release(&m);
}

/* Contradicted measures and flags are isms_measure_status's and isms_ev_flags'; the registers'
 * lists match the store. */
static void test_evidence_and_registers(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct report_mgmt m;
    assert_int_equal(
        report_mgmt_gather(f->t.st, f->t.cat, &f->env, f->fy, AG_LANG_EN, NULL, &m, &err), AG_OK);
    const struct catalog_node **nodes;
    size_t nn, contradicted = 0;
    assert_int_equal(isms_ev_nodes(f->t.cat, &nodes, &nn), AG_OK);
    for (size_t i = 0; i < nn; i++) {
        struct isms_ev_measure ms;
        assert_int_equal(isms_measure_status(f->t.st, nodes[i], &f->env, AG_LANG_EN, &ms, &err),
                         AG_OK);
        if (ms.status == ISMS_EV_CONTRADICTED) {
            assert_true(contradicted < m.contradicted.n);
            assert_string_equal(m.contradicted.v[contradicted].status, nodes[i]->id);
            contradicted++;
        }
    }
    free(nodes);
    assert_int_equal(m.contradicted.n, contradicted);
    assert_true(contradicted >= 1); /* the demo contradicts 3.1.5.1(2)(e) */
    assert_int_equal(m.measures_checked, nn);
    struct isms_ev_flag *flags;
    size_t nf;
    assert_int_equal(isms_ev_flags(f->t.st, f->t.cat, &f->env, AG_LANG_EN, 0, &flags, &nf, &err),
                     AG_OK);
    free(flags);
    assert_int_equal(m.flags, nf);
    assert_true(nf >= 1);

    assert_int_equal((long long)m.risks.n,
                     count(f->t.st, "SELECT count(*) FROM risks WHERE above_threshold = 1 OR "
                                    "selected = 1"));
    assert_int_equal((long long)m.overdue.n,
                     count(f->t.st, "SELECT count(*) FROM actions WHERE status IN ('open', "
                                    "'in_progress') AND due_date < '2026-11-26'"));
    assert_int_equal(m.alerts, count(f->t.st, "SELECT count(*) FROM alerts WHERE time >= "
                                              "'2026-04-01' AND time < '2027-04-01'"));
    long sum = 0;
    for (size_t i = 0; i < m.alert_categories.n; i++)
        sum += m.alert_categories.v[i].count;
    assert_int_equal(sum, m.alerts);
    assert_int_equal(m.incidents_open + m.incidents_recovered + m.incidents_closed,
                     (long)m.incidents.n);
    report_mgmt_release(&m);

    /* an alert from a critical system's asset is counted under that system */
    exec(f->t.st, "INSERT INTO alerts(id, time, category, rule, level, src_ip, host, created_at) "
                  "VALUES ('t-bhs', '2026-10-01T00:00:00Z', 'plc_write', 'r', 'critical', "
                  "'10.40.2.21', 'bhs-plc1', '2026-10-01T00:00:00Z')");
    assert_int_equal(
        report_mgmt_gather(f->t.st, f->t.cat, &f->env, f->fy, AG_LANG_EN, NULL, &m, &err), AG_OK);
    bool bhs = false;
    for (size_t i = 0; i < m.alert_systems.n; i++)
        if (strcmp(m.alert_systems.v[i].key, "BHS") == 0) {
            bhs = true;
            assert_int_equal(m.alert_systems.v[i].count, 1);
            assert_int_equal(m.alert_systems.v[i].high, 1);
        }
    assert_true(bhs);
    report_mgmt_release(&m);
}

/* A <script> in a risk's title and a quote-and-</style> organisation name come out escaped. */
static void test_hostile_text_is_escaped(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    exec(f->t.st, "UPDATE risks SET title = '<script>alert(1)</script>' WHERE id = (SELECT min(id) "
                  "FROM risks WHERE above_threshold = 1)");
    exec(f->t.st, "UPDATE organisation SET name_ja = 'X\"; } </style><script>alert(2)</script>'");
    struct strbuf out;
    strbuf_init(&out, 0);
    assert_int_equal(report_management(f->t.st, f->t.cat, &f->env, f->fy, AG_LANG_JA, REPORT_HTML,
                                       NULL, &out, &err),
                     AG_OK);
    const char *h = strbuf_str(&out);
    assert_null(strstr(h, "<script"));
    assert_non_null(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    /* one </style> per style element: the organisation's name did not close one */
    size_t styles = 0, closes = 0;
    for (const char *p = h; (p = strstr(p, "<style>")); p++)
        styles++;
    for (const char *p = h; (p = strstr(p, "</style>")); p++)
        closes++;
    assert_int_equal(styles, closes);
    /* nothing fetched: no script, no src or href, the CSP forbids everything else */
    assert_null(strstr(h, " src="));
    assert_null(strstr(h, "href="));
    assert_non_null(strstr(h, "default-src 'none'"));
    /* the headings and the classification */
    assert_non_null(strstr(h, "経営層への報告"));
    assert_non_null(strstr(h, "取扱注意"));
    assert_non_null(strstr(h, "実施率とその推移"));
    assert_non_null(strstr(h, "75.3%"));
    /* the export is in the audit trail */
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'export' AND "
                                    "entity = 'management_report' AND entity_id = 'FY2026'"),
                     1);
    strbuf_release(&out);
}

static void test_english(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct strbuf out;
    strbuf_init(&out, 0);
    assert_int_equal(report_management(f->t.st, f->t.cat, &f->env, f->fy, AG_LANG_EN, REPORT_HTML,
                                       NULL, &out, &err),
                     AG_OK);
    const char *h = strbuf_str(&out);
    assert_non_null(strstr(h, "<html lang=\"en\">"));
    assert_non_null(strstr(h, "Report to management on information security"));
    assert_non_null(strstr(h, "FY2026 (2026-04-01 to 2027-03-31)"));
    assert_null(strstr(h, "mgmt:")); /* every label found its message */
    strbuf_release(&out);
    /* a year without campaigns still renders, saying so */
    strbuf_init(&out, 0);
    assert_int_equal(report_management(f->t.st, f->t.cat, &f->env, 2030, AG_LANG_EN, REPORT_HTML,
                                       NULL, &out, &err),
                     AG_OK);
    assert_non_null(strstr(strbuf_str(&out), "no self-inspection campaign in the period"));
    strbuf_release(&out);
}

/* Bar heights are value / max of the plot's height; negative values draw no bar. */
static void test_svg_bars_proportional(void **state)
{
    (void)state;
    const char *labels[] = {"3.1.1", "<b>", "3.1.3", "3.1.4"};
    const double values[] = {100, 50, 25, -1};
    struct strbuf sb;
    strbuf_init(&sb, 0);
    report_svg_bars(&sb, "t<i>", labels, values, 4, 100, "%");
    const char *s = strbuf_str(&sb);
    double heights[4];
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, "<rect class=\"bar\"")); p++) {
        const char *h = strstr(p, "height=\"");
        assert_non_null(h);
        assert_true(n < 4);
        heights[n++] = strtod(h + 8, NULL);
    }
    assert_int_equal(n, 3);
    assert_true(heights[0] > 0);
    for (size_t i = 0; i < n; i++)
        assert_true(heights[i] / REPORT_SVG_PLOT_H * 100 - values[i] < 0.01 &&
                    values[i] - heights[i] / REPORT_SVG_PLOT_H * 100 < 0.01);
    assert_true(heights[1] * 2 - heights[0] < 0.01 && heights[0] - heights[1] * 2 < 0.01);
    assert_null(strstr(s, "<b>"));
    assert_null(strstr(s, "<i>"));
    assert_non_null(strstr(s, "&lt;b&gt;"));
    strbuf_release(&sb);
    /* a value above max is drawn at max */
    strbuf_init(&sb, 0);
    const double big[] = {250};
    report_svg_bars(&sb, "t", labels, big, 1, 100, "");
    const char *h = strstr(strstr(strbuf_str(&sb), "<rect class=\"bar\""), "height=\"");
    assert_true(strtod(h + 8, NULL) == REPORT_SVG_PLOT_H);
    strbuf_release(&sb);
}

static void test_period(void **state)
{
    (void)state;
    struct ag_error err;
    int fy = 0;
    assert_int_equal(report_mgmt_period("2026", &fy, &err), AG_OK);
    assert_int_equal(fy, 2026);
    assert_int_equal(report_mgmt_period("FY2027", &fy, &err), AG_OK);
    assert_int_equal(fy, 2027);
    assert_int_equal(report_mgmt_period("fy2028", &fy, &err), AG_OK);
    assert_int_equal(fy, 2028);
    const char *bad[] = {"", "20x6", "1999", "3000", "20266", "2026-04", " 2026", "FY", NULL};
    for (size_t i = 0; bad[i]; i++) {
        assert_int_equal(report_mgmt_period(bad[i], &fy, &err), AG_EINVAL);
        assert_non_null(strstr(err.msg, "--period"));
        assert_non_null(strstr(err.msg, bad[i]));
    }
    assert_int_equal(report_mgmt_period(NULL, &fy, &err), AG_EINVAL);
}

int main(void)
{
    isms_register_messages();
    report_register_messages();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_period),
        cmocka_unit_test(test_svg_bars_proportional),
        cmocka_unit_test_setup_teardown(test_rates_are_assess_rates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_evidence_and_registers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_text_is_escaped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_english, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
