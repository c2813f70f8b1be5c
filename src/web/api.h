/*
 * api.h — bearer tokens of the JSON API /api/v1 (docs/web/api.md): creating, listing, revoking
 * and verifying them, and their scopes. Used by the server (src/web/api.c) and by the CLI
 * (`airguard token`).
 *
 * A token is "agt_" followed by 256 random bits in lower-case hex (68 characters); it is shown
 * once when created and stored only as its SHA-256 (api_tokens.token_hash), like session ids.
 * It acts as its account — the person's guideline roles — restricted to its scopes:
 *   read      every GET of the API but /api/v1/me (which any valid token may call)
 *   assess    answering one's own self-inspection sheets
 *   incident  reporting incidents (a sensor or monitor opening an incident)
 * A token stops working when it is revoked, after its expiry date, and while its account is
 * locked by an administrator or its person is inactive. Failed verifications count towards the
 * per-address throttling of sign-ins (auth_throttled, login_history).
 *
 * Threading: functions take the caller's store connection and keep no state.
 */
#ifndef AG_WEB_API_H
#define AG_WEB_API_H

#include "auth/auth.h"
#include "common/common.h"

struct store;

enum api_scope {
    API_SCOPE_READ = 1 << 0,
    API_SCOPE_ASSESS = 1 << 1,
    API_SCOPE_INCIDENT = 1 << 2,
};
#define API_SCOPES_ALL (API_SCOPE_READ | API_SCOPE_ASSESS | API_SCOPE_INCIDENT)
#define API_TOKEN_PREFIX "agt_"
#define API_TOKEN_LEN 68 /* prefix + 64 hex digits */
#define API_SCOPES_TEXT 32

/* Parses "read,assess,incident" (any order, no spaces, no empty entries; each at most once).
 * AG_EINVAL names the first unknown scope. */
int api_scopes_parse(const char *s, unsigned *out, struct ag_error *err) AG_MUST_CHECK;
/* The canonical text of a scope set ("read,assess,incident" order; "" for none). */
void api_scopes_format(unsigned scopes, char out[API_SCOPES_TEXT]);
/* Whether (s, n) has the token's form: the prefix and 64 lower-case hex digits. */
bool api_token_well_formed(const char *s, size_t n);
/* Lower-case hex SHA-256 of the token (what the store keeps). */
void api_token_hash(const char *token, size_t n, char out[65]);

/* Creates a token for the account of `login` named `name` (1–100 characters of text) with
 * `scopes` (not empty) and an optional expiry date (YYYY-MM-DD, today or later; NULL = none).
 * *token receives the secret (shown once), *id the new row's id. Joins the caller's transaction
 * when one is open. */
int api_token_add(struct store *st, const char *login, const char *name, unsigned scopes,
                  const char *expires, char token[API_TOKEN_LEN + 1], long long *id,
                  struct ag_error *err) AG_MUST_CHECK;
/* Revokes a token (AG_ENOTFOUND for an unknown id, AG_ECONFLICT when already revoked). */
int api_token_revoke(struct store *st, long long id, struct ag_error *err) AG_MUST_CHECK;

/* What a verified token stands for. */
struct api_principal {
    struct auth_user user; /* account, person, login, names, roles (csrf unused) */
    long long token_id;
    unsigned scopes;
    char token_name[101];
};
/* Verifies the token `s` of length n presented from `address`. AG_OK fills *out (and refreshes
 * last_used_at when it is older than a minute). AG_EDENIED when the token is malformed,
 * unknown, revoked, expired, or its account is locked or its person inactive — the attempt is
 * recorded as a failed sign-in from the address — or when the address is throttled (then
 * *throttled is true and nothing is looked up). Other codes are store errors. */
int api_token_verify(struct store *st, const struct auth_policy *p, const char *s, size_t n,
                     const char *address, struct api_principal *out, bool *throttled,
                     struct ag_error *err) AG_MUST_CHECK;

#endif
