//! PostgreSQL stopped under a loaded `raci serve`, then started again: while
//! it is away every request is answered 503 with `Retry-After` (never a
//! 500, never a request held until the client gives up), most of them at
//! once; once it is back the server serves again by itself, and every
//! write it acknowledged is there with every chain verifying.
//!
//! The test runs a cluster of its own (scripts/pg-cluster.sh), so that
//! stopping it disturbs no other test; it is skipped (said on stderr) where
//! the tests run without PostgreSQL (no `RACI_TEST_POSTGRES_URL`).

#![allow(clippy::print_stderr)] // the figures are the test's report

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::json;

use crate::live::{member, verify_audit, Server};

/// A PostgreSQL cluster in a temporary directory, stopped when dropped.
struct Cluster {
    dir: tempfile::TempDir,
    port: u16,
}

impl Cluster {
    fn script() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-cluster.sh")
    }

    fn run(&self, args: &[&str]) {
        let out = Command::new("bash")
            .arg(Cluster::script())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg-cluster.sh {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn init() -> Cluster {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Cluster {
            dir: tempfile::tempdir().unwrap(),
            port,
        };
        cluster.run(&["init", &cluster.path(), &port.to_string()]);
        cluster
    }

    fn path(&self) -> String {
        self.dir.path().display().to_string()
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn stop(&self) {
        self.run(&["stop", &self.path()]);
    }

    fn start(&self) {
        self.run(&["start", &self.path(), &self.port.to_string()]);
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(Cluster::script())
            .args(["stop", &self.path()])
            .output();
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Up = 0,
    Down = 1,
    Back = 2,
}

/// One answer (or failure to get one) seen by a client.
struct Seen {
    phase: Phase,
    /// The HTTP status, or `None` when no answer came (timeout, reset).
    status: Option<u16>,
    retry_after: bool,
    took: Duration,
    at: Instant,
    /// The slug of a service whose creation was acknowledged.
    created: Option<String>,
}

fn phase_of(v: u8) -> Phase {
    match v {
        0 => Phase::Up,
        1 => Phase::Down,
        _ => Phase::Back,
    }
}

#[test]
fn postgres_stopped_under_load_is_answered_503_at_once_and_the_server_recovers() {
    if std::env::var_os("RACI_TEST_POSTGRES_URL").is_none() {
        eprintln!("skipped: no PostgreSQL here (run under scripts/with-postgres.sh)");
        return;
    }
    let cluster = Cluster::init();
    let database = cluster.url();
    let provider = member(&database, "Nimbus", "provider");
    let server = Server::start(&database);

    let phase = Arc::new(AtomicU8::new(Phase::Up as u8));
    let done = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Vec::<Seen>::new()));
    let clients: Vec<_> = (0..4)
        .map(|n| {
            let (phase, done, seen) = (phase.clone(), done.clone(), seen.clone());
            let (base, token) = (server.base.clone(), provider.token.clone());
            std::thread::spawn(move || {
                // Past any wait the server may impose: a hang shows as no answer.
                let client = reqwest::blocking::Client::builder()
                    .timeout(Duration::from_secs(15))
                    .build()
                    .unwrap();
                let mut i = 0;
                while !done.load(Ordering::Relaxed) {
                    i += 1;
                    let now = phase_of(phase.load(Ordering::Relaxed));
                    // Two clients read, two write (each write an audit entry).
                    let slug = format!("svc-{n}-{i}");
                    let request = if n % 2 == 0 {
                        client.request(Method::GET, format!("{base}/api/v1/services"))
                    } else {
                        client
                            .request(Method::POST, format!("{base}/api/v1/services"))
                            .json(&json!({"slug": slug, "name": "Queue"}))
                    };
                    let start = Instant::now();
                    let answer = request.bearer_auth(&token).send();
                    let took = start.elapsed();
                    let (status, retry_after) = match &answer {
                        Ok(r) => (
                            Some(r.status().as_u16()),
                            r.headers().contains_key("retry-after"),
                        ),
                        Err(_) => (None, false),
                    };
                    let created = (n % 2 == 1 && status == Some(201)).then_some(slug);
                    seen.lock().unwrap().push(Seen {
                        phase: now,
                        status,
                        retry_after,
                        took,
                        at: Instant::now(),
                        created,
                    });
                    if status == Some(503) {
                        // A client honouring Retry-After would wait; a short
                        // pause keeps the load on without spinning.
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            })
        })
        .collect();

    std::thread::sleep(Duration::from_secs(2));
    phase.store(Phase::Down as u8, Ordering::Relaxed);
    cluster.stop();
    let stopped = Instant::now();
    std::thread::sleep(Duration::from_secs(5));
    phase.store(Phase::Back as u8, Ordering::Relaxed);
    cluster.start();
    let started = Instant::now();
    // Until two seconds of answers all succeeded, or 30 s.
    let deadline = started + Duration::from_secs(30);
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let seen = seen.lock().unwrap();
        let recent: Vec<_> = seen
            .iter()
            .filter(|s| s.phase == Phase::Back && s.at.elapsed() < Duration::from_secs(2))
            .collect();
        let healthy = started.elapsed() > Duration::from_secs(2)
            && !recent.is_empty()
            && recent.iter().all(|s| s.status.is_some_and(|c| c < 300));
        if healthy || Instant::now() > deadline {
            break;
        }
    }
    done.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().unwrap();
    }

    let seen = seen.lock().unwrap();
    for s in seen.iter() {
        let status = s
            .status
            .unwrap_or_else(|| panic!("a request got no answer in {:?} ({:?})", s.took, s.phase));
        assert!(
            status < 300 || status == 503,
            "answered {status} while the database was {:?}: {}",
            s.phase,
            server.log_text()
        );
        assert!(status != 503 || s.retry_after, "a 503 without Retry-After");
    }
    let down: Vec<_> = seen
        .iter()
        .filter(|s| s.phase == Phase::Down && s.status == Some(503))
        .collect();
    assert!(
        !down.is_empty(),
        "no request was refused while the database was down"
    );
    let at_once = down
        .iter()
        .filter(|s| s.took < Duration::from_millis(100))
        .count();
    let slowest = down.iter().map(|s| s.took).max().unwrap_or_default();
    // The pool's acquire timeout bounds the first requests after the stop;
    // the breaker answers the others at once.
    assert!(
        slowest < Duration::from_secs(6),
        "a request waited {slowest:?}"
    );
    assert!(
        at_once * 2 > down.len(),
        "only {at_once} of {} refusals were immediate",
        down.len()
    );
    let first_success = seen
        .iter()
        .filter(|s| s.phase == Phase::Back && s.status.is_some_and(|c| c < 300))
        .map(|s| s.at)
        .min()
        .expect("the server never served again after the database came back");
    let recent_failures = seen
        .iter()
        .filter(|s| s.phase == Phase::Back && s.at.elapsed() < Duration::from_secs(1))
        .filter(|s| s.status != Some(200) && s.status != Some(201))
        .count();
    assert_eq!(
        recent_failures, 0,
        "still failing after the database came back"
    );

    // Every acknowledged creation is there; the chain verifies.
    let created: Vec<&str> = seen.iter().filter_map(|s| s.created.as_deref()).collect();
    let (status, services) = crate::live::call(
        &crate::live::client(),
        Method::GET,
        &format!("{}/api/v1/services", server.base),
        &provider.token,
        None,
    )
    .unwrap();
    assert_eq!(status, 200);
    let listed = services.to_string();
    for slug in &created {
        assert!(listed.contains(&format!("\"{slug}\"")), "{slug} was lost");
    }
    drop(server);
    verify_audit(&database);

    let count = |p: Phase| seen.iter().filter(|s| s.phase == p).count();
    eprintln!(
        "postgres outage: {} answers before, {} during ({} refused with 503, {at_once} within 100 ms, \
         slowest {slowest:?}), {} after; served again {:?} after the restart (down {:?}); \
         {} creations acknowledged, none lost",
        count(Phase::Up),
        count(Phase::Down),
        down.len(),
        count(Phase::Back),
        first_success.saturating_duration_since(started),
        started.saturating_duration_since(stopped),
        created.len(),
    );
}
