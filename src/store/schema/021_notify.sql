-- 021_notify: notifications by e-mail and webhook (issue 7 item 6; docs/compliance.md
-- "Notifications"). The store is the queue: `notify scan` writes one outbox row per rule and
-- event, `notify send` delivers them, so nothing is lost while a mail server is down.
--
-- notify_rules: who is told what. channel email (target an address) or webhook (target an
-- http(s) URL); kinds a comma list of alert, action, exception, assessment, contradiction (or
-- "all"); the least level told; the language of the text (ja, en or both). secret_file: a file
-- with the webhook's HMAC key (the key itself is never stored).
CREATE TABLE notify_rules (
    id          INTEGER PRIMARY KEY,
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    target      TEXT NOT NULL CHECK (length(target) BETWEEN 3 AND 512),
    kinds       TEXT NOT NULL CHECK (length(kinds) > 0),
    min_level   TEXT NOT NULL DEFAULT 'warning'
                CHECK (min_level IN ('info', 'warning', 'high', 'critical')),
    lang        TEXT NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en', 'both')),
    secret_file TEXT,
    created_at  TEXT NOT NULL
);

-- notify_outbox: one message per rule and event. event_key names the event ("action:12:overdue"),
-- unique per rule, so scanning again never queues the same event twice. status queued → sent, or
-- queued again with attempts + 1 and a later next_attempt (backoff), or failed (a permanent
-- error, or too many attempts). subject/body are the text in the rule's language, payload the
-- event as a JSON object (the webhook's body is made from it).
CREATE TABLE notify_outbox (
    id           INTEGER PRIMARY KEY,
    rule_id      INTEGER NOT NULL REFERENCES notify_rules(id) ON DELETE CASCADE,
    event_key    TEXT NOT NULL CHECK (length(event_key) BETWEEN 1 AND 128),
    kind         TEXT NOT NULL,
    level        TEXT NOT NULL,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    payload      TEXT NOT NULL DEFAULT '{}',
    status       TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt TEXT NOT NULL,
    last_error   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    sent_at      TEXT,
    UNIQUE (rule_id, event_key)
);
CREATE INDEX notify_outbox_due ON notify_outbox(status, next_attempt);
