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
    AUTH_STAGE_FULL,  /* signed in */
    AUTH_STAGE_TOTP,  /* password ok, waiting for the TOTP code */
    AUTH_STAGE_ENROL, /* password ok, TOTP mandatory but not enrolled: enrolment page */
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
/* Disables every unused account; fn (may be NULL) is called for each after the change is stored,
 * with its login and last use. *count: how many. */
int auth_unused_sweep(struct store *st,
                      void (*fn)(void *ctx, const char *login, const char *last_use), void *ctx,
                      size_t *count, struct ag_error *err) AG_MUST_CHECK;
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

/* ---- demo (demo.c) ---- */
/* An account for every demo person with AUTH_DEMO_PASSWORD; AUTH_DEMO_ADMIN is the admin;
 * admin, ciso and auditor holders get AUTH_DEMO_TOTP_SECRET. Joins the caller's transaction. */
int auth_demo(struct store *st, struct ag_error *err) AG_MUST_CHECK;

/* ---- messages (msgs_auth.c) ---- */
extern const struct ag_msg auth_msgs[];
extern const size_t auth_msgs_count;

#endif
