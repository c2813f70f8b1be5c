/*
 * validate.c — turns the parsed JSON document (cat->root) into the node table, checking every
 * rule of the catalog format (docs/catalog.md) on the way. Runs once per load, single-threaded.
 * Every message names the catalog, the JSON path and the problem, e.g.
 *   catalog.json: $.nodes[212].parent: unknown id "3.1.9"
 * Nothing is kept on failure: catalog_load_buffer frees the half-built catalog.
 */
#include "catalog/catalog_int.h"

#include <stdlib.h>
#include <string.h>

#define CATALOG_FORMAT_ID "airguard-catalog/1"
#define CATALOG_MAX_NODES 1000000

struct ctx {
    struct catalog *cat;
    const char *name;
    struct ag_error *err;
};

static int fail(struct ctx *c, const char *path, const char *fmt, ...) AG_PRINTF(3, 4);
static int fail(struct ctx *c, const char *path, const char *fmt, ...)
{
    char detail[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    return ag_error_set(c->err, AG_EINVAL, "%s: %s: %s", c->name, path, detail);
}

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "an object";
    case JSON_ARRAY:
        return "an array";
    case JSON_STRING:
        return "a string";
    case JSON_INTEGER:
        return "an integer";
    case JSON_REAL:
        return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "a boolean";
    default:
        return "null";
    }
}

/* Reads obj[key] as a string. Missing or null is allowed when !required (out = NULL). */
static int get_string(struct ctx *c, const json_t *obj, const char *path, const char *key,
                      bool required, const char **out)
{
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return fail(c, path, "missing required field \"%s\"", key);
        return AG_OK;
    }
    if (!json_is_string(v))
        return fail(c, path, "field \"%s\" must be a string, not %s", key, json_type_name(v));
    *out = json_string_value(v);
    return AG_OK;
}

static int get_text(struct ctx *c, const json_t *obj, const char *path, const char *key,
                    bool required, struct catalog_text *out)
{
    const json_t *v = json_object_get(obj, key);
    out->ja = "";
    out->en = "";
    if (!v || json_is_null(v)) {
        if (required)
            return fail(c, path, "missing required field \"%s\"", key);
        return AG_OK;
    }
    char sub[256];
    snprintf(sub, sizeof(sub), "%s.%s", path, key);
    if (!json_is_object(v))
        return fail(c, sub, "must be an object {\"ja\": …, \"en\": …}, not %s", json_type_name(v));
    int rc = get_string(c, v, sub, "ja", true, &out->ja);
    if (rc == AG_OK)
        rc = get_string(c, v, sub, "en", true, &out->en);
    return rc;
}

static int get_bool(struct ctx *c, const json_t *obj, const char *path, const char *key, bool *out)
{
    const json_t *v = json_object_get(obj, key);
    *out = false;
    if (!v)
        return AG_OK;
    if (!json_is_boolean(v))
        return fail(c, path, "field \"%s\" must be true or false, not %s", key, json_type_name(v));
    *out = json_is_true(v);
    return AG_OK;
}

static bool valid_id(const char *s)
{
    if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z')))
        return false;
    for (; *s; s++) {
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || *s == '.' || *s == '-'))
            return false;
    }
    return true;
}

