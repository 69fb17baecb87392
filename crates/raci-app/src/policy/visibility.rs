//! What an organization may see. What it may not see is answered as not
//! found, so that its existence is not disclosed.

use raci_store::{OrgKind, Organization, Service, Subscription};

/// A subscription is seen by its customer and by the provider of its service.
pub fn sees_subscription(org: &Organization, subscription: &Subscription, provider: i64) -> bool {
    match org.kind {
        OrgKind::Customer => subscription.customer == org.id,
        OrgKind::Provider => provider == org.id,
    }
}

/// A provider sees its own services; a customer sees the whole catalog.
pub fn sees_service(org: &Organization, service: &Service) -> bool {
    match org.kind {
        OrgKind::Customer => true,
        OrgKind::Provider => service.provider == org.id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: i64, kind: OrgKind) -> Organization {
        Organization {
            id,
            name: format!("org {id}"),
            kind,
            created_at: 0,
        }
    }

    #[test]
    fn each_side_sees_its_own() {
        let sub = Subscription {
            id: 1,
            customer: 10,
            service: 5,
            edition: 1,
            created_at: 0,
        };
        assert!(sees_subscription(&org(10, OrgKind::Customer), &sub, 20));
        assert!(!sees_subscription(&org(11, OrgKind::Customer), &sub, 20));
        assert!(sees_subscription(&org(20, OrgKind::Provider), &sub, 20));
        assert!(!sees_subscription(&org(21, OrgKind::Provider), &sub, 20));
        let service = Service {
            id: 5,
            provider: 20,
            slug: "s".into(),
            name: "S".into(),
            created_at: 0,
        };
        assert!(sees_service(&org(11, OrgKind::Customer), &service));
        assert!(!sees_service(&org(21, OrgKind::Provider), &service));
    }
}
