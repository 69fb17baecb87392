-- raci store, SQLite: the core of the service.
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('provider', 'customer')),
    created_at INTEGER NOT NULL,
    -- Head of the organization's audit chain, updated with every entry.
    audit_seq INTEGER NOT NULL DEFAULT 0,
    audit_head TEXT NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000'
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'auditor')),
    password_hash TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX users_org ON users (org);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    provider INTEGER NOT NULL REFERENCES organizations (id),
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (provider, slug)
);

CREATE TABLE editions (
    id INTEGER PRIMARY KEY,
    service INTEGER NOT NULL REFERENCES services (id),
    number INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    document_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    UNIQUE (service, number)
);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY,
    customer INTEGER NOT NULL REFERENCES organizations (id),
    service INTEGER NOT NULL REFERENCES services (id),
    edition INTEGER NOT NULL REFERENCES editions (id),
    created_at INTEGER NOT NULL,
    UNIQUE (customer, service)
);
CREATE INDEX subscriptions_service ON subscriptions (service);

CREATE TABLE duties (
    id INTEGER PRIMARY KEY,
    subscription INTEGER NOT NULL REFERENCES subscriptions (id),
    activity_id TEXT NOT NULL,
    text TEXT NOT NULL,
    section_json TEXT NOT NULL,
    roles_json TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    recurrence TEXT,
    updated_at INTEGER NOT NULL,
    UNIQUE (subscription, activity_id)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (org, seq)
);
