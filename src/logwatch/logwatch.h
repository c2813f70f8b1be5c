/*
 * logwatch.h — log collection and detection (issue 5), the monitor the guideline's 3.1.5.1(2)(a)
 * (acquire, protect, inspect and analyse logs) and (e) (password-list attacks) ask for.
 *
 * This first layer turns one log line into one normalised event, without allocating: every
 * text field of struct lw_event is a slice (pointer, length) into the caller's line, valid as
 * long as the line is (one exception: the user of a refused root login, LW_F_ROOT, is the
 * static text "root"). Steps:
 *   lw_syslog_parse   the header: RFC 5424, RFC 3164 (with or without <PRI>), RFC 3339 time
 *                     stamps as rsyslog writes them, or a bare message;
 *   lw_decode         the message by its program (sshd today; a bare message is tried against
 *                     every decoder) into action, outcome, user, source address and port.
 * Both are pure functions of the line (and the reference year for RFC 3164 stamps, which carry
 * none): safe from any thread, fuzzed (tests/fuzz/fuzz_logwatch_line.c).
 */
#ifndef AG_LOGWATCH_H
#define AG_LOGWATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/common.h"

/* A piece of the line: not NUL-terminated. */
struct lw_slice {
    const char *p;
    size_t n;
};

enum lw_action {
    LW_ACT_NONE = 0,       /* not recognised */
    LW_ACT_LOGIN,          /* an authentication attempt (outcome says how it went) */
    LW_ACT_PROBE,          /* a connection that never tried to authenticate properly: scans,
                              protocol garbage, time-outs before authentication */
    LW_ACT_DISCONNECT,     /* a session or connection ended (preauth: before authentication) */
    LW_ACT_INFO,           /* recognised, nothing to detect (e.g. a client's disconnect message) */
    LW_ACT_PRIV,           /* use of privileges: sudo, su (user = who, target = as whom) */
    LW_ACT_ACCOUNT_CREATE, /* an account was created (user = the new account) */
    LW_ACT_ACCOUNT_DELETE,
    LW_ACT_ACCOUNT_CHANGE, /* password, expiry or other attributes changed */
    LW_ACT_GROUP_ADD,      /* user added to group target (privilege granted if an admin group) */
    LW_ACT_LOCKOUT,        /* an account was locked after failures */
    LW_ACT_LOG_CLEARED,    /* an audit log was cleared (Windows 1102, journal/rsyslog wipes) */
};

enum lw_outcome { LW_OUT_UNKNOWN = 0, LW_OUT_SUCCESS, LW_OUT_FAILURE };

/* Flags of an event. */
enum {
    LW_F_INVALID_USER = 1 << 0, /* the user name does not exist on the host */
    LW_F_PREAUTH = 1 << 1,      /* before authentication completed */
    LW_F_ROOT = 1 << 2,         /* a login as root was refused by configuration */
    LW_F_MAXTRIES = 1 << 3,     /* the server gave up: too many attempts on one connection */
};

struct lw_event {
    int64_t time;            /* seconds since the epoch (UTC), 0 when the line has no time */
    int32_t utc_offset;      /* seconds east of UTC stated by the line (0 if none) */
    struct lw_slice host;    /* empty when the line has none */
    struct lw_slice program; /* e.g. "sshd" */
    struct lw_slice pid;
    struct lw_slice msg; /* the message after the header */
    enum lw_action action;
    enum lw_outcome outcome;
    unsigned flags;         /* LW_F_* */
    struct lw_slice user;   /* the account tried (or acting) */
    struct lw_slice target; /* the account or group acted on (sudo USER=, su (to X), a group);
                               the request target of a web request */
    struct lw_slice method; /* "password", "publickey", …; the HTTP method of a web request */
    struct lw_slice src;    /* source address text, without a %scope or brackets */
    int src_family;         /* 4 or 6; 0 when there is no source address */
    uint8_t src_addr[16];   /* the address in network order (IPv4-mapped IPv6 folded to IPv4) */
    uint16_t src_port;      /* 0 when not logged */
    uint32_t repeat;        /* "message repeated N times": N, else 1 */
    uint16_t http_status;   /* web access logs: the response status, else 0 */
    const char *decoder;    /* "sshd", "pam", "mail", …, or NULL */
    uint32_t event_id;      /* Windows event id (4624, 4625, …), else 0 */
};

