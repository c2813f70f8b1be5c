/*
 * risk.c — the risk register of guideline 3.1.2.1: criteria, identification, analysis,
 * evaluation against the threshold, treatment, acceptance and review (see risk.h).
 *
 * Invariant kept here: risks.level / residual_level / above_threshold / status are what
 * risk_level_of and risk_status_of give for the current criteria. Every step that changes the
 * analysis, the treatment or the criteria recomputes them (save_eval) in its transaction and
 * leaves a row in risk_history.
 */
#include "isms/risk.h"

const char *const risk_treatments[] = {"reduce", "avoid", "transfer", "retain", NULL};
const char *const risk_statuses[] = {
    "identified", "below_threshold", "needs_decision", "awaiting_acceptance", "accepted", "treated",
    NULL};
static const char *const axes[] = {"impact", "likelihood", NULL};

/* ---- pure logic ---- */

int risk_level_of(const struct risk_criteria *c, int impact, int likelihood)
{
    if (impact < 1 || impact > c->n_impact || likelihood < 1 || likelihood > c->n_likelihood)
        return 0;
    return c->matrix[impact - 1][likelihood - 1];
}

int risk_criteria_check(const struct risk_criteria *c, struct ag_error *err)
{
    if (c->n_impact < 1 || c->n_impact > RISK_SCALE_MAX || c->n_likelihood < 1 ||
        c->n_likelihood > RISK_SCALE_MAX)
        return ag_error_set(err, AG_EINVAL, "risk criteria: the scales must have 1 to %d values",
                            RISK_SCALE_MAX);
    if (c->n_levels < 2 || c->n_levels > RISK_SCALE_MAX)
        return ag_error_set(err, AG_EINVAL, "risk criteria: there must be 2 to %d levels",
                            RISK_SCALE_MAX);
    for (int i = 1; i <= c->n_impact; i++)
        for (int l = 1; l <= c->n_likelihood; l++) {
            int v = c->matrix[i - 1][l - 1];
            if (v < 1 || v > c->n_levels)
                return ag_error_set(err, AG_EINVAL,
                                    "risk criteria: matrix cell impact %d x likelihood %d has no "
                                    "level (set it: airguard risk criteria cell %d %d LEVEL)",
                                    i, l, i, l);
            if (i > 1 && c->matrix[i - 2][l - 1] > v)
                return ag_error_set(err, AG_EINVAL,
                                    "risk criteria: level %d at impact %d x likelihood %d is "
                                    "lower than level %d at impact %d (levels may not fall as "
                                    "impact rises)",
                                    v, i, l, c->matrix[i - 2][l - 1], i - 1);
            if (l > 1 && c->matrix[i - 1][l - 2] > v)
                return ag_error_set(err, AG_EINVAL,
                                    "risk criteria: level %d at impact %d x likelihood %d is "
                                    "lower than level %d at likelihood %d (levels may not fall "
                                    "as likelihood rises)",
                                    v, i, l, c->matrix[i - 1][l - 2], l - 1);
        }
    if (c->threshold < 1 || c->threshold > c->n_levels)
        return ag_error_set(err, AG_EINVAL, "risk criteria: threshold %d is not a level (1 to %d)",
                            c->threshold, c->n_levels);
    return AG_OK;
}

const char *risk_status_of(const struct risk_criteria *c, int level, int residual_level,
                           bool selected, const char *treatment, bool accepted)
{
    if (level <= 0)
        return "identified";
    if (!treatment)
        return level >= c->threshold || selected ? "needs_decision" : "below_threshold";
    if (residual_level >= c->threshold && !accepted)
        return "awaiting_acceptance";
    return strcmp(treatment, "retain") == 0 ? "accepted" : "treated";
}

int risk_treatment_parse(const char *s, const char **out, struct ag_error *err)
{
    static const char *const map[][2] = {
        {"reduce", "reduce"}, {"低減", "reduce"},         {"avoid", "avoid"},
        {"回避", "avoid"},    {"transfer", "transfer"},   {"share", "transfer"},
        {"移転", "transfer"}, {"共有", "transfer"},       {"移転（共有）", "transfer"},
        {"retain", "retain"}, {"accept", "retain"},       {"保有", "retain"},
        {"受容", "retain"},   {"保有（受容）", "retain"},
    };
    for (size_t i = 0; s && i < AG_ARRAY_LEN(map); i++)
        if (strcmp(s, map[i][0]) == 0) {
            *out = map[i][1];
            return AG_OK;
        }
    return ag_error_set(err, AG_EINVAL,
                        "treatment: \"%.40s\" is not one of: reduce (低減), avoid (回避), "
                        "transfer (移転・共有), retain (保有・受容)",
                        s ? s : "");
}

