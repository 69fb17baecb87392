// Change notices between editions, and events (incidents, change requests) raised against a subscription.
use async_trait::async_trait;

#[async_trait]
impl crate::ChangeStore for Backend {}
