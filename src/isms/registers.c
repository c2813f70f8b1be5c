/*
 * registers.c — the register descriptions (fields = the items the guideline lists, with the
 * section they come from) and the generic add / update / find / CSV export.
 *
 * Invariants: SQL text is built only from the constant column names of the descriptions below,
 * never from input; every value is a bound parameter. reg_add and reg_update validate every
 * given value before the transaction begins, then write, derive computed columns and run the
 * register's cross-field check inside the same transaction, so a record that breaks a rule is
 * never committed.
 */
#include "isms/registers.h"

static const char *const yes_no[] = {"yes", "no", NULL};

/* ---- 3.1.2.6(3) 個人データ取扱台帳 ---- */
static const char *const pd_notice[] = {"stated", "published", "notified", "other", NULL};
static const char *const pd_level[] = {"high", "medium", "low", NULL};
static const char *const pd_status[] = {"active", "retired", NULL};
static const struct reg_field pd_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--name", "name", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--dept", "department_id", REG_DEPT, REG_REQUIRED, NULL, 0, 0},
    {"--manager", "manager_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--system", "system_id", REG_SYSTEM, 0, NULL, 0, 0},
    {"--items", "items_acquired", REG_LONG, REG_REQUIRED, NULL, 0, 0}, /* ① 取得する項目 */
    {"--purpose", "purpose", REG_LONG, REG_REQUIRED, NULL, 0, 0},      /* ① 利用目的 */
    {"--purpose-notice", "purpose_notice", REG_ENUM, REG_REQUIRED, pd_notice, 0,
     0},                                                                    /* 明示・公表等 */
    {"--location", "storage_location", REG_TEXT, REG_REQUIRED, NULL, 0, 0}, /* ① 保管場所 */
    {"--method", "storage_method", REG_TEXT, REG_REQUIRED, NULL, 0, 0},     /* ① 保管方法 */
    {"--access", "access_holders", REG_TEXT, REG_REQUIRED, NULL, 0, 0}, /* ① アクセス権限 */
    {"--use-period", "use_period", REG_TEXT, REG_REQUIRED, NULL, 0, 0}, /* ① 利用期限 */
    {"--other", "other_info", REG_LONG, 0, NULL, 0, 0},                 /* ① その他 */
    {"--subjects", "subjects", REG_INT, 0, NULL, 0, 1000000000},
    {"--level", "protection_level", REG_ENUM, REG_REQUIRED, pd_level, 0, 0}, /* ② 類型化 */
    {"--leak-impact", "leak_impact", REG_TEXT, 0, NULL, 0, 0},               /* ② 影響度 */
    {"--overseas", "overseas_rules", REG_TEXT, 0, NULL, 0, 0},               /* ③ 海外 */
    {"--contractor", "contractor_id", REG_CONTRACTOR, 0, NULL, 0, 0},
    {"--reviewed", "reviewed_on", REG_DATE, REG_TODAY, NULL, 0, 0}, /* ① 定期的に更新 */
    {"--review-months", "review_months", REG_INT, 0, NULL, 1, 60},
    {"--status", "status", REG_ENUM, 0, pd_status, 0, 0},
};
static const struct reg_kind kind_pdata = {
    "pdata",
    "reg_personal_data",
    "code",
    pd_fields,
    AG_ARRAY_LEN(pd_fields),
    "SELECT x.id, x.code, x.name, d.code AS department, m.login AS manager, s.code AS system, "
    "x.items_acquired, x.purpose, x.purpose_notice, x.storage_location, x.storage_method, "
    "x.access_holders, x.use_period, x.other_info, x.subjects AS data_subjects, "
    "x.protection_level, x.leak_impact, "
    "x.overseas_rules, c.code AS contractor, x.reviewed_on, x.review_months, x.next_review AS "
    "next_review_on, "
    "x.status FROM reg_personal_data x JOIN departments d ON d.id = x.department_id JOIN people m "
    "ON m.id = x.manager_id LEFT JOIN systems s ON s.id = x.system_id LEFT JOIN reg_contractors c "
    "ON c.id = x.contractor_id",
    " ORDER BY x.code",
    "UPDATE reg_personal_data SET next_review = " REG_ADD_MONTHS("reviewed_on",
                                                                 "review_months") " WHERE id = ?1",
    NULL,
};

/* ---- 3.1.4.3 外部委託先 ---- */
static const char *const ct_kind[] = {
    "development", "application", "operation", "support", "project-management",
    "research",    "leasing",     "other",     NULL};
