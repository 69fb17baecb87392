//! Subscriptions: a customer subscribes to a service (one duty per activity
//! of its latest edition); both organizations read it, its duties and their
//! counts; each organization maps owners to its own party columns.

use raci_model::{Activity, Document, Phases};
use raci_store::{prelude::*, Assignee, Duty, DutyState, Letter, NewDuty, OrgKind, Subscription};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::catalog::document_of;
use crate::policy::duty::DutyScope;
use crate::policy::{owners as owner_rules, roles};
use crate::scope;
use crate::validate::{self, Described, Rule};
use crate::views::{
    DutyView, EditionRef, LetterCounts, OrgRef, OwnerView, PartyColumn, PartySummary, PhaseSummary,
    ServiceRef, StateCounts, SubscriptionView, SummaryView,
};
use crate::{now, App, AppError, AppResult, Caller};

/// A subscription of the caller's customer organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSubscription {
    /// The service to subscribe to (its latest edition).
    pub service: i64,
}

/// The owners of each letter of one party column: R and A one owner each,
/// C and I any number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LetterOwnersInput {
    #[serde(rename = "R", default)]
    pub r: Option<Assignee>,
    #[serde(rename = "A", default)]
    pub a: Option<Assignee>,
    #[serde(rename = "C", default)]
    pub c: Vec<Assignee>,
    #[serde(rename = "I", default)]
    pub i: Vec<Assignee>,
}

/// Replaces the caller organization's mapping of one of its party columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnersInput {
    /// A column header of the subscription's edition that the caller's
    /// organization holds (see the subscription's `parties`).
    pub party: String,
    #[serde(default)]
    pub owners: LetterOwnersInput,
}

impl Described for OwnersInput {
    const RULES: &'static [(&'static str, Rule)] = &[("party", validate::PARTY)];
}

/// Which duties of a subscription to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DutyFilter {
    #[param(inline)]
    pub state: Option<DutyState>,
    /// Duties where this party column holds a letter (with `letter`, that letter).
    pub party: Option<String>,
    #[param(inline)]
    pub letter: Option<Letter>,
    /// Only unfinished duties past their due date.
    #[serde(default)]
    pub overdue: bool,
    /// Only duties the caller may act on (R, A or C, directly or through a team).
    #[serde(default)]
    pub mine: bool,
    /// Words the duty's text or section contain (case and accents ignored).
    pub q: Option<String>,
}

