/*
 * registers_steps.c — the register steps that carry rules: checklist answers of 3.1.4.3,
 * contract approval and end, the cloud use decision (3.1.4.3(4)①), approval and periodic review
 * of policies (3.1.2.2, 3.1.2.3(1)), training attendance (3.1.4.2), the emergency-contact check
 * (3.1.4.1(3)(a)) and the list of everything due across registers.
 *
 * Separation of duties (3.1.4.1(2)) is checked before the transaction begins, so a refusal is
 * recorded in the audit trail by isms_duty_*; every approval or decision also writes an
 * explicit audit row (store_audit) inside its transaction.
 */
#include "isms/registers.h"

const char *const reg_answers[] = {"met", "not_met", "na", NULL};

static const char *const checklist_regs[] = {"contractor", "cloud", NULL};

/* The checklist template of 3.1.4.3: the selection criteria and contract items of (1) (with
 * the personal-data items of (1)③), the procedures of (2), the outage handling of (3), and
 * for cloud services every item and example of (4). Texts come from the catalog node. */
static const struct {
    const char *reg, *key, *item, *stage;
    int personal_data;
} checklist_template[] = {
    {"contractor", "access-scope-criteria", "3.1.4.3-1-c1.m1", "contract", 0},
    {"contractor", "contract-conditions", "3.1.4.3-1-c2.m1", "contract", 0},
    {"contractor", "no-other-use", "3.1.4.3-1-c2.m2.x1", "contract", 0},
    {"contractor", "security-structure", "3.1.4.3-1-c2.m2.x2", "contract", 0},
    {"contractor", "no-unintended-change", "3.1.4.3-1-c2.m2.x3", "contract", 0},
    {"contractor", "disclosure-capital-staff", "3.1.4.3-1-c2.m2.x4", "contract", 0},
    {"contractor", "outage-response", "3.1.4.3-1-c2.m2.x5", "contract", 0},
    {"contractor", "performance-check", "3.1.4.3-1-c2.m2.x6", "contract", 0},
    {"contractor", "insufficient-response", "3.1.4.3-1-c2.m2.x7", "contract", 0},
    {"contractor", "pd-contract-matters", "3.1.4.3-1-c3.m1", "contract", 1},
    {"contractor", "pd-leak-prevention", "3.1.4.3-1-c3.m2.x1.x1", "contract", 1},
    {"contractor", "pd-no-other-processing", "3.1.4.3-1-c3.m2.x1.x2", "contract", 1},
    {"contractor", "pd-no-copying", "3.1.4.3-1-c3.m2.x1.x3", "contract", 1},
    {"contractor", "pd-period", "3.1.4.3-1-c3.m2.x1.x4", "contract", 1},
    {"contractor", "pd-return-erasure", "3.1.4.3-1-c3.m2.x1.x5", "contract", 1},
    {"contractor", "pd-subcontract-report", "3.1.4.3-1-c3.m2.x2", "contract", 1},
    {"contractor", "pd-status-report", "3.1.4.3-1-c3.m2.x3", "contract", 1},
    {"contractor", "pd-compliance-check", "3.1.4.3-1-c3.m2.x4", "contract", 1},
    {"contractor", "pd-noncompliance-measures", "3.1.4.3-1-c3.m2.x5", "contract", 1},
    {"contractor", "pd-incident-report", "3.1.4.3-1-c3.m2.x6", "contract", 1},
    {"contractor", "pd-incident-liability", "3.1.4.3-1-c3.m2.x7", "contract", 1},
    {"contractor", "selection-procedure", "3.1.4.3-2-c1.m1", "contract", 0},
    {"contractor", "contract-concluded", "3.1.4.3-2-c2.m1", "contract", 0},
    {"contractor", "confirmation-letter", "3.1.4.3-2-c2.m2.x1", "contract", 0},
    {"contractor", "subcontract-guarantee", "3.1.4.3-2-c2.m2.x2", "contract", 0},
    {"contractor", "minimum-information", "3.1.4.3-2-c2.m2.x3", "contract", 0},
    {"contractor", "measures-guaranteed", "3.1.4.3-2-c2.m2.x4", "contract", 0},
    {"contractor", "end-inspection", "3.1.4.3-2-c3.m1", "end", 0},
    {"contractor", "pd-supervision", "3.1.4.3-2-c4.m1", "contract", 1},
    {"contractor", "outage-procedure", "3.1.4.3-3.m1", "contract", 0},
    {"cloud", "use-decision", "3.1.4.3-4-c1.m1", "contract", 0},
    {"cloud", "foreign-law", "3.1.4.3-4-c2.m1", "contract", 0},
    {"cloud", "exit-measures", "3.1.4.3-4-c3.m1", "contract", 0},
    {"cloud", "recovery-requirements", "3.1.4.3-4-c3.m2.x1", "contract", 0},
    {"cloud", "termination-notice", "3.1.4.3-4-c3.m2.x2", "contract", 0},
    {"cloud", "security-design", "3.1.4.3-4-c4.m1", "contract", 0},
    {"cloud", "ip-restriction", "3.1.4.3-4-c4.m2.x1.x1", "contract", 0},
    {"cloud", "access-logs", "3.1.4.3-4-c4.m2.x1.x2", "contract", 0},
    {"cloud", "connection-monitoring", "3.1.4.3-4-c4.m2.x1.x3", "contract", 0},
    {"cloud", "storage-confirmation", "3.1.4.3-4-c4.m2.x1.x4", "contract", 0},
    {"cloud", "vulnerability-measures", "3.1.4.3-4-c4.m2.x1.x5", "contract", 0},
    {"cloud", "anti-virus", "3.1.4.3-4-c4.m2.x1.x6", "contract", 0},
    {"cloud", "rpo", "3.1.4.3-4-c4.m2.x1.x7", "contract", 0},
    {"cloud", "encryption", "3.1.4.3-4-c4.m2.x1.x8", "contract", 0},
    {"cloud", "deletion", "3.1.4.3-4-c4.m2.x1.x9", "contract", 0},
    {"cloud", "disclosure-scope", "3.1.4.3-4-c4.m2.x1.x10", "contract", 0},
    {"cloud", "service-evaluation", "3.1.4.3-4-c5.m1", "contract", 0},
};

