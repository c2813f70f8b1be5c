/*
 * pages_registers.c — the registers (台帳, src/isms/registers.h, docs/web/registers.md): one
 * data-driven page set over the library's register descriptions (struct reg_kind): list with
 * search, show, add, edit and CSV download for every register, and the steps with rules where
 * they make sense on the web (checklist answers, contract approval and end, the cloud use
 * decision, policy approval and review, training invitations and attendance, the contact chain
 * check).
 *
 * Who may see and change what is decided per register from the guideline (table `scopes` below,
 * explained in docs/web/registers.md) and checked here for the record as it is and as it would
 * be after the change; approvals, decisions and reviews are also checked by the library
 * (separation of duties, 3.1.4.1(2)). Every write goes through reg_add / reg_update / the step
 * functions inside one BEGIN IMMEDIATE transaction (web_action) with the person's login as the
 * audit trail's actor; a state that someone else has just changed is 409.
 * SQL text is built only from the constant column and table names of the register
 * descriptions; every value is a bound parameter.
 */
#include "isms/registers.h"
#include "web/web_int.h"

#define REG_PER_PAGE 50
#define REG_LIST_COLS 6
#define ISMS_ROLES                                                                                 \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)

/* Who edits a register's records (docs/web/registers.md):
 *  DEPT_MANAGER  the CISO or the information security manager of the record's department
 *                (3.1.2.6(3)①: 情報セキュリティ責任者 keeps the personal-data ledger);
 *  DEPT_ADMIN    the CISO, the manager or system administrator of the record's department, or
 *                the record's owner (3.1.4.3: the manager sets the criteria, the system
 *                administrator selects and contracts; 3.1.4.1(3)(a): contact chains per system);
 *  TRAINING      the CISO, the owner (the planning manager), the manager of the audience
 *                department, or for organisation-wide courses a committee member (3.1.4.2);
 *  GOVERNANCE    the CISO, a committee member or the owner (3.1.2.2, 3.1.2.3(1): the CISO
 *                establishes the rules after the committee's deliberation; 3.1.3(1) roadmap). */
enum reg_rule { RULE_DEPT_MANAGER, RULE_DEPT_ADMIN, RULE_TRAINING, RULE_GOVERNANCE };

struct reg_scope {
    const char *name;       /* reg_kind name */
    const char *title;      /* message key */
    const char *ref;        /* guideline sections */
    const char *dept_col;   /* column with the department, or NULL */
    const char *system_col; /* column with the system (its department counts), or NULL */
    const char *owner_col;  /* column with the responsible person, or NULL */
    enum reg_rule rule;
    bool everyone_reads; /* staff need it (contacts, trainings, policies), else ISMS roles */
};

static const struct reg_scope scopes[] = {
    {"pdata", "registers: Personal data ledger", "3.1.2.6(3)", "department_id", "system_id",
     "manager_id", RULE_DEPT_MANAGER, false},
    {"contractor", "registers: Outsourcing contractors", "3.1.4.3(1)–(3)", "department_id",
     "system_id", "owner_id", RULE_DEPT_ADMIN, false},
    {"cloud", "registers: Cloud services", "3.1.4.3(4)", "department_id", "system_id", "owner_id",
     RULE_DEPT_ADMIN, false},
    {"training", "registers: Education and training", "3.1.4.2, 3.2.2.1(2)", "department_id", NULL,
     "owner_id", RULE_TRAINING, true},
    {"contact", "registers: Emergency contact network", "3.1.4.1(3)(a), 3.1.4.1(4)", NULL,
     "system_id", NULL, RULE_DEPT_ADMIN, true},
    {"policy", "registers: Policies, regulations and procedures", "3.1.2.2, 3.1.2.3(1)",
     "department_id", NULL, "owner_id", RULE_GOVERNANCE, true},
    {"milestone", "registers: Roadmap and plans", "3.1.3(1)", NULL, NULL, "owner_id",
     RULE_GOVERNANCE, false},
    /* business continuity (pages_bcp.c has the views): plans by the system's administrators,
     * the command structure and assembly places by the CISO and the committee (3.1.4.1(4),
     * 3.2.3.1(1)), exercises like trainings; every member of staff needs to know them */
    {"bcp-plan", "bcp: Continuity plans per system", "3.1.2.4, 3.2.3.1(3)", NULL, "system_id",
     "owner_id", RULE_DEPT_ADMIN, true},
    {"bcp-command", "bcp: Emergency command structure", "3.1.4.1(4)", NULL, NULL, NULL,
     RULE_GOVERNANCE, true},
    {"bcp-place", "bcp: Assembly places", "3.2.3.1(1)", NULL, NULL, NULL, RULE_GOVERNANCE, true},
    {"bcp-exercise", "bcp: BCP exercises", "3.1.2.4(1)", "department_id", NULL, "owner_id",
     RULE_TRAINING, true},
    /* secure areas (pages_areas.c): the information security manager of the department */
    {"area", "areas: Secure areas", "3.1.5.1(3)", "department_id", NULL, NULL, RULE_DEPT_MANAGER,
     false},
};

static const struct reg_scope *scope_of(const struct reg_kind *k)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(scopes); i++)
        if (strcmp(scopes[i].name, k->name) == 0)
            return &scopes[i];
    return NULL;
}

static bool may_read(struct web_req *req, const struct reg_scope *sc)
{
    return sc->everyone_reads || web_has_role(req, ISMS_ROLES);
}

/* The ids that decide who may edit a record. */
struct reg_owner {
    long long dept, system, owner;
};

