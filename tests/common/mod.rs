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

/// Reads a `.jsonl.gz` file of the shared corpora into JSON values.
pub fn read_jsonl_gz(path: &std::path::Path) -> Vec<serde_json::Value> {
    use std::io::Read;
    let gz = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(gz.as_slice())
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A labelled span: character offsets, type, surface (for listings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub text: String,
}

/// Precision, recall and the unmatched spans of one type.
#[derive(Debug, Default)]
pub struct Score {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
    pub false_positives: Vec<Labelled>,
    pub false_negatives: Vec<Labelled>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            1.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Scores `pred` against `gold` for type `kind`: a prediction is correct when
/// it overlaps a not yet matched gold span of the same type in the same
/// document (one-to-one, in text order).
pub fn score(gold: &[Labelled], pred: &[Labelled], kind: &str) -> Score {
    let gold: Vec<&Labelled> = gold.iter().filter(|g| g.kind == kind).collect();
    let pred: Vec<&Labelled> = pred.iter().filter(|p| p.kind == kind).collect();
    let mut used = vec![false; gold.len()];
    let mut s = Score {
        pred: pred.len(),
        gold: gold.len(),
        ..Score::default()
    };
    for p in &pred {
        let hit = gold
            .iter()
            .enumerate()
            .position(|(i, g)| !used[i] && g.doc == p.doc && g.start < p.end && p.start < g.end);
        match hit {
            Some(i) => {
                used[i] = true;
                s.tp += 1;
            }
            None => s.false_positives.push((*p).clone()),
        }
    }
    s.false_negatives = gold
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| (*g).clone())
        .collect();
    s
}
