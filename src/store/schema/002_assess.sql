-- 002_assess: self-inspection (自己点検, guideline 3.3.1.1(1)); docs/isms/self-inspection.md.
--   年度自己点検計画 (yearly plan, by the CISO)  -> assess_plans, assess_plan_items, assess_plan_depts
--   自己点検票 (one sheet per respondent and round) -> assess_sheets, assess_answers
--   評価結果の報告 (manager -> CISO, per department) -> assess_evaluations
--   改善の指示 (CISO -> manager) and its follow-up -> assess_instructions, linked to actions
-- Conventions of 001_core apply.

-- The yearly plan: the fields 3.3.1.1(1) lists (実施頻度, 実施時期, 自己点検すべき項目 /
-- 実施項目の選択, 確認及び評価の方法) and its revisions (見直し).
CREATE TABLE assess_plans (
    id             INTEGER PRIMARY KEY,
    fiscal_year    INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100), -- 年度 (April-March)
    title          TEXT NOT NULL CHECK (length(title) > 0),
    frequency      INTEGER NOT NULL CHECK (frequency BETWEEN 1 AND 12),   -- 実施頻度: rounds a year
    timing         TEXT NOT NULL CHECK (length(timing) > 0),              -- 実施時期
    selection      TEXT NOT NULL DEFAULT '',   -- 実施項目の選択: why these items
    method         TEXT NOT NULL DEFAULT '',   -- 確認及び評価の方法
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    revision       INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    revision_note  TEXT NOT NULL DEFAULT '',   -- why the plan was last reviewed (見直し)
    created_by     INTEGER NOT NULL REFERENCES people(id),
    created_at     TEXT NOT NULL,
    revised_at     TEXT
);

-- 自己点検すべき項目: assessable measures of the catalog (node ids).
CREATE TABLE assess_plan_items (
    id       INTEGER PRIMARY KEY,
    plan_id  INTEGER NOT NULL REFERENCES assess_plans(id) ON DELETE CASCADE,
    item_id  TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,       -- the plan revision that added it
    UNIQUE (plan_id, item_id)
);

-- Departments taking part; frequency overrides the plan's (e.g. 情報システム部門 monthly).
CREATE TABLE assess_plan_depts (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES assess_plans(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    frequency     INTEGER CHECK (frequency IS NULL OR frequency BETWEEN 1 AND 12),
    UNIQUE (plan_id, department_id)
);

-- 自己点検票: one per respondent, plan and round; items copied at issue time.
CREATE TABLE assess_sheets (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES assess_plans(id),
    round         INTEGER NOT NULL CHECK (round BETWEEN 1 AND 12),
    respondent_id INTEGER NOT NULL REFERENCES people(id),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    status        TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'submitted')),
    due_date      TEXT NOT NULL,
    issued_by     INTEGER NOT NULL REFERENCES people(id),
    issued_at     TEXT NOT NULL,
    submitted_at  TEXT,
    UNIQUE (plan_id, round, respondent_id)
);

-- One row per item of a sheet; answer NULL until answered.
CREATE TABLE assess_answers (
    id          INTEGER PRIMARY KEY,
    sheet_id    INTEGER NOT NULL REFERENCES assess_sheets(id) ON DELETE CASCADE,
    item_id     TEXT NOT NULL,
    role        TEXT NOT NULL,          -- the catalog role that put the item on the sheet
    answer      TEXT CHECK (answer IS NULL OR answer IN ('implemented', 'partial',
                                                         'not_implemented', 'not_applicable')),
    comment     TEXT NOT NULL DEFAULT '',
    answered_at TEXT,
    UNIQUE (sheet_id, item_id)
);
CREATE INDEX assess_answers_sheet ON assess_answers(sheet_id);

-- Evidence files (content-addressed, table evidence) attached to an answer.
CREATE TABLE assess_answer_evidence (
    id          INTEGER PRIMARY KEY,
    answer_id   INTEGER NOT NULL REFERENCES assess_answers(id) ON DELETE CASCADE,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    UNIQUE (answer_id, evidence_id)
);

-- 情報セキュリティ責任者は、自己点検結果の分析を行い、評価結果を最高情報セキュリティ責任者へ報告する.
CREATE TABLE assess_evaluations (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES assess_plans(id),
    round         INTEGER NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    text          TEXT NOT NULL CHECK (length(text) > 0),
    reported_by   INTEGER NOT NULL REFERENCES people(id),
    reported_at   TEXT NOT NULL,
    UNIQUE (plan_id, round, department_id)
);

-- 改善の指示 from the CISO to a department's manager; the follow-up (改善結果の報告, its
-- acceptance) runs on the linked corrective action (actions.origin = 'assessment').
CREATE TABLE assess_instructions (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES assess_plans(id),
    round         INTEGER NOT NULL,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    manager_id    INTEGER NOT NULL REFERENCES people(id),
    text          TEXT NOT NULL CHECK (length(text) > 0),
    due_date      TEXT NOT NULL,
    action_id     INTEGER REFERENCES actions(id),
    issued_by     INTEGER NOT NULL REFERENCES people(id),
    issued_at     TEXT NOT NULL,
    CHECK (issued_by <> manager_id)
);
