-- 009_account: password history, maximum password age, TOTP recovery codes and notices of
-- sign-ins from new addresses (src/auth, docs/web/account.md). Guideline 3.1.5.1(1)(a)(c)(e)
-- (authentication information managed: strength, validity period), 3.1.5.1(2)(e) (notice of a
-- login from an unusual address, login history shown), 3.2.2.1④ and 5.2 (multi-factor
-- authentication).

-- Every password an account has had, newest last (the current one included): a new password may
-- not be any of the last auth.history of them. Only argon2id hashes (the audit trail records
-- their SHA-256, like accounts.password_hash).
CREATE TABLE password_history (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX password_history_account ON password_history(account_id, id);
INSERT INTO password_history(account_id, password_hash, created_at)
    SELECT id, password_hash, coalesce(password_changed_at, created_at) FROM accounts
    WHERE password_hash <> '';

-- One-time recovery codes for the second factor: 80 random bits each, stored only as SHA-256
-- (token_hash, like session ids); used_at set when a code signs someone in (never again).
CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX recovery_codes_account ON recovery_codes(account_id);

-- A successful sign-in from an address the account had never signed in from. Shown in the
-- application until the person dismisses it; mailed when SMTP is configured (meta smtp.url,
-- smtp.from) and the person has an e-mail address. mail: pending (not yet looked at), queued
-- (handed to the sender thread), none (no SMTP or no address), refused (an address failed the
-- header checks).
CREATE TABLE login_notices (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    address      TEXT NOT NULL,
    mail         TEXT NOT NULL DEFAULT 'pending'
                 CHECK (mail IN ('pending', 'queued', 'none', 'refused')),
    dismissed_at TEXT
);
CREATE INDEX login_notices_account ON login_notices(account_id, dismissed_at);
CREATE INDEX login_notices_mail ON login_notices(mail);

-- Which second factor completed a successful sign-in: '' (none: password only), totp, recovery.
ALTER TABLE login_history ADD COLUMN factor TEXT NOT NULL DEFAULT ''
    CHECK (factor IN ('', 'totp', 'recovery'));

-- Sessions gain the stage 'password': signed in, but the password is older than
-- auth.max_age_days and must be changed before anything else. SQLite cannot change a CHECK, so
-- the table is rebuilt (sessions are not audited; nothing references them).
CREATE TABLE sessions_new (
    id             INTEGER PRIMARY KEY,
    token_hash     TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    stage          TEXT NOT NULL CHECK (stage IN ('full', 'totp', 'enrol', 'password')),
    pending_secret TEXT NOT NULL DEFAULT '',          -- TOTP secret being enrolled
    address        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL
);
INSERT INTO sessions_new SELECT id, token_hash, account_id, stage, pending_secret, address,
    created_at, last_seen_at FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_account ON sessions(account_id);
