use raci_store::{MailPreference, MailStatus, Notice, OrgKind, Preferences, UserRole};

use crate::Harness;

const DAY: i64 = 86_400_000;

/// Three users of one organization who chose each kind of mail.
async fn three_minds(h: &Harness) -> (i64, [i64; 3]) {
    let org = h.org("Acme", OrgKind::Customer).await;
    let mut ids = [0; 3];
    for (i, (email, mail)) in [
        ("now@acme.test", MailPreference::Immediate),
        ("daily@acme.test", MailPreference::Digest),
        ("never@acme.test", MailPreference::None),
    ]
    .into_iter()
    .enumerate()
    {
        let user = h.user(org.id, email, UserRole::Member).await;
        let mut w = h.store.write().await.unwrap();
        let set = w
            .set_preferences(
                user.id,
                &Preferences {
                    locale: Some("fr".into()),
                    mail,
                },
            )
            .await
            .unwrap();
        w.commit().await.unwrap();
        assert_eq!(set.mail, mail);
        ids[i] = user.id;
    }
    (org.id, ids)
}

async fn tell(h: &Harness, org: i64, recipients: &[i64], now: i64) {
    let mut w = h.store.write().await.unwrap();
    w.notify(
        Notice {
            org,
            recipients,
            kind: "duty.signoff",
            subject: "duty:7",
            payload_json: "{\"duty\":7}",
        },
        now,
    )
    .await
    .unwrap();
    w.commit().await.unwrap();
}

pub async fn preferences_start_unset_and_are_kept(h: &Harness) {
    let org = h.org("Acme", OrgKind::Customer).await;
    let user = h.user(org.id, "a@acme.test", UserRole::Member).await;
    let mut r = h.store.read().await.unwrap();
    assert_eq!(
        r.preferences(user.id).await.unwrap(),
        Preferences {
            locale: None,
            mail: MailPreference::Immediate
        }
    );
    assert!(r.preferences(user.id + 100).await.is_err());
    drop(r);
    let mut w = h.store.write().await.unwrap();
    let wanted = Preferences {
        locale: Some("fr".into()),
        mail: MailPreference::Digest,
    };
    assert_eq!(w.set_preferences(user.id, &wanted).await.unwrap(), wanted);
    assert!(w.set_preferences(user.id + 100, &wanted).await.is_err());
    w.commit().await.unwrap();
    assert_eq!(
        h.store
            .read()
            .await
            .unwrap()
            .preferences(user.id)
            .await
            .unwrap(),
        wanted
    );
}

pub async fn notices_are_mailed_as_each_user_chose(h: &Harness) {
    let (org, [now_user, daily, never]) = three_minds(h).await;
    let now = 10 * DAY + 5;
    tell(h, org, &[now_user, daily, never], now).await;
    let mut r = h.store.read().await.unwrap();
    let mails = r.mails(org, None, 10).await.unwrap();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(
        (mails[0].user_id, mails[0].kind.as_str(), mails[0].status),
        (now_user, "duty.signoff", MailStatus::Pending)
    );
    assert_eq!(r.due_mails(now, 10).await.unwrap(), vec![mails[0].id]);
    assert_eq!(
        r.users_with_waiting_digest(now + 1).await.unwrap(),
        vec![daily]
    );
    assert!(
        r.users_with_waiting_digest(now).await.unwrap().is_empty(),
        "made at `now`, not before it"
    );
    assert_eq!(
        h.raw_count(
            "SELECT COUNT(*) FROM mail_digest_items WHERE user_id = $1",
            never
        )
        .await
            + h.raw_count("SELECT COUNT(*) FROM mails WHERE user_id = $1", never)
                .await,
        0,
        "no mail means nothing queued"
    );
}

