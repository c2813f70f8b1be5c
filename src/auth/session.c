/*
 * session.c — the login steps and sessions (guideline 5.3(4) session management, 5.2 multi-factor
 * authentication, 3.1.5.1(1)(c)).
 *
 * A session id is 256 bits from the CSPRNG (randombytes_buf), given to the browser once and
 * stored only as its SHA-256, so a copy of the store logs no one in. Every login step creates a
 * new id (no fixation). A session ends after idle_minutes without a request or absolute_minutes
 * after it began, and at logout (deleted server-side). The CSRF token is an HMAC of the session
 * id, so it needs no storage and changes with the session.
 * Failed logins count per account (lockout after lockout_threshold in a row, for lockout_minutes)
 * and per source address (throttling); every attempt is written to login_history.
 */
#include "auth/auth_int.h"

#include <pthread.h>
#include <sodium.h>

static const char *const stage_names[] = {"full", "totp", "enrol", "password"};

static enum auth_stage stage_of(const char *name)
{
    for (size_t i = 0; i < AG_ARRAY_LEN(stage_names); i++)
        if (strcmp(name, stage_names[i]) == 0)
            return (enum auth_stage)i;
    return AUTH_STAGE_TOTP; /* unknown: never treated as signed in */
}

void auth_random_token(char out[AUTH_TOKEN_HEX + 1])
{
    unsigned char raw[AUTH_TOKEN_HEX / 2];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, raw, sizeof(raw));
    sodium_memzero(raw, sizeof(raw));
}

void auth_csrf_token(const char *token, char out[AUTH_TOKEN_HEX + 1])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state s;
    crypto_auth_hmacsha256_init(&s, (const unsigned char *)token, strlen(token));
    crypto_auth_hmacsha256_update(&s, (const unsigned char *)"airguard-csrf", 13);
    crypto_auth_hmacsha256_final(&s, mac);
    sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, mac, sizeof(mac));
}

bool auth_token_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return la == lb && la > 0 && sodium_memcmp(a, b, la) == 0;
}

unsigned auth_role_bit(const char *role)
{
    static const char *const names[] = {"executive", "ciso",  "committee", "manager",
                                        "sysadmin",  "csirt", "handler",   "auditor"};
    for (size_t i = 0; i < AG_ARRAY_LEN(names); i++)
        if (strcmp(role, names[i]) == 0)
            return 1u << i;
    return 0;
}

static int roles_of(struct store *st, long long person, bool admin, unsigned *roles,
                    struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc =
        store_cached(st, &s, "SELECT DISTINCT role FROM person_roles WHERE person_id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, person);
    *roles = admin ? AUTH_ROLE_ADMIN : 0;
    while (sqlite3_step(s) == SQLITE_ROW)
        *roles |= auth_role_bit(store_col_text(s, 0));
    store_cached_done(st, s);
    return AG_OK;
}

static int record(struct store *st, long long account, const char *address, bool ok,
                  const char *reason, const char *factor, struct ag_error *err)
{
    sqlite3_stmt *s;
    char now[21];
    int rc = store_prepare(st, &s,
                           "INSERT INTO login_history(at, account_id, address, success, reason, "
                           "factor) VALUES (?, ?, ?, ?, ?, ?)",
                           err);
    if (rc)
        return rc;
    auth_time(0, now);
    store_bind_text(s, 1, now);
    if (account)
        sqlite3_bind_int64(s, 2, account);
    store_bind_text(s, 3, address);
    sqlite3_bind_int(s, 4, ok);
    store_bind_text(s, 5, reason);
    store_bind_text(s, 6, factor ? factor : "");
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "login_history", err);
    sqlite3_finalize(s);
    return rc;
}

int auth_session_new(struct store *st, long long account, enum auth_stage stage,
                     const char *pending, const char *address, char token[AUTH_TOKEN_HEX + 1],
                     struct ag_error *err)
{
    sqlite3_stmt *s;
    char hash[65], now[21];
    int rc = store_prepare(st, &s,
                           "INSERT INTO sessions(token_hash, account_id, stage, pending_secret, "
                           "address, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           err);
    if (rc)
        return rc;
    auth_random_token(token);
    auth_sha256_hex(token, hash);
    auth_time(0, now);
    store_bind_text(s, 1, hash);
    sqlite3_bind_int64(s, 2, account);
    store_bind_text(s, 3, stage_names[stage]);
    store_bind_text(s, 4, pending ? pending : "");
    store_bind_text(s, 5, address);
    store_bind_text(s, 6, now);
    store_bind_text(s, 7, now);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "sessions", err);
    sqlite3_finalize(s);
    return rc;
}

