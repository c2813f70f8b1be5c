/*
 * qr.h — QR codes for TOTP enrolment (guideline 5.2): the otpauth URI an authenticator app scans,
 * encoded with libqrencode and drawn as inline SVG through the escaping HTML builder (no image
 * files, no script; the CSP allows inline SVG markup). Used by /login/enrol (pages.c) and the
 * My account enrolment (pages_account.c).
 */
#ifndef AG_WEB_QR_H
#define AG_WEB_QR_H

#include "web/web_int.h"

#define WEB_QR_QUIET 4 /* quiet zone in modules, as ISO/IEC 18004 asks */

/* The module matrix of text (byte mode, error correction level M, smallest version that fits):
 * *mods is width*width bytes, 1 = dark (caller frees). AG_EINVAL when text does not fit. */
int web_qr_matrix(const char *text, unsigned char **mods, int *width, int *version,
                  struct ag_error *err) AG_MUST_CHECK;
/* <svg class="qr" role="img" aria-label="label" …> with one path of the dark modules. */
int web_qr_svg(struct html *h, const char *text, const char *label,
               struct ag_error *err) AG_MUST_CHECK;
/* otpauth://totp/airguard:LOGIN?secret=SECRET&issuer=airguard (login percent-encoded). */
void web_otpauth_uri(struct strbuf *sb, const char *login, const char *secret);

#endif
