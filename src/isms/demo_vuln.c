/* placeholder */
#include "isms/vuln.h"
int isms_demo_vuln(struct store *st, const struct catalog *cat, struct ag_error *err)
{
    (void)st;
    (void)cat;
    (void)err;
    return AG_OK;
}
