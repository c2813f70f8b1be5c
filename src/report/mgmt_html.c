/*
 * mgmt_html.c — the management report (struct report_mgmt, gathered by mgmt.c) as one printable
 * HTML page: A4, a page per part, a running header with the organisation, the period and the
 * classification 取扱注意 (CSS page-margin boxes), and charts as inline SVG drawn here (bars of
 * 実施率 per section, the trend across campaigns, alerts by category).
 *
 * Invariants: every text from the store goes through report_html_text (or css_string for the
 * running header); the page has no script and fetches nothing (report_html_begin's CSP); every
 * label is a message of msgs_mgmt.c, in Japanese and English.
 */
#include "report/report.h"

#include <ctype.h>

#define T(key) ag_tr(lang, key)

/* ---- SVG charts ---- */

#define SVG_LEFT 44.0
#define SVG_TOP 28.0
#define SVG_BOTTOM 70.0 /* room for the rotated labels */

static void svg_begin(struct strbuf *sb, const char *title, double w, double h)
{
    strbuf_addf(sb,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%.0f\" "
                "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
                w, h, w, h);
    report_html_text(sb, title);
    strbuf_adds(sb, "\">\n<title>");
    report_html_text(sb, title);
    strbuf_addf(sb, "</title>\n<text x=\"%.0f\" y=\"16\" class=\"t\">", SVG_LEFT);
    report_html_text(sb, title);
    strbuf_adds(sb, "</text>\n");
}

/* The y axis from 0 to max with 5 grid lines. */
static void svg_axis(struct strbuf *sb, double w, double max, const char *unit)
{
    for (int i = 0; i <= 4; i++) {
        double v = max * i / 4, y = SVG_TOP + REPORT_SVG_PLOT_H - REPORT_SVG_PLOT_H * i / 4;
        strbuf_addf(sb,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"g\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" class=\"a\" text-anchor=\"end\">%.0f",
                    SVG_LEFT, y, w - 8, y, SVG_LEFT - 4, y + 3, v);
        report_html_text(sb, unit);
        strbuf_adds(sb, "</text>\n");
    }
}

static void svg_label(struct strbuf *sb, double x, const char *label)
{
    double y = SVG_TOP + REPORT_SVG_PLOT_H + 12;
    strbuf_addf(sb,
                "<text x=\"%.1f\" y=\"%.1f\" class=\"a\" text-anchor=\"end\" "
                "transform=\"rotate(-35 %.1f %.1f)\">",
                x, y, x, y);
    /* at most 14 characters (UTF-8 aware) */
    size_t n = 0, chars = 0;
    while (label[n] && chars < 14) {
        n++;
        while (((unsigned char)label[n] & 0xC0) == 0x80)
            n++;
        chars++;
    }
    char cut[256];
    snprintf(cut, sizeof(cut), "%.*s%s", (int)(n < 200 ? n : 200), label, label[n] ? "…" : "");
    report_html_text(sb, cut);
    strbuf_adds(sb, "</text>\n");
}

void report_svg_bars(struct strbuf *sb, const char *title, const char *const *labels,
                     const double *values, size_t n, double max, const char *unit)
{
    double slot = n > 12 ? 36 : 48, w = SVG_LEFT + slot * (double)(n ? n : 1) + 16,
           h = SVG_TOP + REPORT_SVG_PLOT_H + SVG_BOTTOM;
    if (max <= 0)
        max = 1;
    svg_begin(sb, title, w, h);
    svg_axis(sb, w, max, unit);
    for (size_t i = 0; i < n; i++) {
        double x = SVG_LEFT + slot * (double)i + slot * 0.2, bw = slot * 0.6;
        double v = values[i];
        if (v >= 0) {
            double bh = (v > max ? max : v) / max * REPORT_SVG_PLOT_H;
            strbuf_addf(sb,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%.2f\" width=\"%.1f\" "
                        "height=\"%.2f\"/>\n<text x=\"%.1f\" y=\"%.1f\" class=\"v\" "
                        "text-anchor=\"middle\">%.*f</text>\n",
                        x, SVG_TOP + REPORT_SVG_PLOT_H - bh, bw, bh, x + bw / 2,
                        SVG_TOP + REPORT_SVG_PLOT_H - bh - 3, *unit ? 1 : 0, v);
        } else {
            strbuf_addf(sb,
                        "<text x=\"%.1f\" y=\"%.1f\" class=\"v\" text-anchor=\"middle\">-</text>\n",
                        x + bw / 2, SVG_TOP + REPORT_SVG_PLOT_H - 3);
        }
        svg_label(sb, x + bw / 2, labels[i]);
    }
    strbuf_adds(sb, "</svg>\n");
}

