/*
 * pages_risks.c — the risk register of guideline 3.1.2.1 (リスクアセスメント及びリスク対応) on the
 * web: the list with the heat map of the criteria matrix, one risk with its history, the forms of
 * each step (identify ②, analyse ③④, decide the treatment, CISO acceptance, review) and the
 * criteria (read-only here; the CISO changes them with `airguard risk criteria`).
 *
 * Who may do what (docs/web/risks.md):
 *   see the register        ISMS roles (executive, CISO, committee, managers, system
 *                           administrators, CSIRT, auditors); anyone else only the risks they own,
 *                           identified or carry the treatment of (per object, 403 otherwise)
 *   identify                CISO, committee, managers, system administrators, CSIRT
 *   analyse, review         the risk owner, the CISO, the committee, managers
 *   decide the treatment    the risk owner or the CISO (the library's rule)
 *   accept                  the CISO or the executive, never the owner or the decider (library)
 * Each POST runs the library function in one BEGIN IMMEDIATE transaction (web_action) with the
 * person's login as the audit actor; a refusal re-renders the page with the library's message.
 * Thread: a worker thread, with the request's arena and store connection.
 */
#include "isms/risk.h"
#include "web/heatmap.h"
#include "web/web_int.h"

#define RISK_VIEW_ROLES                                                                            \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)
#define RISK_IDENTIFY_ROLES                                                                        \
    (AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER | AUTH_ROLE_SYSADMIN |               \
     AUTH_ROLE_CSIRT)
#define RISK_ANALYSE_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER)
#define RISK_ACCEPT_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_EXECUTIVE)
#define RISK_PAGE_SIZE 50
#define RISK_MAX_LIST 32 /* assets or measures in one form field */

/* ---- criteria with their labels in the page's language ---- */

struct crit {
    struct risk_criteria c;
    char level[RISK_SCALE_MAX + 1][128];
    char impact[RISK_SCALE_MAX + 1][128], impact_desc[RISK_SCALE_MAX + 1][512];
    char likelihood[RISK_SCALE_MAX + 1][128], likelihood_desc[RISK_SCALE_MAX + 1][512];
    char attitude[4096];
};

static int crit_load(struct web_req *req, struct crit *k)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc;
    memset(k, 0, sizeof(*k));
    if ((rc = risk_criteria_load(req->st, &k->c, &err)))
        return rc;
    const char *lang = ag_lang_code(req->lang);
    if ((rc = store_prepare(req->st, &s,
                            "SELECT axis, value, CASE WHEN ?1 = 'en' THEN label_en ELSE label_ja "
                            "END, CASE WHEN ?1 = 'en' THEN description_en ELSE description_ja END "
                            "FROM risk_scales",
                            &err)))
        return rc;
    sqlite3_bind_text(s, 1, lang, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        int v = sqlite3_column_int(s, 1);
        if (v < 1 || v > RISK_SCALE_MAX)
            continue;
        bool imp = strcmp(store_col_text(s, 0), "impact") == 0;
        snprintf(imp ? k->impact[v] : k->likelihood[v], sizeof(k->impact[v]), "%s",
                 store_col_text(s, 2));
        snprintf(imp ? k->impact_desc[v] : k->likelihood_desc[v], sizeof(k->impact_desc[v]), "%s",
                 store_col_text(s, 3));
    }
    sqlite3_finalize(s);
    if ((rc = store_prepare(req->st, &s,
                            "SELECT rank, CASE WHEN ?1 = 'en' THEN label_en ELSE label_ja END FROM "
                            "risk_levels",
                            &err)))
        return rc;
    sqlite3_bind_text(s, 1, lang, -1, SQLITE_STATIC);
    while (sqlite3_step(s) == SQLITE_ROW) {
        int v = sqlite3_column_int(s, 0);
        if (v >= 1 && v <= RISK_SCALE_MAX)
            snprintf(k->level[v], sizeof(k->level[v]), "%s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    if ((rc = store_prepare(req->st, &s, "SELECT attitude FROM risk_settings WHERE id = 1", &err)))
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(k->attitude, sizeof(k->attitude), "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    return AG_OK;
}

static struct crit *crit_get(struct web_req *req)
{
    struct crit *k = arena_alloc(&req->arena, sizeof(*k));
    return k && crit_load(req, k) == AG_OK ? k : NULL;
}

static const char *level_text(const struct crit *k, int level)
{
    return level >= 1 && level <= RISK_SCALE_MAX ? k->level[level] : "";
}

/* "4x3 高" or "" when not analysed. */
static const char *size_text(struct web_req *req, const struct crit *k, int impact, int likelihood,
                             int level)
{
    if (!impact || !likelihood)
        return "";
    const char *t = arena_printf(&req->arena, "%dx%d %s", impact, likelihood, level_text(k, level));
    return t ? t : "";
}

static const char *status_text(struct web_req *req, const char *status)
{
    return web_tr(req, status); /* the keys are the status ids (msgs_risk.c) */
}

static const char *treatment_text(struct web_req *req, const char *t)
{
    if (!strcmp(t, "reduce"))
        return web_tr(req, "risks: reduce");
    if (!strcmp(t, "avoid"))
        return web_tr(req, "risks: avoid");
    if (!strcmp(t, "transfer"))
        return web_tr(req, "risks: transfer");
    if (!strcmp(t, "retain"))
        return web_tr(req, "risks: retain");
    return "";
}

static const char *step_text(struct web_req *req, const char *step)
{
    static const char *const map[][2] = {
        {"identify", "risks: identified"},     {"assess", "risks: analysed"},
        {"treat", "risks: treatment decided"}, {"accept", "risks: accepted by the CISO"},
        {"review", "risks: reviewed"},         {"criteria", "risks: criteria changed"},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(map); i++)
        if (!strcmp(step, map[i][0]))
            return web_tr(req, map[i][1]);
    return step;
}

/* ---- who may see and do what ---- */

struct risk_acl {
    long long id, owner, treatment_owner, identified_by, decided_by;
    int level;
    char status[24], treatment[16];
};

static int acl_load(struct web_req *req, long long id, struct risk_acl *a)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s,
                           "SELECT owner_id, coalesce(treatment_owner_id, 0), coalesce("
                           "identified_by, 0), coalesce(decided_by, 0), coalesce(level, 0), "
                           "status, coalesce(treatment, '') FROM risks WHERE id = ?",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        a->id = id;
        a->owner = sqlite3_column_int64(s, 0);
        a->treatment_owner = sqlite3_column_int64(s, 1);
        a->identified_by = sqlite3_column_int64(s, 2);
        a->decided_by = sqlite3_column_int64(s, 3);
        a->level = sqlite3_column_int(s, 4);
        snprintf(a->status, sizeof(a->status), "%s", store_col_text(s, 5));
        snprintf(a->treatment, sizeof(a->treatment), "%s", store_col_text(s, 6));
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

static bool may_view(const struct web_req *req, const struct risk_acl *a)
{
    long long me = req->user.person_id;
    return web_has_role(req, RISK_VIEW_ROLES) || a->owner == me || a->treatment_owner == me ||
           a->identified_by == me;
}
static bool may_analyse(const struct web_req *req, const struct risk_acl *a)
{
    return a->owner == req->user.person_id || web_has_role(req, RISK_ANALYSE_ROLES);
}
static bool may_treat(const struct web_req *req, const struct risk_acl *a)
{
    return a->owner == req->user.person_id || web_has_role(req, AUTH_ROLE_CISO);
}
static bool may_accept_role(const struct web_req *req)
{
    return web_has_role(req, RISK_ACCEPT_ROLES);
}

/* Loads the risk of the path's {id} and checks the person may see it; on refusal the error page
 * is written and *done is set. */
static int risk_load_rec(struct web_req *req, long long id, void *a)
{
    return acl_load(req, id, a);
}

static bool risk_visible(struct web_req *req, const void *a)
{
    return may_view(req, a);
}

static int risk_for_user(struct web_req *req, struct risk_acl *a, bool *done)
{
    return web_record_for_user(req, a, risk_load_rec, risk_visible, "risks: No such risk",
                               "risks: You may not see this risk", done);
}

/* A <dt>/<dd> pair; an empty value shows as a dash, so the reader sees it is not recorded. */
static void dl_item(struct web_req *req, const char *label, const char *value)
{
    page_dl_item(req, label, value && *value ? value : "—");
}

/* ---- small form helpers ----
 * A risk's page has several forms with the same field names (impact, note, …); element ids must
 * stay unique for the labels, so these helpers take an id prefix (the form's name, or NULL). */

static const char *field_id(struct web_req *req, const char *idp, const char *name)
{
    const char *id = idp ? arena_printf(&req->arena, "%s-%s", idp, name) : name;
    return id ? id : name;
}

static void label_open(struct web_req *req, const char *id, const char *label)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", id);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label>");
}

static void select_open(struct web_req *req, const char *idp, const char *name, const char *label)
{
    struct html *h = &req->out;
    const char *id = field_id(req, idp, name);
    label_open(req, id, label);
    html_lit(h, "<select");
    html_attr(h, "id", id);
    html_attr(h, "name", name);
    html_lit(h, ">");
}

static void text_input(struct web_req *req, const char *idp, const char *name, const char *label,
                       const char *type, const char *value, bool required)
{
    struct html *h = &req->out;
    const char *id = field_id(req, idp, name);
    label_open(req, id, label);
    html_lit(h, "<input");
    html_attr(h, "id", id);
    html_attr(h, "name", name);
    html_attr(h, "type", type);
    if (value)
        html_attr(h, "value", value);
    if (required)
        html_lit(h, " required");
    html_lit(h, "></div>");
}

static void text_area(struct web_req *req, const char *idp, const char *name, const char *label,
                      const char *value, bool required)
{
    struct html *h = &req->out;
    const char *id = field_id(req, idp, name);
    label_open(req, id, label);
    html_lit(h, "<textarea rows=\"3\"");
    html_attr(h, "id", id);
    html_attr(h, "name", name);
    if (required)
        html_lit(h, " required");
    html_lit(h, ">");
    html_text(h, value ? value : "");
    html_lit(h, "</textarea></div>");
}

