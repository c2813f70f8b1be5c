/*
 * assess.c — self-inspection (自己点検, 3.3.1.1(1)): yearly plans, sheets, answers, the managers'
 * evaluations, improvement instructions and their follow-up. The analysis is in
 * assess_report.c, the file formats in assess_io.c and assess_xlsx.c.
 *
 * Invariants: a sheet holds exactly the plan's items whose responsible role the respondent holds
 * when it is issued (an "operator" measure — the organisation as a whole — is put on the sheet
 * of each department's information security manager); a submitted sheet never changes; every
 * refusal (role, ownership, state) is AG_EDENIED and leaves the store untouched.
 */
#include "isms/assess_int.h"

static const char *const answer_ids[] = {NULL, "implemented", "partial", "not_implemented",
                                         "not_applicable"};
static const char *const answer_ja[] = {"", "実施", "一部実施", "未実施", "該当なし"};
static const char *const answer_short[] = {NULL, "yes", "partial", "no", "na"};

const char *assess_answer_id(enum assess_answer a)
{
    return a > ASSESS_UNANSWERED && a <= ASSESS_NOT_APPLICABLE ? answer_ids[a] : NULL;
}

const char *assess_answer_ja(enum assess_answer a)
{
    return a > ASSESS_UNANSWERED && a <= ASSESS_NOT_APPLICABLE ? answer_ja[a] : "";
}

int assess_answer_parse(const char *s, enum assess_answer *out)
{
    struct strbuf sb;
    int rc = AG_EINVAL;
    if (!s)
        return AG_EINVAL;
    strbuf_init(&sb, 256);
    ag_text_fold(&sb, s, AG_FOLD_LOWER);
    const char *f = strbuf_str(&sb);
    size_t len = strlen(f);
    while (*f == ' ' || *f == '\t')
        f++, len--;
    while (len &&
           (f[len - 1] == ' ' || f[len - 1] == '\t' || f[len - 1] == '\r' || f[len - 1] == '\n'))
        len--;
    for (int a = ASSESS_IMPLEMENTED; len && strbuf_ok(&sb) && a <= ASSESS_NOT_APPLICABLE; a++) {
        const char *forms[] = {answer_ids[a], answer_ja[a], answer_short[a]};
        for (size_t k = 0; k < AG_ARRAY_LEN(forms); k++)
            if (strlen(forms[k]) == len && memcmp(forms[k], f, len) == 0) {
                *out = (enum assess_answer)a;
                rc = AG_OK;
            }
        if (strcmp(answer_ids[a], "not_implemented") == 0 && len == 15 &&
            memcmp(f, "not-implemented", 15) == 0) {
            *out = (enum assess_answer)a;
            rc = AG_OK;
        }
    }
    strbuf_release(&sb);
    return rc;
}

void assess_tally_add(struct assess_tally *t, enum assess_answer a)
{
    switch (a) {
    case ASSESS_IMPLEMENTED:
        t->implemented++;
        break;
    case ASSESS_PARTIAL:
        t->partial++;
        break;
    case ASSESS_NOT_IMPLEMENTED:
        t->not_implemented++;
        break;
    case ASSESS_NOT_APPLICABLE:
        t->not_applicable++;
        break;
    default:
        t->unanswered++;
    }
}

double assess_tally_rate(const struct assess_tally *t)
{
    long applicable = t->implemented + t->partial + t->not_implemented;
    return applicable ? 100.0 * (double)t->implemented / (double)applicable : -1.0;
}

int assess_fiscal_year(const char *date)
{
    int y = 0, m = 0;
    for (int i = 0; i < 4 && date[i] >= '0' && date[i] <= '9'; i++)
        y = y * 10 + (date[i] - '0');
    if (strlen(date) >= 7)
        m = (date[5] - '0') * 10 + (date[6] - '0');
    return m >= 4 ? y : y - 1;
}

const char *assess_item_role(const struct catalog *cat, const struct catalog_node *n)
{
    for (size_t i = 0; i < catalog_role_count(cat) && i < 32; i++)
        if (n->roles & (UINT32_C(1) << i))
            return catalog_role_at(cat, i)->id;
    return "";
}

/* ---- item lists ---- */

struct item_list {
    const char **v;
    size_t n, alloc;
};

static int item_list_add(struct item_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == id)
            return AG_OK;
    if (l->n == l->alloc) {
        size_t na = l->alloc ? l->alloc * 2 : 64;
        const char **nv = realloc(l->v, na * sizeof(*nv));
        if (!nv)
            return AG_ENOMEM;
        l->v = nv;
        l->alloc = na;
    }
    l->v[l->n++] = id;
    return AG_OK;
}

static bool node_within(const struct catalog_node *n, const struct catalog_node *anc)
{
    for (; n; n = n->parent)
        if (n == anc)
            return true;
    return false;
}