/* ---- store helpers ---- */

static int step_done(struct store *st, sqlite3_stmt *s, const char *what, struct ag_error *err)
{
    int rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
    sqlite3_finalize(s);
    return rc;
}

int risk_criteria_load(struct store *st, struct risk_criteria *c, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    memset(c, 0, sizeof(*c));
    if ((rc = store_prepare(st, &s,
                            "SELECT (SELECT coalesce(max(value), 0) FROM risk_scales WHERE axis = "
                            "'impact'), (SELECT coalesce(max(value), 0) FROM risk_scales WHERE "
                            "axis = 'likelihood'), (SELECT coalesce(max(rank), 0) FROM "
                            "risk_levels), threshold, review_days, decision_days FROM "
                            "risk_settings WHERE id = 1",
                            err)))
        return rc;
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return ag_error_set(err, AG_ENOTFOUND, "risk criteria: the settings row is missing");
    }
    c->n_impact = sqlite3_column_int(s, 0);
    c->n_likelihood = sqlite3_column_int(s, 1);
    c->n_levels = sqlite3_column_int(s, 2);
    c->threshold = sqlite3_column_int(s, 3);
    c->review_days = sqlite3_column_int(s, 4);
    c->decision_days = sqlite3_column_int(s, 5);
    sqlite3_finalize(s);
    if ((rc = store_prepare(st, &s, "SELECT impact, likelihood, level FROM risk_matrix", err)))
        return rc;
    while (sqlite3_step(s) == SQLITE_ROW) {
        int i = sqlite3_column_int(s, 0), l = sqlite3_column_int(s, 1);
        if (i >= 1 && i <= RISK_SCALE_MAX && l >= 1 && l <= RISK_SCALE_MAX)
            c->matrix[i - 1][l - 1] = sqlite3_column_int(s, 2);
    }
    sqlite3_finalize(s);
    return AG_OK;
}

struct risk_row {
    long long owner, decided_by, accepted_by;
    int impact, likelihood, level, residual_impact, residual_likelihood, residual_level;
    bool selected;
    char treatment[16], status[24], decision_due[11], title[256];
};

static int load_risk(struct store *st, long long id, struct risk_row *r, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        st, &s,
        "SELECT owner_id, coalesce(decided_by, 0), coalesce(accepted_by, 0), coalesce(impact, 0), "
        "coalesce(likelihood, 0), coalesce(level, 0), coalesce(residual_impact, 0), "
        "coalesce(residual_likelihood, 0), coalesce(residual_level, 0), selected, "
        "coalesce(treatment, ''), status, coalesce(decision_due, ''), title FROM risks WHERE id = "
        "?",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        r->owner = sqlite3_column_int64(s, 0);
        r->decided_by = sqlite3_column_int64(s, 1);
        r->accepted_by = sqlite3_column_int64(s, 2);
        r->impact = sqlite3_column_int(s, 3);
        r->likelihood = sqlite3_column_int(s, 4);
        r->level = sqlite3_column_int(s, 5);
        r->residual_impact = sqlite3_column_int(s, 6);
        r->residual_likelihood = sqlite3_column_int(s, 7);
        r->residual_level = sqlite3_column_int(s, 8);
        r->selected = sqlite3_column_int(s, 9) != 0;
        snprintf(r->treatment, sizeof(r->treatment), "%s", store_col_text(s, 10));
        snprintf(r->status, sizeof(r->status), "%s", store_col_text(s, 11));
        snprintf(r->decision_due, sizeof(r->decision_due), "%s", store_col_text(s, 12));
        snprintf(r->title, sizeof(r->title), "%s", store_col_text(s, 13));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "risk %lld does not exist", id);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Recomputes level, residual level, evaluation and status of r under c, writes them to risk id
 * and (when step is not NULL) a history row. */
