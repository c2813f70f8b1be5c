/*
 * risk.h — the risk register of guideline 3.1.2.1 (リスクアセスメント及びリスク対応).
 *
 * The steps of 3.1.2.1 and where they live:
 *   ① scope and risk attitude       risk_settings.attitude, risks.service / system / assets
 *   ② risk identification            risk_add (threat, vulnerability, consequence, HSE flag)
 *   ③ risk analysis                  risk_assess: impact x likelihood -> level by the criteria
 *   ④ risk evaluation                level >= threshold (or selected for individual reasons)
 *   treatment 低減/回避/移転(共有)/保有(受容)  risk_treat (plan, owner, due, residual risk)
 *   acceptance of a risk kept at or above the threshold   risk_accept (CISO, 3.1.4.1(2))
 *   review                            risk_review (re-analysis, next review date)
 *
 * Invariants: a risk's level, residual level and status are always those the current criteria
 * give (every criteria change recomputes every risk in the same transaction); a risk at or
 * above the threshold is "needs_decision" until a treatment is decided, and a risk kept at or
 * above the threshold (保有, or a residual risk still at or above it) is "awaiting_acceptance"
 * until a CISO other than the risk owner and the decider accepts it.
 * Every function that changes records runs in one transaction (joins the caller's if open).
 */
#ifndef AG_ISMS_RISK_H
#define AG_ISMS_RISK_H

#include "isms/isms.h"

#define RISK_SCALE_MAX 9

/* The risk criteria (リスク基準, 3.1.2.1③④) as loaded from the store. A value type. */
struct risk_criteria {
    int n_impact, n_likelihood, n_levels;       /* scales are 1..n */
    int matrix[RISK_SCALE_MAX][RISK_SCALE_MAX]; /* [impact-1][likelihood-1] = level, 0 unset */
    int threshold;                              /* level at or above which treatment is due */
    int review_days, decision_days;
};

/* Treatment options: reduce 低減, avoid 回避, transfer 移転(共有), retain 保有(受容). */
extern const char *const risk_treatments[];
extern const char *const risk_statuses[];

/* ---- pure logic (no store) ---- */
/* The level of a cell; 0 if impact or likelihood is outside the scales or the cell is unset. */
int risk_level_of(const struct risk_criteria *c, int impact, int likelihood);
/* The criteria are usable: scales 1..9 and at least 2 levels, every cell set to an existing
 * level, levels never fall when impact or likelihood rises, threshold an existing level. */
int risk_criteria_check(const struct risk_criteria *c, struct ag_error *err) AG_MUST_CHECK;
/* The status a risk has: identified (not analysed), needs_decision, below_threshold,
 * awaiting_acceptance, accepted or treated. level/residual_level 0 = none; treatment NULL =
 * not decided. Returns a static string. */
const char *risk_status_of(const struct risk_criteria *c, int level, int residual_level,
                           bool selected, const char *treatment, bool accepted);
/* Accepts the option in English (reduce …) or Japanese (低減, 回避, 移転, 共有, 保有, 受容);
 * *out is the English id (static). */
int risk_treatment_parse(const char *s, const char **out, struct ag_error *err) AG_MUST_CHECK;

/* ---- criteria (changed only by a person with role ciso) ---- */
int risk_criteria_load(struct store *st, struct risk_criteria *c,
                       struct ag_error *err) AG_MUST_CHECK;
/* Relabels value of axis ("impact" | "likelihood"), or adds value n+1 (its matrix cells copied
 * from value n, to be adjusted with risk_criteria_set_cell). desc_* may be NULL. */
int risk_criteria_set_scale(struct store *st, long long actor, const char *axis, int value,
                            const char *label_ja, const char *label_en, const char *desc_ja,
                            const char *desc_en, struct ag_error *err) AG_MUST_CHECK;
/* Relabels a level or adds level n+1. */
int risk_criteria_set_level(struct store *st, long long actor, int rank, const char *label_ja,
                            const char *label_en, struct ag_error *err) AG_MUST_CHECK;
int risk_criteria_set_cell(struct store *st, long long actor, int impact, int likelihood, int level,
                           struct ag_error *err) AG_MUST_CHECK;
/* threshold/review_days/decision_days 0 and attitude NULL = unchanged. */
int risk_criteria_set_settings(struct store *st, long long actor, int threshold, int review_days,
                               int decision_days, const char *attitude,
                               struct ag_error *err) AG_MUST_CHECK;

/* ---- the register ---- */
struct risk_new {
    const char *title, *threat, *vulnerability, *consequence, *service;
    const char *system;          /* system code or NULL */
    const char *owner;           /* login of the risk owner */
    bool hse;                    /* an HSE risk (3.1.2.1, 5.4(5)) */
    const char *const *assets;   /* asset codes, NULL-terminated, may be NULL */
    const char *const *measures; /* existing measures: catalog ids or refs, may be NULL */
    const char *review_date;     /* NULL = today + review_days */
};
/* actor 0 = unknown (import); *id receives the new risk's id. */
int risk_add(struct store *st, const struct catalog *cat, long long actor, const struct risk_new *r,
             long long *id, struct ag_error *err) AG_MUST_CHECK;

struct risk_assessment {
    int impact, likelihood;
    const char *analysis; /* reasoning of the analysis (required) */
    bool selected;        /* ④: treat even though below the threshold (個別事情) */
    const char *note;     /* evaluation note, required when selected */
};
int risk_assess(struct store *st, long long id, long long actor, const struct risk_assessment *a,
                struct ag_error *err) AG_MUST_CHECK;

struct risk_treatment {
    const char *option; /* see risk_treatment_parse */
    const char *plan;
    const char *owner;                        /* login; NULL = the risk owner */
    const char *due;                          /* required unless retain */
    const char *const *items;                 /* planned measures (catalog), may be NULL */
    int residual_impact, residual_likelihood; /* expected residual risk; 0 = not given */
};
/* Decided by the risk owner or a CISO. For reduce/avoid/transfer a corrective action (origin
 * risk) is created for the plan; *action_id receives it (0 for retain). */
int risk_treat(struct store *st, const struct catalog *cat, long long id, long long actor,
               const struct risk_treatment *t, long long *action_id,
               struct ag_error *err) AG_MUST_CHECK;
/* Acceptance of a risk awaiting it: by a CISO (or the executive), never the risk owner or the
 * person who decided the treatment (3.1.4.1(2)). */
int risk_accept(struct store *st, long long id, long long actor, const char *note,
                struct ag_error *err) AG_MUST_CHECK;

struct risk_review {
    int impact, likelihood;                   /* 0 = unchanged */
    int residual_impact, residual_likelihood; /* 0 = unchanged */
    const char *note;                         /* required */
    const char *next;                         /* next review date; NULL = today + review_days */
};
/* Re-analyses and re-evaluates the risk. A risk that needs a treatment decision cannot be
 * reviewed without a change of its analysis: it is refused until the decision is taken. */
int risk_review(struct store *st, long long id, long long actor, const struct risk_review *r,
                struct ag_error *err) AG_MUST_CHECK;

#endif
