-- 006_audit: information security audits, guideline 3.3.1.1(2): the annual audit plan
-- (年度情報セキュリティ監査計画), the per-audit plan (監査実施計画) with its auditors, findings
-- against catalog items, the audit report and the improvement plans (改善計画) of the audited
-- department, which are corrective actions (actions.origin = 'audit', origin_id = finding id).
-- Separation of duties (3.1.4.1(2)): an auditor never belongs to the audited department; the
-- application enforces it (isms_duty_not_member) for every assignment and every finding.

CREATE TABLE audit_programmes (
    id             INTEGER PRIMARY KEY,
    fiscal_year    INTEGER NOT NULL UNIQUE CHECK (fiscal_year BETWEEN 2000 AND 2100),
    focus          TEXT NOT NULL CHECK (length(focus) > 0),      -- 重点とする監査対象
    objectives     TEXT NOT NULL CHECK (length(objectives) > 0), -- 監査目標
    period_start   TEXT NOT NULL,                                -- 監査の実施期間
    period_end     TEXT NOT NULL,
    management     TEXT NOT NULL CHECK (length(management) > 0), -- 監査業務の管理体制
    outsourcing    TEXT NOT NULL DEFAULT '',                     -- 外部委託の必要性及び範囲
    budget_yen     INTEGER NOT NULL DEFAULT 0 CHECK (budget_yen >= 0), -- 監査に係る予算
    created_by     INTEGER NOT NULL REFERENCES people(id),
    created_at     TEXT NOT NULL,
    CHECK (period_end >= period_start)
);

CREATE TABLE audits (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES audit_programmes(id),
    title           TEXT NOT NULL CHECK (length(title) > 0),
    department_id   INTEGER NOT NULL REFERENCES departments(id),  -- 被監査部門
    start_date      TEXT NOT NULL,                                -- 監査の実施時期
    end_date        TEXT NOT NULL,
    location        TEXT NOT NULL CHECK (length(location) > 0),   -- 監査の実施場所
    adequacy        INTEGER NOT NULL DEFAULT 0 CHECK (adequacy IN (0, 1)), -- 妥当性監査も行うか
    policy          TEXT NOT NULL DEFAULT '',                     -- 準拠性/妥当性監査の方針
    audit_points    TEXT NOT NULL CHECK (length(audit_points) > 0), -- 監査要点
    procedures      TEXT NOT NULL DEFAULT '',                     -- 実施すべき監査の種類
    sampling        TEXT NOT NULL DEFAULT '',                     -- 試査の範囲
    progress_control TEXT NOT NULL CHECK (length(progress_control) > 0), -- 進捗管理手段又は体制
    status          TEXT NOT NULL DEFAULT 'planned'
                    CHECK (status IN ('planned', 'reported', 'instructed', 'closed')),
    report_summary  TEXT NOT NULL DEFAULT '',                     -- 監査報告書 (summary)
    reported_by     INTEGER REFERENCES people(id),
    reported_at     TEXT,
    instructed_by   INTEGER REFERENCES people(id),                -- CISO: 改善計画の策定指示
    instructed_at   TEXT,
    improvement_due TEXT,
    closed_by       INTEGER REFERENCES people(id),
    closed_at       TEXT,
    created_by      INTEGER NOT NULL REFERENCES people(id),
    created_at      TEXT NOT NULL,
    CHECK (end_date >= start_date)
);

-- 監査の実施担当者及び割当て
CREATE TABLE audit_auditors (
    id         INTEGER PRIMARY KEY,
    audit_id   INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id),
    assignment TEXT NOT NULL DEFAULT '',
    lead       INTEGER NOT NULL DEFAULT 0 CHECK (lead IN (0, 1)),
    UNIQUE (audit_id, person_id)
);

CREATE TABLE audit_findings (
    id             INTEGER PRIMARY KEY,
    audit_id       INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    item_id        TEXT NOT NULL,                                 -- catalog item
    classification TEXT NOT NULL CHECK (classification IN ('conforming', 'major', 'minor',
                                                           'observation')),
    -- what was checked: the operator's rules against the guideline, or the department's
    -- practice against the rules (3.3.1.1(2) ¶2)
    aspect         TEXT NOT NULL CHECK (aspect IN ('rules', 'operation')),
    statement      TEXT NOT NULL CHECK (length(statement) > 0),
    evidence_text  TEXT NOT NULL DEFAULT '',
    evidence_id    INTEGER REFERENCES evidence(id),
    auditor_id     INTEGER NOT NULL REFERENCES people(id),
    recorded_at    TEXT NOT NULL
);
CREATE INDEX audit_findings_by_audit ON audit_findings(audit_id);
