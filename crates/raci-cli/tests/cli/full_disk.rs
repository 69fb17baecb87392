//! SQLite on a disk that fills up under a running `raci serve`: a write
//! that finds no space is answered 503 saying the disk is full (never a
//! 500, nothing half-written), reads go on, and once space is freed writes
//! succeed again with every acknowledged one there and the chains intact.
//!
//! The disk is a small tmpfs the test mounts; where it may not mount one
//! (not root, no mount permission) it says so and skips.

#![allow(clippy::print_stderr)] // a skip and the figures are said

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use reqwest::Method;
use serde_json::json;

use crate::live::{call, member, verify_audit, Server};

/// A tmpfs of `size` mounted on a temporary directory, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .output()
            .ok()?;
        if !mounted.status.success() {
            eprintln!(
                "skipped: cannot mount a small file system here ({})",
                String::from_utf8_lossy(&mounted.stderr).trim()
            );
            return None;
        }
        Some(SmallDisk { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).output();
    }
}

/// Fills the disk's free space with one file; gives its path.
fn fill(disk: &SmallDisk) -> PathBuf {
    let path = disk.path().join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    for size in [1 << 20, 1 << 12, 1] {
        let chunk = vec![0_u8; size];
        while file.write_all(&chunk).and_then(|()| file.flush()).is_ok() {}
    }
    path
}

#[test]
fn a_full_disk_refuses_writes_clearly_and_they_resume_when_space_returns() {
    let Some(disk) = SmallDisk::mount("48m") else {
        return;
    };
    let database = format!("sqlite://{}", disk.path().join("raci.db").display());
    let provider = member(&database, "Nimbus", "provider");
    let customer = member(&database, "Acme", "customer");
    let server = Server::start(&database);
    let http = crate::live::client();
    let base = server.base.clone();
    let api = |method: Method, path: &str, token: &str, body: Option<&serde_json::Value>| {
        call(&http, method, &format!("{base}/api/v1{path}"), token, body).unwrap()
    };

    let (_, service) = api(
        Method::POST,
        "/services",
        &provider.token,
        Some(&json!({"slug": "k8s", "name": "Managed Kubernetes"})),
    );
    let published = http
        .post(format!(
            "{base}/api/v1/services/{}/editions?force=true",
            service["id"]
        ))
        .bearer_auth(&provider.token)
        .body(std::fs::read(crate::live::matrix()).unwrap())
        .send()
        .unwrap();
    assert_eq!(published.status().as_u16(), 201);
    let (_, sub) = api(
        Method::POST,
        "/subscriptions",
        &customer.token,
        Some(&json!({"service": service["id"]})),
    );
    let (_, duties) = api(
        Method::GET,
        &format!("/subscriptions/{}/duties", sub["id"]),
        &customer.token,
        None,
    );
    let duty = crate::live::customer_r_duties(&duties)[0];
    let (status, _) = api(
        Method::POST,
        &format!("/duties/{duty}/start"),
        &customer.token,
        Some(&json!({})),
    );
    assert_eq!(status, 200);

    let filler = fill(&disk);
    // Each evidence is 32 KiB of text: the journal must grow, and cannot.
    let text = "disk ".repeat(32 * 1024 / 5);
    let mut acknowledged = Vec::new();
    let mut refusal = None;
    for _ in 0..400 {
        let (status, body) = api(
            Method::POST,
            &format!("/duties/{duty}/evidence"),
            &customer.token,
            Some(&json!({"kind": "text", "text": text})),
        );
        match status {
            201 => acknowledged.push(body["id"].as_i64().unwrap()),
            503 => {
                refusal = Some(body);
                break;
            }
            other => panic!("evidence on a full disk answered {other}: {body}"),
        }
    }
    let refusal = refusal.expect("400 evidence of 32 KiB fitted on a full disk");
    assert_eq!(refusal["error"]["code"], "unavailable", "{refusal}");
    assert!(
        refusal["error"]["message"]
            .as_str()
            .unwrap()
            .contains("disk is full"),
        "{refusal}"
    );
    // Reads go on.
    let (status, _) = api(
        Method::GET,
        &format!("/duties/{duty}/evidence"),
        &customer.token,
        None,
    );
    assert_eq!(status, 200);

    // More refused writes, each on whatever connection the pool gives:
    // none may leave its connection unable to serve once space is back.
    for _ in 0..8 {
        let (status, body) = api(
            Method::POST,
            &format!("/duties/{duty}/evidence"),
            &customer.token,
            Some(&json!({"kind": "text", "text": text})),
        );
        assert_eq!(status, 503, "{body}");
    }

    std::fs::remove_file(filler).unwrap();
    for n in 0..16 {
        let (status, body) = api(
            Method::POST,
            &format!("/duties/{duty}/evidence"),
            &customer.token,
            Some(&json!({"kind": "text", "text": format!("space is back {n}")})),
        );
        assert_eq!(
            status,
            201,
            "write {n} after space returned: {body}\n{}",
            server.log_text()
        );
        acknowledged.push(body["id"].as_i64().unwrap());
    }

    let (_, listed) = api(
        Method::GET,
        &format!("/duties/{duty}/evidence"),
        &customer.token,
        None,
    );
    let listed = listed.to_string();
    for id in &acknowledged {
        assert!(
            listed.contains(&format!("\"id\":{id}")),
            "evidence {id} lost"
        );
    }
    drop(server);
    verify_audit(&database);
    eprintln!(
        "full disk: {} evidence acknowledged before the first refusal, 9 refused, 16 after \
         space returned, none lost",
        acknowledged.len() - 16
    );
}
