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
use crate::event::merge::MergedEvent;
use crate::event::{Argument, Event, MONEY_ROLES, NUMBER_ROLES, roles};
use crate::gazetteer::Gazetteer;
use crate::mention::{Mention, MentionValue};
use crate::output::csv_safe::Column;
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
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
    /// `processed`, `skipped` (not English: see `--all-languages`) or
    /// `failed`.
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
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// Something failed and produced no rows.
    Error,
    /// Processed, but something was ignored or guessed.
    #[default]
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

/// The columns of the mentions CSV, the fields of [`MentionRecord`] in
/// order, each with what it holds ([`Column::Number`]: offsets, `amount`,
/// `percent` and the `true`/`false` flags; everything else, `normalized`
/// included, is [`Column::Text`]: see [`crate::output::csv_safe`]).
///
/// `normalized` is text: it is one string for every type, and for
/// companies and models it is a name taken from the article. A mention's
/// number is in `amount` (money) or `percent`, which are numbers.
pub const MENTION_COLUMNS: [(&str, Column); 25] = [
    ("article", Column::Text),
    ("id", Column::Text),
    ("type", Column::Text),
    ("text", Column::Text),
    ("start", Column::Number),
    ("end", Column::Number),
    ("sentence", Column::Number),
    ("entity", Column::Text),
    ("entity_id", Column::Text),
    ("normalized", Column::Text),
    ("source", Column::Text),
    ("symbol", Column::Text),
    ("exchange", Column::Text),
    ("company", Column::Text),
    ("developer", Column::Text),
    ("value", Column::Text),
    ("timex_type", Column::Text),
    ("anchor", Column::Text),
    ("amount", Column::Number),
    ("currency", Column::Text),
    ("percent", Column::Number),
    ("family", Column::Text),
    ("in_gazetteer", Column::Number),
    ("parent", Column::Text),
    ("points", Column::Number),
];

/// The columns of the mentions CSV: the fields of [`MentionRecord`], in order.
pub fn mention_csv_header() -> Vec<String> {
    names_of(&MENTION_COLUMNS)
}

/// What each column of [`mention_csv_header`] holds.
pub fn mention_csv_kinds() -> Vec<Column> {
    kinds_of(&MENTION_COLUMNS)
}

/// A [`Number`] as a CSV cell, exactly as serde writes it to CSV: an
/// integer as written, another decimal in the shortest form that reads back
/// to the same `f64` (`0.14`, `3.5`), anything else unchanged.
fn number_cell(n: &Number) -> String {
    if let Ok(i) = n.0.parse::<i64>() {
        return i.to_string();
    }
    match n.0.parse::<f64>() {
        Ok(f) => ryu::Buffer::new().format(f).to_string(),
        Err(_) => n.0.clone(),
    }
}

/// One mention as a CSV row matching [`mention_csv_header`], cells not yet
/// neutralized: absent fields are empty cells, flags `true`/`false`.
pub fn mention_csv_row(m: &MentionRecord) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let k = |v: Option<&str>| v.unwrap_or_default().to_string();
    let n = |v: &Option<Number>| v.as_ref().map(number_cell).unwrap_or_default();
    let b = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
    vec![
        m.article.clone(),
        m.id.clone(),
        m.kind.to_string(),
        m.text.clone(),
        m.start.to_string(),
        m.end.to_string(),
        m.sentence.to_string(),
        s(&m.entity),
        s(&m.entity_id),
        s(&m.normalized),
        m.source.to_string(),
        s(&m.symbol),
        s(&m.exchange),
        s(&m.company),
        s(&m.developer),
        s(&m.value),
        k(m.timex_type),
        s(&m.anchor),
        n(&m.amount),
        k(m.currency),
        n(&m.percent),
        s(&m.family),
        b(m.in_gazetteer),
        s(&m.parent),
        b(m.points),
    ]
}

