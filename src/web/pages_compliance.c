/*
 * pages_compliance.c — the automatic status of guideline measures from monitor evidence (issue 7
 * item 1; src/isms/compliance.h, docs/compliance.md "Evidence and automatic status"):
 *   GET /compliance[?status=evidenced|contradicted|no_data]  every measure with checks, its
 *       status, the checks' reasons and the answers of 実施 flagged
 *   GET /compliance/management-report[?period=YEAR&format=html|pdf]  the report to management
 *       of a fiscal year (src/report/mgmt.c, 3.2.1.2) as a download; CISO, managers, auditors
 * and the cards other pages show (compliance.h): the evidence on a guideline item's page and
 * the flagged answers on the dashboard and the campaign page. Reads only; computed on each
 * request from indexed look-ups (docs/compliance.md gives the cost).
 */
#include "web/compliance.h"

#include "auth/auth.h"
#include "isms/compliance.h"
#include "report/report.h"
#include "store/store.h"

static void env_of(struct web_req *req, struct isms_ev_env *env)
{
    struct ag_error err;
    int days;
    isms_ev_env_init(env);
    env->lockout_threshold = req->policy->lockout_threshold;
    env->lockout_minutes = req->policy->lockout_minutes;
    if (auth_unused_days(req->st, &days, &err) == AG_OK &&
        auth_unused_pending(req->st, &env->unused_idle, &err) == AG_OK)
        env->unused_days = days;
    else
        env->unused_idle = -1;
}

static const char *status_key(enum isms_ev_status s)
{
    return s == ISMS_EV_EVIDENCED      ? "evidence status evidenced"
           : s == ISMS_EV_CONTRADICTED ? "evidence status contradicted"
                                       : "evidence status no_data";
}

static void badge(struct web_req *req, enum isms_ev_status s)
{
    struct html *h = &req->out;
    html_lit(h, "<span");
    html_attr(h, "class", arena_printf(&req->arena, "ev-badge ev-%s", isms_ev_status_id(s)));
    html_attr(h, "data-status", isms_ev_status_id(s));
    html_lit(h, ">");
    html_text(h, web_tr(req, status_key(s)));
    html_lit(h, "</span>");
}

static void item_link(struct web_req *req, const struct catalog_node *n)
{
    page_link(req, arena_printf(&req->arena, "/catalog/%s", n->id), n->ref[0] ? n->ref : n->id);
}

