//! The rules every input value is checked against, written once. Each rule
//! is also what the OpenAPI document states about the field (the same
//! limits and the pattern of [`patterns`]), so that a request the schema
//! allows is never refused for its shape, and one it forbids always is: a
//! test of the JSON API compares the two.
//!
//! Lengths are counted in characters, as JSON Schema counts them. Free text
//! may not hold control characters (other than tab and line breaks in long
//! texts), which some databases cannot store and no reader wants.

use crate::{AppError, AppResult};

/// The longest name of a service, user, team or organization, in characters.
pub const NAME_MAX: usize = 200;
/// The longest service slug.
pub const SLUG_MAX: usize = 100;
/// The longest e-mail address.
pub const EMAIL_MAX: usize = 320;
/// Password lengths, in characters.
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 1024;
/// The longest comment, reason or party name.
pub const COMMENT_MAX: usize = 4000;
/// The longest event title and description.
pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
/// The longest text evidence, in characters.
pub const TEXT_EVIDENCE_MAX: usize = 65_536;
/// The longest URL (link evidence, webhook).
pub const URL_MAX: usize = 2048;
/// The longest file name and media type of file evidence.
pub const FILE_NAME_MAX: usize = 255;
pub const MEDIA_TYPE_MAX: usize = 255;
/// An API token lives 1 to this many days.
pub const TOKEN_DAYS_MAX: i64 = 3650;

/// The patterns the OpenAPI document gives the fields checked here
/// (ECMA-262 / Python regular expressions, as JSON Schema uses them).
pub mod patterns {
    /// One line of text with a character other than white space.
    pub const LINE: &str = r"^[^\x00-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x1f\x7f]*$";
    /// Text over several lines with a character other than white space.
    pub const TEXT: &str =
        r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$";
    /// Text over several lines, possibly empty.
    pub const OPTIONAL_TEXT: &str = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$";
    pub const SLUG: &str = r"^[a-z0-9-]+$";
    pub const EMAIL: &str = r"^[^@\x00-\x20\x7f]+@[^@\x00-\x20\x7f]+$";
    /// A password: any characters but controls.
    pub const PASSWORD: &str = r"^[^\x00-\x1f\x7f]*$";
    /// An `http` or `https` URL with a host name or an IPv4 address
    /// (RFC 3986's unreserved characters; user information of its
    /// characters): a host that URL parsers everywhere read alike.
    pub const URL: &str = r"^https?://([A-Za-z0-9._~!$&'()*+,;=:%-]*@)?[A-Za-z0-9._~-]+(:[0-9]*)?([/?#][^\x00-\x20\x7f]*)?$";
    /// A file name: one line, no directory part, not `.` or `..`.
    pub const FILE_NAME: &str = r"^([^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*|\.[^./\\\x00-\x1f\x7f][^/\\\x00-\x1f\x7f]*|\.\.[^/\\\x00-\x1f\x7f]+)$";
}

fn control(c: char) -> bool {
    c < ' ' || c == '\u{7f}'
}

/// A control character other than tab, line feed and carriage return.
fn control_in_text(c: char) -> bool {
    control(c) && !matches!(c, '\t' | '\n' | '\r')
}

fn blank(c: char) -> bool {
    c <= ' ' || c == '\u{7f}'
}

