//! One module per resource.

pub mod accounts;
pub mod changes;
pub mod duties;
pub mod editions;
pub mod health;
pub mod notify;
pub mod services;
pub mod subscriptions;
pub mod tenancy;
pub mod workflow;

use raci_store::{OrgKind, Subscription};

use crate::{error::ApiResult, ApiError, AppState, Caller};

/// The answer to a path the API does not have.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such route".to_owned())
}

/// A subscription the caller may see: its customer's, or one to a service of
/// the caller's provider organization. Others are reported as not found, so
/// their existence is not disclosed.
pub(crate) async fn visible_subscription(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> ApiResult<Subscription> {
    let hidden = || ApiError::NotFound(format!("subscription {id} not found"));
    let subscription = state
        .store
        .get_subscription(id)
        .await
        .map_err(|e| match e {
            raci_store::StoreError::NotFound { .. } => hidden(),
            e => e.into(),
        })?;
    let visible = match caller.org.kind {
        OrgKind::Customer => subscription.customer == caller.org.id,
        OrgKind::Provider => {
            state
                .store
                .get_service(subscription.service)
                .await?
                .provider
                == caller.org.id
        }
    };
    if visible {
        Ok(subscription)
    } else {
        Err(hidden())
    }
}
