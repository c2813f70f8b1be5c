/*
 * pages_catalog.c — the guideline browser: the outline (chapters and sections), one item with
 * its measures, examples and notes, and full-text search. Reads only the shared, immutable
 * catalog, so it needs no store access beyond the session check done before.
 */
#include "store/store.h"
#include "web/alerts.h"
#include "web/compliance.h"
#include "web/web_int.h"

static int page_catalog(struct web_req *req);
static int page_catalog_search(struct web_req *req);
static int page_catalog_item(struct web_req *req);

static const char *tx(const struct web_req *req, struct catalog_text t)
{
    return catalog_text_get(t, req->lang);
}

static const char *node_href(struct web_req *req, const struct catalog_node *n)
{
    struct strbuf sb;
    strbuf_init(&sb, 1024);
    strbuf_adds(&sb, "/catalog/");
    html_url_component(&sb, n->id);
    char *s = strbuf_ok(&sb) ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return s ? s : "/catalog";
}

static void node_link(struct web_req *req, const struct catalog_node *n)
{
    struct html *h = &req->out;
    html_lit(h, "<a");
    html_attr(h, "href", node_href(req, n));
    html_lit(h, ">");
    if (n->ref[0]) {
        html_text(h, n->ref);
        html_lit(h, " ");
    }
    const char *title = tx(req, n->title);
    if (*title) {
        html_text(h, title);
    } else { /* untitled nodes: the start of their text */
        const char *t = tx(req, n->text);
        size_t len = strcspn(t, "\n");
        if (len > 90) {
            len = 90;
            while (len > 0 && ((unsigned char)t[len] & 0xc0) == 0x80)
                len--;
        }
        html_textn(h, t, len);
    }
    html_lit(h, "</a>");
}

/* Text with line breaks as paragraphs. */
static void paragraphs(struct html *h, const char *t)
{
    while (*t) {
        size_t n = strcspn(t, "\n");
        if (n) {
            html_lit(h, "<p>");
            html_textn(h, t, n);
            html_lit(h, "</p>");
        }
        t += n;
        if (*t == '\n')
            t++;
    }
}

static bool in_outline(enum catalog_kind k)
{
    return k == CATALOG_KIND_PREFACE || k == CATALOG_KIND_CHAPTER || k == CATALOG_KIND_SECTION;
}

static void search_form(struct web_req *req, const char *q)
{
    struct html *h = &req->out;
    html_lit(h, "<form method=\"get\" action=\"/catalog/search\" class=\"search\" role=\"search\">"
                "<label for=\"q\">");
    html_text(h, web_tr(req, "Search the guideline"));
    html_lit(h, "</label><input id=\"q\" name=\"q\" type=\"search\"");
    html_attr(h, "value", q ? q : "");
    html_lit(h, "><button type=\"submit\">");
    html_text(h, web_tr(req, "Search"));
    html_lit(h, "</button></form>");
}

static int page_catalog(struct web_req *req)
{
    struct html *h = &req->out;
    const struct catalog *cat = req->cat;
    page_begin(req, web_tr(req, "Guideline"));
    html_lit(h, "<h1>");
    html_text(h, tx(req, catalog_title(cat)));
    html_lit(h, "</h1>");
    search_form(req, NULL);
    html_lit(h, "<nav class=\"tree\"");
    html_attr(h, "aria-label", web_tr(req, "Contents"));
    html_lit(h, ">");
    /* nested lists from document order and depth */
    int open = -1;
    for (size_t i = 0; i < catalog_node_count(cat); i++) {
        const struct catalog_node *n = catalog_node_at(cat, i);
        if (!in_outline(n->kind))
            continue;
        int d = (int)n->depth;
        if (d > open) {
            for (; open < d; open++)
                html_lit(h, "<ul><li>");
        } else {
            for (; open > d; open--)
                html_lit(h, "</li></ul>");
            html_lit(h, "</li><li>");
        }
        node_link(req, n);
    }
    for (; open >= 0; open--)
        html_lit(h, "</li></ul>");
    html_lit(h, "</nav>");
    page_end(req);
    return AG_OK;
}

