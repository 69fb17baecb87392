//! The Markdown and CSV writers' output for our fixture, reviewed.

mod common;

fn queue_service() -> raci_model::Document {
    common::fixtures()
        .into_iter()
        .find(|input| input.name.ends_with("tests/fixtures/queue-service.en.md"))
        .expect("the fixture")
        .document
}

#[test]
fn markdown_of_the_queue_service() {
    insta::assert_snapshot!(raci_render::markdown::write(&queue_service()));
}

#[test]
fn csv_of_the_queue_service() {
    insta::assert_snapshot!(raci_render::csv::write(&queue_service()).unwrap());
}

#[test]
fn formatted_queue_service_page() {
    let path = common::workspace().join("tests/fixtures/queue-service.en.md");
    let source = std::fs::read_to_string(path).unwrap();
    let formatted = raci_render::markdown::format_source(&source, &queue_service());
    insta::assert_snapshot!(formatted.text);
    insta::assert_debug_snapshot!("formatted_queue_service_left_as_is", formatted.left_as_is);
}
