//! `/catalog`, `/services/{id}` and an edition's matrix with its findings.

use raci_app::test_support::World;

use crate::support::Scene;

/// A matrix with a finding on a row: "Patch the brokers" has no A.
const FLAWED: &str =
    "---\ntitle: Managed Queue - Responsibility model\nupdated: 2024-09-01\nlang: en\n---\n\n\
### 1. Running the service\n\n\
| Activity | Customer | Nimbus |\n| --- | --- | --- |\n\
| Back up the queue definitions | RA | C |\n\
| Patch the brokers | I | R |\n";

pub async fn the_catalog_and_an_edition_s_matrix(w: World) {
    let s = Scene::new(w).await;
    s.publish(FLAWED).await;
    let customer = s.session(&s.cast.c_member).await;
    let page = s.get("/catalog", &customer).await;
    assert_eq!(page.texts("table.catalog tbody td.duty-text a"), ["queue"]);
    assert_eq!(
        page.texts("table.catalog tbody tr td:nth-child(3)"),
        ["2 editions"]
    );
    assert!(page
        .texts("nav.primary a[aria-current]")
        .contains(&"Catalog".to_owned()));

    let service = format!("/services/{}", s.cast.service);
    let page = s.get(&service, &s.session(&s.cast.p_member).await).await;
    assert_eq!(page.texts("table.editions td.duty-text a"), ["2", "1"]);

    // The edition: the static site's tables and legend, findings beside the row.
    let page = s.get(&format!("{service}/editions/2"), &customer).await;
    assert_eq!(page.texts("h1"), ["Managed Queue - Responsibility model"]);
    assert_eq!(page.count("table.matrix tr.activity"), 2);
    assert_eq!(page.texts("table.matrix th.party"), ["Customer", "Nimbus"]);
    let flagged = page.texts("tr.activity.flagged td.activity .text");
    assert_eq!(flagged, ["Patch the brokers"]);
    assert!(page
        .texts("tr.flagged td.lint .rule")
        .contains(&"missing-accountable".to_owned()));
    assert!(page.texts("ul.legend li")[0].starts_with("R Responsible does the work"));
    // In French, the table's words and the legend follow.
    let fr = s
        .get_with(
            &format!("{service}/editions/2"),
            &format!("{}; raci_lang=fr", customer.cookie),
            &[],
        )
        .await;
    assert_eq!(fr.texts("table.matrix th.activity")[0], "Activité");
    assert!(fr.texts("ul.legend li")[0].starts_with("R Réalisation"));
    assert!(fr.texts("tr.flagged td.lint .sev")[0] == "erreur");
    // No such edition.
    let missing = s.get(&format!("{service}/editions/9"), &customer).await;
    assert_eq!(missing.status, 404);
}
