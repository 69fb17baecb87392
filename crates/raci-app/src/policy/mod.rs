//! Who may do what, as pure functions of the data a use case has read: each
//! rule exists here once, and every use case (so every JSON route and every
//! page) asks it. Nothing here reads or writes the store.

pub mod duty;
pub mod owners;
pub mod roles;
pub mod state;
pub mod visibility;

#[cfg(test)]
pub(crate) mod tests {
    use raci_store::{OrgKind, Organization, User, UserRole};

    use crate::Caller;

    /// A caller of organization `org` with a role.
    pub fn caller(org: i64, kind: OrgKind, role: UserRole) -> Caller {
        Caller {
            user: User {
                id: org * 100,
                org,
                email: format!("u{org}@example.test"),
                name: "U".into(),
                role,
                password_hash: None,
                created_at: 0,
            },
            org: Organization {
                id: org,
                name: format!("Org {org}"),
                kind,
                created_at: 0,
            },
            session: None,
            token: None,
        }
    }
}
