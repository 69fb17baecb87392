//! What a mail says, before it is put in words.

/// What one message tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Owners mapped to a party column: the R of its duties.
    Assigned,
    /// An incident or change request routed to its R owner.
    Routed,
    /// A recurring duty reopened, for its R owner.
    Reopened,
    /// A C owner is asked.
    Consultation,
    /// The A owner is asked to sign off.
    Signoff,
    /// The I owners are told the duty is done.
    Done,
    /// Back with the R owner after an objection.
    Objection,
    /// Back with the R owner after a refused sign-off.
    SentBack,
    /// The R owner is told the duty does not apply.
    NotApplicable,
    /// A new edition changed duties of the customer's subscription.
    ChangeNotice,
    /// The R owner, before the due date.
    Reminder,
    /// The A owner, past the due date: an escalation.
    Overdue,
    /// A notice of a kind this version has no words for.
    Other,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 13] = [
        Kind::Assigned,
        Kind::Routed,
        Kind::Reopened,
        Kind::Consultation,
        Kind::Signoff,
        Kind::Done,
        Kind::Objection,
        Kind::SentBack,
        Kind::NotApplicable,
        Kind::ChangeNotice,
        Kind::Reminder,
        Kind::Overdue,
        Kind::Other,
    ];

    /// The kind of a notice, by the kind its inbox item has.
    pub fn of_notice(kind: &str) -> Kind {
        match kind {
            "duty.assigned" => Kind::Assigned,
            "event.routed" => Kind::Routed,
            "duty.reopen" => Kind::Reopened,
            "duty.consultation" => Kind::Consultation,
            "duty.signoff" => Kind::Signoff,
            "duty.done" => Kind::Done,
            "duty.objection" => Kind::Objection,
            "duty.sent_back" => Kind::SentBack,
            "duty.not_applicable" => Kind::NotApplicable,
            "change_notice" => Kind::ChangeNotice,
            "duty.reminder" => Kind::Reminder,
            "duty.overdue" => Kind::Overdue,
            _ => Kind::Other,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Kind::Assigned => "assigned",
            Kind::Routed => "routed",
            Kind::Reopened => "reopened",
            Kind::Consultation => "consultation",
            Kind::Signoff => "signoff",
            Kind::Done => "done",
            Kind::Objection => "objection",
            Kind::SentBack => "sent-back",
            Kind::NotApplicable => "not-applicable",
            Kind::ChangeNotice => "change-notice",
            Kind::Reminder => "reminder",
            Kind::Overdue => "overdue",
            Kind::Other => "other",
        }
    }

    /// The id of one of the kind's messages: `subject`, `lead` or `action`.
    pub(crate) fn message(self, part: &str) -> String {
        format!("mail-{}-{part}", self.slug())
    }
}

/// One message: the whole of a mail, or one entry of a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    /// The duty's text, or the event's title.
    pub text: String,
    /// The service's name.
    pub service: String,
    /// When the duty is due (milliseconds since the epoch), for reminders
    /// and escalations.
    pub due_at: Option<i64>,
    /// How many duties: those assigned, or those a change notice moves.
    pub count: i64,
    /// The edition a change notice brings.
    pub edition: Option<i64>,
    /// The page to act on, as an absolute URL.
    pub link: String,
}

/// A mail to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// How to greet them: their name.
    pub recipient: String,
    /// One item, or a digest's items, oldest first.
    pub items: Vec<Item>,
    /// For a digest, the end of the day it gathers (milliseconds since the
    /// epoch); none for a mail of its own.
    pub digest_until: Option<i64>,
    /// The service's home page ("my work"), as an absolute URL.
    pub home: String,
}