static const struct reg_field ct_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--name", "name", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--service", "service", REG_LONG, REG_REQUIRED, NULL, 0, 0},
    {"--kind", "kind", REG_ENUM, REG_REQUIRED, ct_kind, 0, 0}, /* (2) 外部委託の例 */
    {"--system", "system_id", REG_SYSTEM, 0, NULL, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0},
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--start", "contract_start", REG_DATE, REG_REQUIRED, NULL, 0, 0},
    {"--end", "contract_end", REG_DATE, REG_REQUIRED, NULL, 0, 0},
    {"--personal-data", "personal_data", REG_BOOL, 0, yes_no, 0, 0},        /* (1)③ (2)④ */
    {"--subcontracting", "subcontracting", REG_BOOL, 0, yes_no, 0, 0},      /* (2)② 再委託 */
    {"--access-scope", "access_scope", REG_LONG, REG_REQUIRED, NULL, 0, 0}, /* (1)① */
    {"--selection", "selection_basis", REG_LONG, REG_REQUIRED, NULL, 0, 0}, /* (2)① */
    {"--location", "work_location", REG_TEXT, 0, NULL, 0, 0},               /* (1)② */
    {"--outage-procedure", "outage_procedure", REG_LONG, 0, NULL, 0, 0},    /* (3) */
    {"--contact", "contact", REG_TEXT, 0, NULL, 0, 0},
};
#define CHECKLIST_COUNT(reg, alias, pdcond)                                                        \
    "(SELECT count(*) FROM reg_checklist_answers ca JOIN reg_checklist_items ci ON ci.id = "       \
    "ca.item_id WHERE ca." alias " = x.id AND ca.answer <> 'not_met'" pdcond ") || '/' || "        \
    "(SELECT count(*) FROM reg_checklist_items ci WHERE ci.register = '" reg "'" pdcond            \
    ") AS checklist"
static const struct reg_kind kind_contractor = {
    "contractor",
    "reg_contractors",
    "code",
    ct_fields,
    AG_ARRAY_LEN(ct_fields),
    "SELECT x.id, x.code, x.name, x.service, x.kind, s.code AS system, d.code AS department, "
    "o.login AS owner, x.contract_start, x.contract_end, x.personal_data AS handles_personal_data, "
    "x.subcontracting, "
    "x.access_scope, x.selection_basis, x.work_location, x.outage_procedure, x.contact, "
    "x.status, a.login AS approved_by, x.approved_on, x.end_checked_on, " CHECKLIST_COUNT(
        "contractor", "contractor_id",
        " AND (ci.personal_data = 0 OR x.personal_data = 1)") " FROM reg_contractors x JOIN "
                                                              "people o ON o.id = x.owner_id "
                                                              "LEFT JOIN systems s ON s.id = "
                                                              "x.system_id LEFT JOIN "
                                                              "departments d ON d.id = "
                                                              "x.department_id LEFT JOIN "
                                                              "people a ON a.id = "
                                                              "x.approved_by",
    " ORDER BY x.code",
    NULL,
    "SELECT CASE WHEN contract_end < contract_start THEN '--end: ' || contract_end || ' is "
    "before --start ' || contract_start END FROM reg_contractors WHERE id = ?1",
};

/* ---- 3.1.4.3(4) クラウドサービス ---- */
static const struct reg_field cl_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--name", "name", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--provider", "provider", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--contractor", "contractor_id", REG_CONTRACTOR, 0, NULL, 0, 0},
    {"--system", "system_id", REG_SYSTEM, 0, NULL, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0},
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--class", "info_class", REG_INT, REG_REQUIRED, NULL, 1, 3},             /* ① 格付 */
    {"--handling", "handling", REG_TEXT, 0, NULL, 0, 0},                      /* ① 取扱制限 */
    {"--data-location", "data_location", REG_TEXT, REG_REQUIRED, NULL, 0, 0}, /* ② */
    {"--law", "governing_law", REG_TEXT, REG_REQUIRED, NULL, 0, 0},           /* ② 準拠法 */
    {"--jurisdiction", "jurisdiction", REG_TEXT, REG_REQUIRED, NULL, 0, 0},   /* ② 裁判管轄 */
    {"--foreign-law-risk", "foreign_law_risk", REG_LONG, REG_REQUIRED, NULL, 0, 0}, /* ② */
    {"--exit-plan", "exit_plan", REG_LONG, REG_REQUIRED, NULL, 0, 0},               /* ③ */
    {"--rpo", "rpo", REG_TEXT, 0, NULL, 0, 0},                                      /* ④ */
    {"--evaluation", "evaluation", REG_LONG, 0, NULL, 0, 0},                        /* ⑤ */
    {"--start", "contract_start", REG_DATE, REG_REQUIRED, NULL, 0, 0},
    {"--end", "contract_end", REG_DATE, REG_REQUIRED, NULL, 0, 0},
};
static const struct reg_kind kind_cloud = {
    "cloud",
    "reg_cloud_services",
    "code",
    cl_fields,
    AG_ARRAY_LEN(cl_fields),
    "SELECT x.id, x.code, x.name, x.provider, c.code AS contractor, s.code AS system, d.code AS "
    "department, o.login AS owner, x.info_class, x.handling, x.data_location, x.governing_law, "
    "x.jurisdiction, x.foreign_law_risk, x.exit_plan, x.rpo, x.evaluation, x.contract_start, "
    "x.contract_end, x.decision, dc.login AS use_decided_by, x.decided_on, "
    "x.decision_note, " CHECKLIST_COUNT(
        "cloud", "cloud_id",
        "") " FROM reg_cloud_services x JOIN people o ON o.id = x.owner_id LEFT JOIN "
            "reg_contractors c ON c.id = x.contractor_id LEFT JOIN systems s ON s.id = "
            "x.system_id LEFT JOIN departments d ON d.id = x.department_id LEFT JOIN people dc "
            "ON dc.id = x.decided_by",
    " ORDER BY x.code",
    NULL,
    "SELECT CASE WHEN contract_end < contract_start THEN '--end: ' || contract_end || ' is "
    "before --start ' || contract_start END FROM reg_cloud_services WHERE id = ?1",
};

