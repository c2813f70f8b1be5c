/*
 * static.c — the static assets, compiled into the binary (static_blob.S.in) so a deployment is
 * one file and no client-chosen path ever reaches the file system (guideline 5.3, path
 * traversal). Served with a content type and a cache lifetime; read-only, any thread.
 */
#include "web/web_int.h"

extern const char ag_web_style_css[], ag_web_style_css_end[];
extern const char ag_web_icon_svg[], ag_web_icon_svg_end[];

int web_static(struct web_req *req)
{
    const char *name = web_param(req, "name");
    if (name && strcmp(name, "style.css") == 0) {
        req->content_type = "text/css; charset=utf-8";
        req->static_body = ag_web_style_css;
        req->static_len = (size_t)(ag_web_style_css_end - ag_web_style_css);
        return AG_OK;
    }
    /* the page icon (<link rel="icon"> in every page): without it browsers ask for
     * /favicon.ico on every first visit and log the 404 as a console error */
    if (name && strcmp(name, "icon.svg") == 0) {
        req->content_type = "image/svg+xml";
        req->static_body = ag_web_icon_svg;
        req->static_len = (size_t)(ag_web_icon_svg_end - ag_web_icon_svg);
        return AG_OK;
    }
    req->no_store = true;
    return web_error(req, 404, "Not found");
}
