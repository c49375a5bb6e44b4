//! Mention scores per type: exact-span and overlap matching, and agreement
//! of normalized values, the way TempEval-3 scores temporal expressions
//! (UzZaman et al. 2013, SemEval-2013 Task 1,
//! <https://aclanthology.org/S13-2001/>) applied to every mention type.
//!
//! Per article and type, each gold mention is paired with at most one
//! predicted mention of the same type: the unpaired one that overlaps it
//! most (ties: the earlier one). Then:
//!
//! - **exact** counts pairs whose spans are identical (TempEval's strict);
//! - **overlap** counts every pair (relaxed);
//! - **value** counts pairs whose `normalized` values are equal (two
//!   missing values agree: the gold says the expression has none, such as
//!   an unresolvable date); its F1, `2·agree / (gold + pred)`, equals
//!   TempEval's "value F1" (value accuracy times relaxed F1). A type whose
//!   gold mentions give no value at all is not scored for values;
//! - **timex_type** does the same for dates' TIMEX3 types.

use std::collections::BTreeMap;

use super::annotation::Mention;

/// How one gold or predicted item of an article fared (indices into the
/// slices given to the scorer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// Gold `gold` and prediction `pred` are paired.
    Pair {
        /// Gold index.
        gold: usize,
        /// Predicted index.
        pred: usize,
    },
    /// A gold item nothing was paired with.
    Missed(usize),
    /// A prediction paired with nothing.
    Spurious(usize),
}

/// Pairs gold and predicted spans (character or byte offsets, the same on
/// both sides) one-to-one by largest overlap, in gold order; returns the
/// pairs and misses in gold order, then the spurious predictions. `same`
/// says which pairs may match at all (the same type).
///
/// ```
/// use newsie::eval::mention::{align, Alignment};
/// let a = align(&[(0, 10), (20, 25)], &[(0, 3), (2, 10), (30, 35)], |_, _| true);
/// assert_eq!(a, [Alignment::Pair { gold: 0, pred: 1 }, Alignment::Missed(1), Alignment::Spurious(0), Alignment::Spurious(2)]);
/// ```
pub fn align(
    gold: &[(usize, usize)],
    pred: &[(usize, usize)],
    same: impl Fn(usize, usize) -> bool,
) -> Vec<Alignment> {
    // Predictions by start: those that can overlap a gold span start less
    // than the longest prediction before it, so each gold span looks at a
    // window, not at every prediction.
    let mut by_start: Vec<usize> = (0..pred.len()).collect();
    by_start.sort_by_key(|&p| pred[p]);
    let longest = pred
        .iter()
        .map(|&(s, e)| e.saturating_sub(s))
        .max()
        .unwrap_or(0);
    let mut used = vec![false; pred.len()];
    let mut out = Vec::with_capacity(gold.len() + pred.len());
    for (g, &(gs, ge)) in gold.iter().enumerate() {
        let overlap = |p: usize| ge.min(pred[p].1).saturating_sub(gs.max(pred[p].0));
        // Empty spans (an insertion point) overlap an identical empty span.
        let touches = |p: usize| overlap(p) > 0 || (pred[p] == (gs, ge));
        let from = by_start.partition_point(|&p| pred[p].0 + longest < gs);
        let to = by_start.partition_point(|&p| pred[p].0 <= ge);
        // The largest overlap; then an identical span; then the earliest.
        let best = by_start[from..to.max(from)]
            .iter()
            .copied()
            .filter(|&p| !used[p] && same(g, p) && touches(p))
            .max_by_key(|&p| (overlap(p), pred[p] == (gs, ge), std::cmp::Reverse(p)));
        match best {
            Some(p) => {
                used[p] = true;
                out.push(Alignment::Pair { gold: g, pred: p });
            }
            None => out.push(Alignment::Missed(g)),
        }
    }
    out.extend(
        (0..pred.len())
            .filter(|&p| !used[p])
            .map(Alignment::Spurious),
    );
    out
}

/// Counts of one mention type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanCounts {
    /// Gold mentions.
    pub gold: usize,
    /// Predicted mentions.
    pub pred: usize,
    /// Pairs with identical spans.
    pub exact: usize,
    /// Pairs (overlapping spans).
    pub overlap: usize,
    /// Pairs whose normalized values agree.
    pub value: usize,
    /// Gold mentions with a normalized value.
    pub gold_values: usize,
    /// Pairs whose TIMEX3 types agree.
    pub timex_type: usize,
    /// Gold mentions with a TIMEX3 type.
    pub gold_timex_types: usize,
}

/// Mention counts by type, accumulated over articles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MentionScores {
    /// Type → counts.
    pub types: BTreeMap<String, SpanCounts>,
}