/* "all" or "a,b,c" (ids or refs; a section stands for every assessable measure below it). */
static int expand_items(const struct catalog *cat, const char *field, const char *spec,
                        struct item_list *out, struct ag_error *err)
{
    char buf[8192];
    int rc = AG_OK;
    if (!spec || !*spec)
        return ag_error_set(err, AG_EINVAL,
                            "%s: missing (give \"all\" or item ids/refs separated by commas)",
                            field);
    if (strlen(spec) >= sizeof(buf))
        return ag_error_set(err, AG_EINVAL, "%s: longer than %zu bytes", field, sizeof(buf) - 1);
    snprintf(buf, sizeof(buf), "%s", spec);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t && !rc; t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ')
            t++;
        size_t before = out->n;
        const struct catalog_node *anc = NULL;
        if (strcmp(t, "all") != 0) {
            const char *id;
            if ((rc = isms_check_item(cat, field, t, &id, err)))
                break;
            anc = catalog_by_id(cat, id);
        }
        for (size_t i = 0; i < catalog_node_count(cat) && !rc; i++) {
            const struct catalog_node *n = catalog_node_at(cat, i);
            if (n->kind == CATALOG_KIND_MEASURE && n->assessable && (!anc || node_within(n, anc)))
                rc = item_list_add(out, n->id);
        }
        if (!rc && out->n == before && anc &&
            !(anc->kind == CATALOG_KIND_MEASURE && anc->assessable))
            rc = ag_error_set(err, AG_EINVAL,
                              "%s: \"%s\" holds no assessable measure (self-inspection items are "
                              "the catalog's assessable measures)",
                              field, t);
        if (rc == AG_ENOMEM)
            ag_error_set(err, rc, "out of memory");
    }
    return rc;
}

/* ---- small queries ---- */

static int plan_get(struct store *st, long long plan, int *frequency, char status[16],
                    int *fiscal_year, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s, "SELECT frequency, status, fiscal_year FROM assess_plans WHERE id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    if (sqlite3_step(s) == SQLITE_ROW) {
        if (frequency)
            *frequency = sqlite3_column_int(s, 0);
        if (status)
            snprintf(status, 16, "%s", store_col_text(s, 1));
        if (fiscal_year)
            *fiscal_year = sqlite3_column_int(s, 2);
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "self-inspection plan %lld does not exist", plan);
    }
    sqlite3_finalize(s);
    return rc;
}

/* The rounds a year of a department in a plan; 0 if the department does not take part. */
static int plan_dept_frequency(struct store *st, long long plan, long long dept)
{
    sqlite3_stmt *s;
    int f = 0;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT coalesce(d.frequency, p.frequency) FROM assess_plan_depts d "
                           "JOIN assess_plans p ON p.id = d.plan_id WHERE d.plan_id = ? AND "
                           "d.department_id = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(s, 1, plan);
    sqlite3_bind_int64(s, 2, dept);
    if (sqlite3_step(s) == SQLITE_ROW)
        f = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return f;
}

static int exec_bound(struct store *st, const char *sql, const char *what, long long a, long long b,
                      const char *t1, const char *t2, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    int n = sqlite3_bind_parameter_count(s);
    if (n >= 1)
        sqlite3_bind_int64(s, 1, a);
    if (n >= 2)
        sqlite3_bind_int64(s, 2, b);
    if (n >= 3)
        store_bind_text(s, 3, t1);
    if (n >= 4)
        store_bind_text(s, 4, t2);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
    sqlite3_finalize(s);
    return rc;
}

/* ---- plans ---- */

struct dept_spec {
    long long id;
    int frequency; /* 0 = the plan's */
};

static int parse_depts(struct store *st, const char *spec, struct dept_spec *out, size_t cap,
                       size_t *n, struct ag_error *err)
{
    char buf[2048];
    int rc = AG_OK;
    *n = 0;
    if (!spec || !*spec)
        return ag_error_set(err, AG_EINVAL,
                            "departments: missing (give department codes separated by commas, "
                            "each optionally with :rounds, e.g. it:12,fac)");
    if (strlen(spec) >= sizeof(buf))
        return ag_error_set(err, AG_EINVAL, "departments: longer than %zu bytes", sizeof(buf) - 1);
    snprintf(buf, sizeof(buf), "%s", spec);
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(t, ':');
        long long f = 0;
        if (colon) {
            *colon++ = '\0';
            if ((rc = isms_check_int("department frequency", colon, 1, 12, &f, err)))
                return rc;
        }
        if (*n == cap)
            return ag_error_set(err, AG_EINVAL, "departments: more than %zu", cap);
        if ((rc = isms_department_id(st, t, &out[*n].id, err)))
            return rc;
        for (size_t i = 0; i < *n; i++)
            if (out[i].id == out[*n].id)
                return ag_error_set(err, AG_EINVAL, "departments: \"%s\" is given twice", t);
        out[(*n)++].frequency = (int)f;
    }
    return *n ? AG_OK
              : ag_error_set(err, AG_EINVAL, "departments: \"%s\" names no department", spec);
}

static int insert_items(struct store *st, long long plan, int revision,
                        const struct item_list *items, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "INSERT OR IGNORE INTO assess_plan_items(plan_id, item_id, revision) "
                           "VALUES (?, ?, ?)",
                           err);
    for (size_t i = 0; !rc && i < items->n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, plan);
        sqlite3_bind_text(s, 2, items->v[i], -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 3, revision);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_error(st, "adding plan items", err);
    }
    sqlite3_finalize(s);
    return rc;
}

