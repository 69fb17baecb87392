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
                mail: raci_app::MailPolicy {
                    public_url: public_url(args),
                    remind_before_ms: args.remind_before.0.clone(),
                    ..raci_app::MailPolicy::default()
                },
                ..raci_app::AppConfig::default()
            },
        );
        let mut config = config(args);
        config.mail = mailer(args, global)?;
        raci_server::serve(listener, app, config, stop_signal())
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

/// Where the links of mails point.
fn public_url(args: &ServeArgs) -> String {
    args.public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.listen))
}

/// The mail worker `--smtp` asks for, if any.
fn mailer(args: &ServeArgs, global: &Global) -> Result<Option<raci_server::Mailer>> {
    let (Some(url), Some(from)) = (&args.smtp, &args.mail_from) else {
        return Ok(None);
    };
    let sender = raci_server::mail::SmtpSender::new(url, from)?;
    if !global.quiet {
        output::note(&format!(
            "mail from {from} through {}, links to {}",
            raci_store::redacted(url),
            public_url(args)
        ));
    }
    Ok(Some(raci_server::Mailer {
        sender: std::sync::Arc::new(sender),
        every: Duration::from_secs(10),
    }))
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
