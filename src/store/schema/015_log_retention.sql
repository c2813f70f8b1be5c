-- 015_log_retention: log retention (guideline 3.1.5.1(2)(a), 3.2.2.1③; issue 8 item 6;
-- docs/isms.md "Log retention"). The raw lines logwatch receives are archived in zstd segments
-- on disk (src/logarchive/); the store keeps the chain of their manifests so that deleting or
-- altering any segment, the last one included, is detectable, and the retention policy per log
-- source and kind that decides when a segment may be removed.
--
-- log_archives: one row per archive folder, identified by the random id (uid) written to the
-- folder's archive.json (the path is where it was last opened, for the operator).
CREATE TABLE log_archives (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE CHECK (length(uid) = 32),
    path        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- log_segments: one row per sealed segment, in seal order (seq from 1 in each archive). manifest
-- is the segment's manifest exactly as written in the file (JSON); manifest_sha256 its SHA-256
-- and prev_sha256 the manifest hash of the segment before it (64 zeros for the first): the hash
-- chain. A segment removed by its retention policy keeps its row with status 'expired' (who,
-- when, under which policy), so the chain stays whole and `airguard logs verify` knows the
-- file was removed lawfully.
CREATE TABLE log_segments (
    id              INTEGER PRIMARY KEY,      -- the audit trail's handle on the row
    archive_id      TEXT NOT NULL REFERENCES log_archives(uid), -- the archive's uid
    seq             INTEGER NOT NULL CHECK (seq >= 1),
    name            TEXT NOT NULL,
    source          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    first_time      TEXT NOT NULL,           -- UTC ISO 8601, of the first and last line
    last_time       TEXT NOT NULL,
    lines           INTEGER NOT NULL CHECK (lines >= 0),
    raw_bytes       INTEGER NOT NULL CHECK (raw_bytes >= 0),
    data_bytes      INTEGER NOT NULL CHECK (data_bytes >= 0),
    data_sha256     TEXT NOT NULL CHECK (length(data_sha256) = 64),
    manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
    prev_sha256     TEXT NOT NULL CHECK (length(prev_sha256) = 64),
    manifest        TEXT NOT NULL,
    sealed_at       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'sealed' CHECK (status IN ('sealed', 'expired')),
    expired_at      TEXT,
    expired_by      TEXT,
    expired_policy  TEXT,
    UNIQUE (archive_id, seq),
    UNIQUE (archive_id, name)
);
CREATE INDEX log_segments_by_time ON log_segments(archive_id, last_time);

-- log_retention: how long each kind of log is kept, per source ('*' = every source). The
-- most specific row applies: (source, kind), then ('*', kind), then ('*', '*'); a segment no
-- row covers is never expired. days: the period after a segment's last line.
CREATE TABLE log_retention (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('auth', 'web', 'mail', 'network', 'system', '*')),
    source      TEXT NOT NULL DEFAULT '*' CHECK (length(source) BETWEEN 1 AND 512),
    days        INTEGER NOT NULL CHECK (days BETWEEN 1 AND 36500),
    basis       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    UNIQUE (kind, source)
);

-- The defaults (docs/isms.md explains them): authentication and network-device logs one year
-- (the evidence an investigation of a slow intrusion needs; 3.2.2.1③ asks the monitoring
-- records of servers and network devices to be kept for a set period), web access, mail and
-- other system logs six months.
INSERT INTO log_retention (kind, source, days, basis, updated_at, updated_by) VALUES
    ('auth', '*', 365, '3.1.5.1(2)(a): authentication logs, one year', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration'),
    ('network', '*', 365, '3.2.2.1③: monitoring records of network devices, one year', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration'),
    ('web', '*', 180, '3.1.5.1(2)(a): web access logs, six months', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration'),
    ('mail', '*', 180, '3.1.5.1(2)(a): mail logs, six months', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration'),
    ('system', '*', 180, '3.1.5.1(2)(a): other system logs, six months', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'migration');
