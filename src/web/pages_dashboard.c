/*
 * pages_dashboard.c — the start page (GET /) of a signed-in user: the figures of the ISMS that
 * need attention and the user's own sign-in history.
 *
 * Figures (each links to its list page where one exists):
 *   - 実施率 of the latest self-inspection campaign (3.3.1.1(1)) with the previous campaign and the
 *     change, computed by assess_report_compute / assess_tally_rate (the same numbers as
 *     `airguard assess report`);
 *   - risks at or above the threshold waiting for a treatment decision (3.1.2.1④, status
 *     needs_decision);
 *   - incidents not yet closed (3.1.2.4(2));
 *   - approved or active exceptions whose end date is within 30 days (3.1.2.3(2)②);
 *   - overdue corrective actions (due date passed, status open or in_progress);
 *   - the user's own self-inspection sheets not yet submitted (→ /assess/sheets).
 * Counts are small read-only queries with bound parameters; nothing is written.
 */
#include "isms/assess.h"
#include "isms/registers.h"
#include "web/alerts.h"
#include "web/compliance.h"
#include "web/trend.h"
#include "web/account.h"
#include "web/web_int.h"

#include <pthread.h>

int page_dashboard(struct web_req *req);

static const char *role_name(struct web_req *req, const char *id)
{
    for (size_t i = 0; i < catalog_role_count(req->cat); i++) {
        const struct catalog_role *r = catalog_role_at(req->cat, i);
        if (strcmp(r->id, id) == 0)
            return catalog_text_get(r->name, req->lang);
    }
    return web_tr(req, id);
}

/* One count(*) with up to two text parameters and one integer parameter (?3; 0 = unbound). */
static int count_of(struct web_req *req, const char *sql, const char *p1, const char *p2,
                    long long p3, long *out)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_cached(req->st, &s, sql, &err);
    if (rc)
        return rc;
    if (p1)
        sqlite3_bind_text(s, 1, p1, -1, SQLITE_STATIC);
    if (p2)
        sqlite3_bind_text(s, 2, p2, -1, SQLITE_STATIC);
    if (p3)
        sqlite3_bind_int64(s, 3, p3);
    int step = sqlite3_step(s);
    *out = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    store_cached_done(req->st, s);
    return step == SQLITE_ROW ? AG_OK : AG_EIO;
}

/* The latest self-inspection campaign: the newest plan (fiscal year, then id) that has sheets. */
static int latest_plan(struct web_req *req, long long *plan)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_cached(req->st, &s,
                          "SELECT s.plan_id FROM assess_sheets s JOIN assess_plans p ON p.id = "
                          "s.plan_id ORDER BY p.fiscal_year DESC, p.id DESC LIMIT 1",
                          &err);
    if (rc)
        return rc;
    int step = sqlite3_step(s);
    *plan = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    store_cached_done(req->st, s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? AG_OK : AG_EIO;
}

/* <div class="figure"><dt>label</dt><dd>value (a link when href)</dd></div> */
static void figure(struct web_req *req, const char *id, const char *label, long value,
                   const char *href)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"figure\"");
    html_attr(h, "id", id);
    html_lit(h, "><dt>");
    html_text(h, label);
    html_lit(h, "</dt><dd class=\"value\">");
    if (href) {
        html_lit(h, "<a");
        html_attr(h, "href", href);
        html_lit(h, ">");
        html_textf(h, "%ld", value);
        html_lit(h, "</a>");
    } else {
        html_textf(h, "%ld", value);
    }
    html_lit(h, "</dd></div>");
}

static void rate_text(struct web_req *req, double rate)
{
    if (rate < 0)
        html_text(&req->out, web_tr(req, "no answers yet"));
    else
        html_textf(&req->out, "%.1f%%", rate);
}