static int parse_header(struct ctx *c)
{
    struct catalog *cat = c->cat;
    const char *fmt;
    int rc;
    if (!json_is_object(cat->root))
        return fail(c, "$", "the document must be a JSON object, not %s",
                    json_type_name(cat->root));
    if ((rc = get_string(c, cat->root, "$", "format", true, &fmt)))
        return rc;
    if (strcmp(fmt, CATALOG_FORMAT_ID) != 0)
        return fail(c, "$.format", "unsupported format \"%s\" (expected \"%s\")", fmt,
                    CATALOG_FORMAT_ID);
    const json_t *meta = json_object_get(cat->root, "catalog");
    if (!json_is_object(meta))
        return fail(c, "$", "missing required object \"catalog\"");
    if ((rc = get_string(c, meta, "$.catalog", "id", true, &cat->id)) ||
        (rc = get_string(c, meta, "$.catalog", "version", true, &cat->version)) ||
        (rc = get_string(c, meta, "$.catalog", "published", false, &cat->published)) ||
        (rc = get_text(c, meta, "$.catalog", "title", true, &cat->title)) ||
        (rc = get_text(c, meta, "$.catalog", "publisher", false, &cat->publisher)))
        return rc;
    if (!cat->published)
        cat->published = "";

    const json_t *roles = json_object_get(meta, "roles");
    if (!json_is_array(roles) || json_array_size(roles) == 0)
        return fail(c, "$.catalog", "\"roles\" must be a non-empty array");
    if (json_array_size(roles) > CATALOG_MAX_ROLES)
        return fail(c, "$.catalog.roles", "at most %d roles are supported", CATALOG_MAX_ROLES);
    for (size_t i = 0; i < json_array_size(roles); i++) {
        char path[64];
        snprintf(path, sizeof(path), "$.catalog.roles[%zu]", i);
        const json_t *r = json_array_get(roles, i);
        struct catalog_role *role = &cat->roles[i];
        if (!json_is_object(r))
            return fail(c, path, "must be an object");
        if ((rc = get_string(c, r, path, "id", true, &role->id)) ||
            (rc = get_string(c, r, path, "ja", true, &role->name.ja)) ||
            (rc = get_string(c, r, path, "en", true, &role->name.en)))
            return rc;
        for (size_t j = 0; j < i; j++)
            if (strcmp(cat->roles[j].id, role->id) == 0)
                return fail(c, path, "duplicate role id \"%s\"", role->id);
        cat->nroles++;
    }

    const json_t *persp = json_object_get(meta, "perspectives");
    if (persp && !json_is_array(persp))
        return fail(c, "$.catalog", "\"perspectives\" must be an array");
    cat->nperspectives = persp ? json_array_size(persp) : 0;
    cat->perspectives = calloc(cat->nperspectives + 1, sizeof(*cat->perspectives));
    if (!cat->perspectives)
        return ag_error_set(c->err, AG_ENOMEM, "%s: out of memory", c->name);
    for (size_t i = 0; i < cat->nperspectives; i++) {
        char path[64];
        snprintf(path, sizeof(path), "$.catalog.perspectives[%zu]", i);
        const json_t *p = json_array_get(persp, i);
        struct catalog_perspective *pp = &cat->perspectives[i];
        if (!json_is_object(p))
            return fail(c, path, "must be an object");
        if ((rc = get_string(c, p, path, "id", true, &pp->id)) ||
            (rc = get_string(c, p, path, "ja", true, &pp->name.ja)) ||
            (rc = get_string(c, p, path, "en", true, &pp->name.en)))
            return rc;
    }
    return AG_OK;
}

static const char *const link_fields[] = {"references", "glossary", "see_also", "targets"};

/* Counts the link-array entries the nodes need, so one allocation holds them all. */
static int count_links(struct ctx *c, const json_t *nodes, size_t *nlinks, size_t *nchecks)
{
    *nlinks = json_array_size(nodes); /* every node is someone's child at most once */
    *nchecks = 0;
    for (size_t i = 0; i < json_array_size(nodes); i++) {
        const json_t *n = json_array_get(nodes, i);
        char path[64];
        snprintf(path, sizeof(path), "$.nodes[%zu]", i);
        if (!json_is_object(n))
            return fail(c, path, "must be an object, not %s", json_type_name(n));
        for (size_t f = 0; f < AG_ARRAY_LEN(link_fields); f++) {
            const json_t *a = json_object_get(n, link_fields[f]);
            if (a && !json_is_array(a))
                return fail(c, path, "field \"%s\" must be an array of ids", link_fields[f]);
            *nlinks += a ? json_array_size(a) : 0;
        }
        const json_t *ch = json_object_get(n, "checks");
        if (ch && !json_is_array(ch))
            return fail(c, path, "field \"checks\" must be an array of strings");
        *nchecks += ch ? json_array_size(ch) : 0;
    }
    return AG_OK;
}

