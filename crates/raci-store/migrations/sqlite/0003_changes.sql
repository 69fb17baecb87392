-- raci store, SQLite: change notices between editions, and events (incidents, change requests) raised against a subscription.
-- Duties come from the matrix (`activity`) or from an event raised against
-- the subscription (`incident`, `change_request`); a duty whose activity left
-- the matrix with an accepted change notice is retired, not deleted.
ALTER TABLE duties ADD COLUMN kind TEXT NOT NULL DEFAULT 'activity';
ALTER TABLE duties ADD COLUMN retired_at INTEGER;

-- The diff computed when an edition (number > 1) was published, against the
-- edition before it: raci-align's JSON, kept so it is computed once.
CREATE TABLE edition_diffs (
    edition INTEGER PRIMARY KEY REFERENCES editions (id),
    previous INTEGER NOT NULL REFERENCES editions (id),
    diff_json TEXT NOT NULL
);

-- What a new edition changes for one subscription: `entries_json` lists the
-- duties whose roles changed; `migration_json` is the plan applied on
-- acceptance (each duty's old and new activity). A newer notice for the same
-- subscription supersedes a pending one.
CREATE TABLE change_notices (
    id INTEGER PRIMARY KEY,
    subscription INTEGER NOT NULL REFERENCES subscriptions (id),
    from_edition INTEGER NOT NULL REFERENCES editions (id),
    to_edition INTEGER NOT NULL REFERENCES editions (id),
    entries_json TEXT NOT NULL,
    migration_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    accepted_at INTEGER,
    accepted_by TEXT,
    superseded_at INTEGER,
    UNIQUE (subscription, to_edition)
);
CREATE INDEX change_notices_subscription ON change_notices (subscription);

-- Incidents and change requests raised against a subscription; each is
-- carried by a duty of its own (`duty`), routed by the matched activity.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    subscription INTEGER NOT NULL REFERENCES subscriptions (id),
    duty INTEGER NOT NULL REFERENCES duties (id),
    kind TEXT NOT NULL CHECK (kind IN ('incident', 'change_request')),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    raised_at INTEGER NOT NULL
);
CREATE INDEX events_subscription ON events (subscription);
