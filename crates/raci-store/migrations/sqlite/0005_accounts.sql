-- raci store, SQLite: password login, sessions and throttling of failed logins.
SELECT 1;
