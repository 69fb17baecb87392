// Export and import of an organization, and its purge with a signed destruction record.
use async_trait::async_trait;

#[async_trait]
impl crate::TenancyStore for Backend {}
