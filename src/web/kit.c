/*
 * kit.c — the pieces every page is built from: headings, alerts, tables, definition lists, forms
 * and fields, and web_action, which runs a library call as the signed-in person in one
 * transaction. Everything goes through the escaping builder (html.c); labels are message keys.
 */
#include "isms/isms.h"
#include "store/store.h"
#include "web/web_int.h"

#include <sodium.h>

bool web_param_id(const struct web_req *req, const char *name, long long *id)
{
    const char *p = web_param(req, name);
    size_t n = p ? strlen(p) : 0;
    if (n == 0 || n > 15 || strspn(p, "0123456789") != n)
        return false;
    long long v = 0;
    for (; *p; p++)
        v = v * 10 + (*p - '0');
    if (v <= 0)
        return false;
    *id = v;
    return true;
}

int web_record_for_user(struct web_req *req, void *obj,
                        int (*load)(struct web_req *req, long long id, void *obj),
                        bool (*may_see)(struct web_req *req, const void *obj), const char *missing,
                        const char *forbidden, bool *done)
{
    long long id;
    *done = true;
    if (!web_param_id(req, "id", &id))
        return web_error(req, 404, missing);
    int rc = load(req, id, obj);
    if (rc == AG_ENOTFOUND)
        return web_error(req, 404, missing);
    if (rc)
        return rc;
    if (!may_see(req, obj))
        return web_error(req, 403, forbidden);
    *done = false;
    return AG_OK;
}

bool web_has_role(const struct web_req *req, unsigned mask)
{
    return req->has_user && (req->user.roles & mask) != 0;
}

void page_h1(struct web_req *req, const char *title)
{
    html_lit(&req->out, "<h1>");
    html_text(&req->out, title);
    html_lit(&req->out, "</h1>");
}

void page_alert(struct web_req *req, const char *msg)
{
    html_lit(&req->out, "<p class=\"alert\" role=\"alert\">");
    html_text(&req->out, msg);
    html_lit(&req->out, "</p>");
}

void page_ok(struct web_req *req, const char *msg)
{
    html_lit(&req->out, "<p class=\"ok\" role=\"status\">");
    html_text(&req->out, msg);
    html_lit(&req->out, "</p>");
}

void page_note(struct web_req *req, const char *msg)
{
    html_lit(&req->out, "<p class=\"small\">");
    html_text(&req->out, msg);
    html_lit(&req->out, "</p>");
}

void page_table_begin(struct web_req *req, const char *const *heads, size_t n)
{
    struct html *h = &req->out;
    html_lit(h, "<table><thead><tr>");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<th scope=\"col\">");
        html_text(h, web_tr(req, heads[i]));
        html_lit(h, "</th>");
    }
    html_lit(h, "</tr></thead><tbody>");
}

void page_table_end(struct web_req *req, size_t rows, const char *empty)
{
    html_lit(&req->out, "</tbody></table>");
    if (rows == 0 && empty) {
        html_lit(&req->out, "<p>");
        html_text(&req->out, web_tr(req, empty));
        html_lit(&req->out, "</p>");
    }
}

void page_dl_begin(struct web_req *req)
{
    html_lit(&req->out, "<dl class=\"meta\">");
}

void page_dl_item(struct web_req *req, const char *label, const char *value)
{
    html_lit(&req->out, "<dt>");
    html_text(&req->out, web_tr(req, label));
    html_lit(&req->out, "</dt><dd>");
    html_text(&req->out, value ? value : "");
    html_lit(&req->out, "</dd>");
}

void page_dl_end(struct web_req *req)
{
    html_lit(&req->out, "</dl>");
}

void page_link(struct web_req *req, const char *href, const char *text)
{
    html_lit(&req->out, "<a");
    html_attr(&req->out, "href", href);
    html_lit(&req->out, ">");
    html_text(&req->out, text);
    html_lit(&req->out, "</a>");
}

void page_form_begin(struct web_req *req, const char *action)
{
    html_lit(&req->out, "<form method=\"post\" class=\"card\"");
    html_attr(&req->out, "action", action);
    html_lit(&req->out, ">");
    page_csrf_field(req);
}

void page_form_end(struct web_req *req, const char *button)
{
    html_lit(&req->out, "<button type=\"submit\" class=\"primary\">");
    html_text(&req->out, web_tr(req, button));
    html_lit(&req->out, "</button></form>");
}

static void label_for(struct web_req *req, const char *name, const char *label)
{
    html_lit(&req->out, "<div class=\"field\"><label");
    html_attr(&req->out, "for", name);
    html_lit(&req->out, ">");
    html_text(&req->out, web_tr(req, label));
    html_lit(&req->out, "</label>");
}

void page_input(struct web_req *req, const char *name, const char *label, const char *type,
                const char *value, bool required)
{
    struct html *h = &req->out;
    label_for(req, name, label);
    html_lit(h, "<input");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_attr(h, "type", type);
    if (value)
        html_attr(h, "value", value);
    if (required)
        html_lit(h, " required");
    html_lit(h, "></div>");
}

