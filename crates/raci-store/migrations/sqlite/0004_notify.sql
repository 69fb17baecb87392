-- raci store, SQLite: the in-app inbox of each user and outbound webhooks with their delivery log.
CREATE TABLE inbox (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX inbox_user ON inbox (user_id, id);

-- Outbound webhooks of an organization; the secret signs each delivery (HMAC).
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    url TEXT NOT NULL,
    secret TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_org ON webhooks (org);

-- The outbox and delivery log: one row per event and webhook, written in the
-- event's transaction, sent later by the delivery worker.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    webhook INTEGER NOT NULL REFERENCES webhooks (id),
    org INTEGER NOT NULL REFERENCES organizations (id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    last_status INTEGER,
    last_error TEXT,
    locked_until INTEGER,
    delivered_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_webhook ON deliveries (webhook, id);
