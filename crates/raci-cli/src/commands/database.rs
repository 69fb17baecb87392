//! The database under the operator's commands: opened as each command
//! needs (created by the bootstrap commands, required to exist by those
//! that only read), and `raci admin migrate | backup | restore`.

use std::path::Path;

use anyhow::{bail, Context, Result};
use raci_app::{App, AppConfig};
use raci_store::{Access, SqliteStore, StoreError};

use crate::args::{BackupArgs, DatabaseAdminCommand, Global, RestoreArgs};
use crate::commands::audit::{check_chains, report_chains};
use crate::exit::Outcome;
use crate::output;

/// The application over the database a URL names, opened as `access` says;
/// says on standard error (unless quiet) when it created or migrated it.
pub async fn open(url: &str, access: Access, global: &Global) -> Result<App> {
    let shown = raci_store::redacted(url);
    let opened = match raci_store::open_with(url, access).await {
        Ok(opened) => opened,
        // These name the database and what is wrong with it already.
        Err(e @ StoreError::Schema(_)) => return Err(e.into()),
        Err(e) => return Err(e).with_context(|| format!("cannot open the database {shown}")),
    };
    let schema = opened.schema;
    if !global.quiet {
        if schema.created() {
            output::note(&format!(
                "created the database {shown} (schema version {})",
                schema.after
            ));
        } else if let Some(before) = schema.before.filter(|_| schema.upgraded()) {
            output::note(&format!(
                "migrated the database {shown} from schema version {before} to {}",
                schema.after
            ));
        }
    }
    Ok(App::new(opened.store, AppConfig::default()))
}

pub async fn run(command: &DatabaseAdminCommand, global: &Global) -> Result<Outcome> {
    match command {
        DatabaseAdminCommand::Migrate(args) => {
            let opened = raci_store::open_with(&args.database, Access::Migrate).await?;
            let schema = opened.schema;
            let shown = raci_store::redacted(&args.database);
            output::print(&match schema.before {
                None => format!("{shown}: schema version {} created", schema.after),
                Some(before) if before < schema.after => format!(
                    "{shown}: migrated from schema version {before} to {}",
                    schema.after
                ),
                Some(_) => format!("{shown}: at schema version {}, nothing to do", schema.after),
            });
            Ok(Outcome::Clean)
        }
        DatabaseAdminCommand::Backup(args) => backup(args, global).await,
        DatabaseAdminCommand::Restore(args) => restore(args, global).await,
    }
}

/// The SQLite file a database URL names; PostgreSQL is refused with the
/// tools that do the job there.
fn sqlite_file<'a>(url: &'a str, what: &str) -> Result<&'a Path> {
    if raci_store::is_postgres(url) {
        bail!(
            "{what} of a PostgreSQL database is pg_dump's and pg_restore's job \
             (README, Backups and upgrades)"
        );
    }
    Ok(Path::new(raci_store::sqlite_path(url)))
}

async fn backup(args: &BackupArgs, global: &Global) -> Result<Outcome> {
    let path = sqlite_file(&args.db.database, "a backup")?;
    let (store, _) = SqliteStore::open_with(path, Access::Existing).await?;
    store.backup_to(&args.out).await.with_context(|| {
        format!(
            "cannot back up {} to {}",
            path.display(),
            args.out.display()
        )
    })?;
    store.pool().close().await;
    if !global.quiet {
        output::note(&format!(
            "wrote {} (a copy of {}); its audit chains:",
            args.out.display(),
            path.display()
        ));
    }
    let copy = open(&args.out.display().to_string(), Access::Existing, global).await?;
    let checked = check_chains(&copy, None, global).await?;
    Ok(report_chains(&checked, args.format, global))
}

async fn restore(args: &RestoreArgs, global: &Global) -> Result<Outcome> {
    let target = sqlite_file(&args.db.database, "a restore")?;
    if !args.backup.is_file() {
        bail!("the backup {} does not exist", args.backup.display());
    }
    let wal = format!("{}-wal", args.backup.display());
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        bail!(
            "{} has a write-ahead log beside it, so it is a database in use, not a backup: \
             back it up with `raci admin backup` and restore that",
            args.backup.display()
        );
    }
    // The backup is read from a working copy beside the target, brought to
    // this raci's schema there: the backup file itself is left as it was.
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let work = tempfile::Builder::new()
        .prefix(".raci-restore-")
        .tempdir_in(folder)
        .with_context(|| format!("cannot make a working folder in {}", folder.display()))?;
    let copy = work.path().join("backup.db");
    std::fs::copy(&args.backup, &copy)
        .with_context(|| format!("cannot read the backup {}", args.backup.display()))?;
    let (source, schema) = SqliteStore::open_with(&copy, Access::Migrate)
        .await
        .with_context(|| format!("the backup {} cannot be read", args.backup.display()))?;
    if let Some(before) = schema.before.filter(|_| schema.upgraded()) {
        if !global.quiet {
            output::note(&format!(
                "the backup is at schema version {before}: migrated to {} before restoring",
                schema.after
            ));
        }
    }
    let source_app = App::new(std::sync::Arc::new(source.clone()), AppConfig::default());
    let broken: Vec<_> = check_chains(&source_app, None, global)
        .await?
        .into_iter()
        .filter(|c| !c.report.ok)
        .map(|c| c.org.id.to_string())
        .collect();
    if !broken.is_empty() {
        bail!(
            "the backup {} has broken audit chains (organizations {}): nothing restored",
            args.backup.display(),
            broken.join(", ")
        );
    }
    source.pool().close().await;

    let shown = raci_store::redacted(&args.db.database);
    let (store, created) = SqliteStore::open_with(target, Access::Create).await?;
    if created.created() && !global.quiet {
        output::note(&format!("created the database {shown}"));
    }
    if store.holds_data().await? && !args.force {
        bail!(
            "the database {shown} holds data: pass --force to replace it by the backup's \
             (or restore into a new file)"
        );
    }
    let restored = store
        .restore_from(&copy)
        .await
        .with_context(|| format!("cannot restore {} into {shown}", args.backup.display()))?;
    store.pool().close().await;
    if !global.quiet {
        let rows: i64 = restored.tables.iter().map(|(_, n)| n).sum();
        output::note(&format!(
            "restored {} into {shown}: {rows} rows in {} tables; its audit chains:",
            args.backup.display(),
            restored.tables.len()
        ));
    }
    let app = open(&args.db.database, Access::Existing, global).await?;
    let checked = check_chains(&app, None, global).await?;
    Ok(report_chains(&checked, args.format, global))
}
