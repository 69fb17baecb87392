//! `raci admin …`: bootstrapping the service's organizations, users and
//! tokens, through the application layer's operator use cases (audited as
//! `cli:admin`).

use anyhow::{Context, Result};
use raci_app::NewUserInput;
use raci_store::{Access, OrgKind, UserRole};

use crate::args::{AdminCommand, Global, OrgKindArg, UserRoleArg};
use crate::commands::database::open;
use crate::exit::Outcome;
use crate::output;

pub fn run(command: &AdminCommand, global: &Global) -> Result<Outcome> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(run_async(command, global))
}

async fn run_async(command: &AdminCommand, global: &Global) -> Result<Outcome> {
    match command {
        AdminCommand::CreateOrg(args) => {
            let app = open(&args.database, Access::Create, global).await?;
            let kind = match args.kind {
                OrgKindArg::Provider => OrgKind::Provider,
                OrgKindArg::Customer => OrgKind::Customer,
            };
            let org = app.bootstrap_organization(&args.name, kind).await?;
            output::print(&org.id.to_string());
        }
        AdminCommand::CreateUser(args) => {
            let app = open(&args.database, Access::Create, global).await?;
            let role = match args.role {
                UserRoleArg::Admin => UserRole::Admin,
                UserRoleArg::Member => UserRole::Member,
                UserRoleArg::Auditor => UserRole::Auditor,
            };
            let password = if args.password_stdin {
                Some(password_from_stdin()?)
            } else {
                None
            };
            let input = NewUserInput {
                email: args.email.clone(),
                name: args.name.clone().unwrap_or_else(|| args.email.clone()),
                role,
                password,
            };
            let user = app.bootstrap_user(args.org, input).await?;
            output::print(&user.id.to_string());
        }
        AdminCommand::Token(args) => {
            // A token is for a user that exists: in a database that does.
            let app = open(&args.database, Access::Existing, global).await?;
            let issued = app
                .bootstrap_token(args.user, args.days.map(i64::from))
                .await?;
            output::print(&issued.secret);
        }
        AdminCommand::Tenancy(command) => {
            return crate::commands::audit::admin(command, global).await
        }
        AdminCommand::Database(command) => {
            return crate::commands::database::run(command, global).await
        }
    }
    Ok(Outcome::Clean)
}

/// Reads one line of standard input as a password.
fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
