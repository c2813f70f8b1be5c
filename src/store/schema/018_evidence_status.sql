-- 018_evidence_status: run records of the monitors and jobs whose results are evidence for the
-- guideline's measures (issue 7 item 1; docs/compliance.md "Evidence and automatic status"), and
-- the flags raised when a self-inspection answer of 実施 is contradicted by that evidence.
--
-- monitor_runs: one row per run of `logwatch run|serve`, `netwatch watch|capture`, `audit
-- verify`, `db backup`, the sweep of unused accounts and `logs verify`. A long-running monitor
-- (serve) inserts its row with result 'running' and moves `finished` forward as a heartbeat.
-- Like sessions, the rows are operational records written every few minutes: they have no
-- per-row audit triggers (src/store/audit.c). details is a JSON object (counts, the backup's
-- file, the verify's head hash, netwatch's baseline file).
CREATE TABLE monitor_runs (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('logwatch', 'netwatch', 'audit_verify', 'backup',
                                           'unused_accounts', 'logs_verify')),
    started  TEXT NOT NULL,                  -- UTC "YYYY-MM-DDTHH:MM:SSZ"
    finished TEXT,                           -- the end, or the last heartbeat while running
    result   TEXT NOT NULL CHECK (result IN ('running', 'ok', 'failed')),
    details  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
-- the status of a measure asks for the run of a kind seen last (its end or last heartbeat, so a
-- serve started long ago that still beats counts): one index range, newest first
CREATE INDEX monitor_runs_by_kind ON monitor_runs(kind, finished);

-- compliance_flags: a submitted answer of 実施 (implemented) whose measure the live evidence
-- contradicts, shown to the information security managers and the CISO until the evidence no
-- longer contradicts it (cleared_at set). One open flag per answer. Audited like every table.
CREATE TABLE compliance_flags (
    id         INTEGER PRIMARY KEY,
    item_id    TEXT NOT NULL,
    answer_id  INTEGER NOT NULL REFERENCES assess_answers(id) ON DELETE CASCADE,
    plan_id    INTEGER NOT NULL REFERENCES assess_plans(id),
    round      INTEGER NOT NULL,
    reason     TEXT NOT NULL,                -- the contradicting check's reason, in English
    link       TEXT NOT NULL DEFAULT '',     -- where the evidence is (e.g. /alerts?item=…)
    raised_at  TEXT NOT NULL,
    cleared_at TEXT
);
CREATE UNIQUE INDEX compliance_flags_open ON compliance_flags(answer_id) WHERE cleared_at IS NULL;
CREATE INDEX compliance_flags_by_item ON compliance_flags(item_id);
