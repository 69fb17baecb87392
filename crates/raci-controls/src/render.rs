//! Text forms of the controls view shared by its writers.

use std::fmt::Write as _;

use crate::ownership::Share;
use crate::view::{ControlActivity, ControlRow, ControlsView};

/// `Customer RA · Nimbus I` (parties without a letter left out).
pub fn letters(activity: &ControlActivity) -> String {
    let parts: Vec<String> = activity
        .roles
        .iter()
        .filter(|(_, roles)| !roles.is_empty())
        .map(|(party, roles)| format!("{party} {roles}"))
        .collect();
    if parts.is_empty() {
        "no letters".to_owned()
    } else {
        parts.join(" · ")
    }
}

/// `provider · Yes`, `undetermined`.
pub fn ownership_line(row: &ControlRow) -> String {
    match row.inheritable {
        Some(inheritable) => format!(
            "{} · inheritable {}",
            row.ownership.as_str(),
            inheritable.as_str()
        ),
        None => row.ownership.as_str().to_owned(),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The view as a Markdown page: a heading and one table row per control.
pub fn markdown(view: &ControlsView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — {}\n",
        cell(view.title.as_deref().unwrap_or("Responsibility matrix")),
        view.framework.name()
    );
    let _ = writeln!(
        out,
        "| Control | Ownership | Can be inherited | Activities |\n| --- | --- | --- | --- |"
    );
    for row in &view.controls {
        let mut activities: Vec<String> = row
            .activities
            .iter()
            .map(|a| {
                format!(
                    "{} (`{}`, {}: {})",
                    cell(&a.text),
                    a.entry,
                    cell(&letters(a)),
                    a.share.as_str()
                )
            })
            .collect();
        if activities.is_empty() {
            activities.extend(row.responsibilities.iter().map(|t| cell(t)));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            row.label,
            row.ownership.as_str(),
            row.inheritable.map_or("—", |i| i.as_str()),
            if activities.is_empty() {
                "—".to_owned()
            } else {
                activities.join("<br>")
            }
        );
    }
    let _ = writeln!(out, "\n{}", view.summary());
    out
}

/// `“Back up the brokers” (Customer I · Nimbus RA)`: the activity's text as
/// the page writes it, and every party's letters.
pub fn quoted(activity: &ControlActivity) -> String {
    format!("“{}” ({})", activity.text.trim(), letters(activity))
}

/// The activities of `row` the provider's side owns (alone or with the customer).
pub fn provider_part(row: &ControlRow) -> Vec<&ControlActivity> {
    row.activities
        .iter()
        .filter(|a| matches!(a.share, Share::Provider | Share::Shared))
        .collect()
}

/// The activities of `row` the customer owns (alone or with the provider).
pub fn customer_part(row: &ControlRow) -> Vec<&ControlActivity> {
    row.activities
        .iter()
        .filter(|a| matches!(a.share, Share::Customer | Share::Shared))
        .collect()
}

fn list(activities: &[&ControlActivity]) -> String {
    activities
        .iter()
        .map(|a| quoted(a))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The activities of the provider's part of the control, quoted:
/// `“A” (Customer I · Nimbus RA); “B” (…)`; `None` when it owns none of them.
pub fn provided_text(row: &ControlRow) -> Option<String> {
    let part = provider_part(row);
    (!part.is_empty()).then(|| list(&part))
}

/// The activities of the customer's part of the control, quoted; `None`
/// when it owns none of them.
pub fn responsibility_text(row: &ControlRow) -> Option<String> {
    let part = customer_part(row);
    (!part.is_empty()).then(|| list(&part))
}
