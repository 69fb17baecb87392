//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use raci_ingest::InputFormat;

pub use crate::commands::lint::LintArgs;

#[derive(Parser, Debug)]
#[command(
    name = "raci",
    version,
    about = "Shared-responsibility (RACI) matrices as code: parse, lint, explain."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Args, Debug)]
pub struct Global {
    /// Print nothing but results and errors (no progress, no summary).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to use colours (also off with NO_COLOR set).
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read a matrix and print its canonical model.
    Parse(ParseArgs),
    /// Find defects in matrices: files or directories (searched recursively).
    Lint(LintArgs),
    /// List the lint rules, or explain one.
    Rule(RuleArgs),
    /// What changed between two editions or translations, activity by activity.
    Diff(DiffArgs),
    /// Drift between the locales of each page in a folder (`guide.en-gb.md`, `guide.fr-fr.md`…).
    Drift(DriftArgs),
    /// Write a matrix in another form: normalized Markdown, CSV, XLSX, canonical JSON or YAML,
    /// OSCAL; or as controls: an OSCAL system security plan, a FedRAMP CIS/CRM workbook, CAIQ columns.
    Convert(ConvertArgs),
    /// Rewrite the matrix tables of Markdown pages in normalized form, in place.
    Fmt(FmtArgs),
    /// Print the JSON Schema of the canonical `raci/v1` form.
    Schema,
    /// The obligations of one party as a checklist, by lifecycle phase.
    Duties(DutiesArgs),
    /// The activities matching some words (any language of the document), with each party's role.
    Who(WhoArgs),
    /// How many activities each party is R, A, C or I for, per phase; and a heat map.
    Stats(StatsArgs),
    /// OSCAL component definitions: export a matrix, import one back.
    #[command(subcommand)]
    Oscal(OscalCommand),
    /// Matrices side by side by taxonomy entry, across providers and languages.
    Compare(CompareArgs),
    /// Per security control (NIST SP 800-53, CSA CCM), the activities that bear on it and who owns it.
    Controls(ControlsArgs),
    /// An HTML site for a set of matrices: an index, one page per matrix, drift and comparisons.
    Site(SiteArgs),
    /// Run the raci service: a JSON API under `/api/v1` (TLS belongs to a reverse proxy).
    Serve(ServeArgs),
    /// Bootstrap the service's data: organizations, users, API tokens.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// The audit trail: check each organization's hash chain.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// A client of a running `raci serve`: publish, subscribe, list and move duties.
    Remote(RemoteArgs),
    /// A language server for editors over standard input and output:
    /// findings as you type, fixes, formatting, hover.
    Lsp,
}

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = ParseFormat::Human)]
    pub format: ParseFormat,
    /// Read the input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml, csv, xlsx).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
    /// Another edition or translation of the same page, to settle the columns
    /// a flattened page lost.
    #[arg(long)]
    pub reference: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The older edition (or the original of a translation).
    pub old: PathBuf,
    /// The newer edition (or the translation).
    pub new: PathBuf,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// What makes the exit code 1: role changes (and added or removed rows), any change, or nothing.
    #[arg(long, value_enum, default_value_t = FailOn::Roles)]
    pub fail_on: FailOn,
    /// Also list the unchanged activities (or controls).
    #[arg(long)]
    pub all: bool,
    /// Compare activity by activity, or control by control (ownership changes).
    #[arg(long, value_enum, default_value_t = DiffBy::Activity)]
    pub by: DiffBy,
    /// The controls' framework, with `--by control`.
    #[arg(long, value_enum, default_value_t = FrameworkArg::Nist80053)]
    pub framework: FrameworkArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffBy {
    Activity,
    Control,
}

#[derive(Args, Debug)]
pub struct DriftArgs {
    /// Folders holding one page in several locales; searched recursively.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The locale the others are compared with (falls back to `en`, then to the first).
    #[arg(long, default_value = "en-gb")]
    pub base: String,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// What makes the exit code 1: rows whose roles differ, or that are missing or
    /// extra (`roles`); any finding, rows in another section too (`any`); nothing (`never`).
    #[arg(long, value_enum, default_value_t = FailOn::Roles)]
    pub fail_on: FailOn,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Roles,
    Any,
    Never,
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule's name or code; all rules are listed when left out.
    pub name: Option<String>,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = RuleFormat::Human)]
    pub format: RuleFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseFormat {
    Human,
    Json,
    Yaml,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct DutiesArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    /// The party: a column's name (any case), or `customer` / `provider`.
    #[arg(long, short)]
    pub party: String,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = DutiesFormat::Markdown)]
    pub format: DutiesFormat,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DutiesFormat {
    /// Markdown, also for reading in the terminal.
    #[value(alias = "human")]
    Markdown,
    Json,
    /// One self-contained, printable page.
    Html,
}