pub async fn a_digest_is_made_once_per_user_and_window(h: &Harness) {
    let (org, [_, daily, _]) = three_minds(h).await;
    tell(h, org, &[daily], 10 * DAY + 5).await;
    tell(h, org, &[daily], 10 * DAY + 6).await;
    let window = 11 * DAY;
    let mut w = h.store.write().await.unwrap();
    assert!(
        w.gather_digest(daily, 10 * DAY, window)
            .await
            .unwrap()
            .is_none(),
        "nothing waits from before the day"
    );
    let digest = w
        .gather_digest(daily, window, window)
        .await
        .unwrap()
        .unwrap();
    w.commit().await.unwrap();
    assert_eq!(
        (digest.kind.as_str(), digest.user_id, digest.status),
        ("digest", daily, MailStatus::Pending)
    );
    // Another server's round of the same window makes nothing.
    tell(h, org, &[daily], 11 * DAY + 1).await;
    let mut w = h.store.write().await.unwrap();
    assert!(w
        .gather_digest(daily, window, window + 5)
        .await
        .unwrap()
        .is_none());
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.digest_items(digest.id).await.unwrap().len(), 2);
    assert_eq!(
        r.users_with_waiting_digest(12 * DAY).await.unwrap(),
        vec![daily],
        "the next day's item waits for the next window"
    );
    drop(r);
    let mut w = h.store.write().await.unwrap();
    let next = w.gather_digest(daily, 12 * DAY, 12 * DAY).await.unwrap();
    w.commit().await.unwrap();
    let next = next.unwrap();
    assert_ne!(next.id, digest.id);
    assert_eq!(
        h.store
            .read()
            .await
            .unwrap()
            .digest_items(next.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// Two servers racing for one mail: one claim wins.
pub async fn one_claim_wins_and_failures_reschedule(h: &Harness) {
    let (org, [now_user, _, _]) = three_minds(h).await;
    let now = 10 * DAY;
    tell(h, org, &[now_user], now).await;
    let id = h
        .store
        .read()
        .await
        .unwrap()
        .due_mails(now, 10)
        .await
        .unwrap()[0];
    let claim = |store: std::sync::Arc<dyn raci_store::Store>| async move {
        let mut w = store.write().await.unwrap();
        let claimed = w.claim_mail(id, now, 30_000).await.unwrap();
        w.commit().await.unwrap();
        claimed.is_some()
    };
    let (a, b) = tokio::join!(
        tokio::spawn(claim(h.store.clone())),
        tokio::spawn(claim(h.store.clone()))
    );
    assert_eq!(
        [a.unwrap(), b.unwrap()].iter().filter(|c| **c).count(),
        1,
        "exactly one claim"
    );
    assert!(h
        .store
        .read()
        .await
        .unwrap()
        .due_mails(now, 10)
        .await
        .unwrap()
        .is_empty());
    let mut w = h.store.write().await.unwrap();
    let again = w
        .record_mail_failure(id, "421 busy", Some(now + 2_000))
        .await
        .unwrap();
    assert_eq!(
        (again.status, again.attempts, again.next_attempt_at),
        (MailStatus::Pending, 1, now + 2_000)
    );
    assert!(w
        .claim_mail(id, now + 1_000, 30_000)
        .await
        .unwrap()
        .is_none());
    assert!(w
        .claim_mail(id, now + 2_000, 30_000)
        .await
        .unwrap()
        .is_some());
    let sent = w.record_mail_sent(id, now + 2_100).await.unwrap();
    assert_eq!(
        (sent.status, sent.sent_at),
        (MailStatus::Sent, Some(now + 2_100))
    );
    assert!(w
        .claim_mail(id, now + 99_000, 30_000)
        .await
        .unwrap()
        .is_none());
    w.commit().await.unwrap();

    tell(h, org, &[now_user], now).await;
    let mut w = h.store.write().await.unwrap();
    let other = w.mails(org, Some(MailStatus::Pending), 10).await.unwrap()[0].id;
    let failed = w
        .record_mail_failure(other, "550 no such user", None)
        .await
        .unwrap();
    assert_eq!(failed.status, MailStatus::Failed);
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert_eq!(
        r.mails(org, Some(MailStatus::Failed), 10).await.unwrap()[0]
            .last_error
            .as_deref(),
        Some("550 no such user")
    );
    assert_eq!(r.mails(org, None, 10).await.unwrap().len(), 2);
}

pub async fn old_news_expires_and_alerts_are_recorded_once(h: &Harness) {
    let (org, [now_user, daily, _]) = three_minds(h).await;
    tell(h, org, &[now_user, daily], DAY).await;
    tell(h, org, &[now_user, daily], 5 * DAY).await;
    let mut w = h.store.write().await.unwrap();
    assert_eq!(w.expire_mails(3 * DAY).await.unwrap(), 1);
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    let mails = r.mails(org, None, 10).await.unwrap();
    assert_eq!(
        mails.iter().map(|m| m.status).collect::<Vec<_>>(),
        [MailStatus::Pending, MailStatus::Expired]
    );
    assert_eq!(
        h.raw_count(
            "SELECT COUNT(*) FROM mail_digest_items WHERE user_id = $1",
            daily
        )
        .await,
        1,
        "the old digest item is dropped"
    );
    drop(r);

    let (_, duties) = h.subscribed(2).await;
    let d = &duties[0];
    let mut w = h.store.write().await.unwrap();
    w.schedule_duty(d.id, None, Some(20 * DAY), None, DAY)
        .await
        .unwrap();
    assert!(w
        .record_alert(d.id, 1, "remind:86400000:1728000000", DAY)
        .await
        .unwrap());
    assert!(!w
        .record_alert(d.id, 1, "remind:86400000:1728000000", DAY)
        .await
        .unwrap());
    assert!(w
        .record_alert(d.id, 2, "remind:86400000:1728000000", DAY)
        .await
        .unwrap());
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert!(r.duties_due_by(19 * DAY).await.unwrap().is_empty());
    assert_eq!(
        r.duties_due_by(20 * DAY)
            .await
            .unwrap()
            .iter()
            .map(|d| d.id)
            .collect::<Vec<_>>(),
        vec![d.id]
    );
    drop(r);
    // Escalated for its due date, it is looked at no more.
    let mut w = h.store.write().await.unwrap();
    assert!(w
        .record_alert(d.id, 1, &format!("overdue:{}", 20 * DAY), 21 * DAY)
        .await
        .unwrap());
    w.commit().await.unwrap();
    assert!(h
        .store
        .read()
        .await
        .unwrap()
        .duties_due_by(30 * DAY)
        .await
        .unwrap()
        .is_empty());
}
