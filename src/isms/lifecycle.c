/*
 * lifecycle.c — projects of an information system through the lifecycle phases of 3.1.5.2(1),
 * their checklists generated from the catalog, answers with evidence, design reviews, acceptance
 * tests and phase sign-off (rules in lifecycle.h).
 *
 * Invariants: the checklist template names catalog nodes only; the texts shown with a row always
 * come from the loaded catalog (a row stores the node id and its printed reference). Checks that
 * can refuse run before the transaction (so refusals of isms_duty_* reach the audit trail); each
 * step writes in one transaction.
 */
#include "isms/lifecycle.h"
#include "isms/worklog.h"

const char *const lc_phase_names[] = {"planning", "build",    "acceptance", "handover",
                                      "renewal",  "disposal", NULL};
const char *const lc_kinds[] = {"new", "renewal", "disposal", NULL};
const char *const lc_answers[] = {"open", "done", "na", NULL};

/* the categories of the assets table, in the order of the bits */
static const char *const categories[] = {"server", "terminal", "network", "plc",   "camera",
                                         "mfp",    "iot",      "storage", "other", NULL};
enum {
    C_SERVER = 1 << 0,
    C_TERMINAL = 1 << 1,
    C_NETWORK = 1 << 2,
    C_PLC = 1 << 3,
    C_CAMERA = 1 << 4,
    C_MFP = 1 << 5,
    C_IOT = 1 << 6,
    C_STORAGE = 1 << 7,
    C_OTHER = 1 << 8,
    C_SPECIAL = C_PLC | C_CAMERA | C_IOT | C_OTHER, /* 特定用途機器 */
};

/* The checklist template: per phase, the catalog nodes (a section stands for its measures that
 * name the system administrator) and the device categories that make a node apply (0 = always).
 * 3.1.5.2(1)① planning and ② build with its examples split by the phase they belong to
 * (acceptance inspection, handover to operation); the requirement areas of 3.1.5.1 decided in
 * planning; the device measures of 3.1.5.2(2)(4) at build; the operation measures of
 * 3.2.1.1(1)① at handover; migration, erasure and review of measures (3.2.1.1(1)②③) at renewal;
 * the erasure measures of 3.2.1.1(2) at disposal. */
static const struct {
    const char *phase, *node;
    unsigned cats;
} tpl[] = {
    {"planning", "3.1.5.2-1-c1.m1", 0},
    {"planning", "3.1.5.2-1-c1.m2", 0},
    {"planning", "3.1.5.2-1-c1.m3", 0},
    {"planning", "3.1.5.2-1-c1.m4.x1", 0},
    {"planning", "3.1.5.2-1-c1.m4.x2", 0},
    {"planning", "3.1.5.2-1-c1.m4.x3", 0},
    {"planning", "3.1.5.2-1-c1.m4.x4", 0},
    {"planning", "3.1.5.2-1-c1.m4.x5", 0},
    {"planning", "3.1.5.2-1-c1.m4.x6", 0},
    {"planning", "3.1.5.1-1", 0},
    {"planning", "3.1.5.1-2", 0},
    {"build", "3.1.5.2-1-c2.m1", 0},
    {"build", "3.1.5.2-1-c2.m2.x1", 0},
    {"build", "3.1.5.2-2-a", C_TERMINAL},
    {"build", "3.1.5.2-2-b", C_SERVER | C_STORAGE},
    {"build", "3.1.5.2-2-c-c1", C_MFP},
    {"build", "3.1.5.2-2-c-c2", C_SPECIAL},
    {"build", "3.1.5.2-4-a", C_NETWORK},
    {"acceptance", "3.1.5.2-1-c2.m2.x3", 0},
    {"acceptance", "3.1.5.1-1-e.m1", 0},
    {"acceptance", "3.1.5.1-1-f.m2", 0},
    {"handover", "3.1.5.2-1-c2.m2.x2", 0},
    {"handover", "3.1.5.2-1-c2.m2.x4", 0},
    {"handover", "3.2.1.1-1-c1", 0},
    {"handover", "3.2.1.1-2-c2.m2", C_SERVER | C_STORAGE},
    {"renewal", "3.2.1.1-1-c2.m1", 0},
    {"renewal", "3.2.1.1-1-c3.m1", 0},
    {"renewal", "3.1.5.2-1-c1.m4.x3", 0},
    {"disposal", "3.2.1.1-1-c2.m1", 0},
    {"disposal", "3.2.1.1-2-c1.m3", C_TERMINAL},
    {"disposal", "3.2.1.1-2-c2.m4", C_SERVER | C_STORAGE},
    {"disposal", "3.2.1.1-2-c3.m6", C_NETWORK},
    {"disposal", "3.2.1.1-2-c4.m6", C_MFP | C_SPECIAL},
};

