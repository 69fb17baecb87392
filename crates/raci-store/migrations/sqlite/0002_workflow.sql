-- raci store, SQLite: owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
-- Recurring duties reopen on schedule; each reopening starts a new cycle.
ALTER TABLE duties ADD COLUMN cycle INTEGER NOT NULL DEFAULT 1;
ALTER TABLE duties ADD COLUMN due_at INTEGER;
ALTER TABLE duties ADD COLUMN next_due_at INTEGER;

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (org, name)
);

CREATE TABLE team_members (
    team INTEGER NOT NULL REFERENCES teams (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (team, user_id)
);

-- Each organization maps its party columns of a subscription to owners per letter.
CREATE TABLE owners (
    id INTEGER PRIMARY KEY,
    subscription INTEGER NOT NULL REFERENCES subscriptions (id),
    org INTEGER NOT NULL REFERENCES organizations (id),
    party TEXT NOT NULL,
    letter TEXT NOT NULL CHECK (letter IN ('R', 'A', 'C', 'I')),
    user_id INTEGER REFERENCES users (id),
    team_id INTEGER REFERENCES teams (id),
    CHECK ((user_id IS NULL) <> (team_id IS NULL))
);
CREATE INDEX owners_subscription ON owners (subscription, party, letter);

CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    duty INTEGER NOT NULL REFERENCES duties (id),
    cycle INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'link', 'file')),
    text TEXT,
    url TEXT,
    file_name TEXT,
    media_type TEXT,
    size INTEGER,
    sha256 TEXT,
    content BLOB,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL
);
CREATE INDEX evidence_duty ON evidence (duty, cycle);

CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    duty INTEGER NOT NULL REFERENCES duties (id),
    cycle INTEGER NOT NULL,
    round INTEGER NOT NULL,
    party TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    team_id INTEGER REFERENCES teams (id),
    answer TEXT CHECK (answer IN ('agree', 'object')),
    comment TEXT,
    answered_by INTEGER REFERENCES users (id),
    answered_at INTEGER
);
CREATE INDEX consultations_duty ON consultations (duty, cycle, round);

CREATE TABLE signoffs (
    id INTEGER PRIMARY KEY,
    duty INTEGER NOT NULL REFERENCES duties (id),
    cycle INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'send_back')),
    comment TEXT,
    by_user INTEGER NOT NULL REFERENCES users (id),
    at INTEGER NOT NULL
);
CREATE INDEX signoffs_duty ON signoffs (duty, cycle);
CREATE INDEX duties_next_due ON duties (state, next_due_at);