void page_textarea(struct web_req *req, const char *name, const char *label, const char *value,
                   bool required)
{
    struct html *h = &req->out;
    label_for(req, name, label);
    html_lit(h, "<textarea rows=\"3\"");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    if (required)
        html_lit(h, " required");
    html_lit(h, ">");
    html_text(h, value ? value : "");
    html_lit(h, "</textarea></div>");
}

void page_select(struct web_req *req, const char *name, const char *label,
                 const char *const *values, const char *const *labels, size_t n, const char *cur)
{
    struct html *h = &req->out;
    label_for(req, name, label);
    html_lit(h, "<select");
    html_attr(h, "id", name);
    html_attr(h, "name", name);
    html_lit(h, ">");
    for (size_t i = 0; i < n; i++) {
        html_lit(h, "<option");
        html_attr(h, "value", values[i]);
        if (cur && strcmp(cur, values[i]) == 0)
            html_lit(h, " selected");
        html_lit(h, ">");
        html_text(h, web_tr(req, labels[i]));
        html_lit(h, "</option>");
    }
    html_lit(h, "</select></div>");
}

int web_action(struct web_req *req, int (*fn)(struct web_req *req, void *ctx, struct ag_error *err),
               void *ctx, struct ag_error *err)
{
    ag_error_set_lang(req->lang);
    store_set_actor(req->st, req->user.login);
    int rc = store_begin(req->st, err);
    if (rc == AG_OK) {
        rc = fn(req, ctx, err);
        if (rc == AG_OK)
            rc = store_commit(req->st, err);
        else
            store_rollback(req->st);
    }
    store_set_actor(req->st, "web");
    return rc;
}

unsigned web_refusal_status(int rc)
{
    switch (rc) {
    case AG_EINVAL:
    case AG_EUSAGE:
        return 400;
    case AG_EDENIED:
        return 403;
    case AG_ENOTFOUND:
        return 404;
    case AG_ECONFLICT:
        return 409;
    default:
        return 500;
    }
}

/* An ASCII file name for Content-Disposition's filename="…" (other bytes become '_'), and the
 * full UTF-8 name percent-encoded for filename*= (RFC 6266 / 5987). */
static const char *content_disposition(struct web_req *req, const char *name)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    strbuf_adds(&sb, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        strbuf_addc(&sb, *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != ';' &&
                                 *p != '%' && *p != '/'
                             ? (char)*p
                             : '_');
    strbuf_adds(&sb, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            strbuf_addc(&sb, (char)*p);
        else
            strbuf_addf(&sb, "%%%02X", *p);
    }
    const char *out = strbuf_ok(&sb) ? arena_strdup(&req->arena, strbuf_str(&sb)) : NULL;
    strbuf_release(&sb);
    return out;
}

int web_evidence_send(struct web_req *req, const char *sha, const char *name)
{
    struct ag_error err;
    char dir[4096], path[4300];
    if (!sha || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
        return web_error(req, 404, "Not found");
    isms_evidence_dir(req->st, dir, sizeof(dir));
    snprintf(path, sizeof(path), "%s/%.2s/%s", dir, sha, sha);
    char *data = NULL;
    size_t len = 0;
    if (ag_file_read(path, (size_t)15 << 20, &data, &len, &err))
        return web_error(req, 500, "The evidence file cannot be read");
    unsigned char d[crypto_hash_sha256_BYTES];
    char hex[65];
    crypto_hash_sha256(d, (const unsigned char *)data, len);
    sodium_bin2hex(hex, sizeof(hex), d, sizeof(d));
    if (strcmp(hex, sha) != 0) {
        free(data);
        return web_error(req, 500, "The evidence file cannot be read");
    }
    strbuf_reset(&req->out.sb);
    strbuf_add(&req->out.sb, data, len);
    free(data);
    req->content_type = "application/octet-stream";
    const char *cd = content_disposition(req, name);
    return cd ? web_header(req, "Content-Disposition", cd) : AG_ENOMEM;
}

int web_refused(struct web_req *req, int rc, const struct ag_error *err, const char *entity,
                long long id, const char *what, int (*page)(struct web_req *req, const char *alert))
{
    unsigned status = web_refusal_status(rc);
    if (status == 500)
        return rc;
    if (rc == AG_EDENIED) {
        /* the library records a refusal only outside a transaction, and ours was rolled back */
        struct ag_error ignore;
        char sid[24], detail[160];
        snprintf(sid, sizeof(sid), "%lld", id);
        snprintf(detail, sizeof(detail), "{\"what\": \"%.100s\", \"via\": \"web\"}", what);
        store_set_actor(req->st, req->user.login);
        if (store_audit(req->st, "refused", entity, sid, detail, &ignore) != AG_OK) {
            /* the refusal stands even if it cannot be recorded */
        }
        store_set_actor(req->st, "web");
    }
    const char *msg = arena_strdup(&req->arena, err->msg);
    strbuf_reset(&req->out.sb);
    req->status = status;
    return page(req, msg ? msg : "");
}
