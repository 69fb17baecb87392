//! What the layout of every page shows around its content: who is signed
//! in and in which organization, the navigation, the language switch, the
//! message a redirect left; and the cookies the answer sets.

use axum::http::HeaderValue;
use raci_i18n::{Locale, Words};

use crate::session::{self, Flash, Viewer, Visitor};

/// The signed-in person, as the layout names them.
pub struct Person {
    pub name: String,
    pub org: String,
    pub role: String,
}

/// A link of the navigation.
pub struct NavLink {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

/// The message a redirect left, in the page's language.
pub struct Notice {
    /// `ok` or `error`: also its class.
    pub kind: &'static str,
    pub text: String,
}

/// The layout's data.
pub struct Frame {
    pub w: Words<'static>,
    pub lang: &'static str,
    pub title: String,
    pub csrf: String,
    pub person: Option<Person>,
    pub nav: Vec<NavLink>,
    pub notice: Option<Notice>,
    /// This page, for the language switch to come back to.
    pub here: String,
    /// The other languages, for the switch.
    pub languages: Vec<(&'static str, &'static str)>,
    /// The cookies the answer sets (the flash cleared, a visit's secret).
    pub cookies: Vec<HeaderValue>,
}

/// Whether a caller may open a part of the pages: raci-app's rule for it.
type Opens = fn(&raci_app::Caller) -> bool;

/// Where the navigation leads, the message naming it, and who it is shown to.
const NAV: &[(&str, &str, Opens)] = &[
    ("/", "nav-work", |_| true),
    ("/inbox", "nav-inbox", |_| true),
    ("/catalog", "nav-catalog", |_| true),
    ("/audit", "nav-audit", |c| {
        raci_app::policy::roles::require_audit_reader(c).is_ok()
    }),
];

impl Frame {
    fn new(locale: Locale, title_id: &str, csrf: String, here: String) -> Frame {
        let w = Words::new(crate::catalog(), locale);
        Frame {
            title: w.t(title_id),
            w,
            lang: locale.as_str(),
            csrf,
            person: None,
            nav: Vec::new(),
            notice: None,
            here,
            languages: Locale::ALL
                .into_iter()
                .filter(|l| *l != locale)
                .map(|l| (l.as_str(), l.endonym()))
                .collect(),
            cookies: Vec::new(),
        }
    }

    /// The frame of a page a signed-in person sees; `section` is the
    /// navigation link it belongs to.
    pub fn signed_in(viewer: &Viewer, title_id: &str, section: &str) -> Frame {
        let mut frame = Frame::new(
            viewer.locale,
            title_id,
            viewer.csrf.clone(),
            viewer.path.clone(),
        );
        let w = frame.w;
        let caller = &viewer.caller;
        frame.person = Some(Person {
            name: caller.user.name.clone(),
            org: caller.org.name.clone(),
            role: w.t(&format!("role-{}", caller.user.role.as_str())),
        });
        frame.nav = NAV
            .iter()
            .filter(|(_, _, opens)| opens(caller))
            .map(|(href, id, _)| NavLink {
                href,
                label: w.t(id),
                current: *href == section,
            })
            .collect();
        frame.take_flash(viewer.flash.as_ref());
        frame
    }

    /// The frame of a page anyone sees (the login page).
    pub fn visiting(visitor: &Visitor, title_id: &str, here: &str) -> Frame {
        let mut frame = Frame::new(
            visitor.locale,
            title_id,
            visitor.csrf.clone(),
            here.to_owned(),
        );
        frame.cookies.extend(visitor.new_visit.clone());
        frame.take_flash(visitor.flash.as_ref());
        frame
    }

    /// The frame of an error page (no form on it needs a token).
    pub fn bare(locale: Locale, title_id: &str) -> Frame {
        Frame::new(locale, title_id, String::new(), "/".to_owned())
    }

    /// Shows the flash and clears its cookie.
    fn take_flash(&mut self, flash: Option<&Flash>) {
        let Some(Flash(value)) = flash else {
            return;
        };
        self.cookies
            .push(session::set_cookie(session::FLASH_COOKIE, "", 0, false));
        self.notice = notice(self.w, value);
    }

    /// The URL of an asset, with its content hash.
    pub fn asset(&self, name: &str) -> String {
        crate::assets::url(name)
    }
}

/// The flash `ok:<message id>` or `error:<code>[:<field>]` in words; none
/// when it is not one of ours (the cookie is the browser's to alter).
fn notice(w: Words<'static>, value: &str) -> Option<Notice> {
    let mut parts = value.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("ok"), Some(id), None) if id.starts_with("flash-") && w.catalog.has(w.locale, id) => {
            Some(Notice {
                kind: "ok",
                text: w.t(id),
            })
        }
        (Some("error"), Some(code), field) => {
            let id = format!("error-{code}");
            if !w.catalog.has(w.locale, &id) {
                return None;
            }
            let mut text = w.t(&id);
            if let Some(field) = field
                .map(|f| format!("field-{f}"))
                .filter(|f| w.catalog.has(w.locale, f))
            {
                text = format!("{text} ({})", w.t(&field));
            }
            Some(Notice {
                kind: "error",
                text,
            })
        }
        _ => None,
    }
}