static void show_node(struct web_req *req, const struct catalog_node *n, int level)
{
    struct html *h = &req->out;
    const struct catalog *cat = req->cat;
    bool box = n->kind == CATALOG_KIND_MEASURE || n->kind == CATALOG_KIND_EXAMPLE ||
               n->kind == CATALOG_KIND_NOTE;
    if (level > 0) {
        html_lit(h, "<section");
        html_attr(h, "class", box ? "node box" : "node");
        html_attr(h, "id", n->id);
        html_lit(h, ">");
        if (level == 1)
            html_lit(h, "<h2><span class=\"kind\">");
        else
            html_lit(h, "<h3><span class=\"kind\">");
        html_text(h, web_tr(req, catalog_kind_name(n->kind)));
        html_lit(h, "</span> ");
        if (n->kind == CATALOG_KIND_SECTION || n->kind == CATALOG_KIND_CHAPTER)
            node_link(req, n);
        else
            html_text(h, *tx(req, n->title) ? tx(req, n->title) : n->ref);
        if (level == 1)
            html_lit(h, "</h2>");
        else
            html_lit(h, "</h3>");
    }
    if (n->kind == CATALOG_KIND_MEASURE && n->roles) {
        html_lit(h, "<p class=\"meta\">");
        html_text(h, web_tr(req, "Responsible:"));
        html_lit(h, " ");
        bool first = true;
        for (size_t r = 0; r < catalog_role_count(cat); r++)
            if (n->roles & ((uint32_t)1 << r)) {
                if (!first)
                    html_lit(h, "、");
                html_text(h, tx(req, catalog_role_at(cat, r)->name));
                first = false;
            }
        if (n->control_system) {
            html_lit(h, " · ");
            html_text(h, web_tr(req, "control systems"));
        }
        html_lit(h, " · <code>");
        html_text(h, n->id);
        html_lit(h, "</code></p>");
    }
    paragraphs(h, tx(req, n->text));
    if (*tx(req, n->note)) {
        html_lit(h, "<div class=\"note\"><strong>");
        html_text(h, web_tr(req, "Note:"));
        html_lit(h, "</strong>");
        paragraphs(h, tx(req, n->note));
        html_lit(h, "</div>");
    }
    /* sections below this one are linked, not expanded: one item per page */
    for (size_t i = 0; i < n->nchildren; i++) {
        const struct catalog_node *c = n->children[i];
        if (c->kind == CATALOG_KIND_SECTION || c->kind == CATALOG_KIND_CHAPTER) {
            html_lit(h, "<p class=\"sub\">");
            node_link(req, c);
            html_lit(h, "</p>");
        } else if (level < 6) {
            show_node(req, c, level + 1);
        }
    }
    if (level > 0)
        html_lit(h, "</section>");
}

/* ---- the airport's records on an item ----
 * What the organisation has on a guideline item and the measures below it: its 実施率 in the
 * latest self-inspection campaign, the risks whose measures cite it, exceptions to it, audit
 * findings on it and the evidence attached to answers. Each part is shown to the roles that may
 * see those records on their own pages (the docs under docs/web): aggregate figures and risks to
 * the ISMS roles, exceptions to CISO, committee, executive and auditors, findings and evidence to
 * CISO, executive and auditors. The queries find the item and its descendants by one index
 * range on the item id (bind_item; indexes of migration 012). */
#define ISMS_ROLES                                                                                 \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)
#define OVERSIGHT_ROLES (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_AUDITOR)

/* Binds ?1 = id, ?2 = id + "-", ?3 = id + "/": the item's descendants have ids that start with
 * its id and "-" or "." (docs/catalog.md), and '-' (0x2d), '.' (0x2e) and '/' (0x2f) are
 * consecutive, so they are exactly the ids in [?2, ?3) — one index range, no LIKE. */
