//! The record schema: what `newsie extract` writes, field by field.
//!
//! Offsets in records are **character** offsets (Unicode scalar values) into
//! the article text, half-open, so that Python's `text[start:end]` is the
//! surface. Every record of a type has the same keys (`null` where a field
//! does not apply), so JSONL loads into a table without gaps in the schema.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::doc::Doc;
use crate::event::{Argument, Event, MONEY_ROLES, NUMBER_ROLES, roles};
use crate::gazetteer::Gazetteer;
use crate::mention::{Mention, MentionValue};
use crate::span::CharMap;
use crate::temporal::Anchor;

/// Version of the record schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: &str = "1";

/// A decimal number written as a plain JSON/CSV number: `589000000000`, `0.14`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number(pub String);

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "description": "A decimal number written plainly (589000000000, 0.14, -97)."
        })
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Ok(i) = self.0.parse::<i64>() {
            return s.serialize_i64(i);
        }
        match self.0.parse::<f64>() {
            Ok(f) => s.serialize_f64(f),
            Err(_) => s.serialize_str(&self.0),
        }
    }
}

/// One mention (`"record": "mention"`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MentionRecord {
    /// Article id.
    pub article: String,
    /// `m1`, `m2`, … in text order within the article.
    pub id: String,
    /// `company`, `ticker`, `model`, `date`, `money` or `percent`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Exact surface text.
    pub text: String,
    /// Start, in characters.
    pub start: usize,
    /// End (exclusive), in characters.
    pub end: usize,
    /// 0-based sentence index.
    pub sentence: usize,
    /// Canonical entity name (companies, models; tickers: the listed company).
    pub entity: Option<String>,
    /// Stable entity slug (`alibaba`).
    pub entity_id: Option<String>,
    /// One string form for every type: canonical name, `9988.HK`, TIMEX3
    /// value, `0.14 USD`, `97`.
    pub normalized: Option<String>,
    /// What found it: `gazetteer` (a list name), `pattern` (a recognizer's
    /// rule) or `discovered` (a company name not in the lists, found by its
    /// form and context).
    pub source: &'static str,
    /// Ticker: symbol in the `0700.HK` form.
    pub symbol: Option<String>,
    /// Ticker: exchange as ISO 10383 MIC (`XHKG`).
    pub exchange: Option<String>,
    /// Ticker: id of the listed company.
    pub company: Option<String>,
    /// Model: id of the developer company.
    pub developer: Option<String>,
    /// Date: TIMEX3 value (`2025-01-29`, `2024-Q3`, `P3W`, `PRESENT_REF`,
    /// `2025-01-10/2025-01-12`), null when unresolved.
    pub value: Option<String>,
    /// Date: TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`).
    pub timex_type: Option<&'static str>,
    /// Date: what the value was computed from: `none` (absolute), `dct`
    /// (the document creation time), the id of another mention (`m7`: "two
    /// days after DeepSeek-R1's launch" counts from the date given for that
    /// launch), or `unresolved` (relative with nothing to resolve it
    /// against, such as no DCT: value null).
    pub anchor: Option<String>,
    /// Money: amount in units of `currency`.
    pub amount: Option<Number>,
    /// Money: ISO 4217 code.
    pub currency: Option<&'static str>,
    /// Percent: the number in percent (97 for 97%).
    pub percent: Option<Number>,
    /// Model: family (`Qwen`), from the list or the family pattern.
    pub family: Option<String>,
    /// Company, model: `true` when the entity is a gazetteer row, `false`
    /// for an unlisted model version or a discovered company (then
    /// `entity_id` is null and `entity` the name as found).
    pub in_gazetteer: Option<bool>,
    /// Company: id of the parent company, for units and subsidiaries
    /// (`alibaba-cloud` → `alibaba`, `google` → `alphabet`), so that counts
    /// can be rolled up to one group.
    pub parent: Option<String>,
    /// Percent: `true` for a change in percentage points (`3 percentage
    /// points`), `false` for a percentage. Last, so that the columns of
    /// schema version 1 keep their places.
    pub points: Option<bool>,
}