/* ---- 3.1.4.2 / 3.2.2.1(2) 教育・訓練 ---- */
static const char *const tr_kind[] = {"awareness", "technical", "exercise", NULL};
/* the examples of education content in 3.1.4.2 */
static const char *const tr_topics[] = {"handling", "policy", "threats", "outage", NULL};
static const char *const tr_status[] = {"planned", "held", "cancelled", NULL};
static const struct reg_field tr_fields[] = {
    {"--title", "title", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--kind", "kind", REG_ENUM, REG_REQUIRED, tr_kind, 0, 0},
    {"--date", "held_on", REG_DATE, REG_REQUIRED, NULL, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0},
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--trainer", "trainer", REG_TEXT, 0, NULL, 0, 0},
    {"--topics", "topics", REG_ENUMLIST, 0, tr_topics, 0, 0},
    {"--materials", "materials", REG_LONG, 0, NULL, 0, 0},
    {"--items", "items", REG_ITEMS, 0, NULL, 0, 0},
    {"--status", "status", REG_ENUM, 0, tr_status, 0, 0},
};
static const struct reg_kind kind_training = {
    "training",
    "reg_trainings",
    NULL,
    tr_fields,
    AG_ARRAY_LEN(tr_fields),
    "SELECT x.id, x.title, x.kind, x.held_on, d.code AS department, o.login AS owner, x.trainer, "
    "x.topics, x.materials, x.items, x.status, (SELECT count(*) FROM reg_training_attendees t "
    "WHERE t.training_id = x.id) AS invited, (SELECT group_concat(p.login, ' ') FROM "
    "reg_training_attendees t JOIN people p ON p.id = t.person_id WHERE t.training_id = x.id AND "
    "t.attended = 1) AS attendees FROM reg_trainings x JOIN people o ON o.id = x.owner_id LEFT "
    "JOIN departments d ON d.id = x.department_id",
    " ORDER BY x.held_on, x.id",
    NULL,
    NULL,
};

/* ---- 3.1.4.1(3)(a) 緊急連絡網 ---- */
static const char *const co_party[] = {"internal", "ministry", "ceptoar", "vendor",
                                       "police",   "other",    NULL};
static const struct reg_field co_fields[] = {
    {"--system", "system_id", REG_SYSTEM, REG_REQUIRED, NULL, 0, 0},
    {"--position", "position", REG_INT, REG_REQUIRED, NULL, 1, 99},
    {"--party", "party", REG_ENUM, REG_REQUIRED, co_party, 0, 0},
    {"--person", "person_id", REG_PERSON, 0, NULL, 0, 0},
    {"--name", "name", REG_TEXT, 0, NULL, 0, 0},
    {"--role", "role", REG_TEXT, 0, NULL, 0, 0},
    {"--phone", "phone", REG_TEXT, 0, NULL, 0, 0}, /* 緊急連絡先 */
    {"--email", "email", REG_TEXT, 0, NULL, 0, 0},
    {"--means", "means", REG_TEXT, REG_REQUIRED, NULL, 0, 0}, /* 連絡手段 */
    {"--report", "items", REG_LONG, 0, NULL, 0, 0},           /* 連絡項目 */
    {"--hours", "hours", REG_TEXT, 0, NULL, 0, 0},
    {"--deputy-for", "deputy_for", REG_INT, 0, NULL, 1, 99}, /* 3.1.4.1(4) 代行順位 */
};
static const struct reg_kind kind_contact = {
    "contact",
    "reg_contacts",
    NULL,
    co_fields,
    AG_ARRAY_LEN(co_fields),
    "SELECT x.id, s.code AS system, x.position, x.party, CASE WHEN x.party = 'internal' THEN "
    "p.name ELSE x.name END AS name, p.login AS person, x.role, CASE WHEN x.phone <> '' THEN "
    "x.phone ELSE coalesce(p.phone, '') END AS phone, CASE WHEN x.email <> '' THEN x.email ELSE "
    "coalesce(p.email, '') END AS email, x.means, x.items AS report_items, x.hours, x.deputy_for "
    "FROM "
    "reg_contacts x JOIN systems s ON s.id = x.system_id LEFT JOIN people p ON p.id = x.person_id",
    " ORDER BY s.code, x.position",
    NULL,
    "SELECT CASE WHEN party = 'internal' AND person_id IS NULL THEN '--party internal needs "
    "--person LOGIN' WHEN party <> 'internal' AND name = '' THEN '--party ' || party || ' needs "
    "--name (organisation and person)' WHEN deputy_for = position THEN '--deputy-for: an entry "
    "cannot stand in for itself (position ' || position || ')' WHEN deputy_for IS NOT NULL AND NOT "
    "EXISTS (SELECT 1 FROM reg_contacts o WHERE o.system_id = c.system_id AND o.position = "
    "c.deputy_for) THEN '--deputy-for: the chain has no position ' || deputy_for END FROM "
    "reg_contacts c WHERE id = ?1",
};

/* ---- 3.1.2.2 / 3.1.2.3(1) 方針・規程・手順 ---- */
static const char *const po_kind[] = {"policy", "regulation", "procedure", NULL};
static const char *const po_status[] = {"draft", "retired", NULL}; /* approved: by approve */
static const struct reg_field po_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--title", "title", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--kind", "kind", REG_ENUM, REG_REQUIRED, po_kind, 0, 0},
    {"--parent", "parent_id", REG_POLICY, 0, NULL, 0, 0},
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--dept", "department_id", REG_DEPT, 0, NULL, 0, 0}, /* 主管組織 */
    {"--version", "version", REG_TEXT, 0, NULL, 0, 0},
    {"--purpose", "purpose", REG_LONG, 0, NULL, 0, 0},                 /* 目的 */
    {"--authority", "authority", REG_LONG, 0, NULL, 0, 0},             /* 権限 */
    {"--members", "members", REG_LONG, 0, NULL, 0, 0},                 /* 構成員 */
    {"--review-triggers", "review_triggers", REG_LONG, 0, NULL, 0, 0}, /* 見直し要件 */
    {"--review-months", "review_months", REG_INT, 0, NULL, 1, 60},
    {"--status", "status", REG_ENUM, 0, po_status, 0, 0},
};
static const struct reg_kind kind_policy = {
    "policy",
    "reg_policies",
    "code",
    po_fields,
    AG_ARRAY_LEN(po_fields),
    "SELECT x.id, x.code, x.title, x.kind, pp.code AS parent, o.login AS owner, d.code AS "
    "department, x.version, x.purpose, x.authority, x.members, x.review_triggers, "
    "x.review_months, x.status, a.login AS approved_by, x.approved_on, x.last_review, "
    "x.next_review AS next_review_on FROM reg_policies x JOIN people o ON o.id = x.owner_id LEFT "
    "JOIN reg_policies "
    "pp ON pp.id = x.parent_id LEFT JOIN departments d ON d.id = x.department_id LEFT JOIN "
    "people a ON a.id = x.approved_by",
    " ORDER BY x.code",
    "UPDATE reg_policies SET next_review = CASE WHEN coalesce(last_review, approved_on) IS NULL "
    "THEN NULL ELSE " REG_ADD_MONTHS("coalesce(last_review, approved_on)",
                                     "review_months") " "
                                                      "END WHERE id = ?1",
    "SELECT CASE WHEN p.parent_id = p.id THEN '--parent: a document cannot be its own parent' "
    "WHEN p.kind = 'policy' AND p.parent_id IS NOT NULL THEN '--parent: the information security "
    "policy (kind policy) has no parent' WHEN p.kind = 'regulation' AND q.kind IS NOT NULL AND "
    "q.kind <> 'policy' THEN '--parent: a regulation conforms to a policy (3.1.2.3(1)), not to "
    "the ' || q.kind || ' ' || q.code WHEN p.kind = 'procedure' AND q.kind = 'procedure' THEN "
    "'--parent: a procedure belongs to a regulation or policy, not to the procedure ' || q.code "
    "END FROM reg_policies p LEFT JOIN reg_policies q ON q.id = p.parent_id WHERE p.id = ?1",
};

