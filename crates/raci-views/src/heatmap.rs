//! The matrix as a heat map: one row per activity under its section
//! headings, one column per party, each cell coloured by the strongest role
//! it holds (R and A strong, C and I light, no role white) with its letters
//! written in it.
//!
//! The SVG is written here, every text escaped; the PNG is that SVG
//! rasterized with `resvg`, using the system's fonts.

use std::fmt::Write as _;
use std::sync::Arc;

use raci_model::{Document, Role, Roles};
use resvg::{tiny_skia, usvg};

const MARGIN: f32 = 16.0;
const LABEL_WIDTH: f32 = 470.0;
const ROW: f32 = 20.0;
const HEADER: f32 = 22.0;
const FONT: &str = "DejaVu Sans, Liberation Sans, Noto Sans, Arial, Helvetica, sans-serif";
/// A generous average width of a character at 12px, to cut long texts.
const CHAR_WIDTH: f32 = 6.9;

const INK: &str = "#1d2733";
const MUTED: &str = "#5b6b7c";
const GRID: &str = "#c9d3dd";
const BAND: &str = "#eef2f6";

/// The colour and the ink of a cell holding `roles`.
fn cell_colours(roles: Roles) -> (&'static str, &'static str) {
    if roles.contains(Role::Responsible) {
        ("#1f5f99", "#ffffff")
    } else if roles.contains(Role::Accountable) {
        ("#b8561b", "#ffffff")
    } else if roles.contains(Role::Supportive) {
        ("#4f86b8", "#ffffff")
    } else if roles.contains(Role::Consulted) {
        ("#bcd3ea", INK)
    } else if roles.contains(Role::Informed) {
        ("#e6ebf0", INK)
    } else {
        ("#ffffff", INK)
    }
}