/* Expired sessions are removed whenever someone logs in (housekeeping, no timer needed). */
static int sweep(struct store *st, const struct auth_policy *p, struct ag_error *err)
{
    sqlite3_stmt *s;
    char idle[21], abs[21];
    int rc =
        store_prepare(st, &s, "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", err);
    if (rc)
        return rc;
    auth_time(-60L * p->idle_minutes, idle);
    auth_time(-60L * p->absolute_minutes, abs);
    store_bind_text(s, 1, idle);
    store_bind_text(s, 2, abs);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "sessions", err);
    sqlite3_finalize(s);
    return rc;
}

int auth_throttled(struct store *st, const struct auth_policy *p, const char *address,
                   bool *throttled, struct ag_error *err)
{
    sqlite3_stmt *s;
    char since[21];
    int rc = store_prepare(st, &s,
                           "SELECT count(*) FROM login_history WHERE address = ? AND at >= ? "
                           "AND success = 0",
                           err);
    if (rc)
        return rc;
    auth_time(-60L * p->throttle_minutes, since);
    store_bind_text(s, 1, address);
    store_bind_text(s, 2, since);
    *throttled = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) >= p->throttle_failures;
    sqlite3_finalize(s);
    return AG_OK;
}

/* A failed step: count it, lock the account at the threshold, record it. */
int auth_fail(struct store *st, const struct auth_policy *p, long long account, const char *address,
              const char *reason, const char *factor, struct ag_error *err)
{
    int rc;
    if (account) {
        char until[21];
        auth_time(60L * p->lockout_minutes, until);
        if ((rc = auth_exec_id(st,
                               "UPDATE accounts SET failed_count = failed_count + 1 WHERE id = ?",
                               account, NULL, err)))
            return rc;
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s,
                                "UPDATE accounts SET locked_until = ?, failed_count = 0 "
                                "WHERE id = ? AND failed_count >= ?",
                                err)))
            return rc;
        store_bind_text(s, 1, until);
        sqlite3_bind_int64(s, 2, account);
        sqlite3_bind_int(s, 3, p->lockout_threshold);
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "accounts", err);
        sqlite3_finalize(s);
        if (rc)
            return rc;
    }
    return record(st, account, address, false, reason, factor, err);
}

int auth_signed_in(struct store *st, const struct auth_policy *p, long long account,
                   const char *address, const char *factor, enum auth_stage *stage,
                   struct ag_error *err)
{
    sqlite3_stmt *s;
    char now[21], changed[21] = "", expires[21];
    bool known = false, before = false;
    int rc = store_prepare(st, &s,
                           "SELECT EXISTS (SELECT 1 FROM login_history WHERE account_id = ?1 "
                           "AND success = 1 AND address = ?2), EXISTS (SELECT 1 FROM "
                           "login_history WHERE account_id = ?1 AND success = 1), "
                           "(SELECT coalesce(password_changed_at, '') FROM accounts WHERE id = ?1)",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, account);
    store_bind_text(s, 2, address);
    if (sqlite3_step(s) == SQLITE_ROW) {
        known = sqlite3_column_int(s, 0);
        before = sqlite3_column_int(s, 1);
        snprintf(changed, sizeof(changed), "%s", store_col_text(s, 2));
    }
    sqlite3_finalize(s);
    auth_time(0, now);
    /* a new address for an account that has signed in before: notice (shown until dismissed,
     * mailed by auth_notice_dispatch) */
    if (before && !known &&
        (rc = store_run(st, "login_notices", err,
                        "INSERT INTO login_notices(account_id, at, address) VALUES (?, ?, ?)",
                        "iss", account, now, address)))
        return rc;
    if ((rc = record(st, account, address, true, "ok", factor, err)) ||
        (rc = auth_exec_id(st, "UPDATE accounts SET last_login_at = ?2 WHERE id = ?1", account, now,
                           err)))
        return rc;
    *stage = auth_password_expired(p, changed, expires) ? AUTH_STAGE_PASSWORD : AUTH_STAGE_FULL;
    return AG_OK;
}

