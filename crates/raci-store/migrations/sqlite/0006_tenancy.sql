-- raci store, SQLite: export and import of an organization, and its purge with a signed destruction record.

-- The instance's Ed25519 key pair, made on first use and kept here so that
-- every server sharing this database signs with the same key (one row).
CREATE TABLE instance_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- What a purge destroyed, signed; no foreign key, the organization is gone.
CREATE TABLE destruction_records (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL,
    record_json TEXT NOT NULL,
    signature TEXT NOT NULL,
    public_key TEXT NOT NULL,
    purged_at INTEGER NOT NULL
);

-- The audit log an organization brought from another instance, verbatim:
-- its hashes cover the original organization id, so the rows keep it and
-- stay verifiable as they were; the organization's own chain starts afresh
-- with an `organization.import` entry naming the old head.
CREATE TABLE imported_audit (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    original_org INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    imported_at INTEGER NOT NULL,
    UNIQUE (org, original_org, seq)
);