static void option(struct web_req *req, const char *value, const char *text, bool selected)
{
    struct html *h = &req->out;
    html_lit(h, "<option");
    html_attr(h, "value", value);
    if (selected)
        html_lit(h, " selected");
    html_lit(h, ">");
    html_text(h, text);
    html_lit(h, "</option>");
}

/* A select of a scale's values "N label"; with `none` an empty first choice. */
static void scale_select(struct web_req *req, const char *idp, const struct crit *k, bool impact,
                         const char *name, const char *label, int cur, const char *none)
{
    int n = impact ? k->c.n_impact : k->c.n_likelihood;
    select_open(req, idp, name, label);
    if (none)
        option(req, "", web_tr(req, none), cur == 0);
    for (int v = 1; v <= n && v <= RISK_SCALE_MAX; v++) {
        const char *val = arena_printf(&req->arena, "%d", v);
        const char *txt =
            arena_printf(&req->arena, "%d %s", v, impact ? k->impact[v] : k->likelihood[v]);
        option(req, val ? val : "", txt ? txt : "", v == cur);
    }
    html_lit(&req->out, "</select></div>");
}

static void checkbox(struct web_req *req, const char *idp, const char *name, const char *label,
                     bool checked)
{
    struct html *h = &req->out;
    const char *id = field_id(req, idp, name);
    html_lit(h, "<div class=\"field check\"><input type=\"checkbox\" value=\"1\"");
    html_attr(h, "id", id);
    html_attr(h, "name", name);
    if (checked)
        html_lit(h, " checked");
    html_lit(h, "><label");
    html_attr(h, "for", id);
    html_lit(h, ">");
    html_text(h, web_tr(req, label));
    html_lit(h, "</label></div>");
}

/* The value of a form field, NULL when absent or blank. */
static const char *field(const struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v && v[strspn(v, " \t\r\n")] ? v : NULL;
}

/* A scale value from the form: 0 when absent (if optional), else 1..9. */
static int form_scale(const struct web_req *req, const char *name, bool optional, int *out,
                      struct ag_error *err)
{
    const char *v = field(req, name);
    long long n = 0;
    *out = 0;
    if (!v && optional)
        return AG_OK;
    int rc = isms_check_int(name, v, 1, RISK_SCALE_MAX, &n, err);
    *out = (int)n;
    return rc;
}

/* "A, B ,C" -> {"A","B","C",NULL} in the arena; NULL for an empty field. */
static const char *const *split_list(struct web_req *req, const char *v, struct ag_error *err,
                                     int *rc)
{
    *rc = AG_OK;
    if (!v)
        return NULL;
    const char **list = arena_alloc(&req->arena, (RISK_MAX_LIST + 1) * sizeof(*list));
    if (!list) {
        *rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        return NULL;
    }
    size_t n = 0;
    for (const char *p = v; *p;) {
        p += strspn(p, " ,\t\r\n");
        size_t len = strcspn(p, ",");
        size_t t = len;
        while (t && strchr(" \t\r\n", p[t - 1]))
            t--;
        if (t) {
            if (n == RISK_MAX_LIST) {
                *rc =
                    ag_error_set(err, AG_EINVAL, "%s: more than %d entries", "list", RISK_MAX_LIST);
                return NULL;
            }
            list[n++] = arena_strndup(&req->arena, p, t);
            if (!list[n - 1]) {
                *rc = ag_error_set(err, AG_ENOMEM, "out of memory");
                return NULL;
            }
        }
        p += len;
    }
    list[n] = NULL;
    return n ? list : NULL;
}

/* ---- the heat map (SVG with a table alternative) ---- */

static const char *cell_href(struct web_req *req, int impact, int likelihood, bool residual)
{
    const char *h = arena_printf(&req->arena, "/risks?impact=%d&likelihood=%d%s", impact,
                                 likelihood, residual ? "&residual=1" : "");
    return h ? h : "/risks";
}

static const char *cell_label(struct web_req *req, const struct crit *k,
                              const struct heatmap_cell *c)
{
    const char *t = arena_printf(
        &req->arena, web_tr(req, "Impact %d (%s) x likelihood %d (%s): level %s%s, %d risk(s)"),
        c->impact, k->impact[c->impact], c->likelihood, k->likelihood[c->likelihood],
        level_text(k, c->level), c->above ? web_tr(req, " (at or above the threshold)") : "",
        c->count);
    return t ? t : "";
}

/* residual: the counts are of residual risks (cells link to the residual filter). */
static void heatmap_render(struct web_req *req, const struct crit *k,
                           const int counts[RISK_SCALE_MAX][RISK_SCALE_MAX], bool linked,
                           bool residual)
{
    struct html *h = &req->out;
    struct heatmap *m = arena_alloc(&req->arena, sizeof(*m));
    if (!m)
        return;
    heatmap_layout(&k->c, counts, m);
    html_lit(h, "<figure class=\"heatmap\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                "role=\"group\" aria-labelledby=\"heatmap-title\" viewBox=\"");
    html_textf(h, "0 0 %d %d", m->width, m->height);
    html_lit(h, "\"");
    html_attr(h, "width", arena_printf(&req->arena, "%d", m->width));
    html_attr(h, "height", arena_printf(&req->arena, "%d", m->height));
    html_lit(h, "><title id=\"heatmap-title\">");
    html_text(h, web_tr(req, residual ? "Residual risk heat map: the expected size after the "
                                        "treatment, with the number of risks per cell"
                                      : "Risk heat map: impact x likelihood, with the number of "
                                        "risks per cell"));
    html_lit(h, "</title>");
    for (size_t i = 0; i < m->ncells; i++) {
        const struct heatmap_cell *c = &m->cells[i];
        const char *label = cell_label(req, k, c);
        if (linked) {
            html_lit(h, "<a");
            html_attr(h, "href", cell_href(req, c->impact, c->likelihood, residual));
        } else {
            html_lit(h, "<g role=\"img\"");
        }
        html_attr(h, "aria-label", label);
        html_lit(h, " class=\"heat-cell\"><title>");
        html_text(h, label);
        html_lit(h, "</title><rect");
        html_attr(h, "class",
                  arena_printf(&req->arena, "heat-t%d%s", c->tone, c->above ? " heat-above" : ""));
        html_attr(h, "x", arena_printf(&req->arena, "%d", c->x));
        html_attr(h, "y", arena_printf(&req->arena, "%d", c->y));
        html_attr(h, "width", arena_printf(&req->arena, "%d", HEATMAP_CELL));
        html_attr(h, "height", arena_printf(&req->arena, "%d", HEATMAP_CELL));
        bool dark = c->tone == HEATMAP_TONES - 1; /* white text on the darkest tone */
        html_lit(h, "></rect><text text-anchor=\"middle\"");
        html_attr(h, "class", dark ? "heat-count heat-on-dark" : "heat-count");
        html_attr(h, "x", arena_printf(&req->arena, "%d", c->x + HEATMAP_CELL / 2));
        html_attr(h, "y", arena_printf(&req->arena, "%d", c->y + HEATMAP_CELL / 2 + 6));
        html_lit(h, ">");
        html_textf(h, "%d", c->count);
        html_lit(h, "</text><text text-anchor=\"middle\"");
        html_attr(h, "class", dark ? "heat-level heat-on-dark" : "heat-level");
        html_attr(h, "x", arena_printf(&req->arena, "%d", c->x + HEATMAP_CELL / 2));
        html_attr(h, "y", arena_printf(&req->arena, "%d", c->y + HEATMAP_CELL - 8));
        html_lit(h, ">");
        html_text(h, level_text(k, c->level));
        if (linked)
            html_lit(h, "</text></a>");
        else
            html_lit(h, "</text></g>");
    }
    /* the threshold: a thick outline around the cells at or above it */
    if (m->nsegments) {
        struct strbuf d;
        strbuf_init(&d, 16384);
        for (size_t i = 0; i < m->nsegments; i++)
            strbuf_addf(&d, "M%d %dL%d %d", m->segments[i].x1, m->segments[i].y1, m->segments[i].x2,
                        m->segments[i].y2);
        html_lit(h, "<path class=\"heat-threshold\" aria-hidden=\"true\"");
        html_attr(h, "d", strbuf_ok(&d) ? strbuf_str(&d) : "");
        html_lit(h, "></path>");
        strbuf_release(&d);
    }
    /* axis labels */
    for (int i = 1; i <= m->n_impact; i++) {
        html_lit(h, "<text class=\"heat-axis\" text-anchor=\"end\"");
        html_attr(h, "x", arena_printf(&req->arena, "%d", HEATMAP_LEFT - 6));
        html_attr(
            h, "y",
            arena_printf(&req->arena, "%d",
                         HEATMAP_TOP + (m->n_impact - i) * HEATMAP_CELL + HEATMAP_CELL / 2 + 4));
        html_lit(h, ">");
        html_textf(h, "%d %s", i, k->impact[i]);
        html_lit(h, "</text>");
    }
    for (int l = 1; l <= m->n_likelihood; l++) { /* number, then the label below it */
        const char *x = arena_printf(&req->arena, "%d",
                                     HEATMAP_LEFT + (l - 1) * HEATMAP_CELL + HEATMAP_CELL / 2);
        int y = HEATMAP_TOP + m->n_impact * HEATMAP_CELL;
        html_lit(h, "<text class=\"heat-axis\" text-anchor=\"middle\"");
        html_attr(h, "x", x);
        html_attr(h, "y", arena_printf(&req->arena, "%d", y + 16));
        html_lit(h, ">");
        html_textf(h, "%d", l);
        html_lit(h, "</text><text class=\"heat-axis\" text-anchor=\"middle\"");
        html_attr(h, "x", x);
        html_attr(h, "y", arena_printf(&req->arena, "%d", y + 32));
        html_lit(h, ">");
        html_text(h, k->likelihood[l]);
        html_lit(h, "</text>");
    }
    html_lit(h, "<text class=\"heat-axis-title\" text-anchor=\"middle\"");
    html_attr(h, "x",
              arena_printf(&req->arena, "%d", HEATMAP_LEFT + m->n_likelihood * HEATMAP_CELL / 2));
    html_attr(h, "y", arena_printf(&req->arena, "%d", m->height - 10));
    html_lit(h, ">");
    html_text(h, web_tr(req, "risks: Likelihood"));
    html_lit(h, " →</text><text class=\"heat-axis-title\" text-anchor=\"start\" x=\"4\"");
    html_attr(h, "y", arena_printf(&req->arena, "%d", HEATMAP_TOP + 12));
    html_lit(h, ">");
    html_text(h, web_tr(req, "risks: Impact"));
    html_lit(h, " ↑</text></svg><figcaption class=\"small\">");
    const char *cap = arena_printf(
        &req->arena,
        web_tr(req, "The thick outline marks the threshold (基準値): level %s and above need a "
                    "treatment decision (3.1.2.1④)."),
        level_text(k, k->c.threshold));
    html_text(h, cap ? cap : "");
    html_lit(h, "</figcaption></figure>");

    /* the same as a table, for screen readers and printing */
    html_lit(h, "<details class=\"heat-alt\"><summary>");
    html_text(h, web_tr(req, "The heat map as a table"));
    html_lit(h, "</summary><table class=\"heat-table\"><caption>");
    html_text(h, web_tr(req, "Risks per cell: impact (rows) x likelihood (columns)"));
    html_lit(h, "</caption><thead><tr><th scope=\"col\">");
    html_text(h, web_tr(req, "risks: Impact"));
    html_lit(h, "</th>");
    for (int l = 1; l <= m->n_likelihood; l++) {
        html_lit(h, "<th scope=\"col\">");
        html_textf(h, "%d %s", l, k->likelihood[l]);
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
    for (size_t i = 0; i < m->ncells; i++) {
        const struct heatmap_cell *c = &m->cells[i];
        if (c->likelihood == 1) {
            html_lit(h, "<tr><th scope=\"row\">");
            html_textf(h, "%d %s", c->impact, k->impact[c->impact]);
            html_lit(h, "</th>");
        }
        if (c->above)
            html_lit(h, "<td class=\"heat-above-cell\">");
        else
            html_lit(h, "<td>");
        const char *t =
            arena_printf(&req->arena, web_tr(req, "%d (%s%s)"), c->count, level_text(k, c->level),
                         c->above ? web_tr(req, ", at or above the threshold") : "");
        if (linked)
            page_link(req, cell_href(req, c->impact, c->likelihood, residual), t ? t : "");
        else
            html_text(h, t ? t : "");
        html_lit(h, "</td>");
        if (c->likelihood == m->n_likelihood)
            html_lit(h, "</tr>");
    }
    html_lit(h, "</tbody></table></details>");
}

/* Counts of the risks the person may see per (impact, likelihood). */
static int heat_counts(struct web_req *req, int counts[RISK_SCALE_MAX][RISK_SCALE_MAX],
                       bool residual)
{
    struct ag_error err;
    sqlite3_stmt *s;
    memset(counts, 0, sizeof(int) * RISK_SCALE_MAX * RISK_SCALE_MAX);
    int rc = store_prepare(req->st, &s,
                           residual ? "SELECT residual_impact, residual_likelihood, count(*) FROM "
                                      "risks WHERE residual_impact IS NOT NULL AND "
                                      "residual_likelihood IS NOT NULL AND (?1 = 1 OR owner_id = "
                                      "?2 OR treatment_owner_id = ?2 OR identified_by = ?2) GROUP "
                                      "BY residual_impact, residual_likelihood"
                                    : "SELECT impact, likelihood, count(*) FROM risks WHERE "
                                      "impact IS NOT NULL AND likelihood IS NOT NULL AND (?1 = 1 "
                                      "OR owner_id = ?2 OR treatment_owner_id = ?2 OR "
                                      "identified_by = ?2) GROUP BY impact, likelihood",
                           &err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, web_has_role(req, RISK_VIEW_ROLES));
    sqlite3_bind_int64(s, 2, req->user.person_id);
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        int i = sqlite3_column_int(s, 0), l = sqlite3_column_int(s, 1);
        if (i >= 1 && i <= RISK_SCALE_MAX && l >= 1 && l <= RISK_SCALE_MAX)
            counts[i - 1][l - 1] = sqlite3_column_int(s, 2);
    }
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? AG_OK : AG_EIO;
}

