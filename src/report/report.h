/*
 * report.h — documents made from the store for people outside the daily work: OSCAL
 * assessment-results of a self-inspection campaign and a POA&M of the open corrective actions
 * (for auditors), a STIX 2.1 bundle of an incident (for the sector's CEPTOAR), the report to
 * MLIT in its final form (text, JSON, HTML, PDF), and the PDF printer the other reports share
 * (docs/compliance.md, "Exports: OSCAL, STIX and the report to the ministry").
 *
 * Every export reads the store in one read transaction, so it is one consistent snapshot, and is
 * deterministic: ids are RFC 4122 version-5 UUIDs from a fixed namespace and a stable key (the
 * organisation and the record), timestamps come from the records (or ag_now(), which honours
 * $AIRGUARD_NOW), so exporting the same records twice gives the same bytes. Outputs go to a
 * caller-owned strbuf; the caller writes it (ag_file_write_atomic). Exports are recorded in the
 * audit trail (action "export").
 * Threading: like the store, one connection per thread; nothing here keeps state.
 */
#ifndef AG_REPORT_H
#define AG_REPORT_H

#include "catalog/catalog.h"
#include "common/common.h"
#include "isms/assess.h"
#include "isms/compliance.h"
#include "store/store.h"

/* ---- UUIDs (uuid.c) ---- */
/* The namespace of every airguard export id: uuid5(NAMESPACE_URL, "urn:airguard:report"). */
extern const unsigned char report_uuid_ns[16];
/* STIX 2.1's namespace for cyber-observable ids (STIX 2.1 §2.9). */
extern const unsigned char report_stix_sco_ns[16];
/* RFC 4122 version 5 (SHA-1, name-based) UUID of name in namespace ns, as 36 lower-case
 * characters and a NUL into out. */
void report_uuid_v5(const unsigned char ns[16], const char *name, size_t len, char out[37]);
/* The id of one exported record: uuid5(report_uuid_ns, "<scope>/<kind>/<key>"); scope
 * identifies the organisation (report_scope) so two airports' incident 1 differ. */
void report_uuid_for(const char *scope, const char *kind, const char *key, char out[37]);
/* The scope of this store: "org:" + the organisation's Japanese name ("org:" when none). */
void report_scope(struct store *st, char *out, size_t cap);

/* ---- OSCAL 1.0.6 (oscal_ar.c, poam.c) ---- */
/* assessment-results of self-inspection plan `plan` (0 = the newest plan with sheets), round
 * `round` (0 = its latest round with sheets): reviewed-controls (the plan's measures), findings
 * per measure from the submitted answers and the open alerts naming it, observations (answers
 * with comments and evidence files; alerts), the register's risks linked to those measures.
 * AG_ENOTFOUND when there is no such plan or it has no sheets. */
int report_oscal_results(struct store *st, const struct catalog *cat, long long plan, int round,
                         enum ag_lang lang, struct strbuf *out, struct ag_error *err) AG_MUST_CHECK;
/* plan-of-action-and-milestones of the open corrective actions (every origin): a poam-item per
 * action with the observation of its origin and a risk whose remediation carries the due date as
 * a milestone. */
int report_oscal_poam(struct store *st, const struct catalog *cat, enum ag_lang lang,
                      struct strbuf *out, struct ag_error *err) AG_MUST_CHECK;

/* ---- STIX 2.1 (stix.c) ---- */
enum report_tlp { REPORT_TLP_WHITE, REPORT_TLP_GREEN, REPORT_TLP_AMBER, REPORT_TLP_RED };
/* "white" (also "clear"), "green", "amber", "red", with or without "TLP:", any case. */
int report_tlp_parse(const char *s, enum report_tlp *out) AG_MUST_CHECK;

struct report_stix_options {
    enum report_tlp tlp;   /* the bundle's marking (default amber) */
    bool strip_personal;   /* replace personal data by placeholders (docs/compliance.md) */
    const char *blocklist; /* logwatch's blocklist.json, or NULL: addresses blocked */
};
/* The bundle of incident `id`: the operator's identity, a report (the incident) with every
 * object in object_refs, indicators and observed-data for the source addresses of the alerts
 * linked to the incident, attack-patterns of their ATT&CK techniques, courses of action for the
 * responses (blocking, account locks, emergency measures, recurrence-prevention actions) and the
 * relationships between them, all marked with the TLP. AG_ENOTFOUND for an unknown incident. */