int reg_checklist_seed(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, "SELECT count(*) FROM reg_checklist_items", err);
    if (rc)
        return rc;
    int have = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    if (have)
        return AG_OK;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO reg_checklist_items(register, sort_order, item_key, "
                            "item_id, ref, stage, personal_data, text_ja, text_en) VALUES (?, ?, "
                            "?, ?, ?, ?, ?, ?, ?)",
                            err)))
        goto out;
    for (size_t i = 0; i < AG_ARRAY_LEN(checklist_template) && rc == AG_OK; i++) {
        const struct catalog_node *n = catalog_find(cat, checklist_template[i].item);
        if (!n) {
            rc = ag_error_set(err, AG_EINVAL,
                              "the catalog has no item %s (checklist of 3.1.4.3); is it the "
                              "2nd edition?",
                              checklist_template[i].item);
            break;
        }
        sqlite3_reset(s);
        store_bind_text(s, 1, checklist_template[i].reg);
        sqlite3_bind_int(s, 2, (int)i + 1);
        store_bind_text(s, 3, checklist_template[i].key);
        store_bind_text(s, 4, n->id);
        store_bind_text(s, 5, n->ref);
        store_bind_text(s, 6, checklist_template[i].stage);
        sqlite3_bind_int(s, 7, checklist_template[i].personal_data);
        store_bind_text(s, 8, n->text.ja);
        store_bind_text(s, 9, n->text.en);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = store_error(st, "seeding the checklist of 3.1.4.3", err);
    }
out:
    sqlite3_finalize(s);
    return isms_tx_end(st, own, rc, err);
}

static const char *subject_column(const char *reg)
{
    return strcmp(reg, "cloud") == 0 ? "cloud_id" : "contractor_id";
}

/* Runs one statement with ?1 = id and optional text parameters; expects no rows. */
static int exec_id(struct store *st, const char *sql, long long id, const char *const *texts,
                   size_t ntexts, const char *what, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    for (size_t i = 0; i < ntexts; i++)
        store_bind_text(s, (int)i + 2, texts[i]);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, what, err);
    sqlite3_finalize(s);
    return rc;
}

