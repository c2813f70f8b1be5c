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

-- (005_incident) The default form of the report to MLIT, seeded here rather than in
-- 005_incident.sql so that the audit trail records it (the triggers on incident_report_fields
-- exist once 005 is applied). After the items of 情報連絡 in the Cybersecurity Action Plan for Critical
-- Infrastructure (別添：情報連絡・情報提供について) that 3.2.2.2(2) refers to.
INSERT INTO incident_report_fields(key, label_ja, label_en, required, ord, source) VALUES
 ('report_kind', '報告区分', 'Type of report', 1, 10, 'report.kind'),
 ('reported_at', '報告日時', 'Date and time of report', 1, 20, 'report.generated_at'),
 ('operator', '事業者名', 'Operator', 1, 30, 'org.name'),
 ('sector', '重要インフラ分野', 'Critical infrastructure sector', 1, 40, 'org.sector'),
 ('contact', '報告者・連絡先', 'Reporter and contact', 1, 50, 'ciso.contact'),
 ('incident_no', '事業者内の管理番号', 'Operator''s reference number', 1, 60, 'incident.id'),
 ('title', '件名', 'Title', 1, 70, 'incident.title'),
 ('occurred_at', '発生日時', 'Date and time of occurrence', 0, 80, 'incident.occurred_at'),
 ('detected_at', '認知日時', 'Date and time of detection', 1, 90, 'incident.detected_at'),
 ('detection', '認知の経緯', 'How it was detected', 0, 100, 'incident.detection'),
 ('summary', '事象の概要', 'Summary of the event', 1, 110, 'incident.description'),
 ('systems', '影響を受けた重要システム', 'Critical systems affected', 1, 120, 'impact.systems'),
 ('service_impact', '重要インフラサービスへの影響', 'Impact on the critical infrastructure service', 1, 130, 'impact.summary'),
 ('flights', '定期便への影響（遅延・欠航）', 'Scheduled flights affected (delayed, cancelled)', 1, 140, 'impact.flights'),
 ('cause_class', '原因の種別（意図的・偶発的・環境的）', 'Cause class (intentional, accidental, environmental)', 1, 150, 'incident.cause_class'),
 ('cause', '原因', 'Cause', 0, 160, 'incident.cause'),
 ('measures', '応急措置・対応状況', 'Emergency measures and response', 1, 170, 'timeline.measures'),
 ('status', '復旧状況', 'Recovery status', 1, 180, 'incident.recovery'),
 ('prevention', '再発防止策', 'Recurrence prevention', 0, 190, 'incident.prevention'),
 ('personal_data', '個人情報の漏えい', 'Personal data leak', 1, 200, 'leak.summary'),
 ('user_information', '利用者への情報提供', 'Information provided to users', 0, 210, 'incident.user_information'),
 ('crime_report', '事案対処省庁への通報', 'Notification to the incident-handling ministries', 0, 220, 'incident.crime_reported');