/* ---- GET /risks ---- */

struct list_filter {
    const char *status, *owner, *review;
    int impact, likelihood;
    bool residual; /* impact/likelihood (and the heat map) are of the residual risk */
    long long page;
};

static bool parse_filter(struct web_req *req, struct list_filter *f)
{
    struct ag_error err;
    memset(f, 0, sizeof(*f));
    f->page = 1;
    const char *v;
    if ((v = web_query(req, "status")) && *v) {
        if (isms_check_enum("status", v, risk_statuses, &err))
            return false;
        f->status = v;
    }
    if ((v = web_query(req, "owner")) && *v) {
        long long id;
        if (isms_person_id(req->st, v, &id, &err))
            return false;
        f->owner = v;
    }
    if ((v = web_query(req, "review")) && *v) {
        if (strcmp(v, "1") != 0 && strcmp(v, "due") != 0) /* the checkbox sends 1 */
            return false;
        f->review = v;
    }
    long long n;
    if ((v = web_query(req, "impact")) && *v) {
        if (isms_check_int("impact", v, 1, RISK_SCALE_MAX, &n, &err))
            return false;
        f->impact = (int)n;
    }
    if ((v = web_query(req, "likelihood")) && *v) {
        if (isms_check_int("likelihood", v, 1, RISK_SCALE_MAX, &n, &err))
            return false;
        f->likelihood = (int)n;
    }
    if ((f->impact == 0) != (f->likelihood == 0))
        return false;
    if ((v = web_query(req, "residual")) && *v) {
        if (strcmp(v, "1") != 0)
            return false;
        f->residual = true;
    }
    if ((v = web_query(req, "page")) && *v) {
        if (isms_check_int("page", v, 1, 100000, &n, &err))
            return false;
        f->page = n;
    }
    return true;
}

/* The list URL with the filter and page p. */
static const char *list_href(struct web_req *req, const struct list_filter *f, long long p)
{
    struct strbuf sb;
    strbuf_init(&sb, 1024);
    strbuf_adds(&sb, "/risks?");
    if (f->status) {
        strbuf_adds(&sb, "status=");
        html_url_component(&sb, f->status);
        strbuf_adds(&sb, "&");
    }
    if (f->owner) {
        strbuf_adds(&sb, "owner=");
        html_url_component(&sb, f->owner);
        strbuf_adds(&sb, "&");
    }
    if (f->review)
        strbuf_adds(&sb, "review=1&");
    if (f->impact)
        strbuf_addf(&sb, "impact=%d&likelihood=%d&", f->impact, f->likelihood);
    if (f->residual)
        strbuf_adds(&sb, "residual=1&");
    strbuf_addf(&sb, "page=%lld", p);
    char *out = strbuf_ok(&sb) ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return out ? out : "/risks";
}

static void filter_form(struct web_req *req, const struct list_filter *f)
{
    struct html *h = &req->out;
    struct ag_error err;
    html_lit(h, "<form method=\"get\" action=\"/risks\" class=\"search filters\">");
    select_open(req, NULL, "status", "risks: Status");
    option(req, "", web_tr(req, "risks: all"), !f->status);
    for (size_t i = 0; risk_statuses[i]; i++)
        option(req, risk_statuses[i], status_text(req, risk_statuses[i]),
               f->status && !strcmp(f->status, risk_statuses[i]));
    html_lit(h, "</select></div>");
    select_open(req, NULL, "owner", "risks: Owner");
    option(req, "", web_tr(req, "risks: all"), !f->owner);
    sqlite3_stmt *s;
    if (store_prepare(req->st, &s,
                      "SELECT DISTINCT p.login, p.name FROM risks r JOIN people p ON p.id = "
                      "r.owner_id ORDER BY p.login",
                      &err) == AG_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *login = store_col_text(s, 0);
            const char *t = arena_printf(&req->arena, "%s %s", login, store_col_text(s, 1));
            option(req, login, t ? t : login, f->owner && !strcmp(f->owner, login));
        }
        sqlite3_finalize(s);
    }
    html_lit(h, "</select></div>");
    checkbox(req, NULL, "review", "risks: Review due within 30 days", f->review != NULL);
    if (f->impact) {
        html_lit(h, "<input type=\"hidden\" name=\"impact\"");
        html_attr(h, "value", arena_printf(&req->arena, "%d", f->impact));
        html_lit(h, "><input type=\"hidden\" name=\"likelihood\"");
        html_attr(h, "value", arena_printf(&req->arena, "%d", f->likelihood));
        html_lit(h, ">");
    }
    if (f->residual)
        html_lit(h, "<input type=\"hidden\" name=\"residual\" value=\"1\">");
    html_lit(h, "<button type=\"submit\">");
    html_text(h, web_tr(req, "risks: Filter"));
    html_lit(h, "</button></form>");
}

