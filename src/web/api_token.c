/*
 * api_token.c — the API's bearer tokens (api.h): scopes, creation, revocation, verification.
 *
 * Invariants: the secret exists only in the caller's buffer at creation and in the client's
 * hands; the store keeps its SHA-256 (api_tokens.token_hash, which the audit trail records only
 * as a digest). Verification looks the hash up (a unique index, so no timing difference between
 * near misses), then refuses revoked and expired tokens and tokens whose account is locked by
 * an administrator or whose person is inactive. An automatic lockout after failed sign-ins
 * does not stop a token, just as it does not end a signed-in session: someone guessing the
 * password must not be able to cut a sensor off. Every refusal is written to login_history
 * (success 0, no account: the presenter is not known to be its owner), so it counts towards
 * the per-address throttling of auth_throttled exactly like a failed password.
 * Threading: the caller's store connection; no state.
 */
#include "store/store.h"
#include "web/api.h"
#include "web/web_int.h"

#include <sodium.h>

static const char *const scope_names[] = {"read", "assess", "incident"};

int api_scopes_parse(const char *s, unsigned *out, struct ag_error *err)
{
    *out = 0;
    if (!s || !*s)
        return ag_error_set(err, AG_EINVAL, "--scope: give at least one of read, assess, incident");
    const char *p = s;
    for (;;) {
        size_t n = strcspn(p, ",");
        unsigned bit = 0;
        for (size_t i = 0; i < AG_ARRAY_LEN(scope_names); i++)
            if (strlen(scope_names[i]) == n && strncmp(p, scope_names[i], n) == 0)
                bit = 1u << i;
        if (!bit)
            return ag_error_set(err, AG_EINVAL,
                                "--scope: \"%.*s\" is not one of: read, assess, incident",
                                (int)(n > 40 ? 40 : n), p);
        if (*out & bit)
            return ag_error_set(err, AG_EINVAL, "--scope: \"%.*s\" is given twice", (int)n, p);
        *out |= bit;
        if (!p[n])
            return AG_OK;
        p += n + 1;
    }
}

void api_scopes_format(unsigned scopes, char out[API_SCOPES_TEXT])
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < AG_ARRAY_LEN(scope_names); i++)
        if (scopes & (1u << i))
            len += (size_t)snprintf(out + len, API_SCOPES_TEXT - len, "%s%s", len ? "," : "",
                                    scope_names[i]);
}

bool api_token_well_formed(const char *s, size_t n)
{
    if (n != API_TOKEN_LEN || memcmp(s, API_TOKEN_PREFIX, 4) != 0)
        return false;
    for (size_t i = 4; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

void api_token_hash(const char *token, size_t n, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, n);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Code points of valid UTF-8 text. */
static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int api_token_add(struct store *st, const char *login, const char *name, unsigned scopes,
                  const char *expires, char token[API_TOKEN_LEN + 1], long long *id,
                  struct ag_error *err)
{
    char hash[65], now[21], today[11], until[11] = "", scope_text[API_SCOPES_TEXT];
    unsigned char raw[32];
    long long account = 0;
    int rc;
    token[0] = '\0';
    if (!name || !*name || !web_text_valid(name, strlen(name)) || strpbrk(name, "\r\n\t") ||
        code_points(name) > 100)
        return ag_error_set(err, AG_EINVAL, "--name: give 1 to 100 characters of text on one line");
    if (!scopes || (scopes & ~(unsigned)API_SCOPES_ALL))
        return ag_error_set(err, AG_EINVAL, "--scope: give at least one of read, assess, incident");
    ag_date_iso(ag_now(), today);
    if (expires) {
        if (ag_date_parse(expires, until) != AG_OK)
            return ag_error_set(err, AG_EINVAL, "--expires: \"%s\" is not a date (YYYY-MM-DD)",
                                expires);
        if (strcmp(until, today) < 0)
            return ag_error_set(err, AG_EINVAL, "--expires: %s is in the past", until);
    }
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT a.id FROM accounts a JOIN people p ON p.id = a.person_id "
                            "WHERE p.login = ?",
                            err)))
        return rc;
    store_bind_text(s, 1, login);
    if (sqlite3_step(s) == SQLITE_ROW)
        account = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (!account)
        return ag_error_set(err, AG_ENOTFOUND,
                            "no account with login \"%s\" (create it first: airguard user add)",
                            login);
    randombytes_buf(raw, sizeof(raw));
    memcpy(token, API_TOKEN_PREFIX, 4);
    sodium_bin2hex(token + 4, API_TOKEN_LEN - 4 + 1, raw, sizeof(raw));
    sodium_memzero(raw, sizeof(raw));
    api_token_hash(token, API_TOKEN_LEN, hash);
    api_scopes_format(scopes, scope_text);
    ag_time_iso(ag_now(), now);
    rc = store_run(st, "api_tokens", err,
                   "INSERT INTO api_tokens(account_id, name, scopes, token_hash, created_at, "
                   "expires) VALUES (?, ?, ?, ?, ?, ?)",
                   "isssss", account, name, scope_text, hash, now, *until ? until : NULL);
    if (rc) {
        sodium_memzero(token, API_TOKEN_LEN + 1);
        return rc;
    }
    *id = store_last_id(st);
    return AG_OK;
}

