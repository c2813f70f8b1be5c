/*
 * duties.c — separation of duties (guideline 3.1.4.1(2)): the one mechanism every workflow uses
 * so that a person never approves, reviews, verifies or audits their own request, work or
 * department. Refusals are AG_EDENIED with a message naming the guideline item, the person and
 * the act, and are themselves written to the audit trail (a refused approval is a security-
 * relevant event).
 */
#include "isms/isms.h"

static int refuse(struct store *st, long long actor, const char *why, const char *what,
                  struct ag_error *err)
{
    char login[65];
    struct ag_error ignore;
    isms_person_label(st, actor, login, sizeof(login));
    ag_error_set(err, AG_EDENIED, "separation of duties (3.1.4.1(2)): %s may not %s: %s", login,
                 what, why);
    /* record the refusal; outside the caller's (rolled back) transaction if there is one */
    if (!store_in_transaction(st)) {
        char detail[600];
        struct strbuf d;
        strbuf_init(&d, sizeof(detail));
        strbuf_adds(&d, "{\"what\": ");
        /* what/why are fixed texts with record numbers; still escape quotes and backslashes */
        strbuf_addc(&d, '"');
        for (const char *p = what; *p; p++) {
            if (*p == '"' || *p == '\\')
                strbuf_addc(&d, '\\');
            if ((unsigned char)*p >= 0x20)
                strbuf_addc(&d, *p);
        }
        strbuf_adds(&d, "\"}");
        if (store_audit(st, "refused", "duty", login, strbuf_ok(&d) ? strbuf_str(&d) : "{}",
                        &ignore) != AG_OK) {
            /* the refusal stands even if it cannot be recorded */
        }
        strbuf_release(&d);
    }
    return AG_EDENIED;
}

int isms_duty_not_self(struct store *st, long long actor, long long subject, const char *what,
                       struct ag_error *err)
{
    if (actor == subject)
        return refuse(st, actor, "it is their own", what, err);
    return AG_OK;
}

int isms_duty_not_member(struct store *st, long long actor, long long department, const char *what,
                         struct ag_error *err)
{
    long long dept = 0;
    int rc = isms_person_get(st, actor, NULL, 0, &dept, err);
    if (rc)
        return rc;
    if (dept && (isms_department_within(st, dept, department) ||
                 isms_department_within(st, department, dept)))
        return refuse(st, actor, "they belong to that department", what, err);
    return AG_OK;
}

int isms_duty_has_role(struct store *st, long long actor, const char *role, long long dept,
                       const char *what, struct ag_error *err)
{
    if (isms_has_role(st, actor, role, dept))
        return AG_OK;
    char why[96];
    snprintf(why, sizeof(why), "it needs the role %s", role);
    return refuse(st, actor, why, what, err);
}