static bool bind_item(struct web_req *req, sqlite3_stmt *s, const char *id)
{
    const char *lo = arena_printf(&req->arena, "%s-", id);
    const char *hi = arena_printf(&req->arena, "%s/", id);
    if (!lo || !hi)
        return false;
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, hi, -1, SQLITE_STATIC);
    return true;
}

#define ITEM_MATCH(col) "(" col " = ?1 OR (" col " >= ?2 AND " col " < ?3))"

/* Runs a list query for the item and writes <li><a href=prefix{id}>text</a></li> per row
 * (column 0 the record's id, column 1 its label); returns the number of rows, -1 on error. */
static long item_list(struct web_req *req, const char *id, const char *heading, const char *sql,
                      const char *prefix)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    if (store_cached(req->st, &s, sql, &err) != AG_OK)
        return -1;
    if (!bind_item(req, s, id)) {
        store_cached_done(req->st, s);
        return -1;
    }
    long n = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n++ == 0) {
            html_lit(h, "<h3>");
            html_text(h, web_tr(req, heading));
            html_lit(h, "</h3><ul>");
        }
        html_lit(h, "<li>");
        const char *href = arena_printf(&req->arena, "%s%s", prefix, store_col_text(s, 0));
        page_link(req, href ? href : "/", store_col_text(s, 1));
        html_lit(h, "</li>");
    }
    store_cached_done(req->st, s);
    if (n)
        html_lit(h, "</ul>");
    return step == SQLITE_DONE ? n : -1;
}

