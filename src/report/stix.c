/*
 * stix.c — a STIX 2.1 bundle of one incident, for sharing with the sector's CEPTOAR (guideline
 * 3.2.2.2(1)(a)). What goes in (docs/compliance.md):
 *   identity          the airport operator (identity_class organization, sector transportation)
 *   marking-definition the TLP chosen (the four of STIX 2.1 §7.2.1.4, fixed ids); every other
 *                     object carries it in object_marking_refs
 *   report            the incident: name, description, published; object_refs = every object.
 *                     STIX 2.1's incident SDO is a stub (name and description only) and the OASIS
 *                     bundle schema cannot validate it (a custom-object branch matches both
 *                     core and cyber-observable-core), so the incident is a report
 *   indicator         per source address of the alerts linked to the incident:
 *                     [ipv4-addr:value = '…'] (or ipv6-addr), pattern_type stix, valid_from =
 *                     the first alert with it
 *   observed-data     per alert, with the ipv4-addr/ipv6-addr and user-account SCOs it saw
 *   attack-pattern    per ATT&CK technique in the alerts' `attack` (tactics → kill_chain_phases)
 *   course-of-action  blocking (addresses in logwatch's block list), account locks, the emergency
 *                     measures of the timeline and the recurrence-prevention actions
 *   relationship      indicator indicates attack-pattern, indicator based-on observed-data,
 *                     course-of-action mitigates attack-pattern (or the indicators when there is
 *                     none)
 * Ids: uuid5 of the store's scope and the record (SCOs: STIX's own namespace and their value), so
 * a re-export has the same ids; timestamps come from the records, so it has the same bytes.
 * --strip-personal (strip_personal) replaces, in every text, the names, logins, e-mail addresses
 * and telephone numbers of the people and contacts of the store, the alerts' user and host names
 * (user-N, host-N) and anything shaped like an e-mail address.
 */
#include "report/report_int.h"

#include <ctype.h>
#include <strings.h>

#define STIX_MAX_ALERTS 1000

/* ---- the patterning language ---- */

void report_stix_pattern_string(struct strbuf *sb, const char *value)
{
    strbuf_addc(sb, '\'');
    for (const char *p = value; *p; p++) {
        if (*p == '\\' || *p == '\'')
            strbuf_addc(sb, '\\');
        strbuf_addc(sb, *p);
    }
    strbuf_addc(sb, '\'');
}

int report_tlp_parse(const char *s, enum report_tlp *out)
{
    static const char *const names[] = {"white", "green", "amber", "red"};
    if (!s)
        return AG_EINVAL;
    if (strncasecmp(s, "tlp:", 4) == 0)
        s += 4;
    if (strcasecmp(s, "clear") == 0) {
        *out = REPORT_TLP_WHITE;
        return AG_OK;
    }
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++)
        if (strcasecmp(s, names[i]) == 0) {
            *out = (enum report_tlp)i;
            return AG_OK;
        }
    return AG_EINVAL;
}

