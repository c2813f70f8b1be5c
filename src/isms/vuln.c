/*
 * vuln.c — vulnerability handling in the store (see vuln.h): the software inventory, advisories
 * stored and updated, the matching of both, and the handling of each match (plan, compensating
 * measures, approval, closing) with the guideline's rules.
 *
 * Rules enforced here (3.1.5.1(1)(e), 3.2.2.1①, 3.1.4.1(2)): the inventory and the handling of
 * an asset belong to the system administrators and managers of its system's department (or the
 * CISO); a plan is complete only with every field the guideline lists; closing as done needs a
 * complete plan with need "yes" that someone approved; accepting needs approval and either a plan
 * with need "no" or compensating measures, plus the reason; not affected needs a justification;
 * the approver is a manager of the department or the CISO and never the one who planned or
 * recorded the measures. Checks that refuse run before the transaction, so the separation-of-duty
 * refusal is itself recorded in the audit trail (duties.c).
 * Matching: every software row against every affected-product row (vuln_version.c); a match that
 * no longer holds is dropped while nobody has worked on it, and otherwise kept, marked not
 * current, for its handling to be closed.
 */
#include "isms/vuln.h"
#include "isms/assess_int.h"

#include <jansson.h>
#include <sodium.h>
#include <strings.h>

const char *const vuln_statuses[] = {"open", "planned", "done", "accepted", "not_affected", NULL};
const char *const vuln_severities[] = {"none",     "low",     "medium", "high",
                                       "critical", "unknown", NULL};
const char *const vuln_comp_kinds[] = {"allowlist", "isolation", "access", "monitoring",
                                       "media",     "other",     NULL};
const char *const vuln_sw_sources[] = {"entered", "csv", "hostcheck", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};

static int step_done(struct store *st, sqlite3_stmt *s, const char *what, struct ag_error *err)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
    sqlite3_finalize(s);
    return rc;
}

static void now_iso(char out[21])
{
    ag_time_iso(ag_now(), out);
}

/* ---- who may do what ---- */

static long long asset_dept(struct store *st, long long asset)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    long long dept = 0;
    if (store_prepare(st, &s,
                      "SELECT coalesce(y.owner_department_id, 0) FROM assets a LEFT JOIN systems "
                      "y ON y.id = a.system_id WHERE a.id = ?",
                      &ignore) != AG_OK)
        return 0;
    sqlite3_bind_int64(s, 1, asset);
    if (sqlite3_step(s) == SQLITE_ROW)
        dept = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return dept;
}

bool vuln_may_handle(struct store *st, long long person, long long asset)
{
    long long dept = asset_dept(st, asset);
    return isms_has_role(st, person, "sysadmin", dept) ||
           isms_has_role(st, person, "manager", dept) || isms_has_role(st, person, "ciso", 0);
}

bool vuln_may_approve(struct store *st, long long person, long long asset)
{
    return isms_has_role(st, person, "manager", asset_dept(st, asset)) ||
           isms_has_role(st, person, "ciso", 0);
}

static int refuse_handle(struct store *st, long long actor, const char *asset_code,
                         struct ag_error *err)
{
    char login[65];
    isms_person_label(st, actor, login, sizeof(login));
    return ag_error_set(err, AG_EDENIED,
                        "vuln: %s may not change the software or vulnerability handling of asset "
                        "%s: a system administrator or manager of its system's department, or "
                        "the CISO, does (3.1.5.1(1)(e))",
                        login, asset_code);
}

static bool may_import(struct store *st, long long actor)
{
    static const char *const roles[] = {"sysadmin", "manager", "ciso", "csirt"};
    for (size_t i = 0; i < AG_ARRAY_LEN(roles); i++)
        if (isms_has_role(st, actor, roles[i], 0))
            return true;
    return false;
}

static int refuse_import(struct store *st, long long actor, struct ag_error *err)
{
    char login[65];
    isms_person_label(st, actor, login, sizeof(login));
    return ag_error_set(err, AG_EDENIED,
                        "vuln: %s may not record vulnerabilities: a system administrator, "
                        "manager, CSIRT member or the CISO does (3.2.2.1①)",
                        login);
}

/* ---- matching ---- */

struct aff_row {
    long long vuln;
    char *vendor, *product;
    char status[12];
    struct vuln_range r;
    char fixed[VULN_VERSION_MAX];
};

struct old_match {
    long long id, vuln, sw;
    char certainty[10], fixed[VULN_VERSION_MAX], status[16];
    int current;
    bool worked, seen;
    char key[48];
};

static void free_affs(struct aff_row *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(a[i].vendor);
        free(a[i].product);
    }
    free(a);
}

static int load_affs(struct store *st, struct aff_row **out, size_t *n, struct ag_error *err)
{
    sqlite3_stmt *s;
    struct aff_row *a = NULL;
    size_t cnt = 0, cap = 0;
    int rc = store_prepare(st, &s,
                           "SELECT vuln_id, vendor, product, status, version_exact, version_min, "
                           "min_incl, version_max, max_incl, fixed FROM vuln_affected ORDER BY "
                           "vuln_id, id",
                           err);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct aff_row *b = ag_grow(a, &cap, cnt, sizeof(*b));
        if (!b) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        a = b;
        struct aff_row *r = &a[cnt];
        memset(r, 0, sizeof(*r));
        r->vuln = sqlite3_column_int64(s, 0);
        r->vendor = strdup(store_col_text(s, 1));
        r->product = strdup(store_col_text(s, 2));
        cnt++;
        if (!r->vendor || !r->product) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        snprintf(r->status, sizeof(r->status), "%s", store_col_text(s, 3));
        snprintf(r->r.exact, sizeof(r->r.exact), "%s", store_col_text(s, 4));
        snprintf(r->r.min, sizeof(r->r.min), "%s", store_col_text(s, 5));
        r->r.min_incl = sqlite3_column_int(s, 6) != 0;
        snprintf(r->r.max, sizeof(r->r.max), "%s", store_col_text(s, 7));
        r->r.max_incl = sqlite3_column_int(s, 8) != 0;
        snprintf(r->fixed, sizeof(r->fixed), "%s", store_col_text(s, 9));
    }
    sqlite3_finalize(s);
    if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = store_error(st, "reading the affected products", err);
    if (rc) {
        free_affs(a, cnt);
        return rc;
    }
    *out = a;
    *n = cnt;
    return AG_OK;
}