/* ---- 3.1.3(1) ロードマップ及び計画 ---- */
static const char *const ms_level[] = {"roadmap", "plan", NULL};
static const char *const ms_status[] = {"planned", "in_progress", "done", "cancelled", NULL};
static const struct reg_field ms_fields[] = {
    {"--code", "code", REG_CODE, REG_REQUIRED | REG_FIXED, NULL, 0, 0},
    {"--level", "level", REG_ENUM, REG_REQUIRED, ms_level, 0, 0},
    {"--parent", "parent_id", REG_MILESTONE, 0, NULL, 0, 0},
    {"--title", "title", REG_TEXT, REG_REQUIRED, NULL, 0, 0},
    {"--goal", "goal", REG_LONG, REG_REQUIRED, NULL, 0, 0}, /* 具体的な達成目標 */
    {"--owner", "owner_id", REG_PERSON, REG_REQUIRED, NULL, 0, 0},
    {"--target", "target", REG_DATE, REG_REQUIRED, NULL, 0, 0},
    {"--status", "status", REG_ENUM, 0, ms_status, 0, 0},
    {"--done", "done_on", REG_DATE, 0, NULL, 0, 0},
    {"--items", "items", REG_ITEMS, 0, NULL, 0, 0},
};
static const struct reg_kind kind_milestone = {
    "milestone",
    "reg_milestones",
    "code",
    ms_fields,
    AG_ARRAY_LEN(ms_fields),
    "SELECT x.id, x.code, x.level, p.code AS parent, x.title, x.goal, o.login AS owner, x.target, "
    "x.status, x.done_on, x.items FROM reg_milestones x JOIN people o ON o.id = x.owner_id LEFT "
    "JOIN reg_milestones p ON p.id = x.parent_id",
    " ORDER BY x.target, x.code",
    "UPDATE reg_milestones SET done_on = CASE WHEN status = 'done' THEN coalesce(done_on, ?2) "
    "ELSE NULL END WHERE id = ?1",
    "SELECT CASE WHEN m.parent_id = m.id THEN '--parent: a milestone cannot be its own parent' "
    "WHEN m.level = 'roadmap' AND m.parent_id IS NOT NULL THEN '--parent: a roadmap milestone "
    "has no parent; plan milestones detail it (3.1.3(1))' WHEN m.level = 'plan' AND p.level = "
    "'plan' THEN '--parent: a plan milestone details a roadmap milestone, not the plan ' || "
    "p.code END FROM reg_milestones m LEFT JOIN reg_milestones p ON p.id = m.parent_id WHERE m.id "
    "= ?1",
};

