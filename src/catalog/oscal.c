/*
 * oscal.c — export as an OSCAL 1.0.6 catalog (validated against NIST's JSON Schema in the
 * tests). Mapping: chapters and sections → groups; measures → controls; the section body →
 * an "overview" part; guidance → "guidance"; purpose → "objective"; the measure text →
 * "statement"; examples → nested "example" parts; other kinds (definitions, roles, terms,
 * reference rows, …) → parts named after their kind in the airguard namespace. Every node
 * becomes the OSCAL id "ag-<node id>", so links between nodes survive. OSCAL is single-language;
 * the caller chooses ja or en. The output is deterministic except for metadata.last-modified,
 * which honours SOURCE_DATE_EPOCH.
 */
#include "catalog/catalog_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OSCAL_NS "urn:airguard:catalog"

struct oscal {
    const struct catalog *cat;
    enum ag_lang lang;
    bool oom;
};

/* Helpers that record allocation failure instead of checking every call. */
static json_t *chk(struct oscal *o, json_t *v)
{
    if (!v)
        o->oom = true;
    return v;
}

static void set(struct oscal *o, json_t *obj, const char *key, json_t *v)
{
    if (!obj || !v || json_object_set_new(obj, key, v) != 0)
        o->oom = true;
}

static void append(struct oscal *o, json_t *arr, json_t *v)
{
    if (!arr || !v || json_array_append_new(arr, v) != 0)
        o->oom = true;
}

static json_t *str(struct oscal *o, const char *s)
{
    return chk(o, json_string(s));
}

static json_t *oscal_id(struct oscal *o, const struct catalog_node *n)
{
    char buf[512];
    snprintf(buf, sizeof(buf), "ag-%s", n->id);
    return str(o, buf);
}

/* OSCAL string values must not be empty nor start or end with white space. */
static bool usable_value(const char *s)
{
    size_t len = strlen(s);
    return len && s[0] != ' ' && s[len - 1] != ' ' && s[0] != '\n' && s[len - 1] != '\n';
}

static void add_prop(struct oscal *o, json_t *props, const char *name, const char *value, bool ours)
{
    if (!usable_value(value))
        return;
    json_t *p = chk(o, json_object());
    set(o, p, "name", str(o, name));
    if (ours)
        set(o, p, "ns", str(o, OSCAL_NS));
    set(o, p, "value", str(o, value));
    append(o, props, p);
}

/* Moves an array into obj[key] unless empty (OSCAL arrays have minItems 1). */
static void set_nonempty(struct oscal *o, json_t *obj, const char *key, json_t *arr)
{
    if (arr && json_array_size(arr) > 0)
        set(o, obj, key, arr);
    else
        json_decref(arr);
}

static const char *t(struct oscal *o, struct catalog_text text)
{
    return catalog_text_get(text, o->lang);
}

static void node_props(struct oscal *o, const struct catalog_node *n, json_t *props)
{
    const struct catalog *cat = o->cat;
    add_prop(o, props, "label", n->ref, false);
    add_prop(o, props, "kind", catalog_kind_name(n->kind), true);
    add_prop(o, props, "phase", catalog_phase_name(n->phase), true);
    if (n->perspective)
        add_prop(o, props, "perspective", n->perspective->id, true);
    for (size_t r = 0; r < cat->nroles; r++)
        if (n->roles & ((uint32_t)1 << r))
            add_prop(o, props, "responsible-role", cat->roles[r].id, true);
    if (n->kind == CATALOG_KIND_MEASURE)
        add_prop(o, props, "assessable", n->assessable ? "true" : "false", true);
    if (n->control_system)
        add_prop(o, props, "control-system", "true", true);
    for (size_t i = 0; i < n->nchecks; i++)
        add_prop(o, props, "automated-check", n->checks[i], true);
}

static void add_links(struct oscal *o, json_t *links, const struct catalog_node *const *to,
                      size_t count, const char *rel)
{
    for (size_t i = 0; i < count; i++) {
        char href[512];
        snprintf(href, sizeof(href), "#ag-%s", to[i]->id);
        json_t *l = chk(o, json_object());
        set(o, l, "href", str(o, href));
        set(o, l, "rel", str(o, rel));
        append(o, links, l);
    }
}

