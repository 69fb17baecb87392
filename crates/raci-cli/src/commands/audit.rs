//! `raci audit verify`: every organization's hash-chained audit log checked,
//! with the first broken link named; and the operator's side of tenancy
//! (`raci admin import | purge-org | destruction-records | verify-destruction`),
//! which works on the database directly since nobody is logged in there.

use anyhow::{Context, Result};
use raci_app::views::{ChainBreakView, ChainReportView, DestructionRecordView};
use raci_store::Organization;
use serde_json::json;

use crate::args::{AuditCommand, AuditFormat, AuditVerifyArgs, Global, TenancyAdminCommand};
use crate::exit::Outcome;
use crate::output;

pub fn run(command: &AuditCommand, global: &Global) -> Result<Outcome> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    match command {
        AuditCommand::Verify(args) => runtime.block_on(verify(args, global)),
    }
}

use super::database::open;
use raci_app::App;
use raci_store::Access;

/// One organization's chain, checked.
pub struct Checked {
    pub org: Organization,
    pub report: ChainReportView,
}

async fn verify(args: &AuditVerifyArgs, global: &Global) -> Result<Outcome> {
    // A verification must not pass on a database it made up: it must exist.
    let app = open(&args.database, Access::Existing, global).await?;
    let checked = check_chains(&app, args.org, global).await?;
    Ok(report_chains(&checked, args.format, global))
}

/// Every organization's chain (or `only` that one's), checked.
pub async fn check_chains(app: &App, only: Option<i64>, global: &Global) -> Result<Vec<Checked>> {
    let mut orgs = app.organizations().await?;
    if let Some(id) = only {
        orgs.retain(|o| o.id == id);
        if orgs.is_empty() {
            anyhow::bail!("organization {id} not found");
        }
    }
    let bar = output::progress(orgs.len(), global);
    let mut checked = Vec::with_capacity(orgs.len());
    for org in orgs {
        bar.set_message(org.name.clone());
        let report = app.chain_report(org.id).await?;
        checked.push(Checked { org, report });
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(checked)
}

/// Prints the chains checked; findings when one is broken.
pub fn report_chains(checked: &[Checked], format: AuditFormat, global: &Global) -> Outcome {
    let broken = checked.iter().filter(|c| !c.report.ok).count();
    match format {
        AuditFormat::Human => {
            let lines: Vec<String> = checked.iter().map(human_line).collect();
            if !lines.is_empty() {
                output::print(&lines.join("\n"));
            }
            if !global.quiet {
                output::note(&format!(
                    "{} chain(s) checked, {broken} broken",
                    checked.len()
                ));
            }
        }
        AuditFormat::Json => {
            let items: Vec<_> = checked
                .iter()
                .map(|c| {
                    json!({
                        "org": c.org.id,
                        "name": c.org.name,
                        "entries": c.report.entries,
                        "ok": c.report.ok,
                        "broken": c.report.broken,
                        "imported": c.report.imported,
                    })
                })
                .collect();
            output::print(&serde_json::to_string_pretty(&items).unwrap_or_default());
        }
    }
    if broken > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn human_line(c: &Checked) -> String {
    let who = format!("organization {} ({})", c.org.id, c.org.name);
    let mut line = verdict(&who, c.report.entries, c.report.broken.as_ref());
    for i in &c.report.imported {
        let who = format!(
            "\n  imported history (organization {} elsewhere)",
            i.original_org
        );
        line.push_str(&verdict(&who, i.entries, i.broken.as_ref()));
    }
    line
}

fn verdict(who: &str, entries: usize, broken: Option<&ChainBreakView>) -> String {
    match broken {
        None => format!("{who}: ok, {entries} entries"),
        Some(b) => format!("{who}: broken at seq {}: {}", b.seq, b.reason),
    }
}

/// The tenancy commands of `raci admin`.
pub async fn admin(command: &TenancyAdminCommand, global: &Global) -> Result<Outcome> {
    match command {
        TenancyAdminCommand::Import(args) => {
            let archive = std::fs::read(&args.archive)
                .with_context(|| format!("cannot read {}", args.archive.display()))?;
            let app = open(&args.db.database, Access::Create, global).await?;
            let report = app
                .import_organization(&archive)
                .await
                .context("import refused")?;
            for (table, n) in &report.skipped {
                output::note(&format!(
                    "{n} row(s) of {table} left out: they point at another organization's rows"
                ));
            }
            output::print(&report.organization.id.to_string());
        }
        TenancyAdminCommand::PurgeOrg(args) => {
            let app = open(&args.db.database, Access::Existing, global).await?;
            let record = app.purge_as_operator(args.id).await?;
            output::print(&serde_json::to_string_pretty(&record)?);
        }
        TenancyAdminCommand::DestructionRecords(args) => {
            let app = open(&args.database, Access::Existing, global).await?;
            let records = app.destruction_records().await?;
            output::print(&serde_json::to_string_pretty(&records)?);
        }
        TenancyAdminCommand::VerifyDestruction(args) => {
            let text = std::fs::read_to_string(&args.file)
                .with_context(|| format!("cannot read {}", args.file.display()))?;
            let record: DestructionRecordView = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a destruction record", args.file.display()))?;
            let key = match (&args.public_key, &args.database) {
                (Some(key), _) => key.clone(),
                (None, Some(url)) => {
                    open(url, Access::Existing, global)
                        .await?
                        .instance_public_key()
                        .await?
                        .public_key
                }
                (None, None) => {
                    output::note(
                        "checked against the key in the file; pass --public-key or \
                         --database to check it is the instance's",
                    );
                    record.public_key.clone()
                }
            };
            match raci_store::verify_destruction_record(
                &record.record_json,
                &record.signature,
                &key,
            ) {
                Ok(()) => output::print(&format!(
                    "ok: destruction record {} of organization {} signed by {key}",
                    record.id, record.org
                )),
                Err(e) => {
                    output::error_line(&format!("{}: {e}", args.file.display()));
                    return Ok(Outcome::Findings);
                }
            }
        }
    }
    Ok(Outcome::Clean)
}
