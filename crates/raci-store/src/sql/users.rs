// Users and API tokens.
use crate::{ApiToken, NewUser, Result, StoreError, User};

macro_rules! user_cols {
    () => {
        "id, org, email, name, role, password_hash, created_at"
    };
}
macro_rules! token_cols {
    () => {
        "id, user_id, hash, created_at, expires_at, revoked_at"
    };
}

/// Records a change of a user in the audit log of the user's organization.
pub(crate) async fn record(
    conn: &mut Conn,
    user: &User,
    actor: &str,
    action: &str,
    details: &serde_json::Value,
) -> Result<()> {
    let subject = format!("user:{}", user.id);
    super::audit::append(conn, user.org, actor, action, &subject, details).await?;
    Ok(())
}

pub(crate) async fn create(conn: &mut Conn, u: &NewUser) -> Result<User> {
    let email = u.email.trim();
    if !email.contains('@') {
        return Err(StoreError::InvalidInput(format!(
            "not an e-mail address: {email:?}"
        )));
    }
    super::orgs::get(conn, u.org).await?;
    Ok(sqlx::query_as(concat!(
        "INSERT INTO users (org, email, name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
        user_cols!()
    ))
    .bind(u.org)
    .bind(email)
    .bind(&u.name)
    .bind(u.role.as_str())
    .bind(u.password_hash.as_deref())
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

pub(crate) async fn get(conn: &mut Conn, id: i64) -> Result<User> {
    sqlx::query_as(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("user", id))
}

pub(crate) async fn get_by_email(conn: &mut Conn, email: &str) -> Result<User> {
    sqlx::query_as(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users WHERE email = $1"
    ))
    .bind(email.trim())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("user", email))
}

pub(crate) async fn list(conn: &mut Conn, org: i64) -> Result<Vec<User>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        user_cols!(),
        " FROM users WHERE org = $1 ORDER BY id"
    ))
    .bind(org)
    .fetch_all(&mut *conn)
    .await?)
}

/// A fresh secret: `raci_` and 32 random bytes in hex.
fn new_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::InvalidInput(format!("no randomness for a token: {e}")))?;
    Ok(format!("raci_{}", hex::encode(bytes)))
}

pub(crate) async fn create_token(
    conn: &mut Conn,
    user: i64,
    expires_at: Option<i64>,
) -> Result<(ApiToken, String)> {
    get(conn, user).await?;
    let secret = new_secret()?;
    let token = sqlx::query_as(concat!(
        "INSERT INTO api_tokens (user_id, hash, created_at, expires_at) \
         VALUES ($1, $2, $3, $4) RETURNING ",
        token_cols!()
    ))
    .bind(user)
    .bind(crate::chain::sha256_hex(secret.as_bytes()))
    .bind(crate::now_ms())
    .bind(expires_at)
    .fetch_one(&mut *conn)
    .await?;
    Ok((token, secret))
}

pub(crate) async fn get_token(conn: &mut Conn, id: i64) -> Result<ApiToken> {
    sqlx::query_as(concat!(
        "SELECT ",
        token_cols!(),
        " FROM api_tokens WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("api token", id))
}

pub(crate) async fn list_tokens(conn: &mut Conn, user: i64) -> Result<Vec<ApiToken>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        token_cols!(),
        " FROM api_tokens WHERE user_id = $1 ORDER BY id"
    ))
    .bind(user)
    .fetch_all(&mut *conn)
    .await?)
}

/// The user of a live token; an unknown, revoked or expired one is not found.
pub(crate) async fn authenticate(conn: &mut Conn, secret: &str) -> Result<User> {
    let hash = crate::chain::sha256_hex(secret.as_bytes());
    let user_id: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL \
         AND (expires_at IS NULL OR expires_at > $2)",
    )
    .bind(&hash)
    .bind(crate::now_ms())
    .fetch_optional(&mut *conn)
    .await?;
    match user_id {
        Some((id,)) => get(conn, id).await,
        None => Err(StoreError::not_found("api token", "(secret)")),
    }
}

/// Revokes a token, once; the owner's organization for the audit entry.
pub(crate) async fn revoke_token(conn: &mut Conn, id: i64) -> Result<i64> {
    let token = get_token(conn, id).await?;
    if token.revoked_at.is_some() {
        return Err(StoreError::Conflict(format!(
            "api token {id} is already revoked"
        )));
    }
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
        .bind(crate::now_ms())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(get(conn, token.user_id).await?.org)
}
