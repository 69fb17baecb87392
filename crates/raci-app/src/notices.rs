//! Change notices: what a new edition changes for a subscription, and its
//! acceptance, which migrates the subscription's duties (state and evidence
//! kept, removed ones retired, added ones opened).

pub(crate) mod plan;

use raci_store::{prelude::*, ChangeNotice, Migrated};
use serde_json::json;

use crate::policy::roles;
use crate::scope;
use crate::views::{
    AcceptanceView, Direction, DutyView, EntryKind, NoticeEntry, NoticeStatus, NoticeView,
};
use crate::{now, App, AppError, AppResult, Caller};

pub(crate) fn status(n: &ChangeNotice) -> NoticeStatus {
    if n.accepted_at.is_some() {
        NoticeStatus::Accepted
    } else if n.superseded_at.is_some() {
        NoticeStatus::Superseded
    } else {
        NoticeStatus::Pending
    }
}

fn entries_of(n: &ChangeNotice) -> AppResult<Vec<NoticeEntry>> {
    serde_json::from_str(&n.entries_json)
        .map_err(|e| AppError::internal(format!("change notice {}: {e}", n.id)))
}

pub(crate) async fn view(r: &mut dyn Reads, n: ChangeNotice) -> AppResult<NoticeView> {
    let from_number = r.edition(n.from_edition).await?.number;
    let to_number = r.edition(n.to_edition).await?.number;
    let entries = entries_of(&n)?;
    Ok(NoticeView {
        onto_customer: entries
            .iter()
            .filter(|e| e.direction == Direction::OntoCustomer)
            .count(),
        status: status(&n),
        entries,
        id: n.id,
        subscription: n.subscription,
        from_edition: n.from_edition,
        to_edition: n.to_edition,
        from_number,
        to_number,
        created_at: n.created_at,
        accepted_at: n.accepted_at,
        accepted_by: n.accepted_by,
    })
}

/// A notice of a subscription the caller sees.
async fn visible_notice(r: &mut dyn Reads, caller: &Caller, id: i64) -> AppResult<ChangeNotice> {
    let hidden = || AppError::not_found(format!("change notice {id} not found"));
    let notice = r.change_notice(id).await.map_err(|_| hidden())?;
    scope::subscription(r, caller, notice.subscription)
        .await
        .map_err(|_| hidden())?;
    Ok(notice)
}

impl App {
    /// A subscription's change notices, oldest first.
    pub async fn change_notices(
        &self,
        caller: &Caller,
        subscription: i64,
    ) -> AppResult<Vec<NoticeView>> {
        let mut r = self.store.read().await?;
        scope::subscription(&mut *r, caller, subscription).await?;
        let mut views = Vec::new();
        for n in r.change_notices(subscription).await? {
            views.push(view(&mut *r, n).await?);
        }
        Ok(views)
    }

    pub async fn change_notice(&self, caller: &Caller, id: i64) -> AppResult<NoticeView> {
        let mut r = self.store.read().await?;
        let n = visible_notice(&mut *r, caller, id).await?;
        view(&mut *r, n).await
    }

    /// The customer's admin accepts the latest pending notice: the
    /// subscription moves to its edition and the duties migrate, once.
    pub async fn accept_change_notice(
        &self,
        caller: &Caller,
        id: i64,
    ) -> AppResult<AcceptanceView> {
        let mut w = self.store.write().await?;
        let notice = visible_notice(&mut *w, caller, id).await?;
        roles::require_notice_acceptor(caller)?;
        let sub = w.lock_subscription(notice.subscription).await?;
        // Read again under the lock: a concurrent acceptance has committed by now.
        let notice = w.change_notice(id).await?;
        if notice.accepted_at.is_some() {
            return Err(AppError::conflict(format!(
                "change notice {id} is already accepted"
            )));
        }
        if notice.superseded_at.is_some() || notice.from_edition != sub.edition {
            return Err(AppError::conflict(format!(
                "change notice {id} is superseded by a newer one; accept the latest"
            )));
        }
        let now = now();
        let actor = caller.actor();
        let migrated = w.migrate_duties(sub.id, &notice.migration, now).await?;
        let (mut moved, mut retired, mut added) = (0, 0, 0);
        let mut entries = entries_of(&notice)?;
        for m in &migrated {
            let (duty, details) = match m {
                Migrated::Moved { before, after } => {
                    moved += 1;
                    (
                        &**after,
                        json!({"old_activity": before.activity_id, "new_activity": after.activity_id,
                        "old_roles": crate::views::roles_view(&before.roles),
                        "new_roles": crate::views::roles_view(&after.roles), "state": after.state}),
                    )
                }
                Migrated::Retired(d) => {
                    retired += 1;
                    (
                        d,
                        json!({"retired": true, "old_activity": d.activity_id,
                        "old_roles": crate::views::roles_view(&d.roles), "new_roles": null}),
                    )
                }
                Migrated::Added(d) => {
                    added += 1;
                    for e in entries.iter_mut().filter(|e| {
                        e.kind == EntryKind::Added
                            && e.new_activity.as_deref() == Some(&d.activity_id)
                    }) {
                        e.duty = Some(d.id);
                    }
                    (
                        d,
                        json!({"added": true, "new_activity": d.activity_id, "old_roles": null,
                        "new_roles": crate::views::roles_view(&d.roles)}),
                    )
                }
            };
            let subject = format!("duty:{}", duty.id);
            w.append_audit(sub.customer, &actor, "duty.migrate", &subject, &details)
                .await?;
        }
        let entries_json = serde_json::to_string(&entries).map_err(AppError::internal)?;
        w.set_notice_entries(id, &entries_json).await?;
        w.set_subscription_edition(sub.id, notice.to_edition)
            .await?;
        let accepted = w.mark_notice_accepted(id, &actor, now).await?;
        let provider = w.service(sub.service).await?.provider;
        let subject = format!("change_notice:{id}");
        let details = json!({
            "subscription": sub.id, "from_edition": accepted.from_edition,
            "to_edition": accepted.to_edition, "moved": moved, "retired": retired, "added": added,
        });
        for org in [sub.customer, provider] {
            w.append_audit(org, &actor, "change_notice.accept", &subject, &details)
                .await?;
        }
        let notice = view(&mut *w, accepted).await?;
        w.commit().await?;
        Ok(AcceptanceView {
            notice,
            moved,
            retired,
            added,
        })
    }

    /// The duties an accepted notice retired, kept for history.
    pub async fn retired_duties(
        &self,
        caller: &Caller,
        subscription: i64,
    ) -> AppResult<Vec<DutyView>> {
        let mut r = self.store.read().await?;
        scope::subscription(&mut *r, caller, subscription).await?;
        let now = now();
        Ok(r.retired_duties(subscription)
            .await?
            .iter()
            .map(|d| DutyView::of(d, now))
            .collect())
    }
}
