-- 014_vulns: software vulnerability handling (guideline 3.1.5.1(1)(e), 3.2.2.1①; docs/isms.md
-- "Vulnerability handling"): the software on each asset, vulnerabilities imported from advisory
-- files (CSAF 2.0, CVE JSON 5, NVD API 2.0) or entered by hand, the products and version ranges
-- each affects, the matches of a vulnerability with an asset's software, and per match the plan
-- the guideline lists (対策の必要性, 対策方法, 一時的な回避方法, 影響, 実施予定, テストの必要性・方法・
-- 予定) or, where a patch cannot be applied (制御システム等), the compensating measures.
-- Rules the application enforces (src/isms/vuln.c): a match is closed only with a complete,
-- approved plan (done), compensating measures or a plan without need plus a reason (accepted),
-- or a justification (not_affected); the approver is never the one who planned (3.1.4.1(2)).

-- The software on an asset (entered, imported from CSV, or reported by hostcheck).
CREATE TABLE vuln_software (
    id         INTEGER PRIMARY KEY,
    asset_id   INTEGER NOT NULL REFERENCES assets(id),
    vendor     TEXT NOT NULL CHECK (length(vendor) BETWEEN 1 AND 200),
    product    TEXT NOT NULL CHECK (length(product) BETWEEN 1 AND 200),
    version    TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
    cpe        TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL CHECK (source IN ('entered', 'csv', 'hostcheck')),
    added_at   TEXT NOT NULL,
    added_by   INTEGER REFERENCES people(id),
    UNIQUE (asset_id, vendor, product, version)
);
CREATE INDEX vuln_software_asset ON vuln_software(asset_id);

-- A vulnerability: ident is the CVE number (CVE-2024-1234), a JVN number (JVNDB-2024-000123)
-- or, for an advisory entry without one, the advisory's tracking id with "#n".
CREATE TABLE vulns (
    id            INTEGER PRIMARY KEY,
    ident         TEXT NOT NULL UNIQUE CHECK (length(ident) BETWEEN 1 AND 100),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    severity      TEXT NOT NULL CHECK (severity IN ('none', 'low', 'medium', 'high', 'critical',
                                                    'unknown')),
    cvss_score    REAL CHECK (cvss_score IS NULL OR cvss_score BETWEEN 0 AND 10),
    cvss_vector   TEXT NOT NULL DEFAULT '',
    fixed_version TEXT NOT NULL DEFAULT '',   -- the versions that fix it, as the advisory says
    remediation   TEXT NOT NULL DEFAULT '',   -- the advisory's remediations / workarounds
    refs          TEXT NOT NULL DEFAULT '',   -- reference URLs, one a line
    advisory      TEXT NOT NULL DEFAULT '',   -- the advisory's own id (CSAF tracking id …)
    source        TEXT NOT NULL CHECK (source IN ('csaf', 'cve5', 'nvd', 'entered')),
    source_file   TEXT NOT NULL DEFAULT '',   -- the file's name as given
    source_sha256 TEXT NOT NULL DEFAULT '',   -- of the file's bytes
    imported_at   TEXT NOT NULL,
    imported_by   INTEGER REFERENCES people(id)
);

-- The products a vulnerability concerns, each with a version constraint: version_exact, or a
-- range (min/max, '' = unbounded, *_incl = whether the bound itself is in the range), or all
-- versions (everything empty). status unaffected wins over affected; unknown matches "to check".
CREATE TABLE vuln_affected (
    id            INTEGER PRIMARY KEY,
    vuln_id       INTEGER NOT NULL REFERENCES vulns(id) ON DELETE CASCADE,
    vendor        TEXT NOT NULL,
    product       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('affected', 'unaffected', 'unknown')),
    version_exact TEXT NOT NULL DEFAULT '',
    version_min   TEXT NOT NULL DEFAULT '',
    min_incl      INTEGER NOT NULL DEFAULT 1 CHECK (min_incl IN (0, 1)),
    version_max   TEXT NOT NULL DEFAULT '',
    max_incl      INTEGER NOT NULL DEFAULT 0 CHECK (max_incl IN (0, 1)),
    fixed         TEXT NOT NULL DEFAULT ''   -- the first fixed version of this range, if known
);
CREATE INDEX vuln_affected_vuln ON vuln_affected(vuln_id);