fn ascii_trim(text: &str) -> &str {
    text.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

fn too_long(field: &str, max: usize) -> AppError {
    AppError::invalid(field, format!("at most {max} characters"))
}

/// A required line of text ([`patterns::LINE`]), trimmed.
pub fn line(field: &str, text: &str, max: usize) -> AppResult<String> {
    if text.chars().count() > max {
        return Err(too_long(field, max));
    }
    if text.chars().any(control) {
        return Err(AppError::invalid(field, "no control characters"));
    }
    if text.chars().all(blank) {
        return Err(AppError::invalid(field, "is required"));
    }
    Ok(ascii_trim(text).to_owned())
}

/// A required text over several lines ([`patterns::TEXT`]), trimmed.
pub fn text(field: &str, text: &str, max: usize) -> AppResult<String> {
    if text.chars().count() > max {
        return Err(too_long(field, max));
    }
    if text.chars().any(control_in_text) {
        return Err(AppError::invalid(
            field,
            "no control characters but tabs and line breaks",
        ));
    }
    if text.chars().all(blank) {
        return Err(AppError::invalid(field, "is required"));
    }
    Ok(ascii_trim(text).to_owned())
}

/// An optional text ([`patterns::OPTIONAL_TEXT`]): trimmed, none when blank.
pub fn optional_text(field: &str, text: Option<&str>, max: usize) -> AppResult<Option<String>> {
    let Some(text) = text else { return Ok(None) };
    if text.chars().count() > max {
        return Err(too_long(field, max));
    }
    if text.chars().any(control_in_text) {
        return Err(AppError::invalid(
            field,
            "no control characters but tabs and line breaks",
        ));
    }
    let trimmed = ascii_trim(text);
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

/// A service slug ([`patterns::SLUG`]).
pub fn slug(field: &str, slug: &str) -> AppResult<String> {
    let ok = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if slug.chars().count() > SLUG_MAX {
        return Err(too_long(field, SLUG_MAX));
    }
    if !ok {
        return Err(AppError::invalid(
            field,
            "lower-case letters, digits and '-' only",
        ));
    }
    Ok(slug.to_owned())
}

/// An e-mail address ([`patterns::EMAIL`]), in lower case so that one
/// address is one user whatever its spelling.
pub fn email(field: &str, email: &str) -> AppResult<String> {
    if email.chars().count() > EMAIL_MAX {
        return Err(too_long(field, EMAIL_MAX));
    }
    let bad = |c: char| blank(c) || c == '@';
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !local.chars().any(bad)
                && !domain.chars().any(bad)
        }
        None => false,
    };
    if !ok {
        return Err(AppError::invalid(field, "not an e-mail address"));
    }
    Ok(email.to_lowercase())
}

/// A new password ([`patterns::PASSWORD`], [`PASSWORD_MIN`] to [`PASSWORD_MAX`] characters).
pub fn password(field: &str, password: &str) -> AppResult<()> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(AppError::invalid(
            field,
            format!("at least {PASSWORD_MIN} characters"),
        ));
    }
    if n > PASSWORD_MAX {
        return Err(too_long(field, PASSWORD_MAX));
    }
    if password.chars().any(control) {
        return Err(AppError::invalid(field, "no control characters"));
    }
    Ok(())
}

/// An `http` or `https` URL with a host ([`patterns::URL`]).
pub fn url(field: &str, url: &str) -> AppResult<String> {
    if url.chars().count() > URL_MAX {
        return Err(too_long(field, URL_MAX));
    }
    let bad = || AppError::invalid(field, "an http or https URL with a host");
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(bad)?;
    if url.chars().any(blank) {
        return Err(bad());
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) if !userinfo.contains('@') => (userinfo, host_port),
        Some(_) => return Err(bad()),
        None => ("", authority),
    };
    let (host, port) = match host_port.split_once(':') {
        Some((host, port)) => (host, port),
        None => (host_port, ""),
    };
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || b"._~-".contains(&b);
    let userinfo_ok = userinfo
        .bytes()
        .all(|b| unreserved(b) || b"!$&'()*+,;=:%".contains(&b));
    if host.is_empty()
        || !host.bytes().all(unreserved)
        || !userinfo_ok
        || !port.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    Ok(url.to_owned())
}

/// A file name for display and download ([`patterns::FILE_NAME`]).
pub fn file_name(field: &str, name: &str) -> AppResult<String> {
    if name.chars().count() > FILE_NAME_MAX {
        return Err(too_long(field, FILE_NAME_MAX));
    }
    let ok = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.chars().any(|c| control(c) || c == '/' || c == '\\');
    if !ok {
        return Err(AppError::invalid(
            field,
            "a file name without a directory, not . or ..",
        ));
    }
    Ok(name.to_owned())
}

