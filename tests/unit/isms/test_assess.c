/*
 * test_assess.c — the self-inspection workflow (3.3.1.1(1)) against a real store in a temporary
 * folder: the 実施率 arithmetic, answer parsing, who may do what (CISO plans and instructs,
 * managers issue and evaluate, respondents answer only their own sheet, nothing changes after
 * submission), which items land on whose sheet, all-or-nothing import, the report's breakdowns
 * and the comparison with the previous campaign, and the instruction follow-up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <unistd.h>

#include <cmocka.h>

#include "isms/assess_int.h"

struct fx {
    char dir[64], db[96];
    struct store *st;
    struct catalog *cat;
    long long ciso, mgr_it, mgr_fac, admin_it, handler_it, handler2_it, plan;
};

static long long pid(struct fx *f, const char *login)
{
    long long id = 0;
    struct ag_error err;
    assert_int_equal(isms_person_id(f->st, login, &id, &err), AG_OK);
    return id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ag_error err;
    snprintf(f->dir, sizeof(f->dir), "/tmp/ag-assess-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
    assert_int_equal(store_open(&f->st, f->db, STORE_CREATE, &err), AG_OK);
    assert_int_equal(store_migrate(f->st, NULL, &err), AG_OK);
    assert_int_equal(catalog_load_default(&f->cat, &err), AG_OK);
    assert_int_equal(isms_department_add(f->st, "exec", "経営企画部", "", NULL, NULL, &err), AG_OK);
    assert_int_equal(isms_department_add(f->st, "it", "情報システム部", "", NULL, NULL, &err),
                     AG_OK);
    assert_int_equal(isms_department_add(f->st, "fac", "施設部", "", NULL, NULL, &err), AG_OK);
    static const char *const people[][4] = {
        {"ciso", "exec", "ciso", NULL},      {"mgrit", "it", "manager", "it"},
        {"mgrfac", "fac", "manager", "fac"}, {"admin", "it", "sysadmin", "it"},
        {"hand", "it", "handler", NULL},     {"hand2", "it", "handler", NULL},
        {"norole", "it", NULL, NULL},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(people); i++) {
        long long id;
        struct isms_person_new p = {people[i][0], people[i][0], "", "", "", people[i][1]};
        assert_int_equal(isms_person_add(f->st, &p, &id, &err), AG_OK);
        if (people[i][2])
            assert_int_equal(isms_role_grant(f->st, people[i][0], people[i][2], people[i][3], &err),
                             AG_OK);
    }
    f->ciso = pid(f, "ciso");
    f->mgr_it = pid(f, "mgrit");
    f->mgr_fac = pid(f, "mgrfac");
    f->admin_it = pid(f, "admin");
    f->handler_it = pid(f, "hand");
    f->handler2_it = pid(f, "hand2");
    struct assess_plan_new p = {2026,        "FY2026", 2,     "June, December",
                                "all items", "rates",  "all", "it,fac:1"};
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &f->plan, &err), AG_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[160];
    store_free(f->st);
    catalog_free(f->cat);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static long long one(struct fx *f, const char *sql, long long a)
{
    sqlite3_stmt *s;
    long long v = -1;
    assert_int_equal(sqlite3_prepare_v2(store_db(f->st), sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_bind_parameter_count(s) >= 1)
        sqlite3_bind_int64(s, 1, a);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static long long sheet_of(struct fx *f, long long person, int round)
{
    sqlite3_stmt *s;
    long long v = 0;
    assert_int_equal(sqlite3_prepare_v2(store_db(f->st),
                                        "SELECT id FROM assess_sheets WHERE respondent_id = ? AND "
                                        "round = ? ORDER BY plan_id DESC LIMIT 1",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(s, 1, person);
    sqlite3_bind_int(s, 2, round);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void issue(struct fx *f, int round)
{
    struct ag_error err;
    int issued, uncovered;
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->ciso, f->plan, round, NULL, "2026-06-30",
                                         &issued, &uncovered, &err),
                     AG_OK);
}

/* ---- pure logic ---- */

