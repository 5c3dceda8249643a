//! Spec text and file names never reach a terminal or CI log as control
//! sequences: ESC, line breaks inside a message and bidi overrides are
//! shown as `\u{…}` escapes, and no line of human output can start a GitHub
//! workflow command (`::`).

use std::process::Command;

#[cfg(unix)]
#[test]
fn escapes_and_overrides_are_shown_not_obeyed() {
    let dir = std::env::temp_dir().join(format!("ropa-text-safety-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("ropa.kdl"), "").expect("write");
    // A decoded escape in a message, and raw ESC and RLO bytes in a line
    // that is shown as a snippet (they are syntax errors there).
    let spec =
        "organization \"Good AB\" {\n    country \"S\\u{1b}[31mE\\n::error::forged\"\n}\n// \u{1b}[2J \u{202E}evil\n";
    std::fs::write(dir.join("a\u{1b}[32m\u{202E}\n::warning::x.ropa.kdl"), spec).expect("write");
    for format in ["human", "github"] {
        let output = Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["check", ".", "--format", format])
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("ropa runs");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("unknown country code"), "{format}: {text}");
        // GitHub's own escape for a line break is `%0A`.
        let nl = if format == "github" { "%0A" } else { "\\u{a}" };
        assert!(
            text.contains(&format!("\\u{{1b}}[31mE{nl}::error::forged")),
            "{format}: {text}"
        );
        assert!(text.contains("a\\u{1b}[32m\\u{202e}"), "{format}: {text}");
        assert!(!text.contains(['\u{1b}', '\u{202E}']), "{format}: {text:?}");
        for line in text.lines() {
            let forged = line.starts_with("::")
                && !line.starts_with("::error file=")
                && !line.starts_with("::warning file=")
                && !line.starts_with("::notice ");
            assert!(
                !forged && (format == "github" || !line.starts_with("::")),
                "{format}: {line:?}"
            );
        }
    }
}

/// Every text format (and stderr) of a spec whose file name starts a
/// workflow command and whose text holds a legacy one (`##[`, read anywhere
/// in a line) and control characters: no line can start a command, after
/// leading spaces as GitHub's runner trims them, and no raw control or bidi
/// character gets through.
#[cfg(unix)]
#[test]
fn no_format_lets_spec_text_start_a_workflow_command() {
    let dir = std::env::temp_dir().join(format!("ropa-text-safety-cmd-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("ropa.kdl"), "").expect("write");
    let spec = "organization \"Good AB\" {\n    country \"##[error]forged\\u{1b}[31m\\u{202e}\"\n}\n// ##[warning]in a snippet\n}\n";
    std::fs::write(dir.join("::error::forged.ropa.kdl"), spec).expect("write");
    for format in ["human", "concise", "github", "gitlab", "junit"] {
        let output = Command::new(env!("CARGO_BIN_EXE_ropa"))
            .args(["check", ".", "--format", format])
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("ropa runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stdout.contains("forged"), "{format}: {stdout}");
        for text in [&stdout, &stderr] {
            assert!(!text.contains("##["), "{format}: {text}");
            assert!(!text.contains(['\u{1b}', '\u{202E}']), "{format}: {text:?}");
            for line in text.lines() {
                let line = line.trim_start();
                let ours = format == "github"
                    && (line.starts_with("::error file=")
                        || line.starts_with("::warning file=")
                        || line.starts_with("::notice "));
                assert!(ours || !line.starts_with("::"), "{format}: {line:?}");
            }
        }
    }
}
