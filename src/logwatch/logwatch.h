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

/* ==== Alerts and outputs (output.c; docs/logwatch.md "Alerts and outputs") ====
 * Where the rule engine's alerts go: JSON lines on standard output or appended to a file
 * (reopened by lw_output_reopen, which the caller runs when it got SIGHUP, for logrotate),
 * syslog RFC 5424 to a collector over UDP or TCP (RFC 6587 octet counting), and batches handed
 * to a store callback (ag_logwatch does not link the store: `airguard` passes
 * isms_alert_add_batch through it). Configured by the top-level key `outputs:` of the logwatch
 * YAML file; other top-level keys belong to the other parts and are ignored here.
 * An alert is the jansson object of the contract (docs/logwatch.md). One struct lw_output is
 * used by one thread. */
#include <jansson.h>

enum lw_syslog_proto { LW_SYSLOG_NONE = 0, LW_SYSLOG_UDP, LW_SYSLOG_TCP };
/* sd: the alert's fields as RFC 5424 structured data, the rule as message; json: no structured
 * data, the whole alert as a JSON message. */
enum lw_syslog_format { LW_SYSLOG_SD = 0, LW_SYSLOG_JSON };

#define LW_OUTPUT_MAX_CATEGORIES 32
struct lw_output_config {
    char json_path[512]; /* "" = no JSON lines; "-" = standard output */
    enum lw_syslog_proto syslog_proto;
    char syslog_host[256], syslog_port[8];
    enum lw_syslog_format syslog_format;
    int syslog_facility;  /* 0..23 (default 10, authpriv) */
    char syslog_app[49];  /* APP-NAME (default "airguard") */
    bool store;           /* hand alerts to the store callback */
    unsigned store_batch; /* alerts per batch (default 1000) */
    /* outputs.incident: open an incident for alerts at or above min_level ("" = never) of the
     * listed categories (none listed = all), reported by the person `reporter` (a login; ""
     * = the acting person of the command) */
    char incident_min_level[16];
    char incident_categories[LW_OUTPUT_MAX_CATEGORIES][65];
    size_t incident_ncategories;
    char incident_reporter[65];
};
/* The defaults (no output). */
void lw_output_config_init(struct lw_output_config *cfg);
/* Reads `outputs:` of the YAML file at path into cfg (defaults first). A missing key leaves the
 * default; an unknown key or a bad value under outputs is AG_EINVAL with "FILE:LINE:COLUMN:
 * outputs.KEY: problem"; an unreadable file AG_EIO. */
int lw_output_config_load(const char *path, struct lw_output_config *cfg,
                          struct ag_error *err) AG_MUST_CHECK;

/* Stores a batch of alerts (borrowed for the call); returns 0 or an AG_E* code with err set. */
typedef int (*lw_store_fn)(void *ctx, json_t *const *alerts, size_t n, struct ag_error *err);

struct lw_output;
/* Opens the outputs of cfg: the JSON file (append, created 0640), the syslog socket (a TCP
 * collector that is down is retried at the next alert, at most once a second; alerts meanwhile
 * are counted as dropped). store (may be NULL) receives batches when cfg->store. */
int lw_output_open(struct lw_output **out, const struct lw_output_config *cfg, lw_store_fn store,
                   void *store_ctx, struct ag_error *err) AG_MUST_CHECK;
/* Sends one alert to every output. A JSON-file or store failure is returned; syslog failures
 * are counted (a collector's outage does not stop detection). */
int lw_output_emit(struct lw_output *o, json_t *alert, struct ag_error *err) AG_MUST_CHECK;
/* Writes what is buffered: the JSON lines, and the store's partial batch. */
int lw_output_flush(struct lw_output *o, struct ag_error *err) AG_MUST_CHECK;
/* Flushes, closes and reopens the JSON file by its path (after logrotate renamed it). */
int lw_output_reopen(struct lw_output *o, struct ag_error *err) AG_MUST_CHECK;
/* Flushes (errors are lost: flush first to see them) and frees. NULL is allowed. */
void lw_output_free(struct lw_output *o);
struct lw_output_stats {
    uint64_t json_lines, syslog_sent, syslog_dropped, syslog_connects, stored;
};
void lw_output_get_stats(const struct lw_output *o, struct lw_output_stats *s);

/* One alert as an RFC 5424 message (without framing) into out (reset first): PRI from the
 * facility and the level (critical 2, high 3, medium 4, low 5, informational 6), the alert's time,
 * hostname, app, our pid, the category as MSGID, then the structured data
 * [airguard@32473 id=… category=… level=… …] and the rule, or "-" and the alert as JSON.
 * max_len > 0 keeps the message under that many bytes (the evidence is left out first). */
int lw_syslog_format_alert(const json_t *alert, enum lw_syslog_format fmt, int facility,
                           const char *hostname, const char *app, size_t max_len,
                           struct strbuf *out) AG_MUST_CHECK;

/* The texts of alerts, their outputs and `airguard alert` (msgs_alerts.c), registered by
 * lw_register_messages. */
extern const struct ag_msg lw_msgs_alerts[];
extern const size_t lw_msgs_alerts_count;

#endif
