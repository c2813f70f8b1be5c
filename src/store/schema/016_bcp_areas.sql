-- 016_bcp_areas: business continuity (3.1.2.4, 3.1.4.1(4), 3.2.3.1) and secure areas
-- (要管理対策区域, 3.1.5.1(3)); docs/isms.md, sections "Business continuity" and "Secure areas".
--   bcp_plans                 per system: priority, RTO/RPO, manual fallback, backups, test interval
--   bcp_tests                 recovery test log (measured time against the RTO of the day)
--   bcp_command_roles         緊急時対応体制: roles, chain of command, holder and 代行順位 1–3
--   bcp_places                参集場所 (primary and alternates)
--   bcp_exercises, bcp_exercise_participants   BCP 訓練・演習
--   bcp_findings              findings of tests and exercises; each raises a corrective action
--                             (actions.origin = 'exercise', actions.origin_id = bcp_findings.id)
--   area_areas                要管理対策区域 with boundary, entry control and review interval
--   area_equipment            the assets installed in an area
--   area_access, area_reviews who may enter (approval, end date, periodic review, removal)
--   area_visitors             訪問者 (name, organisation, purpose, host, badge issued / returned)
--   area_entries              入退出の記録 (staff or visitor, in, out, badge)
--   area_moves                機器の持込み・持出し with the system administrator's approval
-- Conventions of 001_core apply. Rules that need a message naming the option are checked by
-- src/isms/bcp.c and src/isms/area.c inside the transaction; the CHECKs below repeat the ones
-- that must never be broken (separation of duties 3.1.4.1(2) above all).

-- 3.1.2.4(1) 優先業務 / 業務継続方法 / 連携を要する関連部門, (3) 詳細な復旧計画 and the
-- backup examples (対象, 周期・世代, 媒体・ツール, 保存場所, 秘匿性・改ざん防止), 3.2.3.1(3)
-- 同じ障害で同時に被災しない場所.
CREATE TABLE bcp_plans (
    id                INTEGER PRIMARY KEY,
    system_id         INTEGER NOT NULL UNIQUE REFERENCES systems(id),
    priority          INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 9),  -- 1 = recovered first
    priority_business TEXT NOT NULL DEFAULT '',   -- 優先業務: what has to go on
    rto_minutes       INTEGER NOT NULL CHECK (rto_minutes BETWEEN 1 AND 525600),
    rpo_minutes       INTEGER NOT NULL CHECK (rpo_minutes BETWEEN 0 AND 525600),
    fallback          TEXT NOT NULL,              -- 手動運用への切替: trigger, who decides, how
    recovery_plan     TEXT NOT NULL DEFAULT '',   -- 詳細な復旧計画 (back to normal without gaps)
    standby           TEXT NOT NULL DEFAULT '',   -- バックアップシステム・代替設備
    liaison           TEXT NOT NULL DEFAULT '',   -- 連携を要する関連部門
    backup_target     TEXT NOT NULL DEFAULT '',   -- バックアップの対象
    backup_cycle      TEXT NOT NULL DEFAULT '',   -- 周期, 世代管理
    backup_media      TEXT NOT NULL DEFAULT '',   -- 媒体, ツール
    backup_location   TEXT NOT NULL,              -- 保存場所
    backup_separate   INTEGER NOT NULL CHECK (backup_separate IN (0, 1)),
    backup_note       TEXT NOT NULL DEFAULT '',   -- why (not) exposed to the same failure
    backup_protection TEXT NOT NULL DEFAULT '',   -- 秘匿性確保・改ざん防止
    owner_id          INTEGER NOT NULL REFERENCES people(id),  -- システム管理者
    test_months       INTEGER NOT NULL DEFAULT 12 CHECK (test_months BETWEEN 1 AND 60)
);

-- Recovery tests: the objectives of the day are copied so a later change of the plan does not
-- rewrite history. A pass needs a measured recovery within the RTO (and data loss within the
-- RPO when measured).
CREATE TABLE bcp_tests (
    id                INTEGER PRIMARY KEY,
    system_id         INTEGER NOT NULL REFERENCES systems(id),
    tested_on         TEXT NOT NULL,
    scenario          TEXT NOT NULL,
    result            TEXT NOT NULL CHECK (result IN ('pass', 'partial', 'fail')),
    recovery_minutes  INTEGER CHECK (recovery_minutes IS NULL OR recovery_minutes >= 0),
    rto_minutes       INTEGER NOT NULL,
    data_loss_minutes INTEGER CHECK (data_loss_minutes IS NULL OR data_loss_minutes >= 0),
    rpo_minutes       INTEGER NOT NULL,
    conducted_by      INTEGER NOT NULL REFERENCES people(id),
    participants      TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    recorded_at       TEXT NOT NULL,
    CHECK (result <> 'pass' OR (recovery_minutes IS NOT NULL AND recovery_minutes <= rto_minutes
                                AND (data_loss_minutes IS NULL
                                     OR data_loss_minutes <= rpo_minutes)))
);
CREATE INDEX bcp_tests_system ON bcp_tests(system_id, tested_on);