static void test_rate_partial_counts_as_not_implemented(void **state)
{
    (void)state;
    struct assess_tally t = {0};
    assert_true(assess_tally_rate(&t) < 0); /* nothing applicable answered */
    assess_tally_add(&t, ASSESS_NOT_APPLICABLE);
    assess_tally_add(&t, ASSESS_UNANSWERED);
    assert_true(assess_tally_rate(&t) < 0);
    assess_tally_add(&t, ASSESS_IMPLEMENTED);
    assess_tally_add(&t, ASSESS_IMPLEMENTED);
    assess_tally_add(&t, ASSESS_IMPLEMENTED);
    assess_tally_add(&t, ASSESS_PARTIAL);
    assess_tally_add(&t, ASSESS_NOT_IMPLEMENTED);
    /* 3 / (3 + 1 + 1): 該当なし and unanswered are outside the denominator */
    assert_float_equal(assess_tally_rate(&t), 60.0, 1e-9);
    assert_int_equal(t.not_applicable, 1);
    assert_int_equal(t.unanswered, 1);
}

static void test_answer_parse(void **state)
{
    (void)state;
    enum assess_answer a;
    static const struct {
        const char *in;
        enum assess_answer want;
    } ok[] = {
        {"実施", ASSESS_IMPLEMENTED},
        {"一部実施", ASSESS_PARTIAL},
        {"未実施", ASSESS_NOT_IMPLEMENTED},
        {"該当なし", ASSESS_NOT_APPLICABLE},
        {" 実施 ", ASSESS_IMPLEMENTED},
        {"Implemented", ASSESS_IMPLEMENTED},
        {"not-implemented", ASSESS_NOT_IMPLEMENTED},
        {"ＮＡ", ASSESS_NOT_APPLICABLE},
        {"partial", ASSESS_PARTIAL},
        {"no", ASSESS_NOT_IMPLEMENTED},
    };
    for (size_t i = 0; i < AG_ARRAY_LEN(ok); i++) {
        assert_int_equal(assess_answer_parse(ok[i].in, &a), AG_OK);
        assert_int_equal(a, ok[i].want);
    }
    static const char *const bad[] = {"", "はい", "実施済", "yes please", "100", NULL};
    for (size_t i = 0; bad[i]; i++)
        assert_int_equal(assess_answer_parse(bad[i], &a), AG_EINVAL);
    assert_int_equal(assess_answer_parse(NULL, &a), AG_EINVAL);
    assert_string_equal(assess_answer_ja(ASSESS_PARTIAL), "一部実施");
    assert_string_equal(assess_answer_id(ASSESS_NOT_APPLICABLE), "not_applicable");
    assert_null(assess_answer_id(ASSESS_UNANSWERED));
}

static void test_fiscal_year(void **state)
{
    (void)state;
    assert_int_equal(assess_fiscal_year("2026-04-01"), 2026);
    assert_int_equal(assess_fiscal_year("2026-03-31"), 2025);
    assert_int_equal(assess_fiscal_year("2027-01-15"), 2026);
}

/* ---- plans ---- */

static void test_only_ciso_plans(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    long long before = one(f, "SELECT count(*) FROM assess_plans", 0);
    struct assess_plan_new p = {2027, "x", 2, "June", NULL, NULL, "all", "it"};
    assert_int_equal(assess_plan_add(f->st, f->cat, f->mgr_it, &p, &id, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "3.1.4.1(2)"));
    assert_non_null(strstr(err.msg, "ciso"));
    assert_int_equal(one(f, "SELECT count(*) FROM assess_plans", 0), before);
    /* the refusal itself is in the audit trail */
    assert_true(one(f, "SELECT count(*) FROM audit_log WHERE action = 'refused'", 0) >= 1);
    struct assess_plan_revision r = {"3.1.1", NULL, NULL, "new threat", 0};
    assert_int_equal(assess_plan_revise(f->st, f->cat, f->admin_it, f->plan, &r, &err), AG_EDENIED);
    assert_int_equal(assess_plan_close(f->st, f->handler_it, f->plan, &err), AG_EDENIED);
}