-- A vulnerability on an asset's software, and its handling (3.2.2.1① 脆弱性ごとに対策計画).
-- vendor/product/version keep what matched even when the software row is later removed.
CREATE TABLE vuln_matches (
    id            INTEGER PRIMARY KEY,
    vuln_id       INTEGER NOT NULL REFERENCES vulns(id),
    software_id   INTEGER REFERENCES vuln_software(id) ON DELETE SET NULL,
    asset_id      INTEGER NOT NULL REFERENCES assets(id),
    vendor        TEXT NOT NULL,
    product       TEXT NOT NULL,
    version       TEXT NOT NULL,
    certainty     TEXT NOT NULL CHECK (certainty IN ('affected', 'to_check')),
    current       INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1)), -- still matches
    fixed         TEXT NOT NULL DEFAULT '',
    matched_at    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'planned', 'done', 'accepted', 'not_affected')),
    -- the plan
    risk          TEXT NOT NULL DEFAULT '',  -- リスクの分析
    need          TEXT CHECK (need IS NULL OR need IN ('yes', 'no')), -- 対策の必要性
    method        TEXT NOT NULL DEFAULT '',  -- 対策方法
    workaround    TEXT NOT NULL DEFAULT '',  -- 一時的な回避方法
    impact        TEXT NOT NULL DEFAULT '',  -- 対策・回避が情報システムに与える影響
    due_date      TEXT,                      -- 対策の実施予定
    test_needed   TEXT CHECK (test_needed IS NULL OR test_needed IN ('yes', 'no')),
    test_method   TEXT NOT NULL DEFAULT '',  -- 対策テストの方法
    test_due      TEXT,                      -- 対策テストの実施予定
    planned_by    INTEGER REFERENCES people(id),
    planned_at    TEXT,
    approved_by   INTEGER REFERENCES people(id),
    approved_at   TEXT,
    closed_by     INTEGER REFERENCES people(id),
    closed_at     TEXT,
    close_note    TEXT NOT NULL DEFAULT '',  -- result / reason accepted / why not affected
    UNIQUE (vuln_id, software_id)
);
CREATE INDEX vuln_matches_asset ON vuln_matches(asset_id);
CREATE INDEX vuln_matches_status ON vuln_matches(status, due_date);

-- Compensating measures where a patch cannot be applied (3.1.5.1(1)(e) 制御システム等: ホワイト
-- リスト管理, isolation …).
CREATE TABLE vuln_compensations (
    id        INTEGER PRIMARY KEY,
    match_id  INTEGER NOT NULL REFERENCES vuln_matches(id),
    kind      TEXT NOT NULL CHECK (kind IN ('allowlist', 'isolation', 'access', 'monitoring',
                                            'media', 'other')),
    text      TEXT NOT NULL CHECK (length(text) > 0),
    added_by  INTEGER NOT NULL REFERENCES people(id),
    added_at  TEXT NOT NULL
);
CREATE INDEX vuln_compensations_match ON vuln_compensations(match_id);

-- The periodic check of the state of vulnerability handling (3.1.5.1(1)(e) 脆弱性対策の状況を
-- 定期的に確認): who checked, when, what was open and overdue at the time, and a note.
CREATE TABLE vuln_reviews (
    id          INTEGER PRIMARY KEY,
    reviewed_by INTEGER NOT NULL REFERENCES people(id),
    reviewed_at TEXT NOT NULL,
    open_count  INTEGER NOT NULL,
    overdue     INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
