/*
 * mgmt.c — the data of the management report (経営層への報告, guideline 3.2.1.2: the information
 * security officer reports the operation and response status to management regularly;
 * management checks the PDCA cycle and reviews). Everything the report shows is gathered here
 * into struct report_mgmt, in one read transaction, so the HTML page (mgmt_html.c), the PDF and a
 * later web page render the same numbers.
 *
 * Invariants: every 実施率 comes from assess_report_compute / assess_tally_rate (the numbers of
 * `airguard assess report`), every automatic status from isms_measure_status; nothing here
 * recomputes them another way. The period is a fiscal year, April to March. Strings of the lists
 * are owned by the struct (report_mgmt_release frees them).
 */
#include "report/report_int.h"

#include "isms/exception.h"

#include <ctype.h>
#include <jansson.h>
#include <strings.h>

#define PDF_TIMEOUT_S 120
#define LIST_CAP 200 /* rows of one list at most (the report says when more exist) */

int report_mgmt_period(const char *s, int *fiscal_year, struct ag_error *err)
{
    const char *p = s ? s : "";
    if (strncasecmp(p, "FY", 2) == 0)
        p += 2;
    int n = 0, v = 0;
    while (isdigit((unsigned char)p[n]) && n < 5)
        v = v * 10 + (p[n++] - '0');
    if (n != 4 || p[n] || v < 2000 || v > 2999)
        return ag_error_set(err, AG_EINVAL,
                            "--period: \"%s\" is not a fiscal year (a year such as 2026 = FY2026, "
                            "April 2026 to March 2027)",
                            s ? s : "");
    *fiscal_year = v;
    return AG_OK;
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

/* The array base of n elements of `size` grown by one zeroed element (*elem): the new base, or
 * NULL when out of memory (said in err; base is unchanged then). */
static void *grow(void *base, size_t n, size_t size, void **elem, struct ag_error *err)
{
    char *nv = realloc(base, (n + 1) * size);
    if (!nv) {
        ag_error_set(err, AG_ENOMEM, "out of memory");
        return NULL;
    }
    *elem = nv + n * size;
    memset(*elem, 0, size);
    return nv;
}

static struct report_mgmt_item *list_push(struct report_mgmt_list *l, struct ag_error *err)
{
    void *e = NULL;
    struct report_mgmt_item *nv = grow(l->v, l->n, sizeof(*nv), &e, err);
    if (!nv)
        return NULL;
    l->v = nv;
    l->n++;
    return e;
}

static int item_texts(struct report_mgmt_item *it, const char *title, const char *detail,
                      struct ag_error *err)
{
    it->title = dup_or_empty(title);
    it->detail = dup_or_empty(detail);
    if (!it->title || !it->detail)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    return AG_OK;
}

static void list_release(struct report_mgmt_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].title);
        free(l->v[i].detail);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static struct report_mgmt_count *count_push(struct report_mgmt_counts *c, struct ag_error *err)
{
    void *e = NULL;
    struct report_mgmt_count *nv = grow(c->v, c->n, sizeof(*nv), &e, err);
    if (!nv)
        return NULL;
    c->v = nv;
    c->n++;
    return e;
}

void report_mgmt_release(struct report_mgmt *m)
{
    free(m->sections);
    free(m->departments);
    free(m->phases);
    m->sections = m->departments = m->phases = NULL;
    m->nsections = m->ndepartments = m->nphases = 0;
    struct report_mgmt_list *lists[] = {&m->contradicted, &m->risks,    &m->incidents,
                                        &m->exceptions,   &m->findings, &m->overdue,
                                        &m->blocked,      &m->devices};
    for (size_t i = 0; i < AG_ARRAY_LEN(lists); i++)
        list_release(lists[i]);
    struct report_mgmt_counts *counts[] = {&m->alert_categories, &m->alert_systems, &m->sources};
    for (size_t i = 0; i < AG_ARRAY_LEN(counts); i++) {
        free(counts[i]->v);
        counts[i]->v = NULL;
        counts[i]->n = 0;
    }
}

/* ---- self-inspection: campaigns, rates and their trend ---- */