static int insert_depts(struct store *st, long long plan, const struct dept_spec *d, size_t n,
                        bool upsert, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           upsert ? "INSERT INTO assess_plan_depts(plan_id, department_id, "
                                    "frequency) VALUES (?, ?, ?) ON CONFLICT(plan_id, "
                                    "department_id) DO UPDATE SET frequency = excluded.frequency"
                                  : "INSERT INTO assess_plan_depts(plan_id, department_id, "
                                    "frequency) VALUES (?, ?, ?)",
                           err);
    for (size_t i = 0; !rc && i < n; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, plan);
        sqlite3_bind_int64(s, 2, d[i].id);
        if (d[i].frequency)
            sqlite3_bind_int(s, 3, d[i].frequency);
        else
            sqlite3_bind_null(s, 3);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_error(st, "adding plan departments", err);
    }
    sqlite3_finalize(s);
    return rc;
}

static int check_opt_text(const char *field, const char *v, size_t max, struct ag_error *err)
{
    return v && *v ? isms_check_text(field, v, max, err) : AG_OK;
}

int assess_plan_add(struct store *st, const struct catalog *cat, long long actor,
                    const struct assess_plan_new *p, long long *id, struct ag_error *err)
{
    struct item_list items = {0};
    struct dept_spec depts[64];
    size_t ndepts;
    char now[21];
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, "set up the yearly self-inspection plan",
                                 err)))
        return rc;
    if (p->fiscal_year < 2000 || p->fiscal_year > 2100)
        return ag_error_set(err, AG_EINVAL,
                            "year: \"%d\" is not a fiscal year between 2000 and 2100",
                            p->fiscal_year);
    if (p->frequency < 1 || p->frequency > 12)
        return ag_error_set(err, AG_EINVAL,
                            "frequency: \"%d\" is not a number of rounds a year between 1 and 12",
                            p->frequency);
    if ((rc = isms_check_text("title", p->title, 500, err)) ||
        (rc = isms_check_text("timing", p->timing, 2000, err)) ||
        (rc = check_opt_text("selection", p->selection, 4000, err)) ||
        (rc = check_opt_text("method", p->method, 4000, err)) ||
        (rc = parse_depts(st, p->depts, depts, AG_ARRAY_LEN(depts), &ndepts, err)) ||
        (rc = expand_items(cat, "items", p->items, &items, err)))
        goto out_free;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out_free;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO assess_plans(fiscal_year, title, frequency, timing, "
                            "selection, method, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
                            "?, ?)",
                            err)))
        goto out;
    ag_time_iso(ag_now(), now);
    sqlite3_bind_int(s, 1, p->fiscal_year);
    sqlite3_bind_text(s, 2, p->title, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 3, p->frequency);
    sqlite3_bind_text(s, 4, p->timing, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, p->selection ? p->selection : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, p->method ? p->method : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 7, actor);
    sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = store_error(st, "adding the self-inspection plan", err);
        goto out;
    }
    *id = store_last_id(st);
    if ((rc = insert_items(st, *id, 1, &items, err)) ||
        (rc = insert_depts(st, *id, depts, ndepts, false, err)))
        goto out;
out:
    sqlite3_finalize(s);
    rc = isms_tx_end(st, own, rc, err);
out_free:
    free(items.v);
    return rc;
}

