// Services and their editions.
use crate::{Edition, Result, Service, StoreError};

macro_rules! service_cols {
    () => {
        "id, provider, slug, name, created_at"
    };
}
macro_rules! edition_cols {
    () => {
        "id, service, number, published_at, document_json, content_hash"
    };
}

pub(crate) async fn create_service(
    conn: &mut Conn,
    provider: i64,
    slug: &str,
    name: &str,
) -> Result<Service> {
    let ok_slug = !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !ok_slug {
        return Err(StoreError::InvalidInput(format!(
            "a slug is lower-case letters, digits and '-': {slug:?}"
        )));
    }
    let org = super::orgs::get(conn, provider).await?;
    if org.kind != crate::OrgKind::Provider {
        return Err(StoreError::InvalidInput(format!(
            "organization {provider} is not a provider"
        )));
    }
    Ok(sqlx::query_as(concat!(
        "INSERT INTO services (provider, slug, name, created_at) VALUES ($1, $2, $3, $4) RETURNING ",
        service_cols!()
    ))
    .bind(provider)
    .bind(slug)
    .bind(name)
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

pub(crate) async fn get_service(conn: &mut Conn, id: i64) -> Result<Service> {
    sqlx::query_as(concat!(
        "SELECT ",
        service_cols!(),
        " FROM services WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("service", id))
}

pub(crate) async fn list_services(conn: &mut Conn, provider: Option<i64>) -> Result<Vec<Service>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        service_cols!(),
        " FROM services WHERE $1 IS NULL OR provider = $1 ORDER BY id"
    ))
    .bind(provider)
    .fetch_all(&mut *conn)
    .await?)
}

/// Checks that a document is canonical `raci/v1` JSON with uniquely
/// identified activities, and returns its activities.
pub(crate) fn activities(document_json: &str) -> Result<Vec<serde_json::Value>> {
    let bad = |why: &str| StoreError::InvalidInput(format!("not a raci/v1 document: {why}"));
    let doc: serde_json::Value =
        serde_json::from_str(document_json).map_err(|e| bad(&e.to_string()))?;
    if doc.get("schema").and_then(|s| s.as_str()) != Some("raci/v1") {
        return Err(bad("\"schema\" is not \"raci/v1\""));
    }
    let list = doc
        .get("activities")
        .and_then(|a| a.as_array())
        .ok_or_else(|| bad("no \"activities\" array"))?;
    let mut seen = std::collections::HashSet::new();
    for a in list {
        let id = a
            .get("id")
            .and_then(|i| i.as_str())
            .ok_or_else(|| bad("an activity has no string \"id\""))?;
        if !seen.insert(id) {
            return Err(bad(&format!("activity id {id:?} appears twice")));
        }
    }
    Ok(list.clone())
}

/// Locks a service's row for the rest of the transaction, so that
/// publications of one service are serialized.
pub(crate) async fn lock_service(conn: &mut Conn, id: i64) -> Result<()> {
    let sql = "UPDATE services SET name = name WHERE id = $1";
    super::query::touch(conn, sql, "service", id).await
}

pub(crate) async fn publish(conn: &mut Conn, service: i64, document_json: &str) -> Result<Edition> {
    activities(document_json)?;
    // Touching the service row serializes concurrent publications of it.
    lock_service(conn, service).await?;
    let (number,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(number), 0) + 1 FROM editions WHERE service = $1")
            .bind(service)
            .fetch_one(&mut *conn)
            .await?;
    Ok(sqlx::query_as(concat!(
        "INSERT INTO editions (service, number, published_at, document_json, content_hash) \
         VALUES ($1, $2, $3, $4, $5) RETURNING ",
        edition_cols!()
    ))
    .bind(service)
    .bind(number)
    .bind(crate::now_ms())
    .bind(document_json)
    .bind(crate::chain::sha256_hex(document_json.as_bytes()))
    .fetch_one(&mut *conn)
    .await?)
}

pub(crate) async fn get_edition(conn: &mut Conn, id: i64) -> Result<Edition> {
    sqlx::query_as(concat!(
        "SELECT ",
        edition_cols!(),
        " FROM editions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("edition", id))
}

pub(crate) async fn latest_edition(conn: &mut Conn, service: i64) -> Result<Edition> {
    sqlx::query_as(concat!(
        "SELECT ",
        edition_cols!(),
        " FROM editions WHERE service = $1 ORDER BY number DESC LIMIT 1"
    ))
    .bind(service)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("edition of service", service))
}

pub(crate) async fn list_editions(conn: &mut Conn, service: i64) -> Result<Vec<Edition>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        edition_cols!(),
        " FROM editions WHERE service = $1 ORDER BY number"
    ))
    .bind(service)
    .fetch_all(&mut *conn)
    .await?)
}
