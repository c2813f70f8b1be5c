-- 008_auth: accounts, sessions and login history of the web application (src/auth, docs/web.md).
-- Guideline 3.1.5.1(1)(a)(c)(e) (identification, authentication, privileges), 3.2.2.1④ (access
-- control), 5.2 (multi-factor authentication) and 5.3(4) (session management).

-- One account per person; roles come from person_roles; `admin` is the administrator of airguard.
CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    password_hash       TEXT NOT NULL DEFAULT '',     -- argon2id (crypto_pwhash_str); '' = none
    admin               INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    locked              INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),  -- by an administrator
    failed_count        INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0), -- failures in a row
    locked_until        TEXT,                         -- automatic lockout after failures
    totp_secret         TEXT NOT NULL DEFAULT '',     -- base32; '' = not enrolled
    totp_last_step      INTEGER NOT NULL DEFAULT 0,   -- last accepted 30 s step (no replay)
    password_changed_at TEXT,
    last_login_at       TEXT,
    created_at          TEXT NOT NULL
);

-- Sessions: only the SHA-256 of the id is stored. stage: full, or waiting for the second factor.
CREATE TABLE sessions (
    id             INTEGER PRIMARY KEY,
    token_hash     TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    stage          TEXT NOT NULL CHECK (stage IN ('full', 'totp', 'enrol')),
    pending_secret TEXT NOT NULL DEFAULT '',          -- TOTP secret being enrolled
    address        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);

-- Every login attempt (what was typed as login is not kept: it may be a mistyped password).
CREATE TABLE login_history (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    address    TEXT NOT NULL,
    success    INTEGER NOT NULL CHECK (success IN (0, 1)),
    reason     TEXT NOT NULL CHECK (reason IN ('ok', 'password', 'unknown', 'locked', 'totp',
                                               'no-password'))
);
CREATE INDEX login_history_address ON login_history(address, at);
CREATE INDEX login_history_account ON login_history(account_id, at);