/* STIX 2.1 §7.2.1.4: the TLP marking definitions, fixed ids. */
static const struct {
    const char *id, *name, *tlp;
} tlp_defs[] = {
    {"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "TLP:WHITE", "white"},
    {"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "TLP:GREEN", "green"},
    {"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "TLP:AMBER", "amber"},
    {"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "TLP:RED", "red"},
};

/* ---- personal data ---- */

struct needle {
    char *text;
    char *placeholder;
    bool ascii; /* match only as a whole word */
};

struct strip {
    struct needle *v;
    size_t n, cap;
    size_t users, hosts, people;
};

static bool word_char(unsigned char c)
{
    return isalnum(c) || c == '_';
}

static const char *strip_find(const struct strip *sp, const char *text)
{
    for (size_t i = 0; i < sp->n; i++)
        if (strcmp(sp->v[i].text, text) == 0)
            return sp->v[i].placeholder;
    return NULL;
}

/* Adds text → placeholder unless text is empty, too short to be a name, or known already;
 * returns the placeholder in force for it. */
static const char *strip_add(struct strip *sp, const char *text, const char *placeholder)
{
    if (!text || strlen(text) < 2)
        return NULL;
    const char *known = strip_find(sp, text);
    if (known)
        return known;
    if (sp->n == sp->cap) {
        size_t cap = sp->cap ? sp->cap * 2 : 64;
        struct needle *v = realloc(sp->v, cap * sizeof(*v));
        if (!v)
            return NULL;
        sp->v = v;
        sp->cap = cap;
    }
    struct needle *nd = &sp->v[sp->n];
    nd->text = strdup(text);
    nd->placeholder = strdup(placeholder);
    if (!nd->text || !nd->placeholder) {
        free(nd->text);
        free(nd->placeholder);
        return NULL;
    }
    nd->ascii = true;
    for (const char *p = text; *p; p++)
        if ((unsigned char)*p >= 0x80)
            nd->ascii = false;
    sp->n++;
    return nd->placeholder;
}

static void strip_release(struct strip *sp)
{
    for (size_t i = 0; i < sp->n; i++) {
        free(sp->v[i].text);
        free(sp->v[i].placeholder);
    }
    free(sp->v);
}

static int by_length_desc(const void *a, const void *b)
{
    size_t la = strlen(((const struct needle *)a)->text),
           lb = strlen(((const struct needle *)b)->text);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

static bool email_local(unsigned char c)
{
    return isalnum(c) || strchr("._%+-", c);
}

static bool email_domain(unsigned char c)
{
    return isalnum(c) || c == '.' || c == '-';
}

/* text with every needle and every e-mail-shaped word replaced, into out. */
static void strip_text(const struct strip *sp, const char *text, struct strbuf *out)
{
    struct strbuf tmp;
    strbuf_init(&tmp, 0);
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        bool hit = false;
        for (size_t k = 0; k < sp->n && !hit; k++) {
            const struct needle *nd = &sp->v[k];
            size_t nl = strlen(nd->text);
            if (nl > len - i || memcmp(text + i, nd->text, nl) != 0)
                continue;
            if (nd->ascii && ((i > 0 && word_char((unsigned char)text[i - 1])) ||
                              (i + nl < len && word_char((unsigned char)text[i + nl]))))
                continue;
            strbuf_adds(&tmp, nd->placeholder);
            i += nl;
            hit = true;
        }
        if (!hit)
            strbuf_addc(&tmp, text[i++]);
    }
    /* e-mail addresses: local@domain.tld */
    const char *t = strbuf_str(&tmp);
    size_t tl = tmp.len, done = 0;
    for (size_t i = 0; i < tl; i++) {
        if (t[i] != '@')
            continue;
        size_t a = i, z = i + 1;
        while (a > done && email_local((unsigned char)t[a - 1]))
            a--;
        bool dot = false;
        while (z < tl && email_domain((unsigned char)t[z]))
            dot |= t[z++] == '.';
        if (a == i || z == i + 1 || !dot)
            continue;
        strbuf_add(out, t + done, a - done);
        strbuf_adds(out, "[email]");
        done = z;
        i = z - 1;
    }
    strbuf_add(out, t + done, tl - done);
    strbuf_release(&tmp);
}

static bool is_ref_key(const char *key)
{
    size_t n = strlen(key);
    return strcmp(key, "id") == 0 || strcmp(key, "type") == 0 || strcmp(key, "pattern") == 0 ||
           (n > 4 && strcmp(key + n - 4, "_ref") == 0) ||
           (n > 5 && strcmp(key + n - 5, "_refs") == 0);
}

static void strip_json(struct jb *b, const struct strip *sp, json_t *v)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, key, x)
        {
            if (is_ref_key(key))
                continue;
            if (json_is_string(x)) {
                struct strbuf o;
                strbuf_init(&o, 0);
                strip_text(sp, json_string_value(x), &o);
                if (!strbuf_ok(&o) || json_string_set(x, strbuf_str(&o)) != 0)
                    b->oom = true;
                strbuf_release(&o);
            } else {
                strip_json(b, sp, x);
            }
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, x)
        {
            if (json_is_string(x)) {
                struct strbuf o;
                strbuf_init(&o, 0);
                strip_text(sp, json_string_value(x), &o);
                if (!strbuf_ok(&o) || json_string_set(x, strbuf_str(&o)) != 0)
                    b->oom = true;
                strbuf_release(&o);
            } else {
                strip_json(b, sp, x);
            }
        }
    }
}

/* People and contacts of the store: names (and family names), logins, e-mail, telephone. */
static void strip_people(struct strip *sp, struct store *st)
{
    sqlite3_stmt *s;
    struct ag_error ignore;
    if (store_prepare(st, &s,
                      "SELECT login, name, name_en, email, phone FROM people UNION ALL SELECT '', "
                      "name, '', email, phone FROM reg_contacts WHERE person_id IS NULL",
                      &ignore) != AG_OK)
        return;
    while (sqlite3_step(s) == SQLITE_ROW) {
        char ph[32];
        const char *known = NULL;
        const char *login = store_col_text(s, 0);
        if (*login)
            known = strip_find(sp, login);
        if (!known) {
            snprintf(ph, sizeof(ph), "person-%zu", ++sp->people);
            known = ph;
        }
        char keep[32];
        snprintf(keep, sizeof(keep), "%s", known);
        strip_add(sp, login, keep);
        for (int c = 1; c <= 2; c++) {
            /* the whole name, then each of its words alone (family or given name) */
            const char *name = store_col_text(s, c);
            strip_add(sp, name, keep);
            for (const char *w = name; *w;) {
                const char *e1 = strchr(w, ' '), *e2 = strstr(w, "\xe3\x80\x80");
                const char *end = e1 && (!e2 || e1 < e2) ? e1 : e2;
                size_t n = end ? (size_t)(end - w) : strlen(w);
                if (n && n < strlen(name)) {
                    char part[128];
                    snprintf(part, sizeof(part), "%.*s", (int)n, w);
                    strip_add(sp, part, keep);
                }
                if (!end)
                    break;
                w = end + (end == e1 ? 1 : 3);
            }
        }
        strip_add(sp, store_col_text(s, 3), "[email]");
        strip_add(sp, store_col_text(s, 4), "[phone]");
    }
    sqlite3_finalize(s);
}

/* ---- the bundle ---- */

struct stix {
    struct jb b;
    struct store *st;
    enum ag_lang lang;
    const struct report_stix_options *opt;
    long long incident;
    char identity[80], marking[80];
    json_t *objects;    /* the bundle's objects (the report is added last, at its place) */
    json_t *seen;       /* ids already added */
    json_t *attack;     /* technique id → attack-pattern id */
    json_t *indicators; /* address → indicator id */
    json_t *blocked;    /* address → true (from the block list) */
    struct strip strip;
};

/* "YYYY-MM-DDTHH:MM:SSZ" → "YYYY-MM-DDTHH:MM:SS.000Z" (STIX timestamps, millisecond precision). */
static void stix_time(const char *stored, char out[32])
{
    if (strlen(stored) == 20 && stored[19] == 'Z')
        snprintf(out, 32, "%.19s.000Z", stored);
    else if (strlen(stored) == 10)
        snprintf(out, 32, "%sT00:00:00.000Z", stored);
    else
        snprintf(out, 32, "%s", stored);
}

static void stix_id(struct stix *x, char *out, size_t cap, const char *type, const char *fmt, ...)
    AG_PRINTF(5, 6);
static void stix_id(struct stix *x, char *out, size_t cap, const char *type, const char *fmt, ...)
{
    char key[512], uuid[37];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(key, sizeof(key), fmt, ap);
    va_end(ap);
    report_uuid_for(x->b.scope, type, key, uuid);
    snprintf(out, cap, "%s--%s", type, uuid);
}

/* A new SDO/SRO with the common properties; added to the bundle unless its id is there. */
static json_t *sdo(struct stix *x, const char *type, const char *id, const char *created,
                   const char *modified)
{
    struct jb *b = &x->b;
    json_t *o = jb_obj(b);
    jb_sets(b, o, "type", type);
    jb_sets(b, o, "spec_version", "2.1");
    jb_sets(b, o, "id", id);
    if (strcmp(type, "identity") != 0)
        jb_sets(b, o, "created_by_ref", x->identity);
    jb_sets(b, o, "created", created);
    jb_sets(b, o, "modified", modified);
    json_t *m = jb_arr(b);
    jb_append(b, m, jb_str(b, x->marking));
    jb_set(b, o, "object_marking_refs", m);
    return o;
}

static bool seen(struct stix *x, const char *id)
{
    if (json_object_get(x->seen, id))
        return true;
    if (json_object_set_new(x->seen, id, json_true()) != 0)
        x->b.oom = true;
    return false;
}

static void add(struct stix *x, json_t *o)
{
    jb_append(&x->b, x->objects, o);
}

static void relationship(struct stix *x, const char *kind, const char *from, const char *to,
                         const char *when)
{
    char id[128];
    stix_id(x, id, sizeof(id), "relationship", "%s|%s|%s", from, kind, to);
    if (seen(x, id))
        return;
    json_t *r = sdo(x, "relationship", id, when, when);
    jb_sets(&x->b, r, "relationship_type", kind);
    jb_sets(&x->b, r, "source_ref", from);
    jb_sets(&x->b, r, "target_ref", to);
    add(x, r);
}

/* An SCO with a deterministic id per STIX 2.1 §2.9 (uuid5 of the canonical JSON of its
 * id-contributing properties); returns its id in out. */
static void sco(struct stix *x, const char *type, const char *prop, const char *value, char *out,
                size_t cap)
{
    struct jb *b = &x->b;
    json_t *c = json_pack("{s:s}", prop, value);
    char *canon = c ? json_dumps(c, JSON_COMPACT) : NULL;
    char uuid[37] = "";
    if (canon)
        report_uuid_v5(report_stix_sco_ns, canon, strlen(canon), uuid);
    else
        b->oom = true;
    free(canon);
    json_decref(c);
    snprintf(out, cap, "%s--%s", type, uuid);
    if (seen(x, out))
        return;
    json_t *o = jb_obj(b);
    jb_sets(b, o, "type", type);
    jb_sets(b, o, "spec_version", "2.1");
    jb_sets(b, o, "id", out);
    jb_sets(b, o, prop, value);
    json_t *m = jb_arr(b);
    jb_append(b, m, jb_str(b, x->marking));
    jb_set(b, o, "object_marking_refs", m);
    add(x, o);
}

static const struct {
    const char *id, *name;
} techniques[] = {
    {"T1110", "Brute Force"},
    {"T1110.001", "Password Guessing"},
    {"T1110.002", "Password Cracking"},
    {"T1110.003", "Password Spraying"},
    {"T1110.004", "Credential Stuffing"},
    {"T1078", "Valid Accounts"},
    {"T1078.003", "Local Accounts"},
    {"T1136", "Create Account"},
    {"T1098", "Account Manipulation"},
    {"T1070", "Indicator Removal"},
    {"T1070.002", "Clear Linux or Mac System Logs"},
    {"T1562", "Impair Defenses"},
    {"T1190", "Exploit Public-Facing Application"},
    {"T1133", "External Remote Services"},
    {"T1021", "Remote Services"},
    {"T1046", "Network Service Discovery"},
    {"T1498", "Network Denial of Service"},
    {"T1557", "Adversary-in-the-Middle"},
    {"T1557.002", "ARP Cache Poisoning"},
};

/* ATT&CK ids of one alert's `attack` array: techniques (T1110.001) and tactics (phase names). */
static void parse_attack(const char *json, char tech[][16], size_t *ntech, char tact[][48],
                         size_t *ntact, size_t cap)
{
    *ntech = *ntact = 0;
    json_t *arr = json_loads(json, 0, NULL), *v;
    size_t i;
    json_array_foreach(arr, i, v)
    {
        const char *s = json_string_value(v);
        if (!s)
            continue;
        if (strncasecmp(s, "attack.", 7) == 0)
            s += 7;
        size_t n = strlen(s);
        bool technique = (s[0] == 't' || s[0] == 'T') && n >= 5 && isdigit((unsigned char)s[1]) &&
                         isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
                         isdigit((unsigned char)s[4]) &&
                         (n == 5 || (n == 9 && s[5] == '.' && isdigit((unsigned char)s[6]) &&
                                     isdigit((unsigned char)s[7]) && isdigit((unsigned char)s[8])));
        if (technique && *ntech < cap) {
            for (size_t k = 0; k < n; k++)
                tech[*ntech][k] = (char)toupper((unsigned char)s[k]);
            tech[(*ntech)++][n] = '\0';
        } else if (!technique && n > 0 && n < 48 && *ntact < cap) {
            bool ok = true;
            for (size_t k = 0; k < n; k++) {
                char c = (char)tolower((unsigned char)s[k]);
                if (c == '_')
                    c = '-';
                ok &= islower((unsigned char)c) || c == '-';
                tact[*ntact][k] = c;
            }
            tact[*ntact][n] = '\0';
            if (ok)
                (*ntact)++;
        }
    }
    json_decref(arr);
}

static const char *attack_pattern(struct stix *x, const char *tech, char tact[][48], size_t ntact,
                                  const char *when)
{
    struct jb *b = &x->b;
    json_t *known = json_object_get(x->attack, tech);
    if (known)
        return json_string_value(known);
    char id[128], url[128], base[8];
    stix_id(x, id, sizeof(id), "attack-pattern", "mitre-attack/%s", tech);
    const char *name = tech;
    for (size_t i = 0; i < AG_ARRAY_LEN(techniques); i++)
        if (strcmp(techniques[i].id, tech) == 0)
            name = techniques[i].name;
    json_t *o = sdo(x, "attack-pattern", id, when, when);
    jb_sets(b, o, "name", name);
    json_t *refs = jb_arr(b), *ref = jb_obj(b);
    jb_sets(b, ref, "source_name", "mitre-attack");
    jb_sets(b, ref, "external_id", tech);
    snprintf(base, sizeof(base), "%.5s", tech);
    if (strlen(tech) == 9)
        snprintf(url, sizeof(url), "https://attack.mitre.org/techniques/%s/%s/", base, tech + 6);
    else
        snprintf(url, sizeof(url), "https://attack.mitre.org/techniques/%s/", base);
    jb_sets(b, ref, "url", url);
    jb_append(b, refs, ref);
    jb_set(b, o, "external_references", refs);
    json_t *phases = jb_arr(b);
    for (size_t i = 0; i < ntact; i++) {
        json_t *p = jb_obj(b);
        jb_sets(b, p, "kill_chain_name", "mitre-attack");
        jb_sets(b, p, "phase_name", tact[i]);
        jb_append(b, phases, p);
    }
    jb_set_nonempty(b, o, "kill_chain_phases", phases);
    add(x, o);
    seen(x, id);
    jb_set(b, x->attack, tech, jb_str(b, id));
    return json_string_value(json_object_get(x->attack, tech));
}

static bool is_ipv6(const char *addr)
{
    return strchr(addr, ':') != NULL;
}

static const char *indicator(struct stix *x, const char *addr, const char *category,
                             const char *when)
{
    struct jb *b = &x->b;
    json_t *known = json_object_get(x->indicators, addr);
    if (known)
        return json_string_value(known);
    char id[128];
    const char *type = is_ipv6(addr) ? "ipv6-addr" : "ipv4-addr";
    stix_id(x, id, sizeof(id), "indicator", "incident/%lld/%s", x->incident, addr);
    json_t *o = sdo(x, "indicator", id, when, when);
    char name[256];
    snprintf(name, sizeof(name), ag_tr(x->lang, "Source address %s (%s)"), addr, category);
    jb_sets(b, o, "name", name);
    json_t *types = jb_arr(b);
    jb_append(b, types, jb_str(b, "malicious-activity"));
    jb_set(b, o, "indicator_types", types);
    struct strbuf p;
    strbuf_init(&p, 4096);
    strbuf_addf(&p, "[%s:value = ", type);
    report_stix_pattern_string(&p, addr);
    strbuf_addc(&p, ']');
    jb_sets(b, o, "pattern", strbuf_str(&p));
    strbuf_release(&p);
    jb_sets(b, o, "pattern_type", "stix");
    jb_sets(b, o, "pattern_version", "2.1");
    jb_sets(b, o, "valid_from", when);
    if (json_object_get(x->blocked, addr)) {
        json_t *labels = jb_arr(b);
        jb_append(b, labels, jb_str(b, "blocked"));
        jb_set(b, o, "labels", labels);
    }
    add(x, o);
    seen(x, id);
    jb_set(b, x->indicators, addr, jb_str(b, id));
    return json_string_value(json_object_get(x->indicators, addr));
}

static void course_of_action(struct stix *x, const char *key, const char *name,
                             const char *description, const char *when, json_t *coas)
{
    struct jb *b = &x->b;
    char id[128];
    stix_id(x, id, sizeof(id), "course-of-action", "incident/%lld/%s", x->incident, key);
    if (seen(x, id))
        return;
    json_t *o = sdo(x, "course-of-action", id, when, when);
    jb_sets(b, o, "name", name);
    if (description && *description)
        jb_sets(b, o, "description", description);
    add(x, o);
    jb_append(b, coas, jb_str(b, id));
}

static int load_blocklist(struct stix *x, struct ag_error *err)
{
    if (!x->opt->blocklist)
        return AG_OK;
    json_t *root, *entries, *e;
    int rc = report_blocklist_read(x->opt->blocklist, &root, &entries, err);
    if (rc)
        return rc;
    size_t i;
    json_array_foreach(entries, i, e)
    {
        const char *addr = json_string_value(json_object_get(e, "addr"));
        if (addr)
            jb_set(&x->b, x->blocked, addr, json_true());
    }
    json_decref(root);
    return AG_OK;
}

struct incident_row {
    char title[1024], severity[16], status[16], cause[32], created[32], modified[32], published[32];
    char *description, *cause_detail;
};

static int load_incident(struct stix *x, struct incident_row *r, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(
        x->st, &s,
        "SELECT i.title, i.description, i.severity, i.status, coalesce(i.cause_class, ''), "
        "i.cause_detail, i.created_at, (SELECT max(t) FROM (SELECT i.created_at AS t UNION ALL "
        "SELECT recorded_at FROM incident_events WHERE incident_id = i.id UNION ALL SELECT "
        "closed_at FROM incidents WHERE id = i.id AND closed_at IS NOT NULL UNION ALL SELECT at "
        "FROM alert_actions WHERE incident_id = i.id)) FROM incidents i WHERE i.id = ?",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, x->incident);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(r->title, sizeof(r->title), "%s", store_col_text(s, 0));
        r->description = strdup(store_col_text(s, 1));
        snprintf(r->severity, sizeof(r->severity), "%s", store_col_text(s, 2));
        snprintf(r->status, sizeof(r->status), "%s", store_col_text(s, 3));
        snprintf(r->cause, sizeof(r->cause), "%s", store_col_text(s, 4));
        r->cause_detail = strdup(store_col_text(s, 5));
        stix_time(store_col_text(s, 6), r->created);
        stix_time(store_col_text(s, 7), r->modified);
        snprintf(r->published, sizeof(r->published), "%s", r->modified);
        if (!r->description || !r->cause_detail)
            rc = ag_error_set(err, AG_ENOMEM, "out of memory");
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "incident %lld does not exist", x->incident);
    }
    sqlite3_finalize(s);
    return rc;
}

