/* The work log and the lifecycle (src/isms/worklog.c, lifecycle.c) against a real store: the
 * date-time check, unauthorised entries, change approval before the change with separation of
 * duties, emergency changes and their states, the review after the change, access-control
 * review plans and their due dates, disposal with proof of erasure and a witness, the lifecycle
 * checklist generated from the catalog, and sign-off refused with open rows, without a design
 * review or acceptance test, out of order and by someone who answered rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixture.h"

#include "isms/lifecycle.h"
#include "isms/worklog.h"

struct fx {
    struct fixture t;
    long long admin, admin2, mgr, ciso, handler, outsider;
};

static long long count(struct store *st, const char *sql)
{
    return fixture_scalar(st, sql, 0);
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    fixture_init(&f->t, "worklog", "2027-04-02", FIXTURE_CATALOG);
    assert_int_equal(isms_department_add(f->t.st, "fac", "施設部", "Facilities", NULL, NULL, &err),
                     AG_OK);
    assert_int_equal(isms_department_add(f->t.st, "it", "情報", "IT", NULL, NULL, &err), AG_OK);
    const char *logins[] = {"admin", "admin2", "mgr", "ciso", "handler", "outsider"};
    const char *depts[] = {"fac", "fac", "fac", "it", "fac", "it"};
    long long *ids[] = {&f->admin, &f->admin2, &f->mgr, &f->ciso, &f->handler, &f->outsider};
    for (size_t i = 0; i < 6; i++) {
        struct isms_person_new p = {logins[i], logins[i], "", "", "", depts[i]};
        assert_int_equal(isms_person_add(f->t.st, &p, ids[i], &err), AG_OK);
    }
    assert_int_equal(isms_role_grant(f->t.st, "admin", "sysadmin", "fac", &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "admin2", "sysadmin", "fac", &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "mgr", "manager", "fac", &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "ciso", "ciso", NULL, &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "handler", "handler", NULL, &err), AG_OK);
    assert_int_equal(isms_role_grant(f->t.st, "outsider", "sysadmin", "it", &err), AG_OK);
    struct isms_system_new sys = {
        "BHS", "baggage-handling", "BHS", "BHS", "", "", "", "fac", NULL, true, true};
    assert_int_equal(isms_system_add(f->t.st, &sys, &err), AG_OK);
    struct isms_asset_new a[] = {
        {"SRV1", "BHS", "server", "SCADA", "", "", "", "", "", "admin"},
        {"FW1", "BHS", "network", "Firewall", "", "", "", "", "", "admin"},
        {"PLC1", "BHS", "plc", "PLC", "", "", "", "", "", "admin"},
    };
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(isms_asset_add(f->t.st, &a[i], &err), AG_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    fixture_release(&f->t);
    free(f);
    return 0;
}

static void test_datetime(void **state)
{
    (void)state;
    struct ag_error err;
    char out[17];
    assert_int_equal(wl_check_datetime("--at", "2027-03-01 09:05", out, &err), AG_OK);
    assert_string_equal(out, "2027-03-01 09:05");
    assert_int_equal(wl_check_datetime("--at", "2027-03-01T23:59", out, &err), AG_OK);
    assert_string_equal(out, "2027-03-01 23:59");
    assert_int_equal(wl_check_datetime("--at", "2027-03-01", out, &err), AG_OK);
    assert_string_equal(out, "2027-03-01 00:00");
    assert_int_equal(wl_check_datetime("--at", "2027-02-30 10:00", out, &err), AG_EINVAL);
    assert_int_equal(wl_check_datetime("--at", "2027-03-01 24:00", out, &err), AG_EINVAL);
    assert_int_equal(wl_check_datetime("--at", "2027-03-01 9:00", out, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "--at"));
    assert_int_equal(wl_check_datetime("--at", NULL, out, &err), AG_EINVAL);
}

static void test_entries(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    bool flagged = true;
    struct wl_entry_new e = {"SRV1", "2027-03-01 10:00", "inspection", "monthly check", "ok", NULL,
                             0};
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &id, &flagged, &err), AG_OK);
    assert_false(flagged);
    /* a configuration change without a change: recorded, flagged, audited */
    e.kind = "configuration";
    e.by = "handler";
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &id, &flagged, &err), AG_OK);
    assert_true(flagged);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM wl_entries WHERE unauthorised = 1"), 1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = "
                                    "'unauthorised-change'"),
                     1);
    /* only people with the role for the device's department record work */
    assert_int_equal(wl_entry_add(f->t.st, f->handler, &e, &id, NULL, &err), AG_EDENIED);
    assert_int_equal(wl_entry_add(f->t.st, f->outsider, &e, &id, NULL, &err), AG_EDENIED);
    assert_int_equal(wl_entry_add(f->t.st, f->ciso, &e, &id, NULL, &err), AG_OK);
    /* bad input names the field */
    e.kind = "disposal";
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &id, NULL, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "worklog dispose"));
    e.kind = "tuning";
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &id, NULL, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "--kind"));
    e.kind = "inspection";
    e.asset = "NOPE";
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &id, NULL, &err), AG_ENOTFOUND);
}

