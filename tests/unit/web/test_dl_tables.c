/* The project's libraries loaded on first use (the dl_<lib>.h headers over common/dynlib.h): each
 * loads by the SONAME CMake read from it, every function of its table is found, and a call through
 * the redirected name reaches the real library. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "auth/dl_curl.h"
#include "common/dl_gnutls.h"
#include "isms/dl_xlsxwriter.h"
#include "isms/dl_zip.h"
#include "logwatch/dl_nft.h"
#include "web/dl_mhd.h"

static void check_table(struct ag_dynlib *lib)
{
    struct ag_error err;
    assert_int_equal(ag_dynlib_load(lib, &err), AG_OK);
    assert_non_null(strstr(lib->soname, ".so."));
    for (size_t i = 0; i < lib->n; i++) {
        void (*f)(void) = NULL;
        memcpy(&f, (const char *)lib->table + i * sizeof f, sizeof f);
        if (!f)
            fail_msg("%s: %s not loaded", lib->soname, lib->names[i]);
    }
}

static void test_curl(void **state)
{
    check_table(&ag_curl_lib);
    assert_int_equal(ag_curl_lib.n, 9);
    assert_string_equal(curl_easy_strerror(CURLE_OK), "No error");
    CURL *c = curl_easy_init();
    assert_non_null(c);
    assert_int_equal(curl_easy_setopt(c, CURLOPT_URL, "smtp://127.0.0.1:1"), CURLE_OK);
    curl_easy_cleanup(c);
}

static void test_xlsxwriter_and_zip(void **state)
{
    check_table(&ag_xlsxwriter_lib);
    check_table(&ag_zip_lib);
    char cell[32];
    lxw_rowcol_to_cell(cell, 0, 27);
    assert_string_equal(cell, "AB1");
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create("not a zip", 9, 0, &ze);
    assert_non_null(src);
    assert_null(zip_open_from_source(src, ZIP_RDONLY, &ze)); /* not an archive: refused */
    zip_source_free(src);
    zip_error_fini(&ze);
}

static void test_nft(void **state)
{
    check_table(&ag_nft_lib);
    struct nft_ctx *ctx = nft_ctx_new(NFT_CTX_DEFAULT);
    assert_non_null(ctx);
    nft_ctx_free(ctx);
}

static void test_gnutls(void **state)
{
    check_table(&ag_gnutls_lib);
    /* SHA-1 of "abc" (FIPS 180-1's example) through the redirected calls */
    gnutls_hash_hd_t h;
    unsigned char d[20];
    assert_int_equal(gnutls_hash_init(&h, GNUTLS_DIG_SHA1), 0);
    assert_int_equal(gnutls_hash(h, "abc", 3), 0);
    gnutls_hash_deinit(h, d);
    assert_int_equal(d[0], 0xa9);
    assert_int_equal(d[19], 0x9d);
    /* gnutls_free: the library's variable, called through its slot; the pointer cleared */
    gnutls_datum_t out = {NULL, 0};
    gnutls_x509_privkey_t key;
    assert_int_equal(gnutls_x509_privkey_init(&key), 0);
    assert_int_equal(gnutls_x509_privkey_generate(key, GNUTLS_PK_ECDSA, 256, 0), 0);
    assert_int_equal(
        gnutls_x509_privkey_export2_pkcs8(key, GNUTLS_X509_FMT_PEM, NULL, GNUTLS_PKCS_PLAIN, &out),
        0);
    assert_non_null(out.data);
    gnutls_free(out.data);
    assert_null(out.data);
    gnutls_x509_privkey_deinit(key);
}

static void test_mhd(void **state)
{
    check_table(&ag_mhd_lib);
    assert_int_equal(ag_mhd_lib.n, 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_curl), cmocka_unit_test(test_xlsxwriter_and_zip),
        cmocka_unit_test(test_nft),  cmocka_unit_test(test_gnutls),
        cmocka_unit_test(test_mhd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
