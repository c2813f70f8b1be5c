-- 010_api_tokens: bearer tokens of the JSON API /api/v1 (src/web/api_token.c, docs/web/api.md).
-- Guideline 3.1.5.1(1)(a)(c)(e) (identification, authentication, least privilege) and 5.3(4):
-- a token acts as its account (the person's roles) restricted to its scopes; only the SHA-256 of
-- the token is kept, so a copy of the store authenticates no one. A token of a locked account or
-- of an inactive person stops working; a revoked token never works again.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),  -- what it is for
    scopes       TEXT NOT NULL                    -- comma-separated: read, assess, incident
                 CHECK (length(scopes) > 0 AND scopes NOT GLOB '*[^a-z,]*'),
    token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),  -- SHA-256, hex
    created_at   TEXT NOT NULL,
    last_used_at TEXT,                            -- refreshed at most once a minute
    expires      TEXT,                            -- 'YYYY-MM-DD': valid through that day (UTC)
    revoked_at   TEXT
);
CREATE INDEX api_tokens_account ON api_tokens(account_id);
