// Organizations, users, API tokens, login sessions, failed logins and teams.
use async_trait::async_trait;

use super::handle::Handle;
use super::query::{new_secret, row_by_id, rows_by};
use crate::accounts::FailureKey;
use crate::chain::sha256_hex;
use crate::{
    ApiToken, IssuedSession, IssuedToken, NewUser, OrgKind, Organization, Result, Session,
    StoreError, Team, User, UserRole,
};

macro_rules! org_cols {
    () => {
        "id, name, kind, created_at"
    };
}
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

pub(crate) async fn organization(conn: &mut Conn, id: i64) -> Result<Organization> {
    let sql = concat!("SELECT ", org_cols!(), " FROM organizations WHERE id = $1");
    row_by_id(conn, sql, "organization", id).await
}

/// Stores a new secret for `user_id` (only its hash is kept) with `insert`,
/// whose four binds are the user, the hash, the creation and the expiry time;
/// answers the stored row and the secret, which is shown this once.
async fn issue_secret<T>(
    conn: &mut Conn,
    insert: &'static str,
    prefix: &str,
    user_id: i64,
    expires_at: Option<i64>,
) -> Result<(T, String)>
where
    T: for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row> + Send + Unpin,
{
    user(conn, user_id).await?;
    let secret = new_secret(prefix)?;
    let row = sqlx::query_as(insert)
        .bind(user_id)
        .bind(sha256_hex(secret.as_bytes()))
        .bind(crate::now_ms())
        .bind(expires_at)
        .fetch_one(&mut *conn)
        .await?;
    Ok((row, secret))
}

pub(crate) async fn user(conn: &mut Conn, id: i64) -> Result<User> {
    let sql = concat!("SELECT ", user_cols!(), " FROM users WHERE id = $1");
    row_by_id(conn, sql, "user", id).await
}

pub(crate) async fn users(conn: &mut Conn, org: i64) -> Result<Vec<User>> {
    let sql = concat!(
        "SELECT ",
        user_cols!(),
        " FROM users WHERE org = $1 ORDER BY id"
    );
    rows_by(conn, sql, org).await
}

async fn team_members(conn: &mut Conn, team: i64) -> Result<Vec<i64>> {
    let sql = "SELECT user_id FROM team_members WHERE team = $1 ORDER BY user_id";
    let rows: Vec<(i64,)> = rows_by(conn, sql, team).await?;
    Ok(rows.into_iter().map(|(u,)| u).collect())
}

pub(crate) async fn team(conn: &mut Conn, id: i64) -> Result<Team> {
    let sql = "SELECT id, org, name FROM teams WHERE id = $1";
    let (id, org, name): (i64, i64, String) = row_by_id(conn, sql, "team", id).await?;
    let members = team_members(conn, id).await?;
    Ok(Team {
        id,
        org,
        name,
        members,
    })
}

