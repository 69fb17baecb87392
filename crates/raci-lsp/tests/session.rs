//! A whole editing session with the server over an in-memory connection:
//! open a page, see its findings, edit a cell and see them change, apply a
//! code action, fix all, format, hover; the `raci.toml` above the file rules.
//! (CI also drives `raci lsp` with a real client: `scripts/lsp-client-test.py`.)

use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const PAGE: &str = "\
# Managed Queue - Responsibility model

## 1. Running the service

| Activity | Customer | Provider |
| --- | --- | --- |
| Pick the region | RA | I |
| Rotate the keys | A | IR |
| Test the restoration | RA | RA |
";

struct Client {
    connection: Connection,
    next_id: i32,
    server: Option<std::thread::JoinHandle<anyhow::Result<()>>>,
}

impl Client {
    fn start() -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = std::thread::spawn(move || raci_lsp::serve(server_side));
        let mut client = Client {
            connection: client_side,
            next_id: 0,
            server: Some(server),
        };
        let answer = client.request("initialize", json!({"capabilities": {}}));
        assert_eq!(answer["capabilities"]["hoverProvider"], true, "{answer}");
        client.notify("initialized", json!({}));
        client
    }

    fn receive(&self) -> Message {
        self.connection
            .receiver
            .recv_timeout(Duration::from_secs(30))
            .expect("the server answers within 30 s")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.connection
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.into(),
                params,
            )))
            .unwrap();
        loop {
            if let Message::Response(response) = self.receive() {
                assert_eq!(response.id, id);
                assert!(response.error.is_none(), "{:?}", response.error);
                return response.result.unwrap_or(Value::Null);
            }
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.connection
            .sender
            .send(Message::Notification(Notification::new(
                method.into(),
                params,
            )))
            .unwrap();
    }

    /// The next diagnostics published.
    fn diagnostics(&self) -> Vec<Value> {
        loop {
            if let Message::Notification(notification) = self.receive() {
                if notification.method == "textDocument/publishDiagnostics" {
                    return notification.params["diagnostics"]
                        .as_array()
                        .unwrap()
                        .clone();
                }
            }
        }
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let server = self.server.take().unwrap();
        server.join().unwrap().unwrap();
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// Applies the edits of a `WorkspaceEdit` for `uri` to `text` (positions in
/// UTF-16 units; this page is ASCII).
fn apply(text: &str, edit: &Value, uri: &str) -> String {
    let mut edits: Vec<&Value> = edit["changes"][uri].as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| {
        (
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        )
    });
    let lines: Vec<&str> = text.split('\n').collect();
    let offset = |position: &Value| -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        lines[..line].iter().map(|l| l.len() + 1).sum::<usize>() + character
    };
    let mut out = text.to_owned();
    for e in edits.iter().rev() {
        let (start, end) = (offset(&e["range"]["start"]), offset(&e["range"]["end"]));
        out.replace_range(start..end.min(out.len()), e["newText"].as_str().unwrap());
    }
    out
}

#[test]
fn an_editing_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.md");
    std::fs::write(&path, PAGE).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut client = Client::start();

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": PAGE}}),
    );
    let found = client.diagnostics();
    assert_eq!(
        codes(&found),
        ["RACI005", "RACI006", "RACI002"],
        "{found:#?}"
    );
    let order = &found[0];
    assert_eq!(order["range"]["start"], json!({"line": 7, "character": 24}));
    assert_eq!(order["range"]["end"], json!({"line": 7, "character": 26}));
    assert_eq!(order["source"], "raci");
    assert!(order["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with("docs/rules/non-canonical-letter-order.md"));

    // Editing the cell changes the findings.
    let edited = PAGE.replace("| A | IR |", "| A | RI |");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": edited}]}),
    );
    let found = client.diagnostics();
    assert_eq!(codes(&found), ["RACI006", "RACI002"], "{found:#?}");

    // The code action of the redundant I, applied, clears it.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": found[0]["range"], "context": {"diagnostics": [found[0]]}}),
    );
    let actions = actions.as_array().unwrap();
    let drop_i = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("drop the I of `Provider`")
        })
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(drop_i["kind"], "quickfix");
    assert_eq!(drop_i["isPreferred"], true);
    assert!(actions
        .iter()
        .any(|a| a["title"].as_str().unwrap().starts_with("Ignore RACI006")));
    assert!(actions.iter().any(|a| a["kind"] == "source.fixAll.raci"));
    let fixed = apply(&edited, &drop_i["edit"], &uri);
    assert!(fixed.contains("| Rotate the keys | A | R |"), "{fixed}");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(codes(&client.diagnostics()), ["RACI002"]);

    // The unsafe fix of the two A is offered, marked, not preferred.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 8, "character": 2}, "end": {"line": 8, "character": 2}}, "context": {"diagnostics": []}}),
    );
    let two_a = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("unsafe"))
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(two_a["isPreferred"], false);

    // Hover on a role cell: every party's letters and their meaning.
    let card = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 20}}),
    );
    let text = card["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**Pick the region**"), "{text}");
    assert!(
        text.contains("| Customer | `RA` | R Responsible: does the work; A Accountable"),
        "{text}"
    );
    assert!(text.contains("| Provider | `I` | I Informed"), "{text}");
    // Hover on a finding: its rule's explanation.
    let card = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 8, "character": 5}}),
    );
    let text = card["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("RACI002") && text.contains("## Why is this bad?"),
        "{text}"
    );

    // Formatting aligns the table as `raci fmt` does.
    let edits = client.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let formatted = edits[0]["newText"].as_str().unwrap();
    assert!(
        formatted.contains("| Pick the region      | RA       | I        |"),
        "{formatted}"
    );

    // A raci.toml beside the page turns a rule off once it is saved.
    let config = dir.path().join("raci.toml");
    std::fs::write(&config, "ignore = [\"RACI002\"]\n").unwrap();
    let config_uri = url::Url::from_file_path(&config).unwrap().to_string();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    assert!(codes(&client.diagnostics()).is_empty());

    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(client.diagnostics().is_empty());
    client.stop();
}

#[test]
fn other_formats_and_broken_configurations_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("raci.toml"), "selct = 1\n").unwrap();
    let csv = "activity,Customer,Provider\nPick the region,RA,I\nRotate the keys,A,IR\n";
    let path = dir.path().join("matrix.csv");
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut client = Client::start();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "csv", "version": 1, "text": csv}}),
    );
    let found = client.diagnostics();
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown key `selct`"),
        "{found:#?}"
    );
    assert!(codes(&found).contains(&"RACI005".to_owned()), "{found:#?}");
    // A request the server does not know gets an error, not a crash.
    client.next_id += 1;
    client
        .connection
        .sender
        .send(Message::Request(Request::new(
            RequestId::from(client.next_id),
            "textDocument/rename".into(),
            json!({}),
        )))
        .unwrap();
    loop {
        if let Message::Response(response) = client.receive() {
            assert!(response.error.is_some());
            break;
        }
    }
    client.stop();
}