const struct reg_kind *const reg_kinds[] = {
    &kind_pdata, &kind_contractor, &kind_cloud, &kind_training, &kind_contact, &kind_policy,
    &kind_milestone,
    /* business continuity and secure areas (bcp.c, area.c) */
    &reg_kind_bcp_plan, &reg_kind_bcp_command, &reg_kind_bcp_place, &reg_kind_bcp_exercise,
    &reg_kind_area, NULL};

const struct reg_kind *reg_kind_find(const char *name)
{
    for (size_t i = 0; name && reg_kinds[i]; i++)
        if (strcmp(reg_kinds[i]->name, name) == 0)
            return reg_kinds[i];
    return NULL;
}

int reg_values(const struct reg_kind *k, const char *const *pairs, const char **values,
               struct ag_error *err)
{
    for (size_t p = 0; pairs[p]; p += 2) {
        size_t i = 0;
        while (i < k->nfields && strcmp(k->fields[i].opt, pairs[p]) != 0)
            i++;
        if (i == k->nfields)
            return ag_error_set(err, AG_EINVAL, "%s: unknown field \"%s\"", k->name, pairs[p]);
        values[i] = pairs[p + 1];
        if (!pairs[p + 1])
            break;
    }
    return AG_OK;
}

/* Looks a record of table up by code; AG_ENOTFOUND names the option and the value. */
static int code_id(struct store *st, const char *table_sql, const char *field, const char *code,
                   long long *id, struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc = store_prepare(st, &s, table_sql, err);
    if (rc)
        return rc;
    store_bind_text(s, 1, code);
    if (sqlite3_step(s) == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    else
        rc = ag_error_set(err, AG_ENOTFOUND, "%s: \"%.80s\" does not exist", field, code);
    sqlite3_finalize(s);
    return rc;
}

int reg_find(struct store *st, const struct reg_kind *k, const char *ref, long long *id,
             struct ag_error *err)
{
    if (!ref || !*ref)
        return ag_error_set(err, AG_EINVAL, "%s: missing record (a code or #id)", k->name);
    if (!k->code_column || ref[0] == '#') {
        const char *num = ref[0] == '#' ? ref + 1 : ref;
        int rc = isms_check_int(k->name, num, 1, INT64_MAX, id, err);
        if (rc)
            return rc;
        char sql[128];
        snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE id = ?", k->table);
        sqlite3_stmt *s;
        if ((rc = store_prepare(st, &s, sql, err)))
            return rc;
        sqlite3_bind_int64(s, 1, *id);
        if (sqlite3_step(s) != SQLITE_ROW)
            rc = ag_error_set(err, AG_ENOTFOUND, "%s %lld does not exist", k->name, *id);
        sqlite3_finalize(s);
        return rc;
    }
    char sql[128];
    snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE code = ?", k->table);
    return code_id(st, sql, k->name, ref, id, err);
}

/* A validated value ready to bind. */
struct reg_bound {
    enum { B_NULL, B_TEXT, B_INT } kind;
    long long n;
    struct strbuf text;
};

/* Splits a list on commas and white space; calls fn for each word (max 64 words). */
static int list_each(const char *field, const char *value, struct reg_bound *b,
                     int (*fn)(const char *field, const char *word, struct strbuf *out,
                               const void *ctx, struct ag_error *err),
                     const void *ctx, struct ag_error *err)
{
    char word[256];
    size_t n = 0, words = 0;
    for (const char *p = value;; p++) {
        if (*p && *p != ',' && *p != ' ' && *p != '\t' && *p != '\n') {
            if (n + 1 >= sizeof(word))
                return ag_error_set(err, AG_EINVAL, "%s: a word is longer than %zu bytes", field,
                                    sizeof(word) - 1);
            word[n++] = *p;
            continue;
        }
        if (n) {
            word[n] = '\0';
            if (++words > 64)
                return ag_error_set(err, AG_EINVAL, "%s: more than 64 entries", field);
            if (b->text.len)
                strbuf_addc(&b->text, ' ');
            int rc = fn(field, word, &b->text, ctx, err);
            if (rc)
                return rc;
            n = 0;
        }
        if (!*p)
            break;
    }
    return AG_OK;
}

static int enum_word(const char *field, const char *word, struct strbuf *out, const void *ctx,
                     struct ag_error *err)
{
    int rc = isms_check_enum(field, word, ctx, err);
    if (rc == AG_OK)
        strbuf_adds(out, word);
    return rc;
}

static int item_word(const char *field, const char *word, struct strbuf *out, const void *ctx,
                     struct ag_error *err)
{
    const char *id;
    int rc = isms_check_item(ctx, field, word, &id, err);
    if (rc == AG_OK)
        strbuf_adds(out, id);
    return rc;
}

/* Validates value for field f into b (value "" clears an optional field). */
static int bind_value(struct store *st, const struct catalog *cat, const struct reg_field *f,
                      const char *value, struct reg_bound *b, struct ag_error *err)
{
    const char *field = f->opt;
    char date[11];
    int rc = AG_OK;
    strbuf_init(&b->text, 64 * 1024);
    b->kind = B_TEXT;
    if (!*value && !(f->flags & REG_REQUIRED)) {
        bool text_col = f->type == REG_TEXT || f->type == REG_LONG || f->type == REG_ENUMLIST ||
                        f->type == REG_ITEMS;
        b->kind = text_col ? B_TEXT : B_NULL;
        return AG_OK;
    }
    switch (f->type) {
    case REG_TEXT:
    case REG_LONG:
    case REG_CODE:
        rc = isms_check_text(field, value,
                             f->type == REG_LONG   ? 20000
                             : f->type == REG_CODE ? 64
                                                   : 500,
                             err);
        if (rc == AG_OK && f->type == REG_CODE && (strchr(value, ' ') || value[0] == '#'))
            rc = ag_error_set(err, AG_EINVAL,
                              "%s: \"%.64s\" may not contain spaces or begin with #", field, value);
        strbuf_adds(&b->text, value);
        break;
    case REG_DATE:
        if ((rc = isms_check_date(field, value, date, err)) == AG_OK)
            strbuf_adds(&b->text, date);
        break;
    case REG_ENUM:
        if ((rc = isms_check_enum(field, value, f->allowed, err)) == AG_OK)
            strbuf_adds(&b->text, value);
        break;
    case REG_ENUMLIST:
        rc = list_each(field, value, b, enum_word, f->allowed, err);
        break;
    case REG_ITEMS:
        rc = list_each(field, value, b, item_word, cat, err);
        break;
    case REG_INT:
        b->kind = B_INT;
        rc = isms_check_int(field, value, f->min, f->max, &b->n, err);
        break;
    case REG_BOOL:
        b->kind = B_INT;
        if ((rc = isms_check_enum(field, value, yes_no, err)) == AG_OK)
            b->n = strcmp(value, "yes") == 0;
        break;
    case REG_PERSON:
        b->kind = B_INT;
        if ((rc = isms_person_id(st, value, &b->n, err)))
            ag_error_set(err, rc, "%s: no person with the login \"%.64s\"", field, value);
        break;
    case REG_DEPT:
        b->kind = B_INT;
        if ((rc = isms_department_id(st, value, &b->n, err)))
            ag_error_set(err, rc, "%s: no department \"%.64s\"", field, value);
        break;
    case REG_SYSTEM:
        b->kind = B_INT;
        if ((rc = isms_system_id(st, value, &b->n, err)))
            ag_error_set(err, rc, "%s: no system \"%.64s\"", field, value);
        break;
    case REG_CONTRACTOR:
        b->kind = B_INT;
        rc = code_id(st, "SELECT id FROM reg_contractors WHERE code = ?", field, value, &b->n, err);
        break;
    case REG_POLICY:
        b->kind = B_INT;
        rc = code_id(st, "SELECT id FROM reg_policies WHERE code = ?", field, value, &b->n, err);
        break;
    case REG_MILESTONE:
        b->kind = B_INT;
        rc = code_id(st, "SELECT id FROM reg_milestones WHERE code = ?", field, value, &b->n, err);
        break;
    case REG_REF: {
        char sql[128];
        b->kind = B_INT;
        snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE code = ?", f->allowed[0]);
        rc = code_id(st, sql, field, value, &b->n, err);
        break;
    }
    }
    if (rc == AG_OK && !strbuf_ok(&b->text))
        rc = ag_error_set(err, AG_EINVAL, "%s: too long", field);
    return rc;
}

static void bind_one(sqlite3_stmt *s, int idx, const struct reg_bound *b)
{
    if (b->kind == B_NULL)
        sqlite3_bind_null(s, idx);
    else if (b->kind == B_INT)
        sqlite3_bind_int64(s, idx, b->n);
    else
        sqlite3_bind_text(s, idx, strbuf_str(&b->text), -1, SQLITE_TRANSIENT);
}

/* Derived columns and the cross-field check of record id; inside the caller's transaction. */
static int after_write(struct store *st, const struct reg_kind *k, long long id,
                       struct ag_error *err)
{
    sqlite3_stmt *s;
    int rc;
    char today[11];
    ag_date_iso(ag_now(), today);
    if (k->derive_sql) {
        if ((rc = store_prepare(st, &s, k->derive_sql, err)))
            return rc;
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_bind_parameter_count(s) >= 2)
            sqlite3_bind_text(s, 2, today, -1, SQLITE_STATIC);
        rc = sqlite3_step(s) == SQLITE_DONE ? AG_OK : store_error(st, "deriving dates", err);
        sqlite3_finalize(s);
        if (rc)
            return rc;
    }
    if (k->verify_sql) {
        if ((rc = store_prepare(st, &s, k->verify_sql, err)))
            return rc;
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL)
            rc = ag_error_set(err, AG_EINVAL, "%s: %s", k->name, store_col_text(s, 0));
        sqlite3_finalize(s);
    }
    return rc;
}

