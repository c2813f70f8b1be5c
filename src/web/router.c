/*
 * router.c — matches (method, path) against the route table. Patterns are literal segments and
 * {name} segments; a {name} matches one non-empty segment. The table is small and static, so
 * matching is a linear scan over it without allocation except for the captured values.
 * Paths with empty segments ("//"), "." or ".." segments never match (no path tricks reach a
 * handler).
 */
#include "web/web_int.h"

/* Next segment of s starting at *pos (just after a '/'): [start, end). */
static bool next_segment(const char *s, size_t *pos, size_t *start, size_t *end)
{
    if (s[*pos] == '\0')
        return false;
    *start = *pos;
    while (s[*pos] && s[*pos] != '/')
        (*pos)++;
    *end = *pos;
    if (s[*pos] == '/')
        (*pos)++;
    return true;
}

static bool match_one(const char *pattern, const char *path, struct arena *a, struct route_match *m)
{
    size_t pp = 1, sp = 1;
    m->nparams = 0;
    if (pattern[0] != '/' || path[0] != '/')
        return false;
    if (strcmp(pattern, "/") == 0)
        return strcmp(path, "/") == 0;
    for (;;) {
        size_t ps = 0, pe = 0, ss = 0, se = 0;
        bool more_p = next_segment(pattern, &pp, &ps, &pe);
        bool more_s = next_segment(path, &sp, &ss, &se);
        if (!more_p || !more_s)
            return !more_p && !more_s && path[strlen(path) - 1] != '/';
        size_t slen = se - ss;
        if (slen == 0 || (slen == 1 && path[ss] == '.') ||
            (slen == 2 && path[ss] == '.' && path[ss + 1] == '.'))
            return false;
        if (pattern[ps] == '{') {
            if (m->nparams >= WEB_MAX_PARAMS)
                return false;
            char *name = arena_strndup(a, pattern + ps + 1, pe - ps - 2);
            char *value = arena_strndup(a, path + ss, slen);
            if (!name || !value)
                return false;
            m->names[m->nparams] = name;
            m->values[m->nparams] = value;
            m->nparams++;
        } else if (pe - ps != slen || memcmp(pattern + ps, path + ss, slen) != 0) {
            return false;
        }
    }
}

int router_match(const struct route *routes, size_t n, enum web_method method, const char *path,
                 struct arena *a, struct route_match *m)
{
    memset(m, 0, sizeof(*m));
    for (size_t i = 0; i < n; i++) {
        struct route_match tmp;
        memset(&tmp, 0, sizeof(tmp));
        if (!match_one(routes[i].pattern, path, a, &tmp))
            continue;
        if (routes[i].method == method) {
            *m = tmp;
            m->route = &routes[i];
            return AG_OK;
        }
        m->allow |= routes[i].method;
    }
    return m->allow ? AG_EDENIED : AG_ENOTFOUND;
}

const char *router_allow_text(unsigned allow)
{
    if ((allow & WEB_GET) && (allow & WEB_POST))
        return "GET, HEAD, POST";
    if (allow & WEB_GET)
        return "GET, HEAD";
    if (allow & WEB_POST)
        return "POST";
    return "";
}
