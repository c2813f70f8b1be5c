/*
 * catalog.h — the guideline as data: load, validate, look up, iterate, search, export.
 *
 * A struct catalog is immutable once loaded and may be shared by any number of threads. Nodes are
 * exposed as read-only views (struct catalog_node): every pointer in them is borrowed from the
 * catalog and stays valid until catalog_free(). The catalog is identified by the SHA-256 of the
 * bytes it was loaded from.
 *
 * Invariants after a successful load (checked by catalog_load_buffer, see validate.c):
 *   ids are unique and match ^[0-9a-z][0-9a-z.-]*$; every parent exists and comes earlier in
 *   document order (so there are no cycles); orders strictly increase; every measure has a phase
 *   and at least one responsible role; every id in references/glossary/see_also/targets exists.
 */
#ifndef AG_CATALOG_H
#define AG_CATALOG_H

#include "common/common.h"

enum catalog_kind {
    CATALOG_KIND_PREFACE,
    CATALOG_KIND_CHAPTER,
    CATALOG_KIND_SECTION,
    CATALOG_KIND_GUIDANCE,
    CATALOG_KIND_PURPOSE,
    CATALOG_KIND_MEASURE,
    CATALOG_KIND_EXAMPLE,
    CATALOG_KIND_NOTE,
    CATALOG_KIND_DEFINITION,
    CATALOG_KIND_ROLE,
    CATALOG_KIND_SCHEME,
    CATALOG_KIND_CHALLENGE,
    CATALOG_KIND_SYSTEM,
    CATALOG_KIND_REFERENCE,
    CATALOG_KIND_TERM,
    CATALOG_KIND_REVISION,
    CATALOG_KIND_PARAGRAPH,
    CATALOG_KIND_COUNT
};

enum catalog_phase {
    CATALOG_PHASE_NONE,
    CATALOG_PHASE_PLAN,
    CATALOG_PHASE_DO,
    CATALOG_PHASE_CHECK,
    CATALOG_PHASE_ACT,
    CATALOG_PHASE_COUNT
};

#define CATALOG_MAX_ROLES 32

struct catalog_text {
    const char *ja;
    const char *en;
};

struct catalog_role {
    const char *id;
    struct catalog_text name;
};

struct catalog_perspective {
    const char *id;
    struct catalog_text name;
};

struct catalog_node {
    const char *id;
    const char *ref;
    enum catalog_kind kind;
    const struct catalog_node *parent; /* NULL for roots */
    unsigned order;                    /* 1-based document order */
    size_t index;                      /* position in catalog_node_at() */
    unsigned depth;                    /* 0 for roots */
    struct catalog_text title;
    struct catalog_text text;
    struct catalog_text note; /* both "" when the node has no note */
    enum catalog_phase phase;
    const struct catalog_perspective *perspective; /* NULL if none */
    uint32_t roles;                                /* bit i = catalog_role_at(i) */
    bool assessable;
    bool control_system;
    const struct catalog_node *const *children;
    size_t nchildren;
    const struct catalog_node *const *references;
    size_t nreferences;
    const struct catalog_node *const *glossary;
    size_t nglossary;
    const struct catalog_node *const *see_also;
    size_t nsee_also;
    const struct catalog_node *const *targets;
    size_t ntargets;
    const char *const *checks;
    size_t nchecks;
};

struct catalog;

/* Loads and validates a catalog from a buffer (copied; the caller keeps buf). `name` is used in
 * error messages, e.g. "catalog.json: $.nodes[212].parent: unknown id \"3.1.9\"". */
int catalog_load_buffer(struct catalog **out, const char *buf, size_t len, const char *name,
                        struct ag_error *err) AG_MUST_CHECK;
int catalog_load_file(struct catalog **out, const char *path, struct ag_error *err) AG_MUST_CHECK;
/* The catalog compiled into the binary. */
int catalog_load_default(struct catalog **out, struct ag_error *err) AG_MUST_CHECK;
void catalog_free(struct catalog *cat);

/* Parts of a load a caller that only looks nodes up (by id or ref) can do without. */
enum catalog_load_flags {
    CATALOG_LOAD_NO_SEARCH = 1 << 0, /* no search index: catalog_search fails with AG_EINVAL */
    CATALOG_LOAD_NO_SHA256 = 1 << 1, /* no digest: catalog_sha256 returns "" (the built-in
                                        catalog's is known from the build: given) */
};
/* As catalog_load_buffer / catalog_load_file / catalog_load_default (path NULL), with the same
 * checks and messages, leaving out what flags say. `logwatch run` resolves its rules' tags this
 * way: the search index and the digest were a third of loading the catalog. */
