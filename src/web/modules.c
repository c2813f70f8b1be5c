/*
 * modules.c — the list of page modules (see struct web_module in web_int.h) and the route table
 * made from them. The order here is the order of the main menu and of route matching.
 */
#include "web/web_int.h"

#include <pthread.h>

/* One module per line (clang-format off), so branches adding modules merge cleanly. */
// clang-format off
extern const struct web_module
    web_module_core,
    web_module_assess,
    web_module_campaigns,
    web_module_workbook,
    web_module_risks,
    web_module_exceptions,
    web_module_incidents,
    web_module_alerts,
    web_module_actions,
    web_module_audits,
    web_module_registers,
    web_module_vulns,
    web_module_bcp,
    web_module_worklog,
    web_module_notify,
    web_module_lifecycle,
    web_module_catalog,
    web_module_compliance,
    web_module_users,
    web_module_audittrail,
    web_module_logs,
    web_module_network,
    web_module_account,
    web_module_api;

const struct web_module *const web_modules[] = {
    &web_module_core,
    &web_module_assess,
    &web_module_campaigns,
    &web_module_workbook,
    &web_module_risks,
    &web_module_exceptions,
    &web_module_incidents,
    &web_module_alerts,
    &web_module_actions,
    &web_module_audits,
    &web_module_registers,
    &web_module_vulns,
    &web_module_bcp,
    &web_module_worklog,
    &web_module_notify,
    &web_module_lifecycle,
    &web_module_catalog,
    &web_module_compliance,
    &web_module_users,
    &web_module_audittrail,
    &web_module_logs,
    &web_module_network,
    &web_module_account,
    &web_module_api,
};
// clang-format on
const size_t web_module_count = AG_ARRAY_LEN(web_modules);

#define WEB_MAX_ROUTES 256
static struct route all_routes[WEB_MAX_ROUTES];
static size_t nall;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build(void)
{
    for (size_t m = 0; m < web_module_count; m++)
        for (size_t i = 0; i < web_modules[m]->nroutes; i++) {
            if (nall == WEB_MAX_ROUTES) { /* a programming error, caught by test_web_core */
                fprintf(stderr, "airguard: more than %d routes; raise WEB_MAX_ROUTES\n",
                        WEB_MAX_ROUTES);
                abort();
            }
            all_routes[nall++] = web_modules[m]->routes[i];
        }
}

const struct route *web_routes(size_t *n)
{
    pthread_once(&once, build);
    *n = nall;
    return all_routes;
}