static int reg_write(struct store *st, const struct catalog *cat, const struct reg_kind *k,
                     long long upd_id, const char *const *values, long long *id_out,
                     struct ag_error *err)
{
    struct reg_bound b[48];
    size_t nb = 0;
    int rc = AG_OK;
    bool content_change = false;
    char today[11];
    ag_date_iso(ag_now(), today);
    if (k->nfields > AG_ARRAY_LEN(b))
        return ag_error_set(err, AG_EINVAL, "%s: too many fields", k->name);
    struct strbuf sql;
    strbuf_init(&sql, 8192);
    strbuf_addf(&sql, upd_id ? "UPDATE %s SET " : "INSERT INTO %s(", k->table);
    size_t ncols = 0;
    for (size_t i = 0; i < k->nfields && rc == AG_OK; i++) {
        const struct reg_field *f = &k->fields[i];
        const char *v = values[i];
        if (!v && !upd_id && (f->flags & REG_TODAY))
            v = today;
        if (!v) {
            if (!upd_id && (f->flags & REG_REQUIRED))
                rc = ag_error_set(err, AG_EINVAL, "%s %s: missing (required)", k->name, f->opt);
            continue;
        }
        if (upd_id && (f->flags & REG_FIXED)) {
            rc = ag_error_set(err, AG_EINVAL, "%s %s: the record's key cannot be changed", k->name,
                              f->opt);
            continue;
        }
        if (upd_id && (f->flags & REG_REQUIRED) && !*v) {
            rc = ag_error_set(err, AG_EINVAL, "%s %s: cannot be cleared (required)", k->name,
                              f->opt);
            continue;
        }
        if ((rc = bind_value(st, cat, f, v, &b[nb], err))) {
            strbuf_release(&b[nb].text);
            continue;
        }
        nb++;
        if (strcmp(f->column, "review_months") != 0 && strcmp(f->column, "status") != 0)
            content_change = true;
        strbuf_addf(&sql, upd_id ? "%s%s = ?" : "%s%s", ncols ? ", " : "", f->column);
        ncols++;
    }
    if (rc == AG_OK && ncols == 0)
        rc = ag_error_set(err, AG_EINVAL, "%s: nothing to change (give at least one option)",
                          k->name);
    if (upd_id)
        strbuf_adds(&sql, " WHERE id = ?");
    else {
        strbuf_adds(&sql, ") VALUES (");
        for (size_t i = 0; i < ncols; i++)
            strbuf_adds(&sql, i ? ", ?" : "?");
        strbuf_adds(&sql, ")");
    }
    bool own = false, began = false;
    sqlite3_stmt *s = NULL;
    if (rc)
        goto out;
    if ((rc = isms_tx_begin(st, &own, err)))
        goto out;
    began = true;
    if ((rc = store_prepare(st, &s, strbuf_str(&sql), err)))
        goto out;
    for (size_t i = 0; i < nb; i++)
        bind_one(s, (int)i + 1, &b[i]);
    if (upd_id)
        sqlite3_bind_int64(s, (int)nb + 1, upd_id);
    if (sqlite3_step(s) != SQLITE_DONE) {
        rc = store_error(st, upd_id ? "updating the record" : "adding the record", err);
        goto out;
    }
    long long id = upd_id ? upd_id : store_last_id(st);
    sqlite3_finalize(s);
    s = NULL;
    /* 3.1.2.2 / 3.1.2.3(1): a changed document is approved again before it applies. The
     * status may have been set by this update (draft / retired); only a still-approved
     * document is returned to draft. */
    if (upd_id && content_change && k == &kind_policy) {
        if ((rc = store_prepare(st, &s,
                                "UPDATE reg_policies SET status = 'draft', approved_by = NULL, "
                                "approved_on = NULL WHERE id = ?1 AND status = 'approved'",
                                err)))
            goto out;
        sqlite3_bind_int64(s, 1, id);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = store_error(st, "returning the policy to draft", err);
            goto out;
        }
        sqlite3_finalize(s);
        s = NULL;
    }
    if ((rc = after_write(st, k, id, err)))
        goto out;
    if (id_out)
        *id_out = id;