/* The organisation-wide figures: the 実施率 card and the counts of what needs attention.
 * Computing the report reads every answer of two campaigns (~40 ms on the demo), and the counts
 * are five more queries, so the result is kept per process and reused while the store is
 * unchanged and the day is the same: the key is the head of the audit trail, which every write
 * (every answer, submission, new risk …) moves, and today's date (the date-relative counts).
 * bench/RESULTS.md has the before and after. */
struct rate_summary {
    long long plan, prev_plan;
    int round, prev_round, sheets, submitted;
    double now, prev;
};
#define DASH_TREND 6
struct trend_entry {
    long long plan;
    int round, fiscal_year;
    double rate; /* < 0: nothing applicable answered yet */
};
struct org_figures {
    long long plan; /* latest campaign, 0 = none */
    struct rate_summary rate;
    long risks, incidents, exceptions, actions;
    /* PDCA status */
    long reg_overdue, trainings_fy, exceptions_active, audits_open, actions_open;
    struct trend_entry trend[DASH_TREND]; /* oldest first */
    size_t ntrend;
};

static struct {
    pthread_mutex_t lock;
    bool valid;
    long long head;
    char today[11];
    struct org_figures value;
} fig_cache = {PTHREAD_MUTEX_INITIALIZER, false, 0, "", {0}};

/* 実施率 of past campaigns for the trend: a campaign's rate counts submitted sheets only, and a
 * submitted sheet is final, so the rate of (plan, round) changes only when one more sheet is
 * submitted. Kept per process under (plan, round, sheets submitted), so a change elsewhere in the
 * store does not recompute every campaign of the chart. */
static struct {
    long long plan;
    int round, submitted;
    double rate;
} campaign_rates[32];
static size_t ncampaign_rates;

static long long audit_head(struct web_req *req)
{
    sqlite3_stmt *s;
    long long head = -1;
    struct ag_error err;
    if (store_cached(req->st, &s, "SELECT max(seq) FROM audit_log", &err) != AG_OK)
        return -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        head = sqlite3_column_int64(s, 0);
    store_cached_done(req->st, s);
    return head;
}

static int rate_compute(struct web_req *req, long long plan, struct rate_summary *out,
                        struct ag_error *err)
{
    struct assess_report r;
    int rc = assess_report_compute(req->st, req->cat, plan, 0, &r, err);
    if (rc)
        return rc;
    out->plan = r.plan;
    out->round = r.round;
    out->prev_plan = r.prev_plan;
    out->prev_round = r.prev_round;
    out->sheets = r.sheets;
    out->submitted = r.submitted;
    out->now = assess_tally_rate(&r.total);
    out->prev = r.prev_plan ? assess_tally_rate(&r.prev_total) : -1;
    assess_report_release(&r);
    return AG_OK;
}

static int campaign_rate(struct web_req *req, long long plan, int round, int submitted,
                         double *rate, struct ag_error *err)
{
    pthread_mutex_lock(&fig_cache.lock);
    bool hit = false;
    for (size_t i = 0; i < ncampaign_rates && !hit; i++)
        if (campaign_rates[i].plan == plan && campaign_rates[i].round == round &&
            campaign_rates[i].submitted == submitted) {
            *rate = campaign_rates[i].rate;
            hit = true;
        }
    pthread_mutex_unlock(&fig_cache.lock);
    if (hit)
        return AG_OK;
    struct assess_report r;
    int rc = assess_report_compute(req->st, req->cat, plan, round, &r, err);
    if (rc)
        return rc;
    *rate = assess_tally_rate(&r.total);
    assess_report_release(&r);
    pthread_mutex_lock(&fig_cache.lock);
    size_t slot = ncampaign_rates < AG_ARRAY_LEN(campaign_rates)
                      ? ncampaign_rates++
                      : (size_t)(plan + round) % AG_ARRAY_LEN(campaign_rates);
    campaign_rates[slot].plan = plan;
    campaign_rates[slot].round = round;
    campaign_rates[slot].submitted = submitted;
    campaign_rates[slot].rate = *rate;
    pthread_mutex_unlock(&fig_cache.lock);
    return AG_OK;
}

