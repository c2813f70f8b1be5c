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

-- The checklist items of 3.1.4.3, texts as in the catalog (generated from catalog/mlit-airport-2.json).
INSERT INTO reg_checklist_items(register, sort_order, item_key, item_id, ref, stage, personal_data, text_ja, text_en) VALUES
    ('contractor', 1, 'access-scope-criteria', '3.1.4.3-1-c1.m1', '3.1.4.3(1)①', 'contract', 0,
     '情報セキュリティ責任者は、委託先によるアクセスを認める情報及び情報システムの範囲を判断する基準、委託先の選定手続・選定基準、及び委託先が具備すべき要件（委託事業従事者に対する情報セキュリティ対策の実施を含む）を整備すること。',
     'The information security manager shall establish criteria for determining the scope of information and information systems to which contractors are permitted access, procedures and criteria for selecting contractors, and the requirements that contractors must satisfy (including the implementation of information security measures for the personnel engaged in the outsourced work).'),
    ('contractor', 2, 'contract-conditions', '3.1.4.3-1-c2.m1', '3.1.4.3(1)②', 'contract', 0,
     'システム管理者は、外部委託に係る業務遂行に際して、委託先に実施させる情報セキュリティ対策の内容を整備し、調達仕様書等に定め、委託の際の契約条件とすること。',
     'In carrying out work relating to outsourcing, the system administrator shall establish the content of the information security measures that the contractor is to implement, specify it in the procurement specifications, etc., and make it a condition of the outsourcing contract.'),
    ('contractor', 3, 'no-other-use', '3.1.4.3-1-c2.m2.x1', '3.1.4.3(1)②', 'contract', 0,
     '委託先に提供する情報の委託先における目的外利用の禁止',
     'Prohibition of the use by the contractor of information provided to the contractor for purposes other than those intended'),
    ('contractor', 4, 'security-structure', '3.1.4.3-1-c2.m2.x2', '3.1.4.3(1)②', 'contract', 0,
     '委託先における情報セキュリティ対策の実施内容及び管理体制',
     'The information security measures implemented at the contractor and the contractor''s management structure'),
    ('contractor', 5, 'no-unintended-change', '3.1.4.3-1-c2.m2.x3', '3.1.4.3(1)②', 'contract', 0,
     '委託先企業又はその従業員、再委託先、若しくはその他の者による意図せざる変更が加えられないための管理体制',
     'A management structure to prevent unintended changes from being made by the contractor company or its employees, subcontractors or other persons'),
    ('contractor', 6, 'disclosure-capital-staff', '3.1.4.3-1-c2.m2.x4', '3.1.4.3(1)②', 'contract', 0,
     '委託先の資本関係・役員等の情報、委託事業の実施場所、委託事業従事者の所属・専門性（情報セキュリティに係る資格・研修実績等）・実績及び国籍に関する情報提供',
     'Provision of information on the contractor''s capital relationships, officers, etc., the location where the outsourced work is performed, and the affiliation, expertise (qualifications, training record, etc. relating to information security), track record and nationality of the personnel engaged in the outsourced work'),
    ('contractor', 7, 'outage-response', '3.1.4.3-1-c2.m2.x5', '3.1.4.3(1)②', 'contract', 0,
     '重要インフラサービス障害に対する対処方法',
     'Methods for responding to critical infrastructure service outages'),
    ('contractor', 8, 'performance-check', '3.1.4.3-1-c2.m2.x6', '3.1.4.3(1)②', 'contract', 0,
     '情報セキュリティ対策その他の契約の履行状況の確認方法',
     'Methods for confirming the status of performance of information security measures and other contractual obligations'),
    ('contractor', 9, 'insufficient-response', '3.1.4.3-1-c2.m2.x7', '3.1.4.3(1)②', 'contract', 0,
     '情報セキュリティ対策の履行が不十分な場合の対処方法',
     'Methods for responding when the performance of information security measures is insufficient'),
    ('contractor', 10, 'pd-contract-matters', '3.1.4.3-1-c3.m1', '3.1.4.3(1)③', 'contract', 1,
     '情報セキュリティ責任者は、適切な委託先管理を実施するために、個人データの安全管理、取扱い時の報告義務、責任の範囲、及び非開示義務について、委託契約時に明確にすべき内容を規定すること。',
     'In order to carry out appropriate contractor management, the information security manager shall specify the matters to be clarified when concluding an outsourcing contract regarding the security control of personal data, reporting obligations during handling, the scope of responsibility, and non-disclosure obligations.'),
    ('contractor', 11, 'pd-leak-prevention', '3.1.4.3-1-c3.m2.x1.x1', '3.1.4.3(1)③', 'contract', 1,
     '個人データの漏えい等の防止、盗用の禁止に関する事項',
     'Matters relating to the prevention of leakage, etc. of personal data and the prohibition of its misappropriation'),
    ('contractor', 12, 'pd-no-other-processing', '3.1.4.3-1-c3.m2.x1.x2', '3.1.4.3(1)③', 'contract', 1,
     '委託契約範囲外の加工、利用の禁止',
     'Prohibition of processing or use outside the scope of the outsourcing contract'),
    ('contractor', 13, 'pd-no-copying', '3.1.4.3-1-c3.m2.x1.x3', '3.1.4.3(1)③', 'contract', 1,
     '委託契約範囲外の複写、複製の禁止',
     'Prohibition of copying or reproduction outside the scope of the outsourcing contract'),
    ('contractor', 14, 'pd-period', '3.1.4.3-1-c3.m2.x1.x4', '3.1.4.3(1)③', 'contract', 1,
     '委託期間',
     'Outsourcing period'),
    ('contractor', 15, 'pd-return-erasure', '3.1.4.3-1-c3.m2.x1.x5', '3.1.4.3(1)③', 'contract', 1,
     '委託終了後の個人データの返還・消去・破棄に関する事項',
     'Matters relating to the return, erasure and disposal of personal data after the outsourcing ends'),
    ('contractor', 16, 'pd-subcontract-report', '3.1.4.3-1-c3.m2.x2', '3.1.4.3(1)③', 'contract', 1,
     '個人データの取扱いの再委託を行うに当たっての委託元への報告とその方法',
     'Reporting to the entrusting party, and the method of reporting, when subcontracting the handling of personal data'),
    ('contractor', 17, 'pd-status-report', '3.1.4.3-1-c3.m2.x3', '3.1.4.3(1)③', 'contract', 1,
     '個人データの取扱い状況に関する委託者への報告の内容及び頻度',
     'Content and frequency of reports to the entrusting party on the status of handling of personal data'),
    ('contractor', 18, 'pd-compliance-check', '3.1.4.3-1-c3.m2.x4', '3.1.4.3(1)③', 'contract', 1,
     '委託契約の内容、期間が遵守されていることの確認',
     'Confirmation that the content and period of the outsourcing contract are being complied with'),
    ('contractor', 19, 'pd-noncompliance-measures', '3.1.4.3-1-c3.m2.x5', '3.1.4.3(1)③', 'contract', 1,
     '委託契約の内容、期間が遵守されなかった場合の措置',
     'Measures to be taken when the content and period of the outsourcing contract are not complied with'),
    ('contractor', 20, 'pd-incident-report', '3.1.4.3-1-c3.m2.x6', '3.1.4.3(1)③', 'contract', 1,
     '個人データの漏えい等の事故が発生した場合の報告・連絡に関する事項',
     'Matters relating to reporting and communication when an incident such as a leakage of personal data occurs'),
    ('contractor', 21, 'pd-incident-liability', '3.1.4.3-1-c3.m2.x7', '3.1.4.3(1)③', 'contract', 1,
     '個人データの漏えい等の事故が発生した場合における委託元と委託先の責任の範囲',
     'The scope of responsibility of the entrusting party and the contractor when an incident such as a leakage of personal data occurs'),
    ('contractor', 22, 'selection-procedure', '3.1.4.3-2-c1.m1', '3.1.4.3(2)①', 'contract', 0,
     'システム管理者は、整備されている選定手続、選定基準及び委託先が具備すべき要件に基づき、委託先を選定すること。',
     'The system administrator shall select contractors based on the established selection procedures and selection criteria and the requirements that contractors must satisfy.'),
    ('contractor', 23, 'contract-concluded', '3.1.4.3-2-c2.m1', '3.1.4.3(2)②', 'contract', 0,
     'システム管理者は、外部委託を実施する際に、委託先に請け負わせる業務における情報セキュリティ対策、機密保持（情報の目的外利用の禁止を含む。）、重要インフラサービス障害に対する対処手順及び情報セキュリティ対策の履行が不十分である場合の対処手順を含む外部委託に伴う契約を取り交わすこと。',
     'When carrying out outsourcing, the system administrator shall conclude an outsourcing contract that covers the information security measures in the work contracted to the contractor, confidentiality (including the prohibition of use of information for purposes other than those intended), procedures for responding to critical infrastructure service outages, and procedures for responding when the performance of information security measures is insufficient.'),
    ('contractor', 24, 'confirmation-letter', '3.1.4.3-2-c2.m2.x1', '3.1.4.3(2)②', 'contract', 0,
     'システム管理者は、外部委託に係る契約者双方の責任の明確化と合意の形成を行い、委託先における情報セキュリティ対策の遵守方法及び管理体制に関する確認書を提出させること',
     'The system administrator shall clarify the responsibilities of both parties to the outsourcing contract and reach agreement between them, and shall have the contractor submit a written confirmation of the methods by which the contractor complies with information security measures and of its management structure'),
    ('contractor', 25, 'subcontract-guarantee', '3.1.4.3-2-c2.m2.x2', '3.1.4.3(2)②', 'contract', 0,
     'システム管理者は、委託先がその役務内容を一部再委託する場合は、再委託されることにより生ずる脅威に対して情報セキュリティが十分に確保されるよう、本項に規定する情報セキュリティ対策の実施を委託先に担保させること',
     'Where the contractor subcontracts part of the services, the system administrator shall have the contractor guarantee the implementation of the information security measures prescribed in this section, so that information security is sufficiently ensured against the threats arising from the subcontracting'),
    ('contractor', 26, 'minimum-information', '3.1.4.3-2-c2.m2.x3', '3.1.4.3(2)②', 'contract', 0,
     '取扱者は、委託先に提供する情報を必要最低限とし、委託先が取り扱う情報の格付けに従って、適切な情報セキュリティ対策を講ずること',
     'Handlers shall keep the information provided to contractors to the minimum necessary and take appropriate information security measures in accordance with the classification of the information handled by the contractor'),
    ('contractor', 27, 'measures-guaranteed', '3.1.4.3-2-c2.m2.x4', '3.1.4.3(2)②', 'contract', 0,
     'システム管理者は、情報システムの構築、運用・保守を外部委託する場合には、委託先が実施すべき対策事項を検討し、当該対策事項が実質的に担保されるよう、委託先に実施について保証させること。また、当該対策による情報システムの変更等を速やかに報告させること',
     'When outsourcing the construction, operation or maintenance of information systems, the system administrator shall consider the measures that the contractor is to implement and have the contractor guarantee their implementation so that those measures are substantively ensured. The system administrator shall also have the contractor promptly report changes, etc. to the information systems resulting from those measures'),
    ('contractor', 28, 'end-inspection', '3.1.4.3-2-c3.m1', '3.1.4.3(2)③', 'end', 0,
     'システム管理者は、外部委託の終了時に、仕様書等定められた検査手続に従い、情報セキュリティ対策に係る要件が満たされていることを確認すること。',
     'At the end of outsourcing, the system administrator shall confirm, in accordance with the inspection procedures set out in the specifications, etc., that the requirements relating to information security measures have been met.'),
    ('contractor', 29, 'pd-supervision', '3.1.4.3-2-c4.m1', '3.1.4.3(2)④', 'contract', 1,
     'システム管理者は、個人データの取扱いの全部又は一部を委託する場合は、その取扱いを委託された個人データの安全管理が図られるよう、委託を受けた者に対する必要かつ適切な監督を行うこと。その際、個人データが漏えい等をした場合に本人が被る権利利益の侵害の大きさを考慮し、委託する事業の規模及び性質並びに個人データの取扱状況等に起因するリスクに応じ、必要かつ適切な措置を講ずるものとする。',
     'When outsourcing all or part of the handling of personal data, the system administrator shall exercise necessary and appropriate supervision over the entrusted party so that the security control of the personal data whose handling has been entrusted is ensured. In doing so, necessary and appropriate measures are to be taken according to the risks arising from the scale and nature of the outsourced business, the status of handling of the personal data, etc., taking into account the magnitude of the infringement of rights and interests that the individual would suffer if the personal data were leaked, etc.'),
    ('contractor', 30, 'outage-procedure', '3.1.4.3-3.m1', '3.1.4.3(3)', 'contract', 0,
     'システム管理者は、委託先に請け負わせる業務において重要インフラサービス障害を認知した場合の対処手順を整備すること。',
     'The system administrator shall establish procedures for responding when a critical infrastructure service outage is recognised in the work contracted to the contractor.'),
    ('cloud', 31, 'use-decision', '3.1.4.3-4-c1.m1', '3.1.4.3(4)①', 'contract', 0,
     'クラウドサービスで取り扱う情報の格付及び取扱制限を踏まえ、情報の取扱いを委ねることの可否を判断すること。',
     'Whether the handling of information may be entrusted shall be decided on the basis of the classification and handling restrictions of the information to be handled in the cloud service.'),
    ('cloud', 32, 'foreign-law', '3.1.4.3-4-c2.m1', '3.1.4.3(4)②', 'contract', 0,
     'クラウドサービスで取り扱われる情報に対して国内法以外の法令が適用されるリスクを評価して委託先を選定し、必要に応じて委託事業の実施場所及び契約に定める準拠法・裁判管轄を指定すること。',
     'Contractors shall be selected after assessing the risk that laws and regulations other than domestic law will apply to the information handled in the cloud service, and, as necessary, the location where the outsourced work is performed and the governing law and jurisdiction stipulated in the contract shall be specified.'),
    ('cloud', 33, 'exit-measures', '3.1.4.3-4-c3.m1', '3.1.4.3(4)③', 'contract', 0,
     'クラウドサービスの中断や終了時に円滑に業務を移行するための対策を検討し、委託先を選定する際の要件とすること。',
     'Measures for smoothly migrating operations when a cloud service is interrupted or terminated shall be considered and made requirements when selecting contractors.'),
    ('cloud', 34, 'recovery-requirements', '3.1.4.3-4-c3.m2.x1', '3.1.4.3(4)③', 'contract', 0,
     '情報の格付に応じたサービス中断時の復旧要件',
     'Recovery requirements in the event of service interruption according to the classification of information'),
    ('cloud', 35, 'termination-notice', '3.1.4.3-4-c3.m2.x2', '3.1.4.3(4)③', 'contract', 0,
     '情報の格付に応じた、サービス終了又は変更の際の事前告知の方法・期限及びデータ移行方法',
     'Methods and deadlines for advance notice of service termination or change, and data migration methods, according to the classification of information'),
    ('cloud', 36, 'security-design', '3.1.4.3-4-c4.m1', '3.1.4.3(4)④', 'contract', 0,
     'クラウドサービスの特性を考慮した上で、クラウドサービス部分を含む情報の流通経路全般にわたるセキュリティが適切に確保されるよう、情報の流通経路全般を見渡した形でセキュリティ設計を行った上でセキュリティ要件を定めること。',
     'Taking into account the characteristics of cloud services, security requirements shall be defined after carrying out security design with a view over the entire information flow path, so that security is appropriately ensured across the entire information flow path, including the cloud service portion.'),
    ('cloud', 37, 'ip-restriction', '3.1.4.3-4-c4.m2.x1.x1', '3.1.4.3(4)④', 'contract', 0,
     'アクセス制限（IP アドレス等）',
     'Access restrictions (IP addresses, etc.)'),
    ('cloud', 38, 'access-logs', '3.1.4.3-4-c4.m2.x1.x2', '3.1.4.3(4)④', 'contract', 0,
     'アクセスログ等の証拠の保存及び提供',
     'Retention and provision of evidence such as access logs'),
    ('cloud', 39, 'connection-monitoring', '3.1.4.3-4-c4.m2.x1.x3', '3.1.4.3(4)④', 'contract', 0,
     'インターネット回線とクラウド基盤の接続点の通信の監視',
     'Monitoring of communications at the connection point between the Internet line and the cloud platform'),
    ('cloud', 40, 'storage-confirmation', '3.1.4.3-4-c4.m2.x1.x4', '3.1.4.3(4)④', 'contract', 0,
     '委託先による情報の管理・保管の実施内容の確認',
     'Confirmation of what the contractor does in managing and storing information'),
    ('cloud', 41, 'vulnerability-measures', '3.1.4.3-4-c4.m2.x1.x5', '3.1.4.3(4)④', 'contract', 0,
     '脆弱性対策の実施内容の確認',
     'Confirmation of the vulnerability countermeasures implemented'),
    ('cloud', 42, 'anti-virus', '3.1.4.3-4-c4.m2.x1.x6', '3.1.4.3(4)④', 'contract', 0,
     'ウイルス対策',
     'Anti-virus measures'),
    ('cloud', 43, 'rpo', '3.1.4.3-4-c4.m2.x1.x7', '3.1.4.3(4)④', 'contract', 0,
     '情報に係る復旧時点目標（RPO）等の指標',
     'Indicators such as the recovery point objective (RPO) for information'),
    ('cloud', 44, 'encryption', '3.1.4.3-4-c4.m2.x1.x8', '3.1.4.3(4)④', 'contract', 0,
     '情報の暗号化（保存データの暗号化及び通信回線の暗号化）',
     'Encryption of information (encryption of stored data and encryption of the network)'),
    ('cloud', 45, 'deletion', '3.1.4.3-4-c4.m2.x1.x9', '3.1.4.3(4)④', 'contract', 0,
     '情報の確実な削除・廃棄',
     'Reliable deletion and disposal of information'),
    ('cloud', 46, 'disclosure-scope', '3.1.4.3-4-c4.m2.x1.x10', '3.1.4.3(4)④', 'contract', 0,
     '情報開示請求に対する開示項目や範囲の明記',
     'Explicit statement of the items and scope to be disclosed in response to requests for disclosure of information'),
    ('cloud', 47, 'service-evaluation', '3.1.4.3-4-c5.m1', '3.1.4.3(4)⑤', 'contract', 0,
     'クラウドサービスに対する情報セキュリティ監査による報告書の内容、各種の認定・認証制度の適用状況等から、クラウドサービス及び当該サービスの委託先の信頼性が十分であることを総合的・客観的に評価し判断する。',
     'On the basis of the content of information security audit reports on the cloud service, the status of application of various accreditation and certification schemes, etc., it is to be evaluated and determined, comprehensively and objectively, that the reliability of the cloud service and of the contractor for that service is sufficient.');
