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

/* ==== responses (issue 5 item 6): block list, nftables, configuration ====
 * respond_config.c reads the `respond:` and `allowlist:` keys of the logwatch YAML file;
 * blocklist.c keeps the bounded block list with escalation and its state file; nft.c applies
 * blocks to nftables sets through libnftables (scripts built only from parsed addresses);
 * respond.c decides what an alert leads to. Single-threaded: one responder
 * belongs to one thread (the caller serialises alerts). */
#include <jansson.h>

#define LW_RESPOND_MAX_CATEGORIES 32
#define LW_RESPOND_MAX_DURATIONS 16
#define LW_RESPOND_CATEGORY_MAX 64 /* bytes of a category name, NUL included */
#define LW_NFT_TABLE_MAX 33        /* nftables table name, NUL included */

/* Alert levels (the Sigma levels of the alert contract), lowest first. */
enum lw_level {
    LW_LEVEL_INFORMATIONAL = 0,
    LW_LEVEL_LOW,
    LW_LEVEL_MEDIUM,
    LW_LEVEL_HIGH,
    LW_LEVEL_CRITICAL,
};
/* "informational" … "critical" → *out; false when s is none of them. */
bool lw_level_parse(const char *s, enum lw_level *out);

/* "90", "30s", "10m", "1h", "24h", "7d", "2w", "1h30m" → seconds (> 0, at most 3650 days). */
bool lw_duration_parse(const char *s, int64_t *seconds);
/* seconds as the shortest of "7d", "1h30m", "45s" into out. */
void lw_duration_format(int64_t seconds, char out[32]);

struct lw_respond_config {
    bool enabled; /* automatic responses to alerts (default false: opt in) */
    bool dry_run; /* decide and print, but never touch nftables nor lock an account */
    char categories[LW_RESPOND_MAX_CATEGORIES][LW_RESPOND_CATEGORY_MAX]; /* alerts that block */
    size_t ncategories;
    enum lw_level min_level;                     /* and at least this level (default medium) */
    int64_t durations[LW_RESPOND_MAX_DURATIONS]; /* n-th block lasts durations[n-1] (seconds) */
    size_t ndurations;                           /* ≥ 1; the last repeats */
    int64_t window; /* an offence this long after the last block ended starts afresh */
    char table[LW_NFT_TABLE_MAX]; /* nftables table (family inet) */
    size_t max_entries;           /* cap of the block list */
    char lock_categories[LW_RESPOND_MAX_CATEGORIES][LW_RESPOND_CATEGORY_MAX]; /* lock_accounts */
    size_t nlock;
    struct lw_cidr *allow; /* allowlist (owned; never blocked) */
    size_t nallow;
};
/* The defaults: disabled, categories password_list_attack, brute_force, web_attack; min_level
 * medium; durations 10m, 1h, 24h, 7d; window 7d; table "airguard"; max_entries 65536;
 * lock_accounts
 * login_after_failures, unused_account_login; empty allowlist. */
void lw_respond_config_init(struct lw_respond_config *c);
void lw_respond_config_release(struct lw_respond_config *c);
/* Reads the top-level keys `respond:` and `allowlist:` of the YAML file at path over the
 * defaults in c (initialised by the caller); other top-level keys are left to their readers.
 * Errors (AG_EINVAL, AG_EIO) name the file, line and column. On error c keeps the defaults
 * and whatever was read before the error; release it either way. */
int lw_respond_config_load(const char *path, struct lw_respond_config *c,
                           struct ag_error *err) AG_MUST_CHECK;
/* The same from text[0..n) (name: the file name errors give). */
int lw_respond_config_parse(const char *text, size_t n, const char *name,
                            struct lw_respond_config *c, struct ag_error *err) AG_MUST_CHECK;
/* The allowlist block containing the address, or NULL. */
const struct lw_cidr *lw_respond_allowlisted(const struct lw_respond_config *c, int family,
                                             const uint8_t addr[16]);

/* ---- the block list (blocklist.c) ----
 * Keyed by address. An entry lives while its block runs and for the memory window after it
 * ended; at the cap, adding evicts the entry that expires soonest (counted). */
struct lw_block_entry {
    int family; /* 4 or 6 */
    uint8_t addr[16];
    int64_t first;   /* first offence of the current series (seconds since the epoch) */
    int64_t last;    /* last offence */
    int64_t expires; /* end of the current block (≤ now: not blocked, only remembered) */
    uint32_t count;  /* blocks in the series (the escalation step) */
};
struct lw_block_policy {
    int64_t durations[LW_RESPOND_MAX_DURATIONS];
    size_t ndurations;
    int64_t window;
    size_t cap;
};
void lw_block_policy_from_config(const struct lw_respond_config *c, struct lw_block_policy *p);
struct lw_blocklist;
int lw_blocklist_new(const struct lw_block_policy *p, struct lw_blocklist **out) AG_MUST_CHECK;
void lw_blocklist_free(struct lw_blocklist *bl);
/* The entry of the address, or NULL; borrowed until the list next changes. */
const struct lw_block_entry *lw_blocklist_find(const struct lw_blocklist *bl, int family,
                                               const uint8_t addr[16]);
