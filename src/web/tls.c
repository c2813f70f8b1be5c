/*
 * tls.c — a self-signed certificate and key for the first start over HTTPS (`airguard tls init`,
 * docs/web/running.md), made with GnuTLS's X.509 API, the library libmicrohttpd already uses for
 * TLS. Guideline 5.2 asks for encrypted communication: a fresh installation gets a working HTTPS
 * configuration with one command, to be replaced by a certificate of the operator's CA.
 *
 * Key: ECDSA P-256 (small, fast, accepted by every current client). Certificate: X.509 v3, random
 * 128-bit serial, valid from one minute ago for 365 days, SHA-256 signature, CA:FALSE, key usage
 * digitalSignature, extended key usage serverAuth, subjectAltName = the given names + localhost +
 * 127.0.0.1. Files: key.pem (PKCS#8, mode 0600) and cert.pem (0644), each written to a temporary
 * file in the same folder, fsync'd and renamed, so a reader never sees half a file and the key is
 * never readable by others, not even for a moment. Runs in the CLI's main thread.
 */
#include "web/web_int.h"
#include "common/dl_gnutls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TLS_VALID_DAYS 365
#define TLS_MAX_NAMES 16

static int write_private(const char *dir, const char *name, const void *data, size_t len,
                         mode_t mode, struct ag_error *err)
{
    char path[4096], tmp[4096];
    int n1 = snprintf(path, sizeof(path), "%s/%s", dir, name);
    int n2 = snprintf(tmp, sizeof(tmp), "%s/.%s.tmp.%ld", dir, name, (long)getpid());
    if (n1 < 0 || n2 < 0 || (size_t)n1 >= sizeof(path) || (size_t)n2 >= sizeof(tmp))
        return ag_error_set(err, AG_EINVAL, "%s: the path is too long", dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return ag_error_set(err, AG_EIO, "cannot write %s: %s", tmp, strerror(errno));
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        p += w;
        left -= (size_t)w;
    }
    /* fchmod: the mode must not depend on the umask (0600 for the key, 0644 for the cert) */
    if (left || fchmod(fd, mode) != 0 || fsync(fd) != 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        return ag_error_set(err, AG_EIO, "cannot write %s: %s", tmp, strerror(e));
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return ag_error_set(err, AG_EIO, "cannot write %s: %s", path, strerror(e));
    }
    return AG_OK;
}

static bool dns_name_valid(const char *s)
{
    size_t n = strlen(s), label = 0;
    if (!n || n > 253)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (!label || s[i - 1] == '-')
                return false;
            label = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   (c == '-' && label)) {
            if (++label > 63)
                return false;
        } else {
            return false;
        }
    }
    return label && s[n - 1] != '-';
}

/* Adds one subjectAltName: an IP address when it parses as one, else a DNS name. */
static int add_san(gnutls_x509_crt_t crt, const char *name, struct ag_error *err)
{
    unsigned char ip[16];
    int rc;
    if (inet_pton(AF_INET, name, ip) == 1)
        rc = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 4,
                                                  GNUTLS_FSAN_APPEND);
    else if (inet_pton(AF_INET6, name, ip) == 1)
        rc = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_IPADDRESS, ip, 16,
                                                  GNUTLS_FSAN_APPEND);
    else if (dns_name_valid(name))
        rc = gnutls_x509_crt_set_subject_alt_name(crt, GNUTLS_SAN_DNSNAME, name,
                                                  (unsigned)strlen(name), GNUTLS_FSAN_APPEND);
    else
        return ag_error_set(err, AG_EINVAL,
                            "--host: \"%s\" is neither a host name nor an IP address", name);
    if (rc < 0)
        return ag_error_set(err, AG_EIO, "certificate: %s", gnutls_strerror(rc));
    return AG_OK;
}

static bool exists(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
    return n > 0 && (size_t)n < sizeof(path) && lstat(path, &st) == 0;
}