static long long request(struct fx *f, bool emergency)
{
    struct ag_error err;
    long long id;
    static const char *const assets[] = {"FW1", "SRV1", NULL};
    struct wl_change_new c = {
        "open port", "vendor access", "2027-04-10", "remove the rule", "medium",
        "",          assets,          emergency};
    assert_int_equal(wl_change_request(f->t.st, f->admin, &c, &id, &err), AG_OK);
    return id;
}

static void test_change_flow(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = request(f, false);
    /* not carried out before approval */
    assert_int_equal(wl_change_implement(f->t.st, id, f->admin, NULL, NULL, NULL, NULL, &err),
                     AG_EDENIED);
    assert_non_null(strstr(err.msg, "not approved"));
    /* the requester never approves; a sysadmin is not an approver */
    assert_int_equal(wl_change_decide(f->t.st, id, f->admin, true, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "separation of duties (3.1.4.1(2)): admin may not approve"));
    assert_int_equal(wl_change_decide(f->t.st, id, f->admin2, true, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "manager"));
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM audit_log WHERE action = 'refused'"), 2);
    assert_int_equal(wl_change_decide(f->t.st, id, f->mgr, false, NULL, &err), AG_EINVAL);
    assert_int_equal(wl_change_decide(f->t.st, id, f->mgr, true, "ok", &err), AG_OK);
    assert_int_equal(wl_change_decide(f->t.st, id, f->ciso, true, "ok", &err), AG_EDENIED);
    /* carried out: one entry per device, linked, not flagged */
    assert_int_equal(wl_change_implement(f->t.st, id, f->admin, "2027-04-10 22:00", "configuration",
                                         NULL, NULL, &err),
                     AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM wl_entries WHERE change_id = 1 AND "
                                    "unauthorised = 0"),
                     2);
    /* reviewed by someone other than the implementer */
    assert_int_equal(
        wl_change_review(f->t.st, f->t.cat, id, f->admin, "ok", "fine", NULL, NULL, &err),
        AG_EDENIED);
    assert_non_null(strstr(err.msg, "admin may not review change"));
    assert_int_equal(
        wl_change_review(f->t.st, f->t.cat, id, f->handler, "ok", "fine", NULL, NULL, &err),
        AG_EDENIED);
    assert_int_equal(wl_change_review(f->t.st, f->t.cat, id, f->admin2, "issues", "a rule too wide",
                                      "admin", "2027-05-01", &err),
                     AG_OK);
    assert_int_equal(count(f->t.st,
                           "SELECT count(*) FROM actions a JOIN wl_changes c ON c.action_id "
                           "= a.id WHERE a.origin = 'other' AND a.origin_id = c.id"),
                     1);
    assert_string_equal(wl_change_state("reviewed", "approved", NULL, "issues", "2027-04-12"),
                        "reviewed");
    /* a work log entry under the approved change is not flagged; one for another device is
     * refused */
    bool flagged = true;
    long long eid;
    struct wl_entry_new e = {"FW1", NULL, "configuration", "follow-up", NULL, NULL, id};
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &eid, &flagged, &err), AG_OK);
    assert_false(flagged);
    e.asset = "PLC1";
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &eid, &flagged, &err), AG_EINVAL);
    /* a second change: cancelled by its requester, then nothing more */
    long long id2 = request(f, false);
    assert_int_equal(wl_change_cancel(f->t.st, id2, f->handler, &err), AG_EDENIED);
    assert_int_equal(wl_change_cancel(f->t.st, id2, f->admin, &err), AG_OK);
    assert_int_equal(wl_change_decide(f->t.st, id2, f->mgr, true, NULL, &err), AG_EDENIED);
}

