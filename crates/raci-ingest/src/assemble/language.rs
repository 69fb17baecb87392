//! The document's language when the source does not say: detected from its
//! activity texts with whatlang, among the languages matrices are published in.

use raci_model::Document;
use whatlang::{Detector, Lang};

const LANGUAGES: &[(Lang, &str)] = &[
    (Lang::Eng, "en"),
    (Lang::Fra, "fr"),
    (Lang::Deu, "de"),
    (Lang::Spa, "es"),
    (Lang::Ita, "it"),
    (Lang::Pol, "pl"),
    (Lang::Por, "pt"),
    (Lang::Nld, "nl"),
];

/// ISO 639-1 code of the language most of the activities are written in.
pub(super) fn detect(document: &Document) -> Option<String> {
    let mut sample = String::new();
    for text in document
        .activities
        .iter()
        .map(|a| a.text.as_str())
        .chain(document.title.as_deref())
    {
        if sample.len() > 8_000 {
            break;
        }
        sample.push_str(text);
        sample.push_str(". ");
    }
    if sample.trim().is_empty() {
        return None;
    }
    let detector = Detector::with_allowlist(LANGUAGES.iter().map(|(lang, _)| *lang).collect());
    let lang = detector.detect_lang(&sample)?;
    LANGUAGES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, code)| (*code).to_owned())
}
