/*
 * test_web.c — the pure parts of the web server: router, arena, HTML builder, form decoding.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "web/web_int.h"

static int h_a(struct web_req *r)
{
    (void)r;
    return 1;
}
static int h_b(struct web_req *r)
{
    (void)r;
    return 2;
}

static const struct route routes[] = {
    {WEB_GET, "/", h_a, 0, ROUTE_AUTH},
    {WEB_GET, "/catalog/search", h_a, 0, ROUTE_AUTH},
    {WEB_GET, "/catalog/{id}", h_b, 0, ROUTE_AUTH},
    {WEB_POST, "/logout", h_a, 0, ROUTE_CSRF},
    {WEB_GET, "/a/{x}/b/{y}", h_b, 0, 0},
};

/* Every module's routes are in the table, no (method, pattern) twice, and the security
 * invariants of the table hold: every POST carries a CSRF check (5.3(7)), every page but the
 * sign-in form and static assets needs a session (5.3(5)). A route added without them fails. */
static void test_modules(void **state)
{
    (void)state;
    size_t n, sum = 0;
    const struct route *r = web_routes(&n);
    for (size_t m = 0; m < web_module_count; m++) {
        sum += web_modules[m]->nroutes;
        for (size_t i = 0; i < web_modules[m]->nnav; i++)
            assert_true(web_modules[m]->nav[i].path[0] == '/');
    }
    assert_int_equal(n, sum);
    assert_true(n >= 16);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++)
            if (r[i].method == r[j].method && strcmp(r[i].pattern, r[j].pattern) == 0)
                fail_msg("route %s defined twice", r[i].pattern);
        if (r[i].method == WEB_POST && !(r[i].flags & (ROUTE_CSRF | ROUTE_PRECSRF | ROUTE_TOKEN)))
            fail_msg("POST %s has no CSRF check", r[i].pattern);
        bool open = strcmp(r[i].pattern, "/login") == 0 || (r[i].flags & ROUTE_PUBLIC);
        if (!open && !(r[i].flags & (ROUTE_AUTH | ROUTE_PARTIAL | ROUTE_TOKEN | ROUTE_CSRF)))
            fail_msg("%s needs no session", r[i].pattern);
        if (r[i].flags & ROUTE_PUBLIC)
            assert_int_equal(r[i].method, WEB_GET);
        /* an upload (10 MiB body, multipart) is a signed-in POST with the session's CSRF token */
        if ((r[i].flags & ROUTE_UPLOAD) &&
            (r[i].method != WEB_POST || !(r[i].flags & ROUTE_AUTH) || !(r[i].flags & ROUTE_CSRF)))
            fail_msg("upload route %s must be POST with ROUTE_AUTH and ROUTE_CSRF", r[i].pattern);
    }
}

/* Guideline 5.3(10) HTTP header injection: a header value with CR, LF or another control
 * character is refused and not added; cookie values with separators are refused; redirects go
 * only to same-origin paths (an absolute or scheme-relative URL becomes "/"). */
static void test_headers(void **state)
{
    (void)state;
    struct web_req req;
    memset(&req, 0, sizeof(req));
    arena_init(&req.arena, 1 << 20);
    assert_int_equal(web_header(&req, "X-A", "ok\r\nSet-Cookie: evil=1"), AG_EINVAL);
    assert_int_equal(web_header(&req, "X-A", "ok\nLocation: /x"), AG_EINVAL);
    assert_int_equal(web_header(&req, "X-A", "tab\tnul\x01"), AG_EINVAL);
    assert_int_equal(web_header(&req, "X-A", "del\x7f"), AG_EINVAL);
    assert_int_equal(req.nhdr, 0);
    assert_int_equal(web_header(&req, "X-A", "plain value; with=signs"), AG_OK);
    assert_int_equal(req.nhdr, 1);
    assert_int_equal(web_set_cookie(&req, "c", "a;Domain=evil", -1), AG_EINVAL);
    assert_int_equal(web_set_cookie(&req, "c", "a\r\nX: y", 60), AG_EINVAL);
    assert_int_equal(req.nhdr, 1);
    assert_int_equal(web_set_cookie(&req, "c", "0123abcd", -1), AG_OK);
    assert_non_null(strstr(req.hdr_values[1], "HttpOnly"));
    static const char *const away[] = {"//evil.example/", "https://evil.example/", "/\\evil",
                                       "javascript:alert(1)"};
    for (size_t i = 0; i < AG_ARRAY_LEN(away); i++) {
        req.nhdr = 0;
        assert_int_equal(web_redirect(&req, away[i]), AG_OK);
        assert_string_equal(req.hdr_values[0], "/");
        assert_int_equal(req.status, 303);
    }
    req.nhdr = 0;
    assert_int_equal(web_redirect(&req, "/risks/3?ok=treat"), AG_OK);
    assert_string_equal(req.hdr_values[0], "/risks/3?ok=treat");
    req.nhdr = 0;
    assert_int_equal(web_redirect(&req, "/x\r\nSet-Cookie: a=b"), AG_EINVAL);
    assert_int_equal(req.nhdr, 0);
    arena_release(&req.arena);
}