static int load_old(struct store *st, struct old_match **out, size_t *n, struct strmap **map,
                    struct ag_error *err)
{
    sqlite3_stmt *s;
    struct old_match *m = NULL;
    size_t cnt = 0, cap = 0;
    int rc = store_prepare(
        st, &s,
        "SELECT m.id, m.vuln_id, coalesce(m.software_id, 0), m.certainty, m.fixed, m.status, "
        "m.current, (m.need IS NOT NULL OR m.risk <> '' OR m.method <> '' OR m.workaround <> '' "
        "OR m.planned_by IS NOT NULL OR EXISTS (SELECT 1 FROM vuln_compensations c WHERE "
        "c.match_id = m.id)) FROM vuln_matches m",
        err);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct old_match *b = ag_grow(m, &cap, cnt, sizeof(*b));
        if (!b) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        m = b;
        struct old_match *o = &m[cnt++];
        memset(o, 0, sizeof(*o));
        o->id = sqlite3_column_int64(s, 0);
        o->vuln = sqlite3_column_int64(s, 1);
        o->sw = sqlite3_column_int64(s, 2);
        snprintf(o->certainty, sizeof(o->certainty), "%s", store_col_text(s, 3));
        snprintf(o->fixed, sizeof(o->fixed), "%s", store_col_text(s, 4));
        snprintf(o->status, sizeof(o->status), "%s", store_col_text(s, 5));
        o->current = sqlite3_column_int(s, 6);
        o->worked = sqlite3_column_int(s, 7) != 0;
        snprintf(o->key, sizeof(o->key), "%lld:%lld", o->vuln, o->sw);
    }
    sqlite3_finalize(s);
    if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
        rc = store_error(st, "reading the matches", err);
    if (!rc && (rc = strmap_new(map, cnt + 1)))
        rc = ag_error_set(err, rc, "out of memory");
    for (size_t i = 0; !rc && i < cnt; i++)
        if (m[i].sw && strmap_put(*map, m[i].key, &m[i]))
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    if (rc) {
        if (*map)
            strmap_free(*map);
        *map = NULL;
        free(m);
        return rc;
    }
    *out = m;
    *n = cnt;
    return AG_OK;
}

/* The verdict of one vulnerability's rows [from, to) for one software: NULL (no match),
 * "affected" or "to_check"; fixed receives the fixed version of the matching range. */
static const char *verdict(const struct aff_row *a, size_t from, size_t to, const char *vendor,
                           const char *product, const char *version, const char **fixed)
{
    bool unaffected = false, affected = false, maybe = false;
    *fixed = "";
    for (size_t i = from; i < to; i++) {
        enum vuln_name nm = vuln_product_match(a[i].vendor, a[i].product, vendor, product);
        if (nm == VULN_NAME_NO)
            continue;
        enum vuln_in in = vuln_range_contains(&a[i].r, version);
        if (in == VULN_OUT)
            continue;
        if (nm == VULN_NAME_PREFIX || in == VULN_MAYBE || !strcmp(a[i].status, "unknown")) {
            if (strcmp(a[i].status, "unaffected") != 0) {
                maybe = true;
                if (!**fixed)
                    *fixed = a[i].fixed;
            }
            continue;
        }
        if (!strcmp(a[i].status, "unaffected")) {
            unaffected = true;
        } else {
            if (!affected || !**fixed)
                *fixed = a[i].fixed;
            affected = true;
        }
    }
    if (unaffected)
        return NULL;
    return affected ? "affected" : maybe ? "to_check" : NULL;
}

static int upsert_match(struct store *st, struct old_match *o, long long vuln, long long sw,
                        long long asset, const char *vendor, const char *product,
                        const char *version, const char *certainty, const char *fixed,
                        const char *now, int *added, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    if (o) {
        o->seen = true;
        if (o->current && !strcmp(o->certainty, certainty) && !strcmp(o->fixed, fixed))
            return AG_OK;
        if ((rc = store_prepare(st, &s,
                                "UPDATE vuln_matches SET certainty = ?2, fixed = ?3, current = 1, "
                                "version = ?4 WHERE id = ?1",
                                err)))
            return rc;
        sqlite3_bind_int64(s, 1, o->id);
        sqlite3_bind_text(s, 2, certainty, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, fixed, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, version, -1, SQLITE_STATIC);
        return step_done(st, s, "updating a match", err);
    }
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO vuln_matches(vuln_id, software_id, asset_id, vendor, "
                            "product, version, certainty, fixed, matched_at) VALUES (?, ?, ?, ?, "
                            "?, ?, ?, ?, ?)",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, vuln);
    sqlite3_bind_int64(s, 2, sw);
    sqlite3_bind_int64(s, 3, asset);
    sqlite3_bind_text(s, 4, vendor, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, product, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, version, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, certainty, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 8, fixed, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, "adding a match", err)) == AG_OK)
        (*added)++;
    return rc;
}

/* Matches that did not come up again: dropped while untouched, else kept as not current. */
static int retire(struct store *st, struct old_match *m, size_t n, struct ag_error *err)
{
    for (size_t i = 0; i < n; i++) {
        struct old_match *o = &m[i];
        if (o->seen || (!o->current && o->worked))
            continue;
        bool drop = !strcmp(o->status, "open") && !o->worked;
        sqlite3_stmt *s;
        int rc = store_prepare(st, &s,
                               drop ? "DELETE FROM vuln_matches WHERE id = ?"
                                    : "UPDATE vuln_matches SET current = 0 WHERE id = ? AND "
                                      "current = 1",
                               err);
        if (rc)
            return rc;
        sqlite3_bind_int64(s, 1, o->id);
        if ((rc = step_done(st, s, "retiring a match", err)))
            return rc;
    }
    return AG_OK;
}

int vuln_rematch(struct store *st, int *matches_new, struct ag_error *err)
{
    struct aff_row *a = NULL;
    struct old_match *old = NULL;
    struct strmap *map = NULL;
    size_t na = 0, nold = 0;
    sqlite3_stmt *s = NULL;
    char now[21];
    int rc, added = 0;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    now_iso(now);
    if ((rc = load_affs(st, &a, &na, err)) || (rc = load_old(st, &old, &nold, &map, err)) ||
        (rc = store_prepare(st, &s,
                            "SELECT id, asset_id, vendor, product, version FROM vuln_software "
                            "ORDER BY id",
                            err)))
        goto out;
    /* the software is read whole first: the matches are written while it is read */
    struct sw {
        long long id, asset;
        char *vendor, *product, *version;
    } *sws = NULL;
    size_t nsw = 0, cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct sw *b = ag_grow(sws, &cap, nsw, sizeof(*b));
        if (!b) {
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
            break;
        }
        sws = b;
        struct sw *w = &sws[nsw++];
        w->id = sqlite3_column_int64(s, 0);
        w->asset = sqlite3_column_int64(s, 1);
        w->vendor = strdup(store_col_text(s, 2));
        w->product = strdup(store_col_text(s, 3));
        w->version = strdup(store_col_text(s, 4));
        if (!w->vendor || !w->product || !w->version)
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    }
    sqlite3_finalize(s);
    s = NULL;
    for (size_t k = 0; !rc && k < nsw; k++) {
        struct sw *w = &sws[k];
        for (size_t i = 0; !rc && i < na;) {
            size_t j = i;
            while (j < na && a[j].vuln == a[i].vuln)
                j++;
            const char *fixed;
            const char *v = verdict(a, i, j, w->vendor, w->product, w->version, &fixed);
            if (v) {
                char key[48];
                snprintf(key, sizeof(key), "%lld:%lld", a[i].vuln, w->id);
                rc = upsert_match(st, strmap_get(map, key), a[i].vuln, w->id, w->asset, w->vendor,
                                  w->product, w->version, v, fixed, now, &added, err);
            }
            i = j;
        }
    }
    for (size_t k = 0; k < nsw; k++) {
        free(sws[k].vendor);
        free(sws[k].product);
        free(sws[k].version);
    }
    free(sws);
    if (!rc)
        rc = retire(st, old, nold, err);