fn matches(
    duty: &DutyView,
    scope: &DutyScope,
    f: &DutyFilter,
    mine: bool,
    words: &[String],
) -> bool {
    if f.state.is_some_and(|s| s != duty.state) || (f.overdue && !duty.overdue) || (f.mine && !mine)
    {
        return false;
    }
    let letters = |party: &str| scope.duty.roles.get(party).copied().unwrap_or_default();
    match (&f.party, f.letter) {
        (Some(p), Some(l)) if !letters(p).contains(l.role()) => return false,
        (Some(p), None) if letters(p).is_empty() => return false,
        (None, Some(l)) if !scope.has(l) => return false,
        _ => {}
    }
    if words.is_empty() {
        return true;
    }
    let hay = raci_model::text::fold(&format!("{} {}", duty.text, duty.section.join(" ")));
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// The lifecycle phase of each duty, as the edition's headings give it.
pub(crate) fn phases_of(duties: &[Duty]) -> Vec<String> {
    let doc = Document {
        activities: duties
            .iter()
            .map(|d| Activity {
                id: d.activity_id.clone(),
                section: d.section.0.clone(),
                ..Activity::default()
            })
            .collect(),
        ..Document::new()
    };
    let phases = Phases::of(&doc);
    doc.activities
        .iter()
        .map(|a| phases.phase(a).to_owned())
        .collect()
}

impl App {
    async fn subscription_view(
        &self,
        r: &mut dyn Reads,
        sub: Subscription,
    ) -> AppResult<SubscriptionView> {
        let service = r.service(sub.service).await?;
        let customer = r.organization(sub.customer).await?;
        let provider = r.organization(service.provider).await?;
        let edition = r.edition(sub.edition).await?;
        let latest = r
            .latest_edition(service.id)
            .await?
            .unwrap_or_else(|| edition.clone());
        let document = document_of(&edition)?;
        let parties = document
            .parties
            .iter()
            .map(|party| {
                let customer_side = raci_model::is_customer(party);
                PartyColumn {
                    party: party.clone(),
                    org: if customer_side {
                        customer.id
                    } else {
                        provider.id
                    },
                    side: if customer_side {
                        OrgKind::Customer
                    } else {
                        OrgKind::Provider
                    },
                }
            })
            .collect();
        let pending_notice = r
            .change_notices(sub.id)
            .await?
            .into_iter()
            .rev()
            .find(|n| crate::notices::status(n) == crate::views::NoticeStatus::Pending)
            .map(|n| n.id);
        Ok(SubscriptionView {
            id: sub.id,
            customer: OrgRef::from(&customer),
            provider: OrgRef::from(&provider),
            service: ServiceRef {
                id: service.id,
                slug: service.slug,
                name: service.name,
            },
            edition: EditionRef {
                id: edition.id,
                number: edition.number,
            },
            latest_edition: EditionRef {
                id: latest.id,
                number: latest.number,
            },
            parties,
            pending_notice,
            duties: r.duties(sub.id).await?.len(),
            created_at: sub.created_at,
        })
    }

    /// A customer's writer subscribes to a service: one open duty per
    /// activity of its latest edition.
    pub async fn subscribe(
        &self,
        caller: &Caller,
        input: NewSubscription,
    ) -> AppResult<SubscriptionView> {
        roles::require_kind(caller, OrgKind::Customer)?;
        roles::require_writer(caller)?;
        let mut w = self.store.write().await?;
        let service = scope::service(&mut *w, caller, input.service).await?;
        let edition = w.latest_edition(service.id).await?.ok_or_else(|| {
            AppError::conflict(format!(
                "service {} has no published edition yet",
                service.id
            ))
            .with_field("service")
        })?;
        let sub = w
            .create_subscription(caller.org.id, service.id, edition.id)
            .await?;
        for a in document_of(&edition)?.activities {
            w.insert_duty(&NewDuty {
                subscription: sub.id,
                activity_id: a.id,
                text: a.text,
                section: a.section,
                roles: a.roles,
                kind: raci_store::DutyKind::Activity,
            })
            .await?;
        }
        let details =
            json!({"customer": caller.org.id, "service": service.id, "edition": edition.id});
        let subject = format!("subscription:{}", sub.id);
        for org in [caller.org.id, service.provider] {
            w.append_audit(
                org,
                &caller.actor(),
                "subscription.create",
                &subject,
                &details,
            )
            .await?;
        }
        let view = self.subscription_view(&mut *w, sub).await?;
        w.commit().await?;
        Ok(view)
    }

    /// A customer's own subscriptions; for a provider, those to its services.
    pub async fn subscriptions(&self, caller: &Caller) -> AppResult<Vec<SubscriptionView>> {
        let mut r = self.store.read().await?;
        let subs = match caller.org.kind {
            OrgKind::Customer => r.customer_subscriptions(caller.org.id).await?,
            OrgKind::Provider => r.provider_subscriptions(caller.org.id).await?,
        };
        let mut views = Vec::with_capacity(subs.len());
        for sub in subs {
            views.push(self.subscription_view(&mut *r, sub).await?);
        }
        Ok(views)
    }

    pub async fn subscription(&self, caller: &Caller, id: i64) -> AppResult<SubscriptionView> {
        let mut r = self.store.read().await?;
        let (sub, _) = scope::subscription(&mut *r, caller, id).await?;
        self.subscription_view(&mut *r, sub).await
    }

    /// A subscription's live duties, by id, filtered.
    pub async fn duties(
        &self,
        caller: &Caller,
        subscription: i64,
        filter: &DutyFilter,
    ) -> AppResult<Vec<DutyView>> {
        let party = validate::PARTY.check_optional("party", filter.party.as_deref())?;
        let filter = &DutyFilter {
            party,
            ..filter.clone()
        };
        let mut r = self.store.read().await?;
        let (sub, service) = scope::subscription(&mut *r, caller, subscription).await?;
        let owners = r.owners(sub.id).await?;
        let teams = if filter.mine {
            scope::teams_of(&mut *r, &caller.user).await?
        } else {
            Vec::new()
        };
        let q = validate::SEARCH.check_optional("q", filter.q.as_deref())?;
        let words: Vec<String> = q
            .as_deref()
            .map(raci_model::text::fold)
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let now = now();
        let mut duties = r.duties(sub.id).await?.into_iter();
        let Some(first) = duties.next() else {
            return Ok(Vec::new());
        };
        let mut scope = DutyScope {
            duty: first,
            subscription: sub,
            provider: service.provider,
            owners,
        };
        let actor = scope::actor(caller, &teams);
        let mut out = Vec::new();
        loop {
            let view = DutyView::of(&scope.duty, now);
            let mine = filter.mine
                && [Letter::R, Letter::A, Letter::C]
                    .into_iter()
                    .any(|l| scope.may_act(actor, l));
            if matches(&view, &scope, filter, mine, &words) {
                out.push(view);
            }
            match duties.next() {
                Some(d) => scope.duty = d,
                None => break,
            }
        }
        Ok(out)
    }

    /// A subscription's duties counted by state, party column, letter and
    /// lifecycle phase, with the overdue ones.
    pub async fn subscription_summary(
        &self,
        caller: &Caller,
        subscription: i64,
    ) -> AppResult<SummaryView> {
        let mut r = self.store.read().await?;
        let (sub, service) = scope::subscription(&mut *r, caller, subscription).await?;
        let duties = r.duties(sub.id).await?;
        let edition = r.edition(sub.edition).await?;
        let document = document_of(&edition)?;
        let now = now();
        let views: Vec<DutyView> = duties.iter().map(|d| DutyView::of(d, now)).collect();
        let mut states = StateCounts::default();
        for v in &views {
            states.add(v.state);
        }
        let mut parties: Vec<PartySummary> = document
            .parties
            .iter()
            .map(|party| PartySummary {
                party: party.clone(),
                org: if raci_model::is_customer(party) {
                    sub.customer
                } else {
                    service.provider
                },
                letters: LetterCounts::default(),
                open_r: 0,
            })
            .collect();
        for d in &duties {
            for (party, letters) in d.roles.iter() {
                let Some(p) = parties.iter_mut().find(|p| &p.party == party) else {
                    continue;
                };
                use raci_model::Role::*;
                for (role, slot) in [
                    (Responsible, &mut p.letters.r),
                    (Accountable, &mut p.letters.a),
                    (Supportive, &mut p.letters.s),
                    (Consulted, &mut p.letters.c),
                    (Informed, &mut p.letters.i),
                ] {
                    if letters.contains(role) {
                        *slot += 1;
                    }
                }
                if letters.contains(Responsible) && !crate::policy::state::is_final(d.state) {
                    p.open_r += 1;
                }
            }
        }
        let mut phases: Vec<PhaseSummary> = Vec::new();
        for (phase, v) in phases_of(&duties).into_iter().zip(&views) {
            let at = match phases.iter().position(|p| p.phase == phase) {
                Some(i) => i,
                None => {
                    phases.push(PhaseSummary {
                        phase,
                        total: 0,
                        states: StateCounts::default(),
                        overdue: 0,
                    });
                    phases.len() - 1
                }
            };
            let p = &mut phases[at];
            p.total += 1;
            p.states.add(v.state);
            p.overdue += usize::from(v.overdue);
        }
        Ok(SummaryView {
            subscription: sub.id,
            total: views.len(),
            overdue: views.iter().filter(|v| v.overdue).count(),
            states,
            parties,
            phases,
        })
    }

    /// Both organizations' owner mappings of a subscription.
    pub async fn owners(&self, caller: &Caller, subscription: i64) -> AppResult<Vec<OwnerView>> {
        let mut r = self.store.read().await?;
        scope::subscription(&mut *r, caller, subscription).await?;
        Ok(r.owners(subscription)
            .await?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Replaces the caller organization's mapping of one of its columns.
    pub async fn set_owners(
        &self,
        caller: &Caller,
        subscription: i64,
        input: OwnersInput,
    ) -> AppResult<Vec<OwnerView>> {
        let party = validate::PARTY.check("party", &input.party)?;
        let mut w = self.store.write().await?;
        let (sub, service) = scope::subscription(&mut *w, caller, subscription).await?;
        roles::require_writer(caller)?;
        // Authorize: the column must be one of the caller's organization.
        let parties = document_of(&w.edition(sub.edition).await?)?.parties;
        let column_org = if raci_model::is_customer(&party) {
            sub.customer
        } else {
            service.provider
        };
        owner_rules::check_column(&parties, &party, column_org, caller.org.id)?;
        // Validate: owners are users or teams of that organization, and
        // auditors are only told.
        let o = input.owners;
        let wanted: Vec<(Letter, Assignee)> = owner_rules::dedup(
            o.r.map(|a| (Letter::R, a))
                .into_iter()
                .chain(o.a.map(|a| (Letter::A, a)))
                .chain(o.c.into_iter().map(|a| (Letter::C, a)))
                .chain(o.i.into_iter().map(|a| (Letter::I, a)))
                .collect(),
        );
        for &(letter, owner) in &wanted {
            let user = match owner {
                Assignee::User(u) => match w.user(u).await {
                    Ok(user) if user.org == caller.org.id => Some(user),
                    Ok(_) | Err(raci_store::StoreError::NotFound { .. }) => {
                        return Err(not_ours(owner))
                    }
                    Err(e) => return Err(e.into()),
                },
                Assignee::Team(t) => match w.team(t).await {
                    Ok(team) if team.org == caller.org.id => None,
                    Ok(_) | Err(raci_store::StoreError::NotFound { .. }) => {
                        return Err(not_ours(owner))
                    }
                    Err(e) => return Err(e.into()),
                },
            };
            owner_rules::check_letter_owner(letter, owner, user.as_ref())?;
        }
        // Write.
        let r_before = w
            .owners(sub.id)
            .await?
            .into_iter()
            .find(|o| o.org == caller.org.id && o.party == party && o.letter == Letter::R)
            .map(|o| o.owner);
        w.replace_owners(sub.id, caller.org.id, &party, &wanted)
            .await?;
        let r_after = wanted
            .iter()
            .find(|(l, _)| *l == Letter::R)
            .map(|(_, o)| *o);
        if let Some(owner) = r_after.filter(|o| Some(*o) != r_before) {
            tell_assigned(&mut *w, &sub, caller.org.id, &party, owner).await?;
        }
        let mapping: Vec<_> = wanted
            .iter()
            .map(|(l, o)| json!({"letter": l, "owner": o}))
            .collect();
        let details = json!({"party": party, "owners": mapping});
        let subject = format!("subscription:{}", sub.id);
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "owners.set",
            &subject,
            &details,
        )
        .await?;
        let all = w.owners(sub.id).await?;
        w.commit().await?;
        Ok(all.into_iter().map(Into::into).collect())
    }
}

/// Tells a column's new R owner (a user, or a team's members) how many
/// unfinished duties of the subscription it now does, if any.
async fn tell_assigned(
    w: &mut dyn Writes,
    sub: &Subscription,
    org: i64,
    party: &str,
    owner: Assignee,
) -> AppResult<()> {
    let count = w
        .duties(sub.id)
        .await?
        .iter()
        .filter(|d| !crate::policy::state::is_final(d.state))
        .filter(|d| {
            d.roles
                .get(party)
                .is_some_and(|l| l.contains(raci_model::Role::Responsible))
        })
        .count();
    if count == 0 {
        return Ok(());
    }
    let recipients = match owner {
        Assignee::User(u) => vec![u],
        Assignee::Team(t) => w.team_members(t).await?,
    };
    let payload = crate::views::NotificationPayload {
        subscription: Some(sub.id),
        party: Some(party.to_owned()),
        entries: Some(i64::try_from(count).unwrap_or(i64::MAX)),
        ..crate::views::NotificationPayload::default()
    };
    let payload = serde_json::to_string(&payload).map_err(AppError::internal)?;
    w.notify(
        raci_store::Notice {
            org,
            recipients: &recipients,
            kind: "duty.assigned",
            subject: &format!("subscription:{}", sub.id),
            payload_json: &payload,
        },
        now(),
    )
    .await?;
    Ok(())
}

fn not_ours(owner: Assignee) -> AppError {
    AppError::not_found(format!(
        "{owner:?} is not a user or team of your organization"
    ))
    .with_field("owners")
}