int assess_plan_revise(struct store *st, const struct catalog *cat, long long actor, long long plan,
                       const struct assess_plan_revision *r, struct ag_error *err)
{
    struct item_list items = {0};
    struct dept_spec depts[64];
    size_t ndepts = 0;
    char status[16], now[21], what[96];
    int rc;
    snprintf(what, sizeof(what), "review the self-inspection plan %lld", plan);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)) ||
        (rc = plan_get(st, plan, NULL, status, NULL, err)))
        return rc;
    if (strcmp(status, "active") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "self-inspection plan %lld is closed: it is not "
                            "revised any more",
                            plan);
    if ((rc = isms_check_text("reason", r->reason, 2000, err)))
        return rc;
    if (r->frequency && (r->frequency < 1 || r->frequency > 12))
        return ag_error_set(err, AG_EINVAL,
                            "frequency: \"%d\" is not a number of rounds a year between 1 and 12",
                            r->frequency);
    if ((rc = check_opt_text("timing", r->timing, 2000, err)) ||
        (r->add_depts && *r->add_depts &&
         (rc = parse_depts(st, r->add_depts, depts, AG_ARRAY_LEN(depts), &ndepts, err))) ||
        (r->add_items && *r->add_items &&
         (rc = expand_items(cat, "add-items", r->add_items, &items, err))))
        goto out_free;
    if (!items.n && !ndepts && !r->frequency && !(r->timing && *r->timing)) {
        rc = ag_error_set(err, AG_EINVAL,
                          "revision: nothing to change (give --add-items, --add-depts, "
                          "--frequency or --timing)");
        goto out_free;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out_free;
    ag_time_iso(ag_now(), now);
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "UPDATE assess_plans SET revision = revision + 1, revision_note = ?2, "
                            "revised_at = ?3, timing = coalesce(?4, timing), frequency = CASE "
                            "WHEN ?5 > 0 THEN ?5 ELSE frequency END WHERE id = ?1",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, plan);
        sqlite3_bind_text(s, 2, r->reason, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
        store_bind_text(s, 4, r->timing && *r->timing ? r->timing : NULL);
        sqlite3_bind_int(s, 5, r->frequency);
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "revising the plan", err);
        sqlite3_finalize(s);
    }
    int revision = 0;
    if (!rc && (rc = store_prepare(st, &s, "SELECT revision FROM assess_plans WHERE id = ?",
                                   err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, plan);
        if (sqlite3_step(s) == SQLITE_ROW)
            revision = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    if (!rc)
        rc = insert_items(st, plan, revision, &items, err);
    if (!rc)
        rc = insert_depts(st, plan, depts, ndepts, true, err);
    rc = isms_tx_end(st, own, rc, err);
out_free:
    free(items.v);
    return rc;
}

int assess_plan_close(struct store *st, long long actor, long long plan, struct ag_error *err)
{
    char status[16], what[96], id[24];
    int rc;
    snprintf(what, sizeof(what), "close the self-inspection plan %lld", plan);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)) ||
        (rc = plan_get(st, plan, NULL, status, NULL, err)))
        return rc;
    if (strcmp(status, "active") != 0)
        return ag_error_set(err, AG_EDENIED, "self-inspection plan %lld is closed already", plan);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    snprintf(id, sizeof(id), "%lld", plan);
    rc = exec_bound(st, "UPDATE assess_plans SET status = 'closed' WHERE id = ?1",
                    "closing the plan", plan, 0, NULL, NULL, err);
    if (!rc)
        rc = store_audit(st, "close", "assess_plans", id, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- sheets ---- */

int assess_sheet_load(struct store *st, long long sheet, struct assess_sheet_info *o,
                      struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s,
        "SELECT s.plan_id, s.round, s.respondent_id, s.department_id, s.status, s.due_date, "
        "p.login, p.name, d.code, d.name_ja, pl.title, pl.fiscal_year FROM assess_sheets s JOIN "
        "people p ON p.id = s.respondent_id JOIN departments d ON d.id = s.department_id JOIN "
        "assess_plans pl ON pl.id = s.plan_id WHERE s.id = ?",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, sheet);
    if (sqlite3_step(s) == SQLITE_ROW) {
        o->id = sheet;
        o->plan = sqlite3_column_int64(s, 0);
        o->round = sqlite3_column_int(s, 1);
        o->respondent = sqlite3_column_int64(s, 2);
        o->dept = sqlite3_column_int64(s, 3);
        snprintf(o->status, sizeof(o->status), "%s", store_col_text(s, 4));
        snprintf(o->due, sizeof(o->due), "%s", store_col_text(s, 5));
        snprintf(o->login, sizeof(o->login), "%s", store_col_text(s, 6));
        snprintf(o->name, sizeof(o->name), "%s", store_col_text(s, 7));
        snprintf(o->dept_code, sizeof(o->dept_code), "%s", store_col_text(s, 8));
        snprintf(o->dept_name, sizeof(o->dept_name), "%s", store_col_text(s, 9));
        snprintf(o->title, sizeof(o->title), "%s", store_col_text(s, 10));
        o->fiscal_year = sqlite3_column_int(s, 11);
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "self-inspection sheet %lld does not exist", sheet);
    }
    sqlite3_finalize(s);
    return rc;
}

