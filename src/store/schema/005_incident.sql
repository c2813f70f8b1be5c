-- 005_incident: 重要インフラサービス障害 (critical infrastructure service outages) and their handling:
-- 3.1.2.4(2) (report and emergency measures ②, cause and recurrence prevention ③),
-- 3.1.4.1(3) (the structure and the reporting chain), 3.2.2.2(2) (情報連絡 to MLIT; cause
-- classes intentional / accidental / environmental), 3.2.3 (recovery, information to users) and
-- the personal-data-leak steps of 3.1.2.6(7).
-- Conventions of 001_core.sql apply (times 'YYYY-MM-DDTHH:MM:SSZ' UTC, dates 'YYYY-MM-DD').

CREATE TABLE incidents (
    id                    INTEGER PRIMARY KEY,
    title                 TEXT NOT NULL CHECK (length(title) > 0),
    description           TEXT NOT NULL DEFAULT '',        -- 事象の概要
    severity              TEXT NOT NULL DEFAULT 'medium'
                          CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    status                TEXT NOT NULL DEFAULT 'open'
                          CHECK (status IN ('open', 'recovered', 'closed')),
    occurred_at           TEXT,                            -- 発生日時 (may be unknown)
    detected_at           TEXT NOT NULL,                   -- 認知日時
    detection             TEXT NOT NULL DEFAULT '',        -- how it was detected (monitor, staff …)
    reported_by           INTEGER NOT NULL REFERENCES people(id),  -- the 取扱者 who reported it
    department_id         INTEGER REFERENCES departments(id),      -- department handling it
    site_id               INTEGER REFERENCES sites(id),
    cause_class           TEXT CHECK (cause_class IS NULL OR
                                      cause_class IN ('intentional', 'accidental', 'environmental')),
    cause_detail          TEXT NOT NULL DEFAULT '',        -- e.g. cyber attack, equipment failure
    root_cause            TEXT NOT NULL DEFAULT '',        -- 原因 (3.1.2.4(2)③)
    recurrence_prevention TEXT NOT NULL DEFAULT '',        -- 再発防止策 summary
    user_information      TEXT NOT NULL DEFAULT '',        -- information to users (3.2.3.2(1))
    crime_reported        TEXT NOT NULL DEFAULT '',        -- 事案対処省庁への通報 (3.2.2.2(2))
    recovered_at          TEXT,
    ministry_reported_at  TEXT,                            -- 国土交通省への情報連絡 (last sent)
    closed_by             INTEGER REFERENCES people(id),
    closed_at             TEXT,
    closure_note          TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    CHECK (closed_by IS NULL OR closed_by <> reported_by),
    CHECK (status <> 'closed' OR (closed_by IS NOT NULL AND cause_class IS NOT NULL))
);

-- The timeline: who did what when (detection, the reporting chain, 応急措置, escalation, recovery).
CREATE TABLE incident_events (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    person_id    INTEGER REFERENCES people(id),            -- who
    kind         TEXT NOT NULL CHECK (kind IN ('detected', 'reported', 'emergency-measure',
                                              'escalated', 'contained', 'recovered',
                                              'cause-identified', 'ministry-reported',
                                              'authority-notified', 'user-information',
                                              'note', 'closed')),
    to_person_id INTEGER REFERENCES people(id),            -- recipient of reported / escalated
    text         TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX incident_events_by_incident ON incident_events(incident_id, at);

-- Affected systems and the service impact (flights delayed / cancelled, 3.2.3.2(1)).
CREATE TABLE incident_systems (
    id                  INTEGER PRIMARY KEY,
    incident_id         INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    system_id           INTEGER NOT NULL REFERENCES systems(id),
    impact              TEXT NOT NULL DEFAULT '',
    fallback_used       TEXT NOT NULL DEFAULT '',          -- manual operation used (2.1.1)
    outage_start        TEXT,
    outage_end          TEXT,
    flights_delayed     INTEGER NOT NULL DEFAULT 0 CHECK (flights_delayed >= 0),
    flights_cancelled   INTEGER NOT NULL DEFAULT 0 CHECK (flights_cancelled >= 0),
    passengers_affected INTEGER NOT NULL DEFAULT 0 CHECK (passengers_affected >= 0),
    UNIQUE (incident_id, system_id),
    CHECK (outage_end IS NULL OR outage_start IS NULL OR outage_end >= outage_start)
);

-- The personal-data-leak path of 3.1.2.6(7), one per incident: ① source identified, leak
-- stopped, agencies informed, spread stopped; ② data subjects notified; ③ publication;
-- ④ report to the Personal Information Protection Commission (and to MLIT for it).
CREATE TABLE incident_leaks (
    id                   INTEGER PRIMARY KEY,
    incident_id          INTEGER NOT NULL UNIQUE REFERENCES incidents(id) ON DELETE CASCADE,
    data_description     TEXT NOT NULL CHECK (length(data_description) > 0),
    subjects             INTEGER NOT NULL DEFAULT 0 CHECK (subjects >= 0),
    info_asset_id        INTEGER REFERENCES info_assets(id),
    source_identified_on TEXT,
    leak_stopped_on      TEXT,
    agencies_informed_on TEXT,
    spread_stopped_on    TEXT,
    subjects_notified_on TEXT,
    published_on         TEXT,
    no_publication       TEXT NOT NULL DEFAULT '',         -- why not published (③ "可能な限り")
    ppc_reported_on      TEXT,
    mlit_informed_on     TEXT,
    notes                TEXT NOT NULL DEFAULT ''
);

-- The field list of the report to MLIT (情報連絡), kept as data so the form can follow the
-- ministry's without code: label in both languages, required or not, order, and the source of
-- the value (one of the names src/isms/incident.c knows: see `airguard incident form sources`).
CREATE TABLE incident_report_fields (
    id       INTEGER PRIMARY KEY,
    key      TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 64),
    label_ja TEXT NOT NULL CHECK (length(label_ja) > 0),
    label_en TEXT NOT NULL CHECK (length(label_en) > 0),
    required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    ord      INTEGER NOT NULL,
    source   TEXT NOT NULL
);

-- The default form is seeded by 006_audit.sql: audit triggers are generated after each
-- migration, so rows inserted by the migration that creates a table would have no audit row and
-- `airguard audit verify` would report them as added outside airguard.
