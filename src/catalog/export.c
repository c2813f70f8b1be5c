/*
 * export.c — the catalog as JSON (canonical form of the loaded document), CSV (one row per
 * node, for spreadsheets) and single nodes with their descendants as JSON. OSCAL is in oscal.c.
 */
#include "catalog/catalog_int.h"

#include <stdlib.h>
#include <string.h>

int catalog_format_parse(const char *s, enum catalog_format *out)
{
    if (strcmp(s, "json") == 0)
        *out = CATALOG_FORMAT_JSON;
    else if (strcmp(s, "csv") == 0)
        *out = CATALOG_FORMAT_CSV;
    else if (strcmp(s, "oscal") == 0)
        *out = CATALOG_FORMAT_OSCAL;
    else
        return AG_EINVAL;
    return AG_OK;
}

static int dump_json(json_t *v, struct strbuf *sb, struct ag_error *err)
{
    char *s = json_dumps(v, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    if (!s)
        return ag_error_set(err, AG_ENOMEM, "out of memory while writing JSON");
    strbuf_adds(sb, s);
    strbuf_addc(sb, '\n');
    free(s);
    return strbuf_ok(sb) ? AG_OK : ag_error_set(err, AG_ENOMEM, "export too large");
}

static void roles_joined(const struct catalog *cat, uint32_t roles, struct strbuf *sb)
{
    bool first = true;
    for (size_t r = 0; r < cat->nroles; r++) {
        if (roles & ((uint32_t)1 << r)) {
            if (!first)
                strbuf_addc(sb, ' ');
            strbuf_adds(sb, cat->roles[r].id);
            first = false;
        }
    }
}

static int export_csv(const struct catalog *cat, struct strbuf *sb, struct ag_error *err)
{
    static const char *const header[] = {
        "id",    "ref",        "kind",           "parent",   "order",    "phase",   "perspective",
        "roles", "assessable", "control_system", "title_ja", "title_en", "text_ja", "text_en"};
    struct strbuf roles;
    strbuf_init(&roles, 4096);
    for (size_t i = 0; i < AG_ARRAY_LEN(header); i++) {
        if (i)
            strbuf_addc(sb, ',');
        strbuf_add_csv_field(sb, header[i]);
    }
    strbuf_adds(sb, "\r\n");
    for (size_t i = 0; i < cat->nnodes; i++) {
        const struct catalog_node *n = &cat->nodes[i];
        char order[16];
        snprintf(order, sizeof(order), "%u", n->order);
        strbuf_reset(&roles);
        roles_joined(cat, n->roles, &roles);
        const char *fields[] = {n->id,
                                n->ref,
                                catalog_kind_name(n->kind),
                                n->parent ? n->parent->id : "",
                                order,
                                catalog_phase_name(n->phase),
                                n->perspective ? n->perspective->id : "",
                                strbuf_str(&roles),
                                n->assessable ? "true" : "false",
                                n->control_system ? "true" : "false",
                                n->title.ja,
                                n->title.en,
                                n->text.ja,
                                n->text.en};
        for (size_t f = 0; f < AG_ARRAY_LEN(fields); f++) {
            if (f)
                strbuf_addc(sb, ',');
            strbuf_add_csv_field(sb, fields[f]);
        }
        strbuf_adds(sb, "\r\n");
    }
    strbuf_release(&roles);
    return strbuf_ok(sb) ? AG_OK : ag_error_set(err, AG_ENOMEM, "export too large");
}

int catalog_export(const struct catalog *cat, enum catalog_format fmt, enum ag_lang lang,
                   struct strbuf *sb, struct ag_error *err)
{
    switch (fmt) {
    case CATALOG_FORMAT_JSON:
        return dump_json(cat->root, sb, err);
    case CATALOG_FORMAT_CSV:
        return export_csv(cat, sb, err);
    case CATALOG_FORMAT_OSCAL:
        return catalog_oscal(cat, lang, sb, err);
    }
    return ag_error_set(err, AG_EINVAL, "unknown export format");
}

/* A copy of the node's source object with "children" holding its descendants. */
static json_t *node_tree(const struct catalog *cat, const struct catalog_node *n)
{
    json_t *src = json_array_get(json_object_get(cat->root, "nodes"), n->index);
    json_t *obj = json_deep_copy(src);
    json_t *kids = json_array();
    if (!obj || !kids)
        goto fail;
    for (size_t i = 0; i < n->nchildren; i++) {
        json_t *k = node_tree(cat, n->children[i]);
        if (!k || json_array_append_new(kids, k) != 0)
            goto fail;
    }
    if (json_object_set_new(obj, "children", kids) != 0) {
        kids = NULL;
        goto fail;
    }
    return obj;
fail:
    json_decref(kids);
    json_decref(obj);
    return NULL;
}

int catalog_node_json(const struct catalog *cat, const struct catalog_node *n, struct strbuf *sb,
                      struct ag_error *err)
{
    json_t *t = node_tree(cat, n);
    if (!t)
        return ag_error_set(err, AG_ENOMEM, "out of memory while writing JSON");
    int rc = dump_json(t, sb, err);
    json_decref(t);
    return rc;
}