void report_svg_line(struct strbuf *sb, const char *title, const char *const *labels,
                     const double *values, size_t n, double max, const char *unit)
{
    double slot = 72, w = SVG_LEFT + slot * (double)(n ? n : 1) + 16,
           h = SVG_TOP + REPORT_SVG_PLOT_H + SVG_BOTTOM;
    if (max <= 0)
        max = 1;
    svg_begin(sb, title, w, h);
    svg_axis(sb, w, max, unit);
    bool pen = false;
    strbuf_adds(sb, "<path class=\"line\" d=\"");
    for (size_t i = 0; i < n; i++) {
        if (values[i] < 0) {
            pen = false;
            continue;
        }
        double x = SVG_LEFT + slot * (double)i + slot / 2,
               y = SVG_TOP + REPORT_SVG_PLOT_H -
                   (values[i] > max ? max : values[i]) / max * REPORT_SVG_PLOT_H;
        strbuf_addf(sb, "%s%.1f %.2f ", pen ? "L" : "M", x, y);
        pen = true;
    }
    strbuf_adds(sb, "\"/>\n");
    for (size_t i = 0; i < n; i++) {
        double x = SVG_LEFT + slot * (double)i + slot / 2;
        if (values[i] >= 0) {
            double y = SVG_TOP + REPORT_SVG_PLOT_H -
                       (values[i] > max ? max : values[i]) / max * REPORT_SVG_PLOT_H;
            strbuf_addf(sb,
                        "<circle class=\"pt\" cx=\"%.1f\" cy=\"%.2f\" r=\"3\"/><text x=\"%.1f\" "
                        "y=\"%.1f\" class=\"v\" text-anchor=\"middle\">%.1f</text>\n",
                        x, y, x, y - 6, values[i]);
        }
        svg_label(sb, x, labels[i]);
    }
    strbuf_adds(sb, "</svg>\n");
}

/* ---- page pieces ---- */

/* A CSS string literal: ASCII other than letters, digits and space as hex escapes, so neither a
 * quote nor "</style" can leave it. */
static void css_string(struct strbuf *sb, const char *s)
{
    strbuf_addc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80 || isalnum(*p) || *p == ' ')
            strbuf_addc(sb, (char)*p);
        else if (*p >= 0x20)
            strbuf_addf(sb, "\\%x ", *p);
    }
    strbuf_addc(sb, '"');
}

static void rate_cell(struct strbuf *sb, double r)
{
    if (r < 0)
        strbuf_adds(sb, "<td class=\"n\">-</td>");
    else
        strbuf_addf(sb, "<td class=\"n\">%.1f%%</td>", r);
}

static void delta_cell(struct strbuf *sb, double a, double b)
{
    if (a < 0 || b < 0)
        strbuf_adds(sb, "<td class=\"n\">-</td>");
    else
        strbuf_addf(sb, "<td class=\"n\">%+.1f</td>", a - b);
}

static void td(struct strbuf *sb, const char *s)
{
    strbuf_adds(sb, "<td>");
    report_html_text(sb, s ? s : "");
    strbuf_adds(sb, "</td>");
}

static void td_date(struct strbuf *sb, const char *s)
{
    strbuf_adds(sb, "<td class=\"d\">");
    report_html_text(sb, s && *s ? s : "-");
    strbuf_adds(sb, "</td>");
}

static void td_num(struct strbuf *sb, long v)
{
    strbuf_addf(sb, "<td class=\"n\">%ld</td>", v);
}

static void th_row(struct strbuf *sb, enum ag_lang lang, const char *const *keys, size_t n)
{
    strbuf_adds(sb, "<thead><tr>");
    for (size_t i = 0; i < n; i++) {
        strbuf_adds(sb, "<th>");
        report_html_text(sb, T(keys[i]));
        strbuf_adds(sb, "</th>");
    }
    strbuf_adds(sb, "</tr></thead>\n<tbody>\n");
}

