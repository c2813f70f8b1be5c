-- 003_risk: the risk register of guideline 3.1.2.1 (リスクアセスメント及びリスク対応).
--   * risk criteria (リスク基準, 3.1.2.1③): an impact scale (事象の結果によるサービス・業務への
--     影響度合い) and a likelihood scale (事象の発生可能性), the risk levels, the matrix giving a
--     level for each (impact, likelihood) cell, and the threshold (基準値, ④) at or above which a
--     risk must get a treatment decision; plus the organisation's risk attitude (①);
--   * risks: identification (②) tied to a service, a system and assets, with threat, existing
--     measures (catalog items), analysis (③), evaluation (④), treatment (低減/回避/移転(共有)/
--     保有(受容)) with plan, owner and due date, residual risk, acceptance, review date, HSE flag.
-- Levels are stored on the risk (level, residual_level, status) and recomputed by the
-- application in the same transaction whenever the criteria change (src/isms/risk.c).

CREATE TABLE risk_scales (
    id             INTEGER PRIMARY KEY,
    axis           TEXT NOT NULL CHECK (axis IN ('impact', 'likelihood')),
    value          INTEGER NOT NULL CHECK (value BETWEEN 1 AND 9),
    label_ja       TEXT NOT NULL CHECK (length(label_ja) > 0),
    label_en       TEXT NOT NULL CHECK (length(label_en) > 0),
    description_ja TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    UNIQUE (axis, value)
);

CREATE TABLE risk_levels (
    id       INTEGER PRIMARY KEY,
    rank     INTEGER NOT NULL UNIQUE CHECK (rank BETWEEN 1 AND 9),
    label_ja TEXT NOT NULL CHECK (length(label_ja) > 0),
    label_en TEXT NOT NULL CHECK (length(label_en) > 0)
);

CREATE TABLE risk_matrix (
    id         INTEGER PRIMARY KEY,
    impact     INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 9),
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 9),
    level      INTEGER NOT NULL REFERENCES risk_levels(rank),
    UNIQUE (impact, likelihood)
);

-- One row: the threshold (a level rank), review and decision periods, risk attitude (①).
CREATE TABLE risk_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    threshold     INTEGER NOT NULL REFERENCES risk_levels(rank),
    review_days   INTEGER NOT NULL DEFAULT 365 CHECK (review_days BETWEEN 1 AND 3650),
    decision_days INTEGER NOT NULL DEFAULT 30 CHECK (decision_days BETWEEN 1 AND 365),
    attitude      TEXT NOT NULL DEFAULT '',
    updated_by    INTEGER REFERENCES people(id),
    updated_at    TEXT
);

-- Default criteria: 5 x 5, four levels by impact x likelihood (1-4 低, 5-9 中, 10-16 高,
-- 20-25 極めて高い), threshold 高 (a score of 10 or more needs a treatment decision).
INSERT INTO risk_scales(axis, value, label_ja, label_en, description_ja, description_en) VALUES
 ('impact', 1, '極小', 'negligible', '業務への影響はほぼない', 'hardly any effect on operations'),
 ('impact', 2, '小', 'minor', '一部業務が短時間遅れる（代替運用で吸収できる）',
  'some operations are briefly delayed (absorbed by the fallback)'),
 ('impact', 3, '中', 'moderate', '重要インフラサービスの一部が数時間滞る',
  'part of the critical service is disrupted for hours'),
 ('impact', 4, '大', 'major', '出発便の遅延・欠航、旅客への広範な影響',
  'departures delayed or cancelled, wide effect on passengers'),
 ('impact', 5, '甚大', 'severe', '空港機能の停止、人の安全（HSE）への影響',
  'airport functions stop, or human safety (HSE) is affected'),
 ('likelihood', 1, 'まれ', 'rare', '10年に1回未満', 'less than once in 10 years'),
 ('likelihood', 2, '起こりにくい', 'unlikely', '数年に1回', 'once in a few years'),
 ('likelihood', 3, '起こりうる', 'possible', '年に1回程度', 'about once a year'),
 ('likelihood', 4, '起こりやすい', 'likely', '年に数回', 'several times a year'),
 ('likelihood', 5, 'ほぼ確実', 'almost certain', '月に1回以上', 'monthly or more often');
INSERT INTO risk_levels(rank, label_ja, label_en) VALUES
 (1, '低', 'low'), (2, '中', 'medium'), (3, '高', 'high'), (4, '極めて高い', 'critical');
WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 5)
INSERT INTO risk_matrix(impact, likelihood, level)
SELECT i.v, l.v, CASE WHEN i.v * l.v >= 20 THEN 4 WHEN i.v * l.v >= 10 THEN 3
                      WHEN i.v * l.v >= 5 THEN 2 ELSE 1 END
