//! Login and sessions, the caller, users, teams and API tokens.

use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json as JsonBody,
};
use raci_app::views::{IssuedTokenView, LoginView, MeView, TeamView, TokenView, UserView};
use raci_app::{
    AppError, Credentials, NewTeam, NewToken, NewUserInput, PasswordChange, RoleChange,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{created, handlers, no_content, ok, TokenId, UserId};
use crate::extract::{Authed, ClientIp, Json, Path, Query};
use crate::openapi::{LoginErrors, ReadErrors, StepErrors, WriteErrors};
use crate::{ApiError, ApiResult, ApiState, SESSION_COOKIE};

pub fn routes() -> OpenApiRouter<ApiState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(get_me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(update_user_role))
        .routes(routes!(change_password))
        .routes(routes!(create_token, list_tokens))
        .routes(routes!(revoke_token))
        .routes(routes!(create_team, list_teams))
        .routes(routes!(add_team_member, remove_team_member))
}

/// The `Set-Cookie` value of a session (an empty one ends it).
pub fn session_cookie(value: &str, max_age_s: i64, secure: bool) -> Result<HeaderValue, ApiError> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age_s}{secure}"
    ))
    .map_err(|e| ApiError(AppError::internal(format!("bad cookie: {e}"))))
}

/// Opens a session: the `raci_session` cookie (HttpOnly, SameSite=Strict).
/// Failed logins are throttled per e-mail and per address.
#[utoipa::path(post, path = "/login", operation_id = "login", tag = "accounts",
    request_body = Credentials,
    responses((status = 200, body = LoginView, description = "the user; the session cookie is set",
            headers(("Set-Cookie" = String, description = "the session"))),
        LoginErrors))]
pub async fn login(
    State(s): State<ApiState>,
    ClientIp(ip): ClientIp,
    Json(input): Json<Credentials>,
) -> ApiResult<Response> {
    let login = s.app.login(input, ip.as_deref()).await?;
    let cookie = session_cookie(&login.secret, login.max_age_s, s.secure_cookies)?;
    let mut response = JsonBody(login.view).into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

/// Ends the caller's session and clears the cookie; with a bearer token
/// there is no session and nothing is revoked.
#[utoipa::path(post, path = "/logout", operation_id = "logout", tag = "accounts",
    responses((status = 204, description = "logged out"), StepErrors))]
pub async fn logout(State(s): State<ApiState>, Authed(caller): Authed) -> ApiResult<Response> {
    s.app.logout(&caller).await?;
    let cookie = session_cookie("", 0, s.secure_cookies)?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(response)
}