static long long one_id(struct web_req *req, const char *sql, long long id)
{
    struct ag_error err;
    sqlite3_stmt *s;
    long long v = 0;
    if (id <= 0 || store_prepare(req->st, &s, sql, &err) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* adding: being named the owner is not enough (anyone could name themselves); the right comes
 * from the role for the department, the committee or the CISO. */
static bool may_edit(struct web_req *req, const struct reg_scope *sc, const struct reg_owner *o,
                     bool adding)
{
    long long me = req->user.person_id;
    struct store *st = req->st;
    if (isms_has_role(st, me, "ciso", 0))
        return true;
    long long dept = o->dept;
    bool owner = !adding && o->owner && o->owner == me;
    if (!dept && o->system)
        dept = one_id(req, "SELECT owner_department_id FROM systems WHERE id = ?1", o->system);
    switch (sc->rule) {
    case RULE_DEPT_MANAGER:
        return dept && isms_has_role(st, me, "manager", dept);
    case RULE_DEPT_ADMIN:
        return owner || (dept && (isms_has_role(st, me, "manager", dept) ||
                                  isms_has_role(st, me, "sysadmin", dept)));
    case RULE_TRAINING:
        return owner || (dept ? isms_has_role(st, me, "manager", dept)
                              : isms_has_role(st, me, "committee", 0));
    case RULE_GOVERNANCE:
        return owner || isms_has_role(st, me, "committee", 0);
    }
    return false;
}

/* The record's deciding ids as stored. */
static int owner_of_record(struct web_req *req, const struct reg_kind *k,
                           const struct reg_scope *sc, long long id, struct reg_owner *o)
{
    char sql[256];
    struct ag_error err;
    sqlite3_stmt *s;
    snprintf(sql, sizeof(sql), "SELECT %s, %s, %s FROM %s WHERE id = ?1",
             sc->dept_col ? sc->dept_col : "0", sc->system_col ? sc->system_col : "0",
             sc->owner_col ? sc->owner_col : "0", k->table);
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        o->dept = sqlite3_column_int64(s, 0);
        o->system = sqlite3_column_int64(s, 1);
        o->owner = sqlite3_column_int64(s, 2);
    }
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

/* ---- labels ---- */

static const char *field_name(const struct reg_field *f)
{
    return f->opt + 2; /* "--purpose-notice" → "purpose-notice" */
}

/* The message key of a field's label: its column without "_id", or an override. */
static const char *field_label(struct web_req *req, const struct reg_kind *k,
                               const struct reg_field *f)
{
    const char *col = f->column;
    if (strcmp(col, "subjects") == 0)
        return web_tr(req, "data_subjects");
    if (strcmp(col, "personal_data") == 0)
        return web_tr(req, "handles_personal_data");
    if (strcmp(k->name, "contact") == 0 && strcmp(col, "items") == 0)
        return web_tr(req, "report_items");
    const char *key = col;
    size_t n = strlen(col);
    if (n > 3 && strcmp(col + n - 3, "_id") == 0)
        key = arena_strndup(&req->arena, col, n - 3);
    const char *own = arena_printf(&req->arena, "registers: %s", key ? key : col);
    const char *t = own ? web_tr(req, own) : own;
    if (t && t != own)
        return t;
    return web_tr(req, key ? key : col);
}

/* ---- loading ---- */

/* The path's register; writes 404/403 and sets *done when it is unknown or not readable. */
static const struct reg_kind *kind_for_user(struct web_req *req, const struct reg_scope **sc,
                                            bool *done)
{
    *done = true;
    const struct reg_kind *k = reg_kind_find(web_param(req, "kind"));
    *sc = k ? scope_of(k) : NULL;
    if (!k || !*sc) {
        (void)web_error(req, 404, "registers: No such register");
        return NULL;
    }
    if (!may_read(req, *sc)) {
        (void)web_error(req, 403, "registers: Your roles do not allow this register");
        return NULL;
    }
    *done = false;
    return k;
}

/* The path's record id; 404 when malformed or missing. */
static bool record_id(struct web_req *req, const struct reg_kind *k, long long *id)
{
    char sql[128];
    if (!web_param_id(req, "id", id))
        return false;
    snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE id = ?1", k->table);
    return one_id(req, sql, *id) == *id;
}

static const char *reg_href(struct web_req *req, const struct reg_kind *k, long long id,
                            const char *suffix)
{
    const char *p = id ? arena_printf(&req->arena, "/registers/%s/%lld%s", k->name, id, suffix)
                       : arena_printf(&req->arena, "/registers/%s%s", k->name, suffix);
    return p ? p : "/registers";
}

/* The record's current values in form syntax (codes, logins, yes/no), k->nfields entries. */
static int current_values(struct web_req *req, const struct reg_kind *k, long long id,
                          const char **vals)
{
    struct strbuf sql;
    struct ag_error err;
    sqlite3_stmt *s;
    strbuf_init(&sql, 8192);
    strbuf_adds(&sql, "SELECT ");
    for (size_t i = 0; i < k->nfields; i++) {
        const struct reg_field *f = &k->fields[i];
        const char *c = f->column;
        if (i)
            strbuf_adds(&sql, ", ");
        switch (f->type) {
        case REG_PERSON:
            strbuf_addf(&sql, "(SELECT login FROM people WHERE id = x.%s)", c);
            break;
        case REG_DEPT:
            strbuf_addf(&sql, "(SELECT code FROM departments WHERE id = x.%s)", c);
            break;
        case REG_SYSTEM:
            strbuf_addf(&sql, "(SELECT code FROM systems WHERE id = x.%s)", c);
            break;
        case REG_CONTRACTOR:
            strbuf_addf(&sql, "(SELECT code FROM reg_contractors WHERE id = x.%s)", c);
            break;
        case REG_POLICY:
            strbuf_addf(&sql, "(SELECT code FROM reg_policies WHERE id = x.%s)", c);
            break;
        case REG_MILESTONE:
            strbuf_addf(&sql, "(SELECT code FROM reg_milestones WHERE id = x.%s)", c);
            break;
        case REG_REF:
            strbuf_addf(&sql, "(SELECT code FROM %s WHERE id = x.%s)", f->allowed[0], c);
            break;
        case REG_BOOL:
            strbuf_addf(&sql, "CASE x.%s WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END", c);
            break;
        default:
            strbuf_addf(&sql, "x.%s", c);
        }
    }
    strbuf_addf(&sql, " FROM %s x WHERE x.id = ?1", k->table);
    int rc = strbuf_ok(&sql) ? store_prepare(req->st, &s, strbuf_str(&sql), &err) : AG_ENOMEM;
    strbuf_release(&sql);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        for (size_t i = 0; i < k->nfields; i++) {
            vals[i] = arena_strdup(&req->arena, store_col_text(s, (int)i));
            if (!vals[i])
                rc = AG_ENOMEM;
        }
    sqlite3_finalize(s);
    if (rc)
        return rc;
    return step == SQLITE_ROW ? AG_OK : step == SQLITE_DONE ? AG_ENOTFOUND : AG_EIO;
}

/* ---- form widgets ---- */

/* A <select> whose options come from a table: code (sent) and name (shown). */
static int select_ref(struct web_req *req, const char *name, const char *label, const char *sql,
                      const char *cur, bool optional)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, label);
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    if (optional || !cur || !*cur)
        html_lit(h, "<option value=\"\">—</option>");
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *code = store_col_text(s, 0);
        html_lit(h, "<option");
        html_attr(h, "value", code);
        if (cur && strcmp(cur, code) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_textf(h, "%s %s", code, store_col_text(s, 1));
        html_lit(h, "</option>");
    }
    sqlite3_finalize(s);
    html_lit(h, "</select></div>");
    return AG_OK;
}

