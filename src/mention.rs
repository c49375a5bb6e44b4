//! Mentions: what the recognizers find, before they become output records.

use crate::span::Span;
use crate::temporal::{DateExpr, Timex, TimexType};

/// The type of a mention, as written in records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionType {
    /// A company or organisation (gazetteer).
    Company,
    /// A stock ticker (`9988.HK`).
    Ticker,
    /// An AI model (gazetteer).
    Model,
    /// A temporal expression (TIMEX3 DATE, TIME, DURATION or SET; the
    /// record's `timex_type` tells which).
    Date,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A type newsie has no recognizer for, named by a flat gazetteer list
    /// (`person`, `media`: see [`crate::gazetteer::Gazetteer::from_list`]);
    /// its mentions are reported under that name. The name is interned
    /// ([`intern`]).
    Listed(&'static str),
}

/// The one `&'static str` for a type name: the first call for a name leaks
/// one copy of it, later calls return that copy, so memory is bounded by the
/// number of distinct names, however many lists are loaded.
pub fn intern(name: &str) -> &'static str {
    use std::collections::BTreeSet;
    use std::sync::Mutex;
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&n) = names.get(name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

impl MentionType {
    /// Every built-in type, in the order of their names.
    pub const ALL: [MentionType; 6] = [
        MentionType::Company,
        MentionType::Date,
        MentionType::Model,
        MentionType::Money,
        MentionType::Percent,
        MentionType::Ticker,
    ];

    /// The name used in records: `company`, `ticker`, `model`, `date`,
    /// `money`, `percent`, or a listed type's own name.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionType::Company => "company",
            MentionType::Ticker => "ticker",
            MentionType::Model => "model",
            MentionType::Date => "date",
            MentionType::Money => "money",
            MentionType::Percent => "percent",
            MentionType::Listed(name) => name,
        }
    }
}

/// What a mention denotes, per type.
#[derive(Debug, Clone, PartialEq)]
pub enum MentionValue {
    /// A gazetteer entity (company or model): index into the gazetteer.
    Entity(usize),
    /// A ticker: normalized symbol (`0700.HK`), exchange MIC, and the listed
    /// company when the gazetteer knows it.
    Ticker {
        /// Symbol in the `0700.HK` form.
        symbol: String,
        /// ISO 10383 MIC of the exchange (`XHKG`), where the form tells it.
        mic: Option<&'static str>,
        /// Gazetteer index of the listed company.
        company: Option<usize>,
    },
    /// A date expression and, once the temporal stage ran, its TIMEX3 value.
    Date {
        /// The recognized expression.
        expr: DateExpr,
        /// Its TIMEX3 type.
        timex_type: TimexType,
        /// The normalized value; `None` before normalization.
        timex: Option<Timex>,
    },
    /// Money: a decimal amount (exact, as a string without exponent) and an
    /// ISO 4217 currency code.
    Money {
        /// Amount in units of `currency` (`0.14`, `589000000000`).
        amount: String,
        /// ISO 4217 code (`USD`, `CNY`).
        currency: &'static str,
    },
    /// A model the gazetteer does not list, found by its family's pattern
    /// (`Qwen 3.5`, `GPT-6`).
    UnlistedModel {
        /// The name as written, whitespace folded to single spaces.
        name: String,
        /// The family as listed (`Qwen`).
        family: String,
        /// The family's usual developer (company id).
        developer: Option<String>,
    },
    /// A company the gazetteer does not list, discovered in the text: a name
    /// before an unknown ticker (`Hexagon Holdings (HXGN)`), a Reuters-style
    /// `<Standard Oil Co>`, or a later short form of one of these.
    DiscoveredCompany {
        /// The name as first written, whitespace folded, without the legal
        /// suffix (`Standard Oil`).
        name: String,
    },
    /// A percentage, in percent (`97` for 97%, not 0.97), or a change in
    /// percentage points (`3 percentage points`).
    Percent {
        /// The number as a decimal string.
        percent: String,
        /// True for percentage points, a difference of two percentages.
        points: bool,
    },
}

/// A mention: a span of the text, its type, which stage found it, and what it
/// denotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte span in the article text.
    pub span: Span,
    /// The mention type.
    pub kind: MentionType,
    /// What found it: `gazetteer` or `pattern`.
    pub source: &'static str,
    /// What it denotes.
    pub value: MentionValue,
}
