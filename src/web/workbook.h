/*
 * workbook.h — the self-inspection workbook card of the campaign page (pages_workbook.c).
 */
#ifndef AG_WEB_WORKBOOK_H
#define AG_WEB_WORKBOOK_H

#include "web/web_int.h"

/* The card: download links (CISO and auditors all departments, a manager their own) and, for
 * the CISO and managers, the upload form; nothing for anyone else. */
int workbook_card(struct web_req *req, long long plan) AG_MUST_CHECK;

#endif
