-- 013_alerts: the alerts of logwatch (issue 5 §5; docs/logwatch.md "Alerts and outputs"), one
-- row per alert as the rule engine emits it (the contract is in docs/logwatch.md), with the
-- handling by CSIRT: new → acknowledged → closed, and the incident it opened or was linked to.
--
-- Volume: alerts arrive in batches of thousands (the architecture's target is ≥ 100,000 rows/s),
-- so the tables `alerts` and `alert_items` have no per-row audit triggers (src/store/audit.c
-- leaves them out, like the sessions): each batch writes one explicit audit row (action 'import', entity 'alerts') with
-- the count and a SHA-256 of the stored rows, and every handling step (acknowledge, close,
-- incident opened or linked) is a row of `alert_actions`, which the audit trail records like
-- every other table. The alert's text id (from the engine, "lw-<16 hex>") is unique: a second
-- copy of an alert is ignored. seq orders rows by arrival (cursor pagination).
CREATE TABLE alerts (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 1 AND 64),
    time        TEXT NOT NULL,                        -- the event that completed it (UTC)
    category    TEXT NOT NULL CHECK (length(category) BETWEEN 1 AND 64),
    rule        TEXT NOT NULL,
    rule_id     TEXT,
    level       TEXT NOT NULL CHECK (level IN ('informational', 'low', 'medium', 'high',
                                                'critical')),
    src_ip      TEXT,
    user        TEXT,
    host        TEXT,
    count       INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1),
    first       TEXT,
    last        TEXT,
    guideline   TEXT NOT NULL DEFAULT '[]',            -- JSON arrays of strings
    catalog     TEXT NOT NULL DEFAULT '[]',
    attack      TEXT NOT NULL DEFAULT '[]',
    evidence    TEXT NOT NULL DEFAULT '[]',
    status      TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'acknowledged', 'closed')),
    incident_id INTEGER REFERENCES incidents(id),
    created_at  TEXT NOT NULL
);
-- The list's filters, each with seq (the rowid) for newest-first pages. Not the level: five
-- values, the list walks newest-first until a page is full (each index costs every insert).
-- time and status carry the category so the dashboard's counts per category read the index alone.
CREATE INDEX alerts_by_time ON alerts(time, category);
CREATE INDEX alerts_by_category ON alerts(category);
CREATE INDEX alerts_by_src ON alerts(src_ip) WHERE src_ip IS NOT NULL;
CREATE INDEX alerts_by_user ON alerts(user) WHERE user IS NOT NULL;
CREATE INDEX alerts_by_status ON alerts(status, category) WHERE status <> 'closed';

-- Guideline items an alert bears on (its catalog ids, and its guideline refs resolved through
-- the catalog), so a guideline item's page can show its alerts.
CREATE TABLE alert_items (
    item_id   TEXT NOT NULL,
    alert_seq INTEGER NOT NULL REFERENCES alerts(seq) ON DELETE CASCADE,
    PRIMARY KEY (item_id, alert_seq)
) WITHOUT ROWID;

-- The handling of an alert, audited like every table: who acknowledged or closed it, which
-- incident it opened or was linked to (person NULL = by configuration, outputs.incident).
CREATE TABLE alert_actions (
    id          INTEGER PRIMARY KEY,
    alert_seq   INTEGER NOT NULL REFERENCES alerts(seq) ON DELETE CASCADE,
    alert_id    TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('acknowledged', 'closed', 'incident-opened',
                                               'incident-linked')),
    person_id   INTEGER REFERENCES people(id),
    incident_id INTEGER REFERENCES incidents(id),
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
);
CREATE INDEX alert_actions_by_alert ON alert_actions(alert_seq);