static void section_begin(struct strbuf *sb, enum ag_lang lang, const char *id, const char *key)
{
    strbuf_addf(sb, "<section class=\"part\" id=\"%s\">\n<h2>", id);
    report_html_text(sb, T(key));
    strbuf_adds(sb, "</h2>\n");
}

static void h3(struct strbuf *sb, enum ag_lang lang, const char *key)
{
    strbuf_adds(sb, "<h3>");
    report_html_text(sb, T(key));
    strbuf_adds(sb, "</h3>\n");
}

static void para(struct strbuf *sb, const char *cls, const char *text)
{
    strbuf_addf(sb, "<p class=\"%s\">", cls);
    report_html_text(sb, text);
    strbuf_adds(sb, "</p>\n");
}

static void none(struct strbuf *sb, enum ag_lang lang)
{
    para(sb, "none", T("mgmt:none"));
}

/* A status word through the message table ("mgmt:st:<id>"), the id itself when unknown. */
static const char *status_text(enum ag_lang lang, const char *id)
{
    char key[256];
    snprintf(key, sizeof(key), "mgmt:st:%s", id);
    const char *t = T(key);
    return t == key || strcmp(t, key) == 0 ? id : t;
}

static void campaign_label(enum ag_lang lang, const struct report_mgmt_campaign *c, char *buf,
                           size_t cap)
{
    snprintf(buf, cap, T("mgmt:FY%d round %d"), c->fiscal_year, c->round);
}

/* ---- the parts ---- */

static void part_summary(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    section_begin(sb, lang, "summary", "mgmt:Summary");
    strbuf_adds(sb, "<table class=\"kv\">\n");
    char v[256];
    const struct report_mgmt_campaign *c = m->current >= 0 ? &m->campaigns[m->current] : NULL;
    strbuf_adds(sb, "<tr><th>");
    report_html_text(sb, T("mgmt:Implementation rate (latest campaign)"));
    strbuf_adds(sb, "</th>");
    if (c && c->rate >= 0) {
        char lbl[64];
        campaign_label(lang, c, lbl, sizeof(lbl));
        snprintf(v, sizeof(v), "%.1f%% (%s)", c->rate, lbl);
    } else {
        snprintf(v, sizeof(v), "%s", T("mgmt:no campaign in the period"));
    }
    td(sb, v);
    strbuf_adds(sb, "</tr>\n");
    struct {
        const char *key;
        long value;
    } rows[] = {
        {"mgmt:Contradicted measures", (long)m->contradicted.n},
        {"mgmt:Answers of 実施 flagged", (long)m->flags},
        {"mgmt:Risks at or above the threshold", (long)m->risks.n},
        {"mgmt:Incidents not closed", m->incidents_open + m->incidents_recovered},
        {"mgmt:Exceptions expired or expiring", (long)m->exceptions.n},
        {"mgmt:Audit findings (non-conforming)", (long)m->findings.n},
        {"mgmt:Overdue corrective actions", (long)m->overdue.n},
        {"mgmt:Alerts in the period (high or critical)", m->alerts},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(rows); i++) {
        strbuf_adds(sb, "<tr><th>");
        report_html_text(sb, T(rows[i].key));
        strbuf_adds(sb, "</th>");
        if (i + 1 == AG_ARRAY_LEN(rows))
            strbuf_addf(sb, "<td>%ld (%ld)</td>", m->alerts, m->alerts_high);
        else
            strbuf_addf(sb, "<td>%ld</td>", rows[i].value);
        strbuf_adds(sb, "</tr>\n");
    }
    strbuf_adds(sb, "</table>\n");
    para(sb, "note", T("mgmt:summary-note"));
    strbuf_adds(sb, "</section>\n");
}

