//! Login and sessions, the caller, users, teams and API tokens.

use axum::{
    extract::State,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json as JsonBody,
};
use raci_app::views::{
    IssuedTokenView, LoginView, MeView, PreferencesView, TeamView, TokenView, UserView,
};
use raci_app::{
    AppError, Credentials, NewTeam, NewToken, NewUserInput, PasswordChange, PreferencesInput,
    RoleChange,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use super::{operations, TokenId, UserId};
use crate::extract::{Authed, ClientIp, Json};
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
        .routes(routes!(get_preferences, set_preferences))
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

operations! { tag = "accounts";
    /// The caller: user, organization and teams.
    get "/me" "getMe" get_me() -> ok(MeView, "the caller") ReadErrors = |app, caller| app.me(&caller);

    /// Changes the caller's password; every session of theirs ends.
    post "/me/password" "changePassword" change_password(body input: PasswordChange) -> no_content("changed") WriteErrors = |app, caller| app.change_password(&caller, input);

    /// The caller's language and how they hear of their work by mail.
    get "/me/preferences" "getPreferences" get_preferences() -> ok(PreferencesView, "the preferences") ReadErrors = |app, caller| app.preferences(&caller);

    /// Replaces the caller's language and choice of mail: each message as
    /// it comes (`immediate`), one `digest` a day, or `none`.
    put "/me/preferences" "setPreferences" set_preferences(body input: PreferencesInput) -> ok(PreferencesView, "the preferences") WriteErrors = |app, caller| app.set_preferences(&caller, input);

    /// The users of the caller's organization.
    get "/users" "listUsers" list_users() -> ok(Vec<UserView>, "the users") ReadErrors = |app, caller| app.users(&caller);

    /// An admin adds a user to the organization.
    post "/users" "createUser" create_user(body input: NewUserInput) -> created(UserView, "the user") WriteErrors = |app, caller| app.create_user(&caller, input);

    /// An admin changes a user's role (audited as an access change); the
    /// last admin stays one.
    patch "/users/{id}" "updateUserRole" update_user_role(path UserId { id } body input: RoleChange) -> ok(UserView, "the user") WriteErrors = |app, caller| app.set_user_role(&caller, id, input);

    /// Issues a token for the caller; its secret is in this answer only.
    post "/tokens" "createToken" create_token(body input: NewToken) -> created(IssuedTokenView, "the token and its secret") WriteErrors = |app, caller| app.create_token(&caller, input);

    /// The caller's tokens, or (admins) a user's.
    get "/tokens" "listTokens" list_tokens(query filter: TokenFilter) -> ok(Vec<TokenView>, "the tokens") ReadErrors = |app, caller| app.tokens(&caller, filter.user);

    /// Revokes a token: one's own, or for admins any of the organization.
    delete "/tokens/{id}" "revokeToken" revoke_token(path TokenId { id }) -> no_content("revoked") StepErrors = |app, caller| app.revoke_token(&caller, id);

    /// An admin creates a team of the organization.
    post "/teams" "createTeam" create_team(body input: NewTeam) -> created(TeamView, "the team") WriteErrors = |app, caller| app.create_team(&caller, input);

    /// The teams of the caller's organization.
    get "/teams" "listTeams" list_teams() -> ok(Vec<TeamView>, "the teams") ReadErrors = |app, caller| app.teams(&caller);

    /// An admin adds a user of the organization to a team.
    put "/teams/{id}/members/{user}" "addTeamMember" add_team_member(path TeamMember { id, user }) -> ok(TeamView, "the team") StepErrors = |app, caller| app.add_team_member(&caller, id, user);

    /// An admin removes a member from a team.
    delete "/teams/{id}/members/{user}" "removeTeamMember" remove_team_member(path TeamMember { id, user }) -> ok(TeamView, "the team") StepErrors = |app, caller| app.remove_team_member(&caller, id, user);
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