#[derive(Args, Debug)]
pub struct WhoArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    /// Words to find in the activities and their sections (case and accents ignored).
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = WhoFormat::Human)]
    pub format: WhoFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhoFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    /// Matrices: files or directories (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = StatsFormat::Human)]
    pub format: StatsFormat,
    /// Also draw the matrix as a heat map: `OUT.svg` or `OUT.png` (one file only).
    #[arg(long, value_name = "OUT")]
    pub heatmap: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Subcommand, Debug)]
pub enum OscalCommand {
    /// Write a matrix as an OSCAL component definition (JSON).
    Export(OscalExportArgs),
    /// Read an OSCAL component definition back into the canonical model.
    Import(OscalImportArgs),
    /// From a leveraged system security plan, the customer's leveraging plan to complete.
    Inherit(OscalInheritArgs),
}

#[derive(Args, Debug)]
pub struct OscalExportArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct OscalImportArgs {
    /// An OSCAL component definition in JSON (`-` for standard input).
    pub file: PathBuf,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = ImportFormat::Json)]
    pub format: ImportFormat,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    Json,
    Yaml,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// The matrices to compare, two or more, in any format the ingest reads.
    #[arg(required = true, num_args = 2..)]
    pub paths: Vec<PathBuf>,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = CompareFormat::Human)]
    pub format: CompareFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The matrix to read (`-` for standard input).
    pub file: PathBuf,
    /// The form to write (default: from the extension of `-o`).
    #[arg(long, short, value_enum)]
    pub to: Option<OutputFormat>,
    /// Write here instead of standard output (needed for XLSX on a terminal).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Read the input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml, csv, xlsx).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
    /// With `--to oscal-ssp`: the OSCAL profile (or resolved profile catalog)
    /// the plan imports; its path is written as given, and only the controls
    /// it includes are written (default: NIST's moderate baseline, by URL).
    #[arg(long, value_name = "PROFILE.json")]
    pub profile: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Normalized Markdown.
    #[value(alias = "markdown")]
    Md,
    Csv,
    Xlsx,
    /// Canonical JSON (`raci/v1`).
    Json,
    /// Canonical YAML.
    #[value(alias = "yml")]
    Yaml,
    /// An OSCAL component definition (JSON), as `raci oscal export` writes it.
    Oscal,
    /// An OSCAL system security plan of the service as a leveraged system (JSON).
    OscalSsp,
    /// A FedRAMP CIS/CRM workbook (XLSX).
    FedrampCrm,
    /// CSA CAIQ v4 SSRM columns (XLSX).
    Caiq,
}

#[derive(Args, Debug)]
pub struct FmtArgs {
    /// Markdown pages, or folders searched recursively for them (`-` reads
    /// standard input and prints the result).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Change nothing; list the files that would change and exit 1 if any would.
    #[arg(long)]
    pub check: bool,
}

