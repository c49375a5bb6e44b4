//! TempEval-3 style scores for temporal expressions.
//!
//! Gold and predicted expressions are [`Timex3`] spans in the same offsets
//! (the scorer does not care whether they count bytes or characters, as long
//! as both sides use the same). Per document, each gold expression is paired
//! with at most one predicted expression: the unpaired prediction that
//! overlaps it most (ties: the earlier one). Then, as in the official
//! TempEval-3 toolkit (<https://www.cs.york.ac.uk/semeval-2013/task1/>):
//!
//! - **strict** P/R/F1 count pairs whose spans are identical;
//! - **relaxed** P/R/F1 count every pair (the spans overlap);
//! - **type** and **value accuracy** are the share of relaxed pairs whose
//!   TIMEX3 `type` / `value` agree (a null value never agrees), and the
//!   attribute F1 is that accuracy times the relaxed F1 ("value F1").

/// One temporal expression: a span, its TIMEX3 type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex3 {
    /// Start offset.
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Surface text, for reports.
    pub text: String,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    pub timex_type: String,
    /// TIMEX3 value (`2025-01-29`, `P3W`), `None` when unresolved.
    pub value: Option<String>,
}

/// How one gold or predicted expression of a document fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    /// Gold `gold` and prediction `pred` overlap (indices into the slices
    /// given to [`TimexScores::add_document`]).
    Pair {
        /// Gold index.
        gold: usize,
        /// Predicted index.
        pred: usize,
    },
    /// A gold expression no prediction overlaps.
    Missed(usize),
    /// A prediction that overlaps no gold expression.
    Spurious(usize),
}

/// Counts accumulated over documents; the figures are methods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimexScores {
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub pred: usize,
    /// Pairs with identical spans.
    pub strict: usize,
    /// Pairs (overlapping spans).
    pub relaxed: usize,
    /// Pairs whose types agree.
    pub type_agree: usize,
    /// Pairs whose values agree.
    pub value_agree: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl TimexScores {
    /// Aligns one document's predictions with its gold expressions, adds the
    /// counts, and returns the alignment in gold order, then the spurious
    /// predictions.
    ///
    /// ```
    /// use newsie::eval::timex::{Timex3, TimexScores};
    /// let t = |start, end, value: &str| Timex3 { start, end, text: String::new(), timex_type: "DATE".into(), value: Some(value.into()) };
    /// let mut s = TimexScores::default();
    /// s.add_document(&[t(0, 6, "2025-01-29"), t(10, 14, "2024")], &[t(0, 6, "2025-01-29"), t(10, 20, "2023"), t(30, 35, "P1D")]);
    /// assert_eq!((s.strict, s.relaxed, s.value_agree), (1, 2, 1));
    /// assert!((s.relaxed_f1() - 0.8).abs() < 1e-9);
    /// assert!((s.value_f1() - 0.4).abs() < 1e-9);
    /// ```
    pub fn add_document(&mut self, gold: &[Timex3], pred: &[Timex3]) -> Vec<Alignment> {
        let mut used = vec![false; pred.len()];
        let mut out = Vec::with_capacity(gold.len() + pred.len());
        for (g, gt) in gold.iter().enumerate() {
            let overlap = |p: &Timex3| gt.end.min(p.end).saturating_sub(gt.start.max(p.start));
            let best = (0..pred.len())
                .filter(|&p| !used[p] && overlap(&pred[p]) > 0)
                .max_by_key(|&p| (overlap(&pred[p]), std::cmp::Reverse(p)));
            match best {
                Some(p) => {
                    used[p] = true;
                    let pt = &pred[p];
                    self.relaxed += 1;
                    self.strict += usize::from(pt.start == gt.start && pt.end == gt.end);
                    self.type_agree += usize::from(pt.timex_type == gt.timex_type);
                    self.value_agree += usize::from(pt.value.is_some() && pt.value == gt.value);
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
        self.gold += gold.len();
        self.pred += pred.len();
        out
    }

    /// Adds another set of counts.
    pub fn merge(&mut self, other: &TimexScores) {
        self.gold += other.gold;
        self.pred += other.pred;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.type_agree += other.type_agree;
        self.value_agree += other.value_agree;
    }

    /// Strict precision: identical spans over predictions.
    pub fn strict_precision(&self) -> f64 {
        ratio(self.strict, self.pred)
    }
    /// Strict recall: identical spans over gold.
    pub fn strict_recall(&self) -> f64 {
        ratio(self.strict, self.gold)
    }
    /// Strict F1.
    pub fn strict_f1(&self) -> f64 {
        f1(self.strict_precision(), self.strict_recall())
    }
    /// Relaxed precision: overlapping pairs over predictions.
    pub fn relaxed_precision(&self) -> f64 {
        ratio(self.relaxed, self.pred)
    }
    /// Relaxed recall: overlapping pairs over gold.
    pub fn relaxed_recall(&self) -> f64 {
        ratio(self.relaxed, self.gold)
    }
    /// Relaxed F1.
    pub fn relaxed_f1(&self) -> f64 {
        f1(self.relaxed_precision(), self.relaxed_recall())
    }
    /// Share of relaxed pairs whose TIMEX3 types agree.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_agree, self.relaxed)
    }
    /// Type accuracy times relaxed F1.
    pub fn type_f1(&self) -> f64 {
        self.type_accuracy() * self.relaxed_f1()
    }
    /// Share of relaxed pairs whose TIMEX3 values agree.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_agree, self.relaxed)
    }
    /// Value accuracy times relaxed F1 (TempEval-3's "value F1").
    pub fn value_f1(&self) -> f64 {
        self.value_accuracy() * self.relaxed_f1()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(start: usize, end: usize, ty: &str, value: Option<&str>) -> Timex3 {
        Timex3 {
            start,
            end,
            text: String::new(),
            timex_type: ty.into(),
            value: value.map(String::from),
        }
    }

    #[test]
    fn alignment_is_one_to_one_and_prefers_the_largest_overlap() {
        let gold = [
            t(0, 10, "DATE", Some("2024")),
            t(20, 25, "DURATION", Some("P3W")),
        ];
        let pred = [
            t(0, 3, "DATE", Some("2024")),
            t(2, 10, "DATE", Some("2023")),
            t(20, 25, "DATE", None),
        ];
        let mut s = TimexScores::default();
        let a = s.add_document(&gold, &pred);
        assert_eq!(
            a,
            [
                Alignment::Pair { gold: 0, pred: 1 },
                Alignment::Pair { gold: 1, pred: 2 },
                Alignment::Spurious(0),
            ]
        );
        assert_eq!(
            s,
            TimexScores {
                gold: 2,
                pred: 3,
                strict: 1,
                relaxed: 2,
                type_agree: 1,
                value_agree: 0,
            }
        );
        assert!((s.relaxed_precision() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.relaxed_recall(), 1.0);
        assert_eq!(s.value_f1(), 0.0);
        assert!((s.type_f1() - 0.5 * 0.8).abs() < 1e-9);
    }

    #[test]
    fn empty_sets_score_zero_not_nan() {
        let mut s = TimexScores::default();
        assert_eq!(s.add_document(&[], &[]), []);
        assert_eq!((s.relaxed_f1(), s.value_f1()), (0.0, 0.0));
        s.add_document(&[t(0, 1, "DATE", None)], &[]);
        assert_eq!(s.relaxed_recall(), 0.0);
    }
}
