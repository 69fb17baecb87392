-- raci store, SQLite: e-mail — each user's language and choice of mail, the mail outbox, daily digests, and the reminders and escalations already sent.

-- The language of a user's mails and pages (none: not chosen, English for
-- mail, the browser's for pages); how they want mail: each message as it
-- comes, one daily digest, or none.
ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IN ('en', 'fr'));
ALTER TABLE users ADD COLUMN mail_preference TEXT NOT NULL DEFAULT 'immediate'
    CHECK (mail_preference IN ('immediate', 'digest', 'none'));

-- The mail outbox: one row per mail to one user, written in the transaction
-- of the change it tells of (or by a digest or reminder round), rendered and
-- sent by whichever server claims it (a lease, like webhook deliveries).
CREATE TABLE mails (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    -- A mail made at most once whoever makes it: `digest:<user>:<window>`.
    once_key TEXT UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'expired')),
    last_error TEXT,
    locked_until INTEGER,
    sent_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX mails_due ON mails (status, next_attempt_at);
CREATE INDEX mails_org ON mails (org, status, id);

-- What waits for a user's daily digest; `mail` is the digest that took it.
CREATE TABLE mail_digest_items (
    id INTEGER PRIMARY KEY,
    org INTEGER NOT NULL REFERENCES organizations (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    mail INTEGER REFERENCES mails (id)
);
CREATE INDEX mail_digest_items_waiting ON mail_digest_items (user_id, mail, created_at);
CREATE INDEX mail_digest_items_mail ON mail_digest_items (mail);

-- Reminders before a due date and escalations past it, each recorded once
-- per duty, cycle and stage (`remind:<ms before>:<due>`, `overdue:<due>`)
-- by whichever server's round saw it first.
CREATE TABLE duty_alerts (
    duty INTEGER NOT NULL REFERENCES duties (id),
    cycle INTEGER NOT NULL,
    stage TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (duty, cycle, stage)
);
