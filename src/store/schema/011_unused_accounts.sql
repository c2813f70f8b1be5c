-- 011_unused_accounts: long-unused accounts are disabled (guideline 3.2.2.1(1)④: accounts not
-- used for a long time are stopped or deleted). src/auth/unused.c, docs/web/users.md.
-- An account is unused when its last successful sign-in — or, if it never signed in, its
-- creation or its last re-enabling by an administrator — is older than auth.disable_after_days.
ALTER TABLE accounts ADD COLUMN disabled_at TEXT;  -- when it was disabled; NULL = usable
ALTER TABLE accounts ADD COLUMN enabled_at TEXT;   -- last re-enabled by an administrator
INSERT INTO meta(key, value) VALUES ('auth.disable_after_days', '90')
    ON CONFLICT(key) DO NOTHING;