int web_tls_selfsigned(const char *dir, const char *const *hosts, size_t nhosts, bool force,
                       struct ag_error *err)
{
    gnutls_x509_privkey_t key = NULL;
    gnutls_x509_crt_t crt = NULL;
    gnutls_datum_t cert_pem = {NULL, 0}, key_pem = {NULL, 0};
    const char *names[TLS_MAX_NAMES + 2];
    size_t nnames = 0;
    int rc = AG_OK, g;
    if (nhosts > TLS_MAX_NAMES)
        return ag_error_set(err, AG_EINVAL, "--host: at most %d names", TLS_MAX_NAMES);
    if ((rc = ag_dynlib_load(&ag_gnutls_lib, err)))
        return rc;
    for (size_t i = 0; i < nhosts; i++)
        names[nnames++] = hosts[i];
    static const char *const local[] = {"localhost", "127.0.0.1"};
    for (size_t i = 0; i < AG_ARRAY_LEN(local); i++) {
        bool dup = false;
        for (size_t j = 0; j < nnames; j++)
            dup |= strcmp(names[j], local[i]) == 0;
        if (!dup)
            names[nnames++] = local[i];
    }
    if (!force && (exists(dir, "cert.pem") || exists(dir, "key.pem")))
        return ag_error_set(err, AG_ECONFLICT,
                            "%s already holds cert.pem or key.pem; --force replaces them", dir);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return ag_error_set(err, AG_EIO, "cannot create %s: %s", dir, strerror(errno));
    unsigned char serial[16];
    time_t now = time(NULL);
    if ((g = gnutls_x509_privkey_init(&key)) < 0 || (g = gnutls_x509_crt_init(&crt)) < 0 ||
        (g = gnutls_x509_privkey_generate(
             key, GNUTLS_PK_ECDSA, GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0)) < 0 ||
        (g = gnutls_rnd(GNUTLS_RND_NONCE, serial, sizeof(serial))) < 0)
        goto gnutls_fail;
    serial[0] &= 0x7f; /* a positive INTEGER */
    serial[0] |= 0x01; /* of full length */
    if ((g = gnutls_x509_crt_set_version(crt, 3)) < 0 ||
        (g = gnutls_x509_crt_set_serial(crt, serial, sizeof(serial))) < 0 ||
        (g = gnutls_x509_crt_set_activation_time(crt, now - 60)) < 0 ||
        (g = gnutls_x509_crt_set_expiration_time(crt, now + (time_t)TLS_VALID_DAYS * 86400)) < 0 ||
        (g = gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0, names[0],
                                           (unsigned)strlen(names[0]))) < 0 ||
        (g = gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
                                           "airguard (self-signed)", 22)) < 0 ||
        (g = gnutls_x509_crt_set_key(crt, key)) < 0 ||
        (g = gnutls_x509_crt_set_basic_constraints(crt, 0, -1)) < 0 ||
        (g = gnutls_x509_crt_set_key_usage(crt, GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0 ||
        (g = gnutls_x509_crt_set_key_purpose_oid(crt, GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0)
        goto gnutls_fail;
    {
        unsigned char kid[64];
        size_t kid_len = sizeof(kid);
        if ((g = gnutls_x509_crt_get_key_id(crt, 0, kid, &kid_len)) < 0 ||
            (g = gnutls_x509_crt_set_subject_key_id(crt, kid, kid_len)) < 0)
            goto gnutls_fail;
    }
    for (size_t i = 0; i < nnames; i++)
        if ((rc = add_san(crt, names[i], err)))
            goto out;
    if ((g = gnutls_x509_crt_sign2(crt, crt, key, GNUTLS_DIG_SHA256, 0)) < 0 ||
        (g = gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &cert_pem)) < 0 ||
        (g = gnutls_x509_privkey_export2_pkcs8(key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN,
                                               &key_pem)) < 0)
        goto gnutls_fail;
    /* the key first: a cert.pem without its key would be useless */
    if ((rc = write_private(dir, "key.pem", key_pem.data, key_pem.size, 0600, err)) ||
        (rc = write_private(dir, "cert.pem", cert_pem.data, cert_pem.size, 0644, err)))
        goto out;
    goto out;
gnutls_fail:
    rc = ag_error_set(err, AG_EIO, "certificate: %s", gnutls_strerror(g));
out:
    if (key_pem.data) {
        gnutls_memset(key_pem.data, 0, key_pem.size);
        gnutls_free(key_pem.data);
    }
    gnutls_free(cert_pem.data);
    if (crt)
        gnutls_x509_crt_deinit(crt);
    if (key)
        gnutls_x509_privkey_deinit(key);
    return rc;
}
