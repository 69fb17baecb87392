// Owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
// Who may act is decided here, inside each step's transaction, so that a
// step and the ownership it relies on are read together.
use async_trait::async_trait;
use serde_json::json;

use crate::{
    Answer, Assignee, AuditEntry, Consultation, Decision, Duty, DutyDetail, DutyState, Evidence,
    LetterOwners, NewEvidence, Owner, Recurrence, Result, Signoff, StoreError, Team, User,
    UserRole, TEXT_EVIDENCE_LIMIT, URL_LIMIT,
};

macro_rules! owner_cols {
    () => {
        "subscription, org, party, letter, user_id, team_id"
    };
}
macro_rules! evidence_cols {
    () => {
        "id, duty, cycle, kind, text, url, file_name, media_type, size, sha256, created_by, \
         created_at"
    };
}
macro_rules! consultation_cols {
    () => {
        "id, duty, cycle, round, party, user_id, team_id, answer, comment, answered_by, \
         answered_at"
    };
}
macro_rules! signoff_cols {
    () => {
        "id, duty, cycle, decision, comment, by_user, at"
    };
}

/// The letters owners are mapped for.
const LETTERS: [char; 4] = ['R', 'A', 'C', 'I'];
/// The longest team name, party name, comment or reason, in bytes.
const SHORT_TEXT_LIMIT: usize = 4000;

/// An input error naming its field first (`field: why`), see `crate::workflow`.
fn bad(field: &str, why: impl std::fmt::Display) -> StoreError {
    StoreError::InvalidInput(format!("{field}: {why}"))
}

/// A required free text: trimmed, not empty, not too long.
fn required_text<'a>(field: &str, text: Option<&'a str>) -> Result<&'a str> {
    match text.map(str::trim) {
        Some(t) if t.len() > SHORT_TEXT_LIMIT => {
            Err(bad(field, format!("at most {SHORT_TEXT_LIMIT} bytes")))
        }
        Some(t) if !t.is_empty() => Ok(t),
        _ => Err(bad(field, "is required")),
    }
}

/// A duty with what deciding about it needs: its subscription's two
/// organizations and its columns' letters.
struct Ctx {
    duty: Duty,
    customer: i64,
    provider: i64,
    /// `(party, letters)` of each column with a letter.
    roles: Vec<(String, String)>,
}

impl Ctx {
    /// The organization owning a party column: the customer's column is the
    /// customer's, any other the service provider's.
    fn org_of(&self, party: &str) -> i64 {
        if raci_align::is_customer(party) {
            self.customer
        } else {
            self.provider
        }
    }

    /// The columns holding `letter`.
    fn columns(&self, letter: char) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(move |(_, letters)| letters.contains(letter))
            .map(|(party, _)| party.as_str())
    }

    fn has(&self, letter: char) -> bool {
        self.columns(letter).next().is_some()
    }

    fn subject(&self) -> String {
        format!("duty:{}", self.duty.id)
    }

    fn payload(&self) -> serde_json::Value {
        json!({
            "duty": self.duty.id,
            "subscription": self.duty.subscription,
            "activity": self.duty.activity_id,
            "text": self.duty.text,
            "state": self.duty.state,
            "cycle": self.duty.cycle,
        })
    }
}

async fn context(conn: &mut Conn, duty: i64) -> Result<Ctx> {
    let duty = super::subs::get_duty(conn, duty).await?;
    let sub = super::subs::get(conn, duty.subscription).await?;
    let provider = super::catalog::get_service(conn, sub.service)
        .await?
        .provider;
    let parsed: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&duty.roles_json).unwrap_or_default();
    let roles = parsed
        .into_iter()
        .filter_map(|(party, letters)| {
            let letters = letters.as_str()?.to_ascii_uppercase();
            (!letters.is_empty()).then_some((party, letters))
        })
        .collect();
    Ok(Ctx {
        duty,
        customer: sub.customer,
        provider,
        roles,
    })
}

/// The owners mapped for one column's letter.
async fn mapped(
    conn: &mut Conn,
    subscription: i64,
    party: &str,
    letter: char,
) -> Result<Vec<Assignee>> {
    let rows: Vec<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT user_id, team_id FROM owners \
         WHERE subscription = $1 AND party = $2 AND letter = $3 ORDER BY id",
    )
    .bind(subscription)
    .bind(party)
    .bind(letter.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| match row {
            (Some(u), _) => Some(Assignee::User(u)),
            (None, Some(t)) => Some(Assignee::Team(t)),
            (None, None) => None,
        })
        .collect())
}

async fn is_team_member(conn: &mut Conn, team: i64, user: i64) -> Result<bool> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT user_id FROM team_members WHERE team = $1 AND user_id = $2")
            .bind(team)
            .bind(user)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

