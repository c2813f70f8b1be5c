/*
 * worklog.h — the operation and maintenance work log of guideline 3.2.1.1 (docs/isms.md,
 * "Operation and maintenance work log (3.2.1.1)"):
 *   entries    運用管理の記録: date and time, device (asset), work done, who, kind
 *              (3.2.1.1(1)①, (2)②③④)
 *   changes    構成管理・変更管理: request → approval before the change by someone other than the
 *              requester → carried out (linked work log entries) → review afterwards by someone
 *              other than the implementer; emergency changes are approved afterwards within
 *              WL_EMERGENCY_DAYS days and flagged until then (3.2.1.1(2)②③④)
 *   reviews    経路制御及びアクセス制御の設定の見直し per network device: interval, review records,
 *              overdue reviews, findings → corrective actions (3.2.1.1(2)③)
 *   disposals  運用終了時の情報の抹消 with the proof of erasure in the evidence store and a
 *              witness; the asset becomes disposed (3.2.1.1(2)①②③④, (1)②)
 *
 * Who may act (docs/isms.md): recording work, requesting, carrying out and reviewing changes,
 * review plans and disposals need the role sysadmin or manager for the department that owns the
 * device's system (organisation-wide roles count), or the CISO. A change is approved by the
 * information security manager (manager) of the devices' departments or the CISO, never by its
 * requester; it is reviewed by someone other than whoever carried it out (3.1.4.1(2)).
 * Refusals are AG_EDENIED; separation-of-duty refusals are recorded in the audit trail by
 * isms_duty_* (outside a caller's transaction). Every write is one transaction (joins the
 * caller's, as the demo and the web pages do).
 *
 * A change is never carried out through wl_change_implement without approval (unless it is an
 * emergency change). A configuration change or patch entered directly in the log without an
 * approved or emergency change is recorded as it happened and flagged unauthorised.
 */
#ifndef AG_ISMS_WORKLOG_H
#define AG_ISMS_WORKLOG_H

#include "isms/isms.h"

/* Days after an emergency change was carried out by which it must be approved. */
#define WL_EMERGENCY_DAYS 3

extern const char *const wl_kinds[];          /* maintenance configuration patch … */
extern const char *const wl_risks[];          /* low medium high */
extern const char *const wl_change_results[]; /* ok issues rolled_back */
extern const char *const wl_review_scopes[];  /* routing access-control both */
extern const char *const wl_review_results[]; /* confirmed corrected action */
extern const char *const wl_methods[];        /* overwrite degauss physical-destruction … */

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" (a real date and time) into
 * "YYYY-MM-DD HH:MM" (a date alone is 00:00). */
int wl_check_datetime(const char *field, const char *value, char out[17],
                      struct ag_error *err) AG_MUST_CHECK;

/* ---- work log entries ---- */
struct wl_entry_new {
    const char *asset;   /* asset code */
    const char *done_at; /* see wl_check_datetime; NULL = now */
    const char *kind;    /* wl_kinds */
    const char *work;    /* what was done */
    const char *result;  /* may be NULL */
    const char *by;      /* login of who did it; NULL = the recorder */
    long long change;    /* the change it carries out, 0 = none */
};
/* Records one entry; *unauthorised (may be NULL) tells whether it was flagged. */
int wl_entry_add(struct store *st, long long recorder, const struct wl_entry_new *e, long long *id,
                 bool *unauthorised, struct ag_error *err) AG_MUST_CHECK;

/* ---- changes ---- */
struct wl_change_new {
    const char *title, *reason, *planned_on, *rollback, *risk, *risk_note;
    const char *const *assets; /* asset codes, NULL-terminated, at least one */
    bool emergency;
};
int wl_change_request(struct store *st, long long requester, const struct wl_change_new *c,
                      long long *id, struct ag_error *err) AG_MUST_CHECK;
/* Approval or rejection (before the change; for an emergency change also afterwards). */
int wl_change_decide(struct store *st, long long id, long long actor, bool approve,
                     const char *note, struct ag_error *err) AG_MUST_CHECK;
