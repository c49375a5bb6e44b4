//! Event accuracy on the hand-annotated dev set (`fixtures/gold/events-dev/`,
//! real articles read from `../shared/corpora/`): precision and recall per
//! event type, argument accuracy, and a listing of every miss, false positive
//! and wrong argument. `dev` articles may be looked at while tuning rules;
//! `test` articles give the honest figures. A drop below the recorded floors
//! fails.
//!
//! `cargo test --release --test event_eval -- --nocapture` prints it all.

mod common;

use std::collections::HashMap;

use newsie::article::{Article, DctSource};
use newsie::eval::event::{EventScores, GoldArticle, Outcome};
use newsie::gazetteer::GazetteerSource;
use newsie::pipeline::Pipeline;

/// Floors per split: (release P, release R, price P, price R, argument accuracy).
/// The figures at the time of recording, rounded down by 0.02.
const FLOORS: [(&str, [f64; 5]); 2] = [
    ("dev", [0.92, 0.33, 0.95, 0.37, 0.84]),
    ("test", [0.92, 0.31, 0.98, 0.20, 0.77]),
];

fn gold_articles() -> Vec<GoldArticle> {
    let dir = common::root().join("fixtures/gold/events-dev");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    serde_json::from_str::<GoldArticle>(l)
                        .unwrap_or_else(|e| panic!("{}: {e}", f.display()))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn show(text: &[char], start: usize, end: usize) -> String {
    text[start.min(text.len())..end.min(text.len())]
        .iter()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn events_on_annotated_real_articles() {
    let Some(shared) = common::shared() else {
        return;
    };
    let gold = gold_articles();
    assert!(
        gold.iter().map(|g| g.events.len()).sum::<usize>() >= 60,
        "at least 60 gold events"
    );
    let mut corpora: HashMap<String, HashMap<String, serde_json::Value>> = HashMap::new();
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    let mut scores: HashMap<String, EventScores> = HashMap::new();
    let mut explicit_scores: HashMap<String, EventScores> = HashMap::new();
    for g in &gold {
        let corpus = corpora.entry(g.corpus.clone()).or_insert_with(|| {
            common::read_jsonl_gz(&shared.join("corpora").join(&g.corpus))
                .into_iter()
                .map(|r| (r["id"].as_str().unwrap().to_string(), r))
                .collect()
        });
        let record = corpus
            .get(&g.id)
            .unwrap_or_else(|| panic!("{} not in {}", g.id, g.corpus));
        let text = record["text"].as_str().unwrap();
        let mut article = Article::new(&g.id, text);
        if let Some(d) = &g.dct {
            article = article.with_dct(d.parse().unwrap(), DctSource::Json);
        }
        let x = pipeline.process(&article);
        let chars: Vec<char> = text.chars().collect();
        // The same without the gold events that are only implied
        // ("inferred": "This release", "the announcement"), for the report.
        let explicit: Vec<_> = g.events.iter().filter(|e| !e.inferred).cloned().collect();
        explicit_scores
            .entry(g.split.clone())
            .or_default()
            .add_article(&explicit, &x.events, g.scope_end);
        let s = scores.entry(g.split.clone()).or_default();
        for o in s.add_article(&g.events, &x.events, g.scope_end) {
            match o {
                Outcome::Missed(i) => {
                    let e = &g.events[i];
                    eprintln!(
                        "  MISS [{}] {} {:?}: {}",
                        g.split,
                        e.key(),
                        e.trigger.text,
                        show(&chars, e.evidence_start, e.evidence_end)
                    );
                }
                Outcome::Spurious(p) => {
                    let e = &x.events[p];
                    eprintln!(
                        "  FP   [{}] {} {:?} {}: {}",
                        g.split,
                        e.subtype.unwrap_or(e.kind),
                        e.trigger,
                        e.rule,
                        show(&chars, e.evidence_start, e.evidence_end)
                    );
                }
                Outcome::Pair { gold: i, wrong, .. } if !wrong.is_empty() => {
                    let e = &g.events[i];
                    eprintln!(
                        "  ARG  [{}] {} {:?} {:?}: {}",
                        g.split,
                        e.key(),
                        e.trigger.text,
                        wrong,
                        show(&chars, e.evidence_start, e.evidence_end)
                    );
                }
                Outcome::Pair { .. } => {}
            }
        }
    }
    for (split, floors) in FLOORS {
        let s = &scores[split];
        eprintln!("events [{split}]:");
        for (k, (g, p, tp)) in &s.types {
            eprintln!("  {k:30} gold {g:4} pred {p:4} paired {tp:4}");
        }
        for (prefix, _) in [("release", 0), ("price_change", 2)] {
            let (g, p, tp) = s.counts(prefix);
            eprintln!(
                "  {prefix:12} P {:.3} R {:.3} (gold {g}, pred {p}, paired {tp})",
                s.precision(prefix),
                s.recall(prefix)
            );
        }
        for (role, (n, ok)) in &s.roles {
            eprintln!(
                "  arg {role:18} {ok:4}/{n:4} = {:.3}",
                *ok as f64 / *n as f64
            );
        }
        eprintln!("  argument accuracy {:.3}", s.argument_accuracy());
        let x = &explicit_scores[split];
        for prefix in ["release", "price_change"] {
            let (g, p, tp) = x.counts(prefix);
            eprintln!(
                "  without inferred gold: {prefix:12} P {:.3} R {:.3} (gold {g}, pred {p}, paired {tp})",
                x.precision(prefix),
                x.recall(prefix)
            );
        }
        let got = [
            s.precision("release"),
            s.recall("release"),
            s.precision("price_change"),
            s.recall("price_change"),
            s.argument_accuracy(),
        ];
        for (g, f) in got.iter().zip(floors) {
            assert!(*g >= f, "[{split}] {got:?} below floors {floors:?}");
        }
    }
}
