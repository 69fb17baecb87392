//! Each user's language and choice of mail, set by themselves.

use raci_store::{MailPreference, Preferences};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::validate::{Described, Rule};
use crate::views::{Language, PreferencesView};
use crate::{App, AppError, AppResult, Caller};

/// The caller's language and choice of mail, both replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesInput {
    /// `en` or `fr`; none (or absent): not chosen.
    #[serde(default)]
    pub locale: Option<Language>,
    /// `immediate`, `digest` (one mail a day) or `none`.
    pub mail: MailPreference,
}

impl Described for PreferencesInput {
    const RULES: &'static [(&'static str, Rule)] = &[];
}

fn view(p: Preferences) -> AppResult<PreferencesView> {
    let locale = match p.locale.as_deref() {
        None => None,
        Some(tag) => Some(Language::parse(tag).ok_or_else(|| {
            AppError::internal(format!("a stored locale that is none of ours: {tag:?}"))
        })?),
    };
    Ok(PreferencesView {
        locale,
        mail: p.mail,
    })
}

impl App {
    /// The caller's own preferences.
    pub async fn preferences(&self, caller: &Caller) -> AppResult<PreferencesView> {
        let mut r = self.store.read().await?;
        view(r.preferences(caller.user.id).await?)
    }

    /// Replaces the caller's own preferences (anyone, auditors too: they
    /// are told of what they are I of). Recorded in the organization's trail.
    pub async fn set_preferences(
        &self,
        caller: &Caller,
        input: PreferencesInput,
    ) -> AppResult<PreferencesView> {
        let wanted = Preferences {
            locale: input.locale.map(|l| l.as_str().to_owned()),
            mail: input.mail,
        };
        let mut w = self.store.write().await?;
        let before = w.preferences(caller.user.id).await?;
        let set = w.set_preferences(caller.user.id, &wanted).await?;
        if before != set {
            w.append_audit(
                caller.org.id,
                &caller.actor(),
                "user.preferences",
                &format!("user:{}", caller.user.id),
                &json!({"locale": set.locale, "mail": set.mail}),
            )
            .await?;
        }
        w.commit().await?;
        view(set)
    }
}
