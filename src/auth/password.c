/*
 * password.c — the password policy and argon2id hashing (libsodium crypto_pwhash_str with the
 * interactive limits: 2 passes over 64 MiB). Guideline 3.1.5.1(1)(c): authentication
 * information is managed so that it cannot be guessed or read back.
 * Pure functions; callable from any thread once sodium_init has run (auth_init).
 */
#include "auth/auth_int.h"

#include <sodium.h>
#include <strings.h>

#define PW_MAX_BYTES 1024

void auth_policy_default(struct auth_policy *p)
{
    p->min_length = 12;
    p->min_classes = 3;
    p->lockout_threshold = 5;
    p->lockout_minutes = 15;
    p->throttle_failures = 20;
    p->throttle_minutes = 15;
    p->idle_minutes = 30;
    p->absolute_minutes = 12 * 60;
    p->history = 5;
    p->max_age_days = 0;
}

int auth_policy_load(struct store *st, struct auth_policy *p, struct ag_error *err)
{
    static const struct {
        const char *key;
        size_t off;
        int min, max;
    } fields[] = {
        {"auth.min_length", offsetof(struct auth_policy, min_length), 12, 256},
        {"auth.min_classes", offsetof(struct auth_policy, min_classes), 1, 4},
        {"auth.lockout_threshold", offsetof(struct auth_policy, lockout_threshold), 1, 100},
        {"auth.lockout_minutes", offsetof(struct auth_policy, lockout_minutes), 1, 10080},
        {"auth.throttle_failures", offsetof(struct auth_policy, throttle_failures), 1, 10000},
        {"auth.throttle_minutes", offsetof(struct auth_policy, throttle_minutes), 1, 10080},
        {"auth.idle_minutes", offsetof(struct auth_policy, idle_minutes), 1, 1440},
        {"auth.absolute_minutes", offsetof(struct auth_policy, absolute_minutes), 1, 10080},
        {"auth.history", offsetof(struct auth_policy, history), 0, 24},
        {"auth.max_age_days", offsetof(struct auth_policy, max_age_days), 0, 3650},
    };
    auth_policy_default(p);
    for (size_t i = 0; i < AG_ARRAY_LEN(fields); i++) {
        char v[32];
        if (store_meta_get(st, fields[i].key, v, sizeof(v)) != AG_OK)
            continue;
        char *end;
        long n = strtol(v, &end, 10);
        if (!*v || *end || n < fields[i].min || n > fields[i].max)
            return ag_error_set(err, AG_EINVAL, "%s: \"%s\" is not a number from %d to %d",
                                fields[i].key, v, fields[i].min, fields[i].max);
        *(int *)((char *)p + fields[i].off) = (int)n;
    }
    return AG_OK;
}

int auth_password_check(const struct auth_policy *p, const char *login, const char *pw,
                        struct ag_error *err)
{
    size_t bytes = strlen(pw), chars = 0;
    bool lower = false, upper = false, digit = false, other = false;
    if (bytes > PW_MAX_BYTES)
        return ag_error_set(err, AG_EINVAL, "password: longer than %d bytes", PW_MAX_BYTES);
    for (const unsigned char *c = (const unsigned char *)pw; *c; c++) {
        if ((*c & 0xc0) != 0x80)
            chars++;
        if (*c < 0x20 || *c == 0x7f)
            return ag_error_set(err, AG_EINVAL, "password: control characters are not allowed");
        if (*c >= 'a' && *c <= 'z')
            lower = true;
        else if (*c >= 'A' && *c <= 'Z')
            upper = true;
        else if (*c >= '0' && *c <= '9')
            digit = true;
        else
            other = true;
    }
    if (chars < (size_t)p->min_length)
        return ag_error_set(err, AG_EINVAL, "password: %zu characters, at least %d are needed",
                            chars, p->min_length);
    int classes = lower + upper + digit + other;
    if (classes < p->min_classes)
        return ag_error_set(err, AG_EINVAL,
                            "password: uses %d of the character classes lower case, upper case, "
                            "digits and others; at least %d are needed",
                            classes, p->min_classes);
    if (login && strcasecmp(login, pw) == 0)
        return ag_error_set(err, AG_EINVAL, "password: must not be the login");
    return AG_OK;
}

int auth_password_hash(const char *pw, char out[AUTH_HASH_MAX], struct ag_error *err)
{
    _Static_assert(AUTH_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return ag_error_set(err, AG_ENOMEM, "password: hashing failed (out of memory)");
    return AG_OK;
}

bool auth_password_verify(const char *hash, const char *pw)
{
    if (!hash || !*hash)
        return false;
    return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool auth_password_expired(const struct auth_policy *p, const char *changed_at, char expires[21])
{
    expires[0] = '\0';
    if (p->max_age_days <= 0)
        return false;
    char day[11];
    if (!changed_at || strlen(changed_at) < 10) {
        snprintf(expires, 21, "-");
        return true; /* unknown age: treated as expired */
    }
    snprintf(day, sizeof(day), "%.10s", changed_at);
    char norm[11];
    if (ag_date_parse(day, norm) == AG_OK) {
        ag_date_add(norm, p->max_age_days, day);
        snprintf(expires, 21, "%s", day);
    }
    char limit[21];
    auth_time(-86400L * p->max_age_days, limit);
    return strcmp(changed_at, limit) <= 0;
}

int auth_password_history_check(struct store *st, const struct auth_policy *p, long long account_id,
                                const char *pw, struct ag_error *err)
{
    if (p->history <= 0)
        return AG_OK;
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s,
                           "SELECT password_hash FROM password_history WHERE account_id = ? "
                           "ORDER BY id DESC LIMIT ?",
                           err);
    if (rc)
        return rc;
    sqlite3_bind_int64(s, 1, account_id);
    sqlite3_bind_int(s, 2, p->history);
    bool used = false;
    /* every kept hash is verified (no early exit): the time does not tell which one matched */
    while (sqlite3_step(s) == SQLITE_ROW)
        used |= auth_password_verify(store_col_text(s, 0), pw);
    sqlite3_finalize(s);
    if (used)
        return ag_error_set(err, AG_EINVAL,
                            "password: used before; choose one that is not among your last %d",
                            p->history);
    return AG_OK;
}
