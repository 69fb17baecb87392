//! Reads the web pages need beyond the API's: a subscription's board (its
//! duties with their phase, filtered also by phase and team) and a duty's
//! page (its detail with the subscription, and the users it names).

use std::collections::{BTreeSet, HashMap};

use raci_store::{Letter, Subscription};

use crate::catalog::document_of;
use crate::policy::duty::DutyScope;
use crate::scope;
use crate::subscriptions::phases_of;
use crate::views::{
    ActorName, BoardDuty, BoardView, DutyPageView, EditionView, NoticePageView, NoticeStatus,
    ServiceView,
};
use crate::{App, AppResult, Caller, DutyFilter};

/// Which duties a board shows: the list's filters, and the phase and team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardFilter {
    pub duties: DutyFilter,
    /// Only duties of this lifecycle phase.
    pub phase: Option<String>,
    /// Only duties a team of the caller is mapped to (any letter).
    pub team: bool,
}

/// One edition of a service as its page shows it: the matrix itself with
/// its lint findings, and the service's other editions.
#[derive(Debug, Clone)]
pub struct EditionMatrix {
    pub service: ServiceView,
    pub edition: EditionView,
    /// Every edition of the service, oldest first.
    pub editions: Vec<EditionView>,
    pub document: raci_model::Document,
    /// What the linter finds in it, with the default configuration.
    pub diagnostics: Vec<raci_lint::Diagnostic>,
}

impl App {
    /// An edition's matrix and its lint findings, for a caller who sees the service.
    pub async fn edition_matrix(
        &self,
        caller: &Caller,
        service: i64,
        number: i64,
    ) -> AppResult<EditionMatrix> {
        let view = self.service(caller, service).await?;
        let editions = self.editions(caller, service).await?;
        let mut r = self.store.read().await?;
        scope::service(&mut *r, caller, service).await?;
        let row = r
            .edition_by_number(service, number)
            .await
            .map_err(|_| crate::AppError::not_found(format!("edition {number} not found")))?;
        let document = document_of(&row)?;
        let diagnostics = raci_lint::lint(&document, &raci_lint::Config::default());
        let edition = EditionView::of(&row, &document);
        Ok(EditionMatrix {
            service: view,
            edition,
            editions,
            document,
            diagnostics,
        })
    }

    /// A subscription's board: its counts, its phases, and the duties
    /// `filter` keeps, each with its phase and whether the caller acts on it.
    pub async fn board(
        &self,
        caller: &Caller,
        subscription: i64,
        filter: &BoardFilter,
    ) -> AppResult<BoardView> {
        let view = self.subscription(caller, subscription).await?;
        let summary = self.subscription_summary(caller, subscription).await?;
        let listed = self.duties(caller, subscription, &filter.duties).await?;
        let mut r = self.store.read().await?;
        let (sub, service) = scope::subscription(&mut *r, caller, subscription).await?;
        let all = r.duties(sub.id).await?;
        let owners = r.owners(sub.id).await?;
        let teams = scope::teams_of(&mut *r, &caller.user).await?;
        let actor = scope::actor(caller, &teams);
        let phase_of: HashMap<i64, String> =
            all.iter().map(|d| d.id).zip(phases_of(&all)).collect();
        let mut phases: Vec<String> = Vec::new();
        for d in &all {
            let phase = &phase_of[&d.id];
            if !phases.contains(phase) {
                phases.push(phase.clone());
            }
        }
        let subscription_row: Subscription = sub;
        let mut mine = BTreeSet::new();
        let mut teamed = BTreeSet::new();
        for duty in all {
            let id = duty.id;
            let scope = DutyScope {
                duty,
                subscription: subscription_row.clone(),
                provider: service.provider,
                owners: owners.clone(),
            };
            if [Letter::R, Letter::A, Letter::C]
                .into_iter()
                .any(|l| scope.may_act(actor, l))
            {
                mine.insert(id);
            }
            if scope.held_by_teams(&teams) {
                teamed.insert(id);
            }
        }
        let duties = listed
            .into_iter()
            .filter(|d| !filter.team || teamed.contains(&d.id))
            .filter_map(|duty| {
                let phase = phase_of.get(&duty.id).cloned().unwrap_or_default();
                if filter.phase.as_ref().is_some_and(|p| *p != phase) {
                    return None;
                }
                Some(BoardDuty {
                    mine: mine.contains(&duty.id),
                    phase,
                    duty,
                })
            })
            .collect();
        Ok(BoardView {
            subscription: view,
            summary,
            phases,
            duties,
            in_a_team: !teams.is_empty(),
        })
    }

    /// A change notice's page: the notice, its subscription, and whether
    /// the caller may accept it now.
    pub async fn notice_page(&self, caller: &Caller, id: i64) -> AppResult<NoticePageView> {
        let notice = self.change_notice(caller, id).await?;
        let subscription = self.subscription(caller, notice.subscription).await?;
        let may_accept = notice.status == NoticeStatus::Pending
            && crate::policy::roles::require_notice_acceptor(caller).is_ok();
        Ok(NoticePageView {
            notice,
            subscription,
            may_accept,
        })
    }

    /// A duty's page: its detail, its subscription, and the users its
    /// history, evidence, answers and sign-offs name (of either
    /// organization of the subscription).
    pub async fn duty_page(&self, caller: &Caller, id: i64) -> AppResult<DutyPageView> {
        let detail = self.duty_detail(caller, id).await?;
        let subscription = self.subscription(caller, detail.duty.subscription).await?;
        let mut users: BTreeSet<i64> = detail
            .history
            .iter()
            .filter_map(|e| e.actor.strip_prefix("user:")?.parse().ok())
            .collect();
        users.extend(detail.evidence.iter().map(|e| e.created_by));
        users.extend(detail.signoffs.iter().map(|s| s.by_user));
        users.extend(detail.consultations.iter().filter_map(|c| c.answered_by));
        let orgs = [&subscription.customer, &subscription.provider];
        let mut r = self.store.read().await?;
        let mut actors = Vec::new();
        for user in users {
            let Ok(u) = r.user(user).await else { continue };
            if let Some(org) = orgs.iter().find(|o| o.id == u.org) {
                actors.push(ActorName {
                    actor: format!("user:{}", u.id),
                    name: u.name,
                    org: org.name.clone(),
                });
            }
        }
        Ok(DutyPageView {
            detail,
            subscription,
            actors,
        })
    }
}