static int parse_node(struct ctx *c, size_t i, const json_t *n, struct catalog_node *node)
{
    struct catalog *cat = c->cat;
    char path[64];
    const char *s;
    int rc;
    snprintf(path, sizeof(path), "$.nodes[%zu]", i);
    node->index = i;
    if ((rc = get_string(c, n, path, "id", true, &node->id)))
        return rc;
    if (!valid_id(node->id))
        return fail(c, path, "id \"%s\" is not of the form [0-9a-z][0-9a-z.-]*", node->id);
    if ((rc = get_string(c, n, path, "ref", true, &node->ref)))
        return rc;
    if ((rc = get_string(c, n, path, "kind", true, &s)))
        return rc;
    if (catalog_kind_parse(s, &node->kind) != AG_OK)
        return fail(c, path, "unknown kind \"%s\"", s);
    const json_t *order = json_object_get(n, "order");
    if (!json_is_integer(order) || json_integer_value(order) < 1)
        return fail(c, path, "field \"order\" must be a positive integer");
    if (json_integer_value(order) > (json_int_t)CATALOG_MAX_NODES * 100)
        return fail(c, path, "field \"order\" is out of range");
    node->order = (unsigned)json_integer_value(order);
    if (i > 0 && node->order <= cat->nodes[i - 1].order)
        return fail(c, path, "order %u does not follow the previous node's order %u", node->order,
                    cat->nodes[i - 1].order);
    if ((rc = get_text(c, n, path, "title", true, &node->title)) ||
        (rc = get_text(c, n, path, "text", true, &node->text)) ||
        (rc = get_text(c, n, path, "note", false, &node->note)) ||
        (rc = get_bool(c, n, path, "assessable", &node->assessable)) ||
        (rc = get_bool(c, n, path, "control_system", &node->control_system)))
        return rc;

    if ((rc = get_string(c, n, path, "phase", false, &s)))
        return rc;
    node->phase = CATALOG_PHASE_NONE;
    if (s && catalog_phase_parse(s, &node->phase) != AG_OK)
        return fail(c, path, "unknown phase \"%s\" (expected plan, do, check or act)", s);

    if ((rc = get_string(c, n, path, "perspective", false, &s)))
        return rc;
    node->perspective = NULL;
    if (s) {
        for (size_t p = 0; p < cat->nperspectives; p++)
            if (strcmp(cat->perspectives[p].id, s) == 0)
                node->perspective = &cat->perspectives[p];
        if (!node->perspective)
            return fail(c, path, "unknown perspective \"%s\"", s);
    }

    const json_t *roles = json_object_get(n, "roles");
    if (roles && !json_is_array(roles))
        return fail(c, path, "field \"roles\" must be an array of role ids");
    for (size_t r = 0; roles && r < json_array_size(roles); r++) {
        const json_t *v = json_array_get(roles, r);
        size_t k;
        if (!json_is_string(v))
            return fail(c, path, "roles[%zu] must be a string", r);
        for (k = 0; k < cat->nroles; k++)
            if (strcmp(cat->roles[k].id, json_string_value(v)) == 0)
                break;
        if (k == cat->nroles)
            return fail(c, path, "roles[%zu]: unknown role \"%s\"", r, json_string_value(v));
        node->roles |= (uint32_t)1 << k;
    }
    if (node->kind == CATALOG_KIND_MEASURE) {
        if (node->phase == CATALOG_PHASE_NONE)
            return fail(c, path, "measure \"%s\" has no phase", node->id);
        if (node->roles == 0)
            return fail(c, path, "measure \"%s\" has no responsible role", node->id);
    }
    if (strmap_put(cat->by_id, node->id, node) != AG_OK)
        return fail(c, path, "duplicate id \"%s\"", node->id);
    return AG_OK;
}

/* Resolves an array of ids into a slice of the link arena. */
static int resolve_links(struct ctx *c, const json_t *n, size_t i, const char *field,
                         const struct catalog_node *const **out, size_t *count)
{
    struct catalog *cat = c->cat;
    const json_t *a = json_object_get(n, field);
    *out = (const struct catalog_node *const *)&cat->links[cat->nlinks];
    *count = 0;
    for (size_t k = 0; a && k < json_array_size(a); k++) {
        const json_t *v = json_array_get(a, k);
        char path[96];
        snprintf(path, sizeof(path), "$.nodes[%zu].%s[%zu]", i, field, k);
        if (!json_is_string(v))
            return fail(c, path, "must be a string id, not %s", json_type_name(v));
        const struct catalog_node *t = strmap_get(cat->by_id, json_string_value(v));
        if (!t)
            return fail(c, path, "unknown id \"%s\"", json_string_value(v));
        cat->links[cat->nlinks++] = t;
        (*count)++;
    }
    return AG_OK;
}

static int index_ref(struct ctx *c, struct catalog_node *node)
{
    struct catalog *cat = c->cat;
    /* Structural nodes own their printed reference; measures, examples and blocks repeat the
     * ref of their section and are reached through it. */
    switch (node->kind) {
    case CATALOG_KIND_MEASURE:
    case CATALOG_KIND_EXAMPLE:
    case CATALOG_KIND_NOTE:
    case CATALOG_KIND_GUIDANCE:
    case CATALOG_KIND_PURPOSE:
    case CATALOG_KIND_REFERENCE:
    case CATALOG_KIND_PARAGRAPH:
    case CATALOG_KIND_CHALLENGE:
    case CATALOG_KIND_REVISION:
        return AG_OK;
    default:
        break;
    }
    if (!node->ref[0])
        return AG_OK;
    char *key = catalog_ref_normalise(node->ref);
    if (!key)
        return ag_error_set(c->err, AG_ENOMEM, "%s: out of memory", c->name);
    cat->refkeys[cat->nrefkeys++] = key;
    int rc = strmap_put(cat->by_ref, key, node);
    if (rc == AG_ENOMEM)
        return ag_error_set(c->err, AG_ENOMEM, "%s: out of memory", c->name);
    return AG_OK; /* a repeated ref keeps the first node in document order */
}

