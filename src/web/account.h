/*
 * account.h — what the sign-in pages (pages.c), the dashboard and the My account pages
 * (pages_account.c) share: where a session of each stage belongs, the one-time display of
 * recovery codes, and the notices of sign-ins from new addresses.
 */
#ifndef AG_WEB_ACCOUNT_H
#define AG_WEB_ACCOUNT_H

#include "web/web_int.h"

/* The page a session of this stage is sent to: "/", "/login/totp", "/login/enrol" or
 * "/login/password" (the forced change after auth.max_age_days). */
const char *account_stage_path(enum auth_stage stage);
/* A page showing freshly made recovery codes once, with a link on to `next`. */
void account_codes_page(struct web_req *req, char codes[AUTH_RECOVERY_CODES][AUTH_RECOVERY_LEN + 1],
                        const char *next);
/* The signed-in person's notices of sign-ins from new addresses, each with a dismiss button
 * (nothing when there are none). For the dashboard and /account. */
int account_notices_section(struct web_req *req);
/* Hands pending notices to the mailer after a successful sign-in; failures are logged. */
void account_dispatch_notices(struct web_req *req);

#endif