static const char *const kind_phases[][6] = {
    {"planning", "build", "acceptance", "handover", NULL},            /* new */
    {"planning", "build", "acceptance", "handover", "renewal", NULL}, /* renewal */
    {"disposal", NULL},                                               /* disposal */
};

static int role_index(const struct catalog *cat, const char *role)
{
    for (size_t i = 0; i < catalog_role_count(cat); i++)
        if (strcmp(catalog_role_at(cat, i)->id, role) == 0)
            return (int)i;
    return -1;
}

/* The measures under a section that name the system administrator, in document order. */
static int expand(const struct catalog_node *n, uint32_t sysadmin,
                  int (*fn)(void *ctx, const struct catalog_node *n), void *ctx)
{
    int rc = AG_OK;
    for (size_t i = 0; rc == AG_OK && i < n->nchildren; i++) {
        const struct catalog_node *c = n->children[i];
        if (c->kind == CATALOG_KIND_MEASURE && (c->roles & sysadmin))
            rc = fn(ctx, c);
        else if (c->kind == CATALOG_KIND_SECTION)
            rc = expand(c, sysadmin, fn, ctx);
    }
    return rc;
}

int lc_template(const struct catalog *cat, const char *phase, unsigned cats,
                int (*fn)(void *ctx, const struct catalog_node *n), void *ctx, struct ag_error *err)
{
    int rc = isms_check_enum("--phase", phase, lc_phase_names, err);
    if (rc)
        return rc;
    int ri = role_index(cat, "sysadmin");
    uint32_t sysadmin = ri >= 0 ? (uint32_t)1 << ri : 0;
    for (size_t i = 0; i < AG_ARRAY_LEN(tpl); i++) {
        if (strcmp(tpl[i].phase, phase) != 0)
            continue;
        if (cats && tpl[i].cats && !(tpl[i].cats & cats))
            continue;
        const struct catalog_node *n = catalog_by_id(cat, tpl[i].node);
        if (!n)
            return ag_error_set(err, AG_EINVAL,
                                "the catalog has no item %s (lifecycle checklist of 3.1.5.2(1)); "
                                "is it the 2nd edition?",
                                tpl[i].node);
        rc = n->kind == CATALOG_KIND_SECTION ? expand(n, sysadmin, fn, ctx) : fn(ctx, n);
        if (rc)
            return ag_error_set(err, rc, "generating the checklist of the phase %s", phase);
    }
    return AG_OK;
}

unsigned lc_system_categories(struct store *st, long long system)
{
    struct ag_error err;
    sqlite3_stmt *s;
    unsigned bits = 0;
    if (store_prepare(st, &s,
                      "SELECT DISTINCT category FROM assets WHERE system_id = ? AND status = "
                      "'in_service'",
                      &err) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, system);
    while (sqlite3_step(s) == SQLITE_ROW)
        for (size_t i = 0; categories[i]; i++)
            if (strcmp(store_col_text(s, 0), categories[i]) == 0)
                bits |= 1u << i;
    sqlite3_finalize(s);
    return bits;
}

/* ---- projects ---- */

struct lc_project {
    long long id, system, dept, owner;
    char code[65], status[16];
};

