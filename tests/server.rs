//! `scimlint server` as an editor drives it: the built binary over JSON-RPC on stdio, framed by
//! hand (`Content-Length`), through initialize, didOpen, diagnostics with UTF-16 ranges, a quick
//! fix applied as the editor applies it, a hover, a config change, shutdown and exit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
}

impl Drop for Client {
    /// A failed test must not leave a server waiting for its client.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Reads `Content-Length`-framed messages until the stream ends.
fn read_messages(stdout: impl Read, sender: std::sync::mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = Some(value.parse::<usize>().unwrap());
            }
        }
        let mut body = vec![0; length.expect("a Content-Length header")];
        reader.read_exact(&mut body).unwrap();
        if sender.send(serde_json::from_slice(&body).expect("a JSON body")).is_err() {
            return;
        }
    }
}

impl Client {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("scimlint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || read_messages(stdout, sender));
        Self { child, stdin, incoming, pending: Vec::new(), next_id: 1 }
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message from the server; its own requests (registerCapability) are answered.
    fn receive(&mut self, deadline: Instant) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {TIMEOUT:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            return message;
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline);
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.pending.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let is_ours =
            |message: &Value| message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri;
        if let Some(at) = self.pending.iter().position(is_ours) {
            return self.pending.remove(at)["params"]["diagnostics"].as_array().unwrap().clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline);
            if is_ours(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.pending.push(message);
        }
    }
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`, as an editor computes it.
fn offset(text: &str, position: &Value) -> usize {
    let line = usize::try_from(position["line"].as_u64().unwrap()).unwrap();
    let character = usize::try_from(position["character"].as_u64().unwrap()).unwrap();
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (at, c) in text[start..].char_indices() {
        if units >= character {
            return start + at;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// Applies the edits of one file of a workspace edit, last first.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            let range = &edit["range"];
            (offset(text, &range["start"]), offset(text, &range["end"]), edit["newText"].as_str().unwrap())
        })
        .collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    let mut text = text.to_owned();
    for (start, end, new) in edits {
        text.replace_range(start..end, new);
    }
    text
}

/// A mapping whose line 3 holds characters outside the Basic Multilingual Plane (two UTF-16
/// units each) before a misspelt attribute with a safe fix; line 4 has one with an unsafe fix.
const FAULTY: &str = "{\n  \"properties\": {\n    \"department\": { \"expression\": \"\\\"😀 Ünïcode 𐍈\\\"\", \"pushStatus\": \"PUSH\" }, \"givenname\": { \"expression\": \"user.firstName\", \"pushStatus\": \"PUSH\" },\n    \"surname\": { \"expression\": \"user.lastName\", \"pushStatus\": \"PUSH\" }\n  }\n}\n";

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|diagnostic| diagnostic["code"].as_str().unwrap()).collect()
}

#[test]
fn an_editor_gets_diagnostics_fixes_and_hovers() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    std::fs::create_dir_all(root.join("okta")).unwrap();
    let path = root.join("okta/mapping.json");
    std::fs::write(&path, FAULTY).unwrap();
    // The nearest config applies: X208 (the constant department) is switched off.
    std::fs::write(root.join("scimlint.yaml"), "severity: { X208: off }\n").unwrap();
    let uri = format!("file://{}", path.display());

    let mut client = Client::start(&root);
    let capabilities = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let initialized =
        client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": capabilities}));
    assert_eq!(initialized["serverInfo"]["name"], "scimlint");
    assert_eq!(initialized["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(initialized["capabilities"]["textDocumentSync"]["change"], 1, "whole-document sync");
    client.notify("initialized", json!({}));

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": FAULTY}}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["T101", "T101"], "{diagnostics:#?}");
    let givenname = &diagnostics[0];
    // Line 3 (0-based 2): `"givenname"` starts at character 77, but 😀 and 𐍈 are two UTF-16
    // units each, so at unit 79, and ends 11 units later.
    assert_eq!(givenname["range"], json!({"start": {"line": 2, "character": 79}, "end": {"line": 2, "character": 90}}));
    let line = FAULTY.lines().nth(2).unwrap();
    let before = &line[..line.find("\"givenname\"").unwrap()];
    assert_eq!(before.encode_utf16().count(), 79, "the expected range is the one an editor computes");
    assert_eq!(givenname["severity"], 1);
    assert_eq!(givenname["source"], "scimlint");
    assert!(givenname["message"].as_str().unwrap().starts_with("`givenname` is not a Haiilo attribute"));
    assert_eq!(diagnostics[1]["range"]["start"], json!({"line": 3, "character": 4}));

    // Quick fixes at the misspelt attribute: the safe one preferred, the unsafe one marked.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": givenname["range"], "context": {"diagnostics": [givenname]}}),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions.iter().find(|action| action["kind"] == "quickfix").expect("a quick fix");
    assert_eq!(fix["title"], "Fix T101: rename to `givenName`");
    assert_eq!(fix["isPreferred"], true);
    let unsafe_actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostics[1]["range"], "context": {"diagnostics": []}}),
    );
    let unsafe_fix = &unsafe_actions.as_array().unwrap()[0];
    assert!(
        unsafe_fix["title"].as_str().unwrap().starts_with("Unsafe fix T101: rename to `familyName`"),
        "{unsafe_fix}"
    );
    assert_eq!(unsafe_fix["isPreferred"], false);

    // The editor applies the edit and sends the new text; the finding is gone, the other stays.
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply(FAULTY, edits);
    assert_eq!(fixed, FAULTY.replace("\"givenname\"", "\"givenName\""));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["T101"]);
    assert!(diagnostics[0]["message"].as_str().unwrap().starts_with("`surname`"));

    // A hover on the remaining diagnostic shows its rule's documentation.
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 6}}));
    let shown = hover["contents"]["value"].as_str().unwrap();
    let docs = scimlint::Code::T101.info().docs;
    assert!(shown.contains(docs.lines().next().unwrap()) && shown.contains("## Fix"), "{shown}");
    let nothing = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}));
    assert_eq!(nothing, Value::Null);

    // The config changes on disk: the client says so, and the document is linted again.
    std::fs::write(root.join("scimlint.yaml"), "fail_on: error\n").unwrap();
    let config_uri = format!("file://{}", root.join("scimlint.yaml").display());
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": config_uri, "type": 2}]}));
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["X208", "T101"], "X208 is back once the config no longer turns it off");

    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    let status = client.child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "shutdown then exit is a clean end");
}

#[test]
fn an_exit_without_shutdown_exits_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(dir.path());
    client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
    client.notify("initialized", json!({}));
    client.notify("exit", Value::Null);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}