static void select_words(struct web_req *req, const char *name, const char *label,
                         const char *const *allowed, const char *cur, bool optional)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, label);
    html_lit(h, "</label><select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    if (optional || !cur || !*cur)
        html_lit(h, "<option value=\"\">—</option>");
    /* a stored value the form may not set (a policy's status "approved" is set by approval):
     * offered as it is, so sending the form back unchanged keeps it */
    bool listed = !cur || !*cur;
    for (size_t i = 0; allowed && allowed[i] && !listed; i++)
        listed = strcmp(cur, allowed[i]) == 0;
    if (!listed) {
        html_lit(h, "<option");
        html_attr(h, "value", cur);
        html_lit(h, " selected>");
        html_text(h, cur);
        html_lit(h, "</option>");
    }
    for (size_t i = 0; allowed && allowed[i]; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", allowed[i]);
        if (cur && strcmp(cur, allowed[i]) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, allowed[i]);
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
}

static void text_field(struct web_req *req, const char *name, const char *label, const char *type,
                       const char *value, bool required, bool readonly)
{
    struct html *h = &req->out;
    html_lit(h, "<div class=\"field\"><label");
    html_attr(h, "for", name);
    html_lit(h, ">");
    html_text(h, label);
    if (required)
        html_lit(h, " <span class=\"req\">*</span>");
    html_lit(h, "</label>");
    if (strcmp(type, "textarea") == 0) {
        html_lit(h, "<textarea rows=\"3\"");
        html_attr(h, "id", name);
        html_attr(h, "name", name);
        html_lit(h, ">");
        html_text(h, value ? value : "");
        html_lit(h, "</textarea></div>");
        return;
    }
    html_lit(h, "<input");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_attr(h, "type", type);
    if (value)
        html_attr(h, "value", value);
    if (readonly)
        html_lit(h, " readonly");
    html_lit(h, "></div>");
}

static int record_form(struct web_req *req, const struct reg_kind *k, const char *action,
                       const char *const *vals, bool edit)
{
    static const char people_sql[] = "SELECT login, CASE WHEN ?1 = 'en' AND name_en <> '' THEN "
                                     "name_en ELSE name END FROM people ORDER BY login";
    static const char dept_sql[] = "SELECT code, CASE WHEN ?1 = 'en' AND name_en <> '' THEN "
                                   "name_en ELSE name_ja END FROM departments ORDER BY code";
    static const char sys_sql[] = "SELECT code, CASE WHEN ?1 = 'en' AND name_en <> '' THEN "
                                  "name_en ELSE name_ja END FROM systems ORDER BY code";
    static const char ct_sql[] = "SELECT code, name FROM reg_contractors WHERE ?1 IS NOT NULL "
                                 "ORDER BY code";
    static const char po_sql[] = "SELECT code, title FROM reg_policies WHERE ?1 IS NOT NULL ORDER "
                                 "BY code";
    static const char ms_sql[] = "SELECT code, title FROM reg_milestones WHERE ?1 IS NOT NULL "
                                 "ORDER BY code";
    page_form_begin(req, action);
    for (size_t i = 0; i < k->nfields; i++) {
        const struct reg_field *f = &k->fields[i];
        const char *name = field_name(f);
        const char *label = field_label(req, k, f);
        const char *v = vals ? vals[i] : NULL;
        bool req_f = (f->flags & REG_REQUIRED) != 0;
        bool opt = !req_f;
        int rc = AG_OK;
        if (edit && (f->flags & REG_FIXED)) {
            text_field(req, name, label, "text", v, false, true);
            continue;
        }
        switch (f->type) {
        case REG_LONG:
            text_field(req, name, label, "textarea", v, req_f, false);
            break;
        case REG_DATE:
            text_field(req, name, label, "date", v, req_f, false);
            break;
        case REG_INT:
            text_field(req, name, label, "number", v, req_f, false);
            break;
        case REG_ENUM:
            select_words(req, name, label, f->allowed, v, opt);
            break;
        case REG_BOOL: {
            static const char *const yn[] = {"yes", "no", NULL};
            select_words(req, name, label, yn, v, opt);
            break;
        }
        case REG_PERSON:
            rc = select_ref(req, name, label, people_sql, v, opt);
            break;
        case REG_DEPT:
            rc = select_ref(req, name, label, dept_sql, v, opt);
            break;
        case REG_SYSTEM:
            rc = select_ref(req, name, label, sys_sql, v, opt);
            break;
        case REG_CONTRACTOR:
            rc = select_ref(req, name, label, ct_sql, v, opt);
            break;
        case REG_POLICY:
            rc = select_ref(req, name, label, po_sql, v, opt);
            break;
        case REG_MILESTONE:
            rc = select_ref(req, name, label, ms_sql, v, opt);
            break;
        case REG_REF: {
            /* table and column are constants of the register description */
            const char *ref_sql = arena_printf(
                &req->arena, "SELECT code, %s FROM %s WHERE ?1 IS NOT NULL ORDER BY code",
                f->allowed[1], f->allowed[0]);
            rc = ref_sql ? select_ref(req, name, label, ref_sql, v, opt) : AG_ENOMEM;
            break;
        }
        default: /* TEXT, CODE, ENUMLIST, ITEMS */
            text_field(req, name, label, "text", v, req_f, false);
            if (f->type == REG_ENUMLIST && f->allowed) {
                struct strbuf words;
                strbuf_init(&words, 1024);
                for (size_t j = 0; f->allowed[j]; j++)
                    strbuf_addf(&words, "%s%s", j ? ", " : "", f->allowed[j]);
                page_note(req, strbuf_str(&words));
                strbuf_release(&words);
            }
        }
        if (rc)
            return rc;
    }
    page_form_end(req, edit ? "Save" : "registers: Add the record");
    return AG_OK;
}

/* ---- GET /registers ---- */

static long long count_table(struct web_req *req, const char *table)
{
    char sql[128];
    struct ag_error err;
    sqlite3_stmt *s;
    long long n = 0;
    snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
    if (store_prepare(req->st, &s, sql, &err) != AG_OK)
        return 0;
    if (sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int page_registers(struct web_req *req)
{
    struct html *h = &req->out;
    page_begin(req, web_tr(req, "registers: Registers"));
    page_h1(req, web_tr(req, "registers: Registers"));
    page_note(req, web_tr(req, "The registers and records the guideline asks the operator to "
                               "keep. Each one lists the guideline sections it serves."));
    static const char *const heads[] = {"registers: Register", "registers: Guideline",
                                        "registers: Records"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0;
    for (size_t i = 0; reg_kinds[i]; i++) {
        const struct reg_kind *k = reg_kinds[i];
        const struct reg_scope *sc = scope_of(k);
        if (!sc || !may_read(req, sc))
            continue;
        html_lit(h, "<tr><td>");
        page_link(req, reg_href(req, k, 0, ""), web_tr(req, sc->title));
        html_lit(h, "</td><td>");
        html_text(h, sc->ref);
        html_lit(h, "</td><td>");
        html_textf(h, "%lld", count_table(req, k->table));
        html_lit(h, "</td></tr>");
        rows++;
    }
    page_table_end(req, rows, NULL);
    /* what is due across the registers the person may read */
    char today[11], horizon[11];
    ag_date_iso(ag_now(), today);
    ag_date_add(today, 30, horizon);
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, reg_due_sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, horizon, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, ag_lang_code(req->lang), -1, SQLITE_STATIC);
    html_lit(h, "<h2>");
    html_text(h, web_tr(req, "registers: Overdue or due within 30 days"));
    html_lit(h, "</h2>");
    static const char *const dheads[] = {"register", "ref", "title", "due", "state", "what"};
    page_table_begin(req, dheads, AG_ARRAY_LEN(dheads));
    rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const struct reg_kind *k = reg_kind_find(store_col_text(s, 0));
        const struct reg_scope *sc = k ? scope_of(k) : NULL;
        if (!sc || !may_read(req, sc))
            continue;
        const char *state = store_col_text(s, 4);
        html_lit(h, "<tr><td>");
        page_link(req, reg_href(req, k, 0, ""), web_tr(req, sc->title));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 2));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 3));
        if (strcmp(state, "overdue") == 0)
            html_lit(h, "</td><td class=\"bad\">");
        else
            html_lit(h, "</td><td>");
        html_text(h, web_tr(req, strcmp(state, "overdue") == 0 ? "registers: overdue"
                                                               : "registers: due soon"));
        html_lit(h, "</td><td>");
        html_text(h, store_col_text(s, 5));
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, "registers: Nothing is overdue or due soon.");
    page_end(req);
    return AG_OK;
}

/* ---- GET /registers/{kind} ---- */

/* Case-insensitive (ASCII) substring test; UTF-8 bytes compare as they are. */
static bool contains_ci(const char *hay, const char *needle, size_t nlen)
{
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < nlen && hay[i] &&
               (hay[i] == needle[i] ||
                ((unsigned char)hay[i] < 128 && (unsigned char)needle[i] < 128 &&
                 (hay[i] | 0x20) == (needle[i] | 0x20) && ((hay[i] | 0x20) >= 'a') &&
                 ((hay[i] | 0x20) <= 'z'))))
            i++;
        if (i == nlen)
            return true;
    }
    return false;
}