async fn team_members(conn: &mut Conn, team: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM team_members WHERE team = $1 ORDER BY user_id")
            .bind(team)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(u,)| u).collect())
}

/// Whether `user` is one of `owners`, directly or through a team.
async fn is_among(conn: &mut Conn, owners: &[Assignee], user: i64) -> Result<bool> {
    for owner in owners {
        let hit = match *owner {
            Assignee::User(u) => u == user,
            Assignee::Team(t) => is_team_member(conn, t, user).await?,
        };
        if hit {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `user` may act for `letter` of the duty: a mapped owner, or,
/// where the column's letter is unmapped, an admin or member of its
/// organization. Auditors never act.
async fn may_act(conn: &mut Conn, ctx: &Ctx, user: &User, letter: char) -> Result<bool> {
    if user.role == UserRole::Auditor {
        return Ok(false);
    }
    let columns: Vec<String> = ctx.columns(letter).map(str::to_owned).collect();
    for party in columns {
        let owners = mapped(conn, ctx.duty.subscription, &party, letter).await?;
        let hit = if owners.is_empty() {
            user.org == ctx.org_of(&party)
        } else {
            is_among(conn, &owners, user.id).await?
        };
        if hit {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The acting user, refused unless they may act for `letter`.
async fn require(conn: &mut Conn, ctx: &Ctx, by: i64, letter: char, step: &str) -> Result<User> {
    let user = super::users::get(conn, by).await?;
    if may_act(conn, ctx, &user, letter).await? {
        Ok(user)
    } else {
        Err(StoreError::Forbidden(format!(
            "only a {letter} owner of duty {} may {step}",
            ctx.duty.id
        )))
    }
}

/// The acting user, refused unless they are an A owner of the duty or an
/// admin of the organization owning its R column.
async fn require_a_or_r_admin(conn: &mut Conn, ctx: &Ctx, by: i64, step: &str) -> Result<User> {
    let user = super::users::get(conn, by).await?;
    let r_admin =
        user.role == UserRole::Admin && ctx.columns('R').any(|p| ctx.org_of(p) == user.org);
    if r_admin || may_act(conn, ctx, &user, 'A').await? {
        Ok(user)
    } else {
        Err(StoreError::Forbidden(format!(
            "only an A owner of duty {} or an admin of its R organization may {step}",
            ctx.duty.id
        )))
    }
}

/// Who hears about `letter`: the mapped users (teams expanded), else the
/// admins of the column's organization; grouped by organization.
async fn recipients(conn: &mut Conn, ctx: &Ctx, letter: char) -> Result<Vec<(i64, Vec<i64>)>> {
    let columns: Vec<String> = ctx.columns(letter).map(str::to_owned).collect();
    let mut out: Vec<(i64, Vec<i64>)> = Vec::new();
    for party in columns {
        let org = ctx.org_of(&party);
        let owners = mapped(conn, ctx.duty.subscription, &party, letter).await?;
        let mut users = Vec::new();
        if owners.is_empty() {
            users.extend(
                super::users::list(conn, org)
                    .await?
                    .into_iter()
                    .filter(|u| u.role == UserRole::Admin)
                    .map(|u| u.id),
            );
        }
        for owner in owners {
            match owner {
                Assignee::User(u) => users.push(u),
                Assignee::Team(t) => users.extend(team_members(conn, t).await?),
            }
        }
        match out.iter_mut().find(|(o, _)| *o == org) {
            Some((_, list)) => list.extend(users),
            None => out.push((org, users)),
        }
    }
    Ok(out)
}

/// Notifies the holders of `letter` of an event about the duty.
async fn tell(conn: &mut Conn, ctx: &Ctx, letter: char, kind: &str) -> Result<()> {
    let payload = ctx.payload();
    for (org, users) in recipients(conn, ctx, letter).await? {
        super::notify::notify(conn, org, &users, kind, &ctx.subject(), &payload).await?;
    }
    Ok(())
}

/// Records a step in the logs of both organizations of the subscription, so
/// that each one's history of the duty is whole.
async fn record(
    conn: &mut Conn,
    ctx: &Ctx,
    actor: &str,
    action: &str,
    details: &serde_json::Value,
) -> Result<()> {
    let subject = ctx.subject();
    for org in [ctx.customer, ctx.provider] {
        super::audit::append(conn, org, actor, action, &subject, details).await?;
    }
    Ok(())
}

/// Refuses a step unless the duty is in `state`.
fn expect_state(ctx: &Ctx, state: DutyState, step: &str) -> Result<()> {
    if ctx.duty.state == state {
        Ok(())
    } else {
        Err(StoreError::Conflict(format!(
            "duty {} is {}; {step} needs it {state}",
            ctx.duty.id, ctx.duty.state
        )))
    }
}

/// Moves the duty and records the move; `ctx.duty` becomes the new row.
async fn move_to(
    conn: &mut Conn,
    ctx: &mut Ctx,
    actor: &str,
    to: DutyState,
    reason: Option<&str>,
) -> Result<()> {
    let (before, after) = super::subs::set_state(conn, ctx.duty.id, to, reason).await?;
    ctx.duty = after;
    let details = json!({"from": before.state, "to": to, "reason": ctx.duty.reason});
    record(conn, ctx, actor, "duty.state", &details).await
}

/// Closes the duty: done, its next due date set when it recurs, every I
/// owner of both organizations told.
async fn finish(conn: &mut Conn, ctx: &mut Ctx, actor: &str) -> Result<()> {
    move_to(conn, ctx, actor, DutyState::Done, None).await?;
    if let Some(r) = ctx.duty.recurrence.as_deref().and_then(Recurrence::parse) {
        let next = ctx.duty.updated_at.saturating_add(r.period_ms());
        sqlx::query("UPDATE duties SET next_due_at = $1 WHERE id = $2")
            .bind(next)
            .bind(ctx.duty.id)
            .execute(&mut *conn)
            .await?;
        ctx.duty = super::subs::get_duty(conn, ctx.duty.id).await?;
    }
    tell(conn, ctx, 'I', "duty.done").await
}

/// After R's work (or the last agreement): sign-off if there is an A, else done.
async fn to_signoff_or_done(conn: &mut Conn, ctx: &mut Ctx, actor: &str) -> Result<()> {
    if ctx.has('A') {
        move_to(conn, ctx, actor, DutyState::AwaitingSignoff, None).await?;
        tell(conn, ctx, 'A', "duty.signoff").await
    } else {
        finish(conn, ctx, actor).await
    }
}

fn actor(by: i64) -> String {
    format!("user:{by}")
}

// Teams.

async fn get_team(conn: &mut Conn, id: i64) -> Result<Team> {
    let (id, org, name): (i64, i64, String) =
        sqlx::query_as("SELECT id, org, name FROM teams WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::not_found("team", id))?;
    let members = team_members(conn, id).await?;
    Ok(Team {
        id,
        org,
        name,
        members,
    })
}

/// An admin acting on a team of their own organization (others' are not found).
/// Records a change of a team in its organization's audit log and reads the
/// team back, in the caller's transaction.
async fn team_changed(
    conn: &mut Conn,
    org: i64,
    by: i64,
    action: &str,
    team: i64,
    details: &serde_json::Value,
) -> Result<Team> {
    let subject = format!("team:{team}");
    super::audit::append(conn, org, &actor(by), action, &subject, details).await?;
    get_team(conn, team).await
}

async fn admin_of_team(conn: &mut Conn, by: i64, team: i64) -> Result<(User, Team)> {
    let user = super::users::get(conn, by).await?;
    let team = get_team(conn, team).await?;
    if team.org != user.org {
        return Err(StoreError::not_found("team", team.id));
    }
    if user.role != UserRole::Admin {
        return Err(StoreError::Forbidden(
            "an organization admin is required".into(),
        ));
    }
    Ok((user, team))
}

// Owners.

/// The parties (column headers) of the subscription's edition.
async fn edition_parties(conn: &mut Conn, subscription: i64) -> Result<Vec<String>> {
    let sub = super::subs::get(conn, subscription).await?;
    let edition = super::catalog::get_edition(conn, sub.edition).await?;
    let doc: serde_json::Value = serde_json::from_str(&edition.document_json).unwrap_or_default();
    Ok(doc
        .get("parties")
        .and_then(|p| p.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|p| p.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// Checks an owner of `org`: a user or a team of that organization.
async fn check_assignee(conn: &mut Conn, org: i64, owner: Assignee) -> Result<()> {
    let owner_org = match owner {
        Assignee::User(u) => super::users::get(conn, u).await.map(|u| u.org),
        Assignee::Team(t) => get_team(conn, t).await.map(|t| t.org),
    };
    match owner_org {
        Ok(o) if o == org => Ok(()),
        Ok(_) | Err(StoreError::NotFound { .. }) => Err(bad(
            "owners",
            format!("{owner:?} is not a user or team of your organization"),
        )),
        Err(e) => Err(e),
    }
}

async fn list_owners(conn: &mut Conn, subscription: i64) -> Result<Vec<Owner>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        owner_cols!(),
        " FROM owners WHERE subscription = $1 ORDER BY org, party, letter, id"
    ))
    .bind(subscription)
    .fetch_all(&mut *conn)
    .await?)
}

// Evidence.

/// An `http` or `https` URL with a host, no spaces or control characters.
fn check_url(url: &str) -> Result<String> {
    let url = url.trim();
    if url.len() > URL_LIMIT {
        return Err(bad("url", format!("at most {URL_LIMIT} bytes")));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| bad("url", "must be an http or https URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("url", "must name a host and contain no spaces"));
    }
    Ok(url.to_owned())
}

/// A file name without any directory part, for display and download.
fn clean_file_name(name: &str) -> Result<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if base.is_empty() || base == "." || base == ".." {
        return Err(bad("name", "a file name is required"));
    }
    if base.len() > 255 || base.chars().any(char::is_control) {
        return Err(bad("name", "at most 255 bytes, no control characters"));
    }
    Ok(base.to_owned())
}

async fn list_evidence(conn: &mut Conn, duty: i64) -> Result<Vec<Evidence>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        evidence_cols!(),
        " FROM evidence WHERE duty = $1 ORDER BY id"
    ))
    .bind(duty)
    .fetch_all(&mut *conn)
    .await?)
}

async fn insert_evidence(
    conn: &mut Conn,
    ctx: &Ctx,
    by: i64,
    evidence: NewEvidence,
) -> Result<Evidence> {
    let (kind, text, url, file): (&str, Option<String>, Option<String>, Option<_>) = match evidence
    {
        NewEvidence::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Err(bad("text", "is required"));
            }
            if t.len() > TEXT_EVIDENCE_LIMIT {
                return Err(bad("text", format!("at most {TEXT_EVIDENCE_LIMIT} bytes")));
            }
            ("text", Some(t.to_owned()), None, None)
        }
        NewEvidence::Link(u) => ("link", None, Some(check_url(&u)?), None),
        NewEvidence::File {
            name,
            media_type,
            content,
        } => {
            if content.is_empty() {
                return Err(bad("file", "is empty"));
            }
            let media_type = media_type.trim();
            let media_type = if media_type.is_empty() {
                "application/octet-stream"
            } else {
                media_type
            };
            if media_type.len() > 255 || media_type.chars().any(char::is_control) {
                return Err(bad("media_type", "not a media type"));
            }
            let file = (clean_file_name(&name)?, media_type.to_owned(), content);
            ("file", None, None, Some(file))
        }
    };
    let (file_name, media_type, content) = match file {
        Some((n, m, c)) => (Some(n), Some(m), Some(c)),
        None => (None, None, None),
    };
    let size = content
        .as_ref()
        .map(|c| i64::try_from(c.len()).unwrap_or(i64::MAX));
    let sha256 = content.as_ref().map(|c| crate::chain::sha256_hex(c));
    Ok(sqlx::query_as(concat!(
        "INSERT INTO evidence (duty, cycle, kind, text, url, file_name, media_type, size, sha256, \
         content, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ",
        evidence_cols!()
    ))
    .bind(ctx.duty.id)
    .bind(ctx.duty.cycle)
    .bind(kind)
    .bind(text)
    .bind(url)
    .bind(file_name)
    .bind(media_type)
    .bind(size)
    .bind(sha256)
    .bind(content)
    .bind(by)
    .bind(crate::now_ms())
    .fetch_one(&mut *conn)
    .await?)
}