static void test_router(void **state)
{
    (void)state;
    struct arena a;
    struct route_match m;
    arena_init(&a, 0);
    size_t n = AG_ARRAY_LEN(routes);
    assert_int_equal(router_match(routes, n, WEB_GET, "/", &a, &m), AG_OK);
    assert_ptr_equal(m.route, &routes[0]);
    /* a literal route wins over the pattern listed after it */
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/search", &a, &m), AG_OK);
    assert_ptr_equal(m.route, &routes[1]);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/3.1.2", &a, &m), AG_OK);
    assert_ptr_equal(m.route, &routes[2]);
    assert_int_equal(m.nparams, 1);
    assert_string_equal(m.names[0], "id");
    assert_string_equal(m.values[0], "3.1.2");
    assert_int_equal(router_match(routes, n, WEB_GET, "/a/1/b/22", &a, &m), AG_OK);
    assert_string_equal(m.values[0], "1");
    assert_string_equal(m.values[1], "22");
    /* unknown paths, extra or empty segments, dot segments, trailing slash */
    assert_int_equal(router_match(routes, n, WEB_GET, "/nope", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/x/y", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/..", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/.", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "//catalog/x", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "/catalog/x/", &a, &m), AG_ENOTFOUND);
    assert_int_equal(router_match(routes, n, WEB_GET, "", &a, &m), AG_ENOTFOUND);
    /* the path exists for another method: 405 with Allow */
    assert_int_equal(router_match(routes, n, WEB_GET, "/logout", &a, &m), AG_EDENIED);
    assert_string_equal(router_allow_text(m.allow), "POST");
    assert_int_equal(router_match(routes, n, WEB_POST, "/catalog/x", &a, &m), AG_EDENIED);
    assert_string_equal(router_allow_text(m.allow), "GET, HEAD");
    assert_int_equal(router_match(routes, n, 0, "/", &a, &m), AG_EDENIED);
    arena_release(&a);
}

static void test_arena(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a, 64 * 1024);
    for (int i = 0; i < 100; i++) {
        void *p = arena_alloc(&a, (size_t)i + 1);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xab, (size_t)i + 1);
    }
    char *s = arena_printf(&a, "%s-%d", "x", 42);
    assert_string_equal(s, "x-42");
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    /* a block larger than a chunk */
    assert_non_null(arena_alloc(&a, 20000));
    /* the limit holds, and the arena stays usable after a refusal */
    assert_null(arena_alloc(&a, 64 * 1024));
    assert_null(arena_alloc(&a, SIZE_MAX));
    assert_non_null(arena_alloc(&a, 16));
    assert_true(a.used_total <= 64 * 1024);
    arena_release(&a);
    assert_int_equal(a.used_total, 0);
    assert_null(a.head);
}

static const char *render(struct html *h)
{
    return strbuf_str(&h->sb);
}

