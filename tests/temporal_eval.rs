//! Temporal expressions scored TempEval-3 style ([`newsie::eval::timex`]) on
//! the shared gold corpora:
//!
//! - TempEval-3 training data (TimeBank 1.2 and AQUAINT, 1990s newswire),
//!   every TIMEX3 in each document's TEXT; the DCT is the record's `dct`;
//! - MEANTIME (English Wikinews), only in the lines MEANTIME annotates (the
//!   headline, the date line and the first four sentences). The date line's
//!   TIMEX3 is the creation time, not a mention, so predictions on it do not
//!   count either.
//!
//! `cargo test --release --test temporal_eval -- --nocapture` prints the
//! figures and every miss, spurious expression and wrong value. The test fails
//! when a figure drops below the floor recorded here.

mod common;

use std::collections::BTreeMap;

use common::{read_jsonl_gz, shared};
use newsie::article::{DctSource, dateline_dct, parse_dct};
use newsie::eval::timex::{Alignment, Timex3, TimexScores};
use newsie::gazetteer::GazetteerSource;
use newsie::{Article, Pipeline};
use serde_json::Value;

/// One gold document: text, DCT, gold expressions and the character range
/// that is annotated (predictions outside it are not scored).
struct GoldDoc {
    id: String,
    text: String,
    dct: Option<String>,
    gold: Vec<Timex3>,
    scored: std::ops::Range<usize>,
    /// The creation-time expression's span, when it is in the text.
    creation: Option<(usize, usize)>,
}

fn timex(t: &Value) -> Option<Timex3> {
    Some(Timex3 {
        start: t["start"].as_u64()? as usize,
        end: t["end"].as_u64()? as usize,
        text: t["text"].as_str().unwrap_or_default().to_string(),
        timex_type: t["type"].as_str()?.to_string(),
        value: t["value"].as_str().map(String::from),
    })
}