static int load_campaigns(struct store *st, struct report_mgmt *m, struct ag_error *err)
{
    sqlite3_stmt *s;
    /* every (plan, round) with a submitted sheet up to the period's fiscal year, newest last */
    int rc = store_prepare(st, &s,
                           "SELECT * FROM (SELECT p.id, s.round, p.fiscal_year FROM assess_plans p "
                           "JOIN assess_sheets s ON s.plan_id = p.id WHERE p.fiscal_year <= ? AND "
                           "s.status = 'submitted' GROUP BY p.id, s.round ORDER BY p.fiscal_year "
                           "DESC, p.id DESC, s.round DESC LIMIT ?) ORDER BY 3, 1, 2",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int(s, 1, m->fiscal_year);
    sqlite3_bind_int(s, 2, REPORT_MGMT_CAMPAIGNS);
    m->current = -1;
    while (sqlite3_step(s) == SQLITE_ROW && m->ncampaigns < REPORT_MGMT_CAMPAIGNS) {
        struct report_mgmt_campaign *c = &m->campaigns[m->ncampaigns];
        c->plan = sqlite3_column_int64(s, 0);
        c->round = sqlite3_column_int(s, 1);
        c->fiscal_year = sqlite3_column_int(s, 2);
        if (c->fiscal_year == m->fiscal_year)
            m->current = (int)m->ncampaigns;
        m->ncampaigns++;
    }
    sqlite3_finalize(s);
    return AG_OK;
}

static struct report_mgmt_rate *rate_row(struct report_mgmt_rate **rows, size_t *n, const char *key,
                                         struct ag_error *err)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*rows)[i].key, key) == 0)
            return &(*rows)[i];
    void *e = NULL;
    struct report_mgmt_rate *nv = grow(*rows, *n, sizeof(*nv), &e, err), *r = e;
    if (!nv)
        return NULL;
    *rows = nv;
    (*n)++;
    snprintf(r->key, sizeof(r->key), "%s", key);
    r->rate = r->prev_rate = -1;
    for (size_t k = 0; k < REPORT_MGMT_CAMPAIGNS; k++)
        r->trend[k] = -1;
    return r;
}

static void dept_label(struct store *st, const char *code, enum ag_lang lang, char *out, size_t cap)
{
    sqlite3_stmt *s;
    snprintf(out, cap, "%s", code);
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT CASE WHEN ?2 = 'en' AND name_en <> '' THEN name_en ELSE "
                           "name_ja END FROM departments WHERE code = ?1",
                           -1, &s, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, ag_lang_code(lang), -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, cap, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
}

/* Copies the rows of one grouping of report r (campaign k) into the rate rows. */
static int take_rows(struct store *st, const struct catalog *cat, const struct assess_report *r,
                     enum assess_by by, size_t k, bool current, enum ag_lang lang,
                     struct report_mgmt_rate **rows, size_t *n, struct ag_error *err)
{
    for (size_t i = 0; i < r->nrows[by]; i++) {
        const struct assess_report_row *row = &r->rows[by][i];
        struct report_mgmt_rate *x = rate_row(rows, n, row->key, err);
        if (!x)
            return AG_ENOMEM;
        x->trend[k] = assess_tally_rate(&row->now);
        if (!x->label[0]) {
            if (by == ASSESS_BY_SECTION) {
                const struct catalog_node *node = catalog_find(cat, row->key);
                snprintf(x->label, sizeof(x->label), "%s %s", row->key,
                         node ? catalog_text_get(node->title, lang) : "");
            } else if (by == ASSESS_BY_DEPARTMENT) {
                dept_label(st, row->key, lang, x->label, sizeof(x->label));
            } else {
                char key[80];
                snprintf(key, sizeof(key), "phase:%s", row->key);
                snprintf(x->label, sizeof(x->label), "%s", ag_tr(lang, key));
            }
        }
        if (current) {
            x->now = row->now;
            x->prev = row->prev;
            x->rate = assess_tally_rate(&row->now);
            x->prev_rate = r->prev_plan ? assess_tally_rate(&row->prev) : -1;
        }
    }
    return AG_OK;
}

/* Section refs in numeric order: "3.1.2" before "3.1.10". */
static int cmp_section(const void *a, const void *b)
{
    const char *x = ((const struct report_mgmt_rate *)a)->key,
               *y = ((const struct report_mgmt_rate *)b)->key;
    while (*x && *y) {
        if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
            char *ex, *ey;
            long u = strtol(x, &ex, 10), v = strtol(y, &ey, 10);
            if (u != v)
                return u < v ? -1 : 1;
            x = ex;
            y = ey;
        } else {
            if (*x != *y)
                return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
            x++;
            y++;
        }
    }
    return (unsigned char)*x - (unsigned char)*y;
}

