/*
 * bcp.h — business continuity (3.1.2.4, 3.1.4.1(4), 3.2.3.1) and secure areas (要管理対策区域,
 * 3.1.5.1(3)); docs/isms.md, sections "Business continuity" and "Secure areas".
 *
 * The plain records are registers (registers.h: bcp-plan, bcp-command, bcp-place,
 * bcp-exercise, area) with list / show / CSV / web pages from the framework. This header has
 * the steps with rules:
 *   bcp.c   recovery tests measured against the plan's RTO / RPO, findings of tests and
 *           exercises raising corrective actions (actions.origin 'exercise', origin_id = the
 *           finding), exercise participants, the checks and the views (status, overdue tests,
 *           command structure with deputies and contacts, exercises planned vs held);
 *   area.c  authorisation to enter (approval by someone else, end date, periodic review by
 *           someone other than the person reviewed, prompt removal), the entry and exit log,
 *           visitors and their badges, equipment brought in or taken out with a system
 *           administrator's approval (never the requester's own), and the flags.
 *
 * Every function that writes runs in one transaction (joining the caller's); separation of
 * duties is checked with isms_duty_* before the transaction, so a refusal is itself recorded.
 * Errors as in isms.h: AG_EINVAL names the option, AG_EDENIED a rule of the guideline.
 * Times are 'YYYY-MM-DDTHH:MM:SSZ' (UTC); input may omit the seconds and the Z.
 */
#ifndef AG_ISMS_BCP_H
#define AG_ISMS_BCP_H

#include "isms/registers.h"

/* ---- business continuity (bcp.c) ---- */
extern const char *const bcp_results[]; /* pass, partial, fail */

struct bcp_finding_new {
    const char *finding; /* what was found */
    const char *owner;   /* login of the corrective action's owner */
    const char *due;     /* YYYY-MM-DD */
};

struct bcp_test_new {
    const char *system;    /* system code; it must have a plan (the objectives measured against) */
    const char *date;      /* YYYY-MM-DD, NULL = today; not in the future */
    const char *scenario;  /* what was assumed to fail */
    const char *result;    /* pass | partial | fail */
    const char *minutes;   /* measured time to recover (text, minutes); needed for a pass */
    const char *data_loss; /* measured data loss in minutes (against the RPO), or NULL */
    const char *participants, *notes; /* may be NULL */
};

/* Records a recovery test by actor (the system's administrator or manager, or the CISO). A
 * pass needs the measured time within the RTO (and data loss within the RPO when given);
 * partial and fail need a finding, which raises a corrective action (f may be NULL for a pass).
 * *id receives the test, *action (may be NULL) the action raised or 0. */
int bcp_test_add(struct store *st, const struct catalog *cat, const struct bcp_test_new *t,
                 const struct bcp_finding_new *f, long long actor, long long *id, long long *action,
                 struct ag_error *err) AG_MUST_CHECK;
/* A further finding of a recovery test ("test") or of a held exercise ("exercise"), with its
 * corrective action; by the same people who may record the test, or for an exercise its owner,
 * the CISO or a committee member. */
int bcp_finding_add(struct store *st, const struct catalog *cat, const char *of, long long id,
                    const struct bcp_finding_new *f, long long actor, long long *finding,
                    long long *action, struct ag_error *err) AG_MUST_CHECK;
/* Records the participants of an exercise (logins, NULL-terminated); adds to the list. */
int bcp_exercise_people(struct store *st, long long id, const char *const *logins,
                        struct ag_error *err) AG_MUST_CHECK;

/* Problems of the continuity arrangements, one line each appended to report: a critical system
 * without a plan, backups exposed to the same failure, recovery tests overdue (never tested or
 * older than the plan's interval, or `months` when > 0), a last test that was not a pass, a role
 * of the command structure without a first deputy or held by someone who left, people of the
 * structure with no phone, no primary or no alternate assembly place, an alternate place on the
 * primary's site. today is YYYY-MM-DD. */
int bcp_check(struct store *st, const char *today, int months, struct strbuf *report, int *problems,
              struct ag_error *err) AG_MUST_CHECK;

/* Views (SELECT texts with bound parameters), shared by the CLI and the web pages. */
/* Every system: priority, RTO, RPO, fallback, backups, last test, next due, state
 * (ok | overdue | untested | no-plan). ?1 = today, ?2 = months override or NULL, ?3 = lang. */
extern const char bcp_status_sql[];
/* The plans whose recovery test is overdue (same columns). */
extern const char bcp_overdue_sql[];
/* Recovery tests, newest first; ?1 = system code or NULL. */
extern const char bcp_tests_sql[];
/* Findings with their actions; ?1 = 'test' | 'exercise' | NULL, ?2 = its id or NULL. */
extern const char bcp_findings_sql[];
/* The command structure: role, reports to, holder and deputies in order with each one's phone
 * (from the emergency contact register, else the person's record) and e-mail. ?1 = lang. */
extern const char bcp_structure_sql[];
/* The exercises of a year, planned against held: ?1 = year (YYYY). */
extern const char bcp_year_sql[];
/* Counts of that year: planned, held, cancelled, still planned but past. ?1 = year, ?2 = today */
extern const char bcp_year_summary_sql[];

/* ---- secure areas (area.c) ---- */
extern const char *const area_directions[]; /* in, out */
extern const char *const area_categories[]; /* system, media, personal, other */

/* Parses a time "YYYY-MM-DDTHH:MM[:SS][Z]" (or "now" / NULL = the current time) into out. */
int area_check_time(const char *field, const char *value, char out[21],
                    struct ag_error *err) AG_MUST_CHECK;

