//! `/catalog`, `/services/{id}` and `/services/{id}/editions/{n}`: the
//! services the caller sees (a provider its own, a customer every one),
//! their editions, and one edition's matrix with its lint findings beside
//! the rows — the static site's tables and legend (raci-site's
//! `MatrixTables`), in the reader's words.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use raci_app::views::{EditionView, ServiceView};
use raci_i18n::Words;
use raci_site::{MatrixTables, TableWords};

use super::page;
use crate::frame::Frame;
use crate::session::Viewer;
use crate::{PageError, WebState};

pub fn routes() -> Router<WebState> {
    Router::new()
        .route("/catalog", get(catalog))
        .route("/services/{id}", get(service))
        .route("/services/{id}/editions/{number}", get(edition))
}

/// A service as the catalog lists it.
pub struct ServiceItem {
    pub href: String,
    pub name: String,
    pub slug: String,
    pub provider: String,
    pub editions: String,
    pub latest: Option<String>,
}

/// An edition as a service's page lists it.
pub struct EditionItem {
    pub href: String,
    pub number: i64,
    pub title: String,
    pub language: String,
    pub date: String,
    pub published: String,
    pub activities: String,
    pub parties: String,
    pub hash: String,
}

fn service_item(w: Words<'_>, s: ServiceView) -> ServiceItem {
    ServiceItem {
        href: format!("/services/{}", s.id),
        latest: s
            .latest_edition
            .map(|e| format!("/services/{}/editions/{}", s.id, e.number)),
        editions: w.count("catalog-editions", usize::try_from(s.editions).unwrap_or(0)),
        name: s.name,
        slug: s.slug,
        provider: s.provider.name,
    }
}

fn edition_item(w: Words<'_>, e: &EditionView) -> EditionItem {
    EditionItem {
        href: format!("/services/{}/editions/{}", e.service, e.number),
        number: e.number,
        title: e.title.clone().unwrap_or_default(),
        language: e.language.clone().unwrap_or_default(),
        date: e.date.clone().unwrap_or_default(),
        published: w.date(e.published_at),
        activities: w.count("catalog-activities", e.activities),
        parties: e.parties.join(", "),
        hash: e.content_hash.clone(),
    }
}

#[derive(Template)]
#[template(path = "catalog.html")]
struct CatalogPage {
    f: Frame,
    services: Vec<ServiceItem>,
}

async fn catalog(State(state): State<WebState>, viewer: Viewer) -> Response {
    let services = match state.app.services(&viewer.caller).await {
        Ok(services) => services,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    let f = Frame::signed_in(&viewer, "catalog-title", "/catalog");
    let w = f.w;
    let catalog = CatalogPage {
        services: services.into_iter().map(|s| service_item(w, s)).collect(),
        f,
    };
    page(&catalog, &catalog.f)
}

#[derive(Template)]
#[template(path = "service.html")]
struct ServicePage {
    f: Frame,
    service: ServiceItem,
    editions: Vec<EditionItem>,
}

async fn service(State(state): State<WebState>, Path(id): Path<i64>, viewer: Viewer) -> Response {
    let app = &state.app;
    let caller = &viewer.caller;
    let (service, editions) = match (
        app.service(caller, id).await,
        app.editions(caller, id).await,
    ) {
        (Ok(s), Ok(e)) => (s, e),
        (Err(e), _) | (_, Err(e)) => return PageError::new(e, viewer.locale).into_response(),
    };
    let mut f = Frame::signed_in(&viewer, "catalog-title", "/catalog");
    let w = f.w;
    f.title = format!("{} · {}", service.name, f.title);
    let service_page = ServicePage {
        editions: editions.iter().rev().map(|e| edition_item(w, e)).collect(),
        service: service_item(w, service),
        f,
    };
    page(&service_page, &service_page.f)
}

/// A finding about the whole matrix (or no row of it).
pub struct DocumentFinding {
    pub severity: &'static str,
    pub severity_label: String,
    pub code: String,
    pub name: String,
    pub message: String,
    pub line: u32,
}

#[derive(Template)]
#[template(path = "edition.html")]
struct EditionPage {
    f: Frame,
    service: ServiceItem,
    edition: EditionItem,
    others: Vec<EditionItem>,
    counts: Vec<(&'static str, String)>,
    document_findings: Vec<DocumentFinding>,
    tables: String,
}

fn table_words(w: Words<'_>) -> TableWords {
    TableWords {
        language: w.locale.as_str().to_owned(),
        activity: w.t("matrix-activity"),
        lint_findings: w.t("matrix-findings"),
        line: w.t("matrix-line"),
        line_title: w.t("matrix-line-title"),
        no_section: w.t("matrix-no-section"),
        legend: w.t("matrix-legend"),
        severities: [
            w.t("severity-error"),
            w.t("severity-warning"),
            w.t("severity-info"),
        ],
        legend_inside: true,
    }
}

async fn edition(
    State(state): State<WebState>,
    Path((id, number)): Path<(i64, i64)>,
    viewer: Viewer,
) -> Response {
    let matrix = match state.app.edition_matrix(&viewer.caller, id, number).await {
        Ok(matrix) => matrix,
        Err(e) => return PageError::new(e, viewer.locale).into_response(),
    };
    let mut f = Frame::signed_in(&viewer, "catalog-title", "/catalog");
    let w = f.w;
    f.title = format!("{} · {}", matrix.service.name, f.title);
    let tables = MatrixTables::new(&matrix.document, &matrix.diagnostics, table_words(w));
    let tables = match tables.render() {
        Ok(html) => html,
        Err(e) => {
            let e = raci_app::AppError::internal(format!("the matrix tables: {e}"));
            return PageError::new(e, viewer.locale).into_response();
        }
    };
    let rows: Vec<&str> = matrix
        .document
        .activities
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let counts = raci_lint::Severity::ALL
        .into_iter()
        .filter_map(|severity| {
            let n = matrix
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count();
            let key = severity.as_str();
            (n > 0).then(|| (key, w.count(&format!("matrix-count-{key}"), n)))
        })
        .collect();
    let edition_page = EditionPage {
        document_findings: matrix
            .diagnostics
            .iter()
            .filter(|d| d.activity.as_deref().is_none_or(|id| !rows.contains(&id)))
            .map(|d| DocumentFinding {
                severity: d.severity.as_str(),
                severity_label: w.t(&format!("severity-{}", d.severity.as_str())),
                code: d.code.clone(),
                name: d.name.clone(),
                message: d.message.clone(),
                line: d.span.line,
            })
            .collect(),
        counts,
        edition: edition_item(w, &matrix.edition),
        others: matrix
            .editions
            .iter()
            .rev()
            .filter(|e| e.number != matrix.edition.number)
            .map(|e| edition_item(w, e))
            .collect(),
        service: service_item(w, matrix.service),
        tables,
        f,
    };
    page(&edition_page, &edition_page.f)
}
