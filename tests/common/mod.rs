//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder (`NEWSIE_SHARED`, default `../shared`), or `None`
/// with a notice when it is absent. With `NEWSIE_REQUIRE_SHARED=1` (set by
/// `.ci/run`) an absent folder fails the test instead.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("NEWSIE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    let dir = if dir.is_relative() {
        root().join(dir)
    } else {
        dir
    };
    if dir.join("seed").is_dir() {
        return Some(dir);
    }
    if std::env::var("NEWSIE_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "NEWSIE_REQUIRE_SHARED=1 but the shared folder {} is missing",
            dir.display()
        );
    }
    eprintln!(
        "notice: shared data folder {} not found; skipping this test (set NEWSIE_SHARED)",
        dir.display()
    );
    None
}

/// Runs the `newsie` binary from the repository root.
pub fn newsie(args: &[&str]) -> Output {
    newsie_with_stdin(args, None)
}

/// Runs the `newsie` binary with `stdin` as standard input.
pub fn newsie_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsie"));
    cmd.args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("newsie runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    child.wait_with_output().expect("newsie finishes")
}

/// Standard output as JSON records.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}