handlers! {
    /// The caller: user, organization and teams.
    #[utoipa::path(get, path = "/me", operation_id = "getMe", tag = "accounts",
        responses((status = 200, body = MeView, description = "the caller"), ReadErrors))]
    get_me() -> JsonBody<MeView> = |app, caller| ok(app.me(&caller).await?);

    /// Changes the caller's password; every session of theirs ends.
    #[utoipa::path(post, path = "/me/password", operation_id = "changePassword",
        tag = "accounts", request_body = PasswordChange,
        responses((status = 204, description = "changed"), WriteErrors))]
    change_password(Json(input) => Json<PasswordChange>) -> StatusCode =
        |app, caller| no_content(app.change_password(&caller, input).await?);

    /// The users of the caller's organization.
    #[utoipa::path(get, path = "/users", operation_id = "listUsers", tag = "accounts",
        responses((status = 200, body = Vec<UserView>, description = "the users"), ReadErrors))]
    list_users() -> JsonBody<Vec<UserView>> = |app, caller| ok(app.users(&caller).await?);

    /// An admin adds a user to the organization.
    #[utoipa::path(post, path = "/users", operation_id = "createUser", tag = "accounts",
        request_body = NewUserInput,
        responses((status = 201, body = UserView, description = "the user"), WriteErrors))]
    create_user(Json(input) => Json<NewUserInput>) -> (StatusCode, JsonBody<UserView>) =
        |app, caller| created(app.create_user(&caller, input).await?);

    /// An admin changes a user's role (audited as an access change); the
    /// last admin stays one.
    #[utoipa::path(patch, path = "/users/{id}", operation_id = "updateUserRole",
        tag = "accounts", params(UserId),
        request_body = RoleChange,
        responses((status = 200, body = UserView, description = "the user"), WriteErrors))]
    update_user_role(Path(UserId { id }) => Path<UserId>, Json(input) => Json<RoleChange>) -> JsonBody<UserView> =
        |app, caller| ok(app.set_user_role(&caller, id, input).await?);

    /// Issues a token for the caller; its secret is in this answer only.
    #[utoipa::path(post, path = "/tokens", operation_id = "createToken", tag = "accounts",
        request_body = NewToken,
        responses((status = 201, body = IssuedTokenView, description = "the token and its secret"),
            WriteErrors))]
    create_token(Json(input) => Json<NewToken>) -> (StatusCode, JsonBody<IssuedTokenView>) =
        |app, caller| created(app.create_token(&caller, input).await?);

    /// The caller's tokens, or (admins) a user's.
    #[utoipa::path(get, path = "/tokens", operation_id = "listTokens", tag = "accounts",
        params(TokenFilter),
        responses((status = 200, body = Vec<TokenView>, description = "the tokens"), ReadErrors))]
    list_tokens(Query(filter) => Query<TokenFilter>) -> JsonBody<Vec<TokenView>> =
        |app, caller| ok(app.tokens(&caller, filter.user).await?);

    /// Revokes a token: one's own, or for admins any of the organization.
    #[utoipa::path(delete, path = "/tokens/{id}", operation_id = "revokeToken",
        tag = "accounts", params(TokenId),
        responses((status = 204, description = "revoked"), StepErrors))]
    revoke_token(Path(TokenId { id }) => Path<TokenId>) -> StatusCode =
        |app, caller| no_content(app.revoke_token(&caller, id).await?);

    /// An admin creates a team of the organization.
    #[utoipa::path(post, path = "/teams", operation_id = "createTeam", tag = "accounts",
        request_body = NewTeam,
        responses((status = 201, body = TeamView, description = "the team"), WriteErrors))]
    create_team(Json(input) => Json<NewTeam>) -> (StatusCode, JsonBody<TeamView>) =
        |app, caller| created(app.create_team(&caller, input).await?);

    /// The teams of the caller's organization.
    #[utoipa::path(get, path = "/teams", operation_id = "listTeams", tag = "accounts",
        responses((status = 200, body = Vec<TeamView>, description = "the teams"), ReadErrors))]
    list_teams() -> JsonBody<Vec<TeamView>> = |app, caller| ok(app.teams(&caller).await?);

    /// An admin adds a user of the organization to a team.
    #[utoipa::path(put, path = "/teams/{id}/members/{user}", operation_id = "addTeamMember",
        tag = "accounts",
        params(TeamMember),
        responses((status = 200, body = TeamView, description = "the team"), StepErrors))]
    add_team_member(Path(TeamMember { id, user }) => Path<TeamMember>) -> JsonBody<TeamView> =
        |app, caller| ok(app.add_team_member(&caller, id, user).await?);

    /// An admin removes a member from a team.
    #[utoipa::path(delete, path = "/teams/{id}/members/{user}",
        operation_id = "removeTeamMember", tag = "accounts",
        params(TeamMember),
        responses((status = 200, body = TeamView, description = "the team"), StepErrors))]
    remove_team_member(Path(TeamMember { id, user }) => Path<TeamMember>) -> JsonBody<TeamView> =
        |app, caller| ok(app.remove_team_member(&caller, id, user).await?);
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenFilter {
    /// A user of the caller's organization (admins); the caller when absent.
    pub user: Option<i64>,
}

/// A member of a team, in the path.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TeamMember {
    /// the team
    pub id: i64,
    /// the user
    pub user: i64,
}
