//! Rule-based event extraction.
//!
//! An event has a type (and subtype), a trigger (the words that signal it),
//! the sentence it was found in, the id of the rule that fired, a confidence
//! the rule assigns, and arguments by role. Rules read the [`Doc`] (tokens,
//! sentences, resolved and normalized mentions) and never change it. Their
//! words come from data files ([`lexicon`]): the trigger lexicon and the cue
//! word classes of the argument patterns.
//!
//! Rules: [`release`] (a company releases a product or model) and [`price`]
//! (`price_change` events: a company changes a product's price, a stated
//! price, a move of shares), with the clause reading they share in
//! [`clause`].

pub mod clause;
pub mod lexicon;
pub mod merge;

pub mod price;
pub mod release;

use crate::doc::Doc;
use crate::error::Result;
use crate::gazetteer::{Gazetteer, GazetteerSource};
use crate::span::Span;
use lexicon::Lexicon;

/// One argument of an event.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Argument {
    /// Byte span of the argument's surface, where it has one.
    pub span: Option<Span>,
    /// Normalized value: an entity's canonical name, a TIMEX3 value, a
    /// number, `0.14 USD`, a word of the rule's (`down`, `up_to`), or the
    /// phrase itself.
    pub normalized: Option<String>,
    /// Index of the mention the argument is, in [`Doc::mentions`].
    pub mention: Option<usize>,
    /// Gazetteer index of the entity, for companies and models that have one.
    pub entity: Option<usize>,
}

impl Argument {
    /// An argument that is a word of the rule's, with no span.
    pub fn word(value: impl Into<String>) -> Argument {
        Argument {
            normalized: Some(value.into()),
            ..Argument::default()
        }
    }
}

/// Event status: how the text asserts the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Stated as fact.
    Announced,
    /// Future or intention ("will release", "plans to cut").
    Planned,
    /// Hedged ("reportedly", "is said to").
    Reported,
    /// Possible only ("could launch", "is considering a cut").
    Hypothetical,
}

impl Status {
    /// `announced`, `planned`, `reported` or `hypothetical`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Announced => "announced",
            Status::Planned => "planned",
            Status::Reported => "reported",
            Status::Hypothetical => "hypothetical",
        }
    }
}

/// Whether an event record counts as asserted: neither negated nor
/// hypothetical (status `hypothetical`). The events CSV and the scorer leave
/// the others apart.
pub fn is_asserted(negated: bool, status: Option<&str>) -> bool {
    !negated && status != Some(Status::Hypothetical.as_str())
}

/// An extracted event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Event type: `release` or `price_change`.
    pub kind: &'static str,
    /// Subtype: for `price_change`, `product_price`, `price_quote` or
    /// `share_price`.
    pub subtype: Option<&'static str>,
    /// Byte span of the trigger (`unveiled`, `rolled out`).
    pub trigger: Span,
    /// Index of the evidence sentence.
    pub sentence: usize,
    /// Id of the rule that fired: `release.svo`, `price.product`, …
    pub rule: &'static str,
    /// The rule's confidence, 0 to 1.
    pub confidence: f64,
    /// How the text asserts it.
    pub status: Status,
    /// True for a negated event ("did not cut prices", "denied plans to
    /// launch").
    pub negated: bool,
    /// True for an event only implied by a reference to an earlier one
    /// ("Baidu and Tencent quickly followed suit").
    pub inferred: bool,
    /// Arguments by role (roles of [`roles`] for the type; `status` is the
    /// field above).
    pub arguments: Vec<(&'static str, Argument)>,
}

impl Event {
    /// The argument of `role`, if the event has one.
    pub fn argument(&self, role: &str) -> Option<&Argument> {
        self.arguments
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, a)| a)
    }

    /// True for an event that the CSV leaves out unless `--all-events`:
    /// negated or hypothetical.
    pub fn is_asserted(&self) -> bool {
        !self.negated && self.status != Status::Hypothetical
    }
}

/// The argument roles of a release, in record order.
pub const RELEASE_ROLES: [&str; 4] = ["company", "product", "date", "status"];

/// The argument roles of a price change, in record order. Money roles
/// (`old_price`, `new_price`, `change_amount`, `price`, `price_2`) are
/// normalized as `amount CODE` (`0.14 USD`); `change_percent` and
/// `change_points` are signed numbers in percent (`-97`) and percentage
/// points; `direction` is `up` or `down`; `qualifier` is `up_to`, `approx`,
/// `over`, `under` or empty for an exact figure.
pub const PRICE_ROLES: [&str; 16] = [
    "company",
    "item",
    "date",
    "status",
    "direction",
    "change_percent",
    "change_points",
    "qualifier",
    "old_price",
    "new_price",
    "change_amount",
    "price",
    "price_2",
    "price_unit",
    "ticker",
    "exchange",
];

/// The roles of an event type, in record order.
pub fn roles(kind: &str) -> &'static [&'static str] {
    match kind {
        "release" => &RELEASE_ROLES,
        _ => &PRICE_ROLES,
    }
}

/// Roles whose value is money (`amount CODE`).
pub const MONEY_ROLES: [&str; 5] = [
    "old_price",
    "new_price",
    "change_amount",
    "price",
    "price_2",
];

/// Roles whose value is a number.
pub const NUMBER_ROLES: [&str; 2] = ["change_percent", "change_points"];

/// All event rules, built once from a lexicon.
#[derive(Debug, Default)]
pub struct EventRules {
    lexicon: Lexicon,
}

impl EventRules {
    /// The rules with the lexicon of `source` (a folder's own
    /// `triggers.tsv` and `event-cues.tsv`, else the bundled ones).
    ///
    /// # Errors
    /// As [`Lexicon::load`].
    pub fn load(source: &GazetteerSource) -> Result<EventRules> {
        Ok(EventRules {
            lexicon: Lexicon::load(source)?,
        })
    }

    /// Runs every rule over `doc`, returning events sorted by trigger
    /// position (then type).
    pub fn extract(&self, doc: &Doc, gazetteer: &Gazetteer) -> Vec<Event> {
        let mut events = Vec::new();
        for s in 0..doc.sentences.len() {
            let Some(v) = clause::View::new(doc, gazetteer, &self.lexicon, s) else {
                continue;
            };
            release::sentence(&v, &mut events);
            price::sentence(&v, &mut events);
        }
        // One event per sentence, type, company and product or item: a
        // trigger read twice ("is now available", "now available") or a
        // restatement in one sentence is one row.
        let mut seen = std::collections::HashSet::new();
        events.retain(|e| {
            let name = |r: &str| e.argument(r).and_then(|a| a.normalized.clone());
            seen.insert((
                e.sentence,
                e.kind,
                e.subtype,
                name("company"),
                name("product").or_else(|| name("item")),
                name("price"),
                e.inferred,
            ))
        });
        events.sort_by(|a, b| {
            (a.trigger.start, a.trigger.end, a.kind, a.subtype).cmp(&(
                b.trigger.start,
                b.trigger.end,
                b.kind,
                b.subtype,
            ))
        });
        events
    }
}