#[derive(Args, Debug)]
pub struct SiteArgs {
    /// Matrices: files or directories (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The folder to write the site into (created if needed; files of the
    /// same name are replaced, others are left alone).
    #[arg(long, short)]
    pub output: PathBuf,
    /// The locale the others of a page are compared with on its drift page.
    #[arg(long, default_value = "en-gb")]
    pub base: String,
    /// The lint configuration (default: the nearest `raci.toml` above the current directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The database: `sqlite://PATH` (created if absent, owner-only) or `postgres://…`.
    #[arg(long, default_value = "sqlite://raci.db")]
    pub database: String,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Mark the session cookie `Secure`: set it when a TLS proxy fronts the server.
    #[arg(long)]
    pub secure_cookies: bool,
    /// The largest evidence file accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    pub evidence_limit: usize,
    /// Seconds between two looks for recurring duties that are due again.
    #[arg(long, default_value_t = 60)]
    pub reopen_every: u64,
    /// Failed logins tolerated per e-mail address in 15 minutes.
    #[arg(long, default_value_t = 5)]
    pub login_failures_per_email: i64,
    /// Failed logins tolerated per client address in 15 minutes.
    #[arg(long, default_value_t = 20)]
    pub login_failures_per_address: i64,
    /// Requests per second one API token or session may make, sustained
    /// (0: no limit); past it, 429 with `Retry-After`. Calls without
    /// credentials count per address under it.
    #[arg(long, default_value_t = 500)]
    pub rate_per_token: u32,
    /// Requests one token may make at once above its rate.
    #[arg(long, default_value_t = 1000)]
    pub burst_per_token: u32,
    /// Requests per second one client address may make, sustained (0: no
    /// limit). Behind a reverse proxy every client has its address: limit there.
    #[arg(long, default_value_t = 5000)]
    pub rate_per_address: u32,
    /// Requests one address may make at once above its rate.
    #[arg(long, default_value_t = 10000)]
    pub burst_per_address: u32,
    /// Seconds a client has to send a request's headers (and an idle
    /// connection to send its next request).
    #[arg(long, default_value_t = 30)]
    pub header_timeout: u64,
    /// Seconds the server waits for each piece of a request's body.
    #[arg(long, default_value_t = 30)]
    pub body_timeout: u64,
    /// Seconds a request may take from its headers to its answer (408 past it).
    #[arg(long, default_value_t = 120)]
    pub request_timeout: u64,
    /// Connections served at once; more wait to be accepted.
    #[arg(long, default_value_t = 512)]
    pub max_connections: usize,
    /// Send mail through this SMTP server: `smtp://HOST:PORT` (plain;
    /// `?tls=required` for STARTTLS) or `smtps://USER:PASS@HOST:PORT`
    /// (TLS). Without it this server sends none; the outbox keeps mails for
    /// a server that does.
    #[arg(long, value_name = "URL", requires = "mail_from")]
    pub smtp: Option<String>,
    /// The address mails come from: `raci@example.com` or `raci <raci@example.com>`.
    #[arg(long, value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// Where people open the web pages, for the links in mails
    /// (`https://raci.example.com`); `http://` and the --listen address when absent.
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// How long before a due date its R owner is reminded, once each:
    /// durations separated by commas (`7d,1d`, `36h`), or `none`.
    #[arg(long, value_name = "DURATIONS", default_value = "7d,1d", value_parser = parse_reminders)]
    pub remind_before: Reminders,
}

/// The reminder offsets of `--remind-before`, in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminders(pub Vec<i64>);

fn parse_reminders(text: &str) -> Result<Reminders, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(Reminders(Vec::new()));
    }
    let mut offsets = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let duration = humantime::parse_duration(part)
            .map_err(|e| format!("{part:?} is not a duration ({e}); write e.g. 7d,1d or 36h"))?;
        let ms =
            i64::try_from(duration.as_millis()).map_err(|_| format!("{part:?} is too long"))?;
        if ms == 0 {
            return Err(format!(
                "{part:?}: a reminder comes some time before the due date"
            ));
        }
        offsets.push(ms);
    }
    Ok(Reminders(offsets))
}

#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create an organization and print its id.
    CreateOrg(CreateOrgArgs),
    /// Create a user of an organization and print its id.
    CreateUser(CreateUserArgs),
    /// Issue an API token for a user; the secret is printed this once.
    Token(TokenArgs),
    #[command(flatten)]
    Tenancy(TenancyAdminCommand),
    #[command(flatten)]
    Database(DatabaseAdminCommand),
}

/// `raci admin` commands on the database itself: its schema, backups.
#[derive(Subcommand, Debug)]
pub enum DatabaseAdminCommand {
    /// Bring an existing database's schema up to this raci's version
    /// (`raci serve` does it too when it starts); say from which version.
    Migrate(DatabaseArg),
    /// Write a consistent copy of a SQLite database (while it serves) to a
    /// new owner-only file, then check every audit chain in the copy.
    /// PostgreSQL: `pg_dump` (README, Backups).
    Backup(BackupArgs),
    /// Replace a SQLite database's data by a backup's, in one transaction,
    /// then check every audit chain; a database holding data is replaced
    /// only with `--force`.
    Restore(RestoreArgs),
}

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// The file to write (it must not exist).
    pub out: PathBuf,
    #[command(flatten)]
    pub db: DatabaseArg,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = AuditFormat::Human)]
    pub format: AuditFormat,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// The backup to restore (a file `raci admin backup` wrote).
    pub backup: PathBuf,
    #[command(flatten)]
    pub db: DatabaseArg,
    /// Replace the database's data even when it holds some (a server
    /// running on it sees the restored data at its next request).
    #[arg(long)]
    pub force: bool,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = AuditFormat::Human)]
    pub format: AuditFormat,
}