/* The last DASH_TREND campaigns (plan, round with sheets), oldest first, with their 実施率. */
static int trend_get(struct web_req *req, struct org_figures *f, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT x.plan_id, x.round, p.fiscal_year, sum(x.status = 'submitted') "
                           "FROM assess_sheets x JOIN assess_plans p ON p.id = x.plan_id GROUP BY "
                           "x.plan_id, x.round ORDER BY p.fiscal_year DESC, p.id DESC, x.round "
                           "DESC LIMIT ?1",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, DASH_TREND);
    struct trend_entry rev[DASH_TREND];
    int sub[DASH_TREND];
    size_t n = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW && n < DASH_TREND) {
        rev[n].plan = sqlite3_column_int64(s, 0);
        rev[n].round = sqlite3_column_int(s, 1);
        rev[n].fiscal_year = sqlite3_column_int(s, 2);
        sub[n] = sqlite3_column_int(s, 3);
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    for (size_t i = 0; i < n; i++) {
        struct trend_entry *e = &f->trend[n - 1 - i];
        *e = rev[i];
        if ((rc = campaign_rate(req, e->plan, e->round, sub[i], &e->rate, err)))
            return rc;
    }
    f->ntrend = n;
    return AG_OK;
}

/* The PDCA figures (see pdca_section). */
static int pdca_get(struct web_req *req, struct org_figures *f, const char *today)
{
    char fy_start[16];
    snprintf(fy_start, sizeof(fy_start), "%d-04-01", assess_fiscal_year(today));
    int rc;
    if ((rc = count_of(req,
                       "SELECT count(*) FROM reg_trainings WHERE status = 'held' AND held_on >= ?1 "
                       "AND held_on <= ?2",
                       fy_start, today, 0, &f->trainings_fy)) ||
        (rc =
             count_of(req, "SELECT count(*) FROM exceptions WHERE status IN ('approved', 'active')",
                      NULL, NULL, 0, &f->exceptions_active)) ||
        (rc = count_of(req, "SELECT count(*) FROM audits WHERE status <> 'closed'", NULL, NULL, 0,
                       &f->audits_open)) ||
        (rc = count_of(req, "SELECT count(*) FROM actions WHERE status IN ('open', 'in_progress')",
                       NULL, NULL, 0, &f->actions_open)))
        return rc;
    /* overdue register items (policy reviews, milestones, training, contacts …): the same query
     * as `airguard register due` */
    char *sql = sqlite3_mprintf("SELECT count(*) FROM (%s) WHERE state = 'overdue'", reg_due_sql);
    if (!sql)
        return AG_ENOMEM;
    struct ag_error err;
    sqlite3_stmt *s;
    rc = store_prepare(req->st, &s, sql, &err);
    sqlite3_free(sql);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    f->reg_overdue = step == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : AG_EIO;
}

static int org_figures_get(struct web_req *req, struct org_figures *out, struct ag_error *err)
{
    char today[11], in30[11];
    ag_date_iso(ag_now(), today);
    long long head = audit_head(req);
    pthread_mutex_lock(&fig_cache.lock);
    bool hit = fig_cache.valid && head >= 0 && fig_cache.head == head &&
               strcmp(fig_cache.today, today) == 0;
    if (hit)
        *out = fig_cache.value;
    pthread_mutex_unlock(&fig_cache.lock);
    if (hit)
        return AG_OK;
    memset(out, 0, sizeof(*out));
    ag_date_add(today, 30, in30);
    int rc;
    if ((rc = latest_plan(req, &out->plan)) ||
        (out->plan && (rc = rate_compute(req, out->plan, &out->rate, err))) ||
        (rc = count_of(req, "SELECT count(*) FROM risks WHERE status = 'needs_decision'", NULL,
                       NULL, 0, &out->risks)) ||
        (rc = count_of(req, "SELECT count(*) FROM incidents WHERE status <> 'closed'", NULL, NULL,
                       0, &out->incidents)) ||
        (rc = count_of(req,
                       "SELECT count(*) FROM exceptions WHERE status IN ('approved', 'active') "
                       "AND end_date >= ?1 AND end_date <= ?2",
                       today, in30, 0, &out->exceptions)) ||
        (rc = count_of(req,
                       "SELECT count(*) FROM actions WHERE due_date < ?1 AND status IN ('open', "
                       "'in_progress')",
                       today, NULL, 0, &out->actions)) ||
        (rc = pdca_get(req, out, today)) || (rc = trend_get(req, out, err)))
        return rc;
    pthread_mutex_lock(&fig_cache.lock);
    fig_cache.valid = head >= 0;
    fig_cache.head = head;
    snprintf(fig_cache.today, sizeof(fig_cache.today), "%s", today);
    fig_cache.value = *out;
    pthread_mutex_unlock(&fig_cache.lock);
    return AG_OK;
}

