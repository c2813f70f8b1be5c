/*
 * catalog.c — loading the catalog (from a buffer, a file or the copy linked into the binary),
 * its SHA-256, and look-ups by id and printed reference. The loaded catalog is immutable.
 */
#include "catalog/catalog_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define CATALOG_MAX_BYTES ((size_t)64 << 20)

extern const char ag_catalog_blob[];
extern const char ag_catalog_blob_end[];

const char *catalog_default_data(size_t *len)
{
    *len = (size_t)(ag_catalog_blob_end - ag_catalog_blob);
    return ag_catalog_blob;
}

const char *catalog_default_sha256(void)
{
    return AG_CATALOG_SHA256;
}

int catalog_refs_json(const struct catalog *cat, struct strbuf *sb)
{
    json_t *refs = json_object(), *root = json_object();
    int rc = refs && root ? AG_OK : AG_ENOMEM;
    /* by_ref's keys in document order; each maps to the node by_ref holds (the first) */
    for (size_t i = 0; rc == AG_OK && i < cat->nrefkeys; i++) {
        const struct catalog_node *n = strmap_get(cat->by_ref, cat->refkeys[i]);
        if (n && !json_object_get(refs, cat->refkeys[i]) &&
            json_object_set_new(refs, cat->refkeys[i], json_string(n->id)) != 0)
            rc = AG_ENOMEM;
    }
    if (rc == AG_OK && (json_object_set_new(root, "catalog", json_string(cat->sha256)) != 0 ||
                        json_object_set(root, "refs", refs) != 0))
        rc = AG_ENOMEM;
    char *text = rc == AG_OK ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (rc == AG_OK && !text)
        rc = AG_ENOMEM;
    if (text)
        strbuf_adds(sb, text);
    free(text);
    json_decref(refs);
    json_decref(root);
    return rc == AG_OK && !strbuf_ok(sb) ? AG_ENOMEM : rc;
}

struct catalog_refs {
    json_t *root;
    json_t *refs; /* borrowed from root: normalised ref -> id (every value a string) */
};

int catalog_refs_parse(const char *buf, size_t len, const char *sha256, struct catalog_refs **out)
{
    *out = NULL;
    json_error_t jerr;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    json_t *refs = json_object_get(root, "refs");
    const char *cat = json_string_value(json_object_get(root, "catalog"));
    bool ok =
        json_is_object(root) && json_is_object(refs) && cat && sha256 && strcmp(cat, sha256) == 0;
    const char *k;
    json_t *v;
    json_object_foreach(refs, k, v)
    {
        if (!json_is_string(v))
            ok = false;
    }
    struct catalog_refs *r = ok ? malloc(sizeof(*r)) : NULL;
    if (!r) {
        json_decref(root);
        return ok ? AG_ENOMEM : AG_EINVAL;
    }
    r->root = root;
    r->refs = refs;
    *out = r;
    return AG_OK;
}

const char *catalog_refs_find(const struct catalog_refs *r, const char *ref)
{
    char *key = catalog_ref_normalise(ref);
    const char *id = key ? json_string_value(json_object_get(r->refs, key)) : NULL;
    free(key);
    return id;
}

void catalog_refs_free(struct catalog_refs *r)
{
    if (!r)
        return;
    json_decref(r->root);
    free(r);
}

void catalog_free(struct catalog *cat)
{
    if (!cat)
        return;
    for (size_t i = 0; i < cat->nrefkeys; i++)
        free(cat->refkeys[i]);
    free(cat->refkeys);
    strmap_free(cat->by_id);
    strmap_free(cat->by_ref);
    free(cat->nodes);
    free(cat->links);
    free(cat->checks);
    free(cat->perspectives);
    free(cat->folded);
    free(cat->fold_off);
    json_decref(cat->root);
    free(cat);
}

/* known_sha256: the digest when the caller knows it (the built-in catalog's, from the build) */
static int load_buffer(struct catalog **out, const char *buf, size_t len, const char *name,
                       unsigned flags, const char *known_sha256, struct ag_error *err)
{
    int rc;
    *out = NULL;
    if (len > CATALOG_MAX_BYTES)
        return ag_error_set(err, AG_EINVAL, "%s: larger than %zu bytes", name, CATALOG_MAX_BYTES);
    struct catalog *cat = calloc(1, sizeof(*cat));
    if (!cat)
        return ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);

    if (known_sha256 && strlen(known_sha256) == 64) {
        memcpy(cat->sha256, known_sha256, 65);
    } else if (!(flags & CATALOG_LOAD_NO_SHA256)) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, (const unsigned char *)buf, len);
        sodium_bin2hex(cat->sha256, sizeof(cat->sha256), digest, sizeof(digest));
    }

    json_error_t jerr;
    /* JSON_REJECT_DUPLICATES: a key given twice is an authoring mistake, not a choice. */
    cat->root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!cat->root) {
        rc = ag_error_set(err, AG_EINVAL, "%s: line %d, column %d: %s", name, jerr.line,
                          jerr.column, jerr.text);
        goto fail;
    }
    if ((rc = catalog_build(cat, name, err)))
        goto fail;
    if (!(flags & CATALOG_LOAD_NO_SEARCH) && (rc = catalog_build_search_index(cat))) {
        ag_error_set(err, rc, "%s: out of memory", name);
        goto fail;
    }
    *out = cat;
    return AG_OK;
fail:
    catalog_free(cat);
    return rc;
}

int catalog_load_buffer(struct catalog **out, const char *buf, size_t len, const char *name,
                        struct ag_error *err)
{
    return load_buffer(out, buf, len, name, 0, NULL, err);
}