/// One event argument: surface, normalized value, mention id, and for
/// entities, money and numbers their typed parts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ArgumentRecord {
    /// Surface text, or null for arguments inferred without one.
    pub text: Option<String>,
    /// Normalized value (canonical name, TIMEX3 value, status or direction
    /// word, signed number, `0.14 USD`, phrase).
    pub normalized: Option<String>,
    /// Id of the mention (`m3`), or null.
    pub mention: Option<String>,
    /// Company or model: the entity's id (`alibaba`), where it is listed.
    pub entity_id: Option<String>,
    /// Money and number roles: the number (`0.14`, `-97`), without currency.
    pub value: Option<Number>,
    /// Money roles: ISO 4217 code.
    pub currency: Option<String>,
}

/// One event (`"record": "event"`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EventRecord {
    /// Article id.
    pub article: String,
    /// `e1`, `e2`, … in text order within the article.
    pub id: String,
    /// `release` or `price_change`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `product_price`, `price_quote` or `share_price` for a price change;
    /// null for a release.
    pub subtype: Option<&'static str>,
    /// Trigger surface (`unveiled`).
    pub trigger: String,
    /// Trigger start, in characters.
    pub trigger_start: usize,
    /// Trigger end (exclusive), in characters.
    pub trigger_end: usize,
    /// 0-based sentence index.
    pub sentence: usize,
    /// The evidence sentence, exactly as in the text.
    pub evidence: String,
    /// Evidence start, in characters.
    pub evidence_start: usize,
    /// Evidence end (exclusive), in characters.
    pub evidence_end: usize,
    /// Id of the rule that fired (`release.svo`).
    pub rule: &'static str,
    /// The rule's confidence, 0 to 1.
    pub confidence: f64,
    /// True for a negated event ("did not cut prices").
    pub negated: bool,
    /// True for an event implied by a reference to an earlier one ("followed
    /// suit").
    pub inferred: bool,
    /// Arguments by role: every role of the type ([`crate::event::roles`]),
    /// with null fields where the event has none.
    pub arguments: BTreeMap<&'static str, ArgumentRecord>,
}

impl EventRecord {
    /// False for negated and hypothetical events, which the CSV leaves out
    /// unless `--all-events`.
    pub fn is_asserted(&self) -> bool {
        crate::event::is_asserted(
            self.negated,
            self.arguments
                .get("status")
                .and_then(|a| a.normalized.as_deref()),
        )
    }
}

/// One input article (`"record": "article"`), processed or failed.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ArticleRecord {
    /// Article id.
    pub id: String,
    /// Input file (`-` for standard input).
    pub path: String,
    /// 1-based line of a JSONL input (of a JSON array: where the element
    /// starts).
    pub line: Option<u64>,
    /// Headline, where given.
    pub title: Option<String>,
    /// Document creation time, `YYYY-MM-DD`.
    pub dct: Option<String>,
    /// Where the DCT came from: `front_matter`, `json`, `html` (the page's
    /// metadata), `warc` (the record's `WARC-Date`), `dateline` or `option`
    /// (`--published`, or the gold's DCT under `newsie eval`).
    pub dct_source: Option<&'static str>,
    /// `processed` or `failed`.
    pub status: &'static str,
    /// Characters of text.
    pub chars: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of mentions.
    pub mentions: usize,
    /// Number of events.
    pub events: usize,
    /// Why it failed, for failed articles.
    pub error: Option<String>,
}

/// An error or warning about an input (`"record": "error"|"warning"`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NoticeRecord {
    /// `error` (the input or article failed) or `warning` (processed anyway).
    #[serde(skip)]
    pub level: Level,
    /// Input file (`-` for standard input).
    pub input: String,
    /// 1-based line, where the input is line-based.
    pub line: Option<u64>,
    /// Article id, where one is known.
    pub article: Option<String>,
    /// What happened.
    pub reason: String,
}

/// Severity of a [`NoticeRecord`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something failed and produced no rows.
    Error,
    /// Processed, but something was ignored or guessed.
    Warning,
}

impl Level {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }
}