static void test_plan_validation(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    struct assess_plan_new p = {2027, "x", 2, "June", NULL, NULL, "all", "it"};
    p.frequency = 13;
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "frequency"));
    p.frequency = 2;
    p.items = "9.9.9";
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "9.9.9"));
    p.items = "1.1"; /* a section without assessable measures */
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "assessable"));
    p.items = "3.3.1.1(1)";
    p.depts = "it,nosuch";
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_ENOTFOUND);
    p.depts = "it:0";
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_EINVAL);
    p.depts = "it,it";
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_EINVAL);
    p.depts = "it";
    p.timing = "";
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "timing"));
    p.timing = "June";
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_OK);
    /* a section stands for its assessable measures: 3.3.1.1(1) has seven (m1-m7) */
    assert_int_equal(one(f, "SELECT count(*) FROM assess_plan_items WHERE plan_id = ?", id), 7);
}

static void test_plan_revision(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    struct assess_plan_new p = {2027, "x", 2, "June", NULL, NULL, "3.3.1.1(1)", "it"};
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &id, &err), AG_OK);
    struct assess_plan_revision none = {NULL, NULL, NULL, "why", 0};
    assert_int_equal(assess_plan_revise(f->st, f->cat, f->ciso, id, &none, &err), AG_EINVAL);
    struct assess_plan_revision r = {"3.3.1.1(3)", "fac:1", NULL, "new issues found", 4};
    assert_int_equal(assess_plan_revise(f->st, f->cat, f->ciso, id, &r, &err), AG_OK);
    assert_int_equal(one(f, "SELECT revision FROM assess_plans WHERE id = ?", id), 2);
    assert_int_equal(one(f, "SELECT frequency FROM assess_plans WHERE id = ?", id), 4);
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_plan_items WHERE plan_id = ? AND "
                         "revision = 2",
                         id),
                     2);
    assert_int_equal(one(f, "SELECT count(*) FROM assess_plan_depts WHERE plan_id = ?", id), 2);
    assert_int_equal(assess_plan_close(f->st, f->ciso, id, &err), AG_OK);
    assert_int_equal(assess_plan_revise(f->st, f->cat, f->ciso, id, &r, &err), AG_EDENIED);
    assert_int_equal(assess_plan_close(f->st, f->ciso, id, &err), AG_EDENIED);
    int issued, unc;
    assert_int_equal(
        assess_sheets_issue(f->st, f->cat, f->ciso, id, 1, NULL, "2027-06-30", &issued, &unc, &err),
        AG_EDENIED);
}

/* ---- sheets ---- */

static void test_sheets_hold_the_respondents_roles(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    int issued, uncovered;
    /* a handler may not issue; a manager may for their own department only */
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->handler_it, f->plan, 1, "it",
                                         "2026-06-30", &issued, &uncovered, &err),
                     AG_EDENIED);
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->mgr_it, f->plan, 1, "fac", "2026-06-30",
                                         &issued, &uncovered, &err),
                     AG_EDENIED);
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->mgr_it, f->plan, 1, NULL, "2026-06-30",
                                         &issued, &uncovered, &err),
                     AG_EDENIED);
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->mgr_it, f->plan, 3, "it", "2026-06-30",
                                         &issued, &uncovered, &err),
                     AG_EINVAL);
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->mgr_it, f->plan, 1, "it", "2026-02-30",
                                         &issued, &uncovered, &err),
                     AG_EINVAL);
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->mgr_it, f->plan, 1, "it", "2026-06-30",
                                         &issued, &uncovered, &err),
                     AG_OK);
    /* mgrit, admin, hand, hand2 — not norole, who holds no role */
    assert_int_equal(issued, 4);
    assert_int_equal(sheet_of(f, pid(f, "norole"), 1), 0);
    /* every item on a sheet is assessable and has a role its respondent holds; "operator"
     * measures go to the manager */
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(store_db(f->st),
                                        "SELECT s.respondent_id, a.item_id, a.role FROM "
                                        "assess_answers a JOIN assess_sheets s ON s.id = "
                                        "a.sheet_id",
                                        -1, &s, NULL),
                     SQLITE_OK);
    int operator_items = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        long long who = sqlite3_column_int64(s, 0);
        const struct catalog_node *n = catalog_by_id(f->cat, store_col_text(s, 1));
        const char *role = store_col_text(s, 2);
        assert_non_null(n);
        assert_true(n->assessable);
        assert_string_equal(assess_item_role(f->cat, n), role);
        if (strcmp(role, "operator") == 0) {
            assert_int_equal(who, f->mgr_it);
            operator_items++;
        } else if (strcmp(role, "sysadmin") == 0) {
            assert_int_equal(who, f->admin_it);
        } else if (strcmp(role, "handler") == 0) {
            assert_true(who == f->handler_it || who == f->handler2_it);
        } else {
            assert_string_equal(role, "manager");
            assert_int_equal(who, f->mgr_it);
        }
    }
    sqlite3_finalize(s);
    assert_true(operator_items > 0);
    assert_int_equal(one(f, "SELECT count(*) FROM assess_answers WHERE sheet_id = ?",
                         sheet_of(f, f->handler_it, 1)),
                     6); /* the catalog's six handler measures */
    /* issuing again skips those who have a sheet; the CISO completes the other departments */
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->ciso, f->plan, 1, NULL, "2026-06-30",
                                         &issued, &uncovered, &err),
                     AG_OK);
    assert_int_equal(issued, 1); /* mgrfac */
    assert_true(uncovered > 0);  /* ciso, executive, auditor … measures: nobody in it/fac */
    /* fac takes part once a year: no round 2 sheets for it */
    assert_int_equal(assess_sheets_issue(f->st, f->cat, f->ciso, f->plan, 2, NULL, "2026-12-20",
                                         &issued, &uncovered, &err),
                     AG_OK);
    assert_int_equal(issued, 4);
    assert_int_equal(sheet_of(f, f->mgr_fac, 2), 0);
}

