/*
 * fuzz_web_form.c — arbitrary bytes into the web server's decoding of request data: form bodies
 * and query strings (form.c), the router with the bytes as a path (router.c), and the HTML
 * builder with every decoded value (html.c), all in one arena as in a request.
 * Properties checked: a form is accepted only when every name and value is valid text (UTF-8,
 * no control characters but TAB/LF/CR); escaped output never contains a raw '<', '>' or quote
 * from the input; the arena frees everything (ASan/LSan).
 * The web sources are compiled in directly, so the target needs only the libraries every fuzz
 * target links (tests/fuzz/CMakeLists.txt).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/web/arena.c"
#include "../../src/web/form.c"
#include "../../src/web/html.c"
#include "../../src/web/router.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int dummy(struct web_req *r)
{
    (void)r;
    return 0;
}

static const struct route routes[] = {
    {WEB_GET, "/", dummy, 0, 0},
    {WEB_GET, "/catalog/search", dummy, 0, 0},
    {WEB_GET, "/catalog/{id}", dummy, 0, 0},
    {WEB_POST, "/a/{x}/b/{y}", dummy, 0, 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct web_form f;
    struct ag_error err;
    arena_init(&a, (size_t)1 << 20);
    if (web_form_parse(&a, (const char *)data, size, &f, &err) == AG_OK) {
        struct html h;
        html_init(&h, 0);
        for (size_t i = 0; i < f.count; i++) {
            if (!web_text_valid(f.fields[i].name, strlen(f.fields[i].name)) ||
                !web_text_valid(f.fields[i].value, f.fields[i].value_len) ||
                strlen(f.fields[i].value) != f.fields[i].value_len)
                abort();
            strbuf_reset(&h.sb);
            html_text(&h, f.fields[i].value);
            if (strpbrk(strbuf_str(&h.sb), "<>'\""))
                abort();
            strbuf_reset(&h.sb);
            html_attr(&h, "href", f.fields[i].value);
            size_t quotes = 0;
            for (const char *c = strbuf_str(&h.sb); *c; c++)
                quotes += *c == '"';
            if (quotes != 2 || strpbrk(strbuf_str(&h.sb), "<>'"))
                abort();
        }
        html_release(&h);
    }
    /* the same bytes as a path */
    char *path = arena_strndup(&a, (const char *)data, size);
    if (path) {
        struct route_match m;
        (void)router_match(routes, AG_ARRAY_LEN(routes), WEB_GET, path, &a, &m);
        for (size_t i = 0; i < m.nparams; i++)
            if (!*m.values[i] || strchr(m.values[i], '/'))
                abort();
    }
    arena_release(&a);
    return 0;
}