static int save_eval(struct store *st, const struct risk_criteria *c, long long id,
                     struct risk_row *r, const char *step, long long actor, const char *note,
                     struct ag_error *err)
{
    char today[11], now[21], due[11] = "";
    sqlite3_stmt *s;
    int rc;
    ag_date_iso(ag_now(), today);
    ag_time_iso(ag_now(), now);
    r->level = risk_level_of(c, r->impact, r->likelihood);
    r->residual_level = risk_level_of(c, r->residual_impact, r->residual_likelihood);
    const char *status = risk_status_of(c, r->level, r->residual_level, r->selected,
                                        *r->treatment ? r->treatment : NULL, r->accepted_by != 0);
    /* a treatment decision is due decision_days after the risk first needed one */
    if (strcmp(status, "needs_decision") == 0)
        snprintf(due, sizeof(due), "%s", r->decision_due);
    if (strcmp(status, "needs_decision") == 0 && !*due)
        ag_date_add(today, c->decision_days, due);
    snprintf(r->status, sizeof(r->status), "%s", status);
    snprintf(r->decision_due, sizeof(r->decision_due), "%s", due);
    if ((rc = store_prepare(st, &s,
                            "UPDATE risks SET level = nullif(?2, 0), residual_level = nullif(?3, "
                            "0), above_threshold = ?4, status = ?5, decision_due = nullif(?6, '') "
                            "WHERE id = ?1",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, r->level);
    sqlite3_bind_int(s, 3, r->residual_level);
    sqlite3_bind_int(s, 4, r->level >= c->threshold);
    sqlite3_bind_text(s, 5, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, due, -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, "evaluating the risk", err)) || !step)
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO risk_history(risk_id, at, by_id, step, impact, "
                            "likelihood, level, residual_level, status, note) VALUES (?, ?, "
                            "nullif(?, 0), ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), "
                            "nullif(?, 0), ?, ?)",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 3, actor);
    sqlite3_bind_text(s, 4, step, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 5, r->impact);
    sqlite3_bind_int(s, 6, r->likelihood);
    sqlite3_bind_int(s, 7, r->level);
    sqlite3_bind_int(s, 8, r->residual_level);
    sqlite3_bind_text(s, 9, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 10, note ? note : "", -1, SQLITE_STATIC);
    return step_done(st, s, "recording the risk history", err);
}

/* After a criteria change: the new criteria must be usable, then every analysed risk is
 * re-evaluated (its status may change, e.g. into needs_decision when the threshold drops). */
static int reevaluate_all(struct store *st, long long actor, struct ag_error *err)
{
    struct risk_criteria c;
    sqlite3_stmt *s;
    int rc;
    if ((rc = risk_criteria_load(st, &c, err)) || (rc = risk_criteria_check(&c, err)))
        return rc;
    if ((rc = store_prepare(st, &s, "SELECT id FROM risks WHERE impact IS NOT NULL ORDER BY id",
                            err)))
        return rc;
    long long ids[4096];
    size_t n = 0;
    while (sqlite3_step(s) == SQLITE_ROW && n < AG_ARRAY_LEN(ids))
        ids[n++] = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    for (size_t i = 0; i < n; i++) {
        struct risk_row r;
        if ((rc = load_risk(st, ids[i], &r, err)))
            return rc;
        int old_level = r.level, old_res = r.residual_level;
        char old_status[24];
        snprintf(old_status, sizeof(old_status), "%s", r.status);
        if ((rc = save_eval(st, &c, ids[i], &r, NULL, actor, NULL, err)))
            return rc;
        if (r.level != old_level || r.residual_level != old_res ||
            strcmp(r.status, old_status) != 0)
            if ((rc = save_eval(st, &c, ids[i], &r, "criteria", actor, "risk criteria changed",
                                err)))
                return rc;
    }
    return AG_OK;
}

static int need_ciso(struct store *st, long long actor, const char *what, struct ag_error *err)
{
    return isms_duty_has_role(st, actor, "ciso", 0, what, err);
}

static int criteria_audit(struct store *st, const char *what, struct ag_error *err)
{
    return store_audit(st, "criteria", "risk_criteria", what, NULL, err);
}

/* After a change of the criteria (rc its result so far): the audit row, then every risk
 * re-evaluated against the new criteria. */
static int criteria_changed(struct store *st, long long actor, const char *what, int rc,
                            struct ag_error *err)
{
    if (rc == AG_OK && (rc = criteria_audit(st, what, err)) == AG_OK)
        rc = reevaluate_all(st, actor, err);
    return rc;
}