static void test_emergency(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id = request(f, true);
    assert_int_equal(
        wl_change_implement(f->t.st, id, f->admin, "2027-04-02 03:00", "patch", NULL, NULL, &err),
        AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM wl_changes WHERE approval_due = "
                                    "'2027-04-05'"),
                     1);
    assert_string_equal(wl_change_state("implemented", "pending", "2027-04-05", NULL, "2027-04-05"),
                        "emergency-pending");
    assert_string_equal(wl_change_state("implemented", "pending", "2027-04-05", NULL, "2027-04-06"),
                        "approval-overdue");
    assert_string_equal(
        wl_change_state("implemented", "rejected", "2027-04-05", NULL, "2027-04-06"),
        "rejected-after-change");
    assert_string_equal(
        wl_change_state("reviewed", "rejected", "2027-04-05", "rolled_back", "2027-04-06"),
        "reviewed");
    assert_string_equal(wl_change_state("open", "pending", NULL, NULL, "2027-04-06"),
                        "open-pending");
    /* the SQL form agrees */
    sqlite3_stmt *s;
    assert_int_equal(store_prepare(f->t.st, &s,
                                   "SELECT " WL_CHANGE_STATE_SQL " FROM wl_changes c WHERE id = ?2",
                                   &err),
                     AG_OK);
    sqlite3_bind_text(s, 1, "2027-04-06", -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, id);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), "approval-overdue");
    sqlite3_reset(s);
    sqlite3_bind_text(s, 1, "2027-04-03", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 0), "emergency-pending");
    sqlite3_finalize(s);
    /* retrospective approval */
    assert_int_equal(wl_change_decide(f->t.st, id, f->mgr, true, "accepted afterwards", &err),
                     AG_OK);
    assert_int_equal(count(f->t.st,
                           "SELECT count(*) FROM wl_changes WHERE decision = 'approved' AND "
                           "status = 'implemented'"),
                     1);
}

static void test_reviews(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    assert_int_equal(wl_review_plan(f->t.st, f->admin, "SRV1", "both", 3, "admin", NULL, &err),
                     AG_EINVAL);
    assert_non_null(strstr(err.msg, "network"));
    assert_int_equal(wl_review_plan(f->t.st, f->admin, "FW1", "both", 0, "admin", NULL, &err),
                     AG_EINVAL);
    assert_int_equal(
        wl_review_plan(f->t.st, f->admin, "FW1", "access-control", 3, "admin", "2026-10-01", &err),
        AG_OK);
    /* due 2027-01-01, today 2027-04-02: overdue */
    struct ag_error e2;
    sqlite3_stmt *s;
    assert_int_equal(store_prepare(f->t.st, &s, wl_review_plans_sql, &e2), AG_OK);
    sqlite3_bind_text(s, 1, "2027-04-02", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 6), "2027-01-01");
    assert_string_equal(store_col_text(s, 7), "overdue");
    sqlite3_finalize(s);
    /* an action result needs the action's owner and due date */
    struct wl_review_new r = {"FW1", "2027-03-30", 0, "an old rule", "action", NULL, NULL};
    assert_int_equal(wl_review_add(f->t.st, f->t.cat, f->admin, &r, &id, &err), AG_EINVAL);
    r.action_owner = "admin";
    r.action_due = "2027-04-30";
    assert_int_equal(wl_review_add(f->t.st, f->t.cat, f->handler, &r, &id, &err), AG_EDENIED);
    assert_int_equal(wl_review_add(f->t.st, f->t.cat, f->admin, &r, &id, &err), AG_OK);
    assert_int_equal(count(f->t.st,
                           "SELECT count(*) FROM actions a JOIN wl_reviews r ON r.action_id "
                           "= a.id AND a.origin_id = r.id JOIN action_items i ON "
                           "i.action_id = a.id AND i.item_id = '3.2.1.1-2-c3.m3'"),
                     1);
    assert_int_equal(store_prepare(f->t.st, &s, wl_review_plans_sql, &e2), AG_OK);
    sqlite3_bind_text(s, 1, "2027-04-02", -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_string_equal(store_col_text(s, 6), "2027-06-30");
    assert_string_equal(store_col_text(s, 7), "ok");
    sqlite3_finalize(s);
}

