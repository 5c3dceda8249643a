//! `ropa check` over a folder of hostile inputs: every problem is reported by
//! file name with what to do, the good file is still checked, nothing hangs
//! and nothing panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ropa-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Runs `ropa` with a deadline: a hang is a failure, not a stuck test suite.
/// The output is read while it runs (a full pipe would block the child).
fn ropa(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ropa starts");
    let pid = child.id();
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let output = match wait.recv_timeout(Duration::from_secs(120)) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("ropa did not finish within 120 s on hostile input");
        }
    };
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn hostile_folder_gives_one_clear_error_per_file() {
    use std::os::unix::fs::symlink;

    let dir = tempdir("corpus");
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
    w("ropa.kdl", b"");
    w(
        "good.ropa.kdl",
        b"organization \"Good AB\" {\n    country SE\n}\ndata unused \"Never used\"\n",
    );
    w("binary.ropa.kdl", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]);
    w("latin1.ropa.kdl", b"data namn \"G\xf6ran\"\n");
    w("empty.ropa.kdl", b"");
    w("deep.ropa.kdl", "a {".repeat(50_000).as_bytes());
    w("slashdash.ropa.kdl", "a /-{".repeat(50_000).as_bytes());
    w(
        "med mellanslag och åäö.ropa.kdl",
        "data x \"ok\" special=nope\n".as_bytes(),
    );
    std::fs::create_dir_all(dir.join("folder.ropa.kdl")).expect("dir");
    symlink("nowhere.ropa.kdl", dir.join("dangling.ropa.kdl")).expect("symlink");
    symlink("self.ropa.kdl", dir.join("self.ropa.kdl")).expect("symlink");
    std::fs::create_dir_all(dir.join("sub")).expect("dir");
    symlink("..", dir.join("sub/loop")).expect("symlink");
    std::fs::create_dir_all(dir.join("sub/ropa.kdl")).expect("dir");
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad\xff.ropa.kdl");
        std::fs::write(dir.join(name), "data x \"ok\"\n").expect("write");
    }
    // Larger than the 64 MB limit; sparse, so the test writes nothing.
    std::fs::File::create(dir.join("huge.ropa.kdl"))
        .and_then(|f| f.set_len(65 * 1024 * 1024))
        .expect("sparse file");
    let fifo = Command::new("mkfifo").arg(dir.join("pipe.ropa.kdl")).status();
    let have_fifo = fifo.is_ok_and(|s| s.success());

    let (code, stdout, stderr) = ropa(&dir, &["check", "."]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(2), "unreadable files exit 2\n{stdout}");
    for expected in [
        "binary.ropa.kdl: looks like a binary file",
        "latin1.ropa.kdl: line 1: not UTF-8 text (byte 0xF6); save the file with UTF-8 encoding",
        "dangling.ropa.kdl: no such file or folder",
        "self.ropa.kdl:",
        "huge.ropa.kdl: file is too large",
        "folder.ropa.kdl: a folder, not a file",
        "sub/ropa.kdl: a folder, not a file",
        "bad\u{FFFD}.ropa.kdl: the file name is not UTF-8 text",
        // The good file and the readable odd ones are still checked.
        "data category `unused` is not used by any activity",
        "unknown special category `nope`",
        "nesting deeper than",
        "the line is too long to show",
    ] {
        assert!(stdout.contains(expected), "missing `{expected}` in:\n{stdout}");
    }
    // One error per unclosed file, not one per open block.
    assert_eq!(stdout.matches("unclosed `{`").count(), 2, "{stdout}");
    assert!(
        stdout.len() < 200_000,
        "output of {} bytes: long lines are not printed whole",
        stdout.len()
    );
    if have_fifo {
        assert!(stdout.contains("pipe.ropa.kdl: not a regular file"), "{stdout}");
    }
    // The JSON output survives the same folder.
    let (code, json, _) = ropa(&dir, &["check", ".", "--format", "json"]);
    assert_eq!(code, Some(2));
    let document: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert!(document["errors"].as_array().is_some_and(|e| e.len() >= 5), "{json}");
}