/* Reads owner, department and a status text of a record; AG_ENOTFOUND names it. */
static int load_subject(struct store *st, const char *sql, const char *name, long long id,
                        long long *owner, long long *dept, char *status, size_t cap,
                        struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *owner = sqlite3_column_int64(s, 0);
        if (dept)
            *dept = sqlite3_column_int64(s, 1);
        snprintf(status, cap, "%s", store_col_text(s, 2));
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "%s %lld does not exist", name, id);
    }
    sqlite3_finalize(s);
    return rc;
}

/* The CISO, or else a member of the information security committee (3.1.2.3(1)). */
static int need_ciso_or_committee(struct store *st, long long actor, const char *what,
                                  struct ag_error *err)
{
    if (isms_has_role(st, actor, "ciso", 0))
        return AG_OK;
    return isms_duty_has_role(st, actor, "committee", 0, what, err);
}

int reg_check_answer(struct store *st, const char *reg, long long subject, const char *key,
                     const char *answer, const char *note, long long actor, struct ag_error *err)
{
    int rc;
    long long item = 0, owner = 0, dept = 0;
    char status[16], today[11];
    if ((rc = isms_check_enum("register", reg, checklist_regs, err)) ||
        (rc = isms_check_enum("answer", answer, reg_answers, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("--note", note, 2000, err)))
        return rc;
    if (strcmp(answer, "na") == 0 && (!note || !*note))
        return ag_error_set(err, AG_EINVAL,
                            "--note: an answer \"na\" (not applicable) needs the reason");
    bool cloud = strcmp(reg, "cloud") == 0;
    if ((rc = load_subject(st,
                           cloud ? "SELECT owner_id, department_id, decision FROM "
                                   "reg_cloud_services WHERE id = ?"
                                 : "SELECT owner_id, department_id, status FROM reg_contractors "
                                   "WHERE id = ?",
                           reg, subject, &owner, &dept, status, sizeof(status), err)))
        return rc;
    sqlite3_stmt *s;
    char stage[16] = "";
    if ((rc = store_prepare(st, &s,
                            "SELECT id, stage FROM reg_checklist_items WHERE register = ? AND "
                            "item_key = ?",
                            err)))
        return rc;
    store_bind_text(s, 1, reg);
    store_bind_text(s, 2, key);
    if (sqlite3_step(s) == SQLITE_ROW) {
        item = sqlite3_column_int64(s, 0);
        snprintf(stage, sizeof(stage), "%s", store_col_text(s, 1));
    }
    sqlite3_finalize(s);
    if (!item)
        return ag_error_set(err, AG_EINVAL,
                            "checklist key \"%.64s\" is not an item of the %s checklist (see: "
                            "airguard register %s checklist CODE)",
                            key ? key : "", reg, reg);
    /* the answers are what was approved: after the decision / contract approval they are
     * frozen, except the end inspection (3.1.4.3(2)③) of an active contract */
    bool frozen = cloud ? strcmp(status, "pending") != 0
                        : strcmp(status, "ended") == 0 ||
                              (strcmp(status, "active") == 0 && strcmp(stage, "end") != 0);
    if (frozen)
        return ag_error_set(err, AG_EDENIED,
                            "%s %lld is %s: the answer to \"%s\" can no longer be changed", reg,
                            subject, status, key);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    char sql[320];
    snprintf(sql, sizeof(sql),
             "INSERT INTO reg_checklist_answers(item_id, %s, answer, note, answered_by, "
             "answered_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(item_id, %s) DO UPDATE SET "
             "answer = excluded.answer, note = excluded.note, answered_by = excluded.answered_by, "
             "answered_on = excluded.answered_on",
             subject_column(reg), subject_column(reg));
    if ((rc = store_prepare(st, &s, sql, err)) == AG_OK) {
        sqlite3_bind_int64(s, 1, item);
        sqlite3_bind_int64(s, 2, subject);
        store_bind_text(s, 3, answer);
        store_bind_text(s, 4, note ? note : "");
        sqlite3_bind_int64(s, 5, actor);
        store_bind_text(s, 6, today);
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "recording the answer", err);
        sqlite3_finalize(s);
    }
    return isms_tx_end(st, own, rc, err);
}