static int page_register_list(struct web_req *req)
{
    struct html *h = &req->out;
    const struct reg_scope *sc;
    bool done;
    const struct reg_kind *k = kind_for_user(req, &sc, &done);
    if (done)
        return AG_OK;
    const char *q = web_query(req, "q");
    const char *pg = web_query(req, "page");
    long long page = 1;
    struct ag_error err;
    if (q && strlen(q) > 200)
        return web_error(req, 400, "registers: The search text is too long");
    if (pg && *pg && isms_check_int("page", pg, 1, 100000, &page, &err) != AG_OK)
        return web_error(req, 400, "registers: Bad page number");
    size_t qlen = q ? strlen(q) : 0;
    char sql[4096];
    snprintf(sql, sizeof(sql), "%s%s", k->select_sql, k->order_sql);
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    page_begin(req, web_tr(req, sc->title));
    page_h1(req, web_tr(req, sc->title));
    page_note(req,
              arena_printf(&req->arena, "%s %s", web_tr(req, "registers: Guideline"), sc->ref));
    html_lit(h, "<p class=\"actions\">");
    /* adding needs a role that can keep records (may_edit decides for the record itself) */
    if (web_has_role(req, AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |
                              AUTH_ROLE_SYSADMIN)) {
        page_link(req, reg_href(req, k, 0, "/add"), web_tr(req, "registers: Add a record"));
        html_lit(h, " ");
    }
    page_link(req, reg_href(req, k, 0, "/csv"), web_tr(req, "registers: Download as CSV"));
    if (strcmp(k->name, "contact") == 0) {
        html_lit(h, " ");
        page_link(req, "/registers/contact/check", web_tr(req, "registers: Check the chains"));
    }
    html_lit(h, "</p><form method=\"get\" class=\"search\"");
    html_attr(h, "action", reg_href(req, k, 0, ""));
    html_lit(h, "><label for=\"q\">");
    html_text(h, web_tr(req, "Search"));
    html_lit(h, "</label><input type=\"search\" id=\"q\" name=\"q\"");
    if (q)
        html_attr(h, "value", q);
    html_lit(h, "><button type=\"submit\">");
    html_text(h, web_tr(req, "Search"));
    html_lit(h, "</button></form>");
    /* the first columns of the register's SELECT (id links to the record) */
    int ncol = sqlite3_column_count(s);
    int shown_cols[REG_LIST_COLS];
    int nshown = 0;
    for (int c = 1; c < ncol && nshown < REG_LIST_COLS; c++)
        shown_cols[nshown++] = c;
    html_lit(h, "<table><thead><tr><th scope=\"col\">#</th>");
    for (int i = 0; i < nshown; i++) {
        html_lit(h, "<th scope=\"col\">");
        html_text(h, web_tr(req, sqlite3_column_name(s, shown_cols[i])));
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
    long long seen = 0, shown = 0;
    bool more = false;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        if (qlen) {
            bool hit = false;
            for (int c = 0; c < ncol && !hit; c++)
                hit = contains_ci(store_col_text(s, c), q, qlen);
            if (!hit)
                continue;
        }
        if (seen++ < (page - 1) * REG_PER_PAGE)
            continue;
        if (shown == REG_PER_PAGE) {
            more = true;
            break;
        }
        long long id = sqlite3_column_int64(s, 0);
        html_lit(h, "<tr><td>");
        page_link(req, reg_href(req, k, id, ""), arena_printf(&req->arena, "%lld", id));
        html_lit(h, "</td>");
        for (int i = 0; i < nshown; i++) {
            const char *v = store_col_text(s, shown_cols[i]);
            html_lit(h, "<td>");
            if (strlen(v) > 160) {
                html_textn(h, v, 150);
                html_text(h, "…");
            } else {
                html_text(h, v);
            }
            html_lit(h, "</td>");
        }
        html_lit(h, "</tr>");
        shown++;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE && step != SQLITE_ROW)
        return AG_EIO;
    page_table_end(req, (size_t)shown,
                   qlen ? "registers: No record matches the search."
                        : "registers: No records yet.");
    if (page > 1 || more) {
        struct strbuf base;
        strbuf_init(&base, 1024);
        strbuf_addf(&base, "/registers/%s?", k->name);
        if (qlen) {
            strbuf_adds(&base, "q=");
            html_url_component(&base, q);
            strbuf_adds(&base, "&");
        }
        html_lit(h, "<p class=\"pager\">");
        if (page > 1)
            page_link(req, arena_printf(&req->arena, "%spage=%lld", strbuf_str(&base), page - 1),
                      web_tr(req, "registers: Previous page"));
        if (more) {
            html_lit(h, " ");
            page_link(req, arena_printf(&req->arena, "%spage=%lld", strbuf_str(&base), page + 1),
                      web_tr(req, "registers: Next page"));
        }
        html_lit(h, "</p>");
        strbuf_release(&base);
    }
    page_end(req);
    return AG_OK;
}

/* ---- GET /registers/{kind}/csv ---- */

static int csv_run(struct web_req *req, void *ctx, struct ag_error *err)
{
    const struct reg_kind *k = ctx;
    return reg_export_csv(req->st, k, &req->out.sb, err);
}

static int page_register_csv(struct web_req *req)
{
    const struct reg_scope *sc;
    bool done;
    const struct reg_kind *k = kind_for_user(req, &sc, &done);
    if (done)
        return AG_OK;
    struct ag_error err;
    char today[11];
    ag_date_iso(ag_now(), today);
    /* the file name is made of the register's fixed name and the date: no user text */
    const char *disp =
        arena_printf(&req->arena, "attachment; filename=\"airguard-%s-%s.csv\"", k->name, today);
    strbuf_reset(&req->out.sb);
    int rc = web_action(req, csv_run, (void *)k, &err);
    if (rc) {
        strbuf_reset(&req->out.sb);
        return rc;
    }
    req->content_type = "text/csv; charset=utf-8";
    if (!disp || web_header(req, "Content-Disposition", disp) != AG_OK) {
        strbuf_reset(&req->out.sb);
        return AG_EIO;
    }
    return AG_OK;
}

/* ---- GET /registers/{kind}/{id} ---- */

struct show_ctx {
    const struct reg_kind *k;
    const struct reg_scope *sc;
    long long id;
    bool editor;
};

static const char *answer_label(struct web_req *req, const char *answer)
{
    if (strcmp(answer, "met") == 0)
        return web_tr(req, "registers: met");
    if (strcmp(answer, "not_met") == 0)
        return web_tr(req, "registers: not met");
    if (strcmp(answer, "na") == 0)
        return web_tr(req, "registers: not applicable (reason in the note)");
    return answer;
}

static int checklist_section(struct web_req *req, const struct show_ctx *c)
{
    struct html *h = &req->out;
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, reg_checklist_sql(c->k->name, req->lang), &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, c->id);
    html_lit(h, "<h2 id=\"checklist\">");
    html_text(h, web_tr(req, "registers: Checklist (3.1.4.3)"));
    html_lit(h, "</h2>");
    static const char *const heads[] = {"Ref", "item_text", "answer"};
    page_table_begin(req, heads, AG_ARRAY_LEN(heads));
    size_t rows = 0, no = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *key = store_col_text(s, 0);
        const char *ans = store_col_text(s, 4);
        html_lit(h, "<tr");
        html_attr(h, "id", arena_printf(&req->arena, "check-%s", key));
        html_lit(h, "><td>");
        html_text(h, store_col_text(s, 1));
        html_lit(h, "<br><span class=\"small\">");
        html_text(h, key);
        html_lit(h, "</span></td><td>");
        html_text(h, store_col_text(s, 3));
        html_lit(h, "</td><td>");
        if (c->editor && strcmp(ans, "-") != 0) {
            no++;
            const char *sid = arena_printf(&req->arena, "ans%zu", no);
            const char *nid = arena_printf(&req->arena, "note%zu", no);
            html_lit(h, "<form method=\"post\" class=\"check\"");
            html_attr(h, "action", reg_href(req, c->k, c->id, "/check"));
            html_lit(h, ">");
            page_csrf_field(req);
            html_lit(h, "<input type=\"hidden\" name=\"key\"");
            html_attr(h, "value", key);
            html_lit(h, "><label class=\"sr\"");
            html_attr(h, "for", sid);
            html_lit(h, ">");
            html_text(h, web_tr(req, "answer"));
            html_lit(h, "</label><select name=\"answer\"");
            html_attr(h, "id", sid);
            html_lit(h, ">");
            if (!*ans)
                html_lit(h, "<option value=\"\" selected>—</option>");
            for (size_t i = 0; reg_answers[i]; i++) {
                html_lit(h, "<option");
                html_attr(h, "value", reg_answers[i]);
                if (strcmp(ans, reg_answers[i]) == 0)
                    html_lit(h, " selected");
                html_lit(h, ">");
                html_text(h, answer_label(req, reg_answers[i]));
                html_lit(h, "</option>");
            }
            html_lit(h, "</select><label class=\"sr\"");
            html_attr(h, "for", nid);
            html_lit(h, ">");
            html_text(h, web_tr(req, "note"));
            html_lit(h, "</label><input type=\"text\" name=\"note\"");
            html_attr(h, "id", nid);
            html_attr(h, "value", store_col_text(s, 5));
            html_lit(h, "><button type=\"submit\">");
            html_text(h, web_tr(req, "Save"));
            html_lit(h, "</button></form>");
        } else {
            html_text(h, *ans ? answer_label(req, ans) : "—");
            if (*store_col_text(s, 5)) {
                html_lit(h, "<br><span class=\"small\">");
                html_text(h, store_col_text(s, 5));
                html_lit(h, "</span>");
            }
        }
        html_lit(h, "</td></tr>");
        rows++;
    }
    sqlite3_finalize(s);
    page_table_end(req, rows, NULL);
    return AG_OK;
}