static void checks_table(struct web_req *req, const struct isms_ev_measure *m)
{
    struct html *h = &req->out;
    static const char *const heads[] = {"compliance: Check", "compliance: Last run or observation",
                                        "compliance: Result", "compliance: Evidence"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    for (size_t i = 0; i < m->nchecks; i++) {
        const struct isms_ev_check *c = &m->checks[i];
        html_lit(h, "<tr");
        html_attr(h, "data-check", c->name);
        html_lit(h, "><td><code>");
        html_text(h, c->name);
        html_lit(h, "</code></td><td>");
        html_text(h, *c->ran_at ? c->ran_at : "—");
        html_lit(h, "</td><td>");
        badge(req, c->status);
        if (c->stale) {
            html_lit(h, " ");
            html_text(h, web_tr(req, "compliance: (stale)"));
        }
        html_lit(h, " ");
        html_text(h, c->reason);
        html_lit(h, "</td><td>");
        if (*c->link)
            page_link(req, c->link, web_tr(req, "compliance: the alerts"));
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, m->nchecks, NULL);
}

static void answers_list(struct web_req *req, json_t *answers)
{
    struct html *h = &req->out;
    if (!json_array_size(answers)) {
        page_note(req,
                  web_tr(req, "catalog: No submitted self-inspection answers on this item yet."));
        return;
    }
    json_t *first = json_array_get(answers, 0);
    html_lit(h, "<p>");
    html_textf(h, web_tr(req, "compliance: Self-inspection answers (plan %lld, round %d):"),
               (long long)json_integer_value(json_object_get(first, "plan")),
               (int)json_integer_value(json_object_get(first, "round")));
    html_lit(h, "</p><ul class=\"ev-answers\">");
    size_t i;
    json_t *a;
    json_array_foreach(answers, i, a)
    {
        const char *ans = json_string_value(json_object_get(a, "answer"));
        html_lit(h, "<li");
        html_attr(h, "data-answer", ans ? ans : "");
        html_lit(h, ">");
        html_text(h, json_string_value(json_object_get(a, "department")));
        html_lit(h, " · ");
        html_text(h, json_string_value(json_object_get(a, "respondent")));
        html_lit(h, ": <strong>");
        html_text(h, ans ? web_tr(req, ans) : "—");
        html_lit(h, "</strong></li>");
    }
    html_lit(h, "</ul>");
}

int compliance_item_card(struct web_req *req, const struct catalog_node *n)
{
    if (!web_has_role(req, COMPLIANCE_VIEW_ROLES))
        return AG_OK;
    struct html *h = &req->out;
    struct isms_ev_env env;
    struct ag_error err;
    const struct catalog_node **nodes;
    size_t nn, shown = 0, len = strlen(n->id);
    int rc = AG_OK;
    if (isms_ev_nodes(req->cat, &nodes, &nn))
        return AG_ENOMEM;
    env_of(req, &env);
    for (size_t i = 0; i < nn && rc == AG_OK; i++) {
        const struct catalog_node *m = nodes[i];
        if (!(strcmp(m->id, n->id) == 0 ||
              (strncmp(m->id, n->id, len) == 0 && (m->id[len] == '-' || m->id[len] == '.'))))
            continue;
        struct isms_ev_measure st;
        json_t *answers = NULL;
        if ((rc = isms_measure_status(req->st, m, &env, req->lang, &st, &err)) ||
            (rc = isms_ev_answers(req->st, 0, 0, m->id, req->lang, &answers, &err)))
            break;
        if (shown++ == 0) {
            html_lit(h, "<section class=\"card\" id=\"evidence\"><h2>");
            html_text(h, web_tr(req, "compliance: Automatic evidence"));
            html_lit(h, "</h2>");
        }
        html_lit(h, "<div class=\"ev-measure\"");
        html_attr(h, "data-item", m->id);
        html_attr(h, "data-status", isms_ev_status_id(st.status));
        html_lit(h, "><h3>");
        item_link(req, m);
        html_lit(h, " ");
        badge(req, st.status);
        html_lit(h, "</h3>");
        answers_list(req, answers);
        checks_table(req, &st);
        html_lit(h, "</div>");
        json_decref(answers);
    }
    free(nodes);
    if (shown)
        html_lit(h, "</section>");
    return rc;
}

static void flags_table(struct web_req *req, const struct isms_ev_flag *f, size_t n)
{
    struct html *h = &req->out;
    static const char *const heads[] = {"compliance: Measure", "Department",
                                        "compliance: Respondent", "compliance: Contradicted by"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<tr");
        html_attr(h, "data-item", f[i].node->id);
        html_lit(h, "><td>");
        item_link(req, f[i].node);
        html_lit(h, "</td><td>");
        html_text(h, f[i].department);
        html_lit(h, "</td><td>");
        html_text(h, f[i].respondent);
        html_lit(h, "</td><td>");
        html_text(h, f[i].reason);
        if (*f[i].link) {
            html_lit(h, " ");
            page_link(req, f[i].link, web_tr(req, "compliance: the alerts"));
        }
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, n, "compliance: No answer of 実施 is contradicted by live evidence.");
}

int compliance_flags_card(struct web_req *req, long long plan)
{
    if (!web_has_role(req, COMPLIANCE_FLAG_ROLES))
        return AG_OK;
    struct html *h = &req->out;
    struct isms_ev_env env;
    struct ag_error err;
    struct isms_ev_flag *f;
    size_t n;
    env_of(req, &env);
    int rc = isms_ev_flags(req->st, req->cat, &env, req->lang, plan, &f, &n, &err);
    if (rc)
        return rc;
    html_lit(h, "<section class=\"card\" id=\"compliance-flags\"><h2>");
    html_text(h, web_tr(req, "compliance: Answers of 実施 contradicted by live evidence"));
    html_lit(h, "</h2>");
    page_note(req, web_tr(req, "compliance: The monitors' evidence contradicts these "
                               "self-inspection answers: check them with the respondent."));
    flags_table(req, f, n);
    html_lit(h, "<p>");
    page_link(req, "/compliance", web_tr(req, "compliance: All measures with automatic checks"));
    html_lit(h, "</p></section>");
    free(f);
    return AG_OK;
}

static int page_compliance(struct web_req *req)
{
    struct html *h = &req->out;
    struct isms_ev_env env;
    struct ag_error err;
    const char *want = web_query(req, "status");
    enum isms_ev_status filter = ISMS_EV_NO_DATA;
    if (want && *want && isms_ev_status_parse(want, &filter) != AG_OK)
        return web_error(req, 400, "compliance: Unknown status filter.");
    if (want && !*want)
        want = NULL;
    const struct catalog_node **nodes;
    size_t nn;
    if (isms_ev_nodes(req->cat, &nodes, &nn))
        return AG_ENOMEM;
    env_of(req, &env);
    page_begin(req, web_tr(req, "compliance: Compliance"));
    page_h1(req, web_tr(req, "compliance: Compliance"));
    page_note(req, web_tr(req, "compliance: Measures the monitors can evidence: evidenced (the "
                               "check ran recently and passed), contradicted (it found a "
                               "problem) or no data."));
    /* the filter: links, so it works without a form */
    html_lit(h, "<p class=\"filters\" id=\"status-filter\">");
    static const char *const opts[] = {"", "evidenced", "contradicted", "no_data"};
    for (size_t i = 0; i < AG_ARRAY_LEN(opts); i++) {
        if (i)
            html_lit(h, " · ");
        static const enum isms_ev_status st_of[] = {ISMS_EV_NO_DATA, ISMS_EV_EVIDENCED,
                                                    ISMS_EV_CONTRADICTED, ISMS_EV_NO_DATA};
        const char *label = i ? web_tr(req, status_key(st_of[i])) : web_tr(req, "compliance: all");
        bool cur = (!want && !*opts[i]) || (want && strcmp(want, opts[i]) == 0);
        if (cur) {
            html_lit(h, "<strong aria-current=\"true\">");
            html_text(h, label);
            html_lit(h, "</strong>");
        } else {
            page_link(req,
                      *opts[i] ? arena_printf(&req->arena, "/compliance?status=%s", opts[i])
                               : "/compliance",
                      label);
        }
    }
    html_lit(h, "</p>");
    static const char *const heads[] = {"compliance: Measure", "Status", "compliance: Checks",
                                        "compliance: Self-inspection (実施 / answers)"};
    html_lit(h, "<div id=\"measures\">");
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    int rc = AG_OK;
    for (size_t i = 0; i < nn && rc == AG_OK; i++) {
        struct isms_ev_measure m;
        json_t *answers = NULL;
        if ((rc = isms_measure_status(req->st, nodes[i], &env, req->lang, &m, &err)) ||
            (rc = isms_ev_answers(req->st, 0, 0, nodes[i]->id, req->lang, &answers, &err)))
            break;
        if (want && m.status != filter) {
            json_decref(answers);
            continue;
        }
        rows++;
        size_t impl = 0, k;
        json_t *a;
        json_array_foreach(answers, k, a)
        {
            const char *v = json_string_value(json_object_get(a, "answer"));
            impl += v && strcmp(v, "implemented") == 0;
        }
        html_lit(h, "<tr");
        html_attr(h, "data-item", m.node->id);
        html_attr(h, "data-status", isms_ev_status_id(m.status));
        html_lit(h, "><td>");
        item_link(req, m.node);
        if (m.node->parent) { /* the section's title: measures have none of their own */
            html_lit(h, " ");
            html_text(h, catalog_text_get(m.node->parent->title, req->lang));
        }
        html_lit(h, "</td><td>");
        badge(req, m.status);
        html_lit(h, "</td><td><ul>");
        for (size_t c = 0; c < m.nchecks; c++) {
            html_lit(h, "<li><code>");
            html_text(h, m.checks[c].name);
            html_lit(h, "</code>: ");
            html_text(h, m.checks[c].reason);
            if (*m.checks[c].link) {
                html_lit(h, " ");
                page_link(req, m.checks[c].link, web_tr(req, "compliance: the alerts"));
            }
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul></td><td>");
        html_textf(h, "%zu / %zu", impl, json_array_size(answers));
        html_lit(h, "</td></tr>");
        json_decref(answers);
    }
    free(nodes);
    if (rc)
        return rc;
    page_table_end(req, rows, "compliance: No measure has this status.");
    html_lit(h, "</div>");
    if ((rc = compliance_flags_card(req, 0)))
        return rc;
    if (req->user.roles & MGMT_REPORT_ROLES) {
        char today[11];
        ag_date_iso(ag_now(), today);
        int fy = assess_fiscal_year(today);
        html_lit(h, "<section class=\"card\" id=\"management-report\"><h2>");
        html_text(h, web_tr(req, "compliance: Report to management (3.2.1.2)"));
        html_lit(h, "</h2><p>");
        page_link(
            req,
            arena_printf(&req->arena, "/compliance/management-report?period=%d&format=pdf", fy),
            web_tr(req, "compliance: Download the report of this fiscal year (PDF)"));
        html_lit(h, " · ");
        page_link(
            req,
            arena_printf(&req->arena, "/compliance/management-report?period=%d&format=html", fy),
            web_tr(req, "compliance: HTML"));
        html_lit(h, "</p></section>");
    }
    page_end(req);
    return AG_OK;
}

/* GET /compliance/management-report: the report to management as a download (an attachment,
 * so the page's own CSP and print CSS apply in the viewer, not inside the application). */
static int page_management_report(struct web_req *req)
{
    struct isms_ev_env env;
    struct ag_error err;
    const char *period = web_query(req, "period"), *format = web_query(req, "format");
    enum report_format fmt = REPORT_HTML;
    int fy;
    if (period && *period) {
        if (report_mgmt_period(period, &fy, &err) != AG_OK)
            return web_error(req, 400, "compliance: Unknown period: give a fiscal year.");
    } else {
        char today[11];
        ag_date_iso(ag_now(), today);
        fy = assess_fiscal_year(today);
    }
    if (format && *format &&
        (report_format_parse(format, &fmt) != AG_OK || (fmt != REPORT_HTML && fmt != REPORT_PDF)))
        return web_error(req, 400, "compliance: Unknown format: html or pdf.");
    env_of(req, &env);
    struct strbuf *sb = &req->out.sb;
    strbuf_reset(sb);
    store_set_actor(req->st, req->user.login); /* the export row names who downloaded it */
    int rc = report_management(req->st, req->cat, &env, fy, req->lang, fmt, NULL, sb, &err);
    store_set_actor(req->st, "web");
    if (rc) {
        strbuf_reset(sb);
        return web_error(req, 500, "compliance: The report could not be made.");
    }
    req->content_type = fmt == REPORT_PDF ? "application/pdf" : "text/html; charset=utf-8";
    const char *cd = arena_printf(&req->arena, "attachment; filename=\"management-report-FY%d.%s\"",
                                  fy, fmt == REPORT_PDF ? "pdf" : "html");
    return cd ? web_header(req, "Content-Disposition", cd) : AG_ENOMEM;
}

static const struct ag_msg compliance_msgs[] = {
    {"compliance: Compliance", "対策の自動判定", "Compliance"},
    {"compliance: Automatic evidence", "自動で得た証跡", "Automatic evidence"},
    {"compliance: Check", "チェック", "Check"},
    {"compliance: Last run or observation", "最終実行・観測", "Last run or observation"},
    {"compliance: Result", "結果", "Result"},
    {"compliance: Evidence", "証跡", "Evidence"},
    {"compliance: (stale)", "（古い）", "(stale)"},
    {"compliance: the alerts", "アラート一覧", "the alerts"},
    {"compliance: Self-inspection answers (plan %lld, round %d):",
     "自己点検の回答（計画 %lld 第 %d 回）:", "Self-inspection answers (plan %lld, round %d):"},
    {"compliance: Measure", "対策項目", "Measure"},
    {"compliance: Respondent", "回答者", "Respondent"},
    {"compliance: Contradicted by", "矛盾する証跡", "Contradicted by"},
    {"compliance: No answer of 実施 is contradicted by live evidence.",
     "「実施」の回答で監視の証跡と矛盾するものはありません。",
     "No answer of 実施 is contradicted by live evidence."},
    {"compliance: Answers of 実施 contradicted by live evidence",
     "監視の証跡と矛盾する「実施」の回答", "Answers of 実施 contradicted by live evidence"},
    {"compliance: The monitors' evidence contradicts these self-inspection answers: check them "
     "with the respondent.",
     "監視の証跡がこれらの自己点検の回答と矛盾しています。回答者と確認してください。",
     "The monitors' evidence contradicts these self-inspection answers: check them with the "
     "respondent."},
    {"compliance: All measures with automatic checks", "自動チェックのある対策項目の一覧",
     "All measures with automatic checks"},
    {"compliance: Unknown status filter.", "状態の絞り込みが不明です。", "Unknown status filter."},
    {"compliance: Measures the monitors can evidence: evidenced (the check ran recently and "
     "passed), contradicted (it found a problem) or no data.",
     "監視で証跡を得られる対策項目: "
     "証跡あり（チェックが最近実行され問題なし）、矛盾あり（問題を検出）、"
     "データなし。",
     "Measures the monitors can evidence: evidenced (the check ran recently and passed), "
     "contradicted (it found a problem) or no data."},
    {"compliance: all", "すべて", "all"},
    {"compliance: Checks", "チェック", "Checks"},
    {"compliance: Self-inspection (実施 / answers)", "自己点検（実施 / 回答数）",
     "Self-inspection (実施 / answers)"},
    /* the alert list's filter "open" (pages_alerts.c), which the evidence links use */
    {"alerts: open (not closed)", "未完了（クローズ以外）", "open (not closed)"},
    {"compliance: No measure has this status.", "この状態の対策項目はありません。",
     "No measure has this status."},
    {"compliance: Report to management (3.2.1.2)", "経営層への報告（3.2.1.2）",
     "Report to management (3.2.1.2)"},
    {"compliance: Download the report of this fiscal year (PDF)",
     "今年度の報告をダウンロード（PDF）", "Download the report of this fiscal year (PDF)"},
    {"compliance: HTML", "HTML", "HTML"},
    {"compliance: Unknown period: give a fiscal year.", "期間が不明です。年度を指定してください。",
     "Unknown period: give a fiscal year."},
    {"compliance: Unknown format: html or pdf.", "形式が不明です（html または pdf）。",
     "Unknown format: html or pdf."},
    {"compliance: The report could not be made.", "報告を作成できませんでした。",
     "The report could not be made."},
};

static const struct route compliance_routes[] = {
    {WEB_GET, "/compliance", page_compliance, COMPLIANCE_VIEW_ROLES, ROUTE_AUTH},
    {WEB_GET, "/compliance/management-report", page_management_report, MGMT_REPORT_ROLES,
     ROUTE_AUTH},
};
static const struct web_nav compliance_nav[] = {
    {"/compliance", "compliance: Compliance", COMPLIANCE_VIEW_ROLES}};
WEB_MODULE(compliance, compliance_routes, compliance_msgs, compliance_nav);
