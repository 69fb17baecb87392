//! Routes for password login, sessions, API tokens and users.
//!
//! Login answers the same 401 for an unknown e-mail and a wrong password
//! (and hashes a dummy password for unknown ones, so timing tells nothing
//! either). Failed logins are throttled per e-mail and per IP address from
//! the rows the store keeps, so every server of a cluster agrees.

use crate::openapi::{
    BadRequest, Conflict, ErrorBody, Forbidden, JsonBodyErrors, NotFound, Unauthorized,
    Unprocessable,
};
use std::{convert::Infallible, net::SocketAddr, sync::OnceLock};

use axum::{
    extract::{
        rejection::{JsonRejection, PathRejection, QueryRejection},
        ConnectInfo, FromRequestParts, Path, Query, State,
    },
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{delete, get, patch, post},
    Json, Router,
};
use raci_store::{ApiToken, NewUser, StoreError, User, UserRole};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{OpenApi, ToSchema};

use crate::{
    auth::{hash_password, verify_password, SESSION_COOKIE},
    error::ApiResult,
    ApiError, AppState, Caller,
};

/// How long a login session lives (12 hours).
pub const SESSION_TTL_MS: i64 = 12 * 3600 * 1000;
/// The shortest password accepted, in characters.
const PASSWORD_MIN_CHARS: usize = 12;
/// The longest password accepted, in bytes: argon2 hashes whatever it gets.
const PASSWORD_MAX_BYTES: usize = 1024;
const EMAIL_MAX_BYTES: usize = 320;
/// The longest API token lifetime one may ask for, in days (ten years).
const TOKEN_MAX_DAYS: i64 = 3650;

/// The OpenAPI paths of this module, merged into the served document.
#[derive(OpenApi)]
#[openapi(paths(
    login,
    logout,
    list_users,
    create_user,
    update_user,
    change_password,
    create_token,
    list_tokens,
    revoke_token
))]
pub struct Doc;

/// The routes of this module, relative to `/api/v1`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/users", get(list_users).post(create_user))
        .route("/users/{id}", patch(update_user))
        .route("/me/password", post(change_password))
        .route("/tokens", get(list_tokens).post(create_token))
        .route("/tokens/{id}", delete(revoke_token))
}

/// The peer's IP address when the server runs with connect info (not in
/// tests driving the router without a socket).
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string()),
        ))
    }
}

/// An error answer of this module's own codes, in the API's error shape.
fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({"error": {"code": code, "message": message, "field": null}});
    (status, Json(body)).into_response()
}

/// Runs CPU-heavy password hashing off the async workers.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> ApiResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::Internal(format!("password hashing task failed: {e}")))
}

/// The hash an unknown e-mail's password is checked against, so that a
/// login for it costs as much as one for a real user.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password("not the password of anyone").unwrap_or_default())
}

/// A new password's rules; `field` is named in the 422.
fn check_password(field: &str, password: &str) -> ApiResult<()> {
    if password.chars().count() < PASSWORD_MIN_CHARS {
        return Err(ApiError::invalid(
            field,
            format!("a password has at least {PASSWORD_MIN_CHARS} characters"),
        ));
    }
    if password.len() > PASSWORD_MAX_BYTES {
        return Err(ApiError::invalid(
            field,
            format!("a password has at most {PASSWORD_MAX_BYTES} bytes"),
        ));
    }
    Ok(())
}

async fn hash(password: String) -> ApiResult<String> {
    blocking(move || hash_password(&password))
        .await?
        .map_err(|e| ApiError::Internal(format!("cannot hash a password: {e}")))
}

fn session_cookie_header(value: &str, max_age_s: i64, secure: bool) -> ApiResult<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_s}{secure}"
    ))
    .map_err(|e| ApiError::Internal(format!("bad cookie: {e}")))
}

/// E-mail and password.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// The logged-in user and when the session ends.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResult {
    #[schema(value_type = Object)]
    pub user: User,
    pub expires_at: i64,
}

