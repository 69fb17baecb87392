-- raci store, PostgreSQL: password login, sessions and throttling of failed logins.
SELECT 1;