FROM n i, n l;
INSERT INTO risk_settings(id, threshold, attitude) VALUES
 (1, 3, '重要インフラサービス（警戒警備・FIDS・BHS）の停止につながるリスクは受容しない。' ||
        'それ以外は費用対効果を考慮して対応を決める。');

CREATE TABLE risks (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL CHECK (length(title) > 0),
    -- identification (3.1.2.1②)
    threat            TEXT NOT NULL CHECK (length(threat) > 0),  -- threat / event scenario
    vulnerability     TEXT NOT NULL DEFAULT '',
    consequence       TEXT NOT NULL DEFAULT '',  -- effect on the service and operations
    service           TEXT NOT NULL DEFAULT '',  -- the operation it threatens (①)
    system_id         INTEGER REFERENCES systems(id),
    hse               INTEGER NOT NULL DEFAULT 0 CHECK (hse IN (0, 1)),  -- HSE view (5.4(5))
    owner_id          INTEGER NOT NULL REFERENCES people(id),            -- risk owner
    identified_by     INTEGER REFERENCES people(id),
    identified_at     TEXT NOT NULL,
    -- analysis (③)
    impact            INTEGER CHECK (impact BETWEEN 1 AND 9),
    likelihood        INTEGER CHECK (likelihood BETWEEN 1 AND 9),
    level             INTEGER,
    analysis          TEXT NOT NULL DEFAULT '',
    analysed_by       INTEGER REFERENCES people(id),
    analysed_at       TEXT,
    -- evaluation (④): at or above the threshold, or selected for individual circumstances
    above_threshold   INTEGER NOT NULL DEFAULT 0 CHECK (above_threshold IN (0, 1)),
    selected          INTEGER NOT NULL DEFAULT 0 CHECK (selected IN (0, 1)),
    evaluation_note   TEXT NOT NULL DEFAULT '',
    decision_due      TEXT,  -- a treatment decision is due by then
    -- treatment (リスク対応)
    treatment         TEXT CHECK (treatment IN ('reduce', 'avoid', 'transfer', 'retain')),
    treatment_plan    TEXT NOT NULL DEFAULT '',
    treatment_owner_id INTEGER REFERENCES people(id),
    treatment_due     TEXT,
    decided_by        INTEGER REFERENCES people(id),
    decided_at        TEXT,
    action_id         INTEGER REFERENCES actions(id),  -- corrective action of a 低減 plan
    residual_impact   INTEGER CHECK (residual_impact BETWEEN 1 AND 9),
    residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 9),
    residual_level    INTEGER,
    -- acceptance of a risk kept at or above the threshold: CISO, not the owner, not the decider
    accepted_by       INTEGER REFERENCES people(id),
    accepted_at       TEXT,
    acceptance_note   TEXT NOT NULL DEFAULT '',
    -- review
    review_date       TEXT NOT NULL,
    reviewed_by       INTEGER REFERENCES people(id),
    reviewed_at       TEXT,
    status            TEXT NOT NULL DEFAULT 'identified'
                      CHECK (status IN ('identified', 'below_threshold', 'needs_decision',
                                        'awaiting_acceptance', 'accepted', 'treated')),
    CHECK (accepted_by IS NULL OR (accepted_by <> owner_id AND accepted_by <> decided_by)),
    CHECK ((residual_impact IS NULL) = (residual_likelihood IS NULL))
);
CREATE INDEX risks_status ON risks(status, review_date);

-- Assets a risk concerns (3.1.2.1① 経営資源).
CREATE TABLE risk_assets (
    id       INTEGER PRIMARY KEY,
    risk_id  INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    asset_id INTEGER NOT NULL REFERENCES assets(id),
    UNIQUE (risk_id, asset_id)
);

-- Measures of the guideline already in place against the risk ('existing') or planned by the
-- treatment ('planned'), as catalog item ids.
CREATE TABLE risk_measures (
    id      INTEGER PRIMARY KEY,
    risk_id INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,
    kind    TEXT NOT NULL DEFAULT 'existing' CHECK (kind IN ('existing', 'planned')),
    UNIQUE (risk_id, item_id, kind)
);

-- History of analyses and reviews: every assess/treat/accept/review step leaves a row, so the
-- register shows how a risk's size changed (the audit trail has the raw changes as well).
CREATE TABLE risk_history (
    id             INTEGER PRIMARY KEY,
    risk_id        INTEGER NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    by_id          INTEGER REFERENCES people(id),
    step           TEXT NOT NULL CHECK (step IN ('identify', 'assess', 'treat', 'accept',
                                                 'review', 'criteria')),
    impact         INTEGER,
    likelihood     INTEGER,
    level          INTEGER,
    residual_level INTEGER,
    status         TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
);