static int gather_assess(struct store *st, const struct catalog *cat, enum ag_lang lang,
                         struct report_mgmt *m, struct ag_error *err)
{
    int rc = load_campaigns(st, m, err);
    for (size_t k = 0; !rc && k < m->ncampaigns; k++) {
        struct report_mgmt_campaign *c = &m->campaigns[k];
        struct assess_report r;
        if ((rc = assess_report_compute(st, cat, c->plan, c->round, &r, err)))
            break;
        c->total = r.total;
        c->rate = assess_tally_rate(&r.total);
        c->sheets = r.sheets;
        c->submitted = r.submitted;
        bool cur = (int)k == m->current;
        if ((rc = take_rows(st, cat, &r, ASSESS_BY_SECTION, k, cur, lang, &m->sections,
                            &m->nsections, err)) == AG_OK &&
            (rc = take_rows(st, cat, &r, ASSESS_BY_DEPARTMENT, k, cur, lang, &m->departments,
                            &m->ndepartments, err)) == AG_OK)
            rc =
                take_rows(st, cat, &r, ASSESS_BY_PHASE, k, cur, lang, &m->phases, &m->nphases, err);
        assess_report_release(&r);
    }
    if (rc)
        return rc;
    if (m->nsections)
        qsort(m->sections, m->nsections, sizeof(*m->sections), cmp_section);
    /* the period's plan (年度自己点検計画) */
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT title, status, revision FROM assess_plans WHERE fiscal_year = "
                            "? ORDER BY id DESC LIMIT 1",
                            err)))
        return rc;
    sqlite3_bind_int(s, 1, m->fiscal_year);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(m->plan_title, sizeof(m->plan_title), "%s", store_col_text(s, 0));
        snprintf(m->plan_status, sizeof(m->plan_status), "%s", store_col_text(s, 1));
        m->plan_revision = sqlite3_column_int(s, 2);
    }
    sqlite3_finalize(s);
    return AG_OK;
}

/* ---- PDCA activity, evidence ---- */

/* Prepares sql with the period's parameters bound: ?1 the first day, ?2 the day after the last,
 * ?3 today, ?4 the language code (a statement uses those it names). */
static int period_prepare(struct store *st, const char *sql, const struct report_mgmt *m,
                          enum ag_lang lang, sqlite3_stmt **out, struct ag_error *err)
{
    int rc = store_prepare(st, out, sql, err);
    if (rc)
        return rc;
    char end[11];
    ag_date_add(m->to, 1, end);
    const char *v[] = {m->from, end, m->today, ag_lang_code(lang)};
    for (int i = 0; i < 4; i++)
        if (sqlite3_bind_parameter_count(*out) > i)
            sqlite3_bind_text(*out, i + 1, v[i], -1, SQLITE_TRANSIENT);
    return AG_OK;
}

static int count_query(struct store *st, const char *sql, const struct report_mgmt *m, long *out,
                       struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = period_prepare(st, sql, m, AG_LANG_EN, &s, err);
    if (rc)
        return rc;
    *out = sqlite3_step(s) == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return AG_OK;
}

static int gather_pdca(struct store *st, struct report_mgmt *m, struct ag_error *err)
{
    int rc;
    if ((rc = count_query(st,
                          "SELECT count(*) FROM audits WHERE start_date >= ?1 AND start_date < ?2",
                          m, &m->audits, err)) ||
        (rc = count_query(st,
                          "SELECT count(*) FROM audits WHERE start_date >= ?1 AND start_date < ?2 "
                          "AND status <> 'planned'",
                          m, &m->audits_reported, err)) ||
        (rc = count_query(st,
                          "SELECT count(*) FROM actions WHERE created_at >= ?1 AND created_at < ?2",
                          m, &m->actions_created, err)) ||
        (rc = count_query(st,
                          "SELECT count(*) FROM actions WHERE done_at >= ?1 AND done_at < ?2 AND "
                          "status IN ('done', 'verified')",
                          m, &m->actions_completed, err)))
        return rc;
    return count_query(st,
                       "SELECT count(*) FROM assess_instructions i JOIN assess_plans p ON p.id = "
                       "i.plan_id WHERE p.fiscal_year = CAST(substr(?1, 1, 4) AS INTEGER)",
                       m, &m->instructions, err);
}