int report_stix_incident(struct store *st, long long id, enum ag_lang lang,
                         const struct report_stix_options *opt, struct strbuf *out,
                         struct ag_error *err) AG_MUST_CHECK;
/* Appends value as a string literal of the STIX patterning language: in single quotes, with
 * backslash and quote escaped (\\ and \'). */
void report_stix_pattern_string(struct strbuf *sb, const char *value);

/* ---- the report to MLIT (ministry.c) ---- */
enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_HTML, REPORT_PDF };
/* "text", "json", "html" or "pdf". */
int report_format_parse(const char *s, enum report_format *out) AG_MUST_CHECK;
/* The 情報連絡 of incident id (isms_incident_report's field list) as text, JSON, a printable
 * HTML page, or a PDF of that page (report_pdf_from_html). *missing receives how many required
 * fields are empty (the report is produced anyway, marked). */
int report_ministry(struct store *st, long long id, enum ag_lang lang, enum report_format fmt,
                    struct strbuf *out, size_t *missing, struct ag_error *err) AG_MUST_CHECK;

/* ---- HTML and PDF (html.c, pdf.c) ---- */
/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void report_html_text(struct strbuf *sb, const char *s);
/* The start of a standalone printable page: doctype, lang, charset, a Content-Security-Policy
 * that allows no fetch at all (inline styles only), A4 print CSS with Noto Sans/Serif CJK JP,
 * and the escaped title. Close it with report_html_end. */
void report_html_begin(struct strbuf *sb, enum ag_lang lang, const char *title);
void report_html_end(struct strbuf *sb);
/* Prints an HTML document to PDF with headless Chromium: the page is written to a private
 * temporary folder, Chromium is started with posix_spawn and a fixed argv (no shell; its own
 * profile in that folder; stdout and stderr discarded) and killed after timeout_s seconds; the
 * PDF's bytes are appended to pdf. The program is $AIRGUARD_CHROMIUM (an absolute path) or the
 * first of /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome that exists.
 * AG_ENOTFOUND when there is none, AG_EIO when it fails or times out (the message says which). */
int report_pdf_from_html(const char *html, size_t len, int timeout_s, struct strbuf *pdf,
                         struct ag_error *err) AG_MUST_CHECK;

/* ---- the management report (経営層への報告, 3.2.1.2; mgmt.c gathers, mgmt_html.c renders) ----
 * One document for a fiscal year (April to March; --period 2026 = FY2026 = 2026-04-01 ..
 * 2027-03-31): PDCA status, 実施率 by section, department and PDCA phase with its trend across
 * the self-inspection campaigns (the numbers of assess_report_compute, never recomputed),
 * contradicted measures (isms_measure_status) and open flags (isms_ev_flags), risks at or above
 * the threshold and their treatment, incidents, exceptions expiring or expired, audit findings,
 * overdue corrective actions, and the monitors' summary (docs/compliance.md "Management
 * report"). The data is gathered into struct report_mgmt first, so the web application can render
 * the same struct later. */
#define REPORT_MGMT_CAMPAIGNS 8 /* campaigns in the trend (the newest up to the period's end) */
#define REPORT_MGMT_EXPIRING_DAYS 30 /* an exception ending within this many days is expiring */

struct report_mgmt_campaign {
    long long plan;
    int round, fiscal_year, sheets, submitted;
    struct assess_tally total;
    double rate; /* assess_tally_rate(&total): -1 = nothing applicable answered */
};
/* A row of 実施率: a section ("3.1.2"), a department code or a PDCA phase. */
struct report_mgmt_rate {
    char key[64];
    char label[320];                     /* "3.1.2 title", the department's name … */
    struct assess_tally now, prev;       /* the current campaign and the one before */
    double rate, prev_rate;              /* assess_tally_rate of now / prev */
    double trend[REPORT_MGMT_CAMPAIGNS]; /* per campaign (m->campaigns order); -1 = none */
};
/* A record in a list (risk, incident, exception, finding, action, measure, device …). */
struct report_mgmt_item {
    long long id;
    char *title;  /* owned */
    char *detail; /* owned: treatment plan, reason, statement … */
    char status[48], date[32], level[96], owner[160];
};
struct report_mgmt_list {
    struct report_mgmt_item *v;
    size_t n;
};
/* A count by key (alert category, critical system, source address). */
struct report_mgmt_count {
    char key[160], label[320];
    long count, high; /* high = level high or critical */
};
struct report_mgmt_counts {
    struct report_mgmt_count *v;
    size_t n;
};

