//! Temporal normalization: a date expression plus the document creation time
//! (DCT) gives a TIMEX3 value (ISO-TimeML, <https://www.timeml.org>).
//!
//! Absolute expressions (`January 10, 2025`, `2025-01-10`, `May 2024`) need no
//! anchor. Relative ones (`Wednesday`, `January 10`) are resolved against the
//! DCT, using the tense of their sentence:
//! - a **weekday** points back to the latest such day on or before the DCT
//!   (news is written in the past tense: "said on Wednesday"), or forward to
//!   the first such day on or after it when the words right before it speak
//!   of the future ("will launch on Friday", "is expected to report on
//!   Monday");
//! - a **month and day** without a year take the year that puts the date
//!   nearest to the DCT (a January article's "December 15" is last year's,
//!   a December article's "January 10" next year's); after a future cue,
//!   the first such date on or after the DCT.
//!
//! Without a DCT a relative expression gets no value (and anchor
//! [`Anchor::Unresolved`]); it is never guessed from the clock. Calendar
//! arithmetic is jiff's.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// A recognized date expression, before normalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// A full calendar date: `January 10, 2025`, `10 January 2025`, `2025-01-10`.
    Full(Date),
    /// A month of a year: `May 2024`.
    MonthOfYear {
        /// Year.
        year: i16,
        /// Month, 1-12.
        month: i8,
    },
    /// A month and day without a year: `January 10`, `Jan. 10`, `10 January`,
    /// `Friday 15 December` (the weekday, when written, picks the year).
    MonthDay {
        /// Month, 1-12.
        month: i8,
        /// Day of month, 1-31 (valid for the month in some year).
        day: i8,
        /// The weekday written with it, if any.
        weekday: Option<Weekday>,
    },
    /// A weekday name: `Wednesday`.
    Weekday(Weekday),
}

/// The tense of the sentence around an expression, as far as it matters for
/// resolving relative dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past or present (the default in news).
    Past,
    /// Future: `will`, `plans to`, `is expected to`, `next`, `upcoming`, …
    Future,
}

/// What a value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The expression is absolute.
    None,
    /// Resolved against the document creation time.
    Dct,
    /// Relative, but the article has no DCT: the value is null.
    Unresolved,
}

impl Anchor {
    /// The name used in records: `none`, `dct`, `unresolved`.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::None => "none",
            Anchor::Dct => "dct",
            Anchor::Unresolved => "unresolved",
        }
    }
}

/// A normalized temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// TIMEX3 value (`2025-01-29`, `2024-05`), or `None` when unresolved.
    pub value: Option<String>,
    /// TIMEX3 type; `DATE` for every expression recognized so far.
    pub timex_type: &'static str,
    /// What the value was computed from.
    pub anchor: Anchor,
}

/// Words that mark the future on their own.
const FUTURE_WORDS: &[&str] = &[
    "will", "'ll", "’ll", "shall", "upcoming", "next", "expects", "expect",
];
/// Words that mark the future after a present-tense `is`/`are`/`be`:
/// "is expected to", "are set to", "is due to", "is scheduled for",
/// "is going to" (but "was expected to" and "said he expected" are past).
const FUTURE_AFTER_BE: &[&str] = &[
    "expected",
    "set",
    "due",
    "scheduled",
    "going",
    "slated",
    "poised",
];
/// Intention verbs that mark the future when `to` follows: "plans to".
const INTENT_VERBS: &[&str] = &[
    "plans", "plan", "planning", "intends", "intend", "aims", "aim", "hopes", "prepares",
];

/// Guesses the tense of the words right before a date expression (the
/// pipeline passes the six words before it in its sentence): future after
/// *will*, *next*, *expects*, *is expected to*, *is set to*, *plans to* and
/// the like; past (the default of news) otherwise.
///
/// ```
/// use newsie::temporal::{tense_of, Tense};
/// assert_eq!(tense_of(&["it", "will", "launch", "on", "friday"]), Tense::Future);
/// assert_eq!(tense_of(&["is", "expected", "to", "report", "on"]), Tense::Future);
/// assert_eq!(tense_of(&["said", "he", "expected", "to", "be", "arrested", "on"]), Tense::Past);
/// assert_eq!(tense_of(&["the", "fed", "announced", "a", "plan", "on"]), Tense::Past);
/// ```
pub fn tense_of(words: &[&str]) -> Tense {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let is = |i: usize, list: &[&str]| lower.get(i).is_some_and(|w| list.contains(&w.as_str()));
    let future = (0..lower.len()).any(|i| {
        is(i, FUTURE_WORDS)
            || (is(i, FUTURE_AFTER_BE) && i > 0 && is(i - 1, &["is", "are", "be", "’s", "'s"]))
            || (is(i, INTENT_VERBS) && is(i + 1, &["to"]))
    });
    if future { Tense::Future } else { Tense::Past }
}

