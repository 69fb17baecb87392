// Organizations.
use crate::{OrgKind, Organization, Result, StoreError};

macro_rules! cols {
    () => {
        "id, name, kind, created_at"
    };
}

pub(crate) async fn create(conn: &mut Conn, name: &str, kind: OrgKind) -> Result<Organization> {
    if name.trim().is_empty() {
        return Err(StoreError::InvalidInput(
            "organization name is empty".into(),
        ));
    }
    Ok(sqlx::query_as(concat!(
        "INSERT INTO organizations (name, kind, created_at) VALUES ($1, $2, $3) RETURNING ",
        cols!()
    ))
    .bind(name)
    .bind(kind.as_str())
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

pub(crate) async fn get(conn: &mut Conn, id: i64) -> Result<Organization> {
    sqlx::query_as(concat!(
        "SELECT ",
        cols!(),
        " FROM organizations WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("organization", id))
}

pub(crate) async fn list(conn: &mut Conn) -> Result<Vec<Organization>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        cols!(),
        " FROM organizations ORDER BY id"
    ))
    .fetch_all(&mut *conn)
    .await?)
}