int assess_sheet_items(struct store *st, const struct catalog *cat, long long sheet,
                       const char ***items, size_t *count, struct ag_error *err)
{
    sqlite3_stmt *s;
    struct item_list l = {0};
    int rc = store_prepare(st, &s, "SELECT item_id FROM assess_answers WHERE sheet_id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, sheet);
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        const struct catalog_node *n = catalog_by_id(cat, store_col_text(s, 0));
        if (!n)
            rc =
                ag_error_set(err, AG_EINVAL, "sheet %lld: item \"%s\" is not in the loaded catalog",
                             sheet, store_col_text(s, 0));
        else if (item_list_add(&l, n->id))
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    sqlite3_finalize(s);
    if (rc) {
        free(l.v);
        return rc;
    }
    /* catalog order: node ids borrowed from cat, sorted by their document index */
    for (size_t i = 1; i < l.n; i++) {
        const char *v = l.v[i];
        size_t ord = catalog_by_id(cat, v)->index, j = i;
        for (; j > 0 && catalog_by_id(cat, l.v[j - 1])->index > ord; j--)
            l.v[j] = l.v[j - 1];
        l.v[j] = v;
    }
    *items = l.v;
    *count = l.n;
    return AG_OK;
}

/* The roles a person holds (any scope), as a bit set over catalog roles; "operator" when they
 * are the manager of `dept` (measures of the organisation as a whole). */
static uint32_t person_roles(struct store *st, const struct catalog *cat, long long person,
                             long long dept)
{
    uint32_t bits = 0;
    for (size_t i = 0; i < catalog_role_count(cat) && i < 32; i++) {
        const char *role = catalog_role_at(cat, i)->id;
        bool has = strcmp(role, "operator") == 0 ? isms_has_role(st, person, "manager", dept)
                                                 : isms_has_role(st, person, role, 0);
        if (has)
            bits |= UINT32_C(1) << i;
    }
    return bits;
}

static int issue_dept(struct store *st, const struct catalog *cat, long long actor, long long plan,
                      int round, long long dept, const char *due, const struct item_list *items,
                      bool *covered, int *issued, struct ag_error *err)
{
    sqlite3_stmt *people = NULL, *ins = NULL, *ans = NULL;
    char now[21];
    int rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &people,
                            "SELECT id FROM people WHERE department_id = ? AND active = 1 AND NOT "
                            "EXISTS (SELECT 1 FROM assess_sheets s WHERE s.plan_id = ? AND "
                            "s.round = ? AND s.respondent_id = people.id) ORDER BY id",
                            err)) ||
        (rc = store_prepare(st, &ins,
                            "INSERT INTO assess_sheets(plan_id, round, respondent_id, "
                            "department_id, due_date, issued_by, issued_at) VALUES (?, ?, ?, ?, "
                            "?, ?, ?)",
                            err)) ||
        (rc = store_prepare(st, &ans,
                            "INSERT INTO assess_answers(sheet_id, item_id, role) VALUES (?, ?, ?)",
                            err)))
        goto out;
    sqlite3_bind_int64(people, 1, dept);
    sqlite3_bind_int64(people, 2, plan);
    sqlite3_bind_int(people, 3, round);
    while (!rc && sqlite3_step(people) == SQLITE_ROW) {
        long long person = sqlite3_column_int64(people, 0);
        uint32_t roles = person_roles(st, cat, person, dept);
        if (!roles)
            continue;
        long long sheet = 0;
        for (size_t i = 0; !rc && i < items->n; i++) {
            const struct catalog_node *n = catalog_by_id(cat, items->v[i]);
            if (!n || !(n->roles & roles))
                continue;
            if (!sheet) {
                sqlite3_reset(ins);
                sqlite3_bind_int64(ins, 1, plan);
                sqlite3_bind_int(ins, 2, round);
                sqlite3_bind_int64(ins, 3, person);
                sqlite3_bind_int64(ins, 4, dept);
                sqlite3_bind_text(ins, 5, due, -1, SQLITE_STATIC);
                sqlite3_bind_int64(ins, 6, actor);
                sqlite3_bind_text(ins, 7, now, -1, SQLITE_STATIC);
                if (sqlite3_step(ins) != SQLITE_DONE) {
                    rc = store_error(st, "issuing a sheet", err);
                    break;
                }
                sheet = store_last_id(st);
                (*issued)++;
            }
            /* the first role of the measure the respondent holds */
            const char *role = "";
            for (size_t b = 0; b < catalog_role_count(cat) && b < 32; b++)
                if (n->roles & roles & (UINT32_C(1) << b)) {
                    role = catalog_role_at(cat, b)->id;
                    break;
                }
            sqlite3_reset(ans);
            sqlite3_bind_int64(ans, 1, sheet);
            sqlite3_bind_text(ans, 2, n->id, -1, SQLITE_STATIC);
            sqlite3_bind_text(ans, 3, role, -1, SQLITE_STATIC);
            if (sqlite3_step(ans) != SQLITE_DONE)
                rc = store_error(st, "putting items on a sheet", err);
            covered[i] = true;
        }
    }
out:
    sqlite3_finalize(people);
    sqlite3_finalize(ins);
    sqlite3_finalize(ans);
    return rc;
}

static int plan_items(struct store *st, const struct catalog *cat, long long plan,
                      struct item_list *l, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, "SELECT item_id FROM assess_plan_items WHERE plan_id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, plan);
    while (!rc && sqlite3_step(s) == SQLITE_ROW) {
        const struct catalog_node *n = catalog_by_id(cat, store_col_text(s, 0));
        if (n && item_list_add(l, n->id))
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    sqlite3_finalize(s);
    return rc;
}

int assess_sheets_issue(struct store *st, const struct catalog *cat, long long actor,
                        long long plan, int round, const char *dept_code, const char *due,
                        int *issued, int *uncovered, struct ag_error *err)
{
    char status[16], d[11], what[128];
    long long depts[64];
    size_t ndepts = 0;
    int frequency = 0, rc;
    struct item_list items = {0};
    bool *covered = NULL;
    *issued = 0;
    *uncovered = 0;
    if ((rc = plan_get(st, plan, &frequency, status, NULL, err)))
        return rc;
    if (dept_code && *dept_code) {
        if ((rc = isms_department_id(st, dept_code, &depts[0], err)))
            return rc;
        ndepts = 1;
        snprintf(what, sizeof(what), "issue the self-inspection sheets of plan %lld for %s", plan,
                 dept_code);
        if (!isms_has_role(st, actor, "ciso", 0) &&
            (rc = isms_duty_has_role(st, actor, "manager", depts[0], what, err)))
            return rc;
        if (!plan_dept_frequency(st, plan, depts[0]))
            return ag_error_set(err, AG_EINVAL,
                                "dept: \"%s\" does not take part in self-inspection plan %lld",
                                dept_code, plan);
    } else {
        snprintf(what, sizeof(what), "issue the self-inspection sheets of plan %lld", plan);
        if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)))
            return rc;
    }
    if (strcmp(status, "active") != 0)
        return ag_error_set(err, AG_EDENIED, "self-inspection plan %lld is closed: no new sheets",
                            plan);
    if (round < 1 || round > frequency)
        return ag_error_set(err, AG_EINVAL, "round: \"%d\" is not a round of plan %lld (1 to %d)",
                            round, plan, frequency);
    if ((rc = isms_check_date("due", due, d, err)))
        return rc;
    if (!ndepts) {
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s,
                                "SELECT department_id FROM assess_plan_depts WHERE plan_id = ? "
                                "ORDER BY department_id",
                                err)))
            return rc;
        sqlite3_bind_int64(s, 1, plan);
        while (sqlite3_step(s) == SQLITE_ROW && ndepts < AG_ARRAY_LEN(depts))
            depts[ndepts++] = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    if ((rc = plan_items(st, cat, plan, &items, err)))
        goto out_free;
    covered = calloc(items.n + 1, sizeof(*covered));
    if (!covered) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out_free;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out_free;
    for (size_t i = 0; !rc && i < ndepts; i++) {
        int f = plan_dept_frequency(st, plan, depts[i]);
        if (round > f) /* e.g. a department inspected twice a year in a monthly plan */
            continue;
        rc = issue_dept(st, cat, actor, plan, round, depts[i], d, &items, covered, issued, err);
    }
    rc = isms_tx_end(st, own, rc, err);
    for (size_t i = 0; i < items.n; i++)
        *uncovered += !covered[i];
