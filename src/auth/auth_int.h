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

#endif
