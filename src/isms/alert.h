/*
 * alert.h — the alerts of logwatch as records of the airport (issue 5 §5, docs/logwatch.md
 * "Alerts and outputs"): stored in batches, handled by CSIRT (new → acknowledged → closed),
 * linked to the guideline items they bear on, and — by configuration — opening an incident
 * (src/isms/incident.h) for high-level alerts.
 *
 * An alert arrives as the rule engine's JSON object (the contract in docs/logwatch.md: id, time,
 * category, rule, rule_id, level, src_ip, user, host, count, first, last, guideline, catalog,
 * attack, evidence). isms_alert_from_json checks and maps one object to a row; unknown keys are
 * ignored (the engine may add some), a missing or malformed known key is an error naming it.
 *
 * Storage (013_alerts.sql): table alerts has no per-row audit triggers (batches of thousands per
 * second); each batch writes one explicit audit row with the count and a SHA-256 of what it
 * stored, and each handling step is a row of alert_actions, audited like every table.
 * Threading: like the store, one connection per thread.
 */
#ifndef AG_ISMS_ALERT_H
#define AG_ISMS_ALERT_H

#include <jansson.h>

#include "isms/isms.h"

extern const char *const isms_alert_levels[];   /* informational, low, medium, high, critical */
extern const char *const isms_alert_statuses[]; /* new, acknowledged, closed */

/* The rank of a level (0 informational … 4 critical), -1 when it is not one. */
int isms_alert_level_rank(const char *level);

#define ISMS_ALERT_MAX_ITEMS 32
#define ISMS_ALERT_MAX_EVIDENCE 10
#define ISMS_ALERT_EVIDENCE_MAX 4096 /* bytes kept of one evidence line (longer: cut, "…") */

/* One alert as a row. Texts are borrowed from the JSON object (valid while it is) — rule, user
 * and host longer than 500, 256 and 256 bytes are cut into the row's buffers instead; the JSON
 * arrays are owned (isms_alert_row_release); items are the catalog ids it bears on (borrowed
 * from the catalog, or from the object when no catalog was given). */
struct isms_alert_row {
    const char *id, *category, *rule, *rule_id, *level, *src_ip, *user, *host; /* NULL = absent */
    char time[21], first[21], last[21]; /* UTC "YYYY-MM-DDTHH:MM:SSZ"; first/last "" = absent */
    long long count;
    char *guideline, *catalog, *attack, *evidence; /* JSON array texts */
    const char *items[ISMS_ALERT_MAX_ITEMS];
    size_t nitems;
    char rule_buf[501], user_buf[257], host_buf[257]; /* rule, user, host cut to these sizes */
};
/* Checks alert (a JSON object of the contract) and fills row. cat (may be NULL) resolves the
 * guideline refs and checks the catalog ids. AG_EINVAL with a message naming the field. On
 * failure row holds nothing to release. */
int isms_alert_from_json(const json_t *alert, const struct catalog *cat, struct isms_alert_row *row,
                         struct ag_error *err) AG_MUST_CHECK;
void isms_alert_row_release(struct isms_alert_row *row);

/* Automatic incidents (configuration outputs.incident of logwatch): an alert at or above
 * min_level whose category is listed (no list = every category) opens an incident reported by
 * `reporter`, unless an incident opened from an alert of the same category and the same source
 * address (else the same user) is still open and was detected within the 24 hours before the
 * alert: then the alert is linked to that one. */
struct isms_alert_policy {
    const char *min_level;         /* NULL = never */
    const char *const *categories; /* NULL-terminated; NULL or empty = all */
    long long reporter;            /* person id */
};

struct isms_alert_stats {
    size_t added, duplicates, incidents_opened, incidents_linked;
};

/* Stores n alerts in one transaction (joins the caller's when one is open): each is checked
 * first (isms_alert_from_json; the first bad one fails the whole batch with "alert <i>: …" and
 * nothing is written); an alert whose id is already stored is skipped (stats->duplicates); one
 * audit row records the batch. policy may be NULL. stats (may be NULL) is added to, not reset. */
int isms_alert_add_batch(struct store *st, const struct catalog *cat, json_t *const *alerts,
                         size_t n, const struct isms_alert_policy *policy,
                         struct isms_alert_stats *stats, struct ag_error *err) AG_MUST_CHECK;

/* Handling by a person: step "acknowledge" (new → acknowledged) or "close" (new or
 * acknowledged → closed), with an optional note. AG_ENOTFOUND for an unknown id, AG_EDENIED
 * when the status does not allow the step. Who may do it is the caller's rule (CSIRT, CISO,
 * system administrators; the administrator of airguard on the web). */
int isms_alert_step(struct store *st, const char *id, const char *step, long long actor,
                    const char *note, struct ag_error *err) AG_MUST_CHECK;

/* Links the alert to incident `incident`, or with incident 0 opens a new one from it reported by
 * actor; *out receives the incident's id. AG_ECONFLICT when it is linked already. */
int isms_alert_incident(struct store *st, const char *id, long long actor, long long incident,
                        long long *out, struct ag_error *err) AG_MUST_CHECK;

/* The list's filters (NULL or "" = not filtered). level is a minimum (that level and above);
 * since is a time (isms_incident_time's forms); status one of isms_alert_statuses or "open" (new
 * or acknowledged); item a catalog id: alerts on it or anything below it. Newest first; after is
 * the cursor (the seq of the last row of the previous page, 0 = from the newest); limit 1..1000. */
struct isms_alert_filter {
    const char *category, *level, *src_ip, *user, *since, *status, *item;
    long long after, limit;
};
/* *items receives a JSON array (caller json_decref) of alert objects — the contract's keys plus
 * seq, status, incident_id (null when none) and created_at — and *next the cursor of the next
 * page (0 when this was the last). A malformed filter is AG_EINVAL naming it. */
int isms_alert_query(struct store *st, const struct isms_alert_filter *f, json_t **items,
                     long long *next, struct ag_error *err) AG_MUST_CHECK;
/* One alert by id (same object as the list, plus "actions": its handling, oldest first).
 * AG_ENOTFOUND when unknown. */
int isms_alert_get(struct store *st, const char *id, json_t **out,
                   struct ag_error *err) AG_MUST_CHECK;

/* Counts per category: alerts whose time is at or after `since`, and alerts still new
 * (unacknowledged), as {"category": [recent, new], …} (caller json_decref). */
int isms_alert_summary(struct store *st, const char *since, json_t **out,
                       struct ag_error *err) AG_MUST_CHECK;

#endif