/* Parses the syslog header of line[0..n) into ev (clearing it first). `year` is the year given
 * to RFC 3164 stamps (which have none). Never fails: a line without a recognisable header is a
 * bare message (ev->msg = the whole line). */
void lw_syslog_parse(const char *line, size_t n, int year, struct lw_event *ev);

/* Decodes ev->msg by ev->program (or, for an empty or unknown program, by trying each decoder
 * on the content). "message repeated N times: [ … ]" is unwrapped first (ev->repeat = N).
 * Returns true when a decoder recognised the message. Decoders: sshd, pam (pam_unix and
 * pam_faillock of any program), sudo, su, login, accounts (useradd, usermod, userdel, groupadd,
 * gpasswd, passwd, chage), mail (Postfix, Dovecot, Exim, Courier, Cyrus), ftp (vsftpd,
 * ProFTPD, Pure-FTPd), openvpn. */
bool lw_decode(struct lw_event *ev);
/* The sshd decoder alone. */
bool lw_decode_sshd(struct lw_event *ev);

/* Whether the event is a sign of an attack on a login service: a failed login, a probe, or a
 * connection dropped before authentication. (Which alerts it leads to is for the rules.) */
bool lw_event_hostile(const struct lw_event *ev);

/* Stable English names, for JSON output. */
const char *lw_action_name(enum lw_action a);
const char *lw_outcome_name(enum lw_outcome o);

/* Parses an IPv4 or IPv6 address at s[0..n) (an IPv6 %scope suffix is accepted and left out):
 * *family 4 or 6, addr in network order (IPv4-mapped IPv6 folded to IPv4). */
bool lw_addr_parse(const char *s, size_t n, int *family, uint8_t addr[16]);

/* An address block: "10.0.0.0/8", "2001:db8::/32", or one address (all bits). */
struct lw_cidr {
    int family; /* 4 or 6 */
    uint8_t addr[16];
    uint8_t bits;
};
/* Parses s[0..n) as an address block; false (and *c unspecified) when it is not one. */
bool lw_cidr_parse(const char *s, size_t n, struct lw_cidr *c);
/* Whether the address (as lw_addr_parse gives it) lies in the block. */
bool lw_cidr_match(const struct lw_cidr *c, int family, const uint8_t addr[16]);

/* Removes terminal colour and cursor codes (ESC [ … final byte, and other two-byte ESC
 * sequences) from line[0..n) in place, as some programs (Gitea, …) write them into their logs;
 * returns the new length. Run by the inputs before lw_syslog_parse. */
size_t lw_strip_ansi(char *line, size_t n);

/* Registers the texts of `airguard logwatch` (msgs_logwatch.c) with ag_tr. */
void lw_register_messages(void);

/* ---- Rules, correlation and alerts (rules.c, engine.c, config.c; docs/rules.md) ----
 * A rule set is Sigma-compatible YAML: detection rules (selections, modifiers, condition) and
 * correlation rules (event_count, value_count, temporal, temporal_ordered, and airguard's
 * new_value, dormant, silence). The engine feeds each event through the rules, keeps the
 * correlation windows in bounded memory and calls back with alerts as JSON objects (the alert
 * format is in docs/logwatch.md). One engine is used from one thread. */
struct lw_ruleset;
struct lw_engine;
struct strbuf;
struct json_t;

/* Loads the rules of the given files and directories (*.yml, *.yaml; directories in name
 * order). Errors go to errs, one per line, "file:line:column: message" in lang. Without
 * keep_going any error fails the load (AG_EINVAL) and nothing is returned; with it, the good
 * rules load and the bad ones are reported. *out: caller frees with lw_ruleset_free. */
