/* The message tables of the incident and audit workflows (msgs_incident.c, msgs_audit.c): every
 * text in both languages with the same printf conversions as its key, no key that another
 * registered table has already (a duplicate would be shadowed silently), and every enumerated
 * value the workflows print has its label. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "isms/auditing.h"
#include "isms/incident.h"

static void conversions(const char *fmt, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && !strchr("sdizuxXcpf", *p) && k + 1 < cap)
            out[k++] = *p++;
        if (*p && k + 1 < cap)
            out[k++] = *p;
        if (!*p)
            break;
    }
    out[k] = '\0';
}

static void check_table(const struct ag_msg *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ck[64], cj[64], ce[64];
        assert_true(strlen(t[i].ja) > 0);
        assert_true(strlen(t[i].en) > 0);
        conversions(t[i].key, ck, sizeof(ck));
        conversions(t[i].ja, cj, sizeof(cj));
        conversions(t[i].en, ce, sizeof(ce));
        if (strcmp(ck, cj) || strcmp(ck, ce))
            fail_msg("message \"%s\": conversions differ (key %s, ja %s, en %s)", t[i].key, ck, cj,
                     ce);
        size_t seen = 0;
        for (size_t j = 0; j < ag_tr_count(); j++) {
            const char *k, *ja, *en;
            ag_tr_entry(j, &k, &ja, &en);
            seen += strcmp(k, t[i].key) == 0;
        }
        if (seen != 1)
            fail_msg("message key \"%s\" is registered %zu times", t[i].key, seen);
    }
}

static void test_tables(void **state)
{
    (void)state;
    isms_register_messages();
    check_table(isms_msgs_incident, isms_msgs_incident_count);
    check_table(isms_msgs_audit, isms_msgs_audit_count);
    /* the usage texts describe every subcommand, the audit trail's too */
    const char *u = ag_tr(AG_LANG_EN, "audit-usage");
    assert_non_null(strstr(u, "airguard audit verify"));
    assert_non_null(strstr(u, "airguard audit log [--entity TABLE] [--limit N]"));
    assert_non_null(strstr(ag_tr(AG_LANG_JA, "audit-usage"), "監査証跡"));
    const char *iu = ag_tr(AG_LANG_EN, "incident-usage");
    const char *subs[] = {"open",   "log",  "system", "cause", "prevent", "close",
                          "report", "leak", "list",   "show",  "form"};
    for (size_t i = 0; i < AG_ARRAY_LEN(subs); i++) {
        char want[64];
        snprintf(want, sizeof(want), "airguard incident %s", subs[i]);
        assert_non_null(strstr(iu, want));
    }
}

static void labelled(const char *prefix, const char *const *values)
{
    for (size_t i = 0; values[i]; i++) {
        char key[96];
        snprintf(key, sizeof(key), "%s:%s", prefix, values[i]);
        if (ag_tr(AG_LANG_JA, key) == key || strcmp(ag_tr(AG_LANG_JA, key), key) == 0)
            fail_msg("no label for %s", key);
    }
}

static void test_enum_labels(void **state)
{
    (void)state;
    labelled("kind", isms_incident_event_kinds);
    labelled("class", isms_incident_cause_classes);
    labelled("severity", isms_incident_severities);
    labelled("finding", isms_audit_classifications);
    labelled("aspect", isms_audit_aspects);
    static const char *const leak[] = {
        "source-identified", "leak-stopped",      "agencies-informed",
        "spread-stopped",    "subjects-notified", "published",
        "ppc-reported",      "mlit-informed",     NULL};
    labelled("leak step", leak);
    static const char *const st[] = {"planned", "reported", "instructed", "closed", NULL};
    labelled("audit status", st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_enum_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
