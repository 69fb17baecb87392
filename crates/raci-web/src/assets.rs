//! The stylesheets, scripts and icon of the pages, embedded in the binary
//! and served under names that carry a hash of their content, so that a
//! browser may keep them forever and a new release is fetched anew.

use std::sync::OnceLock;

use axum::{
    extract::Path,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

/// One embedded file.
struct Asset {
    /// The name pages ask for (`web.css`).
    name: &'static str,
    media_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    // The static site's stylesheet: role chips, legend, matrix tables.
    Asset {
        name: "raci.css",
        media_type: "text/css; charset=utf-8",
        bytes: raci_site::STYLESHEET_CSS.as_bytes(),
    },
    Asset {
        name: "web.css",
        media_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/web.css"),
    },
    Asset {
        name: "htmx.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/vendor/htmx-2.0.11.min.js"),
    },
    Asset {
        name: "web.js",
        media_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../assets/web.js"),
    },
    Asset {
        name: "icon.svg",
        media_type: "image/svg+xml",
        bytes: include_bytes!("../assets/icon.svg"),
    },
];

/// Each asset's served name: `web.3f2a9c0d1e.css`.
fn hashed() -> &'static [(String, &'static Asset)] {
    static NAMES: OnceLock<Vec<(String, &'static Asset)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        ASSETS
            .iter()
            .map(|asset| {
                let hash = hex::encode(&Sha256::digest(asset.bytes)[..5]);
                let (stem, ext) = asset.name.rsplit_once('.').unwrap_or((asset.name, ""));
                (format!("{stem}.{hash}.{ext}"), asset)
            })
            .collect()
    })
}

/// The URL of asset `name` (`web.css`), with its content hash.
pub fn url(name: &str) -> String {
    hashed()
        .iter()
        .find(|(_, asset)| asset.name == name)
        .map(|(served, _)| format!("/assets/{served}"))
        .unwrap_or_else(|| format!("/assets/{name}"))
}

fn answer(asset: &Asset) -> Response {
    (
        [
            (header::CONTENT_TYPE, asset.media_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes,
    )
        .into_response()
}

/// `GET /assets/{name}`: an asset by its hashed name.
pub async fn serve(Path(name): Path<String>) -> Response {
    match hashed().iter().find(|(served, _)| *served == name) {
        Some((_, asset)) => answer(asset),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `GET /favicon.ico`: browsers ask for it whatever the page says.
pub async fn favicon() -> Response {
    let icon = ASSETS.iter().find(|a| a.name == "icon.svg");
    icon.map(answer)
        .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_content_hash() {
        let css = url("web.css");
        assert!(
            css.starts_with("/assets/web.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "/assets/web..css".len() + 10);
        assert_ne!(url("raci.css"), url("web.css"));
    }
}
