//! The requests JavaScript sends and the envelope of every answer:
//! `{"ok": …}` or `{"error": "what went wrong and what to do"}`.

use serde::Deserialize;
use serde_json::Value;

use crate::lines::{Position, Range};
use crate::ops;
use crate::workspace::Source;

#[derive(Deserialize)]
#[serde(
    tag = "op",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub(crate) enum Request {
    /// The version of ropa inside.
    Version,
    /// Every rule with its documentation.
    Rules,
    /// One rule's documentation.
    Explain { rule: String },
    /// The findings of the workspace.
    Check { files: Vec<Source> },
    /// The edits that format one file.
    Format { files: Vec<Source>, file: String },
    /// A report of the workspace (`ropa report`); `date` is the generation
    /// date, which the caller picks (there is no clock here).
    Report {
        files: Vec<Source>,
        kind: Option<String>,
        format: Option<String>,
        lang: Option<String>,
        /// `authority` (the default) or `internal`, as `ropa report --audience`.
        audience: Option<String>,
        date: String,
        #[serde(default)]
        subjects: Vec<String>,
    },
    /// A RoPA spreadsheet saved as CSV, as its bytes (any encoding
    /// spreadsheets save in), to spec files; ids already in `files` are kept
    /// free.
    ImportCsv {
        name: String,
        bytes: Vec<u8>,
        delimiter: Option<String>,
        #[serde(default)]
        files: Vec<Source>,
    },
    /// Fides manifests (YAML) to spec files.
    ImportFides {
        manifests: Vec<Source>,
        #[serde(default)]
        files: Vec<Source>,
    },
    Hover {
        files: Vec<Source>,
        file: String,
        position: Position,
    },
    Completion {
        files: Vec<Source>,
        file: String,
        position: Position,
    },
    /// Quick fixes for the findings of `file` that overlap `range`.
    CodeActions {
        files: Vec<Source>,
        file: String,
        range: Range,
    },
    Definition {
        files: Vec<Source>,
        file: String,
        position: Position,
    },
    References {
        files: Vec<Source>,
        file: String,
        position: Position,
        #[serde(default)]
        include_declaration: bool,
    },
    /// The outline of one file.
    Symbols { files: Vec<Source>, file: String },
}

/// Answers one JSON request with one JSON answer. Never fails: a request
/// that cannot be read gets an error answer that says why.
pub fn call(request: &str) -> String {
    let answer = match serde_json::from_str::<Request>(request) {
        Ok(request) => ops::answer(request),
        Err(e) => Err(format!("the request cannot be read: {e}")),
    };
    match answer {
        Ok(value) => envelope("ok", value),
        Err(message) => error(&message),
    }
}

pub(crate) fn error(message: &str) -> String {
    envelope("error", Value::String(message.to_owned()))
}

fn envelope(key: &str, value: Value) -> String {
    let mut map = serde_json::Map::new();
    map.insert(key.to_owned(), value);
    Value::Object(map).to_string()
}
