/*
 * json.c — JSON log lines into normalised events (logwatch.h, lw_json_event): Windows Security
 * events as collectors write them, journald's `journalctl -o json`, and generic JSON logs.
 *
 * Parsing is jansson's (never hand-written); this file only chooses fields. Keys are looked up
 * exactly, then case-insensitively, so NXLog's `TargetUserName` and Wazuh's `targetUserName`
 * are one field. Strings the event keeps are copied into the caller's arena (struct
 * lw_scratch), NUL bytes replaced by U+FFFD so no slice holds a NUL, cut when the arena is
 * full. Identity fields are copied before the message, so a huge message is what gets cut.
 * Invalid UTF-8 makes jansson refuse a line: such a line is repaired (each bad byte becomes
 * U+FFFD) and parsed again, since a misconfigured collector (Shift_JIS names) must not blind
 * the monitor. Runs in the caller's thread; the only state is the arena.
 *
 * Windows events: a table maps each event id to action, outcome and the fields of user and
 * target, with the template order of the event's fields for the forms that give them by
 * position (PowerShell's Properties, Fluent Bit's StringInserts). Field names and orders are
 * Microsoft's ("Advanced security audit policy" event pages).
 */
#include "logwatch/logwatch_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the arena ---- */

static void scratch_reset(struct lw_scratch *s)
{
    s->used = 0;
    s->cut = 0;
    s->error[0] = '\0';
}

/* p[0..n) copied into the arena, NUL bytes as U+FFFD; cut (not inside a UTF-8 sequence) at
 * `max` bytes or when the arena is full. */
static struct lw_slice keep_max(struct lw_scratch *s, const char *p, size_t n, size_t max)
{
    char *out = s->buf + s->used;
    size_t room = sizeof(s->buf) - s->used, w = 0, i = 0;
    if (room > max)
        room = max;
    for (; i < n; i++) {
        if (p[i] != '\0') {
            if (w + 1 > room)
                break;
            out[w++] = p[i];
        } else {
            if (w + 3 > room)
                break;
            memcpy(out + w, "\xef\xbf\xbd", 3);
            w += 3;
        }
    }
    if (i < n) {
        s->cut++;
        size_t k = w; /* drop a sequence the cut split: its continuation bytes and its lead */
        while (k > 0 && ((unsigned char)out[k - 1] & 0xc0) == 0x80)
            k--;
        if (k > 0 && (unsigned char)out[k - 1] >= 0xc0)
            w = k - 1;
    }
    s->used += w;
    return (struct lw_slice){w ? out : NULL, w};
}

/* A field of the event other than the message: at most LW_FIELD_MAX bytes, so that one huge
 * field cannot crowd the others out of the arena. */
static struct lw_slice keep(struct lw_scratch *s, const char *p, size_t n)
{
    return keep_max(s, p, n, LW_FIELD_MAX);
}

/* ---- looking values up ---- */

/* o[key] (exact, else case-insensitive), NULL when o is not an object or has no such key; a
 * JSON null counts as absent. */
static json_t *jget(json_t *o, const char *key)
{
    if (!json_is_object(o))
        return NULL;
    json_t *v = json_object_get(o, key);
    if (!v) {
        const char *k;
        json_t *x;
        json_object_foreach(o, k, x)
        {
            if (strcasecmp(k, key) == 0) {
                v = x;
                break;
            }
        }
    }
    return json_is_null(v) ? NULL : v;
}

/* The value at a dotted path ("winlog.event_data"; each step as jget), NULL when absent. */
static json_t *jpath(json_t *o, const char *path)
{
    char key[64];
    while (o && *path) {
        size_t l = strcspn(path, ".");
        if (l >= sizeof(key))
            return NULL;
        memcpy(key, path, l);
        key[l] = '\0';
        o = jget(o, key);
        path += l + (path[l] == '.');
    }
    return o;
}

/* The value at the first of paths[] (NULL-terminated) that o has. */
static json_t *jfirst(json_t *o, const char *const *paths)
{
    for (; *paths; paths++) {
        json_t *v = jpath(o, *paths);
        if (v)
            return v;
    }
    return NULL;
}