out_free:
    free(covered);
    free(items.v);
    return rc;
}

int assess_sheet_for_respondent(struct store *st, long long actor, long long sheet,
                                const char *what, struct assess_sheet_info *info,
                                struct ag_error *err)
{
    int rc = assess_sheet_load(st, sheet, info, err);
    if (rc)
        return rc;
    if (info->respondent != actor)
        return ag_error_set(err, AG_EDENIED,
                            "self-inspection sheet %lld belongs to %s: only the respondent may %s",
                            sheet, info->login, what);
    if (strcmp(info->status, "submitted") == 0)
        return ag_error_set(err, AG_EDENIED,
                            "self-inspection sheet %lld is submitted: its answers are final",
                            sheet);
    return AG_OK;
}

int assess_answer_store(struct store *st, long long sheet, const char *item, enum assess_answer a,
                        const char *comment, long long *answer_id, struct ag_error *err)
{
    sqlite3_stmt *s;
    char now[21];
    int rc = store_prepare(st, &s,
                           "UPDATE assess_answers SET answer = ?3, comment = ?4, answered_at = ?5 "
                           "WHERE sheet_id = ?1 AND item_id = ?2 RETURNING id",
                           err);
    if (rc)
        return rc;
    ag_time_iso(ag_now(), now);
    sqlite3_bind_int64(s, 1, sheet);
    sqlite3_bind_text(s, 2, item, -1, SQLITE_STATIC);
    store_bind_text(s, 3, assess_answer_id(a));
    sqlite3_bind_text(s, 4, comment ? comment : "", -1, SQLITE_STATIC);
    if (a == ASSESS_UNANSWERED)
        sqlite3_bind_null(s, 5);
    else
        sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        if (answer_id)
            *answer_id = sqlite3_column_int64(s, 0);
        step = sqlite3_step(s);
    } else if (step == SQLITE_DONE) {
        rc = ag_error_set(err, AG_EINVAL, "item: \"%s\" is not on self-inspection sheet %lld", item,
                          sheet);
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_error(st, "storing the answer", err);
    sqlite3_finalize(s);
    return rc;
}

