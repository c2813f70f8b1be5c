/*
 * exception.h — exception measures (例外措置) of guideline 3.1.2.3(2)②.
 *
 * The CISO designates who reviews requests and sets the review procedure (exception_designate,
 * exception_set_procedure); an applicant requests with every item the guideline lists
 * (exception_request); a designated reviewer who is not the applicant decides with a review
 * record (exception_decide); the exception becomes active on its start date and expires after
 * its end date (computed on every read, stored by exception_expire); the applicant reports its
 * end (exception_end).
 *
 * Status life cycle:
 *   requested --decide--> approved --start date--> active --end date passed--> expired
 *             \-> rejected                                 \--end report-----> ended
 *             \-> withdrawn (by the applicant)          (expired --end report--> ended)
 * Every function that changes records runs in one transaction (joins the caller's if open).
 */
#ifndef AG_ISMS_EXCEPTION_H
#define AG_ISMS_EXCEPTION_H

#include "isms/isms.h"

extern const char *const exception_statuses[];

/* The status the exception has on `today` given its stored status and period (all dates
 * "YYYY-MM-DD"): approved becomes active from start, approved/active/requested become expired
 * after end. Returns a static string. */
const char *exception_effective_status(const char *status, const char *start, const char *end,
                                       const char *today);

/* ---- set-up by the CISO (3.1.2.3(2)② 審査する者を定め、審査手続を整備) ---- */
/* procedure NULL / max_days 0 = unchanged. */
int exception_set_procedure(struct store *st, long long actor, const char *procedure, int max_days,
                            struct ag_error *err) AG_MUST_CHECK;
/* Designates `login` as reviewer (for department code dept, NULL = every department). */
int exception_designate(struct store *st, long long actor, const char *login, const char *dept,
                        struct ag_error *err) AG_MUST_CHECK;
int exception_revoke(struct store *st, long long actor, const char *login, const char *dept,
                     struct ag_error *err) AG_MUST_CHECK;
/* Whether person holds a designation covering department dept (0 = any department). */
bool exception_is_reviewer(struct store *st, long long person, long long dept);

struct exception_new {
    const char *contact;                    /* NULL = the person's e-mail / phone */
    const char *regulation, *clause;        /* 規程名と条項等 */
    const char *item;                       /* guideline item (id or ref), may be NULL */
    const char *system;                     /* system code, may be NULL */
    const char *start, *end;                /* 期間 */
    const char *measures;                   /* 措置内容（代替手段） */
    const char *security_impact, *handling; /* 影響と対処方法 */
    const char *end_report_method;          /* 終了時の報告方法 */
    const char *reason;                     /* 理由 */
    long long risk_id;                      /* related risk, 0 = none */
};
int exception_request(struct store *st, const struct catalog *cat, long long applicant,
                      const struct exception_new *e, long long *id,
                      struct ag_error *err) AG_MUST_CHECK;
/* A designated reviewer (never the applicant) approves or rejects with the review record. */
int exception_decide(struct store *st, long long id, long long actor, bool approve,
                     const char *record, const char *conditions,
                     struct ag_error *err) AG_MUST_CHECK;
int exception_withdraw(struct store *st, long long id, long long actor,
                       struct ag_error *err) AG_MUST_CHECK;
/* The end report (終了したときの報告), by the applicant, of an approved, active or expired
 * exception. */
int exception_end(struct store *st, long long id, long long actor, const char *report,
                  struct ag_error *err) AG_MUST_CHECK;
/* Stores the effective status of every exception whose status changed with time; each change
 * is recorded in the audit trail ("expire" / "activate"). *changed receives how many. */
int exception_expire(struct store *st, int *changed, struct ag_error *err) AG_MUST_CHECK;

#endif
