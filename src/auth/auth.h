/*
 * auth.h — accounts, passwords, lockout, sessions and TOTP of the web application: what guideline
 * 3.1.5.1(1)(a)(c)(e), 3.2.2.1④ and 5.2 ask of a system that authenticates people.
 *
 * An account belongs to a person of the organisation (people.id); the guideline roles come from
 * person_roles, plus the `admin` flag for the administrator of airguard itself. Secrets never
 * leave this module in a form that could log someone in: passwords are stored as argon2id hashes
 * (libsodium crypto_pwhash_str), session ids only as SHA-256 hashes, and the CSRF token is derived
 * from the session id. Times come from ag_now(), so tests can set $AIRGUARD_NOW.
 *
 * Threading: functions take the caller's store connection and keep no state of their own except
 * liboath's one-time global initialisation (auth_init, called before threads start).
 * Errors: AG_EINVAL for bad input (policy violations name the rule), AG_ENOTFOUND for an unknown
 * login, AG_EDENIED for a refused login/session (the message never tells whether the login or
 * the password was wrong), AG_ECONFLICT for an account that exists.
 */
#ifndef AG_AUTH_H
#define AG_AUTH_H

#include "common/common.h"

struct store;

/* Demo accounts (auth_demo): every demo person, this password; admin, ciso and auditor holders
 * have TOTP enrolled with this secret (base32), so `oathtool --totp -b SECRET` gives the code. */
#define AUTH_DEMO_PASSWORD "Nanwan-Demo-2026"
#define AUTH_DEMO_TOTP_SECRET "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
#define AUTH_DEMO_ADMIN "mori"

#define AUTH_TOKEN_HEX 64 /* session id and CSRF token: 256 bits as hex */

struct auth_policy {
    int min_length;        /* 12 */
    int min_classes;       /* of lower, upper, digit, other: 3 */
    int lockout_threshold; /* failures in a row before the account locks: 5 */
    int lockout_minutes;   /* how long it stays locked: 15 */
    int throttle_failures; /* failures from one address ... : 20 */
    int throttle_minutes;  /* ... within this window refuse further attempts: 15 */
    int idle_minutes;      /* session idle timeout: 30 */
    int absolute_minutes;  /* session absolute timeout: 12 h */
    int history;           /* a new password may not be one of the last N (current included): 5;
                              0 = no check */
    int max_age_days;      /* after N days the password must be changed at sign-in: 0 = never */
};
void auth_policy_default(struct auth_policy *p);
/* The defaults, overridden by meta keys auth.<field> (e.g. auth.lockout_threshold = 5). */
int auth_policy_load(struct store *st, struct auth_policy *p, struct ag_error *err) AG_MUST_CHECK;

/* One-time initialisation (liboath); call before starting threads. */
int auth_init(struct ag_error *err) AG_MUST_CHECK;

/* ---- passwords (password.c) ---- */
/* Checks pw against the policy: length, character classes, not the login. */
int auth_password_check(const struct auth_policy *p, const char *login, const char *pw,
                        struct ag_error *err) AG_MUST_CHECK;
#define AUTH_HASH_MAX 128 /* >= crypto_pwhash_STRBYTES */
int auth_password_hash(const char *pw, char out[AUTH_HASH_MAX], struct ag_error *err) AG_MUST_CHECK;
bool auth_password_verify(const char *hash, const char *pw);

/* ---- accounts (account.c) ---- */
/* Creates the account of an existing person (no password yet: it cannot log in). */
int auth_account_add(struct store *st, const char *login, bool admin,
                     struct ag_error *err) AG_MUST_CHECK;
int auth_account_set_password(struct store *st, const struct auth_policy *p, const char *login,
                              const char *pw, struct ag_error *err) AG_MUST_CHECK;
/* lock: refuses every login until unlock (which also clears failures and any lockout). */
int auth_account_lock(struct store *st, const char *login, bool locked,
                      struct ag_error *err) AG_MUST_CHECK;
/* Removes the TOTP enrolment (the next login enrols again where it is mandatory). */
int auth_account_mfa_reset(struct store *st, const char *login, struct ag_error *err) AG_MUST_CHECK;
/* Sets a TOTP secret directly (demo, tests). */
int auth_account_set_totp(struct store *st, const char *login, const char *secret_b32,
                          struct ag_error *err) AG_MUST_CHECK;