/// The record id of mention `i` (0-based, in text order): `m1`, `m2`, …
fn mention_id(i: usize) -> String {
    format!("m{}", i + 1)
}

/// Builds the mention and event records of one article.
pub fn records(
    article: &str,
    doc: &Doc,
    events: &[Event],
    gazetteer: &Gazetteer,
) -> (Vec<MentionRecord>, Vec<EventRecord>) {
    let chars = CharMap::new(doc.text);
    let mentions = doc
        .mentions
        .iter()
        .enumerate()
        .map(|(i, m)| mention_record(article, mention_id(i), m, doc, &chars, gazetteer))
        .collect();
    let events = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (ts, te) = chars.char_span(e.trigger);
            let sentence = doc.sentences[e.sentence].span;
            let (es, ee) = chars.char_span(sentence);
            // Every role of the type, so every event record of a type has
            // the same keys.
            let arguments = roles(e.kind)
                .iter()
                .map(|role| {
                    if *role == "status" {
                        let record = ArgumentRecord {
                            text: None,
                            normalized: Some(e.status.as_str().to_string()),
                            mention: None,
                            entity_id: None,
                            value: None,
                            currency: None,
                        };
                        return (*role, record);
                    }
                    (
                        *role,
                        argument_record(doc, gazetteer, role, e.argument(role)),
                    )
                })
                .collect();
            EventRecord {
                article: article.to_string(),
                id: format!("e{}", i + 1),
                kind: e.kind,
                subtype: e.subtype,
                trigger: e.trigger.slice(doc.text).to_string(),
                trigger_start: ts,
                trigger_end: te,
                sentence: e.sentence,
                evidence: sentence.slice(doc.text).to_string(),
                evidence_start: es,
                evidence_end: ee,
                rule: e.rule,
                confidence: e.confidence,
                negated: e.negated,
                inferred: e.inferred,
                arguments,
            }
        })
        .collect();
    (mentions, events)
}

/// The record of one argument of `role` (all fields null when absent).
fn argument_record(doc: &Doc, g: &Gazetteer, role: &str, a: Option<&Argument>) -> ArgumentRecord {
    let normalized = a.and_then(|a| a.normalized.clone());
    let (value, currency) = match normalized.as_deref() {
        Some(n) if MONEY_ROLES.contains(&role) => match n.split_once(' ') {
            Some((amount, code)) => (Some(Number(amount.to_string())), Some(code.to_string())),
            None => (Some(Number(n.to_string())), None),
        },
        Some(n) if NUMBER_ROLES.contains(&role) => (Some(Number(n.to_string())), None),
        _ => (None, None),
    };
    ArgumentRecord {
        text: a
            .and_then(|a| a.span)
            .map(|s| s.slice(doc.text).to_string()),
        normalized,
        mention: a.and_then(|a| a.mention).map(mention_id),
        entity_id: a.and_then(|a| a.entity).map(|e| g.entity(e).id.clone()),
        value,
        currency,
    }
}