static void step_form(struct web_req *req, const struct show_ctx *c, const char *suffix,
                      const char *button)
{
    page_form_begin(req, reg_href(req, c->k, c->id, suffix));
    page_form_end(req, button);
}

static int steps_section(struct web_req *req, const struct show_ctx *c, const char *status)
{
    struct html *h = &req->out;
    const char *name = c->k->name;
    if (strcmp(name, "contractor") == 0) {
        if (strcmp(status, "planned") == 0)
            step_form(req, c, "/approve", "registers: Approve the contract");
        if (strcmp(status, "active") == 0 && c->editor)
            step_form(req, c, "/end", "registers: End the contract");
    } else if (strcmp(name, "cloud") == 0 && strcmp(status, "pending") == 0) {
        page_form_begin(req, reg_href(req, c->k, c->id, "/decide"));
        static const char *const vals[] = {"approved", "rejected"};
        static const char *const labels[] = {"registers: Approve the use",
                                             "registers: Reject the use"};
        page_select(req, "decision", "decision", vals, labels, 2, "approved");
        page_textarea(req, "note", "note", NULL, false);
        page_form_end(req, "registers: Record the decision");
    } else if (strcmp(name, "policy") == 0) {
        if (strcmp(status, "draft") == 0)
            step_form(req, c, "/approve", "registers: Approve the document");
        if (strcmp(status, "approved") == 0) {
            page_form_begin(req, reg_href(req, c->k, c->id, "/review"));
            static const char *const ovals[] = {"periodic", "change"};
            static const char *const olabels[] = {"registers: Periodic review",
                                                  "registers: Review after a change"};
            static const char *const rvals[] = {"confirmed", "revise"};
            static const char *const rlabels[] = {"registers: Confirmed as it is",
                                                  "registers: To be revised"};
            page_select(req, "occasion", "registers: Occasion", ovals, olabels, 2, "periodic");
            page_select(req, "outcome", "registers: Outcome", rvals, rlabels, 2, "confirmed");
            page_textarea(req, "note", "note", NULL, false);
            page_form_end(req, "registers: Record the review");
        }
        struct ag_error err;
        sqlite3_stmt *s;
        int rc = store_prepare(req->st, &s,
                               "SELECT r.reviewed_on, p.login, r.occasion, r.outcome, r.note FROM "
                               "reg_policy_reviews r JOIN people p ON p.id = r.reviewed_by WHERE "
                               "r.policy_id = ?1 ORDER BY r.reviewed_on DESC, r.id DESC",
                               &err);
        if (rc)
            return rc;
        sqlite3_bind_int64(s, 1, c->id);
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "registers: Reviews"));
        html_lit(h, "</h2>");
        static const char *const heads[] = {"registers: Reviewed on", "registers: Reviewer",
                                            "registers: Occasion", "registers: Outcome", "note"};
        page_table_begin(req, heads, AG_ARRAY_LEN(heads));
        size_t rows = 0;
        while (sqlite3_step(s) == SQLITE_ROW) {
            html_lit(h, "<tr>");
            for (int i = 0; i < 5; i++) {
                html_lit(h, "<td>");
                html_text(h, store_col_text(s, i));
                html_lit(h, "</td>");
            }
            html_lit(h, "</tr>");
            rows++;
        }
        sqlite3_finalize(s);
        page_table_end(req, rows, "registers: No reviews yet.");
    } else if (strcmp(name, "training") == 0) {
        struct ag_error err;
        sqlite3_stmt *s;
        int rc = store_prepare(req->st, &s,
                               "SELECT p.login, CASE WHEN ?2 = 'en' AND p.name_en <> '' THEN "
                               "p.name_en ELSE p.name END, t.attended FROM "
                               "reg_training_attendees t JOIN people p ON p.id = t.person_id "
                               "WHERE t.training_id = ?1 ORDER BY p.login",
                               &err);
        if (rc)
            return rc;
        sqlite3_bind_int64(s, 1, c->id);
        sqlite3_bind_text(s, 2, ag_lang_code(req->lang), -1, SQLITE_STATIC);
        html_lit(h, "<h2>");
        html_text(h, web_tr(req, "attendees"));
        html_lit(h, "</h2><ul id=\"attendees\">");
        while (sqlite3_step(s) == SQLITE_ROW) {
            html_lit(h, "<li>");
            html_textf(h, "%s (%s) ", store_col_text(s, 1), store_col_text(s, 0));
            html_text(h, web_tr(req, sqlite3_column_int(s, 2) ? "registers: attended"
                                                              : "registers: invited"));
            html_lit(h, "</li>");
        }
        sqlite3_finalize(s);
        html_lit(h, "</ul>");
        if (c->editor) {
            page_form_begin(req, reg_href(req, c->k, c->id, "/people"));
            static const char *const vals[] = {"invite", "attend"};
            static const char *const labels[] = {"registers: Invite", "registers: Attended"};
            page_select(req, "mode", "registers: Record", vals, labels, 2, "attend");
            page_input(req, "people", "registers: People (logins, separated by commas)", "text",
                       NULL, true);
            page_form_end(req, "Save");
        }
    }
    return AG_OK;
}

static int show_page(struct web_req *req, const struct show_ctx *c, const char *alert_msg)
{
    struct html *h = &req->out;
    struct ag_error err;
    char sql[4096];
    snprintf(sql, sizeof(sql), "%s WHERE x.id = ?1", c->k->select_sql);
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, c->id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return web_error(req, 404, "registers: No such record");
    }
    const char *name = c->k->code_column ? store_col_text(s, 1) : "";
    const char *title = arena_printf(&req->arena, "%s %s%s%lld", web_tr(req, c->sc->title), name,
                                     *name ? " #" : "#", c->id);
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    page_link(req, reg_href(req, c->k, 0, ""), web_tr(req, c->sc->title));
    if (alert_msg)
        page_alert(req, alert_msg);
    const char *ok = web_query(req, "ok");
    if (ok) {
        static const char *const oks[] = {"add", "edit",   "check",  "approve",
                                          "end", "decide", "review", "people"};
        for (size_t i = 0; i < AG_ARRAY_LEN(oks); i++)
            if (strcmp(ok, oks[i]) == 0)
                page_ok(req, web_tr(req, "registers: Saved."));
    }
    page_dl_begin(req);
    int ncol = sqlite3_column_count(s);
    char status[32] = "";
    for (int i = 1; i < ncol; i++) {
        const char *col = sqlite3_column_name(s, i);
        if (strcmp(col, "status") == 0 || strcmp(col, "decision") == 0)
            snprintf(status, sizeof(status), "%s", store_col_text(s, i));
        html_lit(h, "<dt>");
        html_text(h, web_tr(req, col));
        html_lit(h, "</dt><dd");
        html_attr(h, "id", arena_printf(&req->arena, "f-%s", col));
        html_lit(h, ">");
        html_text(h, store_col_text(s, i));
        html_lit(h, "</dd>");
    }
    sqlite3_finalize(s);
    page_dl_end(req);
    if (c->editor) {
        html_lit(h, "<p>");
        page_link(req, reg_href(req, c->k, c->id, "/edit"), web_tr(req, "registers: Edit"));
        html_lit(h, "</p>");
    }
    if (strcmp(c->k->name, "contractor") == 0 || strcmp(c->k->name, "cloud") == 0)
        if ((rc = checklist_section(req, c)))
            return rc;
    if ((rc = steps_section(req, c, status)))
        return rc;
    page_end(req);
    return AG_OK;
}

/* Loads kind, record and the edit right for the record pages; writes the error page and sets
 * *done when refused. */
static int show_for_user(struct web_req *req, struct show_ctx *c, bool *done)
{
    c->k = kind_for_user(req, &c->sc, done);
    if (*done)
        return AG_OK;
    *done = true;
    if (!record_id(req, c->k, &c->id))
        return web_error(req, 404, "registers: No such record");
    struct reg_owner o = {0, 0, 0};
    int rc = owner_of_record(req, c->k, c->sc, c->id, &o);
    if (rc)
        return rc;
    c->editor = may_edit(req, c->sc, &o, false);
    *done = false;
    return AG_OK;
}

