//! `/`: what waits on each role.

use raci_app::test_support::World;

use crate::support::Scene;

pub async fn my_work_lists_what_waits_on_each_role(w: World) {
    let s = Scene::new(w).await;
    let member = s.session(&s.cast.c_member).await;
    let page = s.get("/", &member).await;
    // The customer holds R in three rows: each to do.
    let titles = page.texts("li.item .item-title");
    assert_eq!(
        titles,
        [
            "Back up the queue definitions",
            "Rotate the access keys",
            "Size the cluster"
        ]
    );
    assert_eq!(page.texts("li.item .badge"), ["To do", "To do", "To do"]);
    assert_eq!(page.texts(".lead"), ["3 duties wait on you."]);
    assert_eq!(page.texts(".board-links a"), ["queue"]);
    assert_eq!(page.texts(".board-links .muted"), ["Nimbus · 4 duties"]);

    // The provider patches (its R); once the keys are submitted, its A signs off.
    let provider = s.session(&s.cast.p_member).await;
    let page = s.get("/", &provider).await;
    assert_eq!(page.texts("li.item .item-title"), ["Patch the brokers"]);
    let keys = s.duty("Rotate");
    s.submit(keys).await;
    let page = s.get("/", &provider).await;
    assert_eq!(page.texts("li.item .badge"), ["To do", "To sign off"]);
    assert_eq!(page.texts(".board-links .muted"), ["Acme · 4 duties"]);

    // An auditor reads; nothing waits on them. In French too.
    let auditor = s.session(&s.cast.c_auditor).await;
    let page = s
        .get_with("/", &format!("{}; raci_lang=fr", auditor.cookie), &[])
        .await;
    assert_eq!(page.count("li.item"), 0);
    assert_eq!(page.texts(".lead"), ["Rien ne vous attend."]);
    assert!(page.texts(".who").join(" ").contains("auditeur"));
}