/* The operator: identity_class organization, sector transportation. */
static void identity(struct stix *x)
{
    struct jb *b = &x->b;
    sqlite3_stmt *s;
    struct ag_error ignore;
    char since[32] = "2000-01-01T00:00:00.000Z";
    const char *name = "airport operator";
    stix_id(x, x->identity, sizeof(x->identity), "identity", "organisation");
    json_t *o = NULL;
    if (store_prepare(x->st, &s,
                      "SELECT o.name_ja, o.name_en, (SELECT min(created_at) FROM people) FROM "
                      "organisation o WHERE o.id = 1",
                      &ignore) == AG_OK) {
        if (sqlite3_step(s) == SQLITE_ROW) {
            const char *en = store_col_text(s, 1);
            name = x->lang == AG_LANG_EN && *en ? en : store_col_text(s, 0);
            if (*store_col_text(s, 2))
                stix_time(store_col_text(s, 2), since);
        }
        o = sdo(x, "identity", x->identity, since, since);
        jb_sets(b, o, "name", *name ? name : "airport operator");
        sqlite3_finalize(s);
    } else {
        o = sdo(x, "identity", x->identity, since, since);
        jb_sets(b, o, "name", name);
    }
    jb_sets(b, o, "description",
            ag_tr(x->lang, "Airport operator (critical infrastructure: aviation, airports)"));
    jb_sets(b, o, "identity_class", "organization");
    json_t *sectors = jb_arr(b);
    jb_append(b, sectors, jb_str(b, "transportation"));
    jb_set(b, o, "sectors", sectors);
    add(x, o);
    seen(x, x->identity);
}