static int project_load(struct store *st, long long id, struct lc_project *p, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT p.code, p.system_id, coalesce(y.owner_department_id, 0), "
                           "p.owner_id, p.status FROM lc_projects p JOIN systems y ON y.id = "
                           "p.system_id WHERE p.id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        p->id = id;
        snprintf(p->code, sizeof(p->code), "%s", store_col_text(s, 0));
        p->system = sqlite3_column_int64(s, 1);
        p->dept = sqlite3_column_int64(s, 2);
        p->owner = sqlite3_column_int64(s, 3);
        snprintf(p->status, sizeof(p->status), "%s", store_col_text(s, 4));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "lifecycle project %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

static int project_active(const struct lc_project *p, struct ag_error *err)
{
    if (strcmp(p->status, "active") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "lifecycle project %s is %s: it is not changed any more", p->code,
                            p->status);
    return AG_OK;
}

bool lc_may_work(struct store *st, long long person, long long project)
{
    struct lc_project p;
    struct ag_error err;
    if (project_load(st, project, &p, &err) != AG_OK)
        return false;
    return person == p.owner || wl_may_operate(st, person, p.dept);
}

static int need_worker(struct store *st, long long actor, const struct lc_project *p,
                       const char *what, struct ag_error *err)
{
    if (actor == p->owner || wl_may_operate(st, actor, p->dept))
        return AG_OK;
    return isms_duty_has_role(st, actor, "sysadmin", p->dept, what, err);
}

int lc_project_find(struct store *st, const char *code, long long *id, struct ag_error *err)
{
    sqlite3_stmt *s;
    if (!code || !*code)
        return ag_error_set(err, AG_EINVAL, "missing the project (its code or #id)");
    int rc =
        store_prepare(st, &s, "SELECT id FROM lc_projects WHERE code = ?1 OR '#' || id = ?1", err);
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    if (sqlite3_step(s) == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else
        rc = ag_error_set(err, AG_ENOTFOUND, "%s \"%.80s\" does not exist", "lifecycle project",
                          code);
    sqlite3_finalize(s);
    return rc;
}

struct gen_ctx {
    struct store *st;
    long long phase;
    int order;
    struct ag_error *err;
};

static int gen_row(void *vctx, const struct catalog_node *n)
{
    struct gen_ctx *c = vctx;
    return store_run(c->st, "generating the checklist", c->err,
                     "INSERT OR IGNORE INTO lc_rows(phase_id, sort_order, item_id, ref) VALUES "
                     "(?, ?, ?, ?)",
                     "iiss", c->phase, (long long)++c->order, n->id, n->ref);
}

int lc_project_start(struct store *st, const struct catalog *cat, long long actor,
                     const struct lc_project_new *p, long long *id, struct ag_error *err)
{
    long long system, owner, dept = 0;
    char start[11], now[21], what[128];
    int rc;
    if ((rc = isms_check_text("--code", p->code, 64, err)) ||
        (rc = isms_check_enum("--kind", p->kind, lc_kinds, err)) ||
        (rc = isms_check_text("--title", p->title, 500, err)))
        return rc;
    if (strchr(p->code, ' ') || p->code[0] == '#')
        return ag_error_set(err, AG_EINVAL,
                            "--code: \"%.64s\" may not contain spaces or begin with #", p->code);
    if (!p->system || !*p->system)
        return ag_error_set(err, AG_EINVAL, "--system: missing (a system code)");
    if ((rc = isms_system_id(st, p->system, &system, err)))
        return ag_error_set(err, rc, "--system: no system \"%.64s\"", p->system);
    if (!p->owner || !*p->owner)
        return ag_error_set(err, AG_EINVAL, "--owner: missing (a login)");
    if ((rc = isms_person_id(st, p->owner, &owner, err)))
        return ag_error_set(err, rc, "--owner: no person with the login \"%.64s\"", p->owner);
    if (p->started_on && *p->started_on) {
        if ((rc = isms_check_date("--start", p->started_on, start, err)))
            return rc;
    } else {
        ag_date_iso(ag_now(), start);
    }
    sqlite3_stmt *s;
    if ((rc = store_prepare(
             st, &s, "SELECT coalesce(owner_department_id, 0) FROM systems WHERE id = ?", err)))
        return rc;
    sqlite3_bind_int64(s, 1, system);
    if (sqlite3_step(s) == SQLITE_ROW)
        dept = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    snprintf(what, sizeof(what), "start a lifecycle project of system %s", p->system);
    if (!wl_may_operate(st, actor, dept) &&
        (rc = isms_duty_has_role(st, actor, "sysadmin", dept, what, err)))
        return rc;
    size_t k = 0;
    while (strcmp(lc_kinds[k], p->kind) != 0)
        k++;
    unsigned cats = lc_system_categories(st, system);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "starting the project", err,
                   "INSERT INTO lc_projects(code, system_id, kind, title, owner_id, started_on, "
                   "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   "sissisIs", p->code, system, p->kind, p->title, owner, start, actor, now);
    if (rc == AG_OK)
        *id = store_last_id(st);
    for (size_t i = 0; rc == AG_OK && kind_phases[k][i]; i++) {
        rc = store_run(st, "adding the phases", err,
                       "INSERT INTO lc_phases(project_id, phase, sort_order) VALUES (?, ?, ?)",
                       "isi", *id, kind_phases[k][i], (long long)i + 1);
        struct gen_ctx g = {st, store_last_id(st), 0, err};
        if (rc == AG_OK)
            rc = lc_template(cat, kind_phases[k][i], cats, gen_row, &g, err);
    }
    return isms_tx_end(st, own, rc, err);
}

int lc_current_phase(struct store *st, long long project, char out[16], struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT phase FROM lc_phases WHERE project_id = ? AND signed_at IS "
                           "NULL ORDER BY sort_order LIMIT 1",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, project);
    out[0] = '\0';
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, 16, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    return AG_OK;
}

/* ---- rows ---- */

struct lc_row {
    long long id, project;
    bool signed_off;
    char phase[16];
};

static int row_load(struct store *st, long long id, struct lc_row *r, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT ph.project_id, ph.signed_at IS NOT NULL, ph.phase FROM lc_rows "
                           "r JOIN lc_phases ph ON ph.id = r.phase_id WHERE r.id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        r->id = id;
        r->project = sqlite3_column_int64(s, 0);
        r->signed_off = sqlite3_column_int(s, 1) != 0;
        snprintf(r->phase, sizeof(r->phase), "%s", store_col_text(s, 2));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "checklist row %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

int lc_row_find(struct store *st, const struct catalog *cat, long long project, const char *phase,
                const char *row, long long *id, struct ag_error *err)
{
    int rc;
    if (!row || !*row)
        return ag_error_set(err, AG_EINVAL, "missing the checklist row (#number or item)");
    const char *num = row[0] == '#' ? row + 1 : row;
    if (row[0] == '#' || strspn(num, "0123456789") == strlen(num)) {
        struct lc_row r;
        if ((rc = isms_check_int("row", num, 1, INT64_MAX, id, err)) ||
            (rc = row_load(st, *id, &r, err)))
            return rc;
        if (r.project != project)
            return ag_error_set(err, AG_ENOTFOUND,
                                "checklist row %lld is not a row of this project", *id);
        return AG_OK;
    }
    const char *item;
    if ((rc = isms_check_item(cat, "item", row, &item, err)))
        return rc;
    if (phase && *phase && (rc = isms_check_enum("--phase", phase, lc_phase_names, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT r.id, ph.phase FROM lc_rows r JOIN lc_phases ph ON ph.id = "
                            "r.phase_id WHERE ph.project_id = ?1 AND r.item_id = ?2 AND (?3 IS "
                            "NULL OR ph.phase = ?3) ORDER BY ph.sort_order",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, project);
    store_bind_text(s, 2, item);
    store_bind_text(s, 3, phase && *phase ? phase : NULL);
    int n = 0;
    char phases[128] = "";
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (n++ == 0)
            *id = sqlite3_column_int64(s, 0);
        size_t used = strlen(phases);
        snprintf(phases + used, sizeof(phases) - used, "%s%s", used ? ", " : "",
                 store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    if (n == 0)
        return ag_error_set(err, AG_ENOTFOUND,
                            "item %s is not on the checklist of this project%s%s", item,
                            phase && *phase ? " in the phase " : "", phase && *phase ? phase : "");
    if (n > 1)
        return ag_error_set(err, AG_EINVAL,
                            "item %s is on the checklist of the phases %s: give --phase", item,
                            phases);
    return AG_OK;
}

static int row_for_work(struct store *st, long long actor, long long row, const char *verb,
                        struct lc_row *r, struct ag_error *err)
{
    struct lc_project p;
    char what[128];
    int rc;
    if ((rc = row_load(st, row, r, err)) || (rc = project_load(st, r->project, &p, err)) ||
        (rc = project_active(&p, err)))
        return rc;
    if (r->signed_off)
        return ag_error_set(err, AG_EDENIED,
                            "the phase %s of project %s is signed off: its rows are not changed "
                            "any more",
                            r->phase, p.code);
    snprintf(what, sizeof(what), "%s row %lld of project %s", verb, row, p.code);
    return need_worker(st, actor, &p, what, err);
}

int lc_answer(struct store *st, long long actor, long long row, const char *answer,
              const char *note, struct ag_error *err)
{
    struct lc_row r;
    char now[21];
    int rc;
    if ((rc = isms_check_enum("answer", answer, lc_answers, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("--note", note, 20000, err)))
        return rc;
    if (strcmp(answer, "na") == 0 && (!note || !*note))
        return ag_error_set(err, AG_EINVAL,
                            "--note: an answer \"na\" (not applicable) needs the reason");
    if ((rc = row_for_work(st, actor, row, "answer", &r, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "recording the answer", err,
                   "UPDATE lc_rows SET answer = ?, note = ?, answered_by = ?, answered_at = ? "
                   "WHERE id = ?",
                   "ssisi", answer, note ? note : "", actor, now, row);
    return isms_tx_end(st, own, rc, err);
}

/* Stores an evidence file given as bytes or as a path (inside the caller's transaction). */
static int evidence_store(struct store *st, long long actor, const void *data, size_t len,
                          const char *name, long long *id, struct ag_error *err)
{
    char sha[65], *file = NULL;
    int rc;
    if (!data && (!name || !*name))
        return ag_error_set(err, AG_EINVAL, "--evidence: missing (a file)");
    if (!data) {
        if ((rc = ag_file_read(name, (size_t)64 << 20, &file, &len, err)))
            return rc;
        data = file;
    }
    rc = len == 0 ? ag_error_set(err, AG_EINVAL, "--evidence: the file is empty")
                  : isms_evidence_add_mem(st, data, len, name, actor, id, sha, err);
    free(file);
    return rc;
}

int lc_attach(struct store *st, long long actor, long long row, const void *data, size_t len,
              const char *name, struct ag_error *err)
{
    struct lc_row r;
    long long ev;
    int rc;
    if ((rc = row_for_work(st, actor, row, "attach evidence to", &r, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = evidence_store(st, actor, data, len, name, &ev, err);
    if (rc == AG_OK)
        rc = store_run(st, "attaching the evidence", err,
                       "INSERT OR IGNORE INTO lc_row_evidence(row_id, evidence_id) VALUES (?, ?)",
                       "ii", row, ev);
    return isms_tx_end(st, own, rc, err);
}

/* ---- design reviews and acceptance tests ---- */

static bool phase_signed(struct store *st, long long project, const char *phase, bool *exists)
{
    struct ag_error err;
    sqlite3_stmt *s;
    bool yes = false;
    *exists = false;
    if (store_prepare(st, &s,
                      "SELECT signed_at IS NOT NULL FROM lc_phases WHERE project_id = ? AND phase "
                      "= ?",
                      &err) != AG_OK)
        return false;
    sqlite3_bind_int64(s, 1, project);
    store_bind_text(s, 2, phase);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *exists = true;
        yes = sqlite3_column_int(s, 0) != 0;
    }
    sqlite3_finalize(s);
    return yes;
}

static int open_phase(struct store *st, const struct lc_project *p, const char *phase,
                      struct ag_error *err)
{
    bool exists;
    bool signed_off = phase_signed(st, p->id, phase, &exists);
    if (!exists)
        return ag_error_set(err, AG_EINVAL, "project %s has no phase %s", p->code, phase);
    if (signed_off)
        return ag_error_set(err, AG_EDENIED, "the phase %s of project %s is signed off already",
                            phase, p->code);
    return AG_OK;
}

int lc_review_add(struct store *st, long long actor, long long project,
                  const struct lc_review_new *r, long long *id, struct ag_error *err)
{
    static const char *const phases[] = {"planning", "build", NULL};
    static const char *const results[] = {"approved", "changes-required", NULL};
    struct lc_project p;
    char on[11], what[128];
    long long people[32];
    size_t n = 0;
    int rc;
    if ((rc = project_load(st, project, &p, err)) || (rc = project_active(&p, err)) ||
        (rc = isms_check_enum("--phase", r->phase, phases, err)) ||
        (rc = isms_check_date("--date", r->held_on, on, err)) ||
        (rc = isms_check_text("--scope", r->scope, 20000, err)) ||
        (rc = isms_check_text("--findings", r->findings, 20000, err)) ||
        (rc = isms_check_enum("--result", r->result, results, err)) ||
        (rc = open_phase(st, &p, r->phase, err)))
        return rc;
    for (size_t i = 0; r->reviewers && r->reviewers[i]; i++) {
        if (n == AG_ARRAY_LEN(people))
            return ag_error_set(err, AG_EINVAL, "--reviewers: more than %zu people",
                                AG_ARRAY_LEN(people));
        if ((rc = isms_person_id(st, r->reviewers[i], &people[n], err)))
            return ag_error_set(err, rc, "--reviewers: no person with the login \"%.64s\"",
                                r->reviewers[i]);
        n++;
    }
    if (n == 0)
        return ag_error_set(err, AG_EINVAL, "--reviewers: missing (the logins of the reviewers)");
    snprintf(what, sizeof(what), "record a design review of project %s", p.code);
    if ((rc = need_worker(st, actor, &p, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "recording the design review", err,
                   "INSERT INTO lc_reviews(project_id, phase, held_on, scope, findings, result, "
                   "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "isssssi", project, r->phase, on, r->scope, r->findings, r->result, actor);
    if (rc == AG_OK)
        *id = store_last_id(st);
    for (size_t i = 0; rc == AG_OK && i < n; i++)
        rc = store_run(st, "recording the reviewers", err,
                       "INSERT OR IGNORE INTO lc_review_people(review_id, person_id) VALUES (?, ?)",
                       "ii", *id, people[i]);
    return isms_tx_end(st, own, rc, err);
}

int lc_test_add(struct store *st, long long actor, long long project, const struct lc_test_new *t,
                long long *id, struct ag_error *err)
{
    static const char *const results[] = {"pass", "fail", NULL};
    struct lc_project p;
    char on[11], what[128];
    long long tester = actor;
    int rc;
    if ((rc = project_load(st, project, &p, err)) || (rc = project_active(&p, err)) ||
        (rc = isms_check_text("--title", t->title, 500, err)) ||
        (rc = isms_check_date("--date", t->tested_on, on, err)) ||
        (rc = isms_check_enum("--result", t->result, results, err)) ||
        (rc = open_phase(st, &p, "acceptance", err)))
        return rc;
    if (t->note && *t->note && (rc = isms_check_text("--note", t->note, 20000, err)))
        return rc;
    if (t->tester && *t->tester && (rc = isms_person_id(st, t->tester, &tester, err)))
        return ag_error_set(err, rc, "--tester: no person with the login \"%.64s\"", t->tester);
    if (!t->data && (!t->name || !*t->name))
        return ag_error_set(err, AG_EINVAL,
                            "--evidence: missing (an acceptance test is recorded with its "
                            "evidence file, 3.1.5.2(1)②)");
    snprintf(what, sizeof(what), "record an acceptance test of project %s", p.code);
    if ((rc = need_worker(st, actor, &p, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    long long ev = 0;
    rc = evidence_store(st, actor, t->data, t->len, t->name, &ev, err);
    if (rc == AG_OK)
        rc = store_run(
            st, "recording the acceptance test", err,
            "INSERT INTO lc_tests(project_id, title, tested_on, result, note, tester_id, "
            "evidence_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            "issssii", project, t->title, on, t->result, t->note ? t->note : "", tester, ev);
    if (rc == AG_OK)
        *id = store_last_id(st);
    return isms_tx_end(st, own, rc, err);
}

/* ---- sign-off ---- */

static long long count_of(struct store *st, const char *sql, long long a, const char *b,
                          long long c)
{
    struct ag_error err;
    sqlite3_stmt *s;
    long long n = 0;
    if (store_prepare(st, &s, sql, &err) != AG_OK)
        return -1;
    sqlite3_bind_int64(s, 1, a);
    store_bind_text(s, 2, b);
    sqlite3_bind_int64(s, 3, c);
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

int lc_signoff(struct store *st, long long actor, long long project, const char *phase,
               const char *note, struct ag_error *err)
{
    struct lc_project p;
    char current[16], what[160], now[21];
    int rc;
    if ((rc = project_load(st, project, &p, err)) || (rc = project_active(&p, err)) ||
        (rc = isms_check_enum("phase", phase, lc_phase_names, err)) ||
        (rc = open_phase(st, &p, phase, err)) || (rc = lc_current_phase(st, project, current, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("--note", note, 20000, err)))
        return rc;
    if (strcmp(current, phase) != 0)
        return ag_error_set(err, AG_EDENIED,
                            "project %s: the phase %s is signed off first (phases are signed off "
                            "in order)",
                            p.code, current);
    long long open = count_of(st,
                              "SELECT count(*) FROM lc_rows r JOIN lc_phases ph ON ph.id = "
                              "r.phase_id WHERE ph.project_id = ?1 AND ph.phase = ?2 AND r.answer "
                              "= 'open' AND ?3 = ?3",
                              project, phase, 0);
    if (open != 0)
        return ag_error_set(err, AG_EDENIED,
                            "project %s: the phase %s has %lld open row(s); every row is done or "
                            "not applicable before the sign-off",
                            p.code, phase, open);
    if (strcmp(phase, "planning") == 0 &&
        count_of(st,
                 "SELECT count(*) FROM lc_reviews WHERE project_id = ?1 AND phase = ?2 AND result "
                 "= 'approved' AND ?3 = ?3",
                 project, phase, 0) <= 0)
        return ag_error_set(err, AG_EDENIED,
                            "project %s: the planning phase needs an approved design review "
                            "(3.1.5.2(1)①) before the sign-off",
                            p.code);
    if (strcmp(phase, "acceptance") == 0) {
        long long tests = count_of(st,
                                   "SELECT count(*) FROM lc_tests WHERE project_id = ?1 AND ?2 = "
                                   "?2 AND ?3 = ?3",
                                   project, phase, 0);
        long long failing = count_of(st,
                                     "SELECT count(*) FROM lc_tests t WHERE t.project_id = ?1 AND "
                                     "?2 = ?2 AND ?3 = ?3 AND t.id = (SELECT max(u.id) FROM "
                                     "lc_tests u WHERE u.project_id = t.project_id AND u.title = "
                                     "t.title) AND t.result = 'fail'",
                                     project, phase, 0);
        if (tests <= 0)
            return ag_error_set(
                err, AG_EDENIED,
                "project %s: the acceptance phase needs an acceptance test with its "
                "evidence (3.1.5.2(1)②) before the sign-off",
                p.code);
        if (failing != 0)
            return ag_error_set(err, AG_EDENIED,
                                "project %s: %lld acceptance test(s) failed at their last run",
                                p.code, failing);
    }
    if (strcmp(phase, "disposal") == 0) {
        long long left = count_of(st,
                                  "SELECT count(*) FROM assets WHERE system_id = ?1 AND ?2 = ?2 "
                                  "AND ?3 = ?3 AND status = 'in_service'",
                                  p.system, phase, 0);
        if (left != 0)
            return ag_error_set(err, AG_EDENIED,
                                "project %s: %lld device(s) of the system are not disposed of "
                                "with proof of erasure yet (airguard worklog dispose)",
                                p.code, left);
    }
    snprintf(what, sizeof(what), "sign off the phase %s of project %s", phase, p.code);
    long long answered = count_of(st,
                                  "SELECT count(*) FROM lc_rows r JOIN lc_phases ph ON ph.id = "
                                  "r.phase_id WHERE ph.project_id = ?1 AND ph.phase = ?2 AND "
                                  "r.answered_by = ?3",
                                  project, phase, actor);
    if (answered != 0 && (rc = isms_duty_not_self(st, actor, actor, what, err)))
        return rc;
    if (!isms_has_role(st, actor, "ciso", 0) &&
        (rc = isms_duty_has_role(st, actor, "manager", p.dept, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "signing the phase off", err,
                   "UPDATE lc_phases SET signed_by = ?, signed_at = ?, signoff_note = ? WHERE "
                   "project_id = ? AND phase = ?",
                   "issis", actor, now, note ? note : "", project, phase);
    if (rc == AG_OK)
        rc = store_run(st, "completing the project", err,
                       "UPDATE lc_projects SET status = 'completed' WHERE id = ?1 AND NOT EXISTS "
                       "(SELECT 1 FROM lc_phases WHERE project_id = ?1 AND signed_at IS NULL)",
                       "i", project);
    if (rc == AG_OK) {
        char sid[24], detail[64];
        snprintf(sid, sizeof(sid), "%lld", project);
        snprintf(detail, sizeof(detail), "{\"phase\": \"%s\"}", phase);
        rc = store_audit(st, "signoff", "lc_projects", sid, detail, err);
    }
    return isms_tx_end(st, own, rc, err);
}