out:
    sqlite3_finalize(s);
    if (began)
        rc = isms_tx_end(st, own, rc, err);
    for (size_t i = 0; i < nb; i++)
        strbuf_release(&b[i].text);
    strbuf_release(&sql);
    return rc;
}

int reg_add(struct store *st, const struct catalog *cat, const struct reg_kind *k,
            const char *const *values, long long *id, struct ag_error *err)
{
    return reg_write(st, cat, k, 0, values, id, err);
}

int reg_update(struct store *st, const struct catalog *cat, const struct reg_kind *k, long long id,
               const char *const *values, struct ag_error *err)
{
    if (id <= 0)
        return ag_error_set(err, AG_EINVAL, "%s: no record given", k->name);
    return reg_write(st, cat, k, id, values, NULL, err);
}

int reg_export_csv(struct store *st, const struct reg_kind *k, struct strbuf *out,
                   struct ag_error *err)
{
    struct strbuf sql;
    sqlite3_stmt *s = NULL;
    strbuf_init(&sql, 0);
    strbuf_adds(&sql, k->select_sql);
    strbuf_adds(&sql, k->order_sql);
    int rc = store_prepare(st, &s, strbuf_str(&sql), err);
    strbuf_release(&sql);
    if (rc)
        return rc;
    int ncol = sqlite3_column_count(s);
    long long rows = 0;
    for (int c = 0; c < ncol; c++) {
        if (c)
            strbuf_addc(out, ',');
        strbuf_add_csv_field(out, sqlite3_column_name(s, c));
    }
    strbuf_adds(out, "\r\n");
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        for (int c = 0; c < ncol; c++) {
            if (c)
                strbuf_addc(out, ',');
            strbuf_add_csv_field(out, store_col_text(s, c));
        }
        strbuf_adds(out, "\r\n");
        rows++;
    }
    if (step != SQLITE_DONE)
        rc = store_error(st, "reading the register", err);
    sqlite3_finalize(s);
    if (rc == AG_OK && !strbuf_ok(out))
        rc = ag_error_set(err, AG_ENOMEM, "%s: the export is larger than its cap", k->name);
    if (rc == AG_OK) {
        /* exporting a register (the personal-data ledger above all) is a security-relevant act */
        char detail[96];
        snprintf(detail, sizeof(detail), "{\"format\": \"csv\", \"rows\": %lld}", rows);
        rc = store_audit(st, "export", k->table, "*", detail, err);
    }
    return rc;
}
