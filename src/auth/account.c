/*
 * account.c — accounts of people (accounts table, 008_auth.sql): creation, password changes,
 * administrative lock/unlock and TOTP reset (guideline 3.1.5.1(1)(a)(c)(e): one identity per
 * person, authentication information managed, privileges removed when no longer needed).
 * Each function is one transaction (or joins the caller's); the audit trail records the change.
 */
#include "auth/auth_int.h"

#include <sodium.h>

int auth_tx_begin(struct store *st, bool *own, struct ag_error *err)
{
    *own = !store_in_transaction(st);
    return *own ? store_begin(st, err) : AG_OK;
}

int auth_tx_end(struct store *st, bool own, int rc, struct ag_error *err)
{
    if (!own)
        return rc;
    if (rc) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, err);
}

void auth_time(long delta, char out[21])
{
    ag_time_iso(ag_now() + delta, out);
}

void auth_sha256_hex(const char *s, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, 65, h, sizeof(h));
}

int auth_account_id(struct store *st, const char *login, long long *id, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id "
                           "WHERE p.login = ?",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, login);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        rc = AG_OK;
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "no account with login \"%s\"", login);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Runs an UPDATE of one account with text parameters ?2.. and the account id as ?1. */
static int account_update(struct store *st, const char *login, const char *sql,
                          const char *const *params, size_t n, struct ag_error *err)
{
    long long id = 0;
    bool own;
    sqlite3_stmt *s = NULL;
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    if ((rc = auth_account_id(st, login, &id, err)) || (rc = store_prepare(st, &s, sql, err)))
        goto out;
    sqlite3_bind_int64(s, 1, id);
    for (size_t i = 0; i < n; i++)
        store_bind_text(s, (int)i + 2, params[i]);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "accounts", err);
out:
    sqlite3_finalize(s);
    return auth_tx_end(st, own, rc, err);
}

int auth_account_add(struct store *st, const char *login, bool admin, struct ag_error *err)
{
    sqlite3_stmt *s = NULL;
    bool own;
    char now[21];
    long long id;
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    if (auth_account_id(st, login, &id, err) == AG_OK) {
        rc = ag_error_set(err, AG_ECONFLICT, "login \"%s\" has an account already", login);
        goto out;
    }
    if ((rc = store_prepare(st, &s,
                            "INSERT INTO accounts(person_id, admin, created_at) "
                            "SELECT id, ?, ? FROM people WHERE login = ? AND active = 1",
                            err)))
        goto out;
    auth_time(0, now);
    sqlite3_bind_int(s, 1, admin);
    store_bind_text(s, 2, now);
    store_bind_text(s, 3, login);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = store_error(st, "accounts", err);
    else if (sqlite3_changes(store_db(st)) == 0)
        rc = ag_error_set(err, AG_ENOTFOUND,
                          "no active person with login \"%s\" (add the person first: airguard "
                          "org person add)",
                          login);
out:
    sqlite3_finalize(s);
    return auth_tx_end(st, own, rc, err);
}

int auth_exec_id(struct store *st, const char *sql, long long id, const char *text,
                 struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, sql, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    if (text)
        store_bind_text(s, 2, text);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "auth", err);
    sqlite3_finalize(s);
    return rc;
}