static int gather_evidence(struct store *st, const struct catalog *cat,
                           const struct isms_ev_env *env, enum ag_lang lang, struct report_mgmt *m,
                           struct ag_error *err)
{
    const struct catalog_node **nodes = NULL;
    size_t nn = 0;
    int rc = isms_ev_nodes(cat, &nodes, &nn);
    if (rc)
        return ag_error_set(err, rc, "out of memory");
    for (size_t i = 0; !rc && i < nn; i++) {
        struct isms_ev_measure ms;
        if ((rc = isms_measure_status(st, nodes[i], env, lang, &ms, err)))
            break;
        m->measures_checked++;
        if (ms.status == ISMS_EV_EVIDENCED)
            m->measures_evidenced++;
        else if (ms.status == ISMS_EV_NO_DATA)
            m->measures_no_data++;
        if (ms.status != ISMS_EV_CONTRADICTED)
            continue;
        const char *reason = "";
        for (size_t c = 0; c < ms.nchecks; c++)
            if (ms.checks[c].status == ISMS_EV_CONTRADICTED) {
                reason = ms.checks[c].reason;
                break;
            }
        char title[512];
        snprintf(title, sizeof(title), "%s %s", nodes[i]->ref,
                 catalog_text_get(nodes[i]->title, lang));
        struct report_mgmt_item *it = list_push(&m->contradicted, err);
        if (!it || (rc = item_texts(it, title, reason, err)))
            rc = rc ? rc : AG_ENOMEM;
        else
            snprintf(it->status, sizeof(it->status), "%s", nodes[i]->id);
    }
    free(nodes);
    if (rc)
        return rc;
    struct isms_ev_flag *flags = NULL;
    size_t nf = 0;
    if ((rc = isms_ev_flags(st, cat, env, lang, 0, &flags, &nf, err)))
        return rc;
    free(flags);
    m->flags = nf;
    return AG_OK;
}

/* ---- registers: risks, incidents, exceptions, audits, actions ---- */

/* Runs sql (binding ?1 from, ?2 day after the period, ?3 today, ?4 language) and appends a row per
 * result: columns id, title, detail, status, date, level, owner. */
static int list_query(struct store *st, const char *sql, const struct report_mgmt *m,
                      enum ag_lang lang, struct report_mgmt_list *l, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = period_prepare(st, sql, m, lang, &s, err);
    if (rc)
        return rc;
    while (!rc && l->n < LIST_CAP && sqlite3_step(s) == SQLITE_ROW) {
        struct report_mgmt_item *it = list_push(l, err);
        if (!it) {
            rc = AG_ENOMEM;
            break;
        }
        it->id = sqlite3_column_int64(s, 0);
        rc = item_texts(it, store_col_text(s, 1), store_col_text(s, 2), err);
        snprintf(it->status, sizeof(it->status), "%s", store_col_text(s, 3));
        snprintf(it->date, sizeof(it->date), "%s", store_col_text(s, 4));
        snprintf(it->level, sizeof(it->level), "%s", store_col_text(s, 5));
        snprintf(it->owner, sizeof(it->owner), "%s", store_col_text(s, 6));
    }
    sqlite3_finalize(s);
    return rc;
}

#define PERSON_NAME(col)                                                                           \
    "CASE WHEN ?4 = 'en' AND " col ".name_en <> '' THEN " col ".name_en ELSE " col ".name END"