int api_token_revoke(struct store *st, long long id, struct ag_error *err)
{
    sqlite3_stmt *s;
    char now[21];
    int rc =
        store_prepare(st, &s, "SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = ?", err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    bool revoked = step == SQLITE_ROW && sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (step != SQLITE_ROW)
        return ag_error_set(err, AG_ENOTFOUND, "no API token with id %lld", id);
    if (revoked)
        return ag_error_set(err, AG_ECONFLICT, "API token %lld is already revoked", id);
    ag_time_iso(ag_now(), now);
    return store_run(st, "api_tokens", err,
                     "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                     "si", now, id);
}

/* A refused token: a failed sign-in from the address (no account: see the file comment). */
static int refuse(struct store *st, const char *address, const char *why, struct ag_error *err)
{
    char now[21];
    ag_time_iso(ag_now(), now);
    int rc = store_run(st, "login_history", err,
                       "INSERT INTO login_history(at, account_id, address, success, reason) "
                       "VALUES (?, NULL, ?, 0, 'unknown')",
                       "ss", now, address);
    return rc ? rc : ag_error_set(err, AG_EDENIED, "%s", why);
}

int api_token_verify(struct store *st, const struct auth_policy *p, const char *tok, size_t n,
                     const char *address, struct api_principal *out, bool *throttled,
                     struct ag_error *err)
{
    char hash[65], now[21], today[11], touch[21];
    int rc;
    memset(out, 0, sizeof(*out));
    *throttled = false;
    if ((rc = auth_throttled(st, p, address, throttled, err)))
        return rc;
    if (*throttled)
        return ag_error_set(err, AG_EDENIED,
                            "too many failed attempts from this address; try again later");
    if (!tok || !api_token_well_formed(tok, n))
        return refuse(st, address, "the token is not valid", err);
    api_token_hash(tok, n, hash);
    sqlite3_stmt *s;
    if ((rc = store_prepare(st, &s,
                            "SELECT t.id, t.scopes, t.name, t.revoked_at IS NOT NULL, "
                            "coalesce(t.expires, ''), coalesce(t.last_used_at, ''), a.id, "
                            "a.locked, a.admin, p.active, p.id, p.login, p.name, p.name_en "
                            "FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
                            "JOIN people p ON p.id = a.person_id WHERE t.token_hash = ?",
                            err)))
        return rc;
    store_bind_text(s, 1, hash);
    int step = sqlite3_step(s);
    if (step != SQLITE_ROW) {
        sqlite3_finalize(s);
        return step == SQLITE_DONE ? refuse(st, address, "the token is not valid", err)
                                   : store_error(st, "api_tokens", err);
    }
    ag_date_iso(ag_now(), today);
    ag_time_iso(ag_now(), now);
    ag_time_iso(ag_now() - 60, touch);
    out->token_id = sqlite3_column_int64(s, 0);
    const char *scopes = store_col_text(s, 1);
    snprintf(out->token_name, sizeof(out->token_name), "%s", store_col_text(s, 2));
    bool revoked = sqlite3_column_int(s, 3);
    const char *expires = store_col_text(s, 4);
    bool expired = *expires && strcmp(expires, today) < 0;
    bool stale = strcmp(store_col_text(s, 5), touch) < 0;
    out->user.account_id = sqlite3_column_int64(s, 6);
    bool locked = sqlite3_column_int(s, 7) || !sqlite3_column_int(s, 9);
    bool admin = sqlite3_column_int(s, 8);
    out->user.person_id = sqlite3_column_int64(s, 10);
    snprintf(out->user.login, sizeof(out->user.login), "%s", store_col_text(s, 11));
    snprintf(out->user.name, sizeof(out->user.name), "%s", store_col_text(s, 12));
    snprintf(out->user.name_en, sizeof(out->user.name_en), "%s", store_col_text(s, 13));
    out->user.stage = AUTH_STAGE_FULL;
    struct ag_error ignore;
    rc = api_scopes_parse(scopes, &out->scopes, &ignore) == AG_OK ? AG_OK : AG_EDENIED;
    sqlite3_finalize(s);
    const char *why = rc        ? "the token is not valid"
                      : revoked ? "the token has been revoked"
                      : expired ? "the token has expired"
                      : locked  ? "the token's account is locked or disabled"
                                : NULL;
    if (why) {
        memset(out, 0, sizeof(*out));
        return refuse(st, address, why, err);
    }
    out->user.roles = admin ? AUTH_ROLE_ADMIN : 0;
    if ((rc = store_prepare(st, &s, "SELECT DISTINCT role FROM person_roles WHERE person_id = ?",
                            err)))
        return rc;
    sqlite3_bind_int64(s, 1, out->user.person_id);
    while ((step = sqlite3_step(s)) == SQLITE_ROW)
        out->user.roles |= auth_role_bit(store_col_text(s, 0));
    sqlite3_finalize(s);
    if (step != SQLITE_DONE)
        return store_error(st, "person_roles", err);
    /* last use, at most once a minute: fewer writes (and audit rows), same information */
    if (stale) {
        char actor[128];
        snprintf(actor, sizeof(actor), "%s", store_actor(st));
        store_set_actor(st, out->user.login);
        rc = store_run(st, "api_tokens", err, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
                       "si", now, out->token_id);
        store_set_actor(st, actor);
    }
    return rc;
}