/* Carries the change out: one work log entry per device (kind configuration or patch). */
int wl_change_implement(struct store *st, long long id, long long actor, const char *done_at,
                        const char *kind, const char *work, const char *result,
                        struct ag_error *err) AG_MUST_CHECK;
/* The review after the change (result wl_change_results, note required). With result "issues"
 * and action_owner given, a corrective action is opened (due action_due). */
int wl_change_review(struct store *st, const struct catalog *cat, long long id, long long actor,
                     const char *result, const char *note, const char *action_owner,
                     const char *action_due, struct ag_error *err) AG_MUST_CHECK;
/* Cancels a change that was not carried out (its requester, or someone who may approve it). */
int wl_change_cancel(struct store *st, long long id, long long actor,
                     struct ag_error *err) AG_MUST_CHECK;
/* The state a change shows, computed on every read (static text):
 *   open-pending           requested, not yet decided
 *   approved / rejected    decided, not carried out
 *   emergency-pending      an emergency change carried out, approval due by approval_due
 *   approval-overdue       … and approval_due has passed (flagged)
 *   rejected-after-change  an emergency change rejected afterwards and not rolled back (flagged)
 *   review-due             carried out and approved, the review after the change is due
 *   reviewed, cancelled
 * "today" is YYYY-MM-DD. The SQL form (?1 = today) is WL_CHANGE_STATE_SQL over the alias c. */
const char *wl_change_state(const char *status, const char *decision, const char *approval_due,
                            const char *review_result, const char *today);
#define WL_CHANGE_STATE_SQL                                                                        \
    "(CASE WHEN c.status = 'cancelled' THEN 'cancelled' WHEN c.status = 'open' THEN CASE "         \
    "c.decision WHEN 'pending' THEN 'open-pending' ELSE c.decision END WHEN c.decision = "         \
    "'pending' THEN CASE WHEN ?1 > c.approval_due THEN 'approval-overdue' ELSE "                   \
    "'emergency-pending' END WHEN c.decision = 'rejected' AND coalesce(c.review_result, '') <> "   \
    "'rolled_back' THEN 'rejected-after-change' WHEN c.status = 'reviewed' THEN 'reviewed' ELSE "  \
    "'review-due' END)"

/* ---- periodic review of routing and access control (3.2.1.1(2)③) ---- */
/* Sets (or changes) the review plan of a network device; started_on NULL = today. */
int wl_review_plan(struct store *st, long long actor, const char *asset, const char *scope,
                   int interval_months, const char *owner, const char *started_on,
                   struct ag_error *err) AG_MUST_CHECK;
struct wl_review_new {
    const char *asset, *reviewed_on; /* NULL = today */
    long long change;                /* occasion "change" when set, else periodic */
    const char *findings, *result;
    const char *action_owner, *action_due; /* result "action": the corrective action */
};
int wl_review_add(struct store *st, const struct catalog *cat, long long reviewer,
                  const struct wl_review_new *r, long long *id, struct ag_error *err) AG_MUST_CHECK;
/* The plans with their last review and next due date: SELECT with ?1 = today; columns asset,
 * name, scope, interval_months, owner, last_review, next_due, state (ok|due-soon|overdue). */
extern const char wl_review_plans_sql[];

/* ---- disposal with proof of erasure ---- */
struct wl_disposal_new {
    const char *asset, *disposed_on; /* NULL = today */
    const char *method;              /* wl_methods */
    const char *by, *witness;        /* logins; they differ */
    const char *vendor, *contractor; /* the erasure service; contractor code (contractual) */
    const char *certificate_no, *note;
    /* the certificate: bytes (data, len) with the file name, or a path (data NULL) */
    const void *data;
    size_t len;
    const char *certificate; /* file name, or the path when data is NULL */
};
int wl_dispose(struct store *st, long long recorder, const struct wl_disposal_new *d, long long *id,
               struct ag_error *err) AG_MUST_CHECK;

/* ---- who may act ---- */
/* The department owning the asset's system (0 if none). */
long long wl_asset_department(struct store *st, long long asset);
/* Whether person may record work on / request changes for devices of department dept: sysadmin
 * or manager for it, or the CISO. */
bool wl_may_operate(struct store *st, long long person, long long dept);

#endif