static void part_pdca(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    char buf[512];
    section_begin(sb, lang, "pdca", "mgmt:PDCA status");
    strbuf_adds(sb, "<table>\n");
    static const char *const heads[] = {"mgmt:Phase", "mgmt:What was done in the period"};
    th_row(sb, lang, heads, AG_ARRAY_LEN(heads));
    /* Plan */
    strbuf_adds(sb, "<tr>");
    td(sb, T("phase:plan"));
    if (m->plan_title[0])
        snprintf(buf, sizeof(buf), T("mgmt:pdca-plan %s %d %s %zu"), m->plan_title,
                 m->plan_revision, status_text(lang, m->plan_status), m->risks.n);
    else
        snprintf(buf, sizeof(buf), T("mgmt:pdca-no-plan %zu"), m->risks.n);
    td(sb, buf);
    strbuf_adds(sb, "</tr>\n<tr>");
    /* Do */
    td(sb, T("phase:do"));
    int sheets = 0, submitted = 0, campaigns = 0;
    for (size_t k = 0; k < m->ncampaigns; k++)
        if (m->campaigns[k].fiscal_year == m->fiscal_year) {
            campaigns++;
            sheets += m->campaigns[k].sheets;
            submitted += m->campaigns[k].submitted;
        }
    snprintf(buf, sizeof(buf), T("mgmt:pdca-do %d %d %d"), campaigns, submitted, sheets);
    td(sb, buf);
    strbuf_adds(sb, "</tr>\n<tr>");
    /* Check */
    td(sb, T("phase:check"));
    snprintf(buf, sizeof(buf), T("mgmt:pdca-check %ld %ld %zu %zu %zu"), m->audits,
             m->audits_reported, m->measures_evidenced, m->measures_checked, m->contradicted.n);
    td(sb, buf);
    strbuf_adds(sb, "</tr>\n<tr>");
    /* Act */
    td(sb, T("phase:act"));
    snprintf(buf, sizeof(buf), T("mgmt:pdca-act %ld %ld %ld %zu"), m->instructions,
             m->actions_created, m->actions_completed, m->overdue.n);
    td(sb, buf);
    strbuf_adds(sb, "</tr>\n</tbody></table>\n");
    if (m->nphases) {
        h3(sb, lang, "mgmt:Implementation rate by PDCA phase");
        strbuf_adds(sb, "<table>\n");
        static const char *const h2[] = {"mgmt:Phase", "mgmt:Rate", "mgmt:Previous", "mgmt:Change"};
        th_row(sb, lang, h2, AG_ARRAY_LEN(h2));
        for (size_t i = 0; i < m->nphases; i++) {
            const struct report_mgmt_rate *r = &m->phases[i];
            strbuf_adds(sb, "<tr>");
            td(sb, r->label);
            rate_cell(sb, r->rate);
            rate_cell(sb, r->prev_rate);
            delta_cell(sb, r->rate, r->prev_rate);
            strbuf_adds(sb, "</tr>\n");
        }
        strbuf_adds(sb, "</tbody></table>\n");
    }
    strbuf_adds(sb, "</section>\n");
}

static void rate_table(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang,
                       const struct report_mgmt_rate *rows, size_t n, const char *first)
{
    strbuf_adds(sb, "<table>\n<thead><tr><th>");
    report_html_text(sb, T(first));
    strbuf_adds(sb, "</th>");
    static const char *const heads[] = {
        "mgmt:Implemented", "mgmt:Partial",  "mgmt:Not implemented", "mgmt:Not applicable",
        "mgmt:Rate",        "mgmt:Previous", "mgmt:Change"};
    for (size_t h = 0; h < AG_ARRAY_LEN(heads); h++) {
        strbuf_adds(sb, "<th>");
        report_html_text(sb, T(heads[h]));
        strbuf_adds(sb, "</th>");
    }
    strbuf_adds(sb, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct report_mgmt_rate *r = &rows[i];
        if (r->now.implemented + r->now.partial + r->now.not_implemented + r->now.not_applicable ==
                0 &&
            r->prev_rate < 0 && r->rate < 0)
            continue;
        strbuf_adds(sb, "<tr>");
        td(sb, r->label);
        td_num(sb, r->now.implemented);
        td_num(sb, r->now.partial);
        td_num(sb, r->now.not_implemented);
        td_num(sb, r->now.not_applicable);
        rate_cell(sb, r->rate);
        rate_cell(sb, r->prev_rate);
        delta_cell(sb, r->rate, r->prev_rate);
        strbuf_adds(sb, "</tr>\n");
    }
    strbuf_adds(sb, "</tbody></table>\n");
    (void)m;
}

