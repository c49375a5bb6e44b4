//! Scores for events against hand-annotated gold (the format of
//! `fixtures/gold/events-dev/README.md`).
//!
//! Per article, a predicted event is paired with at most one gold event of
//! the same type and subtype whose evidence sentence its trigger falls in
//! (or whose trigger falls in the prediction's evidence), one-to-one,
//! choosing for each gold event the unpaired candidate that agrees on the
//! most arguments (ties: the nearest trigger). Gold events that are negated
//! or hypothetical, and predictions the CSV leaves out (negated,
//! hypothetical), are scored apart: they neither count as misses nor as
//! false positives of the asserted events.
//!
//! Precision and recall are per type key (`release`,
//! `price_change/product_price`, …). Argument accuracy is, over paired
//! events, the share of gold arguments whose value the prediction gives:
//! - `company`, `product`, `item`: the same name after folding case,
//!   punctuation and legal words (`Alibaba Group` = `Alibaba`), or one name's
//!   words inside the other's ("an update to its flagship AI model");
//! - `date`, `direction`, `qualifier`, `status`, `exchange`: equal strings;
//! - numbers (`change_percent`, `change_points`, `price_amount`, …) equal to
//!   1e-6; money (`old_price`, `new_price`, `change_amount`: `0.50 USD`)
//!   equal amount (unsigned for `change_amount`: gold conventions differ)
//!   and currency;
//! - `price_unit`, `ticker`: one inside the other, case folded.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::output::EventRecord;

/// One gold argument.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldArgument {
    /// Surface, where written.
    pub text: Option<String>,
    /// Normalized value: a string, or a number for numeric roles.
    pub normalized: serde_json::Value,
}

/// A character span in gold.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldSpan {
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// Surface.
    pub text: String,
}

/// One gold event.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldEvent {
    /// `release` or `price_change`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Subtype of a price change.
    pub subtype: Option<String>,
    /// Evidence sentence start, in characters.
    pub evidence_start: usize,
    /// Evidence sentence end, in characters.
    pub evidence_end: usize,
    /// The trigger.
    pub trigger: GoldSpan,
    /// Arguments by role.
    #[serde(default)]
    pub arguments: BTreeMap<String, GoldArgument>,
    /// Negated event.
    #[serde(default)]
    pub negated: bool,
    /// Only implied by a reference to an earlier event.
    #[serde(default)]
    pub inferred: bool,
}

impl GoldEvent {
    /// `release` or `price_change/<subtype>`.
    pub fn key(&self) -> String {
        key(&self.kind, self.subtype.as_deref())
    }

    fn asserted(&self) -> bool {
        let hypothetical = self
            .arguments
            .get("status")
            .is_some_and(|a| a.normalized == "hypothetical");
        !self.negated && !hypothetical
    }
}

/// One annotated article.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldArticle {
    /// Corpus file under `../shared/corpora/`.
    pub corpus: String,
    /// Record id in that file.
    pub id: String,
    /// DCT the annotator used.
    pub dct: Option<String>,
    /// Only events whose evidence starts before this were annotated.
    pub scope_end: Option<usize>,
    /// `dev` or `test`.
    pub split: String,
    /// The events.
    pub events: Vec<GoldEvent>,
}

fn key(kind: &str, subtype: Option<&str>) -> String {
    match subtype {
        Some(s) => format!("{kind}/{s}"),
        None => kind.to_string(),
    }
}

/// How one event fared, for listings.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A gold event and the prediction paired with it, with the roles that
    /// disagreed (role, gold, predicted).
    Pair {
        /// Gold index.
        gold: usize,
        /// Predicted index.
        pred: usize,
        /// Disagreeing roles: (role, gold value, predicted value).
        wrong: Vec<(String, String, String)>,
    },
    /// A gold event no prediction paired with.
    Missed(usize),
    /// A prediction paired with no gold event.
    Spurious(usize),
}

/// Counts per type key and per role.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventScores {
    /// Type key → (gold, predicted, paired).
    pub types: BTreeMap<String, (usize, usize, usize)>,
    /// Role → (gold arguments of paired events, correct).
    pub roles: BTreeMap<String, (usize, usize)>,
}

