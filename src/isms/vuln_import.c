/*
 * vuln_import.c — reading advisory files into struct vuln_doc (vuln.h): CSAF 2.0 advisories
 * (OASIS csaf-v2.0: document, product_tree, vulnerabilities), CVE JSON 5 records (CVE Record
 * Format 5.x: cveMetadata, containers.cna) and NVD API 2.0 responses ("vulnerabilities":
 * [{"cve": …}]). The format is recognised by content. Files come from outside: jansson reads them
 * (duplicate keys refused, valid UTF-8 only), every field is checked for its type before use,
 * and every problem is reported as "FILE: $.json.path: what is wrong". Caps: VULN_FILE_MAX bytes,
 * VULN_MAX_ENTRIES vulnerabilities, VULN_MAX_PRODUCTS products each, branches 16 deep.
 * Any thread; no store.
 */
#include "isms/vuln.h"

#include <ctype.h>
#include <jansson.h>

#define VULN_MAX_ENTRIES 5000
#define VULN_MAX_PRODUCTS 20000
#define VULN_MAX_DEPTH 16
#define VULN_TEXT_MAX 16000
#define PATH_MAX_LEN 256

struct px {
    const char *file;
    struct ag_error *err;
    struct vuln_doc *doc;
};

static int perr(struct px *x, const char *path, const char *fmt, ...) AG_PRINTF(3, 4);
static int perr(struct px *x, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return ag_error_set(x->err, AG_EINVAL, "%s: %s: %s", x->file, path, msg);
}

/* A copy of s cut to at most max bytes on a UTF-8 boundary (NULL when out of memory). */
static char *dup_text(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max) {
        n = max;
        while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* ---- typed access with paths ---- */

/* The member `key` of obj: NULL when absent and optional; an error when required or of
 * another type (type: a json_type, or -1 for any). */
static int member(struct px *x, json_t *obj, const char *path, const char *key, int type,
                  bool required, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) {
        if (required)
            return perr(x, path, "\"%s\" is missing", key);
        return AG_OK;
    }
    if (type >= 0 && (int)json_typeof(v) != type && !(type == JSON_REAL && json_is_integer(v))) {
        static const char *const names[] = {"an object",     "an array", "a string",
                                            "a number",      "a number", "true or false",
                                            "true or false", "null"};
        return perr(x, path, "\"%s\" must be %s", key, names[type]);
    }
    *out = v;
    return AG_OK;
}

static int mstr(struct px *x, json_t *obj, const char *path, const char *key, bool required,
                const char **out)
{
    json_t *v;
    int rc = member(x, obj, path, key, JSON_STRING, required, &v);
    *out = v ? json_string_value(v) : NULL;
    if (!rc && required && !**out)
        return perr(x, path, "\"%s\" is empty", key);
    return rc;
}

/* A JSON path into out (PATH_MAX_LEN bytes; a longer one is cut, which only shortens a
 * message). */
static void pathf(char *out, const char *fmt, ...) AG_PRINTF(2, 3);
static void pathf(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, PATH_MAX_LEN, fmt, ap);
    va_end(ap);
}

static void subpath(char *out, const char *path, const char *key)
{
    pathf(out, "%s.%s", path, key);
}

static void itempath(char *out, const char *path, const char *key, size_t i)
{
    pathf(out, "%s.%s[%zu]", path, key, i);
}

/* ---- building the document ---- */

static int entry_new(struct px *x, struct vuln_entry **out)
{
    struct vuln_doc *d = x->doc;
    if (d->count == VULN_MAX_ENTRIES)
        return ag_error_set(x->err, AG_EINVAL, "%s: more than %d vulnerabilities in one file",
                            x->file, VULN_MAX_ENTRIES);
    struct vuln_entry *e = realloc(d->entries, (d->count + 1) * sizeof(*e));
    if (!e)
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    d->entries = e;
    e = &d->entries[d->count++];
    memset(e, 0, sizeof(*e));
    e->score = -1;
    e->severity = "unknown";
    *out = e;
    return AG_OK;
}

static int product_add(struct px *x, struct vuln_entry *e, const char *vendor, const char *product,
                       const char *status, const struct vuln_range *r, const char *fixed)
{
    if (e->nproducts == VULN_MAX_PRODUCTS)
        return ag_error_set(x->err, AG_EINVAL, "%s: %s: more than %d products", x->file,
                            e->ident ? e->ident : "?", VULN_MAX_PRODUCTS);
    struct vuln_product *p = realloc(e->products, (e->nproducts + 1) * sizeof(*p));
    if (!p)
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    e->products = p;
    p = &e->products[e->nproducts];
    memset(p, 0, sizeof(*p));
    p->vendor = dup_text(vendor ? vendor : "", 200);
    p->product = dup_text(product ? product : "", 200);
    if (!p->vendor || !p->product) {
        free(p->vendor);
        free(p->product);
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    }
    e->nproducts++;
    p->status = status;
    p->range = *r;
    snprintf(p->fixed, sizeof(p->fixed), "%s", fixed ? fixed : "");
    return AG_OK;
}

static int set_text(struct px *x, char **dst, const char *s, size_t max)
{
    free(*dst);
    *dst = dup_text(s ? s : "", max);
    return *dst ? AG_OK : ag_error_set(x->err, AG_ENOMEM, "out of memory");
}

