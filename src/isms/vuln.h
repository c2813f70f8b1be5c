/*
 * vuln.h — software vulnerability handling (ソフトウェアに関する脆弱性対策) of guideline
 * 3.1.5.1(1)(e) and 3.2.2.1① (docs/isms/vulns.md).
 *
 * The software inventory of each asset (entered, imported from CSV, or reported by hostcheck);
 * vulnerabilities imported from advisory files the operator downloads (CSAF 2.0, CVE JSON 5, NVD
 * API 2.0 — read from files, nothing is fetched) or entered by hand (e.g. from JVN); matching of
 * the vulnerabilities' products and version ranges with the inventory, re-run on every import
 * and inventory change; and for each match (a vulnerability on an asset's software) the plan
 * the guideline lists, or the compensating measures where a patch cannot be applied.
 *
 * Match status life cycle:
 *   open --plan complete--> planned --approve--> (approved) --close--> done
 *     \                         \--close --accept REASON (need no, or compensating measures)-->
 * accepted
 *      \-- close --not-affected REASON (either state) -----------------------------> not_affected
 * A change of the plan or a new compensating measure withdraws the approval. The approver is a
 * manager (情報セキュリティ責任者) of the system's department or the CISO, never the person who
 * planned or recorded the measures (3.1.4.1(2)); planning, measures and closing are for the
 * system's administrators (システム管理者, sysadmin) and managers, or the CISO.
 *
 * Every function that changes records runs in one transaction (joins the caller's if open) and
 * is recorded in the audit trail with the store's actor. Errors as in isms.h.
 */
#ifndef AG_ISMS_VULN_H
#define AG_ISMS_VULN_H

#include "isms/isms.h"

#define VULN_VERSION_MAX 101 /* bytes of a version, with the NUL */
#define VULN_FILE_MAX ((size_t)32 << 20)

extern const char *const vuln_statuses[];   /* open planned done accepted not_affected */
extern const char *const vuln_severities[]; /* none low medium high critical unknown */
extern const char *const vuln_comp_kinds[]; /* allowlist isolation access monitoring media other */
extern const char *const vuln_sw_sources[]; /* entered csv hostcheck */

/* ---- versions, ranges and names (vuln_version.c; pure functions) ----
 * Versions compare as sequences of numbers and words (docs/isms/vulns.md "Version rules"): a
 * leading "v"/"V" is dropped; ".", "-", "_", "+", "/" and spaces separate; numbers compare by
 * value ("4.10" > "4.9"), a missing number counts as 0 ("4.5" = "4.5.0"); pre-release words
 * (dev < alpha/a < beta/b < pre/preview < rc) come before the release ("2.9.1-rc1" < "2.9.1"),
 * post-release words (sp, update, patch, hotfix/hf, build, r, p, u) after it ("4.5 SP1" > "4.5");
 * one letter glued to the last number is a letter revision ("1.1.1w" > "1.1.1k" > "1.1.1").
 * Undecided: a version that does not start with a number, an epoch or tilde (Debian "1:2.3",
 * "1.0~rc1"), unknown words or two different post-release words at the first difference, and a
 * post-release word against a number ("4.5 SP1" vs "4.5.1"). */
enum vuln_cmp { VULN_LT = -1, VULN_EQ = 0, VULN_GT = 1, VULN_UNDECIDED = 2 };
enum vuln_cmp vuln_version_cmp(const char *a, const char *b);

/* A version constraint: exact, or a range with optional bounds, or every version (all empty). */
struct vuln_range {
    char exact[VULN_VERSION_MAX], min[VULN_VERSION_MAX], max[VULN_VERSION_MAX];
    bool min_incl, max_incl;
};
/* Whether version is in the range: yes, no, or cannot be decided (matches "to check"). */
enum vuln_in { VULN_OUT = 0, VULN_IN = 1, VULN_MAYBE = 2 };
enum vuln_in vuln_range_contains(const struct vuln_range *r, const char *version);
/* Parses a range expression: "*" (every version), "4.5.2" or "=4.5.2", "<4.5", "<=4.5",
 * ">=1.0 <2.0", ">=1.0,<2.0", ">1.0|<=2.0", and the vers form "vers:generic/>=1.0|<2.0"
 * (and "vers:all" with the constraint "*"). AG_EINVAL names what is wrong; field names the input in
 * the message. */
int vuln_range_parse(const char *field, const char *expr, struct vuln_range *out,
                     struct ag_error *err) AG_MUST_CHECK;
/* The range as text in the same syntax ("*", "4.5.2", ">=1.0 <2.0"). */
void vuln_range_text(const struct vuln_range *r, char *out, size_t cap);

/* Names compare by their words: letters and digits (and non-ASCII characters), full-width ASCII
 * folded, case ignored; everything else separates words. A vendor's legal-form words at the end
 * ("AG", "Inc.", "Co., Ltd.", "GmbH", "K.K." …) are dropped. */
enum vuln_name { VULN_NAME_NO = 0, VULN_NAME_SAME = 1, VULN_NAME_PREFIX = 2 };
/* The vendors must be the same; the products the same (VULN_NAME_SAME) or the words of one
 * are the first words of the other ("SIMATIC S7-1200" / "SIMATIC S7-1200 CPU family":
 * VULN_NAME_PREFIX, a match "to check"). */
enum vuln_name vuln_product_match(const char *vendor_a, const char *product_a, const char *vendor_b,
                                  const char *product_b);