static int gather_registers(struct store *st, enum ag_lang lang, struct report_mgmt *m,
                            struct ag_error *err)
{
    int rc;
    long thr = 0;
    if ((rc = count_query(st, "SELECT threshold FROM risk_settings WHERE id = 1", m, &thr, err)))
        return rc;
    m->risk_threshold = (int)thr;
    /* risks at or above the threshold (or selected, 3.1.2.1④) and their treatment */
    if ((rc = list_query(
             st,
             "SELECT r.id, r.title, r.treatment_plan, r.status, coalesce(r.treatment_due, ''), "
             "coalesce((SELECT CASE WHEN ?4 = 'en' THEN label_en ELSE label_ja END FROM "
             "risk_levels WHERE rank = r.level), '') || CASE WHEN r.residual_level IS NULL THEN '' "
             "ELSE ' → ' || coalesce((SELECT CASE WHEN ?4 = 'en' THEN label_en ELSE label_ja END "
             "FROM risk_levels WHERE rank = r.residual_level), '') END, "
             "coalesce(r.treatment, '') FROM risks r WHERE r.above_threshold = 1 OR r.selected = 1 "
             "ORDER BY r.level DESC, r.id",
             m, lang, &m->risks, err)))
        return rc;
    /* incidents detected in the period, and any not closed */
    if ((rc = list_query(st,
                         "SELECT i.id, i.title, i.description, i.status, substr(i.detected_at, 1, "
                         "10), i.severity, coalesce(i.cause_class, '') FROM incidents i WHERE "
                         "(i.detected_at >= ?1 AND i.detected_at < ?2) OR (i.status <> 'closed' "
                         "AND i.detected_at < ?2) ORDER BY i.detected_at, i.id",
                         m, lang, &m->incidents, err)))
        return rc;
    for (size_t i = 0; i < m->incidents.n; i++) {
        const char *stt = m->incidents.v[i].status;
        if (strcmp(stt, "open") == 0)
            m->incidents_open++;
        else if (strcmp(stt, "recovered") == 0)
            m->incidents_recovered++;
        else
            m->incidents_closed++;
    }
    /* exceptions: effective status now; expired, or ending within the window */
    struct report_mgmt_list all = {0};
    if ((rc = list_query(st,
                         "SELECT e.id, e.regulation || ' ' || e.clause, e.measures, e.status, "
                         "e.end_date, e.start_date, e.applicant_name FROM exceptions e WHERE "
                         "e.status IN ('requested', 'approved', 'active', 'expired') ORDER BY "
                         "e.end_date, e.id",
                         m, lang, &all, err))) {
        list_release(&all);
        return rc;
    }
    char soon[11];
    ag_date_add(m->today, REPORT_MGMT_EXPIRING_DAYS, soon);
    for (size_t i = 0; !rc && i < all.n; i++) {
        struct report_mgmt_item *e = &all.v[i];
        const char *eff = exception_effective_status(e->status, e->level, e->date, m->today);
        if (strcmp(eff, "active") == 0)
            m->exceptions_active++;
        bool expiring = (strcmp(eff, "active") == 0 || strcmp(eff, "approved") == 0) &&
                        strcmp(e->date, soon) <= 0;
        if (strcmp(eff, "expired") != 0 && !expiring)
            continue;
        struct report_mgmt_item *it = list_push(&m->exceptions, err);
        if (!it) {
            rc = AG_ENOMEM;
            break;
        }
        *it = *e; /* moves the strings */
        e->title = e->detail = NULL;
        snprintf(it->status, sizeof(it->status), "%s", expiring ? "expiring" : "expired");
        it->level[0] = '\0';
    }
    list_release(&all);
    if (rc)
        return rc;
    /* non-conforming findings of the audits of the period */
    if ((rc = list_query(st,
                         "SELECT f.id, a.title, f.statement, a.status, substr(f.recorded_at, 1, "
                         "10), f.classification, f.item_id FROM audit_findings f JOIN audits a ON "
                         "a.id = f.audit_id WHERE a.start_date >= ?1 AND a.start_date < ?2 AND "
                         "f.classification <> 'conforming' ORDER BY CASE f.classification WHEN "
                         "'major' THEN 0 WHEN 'minor' THEN 1 ELSE 2 END, f.id",
                         m, lang, &m->findings, err)))
        return rc;
    /* corrective actions past their due date and not done */
    return list_query(
        st,
        "SELECT a.id, a.title, a.origin, a.status, a.due_date, coalesce((SELECT "
        "CASE WHEN ?4 = 'en' AND d.name_en <> '' THEN d.name_en ELSE d.name_ja END "
        "FROM departments d WHERE d.id = a.department_id), ''), " PERSON_NAME(
            "p") " FROM actions a JOIN people p ON p.id = a.owner_id WHERE a.status IN "
                 "('open', 'in_progress') AND a.due_date < ?3 ORDER BY a.due_date, a.id",
        m, lang, &m->overdue, err);
}

/* ---- monitors ---- */