/* Appends a line to a text field (references, remediations), skipping a line already there. */
static int add_line(struct px *x, char **dst, const char *line)
{
    if (!line || !*line)
        return AG_OK;
    size_t old = *dst ? strlen(*dst) : 0, n = strlen(line);
    if (*dst) {
        for (const char *p = *dst; (p = strstr(p, line)) != NULL; p++)
            if ((p == *dst || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
                return AG_OK;
    }
    if (old + n + 2 > VULN_TEXT_MAX)
        return AG_OK; /* enough is kept; the file is referenced */
    char *d = realloc(*dst, old + n + 2);
    if (!d)
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    if (old)
        d[old++] = '\n';
    memcpy(d + old, line, n + 1);
    *dst = d;
    return AG_OK;
}

static const char *severity_of(double score)
{
    if (score < 0)
        return "unknown";
    if (score == 0)
        return "none";
    return score < 4 ? "low" : score < 7 ? "medium" : score < 9 ? "high" : "critical";
}

/* A CVSS object {baseScore, vectorString, baseSeverity?}: keeps the higher score. */
static int cvss(struct px *x, struct vuln_entry *e, json_t *obj, const char *path)
{
    json_t *bs;
    const char *vec, *sev;
    int rc;
    if (!json_is_object(obj))
        return perr(x, path, "must be an object");
    if ((rc = member(x, obj, path, "baseScore", JSON_REAL, true, &bs)) ||
        (rc = mstr(x, obj, path, "vectorString", false, &vec)) ||
        (rc = mstr(x, obj, path, "baseSeverity", false, &sev)))
        return rc;
    double s = json_number_value(bs);
    if (!(s >= 0 && s <= 10))
        return perr(x, path, "baseScore %g is not from 0 to 10", s);
    if (s <= e->score)
        return AG_OK;
    e->score = s;
    e->severity = severity_of(s);
    return set_text(x, &e->vector, vec ? vec : "", 200);
}

static int finish_entry(struct px *x, struct vuln_entry *e)
{
    /* an affected range without its fixed version: a fixed product of the same name */
    for (size_t i = 0; i < e->nproducts; i++) {
        struct vuln_product *p = &e->products[i];
        if (strcmp(p->status, "affected") || p->fixed[0])
            continue;
        if (p->range.max[0] && !p->range.max_incl) {
            snprintf(p->fixed, sizeof(p->fixed), "%s", p->range.max);
            continue;
        }
        for (size_t j = 0; j < e->nproducts; j++) {
            const struct vuln_product *q = &e->products[j];
            if (!strcmp(q->status, "unaffected") && q->range.exact[0] &&
                !strcmp(q->vendor, p->vendor) && !strcmp(q->product, p->product)) {
                snprintf(p->fixed, sizeof(p->fixed), "%s", q->range.exact);
                break;
            }
        }
    }
    for (size_t i = 0; i < e->nproducts; i++) {
        int rc;
        if (e->products[i].fixed[0] && (rc = add_line(x, &e->fixed_version, e->products[i].fixed)))
            return rc;
    }
    if (e->fixed_version)
        for (char *p = e->fixed_version; *p; p++)
            if (*p == '\n')
                *p = ',';
    static const char empty[] = "";
    char **fields[] = {&e->description, &e->vector, &e->fixed_version,
                       &e->remediation, &e->refs,   &e->advisory};
    for (size_t i = 0; i < AG_ARRAY_LEN(fields); i++)
        if (!*fields[i]) {
            int rc = set_text(x, fields[i], empty, 0);
            if (rc)
                return rc;
        }
    if (!e->title || !*e->title) {
        int rc = set_text(x, &e->title, e->description[0] ? e->description : e->ident, 200);
        if (rc)
            return rc;
    }
    return AG_OK;
}

static bool ident_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 100)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || strchr("-_.:#/", s[i])))
            return false;
    return true;
}

/* ================= CSAF 2.0 ================= */

struct csaf_prod {
    const char *vendor, *product; /* borrowed from the JSON */
    struct vuln_range range;
};

struct csaf {
    struct strmap *ids; /* product_id → struct csaf_prod * */
    struct csaf_prod **all;
    size_t n;
};

static int csaf_register(struct px *x, struct csaf *c, const char *path, const char *id,
                         const struct csaf_prod *p)
{
    if (strmap_get(c->ids, id))
        return perr(x, path, "product id \"%s\" is defined twice", id);
    if (c->n == VULN_MAX_PRODUCTS)
        return perr(x, path, "more than %d products", VULN_MAX_PRODUCTS);
    struct csaf_prod **all = realloc(c->all, (c->n + 1) * sizeof(*all));
    if (!all)
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    c->all = all;
    struct csaf_prod *q = malloc(sizeof(*q));
    if (!q)
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    *q = *p;
    c->all[c->n++] = q;
    if (strmap_put(c->ids, id, q))
        return ag_error_set(x->err, AG_ENOMEM, "out of memory");
    return AG_OK;
}

struct branch_ctx {
    const char *vendor, *family, *product, *version, *range;
};

