/*
 * demo.c — accounts for the demo airport (airguard db init --demo): every demo person can sign
 * in with AUTH_DEMO_PASSWORD; AUTH_DEMO_ADMIN administers airguard; holders of admin, ciso and
 * auditor have TOTP enrolled with AUTH_DEMO_TOTP_SECRET. The password is hashed once and the
 * hash shared by the demo accounts (hashing is deliberately slow; this is demo data only).
 */
#include "auth/auth_int.h"

#include <sodium.h>

int auth_demo(struct store *st, struct ag_error *err)
{
    char hash[AUTH_HASH_MAX], now[21];
    sqlite3_stmt *s = NULL;
    bool own;
    int rc = auth_password_hash(AUTH_DEMO_PASSWORD, hash, err);
    if (rc)
        return rc;
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    auth_time(0, now);
    if ((rc = store_prepare(
             st, &s,
             "INSERT INTO accounts(person_id, password_hash, admin, totp_secret, "
             "password_changed_at, created_at) "
             "SELECT p.id, ?1, p.login = ?2, CASE WHEN p.login = ?2 OR EXISTS (SELECT 1 FROM "
             "person_roles r WHERE r.person_id = p.id AND r.role IN ('ciso', 'auditor')) THEN ?3 "
             "ELSE '' END, ?4, ?4 FROM people p WHERE p.active = 1 AND NOT EXISTS (SELECT 1 FROM "
             "accounts a WHERE a.person_id = p.id) ORDER BY p.id",
             err)))
        goto out;
    store_bind_text(s, 1, hash);
    store_bind_text(s, 2, AUTH_DEMO_ADMIN);
    store_bind_text(s, 3, AUTH_DEMO_TOTP_SECRET);
    store_bind_text(s, 4, now);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "accounts", err);
    /* the demo password is each account's first: it enters the password history */
    if (rc == AG_OK)
        rc = store_run(st, "password_history", err,
                       "INSERT INTO password_history(account_id, password_hash, created_at) "
                       "SELECT a.id, a.password_hash, a.created_at FROM accounts a "
                       "WHERE a.password_hash = ? AND NOT EXISTS (SELECT 1 FROM "
                       "password_history h WHERE h.account_id = a.id)",
                       "s", hash);
out:
    sqlite3_finalize(s);
    sodium_memzero(hash, sizeof(hash));
    return auth_tx_end(st, own, rc, err);
}