static int counts_query(struct store *st, const char *sql, const struct report_mgmt *m,
                        enum ag_lang lang, struct report_mgmt_counts *c, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = period_prepare(st, sql, m, lang, &s, err);
    if (rc)
        return rc;
    while (!rc && c->n < LIST_CAP && sqlite3_step(s) == SQLITE_ROW) {
        struct report_mgmt_count *e = count_push(c, err);
        if (!e) {
            rc = AG_ENOMEM;
            break;
        }
        snprintf(e->key, sizeof(e->key), "%s", store_col_text(s, 0));
        snprintf(e->label, sizeof(e->label), "%s", store_col_text(s, 1));
        e->count = (long)sqlite3_column_int64(s, 2);
        e->high = (long)sqlite3_column_int64(s, 3);
    }
    sqlite3_finalize(s);
    return rc;
}

/* An alert belongs to a critical system when its host or source address is one of the system's
 * assets (by code, name or address). */
#define ALERT_ASSET_MATCH                                                                          \
    "(a.ip <> '' AND (a.ip = al.src_ip OR a.ip = al.host)) OR (al.host IS NOT NULL AND "           \
    "(lower(a.code) = lower(al.host) OR a.name = al.host))"

static int load_blocklist(const char *path, struct report_mgmt *m, struct ag_error *err)
{
    json_t *root, *entries, *e;
    int rc = report_blocklist_read(path, &root, &entries, err);
    if (rc)
        return rc;
    m->blocklist_given = true;
    size_t i;
    json_array_foreach(entries, i, e)
    {
        const char *addr = json_string_value(json_object_get(e, "addr"));
        if (!addr)
            continue;
        const char *why = json_string_value(json_object_get(e, "reason"));
        if (!why)
            why = json_string_value(json_object_get(e, "rule"));
        struct report_mgmt_item *it = list_push(&m->blocked, err);
        if (!it || (rc = item_texts(it, addr, why, err))) {
            rc = rc ? rc : AG_ENOMEM;
            break;
        }
        const char *until = json_string_value(json_object_get(e, "expires"));
        snprintf(it->date, sizeof(it->date), "%s", until ? until : "");
        if (m->blocked.n >= LIST_CAP)
            break;
    }
    json_decref(root);
    return rc;
}

static int gather_monitors(struct store *st, enum ag_lang lang, const char *blocklist,
                           struct report_mgmt *m, struct ag_error *err)
{
    int rc;
    if ((rc = count_query(st, "SELECT count(*) FROM alerts WHERE time >= ?1 AND time < ?2", m,
                          &m->alerts, err)) ||
        (rc = count_query(st,
                          "SELECT count(*) FROM alerts WHERE time >= ?1 AND time < ?2 AND level "
                          "IN ('high', 'critical')",
                          m, &m->alerts_high, err)) ||
        (rc = count_query(st,
                          "SELECT count(*) FROM alerts WHERE time >= ?1 AND time < ?2 AND status "
                          "<> 'closed'",
                          m, &m->alerts_open, err)))
        return rc;
    if ((rc = counts_query(st,
                           "SELECT category, category, count(*), sum(level IN ('high', "
                           "'critical')) FROM alerts WHERE time >= ?1 AND time < ?2 GROUP BY "
                           "category ORDER BY 3 DESC, 1",
                           m, lang, &m->alert_categories, err)) ||
        (rc = counts_query(st,
                           "SELECT s.code, CASE WHEN ?4 = 'en' AND s.name_en <> '' THEN s.name_en "
                           "ELSE s.name_ja END, count(DISTINCT al.seq), count(DISTINCT CASE WHEN "
                           "al.level IN ('high', 'critical') THEN al.seq END) FROM systems s JOIN "
                           "assets a ON a.system_id = s.id JOIN alerts al ON " ALERT_ASSET_MATCH
                           " WHERE s.critical = 1 AND al.time >= ?1 AND al.time < ?2 GROUP BY "
                           "s.id ORDER BY 3 DESC, s.code",
                           m, lang, &m->alert_systems, err)) ||
        (rc = count_query(st,
                          "SELECT count(*) FROM alerts al WHERE al.time >= ?1 AND al.time < ?2 "
                          "AND NOT EXISTS (SELECT 1 FROM assets a JOIN systems s ON s.id = "
                          "a.system_id AND s.critical = 1 WHERE " ALERT_ASSET_MATCH ")",
                          m, &m->alerts_unattributed, err)) ||
        (rc = counts_query(st,
                           "SELECT src_ip, src_ip, count(*), sum(level IN ('high', 'critical')) "
                           "FROM alerts WHERE time >= ?1 AND time < ?2 AND src_ip IS NOT NULL AND "
                           "src_ip <> '' GROUP BY src_ip ORDER BY 3 DESC, 1 LIMIT 10",
                           m, lang, &m->sources, err)))
        return rc;
    if (blocklist && (rc = load_blocklist(blocklist, m, err)))
        return rc;
    /* netwatch's inventory: unmanaged and unauthorised devices */
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, "SELECT taken_at, devices FROM netwatch_snapshot WHERE id = 1",
                            err)))
        return rc;
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(m->netwatch_snapshot, sizeof(m->netwatch_snapshot), "%s", store_col_text(s, 0));
        m->devices_total = (long)sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    return list_query(st,
                      "SELECT id, coalesce(nullif(mac, ''), key), coalesce(vendor, '') || ' ' || "
                      "ips || ' ' || names, status, coalesce(first_seen, ''), '', '' FROM "
                      "netwatch_assets WHERE status IN ('unmanaged', 'unauthorised') ORDER BY "
                      "first_seen DESC, id",
                      m, lang, &m->devices, err);
}