fn mention_record(
    article: &str,
    id: String,
    m: &Mention,
    doc: &Doc,
    chars: &CharMap,
    g: &Gazetteer,
) -> MentionRecord {
    let (start, end) = chars.char_span(m.span);
    let mut r = MentionRecord {
        article: article.to_string(),
        id,
        kind: m.kind.as_str(),
        text: m.span.slice(doc.text).to_string(),
        start,
        end,
        sentence: doc.sentence_of(m.span.start),
        entity: None,
        entity_id: None,
        normalized: None,
        source: m.source,
        symbol: None,
        exchange: None,
        company: None,
        developer: None,
        value: None,
        timex_type: None,
        anchor: None,
        amount: None,
        currency: None,
        percent: None,
        points: None,
        family: None,
        in_gazetteer: None,
        parent: None,
    };
    match &m.value {
        MentionValue::Entity(e) => {
            let e = g.entity(*e);
            r.entity = Some(e.canonical.clone());
            r.entity_id = Some(e.id.clone());
            r.normalized = Some(e.canonical.clone());
            r.developer = e.developer.clone();
            r.family = e.family.clone();
            r.in_gazetteer = Some(true);
            r.parent = e.parent.clone();
        }
        MentionValue::UnlistedModel {
            name,
            family,
            developer,
        } => {
            r.entity = Some(name.clone());
            r.normalized = Some(name.clone());
            r.developer = developer.clone();
            r.family = Some(family.clone());
            r.in_gazetteer = Some(false);
        }
        MentionValue::DiscoveredCompany { name } => {
            r.entity = Some(name.clone());
            r.normalized = Some(name.clone());
            r.in_gazetteer = Some(false);
        }
        MentionValue::Ticker {
            symbol,
            mic,
            company,
        } => {
            if let Some(c) = company {
                let c = g.entity(*c);
                r.entity = Some(c.canonical.clone());
                r.entity_id = Some(c.id.clone());
                r.company = Some(c.id.clone());
            }
            r.normalized = Some(symbol.clone());
            r.symbol = Some(symbol.clone());
            r.exchange = mic.map(str::to_string);
        }
        MentionValue::Date { timex, .. } => {
            if let Some(t) = timex {
                r.value = t.value.clone();
                r.normalized = t.value.clone();
                r.timex_type = Some(t.timex_type.as_str());
                r.anchor = Some(match t.anchor {
                    Anchor::Mention(i) => mention_id(i),
                    a => a.as_str().to_string(),
                });
            }
        }
        MentionValue::Money { amount, currency } => {
            r.normalized = Some(format!("{amount} {currency}"));
            r.amount = Some(Number(amount.clone()));
            r.currency = Some(currency);
        }
        MentionValue::Percent { percent, points } => {
            r.normalized = Some(if *points {
                format!("{percent} pp")
            } else {
                percent.clone()
            });
            r.percent = Some(Number(percent.clone()));
            r.points = Some(*points);
        }
    }
    r
}

/// The columns of the mentions CSV: the fields of [`MentionRecord`], in order.
pub fn mention_csv_header() -> Vec<String> {
    [
        "article",
        "id",
        "type",
        "text",
        "start",
        "end",
        "sentence",
        "entity",
        "entity_id",
        "normalized",
        "source",
        "symbol",
        "exchange",
        "company",
        "developer",
        "value",
        "timex_type",
        "anchor",
        "amount",
        "currency",
        "percent",
        "family",
        "in_gazetteer",
        "parent",
        "points",
    ]
    .map(String::from)
    .to_vec()
}

/// The columns of the articles CSV: the fields of [`ArticleRecord`], in order.
pub fn article_csv_header() -> Vec<String> {
    [
        "id",
        "path",
        "line",
        "title",
        "dct",
        "dct_source",
        "status",
        "chars",
        "sentences",
        "mentions",
        "events",
        "error",
    ]
    .map(String::from)
    .to_vec()
}

/// Columns of the events CSV after the fixed ones, each `(column, role,
/// part)`: `n` the normalized value, `t` the surface, `m` the mention id,
/// `i` the entity id, `v` the number, `c` the currency.
const EVENT_COLUMNS: [(&str, &str, char); 33] = [
    ("company", "company", 'n'),
    ("company_text", "company", 't'),
    ("company_mention", "company", 'm'),
    ("product", "product", 'n'),
    ("product_text", "product", 't'),
    ("product_mention", "product", 'm'),
    ("date", "date", 'n'),
    ("date_text", "date", 't'),
    ("date_mention", "date", 'm'),
    ("status", "status", 'n'),
    ("company_id", "company", 'i'),
    ("item", "item", 'n'),
    ("item_text", "item", 't'),
    ("item_mention", "item", 'm'),
    ("direction", "direction", 'n'),
    ("change_percent", "change_percent", 'v'),
    ("change_points", "change_points", 'v'),
    ("qualifier", "qualifier", 'n'),
    ("old_price", "old_price", 'v'),
    ("old_price_currency", "old_price", 'c'),
    ("new_price", "new_price", 'v'),
    ("new_price_currency", "new_price", 'c'),
    ("change_amount", "change_amount", 'v'),
    ("change_amount_currency", "change_amount", 'c'),
    ("price_amount", "price", 'v'),
    ("price_currency", "price", 'c'),
    ("price_amount_2", "price_2", 'v'),
    ("price_currency_2", "price_2", 'c'),
    ("price_unit", "price_unit", 'n'),
    ("ticker", "ticker", 'n'),
    ("exchange", "exchange", 'n'),
    ("negated", "", 'x'),
    ("inferred", "", 'x'),
];

