//! What a user's role and organization kind allow, whatever the data.

use raci_store::OrgKind;

use crate::{AppError, AppResult, Caller};

/// Admins manage their organization: users, teams, tokens of others,
/// webhooks, the catalog, export and purge.
pub fn require_admin(caller: &Caller) -> AppResult<()> {
    if caller.is_admin() {
        Ok(())
    } else {
        Err(AppError::forbidden("an organization admin is required"))
    }
}

/// Admins and members change data; auditors only read.
pub fn require_writer(caller: &Caller) -> AppResult<()> {
    if caller.is_auditor() {
        Err(AppError::forbidden("auditors have read-only access"))
    } else {
        Ok(())
    }
}

/// The audit log is read by admins and auditors.
pub fn require_audit_reader(caller: &Caller) -> AppResult<()> {
    if caller.is_admin() || caller.is_auditor() {
        Ok(())
    } else {
        Err(AppError::forbidden(
            "the audit log is read by admins and auditors",
        ))
    }
}

/// Change notices are accepted by an admin of the subscription's customer.
pub fn require_notice_acceptor(caller: &Caller) -> AppResult<()> {
    require_kind(caller, OrgKind::Customer)?;
    require_admin(caller)
}

pub fn require_kind(caller: &Caller, kind: OrgKind) -> AppResult<()> {
    if caller.org.kind == kind {
        Ok(())
    } else {
        Err(AppError::forbidden(format!(
            "only a {kind} organization may do this"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::tests::caller;
    use raci_store::UserRole;

    #[test]
    fn roles_gate_what_they_should() {
        let admin = caller(1, OrgKind::Provider, UserRole::Admin);
        let member = caller(1, OrgKind::Provider, UserRole::Member);
        let auditor = caller(1, OrgKind::Customer, UserRole::Auditor);
        assert!(require_admin(&admin).is_ok());
        assert!(require_admin(&member).is_err());
        assert!(require_writer(&member).is_ok());
        assert!(require_writer(&auditor).is_err());
        assert!(require_audit_reader(&auditor).is_ok());
        assert!(require_audit_reader(&member).is_err());
        assert!(require_kind(&admin, OrgKind::Provider).is_ok());
        assert!(require_kind(&auditor, OrgKind::Provider).is_err());
    }
}