/// Normalizes `expr` against `dct` (see the module docs for the policy).
///
/// ```
/// use jiff::civil::date;
/// use newsie::temporal::{normalize, DateExpr, Tense};
/// let dct = Some(date(2025, 1, 29)); // a Wednesday
/// let wed = normalize(DateExpr::Weekday(jiff::civil::Weekday::Wednesday), dct, Tense::Past);
/// assert_eq!(wed.value.as_deref(), Some("2025-01-29"));
/// let jan10 = normalize(DateExpr::MonthDay { month: 1, day: 10, weekday: None }, dct, Tense::Past);
/// assert_eq!(jan10.value.as_deref(), Some("2025-01-10"));
/// ```
pub fn normalize(expr: DateExpr, dct: Option<Date>, tense: Tense) -> Timex {
    let timex = |value: Option<String>, anchor| Timex {
        value,
        timex_type: "DATE",
        anchor,
    };
    match expr {
        DateExpr::Full(d) => timex(Some(d.to_string()), Anchor::None),
        DateExpr::MonthOfYear { year, month } => {
            timex(Some(format!("{year:04}-{month:02}")), Anchor::None)
        }
        DateExpr::MonthDay {
            month,
            day,
            weekday,
        } => match dct {
            None => timex(None, Anchor::Unresolved),
            Some(dct) => timex(
                resolve_month_day(month, day, weekday, dct, tense).map(|d| d.to_string()),
                Anchor::Dct,
            ),
        },
        DateExpr::Weekday(w) => match dct {
            None => timex(None, Anchor::Unresolved),
            Some(dct) => timex(
                resolve_weekday(w, dct, tense).map(|d| d.to_string()),
                Anchor::Dct,
            ),
        },
    }
}

fn resolve_weekday(w: Weekday, dct: Date, tense: Tense) -> Option<Date> {
    let today = dct.weekday().to_monday_zero_offset() as i64;
    let target = w.to_monday_zero_offset() as i64;
    let days = match tense {
        Tense::Past => -((today - target).rem_euclid(7)),
        Tense::Future => (target - today).rem_euclid(7),
    };
    dct.checked_add(days.days()).ok()
}

fn resolve_month_day(
    month: i8,
    day: i8,
    weekday: Option<Weekday>,
    dct: Date,
    tense: Tense,
) -> Option<Date> {
    let candidates: Vec<Date> = (dct.year() - 1..=dct.year() + 1)
        .filter_map(|y| Date::new(y, month, day).ok())
        .collect();
    let distance = |d: &Date| (dct.until(*d).map_or(i32::MAX, |s| s.get_days().abs()), *d);
    // A written weekday that fits exactly one nearby year decides.
    if let Some(w) = weekday {
        let fitting: Vec<Date> = candidates
            .iter()
            .copied()
            .filter(|d| d.weekday() == w)
            .collect();
        if let Some(d) = fitting.iter().min_by_key(|d| distance(d)) {
            return Some(*d);
        }
    }
    match tense {
        Tense::Future => candidates.into_iter().find(|d| *d >= dct),
        Tense::Past => candidates.into_iter().min_by_key(distance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn relative_dates_against_the_dct() {
        let md = |month, day| DateExpr::MonthDay {
            month,
            day,
            weekday: None,
        };
        let wmd = |month, day, w| DateExpr::MonthDay {
            month,
            day,
            weekday: Some(w),
        };
        let wed = date(2025, 1, 29);
        let fri = date(2025, 1, 31);
        // (expression, dct, tense, expected value)
        let cases: &[(DateExpr, Date, Tense, &str)] = &[
            (
                DateExpr::Weekday(Weekday::Wednesday),
                wed,
                Tense::Past,
                "2025-01-29",
            ),
            (
                DateExpr::Weekday(Weekday::Monday),
                wed,
                Tense::Past,
                "2025-01-27",
            ),
            (
                DateExpr::Weekday(Weekday::Thursday),
                wed,
                Tense::Past,
                "2025-01-23",
            ),
            (
                DateExpr::Weekday(Weekday::Thursday),
                wed,
                Tense::Future,
                "2025-01-30",
            ),
            (
                DateExpr::Weekday(Weekday::Monday),
                fri,
                Tense::Future,
                "2025-02-03",
            ),
            (
                DateExpr::Weekday(Weekday::Friday),
                fri,
                Tense::Future,
                "2025-01-31",
            ),
            (md(1, 10), wed, Tense::Past, "2025-01-10"),
            (md(12, 15), wed, Tense::Past, "2024-12-15"),
            (md(3, 31), date(1987, 2, 26), Tense::Past, "1987-03-31"),
            (md(1, 10), date(2024, 12, 20), Tense::Past, "2025-01-10"),
            (md(1, 10), wed, Tense::Future, "2026-01-10"),
            (md(2, 29), wed, Tense::Past, "2024-02-29"),
            (
                DateExpr::Full(date(2024, 5, 1)),
                wed,
                Tense::Past,
                "2024-05-01",
            ),
            // "Friday 15 December" in a March 2023 article: 2023-12-15 is a Friday.
            (
                wmd(12, 15, Weekday::Friday),
                date(2023, 3, 24),
                Tense::Past,
                "2023-12-15",
            ),
            // A weekday that fits no nearby year is ignored.
            (
                wmd(12, 15, Weekday::Monday),
                date(2023, 3, 24),
                Tense::Past,
                "2022-12-15",
            ),
            (
                DateExpr::MonthOfYear {
                    year: 2024,
                    month: 5,
                },
                wed,
                Tense::Past,
                "2024-05",
            ),
        ];
        for &(expr, dct, tense, want) in cases {
            let t = normalize(expr, Some(dct), tense);
            assert_eq!(
                t.value.as_deref(),
                Some(want),
                "{expr:?} at {dct} ({tense:?})"
            );
        }
    }

    #[test]
    fn no_dct_means_no_guess() {
        let t = normalize(DateExpr::Weekday(Weekday::Monday), None, Tense::Past);
        assert_eq!((t.value, t.anchor), (None, Anchor::Unresolved));
        let t = normalize(DateExpr::Full(date(2025, 1, 10)), None, Tense::Past);
        assert_eq!(
            (t.value.as_deref(), t.anchor),
            (Some("2025-01-10"), Anchor::None)
        );
    }
}
