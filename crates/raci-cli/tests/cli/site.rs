//! `raci site`, end to end: the site of our fixtures, every page and every
//! relative link of it (anchors included); and the site of the shared
//! corpus where it is present. The browser test (`scripts/site-browser-test.sh`)
//! opens these pages in Chromium.

#![allow(clippy::print_stderr)] // corpus tests say why they skip

use crate::common::{raci, workspace};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Builds the site of `inputs` into a new folder, which it returns.
fn build(inputs: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().to_str().unwrap().to_owned();
    let mut args = vec!["site"];
    args.extend(inputs);
    args.extend(["-o", &out_path]);
    let output = raci(&args);
    assert!(
        output.status.success(),
        "raci {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// Every file of the site, by path relative to its root, `/` between folders.
fn files(root: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                found.insert(relative, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    found
}

/// The values of `attribute="…"` in `html`, unescaped.
fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            unescape(value)
        })
        .collect()
}

/// `text` with the character references askama writes turned back into characters.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').expect("a character reference ends with `;`");
        let name = &rest[1..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            _ => name
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32)
                .unwrap_or_else(|| panic!("unknown reference &{name};")),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// `base/link` resolved, `..` and `.` folded; `None` when it leaves the site.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Checks every `href` and `src` of every page: relative, to a file of the