static void marking(struct stix *x)
{
    struct jb *b = &x->b;
    const char *id = tlp_defs[x->opt->tlp].id;
    snprintf(x->marking, sizeof(x->marking), "%s", id);
    json_t *o = jb_obj(b), *def = jb_obj(b);
    jb_sets(b, o, "type", "marking-definition");
    jb_sets(b, o, "spec_version", "2.1");
    jb_sets(b, o, "id", id);
    jb_sets(b, o, "created", "2017-01-20T00:00:00.000Z");
    jb_sets(b, o, "definition_type", "tlp");
    jb_sets(b, o, "name", tlp_defs[x->opt->tlp].name);
    jb_sets(b, def, "tlp", tlp_defs[x->opt->tlp].tlp);
    jb_set(b, o, "definition", def);
    add(x, o);
    seen(x, id);
}

/* The alerts linked to the incident: indicators, observed-data, SCOs, attack-patterns. Collects
 * the attack-pattern ids and the users the alerts name (for account locks). */
static int alerts(struct stix *x, json_t *patterns, json_t *users, struct ag_error *err)
{
    struct jb *b = &x->b;
    sqlite3_stmt *s;
    int rc = store_prepare(
        x->st, &s,
        "SELECT id, time, category, rule, level, coalesce(src_ip, ''), coalesce(user, ''), "
        "coalesce(host, ''), count, coalesce(first, ''), coalesce(last, ''), attack FROM alerts "
        "WHERE incident_id = ? ORDER BY time, seq LIMIT ?",
        err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, x->incident);
    sqlite3_bind_int(s, 2, STIX_MAX_ALERTS);
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *aid = store_col_text(s, 0), *category = store_col_text(s, 2);
        const char *addr = store_col_text(s, 5), *user = store_col_text(s, 6),
                   *host = store_col_text(s, 7);
        char when[32], first[32], last[32], ph[32];
        stix_time(store_col_text(s, 1), when);
        stix_time(*store_col_text(s, 9) ? store_col_text(s, 9) : store_col_text(s, 1), first);
        stix_time(*store_col_text(s, 10) ? store_col_text(s, 10) : store_col_text(s, 1), last);
        if (x->opt->strip_personal) {
            if (*user && !strip_find(&x->strip, user)) {
                snprintf(ph, sizeof(ph), "user-%zu", ++x->strip.users);
                strip_add(&x->strip, user, ph);
            }
            if (*host && !strip_find(&x->strip, host)) {
                snprintf(ph, sizeof(ph), "host-%zu", ++x->strip.hosts);
                strip_add(&x->strip, host, ph);
            }
        }
        if (*user && !json_object_get(users, user))
            jb_set(b, users, user, jb_str(b, when));

        char tech[8][16], tact[8][48];
        size_t ntech, ntact;
        parse_attack(store_col_text(s, 11), tech, &ntech, tact, &ntact, 8);
        const char *ap[8];
        for (size_t i = 0; i < ntech; i++) {
            ap[i] = attack_pattern(x, tech[i], tact, ntact, when);
            bool have = false;
            size_t k;
            json_t *v;
            json_array_foreach(patterns, k, v)
            {
                have |= strcmp(json_string_value(v), ap[i]) == 0;
            }
            if (!have)
                jb_append(b, patterns, jb_str(b, ap[i]));
        }

        char od[128], addr_id[128] = "", user_id[128] = "";
        stix_id(x, od, sizeof(od), "observed-data", "alert/%s", aid);
        json_t *refs = jb_arr(b);
        if (*addr) {
            sco(x, is_ipv6(addr) ? "ipv6-addr" : "ipv4-addr", "value", addr, addr_id,
                sizeof(addr_id));
            jb_append(b, refs, jb_str(b, addr_id));
        }
        if (*user) {
            const char *shown = x->opt->strip_personal ? strip_find(&x->strip, user) : user;
            sco(x, "user-account", "user_id", shown ? shown : "user", user_id, sizeof(user_id));
            jb_append(b, refs, jb_str(b, user_id));
        }
        if (json_array_size(refs) && !seen(x, od)) {
            json_t *o = sdo(x, "observed-data", od, when, when);
            jb_sets(b, o, "first_observed", first);
            jb_sets(b, o, "last_observed", last);
            json_int_t count = sqlite3_column_int64(s, 8);
            jb_set(b, o, "number_observed", jb_chk(b, json_integer(count < 1 ? 1 : count)));
            jb_set(b, o, "object_refs", refs);
            json_t *refs_ext = jb_arr(b), *r = jb_obj(b);
            jb_sets(b, r, "source_name", "airguard");
            jb_sets(b, r, "external_id", aid);
            char d[700];
            snprintf(d, sizeof(d), "%s (%s, %s)", store_col_text(s, 3), category,
                     store_col_text(s, 4));
            jb_sets(b, r, "description", d);
            jb_append(b, refs_ext, r);
            jb_set(b, o, "external_references", refs_ext);
            add(x, o);
        } else {
            json_decref(refs);
        }
        if (*addr) {
            const char *ind = indicator(x, addr, category, when);
            for (size_t i = 0; i < ntech; i++)
                relationship(x, "indicates", ind, ap[i], when);
            if (json_object_get(x->seen, od))
                relationship(x, "based-on", ind, od, when);
        }
    }
    sqlite3_finalize(s);
    return AG_OK;
}

