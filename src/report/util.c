/*
 * util.c — the JSON builder of the exports (allocation failures remembered, checked once), the
 * OSCAL conventions both OSCAL documents share (metadata, parties, roles, props, times), and the
 * common end of every export: serialise and record the export in the audit trail.
 */
#include "report/report_int.h"

#include <ctype.h>

void jb_init(struct jb *b, struct store *st)
{
    b->st = st;
    b->oom = false;
    report_scope(st, b->scope, sizeof(b->scope));
}

json_t *jb_chk(struct jb *b, json_t *v)
{
    if (!v)
        b->oom = true;
    return v;
}

json_t *jb_str(struct jb *b, const char *s)
{
    return jb_chk(b, json_string(s ? s : ""));
}

json_t *jb_obj(struct jb *b)
{
    return jb_chk(b, json_object());
}

json_t *jb_arr(struct jb *b)
{
    return jb_chk(b, json_array());
}

void jb_set(struct jb *b, json_t *obj, const char *key, json_t *v)
{
    if (!obj || !v || json_object_set_new(obj, key, v) != 0)
        b->oom = true;
}

void jb_sets(struct jb *b, json_t *obj, const char *key, const char *s)
{
    jb_set(b, obj, key, jb_str(b, s));
}

void jb_append(struct jb *b, json_t *arr, json_t *v)
{
    if (!arr || !v || json_array_append_new(arr, v) != 0)
        b->oom = true;
}

void jb_set_nonempty(struct jb *b, json_t *obj, const char *key, json_t *arr)
{
    if (arr && json_array_size(arr) > 0)
        jb_set(b, obj, key, arr);
    else
        json_decref(arr);
}

void jb_uuid(struct jb *b, char out[37], const char *kind, const char *fmt, ...)
{
    char key[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(key, sizeof(key), fmt, ap);
    va_end(ap);
    report_uuid_for(b->scope, kind, key, out);
}

json_t *oscal_text(struct jb *b, const char *s)
{
    if (!s)
        return NULL;
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    if (!n)
        return NULL;
    return jb_chk(b, json_stringn(s, n));
}

void oscal_prop(struct jb *b, json_t *props, const char *name, const char *value)
{
    json_t *v = oscal_text(b, value);
    if (!v)
        return;
    json_t *p = jb_obj(b);
    jb_sets(b, p, "name", name);
    jb_sets(b, p, "ns", OSCAL_NS_REPORT);
    jb_set(b, p, "value", v);
    jb_append(b, props, p);
}

void oscal_time(const char *stored, char out[32])
{
    if (strlen(stored) == 10)
        snprintf(out, 32, "%sT00:00:00+09:00", stored); /* a date: the airport's day */
    else
        snprintf(out, 32, "%s", stored);
}

json_t *oscal_metadata(struct jb *b, struct store *st, const char *title, const char *version,
                       enum ag_lang lang)
{
    char now[21], org[37];
    json_t *meta = jb_obj(b);
    jb_sets(b, meta, "title", title);
    ag_time_iso(ag_now(), now);
    jb_sets(b, meta, "last-modified", now);
    jb_sets(b, meta, "version", version);
    jb_sets(b, meta, "oscal-version", "1.0.6");
    json_t *props = jb_arr(b);
    oscal_prop(b, props, "language", ag_lang_code(lang));
    oscal_prop(b, props, "generator", "airguard");
    jb_set(b, meta, "props", props);
    jb_set(b, meta, "roles", jb_arr(b));
    json_t *parties = jb_arr(b);
    jb_set(b, meta, "parties", parties);
    jb_set(b, meta, "responsible-parties", jb_arr(b));

    sqlite3_stmt *s;
    struct ag_error ignore;
    const char *name = "";
    if (store_prepare(st, &s, "SELECT name_ja, name_en FROM organisation WHERE id = 1", &ignore) !=
        AG_OK)
        return meta;
    json_t *p = jb_obj(b);
    jb_uuid(b, org, "party", "organisation");
    jb_sets(b, p, "uuid", org);
    jb_sets(b, p, "type", "organization");
    if (sqlite3_step(s) == SQLITE_ROW) {
        name = store_col_text(s, lang == AG_LANG_EN && *store_col_text(s, 1) ? 1 : 0);
        jb_set(b, p, "name", oscal_text(b, name));
    }
    jb_append(b, parties, p);
    sqlite3_finalize(s);
    oscal_responsible(b, meta, "organisation", ag_tr(lang, "Airport operator"), org);
    return meta;
}

void oscal_party(struct jb *b, struct store *st, json_t *meta, long long person_id,
                 enum ag_lang lang, char out[37])
{
    jb_uuid(b, out, "party", "person/%lld", person_id);
    json_t *parties = json_object_get(meta, "parties");
    size_t i;
    json_t *p;
    json_array_foreach(parties, i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "uuid")), out) == 0)
            return;
    }
    sqlite3_stmt *s;
    struct ag_error ignore;
    if (store_prepare(st, &s, "SELECT name, name_en, login FROM people WHERE id = ?", &ignore) !=
        AG_OK)
        return;
    sqlite3_bind_int64(s, 1, person_id);
    p = jb_obj(b);
    jb_sets(b, p, "uuid", out);
    jb_sets(b, p, "type", "person");
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *en = store_col_text(s, 1);
        jb_set(b, p, "name", oscal_text(b, lang == AG_LANG_EN && *en ? en : store_col_text(s, 0)));
        jb_set(b, p, "short-name", oscal_text(b, store_col_text(s, 2)));
    }
    sqlite3_finalize(s);
    jb_append(b, parties, p);
}

