// Password login, sessions and throttling of failed logins.
use async_trait::async_trait;
use serde_json::json;

use crate::{ApiToken, IssuedSession, LoginThrottle, Result, Session, StoreError, User, UserRole};

macro_rules! session_cols {
    () => {
        "id, user_id, hash, created_at, expires_at, revoked_at"
    };
}

/// Failed logins older than this are deleted as new ones are recorded.
const FAILURE_RETENTION_MS: i64 = 24 * 3600 * 1000;

/// The key failures are counted under, so that `Alice@…` and `alice@…` agree.
fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A session secret: `raci_s_` and 32 random bytes in hex.
fn new_session_secret() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::InvalidInput(format!("no randomness for a session: {e}")))?;
    Ok(format!("raci_s_{}", hex::encode(bytes)))
}

async fn get_session(conn: &mut Conn, id: i64) -> Result<Session> {
    sqlx::query_as(concat!(
        "SELECT ",
        session_cols!(),
        " FROM sessions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found("session", id))
}

/// The `n`-th most recent failure (1-based) at or after `since` under a
/// column, when there are at least `n`: the one whose leaving the window
/// lifts the block.
async fn nth_failure(
    conn: &mut Conn,
    by_ip: bool,
    key: &str,
    since: i64,
    n: i64,
) -> Result<Option<i64>> {
    let sql = if by_ip {
        "SELECT at FROM login_failures WHERE ip = $1 AND at >= $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3"
    } else {
        "SELECT at FROM login_failures WHERE email = $1 AND at >= $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3"
    };
    let row: Option<(i64,)> = sqlx::query_as(sql)
        .bind(key)
        .bind(since)
        .bind(n.saturating_sub(1).max(0))
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|(at,)| at))
}

#[async_trait]
impl crate::AccountStore for Backend {
    async fn create_session(&self, actor: &str, user: i64, ttl_ms: i64) -> Result<IssuedSession> {
        let mut tx = self.begin().await?;
        let owner = super::users::get(&mut tx, user).await?;
        let secret = new_session_secret()?;
        let now = crate::now_ms();
        let session: Session = sqlx::query_as(concat!(
            "INSERT INTO sessions (user_id, hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4) RETURNING ",
            session_cols!()
        ))
        .bind(user)
        .bind(crate::chain::sha256_hex(secret.as_bytes()))
        .bind(now)
        .bind(now.saturating_add(ttl_ms))
        .fetch_one(&mut *tx)
        .await?;
        let subject = format!("session:{}", session.id);
        super::audit::append(
            &mut tx,
            owner.org,
            actor,
            "session.create",
            &subject,
            &json!({"user": user, "expires_at": session.expires_at}),
        )
        .await?;
        tx.commit().await?;
        Ok(IssuedSession { session, secret })
    }

    async fn authenticate_session(&self, secret: &str) -> Result<(User, Session)> {
        let mut conn = self.pool.acquire().await?;
        let session: Option<Session> = sqlx::query_as(concat!(
            "SELECT ",
            session_cols!(),
            " FROM sessions WHERE hash = $1 AND revoked_at IS NULL AND expires_at > $2"
        ))
        .bind(crate::chain::sha256_hex(secret.as_bytes()))
        .bind(crate::now_ms())
        .fetch_optional(&mut *conn)
        .await?;
        let session = session.ok_or_else(|| StoreError::not_found("session", "(secret)"))?;
        let user = super::users::get(&mut conn, session.user_id).await?;
        Ok((user, session))
    }

    async fn revoke_session(&self, actor: &str, session: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        let s = get_session(&mut tx, session).await?;
        if s.revoked_at.is_some() {
            return Err(StoreError::not_found("session", session));
        }
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE id = $2")
            .bind(crate::now_ms())
            .bind(session)
            .execute(&mut *tx)
            .await?;
        let org = super::users::get(&mut tx, s.user_id).await?.org;
        let subject = format!("session:{session}");
        super::audit::append(&mut tx, org, actor, "session.revoke", &subject, &json!({})).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn record_login_failure(&self, email: &str, ip: Option<&str>, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(now.saturating_sub(FAILURE_RETENTION_MS))
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO login_failures (email, at, ip) VALUES ($1, $2, $3)")
            .bind(email_key(email))
            .bind(now)
            .bind(ip)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn login_blocked_until(
        &self,
        email: &str,
        ip: Option<&str>,
        now: i64,
        throttle: &LoginThrottle,
    ) -> Result<Option<i64>> {
        let mut conn = self.pool.acquire().await?;
        let since = now.saturating_sub(throttle.window_ms);
        let mut until = None;
        let email_key = email_key(email);
        let keys = [
            (false, Some(email_key.as_str()), throttle.per_email),
            (true, ip, throttle.per_ip),
        ];
        for (by_ip, key, limit) in keys {
            let Some(key) = key else { continue };
            if let Some(at) = nth_failure(&mut conn, by_ip, key, since, limit).await? {
                let lifted = at.saturating_add(throttle.window_ms);
                until = Some(until.map_or(lifted, |u: i64| u.max(lifted)));
            }
        }
        Ok(until)
    }

    async fn clear_login_failures(&self, email: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM login_failures WHERE email = $1")
            .bind(email_key(email))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn get_api_token(&self, id: i64) -> Result<ApiToken> {
        super::users::get_token(&mut *self.pool.acquire().await?, id).await
    }

    async fn set_user_role(&self, actor: &str, user: i64, role: UserRole) -> Result<User> {
        let mut tx = self.begin().await?;
        let before = super::users::get(&mut tx, user).await?;
        if before.role == UserRole::Admin && role != UserRole::Admin {
            let (admins,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM users WHERE org = $1 AND role = 'admin'")
                    .bind(before.org)
                    .fetch_one(&mut *tx)
                    .await?;
            if admins <= 1 {
                return Err(StoreError::Conflict(
                    "an organization keeps at least one admin".to_owned(),
                ));
            }
        }
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(user)
            .execute(&mut *tx)
            .await?;
        let details = json!({"from": before.role, "to": role});
        super::users::record(&mut tx, &before, actor, "user.role", &details).await?;
        let after = super::users::get(&mut tx, user).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_password_hash(&self, actor: &str, user: i64, hash: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        let owner = super::users::get(&mut tx, user).await?;
        let now = crate::now_ms();
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        super::users::record(&mut tx, &owner, actor, "user.password", &json!({})).await?;
        tx.commit().await?;
        Ok(())
    }
}
