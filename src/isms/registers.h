/*
 * registers.h — the registers the guideline asks the operator to keep (docs/isms/registers.md):
 *   pdata      個人データ取扱台帳 (3.1.2.6(3)①②③)
 *   contractor 外部委託先 with the contract checklist of 3.1.4.3(1)(2)(3)
 *   cloud      クラウドサービス with the checklist of 3.1.4.3(4)
 *   training   教育・訓練 (3.1.4.2, 3.2.2.1(2)) and its attendees
 *   contact    緊急連絡網 per system (3.1.4.1(3)(a), 代行順位 3.1.4.1(4))
 *   policy     方針・規程・手順 with owner, approval and periodic review (3.1.2.2, 3.1.2.3(1))
 *   milestone  ロードマップ及び計画 (3.1.3(1))
 *   bcp-plan, bcp-command, bcp-place, bcp-exercise, area: business continuity and secure
 *              areas (src/isms/bcp.h; their steps with rules are there too)
 *
 * Each register is described by a struct reg_kind: its table, the fields (one CLI option each,
 * validated by type) and the SELECT used by list, show and CSV export. reg_add / reg_update are
 * generic; the steps with rules (approvals, reviews, checklist answers, attendance) have their
 * own functions. Every write is one transaction (joining the caller's, as the demo does); the
 * approval and review steps check separation of duties (3.1.4.1(2)) before the transaction, so
 * a refusal is itself recorded in the audit trail.
 */
#ifndef AG_ISMS_REGISTERS_H
#define AG_ISMS_REGISTERS_H

#include "isms/isms.h"

/* SQL: date d plus n months, clamped to the end of the month (31 Jan + 1 month = 28 Feb, where
 * SQLite alone would give 3 Mar): review dates never slip past the month they are due in. */
#define REG_ADD_MONTHS(d, n)                                                                       \
    "min(date(" d ", '+' || " n " || ' months'), date(" d ", 'start of month', '+' || (" n         \
    " + 1) || ' months', '-1 day'))"

enum reg_ftype {
    REG_TEXT,       /* one line or short text, ≤ 500 bytes */
    REG_LONG,       /* long text, ≤ 20000 bytes */
    REG_CODE,       /* a record code, ≤ 64 bytes */
    REG_DATE,       /* YYYY-MM-DD */
    REG_ENUM,       /* one of allowed[] */
    REG_ENUMLIST,   /* words of allowed[], separated by commas or spaces; stored space-joined */
    REG_INT,        /* min..max */
    REG_BOOL,       /* yes / no → 1 / 0 */
    REG_PERSON,     /* login → people.id */
    REG_DEPT,       /* code → departments.id */
    REG_SYSTEM,     /* code → systems.id */
    REG_CONTRACTOR, /* code → reg_contractors.id */
    REG_POLICY,     /* code → reg_policies.id */
    REG_MILESTONE,  /* code → reg_milestones.id */
    REG_ITEMS,      /* catalog ids or refs, separated by commas or spaces; stored as node ids */
    REG_REF,        /* code → id of the table allowed[0] (constant) with a code column;
                       allowed[1] is its column shown beside the code in forms */
};

enum reg_fflags {
    REG_REQUIRED = 1 << 0, /* needed by add */
    REG_TODAY = 1 << 1,    /* add: defaults to today */
    REG_FIXED = 1 << 2,    /* cannot be changed by update (the record's key) */
};

struct reg_field {
    const char *opt;    /* CLI option, "--name" */
    const char *column; /* table column */
    enum reg_ftype type;
    unsigned flags;
    const char *const *allowed; /* REG_ENUM / REG_ENUMLIST; REG_REF: table, label column */
    long long min, max;         /* REG_INT */
};

struct reg_kind {
    const char *name;        /* CLI name: pdata, contractor, … */
    const char *table;       /* reg_* table */
    const char *code_column; /* the human key ("code") or NULL (records are named by id) */
    const struct reg_field *fields;
    size_t nfields;
    /* "SELECT … FROM <table> x …" (no WHERE): list, show (+ " WHERE x.id = ?1") and CSV. */
    const char *select_sql;
    const char *order_sql; /* " ORDER BY …" */
    /* Run after every add/update with ?1 = id, ?2 = today (derived columns), or NULL. */
    const char *derive_sql;
    /* Run after every add/update with ?1 = id: returns one row with a message text when the
     * record breaks a rule spanning fields (NULL when fine), or NULL. */
    const char *verify_sql;
};

/* The registers of business continuity and secure areas (bcp.c, area.c). */
extern const struct reg_kind reg_kind_bcp_plan, reg_kind_bcp_command, reg_kind_bcp_place,
    reg_kind_bcp_exercise, reg_kind_area;

/* The registers, NULL-terminated, and a look-up by CLI name (NULL if unknown). */
extern const struct reg_kind *const reg_kinds[];
const struct reg_kind *reg_kind_find(const char *name);

/* Adds a record. values[i] is the text for kind->fields[i] or NULL (not given); the CLI passes
 * the option values. Required fields missing → AG_EINVAL naming the option. */