/* ---- users and sessions (session.c) ---- */
enum auth_role {
    AUTH_ROLE_EXECUTIVE = 1 << 0,
    AUTH_ROLE_CISO = 1 << 1,
    AUTH_ROLE_COMMITTEE = 1 << 2,
    AUTH_ROLE_MANAGER = 1 << 3,
    AUTH_ROLE_SYSADMIN = 1 << 4,
    AUTH_ROLE_CSIRT = 1 << 5,
    AUTH_ROLE_HANDLER = 1 << 6,
    AUTH_ROLE_AUDITOR = 1 << 7,
    AUTH_ROLE_ADMIN = 1 << 8, /* the administrator of airguard (accounts.admin) */
};
/* Role bit for a person_roles.role value (0 if unknown). */
unsigned auth_role_bit(const char *role);
/* Roles that must use TOTP (guideline 5.2 / issue 4): admin, ciso, auditor. */
#define AUTH_ROLES_NEED_MFA (AUTH_ROLE_ADMIN | AUTH_ROLE_CISO | AUTH_ROLE_AUDITOR)

enum auth_stage {
    AUTH_STAGE_FULL,     /* signed in */
    AUTH_STAGE_TOTP,     /* password ok, waiting for the TOTP code */
    AUTH_STAGE_ENROL,    /* password ok, TOTP mandatory but not enrolled: enrolment page */
    AUTH_STAGE_PASSWORD, /* signed in, but the password is older than max_age_days: it must be
                            changed (/login/password) before anything else */
};

struct auth_user {
    long long account_id, person_id;
    char login[65];
    char name[128], name_en[128];
    unsigned roles; /* AUTH_ROLE_* */
    enum auth_stage stage;
    char csrf[AUTH_TOKEN_HEX + 1];
    char pending_secret[64]; /* ENROL stage: the secret being enrolled (base32) */
};

/* Password step. On success *token (hex, AUTH_TOKEN_HEX + 1) is a new session whose stage says
 * what comes next. Records the attempt in login_history. AG_EDENIED for a wrong login or
 * password, a locked account or a throttled address (the message says which of the last two). */
int auth_login(struct store *st, const struct auth_policy *p, const char *login, const char *pw,
               const char *address, char token[AUTH_TOKEN_HEX + 1], enum auth_stage *stage,
               struct ag_error *err) AG_MUST_CHECK;
/* Whether too many logins failed from address within the policy's window (checked by auth_login
 * too; the server asks first to answer 429). */
int auth_throttled(struct store *st, const struct auth_policy *p, const char *address,
                   bool *throttled, struct ag_error *err) AG_MUST_CHECK;
/* Second step: checks the code for a TOTP-stage session; on success the session is replaced by
 * a new, full one (new id). A wrong code counts as a failed login. */
int auth_login_totp(struct store *st, const struct auth_policy *p, const char *token,
                    const char *code, const char *address, char new_token[AUTH_TOKEN_HEX + 1],
                    struct ag_error *err) AG_MUST_CHECK;
/* Enrolment: confirms the pending secret with a code; stores it and upgrades like above. */
int auth_enrol_totp(struct store *st, const struct auth_policy *p, const char *token,
                    const char *code, const char *address, char new_token[AUTH_TOKEN_HEX + 1],
                    struct ag_error *err) AG_MUST_CHECK;
/* Looks a session up by its token; AG_EDENIED when unknown, expired (idle or absolute; an
 * expired session is deleted) or the account is locked. Refreshes its idle time. */
int auth_session_get(struct store *st, const struct auth_policy *p, const char *token,
                     struct auth_user *out, struct ag_error *err) AG_MUST_CHECK;
/* Deletes the session server-side (logout). */
int auth_session_end(struct store *st, const char *token, struct ag_error *err) AG_MUST_CHECK;
/* The CSRF token of a session token (HMAC-derived, AUTH_TOKEN_HEX chars). */
void auth_csrf_token(const char *token, char out[AUTH_TOKEN_HEX + 1]);
/* Constant-time comparison of two NUL-terminated tokens. */
bool auth_token_equal(const char *a, const char *b);
/* A fresh random token (hex) for double-submit cookies. */
void auth_random_token(char out[AUTH_TOKEN_HEX + 1]);

