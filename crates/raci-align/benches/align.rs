//! Alignment speed: two synthetic 100-activity documents (our own generated
//! sentences, in English and French), aligned as two editions, as a
//! translation and as a translated edition; and every locale of every page
//! folder of `../shared/corpus` aligned to its English page (skipped, saying
//! why, where the corpus is absent).
//!
//! `cargo bench -p raci-align`; figures in BENCHMARKS.md, "Alignment".

#![allow(clippy::print_stderr)] // says why the corpus benchmark is skipped

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use raci_model::Document;

/// A phrase of our own synthetic matrices: (English, French).
type EnFr = (&'static str, &'static str);

const VERBS: &[EnFr] = &[
    ("Manage", "Gérer"),
    ("Monitor", "Surveiller"),
    ("Configure", "Configurer"),
    ("Deploy", "Déployer"),
    ("Back up", "Sauvegarder"),
    ("Restore", "Restaurer"),
    ("Encrypt", "Chiffrer"),
    ("Update", "Mettre à jour"),
    ("Delete", "Supprimer"),
    ("Audit", "Auditer"),
    ("Document", "Documenter"),
    ("Test", "Tester"),
    ("Plan", "Planifier"),
    ("Provide", "Fournir"),
    ("Validate", "Valider"),
    ("Archive", "Archiver"),
];

const OBJECTS: &[EnFr] = &[
    ("the network configuration", "la configuration réseau"),
    ("user access rights", "les droits d'accès des utilisateurs"),
    ("the control plane", "le plan de contrôle"),
    ("the application data", "les données applicatives"),
    ("the service logs", "les journaux du service"),
    ("the TLS certificates", "les certificats TLS"),
    ("the virtual machines", "les machines virtuelles"),
    ("the database cluster", "le cluster de base de données"),
    ("the storage volumes", "les volumes de stockage"),
    ("the firewall rules", "les règles du pare-feu"),
    ("the incident tickets", "les tickets d'incident"),
    ("the operating system", "le système d'exploitation"),
    ("the API keys", "les clés API"),
    (
        "the monitoring dashboards",
        "les tableaux de bord de supervision",
    ),
    ("the physical servers", "les serveurs physiques"),
    ("the DNS records", "les enregistrements DNS"),
    ("the container images", "les images de conteneurs"),
    ("the encryption keys", "les clés de chiffrement"),
    ("the software licences", "les licences logicielles"),
];

const QUALIFIERS: &[EnFr] = &[
    ("of the managed service", "du service managé"),
    (
        "for the customer's applications",
        "pour les applications du client",
    ),
    (
        "following the update policy",
        "selon la politique de mise à jour",
    ),
    ("at the end of the contract", "à la fin du contrat"),
    ("every month", "chaque mois"),
    ("after each incident", "après chaque incident"),
    ("in the chosen region", "dans la région choisie"),
    ("before going to production", "avant la mise en production"),
    ("on request of the customer", "à la demande du client"),
    (
        "within the subscribed plan",
        "dans le cadre de l'offre souscrite",
    ),
    ("with the provided tools", "avec les outils fournis"),
];

/// Five phases of two sections each: ten tables of ten rows.
const SECTIONS: &[(EnFr, [EnFr; 2])] = &[
    (
        ("Before subscription", "Avant la souscription"),
        [
            ("Specify the service", "Spécifier le service"),
            ("Choose the options", "Choisir les options"),
        ],
    ),
    (
        ("Service availability", "Mise à disposition du service"),
        [
            ("Installation", "Installation"),
            ("Customer setup", "Installation du client"),
        ],
    ),
    (
        ("Service usage", "Utilisation du service"),
        [
            ("Daily operations", "Opérations quotidiennes"),
            ("Access management", "Gestion des accès"),
        ],
    ),
    (
        ("Event management", "Gestion des évènements"),
        [("Incidents", "Incidents"), ("Changes", "Changements")],
    ),
    (
        ("End of service", "Fin de service"),
        [
            ("Reversibility", "Réversibilité"),
            ("Data destruction", "Destruction des données"),
        ],
    ),
];

/// (Customer, Provider).
const ROLES: &[EnFr] = &[
    ("RA", "I"),
    ("I", "RA"),
    ("RA", ""),
    ("", "RA"),
    ("A", "R"),
    ("C", "RA"),
];

#[derive(Clone, Copy)]
struct Row {
    verb: usize,
    object: usize,
    qualifier: usize,
    roles: usize,
}

/// A small deterministic generator (xorshift), so every run aligns the same rows.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn row(&mut self) -> Row {
        Row {
            verb: self.below(VERBS.len()),
            object: self.below(OBJECTS.len()),
            qualifier: self.below(QUALIFIERS.len()),
            roles: self.below(ROLES.len()),
        }
    }
}

/// Ten tables of ten rows.
fn original() -> Vec<Vec<Row>> {
    let mut rng = Rng(0x5eed_2ac1);
    (0..10)
        .map(|_| (0..10).map(|_| rng.row()).collect())
        .collect()
}

/// A later edition: some rows reworded, some roles moved, rows removed,
/// added and swapped.
fn edition(tables: &[Vec<Row>]) -> Vec<Vec<Row>> {
    let mut rng = Rng(0xed17_1001);
    let mut tables = tables.to_vec();
    for (t, table) in tables.iter_mut().enumerate() {
        for (r, row) in table.iter_mut().enumerate() {
            let k = t * 10 + r;
            if k % 9 == 4 {
                row.qualifier = (row.qualifier + 1) % QUALIFIERS.len();
            }
            if k % 13 == 6 {
                row.roles = (row.roles + 1) % ROLES.len();
            }
        }
    }
    tables[1].remove(7);
    tables[5].remove(5);
    tables[8].remove(8);
    tables[2].insert(3, rng.row());
    tables[6].insert(0, rng.row());
    tables[9].push(rng.row());
    tables[4].swap(0, 1);
    tables
}

