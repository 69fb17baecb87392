//! Reading duties: one duty with everything about it, its consultations,
//! its evidence and the bytes of an evidence file.

use raci_store::{prelude::*, Assignee, AuditFilter, Consultation, Letter};

use crate::policy::duty::DutyScope;
use crate::scope;
use crate::views::{
    AuditEntryView, ConsultationView, DutyDetailView, DutyView, EvidenceView, LetterHolders,
    OwnerRef,
};
use crate::{now, App, AppResult, Caller};

/// The longest duty history a detail shows.
const HISTORY_LIMIT: i64 = 500;

/// An owner with the name a page shows.
pub(crate) async fn owner_ref(r: &mut dyn Reads, owner: Assignee) -> AppResult<OwnerRef> {
    let name = match owner {
        Assignee::User(u) => r.user(u).await.map(|u| u.name),
        Assignee::Team(t) => r.team(t).await.map(|t| t.name),
    };
    Ok(OwnerRef {
        owner,
        name: name.unwrap_or_else(|_| "(removed)".to_owned()),
    })
}

async fn consultation_views(
    r: &mut dyn Reads,
    scope: &DutyScope,
    all: Vec<Consultation>,
) -> AppResult<Vec<ConsultationView>> {
    let round = all
        .iter()
        .filter(|c| c.cycle == scope.duty.cycle)
        .map(|c| c.round)
        .max();
    let awaiting = scope.duty.state == raci_store::DutyState::AwaitingConsultation;
    let mut views = Vec::with_capacity(all.len());
    for c in all {
        let asked = match (c.user_id, c.team_id) {
            (Some(u), _) => Some(owner_ref(r, Assignee::User(u)).await?),
            (None, Some(t)) => Some(owner_ref(r, Assignee::Team(t)).await?),
            (None, None) => None,
        };
        let open =
            awaiting && c.answer.is_none() && c.cycle == scope.duty.cycle && Some(c.round) == round;
        views.push(ConsultationView::of(c, asked, open));
    }
    Ok(views)
}

impl App {
    /// A duty of a subscription the caller sees.
    pub async fn duty(&self, caller: &Caller, id: i64) -> AppResult<DutyView> {
        let mut r = self.store.read().await?;
        let scope = scope::duty(&mut *r, caller, id).await?;
        Ok(DutyView::of(&scope.duty, now()))
    }

    /// A duty with its holders, evidence, consultations, sign-offs, the
    /// history the caller's organization keeps of it, and what the caller
    /// may do now.
    pub async fn duty_detail(&self, caller: &Caller, id: i64) -> AppResult<DutyDetailView> {
        let mut r = self.store.read().await?;
        let scope = scope::duty(&mut *r, caller, id).await?;
        let mut holders = Vec::new();
        for letter in [Letter::R, Letter::A, Letter::C, Letter::I] {
            let parties: Vec<String> = scope.columns(letter).map(str::to_owned).collect();
            for party in parties {
                let mut owners = Vec::new();
                for owner in scope.mapped(&party, letter) {
                    owners.push(owner_ref(&mut *r, owner).await?);
                }
                holders.push(LetterHolders {
                    letter,
                    org: scope.org_of(&party),
                    party,
                    owners,
                });
            }
        }
        let consultations = r.consultations(id).await?;
        let teams = scope::teams_of(&mut *r, &caller.user).await?;
        let allowed = scope.allowed(scope::actor(caller, &teams), &consultations);
        let filter = AuditFilter {
            subject: Some(format!("duty:{id}")),
            limit: HISTORY_LIMIT,
            ..AuditFilter::default()
        };
        let history = r.audit_entries(caller.org.id, &filter).await?;
        Ok(DutyDetailView {
            duty: DutyView::of(&scope.duty, now()),
            holders,
            evidence: r.evidence(id).await?.into_iter().collect(),
            consultations: consultation_views(&mut *r, &scope, consultations).await?,
            signoffs: r.signoffs(id).await?.into_iter().collect(),
            history: history.into_iter().map(AuditEntryView::from).collect(),
            allowed,
        })
    }

    /// A duty's consultations, every cycle and round, oldest first.
    pub async fn consultations(
        &self,
        caller: &Caller,
        id: i64,
    ) -> AppResult<Vec<ConsultationView>> {
        let mut r = self.store.read().await?;
        let scope = scope::duty(&mut *r, caller, id).await?;
        let all = r.consultations(id).await?;
        consultation_views(&mut *r, &scope, all).await
    }

    /// A duty's evidence, every cycle, oldest first.
    pub async fn evidence(&self, caller: &Caller, id: i64) -> AppResult<Vec<EvidenceView>> {
        let mut r = self.store.read().await?;
        scope::duty(&mut *r, caller, id).await?;
        Ok(r.evidence(id).await?.into_iter().collect())
    }

    /// An evidence item with its file's bytes (empty for text and links).
    pub async fn evidence_content(
        &self,
        caller: &Caller,
        duty: i64,
        evidence: i64,
    ) -> AppResult<(EvidenceView, Vec<u8>)> {
        let mut r = self.store.read().await?;
        scope::duty(&mut *r, caller, duty).await?;
        let item = r.evidence_item(duty, evidence).await?;
        let bytes = r.evidence_bytes(evidence).await?;
        Ok((item, bytes))
    }
}