int auth_password_store(struct store *st, const struct auth_policy *p, long long account_id,
                        const char *hash, struct ag_error *err)
{
    char now[21];
    sqlite3_stmt *s;
    auth_time(0, now);
    int rc = store_run(st, "accounts", err,
                       "UPDATE accounts SET password_hash = ?, password_changed_at = ?, "
                       "failed_count = 0, locked_until = NULL WHERE id = ?",
                       "ssi", hash, now, account_id);
    if (rc || (rc = store_run(st, "password_history", err,
                              "INSERT INTO password_history(account_id, password_hash, created_at) "
                              "VALUES (?, ?, ?)",
                              "iss", account_id, hash, now)))
        return rc;
    /* keep the last `history` hashes (at least the current one) and no more */
    if ((rc = store_prepare(st, &s,
                            "DELETE FROM password_history WHERE account_id = ?1 AND id NOT IN "
                            "(SELECT id FROM password_history WHERE account_id = ?1 "
                            "ORDER BY id DESC LIMIT ?2)",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, account_id);
    sqlite3_bind_int(s, 2, p->history > 0 ? p->history : 1);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "password_history", err);
    sqlite3_finalize(s);
    return rc;
}

int auth_account_set_password(struct store *st, const struct auth_policy *p, const char *login,
                              const char *pw, struct ag_error *err)
{
    char hash[AUTH_HASH_MAX];
    long long id = 0;
    bool own;
    int rc;
    if ((rc = auth_account_id(st, login, &id, err)) ||
        (rc = auth_password_check(p, login, pw, err)))
        return rc;
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc = auth_password_history_check(st, p, id, pw, err)) == AG_OK &&
        (rc = auth_password_hash(pw, hash, err)) == AG_OK)
        rc = auth_password_store(st, p, id, hash, err);
    sodium_memzero(hash, sizeof(hash));
    return auth_tx_end(st, own, rc, err);
}

int auth_account_info(struct store *st, const struct auth_policy *p, long long account_id,
                      struct auth_account_info *out, struct ag_error *err)
{
    sqlite3_stmt *s;
    memset(out, 0, sizeof(*out));
    int rc = store_prepare(st, &s,
                           "SELECT coalesce(a.password_changed_at, ''), a.totp_secret <> '', "
                           "(SELECT count(*) FROM recovery_codes r WHERE r.account_id = a.id "
                           "AND r.used_at IS NULL), p.email, coalesce(a.last_login_at, '') "
                           "FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.id = ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, account_id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        snprintf(out->password_changed_at, sizeof(out->password_changed_at), "%s",
                 store_col_text(s, 0));
        out->totp = sqlite3_column_int(s, 1);
        out->recovery_left = sqlite3_column_int(s, 2);
        snprintf(out->email, sizeof(out->email), "%s", store_col_text(s, 3));
        snprintf(out->last_login_at, sizeof(out->last_login_at), "%s", store_col_text(s, 4));
        (void)auth_password_expired(p, out->password_changed_at, out->password_expires);
    } else {
        rc = ag_error_set(err, AG_ENOTFOUND, "no such account");
    }
    sqlite3_finalize(s);
    return rc;
}

int auth_account_lock(struct store *st, const char *login, bool locked, struct ag_error *err)
{
    bool own;
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    rc = account_update(st, login,
                        locked ? "UPDATE accounts SET locked = 1 WHERE id = ?1"
                               : "UPDATE accounts SET locked = 0, failed_count = 0, "
                                 "locked_until = NULL WHERE id = ?1",
                        NULL, 0, err);
    if (rc == AG_OK && locked) /* a locked account keeps no session */
        rc = account_update(st, login, "DELETE FROM sessions WHERE account_id = ?1", NULL, 0, err);
    return auth_tx_end(st, own, rc, err);
}

int auth_account_mfa_reset(struct store *st, const char *login, struct ag_error *err)
{
    bool own;
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    rc = account_update(st, login,
                        "UPDATE accounts SET totp_secret = '', totp_last_step = 0 WHERE id = ?1",
                        NULL, 0, err);
    /* recovery codes belong to the enrolment: they go with it */
    if (rc == AG_OK)
        rc = account_update(st, login, "DELETE FROM recovery_codes WHERE account_id = ?1", NULL, 0,
                            err);
    return auth_tx_end(st, own, rc, err);
}

int auth_account_set_totp(struct store *st, const char *login, const char *secret_b32,
                          struct ag_error *err)
{
    char code[7];
    int rc = auth_totp_code(secret_b32, ag_now(), code, err); /* validates the secret */
    if (rc)
        return rc;
    const char *params[] = {secret_b32};
    return account_update(st, login,
                          "UPDATE accounts SET totp_secret = ?2, totp_last_step = 0 WHERE id = ?1",
                          params, 1, err);
}
