//! `raci serve`: the service (JSON API, background work) over a SQLite or PostgreSQL store.

use std::time::Duration;

use anyhow::{Context, Result};

use crate::args::{Global, ServeArgs};
use crate::exit::Outcome;
use crate::output;

pub fn run(args: &ServeArgs, global: &Global) -> Result<Outcome> {
    init_logging(global);
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let store =
            crate::commands::database::open(&args.database, raci_store::Access::Create, global)
                .await?
                .store()
                .clone();
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("cannot listen on {}", args.listen))?;
        if !global.quiet {
            let addr = listener.local_addr()?;
            output::note(&format!(
                "serving http://{addr}/api/v1 ({} store); Ctrl-C or SIGTERM stops",
                store.backend()
            ));
        }
        let app = raci_app::App::new(
            store,
            raci_app::AppConfig {
                evidence_limit: args.evidence_limit,
                login_throttle: raci_app::LoginThrottle {
                    per_email: args.login_failures_per_email.max(1),
                    per_ip: args.login_failures_per_address.max(1),
                    ..raci_app::LoginThrottle::default()
                },
                ..raci_app::AppConfig::default()
            },
        );
        raci_server::serve(listener, app, config(args), stop_signal())
            .await
            .context("the server failed")?;
        Ok(Outcome::Clean)
    })
}

/// The server's settings from the command line.
fn config(args: &ServeArgs) -> raci_server::ServerConfig {
    raci_server::ServerConfig {
        secure_cookies: args.secure_cookies,
        reopen_interval: Duration::from_secs(args.reopen_every.max(1)),
        limits: raci_server::Limits {
            per_token: raci_server::Rate {
                per_second: args.rate_per_token,
                burst: args.burst_per_token,
            },
            per_address: raci_server::Rate {
                per_second: args.rate_per_address,
                burst: args.burst_per_address,
            },
            header_timeout: Duration::from_secs(args.header_timeout.max(1)),
            body_timeout: Duration::from_secs(args.body_timeout.max(1)),
            request_timeout: Duration::from_secs(args.request_timeout.max(1)),
            max_connections: args.max_connections.max(1),
        },
        ..raci_server::ServerConfig::default()
    }
}

/// Completes on Ctrl-C, or on SIGTERM (what service managers send), so the
/// requests in flight finish before the process exits.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Logs to stderr: requests and faults at `info` (`warn` with `--quiet`),
/// or what `RUST_LOG` asks for; colours only on a terminal and without `NO_COLOR`.
fn init_logging(global: &Global) {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let default = if global.quiet { "warn" } else { "info" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // A closed stderr must not take requests down: by default the
        // subscriber reports its own write failures with `eprintln!`, which
        // panics when stderr is gone.
        .log_internal_errors(false)
        .with_ansi(std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal())
        .try_init();
}
