//! The rules of an owner mapping: which column an organization may map, and
//! who may own which letter.

use raci_store::{Assignee, Letter, User, UserRole};

use crate::{AppError, AppResult};

/// Refuses a column that is not the caller's: one the edition does not have
/// is not found, the other organization's is forbidden.
pub fn check_column(
    parties: &[String],
    party: &str,
    column_org: i64,
    caller_org: i64,
) -> AppResult<()> {
    if !parties.iter().any(|p| p == party) {
        return Err(AppError::not_found(format!(
            "{party:?} is not a party column of this subscription's edition"
        ))
        .with_field("party"));
    }
    if column_org != caller_org {
        return Err(AppError::forbidden(format!(
            "{party:?} is the other organization's column; each maps its own"
        ))
        .with_field("party"));
    }
    Ok(())
}

/// Auditors only read: they may be told (I) but not own R, A or C.
pub fn check_letter_owner(letter: Letter, owner: Assignee, user: Option<&User>) -> AppResult<()> {
    match (letter, user) {
        (Letter::I, _) | (_, None) => Ok(()),
        (_, Some(u)) if u.role == UserRole::Auditor => Err(AppError::invalid(
            "owners",
            format!("{owner:?} is an auditor, who only reads: map them to I at most"),
        )),
        _ => Ok(()),
    }
}

/// The mapping without repeats, in letter order.
pub fn dedup(owners: Vec<(Letter, Assignee)>) -> Vec<(Letter, Assignee)> {
    let mut out: Vec<(Letter, Assignee)> = Vec::with_capacity(owners.len());
    for pair in owners {
        if !out.contains(&pair) {
            out.push(pair);
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn only_own_existing_columns_are_mapped() {
        let parties = vec!["Client".to_owned(), "Cloud Temple".to_owned()];
        assert!(check_column(&parties, "Client", 1, 1).is_ok());
        assert_eq!(
            check_column(&parties, "Nobody", 1, 1).unwrap_err().code,
            ErrorCode::NotFound
        );
        assert_eq!(
            check_column(&parties, "Cloud Temple", 2, 1)
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
    }

    #[test]
    fn auditors_are_told_but_never_act() {
        let auditor = User {
            id: 5,
            org: 1,
            email: "a@x".into(),
            name: "A".into(),
            role: UserRole::Auditor,
            password_hash: None,
            created_at: 0,
        };
        let who = Assignee::User(5);
        assert!(check_letter_owner(Letter::I, who, Some(&auditor)).is_ok());
        assert!(check_letter_owner(Letter::R, who, Some(&auditor)).is_err());
        assert_eq!(
            dedup(vec![(Letter::C, who), (Letter::R, who), (Letter::C, who)]),
            vec![(Letter::R, who), (Letter::C, who)]
        );
    }
}
