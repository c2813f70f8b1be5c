/*
 * auditing.h — information security audits, guideline 3.3.1.1(2) (docs/isms/audits.md): the
 * annual audit plan (年度情報セキュリティ監査計画), the per-audit plan (監査実施計画) with its
 * auditors and their assignments, findings against catalog items, the audit report, the CISO's
 * instruction to draw up improvement plans, the improvement plans of the audited department
 * (corrective actions, origin 'audit') and their verification by the auditor.
 *
 * Life cycle of an audit:
 *   planned --report (auditor)--> reported --instruct (CISO)--> instructed --close (CISO)--> closed
 *   reported --close--> closed when there is no nonconformity or observation to improve.
 * Separation of duties (3.1.4.1(2), "監査を受ける者とその監査を実施する者"): every auditor holds
 * the role auditor and does not belong to the audited department (isms_duty_not_member), checked
 * when assigned and again at every finding, report and verification; improvement plans are
 * made by the manager of the audited department and verified by an assigned auditor, never by
 * the action's owner.
 */
#ifndef AG_ISMS_AUDITING_H
#define AG_ISMS_AUDITING_H

#include "isms/isms.h"

extern const char *const isms_audit_classifications[]; /* conforming major minor observation */
extern const char *const isms_audit_aspects[];         /* rules operation */

/* 年度情報セキュリティ監査計画 (3.3.1.1(2) 【具体例】): made by an auditor. */
struct isms_audit_programme_new {
    const char *fiscal_year;               /* "2026" */
    const char *focus, *objectives;        /* 重点とする監査対象及び監査目標 */
    const char *period_start, *period_end; /* 監査の実施期間 */
    const char *management;                /* 監査業務の管理体制 */
    const char *outsourcing; /* 外部委託による監査の必要性及び範囲 (may be NULL) */
    const char *budget_yen;  /* 監査に係る予算 (may be NULL) */
};
int isms_audit_programme_add(struct store *st, const struct isms_audit_programme_new *p,
                             long long actor, long long *id, struct ag_error *err) AG_MUST_CHECK;

/* 監査実施計画: one audit of one department within the annual plan's period. auditors:
 * NULL-terminated "login" or "login:assignment" (監査の実施担当者及び割当て), the first is the
 * lead. */
struct isms_audit_new {
    const char *fiscal_year;
    const char *title, *department;
    const char *start, *end;      /* 監査の実施時期 */
    const char *location;         /* 監査の実施場所 */
    bool adequacy;                /* 妥当性監査も行う (besides 準拠性監査) */
    const char *policy;           /* the policy on compliance / adequacy audit */
    const char *audit_points;     /* 監査要点 */
    const char *procedures;       /* 実施すべき監査の種類 */
    const char *sampling;         /* 試査の範囲 */
    const char *progress_control; /* 監査の進捗管理手段又は体制 */
    const char *const *auditors;
};
int isms_audit_add(struct store *st, const struct isms_audit_new *a, long long actor, long long *id,
                   struct ag_error *err) AG_MUST_CHECK;
/* Adds an auditor to a planned audit (role auditor, not a member of the audited department). */
int isms_audit_auditor_add(struct store *st, long long audit, const char *login,
                           const char *assignment, long long actor,
                           struct ag_error *err) AG_MUST_CHECK;

/* A finding by an assigned auditor while the audit is planned (fieldwork). item: catalog id or
 * printed ref; evidence_path (may be NULL) is stored as an evidence file. */
struct isms_audit_finding_new {
    const char *item, *classification, *aspect, *statement, *evidence_text, *evidence_path;
};
int isms_audit_finding_add(struct store *st, const struct catalog *cat, long long audit,
                           long long actor, const struct isms_audit_finding_new *f, long long *id,
                           struct ag_error *err) AG_MUST_CHECK;

/* Issues the audit report (監査結果は報告書として文書化): an assigned auditor, at least one
 * finding; the audit becomes reported. */
int isms_audit_report(struct store *st, long long audit, long long actor, const char *summary,
                      struct ag_error *err) AG_MUST_CHECK;
/* The report document as text (lang) or JSON into out. */
int isms_audit_render(struct store *st, long long audit, enum ag_lang lang, bool json,
                      struct strbuf *out, struct ag_error *err) AG_MUST_CHECK;

/* The CISO instructs the information security manager to draw up improvement plans by due. */
int isms_audit_instruct(struct store *st, long long audit, long long actor, const char *due,
                        struct ag_error *err) AG_MUST_CHECK;
/* An improvement plan for a finding (major, minor or observation) by a manager of the audited
 * department; the owner belongs to that department. A corrective action in the same
 * transaction (origin 'audit', origin_id = finding). */
int isms_audit_improve(struct store *st, const struct catalog *cat, long long finding,
                       long long actor, const char *title, const char *description,
                       const char *owner, const char *due, long long *action_id,
                       struct ag_error *err) AG_MUST_CHECK;
/* An assigned auditor verifies (or, with reopen, sends back) the finding's completed
 * improvement actions. */
int isms_audit_confirm(struct store *st, long long finding, long long actor, bool reopen,
                       const char *text, struct ag_error *err) AG_MUST_CHECK;
/* Why the audit cannot be closed, one reason a line (empty = it can). */
int isms_audit_close_check(struct store *st, long long audit, struct strbuf *why,
                           struct ag_error *err) AG_MUST_CHECK;
int isms_audit_close(struct store *st, long long audit, long long actor,
                     struct ag_error *err) AG_MUST_CHECK;

#endif