static void test_html_escaping(void **state)
{
    (void)state;
    struct html h;
    html_init(&h, 0);
    html_text(&h, "<script>alert('x')</script> & \"q\"");
    assert_string_equal(render(&h),
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    strbuf_reset(&h.sb);
    html_lit(&h, "<a");
    html_attr(&h, "title", "\" onmouseover=\"x");
    html_lit(&h, ">");
    assert_string_equal(render(&h), "<a title=\"&quot; onmouseover=&quot;x\">");
    /* URL attributes: same-origin paths only */
    strbuf_reset(&h.sb);
    html_attr(&h, "href", "javascript:alert(1)");
    html_attr(&h, "href", "//evil.example/");
    html_attr(&h, "href", "https://evil.example/");
    html_attr(&h, "href", "/\\evil.example");
    html_attr(&h, "href", "/catalog/3.1?lang=en&q=a");
    assert_string_equal(render(&h), " href=\"#\" href=\"#\" href=\"#\" href=\"#\" "
                                    "href=\"/catalog/3.1?lang=en&amp;q=a\"");
    /* a bad attribute name is a programming error: the output fails as a whole */
    strbuf_reset(&h.sb);
    html_attr(&h, "onclick x", "1");
    assert_false(strbuf_ok(&h.sb));
    html_release(&h);
    /* invalid UTF-8 and control characters become U+FFFD; valid Japanese passes */
    html_init(&h, 0);
    html_text(&h, "空港\xff\xc0\xafok\x01\xed\xa0\x80");
    assert_string_equal(render(&h), "空港\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdok\xef\xbf\xbd"
                                    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    strbuf_reset(&h.sb);
    html_textf(&h, "%d<%s", 3, "b");
    assert_string_equal(render(&h), "3&lt;b");
    html_release(&h);
    struct strbuf sb;
    strbuf_init(&sb, 0);
    html_url_component(&sb, "a b/ç?&");
    assert_string_equal(strbuf_str(&sb), "a%20b%2F%C3%A7%3F%26");
    strbuf_release(&sb);
}

static int parse(struct arena *a, const char *s, struct web_form *f)
{
    struct ag_error err;
    return web_form_parse(a, s, strlen(s), f, &err);
}

static void test_form(void **state)
{
    (void)state;
    struct arena a;
    struct web_form f;
    arena_init(&a, 0);
    assert_int_equal(parse(&a, "login=sato&password=a+b%26c%3D&empty=&flag&&x=%E7%A9%BA", &f),
                     AG_OK);
    assert_int_equal(f.count, 5);
    assert_string_equal(web_form_get(&f, "login"), "sato");
    assert_string_equal(web_form_get(&f, "password"), "a b&c=");
    assert_string_equal(web_form_get(&f, "empty"), "");
    assert_string_equal(web_form_get(&f, "flag"), "");
    assert_string_equal(web_form_get(&f, "x"), "空");
    assert_null(web_form_get(&f, "missing"));
    assert_int_equal(parse(&a, "", &f), AG_OK);
    assert_int_equal(f.count, 0);
    /* refused as a whole */
    assert_int_equal(parse(&a, "a=%", &f), AG_EINVAL);
    assert_int_equal(parse(&a, "a=%4", &f), AG_EINVAL);
    assert_int_equal(parse(&a, "a=%zz", &f), AG_EINVAL);
    assert_int_equal(parse(&a, "a=%00", &f), AG_EINVAL);          /* NUL */
    assert_int_equal(parse(&a, "a=%1B", &f), AG_EINVAL);          /* ESC */
    assert_int_equal(parse(&a, "a=%FF", &f), AG_EINVAL);          /* not UTF-8 */
    assert_int_equal(parse(&a, "a=%C0%AF", &f), AG_EINVAL);       /* overlong */
    assert_int_equal(parse(&a, "a=%ED%A0%80", &f), AG_EINVAL);    /* surrogate */
    assert_int_equal(parse(&a, "a=%F4%90%80%80", &f), AG_EINVAL); /* > U+10FFFF */
    assert_int_equal(parse(&a, "a=%E7%A9", &f), AG_EINVAL);       /* truncated */
    assert_int_equal(parse(&a, "%FF=1", &f), AG_EINVAL);          /* in a name too */
    assert_int_equal(parse(&a, "a=line1%0D%0Aline2%09", &f), AG_OK);
    struct strbuf many;
    strbuf_init(&many, 0);
    for (int i = 0; i <= WEB_FORM_MAX_FIELDS; i++)
        strbuf_addf(&many, "f%d=1&", i);
    assert_int_equal(parse(&a, strbuf_str(&many), &f), AG_EINVAL);
    strbuf_release(&many);
    /* a body with an embedded NUL byte (not %00) */
    struct ag_error err;
    assert_int_equal(web_form_parse(&a, "a=b\0c", 5, &f, &err), AG_EINVAL);
    assert_true(web_text_valid("空港 ok\n", strlen("空港 ok\n")));
    assert_false(web_text_valid("\x7f", 1));
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modules),       cmocka_unit_test(test_headers),
        cmocka_unit_test(test_router),        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_html_escaping), cmocka_unit_test(test_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
