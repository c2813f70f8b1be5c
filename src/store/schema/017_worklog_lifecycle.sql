-- 017_worklog_lifecycle: the operation and maintenance work log, change management, the
-- periodic review of routing and access control, disposal with proof of erasure (3.2.1.1) and
-- the security requirements of an information system by lifecycle phase (3.1.5.2(1)).
-- docs/isms.md "Operation and maintenance work log (3.2.1.1)" and "System lifecycle
-- (3.1.5.2(1))". Conventions of 001_core apply (ids, TEXT dates, TEXT enums with CHECK, no
-- triggers here). Rules spanning records (who may approve, states) are enforced by
-- src/isms/worklog.c and src/isms/lifecycle.c; the CHECKs below repeat the separation of duties
-- (3.1.4.1(2)) so that not even a bug can store an approval by the requester.

-- An asset taken out of service is disposed (3.2.1.1(2) 運用終了時): only through a disposal
-- record with its proof of erasure (wl_disposals), never by editing this column.
ALTER TABLE assets ADD COLUMN status TEXT NOT NULL DEFAULT 'in_service'
    CHECK (status IN ('in_service', 'disposed'));
ALTER TABLE assets ADD COLUMN disposed_on TEXT;

-- 構成管理・変更管理 (3.2.1.1(2)②③④): what, why, which devices, when, how to roll back, the
-- risk; approved before the change by someone other than the requester (the information
-- security manager of the devices' department, or the CISO); carried out (work log entries);
-- reviewed afterwards by someone other than the implementer. An emergency change may be carried
-- out first and is approved afterwards by approval_due.
CREATE TABLE wl_changes (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL CHECK (length(title) > 0),   -- what
    reason         TEXT NOT NULL,                             -- why
    planned_on     TEXT NOT NULL,
    rollback_plan  TEXT NOT NULL,
    risk_level     TEXT NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
    risk_note      TEXT NOT NULL DEFAULT '',
    emergency      INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
    status         TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'implemented', 'reviewed', 'cancelled')),
    decision       TEXT NOT NULL DEFAULT 'pending'
                   CHECK (decision IN ('pending', 'approved', 'rejected')),
    requested_by   INTEGER NOT NULL REFERENCES people(id),
    requested_at   TEXT NOT NULL,
    decided_by     INTEGER REFERENCES people(id),
    decided_at     TEXT,
    decision_note  TEXT NOT NULL DEFAULT '',
    approval_due   TEXT,                                      -- emergency: retrospective approval
    implemented_by INTEGER REFERENCES people(id),
    implemented_at TEXT,
    reviewed_by    INTEGER REFERENCES people(id),
    reviewed_at    TEXT,
    review_result  TEXT CHECK (review_result IN ('ok', 'issues', 'rolled_back')),
    review_note    TEXT NOT NULL DEFAULT '',
    action_id      INTEGER REFERENCES actions(id),            -- corrective action from the review
    CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CHECK (reviewed_by IS NULL OR reviewed_by <> implemented_by)
);
CREATE TABLE wl_change_assets (
    id        INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES wl_changes(id) ON DELETE CASCADE,
    asset_id  INTEGER NOT NULL REFERENCES assets(id),
    UNIQUE (change_id, asset_id)
);
CREATE INDEX wl_change_assets_asset ON wl_change_assets(asset_id);

-- 運用管理の記録 (3.2.1.1(1)① 追跡できるように, (2)②③④ 作業日、作業を行った機器、作業内容及び
-- 作業者): one row per piece of work on one device. done_at is the local date and time of the
-- work ('YYYY-MM-DD HH:MM'). A configuration change or patch without an approved (or emergency)
-- change is recorded as it happened and flagged unauthorised: the log keeps the facts.
CREATE TABLE wl_entries (
    id           INTEGER PRIMARY KEY,
    asset_id     INTEGER NOT NULL REFERENCES assets(id),
    done_at      TEXT NOT NULL CHECK (length(done_at) = 16),
    kind         TEXT NOT NULL CHECK (kind IN ('maintenance', 'configuration', 'patch',
                                               'inspection', 'backup', 'repair', 'disposal',
                                               'other')),
    work         TEXT NOT NULL CHECK (length(work) > 0),
    result       TEXT NOT NULL DEFAULT '',
    performed_by INTEGER NOT NULL REFERENCES people(id),
    change_id    INTEGER REFERENCES wl_changes(id),
    unauthorised INTEGER NOT NULL DEFAULT 0 CHECK (unauthorised IN (0, 1)),
    recorded_by  INTEGER REFERENCES people(id),
    recorded_at  TEXT NOT NULL
);
CREATE INDEX wl_entries_asset ON wl_entries(asset_id, done_at);
CREATE INDEX wl_entries_change ON wl_entries(change_id) WHERE change_id IS NOT NULL;