int reg_add(struct store *st, const struct catalog *cat, const struct reg_kind *k,
            const char *const *values, long long *id, struct ag_error *err) AG_MUST_CHECK;
/* Changes the given fields of record id (at least one). For a policy, any change other than
 * the review interval returns an approved policy to draft: it needs approval again. */
int reg_update(struct store *st, const struct catalog *cat, const struct reg_kind *k, long long id,
               const char *const *values, struct ag_error *err) AG_MUST_CHECK;
/* Fills values[] (k->nfields entries, zeroed by the caller) from {"--opt", "value", …, NULL}
 * pairs, for callers that are not the CLI (demo, tests); AG_EINVAL names an unknown option. */
int reg_values(const struct reg_kind *k, const char *const *pairs, const char **values,
               struct ag_error *err) AG_MUST_CHECK;
/* Finds a record by its code (or by number when the kind has no code, or the text is "#N"). */
int reg_find(struct store *st, const struct reg_kind *k, const char *ref, long long *id,
             struct ag_error *err) AG_MUST_CHECK;
/* Appends every record of the register as CSV (RFC 4180, header line with the column names,
 * CRLF line ends) to out, and records the export in the audit trail. */
int reg_export_csv(struct store *st, const struct reg_kind *k, struct strbuf *out,
                   struct ag_error *err) AG_MUST_CHECK;

/* ---- checklists of 3.1.4.3 (contractor, cloud) ---- */
extern const char *const reg_answers[]; /* met, not_met, na */
/* Fills the empty checklist template from the catalog (audited inserts, one transaction);
 * does nothing when it is filled. Called by the CLI and the demo before checklist steps. */
int reg_checklist_seed(struct store *st, const struct catalog *cat,
                       struct ag_error *err) AG_MUST_CHECK;
/* Records the answer for one checklist item (by its key) of a contractor / cloud service;
 * "na" needs a note. Replaces an earlier answer. */
int reg_check_answer(struct store *st, const char *reg, long long subject, const char *key,
                     const char *answer, const char *note, long long actor,
                     struct ag_error *err) AG_MUST_CHECK;
/* How many applicable items of the stage ("contract" or "end") are unanswered and not met. */
int reg_check_open(struct store *st, const char *reg, long long subject, const char *stage,
                   int *unanswered, int *not_met, struct ag_error *err) AG_MUST_CHECK;
/* The checklist of a subject: key, ref, item id, text in lang, answer, note (SELECT, ?1 = id). */
const char *reg_checklist_sql(const char *reg, enum ag_lang lang);

/* ---- steps with rules ---- */
/* Contract approval (3.1.4.3(2)①②): by someone other than the owner holding the role manager
 * of the contractor's department or ciso; every applicable contract item met or n.a. */
int reg_contractor_approve(struct store *st, long long id, long long actor,
                           struct ag_error *err) AG_MUST_CHECK;
/* End of the contract (3.1.4.3(2)③): the end inspection item must be met; records the date. */
int reg_contractor_end(struct store *st, long long id, long long actor,
                       struct ag_error *err) AG_MUST_CHECK;
/* 利用の判断 (3.1.4.3(4)①): approve or reject, by the ciso or a committee member other than
 * the owner; approval needs every item met or n.a. */
int reg_cloud_decide(struct store *st, long long id, const char *decision, const char *note,
                     long long actor, struct ag_error *err) AG_MUST_CHECK;
/* Approval of a policy, regulation or procedure (3.1.2.2, 3.1.2.3(1)): draft → approved, by
 * the ciso or a committee member other than its owner; sets the next review date. */
int reg_policy_approve(struct store *st, long long id, long long actor,
                       struct ag_error *err) AG_MUST_CHECK;
/* Periodic (or change-driven) review (3.1.2.2 定期的な間隔で確認): same people as approval;
 * outcome confirmed moves the next review date, revise returns the policy to draft. */
int reg_policy_review(struct store *st, long long id, const char *occasion, const char *outcome,
                      const char *note, long long actor, struct ag_error *err) AG_MUST_CHECK;
/* Invites (attended = false) or records attendance (true) of people (logins, NULL-terminated). */
int reg_training_people(struct store *st, long long id, const char *const *logins, bool attended,
                        struct ag_error *err) AG_MUST_CHECK;

/* ---- checks across registers ---- */
/* Every critical system has an emergency contact chain (3.1.4.1(3)(a)) whose first call is an
 * internal person, which includes the ministry (報告, 3.1.2.4(2)) and whose every entry has a
 * phone or e-mail. One line per problem is appended to report; *problems counts them. */
int reg_contact_check(struct store *st, struct strbuf *report, int *problems,
                      struct ag_error *err) AG_MUST_CHECK;
/* Everything overdue or due within the horizon, across registers: SELECT with ?1 = today,
 * ?2 = the horizon date; columns register, ref, title, due, state (overdue|soon), what. */
extern const char reg_due_sql[];

#endif
