/*
 * isms.h — the airport's own records along the PDCA cycle (docs/isms.md): organisation, people
 * and their guideline roles, systems and assets, evidence, corrective actions, separation of
 * duties, input validation shared by every workflow, and the demo airport. The workflows
 * (self-inspection, risks, exceptions, incidents, audits, registers) have their own headers in
 * this folder and use these building blocks.
 *
 * Every function that changes records runs in one transaction (begun and committed by the
 * function unless documented otherwise), so a failure leaves nothing half-written; the audit
 * trail records each change with the store's actor (store_set_actor).
 * Errors: AG_EINVAL for bad input (the message names the field, the value and what is allowed),
 * AG_ENOTFOUND for a missing record, AG_EDENIED for a rule of the guideline (separation of
 * duties 3.1.4.1(2), a state that does not allow the step), AG_ECONFLICT for duplicates.
 */
#ifndef AG_ISMS_H
#define AG_ISMS_H

#include "catalog/catalog.h"
#include "common/common.h"
#include "store/store.h"

/* ---- validation (validate.c) ---- */
/* value must be one of allowed[] (NULL-terminated); message: field: "x" is not one of: a, b. */
int isms_check_enum(const char *field, const char *value, const char *const allowed[],
                    struct ag_error *err) AG_MUST_CHECK;
int isms_check_date(const char *field, const char *value, char out[11],
                    struct ag_error *err) AG_MUST_CHECK;
int isms_check_int(const char *field, const char *value, long long min, long long max,
                   long long *out, struct ag_error *err) AG_MUST_CHECK;
/* Non-empty after trimming, at most max bytes, valid UTF-8, no control characters but \n \t. */
int isms_check_text(const char *field, const char *value, size_t max,
                    struct ag_error *err) AG_MUST_CHECK;
/* A catalog item given by id or printed ref; *id_out is the node id (borrowed from cat). */
int isms_check_item(const struct catalog *cat, const char *field, const char *value,
                    const char **id_out, struct ag_error *err) AG_MUST_CHECK;

/* The guideline roles a person may hold (ids as in the catalog, without "operator"). */
extern const char *const isms_roles[];

/* ---- organisation (org.c) ---- */
/* Looks a person up by login; AG_ENOTFOUND names the login. */
int isms_person_id(struct store *st, const char *login, long long *id,
                   struct ag_error *err) AG_MUST_CHECK;
/* Login and department of a person (login copied into out, cap bytes; dept 0 if none). */
int isms_person_get(struct store *st, long long id, char *login, size_t cap, long long *dept,
                    struct ag_error *err) AG_MUST_CHECK;
/* The person's login for messages, or "person <id>" when there is none (always fills out). */
void isms_person_label(struct store *st, long long id, char *out, size_t cap);
int isms_department_id(struct store *st, const char *code, long long *id,
                       struct ag_error *err) AG_MUST_CHECK;
int isms_site_id(struct store *st, const char *code, long long *id,
                 struct ag_error *err) AG_MUST_CHECK;
int isms_system_id(struct store *st, const char *code, long long *id,
                   struct ag_error *err) AG_MUST_CHECK;
int isms_asset_id(struct store *st, const char *code, long long *id,
                  struct ag_error *err) AG_MUST_CHECK;
/* Whether the person holds role (for department dept, or organisation-wide; dept 0 = any). */
bool isms_has_role(struct store *st, long long person, const char *role, long long dept);
/* Whether department `dept` is `ancestor` or below it. */
bool isms_department_within(struct store *st, long long dept, long long ancestor);

struct isms_person_new {
    const char *login, *name, *name_en, *email, *phone, *department; /* department code or NULL */
};
int isms_person_add(struct store *st, const struct isms_person_new *p, long long *id,
                    struct ag_error *err) AG_MUST_CHECK;
/* A person leaves (active = false) or returns; their records stay (docs/isms.md). Authorisations
 * such as entry to secure areas are flagged until removed (3.1.5.1(3)①). */
int isms_person_set_active(struct store *st, const char *login, bool active,
                           struct ag_error *err) AG_MUST_CHECK;
/* Grants a guideline role (department code may be NULL = organisation-wide). */
int isms_role_grant(struct store *st, const char *login, const char *role, const char *department,
                    struct ag_error *err) AG_MUST_CHECK;
int isms_role_revoke(struct store *st, const char *login, const char *role, const char *department,
                     struct ag_error *err) AG_MUST_CHECK;
int isms_site_add(struct store *st, const char *code, const char *kind, const char *name_ja,
                  const char *name_en, const char *parent_code, struct ag_error *err) AG_MUST_CHECK;
int isms_department_add(struct store *st, const char *code, const char *name_ja,
                        const char *name_en, const char *site_code, const char *parent_code,
                        struct ag_error *err) AG_MUST_CHECK;
struct isms_system_new {
    const char *code, *kind, *name_ja, *name_en, *service_impact_ja, *service_impact_en,
        *manual_fallback, *department, *site;
    bool critical, control_system;
};
int isms_system_add(struct store *st, const struct isms_system_new *s,
                    struct ag_error *err) AG_MUST_CHECK;
struct isms_asset_new {
    const char *code, *system, *category, *name, *vendor, *model, *location, *ip, *mac, *owner;
};
int isms_asset_add(struct store *st, const struct isms_asset_new *a,
                   struct ag_error *err) AG_MUST_CHECK;
struct isms_info_asset_new {
    const char *name, *description, *department, *system, *handling;
    int confidentiality, integrity, availability;
};
int isms_info_asset_add(struct store *st, const struct isms_info_asset_new *a, long long *id,
                        struct ag_error *err) AG_MUST_CHECK;