static void node_links(struct oscal *o, const struct catalog_node *n, json_t *obj)
{
    json_t *links = chk(o, json_array());
    add_links(o, links, n->references, n->nreferences, "reference");
    add_links(o, links, n->glossary, n->nglossary, "glossary");
    add_links(o, links, n->see_also, n->nsee_also, "related");
    add_links(o, links, n->targets, n->ntargets, "related");
    set_nonempty(o, obj, "links", links);
}

static const char *part_name(enum catalog_kind kind, bool *ours)
{
    *ours = false;
    switch (kind) {
    case CATALOG_KIND_GUIDANCE:
        return "guidance";
    case CATALOG_KIND_PURPOSE:
        return "objective";
    case CATALOG_KIND_EXAMPLE:
        *ours = true;
        return "example";
    case CATALOG_KIND_MEASURE:
        return "statement";
    default:
        *ours = true;
        return catalog_kind_name(kind);
    }
}

static json_t *make_part(struct oscal *o, const struct catalog_node *n);

static void child_parts(struct oscal *o, const struct catalog_node *n, json_t *parts)
{
    for (size_t i = 0; i < n->nchildren; i++)
        append(o, parts, make_part(o, n->children[i]));
}

/* Any node rendered as a part, with its descendants as sub-parts. */
static json_t *make_part(struct oscal *o, const struct catalog_node *n)
{
    bool ours;
    json_t *p = chk(o, json_object());
    set(o, p, "id", oscal_id(o, n));
    set(o, p, "name", str(o, part_name(n->kind, &ours)));
    if (ours)
        set(o, p, "ns", str(o, OSCAL_NS));
    if (*t(o, n->title))
        set(o, p, "title", str(o, t(o, n->title)));
    json_t *props = chk(o, json_array());
    node_props(o, n, props);
    set_nonempty(o, p, "props", props);
    if (*t(o, n->text))
        set(o, p, "prose", str(o, t(o, n->text)));
    json_t *parts = chk(o, json_array());
    child_parts(o, n, parts);
    set_nonempty(o, p, "parts", parts);
    node_links(o, n, p);
    return p;
}

static json_t *make_control(struct oscal *o, const struct catalog_node *n, unsigned number)
{
    json_t *c = chk(o, json_object());
    set(o, c, "id", oscal_id(o, n));
    set(o, c, "class", str(o, "measure"));
    char title[1024];
    if (*t(o, n->title))
        snprintf(title, sizeof(title), "%s", t(o, n->title));
    else
        snprintf(title, sizeof(title), "%s %s %u", n->ref, ag_tr(o->lang, "measure"), number);
    set(o, c, "title", str(o, title));
    json_t *props = chk(o, json_array());
    node_props(o, n, props);
    set_nonempty(o, c, "props", props);
    node_links(o, n, c);

    json_t *parts = chk(o, json_array());
    json_t *stmt = chk(o, json_object());
    char sid[512];
    snprintf(sid, sizeof(sid), "ag-%s_smt", n->id);
    set(o, stmt, "id", str(o, sid));
    set(o, stmt, "name", str(o, "statement"));
    set(o, stmt, "prose", str(o, t(o, n->text)));
    append(o, parts, stmt);
    child_parts(o, n, parts);
    set(o, c, "parts", parts);
    return c;
}

static bool is_group(const struct catalog_node *n)
{
    return n->kind == CATALOG_KIND_CHAPTER || n->kind == CATALOG_KIND_SECTION ||
           n->kind == CATALOG_KIND_PREFACE;
}

static json_t *make_group(struct oscal *o, const struct catalog_node *n)
{
    json_t *g = chk(o, json_object());
    set(o, g, "id", oscal_id(o, n));
    set(o, g, "class", str(o, catalog_kind_name(n->kind)));
    char title[1024];
    const char *tt = t(o, n->title);
    if (n->ref[0] && *tt)
        snprintf(title, sizeof(title), "%s %s", n->ref, tt);
    else
        snprintf(title, sizeof(title), "%s", *tt ? tt : (n->ref[0] ? n->ref : n->id));
    set(o, g, "title", str(o, title));
    json_t *props = chk(o, json_array());
    node_props(o, n, props);
    set_nonempty(o, g, "props", props);
    node_links(o, n, g);

    json_t *parts = chk(o, json_array()), *groups = chk(o, json_array()),
           *controls = chk(o, json_array());
    if (*t(o, n->text)) {
        json_t *ov = chk(o, json_object());
        char oid[512];
        snprintf(oid, sizeof(oid), "ag-%s_ovw", n->id);
        set(o, ov, "id", str(o, oid));
        set(o, ov, "name", str(o, "overview"));
        set(o, ov, "prose", str(o, t(o, n->text)));
        append(o, parts, ov);
    }
    unsigned measure_no = 0;
    for (size_t i = 0; i < n->nchildren; i++) {
        const struct catalog_node *c = n->children[i];
        if (is_group(c))
            append(o, groups, make_group(o, c));
        else if (c->kind == CATALOG_KIND_MEASURE)
            append(o, controls, make_control(o, c, ++measure_no));
        else
            append(o, parts, make_part(o, c));
    }
    set_nonempty(o, g, "parts", parts);
    set_nonempty(o, g, "groups", groups);
    set_nonempty(o, g, "controls", controls);
    return g;
}