fn tempeval(shared: &std::path::Path, file: &str) -> Vec<GoldDoc> {
    read_jsonl_gz(&shared.join("corpora/gold/tempeval3").join(file))
        .iter()
        .map(|d| {
            let text = d["text"].as_str().unwrap().to_string();
            GoldDoc {
                id: d["id"].as_str().unwrap().to_string(),
                scored: 0..text.chars().count(),
                text,
                dct: d["dct"].as_str().map(String::from),
                gold: d["timexes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(timex)
                    .collect(),
                creation: None,
            }
        })
        .collect()
}

/// MEANTIME annotates the first six lines (headline, date line, four
/// sentences).
const MEANTIME_LINES: usize = 6;

fn meantime(shared: &std::path::Path) -> Vec<GoldDoc> {
    read_jsonl_gz(&shared.join("corpora/gold/meantime/meantime-en-shared.jsonl.gz"))
        .iter()
        .map(|d| {
            let text = d["text"].as_str().unwrap().to_string();
            let end_bytes: usize = text
                .split_inclusive('\n')
                .take(MEANTIME_LINES)
                .map(str::len)
                .sum();
            let scored = 0..text[..end_bytes].chars().count();
            let all = d["timexes"].as_array().unwrap();
            let is_creation = |t: &&Value| t["functionInDocument"] == "CREATION_TIME";
            let creation = all.iter().find(is_creation).and_then(timex);
            GoldDoc {
                id: d["id"].as_str().unwrap().to_string(),
                dct: d["dct"].as_str().map(String::from),
                gold: all
                    .iter()
                    .filter(|t| !is_creation(t))
                    .filter_map(timex)
                    .filter(|t| scored.contains(&t.start))
                    .collect(),
                creation: creation.map(|c| (c.start, c.end)),
                scored,
                text,
            }
        })
        .collect()
}

/// Scores newsie on `docs`, printing the figures and the errors.
fn evaluate(pipeline: &Pipeline, set: &str, docs: &[GoldDoc]) -> TimexScores {
    let mut total = TimexScores::default();
    let mut errors: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for doc in docs {
        let mut article = Article::new(doc.id.as_str(), doc.text.as_str());
        // As `newsie extract` does: the record's DCT, else the date line
        // (one MEANTIME record's DCT is malformed, one is missing).
        if let Some((dct, _)) = doc.dct.as_deref().and_then(|d| parse_dct(d).ok()) {
            article = article.with_dct(dct, DctSource::Json);
        } else if let Some(dct) = dateline_dct(&doc.text, None) {
            article = article.with_dct(dct, DctSource::Dateline);
        }
        let pred: Vec<Timex3> = pipeline
            .process(&article)
            .mentions
            .into_iter()
            .filter(|m| m.kind == "date" && doc.scored.contains(&m.start))
            .filter(|m| doc.creation.is_none_or(|(s, e)| m.end <= s || e <= m.start))
            .map(|m| Timex3 {
                start: m.start,
                end: m.end,
                text: m.text,
                timex_type: m.timex_type.unwrap_or("DATE").to_string(),
                value: m.value,
            })
            .collect();
        for a in total.add_document(&doc.gold, &pred) {
            let (kind, line) = match a {
                Alignment::Missed(g) => {
                    let g = &doc.gold[g];
                    (
                        "missed",
                        format!("{:?} {} {:?}", g.text, g.timex_type, g.value),
                    )
                }
                Alignment::Spurious(p) => {
                    let p = &pred[p];
                    (
                        "spurious",
                        format!("{:?} {} {:?}", p.text, p.timex_type, p.value),
                    )
                }
                Alignment::Pair { gold, pred: p } => {
                    let (g, p) = (&doc.gold[gold], &pred[p]);
                    if g.value == p.value && p.value.is_some() && g.timex_type == p.timex_type {
                        continue;
                    }
                    let what = if g.value != p.value || p.value.is_none() {
                        "wrong value"
                    } else {
                        "wrong type"
                    };
                    let before: String = doc.text.chars().take(g.start).collect();
                    let context: String = before
                        .chars()
                        .rev()
                        .take(70)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    (
                        what,
                        format!(
                            "{:?} {} {:?} / gold {:?} {} {:?} after {:?}",
                            p.text,
                            p.timex_type,
                            p.value,
                            g.text,
                            g.timex_type,
                            g.value,
                            context.replace('\n', " ")
                        ),
                    )
                }
            };
            errors.entry(kind).or_default().push(format!(
                "{} (dct {}): {line}",
                doc.id,
                doc.dct.as_deref().unwrap_or("-")
            ));
        }
    }
    for (kind, lines) in &errors {
        eprintln!("{set}: {} {kind}", lines.len());
        for l in lines {
            eprintln!("  {kind}: {l}");
        }
    }
    report(set, &total);
    total
}

fn report(set: &str, s: &TimexScores) {
    eprintln!(
        "{set}: gold {} pred {} | strict P {:.3} R {:.3} F1 {:.3} | relaxed P {:.3} R {:.3} F1 {:.3} | type acc {:.3} | value acc {:.3} F1 {:.3}",
        s.gold,
        s.pred,
        s.strict_precision(),
        s.strict_recall(),
        s.strict_f1(),
        s.relaxed_precision(),
        s.relaxed_recall(),
        s.relaxed_f1(),
        s.type_accuracy(),
        s.value_accuracy(),
        s.value_f1(),
    );
}

#[test]
fn tempeval3_and_meantime() {
    let Some(shared) = shared() else { return };
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    let timebank = evaluate(
        &pipeline,
        "TimeBank",
        &tempeval(&shared, "te3-train-timebank.jsonl.gz"),
    );
    let aquaint = evaluate(
        &pipeline,
        "AQUAINT",
        &tempeval(&shared, "te3-train-aquaint.jsonl.gz"),
    );
    let meantime = evaluate(&pipeline, "MEANTIME", &meantime(&shared));
    let mut te3 = timebank;
    te3.merge(&aquaint);
    report("TempEval-3 train (TimeBank + AQUAINT)", &te3);
    report("MEANTIME", &meantime);
    // Floors: the figures measured when this test was written, rounded down.
    for (set, s, relaxed, value) in [
        ("TempEval-3 train", te3, 0.93, 0.78),
        ("MEANTIME", meantime, 0.90, 0.75),
    ] {
        assert!(
            s.relaxed_f1() >= relaxed && s.value_f1() >= value,
            "{set}: relaxed F1 {:.3} (floor {relaxed}), value F1 {:.3} (floor {value})",
            s.relaxed_f1(),
            s.value_f1()
        );
    }
}