static void test_answer_only_own_sheet_and_not_after_submit(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    issue(f, 1);
    long long sh = sheet_of(f, f->handler_it, 1);
    const char *item = "3.3.1.1-1.m3";
    /* someone else, even the manager, may not answer it */
    assert_int_equal(
        assess_answer_set(f->st, f->cat, f->mgr_it, sh, item, "実施", NULL, NULL, &err),
        AG_EDENIED);
    assert_non_null(strstr(err.msg, "only the respondent"));
    /* an item not on the sheet, a bad answer, a bad comment */
    assert_int_equal(
        assess_answer_set(f->st, f->cat, f->handler_it, sh, "3.1.1.m1", "実施", NULL, NULL, &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "not on self-inspection sheet"));
    assert_int_equal(
        assess_answer_set(f->st, f->cat, f->handler_it, sh, item, "はい", NULL, NULL, &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "一部実施"));
    assert_int_equal(assess_answer_set(f->st, f->cat, f->handler_it, sh, item, "実施",
                                       "bad\x01text", NULL, &err),
                     AG_EINVAL);
    /* evidence: stored content-addressed with its SHA-256 */
    char ev[160];
    snprintf(ev, sizeof(ev), "%s/procedure.txt", f->dir);
    FILE *fp = fopen(ev, "w");
    fputs("abc", fp);
    fclose(fp);
    const char *files[] = {ev, NULL};
    assert_int_equal(assess_answer_set(f->st, f->cat, f->handler_it, sh, item, "一部実施",
                                       "手順書あり", files, &err),
                     AG_OK);
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_answer_evidence ae JOIN evidence e ON "
                         "e.id = ae.evidence_id WHERE e.sha256 = "
                         "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' "
                         "AND ?1 = ?1",
                         0),
                     1);
    /* a missing evidence file stores nothing, not even the answer */
    const char *missing[] = {"/nonexistent/x.pdf", NULL};
    assert_int_not_equal(
        assess_answer_set(f->st, f->cat, f->handler_it, sh, item, "実施", NULL, missing, &err),
        AG_OK);
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_answers WHERE sheet_id = ? AND answer = "
                         "'partial'",
                         sh),
                     1);
    /* not submitted while items are open */
    assert_int_equal(assess_sheet_submit(f->st, f->handler_it, sh, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "not answered"));
    const char **items;
    size_t n;
    assert_int_equal(assess_sheet_items(f->st, f->cat, sh, &items, &n, &err), AG_OK);
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i], item) != 0)
            assert_int_equal(assess_answer_set(f->st, f->cat, f->handler_it, sh, items[i],
                                               "該当なし", NULL, NULL, &err),
                             AG_OK);
    free(items);
    assert_int_equal(assess_sheet_submit(f->st, f->mgr_it, sh, &err), AG_EDENIED);
    assert_int_equal(assess_sheet_submit(f->st, f->handler_it, sh, &err), AG_OK);
    assert_int_equal(
        assess_answer_set(f->st, f->cat, f->handler_it, sh, item, "実施", NULL, NULL, &err),
        AG_EDENIED);
    assert_non_null(strstr(err.msg, "submitted"));
    assert_int_equal(assess_sheet_submit(f->st, f->handler_it, sh, &err), AG_EDENIED);
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_answers WHERE sheet_id = ? AND answer = "
                         "'partial'",
                         sh),
                     1);
}