// Consultations and sign-offs.

async fn list_consultations(conn: &mut Conn, duty: i64) -> Result<Vec<Consultation>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        consultation_cols!(),
        " FROM consultations WHERE duty = $1 ORDER BY id"
    ))
    .bind(duty)
    .fetch_all(&mut *conn)
    .await?)
}

async fn list_signoffs(conn: &mut Conn, duty: i64) -> Result<Vec<Signoff>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        signoff_cols!(),
        " FROM signoffs WHERE duty = $1 ORDER BY id"
    ))
    .bind(duty)
    .fetch_all(&mut *conn)
    .await?)
}

/// Opens a round of consultations: one per mapped C owner, or one per C
/// column when that column's C is unmapped.
async fn open_consultations(conn: &mut Conn, ctx: &Ctx) -> Result<()> {
    let (round,): (i64,) = sqlx::query_as(
        "SELECT COALESCE(MAX(round), 0) + 1 FROM consultations WHERE duty = $1 AND cycle = $2",
    )
    .bind(ctx.duty.id)
    .bind(ctx.duty.cycle)
    .fetch_one(&mut *conn)
    .await?;
    let columns: Vec<String> = ctx.columns('C').map(str::to_owned).collect();
    for party in columns {
        let owners = mapped(conn, ctx.duty.subscription, &party, 'C').await?;
        let asked: Vec<(Option<i64>, Option<i64>)> = if owners.is_empty() {
            vec![(None, None)]
        } else {
            owners
                .into_iter()
                .map(|o| match o {
                    Assignee::User(u) => (Some(u), None),
                    Assignee::Team(t) => (None, Some(t)),
                })
                .collect()
        };
        for (user, team) in asked {
            sqlx::query(
                "INSERT INTO consultations (duty, cycle, round, party, user_id, team_id) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(ctx.duty.id)
            .bind(ctx.duty.cycle)
            .bind(round)
            .bind(&party)
            .bind(user)
            .bind(team)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The consultations of the duty's current round.
async fn current_round(conn: &mut Conn, ctx: &Ctx) -> Result<Vec<Consultation>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        consultation_cols!(),
        " FROM consultations WHERE duty = $1 AND cycle = $2 AND round = \
         (SELECT MAX(round) FROM consultations WHERE duty = $1 AND cycle = $2) ORDER BY id"
    ))
    .bind(ctx.duty.id)
    .bind(ctx.duty.cycle)
    .fetch_all(&mut *conn)
    .await?)
}

