//! A letter in words: its subject and its text and HTML bodies.

use askama::Template;
use raci_i18n::{Locale, Words};

use crate::{catalog, Item, Kind, Letter};

/// The messages every mail uses besides those of its kinds.
#[cfg(test)]
pub(crate) const SHARED: &[&str] = &[
    "mail-greeting",
    "mail-signature",
    "mail-footer",
    "mail-footer-digest",
    "mail-open-raci",
    "mail-action-link",
    "mail-digest-subject",
    "mail-digest-lead",
];

/// The longest duty text a subject quotes, in characters.
const SUBJECT_TEXT_MAX: usize = 100;

/// A mail ready to send: one subject, two alternative bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One message in words.
struct Entry {
    title: String,
    lead: String,
    action: String,
    link: String,
    /// The action and its link on one line, for the text body.
    action_link: String,
}

#[derive(Template)]
#[template(path = "mail.txt")]
struct TextBody<'a> {
    b: &'a Body,
}

#[derive(Template)]
#[template(path = "mail.html")]
struct HtmlBody<'a> {
    b: &'a Body,
}

/// What both bodies show.
struct Body {
    lang: &'static str,
    subject: String,
    greeting: String,
    /// A digest's opening line; none for a mail of its own.
    intro: Option<String>,
    entries: Vec<Entry>,
    footer: String,
    open_raci: String,
    home: String,
    /// "Open raci" and the home page on one line, for the text body.
    home_link: String,
    signature: String,
}

