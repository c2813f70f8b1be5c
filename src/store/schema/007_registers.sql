-- 007_registers: the registers the guideline asks the operator to keep (docs/isms/registers.md).
--   reg_personal_data     個人データ取扱台帳, 3.1.2.6(3)①②③
--   reg_contractors       外部委託先, 3.1.4.3(1)(2)(3), with a checklist of contract items
--   reg_cloud_services    クラウドサービス, 3.1.4.3(4), with its checklist
--   reg_checklist_items   the checklist template (seeded below from the catalog text)
--   reg_checklist_answers per contractor / cloud service: met / not_met / na + note
--   reg_trainings, reg_training_attendees   教育・訓練, 3.1.4.2 and 3.2.2.1(2)
--   reg_contacts          緊急連絡網, 3.1.4.1(3)(a) (order of calls per system, 3.1.4.1(4) 代行順位)
--   reg_policies, reg_policy_reviews        方針・規程・手順, 3.1.2.2 and 3.1.2.3(1)
--   reg_milestones        ロードマップ及び計画, 3.1.3(1)
-- Conventions of 001_core apply (ids, TEXT dates, TEXT enums with CHECK, no triggers here).
-- Rules spanning fields (dates in order, who a contact is) are checked by src/isms/registers.c
-- after each write, inside the transaction, so the message can name the options.

-- 3.1.2.6(3)① 個人データ取扱台帳: 取得する項目, 明示・公表等を行った利用目的, 保管場所, 保管方法,
-- アクセス権限を有する者, 利用期限, その他適正な取扱いに必要な情報; kept up to date (reviewed_on,
-- review_months, next_review). ② 類型化: protection_level by leak_impact. ③ 海外: overseas_rules.
CREATE TABLE reg_personal_data (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name             TEXT NOT NULL,
    department_id    INTEGER NOT NULL REFERENCES departments(id),
    manager_id       INTEGER NOT NULL REFERENCES people(id),   -- 情報セキュリティ責任者
    system_id        INTEGER REFERENCES systems(id),
    items_acquired   TEXT NOT NULL,                          -- 取得する項目
    purpose          TEXT NOT NULL,                          -- 利用目的
    purpose_notice   TEXT NOT NULL CHECK (purpose_notice IN ('stated', 'published', 'notified',
                                                             'other')),  -- 明示・公表等
    storage_location TEXT NOT NULL,                          -- 保管場所
    storage_method   TEXT NOT NULL,                          -- 保管方法
    access_holders   TEXT NOT NULL,                          -- アクセス権限を有する者
    use_period       TEXT NOT NULL,                          -- 利用期限
    other_info       TEXT NOT NULL DEFAULT '',               -- その他
    subjects         INTEGER CHECK (subjects IS NULL OR subjects >= 0),  -- 本人の数（概数）
    protection_level TEXT NOT NULL CHECK (protection_level IN ('high', 'medium', 'low')),
    leak_impact      TEXT NOT NULL DEFAULT '',               -- 漏えい時の事業への影響度
    overseas_rules   TEXT NOT NULL DEFAULT '',               -- 適用される外国の規則 (GDPR …)
    contractor_id    INTEGER REFERENCES reg_contractors(id), -- 取扱いの委託先
    reviewed_on      TEXT NOT NULL,
    review_months    INTEGER NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 60),
    next_review      TEXT NOT NULL DEFAULT '',               -- reviewed_on + review_months
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired'))
);

-- 3.1.4.3 外部委託先. kind: the examples of outsourcing in 3.1.4.3(2).
CREATE TABLE reg_contractors (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name              TEXT NOT NULL,                      -- 委託先
    service           TEXT NOT NULL,                      -- 委託業務の内容
    kind              TEXT NOT NULL CHECK (kind IN ('development', 'application', 'operation',
                                                    'support', 'project-management', 'research',
                                                    'leasing', 'other')),
    system_id         INTEGER REFERENCES systems(id),
    department_id     INTEGER REFERENCES departments(id),
    owner_id          INTEGER NOT NULL REFERENCES people(id), -- システム管理者 (the contract owner)
    contract_start    TEXT NOT NULL,
    contract_end      TEXT NOT NULL,
    personal_data     INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0, 1)),  -- (1)③ (2)④
    subcontracting    INTEGER NOT NULL DEFAULT 0 CHECK (subcontracting IN (0, 1)), -- 再委託
    access_scope      TEXT NOT NULL,                      -- (1)① アクセスを認める情報・システムの範囲
    selection_basis   TEXT NOT NULL,                      -- (2)① 選定手続・選定基準に基づく選定
    work_location     TEXT NOT NULL DEFAULT '',           -- 委託事業の実施場所
    outage_procedure  TEXT NOT NULL DEFAULT '',           -- (3) 障害発生時の対処手順
    contact           TEXT NOT NULL DEFAULT '',           -- 委託先の窓口
    status            TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active',
                                                                        'ended')),
    approved_by       INTEGER REFERENCES people(id),
    approved_on       TEXT,
    end_checked_on    TEXT,                               -- (2)③ 終了時の確認
    CHECK (approved_by IS NULL OR approved_by <> owner_id)
);

