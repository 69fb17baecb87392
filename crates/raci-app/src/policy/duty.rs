//! Who acts on a duty. A duty's roles give each party column its letters;
//! each organization of the subscription maps ITS columns to owners per
//! letter (a user or a team). Who may act for a letter is its mapped owners,
//! or, while nothing is mapped for it, the admins and members of the
//! organization owning the column, so that unmapped subscriptions still work.
//! Auditors never act.

use raci_store::{
    Assignee, Consultation, Consultee, Duty, Letter, Owner, Subscription, User, UserRole,
};

use crate::{AppError, AppResult};

/// A duty with what deciding about it needs, read together.
#[derive(Debug, Clone)]
pub struct DutyScope {
    pub duty: Duty,
    pub subscription: Subscription,
    /// The organization providing the subscribed service.
    pub provider: i64,
    /// Both organizations' owner mappings of the subscription.
    pub owners: Vec<Owner>,
}

/// The acting user, with the teams they belong to.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user: &'a User,
    pub teams: &'a [i64],
}

impl Actor<'_> {
    /// Whether the actor is this owner, directly or through a team.
    pub fn is(&self, owner: Assignee) -> bool {
        match owner {
            Assignee::User(u) => u == self.user.id,
            Assignee::Team(t) => self.teams.contains(&t),
        }
    }

    fn acts(&self) -> bool {
        self.user.role != UserRole::Auditor
    }
}

impl DutyScope {
    /// The organization owning a party column: the customer's column is the
    /// customer's, any other the service provider's.
    pub fn org_of(&self, party: &str) -> i64 {
        if raci_model::is_customer(party) {
            self.subscription.customer
        } else {
            self.provider
        }
    }

    /// The columns holding `letter`, in column order.
    pub fn columns(&self, letter: Letter) -> impl Iterator<Item = &str> {
        self.duty
            .roles
            .iter()
            .filter(move |(_, roles)| roles.contains(letter.role()))
            .map(|(party, _)| party.as_str())
    }

    pub fn has(&self, letter: Letter) -> bool {
        self.columns(letter).next().is_some()
    }

    /// The owners mapped for one column's letter.
    pub fn mapped(&self, party: &str, letter: Letter) -> Vec<Assignee> {
        self.owners
            .iter()
            .filter(|o| o.party == party && o.letter == letter)
            .map(|o| o.owner)
            .collect()
    }

    /// Whether `actor` may act for `letter`: a mapped owner of a column
    /// holding it, or, where that column's letter is unmapped, an admin or
    /// member of the organization owning it.
    pub fn may_act(&self, actor: Actor<'_>, letter: Letter) -> bool {
        actor.acts()
            && self.columns(letter).any(|party| {
                let owners = self.mapped(party, letter);
                if owners.is_empty() {
                    actor.user.org == self.org_of(party)
                } else {
                    owners.into_iter().any(|o| actor.is(o))
                }
            })
    }

    /// Whether one of `teams` is mapped to a letter of the duty's columns.
    pub fn held_by_teams(&self, teams: &[i64]) -> bool {
        [Letter::R, Letter::A, Letter::C, Letter::I]
            .into_iter()
            .any(|letter| {
                self.columns(letter).any(|party| {
                    self.mapped(party, letter)
                        .into_iter()
                        .any(|o| matches!(o, Assignee::Team(t) if teams.contains(&t)))
                })
            })
    }

    /// Refuses unless `actor` may act for `letter`, naming what is needed.
    pub fn require(&self, actor: Actor<'_>, letter: Letter, step: &str) -> AppResult<()> {
        if self.may_act(actor, letter) {
            Ok(())
        } else if !actor.acts() {
            Err(AppError::forbidden("auditors have read-only access"))
        } else {
            Err(AppError::forbidden(format!(
                "only a {letter} owner of duty {} may {step}",
                self.duty.id
            )))
        }
    }

    /// Whether `actor` is the one a consultation asks.
    pub fn may_answer(&self, actor: Actor<'_>, c: &Consultation) -> bool {
        actor.acts()
            && match (c.user_id, c.team_id) {
                (Some(u), _) => actor.is(Assignee::User(u)),
                (None, Some(t)) => actor.is(Assignee::Team(t)),
                (None, None) => self.org_of(&c.party) == actor.user.org,
            }
    }

