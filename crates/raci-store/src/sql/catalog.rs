// Services and their editions.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::{row_by_id, rows_by, touch};
use crate::{Edition, EditionDiff, Result, Service, StoreError};

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

pub(crate) async fn service(conn: &mut Conn, id: i64) -> Result<Service> {
    let sql = concat!("SELECT ", service_cols!(), " FROM services WHERE id = $1");
    row_by_id(conn, sql, "service", id).await
}

pub(crate) async fn edition(conn: &mut Conn, id: i64) -> Result<Edition> {
    let sql = concat!("SELECT ", edition_cols!(), " FROM editions WHERE id = $1");
    row_by_id(conn, sql, "edition", id).await
}

pub(crate) async fn insert_service(
    conn: &mut Conn,
    provider: i64,
    slug: &str,
    name: &str,
) -> Result<Service> {
    Ok(sqlx::query_as(concat!(
        "INSERT INTO services (provider, slug, name, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING ",
        service_cols!()
    ))
    .bind(provider)
    .bind(slug)
    .bind(name)
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

#[async_trait]
impl crate::CatalogReads for Handle {
    async fn service(&mut self, id: i64) -> Result<Service> {
        service(self.conn(), id).await
    }

    async fn services(&mut self, provider: Option<i64>) -> Result<Vec<Service>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            service_cols!(),
            " FROM services WHERE $1 IS NULL OR provider = $1 ORDER BY id"
        ))
        .bind(provider)
        .fetch_all(self.conn())
        .await?)
    }

    async fn edition(&mut self, id: i64) -> Result<Edition> {
        edition(self.conn(), id).await
    }

    async fn edition_by_number(&mut self, service: i64, number: i64) -> Result<Edition> {
        sqlx::query_as(concat!(
            "SELECT ",
            edition_cols!(),
            " FROM editions WHERE service = $1 AND number = $2"
        ))
        .bind(service)
        .bind(number)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("edition", number))
    }

    async fn latest_edition(&mut self, service: i64) -> Result<Option<Edition>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            edition_cols!(),
            " FROM editions WHERE service = $1 ORDER BY number DESC LIMIT 1"
        ))
        .bind(service)
        .fetch_optional(self.conn())
        .await?)
    }

    async fn editions(&mut self, service: i64) -> Result<Vec<Edition>> {
        let sql = concat!(
            "SELECT ",
            edition_cols!(),
            " FROM editions WHERE service = $1 ORDER BY number"
        );
        rows_by(self.conn(), sql, service).await
    }

    async fn edition_diff(&mut self, edition: i64) -> Result<Option<EditionDiff>> {
        Ok(sqlx::query_as(
            "SELECT edition, previous, diff_json FROM edition_diffs WHERE edition = $1",
        )
        .bind(edition)
        .fetch_optional(self.conn())
        .await?)
    }
}

#[async_trait]
impl crate::CatalogWrites for Handle {
    async fn create_service(&mut self, provider: i64, slug: &str, name: &str) -> Result<Service> {
        insert_service(self.conn(), provider, slug, name).await
    }

    async fn lock_service(&mut self, id: i64) -> Result<()> {
        let sql = "UPDATE services SET name = name WHERE id = $1";
        touch(self.conn(), sql, "service", id).await
    }

    async fn insert_edition(&mut self, service: i64, document_json: &str) -> Result<Edition> {
        let (number,): (i64,) =
            sqlx::query_as("SELECT COALESCE(MAX(number), 0) + 1 FROM editions WHERE service = $1")
                .bind(service)
                .fetch_one(self.conn())
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
        .fetch_one(self.conn())
        .await?)
    }

    async fn insert_edition_diff(&mut self, diff: &EditionDiff) -> Result<()> {
        sqlx::query("INSERT INTO edition_diffs (edition, previous, diff_json) VALUES ($1, $2, $3)")
            .bind(diff.edition)
            .bind(diff.previous)
            .bind(&diff.diff_json)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