/// The matrix as Markdown, in English (`fr == false`) or French.
fn render(tables: &[Vec<Row>], fr: bool) -> String {
    let pick = |pair: &EnFr| if fr { pair.1 } else { pair.0 };
    let mut out = String::from("---\ntitle: Synthetic service\nupdated: 2026-01-01\n---\n\n");
    let header = if fr {
        "| **Activité** | **Client** | **Fournisseur** |\n| --- | --- | --- |\n"
    } else {
        "| **Activity** | **Customer** | **Provider** |\n| --- | --- | --- |\n"
    };
    for (p, (phase, subsections)) in SECTIONS.iter().enumerate() {
        out.push_str(&format!("### {}. {}\n\n", p + 1, pick(phase)));
        for (s, subsection) in subsections.iter().enumerate() {
            out.push_str(&format!(
                "#### {}.{}. {}\n\n{header}",
                p + 1,
                s + 1,
                pick(subsection)
            ));
            for row in &tables[p * 2 + s] {
                let (customer, provider) = ROLES[row.roles];
                out.push_str(&format!(
                    "| {} {} {} | {customer} | {provider} |\n",
                    pick(&VERBS[row.verb]),
                    pick(&OBJECTS[row.object]),
                    pick(&QUALIFIERS[row.qualifier]),
                ));
            }
            out.push('\n');
        }
    }
    out
}

fn parse(text: &str, language: &str) -> Document {
    let mut document = raci_ingest::parse(text.as_bytes(), None, Some("synthetic.md"))
        .expect("synthetic matrix parses");
    document.language = Some(language.to_owned());
    document
}

fn synthetic(c: &mut Criterion) {
    let old = original();
    let new = edition(&old);
    let english = parse(&render(&old, false), "en");
    let english_edition = parse(&render(&new, false), "en");
    let french = parse(&render(&old, true), "fr");
    let french_edition = parse(&render(&new, true), "fr");
    assert_eq!(english.activities.len(), 100);
    assert_eq!(french.activities.len(), 100);
    assert_eq!(english_edition.activities.len(), 100);

    for (name, other) in [
        ("two editions", &english_edition),
        ("translation", &french),
        ("translated edition", &french_edition),
    ] {
        let alignment = raci_align::align(&english, other);
        let paired = alignment
            .pairs
            .iter()
            .filter(|p| !p.old.is_empty() && !p.new.is_empty())
            .count();
        eprintln!(
            "{name}: {paired} pairs, {} unpaired rows",
            alignment.pairs.len() - paired
        );
    }

    let mut group = c.benchmark_group("align 100x100");
    group.bench_function("same language, two editions", |b| {
        b.iter(|| raci_align::align(black_box(&english), black_box(&english_edition)));
    });
    group.bench_function("cross-language, translation", |b| {
        b.iter(|| raci_align::align(black_box(&english), black_box(&french)));
    });
    group.bench_function("cross-language, translated edition", |b| {
        b.iter(|| raci_align::align(black_box(&english), black_box(&french_edition)));
    });
    group.finish();
}

/// The page's English file in a folder of locales: `guide.en-gb.md`, `raci.en.md`.
fn english_of(files: &[PathBuf]) -> Option<&PathBuf> {
    let name = |p: &PathBuf| {
        p.file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    files
        .iter()
        .find(|p| name(p).contains(".en-gb."))
        .or_else(|| files.iter().find(|p| name(p).contains(".en.")))
}

/// Every (English, other locale) pair of the corpus, parsed.
fn locale_pairs(corpus: &Path) -> Vec<(Document, Document)> {
    let load = |path: &Path| {
        let bytes = std::fs::read(path).ok()?;
        raci_ingest::parse(&bytes, None, path.to_str()).ok()
    };
    let mut pairs = Vec::new();
    let Ok(providers) = std::fs::read_dir(corpus) else {
        return pairs;
    };
    let mut folders: Vec<PathBuf> = providers
        .flatten()
        .filter(|e| e.path().is_dir() && e.file_name() != "seeds")
        .flat_map(|provider| std::fs::read_dir(provider.path()).into_iter().flatten())
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    for folder in folders {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let Some(english) = english_of(&files).cloned() else {
            continue;
        };
        let Some(reference) = load(&english) else {
            continue;
        };
        for other in files.iter().filter(|p| **p != english) {
            if let Some(document) = load(other) {
                pairs.push((reference.clone(), document));
            }
        }
    }
    pairs
}

fn corpus(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !path.is_dir() {
        eprintln!(
            "skipped: the shared corpus is not at {}; no corpus benchmark",
            path.display()
        );
        return;
    }
    let pairs = locale_pairs(&path);
    let activities: usize = pairs
        .iter()
        .map(|(a, b)| a.activities.len() + b.activities.len())
        .sum();
    eprintln!(
        "corpus: {} locale pages aligned to their English page, {activities} activities in all",
        pairs.len()
    );
    c.bench_function("corpus: every locale to its English page", |b| {
        b.iter(|| {
            for (english, other) in &pairs {
                black_box(raci_align::align(english, other));
            }
        });
    });
}

criterion_group!(benches, synthetic, corpus);
criterion_main!(benches);