static int page_risks(struct web_req *req)
{
    struct html *h = &req->out;
    struct list_filter f;
    struct ag_error err;
    if (!parse_filter(req, &f))
        return web_error(req, 400, "risks: A filter has a value that is not allowed");
    struct crit *k = crit_get(req);
    if (!k)
        return AG_EIO;
    int(*counts)[RISK_SCALE_MAX] =
        arena_alloc(&req->arena, sizeof(int[RISK_SCALE_MAX][RISK_SCALE_MAX]));
    if (!counts)
        return AG_ENOMEM;
    int rc = heat_counts(req, counts, f.residual);
    if (rc)
        return rc;
    char today[11], until[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, 30, until);
    sqlite3_stmt *s;
    rc = store_prepare(
        req->st, &s,
        "SELECT r.id, r.title, r.status, coalesce(r.level, 0), coalesce(r.residual_level, 0), "
        "r.above_threshold, p.login, r.review_date, coalesce(r.decision_due, ''), "
        "coalesce(r.treatment, ''), coalesce(r.impact, 0), coalesce(r.likelihood, 0), r.hse, "
        "coalesce(y.code, ''), coalesce(r.residual_impact, 0), coalesce(r.residual_likelihood, 0) "
        "FROM risks r JOIN people p ON p.id = r.owner_id LEFT JOIN systems y ON y.id = r.system_id "
        "WHERE (?1 = 1 OR r.owner_id = ?2 OR r.treatment_owner_id = ?2 OR r.identified_by = ?2) "
        "AND (?3 IS NULL OR r.status = ?3) AND (?4 IS NULL OR p.login = ?4) AND (?5 = 0 OR (?10 = "
        "0 "
        "AND r.impact = ?5 AND r.likelihood = ?6) OR (?10 = 1 AND r.residual_impact = ?5 AND "
        "r.residual_likelihood = ?6)) AND (?7 IS NULL OR r.review_date <= ?7) "
        "ORDER BY r.above_threshold DESC, coalesce(r.level, 0) DESC, r.status IN "
        "('needs_decision', 'awaiting_acceptance') DESC, r.review_date, r.id DESC LIMIT ?8 OFFSET "
        "?9",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, web_has_role(req, RISK_VIEW_ROLES));
    sqlite3_bind_int64(s, 2, req->user.person_id);
    store_bind_text(s, 3, f.status);
    store_bind_text(s, 4, f.owner);
    sqlite3_bind_int(s, 5, f.impact);
    sqlite3_bind_int(s, 6, f.likelihood);
    store_bind_text(s, 7, f.review ? until : NULL);
    sqlite3_bind_int(s, 8, RISK_PAGE_SIZE + 1);
    sqlite3_bind_int64(s, 9, (f.page - 1) * RISK_PAGE_SIZE);
    sqlite3_bind_int(s, 10, f.residual);

    page_begin(req, web_tr(req, "Risk register"));
    page_h1(req, web_tr(req, "Risk register"));
    page_note(req, web_tr(req, "Risk assessment and treatment (guideline 3.1.2.1): identify, "
                               "analyse and evaluate risks against the criteria, decide a "
                               "treatment for every risk at or above the threshold."));
    html_lit(h, "<p class=\"actions\">");
    if (web_has_role(req, RISK_IDENTIFY_ROLES)) {
        page_link(req, "/risks/new", web_tr(req, "Register a risk"));
        html_lit(h, " · ");
    }
    if (web_has_role(req, RISK_VIEW_ROLES))
        page_link(req, "/risks/criteria", web_tr(req, "Risk criteria"));
    html_lit(h, "</p>");
    html_lit(h, "<nav class=\"tabs\"");
    html_attr(h, "aria-label", web_tr(req, "risks: Heat map of"));
    html_lit(h, "><ul><li><a href=\"/risks\"");
    if (!f.residual)
        html_lit(h, " aria-current=\"page\"");
    html_lit(h, ">");
    html_text(h, web_tr(req, "risks: Inherent risk"));
    html_lit(h, "</a></li><li><a href=\"/risks?residual=1\"");
    if (f.residual)
        html_lit(h, " aria-current=\"page\"");
    html_lit(h, ">");
    html_text(h, web_tr(req, "risks: Residual risk"));
    html_lit(h, "</a></li></ul></nav>");
    heatmap_render(req, k, (const int(*)[RISK_SCALE_MAX])counts, true, f.residual);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "risks: Risks"));
    html_lit(h, "</h2>");
    if (f.impact) {
        const char *t =
            arena_printf(&req->arena,
                         web_tr(req, f.residual ? "Showing the residual-risk cell impact %d x "
                                                  "likelihood %d."
                                                : "Showing the cell impact %d x likelihood %d."),
                         f.impact, f.likelihood);
        html_lit(h, "<p>");
        html_text(h, t ? t : "");
        html_lit(h, " ");
        page_link(req, "/risks", web_tr(req, "risks: Show all"));
        html_lit(h, "</p>");
    }
    filter_form(req, &f);
    static const char *const heads[] = {"risks: ID",     "risks: Title", "risks: Risk",
                                        "risks: Status", "risks: Owner", "treatment",
                                        "residual_risk", "next_review"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    int step, n = 0;
    bool more = false;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == RISK_PAGE_SIZE) {
            more = true;
            continue;
        }
        long long id = sqlite3_column_int64(s, 0);
        const char *status = store_col_text(s, 2);
        bool above = sqlite3_column_int(s, 5) != 0;
        if (above)
            html_lit(h, "<tr class=\"risk-above\"><td>");
        else
            html_lit(h, "<tr><td>");
        html_textf(h, "%lld", id);
        html_lit(h, "</td><td>");
        page_link(req, arena_printf(&req->arena, "/risks/%lld", id), store_col_text(s, 1));
        if (sqlite3_column_int(s, 12))
            html_lit(h, " <span class=\"kind\">HSE</span>");
        if (*store_col_text(s, 13)) {
            html_lit(h, " <span class=\"small\">");
            html_text(h, store_col_text(s, 13));
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td>");
        html_text(h, size_text(req, k, sqlite3_column_int(s, 10), sqlite3_column_int(s, 11),
                               sqlite3_column_int(s, 3)));
        if (above) {
            html_lit(h, " <span class=\"badge-above\">");
            html_text(h, web_tr(req, "above_threshold"));
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td");
        html_attr(h, "class", arena_printf(&req->arena, "risk-status-%s", status));
        html_lit(h, ">");
        html_text(h, status_text(req, status));
        if (!strcmp(status, "needs_decision") && *store_col_text(s, 8)) {
            html_lit(h, "<br><span class=\"small\">");
            html_textf(h, web_tr(req, "decision due %s"), store_col_text(s, 8));
            html_lit(h, "</span>");
        }
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 6));
        html_lit(h, "</td><td>");
        html_text(h, treatment_text(req, store_col_text(s, 9)));
        html_lit(h, "</td><td>");
        html_text(h, size_text(req, k, sqlite3_column_int(s, 14), sqlite3_column_int(s, 15),
                               sqlite3_column_int(s, 4)));
        html_lit(h, "</td><td class=\"date\">");
        const char *rdate = store_col_text(s, 7);
        if (strcmp(rdate, today) < 0)
            html_lit(h, "<span class=\"bad\">");
        else
            html_lit(h, "<span>");
        html_text(h, rdate);
        html_lit(h, "</span></td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return AG_EIO;
    page_table_end(req, (size_t)n, "risks: No risks match.");
    if (f.page > 1 || more) {
        html_lit(h, "<nav class=\"pages\" aria-label=\"pages\">");
        if (f.page > 1)
            page_link(req, list_href(req, &f, f.page - 1), web_tr(req, "risks: Previous page"));
        if (f.page > 1 && more)
            html_lit(h, " · ");
        if (more)
            page_link(req, list_href(req, &f, f.page + 1), web_tr(req, "risks: Next page"));
        html_lit(h, "</nav>");
    }
    page_end(req);
    return AG_OK;
}

/* ---- GET /risks/criteria ---- */

static int page_risk_criteria(struct web_req *req)
{
    struct html *h = &req->out;
    struct crit *k = crit_get(req);
    if (!k)
        return AG_EIO;
    page_begin(req, web_tr(req, "Risk criteria"));
    page_h1(req, web_tr(req, "Risk criteria"));
    page_note(req, web_tr(req, "The risk criteria (リスク基準, 3.1.2.1③④) are changed by the CISO "
                               "with the command line: airguard risk criteria scale|level|cell|set "
                               "… --as LOGIN. Every change re-evaluates every risk."));
    page_dl_begin(req);
    page_dl_item(req, "risks: Risk attitude and tolerance (3.1.2.1①)", k->attitude);
    const char *thr =
        arena_printf(&req->arena, "%d %s", k->c.threshold, level_text(k, k->c.threshold));
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "risks: Threshold (基準値)"));
    html_lit(h, "</dt><dd id=\"threshold\">");
    html_text(h, thr ? thr : "");
    html_lit(h, "</dd>");
    page_dl_item(req, "risks: Review interval",
                 arena_printf(&req->arena, web_tr(req, "%d days"), k->c.review_days));
    page_dl_item(req, "risks: Treatment decision due within",
                 arena_printf(&req->arena, web_tr(req, "%d days"), k->c.decision_days));
    page_dl_end(req);
    for (int axis = 0; axis < 2; axis++) {
        bool imp = axis == 0;
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, imp ? "Impact scale (effect on services and operations):"
                                     : "Likelihood scale:"));
        html_lit(h, "</h2>");
        static const char *const heads[] = {"risks: Value", "risks: Label", "risks: Description"};
        page_table_begin(req, heads, 3);
        int n = imp ? k->c.n_impact : k->c.n_likelihood;
        for (int v = 1; v <= n && v <= RISK_SCALE_MAX; v++) {
            html_lit(h, "<tr><td>");
            html_textf(h, "%d", v);
            html_lit(h, "</td><td>");
            html_text(h, imp ? k->impact[v] : k->likelihood[v]);
            html_lit(h, "</td><td>");
            html_text(h, imp ? k->impact_desc[v] : k->likelihood_desc[v]);
            html_lit(h, "</td></tr>");
        }
        page_table_end(req, (size_t)n, NULL);
    }
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Risk levels:"));
    html_lit(h, "</h2>");
    static const char *const lheads[] = {"risks: Level", "risks: Label", "risks: Threshold"};
    page_table_begin(req, lheads, 3);
    for (int v = 1; v <= k->c.n_levels && v <= RISK_SCALE_MAX; v++) {
        if (v >= k->c.threshold)
            html_lit(h, "<tr class=\"risk-above\"><td>");
        else
            html_lit(h, "<tr><td>");
        html_textf(h, "%d", v);
        html_lit(h, "</td><td>");
        html_lit(h, "<span");
        html_attr(h, "class",
                  arena_printf(&req->arena, "swatch heat-t%d", heatmap_tone(v, k->c.n_levels)));
        html_lit(h, " aria-hidden=\"true\"></span> ");
        html_text(h, k->level[v]);
        html_lit(h, "</td><td>");
        if (v == k->c.threshold)
            html_text(h, web_tr(req, "risks: threshold: this level and above need a treatment "
                                     "decision"));
        else if (v > k->c.threshold)
            html_text(h, web_tr(req, "above_threshold"));
        html_lit(h, "</td></tr>");
    }
    page_table_end(req, (size_t)k->c.n_levels, NULL);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "Matrix (impact down, likelihood across):"));
    html_lit(h, "</h2>");
    int(*counts)[RISK_SCALE_MAX] =
        arena_alloc(&req->arena, sizeof(int[RISK_SCALE_MAX][RISK_SCALE_MAX]));
    if (!counts)
        return AG_ENOMEM;
    int rc = heat_counts(req, counts, false);
    if (rc)
        return rc;
    heatmap_render(req, k, (const int(*)[RISK_SCALE_MAX])counts, true, false);
    page_end(req);
    return AG_OK;
}

