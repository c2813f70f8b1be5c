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
    bool time_local;         /* the stamp had no zone (RFC 3164): it is the sender's local time,
                                taken as UTC here; the engine moves it by the site's offset
                                (config site.timezone) */
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
 * correlation windows in bounded memory and calls back with alerts as plain records (struct
 * lw_alert; lw_alert_json makes the JSON object of the alert format in docs/logwatch.md). One
 * engine is used from one thread. */
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
/* The compiled Vectorscan databases of rule sets kept on disk (hs_cache.c): `hs-<sha256>.db`
 * files in dir, read only when they and dir belong to this user and are not group- or
 * world-writable. NULL (the default) turns the cache off: every load compiles. Set before rule
 * sets load; the folder is copied. */
void lw_hs_cache_set_dir(const char *dir);
/* The default folder and its making: ag_cache_default_dir, ag_cache_make_dir (common.h). */
struct lw_hs_cache_stats {
    uint64_t hits;     /* databases deserialised from a file */
    uint64_t misses;   /* databases compiled (no file, or one not used) */
    uint64_t stored;   /* files written */
    uint64_t rejected; /* files found and not used: foreign, writable, corrupt, another version */
};
/* Counters of this process, since it started (loads while the cache is off count nowhere). */
void lw_hs_cache_stats(struct lw_hs_cache_stats *st);
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
    int32_t utc_offset;  /* the site's offset from UTC in seconds (Japan: 32400) */
    bool utc_offset_set; /* site.timezone was given (netwatch uses it only then) */
    unsigned workdays;   /* bit 0 Monday … bit 6 Sunday; default Monday–Friday */
    int work_start;      /* minutes after midnight, default 8:00 */
    int work_end;        /* default 19:00 */
    int32_t *holidays;   /* days since 1970-01-01 (site time), sorted */
    size_t nholidays;
    struct lw_cidr *allow; /* never alerted on (counted), never blocked */
    size_t nallow;
    size_t max_keys; /* correlation keys kept at most (default 200,000); the least
                        recently used is evicted beyond it, and counted */
    char **disabled; /* rule names, ids or titles switched off */
    size_t ndisabled;
    char **service_accounts; /* the site's automation accounts (field service_account) */
    size_t nservice;
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

/* An alert as the engine hands it over: plain fields, no JSON built (most alerts of a busy
 * log are only counted, suppressed or filtered; the JSON object is made by lw_alert_json where
 * an output needs it). Everything is borrowed from the engine and the rule set for the
 * duration of the callback only. A slice with p == NULL is absent. */
#define LW_ALERT_REFS 10 /* evidence: file:line references of the events behind an alert */
struct lw_alert_ref {
    const char *src; /* the input's name ("-" when unknown) */
    uint64_t line;
};
struct lw_alert {
    uint64_t hid;                      /* id = "lw-" + 16 hex digits of this */
    int64_t time, first;               /* UTC seconds: the completing event, the first one */
    const char *category, *rule_title; /* never NULL */
    const char *rule_id;               /* NULL when the rule has none */
    const char *level;
    struct lw_slice src_ip, user; /* from the event (any bytes; not UTF-8 → '?') */
    const char *host_label;       /* silence: the group's text, else NULL … */
    struct lw_slice host;         /* … and the event's host */
    uint64_t count;
    char *const *guideline, *const *catalog; /* nguideline each; catalog[i] may be NULL */
    size_t nguideline;
    char *const *attack;
    size_t nattack;
    struct lw_slice raw; /* the completing line (at most 512 bytes), p NULL: none */
    struct lw_alert_ref refs[LW_ALERT_REFS];
    size_t nrefs;
    const struct lw_slice *values; /* value_count: the distinct values seen */
    size_t nvalues;
};
/* The alert as the JSON object of the contract (docs/logwatch.md), keys in contract order;
 * caller frees (json_decref). NULL when out of memory. */
struct json_t *lw_alert_json(const struct lw_alert *a);

/* Called for each alert; a is borrowed for the call (lw_alert_json to keep it). */
typedef void (*lw_alert_fn)(void *ctx, const struct lw_alert *a);

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
/* ==== inputs (issue 5 item 1, item 8's rate limit): frame.c, tail.c, listen.c ====
 * Every input hands its lines to one sink, lw_line_fn. The inputs: files (tail.c: rotation,
 * truncation, offsets persisted), standard input (tail.c, as a stream), syslog over UDP, TCP
 * and TLS (listen.c, with the stream framer of frame.c). All run in the caller's thread, in one
 * poll(2) loop (lw_listen_run); nothing here starts a thread. */

#define LW_LINE_MAX 65536 /* longer lines are cut here (and counted), the rest skipped */