/// A media type as a client sent it, or `application/octet-stream`.
pub fn media_type(media_type: Option<&str>) -> String {
    media_type
        .map(str::trim)
        .filter(|m| !m.is_empty() && m.chars().count() <= MEDIA_TYPE_MAX && !m.chars().any(control))
        .unwrap_or("application/octet-stream")
        .to_owned()
}

/// What a field holds, which decides its pattern and its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Line,
    Text,
    OptionalText,
    Slug,
    Email,
    Password,
    Url,
    FileName,
}

/// The rule of one field: what it holds and how long it may be. The
/// OpenAPI document states each rule (pattern, lengths) on the field of
/// every input that names it, from [`Described::RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub kind: Kind,
    pub max: usize,
}

impl Rule {
    pub const fn new(kind: Kind, max: usize) -> Rule {
        Rule { kind, max }
    }

    pub fn pattern(self) -> &'static str {
        match self.kind {
            Kind::Line => patterns::LINE,
            Kind::Text => patterns::TEXT,
            Kind::OptionalText => patterns::OPTIONAL_TEXT,
            Kind::Slug => patterns::SLUG,
            Kind::Email => patterns::EMAIL,
            Kind::Password => patterns::PASSWORD,
            Kind::Url => patterns::URL,
            Kind::FileName => patterns::FILE_NAME,
        }
    }

    /// The shortest value, in characters.
    pub fn min_length(self) -> usize {
        match self.kind {
            Kind::OptionalText => 0,
            Kind::Password => PASSWORD_MIN,
            Kind::Email => 3,
            Kind::Url => 8,
            _ => 1,
        }
    }

    /// Checks a value; answers it as kept (trimmed, e-mail in lower case).
    pub fn check(self, field: &str, value: &str) -> AppResult<String> {
        match self.kind {
            Kind::Line => line(field, value, self.max),
            Kind::Text => text(field, value, self.max),
            Kind::OptionalText => {
                Ok(optional_text(field, Some(value), self.max)?.unwrap_or_default())
            }
            Kind::Slug => slug(field, value),
            Kind::Email => email(field, value),
            Kind::Password => password(field, value).map(|()| value.to_owned()),
            Kind::Url => url(field, value),
            Kind::FileName => file_name(field, value),
        }
    }

    /// Checks an optional value: absent is none; present, it follows the
    /// rule (an optional text's blank is none too).
    pub fn check_optional(self, field: &str, value: Option<&str>) -> AppResult<Option<String>> {
        match value {
            None => Ok(None),
            Some(v) => {
                let kept = self.check(field, v)?;
                Ok((!kept.is_empty()).then_some(kept))
            }
        }
    }
}

/// An input whose string fields have rules: the document states them, the
/// use case checks them.
pub trait Described {
    /// `(field, rule)` for each string field with a rule; in an input of
    /// several variants, `variant:field` names the field of one variant
    /// (the variant's tag value, as in `object:comment`).
    const RULES: &'static [(&'static str, Rule)];
}