-- 3.1.4.3(4) クラウドサービス.
CREATE TABLE reg_cloud_services (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    name             TEXT NOT NULL,
    provider         TEXT NOT NULL,
    contractor_id    INTEGER REFERENCES reg_contractors(id),
    system_id        INTEGER REFERENCES systems(id),
    department_id    INTEGER REFERENCES departments(id),
    owner_id         INTEGER NOT NULL REFERENCES people(id),
    info_class       INTEGER NOT NULL CHECK (info_class BETWEEN 1 AND 3), -- ① 格付（機密性）
    handling         TEXT NOT NULL DEFAULT '',          -- ① 取扱制限
    data_location    TEXT NOT NULL,                     -- ② 実施場所（データの所在）
    governing_law    TEXT NOT NULL,                     -- ② 準拠法
    jurisdiction     TEXT NOT NULL,                     -- ② 裁判管轄
    foreign_law_risk TEXT NOT NULL,                     -- ② 国内法以外の法令が適用されるリスク
    exit_plan        TEXT NOT NULL,                     -- ③ 中断・終了時の移行策
    rpo              TEXT NOT NULL DEFAULT '',          -- ④ 復旧時点目標
    evaluation       TEXT NOT NULL DEFAULT '',          -- ⑤ 監査報告書・認証 (ISMAP …)
    contract_start   TEXT NOT NULL,
    contract_end     TEXT NOT NULL,
    decision         TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approved',
                                                                         'rejected')),
    decided_by       INTEGER REFERENCES people(id),
    decided_on       TEXT,
    decision_note    TEXT NOT NULL DEFAULT '',
    CHECK (decided_by IS NULL OR decided_by <> owner_id)
);

-- The checklist template: the items of 3.1.4.3 as data, with the catalog node each comes from.
-- Filled by reg_checklist_seed (src/isms/registers_steps.c) from the catalog through audited
-- inserts, not by this migration: rows inserted here would have no audit rows, and
-- `airguard audit verify` reports such rows as added outside airguard.
-- stage 'end' items are checked at the end of the contract (3.1.4.3(2)③); personal_data items
-- apply only to contractors handling personal data (3.1.4.3(1)③, (2)④).
CREATE TABLE reg_checklist_items (
    id            INTEGER PRIMARY KEY,
    register      TEXT NOT NULL CHECK (register IN ('contractor', 'cloud')),
    sort_order    INTEGER NOT NULL,
    item_key      TEXT NOT NULL,
    item_id       TEXT NOT NULL,
    ref           TEXT NOT NULL,
    stage         TEXT NOT NULL DEFAULT 'contract' CHECK (stage IN ('contract', 'end')),
    personal_data INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0, 1)),
    text_ja       TEXT NOT NULL,
    text_en       TEXT NOT NULL,
    UNIQUE (register, item_key)
);

CREATE TABLE reg_checklist_answers (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES reg_checklist_items(id),
    contractor_id INTEGER REFERENCES reg_contractors(id) ON DELETE CASCADE,
    cloud_id      INTEGER REFERENCES reg_cloud_services(id) ON DELETE CASCADE,
    answer        TEXT NOT NULL CHECK (answer IN ('met', 'not_met', 'na')),
    note          TEXT NOT NULL DEFAULT '',
    answered_by   INTEGER REFERENCES people(id),
    answered_on   TEXT NOT NULL,
    CHECK ((contractor_id IS NULL) <> (cloud_id IS NULL)),
    CHECK (answer <> 'na' OR length(note) > 0),
    UNIQUE (item_id, contractor_id),
    UNIQUE (item_id, cloud_id)
);

