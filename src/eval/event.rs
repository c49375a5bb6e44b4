//! Event scores: per event type, matched by evidence sentence and by
//! trigger; per argument role, by value.
//!
//! Per article, a predicted event is paired with at most one gold event of
//! the same type and subtype whose evidence sentence its trigger falls in
//! (or whose trigger falls in the prediction's evidence), one-to-one: of
//! all such pairs, those agreeing on the most arguments are taken first
//! (ties: the nearest trigger). Negated and hypothetical
//! events, gold or predicted, are scored apart, under their own keys
//! (`release (negated)`, `release (hypothetical)`): they neither count as
//! misses nor as false positives of the asserted events.
//!
//! - **overlap** counts those pairs; **exact** counts pairs whose trigger
//!   spans are identical too.
//! - An **argument** of a role is correct when its event is paired and the
//!   two values agree; its precision is over the predicted events' given
//!   arguments of that role, its recall over the gold ones (as ACE-style
//!   argument scoring does). **Argument accuracy** is over paired events
//!   only: the share of gold arguments the prediction gets right.
//!
//! Values agree by role:
//! - `company`, `product`, `item`: the same name after folding case,
//!   punctuation and legal words (`Alibaba Group` = `Alibaba`), or one name's
//!   words inside the other's ("an update to its flagship AI model"),
//!   comparing normalized values and surfaces;
//! - number roles (`change_percent`, `change_points`): equal to 1e-6;
//! - money roles (`price`, `price_2`, `old_price`, `new_price`,
//!   `change_amount`): equal amount (unsigned for `change_amount`: gold
//!   conventions differ) and, where the gold gives one, currency;
//! - `price_unit`, `ticker`: one inside the other, case folded;
//! - others (`date`, `direction`, `qualifier`, `status`, `exchange`): equal
//!   strings.

use std::collections::BTreeMap;

use super::annotation::{Argument, Event};
use crate::event::{MONEY_ROLES, NUMBER_ROLES};

/// How one event fared, for listings.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A gold event and the prediction paired with it, with the roles that
    /// disagreed (role, gold value, predicted value).
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

/// Counts of one event type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// Gold events.
    pub gold: usize,
    /// Predicted events.
    pub pred: usize,
    /// Pairs (same type, overlapping sentence).
    pub overlap: usize,
    /// Pairs with identical trigger spans.
    pub exact: usize,
}

/// Counts of one argument role of one event type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArgumentCounts {
    /// Gold arguments (of every gold event).
    pub gold: usize,
    /// Predicted arguments (of every predicted event).
    pub pred: usize,
    /// Gold arguments of paired events.
    pub paired_gold: usize,
    /// Correct arguments (of paired events).
    pub correct: usize,
}

/// Event counts by type key and by (type key, role), accumulated over
/// articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventScores {
    /// Type key (`release`, `price_change/share_price`) → counts.
    pub types: BTreeMap<String, EventCounts>,
    /// (type key, role) → counts.
    pub roles: BTreeMap<(String, String), ArgumentCounts>,
}

