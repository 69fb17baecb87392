//! What waits on the caller across every subscription their organization
//! sees: duties to do (R), to sign off (A), consultations to answer (C).
//! Who may act is the duty policy's answer ([`DutyScope::allowed`]), so
//! this list never offers what the steps would refuse.

use raci_store::{DutyState, OrgKind};

use crate::policy::duty::DutyScope;
use crate::scope;
use crate::views::{DutyView, OrgRef, ServiceRef, Waiting, WorkItem, WorkView};
use crate::{now, App, AppResult, Caller};

impl App {
    /// The duties waiting on the caller, overdue first, then by due date
    /// (undated last), then as the matrices list them.
    pub async fn work(&self, caller: &Caller) -> AppResult<WorkView> {
        let mut r = self.store.read().await?;
        let subscriptions = match caller.org.kind {
            OrgKind::Customer => r.customer_subscriptions(caller.org.id).await?,
            OrgKind::Provider => r.provider_subscriptions(caller.org.id).await?,
        };
        let teams = scope::teams_of(&mut *r, &caller.user).await?;
        let actor = scope::actor(caller, &teams);
        let now = now();
        let mut items = Vec::new();
        for subscription in subscriptions {
            let service = r.service(subscription.service).await?;
            let other = match caller.org.kind {
                OrgKind::Customer => service.provider,
                OrgKind::Provider => subscription.customer,
            };
            let counterparty = OrgRef::from(&r.organization(other).await?);
            let owners = r.owners(subscription.id).await?;
            let service_ref = ServiceRef {
                id: service.id,
                slug: service.slug.clone(),
                name: service.name.clone(),
            };
            let mut duties = r.duties(subscription.id).await?.into_iter();
            let Some(first) = duties.next() else {
                continue;
            };
            let mut scope = DutyScope {
                duty: first,
                subscription,
                provider: service.provider,
                owners,
            };
            loop {
                let consultations = if scope.duty.state == DutyState::AwaitingConsultation {
                    r.consultations(scope.duty.id).await?
                } else {
                    Vec::new()
                };
                let allowed = scope.allowed(actor, &consultations);
                let waiting = if allowed.start || allowed.submit {
                    Some(Waiting::Do)
                } else if allowed.sign_off {
                    Some(Waiting::SignOff)
                } else if !allowed.answer.is_empty() {
                    Some(Waiting::Answer)
                } else {
                    None
                };
                if let Some(waiting) = waiting {
                    items.push(WorkItem {
                        duty: DutyView::of(&scope.duty, now),
                        waiting,
                        service: service_ref.clone(),
                        counterparty: counterparty.clone(),
                        consultations: allowed.answer,
                    });
                }
                match duties.next() {
                    Some(d) => scope.duty = d,
                    None => break,
                }
            }
        }
        items.sort_by_key(|i| (!i.duty.overdue, i.duty.due_at.unwrap_or(i64::MAX)));
        Ok(WorkView {
            overdue: items.iter().filter(|i| i.duty.overdue).count(),
            items,
        })
    }
}
