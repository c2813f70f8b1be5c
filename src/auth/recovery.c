/*
 * recovery.c — what a signed-in person does with their own credentials (guideline
 * 3.1.5.1(1)(c) authentication information managed by its holder, 5.2 multi-factor
 * authentication): changing the password (policy, history, every session ended), enrolling TOTP
 * from the account page, and the one-time recovery codes that stand in for a TOTP code when the
 * authenticator is lost.
 *
 * Recovery codes: 10 per account, each 80 random bits (randombytes_buf) written as 16 base32
 * characters in groups of four. Only their SHA-256 is stored, as for session ids: with 80 bits
 * of entropy a copy of the store cannot be searched for them, and a slow hash (argon2id) would
 * make the TOTP step cost ten verifications. A code is spent by the UPDATE that accepts it.
 */
#include "auth/auth_int.h"

#include <sodium.h>

static void recovery_code(char out[AUTH_RECOVERY_LEN + 1], char norm[17])
{
    static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";
    unsigned char raw[10];
    randombytes_buf(raw, sizeof(raw));
    /* 80 bits -> 16 groups of 5 bits */
    for (int i = 0; i < 16; i++) {
        int bit = i * 5, v = 0;
        for (int b = 0; b < 5; b++, bit++)
            v = (v << 1) | ((raw[bit / 8] >> (7 - bit % 8)) & 1);
        norm[i] = b32[v];
    }
    norm[16] = '\0';
    snprintf(out, AUTH_RECOVERY_LEN + 1, "%.4s-%.4s-%.4s-%.4s", norm, norm + 4, norm + 8,
             norm + 12);
    sodium_memzero(raw, sizeof(raw));
}

int auth_recovery_generate(struct store *st, long long account_id,
                           char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                           struct ag_error *err)
{
    bool own;
    char now[21];
    int rc = auth_tx_begin(st, &own, err);
    if (rc)
        return rc;
    auth_time(0, now);
    rc = auth_exec_id(st, "DELETE FROM recovery_codes WHERE account_id = ?", account_id, NULL, err);
    for (int i = 0; rc == AG_OK && i < AUTH_RECOVERY_CODES; i++) {
        char norm[17], hash[65];
        recovery_code(codes[i], norm);
        auth_sha256_hex(norm, hash);
        sodium_memzero(norm, sizeof(norm));
        rc = store_run(st, "recovery_codes", err,
                       "INSERT INTO recovery_codes(account_id, token_hash, created_at) "
                       "VALUES (?, ?, ?)",
                       "iss", account_id, hash, now);
    }
    if (rc)
        sodium_memzero(codes, sizeof(char[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1]));
    return auth_tx_end(st, own, rc, err);
}

/* The full session of token (AG_EDENIED otherwise); its user in *u. */
static int full_session(struct store *st, const char *token, struct auth_user *u,
                        struct ag_error *err)
{
    struct auth_policy p;
    int rc = auth_policy_load(st, &p, err);
    if (rc || (rc = auth_session_get(st, &p, token, u, err)))
        return rc;
    if (u->stage != AUTH_STAGE_FULL)
        return ag_error_set(err, AG_EDENIED, "not signed in");
    return AG_OK;
}

int auth_totp_begin(struct store *st, const char *token, char secret[64], struct ag_error *err)
{
    struct auth_user u;
    struct auth_account_info info;
    struct auth_policy p;
    char hash[65];
    int rc;
    if ((rc = full_session(st, token, &u, err)) || (rc = auth_policy_load(st, &p, err)) ||
        (rc = auth_account_info(st, &p, u.account_id, &info, err)))
        return rc;
    if (info.totp)
        return ag_error_set(err, AG_ECONFLICT, "TOTP is enrolled already");
    if ((rc = auth_totp_secret(secret, err)))
        return rc;
    auth_sha256_hex(token, hash);
    return store_run(st, "sessions", err,
                     "UPDATE sessions SET pending_secret = ? WHERE token_hash = ?", "ss", secret,
                     hash);
}

int auth_totp_confirm(struct store *st, const char *token, const char *code,
                      char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1], struct ag_error *err)
{
    struct auth_user u;
    struct auth_account_info info;
    struct auth_policy p;
    char hash[65];
    long long step;
    bool own;
    int rc;
    if ((rc = full_session(st, token, &u, err)) || (rc = auth_policy_load(st, &p, err)))
        return rc;
    if (!*u.pending_secret)
        return ag_error_set(err, AG_EINVAL, "start the enrolment first");
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc = auth_account_info(st, &p, u.account_id, &info, err)))
        goto out;
    if (info.totp) {
        rc = ag_error_set(err, AG_ECONFLICT, "TOTP is enrolled already");
        goto out;
    }
    if ((rc = auth_totp_verify(u.pending_secret, code ? code : "", ag_now(), &step, err))) {
        if (rc == AG_EDENIED) /* a wrong code here is bad input, not a refused login */
            rc = err->code = AG_EINVAL;
        goto out;
    }
    auth_sha256_hex(token, hash);
    if ((rc = store_run(st, "accounts", err,
                        "UPDATE accounts SET totp_secret = ?, totp_last_step = ? WHERE id = ?",
                        "sii", u.pending_secret, step, u.account_id)) ||
        (rc = store_run(st, "sessions", err,
                        "UPDATE sessions SET pending_secret = '' WHERE token_hash = ?", "s", hash)))
        goto out;
    rc = auth_recovery_generate(st, u.account_id, codes, err);