static int csaf_branches(struct px *x, struct csaf *c, json_t *arr, const char *path,
                         struct branch_ctx ctx, int depth)
{
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    int rc;
    if (depth > VULN_MAX_DEPTH)
        return perr(x, path, "branches nested deeper than %d", VULN_MAX_DEPTH);
    if (!json_is_array(arr))
        return perr(x, path, "must be an array");
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *b = json_array_get(arr, i), *sub, *prod;
        const char *cat, *name;
        pathf(p, "%s[%zu]", path, i);
        if (!json_is_object(b))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, b, p, "category", true, &cat)) ||
            (rc = mstr(x, b, p, "name", true, &name)) ||
            (rc = member(x, b, p, "branches", JSON_ARRAY, false, &sub)) ||
            (rc = member(x, b, p, "product", JSON_OBJECT, false, &prod)))
            return rc;
        struct branch_ctx k = ctx;
        if (!strcmp(cat, "vendor"))
            k.vendor = name;
        else if (!strcmp(cat, "product_family"))
            k.family = name;
        else if (!strcmp(cat, "product_name"))
            k.product = name;
        else if (!strcmp(cat, "product_version"))
            k.version = name, k.range = NULL;
        else if (!strcmp(cat, "product_version_range"))
            k.range = name, k.version = NULL;
        if (!sub && !prod)
            return perr(x, p, "a branch needs \"branches\" or \"product\"");
        if (sub) {
            subpath(q, p, "branches");
            if ((rc = csaf_branches(x, c, sub, q, k, depth + 1)))
                return rc;
        }
        if (prod) {
            const char *id, *pname;
            subpath(q, p, "product");
            if ((rc = mstr(x, prod, q, "product_id", true, &id)) ||
                (rc = mstr(x, prod, q, "name", true, &pname)))
                return rc;
            struct csaf_prod cp = {k.vendor ? k.vendor : "",
                                   k.product  ? k.product
                                   : k.family ? k.family
                                              : pname,
                                   {{0}, {0}, {0}, true, false}};
            if (k.version) {
                if (strlen(k.version) >= VULN_VERSION_MAX)
                    return perr(x, p, "the version is longer than %d bytes", VULN_VERSION_MAX - 1);
                snprintf(cp.range.exact, sizeof(cp.range.exact), "%s", k.version);
            } else if (k.range) {
                struct ag_error e2;
                if (vuln_range_parse("range", k.range, &cp.range, &e2))
                    return perr(x, p, "product_version_range: %s", e2.msg);
            }
            if ((rc = csaf_register(x, c, q, id, &cp)))
                return rc;
        }
    }
    return AG_OK;
}

static int csaf_tree(struct px *x, struct csaf *c, json_t *tree)
{
    json_t *br, *fpn, *rel;
    char p[PATH_MAX_LEN];
    int rc;
    if ((rc = member(x, tree, "$.product_tree", "branches", JSON_ARRAY, false, &br)) ||
        (rc = member(x, tree, "$.product_tree", "full_product_names", JSON_ARRAY, false, &fpn)) ||
        (rc = member(x, tree, "$.product_tree", "relationships", JSON_ARRAY, false, &rel)))
        return rc;
    struct branch_ctx none = {0};
    if (br && (rc = csaf_branches(x, c, br, "$.product_tree.branches", none, 0)))
        return rc;
    for (size_t i = 0; fpn && i < json_array_size(fpn); i++) {
        json_t *o = json_array_get(fpn, i);
        const char *id, *name;
        itempath(p, "$.product_tree", "full_product_names", i);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "product_id", true, &id)) ||
            (rc = mstr(x, o, p, "name", true, &name)))
            return rc;
        /* a name without a vendor matches nothing; kept so the status lists resolve */
        struct csaf_prod cp = {"", name, {{0}, {0}, {0}, true, false}};
        if ((rc = csaf_register(x, c, p, id, &cp)))
            return rc;
    }
    for (size_t i = 0; rel && i < json_array_size(rel); i++) {
        json_t *o = json_array_get(rel, i), *f;
        const char *ref, *id;
        char q[PATH_MAX_LEN];
        itempath(p, "$.product_tree", "relationships", i);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "product_reference", true, &ref)) ||
            (rc = member(x, o, p, "full_product_name", JSON_OBJECT, true, &f)))
            return rc;
        subpath(q, p, "full_product_name");
        if ((rc = mstr(x, f, q, "product_id", true, &id)))
            return rc;
        const struct csaf_prod *target = strmap_get(c->ids, ref);
        if (!target)
            return perr(x, p, "product_reference \"%s\" is not in the product tree", ref);
        struct csaf_prod cp = *target; /* the component installed on a platform */
        if ((rc = csaf_register(x, c, q, id, &cp)))
            return rc;
    }
    return AG_OK;
}

