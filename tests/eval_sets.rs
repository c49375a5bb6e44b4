//! Every gold set, scored by `newsie eval`'s library and held to the
//! recorded baseline (`fixtures/gold/baseline.json`):
//!
//! - `fixtures`: our own articles (`fixtures/articles/`, `fixtures/stories/`),
//!   blessed from a run and corrected by hand (`fixtures/gold/fixtures/`);
//! - `reference`: the reference article (`../shared/seed/`), the same way;
//! - `gazetteer-dev`: hand-annotated companies, tickers and models in real
//!   articles (`fixtures/gold/gazetteer-dev/`);
//! - `events-dev:dev` and `events-dev:test`: hand-annotated release and
//!   price-change events (`fixtures/gold/events-dev/`), by split;
//! - `tempeval3-timebank`, `tempeval3-aquaint`, `meantime`: TIMEX3 gold read
//!   from the original TimeML files in `../shared/corpora/gold/`.
//!
//! A figure below the baseline fails the test and prints that set's report
//! with its diff listing. After an improvement, record the new figures with
//! `NEWSIE_UPDATE_BASELINE=1 cargo test --release --test eval_sets` and
//! review the change to `baseline.json` like code. `cargo test --release
//! --test eval_sets -- --nocapture` prints every report.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use newsie::Pipeline;
use newsie::eval::annotation::Annotations;
use newsie::eval::report::Report;
use newsie::eval::{Options, evaluate, extract, extract_texts, gold_paths};
use newsie::gazetteer::GazetteerSource;
use newsie::provenance::Provenance;

/// One gold set and how to get its predictions.
struct Set {
    name: &'static str,
    gold: PathBuf,
    /// Folder the gold articles' paths are relative to (`None`: the gold
    /// carries its texts).
    root: Option<PathBuf>,
    split: Option<&'static str>,
}

fn unpack(tarball: &Path, into: &Path) {
    let status = std::process::Command::new("tar")
        .arg("xzf")
        .arg(tarball)
        .arg("-C")
        .arg(into)
        .status()
        .expect("tar runs");
    assert!(status.success(), "tar xzf {}", tarball.display());
}

fn sets(shared: Option<&Path>, tmp: &Path) -> Vec<Set> {
    let root = common::root();
    let gold = root.join("fixtures/gold");
    let mut sets = vec![Set {
        name: "fixtures",
        gold: gold.join("fixtures"),
        root: Some(root.clone()),
        split: None,
    }];
    let Some(shared) = shared else { return sets };
    let on_shared = |name, dir: &str, split| Set {
        name,
        gold: gold.join(dir),
        root: Some(shared.to_path_buf()),
        split,
    };
    // The reference article's DCT (2025-01-29) is the one its gold records.
    sets.push(on_shared("reference", "reference", None));
    sets.push(on_shared("gazetteer-dev", "gazetteer-dev", None));
    sets.push(on_shared("events-dev:dev", "events-dev", Some("dev")));
    sets.push(on_shared("events-dev:test", "events-dev", Some("test")));
    let corpora = shared.join("corpora/gold");
    unpack(&corpora.join("tempeval3/tbaq-cleaned-original.tar.gz"), tmp);
    unpack(
        &corpora.join("meantime/meantime-en-shared-original-xml.tar.gz"),
        tmp,
    );
    for (name, dir) in [
        ("tempeval3-timebank", "TBAQ-cleaned/TimeBank"),
        ("tempeval3-aquaint", "TBAQ-cleaned/AQUAINT"),
        (
            "meantime",
            "meantime_newsreader_english_oct15/intra-doc_annotation",
        ),
    ] {
        sets.push(Set {
            name,
            gold: tmp.join(dir),
            root: None,
            split: None,
        });
    }
    sets
}