/* ---- advisory files (vuln_import.c) ---- */
struct vuln_product {
    char *vendor, *product;
    const char *status; /* "affected", "unaffected", "unknown" (static) */
    struct vuln_range range;
    char fixed[VULN_VERSION_MAX];
};
struct vuln_entry {
    char *ident, *title, *description, *vector, *fixed_version, *remediation, *refs, *advisory;
    const char *severity; /* one of vuln_severities (static) */
    double score;         /* < 0 = none */
    struct vuln_product *products;
    size_t nproducts;
};
struct vuln_doc {
    const char *format; /* "csaf", "cve5" or "nvd" (static) */
    struct vuln_entry *entries;
    size_t count;
};
/* Parses an advisory file's bytes; the format is recognised by content. Errors name the file
 * (`name`) and the JSON path ("vuln.json: $.vulnerabilities[0].product_status.fixed[1]: product
 * id \"X\" is not in the product tree"). */
int vuln_doc_parse(const char *name, const char *data, size_t len, struct vuln_doc *out,
                   struct ag_error *err) AG_MUST_CHECK;
void vuln_doc_release(struct vuln_doc *d);

/* ---- the store (vuln.c) ---- */
struct vuln_import_result {
    int files, added, updated, matches_new;
};
/* Reads and parses every file first (nothing is written if one is bad), then stores them in one
 * transaction: a vulnerability already there (same ident) is updated, not duplicated; the
 * affected products are replaced; then the inventory is matched again. */
int vuln_import_files(struct store *st, long long actor, const char *const *paths, size_t n,
                      struct vuln_import_result *res, struct ag_error *err) AG_MUST_CHECK;
/* The same for one file's bytes (an upload, the demo): name is what it is called. */
int vuln_import_mem(struct store *st, long long actor, const char *name, const char *data,
                    size_t len, struct vuln_import_result *res, struct ag_error *err) AG_MUST_CHECK;

/* A vulnerability entered by hand (e.g. from JVN iPedia): one product with a range expression
 * (vuln_range_parse). score NULL/"" = none; severity NULL = from the score. */
struct vuln_new {
    const char *ident, *title, *description, *severity, *score, *vector, *vendor, *product,
        *versions, *fixed, *remediation, *refs;
};
int vuln_add(struct store *st, long long actor, const struct vuln_new *v, long long *id,
             int *matches_new, struct ag_error *err) AG_MUST_CHECK;

/* Software on an asset. source: entered, csv or hostcheck. Matching runs again. */
struct vuln_software_new {
    const char *asset, *vendor, *product, *version, *cpe, *source;
};
int vuln_software_add(struct store *st, long long actor, const struct vuln_software_new *s,
                      long long *id, int *matches_new, struct ag_error *err) AG_MUST_CHECK;
/* Removes a software record; its open matches without a plan go, the others stay (marked as no
 * longer current) for their handling to be closed. */
int vuln_software_remove(struct store *st, long long actor, long long id,
                         struct ag_error *err) AG_MUST_CHECK;
/* CSV with a header row: asset,vendor,product,version[,cpe] (UTF-8, optional BOM). Every row is
 * checked before anything is written; errors name the line and the column. Rows already in
 * the inventory are skipped (counted in *skipped). */
int vuln_software_import_csv(struct store *st, long long actor, const char *name, const char *data,
                             size_t len, int *added, int *skipped, int *matches_new,
                             struct ag_error *err) AG_MUST_CHECK;
/* CSV of the inventory (asset NULL = every asset). */
int vuln_software_csv(struct store *st, const char *asset, struct strbuf *out,
                      struct ag_error *err) AG_MUST_CHECK;
/* CSV of the matches with their plans (filters NULL = none). */
struct vuln_filter {
    const char *status, *asset, *severity, *vuln;
    bool overdue;
};
int vuln_matches_csv(struct store *st, const struct vuln_filter *f, struct strbuf *out,
                     struct ag_error *err) AG_MUST_CHECK;

/* Matches the whole inventory against every vulnerability (joins the caller's transaction). */
int vuln_rematch(struct store *st, int *matches_new, struct ag_error *err) AG_MUST_CHECK;

/* The plan of one match (3.2.2.1①). NULL fields stay as they are; need and test_needed are
 * "yes"/"no". */
struct vuln_plan {
    const char *risk, *need, *method, *workaround, *impact, *due, *test_needed, *test_method,
        *test_due;
};
int vuln_plan_set(struct store *st, long long actor, long long match, const struct vuln_plan *p,
                  struct ag_error *err) AG_MUST_CHECK;
/* The names of the plan fields still missing ("" when complete), comma-separated, into out. */
int vuln_plan_missing(struct store *st, long long match, char *out, size_t cap,
                      struct ag_error *err) AG_MUST_CHECK;
int vuln_compensate(struct store *st, long long actor, long long match, const char *kind,
                    const char *text, struct ag_error *err) AG_MUST_CHECK;
int vuln_approve(struct store *st, long long actor, long long match,
                 struct ag_error *err) AG_MUST_CHECK;
/* how: "done" (complete, approved plan with need yes; note = the result, optional),
 * "accepted" (approved; plan with need no or compensating measures; note = the reason),
 * "not_affected" (note = the justification). */
int vuln_close(struct store *st, long long actor, long long match, const char *how,
               const char *note, struct ag_error *err) AG_MUST_CHECK;
/* Records the periodic check of the state of handling (3.1.5.1(1)(e)). */
int vuln_review(struct store *st, long long actor, const char *note, long long *id,
                struct ag_error *err) AG_MUST_CHECK;
/* Whether the person may plan/close the handling of software on this asset. */
bool vuln_may_handle(struct store *st, long long person, long long asset);
/* Whether the person may approve on this asset (manager of its department or CISO). */
bool vuln_may_approve(struct store *st, long long person, long long asset);

#endif