static int item_records(struct web_req *req, const struct catalog_node *n)
{
    if (!web_has_role(req, ISMS_ROLES))
        return AG_OK;
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    html_lit(h, "<section class=\"card\" id=\"records\"><h2>");
    html_text(h, web_tr(req, "catalog: This airport's records"));
    html_lit(h, "</h2>");
    /* 実施率 of the item's measures in the latest campaign's latest submitted round */
    int rc = store_cached(
        req->st, &s,
        "WITH plan AS (SELECT p.id AS id FROM assess_plans p WHERE EXISTS (SELECT 1 FROM "
        "assess_sheets s WHERE s.plan_id = p.id AND s.status = 'submitted') ORDER BY "
        "p.fiscal_year DESC, p.id DESC LIMIT 1), "
        "rnd AS (SELECT max(round) AS r FROM assess_sheets WHERE plan_id = (SELECT id FROM plan) "
        "AND status = 'submitted') SELECT coalesce(sum(a.answer = 'implemented'), 0), "
        "coalesce(sum(a.answer IN ('implemented', 'partial', 'not_implemented')), 0), "
        "coalesce(sum(a.answer = 'not_applicable'), 0), (SELECT id FROM plan), (SELECT r FROM "
        "rnd) FROM assess_answers a JOIN assess_sheets s ON s.id = a.sheet_id WHERE s.plan_id = "
        "(SELECT id FROM plan) AND s.round = (SELECT r FROM rnd) AND s.status = 'submitted' "
        "AND " ITEM_MATCH("a.item_id"),
        &err);
    if (rc)
        return rc;
    if (!bind_item(req, s, n->id)) {
        store_cached_done(req->st, s);
        return AG_ENOMEM;
    }
    if (sqlite3_step(s) == SQLITE_ROW) {
        long impl = sqlite3_column_int64(s, 0), counted = sqlite3_column_int64(s, 1),
             na = sqlite3_column_int64(s, 2);
        html_lit(h, "<p id=\"item-rate\">");
        if (counted > 0)
            html_textf(h,
                       web_tr(req, "catalog: 実施率 %.1f%% (%ld of %ld answers implemented, %ld "
                                   "not applicable; plan %lld, round %d)"),
                       100.0 * (double)impl / (double)counted, impl, counted, na,
                       (long long)sqlite3_column_int64(s, 3), sqlite3_column_int(s, 4));
        else
            html_text(
                h, web_tr(req, "catalog: No submitted self-inspection answers on this item yet."));
        html_lit(h, "</p>");
    }
    store_cached_done(req->st, s);
    long k;
    if ((k = item_list(
             req, n->id, "catalog: Risks citing this item",
             "SELECT DISTINCT r.id, '#' || r.id || ' ' || r.title FROM risk_measures m "
             "JOIN risks r ON r.id = m.risk_id WHERE " ITEM_MATCH("m.item_id") " ORDER BY r.id",
             "/risks/")) < 0)
        return AG_EIO;
    if (web_has_role(req, OVERSIGHT_ROLES | AUTH_ROLE_COMMITTEE) &&
        (k = item_list(req, n->id, "catalog: Exceptions to this item",
                       "SELECT id, '#' || id || ' ' || regulation || ' ' || clause || ' (' || "
                       "status || ')' FROM "
                       "exceptions WHERE " ITEM_MATCH("item_id") " ORDER BY id",
                       "/exceptions/")) < 0)
        return AG_EIO;
    if (web_has_role(req, OVERSIGHT_ROLES) &&
        (k = item_list(
             req, n->id, "catalog: Audit findings on this item",
             "SELECT f.audit_id, '#' || f.audit_id || ' ' || f.classification || ': ' || "
             "f.statement FROM audit_findings f WHERE " ITEM_MATCH("f.item_id") " ORDER BY f.id",
             "/audits/")) < 0)
        return AG_EIO;
    if (web_has_role(req, OVERSIGHT_ROLES) &&
        (k = item_list(req, n->id, "catalog: Evidence attached to answers",
                       "SELECT DISTINCT e.sha256, e.filename || ' (' || substr(e.added_at, 1, 10) "
                       "|| ')' FROM assess_answer_evidence x JOIN assess_answers a ON a.id = "
                       "x.answer_id JOIN evidence e ON e.id = x.evidence_id WHERE " ITEM_MATCH(
                           "a.item_id") " ORDER BY e.added_at DESC LIMIT 50",
                       "/evidence/")) < 0)
        return AG_EIO;
    if (web_has_role(req, ALERT_VIEW_ROLES) &&
        (k = item_list(req, n->id, "catalog: Alerts on this item",
                       "SELECT a.id, a.time || ' ' || a.level || ' ' || a.category || ': ' || "
                       "a.rule || coalesce(' (' || a.src_ip || ')', '') FROM alert_items x JOIN "
                       "alerts a ON a.seq = x.alert_seq WHERE " ITEM_MATCH(
                           "x.item_id") " ORDER BY x.alert_seq DESC LIMIT 20",
                       "/alerts/")) < 0)
        return AG_EIO;
    html_lit(h, "</section>");
    return AG_OK;
}

static int page_catalog_item(struct web_req *req)
{
    const char *id = web_param(req, "id");
    const struct catalog_node *n = id ? catalog_find(req->cat, id) : NULL;
    if (!n)
        return web_error(req, 404, "No such guideline item");
    struct html *h = &req->out;
    char title[512];
    snprintf(title, sizeof(title), "%s %s", n->ref, tx(req, n->title));
    page_begin(req, title);
    /* breadcrumbs */
    const struct catalog_node *chain[32];
    size_t depth = 0;
    for (const struct catalog_node *p = n->parent; p && depth < AG_ARRAY_LEN(chain); p = p->parent)
        chain[depth++] = p;
    html_lit(h, "<nav class=\"crumbs\"");
    html_attr(h, "aria-label", web_tr(req, "Location in the guideline"));
    html_lit(h, "><ol><li><a href=\"/catalog\">");
    html_text(h, web_tr(req, "Guideline"));
    html_lit(h, "</a></li>");
    while (depth--) {
        html_lit(h, "<li>");
        node_link(req, chain[depth]);
        html_lit(h, "</li>");
    }
    html_lit(h, "</ol></nav><h1>");
    html_text(h, title);
    html_lit(h, "</h1><p class=\"meta\"><span class=\"kind\">");
    html_text(h, web_tr(req, catalog_kind_name(n->kind)));
    html_lit(h, "</span>");
    if (n->phase) {
        html_lit(h, " · PDCA: ");
        html_text(h, web_tr(req, catalog_phase_name(n->phase)));
    }
    if (n->perspective) {
        html_lit(h, " · ");
        html_text(h, tx(req, n->perspective->name));
    }
    html_lit(h, " · <code>");
    html_text(h, n->id);
    html_lit(h, "</code></p>");
    show_node(req, n, 0);
    int rc = compliance_item_card(req, n); /* the monitors' evidence beside the answers */
    if (rc || (rc = item_records(req, n)))
        return rc;
    if (n->nsee_also) {
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "See also"));
        html_lit(h, "</h2><ul>");
        for (size_t i = 0; i < n->nsee_also; i++) {
            html_lit(h, "<li>");
            node_link(req, n->see_also[i]);
            html_lit(h, "</li>");
        }
        html_lit(h, "</ul>");
    }
    page_end(req);
    return AG_OK;
}

