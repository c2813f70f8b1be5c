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

/* Registers the messages of the report module (msgs_report.c); the CLI calls it at start-up. */
void report_register_messages(void);

#endif
