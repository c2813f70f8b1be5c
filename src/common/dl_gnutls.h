/*
 * dl_gnutls.h — GnuTLS: the TLS syslog listener (logwatch/listen.c), self-signed certificates
 * (web/tls.c) and SHA-1 for name-based UUIDs (report/uuid.c), loaded when first used
 * (common/dynlib.h). Include this instead of <gnutls/gnutls.h>, crypto.h, x509.h.
 */
#ifndef AG_DL_GNUTLS_H
#define AG_DL_GNUTLS_H

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "common/dynlib.h"

/* gnutls_free is a variable (a pointer to the library's free function): its slot holds the
 * variable's address. */
#define AG_GNUTLS_FUNCS(X)                                                                         \
    X(gnutls_bye)                                                                                  \
    X(gnutls_certificate_allocate_credentials)                                                     \
    X(gnutls_certificate_free_credentials)                                                         \
    X(gnutls_certificate_server_set_request)                                                       \
    X(gnutls_certificate_set_x509_key_file)                                                        \
    X(gnutls_credentials_set)                                                                      \
    X(gnutls_deinit)                                                                               \
    X(gnutls_error_is_fatal)                                                                       \
    X(gnutls_free)                                                                                 \
    X(gnutls_handshake)                                                                            \
    X(gnutls_hash)                                                                                 \
    X(gnutls_hash_deinit)                                                                          \
    X(gnutls_hash_init)                                                                            \
    X(gnutls_init)                                                                                 \
    X(gnutls_memset)                                                                               \
    X(gnutls_priority_deinit)                                                                      \
    X(gnutls_priority_init)                                                                        \
    X(gnutls_priority_set)                                                                         \
    X(gnutls_record_check_pending)                                                                 \
    X(gnutls_record_get_direction)                                                                 \
    X(gnutls_record_recv)                                                                          \
    X(gnutls_rnd)                                                                                  \
    X(gnutls_strerror)                                                                             \
    X(gnutls_transport_set_int2)                                                                   \
    X(gnutls_x509_crt_deinit)                                                                      \
    X(gnutls_x509_crt_export2)                                                                     \
    X(gnutls_x509_crt_get_key_id)                                                                  \
    X(gnutls_x509_crt_init)                                                                        \
    X(gnutls_x509_crt_set_activation_time)                                                         \
    X(gnutls_x509_crt_set_basic_constraints)                                                       \
    X(gnutls_x509_crt_set_dn_by_oid)                                                               \
    X(gnutls_x509_crt_set_expiration_time)                                                         \
    X(gnutls_x509_crt_set_key)                                                                     \
    X(gnutls_x509_crt_set_key_purpose_oid)                                                         \
    X(gnutls_x509_crt_set_key_usage)                                                               \
    X(gnutls_x509_crt_set_serial)                                                                  \
    X(gnutls_x509_crt_set_subject_alt_name)                                                        \
    X(gnutls_x509_crt_set_subject_key_id)                                                          \
    X(gnutls_x509_crt_set_version)                                                                 \
    X(gnutls_x509_crt_sign2)                                                                       \
    X(gnutls_x509_privkey_deinit)                                                                  \
    X(gnutls_x509_privkey_export2_pkcs8)                                                           \
    X(gnutls_x509_privkey_generate)                                                                \
    X(gnutls_x509_privkey_init)

struct ag_gnutls_api {
    AG_GNUTLS_FUNCS(AG_DYNLIB_FIELD)
};
extern struct ag_dynlib ag_gnutls_lib;

#define gnutls_bye AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_bye)
#define gnutls_certificate_allocate_credentials                                                    \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_certificate_allocate_credentials)
#define gnutls_certificate_free_credentials                                                        \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_certificate_free_credentials)
#define gnutls_certificate_server_set_request                                                      \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_certificate_server_set_request)
#define gnutls_certificate_set_x509_key_file                                                       \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_certificate_set_x509_key_file)
#define gnutls_credentials_set AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_credentials_set)
#define gnutls_deinit AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_deinit)
#define gnutls_error_is_fatal AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_error_is_fatal)
#undef gnutls_free /* gnutls.h's: frees through the variable and clears the pointer */
#define gnutls_free(a)                                                                             \
    ((*AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_free))((void *)(a)), (a) = NULL)
#define gnutls_handshake AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_handshake)
#define gnutls_hash AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_hash)
#define gnutls_hash_deinit AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_hash_deinit)
#define gnutls_hash_init AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_hash_init)
#define gnutls_init AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_init)
#define gnutls_memset AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_memset)
#define gnutls_priority_deinit AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_priority_deinit)
#define gnutls_priority_init AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_priority_init)
#define gnutls_priority_set AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_priority_set)
#define gnutls_record_check_pending                                                                \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_record_check_pending)
#define gnutls_record_get_direction                                                                \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_record_get_direction)
#define gnutls_record_recv AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_record_recv)
#define gnutls_rnd AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_rnd)
#define gnutls_strerror AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_strerror)
#define gnutls_transport_set_int2                                                                  \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_transport_set_int2)
#define gnutls_x509_crt_deinit AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_deinit)
#define gnutls_x509_crt_export2                                                                    \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_export2)
#define gnutls_x509_crt_get_key_id                                                                 \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_get_key_id)
#define gnutls_x509_crt_init AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_init)
#define gnutls_x509_crt_set_activation_time                                                        \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_activation_time)
#define gnutls_x509_crt_set_basic_constraints                                                      \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_basic_constraints)
#define gnutls_x509_crt_set_dn_by_oid                                                              \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_dn_by_oid)
#define gnutls_x509_crt_set_expiration_time                                                        \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_expiration_time)
#define gnutls_x509_crt_set_key                                                                    \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_key)
#define gnutls_x509_crt_set_key_purpose_oid                                                        \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_key_purpose_oid)
#define gnutls_x509_crt_set_key_usage                                                              \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_key_usage)
#define gnutls_x509_crt_set_serial                                                                 \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_serial)
#define gnutls_x509_crt_set_subject_alt_name                                                       \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_subject_alt_name)
#define gnutls_x509_crt_set_subject_key_id                                                         \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_subject_key_id)
#define gnutls_x509_crt_set_version                                                                \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_set_version)
#define gnutls_x509_crt_sign2 AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_crt_sign2)
#define gnutls_x509_privkey_deinit                                                                 \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_privkey_deinit)
#define gnutls_x509_privkey_export2_pkcs8                                                          \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_privkey_export2_pkcs8)
#define gnutls_x509_privkey_generate                                                               \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_privkey_generate)
#define gnutls_x509_privkey_init                                                                   \
    AG_DYNLIB_CALL(ag_gnutls_lib, ag_gnutls_api, gnutls_x509_privkey_init)

#endif
