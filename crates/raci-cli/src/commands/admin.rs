//! `raci admin …`: bootstrapping the service's organizations, users and tokens.

use anyhow::{Context, Result};
use raci_store::{NewUser, OrgKind, UserRole};

use crate::args::{AdminCommand, Global, OrgKindArg, UserRoleArg};
use crate::exit::Outcome;
use crate::output;

/// How the audit log names actions taken from this command.
const ACTOR: &str = "cli:admin";

pub fn run(command: &AdminCommand, _global: &Global) -> Result<Outcome> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(run_async(command))
}

async fn run_async(command: &AdminCommand) -> Result<Outcome> {
    match command {
        AdminCommand::CreateOrg(args) => {
            let store = open(&args.database).await?;
            let kind = match args.kind {
                OrgKindArg::Provider => OrgKind::Provider,
                OrgKindArg::Customer => OrgKind::Customer,
            };
            let org = store.create_organization(ACTOR, &args.name, kind).await?;
            output::print(&org.id.to_string());
        }
        AdminCommand::CreateUser(args) => {
            let store = open(&args.database).await?;
            let role = match args.role {
                UserRoleArg::Admin => UserRole::Admin,
                UserRoleArg::Member => UserRole::Member,
                UserRoleArg::Auditor => UserRole::Auditor,
            };
            let password_hash = if args.password_stdin {
                Some(password_from_stdin()?)
            } else {
                None
            };
            let user = store
                .create_user(
                    ACTOR,
                    &NewUser {
                        org: args.org,
                        email: args.email.clone(),
                        name: args.name.clone().unwrap_or_else(|| args.email.clone()),
                        role,
                        password_hash,
                    },
                )
                .await?;
            output::print(&user.id.to_string());
        }
        AdminCommand::Token(args) => {
            let store = open(&args.database).await?;
            let expires_at = args
                .days
                .map(|days| raci_store::now_ms() + i64::from(days) * 86_400_000);
            let issued = store.create_api_token(ACTOR, args.user, expires_at).await?;
            output::print(&issued.secret);
        }
        AdminCommand::Tenancy(command) => return crate::commands::audit::admin(command).await,
    }
    Ok(Outcome::Clean)
}

/// The shortest password accepted, as by the API.
const PASSWORD_MIN_CHARS: usize = 12;

/// Reads one line of standard input as a password and hashes it (argon2).
fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.chars().count() < PASSWORD_MIN_CHARS {
        anyhow::bail!("a password has at least {PASSWORD_MIN_CHARS} characters");
    }
    raci_server::hash_password(password)
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

async fn open(url: &str) -> Result<std::sync::Arc<dyn raci_store::Store>> {
    raci_store::open(url)
        .await
        .with_context(|| format!("cannot open the database {url}"))
}
