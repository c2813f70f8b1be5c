/*
 * totp.c — time-based one-time passwords, RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits,
 * accepted within ±1 step for clock drift) through liboath; the second factor of guideline 5.2
 * for administrators, the CISO and auditors. Codes are compared in constant time; the caller
 * stores the accepted step so a code cannot be replayed.
 * Pure functions after auth_init (liboath's global initialisation).
 */
#include "auth/auth_int.h"

#include "auth/dl_curl.h"
#include <liboath/oath.h>
#include <sodium.h>

#define TOTP_STEP 30
#define TOTP_DIGITS 6

int auth_init(struct ag_error *err)
{
    if (sodium_init() < 0)
        return ag_error_set(err, AG_EIO, "libsodium cannot be initialised");
    if (oath_init() != OATH_OK)
        return ag_error_set(err, AG_EIO, "liboath cannot be initialised");
    /* libcurl's global set-up (mail.c) is not thread-safe: done here, before threads start */
    static bool curl_done;
    if (!curl_done) {
        int rc = ag_dynlib_load(&ag_curl_lib, err);
        if (rc)
            return rc;
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            return ag_error_set(err, AG_EIO, "libcurl cannot be initialised");
        curl_done = true;
    }
    return AG_OK;
}

int auth_totp_secret(char out[64], struct ag_error *err)
{
    unsigned char raw[20];
    char *b32 = NULL;
    size_t len = 0;
    randombytes_buf(raw, sizeof(raw));
    int rc = oath_base32_encode((const char *)raw, sizeof(raw), &b32, &len);
    sodium_memzero(raw, sizeof(raw));
    if (rc != OATH_OK || !b32 || len >= 64) {
        free(b32);
        return ag_error_set(err, AG_ENOMEM, "TOTP: cannot create a secret");
    }
    memcpy(out, b32, len);
    out[len] = '\0';
    sodium_memzero(b32, len);
    free(b32);
    return AG_OK;
}

/* Decodes the base32 secret (caller frees *raw). */
static int decode_secret(const char *b32, char **raw, size_t *len, struct ag_error *err)
{
    *raw = NULL;
    if (!b32 || !*b32 || strlen(b32) > 128 ||
        oath_base32_decode(b32, strlen(b32), raw, len) != OATH_OK || *len < 10) {
        free(*raw);
        *raw = NULL;
        return ag_error_set(err, AG_EINVAL, "TOTP: the secret is not base32 of at least 80 bits");
    }
    return AG_OK;
}

int auth_totp_code(const char *secret_b32, time_t t, char code[7], struct ag_error *err)
{
    char *raw;
    size_t len;
    int rc = decode_secret(secret_b32, &raw, &len, err);
    if (rc)
        return rc;
    if (oath_totp_generate(raw, len, t, TOTP_STEP, 0, TOTP_DIGITS, code) != OATH_OK)
        rc = ag_error_set(err, AG_EINVAL, "TOTP: cannot compute a code");
    sodium_memzero(raw, len);
    free(raw);
    return rc;
}

int auth_totp_verify(const char *secret_b32, const char *code, time_t now, long long *step,
                     struct ag_error *err)
{
    if (!code || strlen(code) != TOTP_DIGITS || strspn(code, "0123456789") != TOTP_DIGITS)
        return ag_error_set(err, AG_EDENIED, "the code must be %d digits", TOTP_DIGITS);
    char *raw;
    size_t len;
    int rc = decode_secret(secret_b32, &raw, &len, err);
    if (rc)
        return rc;
    long long base = (long long)(now / TOTP_STEP);
    bool found = false;
    for (int d = -1; d <= 1; d++) {
        char want[TOTP_DIGITS + 1];
        if (oath_totp_generate(raw, len, (time_t)((base + d) * TOTP_STEP), TOTP_STEP, 0,
                               TOTP_DIGITS, want) != OATH_OK)
            continue;
        if (sodium_memcmp(want, code, TOTP_DIGITS) == 0 && !found) {
            found = true;
            *step = base + d;
        }
    }
    sodium_memzero(raw, len);
    free(raw);
    return found ? AG_OK : ag_error_set(err, AG_EDENIED, "the code is wrong or has expired");
}