enum lw_input_kind { LW_IN_FILE = 0, LW_IN_STDIN, LW_IN_UDP, LW_IN_TCP, LW_IN_TLS };
/* "file", "stdin", "udp", "tcp", "tls". */
const char *lw_input_kind_name(enum lw_input_kind k);

/* Where a line came from. Borrowed by the sink for the duration of the call. */
struct lw_origin {
    enum lw_input_kind kind;
    const char *name; /* the watched path, "-" for stdin, or the listening address "HOST:PORT" */
    const char *peer; /* the sender "ADDR:PORT" ("[v6]:PORT") of a network line, else NULL */
    uint64_t lineno;  /* line number in the file (from 1; files and stdin), else 0 */
};

/* The sink: line[0..n) without its newline, NUL-terminated at n, n <= LW_LINE_MAX. The sink may
 * modify line[0..n) (e.g. lw_strip_ansi) and must not keep the pointer after it returns. */
typedef void (*lw_line_fn)(void *ctx, const struct lw_origin *o, char *line, size_t n);

/* Counters of one input (what `airguard logwatch stats` shows). */
struct lw_input_stats {
    uint64_t lines;        /* lines handed to the sink */
    uint64_t bytes;        /* bytes read (files, stdin) or received (network) */
    uint64_t cut;          /* lines longer than LW_LINE_MAX, cut there */
    uint64_t drops;        /* lines dropped by the rate limit */
    uint64_t frame_errors; /* bad octet counts, oversized or truncated frames (TCP, TLS) */
    uint64_t conns;        /* connections accepted (TCP, TLS) */
    uint64_t refused;      /* connections refused (over the limit) or failed TLS handshakes */
};

/* -- the syslog stream framer (frame.c): RFC 6587 octet counting ("LEN SP MSG") and newline
 * (LF or NUL) framing, told apart at the start of every frame, so a connection may mix them.
 * A pure function of the bytes fed, whatever the chunking; memory: one buffer of
 * LW_LINE_MAX + 1 bytes allocated by lw_framer_new, nothing after. */
struct lw_framer;
/* The framer's sink: msg[0..n), NUL-terminated at n, writable, borrowed for the call. */
typedef void (*lw_frame_fn)(void *ctx, char *msg, size_t n);
int lw_framer_new(struct lw_framer **out) AG_MUST_CHECK;
void lw_framer_free(struct lw_framer *f);
/* Feeds data[0..n); every message completed by it goes to fn. Never fails: a bad length
 * ("0 ", or more than LW_FRAME_HARD_MAX) counts a frame error and skips to the next LF or NUL;
 * a message longer than LW_LINE_MAX is cut there (counted) and the rest skipped. */
void lw_framer_feed(struct lw_framer *f, const char *data, size_t n, lw_frame_fn fn, void *ctx);
/* The peer closed: a newline-framed message without its newline is delivered; a half octet-
 * counted frame counts a frame error. The framer is then at the start of a frame again. */
void lw_framer_finish(struct lw_framer *f, lw_frame_fn fn, void *ctx);
/* Counters since lw_framer_new: messages delivered, cut, frame errors. */
void lw_framer_counts(const struct lw_framer *f, uint64_t *msgs, uint64_t *cut, uint64_t *errors);
#define LW_FRAME_HARD_MAX (1u << 20) /* an octet count above this is an error, not a long line */

/* -- file tail (tail.c). One struct lw_tail per watched path (or per stream: stdin).
 * Reading: complete lines only; a last line without its newline waits for it (lw_tail_flush
 * hands it over at the end of a run). Rotation (the path names another file now): the old
 * file is read to its end, its unfinished last line flushed, then the new file from 0.
 * Truncation (size below the offset) or a changed head (copytruncate, a reused inode): from 0.
 * A missing file is waited for. State (with a state_dir): device, inode, offset, line number
 * and a hash of the file's first bytes, written atomically by lw_tail_commit to
 * state_dir/tail-<hash of the path>.json; lw_tail_open resumes there, also when the file was
 * rotated in between (the old file is looked for beside the path by its inode). */
struct lw_tail;
/* Opens path (made absolute against the working directory). state_dir NULL: start at 0.
 * Returns NULL with err set when the state file is unreadable or the path is not a file
 * (a directory, say); a missing file is no error (it is waited for: lw_tail_waiting).
 * Caller frees with lw_tail_close. */
struct lw_tail *lw_tail_open(const char *path, const char *state_dir, struct ag_error *err);
/* A stream (stdin, a pipe) read through the same line splitter: no rotation, no state; name is
 * what the origin shows ("-"). The fd stays the caller's. */
struct lw_tail *lw_tail_open_fd(int fd, const char *name, struct ag_error *err);
/* Hands every complete line up to the current end of the file to fn; returns the number of
 * lines, or a negative AG_E* code (err set: a read error). On a stream, exactly one read(2)
 * (it blocks on a blocking fd); lw_tail_eof says when the stream ended. */
