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

/* ---- JSON lines and Windows Security events (json.c; the "winjson" part) ----
 *
 * A JSON line's values live in jansson's memory, not in the line, so lw_json_event copies the
 * strings an event needs into a caller-owned arena of fixed size, reset at every call: no
 * allocation outlives the call, and a line whose fields do not fit gets them cut (counted in
 * `cut`), never an overrun. The event's slices point into the arena (or static texts: a logon
 * type name, a default program) and are valid until the next call with the same arena. */
#define LW_SCRATCH_SIZE 65536
#define LW_FIELD_MAX 4096 /* any one field but the message is cut here */
struct lw_scratch {
    size_t used;     /* bytes of buf in use */
    unsigned cut;    /* fields of this line cut short because buf was full */
    char error[192]; /* why the line is not a JSON object ("" when it is one) */
    char buf[LW_SCRATCH_SIZE];
};

/* Flags of an event given by json.c (a high bit, clear of the LW_F_* above). */
enum {
    LW_F_ADMIN_GROUP = 1 << 16, /* LW_ACT_GROUP_ADD: the group is an administrators group (by its
                                   well-known SID or its English name) */
};

/* Turns line[0..n), a JSON object, into *ev (cleared first), with s as the arena (reset first).
 * Forms: Windows events (NXLog and other flat forms, winlogbeat/ECS `winlog.*`, PowerShell
 * `Get-WinEvent | ConvertTo-Json`, Fluent Bit `StringInserts`, Wazuh `win.*`), journald
 * `journalctl -o json`, and generic JSON logs (`message`/`msg`/`log` with optional host,
 * program, pid and time). A Windows event of a known id gets action, outcome, user, target and
 * source (decoder "windows"); a log message goes through lw_decode. Returns true when the event
 * was recognised; false leaves in *ev what the line gave (time, host, program, event id,
 * message), and s->error says why when the line was not a JSON object at all. */
bool lw_json_event(const char *line, size_t n, struct lw_event *ev, struct lw_scratch *s);

/* Runs the one decoder named `decoder` ("sshd", "pam", "sudo", "su", "login", "accounts",
 * "mail", "ftp", "openvpn", "dropbear", "apps", "web") on ev->msg; false for an unknown name or
 * an unrecognised message. For tests and fuzzing (lw_decode chooses by program). */
bool lw_decode_as(const char *decoder, struct lw_event *ev);

/* Parses all of s[0..n) as an RFC 3339 time stamp (a space for the T, no zone = UTC) into
 * seconds since the epoch and the stated offset east of UTC. */
bool lw_time_rfc3339(const char *s, size_t n, int64_t *t, int32_t *utc_offset);

#endif
