//! What the tests of a running `raci serve` share: starting the real binary
//! on a free port, bootstrapping organizations through `raci admin`, a fresh
//! PostgreSQL database when `RACI_TEST_POSTGRES_URL` is set, plain HTTP
//! calls, and checking every organization's audit chain after the fact.

#![allow(dead_code, clippy::print_stderr)] // each test file uses some of these

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub fn raci() -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("raci"));
    command.env("NO_COLOR", "1");
    command.env_remove("RACI_TOKEN").env_remove("RACI_SERVER");
    command
}

/// A `raci serve` child process, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    pub database: String,
    log: PathBuf,
    _logdir: tempfile::TempDir,
}

impl Server {
    /// Starts `raci serve` on `database` and waits until it answers /api/v1/health.
    pub fn start(database: &str) -> Server {
        Server::start_with(database, &[], &[])
    }

    /// Starts `raci serve` on `database` with more arguments and environment
    /// variables (`RUST_LOG`), and waits until it answers /api/v1/health.
    pub fn start_with(database: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let logdir = tempfile::tempdir().unwrap();
        let log = logdir.path().join("serve.log");
        // `--listen 127.0.0.1:0` would not tell us the port: take a free one.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = raci()
            .args(["serve", "--database", database])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            database: database.to_owned(),
            log,
            _logdir: logdir,
        };
        server.wait_healthy();
        server
    }

    fn wait_healthy(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = client();
        loop {
            if let Ok(r) = client.get(format!("{}/api/v1/health", self.base)).send() {
                if r.status().is_success() {
                    return;
                }
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("raci serve exited with {status}: {}", self.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "raci serve did not answer within 30 s: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: no graceful shutdown, no chance to flush anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// One JSON call; the status and the body (`Null` when not JSON).
pub fn call(
    client: &reqwest::blocking::Client,
    method: reqwest::Method,
    url: &str,
    token: &str,
    body: Option<&Value>,
) -> reqwest::Result<(u16, Value)> {
    let mut request = client.request(method, url).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send()?;
    let status = response.status().as_u16();
    let body = response.json().unwrap_or(Value::Null);
    Ok((status, body))
}

/// `raci admin ARGS --database DATABASE`, its trimmed output.
pub fn admin(database: &str, args: &[&str]) -> String {
    let out = raci()
        .arg("admin")
        .args(args)
        .args(["--database", database])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "raci admin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// An organization with one admin user and that user's token.
pub struct Member {
    pub org: i64,
    pub token: String,
}

pub fn member(database: &str, name: &str, kind: &str) -> Member {
    let org = admin(database, &["create-org", name, "--kind", kind]);
    let email = format!("admin@{}.test", name.to_lowercase().replace(' ', "-"));
    let user = admin(
        database,
        &[
            "create-user",
            "--org",
            &org,
            "--email",
            &email,
            "--role",
            "admin",
        ],
    );
    let token = admin(database, &["token", "--user", &user, "--days", "1"]);
    Member {
        org: org.parse().unwrap(),
        token,
    }
}

/// A SQLite database URL in a new temporary directory (kept alive by the guard).
pub fn sqlite() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("raci.db").display());
    (dir, url)
}

/// A fresh database on the server `RACI_TEST_POSTGRES_URL` names, or `None`
/// (said on stderr) when it is not set.
pub fn postgres() -> Option<String> {
    runtime()
        .block_on(raci_store::test_support::fresh_database("postgres"))
        .map(|(url, _)| url)
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Checks every organization's audit chain, through `raci audit verify`
/// when the binary has it, and through the store in any case; gives the
/// number of organizations checked.
pub fn verify_audit(database: &str) -> usize {
    let has_audit = raci()
        .args(["audit", "verify", "--help"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_audit {
        let out = raci()
            .args(["audit", "verify", "--database", database])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "raci audit verify: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        eprintln!("note: no `raci audit verify` yet; verifying through the store only");
    }
    runtime().block_on(async {
        let store = raci_store::open(database).await.unwrap();
        let app = raci_app::App::new(store, raci_app::AppConfig::default());
        let orgs = app.organizations().await.unwrap();
        for org in &orgs {
            let report = app.chain_report(org.id).await.unwrap();
            assert!(
                report.ok,
                "audit chain of org {}: {:?}",
                org.id, report.broken
            );
        }
        orgs.len()
    })
}

/// The OVHcloud Managed Kubernetes seed in French from the shared corpus,
/// or the queue-service fixture (said on stderr) when the corpus is absent.
pub fn matrix() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = root.join("../shared/corpus/seeds");
    let seed = seeds.join("001_1fbdc8fd02dcdf31.txt");
    let found = seed.is_file().then_some(seed);
    found.unwrap_or_else(|| {
        eprintln!(
            "note: no OVHcloud Managed Kubernetes seed under {}; using the queue-service fixture",
            seeds.display()
        );
        root.join("tests/fixtures/queue-service.fr.md")
    })
}

/// The ids of the duties (a JSON list of them) whose customer column holds
/// R: those the customer's admin may start and attach evidence to.
pub fn customer_r_duties(duties: &Value) -> Vec<i64> {
    duties
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["roles"]
                .as_object()
                .unwrap()
                .iter()
                .any(|(party, letters)| {
                    raci_model::is_customer(party) && letters.as_str().unwrap_or("").contains('R')
                })
        })
        .filter_map(|d| d["id"].as_i64())
        .collect()
}