/* ---- GET /risks/{id} ---- */

static void history_table(struct web_req *req, const struct crit *k, long long id)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    if (store_prepare(req->st, &s,
                      "SELECT h.at, coalesce(p.login, ''), h.step, coalesce(h.impact, 0), "
                      "coalesce(h.likelihood, 0), coalesce(h.level, 0), coalesce(h.residual_level, "
                      "0), h.status, h.note FROM risk_history h LEFT JOIN people p ON p.id = "
                      "h.by_id WHERE h.risk_id = ? ORDER BY h.id DESC",
                      &err) != AG_OK)
        return;
    sqlite3_bind_int64(s, 1, id);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "risks: History"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"at",          "actor",         "history_step",
                                        "risks: Risk", "residual_risk", "risks: Status",
                                        "history_note"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        html_lit(h, "<tr><td>");
        html_text(h, store_col_text(s, 0));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, step_text(req, store_col_text(s, 2)));
        html_lit(h, "</td><td>");
        html_text(h, size_text(req, k, sqlite3_column_int(s, 3), sqlite3_column_int(s, 4),
                               sqlite3_column_int(s, 5)));
        html_lit(h, "</td><td>");
        html_text(h, level_text(k, sqlite3_column_int(s, 6)));
        html_lit(h, "</td><td>");
        html_text(h, status_text(req, store_col_text(s, 7)));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 8));
        html_lit(h, "</td></tr>");
        n++;
    }
    sqlite3_finalize(s);
    page_table_end(req, n, NULL);
}

static void list_items(struct web_req *req, const char *label, const char *sql, long long id,
                       bool catalog)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    if (store_prepare(req->st, &s, sql, &err) != AG_OK)
        return;
    sqlite3_bind_int64(s, 1, id);
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, label));
    html_lit(h, "</dt><dd>");
    int n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (n++)
            html_lit(h, ", ");
        const char *v = store_col_text(s, 0);
        if (catalog) {
            const struct catalog_node *node = catalog_by_id(req->cat, v);
            page_link(req, arena_printf(&req->arena, "/catalog/%s", node ? node->id : ""),
                      node && node->ref[0] ? node->ref : v);
        } else {
            html_text(h, v);
            if (*store_col_text(s, 1)) {
                html_lit(h, " ");
                html_text(h, store_col_text(s, 1));
            }
        }
    }
    if (!n)
        html_text(h, "—");
    html_lit(h, "</dd>");
    sqlite3_finalize(s);
}

struct form_values { /* what a refused POST sent, shown again */
    const struct web_form *form;
    const char *which; /* the form it came from */
};

static const char *fv(const struct form_values *v, const char *which, const char *name)
{
    if (!v || !v->form || strcmp(v->which, which) != 0)
        return NULL;
    return web_form_get(v->form, name);
}

static int fv_int(const struct form_values *v, const char *which, const char *name, int dflt)
{
    const char *s = fv(v, which, name);
    long long n;
    struct ag_error ignore;
    return s && *s && isms_check_int(name, s, 1, RISK_SCALE_MAX, &n, &ignore) == AG_OK ? (int)n
                                                                                       : dflt;
}

static void step_forms(struct web_req *req, const struct crit *k, const struct risk_acl *a,
                       int impact, int likelihood, int ri, int rl, const struct form_values *v)
{
    struct html *h = &req->out;
    const char *base = arena_printf(&req->arena, "/risks/%lld", a->id);
    if (!base)
        return;
    bool any = false;
    if (may_analyse(req, a)) {
        any = true;
        html_lit(h, "<h2 id=\"assess\">");
        html_text(h, web_tr(req, "risks: Analyse and evaluate (3.1.2.1③④)"));
        html_lit(h, "</h2>");
        page_form_begin(req, arena_printf(&req->arena, "%s/assess", base));
        scale_select(req, "assess", k, true, "impact", "risks: Impact",
                     fv_int(v, "assess", "impact", impact), impact ? NULL : "risks: choose");
        scale_select(req, "assess", k, false, "likelihood", "risks: Likelihood",
                     fv_int(v, "assess", "likelihood", likelihood),
                     likelihood ? NULL : "risks: choose");
        text_area(req, "assess", "analysis", "risks: Analysis (reasoning)",
                  fv(v, "assess", "analysis"), true);
        checkbox(req, "assess", "selected", "risks: Treat although below the threshold (個別事情)",
                 fv(v, "assess", "selected") != NULL);
        text_area(req, "assess", "note", "risks: Evaluation note", fv(v, "assess", "note"), false);
        page_form_end(req, "risks: Save the analysis");
    }
    if (a->level > 0 && may_treat(req, a)) {
        any = true;
        html_lit(h, "<h2 id=\"treat\">");
        html_text(h, web_tr(req, "risks: Decide the treatment"));
        html_lit(h, "</h2>");
        page_form_begin(req, arena_printf(&req->arena, "%s/treat", base));
        static const char *const opts[] = {"reduce", "avoid", "transfer", "retain"};
        static const char *const labels[] = {"risks: reduce", "risks: avoid", "risks: transfer",
                                             "risks: retain"};
        page_select(req, "option", "risks: Treatment option", opts, labels, 4,
                    fv(v, "treat", "option") ? fv(v, "treat", "option")
                                             : (*a->treatment ? a->treatment : NULL));
        text_area(req, "treat", "plan", "risks: Plan", fv(v, "treat", "plan"), true);
        text_input(req, "treat", "owner", "risks: Treatment owner (login; empty = the risk owner)",
                   "text", fv(v, "treat", "owner"), false);
        text_input(req, "treat", "due", "risks: Due date (not needed to retain)", "date",
                   fv(v, "treat", "due"), false);
        text_input(req, "treat", "items",
                   "risks: Planned guideline measures (refs, comma-separated)", "text",
                   fv(v, "treat", "items"), false);
        scale_select(req, "treat", k, true, "residual_impact", "risks: Expected residual impact",
                     fv_int(v, "treat", "residual_impact", ri), "risks: not given");
        scale_select(req, "treat", k, false, "residual_likelihood",
                     "risks: Expected residual likelihood",
                     fv_int(v, "treat", "residual_likelihood", rl), "risks: not given");
        page_form_end(req, "risks: Decide");
    }
    if (!strcmp(a->status, "awaiting_acceptance") && may_accept_role(req)) {
        any = true;
        html_lit(h, "<h2 id=\"accept\">");
        html_text(h, web_tr(req, "risks: Accept the risk (CISO)"));
        html_lit(h, "</h2>");
        /* the owner or decider holding the role sees the form with the rule; the library
         * refuses their acceptance (403) */
        if (a->owner == req->user.person_id || a->decided_by == req->user.person_id)
            page_alert(req, web_tr(req, "You own this risk or decided its treatment: your "
                                        "acceptance is refused; another CISO or the executive "
                                        "accepts it (separation of duties, 3.1.4.1(2))."));
        page_form_begin(req, arena_printf(&req->arena, "%s/accept", base));
        text_area(req, "accept", "note", "risks: Reason for accepting", fv(v, "accept", "note"),
                  true);
        page_form_end(req, "risks: Accept");
    }
    if (a->level > 0 && may_analyse(req, a)) {
        html_lit(h, "<h2 id=\"review\">");
        html_text(h, web_tr(req, "risks: Review"));
        html_lit(h, "</h2>");
        if (!strcmp(a->status, "needs_decision"))
            page_note(req, web_tr(req, "This risk needs a treatment decision first; a review "
                                       "that only confirms it is refused (3.1.2.1④)."));
        page_form_begin(req, arena_printf(&req->arena, "%s/review", base));
        scale_select(req, "review", k, true, "impact", "risks: Impact (empty = unchanged)",
                     fv_int(v, "review", "impact", 0), "risks: unchanged");
        scale_select(req, "review", k, false, "likelihood", "risks: Likelihood (empty = unchanged)",
                     fv_int(v, "review", "likelihood", 0), "risks: unchanged");
        if (*a->treatment) {
            scale_select(req, "review", k, true, "residual_impact",
                         "risks: Residual impact (empty = "
                         "unchanged)",
                         fv_int(v, "review", "residual_impact", 0), "risks: unchanged");
            scale_select(req, "review", k, false, "residual_likelihood",
                         "risks: Residual likelihood (empty = unchanged)",
                         fv_int(v, "review", "residual_likelihood", 0), "risks: unchanged");
        }
        text_area(req, "review", "note", "risks: Review note", fv(v, "review", "note"), true);
        text_input(req, "review", "next", "risks: Next review (empty = by the criteria)", "date",
                   fv(v, "review", "next"), false);
        page_form_end(req, "risks: Record the review");
    }
    if (!any && !may_analyse(req, a))
        page_note(req, web_tr(req, "You may read this risk; its owner, the CISO, the committee "
                                   "and the managers work on it."));
}

