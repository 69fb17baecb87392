//! Seeds a database for the `raci serve` load benchmark (bench/serve-load.sh):
//! one provider publishing one matrix, then N customer organizations, each
//! with an admin user, an API token and a subscription to that service.
//! Going through the application layer's use cases directly (not HTTP)
//! keeps seeding fast while writing exactly the rows and audit entries the
//! API would.
//!
//! ```text
//! cargo run --release -p raci-server --example seed_load -- \
//!     --database sqlite:///tmp/load.db --matrix FILE --orgs 1000 --stage 20 --out DIR
//! ```
//!
//! Writes `DIR/subs.txt` (`SUBSCRIPTION TOKEN` a line) for listing duties
//! and `DIR/duties.txt` (`DUTY TOKEN` a line, customers interleaved): up to
//! `--stage` duties per customer that the customer holds R and A for, started,
//! given evidence and submitted, so each awaits one sign-off (`POST
//! /duties/{id}/signoff`) that completes it.

#![allow(clippy::print_stdout, clippy::print_stderr)] // a command-line example

use std::path::PathBuf;
use std::time::Instant;

use raci_app::{
    App, AppConfig, AppResult, DutyFilter, EvidenceInput, NewService, NewSubscription,
    NewUserInput, PublishInput,
};
use raci_store::{DutyState, OrgKind, UserRole};

/// Customers seeded at the same time (PostgreSQL takes them in parallel;
/// SQLite queues the writes on its lock).
const WORKERS: usize = 8;

struct Options {
    database: String,
    matrix: PathBuf,
    orgs: usize,
    stage: usize,
    out: PathBuf,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        database: String::new(),
        matrix: PathBuf::new(),
        orgs: 1000,
        stage: 20,
        out: PathBuf::from("."),
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--database" => options.database = value,
            "--matrix" => options.matrix = value.into(),
            "--out" => options.out = value.into(),
            "--orgs" => options.orgs = value.parse().map_err(|_| "--orgs: a number")?,
            "--stage" => options.stage = value.parse().map_err(|_| "--stage: a number")?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.database.is_empty() || options.matrix.as_os_str().is_empty() {
        return Err("--database and --matrix are required".to_owned());
    }
    Ok(options)
}

/// One seeded customer: its subscription, token and staged duties.
struct Customer {
    subscription: i64,
    token: String,
    staged: Vec<i64>,
}

async fn customer(app: App, service: i64, n: usize, stage: usize) -> AppResult<Customer> {
    let org = app
        .bootstrap_organization(&format!("Customer {n:05}"), OrgKind::Customer)
        .await?;
    let user = app
        .bootstrap_user(
            org.id,
            NewUserInput {
                email: format!("ops@customer-{n:05}.test"),
                name: format!("Ops {n:05}"),
                role: UserRole::Admin,
                password: None,
            },
        )
        .await?;
    let token = app.bootstrap_token(user.id, None).await?;
    let caller = app.authenticate_token(&token.secret).await?;
    let subscription = app.subscribe(&caller, NewSubscription { service }).await?;
    let mut staged = Vec::with_capacity(stage);
    for duty in app
        .duties(&caller, subscription.id, &DutyFilter::default())
        .await?
    {
        if staged.len() == stage {
            break;
        }
        // Only duties the customer both does (R) and signs off (A), with no
        // one to consult: submitting them leaves them awaiting its sign-off.
        let customer_has = |letter| {
            duty.roles
                .iter()
                .any(|(party, l)| raci_model::is_customer(party) && l.contains(letter))
        };
        if !customer_has('R') || !customer_has('A') || duty.roles.values().any(|l| l.contains('C'))
        {
            continue;
        }
        app.start_duty(&caller, duty.id).await?;
        app.add_evidence(
            &caller,
            duty.id,
            EvidenceInput::Text {
                text: "seeded".to_owned(),
            },
        )
        .await?;
        if app.submit_duty(&caller, duty.id).await?.state == DutyState::AwaitingSignoff {
            staged.push(duty.id);
        }
    }
    Ok(Customer {
        subscription: subscription.id,
        token: token.secret,
        staged,
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options().map_err(|e| {
        format!(
            "{e}\nusage: seed_load --database URL --matrix FILE [--orgs N] [--stage N] [--out DIR]"
        )
    })?;
    let started = Instant::now();
    let bytes = std::fs::read(&options.matrix)?;
    let store = raci_store::open(&options.database).await?;
    let app = App::new(store, AppConfig::default());
    let provider = app
        .bootstrap_organization("OVHcloud", OrgKind::Provider)
        .await?;
    let admin = app
        .bootstrap_user(
            provider.id,
            NewUserInput {
                email: "ops@ovhcloud.test".into(),
                name: "Ops".into(),
                role: UserRole::Admin,
                password: None,
            },
        )
        .await?;
    let admin = app
        .authenticate_token(&app.bootstrap_token(admin.id, None).await?.secret)
        .await?;
    let service = app
        .create_service(
            &admin,
            NewService {
                slug: "managed-kubernetes".into(),
                name: "Managed Kubernetes".into(),
            },
        )
        .await?;
    app.publish(
        &admin,
        service.id,
        PublishInput {
            bytes,
            format: None,
            force: true,
        },
    )
    .await?;

    let mut workers = tokio::task::JoinSet::new();
    for w in 0..WORKERS {
        let app = app.clone();
        let (orgs, stage, service) = (options.orgs, options.stage, service.id);
        workers.spawn(async move {
            let mut seeded = Vec::new();
            for n in (w..orgs).step_by(WORKERS) {
                seeded.push((n, customer(app.clone(), service, n, stage).await?));
            }
            Ok::<_, raci_app::AppError>(seeded)
        });
    }
    let mut customers = Vec::with_capacity(options.orgs);
    while let Some(done) = workers.join_next().await {
        customers.extend(done??);
    }
    customers.sort_by_key(|(n, _)| *n);

    std::fs::create_dir_all(&options.out)?;
    let subs: String = customers
        .iter()
        .map(|(_, c)| format!("{} {}\n", c.subscription, c.token))
        .collect();
    std::fs::write(options.out.join("subs.txt"), subs)?;
    let mut duties = String::new();
    for round in 0..options.stage {
        for (_, c) in &customers {
            if let Some(duty) = c.staged.get(round) {
                duties.push_str(&format!("{duty} {}\n", c.token));
            }
        }
    }
    std::fs::write(options.out.join("duties.txt"), duties)?;
    let per_sub = match customers.first() {
        Some((_, c)) => {
            let caller = app.authenticate_token(&c.token).await?;
            app.duties(&caller, c.subscription, &DutyFilter::default())
                .await?
                .len()
        }
        None => 0,
    };
    println!(
        "seeded {} customers × {per_sub} duties ({} staged for sign-off) on {} in {:.1} s",
        customers.len(),
        customers.iter().map(|(_, c)| c.staged.len()).sum::<usize>(),
        app.backend(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