int reg_check_open(struct store *st, const char *reg, long long subject, const char *stage,
                   int *unanswered, int *not_met, struct ag_error *err)
{
    int rc = isms_check_enum("register", reg, checklist_regs, err);
    if (rc)
        return rc;
    bool cloud = strcmp(reg, "cloud") == 0;
    /* personal-data items apply only to contractors that handle personal data */
    const char *sql =
        cloud ? "SELECT sum(a.id IS NULL), sum(a.answer = 'not_met') FROM reg_checklist_items i "
                "LEFT JOIN reg_checklist_answers a ON a.item_id = i.id AND a.cloud_id = ?1 WHERE "
                "i.register = 'cloud' AND i.stage = ?2"
              : "SELECT sum(a.id IS NULL), sum(a.answer = 'not_met') FROM reg_checklist_items i "
                "JOIN reg_contractors c ON c.id = ?1 LEFT JOIN reg_checklist_answers a ON "
                "a.item_id = i.id AND a.contractor_id = ?1 WHERE i.register = 'contractor' AND "
                "i.stage = ?2 AND (i.personal_data = 0 OR c.personal_data = 1)";
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s, sql, err)))
        return rc;
    sqlite3_bind_int64(s, 1, subject);
    store_bind_text(s, 2, stage);
    *unanswered = *not_met = 0;
    if (sqlite3_step(s) == SQLITE_ROW) {
        *unanswered = sqlite3_column_int(s, 0);
        *not_met = sqlite3_column_int(s, 1);
    }
    sqlite3_finalize(s);
    return AG_OK;
}

const char *reg_checklist_sql(const char *reg, enum ag_lang lang)
{
    bool cloud = reg && strcmp(reg, "cloud") == 0;
    if (cloud)
        return lang == AG_LANG_JA
                   ? "SELECT i.item_key, i.ref, i.item_id AS item, i.text_ja AS item_text, "
                     "coalesce(a.answer, '') AS answer, coalesce(a.note, '') AS note FROM "
                     "reg_checklist_items i LEFT JOIN reg_checklist_answers a ON a.item_id = "
                     "i.id AND a.cloud_id = ?1 WHERE i.register = 'cloud' ORDER BY i.sort_order"
                   : "SELECT i.item_key, i.ref, i.item_id AS item, i.text_en AS item_text, "
                     "coalesce(a.answer, '') AS answer, coalesce(a.note, '') AS note FROM "
                     "reg_checklist_items i LEFT JOIN reg_checklist_answers a ON a.item_id = "
                     "i.id AND a.cloud_id = ?1 WHERE i.register = 'cloud' ORDER BY i.sort_order";
    return lang == AG_LANG_JA
               ? "SELECT i.item_key, i.ref, i.item_id AS item, i.text_ja AS item_text, CASE "
                 "WHEN i.personal_data = 1 AND c.personal_data = 0 THEN '-' ELSE "
                 "coalesce(a.answer, '') END AS answer, coalesce(a.note, '') AS note FROM "
                 "reg_checklist_items i JOIN reg_contractors c ON c.id = ?1 LEFT JOIN "
                 "reg_checklist_answers a ON a.item_id = i.id AND a.contractor_id = ?1 WHERE "
                 "i.register = 'contractor' ORDER BY i.sort_order"
               : "SELECT i.item_key, i.ref, i.item_id AS item, i.text_en AS item_text, CASE "
                 "WHEN i.personal_data = 1 AND c.personal_data = 0 THEN '-' ELSE "
                 "coalesce(a.answer, '') END AS answer, coalesce(a.note, '') AS note FROM "
                 "reg_checklist_items i JOIN reg_contractors c ON c.id = ?1 LEFT JOIN "
                 "reg_checklist_answers a ON a.item_id = i.id AND a.contractor_id = ?1 WHERE "
                 "i.register = 'contractor' ORDER BY i.sort_order";
}

/* Refuses when applicable items of the stage are unanswered or not met. */
static int checklist_complete(struct store *st, const char *reg, long long id, const char *stage,
                              const char *what, struct ag_error *err)
{
    int unanswered, not_met;
    int rc = reg_check_open(st, reg, id, stage, &unanswered, &not_met, err);
    if (rc)
        return rc;
    if (unanswered || not_met)
        return ag_error_set(err, AG_EDENIED,
                            "cannot %s: the checklist of 3.1.4.3 has %d item(s) unanswered and "
                            "%d not met (airguard register %s checklist)",
                            what, unanswered, not_met, reg);
    return AG_OK;
}

