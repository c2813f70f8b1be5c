/*
 * org.c — the organisation model: sites, departments, people and their guideline roles,
 * systems, assets and information assets (classification 格付け and handling restrictions
 * 取扱制限, 3.1.2.6(1)).
 */
#include "isms/isms.h"

/* Runs a one-parameter SELECT returning one id; AG_ENOTFOUND names what and key. */
static int id_by(struct store *st, const char *sql, const char *key, const char *what,
                 long long *id, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    *id = 0;
    if (!key || !*key)
        return ag_error_set(err, AG_EINVAL, "%s: missing", what);
    if ((rc = store_prepare(st, &s, sql, err)))
        return rc;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        rc = AG_OK;
    } else if (rc == SQLITE_DONE) {
        rc = ag_error_set(err, AG_ENOTFOUND, "%s \"%.80s\" does not exist", what, key);
    } else {
        rc = store_error(st, what, err);
    }
    sqlite3_finalize(s);
    return rc;
}

int isms_person_id(struct store *st, const char *login, long long *id, struct ag_error *err)
{
    return id_by(st, "SELECT id FROM people WHERE login = ?", login, "person", id, err);
}

int isms_department_id(struct store *st, const char *code, long long *id, struct ag_error *err)
{
    return id_by(st, "SELECT id FROM departments WHERE code = ?", code, "department", id, err);
}

int isms_site_id(struct store *st, const char *code, long long *id, struct ag_error *err)
{
    return id_by(st, "SELECT id FROM sites WHERE code = ?", code, "site", id, err);
}

int isms_system_id(struct store *st, const char *code, long long *id, struct ag_error *err)
{
    return id_by(st, "SELECT id FROM systems WHERE code = ?", code, "system", id, err);
}

int isms_asset_id(struct store *st, const char *code, long long *id, struct ag_error *err)
{
    return id_by(st, "SELECT id FROM assets WHERE code = ?", code, "asset", id, err);
}

