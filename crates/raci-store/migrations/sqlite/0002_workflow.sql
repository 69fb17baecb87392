-- raci store, SQLite: owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
SELECT 1;
