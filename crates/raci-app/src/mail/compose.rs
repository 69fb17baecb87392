//! A mail of the outbox in words: its recipient's name, address and
//! language, and the letter its notice (or its digest's notices) makes.

use raci_mail::{Item, Kind, Letter, Locale};
use raci_store::{prelude::*, Mail, StoreError};

use super::{MailPolicy, OutgoingMail};
use crate::views::{Language, NotificationPayload};
use crate::AppResult;

/// What a digest mail's payload holds.
#[derive(Debug, Default, serde::Deserialize)]
struct DigestPayload {
    #[serde(default)]
    window_start: Option<i64>,
}

/// `path` under the public URL.
fn link(policy: &MailPolicy, path: &str) -> String {
    format!("{}{path}", policy.public_url.trim_end_matches('/'))
}

/// A missing row (gone since the notice) reads as none.
fn found<T>(read: Result<T, StoreError>) -> AppResult<Option<T>> {
    match read {
        Ok(row) => Ok(Some(row)),
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The message a notice of `kind` with `payload_json` makes, with today's
/// names (the service's, the duty's due date) read again.
async fn item(
    r: &mut dyn Reads,
    policy: &MailPolicy,
    kind: &str,
    payload_json: &str,
) -> AppResult<Item> {
    let payload: NotificationPayload = serde_json::from_str(payload_json).unwrap_or_default();
    let kind = Kind::of_notice(kind);
    let service = match payload.subscription {
        Some(id) => match found(r.subscription(id).await)? {
            Some(sub) => found(r.service(sub.service).await)?.map(|s| s.name),
            None => None,
        },
        None => None,
    };
    let due_at = match (payload.due_at, payload.duty) {
        (Some(due), _) => Some(due),
        (None, Some(duty)) => found(r.duty(duty).await)?.and_then(|d| d.due_at),
        (None, None) => None,
    };
    let path = match (kind, payload.change_notice, payload.duty) {
        (Kind::Assigned | Kind::Other, _, _) => "/".to_owned(),
        (_, Some(notice), _) => format!("/change-notices/{notice}"),
        (_, None, Some(duty)) => format!("/duties/{duty}"),
        (_, None, None) => "/".to_owned(),
    };
    Ok(Item {
        kind,
        text: payload.text.or(payload.party).unwrap_or_default(),
        service: service.unwrap_or_else(|| "raci".to_owned()),
        due_at,
        count: payload.entries.unwrap_or(1),
        edition: payload.to_number,
        link: link(policy, &path),
    })
}

/// The mail to send for an outbox row.
pub(super) async fn outgoing(
    r: &mut dyn Reads,
    policy: &MailPolicy,
    mail: &Mail,
) -> AppResult<OutgoingMail> {
    let user = r.user(mail.user_id).await?;
    let locale = r
        .preferences(user.id)
        .await?
        .locale
        .as_deref()
        .and_then(Language::parse)
        .map_or(Locale::En, Language::locale);
    let (items, digest_until) = if mail.kind == "digest" {
        let payload: DigestPayload = serde_json::from_str(&mail.payload_json).unwrap_or_default();
        let mut items = Vec::new();
        for i in r.digest_items(mail.id).await? {
            items.push(item(r, policy, &i.kind, &i.payload_json).await?);
        }
        (items, Some(payload.window_start.unwrap_or(mail.created_at)))
    } else {
        (
            vec![item(r, policy, &mail.kind, &mail.payload_json).await?],
            None,
        )
    };
    let letter = Letter {
        recipient: user.name.clone(),
        items,
        digest_until,
        home: link(policy, "/"),
    };
    let rendered = raci_mail::render(&letter, locale);
    Ok(OutgoingMail {
        id: mail.id,
        to: user.email,
        to_name: user.name,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
    })
}
