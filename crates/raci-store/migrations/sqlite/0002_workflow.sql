-- raci store, SQLite: owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
-- Recurring duties reopen on schedule; each reopening starts a new cycle.
ALTER TABLE duties ADD COLUMN cycle INTEGER NOT NULL DEFAULT 1;
ALTER TABLE duties ADD COLUMN due_at INTEGER;
ALTER TABLE duties ADD COLUMN next_due_at INTEGER;
