//! The `raci` command end to end, one test binary: the document commands
//! on our fixtures and the shared corpus, and `raci serve`, `raci admin`
//! and `raci remote` against the real binary.

mod common;
mod live;
mod receiver;
mod smtp_peer;

mod align;
mod audit;
mod basics;
mod compare;
mod controls;
mod convert;
mod database;
mod durability;
mod full_disk;
mod limits;
mod lint_habits;
mod oscal;
mod outage;
mod remote;
mod rough_edges;
mod secrets;
mod serve;
mod site;
mod soak;
mod two_servers;
mod views;