    /// Whether `actor` may mark the duty not applicable or schedule it: an
    /// A owner, or an admin of the organization owning an R column.
    pub fn may_manage(&self, actor: Actor<'_>) -> bool {
        let r_admin = actor.user.role == UserRole::Admin
            && self
                .columns(Letter::R)
                .any(|p| self.org_of(p) == actor.user.org);
        r_admin || self.may_act(actor, Letter::A)
    }

    pub fn require_manager(&self, actor: Actor<'_>, step: &str) -> AppResult<()> {
        if self.may_manage(actor) {
            Ok(())
        } else {
            Err(AppError::forbidden(format!(
                "only an A owner of duty {} or an admin of its R organization may {step}",
                self.duty.id
            )))
        }
    }

    /// Who a submission asks: one consultation per mapped C owner, or one
    /// per C column whose C is unmapped.
    pub fn consultees(&self) -> Vec<Consultee> {
        let mut asked = Vec::new();
        for party in self.columns(Letter::C) {
            let owners = self.mapped(party, Letter::C);
            if owners.is_empty() {
                asked.push(Consultee {
                    party: party.to_owned(),
                    user: None,
                    team: None,
                });
            }
            for owner in owners {
                let (user, team) = match owner {
                    Assignee::User(u) => (Some(u), None),
                    Assignee::Team(t) => (None, Some(t)),
                };
                asked.push(Consultee {
                    party: party.to_owned(),
                    user,
                    team,
                });
            }
        }
        asked
    }

    /// Who hears about `letter`, per organization: its mapped owners, or,
    /// where a column's letter is unmapped, that organization's admins.
    pub fn audience(&self, letter: Letter) -> Vec<(i64, Audience)> {
        let mut out: Vec<(i64, Audience)> = Vec::new();
        for party in self.columns(letter) {
            let org = self.org_of(party);
            let owners = self.mapped(party, letter);
            let slot = match out.iter().position(|(o, _)| *o == org) {
                Some(i) => &mut out[i].1,
                None => {
                    out.push((org, Audience::default()));
                    &mut out.last_mut().expect("just pushed").1
                }
            };
            if owners.is_empty() {
                slot.admins = true;
            }
            for owner in owners {
                match owner {
                    Assignee::User(u) => slot.users.push(u),
                    Assignee::Team(t) => slot.teams.push(t),
                }
            }
        }
        out
    }
}

/// Who in one organization hears about a letter of a duty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audience {
    pub users: Vec<i64>,
    /// Teams whose members hear.
    pub teams: Vec<i64>,
    /// Whether the organization's admins hear (a column with no owner mapped).
    pub admins: bool,
}

/// What an actor may do with a duty now, for clients to offer only that.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
pub struct Allowed {
    pub start: bool,
    pub add_evidence: bool,
    pub submit: bool,
    /// The ids of the open consultations the actor may answer.
    pub answer: Vec<i64>,
    pub sign_off: bool,
    pub mark_not_applicable: bool,
    pub schedule: bool,
}