static int csaf_vuln(struct px *x, struct csaf *c, json_t *v, size_t i, const char *tracking,
                     const char *doc_title, json_t *doc_refs)
{
    char path[PATH_MAX_LEN], p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    json_t *ids, *notes, *scores, *ps, *rem, *refs;
    const char *cve, *title;
    struct vuln_entry *e;
    int rc;
    pathf(path, "$.vulnerabilities[%zu]", i);
    if (!json_is_object(v))
        return perr(x, path, "must be an object");
    if ((rc = mstr(x, v, path, "cve", false, &cve)) ||
        (rc = mstr(x, v, path, "title", false, &title)) ||
        (rc = member(x, v, path, "ids", JSON_ARRAY, false, &ids)) ||
        (rc = member(x, v, path, "notes", JSON_ARRAY, false, &notes)) ||
        (rc = member(x, v, path, "scores", JSON_ARRAY, false, &scores)) ||
        (rc = member(x, v, path, "product_status", JSON_OBJECT, true, &ps)) ||
        (rc = member(x, v, path, "remediations", JSON_ARRAY, false, &rem)) ||
        (rc = member(x, v, path, "references", JSON_ARRAY, false, &refs)))
        return rc;
    if ((rc = entry_new(x, &e)))
        return rc;
    char ident[128];
    const char *other = NULL;
    for (size_t k = 0; ids && k < json_array_size(ids); k++) {
        json_t *o = json_array_get(ids, k);
        itempath(p, path, "ids", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "text", true, &other)))
            return rc;
        break;
    }
    if (cve)
        snprintf(ident, sizeof(ident), "%s", cve);
    else if (other)
        snprintf(ident, sizeof(ident), "%s", other);
    else
        snprintf(ident, sizeof(ident), "%s#%zu", tracking, i + 1);
    if (!ident_ok(ident))
        return perr(x, path, "\"%s\" is not a usable vulnerability id", ident);
    if ((rc = set_text(x, &e->ident, ident, 100)) ||
        (rc = set_text(x, &e->title, title ? title : doc_title, 500)) ||
        (rc = set_text(x, &e->advisory, tracking, 100)))
        return rc;
    for (size_t k = 0; notes && k < json_array_size(notes); k++) {
        json_t *o = json_array_get(notes, k);
        const char *cat, *text;
        itempath(p, path, "notes", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "category", true, &cat)) ||
            (rc = mstr(x, o, p, "text", true, &text)))
            return rc;
        if (!e->description && (!strcmp(cat, "description") || !strcmp(cat, "summary")) &&
            (rc = set_text(x, &e->description, text, VULN_TEXT_MAX)))
            return rc;
    }
    for (size_t k = 0; scores && k < json_array_size(scores); k++) {
        json_t *o = json_array_get(scores, k), *v3, *v2;
        itempath(p, path, "scores", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = member(x, o, p, "cvss_v3", JSON_OBJECT, false, &v3)) ||
            (rc = member(x, o, p, "cvss_v2", JSON_OBJECT, false, &v2)))
            return rc;
        subpath(q, p, v3 ? "cvss_v3" : "cvss_v2");
        if ((v3 || v2) && (rc = cvss(x, e, v3 ? v3 : v2, q)))
            return rc;
    }
    static const struct {
        const char *key, *status;
    } lists[] = {{"known_affected", "affected"},     {"first_affected", "affected"},
                 {"last_affected", "affected"},      {"fixed", "unaffected"},
                 {"first_fixed", "unaffected"},      {"known_not_affected", "unaffected"},
                 {"under_investigation", "unknown"}, {"recommended", "unaffected"}};
    bool any = false;
    for (size_t l = 0; l < AG_ARRAY_LEN(lists); l++) {
        json_t *arr;
        subpath(p, path, "product_status");
        if ((rc = member(x, ps, p, lists[l].key, JSON_ARRAY, false, &arr)))
            return rc;
        for (size_t k = 0; arr && k < json_array_size(arr); k++) {
            json_t *id = json_array_get(arr, k);
            pathf(q, "%s.product_status.%s[%zu]", path, lists[l].key, k);
            if (!json_is_string(id))
                return perr(x, q, "must be a product id (a string)");
            const struct csaf_prod *cp = strmap_get(c->ids, json_string_value(id));
            if (!cp)
                return perr(x, q, "product id \"%s\" is not in the product tree",
                            json_string_value(id));
            if ((rc =
                     product_add(x, e, cp->vendor, cp->product, lists[l].status, &cp->range, NULL)))
                return rc;
            any = true;
        }
    }
    if (!any)
        return perr(x, path, "product_status lists no product");
    for (size_t k = 0; rem && k < json_array_size(rem); k++) {
        json_t *o = json_array_get(rem, k);
        const char *cat, *details, *url;
        itempath(p, path, "remediations", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "category", true, &cat)) ||
            (rc = mstr(x, o, p, "details", true, &details)) ||
            (rc = mstr(x, o, p, "url", false, &url)))
            return rc;
        char line[2048];
        snprintf(line, sizeof(line), "%s: %s%s%s%s", cat, details, url ? " (" : "", url ? url : "",
                 url ? ")" : "");
        if ((rc = add_line(x, &e->remediation, line)))
            return rc;
    }
    json_t *reflists[] = {refs, doc_refs};
    for (size_t r = 0; r < 2; r++)
        for (size_t k = 0; reflists[r] && k < json_array_size(reflists[r]); k++) {
            json_t *o = json_array_get(reflists[r], k);
            const char *url;
            if (r == 0)
                itempath(p, path, "references", k);
            else
                itempath(p, "$.document", "references", k);
            if (!json_is_object(o))
                return perr(x, p, "must be an object");
            if ((rc = mstr(x, o, p, "url", true, &url)) || (rc = add_line(x, &e->refs, url)))
                return rc;
        }
    return finish_entry(x, e);
}

