/*
 * compliance.h — what the compliance pages (pages_compliance.c: /compliance, the automatic
 * status of measures from monitor evidence, src/isms/compliance.h) share with the guideline item
 * page, the dashboard and the campaign page.
 */
#ifndef AG_WEB_COMPLIANCE_H
#define AG_WEB_COMPLIANCE_H

#include "web/web_int.h"

/* Who sees the evidence and the status: the ISMS roles (like the airport's records on an item). */
#define COMPLIANCE_VIEW_ROLES                                                                      \
    (AUTH_ROLE_EXECUTIVE | AUTH_ROLE_CISO | AUTH_ROLE_COMMITTEE | AUTH_ROLE_MANAGER |              \
     AUTH_ROLE_SYSADMIN | AUTH_ROLE_CSIRT | AUTH_ROLE_AUDITOR)
/* Who the flags on answers of 実施 go to: the information security managers and the CISO. */
#define COMPLIANCE_FLAG_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_MANAGER)
/* who may download the report to management (3.2.1.2): the CISO, the information security
 * managers who report, the auditors */
#define MGMT_REPORT_ROLES (AUTH_ROLE_CISO | AUTH_ROLE_MANAGER | AUTH_ROLE_AUDITOR)

/* The item page's card "Automatic evidence": for n and the measures below it that have checks,
 * the status badge, the self-inspection answers of the current campaign and each check (what
 * ran, when, the result, a link to the evidence). Nothing for other roles or without checks. */
int compliance_item_card(struct web_req *req, const struct catalog_node *n);
/* The card of flagged answers: on the dashboard (plan 0 = the current campaign) and on a
 * campaign's page. Nothing for people outside COMPLIANCE_FLAG_ROLES. */
int compliance_flags_card(struct web_req *req, long long plan);

#endif
