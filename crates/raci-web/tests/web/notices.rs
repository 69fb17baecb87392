//! `/change-notices/{id}`: what a new edition moves, and its acceptance.

use raci_app::test_support::World;

use crate::support::{flash_of, Scene, MATRIX};

pub async fn a_notice_shows_the_moves_and_the_admin_accepts_it(w: World) {
    let s = Scene::new(w).await;
    // The keys' A moves from Nimbus onto the customer.
    let next = MATRIX.replace(
        "| Rotate the access keys | R | A |",
        "| Rotate the access keys | RA | I |",
    );
    assert_ne!(next, MATRIX);
    s.publish(&next).await;
    let admin = s.session(&s.cast.c_admin).await;
    let member = s.session(&s.cast.c_member).await;

    // The board points at the notice.
    let board = s
        .get(&format!("/subscriptions/{}", s.subscription), &member)
        .await;
    let html = board.html();
    let href = html
        .select(&scraper::Selector::parse(".notice-warning a").unwrap())
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a link to the notice")
        .to_owned();
    assert!(href.starts_with("/change-notices/"), "{href}");

    let page = s.get(&href, &admin).await;
    assert_eq!(page.texts("h1"), ["Edition 1 → edition 2"]);
    assert_eq!(
        page.texts(".lead"),
        ["One duty changes; one moves work onto the customer."]
    );
    assert_eq!(
        page.texts("table.notice-entries td.duty-text a"),
        ["Rotate the access keys"]
    );
    assert_eq!(
        page.texts("table.notice-entries .badge"),
        ["onto the customer"]
    );
    let letters = page.texts("td.letters-change .pr.changed");
    assert_eq!(
        letters,
        [
            "Customer R Responsible → becomes R Responsible A Accountable",
            "Nimbus A Accountable → becomes I Informed"
        ]
    );
    assert_eq!(page.count("form[action$='/accept']"), 1);
    // Only the customer's admin accepts.
    assert_eq!(
        s.get(&href, &member).await.count("form[action$='/accept']"),
        0
    );
    let refused = s.post(&format!("{href}/accept"), &member, &[]).await;
    assert_eq!(refused.status, 303);
    let accepted = s.post(&format!("{href}/accept"), &admin, &[]).await;
    let cookies = format!("{}; {}", admin.cookie, flash_of(&accepted).unwrap());
    let page = s.get_with(accepted.location(), &cookies, &[]).await;
    assert_eq!(
        page.texts(".notice"),
        ["The new edition is accepted; the duties follow it."]
    );
    assert_eq!(page.texts(".facts .state"), ["Accepted"]);
    assert_eq!(page.count("form[action$='/accept']"), 0);
    // In French.
    let fr = s
        .get_with(&href, &format!("{}; raci_lang=fr", admin.cookie), &[])
        .await;
    assert_eq!(fr.texts("table.notice-entries .badge"), ["vers le client"]);
}