/* The text of a string or integer value (integers written into tmp); false for other types. */
static bool jtext(json_t *v, char tmp[24], const char **p, size_t *n)
{
    if (json_is_string(v)) {
        *p = json_string_value(v);
        *n = json_string_length(v);
        return true;
    }
    if (json_is_integer(v)) {
        int l = snprintf(tmp, 24, "%lld", (long long)json_integer_value(v));
        *p = tmp;
        *n = l > 0 ? (size_t)l : 0;
        return true;
    }
    return false;
}

/* The value's text kept in the arena (at most max bytes); empty for absent values and other
 * types. */
static struct lw_slice jkeep_max(struct lw_scratch *s, json_t *v, size_t max)
{
    char tmp[24];
    const char *p;
    size_t n;
    if (!jtext(v, tmp, &p, &n))
        return (struct lw_slice){NULL, 0};
    return keep_max(s, p, n, max);
}

static struct lw_slice jkeep(struct lw_scratch *s, json_t *v)
{
    return jkeep_max(s, v, LW_FIELD_MAX);
}

/* An unsigned number: a JSON integer ≥ 0, or a string of decimal digits or "0x" hex digits. */
static bool jnum(json_t *v, uint64_t *out)
{
    if (json_is_integer(v)) {
        if (json_integer_value(v) < 0)
            return false;
        *out = (uint64_t)json_integer_value(v);
        return true;
    }
    if (!json_is_string(v))
        return false;
    const char *p = json_string_value(v);
    size_t n = json_string_length(v), i = 0;
    int base = 10;
    if (n > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
        base = 16, i = 2;
    if (i == n || n - i > 16)
        return false;
    uint64_t x = 0;
    for (; i < n; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'                 ? c - '0'
                : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : base == 16 && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                     : -1;
        if (d < 0)
            return false;
        if (base == 10 && x > (UINT64_MAX - (uint64_t)d) / 10)
            return false;
        x = x * (uint64_t)base + (uint64_t)d;
    }
    *out = x;
    return true;
}

/* A time: RFC 3339 text, PowerShell 5's "/Date(ms)/", {"SystemTime": …} (Windows XML turned
 * into JSON), or a number of seconds since the epoch (milliseconds, microseconds or
 * nanoseconds when too large to be seconds). */
static bool jtime(json_t *v, int64_t *t, int32_t *off)
{
    *off = 0;
    if (json_is_object(v))
        v = jget(v, "SystemTime");
    if (json_is_string(v)) {
        const char *p = json_string_value(v);
        size_t n = json_string_length(v);
        if (n > 8 && memcmp(p, "/Date(", 6) == 0) {
            char *end;
            long long ms = strtoll(p + 6, &end, 10);
            if (end == p + 6 || ms <= 0 || (*end != ')' && *end != '+' && *end != '-'))
                return false;
            *t = (int64_t)(ms / 1000);
            return true;
        }
        return lw_time_rfc3339(p, n, t, off);
    }
    double x;
    if (json_is_integer(v))
        x = (double)json_integer_value(v);
    else if (json_is_real(v))
        x = json_real_value(v);
    else
        return false;
    while (x > 1e11) /* later than the year 5138 as seconds: a finer unit */
        x /= 1000;
    if (!(x > 0))
        return false;
    *t = (int64_t)x;
    return true;
}

/* ---- Windows events ---- */

/* Template field orders (positional forms). */
static const char *const f_4624[] = {"SubjectUserSid",
                                     "SubjectUserName",
                                     "SubjectDomainName",
                                     "SubjectLogonId",
                                     "TargetUserSid",
                                     "TargetUserName",
                                     "TargetDomainName",
                                     "TargetLogonId",
                                     "LogonType",
                                     "LogonProcessName",
                                     "AuthenticationPackageName",
                                     "WorkstationName",
                                     "LogonGuid",
                                     "TransmittedServices",
                                     "LmPackageName",
                                     "KeyLength",
                                     "ProcessId",
                                     "ProcessName",
                                     "IpAddress",
                                     "IpPort",
                                     NULL};
static const char *const f_4625[] = {"SubjectUserSid",
                                     "SubjectUserName",
                                     "SubjectDomainName",
                                     "SubjectLogonId",
                                     "TargetUserSid",
                                     "TargetUserName",
                                     "TargetDomainName",
                                     "Status",
                                     "FailureReason",
                                     "SubStatus",
                                     "LogonType",
                                     "LogonProcessName",
                                     "AuthenticationPackageName",
                                     "WorkstationName",
                                     "TransmittedServices",
                                     "LmPackageName",
                                     "KeyLength",
                                     "ProcessId",
                                     "ProcessName",
                                     "IpAddress",
                                     "IpPort",
                                     NULL};
/* 4720, 4726, 4740: the account acted on, then the subject */
static const char *const f_account[] = {
    "TargetUserName",  "TargetDomainName",  "TargetSid",      "SubjectUserSid",
    "SubjectUserName", "SubjectDomainName", "SubjectLogonId", NULL};
/* 4728, 4732, 4756 */
static const char *const f_group[] = {
    "MemberName",     "MemberSid",       "TargetUserName",    "TargetDomainName", "TargetSid",
    "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId",   NULL};
static const char *const f_1102[] = {"SubjectUserSid", "SubjectUserName", "SubjectDomainName",
                                     "SubjectLogonId", NULL};
static const char *const f_104[] = {"SubjectUserName", "SubjectDomainName", "Channel", "BackupPath",
                                    NULL};
static const char *const f_4771[] = {"TargetUserName", "TargetSid", "ServiceName",
                                     "TicketOptions",  "Status",    "PreAuthType",
                                     "IpAddress",      "IpPort",    NULL};
static const char *const f_4776[] = {"PackageName", "TargetUserName", "Workstation", "Status",
                                     NULL};

static const char AUDITING[] = "Microsoft-Windows-Security-Auditing";
static const char EVENTLOG[] = "Microsoft-Windows-Eventlog";

enum win_how {
    WIN_LOGON = 1 << 0,     /* IpAddress/IpPort are the source, LogonType names the method */
    WIN_NETWORK = 1 << 1,   /* IpAddress/IpPort are the source (Kerberos) */
    WIN_BY_STATUS = 1 << 2, /* outcome by Status: 0 success, else failure */
};

struct win_kind {
    uint32_t id;
    enum lw_action action;
    enum lw_outcome outcome;
    const char *user, *user_alt; /* field of ev->user (alt: when the first is "-" or empty) */
    const char *target;          /* field of ev->target, or NULL */
    const char *fixed_target;    /* or a fixed text */
    const char *method;          /* a fixed method, or NULL */
    unsigned how;                /* enum win_how */
    uint64_t unknown_user;       /* a Status/SubStatus meaning "no such user", or 0 */
    const char *provider;
    const char *const *fields;
};

static const struct win_kind win_kinds[] = {
    {4624, LW_ACT_LOGIN, LW_OUT_SUCCESS, "TargetUserName", NULL, NULL, NULL, NULL, WIN_LOGON, 0,
     AUDITING, f_4624},
    {4625, LW_ACT_LOGIN, LW_OUT_FAILURE, "TargetUserName", NULL, NULL, NULL, NULL, WIN_LOGON,
     0xC0000064, AUDITING, f_4625},
    {4720, LW_ACT_ACCOUNT_CREATE, LW_OUT_SUCCESS, "TargetUserName", "SamAccountName", NULL, NULL,
     NULL, 0, 0, AUDITING, f_account},
    {4726, LW_ACT_ACCOUNT_DELETE, LW_OUT_SUCCESS, "TargetUserName", NULL, NULL, NULL, NULL, 0, 0,
     AUDITING, f_account},
    {4728, LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, "MemberName", "MemberSid", "TargetUserName", NULL,
     NULL, 0, 0, AUDITING, f_group},
    {4732, LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, "MemberName", "MemberSid", "TargetUserName", NULL,
     NULL, 0, 0, AUDITING, f_group},
    {4756, LW_ACT_GROUP_ADD, LW_OUT_SUCCESS, "MemberName", "MemberSid", "TargetUserName", NULL,
     NULL, 0, 0, AUDITING, f_group},
    {4740, LW_ACT_LOCKOUT, LW_OUT_UNKNOWN, "TargetUserName", NULL, NULL, NULL, NULL, 0, 0, AUDITING,
     f_account},
    {4771, LW_ACT_LOGIN, LW_OUT_FAILURE, "TargetUserName", NULL, NULL, NULL, "kerberos",
     WIN_NETWORK, 0x6, AUDITING, f_4771},
    {4776, LW_ACT_LOGIN, LW_OUT_UNKNOWN, "TargetUserName", NULL, NULL, NULL, "ntlm", WIN_BY_STATUS,
     0xC0000064, AUDITING, f_4776},
    {1102, LW_ACT_LOG_CLEARED, LW_OUT_SUCCESS, "SubjectUserName", NULL, NULL, "Security", NULL, 0,
     0, EVENTLOG, f_1102},
    {104, LW_ACT_LOG_CLEARED, LW_OUT_SUCCESS, "SubjectUserName", NULL, "Channel", NULL, NULL, 0, 0,
     EVENTLOG, f_104},
};

/* Logon types (4624, 4625 LogonType) by number, as Microsoft names them. */
static const char *logon_type_name(uint64_t t)
{
    static const char *const names[] = {NULL,
                                        NULL,
                                        "interactive",
                                        "network",
                                        "batch",
                                        "service",
                                        NULL,
                                        "unlock",
                                        "network_cleartext",
                                        "new_credentials",
                                        "remote_interactive",
                                        "cached_interactive",
                                        "cached_remote_interactive",
                                        "cached_unlock"};
    return t < AG_ARRAY_LEN(names) ? names[t] : NULL;
}

/* Where a Windows event's fields are: the data objects of each form, in order, and the
 * positional list (PowerShell Properties, Fluent Bit StringInserts) with its field names. */
struct win_src {
    json_t *data[6];
    size_t ndata;
    json_t *positional;
    const char *const *names;
};

/* A field's value, NULL when absent. Data objects with one object inside (UserData's
 * {"LogFileCleared": {…}}) are looked into. */
static json_t *wfield(const struct win_src *w, const char *name)
{
    for (size_t i = 0; i < w->ndata; i++) {
        json_t *v = jget(w->data[i], name);
        if (!v && json_object_size(w->data[i]) == 1) {
            json_t *only = json_object_iter_value(json_object_iter(w->data[i]));
            v = jget(only, name);
        }
        if (v)
            return v;
    }
    if (w->positional && w->names) {
        for (size_t i = 0; w->names[i]; i++) {
            if (strcmp(w->names[i], name) == 0) {
                json_t *v = json_array_get(w->positional, i);
                return json_is_object(v) ? jget(v, "Value") : v;
            }
        }
    }
    return NULL;
}

/* "-" and "" are how Windows writes "none". */
static bool win_none(json_t *v)
{
    if (!v)
        return true;
    if (!json_is_string(v))
        return false;
    const char *p = json_string_value(v);
    return p[0] == '\0' || (p[0] == '-' && p[1] == '\0');
}

static bool sid_rid(const char *sid, const char *rid)
{
    size_t n = strlen(sid), l = strlen(rid);
    return strncmp(sid, "S-1-5-21-", 9) == 0 && n > l + 9 && strcmp(sid + n - l, rid) == 0;
}

/* Administrators, Domain/Enterprise/Schema Admins and the built-in operator groups, by their
 * well-known SIDs (names are translated on some systems) or their English names. */
static bool admin_group(json_t *sid, json_t *name)
{
    static const char *const builtin[] = {"S-1-5-32-544", "S-1-5-32-548", "S-1-5-32-549",
                                          "S-1-5-32-551", NULL};
    static const char *const names[] = {
        "Administrators",    "Domain Admins",    "Enterprise Admins", "Schema Admins",
        "Account Operators", "Server Operators", "Backup Operators",  NULL};
    if (json_is_string(sid)) {
        const char *s = json_string_value(sid);
        for (size_t i = 0; builtin[i]; i++)
            if (strcasecmp(s, builtin[i]) == 0)
                return true;
        if (sid_rid(s, "-512") || sid_rid(s, "-518") || sid_rid(s, "-519"))
            return true;
    }
    if (json_is_string(name))
        for (size_t i = 0; names[i]; i++)
            if (strcasecmp(json_string_value(name), names[i]) == 0)
                return true;
    return false;
}

static const struct win_kind *kind_of(uint64_t id)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(win_kinds); i++)
        if (win_kinds[i].id == id)
            return &win_kinds[i];
    return NULL;
}