-- 経路制御及びアクセス制御の設定の見直し (3.2.1.1(2)③): per network device or firewall, the
-- review interval; a review is due interval_months after the last one (or after started_on).
CREATE TABLE wl_review_plans (
    id              INTEGER PRIMARY KEY,
    asset_id        INTEGER NOT NULL UNIQUE REFERENCES assets(id),
    scope           TEXT NOT NULL CHECK (scope IN ('routing', 'access-control', 'both')),
    interval_months INTEGER NOT NULL CHECK (interval_months BETWEEN 1 AND 24),
    owner_id        INTEGER NOT NULL REFERENCES people(id),
    started_on      TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE wl_reviews (
    id          INTEGER PRIMARY KEY,
    asset_id    INTEGER NOT NULL REFERENCES assets(id),
    reviewed_on TEXT NOT NULL,
    reviewer_id INTEGER NOT NULL REFERENCES people(id),
    occasion    TEXT NOT NULL CHECK (occasion IN ('periodic', 'change')),
    change_id   INTEGER REFERENCES wl_changes(id),
    findings    TEXT NOT NULL,
    result      TEXT NOT NULL CHECK (result IN ('confirmed', 'corrected', 'action')),
    action_id   INTEGER REFERENCES actions(id),
    CHECK (result <> 'action' OR action_id IS NOT NULL)
);
CREATE INDEX wl_reviews_asset ON wl_reviews(asset_id, reviewed_on);

-- 運用終了時の情報の抹消 (3.2.1.1(2)①②③④, (1)②): how the media were erased, by whom, seen by
-- a witness, with the certificate in the evidence store. One disposal per asset.
CREATE TABLE wl_disposals (
    id             INTEGER PRIMARY KEY,
    asset_id       INTEGER NOT NULL UNIQUE REFERENCES assets(id),
    disposed_on    TEXT NOT NULL,
    method         TEXT NOT NULL CHECK (method IN ('overwrite', 'degauss', 'physical-destruction',
                                                   'crypto-erase', 'builtin-erase',
                                                   'contractual')),
    performed_by   INTEGER NOT NULL REFERENCES people(id),
    witness_id     INTEGER NOT NULL REFERENCES people(id),
    vendor         TEXT NOT NULL DEFAULT '',                  -- erasure service, if any
    contractor_id  INTEGER REFERENCES reg_contractors(id),    -- 'contractual': 3.2.1.1(2)④
    certificate_id INTEGER NOT NULL REFERENCES evidence(id),  -- proof of erasure
    certificate_no TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    entry_id       INTEGER REFERENCES wl_entries(id),         -- the work log entry it made
    recorded_by    INTEGER REFERENCES people(id),
    recorded_at    TEXT NOT NULL,
    CHECK (witness_id <> performed_by),
    CHECK (method <> 'contractual' OR contractor_id IS NOT NULL)
);

-- 3.1.5.2(1) 情報システムのセキュリティ要件 through the lifecycle: a project (a new system, a
-- renewal 更改, a disposal 廃棄) of a system passes phases; each phase has a checklist generated
-- from the catalog (lc_rows point at catalog node ids), answered with evidence and signed off by
-- a responsible person who answered none of its rows. Design reviews and acceptance tests are
-- recorded with the project.
CREATE TABLE lc_projects (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    system_id  INTEGER NOT NULL REFERENCES systems(id),
    kind       TEXT NOT NULL CHECK (kind IN ('new', 'renewal', 'disposal')),
    title      TEXT NOT NULL,
    owner_id   INTEGER NOT NULL REFERENCES people(id),        -- the responsible system administrator
    started_on TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed',
                                                                'cancelled')),
    created_by INTEGER REFERENCES people(id),
    created_at TEXT NOT NULL
);
CREATE TABLE lc_phases (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES lc_projects(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('planning', 'build', 'acceptance', 'handover',
                                               'renewal', 'disposal')),
    sort_order  INTEGER NOT NULL,
    signed_by   INTEGER REFERENCES people(id),
    signed_at   TEXT,
    signoff_note TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, phase)
);
CREATE TABLE lc_rows (
    id          INTEGER PRIMARY KEY,
    phase_id    INTEGER NOT NULL REFERENCES lc_phases(id) ON DELETE CASCADE,
    sort_order  INTEGER NOT NULL,
    item_id     TEXT NOT NULL,                 -- catalog node id
    ref         TEXT NOT NULL,                 -- its printed reference, e.g. 3.1.5.2(1)②
    answer      TEXT NOT NULL DEFAULT 'open' CHECK (answer IN ('open', 'done', 'na')),
    note        TEXT NOT NULL DEFAULT '',      -- what was done / why not applicable
    answered_by INTEGER REFERENCES people(id),
    answered_at TEXT,
    CHECK (answer <> 'na' OR length(note) > 0),
    UNIQUE (phase_id, item_id)
);
CREATE TABLE lc_row_evidence (
    id          INTEGER PRIMARY KEY,
    row_id      INTEGER NOT NULL REFERENCES lc_rows(id) ON DELETE CASCADE,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    UNIQUE (row_id, evidence_id)
);
-- 設計レビュー (3.1.5.2(1)① 具体例: 設計レビューの範囲及び方法を定め、実施): date, reviewers,
-- findings, result.
CREATE TABLE lc_reviews (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES lc_projects(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL CHECK (phase IN ('planning', 'build')),
    held_on     TEXT NOT NULL,
    scope       TEXT NOT NULL,                 -- 範囲及び方法
    findings    TEXT NOT NULL,
    result      TEXT NOT NULL CHECK (result IN ('approved', 'changes-required')),
    recorded_by INTEGER REFERENCES people(id)
);
CREATE TABLE lc_review_people (
    id        INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES lc_reviews(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    UNIQUE (review_id, person_id)
);
-- 受入れ時の確認・検査 (3.1.5.2(1)② 具体例): each test with its result and evidence file.
CREATE TABLE lc_tests (
    id          INTEGER PRIMARY KEY,
    project_id  INTEGER NOT NULL REFERENCES lc_projects(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    tested_on   TEXT NOT NULL,
    result      TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
    note        TEXT NOT NULL DEFAULT '',
    tester_id   INTEGER NOT NULL REFERENCES people(id),
    evidence_id INTEGER NOT NULL REFERENCES evidence(id)
);
