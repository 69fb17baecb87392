//! `docs/rules/NAME.md`, the pages the editor's diagnostics and SARIF link
//! to, are each rule's page as `raci_lint::docs::rule_page` writes it.
//! `UPDATE_RULE_DOCS=1 cargo test -p raci-lint --test rule_docs` rewrites them.

use std::path::Path;

#[test]
fn every_rule_has_its_page_and_no_page_is_stray() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("UPDATE_RULE_DOCS").is_some();
    if update {
        std::fs::create_dir_all(&folder).unwrap();
    }
    let mut names = Vec::new();
    for info in raci_lint::rule_infos() {
        let path = folder.join(format!("{}.md", info.name));
        let page = raci_lint::docs::rule_page(&info);
        if update {
            std::fs::write(&path, &page).unwrap();
        }
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            written, page,
            "{} is not the rule's page: run UPDATE_RULE_DOCS=1 cargo test -p raci-lint --test rule_docs",
            path.display()
        );
        names.push(format!("{}.md", info.name));
    }
    for entry in std::fs::read_dir(&folder).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(names.contains(&name), "docs/rules/{name} is no rule's page");
    }
}
