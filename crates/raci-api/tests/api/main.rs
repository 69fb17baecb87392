//! The JSON API: its OpenAPI contract, and the HTTP layer's own work
//! (extraction, errors, authentication) driven through the router without a
//! socket. The use cases behind it are tested in raci-app; the whole story
//! over a real socket in raci-server.

mod contract;
mod http;
mod support;