/// Whether `user` is the one a consultation asks.
async fn may_answer(conn: &mut Conn, ctx: &Ctx, c: &Consultation, user: &User) -> Result<bool> {
    if user.role == UserRole::Auditor {
        return Ok(false);
    }
    Ok(match (c.user_id, c.team_id) {
        (Some(u), _) => u == user.id,
        (None, Some(t)) => is_team_member(conn, t, user.id).await?,
        (None, None) => ctx.org_of(&c.party) == user.org,
    })
}

async fn history(conn: &mut Conn, org: i64, duty: i64) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as(
        "SELECT id, org, seq, at, actor, action, subject, details_json, prev_hash, hash \
         FROM audit_log WHERE org = $1 AND subject = $2 ORDER BY seq",
    )
    .bind(org)
    .bind(format!("duty:{duty}"))
    .fetch_all(&mut *conn)
    .await?)
}

#[async_trait]
impl crate::WorkflowStore for Backend {
    async fn create_team(&self, by: i64, name: &str) -> Result<Team> {
        let mut tx = self.begin().await?;
        let user = super::users::get(&mut tx, by).await?;
        if user.role != UserRole::Admin {
            return Err(StoreError::Forbidden(
                "an organization admin is required".into(),
            ));
        }
        let name = required_text("name", Some(name))?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO teams (org, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(user.org)
        .bind(name)
        .bind(crate::now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let details = json!({"name": name});
        let team = team_changed(&mut tx, user.org, by, "team.create", id, &details).await?;
        tx.commit().await?;
        Ok(team)
    }

    async fn list_teams(&self, org: i64) -> Result<Vec<Team>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<(i64,)> = sqlx::query_as("SELECT id FROM teams WHERE org = $1 ORDER BY id")
            .bind(org)
            .fetch_all(&mut *conn)
            .await?;
        let mut teams = Vec::with_capacity(ids.len());
        for (id,) in ids {
            teams.push(get_team(&mut conn, id).await?);
        }
        Ok(teams)
    }

    async fn add_team_member(&self, by: i64, team: i64, user: i64) -> Result<Team> {
        let mut tx = self.begin().await?;
        let (admin, team) = admin_of_team(&mut tx, by, team).await?;
        match super::users::get(&mut tx, user).await {
            Ok(u) if u.org == admin.org => {}
            Ok(_) | Err(StoreError::NotFound { .. }) => {
                return Err(bad(
                    "user",
                    format!("user {user} is not of your organization"),
                ))
            }
            Err(e) => return Err(e),
        }
        sqlx::query(
            "INSERT INTO team_members (team, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(team.id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
        let details = json!({"user": user});
        let action = "team.member.add";
        let team = team_changed(&mut tx, admin.org, by, action, team.id, &details).await?;
        tx.commit().await?;
        Ok(team)
    }

    async fn remove_team_member(&self, by: i64, team: i64, user: i64) -> Result<Team> {
        let mut tx = self.begin().await?;
        let (admin, team) = admin_of_team(&mut tx, by, team).await?;
        let gone = sqlx::query("DELETE FROM team_members WHERE team = $1 AND user_id = $2")
            .bind(team.id)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        if gone.rows_affected() == 0 {
            return Err(StoreError::not_found("team member", user));
        }
        let details = json!({"user": user});
        let action = "team.member.remove";
        let team = team_changed(&mut tx, admin.org, by, action, team.id, &details).await?;
        tx.commit().await?;
        Ok(team)
    }

    async fn set_owners(
        &self,
        by: i64,
        subscription: i64,
        party: &str,
        owners: &[(char, Assignee)],
    ) -> Result<Vec<Owner>> {
        let mut tx = self.begin().await?;
        let user = super::users::get(&mut tx, by).await?;
        if user.role == UserRole::Auditor {
            return Err(StoreError::Forbidden(
                "auditors have read-only access".into(),
            ));
        }
        let sub = super::subs::get(&mut tx, subscription).await?;
        let provider = super::catalog::get_service(&mut tx, sub.service)
            .await?
            .provider;
        if user.org != sub.customer && user.org != provider {
            return Err(StoreError::not_found("subscription", subscription));
        }
        let parties = edition_parties(&mut tx, subscription).await?;
        let column_org = if raci_align::is_customer(party) {
            sub.customer
        } else {
            provider
        };
        if !parties.iter().any(|p| p == party) || column_org != user.org {
            return Err(bad(
                "party",
                format!("{party:?} is not a column of your organization in this subscription"),
            ));
        }
        let mut wanted: Vec<(char, Assignee)> = Vec::new();
        for &(letter, owner) in owners {
            let letter = letter.to_ascii_uppercase();
            if !LETTERS.contains(&letter) {
                return Err(bad("owners", format!("unknown letter {letter:?}")));
            }
            if !wanted.contains(&(letter, owner)) {
                check_assignee(&mut tx, user.org, owner).await?;
                wanted.push((letter, owner));
            }
        }
        for single in ['R', 'A'] {
            if wanted.iter().filter(|(l, _)| *l == single).count() > 1 {
                return Err(bad("owners", format!("{single} has one owner at most")));
            }
        }
        sqlx::query("DELETE FROM owners WHERE subscription = $1 AND org = $2 AND party = $3")
            .bind(subscription)
            .bind(user.org)
            .bind(party)
            .execute(&mut *tx)
            .await?;
        for &(letter, owner) in &wanted {
            let (u, t) = match owner {
                Assignee::User(u) => (Some(u), None),
                Assignee::Team(t) => (None, Some(t)),
            };
            sqlx::query(
                "INSERT INTO owners (subscription, org, party, letter, user_id, team_id) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(subscription)
            .bind(user.org)
            .bind(party)
            .bind(letter.to_string())
            .bind(u)
            .bind(t)
            .execute(&mut *tx)
            .await?;
        }
        let mapping: Vec<_> = wanted
            .iter()
            .map(|(l, o)| json!({"letter": l.to_string(), "owner": o}))
            .collect();
        let details = json!({"party": party, "owners": mapping});
        let subject = format!("subscription:{subscription}");
        super::audit::append(
            &mut tx,
            user.org,
            &actor(by),
            "owners.set",
            &subject,
            &details,
        )
        .await?;
        let all = list_owners(&mut tx, subscription).await?;
        tx.commit().await?;
        Ok(all)
    }

    async fn list_owners(&self, subscription: i64) -> Result<Vec<Owner>> {
        list_owners(&mut *self.pool.acquire().await?, subscription).await
    }

    async fn start_duty(&self, by: i64, duty: i64) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let mut ctx = context(&mut tx, duty).await?;
        require(&mut tx, &ctx, by, 'R', "start it").await?;
        expect_state(&ctx, DutyState::Open, "starting")?;
        move_to(&mut tx, &mut ctx, &actor(by), DutyState::InProgress, None).await?;
        tx.commit().await?;
        Ok(ctx.duty)
    }

    async fn add_evidence(&self, by: i64, duty: i64, evidence: NewEvidence) -> Result<Evidence> {
        let mut tx = self.begin().await?;
        let ctx = context(&mut tx, duty).await?;
        require(&mut tx, &ctx, by, 'R', "attach evidence").await?;
        expect_state(&ctx, DutyState::InProgress, "attaching evidence")?;
        let e = insert_evidence(&mut tx, &ctx, by, evidence).await?;
        let details = json!({
            "evidence": e.id, "kind": e.kind, "cycle": e.cycle, "file_name": e.file_name,
            "size": e.size, "sha256": e.sha256, "url": e.url,
        });
        record(&mut tx, &ctx, &actor(by), "evidence.add", &details).await?;
        tx.commit().await?;
        Ok(e)
    }

    async fn list_evidence(&self, duty: i64) -> Result<Vec<Evidence>> {
        list_evidence(&mut *self.pool.acquire().await?, duty).await
    }

    async fn evidence_content(&self, duty: i64, evidence: i64) -> Result<(Evidence, Vec<u8>)> {
        let mut conn = self.pool.acquire().await?;
        let meta: Evidence = sqlx::query_as(concat!(
            "SELECT ",
            evidence_cols!(),
            " FROM evidence WHERE id = $1 AND duty = $2"
        ))
        .bind(evidence)
        .bind(duty)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found("evidence", evidence))?;
        let (content,): (Option<Vec<u8>>,) =
            sqlx::query_as("SELECT content FROM evidence WHERE id = $1")
                .bind(evidence)
                .fetch_one(&mut *conn)
                .await?;
        Ok((meta, content.unwrap_or_default()))
    }

    async fn submit_duty(&self, by: i64, duty: i64) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let mut ctx = context(&mut tx, duty).await?;
        require(&mut tx, &ctx, by, 'R', "submit it").await?;
        expect_state(&ctx, DutyState::InProgress, "submitting")?;
        let (count,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM evidence WHERE duty = $1 AND cycle = $2")
                .bind(ctx.duty.id)
                .bind(ctx.duty.cycle)
                .fetch_one(&mut *tx)
                .await?;
        if count == 0 {
            return Err(bad(
                "evidence",
                "attach at least one evidence item in this cycle before submitting",
            ));
        }
        let actor = actor(by);
        if ctx.has('C') {
            open_consultations(&mut tx, &ctx).await?;
            move_to(
                &mut tx,
                &mut ctx,
                &actor,
                DutyState::AwaitingConsultation,
                None,
            )
            .await?;
            tell(&mut tx, &ctx, 'C', "duty.consultation").await?;
        } else {
            to_signoff_or_done(&mut tx, &mut ctx, &actor).await?;
        }
        tx.commit().await?;
        Ok(ctx.duty)
    }

    async fn answer_consultation(
        &self,
        by: i64,
        duty: i64,
        consultation: i64,
        answer: Answer,
        comment: Option<&str>,
    ) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let mut ctx = context(&mut tx, duty).await?;
        let round = current_round(&mut tx, &ctx).await?;
        let asked = list_consultations(&mut tx, duty)
            .await?
            .into_iter()
            .find(|c| c.id == consultation)
            .ok_or_else(|| StoreError::not_found("consultation", consultation))?;
        let user = super::users::get(&mut tx, by).await?;
        if !may_answer(&mut tx, &ctx, &asked, &user).await? {
            return Err(StoreError::Forbidden(format!(
                "only the C owner asked by consultation {consultation} may answer it"
            )));
        }
        expect_state(&ctx, DutyState::AwaitingConsultation, "answering")?;
        if asked.answer.is_some() || !round.iter().any(|c| c.id == consultation) {
            return Err(StoreError::Conflict(format!(
                "consultation {consultation} is already answered or closed"
            )));
        }
        let comment = match answer {
            Answer::Object => Some(required_text("comment", comment)?),
            Answer::Agree => comment.map(str::trim).filter(|c| !c.is_empty()),
        };
        if comment.is_some_and(|c| c.len() > SHORT_TEXT_LIMIT) {
            return Err(bad("comment", format!("at most {SHORT_TEXT_LIMIT} bytes")));
        }
        let updated = sqlx::query(
            "UPDATE consultations SET answer = $1, comment = $2, answered_by = $3, \
             answered_at = $4 WHERE id = $5 AND answer IS NULL",
        )
        .bind(answer.as_str())
        .bind(comment)
        .bind(by)
        .bind(crate::now_ms())
        .bind(consultation)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "consultation {consultation} was answered concurrently"
            )));
        }
        let actor = actor(by);
        let details = json!({"consultation": consultation, "party": asked.party,
            "answer": answer.as_str(), "comment": comment});
        record(&mut tx, &ctx, &actor, "consultation.answer", &details).await?;
        if answer == Answer::Object {
            move_to(&mut tx, &mut ctx, &actor, DutyState::InProgress, None).await?;
            tell(&mut tx, &ctx, 'R', "duty.objection").await?;
        } else {
            let pending = round
                .iter()
                .any(|c| c.id != consultation && c.answer.is_none());
            if !pending {
                to_signoff_or_done(&mut tx, &mut ctx, &actor).await?;
            }
        }
        tx.commit().await?;
        Ok(ctx.duty)
    }

    async fn sign_off(
        &self,
        by: i64,
        duty: i64,
        decision: Decision,
        comment: Option<&str>,
    ) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let mut ctx = context(&mut tx, duty).await?;
        require(&mut tx, &ctx, by, 'A', "sign it off").await?;
        expect_state(&ctx, DutyState::AwaitingSignoff, "signing off")?;
        let comment = match decision {
            Decision::Approve => comment.map(str::trim).filter(|c| !c.is_empty()),
            Decision::SendBack => Some(required_text("comment", comment)?),
        };
        if comment.is_some_and(|c| c.len() > SHORT_TEXT_LIMIT) {
            return Err(bad("comment", format!("at most {SHORT_TEXT_LIMIT} bytes")));
        }
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO signoffs (duty, cycle, decision, comment, by_user, at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(duty)
        .bind(ctx.duty.cycle)
        .bind(decision.as_str())
        .bind(comment)
        .bind(by)
        .bind(crate::now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let actor = actor(by);
        let details = json!({"signoff": id, "decision": decision.as_str(), "comment": comment});
        record(&mut tx, &ctx, &actor, "duty.signoff", &details).await?;
        match decision {
            Decision::Approve => finish(&mut tx, &mut ctx, &actor).await?,
            Decision::SendBack => {
                move_to(&mut tx, &mut ctx, &actor, DutyState::InProgress, None).await?;
                tell(&mut tx, &ctx, 'R', "duty.sent_back").await?;
            }
        }
        tx.commit().await?;
        Ok(ctx.duty)
    }

    async fn mark_not_applicable(&self, by: i64, duty: i64, reason: &str) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let mut ctx = context(&mut tx, duty).await?;
        require_a_or_r_admin(&mut tx, &ctx, by, "mark it not applicable").await?;
        let reason = required_text("reason", Some(reason))?;
        if matches!(ctx.duty.state, DutyState::Done | DutyState::NotApplicable) {
            return Err(StoreError::Conflict(format!(
                "duty {duty} is {}, which is final",
                ctx.duty.state
            )));
        }
        move_to(
            &mut tx,
            &mut ctx,
            &actor(by),
            DutyState::NotApplicable,
            Some(reason),
        )
        .await?;
        tell(&mut tx, &ctx, 'R', "duty.not_applicable").await?;
        tx.commit().await?;
        Ok(ctx.duty)
    }

    async fn schedule_duty(
        &self,
        by: i64,
        duty: i64,
        recurrence: Option<Recurrence>,
        due_at: Option<i64>,
    ) -> Result<Duty> {
        let mut tx = self.begin().await?;
        let ctx = context(&mut tx, duty).await?;
        require_a_or_r_admin(&mut tx, &ctx, by, "schedule it").await?;
        if due_at.is_some_and(|d| d < 0) {
            return Err(bad("due_at", "must be milliseconds since the epoch"));
        }
        let now = crate::now_ms();
        // A done duty given a recurrence reopens one period from now.
        let next_due_at = match (ctx.duty.state, recurrence) {
            (DutyState::Done, Some(r)) => Some(now.saturating_add(r.period_ms())),
            _ => None,
        };
        sqlx::query(
            "UPDATE duties SET recurrence = $1, due_at = COALESCE($2, due_at), \
             next_due_at = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(recurrence.map(Recurrence::as_str))
        .bind(due_at)
        .bind(next_due_at)
        .bind(now)
        .bind(duty)
        .execute(&mut *tx)
        .await?;
        let details =
            json!({"recurrence": recurrence, "due_at": due_at, "next_due_at": next_due_at});
        record(&mut tx, &ctx, &actor(by), "duty.recurrence", &details).await?;
        let d = super::subs::get_duty(&mut tx, duty).await?;
        tx.commit().await?;
        Ok(d)
    }

    async fn reopen_due(&self, now: i64) -> Result<Vec<Duty>> {
        let mut tx = self.begin().await?;
        let due: Vec<(i64,)> = sqlx::query_as(
            "SELECT id FROM duties WHERE state = 'done' AND recurrence IS NOT NULL \
             AND next_due_at IS NOT NULL AND next_due_at <= $1 ORDER BY id",
        )
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        let mut reopened = Vec::new();
        for (id,) in due {
            // The state and date in the WHERE clause make a concurrent run a no-op.
            let moved = sqlx::query(
                "UPDATE duties SET state = 'open', cycle = cycle + 1, due_at = next_due_at, \
                 next_due_at = NULL, reason = NULL, updated_at = $1 \
                 WHERE id = $2 AND state = 'done' AND next_due_at <= $3",
            )
            .bind(crate::now_ms())
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() == 0 {
                continue;
            }
            let ctx = context(&mut tx, id).await?;
            let details = json!({"cycle": ctx.duty.cycle, "due_at": ctx.duty.due_at});
            record(&mut tx, &ctx, "system", "duty.reopen", &details).await?;
            tell(&mut tx, &ctx, 'R', "duty.reopen").await?;
            reopened.push(ctx.duty);
        }
        tx.commit().await?;
        Ok(reopened)
    }

    async fn duty_detail(&self, duty: i64, org: i64) -> Result<DutyDetail> {
        let mut conn = self.pool.acquire().await?;
        let ctx = context(&mut conn, duty).await?;
        let mut owners = Vec::new();
        for letter in LETTERS {
            let columns: Vec<String> = ctx.columns(letter).map(str::to_owned).collect();
            for party in columns {
                owners.push(LetterOwners {
                    letter: letter.to_string(),
                    org: ctx.org_of(&party),
                    owners: mapped(&mut conn, ctx.duty.subscription, &party, letter).await?,
                    party,
                });
            }
        }
        Ok(DutyDetail {
            evidence: list_evidence(&mut conn, duty).await?,
            consultations: list_consultations(&mut conn, duty).await?,
            signoffs: list_signoffs(&mut conn, duty).await?,
            history: history(&mut conn, org, duty).await?,
            owners,
            duty: ctx.duty,
        })
    }
}