/* ---- separation of duties (duties.c), guideline 3.1.4.1(2) ----
 * The one mechanism every workflow uses: a person never approves, reviews, verifies or audits
 * their own request, work or department. `what` names the act for the message ("approve the
 * exception request 12"). */
int isms_duty_not_self(struct store *st, long long actor, long long subject, const char *what,
                       struct ag_error *err) AG_MUST_CHECK;
int isms_duty_not_member(struct store *st, long long actor, long long department, const char *what,
                         struct ag_error *err) AG_MUST_CHECK;
/* actor must hold role (any department if dept 0). */
int isms_duty_has_role(struct store *st, long long actor, const char *role, long long dept,
                       const char *what, struct ag_error *err) AG_MUST_CHECK;

/* ---- evidence (evidence.c) ----
 * Files are stored content-addressed under <store folder>/evidence/<first two hex>/<sha256>,
 * written whole (temporary file, rename) before the row is committed; adding the same content
 * twice stores it once. */
int isms_evidence_add(struct store *st, const char *path, long long added_by, long long *id,
                      char sha256[65], struct ag_error *err) AG_MUST_CHECK;
/* The same for bytes in memory (an upload): filename is what the client called the file, kept
 * only as data after isms_evidence_name. */
int isms_evidence_add_mem(struct store *st, const void *data, size_t len, const char *filename,
                          long long added_by, long long *id, char sha256[65],
                          struct ag_error *err) AG_MUST_CHECK;
/* A client's file name as a plain name (never a path): the part after the last '/' or '\\',
 * without control characters or invalid UTF-8, at most 200 bytes; "", "." and ".." become
 * "evidence". out has cap bytes (at least 16). */
void isms_evidence_name(const char *given, char *out, size_t cap);
/* The folder evidence files live in (borrowed into out). */
void isms_evidence_dir(struct store *st, char *out, size_t cap);

/* ---- corrective actions (action.c), one type for every origin ---- */
extern const char *const isms_action_origins[];
extern const char *const isms_action_statuses[];
struct isms_action_new {
    const char *origin;  /* assessment, audit, incident, risk, exception, exercise, other */
    long long origin_id; /* 0 = none */
    const char *title, *description;
    const char *owner;      /* login */
    const char *department; /* code or NULL */
    const char *due_date;
    const char *const *items; /* catalog ids or refs, NULL-terminated, may be NULL */
};
/* Creates an action; when called inside a transaction (origin workflows), it joins it. */
int isms_action_add(struct store *st, const struct catalog *cat, const struct isms_action_new *a,
                    long long *id, struct ag_error *err) AG_MUST_CHECK;
/* Moves an action: start (open→in_progress), done (→done, by the owner, with result text),
 * verify (done→verified, by someone other than the owner), cancel, reopen (done→in_progress,
 * by the verifier instead of verifying). */
int isms_action_step(struct store *st, long long id, const char *step, long long actor,
                     const char *text, struct ag_error *err) AG_MUST_CHECK;

/* ---- transactions for workflows ----
 * isms_tx_begin begins a transaction unless one is open (then *own = false and the caller's
 * transaction is joined); isms_tx_end commits (rc == AG_OK) or rolls back what it began. */
int isms_tx_begin(struct store *st, bool *own, struct ag_error *err) AG_MUST_CHECK;
int isms_tx_end(struct store *st, bool own, int rc, struct ag_error *err);

/* Appends text's lines to out joined by sep (a last line break adds no sep): the reasons a
 * closure check listed, one a line, as one message. */
void isms_join_lines(struct strbuf *out, const char *text, const char *sep);

/* ---- demo airport (demo.c) ---- */
/* Fills an empty, migrated store with the fictional airport (docs/isms.md, "Demo airport"),
 * all in one transaction. */
int isms_demo(struct store *st, const struct catalog *cat, struct ag_error *err) AG_MUST_CHECK;

/* Each workflow adds its part of the demo (demo_<workflow>.c), called in this order after the
 * organisation exists: assess, risk, exception, incident, audit, register, worklog. */
int isms_demo_assess(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_risk(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_exception(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_incident(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_audit(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_register(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_logs(struct store *st, const struct catalog *cat, struct ag_error *err);
int isms_demo_vuln(struct store *st, const struct catalog *cat, struct ag_error *err);
/* work log, changes, access-control reviews, disposal, lifecycle (demo_worklog.c) */
int isms_demo_worklog(struct store *st, const struct catalog *cat, struct ag_error *err);

/* Registers the messages of every isms module with ag_tr (the CLI calls it at start-up). Each
 * workflow keeps its own table in msgs_<workflow>.c. */
void isms_register_messages(void);
extern const struct ag_msg isms_msgs_core[], isms_msgs_assess[], isms_msgs_risk[],
    isms_msgs_exception[], isms_msgs_incident[], isms_msgs_audit[], isms_msgs_register[],
    isms_msgs_worklog[];
extern const size_t isms_msgs_core_count, isms_msgs_assess_count, isms_msgs_risk_count,
    isms_msgs_exception_count, isms_msgs_incident_count, isms_msgs_audit_count,
    isms_msgs_register_count, isms_msgs_worklog_count;
extern const struct ag_msg isms_msgs_vuln[];
extern const size_t isms_msgs_vuln_count;
extern const struct ag_msg isms_msgs_evidence[]; /* msgs_evidence.c */
extern const size_t isms_msgs_evidence_count;
extern const struct ag_msg isms_msgs_workbook[]; /* msgs_workbook.c */
extern const size_t isms_msgs_workbook_count;

#endif