static bool known_id(uint64_t id)
{
    return kind_of(id) != NULL;
}

/* The event id of a Windows event in any of the forms, 0 when the object is not one. */
static uint32_t win_event_id(json_t *root)
{
    static const char *const context[] = {"Channel",   "SourceName", "ProviderName", "Provider",
                                          "LogName",   "log_name",   "source_name",  "event_data",
                                          "EventData", NULL};
    json_t *winlog = jget(root, "winlog");
    bool windows = jfirst(root, context) != NULL;
    json_t *cands[] = {
        jget(root, "EventID"),
        windows ? jget(root, "event_id") : NULL, /* winlogbeat 5 and 6 */
        jget(winlog, "event_id"),
        jpath(root, "Event.System.EventID"),
        jpath(root, "win.system.eventID"),
        winlog ? jpath(root, "event.code") : NULL,
        /* PowerShell's "Id" only beside its other fields */
        (jget(root, "ProviderName") || jget(root, "LogName")) ? jget(root, "Id") : NULL,
    };
    /* a flat "EventID" without any other sign of Windows only for the ids we know: an
     * application's own "eventId" beside its message must not hide the message */
    for (size_t i = 0; i < AG_ARRAY_LEN(cands); i++) {
        json_t *v = cands[i];
        if (json_is_object(v)) /* <EventID Qualifiers="…">4625</EventID> as JSON */
            v = jget(v, "#text");
        uint64_t id;
        if (!v || !jnum(v, &id) || id == 0 || id > UINT32_MAX)
            continue;
        if (i == 0 && !windows && !winlog && !known_id(id))
            continue;
        return (uint32_t)id;
    }
    return 0;
}

