//! `raci serve`: the JSON API over a SQLite or PostgreSQL store.

use anyhow::{Context, Result};

use crate::args::{Global, ServeArgs};
use crate::exit::Outcome;
use crate::output;

pub fn run(args: &ServeArgs, global: &Global) -> Result<Outcome> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let store = raci_store::open(&args.database)
            .await
            .with_context(|| format!("cannot open the database {}", args.database))?;
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        if !global.quiet {
            let addr = listener.local_addr()?;
            output::note(&format!(
                "serving http://{addr}/api/v1 ({} store); Ctrl-C stops",
                store.backend()
            ));
        }
        raci_server::serve(listener, raci_server::AppState::new(store), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server failed")?;
        Ok(Outcome::Clean)
    })
}