int lw_rules_load(const char *const *paths, size_t npaths, bool keep_going, enum ag_lang lang,
                  struct lw_ruleset **out, struct strbuf *errs) AG_MUST_CHECK;
/* The same from a buffer (rules in YAML text; name is used in error messages). */
int lw_rules_load_buffer(const char *name, const char *buf, size_t len, bool keep_going,
                         enum ag_lang lang, struct lw_ruleset **out,
                         struct strbuf *errs) AG_MUST_CHECK;
void lw_ruleset_free(struct lw_ruleset *rs);
size_t lw_ruleset_size(const struct lw_ruleset *rs);
const char *lw_rule_title(const struct lw_ruleset *rs, size_t i);
/* The guideline references of rule i (its mlit.* tags, e.g. "3.1.5.1(2)(e)"). */
const char *const *lw_rule_guideline(const struct lw_ruleset *rs, size_t i, size_t *n);
/* Records the catalog id the k-th guideline reference of rule i resolves to (copied). */
int lw_rule_set_catalog(struct lw_ruleset *rs, size_t i, size_t k, const char *id);
/* 0 informational … 4 critical; -1 for an unknown level name. */
int lw_level_rank(const char *level);

/* Engine settings: the site (for hour/weekday/workhours/holiday), the allowlist, caps. */
struct lw_config {
    int32_t utc_offset; /* the site's offset from UTC in seconds (Japan: 32400) */
    unsigned workdays;  /* bit 0 Monday … bit 6 Sunday; default Monday–Friday */
    int work_start;     /* minutes after midnight, default 8:00 */
    int work_end;       /* default 19:00 */
    int32_t *holidays;  /* days since 1970-01-01 (site time), sorted */
    size_t nholidays;
    struct lw_cidr *allow; /* never alerted on (counted), never blocked */
    size_t nallow;
    size_t max_keys; /* correlation keys kept at most (default 200,000); the least
                        recently used is evicted beyond it, and counted */
    char **disabled; /* rule names, ids or titles switched off */
    size_t ndisabled;
    char **suppress_rule; /* per-rule suppression: at most one alert per key per period */
    int64_t *suppress_secs;
    size_t nsuppress;
};
void lw_config_init(struct lw_config *cfg);
void lw_config_release(struct lw_config *cfg);
/* Reads the top-level keys `site:`, `allowlist:` and `rules:` of a logwatch YAML config file
 * (other top-level keys belong to other parts and are ignored). Errors name file, line,
 * column. */
int lw_config_load(const char *path, struct lw_config *cfg, enum ag_lang lang,
                   struct strbuf *errs) AG_MUST_CHECK;

/* Called for each alert; the object is borrowed (json_incref to keep it). */
typedef void (*lw_alert_fn)(void *ctx, struct json_t *alert);

/* cfg is copied (its arrays are borrowed: keep them alive as long as the engine). */
int lw_engine_new(struct lw_engine **out, const struct lw_config *cfg, lw_alert_fn fn,
                  void *ctx) AG_MUST_CHECK;
void lw_engine_free(struct lw_engine *e);
/* Takes rs (frees the previous set). Window state of correlations is kept by rule name, so a
 * reload (SIGHUP) loses none of it. */
void lw_engine_set_rules(struct lw_engine *e, struct lw_ruleset *rs);
/* One decoded (or undecoded: action none) event. src/lineno name it in evidence; raw[0..rawn)
 * is the line. */
void lw_engine_event(struct lw_engine *e, const struct lw_event *ev, const char *src,
                     uint64_t lineno, const char *raw, size_t rawn);
/* The input ended or the clock moved: silences up to `now` are reported. */
void lw_engine_tick(struct lw_engine *e, int64_t now);

struct lw_engine_stats {
    uint64_t events, matches, alerts, suppressed, allowlisted, evicted;
    size_t keys, memory; /* live correlation keys; bytes they hold */
};
void lw_engine_stats(const struct lw_engine *e, struct lw_engine_stats *st);

#endif
