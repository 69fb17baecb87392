// Password login, sessions and throttling of failed logins.
use async_trait::async_trait;

#[async_trait]
impl crate::AccountStore for Backend {}
