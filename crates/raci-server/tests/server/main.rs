//! The service over a real socket: the whole story of a matrix between a
//! provider and a customer, on SQLite and on PostgreSQL, and webhook
//! deliveries to a real local receiver, and mail to a real SMTP server.

mod instance;
mod isolation;
mod limits;
mod mail;
mod story;
mod webhooks;