-- 3.1.4.1(4) 指揮命令系統: 緊急時対策本部長, 事務局, 各部門の対策実施本部 …; parent is the role it
-- reports to; deputies 1–3 take over in this order when the holder cannot be reached (代行順位).
CREATE TABLE bcp_command_roles (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    title         TEXT NOT NULL,
    parent_id     INTEGER REFERENCES bcp_command_roles(id),
    department_id INTEGER REFERENCES departments(id),
    duties        TEXT NOT NULL DEFAULT '',
    holder_id     INTEGER NOT NULL REFERENCES people(id),
    deputy1_id    INTEGER REFERENCES people(id),
    deputy2_id    INTEGER REFERENCES people(id),
    deputy3_id    INTEGER REFERENCES people(id),
    means         TEXT NOT NULL DEFAULT '',  -- 連絡手段 when the usual ones fail
    resources     TEXT NOT NULL DEFAULT ''   -- 非日常的な業務に必要な経営資源・調達
);

-- 3.2.3.1(1) 緊急時対策の責任者及び幹部社員等が集合する場所, and where to go when it is hit.
CREATE TABLE bcp_places (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('primary', 'alternate')),
    rank      INTEGER NOT NULL DEFAULT 1 CHECK (rank BETWEEN 1 AND 9),
    site_id   INTEGER REFERENCES sites(id),
    address   TEXT NOT NULL,
    equipment TEXT NOT NULL DEFAULT '',  -- 通信手段・備品
    note      TEXT NOT NULL DEFAULT ''
);