/* Fills ev from a Windows event; true when its id is one of win_kinds (and the provider, when
 * given, is the one that logs it). */
static bool win_event(json_t *root, uint32_t id, struct lw_event *ev, struct lw_scratch *s)
{
    static const char *const host_paths[] = {
        "winlog.computer_name",  "computer_name",       "Hostname",  "Computer", "MachineName",
        "Event.System.Computer", "win.system.computer", "host.name", NULL};
    static const char *const prov_paths[] = {"winlog.provider_name",
                                             "source_name",
                                             "ProviderName",
                                             "SourceName",
                                             "Provider",
                                             "Event.System.Provider",
                                             "win.system.providerName",
                                             "event.provider",
                                             NULL};
    static const char *const time_paths[] = {"EventTime",
                                             "TimeCreated",
                                             "@timestamp",
                                             "timestamp",
                                             "Event.System.TimeCreated",
                                             "win.system.systemTime",
                                             NULL};
    static const char *const msg_paths[] = {"Message", "win.system.message", NULL};
    json_t *winlog = jget(root, "winlog"), *event = jget(root, "Event"), *win = jget(root, "win");
    json_t *host = jfirst(root, host_paths), *prov = jfirst(root, prov_paths);
    json_t *when = jfirst(root, time_paths), *msg = jfirst(root, msg_paths);
    if (json_is_object(prov)) /* <Provider Name="…"/> */
        prov = jget(prov, "Name");

    ev->event_id = id;
    (void)jtime(when, &ev->time, &ev->utc_offset);
    ev->host = jkeep(s, host);

    const struct win_kind *k = kind_of(id);
    if (json_is_string(prov))
        ev->program = jkeep(s, prov);
    else
        ev->program = k ? (struct lw_slice){k->provider, strlen(k->provider)}
                        : (struct lw_slice){AUDITING, sizeof(AUDITING) - 1};
    if (k && json_is_string(prov) && strcasecmp(json_string_value(prov), k->provider) != 0)
        k = NULL; /* the same number from another provider means something else */

    bool ok = false;
    if (k) {
        struct win_src w = {.ndata = 0};
        json_t *datas[] = {
            jget(winlog, "event_data") ? jget(winlog, "event_data") : jget(root, "event_data"),
            jget(winlog, "user_data") ? jget(winlog, "user_data") : jget(root, "user_data"),
            jget(root, "EventData"),
            jget(event, "EventData"),
            jget(root, "UserData") ? jget(root, "UserData") : jget(event, "UserData"),
            jget(win, "eventdata")};
        for (size_t i = 0; i < AG_ARRAY_LEN(datas); i++)
            if (json_is_object(datas[i]))
                w.data[w.ndata++] = datas[i];
        if (w.ndata < AG_ARRAY_LEN(w.data))
            w.data[w.ndata++] = root; /* NXLog: the fields beside the header's */
        w.positional = jget(root, "Properties");
        if (!json_is_array(w.positional))
            w.positional = jget(root, "StringInserts");
        if (!json_is_array(w.positional))
            w.positional = NULL;
        w.names = k->fields;

        ev->action = k->action;
        ev->outcome = k->outcome;
        ev->decoder = "windows";
        uint64_t v;
        if (k->how & (WIN_LOGON | WIN_NETWORK)) { /* first: what a block needs */
            json_t *addr = wfield(&w, "IpAddress");
            if (!win_none(addr) && json_is_string(addr)) {
                struct lw_slice a = keep(s, json_string_value(addr), json_string_length(addr));
                if (a.n && lw_addr_parse(a.p, a.n, &ev->src_family, ev->src_addr))
                    ev->src = lw_addr_text(a);
                else
                    ev->src_family = 0, memset(ev->src_addr, 0, sizeof(ev->src_addr));
            }
            if (ev->src_family && jnum(wfield(&w, "IpPort"), &v) && v <= 65535)
                ev->src_port = (uint16_t)v;
        }
        json_t *user = wfield(&w, k->user);
        if (win_none(user) && k->user_alt)
            user = wfield(&w, k->user_alt);
        if (!win_none(user))
            ev->user = jkeep(s, user);
        if (k->target) {
            json_t *t = wfield(&w, k->target);
            if (!win_none(t))
                ev->target = jkeep(s, t);
        } else if (k->fixed_target) {
            ev->target = (struct lw_slice){k->fixed_target, strlen(k->fixed_target)};
        }
        if (k->action == LW_ACT_GROUP_ADD &&
            admin_group(wfield(&w, "TargetSid"), wfield(&w, "TargetUserName")))
            ev->flags |= LW_F_ADMIN_GROUP;
        if (k->how & WIN_BY_STATUS && jnum(wfield(&w, "Status"), &v))
            ev->outcome = v == 0 ? LW_OUT_SUCCESS : LW_OUT_FAILURE;
        if (k->unknown_user && ev->outcome == LW_OUT_FAILURE &&
            ((jnum(wfield(&w, "Status"), &v) && v == k->unknown_user) ||
             (jnum(wfield(&w, "SubStatus"), &v) && v == k->unknown_user)))
            ev->flags |= LW_F_INVALID_USER;
        if (k->method)
            ev->method = (struct lw_slice){k->method, strlen(k->method)};
        if (k->how & WIN_LOGON && jnum(wfield(&w, "LogonType"), &v) && logon_type_name(v)) {
            const char *m = logon_type_name(v);
            ev->method = (struct lw_slice){m, strlen(m)};
        }
        ok = true;
    }
    ev->msg = jkeep_max(s, msg, SIZE_MAX);
    return ok;
}