struct auth_login_event {
    char at[21];
    char address[64];
    bool success;
    char reason[16];
    char factor[12]; /* "" (password only), "totp" or "recovery" */
};
/* The latest login attempts of an account, newest first (at most max). */
int auth_history(struct store *st, long long account_id, struct auth_login_event *ev, size_t max,
                 size_t *count, struct ag_error *err) AG_MUST_CHECK;

/* ---- long-unused accounts (unused.c), guideline 3.2.2.1(1)④ ----
 * Unused = the latest of the last successful sign-in, the last re-enabling and the creation is
 * older than auth.disable_after_days (meta, 1 to 3650; default below). A disabled account cannot
 * sign in (auth_login refuses it: "disabled, ask the administrator") until re-enabled. */
#define AUTH_DISABLE_AFTER_DAYS 90
int auth_unused_days(struct store *st, int *days, struct ag_error *err) AG_MUST_CHECK;
/* Disables the account now if it is unused; *disabled: whether it is disabled (before or now).
 * Disabling ends its sessions and writes a `disable` audit row. Joins the caller's transaction. */
int auth_unused_check(struct store *st, long long account_id, bool *disabled,
                      struct ag_error *err) AG_MUST_CHECK;
/* Disables every unused account and records the sweep as a run (monitor_runs, kind
 * unused_accounts: evidence for 3.2.2.1(1)④); fn (may be NULL) is called for each after the change
 * is stored, with its login and last use. *count: how many. */
int auth_unused_sweep(struct store *st,
                      void (*fn)(void *ctx, const char *login, const char *last_use), void *ctx,
                      size_t *count, struct ag_error *err) AG_MUST_CHECK;
/* How many enabled accounts are unused now (what the next sweep would disable). */
int auth_unused_pending(struct store *st, long long *count, struct ag_error *err) AG_MUST_CHECK;
/* Clears an administrative lock and failures (auth_account_lock(false)) and re-enables a disabled
 * account, restarting its unused clock: what `airguard user unlock` does. */
int auth_account_enable(struct store *st, const char *login, struct ag_error *err) AG_MUST_CHECK;

/* ---- changes by the administrator of airguard (admin.c) ----
 * `actor` is the signed-in administrator's login (NULL: the operator's shell). Refused with
 * AG_EDENIED: changing one's own account, and a change that leaves no usable administrator
 * (admin, not locked, not disabled, with a password). */
int auth_admin_not_self(const char *actor, const char *login, struct ag_error *err) AG_MUST_CHECK;
int auth_admin_usable_count(struct store *st, int *n, struct ag_error *err) AG_MUST_CHECK;
int auth_admin_set_flag(struct store *st, const char *actor, const char *login, bool admin,
                        struct ag_error *err) AG_MUST_CHECK;
/* After a role or the admin flag was granted: if the account now needs TOTP (AUTH_ROLES_NEED_MFA)
 * and has none, its sessions end, so the new rights are used only after the next sign-in has
 * enrolled the second factor. Joins the caller's transaction. */
int auth_account_mfa_sessions(struct store *st, const char *login,
                              struct ag_error *err) AG_MUST_CHECK;
/* lock: auth_account_lock; unlock: auth_account_enable. */
int auth_admin_lock(struct store *st, const char *actor, const char *login, bool locked,
                    struct ag_error *err) AG_MUST_CHECK;

/* ---- TOTP, RFC 6238 (totp.c): 30-second steps, 6 digits, ±1 step ---- */
/* A new random secret (160 bits) in base32 (32 characters + NUL). */
int auth_totp_secret(char out[64], struct ag_error *err) AG_MUST_CHECK;
/* The code for secret at time t (for tests). */
int auth_totp_code(const char *secret_b32, time_t t, char code[7],
                   struct ag_error *err) AG_MUST_CHECK;
/* Checks code at now with a window of ±1 step; *step receives the matching step number so a
 * caller can refuse a code used before (replay). AG_EDENIED when wrong. */