static int parse_csaf(struct px *x, json_t *root)
{
    json_t *doc, *tracking, *tree, *vulns, *refs;
    const char *ver, *id, *title;
    struct csaf c = {0};
    int rc;
    if ((rc = member(x, root, "$", "document", JSON_OBJECT, true, &doc)) ||
        (rc = mstr(x, doc, "$.document", "csaf_version", true, &ver)) ||
        (rc = mstr(x, doc, "$.document", "title", true, &title)) ||
        (rc = member(x, doc, "$.document", "tracking", JSON_OBJECT, true, &tracking)) ||
        (rc = member(x, doc, "$.document", "references", JSON_ARRAY, false, &refs)) ||
        (rc = mstr(x, tracking, "$.document.tracking", "id", true, &id)) ||
        (rc = member(x, root, "$", "product_tree", JSON_OBJECT, true, &tree)) ||
        (rc = member(x, root, "$", "vulnerabilities", JSON_ARRAY, true, &vulns)))
        return rc;
    if (strcmp(ver, "2.0") != 0)
        return perr(x, "$.document.csaf_version", "\"%s\": only CSAF 2.0 is read", ver);
    if (!json_array_size(vulns))
        return perr(x, "$.vulnerabilities", "the advisory lists no vulnerability");
    x->doc->format = "csaf";
    if ((rc = strmap_new(&c.ids, 64)))
        return ag_error_set(x->err, rc, "out of memory");
    if ((rc = csaf_tree(x, &c, tree)) == AG_OK)
        for (size_t i = 0; i < json_array_size(vulns) && !rc; i++)
            rc = csaf_vuln(x, &c, json_array_get(vulns, i), i, id, title, refs);
    for (size_t i = 0; i < c.n; i++)
        free(c.all[i]);
    free(c.all);
    strmap_free(c.ids);
    return rc;
}

/* ================= CVE JSON 5 ================= */

static const char *cve5_status(const char *s)
{
    return !strcmp(s, "affected")     ? "affected"
           : !strcmp(s, "unaffected") ? "unaffected"
           : !strcmp(s, "unknown")    ? "unknown"
                                      : NULL;
}

/* the lower bound "0", "*" or "" means "from the first version" */
static bool no_lower(const char *v)
{
    return !*v || !strcmp(v, "0") || !strcmp(v, "*") || !strcmp(v, "-");
}

static int cve5_version(struct px *x, struct vuln_entry *e, const char *vendor, const char *product,
                        json_t *o, const char *p)
{
    const char *version, *status, *lt, *le, *type;
    int rc;
    if (!json_is_object(o))
        return perr(x, p, "must be an object");
    if ((rc = mstr(x, o, p, "version", true, &version)) ||
        (rc = mstr(x, o, p, "status", true, &status)) ||
        (rc = mstr(x, o, p, "lessThan", false, &lt)) ||
        (rc = mstr(x, o, p, "lessThanOrEqual", false, &le)) ||
        (rc = mstr(x, o, p, "versionType", false, &type)))
        return rc;
    const char *st = cve5_status(status);
    if (!st)
        return perr(x, p, "status \"%s\" is not affected, unaffected or unknown", status);
    if (lt && le)
        return perr(x, p, "both lessThan and lessThanOrEqual");
    struct vuln_range r = {{0}, {0}, {0}, true, false};
    const char *bounds[] = {version, lt ? lt : le ? le : ""};
    for (size_t k = 0; k < 2; k++)
        if (strlen(bounds[k]) >= VULN_VERSION_MAX)
            return perr(x, p, "a version is longer than %d bytes", VULN_VERSION_MAX - 1);
    if (lt || le) {
        if (!no_lower(version))
            snprintf(r.min, sizeof(r.min), "%s", version);
        const char *hi = lt ? lt : le;
        if (strcmp(hi, "*") != 0)
            snprintf(r.max, sizeof(r.max), "%s", hi);
        r.max_incl = le != NULL;
    } else if (strcmp(version, "*") != 0) {
        snprintf(r.exact, sizeof(r.exact), "%s", version);
    }
    return product_add(x, e, vendor, product, st, &r,
                       !strcmp(st, "affected") && lt && strcmp(lt, "*") ? lt : NULL);
}

static int cve5_metrics(struct px *x, struct vuln_entry *e, json_t *metrics, const char *path)
{
    static const char *const keys[] = {"cvssV3_1", "cvssV3_0", "cvssV4_0", "cvssV2_0"};
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    int rc;
    for (size_t pref = 0; pref < AG_ARRAY_LEN(keys) && e->score < 0; pref++)
        for (size_t k = 0; k < json_array_size(metrics); k++) {
            json_t *m = json_array_get(metrics, k), *c;
            itempath(p, path, "metrics", k);
            if (!json_is_object(m))
                return perr(x, p, "must be an object");
            if ((rc = member(x, m, p, keys[pref], JSON_OBJECT, false, &c)))
                return rc;
            subpath(q, p, keys[pref]);
            if (c && (rc = cvss(x, e, c, q)))
                return rc;
        }
    return AG_OK;
}