impl EventScores {
    /// Scores one article's predictions; returns how each event fared
    /// (indices into `gold` and `pred`). Only asserted events are scored
    /// (see the module docs); predictions at or after `scope_end` (in
    /// characters) are ignored.
    pub fn add_article(
        &mut self,
        gold: &[GoldEvent],
        pred: &[EventRecord],
        scope_end: Option<usize>,
    ) -> Vec<Outcome> {
        let gold_ix: Vec<usize> = (0..gold.len()).filter(|&g| gold[g].asserted()).collect();
        let pred_ix: Vec<usize> = (0..pred.len())
            .filter(|&p| {
                pred[p].is_asserted() && scope_end.is_none_or(|e| pred[p].evidence_start < e)
            })
            .collect();
        let mut used = vec![false; pred.len()];
        let mut out = Vec::new();
        for &g in &gold_ix {
            let ge = &gold[g];
            let best = pred_ix
                .iter()
                .copied()
                .filter(|&p| !used[p] && pred_key(&pred[p]) == ge.key() && overlaps(ge, &pred[p]))
                .max_by_key(|&p| {
                    let agree = compare(ge, &pred[p])
                        .iter()
                        .filter(|(_, ok, ..)| *ok)
                        .count();
                    let distance = ge.trigger.start.abs_diff(pred[p].trigger_start);
                    (agree, std::cmp::Reverse(distance))
                });
            let entry = self.types.entry(ge.key()).or_default();
            entry.0 += 1;
            match best {
                Some(p) => {
                    used[p] = true;
                    entry.2 += 1;
                    let mut wrong = Vec::new();
                    for (role, ok, gv, pv) in compare(ge, &pred[p]) {
                        let r = self.roles.entry(role.clone()).or_default();
                        r.0 += 1;
                        if ok {
                            r.1 += 1;
                        } else {
                            wrong.push((role, gv, pv));
                        }
                    }
                    out.push(Outcome::Pair {
                        gold: g,
                        pred: p,
                        wrong,
                    });
                }
                None => out.push(Outcome::Missed(g)),
            }
        }
        for &p in &pred_ix {
            self.types.entry(pred_key(&pred[p])).or_default().1 += 1;
            if !used[p] {
                out.push(Outcome::Spurious(p));
            }
        }
        out
    }

    /// (gold, predicted, paired) summed over the type keys starting with
    /// `prefix` (`release`, `price_change`, or `""` for all).
    pub fn counts(&self, prefix: &str) -> (usize, usize, usize) {
        self.types
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .fold((0, 0, 0), |a, (_, c)| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
    }

    /// Precision over the type keys starting with `prefix` (1 with no
    /// predictions).
    pub fn precision(&self, prefix: &str) -> f64 {
        let (_, p, tp) = self.counts(prefix);
        if p == 0 { 1.0 } else { tp as f64 / p as f64 }
    }

    /// Recall over the type keys starting with `prefix` (1 with no gold).
    pub fn recall(&self, prefix: &str) -> f64 {
        let (g, _, tp) = self.counts(prefix);
        if g == 0 { 1.0 } else { tp as f64 / g as f64 }
    }

    /// Argument accuracy over every role (1 with no paired arguments).
    pub fn argument_accuracy(&self) -> f64 {
        let (n, ok) = self
            .roles
            .values()
            .fold((0, 0), |a, r| (a.0 + r.0, a.1 + r.1));
        if n == 0 { 1.0 } else { ok as f64 / n as f64 }
    }
}

fn pred_key(e: &EventRecord) -> String {
    key(e.kind, e.subtype)
}

fn overlaps(g: &GoldEvent, p: &EventRecord) -> bool {
    let inside = |x: usize, a: usize, b: usize| a <= x && x < b;
    inside(p.trigger_start, g.evidence_start, g.evidence_end)
        || inside(g.trigger.start, p.evidence_start, p.evidence_end)
}

/// Words of a name folded for comparison: lowercase letters and digits,
/// without legal and group words.
fn name_words(s: &str) -> Vec<String> {
    const LEGAL: &[&str] = &[
        "inc",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "plc",
        "llc",
        "group",
        "holdings",
        "holding",
        "the",
        "sa",
        "ag",
        "nv",
        "se",
    ];
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LEGAL.contains(w))
        .map(str::to_string)
        .collect()
}

