-- 004_exception: exception measures (例外措置) of guideline 3.1.2.3(2)②.
--   * the CISO designates the reviewers (審査する者を定め) and sets the review procedure;
--   * a request carries every item the guideline lists: applicant (name, affiliation, contact),
--     the rule and clause it departs from, the period, the measures taken instead (代替手段),
--     the security impact and how it is handled, how the end will be reported, and the reason;
--   * a designated reviewer other than the applicant decides, with a review record (審査記録);
--   * requested -> approved | rejected | withdrawn; approved -> active (start date reached)
--     -> expired (end date passed) | ended (end report filed). The application computes the
--     effective status against today's date on every read; `exception expire` stores it.

CREATE TABLE exception_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    procedure  TEXT NOT NULL DEFAULT '',  -- 審査手続
    max_days   INTEGER NOT NULL DEFAULT 180 CHECK (max_days BETWEEN 1 AND 3650),
    updated_by INTEGER REFERENCES people(id),
    updated_at TEXT
);
INSERT INTO exception_settings(id, procedure, max_days) VALUES
 (1, '申請者は代替手段・影響と対処・終了時の報告方法を明記して申請する。' ||
     '最高情報セキュリティ責任者が指名した審査者（申請者本人を除く）が審査し、審査記録を残して許可の可否を決定する。' ||
     '期間は最長180日。期間終了時、申請者は定めた方法で終了を報告する。', 180);

-- Reviewers designated by the CISO; department_id NULL = every department. A designation is
-- revoked, never deleted, so past decisions keep their basis.
CREATE TABLE exception_reviewers (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id),
    department_id INTEGER REFERENCES departments(id),
    designated_by INTEGER NOT NULL REFERENCES people(id),
    designated_at TEXT NOT NULL,
    revoked_by    INTEGER REFERENCES people(id),
    revoked_at    TEXT
);
CREATE UNIQUE INDEX exception_reviewers_active
    ON exception_reviewers(person_id, coalesce(department_id, 0)) WHERE revoked_at IS NULL;

CREATE TABLE exceptions (
    id                 INTEGER PRIMARY KEY,
    -- 申請者の情報（氏名、所属、連絡先）: a copy at the time of the request
    applicant_id       INTEGER NOT NULL REFERENCES people(id),
    applicant_name     TEXT NOT NULL,
    applicant_dept     TEXT NOT NULL DEFAULT '',
    applicant_contact  TEXT NOT NULL CHECK (length(applicant_contact) > 0),
    department_id      INTEGER REFERENCES departments(id),
    -- 適用箇所（規程名と条項等）
    regulation         TEXT NOT NULL CHECK (length(regulation) > 0),
    clause             TEXT NOT NULL CHECK (length(clause) > 0),
    item_id            TEXT,  -- the guideline item the rule implements (catalog id), optional
    system_id          INTEGER REFERENCES systems(id),
    -- 期間
    start_date         TEXT NOT NULL,
    end_date           TEXT NOT NULL,
    -- 措置内容（講ずる代替手段等）
    measures           TEXT NOT NULL CHECK (length(measures) > 0),
    -- 情報セキュリティ上の影響と対処方法
    security_impact    TEXT NOT NULL CHECK (length(security_impact) > 0),
    impact_handling    TEXT NOT NULL CHECK (length(impact_handling) > 0),
    -- 終了したときの報告方法
    end_report_method  TEXT NOT NULL CHECK (length(end_report_method) > 0),
    -- 理由
    reason             TEXT NOT NULL CHECK (length(reason) > 0),
    risk_id            INTEGER REFERENCES risks(id),
    requested_at       TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'requested'
                       CHECK (status IN ('requested', 'approved', 'rejected', 'withdrawn',
                                         'active', 'expired', 'ended')),
    -- 審査記録
    decided_by         INTEGER REFERENCES people(id),
    decided_at         TEXT,
    decision_record    TEXT NOT NULL DEFAULT '',
    conditions         TEXT NOT NULL DEFAULT '',
    -- end of the exception
    expired_at         TEXT,
    ended_by           INTEGER REFERENCES people(id),
    ended_at           TEXT,
    end_report         TEXT NOT NULL DEFAULT '',
    CHECK (end_date >= start_date),
    CHECK (decided_by IS NULL OR decided_by <> applicant_id)
);
CREATE INDEX exceptions_status ON exceptions(status, end_date);
