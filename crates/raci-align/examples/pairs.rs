#![allow(clippy::print_stdout)] // a developer tool that prints an alignment

fn load(path: &str) -> raci_model::Document {
    raci_ingest::parse(&std::fs::read(path).unwrap(), None, Some(path)).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (old, new) = (load(&args[0]), load(&args[1]));
    let alignment = raci_align::align(&old, &new);
    for pair in &alignment.pairs {
        let lines = |doc: &raci_model::Document, ix: &[usize]| {
            ix.iter()
                .map(|i| doc.activities[*i].source.line.to_string())
                .collect::<Vec<_>>()
                .join("+")
        };
        let text = |doc: &raci_model::Document, ix: &[usize]| {
            ix.first()
                .map(|i| doc.activities[*i].text.chars().take(45).collect::<String>())
                .unwrap_or_default()
        };
        println!(
            "{:>7} {:>7} {:.2} | {:<45} | {:<45} | {}",
            lines(&old, &pair.old),
            lines(&new, &pair.new),
            pair.score,
            text(&old, &pair.old),
            text(&new, &pair.new),
            pair.evidence.join("; ")
        );
    }
}