/* An offence of the address at now. seconds 0: escalate — an address blocked at now is left as
 * it is (*already = true); otherwise the n-th block within the window lasts durations[n-1]
 * (the last one repeats); an offence more than the window after the end of the last block
 * starts the series again at 1. seconds > 0: block for exactly that long (an operator's choice;
 * counted as a block unless the address is blocked at now, whose expiry is replaced). *e receives
 * the entry after the change. AG_ENOMEM only when an allocation fails. */
int lw_blocklist_offend(struct lw_blocklist *bl, int family, const uint8_t addr[16], int64_t now,
                        int64_t seconds, struct lw_block_entry *e, bool *already) AG_MUST_CHECK;
/* Puts e as it is (replacing the address's entry): restoring state, undoing a failed block. */
int lw_blocklist_put(struct lw_blocklist *bl, const struct lw_block_entry *e) AG_MUST_CHECK;
/* Forgets the address; false when it was not there. */
bool lw_blocklist_remove(struct lw_blocklist *bl, int family, const uint8_t addr[16]);
void lw_blocklist_clear(struct lw_blocklist *bl);
/* Forgets entries whose block ended more than the window before now; returns how many. */
size_t lw_blocklist_expire(struct lw_blocklist *bl, int64_t now);
size_t lw_blocklist_count(const struct lw_blocklist *bl);
/* The i-th entry (i < count; order unspecified, stable until the list changes). */
const struct lw_block_entry *lw_blocklist_at(const struct lw_blocklist *bl, size_t i);
/* Entries evicted at the cap since the list was made (or loaded: the count is persisted). */
uint64_t lw_blocklist_evicted(const struct lw_blocklist *bl);
/* The state file: JSON {"version":1,"evicted":N,"entries":[{"addr","first","last","expires",
 * "count"}]} with times as UTC ISO 8601, written with write-then-rename. Load replaces the
 * list's entries (a missing file is an empty list; entries already forgotten at now are
 * dropped; more than the cap keeps the latest-expiring). Errors name the file and the entry. */
int lw_blocklist_save(const struct lw_blocklist *bl, const char *path,
                      struct ag_error *err) AG_MUST_CHECK;
int lw_blocklist_load(struct lw_blocklist *bl, const char *path, int64_t now,
                      struct ag_error *err) AG_MUST_CHECK;
int lw_blocklist_load_text(struct lw_blocklist *bl, const char *text, size_t n, const char *name,
                           int64_t now, struct ag_error *err) AG_MUST_CHECK;
/* The address as text (inet_ntop) into out. */
void lw_addr_format(int family, const uint8_t addr[16], char out[48]);

/* ---- nftables (nft.c) ----
 * Table `inet <table>` with sets blocked4 (ipv4_addr) and blocked6 (ipv6_addr), both with
 * `flags timeout`, and a chain `input` (hook input, priority -10, policy accept) dropping (and
 * counting) packets from them. Changes go through libnftables (no program is started); nft's
 * error output makes the error message. */
struct lw_nft {
    char table[LW_NFT_TABLE_MAX]; /* [A-Za-z][A-Za-z0-9_]* */
    /* Runs an nft script: NULL = lw_nft_run (the kernel); tests record the script instead. */
    int (*run)(void *ctx, const char *script, struct ag_error *err);
    void *ctx;
};
/* Runs an nft script (nft -f syntax) through libnftables as one transaction. AG_EIO with nft's
 * message when it refuses (syntax, missing permission, …). */
int lw_nft_run(const char *script, struct ag_error *err) AG_MUST_CHECK;
/* Whether name is a table name lw_nft accepts. */
bool lw_nft_table_ok(const char *name);
/* Creates the table, sets and chain if missing (the sets keep their elements; the chain's rules
 * are replaced, so running it again adds nothing). */
int lw_nft_setup(const struct lw_nft *nft, struct ag_error *err) AG_MUST_CHECK;
/* Adds the address to its set for `seconds` (replacing any timeout it had). */
int lw_nft_block(const struct lw_nft *nft, int family, const uint8_t addr[16], int64_t seconds,
                 struct ag_error *err) AG_MUST_CHECK;
