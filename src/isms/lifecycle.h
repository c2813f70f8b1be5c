/*
 * lifecycle.h — the security requirements of an information system through its lifecycle,
 * guideline 3.1.5.2(1) (docs/isms.md, "System lifecycle (3.1.5.2(1))").
 *
 * A project of a system (a new system, a renewal 更改 or a disposal 廃棄) passes phases:
 *   new       planning → build → acceptance → handover
 *   renewal   planning → build → acceptance → handover → renewal
 *   disposal  disposal
 * Each phase has a checklist generated from the catalog when the project starts (lc_template:
 * the items of 3.1.5.2(1) and the related measures of 3.1.5.1, 3.1.5.2(2)(4) and 3.2.1.1, the
 * device-specific ones only when the system has such devices). Each row is answered done, na
 * (with the reason) or open, with evidence files. A phase is signed off, in order, by the
 * information security manager of the system's department or the CISO who answered none of its
 * rows (3.1.4.1(2)); never with open rows; planning needs an approved design review, acceptance
 * a passed acceptance test with its evidence (the last record of each test passed), disposal
 * every device of the system disposed of. The last sign-off completes the project.
 * Answering rows, design reviews and tests need the project's owner, the sysadmin or manager of
 * the system's department, or the CISO. Every write is one transaction (joins the caller's).
 */
#ifndef AG_ISMS_LIFECYCLE_H
#define AG_ISMS_LIFECYCLE_H

#include "isms/isms.h"

extern const char *const lc_phase_names[]; /* planning build acceptance handover renewal disposal */
extern const char *const lc_kinds[];       /* new renewal disposal */
extern const char *const lc_answers[];     /* open done na */

/* The catalog nodes of a phase's checklist for a system with the given asset categories
 * (bit i = the i-th category of the assets table: server terminal network plc camera mfp iot
 * storage other; 0 = the system has no devices registered: every row). Calls fn for each node
 * in order; AG_EINVAL when the catalog lacks a node of the template (not the 2nd edition). */
int lc_template(const struct catalog *cat, const char *phase, unsigned categories,
                int (*fn)(void *ctx, const struct catalog_node *n), void *ctx,
                struct ag_error *err) AG_MUST_CHECK;
/* The category bits of a system's assets in service. */
unsigned lc_system_categories(struct store *st, long long system);

struct lc_project_new {
    const char *code, *system, *kind, *title;
    const char *owner;      /* login; the responsible system administrator */
    const char *started_on; /* NULL = today */
};
/* Starts a project and generates its phases and checklists. */
int lc_project_start(struct store *st, const struct catalog *cat, long long actor,
                     const struct lc_project_new *p, long long *id,
                     struct ag_error *err) AG_MUST_CHECK;
int lc_project_find(struct store *st, const char *code, long long *id,
                    struct ag_error *err) AG_MUST_CHECK;
/* The first phase not signed off (copied into out, "" when every phase is). */
int lc_current_phase(struct store *st, long long project, char out[16],
                     struct ag_error *err) AG_MUST_CHECK;
/* A row of the project: by number ("#12" or "12"), or by catalog id or reference within phase
 * (phase may be NULL when the item occurs in one phase only). */
int lc_row_find(struct store *st, const struct catalog *cat, long long project, const char *phase,
                const char *row, long long *id, struct ag_error *err) AG_MUST_CHECK;
/* Answers a row (lc_answers); "na" needs the reason in note. Rows of a signed-off phase are
 * frozen. */
int lc_answer(struct store *st, long long actor, long long row, const char *answer,
              const char *note, struct ag_error *err) AG_MUST_CHECK;
/* Attaches an evidence file to a row: bytes (data, len, name) or a path (data NULL, name). */
int lc_attach(struct store *st, long long actor, long long row, const void *data, size_t len,
              const char *name, struct ag_error *err) AG_MUST_CHECK;
struct lc_review_new {
    const char *phase; /* planning or build */
    const char *held_on, *scope, *findings, *result;
    const char *const *reviewers; /* logins, NULL-terminated, at least one */
};
int lc_review_add(struct store *st, long long actor, long long project,
                  const struct lc_review_new *r, long long *id, struct ag_error *err) AG_MUST_CHECK;
struct lc_test_new {
    const char *title, *tested_on, *result, *note;
    const char *tester; /* login, NULL = actor */
    const void *data;   /* the evidence: bytes (data, len, name) or a path (data NULL, name) */
    size_t len;
    const char *name;
};
int lc_test_add(struct store *st, long long actor, long long project, const struct lc_test_new *t,
                long long *id, struct ag_error *err) AG_MUST_CHECK;
int lc_signoff(struct store *st, long long actor, long long project, const char *phase,
               const char *note, struct ag_error *err) AG_MUST_CHECK;

/* Whether person may answer rows and record reviews and tests of the project. */
bool lc_may_work(struct store *st, long long person, long long project);

#endif