/* Responses: blocking, account locks, the emergency measures, the corrective actions. */
static int responses(struct stix *x, const char *modified, json_t *patterns, json_t *users,
                     json_t *coas, struct ag_error *err)
{
    struct strbuf list;
    strbuf_init(&list, 1 << 20);
    const char *key;
    json_t *v;
    json_object_foreach(x->indicators, key, v)
    {
        if (json_object_get(x->blocked, key))
            strbuf_addf(&list, "%s%s", list.len ? ", " : "", key);
    }
    if (list.len) {
        char d[256];
        snprintf(d, sizeof(d), "%s: ", ag_tr(x->lang, "Addresses blocked"));
        struct strbuf t;
        strbuf_init(&t, 1 << 20);
        strbuf_adds(&t, d);
        strbuf_adds(&t, strbuf_str(&list));
        course_of_action(x, "block",
                         ag_tr(x->lang, "Block the source addresses at the firewall (logwatch "
                                        "responses, nftables set)"),
                         strbuf_str(&t), modified, coas);
        strbuf_release(&t);
    }
    strbuf_release(&list);

    /* accounts of airguard's own users that the alerts name and that are locked */
    sqlite3_stmt *s;
    int rc = store_prepare(x->st, &s,
                           "SELECT 1 FROM accounts a JOIN people p ON p.id = a.person_id WHERE "
                           "p.login = ? AND (a.locked = 1 OR a.locked_until IS NOT NULL)",
                           err);
    if (rc)
        return rc;
    json_object_foreach(users, key, v)
    {
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW)
            continue;
        char k[300], d[400];
        snprintf(k, sizeof(k), "lock/%s", key);
        snprintf(d, sizeof(d), ag_tr(x->lang, "The account %s was locked."), key);
        course_of_action(x, k, ag_tr(x->lang, "Lock the attacked account"), d, json_string_value(v),
                         coas);
    }
    sqlite3_finalize(s);

    if ((rc = store_prepare(x->st, &s,
                            "SELECT id, at, kind, text FROM incident_events WHERE incident_id = "
                            "? AND kind IN ('emergency-measure', 'contained', 'recovered') ORDER "
                            "BY at, id",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, x->incident);
    while (sqlite3_step(s) == SQLITE_ROW) {
        char k[64], when[32], name[128];
        snprintf(k, sizeof(k), "event/%lld", (long long)sqlite3_column_int64(s, 0));
        stix_time(store_col_text(s, 1), when);
        snprintf(name, sizeof(name), "%s",
                 ag_tr(x->lang, strcmp(store_col_text(s, 2), "emergency-measure") == 0
                                    ? "Emergency measure"
                                : strcmp(store_col_text(s, 2), "contained") == 0 ? "Containment"
                                                                                 : "Recovery"));
        course_of_action(x, k, name, store_col_text(s, 3), when, coas);
    }
    sqlite3_finalize(s);

    if ((rc = store_prepare(x->st, &s,
                            "SELECT id, title, description, created_at, status FROM actions "
                            "WHERE origin = 'incident' AND origin_id = ? AND status <> "
                            "'cancelled' ORDER BY id",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, x->incident);
    while (sqlite3_step(s) == SQLITE_ROW) {
        char k[64], when[32];
        snprintf(k, sizeof(k), "action/%lld", (long long)sqlite3_column_int64(s, 0));
        stix_time(store_col_text(s, 3), when);
        course_of_action(x, k, store_col_text(s, 1), store_col_text(s, 2), when, coas);
    }
    sqlite3_finalize(s);

    /* what they mitigate: the techniques, else the indicators */
    size_t i, k;
    json_t *c, *t;
    json_array_foreach(coas, i, c)
    {
        if (json_array_size(patterns)) {
            json_array_foreach(patterns, k, t)
                relationship(x, "mitigates", json_string_value(c), json_string_value(t), modified);
        } else {
            json_object_foreach(x->indicators, key, t)
                relationship(x, "mitigates", json_string_value(c), json_string_value(t), modified);
        }
    }
    return AG_OK;
}

int report_stix_incident(struct store *st, long long id, enum ag_lang lang,
                         const struct report_stix_options *opt, struct strbuf *out,
                         struct ag_error *err)
{
    struct stix x = {.st = st, .lang = lang, .opt = opt, .incident = id};
    struct incident_row r = {0};
    json_t *doc = NULL, *patterns = NULL, *users = NULL, *coas = NULL;
    struct jb *b = &x.b;
    int rc;
    jb_init(b, st);
    x.objects = jb_arr(b);
    x.seen = jb_obj(b);
    x.attack = jb_obj(b);
    x.indicators = jb_obj(b);
    x.blocked = jb_obj(b);
    patterns = jb_arr(b);
    users = jb_obj(b);
    coas = jb_arr(b);
    if ((rc = load_blocklist(&x, err)))
        goto out;
    if ((rc = store_read_begin(st, err)))
        goto out;
    if ((rc = load_incident(&x, &r, err)))
        goto out_read;
    marking(&x); /* first: every other object refers to it */
    identity(&x);
    if ((rc = alerts(&x, patterns, users, err)) ||
        (rc = responses(&x, r.modified, patterns, users, coas, err)))
        goto out_read;
    if (opt->strip_personal)
        strip_people(&x.strip, st);

    char rid[128];
    stix_id(&x, rid, sizeof(rid), "report", "incident/%lld", id);
    json_t *rep = sdo(&x, "report", rid, r.created, r.modified);
    jb_sets(b, rep, "name", r.title);
    struct strbuf d;
    strbuf_init(&d, 1 << 20);
    strbuf_adds(&d, r.description);
    strbuf_addf(&d, "%s%s: %s", d.len ? "\n" : "", ag_tr(lang, "Incident severity"), r.severity);
    strbuf_addf(&d, "\n%s: %s", ag_tr(lang, "Incident status"), r.status);
    if (*r.cause)
        strbuf_addf(&d, "\n%s: %s%s%s", ag_tr(lang, "Incident cause class"), r.cause,
                    *r.cause_detail ? " — " : "", r.cause_detail);
    jb_sets(b, rep, "description", strbuf_str(&d));
    strbuf_release(&d);
    json_t *types = jb_arr(b), *labels = jb_arr(b);
    jb_append(b, types, jb_str(b, "threat-report"));
    jb_set(b, rep, "report_types", types);
    jb_sets(b, rep, "published", r.published);
    char label[64];
    jb_append(b, labels, jb_str(b, "incident"));
    snprintf(label, sizeof(label), "severity:%s", r.severity);
    jb_append(b, labels, jb_str(b, label));
    if (*r.cause) {
        snprintf(label, sizeof(label), "cause:%s", r.cause);
        jb_append(b, labels, jb_str(b, label));
    }
    jb_set(b, rep, "labels", labels);
    json_t *refs = jb_arr(b), *ext = jb_arr(b), *er = jb_obj(b), *o;
    size_t i;
    json_array_foreach(x.objects, i, o)
    {
        const char *t = json_string_value(json_object_get(o, "type"));
        if (strcmp(t, "marking-definition") != 0)
            jb_append(b, refs, jb_str(b, json_string_value(json_object_get(o, "id"))));
    }
    jb_set(b, rep, "object_refs", refs);
    char num[32];
    snprintf(num, sizeof(num), "incident-%lld", id);
    jb_sets(b, er, "source_name", "airguard");
    jb_sets(b, er, "external_id", num);
    jb_append(b, ext, er);
    jb_set(b, rep, "external_references", ext);
    /* the report right after the marking and the identity, so a reader meets it first */
    if (json_array_insert_new(x.objects, 2, rep) != 0)
        b->oom = true;

    if (opt->strip_personal) {
        qsort(x.strip.v, x.strip.n, sizeof(*x.strip.v), by_length_desc);
        strip_json(b, &x.strip, x.objects);
    }
    doc = jb_obj(b);
    char bid[128];
    stix_id(&x, bid, sizeof(bid), "bundle", "incident/%lld/%s%s", id, tlp_defs[opt->tlp].tlp,
            opt->strip_personal ? "/stripped" : "");
    jb_sets(b, doc, "type", "bundle");
    jb_sets(b, doc, "id", bid);
    jb_set(b, doc, "objects", x.objects);
    x.objects = NULL;
out_read:
    store_read_end(st);
out:
    json_decref(x.objects);
    json_decref(x.seen);
    json_decref(x.attack);
    json_decref(x.indicators);
    json_decref(x.blocked);
    json_decref(patterns);
    json_decref(users);
    json_decref(coas);
    strip_release(&x.strip);
    free(r.description);
    free(r.cause_detail);
    if (rc) {
        json_decref(doc);
        return rc;
    }
    char idtext[32];
    snprintf(idtext, sizeof(idtext), "%lld", id);
    return report_finish(b, doc, "incidents", idtext,
                         opt->strip_personal ? "stix-2.1 (personal data stripped)" : "stix-2.1",
                         out, err);
}