/// The flat CSV form of an event: one fixed column set for every type
/// (`article` … `confidence`, the argument columns of [`EVENT_COLUMNS`],
/// then the evidence), empty cells for roles the event does not have, and
/// numbers (`change_percent`, prices) as plain numbers with the currency in
/// a column of its own.
pub fn event_csv_header() -> Vec<String> {
    let mut h: Vec<String> = [
        "article",
        "id",
        "type",
        "subtype",
        "trigger",
        "trigger_start",
        "trigger_end",
        "sentence",
        "rule",
        "confidence",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    h.extend(EVENT_COLUMNS.iter().map(|(c, _, _)| c.to_string()));
    h.extend(["evidence_start", "evidence_end", "evidence"].map(String::from));
    h
}

/// One event as a CSV row matching [`event_csv_header`].
pub fn event_csv_row(e: &EventRecord) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut row = vec![
        e.article.clone(),
        e.id.clone(),
        e.kind.to_string(),
        e.subtype.unwrap_or_default().to_string(),
        e.trigger.clone(),
        e.trigger_start.to_string(),
        e.trigger_end.to_string(),
        e.sentence.to_string(),
        e.rule.to_string(),
        e.confidence.to_string(),
    ];
    for (column, role, part) in EVENT_COLUMNS {
        let a = e.arguments.get(role);
        row.push(match part {
            'n' => a.map(|a| opt(&a.normalized)).unwrap_or_default(),
            't' => a.map(|a| opt(&a.text)).unwrap_or_default(),
            'm' => a.map(|a| opt(&a.mention)).unwrap_or_default(),
            'i' => a.map(|a| opt(&a.entity_id)).unwrap_or_default(),
            'v' => a
                .and_then(|a| a.value.as_ref())
                .map(|n| n.0.clone())
                .unwrap_or_default(),
            'c' => a.map(|a| opt(&a.currency)).unwrap_or_default(),
            _ => (if column == "negated" {
                e.negated
            } else {
                e.inferred
            })
            .to_string(),
        });
    }
    row.extend([
        e.evidence_start.to_string(),
        e.evidence_end.to_string(),
        e.evidence.clone(),
    ]);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header csv would infer from a record's fields.
    fn inferred_header<T: Serialize>(record: &T) -> Vec<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(record).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        out.lines()
            .next()
            .unwrap()
            .split(',')
            .map(String::from)
            .collect()
    }

    #[test]
    fn csv_headers_match_the_record_fields() {
        let m = MentionRecord {
            article: "a".into(),
            id: "m1".into(),
            kind: "money",
            text: "$1".into(),
            start: 0,
            end: 2,
            sentence: 0,
            entity: None,
            entity_id: None,
            normalized: Some("1 USD".into()),
            source: "pattern",
            symbol: None,
            exchange: None,
            company: None,
            developer: None,
            value: None,
            timex_type: None,
            anchor: None,
            amount: Some(Number("1".into())),
            currency: Some("USD"),
            percent: None,
            points: None,
            family: None,
            in_gazetteer: None,
            parent: None,
        };
        assert_eq!(inferred_header(&m), mention_csv_header());
        let a = ArticleRecord {
            id: "a".into(),
            path: "a.txt".into(),
            line: None,
            title: None,
            dct: None,
            dct_source: None,
            status: "processed",
            chars: 0,
            sentences: 0,
            mentions: 0,
            events: 0,
            error: None,
        };
        assert_eq!(inferred_header(&a), article_csv_header());
    }

    #[test]
    fn numbers_are_plain() {
        let json = |s: &str| serde_json::to_string(&Number(s.into())).unwrap();
        assert_eq!(json("589000000000"), "589000000000");
        assert_eq!(json("0.14"), "0.14");
        assert_eq!(json("-3.2"), "-3.2");
    }
}