impl EventScores {
    /// Scores one article's events (already restricted to the annotated
    /// types and scope); returns how each event fared (indices into `gold`
    /// and `pred`).
    pub fn add_article(&mut self, gold: &[&Event], pred: &[&Event]) -> Vec<Outcome> {
        let gold_ix: Vec<usize> = (0..gold.len()).collect();
        let pred_ix: Vec<usize> = (0..pred.len()).collect();
        // Every candidate pair, best first (most agreeing arguments, then
        // the nearest trigger, then text order), taken greedily: a pair is
        // kept when neither side is taken yet. Unlike pairing gold events
        // one by one, this keeps a gold event from taking a prediction that
        // agrees better with a later one.
        let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new();
        for &g in &gold_ix {
            for &p in &pred_ix {
                if score_key(pred[p]) == score_key(gold[g]) && overlaps(gold[g], pred[p]) {
                    let agree = compare(gold[g], pred[p])
                        .iter()
                        .filter(|(_, ok, ..)| *ok)
                        .count();
                    let distance = gold[g].trigger_start.abs_diff(pred[p].trigger_start);
                    candidates.push((agree, distance, g, p));
                }
            }
        }
        candidates
            .sort_by_key(|&(agree, distance, g, p)| (std::cmp::Reverse(agree), distance, g, p));
        let mut used = vec![false; pred.len()];
        let mut paired: Vec<Option<usize>> = vec![None; gold.len()];
        for (_, _, g, p) in candidates {
            if paired[g].is_none() && !used[p] {
                paired[g] = Some(p);
                used[p] = true;
            }
        }
        let mut out = Vec::new();
        for &g in &gold_ix {
            let ge = gold[g];
            let key = score_key(ge);
            let best = paired[g];
            self.tally_roles(&key, ge, |c| &mut c.gold);
            let entry = self.types.entry(key.clone()).or_default();
            entry.gold += 1;
            let Some(p) = best else {
                out.push(Outcome::Missed(g));
                continue;
            };
            entry.overlap += 1;
            entry.exact += usize::from(
                ge.trigger_start == pred[p].trigger_start && ge.trigger_end == pred[p].trigger_end,
            );
            let mut wrong = Vec::new();
            for (role, ok, gv, pv) in compare(ge, pred[p]) {
                let r = self.roles.entry((key.clone(), role.clone())).or_default();
                r.paired_gold += 1;
                if ok {
                    r.correct += 1;
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
        for &p in &pred_ix {
            let key = score_key(pred[p]);
            self.tally_roles(&key, pred[p], |c| &mut c.pred);
            self.types.entry(key).or_default().pred += 1;
            if !used[p] {
                out.push(Outcome::Spurious(p));
            }
        }
        out
    }
}

impl EventScores {
    /// Adds one to `side` of the counts of each role `e` gives.
    fn tally_roles(&mut self, key: &str, e: &Event, side: fn(&mut ArgumentCounts) -> &mut usize) {
        for (role, _) in e.arguments.iter().filter(|(_, a)| a.is_given()) {
            let counts = self
                .roles
                .entry((key.to_string(), role.clone()))
                .or_default();
            *side(counts) += 1;
        }
    }
}

/// The key an event is scored under: its type key, with ` (negated)` or
/// ` (hypothetical)` after it for an event that is not asserted, so that
/// those pair only among themselves and have rows of their own.
pub fn score_key(e: &Event) -> String {
    let key = e.key();
    if e.negated {
        format!("{key} (negated)")
    } else if !e.is_asserted() {
        format!("{key} (hypothetical)")
    } else {
        key
    }
}

fn overlaps(g: &Event, p: &Event) -> bool {
    let inside = |x: usize, a: usize, b: usize| a <= x && x < b;
    inside(p.trigger_start, g.evidence_start, g.evidence_end)
        || inside(g.trigger_start, p.evidence_start, p.evidence_end)
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

/// Each given gold argument of `g` with whether `p` agrees: (role, ok,
/// gold value, predicted value).
fn compare(g: &Event, p: &Event) -> Vec<(String, bool, String, String)> {
    let none = Argument::default();
    let mut out = Vec::new();
    for (role, ga) in g.arguments.iter().filter(|(_, a)| a.is_given()) {
        let pa = p.arguments.get(role).unwrap_or(&none);
        let gv = ga.normalized.clone().unwrap_or_default();
        let pv = pa.normalized.clone().unwrap_or_default();
        let ok = pa.is_given() && agree(role, ga, pa);
        out.push((role.clone(), ok, gv, pv));
    }
    out
}

/// An argument's normalized value and surface, for name comparison.
fn names(a: &Argument) -> Vec<&str> {
    [a.normalized.as_deref(), a.text.as_deref()]
        .into_iter()
        .flatten()
        .collect()
}

/// Whether a predicted argument of `role` gives the gold value (see the
/// module docs).
fn agree(role: &str, g: &Argument, p: &Argument) -> bool {
    let (gv, pv) = (
        g.normalized.as_deref().unwrap_or_default(),
        p.normalized.as_deref().unwrap_or_default(),
    );
    match role {
        "company" | "product" | "item" => same_name(&names(g), &names(p)),
        _ if NUMBER_ROLES.contains(&role) => number(gv)
            .zip(number(pv))
            .is_some_and(|(a, b)| (a - b).abs() < 1e-6),
        _ if MONEY_ROLES.contains(&role) => {
            let money = |a: &Argument| {
                let (amount, code) = a
                    .normalized
                    .as_deref()
                    .unwrap_or_default()
                    .split_once(' ')
                    .map_or(
                        (a.normalized.as_deref().unwrap_or_default(), ""),
                        |(x, c)| (x, c),
                    );
                let amount = a.value.or_else(|| number(amount));
                let code = a.currency.clone().unwrap_or_else(|| code.to_string());
                (amount, code.to_uppercase())
            };
            let ((ga, gc), (pa, pc)) = (money(g), money(p));
            let same = match (ga, pa) {
                (Some(a), Some(b)) if role == "change_amount" => (a.abs() - b.abs()).abs() < 1e-6,
                (Some(a), Some(b)) => (a - b).abs() < 1e-6,
                _ => false,
            };
            same && (gc.is_empty() || gc == pc)
        }
        "price_unit" | "ticker" => {
            let (gl, pl) = (gv.to_lowercase(), pv.to_lowercase());
            !pl.is_empty() && (pl.contains(&gl) || gl.contains(&pl))
        }
        _ => gv == pv,
    }
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