int assess_answer_set(struct store *st, const struct catalog *cat, long long actor, long long sheet,
                      const char *item, const char *answer, const char *comment,
                      const char *const *evidence, struct ag_error *err)
{
    struct assess_sheet_info info;
    enum assess_answer a;
    const char *id;
    int rc;
    if ((rc = assess_sheet_for_respondent(st, actor, sheet, "answer it", &info, err)) ||
        (rc = isms_check_item(cat, "item", item, &id, err)))
        return rc;
    if (assess_answer_parse(answer, &a) != AG_OK)
        return ag_error_set(err, AG_EINVAL,
                            "answer: \"%.80s\" is not one of: 実施, 一部実施, 未実施, 該当なし "
                            "(or implemented, partial, not_implemented, not_applicable)",
                            answer ? answer : "");
    if ((rc = check_opt_text("comment", comment, ASSESS_COMMENT_MAX, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    long long answer_id = 0;
    rc = assess_answer_store(st, sheet, id, a, comment, &answer_id, err);
    for (size_t i = 0; !rc && evidence && evidence[i]; i++) {
        long long ev;
        char sha[65];
        if ((rc = isms_evidence_add(st, evidence[i], actor, &ev, sha, err)))
            break;
        rc = exec_bound(st,
                        "INSERT OR IGNORE INTO assess_answer_evidence(answer_id, evidence_id) "
                        "VALUES (?1, ?2)",
                        "linking evidence", answer_id, ev, NULL, NULL, err);
    }
    return isms_tx_end(st, own, rc, err);
}

int assess_answer_attach(struct store *st, const struct catalog *cat, long long actor,
                         long long sheet, const char *item, const void *data, size_t len,
                         const char *filename, char sha256[65], struct ag_error *err)
{
    struct assess_sheet_info info;
    const char *id;
    int rc;
    /* every check before the file is written: nothing is stored for a refused upload */
    if ((rc = assess_sheet_for_respondent(st, actor, sheet, "attach evidence to it", &info, err)) ||
        (rc = isms_check_item(cat, "item", item, &id, err)))
        return rc;
    if (len == 0)
        return ag_error_set(err, AG_EINVAL, "evidence: the file is empty");
    sqlite3_stmt *s;
    long long answer_id = 0;
    if ((rc = store_prepare(
             st, &s, "SELECT id FROM assess_answers WHERE sheet_id = ?1 AND item_id = ?2", err)))
        return rc;
    sqlite3_bind_int64(s, 1, sheet);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        answer_id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (step == SQLITE_DONE)
        return ag_error_set(err, AG_EINVAL, "item: \"%s\" is not on self-inspection sheet %lld",
                            item, sheet);
    if (step != SQLITE_ROW)
        return store_error(st, "reading the answer", err);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    long long ev;
    rc = isms_evidence_add_mem(st, data, len, filename, actor, &ev, sha256, err);
    if (rc == AG_OK)
        rc = exec_bound(st,
                        "INSERT OR IGNORE INTO assess_answer_evidence(answer_id, evidence_id) "
                        "VALUES (?1, ?2)",
                        "linking evidence", answer_id, ev, NULL, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int assess_sheet_submit(struct store *st, long long actor, long long sheet, struct ag_error *err)
{
    struct assess_sheet_info info;
    char id[24], now[21];
    int rc;
    if ((rc = assess_sheet_for_respondent(st, actor, sheet, "submit it", &info, err)))
        return rc;
    sqlite3_stmt *s;
    long open = 0;
    if ((rc = store_prepare(st, &s,
                            "SELECT count(*) FROM assess_answers WHERE sheet_id = ? AND answer IS "
                            "NULL",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, sheet);
    if (sqlite3_step(s) == SQLITE_ROW)
        open = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (open)
        return ag_error_set(err, AG_EDENIED,
                            "self-inspection sheet %lld: %ld item(s) are not answered yet", sheet,
                            open);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    snprintf(id, sizeof(id), "%lld", sheet);
    rc = exec_bound(st,
                    "UPDATE assess_sheets SET status = 'submitted', submitted_at = ?3 WHERE id = "
                    "?1 AND respondent_id = ?2 AND status = 'issued'",
                    "submitting the sheet", sheet, actor, now, NULL, err);
    if (!rc)
        rc = store_audit(st, "submit", "assess_sheets", id, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- evaluation by the manager ---- */

int assess_evaluate(struct store *st, long long actor, long long plan, int round,
                    const char *dept_code, const char *text, struct ag_error *err)
{
    long long dept;
    int frequency = 0, rc;
    char what[128], now[21];
    if ((rc = plan_get(st, plan, &frequency, NULL, NULL, err)) ||
        (rc = isms_department_id(st, dept_code, &dept, err)))
        return rc;
    snprintf(what, sizeof(what), "report the self-inspection evaluation of %s", dept_code);
    if ((rc = isms_duty_has_role(st, actor, "manager", dept, what, err)))
        return rc;
    if (round < 1 || round > frequency)
        return ag_error_set(err, AG_EINVAL, "round: \"%d\" is not a round of plan %lld (1 to %d)",
                            round, plan, frequency);
    if ((rc = isms_check_text("text", text, 20000, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO assess_evaluations(plan_id, round, department_id, text, "
                            "reported_by, reported_at) VALUES (?, ?, ?, ?, ?, ?) ON "
                            "CONFLICT(plan_id, round, department_id) DO UPDATE SET text = "
                            "excluded.text, reported_by = excluded.reported_by, reported_at = "
                            "excluded.reported_at",
                            err)) == AG_OK) {
        ag_time_iso(ag_now(), now);
        sqlite3_bind_int64(s, 1, plan);
        sqlite3_bind_int(s, 2, round);
        sqlite3_bind_int64(s, 3, dept);
        sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 5, actor);
        sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
        rc =
            sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "storing the evaluation", err);
        sqlite3_finalize(s);
    }
    return isms_tx_end(st, own, rc, err);
}

/* ---- improvement instructions ---- */

static int dept_manager(struct store *st, long long dept, const char *code, long long *out,
                        struct ag_error *err)
{
    sqlite3_stmt *s;
    int n = 0;
    int rc = store_prepare(st, &s,
                           "SELECT DISTINCT person_id FROM person_roles WHERE role = 'manager' "
                           "AND department_id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, dept);
    while (sqlite3_step(s) == SQLITE_ROW) {
        *out = sqlite3_column_int64(s, 0);
        n++;
    }
    sqlite3_finalize(s);
    if (n == 1)
        return AG_OK;
    return ag_error_set(err, AG_EINVAL,
                        n ? "manager: department \"%s\" has several information security managers; "
                            "name one with --to LOGIN"
                          : "manager: department \"%s\" has no information security manager "
                            "(grant one: airguard org role grant LOGIN manager --dept CODE)",
                        code);
}

int assess_instruct(struct store *st, const struct catalog *cat, long long actor,
                    const struct assess_instruction_new *in, long long *id, struct ag_error *err)
{
    long long dept, manager;
    int frequency = 0, rc;
    char due[11], now[21], login[65], what[160], title[200];
    struct item_list items = {0};
    if ((rc = plan_get(st, in->plan, &frequency, NULL, NULL, err)) ||
        (rc = isms_department_id(st, in->dept, &dept, err)))
        return rc;
    snprintf(what, sizeof(what), "instruct %s to improve after self-inspection plan %lld", in->dept,
             in->plan);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)))
        return rc;
    if (in->manager && *in->manager) {
        if ((rc = isms_person_id(st, in->manager, &manager, err)))
            return rc;
        if (!isms_has_role(st, manager, "manager", dept))
            return ag_error_set(err, AG_EINVAL,
                                "to: \"%s\" is not an information security manager of %s",
                                in->manager, in->dept);
    } else if ((rc = dept_manager(st, dept, in->dept, &manager, err))) {
        return rc;
    }
    if ((rc = isms_duty_not_self(st, actor, manager, what, err)))
        return rc;
    if (in->round < 1 || in->round > frequency)
        return ag_error_set(err, AG_EINVAL, "round: \"%d\" is not a round of plan %lld (1 to %d)",
                            in->round, in->plan, frequency);
    if ((rc = isms_check_text("text", in->text, 20000, err)) ||
        (rc = isms_check_date("due", in->due, due, err)) ||
        (rc = isms_person_get(st, manager, login, sizeof(login), NULL, err)))
        return rc;
    if (in->items && *in->items && (rc = expand_items(cat, "items", in->items, &items, err)))
        goto out_free;
    /* the action's title: the instruction's first line, cut at a character boundary */
    size_t tl = strcspn(in->text, "\n");
    if (tl > 150) {
        tl = 150;
        while (tl && ((unsigned char)in->text[tl] & 0xC0) == 0x80)
            tl--;
    }
    snprintf(title, sizeof(title), "%.*s", (int)tl, in->text);
    if (items.n > 64) {
        rc = ag_error_set(err, AG_EINVAL, "items: %zu measures; an instruction names at most 64",
                          items.n);
        goto out_free;
    }
    const char **list = calloc(items.n + 1, sizeof(*list));
    if (!list) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out_free;
    }
    for (size_t i = 0; i < items.n; i++)
        list[i] = items.v[i];
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out_list;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO assess_instructions(plan_id, round, department_id, "
                            "manager_id, text, due_date, issued_by, issued_at) VALUES (?, ?, ?, "
                            "?, ?, ?, ?, ?)",
                            err)) == AG_OK) {
        ag_time_iso(ag_now(), now);
        sqlite3_bind_int64(s, 1, in->plan);
        sqlite3_bind_int(s, 2, in->round);
        sqlite3_bind_int64(s, 3, dept);
        sqlite3_bind_int64(s, 4, manager);
        sqlite3_bind_text(s, 5, in->text, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, due, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 7, actor);
        sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
        rc =
            sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "adding the instruction", err);
        sqlite3_finalize(s);
    }
    long long action = 0;
    if (!rc) {
        *id = store_last_id(st);
        struct isms_action_new a = {"assessment", *id, title, in->text, login, in->dept, due, list};
        rc = isms_action_add(st, cat, &a, &action, err);
    }
    if (!rc)
        rc = exec_bound(st, "UPDATE assess_instructions SET action_id = ?2 WHERE id = ?1",
                        "linking the instruction to its action", *id, action, NULL, NULL, err);
    rc = isms_tx_end(st, own, rc, err);
out_list:
    free(list);
out_free:
    free(items.v);
    return rc;
}

int assess_followup(struct store *st, long long actor, long long instruction, const char *step,
                    const char *text, struct ag_error *err)
{
    static const char *const steps[] = {"report", "accept", "return", NULL};
    sqlite3_stmt *s;
    long long manager = 0, action = 0;
    char what[96], id[24];
    int rc;
    if ((rc = isms_check_enum("step", step, steps, err)) ||
        (rc = store_prepare(
             st, &s, "SELECT manager_id, action_id FROM assess_instructions WHERE id = ?", err)))
        return rc;
    sqlite3_bind_int64(s, 1, instruction);
    if (sqlite3_step(s) == SQLITE_ROW) {
        manager = sqlite3_column_int64(s, 0);
        action = sqlite3_column_int64(s, 1);
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "improvement instruction %lld does not exist",
                          instruction);
    }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    if (strcmp(step, "report") == 0) {
        if (actor != manager)
            return ag_error_set(err, AG_EDENIED,
                                "improvement instruction %lld: only the instructed manager "
                                "reports its result",
                                instruction);
        return isms_action_step(st, action, "done", actor, text, err);
    }
    snprintf(what, sizeof(what), "%s the improvement result of instruction %lld", step,
             instruction);
    if ((rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)) ||
        (rc = isms_duty_not_self(st, actor, manager, what, err)))
        return rc;
    if (strcmp(step, "return") == 0 && (rc = isms_check_text("result", text, 20000, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = isms_action_step(st, action, strcmp(step, "accept") == 0 ? "verify" : "reopen", actor,
                          text, err);
    snprintf(id, sizeof(id), "%lld", instruction);
    if (!rc)
        rc = store_audit(st, strcmp(step, "accept") == 0 ? "approve" : "reject",
                         "assess_instructions", id, NULL, err);
    return isms_tx_end(st, own, rc, err);
}