static int parse_cve5(struct px *x, json_t *root)
{
    json_t *meta, *containers, *cna, *descs, *affected, *metrics, *refs, *adp, *sol, *wa;
    const char *ver, *id, *state, *title;
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    struct vuln_entry *e;
    int rc;
    const char *cp = "$.containers.cna";
    if ((rc = mstr(x, root, "$", "dataVersion", false, &ver)) ||
        (rc = member(x, root, "$", "cveMetadata", JSON_OBJECT, true, &meta)) ||
        (rc = mstr(x, meta, "$.cveMetadata", "cveId", true, &id)) ||
        (rc = mstr(x, meta, "$.cveMetadata", "state", true, &state)) ||
        (rc = member(x, root, "$", "containers", JSON_OBJECT, true, &containers)) ||
        (rc = member(x, containers, "$.containers", "cna", JSON_OBJECT, true, &cna)) ||
        (rc = member(x, containers, "$.containers", "adp", JSON_ARRAY, false, &adp)))
        return rc;
    if (ver && strncmp(ver, "5.", 2) != 0)
        return perr(x, "$.dataVersion", "\"%s\": only CVE JSON 5.x records are read", ver);
    if (strncmp(id, "CVE-", 4) != 0 || !ident_ok(id))
        return perr(x, "$.cveMetadata.cveId", "\"%s\" is not a CVE id", id);
    if (strcmp(state, "PUBLISHED") != 0)
        return perr(x, "$.cveMetadata.state",
                    "\"%s\": only published records are imported (a rejected record has no "
                    "products)",
                    state);
    if ((rc = mstr(x, cna, cp, "title", false, &title)) ||
        (rc = member(x, cna, cp, "descriptions", JSON_ARRAY, false, &descs)) ||
        (rc = member(x, cna, cp, "affected", JSON_ARRAY, true, &affected)) ||
        (rc = member(x, cna, cp, "metrics", JSON_ARRAY, false, &metrics)) ||
        (rc = member(x, cna, cp, "references", JSON_ARRAY, false, &refs)) ||
        (rc = member(x, cna, cp, "solutions", JSON_ARRAY, false, &sol)) ||
        (rc = member(x, cna, cp, "workarounds", JSON_ARRAY, false, &wa)))
        return rc;
    if (!json_array_size(affected))
        return perr(x, "$.containers.cna.affected", "lists no product");
    x->doc->format = "cve5";
    if ((rc = entry_new(x, &e)) || (rc = set_text(x, &e->ident, id, 100)) ||
        (rc = set_text(x, &e->advisory, id, 100)))
        return rc;
    if (title && (rc = set_text(x, &e->title, title, 500)))
        return rc;
    for (size_t k = 0; descs && k < json_array_size(descs); k++) {
        json_t *o = json_array_get(descs, k);
        const char *lang, *value;
        itempath(p, cp, "descriptions", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "lang", true, &lang)) ||
            (rc = mstr(x, o, p, "value", true, &value)))
            return rc;
        if ((!e->description || !strncmp(lang, "en", 2)) &&
            (rc = set_text(x, &e->description, value, VULN_TEXT_MAX)))
            return rc;
    }
    for (size_t k = 0; k < json_array_size(affected); k++) {
        json_t *a = json_array_get(affected, k), *versions;
        const char *vendor, *product, *def;
        itempath(p, cp, "affected", k);
        if (!json_is_object(a))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, a, p, "vendor", true, &vendor)) ||
            (rc = mstr(x, a, p, "product", true, &product)) ||
            (rc = mstr(x, a, p, "defaultStatus", false, &def)) ||
            (rc = member(x, a, p, "versions", JSON_ARRAY, false, &versions)))
            return rc;
        const char *dst = def ? cve5_status(def) : NULL;
        if (def && !dst)
            return perr(x, p, "defaultStatus \"%s\" is not affected, unaffected or unknown", def);
        for (size_t j = 0; versions && j < json_array_size(versions); j++) {
            itempath(q, p, "versions", j);
            if ((rc = cve5_version(x, e, vendor, product, json_array_get(versions, j), q)))
                return rc;
        }
        /* versions not listed have the default status (unknown when neither is given) */
        if (!dst && !json_array_size(versions))
            dst = "unknown";
        struct vuln_range all = {{0}, {0}, {0}, true, false};
        if (dst && strcmp(dst, "unaffected") != 0 &&
            (rc = product_add(x, e, vendor, product, dst, &all, NULL)))
            return rc;
    }
    if (metrics && (rc = cve5_metrics(x, e, metrics, cp)))
        return rc;
    for (size_t k = 0; adp && e->score < 0 && k < json_array_size(adp); k++) {
        json_t *a = json_array_get(adp, k), *m;
        itempath(p, "$.containers", "adp", k);
        if (!json_is_object(a))
            return perr(x, p, "must be an object");
        if ((rc = member(x, a, p, "metrics", JSON_ARRAY, false, &m)) ||
            (m && (rc = cve5_metrics(x, e, m, p))))
            return rc;
    }
    for (size_t k = 0; refs && k < json_array_size(refs); k++) {
        json_t *o = json_array_get(refs, k);
        const char *url;
        itempath(p, cp, "references", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "url", true, &url)) || (rc = add_line(x, &e->refs, url)))
            return rc;
    }
    json_t *texts[] = {sol, wa};
    static const char *const names[] = {"solutions", "workarounds"};
    static const char *const prefix[] = {"solution", "workaround"};
    for (size_t t = 0; t < 2; t++)
        for (size_t k = 0; texts[t] && k < json_array_size(texts[t]); k++) {
            json_t *o = json_array_get(texts[t], k);
            const char *value;
            itempath(p, cp, names[t], k);
            if (!json_is_object(o))
                return perr(x, p, "must be an object");
            if ((rc = mstr(x, o, p, "value", true, &value)))
                return rc;
            char line[2048];
            snprintf(line, sizeof(line), "%s: %s", prefix[t], value);
            if ((rc = add_line(x, &e->remediation, line)))
                return rc;
        }
    return finish_entry(x, e);
}

