-- raci store, SQLite: change notices between editions, and events (incidents, change requests) raised against a subscription.
SELECT 1;
