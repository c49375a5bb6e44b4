//! Real corpora from the shared folder: every article accounted for, no panic.

mod common;

use common::{newsie, shared};

/// All 21,578 Reuters-21578 stories: each has an article row, none fails,
/// and the recognizers find what wire copy is full of.
#[test]
fn reuters21578_every_article_accounted_for() {
    let Some(shared) = shared() else { return };
    let input = shared.join("corpora/reuters21578/reuters21578.jsonl.gz");
    let dir = tempfile::tempdir().unwrap();
    let out = newsie(&[
        "extract",
        "-o",
        dir.path().to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("21578 articles from 1 files: 21578 processed, 0 failed"),
        "{stderr}"
    );
    let articles = std::fs::read_to_string(dir.path().join("articles.jsonl")).unwrap();
    let mut ids = std::collections::HashSet::new();
    for line in articles.lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(r["status"], "processed");
        assert_eq!(r["dct_source"], "json", "{r}");
        ids.insert(r["id"].as_str().unwrap().to_string());
    }
    assert_eq!(ids.len(), 21_578);
    // Two stamps carry something other than a time after the date (one is
    // malformed, one has an editor's comment): warnings, not failures.
    let errors = std::fs::read_to_string(dir.path().join("errors.jsonl")).unwrap();
    assert_eq!(errors.lines().count(), 2, "{errors}");
    assert!(
        errors.contains("605:12:19.12") && errors.contains("date added by S Finch as guesswork"),
        "{errors}"
    );
    assert!(
        errors
            .lines()
            .all(|l| l.starts_with("{\"record\":\"warning\"")),
        "{errors}"
    );
    let mentions = std::fs::read_to_string(dir.path().join("mentions.jsonl")).unwrap();
    let count = |t: &str| {
        mentions
            .lines()
            .filter(|l| l.contains(&format!("\"type\":\"{t}\"")))
            .count()
    };
    assert!(
        count("money") > 25_000 && count("percent") > 12_000 && count("date") > 25_000,
        "{stderr}"
    );
}