impl MentionScores {
    /// Scores one article: `gold` and `pred` are its mentions (already
    /// restricted to the annotated types and scope); predictions paired
    /// with nothing that overlap an `exclude` range are dropped (neither
    /// counted nor returned). Returns the alignment as [`align`] does.
    pub fn add_article(
        &mut self,
        gold: &[&Mention],
        pred: &[&Mention],
        exclude: &[(usize, usize)],
    ) -> Vec<Alignment> {
        let spans = |ms: &[&Mention]| ms.iter().map(|m| (m.start, m.end)).collect::<Vec<_>>();
        let mut out = align(&spans(gold), &spans(pred), |g, p| {
            gold[g].kind == pred[p].kind
        });
        out.retain(|a| match *a {
            Alignment::Spurious(p) => !exclude
                .iter()
                .any(|&(s, e)| s < pred[p].end && pred[p].start < e),
            _ => true,
        });
        for a in &out {
            match *a {
                Alignment::Pair { gold: g, pred: p } => {
                    let (gm, pm) = (gold[g], pred[p]);
                    let c = self.types.entry(gm.kind.clone()).or_default();
                    c.gold += 1;
                    c.pred += 1;
                    c.overlap += 1;
                    c.exact += usize::from(gm.start == pm.start && gm.end == pm.end);
                    c.gold_values += usize::from(gm.normalized.is_some());
                    c.value += usize::from(gm.normalized == pm.normalized);
                    c.gold_timex_types += usize::from(gm.timex_type.is_some());
                    c.timex_type +=
                        usize::from(gm.timex_type.is_some() && gm.timex_type == pm.timex_type);
                }
                Alignment::Missed(g) => {
                    let c = self.types.entry(gold[g].kind.clone()).or_default();
                    c.gold += 1;
                    c.gold_values += usize::from(gold[g].normalized.is_some());
                    c.gold_timex_types += usize::from(gold[g].timex_type.is_some());
                }
                Alignment::Spurious(p) => {
                    self.types.entry(pred[p].kind.clone()).or_default().pred += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(kind: &str, start: usize, end: usize, value: Option<&str>) -> Mention {
        Mention {
            article: String::new(),
            kind: kind.into(),
            start,
            end,
            text: String::new(),
            normalized: value.map(String::from),
            entity_id: None,
            timex_type: (kind == "date").then(|| "DATE".to_string()),
        }
    }

    #[test]
    fn pairs_within_a_type_by_largest_overlap_and_counts_values() {
        let gold = [
            m("date", 0, 10, Some("2024")),
            m("date", 20, 25, Some("P3W")),
            m("company", 30, 37, Some("Alibaba Group")),
        ];
        let pred = [
            m("date", 0, 3, Some("2024")),
            m("date", 2, 10, Some("2023")),
            m("date", 20, 25, None),
            // Same span, other type: no pair.
            m("model", 30, 37, None),
            m("company", 30, 37, Some("Alibaba Group")),
        ];
        let (g, p): (Vec<&Mention>, Vec<&Mention>) = (gold.iter().collect(), pred.iter().collect());
        let mut s = MentionScores::default();
        let a = s.add_article(&g, &p, &[]);
        assert_eq!(
            a,
            [
                Alignment::Pair { gold: 0, pred: 1 },
                Alignment::Pair { gold: 1, pred: 2 },
                Alignment::Pair { gold: 2, pred: 4 },
                Alignment::Spurious(0),
                Alignment::Spurious(3),
            ]
        );
        let date = s.types["date"];
        assert_eq!(
            (
                date.gold,
                date.pred,
                date.exact,
                date.overlap,
                date.value,
                date.timex_type
            ),
            (2, 3, 1, 2, 0, 2)
        );
        // Two missing values agree.
        let mut s2 = MentionScores::default();
        let none = [m("date", 0, 4, None)];
        let n: Vec<&Mention> = none.iter().collect();
        s2.add_article(&n, &n, &[]);
        assert_eq!(s2.types["date"].value, 1);
        assert_eq!((s.types["company"].exact, s.types["company"].value), (1, 1));
        assert_eq!((s.types["model"].gold, s.types["model"].pred), (0, 1));
    }

    #[test]
    fn an_identical_span_wins_a_tie_and_long_articles_stay_fast() {
        // Both predictions overlap the gold span by 5; the identical one pairs.
        let a = align(&[(5, 10)], &[(0, 10), (5, 10)], |_, _| true);
        assert_eq!(a[0], Alignment::Pair { gold: 0, pred: 1 });
        // 100k mentions each side, shifted by one: a window, not all pairs.
        let gold: Vec<(usize, usize)> = (0..100_000).map(|i| (i * 10, i * 10 + 4)).collect();
        let pred: Vec<(usize, usize)> = gold.iter().map(|&(s, e)| (s + 1, e + 1)).collect();
        let a = align(&gold, &pred, |_, _| true);
        assert!(
            a.iter()
                .all(|x| matches!(x, Alignment::Pair { gold, pred } if gold == pred))
        );
    }

    #[test]
    fn excluded_ranges_drop_only_unpaired_predictions() {
        let gold = [m("date", 0, 5, Some("2024"))];
        let pred = [m("date", 0, 5, Some("2024")), m("date", 10, 14, None)];
        let (g, p): (Vec<&Mention>, Vec<&Mention>) = (gold.iter().collect(), pred.iter().collect());
        let mut s = MentionScores::default();
        let a = s.add_article(&g, &p, &[(0, 20)]);
        assert_eq!(a, [Alignment::Pair { gold: 0, pred: 0 }]);
        assert_eq!(s.types["date"].pred, 1);
    }
}