void oscal_responsible(struct jb *b, json_t *meta, const char *role, const char *title,
                       const char *party_uuid)
{
    json_t *roles = json_object_get(meta, "roles"),
           *rps = json_object_get(meta, "responsible-parties");
    size_t i;
    json_t *r, *found = NULL;
    json_array_foreach(roles, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "id")), role) == 0)
            found = r;
    }
    if (!found) {
        r = jb_obj(b);
        jb_sets(b, r, "id", role);
        jb_sets(b, r, "title", title);
        jb_append(b, roles, r);
    }
    found = NULL;
    json_array_foreach(rps, i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "role-id")), role) == 0)
            found = r;
    }
    if (!found) {
        found = jb_obj(b);
        jb_sets(b, found, "role-id", role);
        jb_set(b, found, "party-uuids", jb_arr(b));
        jb_append(b, rps, found);
    }
    json_t *ids = json_object_get(found, "party-uuids"), *u;
    json_array_foreach(ids, i, u)
    {
        if (strcmp(json_string_value(u), party_uuid) == 0)
            return;
    }
    jb_append(b, ids, jb_str(b, party_uuid));
}

int report_finish(struct jb *b, json_t *doc, const char *entity, const char *entity_id,
                  const char *format, struct strbuf *out, struct ag_error *err)
{
    int rc = AG_OK;
    char *text = NULL;
    if (b->oom || !doc) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory while building the %s export", format);
        goto out;
    }
    if (!(text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER))) {
        rc = ag_error_set(err, AG_ENOMEM, "out of memory while writing the %s export", format);
        goto out;
    }
    strbuf_adds(out, text);
    strbuf_addc(out, '\n');
    if (!strbuf_ok(out)) {
        rc = ag_error_set(err, AG_ENOMEM, "the %s export is larger than allowed", format);
        goto out;
    }
    json_t *detail = json_pack("{s:s}", "format", format);
    char *d = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
    rc = store_audit(b->st, "export", entity, entity_id, d, err);
    free(d);
    json_decref(detail);
out:
    free(text);
    json_decref(doc);
    return rc;
}

int report_blocklist_read(const char *path, json_t **root, json_t **entries, struct ag_error *err)
{
    char *data = NULL;
    size_t len;
    int rc = ag_file_read(path, (size_t)64 << 20, &data, &len, err);
    if (rc)
        return rc;
    json_error_t je;
    *root = json_loadb(data, len, 0, &je);
    free(data);
    *entries = json_object_get(*root, "entries");
    if (!json_is_array(*entries)) {
        rc = ag_error_set(err, AG_EINVAL, "%s: not a block list (line %d: %s)", path,
                          *root ? 1 : je.line, *root ? "no \"entries\" array" : je.text);
        json_decref(*root);
        *root = *entries = NULL;
    }
    return rc;
}