/* The risk page; alert (may be NULL) at the top; v: a refused form's values. */
static int risk_page(struct web_req *req, const struct risk_acl *a, const char *alert,
                     const struct form_values *v)
{
    struct html *h = &req->out;
    struct ag_error err;
    struct crit *k = crit_get(req);
    if (!k)
        return AG_EIO;
    sqlite3_stmt *s;
    int rc = store_prepare(
        req->st, &s,
        "SELECT r.title, r.threat, r.vulnerability, r.consequence, r.service, coalesce(y.code, "
        "''), "
        "coalesce(CASE WHEN ?2 = 'en' AND y.name_en <> '' THEN y.name_en ELSE y.name_ja END, ''), "
        "r.hse, po.login, po.name, coalesce(pi.login, ''), r.identified_at, coalesce(r.impact, 0), "
        "coalesce(r.likelihood, 0), coalesce(r.level, 0), r.analysis, coalesce(pa.login, ''), "
        "coalesce(r.analysed_at, ''), r.selected, r.evaluation_note, coalesce(r.decision_due, ''), "
        "coalesce(r.treatment, ''), r.treatment_plan, coalesce(pt.login, ''), "
        "coalesce(r.treatment_due, ''), coalesce(pd.login, ''), coalesce(r.decided_at, ''), "
        "coalesce(r.action_id, 0), coalesce(r.residual_impact, 0), "
        "coalesce(r.residual_likelihood, 0), coalesce(r.residual_level, 0), coalesce(pc.login, "
        "''), "
        "coalesce(r.accepted_at, ''), r.acceptance_note, r.review_date, coalesce(pr.login, ''), "
        "coalesce(r.reviewed_at, ''), r.status, r.above_threshold FROM risks r JOIN people po ON "
        "po.id = r.owner_id LEFT JOIN systems y ON y.id = r.system_id LEFT JOIN people pi ON pi.id "
        "= r.identified_by LEFT JOIN people pa ON pa.id = r.analysed_by LEFT JOIN people pt ON "
        "pt.id = r.treatment_owner_id LEFT JOIN people pd ON pd.id = r.decided_by LEFT JOIN people "
        "pc ON pc.id = r.accepted_by LEFT JOIN people pr ON pr.id = r.reviewed_by WHERE r.id = ?1",
        &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, a->id);
    sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "risks: No such risk");
    }
#define T(i) store_col_text(s, i)
#define I(i) sqlite3_column_int(s, i)
    const char *title = arena_printf(&req->arena, web_tr(req, "Risk %lld: %s"), a->id, T(0));
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    page_note(req, web_tr(req, "Risk assessment and treatment (guideline 3.1.2.1)"));
    if (alert)
        page_alert(req, alert);
    const char *ok = web_query(req, "ok");
    static const char *const oks[][2] = {
        {"add", "risks: The risk is registered."},     {"assess", "risks: The analysis is saved."},
        {"treat", "risks: The treatment is decided."}, {"accept", "risks: The risk is accepted."},
        {"review", "risks: The review is recorded."},
    };
    for (size_t i = 0; ok && i < AG_ARRAY_LEN(oks); i++)
        if (!strcmp(ok, oks[i][0]))
            page_ok(req, web_tr(req, oks[i][1]));
    page_dl_begin(req);
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "risks: Status"));
    html_lit(h, "</dt><dd id=\"risk-status\"");
    html_attr(h, "class", arena_printf(&req->arena, "risk-status-%s", T(37)));
    html_lit(h, ">");
    html_text(h, status_text(req, T(37)));
    if (*T(20) && !strcmp(T(37), "needs_decision")) {
        html_lit(h, " — ");
        html_textf(h, web_tr(req, "decision due %s"), T(20));
    }
    html_lit(h, "</dd>");
    dl_item(req, "threat", T(1));
    dl_item(req, "vulnerability", T(2));
    dl_item(req, "consequence", T(3));
    dl_item(req, "affected_service", T(4));
    dl_item(req, "information_system", *T(5) ? arena_printf(&req->arena, "%s %s", T(5), T(6)) : "");
    list_items(req, "risk_assets",
               "SELECT a.code, a.name FROM risk_assets ra JOIN assets a ON a.id = ra.asset_id "
               "WHERE ra.risk_id = ? ORDER BY a.code",
               a->id, false);
    list_items(req, "existing_measures",
               "SELECT item_id, '' FROM risk_measures WHERE risk_id = ? AND kind = 'existing' "
               "ORDER BY item_id",
               a->id, true);
    dl_item(req, "hse", I(7) ? web_tr(req, "risks: yes (HSE risk, 5.4(5))") : "");
    dl_item(req, "risks: Owner", arena_printf(&req->arena, "%s %s", T(8), T(9)));
    dl_item(req, "risks: Identified", arena_printf(&req->arena, "%s %s", T(10), T(11)));
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "inherent_risk"));
    html_lit(h, "</dt><dd id=\"risk-level\">");
    html_text(h, size_text(req, k, I(12), I(13), I(14)));
    if (I(38)) {
        html_lit(h, " <span class=\"badge-above\">");
        html_text(h, web_tr(req, "above_threshold"));
        html_lit(h, "</span>");
    }
    html_lit(h, "</dd>");
    dl_item(req, "risk_analysis", T(15));
    if (*T(16))
        dl_item(req, "risks: Analysed", arena_printf(&req->arena, "%s %s", T(16), T(17)));
    if (I(18) || *T(19))
        dl_item(req, "evaluation_note", T(19));
    dl_item(req, "treatment", treatment_text(req, T(21)));
    if (*T(21)) {
        dl_item(req, "treatment_plan", T(22));
        dl_item(req, "treatment_owner", T(23));
        dl_item(req, "treatment_due", T(24));
        dl_item(req, "decided_by", arena_printf(&req->arena, "%s %s", T(25), T(26)));
        if (I(27))
            dl_item(req, "action_id", arena_printf(&req->arena, "%d", I(27)));
        list_items(req, "planned_measures",
                   "SELECT item_id, '' FROM risk_measures WHERE risk_id = ? AND kind = 'planned' "
                   "ORDER BY item_id",
                   a->id, true);
    }
    html_lit(h, "<dt>");
    html_text(h, web_tr(req, "residual_risk"));
    html_lit(h, "</dt><dd id=\"risk-residual\">");
    html_text(h, size_text(req, k, I(28), I(29), I(30)));
    html_lit(h, "</dd>");
    if (*T(31)) {
        dl_item(req, "accepted_by", T(31));
        dl_item(req, "accepted_at", T(32));
        dl_item(req, "acceptance_note", T(33));
    }
    dl_item(req, "next_review", T(34));
    if (*T(35))
        dl_item(req, "reviewed_by", arena_printf(&req->arena, "%s %s", T(35), T(36)));
    page_dl_end(req);
    int impact = I(12), likelihood = I(13), ri = I(28), rl = I(29);
#undef T
#undef I
    sqlite3_finalize(s);
    step_forms(req, k, a, impact, likelihood, ri, rl, v);
    history_table(req, k, a->id);
    html_lit(h, "<p>");
    page_link(req, "/risks", web_tr(req, "risks: Back to the register"));
    html_lit(h, "</p>");
    page_end(req);
    return AG_OK;
}

static int page_risk(struct web_req *req)
{
    struct risk_acl a;
    bool done;
    int rc = risk_for_user(req, &a, &done);
    if (rc || done)
        return rc;
    return risk_page(req, &a, NULL, NULL);
}

/* ---- POST /risks/{id}/assess|treat|accept|review ---- */

struct step_ctx {
    const char *which;
    long long id;
};

static int do_assess(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    struct risk_assessment a = {0};
    int rc;
    if ((rc = form_scale(req, "impact", false, &a.impact, err)) ||
        (rc = form_scale(req, "likelihood", false, &a.likelihood, err)))
        return rc;
    a.analysis = field(req, "analysis");
    a.selected = field(req, "selected") != NULL;
    a.note = field(req, "note");
    return risk_assess(req->st, c->id, req->user.person_id, &a, err);
}

static int do_treat(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    struct risk_treatment t = {0};
    long long action;
    int rc;
    t.option = field(req, "option");
    t.plan = field(req, "plan");
    t.owner = field(req, "owner");
    t.due = field(req, "due");
    if ((rc = form_scale(req, "residual_impact", true, &t.residual_impact, err)) ||
        (rc = form_scale(req, "residual_likelihood", true, &t.residual_likelihood, err)))
        return rc;
    t.items = split_list(req, field(req, "items"), err, &rc);
    if (rc)
        return rc;
    return risk_treat(req->st, req->cat, c->id, req->user.person_id, &t, &action, err);
}

static int do_accept(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    return risk_accept(req->st, c->id, req->user.person_id, field(req, "note"), err);
}

static int do_review(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    struct risk_review r = {0};
    int rc;
    if ((rc = form_scale(req, "impact", true, &r.impact, err)) ||
        (rc = form_scale(req, "likelihood", true, &r.likelihood, err)) ||
        (rc = form_scale(req, "residual_impact", true, &r.residual_impact, err)) ||
        (rc = form_scale(req, "residual_likelihood", true, &r.residual_likelihood, err)))
        return rc;
    r.note = field(req, "note");
    r.next = field(req, "next");
    return risk_review(req->st, c->id, req->user.person_id, &r, err);
}

/* A step the library refused by a rule (AG_EDENIED) is a security-relevant event (3.1.4.1(2)): the
 * library records it only outside a transaction, and web_action rolled ours back, so it is
 * recorded here, in its own transaction, with the person as the actor. */
static void record_refusal(struct web_req *req, long long id, const char *which)
{
    struct ag_error ignore;
    char sid[24], detail[96];
    snprintf(sid, sizeof(sid), "%lld", id);
    snprintf(detail, sizeof(detail), "{\"what\": \"%s\", \"via\": \"web\"}", which);
    store_set_actor(req->st, req->user.login);
    if (store_audit(req->st, "refused", "risks", sid, detail, &ignore) != AG_OK) {
        /* the refusal stands even if it cannot be recorded */
    }
    store_set_actor(req->st, "web");
}