static void test_disposal(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    static const char cert[] = "certificate of erasure";
    struct wl_disposal_new d = {"SRV1", "2027-03-31", "overwrite", "admin", "admin", "",
                                NULL,   "C-1",        "",          NULL,    0,       NULL};
    /* without proof: refused */
    assert_int_equal(wl_dispose(f->t.st, f->admin, &d, &id, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "proof of erasure"));
    d.data = cert;
    d.len = sizeof(cert) - 1;
    d.certificate = "cert.pdf";
    /* the witness is not the one who erased */
    assert_int_equal(wl_dispose(f->t.st, f->admin, &d, &id, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "witness the erasure of asset SRV1"));
    d.witness = "mgr";
    d.method = "contractual";
    assert_int_equal(wl_dispose(f->t.st, f->admin, &d, &id, &err), AG_EINVAL);
    d.method = "overwrite";
    assert_int_equal(wl_dispose(f->t.st, f->handler, &d, &id, &err), AG_EDENIED);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM wl_disposals"), 0);
    assert_int_equal(wl_dispose(f->t.st, f->admin, &d, &id, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM assets WHERE code = 'SRV1' AND status = "
                                    "'disposed' AND disposed_on = '2027-03-31'"),
                     1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM wl_entries WHERE kind = 'disposal'"), 1);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM wl_disposals d JOIN evidence e ON e.id = "
                                    "d.certificate_id WHERE e.filename = 'cert.pdf'"),
                     1);
    /* nothing more for a disposed device */
    assert_int_equal(wl_dispose(f->t.st, f->admin, &d, &id, &err), AG_ECONFLICT);
    struct wl_entry_new e = {"SRV1", NULL, "maintenance", "x", NULL, NULL, 0};
    assert_int_equal(wl_entry_add(f->t.st, f->admin, &e, &id, NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "disposed of"));
}

/* ---- lifecycle ---- */

struct collect {
    int n;
    bool has_x3;
};
static int collect(void *ctx, const struct catalog_node *n)
{
    struct collect *c = ctx;
    c->n++;
    if (strcmp(n->id, "3.1.5.2-1-c2.m2.x3") == 0)
        c->has_x3 = true;
    return AG_OK;
}

static void test_template(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct collect all = {0}, servers = {0}, acc = {0};
    assert_int_equal(lc_template(f->t.cat, "build", 0, collect, &all, &err), AG_OK);
    assert_int_equal(lc_template(f->t.cat, "build", 1u << 0, collect, &servers, &err), AG_OK);
    assert_true(all.n > servers.n); /* device measures only for the devices the system has */
    assert_int_equal(lc_template(f->t.cat, "acceptance", 0, collect, &acc, &err), AG_OK);
    assert_true(acc.has_x3); /* 受入れ時の確認・検査 */
    assert_int_equal(lc_template(f->t.cat, "testing", 0, collect, &acc, &err), AG_EINVAL);
    assert_int_equal(lc_system_categories(f->t.st, 1), (1u << 0) | (1u << 2) | (1u << 3));
}

static long long row_of(struct fx *f, long long project, const char *phase, int i)
{
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT r.id FROM lc_rows r JOIN lc_phases p ON p.id = r.phase_id WHERE "
             "p.project_id = %lld AND p.phase = '%s' ORDER BY r.sort_order LIMIT 1 OFFSET %d",
             project, phase, i);
    return count(f->t.st, sql);
}

static void answer_all(struct fx *f, long long project, const char *phase, long long who)
{
    struct ag_error err;
    for (int i = 0;; i++) {
        long long row = row_of(f, project, phase, i);
        if (row < 0)
            break;
        assert_int_equal(lc_answer(f->t.st, who, row, "done", "in the specification", &err), AG_OK);
    }
}