/* PDCA status (3.1.1: the ISMS runs as a cycle): for each phase the figures that show whether it
 * is moving, each a link to its list. */
static void pdca_row(struct web_req *req, const char *phase, const char *l1, long v1,
                     const char *href1, const char *l2, long v2, const char *href2)
{
    struct html *h = &req->out;
    html_lit(h, "<tr><th scope=\"row\">");
    html_text(h, web_tr(req, phase));
    html_lit(h, "</th><td>");
    html_text(h, web_tr(req, l1));
    html_lit(h, " ");
    page_link(req, href1, arena_printf(&req->arena, "%ld", v1));
    html_lit(h, "</td><td>");
    html_text(h, web_tr(req, l2));
    html_lit(h, " ");
    page_link(req, href2, arena_printf(&req->arena, "%ld", v2));
    html_lit(h, "</td></tr>");
}

static void pdca_section(struct web_req *req, const struct org_figures *f)
{
    struct html *h = &req->out;
    html_lit(h, "<section class=\"card\" id=\"pdca\"><h2>");
    html_text(h, web_tr(req, "dashboard: PDCA status"));
    html_lit(h, "</h2><table class=\"pdca\"><tbody>");
    pdca_row(req, "dashboard: Plan", "dashboard: risks awaiting a decision", f->risks,
             "/risks?status=needs_decision", "dashboard: register items overdue", f->reg_overdue,
             "/registers");
    pdca_row(req, "dashboard: Do", "dashboard: trainings held this fiscal year", f->trainings_fy,
             "/registers/training", "dashboard: exceptions in force", f->exceptions_active,
             "/exceptions");
    pdca_row(req, "dashboard: Check", "dashboard: sheets submitted in the latest campaign",
             f->plan ? f->rate.submitted : 0, "/campaigns", "dashboard: audits not closed",
             f->audits_open, "/audits");
    pdca_row(req, "dashboard: Act", "dashboard: corrective actions not finished", f->actions_open,
             "/actions?status=active", "dashboard: of them overdue", f->actions,
             "/actions?status=overdue");
    html_lit(h, "</tbody></table></section>");
}

/* The trend of 実施率 over the last campaigns (the same chart as the campaign report). */
static void trend_section(struct web_req *req, const struct org_figures *f)
{
    double rates[DASH_TREND];
    const char *labels[DASH_TREND], *ticks[DASH_TREND];
    for (size_t i = 0; i < f->ntrend; i++) {
        rates[i] = f->trend[i].rate;
        labels[i] = arena_printf(&req->arena, web_tr(req, "campaigns: FY%d plan %lld round %d"),
                                 f->trend[i].fiscal_year, f->trend[i].plan, f->trend[i].round);
        ticks[i] = arena_printf(&req->arena, "%d-%d", f->trend[i].fiscal_year, f->trend[i].round);
    }
    if (f->ntrend < 2)
        return; /* one point is not a trend */
    struct html *h = &req->out;
    html_lit(h, "<div class=\"dash-trend\">");
    if (trend_svg(req, "dash-trend", rates, labels, ticks, f->ntrend)) {
        html_lit(h, "<table class=\"trend-table\" id=\"dash-trend-table\"><caption>");
        html_text(h, web_tr(req, "Trend of 実施率 across campaigns"));
        html_lit(h, "</caption><tbody>");
        for (size_t i = 0; i < f->ntrend; i++) {
            html_lit(h, "<tr><th scope=\"row\">");
            html_text(h, ticks[i] ? ticks[i] : "");
            html_lit(h, "</th><td class=\"num\">");
            if (rates[i] < 0)
                html_text(h, "-");
            else
                html_textf(h, "%.1f%%", rates[i]);
            html_lit(h, "</td></tr>");
        }
        html_lit(h, "</tbody></table>");
    }
    html_lit(h, "</div>");
}