struct report_mgmt {
    int fiscal_year;
    char from[11], to[11]; /* the period, inclusive */
    char today[11];        /* the day "overdue" and "expiring" are measured against */
    char generated[21];
    char org[256];
    /* self-inspection */
    struct report_mgmt_campaign campaigns[REPORT_MGMT_CAMPAIGNS];
    size_t ncampaigns;
    int current; /* index of the period's latest campaign, -1 = none in the period */
    char plan_title[256], plan_status[32];
    int plan_revision;
    struct report_mgmt_rate *sections, *departments, *phases;
    size_t nsections, ndepartments, nphases;
    /* PDCA activity in the period */
    long audits, audits_reported, actions_created, actions_completed, instructions;
    /* compliance evidence */
    size_t measures_checked, measures_evidenced, measures_no_data;
    struct report_mgmt_list contradicted; /* measures: title = "ref title", detail = reason */
    size_t flags;                         /* open flags of the current campaign */
    /* records */
    int risk_threshold;
    struct report_mgmt_list risks;     /* at or above the threshold, or selected */
    struct report_mgmt_list incidents; /* detected in the period, or still not closed */
    long incidents_open, incidents_recovered, incidents_closed;
    struct report_mgmt_list exceptions; /* expired, or ending within REPORT_MGMT_EXPIRING_DAYS */
    long exceptions_active;
    struct report_mgmt_list findings; /* non-conforming findings of audits in the period */
    struct report_mgmt_list overdue;  /* open corrective actions past their due date */
    /* monitors */
    long alerts, alerts_high, alerts_open;
    struct report_mgmt_counts alert_categories, alert_systems, sources;
    long alerts_unattributed; /* alerts of the period matching no asset of a critical system */
    bool blocklist_given;
    struct report_mgmt_list blocked; /* from logwatch's blocklist.json (--blocklist) */
    char netwatch_snapshot[32];      /* "" = no inventory stored */
    long devices_total;
    struct report_mgmt_list devices; /* unmanaged / unauthorised devices of the inventory */
};

/* "2026" or "FY2026" (any case, 2000..2999) → 2026. AG_EINVAL with a message naming the value. */
int report_mgmt_period(const char *s, int *fiscal_year, struct ag_error *err) AG_MUST_CHECK;
/* Fills m (caller's memory; release with report_mgmt_release even on error) for fiscal year fy
 * from the store in one read transaction (the caller's, when one is open). env: the facts of the
 * evidence checks (cli_evidence_env). blocklist: logwatch's blocklist.json or NULL. */
int report_mgmt_gather(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                       int fy, enum ag_lang lang, const char *blocklist, struct report_mgmt *m,
                       struct ag_error *err) AG_MUST_CHECK;
void report_mgmt_release(struct report_mgmt *m);
/* The printable page (A4, running header with the period and 取扱注意, inline SVG charts). */
int report_mgmt_html(const struct report_mgmt *m, enum ag_lang lang, struct strbuf *out,
                     struct ag_error *err) AG_MUST_CHECK;
/* Gather + render (REPORT_HTML or REPORT_PDF) + an "export" row in the audit trail. */
int report_management(struct store *st, const struct catalog *cat, const struct isms_ev_env *env,
                      int fy, enum ag_lang lang, enum report_format fmt, const char *blocklist,
                      struct strbuf *out, struct ag_error *err) AG_MUST_CHECK;
/* A vertical bar chart as inline SVG: one bar per value, height = value / max of the plot's
 * height (values below 0 are drawn as "-" without a bar), labels and title escaped; the values
 * are written with one decimal when unit is not empty ("%"), else as whole numbers (counts). */
void report_svg_bars(struct strbuf *sb, const char *title, const char *const *labels,
                     const double *values, size_t n, double max, const char *unit);
/* A line chart of values (below 0 = a gap) over labels, y from 0 to max. */
void report_svg_line(struct strbuf *sb, const char *title, const char *const *labels,
                     const double *values, size_t n, double max, const char *unit);
/* The plot's height in SVG units (bar height = value / max * REPORT_SVG_PLOT_H). */
#define REPORT_SVG_PLOT_H 160.0

/* Registers the messages of the report module (msgs_report.c); the CLI calls it at start-up. */
void report_register_messages(void);

#endif