int lw_tail_read(struct lw_tail *t, lw_line_fn fn, void *ctx, struct ag_error *err);
/* The same, stopping after max_lines lines (the rest stays for the next call): the rate limit
 * of files paces the reading instead of dropping lines. */
int lw_tail_read_max(struct lw_tail *t, lw_line_fn fn, void *ctx, uint64_t max_lines,
                     struct ag_error *err);
/* Hands over an unfinished last line (the end of the run). Returns 1 if there was one. */
int lw_tail_flush(struct lw_tail *t, lw_line_fn fn, void *ctx);
/* Saves the position after the last line handed over (no-op without a state_dir). */
int lw_tail_commit(struct lw_tail *t, struct ag_error *err) AG_MUST_CHECK;
bool lw_tail_waiting(const struct lw_tail *t); /* the file does not exist (yet) */
bool lw_tail_eof(const struct lw_tail *t);     /* a stream reached its end */
bool lw_tail_more(const struct lw_tail *t);    /* lw_tail_read_max stopped before the end */
const struct lw_input_stats *lw_tail_stats(const struct lw_tail *t);
void lw_tail_close(struct lw_tail *t);

/* -- per-input rate limit: a token bucket (listen.c). rate 0 = no limit. */
struct lw_rate {
    double rate, burst, tokens;
    int64_t last_ns;
};
void lw_rate_init(struct lw_rate *r, double per_sec, double burst);
/* Takes one token at time now_ns (CLOCK_MONOTONIC); false when the bucket is empty. */
bool lw_rate_take(struct lw_rate *r, int64_t now_ns);
/* Whole tokens available at now_ns (UINT64_MAX without a limit); lw_rate_spend takes n. */
uint64_t lw_rate_avail(struct lw_rate *r, int64_t now_ns);
void lw_rate_spend(struct lw_rate *r, uint64_t n);

/* -- the listeners and the loop (listen.c): UDP, TCP and TLS syslog and the tails, in one
 * poll(2) loop. Addresses "HOST:PORT", "[V6]:PORT" or ":PORT" (every address); port 0 takes a
 * free port (lw_listen_addr tells which). */
struct lw_listen_config {
    const char *udp, *tcp, *tls; /* listening addresses, NULL = none */
    const char *cert, *key;      /* PEM files for TLS */
    const char *const *files;    /* paths to tail ("-" = standard input) */
    size_t nfiles;
    const char *state_dir;        /* tail offsets (and inputs.json, the counters), NULL = none */
    double rate;                  /* lines per second per input, 0 = no limit */
    unsigned max_conns;           /* TCP + TLS connections at once (0: 256) */
    unsigned idle_timeout;        /* seconds without data before a connection is closed (0: 600) */
    lw_line_fn on_line;           /* the sink */
    void *ctx;                    /* its context */
    void (*on_reload)(void *ctx); /* SIGHUP (NULL = ignored) */
    void (*on_tick)(void *ctx);   /* each turn of the loop, at least every 200 ms (may be NULL) */
};
struct lw_listen;
/* Binds every listener and opens every tail (err names the address or file that failed). */
int lw_listen_new(struct lw_listen **out, const struct lw_listen_config *cfg,
                  struct ag_error *err) AG_MUST_CHECK;
/* The i-th input: its kind, its name (the bound address "127.0.0.1:41234" for a listener, the
 * path for a tail) and its counters; false past the last. */
bool lw_listen_input(const struct lw_listen *l, size_t i, enum lw_input_kind *kind,
                     const char **name, struct lw_input_stats *stats);
/* Runs until SIGTERM/SIGINT (lw_signals_install) or, with only tails of finished streams left,
 * their end. Returns 0, or a negative AG_E* code on a fatal error (poll failing). */
int lw_listen_run(struct lw_listen *l, struct ag_error *err);
/* The counters of every input as a JSON object {"inputs":[{kind,name,lines,…}]} (caller
 * decrefs); lw_listen_run also writes it to state_dir/inputs.json every few seconds. */
struct json_t;
struct json_t *lw_listen_stats_json(const struct lw_listen *l);
void lw_listen_free(struct lw_listen *l);

/* SIGTERM/SIGINT set the stop flag, SIGHUP the reload flag (sigaction without SA_RESTART, so
 * poll returns); SIGPIPE is ignored. */
void lw_signals_install(void);
bool lw_signal_stop(void);
bool lw_signal_take_reload(void);  /* true once per SIGHUP received */
void lw_signal_request_stop(void); /* for tests and callers that end the loop themselves */
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
extern const struct ag_msg lw_msgs_lwstart[]; /* msgs_lwstart.c */
extern const size_t lw_msgs_lwstart_count;

#endif