static void test_lifecycle(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long p, id;
    struct lc_project_new n = {"BHS-NEW", "BHS", "new", "BHS build", "admin", "2027-01-01"};
    assert_int_equal(lc_project_start(f->t.st, f->t.cat, f->handler, &n, &p, &err), AG_EDENIED);
    assert_int_equal(lc_project_start(f->t.st, f->t.cat, f->admin, &n, &p, &err), AG_OK);
    assert_int_equal(lc_project_start(f->t.st, f->t.cat, f->admin, &n, &p, &err), AG_ECONFLICT);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM lc_phases WHERE project_id = 1"), 4);
    /* rows point at catalog items */
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM lc_rows r JOIN lc_phases p ON p.id = "
                                    "r.phase_id WHERE p.phase = 'acceptance' AND r.item_id = "
                                    "'3.1.5.2-1-c2.m2.x3' AND r.ref = '3.1.5.2(1)②'"),
                     1);
    /* sign-off refused with open rows, and in the wrong order */
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "planning", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "open row"));
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "build", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "in order"));
    /* na needs the reason */
    long long row = row_of(f, p, "planning", 0);
    assert_int_equal(lc_answer(f->t.st, f->admin, row, "na", NULL, &err), AG_EINVAL);
    assert_int_equal(lc_answer(f->t.st, f->handler, row, "done", NULL, &err), AG_EDENIED);
    answer_all(f, p, "planning", f->admin);
    /* no design review yet */
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "planning", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "design review"));
    static const char *const reviewers[] = {"admin", "mgr", NULL};
    struct lc_review_new r = {"planning", "2027-02-01", "desk review",
                              "none",     "approved",   reviewers};
    assert_int_equal(lc_review_add(f->t.st, f->admin, p, &r, &id, &err), AG_OK);
    /* someone who answered rows does not sign off; a sysadmin is not the responsible person */
    assert_int_equal(isms_role_grant(f->t.st, "admin", "manager", "fac", &err), AG_OK);
    assert_int_equal(lc_signoff(f->t.st, f->admin, p, "planning", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "separation of duties (3.1.4.1(2))"));
    assert_int_equal(lc_signoff(f->t.st, f->admin2, p, "planning", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "manager"));
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "planning", "ok", &err), AG_OK);
    /* a signed-off phase is frozen */
    assert_int_equal(lc_answer(f->t.st, f->admin, row, "open", NULL, &err), AG_EDENIED);
    answer_all(f, p, "build", f->admin2);
    assert_int_equal(lc_signoff(f->t.st, f->ciso, p, "build", NULL, &err), AG_OK);
    /* acceptance needs a passing test with evidence */
    answer_all(f, p, "acceptance", f->admin);
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "acceptance", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "acceptance test"));
    static const char report[] = "test report";
    struct lc_test_new t = {"security test", "2027-03-01", "fail", "", NULL, NULL, 0, NULL};
    assert_int_equal(lc_test_add(f->t.st, f->admin, p, &t, &id, &err), AG_EINVAL);
    t.data = report;
    t.len = sizeof(report) - 1;
    t.name = "report.txt";
    assert_int_equal(lc_test_add(f->t.st, f->admin, p, &t, &id, &err), AG_OK);
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "acceptance", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "failed"));
    t.result = "pass";
    assert_int_equal(lc_test_add(f->t.st, f->admin, p, &t, &id, &err), AG_OK);
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "acceptance", NULL, &err), AG_OK);
    answer_all(f, p, "handover", f->admin);
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "handover", NULL, &err), AG_OK);
    assert_int_equal(count(f->t.st, "SELECT count(*) FROM lc_projects WHERE status = 'completed'"),
                     1);
    /* a completed project is not changed any more */
    assert_int_equal(lc_review_add(f->t.st, f->admin, p, &r, &id, &err), AG_EDENIED);
}

static void test_row_find(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long p, row;
    struct lc_project_new n = {"BHS-R", "BHS", "renewal", "renewal", "admin", NULL};
    assert_int_equal(lc_project_start(f->t.st, f->t.cat, f->admin, &n, &p, &err), AG_OK);
    /* 3.1.5.2-1-c1.m4.x3 is asked at planning and at renewal */
    assert_int_equal(lc_row_find(f->t.st, f->t.cat, p, NULL, "3.1.5.2-1-c1.m4.x3", &row, &err),
                     AG_EINVAL);
    assert_non_null(strstr(err.msg, "--phase"));
    assert_int_equal(lc_row_find(f->t.st, f->t.cat, p, "renewal", "3.1.5.2-1-c1.m4.x3", &row, &err),
                     AG_OK);
    assert_int_equal(lc_row_find(f->t.st, f->t.cat, p, NULL, "3.2.1.1-1-c2.m1", &row, &err), AG_OK);
    char ref[24];
    snprintf(ref, sizeof(ref), "#%lld", row);
    long long again;
    assert_int_equal(lc_row_find(f->t.st, f->t.cat, p, NULL, ref, &again, &err), AG_OK);
    assert_int_equal(again, row);
    assert_int_equal(lc_row_find(f->t.st, f->t.cat, p, NULL, "#999999", &again, &err),
                     AG_ENOTFOUND);
    /* a disposal project is signed off only when every device is disposed of */
    struct lc_project_new d = {"BHS-END", "BHS", "disposal", "end", "admin", NULL};
    assert_int_equal(lc_project_start(f->t.st, f->t.cat, f->admin, &d, &p, &err), AG_OK);
    answer_all(f, p, "disposal", f->admin);
    assert_int_equal(lc_signoff(f->t.st, f->mgr, p, "disposal", NULL, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "not disposed"));
}

static void test_messages(void **state)
{
    (void)state;
    isms_register_messages();
    assert_string_not_equal(ag_tr(AG_LANG_JA, "worklog-usage"), "worklog-usage");
    assert_non_null(strstr(ag_tr(AG_LANG_JA, "change-usage"), "承認"));
    assert_non_null(strstr(ag_tr(AG_LANG_EN, "lifecycle-usage"), "signoff"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datetime),
        cmocka_unit_test_setup_teardown(test_entries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_change_flow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_emergency, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reviews, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disposal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_template, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_row_find, setup, teardown),
        cmocka_unit_test(test_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