static void trend_table(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang,
                        const struct report_mgmt_rate *rows, size_t n, const char *first)
{
    char lbl[64];
    strbuf_adds(sb, "<table class=\"trend\">\n<thead><tr><th>");
    report_html_text(sb, T(first));
    strbuf_adds(sb, "</th>");
    for (size_t k = 0; k < m->ncampaigns; k++) {
        campaign_label(lang, &m->campaigns[k], lbl, sizeof(lbl));
        strbuf_adds(sb, "<th>");
        report_html_text(sb, lbl);
        strbuf_adds(sb, "</th>");
    }
    strbuf_adds(sb, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        strbuf_adds(sb, "<tr>");
        td(sb, rows[i].label);
        for (size_t k = 0; k < m->ncampaigns; k++)
            rate_cell(sb, rows[i].trend[k]);
        strbuf_adds(sb, "</tr>\n");
    }
    strbuf_adds(sb, "</tbody></table>\n");
}

static void part_rates(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    section_begin(sb, lang, "rates", "mgmt:Implementation rate (実施率) and its trend");
    para(sb, "note", T("mgmt:rate-rule"));
    if (!m->ncampaigns) {
        none(sb, lang);
        strbuf_adds(sb, "</section>\n");
        return;
    }
    const struct report_mgmt_campaign *c = m->current >= 0 ? &m->campaigns[m->current] : NULL;
    char buf[256], lbl[64];
    if (c) {
        campaign_label(lang, c, lbl, sizeof(lbl));
        snprintf(buf, sizeof(buf), T("mgmt:latest %s %lld %d %d"), lbl, c->plan, c->submitted,
                 c->sheets);
        para(sb, "meta", buf);
    } else {
        para(sb, "meta", T("mgmt:no campaign in the period"));
    }
    /* trend of the overall rate */
    const char *labels[REPORT_MGMT_CAMPAIGNS];
    char lbuf[REPORT_MGMT_CAMPAIGNS][64];
    double vals[REPORT_MGMT_CAMPAIGNS];
    for (size_t k = 0; k < m->ncampaigns; k++) {
        campaign_label(lang, &m->campaigns[k], lbuf[k], sizeof(lbuf[k]));
        labels[k] = lbuf[k];
        vals[k] = m->campaigns[k].rate;
    }
    strbuf_adds(sb, "<figure>");
    report_svg_line(sb, T("mgmt:Overall implementation rate by campaign, percent"), labels, vals,
                    m->ncampaigns, 100, "%");
    strbuf_adds(sb, "</figure>\n");
    if (c) {
        /* bars per section of the latest campaign */
        const char **sl = calloc(m->nsections ? m->nsections : 1, sizeof(*sl));
        double *sv = calloc(m->nsections ? m->nsections : 1, sizeof(*sv));
        if (sl && sv) {
            for (size_t i = 0; i < m->nsections; i++) {
                sl[i] = m->sections[i].key;
                sv[i] = m->sections[i].rate;
            }
            strbuf_adds(sb, "<figure>");
            report_svg_bars(sb, T("mgmt:Implementation rate by section, latest campaign, percent"),
                            sl, sv, m->nsections, 100, "%");
            strbuf_adds(sb, "</figure>\n");
        }
        free(sl);
        free(sv);
        h3(sb, lang, "mgmt:By section");
        rate_table(sb, m, lang, m->sections, m->nsections, "mgmt:Section");
        h3(sb, lang, "mgmt:By department");
        rate_table(sb, m, lang, m->departments, m->ndepartments, "mgmt:Department");
    }
    h3(sb, lang, "mgmt:Trend by section");
    trend_table(sb, m, lang, m->sections, m->nsections, "mgmt:Section");
    h3(sb, lang, "mgmt:Trend by department");
    trend_table(sb, m, lang, m->departments, m->ndepartments, "mgmt:Department");
    strbuf_adds(sb, "</section>\n");
}

static void part_evidence(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    char buf[256];
    section_begin(sb, lang, "evidence", "mgmt:Measures contradicted by live evidence");
    snprintf(buf, sizeof(buf), T("mgmt:evidence %zu %zu %zu %zu %zu"), m->measures_checked,
             m->measures_evidenced, m->contradicted.n, m->measures_no_data, m->flags);
    para(sb, "meta", buf);
    if (!m->contradicted.n) {
        none(sb, lang);
    } else {
        strbuf_adds(sb, "<table>\n");
        static const char *const heads[] = {"mgmt:Measure", "mgmt:Reason"};
        th_row(sb, lang, heads, AG_ARRAY_LEN(heads));
        for (size_t i = 0; i < m->contradicted.n; i++) {
            strbuf_adds(sb, "<tr>");
            td(sb, m->contradicted.v[i].title);
            td(sb, m->contradicted.v[i].detail);
            strbuf_adds(sb, "</tr>\n");
        }
        strbuf_adds(sb, "</tbody></table>\n");
    }
    strbuf_adds(sb, "</section>\n");
}