/* ---- journald and generic JSON logs ---- */

/* MESSAGE as journald writes it: a string, or an array of byte values for a message that is
 * not UTF-8 (kept in chunks, which lie one after the other in the arena). */
static struct lw_slice message_of(json_t *v, struct lw_scratch *s)
{
    if (!json_is_array(v))
        return jkeep_max(s, v, SIZE_MAX);
    char bytes[512];
    size_t n = 0, i;
    struct lw_slice all = {s->buf + s->used, 0};
    unsigned cut = s->cut;
    json_t *b;
    json_array_foreach(v, i, b)
    {
        if (!json_is_integer(b) || json_integer_value(b) < 0 || json_integer_value(b) > 255)
            continue;
        bytes[n++] = (char)json_integer_value(b);
        if (n == sizeof(bytes)) {
            all.n += keep_max(s, bytes, n, SIZE_MAX).n;
            n = 0;
            if (s->cut != cut)
                break;
        }
    }
    if (n && s->cut == cut)
        all.n += keep_max(s, bytes, n, SIZE_MAX).n;
    return all.n ? all : (struct lw_slice){NULL, 0};
}

static bool log_event(json_t *root, struct lw_event *ev, struct lw_scratch *s)
{
    static const char *const msg_keys[] = {"MESSAGE", "message", "msg", "log", NULL};
    static const char *const prog_keys[] = {"SYSLOG_IDENTIFIER", "program", "app",          "ident",
                                            "appname",           "_COMM",   "process.name", NULL};
    static const char *const pid_keys[] = {"_PID", "SYSLOG_PID", "pid", "process.pid", NULL};
    static const char *const host_keys[] = {"_HOSTNAME", "hostname", "host", NULL};
    static const char *const time_keys[] = {"timestamp", "time", "@timestamp", NULL};
    json_t *msg = jfirst(root, msg_keys);
    if (!msg || !(json_is_string(msg) || json_is_array(msg)))
        return false;
    json_t *host = jfirst(root, host_keys);
    if (json_is_object(host)) /* ECS: host.name, host.hostname */
        host = jget(host, "name") ? jget(host, "name") : jget(host, "hostname");
    json_t *prog = jfirst(root, prog_keys), *pid = jfirst(root, pid_keys);

    struct lw_slice h = jkeep(s, host), p = jkeep(s, prog), id = jkeep(s, pid);
    struct lw_slice m = message_of(msg, s);
    if (m.n)
        m.n = lw_strip_ansi((char *)m.p, m.n); /* the arena is ours to change */
    while (m.n && (m.p[m.n - 1] == '\n' || m.p[m.n - 1] == '\r'))
        m.n--;
    if (p.n) {
        ev->msg = m;
    } else {
        /* no program given: the message may carry a syslog header of its own (an RFC 3164
         * stamp, which has no year, lands in 1970 and is dropped: the JSON's time or none) */
        lw_syslog_parse(m.p ? m.p : "", m.n, 1970, ev);
        if (ev->time >= 0 && ev->time < 366 * 86400)
            ev->time = 0, ev->utc_offset = 0, ev->time_local = false;
    }
    if (h.n)
        ev->host = h;
    if (p.n)
        ev->program = p;
    if (id.n)
        ev->pid = id;
    json_t *us = json_object_get(root, "__REALTIME_TIMESTAMP");
    uint64_t usec;
    int64_t t;
    int32_t off;
    if (us && jnum(us, &usec) && usec / 1000000 <= INT64_MAX) {
        ev->time = (int64_t)(usec / 1000000);
        ev->utc_offset = 0;
        ev->time_local = false;
    } else if (jtime(jfirst(root, time_keys), &t, &off)) {
        ev->time = t;
        ev->utc_offset = off;
        ev->time_local = false;
    }
    return lw_decode(ev);
}

