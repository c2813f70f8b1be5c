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
struct org_figures {
    long long plan; /* latest campaign, 0 = none */
    struct rate_summary rate;
    long risks, incidents, exceptions, actions;
};

static struct {
    pthread_mutex_t lock;
    bool valid;
    long long head;
    char today[11];
    struct org_figures value;
} fig_cache = {PTHREAD_MUTEX_INITIALIZER, false, 0, "", {0}};

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
                       today, NULL, 0, &out->actions)))
        return rc;
    pthread_mutex_lock(&fig_cache.lock);
    fig_cache.valid = head >= 0;
    fig_cache.head = head;
    snprintf(fig_cache.today, sizeof(fig_cache.today), "%s", today);
    fig_cache.value = *out;
    pthread_mutex_unlock(&fig_cache.lock);
    return AG_OK;
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
    html_lit(h, "</dl><p class=\"small\">");
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
    if ((rc = org_figures_get(req, &f, &err)) || (rc = assess_section(req, &f)) ||
        (rc = figures_section(req, &f)))
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
