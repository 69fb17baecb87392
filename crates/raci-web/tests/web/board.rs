//! `/subscriptions/{id}`: the board, its views, counts and filters.

use raci_app::test_support::World;

use crate::support::Scene;

pub async fn the_board_lists_counts_and_filters(w: World) {
    let s = Scene::new(w).await;
    let me = s.session(&s.cast.c_member).await;
    let board = format!("/subscriptions/{}", s.subscription);
    let page = s.get(&board, &me).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.texts("h1"), ["queue"]);
    assert_eq!(
        page.texts("section.phase h2"),
        ["1. Running the service 4 duties"]
    );
    assert_eq!(page.count("table.duties tbody tr"), 4);
    assert_eq!(page.texts(".shown"), ["4 of 4 duties shown"]);
    // The counts of each state.
    let counts = page.texts("ul.state-counts li");
    assert_eq!(counts[0], "4 Open");
    assert_eq!(counts.len(), 6);
    // Both parties' letters, named in the reader's language.
    let rotate = page.texts("table.duties tbody tr")[2].clone();
    assert!(rotate.starts_with("Rotate the access keys"), "{rotate}");
    assert!(
        rotate.contains("Customer R Responsible") && rotate.contains("Nimbus A Accountable"),
        "{rotate}"
    );

    let filtered = |query: &str| format!("{board}?{query}");
    let page = s.get(&filtered("party=Customer&letter=A"), &me).await;
    assert_eq!(
        page.texts("td.duty-text a"),
        ["Back up the queue definitions", "Size the cluster"]
    );
    assert_eq!(page.texts(".shown"), ["2 of 4 duties shown"]);
    let page = s.get(&filtered("q=KEYS"), &me).await;
    assert_eq!(page.texts("td.duty-text a"), ["Rotate the access keys"]);
    let page = s.get(&filtered("phase=Nowhere"), &me).await;
    assert_eq!(page.texts(".empty"), ["No duty matches the filter."]);
    let page = s.get(&filtered("state=done&letter=nonsense"), &me).await;
    assert_eq!(
        page.count("td.duty-text"),
        0,
        "a value that is no choice is no filter"
    );

    // "Mine": what the provider's member acts on (R, A or C).
    let provider = s.session(&s.cast.p_member).await;
    let page = s.get(&filtered("mine=1"), &provider).await;
    assert_eq!(
        page.texts("td.duty-text a"),
        [
            "Back up the queue definitions",
            "Patch the brokers",
            "Rotate the access keys"
        ]
    );
    assert_eq!(
        page.count("input[name=team]"),
        0,
        "the member is in no team"
    );

    // The kanban: one column per state, the filter kept.
    let page = s.get(&filtered("view=kanban&q=cluster"), &provider).await;
    assert_eq!(page.count(".kanban section.column"), 6);
    assert_eq!(page.texts("#state-open li.card a"), ["Size the cluster"]);
    let views = page.html();
    let list = views
        .select(&scraper::Selector::parse("nav.views a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect::<Vec<_>>();
    assert_eq!(
        list,
        [filtered("q=cluster"), filtered("view=kanban&q=cluster")]
    );

    // In French.
    let page = s
        .get_with(&board, &format!("{}; raci_lang=fr", me.cookie), &[])
        .await;
    assert_eq!(page.texts(".shown"), ["4 sur 4 obligations affichées"]);
    assert!(page.texts("table.duties tbody tr")[2].contains("Nimbus A Approbation"));
}
