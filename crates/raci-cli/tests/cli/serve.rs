//! `raci admin` bootstraps a database and `raci serve` answers over a socket
//! bound to port 0, with the token `raci admin token` printed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use crate::live::{member, raci, sqlite};

fn request(addr: &str, path: &str, token: Option<&str>) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn admin_bootstraps_and_serve_answers() {
    let (_dir, database) = sqlite();
    let token = member(&database, "Nimbus", "provider").token;
    assert!(token.len() >= 20, "{token}");

    let mut server = raci()
        .args(["serve", "--database", &database, "--listen", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();

    let health = request(&addr, "/api/v1/health", None);
    let anonymous = request(&addr, "/api/v1/services", None);
    let listed = request(&addr, "/api/v1/services", Some(&token));
    server.kill().unwrap();
    server.wait().unwrap();

    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(anonymous.starts_with("HTTP/1.1 401"), "{anonymous}");
    assert!(listed.starts_with("HTTP/1.1 200"), "{listed}");
    assert!(listed.ends_with("[]"), "{listed}");
}

/// The mail options are checked before anything is served, each refusal
/// naming the option and what it expects.
#[test]
fn mail_options_are_refused_by_name() {
    let (_dir, database) = sqlite();
    let serve = |extra: &[&str]| {
        let out = raci()
            .args(["serve", "--database", &database, "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = serve(&["--smtp", "smtp://127.0.0.1:2525"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--mail-from"), "{err}");
    let (code, err) = serve(&["--remind-before", "7d,soon"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--remind-before") && err.contains("\"soon\""),
        "{err}"
    );
    let (code, err) = serve(&["--smtp", "gopher://h", "--mail-from", "raci@example.test"]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("--smtp gopher://h") && err.contains("smtps://"),
        "{err}"
    );
    let (code, err) = serve(&[
        "--smtp",
        "smtp://127.0.0.1:2525",
        "--mail-from",
        "not an address",
    ]);
    assert_ne!(code, Some(0));
    assert!(err.contains("--mail-from"), "{err}");
}