static void item_table(struct strbuf *sb, enum ag_lang lang, const struct report_mgmt_list *l,
                       const char *const *heads, size_t nheads, const char *cols)
{
    if (!l->n) {
        none(sb, lang);
        return;
    }
    strbuf_adds(sb, "<table>\n");
    th_row(sb, lang, heads, nheads);
    for (size_t i = 0; i < l->n; i++) {
        const struct report_mgmt_item *it = &l->v[i];
        strbuf_adds(sb, "<tr>");
        for (const char *c = cols; *c; c++) {
            switch (*c) {
            case 'i':
                strbuf_addf(sb, "<td class=\"n\">%lld</td>", it->id);
                break;
            case 't':
                td(sb, it->title);
                break;
            case 'd':
                td(sb, it->detail);
                break;
            case 's':
                td(sb, status_text(lang, it->status));
                break;
            case 'D':
                td_date(sb, it->date);
                break;
            case 'l':
                td(sb, status_text(lang, it->level));
                break;
            case 'o':
                td(sb, it->owner);
                break;
            case 'L': /* the level as stored (a label, a department) */
                td(sb, it->level);
                break;
            case 'O': /* the owner field as a status word (a treatment option) */
                td(sb, it->owner[0] ? status_text(lang, it->owner) : "-");
                break;
            case 'X': /* the detail as a status word (an action's origin) */
                td(sb, status_text(lang, it->detail));
                break;
            }
        }
        strbuf_adds(sb, "</tr>\n");
    }
    strbuf_adds(sb, "</tbody></table>\n");
}

static void part_risks(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    section_begin(sb, lang, "risks", "mgmt:Risks at or above the threshold and their treatment");
    static const char *const heads[] = {"mgmt:No.",  "mgmt:Risk", "mgmt:Level", "mgmt:Treatment",
                                        "mgmt:Plan", "mgmt:Due",  "mgmt:Status"};
    /* level: the level labels; owner: the treatment option; detail: the plan */
    item_table(sb, lang, &m->risks, heads, AG_ARRAY_LEN(heads), "itLOdDs");
    strbuf_adds(sb, "</section>\n");
}

static void part_incidents(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    char buf[256];
    section_begin(sb, lang, "incidents", "mgmt:Incidents and their status");
    snprintf(buf, sizeof(buf), T("mgmt:incidents %ld %ld %ld"), m->incidents_open,
             m->incidents_recovered, m->incidents_closed);
    para(sb, "meta", buf);
    static const char *const heads[] = {"mgmt:No.", "mgmt:Incident", "mgmt:Detected",
                                        "mgmt:Severity", "mgmt:Status"};
    item_table(sb, lang, &m->incidents, heads, AG_ARRAY_LEN(heads), "itDls");
    strbuf_adds(sb, "</section>\n");
}

static void part_exceptions(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    char buf[256];
    section_begin(sb, lang, "exceptions", "mgmt:Exceptions (expiring and expired)");
    snprintf(buf, sizeof(buf), T("mgmt:exceptions %ld %d %s"), m->exceptions_active,
             REPORT_MGMT_EXPIRING_DAYS, m->today);
    para(sb, "meta", buf);
    static const char *const heads[] = {"mgmt:No.",  "mgmt:Rule and clause", "mgmt:Measures",
                                        "mgmt:Ends", "mgmt:Applicant",       "mgmt:Status"};
    item_table(sb, lang, &m->exceptions, heads, AG_ARRAY_LEN(heads), "itdDos");
    strbuf_adds(sb, "</section>\n");
}

static void part_audits(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    section_begin(sb, lang, "audits", "mgmt:Audit findings and overdue corrective actions");
    h3(sb, lang, "mgmt:Findings of the audits of the period");
    static const char *const h1[] = {"mgmt:Audit", "mgmt:Item", "mgmt:Classification",
                                     "mgmt:Finding"};
    item_table(sb, lang, &m->findings, h1, AG_ARRAY_LEN(h1), "told");
    h3(sb, lang, "mgmt:Overdue corrective actions");
    static const char *const h2[] = {"mgmt:No.",   "mgmt:Action",     "mgmt:Origin", "mgmt:Due",
                                     "mgmt:Owner", "mgmt:Department", "mgmt:Status"};
    /* detail: the origin; level: the department; owner: the person */
    item_table(sb, lang, &m->overdue, h2, AG_ARRAY_LEN(h2), "itXDoLs");
    strbuf_adds(sb, "</section>\n");
}