/// site, and to an element with that id when it has a fragment. Returns how
/// many links were checked.
fn check_links(site: &BTreeMap<String, String>) -> usize {
    let mut checked = 0;
    let mut problems = Vec::new();
    for (page, html) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        for link in attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"))
        {
            checked += 1;
            if link.contains("://") || link.starts_with('/') || link.starts_with("file:") {
                problems.push(format!("{page}: not a relative link: {link}"));
                continue;
            }
            let (target, fragment) = match link.split_once('#') {
                Some((file, fragment)) => (file, Some(fragment)),
                None => (link.as_str(), None),
            };
            let target = if target.is_empty() {
                Some(page.clone())
            } else {
                resolve(page, target)
            };
            let Some(target) = target.filter(|t| site.contains_key(t)) else {
                problems.push(format!("{page}: broken link: {link}"));
                continue;
            };
            if let Some(fragment) = fragment {
                if !site[&target].contains(&format!(" id=\"{fragment}\"")) {
                    problems.push(format!("{page}: no #{fragment} in {target}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    checked
}

#[test]
fn the_fixtures_site_has_every_page_and_no_broken_link() {
    let out = build(&["tests/fixtures"]);
    let site = files(out.path());
    let pages: BTreeSet<&str> = site.keys().map(String::as_str).collect();
    for expected in [
        "index.html",
        "assets/raci.css",
        "assets/raci.js",
        "matrix/queue-service-en-md.html",
        "matrix/queue-service-flat-txt.html",
        "matrix/locales-guide-fr-fr-md.html",
        "matrix/editions-queue-service-2024-09-md.html",
        "drift/locales-guide.html",
        "drift/queue-service.html",
        "compare/message-queue.html",
    ] {
        assert!(pages.contains(expected), "{expected} missing: {pages:?}");
    }
    // One page per matrix the other commands read in the folder.
    assert_eq!(
        pages.iter().filter(|p| p.starts_with("matrix/")).count(),
        10
    );
    assert!(check_links(&site) > 100);

    // The index links every matrix page, and the comparison and drift pages.
    let index = &site["index.html"];
    for page in pages
        .iter()
        .filter(|p| p.ends_with(".html") && **p != "index.html")
    {
        assert!(index.contains(&format!("href=\"{page}\"")), "{page}");
    }
    insta::assert_snapshot!("index_html", index);
}

#[test]
fn a_matrix_page_shows_roles_findings_filter_and_legend() {
    let out = build(&["tests/fixtures"]);
    let site = files(out.path());
    let page = &site["matrix/queue-service-en-md.html"];
    // One table per phase, one column per party.
    assert_eq!(page.matches("<table class=\"matrix").count(), 3);
    assert_eq!(
        page.matches("<th scope=\"col\" class=\"party\">Nimbus</th>")
            .count(),
        3
    );
    // Role letters with their colour classes, and the role values the filter reads.
    assert!(page.contains(
        "data-party=\"0\" data-roles=\"RA\"><span class=\"role role-R\" title=\"Responsible\">R</span><span class=\"role role-A\""
    ));
    // A row-level finding beside its row, a document-level one at the top.
    let row = page
        .split("<tr class=\"activity")
        .find(|row| row.contains("Rotate the access keys of the applications"))
        .unwrap();
    assert!(row.contains("flagged sev-error"), "{row}");
    assert!(row.contains("RACI001"), "{row}");
    let top = &page[..page.find("id=\"filters\"").unwrap()];
    assert!(top.contains("Findings about the whole document"));
    assert!(top.contains("RACI008"));
    // The filter, the legend, the script and the stylesheet.
    for needle in [
        "<select id=\"filter-party\"",
        "<option value=\"1\">Nimbus</option>",
        "<select id=\"filter-role\"",
        "<option value=\"A\">A: Accountable</option>",
        "<input id=\"filter-text\"",
        "<ul class=\"legend\"",
        "<script src=\"../assets/raci.js\"></script>",
        "<link rel=\"stylesheet\" href=\"../assets/raci.css\">",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(site["assets/raci.css"].contains("@media print"));
}

#[test]
fn drift_and_comparison_pages_say_what_differs() {
    let out = build(&["tests/fixtures"]);
    let site = files(out.path());
    let drift = &site["drift/locales-guide.html"];
    assert!(drift.contains("fr-fr <span class=\"muted\">against en-gb</span>"));
    assert!(
        drift.contains("Nimbus: — → I"),
        "the French page gives Nimbus an I"
    );
    assert!(drift.contains("<span class=\"tag kind-missing\">missing</span>"));
    let compare = &site["compare/message-queue.html"];
    assert!(compare.contains("Message queue: Nimbus and Stratus"));
    assert!(compare.contains("<code>backup.service</code>"));
    assert!(compare.contains("not covered"));
}

#[test]
fn text_from_the_matrices_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // Canonical JSON keeps the text as it is, markup included.
    let document = serde_json::json!({
        "schema": "raci/v1",
        "title": "Hostile <script>alert(1)</script> service",
        "language": "en\"><script>alert(3)</script>",
        "edition": null,
        "parties": ["Customer", "Nimbus <b>"],
        "activities": [{
            "id": "run",
            "section": ["1. <i>Run</i>"],
            "text": "Run <img src=x onerror=alert(2)> \"quoted\" & more",
            "roles": {"Customer": "RA", "Nimbus <b>": "I"},
            "notes": ["</td></tr></table><script>alert(4)</script>"],
            "source": {"line": 1}
        }]
    });
    std::fs::write(dir.path().join("evil.json"), document.to_string()).unwrap();
    let out = build(&[dir.path().to_str().unwrap()]);
    let site = files(out.path());
    for (path, html) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        for raw in ["<script>alert", "<img", "<b>", "<i>", "\"><script"] {
            assert!(!html.contains(raw), "{path} holds {raw}");
        }
    }
    let page = &site["matrix/evil-json.html"];
    assert!(page.contains("&#60;img src=x onerror=alert(2)&#62; &#34;quoted&#34; &#38; more"));
    assert!(page.contains("Hostile &#60;script&#62;alert(1)&#60;/script&#62; service"));
    assert!(page.contains("&#60;/td&#62;&#60;/tr&#62;&#60;/table&#62;"));
    check_links(&site);
}

#[test]
fn a_site_written_inside_its_input_does_not_read_itself_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        workspace().join("tests/fixtures/queue-service.en.md"),
        dir.path().join("queue-service.en.md"),
    )
    .unwrap();
    let input = dir.path().to_str().unwrap();
    let out = dir.path().join("site");
    let out = out.to_str().unwrap();
    for _ in 0..2 {
        let output = raci(&["site", input, "-o", out]);
        assert!(output.status.success());
        let note = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(note.contains("for 1 matrix written"), "{note}");
    }
}

#[test]
fn the_corpus_site_links_hold_and_compares_kubernetes() {
    let corpus = workspace().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpus is not present");
        return;
    }
    let out = build(&[corpus.to_str().unwrap()]);
    let site = files(out.path());
    assert!(site.keys().filter(|p| p.starts_with("matrix/")).count() >= 70);
    check_links(&site);
    let kubernetes = &site["compare/kubernetes.html"];
    assert!(kubernetes.contains("Cloud Temple"));
    assert!(kubernetes.contains("OVHcloud"));
    assert!(site
        .keys()
        .any(|p| p.starts_with("drift/cloud-temple-managed-kubernetes")));
}