/* Removes it (no error when it is not in the set). */
int lw_nft_unblock(const struct lw_nft *nft, int family, const uint8_t addr[16],
                   struct ag_error *err) AG_MUST_CHECK;
/* Empties both sets. */
int lw_nft_flush(const struct lw_nft *nft, struct ag_error *err) AG_MUST_CHECK;
/* Setup, then every entry of bl blocked at now with its remaining time, in one transaction
 * (after a reboot the kernel's sets are empty; the state file is not). */
int lw_nft_restore(const struct lw_nft *nft, const struct lw_blocklist *bl, int64_t now,
                   struct ag_error *err) AG_MUST_CHECK;

/* ---- the responder (respond.c) ---- */
/* Where blocks go: nft by default; tests put a recorder here. Each returns 0 or an AG_E* code
 * with err set. */
struct lw_firewall {
    int (*block)(void *ctx, int family, const uint8_t addr[16], int64_t seconds,
                 struct ag_error *err);
    int (*unblock)(void *ctx, int family, const uint8_t addr[16], struct ag_error *err);
    int (*flush)(void *ctx, struct ag_error *err);
    void *ctx;
};
enum lw_response {
    LW_RESP_IGNORED = 0, /* responses disabled, or category/level not one that blocks */
    LW_RESP_NO_ADDRESS,  /* a blocking alert without a usable src_ip */
    LW_RESP_ALLOWLISTED, /* the address is allowlisted: never blocked */
    LW_RESP_ALREADY,     /* blocked already (no new offence) */
    LW_RESP_BLOCKED,     /* blocked now */
    LW_RESP_WOULD_BLOCK, /* dry run: what would have been blocked */
    LW_RESP_FAILED,      /* the firewall refused (out->err says why); nothing recorded */
};
const char *lw_response_name(enum lw_response r); /* "blocked", "would_block", … */
struct lw_response_out {
    enum lw_response block;
    char addr[48];    /* the address concerned (empty when none) */
    int64_t seconds;  /* how long the block lasts */
    int64_t expires;  /* when it ends */
    uint32_t offence; /* the escalation step (1 = first block in the window) */
    char allow[64];   /* LW_RESP_ALLOWLISTED: the allowlist block that matched */
    bool lock;        /* the alert's user is to be locked (category in lock_accounts) */
    char user[256];   /* the alert's user when lock */
    struct ag_error err;
};
struct lw_respond_stats {
    uint64_t alerts, ignored, no_address, allowlisted, already, blocked, would_block, failed, locks;
};
struct lw_responder;
/* cfg is borrowed for the responder's life. The firewall is nftables (table cfg->table). */
int lw_responder_new(const struct lw_respond_config *cfg, struct lw_responder **out) AG_MUST_CHECK;
void lw_responder_free(struct lw_responder *r);
void lw_responder_set_firewall(struct lw_responder *r, const struct lw_firewall *fw);
struct lw_blocklist *lw_responder_blocklist(struct lw_responder *r);
const struct lw_respond_stats *lw_responder_stats(const struct lw_responder *r);
/* Decides what the alert (an object of the alert contract) leads to and does it: blocks
 * src_ip when responses are enabled, the category is one of cfg->categories and the level
 * ≥ cfg->min_level, unless allowlisted; in dry-run only records the decision in the in-memory
 * list. Sets out->lock when the category is one of lock_accounts and the alert names a user
 * (locking is the caller's: it needs the store). Returns AG_OK, AG_EINVAL for an alert that
 * is not an object or has a malformed src_ip/level (out->err says which), or the firewall's
 * error (out->block = LW_RESP_FAILED). */
int lw_respond_alert(struct lw_responder *r, const json_t *alert, int64_t now,
                     struct lw_response_out *out) AG_MUST_CHECK;
/* An operator's block (seconds 0: escalate as for an alert). Allowlisted addresses are refused
 * (out->block = LW_RESP_ALLOWLISTED, AG_EDENIED). */
int lw_respond_block(struct lw_responder *r, int family, const uint8_t addr[16], int64_t now,
                     int64_t seconds, struct lw_response_out *out) AG_MUST_CHECK;
/* Lifts a block and forgets the address's history (AG_ENOTFOUND when not in the list; the
 * firewall is asked to remove it anyway). */
int lw_respond_unblock(struct lw_responder *r, int family, const uint8_t addr[16],
                       struct ag_error *err) AG_MUST_CHECK;
/* Lifts every block and forgets every history. */
int lw_respond_flush(struct lw_responder *r, struct ag_error *err) AG_MUST_CHECK;

/* The texts of the responses (msgs_respond.c), registered by lw_register_messages. */
extern const struct ag_msg lw_msgs_respond[];
extern const size_t lw_msgs_respond_count;

#endif
