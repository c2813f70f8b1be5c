/*
 * auth_int.h — helpers shared by the files of src/auth only.
 */
#ifndef AG_AUTH_INT_H
#define AG_AUTH_INT_H

#include "auth/auth.h"
#include "store/store.h"

/* Begins a transaction unless one is open (then joins it: *own = false). */
int auth_tx_begin(struct store *st, bool *own, struct ag_error *err);
/* Commits (rc == AG_OK) or rolls back what auth_tx_begin began; returns rc or the commit error. */
int auth_tx_end(struct store *st, bool own, int rc, struct ag_error *err);
/* Account id of a login (AG_ENOTFOUND names the login). */
int auth_account_id(struct store *st, const char *login, long long *id, struct ag_error *err);
/* ISO time of now + delta seconds. */
void auth_time(long delta, char out[21]);
/* Lower-case hex SHA-256 of s. */
void auth_sha256_hex(const char *s, char out[65]);

/* Stores a new password hash for the account: accounts.password_hash and password_changed_at,
 * failures cleared, a row in password_history, history trimmed to the policy's length. */
int auth_password_store(struct store *st, const struct auth_policy *p, long long account_id,
                        const char *hash, struct ag_error *err);
/* Runs sql with ?1 = id and optional text ?2 (no rows). */
int auth_exec_id(struct store *st, const char *sql, long long id, const char *text,
                 struct ag_error *err);
/* A successful sign-in of the account (identity proven, factor "" / "totp" / "recovery"):
 * login_history, last_login_at, and a login notice when the address is new for the account;
 * then the stage the new session starts in (FULL, or PASSWORD when the password has passed its
 * maximum age). */
int auth_signed_in(struct store *st, const struct auth_policy *p, long long account,
                   const char *address, const char *factor, enum auth_stage *stage,
                   struct ag_error *err);
/* A new session row; *token receives its id (hex). */
int auth_session_new(struct store *st, long long account, enum auth_stage stage,
                     const char *pending, const char *address, char token[AUTH_TOKEN_HEX + 1],
                     struct ag_error *err);
/* A failed step: counts it for the lockout and records it with reason and factor. */
int auth_fail(struct store *st, const struct auth_policy *p, long long account, const char *address,
              const char *reason, const char *factor, struct ag_error *err);

#endif
