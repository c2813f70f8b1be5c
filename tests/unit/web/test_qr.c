/*
 * test_qr.c — QR codes for TOTP enrolment (src/web/qr.c): the matrix libqrencode gives for an
 * otpauth URI has the size of its version (17 + 4v) and equals, module by module, what Debian's
 * `qrencode` command prints for the same text and options; the SVG draws exactly the dark
 * modules (one unit square per module, after the 4-module quiet zone) and escapes nothing away;
 * the URI percent-encodes the login. (The integration test decodes the rendered SVG with zbarimg.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "web/qr.h"

#define URI "otpauth://totp/airguard:kimura?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=airguard"

static void test_matrix_matches_qrencode(void **state)
{
    (void)state;
    unsigned char *m;
    int w, version;
    struct ag_error err;
    assert_int_equal(web_qr_matrix(URI, &m, &w, &version, &err), AG_OK);
    assert_int_equal(w, 17 + 4 * version);
    assert_int_equal(version, 5); /* 86 bytes, level M: version 5 (37 x 37) */
    /* finder pattern corners are dark, the separator next to them light */
    assert_int_equal(m[0], 1);
    assert_int_equal(m[w - 1], 1);
    assert_int_equal(m[(w - 1) * w], 1);
    assert_int_equal(m[7], 0);
    /* the same matrix as the qrencode command (level M, 8-bit, no margin; "##" per dark module) */
    FILE *p = popen("qrencode -l M -m 0 -t ASCII '" URI "'", "r");
    assert_non_null(p);
    char line[512];
    int y = 0;
    while (fgets(line, sizeof(line), p)) {
        assert_true(y < w);
        assert_true((int)strcspn(line, "\n") == 2 * w);
        for (int x = 0; x < w; x++)
            assert_int_equal(m[y * w + x], line[2 * x] == '#');
        y++;
    }
    assert_int_equal(pclose(p), 0);
    assert_int_equal(y, w);
    free(m);
}

static void test_svg(void **state)
{
    (void)state;
    struct html h;
    struct ag_error err;
    unsigned char *m;
    int w, version;
    html_init(&h, 0);
    assert_int_equal(web_qr_svg(&h, URI, "QR <key>", &err), AG_OK);
    const char *svg = strbuf_str(&h.sb);
    assert_int_equal(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39), 0);
    assert_non_null(strstr(svg, "viewBox=\"0 0 45 45\"")); /* 37 + 2 x 4 quiet zone */
    assert_non_null(strstr(svg, "aria-label=\"QR &lt;key&gt;\""));
    assert_non_null(strstr(svg, "</svg>"));
    assert_null(strstr(svg, "style"));
    /* the path covers exactly the dark modules: runs "Mx yhNv1h-Nz" */
    assert_int_equal(web_qr_matrix(URI, &m, &w, &version, &err), AG_OK);
    unsigned char *seen = calloc((size_t)w * (size_t)w, 1);
    const char *d = strstr(svg, " d=\"");
    assert_non_null(d);
    d += 4;
    while (*d == 'M') {
        int x, yy, run, run2, n;
        assert_int_equal(sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &yy, &run, &run2, &n), 4);
        assert_int_equal(run, run2);
        for (int i = 0; i < run; i++) {
            int mx = x - WEB_QR_QUIET + i, my = yy - WEB_QR_QUIET;
            assert_true(mx >= 0 && mx < w && my >= 0 && my < w);
            assert_int_equal(seen[my * w + mx], 0);
            seen[my * w + mx] = 1;
        }
        d += n;
    }
    assert_int_equal(*d, '"');
    assert_memory_equal(seen, m, (size_t)w * (size_t)w);
    free(seen);
    free(m);
    html_release(&h);
    /* too long or empty: refused, nothing written */
    html_init(&h, 0);
    char big[2000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(web_qr_svg(&h, big, "x", &err), AG_EINVAL);
    assert_int_equal(web_qr_svg(&h, "", "x", &err), AG_EINVAL);
    assert_int_equal(h.sb.len, 0);
    html_release(&h);
}

static void test_uri(void **state)
{
    (void)state;
    struct strbuf sb;
    strbuf_init(&sb, 0);
    web_otpauth_uri(&sb, "a b&c?d", "JBSWY3DPEHPK3PXP");
    assert_string_equal(
        strbuf_str(&sb),
        "otpauth://totp/airguard:a%20b%26c%3Fd?secret=JBSWY3DPEHPK3PXP&issuer=airguard");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matrix_matches_qrencode),
        cmocka_unit_test(test_svg),
        cmocka_unit_test(test_uri),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