static void counts_table(struct strbuf *sb, enum ag_lang lang, const struct report_mgmt_counts *c,
                         const char *first)
{
    if (!c->n) {
        none(sb, lang);
        return;
    }
    strbuf_adds(sb, "<table>\n");
    const char *heads[] = {first, "mgmt:Alerts", "mgmt:High or critical"};
    th_row(sb, lang, heads, AG_ARRAY_LEN(heads));
    for (size_t i = 0; i < c->n; i++) {
        strbuf_adds(sb, "<tr>");
        td(sb, c->v[i].label);
        td_num(sb, c->v[i].count);
        td_num(sb, c->v[i].high);
        strbuf_adds(sb, "</tr>\n");
    }
    strbuf_adds(sb, "</tbody></table>\n");
}

static void part_monitors(struct strbuf *sb, const struct report_mgmt *m, enum ag_lang lang)
{
    char buf[256];
    section_begin(sb, lang, "monitors", "mgmt:Monitoring summary");
    snprintf(buf, sizeof(buf), T("mgmt:alerts %ld %ld %ld"), m->alerts, m->alerts_high,
             m->alerts_open);
    para(sb, "meta", buf);
    if (m->alert_categories.n) {
        const char **l = calloc(m->alert_categories.n, sizeof(*l));
        double *v = calloc(m->alert_categories.n, sizeof(*v));
        double max = 0;
        if (l && v) {
            for (size_t i = 0; i < m->alert_categories.n; i++) {
                l[i] = m->alert_categories.v[i].label;
                v[i] = (double)m->alert_categories.v[i].count;
                if (v[i] > max)
                    max = v[i];
            }
            /* a round maximum so the grid reads well */
            double step = 1;
            while (step * 10 <= max)
                step *= 10;
            max = step * (double)(long)((max + step - 1) / step);
            if (max < 4)
                max = 4;
            strbuf_adds(sb, "<figure>");
            report_svg_bars(sb, T("mgmt:Alerts by category"), l, v, m->alert_categories.n, max, "");
            strbuf_adds(sb, "</figure>\n");
        }
        free(l);
        free(v);
    }
    h3(sb, lang, "mgmt:Alerts by category");
    counts_table(sb, lang, &m->alert_categories, "mgmt:Category");
    h3(sb, lang, "mgmt:Alerts by critical system");
    counts_table(sb, lang, &m->alert_systems, "mgmt:Critical system");
    snprintf(buf, sizeof(buf), T("mgmt:unattributed %ld"), m->alerts_unattributed);
    para(sb, "meta", buf);
    h3(sb, lang, "mgmt:Most frequent source addresses");
    counts_table(sb, lang, &m->sources, "mgmt:Source address");
    h3(sb, lang, "mgmt:Blocked sources");
    if (!m->blocklist_given) {
        para(sb, "none", T("mgmt:no block list given (--blocklist)"));
    } else {
        static const char *const hb[] = {"mgmt:Address", "mgmt:Reason", "mgmt:Until"};
        item_table(sb, lang, &m->blocked, hb, AG_ARRAY_LEN(hb), "tdD");
    }
    h3(sb, lang, "mgmt:New devices (netwatch)");
    if (!m->netwatch_snapshot[0]) {
        para(sb, "none", T("mgmt:no netwatch inventory stored"));
    } else {
        snprintf(buf, sizeof(buf), T("mgmt:inventory %s %ld"), m->netwatch_snapshot,
                 m->devices_total);
        para(sb, "meta", buf);
        static const char *const hd[] = {"mgmt:Device", "mgmt:Seen as", "mgmt:First seen",
                                         "mgmt:Status"};
        item_table(sb, lang, &m->devices, hd, AG_ARRAY_LEN(hd), "tdDs");
    }
    strbuf_adds(sb, "</section>\n");
}