/* Writes the sheet as CSV, lets `edit` change the text, imports it. */
static int roundtrip_csv(struct fx *f, long long sheet, long long actor,
                         void (*edit)(struct strbuf *, const char *), struct ag_error *err)
{
    char path[160], *data;
    size_t len;
    int count;
    snprintf(path, sizeof(path), "%s/s%lld.csv", f->dir, sheet);
    assert_int_equal(assess_sheet_export(f->st, f->cat, actor, sheet, path, NULL, AG_LANG_JA, err),
                     AG_OK);
    assert_int_equal(ag_file_read(path, 1 << 24, &data, &len, err), AG_OK);
    struct strbuf sb;
    strbuf_init(&sb, 0);
    edit(&sb, data);
    free(data);
    struct ag_error werr;
    assert_int_equal(ag_file_write_atomic(path, sb.buf, sb.len, &werr), AG_OK);
    strbuf_release(&sb);
    return assess_sheet_import(f->st, f->cat, actor, sheet, path, NULL, &count, err);
}

/* Fills the answer column of every data line: the line's 7th field. */
static void fill_answers(struct strbuf *sb, const char *csv, const char *answer, int bad_line)
{
    int line = 1;
    for (const char *p = csv; *p;) {
        const char *eol = strstr(p, "\r\n");
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        if (line >= 7 && n >= 6 && memcmp(p + n - 6, ",\"\",\"\"", 6) == 0) {
            strbuf_add(sb, p, n - 6);
            strbuf_addf(sb, ",\"%s\",\"c\"", line == bad_line ? "たぶん" : answer);
        } else {
            strbuf_add(sb, p, n);
        }
        strbuf_adds(sb, "\r\n");
        line++;
        p += n + (eol ? 2 : 0);
    }
}

static void edit_good(struct strbuf *sb, const char *csv)
{
    fill_answers(sb, csv, "実施", 0);
}
static void edit_bad_row9(struct strbuf *sb, const char *csv)
{
    fill_answers(sb, csv, "実施", 9);
}

static void test_import_is_all_or_nothing(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    issue(f, 1);
    long long sh = sheet_of(f, f->handler_it, 1);
    /* only the respondent imports */
    char path[160];
    int count;
    snprintf(path, sizeof(path), "%s/x.csv", f->dir);
    assert_int_equal(assess_sheet_import(f->st, f->cat, f->mgr_it, sh, path, NULL, &count, &err),
                     AG_EDENIED);
    assert_int_equal(roundtrip_csv(f, sh, f->handler_it, edit_bad_row9, &err), AG_EINVAL);
    assert_non_null(strstr(err.msg, "row 9, column G"));
    assert_non_null(strstr(err.msg, "nothing was imported"));
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_answers WHERE sheet_id = ? AND answer "
                         "IS NOT NULL",
                         sh),
                     0);
    assert_int_equal(roundtrip_csv(f, sh, f->handler_it, edit_good, &err), AG_OK);
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_answers WHERE sheet_id = ? AND answer = "
                         "'implemented' AND comment = 'c'",
                         sh),
                     6);
    /* another respondent's file is refused by its sheet number */
    long long other = sheet_of(f, f->handler2_it, 1);
    char src[160], dst[160], *data;
    size_t len;
    snprintf(src, sizeof(src), "%s/s%lld.csv", f->dir, sh);
    snprintf(dst, sizeof(dst), "%s/other.csv", f->dir);
    assert_int_equal(ag_file_read(src, 1 << 24, &data, &len, &err), AG_OK);
    assert_int_equal(ag_file_write_atomic(dst, data, len, &err), AG_OK);
    free(data);
    assert_int_equal(
        assess_sheet_import(f->st, f->cat, f->handler2_it, other, dst, NULL, &count, &err),
        AG_EINVAL);
    assert_non_null(strstr(err.msg, "row 4, column B"));
    /* export is the respondent's, their manager's or the CISO's; the act is audited */
    assert_int_equal(
        assess_sheet_export(f->st, f->cat, f->mgr_fac, sh, dst, NULL, AG_LANG_JA, &err),
        AG_EDENIED);
    assert_int_equal(assess_sheet_export(f->st, f->cat, f->mgr_it, sh, dst, NULL, AG_LANG_JA, &err),
                     AG_OK);
    assert_true(one(f,
                    "SELECT count(*) FROM audit_log WHERE action = 'export' AND entity = "
                    "'assess_sheets'",
                    0) >= 2);
}