int risk_criteria_set_scale(struct store *st, long long actor, const char *axis, int value,
                            const char *label_ja, const char *label_en, const char *desc_ja,
                            const char *desc_en, struct ag_error *err)
{
    struct risk_criteria c;
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = isms_check_enum("axis", axis, axes, err)) ||
        (rc = isms_check_text("label-ja", label_ja, 100, err)) ||
        (rc = isms_check_text("label-en", label_en, 100, err)) ||
        (desc_ja && (rc = isms_check_text("description-ja", desc_ja, 1000, err))) ||
        (desc_en && (rc = isms_check_text("description-en", desc_en, 1000, err))) ||
        (rc = risk_criteria_load(st, &c, err)))
        return rc;
    int n = strcmp(axis, "impact") == 0 ? c.n_impact : c.n_likelihood;
    if (value < 1 || value > n + 1 || value > RISK_SCALE_MAX)
        return ag_error_set(err, AG_EINVAL,
                            "%s: value %d is neither an existing value (1 to %d) nor the next "
                            "one (%d, at most %d)",
                            axis, value, n, n + 1, RISK_SCALE_MAX);
    if ((rc = need_ciso(st, actor, "change the risk criteria", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO risk_scales(axis, value, label_ja, label_en, "
                            "description_ja, description_en) VALUES (?1, ?2, ?3, ?4, "
                            "coalesce(?5, ''), coalesce(?6, '')) ON CONFLICT(axis, value) DO "
                            "UPDATE SET label_ja = ?3, label_en = ?4, description_ja = "
                            "coalesce(?5, description_ja), description_en = coalesce(?6, "
                            "description_en)",
                            err)))
        goto out;
    sqlite3_bind_text(s, 1, axis, -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 2, value);
    sqlite3_bind_text(s, 3, label_ja, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, label_en, -1, SQLITE_STATIC);
    store_bind_text(s, 5, desc_ja);
    store_bind_text(s, 6, desc_en);
    if ((rc = step_done(st, s, "setting the scale", err)))
        goto out;
    if (value == n + 1) { /* a new value: its cells start as copies of the value below */
        const char *sql = strcmp(axis, "impact") == 0
                              ? "INSERT INTO risk_matrix(impact, likelihood, level) SELECT ?1, "
                                "likelihood, level FROM risk_matrix WHERE impact = ?1 - 1"
                              : "INSERT INTO risk_matrix(impact, likelihood, level) SELECT "
                                "impact, ?1, level FROM risk_matrix WHERE likelihood = ?1 - 1";
        if ((rc = store_prepare(st, &s, sql, err)))
            goto out;
        sqlite3_bind_int(s, 1, value);
        if ((rc = step_done(st, s, "extending the matrix", err)))
            goto out;
    }
    rc = criteria_changed(st, actor, axis, rc, err);
out:
    return isms_tx_end(st, own, rc, err);
}