out:
    sqlite3_finalize(s);
    free_affs(a, na);
    free(old);
    strmap_free(map);
    if (matches_new)
        *matches_new = added;
    return isms_tx_end(st, own, rc, err);
}

/* ---- vulnerabilities ---- */

static int store_entry(struct store *st, long long actor, const struct vuln_entry *e,
                       const char *source, const char *file, const char *sha, bool *added,
                       long long *id_out, struct ag_error *err)
{
    sqlite3_stmt *s;
    char now[21];
    long long id = 0;
    int rc;
    now_iso(now);
    if ((rc = store_prepare(st, &s, "SELECT id FROM vulns WHERE ident = ?", err)))
        return rc;
    sqlite3_bind_text(s, 1, e->ident, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    *added = id == 0;
    if ((rc = store_prepare(
             st, &s,
             id ? "UPDATE vulns SET title = ?2, description = ?3, severity = ?4, cvss_score = ?5, "
                  "cvss_vector = ?6, fixed_version = ?7, remediation = ?8, refs = ?9, advisory = "
                  "?10, source = ?11, source_file = ?12, source_sha256 = ?13, imported_at = ?14, "
                  "imported_by = ?15 WHERE id = ?1"
                : "INSERT INTO vulns(ident, title, description, severity, cvss_score, "
                  "cvss_vector, fixed_version, remediation, refs, advisory, source, source_file, "
                  "source_sha256, imported_at, imported_by) VALUES (?16, ?2, ?3, ?4, ?5, ?6, ?7, "
                  "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
             err)))
        return rc;
    if (id)
        sqlite3_bind_int64(s, 1, id);
    store_bind_text(s, 2, e->title);
    store_bind_text(s, 3, e->description ? e->description : "");
    sqlite3_bind_text(s, 4, e->severity, -1, SQLITE_STATIC);
    if (e->score >= 0)
        sqlite3_bind_double(s, 5, e->score);
    store_bind_text(s, 6, e->vector ? e->vector : "");
    store_bind_text(s, 7, e->fixed_version ? e->fixed_version : "");
    store_bind_text(s, 8, e->remediation ? e->remediation : "");
    store_bind_text(s, 9, e->refs ? e->refs : "");
    store_bind_text(s, 10, e->advisory ? e->advisory : "");
    sqlite3_bind_text(s, 11, source, -1, SQLITE_STATIC);
    store_bind_text(s, 12, file ? file : "");
    store_bind_text(s, 13, sha ? sha : "");
    sqlite3_bind_text(s, 14, now, -1, SQLITE_STATIC);
    if (actor)
        sqlite3_bind_int64(s, 15, actor);
    if (!id)
        store_bind_text(s, 16, e->ident);
    if ((rc = step_done(st, s, "storing the vulnerability", err)))
        return rc;
    if (!id)
        id = store_last_id(st);
    if ((rc = store_prepare(st, &s, "DELETE FROM vuln_affected WHERE vuln_id = ?", err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = step_done(st, s, "replacing the affected products", err)))
        return rc;
    for (size_t i = 0; i < e->nproducts; i++) {
        const struct vuln_product *p = &e->products[i];
        if ((rc = store_prepare(st, &s,
                                "INSERT INTO vuln_affected(vuln_id, vendor, product, status, "
                                "version_exact, version_min, min_incl, version_max, max_incl, "
                                "fixed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                err)))
            return rc;
        sqlite3_bind_int64(s, 1, id);
        store_bind_text(s, 2, p->vendor);
        store_bind_text(s, 3, p->product);
        sqlite3_bind_text(s, 4, p->status, -1, SQLITE_STATIC);
        store_bind_text(s, 5, p->range.exact);
        store_bind_text(s, 6, p->range.min);
        sqlite3_bind_int(s, 7, p->range.min_incl);
        store_bind_text(s, 8, p->range.max);
        sqlite3_bind_int(s, 9, p->range.max_incl);
        store_bind_text(s, 10, p->fixed);
        if ((rc = step_done(st, s, "storing an affected product", err)))
            return rc;
    }
    if (id_out)
        *id_out = id;
    return AG_OK;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static int store_doc(struct store *st, long long actor, const char *name, const char *data,
                     size_t len, const struct vuln_doc *d, struct vuln_import_result *res,
                     struct ag_error *err)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    char sha[65];
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    sodium_bin2hex(sha, sizeof(sha), h, sizeof(h));
    int rc;
    for (size_t i = 0; i < d->count; i++) {
        bool added;
        if ((rc = store_entry(st, actor, &d->entries[i], d->format, name, sha, &added, NULL, err)))
            return rc;
        if (added)
            res->added++;
        else
            res->updated++;
    }
    json_t *j = json_pack("{s:s,s:s,s:s,s:i}", "file", name, "sha256", sha, "format", d->format,
                          "vulnerabilities", (int)d->count);
    char *detail = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (!detail)
        return ag_error_set(err, AG_ENOMEM, "out of memory");
    rc = store_audit(st, "import", "vulns", sha, detail, err);
    free(detail);
    res->files++;
    return rc;
}

static int import_docs(struct store *st, long long actor, const char *const *names,
                       const char *const *datas, const size_t *lens, struct vuln_doc *docs,
                       size_t n, struct vuln_import_result *res, struct ag_error *err)
{
    bool own;
    int rc;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    for (size_t i = 0; i < n && !rc; i++)
        rc = store_doc(st, actor, names[i], datas[i], lens[i], &docs[i], res, err);
    if (!rc)
        rc = vuln_rematch(st, &res->matches_new, err);
    return isms_tx_end(st, own, rc, err);
}

int vuln_import_mem(struct store *st, long long actor, const char *name, const char *data,
                    size_t len, struct vuln_import_result *res, struct ag_error *err)
{
    struct vuln_doc d;
    int rc;
    memset(res, 0, sizeof(*res));
    if (!may_import(st, actor))
        return refuse_import(st, actor, err);
    if ((rc = vuln_doc_parse(name, data, len, &d, err)))
        return rc;
    rc = import_docs(st, actor, &name, &data, &len, &d, 1, res, err);
    vuln_doc_release(&d);
    return rc;
}

int vuln_import_files(struct store *st, long long actor, const char *const *paths, size_t n,
                      struct vuln_import_result *res, struct ag_error *err)
{
    memset(res, 0, sizeof(*res));
    if (!n)
        return ag_error_set(err, AG_EINVAL, "give at least one advisory file");
    if (n > 1000)
        return ag_error_set(err, AG_EINVAL, "at most 1000 files at once");
    if (!may_import(st, actor))
        return refuse_import(st, actor, err);
    const char **names = calloc(n, sizeof(*names));
    char **datas = calloc(n, sizeof(*datas));
    size_t *lens = calloc(n, sizeof(*lens));
    struct vuln_doc *docs = calloc(n, sizeof(*docs));
    size_t parsed = 0;
    int rc = AG_OK;
    if (!names || !datas || !lens || !docs) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n && !rc; i++) {
        names[i] = base_name(paths[i]);
        if ((rc = ag_file_read(paths[i], VULN_FILE_MAX, &datas[i], &lens[i], err)))
            break;
        if ((rc = vuln_doc_parse(paths[i], datas[i], lens[i], &docs[i], err)))
            break;
        parsed++;
    }
    if (!rc)
        rc = import_docs(st, actor, names, (const char *const *)datas, lens, docs, n, res, err);
out:
    for (size_t i = 0; i < parsed; i++)
        vuln_doc_release(&docs[i]);
    for (size_t i = 0; datas && i < n; i++)
        free(datas[i]);
    free(names);
    free(datas);
    free(lens);
    free(docs);
    return rc;
}

static bool ident_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 100)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= 'a' && s[i] <= 'z') || strchr("-_.:#/", s[i])))
            return false;
    return true;
}