int auth_totp_verify(const char *secret_b32, const char *code, time_t now, long long *step,
                     struct ag_error *err) AG_MUST_CHECK;

/* ---- password changes, history and maximum age (password.c, account.c, session.c) ---- */
/* Whether a password changed at `changed_at` (ISO time; "" = unknown) has passed the policy's
 * maximum age at now; *expires receives the date it expires ("" when there is no maximum). */
bool auth_password_expired(const struct auth_policy *p, const char *changed_at, char expires[21]);
/* Whether pw equals one of the last p->history passwords of the account (crypto_pwhash_str_verify
 * against each kept hash). AG_EINVAL "password: used before" when it does. */
int auth_password_history_check(struct store *st, const struct auth_policy *p, long long account_id,
                                const char *pw, struct ag_error *err) AG_MUST_CHECK;
/* The person's own change (the My account page and the forced change after max_age_days): the
 * session (full or password stage) must be valid and `current` the present password (a wrong one
 * counts as a failed login: AG_EDENIED). The new password must pass the policy and the history.
 * Every session of the account ends; *new_token is a new full session for the caller. */
int auth_password_change(struct store *st, const struct auth_policy *p, const char *token,
                         const char *current, const char *new_pw, const char *address,
                         char new_token[AUTH_TOKEN_HEX + 1], struct ag_error *err) AG_MUST_CHECK;

/* ---- the account's own view (account.c) ---- */
struct auth_account_info {
    char password_changed_at[21];
    char password_expires[21]; /* "" when auth.max_age_days is 0 */
    bool totp;                 /* a TOTP secret is enrolled */
    int recovery_left;         /* unused recovery codes */
    char email[256];
    char last_login_at[21];
};
int auth_account_info(struct store *st, const struct auth_policy *p, long long account_id,
                      struct auth_account_info *out, struct ag_error *err) AG_MUST_CHECK;
/* One page of the login history, newest first: *total is the number of attempts in all. */
int auth_history_page(struct store *st, long long account_id, size_t offset,
                      struct auth_login_event *ev, size_t max, size_t *count, size_t *total,
                      struct ag_error *err) AG_MUST_CHECK;

/* ---- recovery codes for the second factor (recovery.c) ---- */
#define AUTH_RECOVERY_CODES 10
#define AUTH_RECOVERY_LEN 19 /* "abcd-efgh-ijkl-mnop": 16 base32 characters, 80 bits */
/* Replaces the account's recovery codes by AUTH_RECOVERY_CODES new ones, returned in codes (to
 * be shown once; only their SHA-256 is stored). Joins the caller's transaction. */
int auth_recovery_generate(struct store *st, long long account_id,
                           char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                           struct ag_error *err) AG_MUST_CHECK;
/* The second step with a recovery code instead of a TOTP code (TOTP-stage session): the code is
 * spent (never accepted again); like auth_login_totp otherwise. Case, spaces and hyphens do not
 * matter. A wrong or spent code counts as a failed login (AG_EDENIED). */
int auth_login_recovery(struct store *st, const struct auth_policy *p, const char *token,
                        const char *code, const char *address, char new_token[AUTH_TOKEN_HEX + 1],
                        struct ag_error *err) AG_MUST_CHECK;
/* New recovery codes from My account: full session, the current password (a wrong one counts as
 * a failed login: AG_EDENIED), TOTP enrolled (else AG_ECONFLICT). The old codes stop working. */
int auth_recovery_regenerate(struct store *st, const struct auth_policy *p, const char *token,
                             const char *current, const char *address,
                             char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                             struct ag_error *err) AG_MUST_CHECK;
/* Enrolment from a full session (My account): begin stores a new pending secret in the session
 * (AG_ECONFLICT when TOTP is enrolled already); confirm checks a code against it, enrols it and
 * generates recovery codes (as above). */
int auth_totp_begin(struct store *st, const char *token, char secret[64],
                    struct ag_error *err) AG_MUST_CHECK;
int auth_totp_confirm(struct store *st, const char *token, const char *code,
                      char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                      struct ag_error *err) AG_MUST_CHECK;

/* ---- notices of sign-ins from new addresses (notice.c) ----
 * Written by the login steps when a successful sign-in comes from an address the account never
 * signed in from before (not for an account's first sign-in). */
