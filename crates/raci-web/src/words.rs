//! What the service's records say, in the reader's words: an audit
//! entry's action, a notification's kind (the record's own text when the
//! catalog has no words for it, so a new kind still shows).

use raci_i18n::Words;

/// Message `id` when the catalog defines it, else `raw`.
pub fn or_raw(w: Words<'_>, id: &str, raw: &str) -> String {
    if w.catalog.has(w.locale, id) {
        w.t(id)
    } else {
        raw.to_owned()
    }
}

/// An audit entry's action in words (`action-duty-state`), and for a move
/// of a duty its states: `State changed: Open → In progress`.
pub fn action(w: Words<'_>, action: &str, details: &serde_json::Value) -> String {
    let label = or_raw(
        w,
        &format!("action-{}", action.replace(['.', '_'], "-")),
        action,
    );
    let state = |key: &str| {
        details
            .get(key)
            .and_then(|v| v.as_str())
            .map(|s| w.t(&format!("state-{s}")))
    };
    match (state("from"), state("to")) {
        (Some(from), Some(to)) => w.with(
            "duty-history-move",
            [("action", label.as_str()), ("from", &from), ("to", &to)],
        ),
        _ => label,
    }
}
