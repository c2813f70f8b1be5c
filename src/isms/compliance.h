/*
 * compliance.h — the automatic status of a guideline measure from live evidence (issue 7 item 1,
 * docs/compliance.md "Evidence and automatic status"): each measure the catalog gives `checks`
 * is evidenced (every check with data ran within its freshness window and passed), contradicted
 * (a check found a problem: the reason and a link to the evidence) or without data; a submitted
 * self-inspection answer of 実施 on a contradicted measure is flagged to the information
 * security managers and the CISO.
 *
 * A check name is "KIND" or "KIND.ARG" (docs/catalog.md, "checks"); the kinds and what each reads
 * from the store:
 *   alerts.logwatch, alerts.netwatch  the monitor's run records (a heartbeat within 2 days), and
 *                     open (not closed) high or critical alerts of the last 30 days naming the
 *                     measure's section or anything below it
 *   netwatch_baseline the latest netwatch run (2 days) watched against a baseline file
 *   auth_lockout      airguard's own account policy: lockout after at most 10 failures
 *   unused_accounts   the sweep of unused accounts ran within 7 days and no enabled account is
 *                     idle past auth.disable_after_days
 *   backup            a successful `db backup` within 7 days
 *   audit_verify      the last `audit verify` (31 days) found the trail intact
 *   log_archive       the last `logs verify` (31 days) found the archive whole
 * The status is computed on demand from indexed look-ups (no cache): the whole catalog costs a
 * few dozen queries.
 *
 * Facts owned by modules above isms (the account policy, the count of idle accounts) come in
 * struct isms_ev_env, filled by the caller (cli, web). Threading: the caller's connection.
 */
#ifndef AG_ISMS_COMPLIANCE_H
#define AG_ISMS_COMPLIANCE_H

#include <time.h>

#include <jansson.h>

#include "isms/isms.h"

enum isms_ev_status {
    ISMS_EV_NO_DATA = 0,
    ISMS_EV_EVIDENCED,
    ISMS_EV_CONTRADICTED,
};
/* "no_data", "evidenced", "contradicted" */
const char *isms_ev_status_id(enum isms_ev_status s);
/* AG_EINVAL for anything else */
int isms_ev_status_parse(const char *s, enum isms_ev_status *out) AG_MUST_CHECK;

/* Freshness windows and the period of alerts, in days (documented in docs/compliance.md). */
#define ISMS_EV_MONITOR_DAYS 2
#define ISMS_EV_ALERT_DAYS 30
#define ISMS_EV_BACKUP_DAYS 7
#define ISMS_EV_SWEEP_DAYS 7
#define ISMS_EV_VERIFY_DAYS 31
#define ISMS_EV_LOCKOUT_MAX 10 /* failures before the lock: more is too lax */

/* What the caller knows from above isms. Zero / negative = unknown (that check has no data). */
struct isms_ev_env {
    time_t now;            /* 0 = ag_now() */
    int lockout_threshold; /* auth policy (auth_policy_load) */
    int lockout_minutes;
    int unused_days;       /* auth.disable_after_days */
    long long unused_idle; /* enabled accounts idle past it; -1 = unknown */
};
void isms_ev_env_init(struct isms_ev_env *env); /* unknown everything, now = ag_now() */

/* Whether the check name is one this program evaluates. */
bool isms_ev_check_known(const char *name);

#define ISMS_EV_MAX_CHECKS 8
struct isms_ev_check {
    const char *name; /* the catalog's (borrowed from the catalog) */
    enum isms_ev_status status;
    bool stale;       /* ran, but longer ago than its window (status no data) */
    char ran_at[21];  /* the run or observation it rests on; "" = none */
    char reason[320]; /* in the language asked for */
    char link[200];   /* the alert list of the evidence (/alerts?…), "" = none */
};
struct isms_ev_measure {
    const struct catalog_node *node;
    enum isms_ev_status status; /* contradicted if any check is; else evidenced if any is */
    size_t nchecks;
    struct isms_ev_check checks[ISMS_EV_MAX_CHECKS];
};

/* The status of measure n (a node with checks; a node without any has no data). */
int isms_measure_status(struct store *st, const struct catalog_node *n,
                        const struct isms_ev_env *env, enum ag_lang lang,
                        struct isms_ev_measure *out, struct ag_error *err) AG_MUST_CHECK;

/* The node ids with checks, in catalog order: *out (caller frees the array, not the nodes). */
int isms_ev_nodes(const struct catalog *cat, const struct catalog_node ***out,
                  size_t *n) AG_MUST_CHECK;

/* The current campaign: the latest plan with a submitted sheet and its latest round with one.
 * *plan = 0 when there is none. */
int isms_ev_campaign(struct store *st, long long *plan, int *round,
                     struct ag_error *err) AG_MUST_CHECK;

/* The submitted answers on item `item_id` in the round of a plan (plan 0 = the current
 * campaign): *out a JSON array (caller json_decref) of {answer_id, sheet, department,
 * respondent, answer, answered_at, comment}, department by lang. */
int isms_ev_answers(struct store *st, long long plan, int round, const char *item_id,
                    enum ag_lang lang, json_t **out, struct ag_error *err) AG_MUST_CHECK;

/* A flag: a submitted 実施 answer of the current campaign on a contradicted measure. */
struct isms_ev_flag {
    const struct catalog_node *node;
    long long answer_id, sheet_id, plan_id;
    int round;
    char department[160], respondent[160];
    char reason[320], link[200]; /* of the first contradicting check */
};
/* The flags now (plan 0 = the current campaign), in catalog order; *out caller frees. */
int isms_ev_flags(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                  enum ag_lang lang, long long plan, struct isms_ev_flag **out, size_t *n,
                  struct ag_error *err) AG_MUST_CHECK;
/* Records the flags of the current campaign in table compliance_flags, in one transaction:
 * a new flag is raised (reason in English), an open flag whose answer is no longer contradicted
 * is cleared. *raised / *cleared (may be NULL) count the changes. */
int isms_ev_flags_sync(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                       size_t *raised, size_t *cleared, struct ag_error *err) AG_MUST_CHECK;

/* The demo airport's evidence (demo_evidence.c): run records, alerts of logwatch on
 * 3.1.5.1(2)(e) and answers, so that one measure is evidenced, one contradicted and flagged, one
 * without data. Part of isms_demo. */
int isms_demo_evidence(struct store *st, const struct catalog *cat,
                       struct ag_error *err) AG_MUST_CHECK;

#endif