int isms_person_get(struct store *st, long long id, char *login, size_t cap, long long *dept,
                    struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, "SELECT login, department_id FROM people WHERE id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        if (login)
            snprintf(login, cap, "%s", store_col_text(s, 0));
        if (dept)
            *dept = sqlite3_column_int64(s, 1);
        rc = AG_OK;
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "person %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

void isms_person_label(struct store *st, long long id, char *out, size_t cap)
{
    struct ag_error ignore;
    if (isms_person_get(st, id, out, cap, NULL, &ignore) != AG_OK)
        snprintf(out, cap, "person %lld", id);
}

bool isms_department_within(struct store *st, long long dept, long long ancestor)
{
    sqlite3_stmt *s;
    bool within = false;
    if (!dept || !ancestor)
        return false;
    /* walk up the department tree (bounded, in case of a cycle in hand-edited data) */
    if (sqlite3_prepare_v2(store_db(st),
                           "WITH RECURSIVE up(id, n) AS (SELECT ?1, 0 UNION ALL "
                           "SELECT d.parent_id, up.n + 1 FROM departments d JOIN up ON d.id = "
                           "up.id WHERE d.parent_id IS NOT NULL AND up.n < 64) "
                           "SELECT 1 FROM up WHERE id = ?2",
                           -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, dept);
    sqlite3_bind_int64(s, 2, ancestor);
    within = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return within;
}

bool isms_has_role(struct store *st, long long person, const char *role, long long dept)
{
    sqlite3_stmt *s;
    bool has = false;
    /* a role held for a department also covers its sub-departments; an organisation-wide role
     * (department NULL) covers every department */
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT department_id FROM person_roles WHERE person_id = ? AND role = "
                           "? ",
                           -1, &s, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_int64(s, 1, person);
    sqlite3_bind_text(s, 2, role, -1, SQLITE_STATIC);
    while (!has && sqlite3_step(s) == SQLITE_ROW) {
        if (sqlite3_column_type(s, 0) == SQLITE_NULL || dept == 0)
            has = true;
        else
            has = isms_department_within(st, dept, sqlite3_column_int64(s, 0));
    }
    sqlite3_finalize(s);
    return has;
}

/* Optional reference by code: NULL or "" gives SQL NULL. */
static int opt_ref(struct store *st,
                   int (*lookup)(struct store *, const char *, long long *, struct ag_error *),
                   const char *code, long long *id, struct ag_error *err)
{
    *id = 0;
    if (!code || !*code)
        return AG_OK;
    return lookup(st, code, id, err);
}

static void bind_id_or_null(sqlite3_stmt *s, int idx, long long id)
{
    if (id)
        sqlite3_bind_int64(s, idx, id);
    else
        sqlite3_bind_null(s, idx);
}

/* Steps a prepared INSERT in its own transaction, mapping constraint errors. */
static int insert_one(struct store *st, sqlite3_stmt *s, const char *what, long long *id,
                      struct ag_error *err)
{
    bool own;
    int rc = isms_tx_begin(st, &own, err);
    if (rc == AG_OK) {
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
        if (rc == AG_OK && id)
            *id = store_last_id(st);
        rc = isms_tx_end(st, own, rc, err);
    }
    sqlite3_finalize(s);
    return rc;
}

static int check_code(const char *field, const char *code, struct ag_error *err)
{
    if (!code || !*code || strlen(code) > 64)
        return ag_error_set(err, AG_EINVAL, "%s: missing or longer than 64 characters", field);
    for (const char *p = code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            return ag_error_set(err, AG_EINVAL,
                                "%s: \"%.64s\" may contain only letters, digits, '-', '_' and "
                                "'.'",
                                field, code);
    return AG_OK;
}

int isms_person_add(struct store *st, const struct isms_person_new *p, long long *id,
                    struct ag_error *err)
{
    sqlite3_stmt *s;
    long long dept;
    char now[21];
    int rc;
    if ((rc = check_code("login", p->login, err)) ||
        (rc = isms_check_text("name", p->name, 200, err)) ||
        (rc = opt_ref(st, isms_department_id, p->department, &dept, err)))
        return rc;
    if (p->email && *p->email && (!strchr(p->email, '@') || strpbrk(p->email, " \r\n<>,;")))
        return ag_error_set(err, AG_EINVAL, "email: \"%.80s\" is not an e-mail address", p->email);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO people(login, name, name_en, email, phone, "
                            "department_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            err)))
        return rc;
    ag_time_iso(ag_now(), now);
    sqlite3_bind_text(s, 1, p->login, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, p->name_en ? p->name_en : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, p->email ? p->email : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, p->phone ? p->phone : "", -1, SQLITE_STATIC);
    bind_id_or_null(s, 6, dept);
    sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
    rc = insert_one(st, s, "adding the person", id, err);
    if (rc == AG_ECONFLICT)
        rc = ag_error_set(err, AG_ECONFLICT, "login: \"%s\" exists already", p->login);
    return rc;
}

/* Grants or revokes a role in one transaction; the audit trigger on person_roles records the
 * change with the acting person (a role change is a security-relevant event). */
static int role_change(struct store *st, const char *login, const char *role,
                       const char *department, bool grant, struct ag_error *err)
{
    long long person, dept;
    sqlite3_stmt *s;
    bool own;
    int rc;
    if ((rc = isms_check_enum("role", role, isms_roles, err)) ||
        (rc = isms_person_id(st, login, &person, err)) ||
        (rc = opt_ref(st, isms_department_id, department, &dept, err)))
        return rc;
    /* granting a role held already is a no-op (WHERE NOT EXISTS) */
    if ((rc = store_prepare(st, &s,
                            grant ? "INSERT INTO person_roles(person_id, role, department_id) "
                                    "SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM "
                                    "person_roles WHERE person_id = ?1 AND role = ?2 AND "
                                    "department_id IS ?3)"
                                  : "DELETE FROM person_roles WHERE person_id = ?1 AND role = ?2 "
                                    "AND department_id IS ?3",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, person);
    sqlite3_bind_text(s, 2, role, -1, SQLITE_STATIC);
    bind_id_or_null(s, 3, dept);
    if ((rc = isms_tx_begin(st, &own, err)) == AG_OK) {
        rc = sqlite3_step(s) == SQLITE_DONE
                 ? AG_OK
                 : store_error(st, grant ? "granting the role" : "revoking the role", err);
        if (rc == AG_OK && !grant && sqlite3_changes(store_db(st)) == 0)
            rc = ag_error_set(err, AG_ENOTFOUND, "%s does not hold the role %s%s%s", login, role,
                              department ? " for " : "", department ? department : "");
        rc = isms_tx_end(st, own, rc, err);
    }
    sqlite3_finalize(s);
    return rc;
}

int isms_role_grant(struct store *st, const char *login, const char *role, const char *department,
                    struct ag_error *err)
{
    return role_change(st, login, role, department, true, err);
}

int isms_role_revoke(struct store *st, const char *login, const char *role, const char *department,
                     struct ag_error *err)
{
    return role_change(st, login, role, department, false, err);
}

static const char *const site_kinds[] = {"airport", "terminal", "building", "other", NULL};

int isms_site_add(struct store *st, const char *code, const char *kind, const char *name_ja,
                  const char *name_en, const char *parent_code, struct ag_error *err)
{
    sqlite3_stmt *s;
    long long parent;
    int rc;
    if ((rc = check_code("code", code, err)) ||
        (rc = isms_check_enum("kind", kind, site_kinds, err)) ||
        (rc = isms_check_text("name", name_ja, 200, err)) ||
        (rc = opt_ref(st, isms_site_id, parent_code, &parent, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO sites(code, kind, name_ja, name_en, parent_id) VALUES "
                            "(?, ?, ?, ?, ?)",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, name_ja, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, name_en ? name_en : "", -1, SQLITE_STATIC);
    bind_id_or_null(s, 5, parent);
    rc = insert_one(st, s, "adding the site", NULL, err);
    return rc == AG_ECONFLICT ? ag_error_set(err, rc, "site \"%s\" exists already", code) : rc;
}

int isms_department_add(struct store *st, const char *code, const char *name_ja,
                        const char *name_en, const char *site_code, const char *parent_code,
                        struct ag_error *err)
{
    sqlite3_stmt *s;
    long long site, parent;
    int rc;
    if ((rc = check_code("code", code, err)) || (rc = isms_check_text("name", name_ja, 200, err)) ||
        (rc = opt_ref(st, isms_site_id, site_code, &site, err)) ||
        (rc = opt_ref(st, isms_department_id, parent_code, &parent, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO departments(code, name_ja, name_en, site_id, parent_id) "
                            "VALUES (?, ?, ?, ?, ?)",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, name_ja, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, name_en ? name_en : "", -1, SQLITE_STATIC);
    bind_id_or_null(s, 4, site);
    bind_id_or_null(s, 5, parent);
    rc = insert_one(st, s, "adding the department", NULL, err);
    return rc == AG_ECONFLICT ? ag_error_set(err, rc, "department \"%s\" exists already", code)
                              : rc;
}

static const char *const system_kinds[] = {"surveillance", "flight-information", "baggage-handling",
                                           "other", NULL};

int isms_system_add(struct store *st, const struct isms_system_new *n, struct ag_error *err)
{
    sqlite3_stmt *s;
    long long dept, site;
    int rc;
    if ((rc = check_code("code", n->code, err)) ||
        (rc = isms_check_enum("kind", n->kind, system_kinds, err)) ||
        (rc = isms_check_text("name", n->name_ja, 200, err)) ||
        (rc = opt_ref(st, isms_department_id, n->department, &dept, err)) ||
        (rc = opt_ref(st, isms_site_id, n->site, &site, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO systems(code, kind, name_ja, name_en, critical, "
                            "control_system, service_impact_ja, service_impact_en, "
                            "manual_fallback, owner_department_id, site_id) VALUES "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, n->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, n->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, n->name_ja, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, n->name_en ? n->name_en : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, n->critical);
    sqlite3_bind_int(s, 6, n->control_system);
    sqlite3_bind_text(s, 7, n->service_impact_ja ? n->service_impact_ja : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, n->service_impact_en ? n->service_impact_en : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, n->manual_fallback ? n->manual_fallback : "", -1, SQLITE_STATIC);
    bind_id_or_null(s, 10, dept);
    bind_id_or_null(s, 11, site);
    rc = insert_one(st, s, "adding the system", NULL, err);
    return rc == AG_ECONFLICT ? ag_error_set(err, rc, "system \"%s\" exists already", n->code) : rc;
}

static const char *const asset_categories[] = {"server", "terminal", "network", "plc",   "camera",
                                               "mfp",    "iot",      "storage", "other", NULL};

int isms_asset_add(struct store *st, const struct isms_asset_new *a, struct ag_error *err)
{
    sqlite3_stmt *s;
    long long sys, owner;
    int rc;
    if ((rc = check_code("code", a->code, err)) ||
        (rc = isms_check_enum("category", a->category, asset_categories, err)) ||
        (rc = isms_check_text("name", a->name, 200, err)) ||
        (rc = opt_ref(st, isms_system_id, a->system, &sys, err)) ||
        (rc = opt_ref(st, isms_person_id, a->owner, &owner, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO assets(code, system_id, category, name, vendor, model, "
                            "location, ip, mac, owner_person_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?)",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, a->code, -1, SQLITE_STATIC);
    bind_id_or_null(s, 2, sys);
    sqlite3_bind_text(s, 3, a->category, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, a->vendor ? a->vendor : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, a->model ? a->model : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, a->location ? a->location : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, a->ip ? a->ip : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, a->mac ? a->mac : "", -1, SQLITE_STATIC);
    bind_id_or_null(s, 10, owner);
    rc = insert_one(st, s, "adding the asset", NULL, err);
    return rc == AG_ECONFLICT ? ag_error_set(err, rc, "asset \"%s\" exists already", a->code) : rc;
}

int isms_info_asset_add(struct store *st, const struct isms_info_asset_new *a, long long *id,
                        struct ag_error *err)
{
    sqlite3_stmt *s;
    long long dept, sys;
    int rc;
    if ((rc = isms_check_text("name", a->name, 200, err)) ||
        (rc = opt_ref(st, isms_department_id, a->department, &dept, err)) ||
        (rc = opt_ref(st, isms_system_id, a->system, &sys, err)))
        return rc;
    if (a->confidentiality < 1 || a->confidentiality > 3)
        return ag_error_set(err, AG_EINVAL, "confidentiality: %d is not a level from 1 to 3",
                            a->confidentiality);
    if (a->integrity < 1 || a->integrity > 2)
        return ag_error_set(err, AG_EINVAL, "integrity: %d is not a level from 1 to 2",
                            a->integrity);
    if (a->availability < 1 || a->availability > 2)
        return ag_error_set(err, AG_EINVAL, "availability: %d is not a level from 1 to 2",
                            a->availability);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO info_assets(name, description, owner_department_id, "
                            "system_id, confidentiality, integrity, availability, "
                            "handling_restrictions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            err)))
        return rc;
    sqlite3_bind_text(s, 1, a->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, a->description ? a->description : "", -1, SQLITE_STATIC);
    bind_id_or_null(s, 3, dept);
    bind_id_or_null(s, 4, sys);
    sqlite3_bind_int(s, 5, a->confidentiality);
    sqlite3_bind_int(s, 6, a->integrity);
    sqlite3_bind_int(s, 7, a->availability);
    sqlite3_bind_text(s, 8, a->handling ? a->handling : "", -1, SQLITE_STATIC);
    return insert_one(st, s, "adding the information asset", id, err);
}

int isms_person_set_active(struct store *st, const char *login, bool active, struct ag_error *err)
{
    long long id;
    int rc = isms_person_id(st, login, &id, err);
    if (rc)
        return rc;
    return store_run(st, "changing the person's status", err,
                     "UPDATE people SET active = ? WHERE id = ?", "ii", (long long)active, id);
}
