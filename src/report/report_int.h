/*
 * report_int.h — what the files of src/report share: building jansson trees without checking
 * every call (an allocation failure is remembered in struct jb and reported once at the end),
 * the OSCAL conventions of src/catalog/oscal.c (ids "ag-<node id>", props in the namespace
 * urn:airguard:*), and the end of every export (serialise, record in the audit trail).
 */
#ifndef AG_REPORT_INT_H
#define AG_REPORT_INT_H

#include "report/report.h"

#include <jansson.h>

/* A JSON builder: oom becomes true at the first failed allocation; later calls still run. */
struct jb {
    struct store *st;
    bool oom;
    char scope[512]; /* report_scope of the store */
};
/* Fills b for store st (scope read from the store). */
void jb_init(struct jb *b, struct store *st);
json_t *jb_chk(struct jb *b, json_t *v);
json_t *jb_str(struct jb *b, const char *s); /* NULL s gives "" */
json_t *jb_obj(struct jb *b);
json_t *jb_arr(struct jb *b);
void jb_set(struct jb *b, json_t *obj, const char *key, json_t *v);      /* steals v */
void jb_sets(struct jb *b, json_t *obj, const char *key, const char *s); /* string */
void jb_append(struct jb *b, json_t *arr, json_t *v);                    /* steals v */
/* Moves arr into obj[key] unless it is empty (OSCAL and STIX arrays have minItems 1). */
void jb_set_nonempty(struct jb *b, json_t *obj, const char *key, json_t *arr);
/* report_uuid_for with the builder's scope; the key is printf-formatted. */
void jb_uuid(struct jb *b, char out[37], const char *kind, const char *fmt, ...) AG_PRINTF(4, 5);

/* OSCAL strings must not be empty nor begin or end with white space: s trimmed, or NULL. */
json_t *oscal_text(struct jb *b, const char *s);
/* Appends {"name", "ns": OSCAL_NS_REPORT, "value"} unless value is unusable (empty). */
#define OSCAL_NS_REPORT "urn:airguard:report"
void oscal_prop(struct jb *b, json_t *props, const char *name, const char *value);
/* "2026-04-01T09:30:00Z" or "2026-04-01" from the store → OSCAL date-time with zone. */
void oscal_time(const char *stored, char out[32]);
/* The metadata block both OSCAL documents open with (title, last-modified, version,
 * oscal-version, the organisation as a party, role "organisation"); people are added by the
 * caller with oscal_party. */
json_t *oscal_metadata(struct jb *b, struct store *st, const char *title, const char *version,
                       enum ag_lang lang);
/* Adds person `person_id` as a party (once) and returns its uuid in out. */
void oscal_party(struct jb *b, struct store *st, json_t *meta, long long person_id,
                 enum ag_lang lang, char out[37]);
/* Adds a role to metadata.roles (once) and a responsible-party entry for party uuid. */
void oscal_responsible(struct jb *b, json_t *meta, const char *role, const char *title,
                       const char *party_uuid);

/* Serialises doc (steals it) into out with a newline, and records an export row in the audit
 * trail (entity, entity_id, detail = {"format": format}). */
int report_finish(struct jb *b, json_t *doc, const char *entity, const char *entity_id,
                  const char *format, struct strbuf *out, struct ag_error *err) AG_MUST_CHECK;

/* Reads logwatch's block list (blocklist.json, docs/logwatch.md "Responses"): *root the document
 * (caller json_decref), *entries its "entries" array (borrowed from root). A file that is not one
 * is AG_EINVAL naming the file and the line. */
int report_blocklist_read(const char *path, json_t **root, json_t **entries,
                          struct ag_error *err) AG_MUST_CHECK;

/* Registers the management report's messages (msgs_mgmt.c); report_register_messages calls it. */
void report_mgmt_register_messages(void);

#endif