int risk_criteria_set_level(struct store *st, long long actor, int rank, const char *label_ja,
                            const char *label_en, struct ag_error *err)
{
    struct risk_criteria c;
    int rc;
    if ((rc = isms_check_text("label-ja", label_ja, 100, err)) ||
        (rc = isms_check_text("label-en", label_en, 100, err)) ||
        (rc = risk_criteria_load(st, &c, err)))
        return rc;
    if (rank < 1 || rank > c.n_levels + 1 || rank > RISK_SCALE_MAX)
        return ag_error_set(err, AG_EINVAL,
                            "level: %d is neither an existing level (1 to %d) nor the next one "
                            "(%d, at most %d)",
                            rank, c.n_levels, c.n_levels + 1, RISK_SCALE_MAX);
    if ((rc = need_ciso(st, actor, "change the risk criteria", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "setting the level", err,
                   "INSERT INTO risk_levels(rank, label_ja, label_en) VALUES (?1, ?2, ?3) ON "
                   "CONFLICT(rank) DO UPDATE SET label_ja = ?2, label_en = ?3",
                   "iss", (long long)rank, label_ja, label_en);
    rc = criteria_changed(st, actor, "level", rc, err);
    return isms_tx_end(st, own, rc, err);
}

int risk_criteria_set_cell(struct store *st, long long actor, int impact, int likelihood, int level,
                           struct ag_error *err)
{
    struct risk_criteria c;
    int rc;
    if ((rc = risk_criteria_load(st, &c, err)))
        return rc;
    if (impact < 1 || impact > c.n_impact)
        return ag_error_set(err, AG_EINVAL, "impact: %d is not on the scale (1 to %d)", impact,
                            c.n_impact);
    if (likelihood < 1 || likelihood > c.n_likelihood)
        return ag_error_set(err, AG_EINVAL, "likelihood: %d is not on the scale (1 to %d)",
                            likelihood, c.n_likelihood);
    if (level < 1 || level > c.n_levels)
        return ag_error_set(err, AG_EINVAL, "level: %d is not a level (1 to %d)", level,
                            c.n_levels);
    if ((rc = need_ciso(st, actor, "change the risk criteria", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    rc = store_run(st, "setting the matrix cell", err,
                   "INSERT INTO risk_matrix(impact, likelihood, level) VALUES (?1, ?2, ?3) ON "
                   "CONFLICT(impact, likelihood) DO UPDATE SET level = ?3",
                   "iii", (long long)impact, (long long)likelihood, (long long)level);
    rc = criteria_changed(st, actor, "matrix", rc, err);
    return isms_tx_end(st, own, rc, err);
}

int risk_criteria_set_settings(struct store *st, long long actor, int threshold, int review_days,
                               int decision_days, const char *attitude, struct ag_error *err)
{
    struct risk_criteria c;
    char now[21];
    int rc;
    if ((rc = risk_criteria_load(st, &c, err)))
        return rc;
    if (threshold && (threshold < 1 || threshold > c.n_levels))
        return ag_error_set(err, AG_EINVAL, "threshold: %d is not a level (1 to %d)", threshold,
                            c.n_levels);
    if (review_days && (review_days < 1 || review_days > 3650))
        return ag_error_set(err, AG_EINVAL, "review-days: %d is not from 1 to 3650", review_days);
    if (decision_days && (decision_days < 1 || decision_days > 365))
        return ag_error_set(err, AG_EINVAL, "decision-days: %d is not from 1 to 365",
                            decision_days);
    if (attitude && (rc = isms_check_text("attitude", attitude, 4000, err)))
        return rc;
    if ((rc = need_ciso(st, actor, "change the risk criteria", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "setting the risk settings", err,
                   "UPDATE risk_settings SET threshold = coalesce(nullif(?1, 0), threshold), "
                   "review_days = coalesce(nullif(?2, 0), review_days), decision_days = "
                   "coalesce(nullif(?3, 0), decision_days), attitude = coalesce(?4, attitude), "
                   "updated_by = ?5, updated_at = ?6 WHERE id = 1",
                   "iiisis", (long long)threshold, (long long)review_days, (long long)decision_days,
                   attitude, actor, now);
    rc = criteria_changed(st, actor, "settings", rc, err);
    return isms_tx_end(st, own, rc, err);
}

/* ---- the register ---- */

static int opt_text(const char *field, const char *v, size_t max, struct ag_error *err)
{
    return v && *v ? isms_check_text(field, v, max, err) : AG_OK;
}

static int add_measures(struct store *st, const struct catalog *cat, long long id,
                        const char *const *items, const char *kind, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    if (!items || !items[0])
        return AG_OK;
    if ((rc = store_prepare(st, &s,
                            "INSERT OR IGNORE INTO risk_measures(risk_id, item_id, kind) VALUES "
                            "(?, ?, ?)",
                            err)))
        return rc;
    for (size_t i = 0; items[i] && rc == AG_OK; i++) {
        const char *item;
        if ((rc = isms_check_item(cat, "measures", items[i], &item, err)))
            break;
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_text(s, 2, item, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, kind, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_error(st, "linking the risk to catalog items", err);
    }
    sqlite3_finalize(s);
    return rc;
}

int risk_add(struct store *st, const struct catalog *cat, long long actor, const struct risk_new *r,
             long long *id, struct ag_error *err)
{
    struct risk_criteria c;
    long long owner, sys = 0;
    char review[11], today[11], now[21];
    sqlite3_stmt *s = NULL;
    int rc;
    if ((rc = isms_check_text("title", r->title, 500, err)) ||
        (rc = isms_check_text("threat", r->threat, 4000, err)) ||
        (rc = opt_text("vulnerability", r->vulnerability, 4000, err)) ||
        (rc = opt_text("consequence", r->consequence, 4000, err)) ||
        (rc = opt_text("service", r->service, 500, err)) ||
        (rc = isms_person_id(st, r->owner, &owner, err)) ||
        (r->system && *r->system && (rc = isms_system_id(st, r->system, &sys, err))) ||
        (rc = risk_criteria_load(st, &c, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    if (r->review_date) {
        if ((rc = isms_check_date("review", r->review_date, review, err)))
            return rc;
    } else {
        ag_date_add(today, c.review_days, review);
    }
    for (size_t i = 0; r->assets && r->assets[i]; i++) {
        long long a;
        if ((rc = isms_asset_id(st, r->assets[i], &a, err)))
            return rc;
    }
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO risks(title, threat, vulnerability, consequence, service, "
                            "system_id, hse, owner_id, identified_by, identified_at, review_date) "
                            "VALUES (?, ?, ?, ?, ?, nullif(?, 0), ?, ?, nullif(?, 0), ?, ?)",
                            err)))
        goto out;
    sqlite3_bind_text(s, 1, r->title, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, r->threat, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r->vulnerability ? r->vulnerability : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, r->consequence ? r->consequence : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, r->service ? r->service : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, sys);
    sqlite3_bind_int(s, 7, r->hse ? 1 : 0);
    sqlite3_bind_int64(s, 8, owner);
    sqlite3_bind_int64(s, 9, actor);
    sqlite3_bind_text(s, 10, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 11, review, -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, "adding the risk", err)))
        goto out;
    *id = store_last_id(st);
    if ((rc = store_prepare(st, &s,
                            "INSERT OR IGNORE INTO risk_assets(risk_id, asset_id) SELECT ?, id "
                            "FROM assets WHERE code = ?",
                            err)))
        goto out;
    for (size_t i = 0; r->assets && r->assets[i]; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, *id);
        sqlite3_bind_text(s, 2, r->assets[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = store_error(st, "linking the risk to assets", err);
            break;
        }
    }
    sqlite3_finalize(s);
    if (rc == AG_OK && (rc = add_measures(st, cat, *id, r->measures, "existing", err)) == AG_OK) {
        struct risk_row row;
        if ((rc = load_risk(st, *id, &row, err)) == AG_OK)
            rc = save_eval(st, &c, *id, &row, "identify", actor, NULL, err);
    }
out:
    return isms_tx_end(st, own, rc, err);
}

static int check_scale(const struct risk_criteria *c, const char *field, int v, int n,
                       struct ag_error *err)
{
    (void)c;
    if (v < 1 || v > n)
        return ag_error_set(err, AG_EINVAL, "%s: %d is not on the scale (1 to %d)", field, v, n);
    return AG_OK;
}

int risk_assess(struct store *st, long long id, long long actor, const struct risk_assessment *a,
                struct ag_error *err)
{
    struct risk_criteria c;
    struct risk_row r;
    sqlite3_stmt *s;
    char now[21];
    int rc;
    if ((rc = risk_criteria_load(st, &c, err)) || (rc = load_risk(st, id, &r, err)) ||
        (rc = check_scale(&c, "impact", a->impact, c.n_impact, err)) ||
        (rc = check_scale(&c, "likelihood", a->likelihood, c.n_likelihood, err)) ||
        (rc = isms_check_text("analysis", a->analysis, 8000, err)) ||
        (a->selected && (rc = isms_check_text("note (why it is treated although below the "
                                              "threshold)",
                                              a->note, 4000, err))) ||
        (rc = opt_text("note", a->note, 4000, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &s,
                            "UPDATE risks SET impact = ?2, likelihood = ?3, analysis = ?4, "
                            "analysed_by = ?5, analysed_at = ?6, selected = ?7, evaluation_note = "
                            "?8, accepted_by = NULL, accepted_at = NULL WHERE id = ?1",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int(s, 2, a->impact);
        sqlite3_bind_int(s, 3, a->likelihood);
        sqlite3_bind_text(s, 4, a->analysis, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 5, actor);
        sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 7, a->selected ? 1 : 0);
        sqlite3_bind_text(s, 8, a->note ? a->note : "", -1, SQLITE_STATIC);
        if ((rc = step_done(st, s, "recording the analysis", err)) == AG_OK) {
            r.impact = a->impact;
            r.likelihood = a->likelihood;
            r.selected = a->selected;
            r.accepted_by = 0;
            if (!strcmp(r.treatment, "retain")) { /* kept as it is: residual = inherent */
                r.residual_impact = r.impact;
                r.residual_likelihood = r.likelihood;
            }
            rc = save_eval(st, &c, id, &r, "assess", actor, a->note, err);
        }
    }
    if (rc == AG_OK && !strcmp(r.treatment, "retain") &&
        (rc = store_prepare(st, &s,
                            "UPDATE risks SET residual_impact = impact, residual_likelihood = "
                            "likelihood WHERE id = ?",
                            err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, id);
        rc = step_done(st, s, "keeping the residual risk", err);
    }
    return isms_tx_end(st, own, rc, err);
}

int risk_treat(struct store *st, const struct catalog *cat, long long id, long long actor,
               const struct risk_treatment *t, long long *action_id, struct ag_error *err)
{
    struct risk_criteria c;
    struct risk_row r;
    const char *option = NULL;
    long long towner;
    char due[11] = "", now[21], what[64];
    sqlite3_stmt *s;
    int rc;
    *action_id = 0;
    if ((rc = risk_criteria_load(st, &c, err)) || (rc = load_risk(st, id, &r, err)) ||
        (rc = risk_treatment_parse(t->option, &option, err)) ||
        (rc = isms_check_text("plan", t->plan, 8000, err)))
        return rc;
    if (r.level == 0)
        return ag_error_set(err, AG_EDENIED,
                            "risk %lld is not analysed yet: assess it first (airguard risk assess)",
                            id);
    bool retain = strcmp(option, "retain") == 0;
    if (t->owner) {
        if ((rc = isms_person_id(st, t->owner, &towner, err)))
            return rc;
    } else {
        towner = r.owner;
    }
    if ((!retain || t->due) && (rc = isms_check_date("due", t->due, due, err)))
        return rc;
    if ((t->residual_impact || t->residual_likelihood) &&
        ((rc = check_scale(&c, "residual-impact", t->residual_impact, c.n_impact, err)) ||
         (rc =
              check_scale(&c, "residual-likelihood", t->residual_likelihood, c.n_likelihood, err))))
        return rc;
    if (retain && t->residual_impact &&
        (t->residual_impact != r.impact || t->residual_likelihood != r.likelihood))
        return ag_error_set(err, AG_EINVAL,
                            "residual: a retained risk (保有) keeps its size %d x %d; give no "
                            "residual risk or the same",
                            r.impact, r.likelihood);
    /* the risk owner decides the treatment, or the CISO */
    snprintf(what, sizeof(what), "decide the treatment of risk %lld", id);
    if (actor != r.owner && (rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if (!retain) {
        char title[400];
        static const char *const ja[] = {"低減", "回避", "移転"};
        size_t k = !strcmp(option, "reduce") ? 0 : !strcmp(option, "avoid") ? 1 : 2;
        char towner_login[65];
        if ((rc = isms_person_get(st, towner, towner_login, sizeof(towner_login), NULL, err)))
            goto out;
        snprintf(title, sizeof(title), "リスク %lld の%s: %s", id, ja[k], r.title);
        struct isms_action_new an = {"risk", id, title, t->plan, towner_login, NULL, due, t->items};
        if ((rc = isms_action_add(st, cat, &an, action_id, err)) ||
            (rc = add_measures(st, cat, id, t->items, "planned", err)))
            goto out;
    }
    r.residual_impact = retain ? r.impact : t->residual_impact;
    r.residual_likelihood = retain ? r.likelihood : t->residual_likelihood;
    r.accepted_by = 0;
    snprintf(r.treatment, sizeof(r.treatment), "%s", option);
    if ((rc = store_prepare(st, &s,
                            "UPDATE risks SET treatment = ?2, treatment_plan = ?3, "
                            "treatment_owner_id = ?4, treatment_due = nullif(?5, ''), decided_by "
                            "= ?6, decided_at = ?7, action_id = nullif(?8, 0), residual_impact = "
                            "nullif(?9, 0), residual_likelihood = nullif(?10, 0), accepted_by = "
                            "NULL, accepted_at = NULL, acceptance_note = '' WHERE id = ?1",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, option, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, t->plan, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, towner);
    sqlite3_bind_text(s, 5, due, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, actor);
    sqlite3_bind_text(s, 7, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 8, *action_id);
    sqlite3_bind_int(s, 9, r.residual_impact);
    sqlite3_bind_int(s, 10, r.residual_likelihood);
    if ((rc = step_done(st, s, "recording the treatment", err)) == AG_OK)
        rc = save_eval(st, &c, id, &r, "treat", actor, t->plan, err);
out:
    return isms_tx_end(st, own, rc, err);
}

int risk_accept(struct store *st, long long id, long long actor, const char *note,
                struct ag_error *err)
{
    struct risk_criteria c;
    struct risk_row r;
    sqlite3_stmt *s;
    char what[64], now[21], detail[128];
    int rc;
    if ((rc = risk_criteria_load(st, &c, err)) || (rc = load_risk(st, id, &r, err)) ||
        (rc = isms_check_text("note", note, 4000, err)))
        return rc;
    if (strcmp(r.status, "awaiting_acceptance") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "risk %lld is %s: only a risk awaiting acceptance can be accepted", id,
                            r.status);
    snprintf(what, sizeof(what), "accept risk %lld", id);
    /* 3.1.4.1(2): the CISO (or the executive above) accepts; never the owner or the decider */
    if (!isms_has_role(st, actor, "executive", 0) &&
        (rc = isms_duty_has_role(st, actor, "ciso", 0, what, err)))
        return rc;
    if ((rc = isms_duty_not_self(st, actor, r.owner, what, err)) ||
        (rc = isms_duty_not_self(st, actor, r.decided_by, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &s,
                            "UPDATE risks SET accepted_by = ?2, accepted_at = ?3, "
                            "acceptance_note = ?4 WHERE id = ?1",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, actor);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, note, -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, "recording the acceptance", err)))
        goto out;
    r.accepted_by = actor;
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", id);
    snprintf(detail, sizeof(detail), "{\"level\": %d, \"residual_level\": %d}", r.level,
             r.residual_level);
    if ((rc = store_audit(st, "approve", "risks", sid, detail, err)) == AG_OK)
        rc = save_eval(st, &c, id, &r, "accept", actor, note, err);
out:
    return isms_tx_end(st, own, rc, err);
}

int risk_review(struct store *st, long long id, long long actor, const struct risk_review *rv,
                struct ag_error *err)
{
    struct risk_criteria c;
    struct risk_row r;
    sqlite3_stmt *s;
    char today[11], now[21], next[11];
    int rc;
    if ((rc = risk_criteria_load(st, &c, err)) || (rc = load_risk(st, id, &r, err)) ||
        (rc = isms_check_text("note", rv->note, 8000, err)))
        return rc;
    if ((rv->impact || rv->likelihood) &&
        ((rc = check_scale(&c, "impact", rv->impact ? rv->impact : r.impact, c.n_impact, err)) ||
         (rc = check_scale(&c, "likelihood", rv->likelihood ? rv->likelihood : r.likelihood,
                           c.n_likelihood, err))))
        return rc;
    if ((rv->residual_impact || rv->residual_likelihood) &&
        ((rc = check_scale(&c, "residual-impact",
                           rv->residual_impact ? rv->residual_impact : r.residual_impact,
                           c.n_impact, err)) ||
         (rc =
              check_scale(&c, "residual-likelihood",
                          rv->residual_likelihood ? rv->residual_likelihood : r.residual_likelihood,
                          c.n_likelihood, err))))
        return rc;
    if ((rv->residual_impact || rv->residual_likelihood) && !*r.treatment)
        return ag_error_set(err, AG_EINVAL,
                            "risk %lld has no treatment yet: a residual risk needs one", id);
    if (r.level == 0 && !(rv->impact && rv->likelihood))
        return ag_error_set(err, AG_EDENIED,
                            "risk %lld is not analysed yet: assess it first (airguard risk assess)",
                            id);
    bool changed = (rv->impact && rv->impact != r.impact) ||
                   (rv->likelihood && rv->likelihood != r.likelihood) ||
                   (rv->residual_impact && rv->residual_impact != r.residual_impact) ||
                   (rv->residual_likelihood && rv->residual_likelihood != r.residual_likelihood);
    /* 3.1.2.1④: a risk at or above the threshold is not left without a treatment decision */
    if (!changed && strcmp(r.status, "needs_decision") == 0)
        return ag_error_set(err, AG_EDENIED,
                            "risk %lld needs a treatment decision (due %s): decide it with "
                            "airguard risk treat before confirming it in a review",
                            id, r.decision_due);
    ag_date_iso(ag_now(), today);
    if (rv->next) {
        if ((rc = isms_check_date("next", rv->next, next, err)))
            return rc;
        if (strcmp(next, today) <= 0)
            return ag_error_set(err, AG_EINVAL, "next: %s is not after today (%s)", next, today);
    } else {
        ag_date_add(today, c.review_days, next);
    }
    if (rv->impact)
        r.impact = rv->impact;
    if (rv->likelihood)
        r.likelihood = rv->likelihood;
    if (!strcmp(r.treatment, "retain")) {
        r.residual_impact = r.impact;
        r.residual_likelihood = r.likelihood;
    }
    if (rv->residual_impact)
        r.residual_impact = rv->residual_impact;
    if (rv->residual_likelihood)
        r.residual_likelihood = rv->residual_likelihood;
    if (r.residual_impact && !r.residual_likelihood)
        r.residual_likelihood = r.likelihood;
    if (r.residual_likelihood && !r.residual_impact)
        r.residual_impact = r.impact;
    if (changed) /* an acceptance holds for the size that was accepted */
        r.accepted_by = 0;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_time_iso(ag_now(), now);
    if ((rc = store_prepare(st, &s,
                            "UPDATE risks SET impact = ?2, likelihood = ?3, residual_impact = "
                            "nullif(?4, 0), residual_likelihood = nullif(?5, 0), accepted_by = "
                            "nullif(?6, 0), accepted_at = CASE WHEN ?6 = 0 THEN NULL ELSE "
                            "accepted_at END, review_date = ?7, reviewed_by = ?8, reviewed_at = ?9 "
                            "WHERE id = ?1",
                            err)))
        goto out;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, r.impact);
    sqlite3_bind_int(s, 3, r.likelihood);
    sqlite3_bind_int(s, 4, r.residual_impact);
    sqlite3_bind_int(s, 5, r.residual_likelihood);
    sqlite3_bind_int64(s, 6, r.accepted_by);
    sqlite3_bind_text(s, 7, next, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 8, actor);
    sqlite3_bind_text(s, 9, now, -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, "recording the review", err)) == AG_OK)
        rc = save_eval(st, &c, id, &r, "review", actor, rv->note, err);
out:
    return isms_tx_end(st, own, rc, err);
}
