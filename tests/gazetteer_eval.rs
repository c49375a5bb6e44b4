//! Company recognition scored on MEANTIME's gold organisation mentions
//! (Wikinews business stories): named (NAM) organisations that are
//! companies, in the part of each document MEANTIME annotates. Its matching
//! rules are MEANTIME's own (whole noun phrases, products and untyped
//! mentions set apart), so it stays a test of its own; the hand-annotated
//! dev set of `fixtures/gold/gazetteer-dev/` is scored with every other gold
//! set in `tests/eval_sets.rs`.
//!
//! It prints the figures and every miss and false positive (`cargo test
//! --test gazetteer_eval -- --nocapture`), and fails when a figure drops
//! below the one recorded here.

mod common;

use std::collections::HashMap;

use common::{Labelled, Score, read_jsonl_gz, root, score, shared};
use newsie::gazetteer::GazetteerSource;
use newsie::{Article, Pipeline};

fn report(set: &str, kind: &str, s: &Score) {
    eprintln!(
        "{set} {kind}: P {:.3} R {:.3} F1 {:.3} (tp {} pred {} gold {})",
        s.precision(),
        s.recall(),
        s.f1(),
        s.tp,
        s.pred,
        s.gold
    );
    for l in &s.false_positives {
        eprintln!("  FP {} {:?} @{}", l.doc, l.text, l.start);
    }
    for l in &s.false_negatives {
        eprintln!("  FN {} {:?} @{}", l.doc, l.text, l.start);
    }
}

fn predictions(
    pipeline: &Pipeline,
    doc: &str,
    text: &str,
    keep: impl Fn(usize) -> bool,
) -> Vec<Labelled> {
    pipeline
        .process(&Article::new(doc, text))
        .mentions
        .into_iter()
        .filter(|m| matches!(m.kind, "company" | "ticker" | "model") && keep(m.start))
        .map(|m| Labelled {
            doc: doc.to_string(),
            start: m.start,
            end: m.end,
            kind: m.kind.to_string(),
            text: m.text,
        })
        .collect()
}

/// MEANTIME: gold named organisation mentions that are companies (mapping in
/// `fixtures/gold/meantime/org-companies.tsv`), in the annotated part of each
/// document (its first six lines: headline, date line, four sentences). A
/// predicted company counts when it overlaps such a gold mention (it holds
/// the head word: the gold spans are whole noun phrases, "aircraft
/// manufacturer Boeing"); predictions inside gold product mentions ("Boeing
/// 747") and inside organisation mentions that MEANTIME gives no syntactic
/// type (a mix of names and pronouns) are not scored. Overlapping gold
/// mentions count once.
#[test]
fn meantime_company_mentions() {
    let Some(shared) = shared() else { return };
    let mapping =
        std::fs::read_to_string(root().join("fixtures/gold/meantime/org-companies.tsv")).unwrap();
    let companies: HashMap<&str, bool> = mapping
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(e, c)| (e, c == "yes"))
        .collect();
    let pipeline = Pipeline::new(&GazetteerSource::Bundled).unwrap();
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for doc in read_jsonl_gz(&shared.join("corpora/gold/meantime/meantime-en-shared.jsonl.gz")) {
        let id = doc["id"].as_str().unwrap().to_string();
        let text = doc["text"].as_str().unwrap();
        let scope = text
            .split_inclusive('\n')
            .take(6)
            .map(|l| l.chars().count())
            .sum::<usize>();
        let mut products = Vec::new();
        for m in doc["entity_mentions"].as_array().unwrap() {
            let (Some(s), Some(e)) = (m["start"].as_u64(), m["end"].as_u64()) else {
                continue;
            };
            let (s, e) = (s as usize, e as usize);
            let named = matches!(m["syntactic_type"].as_str(), Some("NAM" | "PRE.NAM"));
            match (m["ent_type"].as_str(), m["entity"].as_str()) {
                (Some("ORG"), Some(entity)) if named => {
                    let known = companies.get(entity).copied();
                    assert!(known.is_some(), "{entity:?} missing from org-companies.tsv");
                    // Nested gold mentions ("European aircraft manufacturer,
                    // Airbus" around "European aircraft manufacturer") are one.
                    let nested = gold
                        .iter_mut()
                        .find(|g: &&mut Labelled| g.doc == id && g.start < e && s < g.end);
                    if known == Some(true) && s < scope {
                        match nested {
                            Some(g) => {
                                g.start = g.start.min(s);
                                g.end = g.end.max(e);
                            }
                            None => gold.push(Labelled {
                                doc: id.clone(),
                                start: s,
                                end: e,
                                kind: "company".into(),
                                text: m["text"].as_str().unwrap().to_string(),
                            }),
                        }
                    }
                }
                // Products ("Boeing 747") and organisations without a
                // syntactic type (names and pronouns mixed) are not scored.
                (Some("PRO"), _) => products.push((s, e)),
                (Some("ORG"), _) if m["syntactic_type"].as_str().is_none_or(str::is_empty) => {
                    products.push((s, e))
                }
                _ => {}
            }
        }
        pred.extend(
            predictions(&pipeline, &id, text, |start| start < scope)
                .into_iter()
                .filter(|p| p.kind == "company")
                .filter(|p| {
                    let in_product = products.iter().any(|&(s, e)| s <= p.start && p.end <= e);
                    let in_gold = gold
                        .iter()
                        .any(|g| g.doc == p.doc && g.start < p.end && p.start < g.end);
                    in_gold || !in_product
                }),
        );
    }
    let s = score(&gold, &pred, "company");
    report("meantime", "company", &s);
    assert!(s.gold > 100, "{} gold company mentions", s.gold);
    let (p_floor, r_floor) = (0.95, 0.94);
    assert!(
        s.precision() >= p_floor && s.recall() >= r_floor,
        "P {:.3} R {:.3}",
        s.precision(),
        s.recall()
    );
}
