//! Overlap resolution between gazetteer matches and recognizer candidates.
//!
//! Policy **longest-then-priority**: candidates are taken in order of start;
//! when two overlap, the longer one wins; at equal length the type earlier in
//! [`PRIORITY`] wins (a ticker over anything, a model over a company). The
//! survivors never overlap and are sorted by (start, end, type name).

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::mention::{Mention, MentionType};

/// Type priority at equal length, highest first.
pub const PRIORITY: [MentionType; 6] = [
    MentionType::Ticker,
    MentionType::Model,
    MentionType::Company,
    MentionType::Money,
    MentionType::Percent,
    MentionType::Date,
];

fn rank(t: MentionType) -> usize {
    PRIORITY
        .iter()
        .position(|p| *p == t)
        .unwrap_or(PRIORITY.len())
}

/// Applies the longest-then-priority policy to `candidates`.
///
/// ```
/// use newsie::mention::{Mention, MentionType, MentionValue};
/// use newsie::resolve::resolve;
/// use newsie::span::Span;
/// let m = |s, e, kind| Mention { span: Span::new(s, e), kind, source: "test", value: MentionValue::Entity(0) };
/// let kept = resolve(vec![m(0, 4, MentionType::Company), m(0, 8, MentionType::Model), m(9, 12, MentionType::Date)]);
/// assert_eq!(kept.iter().map(|m| m.kind).collect::<Vec<_>>(), [MentionType::Model, MentionType::Date]);
/// ```
pub fn resolve(mut candidates: Vec<Mention>) -> Vec<Mention> {
    // Strongest first: longer, then higher priority, then earlier.
    candidates.sort_by_key(|m| (Reverse(m.span.len()), rank(m.kind), m.span.start));
    // Kept spans are disjoint, so among those starting before a candidate's end
    // only the last one can overlap it.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept: Vec<Mention> = Vec::with_capacity(candidates.len());
    for c in candidates {
        let clash = taken
            .range(..c.span.end.max(c.span.start + 1))
            .next_back()
            .is_some_and(|(_, &end)| end > c.span.start);
        if !clash {
            taken.insert(c.span.start, c.span.end);
            kept.push(c);
        }
    }
    kept.sort_by(|a, b| {
        (a.span.start, a.span.end, a.kind.as_str()).cmp(&(
            b.span.start,
            b.span.end,
            b.kind.as_str(),
        ))
    });
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mention::MentionValue;
    use crate::span::Span;

    fn m(start: usize, end: usize, kind: MentionType) -> Mention {
        Mention {
            span: Span::new(start, end),
            kind,
            source: "test",
            value: MentionValue::Entity(0),
        }
    }

    #[test]
    fn overlap_policy() {
        let cases: &[(&str, Vec<Mention>, Vec<(usize, usize, MentionType)>)] = &[
            (
                "longer wins",
                vec![m(0, 7, MentionType::Company), m(0, 11, MentionType::Model)],
                vec![(0, 11, MentionType::Model)],
            ),
            (
                "equal length: priority",
                vec![m(0, 7, MentionType::Date), m(0, 7, MentionType::Ticker)],
                vec![(0, 7, MentionType::Ticker)],
            ),
            (
                "disjoint kept and sorted",
                vec![m(10, 12, MentionType::Percent), m(0, 3, MentionType::Money)],
                vec![(0, 3, MentionType::Money), (10, 12, MentionType::Percent)],
            ),
            (
                "partial overlap: longer wins",
                vec![m(0, 5, MentionType::Money), m(3, 12, MentionType::Company)],
                vec![(3, 12, MentionType::Company)],
            ),
        ];
        for (name, input, want) in cases {
            let got: Vec<_> = resolve(input.clone())
                .iter()
                .map(|m| (m.span.start, m.span.end, m.kind))
                .collect();
            assert_eq!(&got, want, "{name}");
        }
    }
}