impl DutyScope {
    /// What `actor` may do now, given the duty's consultations.
    pub fn allowed(&self, actor: Actor<'_>, consultations: &[Consultation]) -> Allowed {
        use raci_store::DutyState::*;
        let state = self.duty.state;
        let r = self.may_act(actor, Letter::R);
        let current_round = consultations
            .iter()
            .filter(|c| c.cycle == self.duty.cycle)
            .map(|c| c.round)
            .max();
        let manage = self.may_manage(actor);
        Allowed {
            start: r && state == Open,
            add_evidence: r && state == InProgress,
            submit: r && state == InProgress,
            answer: consultations
                .iter()
                .filter(|c| {
                    state == AwaitingConsultation
                        && c.cycle == self.duty.cycle
                        && Some(c.round) == current_round
                        && c.answer.is_none()
                        && self.may_answer(actor, c)
                })
                .map(|c| c.id)
                .collect(),
            sign_off: state == AwaitingSignoff && self.may_act(actor, Letter::A),
            mark_not_applicable: manage && !crate::policy::state::is_final(state),
            schedule: manage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raci_store::{DutyKind, DutyState, Stored};

    const CUSTOMER: i64 = 10;
    const PROVIDER: i64 = 20;

    fn user(id: i64, org: i64, role: UserRole) -> User {
        User {
            id,
            org,
            email: format!("u{id}@example.test"),
            name: format!("U{id}"),
            role,
            password_hash: None,
            created_at: 0,
        }
    }

    fn scope(roles: &[(&str, &str)], owners: Vec<Owner>) -> DutyScope {
        DutyScope {
            duty: Duty {
                id: 7,
                subscription: 3,
                activity_id: "a".into(),
                text: "Back up the volumes".into(),
                section: Stored(vec![]),
                roles: Stored(
                    roles
                        .iter()
                        .map(|(p, l)| (p.to_string(), l.parse().unwrap()))
                        .collect(),
                ),
                state: DutyState::Open,
                reason: None,
                recurrence: None,
                updated_at: 0,
                cycle: 1,
                due_at: None,
                next_due_at: None,
                kind: DutyKind::Activity,
                retired_at: None,
            },
            subscription: Subscription {
                id: 3,
                customer: CUSTOMER,
                service: 1,
                edition: 1,
                created_at: 0,
            },
            provider: PROVIDER,
            owners,
        }
    }

    fn owner(org: i64, party: &str, letter: Letter, owner: Assignee) -> Owner {
        Owner {
            subscription: 3,
            org,
            party: party.into(),
            letter,
            owner,
        }
    }

    #[test]
    fn unmapped_letters_fall_to_the_column_organization() {
        let s = scope(&[("Customer", "RA"), ("Nimbus", "I")], vec![]);
        let member = user(1, CUSTOMER, UserRole::Member);
        let provider = user(2, PROVIDER, UserRole::Admin);
        let auditor = user(3, CUSTOMER, UserRole::Auditor);
        let actor = |u| Actor {
            user: u,
            teams: &[],
        };
        assert!(s.may_act(actor(&member), Letter::R));
        assert!(!s.may_act(actor(&provider), Letter::R));
        assert!(!s.may_act(actor(&auditor), Letter::R));
        let refusal = s
            .require(actor(&provider), Letter::A, "sign it off")
            .unwrap_err();
        assert!(refusal.message.contains("only a A owner") || refusal.message.contains("A owner"));
    }

    #[test]
    fn mapped_owners_act_directly_or_through_a_team() {
        let s = scope(
            &[("Client", "R"), ("Provider", "AC")],
            vec![
                owner(CUSTOMER, "Client", Letter::R, Assignee::Team(5)),
                owner(PROVIDER, "Provider", Letter::A, Assignee::User(9)),
            ],
        );
        let in_team = user(1, CUSTOMER, UserRole::Member);
        let outside = user(2, CUSTOMER, UserRole::Admin);
        let signer = user(9, PROVIDER, UserRole::Member);
        assert!(s.may_act(
            Actor {
                user: &in_team,
                teams: &[5]
            },
            Letter::R
        ));
        assert!(!s.may_act(
            Actor {
                user: &outside,
                teams: &[]
            },
            Letter::R
        ));
        assert!(s.may_act(
            Actor {
                user: &signer,
                teams: &[]
            },
            Letter::A
        ));
        // The provider's C is unmapped: one consultation for the column.
        assert_eq!(
            s.consultees(),
            vec![Consultee {
                party: "Provider".into(),
                user: None,
                team: None
            }]
        );
        // The customer's admin manages the duty (R column's organization).
        assert!(s.may_manage(Actor {
            user: &outside,
            teams: &[]
        }));
    }

    #[test]
    fn the_audience_groups_by_organization() {
        let s = scope(
            &[("Customer", "I"), ("Nimbus", "I")],
            vec![owner(PROVIDER, "Nimbus", Letter::I, Assignee::User(4))],
        );
        let audience = s.audience(Letter::I);
        assert_eq!(audience.len(), 2);
        assert!(audience[0].1.admins && audience[0].0 == CUSTOMER);
        assert_eq!(audience[1].1.users, vec![4]);
    }

    #[test]
    fn allowed_follows_state_and_letters() {
        let mut s = scope(&[("Customer", "R"), ("Nimbus", "A")], vec![]);
        let member = user(1, CUSTOMER, UserRole::Member);
        let a = Actor {
            user: &member,
            teams: &[],
        };
        let allowed = s.allowed(a, &[]);
        assert!(allowed.start && !allowed.submit && !allowed.sign_off);
        s.duty.state = DutyState::InProgress;
        let allowed = s.allowed(a, &[]);
        assert!(!allowed.start && allowed.submit && allowed.add_evidence);
    }
}
