//! Teams: named groups of an organization's users, mappable as owners.

use raci_store::{prelude::*, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::policy::roles;
use crate::validate::{self, Described, Rule};
use crate::views::TeamView;
use crate::{App, AppError, AppResult, Caller};

/// A new team of the caller's organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTeam {
    pub name: String,
}

impl Described for NewTeam {
    const RULES: &'static [(&'static str, Rule)] = &[("name", validate::NAME)];
}

/// A team of the caller's organization, or not found.
async fn own_team(r: &mut dyn Reads, caller: &Caller, id: i64) -> AppResult<raci_store::Team> {
    match r.team(id).await {
        Ok(team) if team.org == caller.org.id => Ok(team),
        Ok(_) | Err(StoreError::NotFound { .. }) => {
            Err(AppError::not_found(format!("team {id} not found")))
        }
        Err(e) => Err(e.into()),
    }
}

impl App {
    pub async fn create_team(&self, caller: &Caller, input: NewTeam) -> AppResult<TeamView> {
        roles::require_admin(caller)?;
        let name = validate::NAME.check("name", &input.name)?;
        let mut w = self.store.write().await?;
        let team = w.create_team(caller.org.id, &name).await?;
        let subject = format!("team:{}", team.id);
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            "team.create",
            &subject,
            &json!({"name": name}),
        )
        .await?;
        w.commit().await?;
        Ok(team)
    }

    pub async fn teams(&self, caller: &Caller) -> AppResult<Vec<TeamView>> {
        let mut r = self.store.read().await?;
        Ok(r.teams(caller.org.id).await?.into_iter().collect())
    }

    pub async fn add_team_member(
        &self,
        caller: &Caller,
        team: i64,
        user: i64,
    ) -> AppResult<TeamView> {
        self.change_members(caller, team, user, Membership::Add)
            .await
    }

    pub async fn remove_team_member(
        &self,
        caller: &Caller,
        team: i64,
        user: i64,
    ) -> AppResult<TeamView> {
        self.change_members(caller, team, user, Membership::Remove)
            .await
    }

    /// An admin adds a user of the organization to one of its teams, or
    /// removes a member; audited.
    async fn change_members(
        &self,
        caller: &Caller,
        team: i64,
        user: i64,
        change: Membership,
    ) -> AppResult<TeamView> {
        let mut w = self.store.write().await?;
        own_team(&mut *w, caller, team).await?;
        roles::require_admin(caller)?;
        let (t, action) = match change {
            Membership::Add => {
                match w.user(user).await {
                    Ok(u) if u.org == caller.org.id => {}
                    Ok(_) | Err(StoreError::NotFound { .. }) => {
                        return Err(AppError::not_found(format!("user {user} not found"))
                            .with_field("user"))
                    }
                    Err(e) => return Err(e.into()),
                }
                (w.add_team_member(team, user).await?, "team.member.add")
            }
            Membership::Remove => (
                w.remove_team_member(team, user).await?,
                "team.member.remove",
            ),
        };
        let subject = format!("team:{team}");
        w.append_audit(
            caller.org.id,
            &caller.actor(),
            action,
            &subject,
            &json!({"user": user}),
        )
        .await?;
        w.commit().await?;
        Ok(t)
    }
}

enum Membership {
    Add,
    Remove,
}