/// The columns of the articles CSV, the fields of [`ArticleRecord`] in
/// order, with what each holds (`line` and the counts are numbers).
pub const ARTICLE_COLUMNS: [(&str, Column); 12] = [
    ("id", Column::Text),
    ("path", Column::Text),
    ("line", Column::Number),
    ("title", Column::Text),
    ("dct", Column::Text),
    ("dct_source", Column::Text),
    ("status", Column::Text),
    ("chars", Column::Number),
    ("sentences", Column::Number),
    ("mentions", Column::Number),
    ("events", Column::Number),
    ("error", Column::Text),
];

/// The columns of the articles CSV: the fields of [`ArticleRecord`], in order.
pub fn article_csv_header() -> Vec<String> {
    names_of(&ARTICLE_COLUMNS)
}

/// What each column of [`article_csv_header`] holds.
pub fn article_csv_kinds() -> Vec<Column> {
    kinds_of(&ARTICLE_COLUMNS)
}

/// One article as a CSV row matching [`article_csv_header`], cells not yet
/// neutralized.
pub fn article_csv_row(a: &ArticleRecord) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        a.id.clone(),
        a.path.clone(),
        a.line.map(|l| l.to_string()).unwrap_or_default(),
        s(&a.title),
        s(&a.dct),
        a.dct_source.unwrap_or_default().to_string(),
        a.status.to_string(),
        a.chars.to_string(),
        a.sentences.to_string(),
        a.mentions.to_string(),
        a.events.to_string(),
        s(&a.error),
    ]
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

/// The names of a table's columns.
fn names_of(columns: &[(&str, Column)]) -> Vec<String> {
    columns.iter().map(|(c, _)| c.to_string()).collect()
}

/// What each of a table's columns holds.
fn kinds_of(columns: &[(&str, Column)]) -> Vec<Column> {
    columns.iter().map(|&(_, k)| k).collect()
}

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

/// What each column of [`event_csv_header`] holds: the offsets,
/// `sentence`, `confidence`, the plain numbers of money and number roles
/// (`change_percent`, `change_points`, the prices and `change_amount`: a
/// signed `-97` stays a number) and the `negated`/`inferred` flags are
/// [`Column::Number`]; every other column (surfaces, normalized values,
/// mention and entity ids, currencies, the evidence) is [`Column::Text`].
pub fn event_csv_kinds() -> Vec<Column> {
    use Column::{Number, Text};
    let mut k = vec![
        Text, Text, Text, Text, Text, Number, Number, Number, Text, Number,
    ];
    k.extend(EVENT_COLUMNS.iter().map(|(_, _, part)| match part {
        'v' | 'x' => Number,
        _ => Text,
    }));
    k.extend([Number, Number, Text]);
    k
}

/// The columns of `newsie events merge -f csv`, the fields of
/// [`MergedEvent`] in order, with what each holds: `change_percent` (a
/// signed number in percent), `negated`, `articles` and `events` are
/// numbers; `price` (`amount CODE`) and the rest are text.
pub const MERGED_COLUMNS: [(&str, Column); 19] = [
    ("type", Column::Text),
    ("subtype", Column::Text),
    ("company", Column::Text),
    ("company_id", Column::Text),
    ("product", Column::Text),
    ("item", Column::Text),
    ("direction", Column::Text),
    ("change_percent", Column::Number),
    ("price", Column::Text),
    ("price_unit", Column::Text),
    ("status", Column::Text),
    ("negated", Column::Number),
    ("date", Column::Text),
    ("first_seen", Column::Text),
    ("articles", Column::Number),
    ("events", Column::Number),
    ("article_ids", Column::Text),
    ("event_ids", Column::Text),
    ("evidence", Column::Text),
];

/// The header of `newsie events merge -f csv`.
pub fn merged_csv_header() -> Vec<String> {
    names_of(&MERGED_COLUMNS)
}

