use raci_store::{
    Answer, Consultee, Decision, EvidenceContent, EvidenceKind, NewEvidence, StoreError, UserRole,
};

use crate::Harness;

pub async fn evidence_keeps_hash_size_and_bytes(h: &Harness) {
    let (sub, duties) = h.subscribed(1).await;
    let u = h.user(sub.customer, "it@acme.test", UserRole::Member).await;
    let bytes = b"\x00\xffbinary proof".to_vec();
    let mut w = h.store.write().await.unwrap();
    let file = w
        .insert_evidence(NewEvidence {
            duty: duties[0].id,
            cycle: 1,
            by: u.id,
            content: EvidenceContent::File {
                name: "proof.bin".into(),
                media_type: "application/octet-stream".into(),
                bytes: bytes.clone(),
            },
        })
        .await
        .unwrap();
    let text = w
        .insert_evidence(NewEvidence {
            duty: duties[0].id,
            cycle: 2,
            by: u.id,
            content: EvidenceContent::Text("Restored on 2026-11-30".into()),
        })
        .await
        .unwrap();
    w.commit().await.unwrap();
    assert_eq!(file.kind, EvidenceKind::File);
    assert_eq!(file.size, Some(bytes.len() as i64));
    assert_eq!(
        file.sha256.as_deref(),
        Some(raci_store::sha256_hex(&bytes).as_str())
    );
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.evidence_bytes(file.id).await.unwrap(), bytes);
    assert!(r.evidence_bytes(text.id).await.unwrap().is_empty());
    assert_eq!(r.evidence_count(duties[0].id, 1).await.unwrap(), 1);
    assert_eq!(r.evidence(duties[0].id).await.unwrap().len(), 2);
    assert!(matches!(
        r.evidence_item(duties[0].id + 1, file.id).await,
        Err(StoreError::NotFound { .. })
    ));
}

pub async fn consultation_rounds_and_single_answers(h: &Harness) {
    let (sub, duties) = h.subscribed(1).await;
    let u = h.user(sub.customer, "c@acme.test", UserRole::Member).await;
    let d = duties[0].id;
    let asked = |party: &str| Consultee {
        party: party.into(),
        user: None,
        team: None,
    };
    let now = raci_store::now_ms();
    let mut w = h.store.write().await.unwrap();
    let first = w
        .open_consultations(d, 1, &[asked("Customer"), asked("Provider")])
        .await
        .unwrap();
    let second = w
        .open_consultations(d, 1, &[asked("Provider")])
        .await
        .unwrap();
    assert_eq!((first[0].round, first[1].round, second[0].round), (1, 1, 2));
    let answered = w
        .answer_consultation(
            first[0].id,
            Answer::Object,
            Some("the test failed"),
            u.id,
            now,
        )
        .await
        .unwrap();
    assert_eq!(answered.answer, Some(Answer::Object));
    assert!(matches!(
        w.answer_consultation(first[0].id, Answer::Agree, None, u.id, now)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let s = w
        .insert_signoff(d, 1, Decision::SendBack, Some("again"), u.id, now)
        .await
        .unwrap();
    w.commit().await.unwrap();
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.consultations(d).await.unwrap().len(), 3);
    assert_eq!(r.signoffs(d).await.unwrap(), vec![s]);
}
