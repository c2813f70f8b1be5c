/*
 * fuzz_mgmt_html.c — arbitrary bytes as the texts of a management report (src/report/mgmt.c,
 * mgmt_html.c): split at NUL bytes into --period, the organisation's name (it also goes into the
 * running header's CSS string), section keys and labels, list titles, details, statuses, levels
 * and owners, alert categories. report_mgmt_period either refuses with a message naming the value
 * or gives a year of 2000..2999. The page is rendered twice — with the texts, and with every byte
 * of them replaced by 'x' — and must hold the same number of '<' and '"' both times: nothing from
 * the record can open a tag or leave an attribute or the CSS string.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NF 12

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

static void fill(struct report_mgmt *m, char *const *f, struct report_mgmt_rate *rates,
                 struct report_mgmt_item *items, struct report_mgmt_count *counts)
{
    memset(m, 0, sizeof(*m));
    m->fiscal_year = 2026;
    snprintf(m->from, sizeof(m->from), "2026-04-01");
    snprintf(m->to, sizeof(m->to), "2027-03-31");
    snprintf(m->today, sizeof(m->today), "2026-11-26");
    snprintf(m->org, sizeof(m->org), "%s", f[1]);
    m->ncampaigns = 2;
    m->current = 1;
    for (size_t k = 0; k < 2; k++) {
        m->campaigns[k].fiscal_year = 2025 + (int)k;
        m->campaigns[k].round = 1;
        m->campaigns[k].rate = 50.0 + (double)k;
    }
    snprintf(m->plan_title, sizeof(m->plan_title), "%s", f[2]);
    snprintf(m->plan_status, sizeof(m->plan_status), "%s", f[3]);
    for (size_t i = 0; i < 2; i++) {
        memset(&rates[i], 0, sizeof(rates[i]));
        snprintf(rates[i].key, sizeof(rates[i].key), "%s", f[4 + i]);
        snprintf(rates[i].label, sizeof(rates[i].label), "%s", f[6 + i]);
        rates[i].rate = 40.0 * (double)i;
        rates[i].prev_rate = -1;
        rates[i].now.implemented = 1;
        for (size_t k = 0; k < REPORT_MGMT_CAMPAIGNS; k++)
            rates[i].trend[k] = k < 2 ? 10.0 * (double)k : -1;
    }
    m->sections = m->departments = m->phases = rates;
    m->nsections = m->ndepartments = m->nphases = 2;
    for (size_t i = 0; i < 2; i++) {
        memset(&items[i], 0, sizeof(items[i]));
        items[i].id = (long long)i + 1;
        items[i].title = f[8 + i];
        items[i].detail = f[9 + i];
        snprintf(items[i].status, sizeof(items[i].status), "%s", f[10]);
        snprintf(items[i].date, sizeof(items[i].date), "%s", f[11]);
        snprintf(items[i].level, sizeof(items[i].level), "%s", f[3]);
        snprintf(items[i].owner, sizeof(items[i].owner), "%s", f[2]);
        memset(&counts[i], 0, sizeof(counts[i]));
        snprintf(counts[i].key, sizeof(counts[i].key), "%s", f[10 + i]);
        snprintf(counts[i].label, sizeof(counts[i].label), "%s", f[8 + i]);
        counts[i].count = (long)i * 3;
    }
    struct report_mgmt_list l = {items, 2};
    m->contradicted = m->risks = m->incidents = m->exceptions = m->findings = m->overdue = l;
    m->blocked = m->devices = l;
    m->blocklist_given = true;
    snprintf(m->netwatch_snapshot, sizeof(m->netwatch_snapshot), "%s", f[11]);
    struct report_mgmt_counts c = {counts, 2};
    m->alert_categories = m->alert_systems = m->sources = c;
}

static void render(const struct report_mgmt *m, struct strbuf *out)
{
    struct ag_error err;
    strbuf_init(out, 0);
    if (report_mgmt_html(m, AG_LANG_JA, out, &err) != AG_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool init;
    if (!init) {
        report_register_messages();
        init = true;
    }
    if (size > 4096)
        return 0;
    char *buf = malloc(size + 1), *masked = malloc(size + 1);
    if (!buf || !masked)
        abort();
    memcpy(buf, data, size);
    buf[size] = '\0';
    for (size_t i = 0; i < size; i++)
        masked[i] = data[i] ? 'x' : '\0';
    masked[size] = '\0';
    char *f[NF], *g[NF];
    size_t pos = 0;
    for (size_t i = 0; i < NF; i++) {
        f[i] = buf + pos;
        g[i] = masked + pos;
        while (pos < size && buf[pos])
            pos++;
        if (pos < size)
            pos++;
    }

    struct ag_error err;
    int fy = 0;
    if (report_mgmt_period(f[0], &fy, &err) == AG_OK) {
        if (fy < 2000 || fy > 2999)
            abort();
    } else if (!strstr(err.msg, "--period")) {
        abort();
    }

    struct report_mgmt m1, m2;
    struct report_mgmt_rate r1[2], r2[2];
    struct report_mgmt_item i1[2], i2[2];
    struct report_mgmt_count c1[2], c2[2];
    fill(&m1, f, r1, i1, c1);
    fill(&m2, g, r2, i2, c2);
    struct strbuf a, b;
    render(&m1, &a);
    render(&m2, &b);
    if (strbuf_ok(&a) && strbuf_ok(&b) &&
        (count_char(strbuf_str(&a), '<') != count_char(strbuf_str(&b), '<') ||
         count_char(strbuf_str(&a), '"') != count_char(strbuf_str(&b), '"')))
        abort();
    strbuf_release(&a);
    strbuf_release(&b);
    free(buf);
    free(masked);
    return 0;
}
