use raci_store::{EditionDiff, OrgKind, StoreError};

use crate::harness::document;
use crate::Harness;

pub async fn services_and_numbered_editions(h: &Harness) {
    let p = h.org("Provider", OrgKind::Provider).await;
    let q = h.org("Other provider", OrgKind::Provider).await;
    let mut w = h.store.write().await.unwrap();
    let svc = w
        .create_service(p.id, "managed-k8s", "Managed Kubernetes")
        .await
        .unwrap();
    // The same slug at another provider is another service.
    w.create_service(q.id, "managed-k8s", "Theirs")
        .await
        .unwrap();
    w.commit().await.unwrap();
    let mut w = h.store.write().await.unwrap();
    let dup = w.create_service(p.id, "managed-k8s", "Again").await;
    assert!(
        matches!(
            dup,
            Err(StoreError::Taken {
                entity: "service",
                field: "slug"
            })
        ),
        "{dup:?}"
    );
    drop(w);
    let mut w = h.store.write().await.unwrap();
    assert!(w.latest_edition(svc.id).await.unwrap().is_none());
    w.lock_service(svc.id).await.unwrap();
    assert!(matches!(
        w.lock_service(9999).await,
        Err(StoreError::NotFound { .. })
    ));
    let e1 = w.insert_edition(svc.id, &document(2)).await.unwrap();
    let e2 = w.insert_edition(svc.id, &document(3)).await.unwrap();
    w.insert_edition_diff(&EditionDiff {
        edition: e2.id,
        previous: e1.id,
        diff_json: "{\"changes\":[]}".into(),
    })
    .await
    .unwrap();
    w.commit().await.unwrap();
    assert_eq!((e1.number, e2.number), (1, 2));
    assert_eq!(
        e1.content_hash,
        raci_store::sha256_hex(e1.document_json.as_bytes())
    );
    let mut r = h.store.read().await.unwrap();
    assert_eq!(r.latest_edition(svc.id).await.unwrap(), Some(e2.clone()));
    assert_eq!(r.edition_by_number(svc.id, 1).await.unwrap(), e1);
    assert!(matches!(
        r.edition_by_number(svc.id, 3).await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(
        r.editions(svc.id).await.unwrap(),
        vec![e1.clone(), e2.clone()]
    );
    assert_eq!(
        r.edition_diff(e2.id).await.unwrap().unwrap().previous,
        e1.id
    );
    assert!(r.edition_diff(e1.id).await.unwrap().is_none());
    assert_eq!(r.services(Some(p.id)).await.unwrap(), vec![svc.clone()]);
    assert_eq!(r.services(None).await.unwrap().len(), 2);
}