int report_mgmt_gather(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                       int fy, enum ag_lang lang, const char *blocklist, struct report_mgmt *m,
                       struct ag_error *err)
{
    memset(m, 0, sizeof(*m));
    m->current = -1;
    m->fiscal_year = fy;
    snprintf(m->from, sizeof(m->from), "%04u-04-01", (unsigned)fy % 10000u);
    snprintf(m->to, sizeof(m->to), "%04u-03-31", (unsigned)(fy + 1) % 10000u);
    time_t now = env && env->now ? env->now : ag_now();
    ag_date_iso(now, m->today);
    ag_time_iso(now, m->generated);
    /* one snapshot: our own read transaction, or the caller's (the web server's GET) */
    bool own = sqlite3_get_autocommit(store_db(st));
    int rc = own ? store_read_begin(st, err) : AG_OK;
    if (rc)
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT CASE WHEN ? = 'en' AND name_en <> '' THEN name_en ELSE "
                            "name_ja END FROM organisation WHERE id = 1",
                            err)) == AG_OK) {
        sqlite3_bind_text(s, 1, ag_lang_code(lang), -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            snprintf(m->org, sizeof(m->org), "%s", store_col_text(s, 0));
        sqlite3_finalize(s);
    }
    if (!rc)
        rc = gather_assess(st, cat, lang, m, err);
    if (!rc)
        rc = gather_pdca(st, m, err);
    if (!rc)
        rc = gather_evidence(st, cat, env, lang, m, err);
    if (!rc)
        rc = gather_registers(st, lang, m, err);
    if (!rc)
        rc = gather_monitors(st, lang, blocklist, m, err);
    if (own)
        store_read_end(st);
    return rc;
}

int report_management(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                      int fy, enum ag_lang lang, enum report_format fmt, const char *blocklist,
                      struct strbuf *out, struct ag_error *err)
{
    struct report_mgmt m;
    struct strbuf html;
    strbuf_init(&html, 0);
    int rc = report_mgmt_gather(st, cat, env, fy, lang, blocklist, &m, err);
    if (rc)
        goto out;
    if (fmt == REPORT_HTML) {
        rc = report_mgmt_html(&m, lang, out, err);
    } else if (fmt == REPORT_PDF) {
        if ((rc = report_mgmt_html(&m, lang, &html, err)) == AG_OK)
            rc = report_pdf_from_html(strbuf_str(&html), html.len, PDF_TIMEOUT_S, out, err);
    } else {
        rc = ag_error_set(err, AG_EINVAL, "--format: the management report is html or pdf");
    }
    if (!rc) {
        char id[16], detail[64];
        snprintf(id, sizeof(id), "FY%d", fy);
        snprintf(detail, sizeof(detail), "{\"format\":\"%s\"}", fmt == REPORT_PDF ? "pdf" : "html");
        rc = store_audit(st, "export", "management_report", id, detail, err);
    }
out:
    report_mgmt_release(&m);
    strbuf_release(&html);
    return rc;
}