-- 3.1.4.2 教育, 3.2.2.1(2) 情報セキュリティ教育: course, date, kind, topics (the examples of
-- 3.1.4.2), materials, attendees.
CREATE TABLE reg_trainings (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('awareness', 'technical', 'exercise')),
    held_on       TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),     -- audience (NULL = everyone)
    owner_id      INTEGER NOT NULL REFERENCES people(id), -- 情報セキュリティ責任者 who plans it
    trainer       TEXT NOT NULL DEFAULT '',
    topics        TEXT NOT NULL DEFAULT '',  -- handling policy threats outage (3.1.4.2 examples)
    materials     TEXT NOT NULL DEFAULT '',  -- 教育のための資料
    items         TEXT NOT NULL DEFAULT '3.1.4.2 3.2.2.1-2',  -- catalog node ids
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held',
                                                                    'cancelled'))
);
CREATE TABLE reg_training_attendees (
    id          INTEGER PRIMARY KEY,
    training_id INTEGER NOT NULL REFERENCES reg_trainings(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    attended    INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    UNIQUE (training_id, person_id)
);

-- 3.1.4.1(3)(a) 緊急連絡網: per system, who is called in which order (position), with the
-- emergency contact (phone, email), means of contact and the items to communicate; deputy_for
-- is the position this entry stands in for when it cannot be reached (3.1.4.1(4) 代行順位).
CREATE TABLE reg_contacts (
    id            INTEGER PRIMARY KEY,
    system_id     INTEGER NOT NULL REFERENCES systems(id),
    position      INTEGER NOT NULL CHECK (position BETWEEN 1 AND 99),
    party         TEXT NOT NULL CHECK (party IN ('internal', 'ministry', 'ceptoar', 'vendor',
                                                 'police', 'other')),
    person_id     INTEGER REFERENCES people(id),
    name          TEXT NOT NULL DEFAULT '',          -- external: organisation and person
    role          TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    means         TEXT NOT NULL,                     -- 連絡手段
    items         TEXT NOT NULL DEFAULT '',          -- 連絡項目
    hours         TEXT NOT NULL DEFAULT '',
    deputy_for    INTEGER CHECK (deputy_for IS NULL OR deputy_for BETWEEN 1 AND 99),
    UNIQUE (system_id, position)
);

-- 3.1.2.2 情報セキュリティ方針, 3.1.2.3(1) 情報セキュリティ関係規程 and procedures: owner (主管),
-- 目的, 権限, 構成員, 見直し要件, approval, review interval and next review date.
CREATE TABLE reg_policies (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    title          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('policy', 'regulation', 'procedure')),
    parent_id      INTEGER REFERENCES reg_policies(id),
    owner_id       INTEGER NOT NULL REFERENCES people(id),
    department_id  INTEGER REFERENCES departments(id),   -- 主管組織
    version        TEXT NOT NULL DEFAULT '1.0',
    purpose        TEXT NOT NULL DEFAULT '',
    authority      TEXT NOT NULL DEFAULT '',
    members        TEXT NOT NULL DEFAULT '',
    review_triggers TEXT NOT NULL DEFAULT '',
    review_months  INTEGER NOT NULL DEFAULT 12 CHECK (review_months BETWEEN 1 AND 60),
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved',
                                                                   'retired')),
    approved_by    INTEGER REFERENCES people(id),
    approved_on    TEXT,
    last_review    TEXT,
    next_review    TEXT,
    CHECK (approved_by IS NULL OR approved_by <> owner_id)
);
CREATE TABLE reg_policy_reviews (
    id          INTEGER PRIMARY KEY,
    policy_id   INTEGER NOT NULL REFERENCES reg_policies(id) ON DELETE CASCADE,
    reviewed_by INTEGER NOT NULL REFERENCES people(id),
    reviewed_on TEXT NOT NULL,
    occasion    TEXT NOT NULL CHECK (occasion IN ('periodic', 'change')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('confirmed', 'revise')),
    note        TEXT NOT NULL DEFAULT ''
);

-- 3.1.3(1) ロードマップ及び計画: goals with target dates; a plan milestone may detail a roadmap one.
CREATE TABLE reg_milestones (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    level     TEXT NOT NULL CHECK (level IN ('roadmap', 'plan')),
    parent_id INTEGER REFERENCES reg_milestones(id),
    title     TEXT NOT NULL,
    goal      TEXT NOT NULL,                        -- 具体的な達成目標
    owner_id  INTEGER NOT NULL REFERENCES people(id),
    target    TEXT NOT NULL,
    status    TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done',
                                                                'cancelled')),
    done_on   TEXT,
    items     TEXT NOT NULL DEFAULT ''               -- catalog nodes the milestone serves
);
