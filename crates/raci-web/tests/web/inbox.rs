//! `/inbox`: what the service told each person, and marking it read.

use raci_app::test_support::World;

use crate::support::{flash_of, Scene};

pub async fn the_inbox_tells_and_is_marked_read(w: World) {
    let s = Scene::new(w).await;
    let keys = s.duty("Rotate");
    s.submit(keys).await;

    // Nimbus's A is unmapped: its admin is asked to sign off.
    let admin = s.session(&s.cast.p_admin).await;
    let page = s.get("/inbox", &admin).await;
    assert_eq!(page.texts(".lead"), ["One unread notification."]);
    assert_eq!(page.texts("li.item.unread .badge"), ["To sign off"]);
    assert_eq!(
        page.texts("li.item a.item-title"),
        ["Rotate the access keys"]
    );
    let html = page.html();
    let form = html
        .select(&scraper::Selector::parse("li.item form").unwrap())
        .next()
        .and_then(|f| f.value().attr("action"))
        .unwrap()
        .to_owned();
    // Nobody else marks it read.
    let stranger = s.session(&s.cast.stranger).await;
    assert_eq!(s.post(&form, &stranger, &[]).await.status, 404);
    let read = s.post(&form, &admin, &[]).await;
    let cookies = format!("{}; {}", admin.cookie, flash_of(&read).unwrap());
    let page = s.get_with(read.location(), &cookies, &[]).await;
    assert_eq!(page.texts(".notice"), ["Marked read."]);
    assert_eq!(page.count("li.item.unread"), 0);
    assert_eq!(page.texts("li.item .muted"), ["read"]);
    let unread = s.get("/inbox?unread=1", &admin).await;
    assert_eq!(unread.texts(".empty"), ["No notification."]);
    // The member's inbox is their own: empty, in French too.
    let member = s.session(&s.cast.p_member).await;
    let page = s
        .get_with("/inbox", &format!("{}; raci_lang=fr", member.cookie), &[])
        .await;
    assert_eq!(page.texts(".lead"), ["Rien de non lu."]);
}