static int page_catalog_search(struct web_req *req)
{
    struct html *h = &req->out;
    const char *q = web_query(req, "q");
    const struct catalog_node **res = NULL;
    size_t count = 0;
    if (q && strlen(q) > 200)
        return web_error(req, 400, "The search text is too long (at most 200 bytes)");
    int rc = q && *q ? catalog_search(req->cat, q, &res, &count) : AG_EINVAL;
    if (rc && rc != AG_EINVAL)
        return rc;
    page_begin(req, web_tr(req, "Search the guideline"));
    html_lit(h, "<h1>");
    html_text(h, web_tr(req, "Search the guideline"));
    html_lit(h, "</h1>");
    search_form(req, q);
    if (rc == AG_OK) {
        html_lit(h, "<p role=\"status\">");
        html_textf(h, web_tr(req, "%zu matches for \"%s\""), count, q);
        html_lit(h, "</p><ol class=\"results\">");
        for (size_t i = 0; i < count && i < 200; i++) {
            html_lit(h, "<li><span class=\"kind\">");
            html_text(h, web_tr(req, catalog_kind_name(res[i]->kind)));
            html_lit(h, "</span> ");
            node_link(req, res[i]);
            html_lit(h, "</li>");
        }
        html_lit(h, "</ol>");
    }
    free(res);
    page_end(req);
    return AG_OK;
}

static const struct ag_msg catalog_msgs[] = {
    {"catalog: This airport's records", "この空港の記録", "This airport's records"},
    {"catalog: 実施率 %.1f%% (%ld of %ld answers implemented, %ld not applicable; plan %lld, round "
     "%d)",
     "実施率 %.1f%%（回答 %ld / %ld 件が実施、該当なし %ld 件。計画 %lld 第 %d 回）",
     "実施率 %.1f%% (%ld of %ld answers implemented, %ld not applicable; plan %lld, round %d)"},
    {"catalog: No submitted self-inspection answers on this item yet.",
     "この項目への提出済みの自己点検の回答はまだありません。",
     "No submitted self-inspection answers on this item yet."},
    {"catalog: Risks citing this item", "この項目を対策に挙げるリスク", "Risks citing this item"},
    {"catalog: Exceptions to this item", "この項目に対する例外措置", "Exceptions to this item"},
    {"catalog: Audit findings on this item", "この項目に関する監査の指摘",
     "Audit findings on this item"},
    {"catalog: Evidence attached to answers", "回答に添付された証跡",
     "Evidence attached to answers"},
};

static const struct route catalog_routes[] = {
    {WEB_GET, "/catalog", page_catalog, 0, ROUTE_AUTH},
    {WEB_GET, "/catalog/search", page_catalog_search, 0, ROUTE_AUTH},
    {WEB_GET, "/catalog/{id}", page_catalog_item, 0, ROUTE_AUTH},
};
static const struct web_nav catalog_nav[] = {{"/catalog", "Guideline", 0}};
WEB_MODULE(catalog, catalog_routes, catalog_msgs, catalog_nav);
