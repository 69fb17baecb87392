//! A minimal SMTP server on loopback that offers `AUTH PLAIN` and `AUTH
//! LOGIN`, takes every mail and records what each client sent to
//! authenticate: enough to make `raci serve --smtp` really use its
//! password, so that a test can look for it where it must not be.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

pub struct SmtpPeer {
    pub port: u16,
    /// The lines each client sent in its AUTH exchanges.
    auth: Arc<Mutex<Vec<String>>>,
    /// How many mails were taken.
    mails: Arc<Mutex<usize>>,
}

impl SmtpPeer {
    pub fn start() -> SmtpPeer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let auth = Arc::new(Mutex::new(Vec::new()));
        let mails = Arc::new(Mutex::new(0));
        let (a, m) = (auth.clone(), mails.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (a, m) = (a.clone(), m.clone());
                std::thread::spawn(move || {
                    let _ = converse(stream, &a, &m);
                });
            }
        });
        SmtpPeer { port, auth, mails }
    }

    pub fn auth_lines(&self) -> Vec<String> {
        self.auth.lock().unwrap().clone()
    }

    pub fn mails(&self) -> usize {
        *self.mails.lock().unwrap()
    }
}

fn converse(
    stream: TcpStream,
    auth: &Mutex<Vec<String>>,
    mails: &Mutex<usize>,
) -> std::io::Result<()> {
    let mut out = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    let mut line = String::new();
    let mut read = |line: &mut String| -> std::io::Result<bool> {
        line.clear();
        Ok(lines.read_line(line)? > 0)
    };
    out.write_all(b"220 peer ESMTP\r\n")?;
    while read(&mut line)? {
        let command = line.trim_end().to_owned();
        let verb = command
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" | "HELO" => {
                out.write_all(b"250-peer\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n")?
            }
            "AUTH" => {
                auth.lock().unwrap().push(command.clone());
                let mechanism = command
                    .split(' ')
                    .nth(1)
                    .unwrap_or_default()
                    .to_ascii_uppercase();
                let arguments = command.split(' ').count();
                // The client sends what the mechanism asks for, each on its own line.
                let prompts: &[&[u8]] = match (mechanism.as_str(), arguments) {
                    ("LOGIN", 2) => &[b"334 VXNlcm5hbWU6\r\n", b"334 UGFzc3dvcmQ6\r\n"],
                    ("LOGIN", _) => &[b"334 UGFzc3dvcmQ6\r\n"],
                    ("PLAIN", 2) => &[b"334 \r\n"],
                    _ => &[],
                };
                for prompt in prompts {
                    out.write_all(prompt)?;
                    if !read(&mut line)? {
                        return Ok(());
                    }
                    auth.lock().unwrap().push(line.trim_end().to_owned());
                }
                out.write_all(b"235 2.7.0 authenticated\r\n")?;
            }
            "DATA" => {
                out.write_all(b"354 go on\r\n")?;
                while read(&mut line)? && line.trim_end() != "." {}
                *mails.lock().unwrap() += 1;
                out.write_all(b"250 2.0.0 queued\r\n")?;
            }
            "QUIT" => {
                out.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"250 ok\r\n")?,
        }
    }
    Ok(())
}