int vuln_add(struct store *st, long long actor, const struct vuln_new *v, long long *id,
             int *matches_new, struct ag_error *err)
{
    struct vuln_entry e = {0};
    struct vuln_product p = {0};
    int rc;
    if (!v->ident || !ident_valid(v->ident))
        return ag_error_set(err, AG_EINVAL,
                            "id: \"%s\" is not a vulnerability id (e.g. CVE-2024-1234, "
                            "JVNDB-2024-000123)",
                            v->ident ? v->ident : "");
    if ((rc = isms_check_text("title", v->title, 500, err)) ||
        (v->description && *v->description &&
         (rc = isms_check_text("description", v->description, 16000, err))) ||
        (rc = isms_check_text("vendor", v->vendor, 200, err)) ||
        (rc = isms_check_text("product", v->product, 200, err)) ||
        (rc = vuln_range_parse("versions", v->versions, &p.range, err)) ||
        (v->severity && *v->severity &&
         (rc = isms_check_enum("severity", v->severity, vuln_severities, err))))
        return rc;
    const char *opt[][2] = {{"vector", v->vector},
                            {"fixed", v->fixed},
                            {"remediation", v->remediation},
                            {"refs", v->refs}};
    for (size_t i = 0; i < AG_ARRAY_LEN(opt); i++)
        if (opt[i][1] && *opt[i][1] && (rc = isms_check_text(opt[i][0], opt[i][1], 8000, err)))
            return rc;
    if (v->fixed && strlen(v->fixed) >= VULN_VERSION_MAX)
        return ag_error_set(err, AG_EINVAL, "fixed: longer than %d bytes", VULN_VERSION_MAX - 1);
    e.score = -1;
    if (v->score && *v->score) {
        char *end;
        double d = strtod(v->score, &end);
        if (*end || !(d >= 0 && d <= 10))
            return ag_error_set(err, AG_EINVAL, "cvss: \"%s\" is not a score from 0 to 10",
                                v->score);
        e.score = d;
    }
    if (!may_import(st, actor))
        return refuse_import(st, actor, err);
    e.ident = (char *)v->ident;
    e.title = (char *)v->title;
    e.description = (char *)(v->description ? v->description : "");
    e.vector = (char *)(v->vector ? v->vector : "");
    e.fixed_version = (char *)(v->fixed ? v->fixed : "");
    e.remediation = (char *)(v->remediation ? v->remediation : "");
    e.refs = (char *)(v->refs ? v->refs : "");
    e.advisory = (char *)"";
    if (v->severity && *v->severity) {
        for (size_t i = 0; vuln_severities[i]; i++)
            if (!strcmp(vuln_severities[i], v->severity))
                e.severity = vuln_severities[i];
    } else {
        e.severity = e.score < 0    ? "unknown"
                     : e.score == 0 ? "none"
                     : e.score < 4  ? "low"
                     : e.score < 7  ? "medium"
                     : e.score < 9  ? "high"
                                    : "critical";
    }
    p.vendor = (char *)v->vendor;
    p.product = (char *)v->product;
    p.status = "affected";
    snprintf(p.fixed, sizeof(p.fixed), "%s", v->fixed ? v->fixed : "");
    if (!p.fixed[0] && p.range.max[0] && !p.range.max_incl)
        snprintf(p.fixed, sizeof(p.fixed), "%s", p.range.max);
    e.products = &p;
    e.nproducts = 1;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, "SELECT 1 FROM vulns WHERE ident = ?", err)))
        return rc;
    sqlite3_bind_text(s, 1, v->ident, -1, SQLITE_STATIC);
    bool exists = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    if (exists)
        return ag_error_set(err, AG_ECONFLICT, "vulnerability %s exists already", v->ident);
    bool own, added;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_entry(st, actor, &e, "entered", NULL, NULL, &added, id, err);
    if (!rc)
        rc = vuln_rematch(st, matches_new, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- software inventory ---- */

static int check_software(struct store *st, long long actor, const struct vuln_software_new *w,
                          long long *asset, struct ag_error *err)
{
    int rc;
    if ((rc = isms_check_text("asset", w->asset, 64, err)) ||
        (rc = isms_asset_id(st, w->asset, asset, err)) ||
        (rc = isms_check_text("vendor", w->vendor, 200, err)) ||
        (rc = isms_check_text("product", w->product, 200, err)) ||
        (rc = isms_check_text("version", w->version, VULN_VERSION_MAX - 1, err)) ||
        (rc = isms_check_enum("source", w->source ? w->source : "entered", vuln_sw_sources, err)))
        return rc;
    if (w->cpe && *w->cpe) {
        if ((rc = isms_check_text("cpe", w->cpe, 300, err)))
            return rc;
        if (strncmp(w->cpe, "cpe:", 4) != 0)
            return ag_error_set(err, AG_EINVAL, "cpe: \"%s\" does not start with \"cpe:\"", w->cpe);
    }
    if (!vuln_may_handle(st, actor, *asset))
        return refuse_handle(st, actor, w->asset, err);
    return AG_OK;
}

/* Inserts a checked software row; *inserted false when the same row exists. */
static int insert_software(struct store *st, long long actor, long long asset,
                           const struct vuln_software_new *w, bool *inserted, long long *id,
                           struct ag_error *err)
{
    sqlite3_stmt *s;
    char now[21];
    int rc;
    now_iso(now);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO vuln_software(asset_id, vendor, product, version, cpe, "
                            "source, added_at, added_by) VALUES (?, trim(?), trim(?), trim(?), "
                            "trim(?), ?, ?, ?) ON CONFLICT DO NOTHING",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, asset);
    store_bind_text(s, 2, w->vendor);
    store_bind_text(s, 3, w->product);
    store_bind_text(s, 4, w->version);
    store_bind_text(s, 5, w->cpe ? w->cpe : "");
    sqlite3_bind_text(s, 6, w->source ? w->source : "entered", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 8, actor);
    if ((rc = step_done(st, s, "adding the software", err)))
        return rc;
    *inserted = sqlite3_changes(store_db(st)) > 0;
    if (id)
        *id = *inserted ? store_last_id(st) : 0;
    return AG_OK;
}

int vuln_software_add(struct store *st, long long actor, const struct vuln_software_new *w,
                      long long *id, int *matches_new, struct ag_error *err)
{
    long long asset;
    bool own, inserted;
    int rc;
    if ((rc = check_software(st, actor, w, &asset, err)))
        return rc;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = insert_software(st, actor, asset, w, &inserted, id, err)) == AG_OK && !inserted)
        rc = ag_error_set(err, AG_ECONFLICT, "asset %s already lists %s %s %s", w->asset, w->vendor,
                          w->product, w->version);
    if (!rc)
        rc = vuln_rematch(st, matches_new, err);
    return isms_tx_end(st, own, rc, err);
}