static void part_review(struct strbuf *sb, enum ag_lang lang)
{
    section_begin(sb, lang, "review", "mgmt:Review by management and instructions");
    para(sb, "note", T("mgmt:review-note"));
    static const char *const boxes[] = {
        "mgmt:Date of the review", "mgmt:Effect and impact on the business",
        "mgmt:Instructions for improvement or review", "mgmt:Reviewed by (signature)"};
    for (size_t i = 0; i < AG_ARRAY_LEN(boxes); i++) {
        strbuf_adds(sb, "<div class=\"box\"><span>");
        report_html_text(sb, T(boxes[i]));
        strbuf_adds(sb, "</span></div>\n");
    }
    strbuf_adds(sb, "</section>\n");
}

int report_mgmt_html(const struct report_mgmt *m, enum ag_lang lang, struct strbuf *out,
                     struct ag_error *err)
{
    char title[256], period[128];
    snprintf(title, sizeof(title), "%s", T("mgmt:Report to management on information security"));
    snprintf(period, sizeof(period), T("mgmt:FY%d (%s to %s)"), m->fiscal_year, m->from, m->to);
    report_html_begin(out, lang, title);
    /* the running header and the parts' own look, after the shared print CSS */
    strbuf_adds(out, "<style>\n@page { @top-left { content: ");
    char head[512];
    snprintf(head, sizeof(head), "%s  %s", m->org, period);
    css_string(out, head);
    strbuf_adds(out, "; font-size: 8pt; color: #555; } @top-right { content: ");
    css_string(out, T("mgmt:取扱注意"));
    strbuf_adds(out,
                "; font-size: 9pt; color: #b00; font-weight: bold; } @bottom-center { content: "
                "counter(page) \" / \" counter(pages); font-size: 8pt; } }\n"
                "section.part { break-before: page; break-inside: auto; }\n"
                "section.part:first-of-type { break-before: auto; }\n"
                "table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: "
                "9pt; }\n"
                "th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: left; "
                "vertical-align: top; }\n"
                "thead { display: table-header-group; } tr { break-inside: avoid; }\n"
                "th { background: #eef; } td.n { text-align: right; white-space: nowrap; } td.d { "
                "white-space: nowrap; }\n"
                "table.kv th { width: 55%; }\n"
                "h3 { font-size: 10.5pt; margin: 10pt 0 2pt; break-after: avoid; }\n"
                "p.none { color: #555; } p.note { font-size: 9pt; color: #333; }\n"
                ".classification { float: right; border: 2px solid #b00; color: #b00; "
                "font-weight: bold; padding: 1pt 6pt; }\n"
                "figure { margin: 6pt 0; break-inside: avoid; }\n"
                "svg.chart { max-width: 100%; height: auto; font-family: inherit; }\n"
                "svg .bar { fill: #0017c1; } svg .line { fill: none; stroke: #0017c1; "
                "stroke-width: 2; } svg .pt { fill: #0017c1; }\n"
                "svg .g { stroke: #ccc; stroke-width: 0.5; } svg .a { font-size: 9px; fill: #333; "
                "} svg .v { font-size: 8px; fill: #000; } svg .t { font-size: 11px; "
                "font-weight: bold; }\n"
                ".box { border: 1px solid #333; min-height: 60pt; margin: 6pt 0; padding: 3pt; }\n"
                ".box span { font-size: 9pt; color: #333; }\n"
                "</style>\n");
    strbuf_adds(out, "<header><span class=\"classification\">");
    report_html_text(out, T("mgmt:取扱注意"));
    strbuf_adds(out, "</span>\n<h1>");
    report_html_text(out, title);
    strbuf_adds(out, "</h1>\n<p class=\"meta\">");
    report_html_text(out, m->org);
    strbuf_adds(out, " — ");
    report_html_text(out, period);
    strbuf_adds(out, "<br>");
    char gen[160];
    snprintf(gen, sizeof(gen), T("mgmt:generated %s"), m->generated);
    report_html_text(out, gen);
    strbuf_adds(out, "</p>\n</header>\n");
    part_summary(out, m, lang);
    part_pdca(out, m, lang);
    part_rates(out, m, lang);
    part_evidence(out, m, lang);
    part_risks(out, m, lang);
    part_incidents(out, m, lang);
    part_exceptions(out, m, lang);
    part_audits(out, m, lang);
    part_monitors(out, m, lang);
    part_review(out, lang);
    report_html_end(out);
    return strbuf_ok(out) ? AG_OK : ag_error_set(err, AG_ENOMEM, "the report is too large");
}
