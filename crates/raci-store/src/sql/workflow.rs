// Owners of each party column, evidence, consultations, sign-offs, duty history and recurrence.
use async_trait::async_trait;

#[async_trait]
impl crate::WorkflowStore for Backend {}