fn score(pipeline: &Pipeline, provenance: &Provenance, set: &Set) -> Report {
    let gold = Annotations::read(&set.gold).unwrap_or_else(|e| panic!("{}: {e}", set.name));
    let mut pred = match &set.root {
        None => extract_texts(pipeline, &gold),
        Some(root) => {
            let paths = gold_paths(&gold, root);
            let (pred, summary) = extract(pipeline, &gold, &paths, root, None).unwrap();
            assert_eq!(summary.failed, 0, "{}: inputs failed", set.name);
            pred
        }
    };
    pred.provenance = Some(provenance.clone());
    let options = Options {
        split: set.split.map(String::from),
        ..Options::default()
    };
    let report = evaluate(&gold, &pred, &options, set.name, "extraction").report;
    assert_eq!(
        report.articles.missing, 0,
        "{}: gold articles not found in their inputs: {:?}",
        set.name, report.notes
    );
    report
}

#[test]
fn every_gold_set_holds_its_baseline() {
    let shared = common::shared();
    let tmp = tempfile::tempdir().unwrap();
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    let provenance = Provenance::of(&GazetteerSource::Bundled, None).unwrap();
    let baseline_path = common::root().join("fixtures/gold/baseline.json");
    let mut baseline: BTreeMap<String, Report> = std::fs::read_to_string(&baseline_path)
        .ok()
        .map(|t| serde_json::from_str(&t).expect("baseline.json is a map of set → report"))
        .unwrap_or_default();
    let update = std::env::var("NEWSIE_UPDATE_BASELINE").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for set in sets(shared.as_deref(), tmp.path()) {
        let mut report = score(&pipeline, &provenance, &set);
        eprintln!("=== {} ===\n{}", set.name, report.to_table(Some(0)));
        if update {
            report.diff.clear();
            report.gold = set.name.to_string();
            baseline.insert(set.name.to_string(), report);
            continue;
        }
        let Some(base) = baseline.get(set.name) else {
            failures.push(format!(
                "{}: no baseline (NEWSIE_UPDATE_BASELINE=1 records one)",
                set.name
            ));
            continue;
        };
        let failed = report.check(&[], Some(base)).unwrap();
        if !failed.is_empty() {
            eprintln!(
                "--- {} fell below its baseline ---\n{}",
                set.name,
                report.to_table(Some(200))
            );
            failures.extend(failed.into_iter().map(|f| format!("{}: {f}", set.name)));
        }
    }
    if update {
        let json = serde_json::to_string_pretty(&baseline).unwrap();
        std::fs::write(&baseline_path, json + "\n").unwrap();
        eprintln!("recorded {}", baseline_path.display());
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The gold sets themselves are sound: every offset slices its surface out
/// of the article text.
#[test]
fn gold_offsets_slice_their_surfaces() {
    let Some(shared) = common::shared() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    for set in sets(Some(&shared), tmp.path())
        .iter()
        .filter(|s| s.root.is_some())
    {
        let gold = Annotations::read(&set.gold).unwrap();
        // The texts as newsie reads them (the predictions carry them).
        let root = set.root.as_ref().unwrap();
        let pred = extract(&pipeline, &gold, &gold_paths(&gold, root), root, None)
            .unwrap()
            .0;
        let mut checked = 0;
        for (id, g) in &gold.docs {
            let text: Vec<char> = pred.docs[id].text.as_ref().unwrap().chars().collect();
            let slice = |s: usize, e: usize| {
                text[s.min(text.len())..e.min(text.len())]
                    .iter()
                    .collect::<String>()
            };
            for m in &g.mentions {
                assert_eq!(
                    slice(m.start, m.end),
                    m.text,
                    "{}: {id} mention @{}",
                    set.name,
                    m.start
                );
                checked += 1;
            }
            for e in &g.events {
                assert_eq!(
                    slice(e.trigger_start, e.trigger_end),
                    e.trigger,
                    "{}: {id} trigger @{}",
                    set.name,
                    e.trigger_start
                );
                assert!(e.evidence_start <= e.trigger_start && e.trigger_end <= e.evidence_end);
                checked += 1;
            }
        }
        assert!(checked > 0, "{}: nothing checked", set.name);
    }
}