struct auth_notice {
    long long id;
    char at[21];
    char address[64];
};
/* The account's notices not yet dismissed, newest first. */
int auth_notices(struct store *st, long long account_id, struct auth_notice *out, size_t max,
                 size_t *count, struct ag_error *err) AG_MUST_CHECK;
/* Dismisses one of the account's own notices (AG_ENOTFOUND for another's or a dismissed one). */
int auth_notice_dismiss(struct store *st, long long account_id, long long notice_id,
                        struct ag_error *err) AG_MUST_CHECK;
/* Mails the notices still pending when SMTP is configured (meta smtp.url, smtp.from) and the
 * person has people.email; else marks them 'none'. The messages go to the sender thread
 * (auth_mail_enqueue): this returns without waiting for the network. */
int auth_notice_dispatch(struct store *st, struct ag_error *err) AG_MUST_CHECK;

/* ---- e-mail through libcurl's SMTP (mail.c); guideline 5.3(9) mail header injection ----
 * Headers are built only from checked values: addresses must pass auth_mail_address_ok (no
 * CR, LF, NUL, spaces, quotes, angle brackets, commas...), the subject is RFC 2047 encoded, and
 * every user-influenced text goes into the base64-encoded body. */
struct auth_mail {
    const char *from, *to; /* bare addresses local@domain */
    const char *subject;   /* UTF-8 */
    const char *body;      /* UTF-8 text */
    time_t date;
    /* Left of the '@' of the Message-ID (letters, digits, '.', '-'; at most 64), so a message
     * sent again keeps its id; NULL = random. */
    const char *message_id;
};
bool auth_mail_address_ok(const char *addr);
/* The complete message (CRLF line ends). AG_EINVAL for a bad address or non-UTF-8 text. */
int auth_mail_compose(const struct auth_mail *m, struct strbuf *out,
                      struct ag_error *err) AG_MUST_CHECK;
/* How a message is sent (auth_mail_deliver). */
struct auth_mail_transport {
    const char *url;      /* smtp://HOST[:PORT] or smtps://HOST[:PORT] */
    bool require_tls;     /* STARTTLS required (CURLUSESSL_ALL): never plaintext */
    const char *ca_file;  /* CA certificates (PEM) to verify the server with; NULL = system's */
    const char *user;     /* AUTH (only over TLS) when not NULL */
    const char *password; /* borrowed; the caller wipes it */
    long timeout;         /* seconds for connect and for the whole transfer; 0 = 5 */
};
/* Sends a composed message now (blocking). AG_EINVAL for a bad URL or address; AG_EDENIED when
 * the failure will not go away by itself (the server offers no STARTTLS, its certificate or the
 * login is refused); AG_EIO for one that may (server down, timeout, a 4xx answer). */
int auth_mail_deliver(const struct auth_mail_transport *t, const char *from, const char *to,
                      const char *msg, size_t len, struct ag_error *err) AG_MUST_CHECK;
/* Sends a composed message now (blocking, at most 5 s): url smtp://host[:port] or smtps://;
 * STARTTLS when the server offers it. */
int auth_mail_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
                   struct ag_error *err) AG_MUST_CHECK;
/* Hands a message to the sender thread (started on first use; at most 64 waiting, else
 * AG_ENOMEM). Failures to send are written to the log (auth_mail_set_log; stderr by default). */
int auth_mail_enqueue(const char *url, const char *from, const char *to, const char *msg,
                      struct ag_error *err) AG_MUST_CHECK;
void auth_mail_set_log(FILE *log);
/* Stops the sender thread after the messages in its queue (each at most 5 s). */
void auth_mail_shutdown(void);

/* ---- demo (demo.c) ---- */
/* An account for every demo person with AUTH_DEMO_PASSWORD; AUTH_DEMO_ADMIN is the admin;
 * admin, ciso and auditor holders get AUTH_DEMO_TOTP_SECRET. Joins the caller's transaction. */
int auth_demo(struct store *st, struct ag_error *err) AG_MUST_CHECK;

/* ---- messages (msgs_auth.c) ---- */
extern const struct ag_msg auth_msgs[];
extern const size_t auth_msgs_count;

#endif