/* ================= NVD API 2.0 ================= */

/* Field n (0-based) of a CPE 2.3 name, with "_" as a space; "" when absent. */
static void cpe_field(const char *cpe, int n, char *out, size_t cap)
{
    const char *p = cpe;
    for (int i = 0; i < n && p; i++) {
        p = strchr(p, ':');
        if (p)
            p++;
    }
    size_t k = 0;
    for (; p && *p && *p != ':' && k + 1 < cap; p++)
        out[k++] = *p == '_' ? ' ' : *p == '\\' && p[1] ? *++p : *p;
    out[k] = '\0';
}

static int nvd_cpe(struct px *x, struct vuln_entry *e, json_t *m, const char *p)
{
    json_t *vul;
    const char *crit, *si, *se, *ei, *ee;
    int rc;
    if (!json_is_object(m))
        return perr(x, p, "must be an object");
    vul = json_object_get(m, "vulnerable");
    if (!json_is_boolean(vul))
        return perr(x, p, "\"vulnerable\" must be true or false");
    if ((rc = mstr(x, m, p, "criteria", true, &crit)) ||
        (rc = mstr(x, m, p, "versionStartIncluding", false, &si)) ||
        (rc = mstr(x, m, p, "versionStartExcluding", false, &se)) ||
        (rc = mstr(x, m, p, "versionEndIncluding", false, &ei)) ||
        (rc = mstr(x, m, p, "versionEndExcluding", false, &ee)))
        return rc;
    if (!json_is_true(vul))
        return AG_OK; /* the platform of an AND configuration, not the vulnerable product */
    if (strncmp(crit, "cpe:2.3:", 8) != 0)
        return perr(x, p, "criteria \"%s\" is not a CPE 2.3 name", crit);
    char vendor[201], product[201], version[VULN_VERSION_MAX];
    cpe_field(crit, 3, vendor, sizeof(vendor));
    cpe_field(crit, 4, product, sizeof(product));
    cpe_field(crit, 5, version, sizeof(version));
    if (!vendor[0] || !product[0])
        return perr(x, p, "criteria \"%s\" names no vendor and product", crit);
    struct vuln_range r = {{0}, {0}, {0}, true, false};
    const char *lo = si ? si : se, *hi = ei ? ei : ee;
    if ((lo && strlen(lo) >= VULN_VERSION_MAX) || (hi && strlen(hi) >= VULN_VERSION_MAX))
        return perr(x, p, "a version is longer than %d bytes", VULN_VERSION_MAX - 1);
    if (lo || hi) {
        if (lo)
            snprintf(r.min, sizeof(r.min), "%s", lo);
        if (hi)
            snprintf(r.max, sizeof(r.max), "%s", hi);
        r.min_incl = si != NULL;
        r.max_incl = ei != NULL;
    } else if (strcmp(version, "*") != 0 && strcmp(version, "-") != 0) {
        snprintf(r.exact, sizeof(r.exact), "%s", version);
    }
    return product_add(x, e, vendor, product, "affected", &r, ee);
}

static int nvd_nodes(struct px *x, struct vuln_entry *e, json_t *nodes, const char *path)
{
    char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    int rc;
    for (size_t n = 0; n < json_array_size(nodes); n++) {
        json_t *node = json_array_get(nodes, n), *matches;
        itempath(p, path, "nodes", n);
        if (!json_is_object(node))
            return perr(x, p, "must be an object");
        if ((rc = member(x, node, p, "cpeMatch", JSON_ARRAY, true, &matches)))
            return rc;
        for (size_t m = 0; m < json_array_size(matches); m++) {
            itempath(q, p, "cpeMatch", m);
            if ((rc = nvd_cpe(x, e, json_array_get(matches, m), q)))
                return rc;
        }
    }
    return AG_OK;
}