int catalog_load_flags(struct catalog **out, const char *path, unsigned flags, struct ag_error *err)
{
    *out = NULL;
    if (!path) {
        size_t len;
        const char *data = catalog_default_data(&len);
        return load_buffer(out, data, len, "mlit-airport-2.json (built in)", flags,
                           (flags & CATALOG_LOAD_NO_SHA256) ? catalog_default_sha256() : NULL, err);
    }
    char *buf;
    size_t len;
    int rc = ag_file_read(path, CATALOG_MAX_BYTES, &buf, &len, err);
    if (rc)
        return rc;
    rc = load_buffer(out, buf, len, path, flags, NULL, err);
    free(buf);
    return rc;
}

int catalog_load_file(struct catalog **out, const char *path, struct ag_error *err)
{
    return catalog_load_flags(out, path, 0, err);
}

int catalog_load_default(struct catalog **out, struct ag_error *err)
{
    return catalog_load_flags(out, NULL, 0, err);
}

const char *catalog_id(const struct catalog *cat)
{
    return cat->id;
}
const char *catalog_version(const struct catalog *cat)
{
    return cat->version;
}
struct catalog_text catalog_title(const struct catalog *cat)
{
    return cat->title;
}
struct catalog_text catalog_publisher(const struct catalog *cat)
{
    return cat->publisher;
}
const char *catalog_published(const struct catalog *cat)
{
    return cat->published;
}
const char *catalog_sha256(const struct catalog *cat)
{
    return cat->sha256;
}
size_t catalog_node_count(const struct catalog *cat)
{
    return cat->nnodes;
}
size_t catalog_role_count(const struct catalog *cat)
{
    return cat->nroles;
}
size_t catalog_perspective_count(const struct catalog *cat)
{
    return cat->nperspectives;
}

const struct catalog_node *catalog_node_at(const struct catalog *cat, size_t i)
{
    return i < cat->nnodes ? &cat->nodes[i] : NULL;
}

const struct catalog_role *catalog_role_at(const struct catalog *cat, size_t i)
{
    return i < cat->nroles ? &cat->roles[i] : NULL;
}

const struct catalog_perspective *catalog_perspective_at(const struct catalog *cat, size_t i)
{
    return i < cat->nperspectives ? &cat->perspectives[i] : NULL;
}

const struct catalog_node *catalog_by_id(const struct catalog *cat, const char *id)
{
    return strmap_get(cat->by_id, id);
}

char *catalog_ref_normalise(const char *ref)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    ag_text_fold(&sb, ref, AG_FOLD_DROP_SPACE);
    return strbuf_take(&sb, NULL);
}

const struct catalog_node *catalog_by_ref(const struct catalog *cat, const char *ref)
{
    char *key = catalog_ref_normalise(ref);
    if (!key)
        return NULL;
    const struct catalog_node *n = strmap_get(cat->by_ref, key);
    free(key);
    return n;
}

const struct catalog_node *catalog_find(const struct catalog *cat, const char *id_or_ref)
{
    const struct catalog_node *n = catalog_by_id(cat, id_or_ref);
    return n ? n : catalog_by_ref(cat, id_or_ref);
}

static const char *const kind_names[CATALOG_KIND_COUNT] = {
    [CATALOG_KIND_PREFACE] = "preface",
    [CATALOG_KIND_CHAPTER] = "chapter",
    [CATALOG_KIND_SECTION] = "section",
    [CATALOG_KIND_GUIDANCE] = "guidance",
    [CATALOG_KIND_PURPOSE] = "purpose",
    [CATALOG_KIND_MEASURE] = "measure",
    [CATALOG_KIND_EXAMPLE] = "example",
    [CATALOG_KIND_NOTE] = "note",
    [CATALOG_KIND_DEFINITION] = "definition",
    [CATALOG_KIND_ROLE] = "role",
    [CATALOG_KIND_SCHEME] = "scheme",
    [CATALOG_KIND_CHALLENGE] = "challenge",
    [CATALOG_KIND_SYSTEM] = "system",
    [CATALOG_KIND_REFERENCE] = "reference",
    [CATALOG_KIND_TERM] = "term",
    [CATALOG_KIND_REVISION] = "revision",
    [CATALOG_KIND_PARAGRAPH] = "paragraph",
};

static const char *const phase_names[CATALOG_PHASE_COUNT] = {
    [CATALOG_PHASE_NONE] = "",       [CATALOG_PHASE_PLAN] = "plan", [CATALOG_PHASE_DO] = "do",
    [CATALOG_PHASE_CHECK] = "check", [CATALOG_PHASE_ACT] = "act",
};

const char *catalog_kind_name(enum catalog_kind kind)
{
    return kind < CATALOG_KIND_COUNT ? kind_names[kind] : "?";
}

int catalog_kind_parse(const char *s, enum catalog_kind *out)
{
    for (int i = 0; i < CATALOG_KIND_COUNT; i++) {
        if (strcmp(s, kind_names[i]) == 0) {
            *out = (enum catalog_kind)i;
            return AG_OK;
        }
    }
    return AG_EINVAL;
}

const char *catalog_phase_name(enum catalog_phase phase)
{
    return phase < CATALOG_PHASE_COUNT ? phase_names[phase] : "?";
}

int catalog_phase_parse(const char *s, enum catalog_phase *out)
{
    for (int i = 1; i < CATALOG_PHASE_COUNT; i++) {
        if (strcmp(s, phase_names[i]) == 0) {
            *out = (enum catalog_phase)i;
            return AG_OK;
        }
    }
    return AG_EINVAL;
}

const char *catalog_text_get(struct catalog_text t, enum ag_lang lang)
{
    const char *first = lang == AG_LANG_EN ? t.en : t.ja;
    const char *other = lang == AG_LANG_EN ? t.ja : t.en;
    return first && *first ? first : (other ? other : "");
}
