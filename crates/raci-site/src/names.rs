//! What a matrix is called on the site: its provider, its service, the
//! locale in its file name, and slugs for file names.

pub(crate) use raci_align::{pick_base, provider_of, split_locale};
use raci_model::text::fold;

/// Words a title wraps the service's name in, folded: "Responsibility
/// sharing for the … service", "Matrice de responsabilité …", "… -
/// Shared responsibilities". Only leading and trailing ones are dropped.
const TITLE_WORDS: &[&str] = &[
    // English
    "responsibility",
    "responsibilities",
    "responsible",
    "shared",
    "sharing",
    "matrix",
    "model",
    "raci",
    "for",
    "the",
    "of",
    "between",
    "and",
    "on",
    "customer",
    "service",
    "services",
    // French
    "matrice",
    "modele",
    "partage",
    "partagee",
    "responsabilite",
    "responsabilites",
    "de",
    "des",
    "du",
    "la",
    "le",
    "les",
    "sur",
    "et",
    "client",
    // German, Spanish, Italian
    "verantwortlichkeitsmatrix",
    "verantwortlichkeiten",
    "matriz",
    "responsabilidades",
    "delle",
    "responsabilita",
];

/// The service's name as a title gives it: the title without the words
/// about responsibility around it, the provider's name and bracketed notes
/// (`(EN)`, `(RACI)`). `None` when nothing else is left.
pub(crate) fn service_from_title(title: &str, provider: Option<&str>) -> Option<String> {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in title.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let provider = provider.map(fold);
    let parts: Vec<String> = plain
        .split([':', '|', '—', '–'])
        .flat_map(|part| part.split(" - "))
        .filter_map(|part| {
            let mut words: Vec<&str> = part.split_whitespace().collect();
            let generic = |word: &&str| TITLE_WORDS.contains(&fold(word).as_str());
            while words.first().is_some_and(generic) {
                words.remove(0);
            }
            while words.last().is_some_and(generic) {
                words.pop();
            }
            if let Some(provider) = &provider {
                let provider_words = provider.split(' ').count();
                if words.len() >= provider_words
                    && fold(&words[..provider_words].join(" ")) == *provider
                {
                    words.drain(..provider_words);
                }
            }
            let name = words.join(" ");
            (!name.is_empty()).then(|| capitalized(&name))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" – "))
}

/// `text` with its first letter in upper case.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_owned(),
    }
}

/// A folder's name as a service's: `managed-kubernetes` → `Managed kubernetes`.
pub(crate) fn service_from_folder(folder: &str) -> Option<String> {
    let name = folder.rsplit('/').next()?.replace(['-', '_'], " ");
    let name = name.trim();
    (!name.is_empty()).then(|| capitalized(name))
}

/// A slug for a file name: lower-case ASCII letters, digits and dashes.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "matrix".to_owned()
    } else {
        slug.to_owned()
    }
}

/// `slug`, or `slug-2`, `slug-3`… when it is taken; records it as taken.
pub(crate) fn unique_slug(slug: String, taken: &mut std::collections::HashSet<String>) -> String {
    if taken.insert(slug.clone()) {
        return slug;
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .expect("an unused slug")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_are_read_out_of_titles_in_several_languages() {
        let cases = [
            (
                "Managed Kubernetes - Responsibility model",
                "Managed Kubernetes",
            ),
            (
                "Responsibility Matrix (RACI) - Managed Kubernetes",
                "Managed Kubernetes",
            ),
            ("IaaS Responsibility Matrix", "IaaS"),
            ("Shared Responsibility Model — VPC", "VPC"),
            (
                "Responsibility sharing for the Web Hosting service",
                "Web Hosting",
            ),
            (
                "Partage de responsabilité sur le service Nimbus managed Kubernetes",
                "Managed Kubernetes",
            ),
            (
                "File Storage services - Responsibility model (EN)",
                "File Storage",
            ),
            (
                "File de messages managée - Partage des responsabilités",
                "File de messages managée",
            ),
            (
                "IaaS Responsibility Matrix - S3 Object Storage",
                "IaaS – S3 Object Storage",
            ),
        ];
        for (title, service) in cases {
            assert_eq!(
                service_from_title(title, Some("Nimbus")).as_deref(),
                Some(service),
                "{title}"
            );
        }
        assert_eq!(
            service_from_title(
                "Shared responsibilities between Nimbus and the customer",
                Some("Nimbus")
            ),
            None
        );
    }

    #[test]
    fn slugs_are_plain_and_unique() {
        assert_eq!(
            slug("ovhcloud/file-storage/guide.en-gb.md"),
            "ovhcloud-file-storage-guide-en-gb-md"
        );
        assert_eq!(slug("Gérer les nœuds"), "gerer-les-noeuds");
        assert_eq!(slug("//"), "matrix");
        let mut taken = Default::default();
        assert_eq!(unique_slug("a".into(), &mut taken), "a");
        assert_eq!(unique_slug("a".into(), &mut taken), "a-2");
        assert_eq!(unique_slug("a".into(), &mut taken), "a-3");
    }
}
