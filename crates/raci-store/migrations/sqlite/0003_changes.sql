-- raci store, SQLite: change notices between editions, and events (incidents, change requests) raised against a subscription.
-- Duties come from the matrix (`activity`) or from an event raised against
-- the subscription (`incident`, `change_request`); a duty whose activity left
-- the matrix with an accepted change notice is retired, not deleted.
ALTER TABLE duties ADD COLUMN kind TEXT NOT NULL DEFAULT 'activity';
ALTER TABLE duties ADD COLUMN retired_at INTEGER;