pub(crate) async fn insert_organization(
    conn: &mut Conn,
    name: &str,
    kind: OrgKind,
) -> Result<Organization> {
    Ok(sqlx::query_as(concat!(
        "INSERT INTO organizations (name, kind, created_at) VALUES ($1, $2, $3) RETURNING ",
        org_cols!()
    ))
    .bind(name)
    .bind(kind.as_str())
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

#[async_trait]
impl crate::AccountReads for Handle {
    async fn organization(&mut self, id: i64) -> Result<Organization> {
        organization(self.conn(), id).await
    }

    async fn organizations(&mut self) -> Result<Vec<Organization>> {
        let sql = concat!("SELECT ", org_cols!(), " FROM organizations ORDER BY id");
        Ok(sqlx::query_as(sql).fetch_all(self.conn()).await?)
    }

    async fn user(&mut self, id: i64) -> Result<User> {
        user(self.conn(), id).await
    }

    async fn user_by_email(&mut self, email: &str) -> Result<User> {
        let sql = concat!("SELECT ", user_cols!(), " FROM users WHERE email = $1");
        sqlx::query_as(sql)
            .bind(email.trim())
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::not_found("user", email))
    }

    async fn users(&mut self, org: i64) -> Result<Vec<User>> {
        users(self.conn(), org).await
    }

    async fn user_by_token(&mut self, secret: &str, now: i64) -> Result<(User, ApiToken)> {
        let sql = concat!(
            "SELECT ",
            token_cols!(),
            " FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $2)"
        );
        let token: ApiToken = sqlx::query_as(sql)
            .bind(sha256_hex(secret.as_bytes()))
            .bind(now)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::not_found("api token", "(secret)"))?;
        Ok((user(self.conn(), token.user_id).await?, token))
    }

    async fn api_token(&mut self, id: i64) -> Result<ApiToken> {
        let sql = concat!("SELECT ", token_cols!(), " FROM api_tokens WHERE id = $1");
        row_by_id(self.conn(), sql, "api token", id).await
    }

    async fn api_tokens(&mut self, user: i64) -> Result<Vec<ApiToken>> {
        let sql = concat!(
            "SELECT ",
            token_cols!(),
            " FROM api_tokens WHERE user_id = $1 ORDER BY id"
        );
        rows_by(self.conn(), sql, user).await
    }

    async fn user_by_session(&mut self, secret: &str, now: i64) -> Result<(User, Session)> {
        let sql = concat!(
            "SELECT ",
            session_cols!(),
            " FROM sessions WHERE hash = $1 AND revoked_at IS NULL AND expires_at > $2"
        );
        let session: Session = sqlx::query_as(sql)
            .bind(sha256_hex(secret.as_bytes()))
            .bind(now)
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::not_found("session", "(secret)"))?;
        Ok((user(self.conn(), session.user_id).await?, session))
    }

    async fn nth_login_failure(
        &mut self,
        key: FailureKey<'_>,
        since: i64,
        n: i64,
    ) -> Result<Option<i64>> {
        let (sql, key) = match key {
            FailureKey::Ip(ip) => (
                "SELECT at FROM login_failures WHERE ip = $1 AND at >= $2 \
                 ORDER BY at DESC LIMIT 1 OFFSET $3",
                ip.to_owned(),
            ),
            FailureKey::Email(email) => (
                "SELECT at FROM login_failures WHERE email = $1 AND at >= $2 \
                 ORDER BY at DESC LIMIT 1 OFFSET $3",
                email_key(email),
            ),
        };
        let row: Option<(i64,)> = sqlx::query_as(sql)
            .bind(key)
            .bind(since)
            .bind(n.saturating_sub(1).max(0))
            .fetch_optional(self.conn())
            .await?;
        Ok(row.map(|(at,)| at))
    }

    async fn team(&mut self, id: i64) -> Result<Team> {
        team(self.conn(), id).await
    }

    async fn teams(&mut self, org: i64) -> Result<Vec<Team>> {
        let sql = "SELECT id FROM teams WHERE org = $1 ORDER BY id";
        let ids: Vec<(i64,)> = rows_by(self.conn(), sql, org).await?;
        let mut teams = Vec::with_capacity(ids.len());
        for (id,) in ids {
            teams.push(team(self.conn(), id).await?);
        }
        Ok(teams)
    }

    async fn teams_of(&mut self, user: i64) -> Result<Vec<i64>> {
        let sql = "SELECT team FROM team_members WHERE user_id = $1 ORDER BY team";
        let rows: Vec<(i64,)> = rows_by(self.conn(), sql, user).await?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }
}

#[async_trait]
impl crate::AccountWrites for Handle {
    async fn create_organization(&mut self, name: &str, kind: OrgKind) -> Result<Organization> {
        insert_organization(self.conn(), name, kind).await
    }