static int page_register_show(struct web_req *req)
{
    struct show_ctx c;
    bool done;
    int rc = show_for_user(req, &c, &done);
    if (rc || done)
        return rc;
    return show_page(req, &c, NULL);
}

/* ---- add and edit ---- */

/* The posted value of each field, line ends normalised: browsers send a textarea's lines with
 * CR LF, the store keeps LF (and the library refuses CR as a control character). */
static int form_values(struct web_req *req, const struct reg_kind *k, const char **vals)
{
    for (size_t i = 0; i < k->nfields; i++) {
        const char *v = web_form_get(&req->form, field_name(&k->fields[i]));
        vals[i] = v;
        if (!v || !strchr(v, '\r'))
            continue;
        char *out = arena_strdup(&req->arena, v);
        if (!out)
            return AG_ENOMEM;
        size_t n = 0;
        for (const char *p = v; *p; p++) {
            if (*p == '\r') {
                out[n++] = '\n';
                if (p[1] == '\n')
                    p++;
            } else {
                out[n++] = *p;
            }
        }
        out[n] = '\0';
        vals[i] = out;
    }
    return AG_OK;
}

static int edit_page(struct web_req *req, const struct reg_kind *k, const struct reg_scope *sc,
                     long long id, const char *const *vals, const char *alert_msg)
{
    const char *title = id ? arena_printf(&req->arena, "%s #%lld — %s", web_tr(req, sc->title), id,
                                          web_tr(req, "registers: Edit"))
                           : arena_printf(&req->arena, "%s — %s", web_tr(req, sc->title),
                                          web_tr(req, "registers: Add a record"));
    page_begin(req, title ? title : "");
    page_h1(req, title ? title : "");
    page_link(req, id ? reg_href(req, k, id, "") : reg_href(req, k, 0, ""),
              web_tr(req, "registers: Back"));
    if (alert_msg)
        page_alert(req, alert_msg);
    int rc = record_form(req, k, id ? reg_href(req, k, id, "/edit") : reg_href(req, k, 0, "/add"),
                         vals, id != 0);
    if (rc)
        return rc;
    page_end(req);
    return AG_OK;
}

static int page_register_add(struct web_req *req)
{
    const struct reg_scope *sc;
    bool done;
    const struct reg_kind *k = kind_for_user(req, &sc, &done);
    if (done)
        return AG_OK;
    return edit_page(req, k, sc, 0, NULL, NULL);
}

static int page_register_edit(struct web_req *req)
{
    struct show_ctx c;
    bool done;
    int rc = show_for_user(req, &c, &done);
    if (rc || done)
        return rc;
    if (!c.editor)
        return web_error(req, 403, "registers: You may not change this record");
    const char **vals = arena_alloc(&req->arena, sizeof(*vals) * c.k->nfields);
    if (!vals)
        return AG_ENOMEM;
    if ((rc = current_values(req, c.k, c.id, vals)))
        return rc;
    return edit_page(req, c.k, c.sc, c.id, vals, NULL);
}

struct write_ctx {
    const struct reg_kind *k;
    const struct reg_scope *sc;
    long long id;
    const char **values;
};

static int write_run(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct write_ctx *c = vctx;
    struct reg_owner o = {0, 0, 0};
    bool adding = c->id == 0;
    int rc;
    /* again inside the transaction: the record as it is now */
    if (!adding) {
        if ((rc = owner_of_record(req, c->k, c->sc, c->id, &o)))
            return ag_error_set(err, rc, "registers: No such record");
        if (!may_edit(req, c->sc, &o, false))
            return ag_error_set(err, AG_EDENIED, "registers: You may not change this record");
    }
    if ((strcmp(c->k->name, "contractor") == 0 || strcmp(c->k->name, "cloud") == 0) &&
        (rc = reg_checklist_seed(req->st, req->cat, err)))
        return rc;
    rc = adding ? reg_add(req->st, req->cat, c->k, (const char *const *)c->values, &c->id, err)
                : reg_update(req->st, req->cat, c->k, c->id, (const char *const *)c->values, err);
    if (rc)
        return rc;
    /* and as it is after the change (department, system, owner resolved by the library): the
     * person must be allowed to keep that record too, else the transaction is rolled back */
    if ((rc = owner_of_record(req, c->k, c->sc, c->id, &o)))
        return ag_error_set(err, rc, "registers: No such record");
    if (!may_edit(req, c->sc, &o, adding))
        return ag_error_set(err, AG_EDENIED,
                            "registers: You may not keep a record for this department, system "
                            "or owner");
    return AG_OK;
}

static int write_post(struct web_req *req, bool edit)
{
    struct show_ctx sh = {0};
    bool done;
    int rc;
    if (edit) {
        if ((rc = show_for_user(req, &sh, &done)) || done)
            return rc;
        if (!sh.editor)
            return web_error(req, 403, "registers: You may not change this record");
    } else {
        sh.k = kind_for_user(req, &sh.sc, &done);
        if (done)
            return AG_OK;
    }
    const struct reg_kind *k = sh.k;
    const char **posted = arena_alloc(&req->arena, sizeof(*posted) * k->nfields);
    const char **values = arena_alloc(&req->arena, sizeof(*values) * k->nfields);
    const char **cur = arena_alloc(&req->arena, sizeof(*cur) * k->nfields);
    if (!posted || !values || !cur)
        return AG_ENOMEM;
    if ((rc = form_values(req, k, posted)))
        return rc;
    if (edit && (rc = current_values(req, k, sh.id, cur)))
        return rc;
    for (size_t i = 0; i < k->nfields; i++) {
        const struct reg_field *f = &k->fields[i];
        values[i] = NULL;
        if (!posted[i])
            continue;
        if (edit) {
            /* only what changed: an unchanged field is not "given" (a given field of an
             * approved policy returns it to draft) */
            if ((f->flags & REG_FIXED) || strcmp(posted[i], cur[i]) == 0)
                continue;
            values[i] = posted[i];
        } else if (*posted[i]) {
            values[i] = posted[i];
        }
    }
    struct write_ctx c = {k, sh.sc, edit ? sh.id : 0, values};
    struct ag_error err;
    rc = web_action(req, write_run, &c, &err);
    if (rc == AG_OK)
        return web_redirect(req, reg_href(req, k, c.id, edit ? "?ok=edit" : "?ok=add"));
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    const char *msg = arena_strdup(&req->arena, err.msg);
    strbuf_reset(&req->out.sb);
    req->status = status;
    /* the form again with what was typed, so nothing is lost */
    for (size_t i = 0; i < k->nfields; i++)
        if (!posted[i])
            posted[i] = edit ? cur[i] : NULL;
    return edit_page(req, k, sh.sc, edit ? sh.id : 0, posted, msg ? msg : err.msg);
}

static int page_register_add_post(struct web_req *req)
{
    return write_post(req, false);
}

static int page_register_edit_post(struct web_req *req)
{
    return write_post(req, true);
}

/* ---- steps ---- */

enum reg_step { RS_CHECK, RS_APPROVE, RS_END, RS_DECIDE, RS_REVIEW, RS_PEOPLE };
static const char *const rs_names[] = {"check", "approve", "end", "decide", "review", "people"};

struct step_ctx {
    struct show_ctx sh;
    enum reg_step step;
};

static const char *ffield(struct web_req *req, const char *name)
{
    const char *v = web_form_get(&req->form, name);
    return v ? v : "";
}