static int risk_step(struct web_req *req, const char *which,
                     int (*fn)(struct web_req *, void *, struct ag_error *),
                     bool (*allowed)(const struct web_req *, const struct risk_acl *))
{
    struct risk_acl a;
    struct ag_error err;
    bool done;
    int rc = risk_for_user(req, &a, &done);
    if (rc || done)
        return rc;
    /* the page's rule first (who may take this step); the library checks its own again */
    if (allowed && !allowed(req, &a)) {
        req->status = 403;
        struct form_values v = {&req->form, which};
        return risk_page(req, &a,
                         web_tr(req, "risks: Your role does not allow this step on "
                                     "this risk."),
                         &v);
    }
    struct step_ctx ctx = {which, a.id};
    rc = web_action(req, fn, &ctx, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/risks/%lld?ok=%s", a.id, which));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (status == 404) /* the risk exists: an unknown person or item in the form is bad input */
        status = 400;
    const char *msg = arena_strdup(&req->arena, err.msg);
    int refused = rc;
    if ((rc = acl_load(req, a.id, &a)))
        return rc;
    /* an acceptance of a risk no longer awaiting one (someone accepted it meanwhile, or the
     * size changed): a conflict with the record's state, not a rule about the person */
    if (refused == AG_EDENIED && !strcmp(which, "accept") &&
        strcmp(a.status, "awaiting_acceptance") != 0)
        status = 409;
    else if (refused == AG_EDENIED)
        record_refusal(req, a.id, which);
    strbuf_reset(&req->out.sb);
    req->status = status;
    struct form_values v = {&req->form, which};
    return risk_page(req, &a, msg ? msg : err.msg, &v);
}

static bool allow_accept(const struct web_req *req, const struct risk_acl *a)
{
    (void)a;
    return may_accept_role(req);
}

static int page_risk_assess(struct web_req *req)
{
    return risk_step(req, "assess", do_assess, may_analyse);
}
static int page_risk_treat(struct web_req *req)
{
    return risk_step(req, "treat", do_treat, may_treat);
}
static int page_risk_accept(struct web_req *req)
{
    return risk_step(req, "accept", do_accept, allow_accept);
}
static int page_risk_review(struct web_req *req)
{
    return risk_step(req, "review", do_review, may_analyse);
}

/* ---- GET /risks/new, POST /risks ---- */

static int new_page(struct web_req *req, const char *alert)
{
    struct html *h = &req->out;
    struct ag_error err;
    const struct web_form *f = req->method == WEB_POST ? &req->form : NULL;
#define V(n) (f ? web_form_get(f, n) : NULL)
    page_begin(req, web_tr(req, "Register a risk"));
    page_h1(req, web_tr(req, "Register a risk"));
    page_note(req, web_tr(req, "Risk identification (3.1.2.1②): the threat or event, the "
                               "vulnerability it uses and what it does to the service. The owner "
                               "analyses it next."));
    if (alert)
        page_alert(req, alert);
    page_form_begin(req, "/risks");
    page_input(req, "title", "risks: Title", "text", V("title"), true);
    page_textarea(req, "threat", "threat", V("threat"), true);
    page_textarea(req, "vulnerability", "vulnerability", V("vulnerability"), false);
    page_textarea(req, "consequence", "consequence", V("consequence"), false);
    page_input(req, "service", "affected_service", "text", V("service"), false);
    sqlite3_stmt *s;
    select_open(req, NULL, "owner", "risks: Owner");
    if (store_prepare(req->st, &s, "SELECT login, name FROM people WHERE active = 1 ORDER BY login",
                      &err) == AG_OK) {
        const char *cur = V("owner") ? V("owner") : req->user.login;
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *t =
                arena_printf(&req->arena, "%s %s", store_col_text(s, 0), store_col_text(s, 1));
            option(req, store_col_text(s, 0), t ? t : "", !strcmp(cur, store_col_text(s, 0)));
        }
        sqlite3_finalize(s);
    }
    html_lit(h, "</select></div>");
    select_open(req, NULL, "system", "information_system");
    option(req, "", web_tr(req, "risks: none"), !V("system"));
    if (store_prepare(req->st, &s,
                      "SELECT code, CASE WHEN ?1 = 'en' AND name_en <> '' THEN name_en ELSE "
                      "name_ja END FROM systems ORDER BY code",
                      &err) == AG_OK) {
        sqlite3_bind_text(s, 1, ag_lang_code(req->lang), -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW) {
            const char *t =
                arena_printf(&req->arena, "%s %s", store_col_text(s, 0), store_col_text(s, 1));
            const char *cur = V("system");
            option(req, store_col_text(s, 0), t ? t : "",
                   cur && !strcmp(cur, store_col_text(s, 0)));
        }
        sqlite3_finalize(s);
    }
    html_lit(h, "</select></div>");
    page_input(req, "assets", "risks: Assets (codes, comma-separated)", "text", V("assets"), false);
    page_input(req, "measures", "risks: Existing guideline measures (refs, comma-separated)",
               "text", V("measures"), false);
    checkbox(req, NULL, "hse", "risks: HSE risk (5.4(5))", V("hse") != NULL);
    page_input(req, "review", "risks: Next review (empty = by the criteria)", "date", V("review"),
               false);
    page_form_end(req, "Register a risk");
#undef V
    page_end(req);
    return AG_OK;
}

static int page_risk_new(struct web_req *req)
{
    return new_page(req, NULL);
}

struct add_ctx {
    long long id;
};

static int do_add(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct add_ctx *c = vctx;
    struct risk_new r = {0};
    int rc;
    r.title = field(req, "title");
    r.threat = field(req, "threat");
    r.vulnerability = field(req, "vulnerability");
    r.consequence = field(req, "consequence");
    r.service = field(req, "service");
    r.system = field(req, "system");
    r.owner = field(req, "owner");
    r.hse = field(req, "hse") != NULL;
    r.review_date = field(req, "review");
    if (!r.owner)
        return ag_error_set(err, AG_EINVAL, "%s: missing", "owner");
    r.assets = split_list(req, field(req, "assets"), err, &rc);
    if (rc)
        return rc;
    r.measures = split_list(req, field(req, "measures"), err, &rc);
    if (rc)
        return rc;
    return risk_add(req->st, req->cat, req->user.person_id, &r, &c->id, err);
}

static int page_risk_add(struct web_req *req)
{
    struct add_ctx ctx = {0};
    struct ag_error err;
    int rc = web_action(req, do_add, &ctx, &err);
    if (rc == AG_OK)
        return web_redirect(req, arena_printf(&req->arena, "/risks/%lld?ok=add", ctx.id));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    /* an unknown owner, system or asset is bad input here, not a missing page */
    req->status = status == 404 ? 400 : status;
    const char *msg = arena_strdup(&req->arena, err.msg);
    return new_page(req, msg ? msg : err.msg);
}

/* ---- messages ---- */