int reg_contractor_approve(struct store *st, long long id, long long actor, struct ag_error *err)
{
    long long owner = 0, dept = 0;
    char status[16], what[80], today[11];
    int rc = load_subject(st,
                          "SELECT owner_id, coalesce(department_id, 0), status FROM "
                          "reg_contractors WHERE id = ?",
                          "contractor", id, &owner, &dept, status, sizeof(status), err);
    if (rc)
        return rc;
    snprintf(what, sizeof(what), "approve the contract with contractor %lld", id);
    if (strcmp(status, "planned") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "contractor %lld is %s: only a planned contract is approved", id,
                            status);
    /* 3.1.4.1(2): not the contract owner; 3.1.4.3(1)①: the information security manager of
     * the department (or the CISO) */
    if ((rc = isms_duty_not_self(st, actor, owner, what, err)))
        return rc;
    if (!isms_has_role(st, actor, "ciso", 0) &&
        (rc = isms_duty_has_role(st, actor, "manager", dept, what, err)))
        return rc;
    if ((rc = checklist_complete(st, "contractor", id, "contract", what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    char actor_s[24], id_s[24];
    snprintf(actor_s, sizeof(actor_s), "%lld", actor);
    snprintf(id_s, sizeof(id_s), "%lld", id);
    const char *p[] = {actor_s, today};
    if ((rc = exec_id(st,
                      "UPDATE reg_contractors SET status = 'active', approved_by = ?2, "
                      "approved_on = ?3 WHERE id = ?1",
                      id, p, 2, "approving the contract", err)) == AG_OK)
        rc = store_audit(st, "approve", "reg_contractors", id_s, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int reg_contractor_end(struct store *st, long long id, long long actor, struct ag_error *err)
{
    long long owner = 0, dept = 0;
    char status[16], today[11];
    (void)actor;
    int rc = load_subject(st, "SELECT owner_id, 0, status FROM reg_contractors WHERE id = ?",
                          "contractor", id, &owner, &dept, status, sizeof(status), err);
    if (rc)
        return rc;
    if (strcmp(status, "active") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "contractor %lld is %s: only an active contract is ended", id, status);
    /* 3.1.4.3(2)③: the end inspection confirms the security requirements were met */
    if ((rc = checklist_complete(st, "contractor", id, "end", "end the contract", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    const char *p[] = {today};
    rc = exec_id(st,
                 "UPDATE reg_contractors SET status = 'ended', end_checked_on = ?2 WHERE id = ?1",
                 id, p, 1, "ending the contract", err);
    return isms_tx_end(st, own, rc, err);
}

int reg_cloud_decide(struct store *st, long long id, const char *decision, const char *note,
                     long long actor, struct ag_error *err)
{
    static const char *const decisions[] = {"approved", "rejected", NULL};
    long long owner = 0, dept = 0;
    char status[16], what[80], today[11];
    int rc;
    if ((rc = isms_check_enum("decision", decision, decisions, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("--note", note, 2000, err)))
        return rc;
    if (strcmp(decision, "rejected") == 0 && (!note || !*note))
        return ag_error_set(err, AG_EINVAL, "--note: a rejection needs the reason");
    if ((rc = load_subject(st, "SELECT owner_id, 0, decision FROM reg_cloud_services WHERE id = ?",
                           "cloud service", id, &owner, &dept, status, sizeof(status), err)))
        return rc;
    snprintf(what, sizeof(what), "decide on the use of cloud service %lld", id);
    if (strcmp(status, "pending") != 0)
        return ag_error_set(err, AG_EDENIED, "cloud service %lld is %s already", id, status);
    if ((rc = isms_duty_not_self(st, actor, owner, what, err)) ||
        (rc = need_ciso_or_committee(st, actor, what, err)))
        return rc;
    if (strcmp(decision, "approved") == 0 &&
        (rc = checklist_complete(st, "cloud", id, "contract", "approve the use", err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    char actor_s[24], id_s[24];
    snprintf(actor_s, sizeof(actor_s), "%lld", actor);
    snprintf(id_s, sizeof(id_s), "%lld", id);
    const char *p[] = {decision, actor_s, today, note ? note : ""};
    if ((rc = exec_id(st,
                      "UPDATE reg_cloud_services SET decision = ?2, decided_by = ?3, decided_on = "
                      "?4, decision_note = ?5 WHERE id = ?1",
                      id, p, 4, "recording the decision", err)) == AG_OK)
        rc = store_audit(st, strcmp(decision, "approved") == 0 ? "approve" : "reject",
                         "reg_cloud_services", id_s, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int reg_policy_approve(struct store *st, long long id, long long actor, struct ag_error *err)
{
    long long owner = 0, dept = 0;
    char status[16], what[64], today[11];
    int rc = load_subject(st, "SELECT owner_id, 0, status FROM reg_policies WHERE id = ?", "policy",
                          id, &owner, &dept, status, sizeof(status), err);
    if (rc)
        return rc;
    snprintf(what, sizeof(what), "approve policy %lld", id);
    if (strcmp(status, "draft") != 0)
        return ag_error_set(err, AG_EDENIED, "policy %lld is %s: only a draft is approved", id,
                            status);
    if ((rc = isms_duty_not_self(st, actor, owner, what, err)) ||
        (rc = need_ciso_or_committee(st, actor, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    char actor_s[24], id_s[24];
    snprintf(actor_s, sizeof(actor_s), "%lld", actor);
    snprintf(id_s, sizeof(id_s), "%lld", id);
    const char *p[] = {actor_s, today};
    /* the review interval runs from the approval */
    if ((rc = exec_id(st,
                      "UPDATE reg_policies SET status = 'approved', approved_by = ?2, "
                      "approved_on = ?3, last_review = ?3, next_review = " REG_ADD_MONTHS(
                          "?3", "review_months") " WHERE id = ?1",
                      id, p, 2, "approving the policy", err)) == AG_OK)
        rc = store_audit(st, "approve", "reg_policies", id_s, NULL, err);
    return isms_tx_end(st, own, rc, err);
}

int reg_policy_review(struct store *st, long long id, const char *occasion, const char *outcome,
                      const char *note, long long actor, struct ag_error *err)
{
    static const char *const occasions[] = {"periodic", "change", NULL};
    static const char *const outcomes[] = {"confirmed", "revise", NULL};
    long long owner = 0, dept = 0;
    char status[16], what[64], today[11];
    int rc;
    if ((rc = isms_check_enum("--occasion", occasion, occasions, err)) ||
        (rc = isms_check_enum("--outcome", outcome, outcomes, err)))
        return rc;
    if (note && *note && (rc = isms_check_text("--note", note, 2000, err)))
        return rc;
    if (strcmp(outcome, "revise") == 0 && (!note || !*note))
        return ag_error_set(err, AG_EINVAL,
                            "--note: a review asking for revision needs what "
                            "is to be revised");
    if ((rc = load_subject(st, "SELECT owner_id, 0, status FROM reg_policies WHERE id = ?",
                           "policy", id, &owner, &dept, status, sizeof(status), err)))
        return rc;
    snprintf(what, sizeof(what), "review policy %lld", id);
    if (strcmp(status, "approved") != 0)
        return ag_error_set(err, AG_EDENIED,
                            "policy %lld is %s: only an approved document is reviewed", id, status);
    if ((rc = isms_duty_not_self(st, actor, owner, what, err)) ||
        (rc = need_ciso_or_committee(st, actor, what, err)))
        return rc;
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    ag_date_iso(ag_now(), today);
    char actor_s[24], id_s[24];
    snprintf(actor_s, sizeof(actor_s), "%lld", actor);
    snprintf(id_s, sizeof(id_s), "%lld", id);
    const char *p[] = {actor_s, today, occasion, outcome, note ? note : ""};
    if ((rc = exec_id(st,
                      "INSERT INTO reg_policy_reviews(policy_id, reviewed_by, reviewed_on, "
                      "occasion, outcome, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                      id, p, 5, "recording the review", err)))
        goto out;
    /* confirmed: the next periodic review runs from today; revise: back to draft, so the
     * revised text is approved again (the review date stays due until then) */
    if ((rc = exec_id(
             st,
             strcmp(outcome, "confirmed") == 0
                 ? "UPDATE reg_policies SET last_review = ?3, next_review = " REG_ADD_MONTHS(
                       "?3", "review_months") " WHERE id = ?1 AND ?2 IS NOT NULL"
                 : "UPDATE reg_policies SET last_review = ?3, status = 'draft', "
                   "approved_by = NULL, approved_on = NULL WHERE id = ?1 AND ?2 IS NOT "
                   "NULL",
             id, p, 2, "updating the policy", err)))
        goto out;
    rc = store_audit(st, "review", "reg_policies", id_s, NULL, err);
out:
    return isms_tx_end(st, own, rc, err);
}

int reg_training_people(struct store *st, long long id, const char *const *logins, bool attended,
                        struct ag_error *err)
{
    long long people[256], owner, dept;
    size_t n = 0;
    char status[16];
    int rc = load_subject(st, "SELECT owner_id, 0, status FROM reg_trainings WHERE id = ?",
                          "training", id, &owner, &dept, status, sizeof(status), err);
    if (rc)
        return rc;
    for (; logins && logins[n]; n++) {
        if (n == AG_ARRAY_LEN(people))
            return ag_error_set(err, AG_EINVAL, "--people: more than %zu", AG_ARRAY_LEN(people));
        if ((rc = isms_person_id(st, logins[n], &people[n], err)))
            return ag_error_set(err, rc, "--people: no person with the login \"%.64s\"", logins[n]);
    }
    if (n == 0)
        return ag_error_set(err, AG_EINVAL, "--people: missing (logins separated by commas)");
    if (attended && strcmp(status, "cancelled") == 0)
        return ag_error_set(err, AG_EDENIED,
                            "training %lld was cancelled: nobody can have attended it", id);
    bool own;
    if ((rc = isms_tx_begin(st, &own, err)))
        return rc;
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            attended ? "INSERT INTO reg_training_attendees(training_id, person_id, "
                                       "attended) VALUES (?1, ?2, 1) ON CONFLICT(training_id, "
                                       "person_id) DO UPDATE SET attended = 1"
                                     : "INSERT OR IGNORE INTO reg_training_attendees(training_id, "
                                       "person_id, attended) VALUES (?1, ?2, 0)",
                            err)) == AG_OK) {
        for (size_t i = 0; i < n && rc == AG_OK; i++) {
            sqlite3_reset(s);
            sqlite3_bind_int64(s, 1, id);
            sqlite3_bind_int64(s, 2, people[i]);
            if (sqlite3_step(s) != SQLITE_DONE)
                rc = store_error(st, "recording the attendee", err);
        }
        sqlite3_finalize(s);
    }
    /* attendance means the training took place */
    if (rc == AG_OK && attended)
        rc = exec_id(st, "UPDATE reg_trainings SET status = 'held' WHERE id = ?1", id, NULL, 0,
                     "marking the training held", err);
    return isms_tx_end(st, own, rc, err);
}

int reg_contact_check(struct store *st, struct strbuf *report, int *problems, struct ag_error *err)
{
    /* one row per problem: system code, problem text */
    static const char sql[] =
        "SELECT s.code, 'no emergency contact chain (3.1.4.1(3)(a))' FROM systems s WHERE "
        "s.critical = 1 AND NOT EXISTS (SELECT 1 FROM reg_contacts c WHERE c.system_id = s.id) "
        "UNION ALL SELECT s.code, 'the first call (position ' || c.position || ') is not an "
        "internal person' FROM systems s JOIN reg_contacts c ON c.system_id = s.id WHERE "
        "s.critical = 1 AND c.position = (SELECT min(position) FROM reg_contacts m WHERE "
        "m.system_id = s.id) AND c.party <> 'internal' "
        "UNION ALL SELECT s.code, 'the chain does not include the ministry (report to MLIT, "
        "3.1.2.4(2))' FROM systems s WHERE s.critical = 1 AND EXISTS (SELECT 1 FROM reg_contacts "
        "c WHERE c.system_id = s.id) AND NOT EXISTS (SELECT 1 FROM reg_contacts c WHERE "
        "c.system_id = s.id AND c.party = 'ministry') "
        "UNION ALL SELECT s.code, 'position ' || c.position || ' has no phone or e-mail' FROM "
        "reg_contacts c JOIN systems s ON s.id = c.system_id LEFT JOIN people p ON p.id = "
        "c.person_id WHERE c.phone = '' AND c.email = '' AND coalesce(p.phone, '') = '' AND "
        "coalesce(p.email, '') = '' ORDER BY 1";
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    *problems = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        strbuf_addf(report, "%s: %s\n", store_col_text(s, 0), store_col_text(s, 1));
        (*problems)++;
    }
    sqlite3_finalize(s);
    return AG_OK;
}

#define DUE_STATE(col) "CASE WHEN " col " < ?1 THEN 'overdue' ELSE 'soon' END"
#define DUE_WHAT(ja, en) "CASE WHEN ?3 = 'ja' THEN '" ja "' ELSE '" en "' END"
const char reg_due_sql[] = "SELECT 'policy' AS register, code AS ref, title, next_review AS "
                           "due, " DUE_STATE(
                               "next_review") " AS state, " DUE_WHAT("定期的な見直し (3.1.2.2)",
                                                                     "periodic review (3.1.2.2)") " AS what FROM "
                                                                                                  "reg_policies WHERE "
                                                                                                  "status <> 'retired' "
                                                                                                  "AND next_review <= "
                                                                                                  "?2 "
                                                                                                  "UNION ALL SELECT 'pdata', code, name, next_review, " DUE_STATE("next_review") ", " DUE_WHAT("台帳の更新 (3.1.2.6(3)①)", "ledger update (3.1.2.6(3)①)") " FROM reg_personal_data WHERE status = 'active' AND "
                                                                                                                                                                                                                                                          "next_review <= ?2 "
                                                                                                                                                                                                                                                          "UNION ALL SELECT 'contractor', code, name, contract_end, " DUE_STATE("contract_end") ", " DUE_WHAT("契約終了・終了時の確認 (3.1.4.3(2)③)", "contract end and end inspection (3.1.4.3(2)③)") " FROM "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "reg_"
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "contractors "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "WHERE "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "status <> "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "'ended' "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "AND "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "contract_"
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "end <= ?2 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                       "UNION ALL SELECT 'contractor', code, name, contract_start, " DUE_STATE(
                                                                                                                                                                                                                                                                                                                                                                                                                                                           "contract_start") ", " DUE_WHAT("契約が未承認 (3.1.4.3(2)②)", "contract not approved (3.1.4.3(2)②)") " FROM "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "reg_contractors "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "WHERE status = "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "'planned' AND "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "contract_start "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "<= ?2 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "UNION ALL SELECT 'cloud', code, name, contract_end, " DUE_STATE("contract_end") ", " DUE_WHAT(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                    "契約終了・移行 (3.1.4.3(4)③)", "contract end and migration (3.1.4.3(4)③)") " FROM reg_cloud_services WHERE decision <> "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "'rejected' AND contract_end <= ?2 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "UNION ALL SELECT 'cloud', code, name, contract_start, " DUE_STATE(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                    "contract_start") ", " DUE_WHAT("利用の判断が未了 (3.1.4.3(4)①)",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                    "use not decided (3.1.4.3(4)①)") " FROM "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "reg_cloud_services "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "WHERE decision = "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "'pending' AND "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "contract_start <= ?2 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                     "UNION ALL SELECT 'milestone', code, title, target, " DUE_STATE(
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         "target") ", " DUE_WHAT("マイルストーン (3.1.3(1))",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                 "milestone (3.1.3(1))") " FROM reg_milestones WHERE status IN ('planned', 'in_progress') "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         "AND target <= ?2 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                         "UNION ALL SELECT 'training', '#' || t.id, t.title || ': ' || p.login, t.held_on, 'overdue', " DUE_WHAT("未受講 (3.1.4.2)",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                 "not attended (3.1.4.2)") " FROM reg_training_attendees a JOIN reg_trainings t "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "ON t.id = a.training_id JOIN people p ON p.id = "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "a.person_id WHERE t.status = 'held' AND a.attended "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "= 0 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                           "UNION ALL SELECT 'training', '#' || id, title, held_on, " DUE_STATE("held_on") ", " DUE_WHAT("実施予定・実施記録なし (3.1.4.2)", "planned, not recorded as held (3.1.4.2)") " FROM reg_trainings WHERE status = "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                        "'planned' AND held_on <= ?2 "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                        "UNION ALL SELECT 'contact', s.code, s.name_ja, ?1, 'overdue', " DUE_WHAT("緊急連絡網がない (3.1.4.1(3)(a))",
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                  "no emergency contact chain (3.1.4.1(3)(a))") " FROM systems s WHERE s.critical = 1 AND "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "NOT EXISTS (SELECT 1 FROM reg_contacts "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "c WHERE c.system_id = s.id) "
                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                                "ORDER BY due, register, ref";