/// What each column of [`merged_csv_header`] holds.
pub fn merged_csv_kinds() -> Vec<Column> {
    kinds_of(&MERGED_COLUMNS)
}

/// One merged event as a CSV row matching [`merged_csv_header`], cells not
/// yet neutralized.
pub fn merged_csv_row(m: &MergedEvent) -> Vec<String> {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        m.kind.clone(),
        s(&m.subtype),
        s(&m.company),
        s(&m.company_id),
        s(&m.product),
        s(&m.item),
        s(&m.direction),
        s(&m.change_percent),
        s(&m.price),
        s(&m.price_unit),
        s(&m.status),
        m.negated.to_string(),
        s(&m.date),
        s(&m.first_seen),
        m.articles.to_string(),
        m.events.to_string(),
        m.article_ids.clone(),
        m.event_ids.clone(),
        m.evidence.clone(),
    ]
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

    /// The row csv's serde path writes for a record, as strings.
    fn serde_row<T: Serialize>(record: &T) -> Vec<String> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        w.serialize(record).unwrap();
        let bytes = w.into_inner().unwrap();
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes.as_slice());
        let row = r.records().next().unwrap().unwrap();
        row.iter().map(String::from).collect()
    }

    fn money_mention() -> MentionRecord {
        MentionRecord {
            article: "a".into(),
            id: "m1".into(),
            kind: "money",
            text: "-$3.50".into(),
            start: 4,
            end: 10,
            sentence: 0,
            entity: None,
            entity_id: None,
            normalized: Some("3.5 USD".into()),
            source: "pattern",
            symbol: None,
            exchange: None,
            company: None,
            developer: None,
            value: None,
            timex_type: None,
            anchor: None,
            amount: Some(Number("3.50".into())),
            currency: Some("USD"),
            percent: None,
            points: Some(false),
            family: None,
            in_gazetteer: Some(true),
            parent: None,
        }
    }

    #[test]
    fn explicit_rows_are_what_serde_wrote() {
        let mut m = money_mention();
        assert_eq!(mention_csv_row(&m), serde_row(&m));
        m.amount = Some(Number("589000000000".into()));
        m.percent = Some(Number("0.14".into()));
        m.normalized = None;
        m.anchor = Some("m7".into());
        assert_eq!(mention_csv_row(&m), serde_row(&m));
        let row = mention_csv_row(&m);
        assert_eq!(
            (&row[18][..], &row[20][..], &row[22][..]),
            ("589000000000", "0.14", "true")
        );
        let a = ArticleRecord {
            id: "=a".into(),
            path: "-".into(),
            line: Some(3),
            title: Some("T, \"q\"".into()),
            dct: Some("2025-01-29".into()),
            dct_source: Some("json"),
            status: "processed",
            chars: 120,
            sentences: 2,
            mentions: 5,
            events: 1,
            error: None,
        };
        assert_eq!(article_csv_row(&a), serde_row(&a));
        let merged = MergedEvent {
            kind: "price_change".into(),
            subtype: Some("product_price".into()),
            company: Some("DeepSeek".into()),
            company_id: Some("deepseek".into()),
            product: None,
            item: Some("API".into()),
            direction: Some("down".into()),
            change_percent: Some("-97".into()),
            price: Some("0.14 USD".into()),
            price_unit: Some("per 1 million tokens".into()),
            status: Some("announced".into()),
            negated: false,
            date: Some("2025-01".into()),
            first_seen: None,
            articles: 2,
            events: 3,
            article_ids: "a;b".into(),
            event_ids: "a#e1;b#e1".into(),
            evidence: "-97% off.".into(),
        };
        assert_eq!(merged_csv_row(&merged), serde_row(&merged));
        assert_eq!(merged_csv_header(), inferred_header(&merged));
        let mut row = merged_csv_row(&merged);
        crate::output::csv_safe::neutralize_row(&merged_csv_kinds(), &mut row);
        assert_eq!((&row[7][..], &row[18][..]), ("-97", "'-97% off."));
    }

    /// The mentions.csv a folder writer gives for `mentions`, read back
    /// through the csv crate's reader.
    fn written(mentions: &[MentionRecord], raw: bool) -> Vec<Vec<String>> {
        use crate::output::{Format, Writer};
        let dir = tempfile::tempdir().unwrap();
        let mut w = Writer::dir(dir.path(), Format::Csv)
            .unwrap()
            .with_csv_raw(raw);
        let a = ArticleRecord {
            id: "a".into(),
            path: "a.txt".into(),
            line: None,
            title: None,
            dct: None,
            dct_source: None,
            status: "processed",
            chars: 40,
            sentences: 1,
            mentions: mentions.len(),
            events: 0,
            error: None,
        };
        w.write_article(&a, &[], mentions, &[]).unwrap();
        w.finish(None).unwrap();
        let mut r = csv::Reader::from_path(dir.path().join("mentions.csv")).unwrap();
        r.records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn csv_cells_are_neutralized_by_column_and_round_trip() {
        let money = money_mention();
        let mut nasty = money_mention();
        nasty.text = "=HYPERLINK(\"http://x\", \"a,b\")\r\n\"q\"".into();
        nasty.normalized = Some("-97".into());
        nasty.amount = Some(Number("-3".into()));
        let mut ticker = money_mention();
        ticker.text = "0700.HK".into();
        ticker.symbol = Some("0700.HK".into());
        let rows = written(&[money.clone(), nasty.clone(), ticker], false);
        let col = |name: &str| {
            MENTION_COLUMNS
                .iter()
                .position(|(c, _)| *c == name)
                .unwrap()
        };
        assert_eq!(rows[0][col("text")], "'-$3.50");
        assert_eq!(rows[0][col("amount")], "3.5");
        assert_eq!(rows[0][col("start")], "4");
        assert_eq!(rows[0][col("in_gazetteer")], "true");
        // Quotes, comma and CRLF survive the RFC 4180 quoting.
        assert_eq!(rows[1][col("text")], format!("'{}", nasty.text));
        assert_eq!(rows[1][col("normalized")], "'-97");
        assert_eq!(rows[1][col("amount")], "-3");
        assert_eq!(rows[2][col("text")], "0700.HK");
        assert_eq!(rows[2][col("symbol")], "0700.HK");
        let raw = written(&[money, nasty.clone()], true);
        assert_eq!(raw[0][col("text")], "-$3.50");
        assert_eq!(raw[1][col("text")], nasty.text);
        assert_eq!(raw[1][col("normalized")], "-97");
    }

    #[test]
    fn column_kinds_cover_every_column() {
        assert_eq!(mention_csv_kinds().len(), mention_csv_header().len());
        assert_eq!(article_csv_kinds().len(), article_csv_header().len());
        assert_eq!(event_csv_kinds().len(), event_csv_header().len());
        let numbers = |h: Vec<String>, k: Vec<Column>| -> Vec<String> {
            h.into_iter()
                .zip(k)
                .filter(|(_, k)| *k == Column::Number)
                .map(|(h, _)| h)
                .collect()
        };
        assert_eq!(
            numbers(mention_csv_header(), mention_csv_kinds()),
            [
                "start",
                "end",
                "sentence",
                "amount",
                "percent",
                "in_gazetteer",
                "points"
            ]
        );
        assert_eq!(
            numbers(event_csv_header(), event_csv_kinds()),
            [
                "trigger_start",
                "trigger_end",
                "sentence",
                "confidence",
                "change_percent",
                "change_points",
                "old_price",
                "new_price",
                "change_amount",
                "price_amount",
                "price_amount_2",
                "negated",
                "inferred",
                "evidence_start",
                "evidence_end",
            ]
        );
        assert_eq!(
            numbers(article_csv_header(), article_csv_kinds()),
            ["line", "chars", "sentences", "mentions", "events"]
        );
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