/* A name-based (version 5 style) UUID from the catalog's SHA-256 and a label. */
static void derive_uuid(const char *sha256, const char *label, char out[37])
{
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)sha256, strlen(sha256));
    crypto_hash_sha256_update(&st, (const unsigned char *)label, strlen(label));
    crypto_hash_sha256_final(&st, d);
    d[6] = (unsigned char)((d[6] & 0x0F) | 0x50);
    d[8] = (unsigned char)((d[8] & 0x3F) | 0x80);
    static const char hex[] = "0123456789abcdef";
    size_t k = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[k++] = '-';
        out[k++] = hex[d[i] >> 4];
        out[k++] = hex[d[i] & 15];
    }
    out[k] = '\0';
}

static void now_iso(char out[32])
{
    time_t now = time(NULL);
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            now = (time_t)v;
    }
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int catalog_oscal(const struct catalog *cat, enum ag_lang lang, struct strbuf *sb,
                  struct ag_error *err)
{
    struct oscal o = {cat, lang, false};
    int rc = AG_OK;
    char uuid[37], stamp[32], published[40];
    json_t *doc = chk(&o, json_object());
    json_t *c = chk(&o, json_object());
    derive_uuid(cat->sha256, lang == AG_LANG_EN ? "catalog-en" : "catalog-ja", uuid);
    set(&o, c, "uuid", str(&o, uuid));

    json_t *meta = chk(&o, json_object());
    set(&o, meta, "title", str(&o, catalog_text_get(cat->title, lang)));
    /* published is a plain date in the catalog; OSCAL wants a date-time in Japan's zone. */
    if (strlen(cat->published) == 10) {
        snprintf(published, sizeof(published), "%sT00:00:00+09:00", cat->published);
        set(&o, meta, "published", str(&o, published));
    }
    now_iso(stamp);
    set(&o, meta, "last-modified", str(&o, stamp));
    set(&o, meta, "version", str(&o, cat->version));
    set(&o, meta, "oscal-version", str(&o, "1.0.6"));
    json_t *mprops = chk(&o, json_array());
    add_prop(&o, mprops, "catalog-id", cat->id, true);
    add_prop(&o, mprops, "catalog-sha256", cat->sha256, true);
    add_prop(&o, mprops, "language", ag_lang_code(lang), true);
    set(&o, meta, "props", mprops);
    json_t *roles = chk(&o, json_array());
    for (size_t i = 0; i < cat->nroles; i++) {
        json_t *r = chk(&o, json_object());
        set(&o, r, "id", str(&o, cat->roles[i].id));
        set(&o, r, "title", str(&o, catalog_text_get(cat->roles[i].name, lang)));
        append(&o, roles, r);
    }
    set(&o, meta, "roles", roles);
    set(&o, c, "metadata", meta);

    json_t *groups = chk(&o, json_array());
    for (size_t i = 0; i < cat->nnodes; i++)
        if (!cat->nodes[i].parent)
            append(&o, groups, make_group(&o, &cat->nodes[i]));
    set_nonempty(&o, c, "groups", groups);
    set(&o, doc, "catalog", c);

    if (o.oom) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory while building the OSCAL catalog");
        goto out;
    }
    char *s = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    if (!s) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory while writing the OSCAL catalog");
        goto out;
    }
    strbuf_adds(sb, s);
    strbuf_addc(sb, '\n');
    free(s);
    if (!strbuf_ok(sb))
        rc = ag_error_set(err, AG_ENOMEM, "OSCAL export too large");
out:
    json_decref(doc);
    return rc;
}