int vuln_software_remove(struct store *st, long long actor, long long id, struct ag_error *err)
{
    sqlite3_stmt *s;
    long long asset = 0;
    char code[65] = "";
    int rc;
    if ((rc = store_prepare(st, &s,
                            "SELECT w.asset_id, a.code FROM vuln_software w JOIN assets a ON "
                            "a.id = w.asset_id WHERE w.id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        asset = sqlite3_column_int64(s, 0);
        snprintf(code, sizeof(code), "%s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    if (!asset)
        return ag_error_set(err, AG_ENOTFOUND, "software %lld does not exist", id);
    if (!vuln_may_handle(st, actor, asset))
        return refuse_handle(st, actor, code, err);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    /* the rematch first retires this row's matches; then the row goes (matches keep its text) */
    if ((rc = store_prepare(st, &s, "DELETE FROM vuln_software WHERE id = ?", err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, id);
        rc = step_done(st, s, "removing the software", err);
    }
    if (!rc)
        rc = vuln_rematch(st, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

static const char *const csv_cols[] = {"asset", "vendor", "product", "version", "cpe"};

int vuln_software_import_csv(struct store *st, long long actor, const char *name, const char *data,
                             size_t len, int *added, int *skipped, int *matches_new,
                             struct ag_error *err)
{
    struct assess_grid *g = NULL;
    struct ag_error e2;
    int rc;
    *added = *skipped = 0;
    if (matches_new)
        *matches_new = 0;
    if ((rc = assess_csv_parse(data, len, &g, &e2)))
        return ag_error_set(err, rc, "%s: %s", name, e2.msg);
    unsigned rows = assess_grid_rows(g), ncols = 4;
    /* the header: asset,vendor,product,version[,cpe] */
    for (unsigned c = 1; c <= 5; c++) {
        const char *h = assess_grid_get(g, 1, c);
        while (*h == ' ')
            h++;
        if (c == 5 && !*h)
            break;
        if (strncasecmp(h, csv_cols[c - 1], strlen(csv_cols[c - 1])) != 0) {
            rc = ag_error_set(err, AG_EINVAL,
                              "%s: line 1, column %u: the header must be "
                              "asset,vendor,product,version[,cpe] (found \"%s\")",
                              name, c, h);
            goto out;
        }
        ncols = c;
    }
    if (*assess_grid_get(g, 1, ncols + 1)) {
        rc = ag_error_set(err, AG_EINVAL, "%s: line 1, column %u: an unexpected column \"%s\"",
                          name, ncols + 1, assess_grid_get(g, 1, ncols + 1));
        goto out;
    }
    long long *assets = calloc(rows + 1, sizeof(*assets));
    if (!assets) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory");
        goto out;
    }
    /* every row is checked before anything is written */
    for (unsigned r = 2; r <= rows && !rc; r++) {
        bool blank = true;
        for (unsigned c = 1; c <= ncols + 1; c++)
            if (*assess_grid_get(g, r, c))
                blank = false;
        if (blank)
            continue;
        if (*assess_grid_get(g, r, ncols + 1)) {
            rc =
                ag_error_set(err, AG_EINVAL, "%s: line %u, column %u: more columns than the header",
                             name, r, ncols + 1);
            break;
        }
        for (unsigned c = 1; c <= 4; c++)
            if (!*assess_grid_get(g, r, c)) {
                rc = ag_error_set(err, AG_EINVAL, "%s: line %u, column %u (%s): empty", name, r, c,
                                  csv_cols[c - 1]);
                break;
            }
        if (rc)
            break;
        struct vuln_software_new w = {assess_grid_get(g, r, 1),
                                      assess_grid_get(g, r, 2),
                                      assess_grid_get(g, r, 3),
                                      assess_grid_get(g, r, 4),
                                      ncols == 5 ? assess_grid_get(g, r, 5) : NULL,
                                      "csv"};
        if ((rc = check_software(st, actor, &w, &assets[r], &e2))) {
            /* name the line and the column of the field the message starts with */
            unsigned col = 0;
            for (unsigned c = 0; c < 5; c++)
                if (!strncmp(e2.msg, csv_cols[c], strlen(csv_cols[c])) &&
                    e2.msg[strlen(csv_cols[c])] == ':')
                    col = c + 1;
            if (!col && strstr(e2.msg, "asset"))
                col = 1;
            if (col)
                rc = ag_error_set(err, rc, "%s: line %u, column %u (%s): %s", name, r, col,
                                  csv_cols[col - 1], e2.msg);
            else
                rc = ag_error_set(err, rc, "%s: line %u: %s", name, r, e2.msg);
        }
    }
    bool own;
    if (!rc && (rc = isms_tx_begin(st, &own, err)) == AG_OK) {
        for (unsigned r = 2; r <= rows && !rc; r++) {
            if (!assets[r])
                continue;
            struct vuln_software_new w = {assess_grid_get(g, r, 1),
                                          assess_grid_get(g, r, 2),
                                          assess_grid_get(g, r, 3),
                                          assess_grid_get(g, r, 4),
                                          ncols == 5 ? assess_grid_get(g, r, 5) : NULL,
                                          "csv"};
            bool inserted;
            if ((rc = insert_software(st, actor, assets[r], &w, &inserted, NULL, err)) == AG_OK)
                (*(inserted ? added : skipped))++;
        }
        if (!rc) {
            char detail[256];
            snprintf(detail, sizeof(detail), "{\"added\": %d, \"skipped\": %d}", *added, *skipped);
            rc = store_audit(st, "import", "vuln_software", "csv", detail, err);
        }
        if (!rc)
            rc = vuln_rematch(st, matches_new, err);
        rc = isms_tx_end(st, own, rc, err);
    }
    free(assets);
out:
    assess_grid_free(g);
    return rc;
}

static int csv_query(struct store *st, const char *sql, const char *const *params, size_t n,
                     struct strbuf *out, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        store_bind_text(s, (int)i + 1, params[i]);
    int cols = sqlite3_column_count(s);
    for (int c = 0; c < cols; c++) {
        if (c)
            strbuf_addc(out, ',');
        strbuf_add_csv_field(out, sqlite3_column_name(s, c));
    }
    strbuf_adds(out, "\r\n");
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        for (int c = 0; c < cols; c++) {
            if (c)
                strbuf_addc(out, ',');
            strbuf_add_csv_field(out, store_col_text(s, c));
        }
        strbuf_adds(out, "\r\n");
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return store_error(st, "exporting", err);
    if (!strbuf_ok(out))
        return ag_error_set(err, AG_ENOMEM, "the export is too large");
    return AG_OK;
}

int vuln_software_csv(struct store *st, const char *asset, struct strbuf *out, struct ag_error *err)
{
    const char *params[] = {asset};
    return csv_query(st,
                     "SELECT a.code AS asset, w.vendor, w.product, w.version, w.cpe, w.source, "
                     "w.added_at FROM vuln_software w JOIN assets a ON a.id = w.asset_id WHERE "
                     "(?1 IS NULL OR a.code = ?1) ORDER BY a.code, w.vendor, w.product, w.version",
                     params, 1, out, err);
}

int vuln_matches_csv(struct store *st, const struct vuln_filter *f, struct strbuf *out,
                     struct ag_error *err)
{
    char today[11];
    ag_date_iso(ag_now(), today);
    const char *params[] = {f->status, f->asset, f->severity, f->vuln, f->overdue ? "1" : NULL,
                            today};
    return csv_query(
        st,
        "SELECT m.id AS match, v.ident AS vulnerability, v.title, v.severity, v.cvss_score AS "
        "cvss, v.cvss_vector, a.code AS asset, m.vendor, m.product, m.version, m.certainty, "
        "m.fixed AS fixed_version, m.status, m.risk, m.need, m.method, m.workaround, m.impact, "
        "m.due_date AS due, m.test_needed AS test, m.test_method, m.test_due, (SELECT "
        "group_concat(c.kind || ': ' || c.text, ' / ') FROM vuln_compensations c WHERE c.match_id "
        "= m.id) AS compensations, pp.login AS planned_by, pa.login AS approved_by, "
        "m.approved_at, pc.login AS closed_by, m.closed_at, m.close_note, v.advisory, "
        "v.source_file FROM vuln_matches m JOIN vulns v ON v.id = m.vuln_id JOIN assets a ON a.id "
        "= m.asset_id LEFT JOIN people pp ON pp.id = m.planned_by LEFT JOIN people pa ON pa.id = "
        "m.approved_by LEFT JOIN people pc ON pc.id = m.closed_by WHERE (?1 IS NULL OR m.status "
        "= ?1) AND (?2 IS NULL OR a.code = ?2) AND (?3 IS NULL OR v.severity = ?3) AND (?4 IS "
        "NULL OR v.ident = ?4) AND (?5 IS NULL OR (m.status IN ('open', 'planned') AND "
        "m.due_date < ?6)) ORDER BY m.id",
        params, AG_ARRAY_LEN(params), out, err);
}

/* ---- handling of a match ---- */

struct match_row {
    long long id, asset, planned_by, approved_by;
    char status[16], asset_code[65], ident[101];
    char need[4], test_needed[4];
    bool risk, method, workaround, impact, due, test_method, test_due;
    int compensations;
};

static int load_match(struct store *st, long long id, struct match_row *m, struct ag_error *err)
{
    sqlite3_stmt *s;
    memset(m, 0, sizeof(*m));
    int rc = store_prepare(
        st, &s,
        "SELECT m.asset_id, coalesce(m.planned_by, 0), coalesce(m.approved_by, 0), m.status, "
        "a.code, v.ident, coalesce(m.need, ''), coalesce(m.test_needed, ''), m.risk <> '', "
        "m.method <> '', m.workaround <> '', m.impact <> '', m.due_date IS NOT NULL, "
        "m.test_method <> '', m.test_due IS NOT NULL, (SELECT count(*) FROM vuln_compensations c "
        "WHERE c.match_id = m.id) FROM vuln_matches m JOIN assets a ON a.id = m.asset_id JOIN "
        "vulns v ON v.id = m.vuln_id WHERE m.id = ?",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW) {
        m->id = id;
        m->asset = sqlite3_column_int64(s, 0);
        m->planned_by = sqlite3_column_int64(s, 1);
        m->approved_by = sqlite3_column_int64(s, 2);
        snprintf(m->status, sizeof(m->status), "%s", store_col_text(s, 3));
        snprintf(m->asset_code, sizeof(m->asset_code), "%s", store_col_text(s, 4));
        snprintf(m->ident, sizeof(m->ident), "%s", store_col_text(s, 5));
        snprintf(m->need, sizeof(m->need), "%s", store_col_text(s, 6));
        snprintf(m->test_needed, sizeof(m->test_needed), "%s", store_col_text(s, 7));
        m->risk = sqlite3_column_int(s, 8);
        m->method = sqlite3_column_int(s, 9);
        m->workaround = sqlite3_column_int(s, 10);
        m->impact = sqlite3_column_int(s, 11);
        m->due = sqlite3_column_int(s, 12);
        m->test_method = sqlite3_column_int(s, 13);
        m->test_due = sqlite3_column_int(s, 14);
        m->compensations = sqlite3_column_int(s, 15);
    }
    sqlite3_finalize(s);
    if (step == SQLITE_DONE)
        return ag_error_set(err, AG_ENOTFOUND, "vulnerability match %lld does not exist", id);
    return step == SQLITE_ROW ? AG_OK : store_error(st, "reading the match", err);
}

/* The guideline's plan fields still missing, named as the CLI options are. */
static void missing_fields(const struct match_row *m, char *out, size_t cap)
{
    struct strbuf sb;
    strbuf_init(&sb, cap);
    const struct {
        bool have;
        const char *name;
        int when; /* 0 always, 1 need yes, 2 test yes */
    } f[] = {{m->risk, "risk", 0},
             {m->need[0] != 0, "need", 0},
             {m->method, "method", 1},
             {m->workaround, "workaround", 1},
             {m->impact, "impact", 1},
             {m->due, "due", 1},
             {m->test_needed[0] != 0, "test", 1},
             {m->test_method, "test-method", 2},
             {m->test_due, "test-due", 2}};
    bool need = !strcmp(m->need, "yes") || !m->need[0], test = !strcmp(m->test_needed, "yes");
    for (size_t i = 0; i < AG_ARRAY_LEN(f); i++) {
        if (f[i].have || (f[i].when == 1 && !need) || (f[i].when == 2 && (!need || !test)))
            continue;
        if (sb.len)
            strbuf_adds(&sb, ", ");
        strbuf_adds(&sb, f[i].name);
    }
    snprintf(out, cap, "%s", strbuf_str(&sb));
    strbuf_release(&sb);
}

int vuln_plan_missing(struct store *st, long long match, char *out, size_t cap,
                      struct ag_error *err)
{
    struct match_row m;
    int rc = load_match(st, match, &m, err);
    if (!rc)
        missing_fields(&m, out, cap);
    return rc;
}

static bool is_closed(const char *status)
{
    return !strcmp(status, "done") || !strcmp(status, "accepted") ||
           !strcmp(status, "not_affected");
}

static int refuse_closed(const struct match_row *m, struct ag_error *err)
{
    return ag_error_set(err, AG_EDENIED, "vuln: match %lld (%s on %s) is closed (%s)", m->id,
                        m->ident, m->asset_code, m->status);
}

/* The match into m if it is still open and actor may handle its asset; otherwise the refusal. */
static int load_handled_match(struct store *st, long long actor, long long match,
                              struct match_row *m, struct ag_error *err)
{
    int rc;
    if ((rc = load_match(st, match, m, err)))
        return rc;
    if (is_closed(m->status))
        return refuse_closed(m, err);
    if (!vuln_may_handle(st, actor, m->asset))
        return refuse_handle(st, actor, m->asset_code, err);
    return AG_OK;
}

int vuln_plan_set(struct store *st, long long actor, long long match, const struct vuln_plan *p,
                  struct ag_error *err)
{
    struct match_row m;
    char due[11], test_due[11];
    int rc;
    if ((p->need && (rc = isms_check_enum("need", p->need, yes_no, err))) ||
        (p->test_needed && (rc = isms_check_enum("test", p->test_needed, yes_no, err))) ||
        (p->due && (rc = isms_check_date("due", p->due, due, err))) ||
        (p->test_due && (rc = isms_check_date("test-due", p->test_due, test_due, err))))
        return rc;
    const char *texts[][2] = {{"risk", p->risk},
                              {"method", p->method},
                              {"workaround", p->workaround},
                              {"impact", p->impact},
                              {"test-method", p->test_method}};
    bool any = p->need || p->test_needed || p->due || p->test_due;
    for (size_t i = 0; i < AG_ARRAY_LEN(texts); i++)
        if (texts[i][1]) {
            if ((rc = isms_check_text(texts[i][0], texts[i][1], 8000, err)))
                return rc;
            any = true;
        }
    if (!any)
        return ag_error_set(err, AG_EINVAL,
                            "plan: give at least one of risk, need, method, workaround, impact, "
                            "due, test, test-method, test-due");
    if ((rc = load_handled_match(st, actor, match, &m, err)))
        return rc;
    bool own;
    sqlite3_stmt *s;
    char now[21];
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    now_iso(now);
    if ((rc = store_prepare(st, &s,
                            "UPDATE vuln_matches SET risk = coalesce(?2, risk), need = "
                            "coalesce(?3, need), method = coalesce(?4, method), workaround = "
                            "coalesce(?5, workaround), impact = coalesce(?6, impact), due_date = "
                            "coalesce(?7, due_date), test_needed = coalesce(?8, test_needed), "
                            "test_method = coalesce(?9, test_method), test_due = coalesce(?10, "
                            "test_due), planned_by = ?11, planned_at = ?12, approved_by = NULL, "
                            "approved_at = NULL WHERE id = ?1",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, match);
        store_bind_text(s, 2, p->risk);
        store_bind_text(s, 3, p->need);
        store_bind_text(s, 4, p->method);
        store_bind_text(s, 5, p->workaround);
        store_bind_text(s, 6, p->impact);
        store_bind_text(s, 7, p->due ? due : NULL);
        store_bind_text(s, 8, p->test_needed);
        store_bind_text(s, 9, p->test_method);
        store_bind_text(s, 10, p->test_due ? test_due : NULL);
        sqlite3_bind_int64(s, 11, actor);
        sqlite3_bind_text(s, 12, now, -1, SQLITE_STATIC);
        rc = step_done(st, s, "recording the plan", err);
    }
    char missing[256];
    if (!rc && (rc = load_match(st, match, &m, err)) == AG_OK) {
        missing_fields(&m, missing, sizeof(missing));
        if ((rc = store_prepare(st, &s, "UPDATE vuln_matches SET status = ?2 WHERE id = ?1",
                                err)) == AG_OK) {
            sqlite3_bind_int64(s, 1, match);
            sqlite3_bind_text(s, 2, missing[0] ? "open" : "planned", -1, SQLITE_STATIC);
            rc = step_done(st, s, "recording the plan", err);
        }
    }
    return isms_tx_end(st, own, rc, err);
}

int vuln_compensate(struct store *st, long long actor, long long match, const char *kind,
                    const char *text, struct ag_error *err)
{
    struct match_row m;
    int rc;
    if ((rc = isms_check_enum("kind", kind, vuln_comp_kinds, err)) ||
        (rc = isms_check_text("text", text, 8000, err)) ||
        (rc = load_handled_match(st, actor, match, &m, err)))
        return rc;
    bool own;
    sqlite3_stmt *s;
    char now[21];
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    now_iso(now);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO vuln_compensations(match_id, kind, text, added_by, "
                            "added_at) VALUES (?, ?, ?, ?, ?)",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, match);
        sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 4, actor);
        sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
        rc = step_done(st, s, "recording the measure", err);
    }
    if (!rc && m.approved_by &&
        (rc = store_prepare(st, &s,
                            "UPDATE vuln_matches SET approved_by = NULL, approved_at = NULL WHERE "
                            "id = ?",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, match);
        rc = step_done(st, s, "withdrawing the approval", err);
    }
    return isms_tx_end(st, own, rc, err);
}

int vuln_approve(struct store *st, long long actor, long long match, struct ag_error *err)
{
    struct match_row m;
    char missing[256], what[160];
    int rc;
    if ((rc = load_match(st, match, &m, err)))
        return rc;
    if (is_closed(m.status))
        return refuse_closed(&m, err);
    missing_fields(&m, missing, sizeof(missing));
    if (missing[0] && !m.compensations)
        return ag_error_set(err, AG_EDENIED,
                            "vuln: match %lld has nothing to approve: the plan lacks %s and no "
                            "compensating measure is recorded (3.2.2.1①)",
                            match, missing);
    if (m.approved_by) {
        char login[65];
        isms_person_label(st, m.approved_by, login, sizeof(login));
        return ag_error_set(err, AG_ECONFLICT, "vuln: match %lld is already approved by %s", match,
                            login);
    }
    if (!vuln_may_approve(st, actor, m.asset)) {
        char login[65];
        isms_person_label(st, actor, login, sizeof(login));
        return ag_error_set(err, AG_EDENIED,
                            "vuln: %s may not approve the handling of asset %s: a manager "
                            "(情報セキュリティ責任者) of its system's department or the CISO "
                            "approves",
                            login, m.asset_code);
    }
    snprintf(what, sizeof(what), "approve the handling of vulnerability match %lld", match);
    /* 3.1.4.1(2): never the person who planned or recorded the measures */
    sqlite3_stmt *s;
    if (m.planned_by && (rc = isms_duty_not_self(st, actor, m.planned_by, what, err)))
        return rc;
    if ((rc = store_prepare(
             st, &s, "SELECT DISTINCT added_by FROM vuln_compensations WHERE match_id = ?", err)))
        return rc;
    sqlite3_bind_int64(s, 1, match);
    while (!rc && sqlite3_step(s) == SQLITE_ROW)
        rc = isms_duty_not_self(st, actor, sqlite3_column_int64(s, 0), what, err);
    sqlite3_finalize(s);
    if (rc)
        return rc;
    bool own;
    char now[21];
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    now_iso(now);
    if ((rc = store_prepare(st, &s,
                            "UPDATE vuln_matches SET approved_by = ?2, approved_at = ?3 WHERE id "
                            "= ?1 AND approved_by IS NULL",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, match);
        sqlite3_bind_int64(s, 2, actor);
        sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
        if ((rc = step_done(st, s, "approving", err)) == AG_OK &&
            sqlite3_changes(store_db(st)) == 0)
            rc = ag_error_set(err, AG_ECONFLICT, "vuln: match %lld is already approved", match);
    }
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", match);
    if (!rc)
        rc = store_audit(st, "approve", "vuln_matches", sid, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int vuln_close(struct store *st, long long actor, long long match, const char *how,
               const char *note, struct ag_error *err)
{
    static const char *const hows[] = {"done", "accepted", "not_affected", NULL};
    struct match_row m;
    char missing[256];
    int rc;
    if ((rc = isms_check_enum("close", how, hows, err)))
        return rc;
    bool done = !strcmp(how, "done");
    if (note && *note && (rc = isms_check_text("note", note, 8000, err)))
        return rc;
    if (!done && (!note || !*note))
        return ag_error_set(err, AG_EINVAL,
                            !strcmp(how, "accepted")
                                ? "vuln: accepting the risk needs the reason (--accept REASON)"
                                : "vuln: closing as not affected needs the justification "
                                  "(--not-affected REASON)");
    if (!done && (rc = isms_check_text("reason", note, 8000, err)))
        return rc;
    if ((rc = load_handled_match(st, actor, match, &m, err)))
        return rc;
    missing_fields(&m, missing, sizeof(missing));
    if (done) {
        if (missing[0])
            return ag_error_set(err, AG_EDENIED,
                                "vuln: match %lld cannot be closed as done: the plan lacks %s "
                                "(3.2.2.1①)",
                                match, missing);
        if (strcmp(m.need, "yes") != 0)
            return ag_error_set(err, AG_EDENIED,
                                "vuln: match %lld cannot be closed as done: the plan says no "
                                "action is needed; close it with --accept REASON",
                                match);
    } else if (!strcmp(how, "accepted") && !m.compensations &&
               (missing[0] || strcmp(m.need, "no") != 0)) {
        return ag_error_set(err, AG_EDENIED,
                            "vuln: match %lld cannot be accepted: record compensating measures "
                            "(vuln compensate) or a complete plan with need \"no\"%s%s",
                            match, missing[0] ? "; the plan lacks " : "", missing);
    }
    if (strcmp(how, "not_affected") != 0 && !m.approved_by)
        return ag_error_set(err, AG_EDENIED,
                            "vuln: match %lld cannot be closed as %s: the handling is not "
                            "approved (a manager or the CISO other than the planner approves "
                            "it: vuln approve)",
                            match, how);
    bool own;
    sqlite3_stmt *s;
    char now[21];
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    now_iso(now);
    if ((rc = store_prepare(st, &s,
                            "UPDATE vuln_matches SET status = ?2, closed_by = ?3, closed_at = ?4, "
                            "close_note = ?5 WHERE id = ?1 AND status IN ('open', 'planned')",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, match);
        sqlite3_bind_text(s, 2, how, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, actor);
        sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
        store_bind_text(s, 5, note ? note : "");
        if ((rc = step_done(st, s, "closing", err)) == AG_OK && sqlite3_changes(store_db(st)) == 0)
            rc = ag_error_set(err, AG_ECONFLICT, "vuln: match %lld was closed meanwhile", match);
    }
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", match);
    if (!rc)
        rc = store_audit(st, "close", "vuln_matches", sid, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int vuln_review(struct store *st, long long actor, const char *note, long long *id,
                struct ag_error *err)
{
    int rc;
    if (note && *note && (rc = isms_check_text("note", note, 8000, err)))
        return rc;
    if (!isms_has_role(st, actor, "sysadmin", 0) && !isms_has_role(st, actor, "manager", 0) &&
        !isms_has_role(st, actor, "ciso", 0)) {
        char login[65];
        isms_person_label(st, actor, login, sizeof(login));
        return ag_error_set(err, AG_EDENIED,
                            "vuln: %s may not record the review: a system administrator, a "
                            "manager or the CISO does (3.1.5.1(1)(e))",
                            login);
    }
    bool own;
    sqlite3_stmt *s;
    char now[21], today[11];
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    now_iso(now);
    ag_date_iso(ag_now(), today);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO vuln_reviews(reviewed_by, reviewed_at, open_count, "
                            "overdue, note) SELECT ?1, ?2, count(*), coalesce(sum(due_date < "
                            "?3), 0), ?4 FROM vuln_matches WHERE status IN ('open', 'planned')",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, actor);
        sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, today, -1, SQLITE_STATIC);
        store_bind_text(s, 4, note ? note : "");
        rc = step_done(st, s, "recording the review", err);
        if (!rc && id)
            *id = store_last_id(st);
    }
    return isms_tx_end(st, own, rc, err);
}
