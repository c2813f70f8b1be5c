/*
 * incident.h — 重要インフラサービス障害 (critical infrastructure service outages) from detection to
 * closure, guideline 3.1.2.4(2), 3.1.4.1(3), 3.2.2.2(2), 3.2.3 and the personal-data-leak steps
 * of 3.1.2.6(7) (docs/isms/incidents.md).
 *
 * Life cycle:  open --log recovered--> recovered --close (CISO)--> closed
 * Every step is one transaction; a closed incident takes no more changes. Who may do what:
 *   open, log (timeline)            anyone (取扱者 report what they see, 3.1.2.4(2)②)
 *   cause, system                    manager, csirt or ciso (情報セキュリティ責任者 reports the
 *                                    cause, 3.1.2.4(2)③)
 *   prevent (recurrence prevention)  ciso (instructs the measures, 3.1.2.4(2)③); each measure is a
 *                                    corrective action with origin 'incident'
 *   leak (3.1.2.6(7))                ciso or csirt
 *   report --sent (情報連絡 to MLIT)  ciso
 *   close                            ciso, and not the person who reported the incident
 *                                    (3.1.4.1(2): the reporter does not sign off their own report)
 * Times are "YYYY-MM-DDTHH:MM:SSZ" (UTC); input may carry an offset (+09:00), which is converted.
 */
#ifndef AG_ISMS_INCIDENT_H
#define AG_ISMS_INCIDENT_H

#include "isms/isms.h"

extern const char *const isms_incident_severities[];
extern const char *const isms_incident_cause_classes[]; /* 3.2.2.2(2) */
extern const char *const isms_incident_event_kinds[];
extern const char *const isms_incident_leak_steps[];
extern const char *const isms_incident_report_sources[]; /* sources a report field may name */

/* Parses "YYYY-MM-DD[T ]HH:MM[:SS][Z|±HH:MM|±HHMM]" (no zone = UTC) into out, normalised to UTC
 * "YYYY-MM-DDTHH:MM:SSZ". NULL or "" gives the current time (ag_now). */
int isms_incident_time(const char *field, const char *value, char out[21],
                       struct ag_error *err) AG_MUST_CHECK;

struct isms_incident_new {
    const char *title, *description;
    const char *severity;    /* low, medium (default), high, critical */
    const char *occurred_at; /* may be NULL (unknown) */
    const char *detected_at; /* NULL = now */
    const char *detection;   /* how it was detected; may be NULL */
    const char *department;  /* code or NULL */
    const char *site;        /* code or NULL */
};
/* Opens an incident reported by `reporter`; the timeline gets its "detected" entry. */
int isms_incident_open(struct store *st, const struct isms_incident_new *in, long long reporter,
                       long long *id, struct ag_error *err) AG_MUST_CHECK;

/* Adds a timeline entry. kind: one of isms_incident_event_kinds except "closed"; `to` (login)
 * is required for reported / escalated (the reporting chain). at NULL = now; an entry may not
 * be earlier than the detection nor later than now. Side effects: recovered sets the status and
 * recovered_at; ministry-reported sets ministry_reported_at; authority-notified and
 * user-information keep the text on the incident for the report. */
int isms_incident_log(struct store *st, long long id, long long actor, const char *kind,
                      const char *at, const char *to, const char *text,
                      struct ag_error *err) AG_MUST_CHECK;

/* An affected system and its service impact (added, or updated when already listed).
 * Counts < 0 leave the stored value; NULL texts leave it. */
struct isms_incident_impact {
    const char *system; /* code */
    const char *impact, *fallback, *outage_start, *outage_end;
    long long flights_delayed, flights_cancelled, passengers;
};
int isms_incident_system(struct store *st, long long id, long long actor,
                         const struct isms_incident_impact *im, struct ag_error *err) AG_MUST_CHECK;

/* Records the cause class (intentional / accidental / environmental), detail and root cause. */
int isms_incident_cause(struct store *st, long long id, long long actor, const char *cause_class,
                        const char *detail, const char *root_cause,
                        struct ag_error *err) AG_MUST_CHECK;

/* A recurrence-prevention measure instructed by the CISO: a corrective action (origin
 * 'incident', origin_id = id) in the same transaction; *action_id receives its id. */
int isms_incident_prevent(struct store *st, const struct catalog *cat, long long id,
                          long long actor, const struct isms_action_new *a, long long *action_id,
                          struct ag_error *err) AG_MUST_CHECK;

/* Why the incident cannot be closed yet, one reason per line appended to `why` (empty = it
 * can). Used by close and shown by `incident show`. */
int isms_incident_close_check(struct store *st, long long id, struct strbuf *why,
                              struct ag_error *err) AG_MUST_CHECK;
/* Closes the incident (CISO, not the reporter; everything of close_check done). */
int isms_incident_close(struct store *st, long long id, long long actor, const char *note,
                        struct ag_error *err) AG_MUST_CHECK;

/* Starts the personal-data-leak record of the incident (3.1.2.6(7)). info_asset 0 = none. */
int isms_incident_leak_open(struct store *st, long long id, long long actor,
                            const char *data_description, long long subjects, long long info_asset,
                            struct ag_error *err) AG_MUST_CHECK;
/* Records one step with its date: source-identified, leak-stopped, agencies-informed,
 * spread-stopped, subjects-notified, published, no-publication (note = the reason),
 * ppc-reported, mlit-informed. A date may not precede the detection nor follow today. */
int isms_incident_leak_step(struct store *st, long long id, long long actor, const char *step,
                            const char *date, const char *note, struct ag_error *err) AG_MUST_CHECK;

/* The report to MLIT (情報連絡, 3.2.2.2(2)) rendered from incident_report_fields into out: text
 * in lang, or a JSON object. *missing receives how many required fields are empty. An export
 * row is written to the audit trail. */
int isms_incident_report(struct store *st, long long id, enum ag_lang lang, bool json,
                         struct strbuf *out, size_t *missing, struct ag_error *err) AG_MUST_CHECK;
/* Marks the report as sent to MLIT (CISO; every required field filled): a timeline entry. */
int isms_incident_report_sent(struct store *st, long long id, long long actor, const char *at,
                              struct ag_error *err) AG_MUST_CHECK;

/* The report form as data: adds or changes a field (required < 0 and ord < 0 leave the stored
 * value; NULL texts too; a new field needs labels and a source), or removes one. */
int isms_incident_form_set(struct store *st, const char *key, const char *label_ja,
                           const char *label_en, int required, long long ord, const char *source,
                           struct ag_error *err) AG_MUST_CHECK;
int isms_incident_form_remove(struct store *st, const char *key,
                              struct ag_error *err) AG_MUST_CHECK;

#endif