static int state_of(struct web_req *req, const char *sql, long long id, char *out, size_t cap)
{
    struct ag_error err;
    sqlite3_stmt *s;
    int rc = store_prepare(req->st, &s, sql, &err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    out[0] = '\0';
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(out, cap, "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    return AG_OK;
}

static int step_run(struct web_req *req, void *vctx, struct ag_error *err)
{
    struct step_ctx *c = vctx;
    const char *kind = c->sh.k->name;
    long long id = c->sh.id, me = req->user.person_id;
    char st[32];
    int rc;
    /* the checklist template comes from the catalog; filled once (audited inserts) */
    if ((strcmp(kind, "contractor") == 0 || strcmp(kind, "cloud") == 0) &&
        (rc = reg_checklist_seed(req->st, req->cat, err)))
        return rc;
    switch (c->step) {
    case RS_CHECK:
        return reg_check_answer(req->st, kind, id, ffield(req, "key"), ffield(req, "answer"),
                                ffield(req, "note"), me, err);
    case RS_APPROVE:
        if (strcmp(kind, "contractor") == 0) {
            if (state_of(req, "SELECT status FROM reg_contractors WHERE id = ?1", id, st,
                         sizeof(st)) == AG_OK &&
                strcmp(st, "planned") != 0)
                return ag_error_set(err, AG_ECONFLICT, "registers: This was done already (%s)", st);
            return reg_contractor_approve(req->st, id, me, err);
        }
        if (state_of(req, "SELECT status FROM reg_policies WHERE id = ?1", id, st, sizeof(st)) ==
                AG_OK &&
            strcmp(st, "draft") != 0)
            return ag_error_set(err, AG_ECONFLICT, "registers: This was done already (%s)", st);
        return reg_policy_approve(req->st, id, me, err);
    case RS_END:
        if (state_of(req, "SELECT status FROM reg_contractors WHERE id = ?1", id, st, sizeof(st)) ==
                AG_OK &&
            strcmp(st, "ended") == 0)
            return ag_error_set(err, AG_ECONFLICT, "registers: This was done already (%s)", st);
        return reg_contractor_end(req->st, id, me, err);
    case RS_DECIDE:
        if (state_of(req, "SELECT decision FROM reg_cloud_services WHERE id = ?1", id, st,
                     sizeof(st)) == AG_OK &&
            strcmp(st, "pending") != 0)
            return ag_error_set(err, AG_ECONFLICT, "registers: This was done already (%s)", st);
        return reg_cloud_decide(req->st, id, ffield(req, "decision"), ffield(req, "note"), me, err);
    case RS_REVIEW:
        return reg_policy_review(req->st, id, ffield(req, "occasion"), ffield(req, "outcome"),
                                 ffield(req, "note"), me, err);
    case RS_PEOPLE: {
        const char *mode = ffield(req, "mode");
        if (strcmp(mode, "invite") != 0 && strcmp(mode, "attend") != 0)
            return ag_error_set(err, AG_EINVAL, "mode: \"%.40s\" is not one of: invite, attend",
                                mode);
        char *buf = arena_strdup(&req->arena, ffield(req, "people"));
        const char **list = arena_alloc(&req->arena, sizeof(*list) * 257);
        if (!buf || !list)
            return ag_error_set(err, AG_ENOMEM, "out of memory");
        size_t n = 0;
        for (char *p = buf; *p && n < 256;) {
            p += strspn(p, ", \t\r\n");
            if (!*p)
                break;
            size_t len = strcspn(p, ", \t\r\n");
            list[n++] = p;
            p += len;
            if (*p)
                *p++ = '\0';
        }
        list[n] = NULL;
        rc = reg_training_people(req->st, id, list, strcmp(mode, "attend") == 0, err);
        /* an unknown login typed into the form is bad input, not a missing page */
        return rc == AG_ENOTFOUND ? (err->code = AG_EINVAL) : rc;
    }
    }
    return ag_error_set(err, AG_EINVAL, "unknown step");
}

static int reg_step_post(struct web_req *req, enum reg_step step)
{
    struct step_ctx c;
    bool done;
    int rc = show_for_user(req, &c.sh, &done);
    if (rc || done)
        return rc;
    c.step = step;
    const char *kind = c.sh.k->name;
    bool fits = false;
    switch (step) {
    case RS_CHECK:
        fits = strcmp(kind, "contractor") == 0 || strcmp(kind, "cloud") == 0;
        break;
    case RS_APPROVE:
        fits = strcmp(kind, "contractor") == 0 || strcmp(kind, "policy") == 0;
        break;
    case RS_END:
        fits = strcmp(kind, "contractor") == 0;
        break;
    case RS_DECIDE:
        fits = strcmp(kind, "cloud") == 0;
        break;
    case RS_REVIEW:
        fits = strcmp(kind, "policy") == 0;
        break;
    case RS_PEOPLE:
        fits = strcmp(kind, "training") == 0;
        break;
    }
    if (!fits)
        return web_error(req, 404, "registers: This register has no such step");
    /* steps without a rule of their own in the library are for the record's editors;
     * approvals, decisions and reviews are the library's (separation of duties) */
    if ((step == RS_CHECK || step == RS_END || step == RS_PEOPLE) && !c.sh.editor) {
        req->status = 403;
        return show_page(req, &c.sh, web_tr(req, "registers: You may not change this record"));
    }
    struct ag_error err;
    rc = web_action(req, step_run, &c, &err);
    if (rc == AG_OK) {
        const char *suffix = arena_printf(&req->arena, "?ok=%s%s", rs_names[step],
                                          step == RS_CHECK ? "#checklist" : "");
        return web_redirect(req, reg_href(req, c.sh.k, c.sh.id, suffix ? suffix : ""));
    }
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED) {
        /* the refusal itself is security-relevant (3.1.4.1(2)); recorded after the rollback */
        struct ag_error ignore;
        char idbuf[24], detail[64];
        snprintf(idbuf, sizeof(idbuf), "%lld", c.sh.id);
        snprintf(detail, sizeof(detail), "{\"web\": \"%s\"}", rs_names[step]);
        store_set_actor(req->st, req->user.login);
        if (store_audit(req->st, "refused", c.sh.k->table, idbuf, detail, &ignore) != AG_OK) {
            /* the refusal stands even if it cannot be recorded */
        }
        store_set_actor(req->st, "web");
    }
    const char *msg = arena_strdup(&req->arena, err.msg);
    strbuf_reset(&req->out.sb);
    req->status = status;
    return show_page(req, &c.sh, msg ? msg : err.msg);
}

static int page_reg_check(struct web_req *req)
{
    return reg_step_post(req, RS_CHECK);
}
static int page_reg_approve(struct web_req *req)
{
    return reg_step_post(req, RS_APPROVE);
}
static int page_reg_end(struct web_req *req)
{
    return reg_step_post(req, RS_END);
}
static int page_reg_decide(struct web_req *req)
{
    return reg_step_post(req, RS_DECIDE);
}
static int page_reg_review(struct web_req *req)
{
    return reg_step_post(req, RS_REVIEW);
}
static int page_reg_people(struct web_req *req)
{
    return reg_step_post(req, RS_PEOPLE);
}

/* ---- GET /registers/contact/check ---- */

static int page_contact_check(struct web_req *req)
{
    struct html *h = &req->out;
    struct strbuf report;
    struct ag_error err;
    int problems = 0;
    strbuf_init(&report, 1024 * 1024);
    ag_error_set_lang(req->lang);
    int rc = reg_contact_check(req->st, &report, &problems, &err);
    if (rc) {
        strbuf_release(&report);
        return rc;
    }
    page_begin(req, web_tr(req, "registers: Check the chains"));
    page_h1(req, web_tr(req, "registers: Check the chains"));
    page_note(req, web_tr(req, "registers: Every critical system needs a chain whose first call "
                               "is an internal person, which includes the ministry and whose "
                               "every entry has a phone or e-mail (3.1.4.1(3)(a), 3.1.2.4(2))."));
    page_link(req, "/registers/contact", web_tr(req, "registers: Emergency contact network"));
    if (problems) {
        html_lit(h, "<ul id=\"contact-problems\" class=\"bad\">");
        const char *p = strbuf_str(&report);
        while (*p) {
            size_t n = strcspn(p, "\n");
            html_lit(h, "<li>");
            html_textn(h, p, n);
            html_lit(h, "</li>");
            p += n + (p[n] == '\n');
        }
        html_lit(h, "</ul>");
    } else {
        html_lit(h, "<p id=\"contact-problems\" class=\"ok\">");
        html_text(h, web_tr(req, "emergency contact network: every critical system has a "
                                 "complete chain\n"));
        html_lit(h, "</p>");
    }
    strbuf_release(&report);
    page_end(req);
    return AG_OK;
}

static const struct ag_msg registers_msgs[] = {
    {"registers: Registers", "台帳", "Registers"},
    {"registers: Personal data ledger", "個人データ取扱台帳", "Personal data ledger"},
    {"registers: Outsourcing contractors", "外部委託先", "Outsourcing contractors"},
    {"registers: Cloud services", "クラウドサービス", "Cloud services"},
    {"registers: Education and training", "教育・訓練", "Education and training"},
    {"registers: Emergency contact network", "緊急連絡網", "Emergency contact network"},
    {"registers: Policies, regulations and procedures", "情報セキュリティ方針・規程・手順",
     "Policies, regulations and procedures"},
    {"registers: Roadmap and plans", "ロードマップ及び計画", "Roadmap and plans"},
    {"The registers and records the guideline asks the operator to keep. Each one lists the "
     "guideline sections it serves.",
     "ガイドラインが事業者に整備を求める台帳と記録です。それぞれ対応するガイドラインの項番を示しま"
     "す。",
     "The registers and records the guideline asks the operator to keep. Each one lists the "
     "guideline sections it serves."},
    {"registers: Register", "台帳", "Register"},
    {"registers: Guideline", "ガイドライン", "Guideline"},
    {"registers: Records", "件数", "Records"},
    {"registers: Overdue or due within 30 days", "期限切れ・30 日以内に期限",
     "Overdue or due within 30 days"},
    {"registers: overdue", "期限切れ", "overdue"},
    {"registers: due soon", "期限間近", "due soon"},
    {"registers: Nothing is overdue or due soon.", "期限切れ・期限間近のものはありません。",
     "Nothing is overdue or due soon."},
    {"registers: No such register", "該当する台帳はありません", "No such register"},
    {"registers: Your roles do not allow this register", "あなたの役割ではこの台帳を閲覧できません",
     "Your roles do not allow this register"},
    {"registers: No such record", "該当する記録はありません", "No such record"},
    {"registers: The search text is too long", "検索語が長すぎます（200 バイトまで）",
     "The search text is too long"},
    {"registers: Bad page number", "ページ番号が正しくありません", "Bad page number"},
    {"registers: Add a record", "記録を追加", "Add a record"},
    {"registers: Add the record", "追加する", "Add the record"},
    {"registers: Download as CSV", "CSV でダウンロード", "Download as CSV"},
    {"registers: Check the chains", "緊急連絡網の点検", "Check the chains"},
    {"registers: No record matches the search.", "検索に一致する記録はありません。",
     "No record matches the search."},
    {"registers: No records yet.", "記録はまだありません。", "No records yet."},
    {"registers: Previous page", "前のページ", "Previous page"},
    {"registers: Next page", "次のページ", "Next page"},
    {"registers: Checklist (3.1.4.3)", "チェックリスト（3.1.4.3）", "Checklist (3.1.4.3)"},
    {"registers: Approve the contract", "契約を承認する", "Approve the contract"},
    {"registers: End the contract", "契約を終了する（終了時の確認済み）", "End the contract"},
    {"registers: Approve the use", "利用を承認", "Approve the use"},
    {"registers: Reject the use", "利用を却下", "Reject the use"},
    {"registers: Record the decision", "利用の判断を記録", "Record the decision"},
    {"registers: Approve the document", "文書を承認する", "Approve the document"},
    {"registers: Periodic review", "定期的な見直し", "Periodic review"},
    {"registers: Review after a change", "変化に伴う見直し", "Review after a change"},
    {"registers: Confirmed as it is", "現行のまま確認", "Confirmed as it is"},
    {"registers: To be revised", "改訂が必要", "To be revised"},
    {"registers: Occasion", "契機", "Occasion"},
    {"registers: Outcome", "結果", "Outcome"},
    {"registers: Record the review", "見直しを記録", "Record the review"},
    {"registers: Reviews", "見直しの記録", "Reviews"},
    {"registers: Reviewed on", "見直し日", "Reviewed on"},
    {"registers: Reviewer", "確認者", "Reviewer"},
    {"registers: No reviews yet.", "見直しの記録はまだありません。", "No reviews yet."},
    {"registers: attended", "受講済み", "attended"},
    {"registers: invited", "受講対象", "invited"},
    {"registers: Invite", "受講対象に追加", "Invite"},
    {"registers: Attended", "受講を記録", "Attended"},
    {"registers: Record", "記録する内容", "Record"},
    {"registers: People (logins, separated by commas)", "対象者（ログイン名をカンマ区切り）",
     "People (logins, separated by commas)"},
    {"registers: Saved.", "保存しました。", "Saved."},
    {"registers: met", "満たしている", "met"},
    {"registers: not met", "満たしていない", "not met"},
    {"registers: not applicable (reason in the note)", "該当なし（理由を注記に）",
     "not applicable (reason in the note)"},
    {"registers: Edit", "編集", "Edit"},
    {"registers: Back", "戻る", "Back"},
    {"registers: You may not change this record", "この記録を変更する権限がありません",
     "You may not change this record"},
    {"registers: You may not keep a record for this department, system or owner",
     "この部署・システム・担当者の記録を管理する権限がありません",
     "You may not keep a record for this department, system or owner"},
    {"registers: This register has no such step", "この台帳にはその操作はありません",
     "This register has no such step"},
    {"registers: This was done already (%s)", "既に処理されています（%s）",
     "This was done already (%s)"},
    {"mode: \"%.40s\" is not one of: invite, attend",
     "mode: \"%.40s\" は invite, attend のいずれでもありません",
     "mode: \"%.40s\" is not one of: invite, attend"},
    {"registers: Every critical system needs a chain whose first call is an internal person, "
     "which includes the ministry and whose every entry has a phone or e-mail (3.1.4.1(3)(a), "
     "3.1.2.4(2)).",
     "重要システムごとに、最初の連絡先が内部の担当者であり、国土交通省を含み、全員に電話又はメール"
     "がある緊急連絡網が必要です（3.1.4.1(3)(a)、3.1.2.4(2)）。",
     "Every critical system needs a chain whose first call is an internal person, which includes "
     "the ministry and whose every entry has a phone or e-mail (3.1.4.1(3)(a), 3.1.2.4(2))."},
};

static const struct route registers_routes[] = {
    {WEB_GET, "/registers", page_registers, 0, ROUTE_AUTH},
    {WEB_GET, "/registers/contact/check", page_contact_check, 0, ROUTE_AUTH},
    {WEB_GET, "/registers/{kind}", page_register_list, 0, ROUTE_AUTH},
    {WEB_GET, "/registers/{kind}/add", page_register_add, 0, ROUTE_AUTH},
    {WEB_POST, "/registers/{kind}/add", page_register_add_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_GET, "/registers/{kind}/csv", page_register_csv, 0, ROUTE_AUTH},
    {WEB_GET, "/registers/{kind}/{id}", page_register_show, 0, ROUTE_AUTH},
    {WEB_GET, "/registers/{kind}/{id}/edit", page_register_edit, 0, ROUTE_AUTH},
    {WEB_POST, "/registers/{kind}/{id}/edit", page_register_edit_post, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/registers/{kind}/{id}/check", page_reg_check, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/registers/{kind}/{id}/approve", page_reg_approve, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/registers/{kind}/{id}/end", page_reg_end, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/registers/{kind}/{id}/decide", page_reg_decide, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/registers/{kind}/{id}/review", page_reg_review, 0, ROUTE_AUTH | ROUTE_CSRF},
    {WEB_POST, "/registers/{kind}/{id}/people", page_reg_people, 0, ROUTE_AUTH | ROUTE_CSRF},
};
static const struct web_nav registers_nav[] = {{"/registers", "registers: Registers", 0}};
WEB_MODULE(registers, registers_routes, registers_msgs, registers_nav);