int catalog_build(struct catalog *cat, const char *name, struct ag_error *err)
{
    struct ctx c = {cat, name, err};
    int rc;
    size_t nlinks, nchecks;
    if ((rc = parse_header(&c)))
        return rc;
    const json_t *nodes = json_object_get(cat->root, "nodes");
    if (!json_is_array(nodes) || json_array_size(nodes) == 0)
        return fail(&c, "$", "\"nodes\" must be a non-empty array");
    if (json_array_size(nodes) > CATALOG_MAX_NODES)
        return fail(&c, "$.nodes", "more than %d nodes", CATALOG_MAX_NODES);
    if ((rc = count_links(&c, nodes, &nlinks, &nchecks)))
        return rc;

    cat->nnodes = json_array_size(nodes);
    cat->nodes = calloc(cat->nnodes, sizeof(*cat->nodes));
    cat->links = calloc(nlinks + 1, sizeof(*cat->links));
    cat->checks = calloc(nchecks + 1, sizeof(*cat->checks));
    cat->refkeys = calloc(cat->nnodes, sizeof(*cat->refkeys));
    if (!cat->nodes || !cat->links || !cat->checks || !cat->refkeys ||
        strmap_new(&cat->by_id, cat->nnodes) || strmap_new(&cat->by_ref, cat->nnodes))
        return ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);
    cat->links_cap = nlinks;

    for (size_t i = 0; i < cat->nnodes; i++)
        if ((rc = parse_node(&c, i, json_array_get(nodes, i), &cat->nodes[i])))
            return rc;

    /* Parents: must exist and come earlier, which also rules out cycles. */
    size_t *nchildren = calloc(cat->nnodes, sizeof(*nchildren));
    if (!nchildren)
        return ag_error_set(err, AG_ENOMEM, "%s: out of memory", name);
    for (size_t i = 0; i < cat->nnodes; i++) {
        const json_t *n = json_array_get(nodes, i);
        struct catalog_node *node = &cat->nodes[i];
        const char *pid;
        char path[64];
        snprintf(path, sizeof(path), "$.nodes[%zu]", i);
        if ((rc = get_string(&c, n, path, "parent", false, &pid)))
            goto out;
        if (!pid)
            continue;
        snprintf(path, sizeof(path), "$.nodes[%zu].parent", i);
        struct catalog_node *p = strmap_get(cat->by_id, pid);
        if (!p) {
            rc = fail(&c, path, "unknown id \"%s\"", pid);
            goto out;
        }
        if (p->index >= i) {
            rc = fail(&c, path, "parent \"%s\" must come before its child \"%s\"", pid, node->id);
            goto out;
        }
        node->parent = p;
        node->depth = p->depth + 1;
        nchildren[p->index]++;
    }
    /* Children slices, in document order. */
    for (size_t i = 0; i < cat->nnodes; i++) {
        cat->nodes[i].children = (const struct catalog_node *const *)&cat->links[cat->nlinks];
        cat->nlinks += nchildren[i];
    }
    for (size_t i = 0; i < cat->nnodes; i++) {
        struct catalog_node *p = (struct catalog_node *)cat->nodes[i].parent;
        if (p)
            ((const struct catalog_node **)p->children)[p->nchildren++] = &cat->nodes[i];
    }
    size_t ncheck_used = 0;
    for (size_t i = 0; i < cat->nnodes; i++) {
        const json_t *n = json_array_get(nodes, i);
        struct catalog_node *node = &cat->nodes[i];
        if ((rc = resolve_links(&c, n, i, "references", &node->references, &node->nreferences)) ||
            (rc = resolve_links(&c, n, i, "glossary", &node->glossary, &node->nglossary)) ||
            (rc = resolve_links(&c, n, i, "see_also", &node->see_also, &node->nsee_also)) ||
            (rc = resolve_links(&c, n, i, "targets", &node->targets, &node->ntargets)))
            goto out;
        const json_t *ch = json_object_get(n, "checks");
        node->checks = &cat->checks[ncheck_used];
        for (size_t k = 0; ch && k < json_array_size(ch); k++) {
            const json_t *v = json_array_get(ch, k);
            if (!json_is_string(v)) {
                char path[80];
                snprintf(path, sizeof(path), "$.nodes[%zu].checks[%zu]", i, k);
                rc = fail(&c, path, "must be a string");
                goto out;
            }
            cat->checks[ncheck_used++] = json_string_value(v);
            node->nchecks++;
        }
        if ((rc = index_ref(&c, node)))
            goto out;
    }
    rc = AG_OK;
out:
    free(nchildren);
    return rc;
}