int catalog_load_flags(struct catalog **out, const char *path, unsigned flags,
                       struct ag_error *err) AG_MUST_CHECK;

/* The bytes of the default catalog (borrowed, static). */
const char *catalog_default_data(size_t *len);
/* Their SHA-256 (lower-case hex), computed when the build was configured: catalog_sha256 of
 * the default catalog without hashing it (tests/unit/catalog/test_catalog_flags.c compares). */
const char *catalog_default_sha256(void);

/* ---- references only ----
 * The printed reference → id look-up of a catalog, as a small JSON text ({"catalog": SHA-256,
 * "refs": {normalised ref: id}}) and back, for callers that only resolve references and keep
 * the map between runs (logwatch run, beside its Vectorscan database). catalog_refs_find gives
 * the id catalog_by_ref would give (NULL: no such item). */
struct catalog_refs;
/* Appends the map of cat to sb. */
int catalog_refs_json(const struct catalog *cat, struct strbuf *sb) AG_MUST_CHECK;
/* Reads a map written by catalog_refs_json; AG_EINVAL if it is malformed or not the map of the
 * catalog whose SHA-256 is sha256. */
int catalog_refs_parse(const char *buf, size_t len, const char *sha256,
                       struct catalog_refs **out) AG_MUST_CHECK;
const char *catalog_refs_find(const struct catalog_refs *r, const char *ref);
void catalog_refs_free(struct catalog_refs *r);

const char *catalog_id(const struct catalog *cat);
const char *catalog_version(const struct catalog *cat);
struct catalog_text catalog_title(const struct catalog *cat);
struct catalog_text catalog_publisher(const struct catalog *cat);
const char *catalog_published(const struct catalog *cat);
/* Lower-case hex SHA-256 of the loaded bytes (64 characters). */
const char *catalog_sha256(const struct catalog *cat);

size_t catalog_node_count(const struct catalog *cat);
/* Nodes in document order: 0 <= i < catalog_node_count. */
const struct catalog_node *catalog_node_at(const struct catalog *cat, size_t i);
const struct catalog_node *catalog_by_id(const struct catalog *cat, const char *id);
/* Looks up the node printed as `ref` (e.g. "3.1.5.1(2)(e)"): the section, chapter or term that
 * carries that reference. Full-width parentheses and spaces are accepted. */
const struct catalog_node *catalog_by_ref(const struct catalog *cat, const char *ref);
/* By id first, then by ref. */
const struct catalog_node *catalog_find(const struct catalog *cat, const char *id_or_ref);

size_t catalog_role_count(const struct catalog *cat);
const struct catalog_role *catalog_role_at(const struct catalog *cat, size_t i);
size_t catalog_perspective_count(const struct catalog *cat);
const struct catalog_perspective *catalog_perspective_at(const struct catalog *cat, size_t i);

const char *catalog_kind_name(enum catalog_kind kind);
int catalog_kind_parse(const char *s, enum catalog_kind *out) AG_MUST_CHECK;
const char *catalog_phase_name(enum catalog_phase phase);
int catalog_phase_parse(const char *s, enum catalog_phase *out) AG_MUST_CHECK;

/* Returns t.ja or t.en; falls back to the other language when the asked one is empty. */
const char *catalog_text_get(struct catalog_text t, enum ag_lang lang);

/* ---- search ----
 * Full-text search over titles and texts in both languages. The query is split at white space;
 * a node matches when every term occurs (ASCII case-insensitively, full-width ASCII folded) in
 * its title or text. Results come in document order. Caller frees *out with free().
 */
int catalog_search(const struct catalog *cat, const char *query, const struct catalog_node ***out,
                   size_t *count) AG_MUST_CHECK;

/* ---- export ---- */
enum catalog_format { CATALOG_FORMAT_JSON, CATALOG_FORMAT_CSV, CATALOG_FORMAT_OSCAL };
int catalog_format_parse(const char *s, enum catalog_format *out) AG_MUST_CHECK;
/* Appends the export to sb. OSCAL is single-language: lang chooses it. */
int catalog_export(const struct catalog *cat, enum catalog_format fmt, enum ag_lang lang,
                   struct strbuf *sb, struct ag_error *err) AG_MUST_CHECK;
/* One node and its descendants as JSON (used by `catalog show --json`). */
int catalog_node_json(const struct catalog *cat, const struct catalog_node *n, struct strbuf *sb,
                      struct ag_error *err) AG_MUST_CHECK;

#endif
