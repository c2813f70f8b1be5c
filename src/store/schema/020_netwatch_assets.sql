-- 020_netwatch_assets: the devices netwatch observed on the wire (docs/netwatch.md "Asset
-- inventory"), compared with the asset register (guideline 3.1.5.2, 2.1.2: unmanaged devices),
-- as the last `airguard netwatch inventory -r FILE --store` computed them, for the web
-- application's /network page and the dashboard.
--
-- The whole inventory is replaced in one transaction by isms_netassets_replace
-- (src/isms/netassets.c): the table always holds one snapshot, never a mix of two. The rows
-- are not audited one by one (an inventory may hold thousands of devices and is recomputed at
-- will, src/store/audit.c leaves the table out like the alerts): each replacement writes one
-- explicit audit row (action 'import', entity 'netwatch_assets') with the count and the
-- SHA-256 of the stored inventory.
--
-- key: the device's identity in the inventory (its MAC, or its IP when seen only behind a
-- router); ips, names, protocols, roles: JSON arrays as netwatch writes them (ips of
-- {ip, first_seen, last_seen}, names of {name, source, …}, protocols of {app, proto, port,
-- dir} with dir "served" or "used", roles of strings); status: from the comparison with the
-- register; register_code/_name: the register's asset it matched.
CREATE TABLE netwatch_assets (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 128),
    mac           TEXT,
    vendor        TEXT,
    ips           TEXT NOT NULL DEFAULT '[]',
    names         TEXT NOT NULL DEFAULT '[]',
    protocols     TEXT NOT NULL DEFAULT '[]',
    roles         TEXT NOT NULL DEFAULT '[]',
    first_seen    TEXT,
    last_seen     TEXT,
    status        TEXT NOT NULL CHECK (status IN ('authorised', 'unmanaged', 'unauthorised',
                                                  'archived', 'observed')),
    register_code TEXT,
    register_name TEXT,
    snapshot_at   TEXT NOT NULL                -- when the inventory was stored (UTC)
);
CREATE INDEX netwatch_assets_by_status ON netwatch_assets(status);

-- The last snapshot (one row, id 1): when, from which input, how many devices — so that an
-- empty inventory is told apart from none stored yet.
CREATE TABLE netwatch_snapshot (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    taken_at    TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    devices     INTEGER NOT NULL CHECK (devices >= 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64)
);
