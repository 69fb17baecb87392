#![allow(clippy::print_stdout)] // a developer tool that prints what it parsed
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        match raci_ingest::parse(&bytes, None, Some(&path)) {
            Ok(doc) => {
                println!(
                    "== {path}: {} [{}] title={:?} lang={:?} ed={:?} parties={:?} n={}",
                    doc.facts.format,
                    doc.activities.len(),
                    doc.title,
                    doc.language,
                    doc.edition,
                    doc.parties,
                    doc.activities.len()
                );
                for a in &doc.activities {
                    let roles: Vec<String> = doc
                        .parties
                        .iter()
                        .map(|p| a.roles.get(p).map(|r| r.to_string()).unwrap_or("-".into()))
                        .collect();
                    println!(
                        "{:4} {:<40} | {} | {}{}",
                        a.source.line,
                        a.section.join(" > ").chars().take(40).collect::<String>(),
                        roles.join(" | "),
                        a.text.chars().take(70).collect::<String>(),
                        if a.row.attribution.is_some() {
                            " (?)"
                        } else {
                            ""
                        }
                    );
                    for n in &a.notes {
                        println!("       note: {}", n.chars().take(60).collect::<String>());
                    }
                }
                println!(
                    "footnotes: {:?}",
                    doc.facts
                        .footnotes
                        .iter()
                        .map(|f| (f.mark.clone(), f.span.line, f.uses))
                        .collect::<Vec<_>>()
                );
                println!(
                    "legend: {:?} tables: {}",
                    doc.facts.legend,
                    doc.facts.tables.len()
                );
            }
            Err(e) => println!("== {path}: ERROR {e}"),
        }
    }
}