fn same_name(gold: &[&str], pred: &[&str]) -> bool {
    let contains = |a: &[String], b: &[String]| !b.is_empty() && a.windows(b.len()).any(|w| w == b);
    gold.iter().any(|g| {
        pred.iter().any(|p| {
            let (g, p) = (name_words(g), name_words(p));
            g == p || contains(&g, &p) || contains(&p, &g)
        })
    })
}

fn number(v: &str) -> Option<f64> {
    v.trim().replace(',', "").parse().ok()
}

fn gold_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Each gold role of `g` with whether `p` agrees: (role, ok, gold, predicted).
fn compare(g: &GoldEvent, p: &EventRecord) -> Vec<(String, bool, String, String)> {
    let arg = |role: &str| p.arguments.get(role);
    let norm = |role: &str| {
        arg(role)
            .and_then(|a| a.normalized.clone())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (role, ga) in &g.arguments {
        let gv = gold_string(&ga.normalized);
        let (ok, pv) = match role.as_str() {
            "company" | "product" | "item" => {
                let pv = norm(role);
                let text = arg(role).and_then(|a| a.text.clone()).unwrap_or_default();
                let gold: Vec<&str> = [Some(gv.as_str()), ga.text.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                (!pv.is_empty() && same_name(&gold, &[&pv, &text]), pv)
            }
            "change_percent" | "change_points" => {
                let pv = norm(role);
                (
                    number(&pv)
                        .zip(number(&gv))
                        .is_some_and(|(a, b)| (a - b).abs() < 1e-6),
                    pv,
                )
            }
            "price_amount" | "price_amount_2" => {
                let r = if role == "price_amount" {
                    "price"
                } else {
                    "price_2"
                };
                let pv = arg(r)
                    .and_then(|a| a.value.as_ref())
                    .map(|n| n.0.clone())
                    .unwrap_or_default();
                (
                    number(&pv)
                        .zip(number(&gv))
                        .is_some_and(|(a, b)| (a - b).abs() < 1e-6),
                    pv,
                )
            }
            "price_currency" | "price_currency_2" => {
                let r = if role == "price_currency" {
                    "price"
                } else {
                    "price_2"
                };
                let pv = arg(r).and_then(|a| a.currency.clone()).unwrap_or_default();
                (pv.eq_ignore_ascii_case(&gv), pv)
            }
            "old_price" | "new_price" | "change_amount" => {
                let pv = norm(role);
                let split = |s: &str| {
                    let (a, c) = s.split_once(' ').unwrap_or((s, ""));
                    (number(a), c.to_uppercase())
                };
                let ((pa, pc), (ga2, gc)) = (split(&pv), split(&gv));
                let same = match (pa, ga2) {
                    (Some(a), Some(b)) if role == "change_amount" => {
                        (a.abs() - b.abs()).abs() < 1e-6
                    }
                    (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                    _ => false,
                };
                (same && (gc.is_empty() || pc == gc), pv)
            }
            "price_unit" | "ticker" => {
                let pv = norm(role).to_lowercase();
                let gl = gv.to_lowercase();
                (!pv.is_empty() && (pv.contains(&gl) || gl.contains(&pv)), pv)
            }
            _ => {
                let pv = norm(role);
                (pv == gv, pv)
            }
        };
        out.push((role.clone(), ok, gv, pv));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_legal_words_and_nest() {
        assert!(same_name(&["Alibaba"], &["Alibaba Group"]));
        assert!(same_name(&["Tencent"], &["Tencent Holdings"]));
        assert!(same_name(
            &["update to its flagship AI model"],
            &["an update to its flagship AI model"]
        ));
        assert!(!same_name(&["Baidu"], &["Alibaba Group"]));
        assert!(!same_name(&["Apple"], &[""]));
    }
}