/* ---- the line ---- */

/* line[0..n) with every byte that is not part of valid UTF-8 replaced by U+FFFD (caller
 * frees), or NULL when out of memory. */
static char *repair_utf8(const char *line, size_t n, size_t *out_n)
{
    char *out = malloc(3 * n + 1);
    if (!out)
        return NULL;
    const unsigned char *p = (const unsigned char *)line;
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t l = p[i] < 0x80                    ? 1
                   : p[i] >= 0xc2 && p[i] <= 0xdf ? 2
                   : p[i] >= 0xe0 && p[i] <= 0xef ? 3
                   : p[i] >= 0xf0 && p[i] <= 0xf4 ? 4
                                                  : 0;
        bool good = l > 0 && i + l <= n;
        for (size_t k = 1; good && k < l; k++)
            good = (p[i + k] & 0xc0) == 0x80;
        /* overlong 3- and 4-byte forms, surrogates and code points above U+10FFFF */
        if (good && l == 3)
            good = !(p[i] == 0xe0 && p[i + 1] < 0xa0) && !(p[i] == 0xed && p[i + 1] >= 0xa0);
        if (good && l == 4)
            good = !(p[i] == 0xf0 && p[i + 1] < 0x90) && !(p[i] == 0xf4 && p[i + 1] >= 0x90);
        if (good) {
            memcpy(out + w, line + i, l);
            w += l;
            i += l;
        } else {
            memcpy(out + w, "\xef\xbf\xbd", 3);
            w += 3;
            i++;
        }
    }
    *out_n = w;
    return out;
}

bool lw_json_event(const char *line, size_t n, struct lw_event *ev, struct lw_scratch *s)
{
    memset(ev, 0, sizeof(*ev));
    ev->repeat = 1;
    scratch_reset(s);
    json_error_t err;
    json_t *root = json_loadb(line, n, JSON_ALLOW_NUL, &err);
    if (!root && json_error_code(&err) == json_error_invalid_utf8) {
        size_t rn;
        char *fixed = repair_utf8(line, n, &rn);
        if (fixed) {
            root = json_loadb(fixed, rn, JSON_ALLOW_NUL, &err);
            free(fixed);
        }
    }
    if (!root) {
        snprintf(s->error, sizeof(s->error), "column %d: %s", err.column, err.text);
        return false;
    }
    bool ok = false;
    if (!json_is_object(root)) {
        snprintf(s->error, sizeof(s->error), "the value is not an object");
    } else {
        uint32_t id = win_event_id(root);
        ok = id ? win_event(root, id, ev, s) : log_event(root, ev, s);
    }
    json_decref(root);
    return ok;
}