/* Answers every item of every round-`round` sheet with `a`, except the first item of each
 * sheet which gets `first`, then submits. */
static void answer_all(struct fx *f, int round, const char *first, const char *a)
{
    struct ag_error err;
    sqlite3_stmt *s;
    long long sheets[16], who[16];
    size_t ns = 0;
    assert_int_equal(sqlite3_prepare_v2(store_db(f->st),
                                        "SELECT id, respondent_id FROM assess_sheets WHERE "
                                        "plan_id = ? AND round = ?",
                                        -1, &s, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(s, 1, f->plan);
    sqlite3_bind_int(s, 2, round);
    while (sqlite3_step(s) == SQLITE_ROW && ns < 16) {
        sheets[ns] = sqlite3_column_int64(s, 0);
        who[ns++] = sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    for (size_t k = 0; k < ns; k++) {
        const char **items;
        size_t n;
        assert_int_equal(assess_sheet_items(f->st, f->cat, sheets[k], &items, &n, &err), AG_OK);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(assess_answer_set(f->st, f->cat, who[k], sheets[k], items[i],
                                               i == 0 ? first : a, NULL, NULL, &err),
                             AG_OK);
        free(items);
        assert_int_equal(assess_sheet_submit(f->st, who[k], sheets[k], &err), AG_OK);
    }
}

static const struct assess_report_row *row_of(const struct assess_report *r, enum assess_by by,
                                              const char *key)
{
    for (size_t i = 0; i < r->nrows[by]; i++)
        if (strcmp(r->rows[by][i].key, key) == 0)
            return &r->rows[by][i];
    return NULL;
}

static void test_report_breakdowns_and_previous(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    struct assess_report r;
    issue(f, 1);
    answer_all(f, 1, "未実施", "一部実施"); /* round 1: nothing fully implemented */
    issue(f, 2);
    /* round 2: only the handler has submitted so far */
    long long sh = sheet_of(f, f->handler_it, 2);
    const char **items;
    size_t n;
    assert_int_equal(assess_sheet_items(f->st, f->cat, sh, &items, &n, &err), AG_OK);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(assess_answer_set(f->st, f->cat, f->handler_it, sh, items[i],
                                           i < 3   ? "実施"
                                           : i < 5 ? "一部実施"
                                                   : "該当なし",
                                           NULL, NULL, &err),
                         AG_OK);
    free(items);
    assert_int_equal(assess_sheet_submit(f->st, f->handler_it, sh, &err), AG_OK);
    /* an answer on an unsubmitted sheet does not count */
    long long sh2 = sheet_of(f, f->handler2_it, 2);
    assert_int_equal(assess_answer_set(f->st, f->cat, f->handler2_it, sh2, "3.3.1.1-1.m3", "未実施",
                                       NULL, NULL, &err),
                     AG_OK);

    assert_int_equal(assess_report_compute(f->st, f->cat, f->plan, 0, &r, &err), AG_OK);
    assert_int_equal(r.round, 2);
    assert_int_equal(r.prev_plan, f->plan);
    assert_int_equal(r.prev_round, 1);
    assert_int_equal(r.sheets, 4);
    assert_int_equal(r.submitted, 1);
    assert_int_equal(r.total.implemented, 3);
    assert_int_equal(r.total.partial, 2);
    assert_int_equal(r.total.not_implemented, 0);
    assert_int_equal(r.total.not_applicable, 1);
    assert_float_equal(assess_tally_rate(&r.total), 60.0, 1e-9);
    assert_float_equal(assess_tally_rate(&r.prev_total), 0.0, 1e-9);
    /* by role, department, phase, section, item */
    const struct assess_report_row *h = row_of(&r, ASSESS_BY_ROLE, "handler");
    assert_non_null(h);
    assert_int_equal(h->now.implemented, 3);
    assert_int_equal(h->prev.partial + h->prev.not_implemented, 12); /* two handlers, 6 each */
    const struct assess_report_row *it = row_of(&r, ASSESS_BY_DEPARTMENT, "it");
    assert_non_null(it);
    assert_int_equal(it->now.implemented + it->now.partial + it->now.not_applicable, 6);
    assert_non_null(row_of(&r, ASSESS_BY_DEPARTMENT, "fac")); /* in the previous round only */
    long phase_sum = 0, sec_sum = 0, item_sum = 0;
    for (size_t i = 0; i < r.nrows[ASSESS_BY_PHASE]; i++)
        phase_sum += r.rows[ASSESS_BY_PHASE][i].now.implemented;
    for (size_t i = 0; i < r.nrows[ASSESS_BY_SECTION]; i++) {
        sec_sum += r.rows[ASSESS_BY_SECTION][i].now.implemented;
        assert_non_null(catalog_by_ref(f->cat, r.rows[ASSESS_BY_SECTION][i].key));
    }
    for (size_t i = 0; i < r.nrows[ASSESS_BY_ITEM]; i++)
        item_sum += r.rows[ASSESS_BY_ITEM][i].now.implemented;
    assert_int_equal(phase_sum, 3);
    assert_int_equal(sec_sum, 3);
    assert_int_equal(item_sum, 3);
    /* sections in catalog order */
    for (size_t i = 1; i < r.nrows[ASSESS_BY_SECTION]; i++)
        assert_true(r.rows[ASSESS_BY_SECTION][i - 1].order < r.rows[ASSESS_BY_SECTION][i].order);
    assess_report_release(&r);

    /* next year's plan compares with this plan's last round */
    long long next;
    struct assess_plan_new p = {2027, "FY2027", 2, "June", NULL, NULL, "all", "it"};
    assert_int_equal(assess_plan_add(f->st, f->cat, f->ciso, &p, &next, &err), AG_OK);
    assert_int_equal(assess_report_compute(f->st, f->cat, next, 1, &r, &err), AG_OK);
    assert_int_equal(r.prev_plan, f->plan);
    assert_int_equal(r.prev_round, 2);
    assert_int_equal(r.sheets, 0);
    assert_true(assess_tally_rate(&r.total) < 0);
    assess_report_release(&r);
    assert_int_equal(assess_report_compute(f->st, f->cat, f->plan, 5, &r, &err), AG_EINVAL);
    assert_int_equal(assess_report_compute(f->st, f->cat, 999, 1, &r, &err), AG_ENOTFOUND);
}

static void test_evaluation_by_the_departments_manager(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    assert_int_equal(assess_evaluate(f->st, f->mgr_fac, f->plan, 1, "it", "x", &err), AG_EDENIED);
    assert_int_equal(assess_evaluate(f->st, f->handler_it, f->plan, 1, "it", "x", &err),
                     AG_EDENIED);
    assert_int_equal(assess_evaluate(f->st, f->mgr_it, f->plan, 1, "it", "", &err), AG_EINVAL);
    assert_int_equal(assess_evaluate(f->st, f->mgr_it, f->plan, 1, "it", "first", &err), AG_OK);
    assert_int_equal(assess_evaluate(f->st, f->mgr_it, f->plan, 1, "it", "second", &err), AG_OK);
    assert_int_equal(one(f,
                         "SELECT count(*) FROM assess_evaluations WHERE plan_id = ? AND text = "
                         "'second'",
                         f->plan),
                     1);
}

static void test_instruction_and_followup(void **state)
{
    struct fx *f = *state;
    struct ag_error err;
    long long id;
    struct assess_instruction_new in = {
        f->plan, 1, "it", NULL, "特権IDの棚卸しを行うこと\n詳細", "2026-09-30", "3.3.1.1-1.m3"};
    /* only the CISO instructs */
    assert_int_equal(assess_instruct(f->st, f->cat, f->mgr_it, &in, &id, &err), AG_EDENIED);
    /* never themselves: the CISO who is also a manager of the department */
    struct ag_error e2;
    assert_int_equal(isms_role_grant(f->st, "ciso", "manager", "fac", &e2), AG_OK);
    struct assess_instruction_new self = in;
    self.dept = "fac";
    self.manager = "ciso";
    assert_int_equal(assess_instruct(f->st, f->cat, f->ciso, &self, &id, &err), AG_EDENIED);
    assert_non_null(strstr(err.msg, "own"));
    self.manager = NULL; /* fac has two managers now: name one */
    assert_int_equal(assess_instruct(f->st, f->cat, f->ciso, &self, &id, &err), AG_EINVAL);
    struct assess_instruction_new bad = in;
    bad.due = "2026-13-01";
    assert_int_equal(assess_instruct(f->st, f->cat, f->ciso, &bad, &id, &err), AG_EINVAL);
    bad = in;
    bad.manager = "admin";
    assert_int_equal(assess_instruct(f->st, f->cat, f->ciso, &bad, &id, &err), AG_EINVAL);
    long long actions = one(f, "SELECT count(*) FROM actions", 0);
    assert_int_equal(assess_instruct(f->st, f->cat, f->ciso, &in, &id, &err), AG_OK);
    long long action = one(f, "SELECT action_id FROM assess_instructions WHERE id = ?", id);
    assert_int_equal(one(f, "SELECT count(*) FROM actions", 0), actions + 1);
    assert_int_equal(one(f, "SELECT owner_id FROM actions WHERE id = ?", action), f->mgr_it);
    assert_int_equal(one(f,
                         "SELECT origin_id FROM actions WHERE id = ? AND origin = "
                         "'assessment'",
                         action),
                     id);
    assert_int_equal(one(f, "SELECT count(*) FROM action_items WHERE action_id = ?", action), 1);
    /* follow-up: the manager reports, the CISO accepts; nobody else */
    assert_int_equal(assess_followup(f->st, f->ciso, id, "accept", NULL, &err), AG_EDENIED);
    assert_int_equal(assess_followup(f->st, f->admin_it, id, "report", "done", &err), AG_EDENIED);
    assert_int_equal(assess_followup(f->st, f->mgr_it, id, "report", "", &err), AG_EINVAL);
    assert_int_equal(assess_followup(f->st, f->mgr_it, id, "report", "棚卸し完了", &err), AG_OK);
    assert_int_equal(assess_followup(f->st, f->mgr_it, id, "accept", NULL, &err), AG_EDENIED);
    assert_int_equal(assess_followup(f->st, f->ciso, id, "return", "", &err), AG_EINVAL);
    assert_int_equal(assess_followup(f->st, f->ciso, id, "return", "証跡が不足", &err), AG_OK);
    assert_int_equal(assess_followup(f->st, f->mgr_it, id, "report", "証跡を追加", &err), AG_OK);
    assert_int_equal(assess_followup(f->st, f->ciso, id, "accept", NULL, &err), AG_OK);
    assert_int_equal(one(f, "SELECT verified_by FROM actions WHERE id = ?", action), f->ciso);
    assert_int_equal(assess_followup(f->st, f->ciso, id, "accept", NULL, &err), AG_EDENIED);
    assert_int_equal(assess_followup(f->st, f->ciso, id, "approve", NULL, &err), AG_EINVAL);
    assert_int_equal(assess_followup(f->st, f->ciso, 999, "accept", NULL, &err), AG_ENOTFOUND);
    assert_true(one(f,
                    "SELECT count(*) FROM audit_log WHERE action = 'approve' AND entity = "
                    "'assess_instructions'",
                    0) == 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_partial_counts_as_not_implemented),
        cmocka_unit_test(test_answer_parse),
        cmocka_unit_test(test_fiscal_year),
        cmocka_unit_test_setup_teardown(test_only_ciso_plans, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_validation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plan_revision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheets_hold_the_respondents_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_only_own_sheet_and_not_after_submit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_import_is_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_breakdowns_and_previous, setup, teardown),
        cmocka_unit_test_setup_teardown(test_evaluation_by_the_departments_manager, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_instruction_and_followup, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