/// One line of text with no control characters, cut to `max` characters
/// (an ellipsis says so): what a subject may quote.
fn one_line(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// An item's message `part` in the words of `w`.
fn said(w: &Words<'_>, item: &Item, part: &str, text: &str) -> String {
    let count = usize::try_from(item.count.max(0)).unwrap_or(usize::MAX);
    let n = w.number(count);
    let edition = item.edition.map(|e| e.to_string()).unwrap_or_default();
    let due = item.due_at.map(|d| w.date(d)).unwrap_or_default();
    let mut args = raci_i18n::FluentArgs::new();
    args.set("text", text);
    args.set("service", item.service.as_str());
    args.set("count", count);
    args.set("n", n);
    args.set("edition", edition);
    args.set("due", due);
    w.catalog
        .format(w.locale, &item.kind.message(part), Some(&args))
}

fn entry(w: &Words<'_>, item: &Item) -> Entry {
    let quoted = one_line(&item.text, SUBJECT_TEXT_MAX);
    let action = said(w, item, "action", &quoted);
    Entry {
        title: said(w, item, "subject", &quoted),
        lead: said(w, item, "lead", &quoted),
        action_link: w.with(
            "mail-action-link",
            [("action", action.as_str()), ("link", item.link.as_str())],
        ),
        action,
        link: item.link.clone(),
    }
}

/// The letter in `locale`: its subject, its text body and its HTML body.
pub fn render(letter: &Letter, locale: Locale) -> Rendered {
    let w = Words::new(catalog(), locale);
    let entries: Vec<Entry> = letter.items.iter().map(|i| entry(&w, i)).collect();
    let (subject, intro, footer) = match letter.digest_until {
        Some(until) => {
            // The day a digest gathers is the one its window closes.
            let day = w.date(until.saturating_sub(1));
            let mut args = raci_i18n::FluentArgs::new();
            args.set("count", entries.len());
            args.set("n", w.number(entries.len()));
            args.set("date", day.as_str());
            let subject = w
                .catalog
                .format(w.locale, "mail-digest-subject", Some(&args));
            let intro = w.with("mail-digest-lead", [("date", day.as_str())]);
            (subject, Some(intro), w.t("mail-footer-digest"))
        }
        None => {
            let subject = entries
                .first()
                .map(|e| e.title.clone())
                .unwrap_or_else(|| said(&w, &other(letter), "subject", ""));
            (subject, None, w.t("mail-footer"))
        }
    };
    let body = Body {
        lang: locale.as_str(),
        subject: one_line(&subject, 200),
        greeting: w.with("mail-greeting", [("name", letter.recipient.as_str())]),
        intro,
        entries,
        footer,
        home_link: w.with(
            "mail-action-link",
            [
                ("action", w.t("mail-open-raci").as_str()),
                ("link", letter.home.as_str()),
            ],
        ),
        open_raci: w.t("mail-open-raci"),
        home: letter.home.clone(),
        signature: w.t("mail-signature"),
    };
    Rendered {
        subject: body.subject.clone(),
        // Rendering fills fields already in words: it cannot fail.
        text: TextBody { b: &body }.render().unwrap_or_default(),
        html: HtmlBody { b: &body }.render().unwrap_or_default(),
    }
}

/// The item a letter without any says.
fn other(letter: &Letter) -> Item {
    Item {
        kind: Kind::Other,
        text: String::new(),
        service: String::new(),
        due_at: None,
        count: 0,
        edition: None,
        link: letter.home.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-02 14:05 UTC.
    const AT: i64 = 1_796_220_300_000;
    const DAY: i64 = 86_400_000;

    fn item(kind: Kind) -> Item {
        Item {
            kind,
            text: "Restore the queue definitions from a backup".into(),
            service: "Managed Queue".into(),
            due_at: Some(AT),
            count: 3,
            edition: Some(4),
            link: "https://raci.example.test/duties/42".into(),
        }
    }

    fn letter(items: Vec<Item>, digest_until: Option<i64>) -> Letter {
        Letter {
            recipient: "Ada <Lovelace>".into(),
            items,
            digest_until,
            home: "https://raci.example.test/".into(),
        }
    }

    #[test]
    fn a_sign_off_request_in_both_languages() {
        for locale in Locale::ALL {
            let mail = render(&letter(vec![item(Kind::Signoff)], None), locale);
            insta::assert_snapshot!(format!("signoff_{locale}_text"), mail.text);
            insta::assert_snapshot!(format!("signoff_{locale}_html"), mail.html);
        }
    }

    #[test]
    fn a_digest_in_both_languages() {
        let items = vec![
            item(Kind::Assigned),
            item(Kind::Consultation),
            Item {
                link: "https://raci.example.test/change-notices/7".into(),
                ..item(Kind::ChangeNotice)
            },
        ];
        for locale in Locale::ALL {
            let mail = render(&letter(items.clone(), Some(AT - AT % DAY + DAY)), locale);
            insta::assert_snapshot!(
                format!("digest_{locale}"),
                format!("Subject: {}\n\n{}\n{}", mail.subject, mail.text, mail.html)
            );
        }
    }

    #[test]
    fn every_kind_has_its_subject_in_both_languages() {
        for locale in Locale::ALL {
            let subjects: Vec<String> = Kind::ALL
                .iter()
                .map(|k| {
                    format!(
                        "{k:?}: {}",
                        render(&letter(vec![item(*k)], None), locale).subject
                    )
                })
                .collect();
            insta::assert_snapshot!(format!("subjects_{locale}"), subjects.join("\n"));
        }
    }

    #[test]
    fn subjects_are_one_line_and_bodies_escape_html() {
        let shouting = Item {
            text: format!(
                "<b>Back up</b>\r\nBcc: all@example.test {}",
                "x".repeat(300)
            ),
            ..item(Kind::Done)
        };
        let mail = render(&letter(vec![shouting], None), Locale::En);
        assert!(!mail.subject.contains(['\r', '\n']), "{}", mail.subject);
        assert!(mail.subject.chars().count() <= 200 && mail.subject.ends_with('…'));
        assert!(
            mail.html.contains("&#60;b&#62;Back up&#60;/b&#62;") && !mail.html.contains("<b>"),
            "{}",
            mail.html
        );
        assert!(mail.html.contains("Ada &#60;Lovelace&#62;"));
        assert!(
            mail.text.contains("Hello Ada <Lovelace>,"),
            "text is not escaped"
        );
    }

    #[test]
    fn a_letter_with_no_item_still_says_something() {
        let mail = render(&letter(Vec::new(), None), Locale::Fr);
        assert_eq!(mail.subject, "Du nouveau pour vous dans raci");
        assert!(mail.text.contains("https://raci.example.test/"));
    }
}