-- 3.1.2.4(1) 教育訓練等の実施計画: exercises planned for a date, held (or cancelled).
CREATE TABLE bcp_exercises (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('tabletop', 'walkthrough', 'functional',
                                                'full-scale', 'call-tree')),
    scenario      TEXT NOT NULL,
    planned_on    TEXT NOT NULL,
    held_on       TEXT,
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held',
                                                                    'cancelled')),
    owner_id      INTEGER NOT NULL REFERENCES people(id),
    department_id INTEGER REFERENCES departments(id),
    systems       TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE TABLE bcp_exercise_participants (
    id          INTEGER PRIMARY KEY,
    exercise_id INTEGER NOT NULL REFERENCES bcp_exercises(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    UNIQUE (exercise_id, person_id)
);

CREATE TABLE bcp_findings (
    id          INTEGER PRIMARY KEY,
    test_id     INTEGER REFERENCES bcp_tests(id),
    exercise_id INTEGER REFERENCES bcp_exercises(id),
    finding     TEXT NOT NULL CHECK (length(finding) > 0),
    action_id   INTEGER REFERENCES actions(id),
    recorded_on TEXT NOT NULL,
    CHECK ((test_id IS NULL) <> (exercise_id IS NULL))
);

-- 3.1.5.1(3)① セキュリティ境界 and 入退管理策; ④ physical measures; ② how visitors are told
-- apart (badge colour) and whether they are escorted; ③ the restriction on bringing devices.
CREATE TABLE area_areas (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name              TEXT NOT NULL,
    site_id           INTEGER REFERENCES sites(id),
    department_id     INTEGER REFERENCES departments(id),
    manager_id        INTEGER NOT NULL REFERENCES people(id),  -- 情報セキュリティ責任者
    boundary          TEXT NOT NULL,
    entry_control     TEXT NOT NULL,              -- 本人認証・事前承認 …
    physical_measures TEXT NOT NULL DEFAULT '',
    visitor_badge     TEXT NOT NULL DEFAULT '',
    escort_required   INTEGER NOT NULL DEFAULT 1 CHECK (escort_required IN (0, 1)),
    device_rule       TEXT NOT NULL DEFAULT '',
    review_months     INTEGER NOT NULL DEFAULT 6 CHECK (review_months BETWEEN 1 AND 24),
    last_review       TEXT,
    next_review       TEXT
);

CREATE TABLE area_equipment (
    id       INTEGER PRIMARY KEY,
    area_id  INTEGER NOT NULL REFERENCES area_areas(id),
    asset_id INTEGER NOT NULL UNIQUE REFERENCES assets(id),  -- an asset is in one place
    note     TEXT NOT NULL DEFAULT ''
);

-- 立入りは業務上必要な者に限定 … 責任者による事前承認 … 随時見直し … 速やかに登録許可を解除.
CREATE TABLE area_access (
    id             INTEGER PRIMARY KEY,
    area_id        INTEGER NOT NULL REFERENCES area_areas(id),
    person_id      INTEGER NOT NULL REFERENCES people(id),
    reason         TEXT NOT NULL CHECK (length(reason) > 0),
    granted_on     TEXT NOT NULL,
    granted_by     INTEGER NOT NULL REFERENCES people(id),
    valid_until    TEXT,
    reviewed_on    TEXT,
    reviewed_by    INTEGER REFERENCES people(id),
    removed_on     TEXT,
    removed_by     INTEGER REFERENCES people(id),
    removal_reason TEXT NOT NULL DEFAULT '',
    CHECK (granted_by <> person_id),
    CHECK (reviewed_by IS NULL OR reviewed_by <> person_id),
    CHECK (removed_on IS NULL OR length(removal_reason) > 0)
);
CREATE UNIQUE INDEX area_access_current ON area_access(area_id, person_id)
    WHERE removed_on IS NULL;
CREATE TABLE area_reviews (
    id          INTEGER PRIMARY KEY,
    area_id     INTEGER NOT NULL REFERENCES area_areas(id),
    reviewed_on TEXT NOT NULL,
    reviewer_id INTEGER NOT NULL REFERENCES people(id),
    confirmed   INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0,
    left_open   INTEGER NOT NULL DEFAULT 0,  -- the reviewer's own authorisation, not theirs to confirm
    note        TEXT NOT NULL DEFAULT ''
);

-- ② 訪問者の氏名、所属及び訪問目的並びに訪問相手の氏名及び所属; 入館カード等を貸与 … 退出時に回収.
CREATE TABLE area_visitors (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    organisation      TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    host_id           INTEGER NOT NULL REFERENCES people(id),
    area_id           INTEGER NOT NULL REFERENCES area_areas(id),
    visit_on          TEXT NOT NULL,
    id_checked        TEXT NOT NULL DEFAULT '',  -- how identity was checked
    badge             TEXT NOT NULL DEFAULT '',
    badge_issued_at   TEXT,
    badge_returned_at TEXT,
    registered_by     INTEGER REFERENCES people(id),
    CHECK (badge_returned_at IS NULL OR badge_issued_at IS NOT NULL)
);

-- ① 要管理対策区域へのすべての者の入退出を記録. authorised = 0 only with the reason why someone
-- not authorised was let in (an emergency, a fire brigade): such rows are flagged.
CREATE TABLE area_entries (
    id              INTEGER PRIMARY KEY,
    area_id         INTEGER NOT NULL REFERENCES area_areas(id),
    person_id       INTEGER REFERENCES people(id),
    visitor_id      INTEGER REFERENCES area_visitors(id),
    in_at           TEXT NOT NULL,
    out_at          TEXT,
    badge           TEXT NOT NULL DEFAULT '',
    escort_id       INTEGER REFERENCES people(id),
    authorised      INTEGER NOT NULL CHECK (authorised IN (0, 1)),
    override_reason TEXT NOT NULL DEFAULT '',
    recorded_by     INTEGER REFERENCES people(id),
    CHECK ((person_id IS NULL) <> (visitor_id IS NULL)),
    CHECK (out_at IS NULL OR out_at >= in_at),
    CHECK (authorised = 1 OR length(override_reason) > 0)
);
CREATE INDEX area_entries_open ON area_entries(area_id, out_at);

-- ③ 情報システムに関連する機器の持込み及び持出しは、システム管理者の承認を求めること.
CREATE TABLE area_moves (
    id            INTEGER PRIMARY KEY,
    area_id       INTEGER NOT NULL REFERENCES area_areas(id),
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    item          TEXT NOT NULL,
    asset_id      INTEGER REFERENCES assets(id),
    category      TEXT NOT NULL CHECK (category IN ('system', 'media', 'personal', 'other')),
    person_id     INTEGER NOT NULL REFERENCES people(id),  -- requester, who carries the item
    reason        TEXT NOT NULL,
    planned_on    TEXT NOT NULL,
    decision      TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approved',
                                                                      'rejected')),
    decided_by    INTEGER REFERENCES people(id),
    decided_on    TEXT,
    decision_note TEXT NOT NULL DEFAULT '',
    moved_at      TEXT,
    recorded_by   INTEGER REFERENCES people(id),
    CHECK (decided_by IS NULL OR decided_by <> person_id)
);