/* Installed equipment: puts an asset (code) in an area, or takes it out of the list. */
int area_equip(struct store *st, long long area, const char *asset, const char *note,
               struct ag_error *err) AG_MUST_CHECK;
int area_unequip(struct store *st, long long area, const char *asset,
                 struct ag_error *err) AG_MUST_CHECK;

/* Authorises login to enter (事前承認): by the area's manager or the CISO, never for themselves;
 * the person must be active; until (YYYY-MM-DD) may be NULL (no end). */
int area_grant(struct store *st, long long area, const char *login, const char *reason,
               const char *until, long long actor, struct ag_error *err) AG_MUST_CHECK;
/* Removes the authorisation of login (速やかに登録許可を解除): date (NULL = today) and reason. */
int area_revoke(struct store *st, long long area, const char *login, const char *reason,
                const char *date, long long actor, struct ag_error *err) AG_MUST_CHECK;
/* The periodic review of an area's list by actor (its manager, the CISO or a committee member):
 * every current authorisation is confirmed except the reviewer's own, which someone else must
 * review; those past their end date or of people who left are removed with that reason. Moves
 * the next review date. Counts to *confirmed, *removed, *left_open (may be NULL). */
int area_review(struct store *st, long long area, const char *note, long long actor, int *confirmed,
                int *removed, int *left_open, struct ag_error *err) AG_MUST_CHECK;

/* Registers a visitor (name, organisation, purpose, host login, area, date; id check and badge
 * may be NULL); the host must be an active person authorised for the area, who accompanies.
 * A badge given here is issued now. */
struct area_visitor_new {
    const char *name, *organisation, *purpose, *host, *date, *id_checked, *badge;
};
int area_visitor_add(struct store *st, long long area, const struct area_visitor_new *v,
                     long long actor, long long *id, struct ag_error *err) AG_MUST_CHECK;
/* Issues a badge to a registered visitor, or records its return (at: NULL = now). */
int area_badge_issue(struct store *st, long long visitor, const char *badge, const char *at,
                     struct ag_error *err) AG_MUST_CHECK;
int area_badge_return(struct store *st, long long visitor, const char *at,
                      struct ag_error *err) AG_MUST_CHECK;

/* Entry (入室) of a person (login) or a visitor (id > 0) at `at` (NULL = now). A person must be
 * authorised for the area and not past the end date; a visitor must be registered for the area
 * and that day, with a badge, and is escorted by the host (or escort login) when the area asks
 * for it. Anyone else is refused (AG_EDENIED) unless override gives the reason they were let in,
 * which records the entry flagged as unauthorised. Someone already inside cannot enter again. */
struct area_entry_new {
    const char *login; /* or NULL */
    long long visitor; /* or 0 */
    const char *at, *badge, *escort, *override;
};
int area_enter(struct store *st, long long area, const struct area_entry_new *e, long long actor,
               long long *id, struct ag_error *err) AG_MUST_CHECK;
/* Exit (退室) of the open entry `entry`, at `at` (NULL = now), not before the entry time. */
int area_exit(struct store *st, long long entry, const char *at,
              struct ag_error *err) AG_MUST_CHECK;
/* The open entry of a person (login) or visitor in an area (AG_ENOTFOUND if not inside). */
int area_open_entry(struct store *st, long long area, const char *login, long long visitor,
                    long long *entry, struct ag_error *err) AG_MUST_CHECK;

/* Equipment brought in or taken out (3.1.5.1(3)③): requested for person (login, who carries
 * it); approved or rejected by a system administrator (of the area's department, or
 * organisation-wide) who is not that person; the movement itself recorded when it happens
 * (a movement without approval is recorded but flagged). */
struct area_move_new {
    const char *direction, *item, *asset, *category, *person, *reason, *date;
};
int area_move_request(struct store *st, long long area, const struct area_move_new *m,
                      long long *id, struct ag_error *err) AG_MUST_CHECK;
int area_move_decide(struct store *st, long long move, bool approve, const char *note,
                     long long actor, struct ag_error *err) AG_MUST_CHECK;
/* *unapproved (may be NULL) tells whether the movement happened without an approval. */
int area_move_done(struct store *st, long long move, const char *at, long long actor,
                   bool *unapproved, struct ag_error *err) AG_MUST_CHECK;

/* Finds an area by code (or #id). */
int area_find(struct store *st, const char *ref, long long *id, struct ag_error *err) AG_MUST_CHECK;

/* Views. */
/* The authorised people of an area with flags: ?1 = area id, ?2 = today; columns login, name,
 * reason, granted_on, granted_by, valid_until, reviewed_on, reviewed_by, flag
 * (expired | left | review-due | ""). */
extern const char area_people_sql[];
/* Who is inside now: ?1 = area id or NULL; area, who, kind (staff | visitor), in_at, badge,
 * escort, flag. */
extern const char area_now_sql[];
/* The entry log of an area on a day: ?1 = area id, ?2 = YYYY-MM-DD. */
extern const char area_log_sql[];
/* Visitors: ?1 = area id or NULL, ?2 = date or NULL; with flag unreturned-badge. ?3 = today */
extern const char area_visitors_sql[];
/* Equipment movements: ?1 = area id or NULL; with flag unapproved | pending. */
extern const char area_moves_sql[];
/* Installed equipment of an area: ?1 = area id. */
extern const char area_equipment_sql[];
/* Every flag across areas: ?1 = today, ?2 = now (time); columns area, flag, who, what, since. */
extern const char area_flags_sql[];

/* Demo data (demo_bcp.c), called by isms_demo after the registers. */
int isms_demo_bcp(struct store *st, const struct catalog *cat, struct ag_error *err);

extern const struct ag_msg isms_msgs_bcp[];
extern const size_t isms_msgs_bcp_count;

#endif