/// `text` safe inside SVG text and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `max` characters, with an ellipsis when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The heat map of `document` as an SVG document.
pub fn svg(document: &Document) -> String {
    let columns: Vec<f32> = document
        .parties
        .iter()
        .map(|p| (p.chars().count() as f32 * 7.6 + 16.0).clamp(76.0, 150.0))
        .collect();
    let grid_width = LABEL_WIDTH + columns.iter().sum::<f32>();
    let width = (MARGIN * 2.0 + grid_width).max(520.0);

    let mut body = String::new();
    let top = MARGIN + 52.0;
    let mut y = top;
    // Column headings.
    let mut x = MARGIN + LABEL_WIDTH;
    let _ = writeln!(
        body,
        r#"<text x="{:.1}" y="{:.1}" font-size="11" fill="{MUTED}">activity</text>"#,
        MARGIN + 4.0,
        y + 14.0
    );
    for (party, column) in document.parties.iter().zip(&columns) {
        let max = ((column - 8.0) / 7.6) as usize;
        let _ = writeln!(
            body,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" text-anchor="middle" fill="{INK}">{}</text>"#,
            x + column / 2.0,
            y + 14.0,
            escape(&cut(party, max))
        );
        x += column;
    }
    y += HEADER;
    let _ = writeln!(
        body,
        r#"<line x1="{MARGIN:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{INK}" stroke-width="1.5"/>"#,
        MARGIN + grid_width
    );

    let mut previous: &[String] = &[];
    for activity in &document.activities {
        let section = activity.section.as_slice();
        let common = previous
            .iter()
            .zip(section)
            .take_while(|(a, b)| a == b)
            .count();
        for (level, heading) in section.iter().enumerate().skip(common) {
            let indent = 6.0 + level as f32 * 14.0;
            let max = ((grid_width - indent - 8.0) / CHAR_WIDTH) as usize;
            let _ = writeln!(
                body,
                r#"<rect x="{MARGIN:.1}" y="{y:.1}" width="{grid_width:.1}" height="{HEADER:.1}" fill="{BAND}"/>"#
            );
            let _ = writeln!(
                body,
                r#"<text x="{:.1}" y="{:.1}" font-size="12"{} fill="{INK}">{}</text>"#,
                MARGIN + indent,
                y + 15.0,
                if level == 0 {
                    r#" font-weight="bold""#
                } else {
                    ""
                },
                escape(&cut(heading, max))
            );
            y += HEADER;
        }
        if section.is_empty() && !previous.is_empty() {
            let _ = writeln!(
                body,
                r#"<rect x="{MARGIN:.1}" y="{y:.1}" width="{grid_width:.1}" height="{HEADER:.1}" fill="{BAND}"/>"#
            );
            let _ = writeln!(
                body,
                r#"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" fill="{INK}">{}</text>"#,
                MARGIN + 6.0,
                y + 15.0,
                crate::NO_SECTION
            );
            y += HEADER;
        }
        previous = section;

        let indent = 6.0 + section.len().saturating_sub(1) as f32 * 14.0 + 8.0;
        let max = ((LABEL_WIDTH - indent - 6.0) / CHAR_WIDTH) as usize;
        let _ = writeln!(
            body,
            r#"<g><title>{}</title><text x="{:.1}" y="{:.1}" font-size="12" fill="{INK}">{}</text></g>"#,
            escape(&activity.text),
            MARGIN + indent,
            y + 14.5,
            escape(&cut(&activity.text, max))
        );
        let mut x = MARGIN + LABEL_WIDTH;
        for (index, (party, column)) in document.parties.iter().zip(&columns).enumerate() {
            let roles = document.roles_of(activity, index);
            let (fill, ink) = cell_colours(roles);
            let _ = write!(
                body,
                r#"<g><title>{}: {}</title><rect x="{x:.1}" y="{y:.1}" width="{column:.1}" height="{ROW:.1}" fill="{fill}" stroke="{GRID}" stroke-width="0.8"/>"#,
                escape(party),
                if roles.is_empty() {
                    "—".to_owned()
                } else {
                    roles.to_string()
                },
            );
            if !roles.is_empty() {
                let _ = write!(
                    body,
                    r#"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" text-anchor="middle" fill="{ink}">{roles}</text>"#,
                    x + column / 2.0,
                    y + 14.5
                );
            }
            body.push_str("</g>\n");
            x += column;
        }
        let _ = writeln!(
            body,
            r#"<line x1="{MARGIN:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{GRID}" stroke-width="0.5"/>"#,
            y + ROW,
            MARGIN + LABEL_WIDTH,
            y + ROW
        );
        y += ROW;
    }
    if document.activities.is_empty() {
        let _ = writeln!(
            body,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" fill="{MUTED}">No activity.</text>"#,
            MARGIN + 6.0,
            y + 15.0
        );
        y += ROW;
    }

    // Legend.
    y += 14.0;
    let mut x = MARGIN;
    for (label, roles) in [
        ("R: does it", Roles::NONE.with(Role::Responsible)),
        ("A: answers for it", Roles::NONE.with(Role::Accountable)),
        ("C: consulted", Roles::NONE.with(Role::Consulted)),
        ("I: informed", Roles::NONE.with(Role::Informed)),
        ("no role", Roles::NONE),
    ] {
        let (fill, _) = cell_colours(roles);
        let _ = writeln!(
            body,
            r#"<rect x="{x:.1}" y="{y:.1}" width="14" height="14" fill="{fill}" stroke="{GRID}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="{MUTED}">{label}</text>"#,
            x + 19.0,
            y + 11.5
        );
        x += 24.0 + label.chars().count() as f32 * 6.4 + 16.0;
    }
    y += 14.0 + MARGIN;

    let title = document.title.as_deref().unwrap_or("Responsibility matrix");
    let mut subtitle = format!(
        "{} activities · {}",
        document.activities.len(),
        document.parties.join(" · ")
    );
    if let Some(edition) = &document.edition {
        let _ = write!(subtitle, " · edition {edition}");
    }
    let max_title = ((width - 2.0 * MARGIN) / 9.5) as usize;
    let max_subtitle = ((width - 2.0 * MARGIN) / CHAR_WIDTH) as usize;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{y:.0}" viewBox="0 0 {width:.0} {y:.0}" font-family="{FONT}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width:.0}" height="{y:.0}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r#"<text x="{MARGIN:.1}" y="{:.1}" font-size="17" font-weight="bold" fill="{INK}">{}</text>"#,
        MARGIN + 16.0,
        escape(&cut(title, max_title))
    );
    let _ = writeln!(
        out,
        r#"<text x="{MARGIN:.1}" y="{:.1}" font-size="12" fill="{MUTED}">{}</text>"#,
        MARGIN + 36.0,
        escape(&cut(&subtitle, max_subtitle))
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

/// The heat map could not be rasterized.
#[derive(Debug, thiserror::Error)]
pub enum HeatmapError {
    #[error("the heat map's SVG is invalid: {0}")]
    Svg(#[from] usvg::Error),
    #[error("the heat map is too large to rasterize ({0} × {1} pixels)")]
    TooLarge(u32, u32),
    #[error("cannot encode the PNG: {0}")]
    Png(String),
}

/// A rasterized heat map.
pub struct Png {
    pub bytes: Vec<u8>,
    /// Whether a font was found for the text; without one the picture has
    /// its colours but no words.
    pub has_font: bool,
}

/// Families tried, in order, for the generic `sans-serif`.
const SANS_FAMILIES: &[&str] = &[
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "FreeSans",
    "Arial",
    "Helvetica",
];

/// The SVG rasterized at `scale` (2.0 for a sharp picture), with the
/// system's fonts. Reads the font files; writes nothing.
pub fn png(svg: &str, scale: f32) -> Result<Png, HeatmapError> {
    let mut fonts = usvg::fontdb::Database::new();
    fonts.load_system_fonts();
    let has_family = |fonts: &usvg::fontdb::Database, family: &str| {
        fonts
            .faces()
            .any(|face| face.families.iter().any(|(name, _)| name == family))
    };
    if let Some(family) = SANS_FAMILIES.iter().find(|f| has_family(&fonts, f)) {
        fonts.set_sans_serif_family(*family);
    } else if let Some(family) = {
        let first = fonts
            .faces()
            .next()
            .and_then(|face| face.families.first())
            .map(|(name, _)| name.clone());
        first
    } {
        // Any font at all beats no text.
        fonts.set_sans_serif_family(family);
    }
    let has_font = !fonts.is_empty();
    let options = usvg::Options {
        fontdb: Arc::new(fonts),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(HeatmapError::TooLarge(w, h))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap
        .encode_png()
        .map_err(|e| HeatmapError::Png(e.to_string()))?;
    Ok(Png { bytes, has_font })
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_model::Activity;

    fn document() -> Document {
        let mut document = Document::new();
        document.title = Some("Queue <&> \"service\"".to_owned());
        document.parties = vec!["Customer".to_owned(), "Nimbus".to_owned()];
        for (section, text, customer, nimbus) in [
            (&["1. Plan", "1.1. Size"][..], "Pick the region", "RA", "I"),
            (&["1. Plan", "1.2. Order"], "Sign </text><script>", "A", "C"),
            (&["2. Run"], &*"long ".repeat(40), "", "RA"),
        ] {
            let mut activity = Activity {
                section: section.iter().map(|s| s.to_string()).collect(),
                text: text.to_owned(),
                ..Activity::default()
            };
            for (party, letters) in [("Customer", customer), ("Nimbus", nimbus)] {
                if !letters.is_empty() {
                    activity
                        .roles
                        .insert(party.to_owned(), letters.parse().unwrap());
                }
            }
            document.activities.push(activity);
        }
        document
    }

    #[test]
    fn svg_escapes_text_and_colours_by_role() {
        let svg = svg(&document());
        assert!(svg.contains("Queue &lt;&amp;&gt; &quot;service&quot;"));
        assert!(svg.contains("Sign &lt;/text&gt;&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains(r##"fill="#1f5f99""##), "R cell");
        assert!(svg.contains(r##"fill="#b8561b""##), "A cell");
        assert!(svg.contains(">RA</text>"));
        assert!(svg.contains('…'), "long texts are cut");
        // Well-formed enough for a real SVG parser.
        usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
    }

    #[test]
    fn png_is_a_png_of_the_svg_size_times_scale() {
        let svg = svg(&document());
        let png = png(&svg, 2.0).unwrap();
        assert_eq!(&png.bytes[..8], b"\x89PNG\r\n\x1a\n");
        let width = u32::from_be_bytes(png.bytes[16..20].try_into().unwrap());
        let svg_width: f32 = svg
            .split("width=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|w| w.parse().ok())
            .unwrap();
        assert_eq!(width, (svg_width * 2.0).ceil() as u32);
    }
}
