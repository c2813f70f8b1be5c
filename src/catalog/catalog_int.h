/*
 * catalog_int.h — the body of struct catalog, shared by the files of src/catalog only.
 */
#ifndef AG_CATALOG_INT_H
#define AG_CATALOG_INT_H

#include "catalog/catalog.h"

#include <jansson.h>

struct catalog {
    json_t *root; /* owns every string the nodes point to */
    char sha256[65];
    const char *id, *version, *published;
    struct catalog_text title, publisher;
    struct catalog_role roles[CATALOG_MAX_ROLES];
    size_t nroles;
    struct catalog_perspective *perspectives;
    size_t nperspectives;
    struct catalog_node *nodes;
    size_t nnodes;
    struct strmap *by_id;
    struct strmap *by_ref; /* normalised ref -> structural node (first in document order) */
    /* one arena for all the node pointer arrays (children, references, ...) */
    const struct catalog_node **links;
    size_t nlinks, links_cap;
    const char **checks;
    char **refkeys; /* normalised ref strings owned by the catalog */
    size_t nrefkeys;
    /* search.c: every node's titles, texts and ref, folded for search, NUL-terminated per node;
     * node i starts at folded + fold_off[i]. Built once at load so queries only scan. */
    char *folded;
    size_t *fold_off;
};

/* validate.c: fills cat->nodes etc. from cat->root, with messages naming name and JSON path. */
int catalog_build(struct catalog *cat, const char *name, struct ag_error *err);

/* Normalises a printed reference for lookup: full-width ASCII and parentheses folded to ASCII,
 * white space removed. Caller frees. NULL on allocation failure. */
char *catalog_ref_normalise(const char *ref);

/* search.c: builds cat->folded. */
int catalog_build_search_index(struct catalog *cat);

/* oscal.c: the OSCAL catalog export. */
int catalog_oscal(const struct catalog *cat, enum ag_lang lang, struct strbuf *sb,
                  struct ag_error *err);

#endif