/// Opens a session: the `raci_session` cookie (HttpOnly, SameSite=Strict).
#[utoipa::path(post, path = "/api/v1/login", request_body = Credentials,
    responses((status = 200, description = "the user; the session cookie is set"),
        JsonBodyErrors,
        (status = 401, description = "wrong e-mail or password", body = ErrorBody),
        (status = 429, description = "too many failures; see Retry-After", body = ErrorBody)))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    body: Result<Json<Credentials>, JsonRejection>,
) -> ApiResult<Response> {
    let Json(body) = body?;
    let email = body.email.trim().to_owned();
    if email.len() > EMAIL_MAX_BYTES {
        return Err(ApiError::invalid("email", "an e-mail address is too long"));
    }
    if body.password.len() > PASSWORD_MAX_BYTES {
        return Err(ApiError::invalid("password", "a password is too long"));
    }
    let now = raci_store::now_ms();
    let throttle = state.config.login_throttle;
    if let Some(until) = state
        .store
        .login_blocked_until(&email, ip.as_deref(), now, &throttle)
        .await?
    {
        let seconds = (until.saturating_sub(now) + 999) / 1000;
        let mut response = refusal(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            "too many failed logins; try again later",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)));
        return Ok(response);
    }
    let user = match state.store.get_user_by_email(&email).await {
        Ok(user) => Some(user),
        Err(StoreError::NotFound { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let phc = user
        .as_ref()
        .and_then(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_owned());
    let password = body.password;
    let matches = blocking(move || verify_password(&password, &phc)).await?;
    let user = match user {
        Some(user) if matches && user.password_hash.is_some() => user,
        _ => {
            state
                .store
                .record_login_failure(&email, ip.as_deref(), now)
                .await?;
            return Ok(refusal(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "wrong e-mail or password",
            ));
        }
    };
    state.store.clear_login_failures(&email).await?;
    let issued = state
        .store
        .create_session(&format!("user:{}", user.id), user.id, SESSION_TTL_MS)
        .await?;
    let cookie = session_cookie_header(
        &issued.secret,
        SESSION_TTL_MS / 1000,
        state.config.secure_cookies,
    )?;
    let mut response = Json(LoginResult {
        user,
        expires_at: issued.session.expires_at,
    })
    .into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Ends the caller's login session and clears the cookie; with a bearer
/// token there is no session and nothing is revoked.
#[utoipa::path(post, path = "/api/v1/logout",
    responses((status = 204, description = "logged out"),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden)))]
pub async fn logout(State(state): State<AppState>, caller: Caller) -> ApiResult<Response> {
    if let Some(session) = caller.session {
        state.store.revoke_session(&caller.actor(), session).await?;
    }
    let cookie = session_cookie_header("", 0, state.config.secure_cookies)?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// The users of the caller's organization.
#[utoipa::path(get, path = "/api/v1/users",
    responses((status = 200, description = "the users"),
        (status = 401, response = Unauthorized)), security(("bearer" = [])))]
pub async fn list_users(
    State(state): State<AppState>,
    caller: Caller,
) -> ApiResult<Json<Vec<User>>> {
    Ok(Json(state.store.list_users(caller.org.id).await?))
}

/// A new user of the caller's organization.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewUserBody {
    pub email: String,
    pub name: String,
    /// `admin`, `member` or `auditor`.
    pub role: String,
    /// At least 12 characters; a user without one logs in by token only.
    pub password: Option<String>,
}

fn parse_role(role: &str) -> ApiResult<UserRole> {
    role.parse()
        .map_err(|_| ApiError::invalid("role", "a role is admin, member or auditor"))
}

