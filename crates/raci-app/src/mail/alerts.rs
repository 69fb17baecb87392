//! Reminders before a due date, to the R owners, and the escalation of an
//! overdue duty to its A owners: each once per duty, cycle, due date and
//! stage, whichever server's round sees it first.

use raci_store::{Duty, Letter, NewMail};

use crate::policy::state::is_final;
use crate::scope;
use crate::{App, AppError, AppResult};

/// What is due for a duty at a time: its stage (the key it is recorded
/// under), the mail's kind, and who hears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alert {
    pub stage: String,
    pub kind: &'static str,
    pub letter: Letter,
}

/// The alert a duty due at `due` calls for at `now`, given the reminder
/// offsets: past the due date, the escalation; before it, the reminder of
/// the nearest offset reached (a duty first seen 3 days before its due date
/// gets the 7-day reminder, not both); none before the first offset.
pub(crate) fn alert_at(due: i64, now: i64, remind_before_ms: &[i64]) -> Option<Alert> {
    if now >= due {
        return Some(Alert {
            stage: format!("overdue:{due}"),
            kind: "duty.overdue",
            letter: Letter::A,
        });
    }
    let offset = remind_before_ms
        .iter()
        .copied()
        .filter(|&before| before > 0 && now >= due.saturating_sub(before))
        .min()?;
    Some(Alert {
        stage: format!("remind:{offset}:{due}"),
        kind: "duty.reminder",
        letter: Letter::R,
    })
}

impl App {
    /// Queues the reminders and escalations due at `now`: the number of
    /// mails queued (digest users get theirs in their digest).
    pub(crate) async fn queue_alerts(&self, now: i64) -> AppResult<usize> {
        let offsets = &self.config.mail.remind_before_ms;
        let horizon = now.saturating_add(offsets.iter().copied().max().unwrap_or(0).max(0));
        let duties = self.store.read().await?.duties_due_by(horizon).await?;
        let mut queued = 0;
        for seen in duties {
            queued += self.alert_one(&seen, now).await?;
        }
        Ok(queued)
    }

    async fn alert_one(&self, seen: &Duty, now: i64) -> AppResult<usize> {
        let Some(due) = seen.due_at else {
            return Ok(0);
        };
        let Some(alert) = alert_at(due, now, &self.config.mail.remind_before_ms) else {
            return Ok(0);
        };
        let mut w = self.store.write().await?;
        let scope = scope::duty_unchecked(&mut *w, seen.id).await?;
        // Read again in this transaction: done or rescheduled since, it is
        // not this alert's any more.
        let d = &scope.duty;
        if d.cycle != seen.cycle
            || d.due_at != Some(due)
            || is_final(d.state)
            || d.retired_at.is_some()
        {
            return Ok(0);
        }
        if !w.record_alert(d.id, d.cycle, &alert.stage, now).await? {
            return Ok(0);
        }
        let mut users: Vec<i64> = scope::recipients(&mut *w, &scope, alert.letter)
            .await?
            .into_iter()
            .flat_map(|(_, users)| users)
            .collect();
        if users.is_empty() {
            // A duty no one answers for escalates to the admins of its R columns.
            for (org, _) in scope.audience(Letter::R) {
                users.extend(scope::admins(&mut *w, org).await?);
            }
        }
        users.sort_unstable();
        users.dedup();
        let payload = crate::views::NotificationPayload {
            due_at: Some(due),
            ..scope::duty_payload(&scope)
        };
        let payload = serde_json::to_string(&payload).map_err(AppError::internal)?;
        let subject = format!("duty:{}", d.id);
        for &user in &users {
            w.queue_mail(
                NewMail {
                    user,
                    kind: alert.kind,
                    subject: &subject,
                    payload_json: &payload,
                },
                now,
            )
            .await?;
        }
        w.commit().await?;
        Ok(users.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    #[test]
    fn the_nearest_reached_offset_reminds_then_the_due_date_escalates() {
        let offsets = [7 * DAY, DAY];
        let due = 100 * DAY;
        let stage = |now: i64| alert_at(due, now, &offsets).map(|a| (a.stage, a.letter));
        assert_eq!(stage(due - 8 * DAY), None);
        assert_eq!(
            stage(due - 7 * DAY),
            Some((format!("remind:{}:{due}", 7 * DAY), Letter::R))
        );
        assert_eq!(
            stage(due - 3 * DAY),
            Some((format!("remind:{}:{due}", 7 * DAY), Letter::R)),
            "still the 7-day stage"
        );
        assert_eq!(
            stage(due - 1),
            Some((format!("remind:{DAY}:{due}"), Letter::R))
        );
        assert_eq!(stage(due), Some((format!("overdue:{due}"), Letter::A)));
        assert_eq!(
            alert_at(due, due - DAY, &[]).map(|a| a.kind),
            None,
            "no reminders asked"
        );
        assert_eq!(
            alert_at(due, due + 1, &[0, -5]).map(|a| a.kind),
            Some("duty.overdue")
        );
    }
}
