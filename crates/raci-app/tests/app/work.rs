//! "My work": what waits on each user, in the order they should take it.

use raci_app::test_support::World;
use raci_app::views::Waiting;
use raci_app::{AnswerInput, Caller, EvidenceInput, ScheduleInput};

use crate::scene::Scene;

/// `(text, waiting)` of what waits on `who`, in order.
async fn work(s: &Scene, who: &Caller) -> Vec<(String, Waiting)> {
    let view = s.w.app.work(who).await.unwrap();
    view.items
        .into_iter()
        .map(|i| (i.duty.text, i.waiting))
        .collect()
}

fn texts(items: &[(&str, Waiting)]) -> Vec<(String, Waiting)> {
    items.iter().map(|(t, w)| (t.to_string(), *w)).collect()
}

pub async fn work_waits_on_r_a_and_c_owners_overdue_first(w: World) {
    let s = Scene::new(w).await;
    let app = &s.w.app;
    let (keys, backup, logs) = (
        s.duty("Rotate the keys"),
        s.duty("Restore a backup"),
        s.duty("Clean the logs"),
    );
    let day = 24 * 3600 * 1000;
    let now = raci_store::now_ms();
    for (duty, due) in [(logs, now - day), (backup, now + 3 * day)] {
        let schedule = ScheduleInput {
            recurrence: None,
            due_at: Some(due),
        };
        app.schedule_duty(&s.c_admin, duty, schedule).await.unwrap();
    }
    use Waiting::*;
    // Every customer R is unmapped: its members and admins do it.
    let expected = texts(&[
        ("Clean the logs", Do),
        ("Restore a backup", Do),
        ("Rotate the keys", Do),
    ]);
    assert_eq!(work(&s, &s.c_member).await, expected);
    let view = app.work(&s.c_member).await.unwrap();
    assert_eq!(view.overdue, 1);
    assert!(view.items[0].duty.overdue);
    assert_eq!(view.items[0].counterparty.name, "Nimbus");
    assert_eq!(view.items[0].service.slug, "queue");
    for nobody in [&s.p_member, &s.c_auditor, &s.stranger] {
        assert!(work(&s, nobody).await.is_empty(), "{}", nobody.user.email);
    }

    // Submitted, the keys wait on the provider's C, then on its A.
    app.start_duty(&s.c_member, keys).await.unwrap();
    let evidence = EvidenceInput::Text {
        text: "rotated".into(),
    };
    app.add_evidence(&s.c_member, keys, evidence).await.unwrap();
    app.submit_duty(&s.c_member, keys).await.unwrap();
    let view = app.work(&s.p_member).await.unwrap();
    assert_eq!(view.items.len(), 1);
    assert_eq!(view.items[0].waiting, Answer);
    let consultation = view.items[0].consultations[0];
    assert_eq!(view.items[0].counterparty.name, "Acme");
    assert_eq!(work(&s, &s.c_member).await.len(), 2);
    let agree = AnswerInput::Agree { comment: None };
    app.answer_consultation(&s.p_member, keys, consultation, agree)
        .await
        .unwrap();
    assert_eq!(
        work(&s, &s.p_admin).await,
        texts(&[("Rotate the keys", SignOff)])
    );
}