pub const NAME: Rule = Rule::new(Kind::Line, NAME_MAX);
pub const SLUG: Rule = Rule::new(Kind::Slug, SLUG_MAX);
pub const EMAIL: Rule = Rule::new(Kind::Email, EMAIL_MAX);
pub const PASSWORD: Rule = Rule::new(Kind::Password, PASSWORD_MAX);
/// A password as typed at login or to confirm a change: any length up to the maximum.
pub const PASSWORD_GIVEN: Rule = Rule::new(Kind::OptionalText, PASSWORD_MAX);
pub const COMMENT: Rule = Rule::new(Kind::Text, COMMENT_MAX);
pub const OPTIONAL_COMMENT: Rule = Rule::new(Kind::OptionalText, COMMENT_MAX);
pub const PARTY: Rule = Rule::new(Kind::Line, COMMENT_MAX);
pub const TITLE: Rule = Rule::new(Kind::Line, TITLE_MAX);
pub const DESCRIPTION: Rule = Rule::new(Kind::OptionalText, DESCRIPTION_MAX);
pub const TEXT_EVIDENCE: Rule = Rule::new(Kind::Text, TEXT_EVIDENCE_MAX);
pub const URL: Rule = Rule::new(Kind::Url, URL_MAX);
pub const FILE_NAME: Rule = Rule::new(Kind::FileName, FILE_NAME_MAX);
/// A typed confirmation: whatever is typed, up to a name's length.
pub const CONFIRMATION: Rule = Rule::new(Kind::OptionalText, NAME_MAX);
/// Words to search for.
pub const SEARCH: Rule = Rule::new(Kind::OptionalText, 200);
/// An identifier-like filter value (an actor, an action).
pub const FILTER: Rule = Rule::new(Kind::Line, NAME_MAX);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_and_need_a_visible_character() {
        assert_eq!(line("name", "  Ops team  ", 200).unwrap(), "Ops team");
        assert!(line("name", "tab\there", 200).is_err());
        assert!(line("name", " \t ", 200).is_err());
        assert!(line("name", "a\u{0}b", 200).is_err());
        assert!(line("name", "two\nlines", 200).is_err());
        assert!(line("name", &"é".repeat(201), 200).is_err());
        assert!(line("name", &"é".repeat(200), 200).is_ok());
        // A no-break space is not blank to JSON Schema's pattern, nor here.
        assert_eq!(line("name", "\u{a0}", 200).unwrap(), "\u{a0}");
    }

    #[test]
    fn texts_keep_line_breaks() {
        assert_eq!(text("t", "a\nb\r\n", 10).unwrap(), "a\nb");
        assert!(text("t", "a\u{1b}", 10).is_err());
        assert_eq!(optional_text("c", Some("  "), 10).unwrap(), None);
        assert_eq!(optional_text("c", None, 10).unwrap(), None);
    }

    #[test]
    fn the_errors_name_their_field() {
        let e = slug("slug", "Bad Slug").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("slug"));
        assert_eq!(e.code, crate::ErrorCode::InvalidInput);
    }

    #[test]
    fn e_mail_addresses_fold_to_lower_case() {
        assert_eq!(
            email("email", "Ops@Example.COM").unwrap(),
            "ops@example.com"
        );
        for bad in ["nobody", "@x", "x@", "a@b@c", "a b@c", "a@b\u{7f}"] {
            assert!(email("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_need_a_scheme_and_a_host() {
        for good in [
            "https://example.com",
            "http://h:8080/p?q#f",
            "https://user:pw@h/x",
        ] {
            assert!(url("url", good).is_ok(), "{good}");
        }
        for bad in [
            "ftp://h",
            "https://",
            "https:///x",
            "http://@:80",
            "http://h:8x",
            "https://a b",
            "HTTPS://h",
            // Brackets that no IPv6 address fills: parsers disagree on them.
            "http://[",
            "http://a]b/",
            "http://u[@h/",
            "http://h%41/",
        ] {
            assert!(url("url", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn file_names_have_no_directory() {
        assert!(file_name("name", "report.pdf").is_ok());
        for bad in ["", ".", "..", "a/b", "a\\b", "a\nb"] {
            assert!(file_name("name", bad).is_err(), "{bad:?}");
        }
        assert_eq!(media_type(None), "application/octet-stream");
        assert_eq!(media_type(Some(" text/plain ")), "text/plain");
    }

    #[test]
    fn passwords_have_a_length() {
        assert!(password("password", "short").is_err());
        assert!(password("password", "long enough password").is_ok());
        assert!(password("password", &"x".repeat(PASSWORD_MAX + 1)).is_err());
    }
}
