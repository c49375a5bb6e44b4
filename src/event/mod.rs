//! Rule-based event extraction.
//!
//! An event has a type, a trigger (the word that signals it), the sentence it
//! was found in, the id of the rule that fired, a confidence the rule assigns,
//! and arguments by role. Rules read the [`Doc`] (tokens, sentences, resolved
//! and normalized mentions) and never change it.
//!
//! Rules so far: [`release`] (a company releases a product or model, all in one
//! sentence).

pub mod release;

use crate::doc::Doc;
use crate::gazetteer::Gazetteer;
use crate::span::Span;

/// One argument of an event.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    /// Byte span of the argument's surface, where it has one.
    pub span: Option<Span>,
    /// Normalized value: an entity's canonical name, a TIMEX3 value, a status
    /// word, or the phrase itself.
    pub normalized: Option<String>,
    /// Index of the mention the argument is, in [`Doc::mentions`].
    pub mention: Option<usize>,
}

/// An extracted event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Event type: `release`.
    pub kind: &'static str,
    /// Subtype, where the type has them.
    pub subtype: Option<&'static str>,
    /// Byte span of the trigger (`unveiled`, `rolled out`).
    pub trigger: Span,
    /// Index of the evidence sentence.
    pub sentence: usize,
    /// Id of the rule that fired: `release.svo`, …
    pub rule: &'static str,
    /// The rule's confidence, 0 to 1.
    pub confidence: f64,
    /// Arguments by role, in a fixed role order per event type.
    pub arguments: Vec<(&'static str, Argument)>,
}

/// Every argument role, in the order of the CSV columns. Every event record
/// carries all of them (`null` fields where an event has none).
pub const ROLES: [&str; 4] = ["company", "product", "date", "status"];

/// Roles whose value is a word of the rule's, never a span of the text: the
/// CSV gives them one column, not three.
pub const SPANLESS_ROLES: [&str; 1] = ["status"];

/// All event rules, built once.
#[derive(Debug, Default)]
pub struct EventRules {
    release: release::ReleaseRule,
}

impl EventRules {
    /// Runs every rule over `doc`, returning events sorted by trigger position.
    pub fn extract(&self, doc: &Doc, gazetteer: &Gazetteer) -> Vec<Event> {
        let mut events = self.release.extract(doc, gazetteer);
        events.sort_by_key(|e| (e.trigger.start, e.trigger.end));
        events
    }
}
