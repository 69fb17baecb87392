//! Owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.

use async_trait::async_trait;

/// Owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
#[async_trait]
pub trait WorkflowStore: Send + Sync {}
