/*
 * alerts.h — what the alert pages (pages_alerts.c) share with the dashboard, the guideline item
 * page and the JSON API: who sees alerts, and the dashboard's alert card.
 */
#ifndef AG_WEB_ALERTS_H
#define AG_WEB_ALERTS_H

#include "web/web_int.h"

/* Who handles alerts (acknowledge, close, incidents): CSIRT, the CISO, system administrators
 * (the ISMS roles `airguard alert` accepts) and the administrator of airguard. */
#define ALERT_HANDLE_ROLES (AUTH_ROLE_CSIRT | AUTH_ROLE_CISO | AUTH_ROLE_SYSADMIN | AUTH_ROLE_ADMIN)
/* Who sees them: those, and auditors (they check the monitoring, 3.3.1.1(2)). */
#define ALERT_VIEW_ROLES (ALERT_HANDLE_ROLES | AUTH_ROLE_AUDITOR)

/* The dashboard card "alerts (last 24 h / unacknowledged, by category)", each count linking to
 * the filtered list; nothing for people who do not see alerts. */
int alerts_dashboard_card(struct web_req *req);
/* The dashboard card "network devices" (pages_network.c): unauthorised devices in the stored
 * inventory and network alerts of the last 24 h; nothing for people who do not see /network. */
int network_dashboard_card(struct web_req *req);

#endif