    async fn create_user(&mut self, u: &NewUser) -> Result<User> {
        organization(self.conn(), u.org).await?;
        Ok(sqlx::query_as(concat!(
            "INSERT INTO users (org, email, name, role, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING ",
            user_cols!()
        ))
        .bind(u.org)
        .bind(&u.email)
        .bind(&u.name)
        .bind(u.role.as_str())
        .bind(u.password_hash.as_deref())
        .bind(crate::now_ms())
        .fetch_one(self.conn())
        .await?)
    }

    async fn set_user_role(&mut self, id: i64, role: UserRole) -> Result<User> {
        sqlx::query_as(concat!(
            "UPDATE users SET role = $1 WHERE id = $2 RETURNING ",
            user_cols!()
        ))
        .bind(role.as_str())
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("user", id))
    }

    async fn set_password_hash(&mut self, id: i64, hash: &str, now: i64) -> Result<()> {
        let updated = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(id)
            .execute(self.conn())
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("user", id));
        }
        sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn create_api_token(
        &mut self,
        user_id: i64,
        expires_at: Option<i64>,
    ) -> Result<IssuedToken> {
        let (token, secret) = issue_secret(
            self.conn(),
            concat!(
                "INSERT INTO api_tokens (user_id, hash, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4) RETURNING ",
                token_cols!()
            ),
            "raci_",
            user_id,
            expires_at,
        )
        .await?;
        Ok(IssuedToken { token, secret })
    }

    async fn revoke_api_token(&mut self, id: i64, now: i64) -> Result<ApiToken> {
        let revoked: Option<ApiToken> = sqlx::query_as(concat!(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL \
             RETURNING ",
            token_cols!()
        ))
        .bind(now)
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        match revoked {
            Some(token) => Ok(token),
            None => {
                crate::AccountReads::api_token(self, id).await?;
                Err(StoreError::Conflict(format!(
                    "api token {id} is already revoked"
                )))
            }
        }
    }

    async fn create_session(&mut self, user_id: i64, expires_at: i64) -> Result<IssuedSession> {
        let (session, secret) = issue_secret(
            self.conn(),
            concat!(
                "INSERT INTO sessions (user_id, hash, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4) RETURNING ",
                session_cols!()
            ),
            "raci_s_",
            user_id,
            Some(expires_at),
        )
        .await?;
        Ok(IssuedSession { session, secret })
    }

    async fn revoke_session(&mut self, id: i64, now: i64) -> Result<Session> {
        sqlx::query_as(concat!(
            "UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING ",
            session_cols!()
        ))
        .bind(now)
        .bind(id)
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::not_found("session", id))
    }

    async fn record_login_failure(
        &mut self,
        email: &str,
        ip: Option<&str>,
        now: i64,
    ) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(now.saturating_sub(FAILURE_RETENTION_MS))
            .execute(self.conn())
            .await?;
        sqlx::query("INSERT INTO login_failures (email, at, ip) VALUES ($1, $2, $3)")
            .bind(email_key(email))
            .bind(now)
            .bind(ip)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn clear_login_failures(&mut self, email: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE email = $1")
            .bind(email_key(email))
            .execute(self.conn())
            .await?;
        Ok(())
    }

    async fn create_team(&mut self, org: i64, name: &str) -> Result<Team> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO teams (org, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(org)
        .bind(name)
        .bind(crate::now_ms())
        .fetch_one(self.conn())
        .await?;
        team(self.conn(), id).await
    }

    async fn add_team_member(&mut self, team_id: i64, user_id: i64) -> Result<Team> {
        sqlx::query(
            "INSERT INTO team_members (team, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(team_id)
        .bind(user_id)
        .execute(self.conn())
        .await?;
        team(self.conn(), team_id).await
    }

    async fn remove_team_member(&mut self, team_id: i64, user_id: i64) -> Result<Team> {
        let gone = sqlx::query("DELETE FROM team_members WHERE team = $1 AND user_id = $2")
            .bind(team_id)
            .bind(user_id)
            .execute(self.conn())
            .await?;
        if gone.rows_affected() == 0 {
            return Err(StoreError::not_found("team member", user_id));
        }
        team(self.conn(), team_id).await
    }
}