static int nvd_cve(struct px *x, json_t *item, size_t i)
{
    char path[PATH_MAX_LEN], p[PATH_MAX_LEN], q[PATH_MAX_LEN];
    json_t *cve, *descs, *metrics, *confs, *refs;
    const char *id;
    struct vuln_entry *e;
    int rc;
    pathf(path, "$.vulnerabilities[%zu]", i);
    if (!json_is_object(item))
        return perr(x, path, "must be an object");
    if ((rc = member(x, item, path, "cve", JSON_OBJECT, true, &cve)))
        return rc;
    subpath(p, path, "cve");
    pathf(path, "%s", p);
    if ((rc = mstr(x, cve, path, "id", true, &id)) ||
        (rc = member(x, cve, path, "descriptions", JSON_ARRAY, false, &descs)) ||
        (rc = member(x, cve, path, "metrics", JSON_OBJECT, false, &metrics)) ||
        (rc = member(x, cve, path, "configurations", JSON_ARRAY, false, &confs)) ||
        (rc = member(x, cve, path, "references", JSON_ARRAY, false, &refs)))
        return rc;
    if (!ident_ok(id))
        return perr(x, path, "id \"%s\" is not a usable vulnerability id", id);
    if ((rc = entry_new(x, &e)) || (rc = set_text(x, &e->ident, id, 100)) ||
        (rc = set_text(x, &e->advisory, id, 100)))
        return rc;
    for (size_t k = 0; descs && k < json_array_size(descs); k++) {
        json_t *o = json_array_get(descs, k);
        const char *lang, *value;
        itempath(p, path, "descriptions", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "lang", true, &lang)) ||
            (rc = mstr(x, o, p, "value", true, &value)))
            return rc;
        if ((!e->description || !strcmp(lang, "en")) &&
            (rc = set_text(x, &e->description, value, VULN_TEXT_MAX)))
            return rc;
    }
    static const char *const keys[] = {"cvssMetricV31", "cvssMetricV30", "cvssMetricV40",
                                       "cvssMetricV2"};
    for (size_t k = 0; metrics && k < AG_ARRAY_LEN(keys) && e->score < 0; k++) {
        json_t *arr;
        subpath(p, path, "metrics");
        if ((rc = member(x, metrics, p, keys[k], JSON_ARRAY, false, &arr)))
            return rc;
        for (size_t j = 0; arr && j < json_array_size(arr); j++) {
            json_t *m = json_array_get(arr, j), *data;
            pathf(q, "%s.metrics.%s[%zu]", path, keys[k], j);
            if (!json_is_object(m))
                return perr(x, q, "must be an object");
            if ((rc = member(x, m, q, "cvssData", JSON_OBJECT, true, &data)))
                return rc;
            subpath(p, q, "cvssData");
            if ((rc = cvss(x, e, data, p)))
                return rc;
        }
    }
    for (size_t k = 0; confs && k < json_array_size(confs); k++) {
        json_t *c = json_array_get(confs, k), *nodes;
        itempath(p, path, "configurations", k);
        if (!json_is_object(c))
            return perr(x, p, "must be an object");
        if ((rc = member(x, c, p, "nodes", JSON_ARRAY, true, &nodes)) ||
            (rc = nvd_nodes(x, e, nodes, p)))
            return rc;
    }
    for (size_t k = 0; refs && k < json_array_size(refs); k++) {
        json_t *o = json_array_get(refs, k);
        const char *url;
        itempath(p, path, "references", k);
        if (!json_is_object(o))
            return perr(x, p, "must be an object");
        if ((rc = mstr(x, o, p, "url", true, &url)) || (rc = add_line(x, &e->refs, url)))
            return rc;
    }
    return finish_entry(x, e);
}

static int parse_nvd(struct px *x, json_t *root)
{
    json_t *vulns;
    int rc;
    if ((rc = member(x, root, "$", "vulnerabilities", JSON_ARRAY, true, &vulns)))
        return rc;
    if (!json_array_size(vulns))
        return perr(x, "$.vulnerabilities", "the feed lists no vulnerability");
    x->doc->format = "nvd";
    for (size_t i = 0; i < json_array_size(vulns); i++)
        if ((rc = nvd_cve(x, json_array_get(vulns, i), i)))
            return rc;
    return AG_OK;
}

/* ================= entry point ================= */

int vuln_doc_parse(const char *name, const char *data, size_t len, struct vuln_doc *out,
                   struct ag_error *err)
{
    struct px x = {name, err, out};
    memset(out, 0, sizeof(*out));
    if (len > VULN_FILE_MAX)
        return ag_error_set(err, AG_EINVAL, "%s: larger than %zu bytes", name, VULN_FILE_MAX);
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return ag_error_set(err, AG_EINVAL, "%s: line %d, column %d: not valid JSON: %s", name,
                            je.line, je.column, je.text);
    int rc;
    if (!json_is_object(root)) {
        rc = perr(&x, "$", "the file is not a JSON object");
    } else if (json_object_get(root, "document")) {
        rc = parse_csaf(&x, root);
    } else if (json_object_get(root, "cveMetadata") || json_object_get(root, "dataType")) {
        const char *dt = json_string_value(json_object_get(root, "dataType"));
        if (dt && strcmp(dt, "CVE_RECORD") != 0)
            rc = perr(&x, "$.dataType", "\"%s\" is not CVE_RECORD", dt);
        else
            rc = parse_cve5(&x, root);
    } else if (json_is_array(json_object_get(root, "vulnerabilities"))) {
        rc = parse_nvd(&x, root);
    } else {
        rc = perr(&x, "$",
                  "neither a CSAF 2.0 advisory (\"document\"), a CVE JSON 5 record "
                  "(\"cveMetadata\") nor an NVD API 2.0 response (\"vulnerabilities\")");
    }
    json_decref(root);
    if (rc)
        vuln_doc_release(out);
    return rc;
}

void vuln_doc_release(struct vuln_doc *d)
{
    for (size_t i = 0; i < d->count; i++) {
        struct vuln_entry *e = &d->entries[i];
        for (size_t k = 0; k < e->nproducts; k++) {
            free(e->products[k].vendor);
            free(e->products[k].product);
        }
        free(e->products);
        free(e->ident);
        free(e->title);
        free(e->description);
        free(e->vector);
        free(e->fixed_version);
        free(e->remediation);
        free(e->refs);
        free(e->advisory);
    }
    free(d->entries);
    memset(d, 0, sizeof(*d));
}