/* The self-inspection figure: 実施率 now, previous, change (assess_report.c). */
static int assess_section(struct web_req *req, const struct org_figures *f)
{
    struct html *h = &req->out;
    html_lit(h, "<section class=\"card\" id=\"assess-rate\"><h2>");
    html_text(h, web_tr(req, "Self-inspection: implementation rate (実施率)"));
    html_lit(h, "</h2>");
    if (!f->plan) {
        html_lit(h, "<p>");
        html_text(h, web_tr(req, "No self-inspection campaign yet."));
        html_lit(h, "</p></section>");
        return AG_OK;
    }
    const struct rate_summary r = f->rate;
    double now = r.now, prev = r.prev;
    html_lit(h, "<dl class=\"figures\"><div class=\"figure\"><dt>");
    html_textf(h, web_tr(req, "Latest campaign: plan %lld, round %d"), r.plan, r.round);
    html_lit(h, "</dt><dd class=\"value\" id=\"rate-now\">");
    rate_text(req, now);
    html_lit(h, "</dd><dd class=\"small\">");
    html_textf(h, web_tr(req, "%d of %d sheets submitted"), r.submitted, r.sheets);
    html_lit(h, "</dd></div>");
    if (r.prev_plan) {
        html_lit(h, "<div class=\"figure\"><dt>");
        html_textf(h, web_tr(req, "Previous campaign: plan %lld, round %d"), r.prev_plan,
                   r.prev_round);
        html_lit(h, "</dt><dd class=\"value\" id=\"rate-prev\">");
        rate_text(req, prev);
        html_lit(h, "</dd></div><div class=\"figure\"><dt>");
        html_text(h, web_tr(req, "Change"));
        html_lit(h, "</dt><dd class=\"value\" id=\"rate-change\">");
        if (now >= 0 && prev >= 0)
            html_textf(h, web_tr(req, "%+.1f points"), now - prev);
        else
            html_text(h, "–");
        html_lit(h, "</dd></div>");
    }
    html_lit(h, "</dl>");
    trend_section(req, f);
    html_lit(h, "<p class=\"small\">");
    html_text(h, web_tr(req, "実施率 = implemented / (answered - not applicable); partially "
                             "implemented counts as not implemented; submitted sheets only."));
    html_lit(h, "</p></section>");
    return AG_OK;
}

static int figures_section(struct web_req *req, const struct org_figures *f)
{
    struct html *h = &req->out;
    long sheets;
    int rc = count_of(req,
                      "SELECT count(*) FROM assess_sheets WHERE respondent_id = ?3 AND status = "
                      "'issued'",
                      NULL, NULL, req->user.person_id, &sheets);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h, web_tr(req, "Needs attention"));
    html_lit(h, "</h2><dl class=\"figures\">");
    figure(req, "fig-risks", web_tr(req, "Risks at or above the threshold awaiting a decision"),
           f->risks, "/risks?status=needs_decision");
    figure(req, "fig-incidents", web_tr(req, "Incidents not yet closed"), f->incidents,
           "/incidents?status=active");
    figure(req, "fig-exceptions", web_tr(req, "Exceptions ending within 30 days"), f->exceptions,
           "/exceptions?expiring=1");
    figure(req, "fig-actions", web_tr(req, "Overdue corrective actions"), f->actions,
           "/actions?status=overdue");
    figure(req, "fig-sheets", web_tr(req, "Your self-inspection sheets not yet submitted"), sheets,
           "/assess/sheets");
    html_lit(h, "</dl></section>");
    return AG_OK;
}

