//! Folding text for comparison: lower case, accents removed, punctuation
//! turned into single spaces. Shared by the lint rules and the aligner.

/// `text` folded: lower case, no accents, words separated by single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        for lower in c.to_lowercase() {
            match unaccented(lower) {
                Some(plain) => folded.push_str(plain),
                None => folded.push(lower),
            }
        }
    }
    folded
}

/// A letter without its accent, ligatures spelt out; `None` for a letter
/// that has neither.
pub fn unaccented(c: char) -> Option<&'static str> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ą' => "a",
        'ç' | 'ć' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ę' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ł' => "l",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
        'ś' => "s",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' => "z",
        'œ' => "oe",
        'æ' => "ae",
        'ß' => "ss",
        _ => return None,
    };
    Some(plain)
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_accents_ligatures_and_punctuation() {
        assert_eq!(fold("Gérer les  Nœuds (K8s)!"), "gerer les noeuds k8s");
        assert_eq!(fold("Zarządzanie kopią"), "zarzadzanie kopia");
        assert_eq!(fold("--"), "");
        assert_eq!(fold("Straße"), "strasse");
    }
}
