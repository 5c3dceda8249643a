//! The whole workspace from the start: at `initialize` the server finds
//! every workspace under the client's folders and publishes their findings
//! before any file is opened; files created, changed and deleted on disk
//! arrive as `workspace/didChangeWatchedFiles`.

mod support;

use serde_json::{Value, json};
use support::{TempWorkspace, TestClient};

const ORG: &str = "organization \"Heil AS\" {\n    country NO\n}\n";
const SPEC: &str = "data kontakt \"Navn\"\nactivity web {\n    purpose \"Web\"\n    data kontakt kontkat\n}\n";

fn workspace() -> TempWorkspace {
    TempWorkspace::new(&[
        ("ropa.kdl", ""),
        ("org.ropa.kdl", ORG),
        ("a.ropa.kdl", SPEC),
        // A second workspace below the folder, and a nested one.
        ("other/ropa.kdl", ""),
        ("other/b.ropa.kdl", SPEC),
        ("notes/readme.txt", "not a spec"),
    ])
}

fn folder_uri(ws: &TempWorkspace) -> String {
    format!("file://{}", ws.root.display())
}

async fn initialize_on_folder(client: &mut TestClient, ws: &TempWorkspace) {
    let response = client
        .request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": folder_uri(ws),
                "workspaceFolders": [{"uri": folder_uri(ws), "name": "ws"}],
                "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
                "initializationOptions": {"debounceMs": 10},
            }),
        )
        .await;
    assert!(response.get("result").is_some(), "{response}");
    client.notify("initialized", json!({})).await;
}

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"]
        .as_array()
        .map(|d| d.iter().filter_map(|x| x["code"].as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_publishes_every_workspace_under_the_folder_before_any_open() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    initialize_on_folder(&mut client, &ws).await;
    // No file opened: each file of both workspaces gets its findings.
    for file in ["a.ropa.kdl", "other/b.ropa.kdl"] {
        let published = client.diagnostics(&ws.uri(file), None).await;
        assert!(
            codes(&published).iter().any(|c| c == "undefined-reference"),
            "{file}: {published}"
        );
        assert!(published["version"].is_null(), "{published}");
    }
    for file in ["org.ropa.kdl", "ropa.kdl", "other/ropa.kdl"] {
        client.diagnostics(&ws.uri(file), None).await;
    }
    // Workspace symbols, also before any open.
    let symbols = client.request("workspace/symbol", json!({"query": "web"})).await;
    let files: Vec<&str> = symbols["result"]
        .as_array()
        .map(|s| s.iter().filter_map(|x| x["location"]["uri"].as_str()).collect())
        .unwrap_or_default();
    assert!(files.contains(&ws.uri("a.ropa.kdl").as_str()), "{symbols}");
    assert!(files.contains(&ws.uri("other/b.ropa.kdl").as_str()), "{symbols}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_created_changed_and_deleted_on_disk_are_followed() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    initialize_on_folder(&mut client, &ws).await;
    // The server asks to watch ropa's files.
    let registration = client.wait_for(|m| m["method"] == "client/registerCapability").await;
    let globs = registration["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
    assert!(
        globs.contains("**/*.ropa.kdl") && globs.contains("**/ropa.kdl"),
        "{registration}"
    );
    client
        .send(json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}))
        .await;
    client.diagnostics(&ws.uri("a.ropa.kdl"), None).await;

    // Created: `kontkat` is declared in a new file; `a`'s finding goes.
    std::fs::write(ws.root.join("more.ropa.kdl"), "data kontkat \"Typo kept\"\n").expect("write");
    let created = json!({"changes": [{"uri": ws.uri("more.ropa.kdl"), "type": 1}]});
    client.notify("workspace/didChangeWatchedFiles", created).await;
    let after = client
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == ws.uri("a.ropa.kdl").as_str()
                && !m["params"].to_string().contains("undefined-reference")
        })
        .await;
    assert!(after["params"]["diagnostics"].is_array());

    // Changed on disk: the declaration renamed, the finding is back.
    std::fs::write(ws.root.join("more.ropa.kdl"), "data annet \"Other\"\n").expect("write");
    let changed = json!({"changes": [{"uri": ws.uri("more.ropa.kdl"), "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", changed).await;
    let back = client
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == ws.uri("a.ropa.kdl").as_str()
                && m["params"].to_string().contains("undefined-reference")
        })
        .await;
    assert!(back["params"]["diagnostics"].is_array());

    // Deleted: its diagnostics are cleared and its symbols are gone.
    std::fs::remove_file(ws.root.join("more.ropa.kdl")).expect("remove");
    let deleted = json!({"changes": [{"uri": ws.uri("more.ropa.kdl"), "type": 3}]});
    client.notify("workspace/didChangeWatchedFiles", deleted).await;
    let cleared = client
        .wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == ws.uri("more.ropa.kdl").as_str()
        })
        .await;
    let symbols = client.request("workspace/symbol", json!({"query": "annet"})).await;
    assert_eq!(symbols["result"], json!([]), "{symbols}");
    assert!(cleared["params"]["diagnostics"].is_array());

    // A new workspace: a `ropa.kdl` created in a folder with specs.
    std::fs::create_dir_all(ws.root.join("third")).expect("mkdir");
    std::fs::write(ws.root.join("third/c.ropa.kdl"), SPEC).expect("write");
    std::fs::write(ws.root.join("third/ropa.kdl"), "").expect("write");
    let new_root = json!({"changes": [{"uri": ws.uri("third/ropa.kdl"), "type": 1}]});
    client.notify("workspace/didChangeWatchedFiles", new_root).await;
    let third = client.diagnostics(&ws.uri("third/c.ropa.kdl"), None).await;
    assert!(codes(&third).iter().any(|c| c == "undefined-reference"), "{third}");
    client.shutdown().await;
}

fn hover_text(hover: &Value) -> String {
    hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_a_file_as_it_is_on_disk_keeps_its_findings_for_a_hover_at_once() {
    let ws = workspace();
    let mut client = TestClient::in_process();
    initialize_on_folder(&mut client, &ws).await;
    let uri = ws.uri("a.ropa.kdl");
    client.diagnostics(&uri, None).await;
    // The editor opens the file unchanged and hovers before any new check
    // could have run: the findings of the start-up check still fit the text.
    client.open(&uri, SPEC).await;
    let at = json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 20}});
    let hover = client.request("textDocument/hover", at.clone()).await;
    assert!(hover_text(&hover).contains("kontkat"), "{hover}");
    assert!(hover_text(&hover).contains("undefined-reference"), "{hover}");
    // Its findings are published again for the open version.
    let published = client.diagnostics(&uri, Some(1)).await;
    assert!(
        codes(&published).iter().any(|c| c == "undefined-reference"),
        "{published}"
    );
    // Near miss: opened with other text, the old findings no longer fit
    // until the new text is checked; then the hover has them again.
    let edited = SPEC.replace("kontkat", "kontakt2");
    let other = ws.uri("other/b.ropa.kdl");
    client.diagnostics(&other, None).await;
    client.open(&other, &edited).await;
    let published = client.diagnostics(&other, Some(1)).await;
    assert!(
        codes(&published).iter().any(|c| c == "undefined-reference"),
        "{published}"
    );
    let at = json!({"textDocument": {"uri": other}, "position": {"line": 3, "character": 20}});
    let hover = client.request("textDocument/hover", at).await;
    assert!(hover_text(&hover).contains("kontakt2"), "{hover}");
    client.shutdown().await;
}
