//! `raci compare`, end to end: two providers' matrices for a message queue
//! service, ours, in English and French; and the OVHcloud and Cloud Temple
//! Managed Kubernetes seeds where the shared corpus is present.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use crate::common::{raci, refused_with, stderr, stdout, workspace};

use serde_json::Value;

const NIMBUS: &str = "tests/fixtures/queue-service.en.md";
const STRATUS: &str = "tests/fixtures/queue-service.other-provider.fr.md";

/// The row of `json` for taxonomy entry `id`.
fn row<'a>(json: &'a Value, id: &str) -> Option<&'a Value> {
    json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["taxonomy"] == id)
}

/// How many activities document `document` has in row `id`.
fn count(json: &Value, id: &str, document: usize) -> usize {
    row(json, id).map_or(0, |row| {
        row["cells"][document]["activities"]
            .as_array()
            .unwrap()
            .len()
    })
}

#[test]
fn markdown_puts_two_providers_side_by_side() {
    let output = raci(&["compare", NIMBUS, STRATUS, "--format", "markdown"]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("compare_markdown", stdout(&output));
}

#[test]
fn human_lists_each_entry_with_each_document_s_activities() {
    let human = raci(&["compare", NIMBUS, STRATUS]);
    assert!(human.status.success(), "{}", stderr(&human));
    insta::assert_snapshot!("compare_human", stdout(&human));
}

#[test]
fn json_follows_the_contract() {
    let output = raci(&["compare", NIMBUS, STRATUS, "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    insta::assert_snapshot!("compare_json", text);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["documents"][0]["provider"], "Nimbus");
    assert_eq!(json["documents"][1]["provider"], "Stratus");
    assert_eq!(json["documents"][1]["language"], "fr");
    for row in json["rows"].as_array().unwrap() {
        let cells = row["cells"].as_array().unwrap();
        assert_eq!(cells.len(), 2, "one cell per document");
        assert_eq!(cells[0]["document"], 0);
        assert_eq!(cells[1]["document"], 1);
        assert!(
            cells
                .iter()
                .any(|c| !c["activities"].as_array().unwrap().is_empty()),
            "a row only for an entry some document covers"
        );
    }
    // The same duty in both languages meets in one row, roles as parsed.
    let location = row(&json, "subscription.location").expect("location row");
    assert_eq!(
        location["cells"][1]["activities"][0]["roles"],
        serde_json::json!({"Client": "RA", "Stratus": "I"})
    );
    assert_eq!(count(&json, "end.data-destruction", 0), 1);
    assert_eq!(count(&json, "end.data-destruction", 1), 1);
    // What only one provider writes down stays visible.
    assert_eq!(count(&json, "reversibility.plan", 0), 0);
    assert_eq!(count(&json, "reversibility.plan", 1), 1);
}

#[test]
fn labels_speak_the_documents_language_when_they_share_one() {
    const NIMBUS_FR: &str = "tests/fixtures/queue-service.fr.md";
    let label = |paths: &[&str]| {
        let output = raci(&[&["compare"], paths, &["--format", "json"]].concat());
        assert!(output.status.success(), "{}", stderr(&output));
        let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
        row(&json, "subscription.location").expect("location row")["label"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        label(&[NIMBUS_FR, STRATUS]),
        "Choisir la localisation du service"
    );
    assert_eq!(
        label(&[NIMBUS, STRATUS]),
        "Choose where the service is located",
        "documents in two languages: English"
    );
    let human = raci(&["compare", NIMBUS_FR, STRATUS]);
    assert!(
        stdout(&human).contains("subscription.location  Choisir la localisation du service"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn the_rows_follow_the_taxonomy_order() {
    let output = raci(&["compare", STRATUS, NIMBUS, "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ids: Vec<&str> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["taxonomy"].as_str().unwrap())
        .collect();
    let order: Vec<&str> = raci_align::taxonomy().iter().map(|e| e.id).collect();
    let positions: Vec<usize> = ids
        .iter()
        .map(|id| order.iter().position(|o| o == id).expect("a taxonomy id"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    assert!(ids.len() > 10, "{ids:?}");
}

#[test]
fn one_document_is_refused() {
    let output = raci(&["compare", NIMBUS]);
    assert_eq!(output.status.code(), Some(2));
    let output = raci(&["compare", NIMBUS, "tests/fixtures/missing.md"]);
    refused_with(&output, 2, "missing.md");
}

#[test]
fn ovhcloud_and_cloud_temple_managed_kubernetes_side_by_side() {
    let seeds = workspace().join("../shared/corpus/seeds");
    let ovhcloud = seeds.join("001_1fbdc8fd02dcdf31.txt");
    let cloud_temple = seeds.join("004_c08554f191d4053b.txt");
    if !ovhcloud.is_file() || !cloud_temple.is_file() {
        eprintln!("skipped: the shared corpus is not at {}", seeds.display());
        return;
    }
    let output = raci(&[
        "compare",
        ovhcloud.to_str().unwrap(),
        cloud_temple.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["documents"][0]["provider"], "OVHcloud");
    assert_eq!(json["documents"][1]["provider"], "Cloud Temple");
    // Both providers write down restoration tests, of the service and of the
    // customer's systems, in different words.
    for id in [
        "continuity.service-restore-test",
        "continuity.workload-restore-test",
        "monitoring.service",
        "update.service",
    ] {
        for document in [0, 1] {
            assert!(
                count(&json, id, document) > 0,
                "{id}: nothing in document {document}"
            );
        }
    }
    // The provider carries out the service's restoration tests in both.
    let tests = row(&json, "continuity.service-restore-test").unwrap();
    assert_eq!(
        tests["cells"][0]["activities"][0]["roles"]["OVHcloud"],
        "RA"
    );
    assert_eq!(
        tests["cells"][1]["activities"][0]["roles"]["Cloud Temple"],
        "RA"
    );
    // Every activity of both documents lands in exactly one row.
    let placed: usize = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["cells"].as_array().unwrap())
        .map(|cell| cell["activities"].as_array().unwrap().len())
        .sum();
    let parsed: usize = [&ovhcloud, &cloud_temple]
        .iter()
        .map(|path| {
            let out = raci(&["parse", path.to_str().unwrap(), "--format", "json"]);
            let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
            doc["activities"].as_array().unwrap().len()
        })
        .sum();
    assert_eq!(placed, parsed);
}