#[utoipa::path(post, path = "/api/v1/users", request_body = NewUserBody,
    responses((status = 201, description = "the user"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewUserBody>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<User>)> {
    caller.require_admin()?;
    let Json(body) = body?;
    let email = body.email.trim();
    if email.len() > EMAIL_MAX_BYTES || !email.contains('@') || email.contains(char::is_whitespace)
    {
        return Err(ApiError::invalid("email", "not an e-mail address"));
    }
    let name = body.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::invalid("name", "a name is 1 to 200 characters"));
    }
    let role = parse_role(&body.role)?;
    let password_hash = match body.password {
        Some(password) => {
            check_password("password", &password)?;
            Some(hash(password).await?)
        }
        None => None,
    };
    let user = state
        .store
        .create_user(
            &caller.actor(),
            &NewUser {
                org: caller.org.id,
                email: email.to_owned(),
                name: name.to_owned(),
                role,
                password_hash,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// A user of the caller's organization, or 404 (others are not disclosed).
async fn same_org_user(state: &AppState, caller: &Caller, id: i64) -> ApiResult<User> {
    let hidden = || ApiError::NotFound(format!("user {id} not found"));
    match state.store.get_user(id).await {
        Ok(user) if user.org == caller.org.id => Ok(user),
        Ok(_) | Err(StoreError::NotFound { .. }) => Err(hidden()),
        Err(e) => Err(e.into()),
    }
}

/// A new role.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UserUpdate {
    /// `admin`, `member` or `auditor`.
    pub role: String,
}

/// Changes a user's role (an access change, audited as `user.role`).
#[utoipa::path(patch, path = "/api/v1/users/{id}", params(("id" = i64, Path)),
    request_body = UserUpdate,
    responses((status = 200, description = "the user"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, description = "the last admin would be demoted", body = ErrorBody),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn update_user(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<UserUpdate>, JsonRejection>,
) -> ApiResult<Json<User>> {
    let Path(id) = id?;
    caller.require_admin()?;
    let Json(body) = body?;
    let role = parse_role(&body.role)?;
    same_org_user(&state, &caller, id).await?;
    Ok(Json(
        state.store.set_user_role(&caller.actor(), id, role).await?,
    ))
}

/// The current password (when one is set) and the new one.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current: Option<String>,
    pub new: String,
}

/// Changes the caller's password; every login session of theirs ends.
#[utoipa::path(post, path = "/api/v1/me/password", request_body = PasswordChange,
    responses((status = 204, description = "changed"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<PasswordChange>, JsonRejection>,
) -> ApiResult<StatusCode> {
    let Json(body) = body?;
    if let Some(phc) = caller.user.password_hash.clone() {
        let current = body.current.unwrap_or_default();
        if current.len() > PASSWORD_MAX_BYTES
            || !blocking(move || verify_password(&current, &phc)).await?
        {
            return Err(ApiError::invalid(
                "current",
                "the current password is wrong",
            ));
        }
    }
    check_password("new", &body.new)?;
    let phc = hash(body.new).await?;
    state
        .store
        .set_password_hash(&caller.actor(), caller.user.id, &phc)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An API token as listed: never its secret nor its hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    pub id: i64,
    pub user_id: i64,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl From<ApiToken> for TokenView {
    fn from(t: ApiToken) -> Self {
        TokenView {
            id: t.id,
            user_id: t.user_id,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// A token just issued, with its secret shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedTokenView {
    #[serde(flatten)]
    pub token: TokenView,
    pub secret: String,
}

/// What a new token needs.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct NewToken {
    /// Days until it expires (1 to 3650); never when absent.
    pub expires_in_days: Option<i64>,
}

/// Issues a token for the caller; the secret is in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", request_body = NewToken,
    responses((status = 201, description = "the token and its secret"),
        JsonBodyErrors,
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 422, response = Unprocessable)),
    security(("bearer" = [])))]
pub async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewToken>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<IssuedTokenView>)> {
    let Json(body) = body?;
    let expires_at = match body.expires_in_days {
        None => None,
        Some(days) if (1..=TOKEN_MAX_DAYS).contains(&days) => {
            Some(raci_store::now_ms() + days * 86_400_000)
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "expires_in_days",
                format!("a token lives 1 to {TOKEN_MAX_DAYS} days"),
            ))
        }
    };
    let issued = state
        .store
        .create_api_token(&caller.actor(), caller.user.id, expires_at)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(IssuedTokenView {
            token: issued.token.into(),
            secret: issued.secret,
        }),
    ))
}

/// Whose tokens to list.
#[derive(Debug, Deserialize)]
pub struct TokenFilter {
    /// A user of the caller's organization (admins only); the caller when absent.
    pub user: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/tokens", params(("user" = Option<i64>, Query)),
    responses((status = 200, description = "the tokens"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound)),
    security(("bearer" = [])))]
pub async fn list_tokens(
    State(state): State<AppState>,
    caller: Caller,
    filter: Result<Query<TokenFilter>, QueryRejection>,
) -> ApiResult<Json<Vec<TokenView>>> {
    let Query(filter) = filter?;
    let user = match filter.user {
        Some(id) if id != caller.user.id => {
            caller.require_admin()?;
            same_org_user(&state, &caller, id).await?.id
        }
        _ => caller.user.id,
    };
    let tokens = state.store.list_api_tokens(user).await?;
    Ok(Json(tokens.into_iter().map(TokenView::from).collect()))
}

/// Revokes a token: one's own, or for admins any of their organization.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", params(("id" = i64, Path)),
    responses((status = 204, description = "revoked"),
        (status = 400, response = BadRequest),
        (status = 401, response = Unauthorized),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict)),
    security(("bearer" = [])))]
pub async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<StatusCode> {
    let Path(id) = id?;
    let hidden = || ApiError::NotFound(format!("api token {id} not found"));
    let token = match state.store.get_api_token(id).await {
        Ok(token) => token,
        Err(StoreError::NotFound { .. }) => return Err(hidden()),
        Err(e) => return Err(e.into()),
    };
    if token.user_id != caller.user.id {
        if caller.user.role != UserRole::Admin {
            return Err(hidden());
        }
        same_org_user(&state, &caller, token.user_id)
            .await
            .map_err(|_| hidden())?;
    }
    state.store.revoke_api_token(&caller.actor(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}
