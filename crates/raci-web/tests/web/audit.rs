//! `/audit` and `/audit/verify`: the log and its chain, for admins and auditors.

use raci_app::test_support::World;

use crate::support::Scene;

pub async fn the_audit_log_is_read_filtered_and_verified(w: World) {
    let s = Scene::new(w).await;
    let keys = s.duty("Rotate");
    s.submit(keys).await;
    let auditor = s.session(&s.cast.c_auditor).await;
    let page = s.get("/audit", &auditor).await;
    assert_eq!(page.status, 200);
    assert!(page
        .texts("nav.primary a")
        .contains(&"Audit log".to_owned()));
    let whats = page.texts("table.audit td:nth-child(4)");
    assert!(
        whats.contains(&"State changed: Open → In progress".to_owned()),
        "{whats:?}"
    );
    // Users of the organization by name; subjects as links.
    assert!(page
        .texts("table.audit td:nth-child(3)")
        .contains(&"member".to_owned()));
    assert!(page.count(&format!("table.audit a[href='/duties/{keys}']")) >= 3);
    // Filtered by action.
    let page = s.get("/audit?action=evidence.add", &auditor).await;
    assert_eq!(
        page.texts("table.audit td:nth-child(4)"),
        ["Evidence attached"]
    );
    // The chain holds.
    let page = s.get("/audit/verify", &auditor).await;
    assert_eq!(
        page.texts(".verdict"),
        ["The chain holds: every entry carries the hash of the one before."]
    );
    // A member neither sees the link nor reads the log.
    let member = s.session(&s.cast.c_member).await;
    let work = s.get("/", &member).await;
    assert!(!work
        .texts("nav.primary a")
        .contains(&"Audit log".to_owned()));
    let refused = s.get("/audit", &member).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.texts("h1"), ["Not allowed"]);
    let fr = s
        .get_with(
            "/audit/verify",
            &format!("{}; raci_lang=fr", auditor.cookie),
            &[],
        )
        .await;
    assert!(fr.texts(".verdict")[0].starts_with("La chaîne tient"));
}