#[derive(Args, Debug)]
pub struct CreateOrgArgs {
    /// The organization's name.
    pub name: String,
    /// Whether it publishes matrices (provider) or subscribes to them (customer).
    #[arg(long, value_enum)]
    pub kind: OrgKindArg,
    /// The database: `sqlite://PATH` or `postgres://…`.
    #[arg(long, default_value = "sqlite://raci.db")]
    pub database: String,
}

#[derive(Args, Debug)]
pub struct CreateUserArgs {
    /// The id of the user's organization.
    #[arg(long)]
    pub org: i64,
    /// The user's e-mail address, their login.
    #[arg(long)]
    pub email: String,
    /// A display name (the e-mail when absent).
    #[arg(long)]
    pub name: Option<String>,
    /// What the user may do in the organization.
    #[arg(long, value_enum)]
    pub role: UserRoleArg,
    /// Read the user's login password (at least 12 characters) from the
    /// first line of standard input, so it appears in no process listing.
    #[arg(long)]
    pub password_stdin: bool,
    /// The database: `sqlite://PATH` or `postgres://…`.
    #[arg(long, default_value = "sqlite://raci.db")]
    pub database: String,
}

#[derive(Args, Debug)]
pub struct TokenArgs {
    /// The id of the user the token acts as.
    #[arg(long)]
    pub user: i64,
    /// Days until the token expires (never when absent).
    #[arg(long)]
    pub days: Option<u32>,
    /// The database: `sqlite://PATH` or `postgres://…`.
    #[arg(long, default_value = "sqlite://raci.db")]
    pub database: String,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKindArg {
    Provider,
    Customer,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserRoleArg {
    Admin,
    Member,
    Auditor,
}

/// `raci remote`: where the server is, who calls it, and how answers are shown.
#[derive(Args, Debug)]
pub struct RemoteArgs {
    /// The server's base URL.
    #[arg(
        long,
        env = "RACI_SERVER",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub server: String,
    /// An API token (`raci admin token`); never printed.
    #[arg(long, env = "RACI_TOKEN", hide_env_values = true, global = true)]
    pub token: Option<String>,
    /// `human` (tables for lists) or `json` (the server's JSON as it came).
    #[arg(long, short, value_enum, default_value_t = RemoteFormat::Human, global = true)]
    pub format: RemoteFormat,
    #[command(subcommand)]
    pub command: RemoteCommand,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemoteFormat {
    Human,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum RemoteCommand {
    /// List the services: a provider's own, or the whole catalog for a customer.
    Services,
    /// Manage one service.
    #[command(subcommand)]
    Service(RemoteServiceCommand),
    /// Publish a matrix file as the next edition of a service.
    Publish(RemotePublishArgs),
    /// Subscribe the caller's organization to a service's latest edition.
    Subscribe {
        /// The service's id.
        service: i64,
    },
    /// List the subscriptions the caller may see.
    Subscriptions,
    /// List the duties of a subscription.
    Duties {
        /// The subscription's id.
        subscription: i64,
        /// Only the duties in this state (open, in_progress, awaiting_consultation,
        /// awaiting_signoff, done, not_applicable).
        #[arg(long)]
        state: Option<String>,
    },
    /// Show one duty.
    Duty {
        /// The duty's id.
        id: i64,
    },
    /// Move a duty to `in_progress` or `not_applicable` (the flow's other steps: `do`).
    Transition {
        /// The duty's id.
        duty: i64,
        /// The state to move to.
        #[arg(long)]
        to: String,
        /// Why (required for `not_applicable`).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Take a workflow step on a duty (`POST /duties/ID/STEP`): `start`, `evidence`,
    /// `submit`, `consultations/CID/answer`, `signoff`, `not-applicable`.
    Do {
        /// The duty's id.
        duty: i64,
        /// The step: path segments of lowercase letters, digits and `-`.
        step: String,
        /// The request body, a JSON object (`{}` when absent).
        #[arg(long)]
        json: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum RemoteServiceCommand {
    /// Create a service of the caller's provider organization.
    Create {
        /// Lowercase letters, digits and `-`.
        slug: String,
        /// The service's name as customers see it.
        name: String,
    },
}

#[derive(Args, Debug)]
pub struct RemotePublishArgs {
    /// The matrix, in any format raci reads.
    pub file: PathBuf,
    /// The service's id.
    #[arg(long)]
    pub service: i64,
    /// Read the file as this format instead of letting the server detect it
    /// (markdown, html, web-text, glued-text, json, yaml, csv, xlsx).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
    /// Publish despite error-level lint findings.
    #[arg(long)]
    pub force: bool,
}

/// `raci admin` commands moving organizations between instances and purging them.
#[derive(Subcommand, Debug)]
pub enum TenancyAdminCommand {
    /// Import an organization's export archive (`GET /api/v1/organization/export`)
    /// into this instance, with new ids; print the new organization's id.
    Import(ImportArgs),
    /// Delete an organization and everything it owns; print the signed destruction record.
    PurgeOrg(PurgeOrgArgs),
    /// Print every destruction record this instance keeps, as JSON.
    DestructionRecords(DatabaseArg),
    /// Check the signature of a destruction record (the JSON a purge printed or answered).
    VerifyDestruction(VerifyDestructionArgs),
}

#[derive(Args, Debug)]
pub struct DatabaseArg {
    /// The database: `sqlite://PATH` or `postgres://…`.
    #[arg(long, default_value = "sqlite://raci.db")]
    pub database: String,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The `.tar.gz` archive an export produced.
    pub archive: PathBuf,
    #[command(flatten)]
    pub db: DatabaseArg,
}

#[derive(Args, Debug)]
pub struct PurgeOrgArgs {
    /// The id of the organization to purge.
    pub id: i64,
    #[command(flatten)]
    pub db: DatabaseArg,
}

#[derive(Args, Debug)]
pub struct VerifyDestructionArgs {
    /// A JSON file with `record_json`, `signature` and `public_key`.
    pub file: PathBuf,
    /// The instance's public key (hex) to check against, instead of the one in the file.
    #[arg(long, conflicts_with = "database")]
    pub public_key: Option<String>,
    /// Check against the key of the instance on this database.
    #[arg(long)]
    pub database: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Check every organization's audit chain (or one); exit 1 when one is broken.
    Verify(AuditVerifyArgs),
}

#[derive(Args, Debug)]
pub struct AuditVerifyArgs {
    /// The database: `sqlite://PATH` or `postgres://…`.
    #[arg(long, default_value = "sqlite://raci.db")]
    pub database: String,
    /// Only this organization.
    #[arg(long)]
    pub org: Option<i64>,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = AuditFormat::Human)]
    pub format: AuditFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditFormat {
    Human,
    Json,
}

#[derive(Args, Debug)]
pub struct ControlsArgs {
    /// A matrix in any format raci reads (`-` for standard input), or a
    /// FedRAMP CIS/CRM or CAIQ workbook raci wrote.
    pub file: PathBuf,
    /// The control framework (default: NIST SP 800-53; a workbook's own).
    #[arg(long, value_enum)]
    pub framework: Option<FrameworkArg>,
    /// How to print the result.
    #[arg(long, short, value_enum, default_value_t = ControlsFormat::Human)]
    pub format: ControlsFormat,
    /// Read the input as this format instead of detecting it
    /// (markdown, html, web-text, glued-text, json, yaml, csv, xlsx).
    #[arg(long)]
    pub input_format: Option<InputFormat>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameworkArg {
    /// NIST SP 800-53 rev5.
    #[value(name = "nist-800-53")]
    Nist80053,
    /// CSA Cloud Controls Matrix v4.
    Ccm,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ControlsFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Args, Debug)]
pub struct OscalInheritArgs {
    /// The leveraged system's security plan (JSON), as `raci convert --to oscal-ssp` writes it.
    pub file: PathBuf,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The `import-profile` href of the new plan (default: the leveraged plan's).
    #[arg(long, value_name = "HREF")]
    pub profile: Option<String>,
    /// How the new plan links to the leveraged one (default: FILE as given).
    #[arg(long, value_name = "HREF")]
    pub leveraged_href: Option<String>,
    /// The name of the leveraging system.
    #[arg(long)]
    pub system_name: Option<String>,
}