/* clang-format off */
static const struct ag_msg risks_msgs[] = {
    {"Risk register", "リスク登録簿", "Risk register"},
    {"Register a risk", "リスクを登録", "Register a risk"},
    {"Risk criteria", "リスク基準", "Risk criteria"},
    {"Risk %lld: %s", "リスク %lld: %s", "Risk %lld: %s"},
    {"Risk assessment and treatment (guideline 3.1.2.1): identify, analyse and evaluate risks "
     "against the criteria, decide a treatment for every risk at or above the threshold.",
     "リスクアセスメント及びリスク対応（ガイドライン 3.1.2.1）: リスクを特定し、リスク基準に照らして分析・評価し、"
     "基準値以上のリスクには必ずリスク対応を決定します。",
     "Risk assessment and treatment (guideline 3.1.2.1): identify, analyse and evaluate risks "
     "against the criteria, decide a treatment for every risk at or above the threshold."},
    {"Risk assessment and treatment (guideline 3.1.2.1)",
     "リスクアセスメント及びリスク対応（ガイドライン 3.1.2.1）",
     "Risk assessment and treatment (guideline 3.1.2.1)"},
    {"Impact %d (%s) x likelihood %d (%s): level %s%s, %d risk(s)",
     "影響度 %d（%s）× 発生可能性 %d（%s）: リスクレベル %s%s、%d 件",
     "Impact %d (%s) x likelihood %d (%s): level %s%s, %d risk(s)"},
    {" (at or above the threshold)", "（基準値以上）", " (at or above the threshold)"},
    {", at or above the threshold", "、基準値以上", ", at or above the threshold"},
    {"%d (%s%s)", "%d 件（%s%s）", "%d (%s%s)"},
    {"Risk heat map: impact x likelihood, with the number of risks per cell",
     "リスクマップ: 影響度 × 発生可能性（各マスのリスク件数）",
     "Risk heat map: impact x likelihood, with the number of risks per cell"},
    {"The thick outline marks the threshold (基準値): level %s and above need a treatment "
     "decision (3.1.2.1④).",
     "太枠は基準値を示します: リスクレベル「%s」以上はリスク対応の決定が必要です（3.1.2.1④）。",
     "The thick outline marks the threshold (基準値): level %s and above need a treatment "
     "decision (3.1.2.1④)."},
    {"The heat map as a table", "リスクマップを表で表示", "The heat map as a table"},
    {"Risks per cell: impact (rows) x likelihood (columns)",
     "マスごとのリスク件数: 影響度（行）× 発生可能性（列）",
     "Risks per cell: impact (rows) x likelihood (columns)"},
    {"Residual risk heat map: the expected size after the treatment, with the number of risks per "
     "cell",
     "残留リスクのリスクマップ: リスク対応後に想定する大きさ（各マスのリスク件数）",
     "Residual risk heat map: the expected size after the treatment, with the number of risks per "
     "cell"},
    {"Showing the residual-risk cell impact %d x likelihood %d.",
     "残留リスクが影響度 %d × 発生可能性 %d のマスを表示しています。",
     "Showing the residual-risk cell impact %d x likelihood %d."},
    {"risks: Heat map of", "リスクマップの表示対象", "Heat map of"},
    {"risks: Inherent risk", "リスクの大きさ（対応前）", "Inherent risk"},
    {"risks: Residual risk", "残留リスク", "Residual risk"},
    {"Showing the cell impact %d x likelihood %d.", "影響度 %d × 発生可能性 %d のマスを表示しています。",
     "Showing the cell impact %d x likelihood %d."},
    {"decision due %s", "対応決定期限 %s", "decision due %s"},
    {"%d days", "%d 日", "%d days"},
    {"The risk criteria (リスク基準, 3.1.2.1③④) are changed by the CISO with the command line: "
     "airguard risk criteria scale|level|cell|set … --as LOGIN. Every change re-evaluates every "
     "risk.",
     "リスク基準（3.1.2.1③④）の変更は、最高情報セキュリティ責任者がコマンドラインで行います: "
     "airguard risk criteria scale|level|cell|set … --as ログイン名。変更のたびに全リスクを再評価します。",
     "The risk criteria (リスク基準, 3.1.2.1③④) are changed by the CISO with the command line: "
     "airguard risk criteria scale|level|cell|set … --as LOGIN. Every change re-evaluates every "
     "risk."},
    {"Risk identification (3.1.2.1②): the threat or event, the vulnerability it uses and what it "
     "does to the service. The owner analyses it next.",
     "リスク特定（3.1.2.1②）: 脅威・事象、利用される脆弱性、サービス・業務への影響を記入します。"
     "続いてリスクオーナーが分析します。",
     "Risk identification (3.1.2.1②): the threat or event, the vulnerability it uses and what it "
     "does to the service. The owner analyses it next."},
    {"You own this risk or decided its treatment: your acceptance is refused; another CISO or the "
     "executive accepts it (separation of duties, 3.1.4.1(2)).",
     "あなたはこのリスクのオーナーまたは対応の決定者です。あなたによる受容の承認は拒否されます。"
     "他の最高情報セキュリティ責任者または経営層が承認します（職務の分離、3.1.4.1(2)）。",
     "You own this risk or decided its treatment: your acceptance is refused; another CISO or the "
     "executive accepts it (separation of duties, 3.1.4.1(2))."},
    {"This risk needs a treatment decision first; a review that only confirms it is refused "
     "(3.1.2.1④).",
     "このリスクはまずリスク対応の決定が必要です。確認だけの見直しは受け付けません（3.1.2.1④）。",
     "This risk needs a treatment decision first; a review that only confirms it is refused "
     "(3.1.2.1④)."},
    {"You may read this risk; its owner, the CISO, the committee and the managers work on it.",
     "このリスクは閲覧のみ可能です。分析・対応はリスクオーナー、最高情報セキュリティ責任者、"
     "情報セキュリティ委員会、情報セキュリティ責任者が行います。",
     "You may read this risk; its owner, the CISO, the committee and the managers work on it."},
    {"risks: Your role does not allow this step on this risk.",
     "あなたの役割では、このリスクに対してこの手順は行えません。",
     "Your role does not allow this step on this risk."},
    {"risks: No such risk", "該当するリスクはありません", "No such risk"},
    {"risks: You may not see this risk", "このリスクを閲覧する権限がありません",
     "You may not see this risk"},
    {"risks: A filter has a value that is not allowed", "絞り込み条件に指定できない値があります",
     "A filter has a value that is not allowed"},
    {"risks: No risks match.", "該当するリスクはありません。", "No risks match."},
    {"risks: The risk is registered.", "リスクを登録しました。", "The risk is registered."},
    {"risks: The analysis is saved.", "リスク分析を保存しました。", "The analysis is saved."},
    {"risks: The treatment is decided.", "リスク対応を決定しました。", "The treatment is decided."},
    {"risks: The risk is accepted.", "リスクの受容を承認しました。", "The risk is accepted."},
    {"risks: The review is recorded.", "見直しを記録しました。", "The review is recorded."},
    {"risks: reduce", "低減", "reduce"},
    {"risks: avoid", "回避", "avoid"},
    {"risks: transfer", "移転（共有）", "transfer (share)"},
    {"risks: retain", "保有（受容）", "retain (accept)"},
    {"risks: identified", "特定", "identified"},
    {"risks: analysed", "分析・評価", "analysed"},
    {"risks: treatment decided", "対応決定", "treatment decided"},
    {"risks: accepted by the CISO", "受容の承認", "accepted by the CISO"},
    {"risks: reviewed", "見直し", "reviewed"},
    {"risks: criteria changed", "リスク基準の変更", "criteria changed"},
    {"risks: Risks", "リスク一覧", "Risks"},
    {"risks: ID", "番号", "ID"},
    {"risks: Title", "件名", "Title"},
    {"risks: Risk", "リスクの大きさ", "Risk"},
    {"risks: Status", "状態", "Status"},
    {"risks: Owner", "リスクオーナー", "Owner"},
    {"risks: all", "すべて", "all"},
    {"risks: Filter", "絞り込む", "Filter"},
    {"risks: Show all", "すべて表示", "Show all"},
    {"risks: Review due within 30 days", "30 日以内に見直し期限", "Review due within 30 days"},
    {"risks: Previous page", "前のページ", "Previous page"},
    {"risks: Next page", "次のページ", "Next page"},
    {"risks: Impact", "影響度", "Impact"},
    {"risks: Likelihood", "発生可能性", "Likelihood"},
    {"risks: Value", "値", "Value"},
    {"risks: Label", "名称", "Label"},
    {"risks: Description", "説明", "Description"},
    {"risks: Level", "レベル", "Level"},
    {"risks: Threshold", "基準値", "Threshold"},
    {"risks: Threshold (基準値)", "基準値", "Threshold (基準値)"},
    {"risks: threshold: this level and above need a treatment decision",
     "基準値: このレベル以上はリスク対応の決定が必要", "threshold: this level and above need a treatment decision"},
    {"risks: Risk attitude and tolerance (3.1.2.1①)", "リスクに対する態度・リスク許容度（3.1.2.1①）",
     "Risk attitude and tolerance (3.1.2.1①)"},
    {"risks: Review interval", "見直しの間隔", "Review interval"},
    {"risks: Treatment decision due within", "リスク対応の決定期限", "Treatment decision due within"},
    {"risks: History", "履歴", "History"},
    {"risks: yes (HSE risk, 5.4(5))", "あり（HSE リスク、5.4(5)）", "yes (HSE risk, 5.4(5))"},
    {"risks: Identified", "特定者・日時", "Identified by"},
    {"risks: Analysed", "分析者・日時", "Analysed by"},
    {"risks: Back to the register", "リスク登録簿へ戻る", "Back to the register"},
    {"risks: Analyse and evaluate (3.1.2.1③④)", "リスク分析・評価（3.1.2.1③④）",
     "Analyse and evaluate (3.1.2.1③④)"},
    {"risks: choose", "選択してください", "choose"},
    {"risks: Analysis (reasoning)", "分析（根拠）", "Analysis (reasoning)"},
    {"risks: Treat although below the threshold (個別事情)", "基準値未満だが対応の対象とする（個別事情）",
     "Treat although below the threshold (個別事情)"},
    {"risks: Evaluation note", "評価の所見", "Evaluation note"},
    {"risks: Save the analysis", "分析を保存", "Save the analysis"},
    {"risks: Decide the treatment", "リスク対応の決定", "Decide the treatment"},
    {"risks: Treatment option", "対応の選択肢", "Treatment option"},
    {"risks: Plan", "対応計画", "Plan"},
    {"risks: Treatment owner (login; empty = the risk owner)",
     "対応担当者（ログイン名。空欄ならリスクオーナー）",
     "Treatment owner (login; empty = the risk owner)"},
    {"risks: Due date (not needed to retain)", "対応期限（保有では不要）",
     "Due date (not needed to retain)"},
    {"risks: Planned guideline measures (refs, comma-separated)",
     "計画する対策項目（項番、カンマ区切り）", "Planned guideline measures (refs, comma-separated)"},
    {"risks: Expected residual impact", "想定する残留リスクの影響度", "Expected residual impact"},
    {"risks: Expected residual likelihood", "想定する残留リスクの発生可能性",
     "Expected residual likelihood"},
    {"risks: not given", "指定なし", "not given"},
    {"risks: Decide", "決定する", "Decide"},
    {"risks: Accept the risk (CISO)", "リスクの受容の承認（最高情報セキュリティ責任者）",
     "Accept the risk (CISO)"},
    {"risks: Reason for accepting", "受容の理由", "Reason for accepting"},
    {"risks: Accept", "受容を承認する", "Accept"},
    {"risks: Review", "見直し", "Review"},
    {"risks: Impact (empty = unchanged)", "影響度（空欄なら変更なし）", "Impact (empty = unchanged)"},
    {"risks: Likelihood (empty = unchanged)", "発生可能性（空欄なら変更なし）",
     "Likelihood (empty = unchanged)"},
    {"risks: Residual impact (empty = unchanged)", "残留リスクの影響度（空欄なら変更なし）",
     "Residual impact (empty = unchanged)"},
    {"risks: Residual likelihood (empty = unchanged)", "残留リスクの発生可能性（空欄なら変更なし）",
     "Residual likelihood (empty = unchanged)"},
    {"risks: unchanged", "変更なし", "unchanged"},
    {"risks: Review note", "見直しの所見", "Review note"},
    {"risks: Next review (empty = by the criteria)", "次回見直し日（空欄ならリスク基準の間隔）",
     "Next review (empty = by the criteria)"},
    {"risks: Record the review", "見直しを記録", "Record the review"},
    {"risks: none", "なし", "none"},
    {"risks: Assets (codes, comma-separated)", "資産（コード、カンマ区切り）",
     "Assets (codes, comma-separated)"},
    {"risks: Existing guideline measures (refs, comma-separated)",
     "既存の対策項目（項番、カンマ区切り）", "Existing guideline measures (refs, comma-separated)"},
    {"risks: HSE risk (5.4(5))", "HSE リスク（5.4(5)）", "HSE risk (5.4(5))"},
};
/* clang-format on */

static const struct route risks_routes[] = {
    {WEB_GET, "/risks", page_risks, 0, ROUTE_AUTH},
    {WEB_POST, "/risks", page_risk_add, RISK_IDENTIFY_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/risks/new", page_risk_new, RISK_IDENTIFY_ROLES, ROUTE_AUTH},
    {WEB_GET, "/risks/criteria", page_risk_criteria, RISK_VIEW_ROLES, ROUTE_AUTH},
    {WEB_GET, "/risks/{id}", page_risk, 0, ROUTE_AUTH},
    {WEB_POST, "/risks/{id}/assess", page_risk_assess, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/risks/{id}/treat", page_risk_treat, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/risks/{id}/accept", page_risk_accept, RISK_ACCEPT_ROLES, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/risks/{id}/review", page_risk_review, 0, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav risks_nav[] = {{"/risks", "Risk register", RISK_VIEW_ROLES}};
WEB_MODULE(risks, risks_routes, risks_msgs, risks_nav);