int page_dashboard(struct web_req *req)
{
    static const char *const roles[] = {"executive", "ciso",  "committee", "manager",
                                        "sysadmin",  "csirt", "handler",   "auditor"};
    struct html *h = &req->out;
    struct auth_login_event ev[10];
    size_t nev;
    struct ag_error err;
    int rc = auth_history(req->st, req->user.account_id, ev, AG_ARRAY_LEN(ev), &nev, &err);
    if (rc)
        return rc;
    page_begin(req, web_tr(req, "Dashboard"));
    html_lit(h, "<h1>");
    html_text(h, web_tr(req, "Dashboard"));
    html_lit(h, "</h1>");
    if ((rc = account_notices_section(req))) /* sign-ins from new addresses, until dismissed */
        return rc;
    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h,
              req->lang == AG_LANG_EN && *req->user.name_en ? req->user.name_en : req->user.name);
    html_lit(h, " <span class=\"small\">(");
    html_text(h, req->user.login);
    html_lit(h, ")</span></h2><p>");
    html_text(h, web_tr(req, "Roles:"));
    html_lit(h, " ");
    bool any = false;
    for (size_t i = 0; i < AG_ARRAY_LEN(roles); i++)
        if (req->user.roles & auth_role_bit(roles[i])) {
            if (any)
                html_lit(h, "、");
            html_text(h, role_name(req, roles[i]));
            any = true;
        }
    if (req->user.roles & AUTH_ROLE_ADMIN) {
        if (any)
            html_lit(h, "、");
        html_text(h, web_tr(req, "administrator of airguard"));
        any = true;
    }
    if (!any)
        html_text(h, web_tr(req, "none"));
    html_lit(h, "</p></section>");
    struct org_figures f;
    ag_error_set_lang(req->lang);
    if ((rc = org_figures_get(req, &f, &err)) || (rc = assess_section(req, &f)))
        return rc;
    pdca_section(req, &f);
    if ((rc = figures_section(req, &f)) || (rc = compliance_flags_card(req, 0)) ||
        (rc = alerts_dashboard_card(req)) || (rc = network_dashboard_card(req)))
        return rc;
    html_lit(h, "<section class=\"card\"><h2>");
    html_text(h, web_tr(req, "Your recent sign-ins"));
    html_lit(h, "</h2><p class=\"small\">");
    html_text(h, web_tr(req, "If you do not recognise an attempt, tell the administrator."));
    html_lit(h, "</p><table><thead><tr><th scope=\"col\">");
    html_text(h, web_tr(req, "Time (UTC)"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Address"));
    html_lit(h, "</th><th scope=\"col\">");
    html_text(h, web_tr(req, "Result"));
    html_lit(h, "</th></tr></thead><tbody>");
    for (size_t i = 0; i < nev; i++) {
        html_lit(h, "<tr><td>");
        html_text(h, ev[i].at);
        html_lit(h, "</td><td>");
        html_text(h, ev[i].address);
        if (ev[i].success)
            html_lit(h, "</td><td class=\"ok\">");
        else
            html_lit(h, "</td><td class=\"bad\">");
        html_text(h, ev[i].success ? web_tr(req, "signed in")
                                   : web_tr(req, strcmp(ev[i].reason, "locked") == 0
                                                     ? "refused: account locked"
                                                 : strcmp(ev[i].reason, "totp") == 0
                                                     ? "refused: wrong one-time code"
                                                     : "refused: wrong password"));
        html_lit(h, "</td></tr>");
    }
    html_lit(h, "</tbody></table></section>");
    page_end(req);
    return AG_OK;
}