out:
    sodium_memzero(&u, sizeof(u));
    return auth_tx_end(st, own, rc, err);
}

int auth_password_change(struct store *st, const struct auth_policy *p, const char *token,
                         const char *current, const char *new_pw, const char *address,
                         char new_token[AUTH_TOKEN_HEX + 1], struct ag_error *err)
{
    struct auth_user u;
    sqlite3_stmt *s = NULL;
    char old[AUTH_HASH_MAX] = "", hash[AUTH_HASH_MAX] = "";
    bool own;
    int rc;
    if ((rc = auth_session_get(st, p, token, &u, err)))
        return rc;
    if (u.stage != AUTH_STAGE_FULL && u.stage != AUTH_STAGE_PASSWORD)
        return ag_error_set(err, AG_EDENIED, "not signed in");
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc = store_prepare(st, &s, "SELECT password_hash FROM accounts WHERE id = ?", err)))
        goto out;
    sqlite3_bind_int64(s, 1, u.account_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(old, sizeof(old), "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    if (!auth_password_verify(old, current ? current : "")) {
        /* like a failed login: it counts towards the lockout and is in the history */
        if ((rc = auth_fail(st, p, u.account_id, address, "password", "", err)) == AG_OK)
            rc = ag_error_set(err, AG_EDENIED, "the current password is wrong");
        goto out;
    }
    if (auth_password_verify(old, new_pw)) {
        rc = ag_error_set(err, AG_EINVAL, "password: the new password is the current one");
        goto out;
    }
    if ((rc = auth_password_check(p, u.login, new_pw, err)) ||
        (rc = auth_password_history_check(st, p, u.account_id, new_pw, err)) ||
        (rc = auth_password_hash(new_pw, hash, err)) ||
        (rc = auth_password_store(st, p, u.account_id, hash, err)) ||
        /* every session of the account ends (someone who knew the old password is out) */
        (rc = auth_exec_id(st, "DELETE FROM sessions WHERE account_id = ?", u.account_id, NULL,
                           err)))
        goto out;
    rc = auth_session_new(st, u.account_id, AUTH_STAGE_FULL, NULL, address, new_token, err);
out:
    sodium_memzero(old, sizeof(old));
    sodium_memzero(hash, sizeof(hash));
    if (rc == AG_EDENIED) { /* the failed attempt stays recorded */
        struct ag_error e2;
        int crc = auth_tx_end(st, own, AG_OK, &e2);
        return crc ? ag_error_set(err, crc, "%s", e2.msg) : rc;
    }
    return auth_tx_end(st, own, rc, err);
}

int auth_recovery_regenerate(struct store *st, const struct auth_policy *p, const char *token,
                             const char *current, const char *address,
                             char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                             struct ag_error *err)
{
    struct auth_user u;
    struct auth_account_info info;
    sqlite3_stmt *s;
    char hash[AUTH_HASH_MAX] = "";
    bool own;
    int rc;
    if ((rc = full_session(st, token, &u, err)))
        return rc;
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc = auth_account_info(st, p, u.account_id, &info, err)) ||
        (rc = store_prepare(st, &s, "SELECT password_hash FROM accounts WHERE id = ?", err)))
        goto out;
    sqlite3_bind_int64(s, 1, u.account_id);
    if (sqlite3_step(s) == SQLITE_ROW)
        snprintf(hash, sizeof(hash), "%s", store_col_text(s, 0));
    sqlite3_finalize(s);
    if (!auth_password_verify(hash, current ? current : "")) {
        if ((rc = auth_fail(st, p, u.account_id, address, "password", "", err)) == AG_OK)
            rc = ag_error_set(err, AG_EDENIED, "the current password is wrong");
        goto out;
    }
    if (!info.totp) {
        rc = ag_error_set(err, AG_ECONFLICT, "set up the second factor first");
        goto out;
    }
    rc = auth_recovery_generate(st, u.account_id, codes, err);
out:
    sodium_memzero(hash, sizeof(hash));
    if (rc == AG_EDENIED) { /* the failed attempt stays recorded */
        struct ag_error e2;
        int crc = auth_tx_end(st, own, AG_OK, &e2);
        return crc ? ag_error_set(err, crc, "%s", e2.msg) : rc;
    }
    return auth_tx_end(st, own, rc, err);
}