/* Verifying against this when the login is unknown keeps the timing the same. */
static char dummy[AUTH_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void dummy_init(void)
{
    struct ag_error e;
    if (auth_password_hash("airguard-no-such-account", dummy, &e) != AG_OK)
        dummy[0] = '\0'; /* verify then fails fast; the refusal is the same */
}
static const char *dummy_hash(void)
{
    pthread_once(&dummy_once, dummy_init);
    return dummy;
}

int auth_login(struct store *st, const struct auth_policy *p, const char *login, const char *pw,
               const char *address, char token[AUTH_TOKEN_HEX + 1], enum auth_stage *stage,
               struct ag_error *err)
{
    sqlite3_stmt *s = NULL;
    bool own, throttled;
    long long account = 0, person = 0;
    char hash[AUTH_HASH_MAX] = "", now[21], locked_until[21] = "", secret[64] = "";
    bool admin = false, locked = false;
    int rc;
    if ((rc = auth_throttled(st, p, address, &throttled, err)))
        return rc;
    if (throttled)
        return ag_error_set(err, AG_EDENIED,
                            "too many failed logins from this address; try again later");
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    if ((rc =
             store_prepare(st, &s,
                           "SELECT a.id, a.person_id, a.password_hash, a.admin, a.locked, "
                           "coalesce(a.locked_until, ''), a.totp_secret FROM accounts a "
                           "JOIN people p ON p.id = a.person_id WHERE p.login = ? AND p.active = 1",
                           err)))
        goto out;
    store_bind_text(s, 1, login);
    if (sqlite3_step(s) == SQLITE_ROW) {
        account = sqlite3_column_int64(s, 0);
        person = sqlite3_column_int64(s, 1);
        snprintf(hash, sizeof(hash), "%s", store_col_text(s, 2));
        admin = sqlite3_column_int(s, 3);
        locked = sqlite3_column_int(s, 4);
        snprintf(locked_until, sizeof(locked_until), "%s", store_col_text(s, 5));
        snprintf(secret, sizeof(secret), "%s", store_col_text(s, 6));
    }
    sqlite3_finalize(s);
    s = NULL;
    auth_time(0, now);
    if (!account) {
        (void)auth_password_verify(dummy_hash(), pw);
        rc = auth_fail(st, p, 0, address, "unknown", "", err);
        goto denied;
    }
    if (locked || (*locked_until && strcmp(locked_until, now) > 0)) {
        rc = record(st, account, address, false, "locked", "", err);
        if (rc == AG_OK)
            rc = ag_error_set(err, AG_EDENIED,
                              "the account is locked; try again later or ask the administrator");
        goto out;
    }
    /* an account unused for too long is disabled now (3.2.2.1(1)④); only someone who knows
     * the password is told so */
    bool disabled = false;
    if ((rc = auth_unused_check(st, account, &disabled, err)))
        goto out;
    if (!*hash) {
        (void)auth_password_verify(dummy_hash(), pw);
        rc = auth_fail(st, p, account, address, "no-password", "", err);
        goto denied;
    }
    if (!auth_password_verify(hash, pw)) {
        rc = auth_fail(st, p, account, address, "password", "", err);
        goto denied;
    }
    if (disabled) {
        rc = record(st, account, address, false, "locked", "", err);
        if (rc == AG_OK)
            rc = ag_error_set(err, AG_EDENIED,
                              "the account is disabled because it was not used for a long time; "
                              "ask the administrator to enable it");
        goto out;
    }
    unsigned roles;
    char pending[64] = "";
    if ((rc = roles_of(st, person, admin, &roles, err)) ||
        (rc = auth_exec_id(st,
                           "UPDATE accounts SET failed_count = 0, locked_until = NULL WHERE id = ?",
                           account, NULL, err)) ||
        (rc = sweep(st, p, err)))
        goto out;
    if (*secret) {
        *stage = AUTH_STAGE_TOTP;
    } else if (roles & AUTH_ROLES_NEED_MFA) {
        *stage = AUTH_STAGE_ENROL;
        if ((rc = auth_totp_secret(pending, err)))
            goto out;
    } else if ((rc = auth_signed_in(st, p, account, address, "", stage, err))) {
        goto out;
    }
    rc = auth_session_new(st, account, *stage, pending, address, token, err);
    sodium_memzero(pending, sizeof(pending));
    goto out;
denied:
    if (rc == AG_OK)
        rc = ag_error_set(err, AG_EDENIED, "wrong login or password");
out:
    sqlite3_finalize(s);
    sodium_memzero(hash, sizeof(hash));
    sodium_memzero(secret, sizeof(secret));
    /* a refused login is still recorded: commit what was written, return the refusal */
    if (rc == AG_EDENIED) {
        struct ag_error e2;
        int crc = auth_tx_end(st, own, AG_OK, &e2);
        return crc ? ag_error_set(err, crc, "%s", e2.msg) : rc;
    }
    return auth_tx_end(st, own, rc, err);
}

struct sess_row {
    long long id, account, person, last_step;
    enum auth_stage stage;
    char pending[64], secret[64];
};

static int session_row(struct store *st, const char *token, struct sess_row *r,
                       struct ag_error *err)
{
    sqlite3_stmt *s;
    char hash[65];
    if (!token || strlen(token) != AUTH_TOKEN_HEX)
        return ag_error_set(err, AG_EDENIED, "not signed in");
    auth_sha256_hex(token, hash);
    int rc = store_prepare(st, &s,
                           "SELECT s.id, s.account_id, s.stage, s.pending_secret, a.totp_secret, "
                           "a.totp_last_step, a.person_id FROM sessions s "
                           "JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?",
                           err);
    if (rc)
        return rc;
    store_bind_text(s, 1, hash);
    if (sqlite3_step(s) == SQLITE_ROW) {
        r->id = sqlite3_column_int64(s, 0);
        r->account = sqlite3_column_int64(s, 1);
        r->stage = stage_of(store_col_text(s, 2));
        snprintf(r->pending, sizeof(r->pending), "%s", store_col_text(s, 3));
        snprintf(r->secret, sizeof(r->secret), "%s", store_col_text(s, 4));
        r->last_step = sqlite3_column_int64(s, 5);
        r->person = sqlite3_column_int64(s, 6);
    } else {
        rc = ag_error_set(err, AG_EDENIED, "not signed in");
    }
    sqlite3_finalize(s);
    return rc;
}

/* How a second step is proven. */
enum second_kind { SECOND_TOTP, SECOND_ENROL, SECOND_RECOVERY };

/* Spends a recovery code of the account: true when an unused one matched (now used). */
static int spend_recovery(struct store *st, long long account, const char *code, bool *ok,
                          struct ag_error *err)
{
    char norm[32], hash[65], now[21];
    size_t n = 0;
    *ok = false;
    for (const char *c = code; *c; c++) {
        if (*c == '-' || *c == ' ')
            continue;
        if (n + 1 >= sizeof(norm))
            return AG_OK;
        norm[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    }
    norm[n] = '\0';
    if (n != 16)
        return AG_OK;
    auth_sha256_hex(norm, hash);
    auth_time(0, now);
    /* one statement: the code is spent by whoever updates the row first (no double use even
     * with concurrent requests, which the transaction serialises anyway) */
    int rc = store_run(st, "recovery_codes", err,
                       "UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND "
                       "token_hash = ? AND used_at IS NULL",
                       "sis", now, account, hash);
    sodium_memzero(norm, sizeof(norm));
    if (rc)
        return rc;
    *ok = sqlite3_changes(store_db(st)) == 1;
    return AG_OK;
}

/* The second step of a TOTP or ENROL session: check the code (or a recovery code), then
 * replace the session by a full one (or a password-stage one when the password has expired). */
static int second_step(struct store *st, const struct auth_policy *p, const char *token,
                       const char *code, const char *address, enum second_kind kind,
                       char new_token[AUTH_TOKEN_HEX + 1], struct ag_error *err)
{
    struct sess_row r;
    struct auth_user u;
    bool own;
    long long step = 0;
    int rc;
    enum auth_stage want = kind == SECOND_ENROL ? AUTH_STAGE_ENROL : AUTH_STAGE_TOTP, next;
    const char *factor = kind == SECOND_RECOVERY ? "recovery" : "totp";
    memset(&r, 0, sizeof(r));
    /* auth_session_get applies the timeouts and the account lock */
    if ((rc = auth_session_get(st, p, token, &u, err)) || (rc = session_row(st, token, &r, err)))
        return rc;
    if (r.stage != want)
        return ag_error_set(err, AG_EDENIED, "not signed in");
    if ((rc = auth_tx_begin(st, &own, err)))
        return rc;
    struct ag_error e2;
    bool ok;
    if (kind == SECOND_RECOVERY) {
        if ((rc = spend_recovery(st, r.account, code, &ok, err)))
            goto out;
        step = r.last_step;
    } else {
        const char *secret = kind == SECOND_TOTP ? r.secret : r.pending;
        ok = auth_totp_verify(secret, code, ag_now(), &step, &e2) == AG_OK &&
             (kind != SECOND_TOTP || step > r.last_step);
    }
    if (!ok) {
        if ((rc = auth_fail(st, p, r.account, address, "totp", factor, err)) == AG_OK)
            rc = ag_error_set(err, AG_EDENIED,
                              kind == SECOND_RECOVERY ? "the recovery code is wrong or was used"
                                                      : "the code is wrong or has expired");
        goto out;
    }
    if ((rc = auth_exec_id(st, "DELETE FROM sessions WHERE id = ?", r.id, NULL, err)) ||
        (kind == SECOND_ENROL &&
         (rc = auth_exec_id(st, "UPDATE accounts SET totp_secret = ?2 WHERE id = ?1", r.account,
                            r.pending, err))) ||
        (rc = auth_exec_id(st,
                           "UPDATE accounts SET failed_count = 0, locked_until = NULL WHERE id = ?",
                           r.account, NULL, err)) ||
        (rc = store_run(st, "accounts", err, "UPDATE accounts SET totp_last_step = ? WHERE id = ?",
                        "ii", step, r.account)) ||
        (rc = auth_signed_in(st, p, r.account, address, factor, &next, err)))
        goto out;
    rc = auth_session_new(st, r.account, next, NULL, address, new_token, err);
out:
    sodium_memzero(&r, sizeof(r));
    if (rc == AG_EDENIED) {
        int crc = auth_tx_end(st, own, AG_OK, &e2);
        return crc ? ag_error_set(err, crc, "%s", e2.msg) : rc;
    }
    return auth_tx_end(st, own, rc, err);
}

int auth_login_totp(struct store *st, const struct auth_policy *p, const char *token,
                    const char *code, const char *address, char new_token[AUTH_TOKEN_HEX + 1],
                    struct ag_error *err)
{
    return second_step(st, p, token, code, address, SECOND_TOTP, new_token, err);
}

int auth_enrol_totp(struct store *st, const struct auth_policy *p, const char *token,
                    const char *code, const char *address, char new_token[AUTH_TOKEN_HEX + 1],
                    struct ag_error *err)
{
    return second_step(st, p, token, code, address, SECOND_ENROL, new_token, err);
}

int auth_login_recovery(struct store *st, const struct auth_policy *p, const char *token,
                        const char *code, const char *address, char new_token[AUTH_TOKEN_HEX + 1],
                        struct ag_error *err)
{
    return second_step(st, p, token, code ? code : "", address, SECOND_RECOVERY, new_token, err);
}

int auth_session_get(struct store *st, const struct auth_policy *p, const char *token,
                     struct auth_user *out, struct ag_error *err)
{
    sqlite3_stmt *s;
    char hash[65], idle[21], abs[21], now[21], touch[21];
    memset(out, 0, sizeof(*out));
    if (!token || strlen(token) != AUTH_TOKEN_HEX)
        return ag_error_set(err, AG_EDENIED, "not signed in");
    auth_sha256_hex(token, hash);
    int rc = store_cached(
        st, &s,
        "SELECT s.id, s.account_id, s.stage, s.pending_secret, s.created_at, "
        "s.last_seen_at, a.locked, a.admin, a.person_id, p.login, p.name, "
        "p.name_en, p.active, coalesce(a.locked_until, '') FROM sessions s JOIN accounts a "
        "ON a.id = s.account_id JOIN people p ON p.id = a.person_id "
        "WHERE s.token_hash = ?",
        err);
    if (rc)
        return rc;
    store_bind_text(s, 1, hash);
    if (sqlite3_step(s) != SQLITE_ROW) {
        store_cached_done(st, s);
        return ag_error_set(err, AG_EDENIED, "not signed in");
    }
    long long sid = sqlite3_column_int64(s, 0);
    auth_time(-60L * p->idle_minutes, idle);
    auth_time(-60L * p->absolute_minutes, abs);
    auth_time(0, now);
    auth_time(-60, touch);
    const char *created = store_col_text(s, 4), *seen = store_col_text(s, 5);
    bool expired = strcmp(created, abs) < 0 || strcmp(seen, idle) < 0;
    /* a session still waiting for its second factor dies with a lockout (else it could go on
     * guessing codes); a full session survives it, so failed attempts by someone else cannot
     * sign the owner out */
    bool refused =
        sqlite3_column_int(s, 6) || !sqlite3_column_int(s, 12) ||
        (strcmp(store_col_text(s, 2), "full") != 0 && strcmp(store_col_text(s, 13), now) > 0);
    bool stale = strcmp(seen, touch) < 0;
    out->account_id = sqlite3_column_int64(s, 1);
    out->stage = stage_of(store_col_text(s, 2));
    snprintf(out->pending_secret, sizeof(out->pending_secret), "%s", store_col_text(s, 3));
    bool admin = sqlite3_column_int(s, 7);
    out->person_id = sqlite3_column_int64(s, 8);
    snprintf(out->login, sizeof(out->login), "%s", store_col_text(s, 9));
    snprintf(out->name, sizeof(out->name), "%s", store_col_text(s, 10));
    snprintf(out->name_en, sizeof(out->name_en), "%s", store_col_text(s, 11));
    store_cached_done(st, s);
    if (expired || refused) {
        rc = auth_exec_id(st, "DELETE FROM sessions WHERE id = ?", sid, NULL, err);
        memset(out, 0, sizeof(*out));
        return rc ? rc : ag_error_set(err, AG_EDENIED, "the session has expired; sign in again");
    }
    /* the idle clock is refreshed at most once a minute: fewer writes, same timeout */
    if (stale && (rc = auth_exec_id(st, "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1", sid,
                                    now, err)))
        return rc;
    if ((rc = roles_of(st, out->person_id, admin, &out->roles, err)))
        return rc;
    auth_csrf_token(token, out->csrf);
    return AG_OK;
}

int auth_session_end(struct store *st, const char *token, struct ag_error *err)
{
    sqlite3_stmt *s;
    char hash[65];
    if (!token || strlen(token) != AUTH_TOKEN_HEX)
        return AG_OK;
    auth_sha256_hex(token, hash);
    int rc = store_prepare(st, &s, "DELETE FROM sessions WHERE token_hash = ?", err);
    if (rc)
        return rc;
    store_bind_text(s, 1, hash);
    rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "sessions", err);
    sqlite3_finalize(s);
    return rc;
}

int auth_history_page(struct store *st, long long account_id, size_t offset,
                      struct auth_login_event *ev, size_t max, size_t *count, size_t *total,
                      struct ag_error *err)
{
    sqlite3_stmt *s;
    *count = 0;
    if (total) {
        int rc =
            store_prepare(st, &s, "SELECT count(*) FROM login_history WHERE account_id = ?", err);
        if (rc)
            return rc;
        sqlite3_bind_int64(s, 1, account_id);
        *total = sqlite3_step(s) == SQLITE_ROW ? (size_t)sqlite3_column_int64(s, 0) : 0;
        sqlite3_finalize(s);
    }
    int rc = store_cached(st, &s,
                          "SELECT at, address, success, reason, factor FROM login_history "
                          "WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                          err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, account_id);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)offset);
    while (*count < max && sqlite3_step(s) == SQLITE_ROW) {
        struct auth_login_event *e = &ev[(*count)++];
        snprintf(e->at, sizeof(e->at), "%s", store_col_text(s, 0));
        snprintf(e->address, sizeof(e->address), "%s", store_col_text(s, 1));
        e->success = sqlite3_column_int(s, 2);
        snprintf(e->reason, sizeof(e->reason), "%s", store_col_text(s, 3));
        snprintf(e->factor, sizeof(e->factor), "%s", store_col_text(s, 4));
    }
    store_cached_done(st, s);
    return AG_OK;
}

int auth_history(struct store *st, long long account_id, struct auth_login_event *ev, size_t max,
                 size_t *count, struct ag_error *err)
{
    return auth_history_page(st, account_id, 0, ev, max, count, NULL, err);
}
